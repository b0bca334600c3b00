// accounts use cases through the public API: sign-in upsert, profile, preferences (last-write-wins),
// goals, push tokens — happy paths, edges and bad input (typed errors, nothing written).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signIn } from '../src/areas/accounts.ts';
import { engine, useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';

const db = useTestDatabase();

async function authUser(name: string | null, email: string): Promise<string> {
  const id = `auth_${randomUUID()}`;
  await db().pool.query(`insert into auth."user" (id, name, email, "emailVerified") values ($1, $2, $3, true)`, [id, name ?? '', email]);
  return id;
}

const count = async (sql: string, params: unknown[] = []) => Number((await db().pool.query(sql, params)).rows[0].n);

/** Today's date in a time zone, as 'YYYY-MM-DD'. */
const todayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());

describe('sign-in upsert', () => {
  it('creates the person on first sign-in and returns the same person afterwards', async () => {
    const email = `asha.${randomUUID().slice(0, 8)}@example.test`;
    const authId = await authUser('Asha Rao', email);
    const first = await signIn(db().kdb, { authId, email, timeZone: 'Asia/Kolkata' });
    expect(first).toMatchObject({ created: true, isActive: true });
    const again = await signIn(db().kdb, { authId, email: email.toUpperCase(), name: 'Ignored On Return' });
    expect(again).toEqual({ userId: first.userId, created: false, isActive: true });
    const profile = await db().kdb.asUser(first.userId, (me) => me.accounts.getProfile());
    expect(profile).toMatchObject({ id: first.userId, authId, email, name: 'Asha Rao', timeZone: 'Asia/Kolkata', tier: 'free', role: 'user' });
  });

  it('cuts a long Better-Auth name to 100 characters and falls back to the e-mail for a blank one', async () => {
    const long = 'N'.repeat(150);
    const e1 = `long.${randomUUID().slice(0, 8)}@example.test`;
    const a = await signIn(db().kdb, { authId: await authUser(long, e1), email: e1 });
    const e2 = `blank.${randomUUID().slice(0, 8)}@example.test`;
    const b = await signIn(db().kdb, { authId: await authUser('   ', e2), email: e2, name: '  ' });
    const names = await db().pool.query(`select id, name from app.users where id = any($1)`, [[a.userId, b.userId]]);
    const byId = Object.fromEntries(names.rows.map((r) => [r.id, r.name]));
    expect(byId[a.userId]).toBe('N'.repeat(100));
    expect(byId[b.userId]).toBe(e2.split('@')[0]);
  });

  it('follows an e-mail change made in Better-Auth', async () => {
    const email = `old.${randomUUID().slice(0, 8)}@example.test`;
    const authId = await authUser('Mover', email);
    const { userId } = await signIn(db().kdb, { authId, email });
    const next = `new.${randomUUID().slice(0, 8)}@example.test`;
    await db().pool.query(`update auth."user" set email = $2 where id = $1`, [authId, next]);
    await signIn(db().kdb, { authId, email: next });
    expect((await db().pool.query(`select email from app.users where id = $1`, [userId])).rows[0].email).toBe(next);
  });

  it('refuses an unknown identity, a mismatching e-mail and a bad time zone, writing nothing', async () => {
    const before = await count(`select count(*) as n from app.users`);
    await expect(signIn(db().kdb, { authId: 'no-such-auth-user', email: 'x@example.test' })).rejects.toMatchObject({
      name: 'NotFoundError',
      field: 'authId',
    });
    const email = `m.${randomUUID().slice(0, 8)}@example.test`;
    const authId = await authUser('M', email);
    await expect(signIn(db().kdb, { authId, email: 'someone.else@example.test' })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'email',
      rule: 'users_email_sign_in_check',
    });
    await expect(signIn(db().kdb, { authId, email, timeZone: 'IST' })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'timeZone',
      rule: 'users_time_zone_check',
    });
    await expect(signIn(db().kdb, { authId, email: 'x'.repeat(1_000_000) })).rejects.toMatchObject({ name: 'ValidationError', field: 'email', rule: 'length' });
    expect(await count(`select count(*) as n from app.users`)).toBe(before);
  });

  it('reports a deactivated account', async () => {
    const email = `off.${randomUUID().slice(0, 8)}@example.test`;
    const authId = await authUser('Off', email);
    const { userId } = await signIn(db().kdb, { authId, email });
    await db().pool.query(`update app.users set is_active = false where id = $1`, [userId]);
    expect(await signIn(db().kdb, { authId, email })).toEqual({ userId, created: false, isActive: false });
  });

  it.skipIf(engine() === 'embedded')('concurrent first sign-ins of one identity create one person (needs two transactions at once)', async () => {
    const email = `race.${randomUUID().slice(0, 8)}@example.test`;
    const authId = await authUser('Race', email);
    const results = await Promise.all(Array.from({ length: 4 }, () => signIn(db().kdb, { authId, email })));
    expect(new Set(results.map((r) => r.userId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await count(`select count(*) as n from app.users where auth_id = $1`, [authId])).toBe(1);
  });
});

