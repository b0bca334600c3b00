// Row-level security overhead (issue 4): the same per-person queries on app.meal_logs
//   - as app_user under row-level security (person context set, no user_id in the SQL), and
//   - as the superuser (no RLS at all) with an explicit `WHERE user_id = $1` — the reference,
// measured in the same run, interleaved person by person, on the same connection kind.
// Default size: 10,000 people, 1,000,000 meal logs (scaled by --scale; --quick is tiny).
//
// What is timed is the query statement alone, inside its transaction: for RLS the transaction
// is `BEGIN; SET LOCAL ROLE app_user; set_config('app.user_id', …, true)` and for the reference a
// plain `BEGIN`; the extra round trips of the person context are reported separately
// ("whole call"), without a target.
import type pg from 'pg';
import { withUser } from '../src/db/context.ts';
import { benchPersonId, bulk, createBenchPeople, inChunks, inTurn, isMain, percentile, row, runStandalone, scaled, settle, time, type BenchContext, type BenchMeta, type BenchRow } from './lib.ts';

export const meta: BenchMeta = {
  name: 'rls',
  title: 'Row-level security overhead: meal logs as app_user (RLS) vs superuser with WHERE user_id',
  reproduce: 'node bench/rls.ts   (--quick for a small run, --scale=0.1, --runs=5)',
};

// Both sides take bind parameters (the limit here), so both use the extended protocol, as pgtyped does.
const LATEST_RLS = `select id, meal_time, meal_type, nutrition_totals from app.meal_logs
  where not is_deleted order by meal_time desc limit $1`;
const LATEST_REF = `select id, meal_time, meal_type, nutrition_totals from app.meal_logs
  where user_id = $2 and not is_deleted order by meal_time desc limit $1`;
const MONTH_RLS = `select count(*)::int as meals, coalesce(sum((nutrition_totals ->> 'calories')::numeric), 0)::float8 as calories
  from app.meal_logs where meal_time >= $1 and meal_time < $2 and not is_deleted`;
const MONTH_REF = `select count(*)::int as meals, coalesce(sum((nutrition_totals ->> 'calories')::numeric), 0)::float8 as calories
  from app.meal_logs where user_id = $3 and meal_time >= $1 and meal_time < $2 and not is_deleted`;

