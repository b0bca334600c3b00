// Typed access layer (issue 5): what a service pays for a call through kitchen-db.
//   - meal history: a person's latest page (20 meals) and the next page (cursor), through
//     kdb.asUser(id, (me) => me.meals.listMeals(…)) vs the very same SQL text and bind values
//     (pgtyped's processed statement) sent with raw `pg` in the same kind of transaction (same
//     pool, role app_user, person context): the ratio is kitchen-db's own overhead (input checks,
//     pgtyped's statement processing, row mapping, cursor encoding, scope binding). Target ≤ 1.05×.
//   - per-person similarity search: me.assistant.searchMine({ embedding, model, limit: 10 }) over
//     1,000,000 embeddings of 384 dimensions (100 per person), the same raw-SQL reference, and
//     recall@10 against an exact scan that cannot use any index order (1.0 expected: the
//     per-person search is exact — btree on user_id, then distances).
// Default size: 10,000 people, 1,000,000 meal logs, 1,000,000 embeddings (scaled by --scale).
// The bench database is a throwaway copy: app.embeddings.embedding becomes vector(384) there
// (the HNSW index of the knowledge base is dropped first; it plays no part in per-person search).
import { processSQLQueryIR } from '@pgtyped/runtime';
import type pg from 'pg';
import pgvector from 'pgvector';
import { withTransaction } from '../src/db/context.ts';
import { listMeals } from '../src/generated/meals.queries.ts';
import { searchMyEmbeddings } from '../src/generated/assistant.queries.ts';
import { benchPersonId, bulk, createBenchPeople, inChunks, inTurn, isMain, percentile, row, runStandalone, scaled, time, type BenchContext, type BenchMeta, type BenchRow } from './lib.ts';

export const meta: BenchMeta = {
  name: 'queries',
  title: 'Typed access layer: kitchen-db API vs the same SQL through raw pg (meal history, per-person similarity search)',
  reproduce: 'node bench/queries.ts   (--quick for a small run, --scale=0.1, --runs=5)',
};

const DIM = 384;
const MODEL = 'bench-384';

async function load(pool: pg.Pool, people: number, meals: number, embeddings: number, log: (m: string) => void): Promise<void> {
  const t0 = Date.now();
  const secs = () => ((Date.now() - t0) / 1000).toFixed(0);
  await createBenchPeople(pool, people);
  // Meals of everyone interleaved, over the last 365 days; meal g belongs to person 1 + g % people
  // and has the id md5('meal' || g), so embeddings can point at it.
  await inChunks(meals, 200_000, async (from, to) => {
    await bulk(
      pool,
      `insert into app.meal_logs (id, user_id, meal_time, meal_type, nutrition_totals, created_at)
       select md5('meal' || g)::uuid, md5('bench' || (1 + g % $3))::uuid,
              now() - (random() * interval '365 days'),
              (array['breakfast', 'lunch', 'dinner', 'snack'])[1 + g % 4],
              jsonb_build_object('calories', 150 + g % 700, 'protein_g', g % 45, 'carbs_g', g % 90, 'fat_g', g % 30),
              now()
       from generate_series($1::int, $2::int) g`,
      [from, to, people],
    );
    log(`loaded ${to.toLocaleString('en-US')} / ${meals.toLocaleString('en-US')} meal logs (${secs()} s)`);
  });
  await pool.query('vacuum (analyze) app.meal_logs');

  // Embeddings: one 384-dimension chunk per meal (random directions), as the embed job would store them.
  // (The knowledge base and its HNSW index live in app.knowledge_embeddings since migration 000133.)
  await pool.query(`alter table app.embeddings alter column embedding type public.vector(${DIM})`);
  await inChunks(embeddings, 50_000, async (from, to) => {
    await bulk(
      pool,
      `insert into app.embeddings (user_id, source_kind, source_id, chunk_index, content, embedding, model)
       select md5('bench' || (1 + ((g - 1) % $4 + 1) % $3))::uuid, 'meal_log', md5('meal' || ((g - 1) % $4 + 1))::uuid,
              (g - 1) / $4, 'meal ' || g,
              (select array_agg(random()::real - 0.5) from generate_series(1, ${DIM}) where g > 0)::public.vector,
              '${MODEL}'
       from generate_series($1::int, $2::int) g`,
      [from, to, people, meals],
    );
    if (to % 200_000 === 0 || to === embeddings) log(`loaded ${to.toLocaleString('en-US')} / ${embeddings.toLocaleString('en-US')} embeddings (${secs()} s)`);
  });
  await pool.query('vacuum (analyze) app.embeddings');
  await pool.query('analyze app.users');
  log(`data ready in ${secs()} s`);
}

