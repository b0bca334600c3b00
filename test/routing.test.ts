// Issue 17: every person query passes the person's id, so that Citus routes it to the one shard
// that holds the person (`user_id = app.current_user_id()` is evaluated on each shard: Citus cannot
// prune and visits all of them; `user_id = $1` reaches one — docs/scale-out.md section 5).
//   (a) every engine: a static check over queries/*.sql — each query that reads or writes a person
//       table (from the catalog: app.users and every app table with a user_id column) filters every
//       reference of it with `user_id = :userId` (app.users: `id = :userId`), inserts with :userId,
//       and no longer uses app.current_user_id(); exceptions are listed below with their reason;
//   (b) every engine: row-level security stays the enforcement — a forged :userId sees nothing and
//       writes nothing;
//   (c) a database with the citus extension and distributed person tables only (skipped otherwise;
//       TEST_CITUS=1 runs this file on a cluster): EXPLAIN EXECUTE of each person query, with its
//       bind values, shows one task and no INSERT ... SELECT through the coordinator; the queries
//       Citus runs in several single-shard steps are listed below with their reason.
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { processSQLQueryIR } from '@pgtyped/runtime';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { withUser, type DbClient } from '../src/db/context.ts';
import * as accountsQ from '../src/generated/accounts.queries.ts';
import * as assistantQ from '../src/generated/assistant.queries.ts';
import * as mealsQ from '../src/generated/meals.queries.ts';
import * as recipesQ from '../src/generated/recipes.queries.ts';
import { useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';

const db = useTestDatabase();
const QUERIES_DIR = new URL('../queries/', import.meta.url);

/** Files whose person queries are converted: every query in them is checked. */
const CHECKED_FILES = ['accounts.sql', 'assistant.sql', 'meals.sql', 'recipes.sql'];
/** The other files, each with its reason (a new file must be added to one of the two lists). */
const OTHER_FILES: Record<string, string> = {
  'telemetry.sql': 'ingest and reads are redesigned with the hot path (wt-19-hot)',
  'gdpr.sql': 'compliance functions (SECURITY DEFINER) that run one statement per table with the person id as $1',
  'jobs.sql': 'the worker: queue depths and sweeps across every person',
  'appliances.sql': 'not converted yet (pairing and sessions: issue 17 follow-up)',
};

/** Queries of CHECKED_FILES that touch a person table without `user_id = :userId`, and why. */
const EXCEPTIONS: Record<string, string> = {
  SignInPerson: 'SECURITY DEFINER app.sign_in_person: finds or creates the person, so there is no person id yet',
  RegisterPushToken: 'SECURITY DEFINER app.register_push_token: moves a token between people through its global key',
  DeleteStalePushTokens: 'worker sweep over every person (app.delete_stale_push_tokens)',
  RefreshDailyMetrics: 'worker function taking the person id as its parameter',
  RebuildDailyMetrics: 'worker function taking the person id as its parameter',
  InsertKnowledgeEmbeddings: 'the shared knowledge base (user_id NULL), not a person\'s rows',
  SearchKnowledge: 'app.search_knowledge: the shared knowledge base',
  LoadMealLogsForEmbedding: 'embed job (app_worker): one batch may hold several people',
  LoadMessagesForEmbedding: 'embed job (app_worker): one batch may hold several people',
  ExistingEmbeddingChunks: 'embed job (app_worker): one batch may hold several people',
  LockEmbeddingSources: 'embed job (app_worker): app.lock_embedding_sources locks per person inside',
  UpsertEmbeddings: 'embed job (app_worker): rows of several people, each with its user_id',
  DeleteSurplusChunks: 'embed job (app_worker): one batch may hold several people',
  RecordEmbeddingUsage: 'embed job (app_worker): rows of several people, each with its user_id',
  AdminCountCookingSessions: 'admin oversight: the cooking sessions of a recipe across every person',
};

/**
 * Person queries that Citus runs in several steps, each one task on the person's shard (distributed
 * subplans: the coordinator passes intermediate results between them), and why. Not yet one task:
 * issue 17 follow-up (a function delegated to the person's shard, or one statement per table).
 */
const CTE_INSERT = 'INSERT in a WITH query: Citus router-plans only SELECT, UPDATE and DELETE CTEs ("only SELECT, UPDATE, or DELETE common table expressions may be router planned")';
const STAGED_ON_CITUS: Record<string, string> = {
  InsertMealWithFoods: CTE_INSERT,
  InsertMealsWithFoods: CTE_INSERT,
  ReplaceMealFoods: CTE_INSERT,
  UpsertPersonEmbeddings: CTE_INSERT,
};

interface Query {
  file: string;
  name: string;
  sql: string;
}

function readQueries(file: string): Query[] {
  const text = readFileSync(new URL(file, QUERIES_DIR), 'utf8');
  const out: Query[] = [];
  const re = /\/\*[\s\S]*?@name\s+(\w+)[\s\S]*?\*\//g;
  const marks = [...text.matchAll(re)];
  marks.forEach((m, i) => {
    const end = i + 1 < marks.length ? marks[i + 1]!.index : text.length;
    // Without SQL comments: a comment may name a table.
    const sql = text.slice(m.index + m[0].length, end).replace(/--[^\n]*/g, '');
    out.push({ file, name: m[1]!, sql });
  });
  return out;
}

async function personTables(): Promise<Set<string>> {
  const { rows } = await db().pool.query<{ t: string }>(
    `select c.relname as t from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'app' and c.relkind in ('r', 'p') and not c.relispartition
        and (c.relname = 'users' or exists (select from pg_catalog.pg_attribute a where a.attrelid = c.oid and a.attname = 'user_id' and not a.attisdropped))`,
  );
  return new Set(rows.map((r) => r.t));
}

/** The references of person tables in a statement: [table, alias or null, kind]. */
function references(sql: string, tables: Set<string>): { table: string; alias: string | null; insert: boolean }[] {
  const out: { table: string; alias: string | null; insert: boolean }[] = [];
  const re = /\b(from|join|update|into)\s+app\.(\w+)(?:\s+(?:as\s+)?(?!where\b|set\b|on\b|using\b|values\b|select\b|left\b|join\b|order\b|group\b)([a-z_]\w*))?/gi;
  for (const m of sql.matchAll(re)) {
    const table = m[2]!.toLowerCase();
    if (!tables.has(table)) continue;
    // `into app.t (cols)`: the alias group cannot start with '('.
    out.push({ table, alias: m[3] ? m[3].toLowerCase() : null, insert: m[1]!.toLowerCase() === 'into' });
  }
  return out;
}

describe('routing: every person query passes the person id (static, every engine)', () => {
  it('each query file is either checked or listed with its reason', () => {
    const files = readdirSync(QUERIES_DIR).filter((f) => f.endsWith('.sql')).sort();
    expect(files.filter((f) => !CHECKED_FILES.includes(f) && !(f in OTHER_FILES))).toEqual([]);
  });

  it('each query of the checked files that touches a person table filters and inserts with :userId (or is an exception with a reason)', async () => {
    const tables = await personTables();
    expect(tables.has('meal_logs') && tables.has('users')).toBe(true);
    const problems: string[] = [];
    const seenExceptions = new Set<string>();
    for (const file of CHECKED_FILES) {
      for (const q of readQueries(file)) {
        const refs = references(q.sql, tables);
        const touches = refs.length > 0;
        if (q.name in EXCEPTIONS) {
          seenExceptions.add(q.name);
          continue;
        }
        if (!touches) continue;
        const where = `${file} ${q.name}`;
        if (/current_user_id\s*\(/.test(q.sql)) problems.push(`${where}: uses app.current_user_id() (every shard on Citus); filter user_id = :userId!`);
        for (const r of refs) {
          const key = r.table === 'users' ? 'id' : 'user_id';
          if (r.insert) {
            if (!/:userId\b/.test(q.sql)) problems.push(`${where}: inserts into app.${r.table} without :userId`);
            continue;
          }
          const col = r.alias ? `${r.alias}\\.${key}` : `(?<![.\\w])${key}`;
          if (!new RegExp(`${col}\\s*=\\s*:userId\\b`, 'i').test(q.sql)) {
            problems.push(`${where}: app.${r.table}${r.alias ? ` ${r.alias}` : ''} is not filtered with ${r.alias ? `${r.alias}.` : ''}${key} = :userId!`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // An exception for a query that no longer exists is stale.
    expect(Object.keys(EXCEPTIONS).filter((n) => !seenExceptions.has(n))).toEqual([]);
  });

  it('the check itself: it flags a query that uses app.current_user_id() or leaves a person table unfiltered', async () => {
    const tables = await personTables();
    const refs = references(`select m.id from app.meal_logs as m join app.meal_foods f on f.meal_log_id = m.id where m.user_id = :userId!`, tables);
    expect(refs).toEqual([
      { table: 'meal_logs', alias: 'm', insert: false },
      { table: 'meal_foods', alias: 'f', insert: false },
    ]);
    expect(references(`insert into app.conversations (user_id, title) values (:userId!, :title)`, tables)).toEqual([{ table: 'conversations', alias: null, insert: true }]);
    expect(references(`select 1 from app.recipes as r where r.id = :id!`, tables)).toEqual([]);
  });
});

/** Sample values by parameter name, for running or explaining any person query. */
function sampleParams(ir: { params: { name: string }[] }, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of ir.params) {
    if (!(p.name in values)) throw new Error(`routing.test.ts: no sample value for parameter ${p.name}; add one`);
    out[p.name] = values[p.name];
  }
  return out;
}

function irOf(q: Query): { params: { name: string }[] } | undefined {
  const mods: Record<string, Record<string, unknown>> = { 'accounts.sql': accountsQ, 'assistant.sql': assistantQ, 'meals.sql': mealsQ, 'recipes.sql': recipesQ };
  const exported = q.name[0]!.toLowerCase() + q.name.slice(1);
  return (mods[q.file]?.[exported] as { queryIR?: { params: { name: string }[] } } | undefined)?.queryIR;
}

async function personQueries(): Promise<(Query & { ir: { params: { name: string }[] } })[]> {
  const tables = await personTables();
  const out: (Query & { ir: { params: { name: string }[] } })[] = [];
  for (const file of CHECKED_FILES) {
    for (const q of readQueries(file)) {
      if (q.name in EXCEPTIONS || references(q.sql, tables).length === 0) continue;
      const ir = irOf(q);
      if (!ir) throw new Error(`no generated query for ${q.file} ${q.name}`);
      out.push({ ...q, ir });
    }
  }
  return out;
}

function baseValues(dimensions: number): Record<string, unknown> {
  return {
    id: randomUUID(), mealId: randomUUID(), conversationId: randomUUID(), afterId: null, afterTime: null,
    includeDeleted: false, from: '2026-01-01', to: '2026-01-31', limit: 10,
    mealTime: '2026-01-15T12:00:00Z', mealType: 'lunch', foods: '[{"name":"x"}]', meals: '[{"mealTime":"2026-01-15T12:00:00Z","mealType":"lunch","foods":[{"name":"x"}]}]', nutritionTotals: null, aiAnalysis: null,
    imageUrl: null, notes: null, setAiAnalysis: false, setImageUrl: false, setNotes: false, recomputeTotals: true, deleted: true,
    predicate: '$.calories > 1', name: 'Forged', timeZone: null, patch: '{"theme":"dark"}', clientUpdatedAt: new Date(),
    goalType: 'maintain', targetCalories: 2000, targetProteinG: null, targetCarbsG: null, targetFatG: null, targetFiberG: null,
    targetSugarG: null, targetSodiumMg: null, targetWeightKg: null, startsOn: null, endsOn: null,
    token: 'forged-token', title: 'forged', messages: '[{"role":"user","content":"x"}]',
    provider: 'p', model: 'm', inputTokens: 1, outputTokens: 1, costUsd: '0.01', feature: null, latencyMs: null, requestId: null,
    embedding: `[${new Array(dimensions).fill(0.1).join(',')}]`, sourceKind: null, items: '[]', serverTime: new Date(),
  };
}

/** A bind value as the SQL literal the driver would send (text format), for EXPLAIN EXECUTE. */
function literal(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v instanceof Date) return pg.escapeLiteral(v.toISOString());
  if (typeof v === 'object') return pg.escapeLiteral(JSON.stringify(v));
  return pg.escapeLiteral(String(v));
}

async function dimensions(): Promise<number> {
  const { rows } = await db().pool.query<{ d: number }>(`select atttypmod as d from pg_catalog.pg_attribute where attrelid = 'app.embeddings'::regclass and attname = 'embedding'`);
  return rows[0]!.d;
}

describe('routing: row-level security stays the enforcement (every engine)', () => {
  it('a forged :userId (another person\'s id) reads nothing and writes nothing of theirs, for every person query', async () => {
    const a = await createPerson(db().pool);
    const b = await createPerson(db().pool);
    // B's data, written through the API as B.
    const meal = await db().kdb.asUser(b.id, (me) => me.meals.logMeal({ mealTime: '2026-01-15T08:00:00Z', mealType: 'breakfast', foods: [{ name: 'poha', nutrition: { calories: 250 } }] }));
    const conv = await db().kdb.asUser(b.id, (me) => me.assistant.startConversation({ title: 'B' }));
    await db().kdb.asUser(b.id, async (me) => {
      await me.assistant.addMessage(conv.id, { role: 'user', content: 'hello' });
      await me.accounts.setGoal({ goalType: 'maintain', targetCalories: 2100 });
      await me.accounts.updatePreferences({ changes: { theme: 'light' }, clientUpdatedAt: new Date('2026-01-01T00:00:00Z') });
      await me.assistant.recordUsage({ provider: 'p', model: 'm', inputTokens: 1, outputTokens: 1, costUsd: '0.01' });
    });
    // Its own transaction: app.register_push_token is SECURITY DEFINER, and on Citus a transaction
    // cannot write a person's shard as app_user and then as the functions' owner (25001, "placements
    // that were modified in this transaction by a different user"; src/db/errors.ts explains it).
    await db().kdb.asUser(b.id, (me) => me.accounts.registerPushToken({ platform: 'ios', token: 'b-token' }));
    const snapshot = async () =>
      (
        await db().pool.query(
          `select (select pg_catalog.md5(pg_catalog.string_agg(t::text, ',' order by t::text)) from (
             select u::text as t from app.users u where u.id = $1
             union all select p::text from app.user_preferences p where p.user_id = $1
             union all select g::text from app.user_goals g where g.user_id = $1
             union all select t::text from app.push_tokens t where t.user_id = $1
             union all select m::text from app.meal_logs m where m.user_id = $1
             union all select f::text from app.meal_foods f where f.user_id = $1
             union all select c::text from app.conversations c where c.user_id = $1
             union all select m::text from app.messages m where m.user_id = $1
             union all select a::text from app.api_usage a where a.user_id = $1) x) as h`,
          [b.id],
        )
      ).rows[0].h as string;
    const before = await snapshot();
    const values = { ...baseValues(await dimensions()), userId: b.id, id: meal.id, mealId: meal.id, conversationId: conv.id, token: 'b-token' };
    const problems: string[] = [];
    const queries = await personQueries();
    expect(queries.length).toBeGreaterThanOrEqual(25);
    await withUser(db().pool, a.id, async (c: DbClient) => {
      for (const q of queries) {
        const params = { ...sampleParams(q.ir, values), ...(q.name === 'GetConversation' ? { id: conv.id } : {}) };
        const { query, bindings } = processSQLQueryIR(q.ir as never, params as never);
        await c.query('savepoint forged');
        try {
          const { rows } = await c.query(query, bindings);
          // ReplaceMealFoods answers counts; anything else answers rows of the person.
          const leaked = q.name === 'ReplaceMealFoods' ? rows.filter((r) => r.removed > 0 || r.added > 0) : rows;
          if (leaked.length > 0) problems.push(`${q.name}: ${leaked.length} row(s) with B's id as A: ${JSON.stringify(leaked[0]).slice(0, 200)}`);
          await c.query('release savepoint forged');
        } catch (error) {
          await c.query('rollback to savepoint forged');
          if ((error as { code?: string }).code !== '42501') problems.push(`${q.name}: expected no rows or 42501, got ${(error as Error).message}`);
        }
      }
    });
    expect(problems).toEqual([]);
    expect(await snapshot()).toBe(before);
    // The function that takes the person's id: another person's id gives nothing (their app.users
    // row is invisible, so there is no day to report).
    const day = { from: '2026-01-15', to: '2026-01-15' };
    const forgedDay = await withUser(db().pool, a.id, (c) => mealsQ.dailyNutritionVsGoal.run({ userId: b.id, ...day }, c));
    expect(forgedDay).toEqual([]);
    const ownDay = await withUser(db().pool, b.id, (c) => mealsQ.dailyNutritionVsGoal.run({ userId: b.id, ...day }, c));
    expect(ownDay.map((d) => [d.mealCount, d.goalId !== null])).toEqual([[1, true]]);
    // The control: the same statements with B's own context do see B's rows.
    const mine = await withUser(db().pool, b.id, async (c) => ({
      profile: await mealsQ.listMeals.run({ userId: b.id, includeDeleted: false, limit: 5, from: null, to: null, afterTime: null, afterId: null }, c),
      conversation: await assistantQ.getConversation.run({ userId: b.id, id: conv.id }, c),
    }));
    expect(mine.profile.map((m) => m.id)).toEqual([meal.id]);
    expect(mine.conversation.map((m) => m.id)).toEqual([conv.id]);
  });
});

describe('routing on Citus: EXPLAIN shows one task (a database with the citus extension only)', () => {
  it('every person query of the checked files is routed to a single shard', async (ctx) => {
    const { rows } = await db().pool.query<{ distributed: boolean }>(
      `select exists (select from pg_catalog.pg_extension where extname = 'citus')
              and pg_catalog.to_regclass('pg_catalog.pg_dist_partition') is not null as distributed`,
    );
    if (!rows[0]!.distributed) ctx.skip();
    const { rows: dist } = await db().pool.query<{ n: number }>(`select count(*)::int as n from pg_catalog.pg_dist_partition where logicalrelid = 'app.meal_logs'::regclass`);
    if (dist[0]!.n === 0) ctx.skip();
    const a = await createPerson(db().pool);
    const values = { ...baseValues(await dimensions()), userId: a.id };
    const problems: string[] = [];
    const seenStaged = new Set<string>();
    await withUser(db().pool, a.id, async (c: DbClient) => {
      for (const q of await personQueries()) {
        const { query, bindings } = processSQLQueryIR(q.ir as never, sampleParams(q.ir, values) as never);
        await c.query('savepoint plan');
        try {
          // EXPLAIN of the statement with its bind values, as the query runs: prepared the way the
          // driver's Parse does (same parameter type inference), then EXPLAIN EXECUTE with the values
          // as literals. A bare `explain <query>` with bind parameters makes Citus plan without the
          // values (InsertGoal: "no value found for parameter 1").
          await c.query(`prepare routing_plan as ${query}`);
          const args = bindings.length === 0 ? '' : `(${(bindings as unknown[]).map(literal).join(', ')})`;
          const plan = (await c.query(`explain execute routing_plan${args}`)).rows.map((r) => r['QUERY PLAN'] as string).join('\n');
          await c.query('deallocate routing_plan');
          const counts = [...plan.matchAll(/Task Count: (\d+)/g)].map((m) => Number(m[1]));
          if (counts.length === 0 || counts.some((n) => n !== 1)) problems.push(`${q.name}: Task Count ${counts.join(', ') || 'none'}\n${plan}`);
          // One task is not enough: distributed subplans (unless the query is listed with its reason),
          // or an INSERT ... SELECT pulled to the coordinator (or repartitioned), which reads on the
          // shard and writes in a second step through the coordinator.
          const staged = /Distributed Subplan/.test(plan);
          if (staged) seenStaged.add(q.name);
          const pulled = /INSERT\/SELECT method: .*/.exec(plan);
          if (staged && !(q.name in STAGED_ON_CITUS)) problems.push(`${q.name}: distributed subplans (several steps)\n${plan}`);
          else if (!staged && pulled) problems.push(`${q.name}: ${pulled[0]}\n${plan}`);
          await c.query('release savepoint plan');
        } catch (error) {
          await c.query('rollback to savepoint plan');
          // A prepared statement outlives the rollback to the savepoint.
          await c.query('deallocate routing_plan').catch(() => {});
          problems.push(`${q.name}: ${(error as Error).message}`);
        }
      }
    });
    expect(problems).toEqual([]);
    // A listed query that now plans in one step should leave the list.
    expect(Object.keys(STAGED_ON_CITUS).filter((n) => !seenStaged.has(n))).toEqual([]);
  });
});
