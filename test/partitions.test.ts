// Partition maintenance (issue 6): the registry, premake, rows moved out of DEFAULT, retention,
// the DEFAULT report, app.maintain_partitions() / app.partition_report() and their privileges,
// concurrency with ingestion, and `kitchen-db partitions`.
//
// Dates: app_private.maintain_partitions(p_now) takes an injected "now" (the superuser test pool
// may call it; application roles may not). Every date here is relative to the real clock, so the
// suite passes in any month.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MaintenanceResult, TableMaintenance, TelemetryEventInput } from '../src/areas/telemetry.ts';
import { CITUS, engine, useTestDatabase } from './support/db.ts';
import { createPerson, type Person } from './support/fixtures.ts';
import { createAppliance, monthStart, payloadFor, suffix } from './support/telemetry.ts';

const db = useTestDatabase();
const BIN = fileURLToPath(new URL('../bin/kitchen-db.js', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));

const rows = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
  (await db().pool.query(sql, params)).rows as T[];

/** Maintenance as of `now` (all registered tables, or one). */
async function maintainAt(now: Date, parent?: string): Promise<MaintenanceResult> {
  const [r] = await rows<{ result: MaintenanceResult }>(`select app_private.maintain_partitions($1, $2::regclass) as result`, [now, parent ?? null]);
  return r!.result;
}

const table = (result: MaintenanceResult, name = 'app.telemetry_events'): TableMaintenance => {
  const t = result.tables.find((x) => x.table === name);
  if (!t) throw new Error(`no entry for ${name} in ${JSON.stringify(result)}`);
  return t;
};

/** Monthly partitions of a parent: name → [from, to) as ISO strings. */
async function partitionsOf(parent: string): Promise<Map<string, string>> {
  const list = await rows<{ name: string; bound: string }>(
    `select c.relname as name, pg_catalog.pg_get_expr(c.relpartbound, c.oid) as bound
       from pg_catalog.pg_inherits i join pg_catalog.pg_class c on c.oid = i.inhrelid
      where i.inhparent = $1::regclass order by 1`,
    [parent],
  );
  return new Map(list.map((r) => [r.name, r.bound]));
}

/**
 * SQL: the partition a row is stored in. On Citus a row's tableoid is read on a worker, where it
 * names the shard (`app.telemetry_events_default_102177`: shard 102177 of the DEFAULT partition);
 * a shard id has 6+ digits and a month suffix 2, so stripping it gives the partition on every engine.
 */
const PART = `pg_catalog.regexp_replace(tableoid::regclass::text, '_[0-9]{6,}$', '')`;

let asha: Person;
let oven: string;

beforeAll(async () => {
  asha = await createPerson(db().pool);
  oven = (await createAppliance(db().pool, asha.id)).id;
});

const events = (n: number, at: (k: number) => Date): TelemetryEventInput[] =>
  Array.from({ length: n }, (_, k) => ({ eventType: 'temperature', payload: payloadFor('temperature', k), recordedAt: at(k) }));

const record = (evs: TelemetryEventInput[], person = asha, applianceId = oven) =>
  db().kdb.asUser(person.id, (me) => me.telemetry.recordEvents({ applianceId, events: evs }));

describe('registry', () => {
  it('registers app.telemetry_events: premake 3, retention 13 months, drop, row-level security on user_id', async () => {
    expect(await rows(`select parent_table::text as t, premake, retention::text as retention, retention_action, person_key::text as person_key
                         from app_private.partitioned_tables`)).toEqual([
      { t: 'app.telemetry_events', premake: 3, retention: '1 year 1 mon', retention_action: 'drop', person_key: 'user_id' },
    ]);
  });

  it('refuses a table that is not range-partitioned on one time column', async () => {
    await db().pool.query(`create table app.not_partitioned (id int)`);
    await expect(db().pool.query(`select app_private.register_partitioned_table('app.not_partitioned')`)).rejects.toThrow(/not partitioned by range/);
    await db().pool.query(`create table app.by_id (id int) partition by range (id)`);
    await expect(db().pool.query(`select app_private.register_partitioned_table('app.by_id')`)).rejects.toThrow(/monthly partitions need timestamptz/);
    await expect(db().pool.query(`insert into app_private.partitioned_tables (parent_table, retention_action) values ('app.by_id', 'archive')`)).rejects.toMatchObject({
      constraint: 'partitioned_tables_retention_action_check',
    });
    await db().pool.query(`drop table app.not_partitioned, app.by_id`);
  });
});

