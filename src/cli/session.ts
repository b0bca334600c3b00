// What every database command needs: the resolved engine (DATABASE_URL, else the embedded engine
// in a data folder), optionally migrated, and a pool — closed again however the command ends.
import type pg from 'pg';
import { migrateDatabase, OWNER_ROLE, pendingMigrations, type MigrateOptions, type MigrateResult } from '../db/migrate.ts';
import { createPool } from '../db/pool.ts';
import { DEFAULT_DATA_DIR, resolveDatabase, type ResolvedDatabase } from '../db/resolve.ts';
import { KitchenDbError } from '../db/errors.ts';

export interface GlobalOptions {
  json?: boolean;
  dataDir?: string;
}

export interface SessionOptions extends GlobalOptions {
  /**
   * Migrate (`kitchen-db migrate`, `demo`). Only these create or migrate an embedded data folder;
   * every other command needs one that exists and is up to date, and says what to run otherwise.
   */
  migrate?: boolean | MigrateOptions;
  /** `status`: an embedded database with pending migrations is reported, not refused. */
  allowPending?: boolean;
}

export interface Session {
  db: ResolvedDatabase;
  pool: pg.Pool;
  migrated?: MigrateResult;
  /** Pending migrations (looked up only for an embedded database that was not migrated here). */
  pending?: string[];
}

export async function withSession<T>(options: SessionOptions, fn: (session: Session) => Promise<T>): Promise<T> {
  const db = await resolveDatabase({
    purpose: 'cli',
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    createDataDir: !!options.migrate,
    // The engine line goes to stderr so that --json output stays parseable.
    log: (line) => process.stderr.write(line + '\n'),
  });
  try {
    // Nothing is migrated behind anyone's back: a real server by `kitchen-db migrate` (a deliberate
    // step in a deploy pipeline), the embedded engine by `kitchen-db migrate` or the demo.
    // The embedded engine's objects belong to kitchen_owner, as in tests; on a real server the
    // connecting role is the migration role.
    const migrateOptions = { ...(typeof options.migrate === 'object' ? options.migrate : {}), ...(db.kind === 'embedded' ? { owner: OWNER_ROLE } : {}) };
    const migrated = options.migrate ? await migrateDatabase(db.url, migrateOptions) : undefined;
    let pending: string[] | undefined;
    if (!migrated && db.kind === 'embedded') {
      pending = await pendingMigrations(db.url);
      if (pending.length && !options.allowPending) {
        const dir = options.dataDir ?? process.env.KITCHEN_DB_DATA_DIR ?? DEFAULT_DATA_DIR;
        throw new KitchenDbError(
          'internal',
          `the embedded database in ${dir} is not up to date: ${pending.length} migration(s) pending (${pending[0]}${pending.length > 1 ? ' …' : ''}); run \`kitchen-db migrate\` first`,
        );
      }
    }
    const pool = await createPool(db.url, { source: db.kind === 'server' ? 'DATABASE_URL' : 'the embedded engine' });
    try {
      return await fn({ db, pool, ...(migrated ? { migrated } : {}), ...(pending ? { pending } : {}) });
    } finally {
      await pool.end();
    }
  } finally {
    await db.close();
  }
}
