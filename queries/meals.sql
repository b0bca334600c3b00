/* @name InsertMealWithFoods */
-- One statement: the meal, its foods (a JSON array, kept in the order given: created_at is the
-- statement time plus the food's position in microseconds) and, when no totals are given, totals
-- summed from the foods' nutrition (every numeric key, summed exactly as numeric).
WITH input AS (
  SELECT e.ord,
         e.value ->> 'name' AS name,
         (e.value ->> 'quantity')::numeric AS quantity,
         e.value ->> 'unit' AS unit,
         COALESCE(e.value -> 'nutrition', '{}'::jsonb) AS nutrition,
         (e.value ->> 'confidence')::real AS confidence
  FROM jsonb_array_elements(:foods!::jsonb) WITH ORDINALITY AS e (value, ord)
), summed AS (
  SELECT COALESCE(jsonb_object_agg(k.key, k.total), '{}'::jsonb) AS totals
  FROM (
    SELECT n.key, sum((n.value)::numeric) AS total
    FROM input AS i, jsonb_each(i.nutrition) AS n
    WHERE jsonb_typeof(n.value) = 'number'
    GROUP BY n.key
  ) AS k
), meal AS (
  INSERT INTO app.meal_logs AS m (user_id, meal_time, meal_type, nutrition_totals, ai_analysis, image_url, notes)
  SELECT :userId!::uuid, :mealTime!, :mealType!, COALESCE(:nutritionTotals::jsonb, s.totals),
         :aiAnalysis::jsonb, :imageUrl, :notes
  FROM summed AS s
  RETURNING m.*
), foods AS (
  INSERT INTO app.meal_foods AS f (meal_log_id, user_id, name, quantity, unit, nutrition, confidence, created_at)
  SELECT m.id, m.user_id, i.name, i.quantity, i.unit, i.nutrition, i.confidence,
         pg_catalog.now() + (i.ord - 1) * interval '1 microsecond'
  FROM meal AS m, input AS i
  RETURNING f.id, f.name, f.quantity, f.unit, f.nutrition, f.confidence, f.created_at
)
SELECT m.id, m.meal_time AS "mealTime", m.meal_type AS "mealType", m.nutrition_totals AS "nutritionTotals",
       m.ai_analysis AS "aiAnalysis", m.image_url AS "imageUrl", m.notes, m.is_deleted AS "isDeleted",
       m.deleted_at AS "deletedAt", m.created_at AS "createdAt", m.updated_at AS "updatedAt",
       COALESCE((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name, 'quantity', f.quantity, 'unit', f.unit,
                                                     'nutrition', f.nutrition, 'confidence', f.confidence)
                                  ORDER BY f.created_at, f.id)
                 FROM foods AS f), '[]'::jsonb) AS "foods!"
FROM meal AS m;

/* @name GetMeal */
SELECT m.id, m.meal_time AS "mealTime", m.meal_type AS "mealType", m.nutrition_totals AS "nutritionTotals",
       m.ai_analysis AS "aiAnalysis", m.image_url AS "imageUrl", m.notes, m.is_deleted AS "isDeleted",
       m.deleted_at AS "deletedAt", m.created_at AS "createdAt", m.updated_at AS "updatedAt",
       COALESCE((SELECT jsonb_agg(jsonb_build_object('id', f.id, 'name', f.name, 'quantity', f.quantity, 'unit', f.unit,
                                                     'nutrition', f.nutrition, 'confidence', f.confidence)
                                  ORDER BY f.created_at, f.id)
                 FROM app.meal_foods AS f
                 WHERE f.meal_log_id = m.id AND f.user_id = :userId!), '[]'::jsonb) AS "foods!"
FROM app.meal_logs AS m
WHERE m.id = :id!
  AND m.user_id = :userId!
  AND (:includeDeleted! OR NOT m.is_deleted);

