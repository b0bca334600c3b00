/* @name SearchPreferences */
SELECT
  p.diet AS "diet?",
  coalesce(
    (SELECT array_agg(DISTINCT app.allergen_key(a.allergen)) FROM unnest(p.allergens) AS a (allergen)
      WHERE app.allergen_key(a.allergen) IS NOT NULL),
    '{}'
  ) AS "allergens!"
FROM app.user_preferences AS p
WHERE p.user_id = :userId!;

/* @name SearchRecipes */
-- Ranked full-text search plus filters, one page (keyset: rank DESC, name, id; the cursor is the
-- last row's (rank, name, id); a real's text round-trips exactly through a JS number). It runs on
-- app.recipe_search (published recipes only, no row-level security, so its GIN and btree indexes
-- work; migration 000043), then reads the page's recipes by primary key. A query without lexemes
-- (blank, or only stop words) matches every recipe with rank 0: the order is by name. Filters
-- given as NULL do not apply; each call is planned with its values, so they fold away. Diet tags
-- come from the person's diet (DIET_TAGS in src/recipes.ts), allergen keys from SearchPreferences
-- (app.recipe_allergen_keys).
WITH hits AS (
  SELECT s.recipe_id, s.name,
         CASE WHEN numnode(websearch_to_tsquery('english', :query!)) = 0 THEN 0::real
              ELSE ts_rank(s.search_vector, websearch_to_tsquery('english', :query!)) END AS rank
    FROM app.recipe_search AS s
   WHERE (numnode(websearch_to_tsquery('english', :query!)) = 0
          OR s.search_vector @@ websearch_to_tsquery('english', :query!))
     AND (:category::text IS NULL OR s.category = :category)
     AND (:cuisine::text IS NULL OR s.cuisine = :cuisine)
     AND (:difficulty::text IS NULL OR s.difficulty = :difficulty)
     AND (:maxTimeMinutes::integer IS NULL OR s.time_minutes <= :maxTimeMinutes)
     AND (:tags::text[] IS NULL OR s.tags @> :tags)
     AND (:dietTags::text[] IS NULL OR s.tags && :dietTags)
     AND NOT (s.allergen_keys && :allergens!::text[])
), page AS (
  SELECT h.recipe_id, h.name, h.rank
    FROM hits AS h
   WHERE :afterRank::real IS NULL
      OR h.rank < :afterRank
      OR (h.rank = :afterRank AND (h.name, h.recipe_id) > (:afterName::text, :afterId::uuid))
   ORDER BY h.rank DESC, h.name, h.recipe_id
   LIMIT :limit!
)
SELECT
  r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS "cuisine!", coalesce(r.tags, '{}') AS "tags!", r.difficulty,
  r.time_minutes AS "timeMinutes", r.servings, r.calories, r.protein_g AS "proteinG", r.carbs_g AS "carbsG",
  r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version, r.updated_at AS "updatedAt", p.rank AS "rank!"
FROM page AS p
JOIN app.recipes AS r ON r.id = p.recipe_id
ORDER BY p.rank DESC, p.name, p.recipe_id;

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
     WHERE p.user_id = :userId!
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
VALUES (:userId!, :serverTime!)
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

/* @name AdminRecipeWriteLock */
-- The EXCLUSIVE sync lock every recipe writer takes (app.recipe_admin_*, the stamp trigger), before
-- AdminLockRecipe reads the row for the expectedVersion check: with it held, no writer can change the
-- row until this transaction ends. Not a row lock (FOR UPDATE): on Citus the admin's connection would
-- hold the row of every copy of the reference table, and app.recipe_admin_update, running as the
-- owner on other connections of the same transaction, would wait for it (a distributed deadlock, 40P01).
SELECT pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync')) AS "locked";

/* @name AdminLockRecipe */
-- After AdminRecipeWriteLock, in a later statement (READ COMMITTED: a snapshot taken after the lock).
SELECT
  r.id, r.name, r.category, coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData", coalesce(r.tags, '{}') AS "tags!",
  r.difficulty, r.time_minutes AS "timeMinutes", r.servings, r.calories, r.protein_g AS "proteinG",
  r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version, r.is_published AS "isPublished",
  r.created_by AS "createdBy", r.created_at AS "createdAt", r.updated_at AS "updatedAt"
FROM app.recipes AS r
WHERE r.id = :id!;

