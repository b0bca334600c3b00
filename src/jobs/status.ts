// Queue depths for `kitchen-db status` (and operators): per pg-boss queue, jobs ready to run,
// deferred (retry backoff, start_after), running, and failed (kept until retention; failed jobs of
// a queue with a dead-letter queue also sit in `<name>.dlq`). Reads pgboss.job through its partial
// index on live states; run it as the migration/login role (app_worker can too).
import type { DbClient } from '../db/context.ts';
import { queueDepths, type IQueueDepthsResult } from '../generated/jobs.queries.ts';

export type QueueDepth = IQueueDepthsResult;

export async function jobQueueDepths(client: Pick<DbClient, 'query'>): Promise<QueueDepth[]> {
  return queueDepths.run(undefined, client as DbClient);
}
