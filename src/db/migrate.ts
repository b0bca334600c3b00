// Migrating a database: cluster roles first (sql/roles.sql, as the root connection), a preflight
// that turns the usual setup mistakes into one-line errors, then graphile-migrate's committed
// migrations. Used by the CLI (`kitchen-db migrate`), code generation and the test harness.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Logger, migrate as gmMigrate, type Settings } from 'graphile-migrate';
import { KitchenDbError } from '../errors.ts';
import { connectionError, describeUrl } from './resolve.ts';

/** The package root (works from src/ in a clone and from dist/ in an installed package). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));
export const ROLES_SQL = fileURLToPath(new URL('../../sql/roles.sql', import.meta.url));

/** The cluster roles of DESIGN.md, created by sql/roles.sql. */
export const APP_ROLES = ['app_user', 'app_admin', 'app_worker', 'app_compliance', 'auth_service'] as const;
export type AppRole = (typeof APP_ROLES)[number];

/**
 * The migration role kitchen-db uses on databases it manages itself (tests, the embedded engine):
 * a plain NOLOGIN role that owns every object, as on a managed server where the migration role is
 * no superuser. Row-level security is FORCEd, so it applies to this owner too.
 */
export const OWNER_ROLE = 'kitchen_owner';

export interface MigrateOptions {
  /** Connection that may create roles (superuser or CREATEROLE); defaults to `url`. */
  rootUrl?: string;
  /**
   * Run the migrations as this role (SET ROLE on each connection) instead of the connecting user.
   * The root connection (a superuser) creates the role, the extensions and the database grant.
   */
  owner?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface MigrateResult {
  /** Committed migrations applied by this run, in order. */
  applied: string[];
  /** Roles sql/roles.sql had to create. */
  rolesCreated: string[];
}

/**
 * graphile-migrate settings for a connection string; the migrations ship with the package.
 * @internal Left out of the published declarations: graphile-migrate's .d.ts needs @types/yargs.
 */
export function migrateSettings(url: string, log?: (line: string) => void, owner?: string): Settings {
  return {
    connectionString: url,
    ...(owner ? { pgSettings: { role: owner } } : {}),
    // Never used for `migrate`; graphile-migrate only checks that it differs from the main URL.
    rootConnectionString: 'kitchen-db-unused-root',
    migrationsFolder: MIGRATIONS_FOLDER,
    logger: new Logger(() => (level, message) => {
      if (log && (level === 'error' || level === 'warning' || /Running migration/.test(message))) log(message);
    }),
  };
}

/** One client for `fn`, ended afterwards; a failed connect becomes a ConnectionError naming `source`. */
export async function withClient<T>(url: string, source: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw connectionError(error, 'PostgreSQL', url, source);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Runs sql/roles.sql when any application role is missing. */
export async function ensureRoles(rootUrl: string): Promise<string[]> {
  return withClient(rootUrl, 'the root connection', async (client) => {
    const { rows } = await client.query<{ rolname: string }>(
      'select rolname from pg_catalog.pg_roles where rolname = any($1)',
      [APP_ROLES],
    );
    const missing = APP_ROLES.filter((r) => !rows.some((row) => row.rolname === r));
    if (missing.length === 0) return [];
    try {
      await client.query(readFileSync(ROLES_SQL, 'utf8'));
    } catch (error) {
      const e = error as { code?: string; message?: string };
      throw new KitchenDbError(
        'connection',
        `the application roles ${missing.join(', ')} are missing and this connection (${describeUrl(rootUrl)}) cannot create them: ${e.message} — ` +
          'run sql/roles.sql as a superuser or a role with CREATEROLE (psql -f sql/roles.sql), or set ROOT_DATABASE_URL to such a role',
        { rule: 'roles', cause: error },
      );
    }
    return missing;
  });
}

/**
 * For a database migrated as `owner`: the role, the extensions that need a superuser (vector is
 * not a trusted extension), and the right to create schemas. Run on the connection `url`, which
 * must be a superuser's (tests and the embedded engine only).
 */
async function prepareOwner(url: string, owner: string): Promise<void> {
  await withClient(url, 'the root connection', async (client) => {
    await client.query(`do $$ begin
        if not exists (select from pg_catalog.pg_roles where rolname = '${owner}') then
          create role ${owner} nologin;
        end if;
      end $$`);
    await client.query(`comment on role ${owner} is 'kitchen-db: migration role (owns every object) on databases kitchen-db manages itself: tests and the embedded engine.'`);
    await client.query('create extension if not exists vector with schema public');
    await client.query('create extension if not exists citext with schema public');
    await client.query(`grant create on database "${(await client.query('select current_database() as d')).rows[0].d}" to ${owner}`);
  });
}

/** One-line errors for the mistakes people make: no pgvector, an old server. */
export async function preflight(url: string): Promise<void> {
  await withClient(url, 'the connection', async (client) => {
    const { rows } = await client.query<{ num: number; vector: boolean; installed: boolean }>(
      `select current_setting('server_version_num')::int as num,
              exists (select from pg_catalog.pg_available_extensions where name = 'vector') as vector,
              exists (select from pg_catalog.pg_extension where extname = 'vector') as installed`,
    );
    const info = rows[0]!;
    if (info.num < 150000) {
      throw new KitchenDbError('connection', `the server at ${describeUrl(url)} runs PostgreSQL ${info.num}; kitchen-db needs PostgreSQL 15 or newer`, {
        rule: 'server_version',
      });
    }
    if (!info.vector && !info.installed) {
      throw new KitchenDbError(
        'connection',
        `the server at ${describeUrl(url)} has no pgvector extension — install it (Debian 13: postgresql-17-pgvector; Debian 12: bash scripts/ci/provision-postgres.sh; RDS: available by default), or unset DATABASE_URL to use the embedded engine`,
        { rule: 'pgvector' },
      );
    }
  });
}

/** Roles, preflight, then every committed migration not yet applied. */
export async function migrateDatabase(url: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const rolesCreated = await ensureRoles(options.rootUrl ?? url);
  await preflight(url);
  if (options.owner) await prepareOwner(url, options.owner);
  const applied: string[] = [];
  const log = (line: string) => {
    const m = /Running migration '([^']+)'/.exec(line);
    if (m) applied.push(m[1]!);
    options.log?.(line);
  };
  try {
    await gmMigrate(migrateSettings(url, log, options.owner));
  } catch (error) {
    if (error instanceof KitchenDbError) throw error;
    const e = error as { code?: string; message?: string };
    if (e.code && /^(08|57P|28|3D)/.test(e.code)) throw connectionError(error, 'PostgreSQL', url, 'the connection');
    const last = applied.length ? ` (last migration started: ${applied.at(-1)})` : '';
    throw new KitchenDbError('internal', `migration failed: ${e.message ?? String(error)}${last}`, {
      rule: 'migration',
      cause: error,
    });
  } finally {
    await releaseMigratePools();
    // graphile-migrate switched its connections to the owner with a session-level SET ROLE. The
    // embedded engine is ONE session shared by every connection, so that role would stay for all
    // later clients: switch back (a no-op on a real server, where those connections are gone).
    if (options.owner) await withClient(url, 'the connection', (c) => c.query('reset role')).catch(() => {});
  }
  return { applied, rolesCreated };
}

