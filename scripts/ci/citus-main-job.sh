#!/usr/bin/env bash
# The README's main job on a Citus cluster, as a DBA runs it (README, "On a Citus cluster"): as the
# superuser postgres, DATABASE_URL at the coordinator's database (CITUS_DATABASE_URL from
# scripts/ci/start-citus.sh): migrate, LOGIN for the roles on every node, distribute once, demo.
# This throwaway cluster trusts 127.0.0.1, so the roles need no passwords; a production cluster
# also needs them in pg_dist_authinfo and the workers' pg_hba.conf.
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${CITUS_DATABASE_URL:?run eval \"\$(bash scripts/ci/start-citus.sh)\" first}"
export DATABASE_URL=$CITUS_DATABASE_URL
t0=$(date +%s)
lap() { echo "--- $1 in $(( $(date +%s) - t0 )) s"; t0=$(date +%s); }
node bin/kitchen-db.js migrate; lap migrate
node bin/kitchen-db.js cluster-roles; lap cluster-roles
node bin/kitchen-db.js distribute; lap distribute
node bin/kitchen-db.js demo; lap demo
