/* @name CurrentUserId */
SELECT app.current_user_id() AS "userId" -- the person of this transaction, null outside withUser()
;

/* @name SignInPerson */
SELECT s.user_id AS "userId!", s.created AS "created!", s.is_active AS "isActive!"
FROM app.sign_in_person(:authId!, :email!, :name, :timeZone) AS s;

/* @name GetProfile */
SELECT u.id, u.auth_id AS "authId", u.email, u.name, u.tier, u.role, u.is_active AS "isActive", u.time_zone AS "timeZone",
       u.created_at AS "createdAt", u.updated_at AS "updatedAt"
FROM app.users AS u
WHERE u.id = :userId!;

/* @name UpdateProfile */
UPDATE app.users AS u
SET name = COALESCE(:name, u.name),
    time_zone = COALESCE(:timeZone, u.time_zone)
WHERE u.id = :userId!
RETURNING u.id, u.auth_id AS "authId", u.email, u.name, u.tier, u.role, u.is_active AS "isActive", u.time_zone AS "timeZone",
       u.created_at AS "createdAt", u.updated_at AS "updatedAt";

/* @name GetPreferences */
SELECT p.language, p.spice_level AS "spiceLevel", p.salt_level AS "saltLevel", p.oil_level AS "oilLevel", p.diet,
       p.cuisines, p.default_servings AS "defaultServings", p.allergens, p.theme,
       p.notifications_enabled AS "notificationsEnabled", p.last_sync_at AS "lastSyncAt",
       p.client_updated_at AS "clientUpdatedAt", p.created_at AS "createdAt", p.updated_at AS "updatedAt"
FROM app.user_preferences AS p
WHERE p.user_id = :userId!;

/* @name EnsurePreferences */
INSERT INTO app.user_preferences (user_id)
VALUES (:userId!)
ON CONFLICT (user_id) DO NOTHING;

/* @name UpdatePreferencesIfNewer */
-- Last-write-wins: the patch (a JSON object keyed by column name; a key that is present sets the
-- column, null included) is applied only when clientUpdatedAt is newer than the stored one. The
-- second branch returns the row as it stands when the write was ignored.
WITH input AS (
  SELECT r.*, :patch!::jsonb AS patch
  FROM jsonb_populate_record(NULL::app.user_preferences, :patch!::jsonb) AS r
), updated AS (
  UPDATE app.user_preferences AS p
  SET language              = CASE WHEN i.patch ? 'language' THEN i.language ELSE p.language END,
      spice_level           = CASE WHEN i.patch ? 'spice_level' THEN i.spice_level ELSE p.spice_level END,
      salt_level            = CASE WHEN i.patch ? 'salt_level' THEN i.salt_level ELSE p.salt_level END,
      oil_level             = CASE WHEN i.patch ? 'oil_level' THEN i.oil_level ELSE p.oil_level END,
      diet                  = CASE WHEN i.patch ? 'diet' THEN i.diet ELSE p.diet END,
      cuisines              = CASE WHEN i.patch ? 'cuisines' THEN i.cuisines ELSE p.cuisines END,
      default_servings      = CASE WHEN i.patch ? 'default_servings' THEN i.default_servings ELSE p.default_servings END,
      allergens             = CASE WHEN i.patch ? 'allergens' THEN i.allergens ELSE p.allergens END,
      theme                 = CASE WHEN i.patch ? 'theme' THEN i.theme ELSE p.theme END,
      notifications_enabled = CASE WHEN i.patch ? 'notifications_enabled' THEN i.notifications_enabled ELSE p.notifications_enabled END,
      client_updated_at     = :clientUpdatedAt!
  FROM input AS i
  WHERE p.user_id = :userId!
    AND (p.client_updated_at IS NULL OR p.client_updated_at < :clientUpdatedAt!)
  RETURNING p.*
)
SELECT true AS "applied!", u.language, u.spice_level AS "spiceLevel", u.salt_level AS "saltLevel",
       u.oil_level AS "oilLevel", u.diet, u.cuisines, u.default_servings AS "defaultServings", u.allergens, u.theme,
       u.notifications_enabled AS "notificationsEnabled", u.last_sync_at AS "lastSyncAt",
       u.client_updated_at AS "clientUpdatedAt", u.created_at AS "createdAt!", u.updated_at AS "updatedAt!"
FROM updated AS u
UNION ALL
SELECT false, c.language, c.spice_level, c.salt_level, c.oil_level, c.diet, c.cuisines,
       c.default_servings, c.allergens, c.theme, c.notifications_enabled, c.last_sync_at,
       c.client_updated_at, c.created_at, c.updated_at
