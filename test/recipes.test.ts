// recipes use cases through the public API: ranked search with filters, diet and allergens, keyset
// pages; get; device sync (lock protocol, tombstones, republish); admin create/update/publish/
// unpublish/delete with recipe_data validation — happy paths, edges and bad input.
import { randomUUID } from 'node:crypto';
import { processSQLQueryIR } from '@pgtyped/runtime';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { searchRecipes } from '../src/generated/recipes.queries.ts';
import type { RecipeData, RecipeInput, RecipeSummary } from '../src/areas/recipes.ts';
import { CITUS, engine, useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';

const db = useTestDatabase();

const count = async (sql: string, params: unknown[] = []) => Number((await db().pool.query(sql, params)).rows[0].n);
const tag = () => `t${randomUUID().slice(0, 8)}`;

function stages(...ingredients: (string | { name: string; allergens?: string[] })[]): RecipeData {
  return {
    stages: [
      { name: 'Heat Oil', temp_target: 180, duration_seconds: 120, ingredients: [{ subsystem: 'SLD', channel: 'OIL', name: 'oil', amount_g: 30 }] },
      { name: 'Cook', temp_target: 160, ingredients: ingredients.map((i) => (typeof i === 'string' ? { name: i, amount_g: 10 } : { amount_g: 10, ...i })) },
    ],
  };
}

async function createRecipe(input: Partial<RecipeInput> & { name: string; category: string }) {
  return db().kdb.asAdmin((admin) =>
    admin.recipes.create({ recipeData: stages('turmeric'), difficulty: 'easy', timeMinutes: 30, isPublished: true, ...input }),
  );
}

async function setPrefs(userId: string, prefs: { diet?: string | null; allergens?: string[] }) {
  await db().pool.query(
    `insert into app.user_preferences (user_id, diet, allergens) values ($1, $2, $3)
     on conflict (user_id) do update set diet = excluded.diet, allergens = excluded.allergens`,
    [userId, prefs.diet ?? null, prefs.allergens ?? []],
  );
}

async function allPages(userId: string, input: Record<string, unknown>): Promise<RecipeSummary[][]> {
  const pages: RecipeSummary[][] = [];
  let cursor: string | null = null;
  do {
    const page: { items: RecipeSummary[]; nextCursor: string | null } = await db().kdb.asUser(userId, (me) => me.recipes.search({ ...input, cursor }));
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 50);
  return pages;
}

describe('search', () => {
  it('ranks full-text matches, shows only published recipes and names the filters the person added', async () => {
    const p = await createPerson(db().pool);
    const cat = tag();
    const a = await createRecipe({ name: 'Paneer Butter Masala', category: cat });
    const b = await createRecipe({ name: 'Paneer Tikka Paneer Skewers', category: cat });
    await createRecipe({ name: 'Dal Tadka', category: cat });
    await createRecipe({ name: 'Paneer Bhurji', category: cat, isPublished: false });
    const res = await db().kdb.asUser(p.id, (me) => me.recipes.search({ query: 'paneer', category: cat }));
    expect(res.items.map((r) => r.id).sort()).toEqual([a.id, b.id].sort());
    expect(res.items[0]!.id).toBe(b.id); // "paneer" twice ranks higher
    expect(res.items[0]!.rank).toBeGreaterThan(res.items[1]!.rank);
    expect(res.nextCursor).toBeNull();
    expect(res.applied).toEqual({ diet: null, allergens: [] });
    expect(res.items[0]).not.toHaveProperty('recipeData');
    // web-search syntax: both words, OR, negation, stemming ("lentils" finds "Lentil")
    await createRecipe({ name: 'Masoor Dal Lentil Soup', category: cat });
    const q = async (query: string) => (await db().kdb.asUser(p.id, (me) => me.recipes.search({ query, category: cat }))).items.map((r) => r.name).sort();
    expect(await q('dal lentil')).toEqual(['Masoor Dal Lentil Soup']);
    expect(await q('tikka or lentils')).toEqual(['Masoor Dal Lentil Soup', 'Paneer Tikka Paneer Skewers']);
    expect(await q('paneer -tikka')).toEqual(['Paneer Butter Masala']);
    expect(await q('noodles')).toEqual([]);
  });

  it('applies category, cuisine, difficulty, maximum time and tags ⊇ filters', async () => {
    const p = await createPerson(db().pool);
    const cat = tag();
    const base = { category: cat, tags: ['healthy'] };
    const r1 = await createRecipe({ ...base, name: 'Quick Thai Curry', cuisine: 'thai', difficulty: 'easy', timeMinutes: 20, tags: ['quick', 'healthy', 'vegan'] });
    const r2 = await createRecipe({ ...base, name: 'Slow Thai Curry', cuisine: 'thai', difficulty: 'hard', timeMinutes: 90 });
    const r3 = await createRecipe({ ...base, name: 'Italian Risotto', cuisine: 'italian', difficulty: 'medium', timeMinutes: 40, tags: ['quick'] });
    const ids = async (input: Record<string, unknown>) =>
      (await db().kdb.asUser(p.id, (me) => me.recipes.search({ category: cat, ...input }))).items.map((r) => r.id).sort();
    expect(await ids({})).toEqual([r1.id, r2.id, r3.id].sort());
    expect(await ids({ cuisine: 'thai' })).toEqual([r1.id, r2.id].sort());
    expect(await ids({ difficulty: 'medium' })).toEqual([r3.id]);
    expect(await ids({ maxTimeMinutes: 40 })).toEqual([r1.id, r3.id].sort());
    expect(await ids({ maxTimeMinutes: 39 })).toEqual([r1.id]);
    expect(await ids({ tags: ['quick'] })).toEqual([r1.id, r3.id].sort());
    expect(await ids({ tags: ['quick', 'healthy'] })).toEqual([r1.id]); // all of them
    expect(await ids({ tags: ['Quick ', 'VEGAN'] })).toEqual([r1.id]); // normalised like stored tags
    expect(await ids({ tags: [] })).toEqual([r1.id, r2.id, r3.id].sort());
    expect(await ids({ category: cat.toUpperCase(), cuisine: 'thai', query: 'curry', maxTimeMinutes: 30 })).toEqual([r1.id]);
  });

  it('browses by name when the query is blank or only stop words, and returns an empty page for no match', async () => {
    const p = await createPerson(db().pool);
    const cat = tag();
    for (const name of ['Chole', 'Aloo Gobi', 'Baingan Bharta']) await createRecipe({ name, category: cat });
    for (const query of [undefined, null, '', '   ', 'the and of']) {
      const res = await db().kdb.asUser(p.id, (me) => me.recipes.search({ query, category: cat }));
      expect(res.items.map((r) => r.name)).toEqual(['Aloo Gobi', 'Baingan Bharta', 'Chole']);
      expect(res.items.every((r) => r.rank === 0)).toBe(true);
    }
    const none = await db().kdb.asUser(p.id, (me) => me.recipes.search({ category: tag() }));
    expect(none).toEqual({ items: [], nextCursor: null, applied: { diet: null, allergens: [] } });
  });

  it('pages by (rank, name, id) without gaps or repeats, ties included; a full last page has no next cursor', async () => {
    const p = await createPerson(db().pool);
    const cat = tag();
    const made: string[] = [];
    // 7 recipes with the same rank and name (ties on both), 3 with another name
    for (let i = 0; i < 7; i++) made.push((await createRecipe({ name: 'Rajma Chawal', category: cat })).id);
    for (let i = 0; i < 3; i++) made.push((await createRecipe({ name: 'Rajma Masala Rajma', category: cat })).id);
    for (const limit of [1, 3, 5, 10]) {
      const pages = await allPages(p.id, { query: 'rajma', category: cat, limit });
      const ids = pages.flat().map((r) => r.id);
      expect(ids.length, `limit ${limit}`).toBe(10);
      expect(new Set(ids).size).toBe(10);
      expect(pages.length).toBe(Math.ceil(10 / limit)); // 10 = 2 × 5 = 1 × 10: no empty trailing page
      expect(pages.every((page, i) => page.length === (i < pages.length - 1 ? limit : 10 - limit * (pages.length - 1)))).toBe(true);
      const flat = pages.flat();
      for (let i = 1; i < flat.length; i++) {
        const [x, y] = [flat[i - 1]!, flat[i]!];
        expect(x.rank > y.rank || (x.rank === y.rank && (x.name < y.name || (x.name === y.name && x.id < y.id)))).toBe(true);
      }
    }
    const one = await db().kdb.asUser(p.id, (me) => me.recipes.search({ query: 'rajma', category: cat, limit: 100 }));
    expect(one.items.length).toBe(10);
    expect(one.nextCursor).toBeNull();
  });

  it('keeps only recipes of the person’s diet (vegetarian: vegetarian or vegan tags; vegan: vegan; pescatarian adds pescatarian)', async () => {
    const cat = tag();
    const vegan = await createRecipe({ name: 'Chana Masala', category: cat, tags: ['vegan'] });
    const veg = await createRecipe({ name: 'Palak Paneer', category: cat, tags: ['vegetarian'] });
    const fish = await createRecipe({ name: 'Goan Fish Curry', category: cat, tags: ['pescatarian'] });
    const meat = await createRecipe({ name: 'Butter Chicken', category: cat, tags: ['protein-rich'] });
    const ids = async (diet: string | null, applyDiet?: boolean) => {
      const p = await createPerson(db().pool);
      if (diet !== undefined) await setPrefs(p.id, { diet });
      const res = await db().kdb.asUser(p.id, (me) => me.recipes.search({ category: cat, ...(applyDiet === undefined ? {} : { applyDiet }) }));
      return { ids: res.items.map((r) => r.id).sort(), diet: res.applied.diet };
    };
    expect(await ids('vegan')).toEqual({ ids: [vegan.id], diet: 'vegan' });
    expect(await ids('vegetarian')).toEqual({ ids: [vegan.id, veg.id].sort(), diet: 'vegetarian' });
    expect(await ids('pescatarian')).toEqual({ ids: [vegan.id, veg.id, fish.id].sort(), diet: 'pescatarian' });
    const all = [vegan.id, veg.id, fish.id, meat.id].sort();
    expect(await ids('no_restrictions')).toEqual({ ids: all, diet: null });
    expect(await ids(null)).toEqual({ ids: all, diet: null });
    expect(await ids('vegan', false)).toEqual({ ids: all, diet: null });
    // no preferences row at all
    const p = await createPerson(db().pool);
    expect((await db().kdb.asUser(p.id, (me) => me.recipes.search({ category: cat }))).items.length).toBe(4);
  });

  it('excludes recipes holding one of the person’s allergens (tags, ingredient names and their words, declared allergens)', async () => {
    const cat = tag();
    const byTag = await createRecipe({ name: 'Kheer', category: cat, tags: ['dairy', 'vegetarian'] });
    const byWord = await createRecipe({ name: 'Satay', category: cat, recipeData: stages('peanut_oil', 'tofu') });
    const declared = await createRecipe({ name: 'Shahi Paneer', category: cat, recipeData: stages({ name: 'paneer', allergens: ['Dairy'] }) });
    const multi = await createRecipe({ name: 'Pesto', category: cat, recipeData: stages({ name: 'Tree Nut', allergens: [] }, 'basil') });
    const glutenFree = await createRecipe({ name: 'Idli', category: cat, tags: ['gluten-free'] });
    const plain = await createRecipe({ name: 'Jeera Rice', category: cat, recipeData: stages('cumin', 'rice') });
    const p = await createPerson(db().pool);
    await setPrefs(p.id, { allergens: ['Peanut', ' DAIRY ', 'tree nut', 'gluten', ''] });
    const res = await db().kdb.asUser(p.id, (me) => me.recipes.search({ category: cat }));
    expect(res.items.map((r) => r.id).sort()).toEqual([glutenFree.id, plain.id].sort());
    expect(res.applied.allergens.sort()).toEqual(['dairy', 'gluten', 'peanut', 'tree_nut']);
    // get() still returns such a recipe, and says what it contains
    const got = await db().kdb.asUser(p.id, (me) => me.recipes.get(declared.id));
    expect(got.containsAllergens).toEqual(['dairy']);
    expect((await db().kdb.asUser(p.id, (me) => me.recipes.get(byWord.id))).containsAllergens).toEqual(['peanut']);
    expect((await db().kdb.asUser(p.id, (me) => me.recipes.get(plain.id))).containsAllergens).toEqual([]);
    // allergens hold whatever the diet says: a vegetarian with a dairy allergy
    await setPrefs(p.id, { diet: 'vegetarian', allergens: ['dairy'] });
    const veg = await db().kdb.asUser(p.id, (me) => me.recipes.search({ category: cat }));
    expect(veg.items.map((r) => r.id)).toEqual([]); // Kheer is vegetarian but dairy; the others are untagged
    // a person without allergens sees everything
    const q = await createPerson(db().pool);
    const all = await db().kdb.asUser(q.id, (me) => me.recipes.search({ category: cat }));
    expect(all.items.map((r) => r.id).sort()).toEqual([byTag.id, byWord.id, declared.id, multi.id, glutenFree.id, plain.id].sort());
  });

  it('refuses bad input with a typed error naming the field', async () => {
    const p = await createPerson(db().pool);
    const bad: [Record<string, unknown>, string, string][] = [
      [{ limit: 0 }, 'limit', 'range'],
      [{ limit: 101 }, 'limit', 'range'],
      [{ limit: 2.5 }, 'limit', 'integer'],
      [{ cuisine: 'french' }, 'cuisine', 'enum'],
      [{ difficulty: 'extreme' }, 'difficulty', 'enum'],
      [{ maxTimeMinutes: 0 }, 'maxTimeMinutes', 'range'],
      [{ maxTimeMinutes: Number.NaN }, 'maxTimeMinutes', 'finite'],
      [{ tags: 'vegan' }, 'tags', 'type'],
      [{ tags: [null] }, 'tags[0]', 'type'],
      [{ query: 'x'.repeat(201) }, 'query', 'length'],
      [{ query: 'x'.repeat(1_000_000) }, 'query', 'length'],
      [{ cursor: 'not a cursor' }, 'cursor', 'cursor'],
      [{ cursor: Buffer.from('["x","y","z"]').toString('base64url') }, 'cursor', 'cursor'],
      [{ applyDiet: 'yes' }, 'applyDiet', 'type'],
    ];
    for (const [input, field, rule] of bad) {
      await expect(db().kdb.asUser(p.id, (me) => me.recipes.search(input as never)), JSON.stringify(input).slice(0, 80)).rejects.toMatchObject({
        name: 'ValidationError',
        field,
        rule,
      });
    }
  });
});

describe('the search table (app.recipe_search)', () => {
  const inSearch = async (id: string) =>
    (await db().pool.query(`select name, tags, allergen_keys from app.recipe_search where recipe_id = $1`, [id])).rows[0] as { name: string; tags: string[]; allergen_keys: string[] } | undefined;

  it('holds exactly the published recipes, in step with every admin write', async () => {
    const r = await createRecipe({ name: 'Step Dal', category: tag(), isPublished: false, recipeData: stages({ name: 'ghee', allergens: ['dairy'] }) });
    expect(await inSearch(r.id)).toBeUndefined();
    await db().kdb.asAdmin((admin) => admin.recipes.publish(r.id));
    expect(await inSearch(r.id)).toEqual({ name: 'Step Dal', tags: [], allergen_keys: ['dairy', 'ghee', 'oil'] });
    await db().kdb.asAdmin((admin) => admin.recipes.update(r.id, { name: 'Step Dal Fry', tags: ['Peanut'] }));
    expect(await inSearch(r.id)).toEqual({ name: 'Step Dal Fry', tags: ['peanut'], allergen_keys: ['dairy', 'ghee', 'oil', 'peanut'] });
    await db().kdb.asAdmin((admin) => admin.recipes.unpublish(r.id));
    expect(await inSearch(r.id)).toBeUndefined();
    await db().kdb.asAdmin((admin) => admin.recipes.publish(r.id));
    await db().kdb.asAdmin((admin) => admin.recipes.delete(r.id));
    expect(await inSearch(r.id)).toBeUndefined();
    expect(await count(`select count(*) as n from app.recipe_search s left join app.recipes r on r.id = s.recipe_id where r.id is null or not r.is_published`)).toBe(0);
    expect(await count(`select count(*) as n from app.recipes r where r.is_published and not exists (select from app.recipe_search s where s.recipe_id = r.id)`)).toBe(0);
  });

  it('lets a person’s search use its indexes (app.recipes’ policy would force a sequential scan)', async () => {
    const p = await createPerson(db().pool);
    const params = { query: 'paneer', category: null, cuisine: null, difficulty: null, maxTimeMinutes: null, tags: ['vegan'], dietTags: null, allergens: ['peanut'], afterRank: null, afterName: null, afterId: null, limit: 21 };
    const { query, bindings } = processSQLQueryIR((searchRecipes as unknown as { queryIR: never }).queryIR, params);
    const plan = await db().asUser(p.id, async (c) => {
      await c.query('set local enable_seqscan = off');
      return (await c.query(`explain ${query}`, bindings)).rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toMatch(/idx_recipe_search_fts|idx_recipe_search_tags/);
    expect(plan).toMatch(/recipes_pkey/);
    expect(plan).not.toMatch(/Seq Scan/);
  });
});

describe('get', () => {
  it('returns a published recipe with its recipe data; unpublished or unknown ones are not found', async () => {
    const p = await createPerson(db().pool);
    const data = stages('toor_dal', { name: 'ghee', allergens: ['dairy'] });
    const r = await createRecipe({ name: 'Dal Tadka', category: 'dal', cuisine: 'indian', recipeData: data, tags: ['vegetarian'], calories: 320.5, servings: 2 });
    const got = await db().kdb.asUser(p.id, (me) => me.recipes.get(r.id));
    expect(got).toMatchObject({ id: r.id, name: 'Dal Tadka', category: 'dal', cuisine: 'indian', recipeData: data, tags: ['vegetarian'], calories: 320.5, servings: 2, version: 1, isPublished: true, containsAllergens: [] });
    const hidden = await createRecipe({ name: 'Secret Dal', category: 'dal', isPublished: false });
    await expect(db().kdb.asUser(p.id, (me) => me.recipes.get(hidden.id))).rejects.toMatchObject({ name: 'NotFoundError', field: 'recipeId' });
    await expect(db().kdb.asUser(p.id, (me) => me.recipes.get(randomUUID()))).rejects.toMatchObject({ name: 'NotFoundError', field: 'recipeId' });
    await expect(db().kdb.asUser(p.id, (me) => me.recipes.get('dal-tadka'))).rejects.toMatchObject({ name: 'ValidationError', field: 'recipeId', rule: 'uuid' });
  });
});

describe('sync', () => {
  it('a full sync (since = null) returns every published recipe, no deletions, and records last_sync_at', async () => {
    const p = await createPerson(db().pool);
    const pub = await createRecipe({ name: 'Sync Full A', category: tag() });
    const unpub = await createRecipe({ name: 'Sync Full B', category: tag(), isPublished: false });
    const res = await db().kdb.asUser(p.id, (me) => me.recipes.sync({ since: null }));
    expect(res.full).toBe(true);
    expect(res.deletedIds).toEqual([]);
    const ids = res.recipes.map((r) => r.id);
    expect(ids).toContain(pub.id);
    expect(ids).not.toContain(unpub.id);
    expect(res.recipes.every((r) => r.isPublished)).toBe(true);
    expect(res.recipes.find((r) => r.id === pub.id)?.recipeData).toEqual(stages('turmeric'));
    expect(res.serverTime.getTime()).toBeGreaterThanOrEqual(res.recipes[res.recipes.length - 1]!.updatedAt.getTime() - 1);
    expect(await count(`select count(*) as n from app.user_preferences where user_id = $1 and last_sync_at = $2`, [p.id, res.serverTime])).toBe(1);
    const again = await db().kdb.asUser(p.id, (me) => me.recipes.sync({}));
    expect(again.full).toBe(true);
  });

  const afterAMillisecond = () => new Promise((r) => setTimeout(r, 2));

  it('an incremental sync returns changes after since; unpublish → deletedIds; republish → changed, not deleted; delete → deletedIds', async () => {
    const p = await createPerson(db().pool);
    const a = await createRecipe({ name: 'Sync Edit', category: tag() });
    const b = await createRecipe({ name: 'Sync Unpublish', category: tag() });
    const c = await createRecipe({ name: 'Sync Delete', category: tag() });
    const d = await createRecipe({ name: 'Sync Untouched', category: tag() });
    const s0 = await db().kdb.asUser(p.id, (me) => me.recipes.sync({ since: null }));
    const sync = (since: Date) => db().kdb.asUser(p.id, (me) => me.recipes.sync({ since }));
    // nothing changed
    expect(await sync(s0.serverTime)).toMatchObject({ recipes: [], deletedIds: [], full: false });

    await db().kdb.asAdmin((admin) => admin.recipes.update(a.id, { timeMinutes: 45 }));
    await db().kdb.asAdmin((admin) => admin.recipes.unpublish(b.id));
    await db().kdb.asAdmin((admin) => admin.recipes.delete(c.id));
    // serverTime is a Date (milliseconds), floored from the server's microseconds: a change in the
    // same millisecond as a sync is delivered again by the next one (safe, never skipped). Keep the
    // syncs below in later milliseconds than the changes they follow, so "nothing new" is exact.
    await afterAMillisecond();
    const s1 = await sync(s0.serverTime);
    expect(s1.recipes.map((r) => [r.id, r.version, r.timeMinutes])).toEqual([[a.id, 2, 45]]);
    expect(s1.deletedIds.sort()).toEqual([b.id, c.id].sort());
    expect(s1.recipes.map((r) => r.id)).not.toContain(d.id);
    expect(s1.serverTime.getTime()).toBeGreaterThanOrEqual(s0.serverTime.getTime());

    // edited while unpublished: still gone for devices
    await db().kdb.asAdmin((admin) => admin.recipes.update(b.id, { name: 'Sync Unpublish v2' }));
    const s2 = await sync(s1.serverTime);
    expect(s2).toMatchObject({ recipes: [], deletedIds: [] }); // the tombstone is older than s1
    expect((await sync(s0.serverTime)).deletedIds).toContain(b.id);

    // republished: a change, not a deletion — also for a device that last synced before the unpublish
    await db().kdb.asAdmin((admin) => admin.recipes.publish(b.id));
    for (const since of [s0.serverTime, s1.serverTime, s2.serverTime]) {
      const s = await sync(since);
      expect(s.recipes.map((r) => r.id)).toContain(b.id);
      expect(s.deletedIds).not.toContain(b.id);
    }
    await afterAMillisecond();
    const s3 = await sync(s2.serverTime);
    expect(s3.recipes.find((r) => r.id === b.id)).toMatchObject({ name: 'Sync Unpublish v2', isPublished: true });
    // a string since (as a device sends it) works the same
    const s4 = await db().kdb.asUser(p.id, (me) => me.recipes.sync({ since: s3.serverTime.toISOString() }));
    expect(s4).toMatchObject({ recipes: [], deletedIds: [] });
  });

  it('refuses a bad since', async () => {
    const p = await createPerson(db().pool);
    for (const since of ['yesterday', '0001-01-01T00:00:00Z', 42, new Date(Number.NaN)]) {
      await expect(db().kdb.asUser(p.id, (me) => me.recipes.sync({ since: since as never }))).rejects.toMatchObject({ name: 'ValidationError', field: 'since' });
    }
  });

  // The embedded engine runs one transaction at a time: the race cannot be staged there.
  it.skipIf(engine() === 'embedded')('an edit committed while a sync waits is in that sync; an edit made during a sync is in the next one', async () => {
    const p = await createPerson(db().pool);
    const r = await createRecipe({ name: 'Sync Race', category: tag() });
    const s0 = await db().kdb.asUser(p.id, (me) => me.recipes.sync({ since: null }));

    // 1. A writer holds the lock (uncommitted edit); the sync waits for it and then sees the edit.
    const writer = new pg.Client({ connectionString: db().url });
    // A plain UPDATE, stamped by the recipes trigger, on a single server. On Citus the trigger
    // refuses a plain edit of the reference table by design (each copy would stamp its own clock):
    // there the admin function, the writer a cluster accepts, makes the edit, under the same lock.
    const edit = (minutes: number) =>
      CITUS
        ? writer.query(`select 1 from app.recipe_admin_update($1, pg_catalog.jsonb_build_object('time_minutes', $2::int))`, [r.id, minutes])
        : writer.query(`update app.recipes set time_minutes = $2 where id = $1`, [r.id, minutes]);
    await writer.connect();
    try {
      await writer.query('begin');
      await edit(77);
      let done = false;
      const syncing = db().kdb.asUser(p.id, (me) => me.recipes.sync({ since: s0.serverTime })).then((s) => ((done = true), s));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(done).toBe(false); // waiting for the writer
      await writer.query('commit');
      const s1 = await syncing;
      expect(s1.recipes.map((x) => [x.id, x.timeMinutes])).toEqual([[r.id, 77]]);

      // 2. A write that starts while a sync transaction is open waits for it, and is stamped after
      //    its serverTime: the next sync (since = that serverTime) gets it.
      let writing: Promise<unknown> | undefined;
      const s2 = await db().kdb.asUser(p.id, async (me) => {
        const s = await me.recipes.sync({ since: s1.serverTime });
        writing = edit(78);
        await new Promise((resolve) => setTimeout(resolve, 200));
        return s;
      });
      await writing;
      expect(s2.recipes).toEqual([]);
      const s3 = await db().kdb.asUser(p.id, (me) => me.recipes.sync({ since: s2.serverTime }));
      expect(s3.recipes.map((x) => [x.id, x.timeMinutes])).toEqual([[r.id, 78]]);
    } finally {
      await writer.query('rollback').catch(() => {});
      await writer.end();
    }
  });

  it('needs READ COMMITTED (a REPEATABLE READ snapshot could predate the wait)', async () => {
    const p = await createPerson(db().pool);
    await expect(db().kdb.asUser(p.id, (me) => me.recipes.sync({ since: null }), { isolation: 'repeatable read' })).rejects.toThrow(/READ COMMITTED/);
  });
});

describe('admin', () => {
  it('creates a recipe with defaults and normalised tags; people do not see it until it is published', async () => {
    const p = await createPerson(db().pool);
    const r = await db().kdb.asAdmin((admin) =>
      admin.recipes.create({ name: '  Veg Pulao ', category: 'Rice', recipeData: stages('basmati_rice'), difficulty: 'medium', timeMinutes: 35, tags: ['Vegetarian', 'quick', 'vegetarian '], createdBy: p.id }),
    );
    expect(r).toMatchObject({ name: 'Veg Pulao', category: 'rice', cuisine: 'indian', servings: 4, tags: ['vegetarian', 'quick'], version: 1, isPublished: false, createdBy: p.id, calories: null, imageUrl: null });
    await expect(db().kdb.asUser(p.id, (me) => me.recipes.get(r.id))).rejects.toMatchObject({ name: 'NotFoundError' });
    const published = await db().kdb.asAdmin((admin) => admin.recipes.publish(r.id));
    expect(published).toMatchObject({ isPublished: true, version: 2 });
    expect(await db().kdb.asAdmin((admin) => admin.recipes.publish(r.id))).toMatchObject({ isPublished: true, version: 2 }); // no-op
    expect((await db().kdb.asUser(p.id, (me) => me.recipes.get(r.id))).name).toBe('Veg Pulao');
    expect(await db().kdb.asAdmin((admin) => admin.recipes.get(r.id))).toMatchObject({ id: r.id, isPublished: true });
  });

  it('surfaces app.recipe_data_problems in the ValidationError (field recipeData) and writes nothing', async () => {
    const before = await count(`select count(*) as n from app.recipes`);
    const attempt = (recipeData: unknown) =>
      db().kdb.asAdmin((admin) => admin.recipes.create({ name: 'Broken', category: 'dal', recipeData: recipeData as RecipeData, difficulty: 'easy', timeMinutes: 10 }));
    await expect(attempt({ stages: [{ name: '' }, { name: 'Boil', temp_target: 'hot', ingredients: [{ name: 'dal', amount_g: '10' }] }] })).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'recipeData',
      rule: 'recipes_recipe_data_check',
      message: expect.stringMatching(/stages\[0\]\.name must be a non-empty string.*stages\[1\]\.temp_target must be a number.*stages\[1\]\.ingredients\[0\]\.amount_g must be a number/),
    });
    await expect(attempt({ stages: [] })).rejects.toMatchObject({ field: 'recipeData', message: expect.stringContaining('stages must not be empty') });
    await expect(attempt([1, 2])).rejects.toMatchObject({ field: 'recipeData', rule: 'object' });
    await expect(attempt({ stages: [{ name: 'x'.repeat(300_000) }] })).rejects.toMatchObject({ field: 'recipeData', rule: 'size' });
    expect(await db().kdb.asAdmin((admin) => admin.recipes.checkRecipeData({ stages: 'none' }))).toEqual(['stages must be an array']);
    expect(await db().kdb.asAdmin((admin) => admin.recipes.checkRecipeData(stages('x')))).toEqual([]);
    expect(await count(`select count(*) as n from app.recipes`)).toBe(before);
  });

  it('refuses bad fields with a typed error naming the field, writing nothing', async () => {
    const before = await count(`select count(*) as n from app.recipes`);
    const good = { name: 'Good', category: 'dal', recipeData: stages('x'), difficulty: 'easy', timeMinutes: 10 };
    const bad: [Record<string, unknown>, string, string][] = [
      [{ name: '   ' }, 'name', 'length'],
      [{ name: 'x'.repeat(201) }, 'name', 'length'],
      [{ name: 'x'.repeat(1_000_000) }, 'name', 'length'],
      [{ name: 42 }, 'name', 'type'],
      [{ category: '' }, 'category', 'length'],
      [{ cuisine: 'french' }, 'cuisine', 'enum'],
      [{ difficulty: 'extreme' }, 'difficulty', 'enum'],
      [{ timeMinutes: 0 }, 'timeMinutes', 'range'],
      [{ timeMinutes: 1441 }, 'timeMinutes', 'range'],
      [{ timeMinutes: 12.5 }, 'timeMinutes', 'integer'],
      [{ servings: 5 }, 'servings', 'range'],
      [{ calories: -1 }, 'calories', 'range'],
      [{ proteinG: Number.POSITIVE_INFINITY }, 'proteinG', 'finite'],
      [{ tags: ['ok', null] }, 'tags[1]', 'type'],
      [{ tags: Array.from({ length: 31 }, (_, i) => `t${i}`) }, 'tags', 'length'],
      [{ imageUrl: 'ftp://example.com/x.jpg' }, 'imageUrl', 'url'],
      [{ id: 'nope' }, 'id', 'uuid'],
      [{ createdBy: 'admin' }, 'createdBy', 'uuid'],
      [{ isPublished: 'yes' }, 'isPublished', 'type'],
    ];
    for (const [override, field, rule] of bad) {
      await expect(db().kdb.asAdmin((admin) => admin.recipes.create({ ...good, ...override } as never)), JSON.stringify(override).slice(0, 60)).rejects.toMatchObject({
        name: 'ValidationError',
        field,
        rule,
      });
    }
    // a creator who does not exist: the foreign key names the field
    await expect(db().kdb.asAdmin((admin) => admin.recipes.create({ ...good, createdBy: randomUUID() } as never))).rejects.toMatchObject({ name: 'NotFoundError', field: 'createdBy' });
    const r = await db().kdb.asAdmin((admin) => admin.recipes.create(good as never));
    await expect(db().kdb.asAdmin((admin) => admin.recipes.create({ ...good, id: r.id } as never))).rejects.toMatchObject({ name: 'ConflictError', field: 'id' });
    expect(await count(`select count(*) as n from app.recipes`)).toBe(before + 1);
  });

  it('updates given fields (version +1 on a real change only), checks expectedVersion, refuses unknown fields', async () => {
    const r = await createRecipe({ name: 'Upd', category: tag(), calories: 100, imageUrl: 'https://cdn.example/upd.jpg' });
    const u1 = await db().kdb.asAdmin((admin) => admin.recipes.update(r.id, { calories: null, tags: ['Quick'], expectedVersion: 1 }));
    expect(u1).toMatchObject({ version: 2, calories: null, tags: ['quick'], name: 'Upd', imageUrl: 'https://cdn.example/upd.jpg' });
    expect(u1.updatedAt.getTime()).toBeGreaterThan(r.updatedAt.getTime() - 1);
    const same = await db().kdb.asAdmin((admin) => admin.recipes.update(r.id, { name: 'Upd' }));
    expect(same.version).toBe(2); // nothing changed
    await expect(db().kdb.asAdmin((admin) => admin.recipes.update(r.id, { name: 'Upd 3', expectedVersion: 1 }))).rejects.toMatchObject({ name: 'ConflictError', field: 'expectedVersion' });
    await expect(db().kdb.asAdmin((admin) => admin.recipes.update(r.id, { isPublished: false } as never))).rejects.toMatchObject({ name: 'ValidationError', field: 'isPublished', rule: 'unknown_field' });
    await expect(db().kdb.asAdmin((admin) => admin.recipes.update(r.id, { recipeData: { stages: [{}] } as never }))).rejects.toMatchObject({ field: 'recipeData', message: expect.stringContaining('stages[0].name') });
    await expect(db().kdb.asAdmin((admin) => admin.recipes.update(r.id, { timeMinutes: -5 }))).rejects.toMatchObject({ field: 'timeMinutes', rule: 'range' });
    await expect(db().kdb.asAdmin((admin) => admin.recipes.update(randomUUID(), { name: 'x' }))).rejects.toMatchObject({ name: 'NotFoundError', field: 'recipeId' });
    expect(await db().kdb.asAdmin((admin) => admin.recipes.get(r.id))).toMatchObject({ version: 2, name: 'Upd' });
  });

  it('deletes an uncooked recipe; a cooked one is refused with a ConflictError that suggests unpublishing', async () => {
    const free = await createRecipe({ name: 'Never Cooked', category: tag() });
    expect(await db().kdb.asAdmin((admin) => admin.recipes.delete(free.id))).toEqual({ id: free.id });
    expect(await count(`select count(*) as n from app.recipes where id = $1`, [free.id])).toBe(0);
    expect(await count(`select count(*) as n from app.recipe_tombstones where recipe_id = $1 and reason = 'deleted'`, [free.id])).toBe(1);
    await expect(db().kdb.asAdmin((admin) => admin.recipes.delete(free.id))).rejects.toMatchObject({ name: 'NotFoundError', field: 'recipeId' });

    const cooked = await createRecipe({ name: 'Cooked Once', category: tag() });
    const p = await createPerson(db().pool);
    const { rows: [a] } = await db().pool.query(`insert into app.appliances (user_id, device_id, serial_number) values ($1, $2, $2) returning id`, [p.id, `DEL-${randomUUID().slice(0, 8)}`]);
    await db().pool.query(`insert into app.cooking_sessions (user_id, appliance_id, recipe_id) values ($1, $2, $3)`, [p.id, a.id, cooked.id]);
    await expect(db().kdb.asAdmin((admin) => admin.recipes.delete(cooked.id))).rejects.toMatchObject({
      name: 'ConflictError',
      field: 'recipeId',
      rule: 'cooking_sessions_recipe_id_fkey',
      message: expect.stringMatching(/1 cooking session.*unpublish it instead/),
    });
    expect(await count(`select count(*) as n from app.recipes where id = $1`, [cooked.id])).toBe(1);
    expect(await db().kdb.asAdmin((admin) => admin.recipes.unpublish(cooked.id))).toMatchObject({ isPublished: false });
    await expect(db().kdb.asAdmin((admin) => admin.recipes.unpublish(randomUUID()))).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(db().kdb.asAdmin((admin) => admin.recipes.delete('x'))).rejects.toMatchObject({ name: 'ValidationError', field: 'recipeId' });
  });
});
