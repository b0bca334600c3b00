--! Previous: sha1:5f3275b5104f1ece10d07fe79dc92d5fe2ed7c7a
--! Hash: sha1:b98b5a0c5418b760d8e3a0c5e883ac1850648d19
--! Message: appliances: appliances, cooking sessions, firmware releases

-- appliances area (Epicura): app.appliances (one row per pairing of a device with a person),
-- app.cooking_sessions (cooking history, device-authoritative), app.firmware_releases, and the
-- semver helpers used by CHECKs and by firmware selection.
-- squawk-ignore-file prefer-text-field, prefer-bigint-over-int
--   prefer-text-field: varchar(n) is the type the source documents specify.
--   prefer-bigint-over-int: integer is the type the Epicura document specifies (durations, rating, file size).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- Semantic versions ---------------------------------------------------------------------------
create function app.is_semver(p_version text) returns boolean
  language sql
  immutable
  strict
  parallel safe
  set search_path = ''
as $$
  select p_version ~ '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'
$$;
comment on function app.is_semver(text) is
  'True when the text is a Semantic Versioning 2.0.0 version: MAJOR.MINOR.PATCH without leading zeros, optional -prerelease (dot-separated identifiers, numeric ones without leading zeros) and optional +build metadata. Used by the version CHECKs.';

create function app.semver_sort_key(p_version text) returns bytea
  language plpgsql
  immutable
  strict
  parallel safe
  set search_path = ''
as $$
declare
  m   text[];
  key text;
  id  text;
begin
  if not app.is_semver(p_version) then
    return null;
  end if;
  m := pg_catalog.regexp_match(p_version, '^([0-9]+)\.([0-9]+)\.([0-9]+)(?:-([^+]+))?(?:\+.*)?$');
  -- A number (no leading zeros) sorts by length, then digits: 4-digit length prefix + digits.
  key := pg_catalog.lpad(pg_catalog.length(m[1])::text, 4, '0') || m[1]
      || pg_catalog.lpad(pg_catalog.length(m[2])::text, 4, '0') || m[2]
      || pg_catalog.lpad(pg_catalog.length(m[3])::text, 4, '0') || m[3];
  if m[4] is null then
    -- A release sorts after all its prereleases: '~' (0x7E) > '-' (0x2D).
    key := key || '~';
  else
    key := key || '-';
    foreach id in array pg_catalog.string_to_array(m[4], '.') loop
      if id ~ '^[0-9]+$' then
        -- numeric identifiers sort numerically and before alphanumeric ones ('1' < '2')
        key := key || '1' || pg_catalog.lpad(pg_catalog.length(id)::text, 4, '0') || id || '!';
      else
        -- alphanumeric identifiers sort in ASCII order; '!' (0x21) is below every identifier
        -- character, so a prefix sorts first (alpha < alpha-1)
        key := key || '2' || id || '!';
      end if;
    end loop;
    -- end of the identifier list: ' ' (0x20) sorts below the next identifier's '1'/'2',
    -- so a shorter list sorts first (alpha < alpha.1)
    key := key || ' ';
  end if;
  -- Only [0-9A-Za-z.~! -] occur in key, so the text-to-bytea cast copies the bytes verbatim.
  return key::bytea;
end
$$;
comment on function app.semver_sort_key(text) is
  'Byte string whose order (bytea compares bytewise, independent of collation) is Semantic Versioning precedence: 1.10.0 > 1.9.0, 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-beta < 1.0.0, numeric prerelease identifiers below alphanumeric ones, build metadata ignored. NULL for a non-semver text. '
  'Use ORDER BY app.semver_sort_key(version) DESC, or compare two keys (firmware selection: newer than the device''s version, min_version <= the device''s version).';

