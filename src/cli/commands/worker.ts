// `kitchen-db worker [--once]` — the pg-boss job worker (notes/jobs.md).
//   kitchen-db worker         runs until SIGTERM/SIGINT: stops fetching, lets running jobs finish
//                             (KITCHEN_DB_WORKER_STOP_TIMEOUT_MS, default 30 s), exits 0.
//   kitchen-db worker --once  sends one job to every scheduled queue, works until they and the jobs
//                             already due in the other queues are done, prints a report, exits
//                             (0 when every job completed, 1 otherwise). For cron-less environments.
// Logs are JSON lines (pino) on standard output (standard error with --once --json); the engine
// line goes to standard error.
import type { Command } from 'commander';
import { EXIT } from '../output.ts';
import { withSession, type GlobalOptions } from '../session.ts';
import { JobWorker, createWorkerLogger, type OnceReport } from '../../jobs/worker.ts';
import { QUEUE_NAMES, type QueueName } from '../../jobs/queues.ts';
import { ConnectionError, ValidationError } from '../../db/errors.ts';

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run the job worker (pg-boss): partitions, GDPR purges and exports, embeddings, metrics, sweeps; JSON logs on stdout')
    .option('--once', 'run every scheduled job once (and the jobs already due), print a report and exit')
    .option('--queues <names>', `only these queues, comma-separated (${QUEUE_NAMES.join(', ')})`)
    .action(async (options: { once?: boolean; queues?: string }, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const only = options.queues ? parseQueues(options.queues) : undefined;
      // --once: standard output holds the report alone (a summary for people, JSON with --json);
      // logs go to standard error, warnings and errors only unless KITCHEN_DB_LOG_LEVEL says otherwise.
      const log = options.once
        ? createWorkerLogger({ ...process.env, KITCHEN_DB_LOG_LEVEL: process.env.KITCHEN_DB_LOG_LEVEL ?? 'warn' }, 'stderr')
        : createWorkerLogger(process.env);
      const started = performance.now();
      let worker: JobWorker | undefined;
      let signals = 0;
      let wake: (() => void) | undefined;
      const stopped = new Promise<void>((resolve) => {
        const onSignal = (signal: NodeJS.Signals) => {
          signals++;
          if (signals > 1) {
            log.warn({ signal }, 'second signal: exiting without waiting for running jobs (they are retried after their expiry)');
            process.exit(EXIT.failed);
          }
          log.info({ signal }, 'stopping: no new jobs are fetched; waiting for running jobs');
          wake?.();
          if (!worker) return resolve();
          void worker.stop().then(resolve, (error: Error) => {
            log.error({ error: { message: error.message } }, 'stop failed');
            resolve();
          });
        };
        if (!options.once) {
          process.on('SIGTERM', onSignal);
          process.on('SIGINT', onSignal);
        }
      });
      // The database may not be up yet (a deploy starting everything at once): keep trying, as the
      // worker itself does once it runs, instead of exiting.
      for (let attempt = 1; ; attempt++) {
        try {
          await withSession(global, async ({ db, pool }) => {
            worker = new JobWorker({ url: db.url, engine: db.kind, pool, logger: log, ...(only ? { only } : {}), schedule: !options.once });
            if (options.once) {
              const report = await worker.runOnce();
              if (global.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
              else printOnceReport(report, performance.now() - started);
              if (!report.ok) process.exitCode = EXIT.failed;
              return;
            }
            try {
              await worker.start();
            } catch (error) {
              if (signals === 0) throw error;
            }
            await stopped;
          });
          return;
        } catch (error) {
          // An embedded data folder that is missing or locked does not come back by waiting.
          if (!(error instanceof ConnectionError) || error.engine === 'embedded' || options.once || signals > 0 || worker) throw error;
          const wait = Math.min(30_000, 1000 * 2 ** Math.min(attempt - 1, 5));
          log.warn({ error: { message: error.message }, attempt, retryInMs: wait }, 'database unreachable; trying again');
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, wait);
            wake = () => (clearTimeout(t), resolve());
          });
          if (signals > 0) return;
        }
      }
    });
}

/** The --once report for people: a line per queue, then each failure with its error. */
export function printOnceReport(report: OnceReport, ms: number, write: (line: string) => void = (l) => process.stdout.write(l + '\n')): void {
  const queues = Object.entries(report.queues);
  const sum = (k: 'completed' | 'failed' | 'deadLettered' | 'pending') => queues.reduce((n, [, q]) => n + q[k], 0);
  const n = (x: number) => x.toLocaleString('en-US');
  write(
    `worker --once: ${n(sum('completed'))} job(s) done, ${n(sum('failed'))} failed (${n(sum('deadLettered'))} dead-lettered)` +
      `${sum('pending') ? `, ${n(sum('pending'))} still waiting at the timeout` : ''} in ${queues.length} queue(s), ${(ms / 1000).toFixed(1)} s`,
  );
  const width = Math.max(5, ...queues.map(([name]) => name.length));
  write(`  ${'queue'.padEnd(width)}  ${'done'.padStart(7)}  ${'failed'.padStart(7)}  ${'dead-lettered'.padStart(13)}  ${'waiting'.padStart(7)}`);
  for (const [name, q] of queues) {
    write(`  ${name.padEnd(width)}  ${n(q.completed).padStart(7)}  ${n(q.failed).padStart(7)}  ${n(q.deadLettered).padStart(13)}  ${n(q.pending).padStart(7)}`);
  }
  if (report.failures.length) {
    write('failures:');
    for (const f of report.failures) {
      const fate = f.deadLetterQueue ? `dead-lettered to ${f.deadLetterQueue}` : 'retried later';
      write(`  ${f.queue}  job ${f.jobId}  (${fate}, after ${f.retryCount} retr${f.retryCount === 1 ? 'y' : 'ies'}): ${f.error}`);
    }
    write(`  (a dead-letter copy keeps the error in its source output: select id, source_id, source_output from pgboss.job where name = '<queue>.dlq')`);
  }
}

function parseQueues(text: string): QueueName[] {
  const names = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(QUEUE_NAMES as readonly string[]).includes(n));
  if (unknown.length || names.length === 0) {
    throw new ValidationError('queues', 'queue', `unknown queue(s) ${unknown.join(', ') || '(none given)'}; queues: ${QUEUE_NAMES.join(', ')}`);
  }
  return names as QueueName[];
}
