// gdpr.purge-due (hourly) and gdpr.export (on demand), on top of the GDPR area (src/gdpr.ts,
// migrations 000020–000026).
//   purge-due: app.purge_due_accounts() as app_worker, again while accounts remain due (each call
//              is its own transaction; each purge is audited by the SQL). Idempotent: a second run
//              finds nothing due.
//   export:    the person's export as NDJSON (a manifest line, then one line per row, as
//              `kitchen-db gdpr export` writes it) into KITCHEN_DB_EXPORT_DIR/<user id>/<job id>.ndjson,
//              as app_compliance (export is a compliance function: the worker's login role needs
//              app_compliance besides app_worker) in one REPEATABLE READ snapshot. Written to a
//              temporary file and renamed when complete; a retry rewrites the same file. The job's
//              output records where the file is, its size and SHA-256 (pg-boss keeps it 30 days,
//              see queues.ts); the SQL audits the export itself.
import { createHash } from 'node:crypto';
import { createWriteStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { asCompliance, asWorker, assertUuid } from '../db/context.ts';
import { KitchenDbError, NotFoundError } from '../errors.ts';
import { forCompliance, forWorker, streamUserTable, type DuePurgeResult } from '../gdpr.ts';
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
  return { purged, remaining, totalRows, tables, rounds };
}

export async function runExport(ctx: JobContext, jobId: string, data: ExportJob | null): Promise<JobOutput> {
  const userId = assertUuid(data?.userId, 'userId');
  const dir = resolve(ctx.exportDir, userId);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${jobId}.ndjson`);
  const temp = `${file}.partial-${process.pid}`;
  const hash = createHash('sha256');
  const stream = createWriteStream(temp, { mode: 0o600 });
  let failure: Error | undefined;
  stream.on('error', (e: Error) => (failure = e));
  const write = async (text: string) => {
    if (failure) throw failure;
    hash.update(text);
    if (!stream.write(text)) await Promise.race([once(stream, 'drain'), once(stream, 'error')]);
  };
  try {
    const counts = await asCompliance(
      ctx.pool,
      async (client) => {
        const manifest = await forCompliance.summary(client, userId, 'export');
        if (!manifest.found) throw new NotFoundError('userId', 'user', `no person with id ${userId}`);
        await write(JSON.stringify({ manifest }) + '\n');
        const counts: Record<string, number> = {};
        for (const table of Object.keys(manifest.tables).sort()) {
          counts[table] = 0;
          if ((manifest.tables[table] ?? 0) === 0) continue;
          for await (const rows of streamUserTable(client, userId, table)) {
            let chunk = '';
            for (const row of rows) chunk += JSON.stringify({ table, row }) + '\n';
            counts[table] += rows.length;
            await write(chunk);
          }
          if (counts[table] !== manifest.tables[table]) {
            throw new KitchenDbError('internal', `export of ${table} gave ${counts[table]} rows, the manifest says ${manifest.tables[table]}`);
          }
        }
        return counts;
      },
      { isolation: 'repeatable read', retries: 0 },
    );
    stream.end();
    await once(stream, 'finish');
    if (failure) throw failure;
    renameSync(temp, file);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    const output = {
      userId,
      file,
      format: 'ndjson',
      bytes: statSync(file).size,
      sha256: hash.digest('hex'),
      rows,
      tables: counts,
      ...(data?.requestedBy ? { requestedBy: data.requestedBy } : {}),
    };
    ctx.log.info({ queue: 'gdpr.export', userId, file, bytes: output.bytes, rows }, 'export written');
    return output;
  } catch (error) {
    stream.destroy();
    rmSync(temp, { force: true });
    throw error;
  }
}
