#!/usr/bin/env bash
# make bench-web: server time of the web app's Kandidaten page (random pages) and Profiel page
# (random candidates) on a vault of N candidates (default 10,000) made from a corpus's CVs.
# Each request is timed by curl (time_total on loopback, keep-alive off: a fresh connection per
# request, so the figure includes connecting); median and p95 over R requests per page kind.
set -euo pipefail
binary=${1:-.build/release/cvsieve}
corpus=${2:-var/corpus}
count=${CANDIDATES:-10000}
requests=${REQUESTS:-200}
port=${PORT:-18089}
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
sed -e "s#^inbox: .*#inbox: $work/inbox#" -e "s#^data: .*#data: $work/data#" pipeline.yml > "$work/pipeline.yml"
echo "bench-web: filling a vault with $count candidates from $corpus"
"$binary" bench --fill-vault "$count" --corpus "$corpus" --config "$work/pipeline.yml" 2>/dev/null
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | cut -c1-20)
printf '%s\n' "$password" | "$binary" user add bench --role admin --config "$work/pipeline.yml" > /dev/null
"$binary" serve --listen "127.0.0.1:$port" --config "$work/pipeline.yml" > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/login" && break; sleep 0.2; done
jar="$work/cookies"
token=$(curl -s -c "$jar" "http://127.0.0.1:$port/login" | grep -o 'name="csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null --data-urlencode "csrf=$token" --data-urlencode "naam=bench" \
    --data-urlencode "wachtwoord=$password" "http://127.0.0.1:$port/login"
codes=$("$binary" candidates --json --config "$work/pipeline.yml" | python3 -c 'import json,sys; print("\n".join(c["code"] for c in json.load(sys.stdin)))')
pages=$(( (count + 49) / 50 ))
time_requests() {  # $1: kind; reads URLs on stdin; prints seconds per request
    while read -r url; do
        status_time=$(curl -s -b "$jar" -o /dev/null -w '%{http_code} %{time_total}' "http://127.0.0.1:$port$url")
        [ "${status_time%% *}" = 200 ] || { echo "bench-web: $1 $url answered ${status_time%% *}" >&2; exit 1; }
        echo "${status_time#* }"
    done
}
summary() {  # $1: label; seconds on stdin
    python3 -c '
import statistics, sys
values = sorted(float(line) * 1000 for line in sys.stdin if line.strip())
p95 = values[max(0, int(round(0.95 * len(values))) - 1)]
print(f"{sys.argv[1]:<28} n={len(values):<4} median {statistics.median(values):7.1f} ms   p95 {p95:7.1f} ms   max {values[-1]:7.1f} ms")' "$1"
}
echo "bench-web: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $requests requests per page kind"
for _ in $(seq 5); do curl -s -b "$jar" -o /dev/null "http://127.0.0.1:$port/kandidaten"; done
python3 -c "import random; [print(f'/kandidaten?pagina={random.randint(1, $pages)}') for _ in range($requests)]" \
    | time_requests kandidaten | summary "Kandidaten ($count)"
echo "$codes" | python3 -c "import random, sys; codes = sys.stdin.read().split(); [print(f'/kandidaten/{random.choice(codes)}/profiel') for _ in range($requests)]" \
    | time_requests profiel | summary "Profiel ($count)"
echo "$codes" | python3 -c "import random, sys; codes = sys.stdin.read().split(); [print(f'/kandidaten/{random.choice(codes)}') for _ in range($requests)]" \
    | time_requests kandidaat | summary "Kandidaat ($count)"
python3 -c "[print('/overzicht') for _ in range($requests)]" | time_requests overzicht | summary "Overzicht ($count)"
