// The life of GDPR export files on disk (migration 000080): every writer records a file before
// writing it and reports it complete; the purge marks the person's files pending deletion in its
// transaction; after the commit the purging process (CLI, worker) deletes the pending files of its
// host, and the hourly gdpr.purge-due job retries what is left and expires files past the retention.
//
// The database says WHICH files; this module decides whether it MAY delete a path, so a made-up row
// (a compliance login can call the recording functions) cannot make a process delete arbitrary
// files: a file is deleted only if it is a regular file (never through a symbolic link) and either
// lies inside one of the caller's export folders, or was written by the CLI, names its record on its
// first line and still has the recorded size and SHA-256 (that export file, byte for byte). Anything
// else stays pending and is reported as refused.
import { createHash } from 'node:crypto';
import { createReadStream, lstatSync, readdirSync, realpathSync, rmdirSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type pg from 'pg';
import { asCompliance, asWorker, assertUuid, type DbClient } from '../../db/context.ts';
import * as q from '../../generated/gdpr.queries.ts';
import { runQuery } from '../../db/run-query.ts';

export type ExportWriter = 'job' | 'cli' | 'demo';

/** This machine, as export-file rows name it. */
export function exportHost(): string {
  return hostname().slice(0, 255) || 'localhost';
}

/** Records a file about to be written (its own committed transaction, as app_compliance); returns the row id. */
export async function beginExportFile(pool: pg.Pool, userId: string, path: string, writtenBy: ExportWriter): Promise<string> {
  const id = assertUuid(userId);
  // An unknown person: NotFoundError (userId) "no person with id …" (src/db/errors.ts, SQLSTATE 23503).
  return asCompliance(pool, async (c) => (await runQuery(q.exportFileBegin, { userId: id, path: resolve(path), writtenBy, host: exportHost() }, c, 'userId'))[0]!.id);
}

/** The file is complete. False: the person was erased (or the file expired) meanwhile — delete it. */
export async function exportFileWritten(pool: pg.Pool, id: string, bytes: number, sha256: string): Promise<boolean> {
  return asCompliance(pool, async (c) => (await runQuery(q.exportFileWritten, { id, bytes: String(bytes), sha256 }, c))[0]!.ok);
}

/** The export failed and left no file. */
export async function exportFileFailed(pool: pg.Pool, id: string): Promise<void> {
  await asCompliance(pool, (c) => runQuery(q.exportFileFailed, { id }, c));
}

/** Reports a file deleted by its writer (after exportFileWritten said false). */
export async function exportFileDeletedByWriter(pool: pg.Pool, id: string): Promise<void> {
  await asCompliance(pool, (c) => runQuery(q.exportFileDeleted, { id, error: null }, c));
}

export interface FileDeletionReport {
  /** Files deleted (or found already gone) and reported. */
  deleted: number;
  /** Rows this process may not act on (outside its folders and not a matching CLI file): left pending. */
  refused: number;
  /** Attempts that failed (recorded on the row; retried later). */
  failed: number;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function realRoot(root: string): string | null {
  try {
    return realpathSync(root);
  } catch {
    return null;
  }
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

type Row = q.IExportFilesToDeleteResult;

/** Whether this process may delete the row's file; 'gone' when there is nothing at the path. */
async function decide(row: Row, roots: string[]): Promise<'delete' | 'gone' | 'refuse'> {
  const path = row.path;
  if (!isAbsolute(path) || resolve(path) !== path) return 'refuse';
  // The folder must resolve inside a root (no symbolic-link detour); the file itself is never followed.
  let parent: string;
  try {
    parent = realpathSync(dirname(path));
  } catch {
    parent = '';
  }
  const real = parent ? join(parent, basename(path)) : path;
  const underRoot = roots.some((r) => inside(r, real));
  let stat;
  try {
    stat = lstatSync(real);
  } catch {
    return underRoot || row.writtenBy === 'cli' ? 'gone' : 'refuse';
  }
  if (!stat.isFile()) return 'refuse';
  if (underRoot) return 'delete';
  // Outside the folders only a CLI export that proves it is this record's file: its first line names
  // the record (written by exportPerson), and its size and SHA-256 are the recorded ones. Size and
  // checksum alone are no proof: a compliance login can record any readable file's true checksum.
  if (
    row.writtenBy === 'cli' &&
    row.sha256 &&
    row.bytes !== null &&
    Number(row.bytes) === stat.size &&
    (await namesRecord(real, row.id)) &&
    (await sha256Of(real)) === row.sha256
  ) {
    return 'delete';
  }
  return 'refuse';
}

/** Whether the file's first line is an export manifest naming export-file record `id`. */
async function namesRecord(path: string, id: string): Promise<boolean> {
  let head = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', end: FIRST_LINE_MAX - 1 })) {
    head += chunk as string;
    if (head.includes('\n')) break;
  }
  const first = head.split('\n', 1)[0]!;
  return first.startsWith('{"manifest":') && first.includes(`"exportFile":${JSON.stringify(id)}`);
}
/** A manifest line is a few KiB; a longer first line is not one. */
const FIRST_LINE_MAX = 1 << 20;

/** Removes the file, its partial siblings (a writer that died), and an emptied per-person folder inside a root. */
function removeFile(path: string, roots: string[]): void {
  rmSync(path, { force: true });
  const dir = dirname(path);
  const partial = `.${basename(path)}.partial-`;
  try {
    for (const f of readdirSync(dir)) if (f.startsWith(partial)) rmSync(join(dir, f), { force: true });
  } catch {
    /* the folder is gone */
  }
  // The gdpr.export job writes <export dir>/<user id>/<job id>.ndjson: the folder's name is the person's id.
  const realDir = realRoot(dir);
  if (realDir && roots.some((r) => dirname(realDir) === r) && /^[0-9a-f-]{36}$/.test(basename(realDir))) {
    try {
      rmdirSync(realDir);
    } catch {
      /* not empty: other files of the person, pending too */
    }
  }
}

/**
 * Deletes the export files of this host that are pending deletion, as `role` (the CLI acts as
 * app_compliance, the worker as app_worker). `roots` are this process's export folders.
 */
export async function deletePendingExportFiles(
  pool: pg.Pool,
  options: { roots: string[]; role: 'compliance' | 'worker'; limit?: number },
): Promise<FileDeletionReport> {
  const as = options.role === 'worker' ? asWorker : asCompliance;
  const roots = options.roots.map(realRoot).filter((r): r is string => r !== null);
  const report: FileDeletionReport = { deleted: 0, refused: 0, failed: 0 };
  const rows = await as(pool, (c) => runQuery(q.exportFilesToDelete, { host: exportHost(), limit: options.limit ?? 1000 }, c));
  for (const row of rows) {
    const verdict = await decide(row, roots);
    if (verdict === 'refuse') {
      report.refused++;
      await as(pool, (c) => report_(c, row.id, 'refused: not inside this process\'s export folders, or not the file that was recorded'));
      continue;
    }
    try {
      if (verdict === 'delete') removeFile(row.path, roots);
      await as(pool, (c) => report_(c, row.id, null));
      report.deleted++;
    } catch (error) {
      report.failed++;
      await as(pool, (c) => report_(c, row.id, (error as NodeJS.ErrnoException).code ?? 'error'));
    }
  }
  return report;
}

async function report_(client: DbClient, id: string, error: string | null): Promise<void> {
  await runQuery(q.exportFileDeleted, { id, error }, client, 'exportFile');
}

/** gdpr.purge-due: marks files older than `days` pending deletion (as app_worker); returns how many. */
export async function expireExportFiles(pool: pg.Pool, days: number): Promise<number> {
  return asWorker(pool, async (c) => (await runQuery(q.exportFilesExpire, { days }, c))[0]!.expired);
}

export type ExportFileEntry = q.IExportFileLogResult;

/** Compliance: the recorded export files, newest first (one person's with userId, also after their purge). */
export async function exportFileLog(client: DbClient, input: { limit?: number; userId?: string } = {}): Promise<ExportFileEntry[]> {
  const userId = input.userId === undefined ? null : assertUuid(input.userId);
  return runQuery(q.exportFileLog, { limit: input.limit ?? 100, userId }, client);
}

/** The default export folders a process deletes in: KITCHEN_DB_EXPORT_DIR and the data folder's exports. */
export function defaultExportRoots(env: NodeJS.ProcessEnv = process.env, dataDir = '.kitchen-db'): string[] {
  return [...new Set([env.KITCHEN_DB_EXPORT_DIR, join(dataDir, 'exports')].filter((d): d is string => !!d).map((d) => resolve(d)))].map((d) =>
    d.endsWith(sep) ? d.slice(0, -1) : d,
  );
}
