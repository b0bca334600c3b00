// Telemetry (issues 5 and 6): the batch ingestion API and the reads, as a device acting for its
// owner (role app_user, row-level security). Partition maintenance is test/partitions.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, KitchenDbError, NotFoundError, ValidationError } from '../src/db/errors.ts';
import * as q from '../src/generated/telemetry.queries.ts';
import type { DbClient } from '../src/db/context.ts';
import { EVENT_TYPES, ingestTelemetry, MAX_CLOCK_SKEW_MS, type TelemetryEventInput } from '../src/areas/telemetry.ts';
import { timeBigintCursor } from '../src/areas/shared/input.ts';
import { CITUS, useTestDatabase } from './support/db.ts';
import { createPerson, type Person } from './support/fixtures.ts';
import { createAppliance, createSession, monthStart, payloadFor, suffix } from './support/telemetry.ts';

const db = useTestDatabase();

let asha: Person;
let ben: Person;
let ashaOven: string;
let ashaHob: string; // no events
let ashaOld: string; // ended pairing
let benOven: string;
let ashaSession: string;
let benSession: string;

beforeAll(async () => {
  const pool = db().pool;
  asha = await createPerson(pool);
  ben = await createPerson(pool);
  ashaOven = (await createAppliance(pool, asha.id)).id;
  ashaHob = (await createAppliance(pool, asha.id)).id;
  ashaOld = (await createAppliance(pool, asha.id, { unpairedAt: new Date(Date.now() - 86_400_000) })).id;
  benOven = (await createAppliance(pool, ben.id)).id;
  ashaSession = await createSession(pool, asha.id, ashaOven);
  benSession = await createSession(pool, ben.id, benOven);
});

const count = async (applianceId?: string): Promise<number> => {
  const { rows } = await db().pool.query<{ n: number }>(
    `select count(*)::int as n from app.telemetry_events where $1::uuid is null or appliance_id = $1`,
    [applianceId ?? null],
  );
  return rows[0]!.n;
};

function batch(n: number, start: Date, options: { sessionId?: string | null; stepMs?: number } = {}): TelemetryEventInput[] {
  return Array.from({ length: n }, (_, k) => {
    const eventType = EVENT_TYPES[k % EVENT_TYPES.length]!;
    return {
      eventType,
      payload: payloadFor(eventType, k),
      recordedAt: new Date(start.getTime() + k * (options.stepMs ?? 1000)),
      sessionId: options.sessionId === undefined ? (k % 2 ? ashaSession : null) : options.sessionId,
    };
  });
}

const record = (person: Person, applianceId: string, events: TelemetryEventInput[]) =>
  db().kdb.asUser(person.id, (me) => me.telemetry.recordEvents({ applianceId, events }));

async function rejects(p: Promise<unknown>): Promise<KitchenDbError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(KitchenDbError);
    return error as KitchenDbError;
  }
  throw new Error('expected a rejection');
}

