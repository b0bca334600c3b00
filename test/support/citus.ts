// The Citus mode of the test harness: TEST_CITUS=1, TEST_DATABASE_URL = the coordinator's `postgres`
// database (a superuser), CITUS_WORKER_URLS = the workers (scripts/ci/start-citus.sh prints both).
//
// A migrated template cannot be copied on Citus (CREATE DATABASE … TEMPLATE fails: the Citus
// maintenance daemon never leaves the template), so every test file gets a fresh database on all
// three nodes, made the way docs/scale-out.md (sections 9–10) describes:
//   create database + create extension citus on every node, register the coordinator and workers;
//   the application roles propagated to the workers and given LOGIN there (Citus connects to the
//   workers as the current role; this throwaway cluster trusts 127.0.0.1, so LOGIN is all they need);
//   vector/citext owned by kitchen_owner on every node (migration 000001 re-runs `create extension
//   if not exists vector`, which Citus re-propagates as the current role); the migrations as
//   kitchen_owner, as everywhere else in the tests; then app_private.distribute().
// The database is dropped on every node after the file (`with (force)`): each one costs a background
// worker (its Citus maintenance daemon) on every node until then.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { asAdmin, asCompliance, asWorker, withUser } from '../../src/db/context.ts';
import { APP_ROLES, ensureRoles, migrateDatabase, OWNER_ROLE } from '../../src/db/migrate.ts';
import { createPool } from '../../src/db/pool.ts';
import { kitchenDbFromPool } from '../../src/api/kitchen.ts';
import type { TestDatabase } from '../../src/testing.ts';

/** TEST_CITUS=1: run the suites on a Citus cluster (needs TEST_DATABASE_URL at the coordinator). */
export const CITUS = process.env.TEST_CITUS === '1';

/** The reason a test that cannot apply on Citus gives for skipping itself (it.skipIf(CITUS)). */
export const NOT_ON_CITUS = 'not on Citus';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function onNode<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end().catch(() => {});
  }
}

export interface CitusNodes {
  /** The coordinator's maintenance database (superuser). */
  coordinator: string;
  /** The workers' maintenance databases (superuser). */
  workers: string[];
}

/** The nodes of this run, from TEST_DATABASE_URL and CITUS_WORKER_URLS. */
export function citusNodes(): CitusNodes {
  const coordinator = process.env.TEST_DATABASE_URL;
  const workers = (process.env.CITUS_WORKER_URLS ?? '').split(/\s+/).filter(Boolean);
  if (!coordinator || workers.length === 0) {
    throw new Error('TEST_CITUS=1 needs TEST_DATABASE_URL (the coordinator) and CITUS_WORKER_URLS (eval "$(bash scripts/ci/start-citus.sh)" prints both)');
  }
  return { coordinator: withDatabase(coordinator, 'postgres'), workers: workers.map((w) => withDatabase(w, 'postgres')) };
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/**
 * A fresh database on every node, migrated as kitchen_owner and distributed. Returns its URL on the
 * coordinator and a function that drops it everywhere.
 */
export async function createCitusDatabase(
  options: { distribute?: boolean; nodes?: CitusNodes } = {},
): Promise<{ url: string; drop: () => Promise<void>; distributed: unknown }> {
  const nodes = options.nodes ?? citusNodes();
  const name = `kitchen_db_citus_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const all = [nodes.coordinator, ...nodes.workers];
  const drop = async () => {
    // Workers first: the coordinator's maintenance daemon may still hold connections to them.
    for (const node of [...nodes.workers, nodes.coordinator]) {
      await onNode(node, (c) => c.query(`drop database if exists ${name} with (force)`)).catch(() => {});
    }
  };
  const url = withDatabase(nodes.coordinator, name);
  try {
    await Promise.all(
      all.map((node) =>
        onNode(node, async (c) => {
          await c.query(`create database ${name}`);
          await onNode(withDatabase(node, name), (d) => d.query('create extension citus'));
        }),
      ),
    );
    // Roles are per node (cluster-wide): created on the coordinator by sql/roles.sql if missing,
    // and on the workers by Citus once they are "distributed objects" of this database (below).
    await ensureRoles(url);
    const roles = [...APP_ROLES, OWNER_ROLE];
    await onNode(url, async (c) => {
      const host = (u: string) => new URL(u);
      const coord = host(nodes.coordinator);
      await c.query('select citus_set_coordinator_host($1, $2)', [coord.hostname, Number(coord.port || 5432)]);
      for (const w of nodes.workers) await c.query('select citus_add_node($1, $2)', [host(w).hostname, Number(host(w).port || 5432)]);
      await c.query('create extension if not exists vector with schema public');
      await c.query('create extension if not exists citext with schema public');
      // Make Citus track (and create on the workers) every application role: owning a distributed
      // function is enough. Without it, the first DDL that kitchen_owner propagates would make Citus
      // create the roles on the workers as kitchen_owner ("must be superuser to alter superuser roles").
      await c.query('create function public.kitchen_db_role_probe() returns int language sql as $$ select 1 $$');
      for (const r of roles) await c.query(`alter function public.kitchen_db_role_probe() owner to ${ident(r)}`);
      await c.query('drop function public.kitchen_db_role_probe()');
    });
    await Promise.all(
      all.map(async (node) => {
        // Through each node's maintenance database (no Citus there, so nothing is intercepted):
        // ALTER ROLE reaches the workers only for roles Citus tracks in the database it runs in.
        await onNode(node, async (c) => {
          for (const r of roles) await c.query(`alter role ${ident(r)} login`);
          await c.query(`grant create on database ${name} to ${OWNER_ROLE}`);
          await c.query(`revoke temporary on database ${name} from public`);
        });
        await onNode(withDatabase(node, name), (c) =>
          c.query(`update pg_catalog.pg_extension set extowner = $1::regrole where extname in ('vector', 'citext')`, [OWNER_ROLE]),
        );
      }),
    );
    await migrateDatabase(url, { owner: OWNER_ROLE });
    let distributed: unknown;
    if (options.distribute !== false) {
      // As the tables' owner, as a DBA would: create_distributed_table needs ownership.
      distributed = await onNode(url, async (c) => {
        await c.query('begin');
        await c.query(`set local role ${OWNER_ROLE}`);
        const { rows } = await c.query<{ r: unknown }>('select app_private.distribute() as r');
        await c.query('commit');
        return rows[0]!.r;
      });
    }
    return { url, drop, distributed };
  } catch (error) {
    await drop();
    throw error;
  }
}

/** createTestDatabase's Citus counterpart (test/support/db.ts calls it when TEST_CITUS=1). */
export async function createCitusTestDatabase(): Promise<TestDatabase> {
  const { url, drop } = await createCitusDatabase();
  let pool: pg.Pool;
  try {
    pool = await createPool(url, { max: 8, source: 'the test database' });
  } catch (error) {
    await drop();
    throw error;
  }
  let closed = false;
  return {
    engine: 'server',
    url,
    pool,
    kdb: kitchenDbFromPool(pool),
    asUser: (userId, fn) => withUser(pool, userId, fn),
    asAdmin: (fn) => asAdmin(pool, fn),
    asWorker: (fn) => asWorker(pool, fn),
    asCompliance: (fn) => asCompliance(pool, fn),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
      await drop();
    },
  };
}
