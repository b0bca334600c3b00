// GDPR export and purge of a heavy person (issue 7) while other people keep writing.
//
// The heavy person (default size, scaled by --scale): 10,000 meal logs (+ 2 foods each, 1 in 10
// soft-deleted, 1,000 with an embedding), 500 conversations with 20,000 messages, 10,000 API-usage
// rows, 1,000 days of daily totals, one appliance with 1,000 cooking sessions and 1,000,000
// telemetry events over the last two years (monthly partitions), plus their auth rows. Eight other
// people have a little of everything; four of them are "writers": each on its own connection, in
// a loop of transactions as app_user (insert a meal log, insert 10 telemetry events, commit), from
// before the export until after the purge.
//
// Measured per run (a fresh heavy person each run):
//   - export: what `kitchen-db gdpr export` does — summary, then every part of every table (a month
//     of telemetry, or a whole small table) streamed with COPY, the next part built by the server on a
//     second connection in the same exported snapshot while this one is written (REPEATABLE READ, as
//     app_compliance), NDJSON written to /dev/null — seconds, MB, CPU on both sides, and this
//     process's RSS during it (bounded memory);
//   - purge: app.purge_user as app_compliance, committed — seconds (target < 5 s);
//   - the writers' slowest statement while the purge ran vs their median statement before the
//     export started (the longest lock wait they could have seen), and their slowest during the export.
import { createWriteStream } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import pg from 'pg';
import { withUser } from '../src/db/context.ts';
import { forCompliance } from '../src/areas/gdpr/gdpr.ts';
import { exportPerson as exportToStream } from '../src/areas/gdpr/export.ts';
import { backendCpuSeconds, isMain, median, percentile, row, runStandalone, scaled, time, type BenchContext, type BenchMeta, type BenchRow } from './lib.ts';

export const meta: BenchMeta = {
  name: 'gdpr',
  title: 'GDPR export and purge of a heavy person while others write',
  reproduce: 'node bench/gdpr.ts   (--quick for a small run, --scale=0.1, --runs=3)',
};

const VECTOR = `[${Array.from({ length: 1536 }, (_, i) => ((i % 13) / 100).toFixed(2)).join(',')}]`;

interface Sizes {
  meals: number;
  conversations: number;
  messages: number;
  apiUsage: number;
  days: number;
  sessions: number;
  telemetry: number;
}

async function createPersonRow(pool: pg.Pool, label: string): Promise<{ id: string; authId: string; email: string }> {
  const authId = `bench_${label}_${Math.random().toString(36).slice(2, 10)}`;
  const email = `${authId}@example.test`;
  await pool.query(`insert into auth."user" (id, name, email, "emailVerified") values ($1, $2, $3, true)`, [authId, label, email]);
  const { rows } = await pool.query<{ id: string }>(`insert into app.users (auth_id, email, name) values ($1, $2, $3) returning id`, [authId, email, label]);
  return { id: rows[0]!.id, authId, email };
}

/** Monthly partitions of app.telemetry_events for the last `months` months (the partition maintenance API). */
export async function premakePartitions(pool: pg.Pool, months: number): Promise<void> {
  for (let m = 0; m <= months; m++) {
    await pool.query(
      `select app_private.create_monthly_partition('app.telemetry_events', (date_trunc('month', now() at time zone 'UTC') - make_interval(months => $1))::date)`,
      [m],
    );
  }
}

/**
 * A person with rows everywhere, loaded set-based with triggers and FK checks off
 * (session_replication_role = replica: valid by construction, and soft-deleted rows carry their
 * deleted_at). Returns the appliance and one cooking session (for writers).
 */
