// `kitchen-db partitions maintain|list` — for operators. Both act as the role app_worker (SET LOCAL
// ROLE inside the transaction: the connecting role must be a member of app_worker) and call the same
// SQL entry points as the job worker: app.maintain_partitions() and app.partition_report().
import type { Command } from 'commander';
import type pg from 'pg';
import { asWorker } from '../../db/context.ts';
import { forWorker, type MaintenanceResult, type PartitionInfo } from '../../areas/telemetry.ts';
import { createOutput, EXIT, type Output } from '../output.ts';
import { withSession, type GlobalOptions } from '../session.ts';

const day = (d: Date | string | null): string => (d === null ? '' : (typeof d === 'string' ? d : d.toISOString()).slice(0, 10));

function bytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

/** Up to this much partition data, counting every row is cheap enough to do instead of estimating. */
export const EXACT_COUNT_MAX_BYTES = 256 * 1024 * 1024;

/**
 * The partitions with their row counts, as `status` and `partitions list` both show them (so they
 * agree): exact when the registered tables hold little enough data to count (or with `exact`), else
 * the planner's estimates (NULL for a partition never analysed).
 */
export async function partitionRows(pool: pg.Pool, options: { exact?: boolean } = {}): Promise<PartitionInfo[]> {
  return asWorker(
    pool,
    async (client) => {
      const rows = await forWorker.partitionReport(client, { exact: !!options.exact });
      if (options.exact || rows.reduce((n, r) => n + r.totalBytes, 0) > EXACT_COUNT_MAX_BYTES) return rows;
      return forWorker.partitionReport(client, { exact: true });
    },
    { readOnly: true },
  );
}

/** "118,333 rows", "~2,400,000 rows" (an estimate), or "rows unknown (never analysed)". */
export function rowCountText(rowCount: number | null, exact: boolean): string {
  return rowCount === null ? 'rows unknown (never analysed)' : `${exact ? '' : '~'}${rowCount.toLocaleString('en-US')} rows`;
}

function printMaintenance(out: Output, result: MaintenanceResult): void {
  if (result.busy) {
    out.line('another maintenance run holds the lock: nothing done (try again when it has finished)');
    return;
  }
  if (result.tables.length === 0) out.line('no table is registered in app_private.partitioned_tables');
  for (const t of result.tables) {
    out.line(`${t.table}:`);
    for (const c of t.created) {
      out.line(`  created  ${c.partition}  [${day(c.from)}, ${day(c.to)})${c.moved_rows ? `  moved ${c.moved_rows} row(s) out of DEFAULT` : ''}`);
    }
    for (const p of t.dropped) out.line(`  dropped  ${p}  (older than the retention cutoff ${day(t.retention_cutoff)})`);
    for (const p of t.detached) out.line(`  detached ${p}  (older than the retention cutoff ${day(t.retention_cutoff)})`);
    if (!t.created.length && !t.dropped.length && !t.detached.length && !t.errors.length) out.line('  nothing to do');
    if (t.default_rows !== null) {
      const d = t.default;
      const outside = (d?.before_window ?? 0) + (d?.after_window ?? 0);
      out.line(
        t.default_rows === 0
          ? '  DEFAULT partition: empty'
          : `  DEFAULT partition: ${t.default_rows} row(s) from ${d?.oldest ?? '?'} to ${d?.newest ?? '?'}` +
              (outside ? ` — ${d?.before_window ?? 0} older than the retention window, ${d?.after_window ?? 0} beyond the premade months (left there)` : ''),
      );
    }
    for (const e of t.errors) out.line(`  ERROR    ${e.step} ${e.month ?? e.partition ?? ''}: ${e.message} (${e.sqlstate})`);
  }
}

function printReport(out: Output, rows: PartitionInfo[]): void {
  if (rows.length === 0) {
    out.line('no partitions (no table is registered in app_private.partitioned_tables)');
    return;
  }
  const width = Math.max(...rows.map((r) => r.partitionName.length));
  let parent = '';
  for (const r of rows) {
    if (r.parentTable !== parent) {
      parent = r.parentTable;
      out.line(`${parent}:`);
    }
    const range = r.isDefault ? 'DEFAULT'.padEnd(24) : `[${day(r.lowerBound)}, ${day(r.upperBound)})`;
    const count = rowCountText(r.rowCount, r.rowCountExact);
    const retires = r.retiresAt ? `  ${r.retentionAction === 'detach' ? 'detached' : 'dropped'} after ${day(r.retiresAt)}` : '';
    out.line(`  ${r.partitionName.padEnd(width)}  ${range}  ${count.padStart(14)}  ${bytes(r.totalBytes).padStart(9)}${retires}`);
  }
  if (rows.some((r) => !r.rowCountExact)) out.line('(~ = the planner\'s estimate, for large tables; --exact counts every partition)');
}

export function registerPartitionCommands(program: Command): void {
  const partitions = program.command('partitions').description('monthly partitions of the registered tables (app.telemetry_events …)');

  partitions
    .command('maintain')
    .description('create the premade months, move rows out of DEFAULT, apply retention (app.maintain_partitions(), as app_worker)')
    .action(async (_options: unknown, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const out = createOutput(!!global.json);
      await withSession(global, async ({ pool }) => {
        const result = await asWorker(pool, (client) => forWorker.maintainPartitions(client), { retries: 0 });
        out.result(result, (r) => printMaintenance(out, r));
        if (result.tables.some((t) => t.errors.length > 0)) process.exitCode = EXIT.failed;
      });
    });

  partitions
    .command('list')
    .description('every partition with its bounds (UTC), row count, size and retirement date (app.partition_report(), as app_worker)')
    .option('--exact', `count the rows of every partition (default: counted when the partitions hold under ${EXACT_COUNT_MAX_BYTES / 1024 / 1024} MB, else the planner's estimates; DEFAULT is always counted)`)
    .action(async (options: { exact?: boolean }, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const out = createOutput(!!global.json);
      await withSession(global, async ({ pool }) => {
        const rows = await partitionRows(pool, { exact: !!options.exact });
        out.result(rows, (r) => printReport(out, r));
      });
    });
}
