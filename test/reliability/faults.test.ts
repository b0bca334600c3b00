// Faults (issue 11), on a throwaway native cluster of the suite's own (scripts/ci/start-postgres.sh;
// never the shared development server):
// - PostgreSQL restarted under load — a clean restart (pg_ctl -m fast) and a crash with recovery
//   (-m immediate): during the outage callers get a typed ConnectionError (nothing else), new
//   transactions succeed once the server is back, every acknowledged write survives, every write
//   that was not acknowledged is either absent or whole, and the job worker recovers (every meal
//   ends up embedded, no job fails);
// - a connection killed inside a transaction (pg_terminate_backend from another session) before
//   any statement of multi-statement use cases, COMMIT included, leaves nothing half-written (a
//   fingerprint of every table is unchanged) and the next call on the same KitchenDb succeeds;
// - a GDPR purge killed midway (it waits on a lock held by another session after deleting the
//   person's app rows, then its backend is terminated) leaves the person whole: per-table counts and
//   checksums equal before and after; a purge run afterwards erases everything.
// The cluster runs with fsync, full_page_writes and synchronous_commit on (what production runs;
// start-postgres.sh turns them off for speed): the crash kills PostgreSQL, not the machine, so it
// proves WAL-before-acknowledge and recovery, not the storage (docs/reliability.md).
// Native engine, KITCHEN_DB_SLOW=1, root or postgres (initdb/pg_ctl).
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateDatabase, OWNER_ROLE } from '../../src/db/migrate.ts';
import { createPool } from '../../src/db/pool.ts';
import { KitchenDbError } from '../../src/db/errors.ts';
import type { JobWorker } from '../../src/jobs/worker.ts';
import { kitchenDbFromPool, scope, type KitchenDb, type UserScope } from '../../src/api/kitchen.ts';
import { withUser } from '../../src/db/context.ts';
import type { TestDatabase } from '../../src/testing.ts';
import { engine } from '../support/db.ts';
import { createPerson, type Person } from '../support/fixtures.ts';
import { buildPersonData } from '../support/person-data.ts';
import { changedTables, databaseFingerprint, personFingerprint, rowCounts, startOwnCluster, whyNoOwnCluster, writeReportSection, type OwnCluster } from '../support/reliability.ts';
import { FAST_BOSS, testWorker, waitFor, type LogLine } from '../support/worker.ts';

const skip = whyNoOwnCluster(engine());
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let cluster: OwnCluster | undefined;
let url = '';
let pool: pg.Pool | undefined;
let kdb: KitchenDb | undefined;
let worker: JobWorker | undefined;
let workerLines: LogLine[] = [];
const report: string[] = [];

beforeAll(async () => {
  if (skip) return;
  cluster = startOwnCluster();
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  // Durable settings, so that the crash below tests what production runs: start-postgres.sh turns
  // fsync, full_page_writes and synchronous_commit off for speed (all three take a reload).
  await admin.query('alter system set fsync = on');
  await admin.query('alter system set full_page_writes = on');
  await admin.query('alter system set synchronous_commit = on');
  await admin.query('select pg_reload_conf()');
  await admin.query('create database kitchen_faults');
  await admin.end();
  url = cluster.url.replace(/\/postgres$/, '/kitchen_faults');
  await migrateDatabase(url, { owner: OWNER_ROLE });
  pool = await createPool(url, { max: 4 });
  kdb = kitchenDbFromPool(await createPool(url, { max: 10 }), true);
}, 120_000);

afterAll(async () => {
  await worker?.stop().catch(() => {});
  await kdb?.close().catch(() => {});
  await pool?.end().catch(() => {});
  cluster?.stop();
  await writeReportSection('faults', report.join('\n'));
}, 60_000);

const foods = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `food ${i}`, quantity: 100, unit: 'g', nutrition: { calories: 50 } }));

// ---------------------------------------------------------------------------------------------
// PostgreSQL restarted under load
// ---------------------------------------------------------------------------------------------

