// The person context and the role a transaction acts as. Every call a service makes runs in one
// transaction that starts with `SET LOCAL ROLE <role>` and, for a person, sets the transaction-local
// `app.user_id` (in a way Citus propagates to its workers: beginText, app.act_as); both end with the
// transaction. What a callback could leave on the session itself (temporary objects such as a planted
// pg_temp.text domain, a session-level SET or set_config(…, false), SET ROLE, prepared statements,
// advisory locks, LISTEN) is wiped before the connection goes back to the pool, so nothing reaches the next caller: the parts of DISCARD ALL travel in the same
// simple-query message as the COMMIT or ROLLBACK (one round trip, not two), and DISCARD ALL itself
// (resetAndRelease) covers the rare paths where that message did not run to its end.
import pg from 'pg';
import { ForbiddenError, isConnectionFailure, isRetryable, KitchenDbError, mapDbError, ValidationError } from './errors.ts';
import { APP_ROLES, type AppRole } from './migrate.ts';
import { assertUuid, describe } from './uuid.ts';

/** What the generated pgtyped queries need: something with `query(text, values)`. */
export type DbClient = pg.PoolClient;

// The UUID rule lives in uuid.ts; re-exported here, where the person context needs it.
export { assertUuid } from './uuid.ts';

const ISOLATION_LEVELS = ['read committed', 'repeatable read', 'serializable'] as const;
export type IsolationLevel = (typeof ISOLATION_LEVELS)[number];

export interface TransactionOptions {
  /** SET LOCAL ROLE for the transaction; omit to act as the connection's own role (migrations, tests). */
  role?: AppRole;
  /** The person (app.user_id) of the transaction. */
  userId?: string;
  /** Isolation level (default: the server's, READ COMMITTED). */
  isolation?: IsolationLevel;
  readOnly?: boolean;
  /**
   * Runs the whole callback again after a serialization failure or deadlock (40001/40P01),
   * up to this many times (default 3). The callback must not have effects outside the database.
   */
  retries?: number;
}

/**
 * Runs `fn` in one transaction on a connection of `pool`. Commits when `fn` resolves, rolls back
 * when it throws (the error is mapped to a typed KitchenDbError). A connection that failed is
 * discarded, not returned to the pool.
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  options: TransactionOptions,
  fn: (client: DbClient) => Promise<T>,
): Promise<T> {
  const userId = options.userId === undefined ? undefined : assertUuid(options.userId);
  // Both go into the BEGIN message as text: a caller without TypeScript must not be able to pass SQL.
  if (options.role !== undefined && !(APP_ROLES as readonly string[]).includes(options.role)) {
    throw new ValidationError('role', 'app_role', `role must be one of ${APP_ROLES.join(', ')}, got ${describe(options.role)}`);
  }
  if (options.isolation !== undefined && !(ISOLATION_LEVELS as readonly string[]).includes(options.isolation)) {
    throw new ValidationError('isolation', 'isolation_level', `isolation must be one of ${ISOLATION_LEVELS.join(', ')}, got ${describe(options.isolation)}`);
  }
  const retries = options.retries ?? 3;
  for (let attempt = 0; ; attempt++) {
    let client: DbClient;
    try {
      client = await pool.connect();
    } catch (error) {
      throw mapDbError(error);
    }
    let broken: Error | undefined;
    // A checked-out client whose connection drops emits 'error'; node-postgres leaves that to the
    // borrower, and without a listener Node would crash the process. Record it and discard the client.
    const onError = (error: Error) => {
      broken ??= error;
    };
    client.on('error', onError);
    // Whether the session state was already reset (the reset statements ran after COMMIT/ROLLBACK).
    let reset = false;
    try {
      await client.query(beginText(options, userId));
      if (userId) persons.set(client, userId);
      const result = await fn(client);
      const done = await endTransaction(client, 'commit');
      reset = done.reset;
      if (done.command === 'ROLLBACK') {
        // PostgreSQL answers COMMIT with ROLLBACK when a statement failed and the callback caught
        // the error: nothing was written, so the caller must not be told that it was.
        throw new KitchenDbError('internal', 'the transaction was rolled back: a statement inside it failed and the callback caught the error, so nothing was written', {
          rule: 'transaction_aborted',
        });
      }
      return result;
    } catch (error) {
      if (isConnectionFailure(error)) broken = error as Error;
      else if (!broken && !reset) {
        await endTransaction(client, 'rollback').then(
          (done) => (reset = done.reset),
          (e: Error) => (broken = e),
        );
      }
      if (broken || !isRetryable(error) || attempt >= retries) throw mapDbError(error);
    } finally {
      persons.delete(client);
      client.removeListener('error', onError);
      if (broken) client.release(broken);
      else if (reset) client.release();
      else resetAndRelease(client);
    }
    // Back off with the connection released: under contention another transaction may use it.
    await new Promise((r) => setTimeout(r, 5 * 2 ** attempt + Math.random() * 10));
  }
}

/**
 * The BEGIN message: one simple-query string, one round trip. BEGIN, then SET LOCAL ROLE, then
 * `app.act_as(person)` (migration 000161), which runs `set local citus.propagate_set_commands =
 * 'local'` (replay this transaction's later SET LOCALs on the workers' connections; a placeholder
 * setting without Citus and on PGlite) and, for a person, `set local app.user_id` — the only form that
 * reaches Citus workers (set_config(…, true) stays on the coordinator: RLS on the shards failed
 * closed, docs/scale-out.md section 5). Through a function because Citus replays a SET by the text of
 * the whole query string it came in: written inline here, every worker connection would replay
 * `begin; set local role …` too, which fails inside a SECURITY DEFINER body (Citus connects as its
 * owner: `permission denied to set role`). Propagation goes on AFTER the role for the same reason.
 * The role is one of AppRole's names and the person a UUID checked by assertUuid (hex and dashes
 * only), so both are safe inline. Without role and person (the owner's own transactions: migrations,
 * tests, the demo loader) nothing is added, so the function need not exist yet.
 */
