// The job outbox (migration 000140): the enqueue triggers write app.job_outbox in the writing
// transaction (on Citus the row lands on the person's shard, next to the change); the worker moves
// the rows into pg-boss with app.drain_job_outbox, on start, every few seconds while it runs
// (KITCHEN_DB_OUTBOX_DRAIN_MS, default 2000) and before `--once` looks for due jobs. The drain is
// atomic per batch (delete from the outbox + insert into pgboss.job in one transaction) and moves a
// row once even when several workers drain at the same time.
import type pg from 'pg';
import { asWorker } from '../db/context.ts';
import { runQuery } from '../db/run-query.ts';
import { drainJobOutbox } from '../generated/jobs.queries.ts';

/** Rows moved per transaction. */
export const DRAIN_BATCH = 1000;

/**
 * Drains the outbox: batches of `batch` rows, each in its own transaction as app_worker, until a
 * batch comes back short (or `maxBatches` ran). Returns how many outbox rows were moved.
 */
export async function drainOutbox(pool: pg.Pool, options: { batch?: number; maxBatches?: number } = {}): Promise<number> {
  const batch = options.batch ?? DRAIN_BATCH;
  const maxBatches = options.maxBatches ?? 100;
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const moved = await asWorker(pool, async (c) => (await runQuery(drainJobOutbox, { limit: batch }, c))[0]?.moved ?? 0);
    total += moved;
    if (moved < batch) break;
  }
  return total;
}
