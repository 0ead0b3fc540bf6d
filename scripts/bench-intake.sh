#!/usr/bin/env bash
# Intake benchmark (not a test): drop-to-stored latency of the watch daemon, a 1,000-file nightly
# batch's throughput and peak memory, and the same batch with 1, 2 and 4 processes sharing one
# PostgreSQL vault beside SQLite with as many workers. Needs the release build, the corpus (make
# corpus) and the private PostgreSQL cluster (make postgres).
set -euo pipefail
binary=$(realpath "${1:-.build/release/cvsieve}")
corpus=$(realpath "${2:-var/corpus}")
work=$(mktemp -d)
trap 'pkill -TERM -f "$binary watch --config $work" 2>/dev/null || true; rm -rf "$work"' EXIT
sed -e "s#^inbox: .*#inbox: ./inbox#" -e "s#^data: .*#data: ./data#" pipeline.yml > "$work/pipeline.yml"
mkdir -p "$work/inbox/sollicitatie"
repo=$(pwd)
cd "$work"
documents() { "$binary" status --config pipeline.yml --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["vault"].get("document",0))'; }

# 1. Latency: the daemon running, one CV dropped at a time, time until its document is stored.
# A claimed file stays in the work folder until the commit that stores it, so "stored" is seen as
# the dropped file gone from the inbox and nothing left in data/work: a look every 5 ms, where
# asking `cvsieve status` would cost a process start and a vault open (about 0.1 s of CPU) per
# look, taken from the daemon being measured. The vault's count is checked once at the end.
"$binary" watch --config "$work/pipeline.yml" 2>/dev/null &
sleep 1
before=$(documents)
latencies=()
i=0
for file in $(ls "$corpus"/*.pdf | head -10) $(ls "$corpus"/*.docx | head -10); do
    dropped="inbox/sollicitatie/lat-$i.${file##*.}"
    start=$(date +%s.%N)
    cp "$file" "$dropped"
    deadline=$(($(date +%s) + 60))
    while [ -e "$dropped" ] || [ -n "$(find data/work -type f ! -name "spare-*" 2>/dev/null)" ]; do
        [ "$(date +%s)" -lt "$deadline" ] || { echo "latency: a dropped CV was not stored within 60 s (see the daemon's log)" >&2; exit 1; }
        sleep 0.005
    done
    latencies+=("$(echo "$(date +%s.%N) - $start" | bc)")
    i=$((i + 1))
done
pkill -TERM -f "$binary watch --config $work" || true
wait || true
stored=$(($(documents) - before))
printf '%s\n' "${latencies[@]}" | sort -n | awk -v stored="$stored" '{a[NR]=$1} END {printf "drop-to-stored latency over %d CVs (%d stored): median %.2f s, max %.2f s\n", NR, stored, a[int((NR+1)/2)], a[NR]}'

# 2. A 1,000-file batch: the corpus, plus PDF copies made distinct by a trailing comment.
fill() {  # the 1,000 files, in a fresh inbox, with no vault yet
    local count round file
    rm -rf inbox data* shared && mkdir -p inbox/sollicitatie shared
    cp "$corpus"/*.pdf "$corpus"/*.docx inbox/sollicitatie/
    count=$(ls inbox/sollicitatie | wc -l); round=0
    while [ "$count" -lt 1000 ]; do
        for file in "$corpus"/*.pdf; do
            [ "$count" -ge 1000 ] && break
            { cat "$file"; printf '\n%% copy %d\n' "$round"; } > "inbox/sollicitatie/copy-$round-$(basename "$file")"
            count=$((count + 1))
        done
        round=$((round + 1))
    done
}
fill
workers=$(grep -E "^  workers:" pipeline.yml | awk '{print $2}')
workers=${workers:-$(nproc)}
cp -r inbox/sollicitatie batch-files   # the same files for the peer and the burst below
/usr/bin/time -v "$binary" run --config pipeline.yml --json > run.json 2> time.txt || true
run_rate=$(python3 - <<'PY'
import json, re
summary = json.load(open("run.json"))
text = open("time.txt").read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
files = len(summary["files"])
import sys
print(f"batch of {files} files: {summary['stored']} stored, {summary['duplicates']} duplicates, "
      f"{summary['quarantined']} quarantined in {summary['seconds']:.1f} s = {files / summary['seconds']:.0f} files/s; "
      f"peak memory of the run (largest of the process and its workers): {rss:.0f} MiB", file=sys.stderr)
print(files / summary["seconds"])
PY
)

# The peer on the same files with as many workers: pdftotext / a docx2txt-style reader, then
# deduce's detection and redaction (Tools/peers/deduce_batch.py; its load time not counted).
peer_python="$repo/var/peers/venv/bin/python"
if [ -x "$peer_python" ] && "$peer_python" -c "import deduce" 2>/dev/null; then
    # A failed peer does not stop the rest of the benchmark; it is reported and skipped.
    peer=$("$peer_python" "$repo/Tools/peers/deduce_batch.py" batch-files --workers "$workers" --json || true)
    python3 -c "
import json, sys
try:
    peer = json.loads(sys.argv[1])
except ValueError:
    sys.exit('deduce peer skipped: deduce_batch.py gave no figures (its first run builds deduce\\'s cache; run again)')
run = float(sys.argv[2])
print(f\"deduce pipeline, {peer['workers']} workers, same files: {peer['files_per_second']:.0f} files/s \"
      f\"({peer['failed']} failed); cvsieve run / deduce = {run / peer['files_per_second']:.2f}x\")" "$peer" "$run_rate" || true
else
    echo "deduce peer skipped: no var/peers/venv with deduce (see Tools/peers/README.md)"
fi

# A burst: the daemon running, the 1,000 files copied into the inbox at once (one cp),
# time until the last is stored, against run's rate on the same files.
rm -rf inbox data && mkdir -p inbox/sollicitatie
"$binary" watch --config "$work/pipeline.yml" 2>/dev/null &
sleep 1
start=$(date +%s.%N)
cp batch-files/* inbox/sollicitatie/
# Drained: nothing left in the inbox or a work folder (a file leaves only after its commit);
# counting files is cheap, unlike asking the vault, which would take CPU from the daemon.
while [ "$(find inbox data/work -type f ! -name "spare-*" 2>/dev/null | wc -l)" -gt 0 ]; do sleep 0.05; done
burst=$(echo "$(date +%s.%N) - $start" | bc)
pkill -TERM -f "$binary watch --config $work" || true
wait || true
python3 -c "
burst, run = float('$burst'), float('$run_rate')
print(f'watch burst of 1,000 files: drained in {burst:.1f} s = {1000 / burst:.0f} files/s = {1000 / burst / run:.2f}x run')"

# 3. Several processes on one PostgreSQL vault (the private cluster, make postgres), against SQLite
# with as many extraction workers in one process: the same 1,000 files each time, a fresh vault.
[ -s "$repo/var/pg/url" ] || { echo "no var/pg/url: run make postgres for the PostgreSQL part"; exit 0; }
url=$(cat "$repo/var/pg/url")
export PGPASSWORD=$(cat "$repo/var/pg/password")
export CVSIEVE_MASTER_KEY=$(head -c 32 /dev/urandom | base64)
umask 077
printf '%s' "$PGPASSWORD" > pg-password
config() {  # config NAME WORKERS [postgres SCHEMA]
    sed -e "s#^data: .*#data: ./data-$1#" -e "s#^  workers: .*#  workers: $2#" pipeline.yml > "$1.yml"
    grep -q "^  workers:" "$1.yml" || sed -i "s#^extraction:#extraction:\n  workers: $2#" "$1.yml"
    if [ "${3:-}" = postgres ]; then
        printf '\nvault:\n  backend: postgres\n  url: %s?schema=%s\n  password_file: ./pg-password\n  anchor: ./shared/audit.anchor\n' "$url" "$4" >> "$1.yml"
    fi
}
seconds() { python3 -c "import time; print(time.time())"; }
echo "processes/workers  SQLite (one process)  PostgreSQL (that many processes)  ratio"
for n in 1 2 4; do
    fill; config "sqlite-$n" "$n"
    start=$(seconds); "$binary" run --config "sqlite-$n.yml" --json > /dev/null; end=$(seconds)
    sqlite=$(python3 -c "print(1000 / ($end - $start))")
    fill; schema="bench_intake_$n"
    psql -q "$url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" 2>/dev/null
    for i in $(seq 1 "$n"); do config "pg-$n-$i" 1 postgres "$schema"; done
    # The first opens (and creates) the vault before the others start.
    "$binary" status --config "pg-$n-1.yml" > /dev/null
    start=$(seconds)
    for i in $(seq 1 "$n"); do "$binary" run --config "pg-$n-$i.yml" --json > "pg-$n-$i.json" & done
    wait
    end=$(seconds)
    stored=$("$binary" status --config "pg-$n-1.yml" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["vault"].get("document",0))')
    postgres=$(python3 -c "print(1000 / ($end - $start))")
    python3 -c "print(f'{$n:<18} {$sqlite:>8.0f} files/s        {$postgres:>8.0f} files/s ({$stored} stored)        {$postgres / $sqlite:.2f}x')"
    psql -q "$url" -c "DROP SCHEMA IF EXISTS $schema CASCADE" 2>/dev/null
done