describe('recordEvents (batch ingestion as the device, for its owner)', () => {
  it('writes thousands of events from one appliance in one call, owned by the person', async () => {
    const before = await count(ashaOven);
    const start = new Date(Date.now() - 3 * 3600_000);
    const events = batch(12_345, start, { stepMs: 500 }); // > one statement (10,000 rows)
    const result = await record(asha, ashaOven, events);
    expect(result).toEqual({ inserted: 12_345 });
    expect(await count(ashaOven)).toBe(before + 12_345);
    const { rows } = await db().pool.query(
      `select user_id, count(*)::int as n, count(session_id)::int as with_session, min(recorded_at) as first
         from app.telemetry_events where appliance_id = $1 and recorded_at >= $2 group by user_id`,
      [ashaOven, start],
    );
    expect(rows).toEqual([{ user_id: asha.id, n: 12_345, with_session: 6172, first: start }]);
    // Payload and type come back exactly as sent.
    const { rows: one } = await db().pool.query(
      `select event_type, payload from app.telemetry_events where appliance_id = $1 and recorded_at = $2`,
      [ashaOven, events[7]!.recordedAt],
    );
    expect(one).toEqual([{ event_type: events[7]!.eventType, payload: events[7]!.payload }]);
  });

  it('an empty batch writes nothing and succeeds', async () => {
    expect(await record(asha, ashaOven, [])).toEqual({ inserted: 0 });
  });

  const badEvents: [string, (e: TelemetryEventInput) => unknown, string, RegExp][] = [
    ['unknown event type', (e) => ({ ...e, eventType: 'noise' }), 'events[17].eventType', /must be one of temperature, status, stage_change, alert, heartbeat/],
    ['missing event type', (e) => ({ ...e, eventType: undefined }), 'events[17].eventType', /must be one of/],
    ['payload an array', (e) => ({ ...e, payload: [1, 2] }), 'events[17].payload', /plain JSON object/],
    ['payload a string', (e) => ({ ...e, payload: '{"a":1}' }), 'events[17].payload', /plain JSON object/],
    ['payload null', (e) => ({ ...e, payload: null }), 'events[17].payload', /plain JSON object/],
    ['payload a Date', (e) => ({ ...e, payload: new Date() }), 'events[17].payload', /plain JSON object/],
    ['payload with a BigInt', (e) => ({ ...e, payload: { n: 10n } }), 'events[17].payload', /cannot be serialised/],
    ['payload with U+0000', (e) => ({ ...e, payload: { note: 'a\u0000b' } }), 'events[17].payload', /NUL character/],
    ['recordedAt a string', (e) => ({ ...e, recordedAt: '2026-01-01T00:00:00Z' }), 'events[17].recordedAt', /valid Date/],
    ['recordedAt an invalid Date', (e) => ({ ...e, recordedAt: new Date('nope') }), 'events[17].recordedAt', /valid Date/],
    ['recordedAt 10 minutes ahead', (e) => ({ ...e, recordedAt: new Date(Date.now() + 10 * 60_000) }), 'events[17].recordedAt', /minutes ahead/],
    ['sessionId not a UUID', (e) => ({ ...e, sessionId: 'session-1' }), 'events[17].sessionId', /UUID/],
    ['not an object', () => 42, 'events[17]', /event object/],
  ];
  it.each(badEvents)('a batch with one bad event (%s) is rejected with its index, and nothing is written', async (_name, spoil, field, message) => {
    const events = batch(40, new Date(Date.now() - 3600_000)) as unknown[];
    events[17] = spoil(events[17] as TelemetryEventInput);
    const before = await count();
    const error = await rejects(record(asha, ashaOven, events as TelemetryEventInput[]));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.field).toBe(field);
    expect(error.message.startsWith(field)).toBe(true);
    expect(error.message).toMatch(message);
    expect(await count()).toBe(before);
  });

  it('accepts a device clock up to 5 minutes ahead, not more', async () => {
    const soon = [{ eventType: 'heartbeat' as const, payload: {}, recordedAt: new Date(Date.now() + MAX_CLOCK_SKEW_MS - 30_000) }];
    expect(await record(asha, ashaOven, soon)).toEqual({ inserted: 1 });
    const late = [{ eventType: 'heartbeat' as const, payload: {}, recordedAt: new Date(Date.now() + MAX_CLOCK_SKEW_MS + 30_000) }];
    expect((await rejects(record(asha, ashaOven, late))).field).toBe('events[0].recordedAt');
  });

  it('rejects a bad applianceId or events before touching the database', async () => {
    expect((await rejects(record(asha, 'oven-1', batch(1, new Date())))).field).toBe('applianceId');
    const notArray = db().kdb.asUser(asha.id, (me) => me.telemetry.recordEvents({ applianceId: ashaOven, events: 'x' as never }));
    expect((await rejects(notArray)).field).toBe('events');
  });

  it("refuses another person's appliance (invisible under row-level security): NotFoundError, nothing written", async () => {
    const before = await count();
    const error = await rejects(record(asha, benOven, batch(50, new Date(Date.now() - 60_000), { sessionId: null })));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.field).toBe('applianceId');
    expect(await count()).toBe(before);
    // An id that is nobody's: the same answer (no way to probe for other people's appliances).
    const unknown = await rejects(record(asha, '00000000-0000-4000-8000-000000000000', batch(1, new Date(), { sessionId: null })));
    expect(unknown).toBeInstanceOf(NotFoundError);
  });

  it('refuses a pairing that has ended (ForbiddenError), nothing written', async () => {
    const before = await count();
    const error = await rejects(record(asha, ashaOld, batch(5, new Date(Date.now() - 60_000), { sessionId: null })));
    expect(error).toBeInstanceOf(ForbiddenError);
    expect(error.rule).toBe('current_pairing');
    expect(await count()).toBe(before);
  });

  it("refuses a session of another person or another appliance, naming the first event that uses it", async () => {
    const events = batch(30, new Date(Date.now() - 60_000), { sessionId: null });
    events[12] = { ...events[12]!, sessionId: benSession };
    events[20] = { ...events[20]!, sessionId: benSession };
    const before = await count();
    const error = await rejects(record(asha, ashaOven, events));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.field).toBe('events[12].sessionId');
    // A session of the person, but of another of their appliances.
    const hobEvents = batch(3, new Date(Date.now() - 60_000), { sessionId: ashaSession });
    expect((await rejects(record(asha, ashaHob, hobEvents))).field).toBe('events[0].sessionId');
    expect(await count()).toBe(before);
  });

  it('in SQL, ownership holds without the API: the composite FK and the RLS check refuse a forged row', async () => {
    const forge = (userId: string) =>
      db().asUser(asha.id, (c) =>
        c.query(`insert into app.telemetry_events (appliance_id, user_id, event_type, payload) values ($1, $2, 'heartbeat', '{}')`, [benOven, userId]),
      );
    // Asha's own user_id with Ben's appliance: the composite FK (appliance_id, user_id) → appliances.
    await expect(forge(asha.id)).rejects.toMatchObject({ code: 'not_found', rule: 'telemetry_events_appliance_id_user_id_fkey' });
    // Ben's user_id: row-level security (WITH CHECK user_id = current person).
    await expect(forge(ben.id)).rejects.toMatchObject({ code: 'forbidden' });
  });
});

