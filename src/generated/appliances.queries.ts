/** Types generated for queries found in "queries/appliances.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type stringArray = (string)[];

/** 'PairAppliance' parameters type */
export interface IPairApplianceParams {
  deviceId: string;
  name?: string | null | void;
  pairingCode: string;
  serialNumber: string;
  wifiMac?: string | null | void;
}

/** 'PairAppliance' return type */
export interface IPairApplianceResult {
  createdAt: Date;
  deviceId: string;
  firmwareVersionCm5: string | null;
  firmwareVersionStm32: string | null;
  id: string;
  lastSeenAt: Date | null;
  name: string;
  pairedAt: Date;
  serialNumber: string;
  status: string;
  unpairedAt: Date | null;
  updatedAt: Date;
  wifiMac: string | null;
}

/** 'PairAppliance' query type */
export interface IPairApplianceQuery {
  params: IPairApplianceParams;
  result: IPairApplianceResult;
}

const pairApplianceIR: any = {"usedParamSet":{"deviceId":true,"serialNumber":true,"pairingCode":true,"name":true,"wifiMac":true},"params":[{"name":"deviceId","required":true,"transform":{"type":"scalar"},"locs":[{"a":480,"b":489}]},{"name":"serialNumber","required":true,"transform":{"type":"scalar"},"locs":[{"a":492,"b":505}]},{"name":"pairingCode","required":true,"transform":{"type":"scalar"},"locs":[{"a":508,"b":520}]},{"name":"name","required":false,"transform":{"type":"scalar"},"locs":[{"a":523,"b":527}]},{"name":"wifiMac","required":false,"transform":{"type":"scalar"},"locs":[{"a":530,"b":537}]}],"statement":"SELECT\n  a.id AS \"id!\", a.device_id AS \"deviceId!\", a.serial_number AS \"serialNumber!\", coalesce(a.name, 'My Epicura') AS \"name!\",\n  a.firmware_version_cm5 AS \"firmwareVersionCm5\", a.firmware_version_stm32 AS \"firmwareVersionStm32\",\n  a.wifi_mac AS \"wifiMac\", coalesce(a.status, 'offline') AS \"status!\", a.last_seen_at AS \"lastSeenAt\", a.paired_at AS \"pairedAt!\",\n  a.unpaired_at AS \"unpairedAt\", a.created_at AS \"createdAt!\", a.updated_at AS \"updatedAt!\"\nFROM app.pair_appliance(:deviceId!, :serialNumber!, :pairingCode!, :name, :wifiMac) AS a"};

/**
 * Query generated from SQL:
 * ```
 * SELECT
 *   a.id AS "id!", a.device_id AS "deviceId!", a.serial_number AS "serialNumber!", coalesce(a.name, 'My Epicura') AS "name!",
 *   a.firmware_version_cm5 AS "firmwareVersionCm5", a.firmware_version_stm32 AS "firmwareVersionStm32",
 *   a.wifi_mac AS "wifiMac", coalesce(a.status, 'offline') AS "status!", a.last_seen_at AS "lastSeenAt", a.paired_at AS "pairedAt!",
 *   a.unpaired_at AS "unpairedAt", a.created_at AS "createdAt!", a.updated_at AS "updatedAt!"
 * FROM app.pair_appliance(:deviceId!, :serialNumber!, :pairingCode!, :name, :wifiMac) AS a
 * ```
 */
export const pairAppliance = new PreparedQuery<IPairApplianceParams,IPairApplianceResult>(pairApplianceIR);


/** 'ListAppliances' parameters type */
export type IListAppliancesParams = void;

/** 'ListAppliances' return type */
export interface IListAppliancesResult {
  /** Record creation. */
  createdAt: Date;
  /** Hardware device id (e.g. EPIC-001). Unique among current pairings (idx_appliances_device_id, partial on unpaired_at IS NULL): a re-paired device appears once per pairing. */
  deviceId: string;
  /** Firmware version running on the CM5 (semver, app.is_semver), as last reported. */
  firmwareVersionCm5: string | null;
  /** Firmware version running on the STM32 (semver), as last reported. */
  firmwareVersionStm32: string | null;
  /** Pairing record id (the appliance_id of sessions and telemetry). */
  id: string;
  /** Last heartbeat. */
  lastSeenAt: Date | null;
  name: string;
  /** When this pairing began. */
  pairedAt: Date;
  /** Manufacturing serial. Unique among current pairings (idx_appliances_serial_number). */
  serialNumber: string;
  status: string;
  /** When this pairing ended (device removed or re-paired to someone else); NULL = the device's current pairing. Added to the Epicura columns so that history survives re-pairing. */
  unpairedAt: Date | null;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
  /** Wi-Fi MAC address, six colon-separated hex pairs (AA:BB:CC:DD:EE:FF). */
  wifiMac: string | null;
}

/** 'ListAppliances' query type */
export interface IListAppliancesQuery {
  params: IListAppliancesParams;
  result: IListAppliancesResult;
}

const listAppliancesIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT\n  a.id, a.device_id AS \"deviceId\", a.serial_number AS \"serialNumber\", coalesce(a.name, 'My Epicura') AS \"name!\",\n  a.firmware_version_cm5 AS \"firmwareVersionCm5\", a.firmware_version_stm32 AS \"firmwareVersionStm32\",\n  a.wifi_mac AS \"wifiMac\", coalesce(a.status, 'offline') AS \"status!\", a.last_seen_at AS \"lastSeenAt\", a.paired_at AS \"pairedAt\",\n  a.unpaired_at AS \"unpairedAt\", a.created_at AS \"createdAt\", a.updated_at AS \"updatedAt\"\nFROM app.appliances AS a\nWHERE a.unpaired_at IS NULL\nORDER BY a.paired_at, a.id"};

/**
 * Query generated from SQL:
 * ```
 * SELECT
 *   a.id, a.device_id AS "deviceId", a.serial_number AS "serialNumber", coalesce(a.name, 'My Epicura') AS "name!",
 *   a.firmware_version_cm5 AS "firmwareVersionCm5", a.firmware_version_stm32 AS "firmwareVersionStm32",
 *   a.wifi_mac AS "wifiMac", coalesce(a.status, 'offline') AS "status!", a.last_seen_at AS "lastSeenAt", a.paired_at AS "pairedAt",
 *   a.unpaired_at AS "unpairedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt"
 * FROM app.appliances AS a
 * WHERE a.unpaired_at IS NULL
 * ORDER BY a.paired_at, a.id
 * ```
 */
export const listAppliances = new PreparedQuery<IListAppliancesParams,IListAppliancesResult>(listAppliancesIR);


/** 'UnpairAppliance' parameters type */
export interface IUnpairApplianceParams {
  id: string;
}

