// The job outbox (migrations 000140–000141): the enqueue triggers write app.job_outbox in the writing
// transaction, one row per job with the changed row's user_id (on Citus: the person's shard); the
// worker's drain (app.drain_job_outbox, app_worker) moves rows into pg-boss atomically and once.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { engine, useTestDatabase } from './support/db.ts';
import { CITUS } from './support/citus.ts';
import { createPerson, type Person } from './support/fixtures.ts';
import { drainOutbox, jobs } from './support/worker.ts';

const db = useTestDatabase();

async function addMessage(person: Person, content: string): Promise<string> {
  return db().asUser(person.id, async (c) => {
    const { rows: conv } = await c.query<{ id: string }>(`insert into app.conversations (user_id) values ($1) returning id`, [person.id]);
    const { rows } = await c.query<{ id: string }>(`insert into app.messages (conversation_id, user_id, role, content) values ($1, $2, 'user', $3) returning id`, [conv[0]!.id, person.id, content]);
    return rows[0]!.id;
  });
}

const outboxOf = async (userId: string) =>
  (await db().pool.query(`select queue, data, singleton_key, start_after::text as start_after from app.job_outbox where user_id = $1 order by id`, [userId])).rows;

describe('the enqueue triggers write the outbox', () => {
  it('one row per job, owned by the person who wrote the row; the drain moves it into pg-boss and empties the outbox', async () => {
    await drainOutbox(db().pool);
    const p = await createPerson(db().pool);
    const id = await addMessage(p, 'Is dal good for dinner?');
    expect(await outboxOf(p.id)).toEqual([{ queue: 'assistant.embed', data: { kind: 'message', id }, singleton_key: `message:${id}`, start_after: '00:00:00' }]);
    expect((await db().pool.query(`select 1 from pgboss.job where singleton_key = $1`, [`message:${id}`])).rowCount).toBe(0);
    expect(await jobs(db().pool, 'assistant.embed', `message:${id}`)).toHaveLength(1); // jobs() drains first
    expect(await outboxOf(p.id)).toEqual([]);
  });

  it('a meal logged with its foods adds one row per job key; a time-zone change one rebuild row, 5 s deferred', async () => {
    const p = await createPerson(db().pool);
    const meal = await db().asUser(p.id, async (c) => {
      const { rows } = await c.query<{ id: string }>(`insert into app.meal_logs (user_id, meal_time, meal_type) values ($1, now(), 'lunch') returning id`, [p.id]);
      await c.query(`insert into app.meal_foods (meal_log_id, user_id, name, quantity, unit) values ($1, $2, 'rice', 1, 'portion'), ($1, $2, 'dal', 1, 'portion')`, [rows[0]!.id, p.id]);
      return rows[0]!.id;
    });
    const rows = await outboxOf(p.id);
    expect(rows.filter((r) => r.singleton_key === `meal_log:${meal}`)).toHaveLength(1);
    expect(rows.filter((r) => r.queue === 'metrics.rollup').map((r) => r.start_after)).toEqual(['00:00:05']);
    await db().asUser(p.id, (c) => c.query(`update app.users set time_zone = 'Asia/Kolkata' where id = $1`, [p.id]));
    expect((await outboxOf(p.id)).filter((r) => r.singleton_key === `metrics:${p.id}:all`)).toEqual([
      { queue: 'metrics.rollup', data: { userId: p.id, rebuild: true }, singleton_key: `metrics:${p.id}:all`, start_after: '00:00:05' },
    ]);
  });

  it('is deleted with the person (GDPR purge: ON DELETE CASCADE)', async () => {
    const p = await createPerson(db().pool);
    await addMessage(p, 'to be erased');
    expect((await outboxOf(p.id)).length).toBeGreaterThan(0);
    await db().pool.query(`delete from app.users where id = $1`, [p.id]);
    expect(await outboxOf(p.id)).toEqual([]);
  });
});

describe('a drain racing a GDPR purge', () => {
  it.skipIf(engine() === 'embedded')(
    'the purge waits for a drain that is moving the person\'s outbox rows into pg-boss, then deletes the jobs it made (native only: PGlite runs one transaction at a time)',
    async () => {
      await drainOutbox(db().pool);
      const p = await createPerson(db().pool);
      const id = await addMessage(p, 'drained while the purge runs');
      const drainer = await db().pool.connect();
      try {
        await drainer.query('begin');
        await drainer.query('set local role app_worker');
        const { rows } = await drainer.query<{ n: number }>('select app.drain_job_outbox(10000) as n');
        expect(rows[0]!.n).toBeGreaterThan(0);
        const purging = db().asCompliance((c) => c.query('select app.purge_user($1)', [p.id]));
        // The purge's delete of the person's outbox rows waits for the drain's row locks. On Citus the
        // rows and the wait are on the person's worker (the coordinator's backend waits for it as a
        // client): citus_lock_waits names the blocked distributed statement.
        const waiting = CITUS
          ? `select count(*)::int as n from pg_catalog.citus_lock_waits where blocked_statement like '%purge_user%'`
          : `select count(*)::int as n from pg_catalog.pg_stat_activity where wait_event_type = 'Lock' and query like '%purge_user%'`;
        let waited = false;
        for (let i = 0; i < 400 && !waited; i++) {
          const { rows: w } = await db().pool.query<{ n: number }>(waiting);
          waited = w[0]!.n > 0;
          if (!waited) await new Promise((r) => setTimeout(r, 25));
        }
        expect(waited).toBe(true);
        await drainer.query('commit');
        await purging;
      } finally {
        await drainer.query('rollback').catch(() => {});
        drainer.release();
      }
      // The job the drain committed during the purge is gone with the person.
      expect((await db().pool.query(`select 1 from pgboss.job where singleton_key = $1`, [`message:${id}`])).rowCount).toBe(0);
      expect(await outboxOf(p.id)).toEqual([]);
    },
  );
});

