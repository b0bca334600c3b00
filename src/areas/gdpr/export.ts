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
import { finished } from 'node:stream/promises';
import { createWriteStream, existsSync, renameSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { asCompliance } from '../../db/context.ts';
import { KitchenDbError, NotFoundError, ValidationError } from '../../db/errors.ts';
import { beginExportFile, exportFileDeletedByWriter, exportFileFailed, exportFileWritten, type ExportWriter } from './files.ts';
import { exportTableParts, forCompliance, streamUserTableText, type GdprManifest } from './gdpr.ts';

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
  /**
   * Connections the bulk export reads with, all in one snapshot (1–4, default 2): with 2, the server
   * builds the next part on one while this process writes the current part from the other.
   */
  connections?: number;
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

/** A part of the export being streamed: its COPY, already sent to the server (see copyParts). */
interface PartCopy {
  table: string;
  settings: Promise<unknown>;
  stream: AsyncIterable<Buffer> & NodeJS.ReadableStream;
  /** Rows sent, once COPY has completed. */
  rows: Promise<number>;
}

/**
 * Sends the COPY of one part (app.export_user_table_part_lines) on `client` without reading it yet: the
 * server builds the part's lines and then waits for the client to read them (pg-copy-streams reads the
 * socket only as fast as the stream is consumed). CSV with a delimiter and a quote character that JSON
 * text never contains raw (\x02, \x01) passes every line through as it is. COPY takes no parameters:
 * the person, the table and the part travel as transaction-local settings bound as parameters, so the
 * statement's text (server logs, pg_stat_statements) names nobody.
 */
function startPart(client: pg.PoolClient, userId: string, table: string, part: string): PartCopy {
  const settings = client.query(
    `select pg_catalog.set_config('kitchen_db.export_user', $1, true), pg_catalog.set_config('kitchen_db.export_table', $2, true), ` +
      `pg_catalog.set_config('kitchen_db.export_part', $3, true)`,
    [userId, table, part],
  );
  settings.catch(() => {}); // awaited in order by copyParts; a failure also fails the COPY behind it
  const stream = client.query(
    copyTo(
      `copy (select l from app.export_user_table_part_lines(pg_catalog.current_setting('kitchen_db.export_user')::uuid, ` +
        `pg_catalog.current_setting('kitchen_db.export_table'), pg_catalog.current_setting('kitchen_db.export_part')) as l) ` +
        `to stdout (format csv, delimiter e'\\x02', quote e'\\x01')`,
    ),
  ) as unknown as PartCopy['stream'] & { handleCommandComplete(msg: unknown): void; handleError(error: Error): void; rowCount: number };
  // The rows COPY sent, from its command tag, which pg-copy-streams reads after the data (possibly after
  // the stream has ended): counting lines here would cost a scan of every byte.
  const rows = new Promise<number>((resolve, reject) => {
    const complete = stream.handleCommandComplete.bind(stream);
    const failed = stream.handleError.bind(stream);
    stream.handleCommandComplete = (msg) => {
      complete(msg);
      resolve(stream.rowCount);
    };
    stream.handleError = (error) => {
      reject(error);
      failed(error);
    };
  });
  rows.catch(() => {}); // the stream reports the same error
  return { table, settings, stream, rows };
}

/**
 * NDJSON in bulk: every part of every table (a month of telemetry, or a whole small table) streamed with
 * COPY and written as the bytes arrive, in order — no per-row work here. With several connections (all
 * in the same snapshot) part i + 1 is being built by the server on one connection while part i is
 * written from another: the server's work overlaps the transfer and this process's writing, and each
 * server backend holds at most the one part it is building or sending.
 */
async function copyParts(
  clients: pg.PoolClient[],
  userId: string,
  parts: { table: string; part: string }[],
  w: ReturnType<typeof writer>,
  onRows?: (n: number) => void,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const pending: PartCopy[] = [];
  const start = (i: number) => pending.push(startPart(clients[i % clients.length]!, userId, parts[i]!.table, parts[i]!.part));
  try {
    for (let i = 0; i < Math.min(clients.length, parts.length); i++) start(i);
    for (let i = 0; i < parts.length; i++) {
      const current = pending[0]!;
      await current.settings;
      for await (const chunk of current.stream) await w.write(chunk);
      pending.shift();
      // Rows as the server counted them (COPY's command tag): one line each, checked against the manifest.
      const lines = await current.rows;
      counts[current.table] = (counts[current.table] ?? 0) + lines;
      if (lines) onRows?.(lines);
      // The connection that just finished takes the part `clients.length` places further on.
      if (i + clients.length < parts.length) start(i + clients.length);
    }
    return counts;
  } catch (error) {
    // COPYs already sent must run to their end, or their connections would wait for a reader forever
    // (and the rollback queued behind them with them). Their bytes go nowhere.
    await Promise.all(
      pending.map(async (p) => {
        await p.settings.catch(() => {});
        p.stream.resume();
        await finished(p.stream).catch(() => {});
      }),
    );
    throw error;
  }
}

/**
 * Extra connections for the bulk export, each in a REPEATABLE READ transaction as app_compliance that
 * imports the snapshot of the export's own transaction (pg_export_snapshot): they see exactly what it
 * sees. Their audit rows commit only when the export succeeded; a helper goes back to the pool only after
 * that clean COMMIT (its role, settings and snapshot were all transaction-local), otherwise it is closed.
 */
async function snapshotHelpers(pool: pg.Pool, main: pg.PoolClient, count: number): Promise<{ clients: pg.PoolClient[]; end(ok: boolean): Promise<void> }> {
  const clients: pg.PoolClient[] = [];
  const ignore = () => {};
  const end = async (ok: boolean) => {
    let first: Error | undefined;
    for (const c of clients.splice(0)) {
      let failed: Error | undefined;
      if (ok) await c.query('commit').catch((e: Error) => (failed = e));
      c.removeListener('error', ignore);
      // Back to the pool only after a clean COMMIT: everything the transaction set was LOCAL (role,
      // settings, snapshot). Anything else closes the connection.
      c.release(ok && !failed ? undefined : true);
      first ??= failed;
    }
    if (first) throw first;
  };
  if (count <= 0) return { clients, end };
  // Citus: an imported snapshot holds on the coordinator only; each helper's connections to the workers
  // would start snapshots of their own (a job outbox row drained meanwhile: the counts disagree with
  // the manifest). There, the main connection reads every part, in its one snapshot.
  const { rows: citus } = await main.query<{ citus: boolean }>(`select exists (select from pg_catalog.pg_extension where extname = 'citus') as citus`);
  if (citus[0]!.citus) return { clients, end };
  const { rows } = await main.query<{ snapshot: string }>('select pg_catalog.pg_export_snapshot() as snapshot');
  const snapshot = rows[0]!.snapshot;
  // It goes into the statement's text (SET TRANSACTION SNAPSHOT takes no parameter): the server's own format only.
  if (!/^[0-9A-F]+-[0-9A-F]+-[0-9]+$/i.test(snapshot)) throw new KitchenDbError('internal', `unexpected snapshot id from pg_export_snapshot: ${JSON.stringify(snapshot)}`);
  try {
    for (let i = 0; i < count; i++) {
      const c = await pool.connect();
      clients.push(c);
      c.on('error', ignore); // a lost connection fails its COPY; the export reports that one
      await c.query(`begin isolation level repeatable read; set local role app_compliance; set transaction snapshot '${snapshot}'`);
    }
  } catch (error) {
    await end(false);
    throw error;
  }
  return { clients, end };
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
  const connections = options.connections ?? 2;
  if (!Number.isInteger(connections) || connections < 1 || connections > 4) {
    throw new ValidationError('connections', 'range', 'connections must be a whole number from 1 to 4');
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
        const bulkCounts: Record<string, number> = {};
        if (bulk) {
          // Every part of every table with rows, in export order (the account first, then app, then auth).
          const order = exportTableOrder(manifest);
          const parts = (await exportTableParts(client))
            .filter((p) => (manifest.tables[p.table] ?? 0) > 0)
            .sort((a, b) => order.indexOf(a.table) - order.indexOf(b.table));
          const helpers = await snapshotHelpers(pool, client as pg.PoolClient, Math.min(connections, parts.length) - 1);
          let ok = false;
          try {
            Object.assign(bulkCounts, await copyParts([client as pg.PoolClient, ...helpers.clients], userId, parts, w, options.onRows));
            ok = true;
          } finally {
            await helpers.end(ok);
          }
        }
        for (const table of exportTableOrder(manifest)) {
          counts[table] = 0;
          if (format === 'json') {
            await w.write(`${firstTable ? '' : ','}\n${JSON.stringify(table)}: [`);
            firstTable = false;
          }
          if (bulk) {
            counts[table] = bulkCounts[table] ?? 0;
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
