// Each test file: `const db = useTestDatabase();` then use `db()` inside tests. The file gets its
// own migrated database (copied from the run's template) in beforeAll, dropped in afterAll. On a
// Citus cluster (TEST_CITUS=1, test/support/citus.ts) it is a fresh database on every node,
// migrated and distributed, since a Citus database cannot serve as a template: built ahead by the
// run's pool (globalSetup) and claimed here.
import { afterAll, beforeAll, inject } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../src/testing.ts';
import { CITUS, createCitusTestDatabase } from './citus.ts';

export function useTestDatabase(): () => TestDatabase {
  let db: TestDatabase | undefined;
  // On Citus the file may wait for the pool's build under way (about a minute under load).
  beforeAll(async () => {
    db = CITUS ? await createCitusTestDatabase({ pool: inject('kitchenCitusPool') }) : await createTestDatabase({ template: inject('kitchenTemplate') });
  }, CITUS ? 600_000 : undefined);
  afterAll(async () => {
    await db?.close();
  });
  return () => {
    if (!db) throw new Error('useTestDatabase(): the database exists only inside tests and hooks');
    return db;
  };
}

/** The engine of this run ('server' | 'docker' | 'embedded'), for tests that only make sense on one. */
export function engine(): TestDatabase['engine'] {
  return inject('kitchenTemplate').kind;
}

export { CITUS, NOT_ON_CITUS } from './citus.ts';