describe('ingestTelemetry (a service receiving batches from many appliances at once)', () => {
  it('writes each batch as its person over several connections; a refused batch is reported with its index and writes nothing', async () => {
    const pool = db().pool;
    const people = [asha, ben, await createPerson(pool), await createPerson(pool)];
    const appliances = await Promise.all(people.map(async (p) => (await createAppliance(pool, p.id)).id));
    const start = new Date(Date.now() - 2 * 3600_000);
    const batches = people.flatMap((p, i) => Array.from({ length: 3 }, (_, k) => ({
      userId: p.id, applianceId: appliances[i]!, events: batch(50 + k, new Date(start.getTime() + k * 60_000), { sessionId: null }),
    })));
    const bad = batch(5, start, { sessionId: null });
    bad[3] = { ...bad[3]!, payload: { celsius: Number.NaN } };
    const badIndex = batches.push({ userId: asha.id, applianceId: appliances[0]!, events: bad }) - 1;
    // Ben's appliance sent in Asha's name: invisible to her under row-level security.
    const foreignIndex = batches.push({ userId: asha.id, applianceId: appliances[1]!, events: batch(7, start, { sessionId: null }) }) - 1;
    const good = batches.length - 2;
    const result = await ingestTelemetry(pool, batches, { connections: 3 });
    expect(result.batches).toBe(good);
    expect(result.inserted).toBe(people.length * (50 + 51 + 52));
    expect(result.failed.map((f) => f.index)).toEqual([badIndex, foreignIndex]);
    expect(result.failed[0]!.error).toBeInstanceOf(ValidationError);
    expect(result.failed[0]!.error.field).toBe('events[3].payload.celsius');
    expect(result.failed[1]!.error).toBeInstanceOf(NotFoundError);
    expect(result.failed[1]!.error.field).toBe('applianceId');
    const { rows } = await pool.query(
      `select appliance_id::text as a, user_id::text as u, count(*)::int as n from app.telemetry_events where appliance_id = any($1::uuid[]) group by 1, 2 order by 1`,
      [appliances],
    );
    expect(rows).toEqual(appliances.map((a, i) => ({ a, u: people[i]!.id, n: 50 + 51 + 52 })).sort((x, y) => x.a.localeCompare(y.a)));
  });

  it('is kdb.telemetry.ingest; its connections go back to the pool without the role or person of the last batch', async () => {
    const pool = db().pool;
    const people = [await createPerson(pool), await createPerson(pool)];
    const appliances = await Promise.all(people.map(async (p) => (await createAppliance(pool, p.id)).id));
    const start = new Date(Date.now() - 3600_000);
    const batches = people.map((p, i) => ({ userId: p.id, applianceId: appliances[i]!, events: batch(20, start, { sessionId: null }) }));
    const result = await db().kdb.telemetry.ingest(batches, { connections: 2 });
    expect(result).toEqual({ inserted: 40, batches: 2, failed: [] });
    const { rows: [login] } = await pool.query<{ u: string }>('select session_user::text as u');
    const seen = await Promise.all(Array.from({ length: 4 }, async () => {
      const c = await pool.connect();
      try {
        return (await c.query<{ r: string; p: string | null }>(`select current_user::text as r, nullif(current_setting('app.user_id', true), '') as p`)).rows[0];
      } finally {
        c.release();
      }
    }));
    expect(seen).toEqual(Array.from({ length: 4 }, () => ({ r: login!.u, p: null })));
    await expect(db().kdb.telemetry.ingest(batches, { connections: 0 })).rejects.toMatchObject({ field: 'connections', rule: 'range' });
  });
});

