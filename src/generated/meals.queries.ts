/** Types generated for queries found in "queries/meals.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type NumberOrString = number | string;

/** 'InsertMealWithFoods' parameters type */
export interface IInsertMealWithFoodsParams {
  aiAnalysis?: Json | null | void;
  foods: Json;
  imageUrl?: string | null | void;
  mealTime: DateOrString;
  mealType: string;
  notes?: string | null | void;
  nutritionTotals?: Json | null | void;
  userId: string;
}

/** 'InsertMealWithFoods' return type */
export interface IInsertMealWithFoodsResult {
  /** The full AI response that analysed the meal (a JSON object), kept for audit and re-analysis; NULL for manual entries. */
  aiAnalysis: Json | null;
  /** When the meal was logged. */
  createdAt: Date;
  /** When the meal was soft-deleted; NULL exactly when is_deleted is false (CHECK meal_logs_deleted_check). */
  deletedAt: Date | null;
  foods: Json;
  /** Meal log id. */
  id: string;
  /** URL of the meal photo (S3 object URL). */
  imageUrl: string | null;
  /** Soft delete flag. Setting it stamps deleted_at (trigger meal_logs_soft_delete); clearing it undoes the delete. Deleted meals are excluded from daily nutrition. */
  isDeleted: boolean;
  /** When the person actually ate (not when it was logged). Daily nutrition assigns it to a calendar day in app.users.time_zone. */
  mealTime: Date;
  /** breakfast, lunch, dinner or snack. */
  mealType: string;
  /** The person's notes on the meal. */
  notes: string | null;
  /** Totals of the meal as a JSON object. Keys (numbers >= 0, each optional): calories (kcal), protein_g, carbs_g, fat_g, and fiber_g, sugar_g (grams), sodium_mg (milligrams); any other key (micros ...) is free. Checked by app.nutrition_is_valid; summed into app.daily_nutrition. GIN index idx_meal_logs_nutrition (jsonb_path_ops) serves @> and jsonpath queries. */
  nutritionTotals: Json;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
}

/** 'InsertMealWithFoods' query type */
export interface IInsertMealWithFoodsQuery {
  params: IInsertMealWithFoodsParams;
  result: IInsertMealWithFoodsResult;
}

