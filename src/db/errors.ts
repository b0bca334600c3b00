// Typed errors: what a caller of kitchen-db can catch. Database errors are mapped here, once, so
// no driver internals leak and every error names the field and the rule it broke.

export type ErrorCode = 'validation' | 'conflict' | 'not_found' | 'forbidden' | 'connection' | 'internal';

export class KitchenDbError extends Error {
  readonly code: ErrorCode;
  /** The input field (or column) at fault, when there is one. */
  readonly field: string | undefined;
  /** The rule that was broken: a constraint name, or a short rule such as "uuid". */
  readonly rule: string | undefined;
  constructor(code: ErrorCode, message: string, options: { field?: string; rule?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.field = options.field;
    this.rule = options.rule;
  }
}

/** Input that breaks a rule: a CHECK, NOT NULL, a type, a range, a format. */
export class ValidationError extends KitchenDbError {
  constructor(field: string, rule: string, message: string, cause?: unknown) {
    super('validation', message, { field, rule, cause });
  }
}

/** A unique rule was broken: the thing exists already. */
export class ConflictError extends KitchenDbError {
  constructor(field: string, rule: string, message: string, cause?: unknown) {
    super('conflict', message, { field, rule, cause });
  }
}

/** Something referred to does not exist (or is not visible to this person). */
export class NotFoundError extends KitchenDbError {
  constructor(field: string, rule: string, message: string, cause?: unknown) {
    super('not_found', message, { field, rule, cause });
  }
}

/** Row-level security or a privilege refused the operation. */
export class ForbiddenError extends KitchenDbError {
  constructor(message: string, options: { field?: string; rule?: string; cause?: unknown } = {}) {
    super('forbidden', message, options);
  }
}

/** The database could not be reached; says which engine, which address and what to try. */
export class ConnectionError extends KitchenDbError {
  readonly engine: string;
  readonly address: string;
  readonly hint: string;
  constructor(message: string, options: { engine: string; address: string; hint: string; cause?: unknown }) {
    super('connection', `${message} — ${options.hint}`, { cause: options.cause });
    this.engine = options.engine;
    this.address = options.address;
    this.hint = options.hint;
  }
}

/** The fields node-postgres puts on a server error. */
export interface PgErrorFields {
  code?: string;
  message?: string;
  detail?: string;
  table?: string;
  column?: string;
  constraint?: string;
  schema?: string;
}

/** SQLSTATEs that mean the connection itself is gone (the client must be discarded). */
const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08004']);
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND']);

/**
 * Citus: the coordinator could not open its own connection to a worker ("connection to the remote
 * node app_user@127.0.0.1:5433 failed with the following error: FATAL: role "app_user" is not
 * permitted to log in"). It arrives as a class-08 SQLSTATE on a healthy connection to the
 * coordinator, so it is not "cannot connect to <DATABASE_URL>": it names the worker, the role Citus
 * connected as, and what the DBA must set up (docs/scale-out.md, "Roles and node-to-node
 * authentication"). Undefined for any other error.
 */
export function citusRemoteNodeError(error: unknown): ConnectionError | undefined {
  const e = (error ?? {}) as PgErrorFields;
  if (!e.code?.startsWith('08')) return undefined;
  const m = /connection to the remote node (?:(\S+)@)?(\S+?) failed(?: with the following error: ([^\n]*))?/.exec(e.message ?? '');
  if (!m) return undefined;
  const [, role, address, reason] = m;
  return new ConnectionError(
    `the Citus coordinator could not connect to the worker ${address}${role ? ` as role ${role}` : ''}: ${(reason ?? e.message ?? '').trim()}`,
    {
      engine: 'Citus worker',
      address: address!,
      hint: `give ${role ?? 'the role'} LOGIN on every node and a way for the coordinator to authenticate as it (pg_dist_authinfo, a .pgpass, or pg_hba.conf trust for the cluster's own addresses); see docs/scale-out.md`,
      cause: error,
    },
  );
}

export function isConnectionFailure(error: unknown): boolean {
  // An area function may already have mapped the driver's error into a ConnectionError.
  if (error instanceof ConnectionError) return true;
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
  // A worker that refused the coordinator: the client's own connection is fine.
  if (citusRemoteNodeError(error)) return false;
  if (e.code && (CONNECTION_CODES.has(e.code) || NETWORK_CODES.has(e.code))) return true;
  return /Connection terminated|connection is closed|Client has encountered a connection error|Client was closed/i.test(
    e.message ?? '',
  );
}

/** Serialization failures and deadlocks: the transaction may simply be run again. */
export function isRetryable(error: unknown): boolean {
  // An area function may already have mapped the driver's error (mapDbError keeps it as `cause`):
  // a deadlock inside a GDPR purge is as retryable as one in a bare query.
  for (let e = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: string }).code;
    if (code === '40001' || code === '40P01') return true;
  }
  return false;
}

