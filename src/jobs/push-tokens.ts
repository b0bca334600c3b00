// push-tokens.cleanup: deletes push tokens not refreshed for 60 days (configurable).
import { asWorker } from '../db/context.ts';
import { deleteStalePushTokens } from '../generated/jobs.queries.ts';
import { positive } from './appliances.ts';
import type { JobContext, JobOutput } from './context.ts';
import type { PushTokenCleanupJob } from './queues.ts';

export async function runPushTokenCleanup(ctx: JobContext, data: PushTokenCleanupJob | null): Promise<JobOutput> {
  const days = Math.round(positive(data?.olderThanDays, ctx.pushTokenMaxAgeDays));
  const [row] = await asWorker(ctx.pool, (c) => deleteStalePushTokens.run({ days }, c));
  const deleted = row?.count ?? 0;
  ctx.log.info({ queue: 'push-tokens.cleanup', deleted, olderThanDays: days }, 'stale push tokens deleted');
  return { deleted, olderThanDays: days };
}
