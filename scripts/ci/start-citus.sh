#!/usr/bin/env bash
# Starts a throwaway Citus cluster — a coordinator and two workers, each its own PostgreSQL 15
# cluster on a free loopback port, data in a temp folder — and prints `export` lines for it (eval
# them). Stop it with scripts/ci/stop-citus.sh <dir>. Citus must be installed first
# (scripts/ci/provision-citus.sh).
#
# Usage: eval "$(scripts/ci/start-citus.sh [DIR])"
#   CITUS_DB           the database made ready for Citus on every node (default kitchen)
#   CITUS_WORKERS      number of workers (default 2)
#   CITUS_SHARD_COUNT  citus.shard_count on the coordinator (default 8: small and fast for tests;
#                      Citus's own default, for production, is 32)
#
# max_worker_processes is raised to 64: every database with the citus extension runs its own
# maintenance daemon (a background worker), and shard moves / the rebalancer need more; with the
# default 8, seven Citus databases left the rebalancer stuck ("unable to start background worker
# for background task execution"). Tests that make a database per file must drop it afterwards.
#
# Exports: CITUS_DIR, CITUS_PG_BIN, CITUS_DATABASE_URL (the coordinator, CITUS_DB, as postgres),
# CITUS_ROOT_URL (the coordinator's postgres database, for CREATE DATABASE …), CITUS_WORKER_URLS
# (space separated), CITUS_WORKER_1_URL … .
#
# Node-to-node authentication. Citus opens its connections to the workers as the CURRENT role
# (after SET ROLE, inside SECURITY DEFINER bodies: the definer), so every role that touches a
# distributed table or runs propagated DDL must be able to log in on the workers, with a password
# Citus knows. This throwaway cluster trusts every role on 127.0.0.1 (initdb --auth=trust), so
# only the LOGIN attribute matters; kitchen-db's NOLOGIN roles (sql/roles.sql, kitchen_owner) still
# fail with "role … is not permitted to log in" until they are given LOGIN on the workers
# (see docs/scale-out.md: "Roles and node-to-node authentication"). A production DBA instead
# gives those roles LOGIN with a password (or a client certificate), stores it in
# pg_dist_authinfo (or ~postgres/.pgpass on the coordinator and every worker) and allows them in
# the workers' pg_hba.conf only from the cluster's own addresses.
set -euo pipefail
bindir=${CITUS_PG_BIN:-/usr/lib/postgresql/15/bin}
[ -x "$bindir/initdb" ] || { echo "start-citus: no PostgreSQL server binaries in $bindir" >&2; exit 1; }
sharedir=$("$bindir/pg_config" --sharedir)
[ -f "$sharedir/extension/citus.control" ] || { echo "start-citus: Citus is not installed for $("$bindir/pg_config" --version); run scripts/ci/provision-citus.sh" >&2; exit 1; }
db=${CITUS_DB:-kitchen}
nworkers=${CITUS_WORKERS:-2}
shard_count=${CITUS_SHARD_COUNT:-8}
t0=$(date +%s%N)
dir=${1:-$(mktemp -d /tmp/kitchen-db-citus.XXXXXX)}; mkdir -p "$dir"
nodes=(coord); for i in $(seq 1 "$nworkers"); do nodes+=("w$i"); done

# One free loopback port per node, all held open at once so they differ.
read -r -a ports < <(python3 -c '
import socket, sys
ss = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in ss: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in ss))
for s in ss: s.close()' "${#nodes[@]}")

# initdb refuses to run as root: the clusters belong to the unprivileged `postgres` user.
run=(); if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; run=(runuser -u postgres --); fi
psql_as() { "${run[@]}" "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres "$@"; }

init_node() {  # name port
  local n=$1 port=$2
  "${run[@]}" mkdir -p "$dir/$n"
  "${run[@]}" "$bindir/initdb" -D "$dir/$n/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/$n/initdb.log" 2>&1 \
    || { cat "$dir/$n/initdb.log" >&2; return 1; }
  "${run[@]}" tee -a "$dir/$n/data/postgresql.conf" >/dev/null <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir/$n'
shared_preload_libraries = 'citus'
max_connections = 300
shared_buffers = 256MB
fsync = off
synchronous_commit = off
full_page_writes = off
max_wal_size = 4GB
lock_timeout = 0
wal_level = logical
max_worker_processes = 64
citus.shard_count = $shard_count
CONF
  "${run[@]}" "$bindir/pg_ctl" -D "$dir/$n/data" -l "$dir/$n/server.log" -w start >/dev/null \
    || { cat "$dir/$n/server.log" >&2; return 1; }
}
pids=()
for i in "${!nodes[@]}"; do init_node "${nodes[$i]}" "${ports[$i]}" & pids+=($!); done
for p in "${pids[@]}"; do wait "$p" || { echo "start-citus: a node failed to start (logs in $dir)" >&2; exit 1; }; done

# The same database on every node, with the extensions kitchen-db needs; citus first.
for i in "${!nodes[@]}"; do
  psql_as -p "${ports[$i]}" -d postgres -c "create database $db" \
    -c "\\c $db" -c "create extension citus" >/dev/null &
  pids[$i]=$!
done
for p in "${pids[@]}"; do wait "$p"; done
coord_port=${ports[0]}
{
  echo "select citus_set_coordinator_host('127.0.0.1', $coord_port);"
  for i in $(seq 1 "$nworkers"); do echo "select citus_add_node('127.0.0.1', ${ports[$i]});"; done
  # After the nodes: Citus propagates CREATE EXTENSION to them (vector, citext are installed for PG 15).
  echo "create extension if not exists vector with schema public;"
  echo "create extension if not exists citext with schema public;"
} | psql_as -p "$coord_port" -d "$db" >/dev/null
unhealthy=$(psql_as -p "$coord_port" -d "$db" -Atc "select count(*) from citus_check_cluster_node_health() where not result")
[ "$unhealthy" = 0 ] || { echo "start-citus: citus_check_cluster_node_health() reports $unhealthy failing node pairs" >&2; exit 1; }
version=$(psql_as -p "$coord_port" -d "$db" -Atc "select extversion from pg_extension where extname = 'citus'")
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
echo "# start-citus: Citus $version, coordinator 127.0.0.1:$coord_port + $nworkers workers, database $db, healthy, in ${ms} ms"
echo "export CITUS_DIR='$dir'"
echo "export CITUS_PG_BIN='$bindir'"
echo "export CITUS_DATABASE_URL='postgres://postgres@127.0.0.1:$coord_port/$db'"
echo "export CITUS_ROOT_URL='postgres://postgres@127.0.0.1:$coord_port/postgres'"
urls=()
for i in $(seq 1 "$nworkers"); do
  urls+=("postgres://postgres@127.0.0.1:${ports[$i]}/$db")
  echo "export CITUS_WORKER_${i}_URL='${urls[-1]}'"
done
echo "export CITUS_WORKER_URLS='${urls[*]}'"
