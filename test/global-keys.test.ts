// Issue 17: the global keys (e-mail, push token, device id, serial number) are the primary keys of
// lookup tables (app.person_emails, app.push_token_owners, app.appliance_devices,
// app.appliance_serials; migrations 000120-000123), not unique indexes of the person tables (Citus
// cannot keep those). The rule must hold under concurrency: each test holds a first transaction open
// after it wrote a key, starts a second one writing the same key through the access layer, waits
// until that one is blocked on a lock (it must queue on the lookup row, not slip past it), commits
// the first, and checks what the second got. Also: who may read the lookup tables.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signIn } from '../src/areas/accounts.ts';
import { asWorker, withTransaction, withUser } from '../src/db/context.ts';
import { engine, useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';

const db = useTestDatabase();

async function authUser(email: string): Promise<string> {
  const id = `auth_${randomUUID()}`;
  await db().pool.query(`insert into auth."user" (id, name, email, "emailVerified") values ($1, 'Race', $2, true)`, [id, email]);
  return id;
}

/** Resolves once some session of this database waits for a lock (the second transaction queued). */
async function someoneWaits(): Promise<void> {
  for (;;) {
    const { rows } = await db().pool.query(
      `select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`,
    );
    if (rows[0].n > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Runs `first` in a transaction that stays open until `second` (started meanwhile) waits for a
 * lock; then commits it and returns what `second` settled to.
 */
async function race<T>(first: (c: import('../src/db/context.ts').DbClient) => Promise<unknown>, firstUser: string | undefined, second: () => Promise<T>): Promise<PromiseSettledResult<T>> {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let wrote!: () => void;
  const written = new Promise<void>((resolve) => (wrote = resolve));
  const one = withTransaction(db().pool, { role: 'app_user', ...(firstUser ? { userId: firstUser } : {}), retries: 0 }, async (c) => {
    await first(c);
    wrote();
    await gate;
  });
  await written;
  const two = second().then(
    (value) => ({ status: 'fulfilled', value }) as const,
    (reason: unknown) => ({ status: 'rejected', reason }) as const,
  );
  await someoneWaits();
  release();
  await one;
  return two;
}

const count = async (sql: string, params: unknown[] = []) => Number((await db().pool.query(sql, params)).rows[0].n);

describe.skipIf(engine() === 'embedded')('global keys under concurrency (two transactions at once)', () => {
  it('the same e-mail (another case) signed in by two identities at once: the second gets a ConflictError on email', async () => {
    const tag = randomUUID().slice(0, 8);
    // Better-Auth's own unique key is case-sensitive; kitchen-db's e-mail is not (citext).
    const [a, b] = [await authUser(`Race.${tag}@example.test`), await authUser(`race.${tag}@example.test`)];
    const second = await race(
      (c) => c.query(`select * from app.sign_in_person($1, $2)`, [a, `Race.${tag}@example.test`]),
      undefined,
      () => signIn(db().kdb, { authId: b, email: `race.${tag}@example.test` }),
    );
    expect(second).toMatchObject({ status: 'rejected', reason: { name: 'ConflictError', field: 'email', rule: 'person_emails_pkey' } });
    expect(await count(`select count(*) as n from app.users where email = $1::citext`, [`RACE.${tag}@example.test`])).toBe(1);
    expect(await count(`select count(*) as n from app.users where auth_id = $1`, [b])).toBe(0);
    expect(await count(`select count(*) as n from app.person_auth_ids where auth_id = $1`, [b])).toBe(0);
  });

  it('the same push token registered by two people at once: it ends with the second, once', async () => {
    const [a, b] = [await createPerson(db().pool), await createPerson(db().pool)];
    const token = `fcm-race-${randomUUID()}`;
    const second = await race(
      (c) => c.query(`select * from app.register_push_token('android', $1)`, [token]),
      a.id,
      () => db().kdb.asUser(b.id, (me) => me.accounts.registerPushToken({ platform: 'ios', token })),
    );
    expect(second).toMatchObject({ status: 'fulfilled', value: { token, platform: 'ios', movedFromOther: true } });
    const { rows } = await db().pool.query(`select user_id from app.push_tokens where token = $1`, [token]);
    expect(rows).toEqual([{ user_id: b.id }]);
    const { rows: owners } = await db().pool.query(`select o.user_id, o.push_token_id = t.id as same from app.push_token_owners o join app.push_tokens t on sha256(convert_to(t.token, 'UTF8')) = o.token_sha256 where o.token_sha256 = sha256(convert_to($1, 'UTF8'))`, [token]);
    expect(owners).toEqual([{ user_id: b.id, same: true }]);
  });

  it('the same new device paired by two people at once: the second must know the first one\'s code', async () => {
    const [a, b] = [await createPerson(db().pool), await createPerson(db().pool)];
    const n = randomUUID().slice(0, 8).toUpperCase();
    const d = { deviceId: `EPIC-R${n}`, serialNumber: `SN-R${n}` };
    const second = await race(
      (c) => c.query(`select * from app.pair_appliance($1, $2, 'AAAAAA')`, [d.deviceId, d.serialNumber]),
      a.id,
      () => db().kdb.asUser(b.id, (me) => me.appliances.pair({ ...d, pairingCode: 'BBBBBB' })),
    );
    expect(second).toMatchObject({ status: 'rejected', reason: { name: 'ForbiddenError', field: 'pairingCode', rule: 'appliances_pairing_code_match' } });
    expect(await count(`select count(*) as n from app.appliances where device_id = $1 and unpaired_at is null`, [d.deviceId])).toBe(1);
    const { rows } = await db().pool.query(`select user_id from app.appliance_devices where device_id = $1`, [d.deviceId]);
    expect(rows).toEqual([{ user_id: a.id }]);
  });

  it('one serial number paired under two device ids at once: the second gets a ConflictError on serialNumber', async () => {
    const [a, b] = [await createPerson(db().pool), await createPerson(db().pool)];
    const n = randomUUID().slice(0, 8).toUpperCase();
    const serial = `SN-S${n}`;
    const second = await race(
      (c) => c.query(`select * from app.pair_appliance($1, $2, 'AAAAAA')`, [`EPIC-S1${n}`, serial]),
      a.id,
      () => db().kdb.asUser(b.id, (me) => me.appliances.pair({ deviceId: `EPIC-S2${n}`, serialNumber: serial, pairingCode: 'BBBBBB' })),
    );
    expect(second).toMatchObject({ status: 'rejected', reason: { name: 'ConflictError', field: 'serialNumber', rule: 'appliance_serials_pkey' } });
    expect(await count(`select count(*) as n from app.appliances where serial_number = $1 and unpaired_at is null`, [serial])).toBe(1);
  });
});

describe('who may touch the lookup tables', () => {
  const TABLES = ['app.person_emails', 'app.person_auth_ids', 'app.push_token_owners', 'app.appliance_devices', 'app.appliance_serials'];

  it('app_user can neither read nor write them, even their own rows (no enumeration of e-mails or tokens)', async () => {
    const p = await createPerson(db().pool);
    for (const t of TABLES) {
      await expect(withUser(db().pool, p.id, (c) => c.query(`select count(*) from ${t}`)), t).rejects.toMatchObject({ name: 'ForbiddenError' });
      await expect(withUser(db().pool, p.id, (c) => c.query(`delete from ${t} where user_id = $1`, [p.id])), t).rejects.toMatchObject({ name: 'ForbiddenError' });
    }
  });

  it('the writers keep them in step: unpairing and removing a token release the keys; a released device pairs again', async () => {
    const [a, b] = [await createPerson(db().pool), await createPerson(db().pool)];
    const n = randomUUID().slice(0, 8).toUpperCase();
    const d = { deviceId: `EPIC-U${n}`, serialNumber: `SN-U${n}` };
    const paired = await db().kdb.asUser(a.id, (me) => me.appliances.pair({ ...d, pairingCode: 'AAAAAA' }));
    expect(await count(`select count(*) as n from app.appliance_devices where device_id = $1 and appliance_id = $2`, [d.deviceId, paired.id])).toBe(1);
    await db().kdb.asUser(a.id, (me) => me.appliances.unpair(paired.id));
    expect(await count(`select count(*) as n from app.appliance_devices where device_id = $1`, [d.deviceId])).toBe(0);
    expect(await count(`select count(*) as n from app.appliance_serials where serial_number = $1`, [d.serialNumber])).toBe(0);
    // Not paired any more: anyone pairs it with any code (first pairing), and it owns the keys.
    const again = await db().kdb.asUser(b.id, (me) => me.appliances.pair({ ...d, pairingCode: 'BBBBBB' }));
    const { rows } = await db().pool.query(`select user_id, appliance_id from app.appliance_serials where serial_number = $1`, [d.serialNumber]);
    expect(rows).toEqual([{ user_id: b.id, appliance_id: again.id }]);

    const token = `fcm-${randomUUID()}`;
    await db().kdb.asUser(a.id, (me) => me.accounts.registerPushToken({ platform: 'android', token }));
    expect(await db().kdb.asUser(b.id, (me) => me.accounts.removePushToken({ token }))).toEqual({ removed: false });
    expect(await count(`select count(*) as n from app.push_token_owners where token_sha256 = sha256(convert_to($1, 'UTF8')) and user_id = $2`, [token, a.id])).toBe(1);
    expect(await db().kdb.asUser(a.id, (me) => me.accounts.removePushToken({ token }))).toEqual({ removed: true });
    expect(await count(`select count(*) as n from app.push_token_owners where token_sha256 = sha256(convert_to($1, 'UTF8'))`, [token])).toBe(0);
  });

  it('the stale-token sweep (app_worker) deletes the tokens\' lookup rows with them, and only theirs', async () => {
    const a = await createPerson(db().pool);
    const [old, fresh] = [`fcm-old-${randomUUID()}`, `fcm-fresh-${randomUUID()}`];
    for (const token of [old, fresh]) await db().kdb.asUser(a.id, (me) => me.accounts.registerPushToken({ platform: 'android', token }));
    // Age one token (session_replication_role = replica: the set_updated_at trigger would stamp now()).
    const c = await db().pool.connect();
    try {
      await c.query('begin');
      await c.query('set local session_replication_role = replica');
      await c.query(`update app.push_tokens set updated_at = now() - interval '90 days' where token = $1`, [old]);
      await c.query('commit');
    } finally {
      c.release();
    }
    const swept = await asWorker(db().pool, async (w) => (await w.query(`select app.delete_stale_push_tokens(interval '60 days') as n`)).rows[0].n);
    expect(swept).toBeGreaterThanOrEqual(1);
    const key = `sha256(convert_to($1, 'UTF8'))`;
    expect(await count(`select count(*) as n from app.push_token_owners where token_sha256 = ${key}`, [old])).toBe(0);
    expect(await count(`select count(*) as n from app.push_token_owners where token_sha256 = ${key}`, [fresh])).toBe(1);
    expect(await count(`select count(*) as n from app.push_tokens where token = $1`, [old])).toBe(0);
  });

  it('an e-mail changed in Better-Auth moves the person\'s lookup row; an e-mail someone else holds is refused', async () => {
    const tag = randomUUID().slice(0, 8);
    const a = await authUser(`first.${tag}@example.test`);
    const { userId } = await signIn(db().kdb, { authId: a, email: `first.${tag}@example.test` });
    const other = await createPerson(db().pool);
    await db().pool.query(`update auth."user" set email = $2 where id = $1`, [a, `second.${tag}@example.test`]);
    await signIn(db().kdb, { authId: a, email: `second.${tag}@example.test` });
    const { rows } = await db().pool.query(`select email::text from app.person_emails where user_id = $1`, [userId]);
    expect(rows).toEqual([{ email: `second.${tag}@example.test` }]);
    await db().pool.query(`update auth."user" set email = $2 where id = $1`, [a, other.email.toUpperCase()]);
    await expect(signIn(db().kdb, { authId: a, email: other.email.toUpperCase() })).rejects.toMatchObject({ name: 'ConflictError', field: 'email' });
    expect((await db().pool.query(`select email::text from app.users where id = $1`, [userId])).rows).toEqual([{ email: `second.${tag}@example.test` }]);
  });
});
