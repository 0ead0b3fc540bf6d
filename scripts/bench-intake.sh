#!/usr/bin/env bash
# Intake benchmark (not a test): drop-to-stored latency of the watch daemon, and a 1,000-file
# nightly batch's throughput and peak memory. Needs the release build and the corpus (make corpus).
set -euo pipefail
binary=$(realpath "${1:-.build/release/cvsieve}")
corpus=$(realpath "${2:-var/corpus}")
work=$(mktemp -d)
trap 'pkill -TERM -f "$binary watch --config $work" 2>/dev/null || true; rm -rf "$work"' EXIT
sed -e "s#^inbox: .*#inbox: ./inbox#" -e "s#^data: .*#data: ./data#" pipeline.yml > "$work/pipeline.yml"
mkdir -p "$work/inbox/sollicitatie"
cd "$work"
documents() { "$binary" status --config pipeline.yml --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["vault"].get("document",0))'; }

# 1. Latency: the daemon running, one CV dropped at a time, time until its document is stored.
"$binary" watch --config "$work/pipeline.yml" 2>/dev/null &
sleep 1
latencies=()
i=0
for file in $(ls "$corpus"/*.pdf | head -10) $(ls "$corpus"/*.docx | head -10); do
    before=$(documents)
    start=$(date +%s.%N)
    cp "$file" "inbox/sollicitatie/lat-$i.${file##*.}"
    while [ "$(documents)" -le "$before" ]; do sleep 0.02; done
    latencies+=("$(echo "$(date +%s.%N) - $start" | bc)")
    i=$((i + 1))
done
pkill -TERM -f "$binary watch --config $work" || true
wait || true
printf '%s\n' "${latencies[@]}" | sort -n | awk '{a[NR]=$1} END {printf "drop-to-stored latency over %d CVs: median %.2f s, max %.2f s (includes polling the status command)\n", NR, a[int((NR+1)/2)], a[NR]}'

# 2. A 1,000-file batch: the corpus, plus PDF copies made distinct by a trailing comment.
rm -rf data inbox && mkdir -p inbox/sollicitatie
cp "$corpus"/*.pdf "$corpus"/*.docx inbox/sollicitatie/
n=$(ls inbox/sollicitatie | wc -l)
round=0
while [ "$n" -lt 1000 ]; do
    for file in "$corpus"/*.pdf; do
        [ "$n" -ge 1000 ] && break
        { cat "$file"; printf '\n%% copy %d\n' "$round"; } > "inbox/sollicitatie/copy-$round-$(basename "$file")"
        n=$((n + 1))
    done
    round=$((round + 1))
done
/usr/bin/time -v "$binary" run --config pipeline.yml --json > run.json 2> time.txt || true
python3 - <<'PY'
import json, re
summary = json.load(open("run.json"))
text = open("time.txt").read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1)) / 1024
files = len(summary["files"])
print(f"batch of {files} files: {summary['stored']} stored, {summary['duplicates']} duplicates, "
      f"{summary['quarantined']} quarantined in {summary['seconds']:.1f} s = {files / summary['seconds']:.0f} files/s; "
      f"peak memory of the run (largest of the process and its workers): {rss:.0f} MiB")
PY