async function load(pool: pg.Pool, people: number, meals: number, log: (m: string) => void): Promise<void> {
  const t0 = Date.now();
  await createBenchPeople(pool, people);
  // Meals of everyone interleaved (as people log them), spread over the last 365 days. Loaded
  // with triggers and FK checks off (session_replication_role = replica): the rows are valid by
  // construction and none is soft-deleted, so the triggers would not change them.
  await inChunks(meals, 200_000, async (from, to) => {
    await bulk(
      pool,
      `insert into app.meal_logs (user_id, meal_time, meal_type, nutrition_totals, created_at)
       select md5('bench' || (1 + g % $3))::uuid,
              now() - (random() * interval '365 days'),
              (array['breakfast', 'lunch', 'dinner', 'snack'])[1 + g % 4],
              jsonb_build_object('calories', 150 + g % 700, 'protein_g', g % 45, 'carbs_g', g % 90, 'fat_g', g % 30),
              now()
         from generate_series($1::int, $2::int) g`,
      [from, to, people],
    );
    log(`loaded ${to.toLocaleString('en-US')} / ${meals.toLocaleString('en-US')} meal logs (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  });
  await pool.query('vacuum (analyze) app.meal_logs');
  await pool.query('analyze app.users');
  await settle(pool, log);
  log(`data ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Both plans, for the log: the access path must be the same index for both. */
async function plans(pool: pg.Pool, id: string, log: (m: string) => void): Promise<void> {
  const first = (rows: { 'QUERY PLAN': string }[]) =>
    rows
      .map((r) => r['QUERY PLAN'])
      .filter((l) => /Scan|Limit|Aggregate|InitPlan/.test(l))
      .map((l) => l.trim().replace(/\s+\(cost=.*$/, ''))
      .join(' → ');
  const rls = await withUser(pool, id, async (c) => ({
    latest: (await c.query(`explain ${LATEST_RLS}`, [20])).rows,
    month: (await c.query(`explain ${MONTH_RLS}`, ['2026-01-01', '2026-02-01'])).rows,
  }));
  const ref = {
    latest: (await pool.query(`explain ${LATEST_REF}`, [20, id])).rows,
    month: (await pool.query(`explain ${MONTH_REF}`, ['2026-01-01', '2026-02-01', id])).rows,
  };
  log(`plan latest-20, RLS: ${first(rls.latest)}`);
  log(`plan latest-20, ref: ${first(ref.latest)}`);
  log(`plan month,     RLS: ${first(rls.month)}`);
  log(`plan month,     ref: ${first(ref.month)}`);
}

interface Series {
  latestRls: number[];
  latestRef: number[];
  monthRls: number[];
  monthRef: number[];
  callRls: number[];
  callRef: number[];
  serverRls: number[];
  serverRef: number[];
}

/** Planning + execution time the server reports for one statement (EXPLAIN ANALYZE, no per-node timing). */
async function serverTime(client: pg.PoolClient, sql: string, params: unknown[]): Promise<number> {
  const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, summary, timing off, costs off) ${sql}`, params);
  const text = rows.map((r) => r['QUERY PLAN']).join('\n');
  return Number(/Planning Time: ([\d.]+)/.exec(text)?.[1]) + Number(/Execution Time: ([\d.]+)/.exec(text)?.[1]);
}

/** One run: `n` random people, each measured under RLS and with the reference, order alternating. */
async function measure(pool: pg.Pool, people: number, n: number, monthsBack: number[]): Promise<Series> {
  const s: Series = { latestRls: [], latestRef: [], monthRls: [], monthRef: [], callRls: [], callRef: [], serverRls: [], serverRef: [] };
  const client = await pool.connect();
  try {
    for (let i = 0; i < n; i++) {
      const id = benchPersonId(1 + Math.floor(Math.random() * people));
      const back = monthsBack[i % monthsBack.length]!;
      const now = new Date();
      const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString();
      const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back + 1, 1)).toISOString();
      const underRls = async () => {
        await client.query('begin');
        await client.query('set local role app_user');
        await client.query(`select pg_catalog.set_config('app.user_id', $1, true)`, [id]);
        s.latestRls.push(await time(() => client.query(LATEST_RLS, [20])));
        s.monthRls.push(await time(() => client.query(MONTH_RLS, [from, to])));
        if (i < 500) s.serverRls.push(await serverTime(client, MONTH_RLS, [from, to]));
        await client.query('commit');
      };
      const reference = async () => {
        await client.query('begin');
        s.latestRef.push(await time(() => client.query(LATEST_REF, [20, id])));
        s.monthRef.push(await time(() => client.query(MONTH_REF, [from, to, id])));
        if (i < 500) s.serverRef.push(await serverTime(client, MONTH_REF, [from, to, id]));
        await client.query('commit');
      };
      await inTurn(i, reference, underRls);
    }
  } finally {
    client.release();
  }
  // Whole calls, as a service makes them: withUser (BEGIN + SET LOCAL ROLE + set_config, query,
  // COMMIT + session reset) vs one autocommit query with the explicit filter.
  for (let i = 0; i < Math.min(n, 500); i++) {
    const id = benchPersonId(1 + Math.floor(Math.random() * people));
    await inTurn(
      i,
      async () => s.callRef.push(await time(() => pool.query(LATEST_REF, [20, id]))),
      async () => s.callRls.push(await time(() => withUser(pool, id, (c) => c.query(LATEST_RLS, [20])))),
    );
  }
  return s;
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const pool = ctx.db.pool;
  const people = scaled(10_000, ctx, 50);
  const meals = scaled(1_000_000, ctx, 5_000);
  const perRun = ctx.quick ? 200 : 2_000;
  ctx.log(`${people.toLocaleString('en-US')} people, ${meals.toLocaleString('en-US')} meal logs (${(meals / people).toFixed(0)} per person), ${perRun} people per run, ${ctx.runs} runs`);
  await load(pool, people, meals, ctx.log);
  await plans(pool, benchPersonId(1), ctx.log);
  const monthsBack = [0, 1, 2, 3, 5, 8, 11];

  // Sanity: the RLS path returns exactly what the explicit filter returns.
  for (const g of [1, Math.ceil(people / 2), people]) {
    const id = benchPersonId(g);
    const a = await withUser(pool, id, (c) => c.query(LATEST_RLS, [20]));
    const b = await pool.query(LATEST_REF, [20, id]);
    if (JSON.stringify(a.rows) !== JSON.stringify(b.rows) || a.rowCount !== 20) throw new Error(`RLS and the explicit filter disagree for person ${g}`);
  }

  await measure(pool, people, Math.min(perRun, 500), monthsBack); // warm-up, not reported
  const runs: Series[] = [];
  for (let r = 0; r < ctx.runs; r++) {
    runs.push(await measure(pool, people, perRun, monthsBack));
    const last = runs.at(-1)!;
    ctx.log(
      `run ${r + 1}: latest-20 p50 ${percentile(last.latestRls, 50).toFixed(3)} vs ${percentile(last.latestRef, 50).toFixed(3)} ms, ` +
        `month p50 ${percentile(last.monthRls, 50).toFixed(3)} vs ${percentile(last.monthRef, 50).toFixed(3)} ms`,
    );
  }
  const per = (key: keyof Series, p: number) => runs.map((s) => percentile(s[key], p));
  const reference = { what: 'superuser + WHERE user_id = $1', median: 0 };
  const target = { on: 'ratio' as const, op: '<=' as const, value: 1.2 };
  const rows: BenchRow[] = [];
  for (const [label, rls, ref] of [
    ['latest 20 meals of one person, app_user under RLS', 'latestRls', 'latestRef'],
    ['meals and calories of one person in a month, app_user under RLS', 'monthRls', 'monthRef'],
  ] as const) {
    for (const p of [50, 99]) {
      // Each run measures both sides interleaved, person by person: its own ratio is the fairest
      // figure on a busy machine, where whole runs speed up and slow down together.
      const paired = per(rls, p).map((v, i) => (v / per(ref, p)[i]!).toFixed(2)).join(', ');
      rows.push(row(label, `p${p} ms`, per(rls, p), { reference: { ...reference }, referenceSamples: per(ref, p), target, note: `p${p} ratio of each run: ${paired}` }));
    }
  }
  rows.push(
    row('server side only: planning + execution of the month query (EXPLAIN ANALYZE)', 'p50 ms', per('serverRls', 50), {
      reference: { what: 'the same for superuser + WHERE user_id', median: 0 },
      referenceSamples: per('serverRef', 50),
      note: 'informational, no target: without the round trip the fixed cost of row-level security (policy rewrite, permission checks, the init plan reading app.user_id) is a larger share',
    }),
    row('whole call: withUser(…) latest 20 (BEGIN + SET LOCAL ROLE + set_config in one message, query, COMMIT + session reset in one message)', 'p50 ms', per('callRls', 50), {
      reference: { what: 'one autocommit query with WHERE user_id', median: 0 },
      referenceSamples: per('callRef', 50),
      note: 'informational: the person context and the session reset cost two extra round trips per transaction, not per query; no target',
    }),
  );
  return rows;
}

if (isMain(import.meta.url)) await runStandalone(meta, run);
