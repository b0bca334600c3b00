// Every queue of the job worker in one place: names, pg-boss options (retry limit, backoff, expiry,
// retention, dead-letter queue), cron schedules and the shape of each job's data.
//
// Migration 000052-job-queues.sql creates these queues (generated from this file by
// `node scripts/pgboss-plans.ts queues`), so that SQL can enqueue into them before any worker has
// started; the worker creates any missing queue and brings the options of existing ones in line with
// this file at every start. A test checks that the migrated database and this file agree.
import type { Queue, QueuePolicy } from 'pg-boss';

/** The schema pg-boss lives in (docs/architecture.md, "Schemas"). */
export const BOSS_SCHEMA = 'pgboss';

export const QUEUE_NAMES = [
  'telemetry.partitions',
  'gdpr.purge-due',
  'gdpr.export',
  'assistant.embed',
  'metrics.rollup',
  'appliances.offline-sweep',
  'push-tokens.cleanup',
] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

/** Every queue's failed jobs go to `<name>.dlq` once their retries are spent. */
export function deadLetterQueue(name: QueueName): string {
  return `${name}.dlq`;
}

/** The options the worker sets on a queue (a subset of pg-boss's Queue). */
export interface QueueSpec {
  name: QueueName;
  description: string;
  /** pg-boss policy: `stately` (at most one queued and one active job) for the periodic sweeps. */
  policy: QueuePolicy;
  /** Retries after the first attempt before the job is failed and copied to the dead-letter queue. */
  retryLimit: number;
  /** Seconds before the first retry; with retryBackoff about retryDelay × 2^retryCount, with jitter. */
  retryDelay: number;
  retryBackoff: true;
  /** Cap of the backoff, seconds. */
  retryDelayMax: number;
  /** Seconds a job may stay active (a handler that takes longer, or a worker that died) before it is retried. */
  expireInSeconds: number;
  /** Seconds a completed job is kept (its output is the record of what it did). */
  deleteAfterSeconds: number;
  /** Seconds a job may wait (created/retry) before pg-boss deletes it. */
  retentionSeconds: number;
  /** Cron expression (UTC) for periodic queues; absent for on-demand queues. */
  cron?: string;
  /** Jobs fetched per poll and handlers running at once in one worker process. */
  batchSize: number;
  localConcurrency: number;
  /** Seconds between polls when idle. */
  pollingIntervalSeconds: number;
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86_400;

export const QUEUES: Record<QueueName, QueueSpec> = {
  'telemetry.partitions': {
    name: 'telemetry.partitions',
    description: 'daily: app.maintain_partitions() — premake monthly partitions, move rows out of DEFAULT, retention',
    policy: 'stately',
    retryLimit: 5,
    retryDelay: MINUTE,
    retryBackoff: true,
    retryDelayMax: HOUR,
    expireInSeconds: 30 * MINUTE,
    deleteAfterSeconds: 30 * DAY,
    retentionSeconds: DAY,
    cron: '17 3 * * *',
    batchSize: 1,
    localConcurrency: 1,
    pollingIntervalSeconds: 10,
  },
  'gdpr.purge-due': {
    name: 'gdpr.purge-due',
    description: 'hourly: purges the accounts whose deletion grace period has ended (GDPR entry point for app_worker)',
    policy: 'stately',
    retryLimit: 5,
    retryDelay: MINUTE,
    retryBackoff: true,
    retryDelayMax: HOUR,
    expireInSeconds: 30 * MINUTE,
    deleteAfterSeconds: 30 * DAY,
    retentionSeconds: 2 * HOUR,
    cron: '5 * * * *',
    batchSize: 1,
    localConcurrency: 1,
    pollingIntervalSeconds: 10,
  },
  'gdpr.export': {
    name: 'gdpr.export',
    description: 'on demand: writes a person\'s export file to KITCHEN_DB_EXPORT_DIR; the job output records the path, size and SHA-256',
    policy: 'standard',
    retryLimit: 3,
    retryDelay: 30,
    retryBackoff: true,
    retryDelayMax: 10 * MINUTE,
    expireInSeconds: 2 * HOUR,
    deleteAfterSeconds: 30 * DAY,
    retentionSeconds: 7 * DAY,
    batchSize: 1,
    localConcurrency: 1,
    pollingIntervalSeconds: 5,
  },
  'assistant.embed': {
    name: 'assistant.embed',
    description: 'on demand (enqueued by triggers on meal_logs, meal_foods, messages): embeds the row into app.embeddings, records the call in app.api_usage',
    policy: 'standard',
    retryLimit: 5,
    retryDelay: 10,
    retryBackoff: true,
    retryDelayMax: 15 * MINUTE,
    expireInSeconds: 5 * MINUTE,
    deleteAfterSeconds: DAY,
    retentionSeconds: 7 * DAY,
    batchSize: 32,
    localConcurrency: 2,
    pollingIntervalSeconds: 2,
  },
  'metrics.rollup': {
    name: 'metrics.rollup',
    description: 'on demand (enqueued by triggers on meal_logs, api_usage, users, 5 s deferred): recomputes daily_nutrition / daily_ai_cost of one changed person-day, or all days after a time-zone change',
    policy: 'standard',
    retryLimit: 3,
    retryDelay: 15,
    retryBackoff: true,
    retryDelayMax: 5 * MINUTE,
    expireInSeconds: 10 * MINUTE,
    deleteAfterSeconds: DAY,
    retentionSeconds: 7 * DAY,
    batchSize: 20,
    localConcurrency: 1,
    pollingIntervalSeconds: 2,
  },
  'appliances.offline-sweep': {
    name: 'appliances.offline-sweep',
    description: 'every minute: appliances silent for longer than KITCHEN_DB_OFFLINE_AFTER_SECONDS (default 300) become offline',
    policy: 'stately',
    retryLimit: 2,
    retryDelay: 5,
    retryBackoff: true,
    retryDelayMax: 30,
    expireInSeconds: MINUTE,
    deleteAfterSeconds: HOUR,
    retentionSeconds: 5 * MINUTE,
    cron: '* * * * *',
    batchSize: 1,
    localConcurrency: 1,
    pollingIntervalSeconds: 5,
  },
  'push-tokens.cleanup': {
    name: 'push-tokens.cleanup',
    description: 'daily: deletes push tokens not refreshed for 60 days',
    policy: 'stately',
    retryLimit: 3,
    retryDelay: MINUTE,
    retryBackoff: true,
    retryDelayMax: HOUR,
    expireInSeconds: 10 * MINUTE,
    deleteAfterSeconds: 30 * DAY,
    retentionSeconds: DAY,
    cron: '43 4 * * *',
    batchSize: 1,
    localConcurrency: 1,
    pollingIntervalSeconds: 10,
  },
};

/** Dead-letter queues keep failed jobs 30 days for an operator to inspect and redrive. */
export const DEAD_LETTER_RETENTION_SECONDS = 30 * DAY;

/** pg-boss options of a queue (what createQueue/updateQueue get). */
export function queueOptions(spec: QueueSpec): Omit<Queue, 'name'> {
  return {
    policy: spec.policy,
    retryLimit: spec.retryLimit,
    retryDelay: spec.retryDelay,
    retryBackoff: spec.retryBackoff,
    retryDelayMax: spec.retryDelayMax,
    expireInSeconds: spec.expireInSeconds,
    deleteAfterSeconds: spec.deleteAfterSeconds,
    retentionSeconds: spec.retentionSeconds,
    deadLetter: deadLetterQueue(spec.name),
  };
}

/** pg-boss options of a dead-letter queue: nothing works it; jobs wait there for an operator. */
export function deadLetterOptions(): Omit<Queue, 'name'> {
  return { policy: 'standard', retentionSeconds: DEAD_LETTER_RETENTION_SECONDS, deleteAfterSeconds: 7 * DAY, retryLimit: 0 };
}

/** SQL creating every queue with pg-boss's create_queue (dead-letter queues first: FK). Idempotent. */
export function createQueueSql(schema = BOSS_SCHEMA): string {
  const lit = (v: unknown) => `'${JSON.stringify(v).replace(/'/g, "''")}'::jsonb`;
  const lines: string[] = [];
  for (const name of QUEUE_NAMES) {
    lines.push(`select ${schema}.create_queue('${deadLetterQueue(name)}', ${lit(deadLetterOptions())});`);
  }
  for (const name of QUEUE_NAMES) {
    lines.push(`select ${schema}.create_queue('${name}', ${lit(queueOptions(QUEUES[name]))});`);
  }
  return lines.join('\n') + '\n';
}

// Job data ------------------------------------------------------------------------------------

export interface EmbedJob {
  kind: 'meal_log' | 'message';
  id: string;
}
export interface ExportJob {
  userId: string;
  /** Who asked (an operator or ticket reference), stored with the job. */
  requestedBy?: string;
}
export interface RollupJob {
  userId: string;
  /** The person's calendar day (YYYY-MM-DD, their time zone) to recompute… */
  day?: string;
  /** …or every day of the person (after a time-zone change). */
  rebuild?: boolean;
}
export interface OfflineSweepJob {
  silentForSeconds?: number;
}
export interface PushTokenCleanupJob {
  olderThanDays?: number;
}