function randomVector(): number[] {
  const v = Array.from({ length: DIM }, () => Math.random() - 0.5);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

interface Series {
  apiLatest: number[];
  rawLatest: number[];
  /** Client-side CPU (user + system, µs) of the latest-page calls: where a wall-clock gap comes from. */
  apiLatestCpu: number[];
  rawLatestCpu: number[];
  apiNext: number[];
  rawNext: number[];
  apiSearch: number[];
  rawSearch: number[];
}

async function measure(ctx: BenchContext, people: number, n: number): Promise<Series> {
  const { kdb, pool } = ctx.db;
  const s: Series = { apiLatest: [], rawLatest: [], apiLatestCpu: [], rawLatestCpu: [], apiNext: [], rawNext: [], apiSearch: [], rawSearch: [] };
  const cpu = async (into: number[], fn: () => Promise<unknown>) => {
    const before = process.cpuUsage();
    await fn();
    const d = process.cpuUsage(before);
    into.push(d.user + d.system);
  };
  const raw = (userId: string, sql: string, bindings: unknown[]) =>
    withTransaction(pool, { role: 'app_user', userId }, (c) => c.query(sql, bindings).then((r) => r.rows));
  for (let i = 0; i < n; i++) {
    const id = benchPersonId(1 + Math.floor(Math.random() * people));
    // Latest page: the API call and the same statement, alternating which goes first.
    const latestParams = { userId: id, includeDeleted: false, from: null, to: null, afterTime: null, afterId: null, limit: 21 };
    const latest = processSQLQueryIR((listMeals as unknown as { queryIR: never }).queryIR, latestParams as never);
    let cursor: string | null = null;
    const api1 = async () => {
      await cpu(s.apiLatestCpu, async () =>
        s.apiLatest.push(await time(async () => (cursor = (await kdb.asUser(id, (me) => me.meals.listMeals({ limit: 20 }))).nextCursor))),
      );
    };
    const raw1 = async () => {
      await cpu(s.rawLatestCpu, async () => s.rawLatest.push(await time(() => raw(id, latest.query, latest.bindings))));
    };
    await inTurn(i, api1, raw1);
    // Next page from the cursor.
    if (cursor) {
      const [afterTime, afterId] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
      const next = processSQLQueryIR((listMeals as unknown as { queryIR: never }).queryIR, { ...latestParams, afterTime, afterId } as never);
      const c = cursor;
      const api2 = async () => {
        s.apiNext.push(await time(() => kdb.asUser(id, (me) => me.meals.listMeals({ limit: 20, cursor: c }))));
      };
      const raw2 = async () => {
        s.rawNext.push(await time(() => raw(id, next.query, next.bindings)));
      };
      await inTurn(i, api2, raw2);
    }
    // Per-person similarity search.
    // The raw side serialises the query vector inside the timed call too (a raw-pg caller must).
    const q = randomVector();
    const search = processSQLQueryIR((searchMyEmbeddings as unknown as { queryIR: never }).queryIR, {
      userId: id,
      embedding: '',
      model: MODEL,
      sourceKind: null,
      limit: 10,
    } as never);
    const api3 = async () => {
      s.apiSearch.push(await time(() => kdb.asUser(id, (me) => me.assistant.searchMine({ embedding: q, model: MODEL, limit: 10 }))));
    };
    // Where the vector goes among the bind values (not necessarily $1: the person's id may come first).
    const at = search.bindings.indexOf('');
    const raw3 = async () => {
      s.rawSearch.push(await time(() => raw(id, search.query, search.bindings.map((b, k) => (k === at ? pgvector.toSql(q) : b)))));
    };
    await inTurn(i, api3, raw3);
  }
  return s;
}

/** recall@10 of the API's per-person search against an exact scan that cannot use an index order. */
async function recall(ctx: BenchContext, people: number, n: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = benchPersonId(1 + Math.floor(Math.random() * people));
    const q = randomVector();
    const hits = await ctx.db.kdb.asUser(id, (me) => me.assistant.searchMine({ embedding: q, model: MODEL, limit: 10 }));
    const { rows } = await ctx.db.pool.query<{ id: string }>(
      `select id from (select id, (embedding <=> $2::public.vector) + 0 as d from app.embeddings where user_id = $1 and model = $3 offset 0) x
       order by d, id limit 10`,
      [id, pgvector.toSql(q), MODEL],
    );
    const exact = new Set(rows.map((r) => r.id));
    out.push(exact.size === 0 ? 1 : hits.filter((h) => exact.has(h.id)).length / exact.size);
  }
  return out;
}