describe('premake', () => {
  it('creates exactly the current month and the 3 after it, and a second run creates nothing', async () => {
    // Five months ahead of the real clock, so nothing exists yet for those months.
    const now = new Date(monthStart(5).getTime() + 9 * 86_400_000 + 3600_000);
    const before = await partitionsOf('app.telemetry_events');
    const first = table(await maintainAt(now));
    const expected = [0, 1, 2, 3].map((i) => `app.telemetry_events_${suffix(monthStart(5 + i))}`);
    expect(first.created.map((c) => c.partition)).toEqual(expected);
    expect(first.created.map((c) => [c.from, c.to])).toEqual(
      [0, 1, 2, 3].map((i) => [monthStart(5 + i).toISOString().replace('.000Z', '+00:00'), monthStart(6 + i).toISOString().replace('.000Z', '+00:00')]),
    );
    expect(first.errors).toEqual([]);
    expect(first.dropped).toEqual([]);
    const after = await partitionsOf('app.telemetry_events');
    expect([...after.keys()].filter((k) => !before.has(k)).map((k) => `app.${k}`)).toEqual(expected);
    // Bounds are UTC month starts whatever the session's time zone.
    expect(after.get(`telemetry_events_${suffix(monthStart(5))}`)).toBe(
      `FOR VALUES FROM ('${monthStart(5).toISOString().slice(0, 10)} 00:00:00+00') TO ('${monthStart(6).toISOString().slice(0, 10)} 00:00:00+00')`,
    );
    const second = table(await maintainAt(now));
    expect(second.created).toEqual([]);
    expect(second.errors).toEqual([]);
    expect(await partitionsOf('app.telemetry_events')).toEqual(after);
  });

  it('a new partition has the parent\'s indexes, CHECKs and foreign keys, forced row-level security with the standard policies, the owner of the parent, and a comment', async () => {
    const name = `app.telemetry_events_${suffix(monthStart(5))}`;
    const [info] = await rows(
      `select c.relrowsecurity as rls, c.relforcerowsecurity as force, pg_catalog.pg_get_userbyid(c.relowner) as owner,
              (select pg_catalog.pg_get_userbyid(relowner) from pg_catalog.pg_class where oid = 'app.telemetry_events'::regclass) as parent_owner,
              pg_catalog.obj_description(c.oid, 'pg_class') as comment,
              (select array_agg(polname::text order by polname) from pg_catalog.pg_policy where polrelid = c.oid) as policies,
              (select count(*)::int from pg_catalog.pg_index x where x.indrelid = c.oid) as indexes,
              (select count(*)::int from pg_catalog.pg_inherits i where i.inhrelid in (select indexrelid from pg_catalog.pg_index where indrelid = c.oid)) as attached_indexes,
              (select array_agg(conname::text order by conname) from pg_catalog.pg_constraint where conrelid = c.oid and contype in ('c', 'f')) as constraints
         from pg_catalog.pg_class c where c.oid = $1::regclass`,
      [name],
    );
    const parentIndexes = (await rows<{ n: number }>(`select count(*)::int as n from pg_catalog.pg_index where indrelid = 'app.telemetry_events'::regclass`))[0]!.n;
    expect(info).toEqual({
      rls: true,
      force: true,
      owner: info!.parent_owner,
      parent_owner: info!.parent_owner,
      comment: `Monthly partition of app.telemetry_events: recorded_at in [${monthStart(5).toISOString().slice(0, 10)}, ${monthStart(6).toISOString().slice(0, 10)}) UTC.`,
      policies: ['admin_select', 'owner_access', 'person_delete', 'person_insert', 'person_select', 'person_update', 'worker_all'],
      indexes: parentIndexes,
      attached_indexes: parentIndexes,
      constraints: [
        'telemetry_events_appliance_id_user_id_fkey',
        'telemetry_events_event_type_check',
        'telemetry_events_payload_check',
        'telemetry_events_user_id_fkey',
      ],
    });
  });

  it('refuses to create a month whose name is taken by another table, and reports it without stopping the rest', async () => {
    const now = new Date(monthStart(20).getTime() + 86_400_000);
    const taken = `telemetry_events_${suffix(monthStart(21))}`;
    await db().pool.query(`create table app.${taken} (like app.telemetry_events)`);
    await db().pool.query(`comment on table app.${taken} is 'squatter'`);
    // (Without retention for this run: 20 months ahead, 13-month retention would retire today's months.)
    await db().pool.query(`update app_private.partitioned_tables set retention = null where parent_table = 'app.telemetry_events'::regclass`);
    try {
      const t = table(await maintainAt(now));
      expect(t.created.map((c) => c.partition)).toEqual([0, 2, 3].map((i) => `app.telemetry_events_${suffix(monthStart(20 + i))}`));
      expect(t.errors).toEqual([
        expect.objectContaining({ step: 'create', month: monthStart(21).toISOString().slice(0, 7), sqlstate: '42P07' }),
      ]);
    } finally {
      await db().pool.query(`drop table app.${taken}`);
      await db().pool.query(`update app_private.partitioned_tables set retention = interval '13 months' where parent_table = 'app.telemetry_events'::regclass`);
    }
  });
});

