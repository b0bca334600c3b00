/** Types generated for queries found in "queries/accounts.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type NumberOrString = number | string;

export type stringArray = (string)[];

/** 'CurrentUserId' parameters type */
export type ICurrentUserIdParams = void;

/** 'CurrentUserId' return type */
export interface ICurrentUserIdResult {
  userId: string | null;
}

/** 'CurrentUserId' query type */
export interface ICurrentUserIdQuery {
  params: ICurrentUserIdParams;
  result: ICurrentUserIdResult;
}

const currentUserIdIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT app.current_user_id() AS \"userId\" -- the person of this transaction, null outside withUser()\n"};

/**
 * Query generated from SQL:
 * ```
 * SELECT app.current_user_id() AS "userId" -- the person of this transaction, null outside withUser()
 * 
 * ```
 */
export const currentUserId = new PreparedQuery<ICurrentUserIdParams,ICurrentUserIdResult>(currentUserIdIR);


/** 'SignInPerson' parameters type */
export interface ISignInPersonParams {
  authId: string;
  email: string;
  name?: string | null | void;
  timeZone?: string | null | void;
}

/** 'SignInPerson' return type */
export interface ISignInPersonResult {
  created: boolean;
  isActive: boolean;
  userId: string;
}

/** 'SignInPerson' query type */
export interface ISignInPersonQuery {
  params: ISignInPersonParams;
  result: ISignInPersonResult;
}

const signInPersonIR: any = {"usedParamSet":{"authId":true,"email":true,"name":true,"timeZone":true},"params":[{"name":"authId","required":true,"transform":{"type":"scalar"},"locs":[{"a":107,"b":114}]},{"name":"email","required":true,"transform":{"type":"scalar"},"locs":[{"a":117,"b":123}]},{"name":"name","required":false,"transform":{"type":"scalar"},"locs":[{"a":126,"b":130}]},{"name":"timeZone","required":false,"transform":{"type":"scalar"},"locs":[{"a":133,"b":141}]}],"statement":"SELECT s.user_id AS \"userId!\", s.created AS \"created!\", s.is_active AS \"isActive!\"\nFROM app.sign_in_person(:authId!, :email!, :name, :timeZone) AS s"};

/**
 * Query generated from SQL:
 * ```
 * SELECT s.user_id AS "userId!", s.created AS "created!", s.is_active AS "isActive!"
 * FROM app.sign_in_person(:authId!, :email!, :name, :timeZone) AS s
 * ```
 */
export const signInPerson = new PreparedQuery<ISignInPersonParams,ISignInPersonResult>(signInPersonIR);


/** 'GetProfile' parameters type */
export interface IGetProfileParams {
  userId: string;
}

/** 'GetProfile' return type */
export interface IGetProfileResult {
  /** Better-Auth identity (auth."user".id) of this person. One person per identity through app.person_auth_ids (its primary key; written by app.sign_in_person), not a unique constraint here (Citus: a unique key of app.users must contain id). */
  authId: string;
  /** Registration time. */
  createdAt: Date;
  /** E-mail address, unique case-insensitively (index idx_users_email). Departs from the Epicura document's varchar(255): citext makes uniqueness and look-ups case-insensitive without lower() everywhere; the 255-character limit and a basic format are CHECKs. */
  email: string;
  /** Person id: the key every person-owned table references as user_id, and the value of app.current_user_id(). */
  id: string;
  /** Account active flag: false disables the account without deleting data (deletion is the GDPR purge). */
  isActive: boolean;
  /** Display name. */
  name: string;
  /** Application role (Epicura): user or admin. Admins manage recipes and firmware in the admin portal. */
  role: string;
  /** Subscription tier (MealPal): free or premium. */
  tier: string;
  /** IANA time zone of the person (e.g. Asia/Kolkata). Daily nutrition and daily AI cost are computed for calendar days in this zone. */
  timeZone: string;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
}

/** 'GetProfile' query type */
export interface IGetProfileQuery {
  params: IGetProfileParams;
  result: IGetProfileResult;
}

const getProfileIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":220,"b":227}]}],"statement":"SELECT u.id, u.auth_id AS \"authId\", u.email, u.name, u.tier, u.role, u.is_active AS \"isActive\", u.time_zone AS \"timeZone\",\n       u.created_at AS \"createdAt\", u.updated_at AS \"updatedAt\"\nFROM app.users AS u\nWHERE u.id = :userId!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT u.id, u.auth_id AS "authId", u.email, u.name, u.tier, u.role, u.is_active AS "isActive", u.time_zone AS "timeZone",
 *        u.created_at AS "createdAt", u.updated_at AS "updatedAt"
 * FROM app.users AS u
 * WHERE u.id = :userId!
 * ```
 */
export const getProfile = new PreparedQuery<IGetProfileParams,IGetProfileResult>(getProfileIR);


/** 'UpdateProfile' parameters type */
export interface IUpdateProfileParams {
  name?: string | null | void;
  timeZone?: string | null | void;
  userId: string;
}

/** 'UpdateProfile' return type */
export interface IUpdateProfileResult {
  /** Better-Auth identity (auth."user".id) of this person. One person per identity through app.person_auth_ids (its primary key; written by app.sign_in_person), not a unique constraint here (Citus: a unique key of app.users must contain id). */
  authId: string;
  /** Registration time. */
  createdAt: Date;
  /** E-mail address, unique case-insensitively (index idx_users_email). Departs from the Epicura document's varchar(255): citext makes uniqueness and look-ups case-insensitive without lower() everywhere; the 255-character limit and a basic format are CHECKs. */
  email: string;
  /** Person id: the key every person-owned table references as user_id, and the value of app.current_user_id(). */
  id: string;
  /** Account active flag: false disables the account without deleting data (deletion is the GDPR purge). */
  isActive: boolean;
  /** Display name. */
  name: string;
  /** Application role (Epicura): user or admin. Admins manage recipes and firmware in the admin portal. */
  role: string;
  /** Subscription tier (MealPal): free or premium. */
  tier: string;
  /** IANA time zone of the person (e.g. Asia/Kolkata). Daily nutrition and daily AI cost are computed for calendar days in this zone. */
  timeZone: string;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
}

/** 'UpdateProfile' query type */
export interface IUpdateProfileQuery {
  params: IUpdateProfileParams;
  result: IUpdateProfileResult;
}

const updateProfileIR: any = {"usedParamSet":{"name":true,"timeZone":true,"userId":true},"params":[{"name":"name","required":false,"transform":{"type":"scalar"},"locs":[{"a":42,"b":46}]},{"name":"timeZone","required":false,"transform":{"type":"scalar"},"locs":[{"a":83,"b":91}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":120,"b":127}]}],"statement":"UPDATE app.users AS u\nSET name = COALESCE(:name, u.name),\n    time_zone = COALESCE(:timeZone, u.time_zone)\nWHERE u.id = :userId!\nRETURNING u.id, u.auth_id AS \"authId\", u.email, u.name, u.tier, u.role, u.is_active AS \"isActive\", u.time_zone AS \"timeZone\",\n       u.created_at AS \"createdAt\", u.updated_at AS \"updatedAt\""};

/**
 * Query generated from SQL:
 * ```
 * UPDATE app.users AS u
 * SET name = COALESCE(:name, u.name),
 *     time_zone = COALESCE(:timeZone, u.time_zone)
 * WHERE u.id = :userId!
 * RETURNING u.id, u.auth_id AS "authId", u.email, u.name, u.tier, u.role, u.is_active AS "isActive", u.time_zone AS "timeZone",
 *        u.created_at AS "createdAt", u.updated_at AS "updatedAt"
 * ```
 */
export const updateProfile = new PreparedQuery<IUpdateProfileParams,IUpdateProfileResult>(updateProfileIR);


/** 'GetPreferences' parameters type */
export interface IGetPreferencesParams {
  userId: string;
}

/** 'GetPreferences' return type */
export interface IGetPreferencesResult {
  /** Allergen tags to avoid, no NULL elements (GIN index idx_prefs_allergens). */
  allergens: stringArray | null;
  /** Last-write-wins clock of preference sync: the client's (app or appliance) timestamp of the write currently stored. updated_at stays the server's time. */
  clientUpdatedAt: Date | null;
  /** When the row was created. */
  createdAt: Date;
  /** Preferred cuisine tags (the values of app.recipes.cuisine), no NULL elements. */
  cuisines: stringArray | null;
  /** Default serving count, 1 to 4 (the appliance's capacity). */
  defaultServings: number | null;
  /** Diet: vegetarian, vegan, pescatarian or no_restrictions. */
  diet: string | null;
  /** UI language / locale code such as en_IN, hi_IN, en or zh_Hant_TW (language[_Script][_REGION]). */
  language: string | null;
  /** Server timestamp of the appliance's last successful recipe sync (the Epicura sync protocol's since value; the server time returned by app.recipe_sync_lock()). */
  lastSyncAt: Date | null;
  /** Push notification preference. */
  notificationsEnabled: boolean | null;
  /** Default oil level, 1 to 5. */
  oilLevel: number | null;
  /** Default salt level, 1 to 5. */
  saltLevel: number | null;
  /** Default spice level, 1 (mild) to 5 (hot). */
  spiceLevel: number | null;
  /** UI theme: light or dark. */
  theme: string | null;
  /** Last server-side modification (trigger set_updated_at). */
  updatedAt: Date;
}

/** 'GetPreferences' query type */
export interface IGetPreferencesQuery {
  params: IGetPreferencesParams;
  result: IGetPreferencesResult;
}

const getPreferencesIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":441,"b":448}]}],"statement":"SELECT p.language, p.spice_level AS \"spiceLevel\", p.salt_level AS \"saltLevel\", p.oil_level AS \"oilLevel\", p.diet,\n       p.cuisines, p.default_servings AS \"defaultServings\", p.allergens, p.theme,\n       p.notifications_enabled AS \"notificationsEnabled\", p.last_sync_at AS \"lastSyncAt\",\n       p.client_updated_at AS \"clientUpdatedAt\", p.created_at AS \"createdAt\", p.updated_at AS \"updatedAt\"\nFROM app.user_preferences AS p\nWHERE p.user_id = :userId!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT p.language, p.spice_level AS "spiceLevel", p.salt_level AS "saltLevel", p.oil_level AS "oilLevel", p.diet,
 *        p.cuisines, p.default_servings AS "defaultServings", p.allergens, p.theme,
 *        p.notifications_enabled AS "notificationsEnabled", p.last_sync_at AS "lastSyncAt",
 *        p.client_updated_at AS "clientUpdatedAt", p.created_at AS "createdAt", p.updated_at AS "updatedAt"
 * FROM app.user_preferences AS p
 * WHERE p.user_id = :userId!
 * ```
 */