describe('rights', () => {
  it('app_user can neither read nor write the outbox (no forged jobs for someone else), nor drain it; app_worker may drain', async () => {
    const { rows } = await db().pool.query(
      `select has_table_privilege('app_user', 'app.job_outbox', 'SELECT,INSERT,UPDATE,DELETE') as user_any,
              has_table_privilege('app_worker', 'app.job_outbox', 'SELECT,INSERT,UPDATE,DELETE') as worker_any,
              has_table_privilege('app_admin', 'app.job_outbox', 'SELECT') as admin_read,
              has_function_privilege('app_user', 'app.drain_job_outbox(integer)', 'EXECUTE') as user_drain,
              has_function_privilege('app_admin', 'app.drain_job_outbox(integer)', 'EXECUTE') as admin_drain,
              has_function_privilege('app_worker', 'app.drain_job_outbox(integer)', 'EXECUTE') as worker_drain,
              has_function_privilege('app_user', 'app_private.job_outbox_add(uuid, text, jsonb, text, interval)', 'EXECUTE') as user_add`,
    );
    expect(rows[0]).toEqual({ user_any: false, worker_any: false, admin_read: true, user_drain: false, admin_drain: false, worker_drain: true, user_add: false });
    const a = await createPerson(db().pool);
    const b = await createPerson(db().pool);
    await expect(
      db().asUser(a.id, (c) => c.query(`insert into app.job_outbox (user_id, queue, data) values ($1, 'gdpr.export', '{}')`, [b.id])),
    ).rejects.toMatchObject({ name: 'ForbiddenError' });
    await expect(db().asUser(a.id, (c) => c.query(`select app.drain_job_outbox(10)`))).rejects.toMatchObject({ name: 'ForbiddenError' });
    // Queues and payloads are fixed even for the owner: only the triggers' queues, JSON objects.
    // The message names the constraint on every engine; Citus relays a shard's error without its
    // constraint field.
    await expect(db().pool.query(`insert into app.job_outbox (user_id, queue, data) values ($1, 'gdpr.export', '{}')`, [a.id])).rejects.toMatchObject({
      code: '23514',
      message: expect.stringContaining('"job_outbox_queue_check"'),
    });
    await expect(db().pool.query(`select app.drain_job_outbox(0)`)).rejects.toMatchObject({ code: '22023' });
  });
});

describe('the drain', () => {
  it('moves a bounded batch, oldest first, in one transaction with the pg-boss insert', async () => {
    await drainOutbox(db().pool);
    const p = await createPerson(db().pool);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await addMessage(p, `message ${i}`));
    const moved = await db().pool.query<{ moved: number }>(`select app.drain_job_outbox(2) as moved`);
    expect(moved.rows[0]!.moved).toBe(2);
    expect((await outboxOf(p.id)).map((r) => r.singleton_key)).toEqual([`message:${ids[2]}`]);
    // A drain whose pg-boss insert fails leaves its batch in the outbox (rolled back together).
    const client = new pg.Client({ connectionString: db().url });
    await client.connect();
    try {
      await client.query('begin');
      await client.query(`alter table pgboss.job add constraint outbox_test_refuse check (singleton_key is distinct from $$message:${ids[2]}$$) not valid`);
      await expect(client.query(`select app.drain_job_outbox(10)`)).rejects.toMatchObject({ constraint: 'outbox_test_refuse' });
      await client.query('rollback');
    } finally {
      await client.end();
    }
    expect((await outboxOf(p.id)).map((r) => r.singleton_key)).toEqual([`message:${ids[2]}`]);
    expect(await jobs(db().pool, 'assistant.embed', `message:${ids[2]}`)).toHaveLength(1);
  });

  // The embedded engine runs one transaction at a time: the race cannot be staged there.
  it.skipIf(engine() === 'embedded')('moves a row exactly once when two drains run at the same time', async () => {
    await drainOutbox(db().pool);
    const p = await createPerson(db().pool);
    const id = await addMessage(p, 'raced');
    const [first, second] = [new pg.Client({ connectionString: db().url }), new pg.Client({ connectionString: db().url })];
    await Promise.all([first.connect(), second.connect()]);
    try {
      await first.query('begin');
      const one = (await first.query<{ moved: number }>(`select app.drain_job_outbox(100) as moved`)).rows[0]!.moved;
      await second.query('begin');
      const racing = second.query<{ moved: number }>(`select app.drain_job_outbox(100) as moved`);
      await new Promise((resolve) => setTimeout(resolve, 200));
      await first.query('commit');
      const two = (await racing).rows[0]!.moved;
      await second.query('commit');
      expect(one).toBeGreaterThanOrEqual(1);
      expect(two).toBe(0);
    } finally {
      await first.query('rollback').catch(() => {});
      await second.query('rollback').catch(() => {});
      await Promise.all([first.end(), second.end()]);
    }
    expect(await jobs(db().pool, 'assistant.embed', `message:${id}`)).toHaveLength(1);
    expect(await outboxOf(p.id)).toEqual([]);
  });
});
