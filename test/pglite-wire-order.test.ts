// The embedded engine's connections must not interleave inside a query cycle (src/db/pglite-wire-order.ts).
// Three kinds of concurrent clients on one PGlite served by pglite-socket: transactions with an
// error inside, queries with parameters, and failing queries with parameters. Without the fix,
// pglite-socket 0.2.17 returned other connections' rows (about 1 in 4 here) and hung.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { serializeQueryCycles } from '../src/db/pglite-wire-order.ts';

describe('pglite-socket with serializeQueryCycles', () => {
  it('gives every connection its own results under concurrent extended-protocol queries and transactions', async () => {
    const db = await PGlite.create();
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
    serializeQueryCycles(server);
    await server.start();
    const url = `postgres://postgres@${server.getServerConn()}/postgres?sslmode=disable`;
    const connect = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    };
    const transactional = await Promise.all([connect(), connect()]);
    const plain = await Promise.all([connect(), connect(), connect()]);
    let wrong = 0;
    let ok = 0;
    const unexpected: string[] = [];
    try {
      await Promise.all([
        ...plain.map(async (c, k) => {
          for (let i = 0; i < 150; i++) {
            try {
              const { rows } = await c.query(`select $1::int + ${k} as v${k}`, [i]);
              if (rows[0]?.[`v${k}`] === i + k) ok++;
              else wrong++;
            } catch (error) {
              unexpected.push((error as Error).message);
            }
            if (i % 15 === 0) await c.query('select $1::int / 0', [i]).catch(() => {});
          }
        }),
        ...transactional.map(async (c) => {
          for (let i = 0; i < 50; i++) {
            await c.query('begin');
            const { rows } = await c.query('select $1::text as w', [`x${i}`]);
            if (rows[0]?.w !== `x${i}`) wrong++;
            if (i % 10 === 0) await c.query('savepoint s').then(() => c.query('select 1/0')).catch(() => c.query('rollback to savepoint s'));
            await c.query('commit');
          }
        }),
      ]);
    } finally {
      for (const c of [...transactional, ...plain]) await c.end().catch(() => {});
      await server.stop();
      await db.close();
    }
    expect({ wrong, unexpected }).toEqual({ wrong: 0, unexpected: [] });
    expect(ok).toBe(450);
  });
});
