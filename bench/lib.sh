# Shared by the benchmark scripts: start a server, log in with curl, run wrk and record a row.
# Expects PORT, BIN, TMP, OUT, BACKEND, CONNECTIONS and DURATION to be set by the caller.

start_server() { # extra serve arguments…
  HANDLEFRIHED_PORT=$PORT LOG_LEVEL=warning "$BIN" serve --migrate "$@" > "$TMP/serve.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0; sleep 0.5; done
  echo "server did not start"; cat "$TMP/serve.log"; exit 1
}

stop_server() { kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; }

login() { # email password → prints "hf_session=…"
  local jar="$TMP/jar" csrf
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" -b "$jar" "http://127.0.0.1:$PORT/log-ind" | grep -o 'name="_csrf" value="[^"]*"' | sed 's/.*value="//;s/"//')
  curl -s -c "$jar" -b "$jar" -o /dev/null --data-urlencode "_csrf=$csrf" --data-urlencode "email=$1" --data-urlencode "password=$2" \
    "http://127.0.0.1:$PORT/log-ind"
  echo "hf_session=$(awk '$6=="hf_session" {print $7}' "$jar")"
}

use_backend() { # sqlite|postgres database-name
  if [ "$1" = sqlite ]; then
    export HANDLEFRIHED_SQLITE="$TMP/$2.sqlite"; unset DATABASE_URL
  else
    local base
    base="$(bash scripts/postgres-up.sh | tail -n 1)"
    su postgres -c "psql -q -c 'DROP DATABASE IF EXISTS $2 WITH (FORCE)' -c 'CREATE DATABASE $2 OWNER handlefrihed'"
    export DATABASE_URL="${base%/*}/$2"; unset HANDLEFRIHED_SQLITE
  fi
}

run_wrk() { # label path cookie
  local threads=2
  [ "$CONNECTIONS" -lt 2 ] && threads=1
  wrk -t"$threads" -c"$CONNECTIONS" -d"${DURATION}s" --latency -H "Cookie: $3" "http://127.0.0.1:$PORT$2" > "$TMP/wrk.txt"
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' "$TMP/wrk.txt")
  p50=$(awk '$1=="50%" {print $2}' "$TMP/wrk.txt")
  p99=$(awk '$1=="99%" {print $2}' "$TMP/wrk.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$TMP/wrk.txt" | tr '\n' ' ')
  echo "| $BACKEND | $1 | $rps | $p50 | $p99 | ${errors:-none} |" | tee -a "$OUT"
  echo "$rps" > "$TMP/$1.rps"
}
