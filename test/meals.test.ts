// meals use cases through the public API: log with foods, get, keyset pages (ties, boundaries),
// update, soft delete/undo, daily totals in the person's time zone, search by nutrition.
import { randomUUID } from 'node:crypto';
import { processSQLQueryIR } from '@pgtyped/runtime';
import { describe, expect, it } from 'vitest';
import { findMealsByNutrition, listMeals } from '../src/generated/meals.queries.ts';
import type { MealSummary } from '../src/areas/meals.ts';
import { useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';

const db = useTestDatabase();

const count = async (sql: string, params: unknown[] = []) => Number((await db().pool.query(sql, params)).rows[0].n);

/** Meal rows written directly (superuser), for bulk fixtures and microsecond times the API cannot express. */
async function insertMeals(userId: string, rows: { time: string; type?: string; totals?: object; deleted?: boolean }[]): Promise<string[]> {
  const { rows: out } = await db().pool.query(
    `insert into app.meal_logs (user_id, meal_time, meal_type, nutrition_totals, is_deleted)
     select $1, t.time, t.type, t.totals, t.deleted
     from jsonb_to_recordset($2::jsonb) as t(time timestamptz, type text, totals jsonb, deleted boolean)
     returning id`,
    [userId, JSON.stringify(rows.map((r) => ({ time: r.time, type: r.type ?? 'lunch', totals: r.totals ?? {}, deleted: r.deleted ?? false })))],
  );
  return out.map((r) => r.id);
}

async function allPages(userId: string, options: { limit: number; includeDeleted?: boolean; from?: string; to?: string }): Promise<{ pages: MealSummary[][] }> {
  const pages: MealSummary[][] = [];
  let cursor: string | null = null;
  do {
    const page: { items: MealSummary[]; nextCursor: string | null } = await db().kdb.asUser(userId, (me) => me.meals.listMeals({ ...options, cursor }));
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor && pages.length < 100);
  return { pages };
}

describe('log and get a meal', () => {
  it('stores the meal and its foods in order, summing totals exactly when none are given', async () => {
    const p = await createPerson(db().pool);
    const meal = await db().kdb.asUser(p.id, (me) =>
      me.meals.logMeal({
        mealTime: '2026-03-01T13:05:00+05:30',
        mealType: 'lunch',
        notes: 'office canteen',
        foods: [
          { name: 'Dal tadka', quantity: 1, unit: 'bowl', nutrition: { calories: 180, protein_g: 0.1, iron_mg: 2 }, confidence: 0.92 },
          { name: 'Jeera rice', quantity: 150, unit: 'g', nutrition: { calories: 195.5, protein_g: 0.2, carbs_g: 42 } },
          { name: 'Papad' },
        ],
      }),
    );
    expect(meal).toMatchObject({ mealType: 'lunch', notes: 'office canteen', isDeleted: false, deletedAt: null, imageUrl: null, aiAnalysis: null });
    expect(meal.mealTime.toISOString()).toBe('2026-03-01T07:35:00.000Z');
    expect(meal.nutritionTotals).toEqual({ calories: 375.5, protein_g: 0.3, carbs_g: 42, iron_mg: 2 });
    expect(meal.foods.map((f) => f.name)).toEqual(['Dal tadka', 'Jeera rice', 'Papad']);
    expect(meal.foods[0]).toMatchObject({ quantity: 1, unit: 'bowl', confidence: 0.92 });
    expect(meal.foods[2]).toMatchObject({ quantity: null, unit: null, nutrition: {}, confidence: null });
    expect(await db().kdb.asUser(p.id, (me) => me.meals.getMeal(meal.id))).toEqual(meal);
  });

  it('keeps given totals, and accepts a meal without foods', async () => {
    const p = await createPerson(db().pool);
    const a = await db().kdb.asUser(p.id, (me) =>
      me.meals.logMeal({ mealTime: new Date(), mealType: 'snack', nutritionTotals: { calories: 90 }, foods: [{ name: 'apple', nutrition: { calories: 52 } }] }),
    );
    expect(a.nutritionTotals).toEqual({ calories: 90 });
    const b = await db().kdb.asUser(p.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'dinner' }));
    expect(b).toMatchObject({ foods: [], nutritionTotals: {} });
  });

  it('refuses bad input with the field and rule, and writes nothing', async () => {
    const p = await createPerson(db().pool);
    const good = { mealTime: '2026-03-01T12:00:00Z', mealType: 'lunch', foods: [{ name: 'roti' }] };
    const bad = (patch: object, field: string, rule: string) =>
      expect(db().kdb.asUser(p.id, (me) => me.meals.logMeal({ ...good, ...patch } as never))).rejects.toMatchObject({ name: 'ValidationError', field, rule });
    await bad({ mealType: 'brunch' }, 'mealType', 'enum');
    await bad({ mealTime: 'not a time' }, 'mealTime', 'timestamp');
    await bad({ mealTime: new Date(Number.NaN) }, 'mealTime', 'timestamp');
    await bad({ foods: [{ name: 'roti' }, { name: 'dal', quantity: -1 }] }, 'foods[1].quantity', 'range');
    await bad({ foods: [{ name: 'dal', quantity: 0 }] }, 'foods[0].quantity', 'range');
    await bad({ foods: [{ name: 'dal', confidence: 1.5 }] }, 'foods[0].confidence', 'range');
    await bad({ foods: [{ name: '   ' }] }, 'foods[0].name', 'length');
    await bad({ foods: [{ name: 'dal', nutrition: { protein_g: -3 } }] }, 'foods[0].nutrition.protein_g', 'range');
    await bad({ foods: [{ name: 'dal', nutrition: { calories: '100' } }] }, 'foods[0].nutrition.calories', 'finite');
    await bad({ foods: [{ name: 'dal', colour: 'yellow' }] }, 'foods[0].colour', 'unknown_field');
    await bad({ foods: Array.from({ length: 101 }, () => ({ name: 'x' })) }, 'foods', 'length');
    await bad({ nutritionTotals: [1, 2] }, 'nutritionTotals', 'object');
    await bad({ nutritionTotals: { fat_g: Infinity } }, 'nutritionTotals.fat_g', 'finite');
    await bad({ notes: 'x'.repeat(1_000_000) }, 'notes', 'length');
    await bad({ imageUrl: '' }, 'imageUrl', 'length');
    await bad({ aiAnalysis: 'yes' }, 'aiAnalysis', 'object');
    expect(await count(`select count(*) as n from app.meal_logs where user_id = $1`, [p.id])).toBe(0);
    expect(await count(`select count(*) as n from app.meal_foods where user_id = $1`, [p.id])).toBe(0);
  });

  it('does not show another person\'s meal, and refuses a malformed id', async () => {
    const a = await createPerson(db().pool);
    const b = await createPerson(db().pool);
    const meal = await db().kdb.asUser(a.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'lunch' }));
    expect(await db().kdb.asUser(b.id, (me) => me.meals.getMeal(meal.id))).toBeNull();
    await expect(db().kdb.asUser(b.id, (me) => me.meals.updateMeal(meal.id, { notes: 'mine now' }))).rejects.toMatchObject({ name: 'NotFoundError', field: 'id' });
    await expect(db().kdb.asUser(b.id, (me) => me.meals.deleteMeal(meal.id))).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(db().kdb.asUser(b.id, (me) => me.meals.getMeal("1' or '1'='1"))).rejects.toMatchObject({ name: 'ValidationError', field: 'id', rule: 'uuid' });
    expect((await db().kdb.asUser(a.id, (me) => me.meals.getMeal(meal.id)))?.notes).toBeNull();
  });
});