/* @name ListMeals */
-- Keyset pagination, newest first, ties on meal_time broken by id: the page after the cursor
-- (afterTime, afterId) is everything strictly below it in (meal_time, id) order. The extra
-- "meal_time <= afterTime" gives the index idx_meal_logs_user_time a range to start from.
-- cursorTime is meal_time in UTC with microseconds (a JS Date would drop them).
SELECT m.id, m.meal_time AS "mealTime", m.meal_type AS "mealType", m.nutrition_totals AS "nutritionTotals",
       m.image_url AS "imageUrl", m.notes, m.is_deleted AS "isDeleted", m.deleted_at AS "deletedAt",
       m.created_at AS "createdAt", m.updated_at AS "updatedAt",
       to_char(m.meal_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime!"
FROM app.meal_logs AS m
WHERE m.user_id = :userId!
  AND (:includeDeleted! OR NOT m.is_deleted)
  AND (:from::timestamptz IS NULL OR m.meal_time >= :from)
  AND (:to::timestamptz IS NULL OR m.meal_time < :to)
  AND (:afterTime::timestamptz IS NULL
       OR (m.meal_time <= :afterTime AND (m.meal_time, m.id) < (:afterTime, :afterId::uuid)))
ORDER BY m.meal_time DESC, m.id DESC
LIMIT :limit!;

/* @name FindMealsByNutrition */
-- predicate is a jsonpath predicate over nutrition_totals built by src/meals.ts from a whitelist
-- of keys and finite numbers, e.g. '$.protein_g >= 30 && $.calories <= 600'. Equality tests
-- (==) can use the GIN index idx_meal_logs_nutrition (jsonb_path_ops); range tests cannot (GIN
-- extracts only equality keys), so for one person the btree idx_meal_logs_user_time drives the
-- scan and the predicate filters. Same keyset pagination as ListMeals.
SELECT m.id, m.meal_time AS "mealTime", m.meal_type AS "mealType", m.nutrition_totals AS "nutritionTotals",
       m.image_url AS "imageUrl", m.notes, m.is_deleted AS "isDeleted", m.deleted_at AS "deletedAt",
       m.created_at AS "createdAt", m.updated_at AS "updatedAt",
       to_char(m.meal_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime!"
FROM app.meal_logs AS m
WHERE m.user_id = :userId!
  AND NOT m.is_deleted
  AND m.nutrition_totals @@ :predicate!::text::jsonpath
  AND (:from::timestamptz IS NULL OR m.meal_time >= :from)
  AND (:to::timestamptz IS NULL OR m.meal_time < :to)
  AND (:afterTime::timestamptz IS NULL
       OR (m.meal_time <= :afterTime AND (m.meal_time, m.id) < (:afterTime, :afterId::uuid)))
ORDER BY m.meal_time DESC, m.id DESC
LIMIT :limit!;

/* @name UpdateMeal */
-- A field that is null keeps its value (mealTime, mealType, nutritionTotals are NOT NULL);
-- aiAnalysis, imageUrl and notes are set (null included) when their set… flag is true.
UPDATE app.meal_logs AS m
SET meal_time = COALESCE(:mealTime, m.meal_time),
    meal_type = COALESCE(:mealType, m.meal_type),
    nutrition_totals = COALESCE(:nutritionTotals::jsonb, m.nutrition_totals),
    ai_analysis = CASE WHEN :setAiAnalysis! THEN :aiAnalysis::jsonb ELSE m.ai_analysis END,
    image_url = CASE WHEN :setImageUrl! THEN :imageUrl ELSE m.image_url END,
    notes = CASE WHEN :setNotes! THEN :notes ELSE m.notes END
WHERE m.id = :id!
  AND m.user_id = :userId!
  AND NOT m.is_deleted
RETURNING m.id;

/* @name ReplaceMealFoods */
-- Replaces the foods of a meal (same JSON shape and order rule as InsertMealWithFoods) and, when
-- recomputeTotals is true, sets nutrition_totals to the sum of the new foods.
WITH input AS (
  SELECT e.ord,
         e.value ->> 'name' AS name,
         (e.value ->> 'quantity')::numeric AS quantity,
         e.value ->> 'unit' AS unit,
         COALESCE(e.value -> 'nutrition', '{}'::jsonb) AS nutrition,
         (e.value ->> 'confidence')::real AS confidence
  FROM jsonb_array_elements(:foods!::jsonb) WITH ORDINALITY AS e (value, ord)
), summed AS (
  SELECT COALESCE(jsonb_object_agg(k.key, k.total), '{}'::jsonb) AS totals
  FROM (
    SELECT n.key, sum((n.value)::numeric) AS total
    FROM input AS i, jsonb_each(i.nutrition) AS n
    WHERE jsonb_typeof(n.value) = 'number'
    GROUP BY n.key
  ) AS k
), removed AS (
  DELETE FROM app.meal_foods AS f
  WHERE f.meal_log_id = :mealId! AND f.user_id = :userId!
  RETURNING f.id
), added AS (
  INSERT INTO app.meal_foods AS f (meal_log_id, user_id, name, quantity, unit, nutrition, confidence, created_at)
  SELECT :mealId!, :userId!::uuid, i.name, i.quantity, i.unit, i.nutrition, i.confidence,
         pg_catalog.now() + (i.ord - 1) * interval '1 microsecond'
  FROM input AS i
  RETURNING f.id
), totals AS (
  UPDATE app.meal_logs AS m
  SET nutrition_totals = s.totals
  FROM summed AS s
  WHERE :recomputeTotals! AND m.id = :mealId! AND m.user_id = :userId!
  RETURNING m.id
)
SELECT (SELECT count(*) FROM removed)::int AS "removed!", (SELECT count(*) FROM added)::int AS "added!";

/* @name SetMealDeleted */
-- Soft delete (deleted = true) and undo (false); trigger meal_logs_soft_delete keeps deleted_at.
UPDATE app.meal_logs AS m
SET is_deleted = :deleted!
WHERE m.id = :id! AND m.user_id = :userId!
RETURNING m.id, m.is_deleted AS "isDeleted", m.deleted_at AS "deletedAt";

/* @name DailyNutritionVsGoal */
SELECT d.day AS "day!", d.meal_count AS "mealCount!",
       d.calories AS "calories!", d.protein_g AS "proteinG!", d.carbs_g AS "carbsG!", d.fat_g AS "fatG!",
       d.fiber_g AS "fiberG!", d.sugar_g AS "sugarG!", d.sodium_mg AS "sodiumMg!",
       d.goal_id AS "goalId?", d.goal_type AS "goalType?", d.target_calories AS "targetCalories?",
       d.target_protein_g AS "targetProteinG?", d.target_carbs_g AS "targetCarbsG?", d.target_fat_g AS "targetFatG?",
       d.target_fiber_g AS "targetFiberG?", d.target_sugar_g AS "targetSugarG?", d.target_sodium_mg AS "targetSodiumMg?"
FROM app.daily_nutrition_vs_goal(:userId!, :from!, :to!) AS d;

/* @name RefreshDailyMetrics */
-- The worker (metrics.rollup): a person's daily nutrition metrics.
select app.refresh_daily_metrics(:userId!::uuid, :day!::date) as "done";

/* @name RebuildDailyMetrics */
select app.rebuild_daily_metrics(:userId!::uuid) as "days!";

/* @name InsertMealsWithFoods */
-- logMeals: several meals with their foods in one statement, each as InsertMealWithFoods would
-- write it. :meals is a JSON array of {mealTime, mealType, foods, nutritionTotals, aiAnalysis,
-- imageUrl, notes} validated by the caller; the result has one row per meal, in the array's order
-- (ord). Ids are drawn before the insert so the foods can name their meal. The person is :userId
-- (personOf), as in InsertMealWithFoods: Citus routes the statement to the person's shard.
with input as materialized (
  select e.ord, e.value as meal, pg_catalog.gen_random_uuid() as id
  from pg_catalog.jsonb_array_elements(:meals!::jsonb) with ordinality as e (value, ord)
), food as (
  select i.id as meal_id, f.ord,
         f.value ->> 'name' as name,
         (f.value ->> 'quantity')::numeric as quantity,
         f.value ->> 'unit' as unit,
         coalesce(f.value -> 'nutrition', '{}'::jsonb) as nutrition,
         (f.value ->> 'confidence')::real as confidence
  from input as i, pg_catalog.jsonb_array_elements(i.meal -> 'foods') with ordinality as f (value, ord)
), summed as (
  select k.meal_id, pg_catalog.jsonb_object_agg(k.key, k.total) as totals
  from (
    select fd.meal_id, n.key, pg_catalog.sum((n.value)::numeric) as total
    from food as fd, pg_catalog.jsonb_each(fd.nutrition) as n
    where pg_catalog.jsonb_typeof(n.value) = 'number'
    group by fd.meal_id, n.key
  ) as k
  group by k.meal_id
), meal as (
  insert into app.meal_logs as m (id, user_id, meal_time, meal_type, nutrition_totals, ai_analysis, image_url, notes)
  select i.id, :userId!::uuid, (i.meal ->> 'mealTime')::timestamptz, i.meal ->> 'mealType',
         coalesce(nullif(i.meal -> 'nutritionTotals', 'null'::jsonb), s.totals, '{}'::jsonb),
         nullif(i.meal -> 'aiAnalysis', 'null'::jsonb), i.meal ->> 'imageUrl', i.meal ->> 'notes'
  from input as i left join summed as s on s.meal_id = i.id
  order by i.ord
  returning m.*
), foods as (
  insert into app.meal_foods as f (meal_log_id, user_id, name, quantity, unit, nutrition, confidence, created_at)
  select m.id, :userId!::uuid, fd.name, fd.quantity, fd.unit, fd.nutrition, fd.confidence,
         pg_catalog.now() + (fd.ord - 1) * interval '1 microsecond'
  from meal as m join food as fd on fd.meal_id = m.id
  returning f.id, f.meal_log_id, f.name, f.quantity, f.unit, f.nutrition, f.confidence, f.created_at
)
select i.ord as "ord!", m.id, m.meal_time as "mealTime", m.meal_type as "mealType", m.nutrition_totals as "nutritionTotals",
       m.ai_analysis as "aiAnalysis", m.image_url as "imageUrl", m.notes, m.is_deleted as "isDeleted",
       m.deleted_at as "deletedAt", m.created_at as "createdAt", m.updated_at as "updatedAt",
       coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('id', f.id, 'name', f.name, 'quantity', f.quantity, 'unit', f.unit,
                                                                           'nutrition', f.nutrition, 'confidence', f.confidence)
                                             order by f.created_at, f.id)
                 from foods as f where f.meal_log_id = m.id), '[]'::jsonb) as "foods!"
from meal as m join input as i on i.id = m.id
order by i.ord;