/** 'UnpairAppliance' return type */
export interface IUnpairApplianceResult {
  createdAt: Date;
  deviceId: string;
  firmwareVersionCm5: string | null;
  firmwareVersionStm32: string | null;
  id: string;
  lastSeenAt: Date | null;
  name: string;
  pairedAt: Date;
  serialNumber: string;
  status: string;
  unpairedAt: Date | null;
  updatedAt: Date;
  wifiMac: string | null;
}

/** 'UnpairAppliance' query type */
export interface IUnpairApplianceQuery {
  params: IUnpairApplianceParams;
  result: IUnpairApplianceResult;
}

const unpairApplianceIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":574,"b":577}]}],"statement":"-- Ends the pairing and releases its device id and serial number (lookup rows) in one call.\nSELECT\n  a.id AS \"id!\", a.device_id AS \"deviceId!\", a.serial_number AS \"serialNumber!\", coalesce(a.name, 'My Epicura') AS \"name!\",\n  a.firmware_version_cm5 AS \"firmwareVersionCm5\", a.firmware_version_stm32 AS \"firmwareVersionStm32\",\n  a.wifi_mac AS \"wifiMac\", coalesce(a.status, 'offline') AS \"status!\", a.last_seen_at AS \"lastSeenAt\", a.paired_at AS \"pairedAt!\",\n  a.unpaired_at AS \"unpairedAt\", a.created_at AS \"createdAt!\", a.updated_at AS \"updatedAt!\"\nFROM app.unpair_appliance(:id!) AS a"};

/**
 * Query generated from SQL:
 * ```
 * -- Ends the pairing and releases its device id and serial number (lookup rows) in one call.
 * SELECT
 *   a.id AS "id!", a.device_id AS "deviceId!", a.serial_number AS "serialNumber!", coalesce(a.name, 'My Epicura') AS "name!",
 *   a.firmware_version_cm5 AS "firmwareVersionCm5", a.firmware_version_stm32 AS "firmwareVersionStm32",
 *   a.wifi_mac AS "wifiMac", coalesce(a.status, 'offline') AS "status!", a.last_seen_at AS "lastSeenAt", a.paired_at AS "pairedAt!",
 *   a.unpaired_at AS "unpairedAt", a.created_at AS "createdAt!", a.updated_at AS "updatedAt!"
 * FROM app.unpair_appliance(:id!) AS a
 * ```
 */
export const unpairAppliance = new PreparedQuery<IUnpairApplianceParams,IUnpairApplianceResult>(unpairApplianceIR);


/** 'Heartbeat' parameters type */
export interface IHeartbeatParams {
  deviceId: string;
  firmwareVersionCm5?: string | null | void;
  firmwareVersionStm32?: string | null | void;
  pairingCode?: string | null | void;
  status: string;
  wifiMac?: string | null | void;
}

/** 'Heartbeat' return type */
export interface IHeartbeatResult {
  /** Record creation. */
  createdAt: Date;
  /** Hardware device id (e.g. EPIC-001). Unique among current pairings (idx_appliances_device_id, partial on unpaired_at IS NULL): a re-paired device appears once per pairing. */
  deviceId: string;
  /** Firmware version running on the CM5 (semver, app.is_semver), as last reported. */
  firmwareVersionCm5: string | null;
  /** Firmware version running on the STM32 (semver), as last reported. */
  firmwareVersionStm32: string | null;
  /** Pairing record id (the appliance_id of sessions and telemetry). */
  id: string;
  /** Last heartbeat. */
  lastSeenAt: Date | null;
  name: string;
  /** When this pairing began. */
  pairedAt: Date;
  /** Manufacturing serial. Unique among current pairings (idx_appliances_serial_number). */
  serialNumber: string;
  status: string;
  /** When this pairing ended (device removed or re-paired to someone else); NULL = the device's current pairing. Added to the Epicura columns so that history survives re-pairing. */
  unpairedAt: Date | null;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
  /** Wi-Fi MAC address, six colon-separated hex pairs (AA:BB:CC:DD:EE:FF). */
  wifiMac: string | null;
}

/** 'Heartbeat' query type */
export interface IHeartbeatQuery {
  params: IHeartbeatParams;
  result: IHeartbeatResult;
}

const heartbeatIR: any = {"usedParamSet":{"status":true,"firmwareVersionCm5":true,"firmwareVersionStm32":true,"pairingCode":true,"wifiMac":true,"deviceId":true},"params":[{"name":"status","required":true,"transform":{"type":"scalar"},"locs":[{"a":43,"b":50}]},{"name":"firmwareVersionCm5","required":false,"transform":{"type":"scalar"},"locs":[{"a":147,"b":165}]},{"name":"firmwareVersionStm32","required":false,"transform":{"type":"scalar"},"locs":[{"a":234,"b":254}]},{"name":"pairingCode","required":false,"transform":{"type":"scalar"},"locs":[{"a":315,"b":326}]},{"name":"wifiMac","required":false,"transform":{"type":"scalar"},"locs":[{"a":373,"b":380}]},{"name":"deviceId","required":true,"transform":{"type":"scalar"},"locs":[{"a":416,"b":425}]}],"statement":"UPDATE app.appliances AS a\n   SET status = :status!,\n       last_seen_at = greatest(a.last_seen_at, now()),\n       firmware_version_cm5 = coalesce(:firmwareVersionCm5, a.firmware_version_cm5),\n       firmware_version_stm32 = coalesce(:firmwareVersionStm32, a.firmware_version_stm32),\n       pairing_code = coalesce(:pairingCode, a.pairing_code),\n       wifi_mac = coalesce(:wifiMac, a.wifi_mac)\n WHERE a.device_id = :deviceId! AND a.unpaired_at IS NULL\nRETURNING\n  a.id, a.device_id AS \"deviceId\", a.serial_number AS \"serialNumber\", coalesce(a.name, 'My Epicura') AS \"name!\",\n  a.firmware_version_cm5 AS \"firmwareVersionCm5\", a.firmware_version_stm32 AS \"firmwareVersionStm32\",\n  a.wifi_mac AS \"wifiMac\", coalesce(a.status, 'offline') AS \"status!\", a.last_seen_at AS \"lastSeenAt\", a.paired_at AS \"pairedAt\",\n  a.unpaired_at AS \"unpairedAt\", a.created_at AS \"createdAt\", a.updated_at AS \"updatedAt\""};

/**
 * Query generated from SQL:
 * ```
 * UPDATE app.appliances AS a
 *    SET status = :status!,
 *        last_seen_at = greatest(a.last_seen_at, now()),
 *        firmware_version_cm5 = coalesce(:firmwareVersionCm5, a.firmware_version_cm5),
 *        firmware_version_stm32 = coalesce(:firmwareVersionStm32, a.firmware_version_stm32),
 *        pairing_code = coalesce(:pairingCode, a.pairing_code),
 *        wifi_mac = coalesce(:wifiMac, a.wifi_mac)
 *  WHERE a.device_id = :deviceId! AND a.unpaired_at IS NULL
 * RETURNING
 *   a.id, a.device_id AS "deviceId", a.serial_number AS "serialNumber", coalesce(a.name, 'My Epicura') AS "name!",
 *   a.firmware_version_cm5 AS "firmwareVersionCm5", a.firmware_version_stm32 AS "firmwareVersionStm32",
 *   a.wifi_mac AS "wifiMac", coalesce(a.status, 'offline') AS "status!", a.last_seen_at AS "lastSeenAt", a.paired_at AS "pairedAt",
 *   a.unpaired_at AS "unpairedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt"
 * ```
 */
