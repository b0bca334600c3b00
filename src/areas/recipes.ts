// recipes area: search, get and device sync for people (published recipes only, through row-level
// security), and the admin portal's create / update / publish / unpublish / delete.
// SQL lives in queries/recipes.sql; the allergen rule in app.recipe_allergen_keys (migration 000040);
// the sync lock in app.recipe_sync_lock (000007, protocol in notes/data-model.md §14).
//
// Rules defined here (see notes/recipes-appliances.md):
// - Diet (user_preferences.diet) keeps recipes by tag: vegan → tag vegan; vegetarian → vegetarian
//   or vegan; pescatarian → pescatarian, vegetarian or vegan (admins tag fish/seafood recipes
//   without other meat "pescatarian"); no_restrictions, NULL or no preferences row → no filter.
// - Allergens (user_preferences.allergens) exclude every recipe whose allergen keys contain one of
//   them (keys: tags, ingredient names and their words, ingredients' declared "allergens"; all
//   normalised by app.allergen_key). Always applied in search; get() reports the matches instead.
import { personOf, type DbClient } from '../db/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../db/errors.ts';
import {
  adminCountCookingSessions,
  adminDeleteRecipe,
  adminGetRecipe,
  adminInsertRecipe,
  adminLockRecipe,
  adminRecipeWriteLock,
  adminSequentialShards,
  adminSetPublished,
  adminUpdateRecipe,
  getRecipe,
  recipeDataProblems,
  recordSync,
  searchPreferences,
  searchRecipes,
  syncChangedRecipes,
  syncDeletedIds,
  syncLock,
  type IAdminGetRecipeResult,
  type ISearchRecipesResult,
  type ISyncChangedRecipesResult,
} from '../generated/recipes.queries.ts';
import type { Diet } from './shared/input.ts';
import {
  bool,
  decodeCursor,
  isUuid,
  fail,
  instant,
  isPlainObject,
  jsonObject,
  list,
  num,
  oneOf,
  optionalNum,
  optionalText,
  pageSize,
  text,
  toPage,
  uuid,
  type Page,
} from './shared/input.ts';
import { runQuery } from '../db/run-query.ts';

export type { Page } from './shared/input.ts';
export type { Diet } from './shared/input.ts';

