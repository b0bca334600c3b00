// Issue 14, "ownership and bad input": what a person holding only app_user (a psql login, the
// person context set) can write or learn about other people's rows, tried with plain SQL as well
// as through the API. Each rule is enforced by the database itself, and a row someone else owns
// fails exactly like a row that does not exist (no existence oracle). Both engines.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { asWorker, withUser, type DbClient } from '../src/db/context.ts';
import { useTestDatabase } from './support/db.ts';
import { createPerson, type Person } from './support/fixtures.ts';

const db = useTestDatabase();

const vector = (seed: number) => `[${Array.from({ length: 1536 }, (_, i) => (i === seed % 1536 ? 1 : 0)).join(',')}]`;
const unit = (seed: number) => Array.from({ length: 1536 }, (_, i) => (i === seed % 1536 ? 1 : 0));

type Outcome = { ok: true; rowCount: number } | { ok: false; code: string; constraint: string | undefined; message: string; detail: string | undefined };

/** One statement in a savepoint of the caller's transaction; the error's visible fields. */
async function attempt(c: DbClient, text: string, params: unknown[] = []): Promise<Outcome> {
  await c.query('savepoint probe');
  try {
    const r = await c.query(text, params);
    await c.query('rollback to savepoint probe');
    return { ok: true, rowCount: r.rowCount ?? 0 };
  } catch (error) {
    await c.query('rollback to savepoint probe');
    const e = error as { code?: string; constraint?: string; message?: string; detail?: string };
    return { ok: false, code: e.code ?? '?', constraint: e.constraint, message: e.message ?? '', detail: e.detail };
  }
}

/** An outcome with the ids taken out, to compare "someone else's row" with "no such row". */
const shape = (o: Outcome, ...ids: string[]) => {
  let s = JSON.stringify(o);
  for (const id of ids) s = s.split(id).join('<id>');
  return JSON.parse(s) as Outcome;
};

let a: Person;
let b: Person;
let mealA: string;
let mealB: string;
let messageB: string;

beforeAll(async () => {
  const { pool, kdb } = db();
  a = await createPerson(pool);
  b = await createPerson(pool);
  mealA = (await kdb.asUser(a.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'lunch' }))).id;
  mealB = (await kdb.asUser(b.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'dinner', notes: 'B only' }))).id;
  const conv = await kdb.asUser(b.id, (me) => me.assistant.startConversation());
  messageB = (await kdb.asUser(b.id, (me) => me.assistant.addMessage(conv.id, { role: 'user', content: 'private' }))).id;
  // B's chunk of their own meal, as the embed job stores it.
  await kdb.asUser(b.id, (me) => me.assistant.storeEmbeddings([{ sourceKind: 'meal_log', sourceId: mealB, content: 'B only', embedding: unit(1), model: 'm' }]));
});

