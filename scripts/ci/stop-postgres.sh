#!/usr/bin/env bash
# Stops a cluster started by start-postgres.sh and removes its folder.
set -uo pipefail
dir=${1:-${KITCHEN_PG_DIR:-}}
[ -n "$dir" ] && [ -d "$dir/data" ] || exit 0
bindir=${KITCHEN_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n1)}
run=(); [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
"${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
rm -rf "$dir"