export const CUISINES = ['indian', 'italian', 'american', 'chinese', 'mexican', 'korean', 'thai', 'asian', 'global'] as const;
export type Cuisine = (typeof CUISINES)[number];
export const DIFFICULTIES = ['easy', 'medium', 'hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

/** One ingredient of a stage (the controller's recipe format); other keys are free. */
export interface RecipeIngredient {
  name?: string;
  amount_g?: number;
  /** Allergens the ingredient holds that its name does not say, e.g. paneer → ["dairy"]. */
  allergens?: string[];
  [key: string]: unknown;
}

export interface RecipeStage {
  name: string;
  temp_target?: number;
  duration_seconds?: number;
  ingredients?: RecipeIngredient[];
  [key: string]: unknown;
}

/** recipe_data: the appliance's recipe definition (validated by app.recipe_data_problems). */
export interface RecipeData {
  stages: RecipeStage[];
  [key: string]: unknown;
}

/** A recipe in search results: everything but recipe_data. */
export interface RecipeSummary {
  id: string;
  name: string;
  category: string;
  cuisine: Cuisine;
  tags: string[];
  difficulty: Difficulty;
  timeMinutes: number;
  servings: number;
  calories: number | null;
  proteinG: number | null;
  carbsG: number | null;
  fatsG: number | null;
  imageUrl: string | null;
  version: number;
  updatedAt: Date;
  /** ts_rank of the query (0 without a query). */
  rank: number;
}

export interface Recipe extends Omit<RecipeSummary, 'rank'> {
  recipeData: RecipeData;
  isPublished: boolean;
  createdAt: Date;
}

/** A recipe as a person sees it: which of their allergens it contains (normally none). */
export interface PersonRecipe extends Recipe {
  containsAllergens: string[];
}

/** A recipe as the admin portal sees it. */
export interface AdminRecipe extends Recipe {
  createdBy: string | null;
}

// --- people: search ------------------------------------------------------------------------------

export interface SearchInput {
  /** Free text in web-search syntax (websearch_to_tsquery: words, "phrases", or, -not); blank = browse. At most 200 characters. */
  query?: string | null;
  category?: string | null;
  cuisine?: Cuisine | null;
  difficulty?: Difficulty | null;
  /** Only recipes that take at most this many minutes. */
  maxTimeMinutes?: number | null;
  /** Only recipes carrying every one of these tags. */
  tags?: string[] | null;
  /** Apply the person's diet (default true). Allergens are always excluded. */
  applyDiet?: boolean;
  /** Page size, 1 to 100 (default 20). */
  limit?: number;
  /** nextCursor of the previous page. */
  cursor?: string | null;
}

export interface SearchResult extends Page<RecipeSummary> {
  /** What the person's preferences added to the filters. */
  applied: { diet: Diet | null; allergens: string[] };
}

const DIET_TAGS: Record<Diet, string[] | null> = {
  vegan: ['vegan'],
  vegetarian: ['vegetarian', 'vegan'],
  pescatarian: ['pescatarian', 'vegetarian', 'vegan'],
  no_restrictions: null,
};

function tagList(value: unknown, field: string, max = 30): string[] {
  const tags = list(value, field, max).map((t, i) => text(t, `${field}[${i}]`, { max: 50, trim: true }).toLowerCase());
  return [...new Set(tags)];
}

function category(value: unknown, field = 'category'): string {
  return text(value, field, { max: 50, trim: true }).toLowerCase();
}

// A rank as JavaScript prints a number (the real PostgreSQL returned round-trips exactly).
const RANK = /^\d+(\.\d+)?(e[-+]?\d+)?$/;

/** The row is the summary (cuisine and difficulty only narrow their types): no copy per row. */
function toSummary(row: ISearchRecipesResult): RecipeSummary {
  return row as Omit<ISearchRecipesResult, 'cuisine' | 'difficulty'> as RecipeSummary;
}

/**
 * Ranked full-text search over published recipes with filters, the person's diet and allergens
 * (from user_preferences), one keyset page at a time (rank, then name, then id).
 */
export async function search(client: DbClient, input: SearchInput = {}): Promise<SearchResult> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const query = optionalText(input.query, 'query', { min: 0, max: 200, trim: true }) ?? '';
  const limit = pageSize(input.limit);
  const applyDiet = input.applyDiet === undefined ? true : bool(input.applyDiet, 'applyDiet');
  let after: { rank: number; name: string; id: string } | null = null;
  if (input.cursor !== undefined && input.cursor !== null) {
    const [rank, name, id] = decodeCursor(input.cursor, 'cursor', (p) =>
      p.length === 3 && typeof p[0] === 'string' && RANK.test(p[0]) && typeof p[1] === 'string' && isUuid(p[2]),
    ) as [string, string, string];
    // A rank the API wrote is a finite real (float4, at most ~3.4e38): 1e999 (Infinity) or 1e39
    // is a tampered cursor, which would otherwise fail in PostgreSQL without naming the cursor.
    if (!(Math.abs(Number(rank)) <= 3.4e38)) fail('cursor', 'cursor', 'is not a cursor returned by this API');
    after = { rank: Number(rank), name, id };
  }
  const filters = {
    category: input.category === undefined || input.category === null ? null : category(input.category),
    cuisine: input.cuisine === undefined || input.cuisine === null ? null : oneOf(input.cuisine, 'cuisine', CUISINES),
    difficulty: input.difficulty === undefined || input.difficulty === null ? null : oneOf(input.difficulty, 'difficulty', DIFFICULTIES),
    maxTimeMinutes: optionalNum(input.maxTimeMinutes, 'maxTimeMinutes', { min: 1, max: 1440, integer: true }) ?? null,
    tags: input.tags === undefined || input.tags === null ? null : tagList(input.tags, 'tags'),
  };

  const [prefs] = await runQuery(searchPreferences, { userId: personOf(client) }, client);
  const diet = (prefs?.diet ?? null) as Diet | null;
  const dietTags = applyDiet && diet ? DIET_TAGS[diet] : null;
  const allergens = prefs?.allergens ?? [];

  const rows = await runQuery(searchRecipes,
    {
      query,
      ...filters,
      tags: filters.tags && filters.tags.length > 0 ? filters.tags : null,
      dietTags,
      allergens,
      afterRank: after?.rank ?? null,
      afterName: after?.name ?? null,
      afterId: after?.id ?? null,
      limit: limit + 1,
    },
    client,
  );
  return {
    ...toPage(rows, limit, (r) => [String(r.rank), r.name, r.id], toSummary),
    applied: { diet: dietTags ? diet : null, allergens },
  };
}