const insertMealWithFoodsIR: any = {"usedParamSet":{"foods":true,"userId":true,"mealTime":true,"mealType":true,"nutritionTotals":true,"aiAnalysis":true,"imageUrl":true,"notes":true},"params":[{"name":"foods","required":true,"transform":{"type":"scalar"},"locs":[{"a":593,"b":599}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":1050,"b":1057}]},{"name":"mealTime","required":true,"transform":{"type":"scalar"},"locs":[{"a":1066,"b":1075}]},{"name":"mealType","required":true,"transform":{"type":"scalar"},"locs":[{"a":1078,"b":1087}]},{"name":"nutritionTotals","required":false,"transform":{"type":"scalar"},"locs":[{"a":1099,"b":1114}]},{"name":"aiAnalysis","required":false,"transform":{"type":"scalar"},"locs":[{"a":1144,"b":1154}]},{"name":"imageUrl","required":false,"transform":{"type":"scalar"},"locs":[{"a":1164,"b":1172}]},{"name":"notes","required":false,"transform":{"type":"scalar"},"locs":[{"a":1175,"b":1180}]}],"statement":"-- One statement: the meal, its foods (a JSON array, kept in the order given: created_at is the\n-- statement time plus the food's position in microseconds) and, when no totals are given, totals\n-- summed from the foods' nutrition (every numeric key, summed exactly as numeric).\nWITH input AS (\n  SELECT e.ord,\n         e.value ->> 'name' AS name,\n         (e.value ->> 'quantity')::numeric AS quantity,\n         e.value ->> 'unit' AS unit,\n         COALESCE(e.value -> 'nutrition', '{}'::jsonb) AS nutrition,\n         (e.value ->> 'confidence')::real AS confidence\n  FROM jsonb_array_elements(:foods!::jsonb) WITH ORDINALITY AS e (value, ord)\n), summed AS (\n  SELECT COALESCE(jsonb_object_agg(k.key, k.total), '{}'::jsonb) AS totals\n  FROM (\n    SELECT n.key, sum((n.value)::numeric) AS total\n    FROM input AS i, jsonb_each(i.nutrition) AS n\n    WHERE jsonb_typeof(n.value) = 'number'\n    GROUP BY n.key\n  ) AS k\n), meal AS (\n  INSERT INTO app.meal_logs AS m (user_id, meal_time, meal_type, nutrition_totals, ai_analysis, image_url, notes)\n  SELECT :userId!::uuid, :mealTime!, :mealType!, COALESCE(:nutritionTotals::jsonb, s.totals),\n         :aiAnalysis::jsonb, :imageUrl, :notes\n  FROM summed AS s\n  RETURNING m.*\n), foods AS (\n  INSERT INTO app.meal_foods AS f (meal_log_id, user_id, name, quantity, unit, nutrition, confidence, created_at)\n  SELECT m.id, m.user_id, i.name, i.quantity, i.unit, i.nutrition, i.confidence,\n         pg_catalog.now() + (i.ord - 1) * interval '1 microsecond'\n  FROM meal AS m, input AS i\n  RETURNING f.id, f.name, f.quantity, f.unit, f.nutrition, f.confidence, f.created_at\n)\nSELECT m.id, m.meal_time AS \"mealTime\", m.meal_type AS \"mealType\", m.nutrition_totals AS \"nutritionTotals\",\n       m.ai_analysis AS \"aiAnalysis\", m.image_url AS \"imageUrl\", m.notes, m.is_deleted AS \"isDeleted\",\n       m.deleted_at AS \"deletedAt\", m.created_at AS \"createdAt\", m.updated_at AS \"updatedAt\",\n       COALESCE((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name, 'quantity', f.quantity, 'unit', f.unit,\n                                                     'nutrition', f.nutrition, 'confidence', f.confidence)\n                                  ORDER BY f.created_at, f.id)\n                 FROM foods AS f), '[]'::jsonb) AS \"foods!\"\nFROM meal AS m"};

/**
 * Query generated from SQL:
 * ```
 * -- One statement: the meal, its foods (a JSON array, kept in the order given: created_at is the
 * -- statement time plus the food's position in microseconds) and, when no totals are given, totals
 * -- summed from the foods' nutrition (every numeric key, summed exactly as numeric).
 * WITH input AS (
 *   SELECT e.ord,
 *          e.value ->> 'name' AS name,
 *          (e.value ->> 'quantity')::numeric AS quantity,
 *          e.value ->> 'unit' AS unit,
 *          COALESCE(e.value -> 'nutrition', '{}'::jsonb) AS nutrition,
 *          (e.value ->> 'confidence')::real AS confidence
 *   FROM jsonb_array_elements(:foods!::jsonb) WITH ORDINALITY AS e (value, ord)
 * ), summed AS (
 *   SELECT COALESCE(jsonb_object_agg(k.key, k.total), '{}'::jsonb) AS totals
 *   FROM (
 *     SELECT n.key, sum((n.value)::numeric) AS total
 *     FROM input AS i, jsonb_each(i.nutrition) AS n
 *     WHERE jsonb_typeof(n.value) = 'number'
 *     GROUP BY n.key
 *   ) AS k
 * ), meal AS (
 *   INSERT INTO app.meal_logs AS m (user_id, meal_time, meal_type, nutrition_totals, ai_analysis, image_url, notes)
 *   SELECT :userId!::uuid, :mealTime!, :mealType!, COALESCE(:nutritionTotals::jsonb, s.totals),
 *          :aiAnalysis::jsonb, :imageUrl, :notes
 *   FROM summed AS s
 *   RETURNING m.*
 * ), foods AS (
 *   INSERT INTO app.meal_foods AS f (meal_log_id, user_id, name, quantity, unit, nutrition, confidence, created_at)
 *   SELECT m.id, m.user_id, i.name, i.quantity, i.unit, i.nutrition, i.confidence,
 *          pg_catalog.now() + (i.ord - 1) * interval '1 microsecond'
 *   FROM meal AS m, input AS i
 *   RETURNING f.id, f.name, f.quantity, f.unit, f.nutrition, f.confidence, f.created_at
 * )
 * SELECT m.id, m.meal_time AS "mealTime", m.meal_type AS "mealType", m.nutrition_totals AS "nutritionTotals",
 *        m.ai_analysis AS "aiAnalysis", m.image_url AS "imageUrl", m.notes, m.is_deleted AS "isDeleted",
 *        m.deleted_at AS "deletedAt", m.created_at AS "createdAt", m.updated_at AS "updatedAt",
 *        COALESCE((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name, 'quantity', f.quantity, 'unit', f.unit,
 *                                                      'nutrition', f.nutrition, 'confidence', f.confidence)
 *                                   ORDER BY f.created_at, f.id)
 *                  FROM foods AS f), '[]'::jsonb) AS "foods!"
 * FROM meal AS m
 * ```
 */
export const insertMealWithFoods = new PreparedQuery<IInsertMealWithFoodsParams,IInsertMealWithFoodsResult>(insertMealWithFoodsIR);


/** 'GetMeal' parameters type */
export interface IGetMealParams {
  id: string;
  includeDeleted: boolean;
  userId: string;
}

/** 'GetMeal' return type */
export interface IGetMealResult {
  /** The full AI response that analysed the meal (a JSON object), kept for audit and re-analysis; NULL for manual entries. */
  aiAnalysis: Json | null;
  /** When the meal was logged. */
  createdAt: Date;
  /** When the meal was soft-deleted; NULL exactly when is_deleted is false (CHECK meal_logs_deleted_check). */
  deletedAt: Date | null;
  foods: Json;
  /** Meal log id. */
  id: string;
  /** URL of the meal photo (S3 object URL). */
  imageUrl: string | null;
  /** Soft delete flag. Setting it stamps deleted_at (trigger meal_logs_soft_delete); clearing it undoes the delete. Deleted meals are excluded from daily nutrition. */
  isDeleted: boolean;
  /** When the person actually ate (not when it was logged). Daily nutrition assigns it to a calendar day in app.users.time_zone. */
  mealTime: Date;
  /** breakfast, lunch, dinner or snack. */
  mealType: string;
  /** The person's notes on the meal. */
  notes: string | null;
  /** Totals of the meal as a JSON object. Keys (numbers >= 0, each optional): calories (kcal), protein_g, carbs_g, fat_g, and fiber_g, sugar_g (grams), sodium_mg (milligrams); any other key (micros ...) is free. Checked by app.nutrition_is_valid; summed into app.daily_nutrition. GIN index idx_meal_logs_nutrition (jsonb_path_ops) serves @> and jsonpath queries. */
  nutritionTotals: Json;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
}

/** 'GetMeal' query type */
export interface IGetMealQuery {
  params: IGetMealParams;
  result: IGetMealResult;
}

const getMealIR: any = {"usedParamSet":{"userId":true,"id":true,"includeDeleted":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":698,"b":705},{"a":794,"b":801}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":771,"b":774}]},{"name":"includeDeleted","required":true,"transform":{"type":"scalar"},"locs":[{"a":810,"b":825}]}],"statement":"SELECT m.id, m.meal_time AS \"mealTime\", m.meal_type AS \"mealType\", m.nutrition_totals AS \"nutritionTotals\",\n       m.ai_analysis AS \"aiAnalysis\", m.image_url AS \"imageUrl\", m.notes, m.is_deleted AS \"isDeleted\",\n       m.deleted_at AS \"deletedAt\", m.created_at AS \"createdAt\", m.updated_at AS \"updatedAt\",\n       COALESCE((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name, 'quantity', f.quantity, 'unit', f.unit,\n                                                     'nutrition', f.nutrition, 'confidence', f.confidence)\n                                  ORDER BY f.created_at, f.id)\n                 FROM app.meal_foods AS f\n                 WHERE f.meal_log_id = m.id AND f.user_id = :userId!), '[]'::jsonb) AS \"foods!\"\nFROM app.meal_logs AS m\nWHERE m.id = :id!\n  AND m.user_id = :userId!\n  AND (:includeDeleted! OR NOT m.is_deleted)"};

/**
 * Query generated from SQL:
 * ```
 * SELECT m.id, m.meal_time AS "mealTime", m.meal_type AS "mealType", m.nutrition_totals AS "nutritionTotals",
 *        m.ai_analysis AS "aiAnalysis", m.image_url AS "imageUrl", m.notes, m.is_deleted AS "isDeleted",
 *        m.deleted_at AS "deletedAt", m.created_at AS "createdAt", m.updated_at AS "updatedAt",
 *        COALESCE((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name, 'quantity', f.quantity, 'unit', f.unit,
 *                                                      'nutrition', f.nutrition, 'confidence', f.confidence)
 *                                   ORDER BY f.created_at, f.id)
 *                  FROM app.meal_foods AS f
 *                  WHERE f.meal_log_id = m.id AND f.user_id = :userId!), '[]'::jsonb) AS "foods!"
 * FROM app.meal_logs AS m
 * WHERE m.id = :id!
 *   AND m.user_id = :userId!
 *   AND (:includeDeleted! OR NOT m.is_deleted)
 * ```
 */
export const getMeal = new PreparedQuery<IGetMealParams,IGetMealResult>(getMealIR);


/** 'ListMeals' parameters type */
export interface IListMealsParams {
  afterId?: string | null | void;
  afterTime?: DateOrString | null | void;
  from?: DateOrString | null | void;
  includeDeleted: boolean;
  limit: NumberOrString;
  to?: DateOrString | null | void;
  userId: string;
}

/** 'ListMeals' return type */
export interface IListMealsResult {
  /** When the meal was logged. */
  createdAt: Date;
  cursorTime: string;
  /** When the meal was soft-deleted; NULL exactly when is_deleted is false (CHECK meal_logs_deleted_check). */
  deletedAt: Date | null;
  /** Meal log id. */
  id: string;
  /** URL of the meal photo (S3 object URL). */
  imageUrl: string | null;
  /** Soft delete flag. Setting it stamps deleted_at (trigger meal_logs_soft_delete); clearing it undoes the delete. Deleted meals are excluded from daily nutrition. */
  isDeleted: boolean;
  /** When the person actually ate (not when it was logged). Daily nutrition assigns it to a calendar day in app.users.time_zone. */
  mealTime: Date;
  /** breakfast, lunch, dinner or snack. */
  mealType: string;
  /** The person's notes on the meal. */
  notes: string | null;
  /** Totals of the meal as a JSON object. Keys (numbers >= 0, each optional): calories (kcal), protein_g, carbs_g, fat_g, and fiber_g, sugar_g (grams), sodium_mg (milligrams); any other key (micros ...) is free. Checked by app.nutrition_is_valid; summed into app.daily_nutrition. GIN index idx_meal_logs_nutrition (jsonb_path_ops) serves @> and jsonpath queries. */
  nutritionTotals: Json;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
}

/** 'ListMeals' query type */
export interface IListMealsQuery {
  params: IListMealsParams;
  result: IListMealsResult;
}

const listMealsIR: any = {"usedParamSet":{"userId":true,"includeDeleted":true,"from":true,"to":true,"afterTime":true,"afterId":true,"limit":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":771,"b":778}]},{"name":"includeDeleted","required":true,"transform":{"type":"scalar"},"locs":[{"a":787,"b":802}]},{"name":"from","required":false,"transform":{"type":"scalar"},"locs":[{"a":832,"b":836},{"a":877,"b":881}]},{"name":"to","required":false,"transform":{"type":"scalar"},"locs":[{"a":891,"b":893},{"a":933,"b":935}]},{"name":"afterTime","required":false,"transform":{"type":"scalar"},"locs":[{"a":945,"b":954},{"a":1003,"b":1012},{"a":1041,"b":1050}]},{"name":"afterId","required":false,"transform":{"type":"scalar"},"locs":[{"a":1053,"b":1060}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":1114,"b":1120}]}],"statement":"-- Keyset pagination, newest first, ties on meal_time broken by id: the page after the cursor\n-- (afterTime, afterId) is everything strictly below it in (meal_time, id) order. The extra\n-- \"meal_time <= afterTime\" gives the index idx_meal_logs_user_time a range to start from.\n-- cursorTime is meal_time in UTC with microseconds (a JS Date would drop them).\nSELECT m.id, m.meal_time AS \"mealTime\", m.meal_type AS \"mealType\", m.nutrition_totals AS \"nutritionTotals\",\n       m.image_url AS \"imageUrl\", m.notes, m.is_deleted AS \"isDeleted\", m.deleted_at AS \"deletedAt\",\n       m.created_at AS \"createdAt\", m.updated_at AS \"updatedAt\",\n       to_char(m.meal_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS \"cursorTime!\"\nFROM app.meal_logs AS m\nWHERE m.user_id = :userId!\n  AND (:includeDeleted! OR NOT m.is_deleted)\n  AND (:from::timestamptz IS NULL OR m.meal_time >= :from)\n  AND (:to::timestamptz IS NULL OR m.meal_time < :to)\n  AND (:afterTime::timestamptz IS NULL\n       OR (m.meal_time <= :afterTime AND (m.meal_time, m.id) < (:afterTime, :afterId::uuid)))\nORDER BY m.meal_time DESC, m.id DESC\nLIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- Keyset pagination, newest first, ties on meal_time broken by id: the page after the cursor
 * -- (afterTime, afterId) is everything strictly below it in (meal_time, id) order. The extra
 * -- "meal_time <= afterTime" gives the index idx_meal_logs_user_time a range to start from.
 * -- cursorTime is meal_time in UTC with microseconds (a JS Date would drop them).
 * SELECT m.id, m.meal_time AS "mealTime", m.meal_type AS "mealType", m.nutrition_totals AS "nutritionTotals",
 *        m.image_url AS "imageUrl", m.notes, m.is_deleted AS "isDeleted", m.deleted_at AS "deletedAt",
 *        m.created_at AS "createdAt", m.updated_at AS "updatedAt",
 *        to_char(m.meal_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime!"
 * FROM app.meal_logs AS m
 * WHERE m.user_id = :userId!
 *   AND (:includeDeleted! OR NOT m.is_deleted)
 *   AND (:from::timestamptz IS NULL OR m.meal_time >= :from)
 *   AND (:to::timestamptz IS NULL OR m.meal_time < :to)
 *   AND (:afterTime::timestamptz IS NULL
 *        OR (m.meal_time <= :afterTime AND (m.meal_time, m.id) < (:afterTime, :afterId::uuid)))
 * ORDER BY m.meal_time DESC, m.id DESC
 * LIMIT :limit!
 * ```
 */
export const listMeals = new PreparedQuery<IListMealsParams,IListMealsResult>(listMealsIR);


/** 'FindMealsByNutrition' parameters type */
export interface IFindMealsByNutritionParams {
  afterId?: string | null | void;
  afterTime?: DateOrString | null | void;
  from?: DateOrString | null | void;
  limit: NumberOrString;
  predicate: string;
  to?: DateOrString | null | void;
  userId: string;
}

/** 'FindMealsByNutrition' return type */
export interface IFindMealsByNutritionResult {
  /** When the meal was logged. */
  createdAt: Date;
  cursorTime: string;
  /** When the meal was soft-deleted; NULL exactly when is_deleted is false (CHECK meal_logs_deleted_check). */
  deletedAt: Date | null;
  /** Meal log id. */
  id: string;
  /** URL of the meal photo (S3 object URL). */
  imageUrl: string | null;
  /** Soft delete flag. Setting it stamps deleted_at (trigger meal_logs_soft_delete); clearing it undoes the delete. Deleted meals are excluded from daily nutrition. */
  isDeleted: boolean;
  /** When the person actually ate (not when it was logged). Daily nutrition assigns it to a calendar day in app.users.time_zone. */
  mealTime: Date;
  /** breakfast, lunch, dinner or snack. */
  mealType: string;
  /** The person's notes on the meal. */
  notes: string | null;
  /** Totals of the meal as a JSON object. Keys (numbers >= 0, each optional): calories (kcal), protein_g, carbs_g, fat_g, and fiber_g, sugar_g (grams), sodium_mg (milligrams); any other key (micros ...) is free. Checked by app.nutrition_is_valid; summed into app.daily_nutrition. GIN index idx_meal_logs_nutrition (jsonb_path_ops) serves @> and jsonpath queries. */
  nutritionTotals: Json;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
}

/** 'FindMealsByNutrition' query type */
export interface IFindMealsByNutritionQuery {
  params: IFindMealsByNutritionParams;
  result: IFindMealsByNutritionResult;
}

const findMealsByNutritionIR: any = {"usedParamSet":{"userId":true,"predicate":true,"from":true,"to":true,"afterTime":true,"afterId":true,"limit":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":868,"b":875}]},{"name":"predicate","required":true,"transform":{"type":"scalar"},"locs":[{"a":928,"b":938}]},{"name":"from","required":false,"transform":{"type":"scalar"},"locs":[{"a":963,"b":967},{"a":1008,"b":1012}]},{"name":"to","required":false,"transform":{"type":"scalar"},"locs":[{"a":1022,"b":1024},{"a":1064,"b":1066}]},{"name":"afterTime","required":false,"transform":{"type":"scalar"},"locs":[{"a":1076,"b":1085},{"a":1134,"b":1143},{"a":1172,"b":1181}]},{"name":"afterId","required":false,"transform":{"type":"scalar"},"locs":[{"a":1184,"b":1191}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":1245,"b":1251}]}],"statement":"-- predicate is a jsonpath predicate over nutrition_totals built by src/meals.ts from a whitelist\n-- of keys and finite numbers, e.g. '$.protein_g >= 30 && $.calories <= 600'. Equality tests\n-- (==) can use the GIN index idx_meal_logs_nutrition (jsonb_path_ops); range tests cannot (GIN\n-- extracts only equality keys), so for one person the btree idx_meal_logs_user_time drives the\n-- scan and the predicate filters. Same keyset pagination as ListMeals.\nSELECT m.id, m.meal_time AS \"mealTime\", m.meal_type AS \"mealType\", m.nutrition_totals AS \"nutritionTotals\",\n       m.image_url AS \"imageUrl\", m.notes, m.is_deleted AS \"isDeleted\", m.deleted_at AS \"deletedAt\",\n       m.created_at AS \"createdAt\", m.updated_at AS \"updatedAt\",\n       to_char(m.meal_time AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS \"cursorTime!\"\nFROM app.meal_logs AS m\nWHERE m.user_id = :userId!\n  AND NOT m.is_deleted\n  AND m.nutrition_totals @@ :predicate!::text::jsonpath\n  AND (:from::timestamptz IS NULL OR m.meal_time >= :from)\n  AND (:to::timestamptz IS NULL OR m.meal_time < :to)\n  AND (:afterTime::timestamptz IS NULL\n       OR (m.meal_time <= :afterTime AND (m.meal_time, m.id) < (:afterTime, :afterId::uuid)))\nORDER BY m.meal_time DESC, m.id DESC\nLIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- predicate is a jsonpath predicate over nutrition_totals built by src/meals.ts from a whitelist
 * -- of keys and finite numbers, e.g. '$.protein_g >= 30 && $.calories <= 600'. Equality tests
 * -- (==) can use the GIN index idx_meal_logs_nutrition (jsonb_path_ops); range tests cannot (GIN
 * -- extracts only equality keys), so for one person the btree idx_meal_logs_user_time drives the
 * -- scan and the predicate filters. Same keyset pagination as ListMeals.
 * SELECT m.id, m.meal_time AS "mealTime", m.meal_type AS "mealType", m.nutrition_totals AS "nutritionTotals",
 *        m.image_url AS "imageUrl", m.notes, m.is_deleted AS "isDeleted", m.deleted_at AS "deletedAt",
 *        m.created_at AS "createdAt", m.updated_at AS "updatedAt",
 *        to_char(m.meal_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime!"
 * FROM app.meal_logs AS m
 * WHERE m.user_id = :userId!
 *   AND NOT m.is_deleted
 *   AND m.nutrition_totals @@ :predicate!::text::jsonpath
 *   AND (:from::timestamptz IS NULL OR m.meal_time >= :from)
 *   AND (:to::timestamptz IS NULL OR m.meal_time < :to)
 *   AND (:afterTime::timestamptz IS NULL
 *        OR (m.meal_time <= :afterTime AND (m.meal_time, m.id) < (:afterTime, :afterId::uuid)))
 * ORDER BY m.meal_time DESC, m.id DESC
 * LIMIT :limit!
 * ```
 */
export const findMealsByNutrition = new PreparedQuery<IFindMealsByNutritionParams,IFindMealsByNutritionResult>(findMealsByNutritionIR);


/** 'UpdateMeal' parameters type */
export interface IUpdateMealParams {
  aiAnalysis?: Json | null | void;
  id: string;
  imageUrl?: string | null | void;
  mealTime?: DateOrString | null | void;
  mealType?: string | null | void;
  notes?: string | null | void;
  nutritionTotals?: Json | null | void;
  setAiAnalysis: boolean;
  setImageUrl: boolean;
  setNotes: boolean;
  userId: string;
}

/** 'UpdateMeal' return type */
export interface IUpdateMealResult {
  /** Meal log id. */
  id: string;
}

/** 'UpdateMeal' query type */
export interface IUpdateMealQuery {
  params: IUpdateMealParams;
  result: IUpdateMealResult;
}

const updateMealIR: any = {"usedParamSet":{"mealTime":true,"mealType":true,"nutritionTotals":true,"setAiAnalysis":true,"aiAnalysis":true,"setImageUrl":true,"imageUrl":true,"setNotes":true,"notes":true,"id":true,"userId":true},"params":[{"name":"mealTime","required":false,"transform":{"type":"scalar"},"locs":[{"a":231,"b":239}]},{"name":"mealType","required":false,"transform":{"type":"scalar"},"locs":[{"a":281,"b":289}]},{"name":"nutritionTotals","required":false,"transform":{"type":"scalar"},"locs":[{"a":338,"b":353}]},{"name":"setAiAnalysis","required":true,"transform":{"type":"scalar"},"locs":[{"a":412,"b":426}]},{"name":"aiAnalysis","required":false,"transform":{"type":"scalar"},"locs":[{"a":433,"b":443}]},{"name":"setImageUrl","required":true,"transform":{"type":"scalar"},"locs":[{"a":502,"b":514}]},{"name":"imageUrl","required":false,"transform":{"type":"scalar"},"locs":[{"a":521,"b":529}]},{"name":"setNotes","required":true,"transform":{"type":"scalar"},"locs":[{"a":575,"b":584}]},{"name":"notes","required":false,"transform":{"type":"scalar"},"locs":[{"a":591,"b":596}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":628,"b":631}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":651,"b":658}]}],"statement":"-- A field that is null keeps its value (mealTime, mealType, nutritionTotals are NOT NULL);\n-- aiAnalysis, imageUrl and notes are set (null included) when their set… flag is true.\nUPDATE app.meal_logs AS m\nSET meal_time = COALESCE(:mealTime, m.meal_time),\n    meal_type = COALESCE(:mealType, m.meal_type),\n    nutrition_totals = COALESCE(:nutritionTotals::jsonb, m.nutrition_totals),\n    ai_analysis = CASE WHEN :setAiAnalysis! THEN :aiAnalysis::jsonb ELSE m.ai_analysis END,\n    image_url = CASE WHEN :setImageUrl! THEN :imageUrl ELSE m.image_url END,\n    notes = CASE WHEN :setNotes! THEN :notes ELSE m.notes END\nWHERE m.id = :id!\n  AND m.user_id = :userId!\n  AND NOT m.is_deleted\nRETURNING m.id"};

