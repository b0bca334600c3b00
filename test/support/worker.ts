// Helpers for the job-worker tests: an in-process worker on the test database with fast pg-boss
// maintenance, a log collector, waiting for jobs, and a fake OpenAI-compatible embedding server.
import { mkdtempSync, rmSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import type pg from 'pg';
import { pino } from 'pino';
import type { TestDatabase } from '../../src/testing.ts';
import { JobWorker, type WorkerOptions } from '../../src/jobs/worker.ts';
import { LocalHashEmbedder } from '../../src/jobs/embedder.ts';

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A pino logger whose JSON lines are kept in `lines`. */
export function collectingLogger(level = 'debug'): { logger: pino.Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as LogLine);
      callback();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

/** pg-boss maintenance every second, so expired jobs are retried quickly. */
export const FAST_BOSS = { superviseIntervalSeconds: 1, monitorIntervalSeconds: 1, queueCacheIntervalSeconds: 1 } as const;

let exportDir: string | undefined;
/** One temporary folder per test file for the exports of workers that name none (GDPR exports: personal data). */
function defaultExportDir(): string {
  exportDir ??= mkdtempSync(join(tmpdir(), 'kitchen-db-exports-'));
  return exportDir;
}
// Registered on the root suite of each test file that imports this module: runs after the file.
afterAll(() => {
  if (exportDir) rmSync(exportDir, { recursive: true, force: true });
  exportDir = undefined;
});

export function testWorker(db: TestDatabase, options: Partial<WorkerOptions> = {}): { worker: JobWorker; lines: LogLine[] } {
  const { logger, lines } = collectingLogger();
  const worker = new JobWorker({
    url: db.url,
    engine: db.engine,
    logger,
    embedder: new LocalHashEmbedder(),
    schedule: false,
    exportDir: options.exportDir ?? defaultExportDir(),
    bossPoolSize: 4,
    stopTimeoutMs: 10_000,
    env: {},
    ...options,
    boss: { ...FAST_BOSS, ...(options.boss ?? {}) },
  });
  return { worker, lines };
}

/** Polls `check` until it returns a value other than undefined/false (or throws after `timeoutMs`). */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 45_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) return v;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export interface JobRow {
  id: string;
  name: string;
  state: string;
  retry_count: number;
  retry_limit: number;
  retry_delay: number;
  retry_backoff: boolean;
  data: Record<string, unknown>;
  output: Record<string, unknown> | null;
  singleton_key: string | null;
  start_after: Date;
  completed_on: Date | null;
  source_id: string | null;
  source_name: string | null;
  source_retry_count: number | null;
}

/**
 * Moves the job outbox into pg-boss now (app.drain_job_outbox, as the superuser), as a running
 * worker does every few seconds: the triggers' jobs wait in app.job_outbox until then.
 */
export async function drainOutbox(pool: pg.Pool): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await pool.query<{ moved: number }>(`select app.drain_job_outbox(10000) as moved`);
    total += rows[0]!.moved;
    if (rows[0]!.moved < 10000) return total;
  }
}

/** pg-boss jobs of a queue (read as the superuser, after draining the outbox), optionally by singleton key. */
export async function jobs(pool: pg.Pool, name: string, key?: string): Promise<JobRow[]> {
  await drainOutbox(pool);
  const { rows } = await pool.query<JobRow>(
    `select id, name, state::text, retry_count, retry_limit, retry_delay, retry_backoff, data, output, singleton_key, start_after, completed_on,
            source_id, source_name, source_retry_count
       from pgboss.job where name = $1 and ($2::text is null or singleton_key = $2) order by created_on, id`,
    [name, key ?? null],
  );
  return rows;
}

/** Waits until the job is in one of `states` and returns it. */
export function jobIn(pool: pg.Pool, name: string, id: string, states: string[], timeoutMs?: number): Promise<JobRow> {
  return waitFor(
    `job ${name}/${id} to be ${states.join(' or ')}`,
    async () => {
      const { rows } = await pool.query<JobRow>(`select id, name, state::text, retry_count, output, start_after, data from pgboss.job where name = $1 and id = $2`, [name, id]);
      return rows[0] && states.includes(rows[0].state) ? rows[0] : undefined;
    },
    timeoutMs,
  );
}

/** Every job of these queues has finished (none created, retry or active; the outbox drained first). */
export function queuesIdle(pool: pg.Pool, names: string[], timeoutMs?: number): Promise<true> {
  return waitFor(
    `queues ${names.join(', ')} to be idle`,
    async () => {
      await drainOutbox(pool);
      const { rows } = await pool.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = any($1) and state < 'completed'`, [names]);
      return rows[0]!.n === 0 ? true : undefined;
    },
    timeoutMs,
  );
}

export interface FakeEmbeddingServer {
  url: string;
  /** Requests received so far (their JSON bodies). */
  requests: { model: string; input: string[] }[];
  /** What the next requests get: 'ok', an HTTP status, or 'hang' (never answers until released). */
  mode: 'ok' | 'hang' | number;
  /** Answers every hung request normally. */
  release(): void;
  close(): Promise<void>;
}

/** An OpenAI-compatible /embeddings endpoint answering with the local hashing embedder's vectors. */
export async function fakeEmbeddingServer(dimension = 1536): Promise<FakeEmbeddingServer> {
  const local = new LocalHashEmbedder(dimension);
  const hung: (() => void)[] = [];
  const state: FakeEmbeddingServer = {
    url: '',
    requests: [],
    mode: 'ok',
    release() {
      for (const f of hung.splice(0)) f();
    },
    close: async () => {
      state.release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const answer = (body: { input: string[] }, res: ServerResponse) => {
    const data = body.input.map((t, index) => ({ object: 'embedding', index, embedding: local.vector(t) }));
    const tokens = body.input.reduce((n, t) => n + t.split(/\s+/).length, 0);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ object: 'list', data, model: 'fake', usage: { prompt_tokens: tokens, total_tokens: tokens } }));
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString('utf8')));
    req.on('end', () => {
      const body = JSON.parse(raw) as { model: string; input: string[] };
      state.requests.push(body);
      const mode = state.mode;
      if (mode === 'hang') hung.push(() => answer(body, res));
      else if (typeof mode === 'number') {
        res.writeHead(mode, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `fake error ${mode}` } }));
      } else answer(body, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return state;
}