/**
 * The field a constraint protects, in the API's camelCase. kitchen-db names constraints
 * `<table>_<column>_check|key|fkey` (PostgreSQL's own default style), so the field is the middle.
 */
export function fieldOfConstraint(constraint: string | undefined, table: string | undefined): string | undefined {
  if (!constraint) return undefined;
  // Unique indexes of the source documents are named idx_<table>_<column> (idx_users_email).
  let rest = constraint.startsWith('idx_') ? constraint.slice(4) : constraint;
  if (table && rest.startsWith(table + '_')) rest = rest.slice(table.length + 1);
  // <table>_pkey without a Key (…) detail (which callers read first): the primary key, `id` on nearly every table.
  // Without a table (Citus relays a worker's unique violation with neither table nor detail), a
  // `_pkey` is still a primary key.
  if (rest === 'pkey' || (!table && rest.endsWith('_pkey'))) return 'id';
  rest = rest.replace(/_(check|key|fkey|pkey|excl)$/, '');
  return camelField(rest || constraint);
}

/** snake_case column → the camelCase name the TypeScript API uses for the same field. */
export function camelField(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** First `Key (a, b)=(…)` column list of a unique/foreign-key violation detail. */
function keyColumns(detail: string | undefined): string | undefined {
  const m = /Key \(([^)]+)\)/.exec(detail ?? '');
  return m?.[1]?.replace(/"/g, '').split(', ').map(camelField).join(', ');
}

/**
 * Thrown for a failure that is a race, not a fault: withTransaction (SQLSTATE 40001) runs the
 * transaction again. Kept as a cause, the server's error stays in the logs.
 */
export class RetryTransactionError extends Error {
  readonly code = '40001';
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'RetryTransactionError';
  }
}

/** What the call was doing when the server refused it: the input field at fault, the query's parameters. */
export interface ErrorContext {
  field?: string;
  /** The parameters of the query (the mapping names the values at fault). */
  values?: Record<string, unknown>;
}

type Mapping = (e: PgErrorFields, cause: unknown, v: Record<string, unknown>, field: string | undefined) => KitchenDbError | RetryTransactionError;

const where = (e: PgErrorFields) => (e.table ? ` on ${e.table}` : '');
const anyField = (e: PgErrorFields, fallback: string | undefined) =>
  keyColumns(e.detail) ?? fieldOfConstraint(e.constraint, e.table) ?? fallback ?? 'unknown';

/**
 * The one table of database errors, keyed by `SQLSTATE constraint`: what a named rule means to the
 * caller. Row-level security keeps the key out of the server's message, so these entries name the
 * field and the value from the query's parameters. A constraint not listed here falls back to its
 * SQLSTATE (BY_SQLSTATE below). Add a line here when a new constraint needs its own words.
 */
