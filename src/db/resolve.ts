// One resolver for the CLI, code generation and tests: which PostgreSQL do we talk to?
//   1. DATABASE_URL (tests: TEST_DATABASE_URL) — a real server;
//   2. for tests only, a Docker engine if one answers — testcontainers with pgvector/pgvector:pg17;
//   3. otherwise the embedded engine — PGlite on a free loopback port (in memory for tests,
//      in a data folder for the CLI).
// It always says which one it picked, in one line.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { ConnectionError } from './errors.ts';
import { PGLITE_VERSION, startEmbedded, type EmbeddedServer } from './embedded.ts';

export type EngineKind = 'server' | 'docker' | 'embedded';
export type Purpose = 'cli' | 'test' | 'generate';

export const DOCKER_IMAGE = 'pgvector/pgvector:pg17';
export const DEFAULT_DATA_DIR = '.kitchen-db';

export interface EngineChoice {
  kind: EngineKind;
  /** Which setting decided it, for the engine line. */
  reason: string;
  url?: string;
  /** The environment variable the URL came from. */
  source?: string;
}

/**
 * The decision alone, without side effects, so it can be tested for every case (including
 * "a Docker engine answers", which this machine cannot show for real).
 */
export function chooseEngine(
  purpose: Purpose,
  env: Record<string, string | undefined>,
  dockerAnswers: boolean,
): EngineChoice {
  const variable = purpose === 'test' ? 'TEST_DATABASE_URL' : 'DATABASE_URL';
  if (env.KITCHEN_DB_ENGINE === 'embedded') return { kind: 'embedded', reason: 'KITCHEN_DB_ENGINE=embedded' };
  const url = env[variable]?.trim();
  if (url) return { kind: 'server', reason: variable, url, source: variable };
  if (purpose === 'test' && dockerAnswers) {
    return { kind: 'docker', reason: 'a Docker engine answered' };
  }
  return {
    kind: 'embedded',
    reason: purpose === 'test' ? 'no TEST_DATABASE_URL and no Docker engine' : 'no DATABASE_URL',
  };
}

