// What every job handler gets from the worker.
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Embedder } from './embedder.ts';

export interface JobContext {
  /** kitchen-db pool (createPool): handlers run their SQL in transactions with SET LOCAL ROLE app_worker. */
  pool: pg.Pool;
  log: Logger;
  embedder: Embedder;
  /** Folder that gdpr.export writes into (KITCHEN_DB_EXPORT_DIR, default .kitchen-db/exports). */
  exportDir: string;
  /** appliances.offline-sweep: silence after which an appliance is offline (KITCHEN_DB_OFFLINE_AFTER_SECONDS, default 300). */
  offlineAfterSeconds: number;
  /** push-tokens.cleanup: age of a token not refreshed (KITCHEN_DB_PUSH_TOKEN_MAX_AGE_DAYS, default 60). */
  pushTokenMaxAgeDays: number;
  /** gdpr.purge-due: days an export file is kept before it is deleted (KITCHEN_DB_EXPORT_RETENTION_DAYS, default 7). */
  exportRetentionDays: number;
}

/** A handler's outcome for one job, stored by pg-boss as the job's output. */
export type JobOutput = Record<string, unknown>;

/** A positive finite number from a job's data, else the fallback. */
export function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
}
