#!/usr/bin/env bash
# Starts a local PostgreSQL server for the tests and prints its URL on stdout.
# Installs Debian's postgresql when missing and we are root; detects the cluster version.
# Prints nothing (and exits 0) when no server can be had, so the PostgreSQL tests are skipped
# with a notice on stderr rather than failing the run.
set -u
say() { echo "postgres-for-tests: $*" >&2; }
ROLE=smtest
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian's postgresql"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) \
      >&2 || { say "install failed; PostgreSQL tests will be skipped"; exit 0; }
  else
    say "no PostgreSQL and not root; PostgreSQL tests will be skipped"; exit 0
  fi
fi
version=$(pg_lsclusters --no-header 2>/dev/null | awk 'NR==1 {print $1}')
if [ -z "$version" ]; then
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] || { say "no PostgreSQL version found; skipped"; exit 0; }
  pg_createcluster "$version" main >&2 || { say "cannot create a cluster; skipped"; exit 0; }
fi
cluster=$(pg_lsclusters --no-header | awk 'NR==1 {print $2}')
port=$(pg_lsclusters --no-header | awk 'NR==1 {print $3}')
pg_ctlcluster "$version" "$cluster" start >&2 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 0.5
done
pg_isready -q -h 127.0.0.1 -p "$port" || { say "server did not start; skipped"; exit 0; }
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sh -c "$1"; fi; }
as_postgres "psql -p $port -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='$ROLE'\"" | grep -q 1 ||
  as_postgres "psql -p $port -qc \"CREATE ROLE $ROLE LOGIN PASSWORD '$ROLE'\"" >&2
as_postgres "psql -p $port -qtAc \"SELECT 1 FROM pg_database WHERE datname='$ROLE'\"" | grep -q 1 ||
  as_postgres "createdb -p $port -O $ROLE $ROLE" >&2
say "PostgreSQL $version on port $port"
echo "postgresql+psycopg://$ROLE:$ROLE@127.0.0.1:$port/$ROLE"
