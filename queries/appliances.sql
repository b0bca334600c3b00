/* @name PairAppliance */
SELECT
  a.id AS "id!", a.device_id AS "deviceId!", a.serial_number AS "serialNumber!", coalesce(a.name, 'My Epicura') AS "name!",
  a.firmware_version_cm5 AS "firmwareVersionCm5", a.firmware_version_stm32 AS "firmwareVersionStm32",
  a.wifi_mac AS "wifiMac", coalesce(a.status, 'offline') AS "status!", a.last_seen_at AS "lastSeenAt", a.paired_at AS "pairedAt!",
  a.unpaired_at AS "unpairedAt", a.created_at AS "createdAt!", a.updated_at AS "updatedAt!"
FROM app.pair_appliance(:deviceId!, :serialNumber!, :pairingCode!, :name, :wifiMac) AS a;

/* @name ListAppliances */
SELECT
  a.id, a.device_id AS "deviceId", a.serial_number AS "serialNumber", coalesce(a.name, 'My Epicura') AS "name!",
  a.firmware_version_cm5 AS "firmwareVersionCm5", a.firmware_version_stm32 AS "firmwareVersionStm32",
  a.wifi_mac AS "wifiMac", coalesce(a.status, 'offline') AS "status!", a.last_seen_at AS "lastSeenAt", a.paired_at AS "pairedAt",
  a.unpaired_at AS "unpairedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt"
FROM app.appliances AS a
WHERE a.unpaired_at IS NULL
ORDER BY a.paired_at, a.id;

/* @name UnpairAppliance */
-- Ends the pairing and releases its device id and serial number (lookup rows) in one call.
SELECT
  a.id AS "id!", a.device_id AS "deviceId!", a.serial_number AS "serialNumber!", coalesce(a.name, 'My Epicura') AS "name!",
  a.firmware_version_cm5 AS "firmwareVersionCm5", a.firmware_version_stm32 AS "firmwareVersionStm32",
  a.wifi_mac AS "wifiMac", coalesce(a.status, 'offline') AS "status!", a.last_seen_at AS "lastSeenAt", a.paired_at AS "pairedAt!",
  a.unpaired_at AS "unpairedAt", a.created_at AS "createdAt!", a.updated_at AS "updatedAt!"
FROM app.unpair_appliance(:id!) AS a;

/* @name Heartbeat */
UPDATE app.appliances AS a
   SET status = :status!,
       last_seen_at = greatest(a.last_seen_at, now()),
       firmware_version_cm5 = coalesce(:firmwareVersionCm5, a.firmware_version_cm5),
       firmware_version_stm32 = coalesce(:firmwareVersionStm32, a.firmware_version_stm32),
       pairing_code = coalesce(:pairingCode, a.pairing_code),
       wifi_mac = coalesce(:wifiMac, a.wifi_mac)
 WHERE a.device_id = :deviceId! AND a.unpaired_at IS NULL
RETURNING
  a.id, a.device_id AS "deviceId", a.serial_number AS "serialNumber", coalesce(a.name, 'My Epicura') AS "name!",
  a.firmware_version_cm5 AS "firmwareVersionCm5", a.firmware_version_stm32 AS "firmwareVersionStm32",
  a.wifi_mac AS "wifiMac", coalesce(a.status, 'offline') AS "status!", a.last_seen_at AS "lastSeenAt", a.paired_at AS "pairedAt",
  a.unpaired_at AS "unpairedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt";

/* @name StartSession */
INSERT INTO app.cooking_sessions AS s (id, user_id, appliance_id, recipe_id, status, started_at, customizations)
SELECT coalesce(:id::uuid, gen_random_uuid()), a.user_id, a.id, r.id, 'started',
       coalesce(:startedAt::timestamptz, now()), :customizations::jsonb
  FROM app.appliances AS a, app.recipes AS r
 WHERE a.id = :applianceId! AND a.unpaired_at IS NULL
   AND r.id = :recipeId! AND r.is_published
