// gdpr.purge-due (hourly) and gdpr.export (on demand), on top of the GDPR area (src/areas/gdpr/gdpr.ts,
// migrations 000020–000026).
//   purge-due: app.purge_due_accounts() as app_worker, again while accounts remain due (each call
//              is its own transaction; each purge is audited by the SQL). Idempotent: a second run
//              finds nothing due. Then the export files' housekeeping (src/areas/gdpr/files.ts): files older
//              than the retention (KITCHEN_DB_EXPORT_RETENTION_DAYS, default 7) become pending deletion,
//              and every pending file of this host inside the export folder is deleted — the purged
//              people's files of this run, and any a purge elsewhere or an earlier crash left behind.
//   export:    the person's export as NDJSON (a manifest line, then one line per row, as
//              `kitchen-db gdpr export` writes it) into KITCHEN_DB_EXPORT_DIR/<user id>/<job id>.ndjson,
//              as app_compliance (export is a compliance function: the worker's login role needs
//              app_compliance besides app_worker) in one REPEATABLE READ snapshot. Recorded in
//              app_private.gdpr_export_files before it is written (a purge deletes it; so does the
//              retention). Written to a temporary file and renamed when complete; a retry rewrites the
//              same file. The job's
//              output records where the file is, its size and SHA-256 (pg-boss keeps it 30 days,
//              see queues.ts); the SQL audits the export itself.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { asWorker, assertUuid } from '../db/context.ts';
import { exportPerson } from '../areas/gdpr/export.ts';
import { deletePendingExportFiles, expireExportFiles } from '../areas/gdpr/files.ts';
import { forWorker, type DuePurgeResult } from '../areas/gdpr/gdpr.ts';
import type { JobContext, JobOutput } from './context.ts';
import type { ExportJob } from './queues.ts';

/** Calls per job at most (100 accounts each): a backlog larger than that continues next hour. */
const MAX_PURGE_ROUNDS = 50;

export async function runPurgeDue(ctx: JobContext): Promise<JobOutput> {
  let purged = 0;
  let totalRows = 0;
  let remaining = 0;
  let rounds = 0;
  const tables: Record<string, number> = {};
  do {
    const r: DuePurgeResult = await asWorker(ctx.pool, (c) => forWorker.purgeDueAccounts(c, { limit: 100 }));
    rounds++;
    purged += r.purged;
    totalRows += r.total_rows;
    remaining = r.remaining;
    for (const [t, n] of Object.entries(r.tables ?? {})) tables[t] = (tables[t] ?? 0) + n;
    // Nothing purged although some are due: their rows are locked by other transactions; next run.
    if (r.purged === 0) break;
  } while (remaining > 0 && rounds < MAX_PURGE_ROUNDS);
  if (purged > 0 || remaining > 0) ctx.log.info({ queue: 'gdpr.purge-due', purged, remaining, totalRows }, 'due accounts purged');
  const expiredFiles = await expireExportFiles(ctx.pool, Math.ceil(ctx.exportRetentionDays));
  const files = await deletePendingExportFiles(ctx.pool, { roots: [resolve(ctx.exportDir)], role: 'worker' });
  if (expiredFiles > 0 || files.deleted + files.refused + files.failed > 0) {
    ctx.log.info({ queue: 'gdpr.purge-due', expiredFiles, ...files }, 'export files deleted');
  }
  return { purged, remaining, totalRows, tables, rounds, exportFiles: { expired: expiredFiles, ...files } };
}

export async function runExport(ctx: JobContext, jobId: string, data: ExportJob | null): Promise<JobOutput> {
  const userId = assertUuid(data?.userId, 'userId');
  const dir = resolve(ctx.exportDir, userId);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // A retry of the same job rewrites the same file.
  const outcome = await exportPerson(ctx.pool, userId, join(dir, `${jobId}.ndjson`), { format: 'ndjson', force: true, record: 'job' });
  const output = {
    userId,
    file: outcome.file,
    format: outcome.format,
    bytes: outcome.bytes,
    sha256: outcome.sha256,
    rows: outcome.totalRows,
    tables: outcome.tables,
    ...(data?.requestedBy ? { requestedBy: data.requestedBy } : {}),
  };
  ctx.log.info({ queue: 'gdpr.export', userId, file: outcome.file, bytes: outcome.bytes, rows: outcome.totalRows }, 'export written');
  return output;
}
