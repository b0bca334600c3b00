#!/usr/bin/env bash
# Stops a cluster started by start-citus.sh (the coordinator and every worker) and removes its folder.
# Usage: scripts/ci/stop-citus.sh DIR   (or with CITUS_DIR set)
set -uo pipefail
dir=${1:-${CITUS_DIR:-}}
[ -n "$dir" ] && [ -d "$dir" ] || exit 0
bindir=${CITUS_PG_BIN:-/usr/lib/postgresql/15/bin}
run=(); [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
for data in "$dir"/*/data; do
  [ -f "$data/PG_VERSION" ] || continue
  "${run[@]}" "$bindir/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 &
done
wait
rm -rf "$dir"