export function beginText(options: TransactionOptions, userId: string | undefined): string {
  let begin = 'begin';
  if (options.isolation) begin += ` isolation level ${options.isolation}`;
  if (options.readOnly) begin += ' read only';
  if (options.role) begin += `; set local role ${options.role}`;
  // auth_service (Better-Auth's role) has no USAGE on schema app and acts for nobody: no act_as.
  if (userId) begin += `; select app.act_as('${userId}'::uuid)`;
  else if (options.role && options.role !== 'auth_service') begin += '; select app.act_as(null)';
  return begin;
}

/**
 * The person of the transaction each client is in (withTransaction sets it after BEGIN and removes
 * it before the client goes back to the pool), so area functions can pass the person's id to their
 * queries (`user_id = :userId!`: Citus routes such a statement to the person's one shard;
 * `user_id = app.current_user_id()` visits every shard). Row-level security stays the enforcement:
 * the id given to a query is only a routing hint, a forged one sees nothing.
 */
const persons = new WeakMap<DbClient, string>();

/**
 * The person id of the withUser/asUser transaction `client` is in. A ForbiddenError (field userId)
 * when the transaction acts for nobody: a person query outside a person's transaction would see
 * nothing anyway (row-level security fails closed), so say why instead.
 */
export function personOf(client: DbClient): string {
  const id = persons.get(client);
  if (id === undefined) {
    throw new ForbiddenError('this call acts for a person: run it inside asUser/withUser (the transaction has no app.user_id)', {
      field: 'userId',
      rule: 'person_context',
    });
  }
  return id;
}

/**
 * What DISCARD ALL does, as statements that may follow COMMIT or ROLLBACK in one simple-query message
 * (DISCARD ALL itself refuses to run in a multi-statement string): close cursors, back to the login
 * role (SET SESSION AUTHORIZATION DEFAULT also ends a SET ROLE: role is 'none' after it), session
 * settings back to their connection-time values (search_path, set_config(…, false)), prepared
 * statements, LISTEN, advisory locks, cached plans, temporary objects (a planted pg_temp domain or
 * function), sequence caches. Checked on PostgreSQL 15 and on PGlite 18 through pglite-socket.
 */
const RESET_SESSION =
  'close all; set session authorization default; reset all; deallocate all; unlisten *; ' +
  'select pg_catalog.pg_advisory_unlock_all(); discard plans; discard temp; discard sequences';