/**
 * Query generated from SQL:
 * ```
 * -- A field that is null keeps its value (mealTime, mealType, nutritionTotals are NOT NULL);
 * -- aiAnalysis, imageUrl and notes are set (null included) when their set… flag is true.
 * UPDATE app.meal_logs AS m
 * SET meal_time = COALESCE(:mealTime, m.meal_time),
 *     meal_type = COALESCE(:mealType, m.meal_type),
 *     nutrition_totals = COALESCE(:nutritionTotals::jsonb, m.nutrition_totals),
 *     ai_analysis = CASE WHEN :setAiAnalysis! THEN :aiAnalysis::jsonb ELSE m.ai_analysis END,
 *     image_url = CASE WHEN :setImageUrl! THEN :imageUrl ELSE m.image_url END,
 *     notes = CASE WHEN :setNotes! THEN :notes ELSE m.notes END
 * WHERE m.id = :id!
 *   AND m.user_id = :userId!
 *   AND NOT m.is_deleted
 * RETURNING m.id
 * ```
 */
export const updateMeal = new PreparedQuery<IUpdateMealParams,IUpdateMealResult>(updateMealIR);


/** 'ReplaceMealFoods' parameters type */
export interface IReplaceMealFoodsParams {
  foods: Json;
  mealId: string;
  recomputeTotals: boolean;
  userId: string;
}