describe('meal history pages', () => {
  it('is empty for a person without meals', async () => {
    const p = await createPerson(db().pool);
    expect(await db().kdb.asUser(p.id, (me) => me.meals.listMeals())).toEqual({ items: [], nextCursor: null });
  });

  it('pages newest first, stable under ties on meal_time (microseconds included), each meal exactly once', async () => {
    const p = await createPerson(db().pool);
    const other = await createPerson(db().pool);
    await insertMeals(other.id, [{ time: '2026-02-01T12:00:00Z' }]);
    const times = [
      ...Array.from({ length: 6 }, () => '2026-02-01T12:00:00Z'), // a six-way tie
      '2026-02-01T12:00:00.000001Z', // one microsecond later: a JS Date cannot tell it apart
      '2026-02-01T11:59:59.999999Z',
      ...Array.from({ length: 13 }, (_, i) => `2026-01-${String(10 + i).padStart(2, '0')}T08:00:00Z`),
      ...Array.from({ length: 3 }, () => '2026-01-05T08:00:00Z'),
    ];
    await insertMeals(p.id, times.map((time) => ({ time })));
    const { rows: expected } = await db().pool.query(`select id from app.meal_logs where user_id = $1 order by meal_time desc, id desc`, [p.id]);
    for (const limit of [1, 5, 6, 7, 24, 100]) {
      const { pages } = await allPages(p.id, { limit });
      expect(pages.flat().map((m) => m.id)).toEqual(expected.map((r) => r.id));
      // Boundaries: full pages except the last; no empty trailing page when the count divides evenly.
      expect(pages.slice(0, -1).every((pg) => pg.length === limit)).toBe(true);
      expect(pages.at(-1)!.length).toBe(times.length % limit || Math.min(limit, times.length));
    }
  });

  it('restricts to [from, to) and hides soft-deleted meals unless asked', async () => {
    const p = await createPerson(db().pool);
    const [a, b, c, d] = await insertMeals(p.id, [
      { time: '2026-01-01T00:00:00Z' },
      { time: '2026-01-02T00:00:00Z', deleted: true },
      { time: '2026-01-03T00:00:00Z' },
      { time: '2026-01-04T00:00:00Z' },
    ]);
    const page = await db().kdb.asUser(p.id, (me) => me.meals.listMeals({ from: '2026-01-01T00:00:00Z', to: '2026-01-04T00:00:00Z' }));
    expect(page.items.map((m) => m.id)).toEqual([c, a]);
    const all = await db().kdb.asUser(p.id, (me) => me.meals.listMeals({ includeDeleted: true }));
    expect(all.items.map((m) => m.id)).toEqual([d, c, b, a]);
    expect(all.items[2]).toMatchObject({ isDeleted: true });
  });

  it('refuses bad paging input', async () => {
    const p = await createPerson(db().pool);
    const bad = (options: object, field: string, rule: string) =>
      expect(db().kdb.asUser(p.id, (me) => me.meals.listMeals(options as never))).rejects.toMatchObject({ name: 'ValidationError', field, rule });
    await bad({ limit: 0 }, 'limit', 'range');
    await bad({ limit: 101 }, 'limit', 'range');
    await bad({ limit: 2.5 }, 'limit', 'integer');
    await bad({ cursor: 'garbage!' }, 'cursor', 'cursor');
    await bad({ cursor: Buffer.from('["2026-01-01", "x"]').toString('base64url') }, 'cursor', 'cursor');
    await bad({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'to', 'range');
  });

  it('starts each page at the cursor through idx_meal_logs_user_time', async () => {
    const people = await Promise.all(Array.from({ length: 10 }, () => createPerson(db().pool)));
    for (const person of people) {
      await insertMeals(person.id, Array.from({ length: 300 }, (_, i) => ({ time: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString() })));
    }
    await db().pool.query('analyze app.meal_logs');
    const p = people[0]!;
    const { query, bindings } = processSQLQueryIR((listMeals as unknown as { queryIR: never }).queryIR, {
      userId: p.id,
      includeDeleted: false,
      from: null,
      to: null,
      afterTime: '2026-01-01T00:00:00.000000Z',
      afterId: randomUUID(),
      limit: 21,
    } as never);
    const plan = await db().asUser(p.id, async (c) => (await c.query(`explain ${query}`, bindings)).rows.map((r) => r['QUERY PLAN']).join('\n'));
    expect(plan).toMatch(/idx_meal_logs_user_time/);
    expect(plan).toMatch(/Index Cond: \(\(user_id = .*\) AND \(meal_time <= /);
  });
});

describe('update, soft delete and undo', () => {
  it('updates fields, replaces foods and recomputes totals from them', async () => {
    const p = await createPerson(db().pool);
    const meal = await db().kdb.asUser(p.id, (me) =>
      me.meals.logMeal({ mealTime: '2026-03-01T08:00:00Z', mealType: 'breakfast', notes: 'x', imageUrl: 'https://img.example/1.jpg', foods: [{ name: 'poha', nutrition: { calories: 250 } }] }),
    );
    const updated = await db().kdb.asUser(p.id, (me) =>
      me.meals.updateMeal(meal.id, {
        mealType: 'snack',
        notes: null,
        foods: [
          { name: 'idli', nutrition: { calories: 39, protein_g: 2 } },
          { name: 'sambar', nutrition: { calories: 130, protein_g: 6.5 } },
        ],
      }),
    );
    expect(updated).toMatchObject({ id: meal.id, mealType: 'snack', notes: null, imageUrl: 'https://img.example/1.jpg', nutritionTotals: { calories: 169, protein_g: 8.5 } });
    expect(updated.foods.map((f) => f.name)).toEqual(['idli', 'sambar']);
    expect(updated.mealTime).toEqual(meal.mealTime);
    const kept = await db().kdb.asUser(p.id, (me) => me.meals.updateMeal(meal.id, { foods: [{ name: 'tea' }], nutritionTotals: { calories: 40 } }));
    expect(kept).toMatchObject({ nutritionTotals: { calories: 40 }, foods: [{ name: 'tea' }] });
    expect(await count(`select count(*) as n from app.meal_foods where meal_log_id = $1`, [meal.id])).toBe(1);
  });

  it('refuses bad changes atomically', async () => {
    const p = await createPerson(db().pool);
    const meal = await db().kdb.asUser(p.id, (me) => me.meals.logMeal({ mealTime: '2026-03-01T08:00:00Z', mealType: 'breakfast', foods: [{ name: 'poha' }] }));
    const bad = (changes: object, field: string, rule: string) =>
      expect(db().kdb.asUser(p.id, (me) => me.meals.updateMeal(meal.id, changes as never))).rejects.toMatchObject({ name: 'ValidationError', field, rule });
    await bad({ mealType: 'feast' }, 'mealType', 'enum');
    await bad({ userId: randomUUID() }, 'userId', 'unknown_field');
    await bad({ notes: 'ok', foods: [{ name: 'a', quantity: Number.POSITIVE_INFINITY }] }, 'foods[0].quantity', 'finite');
    const after = await db().kdb.asUser(p.id, (me) => me.meals.getMeal(meal.id));
    expect(after).toEqual(meal);
  });

  it('soft-deletes (hidden by default, idempotent) and undoes', async () => {
    const p = await createPerson(db().pool);
    const meal = await db().kdb.asUser(p.id, (me) => me.meals.logMeal({ mealTime: '2026-03-01T08:00:00Z', mealType: 'breakfast', nutritionTotals: { calories: 300 } }));
    const del = await db().kdb.asUser(p.id, (me) => me.meals.deleteMeal(meal.id));
    expect(del.deletedAt).toBeInstanceOf(Date);
    const again = await db().kdb.asUser(p.id, (me) => me.meals.deleteMeal(meal.id));
    expect(again.deletedAt).toEqual(del.deletedAt);
    expect(await db().kdb.asUser(p.id, (me) => me.meals.getMeal(meal.id))).toBeNull();
    expect(await db().kdb.asUser(p.id, (me) => me.meals.getMeal(meal.id, { includeDeleted: true }))).toMatchObject({ isDeleted: true });
    expect((await db().kdb.asUser(p.id, (me) => me.meals.listMeals())).items).toEqual([]);
    const day = await db().kdb.asUser(p.id, (me) => me.meals.dailyTotals({ from: '2026-03-01', to: '2026-03-01' }));
    expect(day[0]).toMatchObject({ mealCount: 0, calories: 0 });
    await expect(db().kdb.asUser(p.id, (me) => me.meals.updateMeal(meal.id, { notes: 'x' }))).rejects.toMatchObject({ name: 'NotFoundError' });
    const restored = await db().kdb.asUser(p.id, (me) => me.meals.restoreMeal(meal.id));
    expect(restored).toMatchObject({ id: meal.id, isDeleted: false, deletedAt: null });
    expect((await db().kdb.asUser(p.id, (me) => me.meals.listMeals())).items.map((m) => m.id)).toEqual([meal.id]);
    expect(await count(`select count(*) as n from app.meal_logs where id = $1`, [meal.id])).toBe(1);
    await expect(db().kdb.asUser(p.id, (me) => me.meals.deleteMeal(randomUUID()))).rejects.toMatchObject({ name: 'NotFoundError', field: 'id' });
  });
});

describe('daily totals vs the active goal', () => {
  it('assigns meals to calendar days in Asia/Kolkata (UTC+05:30) at the day boundary', async () => {
    const p = await createPerson(db().pool, { timeZone: 'Asia/Kolkata' });
    await insertMeals(p.id, [
      { time: '2026-01-10T18:29:59Z', totals: { calories: 500, protein_g: 20 } }, // 23:59:59 on the 10th in Kolkata
      { time: '2026-01-10T18:30:00Z', totals: { calories: 300, protein_g: 12.5 } }, // 00:00:00 on the 11th
      { time: '2026-01-09T18:30:00Z', totals: { calories: 100 } }, // 00:00 on the 10th
      { time: '2026-01-10T12:00:00Z', totals: { calories: 999 }, deleted: true },
    ]);
    const goal = await db().kdb.asUser(p.id, (me) => me.accounts.setGoal({ goalType: 'maintain', targetCalories: 2000, targetProteinG: 60 }));
    const days = await db().kdb.asUser(p.id, (me) => me.meals.dailyTotals({ from: '2026-01-09', to: '2026-01-12' }));
    expect(days.map((d) => [d.day, d.mealCount, d.calories, d.proteinG])).toEqual([
      ['2026-01-09', 0, 0, 0],
      ['2026-01-10', 2, 600, 20],
      ['2026-01-11', 1, 300, 12.5],
      ['2026-01-12', 0, 0, 0],
    ]);
    expect(days[1]!.goal).toMatchObject({ id: goal.id, goalType: 'maintain', targetCalories: 2000, targetProteinG: 60, targetFatG: null });
  });

  it('follows America/Los_Angeles across the day boundary and the 23-hour DST day', async () => {
    const p = await createPerson(db().pool, { timeZone: 'America/Los_Angeles' });
    await insertMeals(p.id, [
      { time: '2026-03-08T07:59:00Z', totals: { calories: 1 } }, // 23:59 PST on the 7th
      { time: '2026-03-08T08:00:00Z', totals: { calories: 10 } }, // 00:00 PST on the 8th
      { time: '2026-03-09T06:59:00Z', totals: { calories: 100 } }, // 23:59 PDT on the 8th (clocks went forward)
      { time: '2026-03-09T07:00:00Z', totals: { calories: 1000 } }, // 00:00 PDT on the 9th
    ]);
    const days = await db().kdb.asUser(p.id, (me) => me.meals.dailyTotals({ from: '2026-03-07', to: '2026-03-09' }));
    expect(days.map((d) => [d.day, d.mealCount, d.calories])).toEqual([
      ['2026-03-07', 1, 1],
      ['2026-03-08', 2, 110],
      ['2026-03-09', 1, 1000],
    ]);
    expect(days.every((d) => d.goal === null)).toBe(true);
  });

  it('refuses backwards, too long and malformed ranges', async () => {
    const p = await createPerson(db().pool);
    const bad = (range: object, field: string, rule: string) =>
      expect(db().kdb.asUser(p.id, (me) => me.meals.dailyTotals(range as never))).rejects.toMatchObject({ name: 'ValidationError', field, rule });
    await bad({ from: '2026-01-02', to: '2026-01-01' }, 'to', 'range');
    await bad({ from: '2025-01-01', to: '2026-01-03' }, 'to', 'range');
    await bad({ from: '2026-13-01', to: '2026-01-03' }, 'from', 'date');
    await bad({ from: '2026-01-01T00:00:00Z', to: '2026-01-03' }, 'from', 'date');
  });
});

describe('find meals by nutrition', () => {
  it('matches every bound, newest first, skipping soft-deleted meals and meals without the key', async () => {
    const p = await createPerson(db().pool);
    const [hi1, , hi2, , hiDeleted] = await insertMeals(p.id, [
      { time: '2026-01-01T12:00:00Z', totals: { protein_g: 30, calories: 500 } },
      { time: '2026-01-02T12:00:00Z', totals: { protein_g: 29.9, calories: 400 } },
      { time: '2026-01-03T12:00:00Z', totals: { protein_g: 45, calories: 550 } },
      { time: '2026-01-04T12:00:00Z', totals: { calories: 900 } },
      { time: '2026-01-05T12:00:00Z', totals: { protein_g: 60 }, deleted: true },
      { time: '2026-01-06T12:00:00Z', totals: { protein_g: 50, calories: 800 } },
    ]);
    void hiDeleted;
    const find = (where: object, limit?: number, cursor?: string | null) =>
      db().kdb.asUser(p.id, (me) => me.meals.findMealsByNutrition({ where: where as never, limit, cursor }));
    const gte30 = await find({ protein_g: { gte: 30 } });
    expect(gte30.items).toHaveLength(3);
    const both = await find({ protein_g: { gte: 30 }, calories: { lte: 600 } });
    expect(both.items.map((m) => m.id)).toEqual([hi2, hi1]);
    const first = await find({ protein_g: { gte: 30 }, calories: { lte: 600 } }, 1);
    const second = await find({ protein_g: { gte: 30 }, calories: { lte: 600 } }, 1, first.nextCursor);
    expect([...first.items, ...second.items].map((m) => m.id)).toEqual([hi2, hi1]);
    expect(second.nextCursor).toBeNull();
    expect((await find({ protein_g: { eq: 45 } })).items.map((m) => m.id)).toEqual([hi2]);
  });

  it('refuses unknown nutrients, operators and non-finite numbers', async () => {
    const p = await createPerson(db().pool);
    const bad = (where: unknown, field: string, rule: string) =>
      expect(db().kdb.asUser(p.id, (me) => me.meals.findMealsByNutrition({ where: where as never }))).rejects.toMatchObject({ name: 'ValidationError', field, rule });
    await bad({ 'protein_g || true': { gte: 1 } }, 'where.protein_g || true', 'enum');
    await bad({ protein_g: { like: 1 } }, 'where.protein_g.like', 'enum');
    await bad({ protein_g: { gte: Number.NaN } }, 'where.protein_g.gte', 'finite');
    await bad({ protein_g: { gte: '30' } }, 'where.protein_g.gte', 'finite');
    await bad({}, 'where', 'length');
  });

  it('uses the person\'s btree for range bounds; the GIN index serves equality tests', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, () => createPerson(db().pool)));
    for (const person of people) {
      await insertMeals(
        person.id,
        Array.from({ length: 100 }, (_, i) => ({ time: new Date(Date.UTC(2025, 0, 1) + i * 3_600_000).toISOString(), totals: { protein_g: i % 50, calories: 300 + i } })),
      );
    }
    await db().pool.query('analyze app.meal_logs');
    const { query, bindings } = processSQLQueryIR((findMealsByNutrition as unknown as { queryIR: never }).queryIR, {
      userId: people[0]!.id,
      predicate: '$.protein_g >= 30',
      from: null,
      to: null,
      afterTime: null,
      afterId: null,
      limit: 21,
    } as never);
    const plan = await db().asUser(people[0]!.id, async (c) => (await c.query(`explain ${query}`, bindings)).rows.map((r) => r['QUERY PLAN']).join('\n'));
    expect(plan).toMatch(/idx_meal_logs_user_time|idx_meal_logs_deleted/);
    expect(plan).not.toMatch(/Seq Scan on meal_logs/);
    // Equality: jsonb_path_ops extracts the key, so the GIN index can answer it (here forced, across people).
    const eq = await db().pool.connect();
    try {
      await eq.query('begin; set local enable_seqscan = off');
      const { rows } = await eq.query(`explain select id from app.meal_logs where nutrition_totals @@ '$.protein_g == 30'`);
      await eq.query('rollback');
      expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Bitmap Index Scan on idx_meal_logs_nutrition/);
    } finally {
      eq.release();
    }
  });
});