export const heartbeat = new PreparedQuery<IHeartbeatParams,IHeartbeatResult>(heartbeatIR);


/** 'StartSession' parameters type */
export interface IStartSessionParams {
  applianceId: string;
  customizations?: Json | null | void;
  id?: string | null | void;
  recipeId: string;
  startedAt?: DateOrString | null | void;
}

/** 'StartSession' return type */
export interface IStartSessionResult {
  /** The appliance pairing used. */
  applianceId: string;
  /** Session end (not before started_at); NULL while running. */
  completedAt: Date | null;
  /** When the cloud stored the session. */
  createdAt: Date;
  /** JSON object: spice level, servings, substitutions applied. */
  customizations: Json | null;
  /** Revision of the log on the device (a per-session counter the device increments on each change), set by device uploads (app.upload_cooking_log); an upload is applied only when its revision is above this one. NULL for sessions created by the app and never uploaded (any upload then applies). */
  deviceRevision: number | null;
  /** Session id; the device may choose it (uuid) so that re-uploading a log does not duplicate it. */
  id: string;
  /** The person's notes about the cook. */
  notes: string | null;
  /** Maximum temperature reached (°C). */
  peakTemperature: number | null;
  /** The recipe cooked. NOT NULL as specified, hence ON DELETE RESTRICT on the recipe. */
  recipeId: string;
  /** JSON array of {stage, duration_s, result, cv_confidence}, one element per stage run. */
  stagesLog: Json | null;
  /** Session start. */
  startedAt: Date;
  /** started, cooking, paused, completed, aborted or error. */
  status: string;
  /** Actual cooking duration in seconds, >= 0. */
  totalDurationS: number | null;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
  /** The person's star rating, 1 to 5. */
  userRating: number | null;
}

/** 'StartSession' query type */
export interface IStartSessionQuery {
  params: IStartSessionParams;
  result: IStartSessionResult;
}

const startSessionIR: any = {"usedParamSet":{"id":true,"startedAt":true,"customizations":true,"applianceId":true,"recipeId":true},"params":[{"name":"id","required":false,"transform":{"type":"scalar"},"locs":[{"a":129,"b":131}]},{"name":"startedAt","required":false,"transform":{"type":"scalar"},"locs":[{"a":210,"b":219}]},{"name":"customizations","required":false,"transform":{"type":"scalar"},"locs":[{"a":243,"b":257}]},{"name":"applianceId","required":true,"transform":{"type":"scalar"},"locs":[{"a":325,"b":337}]},{"name":"recipeId","required":true,"transform":{"type":"scalar"},"locs":[{"a":379,"b":388}]}],"statement":"INSERT INTO app.cooking_sessions AS s (id, user_id, appliance_id, recipe_id, status, started_at, customizations)\nSELECT coalesce(:id::uuid, gen_random_uuid()), a.user_id, a.id, r.id, 'started',\n       coalesce(:startedAt::timestamptz, now()), :customizations::jsonb\n  FROM app.appliances AS a, app.recipes AS r\n WHERE a.id = :applianceId! AND a.unpaired_at IS NULL\n   AND r.id = :recipeId! AND r.is_published\nRETURNING\n  s.id, s.appliance_id AS \"applianceId\", s.recipe_id AS \"recipeId\", s.status, s.started_at AS \"startedAt\",\n  s.completed_at AS \"completedAt\", s.stages_log AS \"stagesLog\", s.customizations,\n  s.peak_temperature AS \"peakTemperature\", s.total_duration_s AS \"totalDurationS\", s.user_rating AS \"userRating\",\n  s.notes, s.device_revision AS \"deviceRevision\", s.created_at AS \"createdAt\", s.updated_at AS \"updatedAt\""};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO app.cooking_sessions AS s (id, user_id, appliance_id, recipe_id, status, started_at, customizations)
 * SELECT coalesce(:id::uuid, gen_random_uuid()), a.user_id, a.id, r.id, 'started',
 *        coalesce(:startedAt::timestamptz, now()), :customizations::jsonb
 *   FROM app.appliances AS a, app.recipes AS r
 *  WHERE a.id = :applianceId! AND a.unpaired_at IS NULL
 *    AND r.id = :recipeId! AND r.is_published
 * RETURNING
 *   s.id, s.appliance_id AS "applianceId", s.recipe_id AS "recipeId", s.status, s.started_at AS "startedAt",
 *   s.completed_at AS "completedAt", s.stages_log AS "stagesLog", s.customizations,
 *   s.peak_temperature AS "peakTemperature", s.total_duration_s AS "totalDurationS", s.user_rating AS "userRating",
 *   s.notes, s.device_revision AS "deviceRevision", s.created_at AS "createdAt", s.updated_at AS "updatedAt"
 * ```
 */
export const startSession = new PreparedQuery<IStartSessionParams,IStartSessionResult>(startSessionIR);


/** 'StartSessionDiagnosis' parameters type */
export interface IStartSessionDiagnosisParams {
  applianceId: string;
  recipeId: string;
}

/** 'StartSessionDiagnosis' return type */
export interface IStartSessionDiagnosisResult {
  applianceOk: boolean;
  recipeOk: boolean;
}

/** 'StartSessionDiagnosis' query type */
export interface IStartSessionDiagnosisQuery {
  params: IStartSessionDiagnosisParams;
  result: IStartSessionDiagnosisResult;
}

const startSessionDiagnosisIR: any = {"usedParamSet":{"applianceId":true,"recipeId":true},"params":[{"name":"applianceId","required":true,"transform":{"type":"scalar"},"locs":[{"a":62,"b":74}]},{"name":"recipeId","required":true,"transform":{"type":"scalar"},"locs":[{"a":174,"b":183}]}],"statement":"SELECT\n  EXISTS (SELECT FROM app.appliances AS a WHERE a.id = :applianceId! AND a.unpaired_at IS NULL) AS \"applianceOk!\",\n  EXISTS (SELECT FROM app.recipes AS r WHERE r.id = :recipeId! AND r.is_published) AS \"recipeOk!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT
 *   EXISTS (SELECT FROM app.appliances AS a WHERE a.id = :applianceId! AND a.unpaired_at IS NULL) AS "applianceOk!",
 *   EXISTS (SELECT FROM app.recipes AS r WHERE r.id = :recipeId! AND r.is_published) AS "recipeOk!"
 * ```
 */
