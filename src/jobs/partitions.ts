// telemetry.partitions: app.maintain_partitions() (issue 6) — premake monthly partitions, move rows
// out of DEFAULT, retention. Idempotent (the SQL says what it did; a second run finds nothing to do).
import { asWorker } from '../db/context.ts';
import { maintainPartitions } from '../generated/jobs.queries.ts';
import type { JobContext, JobOutput } from './context.ts';

interface TableReport {
  table: string;
  created?: unknown[];
  moved_rows?: number;
  dropped?: unknown[];
  detached?: unknown[];
  default_rows?: unknown;
  errors?: { step?: string; sqlstate?: string; message?: string }[];
}

export async function runPartitionMaintenance(ctx: JobContext): Promise<JobOutput> {
  const [row] = await asWorker(ctx.pool, (c) => maintainPartitions.run(undefined, c));
  const result = (row?.result ?? {}) as { busy?: boolean; tables?: TableReport[] };
  // The steps that succeeded are committed; a step that failed (e.g. a lock wait over 2 s behind a
  // long reader) fails the job afterwards, so pg-boss retries it with backoff.
  const errors = (result.tables ?? []).flatMap((t) => (t.errors ?? []).map((e) => `${t.table} ${e.step ?? ''}: ${e.message ?? e.sqlstate ?? 'error'}`));
  const summary = {
    busy: result.busy ?? false,
    tables: (result.tables ?? []).map((t) => ({
      table: t.table,
      created: t.created?.length ?? 0,
      movedRows: t.moved_rows ?? 0,
      dropped: t.dropped?.length ?? 0,
      detached: t.detached?.length ?? 0,
      defaultRows: t.default_rows ?? null,
    })),
  };
  ctx.log.info({ queue: 'telemetry.partitions', ...summary, errors }, 'partition maintenance ran');
  if (errors.length) throw new Error(`partition maintenance left ${errors.length} step(s) undone: ${errors.join('; ')}`);
  return result as JobOutput;
}
