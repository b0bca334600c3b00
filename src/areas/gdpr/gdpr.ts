// gdpr area: export, purge, deletion requests, audit. Every function here calls one SQL function of
// migrations 000020–000026 (queries/gdpr.sql); the SQL does the work, checks the rules and writes
// the audit trail.
//   forCompliance (role app_compliance): findUser, findPerson, summary, exportUserData, exportUserTable,
//                 purgeUser, pendingDeletions, auditLog — and streamUserTable (not bound: an async
//                 generator over exportUserTable pages, for exports that do not fit in memory);
//   forUser       (the signed-in person): requestAccountDeletion, cancelAccountDeletion;
//   forWorker     (the job worker): purgeDueAccounts.
// Export documents keep the database's snake_case column names: they are files for people and
// other systems (GDPR Art. 20), not API objects.
import type { DbClient } from '../../db/context.ts';
import { assertUuid, isUuid } from '../../db/uuid.ts';
import { ValidationError } from '../../db/errors.ts';
import * as q from '../../generated/gdpr.queries.ts';
import { runQuery } from '../../db/run-query.ts';
import { pageSize } from '../shared/input.ts';

// ---------------------------------------------------------------------------------------------
// Shapes (as the SQL functions return them)
// ---------------------------------------------------------------------------------------------

/** Manifest of an export (app_private.gdpr_manifest). */
export interface GdprManifest {
  format: 'kitchen-db/gdpr-export';
  format_version: 1;
  /** ISO 8601 with offset. */
  generated_at: string;
  user_id: string;
  /** False when there is no such person (the counts are then all zero). */
  found: boolean;
  /** Rows per table, e.g. { "app.meal_logs": 12, "auth.session": 2 }. */
  tables: Record<string, number>;
  total_rows: number;
  /** Per table, the primary-key columns rows are ordered and paged by. */
  primary_keys: Record<string, string[]>;
  left_out: {
    columns: { table: string; column: string; reason: string }[];
    tables: { table: string; reason: string }[];
  };
  notes: string[];
}

export type ExportRow = Record<string, unknown>;

/** app.export_user_data: the manifest and every row, per table. */
export interface GdprExport {
  manifest: GdprManifest;
  data: Record<string, ExportRow[]>;
}

/** One page of app.export_user_table. */
export interface ExportPage {
  rows: { key: Record<string, unknown>; data: ExportRow }[];
  /** The key to pass as `after` for the next page; null when this page was not full (a full last page is followed by an empty one). */
  next: Record<string, unknown> | null;
}

/** app.purge_user (and each purge of app.purge_due_accounts). */
export interface PurgeResult {
  user_id: string;
  found: boolean;
  purged_at: string;
  reason: 'compliance' | 'deletion_request_due';
  /** Rows deleted per table (reference tables: references set to NULL). */
  tables: Record<string, number>;
  total_rows: number;
  /** pg-boss jobs deleted (any queue and state; not in total_rows). */
  jobs?: number;
  /** Export-file records marked for deletion (the files go after the commit). */
  export_files?: number;
}

export interface DuePurgeResult {
  now: string;
  purged: number;
  /** Accounts still due (more than `limit` were due, or busy): call again. */
  remaining: number;
  tables: Record<string, number>;
  total_rows: number;
}

export interface GdprPerson {
  userId: string;
  email: string;
  name: string;
  isActive: boolean;
  createdAt: Date;
}

export interface DeletionRequest {
  userId: string;
  email: string;
  requestedAt: Date;
  dueAt: Date;
  /** The grace period is over; the worker purges it on its next run. */
  isDue: boolean;
}

export interface AuditEntry {
  /** Sequence number (bigint, as text). */
  id: string;
  occurredAt: Date;
  action: 'summary' | 'export' | 'export_page' | 'purge' | 'deletion_requested' | 'deletion_cancelled';
  /** Keyed hash of the person id (64 hex digits), never the id itself. */
  subject: string;
  sessionRole: string;
  actingRole: string;
  xactId: string;
  detail: Record<string, unknown>;
}

export const MAX_PAGE_SIZE = 10_000;

// ---------------------------------------------------------------------------------------------
// Input checks (cheap rules in TypeScript; the SQL checks again)
// ---------------------------------------------------------------------------------------------

// No control characters (NUL cannot reach PostgreSQL text) and no lone surrogates.
const EMAIL = /^[^@\s\p{Cc}\p{Cs}]+@[^@\s\p{Cc}\p{Cs}]+\.[^@\s\p{Cc}\p{Cs}]+$/u;

/** A person key as compliance staff type it: a UUID or an e-mail address. Throws ValidationError otherwise. */
export function parseUserKey(value: unknown, field = 'user'): { kind: 'id' | 'email'; key: string } {
  if (typeof value === 'string') {
    const v = value.trim();
    if (isUuid(v)) return { kind: 'id', key: v.toLowerCase() };
    if (EMAIL.test(v) && v.length <= 255) return { kind: 'email', key: v };
  }
  throw new ValidationError(
    field,
    'uuid_or_email',
    `${field} must be a person id (a UUID, 8-4-4-4-12 hexadecimal digits) or an e-mail address, got ${typeof value === 'string' ? JSON.stringify(value.length > 60 ? value.slice(0, 60) + '…' : value) : typeof value}`,
  );
}