describe('PostgreSQL restarted mid-load', () => {
  it.skipIf(skip !== undefined).each(['fast', 'immediate'] as const)(
    `restart -m %s: ConnectionError during the outage, recovery after it, acknowledged writes kept, the worker catches up${skip ? ` (skipped: ${skip})` : ''}`,
    async (mode) => {
      const k = kdb!;
      const p = pool!;
      const { rows: settings } = await p.query<{ name: string; setting: string }>(
        `select name, setting from pg_catalog.pg_settings where name in ('fsync', 'full_page_writes', 'synchronous_commit') order by name`,
      );
      expect(settings).toEqual([
        { name: 'fsync', setting: 'on' },
        { name: 'full_page_writes', setting: 'on' },
        { name: 'synchronous_commit', setting: 'on' },
      ]);
      if (!worker) {
        ({ worker, lines: workerLines } = testWorker({ url, engine: 'server' } as TestDatabase, {
          only: ['assistant.embed', 'metrics.rollup'],
          boss: FAST_BOSS,
          bossPoolSize: 4,
          health: { intervalMs: 250, stallMs: 5000 },
          queueOverrides: { 'assistant.embed': { expireInSeconds: 3, retryDelay: 1, pollingIntervalSeconds: 0.5 } },
        }));
        await worker.start();
      }
      const people: Person[] = [];
      for (let i = 0; i < 10; i++) people.push(await createPerson(p));
      const recoveries = () => workerLines.filter((l) => l.msg === 'database reachable again').length;
      const recoveredBefore = recoveries();

      const acked = new Map<string, { person: number; foods: number }>();
      const unacked: { person: number; notes: string; foods: number }[] = [];
      const errors: { name: string; at: number }[] = [];
      let restartStarted = Infinity;
      let restartDone = Infinity;
      const okAfterRestart = new Set<number>();
      let stop = false;

      const loop = async (i: number) => {
        let n = 0;
        while (!stop) {
          const notes = `p${i} m${++n} ${randomUUID()}`;
          const count = 1 + (n % 3);
          const startedAt = performance.now();
          try {
            const meal = await k.asUser(people[i]!.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'dinner', foods: foods(count), notes }));
            acked.set(meal.id, { person: i, foods: count });
            if (startedAt > restartDone) okAfterRestart.add(i);
          } catch (error) {
            errors.push({ name: error instanceof KitchenDbError ? error.name : `untyped ${String(error)}`, at: performance.now() });
            unacked.push({ person: i, notes, foods: count });
            await sleep(100);
          }
          await sleep(10);
        }
      };
      const loops = people.map((_, i) => loop(i));
      await sleep(2000);
      restartStarted = performance.now();
      await cluster!.restart(mode);
      restartDone = performance.now();
      await waitFor('a successful write of every person after the restart', async () => okAfterRestart.size === people.length, 60_000, 100);
      stop = true;
      await Promise.all(loops);

      // Typed errors only, and only while the server was away.
      expect(errors.filter((e) => e.name !== 'ConnectionError')).toEqual([]);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.filter((e) => e.at < restartStarted)).toEqual([]);

      // Acknowledged writes survived with all their foods; unacknowledged ones are absent or whole.
      const ids = people.map((x) => x.id);
      const { rows } = await p.query<{ id: string; user_id: string; notes: string; foods: number }>(
        `select m.id, m.user_id, m.notes, (select count(*)::int from app.meal_foods f where f.meal_log_id = m.id) as foods from app.meal_logs m where m.user_id = any($1)`,
        [ids],
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const lost = [...acked].filter(([id, a]) => byId.get(id)?.foods !== a.foods || byId.get(id)?.user_id !== people[a.person]!.id);
      expect(lost).toEqual([]);
      const byNotes = new Map(rows.map((r) => [r.notes, r]));
      const halfWritten = unacked.filter((u) => byNotes.has(u.notes) && byNotes.get(u.notes)!.foods !== u.foods);
      expect(halfWritten).toEqual([]);
      const committedUnacked = unacked.filter((u) => byNotes.has(u.notes)).length;

      // The worker recovered: every meal in the database gets embedded, no job failed.
      const t0 = performance.now();
      await waitFor(
        'every meal embedded after the restart',
        async () => {
          const { rows: r } = await p.query<{ n: number }>(
            `select count(*)::int as n from app.meal_logs m where m.user_id = any($1)
               and not exists (select from app.embeddings e where e.source_kind = 'meal_log' and e.source_id = m.id)`,
            [ids],
          );
          return r[0]!.n === 0;
        },
        120_000,
        250,
      );
      const caughtUp = (performance.now() - t0) / 1000;
      // The worker noticed the outage and the recovery (its health probe).
      expect(recoveries()).toBeGreaterThan(recoveredBefore);
      const { rows: failed } = await p.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name like 'assistant.embed%' and (state = 'failed' or name = 'assistant.embed.dlq')`);
      expect(failed[0]!.n).toBe(0);

      const outage = errors.length ? ((errors.at(-1)!.at - errors[0]!.at) / 1000).toFixed(1) : '0';
      report.push(
        `- Restart \`pg_ctl restart -m ${mode}\`${mode === 'immediate' ? ' (every server process killed, WAL recovery)' : ''} under 10 writers, fsync, full_page_writes and synchronous_commit on: ` +
          `${acked.size} acknowledged meals kept with all their foods (0 lost); ${errors.length} calls refused with ConnectionError over ${outage} s (nothing else), ` +
          `${committedUnacked} of them had committed (whole), none half-written; every writer succeeded again after the restart; the worker embedded every meal ${caughtUp.toFixed(1)} s after, 0 failed jobs.`,
      );
    },
    180_000,
  );
});