export const startSessionDiagnosis = new PreparedQuery<IStartSessionDiagnosisParams,IStartSessionDiagnosisResult>(startSessionDiagnosisIR);


/** 'GetSession' parameters type */
export interface IGetSessionParams {
  id: string;
}

/** 'GetSession' return type */
export interface IGetSessionResult {
  /** The appliance pairing used. */
  applianceId: string;
  /** Session end (not before started_at); NULL while running. */
  completedAt: Date | null;
  /** When the cloud stored the session. */
  createdAt: Date;
  /** JSON object: spice level, servings, substitutions applied. */
  customizations: Json | null;
  /** Revision of the log on the device (a per-session counter the device increments on each change), set by device uploads (app.upload_cooking_log); an upload is applied only when its revision is above this one. NULL for sessions created by the app and never uploaded (any upload then applies). */
  deviceRevision: number | null;
  /** Session id; the device may choose it (uuid) so that re-uploading a log does not duplicate it. */
  id: string;
  /** The person's notes about the cook. */
  notes: string | null;
  /** Maximum temperature reached (°C). */
  peakTemperature: number | null;
  /** The recipe cooked. NOT NULL as specified, hence ON DELETE RESTRICT on the recipe. */
  recipeId: string;
  /** JSON array of {stage, duration_s, result, cv_confidence}, one element per stage run. */
  stagesLog: Json | null;
  /** Session start. */
  startedAt: Date;
  /** started, cooking, paused, completed, aborted or error. */
  status: string;
  /** Actual cooking duration in seconds, >= 0. */
  totalDurationS: number | null;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
  /** The person's star rating, 1 to 5. */
  userRating: number | null;
}

/** 'GetSession' query type */
export interface IGetSessionQuery {
  params: IGetSessionParams;
  result: IGetSessionResult;
}

const getSessionIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":461,"b":464}]}],"statement":"SELECT\n  s.id, s.appliance_id AS \"applianceId\", s.recipe_id AS \"recipeId\", s.status, s.started_at AS \"startedAt\",\n  s.completed_at AS \"completedAt\", s.stages_log AS \"stagesLog\", s.customizations,\n  s.peak_temperature AS \"peakTemperature\", s.total_duration_s AS \"totalDurationS\", s.user_rating AS \"userRating\",\n  s.notes, s.device_revision AS \"deviceRevision\", s.created_at AS \"createdAt\", s.updated_at AS \"updatedAt\"\nFROM app.cooking_sessions AS s\nWHERE s.id = :id!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT
 *   s.id, s.appliance_id AS "applianceId", s.recipe_id AS "recipeId", s.status, s.started_at AS "startedAt",
 *   s.completed_at AS "completedAt", s.stages_log AS "stagesLog", s.customizations,
 *   s.peak_temperature AS "peakTemperature", s.total_duration_s AS "totalDurationS", s.user_rating AS "userRating",
 *   s.notes, s.device_revision AS "deviceRevision", s.created_at AS "createdAt", s.updated_at AS "updatedAt"
 * FROM app.cooking_sessions AS s
 * WHERE s.id = :id!
 * ```
 */
export const getSession = new PreparedQuery<IGetSessionParams,IGetSessionResult>(getSessionIR);


/** 'UpdateSession' parameters type */
export interface IUpdateSessionParams {
  customizations?: Json | null | void;
  id: string;
  notes?: string | null | void;
  peakTemperature?: number | null | void;
  stagesLog?: Json | null | void;
  status?: string | null | void;
  totalDurationS?: number | null | void;
}

/** 'UpdateSession' return type */
export interface IUpdateSessionResult {
  /** The appliance pairing used. */
  applianceId: string;
  /** Session end (not before started_at); NULL while running. */
  completedAt: Date | null;
  /** When the cloud stored the session. */
  createdAt: Date;
  /** JSON object: spice level, servings, substitutions applied. */
  customizations: Json | null;
  /** Revision of the log on the device (a per-session counter the device increments on each change), set by device uploads (app.upload_cooking_log); an upload is applied only when its revision is above this one. NULL for sessions created by the app and never uploaded (any upload then applies). */
  deviceRevision: number | null;
  /** Session id; the device may choose it (uuid) so that re-uploading a log does not duplicate it. */
  id: string;
  /** The person's notes about the cook. */
  notes: string | null;
  /** Maximum temperature reached (°C). */
  peakTemperature: number | null;
  /** The recipe cooked. NOT NULL as specified, hence ON DELETE RESTRICT on the recipe. */
  recipeId: string;
  /** JSON array of {stage, duration_s, result, cv_confidence}, one element per stage run. */
  stagesLog: Json | null;
  /** Session start. */
  startedAt: Date;
  /** started, cooking, paused, completed, aborted or error. */
  status: string;
  /** Actual cooking duration in seconds, >= 0. */
  totalDurationS: number | null;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
  /** The person's star rating, 1 to 5. */
  userRating: number | null;
}

/** 'UpdateSession' query type */
export interface IUpdateSessionQuery {
  params: IUpdateSessionParams;
  result: IUpdateSessionResult;
}

const updateSessionIR: any = {"usedParamSet":{"status":true,"stagesLog":true,"customizations":true,"peakTemperature":true,"totalDurationS":true,"notes":true,"id":true},"params":[{"name":"status","required":false,"transform":{"type":"scalar"},"locs":[{"a":58,"b":64}]},{"name":"stagesLog","required":false,"transform":{"type":"scalar"},"locs":[{"a":107,"b":116}]},{"name":"customizations","required":false,"transform":{"type":"scalar"},"locs":[{"a":174,"b":188}]},{"name":"peakTemperature","required":false,"transform":{"type":"scalar"},"locs":[{"a":252,"b":267}]},{"name":"totalDurationS","required":false,"transform":{"type":"scalar"},"locs":[{"a":326,"b":340}]},{"name":"notes","required":false,"transform":{"type":"scalar"},"locs":[{"a":388,"b":393}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":419,"b":422}]}],"statement":"UPDATE app.cooking_sessions AS s\n   SET status = coalesce(:status, s.status),\n       stages_log = coalesce(:stagesLog::jsonb, s.stages_log),\n       customizations = coalesce(:customizations::jsonb, s.customizations),\n       peak_temperature = coalesce(:peakTemperature, s.peak_temperature),\n       total_duration_s = coalesce(:totalDurationS, s.total_duration_s),\n       notes = coalesce(:notes, s.notes)\n WHERE s.id = :id! AND s.status IN ('started', 'cooking', 'paused')\nRETURNING\n  s.id, s.appliance_id AS \"applianceId\", s.recipe_id AS \"recipeId\", s.status, s.started_at AS \"startedAt\",\n  s.completed_at AS \"completedAt\", s.stages_log AS \"stagesLog\", s.customizations,\n  s.peak_temperature AS \"peakTemperature\", s.total_duration_s AS \"totalDurationS\", s.user_rating AS \"userRating\",\n  s.notes, s.device_revision AS \"deviceRevision\", s.created_at AS \"createdAt\", s.updated_at AS \"updatedAt\""};

/**
 * Query generated from SQL:
 * ```
 * UPDATE app.cooking_sessions AS s
 *    SET status = coalesce(:status, s.status),
 *        stages_log = coalesce(:stagesLog::jsonb, s.stages_log),
 *        customizations = coalesce(:customizations::jsonb, s.customizations),
 *        peak_temperature = coalesce(:peakTemperature, s.peak_temperature),
 *        total_duration_s = coalesce(:totalDurationS, s.total_duration_s),
 *        notes = coalesce(:notes, s.notes)
 *  WHERE s.id = :id! AND s.status IN ('started', 'cooking', 'paused')
 * RETURNING
 *   s.id, s.appliance_id AS "applianceId", s.recipe_id AS "recipeId", s.status, s.started_at AS "startedAt",
 *   s.completed_at AS "completedAt", s.stages_log AS "stagesLog", s.customizations,
 *   s.peak_temperature AS "peakTemperature", s.total_duration_s AS "totalDurationS", s.user_rating AS "userRating",
 *   s.notes, s.device_revision AS "deviceRevision", s.created_at AS "createdAt", s.updated_at AS "updatedAt"
 * ```
 */
export const updateSession = new PreparedQuery<IUpdateSessionParams,IUpdateSessionResult>(updateSessionIR);


/** 'CompleteSession' parameters type */
export interface ICompleteSessionParams {
  completedAt?: DateOrString | null | void;
  id: string;
  peakTemperature?: number | null | void;
  stagesLog?: Json | null | void;
  status: string;
  totalDurationS?: number | null | void;
}

/** 'CompleteSession' return type */
export interface ICompleteSessionResult {
  /** The appliance pairing used. */
  applianceId: string;
  /** Session end (not before started_at); NULL while running. */
  completedAt: Date | null;
  /** When the cloud stored the session. */
  createdAt: Date;
  /** JSON object: spice level, servings, substitutions applied. */
  customizations: Json | null;
  /** Revision of the log on the device (a per-session counter the device increments on each change), set by device uploads (app.upload_cooking_log); an upload is applied only when its revision is above this one. NULL for sessions created by the app and never uploaded (any upload then applies). */
  deviceRevision: number | null;
  /** Session id; the device may choose it (uuid) so that re-uploading a log does not duplicate it. */
  id: string;
  /** The person's notes about the cook. */
  notes: string | null;
  /** Maximum temperature reached (°C). */
  peakTemperature: number | null;
  /** The recipe cooked. NOT NULL as specified, hence ON DELETE RESTRICT on the recipe. */
  recipeId: string;
  /** JSON array of {stage, duration_s, result, cv_confidence}, one element per stage run. */
  stagesLog: Json | null;
  /** Session start. */
  startedAt: Date;
  /** started, cooking, paused, completed, aborted or error. */
  status: string;
  /** Actual cooking duration in seconds, >= 0. */
  totalDurationS: number | null;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
  /** The person's star rating, 1 to 5. */
  userRating: number | null;
}

/** 'CompleteSession' query type */
export interface ICompleteSessionQuery {
  params: ICompleteSessionParams;
  result: ICompleteSessionResult;
}

const completeSessionIR: any = {"usedParamSet":{"status":true,"completedAt":true,"stagesLog":true,"peakTemperature":true,"totalDurationS":true,"id":true},"params":[{"name":"status","required":true,"transform":{"type":"scalar"},"locs":[{"a":49,"b":56}]},{"name":"completedAt","required":false,"transform":{"type":"scalar"},"locs":[{"a":90,"b":101},{"a":417,"b":428}]},{"name":"stagesLog","required":false,"transform":{"type":"scalar"},"locs":[{"a":154,"b":163}]},{"name":"peakTemperature","required":false,"transform":{"type":"scalar"},"locs":[{"a":223,"b":238}]},{"name":"totalDurationS","required":false,"transform":{"type":"scalar"},"locs":[{"a":307,"b":321}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":493,"b":496}]}],"statement":"UPDATE app.cooking_sessions AS s\n   SET status = :status!,\n       completed_at = coalesce(:completedAt::timestamptz, now()),\n       stages_log = coalesce(:stagesLog::jsonb, s.stages_log),\n       peak_temperature = coalesce(:peakTemperature, s.peak_temperature),\n       total_duration_s = coalesce(\n         :totalDurationS::integer,\n         s.total_duration_s,\n         greatest(0, floor(extract(epoch FROM coalesce(:completedAt::timestamptz, now()) - s.started_at)))::integer)\n WHERE s.id = :id! AND s.status IN ('started', 'cooking', 'paused')\nRETURNING\n  s.id, s.appliance_id AS \"applianceId\", s.recipe_id AS \"recipeId\", s.status, s.started_at AS \"startedAt\",\n  s.completed_at AS \"completedAt\", s.stages_log AS \"stagesLog\", s.customizations,\n  s.peak_temperature AS \"peakTemperature\", s.total_duration_s AS \"totalDurationS\", s.user_rating AS \"userRating\",\n  s.notes, s.device_revision AS \"deviceRevision\", s.created_at AS \"createdAt\", s.updated_at AS \"updatedAt\""};

/**
 * Query generated from SQL:
 * ```
 * UPDATE app.cooking_sessions AS s
 *    SET status = :status!,
 *        completed_at = coalesce(:completedAt::timestamptz, now()),
 *        stages_log = coalesce(:stagesLog::jsonb, s.stages_log),
 *        peak_temperature = coalesce(:peakTemperature, s.peak_temperature),
 *        total_duration_s = coalesce(
 *          :totalDurationS::integer,
 *          s.total_duration_s,
 *          greatest(0, floor(extract(epoch FROM coalesce(:completedAt::timestamptz, now()) - s.started_at)))::integer)
 *  WHERE s.id = :id! AND s.status IN ('started', 'cooking', 'paused')
 * RETURNING
 *   s.id, s.appliance_id AS "applianceId", s.recipe_id AS "recipeId", s.status, s.started_at AS "startedAt",
 *   s.completed_at AS "completedAt", s.stages_log AS "stagesLog", s.customizations,
 *   s.peak_temperature AS "peakTemperature", s.total_duration_s AS "totalDurationS", s.user_rating AS "userRating",
 *   s.notes, s.device_revision AS "deviceRevision", s.created_at AS "createdAt", s.updated_at AS "updatedAt"
 * ```
 */
export const completeSession = new PreparedQuery<ICompleteSessionParams,ICompleteSessionResult>(completeSessionIR);


/** 'RateSession' parameters type */
export interface IRateSessionParams {
  id: string;
  notes?: string | null | void;
  rating: number;
}

/** 'RateSession' return type */
export interface IRateSessionResult {
  /** The appliance pairing used. */
  applianceId: string;
  /** Session end (not before started_at); NULL while running. */
  completedAt: Date | null;
  /** When the cloud stored the session. */
  createdAt: Date;
  /** JSON object: spice level, servings, substitutions applied. */
  customizations: Json | null;
  /** Revision of the log on the device (a per-session counter the device increments on each change), set by device uploads (app.upload_cooking_log); an upload is applied only when its revision is above this one. NULL for sessions created by the app and never uploaded (any upload then applies). */
  deviceRevision: number | null;
  /** Session id; the device may choose it (uuid) so that re-uploading a log does not duplicate it. */
  id: string;
  /** The person's notes about the cook. */
  notes: string | null;
  /** Maximum temperature reached (°C). */
  peakTemperature: number | null;
  /** The recipe cooked. NOT NULL as specified, hence ON DELETE RESTRICT on the recipe. */
  recipeId: string;
  /** JSON array of {stage, duration_s, result, cv_confidence}, one element per stage run. */
  stagesLog: Json | null;
  /** Session start. */
  startedAt: Date;
  /** started, cooking, paused, completed, aborted or error. */
  status: string;
  /** Actual cooking duration in seconds, >= 0. */
  totalDurationS: number | null;
  /** Last modification (trigger set_updated_at). */
  updatedAt: Date;
  /** The person's star rating, 1 to 5. */
  userRating: number | null;
}

/** 'RateSession' query type */
export interface IRateSessionQuery {
  params: IRateSessionParams;
  result: IRateSessionResult;
}

const rateSessionIR: any = {"usedParamSet":{"rating":true,"notes":true,"id":true},"params":[{"name":"rating","required":true,"transform":{"type":"scalar"},"locs":[{"a":54,"b":61}]},{"name":"notes","required":false,"transform":{"type":"scalar"},"locs":[{"a":88,"b":93}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":119,"b":122}]}],"statement":"UPDATE app.cooking_sessions AS s\n   SET user_rating = :rating!,\n       notes = coalesce(:notes, s.notes)\n WHERE s.id = :id! AND s.status = 'completed'\nRETURNING\n  s.id, s.appliance_id AS \"applianceId\", s.recipe_id AS \"recipeId\", s.status, s.started_at AS \"startedAt\",\n  s.completed_at AS \"completedAt\", s.stages_log AS \"stagesLog\", s.customizations,\n  s.peak_temperature AS \"peakTemperature\", s.total_duration_s AS \"totalDurationS\", s.user_rating AS \"userRating\",\n  s.notes, s.device_revision AS \"deviceRevision\", s.created_at AS \"createdAt\", s.updated_at AS \"updatedAt\""};

/**
 * Query generated from SQL:
 * ```
 * UPDATE app.cooking_sessions AS s
 *    SET user_rating = :rating!,
 *        notes = coalesce(:notes, s.notes)
 *  WHERE s.id = :id! AND s.status = 'completed'
 * RETURNING
 *   s.id, s.appliance_id AS "applianceId", s.recipe_id AS "recipeId", s.status, s.started_at AS "startedAt",
 *   s.completed_at AS "completedAt", s.stages_log AS "stagesLog", s.customizations,
 *   s.peak_temperature AS "peakTemperature", s.total_duration_s AS "totalDurationS", s.user_rating AS "userRating",
 *   s.notes, s.device_revision AS "deviceRevision", s.created_at AS "createdAt", s.updated_at AS "updatedAt"
 * ```
 */
export const rateSession = new PreparedQuery<IRateSessionParams,IRateSessionResult>(rateSessionIR);


/** 'UploadCookingLog' parameters type */
export interface IUploadCookingLogParams {
  completedAt?: DateOrString | null | void;
  customizations?: Json | null | void;
  deviceId: string;
  id: string;
  notes?: string | null | void;
  peakTemperature?: number | null | void;
  recipeId: string;
  revision: number;
  stagesLog?: Json | null | void;
  startedAt: DateOrString;
  status: string;
  totalDurationS?: number | null | void;
  userRating?: number | null | void;
}

/** 'UploadCookingLog' return type */
export interface IUploadCookingLogResult {
  applied: boolean;
  filedUnderCaller: boolean;
  sessionId: string;
  storedRevision: number;
}

/** 'UploadCookingLog' query type */
export interface IUploadCookingLogQuery {
  params: IUploadCookingLogParams;
  result: IUploadCookingLogResult;
}

const uploadCookingLogIR: any = {"usedParamSet":{"deviceId":true,"id":true,"recipeId":true,"status":true,"startedAt":true,"completedAt":true,"stagesLog":true,"customizations":true,"peakTemperature":true,"totalDurationS":true,"userRating":true,"notes":true,"revision":true},"params":[{"name":"deviceId","required":true,"transform":{"type":"scalar"},"locs":[{"a":181,"b":190}]},{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":193,"b":196}]},{"name":"recipeId","required":true,"transform":{"type":"scalar"},"locs":[{"a":199,"b":208}]},{"name":"status","required":true,"transform":{"type":"scalar"},"locs":[{"a":211,"b":218}]},{"name":"startedAt","required":true,"transform":{"type":"scalar"},"locs":[{"a":221,"b":231}]},{"name":"completedAt","required":false,"transform":{"type":"scalar"},"locs":[{"a":234,"b":245}]},{"name":"stagesLog","required":false,"transform":{"type":"scalar"},"locs":[{"a":248,"b":257}]},{"name":"customizations","required":false,"transform":{"type":"scalar"},"locs":[{"a":260,"b":274}]},{"name":"peakTemperature","required":false,"transform":{"type":"scalar"},"locs":[{"a":279,"b":294}]},{"name":"totalDurationS","required":false,"transform":{"type":"scalar"},"locs":[{"a":297,"b":311}]},{"name":"userRating","required":false,"transform":{"type":"scalar"},"locs":[{"a":314,"b":324}]},{"name":"notes","required":false,"transform":{"type":"scalar"},"locs":[{"a":327,"b":332}]},{"name":"revision","required":true,"transform":{"type":"scalar"},"locs":[{"a":335,"b":344}]}],"statement":"SELECT\n  u.session_id AS \"sessionId!\", u.applied AS \"applied!\", u.stored_revision AS \"storedRevision!\",\n  u.filed_under_caller AS \"filedUnderCaller!\"\nFROM app.upload_cooking_log(\n  :deviceId!, :id!, :recipeId!, :status!, :startedAt!, :completedAt, :stagesLog, :customizations,\n  :peakTemperature, :totalDurationS, :userRating, :notes, :revision!) AS u"};

/**
 * Query generated from SQL:
 * ```
 * SELECT
 *   u.session_id AS "sessionId!", u.applied AS "applied!", u.stored_revision AS "storedRevision!",
 *   u.filed_under_caller AS "filedUnderCaller!"
 * FROM app.upload_cooking_log(
 *   :deviceId!, :id!, :recipeId!, :status!, :startedAt!, :completedAt, :stagesLog, :customizations,
 *   :peakTemperature, :totalDurationS, :userRating, :notes, :revision!) AS u
 * ```
 */
export const uploadCookingLog = new PreparedQuery<IUploadCookingLogParams,IUploadCookingLogResult>(uploadCookingLogIR);


/** 'FirmwareUpdate' parameters type */
export interface IFirmwareUpdateParams {
  channels: stringArray;
  currentVersion: string;
  target: string;
}

/** 'FirmwareUpdate' return type */
export interface IFirmwareUpdateResult {
  /** https:// or s3:// URL of the firmware binary (S3/R2). */
  binaryUrl: string;
  /** Release channel: stable, beta or alpha. */
  channel: string;
  /** SHA-256 of the binary: 64 lowercase hex digits. The device verifies it before flashing. */
  checksumSha256: string;
  /** Release timestamp. */
  createdAt: Date;
  /** Binary size in bytes, > 0. */
  fileSizeBytes: number;
  /** Release identifier. */
  id: string;
  /** Force the update when true. */
  isMandatory: boolean;
  mandatory: boolean;
  /** Minimum running version required to apply this update (semver, not above version); NULL = any. */
  minVersion: string | null;
  newerNotApplicable: number;
  /** Markdown release notes. */
  releaseNotes: string | null;
  /** Processor: cm5 or stm32. */
  target: string;
  /** Semantic version (e.g. 1.2.0, 1.3.0-beta.1), unique per target (idx_firmware_target_version). */
  version: string;
}

/** 'FirmwareUpdate' query type */
export interface IFirmwareUpdateQuery {
  params: IFirmwareUpdateParams;
  result: IFirmwareUpdateResult;
}

const firmwareUpdateIR: any = {"usedParamSet":{"target":true,"channels":true,"currentVersion":true},"params":[{"name":"target","required":true,"transform":{"type":"scalar"},"locs":[{"a":129,"b":136}]},{"name":"channels","required":true,"transform":{"type":"scalar"},"locs":[{"a":164,"b":173}]},{"name":"currentVersion","required":true,"transform":{"type":"scalar"},"locs":[{"a":246,"b":261},{"a":405,"b":420}]}],"statement":"WITH newer AS (\n  SELECT f.*, app.semver_sort_key(f.version) AS sort_key\n    FROM app.firmware_releases AS f\n   WHERE f.target = :target!\n     AND f.channel = ANY (:channels!::text[])\n     AND app.semver_sort_key(f.version) > app.semver_sort_key(:currentVersion!)\n), offered AS (\n  SELECT n.*\n    FROM newer AS n\n   WHERE n.min_version IS NULL OR app.semver_sort_key(n.min_version) <= app.semver_sort_key(:currentVersion!)\n   ORDER BY n.sort_key DESC\n   LIMIT 1\n)\nSELECT\n  o.id AS \"id!\", o.target AS \"target!\", o.version AS \"version!\", o.channel AS \"channel!\",\n  o.binary_url AS \"binaryUrl!\", o.checksum_sha256 AS \"checksumSha256!\", o.file_size_bytes AS \"fileSizeBytes!\",\n  o.release_notes AS \"releaseNotes\", o.is_mandatory AS \"isMandatory!\", o.min_version AS \"minVersion\",\n  o.created_at AS \"createdAt!\",\n  EXISTS (SELECT FROM newer AS n WHERE n.is_mandatory AND n.sort_key <= o.sort_key) AS \"mandatory!\",\n  (SELECT count(*) FROM newer AS n WHERE n.sort_key > o.sort_key)::integer AS \"newerNotApplicable!\"\nFROM offered AS o"};

/**
 * Query generated from SQL:
 * ```
 * WITH newer AS (
 *   SELECT f.*, app.semver_sort_key(f.version) AS sort_key
 *     FROM app.firmware_releases AS f
 *    WHERE f.target = :target!
 *      AND f.channel = ANY (:channels!::text[])
 *      AND app.semver_sort_key(f.version) > app.semver_sort_key(:currentVersion!)
 * ), offered AS (
 *   SELECT n.*
 *     FROM newer AS n
 *    WHERE n.min_version IS NULL OR app.semver_sort_key(n.min_version) <= app.semver_sort_key(:currentVersion!)
 *    ORDER BY n.sort_key DESC
 *    LIMIT 1
 * )
 * SELECT
 *   o.id AS "id!", o.target AS "target!", o.version AS "version!", o.channel AS "channel!",
 *   o.binary_url AS "binaryUrl!", o.checksum_sha256 AS "checksumSha256!", o.file_size_bytes AS "fileSizeBytes!",
 *   o.release_notes AS "releaseNotes", o.is_mandatory AS "isMandatory!", o.min_version AS "minVersion",
 *   o.created_at AS "createdAt!",
 *   EXISTS (SELECT FROM newer AS n WHERE n.is_mandatory AND n.sort_key <= o.sort_key) AS "mandatory!",
 *   (SELECT count(*) FROM newer AS n WHERE n.sort_key > o.sort_key)::integer AS "newerNotApplicable!"
 * FROM offered AS o
 * ```
 */
export const firmwareUpdate = new PreparedQuery<IFirmwareUpdateParams,IFirmwareUpdateResult>(firmwareUpdateIR);


/** 'AdminPublishFirmware' parameters type */
export interface IAdminPublishFirmwareParams {
  binaryUrl: string;
  channel: string;
  checksumSha256: string;
  fileSizeBytes: number;
  isMandatory: boolean;
  minVersion?: string | null | void;
  releaseNotes?: string | null | void;
  target: string;
  version: string;
}

/** 'AdminPublishFirmware' return type */
export interface IAdminPublishFirmwareResult {
  /** https:// or s3:// URL of the firmware binary (S3/R2). */
  binaryUrl: string;
  /** Release channel: stable, beta or alpha. */
  channel: string;
  /** SHA-256 of the binary: 64 lowercase hex digits. The device verifies it before flashing. */
  checksumSha256: string;
  /** Release timestamp. */
  createdAt: Date;
  /** Binary size in bytes, > 0. */
  fileSizeBytes: number;
  /** Release identifier. */
  id: string;
  /** Force the update when true. */
  isMandatory: boolean;
  /** Minimum running version required to apply this update (semver, not above version); NULL = any. */
  minVersion: string | null;
  /** Markdown release notes. */
  releaseNotes: string | null;
  /** Processor: cm5 or stm32. */
  target: string;
  /** Semantic version (e.g. 1.2.0, 1.3.0-beta.1), unique per target (idx_firmware_target_version). */
  version: string;
}

/** 'AdminPublishFirmware' query type */
export interface IAdminPublishFirmwareQuery {
  params: IAdminPublishFirmwareParams;
  result: IAdminPublishFirmwareResult;
}

const adminPublishFirmwareIR: any = {"usedParamSet":{"target":true,"version":true,"channel":true,"binaryUrl":true,"checksumSha256":true,"fileSizeBytes":true,"releaseNotes":true,"isMandatory":true,"minVersion":true},"params":[{"name":"target","required":true,"transform":{"type":"scalar"},"locs":[{"a":166,"b":173}]},{"name":"version","required":true,"transform":{"type":"scalar"},"locs":[{"a":176,"b":184}]},{"name":"channel","required":true,"transform":{"type":"scalar"},"locs":[{"a":187,"b":195}]},{"name":"binaryUrl","required":true,"transform":{"type":"scalar"},"locs":[{"a":198,"b":208}]},{"name":"checksumSha256","required":true,"transform":{"type":"scalar"},"locs":[{"a":211,"b":226}]},{"name":"fileSizeBytes","required":true,"transform":{"type":"scalar"},"locs":[{"a":229,"b":243}]},{"name":"releaseNotes","required":false,"transform":{"type":"scalar"},"locs":[{"a":246,"b":258}]},{"name":"isMandatory","required":true,"transform":{"type":"scalar"},"locs":[{"a":261,"b":273}]},{"name":"minVersion","required":false,"transform":{"type":"scalar"},"locs":[{"a":276,"b":286}]}],"statement":"INSERT INTO app.firmware_releases AS f\n  (target, version, channel, binary_url, checksum_sha256, file_size_bytes, release_notes, is_mandatory, min_version)\nVALUES\n  (:target!, :version!, :channel!, :binaryUrl!, :checksumSha256!, :fileSizeBytes!, :releaseNotes, :isMandatory!, :minVersion)\nRETURNING\n  f.id, f.target, f.version, f.channel, f.binary_url AS \"binaryUrl\", f.checksum_sha256 AS \"checksumSha256\",\n  f.file_size_bytes AS \"fileSizeBytes\", f.release_notes AS \"releaseNotes\", f.is_mandatory AS \"isMandatory\",\n  f.min_version AS \"minVersion\", f.created_at AS \"createdAt\""};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO app.firmware_releases AS f
 *   (target, version, channel, binary_url, checksum_sha256, file_size_bytes, release_notes, is_mandatory, min_version)
 * VALUES
 *   (:target!, :version!, :channel!, :binaryUrl!, :checksumSha256!, :fileSizeBytes!, :releaseNotes, :isMandatory!, :minVersion)
 * RETURNING
 *   f.id, f.target, f.version, f.channel, f.binary_url AS "binaryUrl", f.checksum_sha256 AS "checksumSha256",
 *   f.file_size_bytes AS "fileSizeBytes", f.release_notes AS "releaseNotes", f.is_mandatory AS "isMandatory",
 *   f.min_version AS "minVersion", f.created_at AS "createdAt"
 * ```
 */