FROM app.user_preferences AS c
WHERE c.user_id = :userId!
  AND NOT EXISTS (SELECT FROM updated);

/* @name GetActiveGoal */
SELECT g.id, g.goal_type AS "goalType", g.target_calories AS "targetCalories",
       g.target_protein_g::float8 AS "targetProteinG", g.target_carbs_g::float8 AS "targetCarbsG",
       g.target_fat_g::float8 AS "targetFatG", g.target_fiber_g::float8 AS "targetFiberG",
       g.target_sugar_g::float8 AS "targetSugarG", g.target_sodium_mg AS "targetSodiumMg",
       g.target_weight_kg::float8 AS "targetWeightKg",
       g.starts_on AS "startsOn", g.ends_on AS "endsOn", g.is_active AS "isActive",
       g.created_at AS "createdAt", g.updated_at AS "updatedAt"
FROM app.user_goals AS g
WHERE g.user_id = :userId! AND g.is_active;

/* @name LockGoals */
-- Serialises goal changes of one person (transaction-level advisory lock), so two concurrent
-- "set goal" calls cannot both insert an active goal: the second sees the first's goal and retires it.
SELECT true AS "locked!"
FROM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('app.user_goals:' || app.current_user_id()::text, 0)) AS l;

/* @name DeactivateGoals */
UPDATE app.user_goals AS g
SET is_active = false
WHERE g.user_id = :userId! AND g.is_active
RETURNING g.id;

/* @name InsertGoal */
-- INSERT ... SELECT from the person's row, not a subquery inside VALUES (Citus refuses subqueries
-- in INSERT ... VALUES; from app.users, co-located with app.user_goals, the insert stays on the shard).
-- The id comes from the caller, not the gen_random_uuid() default: with a volatile function in
-- the inserted row Citus pulls the INSERT ... SELECT to the coordinator instead of running it on
-- the person's shard as one task.
INSERT INTO app.user_goals AS g
  (id, user_id, goal_type, target_calories, target_protein_g, target_carbs_g, target_fat_g, target_fiber_g,
   target_sugar_g, target_sodium_mg, target_weight_kg, starts_on, ends_on, is_active)
SELECT
  :id!::uuid, u.id, :goalType!, :targetCalories!, :targetProteinG, :targetCarbsG, :targetFatG, :targetFiberG,
  :targetSugarG, :targetSodiumMg, :targetWeightKg,
  COALESCE(:startsOn::date, (pg_catalog.timezone(u.time_zone, pg_catalog.now()))::date),
  :endsOn, true
FROM app.users AS u
WHERE u.id = :userId!
RETURNING g.id, g.goal_type AS "goalType", g.target_calories AS "targetCalories",
  g.target_protein_g::float8 AS "targetProteinG", g.target_carbs_g::float8 AS "targetCarbsG",
  g.target_fat_g::float8 AS "targetFatG", g.target_fiber_g::float8 AS "targetFiberG",
  g.target_sugar_g::float8 AS "targetSugarG", g.target_sodium_mg AS "targetSodiumMg",
  g.target_weight_kg::float8 AS "targetWeightKg",
  g.starts_on AS "startsOn", g.ends_on AS "endsOn", g.is_active AS "isActive",
       g.created_at AS "createdAt", g.updated_at AS "updatedAt";

/* @name RegisterPushToken */
SELECT t.id AS "id!", t.platform AS "platform!", t.token AS "token!", t.created_at AS "createdAt!",
       t.updated_at AS "updatedAt!", t.moved_from_other AS "movedFromOther!"
FROM app.register_push_token(:platform!, :token!) AS t;

/* @name DeletePushToken */
-- The token row and its lookup row (app.push_token_owners) together; no row when the person holds no such token.
select r.id as "id!"
from app.unregister_push_token(:token!) as r (id)
where r.id is not null;

/* @name ListPushTokens */
SELECT t.id, t.platform, t.token, t.created_at AS "createdAt", t.updated_at AS "updatedAt"
FROM app.push_tokens AS t
WHERE t.user_id = :userId!
ORDER BY t.updated_at DESC, t.id;

/* @name DeleteStalePushTokens */
-- The worker (push-tokens.cleanup): push tokens not seen for a while are deleted.
select app.delete_stale_push_tokens(pg_catalog.make_interval(days => :days!::integer)) as "count!";
