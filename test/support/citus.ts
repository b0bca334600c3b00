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
//
// Building one costs about a minute on this 2-core machine under load (measured 07:38, load 6–13:
// create on 3 nodes 4.4 s, roles and nodes 5.8 s, 109 migrations 19.4 s, distribute() 28.3 s; the
// drop 11.2 s more), so a run does not make the files wait for it: globalSetup starts a pool
// (startCitusPool) that builds the databases one after another while the files run, and each file
// claims a ready one (createCitusTestDatabase) and hands it back when done; the pool drops it in
// the background. Every file still gets a database of its own, never used by another file.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { APP_ROLES, ensureRoles, migrateDatabase, OWNER_ROLE } from '../../src/db/migrate.ts';
import { testDatabaseOn, type TestDatabase } from '../../src/testing.ts';

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
  // A FATAL on an idle connection (a DROP DATABASE … WITH (FORCE) elsewhere) is an 'error' event:
  // without a listener it ends the whole run. A query in flight still rejects with it.
  c.on('error', () => {});
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
  options: {
    distribute?: boolean;
    nodes?: CitusNodes;
    /** Filled with the milliseconds of each phase. */
    timings?: Record<string, number>;
    /** Called once the database exists on every node, before it is migrated. */
    onCreated?: (name: string) => Promise<void>;
  } = {},
): Promise<{ url: string; name: string; drop: () => Promise<void>; distributed: unknown }> {
  const nodes = options.nodes ?? citusNodes();
  // Where the set-up's time goes (bench and CI logs): milliseconds per phase, when asked.
  let t = Date.now();
  const lap = (phase: string) => {
    if (options.timings) options.timings[phase] = Date.now() - t;
    t = Date.now();
  };
  const name = `kitchen_db_citus_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const all = [nodes.coordinator, ...nodes.workers];
  const drop = () => dropEverywhere(nodes, name);
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
    lap('create database + extension citus on 3 nodes');
    await options.onCreated?.(name);
    // Roles are per node (cluster-wide), and the migrations and distribute() make Citus propagate
    // role-dependent objects to the workers: two builds at once (the pool's lanes, a file building its
    // own) updated the same catalog rows together ("tuple concurrently updated", seen in CI even with
    // only the role steps serialised). So the rest of a build runs one at a time, under an advisory
    // lock in the coordinator's maintenance database (advisory locks are per database); the tests
    // themselves still run side by side.
    const releaseRoles = await clusterRoleLock(nodes);
    try {
      // Created on the coordinator by sql/roles.sql if missing, and on the workers by Citus once they
      // are "distributed objects" of this database (below).
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
      lap('roles, nodes, extensions');
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
      lap('login, grants, extension owner');
      await migrateDatabase(url, { owner: OWNER_ROLE });
      lap('migrations');
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
        lap('distribute()');
      }
      return { url, name, drop, distributed };
    } finally {
      await releaseRoles();
    }
  } catch (error) {
    await drop();
    throw error;
  }
}

/**
 * Runs `fn` holding the cluster's build lock: for a test that changes the roles on every node itself
 * (cluster-roles.test.ts runs `kitchen-db cluster-roles`), so no database build alters them meanwhile
 * (CI saw "tuple concurrently updated" on a build's `alter role … login` when the two overlapped).
 */
export async function withClusterLock<T>(fn: () => Promise<T>): Promise<T> {
  const release = await clusterRoleLock(citusNodes());
  try {
    return await fn();
  } finally {
    await release();
  }
}

/** Holds the cluster's build lock (session advisory lock on the coordinator's maintenance database) until the returned function is called. */
async function clusterRoleLock(nodes: CitusNodes): Promise<() => Promise<void>> {
  const c = new pg.Client({ connectionString: nodes.coordinator, connectionTimeoutMillis: 10_000 });
  c.on('error', () => {});
  await c.connect();
  await c.query('select pg_advisory_lock($1)', [ROLE_LOCK]);
  return () => c.end().catch(() => {}); // ending the session releases the lock
}
const ROLE_LOCK = 17_019;

/** Drops a database on every node (workers first, in parallel: the coordinator's maintenance daemon may still hold connections to them). */
async function dropEverywhere(nodes: CitusNodes, name: string): Promise<void> {
  const dropOn = (node: string) => onNode(node, (c) => c.query(`drop database if exists ${ident(name)} with (force)`)).catch(() => {});
  await Promise.all(nodes.workers.map(dropOn));
  await dropOn(nodes.coordinator);
}

// ---- The run's pool of prepared databases --------------------------------------------------------
// Bookkeeping lives on the coordinator, in its maintenance database: each pooled database carries the
// comment `kitchen-db pool <run> <state>` (building → ready → claimed → used), changed under a
// transaction-level advisory lock of the run, so two files never claim the same database; the
// comments go with their databases. While the pool means to build more, it holds a session-level
// advisory lock (POOL_WILLING, the run's hash): a file that finds nothing ready waits only while that
// lock is held, otherwise it builds a database of its own as before (no pool, a failed build).

const POOL = 'kitchen-db pool';
/** Advisory lock keys (with the run's hash): claims and state changes; "the pool builds more". */
const POOL_LOCK = 17_017;
const POOL_WILLING = 17_018;
type PoolState = 'building' | 'ready' | 'claimed' | 'used';

async function poolDatabases(c: pg.Client, run: string): Promise<{ name: string; state: PoolState }[]> {
  const { rows } = await c.query<{ name: string; state: PoolState }>(
    `select d.datname as name, split_part(s.description, ' ', 4) as state
       from pg_database d join pg_shdescription s on s.objoid = d.oid and s.classoid = 'pg_database'::regclass
      where s.description like $1 order by d.datname`,
    [`${POOL} ${run} %`],
  );
  return rows;
}

const markAs = (c: pg.Client, name: string, run: string, state: PoolState) =>
  c.query(`comment on database ${ident(name)} is '${POOL} ${run} ${state}'`);

/** Runs fn in a transaction holding the run's advisory lock (claims and state changes are serialised). */
async function underPoolLock<T>(url: string, run: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  return onNode(url, async (c) => {
    await c.query('begin');
    try {
      await c.query('select pg_advisory_xact_lock($1, hashtext($2))', [POOL_LOCK, run]);
      const result = await fn(c);
      await c.query('commit');
      return result;
    } catch (error) {
      await c.query('rollback').catch(() => {});
      throw error;
    }
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface CitusPool {
  /** The run's tag (globalSetup provides it to the files as kitchenCitusPool). */
  run: string;
  /** Stops building, waits for the build under way, drops every database of the run on every node. */
  stop(): Promise<void>;
}

/**
 * Starts building databases for the files of this run (globalSetup, main process): `ahead` of them
 * ready or being built at any time (the builds run side by side), `files` in all when the number
 * of files is known; drops the ones the files hand back. Resolves once the first build has started.
 */
export async function startCitusPool(options: { files?: number; ahead?: number; log?: (line: string) => void } = {}): Promise<CitusPool> {
  const nodes = citusNodes();
  const run = randomBytes(6).toString('hex');
  const limit = options.files ?? Number.POSITIVE_INFINITY;
  const ahead = Number.isInteger(options.ahead) && options.ahead! > 0 ? options.ahead! : 2;
  const log = options.log ?? (() => {});
  // Held while the pool means to build more: files wait for a database instead of building one.
  const willing = new pg.Client({ connectionString: nodes.coordinator, connectionTimeoutMillis: 10_000 });
  willing.on('error', () => {}); // a lost connection releases the lock: the files build their own
  await willing.connect();
  await willing.query('select pg_advisory_lock($1, hashtext($2))', [POOL_WILLING, run]);
  let unwilling = false;
  const noMore = async () => {
    if (unwilling) return;
    unwilling = true;
    await willing.query('select pg_advisory_unlock($1, hashtext($2))', [POOL_WILLING, run]).catch(() => {});
  };
  let stopping = false;
  let built = 0;
  const builds: number[] = [];
  let firstStarted!: () => void;
  const started = new Promise<void>((resolve) => (firstStarted = resolve));
  const mark = (name: string, state: PoolState) => underPoolLock(nodes.coordinator, run, (c) => markAs(c, name, run, state));

  // `ahead` lanes: each builds a database whenever fewer than `ahead` are ready or being built.
  let inflight = 0;
  let failed = false;
  const lane = async () => {
    while (!stopping && !failed) {
      const dbs = await onNode(nodes.coordinator, (c) => poolDatabases(c, run));
      for (const d of dbs.filter((x) => x.state === 'used')) {
        if (dropping.has(d.name)) continue;
        dropping.add(d.name);
        await dropEverywhere(nodes, d.name);
      }
      const ready = dbs.filter((x) => x.state === 'ready').length;
      if (built < limit && ready + inflight < ahead) {
        built++;
        inflight++;
        const n = built;
        const timings: Record<string, number> = {};
        const t0 = Date.now();
        try {
          const db = await createCitusDatabase({
            nodes,
            timings,
            onCreated: async (name) => {
              await mark(name, 'building');
              firstStarted();
            },
          });
          await mark(db.name, 'ready');
          builds.push(Date.now() - t0);
          log(`citus pool: database ${n} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${Object.entries(timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')})`);
        } catch (error) {
          // The files build their own and show the error where it belongs.
          log(`citus pool: a build failed, the files build their own databases: ${(error as Error).message}`);
          failed = true;
          firstStarted();
        } finally {
          inflight--;
        }
        continue;
      }
      if (built >= limit || failed) break;
      await sleep(300);
    }
  };
  const dropping = new Set<string>();
  const loop = (async () => {
    await Promise.all(Array.from({ length: ahead }, lane));
    // No more builds: the files waiting find out from the lock and build their own; the used ones
    // are dropped as they come back, until stop().
    await noMore();
    while (!stopping) {
      const dbs = await onNode(nodes.coordinator, (c) => poolDatabases(c, run));
      for (const d of dbs.filter((x) => x.state === 'used' && !dropping.has(x.name))) {
        dropping.add(d.name);
        await dropEverywhere(nodes, d.name);
      }
      await sleep(300);
    }
  })();
  loop.catch(() => firstStarted());
  await started;

  return {
    run,
    async stop() {
      stopping = true;
      await loop.catch((error: unknown) => log(`citus pool: ${(error as Error).message}`));
      await noMore();
      await willing.end().catch(() => {});
      const left = await onNode(nodes.coordinator, (c) => poolDatabases(c, run));
      await Promise.all(left.map((d) => dropEverywhere(nodes, d.name)));
      if (builds.length) {
        const mean = builds.reduce((a, b) => a + b, 0) / builds.length / 1000;
        log(`citus pool: ${builds.length} database(s) built, ${mean.toFixed(1)} s each on average; ${left.length} dropped at the end`);
      }
    },
  };
}

