// appliances use cases through the public API: pairing (proof of possession, re-pairing keeps
// history), unpair, heartbeat, list; cooking sessions start/update/complete/rate; the device's
// idempotent cooking-log upload (revisions, concurrency, re-pairing); firmware selection (semver,
// prereleases, channels, min_version, mandatory) and publishing — happy paths, edges, bad input.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CookingLogUpload, FirmwareReleaseInput } from '../src/areas/appliances/appliances.ts';
import { withUser } from '../src/db/context.ts';
import { engine, useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';

const db = useTestDatabase();

const count = async (sql: string, params: unknown[] = []) => Number((await db().pool.query(sql, params)).rows[0].n);
const device = () => {
  const n = randomUUID().slice(0, 8).toUpperCase();
  return { deviceId: `EPIC-${n}`, serialNumber: `SN-${n}` };
};

let recipeId: string | undefined;
/** One published recipe for the sessions of this file. */
async function recipe(): Promise<string> {
  recipeId ??= (
    await db().kdb.asAdmin((admin) =>
      admin.recipes.create({ name: 'Dal Tadka', category: 'dal', recipeData: { stages: [{ name: 'Heat Oil', temp_target: 180 }] }, difficulty: 'easy', timeMinutes: 35, isPublished: true }),
    )
  ).id;
  return recipeId;
}

const pairedPersonNow = (code = 'ABC123') => pairedPerson(code);

async function pairedPerson(code = 'ABC123') {
  const p = await createPerson(db().pool);
  const d = device();
  const appliance = await db().kdb.asUser(p.id, (me) => me.appliances.pair({ ...d, pairingCode: code }));
  return { p, d, appliance };
}

describe('pairing', () => {
  it('pairs a new device with the code as given, lists it, and pairing it again changes nothing', async () => {
    const p = await createPerson(db().pool);
    const d = device();
    const a = await db().kdb.asUser(p.id, (me) => me.appliances.pair({ ...d, pairingCode: 'k7m2p9', name: 'Kitchen', wifiMac: 'aa:bb:cc:dd:ee:ff' }));
    expect(a).toMatchObject({ ...d, name: 'Kitchen', wifiMac: 'AA:BB:CC:DD:EE:FF', status: 'offline', unpairedAt: null, firmwareVersionCm5: null });
    expect(a).not.toHaveProperty('pairingCode');
    expect((await db().pool.query(`select pairing_code from app.appliances where id = $1`, [a.id])).rows[0].pairing_code).toBe('K7M2P9');
    expect(await db().kdb.asUser(p.id, (me) => me.appliances.list())).toEqual([a]);
    const again = await db().kdb.asUser(p.id, (me) => me.appliances.pair({ ...d, pairingCode: 'ZZZZZZ' }));
    expect(again).toEqual(a);
    const other = await createPerson(db().pool);
    expect(await db().kdb.asUser(other.id, (me) => me.appliances.list())).toEqual([]);
  });

  it('moves a device to a new person only with the code it displays; the old pairing ends and keeps its history', async () => {
    const { p: asha, d, appliance: old } = await pairedPerson('AAAAAA');
    // the device rotates its code and reports it
    await db().kdb.asUser(asha.id, (me) => me.appliances.heartbeat({ deviceId: d.deviceId, status: 'online', pairingCode: 'R0TAT3', firmwareVersionCm5: '1.4.0' }));
    const rid = await recipe(); // outside the person's transaction: the embedded engine runs one at a time
    const session = await db().kdb.asUser(asha.id, (me) => me.appliances.startSession({ applianceId: old.id, recipeId: rid }));
    const ben = await createPerson(db().pool);
    for (const code of ['AAAAAA', 'WRONG1']) {
      await expect(db().kdb.asUser(ben.id, (me) => me.appliances.pair({ ...d, pairingCode: code }))).rejects.toMatchObject({
        name: 'ForbiddenError',
        field: 'pairingCode',
        rule: 'appliances_pairing_code_match',
      });
    }
    expect(await count(`select count(*) as n from app.appliances where device_id = $1`, [d.deviceId])).toBe(1);
    const moved = await db().kdb.asUser(ben.id, (me) => me.appliances.pair({ ...d, pairingCode: 'r0tat3' }));
    expect(moved.id).not.toBe(old.id);
    expect(moved).toMatchObject({ deviceId: d.deviceId, unpairedAt: null, firmwareVersionCm5: '1.4.0', name: 'My Epicura' });
    expect(await db().kdb.asUser(asha.id, (me) => me.appliances.list())).toEqual([]);
    expect(await db().kdb.asUser(ben.id, (me) => me.appliances.list())).toEqual([moved]);
    const { rows } = await db().pool.query(`select user_id, unpaired_at is not null as ended from app.appliances where device_id = $1 order by paired_at`, [d.deviceId]);
    expect(rows).toEqual([{ user_id: asha.id, ended: true }, { user_id: ben.id, ended: false }]);
    // Asha's history stays hers; Ben cannot see it
    expect(await db().kdb.asUser(asha.id, (me) => me.appliances.getSession(session.id))).toMatchObject({ applianceId: old.id });
    await expect(db().kdb.asUser(ben.id, (me) => me.appliances.getSession(session.id))).rejects.toMatchObject({ name: 'NotFoundError' });
    // Asha's old device no longer reports for her
    await expect(db().kdb.asUser(asha.id, (me) => me.appliances.heartbeat({ deviceId: d.deviceId, status: 'online' }))).rejects.toMatchObject({ name: 'NotFoundError', field: 'deviceId' });
  });

  it('refuses a takeover when the device never reported a code, and a serial that is not the device’s', async () => {
    const asha = await createPerson(db().pool);
    const d = device();
    // A pairing written by hand, with the lookup rows app.pair_appliance would have claimed for it.
    await db().pool.query(
      `with a as (insert into app.appliances (user_id, device_id, serial_number) values ($1, $2, $3) returning id, user_id),
            d as (insert into app.appliance_devices (device_id, user_id, appliance_id) select $2, user_id, id from a)
       insert into app.appliance_serials (serial_number, user_id, appliance_id) select $3, user_id, id from a`,
      [asha.id, d.deviceId, d.serialNumber],
    );
    const ben = await createPerson(db().pool);
    await expect(db().kdb.asUser(ben.id, (me) => me.appliances.pair({ ...d, pairingCode: 'ABCDEF' }))).rejects.toMatchObject({
      name: 'ForbiddenError',
      field: 'pairingCode',
      rule: 'appliances_pairing_code_unknown',
    });
    await expect(db().kdb.asUser(ben.id, (me) => me.appliances.pair({ ...d, serialNumber: 'SN-OTHER', pairingCode: 'ABCDEF' }))).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'serialNumber',
      rule: 'appliances_serial_number_match',
    });
    // a serial currently paired under another device id
    const e = device();
    await expect(db().kdb.asUser(ben.id, (me) => me.appliances.pair({ deviceId: e.deviceId, serialNumber: d.serialNumber, pairingCode: 'ABCDEF' }))).rejects.toMatchObject({
      name: 'ConflictError',
      field: 'serialNumber',
    });
    expect(await count(`select count(*) as n from app.appliances where user_id = $1`, [ben.id])).toBe(0);
  });

  it('unpairs; an unpaired device pairs again with any code (first pairing), keeping the serial check', async () => {
    const { p, d, appliance } = await pairedPerson('QQQQQQ');
    const ended = await db().kdb.asUser(p.id, (me) => me.appliances.unpair(appliance.id));
    expect(ended.unpairedAt).toBeInstanceOf(Date);
    expect(await db().kdb.asUser(p.id, (me) => me.appliances.list())).toEqual([]);
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.unpair(appliance.id))).rejects.toMatchObject({ name: 'NotFoundError', field: 'applianceId' });
    const other = await createPerson(db().pool);
    await expect(db().kdb.asUser(other.id, (me) => me.appliances.unpair(appliance.id))).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(db().kdb.asUser(other.id, (me) => me.appliances.pair({ ...d, serialNumber: 'SN-FAKE', pairingCode: 'NEWONE' }))).rejects.toMatchObject({ field: 'serialNumber' });
    const again = await db().kdb.asUser(other.id, (me) => me.appliances.pair({ ...d, pairingCode: 'NEWONE' }));
    expect(again).toMatchObject({ deviceId: d.deviceId, unpairedAt: null });
  });

  it.skipIf(engine() === 'embedded')('two people pairing one new device at once: one pairing wins, the other must know its code', async () => {
    const d = device();
    const [a, b] = [await createPerson(db().pool), await createPerson(db().pool)];
    const results = await Promise.allSettled([
      db().kdb.asUser(a.id, (me) => me.appliances.pair({ ...d, pairingCode: 'AAAAAA' })),
      db().kdb.asUser(b.id, (me) => me.appliances.pair({ ...d, pairingCode: 'BBBBBB' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { name: 'ForbiddenError', field: 'pairingCode' } });
    expect(await count(`select count(*) as n from app.appliances where device_id = $1`, [d.deviceId])).toBe(1);
  });

  it('refuses malformed pairing input', async () => {
    const p = await createPerson(db().pool);
    const d = device();
    const bad: [Record<string, unknown>, string, string][] = [
      [{ deviceId: '' }, 'deviceId', 'length'],
      [{ deviceId: 'EPIC 001' }, 'deviceId', 'format'],
      [{ deviceId: 'E'.repeat(51) }, 'deviceId', 'length'],
      [{ serialNumber: '-SN' }, 'serialNumber', 'format'],
      [{ pairingCode: '12345' }, 'pairingCode', 'format'],
      [{ pairingCode: 'ABC-12' }, 'pairingCode', 'format'],
      [{ pairingCode: 123456 }, 'pairingCode', 'type'],
      [{ name: 'n'.repeat(101) }, 'name', 'length'],
      [{ wifiMac: 'AA-BB-CC-DD-EE-FF' }, 'wifiMac', 'format'],
    ];
    for (const [override, field, rule] of bad) {
      await expect(db().kdb.asUser(p.id, (me) => me.appliances.pair({ ...d, pairingCode: 'ABC123', ...override } as never))).rejects.toMatchObject({ name: 'ValidationError', field, rule });
    }
    expect(await count(`select count(*) as n from app.appliances where user_id = $1`, [p.id])).toBe(0);
  });

  it('a person cannot rewrite what identifies a pairing, nor insert one without the pairing function (column privileges)', async () => {
    const { p, d, appliance } = await pairedPerson();
    const other = device(); // a device nobody has paired: taking it over needs its pairing code
    const attempts: [string, unknown[]][] = [
      ['update app.appliances set device_id = $2 where id = $1', [appliance.id, other.deviceId]],
      ['update app.appliances set serial_number = $2 where id = $1', [appliance.id, other.serialNumber]],
      [`update app.appliances set paired_at = now() - interval '1 year' where id = $1`, [appliance.id]],
      ['insert into app.appliances (user_id, device_id, serial_number) values ($1, $2, $3)', [p.id, other.deviceId, other.serialNumber]],
    ];
    for (const [sql, params] of attempts) {
      await expect(withUser(db().pool, p.id, (c) => c.query(sql, params)), sql).rejects.toMatchObject({ name: 'ForbiddenError', rule: 'privilege', message: expect.stringMatching(/permission denied/) });
    }
    // What the access layer writes still works: the heartbeat's columns, unpairing.
    await withUser(db().pool, p.id, (c) => c.query(`update app.appliances set status = 'online', name = 'Stove' where id = $1`, [appliance.id]));
    const [row] = (await db().pool.query(`select device_id, serial_number, status, name from app.appliances where id = $1`, [appliance.id])).rows;
    expect(row).toEqual({ device_id: d.deviceId, serial_number: d.serialNumber, status: 'online', name: 'Stove' });
  });
});

describe('heartbeat', () => {
  it('updates status, firmware versions, code and last_seen_at, keeping what is not reported', async () => {
    const { p, d } = await pairedPerson();
    const h1 = await db().kdb.asUser(p.id, (me) => me.appliances.heartbeat({ deviceId: d.deviceId, status: 'online', firmwareVersionCm5: '1.10.0', firmwareVersionStm32: '2.0.0-rc.1' }));
    expect(h1).toMatchObject({ status: 'online', firmwareVersionCm5: '1.10.0', firmwareVersionStm32: '2.0.0-rc.1' });
    expect(h1.lastSeenAt).toBeInstanceOf(Date);
    const h2 = await db().kdb.asUser(p.id, (me) => me.appliances.heartbeat({ deviceId: d.deviceId, status: 'cooking' }));
    expect(h2).toMatchObject({ status: 'cooking', firmwareVersionCm5: '1.10.0', firmwareVersionStm32: '2.0.0-rc.1' });
    expect(h2.lastSeenAt!.getTime()).toBeGreaterThanOrEqual(h1.lastSeenAt!.getTime());
  });

  it('refuses an unknown device, a bad status and a bad version', async () => {
    const { p, d } = await pairedPerson();
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.heartbeat({ deviceId: 'EPIC-NOPE', status: 'online' }))).rejects.toMatchObject({ name: 'NotFoundError', field: 'deviceId' });
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.heartbeat({ deviceId: d.deviceId, status: 'asleep' as never }))).rejects.toMatchObject({ field: 'status', rule: 'enum' });
    for (const v of ['1.2', '01.2.3', 'v1.2.3', '1.2.3-', '1.2.3.4', '1.0.0-alpha.very.long.text']) {
      await expect(db().kdb.asUser(p.id, (me) => me.appliances.heartbeat({ deviceId: d.deviceId, status: 'online', firmwareVersionCm5: v }))).rejects.toMatchObject({
        name: 'ValidationError',
        field: 'firmwareVersionCm5',
      });
    }
  });
});

