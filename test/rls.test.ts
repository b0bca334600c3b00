// Row-level security (issue 4), proven from the catalog.
//
// The person tables are not listed by hand: every table of app / app_private / auth with a
// `user_id` column (partitions included), plus app.users (keyed on its own id), is read from
// pg_catalog. Each one gets rows for two people A and B from FIXTURES below, then the tests prove
// what A can and cannot do to B's rows, what happens without a person context, and what the other
// roles (the table owner, app_admin, app_compliance) may do. A table added next year with a
// user_id column makes the coverage test fail until it has a fixture builder here.
import { createHash, randomUUID } from 'node:crypto';
import type pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { withTransaction, withUser, type DbClient } from '../src/db/context.ts';
import { OWNER_ROLE } from '../src/db/migrate.ts';
import { createPool } from '../src/db/pool.ts';
import { CITUS } from './support/citus.ts';
import { engine, useTestDatabase } from './support/db.ts';
import { createPerson, type Person } from './support/fixtures.ts';

const db = useTestDatabase();
/**
 * The time allowed to the tests that run statements without a person's key on every person table:
 * on a Citus cluster each such statement visits every shard of the table (32 by default), one
 * after another in the test's transaction, which takes minutes on a loaded machine, not seconds.
 */
const EVERY_SHARD = CITUS ? 300_000 : undefined;

// ---------------------------------------------------------------------------------------------
// Fixture builders: one per person-owned table (the root table for partitions).
//
// A builder returns the column values of ONE row of its table for `person`, without inserting it.
// It may insert the parent rows that row needs (as the superuser: `pool` bypasses RLS), always
// owned by the same person. The harness inserts the returned row (as the superuser for fixtures,
// as person A for the attacks). For a partition, `at` is a partition-key value inside that
// partition's bounds: use it for the key column so the row lands there.
// ---------------------------------------------------------------------------------------------
type Values = Record<string, unknown>;
interface FixtureContext {
  pool: pg.Pool;
  person: Person;
  /** The relation the row is meant for: the table itself or one of its partitions. */
  target: string;
  /** For a partition: a value of the partition key inside its bounds (ISO text); else undefined. */
  at: string | undefined;
}
type Builder = (ctx: FixtureContext) => Promise<Values>;

let seq = 0;
const next = () => ++seq;
const vector = (dims: number) => `[${Array.from({ length: dims }, (_, i) => ((i % 7) + 1) / 100).join(',')}]`;

async function recipe(pool: pg.Pool): Promise<string> {
  const row = await insertRow(pool, 'app.recipes', {
    name: `Dal ${next()}`,
    category: 'curry',
    recipe_data: { stages: [{ name: 'simmer', temp_target: 95, duration_seconds: 600 }] },
    difficulty: 'easy',
    time_minutes: 30,
    is_published: true,
  });
  return row.id as string;
}
async function appliance(pool: pg.Pool, person: Person): Promise<string> {
  const n = next();
  const row = await insertRow(pool, 'app.appliances', { user_id: person.id, device_id: `dev-${n}-${randomUUID()}`, serial_number: `SN-${n}-${randomUUID()}` });
  return row.id as string;
}

const FIXTURES: Record<string, Builder> = {
  // Keyed on id: the row already exists (createPerson); the spare row is a duplicate that only
  // serves as "a row with B's key" in the attacks (app_user has no INSERT on users at all).
  'app.users': async ({ person }) => ({ id: person.id, auth_id: person.authId, email: person.email, name: person.name }),
  'app.user_preferences': async ({ person }) => ({ user_id: person.id, diet: 'vegetarian', spice_level: 4 }),
  'app.user_goals': async ({ person }) => ({ user_id: person.id, goal_type: 'maintain', target_calories: 2000, is_active: false }),
  'app.push_tokens': async ({ person }) => ({ user_id: person.id, platform: 'ios', token: `tok-${next()}-${randomUUID()}` }),
  'app.meal_logs': async ({ person }) => ({
    user_id: person.id,
    meal_time: new Date(Date.now() - next() * 60_000).toISOString(),
    meal_type: 'lunch',
    nutrition_totals: { calories: 520, protein_g: 20 },
  }),
  'app.meal_foods': async ({ pool, person }) => {
    const meal = await insertRow(pool, 'app.meal_logs', { user_id: person.id, meal_time: new Date().toISOString(), meal_type: 'dinner' });
    return { meal_log_id: meal.id, user_id: person.id, name: 'Dal', quantity: 1, unit: 'bowl', nutrition: { calories: 250 } };
  },
  'app.conversations': async ({ person }) => ({ user_id: person.id, title: `Chat ${next()}` }),
  'app.messages': async ({ pool, person }) => {
    const conversation = await insertRow(pool, 'app.conversations', { user_id: person.id });
    return { conversation_id: conversation.id, user_id: person.id, role: 'user', content: 'How much protein is in dal?' };
  },
  // The source must be a meal log of the same person (trigger embeddings_check_source_*).
  'app.embeddings': async ({ pool, person }) => ({
    user_id: person.id,
    source_kind: 'meal_log',
    source_id: (await insertRow(pool, 'app.meal_logs', { user_id: person.id, meal_time: new Date().toISOString(), meal_type: 'snack' })).id,
    content: 'lunch: dal and rice',
    embedding: vector(1536),
    model: 'test-embedding',
  }),
  // Written only by the triggers (as the owner); app_user has no grant on it.
  'app.job_outbox': async ({ person }) => {
    const id = randomUUID();
    return { user_id: person.id, queue: 'assistant.embed', data: { kind: 'message', id }, singleton_key: `message:${id}` };
  },
  'app.api_usage': async ({ person }) => ({ user_id: person.id, provider: 'openai', model: 'gpt-test', input_tokens: 12, output_tokens: 34, cost_usd: 0.001 }),
  'app.daily_nutrition': async ({ person }) => ({ user_id: person.id, day: `2020-${dayOfYear(next())}`, meal_count: 1, calories: 500 }),
  'app.daily_ai_cost': async ({ person }) => ({
    user_id: person.id,
    day: `2020-${dayOfYear(next())}`,
    provider: 'openai',
    model: 'gpt-test',
    requests: 1,
    input_tokens: 10,
    output_tokens: 20,
    cost_usd: 0.002,
  }),
  'app.appliances': async ({ person }) => {
    const n = next();
    return { user_id: person.id, device_id: `dev-${n}-${randomUUID()}`, serial_number: `SN-${n}-${randomUUID()}`, status: 'online' };
  },
  // The global keys' lookup tables (issue 17): written only by SECURITY DEFINER functions, app_user
  // has no privilege on them; a row names a key of its person.
  'app.person_emails': async ({ person }) => ({ email: `lookup-${next()}-${randomUUID()}@example.test`, user_id: person.id }),
  'app.person_auth_ids': async ({ person }) => ({ auth_id: `auth-lookup-${next()}-${randomUUID()}`, user_id: person.id }),
  'app.push_token_owners': async ({ person }) => ({ token_sha256: `\\x${createHash('sha256').update(`tok-lookup-${next()}-${randomUUID()}`).digest('hex')}`, user_id: person.id, push_token_id: randomUUID() }),
  'app.appliance_devices': async ({ person }) => ({ device_id: `dev-lookup-${next()}-${randomUUID()}`, user_id: person.id, appliance_id: randomUUID() }),
  'app.appliance_serials': async ({ person }) => ({ serial_number: `SN-lookup-${next()}-${randomUUID()}`, user_id: person.id, appliance_id: randomUUID() }),
  'app.cooking_sessions': async ({ pool, person }) => ({
    user_id: person.id,
    appliance_id: await appliance(pool, person),
    recipe_id: await recipe(pool),
    status: 'completed',
    user_rating: 5,
  }),
  'app.telemetry_events': async ({ pool, person, at }) => ({
    appliance_id: await appliance(pool, person),
    user_id: person.id,
    event_type: 'temperature',
    payload: { celsius: 92.5 },
    recorded_at: at ?? new Date().toISOString(),
  }),
};

