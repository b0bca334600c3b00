// Writing one person's GDPR export (GDPR Art. 20: machine-readable) to a file or a stream, with
// bounded memory: the CLI (`kitchen-db gdpr export`), the worker (`gdpr.export` jobs) and the demo
// share this one writer.
//   ndjson  a manifest line `{"manifest": …}`, then one line per row `{"table": "app.x", "row": …}`;
//   json    one document `{"manifest": …, "data": {"app.x": [rows], …}}`.
// Everything is read as app_compliance in one REPEATABLE READ transaction, so the manifest's
// counts and the rows come from one snapshot (the SQL audits the export). Rows arrive as
// PostgreSQL's JSON text and are written as they are. A file is written under a temporary name
// and renamed when complete: a failed export leaves no file behind, a finished one appears whole.
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { asCompliance } from '../../db/context.ts';
import { KitchenDbError, NotFoundError, ValidationError } from '../../db/errors.ts';
import { beginExportFile, exportFileDeletedByWriter, exportFileFailed, exportFileWritten, type ExportWriter } from './files.ts';
import { forCompliance, streamUserTableText, type GdprManifest } from './gdpr.ts';

export type ExportFormat = 'ndjson' | 'json';

export interface ExportToOptions {
  format?: ExportFormat;
  /** Rows per round trip (1–10000, default 5000). */
  pageSize?: number;
  /** Replace an existing file (default: refuse). */
  force?: boolean;
  /**
   * Record the file in app_private.gdpr_export_files (who wrote it: the job, the CLI, the demo) before
   * writing it, and report it complete, so a purge of the person deletes it (src/areas/gdpr/files.ts).
   */
  record?: ExportWriter;
  /** NDJSON on a server: stream each table with COPY (default true; false: pages of `pageSize`). */
  bulk?: boolean;
  /** Called once the manifest is known (e.g. to size a progress bar), then after each page. */
  onStart?(manifest: GdprManifest): void;
  onRows?(rows: number): void;
}

export interface ExportOutcome {
  userId: string;
  format: ExportFormat;
  /** The file written, or null for a stream. */
  file: string | null;
  tables: Record<string, number>;
  totalRows: number;
  bytes: number;
  sha256: string;
}

/** Tables in reading order: the account first, then app, then auth. */
export function exportTableOrder(manifest: GdprManifest): string[] {
  const rank = (t: string) => (t === 'app.users' ? 0 : t.startsWith('app.') ? 1 : 2);
  return Object.keys(manifest.tables).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A writer with backpressure that also counts bytes and hashes what it wrote. */
function writer(stream: NodeJS.WritableStream) {
  let failed: Error | undefined;
  let bytes = 0;
  const hash = createHash('sha256');
  stream.on('error', (e: Error) => (failed = e));
  return {
    failure: () => failed,
    bytes: () => bytes,
    digest: () => hash.digest('hex'),
    async write(text: string | Buffer) {
      if (failed) throw failed;
      hash.update(text);
      bytes += typeof text === 'string' ? Buffer.byteLength(text) : text.length;
      // once() rejects when 'error' comes first and removes both its listeners either way; a separate
      // once(stream, 'error') would stay attached after every drain (MaxListenersExceededWarning).
      if (!stream.write(text)) await once(stream, 'drain');
    },
  };
}

/**
 * NDJSON in bulk: one table's lines as the server builds them (app.export_user_table_lines), streamed
 * with COPY TO STDOUT and written as they arrive — no per-row work here. CSV with a delimiter and a
 * quote character that JSON text never contains raw (\x02, \x01) passes every line through as it is.
 * COPY takes no parameters: the person and the table travel as transaction-local settings bound as
 * parameters, so the statement's text (server logs, pg_stat_statements) names nobody.
 */
async function copyTableLines(client: pg.PoolClient, userId: string, table: string, w: ReturnType<typeof writer>, onRows?: (n: number) => void): Promise<number> {
  await client.query(`select pg_catalog.set_config('kitchen_db.export_user', $1, true), pg_catalog.set_config('kitchen_db.export_table', $2, true)`, [userId, table]);
  const stream = client.query(
    copyTo(
      `copy (select l from app.export_user_table_lines(pg_catalog.current_setting('kitchen_db.export_user')::uuid, pg_catalog.current_setting('kitchen_db.export_table')) as l) ` +
        `to stdout (format csv, delimiter e'\\x02', quote e'\\x01')`,
    ),
  );
  let lines = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let n = 0;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
    lines += n;
    await w.write(chunk);
    if (n) onRows?.(n);
  }
  return lines;
}

/** COPY … TO STDOUT through the embedded engine's socket is not relied on: the bulk path is for servers. */
async function canCopy(client: pg.PoolClient): Promise<boolean> {
  const { rows } = await client.query<{ wasm: boolean }>(`select pg_catalog.version() ~* 'emscripten|wasm' as wasm`);
  return !rows[0]!.wasm;
}

