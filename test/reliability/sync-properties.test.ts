// Property-based tests of the sync protocols (issue 11), with fast-check:
// - recipe sync: any interleaving of admin edits, deletes, unpublish/republish and re-creation with
//   device syncs, the device applying each answer exactly as the CM5 does (full sync: replace;
//   incremental: upsert `recipes`, remove `deletedIds`, keep `serverTime` as the next `since`),
//   converges the device's copy to the server's published set — after every sync when the steps
//   run one after the other, and after a final sync when admin writes and syncs run concurrently;
// - cooking-log upload: any arrival order of duplicate uploads of one log's revisions leaves one row
//   with the data of the highest revision (sequentially, and all at once);
// - preferences last-write-wins: any arrival order of whole-object writes converges to the write
//   with the newest client timestamp (sequentially, and all at once).
// Both engines (the concurrent variants need two transactions at once: native only).
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionStatus } from '../../src/areas/appliances/appliances.ts';
import type { Diet, PreferenceChanges, Theme } from '../../src/areas/accounts.ts';
import type { Recipe, RecipeData } from '../../src/areas/recipes.ts';
import { engine, useTestDatabase } from '../support/db.ts';
import { createPerson, type Person } from '../support/fixtures.ts';

const db = useTestDatabase();
const embedded = () => engine() === 'embedded';
/** Runs per property: bounded so the file stays within its time budget on both engines. */
const RUNS = { sequential: embedded() ? 25 : 50, concurrent: 25 };
const SEED = process.env.KITCHEN_DB_PROPERTY_SEED ? Number(process.env.KITCHEN_DB_PROPERTY_SEED) : undefined;
const params = (numRuns: number) => ({ numRuns, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: true });

const stages = (label: string): RecipeData => ({ stages: [{ name: `Simmer ${label}`, temp_target: 95, duration_seconds: 600 }] });

// ---------------------------------------------------------------------------------------------
// Recipe sync
// ---------------------------------------------------------------------------------------------

type RecipeOp =
  | { kind: 'create'; published: boolean }
  | { kind: 'edit'; i: number }
  | { kind: 'delete'; i: number }
  | { kind: 'unpublish'; i: number }
  | { kind: 'publish'; i: number }
  | { kind: 'recreate'; i: number }
  | { kind: 'sync' };

const recipeOp: fc.Arbitrary<RecipeOp> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('create' as const), published: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('edit' as const), i: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), i: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unpublish' as const), i: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('publish' as const), i: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('recreate' as const), i: fc.nat(20) }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'sync' as const }) },
);

/** The CM5's copy of the catalogue: recipe id → (version, name), and the `since` of its next sync. */
class Device {
  readonly recipes = new Map<string, { version: number; name: string }>();
  since: Date | null = null;
  readonly person: Person;
  readonly log: string[];
  constructor(person: Person, log: string[] = []) {
    this.person = person;
    this.log = log;
  }

  async sync(): Promise<void> {
    const res = await db().kdb.asUser(this.person.id, (me) => me.recipes.sync({ since: this.since }));
    if (res.full) this.recipes.clear();
    for (const r of res.recipes as Recipe[]) this.recipes.set(r.id, { version: r.version, name: r.name });
    for (const id of res.deletedIds) this.recipes.delete(id);
    this.log.push(`sync since ${this.since?.toISOString() ?? 'null'}: ${res.recipes.length} changed, ${res.deletedIds.length} deleted, serverTime ${res.serverTime.toISOString()}`);
    this.since = res.serverTime;
  }

  snapshot(): Record<string, { version: number; name: string }> {
    return Object.fromEntries([...this.recipes].sort(([a], [b]) => a.localeCompare(b)));
  }
}

/** What the server publishes now (read as the superuser). */
async function serverPublished(): Promise<Record<string, { version: number; name: string }>> {
  const { rows } = await db().pool.query<{ id: string; version: number; name: string }>(
    `select id, version, name from app.recipes where is_published order by id`,
  );
  return Object.fromEntries(rows.sort((a, b) => a.id.localeCompare(b.id)).map((r) => [r.id, { version: r.version, name: r.name }]));
}

/** The admin side of a run: recipes created in this run (live ones, and deleted ones that may be re-created). */
class Admin {
  live: string[] = [];
  deleted: string[] = [];
  private n = 0;
  readonly log: string[];
  constructor(log: string[]) {
    this.log = log;
  }