const BY_CONSTRAINT: Record<string, Mapping> = {
  // accounts: app.sign_in_person refuses an auth id unknown to auth."user".
  '23503 users_auth_id_fkey': (e, cause, v) =>
    new NotFoundError('authId', e.constraint!, `the Better-Auth user ${v.authId} does not exist (no auth."user" row): create it with Better-Auth, then sign in`, cause),
  // assistant: no such conversation of this person.
  '23503 messages_conversation_id_user_id_fkey': (_e, cause) => new NotFoundError('conversationId', 'conversation', 'no conversation with this id', cause),
  // appliances: pairing proof (app.pair_appliance), serial and device id of a current pairing.
  '42501 appliances_pairing_code_match': (_e, cause, v) =>
    new ForbiddenError(`pairingCode: does not match the code device ${v.deviceId} displays`, { field: 'pairingCode', rule: 'appliances_pairing_code_match', cause }),
  '42501 appliances_pairing_code_unknown': (_e, cause, v) =>
    new ForbiddenError(
      `pairingCode: device ${v.deviceId} is paired to someone else and has not reported a pairing code; the owner can unpair it, or let the device come online`,
      { field: 'pairingCode', rule: 'appliances_pairing_code_unknown', cause },
    ),
  // Global keys (issue 17): the primary keys of the lookup tables (migrations 000120-000123); a device id
  // is claimed with ON CONFLICT, so only the serial number can clash.
  '23505 appliance_serials_pkey': (e, cause, v) => new ConflictError('serialNumber', e.constraint!, `serialNumber: ${v.serialNumber} is paired under another device id`, cause),
  // accounts: app.sign_in_person claims the person's e-mail (the auth id is claimed with ON CONFLICT).
  '23505 person_emails_pkey': (e, cause, v) => new ConflictError('email', e.constraint!, `email: ${v.email} belongs to another account`, cause),
  // appliances: the device's cooking-log upload (app.upload_cooking_log; its parameters carry deviceId) and startSession.
  '42501 appliances_current_pairing': (_e, cause, v) =>
    new ForbiddenError(`deviceId: ${v.deviceId} is not currently paired to you`, { field: 'deviceId', rule: 'appliances_current_pairing', cause }),
  '23514 cooking_sessions_pairing_period': (_e, cause, v) =>
    new ValidationError('startedAt', 'cooking_sessions_pairing_period',
      `startedAt: ${(v.startedAt as Date).toISOString()} lies outside your pairings of device ${v.deviceId}: a log is filed only under the pairing it was cooked in`, cause),
  '23505 cooking_sessions_pkey': (_e, cause, v) =>
    new ConflictError('id', 'cooking_sessions_pkey', `id: cooking session ${v.id} ${v.deviceId === undefined ? 'already exists' : 'belongs to another device'}`, cause),
  // An upload naming a missing or unpublished recipe (trigger cooking_sessions_check_recipe), or
  // deleting a recipe a session recorded meanwhile refers to (recipes.delete; parameters { id }).
  '23503 cooking_sessions_recipe_id_fkey': (e, cause, v) =>
    v.deviceId !== undefined
      ? new NotFoundError('recipeId', 'published_recipe', `recipeId: no published recipe ${v.recipeId}`, cause)
      : !('id' in v) || Object.keys(v).length !== 1
      ? BY_SQLSTATE['23503']!(e, cause, v, undefined)
      : new ConflictError('recipeId', e.constraint!,
          `recipeId: recipe ${v.id} cannot be deleted because people have cooked it (people's cooking history keeps its recipe); unpublish it instead`, cause),
  // recipes
  '23505 recipes_pkey': (_e, cause, v) => new ConflictError('id', 'recipes_pkey', `id: recipe ${v.id} already exists`, cause),
  // firmware
  '23514 firmware_releases_min_version_order_check': (_e, cause, v) =>
    new ValidationError('minVersion', 'firmware_releases_min_version_order_check', `minVersion: ${v.minVersion} is above version ${v.version}`, cause),
  '23505 idx_firmware_target_version': (_e, cause, v) =>
    new ConflictError('version', 'idx_firmware_target_version', `version: ${v.target} ${v.version} is already published`, cause),
};

