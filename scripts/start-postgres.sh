#!/usr/bin/env bash
# Install (if missing) and start a local PostgreSQL from Debian packages for the test suite,
# then print the URL the tests use. Idempotent: safe to run when it is already running.
set -euo pipefail
# Only the URL may reach stdout (callers capture it): everything the installers and pg_ctl
# print goes to stderr. A stray line before the URL once made pg read it as a relative URL.
exec 3>&1 1>&2
export DEBIAN_FRONTEND=noninteractive
if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  apt-get update -qq
  apt-get install -y -qq postgresql postgresql-contrib >/dev/null
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
su postgres -c "psql -qAtc \"ALTER USER postgres PASSWORD 'proscribe'\"" >/dev/null
echo "postgres://postgres:proscribe@127.0.0.1:5432/postgres" >&3
