// appliances.offline-sweep: appliances silent for longer than the threshold become offline.
import { asWorker } from '../db/context.ts';
import * as appliances from '../areas/appliances/appliances.ts';
import { positive, type JobContext, type JobOutput } from './context.ts';
import type { OfflineSweepJob } from './queues.ts';

export async function runOfflineSweep(ctx: JobContext, data: OfflineSweepJob | null): Promise<JobOutput> {
  const seconds = positive(data?.silentForSeconds, ctx.offlineAfterSeconds);
  const marked = await asWorker(ctx.pool, (c) => appliances.forWorker.markOffline(c, seconds));
  if (marked > 0) ctx.log.info({ queue: 'appliances.offline-sweep', marked, silentForSeconds: seconds }, 'appliances marked offline');
  return { marked, silentForSeconds: seconds };
}
