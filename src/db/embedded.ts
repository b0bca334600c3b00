// The embedded engine: PGlite (PostgreSQL 18 in WebAssembly) with pgvector and citext, served
// over the PostgreSQL wire protocol on a free loopback port so that node-postgres, pg-boss,
// graphile-migrate and pgtyped talk to it exactly as to a real server.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { ConnectionError } from './errors.ts';
import { PGlite } from '@electric-sql/pglite';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { serializeQueryCycles } from './pglite-wire-order.ts';

export interface EmbeddedOptions {
  /** Folder that keeps the data between runs; omit for an in-memory database. */
  dataDir?: string;
  /** A data-folder tarball made by `dumpDataDir()` to start from (e.g. a migrated template). */
  loadDataDir?: Blob;
  /** Concurrent client connections the socket accepts (PGlite still runs one query at a time). */
  maxConnections?: number;
  /** Start without pgvector and citext (only to test what happens on a server that lacks them). */
  withoutExtensions?: boolean;
}

export interface EmbeddedServer {
  db: PGlite;
  url: string;
  host: string;
  port: number;
  version: string;
  stop(): Promise<void>;
}

/** PGlite's own package version, for the engine line. */
export const PGLITE_VERSION = '0.5.14';

/** The lock file of a data folder: who runs an engine on it. */
export const LOCK_FILE = 'kitchen-db.lock';

interface LockOwner {
  pid: number;
  host: string;
  command: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as LockOwner;
  } catch {
    return undefined;
  }
}

/**
 * One engine per data folder. PGlite has no postmaster to refuse a second process: two engines on
 * one folder would each write the same files and corrupt them. The lock file holds the owner's pid;
 * a lock whose process is gone (a crash, kill -9) is stale and taken over. Returns the release.
 */
export function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: hostname(), command: process.argv.slice(1).join(' ').slice(0, 200), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, JSON.stringify(me) + '\n');
      closeSync(fd);
      const release = () => {
        process.off('exit', release);
        // Remove it only while it is still ours.
        if (readLock(path)?.pid === me.pid) rmSync(path, { force: true });
      };
      // process.exit() without stop() (a second Ctrl-C) still leaves no lock behind.
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readLock(path);
    // A lock from another machine (a shared network folder) cannot be checked: believe it.
    if (owner && (owner.host !== me.host || isAlive(owner.pid))) {
      throw new ConnectionError(
        `the embedded data folder ${dataDir} is in use by another kitchen-db process (pid ${owner.pid}${owner.host !== me.host ? ` on ${owner.host}` : ''}, since ${owner.since}: ${owner.command})`,
        {
          engine: 'embedded',
          address: dataDir,
          hint: `wait for it or stop it; the embedded engine serves one process at a time (use DATABASE_URL with a PostgreSQL server for several, or another --data-dir). If no such process runs, delete ${path}`,
        },
      );
    }
    // Stale (its process is gone) or unreadable (a crash while writing it): take it over, unless
    // another process did so in the meantime.
    const again = readLock(path);
    if (again?.pid === owner?.pid) rmSync(path, { force: true });
  }
  throw new ConnectionError(`could not take the lock of the embedded data folder ${dataDir}`, {
    engine: 'embedded',
    address: dataDir,
    hint: `another process keeps taking ${path}; stop the other kitchen-db processes`,
  });
}

export async function startEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  let unlock = () => {};
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    unlock = lockDataDir(options.dataDir);
  }
  try {
    return await startEngine(options, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
}

/**
 * WAL kept by a data folder. PostgreSQL's defaults (min 80 MB, max 1 GB) let the demo's first run
 * leave 273 MB of WAL segments in a 445 MB folder; a local engine needs little (set in
 * postgresql.auto.conf of a new folder: PGlite has no reload, so it takes effect on the next start).
 */
const WAL_SETTINGS = { min_wal_size: '32MB', max_wal_size: '64MB' } as const;

async function startEngine(options: EmbeddedOptions, unlock: () => void): Promise<EmbeddedServer> {
  const create = () =>
    PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
      extensions: options.withoutExtensions ? {} : { vector, citext },
      // A local development engine: durability across crashes matters less than speed.
      relaxedDurability: true,
    });
  const fresh = !!options.dataDir && !existsSync(join(options.dataDir, 'PG_VERSION'));
  let db = await create();
  if (fresh) {
    for (const [name, value] of Object.entries(WAL_SETTINGS)) await db.exec(`alter system set ${name} = '${value}'`);
    await db.close();
    db = await create();
  }
  const server = new PGLiteSocketServer({
    db,
    host: '127.0.0.1',
    port: 0,
    maxConnections: options.maxConnections ?? 64,
  });
  // pglite-socket keeps a connection's messages together only inside transaction blocks; without
  // this, concurrent extended-protocol queries interleave on PGlite's single session.
  serializeQueryCycles(server);
  try {
    await server.start();
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
  const [host, portText] = server.getServerConn().split(':');
  const port = Number(portText);
  const { rows } = await db.query<{ v: string }>(`select current_setting('server_version') as v`);
  let stopped = false;
  return {
    db,
    host: host!,
    port,
    url: `postgres://postgres@${host}:${port}/postgres?sslmode=disable`,
    version: rows[0]!.v,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await server.stop();
        await db.close();
      } finally {
        unlock();
      }
    },
  };
}
