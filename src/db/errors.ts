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

export function isConnectionFailure(error: unknown): boolean {
  // An area function may already have mapped the driver's error into a ConnectionError.
  if (error instanceof ConnectionError) return true;
  const e = error as { code?: string; message?: string } | undefined;
  if (!e) return false;
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
  if (rest === 'pkey') return 'id';
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
 * Maps a database error to a typed error. Anything already typed passes through; anything
 * unknown becomes an internal KitchenDbError that keeps the original as `cause` (for logs) but
 * shows only the SQLSTATE and the server's message.
 */
export function mapDbError(error: unknown, context: { field?: string } = {}): KitchenDbError {
  if (error instanceof KitchenDbError) return error;
  const e = (error ?? {}) as PgErrorFields;
  const code = e.code ?? '';
  const table = e.table;
  const where = table ? ` on ${table}` : '';
  switch (code) {
    case '23505': {
      const field = keyColumns(e.detail) ?? fieldOfConstraint(e.constraint, table) ?? context.field ?? 'unknown';
      return new ConflictError(field, e.constraint ?? 'unique', `${field} already exists${where} (${e.constraint ?? 'unique'})`, error);
    }
    case '23503': {
      const field = keyColumns(e.detail) ?? fieldOfConstraint(e.constraint, table) ?? context.field ?? 'unknown';
      return new NotFoundError(field, e.constraint ?? 'foreign_key', `${field} refers to a row that does not exist${where} (${e.constraint ?? 'foreign key'})`, error);
    }
    case '23514': {
      const field = (e.column && camelField(e.column)) ?? fieldOfConstraint(e.constraint, table) ?? context.field ?? 'unknown';
      return new ValidationError(field, e.constraint ?? 'check', `${field} breaks rule ${e.constraint ?? 'check'}${where}: ${e.message ?? ''}`.trim(), error);
    }
    case '23502': {
      const field = (e.column && camelField(e.column)) ?? context.field ?? 'unknown';
      return new ValidationError(field, 'not_null', `${field} is required${where}`, error);
    }
    case '42501': {
      const rls = /row-level security/.test(e.message ?? '');
      return new ForbiddenError(
        rls ? `not allowed: the row is not yours${where} (row-level security)` : `not allowed${where}: ${e.message ?? 'insufficient privilege'}`,
        { ...(context.field ? { field: context.field } : {}), rule: rls ? 'row_level_security' : 'privilege', cause: error },
      );
    }
  }
  // Class 22: data exceptions (bad text representation, out of range, too long, bad JSON, NUL bytes…).
  if (code.startsWith('22')) {
    const field = (e.column && camelField(e.column)) ?? context.field ?? fieldOfConstraint(e.constraint, table) ?? 'input';
    return new ValidationError(field, `sqlstate_${code}`, `${field}: ${e.message ?? 'invalid value'}`, error);
  }
  if (isConnectionFailure(error)) {
    return new ConnectionError(`the database connection failed: ${e.message ?? String(error)}`, {
      engine: 'server',
      address: '(pool)',
      hint: 'the operation was not applied; retry when the database is back',
      cause: error,
    });
  }
  return new KitchenDbError('internal', `database error${code ? ` ${code}` : ''}: ${e.message ?? String(error)}`, {
    cause: error,
  });
}
