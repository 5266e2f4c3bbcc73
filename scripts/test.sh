#!/usr/bin/env bash
# Runs every test: the Domain package, the persistence and web suites on SQLite and again on
# PostgreSQL, the browser journeys in headless Chromium, API fuzzing (schemathesis), crash safety,
# XSS and limits against the real server, two instances behind nginx, then the short versions of
# the soak (30 s) and of the coverage-guided fuzzing (20 s per target; docs/security.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-tools.sh

echo "== Domain (pure rules)"
swift test --package-path Packages/Domain

echo "== Build"
swift build --build-tests

echo "== Persistence and web on SQLite"
env -u DATABASE_URL swift test --skip-build

echo "== Persistence and web on PostgreSQL"
PG_URL="$(bash scripts/postgres-up.sh | tail -n 1)"
DATABASE_URL="$PG_URL" swift test --skip-build

echo "== Browser journeys, API fuzzing, crash safety, attacks; two instances behind nginx on one PostgreSQL"
HF_PG_DB="hf_e2e_$$"
psql "$PG_URL" -q -c "CREATE DATABASE $HF_PG_DB"
trap 'psql "$PG_URL" -q -c "DROP DATABASE IF EXISTS $HF_PG_DB WITH (FORCE)" || true' EXIT
HF_PG_URL="${PG_URL%/*}/$HF_PG_DB" python3 -m pytest -q e2e

echo "== Soak, short (wrk, 64 connections, 30 s): no errors"
HF_BIN=.build/debug/handlefrihed bash bench/soak.sh 30 64 sqlite

echo "== Coverage-guided fuzzing, short (20 s per target)"
bash fuzz/run.sh 20
