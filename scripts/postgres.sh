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
# by a quarter while it runs. shared_buffers: the journal's primary key (entity, sequence number)
# takes every write at a random leaf. Once it outgrows 128MB (a few minutes at 20,000 requests/s:
# 573MB after 7 minutes) every insert evicts a dirty page and writes it from the backend itself,
# and a batch that took 15 ms took 100 ms (docs/benchmarks.md, "The journal's index outgrows
# shared_buffers"). 4GB holds the index of hours of such load; the first touch of those pages
# costs a short group-commit benchmark some throughput, a long run much less than the eviction did.
# A changed shared_buffers restarts the cluster. CARDACTORS_PG_TUNE=0 leaves the settings alone.
if [ "${CARDACTORS_PG_TUNE:-1}" != 0 ]; then
  pg_query() { as_root su postgres -c "psql -tA -p $PG_PORT -d postgres -c \"$1\""; }
  changed=no
  # name and value, as current_setting() shows it
  while read -r name value; do
    if [ "$(pg_query "select current_setting('$name')")" != "$value" ]; then
      pg_query "alter system set $name = '$value'" >/dev/null
      changed=yes
    fi
  done <<'SETTINGS'
max_wal_size 8GB
checkpoint_timeout 15min
shared_buffers 4GB
SETTINGS
  if [ "$changed" = yes ]; then
    pg_query "select pg_reload_conf()" >/dev/null
    sleep 0.2
    if [ "$(pg_query "select count(*) from pg_settings where pending_restart")" != 0 ]; then
      echo "postgres.sh: restarting PostgreSQL $version for settings that need it" >&2
      as_root pg_ctlcluster "$version" main restart >&2
      for _ in $(seq 1 50); do
        if as_root su postgres -c "pg_isready -q -h 127.0.0.1 -p $PG_PORT" 2>/dev/null; then break; fi
        sleep 0.2
      done
    fi
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