RETURNING
  s.id, s.appliance_id AS "applianceId", s.recipe_id AS "recipeId", s.status, s.started_at AS "startedAt",
  s.completed_at AS "completedAt", s.stages_log AS "stagesLog", s.customizations,
  s.peak_temperature AS "peakTemperature", s.total_duration_s AS "totalDurationS", s.user_rating AS "userRating",
  s.notes, s.device_revision AS "deviceRevision", s.created_at AS "createdAt", s.updated_at AS "updatedAt";

/* @name StartSessionDiagnosis */
SELECT
  EXISTS (SELECT FROM app.appliances AS a WHERE a.id = :applianceId! AND a.unpaired_at IS NULL) AS "applianceOk!",
  EXISTS (SELECT FROM app.recipes AS r WHERE r.id = :recipeId! AND r.is_published) AS "recipeOk!";

/* @name GetSession */
SELECT
  s.id, s.appliance_id AS "applianceId", s.recipe_id AS "recipeId", s.status, s.started_at AS "startedAt",
  s.completed_at AS "completedAt", s.stages_log AS "stagesLog", s.customizations,
  s.peak_temperature AS "peakTemperature", s.total_duration_s AS "totalDurationS", s.user_rating AS "userRating",
  s.notes, s.device_revision AS "deviceRevision", s.created_at AS "createdAt", s.updated_at AS "updatedAt"
FROM app.cooking_sessions AS s
WHERE s.id = :id!;

/* @name UpdateSession */
UPDATE app.cooking_sessions AS s
   SET status = coalesce(:status, s.status),
       stages_log = coalesce(:stagesLog::jsonb, s.stages_log),
       customizations = coalesce(:customizations::jsonb, s.customizations),
       peak_temperature = coalesce(:peakTemperature, s.peak_temperature),
       total_duration_s = coalesce(:totalDurationS, s.total_duration_s),
       notes = coalesce(:notes, s.notes)
 WHERE s.id = :id! AND s.status IN ('started', 'cooking', 'paused')
RETURNING
  s.id, s.appliance_id AS "applianceId", s.recipe_id AS "recipeId", s.status, s.started_at AS "startedAt",
  s.completed_at AS "completedAt", s.stages_log AS "stagesLog", s.customizations,
  s.peak_temperature AS "peakTemperature", s.total_duration_s AS "totalDurationS", s.user_rating AS "userRating",
  s.notes, s.device_revision AS "deviceRevision", s.created_at AS "createdAt", s.updated_at AS "updatedAt";

/* @name CompleteSession */
UPDATE app.cooking_sessions AS s
   SET status = :status!,
       completed_at = coalesce(:completedAt::timestamptz, now()),
       stages_log = coalesce(:stagesLog::jsonb, s.stages_log),
       peak_temperature = coalesce(:peakTemperature, s.peak_temperature),
       total_duration_s = coalesce(
         :totalDurationS::integer,
         s.total_duration_s,
         greatest(0, floor(extract(epoch FROM coalesce(:completedAt::timestamptz, now()) - s.started_at)))::integer)
 WHERE s.id = :id! AND s.status IN ('started', 'cooking', 'paused')
RETURNING
  s.id, s.appliance_id AS "applianceId", s.recipe_id AS "recipeId", s.status, s.started_at AS "startedAt",
  s.completed_at AS "completedAt", s.stages_log AS "stagesLog", s.customizations,
  s.peak_temperature AS "peakTemperature", s.total_duration_s AS "totalDurationS", s.user_rating AS "userRating",
  s.notes, s.device_revision AS "deviceRevision", s.created_at AS "createdAt", s.updated_at AS "updatedAt";

/* @name RateSession */
UPDATE app.cooking_sessions AS s
   SET user_rating = :rating!,
       notes = coalesce(:notes, s.notes)
 WHERE s.id = :id! AND s.status = 'completed'
