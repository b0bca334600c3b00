// `kitchen-db migrate` and `kitchen-db status`.
import type { Command } from 'commander';
import { pendingMigrations } from '../../db/migrate.ts';
import { jobQueueDepths } from '../../jobs/status.ts';
import { partitionRows, rowCountText } from './partitions.ts';
import { createOutput } from '../output.ts';
import { withSession, type GlobalOptions } from '../session.ts';

export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description('create the roles if missing (sql/roles.sql, needs CREATEROLE) and apply every committed migration')
    .option('--root-url <url>', 'connection allowed to create roles (default ROOT_DATABASE_URL, else the main connection)')
    .action(async (options: { rootUrl?: string }, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const out = createOutput(!!global.json);
      const rootUrl = options.rootUrl ?? process.env.ROOT_DATABASE_URL;
      const migrate = { ...(rootUrl ? { rootUrl } : {}), log: (l: string) => out.line(l.replace(/^graphile-migrate: /, '')) };
      await withSession({ ...global, migrate }, async ({ migrated }) => {
        out.result(migrated!, (r) => {
          if (r.rolesCreated.length) out.line(`created roles: ${r.rolesCreated.join(', ')}`);
          out.line(r.applied.length ? `applied ${r.applied.length} migration(s)` : 'already up to date');
        });
      });
    });

  program
    .command('status')
    .description('engine and server version, pending migrations, partitions (rows per partition), job queue depths; exit 1 when migrations are pending')
    .action(async (_options: unknown, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const out = createOutput(!!global.json);
      // Read-only: reports pending migrations of an embedded database instead of applying them.
      await withSession({ ...global, allowPending: true }, async ({ db, pool, pending: known }) => {
        const pending = known ?? (await pendingMigrations(db.url));
        // Partitions and queues exist only on a migrated database.
        const partitions = pending.length ? [] : await partitionRows(pool);
        const queues = pending.length ? [] : await jobQueueDepths(pool);
        const status = { engine: db.kind, version: db.version, pendingMigrations: pending, partitions, queues };
        out.result(status, (s) => {
          out.line(`engine:             ${s.engine} (PostgreSQL ${s.version})`);
          out.line(`pending migrations: ${s.pendingMigrations.length ? `${s.pendingMigrations.join(', ')} (run \`kitchen-db migrate\`)` : 'none'}`);
          const byTable = new Map<string, typeof s.partitions>();
          for (const p of s.partitions) byTable.set(p.parentTable, [...(byTable.get(p.parentTable) ?? []), p]);
          for (const [table, parts] of byTable) {
            const months = parts.filter((p) => !p.isDefault);
            const unknown = parts.some((p) => p.rowCount === null);
            const rows = unknown ? null : parts.reduce((n, p) => n + p.rowCount!, 0);
            // The DEFAULT partition is always counted.
            const inDefault = parts.find((p) => p.isDefault)?.rowCount ?? 0;
            out.line(`partitions:         ${table}: ${months.length} monthly partition(s), ${rowCountText(rows, parts.every((p) => p.rowCountExact))}, ${inDefault.toLocaleString('en-US')} in DEFAULT`);
          }
          if (s.queues.length) {
            out.line('job queues:         ready / deferred / active / failed');
            for (const q of s.queues) out.line(`  ${q.name.padEnd(30)} ${q.ready} / ${q.deferred} / ${q.active} / ${q.failed}`);
          }
        });
        if (pending.length) process.exitCode = 1;
      });
    });
}
