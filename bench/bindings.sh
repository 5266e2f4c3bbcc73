#!/usr/bin/env bash
# Bindinger benchmark (issue 5), regional-centre scale: 25 municipalities × 600 system usages and
# 2,400 bindings each (60,000 bindings in one database), skewed towards keystone components.
# Measured for one municipality (København, the first generated):
#   - in process (`handlefrihed demo bindings-timings`, median of 5 runs): reading the register,
#     the blast radius of every one of its 160 components (median and slowest), a full lock-in
#     recompute with its snapshot (every bound vendor, product and component), drawing the graph;
#   - through HTTP under wrk (16 connections, then 1): the blast-radius API for random components,
#     the graph page and the Bindinger overview. The register is read into the graph once and kept
#     per municipality (OverviewCache, 5 s, dropped by every change); the pages compute per request.
# Targets: blast radius < 50 ms, full lock-in recompute < 1 s, graph page < 300 ms.
#
# Usage: [BACKENDS="sqlite postgres"] bench/bindings.sh [seconds per wrk run, default 20] [municipalities, default 25]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-20}"
MUNICIPALITIES="${2:-25}"
CONNECTIONS=16
PORT=8094
BIN=.build/release/handlefrihed
ORG=0101
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
[ -x "$BIN" ] || swift build -c release --product handlefrihed
mkdir -p bench/results
OUT="bench/results/bindings-$(date -u +%Y%m%dT%H%M%SZ).md"
TMP="$(mktemp -d)"
SERVER=""
trap 'stop_server; rm -rf "$TMP"' EXIT
# shellcheck source=bench/lib.sh
source bench/lib.sh

{
  echo "# Bindinger benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); wrk -t2 -c$CONNECTIONS -d${DURATION}s on the same machine (loopback)."
  echo "Data: $MUNICIPALITIES municipalities × 600 usages × 2,400 bindings (bench data generator). Build: release."
  echo
} > "$OUT"
cat "$OUT"

for BACKEND in ${BACKENDS:-sqlite postgres}; do
  use_backend "$BACKEND" hf_bench_bindings
  "$BIN" migrate > /dev/null
  /usr/bin/time -f "%e s" -o "$TMP/load.time" "$BIN" demo bindings-load --municipalities "$MUNICIPALITIES" > /dev/null
  [ "$BACKEND" = postgres ] && su postgres -c "psql -q -d hf_bench_bindings -c 'VACUUM ANALYZE'"
  {
    echo "## $BACKEND (generating the data: $(cat "$TMP/load.time"))"
    echo
    echo "In process, kommune $ORG, 5 runs:"
    echo
    echo '```'
  } | tee -a "$OUT"
  for _ in 1 2 3 4 5; do "$BIN" demo bindings-timings --org "$ORG" 2>/dev/null | tail -n 1 | tee -a "$OUT"; done
  echo '```' | tee -a "$OUT"
  echo "bench-password-$ORG" | "$BIN" users add --email arkitekt@kk.example --name "Bench Arkitekt" --org "$ORG" \
    --role architect --password-stdin > /dev/null
  start_server
  COOKIE=$(login arkitekt@kk.example "bench-password-$ORG")
  JAR="$TMP/jar"
  CSRF=$(curl -s -b "$COOKIE" "http://127.0.0.1:$PORT/konto" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  TOKEN=$(curl -s -b "$COOKIE" --data-urlencode "_csrf=$CSRF" --data-urlencode "name=bench" "http://127.0.0.1:$PORT/konto/tokens" | grep -o 'hf_[A-Za-z0-9_-]*' | head -1)
  [ -n "$TOKEN" ] || { echo "no API token"; exit 1; }
  curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/organisations/$ORG/bindings/landscape" \
    | python3 -c 'import json,sys; [print(c["id"]) for c in json.load(sys.stdin)["components"]]' > "$TMP/components.txt"
  echo "$(wc -l < "$TMP/components.txt") components" >&2
  cat > "$TMP/radius.lua" <<LUA
local ids = {}
for line in io.lines("$TMP/components.txt") do ids[#ids + 1] = line end
wrk.headers["Authorization"] = "Bearer $TOKEN"
request = function()
  return wrk.format("GET", "/api/v1/organisations/$ORG/bindings/blast-radius?target=component:" .. ids[math.random(#ids)])
end
LUA
  {
    echo
    echo "| backend | route | req/s | p50 | p99 | errors |"
    echo "|---|---|---|---|---|---|"
  } | tee -a "$OUT"
  wrk -t2 -c"$CONNECTIONS" -d5s -s "$TMP/radius.lua" "http://127.0.0.1:$PORT" > /dev/null  # warm-up
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$TMP/radius.lua" "http://127.0.0.1:$PORT" > "$TMP/wrk.txt"
  echo "| $BACKEND | blast-radius API, random component | $(awk '/Requests\/sec/ {print $2}' "$TMP/wrk.txt") | $(awk '$1=="50%" {print $2}' "$TMP/wrk.txt") | $(awk '$1=="99%" {print $2}' "$TMP/wrk.txt") | $(awk '/Non-2xx|Socket errors/ {print}' "$TMP/wrk.txt" | tr '\n' ' ') |" | tee -a "$OUT"
  run_wrk "graph page (all 2,400 bindings)" /bindinger/graf "$COOKIE"
  run_wrk "Bindinger overview" /bindinger "$COOKIE"
  # One person at a time: the latency a user sees on an otherwise idle server.
  SAVED=$CONNECTIONS; CONNECTIONS=1
  run_wrk "graph page, 1 connection" /bindinger/graf "$COOKIE"
  run_wrk "Bindinger overview, 1 connection" /bindinger "$COOKIE"
  run_wrk "impact page (Outlook-like keystone), 1 connection" "/bindinger/konsekvens?maal=component:$(head -1 "$TMP/components.txt")" "$COOKIE"
  CONNECTIONS=$SAVED
  # The lock-in recompute as a user triggers it (POST, stores the snapshot), median of 5.
  for _ in 1 2 3 4 5; do
    CSRF=$(curl -s -b "$COOKIE" "http://127.0.0.1:$PORT/bindinger/indlaasning" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
    curl -s -o /dev/null -w "%{time_total}\n" -b "$COOKIE" --data-urlencode "_csrf=$CSRF" "http://127.0.0.1:$PORT/bindinger/indlaasning"
  done | sort -n | sed -n 3p | awk -v b="$BACKEND" '{printf "| %s | lock-in recompute (POST, median of 5) | | %.0f ms | | |\n", b, $1 * 1000}' | tee -a "$OUT"
  stop_server
  echo | tee -a "$OUT"
done
echo
echo "Written to $OUT"