describe('profile', () => {
  it('reads and updates name and time zone; other people are unaffected', async () => {
    const p = await createPerson(db().pool);
    const other = await createPerson(db().pool);
    const updated = await db().kdb.asUser(p.id, (me) => me.accounts.updateProfile({ name: '  Ravi K  ', timeZone: 'America/Los_Angeles' }));
    expect(updated).toMatchObject({ id: p.id, name: 'Ravi K', timeZone: 'America/Los_Angeles' });
    const onlyZone = await db().kdb.asUser(p.id, (me) => me.accounts.updateProfile({ timeZone: 'UTC' }));
    expect(onlyZone).toMatchObject({ name: 'Ravi K', timeZone: 'UTC' });
    expect(await db().kdb.asUser(other.id, (me) => me.accounts.getProfile())).toMatchObject({ id: other.id, name: other.name });
  });

  it('refuses bad input with typed errors and changes nothing', async () => {
    const p = await createPerson(db().pool);
    await expect(db().kdb.asUser(p.id, (me) => me.accounts.updateProfile({ timeZone: 'IST' }))).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'timeZone',
      rule: 'users_time_zone_check',
    });
    await expect(db().kdb.asUser(p.id, (me) => me.accounts.updateProfile({ name: 'x'.repeat(1_000_000) }))).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'name',
      rule: 'length',
    });
    await expect(db().kdb.asUser(p.id, (me) => me.accounts.updateProfile({ name: '   ' }))).rejects.toMatchObject({ field: 'name', rule: 'length' });
    await expect(db().kdb.asUser(p.id, (me) => me.accounts.updateProfile({ email: 'a@b.test' } as never))).rejects.toMatchObject({
      field: 'email',
      rule: 'unknown_field',
    });
    expect(await db().kdb.asUser(p.id, (me) => me.accounts.getProfile())).toMatchObject({ name: p.name, timeZone: 'UTC' });
  });

  it('says NotFound for a person id without a row', async () => {
    await expect(db().kdb.asUser(randomUUID(), (me) => me.accounts.getProfile())).rejects.toMatchObject({ name: 'NotFoundError', field: 'userId' });
  });
});