/**
 * Sends `commit` or `rollback` and the session reset in one message. Answers the first statement's
 * command tag (PostgreSQL answers COMMIT with ROLLBACK when the transaction had failed) and whether
 * the reset ran. When the message fails, it tells apart a failed COMMIT (nothing after it ran; the
 * error is the caller's) from a failed reset after a COMMIT that went through (the commit stands:
 * resolved with reset = false, so the connection gets DISCARD ALL or is discarded).
 */
function endTransaction(client: DbClient, verb: 'commit' | 'rollback'): Promise<{ command: string; reset: boolean }> {
  return new Promise((resolve, reject) => {
    let first: string | undefined;
    const query = new pg.Query(`${verb}; ${RESET_SESSION}`, undefined, (error: Error | null | undefined) => {
      if (!error) {
        forgetPreparedStatements(client);
        resolve({ command: first ?? verb.toUpperCase(), reset: true });
      }
      else if (first !== undefined && !isConnectionFailure(error)) resolve({ command: first, reset: false });
      else reject(error);
    });
    // node-postgres calls handleCommandComplete once per statement of a simple query, in order.
    const q = query as unknown as { handleCommandComplete(msg: { text?: string }, connection: unknown): void };
    const complete = q.handleCommandComplete;
    q.handleCommandComplete = function (msg, connection) {
      first ??= (msg.text ?? '').split(' ')[0]!;
      complete.call(this, msg, connection);
    };
    client.query(query);
  });
}

/**
 * DEALLOCATE ALL / DISCARD ALL removed the session's prepared statements: node-postgres must forget
 * the named statements (`{ name, text }` queries) it prepared on this connection, or the next use of
 * one would Bind a statement that no longer exists (26000).
 */
function forgetPreparedStatements(client: DbClient): void {
  const connection = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection;
  if (connection?.parsedStatements) connection.parsedStatements = {};
}

/**
 * Returns a connection to its pool without the session state a caller may have left on it: DISCARD
 * ALL (temporary objects, session settings back to their connection-time values, SET ROLE / SESSION
 * AUTHORIZATION, prepared statements, cursors, advisory locks, LISTEN, cached plans). The caller
 * does not wait for it: node-postgres queues it on the client, and the client goes back to the pool
 * once it is done (a failed reset discards the connection instead). On the embedded engine every
 * connection shares ONE session, so this resets that session between transactions, which is what
 * isolates callers there too: nothing kitchen-db or pg-boss runs on it relies on session state
 * across transactions (pg-boss connects there without a role option; migrations run before pools).
 */
function resetAndRelease(client: DbClient): void {
  // Until it is back in the pool, a dropped connection emits 'error' on the client: keep a listener.
  const ignore = () => {};
  client.on('error', ignore);
  client.query('discard all').then(
    () => {
      forgetPreparedStatements(client);
      client.removeListener('error', ignore);
      client.release();
    },
    (error: Error) => {
      client.removeListener('error', ignore);
      client.release(error);
    },
  );
}

/** Runs `fn` as the person `userId` (role app_user, row-level security applies). */
export function withUser<T>(pool: pg.Pool, userId: string, fn: (client: DbClient) => Promise<T>, options: Omit<TransactionOptions, 'role' | 'userId'> = {}): Promise<T> {
  return withTransaction(pool, { ...options, role: 'app_user', userId }, fn);
}

/** Runs `fn` as the admin portal (role app_admin). */
export function asAdmin<T>(pool: pg.Pool, fn: (client: DbClient) => Promise<T>, options: Omit<TransactionOptions, 'role'> = {}): Promise<T> {
  return withTransaction(pool, { ...options, role: 'app_admin' }, fn);
}

/** Runs `fn` as the job worker (role app_worker). */
export function asWorker<T>(pool: pg.Pool, fn: (client: DbClient) => Promise<T>, options: Omit<TransactionOptions, 'role'> = {}): Promise<T> {
  return withTransaction(pool, { ...options, role: 'app_worker' }, fn);
}

/** Runs `fn` as compliance staff (role app_compliance: only the GDPR functions). */
export function asCompliance<T>(pool: pg.Pool, fn: (client: DbClient) => Promise<T>, options: Omit<TransactionOptions, 'role'> = {}): Promise<T> {
  return withTransaction(pool, { ...options, role: 'app_compliance' }, fn);
}