  private pick(list: string[], i: number): string | undefined {
    return list.length === 0 ? undefined : list[i % list.length];
  }

  async apply(op: Exclude<RecipeOp, { kind: 'sync' }>): Promise<void> {
    const kdb = db().kdb;
    const label = `${++this.n}`;
    switch (op.kind) {
      case 'create': {
        const r = await kdb.asAdmin((a) => a.recipes.create({ name: `Prop Dal ${randomUUID().slice(0, 8)}`, category: 'dal', recipeData: stages(label), difficulty: 'easy', timeMinutes: 20, isPublished: op.published }));
        this.live.push(r.id);
        this.log.push(`create ${r.id} published=${op.published}`);
        return;
      }
      case 'recreate': {
        const id = this.pick(this.deleted, op.i);
        if (!id) return;
        await kdb.asAdmin((a) => a.recipes.create({ id, name: `Prop Dal again ${label}`, category: 'dal', recipeData: stages(label), difficulty: 'easy', timeMinutes: 20, isPublished: true }));
        this.deleted = this.deleted.filter((d) => d !== id);
        this.live.push(id);
        this.log.push(`recreate ${id}`);
        return;
      }
    }
    const id = this.pick(this.live, op.i);
    if (!id) return;
    this.log.push(`${op.kind} ${id}`);
    switch (op.kind) {
      case 'edit':
        await kdb.asAdmin((a) => a.recipes.update(id, { name: `Prop Dal edit ${label} ${id.slice(0, 4)}`, recipeData: stages(label) }));
        return;
      case 'unpublish':
        await kdb.asAdmin((a) => a.recipes.unpublish(id));
        return;
      case 'publish':
        await kdb.asAdmin((a) => a.recipes.publish(id));
        return;
      case 'delete':
        await kdb.asAdmin((a) => a.recipes.delete(id));
        this.live = this.live.filter((l) => l !== id);
        this.deleted.push(id);
        return;
    }
  }
}

describe('recipe sync converges the device copy to the published set', () => {
  let person: Person;
  beforeAll(async () => {
    person = await createPerson(db().pool);
  });

  it('any sequence of admin writes and syncs: the copy equals the published set after every sync', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(recipeOp, { minLength: 1, maxLength: 14 }), async (ops) => {
        const log: string[] = [];
        const device = new Device(person, log);
        const admin = new Admin(log);
        await device.sync(); // first boot: a full sync
        for (const op of [...ops, { kind: 'sync' as const }]) {
          if (op.kind === 'sync') {
            await device.sync();
            expect(device.snapshot(), log.join('\n')).toEqual(await serverPublished());
          } else {
            await admin.apply(op);
          }
        }
      }),
      params(RUNS.sequential),
    );
  }, 180_000);

  it.skipIf(embedded())('admin writes racing device syncs: one more sync converges the copy (native: concurrent transactions)', async () => {
    const adminOp = recipeOp.filter((op) => op.kind !== 'sync') as fc.Arbitrary<Exclude<RecipeOp, { kind: 'sync' }>>;
    await fc.assert(
      fc.asyncProperty(
        fc.array(adminOp, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 8 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 20, maxLength: 20 }),
        async (ops, syncs, pauses) => {
          const log: string[] = [];
          const device = new Device(person, log);
          const admin = new Admin(log);
          await device.sync();
          const pause = (i: number) => new Promise((r) => setTimeout(r, pauses[i % pauses.length]!));
          await Promise.all([
            (async () => {
              for (const [i, op] of ops.entries()) {
                await admin.apply(op);
                await pause(i);
              }
            })(),
            (async () => {
              for (let i = 0; i < syncs; i++) {
                await device.sync();
                await pause(i + 7);
              }
            })(),
          ]);
          await device.sync();
          expect(device.snapshot(), log.join('\n')).toEqual(await serverPublished());
        },
      ),
      params(RUNS.concurrent),
    );
  }, 180_000);
});

// ---------------------------------------------------------------------------------------------
// Cooking-log upload: device-authoritative, revisioned, idempotent
// ---------------------------------------------------------------------------------------------

const STATUSES: SessionStatus[] = ['started', 'cooking', 'paused', 'completed', 'aborted', 'error'];

interface LogRevision {
  revision: number;
  status: SessionStatus;
  peakTemperature: number;
  totalDurationS: number;
  userRating: number;
  notes: string;
  stages: number;
}

