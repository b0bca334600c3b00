// `kitchen-db migrate` and `kitchen-db status`.
import type { Command } from 'commander';
import { pendingMigrations } from '../../db/migrate.ts';
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
    .description('engine, server version, pending migrations')
    .action(async (_options: unknown, command: Command) => {
      const global = command.optsWithGlobals<GlobalOptions>();
      const out = createOutput(!!global.json);
      await withSession(global, async ({ db }) => {
        const status = {
          engine: db.kind,
          version: db.version,
          pendingMigrations: await pendingMigrations(db.url),
        };
        out.result(status, (s) => {
          out.line(`engine:             ${s.engine} (PostgreSQL ${s.version})`);
          out.line(`pending migrations: ${s.pendingMigrations.length ? s.pendingMigrations.join(', ') : 'none'}`);
        });
        if (status.pendingMigrations.length) process.exitCode = 1;
      });
    });
}