/** Writes the export of `userId` to `target`: a file path, or a writable stream (e.g. stdout). */
export async function exportPerson(
  pool: pg.Pool,
  userId: string,
  target: string | NodeJS.WritableStream,
  options: ExportToOptions = {},
): Promise<ExportOutcome> {
  const file = typeof target === 'string' ? target : null;
  const format: ExportFormat = options.format ?? (file?.toLowerCase().endsWith('.json') ? 'json' : 'ndjson');
  const pageSize = options.pageSize ?? 5000;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 10_000) {
    throw new ValidationError('pageSize', 'range', 'pageSize must be a whole number from 1 to 10000');
  }
  if (file && existsSync(file) && !options.force) {
    throw new ValidationError('out', 'exists', `${file} already exists: choose another file, or replace it with --force (option \`force\`)`);
  }
  // Recorded (and committed) before a byte is written: a crash from here on leaves a row to clean up after.
  const recordId = file && options.record ? await beginExportFile(pool, userId, resolve(file), options.record) : undefined;
  const temp = file ? join(dirname(file), `.${basename(file)}.partial-${process.pid}`) : undefined;
  let renamed = false;
  const stream: NodeJS.WritableStream = temp ? createWriteStream(temp, { mode: 0o600, flags: 'wx' }) : (target as NodeJS.WritableStream);
  const w = writer(stream);
  try {
    const counts = await asCompliance(
      pool,
      async (client) => {
        const manifest = await forCompliance.summary(client, userId, 'export');
        if (!manifest.found) throw new NotFoundError('userId', 'unknown_user', `no person with id ${userId}`);
        options.onStart?.(manifest);
        const counts: Record<string, number> = {};
        // A recorded file names its record on its first line (`"exportFile":"<id>"`): the proof that
        // lets a deleter remove a CLI file outside the export folders (gdpr-files.ts, decide()).
        const mark = recordId ? `,"exportFile":${JSON.stringify(recordId)}` : '';
        if (format === 'ndjson') await w.write(`{"manifest":${JSON.stringify(manifest)}${mark}}\n`);
        else await w.write(`{"manifest":${JSON.stringify(manifest)}${mark},\n"data": {`);
        let firstTable = true;
        const bulk = format === 'ndjson' && options.bulk !== false && (await canCopy(client));
        for (const table of exportTableOrder(manifest)) {
          counts[table] = 0;
          if (format === 'json') {
            await w.write(`${firstTable ? '' : ','}\n${JSON.stringify(table)}: [`);
            firstTable = false;
          }
          if ((manifest.tables[table] ?? 0) > 0 && bulk) {
            counts[table] = await copyTableLines(client, userId, table, w, options.onRows);
          } else if ((manifest.tables[table] ?? 0) > 0) {
            const prefix = `{"table":${JSON.stringify(table)},"row":`;
            for await (const rows of streamUserTableText(client, userId, table, { pageSize })) {
              let chunk = '';
              for (const row of rows) {
                chunk += format === 'ndjson' ? `${prefix}${row}}\n` : `${counts[table] === 0 ? '\n' : ',\n'}${row}`;
                counts[table]!++;
              }
              await w.write(chunk);
              options.onRows?.(rows.length);
            }
          }
          if (format === 'json') await w.write(counts[table] ? '\n]' : ']');
          if (counts[table] !== (manifest.tables[table] ?? 0)) {
            throw new KitchenDbError('internal', `export of ${table} gave ${counts[table]} rows, the manifest says ${manifest.tables[table]}: export stopped`);
          }
        }
        if (format === 'json') await w.write('\n}}\n');
        return counts;
      },
      // No automatic retry: rows may already be written.
      { isolation: 'repeatable read', retries: 0 },
    );
    if (temp && file) {
      await new Promise<void>((resolve, reject) => (stream as WriteStream).end((e?: Error | null) => (e ? reject(e) : resolve())));
      if (w.failure()) throw w.failure();
      renameSync(temp, file);
      renamed = true;
    }
    const totalRows = Object.values(counts).reduce((a, b) => a + b, 0);
    const outcome: ExportOutcome = { userId, format, file, tables: counts, totalRows, bytes: file ? statSync(file).size : w.bytes(), sha256: w.digest() };
    if (recordId && file && !(await exportFileWritten(pool, recordId, outcome.bytes, outcome.sha256))) {
      // The person was erased (or the file expired) while it was being written: it must not stay.
      rmSync(file, { force: true });
      await exportFileDeletedByWriter(pool, recordId);
      throw new NotFoundError('userId', 'erased', `person ${userId} was erased while the export was written: file deleted`);
    }
    return outcome;
  } catch (error) {
    if (recordId && error instanceof NotFoundError && error.rule === 'erased') throw error;
    if (temp) {
      // The file is opened asynchronously: remove it only once the stream has closed.
      const f = stream as WriteStream;
      if (!f.closed) {
        const closed = once(f, 'close').catch(() => {});
        f.destroy();
        await closed;
      }
      rmSync(temp, { force: true });
    }
    // A file that never appeared ends its row; one that did stays 'writing' (the purge and the retention find it).
    if (recordId && !renamed) await exportFileFailed(pool, recordId).catch(() => {});
    throw error;
  }
}
