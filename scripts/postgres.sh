#!/usr/bin/env bash
# Makes a local PostgreSQL available for tests and benchmarks: installs it from Debian's packages
# when missing, starts the default cluster, and creates the role and database the project uses.
# Idempotent. Prints the connection string on its last line.
set -euo pipefail

PG_USER=${CARDACTORS_PG_USER:-cardactors}
PG_PASSWORD=${CARDACTORS_PG_PASSWORD:-cardactors}
PG_DATABASE=${CARDACTORS_PG_DATABASE:-cardactors}
PG_PORT=${CARDACTORS_PG_PORT:-5432}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "postgres.sh: installing PostgreSQL from Debian's packages" >&2
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! as_root pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  as_root pg_createcluster "$version" main >&2
fi
if ! as_root pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  as_root pg_ctlcluster "$version" main start >&2
fi

for _ in $(seq 1 50); do
  if as_root su postgres -c "pg_isready -q -h 127.0.0.1 -p $PG_PORT" 2>/dev/null; then break; fi
  sleep 0.2
done

# Settings for a write-heavy event journal (durability untouched: fsync and synchronous_commit stay
# on). With the defaults (max_wal_size 1GB, shared_buffers 128MB) a sustained journal load of
# 100,000+ events/s fills the WAL allowance every few seconds and PostgreSQL checkpoints over and
# over, each checkpoint adding full-page images to the WAL; the journal's throughput then drops
# by a quarter while it runs. shared_buffers stays at its default: on this 2-core machine 1GB made
# group commit slower (110,000-139,000 against 152,000-161,000 events/s), the cost going to page
# faults and buffer-table lookups. CARDACTORS_PG_TUNE=0 leaves the cluster's settings alone.
if [ "${CARDACTORS_PG_TUNE:-1}" != 0 ]; then
  pg_query() { as_root su postgres -c "psql -tA -p $PG_PORT -d postgres -c \"$1\""; }
  changed=no
  # name, value to set, and the value as pg_settings shows it (setting and unit)
  while read -r name value shown; do
    if [ "$(pg_query "select setting || coalesce(unit, '') from pg_settings where name = '$name'")" != "$shown" ]; then
      pg_query "alter system set $name = '$value'" >/dev/null
      changed=yes
    fi
  done <<'SETTINGS'
max_wal_size 8GB 8192MB
checkpoint_timeout 15min 900s
SETTINGS
  if [ "$changed" = yes ]; then
    pg_query "select pg_reload_conf()" >/dev/null
  fi
fi

psql_admin() { as_root su postgres -c "psql -v ON_ERROR_STOP=1 -q -h 127.0.0.1 -p $PG_PORT -d postgres -c \"$1\"" >&2 2>/dev/null || as_root su postgres -c "psql -v ON_ERROR_STOP=1 -q -p $PG_PORT -d postgres -c \"$1\"" >&2; }

if ! as_root su postgres -c "psql -tA -p $PG_PORT -d postgres -c \"select 1 from pg_roles where rolname='$PG_USER'\"" | grep -q 1; then
  psql_admin "create role $PG_USER login password '$PG_PASSWORD' createdb"
fi
if ! as_root su postgres -c "psql -tA -p $PG_PORT -d postgres -c \"select 1 from pg_database where datname='$PG_DATABASE'\"" | grep -q 1; then
  psql_admin "create database $PG_DATABASE owner $PG_USER"
fi

echo "Host=127.0.0.1;Port=$PG_PORT;Username=$PG_USER;Password=$PG_PASSWORD;Database=$PG_DATABASE"
