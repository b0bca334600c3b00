// The embedded engine: PGlite (PostgreSQL 18 in WebAssembly) with pgvector and citext, served
// over the PostgreSQL wire protocol on a free loopback port so that node-postgres, pg-boss,
// graphile-migrate and pgtyped talk to it exactly as to a real server.
import { mkdirSync } from 'node:fs';
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

export async function startEmbedded(options: EmbeddedOptions = {}): Promise<EmbeddedServer> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const db = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: options.withoutExtensions ? {} : { vector, citext },
    // A local development engine: durability across crashes matters less than speed.
    relaxedDurability: true,
  });
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
      await server.stop();
      await db.close();
    },
  };
}
