// The job worker: pg-boss in the same database, started with migrate: false on a schema the
// migrations created (000050–000052), the queues of queues.ts with their retry/backoff/expiry/
// dead-letter options, their cron schedules, and one handler module per queue group.
//
// Rights: pg-boss's connections run as app_worker (startup option `-c role=app_worker`; the login
// role must be a member of app_worker), handlers run in kitchen-db transactions with SET LOCAL ROLE
// app_worker (gdpr.export: app_compliance). On the embedded engine (PGlite) every connection shares
// one session, so the startup option is not sent there (PGlite ignores it anyway, and a session-wide
// SET ROLE would leak into every other connection): pg-boss runs as the connecting user.
//
// Surviving the database: start() retries until the database answers (pg-boss cannot start without
// it, pg-boss #510). Once running, pg-boss's pool replaces broken connections and its loops log the
// errors and carry on; a job whose completion was lost in the outage stays active until its expiry,
// then is retried (handlers are idempotent). A health probe watches the database: after an outage,
// if a queue's worker has not fetched again within `stallMs`, the pg-boss instance is replaced
// (graceful stop, new instance, same queues and handlers) — the remedy pg-boss's issues (#365, #510)
// leave to the application.
//
// The job outbox: the enqueue triggers write app.job_outbox (on Citus: the person's shard); the
// worker drains it into pg-boss on start and every `outboxDrainMs` (default 2 s), see outbox.ts.
import pg from 'pg';
import { PgBoss, type ConstructorOptions, type Job, type JobResult, type QueueResult } from 'pg-boss';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { EngineKind } from '../db/resolve.ts';
import { createPool } from '../db/pool.ts';
import { KitchenDbError, NotFoundError, ValidationError, isConnectionFailure } from '../db/errors.ts';
import { runOfflineSweep } from './appliances.ts';
import type { JobContext, JobOutput } from './context.ts';
import { runEmbedBatch } from './embed.ts';
import { EmbedderError, embedderFromEnv, type Embedder } from './embedder.ts';
import { runExport, runPurgeDue } from './gdpr.ts';
import { runMetricsRollup } from './metrics.ts';
import { drainOutbox } from './outbox.ts';
import { runPartitionMaintenance } from './partitions.ts';
import { runPushTokenCleanup } from './push-tokens.ts';
import {
  BOSS_SCHEMA,
  QUEUE_NAMES,
  QUEUES,
  deadLetterOptions,
  deadLetterQueue,
  queueOptions,
  type EmbedJob,
  type ExportJob,
  type OfflineSweepJob,
  type PushTokenCleanupJob,
  type QueueName,
  type QueueSpec,
  type RollupJob,
} from './queues.ts';

export interface WorkerOptions {
  /** Connection string; its user is the worker's login role (member of app_worker). */
  url: string;
  /** The engine behind `url` (decides whether pg-boss's connections switch to app_worker). */
  engine?: EngineKind;
  /** Pool for the handlers' SQL (default: a new kitchen-db pool on `url`, closed by stop()). */
  pool?: pg.Pool;
  logger?: Logger;
  /** Default: embedderFromEnv() (HTTP when KITCHEN_DB_EMBED_URL is set, else LocalHashEmbedder). */
  embedder?: Embedder;
  /** Default KITCHEN_DB_EXPORT_DIR, else .kitchen-db/exports. */
  exportDir?: string;
  offlineAfterSeconds?: number;
  pushTokenMaxAgeDays?: number;
  /** Days an export file is kept (default KITCHEN_DB_EXPORT_RETENTION_DAYS, else 7). */
  exportRetentionDays?: number;
  /** Per-queue changes to queues.ts (tests, tuning; also KITCHEN_DB_WORKER_QUEUE_OPTIONS as JSON). */
  queueOverrides?: Partial<Record<QueueName, Partial<Omit<QueueSpec, 'name'>>>>;
  /** Queues this process works (default: all). */
  only?: readonly QueueName[];
  /** Register the cron schedules and run pg-boss's cron clock (default true; false for --once). */
  schedule?: boolean;
  /** Extra pg-boss constructor options (e.g. supervise/monitor intervals in tests). */
  boss?: Partial<ConstructorOptions>;
  /** Health probe interval and how long workers may go without fetching after an outage. */
  health?: { intervalMs?: number; stallMs?: number };
  /** How long stop() waits for running handlers (default 30 s, KITCHEN_DB_WORKER_STOP_TIMEOUT_MS). */
  stopTimeoutMs?: number;
  /** How often the job outbox is drained into pg-boss (default 2000 ms, KITCHEN_DB_OUTBOX_DRAIN_MS). */
  outboxDrainMs?: number;
  /** Connections of pg-boss's own pool (default 10). */
  bossPoolSize?: number;
  env?: Record<string, string | undefined>;
}

