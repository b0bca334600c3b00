/** Types generated for queries found in "queries/recipes.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type NumberOrString = number | string;

export type stringArray = (string)[];

/** 'SearchPreferences' parameters type */
export interface ISearchPreferencesParams {
  userId: string;
}

/** 'SearchPreferences' return type */
export interface ISearchPreferencesResult {
  allergens: stringArray;
  /** Diet: vegetarian, vegan, pescatarian or no_restrictions. */
  diet: string | null;
}

/** 'SearchPreferences' query type */
export interface ISearchPreferencesQuery {
  params: ISearchPreferencesParams;
  result: ISearchPreferencesResult;
}

const searchPreferencesIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":275,"b":282}]}],"statement":"SELECT\n  p.diet AS \"diet?\",\n  coalesce(\n    (SELECT array_agg(DISTINCT app.allergen_key(a.allergen)) FROM unnest(p.allergens) AS a (allergen)\n      WHERE app.allergen_key(a.allergen) IS NOT NULL),\n    '{}'\n  ) AS \"allergens!\"\nFROM app.user_preferences AS p\nWHERE p.user_id = :userId!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT
 *   p.diet AS "diet?",
 *   coalesce(
 *     (SELECT array_agg(DISTINCT app.allergen_key(a.allergen)) FROM unnest(p.allergens) AS a (allergen)
 *       WHERE app.allergen_key(a.allergen) IS NOT NULL),
 *     '{}'
 *   ) AS "allergens!"
 * FROM app.user_preferences AS p
 * WHERE p.user_id = :userId!
 * ```
 */
export const searchPreferences = new PreparedQuery<ISearchPreferencesParams,ISearchPreferencesResult>(searchPreferencesIR);


/** 'SearchRecipes' parameters type */
export interface ISearchRecipesParams {
  afterId?: string | null | void;
  afterName?: string | null | void;
  afterRank?: number | null | void;
  allergens: stringArray;
  category?: string | null | void;
  cuisine?: string | null | void;
  dietTags?: stringArray | null | void;
  difficulty?: string | null | void;
  limit: NumberOrString;
  maxTimeMinutes?: number | null | void;
  query: string;
  tags?: stringArray | null | void;
}

/** 'SearchRecipes' return type */
export interface ISearchRecipesResult {
  /** Calories per serving (kcal), >= 0. */
  calories: number | null;
  /** Carbohydrates per serving (g), >= 0. */
  carbsG: number | null;
  /** Dish category: dal, curry, rice, pasta, soup ... (free list, not empty). */
  category: string;
  cuisine: string;
  /** easy, medium or hard. */
  difficulty: string;
  /** Fats per serving (g), >= 0. */
  fatsG: number | null;
  /** Recipe identifier; never changes (devices key their copy on it). */
  id: string;
  /** Recipe photo URL (S3/R2): food in a bowl, shown on the left of the recipe card. */
  imageUrl: string | null;
  /** Display name, e.g. "Dal Tadka". */
  name: string;
  /** Protein per serving (g), >= 0. */
  proteinG: number | null;
  rank: number;
  /** Default serving count, 1 to 4 (the appliance's capacity, as user_preferences.default_servings). */
  servings: number;
  tags: stringArray;
  /** Total estimated cooking time in minutes (1 to 1440). */
  timeMinutes: number;
  /** Last real edit, clock_timestamp() under the sync lock (app.recipe_admin_*, or trigger recipes_stamp for plain SQL). The sync protocol returns published recipes with updated_at > since. */
  updatedAt: Date;
  /** Recipe version: 1 on creation, +1 on every real edit (app.recipe_admin_update, or trigger recipes_stamp for plain SQL; an UPDATE that changes nothing keeps it). */
  version: number;
}

/** 'SearchRecipes' query type */
export interface ISearchRecipesQuery {
  params: ISearchRecipesParams;
  result: ISearchRecipesResult;
}

const searchRecipesIR: any = {"usedParamSet":{"query":true,"category":true,"cuisine":true,"difficulty":true,"maxTimeMinutes":true,"tags":true,"dietTags":true,"allergens":true,"afterRank":true,"afterName":true,"afterId":true,"limit":true},"params":[{"name":"query","required":true,"transform":{"type":"scalar"},"locs":[{"a":820,"b":826},{"a":923,"b":929},{"a":1027,"b":1033},{"a":1105,"b":1111}]},{"name":"category","required":false,"transform":{"type":"scalar"},"locs":[{"a":1125,"b":1133},{"a":1165,"b":1173}]},{"name":"cuisine","required":false,"transform":{"type":"scalar"},"locs":[{"a":1186,"b":1193},{"a":1224,"b":1231}]},{"name":"difficulty","required":false,"transform":{"type":"scalar"},"locs":[{"a":1244,"b":1254},{"a":1288,"b":1298}]},{"name":"maxTimeMinutes","required":false,"transform":{"type":"scalar"},"locs":[{"a":1311,"b":1325},{"a":1365,"b":1379}]},{"name":"tags","required":false,"transform":{"type":"scalar"},"locs":[{"a":1392,"b":1396},{"a":1427,"b":1431}]},{"name":"dietTags","required":false,"transform":{"type":"scalar"},"locs":[{"a":1444,"b":1452},{"a":1483,"b":1491}]},{"name":"allergens","required":true,"transform":{"type":"scalar"},"locs":[{"a":1527,"b":1537}]},{"name":"afterRank","required":false,"transform":{"type":"scalar"},"locs":[{"a":1626,"b":1635},{"a":1669,"b":1678},{"a":1699,"b":1708}]},{"name":"afterName","required":false,"transform":{"type":"scalar"},"locs":[{"a":1739,"b":1748}]},{"name":"afterId","required":false,"transform":{"type":"scalar"},"locs":[{"a":1757,"b":1764}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":1828,"b":1834}]}],"statement":"-- Ranked full-text search plus filters, one page (keyset: rank DESC, name, id; the cursor is the\n-- last row's (rank, name, id); a real's text round-trips exactly through a JS number). It runs on\n-- app.recipe_search (published recipes only, no row-level security, so its GIN and btree indexes\n-- work; migration 000043), then reads the page's recipes by primary key. A query without lexemes\n-- (blank, or only stop words) matches every recipe with rank 0: the order is by name. Filters\n-- given as NULL do not apply; each call is planned with its values, so they fold away. Diet tags\n-- come from the person's diet (DIET_TAGS in src/recipes.ts), allergen keys from SearchPreferences\n-- (app.recipe_allergen_keys).\nWITH hits AS (\n  SELECT s.recipe_id, s.name,\n         CASE WHEN numnode(websearch_to_tsquery('english', :query!)) = 0 THEN 0::real\n              ELSE ts_rank(s.search_vector, websearch_to_tsquery('english', :query!)) END AS rank\n    FROM app.recipe_search AS s\n   WHERE (numnode(websearch_to_tsquery('english', :query!)) = 0\n          OR s.search_vector @@ websearch_to_tsquery('english', :query!))\n     AND (:category::text IS NULL OR s.category = :category)\n     AND (:cuisine::text IS NULL OR s.cuisine = :cuisine)\n     AND (:difficulty::text IS NULL OR s.difficulty = :difficulty)\n     AND (:maxTimeMinutes::integer IS NULL OR s.time_minutes <= :maxTimeMinutes)\n     AND (:tags::text[] IS NULL OR s.tags @> :tags)\n     AND (:dietTags::text[] IS NULL OR s.tags && :dietTags)\n     AND NOT (s.allergen_keys && :allergens!::text[])\n), page AS (\n  SELECT h.recipe_id, h.name, h.rank\n    FROM hits AS h\n   WHERE :afterRank::real IS NULL\n      OR h.rank < :afterRank\n      OR (h.rank = :afterRank AND (h.name, h.recipe_id) > (:afterName::text, :afterId::uuid))\n   ORDER BY h.rank DESC, h.name, h.recipe_id\n   LIMIT :limit!\n)\nSELECT\n  r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS \"cuisine!\", coalesce(r.tags, '{}') AS \"tags!\", r.difficulty,\n  r.time_minutes AS \"timeMinutes\", r.servings, r.calories, r.protein_g AS \"proteinG\", r.carbs_g AS \"carbsG\",\n  r.fats_g AS \"fatsG\", r.image_url AS \"imageUrl\", r.version, r.updated_at AS \"updatedAt\", p.rank AS \"rank!\"\nFROM page AS p\nJOIN app.recipes AS r ON r.id = p.recipe_id\nORDER BY p.rank DESC, p.name, p.recipe_id"};

/**
 * Query generated from SQL:
 * ```
 * -- Ranked full-text search plus filters, one page (keyset: rank DESC, name, id; the cursor is the
 * -- last row's (rank, name, id); a real's text round-trips exactly through a JS number). It runs on
 * -- app.recipe_search (published recipes only, no row-level security, so its GIN and btree indexes
 * -- work; migration 000043), then reads the page's recipes by primary key. A query without lexemes
 * -- (blank, or only stop words) matches every recipe with rank 0: the order is by name. Filters
 * -- given as NULL do not apply; each call is planned with its values, so they fold away. Diet tags
 * -- come from the person's diet (DIET_TAGS in src/recipes.ts), allergen keys from SearchPreferences
 * -- (app.recipe_allergen_keys).
 * WITH hits AS (
 *   SELECT s.recipe_id, s.name,
 *          CASE WHEN numnode(websearch_to_tsquery('english', :query!)) = 0 THEN 0::real
 *               ELSE ts_rank(s.search_vector, websearch_to_tsquery('english', :query!)) END AS rank
 *     FROM app.recipe_search AS s
 *    WHERE (numnode(websearch_to_tsquery('english', :query!)) = 0
 *           OR s.search_vector @@ websearch_to_tsquery('english', :query!))
 *      AND (:category::text IS NULL OR s.category = :category)
 *      AND (:cuisine::text IS NULL OR s.cuisine = :cuisine)
 *      AND (:difficulty::text IS NULL OR s.difficulty = :difficulty)
 *      AND (:maxTimeMinutes::integer IS NULL OR s.time_minutes <= :maxTimeMinutes)
 *      AND (:tags::text[] IS NULL OR s.tags @> :tags)
 *      AND (:dietTags::text[] IS NULL OR s.tags && :dietTags)
 *      AND NOT (s.allergen_keys && :allergens!::text[])
 * ), page AS (
 *   SELECT h.recipe_id, h.name, h.rank
 *     FROM hits AS h
 *    WHERE :afterRank::real IS NULL
 *       OR h.rank < :afterRank
 *       OR (h.rank = :afterRank AND (h.name, h.recipe_id) > (:afterName::text, :afterId::uuid))
 *    ORDER BY h.rank DESC, h.name, h.recipe_id
 *    LIMIT :limit!
 * )
 * SELECT
 *   r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS "cuisine!", coalesce(r.tags, '{}') AS "tags!", r.difficulty,
 *   r.time_minutes AS "timeMinutes", r.servings, r.calories, r.protein_g AS "proteinG", r.carbs_g AS "carbsG",
 *   r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version, r.updated_at AS "updatedAt", p.rank AS "rank!"
 * FROM page AS p
 * JOIN app.recipes AS r ON r.id = p.recipe_id
 * ORDER BY p.rank DESC, p.name, p.recipe_id
 * ```
 */
export const searchRecipes = new PreparedQuery<ISearchRecipesParams,ISearchRecipesResult>(searchRecipesIR);


/** 'GetRecipe' parameters type */
export interface IGetRecipeParams {
  id: string;
  userId: string;
}

/** 'GetRecipe' return type */
export interface IGetRecipeResult {
  /** Calories per serving (kcal), >= 0. */
  calories: number | null;
  /** Carbohydrates per serving (g), >= 0. */
  carbsG: number | null;
  /** Dish category: dal, curry, rice, pasta, soup ... (free list, not empty). */
  category: string;
  containsAllergens: stringArray;
  /** Creation timestamp. */
  createdAt: Date;
  cuisine: string;
  /** easy, medium or hard. */
  difficulty: string;
  /** Fats per serving (g), >= 0. */
  fatsG: number | null;
  /** Recipe identifier; never changes (devices key their copy on it). */
  id: string;
  /** Recipe photo URL (S3/R2): food in a bowl, shown on the left of the recipe card. */
  imageUrl: string | null;
  /** Visible to people and synced to devices when true. Unpublishing writes a tombstone (reason unpublished) so devices remove their copy. */
  isPublished: boolean;
  /** Display name, e.g. "Dal Tadka". */
  name: string;
  /** Protein per serving (g), >= 0. */
  proteinG: number | null;
  /** Full recipe definition for the appliance (the controller's YAML format as JSON: stages with temperatures, durations, ingredients). Validated by app.recipe_data_is_valid (see app.recipe_data_problems). */
  recipeData: Json;
  /** Default serving count, 1 to 4 (the appliance's capacity, as user_preferences.default_servings). */
  servings: number;
  tags: stringArray;
  /** Total estimated cooking time in minutes (1 to 1440). */
  timeMinutes: number;
  /** Last real edit, clock_timestamp() under the sync lock (app.recipe_admin_*, or trigger recipes_stamp for plain SQL). The sync protocol returns published recipes with updated_at > since. */
  updatedAt: Date;
  /** Recipe version: 1 on creation, +1 on every real edit (app.recipe_admin_update, or trigger recipes_stamp for plain SQL; an UPDATE that changes nothing keeps it). */
  version: number;
}

/** 'GetRecipe' query type */
export interface IGetRecipeQuery {
  params: IGetRecipeParams;
  result: IGetRecipeResult;
}

const getRecipeIR: any = {"usedParamSet":{"userId":true,"id":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":662,"b":669}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":749,"b":752}]}],"statement":"SELECT\n  r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS \"cuisine!\", r.recipe_data AS \"recipeData\", coalesce(r.tags, '{}') AS \"tags!\",\n  r.difficulty, r.time_minutes AS \"timeMinutes\", r.servings, r.calories, r.protein_g AS \"proteinG\",\n  r.carbs_g AS \"carbsG\", r.fats_g AS \"fatsG\", r.image_url AS \"imageUrl\", r.version, r.is_published AS \"isPublished\",\n  r.created_at AS \"createdAt\", r.updated_at AS \"updatedAt\",\n  ARRAY(\n    SELECT k FROM unnest(app.recipe_allergen_keys(r.recipe_data, r.tags)) AS k\n    INTERSECT\n    SELECT app.allergen_key(a.allergen)\n      FROM app.user_preferences AS p, unnest(p.allergens) AS a (allergen)\n     WHERE p.user_id = :userId!\n    ORDER BY 1\n  ) AS \"containsAllergens!\"\nFROM app.recipes AS r\nWHERE r.id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT
 *   r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData", coalesce(r.tags, '{}') AS "tags!",
 *   r.difficulty, r.time_minutes AS "timeMinutes", r.servings, r.calories, r.protein_g AS "proteinG",
 *   r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version, r.is_published AS "isPublished",
 *   r.created_at AS "createdAt", r.updated_at AS "updatedAt",
 *   ARRAY(
 *     SELECT k FROM unnest(app.recipe_allergen_keys(r.recipe_data, r.tags)) AS k
 *     INTERSECT
 *     SELECT app.allergen_key(a.allergen)
 *       FROM app.user_preferences AS p, unnest(p.allergens) AS a (allergen)
 *      WHERE p.user_id = :userId!
 *     ORDER BY 1
 *   ) AS "containsAllergens!"
 * FROM app.recipes AS r
 * WHERE r.id = :id!
 * ```
 */