-- appliances ----------------------------------------------------------------------------------
create table app.appliances (
  id                     uuid         not null default gen_random_uuid(),
  user_id                uuid         not null,
  device_id              varchar(50)  not null,
  serial_number          varchar(50)  not null,
  name                   varchar(100)          default 'My Epicura',
  firmware_version_cm5   varchar(20),
  firmware_version_stm32 varchar(20),
  wifi_mac               varchar(17),
  pairing_code           varchar(6),
  status                 varchar(20)           default 'offline',
  last_seen_at           timestamptz,
  paired_at              timestamptz  not null default now(),
  unpaired_at            timestamptz,
  created_at             timestamptz  not null default now(),
  updated_at             timestamptz  not null default now(),
  constraint appliances_pkey primary key (id),
  constraint appliances_id_user_id_key unique (id, user_id),
  constraint appliances_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint appliances_device_id_check check (device_id ~ '^[A-Za-z0-9][A-Za-z0-9._:-]*$'),
  constraint appliances_serial_number_check check (serial_number ~ '^[A-Za-z0-9][A-Za-z0-9._:/-]*$'),
  constraint appliances_name_check check (btrim(name) <> ''),
  constraint appliances_firmware_version_cm5_check check (app.is_semver(firmware_version_cm5)),
  constraint appliances_firmware_version_stm32_check check (app.is_semver(firmware_version_stm32)),
  constraint appliances_wifi_mac_check check (wifi_mac ~ '^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$'),
  constraint appliances_pairing_code_check check (pairing_code ~ '^[0-9A-Z]{6}$'),
  constraint appliances_status_check check (status in ('online', 'offline', 'cooking', 'error')),
  constraint appliances_unpaired_at_check check (unpaired_at >= paired_at)
);
create unique index idx_appliances_device_id on app.appliances (device_id) where unpaired_at is null;
create unique index idx_appliances_serial_number on app.appliances (serial_number) where unpaired_at is null;
create index idx_appliances_user on app.appliances (user_id);
create trigger set_updated_at before update on app.appliances
  for each row execute function app_private.set_updated_at();

comment on table app.appliances is
  'A pairing of an Epicura device with a person (Epicura "appliances"). A device has at most one current pairing (unpaired_at IS NULL): device_id and serial_number are unique among current pairings. '
  'Re-pairing a device to another person ends the old pairing (unpaired_at) and inserts a new row: the old owner''s cooking sessions and telemetry keep referencing the old row under the old owner''s user_id (composite FKs (appliance_id, user_id) -> (id, user_id)), '
  'so history never changes hands and the new owner''s GDPR purge cannot touch it. A pairing is never deleted except with its person (ON DELETE CASCADE from app.users); its sessions and telemetry then go too.';
comment on column app.appliances.id is 'Pairing record id (the appliance_id of sessions and telemetry).';
comment on column app.appliances.user_id is 'Owner for this pairing; never changes (re-pairing inserts a new row).';
comment on column app.appliances.device_id is 'Hardware device id (e.g. EPIC-001). Unique among current pairings (idx_appliances_device_id, partial on unpaired_at IS NULL): a re-paired device appears once per pairing.';
comment on column app.appliances.serial_number is 'Manufacturing serial. Unique among current pairings (idx_appliances_serial_number).';
comment on column app.appliances.name is 'Name the person gave the appliance.';
comment on column app.appliances.firmware_version_cm5 is 'Firmware version running on the CM5 (semver, app.is_semver), as last reported.';
comment on column app.appliances.firmware_version_stm32 is 'Firmware version running on the STM32 (semver), as last reported.';
comment on column app.appliances.wifi_mac is 'Wi-Fi MAC address, six colon-separated hex pairs (AA:BB:CC:DD:EE:FF).';
comment on column app.appliances.pairing_code is 'Current BLE pairing code, 6 characters 0-9/A-Z (rotated).';
comment on column app.appliances.status is 'Last known status: online, offline, cooking or error.';
comment on column app.appliances.last_seen_at is 'Last heartbeat.';
comment on column app.appliances.paired_at is 'When this pairing began.';
comment on column app.appliances.unpaired_at is 'When this pairing ended (device removed or re-paired to someone else); NULL = the device''s current pairing. Added to the Epicura columns so that history survives re-pairing.';
comment on column app.appliances.created_at is 'Record creation.';
comment on column app.appliances.updated_at is 'Last modification (trigger set_updated_at).';
comment on constraint appliances_id_user_id_key on app.appliances is 'Target of the composite FKs from cooking_sessions and telemetry_events: their user_id is the pairing''s owner.';