// ---------------------------------------------------------------------------------------------
// A connection killed inside a transaction
// ---------------------------------------------------------------------------------------------

type Probe = { processID: number; query: (...args: unknown[]) => unknown };

async function terminate(pid: number): Promise<void> {
  await pool!.query('select pg_terminate_backend($1)', [pid]);
  await waitFor(`backend ${pid} gone`, async () => (await pool!.query('select 1 from pg_stat_activity where pid = $1', [pid])).rowCount === 0, 10_000, 20);
}

/**
 * Runs `fn` as the person; with `killAt`, terminates the transaction's backend from another session
 * just before the killAt-th statement the callback (or withTransaction's COMMIT) sends. Returns how
 * many statements went through the client, and the error.
 */
async function runKilling(k: KitchenDb, userId: string, fn: (me: UserScope) => Promise<unknown>, killAt: number | null) {
  let sent = 0;
  let client: Probe | undefined;
  try {
    // What k.asUser does (withUser + the person's scope), with the transaction's client at hand.
    await withUser(
      k.pool,
      userId,
      async (tx) => {
        const me = scope('forUser', tx);
        client = tx as unknown as Probe;
        const original = client.query.bind(client);
        const c = client;
        c.query = async (...args: unknown[]) => {
          if (++sent === killAt) await terminate(c.processID);
          return original(...args);
        };
        return fn(me);
      },
      { retries: 0 },
    );
    return { sent, error: undefined as unknown };
  } catch (error) {
    return { sent, error };
  } finally {
    if (client) delete (client as Partial<Probe>).query;
  }
}

interface UseCase {
  name: string;
  /** Rows the use case needs first (as the superuser); returns what `run` needs. */
  prepare: (person: Person) => Promise<Record<string, string>>;
  run: (me: UserScope, ctx: Record<string, string>) => Promise<unknown>;
}

