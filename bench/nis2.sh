#!/usr/bin/env bash
# NIS2 benchmark (issue 4): 98 municipalities × 300 assets × 10 risks and 200 incidents each
# (≈ 294,000 risks, 19,600 incidents in one database). A security officer of Aarhus loads the NIS2
# dashboard and the risk register (first page and a middle page) under wrk at 16 connections, on
# SQLite and PostgreSQL. Target: p99 under 100 ms. Results go to bench/results/ and stdout.
#
# Usage: [BACKENDS="sqlite postgres"] bench/nis2.sh [seconds per run, default 30] [municipalities, default 98]
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${1:-30}"
MUNICIPALITIES="${2:-98}"
CONNECTIONS=16
PORT=8093
BIN=.build/release/handlefrihed
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
[ -x "$BIN" ] || swift build -c release --product handlefrihed
mkdir -p bench/results
OUT="bench/results/nis2-$(date -u +%Y%m%dT%H%M%SZ).md"
TMP="$(mktemp -d)"
SERVER=""
trap 'stop_server; rm -rf "$TMP"' EXIT
# shellcheck source=bench/lib.sh
source bench/lib.sh

{
  echo "# NIS2 benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m); wrk -t2 -c$CONNECTIONS -d${DURATION}s on the same machine (loopback)."
  echo "Data: $MUNICIPALITIES municipalities × 300 assets × 10 risks, 200 incidents, 60 measures, 20 plans each (bench data generator). Build: release."
  echo
  echo "| backend | route | req/s | p50 | p99 | errors |"
  echo "|---|---|---|---|---|---|"
} > "$OUT"
cat "$OUT"

for BACKEND in ${BACKENDS:-sqlite postgres}; do
  use_backend "$BACKEND" hf_bench_nis2
  "$BIN" migrate > /dev/null
  /usr/bin/time -f "%e s" -o "$TMP/load.time" "$BIN" demo nis2-load --municipalities "$MUNICIPALITIES" > /dev/null
  echo "| $BACKEND | (generating the data: $(cat "$TMP/load.time")) | | | | |" | tee -a "$OUT"
  # After a bulk load, give the planners their statistics (PostgreSQL's autovacuum would, minutes later).
  if [ "$BACKEND" = postgres ]; then
    su postgres -c "psql -q -d hf_bench_nis2 -c 'VACUUM ANALYZE'"
  else
    "$BIN" migrate > /dev/null  # no-op; SQLite plans well without statistics
  fi
  echo "bench-password-0751" | "$BIN" users add --email sikkerhed@aarhus.example --name "Bench Sikkerhed" --org 0751 \
    --role security_officer --password-stdin > /dev/null
  start_server
  COOKIE=$(login sikkerhed@aarhus.example bench-password-0751)
  curl -sf -b "$COOKIE" "http://127.0.0.1:$PORT/nis2/risici" | grep -q "3000 risici" || { echo "login or data failed"; exit 1; }
  wrk -t2 -c"$CONNECTIONS" -d5s -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/nis2" > /dev/null  # warm-up
  run_wrk "NIS2 dashboard" /nis2 "$COOKIE"
  run_wrk "risk register, page 1" /nis2/risici "$COOKIE"
  run_wrk "risk register, page 15" "/nis2/risici?side=15" "$COOKIE"
  stop_server
done
echo
echo "Written to $OUT"