export interface OnceReport {
  /**
   * Per queue: jobs this run handled, by outcome — failed (every failure), of which deadLettered
   * (copied to the queue's dead-letter queue: no retry left, or an error retrying cannot fix; the
   * rest are retried later) — and jobs left waiting at the timeout.
   */
  queues: Record<string, { completed: number; failed: number; deadLettered: number; pending: number }>;
  /** Every failed job: which, why, and whether it went to the dead-letter queue. */
  failures: OnceFailure[];
  /** Output of each scheduled queue's job. */
  scheduled: Record<string, { state: string; output: unknown }>;
  ok: boolean;
}

export interface OnceFailure {
  queue: string;
  jobId: string;
  /** The handler's error message (also the `error` of the job's output, and of the dead-letter copy's `sourceOutput`). */
  error: string;
  /** Attempts before this one. */
  retryCount: number;
  /** The dead-letter queue it was copied to, or null when pg-boss retries it later. */
  deadLetterQueue: string | null;
}

/**
 * The structured JSON logger of the worker (pino; level from KITCHEN_DB_LOG_LEVEL, default info),
 * on standard output unless `destination` says otherwise (`--once --json` logs to standard error).
 */
export function createWorkerLogger(env: Record<string, string | undefined> = process.env, destination?: DestinationStream | 'stderr'): Logger {
  const options = { name: 'kitchen-db-worker', level: env.KITCHEN_DB_LOG_LEVEL ?? 'info' };
  if (destination === 'stderr') return pino(options, pino.destination(2));
  return destination ? pino(options, destination) : pino(options);
}

/** Errors that retrying cannot fix: the job goes straight to its dead-letter queue. */
function isPermanent(error: unknown): boolean {
  if (error instanceof EmbedderError) return !error.retryable;
  return error instanceof ValidationError || error instanceof NotFoundError;
}

