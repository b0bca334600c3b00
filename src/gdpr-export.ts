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
import { basename, dirname, join } from 'node:path';
import type pg from 'pg';
import { asCompliance } from './db/context.ts';
import { KitchenDbError, NotFoundError, ValidationError } from './errors.ts';
import { forCompliance, streamUserTableText, type GdprManifest } from './gdpr.ts';

export type ExportFormat = 'ndjson' | 'json';

export interface ExportToOptions {
  format?: ExportFormat;
  /** Rows per round trip (1–10000, default 5000). */
  pageSize?: number;
  /** Replace an existing file (default: refuse). */
  force?: boolean;
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
    async write(text: string) {
      if (failed) throw failed;
      hash.update(text);
      bytes += Buffer.byteLength(text);
      // once() rejects when 'error' comes first and removes both its listeners either way; a separate
      // once(stream, 'error') would stay attached after every drain (MaxListenersExceededWarning).
      if (!stream.write(text)) await once(stream, 'drain');
    },
  };
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
  const temp = file ? join(dirname(file), `.${basename(file)}.partial-${process.pid}`) : undefined;
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
        if (format === 'ndjson') await w.write(JSON.stringify({ manifest }) + '\n');
        else await w.write(`{"manifest": ${JSON.stringify(manifest)},\n"data": {`);
        let firstTable = true;
        for (const table of exportTableOrder(manifest)) {
          counts[table] = 0;
          if (format === 'json') {
            await w.write(`${firstTable ? '' : ','}\n${JSON.stringify(table)}: [`);
            firstTable = false;
          }
          if ((manifest.tables[table] ?? 0) > 0) {
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
    }
    const totalRows = Object.values(counts).reduce((a, b) => a + b, 0);
    return { userId, format, file, tables: counts, totalRows, bytes: file ? statSync(file).size : w.bytes(), sha256: w.digest() };
  } catch (error) {
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
    throw error;
  }
}