describe('app.embeddings: a chunk points at its own person\'s row (issue 14)', () => {
  const insert = `insert into app.embeddings (user_id, source_kind, source_id, chunk_index, content, embedding, model) values ($1, $2, $3, 0, 'x', $4, 'm')`;

  it('refuses, in plain SQL, a chunk of someone else\'s meal log or message exactly like one of a row that does not exist', async () => {
    await withUser(db().pool, a.id, async (c) => {
      const missing = randomUUID();
      const theirs = await attempt(c, insert, [a.id, 'meal_log', mealB, vector(2)]);
      const none = await attempt(c, insert, [a.id, 'meal_log', missing, vector(2)]);
      expect(theirs).toMatchObject({ ok: false, code: '23503', constraint: 'embeddings_source_owner' });
      expect(shape(theirs, mealB)).toEqual(shape(none, missing));
      // B's chunk (same kind, source, chunk index and model) exists, yet nothing conflicts: the
      // unique key holds user_id (formerly a 23505 here told A that B's chunk exists).
      const message = await attempt(c, insert, [a.id, 'message', messageB, vector(2)]);
      const noMessage = await attempt(c, insert, [a.id, 'message', missing, vector(2)]);
      expect(message).toMatchObject({ ok: false, code: '23503', constraint: 'embeddings_source_owner' });
      expect(shape(message, messageB)).toEqual(shape(noMessage, missing));
      // the person's own meal is fine, and re-pointing that chunk at B's meal is refused the same way
      expect(await attempt(c, insert, [a.id, 'meal_log', mealA, vector(2)])).toEqual({ ok: true, rowCount: 1 });
      await c.query(insert, [a.id, 'meal_log', mealA, vector(3)]);
      const repoint = await attempt(c, `update app.embeddings set source_id = $1 where source_id = $2`, [mealB, mealA]);
      expect(shape(repoint, mealB)).toEqual(shape(none, missing));
    });
  });

  it('storeEmbeddings names the item whether the meal is someone else\'s or does not exist', async () => {
    for (const sourceId of [mealB, randomUUID()]) {
      await expect(
        db().kdb.asUser(a.id, (me) => me.assistant.storeEmbeddings([{ sourceKind: 'meal_log', sourceId, content: 'x', embedding: unit(4), model: 'm' }])),
      ).rejects.toMatchObject({ name: 'NotFoundError', field: 'items[0].sourceId', rule: 'source' });
    }
  });

  it('the worker, too, cannot file a chunk under a person who does not own its source', async () => {
    await expect(
      asWorker(db().pool, (c) => c.query(insert, [a.id, 'meal_log', mealB, vector(5)])),
    ).rejects.toMatchObject({ name: 'NotFoundError', field: 'sourceId', rule: 'embeddings_source_owner' });
    // its own upsert path still works for the right person, twice (idempotent)
    for (let i = 0; i < 2; i++) {
      await db().kdb.asWorker((w) => w.assistant.storeEmbeddings([{ userId: b.id, sourceKind: 'meal_log', sourceId: mealB, chunkIndex: 1, content: `v${i}`, embedding: unit(6), model: 'm' }]));
    }
    const { rows } = await db().pool.query(`select content from app.embeddings where source_id = $1 and chunk_index = 1`, [mealB]);
    expect(rows).toEqual([{ content: 'v1' }]);
  });

  it('every unique key of a person\'s chunks holds user_id; the knowledge base is a table of its own (catalog)', async () => {
    const { rows } = await db().pool.query<{ name: string; def: string; cols: string[] }>(
      `select c.relname as name, pg_get_indexdef(i.indexrelid) as def,
              array(select a.attname::text from unnest(i.indkey) as k(n) join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.n) as cols
         from pg_index i join pg_class c on c.oid = i.indexrelid
        where i.indrelid = 'app.embeddings'::regclass and i.indisunique and not i.indisprimary`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const r of rows) expect(r.cols, r.name).toContain('user_id');
    // Issue 17: every chunk of app.embeddings has a person; the knowledge base is app.knowledge_embeddings.
    const { rows: col } = await db().pool.query(`select attnotnull from pg_attribute where attrelid = 'app.embeddings'::regclass and attname = 'user_id'`);
    expect(col).toEqual([{ attnotnull: true }]);
  });

  it('knowledge chunks with a source id are still upserted; those without one are always added', async () => {
    const doc = randomUUID();
    const store = (sourceId: string | null, content: string) =>
      db().kdb.asAdmin((admin) => admin.assistant.storeKnowledge([{ sourceId, content, embedding: unit(7), model: 'kb' }]));
    const first = await store(doc, 'v1');
    expect(await store(doc, 'v2')).toEqual(first);
    await store(null, 'loose');
    await store(null, 'loose');
    const { rows } = await db().pool.query(`select source_id, content from app.knowledge_embeddings where model = 'kb' order by content`);
    expect(rows).toEqual([
      { source_id: null, content: 'loose' },
      { source_id: null, content: 'loose' },
      { source_id: doc, content: 'v2' },
    ]);
  });
});

