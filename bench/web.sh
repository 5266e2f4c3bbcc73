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
trap 'stop_server; rm -rf "$TMP"' EXIT

SERVER=""
# shellcheck source=bench/lib.sh
source bench/lib.sh

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
  use_backend "$BACKEND" hf_bench
  start_server --demo
  PASSWORD=$(grep -o 'adgangskoden .*' "$TMP/serve.log" | awk '{print $2}')
  COOKIE=$(login admin@demokommune.example "$PASSWORD")
  curl -sf -b "$COOKIE" "http://127.0.0.1:$PORT/oversigt" | grep -q "Demokommune" || { echo "login failed"; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d5s -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/oversigt" > /dev/null  # warm-up
  run_wrk trivial /css/app.css "$COOKIE"
  run_wrk healthz /healthz "$COOKIE"
  run_wrk dashboard /oversigt "$COOKIE"
  RATIO=$(awk -v d="$(cat "$TMP/dashboard.rps")" -v t="$(cat "$TMP/trivial.rps")" 'BEGIN {printf "%.0f", 100*d/t}')
  echo "| $BACKEND | dashboard ÷ trivial | $RATIO % | | | |" | tee -a "$OUT"
  stop_server
done
echo
echo "Written to $OUT"
