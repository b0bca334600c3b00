#!/usr/bin/env bash
# Starts a throwaway native PostgreSQL cluster in a temp folder on a free loopback port and
# prints `export` lines for it (eval them). Stop it with scripts/ci/stop-postgres.sh <dir>.
# Usage: eval "$(scripts/ci/start-postgres.sh [DIR])"
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
[ -x "$bindir/initdb" ] || { echo "start-postgres: no PostgreSQL server binaries under /usr/lib/postgresql; run scripts/ci/provision-postgres.sh" >&2; exit 1; }
dir=${1:-$(mktemp -d /tmp/kitchen-db-pg.XXXXXX)}; mkdir -p "$dir"
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
# initdb refuses to run as root: run the cluster as the unprivileged `postgres` user when we are root.
run=(); if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; run=(runuser -u postgres --); fi
"${run[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 512MB
fsync = off
synchronous_commit = off
full_page_writes = off
max_wal_size = 4GB
lock_timeout = 0
CONF
"${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
echo "export KITCHEN_PG_DIR='$dir'"
echo "export KITCHEN_PG_BIN='$bindir'"
echo "export TEST_DATABASE_URL='postgres://postgres@127.0.0.1:$port/postgres'"
