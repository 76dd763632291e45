#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on 127.0.0.1:${PGPORT:-55432} (trust auth, fsync off: test data only)
# and prints the DATABASE_URL to use. Needs Debian's postgresql package.
set -euo pipefail
port=${PGPORT:-55432}
dir=${PGDIR:-/tmp/ipocket-pg-$port}
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
if ! su postgres -s /bin/sh -c "$bin/pg_ctl -D $dir/data status" >/dev/null 2>&1; then
  rm -rf "$dir"
  mkdir -p "$dir"
  chown postgres "$dir"
  su postgres -s /bin/sh -c "$bin/initdb -D $dir/data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  su postgres -s /bin/sh -c "$bin/pg_ctl -D $dir/data -l $dir/server.log -w -o \"-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300\" start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$port/postgres"