-- cooking_sessions ----------------------------------------------------------------------------
create table app.cooking_sessions (
  id               uuid        not null default gen_random_uuid(),
  user_id          uuid        not null,
  appliance_id     uuid        not null,
  recipe_id        uuid        not null,
  status           varchar(20) not null default 'started',
  started_at       timestamptz not null default now(),
  completed_at     timestamptz,
  stages_log       jsonb,
  customizations   jsonb,
  peak_temperature real,
  total_duration_s integer,
  user_rating      integer,
  notes            text,
  created_at       timestamptz not null default now(),
  updated_at       timestamptz not null default now(),
  constraint cooking_sessions_pkey primary key (id),
  constraint cooking_sessions_id_user_id_key unique (id, user_id),
  constraint cooking_sessions_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint cooking_sessions_appliance_id_user_id_fkey foreign key (appliance_id, user_id)
    references app.appliances (id, user_id),
  constraint cooking_sessions_recipe_id_fkey foreign key (recipe_id) references app.recipes (id) on delete restrict,
  constraint cooking_sessions_status_check check (status in ('started', 'cooking', 'paused', 'completed', 'aborted', 'error')),
  constraint cooking_sessions_completed_at_check check (completed_at >= started_at),
  constraint cooking_sessions_stages_log_check check (jsonb_typeof(stages_log) = 'array'),
  constraint cooking_sessions_customizations_check check (jsonb_typeof(customizations) = 'object'),
  constraint cooking_sessions_total_duration_s_check check (total_duration_s >= 0),
  constraint cooking_sessions_user_rating_check check (user_rating between 1 and 5),
  constraint cooking_sessions_notes_check check (char_length(notes) <= 4000)
);
create index idx_sessions_user on app.cooking_sessions (user_id);
create index idx_sessions_appliance on app.cooking_sessions (appliance_id);
create index idx_sessions_started on app.cooking_sessions (started_at desc);
create index idx_sessions_recipe on app.cooking_sessions (recipe_id);
create trigger set_updated_at before update on app.cooking_sessions
  for each row execute function app_private.set_updated_at();

comment on table app.cooking_sessions is
  'A cook on an appliance (Epicura cooking log). The device is authoritative: it uploads its logs (synced = false) and the cloud stores what it reports; a device-chosen id makes the upload idempotent (INSERT ... ON CONFLICT (id) DO NOTHING). '
  'user_id is the pairing''s owner (composite FK (appliance_id, user_id) -> appliances(id, user_id), NO ACTION: a pairing with history cannot be deleted on its own; the purge deletes both in one statement through ON DELETE CASCADE from app.users). '
  'recipe_id ON DELETE RESTRICT: a recipe someone cooked cannot be deleted, people''s cooking history keeps its recipe; admins unpublish it instead. Unique (id, user_id) is the target of telemetry_events'' composite FK.';
