// The one entry point a service uses:
//   const kdb = await createKitchenDb({ connectionString: process.env.DATABASE_URL });
//   const meals = await kdb.asUser(userId, (me) => me.meals.list({ limit: 20 }));
// Every asUser/asAdmin/asWorker/asCompliance call is one transaction with the matching role (and,
// for a person, app.user_id), so row-level security decides what the callback sees.
import type pg from 'pg';
import { bind, type Bound } from './api.ts';
import { asAdmin, asCompliance, asWorker, withUser, type DbClient, type TransactionOptions } from './db/context.ts';
import { createPool } from './db/pool.ts';
import { ValidationError } from './errors.ts';
import * as accounts from './accounts.ts';
import * as appliances from './appliances.ts';
import * as assistant from './assistant.ts';
import * as gdpr from './gdpr.ts';
import * as meals from './meals.ts';
import * as recipes from './recipes.ts';
import * as telemetry from './telemetry.ts';

const areas = { accounts, meals, assistant, recipes, appliances, telemetry, gdpr };
type Areas = typeof areas;
type Scope<G extends 'forUser' | 'forAdmin' | 'forWorker' | 'forCompliance'> = {
  [A in keyof Areas]: Bound<Areas[A][G]>;
} & { /** The transaction's client, for the generated queries of src/generated/. */ client: DbClient };

export type UserScope = Scope<'forUser'>;
export type AdminScope = Scope<'forAdmin'>;
export type WorkerScope = Scope<'forWorker'>;
export type ComplianceScope = Scope<'forCompliance'>;

/**
 * Each area is bound to the transaction's client on first use only: a call touches one or two areas.
 * The lazy getters live on one prototype per group, built once, so a call allocates one object
 * rather than defining seven properties (bench/queries.ts: client CPU per call against raw pg).
 */
const scopePrototypes = new Map<string, object>();

function scopePrototype(group: 'forUser' | 'forAdmin' | 'forWorker' | 'forCompliance'): object {
  let proto = scopePrototypes.get(group);
  if (proto) return proto;
  proto = {};
  for (const [name, mod] of Object.entries(areas)) {
    const api = mod[group];
    Object.defineProperty(proto, name, {
      enumerable: true,
      configurable: true,
      get(this: { client: DbClient }) {
        const bound = bind(api, this.client);
        Object.defineProperty(this, name, { value: bound, enumerable: true });
        return bound;
      },
    });
  }
  scopePrototypes.set(group, proto);
  return proto;
}

function scope<G extends 'forUser' | 'forAdmin' | 'forWorker' | 'forCompliance'>(group: G, client: DbClient): Scope<G> {
  const out = Object.create(scopePrototype(group)) as { client: DbClient };
  out.client = client;
  return out as Scope<G>;
}

export interface KitchenDbOptions {
  /** Defaults to DATABASE_URL. */
  connectionString?: string;
  /** Pool size (default 10). */
  max?: number;
}

type TxOptions = Omit<TransactionOptions, 'role' | 'userId'>;

export interface KitchenDb {
  pool: pg.Pool;
  /**
   * After Better-Auth signs someone in: finds or creates their app.users row from the auth user
   * (its own transaction, no person context yet). Returns the person's id for asUser.
   */
  signIn(input: accounts.SignInInput): Promise<accounts.SignInResult>;
  asUser<T>(userId: string, fn: (me: UserScope) => Promise<T>, options?: TxOptions): Promise<T>;
  asAdmin<T>(fn: (admin: AdminScope) => Promise<T>, options?: TxOptions): Promise<T>;
  asWorker<T>(fn: (worker: WorkerScope) => Promise<T>, options?: TxOptions): Promise<T>;
  asCompliance<T>(fn: (compliance: ComplianceScope) => Promise<T>, options?: TxOptions): Promise<T>;
  close(): Promise<void>;
}

/** Wraps an existing pool (created with createPool, for kitchen-db's type parsing). */
export function kitchenDbFromPool(pool: pg.Pool, owned = false): KitchenDb {
  return {
    pool,
    signIn: (input) => accounts.signIn({ pool }, input),
    asUser: (userId, fn, options) => withUser(pool, userId, (c) => fn(scope('forUser', c)), options),
    asAdmin: (fn, options) => asAdmin(pool, (c) => fn(scope('forAdmin', c)), options),
    asWorker: (fn, options) => asWorker(pool, (c) => fn(scope('forWorker', c)), options),
    asCompliance: (fn, options) => asCompliance(pool, (c) => fn(scope('forCompliance', c)), options),
    close: async () => {
      if (owned) await pool.end();
    },
  };
}

export async function createKitchenDb(options: KitchenDbOptions = {}): Promise<KitchenDb> {
  const url = options.connectionString ?? process.env.DATABASE_URL;
  if (!url) throw new ValidationError('connectionString', 'required', 'connectionString (or DATABASE_URL) is required');
  const pool = await createPool(url, { max: options.max ?? 10, source: options.connectionString ? 'connectionString' : 'DATABASE_URL' });
  return kitchenDbFromPool(pool, true);
}