export const getRecipe = new PreparedQuery<IGetRecipeParams,IGetRecipeResult>(getRecipeIR);


/** 'SyncLock' parameters type */
export type ISyncLockParams = void;

/** 'SyncLock' return type */
export interface ISyncLockResult {
  serverTime: Date;
}

/** 'SyncLock' query type */
export interface ISyncLockQuery {
  params: ISyncLockParams;
  result: ISyncLockResult;
}

const syncLockIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT date_trunc('milliseconds', app.recipe_sync_lock()) AS \"serverTime!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT date_trunc('milliseconds', app.recipe_sync_lock()) AS "serverTime!"
 * ```
 */
export const syncLock = new PreparedQuery<ISyncLockParams,ISyncLockResult>(syncLockIR);


/** 'SyncChangedRecipes' parameters type */
export interface ISyncChangedRecipesParams {
  since?: DateOrString | null | void;
}

/** 'SyncChangedRecipes' return type */
export interface ISyncChangedRecipesResult {
  /** Calories per serving (kcal), >= 0. */
  calories: number | null;
  /** Carbohydrates per serving (g), >= 0. */
  carbsG: number | null;
  /** Dish category: dal, curry, rice, pasta, soup ... (free list, not empty). */
  category: string;
  /** Creation timestamp. */
  createdAt: Date;
  cuisine: string;
  /** easy, medium or hard. */
  difficulty: string;
  /** Fats per serving (g), >= 0. */
  fatsG: number | null;
  /** Recipe identifier; never changes (devices key their copy on it). */
  id: string;
  /** Recipe photo URL (S3/R2): food in a bowl, shown on the left of the recipe card. */
  imageUrl: string | null;
  /** Visible to people and synced to devices when true. Unpublishing writes a tombstone (reason unpublished) so devices remove their copy. */
  isPublished: boolean;
  /** Display name, e.g. "Dal Tadka". */
  name: string;
  /** Protein per serving (g), >= 0. */
  proteinG: number | null;
  /** Full recipe definition for the appliance (the controller's YAML format as JSON: stages with temperatures, durations, ingredients). Validated by app.recipe_data_is_valid (see app.recipe_data_problems). */
  recipeData: Json;
  /** Default serving count, 1 to 4 (the appliance's capacity, as user_preferences.default_servings). */
  servings: number;
  tags: stringArray;
  /** Total estimated cooking time in minutes (1 to 1440). */
  timeMinutes: number;
  /** Last real edit, clock_timestamp() under the sync lock (app.recipe_admin_*, or trigger recipes_stamp for plain SQL). The sync protocol returns published recipes with updated_at > since. */
  updatedAt: Date;
  /** Recipe version: 1 on creation, +1 on every real edit (app.recipe_admin_update, or trigger recipes_stamp for plain SQL; an UPDATE that changes nothing keeps it). */
  version: number;
}

/** 'SyncChangedRecipes' query type */
export interface ISyncChangedRecipesQuery {
  params: ISyncChangedRecipesParams;
  result: ISyncChangedRecipesResult;
}

const syncChangedRecipesIR: any = {"usedParamSet":{"since":true},"params":[{"name":"since","required":false,"transform":{"type":"scalar"},"locs":[{"a":472,"b":477},{"a":518,"b":523}]}],"statement":"SELECT\n  r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS \"cuisine!\", r.recipe_data AS \"recipeData\", coalesce(r.tags, '{}') AS \"tags!\",\n  r.difficulty, r.time_minutes AS \"timeMinutes\", r.servings, r.calories, r.protein_g AS \"proteinG\",\n  r.carbs_g AS \"carbsG\", r.fats_g AS \"fatsG\", r.image_url AS \"imageUrl\", r.version, r.is_published AS \"isPublished\",\n  r.created_at AS \"createdAt\", r.updated_at AS \"updatedAt\"\nFROM app.recipes AS r\nWHERE r.is_published\n  AND (:since::timestamptz IS NULL OR r.updated_at > :since)\nORDER BY r.updated_at, r.id"};

/**
 * Query generated from SQL:
 * ```
 * SELECT
 *   r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData", coalesce(r.tags, '{}') AS "tags!",
 *   r.difficulty, r.time_minutes AS "timeMinutes", r.servings, r.calories, r.protein_g AS "proteinG",
 *   r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version, r.is_published AS "isPublished",
 *   r.created_at AS "createdAt", r.updated_at AS "updatedAt"
 * FROM app.recipes AS r
 * WHERE r.is_published
 *   AND (:since::timestamptz IS NULL OR r.updated_at > :since)
 * ORDER BY r.updated_at, r.id
 * ```
 */
export const syncChangedRecipes = new PreparedQuery<ISyncChangedRecipesParams,ISyncChangedRecipesResult>(syncChangedRecipesIR);


/** 'SyncDeletedIds' parameters type */
export interface ISyncDeletedIdsParams {
  since: DateOrString;
}

/** 'SyncDeletedIds' return type */
export interface ISyncDeletedIdsResult {
  /** Id of the removed recipe. */
  recipeId: string;
}

/** 'SyncDeletedIds' query type */
export interface ISyncDeletedIdsQuery {
  params: ISyncDeletedIdsParams;
  result: ISyncDeletedIdsResult;
}

const syncDeletedIdsIR: any = {"usedParamSet":{"since":true},"params":[{"name":"since","required":true,"transform":{"type":"scalar"},"locs":[{"a":86,"b":92},{"a":227,"b":233}]}],"statement":"SELECT t.recipe_id AS \"recipeId\"\nFROM app.recipe_tombstones AS t\nWHERE t.removed_at > :since!::timestamptz\n  AND NOT EXISTS (\n    SELECT FROM app.recipes AS r\n     WHERE r.id = t.recipe_id AND r.is_published AND r.updated_at > :since!::timestamptz)\nORDER BY t.recipe_id"};

/**
 * Query generated from SQL:
 * ```
 * SELECT t.recipe_id AS "recipeId"
 * FROM app.recipe_tombstones AS t
 * WHERE t.removed_at > :since!::timestamptz
 *   AND NOT EXISTS (
 *     SELECT FROM app.recipes AS r
 *      WHERE r.id = t.recipe_id AND r.is_published AND r.updated_at > :since!::timestamptz)
 * ORDER BY t.recipe_id
 * ```
 */
export const syncDeletedIds = new PreparedQuery<ISyncDeletedIdsParams,ISyncDeletedIdsResult>(syncDeletedIdsIR);


/** 'RecordSync' parameters type */
export interface IRecordSyncParams {
  serverTime: DateOrString;
  userId: string;
}

/** 'RecordSync' return type */
export interface IRecordSyncResult {
  /** Server timestamp of the appliance's last successful recipe sync (the Epicura sync protocol's since value; the server time returned by app.recipe_sync_lock()). */
  lastSyncAt: Date;
}

/** 'RecordSync' query type */
export interface IRecordSyncQuery {
  params: IRecordSyncParams;
  result: IRecordSyncResult;
}

const recordSyncIR: any = {"usedParamSet":{"userId":true,"serverTime":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":70,"b":77}]},{"name":"serverTime","required":true,"transform":{"type":"scalar"},"locs":[{"a":80,"b":91}]}],"statement":"INSERT INTO app.user_preferences AS p (user_id, last_sync_at)\nVALUES (:userId!, :serverTime!)\nON CONFLICT (user_id) DO UPDATE\n  SET last_sync_at = greatest(p.last_sync_at, excluded.last_sync_at)\nRETURNING p.last_sync_at AS \"lastSyncAt!\""};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO app.user_preferences AS p (user_id, last_sync_at)
 * VALUES (:userId!, :serverTime!)
 * ON CONFLICT (user_id) DO UPDATE
 *   SET last_sync_at = greatest(p.last_sync_at, excluded.last_sync_at)
 * RETURNING p.last_sync_at AS "lastSyncAt!"
 * ```
 */