/** 'ReplaceMealFoods' return type */
export interface IReplaceMealFoodsResult {
  added: number;
  removed: number;
}

/** 'ReplaceMealFoods' query type */
export interface IReplaceMealFoodsQuery {
  params: IReplaceMealFoodsParams;
  result: IReplaceMealFoodsResult;
}

const replaceMealFoodsIR: any = {"usedParamSet":{"foods":true,"mealId":true,"userId":true,"recomputeTotals":true},"params":[{"name":"foods","required":true,"transform":{"type":"scalar"},"locs":[{"a":492,"b":498}]},{"name":"mealId","required":true,"transform":{"type":"scalar"},"locs":[{"a":887,"b":894},{"a":1075,"b":1082},{"a":1391,"b":1398}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":912,"b":919},{"a":1085,"b":1092},{"a":1416,"b":1423}]},{"name":"recomputeTotals","required":true,"transform":{"type":"scalar"},"locs":[{"a":1362,"b":1378}]}],"statement":"-- Replaces the foods of a meal (same JSON shape and order rule as InsertMealWithFoods) and, when\n-- recomputeTotals is true, sets nutrition_totals to the sum of the new foods.\nWITH input AS (\n  SELECT e.ord,\n         e.value ->> 'name' AS name,\n         (e.value ->> 'quantity')::numeric AS quantity,\n         e.value ->> 'unit' AS unit,\n         COALESCE(e.value -> 'nutrition', '{}'::jsonb) AS nutrition,\n         (e.value ->> 'confidence')::real AS confidence\n  FROM jsonb_array_elements(:foods!::jsonb) WITH ORDINALITY AS e (value, ord)\n), summed AS (\n  SELECT COALESCE(jsonb_object_agg(k.key, k.total), '{}'::jsonb) AS totals\n  FROM (\n    SELECT n.key, sum((n.value)::numeric) AS total\n    FROM input AS i, jsonb_each(i.nutrition) AS n\n    WHERE jsonb_typeof(n.value) = 'number'\n    GROUP BY n.key\n  ) AS k\n), removed AS (\n  DELETE FROM app.meal_foods AS f\n  WHERE f.meal_log_id = :mealId! AND f.user_id = :userId!\n  RETURNING f.id\n), added AS (\n  INSERT INTO app.meal_foods AS f (meal_log_id, user_id, name, quantity, unit, nutrition, confidence, created_at)\n  SELECT :mealId!, :userId!::uuid, i.name, i.quantity, i.unit, i.nutrition, i.confidence,\n         pg_catalog.now() + (i.ord - 1) * interval '1 microsecond'\n  FROM input AS i\n  RETURNING f.id\n), totals AS (\n  UPDATE app.meal_logs AS m\n  SET nutrition_totals = s.totals\n  FROM summed AS s\n  WHERE :recomputeTotals! AND m.id = :mealId! AND m.user_id = :userId!\n  RETURNING m.id\n)\nSELECT (SELECT count(*) FROM removed)::int AS \"removed!\", (SELECT count(*) FROM added)::int AS \"added!\""};

/**
 * Query generated from SQL:
 * ```
 * -- Replaces the foods of a meal (same JSON shape and order rule as InsertMealWithFoods) and, when
 * -- recomputeTotals is true, sets nutrition_totals to the sum of the new foods.
 * WITH input AS (
 *   SELECT e.ord,
 *          e.value ->> 'name' AS name,
 *          (e.value ->> 'quantity')::numeric AS quantity,
 *          e.value ->> 'unit' AS unit,
 *          COALESCE(e.value -> 'nutrition', '{}'::jsonb) AS nutrition,
 *          (e.value ->> 'confidence')::real AS confidence
 *   FROM jsonb_array_elements(:foods!::jsonb) WITH ORDINALITY AS e (value, ord)
 * ), summed AS (
 *   SELECT COALESCE(jsonb_object_agg(k.key, k.total), '{}'::jsonb) AS totals
 *   FROM (
 *     SELECT n.key, sum((n.value)::numeric) AS total
 *     FROM input AS i, jsonb_each(i.nutrition) AS n
 *     WHERE jsonb_typeof(n.value) = 'number'
 *     GROUP BY n.key
 *   ) AS k
 * ), removed AS (
 *   DELETE FROM app.meal_foods AS f
 *   WHERE f.meal_log_id = :mealId! AND f.user_id = :userId!
 *   RETURNING f.id
 * ), added AS (
 *   INSERT INTO app.meal_foods AS f (meal_log_id, user_id, name, quantity, unit, nutrition, confidence, created_at)
 *   SELECT :mealId!, :userId!::uuid, i.name, i.quantity, i.unit, i.nutrition, i.confidence,
 *          pg_catalog.now() + (i.ord - 1) * interval '1 microsecond'
 *   FROM input AS i
 *   RETURNING f.id
 * ), totals AS (
 *   UPDATE app.meal_logs AS m
 *   SET nutrition_totals = s.totals
 *   FROM summed AS s
 *   WHERE :recomputeTotals! AND m.id = :mealId! AND m.user_id = :userId!
 *   RETURNING m.id
 * )
 * SELECT (SELECT count(*) FROM removed)::int AS "removed!", (SELECT count(*) FROM added)::int AS "added!"
 * ```
 */
export const replaceMealFoods = new PreparedQuery<IReplaceMealFoodsParams,IReplaceMealFoodsResult>(replaceMealFoodsIR);


/** 'SetMealDeleted' parameters type */
export interface ISetMealDeletedParams {
  deleted: boolean;
  id: string;
  userId: string;
}

/** 'SetMealDeleted' return type */
export interface ISetMealDeletedResult {
  /** When the meal was soft-deleted; NULL exactly when is_deleted is false (CHECK meal_logs_deleted_check). */
  deletedAt: Date | null;
  /** Meal log id. */
  id: string;
  /** Soft delete flag. Setting it stamps deleted_at (trigger meal_logs_soft_delete); clearing it undoes the delete. Deleted meals are excluded from daily nutrition. */
  isDeleted: boolean;
}

/** 'SetMealDeleted' query type */
export interface ISetMealDeletedQuery {
  params: ISetMealDeletedParams;
  result: ISetMealDeletedResult;
}

const setMealDeletedIR: any = {"usedParamSet":{"deleted":true,"id":true,"userId":true},"params":[{"name":"deleted","required":true,"transform":{"type":"scalar"},"locs":[{"a":141,"b":149}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":164,"b":167}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":185,"b":192}]}],"statement":"-- Soft delete (deleted = true) and undo (false); trigger meal_logs_soft_delete keeps deleted_at.\nUPDATE app.meal_logs AS m\nSET is_deleted = :deleted!\nWHERE m.id = :id! AND m.user_id = :userId!\nRETURNING m.id, m.is_deleted AS \"isDeleted\", m.deleted_at AS \"deletedAt\""};

/**
 * Query generated from SQL:
 * ```
 * -- Soft delete (deleted = true) and undo (false); trigger meal_logs_soft_delete keeps deleted_at.
 * UPDATE app.meal_logs AS m
 * SET is_deleted = :deleted!
 * WHERE m.id = :id! AND m.user_id = :userId!
 * RETURNING m.id, m.is_deleted AS "isDeleted", m.deleted_at AS "deletedAt"
 * ```
 */
export const setMealDeleted = new PreparedQuery<ISetMealDeletedParams,ISetMealDeletedResult>(setMealDeletedIR);


/** 'DailyNutritionVsGoal' parameters type */
export interface IDailyNutritionVsGoalParams {
  from: string;
  to: string;
  userId: string;
}

/** 'DailyNutritionVsGoal' return type */
export interface IDailyNutritionVsGoalResult {
  calories: number;
  carbsG: number;
  day: string;
  fatG: number;
  fiberG: number;
  goalId: string | null;
  goalType: string | null;
  mealCount: number;
  proteinG: number;
  sodiumMg: number;
  sugarG: number;
  targetCalories: number | null;
  targetCarbsG: number | null;
  targetFatG: number | null;
  targetFiberG: number | null;
  targetProteinG: number | null;
  targetSodiumMg: number | null;
  targetSugarG: number | null;
}

/** 'DailyNutritionVsGoal' query type */
export interface IDailyNutritionVsGoalQuery {
  params: IDailyNutritionVsGoalParams;
  result: IDailyNutritionVsGoalResult;
}

const dailyNutritionVsGoalIR: any = {"usedParamSet":{"userId":true,"from":true,"to":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":614,"b":621}]},{"name":"from","required":true,"transform":{"type":"scalar"},"locs":[{"a":624,"b":629}]},{"name":"to","required":true,"transform":{"type":"scalar"},"locs":[{"a":632,"b":635}]}],"statement":"SELECT d.day AS \"day!\", d.meal_count AS \"mealCount!\",\n       d.calories AS \"calories!\", d.protein_g AS \"proteinG!\", d.carbs_g AS \"carbsG!\", d.fat_g AS \"fatG!\",\n       d.fiber_g AS \"fiberG!\", d.sugar_g AS \"sugarG!\", d.sodium_mg AS \"sodiumMg!\",\n       d.goal_id AS \"goalId?\", d.goal_type AS \"goalType?\", d.target_calories AS \"targetCalories?\",\n       d.target_protein_g AS \"targetProteinG?\", d.target_carbs_g AS \"targetCarbsG?\", d.target_fat_g AS \"targetFatG?\",\n       d.target_fiber_g AS \"targetFiberG?\", d.target_sugar_g AS \"targetSugarG?\", d.target_sodium_mg AS \"targetSodiumMg?\"\nFROM app.daily_nutrition_vs_goal(:userId!, :from!, :to!) AS d"};

/**
 * Query generated from SQL:
 * ```
 * SELECT d.day AS "day!", d.meal_count AS "mealCount!",
 *        d.calories AS "calories!", d.protein_g AS "proteinG!", d.carbs_g AS "carbsG!", d.fat_g AS "fatG!",
 *        d.fiber_g AS "fiberG!", d.sugar_g AS "sugarG!", d.sodium_mg AS "sodiumMg!",
 *        d.goal_id AS "goalId?", d.goal_type AS "goalType?", d.target_calories AS "targetCalories?",
 *        d.target_protein_g AS "targetProteinG?", d.target_carbs_g AS "targetCarbsG?", d.target_fat_g AS "targetFatG?",
 *        d.target_fiber_g AS "targetFiberG?", d.target_sugar_g AS "targetSugarG?", d.target_sodium_mg AS "targetSodiumMg?"
 * FROM app.daily_nutrition_vs_goal(:userId!, :from!, :to!) AS d
 * ```
 */
export const dailyNutritionVsGoal = new PreparedQuery<IDailyNutritionVsGoalParams,IDailyNutritionVsGoalResult>(dailyNutritionVsGoalIR);


/** 'RefreshDailyMetrics' parameters type */
export interface IRefreshDailyMetricsParams {
  day: string;
  userId: string;
}

/** 'RefreshDailyMetrics' return type */
export interface IRefreshDailyMetricsResult {
  done: undefined | null;
}

/** 'RefreshDailyMetrics' query type */
export interface IRefreshDailyMetricsQuery {
  params: IRefreshDailyMetricsParams;
  result: IRefreshDailyMetricsResult;
}

const refreshDailyMetricsIR: any = {"usedParamSet":{"userId":true,"day":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":101,"b":108}]},{"name":"day","required":true,"transform":{"type":"scalar"},"locs":[{"a":117,"b":121}]}],"statement":"-- The worker (metrics.rollup): a person's daily nutrition metrics.\nselect app.refresh_daily_metrics(:userId!::uuid, :day!::date) as \"done\""};

/**
 * Query generated from SQL:
 * ```
 * -- The worker (metrics.rollup): a person's daily nutrition metrics.
 * select app.refresh_daily_metrics(:userId!::uuid, :day!::date) as "done"
 * ```
 */
export const refreshDailyMetrics = new PreparedQuery<IRefreshDailyMetricsParams,IRefreshDailyMetricsResult>(refreshDailyMetricsIR);


/** 'RebuildDailyMetrics' parameters type */
export interface IRebuildDailyMetricsParams {
  userId: string;
}

/** 'RebuildDailyMetrics' return type */
export interface IRebuildDailyMetricsResult {
  days: number;
}

/** 'RebuildDailyMetrics' query type */
export interface IRebuildDailyMetricsQuery {
  params: IRebuildDailyMetricsParams;
  result: IRebuildDailyMetricsResult;
}

const rebuildDailyMetricsIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":33,"b":40}]}],"statement":"select app.rebuild_daily_metrics(:userId!::uuid) as \"days!\""};

/**
 * Query generated from SQL:
 * ```
 * select app.rebuild_daily_metrics(:userId!::uuid) as "days!"
 * ```
 */
export const rebuildDailyMetrics = new PreparedQuery<IRebuildDailyMetricsParams,IRebuildDailyMetricsResult>(rebuildDailyMetricsIR);


/** 'InsertMealsWithFoods' parameters type */
export interface IInsertMealsWithFoodsParams {
  meals: Json;
  userId: string;
}

/** 'InsertMealsWithFoods' return type */
export interface IInsertMealsWithFoodsResult {
  /** The full AI response that analysed the meal (a JSON object), kept for audit and re-analysis; NULL for manual entries. */
  aiAnalysis: Json | null;
  /** When the meal was logged. */
  createdAt: Date;
  /** When the meal was soft-deleted; NULL exactly when is_deleted is false (CHECK meal_logs_deleted_check). */
  deletedAt: Date | null;
  foods: Json;
  /** Meal log id. */
  id: string;
  /** URL of the meal photo (S3 object URL). */
  imageUrl: string | null;
  /** Soft delete flag. Setting it stamps deleted_at (trigger meal_logs_soft_delete); clearing it undoes the delete. Deleted meals are excluded from daily nutrition. */
  isDeleted: boolean;
  /** When the person actually ate (not when it was logged). Daily nutrition assigns it to a calendar day in app.users.time_zone. */
  mealTime: Date;
  /** breakfast, lunch, dinner or snack. */
  mealType: string;
  /** The person's notes on the meal. */
  notes: string | null;
  /** Totals of the meal as a JSON object. Keys (numbers >= 0, each optional): calories (kcal), protein_g, carbs_g, fat_g, and fiber_g, sugar_g (grams), sodium_mg (milligrams); any other key (micros ...) is free. Checked by app.nutrition_is_valid; summed into app.daily_nutrition. GIN index idx_meal_logs_nutrition (jsonb_path_ops) serves @> and jsonpath queries. */
  nutritionTotals: Json;
  ord: string;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
}

/** 'InsertMealsWithFoods' query type */
export interface IInsertMealsWithFoodsQuery {
  params: IInsertMealsWithFoodsParams;
  result: IInsertMealsWithFoodsResult;
}

const insertMealsWithFoodsIR: any = {"usedParamSet":{"meals":true,"userId":true},"params":[{"name":"meals","required":true,"transform":{"type":"scalar"},"locs":[{"a":617,"b":623}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":1567,"b":1574},{"a":2072,"b":2079}]}],"statement":"-- logMeals: several meals with their foods in one statement, each as InsertMealWithFoods would\n-- write it. :meals is a JSON array of {mealTime, mealType, foods, nutritionTotals, aiAnalysis,\n-- imageUrl, notes} validated by the caller; the result has one row per meal, in the array's order\n-- (ord). Ids are drawn before the insert so the foods can name their meal. The person is :userId\n-- (personOf), as in InsertMealWithFoods: Citus routes the statement to the person's shard.\nwith input as materialized (\n  select e.ord, e.value as meal, pg_catalog.gen_random_uuid() as id\n  from pg_catalog.jsonb_array_elements(:meals!::jsonb) with ordinality as e (value, ord)\n), food as (\n  select i.id as meal_id, f.ord,\n         f.value ->> 'name' as name,\n         (f.value ->> 'quantity')::numeric as quantity,\n         f.value ->> 'unit' as unit,\n         coalesce(f.value -> 'nutrition', '{}'::jsonb) as nutrition,\n         (f.value ->> 'confidence')::real as confidence\n  from input as i, pg_catalog.jsonb_array_elements(i.meal -> 'foods') with ordinality as f (value, ord)\n), summed as (\n  select k.meal_id, pg_catalog.jsonb_object_agg(k.key, k.total) as totals\n  from (\n    select fd.meal_id, n.key, pg_catalog.sum((n.value)::numeric) as total\n    from food as fd, pg_catalog.jsonb_each(fd.nutrition) as n\n    where pg_catalog.jsonb_typeof(n.value) = 'number'\n    group by fd.meal_id, n.key\n  ) as k\n  group by k.meal_id\n), meal as (\n  insert into app.meal_logs as m (id, user_id, meal_time, meal_type, nutrition_totals, ai_analysis, image_url, notes)\n  select i.id, :userId!::uuid, (i.meal ->> 'mealTime')::timestamptz, i.meal ->> 'mealType',\n         coalesce(nullif(i.meal -> 'nutritionTotals', 'null'::jsonb), s.totals, '{}'::jsonb),\n         nullif(i.meal -> 'aiAnalysis', 'null'::jsonb), i.meal ->> 'imageUrl', i.meal ->> 'notes'\n  from input as i left join summed as s on s.meal_id = i.id\n  order by i.ord\n  returning m.*\n), foods as (\n  insert into app.meal_foods as f (meal_log_id, user_id, name, quantity, unit, nutrition, confidence, created_at)\n  select m.id, :userId!::uuid, fd.name, fd.quantity, fd.unit, fd.nutrition, fd.confidence,\n         pg_catalog.now() + (fd.ord - 1) * interval '1 microsecond'\n  from meal as m join food as fd on fd.meal_id = m.id\n  returning f.id, f.meal_log_id, f.name, f.quantity, f.unit, f.nutrition, f.confidence, f.created_at\n)\nselect i.ord as \"ord!\", m.id, m.meal_time as \"mealTime\", m.meal_type as \"mealType\", m.nutrition_totals as \"nutritionTotals\",\n       m.ai_analysis as \"aiAnalysis\", m.image_url as \"imageUrl\", m.notes, m.is_deleted as \"isDeleted\",\n       m.deleted_at as \"deletedAt\", m.created_at as \"createdAt\", m.updated_at as \"updatedAt\",\n       coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', f.id, 'name', f.name, 'quantity', f.quantity, 'unit', f.unit,\n                                                                           'nutrition', f.nutrition, 'confidence', f.confidence)\n                                             order by f.created_at, f.id)\n                 from foods as f where f.meal_log_id = m.id), '[]'::jsonb) as \"foods!\"\nfrom meal as m join input as i on i.id = m.id\norder by i.ord"};

/**
 * Query generated from SQL:
 * ```
 * -- logMeals: several meals with their foods in one statement, each as InsertMealWithFoods would
 * -- write it. :meals is a JSON array of {mealTime, mealType, foods, nutritionTotals, aiAnalysis,
 * -- imageUrl, notes} validated by the caller; the result has one row per meal, in the array's order
 * -- (ord). Ids are drawn before the insert so the foods can name their meal. The person is :userId
 * -- (personOf), as in InsertMealWithFoods: Citus routes the statement to the person's shard.
 * with input as materialized (
 *   select e.ord, e.value as meal, pg_catalog.gen_random_uuid() as id
 *   from pg_catalog.jsonb_array_elements(:meals!::jsonb) with ordinality as e (value, ord)
 * ), food as (
 *   select i.id as meal_id, f.ord,
 *          f.value ->> 'name' as name,
 *          (f.value ->> 'quantity')::numeric as quantity,
 *          f.value ->> 'unit' as unit,
 *          coalesce(f.value -> 'nutrition', '{}'::jsonb) as nutrition,
 *          (f.value ->> 'confidence')::real as confidence
 *   from input as i, pg_catalog.jsonb_array_elements(i.meal -> 'foods') with ordinality as f (value, ord)
 * ), summed as (
 *   select k.meal_id, pg_catalog.jsonb_object_agg(k.key, k.total) as totals
 *   from (
 *     select fd.meal_id, n.key, pg_catalog.sum((n.value)::numeric) as total
 *     from food as fd, pg_catalog.jsonb_each(fd.nutrition) as n
 *     where pg_catalog.jsonb_typeof(n.value) = 'number'
 *     group by fd.meal_id, n.key
 *   ) as k
 *   group by k.meal_id
 * ), meal as (
 *   insert into app.meal_logs as m (id, user_id, meal_time, meal_type, nutrition_totals, ai_analysis, image_url, notes)
 *   select i.id, :userId!::uuid, (i.meal ->> 'mealTime')::timestamptz, i.meal ->> 'mealType',
 *          coalesce(nullif(i.meal -> 'nutritionTotals', 'null'::jsonb), s.totals, '{}'::jsonb),
 *          nullif(i.meal -> 'aiAnalysis', 'null'::jsonb), i.meal ->> 'imageUrl', i.meal ->> 'notes'
 *   from input as i left join summed as s on s.meal_id = i.id
 *   order by i.ord
 *   returning m.*
 * ), foods as (
 *   insert into app.meal_foods as f (meal_log_id, user_id, name, quantity, unit, nutrition, confidence, created_at)
 *   select m.id, :userId!::uuid, fd.name, fd.quantity, fd.unit, fd.nutrition, fd.confidence,
 *          pg_catalog.now() + (fd.ord - 1) * interval '1 microsecond'
 *   from meal as m join food as fd on fd.meal_id = m.id
 *   returning f.id, f.meal_log_id, f.name, f.quantity, f.unit, f.nutrition, f.confidence, f.created_at
 * )
 * select i.ord as "ord!", m.id, m.meal_time as "mealTime", m.meal_type as "mealType", m.nutrition_totals as "nutritionTotals",
 *        m.ai_analysis as "aiAnalysis", m.image_url as "imageUrl", m.notes, m.is_deleted as "isDeleted",
 *        m.deleted_at as "deletedAt", m.created_at as "createdAt", m.updated_at as "updatedAt",
 *        coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', f.id, 'name', f.name, 'quantity', f.quantity, 'unit', f.unit,
 *                                                                            'nutrition', f.nutrition, 'confidence', f.confidence)
 *                                              order by f.created_at, f.id)
 *                  from foods as f where f.meal_log_id = m.id), '[]'::jsonb) as "foods!"
 * from meal as m join input as i on i.id = m.id
 * order by i.ord
 * ```
 */
export const insertMealsWithFoods = new PreparedQuery<IInsertMealsWithFoodsParams,IInsertMealsWithFoodsResult>(insertMealsWithFoodsIR);