describe('preferences (last-write-wins)', () => {
  it('is null before the first write; a write creates the row with defaults for absent fields', async () => {
    const p = await createPerson(db().pool);
    expect(await db().kdb.asUser(p.id, (me) => me.accounts.getPreferences())).toBeNull();
    const w = await db().kdb.asUser(p.id, (me) =>
      me.accounts.updatePreferences({ changes: { spiceLevel: 5, cuisines: ['indian', 'thai'] }, clientUpdatedAt: '2026-03-01T10:00:00Z' }),
    );
    expect(w.applied).toBe(true);
    expect(w.current).toMatchObject({ spiceLevel: 5, saltLevel: 3, cuisines: ['indian', 'thai'], diet: 'no_restrictions', theme: 'light' });
    expect(w.current.clientUpdatedAt?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });

  it('ignores an older (or equally old) write and says so, returning what is stored', async () => {
    const p = await createPerson(db().pool);
    const write = (changes: object, at: string) =>
      db().kdb.asUser(p.id, (me) => me.accounts.updatePreferences({ changes, clientUpdatedAt: at }));
    await write({ theme: 'dark', spiceLevel: 2 }, '2026-03-01T10:00:00.000Z');
    const older = await write({ theme: 'light' }, '2026-03-01T09:59:59.999Z');
    expect(older.applied).toBe(false);
    expect(older.current).toMatchObject({ theme: 'dark', spiceLevel: 2 });
    const same = await write({ theme: 'light' }, '2026-03-01T10:00:00.000Z');
    expect(same.applied).toBe(false);
    const newer = await write({ theme: 'light', allergens: ['peanut'] }, '2026-03-01T10:00:00.001Z');
    expect(newer).toMatchObject({ applied: true, current: { theme: 'light', spiceLevel: 2, allergens: ['peanut'] } });
    // null means "back to the default"
    const reset = await write({ spiceLevel: null }, '2026-03-02T00:00:00Z');
    expect(reset.current.spiceLevel).toBeNull();
    expect(await db().kdb.asUser(p.id, (me) => me.accounts.getPreferences())).toMatchObject({ theme: 'light', spiceLevel: null });
  });

  it('refuses out-of-range levels, unknown enums, unknown fields and bad clocks; nothing written', async () => {
    const p = await createPerson(db().pool);
    const bad = async (changes: object, field: string, rule: string, at: unknown = '2026-01-01T00:00:00Z') =>
      expect(
        db().kdb.asUser(p.id, (me) => me.accounts.updatePreferences({ changes: changes as never, clientUpdatedAt: at as never })),
      ).rejects.toMatchObject({ name: 'ValidationError', field, rule });
    await bad({ spiceLevel: 6 }, 'spiceLevel', 'range');
    await bad({ saltLevel: 2.5 }, 'saltLevel', 'integer');
    await bad({ oilLevel: Number.NaN }, 'oilLevel', 'finite');
    await bad({ defaultServings: 5 }, 'defaultServings', 'range');
    await bad({ diet: 'carnivore' }, 'diet', 'enum');
    await bad({ theme: 'blue' }, 'theme', 'enum');
    await bad({ language: 'english' }, 'language', 'format');
    await bad({ cuisines: ['ok', 'x'.repeat(1_000_000)] }, 'cuisines[1]', 'length');
    await bad({ lastSyncAt: new Date() }, 'lastSyncAt', 'unknown_field');
    await bad({ theme: 'dark' }, 'clientUpdatedAt', 'timestamp', 'yesterday');
    await bad({ theme: 'dark' }, 'clientUpdatedAt', 'future', new Date(Date.now() + 7 * 86_400_000));
    expect(await count(`select count(*) as n from app.user_preferences where user_id = $1`, [p.id])).toBe(0);
  });
});

describe('goals', () => {
  it('sets the active goal, keeps the previous one as history, defaults startsOn to today in the person\'s zone', async () => {
    const p = await createPerson(db().pool, { timeZone: 'Asia/Kolkata' });
    expect(await db().kdb.asUser(p.id, (me) => me.accounts.getActiveGoal())).toBeNull();
    const first = await db().kdb.asUser(p.id, (me) =>
      me.accounts.setGoal({ goalType: 'lose_weight', targetCalories: 1800, targetProteinG: 90.5, targetWeightKg: 70 }),
    );
    expect(first).toMatchObject({ goalType: 'lose_weight', targetCalories: 1800, targetProteinG: 90.5, targetWeightKg: 70, isActive: true, endsOn: null });
    expect(first.startsOn).toBe(todayIn('Asia/Kolkata'));
    const second = await db().kdb.asUser(p.id, (me) =>
      me.accounts.setGoal({ goalType: 'build_muscle', targetCalories: 2600, startsOn: '2026-04-01', endsOn: '2026-06-30' }),
    );
    expect(await db().kdb.asUser(p.id, (me) => me.accounts.getActiveGoal())).toEqual(second);
    const history = await db().pool.query(`select id, is_active from app.user_goals where user_id = $1 order by created_at`, [p.id]);
    expect(history.rows).toEqual([
      { id: first.id, is_active: false },
      { id: second.id, is_active: true },
    ]);
  });

  it('refuses bad goals and keeps the active one', async () => {
    const p = await createPerson(db().pool);
    const active = await db().kdb.asUser(p.id, (me) => me.accounts.setGoal({ goalType: 'maintain', targetCalories: 2000 }));
    const bad = (input: object, field: string, rule: string) =>
      expect(db().kdb.asUser(p.id, (me) => me.accounts.setGoal(input as never))).rejects.toMatchObject({ name: 'ValidationError', field, rule });
    await bad({ goalType: 'bulk', targetCalories: 2000 }, 'goalType', 'enum');
    await bad({ goalType: 'maintain', targetCalories: 400 }, 'targetCalories', 'range');
    await bad({ goalType: 'maintain', targetCalories: 2000, targetProteinG: -1 }, 'targetProteinG', 'range');
    await bad({ goalType: 'maintain', targetCalories: 2000, targetFatG: Infinity }, 'targetFatG', 'finite');
    await bad({ goalType: 'maintain', targetCalories: 2000, startsOn: '2026-02-30' }, 'startsOn', 'date');
    await bad({ goalType: 'maintain', targetCalories: 2000, startsOn: '2026-05-01', endsOn: '2026-04-01' }, 'endsOn', 'user_goals_period_check');
    expect(await db().kdb.asUser(p.id, (me) => me.accounts.getActiveGoal())).toEqual(active);
    expect(await count(`select count(*) as n from app.user_goals where user_id = $1`, [p.id])).toBe(1);
  });

  it.skipIf(engine() === 'embedded')('concurrent goal changes leave exactly one active goal (needs two transactions at once)', async () => {
    const p = await createPerson(db().pool);
    await Promise.all(
      [1800, 1900, 2000, 2100].map((kcal) => db().kdb.asUser(p.id, (me) => me.accounts.setGoal({ goalType: 'maintain', targetCalories: kcal }))),
    );
    expect(await count(`select count(*) as n from app.user_goals where user_id = $1 and is_active`, [p.id])).toBe(1);
    expect(await count(`select count(*) as n from app.user_goals where user_id = $1`, [p.id])).toBe(4);
  });
});

describe('push tokens', () => {
  it('registers, refreshes, moves to a new person, rotates and removes', async () => {
    const a = await createPerson(db().pool);
    const b = await createPerson(db().pool);
    const token = `fcm-${randomUUID()}`;
    const reg = await db().kdb.asUser(a.id, (me) => me.accounts.registerPushToken({ platform: 'android', token }));
    expect(reg).toMatchObject({ platform: 'android', token, movedFromOther: false });
    const refreshed = await db().kdb.asUser(a.id, (me) => me.accounts.registerPushToken({ platform: 'android', token }));
    expect(refreshed).toMatchObject({ id: reg.id, movedFromOther: false });
    expect(refreshed.updatedAt.getTime()).toBeGreaterThan(reg.updatedAt.getTime());

    // The phone changes hands: b registers the same token, it moves to b.
    const moved = await db().kdb.asUser(b.id, (me) => me.accounts.registerPushToken({ platform: 'ios', token }));
    expect(moved).toMatchObject({ id: reg.id, platform: 'ios', movedFromOther: true });
    expect(await db().kdb.asUser(a.id, (me) => me.accounts.listPushTokens())).toEqual([]);
    expect((await db().kdb.asUser(b.id, (me) => me.accounts.listPushTokens())).map((t) => t.token)).toEqual([token]);

    // a cannot remove b's token.
    expect(await db().kdb.asUser(a.id, (me) => me.accounts.removePushToken({ token }))).toEqual({ removed: false });
    // Rotation: the old token goes, the new one arrives.
    const next = `fcm-${randomUUID()}`;
    await db().kdb.asUser(b.id, (me) => me.accounts.refreshPushToken({ oldToken: token, newToken: next, platform: 'ios' }));
    expect((await db().kdb.asUser(b.id, (me) => me.accounts.listPushTokens())).map((t) => t.token)).toEqual([next]);
    expect(await db().kdb.asUser(b.id, (me) => me.accounts.removePushToken({ token: next }))).toEqual({ removed: true });
    expect(await count(`select count(*) as n from app.push_tokens where user_id in ($1, $2)`, [a.id, b.id])).toBe(0);
  });

  it('refuses unknown platforms and empty or huge tokens', async () => {
    const p = await createPerson(db().pool);
    const bad = (input: object, field: string, rule: string) =>
      expect(db().kdb.asUser(p.id, (me) => me.accounts.registerPushToken(input as never))).rejects.toMatchObject({ name: 'ValidationError', field, rule });
    await bad({ platform: 'windows', token: 't' }, 'platform', 'enum');
    await bad({ platform: 'ios', token: '' }, 'token', 'length');
    await bad({ platform: 'ios', token: 'x'.repeat(1_000_000) }, 'token', 'length');
    expect(await count(`select count(*) as n from app.push_tokens where user_id = $1`, [p.id])).toBe(0);
  });
});