describe('push tokens: no existence oracle (issue 14)', () => {
  it('a plain INSERT or UPDATE by app_user is refused whether or not someone holds the token; registering moves it', async () => {
    const tokenB = `fcm-${randomUUID()}`;
    await db().kdb.asUser(b.id, (me) => me.accounts.registerPushToken({ platform: 'android', token: tokenB }));
    const fresh = `fcm-${randomUUID()}`;
    await withUser(db().pool, a.id, async (c) => {
      const ins = `insert into app.push_tokens (user_id, platform, token) values ($1, 'android', $2)`;
      const taken = await attempt(c, ins, [a.id, tokenB]);
      const free = await attempt(c, ins, [a.id, fresh]);
      expect(taken).toMatchObject({ ok: false, code: '42501' });
      expect(shape(taken, tokenB)).toEqual(shape(free, fresh));
    });
    const own = await db().kdb.asUser(a.id, (me) => me.accounts.registerPushToken({ platform: 'ios', token: fresh }));
    await withUser(db().pool, a.id, async (c) => {
      const up = await attempt(c, `update app.push_tokens set token = $1 where id = $2`, [tokenB, own.id]);
      expect(up).toMatchObject({ ok: false, code: '42501' });
    });
    // The API: the token moves to the person who registers it (a device belongs to one person).
    const moved = await db().kdb.asUser(a.id, (me) => me.accounts.registerPushToken({ platform: 'android', token: tokenB }));
    expect(moved).toMatchObject({ token: tokenB, movedFromOther: true });
    expect((await db().kdb.asUser(b.id, (me) => me.accounts.listPushTokens())).map((t) => t.token)).not.toContain(tokenB);
    // removing one's own token still works
    expect(await db().kdb.asUser(a.id, (me) => me.accounts.removePushToken({ token: fresh }))).toEqual({ removed: true });
  });
});

describe('unpublished recipes: no existence oracle (issue 14)', () => {
  it('a session naming a draft (never published) fails exactly like one naming a recipe that does not exist', async () => {
    const { pool, kdb } = db();
    const stages = { stages: [{ name: 'Heat Oil', temp_target: 180, duration_seconds: 60 }] };
    const draft = (await kdb.asAdmin((admin) => admin.recipes.create({ name: 'Secret Dal', category: 'dal', recipeData: stages, difficulty: 'easy', timeMinutes: 30, isPublished: false }))).id;
    const published = (await kdb.asAdmin((admin) => admin.recipes.create({ name: 'Open Dal', category: 'dal', recipeData: stages, difficulty: 'easy', timeMinutes: 30, isPublished: true }))).id;
    const n = randomUUID().slice(0, 8).toUpperCase();
    const appliance = (await kdb.asUser(a.id, (me) => me.appliances.pair({ deviceId: `EPIC-O${n}`, serialNumber: `SN-O${n}`, pairingCode: 'OOOOOO' }))).id;
    const missing = randomUUID();
    const session = await withUser(pool, a.id, async (c) => {
      const ins = `insert into app.cooking_sessions (user_id, appliance_id, recipe_id) values ($1, $2, $3)`;
      const hidden = await attempt(c, ins, [a.id, appliance, draft]);
      const none = await attempt(c, ins, [a.id, appliance, missing]);
      expect(none).toMatchObject({ ok: false, code: '23503', constraint: 'cooking_sessions_recipe_id_fkey' });
      expect(shape(hidden, draft)).toEqual(shape(none, missing));
      // changing a session's recipe to the draft: the same
      const { rows } = await c.query(`insert into app.cooking_sessions (user_id, appliance_id, recipe_id) values ($1, $2, $3) returning id`, [a.id, appliance, published]);
      const change = await attempt(c, `update app.cooking_sessions set recipe_id = $1 where id = $2`, [draft, rows[0].id]);
      const changeNone = await attempt(c, `update app.cooking_sessions set recipe_id = $1 where id = $2`, [missing, rows[0].id]);
      expect(shape(change, draft)).toEqual(shape(changeNone, missing));
      return rows[0].id as string;
    });
    // A recipe unpublished since it was published: devices synced it and may still upload logs of
    // it, and its id is in every person's sync feed (a tombstone), so it is accepted.
    await kdb.asAdmin((admin) => admin.recipes.unpublish(published));
    await withUser(pool, a.id, async (c) => {
      expect(await attempt(c, `update app.cooking_sessions set status = 'completed', completed_at = now() where id = $1`, [session])).toEqual({ ok: true, rowCount: 1 });
      expect(await attempt(c, `insert into app.cooking_sessions (user_id, appliance_id, recipe_id) values ($1, $2, $3)`, [a.id, appliance, published])).toEqual({ ok: true, rowCount: 1 });
    });
    // The API names the field: the same NotFoundError for both.
    for (const recipeId of [draft, missing]) {
      await expect(kdb.asUser(a.id, (me) => me.appliances.startSession({ applianceId: appliance, recipeId }))).rejects.toMatchObject({
        name: 'NotFoundError',
        field: 'recipeId',
        rule: 'published_recipe',
      });
    }
  });
});
