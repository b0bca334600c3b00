// The one entry point a service uses:
//   const kdb = await createKitchenDb({ connectionString: process.env.DATABASE_URL });
//   const meals = await kdb.asUser(userId, (me) => me.meals.list({ limit: 20 }));
// Every asUser/asAdmin/asWorker/asCompliance call is one transaction with the matching role (and,
// for a person, app.user_id), so row-level security decides what the callback sees.
import type pg from 'pg';
import { bind, type Api } from './bind.ts';
import { asAdmin, asCompliance, asWorker, withUser, type DbClient, type TransactionOptions } from '../db/context.ts';
import { migrateDatabase, OWNER_ROLE } from '../db/migrate.ts';
import { createPool } from '../db/pool.ts';
import { DEFAULT_DATA_DIR, resolveDatabase } from '../db/resolve.ts';
import { ValidationError } from '../db/errors.ts';
import * as accounts from '../areas/accounts.ts';
import * as appliances from '../areas/appliances/appliances.ts';
import * as assistant from '../areas/assistant.ts';
import * as gdpr from '../areas/gdpr/gdpr.ts';
import * as meals from '../areas/meals.ts';
import * as recipes from '../areas/recipes.ts';
import * as telemetry from '../areas/telemetry.ts';
import type { AdminScope, ComplianceScope, UserScope, WorkerScope } from './scopes.ts';

export type { AdminScope, ComplianceScope, UserScope, WorkerScope } from './scopes.ts';

const areas = { accounts, meals, assistant, recipes, appliances, telemetry, gdpr };
type Group = 'forUser' | 'forAdmin' | 'forWorker' | 'forCompliance';
type ScopeOf<G extends Group> = G extends 'forUser' ? UserScope : G extends 'forAdmin' ? AdminScope : G extends 'forWorker' ? WorkerScope : ComplianceScope;

/**
 * Each area is bound to the transaction's client on first use only: a call touches one or two areas.
 * The lazy getters live on one prototype per group, built once, so a call allocates one object
 * rather than defining seven properties (bench/queries.ts: client CPU per call against raw pg). A
 * bound area is kept in the scope's own slot object, so the scope keeps the shape it was created
 * with (defining a property on it per call made every scope a new shape). A scope may lack an area:
 * one without this group (no `forAdmin` in accounts, …) is left out. The client is kept under a
 * symbol, not in the scope's type: raw SQL goes through a client of one's own (tests:
 * `withUser(pool, id, (client) => …)`).
 */
const CLIENT = Symbol('kitchen-db transaction client');
const BOUND = Symbol('kitchen-db bound areas');
type ScopeObject = { [CLIENT]: DbClient; [BOUND]: Record<string, unknown> | undefined };
const scopePrototypes = new Map<Group, object>();

function scopePrototype(group: Group): object {
  let proto = scopePrototypes.get(group);
  if (proto) return proto;
  proto = {};
  for (const [name, mod] of Object.entries(areas)) {
    if (!(group in mod)) continue;
    const api = (mod as unknown as Record<Group, Api>)[group];
    Object.defineProperty(proto, name, {
      enumerable: true,
      configurable: true,
      get(this: ScopeObject) {
        const bound = (this[BOUND] ??= {});
        return (bound[name] ??= bind(api, this[CLIENT]));
      },
    });
  }
  scopePrototypes.set(group, proto);
  return proto;
}

/**
 * The scope of a group on a transaction's client.
 * @internal
 */
export function scope<G extends Group>(group: G, client: DbClient): ScopeOf<G> {
  const out = Object.create(scopePrototype(group)) as ScopeObject;
  out[CLIENT] = client;
  out[BOUND] = undefined;
  // The scope interfaces (src/api/scopes.ts) are checked against bind()'s types at compile time.
  return out as unknown as ScopeOf<G>;
}

export interface KitchenDbOptions {
  /** The PostgreSQL server (postgres://…). Defaults to DATABASE_URL. */
  connectionString?: string;
  /** Pool size (default 10). */
  max?: number;
  /**
   * Local development without a server: run the embedded engine (PGlite, PostgreSQL in WebAssembly)
   * in this process, migrated on start, its data in a folder (default `.kitchen-db`, as the CLI's).
   * One process per data folder; slower than a server and not for production. Never chosen
   * implicitly: without it, a missing connection string is an error.
   */
  embedded?: EmbeddedOption;
  /** Where the one line naming the engine goes (default standard error). */
  log?: (line: string) => void;
}

/** `true` (data in `.kitchen-db/`) or the data folder to use. */
export type EmbeddedOption = true | { dataDir?: string };

/** Transaction options a scope call takes: the role and person come from the scope. */
export type TxOptions = Omit<TransactionOptions, 'role' | 'userId'>;

