// push-tokens.cleanup: deletes push tokens not refreshed for 60 days (configurable).
import { asWorker } from '../db/context.ts';
import * as accounts from '../areas/accounts.ts';
import { positive, type JobContext, type JobOutput } from './context.ts';
import type { PushTokenCleanupJob } from './queues.ts';

export async function runPushTokenCleanup(ctx: JobContext, data: PushTokenCleanupJob | null): Promise<JobOutput> {
  const days = Math.round(positive(data?.olderThanDays, ctx.pushTokenMaxAgeDays));
  const deleted = await asWorker(ctx.pool, (c) => accounts.forWorker.deleteStalePushTokens(c, days));
  ctx.log.info({ queue: 'push-tokens.cleanup', deleted, olderThanDays: days }, 'stale push tokens deleted');
  return { deleted, olderThanDays: days };
}