export const adminPublishFirmware = new PreparedQuery<IAdminPublishFirmwareParams,IAdminPublishFirmwareResult>(adminPublishFirmwareIR);


/** 'AdminListFirmware' parameters type */
export interface IAdminListFirmwareParams {
  target: string;
}

/** 'AdminListFirmware' return type */
export interface IAdminListFirmwareResult {
  /** https:// or s3:// URL of the firmware binary (S3/R2). */
  binaryUrl: string;
  /** Release channel: stable, beta or alpha. */
  channel: string;
  /** SHA-256 of the binary: 64 lowercase hex digits. The device verifies it before flashing. */
  checksumSha256: string;
  /** Release timestamp. */
  createdAt: Date;
  /** Binary size in bytes, > 0. */
  fileSizeBytes: number;
  /** Release identifier. */
  id: string;
  /** Force the update when true. */
  isMandatory: boolean;
  /** Minimum running version required to apply this update (semver, not above version); NULL = any. */
  minVersion: string | null;
  /** Markdown release notes. */
  releaseNotes: string | null;
  /** Processor: cm5 or stm32. */
  target: string;
  /** Semantic version (e.g. 1.2.0, 1.3.0-beta.1), unique per target (idx_firmware_target_version). */
  version: string;
}

/** 'AdminListFirmware' query type */
export interface IAdminListFirmwareQuery {
  params: IAdminListFirmwareParams;
  result: IAdminListFirmwareResult;
}

