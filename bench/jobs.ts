// Job worker (issue 8): throughput of pg-boss in kitchen-db's database, and of the embed job.
//   - pg-boss's own CI speed test, reproduced as the reference: insert 5,000 jobs, fetch them in
//     one fetch, complete them (pg-boss requires under 9 s, i.e. ≥ 556 jobs/s);
//   - a no-op queue worked the way the worker works its queues (work() with batchSize 32 ×
//     localConcurrency 2, burst while batches come back full, per-job results): 5,000 jobs from
//     the first fetch to the last completion, in jobs/s. Target ≥ 1,000 jobs/s;
//   - assistant.embed with the local hashing embedder, run by `kitchen-db worker --queues
//     assistant.embed` in a child process: messages inserted beforehand (their jobs enqueued by the
//     trigger), jobs/s from the first job's start to the last job's completion (pg-boss's own
//     timestamps), and the worker process's peak RSS (VmHWM).
// pg-boss's connections act as app_worker (on a server), as in production.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PgBoss } from 'pg-boss';
import { isMain, row, runStandalone, scaled, type BenchContext, type BenchMeta, type BenchRow } from './lib.ts';

export const meta: BenchMeta = {
  name: 'jobs',
  title: 'Job worker: pg-boss no-op throughput vs pg-boss\'s own speed test, assistant.embed with the local embedder, worker peak RSS',
  reproduce: 'node bench/jobs.ts   (--quick for a small run, --runs=5)',
};

const BIN = fileURLToPath(new URL('../bin/kitchen-db.js', import.meta.url));
const NOOP = 'bench.noop';

function newBoss(ctx: BenchContext): PgBoss {
  const boss = new PgBoss({
    connectionString: ctx.db.url,
    migrate: false,
    supervise: false,
    schedule: false,
    max: 10,
    ...(ctx.db.engine === 'embedded' ? {} : { options: '-c role=app_worker' }),
  });
  boss.on('error', (e) => ctx.log(`pg-boss error: ${e.message}`));
  return boss;
}

/** pg-boss's test/speedTest: insert, one fetch of every job, complete them. Seconds. */
async function speedTest(boss: PgBoss, jobs: number): Promise<number> {
  const data = Array.from({ length: jobs }, (_, index) => ({ data: { index } }));
  const t0 = performance.now();
  await boss.insert(NOOP, data);
  const fetched = await boss.fetch(NOOP, { batchSize: jobs });
  if (fetched.length !== jobs) throw new Error(`fetched ${fetched.length} of ${jobs}`);
  await boss.complete(NOOP, fetched.map((j) => j.id));
  return (performance.now() - t0) / 1000;
}

/** work() as the worker registers its queues, no-op handler: seconds from start to the last completion. */
async function workNoop(boss: PgBoss, jobs: number): Promise<number> {
  await boss.insert(NOOP, Array.from({ length: jobs }, (_, index) => ({ data: { index } })));
  let done = 0;
  let finished!: () => void;
  const all = new Promise<void>((resolve) => (finished = resolve));
  const t0 = performance.now();
  const id = await boss.work<{ index: number }>(
    NOOP,
    { batchSize: 32, localConcurrency: 2, pollingIntervalSeconds: 0.5, burstWhenBatchFull: true, perJobResults: true },
    async (batch) => {
      done += batch.length;
      if (done >= jobs) finished();
      return batch.map((j) => ({ id: j.id, status: 'completed' as const }));
    },
  );
  await all;
  // The last batch's completion is written after the handler returns: wait for it.
  await boss.offWork(NOOP, { id, wait: true });
  return (performance.now() - t0) / 1000;
}

