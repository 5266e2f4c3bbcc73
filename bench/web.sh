#!/usr/bin/env bash
# Web benchmark (issue 2): the dashboard against a trivial route, at 32 connections, with wrk, on
# SQLite and on PostgreSQL. Loads the demo data into a fresh database, logs in as the demo
# administrator and hits /oversigt with that session. Results go to bench/results/ and stdout.
#
# Usage: bench/web.sh [seconds per run, default 30]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-30}"
CONNECTIONS=32
PORT=8091
BIN=.build/release/handlefrihed
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
[ -x "$BIN" ] || swift build -c release --product handlefrihed
mkdir -p bench/results
OUT="bench/results/web-$(date -u +%Y%m%dT%H%M%SZ).md"
TMP="$(mktemp -d)"
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$TMP"' EXIT

run_wrk() { # label path cookie
  wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Cookie: $3" "http://127.0.0.1:$PORT$2" > "$TMP/wrk.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$TMP/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$TMP/wrk.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$TMP/wrk.txt" | tr '\n' ' ')
  echo "| $BACKEND | $1 | $rps | $p50 | $p99 | ${errors:-none} |" | tee -a "$OUT"
  echo "$rps" > "$TMP/$1.rps"
}

{
  echo "# Web benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); wrk -t2 -c$CONNECTIONS -d${DURATION}s on the same machine (loopback)."
  echo "Build: release. Each backend starts from an empty database with the demo data."
  echo
  echo "| backend | route | req/s | p50 | p99 | errors |"
  echo "|---|---|---|---|---|---|"
} > "$OUT"
cat "$OUT"

for BACKEND in sqlite postgres; do
  if [ "$BACKEND" = sqlite ]; then
    export HANDLEFRIHED_SQLITE="$TMP/bench.sqlite"; unset DATABASE_URL
  else
    BASE="$(bash scripts/postgres-up.sh | tail -n 1)"
    su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS hf_bench WITH (FORCE)' -c 'CREATE DATABASE hf_bench OWNER handlefrihed'"
    export DATABASE_URL="${BASE%/*}/hf_bench"
  fi
  HANDLEFRIHED_PORT=$PORT LOG_LEVEL=warning "$BIN" serve --demo --migrate > "$TMP/serve.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
  PASSWORD=$(grep -o 'adgangskoden .*' "$TMP/serve.log" | awk '{print $2}')
  JAR="$TMP/jar"; rm -f "$JAR"
  CSRF=$(curl -s -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/log-ind" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"//')
  curl -s -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "_csrf=$CSRF" --data-urlencode "email=admin@demokommune.example" \
    --data-urlencode "password=$PASSWORD" "http://127.0.0.1:$PORT/log-ind"
  COOKIE="hf_session=$(awk '$6=="hf_session" {print $7}' "$JAR")"
  curl -sf -b "$COOKIE" "http://127.0.0.1:$PORT/oversigt" | grep -q "Demokommune" || { echo "login failed"; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d5s -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/oversigt" > /dev/null  # warm-up
  run_wrk trivial /css/app.css "$COOKIE"
  run_wrk healthz /healthz "$COOKIE"
  run_wrk dashboard /oversigt "$COOKIE"
  RATIO=$(awk -v d="$(cat "$TMP/dashboard.rps")" -v t="$(cat "$TMP/trivial.rps")" 'BEGIN {printf "%.0f", 100*d/t}')
  echo "| $BACKEND | dashboard ÷ trivial | $RATIO % | | | |" | tee -a "$OUT"
  kill $SERVER; wait $SERVER 2>/dev/null || true
done
echo
echo "Written to $OUT"