/** Committed migration files shipped with the package, in order. */
export function committedMigrations(): string[] {
  return readdirSync(`${MIGRATIONS_FOLDER}/committed`)
    .filter((f) => /^\d{6}(-[-_a-zA-Z0-9]*)?\.sql$/.test(f))
    .sort();
}

/**
 * Committed migrations not yet applied to the database at `url` (graphile-migrate's own `status`
 * insists on a shadow database, which a production deployment does not have).
 */
export async function pendingMigrations(url: string): Promise<string[]> {
  const applied = await withClient(url, 'the connection', async (client) => {
    // Two statements: a query naming a missing table fails at parse time, CASE or not.
    const exists = await client.query<{ t: string | null }>(`select to_regclass('graphile_migrate.migrations')::text as t`);
    if (!exists.rows[0]?.t) return null;
    const { rows } = await client.query<{ filename: string | null }>(`select max(filename) as filename from graphile_migrate.migrations`);
    return rows[0]?.filename ?? null;
  });
  return committedMigrations().filter((f) => applied === null || f.replace(/^(\d+).*$/, '$1.sql') > applied);
}

/**
 * graphile-migrate keeps its pools alive for 200 ms after use and exits the process if an idle
 * client errors, which happens when the embedded engine stops in that window. Close them now.
 */
async function releaseMigratePools(): Promise<void> {
  const pgReal = (await import('graphile-migrate/dist/pgReal.js')) as unknown as {
    clearAllPools?: () => void;
    default?: { clearAllPools?: () => void };
  };
  (pgReal.clearAllPools ?? pgReal.default?.clearAllPools)?.();
}