const logRevisions: fc.Arbitrary<LogRevision[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 6 })
  .chain((revs) =>
    fc.tuple(
      ...revs.map((revision) =>
        fc.record({
          revision: fc.constant(revision),
          status: fc.constantFrom(...STATUSES),
          peakTemperature: fc.integer({ min: 20, max: 250 }),
          totalDurationS: fc.integer({ min: 0, max: 7200 }),
          userRating: fc.integer({ min: 1, max: 5 }),
          notes: fc.string({ minLength: 1, maxLength: 30 }).filter((s) => !s.includes('\u0000')),
          stages: fc.integer({ min: 0, max: 4 }),
        }),
      ),
    ),
  );

/** Revisions, each uploaded 1 to 3 times, in an arbitrary order. */
const uploadOrder: fc.Arbitrary<LogRevision[]> = logRevisions.chain((revs) =>
  fc
    .tuple(...revs.map(() => fc.integer({ min: 1, max: 3 })))
    .chain((copies) => {
      const all = revs.flatMap((r, i) => Array.from({ length: copies[i]! }, () => r));
      return fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length });
    }),
);

describe('cooking-log uploads: one row with the device’s latest data, whatever the order', () => {
  let person: Person;
  let deviceId: string;
  let recipeId: string;
  beforeAll(async () => {
    person = await createPerson(db().pool);
    const n = randomUUID().slice(0, 8).toUpperCase();
    deviceId = `EPIC-P${n}`;
    const paired = await db().kdb.asUser(person.id, (me) => me.appliances.pair({ deviceId, serialNumber: `SN-P${n}`, pairingCode: 'PPPPPP' }));
    // The logs below started an hour ago: a log is filed only inside the uploader's pairing (000076).
    await db().pool.query(`update app.appliances set paired_at = now() - interval '2 hours' where id = $1`, [paired.id]);
    recipeId = (await db().kdb.asAdmin((a) => a.recipes.create({ name: 'Upload Dal', category: 'dal', recipeData: stages('u'), difficulty: 'easy', timeMinutes: 20, isPublished: true }))).id;
  });

  const upload = (id: string, startedAt: Date, r: LogRevision) =>
    db().kdb.asUser(person.id, (me) =>
      me.appliances.uploadCookingLog({
        deviceId,
        id,
        revision: r.revision,
        recipeId,
        status: r.status,
        startedAt,
        completedAt: new Date(startedAt.getTime() + r.totalDurationS * 1000),
        stagesLog: Array.from({ length: r.stages }, (_, i) => ({ stage: `s${i}`, duration_s: i * 10, result: 'ok', rev: r.revision })),
        peakTemperature: r.peakTemperature,
        totalDurationS: r.totalDurationS,
        userRating: r.userRating,
        notes: r.notes,
      }),
    );

  async function expectLatest(id: string, startedAt: Date, uploads: LogRevision[]) {
    const latest = uploads.reduce((a, b) => (b.revision > a.revision ? b : a));
    const { rows } = await db().pool.query(
      `select user_id, device_revision, status, peak_temperature::float8 as peak, total_duration_s, user_rating, notes, stages_log, completed_at
         from app.cooking_sessions where id = $1`,
      [id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toEqual({
      user_id: person.id,
      device_revision: latest.revision,
      status: latest.status,
      peak: latest.peakTemperature,
      total_duration_s: latest.totalDurationS,
      user_rating: latest.userRating,
      notes: latest.notes,
      stages_log: Array.from({ length: latest.stages }, (_, i) => ({ stage: `s${i}`, duration_s: i * 10, result: 'ok', rev: latest.revision })),
      completed_at: new Date(startedAt.getTime() + latest.totalDurationS * 1000),
    });
  }

  it('sequential uploads: applied exactly when the revision is new, storedRevision the highest so far, final row the latest', async () => {
    await fc.assert(
      fc.asyncProperty(uploadOrder, async (uploads) => {
        const id = randomUUID();
        const startedAt = new Date(Date.now() - 3600_000);
        let highest = -1;
        for (const r of uploads) {
          const res = await upload(id, startedAt, r);
          expect(res).toEqual({ sessionId: id, applied: r.revision > highest, storedRevision: Math.max(highest, r.revision), filedUnderCaller: true });
          highest = Math.max(highest, r.revision);
        }
        await expectLatest(id, startedAt, uploads);
      }),
      params(RUNS.sequential),
    );
  }, 180_000);

  it.skipIf(embedded())('all uploads at once (native: concurrent transactions): one row, the latest revision’s data, no error', async () => {
    await fc.assert(
      fc.asyncProperty(uploadOrder, async (uploads) => {
        const id = randomUUID();
        const startedAt = new Date(Date.now() - 3600_000);
        const results = await Promise.all(uploads.map((r) => upload(id, startedAt, r)));
        const max = Math.max(...uploads.map((u) => u.revision));
        // The highest revision was applied by exactly one of its copies.
        expect(results.filter((res, i) => res.applied && uploads[i]!.revision === max)).toHaveLength(1);
        await expectLatest(id, startedAt, uploads);
      }),
      params(RUNS.concurrent),
    );
  }, 180_000);
});

// ---------------------------------------------------------------------------------------------
// Preferences: last write (by client timestamp) wins
// ---------------------------------------------------------------------------------------------

const DIETS: Diet[] = ['vegetarian', 'vegan', 'pescatarian', 'no_restrictions'];

interface PreferenceWrite {
  at: Date;
  changes: Required<Omit<PreferenceChanges, 'language'>> & { language: string };
}

/** Whole-object writes (every field, as a device syncing its settings sends them) with distinct client timestamps. */
const preferenceWrites: fc.Arbitrary<PreferenceWrite[]> = fc
  .uniqueArray(fc.integer({ min: 0, max: 86_400_000 }), { minLength: 1, maxLength: 7 })
  .chain((offsets) =>
    fc.tuple(
      ...offsets.map((offset) =>
        fc.record({
          at: fc.constant(new Date(Date.now() - 2 * 86_400_000 + offset)),
          changes: fc.record({
            language: fc.constantFrom('en', 'hi', 'en_IN', 'ta'),
            spiceLevel: fc.integer({ min: 1, max: 5 }),
            saltLevel: fc.integer({ min: 1, max: 5 }),
            oilLevel: fc.integer({ min: 1, max: 5 }),
            diet: fc.constantFrom(...DIETS),
            cuisines: fc.uniqueArray(fc.constantFrom('indian', 'thai', 'italian', 'korean'), { maxLength: 3 }),
            defaultServings: fc.integer({ min: 1, max: 4 }),
            allergens: fc.uniqueArray(fc.constantFrom('peanut', 'dairy', 'gluten', 'soy'), { maxLength: 3 }),
            theme: fc.constantFrom<Theme>('light', 'dark'),
            notificationsEnabled: fc.boolean(),
          }),
        }),
      ),
    ),
  )
  .chain((writes) => fc.shuffledSubarray(writes, { minLength: writes.length, maxLength: writes.length }));

describe('preferences: last-write-wins converges to the newest client timestamp', () => {
  async function expectNewest(person: Person, writes: PreferenceWrite[]) {
    const newest = writes.reduce((a, b) => (b.at > a.at ? b : a));
    const prefs = await db().kdb.asUser(person.id, (me) => me.accounts.getPreferences());
    expect(prefs).toMatchObject({ ...newest.changes, clientUpdatedAt: newest.at });
  }

  it('sequential arrivals in any order: applied exactly when newer, final state the newest write', async () => {
    await fc.assert(
      fc.asyncProperty(preferenceWrites, async (writes) => {
        const person = await createPerson(db().pool);
        let newest = -Infinity;
        for (const w of writes) {
          const res = await db().kdb.asUser(person.id, (me) => me.accounts.updatePreferences({ changes: w.changes, clientUpdatedAt: w.at }));
          expect(res.applied).toBe(w.at.getTime() > newest);
          newest = Math.max(newest, w.at.getTime());
          expect(res.current.clientUpdatedAt?.getTime()).toBe(newest);
        }
        await expectNewest(person, writes);
      }),
      params(RUNS.sequential),
    );
  }, 180_000);

  it.skipIf(embedded())('all writes at once (native: concurrent transactions): the newest write wins', async () => {
    await fc.assert(
      fc.asyncProperty(preferenceWrites, async (writes) => {
        const person = await createPerson(db().pool);
        await Promise.all(writes.map((w) => db().kdb.asUser(person.id, (me) => me.accounts.updatePreferences({ changes: w.changes, clientUpdatedAt: w.at }))));
        await expectNewest(person, writes);
      }),
      params(RUNS.concurrent),
    );
  }, 180_000);
});
