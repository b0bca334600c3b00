// Failure paths of the job worker (issue 8): a failing handler is retried with backoff and lands in
// the dead-letter queue after its retry limit; a worker killed with SIGKILL mid-job leaves the job to
// be retried and its effect happens once; SIGTERM lets the running job finish and exits 0.
// The failing handler is assistant.embed with the HTTP embedder pointed at a fake server, so no
// test hook exists in the worker itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, type Person } from './support/fixtures.ts';
import { useTestDatabase } from './support/db.ts';
import { fakeEmbeddingServer, jobIn, jobs, testWorker, waitFor, type FakeEmbeddingServer } from './support/worker.ts';
import { HttpEmbedder } from '../src/jobs/embedder.ts';
import type { JobWorker } from '../src/jobs/worker.ts';

const db = useTestDatabase();
const BIN = fileURLToPath(new URL('../bin/kitchen-db.js', import.meta.url));

let person: Person;
let server: FakeEmbeddingServer;
let worker: JobWorker | undefined;
let child: ChildProcess | undefined;

beforeAll(async () => {
  person = await createPerson(db().pool);
  server = await fakeEmbeddingServer();
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  child = undefined;
  server.mode = 'ok';
  server.release();
});
afterAll(async () => {
  await server?.close();
});

async function addMessage(content: string): Promise<string> {
  return db().asUser(person.id, async (c) => {
    const { rows: conv } = await c.query<{ id: string }>(`insert into app.conversations (user_id) values ($1) returning id`, [person.id]);
    const { rows } = await c.query<{ id: string }>(`insert into app.messages (conversation_id, user_id, role, content) values ($1, $2, 'user', $3) returning id`, [
      conv[0]!.id,
      person.id,
      content,
    ]);
    return rows[0]!.id;
  });
}

const httpEmbedder = () => new HttpEmbedder({ url: server.url, model: 'fake-embedding-1', dimension: 1536, timeoutMs: 60_000 });