describe('cooking sessions', () => {
  it('start → update → complete → rate', async () => {
    const { p, appliance } = await pairedPerson();
    const rid = await recipe();
    const s = await db().kdb.asUser(p.id, (me) =>
      me.appliances.startSession({ applianceId: appliance.id, recipeId: rid, startedAt: '2026-03-01T12:00:00Z', customizations: { spice_level: 4, servings: 2 } }),
    );
    expect(s).toMatchObject({ applianceId: appliance.id, recipeId: rid, status: 'started', completedAt: null, customizations: { spice_level: 4, servings: 2 }, deviceRevision: null });
    const u = await db().kdb.asUser(p.id, (me) => me.appliances.updateSession(s.id, { status: 'cooking', stagesLog: [{ stage: 'Heat Oil', duration_s: 120, result: 'ok', cv_confidence: 0.93 }], peakTemperature: 181.5 }));
    expect(u).toMatchObject({ status: 'cooking', peakTemperature: 181.5, stagesLog: [{ stage: 'Heat Oil', duration_s: 120 }] });
    const c = await db().kdb.asUser(p.id, (me) => me.appliances.completeSession(s.id, { completedAt: '2026-03-01T12:35:10Z' }));
    expect(c).toMatchObject({ status: 'completed', totalDurationS: 35 * 60 + 10, peakTemperature: 181.5 });
    expect(c.completedAt?.toISOString()).toBe('2026-03-01T12:35:10.000Z');
    const r = await db().kdb.asUser(p.id, (me) => me.appliances.rateSession(s.id, { rating: 5, notes: 'Perfect tadka' }));
    expect(r).toMatchObject({ userRating: 5, notes: 'Perfect tadka' });
    expect(await db().kdb.asUser(p.id, (me) => me.appliances.rateSession(s.id, { rating: 4 }))).toMatchObject({ userRating: 4, notes: 'Perfect tadka' });
    // ended: no more progress
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.updateSession(s.id, { status: 'cooking' }))).rejects.toMatchObject({ name: 'ConflictError', field: 'sessionId', rule: 'session_running' });
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.completeSession(s.id))).rejects.toMatchObject({ name: 'ConflictError', rule: 'session_running' });
  });

  it('refuses a session on someone else’s or an ended pairing, on an unpublished recipe, and bad values', async () => {
    const { p, appliance } = await pairedPerson();
    const rid = await recipe();
    const { p: other } = await pairedPerson();
    await expect(db().kdb.asUser(other.id, (me) => me.appliances.startSession({ applianceId: appliance.id, recipeId: rid }))).rejects.toMatchObject({ name: 'NotFoundError', field: 'applianceId' });
    const hidden = await db().kdb.asAdmin((admin) => admin.recipes.create({ name: 'Draft', category: 'dal', recipeData: { stages: [{ name: 'x' }] }, difficulty: 'easy', timeMinutes: 5 }));
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.startSession({ applianceId: appliance.id, recipeId: hidden.id }))).rejects.toMatchObject({ name: 'NotFoundError', field: 'recipeId' });
    const s = await db().kdb.asUser(p.id, (me) => me.appliances.startSession({ applianceId: appliance.id, recipeId: rid, startedAt: '2026-03-01T12:00:00Z' }));
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.startSession({ applianceId: appliance.id, recipeId: rid, id: s.id }))).rejects.toMatchObject({ name: 'ConflictError', field: 'id' });
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.rateSession(s.id, { rating: 5 }))).rejects.toMatchObject({ name: 'ConflictError', rule: 'session_completed' });
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.rateSession(s.id, { rating: 6 }))).rejects.toMatchObject({ name: 'ValidationError', field: 'rating', rule: 'range' });
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.updateSession(s.id, { status: 'completed' as never }))).rejects.toMatchObject({ field: 'status', rule: 'enum' });
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.updateSession(s.id, { stagesLog: {} as never }))).rejects.toMatchObject({ field: 'stagesLog', rule: 'type' });
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.updateSession(s.id, { notes: 'x'.repeat(4001) }))).rejects.toMatchObject({ field: 'notes', rule: 'length' });
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.completeSession(s.id, { completedAt: '2026-03-01T11:00:00Z' }))).rejects.toMatchObject({ name: 'ValidationError', field: 'completedAt' });
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.getSession(randomUUID()))).rejects.toMatchObject({ name: 'NotFoundError', field: 'sessionId' });
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.getSession('nope'))).rejects.toMatchObject({ name: 'ValidationError', field: 'sessionId', rule: 'uuid' });
    // the ended-pairing case
    await db().kdb.asUser(p.id, (me) => me.appliances.unpair(appliance.id));
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.startSession({ applianceId: appliance.id, recipeId: rid }))).rejects.toMatchObject({ name: 'NotFoundError', field: 'applianceId' });
  });
});