/** Is a Docker engine reachable? Cheap checks first: testcontainers' probe costs ~0.5 s. */
export async function dockerAnswers(env: Record<string, string | undefined> = process.env): Promise<boolean> {
  if (env.KITCHEN_DB_ENGINE === 'embedded') return false;
  const socketPaths = ['/var/run/docker.sock', `${env.HOME ?? ''}/.docker/run/docker.sock`];
  if (!env.DOCKER_HOST && !socketPaths.some((p) => existsSync(p))) return false;
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export interface ResolvedDatabase {
  kind: EngineKind;
  /** Connection string of the database to use (a superuser / migration role for test engines). */
  url: string;
  /** e.g. "PostgreSQL 15.20" or "PostgreSQL 18.6 (PGlite 0.5.14)". */
  version: string;
  /** The one line that says which engine was picked. */
  line: string;
  /**
   * The embedded engine, when that is what was picked (pg_dump and data-folder snapshots need it).
   * @internal Left out of the published declarations: its type is PGlite's, whose own .d.ts does not
   * compile without skipLibCheck.
   */
  embedded?: EmbeddedServer;
  close(): Promise<void>;
}

export interface ResolveOptions {
  purpose: Purpose;
  env?: Record<string, string | undefined>;
  /** Embedded engine data folder for the CLI (default `.kitchen-db/`); tests always use memory. */
  dataDir?: string;
  /** Embedded engine: start from this data-folder tarball instead of an empty cluster. */
  loadDataDir?: Blob;
  /** Where the engine line goes (default: stderr, so stdout stays clean for --json). */
  log?: (line: string) => void;
  /**
   * Embedded engine with a data folder: create the database when the folder holds none (default
   * true). False for commands that only read: a missing database is then an error that says what
   * to run, and nothing is written to the folder.
   */
  createDataDir?: boolean;
}

/**
 * Which PostgreSQL to use, as the CLI, code generation and tests decide it: `DATABASE_URL`
 * (`TEST_DATABASE_URL` for tests) when set; for tests a Docker engine if one answers; otherwise the
 * embedded engine (PGlite on a free loopback port; in a data folder for the CLI, in memory for
 * tests). Logs one line saying which it picked. Call `close()` when done (it stops an embedded
 * engine or a container). A service should not need this: use `createKitchenDb`.
 */
export async function resolveDatabase(options: ResolveOptions): Promise<ResolvedDatabase> {
  const env = options.env ?? process.env;
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  // Probe Docker only when chooseEngine could pick it: no (non-blank) TEST_DATABASE_URL.
  const docker = options.purpose === 'test' && !env.TEST_DATABASE_URL?.trim() ? await dockerAnswers(env) : false;
  const choice = chooseEngine(options.purpose, env, docker);

  if (choice.kind === 'server') {
    const url = choice.url!;
    const { version, citus } = await serverFacts(url, 'native PostgreSQL', choice.source!);
    // A Citus coordinator says so: what runs there (routing, one role per shard in a transaction,
    // docs/scale-out.md) differs from a single server.
    const on = citus ? ` with Citus ${citus} (a coordinator)` : '';
    const line = `engine: native PostgreSQL ${version}${on} at ${describeUrl(url)} (from ${choice.source})`;
    log(line);
    return { kind: 'server', url, version, line, close: async () => {} };
  }

  if (choice.kind === 'docker') {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer(DOCKER_IMAGE).start();
    const url = container.getConnectionUri();
    const version = await serverVersion(url, `Docker ${DOCKER_IMAGE}`, 'testcontainers');
    const line = `engine: Docker ${DOCKER_IMAGE}, PostgreSQL ${version} at ${describeUrl(url)} (${choice.reason})`;
    log(line);
    return { kind: 'docker', url, version, line, close: async () => void (await container.stop()) };
  }

  const dataDir = options.purpose === 'cli' ? (options.dataDir ?? env.KITCHEN_DB_DATA_DIR ?? DEFAULT_DATA_DIR) : undefined;
  if (dataDir && options.createDataDir === false && !existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new ConnectionError(`no embedded database in ${dataDir} (nothing was created)`, {
      engine: 'embedded',
      address: dataDir,
      hint: `create it with \`kitchen-db migrate\` (or \`npm start\` in a clone, for the demo data), or set DATABASE_URL to use a PostgreSQL server`,
    });
  }
  let embedded: EmbeddedServer;
  try {
    embedded = await startEmbedded({
      ...(dataDir ? { dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    if (error instanceof ConnectionError) throw error; // the data folder's lock: says who holds it
    throw new ConnectionError(
      `the embedded engine (PGlite ${PGLITE_VERSION}) did not start${dataDir ? ` with data folder ${dataDir}` : ''}: ${(error as Error).message}`,
      {
        engine: 'embedded',
        address: dataDir ?? 'memory',
        hint: dataDir
          ? `another kitchen-db process may be using ${dataDir}; stop it, or point KITCHEN_DB_DATA_DIR at another folder`
          : 'check that @electric-sql/pglite is installed (npm ci)',
      },
    );
  }
  const version = `${embedded.version} (PGlite ${PGLITE_VERSION})`;
  const where = dataDir ? `data folder ${dataDir}` : 'in memory';
  const line = `engine: embedded PostgreSQL ${version}, ${where}, at ${embedded.host}:${embedded.port} (${choice.reason})`;
  log(line);
  return { kind: 'embedded', url: embedded.url, version, line, embedded, close: () => embedded.stop() };
}

/** host:port/database of a connection string, without the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || 'localhost'}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return '(unparsable URL)';
  }
}

/** Checks a connection string's form before a driver sees it, so the error names the setting. */
export function checkConnectionString(url: string, source: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConnectionError(`${source} is not a URL: expected postgres://user[:password]@host[:port]/database`, {
      engine: 'server',
      address: '(unparsable)',
      hint: `fix ${source}, or unset it to use the embedded engine`,
    });
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new ConnectionError(`${source} has scheme "${parsed.protocol}" but must start with postgres:// or postgresql://`, {
      engine: 'server',
      address: describeUrl(url),
      hint: `fix ${source}, or unset it to use the embedded engine`,
    });
  }
}

/** Connects once, returns "15.20"-style version, or a ConnectionError that says what to try. */
export async function serverVersion(url: string, engine: string, source: string): Promise<string> {
  return (await serverFacts(url, engine, source)).version;
}

/** The server's version and, when the database has the citus extension, its version. */
async function serverFacts(url: string, engine: string, source: string): Promise<{ version: string; citus: string | null }> {
  checkConnectionString(url, source);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ v: string; citus: string | null }>(
      `select current_setting('server_version') as v,
              (select extversion from pg_catalog.pg_extension where extname = 'citus') as citus`,
    );
    return { version: rows[0]!.v.split(' ')[0]!, citus: rows[0]!.citus };
  } catch (error) {
    throw connectionError(error, engine, url, source);
  } finally {
    await client.end().catch(() => {});
  }
}

export function connectionError(error: unknown, engine: string, url: string, source: string): ConnectionError {
  const e = error as { code?: string; message?: string };
  const address = describeUrl(url);
  const hints: Record<string, string> = {
    ECONNREFUSED: 'is the server running and listening there? check host and port',
    ENOTFOUND: 'the host name does not resolve; check the host',
    ETIMEDOUT: 'the server did not answer in time; check the host, port and firewall',
    '28P01': 'wrong password for that user',
    '28000': 'that role does not exist or may not connect; create it (sql/roles.sql creates the application roles) or fix the user in the URL',
    '3D000': 'that database does not exist; create it (createdb) or fix the database name in the URL',
    '57P03': 'the server is starting up or shutting down; try again in a moment',
  };
  const hint = hints[e.code ?? ''] ?? `check ${source}, or unset it to use the embedded engine`;
  return new ConnectionError(`cannot connect to ${engine} at ${address} (from ${source}): ${e.message ?? String(error)}`, {
    engine,
    address,
    hint,
    cause: error,
  });
}