/** A page of an export or of the audit log: 1 to MAX_PAGE_SIZE rows (the input module's pageSize). */
const exportPageSize = (limit: unknown, fallback = 1000) => pageSize(limit, 'limit', fallback, MAX_PAGE_SIZE);

// ---------------------------------------------------------------------------------------------
// Compliance
// ---------------------------------------------------------------------------------------------

/** The person with this id or e-mail address, or null. Throws ValidationError for anything else. */
export async function findUser(client: DbClient, key: string): Promise<GdprPerson | null> {
  const parsed = parseUserKey(key);
  const rows = await runQuery(q.findUser, { key: parsed.key }, client, 'user');
  return rows[0] ?? null;
}

/** The kinds of key a person can be found by (app.gdpr_find_person): each has a lookup table. */
export const PERSON_KEY_KINDS = ['id', 'email', 'auth_id', 'device_id', 'serial_number', 'push_token'] as const;
export type PersonKeyKind = (typeof PERSON_KEY_KINDS)[number];

/**
 * The person a key names — their id, e-mail address, Better-Auth id, the device id or serial number
 * of an appliance paired now, or a registered push token — or null. Through the key's lookup table
 * (on Citus one shard, then app.users by id). Throws ValidationError for an unknown kind or a bad key.
 */
export async function findPerson(client: DbClient, input: { kind: PersonKeyKind; key: string }): Promise<GdprPerson | null> {
  if (!(PERSON_KEY_KINDS as readonly string[]).includes(input.kind)) {
    throw new ValidationError('kind', 'one_of', `kind must be one of ${PERSON_KEY_KINDS.join(', ')}, got ${JSON.stringify(input.kind)}`);
  }
  let key: string;
  if (input.kind === 'id' || input.kind === 'email') {
    const parsed = parseUserKey(input.key, 'key');
    if (parsed.kind !== input.kind) {
      throw new ValidationError('key', input.kind === 'id' ? 'uuid' : 'email', `key must be ${input.kind === 'id' ? 'a person id (a UUID)' : 'an e-mail address'} for kind ${input.kind}`);
    }
    key = parsed.key;
  } else {
    // Device ids, serial numbers, auth ids and tokens are opaque: any printable text up to 1000 characters.
    if (typeof input.key !== 'string' || input.key.trim() === '' || input.key.length > 1000 || /[\p{Cc}\p{Cs}]/u.test(input.key)) {
      throw new ValidationError('key', 'text', `key must be non-empty printable text of at most 1000 characters`);
    }
    key = input.key.trim();
  }
  const rows = await runQuery(q.findPerson, { kind: input.kind, key }, client, 'key');
  return rows[0] ?? null;
}

/** Rows per table (and what is left out) without the rows; audited. `purpose` is recorded in the audit. */
export async function summary(client: DbClient, userId: string, purpose: 'inspect' | 'export' | 'purge' = 'inspect'): Promise<GdprManifest> {
  const id = assertUuid(userId);
  const [row] = await runQuery(q.userSummary, { userId: id, purpose }, client, 'userId');
  return row!.manifest as unknown as GdprManifest;
}

/** Everything about the person in one document (fine for ordinary people; see streamUserTable). Audited. */
export async function exportUserData(client: DbClient, userId: string): Promise<GdprExport> {
  const id = assertUuid(userId);
  const [row] = await runQuery(q.exportUserData, { userId: id }, client, 'userId');
  return row!.export as unknown as GdprExport;
}

/** One page of one table of the export, in primary-key order after `after`. Audited (one row per page). */
export async function exportUserTable(
  client: DbClient,
  input: { userId: string; table: string; after?: Record<string, unknown> | null; limit?: number },
): Promise<ExportPage> {
  const id = assertUuid(input.userId);
  const limit = exportPageSize(input.limit);
  const rows = await runQuery(q.exportUserTable, { userId: id, table: input.table, after: (input.after ?? null) as q.Json, limit }, client, 'table');
  const page = rows.map((r) => ({ key: r.rowKey as Record<string, unknown>, data: r.rowData as ExportRow }));
  return { rows: page, next: page.length === limit ? page[page.length - 1]!.key : null };
}

/**
 * Like exportUserTable, but each row is the JSON text PostgreSQL produced (no parse and
 * re-serialisation in Node): what the CLI writes to files.
 */
export async function exportUserTableText(
  client: DbClient,
  input: { userId: string; table: string; after?: Record<string, unknown> | null; limit?: number },
): Promise<{ rows: string[]; next: Record<string, unknown> | null }> {
  const id = assertUuid(input.userId);
  const limit = exportPageSize(input.limit);
  const rows = await runQuery(q.exportUserTableText, { userId: id, table: input.table, after: (input.after ?? null) as q.Json, limit }, client, 'table');
  const last = rows[rows.length - 1];
  return { rows: rows.map((r) => r.rowJson), next: rows.length === limit && last ? (JSON.parse(last.rowKey) as Record<string, unknown>) : null };
}