describe('cooking-log upload', () => {
  function log(d: { deviceId: string }, rid: string, over: Partial<CookingLogUpload> = {}): CookingLogUpload {
    return {
      deviceId: d.deviceId,
      id: randomUUID(),
      revision: 1,
      recipeId: rid,
      status: 'cooking',
      startedAt: new Date(Date.now() - 60_000),
      stagesLog: [{ stage: 'Heat Oil', duration_s: 120 }],
      ...over,
    };
  }
  const stored = async (id: string) =>
    (await db().pool.query(`select status, device_revision, total_duration_s, user_rating, notes, user_id, jsonb_array_length(stages_log) as stages from app.cooking_sessions where id = $1`, [id])).rows;
  /** A person whose pairing began an hour ago: the logs below (started a minute or two ago) lie inside it. */
  async function pairedPerson(code = 'ABC123') {
    const paired = await pairedPersonNow(code);
    await db().pool.query(`update app.appliances set paired_at = now() - interval '1 hour' where id = $1`, [paired.appliance.id]);
    return paired;
  }

  it('is idempotent: the same upload twice gives one row; a newer revision replaces it; an older one is ignored', async () => {
    const { p, d, appliance } = await pairedPerson();
    const rid = await recipe();
    const first = log(d, rid, { revision: 3 });
    const r1 = await db().kdb.asUser(p.id, (me) => me.appliances.uploadCookingLog(first));
    expect(r1).toEqual({ sessionId: first.id, applied: true, storedRevision: 3, filedUnderCaller: true });
    expect(await db().kdb.asUser(p.id, (me) => me.appliances.uploadCookingLog(first))).toEqual({ ...r1, applied: false });
    expect(await stored(first.id)).toEqual([{ status: 'cooking', device_revision: 3, total_duration_s: null, user_rating: null, notes: null, user_id: p.id, stages: 1 }]);

    const done = { ...first, revision: 5, status: 'completed' as const, completedAt: new Date(), totalDurationS: 60, stagesLog: [{ stage: 'Heat Oil' }, { stage: 'Add Spices' }], userRating: 4 };
    expect(await db().kdb.asUser(p.id, (me) => me.appliances.uploadCookingLog(done))).toMatchObject({ applied: true, storedRevision: 5 });
    // a late upload of revision 4 (sent before 5, arrived after it) changes nothing
    expect(await db().kdb.asUser(p.id, (me) => me.appliances.uploadCookingLog({ ...first, revision: 4, status: 'paused' }))).toMatchObject({ applied: false, storedRevision: 5 });
    expect(await stored(first.id)).toEqual([{ status: 'completed', device_revision: 5, total_duration_s: 60, user_rating: 4, notes: null, user_id: p.id, stages: 2 }]);
    // the person rates in the app; a later device upload without a rating keeps it
    await db().kdb.asUser(p.id, (me) => me.appliances.rateSession(first.id, { rating: 2, notes: 'too salty' }));
    await db().kdb.asUser(p.id, (me) => me.appliances.uploadCookingLog({ ...done, revision: 6, userRating: null }));
    expect(await stored(first.id)).toMatchObject([{ device_revision: 6, user_rating: 2, notes: 'too salty' }]);
    // visible to the person as a session of their appliance
    expect(await db().kdb.asUser(p.id, (me) => me.appliances.getSession(first.id))).toMatchObject({ applianceId: appliance.id, status: 'completed', deviceRevision: 6 });
  });

  it('a device upload updates a session the app started with the same id (device-authoritative)', async () => {
    const { p, d, appliance } = await pairedPerson();
    const rid = await recipe();
    const s = await db().kdb.asUser(p.id, (me) => me.appliances.startSession({ applianceId: appliance.id, recipeId: rid, startedAt: new Date(Date.now() - 120_000) }));
    const r = await db().kdb.asUser(p.id, (me) => me.appliances.uploadCookingLog(log(d, rid, { id: s.id, revision: 0, status: 'aborted', startedAt: s.startedAt, completedAt: new Date() })));
    expect(r).toMatchObject({ applied: true, storedRevision: 0 });
    expect(await db().kdb.asUser(p.id, (me) => me.appliances.getSession(s.id))).toMatchObject({ status: 'aborted', deviceRevision: 0 });
  });

  it.skipIf(engine() === 'embedded')('concurrent uploads of one log leave one row holding the highest revision', async () => {
    const { p, d } = await pairedPerson();
    const rid = await recipe();
    const base = log(d, rid);
    // the same upload 8 times at once
    const same = await Promise.all(Array.from({ length: 8 }, () => db().kdb.asUser(p.id, (me) => me.appliances.uploadCookingLog(base))));
    expect(same.filter((r) => r.applied)).toHaveLength(1);
    expect(same.every((r) => r.storedRevision === 1)).toBe(true);
    // revisions 2..11 at once, in scrambled order
    const revisions = [7, 2, 11, 5, 9, 3, 10, 4, 8, 6];
    await Promise.all(
      revisions.map((revision) => db().kdb.asUser(p.id, (me) => me.appliances.uploadCookingLog({ ...base, revision, totalDurationS: revision * 10, notes: `rev ${revision}` }))),
    );
    expect(await stored(base.id)).toEqual([{ status: 'cooking', device_revision: 11, total_duration_s: 110, user_rating: null, notes: 'rev 11', user_id: p.id, stages: 1 }]);
    expect(await count(`select count(*) as n from app.cooking_sessions where id = $1`, [base.id])).toBe(1);
  });

  it('files a log only under the uploader\'s own pairings: never into a previous owner\'s history, never over their sessions (issue 14)', async () => {
    const { p: asha, d, appliance: ashaPairing } = await pairedPerson('OLDOWN');
    const rid = await recipe();
    // Asha cooked and uploaded one log; a second one she cooked was never uploaded.
    const ashas = log(d, rid, { startedAt: new Date(Date.now() - 10 * 60_000), notes: 'Asha' });
    await db().kdb.asUser(asha.id, (me) => me.appliances.uploadCookingLog(ashas));
    const cookedEarlier = new Date(Date.now() - 5_000);
    const ben = await createPerson(db().pool);
    await expect(db().kdb.asUser(ben.id, (me) => me.appliances.uploadCookingLog(log(d, rid)))).rejects.toMatchObject({
      name: 'ForbiddenError',
      field: 'deviceId',
      rule: 'appliances_current_pairing',
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await db().kdb.asUser(ben.id, (me) => me.appliances.pair({ ...d, pairingCode: 'OLDOWN' }));
    const ashaBefore = await db().pool.query(`select * from app.cooking_sessions where user_id = $1 order by id`, [asha.id]);
    // Uploaded by the device (now Ben's), dated inside Asha's pairing: refused, not filed under Asha.
    const outside = { name: 'ValidationError', field: 'startedAt', rule: 'cooking_sessions_pairing_period' };
    await expect(db().kdb.asUser(ben.id, (me) => me.appliances.uploadCookingLog(log(d, rid, { startedAt: cookedEarlier, notes: 'Ben writes' })))).rejects.toMatchObject(outside);
    // Dated before any pairing of the device: the same error (nothing tells Ben whether Asha's pairing covers a time).
    await expect(db().kdb.asUser(ben.id, (me) => me.appliances.uploadCookingLog(log(d, rid, { startedAt: '2020-01-01T00:00:00Z' })))).rejects.toMatchObject(outside);
    // Asha's session id with a higher revision: session ids are unique per person ((user_id, id),
    // issue 17), so it is a session of Ben's own; Asha's row is unchanged and nothing tells Ben it exists.
    expect(await db().kdb.asUser(ben.id, (me) => me.appliances.uploadCookingLog({ ...ashas, revision: 99, notes: 'Ben writes', startedAt: new Date() }))).toMatchObject({
      applied: true,
      filedUnderCaller: true,
    });
    expect(await stored(ashas.id)).toEqual(expect.arrayContaining([expect.objectContaining({ user_id: asha.id }), expect.objectContaining({ user_id: ben.id, notes: 'Ben writes' })]));
    expect((await db().pool.query(`select * from app.cooking_sessions where user_id = $1 order by id`, [asha.id])).rows).toEqual(ashaBefore.rows);
    // A new cook is Ben's.
    const fresh = log(d, rid, { startedAt: new Date(Date.now() + 1000) });
    expect(await db().kdb.asUser(ben.id, (me) => me.appliances.uploadCookingLog(fresh))).toMatchObject({ applied: true, filedUnderCaller: true });
    expect(await stored(fresh.id)).toMatchObject([{ user_id: ben.id }]);
    // Asha can no longer upload through it
    await expect(db().kdb.asUser(asha.id, (me) => me.appliances.uploadCookingLog(log(d, rid)))).rejects.toMatchObject({ name: 'ForbiddenError', field: 'deviceId' });
    expect(ashaPairing.id).toBeDefined();
    // another person's device reusing the id: Chen's own session (ids are unique per person), Ben's untouched
    const { p: chen, d: d2 } = await pairedPerson();
    expect(await db().kdb.asUser(chen.id, (me) => me.appliances.uploadCookingLog(log(d2, rid, { id: fresh.id, revision: 99 })))).toMatchObject({ applied: true });
    // another device of the same person reusing one of their session ids: refused
    const d3 = device();
    await db().kdb.asUser(ben.id, (me) => me.appliances.pair({ ...d3, pairingCode: 'SECOND' }));
    await db().pool.query(`update app.appliances set paired_at = now() - interval '1 hour' where device_id = $1`, [d3.deviceId]);
    await expect(db().kdb.asUser(ben.id, (me) => me.appliances.uploadCookingLog(log(d3, rid, { id: fresh.id, revision: 99 })))).rejects.toMatchObject({
      name: 'ConflictError',
      field: 'id',
      rule: 'cooking_sessions_pkey',
    });
    expect((await stored(fresh.id)).filter((r) => r.user_id === ben.id)).toMatchObject([{ user_id: ben.id, device_revision: 1 }]);
  });

  it('refuses bad uploads with typed errors and writes nothing', async () => {
    const { p, d } = await pairedPerson();
    const rid = await recipe();
    const bad: [Partial<CookingLogUpload> & Record<string, unknown>, string, string][] = [
      [{ id: 'abc' }, 'id', 'uuid'],
      [{ revision: -1 }, 'revision', 'range'],
      [{ revision: 1.5 }, 'revision', 'integer'],
      [{ revision: undefined }, 'revision', 'finite'],
      [{ status: 'burnt' as never }, 'status', 'enum'],
      [{ startedAt: 'soon' }, 'startedAt', 'timestamp'],
      [{ userRating: 0 }, 'userRating', 'range'],
      [{ stagesLog: [1] as never }, 'stagesLog[0]', 'object'],
      [{ customizations: [] as never }, 'customizations', 'object'],
      [{ totalDurationS: -1 }, 'totalDurationS', 'range'],
      [{ peakTemperature: Number.NaN }, 'peakTemperature', 'finite'],
      [{ deviceId: 'bad id' }, 'deviceId', 'format'],
    ];
    for (const [override, field, rule] of bad) {
      await expect(db().kdb.asUser(p.id, (me) => me.appliances.uploadCookingLog({ ...log(d, rid), ...override } as CookingLogUpload)), field).rejects.toMatchObject({ name: 'ValidationError', field, rule });
    }
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.uploadCookingLog(log(d, rid, { startedAt: new Date(Date.now() - 60_000), completedAt: new Date(Date.now() - 120_000) })))).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'completedAt',
    });
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.uploadCookingLog(log(d, randomUUID())))).rejects.toMatchObject({ name: 'NotFoundError', field: 'recipeId' });
    // a draft (never published): the same error as a missing one (issue 14)
    const draft = (
      await db().kdb.asAdmin((admin) => admin.recipes.create({ name: 'Draft Dal', category: 'dal', recipeData: { stages: [{ name: 'Heat Oil' }] }, difficulty: 'easy', timeMinutes: 35, isPublished: false }))
    ).id;
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.uploadCookingLog(log(d, draft)))).rejects.toMatchObject({ name: 'NotFoundError', field: 'recipeId', rule: 'published_recipe' });
    expect(await count(`select count(*) as n from app.cooking_sessions where user_id = $1`, [p.id])).toBe(0);
  });
});