describe('reads (as the person)', () => {
  let dayStart: Date;
  const readsOven = { id: '' };

  beforeAll(async () => {
    readsOven.id = (await createAppliance(db().pool, asha.id)).id;
    const session = await createSession(db().pool, asha.id, readsOven.id);
    // Three days of events at 10-minute steps ending now, some in the session, plus ties.
    dayStart = new Date(Math.floor((Date.now() - 2 * 86_400_000) / 86_400_000) * 86_400_000);
    const events: TelemetryEventInput[] = [];
    for (let t = dayStart.getTime(), k = 0; t < Date.now(); t += 600_000, k++) {
      const eventType = EVENT_TYPES[k % 5]!;
      events.push({ eventType, payload: payloadFor(eventType, k), recordedAt: new Date(t), sessionId: k < 30 ? session : null });
    }
    // Five events with the same timestamp (keyset pagination must not lose or repeat any).
    for (let i = 0; i < 5; i++) events.push({ eventType: 'temperature', payload: { celsius: 100 + i }, recordedAt: new Date(dayStart.getTime() + 300_000), sessionId: session });
    await record(asha, readsOven.id, events);
    // Days of the previous month (at the start of a month) sit in DEFAULT until maintenance runs.
    await db().kdb.asWorker((w) => w.telemetry.maintainPartitions());
  });

  async function sessionOf(applianceId: string): Promise<string> {
    const { rows } = await db().pool.query(`select id from app.cooking_sessions where appliance_id = $1`, [applianceId]);
    return rows[0].id as string;
  }

  it('events of a session, oldest first, in keyset pages that lose and repeat nothing (ties included)', async () => {
    const sessionId = await sessionOf(readsOven.id);
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: Awaited<ReturnType<typeof readSession>> = await readSession(sessionId, after, 7);
      seen.push(...page.events.map((e) => e.id));
      for (const e of page.events) expect(e.sessionId).toBe(sessionId);
      after = page.nextCursor;
      pages++;
    } while (after);
    expect(seen.length).toBe(35);
    expect(new Set(seen).size).toBe(35);
    expect(pages).toBe(6);
    const all = await readSession(sessionId, null, 100);
    expect(all.events.map((e) => e.id)).toEqual(seen);
    const times = all.events.map((e) => e.recordedAt.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(all.nextCursor).toBeNull();
  });

  const readSession = (sessionId: string, after: string | null, limit: number) =>
    db().kdb.asUser(asha.id, (me) => me.telemetry.sessionEvents({ sessionId, after, limit }));

  it("another person sees none of the session's events", async () => {
    const sessionId = await sessionOf(readsOven.id);
    const page = await db().kdb.asUser(ben.id, (me) => me.telemetry.sessionEvents({ sessionId }));
    expect(page).toEqual({ events: [], nextCursor: null });
  });

  it('events of an appliance in a time range, newest first, paginated, optionally of one type', async () => {
    const from = new Date(dayStart.getTime() + 86_400_000);
    const to = new Date(dayStart.getTime() + 2 * 86_400_000);
    const read = (before: string | null, eventType?: 'temperature') =>
      db().kdb.asUser(asha.id, (me) => me.telemetry.applianceEvents({ applianceId: readsOven.id, from, to, before, limit: 50, ...(eventType ? { eventType } : {}) }));
    const ids: string[] = [];
    const times: number[] = [];
    let before: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof read>> = await read(before);
      ids.push(...page.events.map((e) => e.id));
      times.push(...page.events.map((e) => e.recordedAt.getTime()));
      before = page.nextCursor;
    } while (before);
    expect(ids.length).toBe(144); // one day at 10-minute steps
    expect(new Set(ids).size).toBe(144);
    expect(times.every((t) => t >= from.getTime() && t < to.getTime())).toBe(true);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const temps = await read(null, 'temperature');
    expect(temps.events.length).toBeGreaterThan(0);
    expect(temps.events.every((e) => e.eventType === 'temperature')).toBe(true);
    // Ben asking for Asha's appliance gets nothing.
    const bens = await db().kdb.asUser(ben.id, (me) => me.telemetry.applianceEvents({ applianceId: readsOven.id, from, to }));
    expect(bens.events).toEqual([]);
  });

  it('bad read input is a ValidationError', async () => {
    const now = new Date();
    const call = (input: Record<string, unknown>) =>
      rejects(db().kdb.asUser(asha.id, (me) => me.telemetry.applianceEvents({ applianceId: readsOven.id, from: new Date(0), to: now, ...input } as never)));
    expect((await call({ to: new Date(0) })).field).toBe('to');
    expect((await call({ limit: 0 })).field).toBe('limit');
    expect((await call({ before: 'garbage' })).field).toBe('before');
    expect((await call({ eventType: 'noise' })).field).toBe('eventType');
    expect((await call({ from: 'yesterday' })).field).toBe('from');
  });

  it('latest reading per appliance: one row for each of the person\'s current appliances that has events', async () => {
    const latest = await db().kdb.asUser(asha.id, (me) => me.telemetry.latestReadings());
    const byAppliance = new Map(latest.map((r) => [r.applianceId, r]));
    expect(byAppliance.has(ashaHob)).toBe(false); // no events
    expect(byAppliance.has(ashaOld)).toBe(false); // ended pairing
    expect(byAppliance.has(benOven)).toBe(false); // not hers
    const { rows } = await db().pool.query(
      `select appliance_id, max(recorded_at) as at from app.telemetry_events where user_id = $1 group by appliance_id`,
      [asha.id],
    );
    for (const r of rows) {
      if (r.appliance_id === ashaOld) continue;
      expect(byAppliance.get(r.appliance_id)?.recordedAt).toEqual(r.at);
    }
    const temps = await db().kdb.asUser(asha.id, (me) => me.telemetry.latestReadings({ eventType: 'temperature' }));
    expect(temps.every((r) => r.eventType === 'temperature')).toBe(true);
    expect(temps.length).toBeGreaterThan(0);
  });

  /** EXPLAIN (ANALYZE) of a generated query run as the person, through pgtyped's own SQL. */
  async function explain<P>(query: { run(params: P, client: never): Promise<unknown> }, params: P): Promise<string> {
    return db().asUser(asha.id, async (client: DbClient) => {
      const plan: string[] = [];
      await query.run(params, {
        query: async (text: string, values: unknown[]) => {
          const r = await client.query(`explain (analyze, costs off, timing off, summary off) ${text}`, values);
          plan.push(...r.rows.map((row: Record<string, string>) => row['QUERY PLAN']!));
          return { rows: [] };
        },
      } as never);
      return plan.join('\n');
    });
  }

  // On Citus the plan is the worker's, over shards: `telemetry_events_2026_12_102149` is shard 102149
  // of partition telemetry_events_2026_12 (a shard id has 6+ digits, a month suffix 2), so the name
  // without the shard id is the partition scanned.
  const scanned = (plan: string) => [...new Set([...plan.matchAll(/on (telemetry_events_\w+)/g)].map((m) => m[1]!.replace(/_\d{6,}$/, '')))];

  it('a one-day range query scans exactly one partition (pruning on recorded_at), through its index', async () => {
    const from = new Date(dayStart.getTime() + 86_400_000);
    const to = new Date(from.getTime() + 86_400_000);
    const plan = await explain(q.applianceEvents, { userId: asha.id, applianceId: readsOven.id, from: from.toISOString(), to: to.toISOString(), limit: 50 });
    expect(scanned(plan)).toEqual([`telemetry_events_${suffix(monthStart(0, from))}`]);
    expect(plan).toMatch(/Index Scan using telemetry_events_\d{4}_\d{2}_appliance_id_recorded_at_idx/);
    // On Citus: one shard of that one partition (the person's), so one task.
    if (CITUS) expect(plan).toMatch(/Task Count: 1\n/);
    // And with a cursor (the second page) still one partition.
    const page = await db().kdb.asUser(asha.id, (me) => me.telemetry.applianceEvents({ applianceId: readsOven.id, from, to, limit: 10 }));
    const { time: at, id } = timeBigintCursor(page.nextCursor, 'before');
    const plan2 = await explain(q.applianceEvents, { userId: asha.id, applianceId: readsOven.id, from: from.toISOString(), to: to.toISOString(), beforeRecordedAt: at, beforeId: id, limit: 10 });
    expect(scanned(plan2)).toEqual([`telemetry_events_${suffix(monthStart(0, from))}`]);
  });

  it('latest reading per appliance uses the (appliance_id, recorded_at desc) index in a LATERAL top-1', async () => {
    const plan = await explain(q.latestReadings, { userId: asha.id, eventType: null });
    expect(plan).toMatch(/Limit/);
    expect(plan).toMatch(/appliance_id_recorded_at_idx/);
    expect(plan).not.toMatch(/Seq Scan on telemetry_events/);
  });
});