const USE_CASES: UseCase[] = [
  {
    name: 'logMeal with foods, a chat turn and its API usage in one transaction',
    prepare: async (person) => ({ conversationId: (await pool!.query(`insert into app.conversations (user_id) values ($1) returning id`, [person.id])).rows[0].id }),
    run: async (me, ctx) => {
      await me.meals.logMeal({ mealTime: new Date(), mealType: 'lunch', foods: foods(3), notes: 'killed?' });
      await me.assistant.addMessages(ctx.conversationId!, [
        { role: 'user', content: 'What did I eat?' },
        { role: 'assistant', content: 'Three foods.' },
      ]);
      await me.assistant.recordUsage({ provider: 'openai', model: 'gpt', inputTokens: 10, outputTokens: 5, costUsd: '0.001' });
    },
  },
  {
    name: 'updateMeal replacing its foods (update, replace foods, read back)',
    prepare: async (person) => {
      const { rows } = await pool!.query(`insert into app.meal_logs (user_id, meal_time, meal_type) values ($1, now(), 'lunch') returning id`, [person.id]);
      await pool!.query(`insert into app.meal_foods (meal_log_id, user_id, name) values ($1, $2, 'old food')`, [rows[0].id, person.id]);
      return { mealId: rows[0].id };
    },
    run: (me, ctx) => me.meals.updateMeal(ctx.mealId!, { notes: 'changed', foods: foods(2) }),
  },
  {
    name: 'setGoal replacing the active goal (lock, deactivate, insert)',
    prepare: async (person) => {
      await pool!.query(`insert into app.user_goals (user_id, goal_type, target_calories, is_active) values ($1, 'maintain', 2000, true)`, [person.id]);
      return {};
    },
    run: (me) => me.accounts.setGoal({ goalType: 'lose_weight', targetCalories: 1800 }),
  },
  {
    name: 'recordEvents of 25,000 events (three INSERT statements)',
    prepare: async (person) => {
      const n = randomUUID().slice(0, 8);
      const { rows } = await pool!.query(`insert into app.appliances (user_id, device_id, serial_number) values ($1, $2, $3) returning id`, [person.id, `EPIC-K${n}`, `SN-K${n}`]);
      return { applianceId: rows[0].id };
    },
    run: (me, ctx) =>
      me.telemetry.recordEvents({
        applianceId: ctx.applianceId!,
        events: Array.from({ length: 25_000 }, (_, i) => ({ eventType: 'temperature' as const, payload: { i }, recordedAt: new Date(Date.now() - 60_000 + i) })),
      }),
  },
];

describe('a connection killed inside a transaction', () => {
  it.skipIf(skip !== undefined).each(USE_CASES.map((u) => [u.name, u] as const))(
    `%s: killed before any statement, COMMIT included, nothing is written and the next call succeeds${skip ? ` (skipped: ${skip})` : ''}`,
    async (_name, useCase) => {
      // The worker writes too (embeddings, jobs): stop it so that the fingerprint sees only this use case.
      await worker?.stop();
      worker = undefined;
      const k = kdb!;
      const person = await createPerson(pool!);
      const ctx = await useCase.prepare(person);
      // A dry run (rolled back) counts the statements the use case sends (the last two it counts are
      // withTransaction's ROLLBACK and the DISCARD ALL before the connection goes back to the pool).
      const probe = await runKilling(k, person.id, async (me) => {
        await useCase.run(me, ctx);
        throw new Error('dry run');
      }, null);
      const statements = probe.sent - 2;
      expect(statements).toBeGreaterThan(1);
      let kills = 0;
      // +1: the COMMIT that withTransaction sends after the callback.
      for (let killAt = 1; killAt <= statements + 1; killAt++) {
        const before = await databaseFingerprint(pool!);
        const { sent, error } = await runKilling(k, person.id, (me) => useCase.run(me, ctx), killAt);
        expect(sent, `kill before statement ${killAt}`).toBe(killAt);
        expect(error, `kill before statement ${killAt}`).toMatchObject({ name: 'ConnectionError', code: 'connection' });
        expect(changedTables(before, await databaseFingerprint(pool!)), `kill before statement ${killAt}: nothing half-written`).toEqual([]);
        // The same KitchenDb serves the next call.
        await expect(k.asUser(person.id, (me) => me.accounts.getProfile())).resolves.toMatchObject({ id: person.id });
        kills++;
      }
      // Without a kill the use case does write.
      const before = await databaseFingerprint(pool!);
      await k.asUser(person.id, (me) => useCase.run(me, ctx));
      expect(changedTables(before, await databaseFingerprint(pool!)).length).toBeGreaterThan(0);
      report.push(`- Killed with \`pg_terminate_backend\` before each of its ${statements + 1} statements (COMMIT included): ${useCase.name} — ConnectionError every time, nothing written (fingerprint of every table unchanged), next call on the same KitchenDb succeeded (${kills} kills).`);
    },
    120_000,
  );
});

