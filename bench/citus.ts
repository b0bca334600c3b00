// The cost of the distributed hop (issue 17): the same person queries and telemetry batches on a
// Citus cluster (1 coordinator + 2 workers on this machine, scripts/ci/start-citus.sh) and on the
// single server of this run, interleaved, plus EXPLAIN task counts and the time `distribute()` takes
// for the loaded database. Opt-in: `node bench/run.ts --only=citus` (or `node bench/citus.ts`).
//
// The cluster: CITUS_ROOT_URL + CITUS_WORKER_URLS when set (eval "$(bash scripts/ci/start-citus.sh)"),
// else a throwaway one started here and removed at the end (Citus must be installed:
// scripts/ci/provision-citus.sh). Both databases get the same rows, loaded before distribution
// (as a DBA moving to Citus has them), then the cluster's is distributed (app_private.distribute()).
// Queries run as the superuser with the person's id in the WHERE clause, the form every person
// query takes (docs/scale-out.md, "Routing"); the RLS path adds the same per-transaction settings
// on both engines.
// Default size: 2,000 people, 100,000 meal logs, 20 batches of 500 telemetry events per run.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createCitusDatabase, type CitusNodes } from '../test/support/citus.ts';
import { benchPersonId, createBenchPeople, inChunks, inTurn, isMain, percentile, row, runStandalone, scaled, time, type BenchContext, type BenchMeta, type BenchRow } from './lib.ts';

export const meta: BenchMeta = {
  name: 'citus',
  title: 'Citus: person queries and telemetry batches on a 3-node cluster vs the single server, EXPLAIN task counts',
  reproduce: 'node bench/run.ts --only=citus   (or node bench/citus.ts; --quick for a small run)',
};

const SCRIPTS = fileURLToPath(new URL('../scripts/ci/', import.meta.url));
const BATCH = 500;

const LATEST = `select id, meal_time, meal_type, nutrition_totals from app.meal_logs
  where user_id = $1 and not is_deleted order by meal_time desc limit 20`;
const ALL_PEOPLE = `select count(*) from app.meal_logs where not is_deleted`;