describe('the DEFAULT partition', () => {
  it('an event for a month with no partition lands in DEFAULT; maintenance creates the month and moves it there', async () => {
    // Three months ago: the migration premade only the current month and later ones.
    const month = monthStart(-3);
    const name = `telemetry_events_${suffix(month)}`;
    expect((await partitionsOf('app.telemetry_events')).has(name)).toBe(false);
    const evs = events(25, (k) => new Date(month.getTime() + 86_400_000 + k * 60_000));
    await record(evs);
    const where = async () =>
      rows<{ part: string; n: number; ids: string }>(
        `select ${PART} as part, count(*)::int as n, string_agg(id::text, ',' order by id) as ids
           from app.telemetry_events where appliance_id = $1 and recorded_at >= $2 and recorded_at < $3 group by 1`,
        [oven, month, monthStart(-2)],
      );
    const before = await where();
    expect(before.map((r) => [r.part, r.n])).toEqual([['app.telemetry_events_default', 25]]);

    const result = await db().kdb.asWorker((w) => w.telemetry.maintainPartitions());
    const t = table(result);
    expect(result.busy).toBe(false);
    expect(t.created).toContainEqual(expect.objectContaining({ partition: `app.${name}`, moved_rows: 25 }));
    expect(t.moved_rows).toBe(25);
    expect(t.default_rows).toBe(0);
    const after = await where();
    expect(after).toEqual([{ part: `app.${name}`, n: 25, ids: before[0]!.ids }]); // same rows, same ids
    // The person still sees them (row-level security on the new partition).
    const seen = await db().kdb.asUser(asha.id, (me) =>
      me.telemetry.applianceEvents({ applianceId: oven, from: month, to: monthStart(-2), limit: 100 }),
    );
    expect(seen.events.length).toBe(25);
  });

  it('rows outside the window (older than retention, beyond the premade months) stay in DEFAULT and are reported', async () => {
    await db().pool.query(
      `insert into app.telemetry_events (appliance_id, user_id, event_type, payload, recorded_at)
       values ($1, $2, 'heartbeat', '{}', '1970-01-01T00:00:00Z'), ($1, $2, 'heartbeat', '{}', now() + interval '4 years')`,
      [oven, asha.id],
    );
    try {
      const t = table(await db().kdb.asWorker((w) => w.telemetry.maintainPartitions()));
      expect(t.moved_rows).toBe(0);
      expect(t.default_rows).toBe(2);
      expect(t.default).toMatchObject({ default_partition: 'app.telemetry_events_default', oldest: '1970-01-01T00:00:00+00:00', before_window: 1, after_window: 1 });
      const [check] = await rows(`select app_private.check_default('app.telemetry_events', now()) as c`);
      expect(check!.c).toMatchObject({ rows: 2, before_window: 1, after_window: 1 });
    } finally {
      await db().pool.query(`delete from app.telemetry_events_default`);
    }
  });
});