/** Follows `next` from page to page, yielding each non-empty page's rows (as `map` makes them). */
async function* pages<R, T>(
  fetch: (after: Record<string, unknown> | null) => Promise<{ rows: R[]; next: Record<string, unknown> | null }>,
  map: (rows: R[]) => T[],
): AsyncGenerator<T[], void, void> {
  let after: Record<string, unknown> | null = null;
  for (;;) {
    const page = await fetch(after);
    if (page.rows.length) yield map(page.rows);
    if (!page.next) return;
    after = page.next;
  }
}

/** Every row of one table as JSON text, page by page (see streamUserTable). */
export async function* streamUserTableText(
  client: DbClient,
  userId: string,
  table: string,
  options: { pageSize?: number } = {},
): AsyncGenerator<string[], void, void> {
  yield* pages((after) => exportUserTableText(client, { userId, table, after, limit: options.pageSize ?? 1000 }), (rows) => rows);
}

/**
 * Every row of one table of the person's export, page by page (bounded memory: one page at a
 * time). Run it inside one transaction (REPEATABLE READ for a consistent export across tables).
 */
export async function* streamUserTable(
  client: DbClient,
  userId: string,
  table: string,
  options: { pageSize?: number } = {},
): AsyncGenerator<ExportRow[], void, void> {
  yield* pages((after) => exportUserTable(client, { userId, table, after, limit: options.pageSize ?? 1000 }), (rows) => rows.map((r) => r.data));
}

/**
 * The parts of every table of the export, in export order (app.export_user_table_parts): a partitioned
 * table's leaf partitions, any other table itself. Catalog facts only; the bulk export reads part by part.
 */
export async function exportTableParts(client: DbClient): Promise<{ table: string; part: string }[]> {
  return runQuery(q.exportTableParts, undefined, client, 'table');
}

/** Erases the person (app and auth, one transaction: the caller's). Idempotent: zeros when already gone. Audited. */
export async function purgeUser(client: DbClient, userId: string): Promise<PurgeResult> {
  const id = assertUuid(userId);
  const [row] = await runQuery(q.purgeUser, { userId: id }, client, 'userId');
  return row!.result as unknown as PurgeResult;
}

/** Pending deletion requests, soonest due first. */
export async function pendingDeletions(client: DbClient): Promise<DeletionRequest[]> {
  return runQuery(q.pendingDeletions, undefined, client, 'deletion');
}

/** The audit trail, newest first (at most `limit`, default 100; only one person's with `userId`). */
export async function auditLog(client: DbClient, input: { limit?: number; userId?: string; before?: string } = {}): Promise<AuditEntry[]> {
  const limit = exportPageSize(input.limit, 100);
  const userId = input.userId === undefined ? null : assertUuid(input.userId);
  // An id above bigint would fail in PostgreSQL naming no field (issue 14).
  if (input.before !== undefined && (!/^[0-9]{1,19}$/.test(input.before) || BigInt(input.before) > 9_223_372_036_854_775_807n)) {
    throw new ValidationError('before', 'integer', `before must be an audit entry id (a whole number), got ${JSON.stringify(input.before)}`);
  }
  const rows = await runQuery(q.auditLog, { limit, userId, before: input.before ?? null }, client, 'audit');
  return rows as AuditEntry[];
}

// ---------------------------------------------------------------------------------------------
// The person
// ---------------------------------------------------------------------------------------------

/** The signed-in person asks for their account to be erased; returns the pending request (idempotent). */
export async function requestAccountDeletion(client: DbClient): Promise<{ requestedAt: Date; dueAt: Date }> {
  const [row] = await runQuery(q.requestAccountDeletion, undefined, client, 'deletion');
  return row!;
}

/** Withdraws the pending request within the grace period; false when none was pending. */
export async function cancelAccountDeletion(client: DbClient): Promise<boolean> {
  // SQLSTATE 55000 once the grace period is over: ConflictError grace_period_over (src/db/errors.ts).
  const [row] = await runQuery(q.cancelAccountDeletion, undefined, client, 'deletion');
  return row!.cancelled;
}

// ---------------------------------------------------------------------------------------------
// The worker
// ---------------------------------------------------------------------------------------------

/** Erases up to `limit` accounts past their grace period (as of now()); call again while `remaining` > 0. */
export async function purgeDueAccounts(client: DbClient, input: { limit?: number } = {}): Promise<DuePurgeResult> {
  const limit = input.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
    throw new ValidationError('limit', 'range', `limit must be an integer from 1 to 1000, got ${String(input.limit)}`);
  }
  const [row] = await runQuery(q.purgeDueAccounts, { limit }, client, 'limit');
  return row!.result as unknown as DuePurgeResult;
}

export const forUser = { requestAccountDeletion, cancelAccountDeletion };
export const forWorker = { purgeDueAccounts };
export const forCompliance = { findUser, findPerson, summary, exportUserData, exportUserTable, purgeUser, pendingDeletions, auditLog };