/** `kitchen-db worker` in a child process on the test database, embedding through the fake server. */
function spawnWorker(queueOptions: Record<string, unknown>): { proc: ChildProcess; output: () => string; started: Promise<void>; exited: Promise<number | null> } {
  let out = '';
  const proc = spawn(process.execPath, [BIN, 'worker', '--queues', 'assistant.embed'], {
    env: {
      ...process.env,
      DATABASE_URL: db().url,
      KITCHEN_DB_EMBED_URL: server.url,
      KITCHEN_DB_EMBED_MODEL: 'fake-embedding-1',
      KITCHEN_DB_WORKER_QUEUE_OPTIONS: JSON.stringify({ 'assistant.embed': queueOptions }),
      KITCHEN_DB_LOG_LEVEL: 'debug',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const started = waitFor('the child worker to start', async () => out.includes('"worker started"') || (proc.exitCode !== null ? Promise.reject(new Error(out)) : false), 60_000).then(() => {});
  return { proc, output: () => out, started, exited };
}

describe('a handler that keeps failing', () => {
  it('is retried with backoff, then copied to the dead-letter queue', async () => {
    server.mode = 503;
    ({ worker } = testWorker(db(), {
      embedder: httpEmbedder(),
      only: ['assistant.embed'],
      queueOverrides: { 'assistant.embed': { retryLimit: 2, retryDelay: 1, retryDelayMax: 30, pollingIntervalSeconds: 0.5 } },
    }));
    await worker.start();
    const before = server.requests.length;
    const times: number[] = [];
    const onRequest = setInterval(() => {
      while (times.length < server.requests.length - before) times.push(Date.now());
    }, 10);
    try {
      const message = await addMessage('this message will not embed');
      const [job] = await jobs(db().pool, 'assistant.embed', `message:${message}`);
      const failed = await jobIn(db().pool, 'assistant.embed', job!.id, ['failed'], 60_000);
      expect(failed.retry_count).toBe(2);
      expect(failed.output).toMatchObject({ error: expect.stringContaining('HTTP 503') });
      expect(server.requests.length - before).toBe(3); // the first attempt and two retries
      // Backoff: pg-boss defers retry n by retryDelay × 2^n/2 … 2^n (here 1–2 s, then 2–4 s).
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
      expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1950);
      const [dead] = (await jobs(db().pool, 'assistant.embed.dlq')).filter((d) => d.source_id === job!.id);
      expect(dead).toMatchObject({ state: 'created', source_name: 'assistant.embed', source_retry_count: 2, data: { kind: 'message', id: message } });
      // Nothing was written for the message.
      const { rows } = await db().pool.query(`select count(*)::int as n from app.embeddings where source_id = $1`, [message]);
      expect(rows[0]!.n).toBe(0);
    } finally {
      clearInterval(onRequest);
    }
  });

  it('an error that retrying cannot fix (HTTP 401) goes to the dead-letter queue at once', async () => {
    server.mode = 401;
    ({ worker } = testWorker(db(), { embedder: httpEmbedder(), only: ['assistant.embed'], queueOverrides: { 'assistant.embed': { pollingIntervalSeconds: 0.5 } } }));
    await worker.start();
    const message = await addMessage('bad key');
    const [job] = await jobs(db().pool, 'assistant.embed', `message:${message}`);
    const failed = await jobIn(db().pool, 'assistant.embed', job!.id, ['failed']);
    expect(failed.retry_count).toBe(0);
    expect((await jobs(db().pool, 'assistant.embed.dlq')).some((d) => d.source_id === job!.id)).toBe(true);
  });
});

describe('a worker killed with SIGKILL mid-job', () => {
  it('leaves the job to be retried after its expiry, and the effect happens once', async () => {
    server.mode = 'hang';
    const w = spawnWorker({ expireInSeconds: 2, retryDelay: 1, pollingIntervalSeconds: 0.5 });
    child = w.proc;
    await w.started;
    const before = server.requests.length;
    const message = await addMessage('killed while embedding this');
    const [job] = await jobs(db().pool, 'assistant.embed', `message:${message}`);
    await waitFor('the child to call the embedder', async () => server.requests.length > before);
    expect((await jobIn(db().pool, 'assistant.embed', job!.id, ['active'])).state).toBe('active');
    child.kill('SIGKILL');
    expect(await w.exited).toBe(null);

    server.mode = 'ok';
    ({ worker } = testWorker(db(), {
      embedder: httpEmbedder(),
      only: ['assistant.embed'],
      queueOverrides: { 'assistant.embed': { expireInSeconds: 2, retryDelay: 1, pollingIntervalSeconds: 0.5 } },
    }));
    await worker.start();
    const done = await jobIn(db().pool, 'assistant.embed', job!.id, ['completed', 'failed'], 60_000);
    expect(done.state).toBe('completed');
    expect(done.retry_count).toBeGreaterThanOrEqual(1);
    const { rows } = await db().pool.query(`select count(*)::int as n from app.embeddings where source_id = $1`, [message]);
    expect(rows[0]!.n).toBe(1);
    const { rows: usage } = await db().pool.query(`select count(*)::int as n from app.api_usage where request_id = $1`, [`assistant.embed:${job!.id}`]);
    expect(usage[0]!.n).toBe(1); // the killed call never committed; the retry's call is recorded once
  });
});

describe('SIGTERM', () => {
  it('stops fetching, lets the running job finish, and exits 0', async () => {
    server.mode = 'hang';
    const w = spawnWorker({ pollingIntervalSeconds: 0.5 });
    child = w.proc;
    await w.started;
    const before = server.requests.length;
    const message = await addMessage('finish me before you go');
    const [job] = await jobs(db().pool, 'assistant.embed', `message:${message}`);
    await waitFor('the child to call the embedder', async () => server.requests.length > before);
    child.kill('SIGTERM');
    await waitFor('the child to log that it is stopping', async () => w.output().includes('"stopping: no new jobs are fetched; waiting for running jobs"'));
    expect(child.exitCode).toBe(null); // still waiting for its job
    server.mode = 'ok';
    server.release();
    expect(await w.exited).toBe(0);
    expect(w.output()).toContain('"worker stopped"');
    expect((await jobIn(db().pool, 'assistant.embed', job!.id, ['completed'])).retry_count).toBe(0);
    const { rows } = await db().pool.query(`select count(*)::int as n from app.embeddings where source_id = $1`, [message]);
    expect(rows[0]!.n).toBe(1);
  });
});

describe('the watchdog remedy', () => {
  it('replacing the pg-boss instance keeps the queues worked (jobs before and after are processed)', async () => {
    ({ worker } = testWorker(db(), { only: ['assistant.embed'], queueOverrides: { 'assistant.embed': { pollingIntervalSeconds: 0.5 } } }));
    await worker.start();
    const first = await addMessage('before the restart of pg-boss');
    const old = worker.boss;
    await worker.restartBoss();
    expect(worker.boss).not.toBe(old);
    expect(worker.restarts).toBe(1);
    const second = await addMessage('after the restart of pg-boss');
    await waitFor('both messages embedded', async () => {
      const { rows } = await db().pool.query<{ n: number }>(`select count(*)::int as n from app.embeddings where source_id = any($1)`, [[first, second]]);
      return rows[0]!.n === 2;
    });
  });
});