describe('retention', () => {
  // A table of its own (any monthly-partitioned table can be registered), partitioned on a date
  // column, with a DEFAULT partition, a foreign key to app.users and person row-level security.
  beforeAll(async () => {
    // Owned by the migration role, like every table (maintenance runs as that owner).
    await db().pool.query(`
      set role kitchen_owner;
      create table app.kitchen_readings (
        user_id uuid not null references app.users (id) on delete cascade,
        taken_on date not null,
        grams numeric not null
      ) partition by range (taken_on);
      comment on table app.kitchen_readings is 'test table';
      comment on column app.kitchen_readings.grams is 'Weight.';
      create table app.kitchen_readings_default partition of app.kitchen_readings default;
      reset role;
      select app_private.register_partitioned_table('app.kitchen_readings', 0, interval '2 months', 'drop', 'user_id');`);
    if (CITUS) {
      // A person table added after distribution is distributed by the DBA, co-located with
      // app.users (docs/scale-out.md); app_private.distribute() takes only tables whose primary key
      // contains user_id, and this one has none. Its DEFAULT partition is distributed with it; the
      // months maintenance makes later are distributed when they are attached.
      // Statement by statement, outside a transaction block: sent as one multi-statement query (one
      // transaction), Citus refused it ("cannot execute parallel DDL on table "kitchen_readings"
      // after DDL command on reference table "user" …").
      const c = await db().pool.connect();
      try {
        await c.query('set role kitchen_owner');
        await c.query(`select create_distributed_table('app.kitchen_readings', 'user_id', colocate_with => 'app.users')`);
      } finally {
        await c.query('reset role').catch(() => {});
        c.release();
      }
    }
  });

  const insertReading = (day: string) =>
    db().pool.query(`insert into app.kitchen_readings values ($1, $2, 1)`, [asha.id, day]);
  const readings = async () => partitionsOf('app.kitchen_readings');

  it('premake 0 creates the current month only, on a date key', async () => {
    const t = table(await maintainAt(new Date('2030-01-15T00:00:00Z'), 'app.kitchen_readings'), 'app.kitchen_readings');
    expect(t.created.map((c) => c.partition)).toEqual(['app.kitchen_readings_2030_01']);
    expect((await readings()).get('kitchen_readings_2030_01')).toBe(`FOR VALUES FROM ('2030-01-01') TO ('2030-02-01')`);
  });

  it('drops only partitions wholly older than the cutoff: a month with one younger row stays', async () => {
    for (const now of ['2030-02-10', '2030-03-10']) await maintainAt(new Date(`${now}T00:00:00Z`), 'app.kitchen_readings');
    await insertReading('2030-01-20');
    await insertReading('2030-02-01'); // older than the cutoff below
    await insertReading('2030-02-20'); // younger: 2030_02 must stay
    // now 2030-04-10, retention 2 months: cutoff 2030-02-10.
    const t = table(await maintainAt(new Date('2030-04-10T00:00:00Z'), 'app.kitchen_readings'), 'app.kitchen_readings');
    expect(t.retention_cutoff).toBe('2030-02-10T00:00:00+00:00');
    expect(t.dropped).toEqual(['app.kitchen_readings_2030_01']);
    expect([...(await readings()).keys()]).toEqual(['kitchen_readings_2030_02', 'kitchen_readings_2030_03', 'kitchen_readings_2030_04', 'kitchen_readings_default']);
    expect(await rows(`select taken_on::text as d from app.kitchen_readings order by 1`)).toEqual([{ d: '2030-02-01' }, { d: '2030-02-20' }]);
  });

  it('a partition whose upper bound equals the cutoff is wholly older and goes; DEFAULT never does', async () => {
    await db().pool.query(`insert into app.kitchen_readings values ($1, '1999-01-01', 1)`, [asha.id]); // DEFAULT
    // now 2030-05-01: cutoff 2030-03-01 = the upper bound of 2030_02.
    const t = table(await maintainAt(new Date('2030-05-01T00:00:00Z'), 'app.kitchen_readings'), 'app.kitchen_readings');
    expect(t.dropped).toEqual(['app.kitchen_readings_2030_02']);
    expect(t.default_rows).toBe(1);
    expect((await readings()).has('kitchen_readings_default')).toBe(true);
  });

  it('detach keeps the month as a standalone table: rows, indexes, FKs (the person\'s purge still reaches it), row-level security, comments', async () => {
    await db().pool.query(`update app_private.partitioned_tables set retention_action = 'detach' where parent_table = 'app.kitchen_readings'::regclass`);
    await insertReading('2030-03-15');
    const other = await createPerson(db().pool);
    await db().pool.query(`insert into app.kitchen_readings values ($1, '2030-03-16', 2)`, [other.id]);
    // now 2030-06-01: cutoff 2030-04-01 = the upper bound of 2030_03.
    const t = table(await maintainAt(new Date('2030-06-01T00:00:00Z'), 'app.kitchen_readings'), 'app.kitchen_readings');
    expect(t.detached).toEqual(['app.kitchen_readings_2030_03']);
    expect(t.dropped).toEqual([]);
    expect((await readings()).has('kitchen_readings_2030_03')).toBe(false);
    const [info] = await rows(
      `select c.relispartition as partition, c.relrowsecurity as rls, c.relforcerowsecurity as force,
              pg_catalog.obj_description(c.oid, 'pg_class') as comment, pg_catalog.col_description(c.oid, 3) as grams_comment,
              (select count(*)::int from pg_catalog.pg_policy where polrelid = c.oid) as policies,
              (select array_agg(pg_catalog.pg_get_constraintdef(oid)) from pg_catalog.pg_constraint where conrelid = c.oid and contype = 'f') as fks,
              (select count(*)::int from app.kitchen_readings_2030_03) as n
         from pg_catalog.pg_class c where c.oid = 'app.kitchen_readings_2030_03'::regclass`,
    );
    expect(info).toMatchObject({ partition: false, rls: true, force: true, policies: 7, grams_comment: 'Weight.', n: 2 });
    expect(info!.comment).toMatch(/^Former monthly partition of app\.kitchen_readings covering \[2030-03-01, 2030-04-01\) UTC, detached by retention on 2030-06-01/);
    expect(info!.fks).toEqual(['FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE']);
    // A person's purge (deleting app.users) still removes their rows from the detached table.
    await db().pool.query(`delete from app.users where id = $1`, [other.id]);
    expect(await rows(`select count(*)::int as n from app.kitchen_readings_2030_03`)).toEqual([{ n: 1 }]);
    await db().pool.query(`drop table app.kitchen_readings_2030_03`);
  });

  it('telemetry: 13 months — with an injected date, only the months wholly older than 13 months go', async () => {
    const parts = [...(await partitionsOf('app.telemetry_events')).keys()].filter((k) => k !== 'telemetry_events_default');
    const oldest = parts.sort()[0]!; // the month created from DEFAULT rows three months ago
    const m = /(\d{4})_(\d{2})$/.exec(oldest)!;
    const oldestStart = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
    const n = (await rows<{ n: number }>(`select count(*)::int as n from app.${oldest}`))[0]!.n;
    expect(n).toBeGreaterThan(0);
    // One day before the month's end passes the 13-month mark: kept.
    const keep = table(await maintainAt(new Date(monthStart(13 + 1, oldestStart).getTime() - 86_400_000), 'app.telemetry_events'));
    expect(keep.dropped).toEqual([]);
    // At exactly 13 months after its end: dropped, and nothing younger.
    const drop = table(await maintainAt(monthStart(13 + 1, oldestStart), 'app.telemetry_events'));
    expect(drop.dropped).toEqual([`app.${oldest}`]);
  });
});