RETURNING
  s.id, s.appliance_id AS "applianceId", s.recipe_id AS "recipeId", s.status, s.started_at AS "startedAt",
  s.completed_at AS "completedAt", s.stages_log AS "stagesLog", s.customizations,
  s.peak_temperature AS "peakTemperature", s.total_duration_s AS "totalDurationS", s.user_rating AS "userRating",
  s.notes, s.device_revision AS "deviceRevision", s.created_at AS "createdAt", s.updated_at AS "updatedAt";

/* @name UploadCookingLog */
SELECT
  u.session_id AS "sessionId!", u.applied AS "applied!", u.stored_revision AS "storedRevision!",
  u.filed_under_caller AS "filedUnderCaller!"
FROM app.upload_cooking_log(
  :deviceId!, :id!, :recipeId!, :status!, :startedAt!, :completedAt, :stagesLog, :customizations,
  :peakTemperature, :totalDurationS, :userRating, :notes, :revision!) AS u;

/* @name FirmwareUpdate */
WITH newer AS (
  SELECT f.*, app.semver_sort_key(f.version) AS sort_key
    FROM app.firmware_releases AS f
   WHERE f.target = :target!
     AND f.channel = ANY (:channels!::text[])
     AND app.semver_sort_key(f.version) > app.semver_sort_key(:currentVersion!)
), offered AS (
  SELECT n.*
    FROM newer AS n
   WHERE n.min_version IS NULL OR app.semver_sort_key(n.min_version) <= app.semver_sort_key(:currentVersion!)
   ORDER BY n.sort_key DESC
   LIMIT 1
)
SELECT
  o.id AS "id!", o.target AS "target!", o.version AS "version!", o.channel AS "channel!",
  o.binary_url AS "binaryUrl!", o.checksum_sha256 AS "checksumSha256!", o.file_size_bytes AS "fileSizeBytes!",
  o.release_notes AS "releaseNotes", o.is_mandatory AS "isMandatory!", o.min_version AS "minVersion",
  o.created_at AS "createdAt!",
  EXISTS (SELECT FROM newer AS n WHERE n.is_mandatory AND n.sort_key <= o.sort_key) AS "mandatory!",
  (SELECT count(*) FROM newer AS n WHERE n.sort_key > o.sort_key)::integer AS "newerNotApplicable!"
FROM offered AS o;

/* @name AdminPublishFirmware */
INSERT INTO app.firmware_releases AS f
  (target, version, channel, binary_url, checksum_sha256, file_size_bytes, release_notes, is_mandatory, min_version)
VALUES
  (:target!, :version!, :channel!, :binaryUrl!, :checksumSha256!, :fileSizeBytes!, :releaseNotes, :isMandatory!, :minVersion)
RETURNING
  f.id, f.target, f.version, f.channel, f.binary_url AS "binaryUrl", f.checksum_sha256 AS "checksumSha256",
  f.file_size_bytes AS "fileSizeBytes", f.release_notes AS "releaseNotes", f.is_mandatory AS "isMandatory",
  f.min_version AS "minVersion", f.created_at AS "createdAt";

/* @name AdminListFirmware */
SELECT
  f.id, f.target, f.version, f.channel, f.binary_url AS "binaryUrl", f.checksum_sha256 AS "checksumSha256",
  f.file_size_bytes AS "fileSizeBytes", f.release_notes AS "releaseNotes", f.is_mandatory AS "isMandatory",
  f.min_version AS "minVersion", f.created_at AS "createdAt"
FROM app.firmware_releases AS f
WHERE f.target = :target!
ORDER BY app.semver_sort_key(f.version) DESC;

/* @name MarkOfflineAppliances */
-- The worker (appliances.offline-sweep): appliances silent for a while are marked offline.
select app.mark_offline_appliances(pg_catalog.make_interval(secs => :seconds!::double precision)) as "count!";
