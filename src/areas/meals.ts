// meals area: meal logs with their foods, history pages, soft delete/undo, daily totals vs the
// goal, search by nutrition. SQL lives in queries/meals.sql; app.daily_nutrition_vs_goal in
// migrations/committed/000031. The person is the transaction's (personOf(client), passed as :userId).
import { personOf, type DbClient } from '../db/context.ts';
import { NotFoundError } from '../db/errors.ts';
import {
  dailyNutritionVsGoal,
  findMealsByNutrition as findMealsByNutritionQuery,
  getMeal as getMealQuery,
  insertMealWithFoods,
  insertMealsWithFoods,
  listMeals as listMealsQuery,
  replaceMealFoods,
  setMealDeleted,
  updateMeal as updateMealQuery,
  type IGetMealResult,
  type IListMealsResult,
} from '../generated/meals.queries.ts';
import { rebuildDailyMetrics as rebuildDailyMetricsQuery, refreshDailyMetrics as refreshDailyMetricsQuery } from '../generated/meals.queries.ts';
import {
  dayRange,
  fail,
  isPlainObject,
  jsonObject,
  list,
  num,
  NUTRIENTS,
  nutrition,
  oneOf,
  optionalInstant,
  optionalNum,
  optionalText,
  pageSize,
  pastInstant,
  text,
  timeIdCursor,
  toPage,
  uuid,
  type Nutrient,
  type Page,
} from './shared/input.ts';
import { runQuery } from '../db/run-query.ts';

export type { Page } from './shared/input.ts';

export type MealType = 'breakfast' | 'lunch' | 'dinner' | 'snack';
export const MEAL_TYPES: readonly MealType[] = ['breakfast', 'lunch', 'dinner', 'snack'];

/**
 * Nutrition JSON as stored: calories (kcal), protein_g, carbs_g, fat_g, fiber_g, sugar_g (grams),
 * sodium_mg (milligrams), each optional and >= 0; any other key is free (micros …).
 */
export type Nutrition = { [K in Nutrient]?: number } & { [key: string]: unknown };

export interface FoodInput {
  /** 1 to 200 characters. */
  name: string;
  /** > 0, in `unit`; null when unknown. */
  quantity?: number | null;
  /** 1 to 30 characters (g, ml, cup, piece …). */
  unit?: string | null;
  nutrition?: Nutrition;
  /** AI detection confidence 0 to 1; null for foods entered by hand. */
  confidence?: number | null;
}

export interface MealFood {
  id: string;
  name: string;
  quantity: number | null;
  unit: string | null;
  nutrition: Nutrition;
  confidence: number | null;
}

export interface Meal {
  id: string;
  mealTime: Date;
  mealType: MealType;
  nutritionTotals: Nutrition;
  aiAnalysis: Record<string, unknown> | null;
  imageUrl: string | null;
  notes: string | null;
  isDeleted: boolean;
  deletedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** In the order they were given. */
  foods: MealFood[];
}

/** A meal in a list: no foods, no AI analysis. */
export type MealSummary = Omit<Meal, 'foods' | 'aiAnalysis'>;

export interface LogMealInput {
  /** When the person ate. */
  mealTime: Date | string;
  mealType: MealType;
  /** At most 100. */
  foods?: FoodInput[];
  /** Default: the sum of the foods' nutrition (each numeric key). */
  nutritionTotals?: Nutrition;
  aiAnalysis?: Record<string, unknown> | null;
  imageUrl?: string | null;
  /** At most 4000 characters. */
  notes?: string | null;
}

const MAX_FOODS = 100;
const AI_ANALYSIS_BYTES = 262_144;

function foodsJson(value: unknown, field = 'foods'): string {
  return JSON.stringify(foodsOf(value, field));
}

function foodsOf(value: unknown, field: string) {
  return list(value, field, MAX_FOODS).map((f, i) => {
    const at = `${field}[${i}]`;
    if (!isPlainObject(f)) fail(at, 'object', 'must be an object');
    for (const key of Object.keys(f)) {
      if (!['name', 'quantity', 'unit', 'nutrition', 'confidence'].includes(key)) fail(`${at}.${key}`, 'unknown_field', 'is not a food field');
    }
    return {
      name: text(f.name, `${at}.name`, { max: 200, trim: true }),
      quantity: optionalNum(f.quantity, `${at}.quantity`, { min: 0, max: 1_000_000, exclusive: true }) ?? null,
      unit: optionalText(f.unit, `${at}.unit`, { max: 30, trim: true }) ?? null,
      nutrition: f.nutrition === undefined ? {} : nutrition(f.nutrition, `${at}.nutrition`),
      confidence: optionalNum(f.confidence, `${at}.confidence`, { min: 0, max: 1 }) ?? null,
    };
  });
}