async function plans(ctx: BenchContext, log: (m: string) => void): Promise<void> {
  const id = benchPersonId(1);
  const first = (rows: { 'QUERY PLAN': string }[]) =>
    rows
      .map((r) => r['QUERY PLAN'])
      .filter((l) => /Scan|Limit|Sort/.test(l))
      .map((l) => l.trim().replace(/\s+\(cost=.*$/, '').replace(/'\[[^\]]*\]'/g, "'[…]'"))
      .join(' → ');
  const latest = processSQLQueryIR((listMeals as unknown as { queryIR: never }).queryIR, {
    userId: id, includeDeleted: false, from: null, to: null, afterTime: null, afterId: null, limit: 21,
  } as never);
  const search = processSQLQueryIR((searchMyEmbeddings as unknown as { queryIR: never }).queryIR, {
    userId: id, embedding: pgvector.toSql(randomVector()), model: MODEL, sourceKind: null, limit: 10,
  } as never);
  await withTransaction(ctx.db.pool, { role: 'app_user', userId: id }, async (c) => {
    log(`plan meal history: ${first((await c.query(`explain ${latest.query}`, latest.bindings)).rows)}`);
    log(`plan similarity:   ${first((await c.query(`explain ${search.query}`, search.bindings)).rows)}`);
  });
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const people = scaled(10_000, ctx, 50);
  const meals = scaled(1_000_000, ctx, 5_000);
  const embeddings = scaled(1_000_000, ctx, 5_000);
  const perRun = ctx.quick ? 200 : 1_000;
  ctx.log(
    `${people.toLocaleString('en-US')} people, ${meals.toLocaleString('en-US')} meal logs, ${embeddings.toLocaleString('en-US')} embeddings of ${DIM} dimensions ` +
      `(${(embeddings / people).toFixed(0)} per person); ${perRun} people per run, ${ctx.runs} runs`,
  );
  await load(ctx.db.pool, people, meals, embeddings, ctx.log);
  await plans(ctx, ctx.log);

  // Sanity: the API and the raw statement return the same meals.
  {
    const id = benchPersonId(1);
    const page = await ctx.db.kdb.asUser(id, (me) => me.meals.listMeals({ limit: 20 }));
    const latest = processSQLQueryIR((listMeals as unknown as { queryIR: never }).queryIR, {
      userId: id, includeDeleted: false, from: null, to: null, afterTime: null, afterId: null, limit: 21,
    } as never);
    const rows = await withTransaction(ctx.db.pool, { role: 'app_user', userId: id }, (c) => c.query(latest.query, latest.bindings));
    if (page.items.map((m) => m.id).join() !== rows.rows.slice(0, 20).map((r) => r.id).join()) throw new Error('API and raw SQL disagree');
  }

  await measure(ctx, people, Math.min(perRun, 300)); // warm-up, not reported
  const runs: Series[] = [];
  for (let r = 0; r < ctx.runs; r++) {
    runs.push(await measure(ctx, people, perRun));
    const last = runs.at(-1)!;
    ctx.log(
      `run ${r + 1}: latest p50 ${percentile(last.apiLatest, 50).toFixed(3)} vs ${percentile(last.rawLatest, 50).toFixed(3)} ms, ` +
        `next p50 ${percentile(last.apiNext, 50).toFixed(3)} vs ${percentile(last.rawNext, 50).toFixed(3)} ms, ` +
        `search p50 ${percentile(last.apiSearch, 50).toFixed(3)} vs ${percentile(last.rawSearch, 50).toFixed(3)} ms`,
    );
  }
  const recallRuns: number[] = [];
  for (let r = 0; r < ctx.runs; r++) {
    const rs = await recall(ctx, people, ctx.quick ? 50 : 200);
    recallRuns.push(rs.reduce((a, b) => a + b, 0) / rs.length);
  }

  const per = (key: keyof Series, p: number) => runs.map((s) => percentile(s[key], p));
  const target = { on: 'ratio' as const, op: '<=' as const, value: 1.05 };
  const rows: BenchRow[] = [];
  for (const [label, api, rawKey] of [
    ['meal history, latest 20 of one person: kdb.asUser → me.meals.listMeals', 'apiLatest', 'rawLatest'],
    ['meal history, next page (cursor): me.meals.listMeals({ cursor })', 'apiNext', 'rawNext'],
    ['per-person similarity search, k = 10 of ~100 (384 dims): me.assistant.searchMine', 'apiSearch', 'rawSearch'],
  ] as const) {
    for (const p of [50, 99]) {
      rows.push(
        row(label, `p${p} ms (whole call)`, per(api, p), {
          reference: { what: 'same SQL + bind values via raw pg, same pool/role/transaction', median: 0 },
          referenceSamples: per(rawKey, p),
          target,
        }),
      );
    }
  }
  rows.push(
    row('client CPU per call (user + system), latest 20 via the API', 'p50 µs', per('apiLatestCpu', 50), {
      reference: { what: 'the same via raw pg', median: 0 },
      referenceSamples: per('rawLatestCpu', 50),
      note: 'informational, no target: kitchen-db\'s own work (scope binding, input checks, pgtyped statement processing, row mapping, cursor) on top of node-postgres; on a busy machine it also shows up amplified in wall-clock time',
    }),
    row('per-person similarity search: recall@10 vs an exact scan', 'recall@10', recallRuns, {
      target: { on: 'median', op: '>=', value: 1 },
      note: 'exact by design (btree on user_id, distance computed for each of the person\'s rows): 1.0 expected',
    }),
  );
  return rows;
}

if (isMain(import.meta.url)) await runStandalone(meta, run);
