// Typed access layer (issue 5): what a service pays for a call through kitchen-db.
//   - meal history: a person's latest page (20 meals) and the next page (cursor), through
//     kdb.asUser(id, (me) => me.meals.listMeals(…)) vs the very same SQL text and bind values
//     (pgtyped's processed statement) sent with raw `pg` in the same kind of transaction (same
//     pool, role app_user, person context): the ratio is kitchen-db's own overhead (input checks,
//     pgtyped's statement processing, row mapping, cursor encoding, scope binding). Target ≤ 1.05×.
//     The two sides run pairwise (which goes first alternates), 3,000 pairs per run; a row's ratio
//     is the median of the per-run ratios (API pN / raw pN of the same run), each run's listed.
//     Client CPU per call is measured on all three paths, and kitchen-db's own work once more
//     without the I/O (ownWork), where a shared machine's noise cannot hide or inflate it.
//   - per-person similarity search: me.assistant.searchMine({ embedding, model, limit: 10 }) over
//     1,000,000 embeddings of 384 dimensions (100 per person), the same raw-SQL reference, and
//     recall@10 against an exact scan that cannot use any index order (1.0 expected: the
//     per-person search is exact — btree on user_id, then distances).
// Default size: 10,000 people, 1,000,000 meal logs, 1,000,000 embeddings (scaled by --scale).
// The bench database is a throwaway copy: app.embeddings.embedding becomes vector(384) there
// (the HNSW index of the knowledge base is dropped first; it plays no part in per-person search).
import { processSQLQueryIR } from '@pgtyped/runtime';
import pg from 'pg';
import pgvector from 'pgvector';
import { kitchenDbFromPool } from '../src/api/kitchen.ts';
import { withTransaction } from '../src/db/context.ts';
import { listMeals } from '../src/generated/meals.queries.ts';
import { searchMyEmbeddings } from '../src/generated/assistant.queries.ts';
import { benchPersonId, bulk, createBenchPeople, inChunks, inTurn, isMain, median, percentile, row, runStandalone, scaled, settle, time, type BenchContext, type BenchMeta, type BenchRow } from './lib.ts';

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
  await settle(pool, log);
  log(`data ready in ${secs()} s`);
}

/**
 * The statement text exactly as the API sends it: src/db/run-query.ts strips pgtyped's nullability
 * hints from the column aliases (`AS "cursorTime!"` → `AS "cursorTime"`) once per query, so the raw
 * reference sends the same bytes (the hint changes no server work, only the column's name).
 */