/** `_<shard id>`: the suffix Citus gives a shard's relations and constraints (meal_logs_pkey_102008). */
const SHARD_SUFFIX = /_\d+$/;

/** The name without a shard suffix, unless the full name has its own line in BY_CONSTRAINT. */
function shardless(name: string | undefined, code: string): string | undefined {
  if (!name || BY_CONSTRAINT[`${code} ${name}`]) return name;
  // No constraint, index or table of ours ends in `_<digits>` (test/errors.test.ts checks the
  // catalog), so such a suffix can only be a shard's.
  return name.replace(SHARD_SUFFIX, '');
}

/**
 * Citus relays a worker's error with its message (and where) only: no constraint, table or detail
 * field, and the names in the message are the shard's (`duplicate key value violates unique
 * constraint "recipes_pkey_102012"`, `new row for relation "messages_102129" violates check
 * constraint "messages_role_check"`). The constraint and table are read back from the message when
 * the driver has none, and a shard suffix is removed, so the mapping below sees our own names on
 * every engine. An error with its own fields (a single server) keeps them as they are.
 */
function withoutShardNames(e: PgErrorFields): PgErrorFields {
  const code = e.code ?? '';
  const msg = e.message ?? '';
  const constraint = e.constraint ?? /\bconstraint "([^"]+)"/.exec(msg)?.[1];
  const table = e.table ?? /\b(?:relation|table) "([^"]+)"/.exec(msg)?.[1];
  if (constraint === e.constraint && table === e.table && !SHARD_SUFFIX.test(constraint ?? '')) return e;
  // Field by field: an Error's message is not an own enumerable property, so `{ ...e }` would drop it.
  const out: PgErrorFields = { code: e.code, message: e.message, detail: e.detail, table: e.table, column: e.column, constraint: e.constraint, schema: e.schema };
  if (constraint !== undefined) out.constraint = shardless(constraint, code);
  // A table read from the message is the shard's (a single server sends the table field);
  // a shard of a telemetry partition keeps the partition's name (telemetry_events_2026_12_102300).
  if (table !== undefined) out.table = e.table ?? table.replace(SHARD_SUFFIX, '');
  return out;
}

