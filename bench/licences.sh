#!/usr/bin/env bash
# Licence CLI benchmark (issue 3): `handlefrihed licences profile` end to end on generated data for
# 60,000 and 600,000 users with all nine reports; wall time (median of runs) and peak RSS, and the
# cost per user at both sizes (linearity). Then the same rules in DuckDB (bench/duckdb_profile.py):
# agreement on a small input, and the ratio of medians at 600,000 users.
#
# Usage: bench/licences.sh [runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${1:-3}"
BIN=.build/release/handlefrihed
[ -x "$BIN" ] || swift build -c release --product handlefrihed
command -v /usr/bin/time >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
mkdir -p bench/data bench/results
OUT="bench/results/licences-$(date -u +%Y%m%dT%H%M%SZ).md"
{
  echo "# Licence profiling benchmark $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -m). Release build. Data: \`handlefrihed demo licences\` (nine reports + people file)."
  echo "Each figure is the median of $RUNS runs; peak RSS from /usr/bin/time -v."
  echo
  echo "| users | input MiB | median s | µs per user | peak RSS MiB |"
  echo "|---|---|---|---|---|"
} > "$OUT"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for USERS in 60000 600000; do
  DIR="bench/data/licences-$USERS"
  [ -f "$DIR/people.csv" ] || "$BIN" demo licences --users "$USERS" --out "$DIR" > /dev/null
  SIZE=$(du -sm "$DIR" | awk '{print $1}')
  TIMES=()
  RSS=()
  for _ in $(seq 1 "$RUNS"); do
    /usr/bin/time -v "$BIN" licences profile --reports "$DIR" --people "$DIR/people.csv" --out /tmp/hf-bench-users.csv \
      --summary /tmp/hf-bench-summary.json 2> /tmp/hf-bench-time.txt
    TIMES+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2,t,":"); if (length(t)==3) print t[1]*3600+t[2]*60+t[3]; else print t[1]*60+t[2]}' /tmp/hf-bench-time.txt)")
    RSS+=("$(awk -F': ' '/Maximum resident set size/ {print int($2/1024)}' /tmp/hf-bench-time.txt)")
  done
  T=$(printf '%s\n' "${TIMES[@]}" | median)
  R=$(printf '%s\n' "${RSS[@]}" | median)
  PER=$(awk -v t="$T" -v u="$USERS" 'BEGIN {printf "%.1f", t*1e6/u}')
  echo "| $USERS | $SIZE | $T | $PER | $R |" | tee -a "$OUT"
  echo "$T" > "/tmp/hf-bench-cli-$USERS"
done

if python3 -c "import duckdb" 2>/dev/null || python3 -m pip install -q duckdb; then
  echo | tee -a "$OUT"
  echo "## DuckDB, the same rules as SQL" | tee -a "$OUT"
  python3 bench/duckdb_profile.py --check | tee -a "$OUT"
  DUCK=()
  for _ in $(seq 1 "$RUNS"); do
    DUCK+=("$(python3 bench/duckdb_profile.py --time bench/data/licences-600000)")
  done
  D=$(printf '%s\n' "${DUCK[@]}" | median)
  C=$(cat /tmp/hf-bench-cli-600000)
  echo "" | tee -a "$OUT"
  echo "600,000 users: DuckDB median ${D} s, Handlefrihed CLI median ${C} s; DuckDB ÷ CLI = $(awk -v d="$D" -v c="$C" 'BEGIN {printf "%.2f", d/c}')" | tee -a "$OUT"
fi
echo "Written to $OUT"
