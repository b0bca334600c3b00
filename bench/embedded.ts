// Embedded vs native engine (issue 10): the meal-history query — a person's latest 20 meals through
// kdb.asUser(id, (me) => me.meals.listMeals({ limit: 20 })) — on the native server (this
// benchmark's test database) and on the embedded engine (PGlite, PostgreSQL 18 in WebAssembly,
// in memory, served on a loopback socket by this same process: how `kitchen-db` runs without a
// server), with the same dataset loaded into both: 10,000 people, 1,000,000 meal logs (scaled by
// --scale), deterministic (meal g belongs to person 1 + g % people, id md5('meal' || g), time
// now() minus a fixed offset of g), so both engines return the same pages. p50 and p99 of each,
// calls alternating between the engines person by person; the ratio embedded/native is reported,
// without a target (PGlite is for development and demos, not for production). Then telemetry
// ingest: the same batches through ingestTelemetry on each engine in turn, rows/s.
import type pg from 'pg';
import { startEmbedded, type EmbeddedServer } from '../src/db/embedded.ts';
import { migrateDatabase, OWNER_ROLE } from '../src/db/migrate.ts';
import { createPool } from '../src/db/pool.ts';
import { kitchenDbFromPool, type KitchenDb } from '../src/api/kitchen.ts';
import { ingestTelemetry } from '../src/areas/telemetry.ts';
import { insertDevices, makeDevices } from './telemetry.ts';
import { benchPersonId, bulk, createBenchPeople, inChunks, inTurn, isMain, percentile, row, runStandalone, scaled, serverVersion, time, type BenchContext, type BenchMeta, type BenchRow } from './lib.ts';

export const meta: BenchMeta = {
  name: 'embedded',
  title: 'Embedded engine (PGlite) vs the native server: the meal-history query and telemetry ingest through the API',
  reproduce: 'node bench/embedded.ts   (--quick for a small run, --scale=0.1, --runs=5; needs a native server)',
};

