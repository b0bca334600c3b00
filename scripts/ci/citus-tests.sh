#!/usr/bin/env bash
# The Citus part of CI (.ci/run): the suites issue 17 lists, on a running cluster. Runs alone too:
#   eval "$(bash scripts/ci/start-citus.sh /tmp/citus-x)"
#   bash scripts/ci/citus-tests.sh            # then: bash scripts/ci/stop-citus.sh /tmp/citus-x
# Needs CITUS_ROOT_URL and CITUS_WORKER_URLS (start-citus.sh exports both) and node_modules.
#
# Every file gets a migrated, distributed database of its own on all three nodes. Building one is
# most of a file's cost (about a minute under load: docs/scale-out.md, section 10), so the run's
# pool (test/support/citus.ts) builds them while the files run, and KITCHEN_DB_CITUS_JOBS files
# run at once, each on its own database.
#   KITCHEN_DB_CITUS_JOBS   test files at once on the cluster (default 2; 1 = one after another)
#   KITCHEN_DB_CITUS_AHEAD  databases ready or being built at a time (default 2)
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${CITUS_ROOT_URL:?run eval \"\$(bash scripts/ci/start-citus.sh)\" first}" "${CITUS_WORKER_URLS:?}"
jobs=${KITCHEN_DB_CITUS_JOBS:-2}
# The nine the issue lists, then the Citus-specific checks: the job outbox (drain vs purge), errors
# relayed by the workers, the ingest statement's form, and the DBA's cluster-roles command.
suites=(test/citus.test.ts test/rls.test.ts test/gdpr.test.ts test/gdpr-erasure.test.ts
  test/telemetry.test.ts test/partitions.test.ts test/recipes.test.ts test/jobs.test.ts test/routing.test.ts
  test/jobs-outbox.test.ts test/errors.test.ts test/telemetry-insert-form.test.ts test/cluster-roles.test.ts)
present=(); for f in "${suites[@]}"; do [ -f "$f" ] && present+=("$f"); done
t0=$(date +%s)
TEST_DATABASE_URL=$CITUS_ROOT_URL TEST_CITUS=1 npx vitest run --maxWorkers="$jobs" "${present[@]}"
echo "citus-tests: ${#present[@]} files, $jobs at once, in $(( $(date +%s) - t0 )) s (load average $(cut -d' ' -f1-3 /proc/loadavg))"
