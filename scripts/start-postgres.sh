#!/usr/bin/env bash
# Install (if missing) and start a local PostgreSQL from Debian packages for the test suite,
# then print the URL the tests use. Idempotent: safe to run when it is already running.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

# Callers capture stdout with $(...), which waits until every holder of the pipe closes it.
# The postmaster is a daemon that outlives this script, so neither it nor the installers may
# inherit stdout: all of their output goes to stderr (bash keeps its saved copy of stdout
# close-on-exec), and only the URL line below is written to the pipe.
start_server() {
  if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    apt-get update -qq
    apt-get install -y -qq postgresql postgresql-contrib </dev/null
  fi
  local version
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  if ! pg_lsclusters -h | grep -q "^$version main"; then
    pg_createcluster "$version" main
  fi
  if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
    pg_ctlcluster "$version" main start </dev/null
  fi
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 1
  done
  pg_isready -h 127.0.0.1 -p 5432
  su postgres -c "psql -qAtc \"ALTER USER postgres PASSWORD 'proscribe'\""
}

start_server >&2
echo "postgres://postgres:proscribe@127.0.0.1:5432/postgres"