// --- people: get -----------------------------------------------------------------------------------

function toRecipe<R extends ISyncChangedRecipesResult>(row: R): Omit<R, 'cuisine' | 'difficulty' | 'recipeData'> & Recipe {
  return { ...row, cuisine: row.cuisine as Cuisine, difficulty: row.difficulty as Difficulty, recipeData: row.recipeData as unknown as RecipeData };
}

/** A published recipe with its full recipe_data, and which of the person's allergens it contains. NotFoundError otherwise. */
export async function get(client: DbClient, recipeId: string): Promise<PersonRecipe> {
  const id = uuid(recipeId, 'recipeId');
  const [row] = await runQuery(getRecipe, { userId: personOf(client), id }, client);
  if (!row) throw new NotFoundError('recipeId', 'published_recipe', `recipeId: no published recipe ${id}`);
  return toRecipe(row) as PersonRecipe;
}

// --- people: sync ----------------------------------------------------------------------------------

export interface SyncInput {
  /** The serverTime of the device's previous sync; null or absent = full sync. */
  since?: Date | string | null;
}

export interface SyncResult {
  /** Published recipes changed after `since` (all published recipes for a full sync), oldest change first. */
  recipes: Recipe[];
  /** Recipes the device must remove: deleted or unpublished after `since` (empty for a full sync: replace everything). */
  deletedIds: string[];
  /** Pass it as `since` next time (millisecond precision, never after the moment the sync saw the data). */
  serverTime: Date;
  /** True when `since` was null: the device replaces its whole copy. */
  full: boolean;
}

/**
 * Device recipe sync (Epicura "Recipe Sync"), in the caller's READ COMMITTED transaction:
 * app.recipe_sync_lock() first (waits for recipe writers in flight; writers wait for this
 * transaction), then the reads in later statements, so no change can fall between two syncs.
 * Records the server time as user_preferences.last_sync_at. Commit promptly: writers wait.
 */
export async function sync(client: DbClient, input: SyncInput = {}): Promise<SyncResult> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const since = input.since === undefined || input.since === null ? null : instant(input.since, 'since');
  const [lock] = await runQuery(syncLock, undefined, client);
  const serverTime = lock!.serverTime;
  const changed = await runQuery(syncChangedRecipes, { since }, client);
  const deleted = since ? await runQuery(syncDeletedIds, { since }, client) : [];
  await runQuery(recordSync, { userId: personOf(client), serverTime }, client);
  return {
    recipes: changed.map((r) => toRecipe(r)),
    deletedIds: deleted.map((d) => d.recipeId),
    serverTime,
    full: since === null,
  };
}

export const forUser = { search, get, sync };

// --- admin -----------------------------------------------------------------------------------------

export interface RecipeInput {
  /** Optional fixed id (imports); default a new uuid. */
  id?: string;
  /** 1 to 200 characters. */
  name: string;
  /** 1 to 50 characters, stored in lower case (dal, curry, rice, pasta, soup …). */
  category: string;
  /** Default indian. */
  cuisine?: Cuisine;
  recipeData: RecipeData;
  /** At most 30 tags of 1 to 50 characters, stored trimmed, in lower case, without duplicates. */
  tags?: string[];
  difficulty: Difficulty;
  /** 1 to 1440. */
  timeMinutes: number;
  /** 1 to 4 (default 4). */
  servings?: number;
  calories?: number | null;
  proteinG?: number | null;
  carbsG?: number | null;
  fatsG?: number | null;
  /** http(s):// or s3:// URL, at most 2048 characters. */
  imageUrl?: string | null;
  /** Default false. */
  isPublished?: boolean;
  /** The admin's app.users id. */
  createdBy?: string | null;
}