/**
 * A ready database of the pool `run`, claimed for this file; waits while the pool is building one.
 * Undefined when the pool will build no more (then the file builds its own).
 */
async function claimCitusDatabase(run: string, nodes: CitusNodes): Promise<string | undefined> {
  for (;;) {
    const claimed = await underPoolLock(nodes.coordinator, run, async (c) => {
      const ready = (await poolDatabases(c, run)).find((d) => d.state === 'ready');
      if (ready) await markAs(c, ready.name, run, 'claimed');
      return ready?.name;
    });
    if (claimed) return claimed;
    const building = await onNode(nodes.coordinator, async (c) => {
      const { rows } = await c.query<{ held: boolean }>(
        `select exists (select from pg_locks where locktype = 'advisory' and granted and objsubid = 2
                          and classid = $1::int4::oid and objid = hashtext($2)::oid) as held`,
        [POOL_WILLING, run],
      );
      return rows[0]!.held;
    });
    if (!building) return undefined;
    await sleep(300);
  }
}

/** createTestDatabase's Citus counterpart (test/support/db.ts calls it when TEST_CITUS=1). */
export async function createCitusTestDatabase(options: { pool?: string } = {}): Promise<TestDatabase> {
  const nodes = citusNodes();
  const name = options.pool ? await claimCitusDatabase(options.pool, nodes) : undefined;
  if (name) {
    const run = options.pool!;
    // Handed back to the pool, which drops it while the next file runs.
    const handBack = () =>
      underPoolLock(nodes.coordinator, run, (c) => markAs(c, name, run, 'used')).then(
        () => {},
        () => dropEverywhere(nodes, name),
      );
    return testDatabaseOn('server', withDatabase(nodes.coordinator, name), handBack);
  }
  const { url, drop } = await createCitusDatabase({ nodes });
  return testDatabaseOn('server', url, drop);
}
