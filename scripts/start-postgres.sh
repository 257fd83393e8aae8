#!/usr/bin/env bash
# Starts a PostgreSQL server on 127.0.0.1 for the tests and prints how to reach it:
#   eval "$(scripts/start-postgres.sh)"     # sets RECUT_TEST_PG
# Idempotent: a running cluster, an existing role and database are left as they are.
# Uses Debian's own cluster (postgresql 15 "main", created by the package; created here if missing).
# Only the export line goes to stdout; everything else goes to stderr so `eval` sees nothing but it.
# Overridable: PG_VERSION, PG_CLUSTER, RECUT_TEST_PG_USER, RECUT_TEST_PG_PASSWORD, RECUT_TEST_PG_DB.
set -euo pipefail

version="${PG_VERSION:-}"
if [ -z "$version" ]; then
  version="$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1 || true)"
fi
cluster="${PG_CLUSTER:-main}"
user="${RECUT_TEST_PG_USER:-recut_test}"
password="${RECUT_TEST_PG_PASSWORD:-recut_test}"
database="${RECUT_TEST_PG_DB:-recut_test}"

log() { echo "start-postgres: $*" >&2; }

if [ -z "$version" ] || ! command -v pg_ctlcluster >/dev/null; then
  log "PostgreSQL is not installed (apt-get install postgresql, or ./setup.sh --test)"
  exit 1
fi

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    sudo -n -u postgres -- "$@"
  fi
}
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo -n "$@"; fi
}

if ! pg_lsclusters -h 2>/dev/null | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { found = 1 } END { exit !found }'; then
  log "creating cluster $version/$cluster"
  as_root pg_createcluster "$version" "$cluster" >&2
fi

status="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $4 }')"
if [ "$status" != "online" ]; then
  log "starting cluster $version/$cluster"
  # The socket folder lives on tmpfs on some machines and is gone after a reboot.
  as_root install -d -o postgres -g postgres -m 2775 /var/run/postgresql
  as_root pg_ctlcluster "$version" "$cluster" start >&2
fi
port="$(pg_lsclusters -h | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c { print $3 }')"

# Wait until it accepts connections (a fresh start takes a moment).
for _ in $(seq 1 60); do
  if as_postgres psql -p "$port" -Atqc 'SELECT 1' >/dev/null 2>&1; then break; fi
  sleep 0.5
done
as_postgres psql -p "$port" -Atqc 'SELECT 1' >/dev/null

psql_admin() { as_postgres psql -p "$port" -v ON_ERROR_STOP=1 -Atq "$@"; }

# The test assemblies run side by side (store suite, chaos run with four server processes, relay tests), each with
# its own connection pools: Debian's default of 100 connections is not enough for all of them at once.
want_connections=400
if [ "$(psql_admin -c 'SHOW max_connections')" -lt "$want_connections" ]; then
  log "raising max_connections to $want_connections (restarts the cluster)"
  psql_admin -c "ALTER SYSTEM SET max_connections = $want_connections" >&2
  as_root pg_ctlcluster "$version" "$cluster" restart >&2
  for _ in $(seq 1 60); do
    if as_postgres psql -p "$port" -Atqc 'SELECT 1' >/dev/null 2>&1; then break; fi
    sleep 0.5
  done
fi

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$user'")" != "1" ]; then
  log "creating role $user"
  psql_admin -c "CREATE ROLE \"$user\" LOGIN PASSWORD '$password' CREATEDB" >&2
else
  psql_admin -c "ALTER ROLE \"$user\" LOGIN PASSWORD '$password' CREATEDB" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
  log "creating database $database"
  psql_admin -c "CREATE DATABASE \"$database\" OWNER \"$user\"" >&2
fi

# Prove the TCP + password path the tests use, not just the local socket.
if ! PGPASSWORD="$password" psql -h 127.0.0.1 -p "$port" -U "$user" -d "$database" -Atqc 'SELECT 1' >/dev/null; then
  log "cannot log in as $user over 127.0.0.1:$port (check pg_hba.conf)"
  exit 1
fi
log "PostgreSQL $version/$cluster ready on 127.0.0.1:$port, database $database"
echo "export RECUT_TEST_PG='Host=127.0.0.1;Port=$port;Database=$database;Username=$user;Password=$password'"
