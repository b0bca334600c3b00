// kitchen-db/testing: a migrated, isolated database for tests — kitchen-db's own and a consuming
// service's. The engine comes from the same resolver as everything else: TEST_DATABASE_URL, else a
// Docker engine (testcontainers, pgvector/pgvector:pg17), else the embedded engine.
//
// Fast path: build one migrated template per test run (`prepareTestTemplate`, e.g. in vitest's
// globalSetup), then give each test file its own copy (`createTestDatabase({ template })`):
//   - on a server: CREATE DATABASE … TEMPLATE <migrated template> (tens of milliseconds);
//   - embedded: a fresh PGlite started from the migrated template's data-folder tarball.
// Without a template, createTestDatabase prepares one for the process on first use.
import { randomBytes, createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { asAdmin, asCompliance, asWorker, withUser, type DbClient } from './db/context.ts';
import { startEmbedded } from './db/embedded.ts';
import { committedMigrations, ensureRoles, migrateDatabase, MIGRATIONS_FOLDER, OWNER_ROLE, pendingMigrations, withClient } from './db/migrate.ts';
import { createPool } from './db/pool.ts';
import { kitchenDbFromPool, type KitchenDb } from './api/kitchen.ts';
import { resolveDatabase, type EngineKind } from './db/resolve.ts';

/** A migrated template, as plain data so vitest's globalSetup can `provide` it to test files. */
export interface TestTemplate {
  kind: EngineKind;
  /** The engine line of the run. */
  line: string;
  version: string;
  /** Server/Docker: connection string of the maintenance database (superuser). */
  serverUrl?: string;
  /** Server/Docker: the migrated template database to copy. */
  templateName?: string;
  /** Embedded: the migrated data folder as a tarball file. */
  tarball?: string;
}

export interface PreparedTemplate extends TestTemplate {
  /** Drops the template / stops the container / removes the tarball. */
  dispose(): Promise<void>;
}

export interface TestDatabase {
  engine: EngineKind;
  /** Connection string of this test's database, as a superuser (the migration role of tests). */
  url: string;
  /** A pool on it (superuser: bypasses row-level security — use asUser for the person's view). */
  pool: pg.Pool;
  /** The typed API on this database, as a service would use it (kdb.asUser(id, (me) => me.meals…)). */
  kdb: KitchenDb;
  /** Runs `fn` in one transaction as the person (role app_user, app.user_id set). */
  asUser<T>(userId: string, fn: (client: DbClient) => Promise<T>): Promise<T>;
  asAdmin<T>(fn: (client: DbClient) => Promise<T>): Promise<T>;
  asWorker<T>(fn: (client: DbClient) => Promise<T>): Promise<T>;
  asCompliance<T>(fn: (client: DbClient) => Promise<T>): Promise<T>;
  /** Closes the pool and drops the database (or stops the embedded engine). */
  close(): Promise<void>;
}

/** Stable name for a template of exactly these committed migrations. */
function templateName(): string {
  const h = createHash('sha1').update(`owner:${OWNER_ROLE}`);
  for (const f of committedMigrations()) h.update(f).update(readFileSync(join(MIGRATIONS_FOLDER, 'committed', f)));
  return `kitchen_db_template_${h.digest('hex').slice(0, 12)}`;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const admin = <T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> => withClient(url, 'the test server', fn);

/**
 * Resolves the engine and builds a migrated template once. On a server the template database is
 * named after a hash of the committed migrations and reused while they are unchanged.
 */
export async function prepareTestTemplate(options: { log?: (line: string) => void } = {}): Promise<PreparedTemplate> {
  return prepareTemplate(options, false);
}

/** Embedded templates kept in memory (createTestDatabase without a template): no file to clean up. */
const inMemory = new WeakMap<TestTemplate, Blob>();

async function prepareTemplate(options: { log?: (line: string) => void }, keepInMemory: boolean): Promise<PreparedTemplate> {
  const resolved = await resolveDatabase({ purpose: 'test', ...(options.log ? { log: options.log } : {}) });
  if (resolved.kind === 'embedded') {
    try {
      await migrateDatabase(resolved.url, { owner: OWNER_ROLE });
      const blob = await resolved.embedded!.db.dumpDataDir('none');
      if (keepInMemory) {
        const template: PreparedTemplate = { kind: 'embedded', line: resolved.line, version: resolved.version, dispose: async () => {} };
        inMemory.set(template, blob);
        return template;
      }
      // A file, so that vitest's globalSetup can hand it to the test workers (test/support/).
      const dir = mkdtempSync(join(tmpdir(), 'kitchen-db-template-'));
      const tarball = join(dir, 'template.tar');
      writeFileSync(tarball, Buffer.from(await blob.arrayBuffer()));
      return {
        kind: 'embedded',
        line: resolved.line,
        version: resolved.version,
        tarball,
        dispose: async () => rmSync(dir, { recursive: true, force: true }),
      };
    } finally {
      await resolved.close();
    }
  }
  const name = templateName();
  const templateUrl = withDatabase(resolved.url, name);
  try {
    await ensureRoles(resolved.url);
    await admin(resolved.url, async (c) => {
      // Serialise template builds of concurrent runs on the same server.
      await c.query('select pg_advisory_lock(hashtext($1))', [name]);
      try {
        const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [name]);
        if (rowCount && (await pendingMigrations(templateUrl).catch(() => ['?'])).length === 0) return;
        await c.query(`drop database if exists ${name} with (force)`);
        await c.query(`create database ${name}`);
        try {
          await migrateDatabase(templateUrl, { owner: OWNER_ROLE });
        } catch (error) {
          await c.query(`drop database if exists ${name} with (force)`);
          throw error;
        }
      } finally {
        await c.query('select pg_advisory_unlock(hashtext($1))', [name]);
      }
    });
  } catch (error) {
    // Nobody gets a dispose() to call: stop the Docker container here.
    await resolved.close().catch(() => {});
    throw error;
  }
  return {
    kind: resolved.kind,
    line: resolved.line,
    version: resolved.version,
    serverUrl: resolved.url,
    templateName: name,
    dispose: () => resolved.close(),
  };
}

let processTemplate: Promise<PreparedTemplate> | undefined;

/** A fresh migrated database of its own for one test file (or one test). */
export async function createTestDatabase(options: { template?: TestTemplate } = {}): Promise<TestDatabase> {
  const template = options.template ?? (await (processTemplate ??= prepareTemplate({}, true)));
  let url: string;
  let drop: () => Promise<void>;
  if (template.kind === 'embedded') {
    const server = await startEmbedded({ loadDataDir: inMemory.get(template) ?? new Blob([readFileSync(template.tarball!)]) });
    url = server.url;
    drop = () => server.stop();
  } else {
    const name = `kitchen_db_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    await admin(template.serverUrl!, async (c) => {
      await c.query(`create database ${name} template ${template.templateName}`);
      // A database's ACL is not copied from its template: PUBLIC may create temporary objects again.
      await c.query(`revoke temporary on database ${name} from public`);
    });
    url = withDatabase(template.serverUrl!, name);
    drop = () => admin(template.serverUrl!, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => {});
  }
  return testDatabaseOn(template.kind, url, drop);
}

/**
 * The TestDatabase handle on a database made for a test: a pool on `url` and the role helpers;
 * close() ends the pool, then calls `drop`. If the pool cannot be made, `drop` runs and the error
 * is thrown. Shared with the Citus harness (test/support/citus.ts), whose databases are made otherwise.
 * @internal
 */
export async function testDatabaseOn(engine: EngineKind, url: string, drop: () => Promise<void>): Promise<TestDatabase> {
  let pool: pg.Pool;
  try {
    pool = await createPool(url, { max: 8, source: 'the test database' });
  } catch (error) {
    await drop().catch(() => {});
    throw error;
  }
  let closed = false;
  return {
    engine,
    url,
    pool,
    kdb: kitchenDbFromPool(pool),
    asUser: (userId, fn) => withUser(pool, userId, fn),
    asAdmin: (fn) => asAdmin(pool, fn),
    asWorker: (fn) => asWorker(pool, fn),
    asCompliance: (fn) => asCompliance(pool, fn),
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
      await drop();
    },
  };
}