async function embedRun(ctx: BenchContext, messages: number, people: number): Promise<{ jobsPerSecond: number; peakRssMiB: number }> {
  const pool = ctx.db.pool;
  const tag = `bench-${Date.now().toString(36)}`;
  // People and one conversation each, then the messages in statements of 500 (the trigger writes
  // one outbox row per message, in the inserting transaction).
  const { rows: conv } = await pool.query<{ user_id: string; id: string }>(
    `with u as (
       insert into auth."user" (id, name, email, "emailVerified")
       select $1 || '-' || g, 'Bench ' || g, $1 || '-' || g || '@example.test', true from generate_series(1, $2) g
       returning id, email
     ), p as (
       insert into app.users (id, auth_id, email, name) select gen_random_uuid(), u.id, u.email, 'Bench' from u returning id
     )
     insert into app.conversations (user_id) select id from p returning user_id, id`,
    [tag, people],
  );
  for (let from = 0; from < messages; from += 500) {
    const n = Math.min(500, messages - from);
    await pool.query(
      `insert into app.messages (conversation_id, user_id, role, content)
       select c.id, c.user_id, 'user',
              'Message ' || g || ': I had ' || (array['dal tadka','chicken curry','oat porridge','greek salad','lentil soup','paneer tikka'])[1 + g % 6]
              || ' with ' || (array['rice','roti','quinoa','bread'])[1 + g % 4] || ' for ' || (array['breakfast','lunch','dinner'])[1 + g % 3]
              || ' after a ' || (10 + g % 50) || ' minute run. How much protein was that, and should I eat more vegetables tomorrow?'
       from generate_series($1::int, $2::int) g
       join lateral (select * from unnest($3::uuid[], $4::uuid[]) as x(user_id, id) offset (g % $5) limit 1) c on true`,
      [from, from + n - 1, conv.map((c) => c.user_id), conv.map((c) => c.id), conv.length],
    );
  }
  // The triggers write app.job_outbox (migration 000141); the worker's drain moves the rows into
  // pg-boss. Drained here, before the clock starts, so the figure stays the embed jobs' own.
  for (;;) {
    const { rows } = await pool.query<{ moved: number }>('select app.drain_job_outbox(10000) as moved');
    if (rows[0]!.moved === 0) break;
  }
  const { rows: mine } = await pool.query<{ n: number }>(
    `select count(*)::int as n from pgboss.job j where j.name = 'assistant.embed' and j.state = 'created'`,
  );
  if (mine[0]!.n < messages) throw new Error(`expected ${messages} embed jobs, found ${mine[0]!.n}`);

  const child = spawn(process.execPath, [BIN, 'worker', '--queues', 'assistant.embed'], {
    env: { ...process.env, DATABASE_URL: ctx.db.url, KITCHEN_DB_LOG_LEVEL: 'warn', KITCHEN_DB_EMBED_URL: '' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  let peak = 0;
  const sample = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peak = Math.max(peak, Number(m[1]) / 1024);
    } catch {
      /* not on Linux, or exited */
    }
  };
  try {
    for (;;) {
      sample();
      if (child.exitCode !== null) throw new Error(`the worker exited early: ${stderr}`);
      const { rows } = await pool.query<{ left: number }>(`select count(*)::int as left from pgboss.job where name = 'assistant.embed' and state < 'completed'`);
      if (rows[0]!.left === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    sample();
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  const { rows } = await pool.query<{ jobs: number; seconds: number; failed: number }>(
    `select count(*)::int as jobs,
            extract(epoch from max(completed_on) - min(started_on))::float8 as seconds,
            count(*) filter (where state <> 'completed')::int as failed
       from pgboss.job where name = 'assistant.embed' and data ->> 'kind' = 'message'
        and (data ->> 'id')::uuid in (select m.id from app.messages m join app.conversations c on c.id = m.conversation_id where c.id = any($1))`,
    [conv.map((c) => c.id)],
  );
  const r = rows[0]!;
  if (r.failed > 0) throw new Error(`${r.failed} embed jobs did not complete`);
  const { rows: emb } = await pool.query<{ n: number }>(`select count(*)::int as n from app.embeddings where source_kind = 'message' and user_id = any($1)`, [conv.map((c) => c.user_id)]);
  if (emb[0]!.n !== messages) throw new Error(`expected ${messages} embeddings, found ${emb[0]!.n}`);
  return { jobsPerSecond: r.jobs / r.seconds, peakRssMiB: peak };
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const jobs = scaled(5000, { scale: Math.max(ctx.scale, 1) }); // the anchor is 5,000 whatever the scale
  const messages = scaled(2000, ctx, 200);
  const boss = newBoss(ctx);
  await boss.start();
  const speed: number[] = [];
  const noop: number[] = [];
  try {
    await boss.createQueue(NOOP, { retryLimit: 0 });
    for (let i = 0; i < ctx.runs; i++) {
      const s = await speedTest(boss, jobs);
      speed.push(jobs / s);
      const w = await workNoop(boss, jobs);
      noop.push(jobs / w);
      ctx.log(`run ${i + 1}: speed test ${s.toFixed(2)} s, work() ${w.toFixed(2)} s for ${jobs} jobs`);
      await boss.deleteAllJobs(NOOP);
    }
  } finally {
    await boss.stop();
  }
  const embed: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < ctx.runs; i++) {
    const r = await embedRun(ctx, messages, Math.max(10, Math.round(messages / 20)));
    embed.push(r.jobsPerSecond);
    if (r.peakRssMiB > 0) rss.push(r.peakRssMiB);
    ctx.log(`run ${i + 1}: assistant.embed ${r.jobsPerSecond.toFixed(0)} jobs/s, worker peak RSS ${r.peakRssMiB.toFixed(0)} MiB`);
  }
  const rows: BenchRow[] = [
    row(`pg-boss speed test (insert, one fetch, complete ${jobs.toLocaleString('en-US')} jobs)`, 'jobs/s', speed, {
      target: { on: 'median', op: '>=', value: 556 },
      note: 'pg-boss\'s own CI speed test (test/speedTest): 5,000 jobs fetched and completed in under 9 s = ≥ 556 jobs/s',
    }),
    row(`no-op queue, work() as the worker runs it (${jobs.toLocaleString('en-US')} jobs)`, 'jobs/s', noop, {
      reference: { what: 'pg-boss speed test', median: 0 },
      referenceSamples: speed,
      target: { on: 'median', op: '>=', value: 1000 },
      note: 'batchSize 32 × localConcurrency 2, burst while batches are full, per-job results; from work() to the last completion',
    }),
    row(`assistant.embed, local embedder (${messages.toLocaleString('en-US')} messages)`, 'jobs/s', embed, {
      note: 'kitchen-db worker --queues assistant.embed in a child process; first start to last completion (pg-boss timestamps); each job: load, skip-if-unchanged check, embed, lock, upsert, api_usage',
    }),
  ];
  if (rss.length) rows.push(row('worker process peak RSS during assistant.embed', 'MiB', rss, { note: 'VmHWM of the worker process (Node, pg-boss, pino, pools)' }));
  return rows;
}

if (isMain(import.meta.url)) await runStandalone(meta, run);
