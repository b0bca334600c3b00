// Restarting PostgreSQL under a running worker loses no job (issue 8). Native engine only: the test
// starts a throwaway cluster of its own with scripts/ci/start-postgres.sh (never the shared
// development server) and restarts it with `pg_ctl restart -m fast` while messages are written and
// embedded; every message must end up with exactly one embedding and no job may fail.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { engine } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';
import { FAST_BOSS, testWorker, waitFor, type LogLine } from './support/worker.ts';
import { migrateDatabase, OWNER_ROLE, PACKAGE_ROOT } from '../src/db/migrate.ts';
import { createPool } from '../src/db/pool.ts';
import { LocalHashEmbedder, type Embedder, type EmbedResult } from '../src/jobs/embedder.ts';
import type { JobWorker } from '../src/jobs/worker.ts';
import type { TestDatabase } from '../src/testing.ts';

function whyNot(): string | undefined {
  if (engine() !== 'server') return 'needs the native engine (a server it can restart)';
  if (!process.env.KITCHEN_DB_SLOW) return 'slow suite: set KITCHEN_DB_SLOW=1 (CI does on the native server)';
  const bins = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
  if (!bins.some((v) => existsSync(`/usr/lib/postgresql/${v}/bin/initdb`))) return 'no PostgreSQL server binaries (scripts/ci/provision-postgres.sh)';
  if (process.getuid?.() !== 0 && process.env.USER !== 'postgres') return 'must run as root (runuser -u postgres) or as postgres to run initdb/pg_ctl';
  return undefined;
}
const skip = whyNot();

/** The local embedder, 30 ms per call, so that jobs are in flight when the server goes away. */
class SlowEmbedder implements Embedder {
  readonly inner = new LocalHashEmbedder();
  readonly model = this.inner.model;
  readonly provider = 'local';
  readonly dimension = this.inner.dimension;
  async embed(texts: string[]): Promise<EmbedResult> {
    await new Promise((r) => setTimeout(r, 30));
    return this.inner.embed(texts);
  }
}

let cluster: Record<string, string> | undefined;
let pool: pg.Pool | undefined;
let worker: JobWorker | undefined;

afterAll(async () => {
  await worker?.stop();
  await pool?.end();
  if (cluster?.KITCHEN_PG_DIR) execFileSync('bash', [`${PACKAGE_ROOT}scripts/ci/stop-postgres.sh`, cluster.KITCHEN_PG_DIR], { env: { ...process.env, ...cluster } });
}, 60_000);

describe('PostgreSQL restarts under a running worker', () => {
  it.skipIf(skip !== undefined)(`no job is lost${skip ? ` (skipped: ${skip})` : ''}`, async () => {
    const out = execFileSync('bash', [`${PACKAGE_ROOT}scripts/ci/start-postgres.sh`], { encoding: 'utf8' });
    cluster = Object.fromEntries([...out.matchAll(/^export (\w+)='([^']*)'$/gm)].map((m) => [m[1]!, m[2]!]));
    const admin = new pg.Client({ connectionString: cluster.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query('create database kitchen_restart');
    await admin.end();
    const url = cluster.TEST_DATABASE_URL!.replace(/\/postgres$/, '/kitchen_restart');
    await migrateDatabase(url, { owner: OWNER_ROLE });
    pool = await createPool(url, { max: 4 });
    const person = await createPerson(pool);
    const { rows: conv } = await pool.query<{ id: string }>(`insert into app.conversations (user_id) values ($1) returning id`, [person.id]);

    let lines: LogLine[];
    ({ worker, lines } = testWorker({ url, engine: 'server' } as TestDatabase, {
      embedder: new SlowEmbedder(),
      only: ['assistant.embed', 'metrics.rollup'],
      boss: FAST_BOSS,
      health: { intervalMs: 250, stallMs: 5000 },
      queueOverrides: { 'assistant.embed': { expireInSeconds: 3, retryDelay: 1, batchSize: 4, pollingIntervalSeconds: 0.5 } },
    }));
    await worker.start();

    // Writes keep coming while the server restarts: a write that fails is tried again (a client's job).
    const insert = async (i: number) => {
      for (;;) {
        try {
          await pool!.query(`insert into app.messages (conversation_id, user_id, role, content) values ($1, $2, 'user', $3)`, [conv[0]!.id, person.id, `message ${i} about lentil soup`]);
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    };
    let restarted: Promise<unknown> | undefined;
    for (let i = 0; i < 60; i++) {
      await insert(i);
      if (i === 20) {
        // The jobs of the first 20 messages are queued or running now.
        // -l: the restarted server writes to its log file, not to pipes inherited from this process.
        const pgCtl = [`${cluster.KITCHEN_PG_BIN}/pg_ctl`, '-D', `${cluster.KITCHEN_PG_DIR}/data`, '-l', `${cluster.KITCHEN_PG_DIR}/server.log`, 'restart', '-m', 'fast', '-w'];
        const [cmd, ...args] = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...pgCtl] : pgCtl;
        restarted = new Promise<void>((resolve, reject) => {
          spawn(cmd!, args, { stdio: 'ignore' }).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_ctl restart exited with ${code}`))));
        });
      }
      await new Promise((r) => setTimeout(r, 40));
    }
    await restarted;

    const counts = await waitFor(
      'every message embedded',
      async () => {
        const { rows } = await pool!.query<{ messages: number; embedded: number; pending: number }>(
          `select (select count(*)::int from app.messages where user_id = $1) as messages,
                  (select count(distinct source_id)::int from app.embeddings where user_id = $1 and source_kind = 'message') as embedded,
                  (select count(*)::int from pgboss.job where name = 'assistant.embed' and state < 'completed') as pending`,
          [person.id],
        );
        const r = rows[0]!;
        return r.messages >= 60 && r.embedded === r.messages && r.pending === 0 ? r : undefined;
      },
      120_000,
      500,
    );
    expect(counts.embedded).toBe(counts.messages);
    const { rows: dupes } = await pool.query(
      `select source_id, count(*)::int as n from app.embeddings where user_id = $1 group by source_id, chunk_index having count(*) > 1`,
      [person.id],
    );
    expect(dupes).toEqual([]);
    const { rows: failed } = await pool.query(`select count(*)::int as n from pgboss.job where name like 'assistant.embed%' and state = 'failed' or name = 'assistant.embed.dlq'`);
    expect(failed[0]!.n).toBe(0);
    // The outage was seen and survived.
    expect(lines.some((l) => l.msg.startsWith('database unreachable'))).toBe(true);
    expect(lines.some((l) => l.msg === 'database reachable again')).toBe(true);
  }, 240_000);
});