const texts = new Map<string, string>();
function sameText(sql: string): string {
  let t = texts.get(sql);
  if (t === undefined) {
    t = sql.replace(/(\bAS\s+")([A-Za-z_][A-Za-z0-9_]*)[!?]"/gi, '$1$2"');
    texts.set(sql, t);
  }
  return t;
}

function randomVector(): number[] {
  const v = Array.from({ length: DIM }, () => Math.random() - 0.5);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}

interface Series {
  apiLatest: number[];
  rawLatest: number[];
  /** Client-side CPU (user + system, µs) of each call: where a wall-clock gap comes from. */
  apiLatestCpu: number[];
  rawLatestCpu: number[];
  apiNext: number[];
  rawNext: number[];
  apiNextCpu: number[];
  rawNextCpu: number[];
  apiSearch: number[];
  rawSearch: number[];
  apiSearchCpu: number[];
  rawSearchCpu: number[];
}

async function measure(ctx: BenchContext, people: number, n: number): Promise<Series> {
  const { kdb, pool } = ctx.db;
  const s: Series = {
    apiLatest: [], rawLatest: [], apiLatestCpu: [], rawLatestCpu: [], apiNext: [], rawNext: [], apiNextCpu: [], rawNextCpu: [],
    apiSearch: [], rawSearch: [], apiSearchCpu: [], rawSearchCpu: [],
  };
  // Wall-clock (ms) and this process's CPU (µs) of one call, the same wrapper on both sides.
  const timed = async (wall: number[], cpuInto: number[], fn: () => Promise<unknown>) => {
    const before = process.cpuUsage();
    wall.push(await time(fn));
    const d = process.cpuUsage(before);
    cpuInto.push(d.user + d.system);
  };
  const raw = (userId: string, sql: string, bindings: unknown[]) =>
    withTransaction(pool, { role: 'app_user', userId }, (c) => c.query(sameText(sql), bindings).then((r) => r.rows));
  for (let i = 0; i < n; i++) {
    const id = benchPersonId(1 + Math.floor(Math.random() * people));
    // Latest page: the API call and the same statement, alternating which goes first.
    const latestParams = { userId: id, includeDeleted: false, from: null, to: null, afterTime: null, afterId: null, limit: 21 };
    const latest = processSQLQueryIR((listMeals as unknown as { queryIR: never }).queryIR, latestParams as never);
    let cursor: string | null = null;
    const api1 = () => timed(s.apiLatest, s.apiLatestCpu, async () => (cursor = (await kdb.asUser(id, (me) => me.meals.listMeals({ limit: 20 }))).nextCursor));
    const raw1 = () => timed(s.rawLatest, s.rawLatestCpu, () => raw(id, latest.query, latest.bindings));
    await inTurn(i, api1, raw1);
    // Next page from the cursor.
    if (cursor) {
      const [afterTime, afterId] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
      const next = processSQLQueryIR((listMeals as unknown as { queryIR: never }).queryIR, { ...latestParams, afterTime, afterId } as never);
      const c = cursor;
      const api2 = () => timed(s.apiNext, s.apiNextCpu, () => kdb.asUser(id, (me) => me.meals.listMeals({ limit: 20, cursor: c })));
      const raw2 = () => timed(s.rawNext, s.rawNextCpu, () => raw(id, next.query, next.bindings));
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
    const api3 = () => timed(s.apiSearch, s.apiSearchCpu, () => kdb.asUser(id, (me) => me.assistant.searchMine({ embedding: q, model: MODEL, limit: 10 })));
    // Where the vector goes among the bind values (not necessarily $1: the person's id may come first).
    const at = search.bindings.indexOf('');
    const raw3 = () => timed(s.rawSearch, s.rawSearchCpu, () => raw(id, search.query, search.bindings.map((b, k) => (k === at ? pgvector.toSql(q) : b))));
    await inTurn(i, api3, raw3);
  }
  return s;
}

/**
 * kitchen-db's own client work per listMeals call, the I/O left out: the API call and the raw call
 * (withTransaction + the same statement) run against a stand-in connection that answers every
 * statement at once (the 21 rows of a real latest page, fresh objects each time, as node-postgres
 * would hand them over). Both sides pay the same transaction wrapper, so API − raw is what the API
 * adds: scope binding, input checks, personOf, runQuery, row mapping, the cursor. One figure (ns)
 * per round of `n` calls each.
 */
async function ownWork(n: number, sample: Record<string, unknown>[]): Promise<number[]> {
  const rowsOf = () => sample.map((r) => ({ ...r }));
  const connection = {
    on() {},
    removeListener() {},
    release() {},
    query(q: unknown, _values?: unknown[]) {
      // endTransaction sends a pg.Query (COMMIT + session reset): complete it as the server would.
      if (q instanceof pg.Query) {
        const query = q as unknown as { handleCommandComplete(m: { text: string }, c: unknown): void; callback(e: null): void };
        query.handleCommandComplete({ text: 'COMMIT' }, null);
        query.callback(null);
        return undefined;
      }
      return Promise.resolve({ rows: rowsOf() });
    },
  };
  const pool = { connect: () => Promise.resolve(connection) } as unknown as pg.Pool;
  const kdb = kitchenDbFromPool(pool);
  const id = benchPersonId(1);
  const latest = processSQLQueryIR((listMeals as unknown as { queryIR: never }).queryIR, {
    userId: id, includeDeleted: false, from: null, to: null, afterTime: null, afterId: null, limit: 21,
  } as never);
  const api = () => kdb.asUser(id, (me) => me.meals.listMeals({ limit: 20 }));
  const raw = () => withTransaction(pool, { role: 'app_user', userId: id }, (c) => c.query(latest.query, latest.bindings).then((r) => r.rows));
  const cpuNs = async (fn: () => Promise<unknown>) => {
    const before = process.cpuUsage();
    for (let i = 0; i < n; i++) await fn();
    const d = process.cpuUsage(before);
    return ((d.user + d.system) * 1000) / n;
  };
  await cpuNs(api);
  await cpuNs(raw);
  const out: number[] = [];
  for (let round = 0; round < 3; round++) {
    // Which side goes first alternates, as in measure().
    let a = 0;
    let b = 0;
    await inTurn(round, async () => (a = await cpuNs(api)), async () => (b = await cpuNs(raw)));
    out.push(a - b);
  }
  return out;
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
  // 3,000 pairs per run: a run's p99 is then its 30th-slowest call on each side. About 1 % of calls on
  // this shared 2-core machine meet a stall of 2–15 ms that is neither side's doing (preemption, a
  // scavenge); with 2,000 pairs the p99 sat on that boundary and the per-run ratio swung 0.7–1.9×.
  const perRun = ctx.quick ? 200 : 3_000;
  ctx.log(
    `${people.toLocaleString('en-US')} people, ${meals.toLocaleString('en-US')} meal logs, ${embeddings.toLocaleString('en-US')} embeddings of ${DIM} dimensions ` +
      `(${(embeddings / people).toFixed(0)} per person); ${perRun} people per run, ${ctx.runs} runs`,
  );
  await load(ctx.db.pool, people, meals, embeddings, ctx.log);
  await plans(ctx, ctx.log);

  // Sanity: the API and the raw statement return the same meals.
  let sampleRows: Record<string, unknown>[] = [];
  {
    const id = benchPersonId(1);
    const page = await ctx.db.kdb.asUser(id, (me) => me.meals.listMeals({ limit: 20 }));
    const latest = processSQLQueryIR((listMeals as unknown as { queryIR: never }).queryIR, {
      userId: id, includeDeleted: false, from: null, to: null, afterTime: null, afterId: null, limit: 21,
    } as never);
    const rows = await withTransaction(ctx.db.pool, { role: 'app_user', userId: id }, (c) => c.query(latest.query, latest.bindings));
    if (page.items.map((m) => m.id).join() !== rows.rows.slice(0, 20).map((r) => r.id).join()) throw new Error('API and raw SQL disagree');
    sampleRows = rows.rows;
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
  // The ratio of a row is the median of the per-run ratios (API percentile / raw percentile of the
  // same run, calls interleaved pairwise): a run that met a noisy machine moves both sides of its
  // own ratio, not one side of a ratio of medians taken from different runs.
  const paired = (label: string, figure: string, api: keyof Series, rawKey: keyof Series, p: number, reference: string, withTarget: boolean): BenchRow => {
    const a = per(api, p);
    const b = per(rawKey, p);
    const ratios = a.map((x, k) => x / b[k]!);
    const r = row(label, figure, a, { reference: { what: reference, median: 0 }, referenceSamples: b, ...(withTarget ? { target } : {}) });
    r.ratio = median(ratios);
    if (r.target) r.met = r.ratio <= target.value;
    r.note = `${figure} ratio of each run (median reported): ${ratios.map((x) => x.toFixed(3)).join(', ')}`;
    return r;
  };
  for (const [label, api, rawKey] of [
    ['meal history, latest 20 of one person: kdb.asUser → me.meals.listMeals', 'apiLatest', 'rawLatest'],
    ['meal history, next page (cursor): me.meals.listMeals({ cursor })', 'apiNext', 'rawNext'],
    ['per-person similarity search, k = 10 of ~100 (384 dims): me.assistant.searchMine', 'apiSearch', 'rawSearch'],
  ] as const) {
    for (const p of [50, 99]) {
      rows.push(paired(label, `p${p} ms (whole call)`, api, rawKey, p, 'same SQL + bind values via raw pg, same pool/role/transaction (withTransaction: one BEGIN message with SET LOCAL ROLE and app.act_as)', true));
    }
  }
  for (const [label, api, rawKey] of [
    ['client CPU per call (user + system): latest 20 via the API', 'apiLatestCpu', 'rawLatestCpu'],
    ['client CPU per call (user + system): next page via the API', 'apiNextCpu', 'rawNextCpu'],
    ['client CPU per call (user + system): similarity search via the API', 'apiSearchCpu', 'rawSearchCpu'],
  ] as const) {
    rows.push(paired(label, 'p50 µs', api, rawKey, 50, 'the same via raw pg', false));
  }
  rows.push(
    row('client CPU per call without a database: kitchen-db\'s own work', 'ns per call', await ownWork(ctx.quick ? 20_000 : 100_000, sampleRows), {
      note: 'informational: what kitchen-db adds on top of node-postgres per listMeals call, the I/O left out (see ownWork): scope binding, input checks, cursor, row mapping, one more promise',
    }),
    row('per-person similarity search: recall@10 vs an exact scan', 'recall@10', recallRuns, {
      target: { on: 'median', op: '>=', value: 1 },
      note: 'exact by design (btree on user_id, distance computed for each of the person\'s rows): 1.0 expected',
    }),
  );
  return rows;
}

if (isMain(import.meta.url)) await runStandalone(meta, run);