/** What each SQLSTATE means when its constraint has no line of its own in BY_CONSTRAINT. */
const BY_SQLSTATE: Record<string, Mapping> = {
  '23505': (e, cause, _v, field) => {
    const f = anyField(e, field);
    return new ConflictError(f, e.constraint ?? 'unique', `${f} already exists${where(e)} (${e.constraint ?? 'unique'})`, cause);
  },
  '23503': (e, cause, _v, field) => {
    // Raised by a function without a constraint (app.gdpr_export_file_begin: "no person with id …"):
    // the function's own words, for the field the caller names (runQuery's `field`).
    if (!e.constraint) return new NotFoundError(field ?? 'unknown', 'foreign_key', e.message ?? `${field ?? 'unknown'} refers to a row that does not exist`, cause);
    const f = anyField(e, field);
    return new NotFoundError(f, e.constraint, `${f} refers to a row that does not exist${where(e)} (${e.constraint})`, cause);
  },
  '23514': (e, cause, _v, field) => {
    const f = (e.column && camelField(e.column)) ?? fieldOfConstraint(e.constraint, e.table) ?? field ?? 'unknown';
    return new ValidationError(f, e.constraint ?? 'check', `${f} breaks rule ${e.constraint ?? 'check'}${where(e)}: ${e.message ?? ''}`.trim(), cause);
  },
  '23502': (e, cause, _v, field) => {
    const f = (e.column && camelField(e.column)) ?? field ?? 'unknown';
    return new ValidationError(f, 'not_null', `${f} is required${where(e)}`, cause);
  },
  '42501': (e, cause, _v, field) => {
    const rls = /row-level security/.test(e.message ?? '');
    return new ForbiddenError(
      rls ? `not allowed: the row is not yours${where(e)} (row-level security)` : `not allowed${where(e)}: ${e.message ?? 'insufficient privilege'}`,
      { ...(field ? { field } : {}), rule: rls ? 'row_level_security' : 'privilege', cause },
    );
  },
  // active_sql_transaction. Citus: the transaction wrote a shard as one role (app_user) and then
  // reached it as another (the owner, inside a SECURITY DEFINER function such as
  // app.register_push_token), or the other way round; Citus keeps one connection per shard and
  // role in a transaction and refuses this. Not a race: the same transaction fails again.
  '25001': (e, cause) =>
    /modified in this transaction by a different user/.test(e.message ?? '')
      ? new KitchenDbError('internal',
          `on a Citus cluster one transaction cannot write a person's data both directly and through a kitchen-db function that runs as the owner (${e.message}): make that call (e.g. accounts.registerPushToken) in a transaction of its own`,
          { rule: 'citus_one_role_per_shard', cause })
      : internal(cause),
  // object_not_in_prerequisite_state: app.cancel_account_deletion once the grace period is over.
  '55000': (e, cause, _v, field) =>
    new ConflictError(field ?? 'state', field === 'deletion' ? 'grace_period_over' : 'prerequisite_state', e.message ?? 'not in the required state', cause),
};

/**
 * Maps a database error to a typed error: BY_CONSTRAINT, then BY_SQLSTATE, then data exceptions,
 * connection failures and, for anything else, an internal KitchenDbError that keeps the original
 * as `cause` (for logs) but shows only the SQLSTATE and the server's message. Anything already
 * typed passes through. runQuery and withTransaction call it; areas do not catch to map.
 */
export function mapDbError(error: unknown, context: ErrorContext = {}): KitchenDbError {
  // A race still there after the last attempt: an internal error naming its SQLSTATE (40001).
  if (error instanceof RetryTransactionError) return internal(error);
  return mapDbErrorOrRetry(error, context) as KitchenDbError;
}

function internal(error: unknown): KitchenDbError {
  const e = (error ?? {}) as PgErrorFields;
  return new KitchenDbError('internal', `database error${e.code ? ` ${e.code}` : ''}: ${e.message ?? String(error)}`, { cause: error });
}

/** mapDbError, which may also yield a RetryTransactionError (a race that a new attempt resolves). */
export function mapDbErrorOrRetry(error: unknown, context: ErrorContext = {}): KitchenDbError | RetryTransactionError {
  if (error instanceof KitchenDbError || error instanceof RetryTransactionError) return error;
  const e = withoutShardNames((error ?? {}) as PgErrorFields);
  const code = e.code ?? '';
  const mapping = (e.constraint && BY_CONSTRAINT[`${code} ${e.constraint}`]) || BY_SQLSTATE[code];
  if (mapping) return mapping(e, error, context.values ?? {}, context.field);
  // Class 22: data exceptions (bad text representation, out of range, too long, bad JSON, NUL bytes…).
  if (code.startsWith('22')) {
    const field = (e.column && camelField(e.column)) ?? context.field ?? fieldOfConstraint(e.constraint, e.table) ?? 'input';
    return new ValidationError(field, `sqlstate_${code}`, `${field}: ${e.message ?? 'invalid value'}`, error);
  }
  const remote = citusRemoteNodeError(error);
  if (remote) return remote;
  if (isConnectionFailure(error)) {
    return new ConnectionError(`the database connection failed: ${e.message ?? String(error)}`, {
      engine: 'server',
      address: '(pool)',
      hint: 'the operation was not applied; retry when the database is back',
      cause: error,
    });
  }
  return internal(error);
}
