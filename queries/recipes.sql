/* @name SearchPreferences */
SELECT
  CASE p.diet
    WHEN 'vegan' THEN ARRAY['vegan']
    WHEN 'vegetarian' THEN ARRAY['vegetarian', 'vegan']
    WHEN 'pescatarian' THEN ARRAY['pescatarian', 'vegetarian', 'vegan']
  END::text[] AS "dietTags?",
  p.diet AS "diet?",
  coalesce(
    (SELECT array_agg(DISTINCT app.allergen_key(a.allergen)) FROM unnest(p.allergens) AS a (allergen)
      WHERE app.allergen_key(a.allergen) IS NOT NULL),
    '{}'
  ) AS "allergens!"
FROM app.user_preferences AS p
WHERE p.user_id = (SELECT app.current_user_id());

/* @name SearchRecipes */
-- Ranked full-text search plus filters, one page (keyset: rank DESC, name, id; the cursor is the
-- last row's (rank, name, id)). A query without lexemes (blank, or only stop words) matches
-- every recipe (rank 0, so the order is by name). The cursor's rank is the real as returned
-- (float4 text round-trips exactly through a JS number). Filters given as NULL do not apply; the planner
-- folds them away (each call is planned with its values). Diet and allergens: see src/recipes.ts
-- and app.recipe_allergen_keys (migration 000040).
WITH q AS (
  SELECT websearch_to_tsquery('english', :query!) AS tsq
), hits AS (
  SELECT r.*,
         CASE WHEN numnode(q.tsq) = 0 THEN 0::real ELSE ts_rank(r.search_vector, q.tsq) END AS rank
    FROM app.recipes AS r, q
   WHERE r.is_published
     AND (numnode(q.tsq) = 0 OR r.search_vector @@ q.tsq)
     AND (:category::text IS NULL OR r.category = :category)
     AND (:cuisine::text IS NULL OR r.cuisine = :cuisine)
     AND (:difficulty::text IS NULL OR r.difficulty = :difficulty)
     AND (:maxTimeMinutes::integer IS NULL OR r.time_minutes <= :maxTimeMinutes)
     AND (:tags::text[] IS NULL OR r.tags @> :tags)
     AND (:dietTags::text[] IS NULL OR r.tags && :dietTags)
     AND (cardinality(:allergens!::text[]) = 0 OR r.id NOT IN (
           SELECT x.id FROM app.recipes AS x
            WHERE app.recipe_allergen_keys(x.recipe_data, x.tags) && :allergens!::text[]))
)
SELECT
  h.id, h.name, h.category, coalesce(h.cuisine, 'indian') AS "cuisine!", coalesce(h.tags, '{}') AS "tags!", h.difficulty,
  h.time_minutes AS "timeMinutes", h.servings, h.calories, h.protein_g AS "proteinG", h.carbs_g AS "carbsG",
  h.fats_g AS "fatsG", h.image_url AS "imageUrl", h.version, h.updated_at AS "updatedAt",
  h.rank AS "rank!"
FROM hits AS h
WHERE :afterRank::real IS NULL
   OR h.rank < :afterRank
   OR (h.rank = :afterRank AND (h.name > :afterName OR (h.name = :afterName AND h.id > :afterId::uuid)))
ORDER BY h.rank DESC, h.name, h.id
LIMIT :limit!;

/* @name GetRecipe */
SELECT
  r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData", coalesce(r.tags, '{}') AS "tags!",
  r.difficulty, r.time_minutes AS "timeMinutes", r.servings, r.calories, r.protein_g AS "proteinG",
  r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version, r.is_published AS "isPublished",
  r.created_at AS "createdAt", r.updated_at AS "updatedAt",
  ARRAY(
    SELECT k FROM unnest(app.recipe_allergen_keys(r.recipe_data, r.tags)) AS k
    INTERSECT
    SELECT app.allergen_key(a.allergen)
      FROM app.user_preferences AS p, unnest(p.allergens) AS a (allergen)
     WHERE p.user_id = (SELECT app.current_user_id())
    ORDER BY 1
  ) AS "containsAllergens!"
FROM app.recipes AS r
WHERE r.id = :id!;

/* @name SyncLock */
SELECT date_trunc('milliseconds', app.recipe_sync_lock()) AS "serverTime!";

/* @name SyncChangedRecipes */
SELECT
  r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData", coalesce(r.tags, '{}') AS "tags!",
  r.difficulty, r.time_minutes AS "timeMinutes", r.servings, r.calories, r.protein_g AS "proteinG",
  r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version, r.is_published AS "isPublished",
  r.created_at AS "createdAt", r.updated_at AS "updatedAt"
FROM app.recipes AS r
WHERE r.is_published
  AND (:since::timestamptz IS NULL OR r.updated_at > :since)
ORDER BY r.updated_at, r.id;

/* @name SyncDeletedIds */
SELECT t.recipe_id AS "recipeId"
FROM app.recipe_tombstones AS t
WHERE t.removed_at > :since!::timestamptz
  AND NOT EXISTS (
    SELECT FROM app.recipes AS r
     WHERE r.id = t.recipe_id AND r.is_published AND r.updated_at > :since!::timestamptz)
ORDER BY t.recipe_id;

/* @name RecordSync */
INSERT INTO app.user_preferences AS p (user_id, last_sync_at)
VALUES ((SELECT app.current_user_id()), :serverTime!)
ON CONFLICT (user_id) DO UPDATE
  SET last_sync_at = greatest(p.last_sync_at, excluded.last_sync_at)
RETURNING p.last_sync_at AS "lastSyncAt!";

/* @name RecipeDataProblems */
SELECT app.recipe_data_problems(:recipeData!::jsonb) AS "problems!";

/* @name AdminGetRecipe */
SELECT
  r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData", coalesce(r.tags, '{}') AS "tags!",
  r.difficulty, r.time_minutes AS "timeMinutes", r.servings, r.calories, r.protein_g AS "proteinG",
  r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version, r.is_published AS "isPublished",
  r.created_by AS "createdBy", r.created_at AS "createdAt", r.updated_at AS "updatedAt"
FROM app.recipes AS r
WHERE r.id = :id!;

/* @name AdminLockRecipe */
SELECT
  r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData", coalesce(r.tags, '{}') AS "tags!",
  r.difficulty, r.time_minutes AS "timeMinutes", r.servings, r.calories, r.protein_g AS "proteinG",
  r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version, r.is_published AS "isPublished",
  r.created_by AS "createdBy", r.created_at AS "createdAt", r.updated_at AS "updatedAt"
FROM app.recipes AS r
WHERE r.id = :id!
FOR UPDATE;

/* @name AdminInsertRecipe */
INSERT INTO app.recipes AS r
  (id, name, category, cuisine, recipe_data, tags, difficulty, time_minutes, servings,
   calories, protein_g, carbs_g, fats_g, image_url, is_published, created_by)
VALUES
  (coalesce(:id::uuid, gen_random_uuid()), :name!, :category!, :cuisine!, :recipeData!, :tags!, :difficulty!,
   :timeMinutes!, :servings!, :calories, :proteinG, :carbsG, :fatsG, :imageUrl, :isPublished!, :createdBy)
RETURNING
  r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData", coalesce(r.tags, '{}') AS "tags!",
  r.difficulty, r.time_minutes AS "timeMinutes", r.servings, r.calories, r.protein_g AS "proteinG",
  r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version, r.is_published AS "isPublished",
  r.created_by AS "createdBy", r.created_at AS "createdAt", r.updated_at AS "updatedAt";

/* @name AdminUpdateRecipe */
UPDATE app.recipes AS r
   SET name = :name!, category = :category!, cuisine = :cuisine!, recipe_data = :recipeData!, tags = :tags!,
       difficulty = :difficulty!, time_minutes = :timeMinutes!, servings = :servings!, calories = :calories,
       protein_g = :proteinG, carbs_g = :carbsG, fats_g = :fatsG, image_url = :imageUrl
 WHERE r.id = :id!
RETURNING
  r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData", coalesce(r.tags, '{}') AS "tags!",
  r.difficulty, r.time_minutes AS "timeMinutes", r.servings, r.calories, r.protein_g AS "proteinG",
  r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version, r.is_published AS "isPublished",
  r.created_by AS "createdBy", r.created_at AS "createdAt", r.updated_at AS "updatedAt";

/* @name AdminSetPublished */
UPDATE app.recipes AS r
   SET is_published = :isPublished!
 WHERE r.id = :id!
RETURNING
  r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData", coalesce(r.tags, '{}') AS "tags!",
  r.difficulty, r.time_minutes AS "timeMinutes", r.servings, r.calories, r.protein_g AS "proteinG",
  r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version, r.is_published AS "isPublished",
  r.created_by AS "createdBy", r.created_at AS "createdAt", r.updated_at AS "updatedAt";

/* @name AdminDeleteRecipe */
DELETE FROM app.recipes AS r
 WHERE r.id = :id!
RETURNING r.id;

/* @name AdminCountCookingSessions */
SELECT count(*)::integer AS "sessions!"
FROM app.cooking_sessions AS s
WHERE s.recipe_id = :recipeId!;