/** kitchen-db for a service: sign-in, the four scopes (each call is one transaction), close. */
export interface KitchenDb {
  /** The pool (for kitchen-db's own types; see createPool). */
  pool: pg.Pool;
  /**
   * After Better-Auth signs someone in: finds or creates their app.users row from the auth user
   * (its own transaction, no person context yet). Returns the person's id for asUser. A NotFoundError
   * (field authId) when Better-Auth has no such user.
   */
  signIn(input: accounts.SignInInput): Promise<accounts.SignInResult>;
  /**
   * Runs `fn` in one transaction as the person `userId` (role app_user, `app.user_id` set): row-level
   * security shows and lets them change their own rows only. Committed when `fn` resolves, rolled
   * back when it throws; serialization failures and deadlocks re-run the whole of `fn` (up to 3 times).
   * @example const page = await kdb.asUser(userId, (me) => me.meals.listMeals({ limit: 20 }));
   */
  asUser<T>(userId: string, fn: (me: UserScope) => Promise<T>, options?: TxOptions): Promise<T>;
  /**
   * Runs `fn` in one transaction as app_admin: recipes, firmware, the knowledge base, read-only
   * oversight (no person's private rows).
   */
  asAdmin<T>(fn: (admin: AdminScope) => Promise<T>, options?: TxOptions): Promise<T>;
  /** Runs `fn` in one transaction as app_worker: what the job worker does (embeddings, partitions, due purges). */
  asWorker<T>(fn: (worker: WorkerScope) => Promise<T>, options?: TxOptions): Promise<T>;
  /** Runs `fn` in one transaction as app_compliance: GDPR export, purge, deletion requests, audit trail (every call audited). */
  asCompliance<T>(fn: (compliance: ComplianceScope) => Promise<T>, options?: TxOptions): Promise<T>;
  /** Telemetry of many appliances (many people) at once: a service's ingestion entry point. */
  telemetry: {
    /**
     * Writes batches of events from many appliances (each batch one appliance of one person) over
     * `connections` connections of the pool (default 1, at most the pool's size): each batch is one
     * transaction as its person (app_user, row-level security, all or nothing), validated first, and
     * on each connection the next batch is encoded while the server inserts the current one. A refused
     * batch does not stop the others: `failed` lists it with its index and typed error.
     * @example const r = await kdb.telemetry.ingest([{ userId, applianceId, events }], { connections: 2 });
     */
    ingest(batches: readonly telemetry.IngestBatch[], options?: { connections?: number }): Promise<telemetry.IngestResult>;
  };
  /** Ends the pool (when kitchen-db made it) and stops an embedded engine. */
  close(): Promise<void>;
}

/** Wraps an existing pool (created with createPool, for kitchen-db's type parsing). `owned`: close() ends it. */
export function kitchenDbFromPool(pool: pg.Pool, owned = false): KitchenDb {
  return {
    pool,
    signIn: (input) => accounts.signIn({ pool }, input),
    asUser: (userId, fn, options) => withUser(pool, userId, (c) => fn(scope('forUser', c)), options),
    asAdmin: (fn, options) => asAdmin(pool, (c) => fn(scope('forAdmin', c)), options),
    asWorker: (fn, options) => asWorker(pool, (c) => fn(scope('forWorker', c)), options),
    asCompliance: (fn, options) => asCompliance(pool, (c) => fn(scope('forCompliance', c)), options),
    telemetry: { ingest: (batches, options) => telemetry.ingestTelemetry(pool, batches, options) },
    close: async () => {
      if (owned) await pool.end();
    },
  };
}

/**
 * Connects kitchen-db to a migrated PostgreSQL database and returns the API a service uses.
 *
 * @example
 * const kdb = await createKitchenDb({ connectionString: process.env.DATABASE_URL });
 * // local development, no server: the embedded engine, migrated, data in .kitchen-db/
 * const dev = await createKitchenDb({ embedded: true });
 *
 * Without `connectionString`, DATABASE_URL is used; with neither (and no `embedded`), it throws a
 * ValidationError rather than falling back to the embedded engine. The connecting role must be a
 * member of the roles of the scopes it uses (app_user, app_admin, app_worker, app_compliance).
 */
export async function createKitchenDb(options: KitchenDbOptions = {}): Promise<KitchenDb> {
  if (options.embedded) {
    if (options.connectionString) {
      throw new ValidationError('embedded', 'exclusive', 'give either connectionString or embedded, not both');
    }
    return embeddedKitchenDb(options.embedded, options);
  }
  const url = options.connectionString ?? process.env.DATABASE_URL;
  if (!url) {
    throw new ValidationError(
      'connectionString',
      'required',
      'connectionString (or DATABASE_URL) is required; for local development without a server pass { embedded: true }',
    );
  }
  const pool = await createPool(url, { max: options.max ?? 10, source: options.connectionString ? 'connectionString' : 'DATABASE_URL' });
  return kitchenDbFromPool(pool, true);
}

async function embeddedKitchenDb(embedded: EmbeddedOption, options: KitchenDbOptions): Promise<KitchenDb> {
  const dataDir = (embedded === true ? undefined : embedded.dataDir) ?? DEFAULT_DATA_DIR;
  const db = await resolveDatabase({
    purpose: 'cli',
    env: { KITCHEN_DB_ENGINE: 'embedded' },
    dataDir,
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    // As the CLI does: the objects belong to kitchen_owner; the service's roles exist after migrating.
    await migrateDatabase(db.url, { owner: OWNER_ROLE });
    const pool = await createPool(db.url, { max: options.max ?? 10, source: 'the embedded engine' });
    const kdb = kitchenDbFromPool(pool, true);
    return {
      ...kdb,
      close: async () => {
        try {
          await kdb.close();
        } finally {
          await db.close();
        }
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
