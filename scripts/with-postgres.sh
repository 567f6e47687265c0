#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster: TEST_DATABASE_URL points at it (trust auth on a private
# unix socket and a loopback port), and the cluster is stopped and removed afterwards. Needs Debian's
# postgresql package; initdb refuses root, so the cluster runs as the postgres user.
#   bash scripts/with-postgres.sh node --import tsx --test test/server/*.test.ts
set -euo pipefail
bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bindir" ]; then echo "PostgreSQL is not installed (apt-get install -y postgresql postgresql-contrib)"; exit 1; fi
dir="$(mktemp -d /tmp/dv-pg.XXXXXX)"
port="${PGTEST_PORT:-$(( 40000 + RANDOM % 20000 ))}"
chown postgres:postgres "$dir" 2>/dev/null || true
as_pg() { if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg "$bindir/initdb" -D "$dir/data" -U app --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-k $dir -c listen_addresses=127.0.0.1 -p $port -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
cleanup() { as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
export TEST_DATABASE_URL="postgresql://app@127.0.0.1:$port/postgres"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') running for the tests on port $port"
"$@"
