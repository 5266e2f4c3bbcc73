#!/usr/bin/env bash
# Soak: wrk at many connections for a long time over dashboards, lists and API reads (bench/soak.lua)
# against `serve --demo`, sampling the server's resident memory every 5 s.
#
#   bash bench/soak.sh [seconds=600] [connections=64] [sqlite|postgres]
#
# Passes when no request failed or answered anything but 200 and — for runs of 5 minutes or more —
# resident memory at the end is less than 10 % above what it was after the warm-up (the first
# tenth of the run, at least 30 s). Uses .build/release/handlefrihed unless HF_BIN names another
# build. Writes bench/results/soak-<time>.md (summary) and .csv (memory samples).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_TOTAL="${1:-600}"
CONNECTIONS="${2:-64}"
BACKEND="${3:-sqlite}"
BIN="${HF_BIN:-.build/release/handlefrihed}"
[ -x "$BIN" ] || { echo "build first: swift build -c release (or set HF_BIN)"; exit 2; }
TMP="$(mktemp -d)"
PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p bench/results
OUT="bench/results/soak-$STAMP.md"
SAMPLES="bench/results/soak-$STAMP.csv"
source bench/lib.sh
use_backend "$BACKEND" "hf_soak"
start_server --demo
trap 'stop_server; rm -rf "$TMP"' EXIT
PASSWORD="$(grep -o 'adgangskoden [^ ]*' "$TMP/serve.log" | head -1 | awk '{print $2}')"
COOKIE="$(login admin@demokommune.example "$PASSWORD")"
CSRF=$(curl -s -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/konto" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
TOKEN=$(curl -s -H "Cookie: $COOKIE" --data-urlencode "_csrf=$CSRF" --data-urlencode "name=soak" "http://127.0.0.1:$PORT/konto/tokens" \
  | grep -o 'hf_[A-Za-z0-9_-]*' | head -1)
[ -n "$TOKEN" ] || { echo "could not create an API token"; exit 1; }

echo "seconds,rss_kib" > "$SAMPLES"
( start=$(date +%s)
  while kill -0 "$SERVER" 2>/dev/null; do
    echo "$(( $(date +%s) - start )),$(awk '/VmRSS/ {print $2}' /proc/$SERVER/status)" >> "$SAMPLES"
    sleep 5
  done ) &
SAMPLER=$!
HF_TOKEN="$TOKEN" wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_TOTAL}s" --timeout 10s --latency -H "Cookie: $COOKIE" -s bench/soak.lua \
  "http://127.0.0.1:$PORT" > "$TMP/wrk.txt"
kill "$SAMPLER" 2>/dev/null || true
cat "$TMP/wrk.txt"

WARMUP=$(( SECONDS_TOTAL / 10 > 30 ? SECONDS_TOTAL / 10 : 30 ))
read -r REQUESTS RPS P50 P99 <<< "$(awk '/requests in/ {r=$1} /Requests\/sec/ {s=$2} $1=="50%" {a=$2} $1=="99%" {b=$2} END {print r, s, a, b}' "$TMP/wrk.txt")"
NOT200=$(awk '/^not-200:/ {print $2}' "$TMP/wrk.txt")
ERRORS=$(awk '/^not-200:/ {print $4}' "$TMP/wrk.txt")
read -r AFTER_WARMUP END MAX <<< "$(awk -F, -v w="$WARMUP" 'NR>1 { if ($1 <= w) a=$2; e=$2; if ($2>m) m=$2 } END {print a, e, m}' "$SAMPLES")"
DRIFT=$(awk -v a="$AFTER_WARMUP" -v e="$END" 'BEGIN { printf "%.1f", (e - a) * 100 / a }')
{
  echo "# Soak $STAMP"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB. Binary: $BIN. Backend: $BACKEND. wrk -t2 -c$CONNECTIONS for ${SECONDS_TOTAL}s over bench/soak.lua (16 pages + 7 API reads, demo municipality)."
  echo
  echo "| requests | req/s | p50 | p99 | not 200 | socket errors | RSS after ${WARMUP}s warm-up | RSS at end | max RSS | drift |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  echo "| $REQUESTS | $RPS | $P50 | $P99 | $NOT200 | $ERRORS | $(( AFTER_WARMUP / 1024 )) MiB | $(( END / 1024 )) MiB | $(( MAX / 1024 )) MiB | $DRIFT % |"
} | tee "$OUT"
[ "$NOT200" = 0 ] && [ "$ERRORS" = 0 ] || { echo "FAILED: requests failed"; exit 1; }
if [ "$SECONDS_TOTAL" -ge 300 ]; then
  awk -v d="$DRIFT" 'BEGIN { exit !(d < 10) }' || { echo "FAILED: resident memory grew $DRIFT % after warm-up"; exit 1; }
fi
echo "passed"