describe('firmware', () => {
  const sha = 'a'.repeat(64);
  async function publish(target: 'cm5' | 'stm32', version: string, extra: Partial<FirmwareReleaseInput> = {}) {
    return db().kdb.asAdmin((admin) =>
      admin.appliances.publishFirmware({ target, version, binaryUrl: `https://fw.example/${target}-${version}.bin`, checksumSha256: sha, fileSizeBytes: 1024, ...extra }),
    );
  }
  const offer = async (target: 'cm5' | 'stm32', currentVersion: string, channel?: 'stable' | 'beta' | 'alpha') => {
    const p = await createPerson(db().pool);
    const o = await db().kdb.asUser(p.id, (me) => me.appliances.firmwareUpdate({ target, currentVersion, ...(channel ? { channel } : {}) }));
    return o && { version: o.release.version, mandatory: o.mandatory, newerNotApplicable: o.newerNotApplicable };
  };

  it('offers the newest release by semantic version (1.10.0 > 1.9.0), prereleases below their release', async () => {
    for (const v of ['1.2.0', '1.9.0', '1.10.0', '1.11.0-beta.2', '1.11.0-beta.11']) await publish('cm5', v, v.includes('beta') ? { channel: 'beta' } : {});
    expect(await offer('cm5', '1.2.0')).toEqual({ version: '1.10.0', mandatory: false, newerNotApplicable: 0 });
    expect(await offer('cm5', '1.9.0')).toEqual({ version: '1.10.0', mandatory: false, newerNotApplicable: 0 });
    expect(await offer('cm5', '1.10.0')).toBeNull(); // up to date on stable
    expect(await offer('cm5', '1.10.0', 'beta')).toMatchObject({ version: '1.11.0-beta.11' }); // 11 > 2 numerically
    expect(await offer('cm5', '1.11.0-beta.2', 'beta')).toMatchObject({ version: '1.11.0-beta.11' });
    expect(await offer('cm5', '1.11.0-beta.11', 'alpha')).toBeNull();
    await publish('cm5', '1.11.0');
    expect(await offer('cm5', '1.11.0-beta.11', 'beta')).toMatchObject({ version: '1.11.0' }); // the release outranks its prereleases
    expect(await offer('cm5', '1.11.0+build.7')).toBeNull(); // build metadata ignored
    expect(await offer('stm32', '0.0.1')).toBeNull(); // targets are separate
  });

  it('skips releases whose min_version the device does not meet, offering the newest applicable one; flags a mandatory release on the way', async () => {
    await publish('stm32', '2.0.0');
    await publish('stm32', '2.1.0', { isMandatory: true });
    await publish('stm32', '2.2.0');
    await publish('stm32', '3.0.0', { minVersion: '2.2.0' });
    await publish('stm32', '3.1.0', { minVersion: '3.0.0' });
    expect(await offer('stm32', '2.0.0')).toEqual({ version: '2.2.0', mandatory: true, newerNotApplicable: 2 }); // 2.1.0 is mandatory and superseded
    expect(await offer('stm32', '2.1.0')).toEqual({ version: '2.2.0', mandatory: false, newerNotApplicable: 2 });
    expect(await offer('stm32', '2.2.0')).toEqual({ version: '3.0.0', mandatory: false, newerNotApplicable: 1 });
    expect(await offer('stm32', '3.0.0')).toEqual({ version: '3.1.0', mandatory: false, newerNotApplicable: 0 });
    await publish('stm32', '3.2.0-alpha.1', { channel: 'alpha', isMandatory: true });
    expect(await offer('stm32', '3.1.0')).toBeNull(); // stable devices ignore alpha
    expect(await offer('stm32', '3.1.0', 'alpha')).toEqual({ version: '3.2.0-alpha.1', mandatory: true, newerNotApplicable: 0 });
  });

  it('refuses bad queries and bad releases with typed errors; a duplicate version is a conflict', async () => {
    const p = await createPerson(db().pool);
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.firmwareUpdate({ target: 'cm5', currentVersion: '1.9' }))).rejects.toMatchObject({ name: 'ValidationError', field: 'currentVersion', rule: 'semver' });
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.firmwareUpdate({ target: 'esp32' as never, currentVersion: '1.0.0' }))).rejects.toMatchObject({ field: 'target', rule: 'enum' });
    await expect(db().kdb.asUser(p.id, (me) => me.appliances.firmwareUpdate({ target: 'cm5', currentVersion: '1.0.0', channel: 'nightly' as never }))).rejects.toMatchObject({ field: 'channel' });
    const before = await count(`select count(*) as n from app.firmware_releases`);
    const bad: [Partial<FirmwareReleaseInput> & Record<string, unknown>, string, string][] = [
      [{ version: '1.0' }, 'version', 'semver'],
      [{ version: '1.0.0-beta.12345678901' }, 'version', 'length'],
      [{ checksumSha256: 'abc' }, 'checksumSha256', 'sha256'],
      [{ checksumSha256: 'g'.repeat(64) }, 'checksumSha256', 'sha256'],
      [{ fileSizeBytes: 0 }, 'fileSizeBytes', 'range'],
      [{ fileSizeBytes: 2 ** 31 }, 'fileSizeBytes', 'range'],
      [{ fileSizeBytes: 10.5 }, 'fileSizeBytes', 'integer'],
      [{ binaryUrl: 'http://fw.example/x.bin' }, 'binaryUrl', 'url'],
      [{ minVersion: 'latest' }, 'minVersion', 'semver'],
      [{ minVersion: '10.0.0' }, 'minVersion', 'firmware_releases_min_version_order_check'],
      [{ minVersion: '9.9.10' }, 'minVersion', 'firmware_releases_min_version_order_check'], // semver, not string order
      [{ channel: 'nightly' as never }, 'channel', 'enum'],
      [{ isMandatory: 'yes' as never }, 'isMandatory', 'type'],
      [{ releaseNotes: 'x'.repeat(100_001) }, 'releaseNotes', 'length'],
    ];
    for (const [override, field, rule] of bad) {
      await expect(publish('cm5', '9.9.9', override), field).rejects.toMatchObject({ name: 'ValidationError', field, rule });
    }
    expect(await count(`select count(*) as n from app.firmware_releases`)).toBe(before);
    const ok = await publish('cm5', '8.0.0', { checksumSha256: 'ABCDEF'.padEnd(64, '0'), releaseNotes: '## Fixes' });
    expect(ok).toMatchObject({ target: 'cm5', version: '8.0.0', channel: 'stable', checksumSha256: 'abcdef'.padEnd(64, '0'), isMandatory: false, minVersion: null, releaseNotes: '## Fixes' });
    await expect(publish('cm5', '8.0.0')).rejects.toMatchObject({ name: 'ConflictError', field: 'version' });
    expect((await db().kdb.asAdmin((admin) => admin.appliances.listFirmware('cm5')))[0]).toEqual(ok);
    // people cannot publish: neither the API nor the grants let them
    expect((await db().kdb.asUser(p.id, async (me) => Object.keys(me.appliances))).includes('publishFirmware')).toBe(false);
    await expect(db().asUser(p.id, (c) => c.query(`insert into app.firmware_releases (target, version, binary_url, checksum_sha256, file_size_bytes) values ('cm5', '99.0.0', 'https://x/y', $1, 1)`, [sha]))).rejects.toMatchObject({ name: 'ForbiddenError' });
  });
});
