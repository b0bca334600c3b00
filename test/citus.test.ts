// app_private.distribute() and what it leaves behind. On a plain server and the embedded engine it
// is a no-op ({"citus": false}); on a Citus cluster (TEST_CITUS=1, test/support/citus.ts) the
// harness has already run it, and this file checks the plan of docs/scale-out.md from the catalog:
// every person table of schema app co-located with app.users, the shared tables on every node,
// nothing in schema app left local, forced row-level security and the policies on every shard,
// partitions made later by maintenance distributed too, and a worker refusing a role mapped to an
// error that names the worker and the role.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { citusRemoteNodeError } from '../src/db/errors.ts';
import { createCitusDatabase } from './support/citus.ts';
import { CITUS, useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';

const BIN = fileURLToPath(new URL('../bin/kitchen-db.js', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `kitchen-db <args>` against `url`. */
function cli(args: string[], url: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, DATABASE_URL: url } }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const db = useTestDatabase();
const q = async <T>(sql: string, values: unknown[] = []) => (await db().pool.query(sql, values)).rows as T[];

/** Tables of schema app with a user_id column (not partitions): the person tables and the lookups. */
const personTablesSql = `
  select c.oid::regclass::text as t from pg_class c join pg_namespace s on s.oid = c.relnamespace
   where s.nspname = 'app' and c.relkind in ('r', 'p') and not c.relispartition
     and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'user_id' and not a.attisdropped)
   order by 1`;

describe.skipIf(CITUS)('distribute() without Citus', () => {
  it('does nothing and says so', async () => {
    const [r] = await q<{ r: unknown }>('select app_private.distribute() as r');
    expect(r!.r).toEqual({ citus: false });
    expect((await q<{ n: number }>(`select count(*)::int as n from pg_extension where extname = 'citus'`))[0]!.n).toBe(0);
  });

  it('kitchen-db distribute says so and exits 0', async () => {
    const r = await cli(['distribute'], db().url);
    expect(r.stderr).not.toMatch(/^kitchen-db:/m);
    expect(r.stdout).toMatch(/^no Citus on this (server|embedded engine): nothing to distribute/);
    expect(r.code).toBe(0);
    const json = await cli(['--json', 'distribute'], db().url);
    expect(JSON.parse(json.stdout)).toMatchObject({ citus: false });
    // Two CLI processes: each starts Node and compiles the CLI, slow on a busy machine.
  }, 180_000);

  it('is not executable by the application roles', async () => {
    const [r] = await q<{ ok: boolean }>(
      `select bool_or(has_function_privilege(r, 'app_private.distribute()', 'execute')) as ok
         from unnest(array['app_user', 'app_admin', 'app_worker', 'app_compliance', 'auth_service']) r`,
    );
    expect(r!.ok).toBe(false);
  });
});

describe.runIf(CITUS)('distribute() on a Citus cluster', () => {
  it('co-locates every person table with app.users and leaves nothing of schema app local', async () => {
    const rows = await q<{ t: string; method: string; col: string | null; colocated: boolean }>(`
      select p.logicalrelid::text as t, p.partmethod::text as method,
             column_to_column_name(p.logicalrelid, p.partkey) as col,
             p.colocationid = (select colocationid from pg_dist_partition where logicalrelid = 'app.users'::regclass) as colocated
        from pg_dist_partition p`);
    const byTable = new Map(rows.map((r) => [r.t, r]));
    expect(byTable.get('app.users')).toMatchObject({ method: 'h', col: 'id' });
    const lookups = await q<{ t: string }>(`
      select c.oid::regclass::text as t from pg_constraint k join pg_class c on c.oid = k.conrelid
       where k.contype = 'p' and c.relnamespace = 'app'::regnamespace and cardinality(k.conkey) = 1
         and (select attname from pg_attribute where attrelid = c.oid and attnum = k.conkey[1]) not in ('id', 'user_id')
         and exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'user_id')`);
    const lookupSet = new Set(lookups.map((l) => l.t));
    for (const { t } of await q<{ t: string }>(personTablesSql)) {
      const d = byTable.get(t);
      expect(d, `${t} is distributed`).toBeDefined();
      if (lookupSet.has(t)) expect(d, `${t} (lookup) by its own key`).toMatchObject({ method: 'h', colocated: false });
      else expect(d, `${t} by user_id, co-located with app.users`).toMatchObject({ method: 'h', col: 'user_id', colocated: true });
    }
    for (const t of ['auth."user"', 'app.recipes', 'app.recipe_search', 'app.recipe_tombstones', 'app.firmware_releases', 'app.knowledge_embeddings']) {
      const exists = (await q<{ r: string | null }>('select to_regclass($1)::text as r', [t]))[0]!.r;
      if (exists) expect(byTable.get(t), `${t} is a reference table`).toMatchObject({ method: 'n' });
    }
    const local = await q<{ t: string }>(`
      select c.oid::regclass::text as t from pg_class c
       where c.relnamespace = 'app'::regnamespace and c.relkind in ('r', 'p') and not c.relispartition
         and not exists (select from pg_dist_partition p where p.logicalrelid = c.oid)`);
    expect(local).toEqual([]);
    // pg-boss and app_private stay on the coordinator.
    const central = await q<{ t: string }>(`
      select p.logicalrelid::text as t from pg_dist_partition p join pg_class c on c.oid = p.logicalrelid
       where c.relnamespace in ('app_private'::regnamespace, 'pgboss'::regnamespace)`);
    expect(central).toEqual([]);
  });

  it('is idempotent', async () => {
    const [before] = await q<{ n: number }>('select count(*)::int as n from pg_dist_partition');
    const [r] = await q<{ r: { citus: boolean; converted?: unknown[]; already: number } }>('select app_private.distribute() as r');
    expect(r!.r).toMatchObject({ citus: true, converted: [] });
    expect(r!.r.already).toBeGreaterThan(10);
    expect((await q<{ n: number }>('select count(*)::int as n from pg_dist_partition'))[0]!.n).toBe(before!.n);
  });

  it('kitchen-db distribute reports that everything is distributed already', async () => {
    const r = await cli(['distribute'], db().url);
    expect(r.stdout).toMatch(/^already distributed: \d+ table\(s\), nothing to do$/m);
    // The engine line tells a DBA they are on a coordinator, not a single server.
    expect(r.stderr).toMatch(/^engine: native PostgreSQL \d+\.\d+ with Citus \d+\.\d+\S* \(a coordinator\) at /m);
    expect(r.code).toBe(0);
  }, 180_000);

  it('kitchen-db distribute copies existing rows into the shards without firing their triggers', async () => {
    // A database with data, migrated but not yet distributed: what a DBA moving to Citus has. The
    // enqueue triggers would fail on a worker (pg-boss lives on the coordinator) and would enqueue
    // every existing row again: distribute() pauses them while Citus copies the rows.
    const fresh = await createCitusDatabase({ distribute: false });
    const pool = new pg.Pool({ connectionString: fresh.url, max: 2 });
    try {
      const person = await createPerson(pool);
      await pool.query(`insert into app.meal_logs (user_id, meal_time, meal_type, notes) values ($1, now(), 'lunch', 'soup'), ($1, now(), 'dinner', 'rice')`, [person.id]);
      const jobs = async () => Number((await pool.query('select count(*) as n from pgboss.job')).rows[0].n);
      const jobsBefore = await jobs();
      const r = await cli(['distribute'], fresh.url);
      expect(r.stderr).not.toMatch(/^kitchen-db:/m);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^distributed by user_id, co-located with app\.users \(\d+\): app\.users, /m);
      expect(r.stdout).toMatch(/^reference tables \(\d+\): auth\."user", app\.recipes/m);
      // Two statements: Citus does not join a distributed table with the catalog.
      const [m] = (await pool.query('select count(*)::int as n from app.meal_logs where user_id = $1', [person.id])).rows;
      expect(m.n).toBe(2);
      const [d] = (await pool.query(`select count(*)::int as n from pg_dist_partition where logicalrelid = 'app.meal_logs'::regclass`)).rows;
      expect(d.n).toBe(1);
      expect(await jobs()).toBe(jobsBefore);
      const [t] = (await pool.query(`select count(*)::int as n from pg_trigger where tgrelid = 'app.meal_logs'::regclass and not tgisinternal and tgenabled = 'D'`)).rows;
      expect(t.n, 'triggers enabled again').toBe(0);
    } finally {
      await pool.end();
      await fresh.drop();
    }
    // A second database on three nodes, migrated and distributed: minutes on a busy 2-core machine.
  }, 300_000);

  it('forces row-level security and keeps every policy on every shard of every person table', async () => {
    for (const { t } of await q<{ t: string }>(personTablesSql)) {
      const [expected] = await q<{ n: number }>('select count(*)::int as n from pg_policy where polrelid = $1::regclass', [t]);
      expect(expected!.n, `${t} has policies`).toBeGreaterThan(0);
      const shards = await q<{ shardid: string; success: boolean; result: string }>(
        `select shardid::text, success, result from run_command_on_shards($1,
           $cmd$select (c.relforcerowsecurity and c.relrowsecurity)::text || '/' || (select count(*) from pg_policy p where p.polrelid = c.oid)
                  from pg_class c where c.oid = '%s'::regclass$cmd$)`,
        [t],
      );
      expect(shards.length, `${t} has shards`).toBeGreaterThan(0);
      for (const s of shards) expect(s, `${t} shard ${s.shardid}`).toMatchObject({ success: true, result: `true/${expected!.n}` });
    }
  });

  it('distributes the partitions that maintenance makes later, with their policies', async () => {
    const result = await db().kdb.asWorker((w) => w.telemetry.maintainPartitions());
    expect(result.busy).toBe(false);
    const parts = await q<{ t: string; distributed: boolean }>(`
      select i.inhrelid::regclass::text as t, exists (select from pg_dist_partition p where p.logicalrelid = i.inhrelid) as distributed
        from pg_inherits i where i.inhparent = 'app.telemetry_events'::regclass`);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p, p.t).toMatchObject({ distributed: true });
    // A month far ahead, made now: distributed, with the parent's policies on its shards.
    const [made] = await q<{ r: { tables: { created: { partition: string }[] }[] } }>(
      `select app_private.maintain_partitions(now() + interval '3 years', 'app.telemetry_events'::regclass) as r`,
    );
    const created = made!.r.tables.flatMap((t) => t.created.map((c) => c.partition));
    expect(created.length).toBeGreaterThan(0);
    for (const part of created) {
      const [d] = await q<{ n: number }>('select count(*)::int as n from pg_dist_shard where logicalrelid = $1::regclass', [part]);
      expect(d!.n, `${part} has shards`).toBeGreaterThan(0);
      const shards = await q<{ result: string }>(
        `select result from run_command_on_shards($1, $cmd$select count(*) from pg_policy where polrelid = '%s'::regclass$cmd$)`,
        [part],
      );
      for (const s of shards) expect(Number(s.result), `${part}: policies on the shard`).toBeGreaterThan(0);
    }
  });

  it('names the worker and the role when a worker refuses the coordinator', async () => {
    const role = `kdb_nologin_${randomBytes(3).toString('hex')}`;
    // BYPASSRLS so that the query must reach every shard (a role without a policy would read nothing
    // and Citus could answer without a worker).
    await q(`create role ${role} nologin bypassrls`);
    try {
      await q(`grant usage on schema app to ${role}`);
      await q(`grant select on app.meal_logs to ${role}`);
      const client = await db().pool.connect();
      let caught: unknown;
      try {
        await client.query('begin');
        await client.query(`set local role ${role}`);
        await client.query('select count(*) from app.meal_logs');
      } catch (error) {
        caught = error;
      } finally {
        await client.query('rollback').catch(() => {});
        client.release();
      }
      const mapped = citusRemoteNodeError(caught);
      expect(mapped, String(caught)).toBeDefined();
      expect(mapped!.message).toContain(`as role ${role}`);
      expect(mapped!.message).toMatch(/not permitted to log in/);
      expect(mapped!.message).toContain('LOGIN on every node');
    } finally {
      await q(`revoke all on app.meal_logs from ${role}`);
      await q(`revoke all on schema app from ${role}`);
      await q(`drop role ${role}`);
    }
  });
});
