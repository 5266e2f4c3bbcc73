#!/usr/bin/env bash
# Starts Debian's PostgreSQL 15 on 127.0.0.1:5432 with a `handlefrihed` role and database,
# installing it first when missing. Prints the DATABASE_URL to use. Idempotent.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d /usr/lib/postgresql/15 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if [ ! -d /etc/postgresql/15/main ]; then
  pg_createcluster 15 main >/dev/null
fi
pg_ctlcluster 15 main start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -h 127.0.0.1 -p 5432 -q && break
  sleep 1
done
# The test suites run in parallel, each on its own database with its own connections.
if [ "$(su postgres -c "psql -tAc 'SHOW max_connections'")" -lt 300 ]; then
  su postgres -c "psql -q -c 'ALTER SYSTEM SET max_connections = 300'"
  pg_ctlcluster 15 main restart
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
fi
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_roles WHERE rolname='handlefrihed'\"" | grep -q 1 \
  || su postgres -c "psql -q -c \"CREATE ROLE handlefrihed LOGIN CREATEDB PASSWORD 'handlefrihed'\""
su postgres -c "psql -q -tAc \"SELECT 1 FROM pg_database WHERE datname='handlefrihed'\"" | grep -q 1 \
  || su postgres -c "createdb -O handlefrihed handlefrihed"
echo "postgres://handlefrihed:handlefrihed@127.0.0.1:5432/handlefrihed"
