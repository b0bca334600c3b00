// meals.logMeals (many meals in one statement: imports, offline sync, the demo's loader): the same
// rows as logMeal one by one, in the order given; bad input names `meals[i].field` and writes
// nothing; the meals are the caller's own (row-level security).
import { describe, expect, it } from 'vitest';
import { ValidationError, type LogMealInput, type Meal } from '../src/index.ts';
import { useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';

const db = useTestDatabase();

const count = async (sql: string, params: unknown[] = []) => Number((await db().pool.query(sql, params)).rows[0].n);

const MEALS: LogMealInput[] = [
  {
    mealTime: '2026-03-01T13:05:00+05:30', mealType: 'lunch', notes: 'office canteen',
    foods: [
      { name: 'Dal tadka', quantity: 1, unit: 'bowl', nutrition: { calories: 180, protein_g: 0.1, iron_mg: 2 }, confidence: 0.92 },
      { name: 'Jeera rice', quantity: 150, unit: 'g', nutrition: { calories: 195.5, protein_g: 0.2, carbs_g: 42 } },
      { name: 'Papad' },
    ],
  },
  { mealTime: '2026-03-01T08:00:00Z', mealType: 'breakfast', nutritionTotals: { calories: 90 }, foods: [{ name: 'apple', nutrition: { calories: 52 } }] },
  { mealTime: '2026-03-02T19:00:00Z', mealType: 'dinner', aiAnalysis: { model: 'vision-1', dishes: 2 }, imageUrl: 'https://example.test/m.jpg' },
];

/** A meal as getMeal shows it, without what differs between two writes (ids, times of the write). */
const shape = (m: Meal) => {
  const { id: _id, createdAt: _c, updatedAt: _u, foods, ...rest } = m;
  return { ...rest, foods: foods.map(({ id: _f, ...food }) => food) };
};

describe('logMeals', () => {
  it('writes what logMeal writes, meal by meal, and returns the meals in the order given', async () => {
    const one = await createPerson(db().pool);
    const many = await createPerson(db().pool);
    const singly = await db().kdb.asUser(one.id, async (me) => {
      const out = [];
      for (const m of MEALS) out.push(await me.meals.logMeal(m));
      return out;
    });
    const batch = await db().kdb.asUser(many.id, (me) => me.meals.logMeals(MEALS));
    expect(batch.map(shape)).toEqual(singly.map(shape));
    expect(batch.map((m) => m.mealType)).toEqual(['lunch', 'breakfast', 'dinner']);
    expect(batch[0]!.nutritionTotals).toEqual({ calories: 375.5, protein_g: 0.3, carbs_g: 42, iron_mg: 2 });
    expect(batch[1]!.nutritionTotals).toEqual({ calories: 90 });
    expect(batch[2]).toMatchObject({ foods: [], nutritionTotals: {}, aiAnalysis: { model: 'vision-1', dishes: 2 } });
    // What getMeal reads back is what logMeals returned; the rows are the caller's.
    for (const m of batch) expect(await db().kdb.asUser(many.id, (me) => me.meals.getMeal(m.id))).toEqual(m);
    expect(await count('select count(*) as n from app.meal_logs where user_id = $1', [many.id])).toBe(3);
    expect(await count('select count(*) as n from app.meal_foods where user_id = $1', [many.id])).toBe(4);
    expect(await db().kdb.asUser(one.id, (me) => me.meals.getMeal(batch[0]!.id))).toBeNull();
  });

  it('refuses bad input naming meals[i] and the rule, and writes nothing', async () => {
    const p = await createPerson(db().pool);
    const refuse = async (meals: unknown, field: string, rule: string) => {
      const error = await db().kdb.asUser(p.id, (me) => me.meals.logMeals(meals as LogMealInput[])).catch((e: unknown) => e);
      expect(error, field).toBeInstanceOf(ValidationError);
      expect(error, field).toMatchObject({ field, rule });
    };
    await refuse([MEALS[0], { ...MEALS[1], mealType: 'brunch' }], 'meals[1].mealType', 'enum');
    await refuse([MEALS[0], MEALS[1], { ...MEALS[2], mealTime: new Date(Date.now() + 3 * 86_400_000) }], 'meals[2].mealTime', 'future');
    await refuse([{ ...MEALS[0], foods: [{ name: 'x', confidence: 2 }] }], 'meals[0].foods[0].confidence', 'range');
    await refuse([MEALS[0], 'lunch'], 'meals[1]', 'object');
    await refuse([], 'meals', 'length');
    await refuse('lunch', 'meals', 'type');
    await refuse(Array.from({ length: 1001 }, () => MEALS[1]), 'meals', 'length');
    expect(await count('select count(*) as n from app.meal_logs where user_id = $1', [p.id])).toBe(0);
  });
});