/** The same rows on either engine: people, then meals in statements of `chunk`, triggers and FK checks off. */
async function load(pool: pg.Pool, people: number, meals: number, chunk: number, log: (m: string) => void): Promise<number> {
  const t0 = Date.now();
  await createBenchPeople(pool, people);
  await inChunks(meals, chunk, async (from, to) => {
    // Over the last 365 days; (g × 2654435761) mod 31,536,000 scatters the times deterministically.
    await bulk(
      pool,
      `insert into app.meal_logs (id, user_id, meal_time, meal_type, nutrition_totals, created_at)
       select md5('meal' || g)::uuid, md5('bench' || (1 + g % $3))::uuid,
              now() - ((g::bigint * 2654435761) % 31536000) * interval '1 second',
              (array['breakfast', 'lunch', 'dinner', 'snack'])[1 + g % 4],
              jsonb_build_object('calories', 150 + g % 700, 'protein_g', g % 45, 'carbs_g', g % 90, 'fat_g', g % 30),
              now()
         from generate_series($1::int, $2::int) g`,
      [from, to, people],
    );
    if (to % 200_000 === 0 || to === meals) log(`  ${to.toLocaleString('en-US')} / ${meals.toLocaleString('en-US')} meal logs (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  });
  await pool.query('vacuum (analyze) app.meal_logs');
  await pool.query('analyze app.users');
  return (Date.now() - t0) / 1000;
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  if (ctx.db.engine === 'embedded') throw new Error('bench/embedded.ts compares the embedded engine with a native server: set TEST_DATABASE_URL');
  const people = scaled(10_000, ctx, 50);
  const meals = scaled(1_000_000, ctx, 5_000);
  const perRun = ctx.quick ? 200 : 1_000;
  ctx.log(`${people.toLocaleString('en-US')} people, ${meals.toLocaleString('en-US')} meal logs on each engine; ${perRun} people per run, ${ctx.runs} runs`);

  const native = { kdb: ctx.db.kdb, pool: ctx.db.pool, version: await serverVersion(ctx.db.pool) };
  ctx.log(`native: ${native.version}; loading both engines at once (the loads are not measured: the server's backend and this process's PGlite each take a core)`);
  const nativeLoading = load(native.pool, people, meals, 200_000, (m) => ctx.log(`native ${m.trim()}`));
  // Settled at once (a failure is rethrown below, after the embedded side is stopped).
  nativeLoading.catch(() => {});

  let server: EmbeddedServer | undefined;
  let pool: pg.Pool | undefined;
  try {
    const t0 = Date.now();
    // As createTestDatabase does on the embedded engine: migrate once, then start a fresh PGlite
    // from that data folder (a new session: the migration's role does not linger in it).
    const builder = await startEmbedded();
    try {
      await migrateDatabase(builder.url, { owner: OWNER_ROLE });
      const migrated = await builder.db.dumpDataDir('none');
      server = await startEmbedded({ loadDataDir: migrated });
    } finally {
      await builder.stop();
    }
    pool = await createPool(server.url, { max: 8, source: 'the embedded engine' });
    const embedded: { kdb: KitchenDb; pool: pg.Pool; version: string } = { kdb: kitchenDbFromPool(pool), pool, version: await serverVersion(pool) };
    ctx.log(`embedded: ${embedded.version}, in memory, migrated in ${((Date.now() - t0) / 1000).toFixed(1)} s; loading`);
    const embeddedLoad = await load(embedded.pool, people, meals, 50_000, (m) => ctx.log(`embedded ${m.trim()}`));
    const nativeLoad = await nativeLoading;
    ctx.log(`loaded in ${nativeLoad.toFixed(0)} s (native) and ${embeddedLoad.toFixed(0)} s (embedded, after its migration), side by side; whole setup ${((Date.now() - t0) / 1000).toFixed(0)} s`);

    const page = (kdb: KitchenDb, id: string) => kdb.asUser(id, (me) => me.meals.listMeals({ limit: 20 }));
    // Sanity: the same page from both engines.
    for (const g of [1, Math.ceil(people / 2), people]) {
      const [a, b] = [await page(native.kdb, benchPersonId(g)), await page(embedded.kdb, benchPersonId(g))];
      const ids = (p: typeof a) => p.items.map((m) => m.id).join();
      if (a.items.length !== 20 || ids(a) !== ids(b)) throw new Error(`the engines return different pages for person ${g}`);
    }
    const measure = async (n: number) => {
      const s = { native: [] as number[], embedded: [] as number[] };
      for (let i = 0; i < n; i++) {
        const id = benchPersonId(1 + Math.floor(Math.random() * people));
        const a = async () => s.native.push(await time(() => page(native.kdb, id)));
        const b = async () => s.embedded.push(await time(() => page(embedded.kdb, id)));
        await inTurn(i, a, b);
      }
      return s;
    };
    await measure(Math.min(perRun, 300)); // warm-up, not reported
    const runs: { native: number[]; embedded: number[] }[] = [];
    for (let r = 0; r < ctx.runs; r++) {
      runs.push(await measure(perRun));
      const last = runs.at(-1)!;
      ctx.log(`run ${r + 1}: p50 ${percentile(last.embedded, 50).toFixed(3)} ms embedded vs ${percentile(last.native, 50).toFixed(3)} ms native`);
    }
    // Telemetry ingest: the same batches (one per appliance and person) through ingestTelemetry on one
    // connection, into an empty app.telemetry_events with every index, on each engine in turn.
    const devices = makeDevices(scaled(20, ctx, 2), ctx.quick ? 250 : 1000);
    const batches = devices.map((d) => ({ userId: d.userId, applianceId: d.applianceId, events: d.events }));
    const events = batches.reduce((n, b) => n + b.events.length, 0);
    await insertDevices(native.pool, devices);
    await insertDevices(embedded.pool, devices);
    const ingest = { native: [] as number[], embedded: [] as number[] };
    for (let r = 0; r < ctx.runs; r++) {
      for (const [key, engine] of (r % 2 ? [['embedded', embedded], ['native', native]] : [['native', native], ['embedded', embedded]]) as ['native' | 'embedded', typeof native][]) {
        await engine.pool.query('truncate app.telemetry_events');
        const ms = await time(async () => {
          const result = await ingestTelemetry(engine.pool, batches, { connections: 1 });
          if (result.failed.length || result.inserted !== events) throw new Error(`${key}: ingestTelemetry wrote ${result.inserted} of ${events} events`);
        });
        ingest[key].push(events / (ms / 1000));
      }
      ctx.log(`run ${r + 1}: ingest ${Math.round(ingest.embedded.at(-1)!).toLocaleString('en-US')} rows/s embedded vs ${Math.round(ingest.native.at(-1)!).toLocaleString('en-US')} native`);
    }

    const per = (key: 'native' | 'embedded', p: number) => runs.map((s) => percentile(s[key], p));
    const label = 'meal history (latest 20, me.meals.listMeals)';
    const rows: BenchRow[] = [];
    for (const p of [50, 99]) {
      rows.push(
        row(`${label}, embedded engine (${embedded.version}, in memory)`, `p${p} ms (whole call)`, per('embedded', p), {
          reference: { what: `the same on the native server (${native.version.replace(/ \(.*$/, '')})`, median: 0 },
          referenceSamples: per('native', p),
          ...(p === 50
            ? { note: `ratio = embedded / native, reported without a target; calls alternate between the engines person by person; load time ${embeddedLoad.toFixed(0)} s embedded, ${nativeLoad.toFixed(0)} s native, loaded side by side` }
            : {}),
        }),
      );
    }
    for (const p of [50, 99]) rows.push(row(`${label}, native server`, `p${p} ms (whole call)`, per('native', p)));
    rows.push(
      row(`telemetry ingest (ingestTelemetry, 1 connection, all indexes), embedded engine`, 'rows/s', ingest.embedded, {
        reference: { what: `the same on the native server`, median: 0 },
        referenceSamples: ingest.native,
        note: `${events.toLocaleString('en-US')} events in ${batches.length} batches of ${devices[0]!.events.length} (one transaction each as its person); ratio = embedded / native, no target; the engines take turns`,
      }),
      row(`telemetry ingest (ingestTelemetry, 1 connection, all indexes), native server`, 'rows/s', ingest.native),
    );
    return rows;
  } finally {
    await pool?.end();
    await server?.stop();
    // Never leave the native load running into the database's teardown.
    await nativeLoading.catch(() => {});
  }
}

if (isMain(import.meta.url)) await runStandalone(meta, run);