export async function loadPerson(pool: pg.Pool, label: string, s: Sizes, recipeId: string): Promise<{ id: string; appliance: string; session: string }> {
  const p = await createPersonRow(pool, label);
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    const q = (sql: string, params: unknown[] = []) => client.query(sql, [p.id, ...params]);
    await q(`insert into app.user_preferences (user_id, diet) values ($1, 'vegetarian')`);
    await q(`insert into app.user_goals (user_id, goal_type, target_calories) values ($1, 'maintain', 2000)`);
    await q(`insert into app.push_tokens (user_id, platform, token) values ($1, 'android', 'bench-' || $1::uuid::text)`);
    await q(
      `insert into app.meal_logs (user_id, meal_time, meal_type, nutrition_totals, notes, is_deleted, deleted_at)
       select $1, now() - g * interval '105 minutes', (array['breakfast','lunch','dinner','snack'])[1 + g % 4],
              jsonb_build_object('calories', 200 + g % 600, 'protein_g', g % 40, 'carbs_g', g % 80, 'fat_g', g % 25),
              'meal ' || g, g % 10 = 0, case when g % 10 = 0 then now() end
         from generate_series(1, $2::int) g`,
      [s.meals],
    );
    await q(
      `insert into app.meal_foods (meal_log_id, user_id, name, quantity, unit, nutrition)
       select m.id, $1, f.name, 1, 'bowl', '{"calories": 150}' from app.meal_logs m, (values ('Dal'), ('Rice')) f(name) where m.user_id = $1`,
    );
    await q(
      `insert into app.embeddings (user_id, source_kind, source_id, content, embedding, model)
       select $1, 'meal_log', m.id, m.notes, $2::vector, 'bench' from app.meal_logs m where m.user_id = $1 limit $3`,
      [VECTOR, Math.ceil(s.meals / 10)],
    );
    await q(`insert into app.conversations (user_id, title, last_message_at) select $1, 'chat ' || g, now() from generate_series(1, $2::int) g`, [s.conversations]);
    await q(
      `insert into app.messages (conversation_id, user_id, role, content, created_at)
       select c.id, $1, (array['user','assistant'])[1 + g % 2], 'message ' || g || ' about protein, rice and dal', now() - g * interval '1 minute'
         from (select id, row_number() over () as n from app.conversations where user_id = $1) c, generate_series(1, $2::int) g`,
      [Math.ceil(s.messages / s.conversations)],
    );
    await q(
      `insert into app.api_usage (user_id, provider, model, input_tokens, output_tokens, cost_usd, feature, created_at)
       select $1, 'openai', 'gpt-bench', 300, 200, 0.0004, 'chat', now() - g * interval '1 hour' from generate_series(1, $2::int) g`,
      [s.apiUsage],
    );
    await q(
      `insert into app.daily_nutrition (user_id, day, meal_count, calories) select $1, current_date - g, 3, 1800 from generate_series(1, $2::int) g`,
      [s.days],
    );
    const { rows: a } = await q(
      `insert into app.appliances (user_id, device_id, serial_number, paired_at) values ($1, 'dev-' || $1::uuid::text, 'SN-' || $1::uuid::text, now() - interval '3 years') returning id`,
    );
    const appliance = a[0]!.id as string;
    // Sessions spread over the last two years; events evenly over the sessions.
    await q(
      `insert into app.cooking_sessions (user_id, appliance_id, recipe_id, status, started_at, completed_at)
       select $1, $2, $3, 'completed', now() - g * (interval '720 days' / $4::int), now() - g * (interval '720 days' / $4::int) + interval '1 hour'
         from generate_series(1, $4::int) g`,
      [appliance, recipeId, s.sessions],
    );
    await q(
      `insert into app.telemetry_events (appliance_id, session_id, user_id, event_type, payload, recorded_at)
       select $2, cs.id, $1, 'temperature', jsonb_build_object('celsius', 20 + j % 80, 'stage', j % 6), cs.started_at + j * interval '1 second'
         from app.cooking_sessions cs, generate_series(1, $3::int) j
        where cs.user_id = $1
        order by cs.started_at, j`, // in time order, as an appliance sends them (a session's events sit together)
      [appliance, Math.ceil(s.telemetry / s.sessions)],
    );
    await client.query(`insert into auth.session (id, "expiresAt", token, "userId") values ($1, now() + interval '7 days', $1, $2)`, [`s_${p.authId}`, p.authId]);
    await client.query(`insert into auth.account (id, "accountId", "providerId", "userId", password) values ($1, $2, 'credential', $2, 'hash')`, [`a_${p.authId}`, p.authId]);
    await client.query(`insert into auth.verification (id, identifier, value, "expiresAt") values ($1, $2, 'code', now() + interval '1 hour')`, [`v_${p.authId}`, p.email]);
    const { rows: sess } = await q(`select id from app.cooking_sessions where user_id = $1 order by started_at desc limit 1`);
    await client.query('commit');
    return { id: p.id, appliance, session: sess[0]!.id as string };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

interface Sample {
  /** Absolute times (performance.timeOrigin + performance.now()), comparable across threads. */
  start: number;
  end: number;
  ms: number;
}

interface WriterPerson {
  id: string;
  appliance: string;
  session: string;
}

const now = () => performance.timeOrigin + performance.now();

const WRITER_APP = 'gdpr-bench-writer';

/**
 * Watches the writers' backends in pg_stat_activity every ~10 ms: the longest time one of them was
 * seen continuously waiting for a heavyweight lock (wait_event_type = 'Lock'), and which locks.
 */
interface LockWatch {
  longestMs: number;
  samples: number;
  /** wait_event (relation, extend, transactionid, tuple …) → samples of a writer waiting on it. */
  waits: Record<string, number>;
}
function watchLockWaits(url: string): { stop(): Promise<LockWatch> } {
  let running = true;
  const done = (async (): Promise<LockWatch> => {
    const client = new pg.Client({ connectionString: url, application_name: 'gdpr-bench-watcher' });
    await client.connect();
    const since = new Map<number, number>();
    const waits: Record<string, number> = {};
    let longest = 0;
    let samples = 0;
    try {
      while (running) {
        const { rows } = await client.query<{ pid: number; lock: boolean; event: string | null }>(
          `select pid, wait_event_type = 'Lock' as lock, wait_event as event from pg_stat_activity where application_name = $1`,
          [WRITER_APP],
        );
        const t = now();
        samples++;
        for (const r of rows) {
          if (r.lock) {
            waits[r.event ?? '?'] = (waits[r.event ?? '?'] ?? 0) + 1;
            if (!since.has(r.pid)) since.set(r.pid, t);
            longest = Math.max(longest, t - since.get(r.pid)!);
          } else since.delete(r.pid);
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      await client.end();
    }
    return { longestMs: longest, samples, waits };
  })();
  return {
    async stop() {
      running = false;
      return done;
    },
  };
}

const describeWaits = (w: LockWatch) =>
  `${Object.entries(w.waits).map(([e, n]) => `${e} ×${n}`).join(', ') || 'none'} in ${w.samples} samples, longest ${w.longestMs.toFixed(0)} ms`;

/**
 * The writers run in a worker thread with its own event loop: the export's JSON work on the main
 * thread must not show up as the writers' latency.
 */
async function writerThread(url: string, people: WriterPerson[]): Promise<void> {
  let running = true;
  parentPort!.on('message', (m: string) => {
    if (m === 'stop') running = false;
  });
  const clients = await Promise.all(
    people.map(async () => {
      const client = new pg.Client({ connectionString: url, application_name: WRITER_APP });
      await client.connect();
      return client;
    }),
  );
  parentPort!.postMessage('ready');
  const loops = people.map(async (person, i) => {
    const samples: Sample[] = [];
    const client = clients[i]!;
    const timed = async (sql: string, params: unknown[] = []) => {
      const start = now();
      await client.query(sql, params);
      const end = now();
      samples.push({ start, end, ms: end - start });
    };
    try {
      while (running) {
        await client.query('begin');
        await client.query('set local role app_user');
        await client.query(`select set_config('app.user_id', $1, true)`, [person.id]);
        await timed(`insert into app.meal_logs (user_id, meal_time, meal_type, nutrition_totals) values (app.current_user_id(), now(), 'snack', '{"calories": 120}')`);
        await timed(
          `insert into app.telemetry_events (appliance_id, session_id, user_id, event_type, payload)
           select $1, $2, app.current_user_id(), 'temperature', jsonb_build_object('celsius', 90 + g) from generate_series(1, 10) g`,
          [person.appliance, person.session],
        );
        await timed('commit');
      }
    } finally {
      await client.end();
    }
    return samples;
  });
  parentPort!.postMessage((await Promise.all(loops)).flat());
}

/** Starts the writers' thread; stop() returns every statement they timed. */
function startWriters(url: string, people: WriterPerson[]): { ready: Promise<void>; stop(): Promise<Sample[]> } {
  const worker = new Worker(new URL(import.meta.url), { workerData: { gdprWriters: { url, people } } });
  let onReady: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const result = new Promise<Sample[]>((resolve, reject) => {
    worker.on('message', (m: Sample[] | 'ready') => (m === 'ready' ? onReady() : resolve(m)));
    worker.once('error', reject);
  });
  return {
    ready,
    async stop() {
      worker.postMessage('stop');
      const samples = await result;
      await worker.terminate();
      return samples;
    },
  };
}

/**
 * The CLI's export path (src/areas/gdpr/export.ts: NDJSON, each table streamed with COPY on a server), to
 * /dev/null. Returns rows, bytes, the peak RSS growth and the peak RSS of this process.
 */
async function exportPerson(pool: pg.Pool, userId: string): Promise<{ rows: number; bytes: number; rssGrowthMb: number; rssPeakMb: number }> {
  const sink = createWriteStream('/dev/null');
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const outcome = await exportToStream(pool, userId, sink, { format: 'ndjson', pageSize: 5000 });
    return { rows: outcome.totalRows, bytes: outcome.bytes, rssGrowthMb: (peak - rss0) / 2 ** 20, rssPeakMb: peak / 2 ** 20 };
  } finally {
    clearInterval(sampler);
    sink.end();
  }
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const pool = ctx.db.pool;
  const heavy: Sizes = {
    meals: scaled(10_000, ctx, 100),
    conversations: scaled(500, ctx, 5),
    messages: scaled(20_000, ctx, 100),
    apiUsage: scaled(10_000, ctx, 100),
    days: Math.min(1000, scaled(1000, ctx, 10)),
    sessions: scaled(1000, ctx, 10),
    telemetry: scaled(1_000_000, ctx, 1000),
  };
  const light: Sizes = { meals: 200, conversations: 5, messages: 100, apiUsage: 100, days: 30, sessions: 5, telemetry: 2000 };
  ctx.log(`heavy person: ${JSON.stringify(heavy)}; 8 other people (4 writing during export and purge); ${ctx.runs} runs`);

  const t0 = Date.now();
  await premakePartitions(pool, 25);
  const { rows: r } = await pool.query<{ id: string }>(
    `insert into app.recipes (name, category, recipe_data, difficulty, time_minutes, is_published) values ('Bench dal', 'curry', $1, 'easy', 30, true) returning id`,
    [JSON.stringify({ stages: [{ name: 'simmer', temp_target: 95, duration_seconds: 600 }] })],
  );
  const recipeId = r[0]!.id;
  const others = [];
  for (let i = 0; i < 8; i++) others.push(await loadPerson(pool, `other${i}`, light, recipeId));
  ctx.log(`others loaded in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const series = { exportServerCpu: [] as number[], exportClientCpu: [] as number[], rssPeak: [] as number[], export: [] as number[], purge: [] as number[], mb: [] as number[], rss: [] as number[], base: [] as number[], duringPurge: [] as number[], duringExport: [] as number[], exportP99: [] as number[], lockWait: [] as number[], baseLockWait: [] as number[], purgeCpu: [] as number[] };
  for (let run = 0; run < ctx.runs; run++) {
    const t1 = Date.now();
    const h = await loadPerson(pool, `heavy${run}`, heavy, recipeId);
    // Years-old data has been vacuumed by autovacuum long ago (visibility map set, hint bits written).
    await pool.query('vacuum (analyze)');
    const { rows: counts } = await pool.query<{ n: number }>(`select count(*)::int as n from app.telemetry_events where user_id = $1`, [h.id]);
    ctx.log(`run ${run + 1}: heavy person loaded in ${((Date.now() - t1) / 1000).toFixed(1)} s (${counts[0]!.n.toLocaleString('en-US')} telemetry events)`);

    const writers = startWriters(ctx.db.url, others.slice(0, 4));
    await writers.ready;
    const baselineWatch = watchLockWaits(ctx.db.url);
    await new Promise((resolve) => setTimeout(resolve, 2000)); // baseline
    const baseLocks = await baselineWatch.stop();
    const exportStart = now();
    let exported = { rows: 0, bytes: 0, rssGrowthMb: 0, rssPeakMb: 0 };
    // CPU of the export on both sides (what load on the machine does not inflate much): every
    // backend of this database except the writers', and this process.
    const backends = async () =>
      (await pool.query<{ pid: number }>(`select pid from pg_stat_activity where datname = current_database() and application_name <> $1`, [WRITER_APP])).rows.map((r) => r.pid);
    const cpuOf = (pids: number[]) => new Map(pids.map((pid) => [pid, backendCpuSeconds(pid) ?? 0]));
    const before0 = cpuOf(await backends());
    // The main thread only (the writers run in a worker thread of this process).
    const threadCpu = (prev?: NodeJS.CpuUsage) => ((process as unknown as { threadCpuUsage?: (p?: NodeJS.CpuUsage) => NodeJS.CpuUsage }).threadCpuUsage ?? process.cpuUsage)(prev);
    const client0 = threadCpu();
    const exportMs = await time(async () => (exported = await exportPerson(pool, h.id)));
    const clientCpu = (() => { const u = threadCpu(client0); return (u.user + u.system) / 1e6; })();
    // Per backend alive after the export: its CPU since before (a backend that appeared meanwhile started at 0).
    const exportServerCpu = [...cpuOf(await backends())].reduce((sum, [pid, cpu]) => sum + cpu - (before0.get(pid) ?? 0), 0);
    series.exportServerCpu.push(exportServerCpu);
    series.exportClientCpu.push(clientCpu);
    const exportEnd = now();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const watcher = watchLockWaits(ctx.db.url);
    // The purge on a connection of its own, to read its backend's CPU time from /proc.
    const purger = await pool.connect();
    const { rows: pidRow } = await purger.query<{ pid: number }>('select pg_backend_pid() as pid');
    const cpu0 = backendCpuSeconds(pidRow[0]!.pid);
    const purgeStart = now();
    let purged: { total_rows: number } = { total_rows: 0 };
    const purgeMs = await time(async () => {
      await purger.query('begin');
      try {
        await purger.query('set local role app_compliance');
        purged = await forCompliance.purgeUser(purger, h.id);
        await purger.query('commit');
      } catch (error) {
        await purger.query('rollback').catch(() => {});
        throw error;
      }
    });
    const purgeEnd = now();
    const cpu1 = backendCpuSeconds(pidRow[0]!.pid);
    purger.release();
    const locks = await watcher.stop();
    if (cpu0 !== null && cpu1 !== null) series.purgeCpu.push(cpu1 - cpu0);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const samples = await writers.stop();

    if (purged.total_rows !== exported.rows) throw new Error(`purge deleted ${purged.total_rows} rows, the export had ${exported.rows}`);
    const { rows: left } = await pool.query<{ n: number }>(
      `select (select count(*) from app.telemetry_events where user_id = $1) + (select count(*) from app.meal_logs where user_id = $1) as n`,
      [h.id],
    );
    if (Number(left[0]!.n) !== 0) throw new Error('rows left after the purge');
    // The writers must still be fine: a purge must not touch them.
    const still = await withUser(pool, others[0]!.id, (c) => c.query('select count(*)::int as n from app.meal_logs'));
    if (still.rows[0].n < light.meals) throw new Error('a writer lost rows');

    const before = samples.filter((s) => s.end < exportStart).map((s) => s.ms);
    const overlapping = (a: number, b: number) => samples.filter((s) => s.start < b && s.end > a).map((s) => s.ms);
    const inPurge = overlapping(purgeStart, purgeEnd);
    const inExport = overlapping(exportStart, exportEnd);
    series.export.push(exportMs / 1000);
    series.purge.push(purgeMs / 1000);
    series.mb.push(exported.bytes / 2 ** 20);
    series.rss.push(exported.rssGrowthMb);
    series.rssPeak.push(exported.rssPeakMb);
    series.base.push(median(before));
    series.duringPurge.push(Math.max(...inPurge));
    series.duringExport.push(Math.max(...inExport));
    series.exportP99.push(percentile(inExport, 99));
    series.lockWait.push(locks.longestMs);
    series.baseLockWait.push(baseLocks.longestMs);
    ctx.log(
      `run ${run + 1}: export ${(exportMs / 1000).toFixed(2)} s (CPU: server ${exportServerCpu.toFixed(2)} s, this process ${clientCpu.toFixed(2)} s; ${exported.rows.toLocaleString('en-US')} rows, ${(exported.bytes / 2 ** 20).toFixed(0)} MB, RSS +${exported.rssGrowthMb.toFixed(0)} MB, peak ${exported.rssPeakMb.toFixed(0)} MB), ` +
        `purge ${(purgeMs / 1000).toFixed(2)} s (backend CPU ${cpu0 !== null && cpu1 !== null ? (cpu1 - cpu0).toFixed(2) : '?'} s); writer statements: median before ${median(before).toFixed(2)} ms (${before.length}), ` +
        `max during export ${Math.max(...inExport).toFixed(1)} ms (${inExport.length}), max during purge ${Math.max(...inPurge).toFixed(1)} ms (${inPurge.length}); ` +
        `writers' lock waits before the export: ${describeWaits(baseLocks)}; during the purge: ${describeWaits(locks)}`,
    );
  }

  const baseline = { what: 'writers\' median statement before the export, ms', median: 0 };
  return [
    row('export of the heavy person (CLI path: NDJSON, COPY part by part on 2 connections in one snapshot)', 's', series.export, {
      target: { on: 'median', op: '<=', value: 10 },
      note: `${median(series.mb).toFixed(0)} MB of NDJSON; this process's RSS grew by at most ${Math.max(...series.rss).toFixed(0)} MB during the export (peak RSS ${Math.max(...series.rssPeak).toFixed(0)} MB): the lines stream from the server to the file, nothing is held but COPY's chunks; each server backend holds at most one part (a month of telemetry, in its 64 MB work_mem)`,
    }),
    row('export: CPU of the server backends (utime+stime from /proc)', 's', series.exportServerCpu, {
      note: 'the server work of the export, both connections (the lines built by app.export_user_table_part_lines, the summary), which other load on the machine does not inflate much',
    }),
    row('export: CPU of this process\'s main thread (Node: COPY chunks, SHA-256, writing)', 's', series.exportClientCpu),
    row('export: peak RSS of this process during the export', 'MB', series.rssPeak),
    row('purge of the heavy person (app.purge_user, committed)', 's', series.purge, { target: { on: 'median', op: '<', value: 5 } }),
    ...(series.purgeCpu.length
      ? [
          row('purge: CPU of its server backend (utime+stime from /proc)', 's', series.purgeCpu, {
            target: { on: 'median', op: '<', value: 5 },
            note: 'the server work of the purge, which other load on the machine does not inflate (wall time does, on a busy machine)',
          }),
        ]
      : []),
    row('writers\' slowest statement while the purge ran', 'ms', series.duringPurge, { reference: { ...baseline }, referenceSamples: series.base }),
    row('writers\' longest heavyweight-lock wait during the purge (pg_stat_activity every ~10 ms)', 'ms', series.lockWait, {
      note: `a writer seen waiting for a lock in consecutive samples (0 = never in two samples in a row); during the 2 s before the export: max ${Math.max(...series.baseLockWait).toFixed(0)} ms. The run log says which locks (extend = writers extending the same table among themselves)`,
    }),
    row('writers\' slowest statement while the export ran', 'ms', series.duringExport, { reference: { ...baseline }, referenceSamples: series.base }),
    row('writers\' p99 statement while the export ran', 'ms', series.exportP99, { reference: { ...baseline }, referenceSamples: series.base }),
  ];
}

if (!isMainThread && (workerData as { gdprWriters?: { url: string; people: WriterPerson[] } } | null)?.gdprWriters) {
  const { url, people } = (workerData as { gdprWriters: { url: string; people: WriterPerson[] } }).gdprWriters;
  await writerThread(url, people);
} else if (isMainThread && isMain(import.meta.url)) {
  await runStandalone(meta, run);
}