/** A distinct MM-DD of a non-leap year for the n-th call (daily tables have (user_id, day) keys). */
function dayOfYear(n: number): string {
  const d = new Date(Date.UTC(2019, 0, 1) + (n % 365) * 86_400_000);
  return `${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------
type Queryable = Pick<pg.Pool, 'query'> | DbClient;

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** Objects go to jsonb as JSON text; everything else as node-postgres sends it. */
const param = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? JSON.stringify(v) : v);

/**
 * The INSERT of one row. No RETURNING unless asked: RETURNING also applies the SELECT policies to
 * the new row, which would hide a too-permissive INSERT policy behind the SELECT one.
 */
function insertSql(table: string, values: Values, returning = false): { text: string; values: unknown[] } {
  const cols = Object.keys(values);
  return {
    text: `insert into ${table} (${cols.map(ident).join(', ')}) values (${cols.map((_, i) => `$${i + 1}`).join(', ')})${returning ? ' returning *' : ''}`,
    values: cols.map((c) => param(values[c])),
  };
}

async function insertRow(q: Queryable, table: string, values: Values): Promise<Record<string, unknown>> {
  const { text, values: params } = insertSql(table, values, true);
  const { rows } = await q.query(text, params);
  return rows[0] as Record<string, unknown>;
}

type Outcome = { ok: true; rowCount: number; rows: Record<string, unknown>[] } | { ok: false; code: string; message: string };

/**
 * Runs one statement inside a savepoint of the caller's transaction, so a failure does not abort
 * the transaction. `rollback: true` undoes the statement even when it succeeds (probes).
 */
async function attempt(c: DbClient, text: string, params: unknown[] = [], options: { rollback?: boolean } = {}): Promise<Outcome> {
  await c.query('savepoint probe');
  try {
    const r = await c.query(text, params);
    await c.query(options.rollback ? 'rollback to savepoint probe' : 'release savepoint probe');
    return { ok: true, rowCount: r.rowCount ?? 0, rows: r.rows };
  } catch (error) {
    await c.query('rollback to savepoint probe');
    const e = error as { code?: string; message?: string };
    return { ok: false, code: e.code ?? '?', message: e.message ?? String(error) };
  }
}
const show = (o: Outcome) => (o.ok ? `${o.rowCount} row(s)` : `error ${o.code}: ${o.message}`);
const denied = (o: Outcome): o is Extract<Outcome, { ok: false }> => !o.ok && o.code === '42501';
/** Citus: "modifying the partition value of rows is not allowed" (an UPDATE of the distribution column). */
const movedAcrossShards = (o: Outcome) => !o.ok && o.code === '0A000' && /partition value/.test(o.message);

interface PersonTable {
  /** Schema-qualified, quoted where needed: app.meal_logs, app.telemetry_events_2026_11. */
  name: string;
  /** The table whose fixture builder serves it (itself, or the partition root). */
  root: string;
  isPartition: boolean;
  /** 'user_id', or 'id' for app.users. */
  key: string;
  /** Partition-key value inside a partition's bounds. */
  at: string | undefined;
  owner: string;
  /** app_user's privileges on this relation. */
  userCan: { select: boolean; insert: boolean; update: boolean; delete: boolean };
  /** A column app_user may UPDATE (the key when allowed), for `set col = col` probes. */
  updatable: string | undefined;
}

/** Every table of app/app_private/auth with a user_id column (partitions included), and app.users. */
async function personTables(pool: pg.Pool): Promise<PersonTable[]> {
  const { rows } = await pool.query<{
    name: string;
    root: string;
    is_partition: boolean;
    bound: string | null;
    parent: string | null;
    key: string;
    owner: string;
    sel: boolean;
    ins: boolean;
    upd: boolean;
    del: boolean;
    updatable: string | null;
  }>(`
    select format('%I.%I', n.nspname, c.relname) as name,
           coalesce((select format('%I.%I', rn.nspname, rc.relname)
                       from pg_class rc join pg_namespace rn on rn.oid = rc.relnamespace
                      where rc.oid = pg_partition_root(c.oid)),
                    format('%I.%I', n.nspname, c.relname)) as root,
           c.relispartition as is_partition,
           pg_get_expr(c.relpartbound, c.oid) as bound,
           (select i.inhparent::text from pg_inherits i where i.inhrelid = c.oid) as parent,
           k.key,
           pg_get_userbyid(c.relowner) as owner,
           has_table_privilege('app_user', c.oid, 'SELECT') as sel,
           has_table_privilege('app_user', c.oid, 'INSERT') as ins,
           has_any_column_privilege('app_user', c.oid, 'UPDATE') as upd,
           has_table_privilege('app_user', c.oid, 'DELETE') as del,
           (select a.attname from pg_attribute a
             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
               and has_column_privilege('app_user', c.oid, a.attnum, 'UPDATE')
             order by a.attname = k.key desc, a.attnum limit 1) as updatable
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      cross join lateral (select case when c.oid = 'app.users'::regclass then 'id' else 'user_id' end as key) k
     where c.relkind in ('r', 'p')
       and n.nspname in ('app', 'app_private', 'auth')
       and (c.oid = 'app.users'::regclass
            or exists (select from pg_attribute a where a.attrelid = c.oid and a.attname = 'user_id' and a.attnum > 0 and not a.attisdropped))
     order by c.relispartition, 1`);
  const out: PersonTable[] = [];
  for (const r of rows) {
    out.push({
      name: r.name,
      root: r.root,
      isPartition: r.is_partition,
      key: r.key,
      at: r.is_partition ? await pointInPartition(pool, r.bound ?? '', r.parent!) : undefined,
      owner: r.owner,
      userCan: { select: r.sel, insert: r.ins, update: r.upd, delete: r.del },
      updatable: r.updatable ?? undefined,
    });
  }
  return out;
}

/**
 * A partition-key value inside a range partition: its lower bound; for the DEFAULT partition, a
 * day below every sibling's lower bound. (Range partitions on a timestamp, as telemetry; another
 * scheme shows up as "row did not land in the partition" in the fixture check.)
 */
async function pointInPartition(pool: pg.Pool, bound: string, parent: string): Promise<string | undefined> {
  const from = /FOR VALUES FROM \('([^']+)'\)/.exec(bound)?.[1];
  if (from) return from;
  if (bound !== 'DEFAULT') return undefined;
  const { rows } = await pool.query<{ at: string | null }>(
    `select (min((regexp_match(pg_get_expr(c.relpartbound, c.oid), $$FROM \\('([^']+)'\\)$$))[1]::timestamptz) - interval '1 day')::text as at
       from pg_inherits i join pg_class c on c.oid = i.inhrelid
      where i.inhparent = $1::oid`,
    [parent],
  );
  return rows[0]?.at ?? new Date().toISOString();
}

interface Snapshot {
  count: number;
  md5: string;
}
/** A person's rows of one relation, read as the superuser: count and a checksum of their text. */
async function snapshot(q: Queryable, t: PersonTable, id: string): Promise<Snapshot> {
  const { rows } = await q.query<{ count: number; md5: string }>(
    `select count(*)::int as count, md5(coalesce(string_agg(r::text, E'\\n' order by r::text), '')) as md5
       from ${t.name} r where ${ident(t.key)} = $1`,
    [id],
  );
  return rows[0]!;
}

// ---------------------------------------------------------------------------------------------
// Fixtures: A and B each own at least one row of every person table and partition.
// ---------------------------------------------------------------------------------------------
let tables: PersonTable[] = [];
let covered: PersonTable[] = [];
let A: Person;
let B: Person;
/** Rows built (parents inserted) but not inserted: spare[table].A / .B. */
const spare = new Map<string, { A: Values; B: Values }>();
/** B's rows per table right after the fixtures, and A's count. */
const before = new Map<string, Snapshot>();
const fixtureProblems: string[] = [];

beforeAll(async () => {
  const pool = db().pool;
  tables = await personTables(pool);
  covered = tables.filter((t) => FIXTURES[t.root]);
  A = await createPerson(pool);
  B = await createPerson(pool);
  const build = async (t: PersonTable, person: Person) => {
    try {
      return await FIXTURES[t.root]!({ pool, person, target: t.name, at: t.at });
    } catch (error) {
      throw new Error(`the fixture builder FIXTURES['${t.root}'] in test/rls.test.ts failed for ${t.name}: ${(error as Error).message}`, { cause: error });
    }
  };
  for (const person of [A, B]) {
    for (const t of covered) {
      if ((await snapshot(pool, t, person.id)).count > 0) continue;
      // Through the root, so partition routing is exercised; then the row must be in t itself.
      const values = await build(t, person);
      try {
        await insertRow(pool, t.root, values);
      } catch (error) {
        throw new Error(`inserting the row of FIXTURES['${t.root}'] (for ${t.name}) failed: ${(error as Error).message}`, { cause: error });
      }
      if ((await snapshot(pool, t, person.id)).count === 0) {
        fixtureProblems.push(`${t.name}: the row built by FIXTURES['${t.root}'] (at=${t.at}) did not land in it — give the builder a partition-key value inside its bounds`);
      }
    }
  }
  for (const t of covered) spare.set(t.name, { A: await build(t, A), B: await build(t, B) });
  // A knowledge-base chunk (app.knowledge_embeddings, no owner): shared, readable by everyone.
  await insertRow(pool, 'app.knowledge_embeddings', { source_id: randomUUID(), content: 'Lentils are rich in protein.', embedding: vector(1536), model: 'test-embedding' });
  for (const t of covered) before.set(t.name, await snapshot(pool, t, B.id));
});

/** Rows per relation now (superuser): all of them, and A's. */
async function counts(): Promise<Map<string, { all: number; A: number }>> {
  const out = new Map<string, { all: number; A: number }>();
  for (const t of covered) {
    const { rows } = await db().pool.query<{ all: number; a: number }>(
      `select count(*)::int as all, count(*) filter (where ${ident(t.key)} = $1)::int as a from ${t.name}`,
      [A.id],
    );
    out.set(t.name, { all: rows[0]!.all, A: rows[0]!.a });
  }
  return out;
}

/** Runs `fn` in one transaction as person A (app_user, app.user_id = A). */
const asA = <T>(fn: (c: DbClient) => Promise<T>) => withUser(db().pool, A.id, fn);

describe('person tables, from the catalog', () => {
  it('lists every table with user_id, partitions included, and app.users', () => {
    const names = tables.map((t) => t.name);
    for (const known of ['app.users', 'app.user_preferences', 'app.meal_logs', 'app.meal_foods', 'app.messages', 'app.embeddings', 'app.telemetry_events', 'app.telemetry_events_default']) {
      expect(names).toContain(known);
    }
    expect(tables.filter((t) => t.root === 'app.telemetry_events' && t.isPartition).length).toBeGreaterThanOrEqual(3);
    expect(tables.find((t) => t.name === 'app.users')?.key).toBe('id');
  });

  it('has a fixture builder for every one of them (a new person table must be added to FIXTURES)', () => {
    const missing = [...new Set(tables.filter((t) => !FIXTURES[t.root]).map((t) => t.root))];
    const message = missing
      .map(
        (root) =>
          `${root} has a user_id column but no fixture builder: add to FIXTURES in test/rls.test.ts\n` +
          `  '${root}': async ({ pool, person, at }) => ({ user_id: person.id, /* the NOT NULL columns of one valid row */ }),\n` +
          `  (insert its parent rows for the same person with insertRow(pool, …) first; use \`at\` for the partition key if it is partitioned).\n` +
          `  If the column does not mean "this row belongs to that person" (e.g. an audit log's subject), name it differently.`,
      )
      .join('\n');
    expect(missing, message).toEqual([]);
    expect(fixtureProblems).toEqual([]);
    for (const t of covered) expect(before.get(t.name)?.count, `${t.name} has no fixture row for B`).toBeGreaterThan(0);
  });

  it('forces row-level security with app_user policies for SELECT/INSERT/UPDATE/DELETE keyed on the person', async () => {
    const { rows } = await db().pool.query<{
      name: string;
      enabled: boolean;
      forced: boolean;
      policies: { name: string; cmd: string; permissive: boolean; roles: string[]; using: string | null; check: string | null }[];
    }>(`
      select format('%I.%I', n.nspname, c.relname) as name, c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
             coalesce(json_agg(json_build_object(
               'name', p.polname, 'cmd', p.polcmd, 'permissive', p.polpermissive,
               'roles', (select array_agg(case when r = 0 then 'public' else pg_get_userbyid(r) end) from unnest(p.polroles) r),
               'using', pg_get_expr(p.polqual, p.polrelid), 'check', pg_get_expr(p.polwithcheck, p.polrelid)))
               filter (where p.oid is not null), '[]') as policies
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        left join pg_policy p on p.polrelid = c.oid
       where format('%I.%I', n.nspname, c.relname) = any($1)
       group by 1, 2, 3`,
      [tables.map((t) => t.name)],
    );
    const problems: string[] = [];
    const commands = { r: 'SELECT', a: 'INSERT', w: 'UPDATE', d: 'DELETE' } as const;
    for (const t of tables) {
      const r = rows.find((x) => x.name === t.name)!;
      if (!r.enabled || !r.forced) problems.push(`${t.name}: row-level security ${r.enabled ? '' : 'not enabled '}${r.forced ? '' : 'not forced'} — call app_private.enable_person_rls('${t.name}')`);
      const forUser = r.policies.filter((p) => p.roles.includes('app_user') || p.roles.includes('public'));
      // The person context: app.current_user_id(), or its expression written out (000010).
      const person = (expr: string) => expr.includes('app.current_user_id()') || expr.includes("current_setting('app.user_id'::text, true)");
      const keyed = (expr: string | null) => expr !== null && person(expr) && expr.includes(t.key);
      for (const p of forUser) {
        // Any policy app_user gets must be keyed on the person: a USING (true) would open every row.
        for (const expr of [p.using, p.check]) {
          if (expr !== null && !person(expr)) problems.push(`${t.name}: policy ${p.name} applies to app_user but does not test the person context: ${expr}`);
        }
      }
      for (const [cmd, label] of Object.entries(commands)) {
        const ps = forUser.filter((p) => p.permissive && (p.cmd === cmd || p.cmd === '*'));
        const ok = ps.some((p) => {
          if (cmd === 'a') return keyed(p.check);
          if (cmd === 'w') return keyed(p.using) && (p.check === null || keyed(p.check));
          return keyed(p.using);
        });
        if (!ok) problems.push(`${t.name}: no ${label} policy for app_user keyed on ${t.key} = the person context — call app_private.enable_person_rls('${t.name}')`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('person A against person B, in every person table', () => {
  it('A sees all of their own rows and none of B\'s (tables and partitions directly)', async () => {
    const problems: string[] = [];
    const n = await counts();
    await asA(async (c) => {
      for (const t of covered) {
        const o = await attempt(c, `select count(*) filter (where ${ident(t.key)} = $1)::int as mine,
                                           count(*) filter (where ${ident(t.key)} <> $1)::int as others from ${t.name}`, [A.id]);
        if (!t.userCan.select) {
          if (!denied(o)) problems.push(`${t.name}: app_user has no SELECT, expected 42501, got ${show(o)}`);
          continue;
        }
        if (!o.ok) problems.push(`${t.name}: select failed: ${show(o)}`);
        else {
          if (o.rows[0]!.others !== 0) problems.push(`${t.name}: A sees ${o.rows[0]!.others} row(s) of other people`);
          if (o.rows[0]!.mine !== n.get(t.name)!.A) problems.push(`${t.name}: A sees ${o.rows[0]!.mine} of their ${n.get(t.name)!.A} row(s)`);
        }
        const direct = await attempt(c, `select 1 from ${t.name} where ${ident(t.key)} = $1`, [B.id]);
        if (direct.ok && direct.rowCount > 0) problems.push(`${t.name}: A reads B's rows by id`);
      }
    });
    expect(problems).toEqual([]);
  });

  it('A cannot insert a row with B\'s user_id (42501), though A may insert their own', async () => {
    const problems: string[] = [];
    await asA(async (c) => {
      for (const t of covered) {
        const theirs = insertSql(t.name, spare.get(t.name)!.B);
        const o = await attempt(c, theirs.text, theirs.values);
        if (!denied(o)) problems.push(`${t.name}: inserting a row of B: expected 42501, got ${show(o)}`);
        else if (t.userCan.insert && !/row-level security/.test(o.message)) problems.push(`${t.name}: refused, but not by row-level security: ${o.message}`);
        if (t.userCan.insert && !t.isPartition) {
          // Control: the same kind of row for A passes the policy (unique keys may still refuse it).
          const mine = insertSql(t.name, spare.get(t.name)!.A);
          const m = await attempt(c, mine.text, mine.values, { rollback: true });
          if (denied(m)) problems.push(`${t.name}: A cannot insert their own row either: ${show(m)}`);
        }
      }
    });
    expect(problems).toEqual([]);
  });

  it('refuses such an insert through the access layer with a ForbiddenError', async () => {
    const row = insertSql('app.meal_logs', spare.get('app.meal_logs')!.B);
    await expect(asA((c) => c.query(row.text, row.values))).rejects.toMatchObject({ name: 'ForbiddenError', rule: 'row_level_security' });
  });

  it('A cannot update or delete B\'s rows (0 rows affected), nor give their own rows to B', async () => {
    const problems: string[] = [];
    const n = await counts();
    await asA(async (c) => {
      for (const t of covered) {
        const col = t.updatable ? ident(t.updatable) : ident(t.key);
        const up = await attempt(c, `update ${t.name} set ${col} = ${col} where ${ident(t.key)} = $1`, [B.id]);
        if (!(up.ok ? up.rowCount === 0 : denied(up))) problems.push(`${t.name}: update of B's rows: ${show(up)}`);
        const all = await attempt(c, `update ${t.name} set ${col} = ${col}`, [], { rollback: true });
        if (all.ok && all.rowCount !== n.get(t.name)!.A) problems.push(`${t.name}: an unfiltered update touched ${all.rowCount} row(s), A owns ${n.get(t.name)!.A}`);
        if (!all.ok && !denied(all)) problems.push(`${t.name}: unfiltered update: ${show(all)}`);
        if (t.userCan.update && !all.ok && !t.isPartition) problems.push(`${t.name}: app_user may update but cannot update its own rows: ${show(all)}`);
        const give = await attempt(c, `update ${t.name} set ${ident(t.key)} = $1 where ${ident(t.key)} = $2`, [B.id, A.id], { rollback: true });
        // Citus refuses any change of the distribution column (0A000) before a policy is asked.
        if (!(denied(give) || (CITUS && movedAcrossShards(give)))) problems.push(`${t.name}: moving A's rows to B: expected 42501, got ${show(give)}`);
        const del = await attempt(c, `delete from ${t.name} where ${ident(t.key)} = $1`, [B.id]);
        if (!(del.ok ? del.rowCount === 0 : denied(del))) problems.push(`${t.name}: delete of B's rows: ${show(del)}`);
        const delAll = await attempt(c, `delete from ${t.name}`, [], { rollback: true });
        if (delAll.ok && delAll.rowCount !== n.get(t.name)!.A) problems.push(`${t.name}: an unfiltered delete removed ${delAll.rowCount} row(s), A owns ${n.get(t.name)!.A}`);
      }
    });
    expect(problems).toEqual([]);
  }, EVERY_SHARD);

  it('without a person context app_user sees nothing and writes nothing (fail closed)', async () => {
    const problems: string[] = [];
    for (const setting of [undefined, '']) {
      await withTransaction(db().pool, { role: 'app_user' }, async (c) => {
        if (setting !== undefined) await c.query(`select set_config('app.user_id', $1, true)`, [setting]);
        const label = setting === undefined ? 'no app.user_id' : `app.user_id = '${setting}'`;
        for (const t of covered) {
          const sel = await attempt(c, `select count(*)::int as n from ${t.name} where ${ident(t.key)} is not null`);
          if (!(sel.ok ? sel.rows[0]!.n === 0 : denied(sel))) problems.push(`${t.name} (${label}): select: ${sel.ok ? `${sel.rows[0]!.n} row(s) visible` : show(sel)}`);
          const row = insertSql(t.name, spare.get(t.name)!.A);
          const ins = await attempt(c, row.text, row.values, { rollback: true });
          if (!denied(ins)) problems.push(`${t.name} (${label}): insert: expected 42501, got ${show(ins)}`);
          const col = t.updatable ? ident(t.updatable) : ident(t.key);
          const up = await attempt(c, `update ${t.name} set ${col} = ${col}`, [], { rollback: true });
          if (!(up.ok ? up.rowCount === 0 : denied(up))) problems.push(`${t.name} (${label}): update: ${show(up)}`);
          const del = await attempt(c, `delete from ${t.name}`, [], { rollback: true });
          if (!(del.ok ? del.rowCount === 0 : denied(del))) problems.push(`${t.name} (${label}): delete: ${show(del)}`);
        }
      });
    }
    expect(problems).toEqual([]);
  }, EVERY_SHARD);

  it('app.owner_access = on gives app_user nothing (the owner_access policy is for the owner only)', async () => {
    const problems: string[] = [];
    await asA(async (c) => {
      await c.query(`select set_config('app.owner_access', 'on', true)`);
      for (const t of covered) {
        const o = await attempt(c, `select count(*)::int as n from ${t.name} where ${ident(t.key)} <> $1`, [A.id]);
        if (o.ok && o.rows[0]!.n !== 0) problems.push(`${t.name}: A sees ${o.rows[0]!.n} row(s) of others with app.owner_access = on`);
      }
    });
    expect(problems).toEqual([]);
  });

  it('leaves B\'s rows untouched after all of A\'s attempts (count and checksum, read as superuser)', async () => {
    const problems: string[] = [];
    for (const t of covered) {
      const now = await snapshot(db().pool, t, B.id);
      const then = before.get(t.name)!;
      if (now.count !== then.count || now.md5 !== then.md5) problems.push(`${t.name}: B's rows changed: ${then.count} → ${now.count} row(s), ${then.md5} → ${now.md5}`);
    }
    expect(covered.length).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });
});

describe('the knowledge base and meal logs', () => {
  it('every person reads the shared knowledge base but cannot write it', async () => {
    await asA(async (c) => {
      const { rows } = await c.query(`select count(*)::int as n from app.knowledge_embeddings`);
      expect(rows[0].n).toBeGreaterThan(0);
      const ins = await attempt(c, `insert into app.knowledge_embeddings (content, embedding, model) values ('x', $1, 'm')`, [vector(1536)]);
      expect(show(ins)).toMatch(/^error 42501/);
      expect(show(await attempt(c, `update app.knowledge_embeddings set content = 'changed'`))).toMatch(/^error 42501/);
      expect(show(await attempt(c, `delete from app.knowledge_embeddings`))).toMatch(/^error 42501/);
      // No knowledge row can enter a person's table any more (user_id NOT NULL since issue 17).
      const old = await attempt(c, `insert into app.embeddings (source_kind, content, embedding, model) values ('knowledge', 'x', $1, 'm')`, [vector(1536)]);
      // Citus checks the distribution column first: 22004 "cannot perform an INSERT without a partition column value".
      expect(show(old)).toMatch(CITUS ? /^error (42501|23502|22004)/ : /^error (42501|23502)/);
    });
  });

  it('a soft-deleted meal log stays visible to its owner; app_user cannot DELETE meal logs', async () => {
    const meal = await insertRow(db().pool, 'app.meal_logs', { user_id: A.id, meal_time: new Date().toISOString(), meal_type: 'snack' });
    await asA(async (c) => {
      const r = await c.query(`update app.meal_logs set is_deleted = true where id = $1`, [meal.id]);
      expect(r.rowCount).toBe(1);
    });
    const seen = await asA((c) => c.query(`select is_deleted, deleted_at from app.meal_logs where id = $1`, [meal.id]));
    expect(seen.rows).toHaveLength(1);
    expect(seen.rows[0].is_deleted).toBe(true);
    expect(seen.rows[0].deleted_at).not.toBeNull();
    await expect(asA((c) => c.query(`delete from app.meal_logs where id = $1`, [meal.id]))).rejects.toMatchObject({ name: 'ForbiddenError' });
    const still = await db().pool.query(`select 1 from app.meal_logs where id = $1`, [meal.id]);
    expect(still.rowCount).toBe(1);
    // Undo is an update by the owner, too.
    await asA((c) => c.query(`update app.meal_logs set is_deleted = false where id = $1`, [meal.id]));
    const undone = await db().pool.query(`select is_deleted, deleted_at from app.meal_logs where id = $1`, [meal.id]);
    expect(undone.rows[0]).toEqual({ is_deleted: false, deleted_at: null });
  });
});

describe('other roles', () => {
  it('the table owner is subject to row-level security (FORCE): nothing without app.owner_access, everything with it', async () => {
    const problems: string[] = [];
    const n = await counts();
    for (const t of covered) if (t.owner !== OWNER_ROLE) problems.push(`${t.name} is owned by ${t.owner}, not ${OWNER_ROLE}`);
    const client = await db().pool.connect();
    try {
      await client.query('begin');
      await client.query(`set local role ${ident(OWNER_ROLE)}`);
      for (const t of covered) {
        const sel = await attempt(client, `select count(*)::int as n from ${t.name}`);
        if (!sel.ok || sel.rows[0]!.n !== 0) problems.push(`${t.name}: without app.owner_access the owner sees ${sel.ok ? `${sel.rows[0]!.n} row(s)` : show(sel)}`);
        const row = insertSql(t.name, spare.get(t.name)!.A);
        const ins = await attempt(client, row.text, row.values, { rollback: true });
        if (!denied(ins)) problems.push(`${t.name}: the owner inserted without app.owner_access: ${show(ins)}`);
        const up = await attempt(client, `update ${t.name} set ${ident(t.key)} = ${ident(t.key)}`, [], { rollback: true });
        if (!up.ok || up.rowCount !== 0) problems.push(`${t.name}: the owner's update: ${show(up)}`);
        const del = await attempt(client, `delete from ${t.name}`, [], { rollback: true });
        if (!del.ok || del.rowCount !== 0) problems.push(`${t.name}: the owner's delete: ${show(del)}`);
      }
      // What a SECURITY DEFINER body gets from app_private.owner_access_on() (a propagating SET LOCAL,
      // so the shards of a Citus cluster see it too).
      await client.query(`select app_private.owner_access_on()`);
      for (const t of covered) {
        const sel = await attempt(client, `select count(*)::int as n from ${t.name}`);
        if (!sel.ok || sel.rows[0]!.n !== n.get(t.name)!.all) problems.push(`${t.name}: with app.owner_access = on the owner sees ${sel.ok ? sel.rows[0]!.n : show(sel)} of ${n.get(t.name)!.all} rows`);
        const row = insertSql(t.name, spare.get(t.name)!.A);
        const ins = await attempt(client, row.text, row.values, { rollback: true });
        if (denied(ins)) problems.push(`${t.name}: the owner cannot insert even with app.owner_access = on: ${show(ins)}`);
      }
    } finally {
      await client.query('rollback').catch(() => {});
      client.release();
    }
    expect(problems).toEqual([]);
  }, EVERY_SHARD);

  it('app_compliance cannot SELECT any person table (42501)', async () => {
    const problems: string[] = [];
    await db().asCompliance(async (c) => {
      for (const t of tables) {
        const o = await attempt(c, `select 1 from ${t.name} limit 1`);
        if (!denied(o)) problems.push(`${t.name}: app_compliance got ${show(o)}`);
      }
    });
    expect(problems).toEqual([]);
  });

  it('app_user cannot read the auth schema or app_private (42501)', async () => {
    const { rows } = await db().pool.query<{ name: string }>(
      `select format('%I.%I', n.nspname, c.relname) as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('auth', 'app_private') and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f') order by 1`,
    );
    expect(rows.map((r) => r.name)).toContain('auth."user"');
    const problems: string[] = [];
    await asA(async (c) => {
      for (const { name } of rows) {
        const o = await attempt(c, `select * from ${name} limit 1`);
        if (!denied(o)) problems.push(`${name}: app_user got ${show(o)}`);
      }
      const fn = await attempt(c, `select app_private.refresh_daily_metrics($1, current_date)`, [A.id]);
      if (!denied(fn)) problems.push(`app_private.refresh_daily_metrics: app_user got ${show(fn)}`);
    });
    expect(problems).toEqual([]);
  });

  it('app_admin reads every person\'s rows but cannot insert, update or delete them', async () => {
    const problems: string[] = [];
    const n = await counts();
    // Partitions are read through their parent (new partitions get no direct grants).
    const appTables = covered.filter((t) => t.name.startsWith('app.') && !t.isPartition);
    await db().asAdmin(async (c) => {
      for (const t of appTables) {
        const sel = await attempt(c, `select count(*)::int as n from ${t.name}`);
        if (!sel.ok || sel.rows[0]!.n !== n.get(t.name)!.all) problems.push(`${t.name}: app_admin sees ${sel.ok ? sel.rows[0]!.n : show(sel)} of ${n.get(t.name)!.all} rows`);
        const row = insertSql(t.name, spare.get(t.name)!.B);
        const ins = await attempt(c, row.text, row.values, { rollback: true });
        if (!denied(ins)) problems.push(`${t.name}: app_admin inserted a person's row: ${show(ins)}`);
        const up = await attempt(c, `update ${t.name} set ${ident(t.key)} = ${ident(t.key)} where ${ident(t.key)} is not null`, [], { rollback: true });
        if (!(up.ok ? up.rowCount === 0 : denied(up))) problems.push(`${t.name}: app_admin updated people's rows: ${show(up)}`);
        const del = await attempt(c, `delete from ${t.name} where ${ident(t.key)} is not null`, [], { rollback: true });
        if (!(del.ok ? del.rowCount === 0 : denied(del))) problems.push(`${t.name}: app_admin deleted people's rows: ${show(del)}`);
      }
    });
    expect(appTables.length).toBeGreaterThan(10);
    expect(problems).toEqual([]);
  }, EVERY_SHARD);

  it('app_admin manages recipes, firmware releases and the knowledge base; app_user only reads published recipes', async () => {
    const id = await db().asAdmin(async (c) => {
      // Recipe writes go through the admin functions: on Citus a plain UPDATE of the reference table is
      // refused, and mixing plain writes (as app_admin) with the functions' (as the owner, on other
      // connections) in one transaction would deadlock on the copies' rows.
      const { rows } = await c.query(
        `select id from app.recipe_admin_create('{"name": "Admin curry", "category": "curry", "recipe_data": {"stages": [{"name": "fry"}]},
           "difficulty": "medium", "time_minutes": 40, "is_published": false}')`,
      );
      const recipeId = rows[0].id as string;
      expect((await c.query(`select id from app.recipe_admin_update($1, '{"name": "Admin curry 2"}')`, [recipeId])).rowCount).toBe(1);
      return recipeId;
    });
    // Another transaction: on Citus the reference tables' copies written by the owner (the recipe
    // functions) cannot be written by app_admin in the same transaction (25001).
    await db().asAdmin(async (c) => {
      const fw = await c.query(
        `insert into app.firmware_releases (target, version, binary_url, checksum_sha256, file_size_bytes)
         values ('cm5', '9.9.9', 'https://fw.example.test/cm5-9.9.9.bin', repeat('a', 64), 1024) returning id`,
      );
      expect((await c.query(`update app.firmware_releases set channel = 'beta' where id = $1`, [fw.rows[0].id])).rowCount).toBe(1);
      expect((await c.query(`delete from app.firmware_releases where id = $1`, [fw.rows[0].id])).rowCount).toBe(1);
      const k = await c.query(`insert into app.knowledge_embeddings (content, embedding, model) values ('Admin note', $1, 'm') returning id`, [vector(1536)]);
      expect((await c.query(`update app.knowledge_embeddings set content = 'Admin note 2' where id = $1`, [k.rows[0].id])).rowCount).toBe(1);
      expect((await c.query(`delete from app.knowledge_embeddings where id = $1`, [k.rows[0].id])).rowCount).toBe(1);
    });
    // Unpublished: invisible to people.
    expect((await asA((c) => c.query(`select 1 from app.recipes where id = $1`, [id]))).rowCount).toBe(0);
    await db().asAdmin((c) => c.query(`select id from app.recipe_admin_update($1, '{"is_published": true}')`, [id]));
    expect((await asA((c) => c.query(`select 1 from app.recipes where id = $1`, [id]))).rowCount).toBe(1);
    await asA(async (c) => {
      expect(show(await attempt(c, `update app.recipes set name = 'mine' where id = $1`, [id]))).toMatch(/^error 42501/);
      expect(show(await attempt(c, `delete from app.recipes where id = $1`, [id]))).toMatch(/^error 42501/);
      expect(show(await attempt(c, `insert into app.firmware_releases (target, version, binary_url, checksum_sha256, file_size_bytes) values ('cm5', '9.9.8', 'https://x.test/a', repeat('b', 64), 1)`))).toMatch(/^error 42501/);
      expect((await attempt(c, `select count(*) from app.firmware_releases`)).ok).toBe(true);
    });
    expect((await db().asAdmin((c) => c.query(`select app.recipe_admin_delete($1)`, [id]))).rowCount).toBe(1);
  });
});

describe('the person context on a pooled connection (pool of 1)', () => {
  const state = async (pool: pg.Pool) =>
    (await pool.query(`select app.current_user_id() as id, current_user as role, current_setting('app.owner_access', true) as owner_access`)).rows[0];

  it('never leaks after an error inside the transaction', async () => {
    const pool = await createPool(db().url, { max: 1 });
    try {
      const sessionRole = (await state(pool)).role;
      await expect(withUser(pool, A.id, async (c) => {
        await c.query(`select set_config('app.owner_access', 'on', true)`);
        await c.query('select 1/0');
      })).rejects.toMatchObject({ name: 'ValidationError' });
      expect(await state(pool)).toEqual({ id: null, role: sessionRole, owner_access: expect.not.stringMatching(/^on$/) });
      // The next person on the same connection sees only their own rows.
      const seen = await withUser(pool, B.id, (c) => c.query(`select count(*) filter (where user_id <> $1)::int as others from app.meal_logs`, [B.id]));
      expect(seen.rows[0].others).toBe(0);
      expect(await state(pool)).toMatchObject({ id: null, role: sessionRole });
    } finally {
      await pool.end();
    }
  });

  it('reports a failure the callback swallowed instead of pretending to commit', async () => {
    const pool = await createPool(db().url, { max: 1 });
    try {
      const mealTime = new Date(Date.UTC(2001, 0, 1)).toISOString();
      await expect(withUser(pool, A.id, async (c) => {
        await c.query(`insert into app.meal_logs (user_id, meal_time, meal_type) values ($1, $2, 'lunch')`, [A.id, mealTime]);
        await c.query('select 1/0').catch(() => undefined);
        return 'done';
      })).rejects.toMatchObject({ name: 'KitchenDbError', rule: 'transaction_aborted' });
      const { rowCount } = await db().pool.query(`select 1 from app.meal_logs where user_id = $1 and meal_time = $2`, [A.id, mealTime]);
      expect(rowCount).toBe(0);
      expect(await state(pool)).toMatchObject({ id: null });
    } finally {
      await pool.end();
    }
  });

  it('never leaks after the connection breaks inside the transaction', async () => {
    const pool = await createPool(db().url, { max: 1 });
    try {
      const sessionRole = (await state(pool)).role;
      await expect(withUser(pool, A.id, async (c) => {
        await c.query(`select 1`);
        (c as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
        await c.query('select 1');
      })).rejects.toMatchObject({ name: 'ConnectionError' });
      expect(await state(pool)).toEqual({ id: null, role: sessionRole, owner_access: expect.not.stringMatching(/^on$/) });
      const seen = await withUser(pool, B.id, (c) => c.query(`select app.current_user_id() as id`));
      expect(seen.rows[0].id).toBe(B.id);
    } finally {
      await pool.end();
    }
  });

  it.skipIf(engine() === 'embedded')('never leaks after the server ends the session inside the transaction (native: pg_terminate_backend)', async () => {
    const pool = await createPool(db().url, { max: 1 });
    try {
      const sessionRole = (await state(pool)).role;
      await expect(withUser(pool, A.id, async (c) => {
        await c.query('reset role'); // the session's own (superuser) role may signal its backend
        await c.query('select pg_terminate_backend(pg_backend_pid())');
      })).rejects.toMatchObject({ name: 'ConnectionError' });
      expect(await state(pool)).toMatchObject({ id: null, role: sessionRole });
    } finally {
      await pool.end();
    }
  });
});