// Explicit object literals (not rest/spread): these run for every row of every page.
function toMealSummary(r: IListMealsResult): MealSummary {
  return {
    id: r.id,
    mealTime: r.mealTime,
    mealType: r.mealType as MealType,
    nutritionTotals: r.nutritionTotals as Nutrition,
    imageUrl: r.imageUrl,
    notes: r.notes,
    isDeleted: r.isDeleted,
    deletedAt: r.deletedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

function toMeal(row: IGetMealResult): Meal {
  return {
    ...row,
    mealType: row.mealType as MealType,
    nutritionTotals: row.nutritionTotals as Nutrition,
    aiAnalysis: row.aiAnalysis as Record<string, unknown> | null,
    foods: row.foods as unknown as MealFood[],
  };
}

/** Logs a meal and its foods in one statement (so in one transaction). */
export async function logMeal(client: DbClient, input: LogMealInput): Promise<Meal> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const params = {
    mealTime: pastInstant(input.mealTime, 'mealTime'),
    mealType: oneOf(input.mealType, 'mealType', MEAL_TYPES),
    foods: foodsJson(input.foods ?? []),
    nutritionTotals: input.nutritionTotals === undefined ? null : JSON.stringify(nutrition(input.nutritionTotals, 'nutritionTotals')),
    aiAnalysis: input.aiAnalysis === undefined || input.aiAnalysis === null ? null : jsonObject(input.aiAnalysis, 'aiAnalysis', AI_ANALYSIS_BYTES),
    imageUrl: optionalText(input.imageUrl, 'imageUrl', { max: 2048 }) ?? null,
    notes: optionalText(input.notes, 'notes', { max: 4000, min: 0 }) ?? null,
  };
  const [row] = await runQuery(insertMealWithFoods, { ...params, userId: personOf(client) }, client);
  return toMeal(row!);
}

/** Most meals one logMeals call accepts. */
export const MAX_MEALS_PER_CALL = 1000;

/**
 * Logs several meals with their foods in one statement, all or nothing: an import, or an app that
 * syncs meals logged offline. Each meal is checked as logMeal checks it (a bad one rejects the call
 * with a ValidationError naming `meals[i].field`); the meals come back in the order given.
 */
export async function logMeals(client: DbClient, meals: LogMealInput[]): Promise<Meal[]> {
  const items = list(meals, 'meals', MAX_MEALS_PER_CALL, 1).map((input, i) => {
    const at = `meals[${i}]`;
    if (!isPlainObject(input)) fail(at, 'object', 'must be an object');
    return {
      mealTime: pastInstant(input.mealTime, `${at}.mealTime`).toISOString(),
      mealType: oneOf(input.mealType, `${at}.mealType`, MEAL_TYPES),
      foods: foodsOf(input.foods ?? [], `${at}.foods`),
      nutritionTotals: input.nutritionTotals === undefined ? null : nutrition(input.nutritionTotals, `${at}.nutritionTotals`),
      aiAnalysis: input.aiAnalysis === undefined || input.aiAnalysis === null ? null : (JSON.parse(jsonObject(input.aiAnalysis, `${at}.aiAnalysis`, AI_ANALYSIS_BYTES)) as unknown),
      imageUrl: optionalText(input.imageUrl, `${at}.imageUrl`, { max: 2048 }) ?? null,
      notes: optionalText(input.notes, `${at}.notes`, { max: 4000, min: 0 }) ?? null,
    };
  });
  const rows = await runQuery(insertMealsWithFoods, { meals: JSON.stringify(items), userId: personOf(client) }, client, 'meals');
  return rows.map(({ ord: _ord, ...row }) => toMeal(row));
}

/** One meal with its foods; null when it does not exist, is not the person's, or is soft-deleted (unless includeDeleted). */
export async function getMeal(client: DbClient, id: string, options: { includeDeleted?: boolean } = {}): Promise<Meal | null> {
  const [row] = await runQuery(getMealQuery, { userId: personOf(client), id: uuid(id, 'id'), includeDeleted: options.includeDeleted === true }, client);
  return row ? toMeal(row) : null;
}

export interface ListMealsOptions {
  /** Meals eaten at or after this instant. */
  from?: Date | string;
  /** Meals eaten before this instant. */
  to?: Date | string;
  /** Page size, 1 to 100 (default 20). */
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string | null;
  includeDeleted?: boolean;
}

function rangeAndCursor(options: { from?: unknown; to?: unknown; cursor?: unknown }) {
  const from = optionalInstant(options.from, 'from') ?? null;
  const to = optionalInstant(options.to, 'to') ?? null;
  if (from && to && to < from) fail('to', 'range', 'must not be before from');
  const after = options.cursor === undefined || options.cursor === null ? null : timeIdCursor(options.cursor);
  return { from, to, afterTime: after?.time ?? null, afterId: after?.id ?? null };
}

/** A person's meals, newest first (ties on mealTime broken by id), one page at a time. */
export async function listMeals(client: DbClient, options: ListMealsOptions = {}): Promise<Page<MealSummary>> {
  if (!isPlainObject(options)) fail('options', 'object', 'must be an object');
  const limit = pageSize(options.limit);
  const rows = await runQuery(listMealsQuery, 
    { ...rangeAndCursor(options), userId: personOf(client), includeDeleted: options.includeDeleted === true, limit: limit + 1 },
    client,
  );
  return toPage(rows, limit, (r) => [r.cursorTime, r.id], toMealSummary);
}

export interface MealChanges {
  mealTime?: Date | string;
  mealType?: MealType;
  nutritionTotals?: Nutrition;
  aiAnalysis?: Record<string, unknown> | null;
  imageUrl?: string | null;
  notes?: string | null;
  /** Replaces all foods; the totals are recomputed from them unless nutritionTotals is given too. */
  foods?: FoodInput[];
}

const MEAL_FIELDS = ['mealTime', 'mealType', 'nutritionTotals', 'aiAnalysis', 'imageUrl', 'notes', 'foods'];

/** Changes a live meal (absent fields keep their value; null clears aiAnalysis, imageUrl, notes). Soft-deleted meals cannot be changed. */
export async function updateMeal(client: DbClient, id: string, changes: MealChanges): Promise<Meal> {
  const mealId = uuid(id, 'id');
  if (!isPlainObject(changes)) fail('changes', 'object', 'must be an object');
  for (const key of Object.keys(changes)) if (!MEAL_FIELDS.includes(key)) fail(key, 'unknown_field', 'is not a meal field');
  const c = changes;
  const params = {
    id: mealId,
    mealTime: c.mealTime === undefined ? null : pastInstant(c.mealTime, 'mealTime'),
    mealType: c.mealType === undefined ? null : oneOf(c.mealType, 'mealType', MEAL_TYPES),
    nutritionTotals: c.nutritionTotals === undefined ? null : JSON.stringify(nutrition(c.nutritionTotals, 'nutritionTotals')),
    setAiAnalysis: c.aiAnalysis !== undefined,
    aiAnalysis: c.aiAnalysis === undefined || c.aiAnalysis === null ? null : jsonObject(c.aiAnalysis, 'aiAnalysis', AI_ANALYSIS_BYTES),
    setImageUrl: c.imageUrl !== undefined,
    imageUrl: optionalText(c.imageUrl, 'imageUrl', { max: 2048 }) ?? null,
    setNotes: c.notes !== undefined,
    notes: optionalText(c.notes, 'notes', { max: 4000, min: 0 }) ?? null,
  };
  const foods = c.foods === undefined ? undefined : foodsJson(c.foods);
  const updated = await runQuery(updateMealQuery, { ...params, userId: personOf(client) }, client);
  if (updated.length === 0) throw new NotFoundError('id', 'meal', 'no live meal with this id');
  if (foods !== undefined) {
    await runQuery(replaceMealFoods, { userId: personOf(client), mealId, foods, recomputeTotals: c.nutritionTotals === undefined }, client);
  }
  return (await getMeal(client, mealId))!;
}

async function setDeleted(client: DbClient, id: string, deleted: boolean) {
  const [row] = await runQuery(setMealDeleted, { userId: personOf(client), id: uuid(id, 'id'), deleted }, client);
  if (!row) throw new NotFoundError('id', 'meal', 'no meal with this id');
  return row;
}

/** Soft delete: the meal disappears from lists, totals and retrieval, and can be restored. Idempotent. */
export async function deleteMeal(client: DbClient, id: string): Promise<{ id: string; deletedAt: Date }> {
  const row = await setDeleted(client, id, true);
  return { id: row.id, deletedAt: row.deletedAt! };
}

/** Undoes a soft delete. Idempotent. */
export async function restoreMeal(client: DbClient, id: string): Promise<Meal> {
  const row = await setDeleted(client, id, false);
  return (await getMeal(client, row.id))!;
}

export interface DayTotals {
  /** Calendar day 'YYYY-MM-DD' in the person's time zone. */
  day: string;
  mealCount: number;
  calories: number;
  proteinG: number;
  carbsG: number;
  fatG: number;
  fiberG: number;
  sugarG: number;
  sodiumMg: number;
  /** The active goal's targets (null without an active goal, or without that target). */
  goal: {
    id: string;
    goalType: string;
    targetCalories: number;
    targetProteinG: number | null;
    targetCarbsG: number | null;
    targetFatG: number | null;
    targetFiberG: number | null;
    targetSugarG: number | null;
    targetSodiumMg: number | null;
  } | null;
}

/** Every day of [from, to] (at most 367 days) in the person's time zone: live meals summed, next to the active goal. */
export async function dailyTotals(client: DbClient, range: { from: string; to: string }): Promise<DayTotals[]> {
  const { from, to } = dayRange(range);
  const rows = await runQuery(dailyNutritionVsGoal, { userId: personOf(client), from, to }, client);
  return rows.map(({ goalId, goalType, targetCalories, targetProteinG, targetCarbsG, targetFatG, targetFiberG, targetSugarG, targetSodiumMg, ...day }) => ({
    ...day,
    goal:
      goalId === null
        ? null
        : { id: goalId, goalType: goalType!, targetCalories: targetCalories!, targetProteinG, targetCarbsG, targetFatG, targetFiberG, targetSugarG, targetSodiumMg },
  }));
}

/** Bounds on one nutrient; all given bounds must hold (a meal without the key never matches). */
export interface NutrientBounds {
  gte?: number;
  gt?: number;
  lte?: number;
  lt?: number;
  eq?: number;
}

export interface FindByNutritionOptions {
  /** e.g. { protein_g: { gte: 30 }, calories: { lte: 600 } }. */
  where: Partial<Record<Nutrient, NutrientBounds>>;
  from?: Date | string;
  to?: Date | string;
  limit?: number;
  cursor?: string | null;
}

const OPERATORS: Record<keyof NutrientBounds, string> = { gte: '>=', gt: '>', lte: '<=', lt: '<', eq: '==' };

/** The jsonpath predicate for nutrition_totals, from whitelisted keys and finite numbers only. */
export function nutritionPredicate(where: unknown): string {
  if (!isPlainObject(where)) fail('where', 'object', 'must be an object such as { protein_g: { gte: 30 } }');
  const terms: string[] = [];
  for (const [key, bounds] of Object.entries(where)) {
    if (!(NUTRIENTS as readonly string[]).includes(key)) fail(`where.${key}`, 'enum', `must be one of ${NUTRIENTS.join(', ')}`);
    if (!isPlainObject(bounds)) fail(`where.${key}`, 'object', 'must be an object such as { gte: 30 }');
    for (const [op, value] of Object.entries(bounds)) {
      if (!(op in OPERATORS)) fail(`where.${key}.${op}`, 'enum', `must be one of ${Object.keys(OPERATORS).join(', ')}`);
      const n = num(value, `where.${key}.${op}`, { min: -1e9, max: 1e9 });
      terms.push(`$.${key} ${OPERATORS[op as keyof NutrientBounds]} ${n}`);
    }
  }
  if (terms.length === 0) fail('where', 'length', 'needs at least one bound');
  return terms.join(' && ');
}

/** The person's live meals whose nutrition_totals satisfy every bound, newest first, paged like listMeals. */
export async function findMealsByNutrition(client: DbClient, options: FindByNutritionOptions): Promise<Page<MealSummary>> {
  if (!isPlainObject(options)) fail('options', 'object', 'must be an object');
  const predicate = nutritionPredicate(options.where);
  const limit = pageSize(options.limit);
  const rows = await runQuery(findMealsByNutritionQuery, { userId: personOf(client), ...rangeAndCursor(options), predicate, limit: limit + 1 }, client);
  return toPage(rows, limit, (r) => [r.cursorTime, r.id], toMealSummary);
}

export const forUser = {
  logMeal,
  logMeals,
  getMeal,
  listMeals,
  updateMeal,
  deleteMeal,
  restoreMeal,
  dailyTotals,
  findMealsByNutrition,
};
// --- the worker (metrics.rollup) ------------------------------------------------------------------

/** Recomputes the person's daily nutrition metrics of one day (YYYY-MM-DD). */
export async function refreshDailyMetrics(client: DbClient, userId: string, day: string): Promise<void> {
  await runQuery(refreshDailyMetricsQuery, { userId: uuid(userId, 'userId'), day: text(day, 'day', { max: 10 }) }, client);
}

/** Recomputes all of the person's daily nutrition metrics; returns the number of days. */
export async function rebuildDailyMetrics(client: DbClient, userId: string): Promise<number> {
  const [row] = await runQuery(rebuildDailyMetricsQuery, { userId: uuid(userId, 'userId') }, client);
  return row?.days ?? 0;
}

export const forWorker = { refreshDailyMetrics, rebuildDailyMetrics };