/** The cluster of CITUS_ROOT_URL/CITUS_WORKER_URLS, or a throwaway one (stopped by stop()). */
function cluster(log: (m: string) => void): { nodes: CitusNodes; stop(): void } {
  const root = process.env.CITUS_ROOT_URL;
  const workers = (process.env.CITUS_WORKER_URLS ?? '').split(/\s+/).filter(Boolean);
  if (root && workers.length) return { nodes: { coordinator: root, workers: workers.map(maintenance) }, stop() {} };
  let out: string;
  try {
    out = execFileSync('bash', [`${SCRIPTS}start-citus.sh`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    throw new Error(`no Citus cluster (CITUS_ROOT_URL/CITUS_WORKER_URLS unset) and none could be started: ${((error as { stderr?: string }).stderr ?? String(error)).trim()} — run scripts/ci/provision-citus.sh first`);
  }
  const env: Record<string, string> = {};
  for (const m of out.matchAll(/^export (\w+)='([^']*)'$/gm)) env[m[1]!] = m[2]!;
  const dir = env.CITUS_DIR!;
  log(`a throwaway Citus cluster (scripts/ci/start-citus.sh) in ${dir}; removed at the end`);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    if (existsSync(dir)) execFileSync('bash', [`${SCRIPTS}stop-citus.sh`, dir], { stdio: 'ignore' });
  };
  process.once('exit', stop);
  return { nodes: { coordinator: env.CITUS_ROOT_URL!, workers: env.CITUS_WORKER_URLS!.split(' ').map(maintenance) }, stop };
}

function maintenance(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** The same rows on both: people, one appliance each, meal logs of everyone interleaved. */
async function load(pool: pg.Pool, people: number, meals: number): Promise<void> {
  await createBenchPeople(pool, people);
  await pool.query(
    `insert into app.appliances (id, user_id, device_id, serial_number)
     select md5('appliance' || g)::uuid, md5('bench' || g)::uuid, 'dev-' || g, 'sn-' || g from generate_series(1, $1) g`,
    [people],
  );
  // Plain inserts (no session_replication_role): the database is not distributed yet, so the
  // triggers run locally as on any server, and distribute() pauses them while it copies the rows.
  await inChunks(meals, 50_000, async (from, to) => {
    await pool.query(
      `insert into app.meal_logs (user_id, meal_time, meal_type, nutrition_totals)
       select md5('bench' || (1 + g % $3))::uuid, now() - (random() * interval '365 days'),
              (array['breakfast', 'lunch', 'dinner', 'snack'])[1 + g % 4],
              jsonb_build_object('calories', 150 + g % 700, 'protein_g', g % 45, 'carbs_g', g % 90, 'fat_g', g % 30)
         from generate_series($1::int, $2::int) g`,
      [from, to, people],
    );
  });
  await pool.query('delete from pgboss.job');
}

/** One appliance's batch: BATCH events in one multi-row INSERT (what an appliance upload is). */
function batch(g: number, n: number): { text: string; values: unknown[] } {
  const user = benchPersonId(g);
  const appliance = md5Uuid(`appliance${g}`);
  const values: unknown[] = [appliance, user];
  const rows: string[] = [];
  const t0 = Date.now() - 60_000 * n;
  for (let i = 0; i < n; i++) {
    values.push(JSON.stringify({ celsius: 20 + (i % 150) }), new Date(t0 + i * 100).toISOString());
    rows.push(`($1, $2, 'temperature', $${values.length - 1}::jsonb, $${values.length}::timestamptz)`);
  }
  return { text: `insert into app.telemetry_events (appliance_id, user_id, event_type, payload, recorded_at) values ${rows.join(', ')}`, values };
}
/** md5(s)::uuid, as SQL computes it. */
function md5Uuid(s: string): string {
  const h = createHash('md5').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

async function taskCount(pool: pg.Pool, sql: string, values: unknown[]): Promise<number> {
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(`explain ${sql}`, values);
  const line = rows.map((r) => r['QUERY PLAN']).find((l) => /Task Count:/.test(l));
  return line ? Number(/Task Count: (\d+)/.exec(line)![1]) : NaN;
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const people = scaled(2_000, ctx, 20);
  const meals = scaled(100_000, ctx, 2_000);
  const batches = Math.max(5, scaled(20, ctx, 5));
  const queries = Math.max(50, scaled(300, ctx, 50));
  const c = cluster(ctx.log);
  // Where a Citus test file's set-up goes (test/support/citus.ts builds one such database per file):
  // an empty database built, distributed and dropped, phase by phase.
  const setup: Record<string, number> = {};
  const s0 = Date.now();
  const empty = await createCitusDatabase({ nodes: c.nodes, timings: setup });
  setup['total (built and distributed)'] = Date.now() - s0;
  const d0 = Date.now();
  await empty.drop();
  setup['drop on every node'] = Date.now() - d0;
  ctx.log(`a test file's database: ${Object.entries(setup).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ')}`);
  const citus = await createCitusDatabase({ nodes: c.nodes, distribute: false });
  const cpool = new pg.Pool({ connectionString: citus.url, max: 2 });
  try {
    const single = ctx.db.pool;
    let t0 = Date.now();
    await Promise.all([load(single, people, meals), load(cpool, people, meals)]);
    ctx.log(`loaded ${people} people, ${meals.toLocaleString('en-US')} meal logs on both in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    t0 = Date.now();
    const distributed = (await cpool.query<{ r: { distributed: string[]; reference: string[] } }>('select app_private.distribute() as r')).rows[0]!.r;
    const distributeSeconds = (Date.now() - t0) / 1000;
    ctx.log(`distribute(): ${distributed.distributed.length} distributed + ${distributed.reference.length} reference tables in ${distributeSeconds.toFixed(1)} s`);
    await cpool.query('analyze');
    await single.query('analyze');
    const shards = Number((await cpool.query(`select count(*) from pg_dist_shard where logicalrelid = 'app.meal_logs'::regclass`)).rows[0].count);

    const tasks = {
      person: await taskCount(cpool, LATEST, [benchPersonId(1)]),
      all: await taskCount(cpool, ALL_PEOPLE, []),
      ingest: await taskCount(cpool, batch(1, 3).text, batch(1, 3).values),
    };
    ctx.log(`EXPLAIN task counts: person query ${tasks.person}, all people ${tasks.all}, one appliance's batch ${tasks.ingest} (shards per table: ${shards})`);

    const latest = { cluster: [] as number[], single: [] as number[] };
    const ingest = { cluster: [] as number[], single: [] as number[] };
    for (let r = 0; r < ctx.runs; r++) {
      const lc: number[] = [];
      const ls: number[] = [];
      for (let i = 0; i < queries; i++) {
        const id = benchPersonId(1 + ((i * 7919 + r) % people));
        await inTurn(i, async () => lc.push(await time(() => cpool.query(LATEST, [id]))), async () => ls.push(await time(() => single.query(LATEST, [id]))));
      }
      latest.cluster.push(percentile(lc, 50));
      latest.single.push(percentile(ls, 50));
      let tc = 0;
      let ts = 0;
      for (let i = 0; i < batches; i++) {
        const b = batch(1 + ((i * 31 + r) % people), BATCH);
        await inTurn(i, async () => (tc += await time(() => cpool.query(b.text, b.values))), async () => (ts += await time(() => single.query(b.text, b.values))));
      }
      ingest.cluster.push((batches * BATCH) / (tc / 1000));
      ingest.single.push((batches * BATCH) / (ts / 1000));
      ctx.log(`run ${r + 1}: latest-20 p50 ${percentile(lc, 50).toFixed(2)} ms cluster / ${percentile(ls, 50).toFixed(2)} ms single; ingest ${ingest.cluster.at(-1)!.toFixed(0)} / ${ingest.single.at(-1)!.toFixed(0)} rows/s`);
    }
    return [
      row('person latest-20 meal logs (WHERE user_id = $1), single server', 'p50 ms', latest.single),
      row('person latest-20 meal logs, Citus (1 task)', 'p50 ms', latest.cluster, { reference: { what: 'single server', median: 0 }, referenceSamples: latest.single }),
      row(`telemetry: one appliance's batch of ${BATCH} (multi-row INSERT), single server`, 'rows/s', ingest.single),
      row(`telemetry batch of ${BATCH}, Citus`, 'rows/s', ingest.cluster, { reference: { what: 'single server', median: 0 }, referenceSamples: ingest.single }),
      row('EXPLAIN Task Count: person query / all-people count / one batch', 'tasks', [tasks.person], {
        note: `${tasks.person} / ${tasks.all} / ${tasks.ingest} (${shards} shards per table)`,
      }),
      row(`distribute() of the loaded database (${people} people, ${meals.toLocaleString('en-US')} meal logs)`, 's', [distributeSeconds]),
      ...Object.entries(setup).map(([phase, ms]) => row(`a test file's empty database: ${phase}`, 's', [ms / 1000])),
    ];
  } finally {
    await cpool.end();
    await citus.drop();
    c.stop();
  }
}

if (isMain(import.meta.url)) await runStandalone(meta, run);