const adminListFirmwareIR: any = {"usedParamSet":{"target":true},"params":[{"name":"target","required":true,"transform":{"type":"scalar"},"locs":[{"a":333,"b":340}]}],"statement":"SELECT\n  f.id, f.target, f.version, f.channel, f.binary_url AS \"binaryUrl\", f.checksum_sha256 AS \"checksumSha256\",\n  f.file_size_bytes AS \"fileSizeBytes\", f.release_notes AS \"releaseNotes\", f.is_mandatory AS \"isMandatory\",\n  f.min_version AS \"minVersion\", f.created_at AS \"createdAt\"\nFROM app.firmware_releases AS f\nWHERE f.target = :target!\nORDER BY app.semver_sort_key(f.version) DESC"};

/**
 * Query generated from SQL:
 * ```
 * SELECT
 *   f.id, f.target, f.version, f.channel, f.binary_url AS "binaryUrl", f.checksum_sha256 AS "checksumSha256",
 *   f.file_size_bytes AS "fileSizeBytes", f.release_notes AS "releaseNotes", f.is_mandatory AS "isMandatory",
 *   f.min_version AS "minVersion", f.created_at AS "createdAt"
 * FROM app.firmware_releases AS f
 * WHERE f.target = :target!
 * ORDER BY app.semver_sort_key(f.version) DESC
 * ```
 */
