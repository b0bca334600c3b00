// `kitchen-db demo` — the main job (`npm start`): on the embedded engine (or DATABASE_URL) migrate,
// load the demo dataset once, run every scheduled job once through pg-boss, and print a short tour.
// A second run reuses the data folder: nothing is loaded twice.
import { join } from 'node:path';
import type { Command } from 'commander';
import pino from 'pino';
import { JobWorker } from '../../jobs/worker.ts';
import { loadDemo } from '../../demo/load.ts';
import { tour, type TourStep } from '../../demo/tour.ts';
import { DEFAULT_DATA_DIR } from '../../db/resolve.ts';
import { createOutput, EXIT, type StatusLine } from '../output.ts';
import { withSession, type GlobalOptions } from '../session.ts';

const seconds = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('the main job: migrate, load a deterministic demo dataset (once), run every scheduled job once, and print a short tour')
    .action(async (_options: unknown, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const out = createOutput(!!global.json);
      const started = performance.now();
      const dataDir = global.dataDir ?? process.env.KITCHEN_DB_DATA_DIR ?? DEFAULT_DATA_DIR;
      out.line(`kitchen-db demo — ${process.env.DATABASE_URL ? 'the server of DATABASE_URL' : `the embedded engine, data in ${dataDir}/`}`);
      // On a terminal each long step shows a live line (what runs, counts, elapsed) until its result line.
      // Created at the first migration, after the engine line.
      let live: StatusLine | undefined;
      let applied = 0;
      const migrate = {
        log: (line: string) => (live ??= out.status('migrate')).update(`${++applied} migration(s) applied — ${line.replace(/^.*Running migration /, '').trim()}`),
      };
      try {
        await withSession({ ...global, migrate }, async ({ db, pool, migrated }) => {
          live?.done();
          const report: Record<string, unknown> = { engine: db.kind, version: db.version };
          const rowLine = (label: string, text: string, ms: number) => out.line(`${label.padEnd(14)} ${text.padEnd(66)} ${seconds(ms).padStart(7)}`);
          const setupMs = performance.now() - started;
          rowLine('migrate', migrated?.applied.length ? `${migrated.applied.length} migrations applied` : 'already up to date', setupMs);
          report.migrations = migrated?.applied.length ?? 0;

          let t0 = performance.now();
          const loading = (live = out.status('demo data'));
          const load = await loadDemo(pool, { log: (line) => loading.update(`loaded ${line}`) });
          loading.done();
          const c = load.counts;
          rowLine(
            'demo data',
            load.loaded
              ? `${c['app.users']} people, ${(c['app.meal_logs'] ?? 0).toLocaleString('en-US')} meals, ${c['app.recipes']} recipes, ${(c['app.telemetry_events'] ?? 0).toLocaleString('en-US')} events`
              : 'already loaded (second run: nothing added)',
            performance.now() - t0,
          );
          report.load = load;

          t0 = performance.now();
          // The worker's JSON logs would drown the tour: warnings and errors only, on stderr.
          const worker = new JobWorker({
            url: db.url,
            engine: db.kind,
            pool,
            logger: pino({ name: 'kitchen-db-worker', level: process.env.KITCHEN_DB_LOG_LEVEL ?? 'warn' }, pino.destination(2)),
            exportDir: process.env.KITCHEN_DB_EXPORT_DIR ?? join(dataDir, 'exports'),
            schedule: false,
          });
          const working = (live = out.status('jobs (pg-boss)'));
          const jobs = await worker.runOnce({
            onProgress: (r) => {
              const busy = Object.entries(r.queues).filter(([, q]) => q.completed + q.failed > 0);
              const done = busy.reduce((n, [, q]) => n + q.completed, 0);
              working.update(`${done.toLocaleString('en-US')} jobs done — ${busy.map(([name, q]) => `${name} ${q.completed + q.failed}`).join(', ')}`);
            },
          });
          working.done();
          const done = Object.values(jobs.queues).reduce((s, q) => s + q.completed, 0);
          const failed = Object.values(jobs.queues).reduce((s, q) => s + q.failed, 0);
          // Jobs still queued when runOnce gave up (KITCHEN_DB_ONCE_TIMEOUT_MS): the exit code is 1, say why.
          const pending = Object.values(jobs.queues).reduce((s, q) => s + q.pending, 0);
          const busy = Object.entries(jobs.queues)
            .filter(([, q]) => q.completed > 0)
            .map(([name, q]) => `${name} ${q.completed}`)
            .join(', ');
          rowLine('jobs (pg-boss)', `${done.toLocaleString('en-US')} jobs completed${failed ? `, ${failed} FAILED` : ''}${pending ? `, ${pending.toLocaleString('en-US')} still PENDING (timed out)` : ''} in ${Object.keys(jobs.queues).length} queues`, performance.now() - t0);
          if (busy) out.line(`${''.padEnd(14)} ${busy}`);
          report.jobs = jobs;

          out.line();
          out.line('Tour (each step through the typed API, as a service would call it)');
          const steps: TourStep[] = await tour(pool, { exportDir: join(dataDir, 'exports') });
          for (const [i, s] of steps.entries()) {
            out.line(`${i + 1}. ${s.title.padEnd(76)} ${seconds(s.ms).padStart(7)}`);
            for (const l of s.lines) out.line(`     ${l}`);
          }
          report.tour = steps.map(({ title, ms, data }) => ({ title, ms: Math.round(ms * 10) / 10, data }));
          const total = performance.now() - started;
          out.line();
          out.line(`done in ${seconds(total)}. Next: \`npm test\`; \`node bin/kitchen-db.js --help\`; README.md for using kitchen-db from a service.`);
          report.totalMs = Math.round(total);
          if (out.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
          if (!jobs.ok) process.exitCode = EXIT.failed;
        });
      } finally {
        live?.done();
      }
    });
}