/* @name AdminInsertRecipe */
-- Through app.recipe_admin_create (000143): sync lock, version/updated_at, search row, tombstone.
SELECT
  r.id AS "id!", r.name AS "name!", r.category AS "category!", coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData!", coalesce(r.tags, '{}') AS "tags!",
  r.difficulty AS "difficulty!", r.time_minutes AS "timeMinutes!", r.servings AS "servings!", r.calories, r.protein_g AS "proteinG",
  r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version AS "version!", r.is_published AS "isPublished!",
  r.created_by AS "createdBy", r.created_at AS "createdAt!", r.updated_at AS "updatedAt!"
FROM app.recipe_admin_create(jsonb_build_object(
  'id', coalesce(:id::uuid, gen_random_uuid()), 'name', :name!::text, 'category', :category!::text, 'cuisine', :cuisine!::text,
  'recipe_data', :recipeData!::jsonb, 'tags', :tags!::text[], 'difficulty', :difficulty!::text,
  'time_minutes', :timeMinutes!::integer, 'servings', :servings!::integer, 'calories', :calories::real, 'protein_g', :proteinG::real,
  'carbs_g', :carbsG::real, 'fats_g', :fatsG::real, 'image_url', :imageUrl::text, 'is_published', :isPublished!::boolean,
  'created_by', :createdBy::uuid)) AS r;

/* @name AdminUpdateRecipe */
-- Through app.recipe_admin_update (000143): version +1 and updated_at only on a real change.
SELECT
  r.id AS "id!", r.name AS "name!", r.category AS "category!", coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData!", coalesce(r.tags, '{}') AS "tags!",
  r.difficulty AS "difficulty!", r.time_minutes AS "timeMinutes!", r.servings AS "servings!", r.calories, r.protein_g AS "proteinG",
  r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version AS "version!", r.is_published AS "isPublished!",
  r.created_by AS "createdBy", r.created_at AS "createdAt!", r.updated_at AS "updatedAt!"
FROM app.recipe_admin_update(:id!::uuid, jsonb_build_object(
  'name', :name!::text, 'category', :category!::text, 'cuisine', :cuisine!::text,
  'recipe_data', :recipeData!::jsonb, 'tags', :tags!::text[], 'difficulty', :difficulty!::text,
  'time_minutes', :timeMinutes!::integer, 'servings', :servings!::integer, 'calories', :calories::real, 'protein_g', :proteinG::real,
  'carbs_g', :carbsG::real, 'fats_g', :fatsG::real, 'image_url', :imageUrl::text)) AS r;

/* @name AdminSetPublished */
-- Through app.recipe_admin_update (000143): unpublishing writes a tombstone, the search row follows.
SELECT
  r.id AS "id!", r.name AS "name!", r.category AS "category!", coalesce(r.cuisine, 'indian') AS "cuisine!", r.recipe_data AS "recipeData!", coalesce(r.tags, '{}') AS "tags!",
  r.difficulty AS "difficulty!", r.time_minutes AS "timeMinutes!", r.servings AS "servings!", r.calories, r.protein_g AS "proteinG",
  r.carbs_g AS "carbsG", r.fats_g AS "fatsG", r.image_url AS "imageUrl", r.version AS "version!", r.is_published AS "isPublished!",
  r.created_by AS "createdBy", r.created_at AS "createdAt!", r.updated_at AS "updatedAt!"
FROM app.recipe_admin_update(:id!::uuid, jsonb_build_object('is_published', :isPublished!::boolean)) AS r;

/* @name AdminSequentialShards */
-- Before AdminCountCookingSessions: on Citus that count reads every shard of cooking_sessions, and a
-- parallel read would forbid deleting from the reference table app.recipes later in the transaction
-- (XX000 "cannot modify table recipes because there was a parallel operation on a distributed table").
-- One connection per node instead, for the rest of the transaction. Elsewhere an unread placeholder.
SELECT pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true) AS "mode!";

/* @name AdminDeleteRecipe */
-- Through app.recipe_admin_delete (000143): a 'deleted' tombstone in the same transaction.
SELECT d.id AS "id!"
FROM app.recipe_admin_delete(:id!::uuid) AS d(id);

/* @name AdminCountCookingSessions */
SELECT count(*)::integer AS "sessions!"
FROM app.cooking_sessions AS s
WHERE s.recipe_id = :recipeId!;
