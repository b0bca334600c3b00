// Migrating a database: cluster roles first (sql/roles.sql, as the root connection), a preflight
// that turns the usual setup mistakes into one-line errors, then graphile-migrate's committed
// migrations. Used by the CLI (`kitchen-db migrate`), code generation and the test harness.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Logger, migrate as gmMigrate, type Settings } from 'graphile-migrate';
import { citusRemoteNodeError, KitchenDbError } from './errors.ts';
import { connectionError, describeUrl } from './resolve.ts';

/** The package root (works from src/ in a clone and from dist/ in an installed package). */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url));
export const ROLES_SQL = fileURLToPath(new URL('../../sql/roles.sql', import.meta.url));

/** The cluster roles of docs/architecture.md ("Roles"), created by sql/roles.sql. */
export const APP_ROLES = ['app_user', 'app_admin', 'app_worker', 'app_compliance', 'auth_service'] as const;
export type AppRole = (typeof APP_ROLES)[number];

/**
 * The stable owner role (sql/roles.sql): the owner_access policies name it, and the login that runs
 * the migrations must be it or a member of it (migration 000062), so that a dump restored with
 * `pg_restore --no-owner` by another member works (docs/operations.md). On databases kitchen-db
 * manages itself (tests, the embedded engine) the migrations run as this role (SET ROLE), so it
 * owns every object, as on a managed server where the migration role is no superuser. Row-level
 * security is FORCEd, so it applies to the owner too.
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
    const wanted = [...APP_ROLES, OWNER_ROLE];
    const { rows } = await client.query<{ rolname: string }>(
      'select rolname from pg_catalog.pg_roles where rolname = any($1)',
      [wanted],
    );
    const missing = wanted.filter((r) => !rows.some((row) => row.rolname === r));
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
    await client.query('create extension if not exists vector with schema public');
    await client.query('create extension if not exists citext with schema public');
    const db = (await client.query('select current_database() as d')).rows[0].d as string;
    await client.query(`grant create on database "${db}" to ${owner}`);
    // Migration 000061 revokes it too, but only the database owner can: here the owner is the
    // superuser that created the database (tests, the embedded engine), not the migration role.
    await client.query(`revoke temporary on database "${db}" from public`);
  });
}

/**
 * Application roles that may create temporary objects in the database at `url` (TEMPORARY through
 * PUBLIC or a grant): the way a caller plants code in a SECURITY DEFINER function's path. Migration
 * 000061 revokes it, but the database ACL is not part of the schema: a database copied with
 * CREATE DATABASE … TEMPLATE or restored with pg_restore starts from the default (PUBLIC has
 * TEMPORARY) again. Tries to revoke it (works as the database owner or a superuser) and returns the
 * roles that still have it.
 */
export async function revokeTemporary(client: pg.Client | pg.PoolClient): Promise<string[]> {
  const db = (await client.query<{ d: string }>('select current_database() as d')).rows[0]!.d;
  const mayRevoke = (await client.query<{ ok: boolean }>(
    `select pg_catalog.pg_has_role(current_user, datdba, 'USAGE') as ok from pg_catalog.pg_database where datname = current_database()`,
  )).rows[0]!.ok;
  if (mayRevoke) {
    const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;
    await client.query(`revoke temporary on database ${ident(db)} from public, ${APP_ROLES.map(ident).join(', ')}`);
  }
  const { rows } = await client.query<{ role: string }>(
    `select r as role from unnest($1::text[]) r where pg_catalog.has_database_privilege(r, current_database(), 'TEMPORARY') order by 1`,
    [APP_ROLES],
  );
  return rows.map((r) => r.role);
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

/**
 * The login that runs the migrations must be the stable owner role or a member of it (migration
 * 000062; docs/operations.md). When it is not and a separate root connection is given, grant it
 * there; otherwise the migration fails with the statement to run.
 */
async function ensureOwnerMembership(url: string, rootUrl: string | undefined): Promise<void> {
  const login = await withClient(url, 'the connection', async (client) => {
    const { rows } = await client.query<{ login: string; member: boolean }>(
      `select current_user as login,
              exists (select from pg_catalog.pg_roles where rolname = $1) and pg_catalog.pg_has_role(current_user, $1, 'USAGE') as member`,
      [OWNER_ROLE],
    );
    return rows[0]!.member ? undefined : rows[0]!.login;
  });
  if (!login || !rootUrl || rootUrl === url) return;
  await withClient(rootUrl, 'the root connection', (client) => client.query(`grant ${OWNER_ROLE} to "${login.replace(/"/g, '""')}"`)).catch(() => {});
}

/** Roles, preflight, then every committed migration not yet applied. */
export async function migrateDatabase(url: string, options: MigrateOptions = {}): Promise<MigrateResult> {
  const rolesCreated = await ensureRoles(options.rootUrl ?? url);
  await preflight(url);
  if (options.owner) await prepareOwner(url, options.owner);
  else await ensureOwnerMembership(url, options.rootUrl);
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
    const remote = citusRemoteNodeError(error);
    if (remote) throw remote;
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
  // Checked on every run, not only by migration 000061: a restored or copied database has the
  // default database ACL again (PUBLIC may create temporary objects).
  await withClient(url, 'the connection', async (c) => {
    // Functions the migration role creates are not executable by PUBLIC (000001's default privileges).
    // Re-stated on every run: a dump restored by another login (docs/operations.md) cannot restore
    // default privileges FOR ROLE <the old login>, so the new owner would have none.
    await c.query('begin');
    if (options.owner) await c.query(`set local role ${options.owner}`);
    await c.query('alter default privileges revoke execute on functions from public');
    await c.query('commit');
    const temporary = await revokeTemporary(c);
    if (temporary.length === 0) return;
    const { rows } = await c.query<{ o: string; d: string }>(
      'select pg_catalog.pg_get_userbyid(datdba) as o, datname as d from pg_catalog.pg_database where datname = current_database()',
    );
    const { o, d } = rows[0]!;
    throw new KitchenDbError(
      'internal',
      `${temporary.join(', ')} may create temporary objects in database ${d} (TEMPORARY through PUBLIC), which would let a caller run code as a SECURITY DEFINER function's owner — ` +
        `as the database owner (${o}) or a superuser run: revoke temporary on database "${d}" from public, ${temporary.join(', ')}; (docs/operations.md)`,
      { rule: 'temporary_privilege' },
    );
  });
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
