#!/usr/bin/env bash
# Runs every test: the Domain package, the persistence and web suites on SQLite and again on
# PostgreSQL, and the browser journey in headless Chromium against the real server.
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

echo "== Browser journey (headless Chromium) and two instances on one PostgreSQL"
HF_PG_DB="hf_e2e_$$"
psql "$PG_URL" -q -c "CREATE DATABASE $HF_PG_DB"
trap 'psql "$PG_URL" -q -c "DROP DATABASE IF EXISTS $HF_PG_DB WITH (FORCE)" || true' EXIT
HF_PG_URL="${PG_URL%/*}/$HF_PG_DB" python3 -m pytest -q e2e