export const recordSync = new PreparedQuery<IRecordSyncParams,IRecordSyncResult>(recordSyncIR);


/** 'RecipeDataProblems' parameters type */
export interface IRecipeDataProblemsParams {
  recipeData: Json;
}

/** 'RecipeDataProblems' return type */
export interface IRecipeDataProblemsResult {
  problems: stringArray;
}

/** 'RecipeDataProblems' query type */
export interface IRecipeDataProblemsQuery {
  params: IRecipeDataProblemsParams;
  result: IRecipeDataProblemsResult;
}

const recipeDataProblemsIR: any = {"usedParamSet":{"recipeData":true},"params":[{"name":"recipeData","required":true,"transform":{"type":"scalar"},"locs":[{"a":32,"b":43}]}],"statement":"SELECT app.recipe_data_problems(:recipeData!::jsonb) AS \"problems!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT app.recipe_data_problems(:recipeData!::jsonb) AS "problems!"
 * ```
 */
export const recipeDataProblems = new PreparedQuery<IRecipeDataProblemsParams,IRecipeDataProblemsResult>(recipeDataProblemsIR);


/** 'AdminGetRecipe' parameters type */
export interface IAdminGetRecipeParams {
  id: string;
}

/** 'AdminGetRecipe' return type */
export interface IAdminGetRecipeResult {
  /** Calories per serving (kcal), >= 0. */
  calories: number | null;
  /** Carbohydrates per serving (g), >= 0. */
  carbsG: number | null;
  /** Dish category: dal, curry, rice, pasta, soup ... (free list, not empty). */
  category: string;
  /** Creation timestamp. */
  createdAt: Date;
  /** The person (app.users.id) who authored the recipe, if any. No foreign key (Citus: app.recipes is a reference table, app.users distributed): writers pass it through app.recipe_author, which refuses an unknown person (23503 recipes_created_by_fkey); the GDPR purge sets it to NULL (declared in app_private.gdpr_reference_columns). */
  createdBy: string | null;
  cuisine: string;
  /** easy, medium or hard. */
  difficulty: string;
  /** Fats per serving (g), >= 0. */
  fatsG: number | null;
  /** Recipe identifier; never changes (devices key their copy on it). */
  id: string;
  /** Recipe photo URL (S3/R2): food in a bowl, shown on the left of the recipe card. */
  imageUrl: string | null;
  /** Visible to people and synced to devices when true. Unpublishing writes a tombstone (reason unpublished) so devices remove their copy. */
  isPublished: boolean;
  /** Display name, e.g. "Dal Tadka". */
  name: string;
  /** Protein per serving (g), >= 0. */
  proteinG: number | null;
  /** Full recipe definition for the appliance (the controller's YAML format as JSON: stages with temperatures, durations, ingredients). Validated by app.recipe_data_is_valid (see app.recipe_data_problems). */
  recipeData: Json;
  /** Default serving count, 1 to 4 (the appliance's capacity, as user_preferences.default_servings). */
  servings: number;
  tags: stringArray;
  /** Total estimated cooking time in minutes (1 to 1440). */
  timeMinutes: number;
  /** Last real edit, clock_timestamp() under the sync lock (app.recipe_admin_*, or trigger recipes_stamp for plain SQL). The sync protocol returns published recipes with updated_at > since. */
  updatedAt: Date;
  /** Recipe version: 1 on creation, +1 on every real edit (app.recipe_admin_update, or trigger recipes_stamp for plain SQL; an UPDATE that changes nothing keeps it). */
  version: number;
}

/** 'AdminGetRecipe' query type */
export interface IAdminGetRecipeQuery {
  params: IAdminGetRecipeParams;
  result: IAdminGetRecipeResult;
}

const adminGetRecipeIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":486,"b":489}]}],"statement":"SELECT\n  r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS \"cuisine!\", r.recipe_data AS \"recipeData\", coalesce(r.tags, '{}') AS \"tags!\",\n  r.difficulty, r.time_minutes AS \"timeMinutes\", r.servings, r.calories, r.protein_g AS \"proteinG\",\n  r.carbs_g AS \"carbsG\", r.fats_g AS \"fatsG\", r.image_url AS \"imageUrl\", r.version, r.is_published AS \"isPublished\",\n  r.created_by AS \"createdBy\", r.created_at AS \"createdAt\", r.updated_at AS \"updatedAt\"\nFROM app.recipes AS r\nWHERE r.id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT
 *   r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData", coalesce(r.tags, '{}') AS "tags!",
 *   r.difficulty, r.time_minutes AS "timeMinutes", r.servings, r.calories, r.protein_g AS "proteinG",
 *   r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version, r.is_published AS "isPublished",
 *   r.created_by AS "createdBy", r.created_at AS "createdAt", r.updated_at AS "updatedAt"
 * FROM app.recipes AS r
 * WHERE r.id = :id!
 * ```
 */
export const adminGetRecipe = new PreparedQuery<IAdminGetRecipeParams,IAdminGetRecipeResult>(adminGetRecipeIR);


/** 'AdminRecipeWriteLock' parameters type */
export type IAdminRecipeWriteLockParams = void;

/** 'AdminRecipeWriteLock' return type */
export interface IAdminRecipeWriteLockResult {
  locked: undefined | null;
}

/** 'AdminRecipeWriteLock' query type */
export interface IAdminRecipeWriteLockQuery {
  params: IAdminRecipeWriteLockParams;
  result: IAdminRecipeWriteLockResult;
}

const adminRecipeWriteLockIR: any = {"usedParamSet":{},"params":[],"statement":"-- The EXCLUSIVE sync lock every recipe writer takes (app.recipe_admin_*, the stamp trigger), before\n-- AdminLockRecipe reads the row for the expectedVersion check: with it held, no writer can change the\n-- row until this transaction ends. Not a row lock (FOR UPDATE): on Citus the admin's connection would\n-- hold the row of every copy of the reference table, and app.recipe_admin_update, running as the\n-- owner on other connections of the same transaction, would wait for it (a distributed deadlock, 40P01).\nSELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync')) AS \"locked\""};

/**
 * Query generated from SQL:
 * ```
 * -- The EXCLUSIVE sync lock every recipe writer takes (app.recipe_admin_*, the stamp trigger), before
 * -- AdminLockRecipe reads the row for the expectedVersion check: with it held, no writer can change the
 * -- row until this transaction ends. Not a row lock (FOR UPDATE): on Citus the admin's connection would
 * -- hold the row of every copy of the reference table, and app.recipe_admin_update, running as the
 * -- owner on other connections of the same transaction, would wait for it (a distributed deadlock, 40P01).
 * SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync')) AS "locked"
 * ```
 */
export const adminRecipeWriteLock = new PreparedQuery<IAdminRecipeWriteLockParams,IAdminRecipeWriteLockResult>(adminRecipeWriteLockIR);


/** 'AdminLockRecipe' parameters type */
export interface IAdminLockRecipeParams {
  id: string;
}

/** 'AdminLockRecipe' return type */
export interface IAdminLockRecipeResult {
  /** Calories per serving (kcal), >= 0. */
  calories: number | null;
  /** Carbohydrates per serving (g), >= 0. */
  carbsG: number | null;
  /** Dish category: dal, curry, rice, pasta, soup ... (free list, not empty). */
  category: string;
  /** Creation timestamp. */
  createdAt: Date;
  /** The person (app.users.id) who authored the recipe, if any. No foreign key (Citus: app.recipes is a reference table, app.users distributed): writers pass it through app.recipe_author, which refuses an unknown person (23503 recipes_created_by_fkey); the GDPR purge sets it to NULL (declared in app_private.gdpr_reference_columns). */
  createdBy: string | null;
  cuisine: string;
  /** easy, medium or hard. */
  difficulty: string;
  /** Fats per serving (g), >= 0. */
  fatsG: number | null;
  /** Recipe identifier; never changes (devices key their copy on it). */
  id: string;
  /** Recipe photo URL (S3/R2): food in a bowl, shown on the left of the recipe card. */
  imageUrl: string | null;
  /** Visible to people and synced to devices when true. Unpublishing writes a tombstone (reason unpublished) so devices remove their copy. */
  isPublished: boolean;
  /** Display name, e.g. "Dal Tadka". */
  name: string;
  /** Protein per serving (g), >= 0. */
  proteinG: number | null;
  /** Full recipe definition for the appliance (the controller's YAML format as JSON: stages with temperatures, durations, ingredients). Validated by app.recipe_data_is_valid (see app.recipe_data_problems). */
  recipeData: Json;
  /** Default serving count, 1 to 4 (the appliance's capacity, as user_preferences.default_servings). */
  servings: number;
  tags: stringArray;
  /** Total estimated cooking time in minutes (1 to 1440). */
  timeMinutes: number;
  /** Last real edit, clock_timestamp() under the sync lock (app.recipe_admin_*, or trigger recipes_stamp for plain SQL). The sync protocol returns published recipes with updated_at > since. */
  updatedAt: Date;
  /** Recipe version: 1 on creation, +1 on every real edit (app.recipe_admin_update, or trigger recipes_stamp for plain SQL; an UPDATE that changes nothing keeps it). */
  version: number;
}

/** 'AdminLockRecipe' query type */
export interface IAdminLockRecipeQuery {
  params: IAdminLockRecipeParams;
  result: IAdminLockRecipeResult;
}

const adminLockRecipeIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":589,"b":592}]}],"statement":"-- After AdminRecipeWriteLock, in a later statement (READ COMMITTED: a snapshot taken after the lock).\nSELECT\n  r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS \"cuisine!\", r.recipe_data AS \"recipeData\", coalesce(r.tags, '{}') AS \"tags!\",\n  r.difficulty, r.time_minutes AS \"timeMinutes\", r.servings, r.calories, r.protein_g AS \"proteinG\",\n  r.carbs_g AS \"carbsG\", r.fats_g AS \"fatsG\", r.image_url AS \"imageUrl\", r.version, r.is_published AS \"isPublished\",\n  r.created_by AS \"createdBy\", r.created_at AS \"createdAt\", r.updated_at AS \"updatedAt\"\nFROM app.recipes AS r\nWHERE r.id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * -- After AdminRecipeWriteLock, in a later statement (READ COMMITTED: a snapshot taken after the lock).
 * SELECT
 *   r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData", coalesce(r.tags, '{}') AS "tags!",
 *   r.difficulty, r.time_minutes AS "timeMinutes", r.servings, r.calories, r.protein_g AS "proteinG",
 *   r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version, r.is_published AS "isPublished",
 *   r.created_by AS "createdBy", r.created_at AS "createdAt", r.updated_at AS "updatedAt"
 * FROM app.recipes AS r
 * WHERE r.id = :id!
 * ```
 */
export const adminLockRecipe = new PreparedQuery<IAdminLockRecipeParams,IAdminLockRecipeResult>(adminLockRecipeIR);


/** 'AdminInsertRecipe' parameters type */
export interface IAdminInsertRecipeParams {
  calories?: number | null | void;
  carbsG?: number | null | void;
  category: string;
  createdBy?: string | null | void;
  cuisine: string;
  difficulty: string;
  fatsG?: number | null | void;
  id?: string | null | void;
  imageUrl?: string | null | void;
  isPublished: boolean;
  name: string;
  proteinG?: number | null | void;
  recipeData: Json;
  servings: number;
  tags: stringArray;
  timeMinutes: number;
}

/** 'AdminInsertRecipe' return type */
export interface IAdminInsertRecipeResult {
  calories: number | null;
  carbsG: number | null;
  category: string;
  createdAt: Date;
  createdBy: string | null;
  cuisine: string;
  difficulty: string;
  fatsG: number | null;
  id: string;
  imageUrl: string | null;
  isPublished: boolean;
  name: string;
  proteinG: number | null;
  recipeData: Json;
  servings: number;
  tags: stringArray;
  timeMinutes: number;
  updatedAt: Date;
  version: number;
}

/** 'AdminInsertRecipe' query type */
export interface IAdminInsertRecipeQuery {
  params: IAdminInsertRecipeParams;
  result: IAdminInsertRecipeResult;
}

const adminInsertRecipeIR: any = {"usedParamSet":{"id":true,"name":true,"category":true,"cuisine":true,"recipeData":true,"tags":true,"difficulty":true,"timeMinutes":true,"servings":true,"calories":true,"proteinG":true,"carbsG":true,"fatsG":true,"imageUrl":true,"isPublished":true,"createdBy":true},"params":[{"name":"id","required":false,"transform":{"type":"scalar"},"locs":[{"a":702,"b":704}]},{"name":"name","required":true,"transform":{"type":"scalar"},"locs":[{"a":741,"b":746}]},{"name":"category","required":true,"transform":{"type":"scalar"},"locs":[{"a":767,"b":776}]},{"name":"cuisine","required":true,"transform":{"type":"scalar"},"locs":[{"a":796,"b":804}]},{"name":"recipeData","required":true,"transform":{"type":"scalar"},"locs":[{"a":830,"b":841}]},{"name":"tags","required":true,"transform":{"type":"scalar"},"locs":[{"a":859,"b":864}]},{"name":"difficulty","required":true,"transform":{"type":"scalar"},"locs":[{"a":889,"b":900}]},{"name":"timeMinutes","required":true,"transform":{"type":"scalar"},"locs":[{"a":927,"b":939}]},{"name":"servings","required":true,"transform":{"type":"scalar"},"locs":[{"a":963,"b":972}]},{"name":"calories","required":false,"transform":{"type":"scalar"},"locs":[{"a":996,"b":1004}]},{"name":"proteinG","required":false,"transform":{"type":"scalar"},"locs":[{"a":1026,"b":1034}]},{"name":"carbsG","required":false,"transform":{"type":"scalar"},"locs":[{"a":1056,"b":1062}]},{"name":"fatsG","required":false,"transform":{"type":"scalar"},"locs":[{"a":1081,"b":1086}]},{"name":"imageUrl","required":false,"transform":{"type":"scalar"},"locs":[{"a":1108,"b":1116}]},{"name":"isPublished","required":true,"transform":{"type":"scalar"},"locs":[{"a":1141,"b":1153}]},{"name":"createdBy","required":false,"transform":{"type":"scalar"},"locs":[{"a":1181,"b":1190}]}],"statement":"-- Through app.recipe_admin_create (000143): sync lock, version/updated_at, search row, tombstone.\nSELECT\n  r.id AS \"id!\", r.name AS \"name!\", r.category AS \"category!\", coalesce(r.cuisine, 'indian') AS \"cuisine!\", r.recipe_data AS \"recipeData!\", coalesce(r.tags, '{}') AS \"tags!\",\n  r.difficulty AS \"difficulty!\", r.time_minutes AS \"timeMinutes!\", r.servings AS \"servings!\", r.calories, r.protein_g AS \"proteinG\",\n  r.carbs_g AS \"carbsG\", r.fats_g AS \"fatsG\", r.image_url AS \"imageUrl\", r.version AS \"version!\", r.is_published AS \"isPublished!\",\n  r.created_by AS \"createdBy\", r.created_at AS \"createdAt!\", r.updated_at AS \"updatedAt!\"\nFROM app.recipe_admin_create(jsonb_build_object(\n  'id', coalesce(:id::uuid, gen_random_uuid()), 'name', :name!::text, 'category', :category!::text, 'cuisine', :cuisine!::text,\n  'recipe_data', :recipeData!::jsonb, 'tags', :tags!::text[], 'difficulty', :difficulty!::text,\n  'time_minutes', :timeMinutes!::integer, 'servings', :servings!::integer, 'calories', :calories::real, 'protein_g', :proteinG::real,\n  'carbs_g', :carbsG::real, 'fats_g', :fatsG::real, 'image_url', :imageUrl::text, 'is_published', :isPublished!::boolean,\n  'created_by', :createdBy::uuid)) AS r"};

/**
 * Query generated from SQL:
 * ```
 * -- Through app.recipe_admin_create (000143): sync lock, version/updated_at, search row, tombstone.
 * SELECT
 *   r.id AS "id!", r.name AS "name!", r.category AS "category!", coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData!", coalesce(r.tags, '{}') AS "tags!",
 *   r.difficulty AS "difficulty!", r.time_minutes AS "timeMinutes!", r.servings AS "servings!", r.calories, r.protein_g AS "proteinG",
 *   r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version AS "version!", r.is_published AS "isPublished!",
 *   r.created_by AS "createdBy", r.created_at AS "createdAt!", r.updated_at AS "updatedAt!"
 * FROM app.recipe_admin_create(jsonb_build_object(
 *   'id', coalesce(:id::uuid, gen_random_uuid()), 'name', :name!::text, 'category', :category!::text, 'cuisine', :cuisine!::text,
 *   'recipe_data', :recipeData!::jsonb, 'tags', :tags!::text[], 'difficulty', :difficulty!::text,
 *   'time_minutes', :timeMinutes!::integer, 'servings', :servings!::integer, 'calories', :calories::real, 'protein_g', :proteinG::real,
 *   'carbs_g', :carbsG::real, 'fats_g', :fatsG::real, 'image_url', :imageUrl::text, 'is_published', :isPublished!::boolean,
 *   'created_by', :createdBy::uuid)) AS r
 * ```
 */
export const adminInsertRecipe = new PreparedQuery<IAdminInsertRecipeParams,IAdminInsertRecipeResult>(adminInsertRecipeIR);


/** 'AdminUpdateRecipe' parameters type */
export interface IAdminUpdateRecipeParams {
  calories?: number | null | void;
  carbsG?: number | null | void;
  category: string;
  cuisine: string;
  difficulty: string;
  fatsG?: number | null | void;
  id: string;
  imageUrl?: string | null | void;
  name: string;
  proteinG?: number | null | void;
  recipeData: Json;
  servings: number;
  tags: stringArray;
  timeMinutes: number;
}

/** 'AdminUpdateRecipe' return type */
export interface IAdminUpdateRecipeResult {
  calories: number | null;
  carbsG: number | null;
  category: string;
  createdAt: Date;
  createdBy: string | null;
  cuisine: string;
  difficulty: string;
  fatsG: number | null;
  id: string;
  imageUrl: string | null;
  isPublished: boolean;
  name: string;
  proteinG: number | null;
  recipeData: Json;
  servings: number;
  tags: stringArray;
  timeMinutes: number;
  updatedAt: Date;
  version: number;
}

/** 'AdminUpdateRecipe' query type */
export interface IAdminUpdateRecipeQuery {
  params: IAdminUpdateRecipeParams;
  result: IAdminUpdateRecipeResult;
}

const adminUpdateRecipeIR: any = {"usedParamSet":{"id":true,"name":true,"category":true,"cuisine":true,"recipeData":true,"tags":true,"difficulty":true,"timeMinutes":true,"servings":true,"calories":true,"proteinG":true,"carbsG":true,"fatsG":true,"imageUrl":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":660,"b":663}]},{"name":"name","required":true,"transform":{"type":"scalar"},"locs":[{"a":702,"b":707}]},{"name":"category","required":true,"transform":{"type":"scalar"},"locs":[{"a":728,"b":737}]},{"name":"cuisine","required":true,"transform":{"type":"scalar"},"locs":[{"a":757,"b":765}]},{"name":"recipeData","required":true,"transform":{"type":"scalar"},"locs":[{"a":791,"b":802}]},{"name":"tags","required":true,"transform":{"type":"scalar"},"locs":[{"a":820,"b":825}]},{"name":"difficulty","required":true,"transform":{"type":"scalar"},"locs":[{"a":850,"b":861}]},{"name":"timeMinutes","required":true,"transform":{"type":"scalar"},"locs":[{"a":888,"b":900}]},{"name":"servings","required":true,"transform":{"type":"scalar"},"locs":[{"a":924,"b":933}]},{"name":"calories","required":false,"transform":{"type":"scalar"},"locs":[{"a":957,"b":965}]},{"name":"proteinG","required":false,"transform":{"type":"scalar"},"locs":[{"a":987,"b":995}]},{"name":"carbsG","required":false,"transform":{"type":"scalar"},"locs":[{"a":1017,"b":1023}]},{"name":"fatsG","required":false,"transform":{"type":"scalar"},"locs":[{"a":1042,"b":1047}]},{"name":"imageUrl","required":false,"transform":{"type":"scalar"},"locs":[{"a":1069,"b":1077}]}],"statement":"-- Through app.recipe_admin_update (000143): version +1 and updated_at only on a real change.\nSELECT\n  r.id AS \"id!\", r.name AS \"name!\", r.category AS \"category!\", coalesce(r.cuisine, 'indian') AS \"cuisine!\", r.recipe_data AS \"recipeData!\", coalesce(r.tags, '{}') AS \"tags!\",\n  r.difficulty AS \"difficulty!\", r.time_minutes AS \"timeMinutes!\", r.servings AS \"servings!\", r.calories, r.protein_g AS \"proteinG\",\n  r.carbs_g AS \"carbsG\", r.fats_g AS \"fatsG\", r.image_url AS \"imageUrl\", r.version AS \"version!\", r.is_published AS \"isPublished!\",\n  r.created_by AS \"createdBy\", r.created_at AS \"createdAt!\", r.updated_at AS \"updatedAt!\"\nFROM app.recipe_admin_update(:id!::uuid, jsonb_build_object(\n  'name', :name!::text, 'category', :category!::text, 'cuisine', :cuisine!::text,\n  'recipe_data', :recipeData!::jsonb, 'tags', :tags!::text[], 'difficulty', :difficulty!::text,\n  'time_minutes', :timeMinutes!::integer, 'servings', :servings!::integer, 'calories', :calories::real, 'protein_g', :proteinG::real,\n  'carbs_g', :carbsG::real, 'fats_g', :fatsG::real, 'image_url', :imageUrl::text)) AS r"};

/**
 * Query generated from SQL:
 * ```
 * -- Through app.recipe_admin_update (000143): version +1 and updated_at only on a real change.
 * SELECT
 *   r.id AS "id!", r.name AS "name!", r.category AS "category!", coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData!", coalesce(r.tags, '{}') AS "tags!",
 *   r.difficulty AS "difficulty!", r.time_minutes AS "timeMinutes!", r.servings AS "servings!", r.calories, r.protein_g AS "proteinG",
 *   r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version AS "version!", r.is_published AS "isPublished!",
 *   r.created_by AS "createdBy", r.created_at AS "createdAt!", r.updated_at AS "updatedAt!"
 * FROM app.recipe_admin_update(:id!::uuid, jsonb_build_object(
 *   'name', :name!::text, 'category', :category!::text, 'cuisine', :cuisine!::text,
 *   'recipe_data', :recipeData!::jsonb, 'tags', :tags!::text[], 'difficulty', :difficulty!::text,
 *   'time_minutes', :timeMinutes!::integer, 'servings', :servings!::integer, 'calories', :calories::real, 'protein_g', :proteinG::real,
 *   'carbs_g', :carbsG::real, 'fats_g', :fatsG::real, 'image_url', :imageUrl::text)) AS r
 * ```
 */
export const adminUpdateRecipe = new PreparedQuery<IAdminUpdateRecipeParams,IAdminUpdateRecipeResult>(adminUpdateRecipeIR);


/** 'AdminSetPublished' parameters type */
export interface IAdminSetPublishedParams {
  id: string;
  isPublished: boolean;
}

/** 'AdminSetPublished' return type */
export interface IAdminSetPublishedResult {
  calories: number | null;
  carbsG: number | null;
  category: string;
  createdAt: Date;
  createdBy: string | null;
  cuisine: string;
  difficulty: string;
  fatsG: number | null;
  id: string;
  imageUrl: string | null;
  isPublished: boolean;
  name: string;
  proteinG: number | null;
  recipeData: Json;
  servings: number;
  tags: stringArray;
  timeMinutes: number;
  updatedAt: Date;
  version: number;
}

/** 'AdminSetPublished' query type */
export interface IAdminSetPublishedQuery {
  params: IAdminSetPublishedParams;
  result: IAdminSetPublishedResult;
}

const adminSetPublishedIR: any = {"usedParamSet":{"id":true,"isPublished":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":668,"b":671}]},{"name":"isPublished","required":true,"transform":{"type":"scalar"},"locs":[{"a":715,"b":727}]}],"statement":"-- Through app.recipe_admin_update (000143): unpublishing writes a tombstone, the search row follows.\nSELECT\n  r.id AS \"id!\", r.name AS \"name!\", r.category AS \"category!\", coalesce(r.cuisine, 'indian') AS \"cuisine!\", r.recipe_data AS \"recipeData!\", coalesce(r.tags, '{}') AS \"tags!\",\n  r.difficulty AS \"difficulty!\", r.time_minutes AS \"timeMinutes!\", r.servings AS \"servings!\", r.calories, r.protein_g AS \"proteinG\",\n  r.carbs_g AS \"carbsG\", r.fats_g AS \"fatsG\", r.image_url AS \"imageUrl\", r.version AS \"version!\", r.is_published AS \"isPublished!\",\n  r.created_by AS \"createdBy\", r.created_at AS \"createdAt!\", r.updated_at AS \"updatedAt!\"\nFROM app.recipe_admin_update(:id!::uuid, jsonb_build_object('is_published', :isPublished!::boolean)) AS r"};

/**
 * Query generated from SQL:
 * ```
 * -- Through app.recipe_admin_update (000143): unpublishing writes a tombstone, the search row follows.
 * SELECT
 *   r.id AS "id!", r.name AS "name!", r.category AS "category!", coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData!", coalesce(r.tags, '{}') AS "tags!",
 *   r.difficulty AS "difficulty!", r.time_minutes AS "timeMinutes!", r.servings AS "servings!", r.calories, r.protein_g AS "proteinG",
 *   r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version AS "version!", r.is_published AS "isPublished!",
 *   r.created_by AS "createdBy", r.created_at AS "createdAt!", r.updated_at AS "updatedAt!"
 * FROM app.recipe_admin_update(:id!::uuid, jsonb_build_object('is_published', :isPublished!::boolean)) AS r
 * ```
 */
export const adminSetPublished = new PreparedQuery<IAdminSetPublishedParams,IAdminSetPublishedResult>(adminSetPublishedIR);


/** 'AdminSequentialShards' parameters type */
export type IAdminSequentialShardsParams = void;

/** 'AdminSequentialShards' return type */
export interface IAdminSequentialShardsResult {
  mode: string;
}

/** 'AdminSequentialShards' query type */
export interface IAdminSequentialShardsQuery {
  params: IAdminSequentialShardsParams;
  result: IAdminSequentialShardsResult;
}

const adminSequentialShardsIR: any = {"usedParamSet":{},"params":[],"statement":"-- Before AdminCountCookingSessions: on Citus that count reads every shard of cooking_sessions, and a\n-- parallel read would forbid deleting from the reference table app.recipes later in the transaction\n-- (XX000 \"cannot modify table recipes because there was a parallel operation on a distributed table\").\n-- One connection per node instead, for the rest of the transaction. Elsewhere an unread placeholder.\nSELECT pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true) AS \"mode!\""};

/**
 * Query generated from SQL:
 * ```
 * -- Before AdminCountCookingSessions: on Citus that count reads every shard of cooking_sessions, and a
 * -- parallel read would forbid deleting from the reference table app.recipes later in the transaction
 * -- (XX000 "cannot modify table recipes because there was a parallel operation on a distributed table").
 * -- One connection per node instead, for the rest of the transaction. Elsewhere an unread placeholder.
 * SELECT pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true) AS "mode!"
 * ```
 */
export const adminSequentialShards = new PreparedQuery<IAdminSequentialShardsParams,IAdminSequentialShardsResult>(adminSequentialShardsIR);


/** 'AdminDeleteRecipe' parameters type */
export interface IAdminDeleteRecipeParams {
  id: string;
}

/** 'AdminDeleteRecipe' return type */
export interface IAdminDeleteRecipeResult {
  id: string;
}

/** 'AdminDeleteRecipe' query type */
export interface IAdminDeleteRecipeQuery {
  params: IAdminDeleteRecipeParams;
  result: IAdminDeleteRecipeResult;
}

const adminDeleteRecipeIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":142,"b":145}]}],"statement":"-- Through app.recipe_admin_delete (000143): a 'deleted' tombstone in the same transaction.\nSELECT d.id AS \"id!\"\nFROM app.recipe_admin_delete(:id!::uuid) AS d(id)"};

/**
 * Query generated from SQL:
 * ```
 * -- Through app.recipe_admin_delete (000143): a 'deleted' tombstone in the same transaction.
 * SELECT d.id AS "id!"
 * FROM app.recipe_admin_delete(:id!::uuid) AS d(id)
 * ```
 */
export const adminDeleteRecipe = new PreparedQuery<IAdminDeleteRecipeParams,IAdminDeleteRecipeResult>(adminDeleteRecipeIR);


/** 'AdminCountCookingSessions' parameters type */
export interface IAdminCountCookingSessionsParams {
  recipeId: string;
}

/** 'AdminCountCookingSessions' return type */
export interface IAdminCountCookingSessionsResult {
  sessions: number;
}

/** 'AdminCountCookingSessions' query type */
export interface IAdminCountCookingSessionsQuery {
  params: IAdminCountCookingSessionsParams;
  result: IAdminCountCookingSessionsResult;
}

const adminCountCookingSessionsIR: any = {"usedParamSet":{"recipeId":true},"params":[{"name":"recipeId","required":true,"transform":{"type":"scalar"},"locs":[{"a":91,"b":100}]}],"statement":"SELECT count(*)::integer AS \"sessions!\"\nFROM app.cooking_sessions AS s\nWHERE s.recipe_id = :recipeId!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT count(*)::integer AS "sessions!"
 * FROM app.cooking_sessions AS s
 * WHERE s.recipe_id = :recipeId!
 * ```
 */
export const adminCountCookingSessions = new PreparedQuery<IAdminCountCookingSessionsParams,IAdminCountCookingSessionsResult>(adminCountCookingSessionsIR);