describe('entry points and privileges', () => {
  it('app_private is not executable by application roles; maintain_partitions only by app_worker; partition_report by worker and admin', async () => {
    const privileges = await rows<{ role: string; maintain: boolean; report: boolean; internal: boolean }>(
      `select r as role,
              pg_catalog.has_function_privilege(r, 'app.maintain_partitions()', 'EXECUTE') as maintain,
              pg_catalog.has_function_privilege(r, 'app.partition_report(boolean)', 'EXECUTE') as report,
              pg_catalog.has_function_privilege(r, 'app_private.maintain_partitions(timestamptz, regclass)', 'EXECUTE') as internal
         from unnest(array['app_user', 'app_admin', 'app_worker', 'app_compliance', 'auth_service']) r order by 1`,
    );
    expect(privileges).toEqual([
      { role: 'app_admin', maintain: false, report: true, internal: false },
      { role: 'app_compliance', maintain: false, report: false, internal: false },
      { role: 'app_user', maintain: false, report: false, internal: false },
      { role: 'app_worker', maintain: true, report: true, internal: false },
      { role: 'auth_service', maintain: false, report: false, internal: false },
    ]);
    await expect(db().asUser(asha.id, (c) => c.query('select app.maintain_partitions()'))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('partition_report: every partition with bounds; estimates labelled, exact counts on request, DEFAULT always exact', async () => {
    const at = Date.now() - 60_000;
    await record(events(10, (k) => new Date(at - k * 1000)));
    const current = `app.telemetry_events_${suffix(monthStart(0, new Date(at)))}`;
    const estimated = await db().kdb.asAdmin((a) => a.telemetry.partitionReport());
    const def = estimated.find((r) => r.isDefault && r.parentTable === 'app.telemetry_events')!;
    expect(def).toMatchObject({ parentTable: 'app.telemetry_events', partitionName: 'app.telemetry_events_default', rowCountExact: true, lowerBound: null, retiresAt: null });
    const cur = estimated.find((r) => r.partitionName === current)!;
    expect(cur.rowCountExact).toBe(false);
    expect(cur.retentionAction).toBe('drop');
    expect(cur.retiresAt!.getTime() - cur.upperBound!.getTime()).toBeGreaterThan(390 * 86_400_000);
    const exact = await db().kdb.asWorker((w) => w.telemetry.partitionReport({ exact: true }));
    const real = (await rows<{ n: number }>(`select count(*)::int as n from ${current}`))[0]!.n;
    expect(exact.find((r) => r.partitionName === current)).toMatchObject({ rowCount: real, rowCountExact: true });
    // Monthly partitions in order, bounds contiguous where both exist.
    const monthly = exact.filter((r) => r.parentTable === 'app.telemetry_events' && !r.isDefault);
    for (let i = 1; i < monthly.length; i++) expect(monthly[i]!.lowerBound!.getTime()).toBeGreaterThanOrEqual(monthly[i - 1]!.upperBound!.getTime());
  });

  it.skipIf(engine() === 'embedded')(
    'one run at a time: a second caller while one holds the lock returns busy and does nothing — native server only: the embedded engine runs one transaction at a time',
    async () => {
      const holder = await db().pool.connect();
      try {
        await holder.query('begin');
        await holder.query('set local role app_worker');
        await holder.query('select app.maintain_partitions()');
        const second = await db().kdb.asWorker((w) => w.telemetry.maintainPartitions());
        expect(second).toMatchObject({ busy: true, tables: [] });
      } finally {
        await holder.query('rollback');
        holder.release();
      }
    },
  );

  it.skipIf(engine() === 'embedded')(
    'while a month is being attached, ingestion into other months goes on (on Citus it waits for the attach); an insert routed to DEFAULT for that month waits, then lands in the new partition — native server and Citus',
    async () => {
      const pool = db().pool;
      const month = monthStart(-10);
      const name = `telemetry_events_${suffix(month)}`;
      await pool.query(`drop table if exists app.${name}`);
      await record(events(3, (k) => new Date(month.getTime() + 3600_000 + k * 1000))); // in DEFAULT
      const maint = await pool.connect();
      const waitingOnDefault = async () =>
        (await pool.query(`select 1 from pg_catalog.pg_locks where not granted and relation = 'app.telemetry_events_default'::regclass`)).rowCount!;
      try {
        await maint.query('begin');
        await maint.query(`select app_private.create_monthly_partition('app.telemetry_events', $1::date)`, [month.toISOString().slice(0, 10)]);
        // The attach is done but not committed: SHARE UPDATE EXCLUSIVE on the parent, ACCESS
        // EXCLUSIVE on DEFAULT. On one server an insert into the current month does not wait.
        // On Citus it waits until the attach commits: before sending a write to the shards, Citus's
        // executor takes ROW EXCLUSIVE on every partition of the table written, DEFAULT included
        // (LockPartitionsForDistributedPlan), so a month's creation pauses all ingestion for as
        // long as its transaction lasts (docs/scale-out.md).
        const current = record(events(5, (k) => new Date(Date.now() - 60_000 - k * 1000)));
        if (!CITUS) expect(await current).toEqual({ inserted: 5 });
        else void current.catch(() => {}); // awaited after the commit
        // One for the month being attached is routed to DEFAULT and waits for the lock …
        const late = record(events(4, (k) => new Date(month.getTime() + 7200_000 + k * 1000)));
        const writersWaiting = CITUS ? 2 : 1;
        let waiting = 0;
        for (let i = 0; i < 200 && waiting < writersWaiting; i++) {
          await new Promise((r) => setTimeout(r, 25));
          waiting = await waitingOnDefault();
        }
        expect(waiting).toBe(writersWaiting);
        await maint.query('commit');
        // … then, on one server, fails the DEFAULT partition's new constraint: recordEvents reports a
        // serialization failure (40001) and withTransaction runs the transaction again. On Citus the
        // wait is on the coordinator, before the insert reaches the worker, which then routes it into
        // the new partition's shard.
        if (CITUS) expect(await current).toEqual({ inserted: 5 });
        expect(await late).toEqual({ inserted: 4 });
      } finally {
        await maint.query('rollback').catch(() => {});
        maint.release();
      }
      expect(await rows(`select ${PART} as part, count(*)::int as n from app.telemetry_events
                          where recorded_at >= $1 and recorded_at < $2 group by 1`, [month, monthStart(-9)])).toEqual([{ part: `app.${name}`, n: 7 }]);
    },
  );

  it.skipIf(engine() === 'embedded')(
    'concurrent ingestion during maintenance loses nothing (count before = after) — native server only: the embedded engine runs one transaction at a time',
    async () => {
      const pool = db().pool;
      // Writers send batches for past months without partitions (rows go to DEFAULT until
      // maintenance creates the month) and for the current month, while maintenance runs in a loop.
      const writers = await Promise.all(
        [0, 1, 2, 3].map(async () => {
          const p = await createPerson(pool);
          return { person: p, appliance: (await createAppliance(pool, p.id)).id };
        }),
      );
      const months = [-4, -5, -6, -7, -8, -9].map((i) => monthStart(i));
      for (const m of months) await pool.query(`drop table if exists app.telemetry_events_${suffix(m)}`);
      const startCount = (await rows<{ n: number }>(`select count(*)::int as n from app.telemetry_events`))[0]!.n;
      let sent = 0;
      let running = true;
      const runs: MaintenanceResult[] = [];
      const maintenance = (async () => {
        while (running) {
          runs.push(await db().kdb.asWorker((w) => w.telemetry.maintainPartitions()));
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      await Promise.all(
        writers.map(async (w, wi) => {
          for (let b = 0; b < 24; b++) {
            const month = months[(b + wi) % months.length]!;
            const evs = events(150, (k) => (k % 3 === 0 ? new Date(Date.now() - 120_000 - k) : new Date(month.getTime() + (b * 150 + k) * 1000)));
            const { inserted } = await record(evs, w.person, w.appliance);
            sent += inserted;
          }
        }),
      );
      running = false;
      await maintenance;
      const final = table(await db().kdb.asWorker((w) => w.telemetry.maintainPartitions()));
      const endCount = (await rows<{ n: number }>(`select count(*)::int as n from app.telemetry_events`))[0]!.n;
      expect(sent).toBe(4 * 24 * 150);
      expect(endCount).toBe(startCount + sent);
      expect(final.default_rows).toBe(0);
      expect(runs.flatMap((r) => r.tables.flatMap((t) => t.errors))).toEqual([]);
      const moved = runs.reduce((s, r) => s + r.tables.reduce((x, t) => x + t.moved_rows, 0), 0);
      expect(moved).toBeGreaterThan(0);
      // Every row in the partition of its own month.
      const misplaced = await rows(
        `select ${PART} as part, count(*)::int as n from app.telemetry_events
          where ${PART} <> 'app.telemetry_events_' || to_char(recorded_at at time zone 'UTC', 'YYYY_MM')
          group by 1`,
      );
      expect(misplaced).toEqual([]);
    },
  );
});

describe('kitchen-db partitions', () => {
  function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: db().url },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  // Five CLI processes, each starting Node and connecting: more than the default 60 s on a loaded machine.
  it('maintain and list, as plain lines and as --json', { timeout: 240_000 }, async () => {
      const maintain = await cli(['--json', 'partitions', 'maintain']);
      expect(maintain.code).toBe(0);
      const result = JSON.parse(maintain.stdout) as MaintenanceResult;
      expect(result.busy).toBe(false);
      expect(result.tables.map((t) => t.table)).toContain('app.telemetry_events');
      const plain = await cli(['partitions', 'maintain']);
      expect(plain.code).toBe(0);
      expect(plain.stdout).toMatch(/^app\.telemetry_events:$/m);
      expect(plain.stdout).toMatch(/DEFAULT partition: (empty|\d+ row)/);
      const list = await cli(['partitions', 'list']);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/app\.telemetry_events_default\s+DEFAULT\s+\d+ rows/);
      expect(list.stdout).toMatch(new RegExp(`app\\.telemetry_events_${suffix(monthStart(0))}\\s+\\[${monthStart(0).toISOString().slice(0, 10)}, ${monthStart(1).toISOString().slice(0, 10)}\\)`));
      const json = JSON.parse((await cli(['--json', 'partitions', 'list', '--exact'])).stdout) as { partitionName: string; rowCountExact: boolean }[];
      expect(json.length).toBeGreaterThan(3);
      expect(json.every((r) => r.rowCountExact)).toBe(true);
  });
});
