// telemetry.partitions: app.maintain_partitions() (issue 6) — premake monthly partitions, move rows
// out of DEFAULT, retention. Idempotent (the SQL says what it did; a second run finds nothing to do).
import { asWorker } from '../db/context.ts';
import * as telemetry from '../areas/telemetry.ts';
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
  const result = (await asWorker(ctx.pool, (c) => telemetry.forWorker.maintainPartitions(c))) as unknown as { busy?: boolean; tables?: TableReport[] };
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
  // Rows moved out of a DEFAULT partition leave dead tuples behind (19 MB after the demo's load):
  // VACUUM reclaims them, which a function cannot do (no VACUUM inside a transaction).
  const moved = (result.tables ?? []).filter((t) => (t.moved_rows ?? 0) > 0).map((t) => t.table);
  const vacuum = moved.length ? await vacuumDefaultPartitions(ctx, moved) : { vacuumed: [], skipped: [] };
  ctx.log.info({ queue: 'telemetry.partitions', ...summary, ...vacuum, errors }, 'partition maintenance ran');
  if (errors.length) throw new Error(`partition maintenance left ${errors.length} step(s) undone: ${errors.join('; ')}`);
  return { ...result, ...vacuum } as JobOutput;
}

/**
 * VACUUM (ANALYZE) of the DEFAULT partitions of `tables`, outside any transaction, as the worker's
 * own login role: it needs to own the table, be a superuser or (PostgreSQL 17+) hold MAINTAIN on it
 * (migration 000091 grants that to app_worker). Without, PostgreSQL skips it with a warning, reported
 * here as `skipped` (autovacuum reclaims the space later).
 */
export async function vacuumDefaultPartitions(ctx: JobContext, tables: string[]): Promise<{ vacuumed: string[]; skipped: { partition: string; reason: string }[] }> {
  const client = await ctx.pool.connect();
  const vacuumed: string[] = [];
  const skipped: { partition: string; reason: string }[] = [];
  let warnings: string[] = [];
  const onNotice = (n: { severity?: string; message?: string }) => {
    if (n.severity === 'WARNING' && n.message) warnings.push(n.message);
  };
  client.on('notice', onNotice);
  try {
    const { rows } = await client.query<{ partition: string }>(
      `select c.oid::regclass::text as partition
         from pg_catalog.pg_inherits i join pg_catalog.pg_class c on c.oid = i.inhrelid
        where i.inhparent = any($1::regclass[]) and c.relispartition and pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT'`,
      [tables],
    );
    for (const { partition } of rows) {
      warnings = [];
      // The name comes from the catalog as a quoted regclass.
      await client.query(`vacuum (analyze) ${partition}`);
      if (warnings.some((w) => /skipping/i.test(w))) skipped.push({ partition, reason: warnings.join('; ') });
      else vacuumed.push(partition);
    }
  } catch (error) {
    ctx.log.warn({ error: { message: (error as Error).message } }, 'vacuum of the DEFAULT partitions failed (autovacuum reclaims the space later)');
  } finally {
    client.off('notice', onNotice);
    client.release();
  }
  return { vacuumed, skipped };
}