export const adminListFirmware = new PreparedQuery<IAdminListFirmwareParams,IAdminListFirmwareResult>(adminListFirmwareIR);


/** 'MarkOfflineAppliances' parameters type */
export interface IMarkOfflineAppliancesParams {
  seconds: number;
}

/** 'MarkOfflineAppliances' return type */
export interface IMarkOfflineAppliancesResult {
  count: number;
}

/** 'MarkOfflineAppliances' query type */
export interface IMarkOfflineAppliancesQuery {
  params: IMarkOfflineAppliancesParams;
  result: IMarkOfflineAppliancesResult;
}

const markOfflineAppliancesIR: any = {"usedParamSet":{"seconds":true},"params":[{"name":"seconds","required":true,"transform":{"type":"scalar"},"locs":[{"a":160,"b":168}]}],"statement":"-- The worker (appliances.offline-sweep): appliances silent for a while are marked offline.\nselect app.mark_offline_appliances(pg_catalog.make_interval(secs => :seconds!::double precision)) as \"count!\""};

/**
 * Query generated from SQL:
 * ```
 * -- The worker (appliances.offline-sweep): appliances silent for a while are marked offline.
 * select app.mark_offline_appliances(pg_catalog.make_interval(secs => :seconds!::double precision)) as "count!"
 * ```
 */
export const markOfflineAppliances = new PreparedQuery<IMarkOfflineAppliancesParams,IMarkOfflineAppliancesResult>(markOfflineAppliancesIR);


