// The committed schema snapshot (sql/schema.sql) for DBAs to review as a diff.
// It always comes from pg_dump 18 compiled to WebAssembly (@electric-sql/pglite-tools) run against
// the embedded engine after all migrations: a native pg_dump has the machine's version (15 on
// Debian 12, 17 on Debian 13) and its output differs by version, so a snapshot made natively would
// flap with the machine. One fixed pg_dump gives the same bytes everywhere.
import { migrateDatabase, OWNER_ROLE } from './migrate.ts';
import { resolveDatabase, type ResolvedDatabase } from './resolve.ts';

export const SCHEMA_DUMP_ARGS = [
  '--schema-only',
  '--no-owner',
  // graphile-migrate's bookkeeping and pg-boss's tables are not ours to review here.
  '--exclude-schema=graphile_migrate',
  '--exclude-schema=pgboss',
  // Monthly partitions are named after the month the migrations ran in: the snapshot keeps the
  // partitioned parents and the DEFAULT partitions, not the months, so it does not change monthly.
  '--exclude-table=*.*_[0-9][0-9][0-9][0-9]_[0-9][0-9]',
];

/**
 * pg_dump of a migrated embedded database. Pass one that is already migrated, or nothing to get a
 * fresh in-memory engine migrated from the committed migrations.
 */
export async function dumpSchema(embedded?: ResolvedDatabase): Promise<string> {
  const own = embedded ? undefined : await resolveDatabase({ purpose: 'test', env: { KITCHEN_DB_ENGINE: 'embedded' }, log: () => {} });
  const db = embedded ?? own!;
  try {
    if (own) await migrateDatabase(own.url, { owner: OWNER_ROLE });
    const { pgDump } = await import('@electric-sql/pglite-tools/pg_dump');
    const pglite = db.embedded!.db;
    const file = await pgDump({ pg: pglite, args: SCHEMA_DUMP_ARGS });
    // pg_dump runs in-process on PGlite's single session and leaves its snapshot transaction open
    // and its settings (search_path = '') behind; every socket client shares that session.
    if (pglite.isInTransaction()) await pglite.exec('rollback');
    await pglite.exec('reset all');
    return normalise(await file.text());
  } finally {
    await own?.close();
  }
}

/** Drops the lines that vary between runs of the same pg_dump (none today but the restrict key). */
function normalise(dump: string): string {
  return (
    dump
      // pg_dump 17.6+/18 writes a random \restrict key per run (CVE-2025-8714); it carries no schema.
      .replace(/^\\(un)?restrict [A-Za-z0-9]+\n/gm, '')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}
