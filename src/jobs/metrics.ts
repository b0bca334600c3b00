// metrics.rollup: recomputes app.daily_nutrition / app.daily_ai_cost for one person-day, or all of a
// person's days after a time-zone change. Enqueued by triggers (migration 000056) for exactly the
// person-days a write changed; idempotent (delete + insert of the person-day from the source rows).
import { asWorker, assertUuid } from '../db/context.ts';
import { ValidationError } from '../db/errors.ts';
import * as meals from '../areas/meals.ts';
import type { JobContext, JobOutput } from './context.ts';
import type { RollupJob } from './queues.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export async function runMetricsRollup(ctx: JobContext, data: RollupJob | null): Promise<JobOutput> {
  const userId = assertUuid(data?.userId, 'userId');
  if (data?.rebuild) {
    const days = await asWorker(ctx.pool, (c) => meals.forWorker.rebuildDailyMetrics(c, userId));
    return { userId, rebuilt: true, days };
  }
  const day = data?.day;
  if (typeof day !== 'string' || !DAY.test(day)) {
    throw new ValidationError('day', 'date', `metrics.rollup needs a day (YYYY-MM-DD) or rebuild: true, got ${JSON.stringify(day)}`);
  }
  await asWorker(ctx.pool, (c) => meals.forWorker.refreshDailyMetrics(c, userId, day));
  return { userId, day };
}