comment on column app.cooking_sessions.id is 'Session id; the device may choose it (uuid) so that re-uploading a log does not duplicate it.';
comment on column app.cooking_sessions.user_id is 'The person who cooked: always the owner of the appliance pairing.';
comment on column app.cooking_sessions.appliance_id is 'The appliance pairing used.';
comment on column app.cooking_sessions.recipe_id is 'The recipe cooked. NOT NULL as specified, hence ON DELETE RESTRICT on the recipe.';
comment on column app.cooking_sessions.status is 'started, cooking, paused, completed, aborted or error.';
comment on column app.cooking_sessions.started_at is 'Session start.';
comment on column app.cooking_sessions.completed_at is 'Session end (not before started_at); NULL while running.';
comment on column app.cooking_sessions.stages_log is 'JSON array of {stage, duration_s, result, cv_confidence}, one element per stage run.';
comment on column app.cooking_sessions.customizations is 'JSON object: spice level, servings, substitutions applied.';
comment on column app.cooking_sessions.peak_temperature is 'Maximum temperature reached (°C).';
comment on column app.cooking_sessions.total_duration_s is 'Actual cooking duration in seconds, >= 0.';
comment on column app.cooking_sessions.user_rating is 'The person''s star rating, 1 to 5.';
comment on column app.cooking_sessions.notes is 'The person''s notes about the cook.';
comment on column app.cooking_sessions.created_at is 'When the cloud stored the session.';
comment on column app.cooking_sessions.updated_at is 'Last modification (trigger set_updated_at).';
comment on index app.idx_sessions_recipe is 'Serves the ON DELETE RESTRICT check of recipe_id and per-recipe statistics.';

-- firmware_releases ---------------------------------------------------------------------------
create table app.firmware_releases (
  id              uuid        not null default gen_random_uuid(),
  target          varchar(10) not null,
  version         varchar(20) not null,
  channel         varchar(20) not null default 'stable',
  binary_url      text        not null,
  checksum_sha256 varchar(64) not null,
  file_size_bytes integer     not null,
  release_notes   text,
  is_mandatory    boolean     not null default false,
  min_version     varchar(20),
  created_at      timestamptz not null default now(),
  constraint firmware_releases_pkey primary key (id),
  constraint firmware_releases_target_check check (target in ('cm5', 'stm32')),
  constraint firmware_releases_version_check check (app.is_semver(version)),
  constraint firmware_releases_channel_check check (channel in ('stable', 'beta', 'alpha')),
  constraint firmware_releases_binary_url_check check (binary_url ~ '^(https|s3)://[^[:space:]]+$'),
  constraint firmware_releases_checksum_sha256_check check (checksum_sha256 ~ '^[0-9a-f]{64}$'),
  constraint firmware_releases_file_size_bytes_check check (file_size_bytes > 0),
  constraint firmware_releases_min_version_check check (app.is_semver(min_version)),
  constraint firmware_releases_min_version_order_check check (app.semver_sort_key(min_version) <= app.semver_sort_key(version))
);
create unique index idx_firmware_target_version on app.firmware_releases (target, version);
create index idx_firmware_channel on app.firmware_releases (target, channel, created_at desc);

comment on table app.firmware_releases is
  'Firmware builds for the appliance''s two processors (Epicura), published by admins. Selection for a device: same target, an acceptable channel, semver newer than the running version (app.semver_sort_key), min_version NULL or <= the running version. No personal data.';
comment on column app.firmware_releases.id is 'Release identifier.';
comment on column app.firmware_releases.target is 'Processor: cm5 or stm32.';
comment on column app.firmware_releases.version is 'Semantic version (e.g. 1.2.0, 1.3.0-beta.1), unique per target (idx_firmware_target_version).';
comment on column app.firmware_releases.channel is 'Release channel: stable, beta or alpha.';
comment on column app.firmware_releases.binary_url is 'https:// or s3:// URL of the firmware binary (S3/R2).';
comment on column app.firmware_releases.checksum_sha256 is 'SHA-256 of the binary: 64 lowercase hex digits. The device verifies it before flashing.';
comment on column app.firmware_releases.file_size_bytes is 'Binary size in bytes, > 0.';
comment on column app.firmware_releases.release_notes is 'Markdown release notes.';
comment on column app.firmware_releases.is_mandatory is 'Force the update when true.';
comment on column app.firmware_releases.min_version is 'Minimum running version required to apply this update (semver, not above version); NULL = any.';
comment on column app.firmware_releases.created_at is 'Release timestamp.';
comment on constraint firmware_releases_min_version_order_check on app.firmware_releases is 'min_version may not be above version (semver precedence).';
