#!/usr/bin/env bash
# Web import benchmark (issue 3): upload the 600,000-user report set through the web form (one
# multipart POST with curl, as a browser sends it), on SQLite and on PostgreSQL; then the snapshot
# dashboard's response time (median of 20 requests).
#
# Usage: bench/licences-web.sh [users, default 600000]
set -euo pipefail
cd "$(dirname "$0")/.."
USERS="${1:-600000}"
PORT=8092
BIN=.build/release/handlefrihed
[ -x "$BIN" ] || swift build -c release --product handlefrihed
DIR="bench/data/licences-$USERS"
[ -f "$DIR/people.csv" ] || "$BIN" demo licences --users "$USERS" --out "$DIR" > /dev/null
mkdir -p bench/results
OUT="bench/results/licences-web-$(date -u +%Y%m%dT%H%M%SZ).md"
TMP="$(mktemp -d)"
trap 'pkill -P $SERVER 2>/dev/null || true; rm -rf "$TMP"' EXIT
{
  echo "# Licence web import benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB. Release build. $USERS users, $(du -sm "$DIR" | awk '{print $1}') MiB of reports, one multipart POST with curl over loopback."
  echo
  echo "| backend | upload + profile + store (s) | server peak RSS (MiB) | dashboard median (ms) | dashboard max (ms) |"
  echo "|---|---|---|---|---|"
} > "$OUT"
cat "$OUT"
for BACKEND in sqlite postgres; do
  if [ "$BACKEND" = sqlite ]; then
    export HANDLEFRIHED_SQLITE="$TMP/bench.sqlite"; unset DATABASE_URL
  else
    BASE="$(bash scripts/postgres-up.sh | tail -n 1)"
    psql "$BASE" -q -c "DROP DATABASE IF EXISTS hf_bench_lic WITH (FORCE)" -c "CREATE DATABASE hf_bench_lic"
    export DATABASE_URL="${BASE%/*}/hf_bench_lic"
  fi
  HANDLEFRIHED_MAX_UPLOAD_MB=2048 HANDLEFRIHED_PORT=$PORT LOG_LEVEL=warning /usr/bin/time -v "$BIN" serve --demo --migrate > "$TMP/serve.log" 2> "$TMP/time.txt" &
  SERVER=$!
  for _ in $(seq 1 60); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
  PASSWORD=$(grep -o 'adgangskoden .*' "$TMP/serve.log" | awk '{print $2}')
  JAR="$TMP/jar"; rm -f "$JAR"
  CSRF=$(curl -s -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/log-ind" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"//')
  curl -s -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode "_csrf=$CSRF" --data-urlencode "email=admin@demokommune.example" \
    --data-urlencode "password=$PASSWORD" "http://127.0.0.1:$PORT/log-ind"
  CSRF=$(curl -s -c "$JAR" -b "$JAR" "http://127.0.0.1:$PORT/licenser" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"//')
  ARGS=(-F "_csrf=$CSRF")
  for f in "$DIR"/*.csv; do
    if [ "$(basename "$f")" = people.csv ]; then ARGS+=(-F "people=@$f;type=text/csv"); else ARGS+=(-F "files=@$f;type=text/csv"); fi
  done
  RESULT=$(curl -s -b "$JAR" -o "$TMP/upload.html" -w "%{http_code} %{time_total} %{redirect_url}" "${ARGS[@]}" "http://127.0.0.1:$PORT/licenser/indlaes")
  CODE=$(echo "$RESULT" | awk '{print $1}'); SECONDS_TAKEN=$(echo "$RESULT" | awk '{print $2}'); LOCATION=$(echo "$RESULT" | awk '{print $3}')
  [ "$CODE" = 303 ] || { echo "upload failed: $RESULT"; head -c 2000 "$TMP/upload.html"; exit 1; }
  TIMES=()
  for _ in $(seq 1 20); do TIMES+=("$(curl -s -b "$JAR" -o /dev/null -w "%{time_total}" "$LOCATION")"); done
  MEDIAN=$(printf '%s\n' "${TIMES[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", 1000*(a[10]+a[11])/2}')
  MAX=$(printf '%s\n' "${TIMES[@]}" | sort -n | tail -1 | awk '{printf "%.1f", 1000*$1}')
  pkill -INT -P $SERVER; wait $SERVER 2>/dev/null || true
  RSS=$(awk -F': ' '/Maximum resident set size/ {print int($2/1024)}' "$TMP/time.txt")
  echo "| $BACKEND | $SECONDS_TAKEN | $RSS | $MEDIAN | $MAX |" | tee -a "$OUT"
done
echo "Written to $OUT"