export type RecipePatch = Partial<Omit<RecipeInput, 'id' | 'isPublished' | 'createdBy'>> & {
  /** Refuse the update (ConflictError) unless the recipe still has this version. */
  expectedVersion?: number;
};

const RECIPE_DATA_BYTES = 262_144;
const NUTRITION_MAX = 100_000;

function recipeDataJson(value: unknown): string {
  if (!isPlainObject(value)) fail('recipeData', 'object', 'must be a JSON object with a stages array');
  return jsonObject(value, 'recipeData', RECIPE_DATA_BYTES);
}

function imageUrl(value: unknown): string | null {
  const url = optionalText(value, 'imageUrl', { max: 2048, trim: true }) ?? null;
  if (url !== null && !/^(https?|s3):\/\/\S+$/.test(url)) fail('imageUrl', 'url', 'must be an http(s):// or s3:// URL without spaces');
  return url;
}

interface RecipeColumns {
  name: string;
  category: string;
  cuisine: Cuisine;
  recipeData: string;
  tags: string[];
  difficulty: Difficulty;
  timeMinutes: number;
  servings: number;
  calories: number | null;
  proteinG: number | null;
  carbsG: number | null;
  fatsG: number | null;
  imageUrl: string | null;
}

/** Validates every field of a full recipe (create, or an update merged over the stored row). */
function recipeColumns(input: Record<string, unknown>): RecipeColumns {
  const nutrient = (key: string) => optionalNum(input[key], key, { min: 0, max: NUTRITION_MAX }) ?? null;
  return {
    name: text(input.name, 'name', { max: 200, trim: true }),
    category: category(input.category),
    cuisine: input.cuisine === undefined ? 'indian' : oneOf(input.cuisine, 'cuisine', CUISINES),
    recipeData: recipeDataJson(input.recipeData),
    tags: input.tags === undefined || input.tags === null ? [] : tagList(input.tags, 'tags'),
    difficulty: oneOf(input.difficulty, 'difficulty', DIFFICULTIES),
    timeMinutes: num(input.timeMinutes, 'timeMinutes', { min: 1, max: 1440, integer: true }),
    servings: input.servings === undefined ? 4 : num(input.servings, 'servings', { min: 1, max: 4, integer: true }),
    calories: nutrient('calories'),
    proteinG: nutrient('proteinG'),
    carbsG: nutrient('carbsG'),
    fatsG: nutrient('fatsG'),
    imageUrl: imageUrl(input.imageUrl),
  };
}

/** Readable reasons why recipe data is invalid (app.recipe_data_problems); empty when it is valid. */
export async function checkRecipeData(client: DbClient, recipeData: unknown): Promise<string[]> {
  return problemsOf(client, recipeDataJson(recipeData));
}

async function problemsOf(client: DbClient, json: string): Promise<string[]> {
  const [row] = await runQuery(recipeDataProblems, { recipeData: json }, client);
  return row?.problems ?? [];
}

async function assertRecipeData(client: DbClient, json: string): Promise<void> {
  const problems = await problemsOf(client, json);
  if (problems.length > 0) {
    throw new ValidationError('recipeData', 'recipes_recipe_data_check', `recipeData: ${problems.join('; ')}`);
  }
}

function toAdminRecipe(row: IAdminGetRecipeResult): AdminRecipe {
  return toRecipe(row) as AdminRecipe;
}

/** Creates a recipe (unpublished unless isPublished). */
export async function create(client: DbClient, input: RecipeInput): Promise<AdminRecipe> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const columns = recipeColumns(input);
  const id = input.id === undefined || input.id === null ? null : uuid(input.id, 'id');
  const isPublished = input.isPublished === undefined ? false : bool(input.isPublished, 'isPublished');
  const createdBy = input.createdBy === undefined || input.createdBy === null ? null : uuid(input.createdBy, 'createdBy');
  await assertRecipeData(client, columns.recipeData);
  const [row] = await runQuery(adminInsertRecipe, { ...columns, id, isPublished, createdBy }, client);
  return toAdminRecipe(row!);
}