// ---------------------------------------------------------------------------------------------
// A purge killed midway
// ---------------------------------------------------------------------------------------------

describe('a GDPR purge killed midway', () => {
  it.skipIf(skip !== undefined)(`leaves the person whole (counts and checksums per table), and a later purge erases everything${skip ? ` (skipped: ${skip})` : ''}`, async () => {
    await worker?.stop();
    worker = undefined;
    const p = pool!;
    const person = await createPerson(p);
    await buildPersonData(p, person);
    for (let i = 0; i < 20; i++) await kdb!.asUser(person.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'snack', foods: foods(2) }));
    const personBefore = await personFingerprint(p, person.id);
    const dbBefore = await databaseFingerprint(p);
    expect(Object.values(rowCounts(personBefore)).every((n) => n > 0), JSON.stringify(rowCounts(personBefore))).toBe(true);

    // Another session holds the auth user's row: the purge deletes the app rows, then waits on it.
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('begin');
    await holder.query(`select 1 from auth."user" where id = $1 for update`, [person.authId]);
    const purge = kdb!.asCompliance((c) => c.gdpr.purgeUser(person.id), { retries: 0 }).then(
      () => undefined,
      (error: unknown) => error,
    );
    const waiting = await waitFor(
      'the purge waiting on the held row',
      async () => {
        const { rows } = await p.query<{ pid: number }>(
          `select pid from pg_stat_activity where datname = current_database() and query like '%purge_user%' and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
        );
        return rows[0]?.pid;
      },
      30_000,
      20,
    );
    // Midway: it has already deleted from the person's app tables (row-exclusive locks taken).
    const { rows: locked } = await p.query<{ rel: string }>(
      `select relation::regclass::text as rel from pg_locks where pid = $1 and mode = 'RowExclusiveLock' and relation::regclass::text in ('app.meal_logs', 'app.users', 'app.telemetry_events', 'auth.session')`,
      [waiting],
    );
    expect(locked.map((l) => l.rel).sort()).toEqual(['app.meal_logs', 'app.telemetry_events', 'app.users', 'auth.session']);
    await p.query('select pg_terminate_backend($1)', [waiting]);
    const error = await purge;
    expect(error).toMatchObject({ name: 'ConnectionError' });
    await holder.query('rollback');
    await holder.end();

    const personAfter = await personFingerprint(p, person.id);
    expect(personAfter).toEqual(personBefore);
    expect(changedTables(dbBefore, await databaseFingerprint(p)), 'nothing anywhere changed (no audit row either)').toEqual([]);

    // The purge, run again, completes.
    const result = await kdb!.asCompliance((c) => c.gdpr.purgeUser(person.id));
    expect(result.found).toBe(true);
    expect(Object.values(rowCounts(await personFingerprint(p, person.id))).every((n) => n === 0)).toBe(true);
    const counts = rowCounts(personBefore);
    report.push(
      `- GDPR purge killed while it waited on a lock after deleting the person's app rows: the person stayed whole — ${Object.keys(counts).length} tables, ${Object.values(counts).reduce((a, b) => a + b, 0)} rows, per-table counts and md5 checksums equal before and after, no audit row; purged completely by the next run (${result.total_rows} rows).`,
    );
  }, 120_000);
});