export const getPreferences = new PreparedQuery<IGetPreferencesParams,IGetPreferencesResult>(getPreferencesIR);


/** 'EnsurePreferences' parameters type */
export interface IEnsurePreferencesParams {
  userId: string;
}

/** 'EnsurePreferences' return type */
export type IEnsurePreferencesResult = void;

/** 'EnsurePreferences' query type */
export interface IEnsurePreferencesQuery {
  params: IEnsurePreferencesParams;
  result: IEnsurePreferencesResult;
}

const ensurePreferencesIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":51,"b":58}]}],"statement":"INSERT INTO app.user_preferences (user_id)\nVALUES (:userId!)\nON CONFLICT (user_id) DO NOTHING"};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO app.user_preferences (user_id)
 * VALUES (:userId!)
 * ON CONFLICT (user_id) DO NOTHING
 * ```
 */
export const ensurePreferences = new PreparedQuery<IEnsurePreferencesParams,IEnsurePreferencesResult>(ensurePreferencesIR);


/** 'UpdatePreferencesIfNewer' parameters type */
export interface IUpdatePreferencesIfNewerParams {
  clientUpdatedAt: DateOrString;
  patch: Json;
  userId: string;
}

/** 'UpdatePreferencesIfNewer' return type */
export interface IUpdatePreferencesIfNewerResult {
  allergens: stringArray | null;
  applied: boolean;
  clientUpdatedAt: Date | null;
  createdAt: Date;
  cuisines: stringArray | null;
  defaultServings: number | null;
  diet: string | null;
  language: string | null;
  lastSyncAt: Date | null;
  notificationsEnabled: boolean | null;
  oilLevel: number | null;
  saltLevel: number | null;
  spiceLevel: number | null;
  theme: string | null;
  updatedAt: Date;
}

/** 'UpdatePreferencesIfNewer' query type */
export interface IUpdatePreferencesIfNewerQuery {
  params: IUpdatePreferencesIfNewerParams;
  result: IUpdatePreferencesIfNewerResult;
}

const updatePreferencesIfNewerIR: any = {"usedParamSet":{"patch":true,"clientUpdatedAt":true,"userId":true},"params":[{"name":"patch","required":true,"transform":{"type":"scalar"},"locs":[{"a":299,"b":305},{"a":380,"b":386}]},{"name":"clientUpdatedAt","required":true,"transform":{"type":"scalar"},"locs":[{"a":1525,"b":1541},{"a":1652,"b":1668}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":1581,"b":1588},{"a":2413,"b":2420}]}],"statement":"-- Last-write-wins: the patch (a JSON object keyed by column name; a key that is present sets the\n-- column, null included) is applied only when clientUpdatedAt is newer than the stored one. The\n-- second branch returns the row as it stands when the write was ignored.\nWITH input AS (\n  SELECT r.*, :patch!::jsonb AS patch\n  FROM jsonb_populate_record(NULL::app.user_preferences, :patch!::jsonb) AS r\n), updated AS (\n  UPDATE app.user_preferences AS p\n  SET language              = CASE WHEN i.patch ? 'language' THEN i.language ELSE p.language END,\n      spice_level           = CASE WHEN i.patch ? 'spice_level' THEN i.spice_level ELSE p.spice_level END,\n      salt_level            = CASE WHEN i.patch ? 'salt_level' THEN i.salt_level ELSE p.salt_level END,\n      oil_level             = CASE WHEN i.patch ? 'oil_level' THEN i.oil_level ELSE p.oil_level END,\n      diet                  = CASE WHEN i.patch ? 'diet' THEN i.diet ELSE p.diet END,\n      cuisines              = CASE WHEN i.patch ? 'cuisines' THEN i.cuisines ELSE p.cuisines END,\n      default_servings      = CASE WHEN i.patch ? 'default_servings' THEN i.default_servings ELSE p.default_servings END,\n      allergens             = CASE WHEN i.patch ? 'allergens' THEN i.allergens ELSE p.allergens END,\n      theme                 = CASE WHEN i.patch ? 'theme' THEN i.theme ELSE p.theme END,\n      notifications_enabled = CASE WHEN i.patch ? 'notifications_enabled' THEN i.notifications_enabled ELSE p.notifications_enabled END,\n      client_updated_at     = :clientUpdatedAt!\n  FROM input AS i\n  WHERE p.user_id = :userId!\n    AND (p.client_updated_at IS NULL OR p.client_updated_at < :clientUpdatedAt!)\n  RETURNING p.*\n)\nSELECT true AS \"applied!\", u.language, u.spice_level AS \"spiceLevel\", u.salt_level AS \"saltLevel\",\n       u.oil_level AS \"oilLevel\", u.diet, u.cuisines, u.default_servings AS \"defaultServings\", u.allergens, u.theme,\n       u.notifications_enabled AS \"notificationsEnabled\", u.last_sync_at AS \"lastSyncAt\",\n       u.client_updated_at AS \"clientUpdatedAt\", u.created_at AS \"createdAt!\", u.updated_at AS \"updatedAt!\"\nFROM updated AS u\nUNION ALL\nSELECT false, c.language, c.spice_level, c.salt_level, c.oil_level, c.diet, c.cuisines,\n       c.default_servings, c.allergens, c.theme, c.notifications_enabled, c.last_sync_at,\n       c.client_updated_at, c.created_at, c.updated_at\nFROM app.user_preferences AS c\nWHERE c.user_id = :userId!\n  AND NOT EXISTS (SELECT FROM updated)"};

/**
 * Query generated from SQL:
 * ```
 * -- Last-write-wins: the patch (a JSON object keyed by column name; a key that is present sets the
 * -- column, null included) is applied only when clientUpdatedAt is newer than the stored one. The
 * -- second branch returns the row as it stands when the write was ignored.
 * WITH input AS (
 *   SELECT r.*, :patch!::jsonb AS patch
 *   FROM jsonb_populate_record(NULL::app.user_preferences, :patch!::jsonb) AS r
 * ), updated AS (
 *   UPDATE app.user_preferences AS p
 *   SET language              = CASE WHEN i.patch ? 'language' THEN i.language ELSE p.language END,
 *       spice_level           = CASE WHEN i.patch ? 'spice_level' THEN i.spice_level ELSE p.spice_level END,
 *       salt_level            = CASE WHEN i.patch ? 'salt_level' THEN i.salt_level ELSE p.salt_level END,
 *       oil_level             = CASE WHEN i.patch ? 'oil_level' THEN i.oil_level ELSE p.oil_level END,
 *       diet                  = CASE WHEN i.patch ? 'diet' THEN i.diet ELSE p.diet END,
 *       cuisines              = CASE WHEN i.patch ? 'cuisines' THEN i.cuisines ELSE p.cuisines END,
 *       default_servings      = CASE WHEN i.patch ? 'default_servings' THEN i.default_servings ELSE p.default_servings END,
 *       allergens             = CASE WHEN i.patch ? 'allergens' THEN i.allergens ELSE p.allergens END,
 *       theme                 = CASE WHEN i.patch ? 'theme' THEN i.theme ELSE p.theme END,
 *       notifications_enabled = CASE WHEN i.patch ? 'notifications_enabled' THEN i.notifications_enabled ELSE p.notifications_enabled END,
 *       client_updated_at     = :clientUpdatedAt!
 *   FROM input AS i
 *   WHERE p.user_id = :userId!
 *     AND (p.client_updated_at IS NULL OR p.client_updated_at < :clientUpdatedAt!)
 *   RETURNING p.*
 * )
 * SELECT true AS "applied!", u.language, u.spice_level AS "spiceLevel", u.salt_level AS "saltLevel",
 *        u.oil_level AS "oilLevel", u.diet, u.cuisines, u.default_servings AS "defaultServings", u.allergens, u.theme,
 *        u.notifications_enabled AS "notificationsEnabled", u.last_sync_at AS "lastSyncAt",
 *        u.client_updated_at AS "clientUpdatedAt", u.created_at AS "createdAt!", u.updated_at AS "updatedAt!"
 * FROM updated AS u
 * UNION ALL
 * SELECT false, c.language, c.spice_level, c.salt_level, c.oil_level, c.diet, c.cuisines,
 *        c.default_servings, c.allergens, c.theme, c.notifications_enabled, c.last_sync_at,
 *        c.client_updated_at, c.created_at, c.updated_at
 * FROM app.user_preferences AS c
 * WHERE c.user_id = :userId!
 *   AND NOT EXISTS (SELECT FROM updated)
 * ```
 */
export const updatePreferencesIfNewer = new PreparedQuery<IUpdatePreferencesIfNewerParams,IUpdatePreferencesIfNewerResult>(updatePreferencesIfNewerIR);


/** 'GetActiveGoal' parameters type */
export interface IGetActiveGoalParams {
  userId: string;
}

/** 'GetActiveGoal' return type */
export interface IGetActiveGoalResult {
  /** When the goal was set. */
  createdAt: Date;
  /** Last day the goal applies; NULL = open-ended. */
  endsOn: string | null;
  /** What the targets aim at: lose_weight, maintain, gain_weight or build_muscle. */
  goalType: string;
  /** Goal identifier. */
  id: string;
  /** The goal currently in force. At most one per person: deactivate the old goal and insert the new one in one transaction. */
  isActive: boolean;
  /** First day the goal applies, a calendar day in the person's time zone (the default, current_date, is the session's date: pass the person's date). */
  startsOn: string;
  /** Daily energy target in kcal (500 to 10000). */
  targetCalories: number;
  targetCarbsG: number | null;
  targetFatG: number | null;
  targetFiberG: number | null;
  targetProteinG: number | null;
  /** Daily sodium limit in milligrams (a maximum); NULL = no limit. */
  targetSodiumMg: number | null;
  targetSugarG: number | null;
  targetWeightKg: number | null;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
}

/** 'GetActiveGoal' query type */
export interface IGetActiveGoalQuery {
  params: IGetActiveGoalParams;
  result: IGetActiveGoalResult;
}

const getActiveGoalIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":606,"b":613}]}],"statement":"SELECT g.id, g.goal_type AS \"goalType\", g.target_calories AS \"targetCalories\",\n       g.target_protein_g::float8 AS \"targetProteinG\", g.target_carbs_g::float8 AS \"targetCarbsG\",\n       g.target_fat_g::float8 AS \"targetFatG\", g.target_fiber_g::float8 AS \"targetFiberG\",\n       g.target_sugar_g::float8 AS \"targetSugarG\", g.target_sodium_mg AS \"targetSodiumMg\",\n       g.target_weight_kg::float8 AS \"targetWeightKg\",\n       g.starts_on AS \"startsOn\", g.ends_on AS \"endsOn\", g.is_active AS \"isActive\",\n       g.created_at AS \"createdAt\", g.updated_at AS \"updatedAt\"\nFROM app.user_goals AS g\nWHERE g.user_id = :userId! AND g.is_active"};

/**
 * Query generated from SQL:
 * ```
 * SELECT g.id, g.goal_type AS "goalType", g.target_calories AS "targetCalories",
 *        g.target_protein_g::float8 AS "targetProteinG", g.target_carbs_g::float8 AS "targetCarbsG",
 *        g.target_fat_g::float8 AS "targetFatG", g.target_fiber_g::float8 AS "targetFiberG",
 *        g.target_sugar_g::float8 AS "targetSugarG", g.target_sodium_mg AS "targetSodiumMg",
 *        g.target_weight_kg::float8 AS "targetWeightKg",
 *        g.starts_on AS "startsOn", g.ends_on AS "endsOn", g.is_active AS "isActive",
 *        g.created_at AS "createdAt", g.updated_at AS "updatedAt"
 * FROM app.user_goals AS g
 * WHERE g.user_id = :userId! AND g.is_active
 * ```
 */
export const getActiveGoal = new PreparedQuery<IGetActiveGoalParams,IGetActiveGoalResult>(getActiveGoalIR);


/** 'LockGoals' parameters type */
export type ILockGoalsParams = void;

/** 'LockGoals' return type */
export interface ILockGoalsResult {
  locked: boolean;
}

/** 'LockGoals' query type */
export interface ILockGoalsQuery {
  params: ILockGoalsParams;
  result: ILockGoalsResult;
}

const lockGoalsIR: any = {"usedParamSet":{},"params":[],"statement":"-- Serialises goal changes of one person (transaction-level advisory lock), so two concurrent\n-- \"set goal\" calls cannot both insert an active goal: the second sees the first's goal and retires it.\nSELECT true AS \"locked!\"\nFROM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('app.user_goals:' || app.current_user_id()::text, 0)) AS l"};

/**
 * Query generated from SQL:
 * ```
 * -- Serialises goal changes of one person (transaction-level advisory lock), so two concurrent
 * -- "set goal" calls cannot both insert an active goal: the second sees the first's goal and retires it.
 * SELECT true AS "locked!"
 * FROM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('app.user_goals:' || app.current_user_id()::text, 0)) AS l
 * ```
 */
export const lockGoals = new PreparedQuery<ILockGoalsParams,ILockGoalsResult>(lockGoalsIR);


/** 'DeactivateGoals' parameters type */
export interface IDeactivateGoalsParams {
  userId: string;
}

/** 'DeactivateGoals' return type */
export interface IDeactivateGoalsResult {
  /** Goal identifier. */
  id: string;
}

/** 'DeactivateGoals' query type */
export interface IDeactivateGoalsQuery {
  params: IDeactivateGoalsParams;
  result: IDeactivateGoalsResult;
}

const deactivateGoalsIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":67,"b":74}]}],"statement":"UPDATE app.user_goals AS g\nSET is_active = false\nWHERE g.user_id = :userId! AND g.is_active\nRETURNING g.id"};

/**
 * Query generated from SQL:
 * ```
 * UPDATE app.user_goals AS g
 * SET is_active = false
 * WHERE g.user_id = :userId! AND g.is_active
 * RETURNING g.id
 * ```
 */
export const deactivateGoals = new PreparedQuery<IDeactivateGoalsParams,IDeactivateGoalsResult>(deactivateGoalsIR);


/** 'InsertGoal' parameters type */
export interface IInsertGoalParams {
  endsOn?: string | null | void;
  goalType: string;
  id: string;
  startsOn?: string | null | void;
  targetCalories: number;
  targetCarbsG?: NumberOrString | null | void;
  targetFatG?: NumberOrString | null | void;
  targetFiberG?: NumberOrString | null | void;
  targetProteinG?: NumberOrString | null | void;
  targetSodiumMg?: number | null | void;
  targetSugarG?: NumberOrString | null | void;
  targetWeightKg?: NumberOrString | null | void;
  userId: string;
}

/** 'InsertGoal' return type */
export interface IInsertGoalResult {
  /** When the goal was set. */
  createdAt: Date;
  /** Last day the goal applies; NULL = open-ended. */
  endsOn: string | null;
  /** What the targets aim at: lose_weight, maintain, gain_weight or build_muscle. */
  goalType: string;
  /** Goal identifier. */
  id: string;
  /** The goal currently in force. At most one per person: deactivate the old goal and insert the new one in one transaction. */
  isActive: boolean;
  /** First day the goal applies, a calendar day in the person's time zone (the default, current_date, is the session's date: pass the person's date). */
  startsOn: string;
  /** Daily energy target in kcal (500 to 10000). */
  targetCalories: number;
  targetCarbsG: number | null;
  targetFatG: number | null;
  targetFiberG: number | null;
  targetProteinG: number | null;
  /** Daily sodium limit in milligrams (a maximum); NULL = no limit. */
  targetSodiumMg: number | null;
  targetSugarG: number | null;
  targetWeightKg: number | null;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
}

/** 'InsertGoal' query type */
export interface IInsertGoalQuery {
  params: IInsertGoalParams;
  result: IInsertGoalResult;
}

const insertGoalIR: any = {"usedParamSet":{"id":true,"goalType":true,"targetCalories":true,"targetProteinG":true,"targetCarbsG":true,"targetFatG":true,"targetFiberG":true,"targetSugarG":true,"targetSodiumMg":true,"targetWeightKg":true,"startsOn":true,"endsOn":true,"userId":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":668,"b":671}]},{"name":"goalType","required":true,"transform":{"type":"scalar"},"locs":[{"a":686,"b":695}]},{"name":"targetCalories","required":true,"transform":{"type":"scalar"},"locs":[{"a":698,"b":713}]},{"name":"targetProteinG","required":false,"transform":{"type":"scalar"},"locs":[{"a":716,"b":730}]},{"name":"targetCarbsG","required":false,"transform":{"type":"scalar"},"locs":[{"a":733,"b":745}]},{"name":"targetFatG","required":false,"transform":{"type":"scalar"},"locs":[{"a":748,"b":758}]},{"name":"targetFiberG","required":false,"transform":{"type":"scalar"},"locs":[{"a":761,"b":773}]},{"name":"targetSugarG","required":false,"transform":{"type":"scalar"},"locs":[{"a":778,"b":790}]},{"name":"targetSodiumMg","required":false,"transform":{"type":"scalar"},"locs":[{"a":793,"b":807}]},{"name":"targetWeightKg","required":false,"transform":{"type":"scalar"},"locs":[{"a":810,"b":824}]},{"name":"startsOn","required":false,"transform":{"type":"scalar"},"locs":[{"a":838,"b":846}]},{"name":"endsOn","required":false,"transform":{"type":"scalar"},"locs":[{"a":918,"b":924}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":965,"b":972}]}],"statement":"-- INSERT ... SELECT from the person's row, not a subquery inside VALUES (Citus refuses subqueries\n-- in INSERT ... VALUES; from app.users, co-located with app.user_goals, the insert stays on the shard).\n-- The id comes from the caller, not the gen_random_uuid() default: with a volatile function in\n-- the inserted row Citus pulls the INSERT ... SELECT to the coordinator instead of running it on\n-- the person's shard as one task.\nINSERT INTO app.user_goals AS g\n  (id, user_id, goal_type, target_calories, target_protein_g, target_carbs_g, target_fat_g, target_fiber_g,\n   target_sugar_g, target_sodium_mg, target_weight_kg, starts_on, ends_on, is_active)\nSELECT\n  :id!::uuid, u.id, :goalType!, :targetCalories!, :targetProteinG, :targetCarbsG, :targetFatG, :targetFiberG,\n  :targetSugarG, :targetSodiumMg, :targetWeightKg,\n  COALESCE(:startsOn::date, (pg_catalog.timezone(u.time_zone, pg_catalog.now()))::date),\n  :endsOn, true\nFROM app.users AS u\nWHERE u.id = :userId!\nRETURNING g.id, g.goal_type AS \"goalType\", g.target_calories AS \"targetCalories\",\n  g.target_protein_g::float8 AS \"targetProteinG\", g.target_carbs_g::float8 AS \"targetCarbsG\",\n  g.target_fat_g::float8 AS \"targetFatG\", g.target_fiber_g::float8 AS \"targetFiberG\",\n  g.target_sugar_g::float8 AS \"targetSugarG\", g.target_sodium_mg AS \"targetSodiumMg\",\n  g.target_weight_kg::float8 AS \"targetWeightKg\",\n  g.starts_on AS \"startsOn\", g.ends_on AS \"endsOn\", g.is_active AS \"isActive\",\n       g.created_at AS \"createdAt\", g.updated_at AS \"updatedAt\""};

/**
 * Query generated from SQL:
 * ```
 * -- INSERT ... SELECT from the person's row, not a subquery inside VALUES (Citus refuses subqueries
 * -- in INSERT ... VALUES; from app.users, co-located with app.user_goals, the insert stays on the shard).
 * -- The id comes from the caller, not the gen_random_uuid() default: with a volatile function in
 * -- the inserted row Citus pulls the INSERT ... SELECT to the coordinator instead of running it on
 * -- the person's shard as one task.
 * INSERT INTO app.user_goals AS g
 *   (id, user_id, goal_type, target_calories, target_protein_g, target_carbs_g, target_fat_g, target_fiber_g,
 *    target_sugar_g, target_sodium_mg, target_weight_kg, starts_on, ends_on, is_active)
 * SELECT
 *   :id!::uuid, u.id, :goalType!, :targetCalories!, :targetProteinG, :targetCarbsG, :targetFatG, :targetFiberG,
 *   :targetSugarG, :targetSodiumMg, :targetWeightKg,
 *   COALESCE(:startsOn::date, (pg_catalog.timezone(u.time_zone, pg_catalog.now()))::date),
 *   :endsOn, true
 * FROM app.users AS u
 * WHERE u.id = :userId!
 * RETURNING g.id, g.goal_type AS "goalType", g.target_calories AS "targetCalories",
 *   g.target_protein_g::float8 AS "targetProteinG", g.target_carbs_g::float8 AS "targetCarbsG",
 *   g.target_fat_g::float8 AS "targetFatG", g.target_fiber_g::float8 AS "targetFiberG",
 *   g.target_sugar_g::float8 AS "targetSugarG", g.target_sodium_mg AS "targetSodiumMg",
 *   g.target_weight_kg::float8 AS "targetWeightKg",
 *   g.starts_on AS "startsOn", g.ends_on AS "endsOn", g.is_active AS "isActive",
 *        g.created_at AS "createdAt", g.updated_at AS "updatedAt"
 * ```
 */
export const insertGoal = new PreparedQuery<IInsertGoalParams,IInsertGoalResult>(insertGoalIR);


/** 'RegisterPushToken' parameters type */
export interface IRegisterPushTokenParams {
  platform: string;
  token: string;
}

/** 'RegisterPushToken' return type */
export interface IRegisterPushTokenResult {
  createdAt: Date;
  id: string;
  movedFromOther: boolean;
  platform: string;
  token: string;
  updatedAt: Date;
}

/** 'RegisterPushToken' query type */
export interface IRegisterPushTokenQuery {
  params: IRegisterPushTokenParams;
  result: IRegisterPushTokenResult;
}

const registerPushTokenIR: any = {"usedParamSet":{"platform":true,"token":true},"params":[{"name":"platform","required":true,"transform":{"type":"scalar"},"locs":[{"a":206,"b":215}]},{"name":"token","required":true,"transform":{"type":"scalar"},"locs":[{"a":218,"b":224}]}],"statement":"SELECT t.id AS \"id!\", t.platform AS \"platform!\", t.token AS \"token!\", t.created_at AS \"createdAt!\",\n       t.updated_at AS \"updatedAt!\", t.moved_from_other AS \"movedFromOther!\"\nFROM app.register_push_token(:platform!, :token!) AS t"};

/**
 * Query generated from SQL:
 * ```
 * SELECT t.id AS "id!", t.platform AS "platform!", t.token AS "token!", t.created_at AS "createdAt!",
 *        t.updated_at AS "updatedAt!", t.moved_from_other AS "movedFromOther!"
 * FROM app.register_push_token(:platform!, :token!) AS t
 * ```
 */
export const registerPushToken = new PreparedQuery<IRegisterPushTokenParams,IRegisterPushTokenResult>(registerPushTokenIR);


/** 'DeletePushToken' parameters type */
export interface IDeletePushTokenParams {
  token: string;
}

/** 'DeletePushToken' return type */
export interface IDeletePushTokenResult {
  id: string;
}

/** 'DeletePushToken' query type */
export interface IDeletePushTokenQuery {
  params: IDeletePushTokenParams;
  result: IDeletePushTokenResult;
}

const deletePushTokenIR: any = {"usedParamSet":{"token":true},"params":[{"name":"token","required":true,"transform":{"type":"scalar"},"locs":[{"a":166,"b":172}]}],"statement":"-- The token row and its lookup row (app.push_token_owners) together; no row when the person holds no such token.\nselect r.id as \"id!\"\nfrom app.unregister_push_token(:token!) as r (id)\nwhere r.id is not null"};

/**
 * Query generated from SQL:
 * ```
 * -- The token row and its lookup row (app.push_token_owners) together; no row when the person holds no such token.
 * select r.id as "id!"
 * from app.unregister_push_token(:token!) as r (id)
 * where r.id is not null
 * ```
 */
export const deletePushToken = new PreparedQuery<IDeletePushTokenParams,IDeletePushTokenResult>(deletePushTokenIR);


/** 'ListPushTokens' parameters type */
export interface IListPushTokensParams {
  userId: string;
}

/** 'ListPushTokens' return type */
export interface IListPushTokensResult {
  /** Registration time. */
  createdAt: Date;
  /** Token record id. */
  id: string;
  /** ios or android. */
  platform: string;
  /** The FCM/APNs token. Unique across people through app.push_token_owners (written with this row by app.register_push_token), not a unique constraint here (Citus: a unique key of a person table must contain user_id). */
  token: string;
  /** Last refresh (trigger set_updated_at). */
  updatedAt: Date;
}

/** 'ListPushTokens' query type */
export interface IListPushTokensQuery {
  params: IListPushTokensParams;
  result: IListPushTokensResult;
}

const listPushTokensIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":135,"b":142}]}],"statement":"SELECT t.id, t.platform, t.token, t.created_at AS \"createdAt\", t.updated_at AS \"updatedAt\"\nFROM app.push_tokens AS t\nWHERE t.user_id = :userId!\nORDER BY t.updated_at DESC, t.id"};

/**
 * Query generated from SQL:
 * ```
 * SELECT t.id, t.platform, t.token, t.created_at AS "createdAt", t.updated_at AS "updatedAt"
 * FROM app.push_tokens AS t
 * WHERE t.user_id = :userId!
 * ORDER BY t.updated_at DESC, t.id
 * ```
 */
export const listPushTokens = new PreparedQuery<IListPushTokensParams,IListPushTokensResult>(listPushTokensIR);


/** 'DeleteStalePushTokens' parameters type */
export interface IDeleteStalePushTokensParams {
  days: number;
}

/** 'DeleteStalePushTokens' return type */
export interface IDeleteStalePushTokensResult {
  count: number;
}

/** 'DeleteStalePushTokens' query type */
export interface IDeleteStalePushTokensQuery {
  params: IDeleteStalePushTokensParams;
  result: IDeleteStalePushTokensResult;
}

const deleteStalePushTokensIR: any = {"usedParamSet":{"days":true},"params":[{"name":"days","required":true,"transform":{"type":"scalar"},"locs":[{"a":152,"b":157}]}],"statement":"-- The worker (push-tokens.cleanup): push tokens not seen for a while are deleted.\nselect app.delete_stale_push_tokens(pg_catalog.make_interval(days => :days!::integer)) as \"count!\""};

/**
 * Query generated from SQL:
 * ```
 * -- The worker (push-tokens.cleanup): push tokens not seen for a while are deleted.
 * select app.delete_stale_push_tokens(pg_catalog.make_interval(days => :days!::integer)) as "count!"
 * ```
 */
export const deleteStalePushTokens = new PreparedQuery<IDeleteStalePushTokensParams,IDeleteStalePushTokensResult>(deleteStalePushTokensIR);


