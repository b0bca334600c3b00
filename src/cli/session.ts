// What every database command needs: the resolved engine (DATABASE_URL, else the embedded engine
// in a data folder), optionally migrated, and a pool — closed again however the command ends.
import type pg from 'pg';
import { migrateDatabase, OWNER_ROLE, type MigrateOptions, type MigrateResult } from '../db/migrate.ts';
import { createPool } from '../db/pool.ts';
import { resolveDatabase, type ResolvedDatabase } from '../db/resolve.ts';

export interface GlobalOptions {
  json?: boolean;
  dataDir?: string;
}

export interface Session {
  db: ResolvedDatabase;
  pool: pg.Pool;
  migrated?: MigrateResult;
}

export async function withSession<T>(
  options: GlobalOptions & { migrate?: boolean | MigrateOptions },
  fn: (session: Session) => Promise<T>,
): Promise<T> {
  const db = await resolveDatabase({
    purpose: 'cli',
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    // The engine line goes to stderr so that --json output stays parseable.
    log: (line) => process.stderr.write(line + '\n'),
  });
  try {
    // The embedded engine is ours alone: bring it up to date on every command. A real server is
    // migrated only by `kitchen-db migrate` (a deliberate step in a deploy pipeline).
    // The embedded engine's objects belong to kitchen_owner, as in tests; on a real server the
    // connecting role is the migration role.
    const migrateOptions = { ...(typeof options.migrate === 'object' ? options.migrate : {}), ...(db.kind === 'embedded' ? { owner: OWNER_ROLE } : {}) };
    const migrated = options.migrate || db.kind === 'embedded' ? await migrateDatabase(db.url, migrateOptions) : undefined;
    const pool = await createPool(db.url, { source: db.kind === 'server' ? 'DATABASE_URL' : 'the embedded engine' });
    try {
      return await fn({ db, pool, ...(migrated ? { migrated } : {}) });
    } finally {
      await pool.end();
    }
  } finally {
    await db.close();
  }
}