/** Changes the given fields (version +1 when something really changed). */
export async function update(client: DbClient, recipeId: string, patch: RecipePatch): Promise<AdminRecipe> {
  const id = uuid(recipeId, 'recipeId');
  if (!isPlainObject(patch)) fail('patch', 'object', 'must be an object');
  const allowed = ['name', 'category', 'cuisine', 'recipeData', 'tags', 'difficulty', 'timeMinutes', 'servings', 'calories', 'proteinG', 'carbsG', 'fatsG', 'imageUrl', 'expectedVersion'];
  for (const key of Object.keys(patch)) if (!allowed.includes(key)) fail(key, 'unknown_field', 'cannot be changed by update (publish/unpublish change isPublished)');
  const expectedVersion = optionalNum(patch.expectedVersion, 'expectedVersion', { min: 1, integer: true }) ?? null;
  await runQuery(adminRecipeWriteLock, undefined, client);
  const [current] = await runQuery(adminLockRecipe, { id }, client);
  if (!current) throw new NotFoundError('recipeId', 'recipe', `recipeId: no recipe ${id}`);
  if (expectedVersion !== null && current.version !== expectedVersion) {
    throw new ConflictError('expectedVersion', 'version', `expectedVersion: recipe ${id} is at version ${current.version}, not ${expectedVersion}`);
  }
  const merged: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) if (key !== 'expectedVersion' && value !== undefined) merged[key] = value;
  const columns = recipeColumns(merged);
  if (patch.recipeData !== undefined) await assertRecipeData(client, columns.recipeData);
  const [row] = await runQuery(adminUpdateRecipe, { ...columns, id }, client);
  return toAdminRecipe(row!);
}

async function setPublished(client: DbClient, recipeId: string, isPublished: boolean): Promise<AdminRecipe> {
  const id = uuid(recipeId, 'recipeId');
  const [row] = await runQuery(adminSetPublished, { id, isPublished }, client);
  if (!row) throw new NotFoundError('recipeId', 'recipe', `recipeId: no recipe ${id}`);
  return toAdminRecipe(row);
}

/** Publishes a recipe: people see it, devices get it at their next sync. Publishing a published recipe changes nothing. */
export function publish(client: DbClient, recipeId: string): Promise<AdminRecipe> {
  return setPublished(client, recipeId, true);
}

/** Unpublishes a recipe: hidden from people, devices remove it at their next sync (deletedIds). */
export function unpublish(client: DbClient, recipeId: string): Promise<AdminRecipe> {
  return setPublished(client, recipeId, false);
}

function cookedError(id: string, sessions: number | null, cause?: unknown): ConflictError {
  const count = sessions === null ? 'people have cooked it' : `${sessions} cooking session${sessions === 1 ? '' : 's'} refer to it`;
  return new ConflictError(
    'recipeId',
    'cooking_sessions_recipe_id_fkey',
    `recipeId: recipe ${id} cannot be deleted because ${count} (people's cooking history keeps its recipe); unpublish it instead`,
    cause,
  );
}

/** Deletes a recipe that nobody has cooked; a cooked one is refused (ConflictError): unpublish it instead. */
async function deleteRecipe(client: DbClient, recipeId: string): Promise<{ id: string }> {
  const id = uuid(recipeId, 'recipeId');
  // Citus: one connection per node, so the count does not forbid the delete (queries/recipes.sql).
  await runQuery(adminSequentialShards, undefined, client);
  const [count] = await runQuery(adminCountCookingSessions, { recipeId: id }, client);
  if (count && count.sessions > 0) throw cookedError(id, count.sessions);
  // A session recorded between the count and the delete: a ConflictError (src/db/errors.ts).
  const rows = await runQuery(adminDeleteRecipe, { id }, client);
  if (rows.length === 0) throw new NotFoundError('recipeId', 'recipe', `recipeId: no recipe ${id}`);
  return { id };
}

/** Any recipe, published or not. */
async function adminGet(client: DbClient, recipeId: string): Promise<AdminRecipe> {
  const id = uuid(recipeId, 'recipeId');
  const [row] = await runQuery(adminGetRecipe, { id }, client);
  if (!row) throw new NotFoundError('recipeId', 'recipe', `recipeId: no recipe ${id}`);
  return toAdminRecipe(row);
}

export const forAdmin = { create, update, publish, unpublish, delete: deleteRecipe, get: adminGet, checkRecipeData };
