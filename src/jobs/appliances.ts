// appliances.offline-sweep: appliances silent for longer than the threshold become offline.
import { asWorker } from '../db/context.ts';
import { markOfflineAppliances } from '../generated/jobs.queries.ts';
import type { JobContext, JobOutput } from './context.ts';
import type { OfflineSweepJob } from './queues.ts';

export async function runOfflineSweep(ctx: JobContext, data: OfflineSweepJob | null): Promise<JobOutput> {
  const seconds = positive(data?.silentForSeconds, ctx.offlineAfterSeconds);
  const [row] = await asWorker(ctx.pool, (c) => markOfflineAppliances.run({ seconds }, c));
  const marked = row?.count ?? 0;
  if (marked > 0) ctx.log.info({ queue: 'appliances.offline-sweep', marked, silentForSeconds: seconds }, 'appliances marked offline');
  return { marked, silentForSeconds: seconds };
}

export function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