function numberEnv(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new ValidationError(name, 'positive', `${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return n;
}

export class JobWorker {
  readonly log: Logger;
  readonly specs: Record<QueueName, QueueSpec>;
  readonly queues: readonly QueueName[];
  #options: WorkerOptions;
  #env: Record<string, string | undefined>;
  #ctx: JobContext;
  #ownPool: boolean;
  #boss: PgBoss | undefined;
  #stopping = false;
  #stopped = false;
  #starting: Promise<void> | undefined;
  #restarting: Promise<void> | undefined;
  #health: NodeJS.Timeout | undefined;
  #drainTimer: NodeJS.Timeout | undefined;
  #draining: Promise<number> | undefined;
  #drainErrorAt = 0;
  #downSince: number | undefined;
  #recoveredAt: number | undefined;
  #restarts = 0;
  #errorLogAt = 0;
  #suppressedErrors = 0;
  #startWait: { cancel(): void } | undefined;
  #workIds = new Map<QueueName, string>();
  /** runOnce: start pg-boss without handlers until the jobs to wait for are known. */
  #holdWork = false;
  #onHandled: ((results: JobResult[], jobs: Job<unknown>[]) => void) | undefined;

  constructor(options: WorkerOptions) {
    this.#options = options;
    this.#env = options.env ?? process.env;
    this.log = options.logger ?? createWorkerLogger(this.#env);
    const envOverrides = this.#env.KITCHEN_DB_WORKER_QUEUE_OPTIONS?.trim();
    let fromEnv: WorkerOptions['queueOverrides'] = {};
    if (envOverrides) {
      try {
        fromEnv = JSON.parse(envOverrides) as WorkerOptions['queueOverrides'];
      } catch (error) {
        throw new ValidationError('KITCHEN_DB_WORKER_QUEUE_OPTIONS', 'json', `KITCHEN_DB_WORKER_QUEUE_OPTIONS is not JSON: ${(error as Error).message}`);
      }
    }
    const unknown = Object.keys(fromEnv ?? {}).filter((k) => !(QUEUE_NAMES as readonly string[]).includes(k));
    if (unknown.length) throw new ValidationError('KITCHEN_DB_WORKER_QUEUE_OPTIONS', 'queue', `unknown queue(s) ${unknown.join(', ')}; queues: ${QUEUE_NAMES.join(', ')}`);
    const specs = {} as Record<QueueName, QueueSpec>;
    for (const name of QUEUE_NAMES) {
      specs[name] = { ...QUEUES[name], ...(fromEnv?.[name] ?? {}), ...(options.queueOverrides?.[name] ?? {}), name };
    }
    this.specs = specs;
    this.queues = options.only ?? QUEUE_NAMES;
    this.#ownPool = !options.pool;
    this.#ctx = {
      pool: options.pool as pg.Pool, // set in start() when not given
      log: this.log,
      embedder: options.embedder ?? embedderFromEnv(this.#env),
      exportDir: options.exportDir ?? this.#env.KITCHEN_DB_EXPORT_DIR ?? '.kitchen-db/exports',
      offlineAfterSeconds: options.offlineAfterSeconds ?? numberEnv(this.#env, 'KITCHEN_DB_OFFLINE_AFTER_SECONDS', 300),
      pushTokenMaxAgeDays: options.pushTokenMaxAgeDays ?? numberEnv(this.#env, 'KITCHEN_DB_PUSH_TOKEN_MAX_AGE_DAYS', 60),
      exportRetentionDays: options.exportRetentionDays ?? numberEnv(this.#env, 'KITCHEN_DB_EXPORT_RETENTION_DAYS', 7),
    };
  }

  /** The running pg-boss instance (replaced after a restart). */
  get boss(): PgBoss {
    if (!this.#boss) throw new Error('the worker is not started');
    return this.#boss;
  }

  get restarts(): number {
    return this.#restarts;
  }

  get context(): JobContext {
    return this.#ctx;
  }

  /** Starts pg-boss (retrying while the database is unreachable), the queues, schedules and handlers. */
  async start(): Promise<void> {
    this.#starting ??= this.#start();
    return this.#starting;
  }

  async #start(): Promise<void> {
    const { embedder } = this.#ctx;
    this.log.info(
      { engine: this.#options.engine ?? 'server', queues: this.queues, embedder: { provider: embedder.provider, model: embedder.model, dimension: embedder.dimension }, exportDir: this.#ctx.exportDir },
      'worker starting',
    );
    await this.#retrying('connect', async () => {
      if (!this.#ctx.pool) this.#ctx.pool = await createPool(this.#options.url, { max: 10, source: 'the worker connection' });
      await this.#checkEmbeddingDimension();
    });
    await this.#retrying('start pg-boss', () => this.#startBoss(true));
    this.#health = setInterval(() => void this.#probe(), this.#options.health?.intervalMs ?? 5000);
    this.#health.unref();
    // Jobs written while no worker ran, then every few seconds.
    await this.#drainQuietly();
    const every = this.#options.outboxDrainMs ?? numberEnv(this.#env, 'KITCHEN_DB_OUTBOX_DRAIN_MS', 2000);
    this.#drainTimer = setInterval(() => void this.#drainQuietly(), every);
    this.#drainTimer.unref();
    this.log.info({ queues: this.queues.length, schedule: this.#options.schedule !== false }, 'worker started');
  }

  /**
   * Moves the job outbox (app.job_outbox) into pg-boss now and returns how many rows moved; one
   * drain at a time per worker (a call during a drain waits for it and then drains again).
   */
  async drainOutbox(): Promise<number> {
    while (this.#draining) await this.#draining.catch(() => 0);
    this.#draining = drainOutbox(this.#ctx.pool).finally(() => (this.#draining = undefined));
    const moved = await this.#draining;
    if (moved > 0) this.log.debug({ moved }, 'job outbox drained');
    return moved;
  }

  /** The periodic drain: errors are logged (one line per 10 s during an outage) and retried next time. */
  async #drainQuietly(): Promise<void> {
    if (this.#stopping || this.#draining) return;
    try {
      await this.drainOutbox();
    } catch (error) {
      const now = Date.now();
      if (now - this.#drainErrorAt >= 10_000) {
        this.#drainErrorAt = now;
        this.log.warn({ error: { message: (error as Error).message, code: (error as { code?: string }).code } }, 'draining the job outbox failed; retried at the next tick');
      }
    }
  }

  /** Runs `fn` until it succeeds; waits 1 s, 2 s, … 30 s between tries while the database is unreachable. */
  async #retrying(what: string, fn: () => Promise<void>): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      if (this.#stopping) throw new KitchenDbError('internal', `the worker was stopped before it could ${what}`);
      try {
        return await fn();
      } catch (error) {
        if (!isConnectionFailure(error)) throw error;
        const wait = Math.min(30_000, 1000 * 2 ** Math.min(attempt - 1, 5));
        this.log.warn({ error: { message: (error as Error).message }, attempt, retryInMs: wait }, `cannot ${what} yet: database unreachable`);
        await new Promise<void>((resolve) => {
          const t = setTimeout(resolve, wait);
          this.#startWait = { cancel: () => (clearTimeout(t), resolve()) };
        });
        this.#startWait = undefined;
      }
    }
  }

  async #checkEmbeddingDimension(): Promise<void> {
    const { rows } = await this.#ctx.pool.query<{ typmod: number }>(
      `select a.atttypmod as typmod from pg_catalog.pg_attribute a
        where a.attrelid = to_regclass('app.embeddings') and a.attname = 'embedding'`,
    );
    const dimension = rows[0]?.typmod;
    if (dimension !== undefined && dimension > 0 && dimension !== this.#ctx.embedder.dimension) {
      throw new ValidationError(
        'KITCHEN_DB_EMBED_DIMENSION',
        'dimension',
        `the embedder ${this.#ctx.embedder.model} makes ${this.#ctx.embedder.dimension}-dimension vectors but app.embeddings.embedding is vector(${dimension}): configure a model of that dimension (KITCHEN_DB_EMBED_DIMENSION)`,
      );
    }
  }

  #bossConfig(schedule: boolean): ConstructorOptions {
    const embedded = this.#options.engine === 'embedded';
    return {
      connectionString: this.#options.url,
      schema: BOSS_SCHEMA,
      // The schema is a reviewed migration (000050); pg-boss must never change it, and refuses to
      // start when its expected schema version differs (an upgrade needs a migration first).
      migrate: false,
      createSchema: false,
      schedule,
      supervise: true,
      // REINDEX needs ownership, which app_worker does not have; bloat is reported as a warning.
      reindex: false,
      max: this.#options.bossPoolSize ?? 10,
      instanceName: 'kitchen-db worker',
      ...(embedded ? {} : { options: '-c role=app_worker' }),
      ...this.#options.boss,
    };
  }

  async #startBoss(first: boolean): Promise<void> {
    const schedule = this.#options.schedule !== false;
    const boss = new PgBoss(this.#bossConfig(schedule));
    boss.on('error', (error) => this.#onBossError(error));
    boss.on('warning', (w) => this.log.warn({ warning: w.data }, `pg-boss: ${w.message}`));
    try {
      await boss.start();
    } catch (error) {
      await boss.stop({ graceful: false }).catch(() => {});
      const message = (error as Error).message ?? '';
      if (/not installed|requires migrations/.test(message)) {
        throw new KitchenDbError('internal', `pg-boss ${message} (schema ${BOSS_SCHEMA}): run \`kitchen-db migrate\` first; the worker never changes pg-boss's schema itself (migrate: false)`, {
          rule: 'pgboss_schema',
          cause: error,
        });
      }
      throw error;
    }
    try {
      if (first) await this.#ensureQueues(boss);
      if (first && schedule) await this.#ensureSchedules(boss);
      if (!this.#holdWork) for (const name of this.queues) await this.#register(boss, name);
    } catch (error) {
      await boss.stop({ graceful: false }).catch(() => {});
      throw error;
    }
    this.#boss = boss;
  }

  #onBossError(error: Error): void {
    // During an outage every loop reports every failed poll; log the first, then one line per 10 s.
    const now = Date.now();
    if (now - this.#errorLogAt < 10_000) {
      this.#suppressedErrors++;
      return;
    }
    this.log.warn({ error: { message: error.message, code: (error as { code?: string }).code }, suppressed: this.#suppressedErrors }, 'pg-boss error');
    this.#errorLogAt = now;
    this.#suppressedErrors = 0;
  }

  /** Creates missing queues (dead-letter queues first) and brings existing ones in line with the specs. */
  async #ensureQueues(boss: PgBoss): Promise<void> {
    const existing = new Map<string, QueueResult>((await boss.getQueues()).map((q) => [q.name, q]));
    const wanted: [string, ReturnType<typeof queueOptions>][] = [
      ...QUEUE_NAMES.map((n) => [deadLetterQueue(n), deadLetterOptions()] as [string, ReturnType<typeof queueOptions>]),
      ...QUEUE_NAMES.map((n) => [n, queueOptions(this.specs[n])] as [string, ReturnType<typeof queueOptions>]),
    ];
    for (const [name, options] of wanted) {
      const q = existing.get(name);
      if (!q) {
        await boss.createQueue(name, options);
        this.log.info({ queue: name, options }, 'queue created');
        continue;
      }
      if (options.policy && q.policy !== options.policy) {
        this.log.error({ queue: name, policy: q.policy, wanted: options.policy }, 'queue policy differs from src/jobs/queues.ts; pg-boss cannot change a policy: a migration must recreate the queue');
      }
      const { policy: _policy, ...rest } = options;
      const diff: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([k, v]) => (q as unknown as Record<string, unknown>)[k] !== v));
      // pg-boss accepts retryDelayMax only beside retryBackoff: true.
      if ('retryDelayMax' in diff) diff.retryBackoff = rest.retryBackoff;
      if (Object.keys(diff).length) {
        await boss.updateQueue(name, diff);
        this.log.info({ queue: name, changed: diff }, 'queue options updated');
      }
    }
  }

  /** Registers the cron of every scheduled queue (UTC) and removes crons of queues that have none now. */
  async #ensureSchedules(boss: PgBoss): Promise<void> {
    for (const name of QUEUE_NAMES) {
      const cron = this.specs[name].cron;
      if (cron) await boss.schedule(name, cron, {}, { tz: 'UTC' });
      else if (await boss.getSchedule(name)) await boss.unschedule(name);
    }
  }

  async #register(boss: PgBoss, name: QueueName): Promise<void> {
    const spec = this.specs[name];
    const id = await boss.work<unknown>(
      name,
      {
        batchSize: spec.batchSize,
        localConcurrency: spec.localConcurrency,
        pollingIntervalSeconds: spec.pollingIntervalSeconds,
        perJobResults: true,
        ...(spec.batchSize > 1 ? { burstWhenBatchFull: true } : {}),
      },
      (jobs) => this.#handle(name, jobs),
    );
    this.#workIds.set(name, id);
  }

  /** Wakes the queue's worker now instead of at its next poll. */
  wake(name: QueueName): void {
    const id = this.#workIds.get(name);
    if (id && this.#boss) this.#boss.notifyWorker(id);
  }

  async #handle(name: QueueName, jobs: Job<unknown>[]): Promise<JobResult[]> {
    const t0 = performance.now();
    if (name === 'assistant.embed') {
      const results = await runEmbedBatch(this.#ctx, jobs as Job<EmbedJob>[]);
      const failed = results.filter((r) => r.status !== 'completed').length;
      this.log[failed ? 'warn' : 'debug']({ queue: name, jobs: jobs.length, failed, ms: Math.round(performance.now() - t0) }, 'batch handled');
      this.#onHandled?.(results, jobs);
      return results;
    }
    const results: JobResult[] = [];
    for (const job of jobs) {
      const started = performance.now();
      try {
        const output = await this.#run(name, job);
        results.push({ id: job.id, status: 'completed', output });
        this.log.debug({ queue: name, jobId: job.id, ms: Math.round(performance.now() - started) }, 'job completed');
      } catch (error) {
        const permanent = isPermanent(error);
        const e = error as Error;
        this.log[permanent ? 'error' : 'warn'](
          { queue: name, jobId: job.id, retryCount: job.retryCount, error: { message: e.message, code: (error as { code?: string }).code } },
          permanent ? 'job failed for good (dead-letter queue)' : 'job failed, will be retried',
        );
        results.push({ id: job.id, status: permanent ? 'deadletter' : 'failed', output: { error: e.message } });
      }
    }
    this.#onHandled?.(results, jobs);
    return results;
  }

  #run(name: QueueName, job: Job<unknown>): Promise<JobOutput> {
    switch (name) {
      case 'telemetry.partitions':
        return runPartitionMaintenance(this.#ctx);
      case 'gdpr.purge-due':
        return runPurgeDue(this.#ctx);
      case 'gdpr.export':
        return runExport(this.#ctx, job.id, job.data as ExportJob | null);
      case 'metrics.rollup':
        return runMetricsRollup(this.#ctx, job.data as RollupJob | null);
      case 'appliances.offline-sweep':
        return runOfflineSweep(this.#ctx, job.data as OfflineSweepJob | null);
      case 'push-tokens.cleanup':
        return runPushTokenCleanup(this.#ctx, job.data as PushTokenCleanupJob | null);
      case 'assistant.embed':
        throw new Error('assistant.embed is handled in batches');
    }
  }

  // Health ----------------------------------------------------------------------------------------

  async #probe(): Promise<void> {
    const boss = this.#boss;
    if (!boss || this.#stopping || this.#restarting) return;
    let ok: boolean;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        boss.getDb().executeSql('select 1'),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('health probe timed out')), 5000).unref();
        }),
      ]);
      ok = true;
    } catch {
      ok = false;
    } finally {
      clearTimeout(timer);
    }
    const now = Date.now();
    if (!ok) {
      if (this.#downSince === undefined) {
        this.#downSince = now;
        this.#recoveredAt = undefined;
        this.log.warn('database unreachable: pg-boss keeps polling; jobs wait in the database');
      }
      return;
    }
    if (this.#downSince !== undefined) {
      this.log.info({ downMs: now - this.#downSince }, 'database reachable again');
      this.#downSince = undefined;
      this.#recoveredAt = now;
      return;
    }
    // After an outage: every worker must have fetched (successfully) again within stallMs.
    const recovered = this.#recoveredAt;
    if (recovered !== undefined && now - recovered >= (this.#options.health?.stallMs ?? 30_000)) {
      this.#recoveredAt = undefined;
      const stalled = boss.getWipData().filter((w) => (w.lastFetchedOn ?? 0) < recovered);
      if (stalled.length) {
        this.log.warn({ stalled: stalled.map((w) => w.name) }, 'workers have not fetched since the database came back: restarting pg-boss');
        await this.restartBoss();
      }
    }
  }

  /** Replaces the pg-boss instance: graceful stop of the old one, a new one with the same queues and handlers. */
  async restartBoss(): Promise<void> {
    this.#restarting ??= (async () => {
      const old = this.#boss;
      this.#boss = undefined;
      await old?.stop({ graceful: true, timeout: this.#stopTimeout() }).catch((e: Error) => this.log.warn({ error: { message: e.message } }, 'stopping the old pg-boss instance failed'));
      await this.#retrying('restart pg-boss', () => this.#startBoss(false));
      this.#restarts++;
      this.log.info({ restarts: this.#restarts }, 'pg-boss restarted');
    })().finally(() => (this.#restarting = undefined));
    return this.#restarting;
  }

  #stopTimeout(): number {
    return this.#options.stopTimeoutMs ?? numberEnv(this.#env, 'KITCHEN_DB_WORKER_STOP_TIMEOUT_MS', 30_000);
  }

  /**
   * Graceful stop: pg-boss stops fetching, waits up to the stop timeout for running handlers (jobs
   * still running then are failed and retried later), closes its pool; then the handlers' pool.
   */
  async stop(): Promise<void> {
    if (this.#stopped) return;
    this.#stopping = true;
    this.#startWait?.cancel();
    if (this.#health) clearInterval(this.#health);
    if (this.#drainTimer) clearInterval(this.#drainTimer);
    await this.#starting?.catch(() => {});
    await this.#restarting?.catch(() => {});
    await this.#draining?.catch(() => {});
    const t0 = Date.now();
    await this.#boss?.stop({ graceful: true, timeout: this.#stopTimeout() }).catch((e: Error) => this.log.warn({ error: { message: e.message } }, 'pg-boss stop failed'));
    if (this.#ownPool && this.#ctx.pool) await this.#ctx.pool.end().catch(() => {});
    this.#stopped = true;
    this.log.info({ ms: Date.now() - t0 }, 'worker stopped');
  }

  // --once ----------------------------------------------------------------------------------------

  /**
   * `kitchen-db worker --once`: sends one job to every scheduled queue, works every queue until
   * those jobs and every job already due in the on-demand queues (and the jobs they lead to, e.g.
   * metrics after embeddings) have finished, then stops. Failed jobs are not retried here (they are
   * in the database for the next run or the dead-letter queue). Call on a worker made with
   * `schedule: false`, instead of start().
   */
  async runOnce(options: { timeoutMs?: number; onProgress?: (report: OnceReport) => void } = {}): Promise<OnceReport> {
    this.#holdWork = true;
    await this.start();
    try {
      return await this.#once(options.timeoutMs ?? numberEnv(this.#env, 'KITCHEN_DB_ONCE_TIMEOUT_MS', 600_000), options.onProgress);
    } finally {
      await this.stop();
    }
  }

  async #once(timeoutMs: number, onProgress?: (report: OnceReport) => void): Promise<OnceReport> {
    const boss = this.boss;
    const deadline = Date.now() + timeoutMs;
    const report: OnceReport = { queues: {}, failures: [], scheduled: {}, ok: true };
    for (const name of this.queues) report.queues[name] = { completed: 0, failed: 0, deadLettered: 0, pending: 0 };
    const scheduledIds = new Map<string, QueueName>();
    // Each job's retry limit: a failure with no retry left is copied to the dead-letter queue.
    const retryLimits = new Map<string, number>();
    for (const name of this.queues) {
      if (!this.specs[name].cron) continue;
      // No retries inside --once: a failure is reported now (and the job goes to the dead-letter queue).
      let id = await boss.send(name, {}, { retryLimit: 0 });
      if (id) retryLimits.set(id, 0);
      // A stately queue may already hold a waiting job: that one runs instead.
      if (!id) {
        const waitingJob = (await boss.findJobs(name, { queued: true, limit: 1 }))[0];
        if (waitingJob) retryLimits.set(waitingJob.id, waitingJob.retryLimit);
        id = waitingJob?.id ?? null;
      }
      if (id) scheduledIds.set(id, name);
    }
    const dueJobs = async (): Promise<Map<string, QueueName>> => {
      // The triggers' jobs wait in the outbox until drained (those the finished jobs led to too).
      await this.drainOutbox();
      const found = new Map<string, QueueName>();
      const horizon = Date.now() + 10_000;
      for (const name of this.queues) {
        for (const job of await boss.findJobs(name, { queued: true, limit: 100_000 })) {
          if (new Date(job.startAfter).getTime() <= horizon) {
            found.set(job.id, name);
            retryLimits.set(job.id, job.retryLimit);
          }
        }
      }
      return found;
    };
    // The outcome of each job as its handler settles it, in this process (no polling of pg-boss).
    const handled = new Map<string, JobResult>();
    const retryCounts = new Map<string, number>();
    let notify: (() => void) | undefined;
    this.#onHandled = (results, jobs) => {
      for (const j of jobs) retryCounts.set(j.id, j.retryCount);
      for (const r of results) handled.set(r.id, r);
      notify?.();
    };
    // Known before any handler runs, so that none finishes unseen.
    let waiting = new Map<string, QueueName>([...scheduledIds, ...(await dueJobs())]);
    this.#holdWork = false;
    for (const name of this.queues) await this.#register(boss, name);
    const seen = new Set<string>();
    try {
      for (let round = 0; round < 10 && waiting.size > 0; round++) {
        for (const name of new Set(waiting.values())) this.wake(name);
        while (waiting.size > 0) {
          for (const [id, name] of [...waiting]) {
            const result = handled.get(id);
            if (!result) continue;
            waiting.delete(id);
            seen.add(id);
            const counts = report.queues[name]!;
            if (result.status === 'completed') counts.completed++;
            else {
              counts.failed++;
              report.ok = false;
              const retryCount = retryCounts.get(id) ?? 0;
              // pg-boss copies a job to its dead-letter queue when it fails with no retry left, or at
              // once when the handler says `deadletter` (an error that retrying cannot fix).
              const dead = result.status === 'deadletter' || retryCount >= (retryLimits.get(id) ?? this.specs[name].retryLimit);
              if (dead) counts.deadLettered++;
              const output = result.output as { error?: unknown } | undefined;
              report.failures.push({
                queue: name,
                jobId: id,
                error: typeof output?.error === 'string' ? output.error : JSON.stringify(result.output ?? null),
                retryCount,
                deadLetterQueue: dead ? deadLetterQueue(name) : null,
              });
            }
            if (scheduledIds.has(id)) {
              report.scheduled[name] = { state: result.status === 'completed' ? 'completed' : 'failed', output: result.output ?? null };
            }
          }
          onProgress?.(report);
          if (waiting.size === 0) break;
          if (Date.now() > deadline) {
            for (const name of waiting.values()) report.queues[name]!.pending++;
            report.ok = false;
            this.log.warn({ pending: waiting.size }, 'worker --once: timed out waiting for jobs');
            return report;
          }
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, 1000);
            notify = () => (clearTimeout(t), resolve());
          });
          notify = undefined;
        }
        // Jobs the finished ones led to (metrics after embeddings): another round.
        waiting = await dueJobs();
        for (const id of seen) waiting.delete(id);
      }
    } finally {
      this.#onHandled = undefined;
    }
    this.log.info({ report }, 'worker --once done');
    return report;
  }
}
