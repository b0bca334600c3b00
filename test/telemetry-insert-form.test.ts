// The ingest statement chosen per connection (issue 19): InsertEvents (no ON CONFLICT: no speculative
// insertion per row) where app.telemetry_events is a plain table, InsertEventsDistributed (ON
// CONFLICT DO NOTHING) on Citus, where the plain form would reach the shards as a COPY, refused under
// row-level security. Runs on every engine: native, embedded, and Citus (TEST_CITUS=1).
import { beforeAll, describe, expect, it } from 'vitest';
import { withUser } from '../src/db/context.ts';
import { encodeEvents, ingestTelemetry, insertFormOf, type TelemetryEventInput } from '../src/areas/telemetry.ts';
import * as q from '../src/generated/telemetry.queries.ts';
import { CITUS, useTestDatabase } from './support/db.ts';
import { createPerson, type Person } from './support/fixtures.ts';
import { createAppliance, payloadFor } from './support/telemetry.ts';

const db = useTestDatabase();
let asha: Person;
let oven: string;

beforeAll(async () => {
  asha = await createPerson(db().pool);
  oven = (await createAppliance(db().pool, asha.id)).id;
});

const events = (n: number, tag: string): TelemetryEventInput[] =>
  Array.from({ length: n }, (_, k) => ({ eventType: 'status', payload: { ...payloadFor('status', k), tag }, recordedAt: new Date(Date.now() - 60_000 + k) }));

const countTagged = async (tag: string): Promise<number> =>
  (await db().pool.query<{ n: number }>(`select count(*)::int as n from app.telemetry_events where payload ->> 'tag' = $1`, [tag])).rows[0]!.n;

/** One statement of the two, run as Asha (app_user, row-level security) with an encoded batch. */
const insertWith = (statement: typeof q.insertEvents, tag: string) =>
  withUser(db().pool, asha.id, async (client) => {
    const [chunk] = encodeEvents(events(3, tag)).chunks;
    const params = { userId: asha.id, applianceId: oven, sessionIds: chunk!.sessionIds, eventTypes: chunk!.eventTypes, payloads: chunk!.payloads, recordedAts: chunk!.recordedAts, sessionCheck: [] };
    return (await statement.runWithCounts(params, client)).rowCount;
  });

describe('the ingest statement of a connection', () => {
  it(`is ${CITUS ? 'the distributed form (ON CONFLICT) on Citus' : 'the plain form (no ON CONFLICT) without Citus'}, chosen once per connection`, async () => {
    const client = await db().pool.connect();
    try {
      const form = await insertFormOf(client);
      expect(form).toBe(CITUS ? 'distributed' : 'plain');
      // Kept with the connection: the same answer without asking the catalog again.
      expect(await insertFormOf(client)).toBe(form);
    } finally {
      client.release();
    }
  });

  it('writes the same rows through ingestTelemetry and recordEvents on this engine', async () => {
    const r = await ingestTelemetry(db().pool, [{ userId: asha.id, applianceId: oven, events: events(5, 'ingest') }]);
    expect(r).toMatchObject({ inserted: 5, batches: 1, failed: [] });
    expect(await db().kdb.asUser(asha.id, (me) => me.telemetry.recordEvents({ applianceId: oven, events: events(4, 'record') }))).toEqual({ inserted: 4 });
    expect([await countTagged('ingest'), await countTagged('record')]).toEqual([5, 4]);
  });

  it('the distributed form is valid SQL here too (what a Citus coordinator runs)', async () => {
    expect(await insertWith(q.insertEventsDistributed, 'distributed')).toBe(3);
    expect(await countTagged('distributed')).toBe(3);
  });

  it(CITUS ? 'the plain form is refused on Citus under row-level security (why the distributed form exists)' : 'the plain form writes the rows', async () => {
    if (CITUS) {
      await expect(insertWith(q.insertEvents, 'plain')).rejects.toThrow(/0A000.*COPY FROM not supported with row-level security/);
      expect(await countTagged('plain')).toBe(0);
    } else {
      expect(await insertWith(q.insertEvents, 'plain')).toBe(3);
      expect(await countTagged('plain')).toBe(3);
    }
  });
});
