--
-- PostgreSQL database dump
--

-- Dumped from database version 18.6
-- Dumped by pg_dump version 18.3

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET transaction_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: app; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA app;

--
-- Name: SCHEMA app; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA app IS 'kitchen-db domain tables and every function a service may call. Person-owned tables are protected by row-level security keyed on user_id.';

--
-- Name: app_private; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA app_private;

--
-- Name: SCHEMA app_private; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA app_private IS 'kitchen-db internals no application role may touch: audit log, helpers, partition bookkeeping.';

--
-- Name: auth; Type: SCHEMA; Schema: -; Owner: -
--

CREATE SCHEMA auth;

--
-- Name: SCHEMA auth; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON SCHEMA auth IS 'Better-Auth''s tables (user, session, account, verification, jwks, twoFactor), in the same database so a GDPR purge is one transaction.';

--
-- Name: citext; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;

--
-- Name: EXTENSION citext; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION citext IS 'data type for case-insensitive character strings';

--
-- Name: vector; Type: EXTENSION; Schema: -; Owner: -
--

CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public;

--
-- Name: EXTENSION vector; Type: COMMENT; Schema: -; Owner: -
--

COMMENT ON EXTENSION vector IS 'vector data type and ivfflat and hnsw access methods';

--
-- Name: conversation_title(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.conversation_title(p_text text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO ''
    AS $$
declare
  t    text := pg_catalog.btrim(pg_catalog.regexp_replace(p_text, '\s+', ' ', 'g'));
  head text;
  cut  integer;
begin
  if t = '' then
    return null;
  end if;
  if pg_catalog.char_length(t) <= 60 then
    return t;
  end if;
  -- Cut at the last space within the first 61 characters (so a word ending exactly at 60 stays
  -- whole); a single very long word is cut at 60 characters.
  head := pg_catalog.left(t, 61);
  cut := pg_catalog.char_length(head) - pg_catalog.strpos(pg_catalog.reverse(head), ' ');
  if cut < 20 or cut >= 61 then
    cut := 60;
  end if;
  return pg_catalog.rtrim(pg_catalog.left(t, cut)) || '…';
end
$$;

--
-- Name: FUNCTION conversation_title(p_text text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.conversation_title(p_text text) IS 'Conversation title derived from a message: whitespace collapsed and trimmed; up to 60 characters kept whole, longer text cut on the last word boundary within 60 characters and ended with "…" (a word longer than that is cut at 60). NULL for blank text.';

--
-- Name: current_user_id(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.current_user_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select nullif(pg_catalog.current_setting('app.user_id', true), '')::uuid
$$;

--
-- Name: FUNCTION current_user_id(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.current_user_id() IS 'The person the current transaction acts for: the transaction-local setting app.user_id (set_config(''app.user_id'', id, true)). NULL when unset or empty, so row-level security fails closed. Use it as (select app.current_user_id()) in policies so it runs once per statement.';

--
-- Name: is_semver(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.is_semver(p_version text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO ''
    AS $_$
  select p_version ~ '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*))*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'
$_$;

--
-- Name: FUNCTION is_semver(p_version text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.is_semver(p_version text) IS 'True when the text is a Semantic Versioning 2.0.0 version: MAJOR.MINOR.PATCH without leading zeros, optional -prerelease (dot-separated identifiers, numeric ones without leading zeros) and optional +build metadata. Used by the version CHECKs.';

--
-- Name: is_valid_time_zone(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.is_valid_time_zone(p_zone text) RETURNS boolean
    LANGUAGE plpgsql STABLE STRICT PARALLEL RESTRICTED
    SET search_path TO ''
    AS $_$
begin
  -- Canonical IANA names only: 'UTC' or Area/Location[/More] (e.g. Asia/Kolkata, Etc/GMT+5).
  -- The shape excludes abbreviations (IST, EST), POSIX specs (UTC+3, EST5EDT,M3.2.0) and
  -- the posix/ and right/ copies; the zone must also exist in the server's tz database.
  if p_zone !~ '^(UTC|[A-Z][A-Za-z_-]*(/[A-Za-z0-9_+-]+)+)$' then
    return false;
  end if;
  perform pg_catalog.timezone(p_zone, '2000-01-01 00:00:00'::timestamp);
  return true;
exception
  when invalid_parameter_value then
    return false;
end
$_$;

--
-- Name: FUNCTION is_valid_time_zone(p_zone text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.is_valid_time_zone(p_zone text) IS 'True when the text is a canonical IANA time zone name known to the server (''UTC'' or Area/Location such as ''Asia/Kolkata''); false for abbreviations, offsets, POSIX specs and unknown names. STABLE because it reads the server''s tz database. About 20 µs (a look-up in pg_timezone_names costs ~50 ms, too slow for a CHECK). PARALLEL RESTRICTED: its exception block starts a subtransaction.';

--
-- Name: nutrition_is_valid(jsonb); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.nutrition_is_valid(p_nutrition jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select pg_catalog.jsonb_typeof(p_nutrition) = 'object'
     and not exists (
       select 1
       from pg_catalog.jsonb_each(
              case when pg_catalog.jsonb_typeof(p_nutrition) = 'object' then p_nutrition else '{}'::jsonb end
            ) as e (key, value)
       where e.key in ('calories', 'protein_g', 'carbs_g', 'fat_g', 'fiber_g', 'sugar_g', 'sodium_mg')
         and case when pg_catalog.jsonb_typeof(e.value) = 'number' then e.value::numeric < 0 else true end
     )
$$;

--
-- Name: FUNCTION nutrition_is_valid(p_nutrition jsonb); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.nutrition_is_valid(p_nutrition jsonb) IS 'True when a nutrition JSON value is an object whose known keys (calories in kcal, protein_g, carbs_g, fat_g, fiber_g, sugar_g in grams, sodium_mg in milligrams), when present, are numbers >= 0. Other keys (micros, vitamins ...) are free. Used by the CHECKs on meal_logs.nutrition_totals and meal_foods.nutrition so app_private.refresh_daily_metrics can sum them safely.';

--
-- Name: recipe_data_is_valid(jsonb); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.recipe_data_is_valid(p_data jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO ''
    AS $$
  select pg_catalog.cardinality(app.recipe_data_problems(p_data)) = 0
$$;

--
-- Name: FUNCTION recipe_data_is_valid(p_data jsonb); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.recipe_data_is_valid(p_data jsonb) IS 'True when app.recipe_data_problems(recipe_data) finds nothing. Used by the CHECK recipes_recipe_data_check.';

--
-- Name: recipe_data_problems(jsonb); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.recipe_data_problems(p_data jsonb) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO ''
    AS $$
declare
  problems text[] := '{}';
  stage    jsonb;
  ing      jsonb;
  i        integer;
  j        integer;
  k        text;
begin
  if pg_catalog.jsonb_typeof(p_data) <> 'object' then
    return array['recipe_data must be a JSON object'];
  end if;
  if pg_catalog.jsonb_typeof(p_data -> 'stages') is distinct from 'array' then
    return array['stages must be an array'];
  end if;
  if pg_catalog.jsonb_array_length(p_data -> 'stages') = 0 then
    return array['stages must not be empty'];
  end if;

  i := 0;
  for stage in select s.value from pg_catalog.jsonb_array_elements(p_data -> 'stages') as s (value) loop
    if pg_catalog.jsonb_typeof(stage) <> 'object' then
      problems := problems || pg_catalog.format('stages[%s] must be an object', i);
    else
      if pg_catalog.jsonb_typeof(stage -> 'name') is distinct from 'string'
         or pg_catalog.btrim(stage ->> 'name') = '' then
        problems := problems || pg_catalog.format('stages[%s].name must be a non-empty string', i);
      end if;
      foreach k in array array['temp_target', 'duration_seconds'] loop
        if stage ? k and pg_catalog.jsonb_typeof(stage -> k) <> 'number' then
          problems := problems || pg_catalog.format('stages[%s].%s must be a number', i, k);
        end if;
      end loop;
      if stage ? 'ingredients' then
        if pg_catalog.jsonb_typeof(stage -> 'ingredients') <> 'array' then
          problems := problems || pg_catalog.format('stages[%s].ingredients must be an array', i);
        else
          j := 0;
          for ing in select g.value from pg_catalog.jsonb_array_elements(stage -> 'ingredients') as g (value) loop
            if pg_catalog.jsonb_typeof(ing) <> 'object' then
              problems := problems || pg_catalog.format('stages[%s].ingredients[%s] must be an object', i, j);
            elsif ing ? 'amount_g' and pg_catalog.jsonb_typeof(ing -> 'amount_g') <> 'number' then
              problems := problems || pg_catalog.format('stages[%s].ingredients[%s].amount_g must be a number', i, j);
            end if;
            j := j + 1;
          end loop;
        end if;
      end if;
    end if;
    i := i + 1;
  end loop;
  return problems;
end
$$;

--
-- Name: FUNCTION recipe_data_problems(p_data jsonb); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.recipe_data_problems(p_data jsonb) IS 'What is wrong with a recipe_data value, as readable messages (empty array = valid): it must be an object; stages a non-empty array; each stage an object with a non-empty string name; temp_target and duration_seconds numbers when present; ingredients an array of objects when present, each amount_g a number when present. The admin portal can show these before saving.';

--
-- Name: recipe_sync_lock(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.recipe_sync_lock() RETURNS timestamp with time zone
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  if pg_catalog.current_setting('transaction_isolation') <> 'read committed' then
    raise exception 'app.recipe_sync_lock() needs a READ COMMITTED transaction (current: %)',
      pg_catalog.current_setting('transaction_isolation')
      using errcode = 'invalid_transaction_state',
            hint = 'A REPEATABLE READ snapshot is taken before the lock is granted and could miss a writer it waited for.';
  end if;
  perform pg_catalog.pg_advisory_xact_lock_shared(pg_catalog.hashtext('app.recipes.sync'));
  return pg_catalog.clock_timestamp();
end
$$;

--
-- Name: FUNCTION recipe_sync_lock(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.recipe_sync_lock() IS 'Starts a recipe sync: takes the SHARED transaction-level advisory lock on key hashtext(''app.recipes.sync'') (held until the transaction ends; waits for recipe writers in flight) and returns the server time, which the device stores as its next since (user_preferences.last_sync_at). Protocol, in ONE READ COMMITTED transaction: (1) select app.recipe_sync_lock() as server_time; (2) in a LATER statement read published recipes with updated_at > since and tombstones with removed_at > since; commit promptly (writers wait for it). Reading in the same statement as the lock would use a snapshot taken before the wait.';

--
-- Name: semver_sort_key(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.semver_sort_key(p_version text) RETURNS bytea
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO ''
    AS $_$
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
$_$;

--
-- Name: FUNCTION semver_sort_key(p_version text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.semver_sort_key(p_version text) IS 'Byte string whose order (bytea compares bytewise, independent of collation) is Semantic Versioning precedence: 1.10.0 > 1.9.0, 1.0.0-alpha < 1.0.0-alpha.1 < 1.0.0-beta < 1.0.0, numeric prerelease identifiers below alphanumeric ones, build metadata ignored. NULL for a non-semver text. Use ORDER BY app.semver_sort_key(version) DESC, or compare two keys (firmware selection: newer than the device''s version, min_version <= the device''s version).';

--
-- Name: delete_embeddings(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.delete_embeddings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  -- tg_argv[0] is the source_kind of the table the trigger is attached to.
  delete from app.embeddings as e
   where e.source_kind = tg_argv[0]
     and e.source_id = old.id;
  return null;
end
$$;

--
-- Name: FUNCTION delete_embeddings(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.delete_embeddings() IS 'AFTER DELETE trigger on app.meal_logs and app.messages (argument: the source_kind): deletes the embeddings of the deleted row, so no chunk of a deleted message or meal survives it. Runs as the deleting role.';

--
-- Name: enable_person_rls(regclass, name); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.enable_person_rls(p_table regclass, p_key name DEFAULT 'user_id'::name) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  part regclass;
  owner_role name;
  me constant text := '(select app.current_user_id())';
begin
  -- The table itself and, for a partitioned table, every partition: a partition queried directly
  -- uses its own settings, not its parent's.
  for part in
    select p_table
    union
    select relid from pg_catalog.pg_partition_tree(p_table)  -- empty for a plain table
  loop
    select r.rolname into owner_role
    from pg_catalog.pg_class c join pg_catalog.pg_roles r on r.oid = c.relowner
    where c.oid = part;
    execute pg_catalog.format('alter table %s enable row level security, force row level security', part);
    execute pg_catalog.format('drop policy if exists person_select on %s', part);
    execute pg_catalog.format('drop policy if exists person_insert on %s', part);
    execute pg_catalog.format('drop policy if exists person_update on %s', part);
    execute pg_catalog.format('drop policy if exists person_delete on %s', part);
    execute pg_catalog.format('drop policy if exists admin_select on %s', part);
    execute pg_catalog.format('drop policy if exists worker_all on %s', part);
    execute pg_catalog.format('drop policy if exists owner_access on %s', part);
    execute pg_catalog.format('create policy person_select on %s for select to app_user using (%I = %s)', part, p_key, me);
    execute pg_catalog.format('create policy person_insert on %s for insert to app_user with check (%I = %s)', part, p_key, me);
    execute pg_catalog.format('create policy person_update on %s for update to app_user using (%I = %s) with check (%I = %s)', part, p_key, me, p_key, me);
    execute pg_catalog.format('create policy person_delete on %s for delete to app_user using (%I = %s)', part, p_key, me);
    execute pg_catalog.format('create policy admin_select on %s for select to app_admin using (true)', part);
    execute pg_catalog.format('create policy worker_all on %s for all to app_worker using (true) with check (true)', part);
    execute pg_catalog.format(
      'create policy owner_access on %s for all to %I using (pg_catalog.current_setting(''app.owner_access'', true) = ''on'') with check (pg_catalog.current_setting(''app.owner_access'', true) = ''on'')',
      part, owner_role);
  end loop;
end
$$;

--
-- Name: FUNCTION enable_person_rls(p_table regclass, p_key name); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.enable_person_rls(p_table regclass, p_key name) IS 'Enables and FORCEs row-level security on a person-owned table (and each of its partitions) and (re)creates the standard policies: person_select/insert/update/delete for app_user keyed on p_key = (select app.current_user_id()), admin_select for app_admin, worker_all for app_worker, owner_access for the owner inside functions that SET app.owner_access = on. Idempotent. Every migration that adds a person-owned table calls it; partition maintenance calls it for new partitions.';

--
-- Name: meal_logs_soft_delete(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.meal_logs_soft_delete() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  -- Setting is_deleted stamps deleted_at; clearing it (undo) clears deleted_at.
  if tg_op = 'INSERT' or new.is_deleted is distinct from old.is_deleted then
    if new.is_deleted and new.deleted_at is null then
      new.deleted_at := pg_catalog.clock_timestamp();
    elsif not new.is_deleted then
      new.deleted_at := null;
    end if;
  end if;
  return new;
end
$$;

--
-- Name: FUNCTION meal_logs_soft_delete(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.meal_logs_soft_delete() IS 'BEFORE INSERT/UPDATE trigger on app.meal_logs: is_deleted = true stamps deleted_at (clock_timestamp()) when not given; is_deleted = false clears it (undo). The CHECK meal_logs_deleted_check catches any other inconsistent write.';

--
-- Name: messages_after_insert(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.messages_after_insert() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  update app.conversations as c
     set last_message_at = greatest(c.last_message_at, new.created_at),
         title = case
                   when c.title is null and new.role = 'user' then app.conversation_title(new.content)
                   else c.title
                 end
   where c.id = new.conversation_id
     and c.user_id = new.user_id;
  return null;
end
$$;

--
-- Name: FUNCTION messages_after_insert(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.messages_after_insert() IS 'AFTER INSERT trigger on app.messages: moves conversations.last_message_at forward and, while the conversation has no title, titles it from the first user message (app.conversation_title). Runs as the inserting role, which therefore needs UPDATE on its conversations.';

--
-- Name: recipes_sync_stamp(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.recipes_sync_stamp() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO ''
    AS $$
declare
  -- Columns whose change is not an edit of the recipe itself.
  ignored constant text[] := array['version', 'updated_at', 'search_vector', 'created_by'];
begin
  -- EXCLUSIVE sync lock first, then stamp: see app.recipe_sync_lock().
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync'));

  if tg_op = 'INSERT' then
    new.updated_at := pg_catalog.clock_timestamp();
    delete from app.recipe_tombstones as t where t.recipe_id = new.id;
    return new;
  end if;

  if tg_op = 'DELETE' then
    if old.is_published then
      insert into app.recipe_tombstones as t (recipe_id, removed_at, reason)
      values (old.id, pg_catalog.clock_timestamp(), 'deleted')
      on conflict (recipe_id) do update set removed_at = excluded.removed_at, reason = excluded.reason;
    else
      -- Devices already dropped it when it was unpublished: just record the final reason.
      update app.recipe_tombstones as t set reason = 'deleted' where t.recipe_id = old.id;
    end if;
    return old;
  end if;

  -- UPDATE
  if new.id <> old.id then
    raise exception 'recipe ids never change (devices key their copy on them)'
      using errcode = 'check_violation';
  end if;
  if (pg_catalog.to_jsonb(new) - ignored) = (pg_catalog.to_jsonb(old) - ignored) then
    -- Nothing changed: not an edit.
    new.version := old.version;
    new.updated_at := old.updated_at;
    return new;
  end if;
  new.version := old.version + 1;
  new.updated_at := pg_catalog.clock_timestamp();
  if old.is_published and not new.is_published then
    insert into app.recipe_tombstones as t (recipe_id, removed_at, reason)
    values (new.id, new.updated_at, 'unpublished')
    on conflict (recipe_id) do update set removed_at = excluded.removed_at, reason = excluded.reason;
  elsif new.is_published and not old.is_published then
    delete from app.recipe_tombstones as t where t.recipe_id = new.id;
  end if;
  return new;
end
$$;

--
-- Name: FUNCTION recipes_sync_stamp(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.recipes_sync_stamp() IS 'BEFORE INSERT/UPDATE/DELETE trigger on app.recipes. Takes the EXCLUSIVE advisory xact lock hashtext(''app.recipes.sync''), then: INSERT stamps updated_at = clock_timestamp() and drops any tombstone of the id; UPDATE that changes something other than version/updated_at/created_by bumps version by 1 and stamps updated_at (an UPDATE that changes nothing keeps both), unpublishing writes a tombstone (unpublished), republishing removes it, changing the id is refused; DELETE of a published recipe writes a tombstone (deleted). SECURITY DEFINER so writers need no privilege on app.recipe_tombstones. Replaces the shared set_updated_at trigger on this table.';

--
-- Name: refresh_daily_metrics(uuid, date); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.refresh_daily_metrics(p_user_id uuid, p_day date) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
declare
  v_zone  text;
  v_from  timestamptz;
  v_until timestamptz;
begin
  if p_user_id is null or p_day is null then
    raise exception 'refresh_daily_metrics: user id and day are required'
      using errcode = 'null_value_not_allowed';
  end if;

  -- One refresh per person-day at a time: a concurrent refresh of the same person-day waits,
  -- then recomputes from data that includes the first one's commit (READ COMMITTED).
  perform pg_catalog.pg_advisory_xact_lock(
    pg_catalog.hashtextextended('app.daily_metrics:' || p_user_id::text || ':' || p_day::text, 0));

  select u.time_zone into v_zone from app.users as u where u.id = p_user_id;

  delete from app.daily_nutrition as d where d.user_id = p_user_id and d.day = p_day;
  delete from app.daily_ai_cost as d where d.user_id = p_user_id and d.day = p_day;

  if v_zone is null then
    return;  -- no such person (purged): nothing to keep
  end if;

  -- [local midnight, next local midnight) as instants; 23 or 25 hours on DST change days.
  v_from  := pg_catalog.timezone(v_zone, p_day::timestamp);
  v_until := pg_catalog.timezone(v_zone, (p_day + 1)::timestamp);

  insert into app.daily_nutrition
    (user_id, day, meal_count, calories, protein_g, carbs_g, fat_g, fiber_g, sugar_g, sodium_mg)
  select p_user_id, p_day, count(*)::integer,
         coalesce(sum((m.nutrition_totals ->> 'calories')::numeric), 0),
         coalesce(sum((m.nutrition_totals ->> 'protein_g')::numeric), 0),
         coalesce(sum((m.nutrition_totals ->> 'carbs_g')::numeric), 0),
         coalesce(sum((m.nutrition_totals ->> 'fat_g')::numeric), 0),
         coalesce(sum((m.nutrition_totals ->> 'fiber_g')::numeric), 0),
         coalesce(sum((m.nutrition_totals ->> 'sugar_g')::numeric), 0),
         coalesce(sum((m.nutrition_totals ->> 'sodium_mg')::numeric), 0)
  from app.meal_logs as m
  where m.user_id = p_user_id
    and not m.is_deleted
    and m.meal_time >= v_from
    and m.meal_time < v_until
  having count(*) > 0;

  insert into app.daily_ai_cost
    (user_id, day, provider, model, requests, input_tokens, output_tokens, cost_usd)
  select p_user_id, p_day, a.provider, a.model, count(*)::integer,
         sum(a.input_tokens), sum(a.output_tokens), sum(a.cost_usd)
  from app.api_usage as a
  where a.user_id = p_user_id
    and a.created_at >= v_from
    and a.created_at < v_until
  group by a.provider, a.model;
end
$$;

--
-- Name: FUNCTION refresh_daily_metrics(p_user_id uuid, p_day date); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.refresh_daily_metrics(p_user_id uuid, p_day date) IS 'Recomputes app.daily_nutrition and app.daily_ai_cost for one person and one calendar day in the person''s time zone, from app.meal_logs (soft-deleted meals excluded) and app.api_usage. Idempotent (delete + insert under a transaction-level advisory lock on the person-day, so concurrent calls serialise); a day without data leaves no row; an unknown person leaves nothing. Run it in a READ COMMITTED transaction. The caller needs to read every row of the person (the job worker); after a person changes time zone, past days are only right once recomputed.';

--
-- Name: set_updated_at(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO ''
    AS $$
begin
  -- On INSERT keep an explicit created_at/updated_at; on UPDATE always move updated_at forward.
  if tg_op = 'UPDATE' then
    new.updated_at := pg_catalog.clock_timestamp();
  end if;
  return new;
end
$$;

--
-- Name: FUNCTION set_updated_at(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.set_updated_at() IS 'BEFORE UPDATE trigger shared by every table with updated_at: sets it to clock_timestamp(). Trigger functions need no EXECUTE grant to fire, so application roles get none.';

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: api_usage; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.api_usage (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    provider text NOT NULL,
    model text NOT NULL,
    input_tokens integer DEFAULT 0 NOT NULL,
    output_tokens integer DEFAULT 0 NOT NULL,
    cost_usd numeric(12,6) DEFAULT 0 NOT NULL,
    feature text,
    latency_ms integer,
    request_id text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT api_usage_cost_usd_check CHECK ((cost_usd >= (0)::numeric)),
    CONSTRAINT api_usage_feature_check CHECK (((char_length(feature) >= 1) AND (char_length(feature) <= 50))),
    CONSTRAINT api_usage_input_tokens_check CHECK ((input_tokens >= 0)),
    CONSTRAINT api_usage_latency_ms_check CHECK ((latency_ms >= 0)),
    CONSTRAINT api_usage_model_check CHECK (((char_length(model) >= 1) AND (char_length(model) <= 200))),
    CONSTRAINT api_usage_output_tokens_check CHECK ((output_tokens >= 0)),
    CONSTRAINT api_usage_provider_check CHECK (((char_length(provider) >= 1) AND (char_length(provider) <= 50))),
    CONSTRAINT api_usage_request_id_check CHECK (((char_length(request_id) >= 1) AND (char_length(request_id) <= 200)))
);

ALTER TABLE ONLY app.api_usage FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE api_usage; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.api_usage IS 'One row per AI provider request made for a person (MealPal cost tracking): provider, model, tokens, cost. Aggregated per day into app.daily_ai_cost. Deleted with the person (ON DELETE CASCADE).';

--
-- Name: COLUMN api_usage.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.api_usage.id IS 'Usage row id.';

--
-- Name: COLUMN api_usage.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.api_usage.user_id IS 'The person the request was made for.';

--
-- Name: COLUMN api_usage.provider; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.api_usage.provider IS 'AI provider (e.g. openai, anthropic, bedrock).';

--
-- Name: COLUMN api_usage.model; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.api_usage.model IS 'Model name as billed by the provider.';

--
-- Name: COLUMN api_usage.input_tokens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.api_usage.input_tokens IS 'Prompt tokens billed, >= 0.';

--
-- Name: COLUMN api_usage.output_tokens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.api_usage.output_tokens IS 'Completion tokens billed, >= 0.';

--
-- Name: COLUMN api_usage.cost_usd; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.api_usage.cost_usd IS 'Cost of the request in US dollars (numeric(12,6): micro-dollar precision), >= 0.';

--
-- Name: COLUMN api_usage.feature; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.api_usage.feature IS 'Product feature that made the request (e.g. chat, meal_analysis, embedding); NULL when unknown.';

--
-- Name: COLUMN api_usage.latency_ms; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.api_usage.latency_ms IS 'Provider round-trip time in milliseconds.';

--
-- Name: COLUMN api_usage.request_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.api_usage.request_id IS 'Provider''s request id, for support and reconciliation with the provider''s bill.';

--
-- Name: COLUMN api_usage.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.api_usage.created_at IS 'When the request was made.';

--
-- Name: appliances; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.appliances (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    device_id character varying(50) NOT NULL,
    serial_number character varying(50) NOT NULL,
    name character varying(100) DEFAULT 'My Epicura'::character varying,
    firmware_version_cm5 character varying(20),
    firmware_version_stm32 character varying(20),
    wifi_mac character varying(17),
    pairing_code character varying(6),
    status character varying(20) DEFAULT 'offline'::character varying,
    last_seen_at timestamp with time zone,
    paired_at timestamp with time zone DEFAULT now() NOT NULL,
    unpaired_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT appliances_device_id_check CHECK (((device_id)::text ~ '^[A-Za-z0-9][A-Za-z0-9._:-]*$'::text)),
    CONSTRAINT appliances_firmware_version_cm5_check CHECK (app.is_semver((firmware_version_cm5)::text)),
    CONSTRAINT appliances_firmware_version_stm32_check CHECK (app.is_semver((firmware_version_stm32)::text)),
    CONSTRAINT appliances_name_check CHECK ((btrim((name)::text) <> ''::text)),
    CONSTRAINT appliances_pairing_code_check CHECK (((pairing_code)::text ~ '^[0-9A-Z]{6}$'::text)),
    CONSTRAINT appliances_serial_number_check CHECK (((serial_number)::text ~ '^[A-Za-z0-9][A-Za-z0-9._:/-]*$'::text)),
    CONSTRAINT appliances_status_check CHECK (((status)::text = ANY ((ARRAY['online'::character varying, 'offline'::character varying, 'cooking'::character varying, 'error'::character varying])::text[]))),
    CONSTRAINT appliances_unpaired_at_check CHECK ((unpaired_at >= paired_at)),
    CONSTRAINT appliances_wifi_mac_check CHECK (((wifi_mac)::text ~ '^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$'::text))
);

ALTER TABLE ONLY app.appliances FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE appliances; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.appliances IS 'A pairing of an Epicura device with a person (Epicura "appliances"). A device has at most one current pairing (unpaired_at IS NULL): device_id and serial_number are unique among current pairings. Re-pairing a device to another person ends the old pairing (unpaired_at) and inserts a new row: the old owner''s cooking sessions and telemetry keep referencing the old row under the old owner''s user_id (composite FKs (appliance_id, user_id) -> (id, user_id)), so history never changes hands and the new owner''s GDPR purge cannot touch it. A pairing is never deleted except with its person (ON DELETE CASCADE from app.users); its sessions and telemetry then go too.';

--
-- Name: COLUMN appliances.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.id IS 'Pairing record id (the appliance_id of sessions and telemetry).';

--
-- Name: COLUMN appliances.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.user_id IS 'Owner for this pairing; never changes (re-pairing inserts a new row).';

--
-- Name: COLUMN appliances.device_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.device_id IS 'Hardware device id (e.g. EPIC-001). Unique among current pairings (idx_appliances_device_id, partial on unpaired_at IS NULL): a re-paired device appears once per pairing.';

--
-- Name: COLUMN appliances.serial_number; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.serial_number IS 'Manufacturing serial. Unique among current pairings (idx_appliances_serial_number).';

--
-- Name: COLUMN appliances.name; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.name IS 'Name the person gave the appliance.';

--
-- Name: COLUMN appliances.firmware_version_cm5; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.firmware_version_cm5 IS 'Firmware version running on the CM5 (semver, app.is_semver), as last reported.';

--
-- Name: COLUMN appliances.firmware_version_stm32; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.firmware_version_stm32 IS 'Firmware version running on the STM32 (semver), as last reported.';

--
-- Name: COLUMN appliances.wifi_mac; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.wifi_mac IS 'Wi-Fi MAC address, six colon-separated hex pairs (AA:BB:CC:DD:EE:FF).';

--
-- Name: COLUMN appliances.pairing_code; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.pairing_code IS 'Current BLE pairing code, 6 characters 0-9/A-Z (rotated).';

--
-- Name: COLUMN appliances.status; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.status IS 'Last known status: online, offline, cooking or error.';

--
-- Name: COLUMN appliances.last_seen_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.last_seen_at IS 'Last heartbeat.';

--
-- Name: COLUMN appliances.paired_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.paired_at IS 'When this pairing began.';

--
-- Name: COLUMN appliances.unpaired_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.unpaired_at IS 'When this pairing ended (device removed or re-paired to someone else); NULL = the device''s current pairing. Added to the Epicura columns so that history survives re-pairing.';

--
-- Name: COLUMN appliances.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.created_at IS 'Record creation.';

--
-- Name: COLUMN appliances.updated_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliances.updated_at IS 'Last modification (trigger set_updated_at).';

--
-- Name: conversations; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.conversations (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    title text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    last_message_at timestamp with time zone,
    CONSTRAINT conversations_title_check CHECK (((char_length(btrim(title)) >= 1) AND (char_length(btrim(title)) <= 200)))
);

ALTER TABLE ONLY app.conversations FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE conversations; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.conversations IS 'An AI chat thread of a person (MealPal). Deleting a conversation deletes its messages (and their embeddings). Deleted with the person (ON DELETE CASCADE).';

--
-- Name: COLUMN conversations.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.conversations.id IS 'Conversation id.';

--
-- Name: COLUMN conversations.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.conversations.user_id IS 'The person chatting.';

--
-- Name: COLUMN conversations.title; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.conversations.title IS 'Title. When NULL, the first user message sets it (trigger messages_after_insert, app.conversation_title: first ~60 characters, whitespace collapsed, cut on a word boundary). A title given by the person is never overwritten.';

--
-- Name: COLUMN conversations.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.conversations.created_at IS 'When the conversation started.';

--
-- Name: COLUMN conversations.updated_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.conversations.updated_at IS 'Last modification of the row, including each new message (trigger set_updated_at).';

--
-- Name: COLUMN conversations.last_message_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.conversations.last_message_at IS 'created_at of the newest message (trigger messages_after_insert); NULL before the first message. Orders the conversation list (idx_conversations_user_recent).';

--
-- Name: cooking_sessions; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.cooking_sessions (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    appliance_id uuid NOT NULL,
    recipe_id uuid NOT NULL,
    status character varying(20) DEFAULT 'started'::character varying NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    completed_at timestamp with time zone,
    stages_log jsonb,
    customizations jsonb,
    peak_temperature real,
    total_duration_s integer,
    user_rating integer,
    notes text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT cooking_sessions_completed_at_check CHECK ((completed_at >= started_at)),
    CONSTRAINT cooking_sessions_customizations_check CHECK ((jsonb_typeof(customizations) = 'object'::text)),
    CONSTRAINT cooking_sessions_notes_check CHECK ((char_length(notes) <= 4000)),
    CONSTRAINT cooking_sessions_stages_log_check CHECK ((jsonb_typeof(stages_log) = 'array'::text)),
    CONSTRAINT cooking_sessions_status_check CHECK (((status)::text = ANY ((ARRAY['started'::character varying, 'cooking'::character varying, 'paused'::character varying, 'completed'::character varying, 'aborted'::character varying, 'error'::character varying])::text[]))),
    CONSTRAINT cooking_sessions_total_duration_s_check CHECK ((total_duration_s >= 0)),
    CONSTRAINT cooking_sessions_user_rating_check CHECK (((user_rating >= 1) AND (user_rating <= 5)))
);

ALTER TABLE ONLY app.cooking_sessions FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE cooking_sessions; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.cooking_sessions IS 'A cook on an appliance (Epicura cooking log). The device is authoritative: it uploads its logs (synced = false) and the cloud stores what it reports; a device-chosen id makes the upload idempotent (INSERT ... ON CONFLICT (id) DO NOTHING). user_id is the pairing''s owner (composite FK (appliance_id, user_id) -> appliances(id, user_id), NO ACTION: a pairing with history cannot be deleted on its own; the purge deletes both in one statement through ON DELETE CASCADE from app.users). recipe_id ON DELETE RESTRICT: a recipe someone cooked cannot be deleted, people''s cooking history keeps its recipe; admins unpublish it instead. Unique (id, user_id) is the target of telemetry_events'' composite FK.';

--
-- Name: COLUMN cooking_sessions.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.id IS 'Session id; the device may choose it (uuid) so that re-uploading a log does not duplicate it.';

--
-- Name: COLUMN cooking_sessions.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.user_id IS 'The person who cooked: always the owner of the appliance pairing.';

--
-- Name: COLUMN cooking_sessions.appliance_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.appliance_id IS 'The appliance pairing used.';

--
-- Name: COLUMN cooking_sessions.recipe_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.recipe_id IS 'The recipe cooked. NOT NULL as specified, hence ON DELETE RESTRICT on the recipe.';

--
-- Name: COLUMN cooking_sessions.status; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.status IS 'started, cooking, paused, completed, aborted or error.';

--
-- Name: COLUMN cooking_sessions.started_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.started_at IS 'Session start.';

--
-- Name: COLUMN cooking_sessions.completed_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.completed_at IS 'Session end (not before started_at); NULL while running.';

--
-- Name: COLUMN cooking_sessions.stages_log; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.stages_log IS 'JSON array of {stage, duration_s, result, cv_confidence}, one element per stage run.';

--
-- Name: COLUMN cooking_sessions.customizations; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.customizations IS 'JSON object: spice level, servings, substitutions applied.';

--
-- Name: COLUMN cooking_sessions.peak_temperature; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.peak_temperature IS 'Maximum temperature reached (°C).';

--
-- Name: COLUMN cooking_sessions.total_duration_s; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.total_duration_s IS 'Actual cooking duration in seconds, >= 0.';

--
-- Name: COLUMN cooking_sessions.user_rating; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.user_rating IS 'The person''s star rating, 1 to 5.';

--
-- Name: COLUMN cooking_sessions.notes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.notes IS 'The person''s notes about the cook.';

--
-- Name: COLUMN cooking_sessions.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.created_at IS 'When the cloud stored the session.';

--
-- Name: COLUMN cooking_sessions.updated_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.updated_at IS 'Last modification (trigger set_updated_at).';

--
-- Name: daily_ai_cost; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.daily_ai_cost (
    user_id uuid NOT NULL,
    day date NOT NULL,
    provider text NOT NULL,
    model text NOT NULL,
    requests integer NOT NULL,
    input_tokens bigint NOT NULL,
    output_tokens bigint NOT NULL,
    cost_usd numeric(14,6) NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT daily_ai_cost_cost_usd_check CHECK ((cost_usd >= (0)::numeric)),
    CONSTRAINT daily_ai_cost_requests_check CHECK ((requests > 0)),
    CONSTRAINT daily_ai_cost_tokens_check CHECK (((input_tokens >= 0) AND (output_tokens >= 0)))
);

ALTER TABLE ONLY app.daily_ai_cost FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE daily_ai_cost; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.daily_ai_cost IS 'Derived: a person''s AI usage and cost per calendar day (in app.users.time_zone), provider and model, summed from app.api_usage. Maintained only by app_private.refresh_daily_metrics. Deleted with the person (ON DELETE CASCADE). The primary key leads with user_id.';

--
-- Name: COLUMN daily_ai_cost.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_ai_cost.user_id IS 'The person.';

--
-- Name: COLUMN daily_ai_cost.day; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_ai_cost.day IS 'Calendar day in the person''s time zone.';

--
-- Name: COLUMN daily_ai_cost.provider; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_ai_cost.provider IS 'AI provider (api_usage.provider).';

--
-- Name: COLUMN daily_ai_cost.model; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_ai_cost.model IS 'Model (api_usage.model).';

--
-- Name: COLUMN daily_ai_cost.requests; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_ai_cost.requests IS 'Number of requests (> 0: no row without usage).';

--
-- Name: COLUMN daily_ai_cost.input_tokens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_ai_cost.input_tokens IS 'Sum of input tokens.';

--
-- Name: COLUMN daily_ai_cost.output_tokens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_ai_cost.output_tokens IS 'Sum of output tokens.';

--
-- Name: COLUMN daily_ai_cost.cost_usd; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_ai_cost.cost_usd IS 'Sum of cost_usd in US dollars.';

--
-- Name: COLUMN daily_ai_cost.updated_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_ai_cost.updated_at IS 'When the row was last recomputed.';

--
-- Name: daily_nutrition; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.daily_nutrition (
    user_id uuid NOT NULL,
    day date NOT NULL,
    meal_count integer NOT NULL,
    calories numeric DEFAULT 0 NOT NULL,
    protein_g numeric DEFAULT 0 NOT NULL,
    carbs_g numeric DEFAULT 0 NOT NULL,
    fat_g numeric DEFAULT 0 NOT NULL,
    fiber_g numeric DEFAULT 0 NOT NULL,
    sugar_g numeric DEFAULT 0 NOT NULL,
    sodium_mg numeric DEFAULT 0 NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT daily_nutrition_meal_count_check CHECK ((meal_count > 0)),
    CONSTRAINT daily_nutrition_totals_check CHECK (((calories >= (0)::numeric) AND (protein_g >= (0)::numeric) AND (carbs_g >= (0)::numeric) AND (fat_g >= (0)::numeric) AND (fiber_g >= (0)::numeric) AND (sugar_g >= (0)::numeric) AND (sodium_mg >= (0)::numeric)))
);

ALTER TABLE ONLY app.daily_nutrition FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE daily_nutrition; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.daily_nutrition IS 'Derived: a person''s nutrition per calendar day (in app.users.time_zone), summed from live (not soft-deleted) app.meal_logs.nutrition_totals. Maintained only by app_private.refresh_daily_metrics; a day without meals has no row. Deleted with the person (ON DELETE CASCADE). The primary key (user_id, day) is the user_id index.';

--
-- Name: COLUMN daily_nutrition.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_nutrition.user_id IS 'The person.';

--
-- Name: COLUMN daily_nutrition.day; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_nutrition.day IS 'Calendar day in the person''s time zone.';

--
-- Name: COLUMN daily_nutrition.meal_count; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_nutrition.meal_count IS 'Number of live meals logged for the day (> 0: days without meals have no row).';

--
-- Name: COLUMN daily_nutrition.calories; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_nutrition.calories IS 'Sum of nutrition_totals.calories (kcal); a missing key counts as 0.';

--
-- Name: COLUMN daily_nutrition.protein_g; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_nutrition.protein_g IS 'Sum of nutrition_totals.protein_g (grams).';

--
-- Name: COLUMN daily_nutrition.carbs_g; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_nutrition.carbs_g IS 'Sum of nutrition_totals.carbs_g (grams).';

--
-- Name: COLUMN daily_nutrition.fat_g; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_nutrition.fat_g IS 'Sum of nutrition_totals.fat_g (grams).';

--
-- Name: COLUMN daily_nutrition.fiber_g; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_nutrition.fiber_g IS 'Sum of nutrition_totals.fiber_g (grams).';

--
-- Name: COLUMN daily_nutrition.sugar_g; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_nutrition.sugar_g IS 'Sum of nutrition_totals.sugar_g (grams).';

--
-- Name: COLUMN daily_nutrition.sodium_mg; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_nutrition.sodium_mg IS 'Sum of nutrition_totals.sodium_mg (milligrams).';

--
-- Name: COLUMN daily_nutrition.updated_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.daily_nutrition.updated_at IS 'When the row was last recomputed.';

--
-- Name: embeddings; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.embeddings (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid,
    source_kind text NOT NULL,
    source_id uuid,
    chunk_index integer DEFAULT 0 NOT NULL,
    content text NOT NULL,
    embedding public.vector(1536) NOT NULL,
    model text NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT embeddings_chunk_index_check CHECK ((chunk_index >= 0)),
    CONSTRAINT embeddings_content_check CHECK ((char_length(content) >= 1)),
    CONSTRAINT embeddings_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT embeddings_model_check CHECK (((char_length(model) >= 1) AND (char_length(model) <= 200))),
    CONSTRAINT embeddings_source_check CHECK (
CASE source_kind
    WHEN 'knowledge'::text THEN (user_id IS NULL)
    ELSE ((user_id IS NOT NULL) AND (source_id IS NOT NULL))
END),
    CONSTRAINT embeddings_source_kind_check CHECK ((source_kind = ANY (ARRAY['meal_log'::text, 'message'::text, 'knowledge'::text])))
);

ALTER TABLE ONLY app.embeddings FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.embeddings IS 'RAG chunks and their vectors (pgvector). Two populations: the shared knowledge base (user_id NULL, source_kind knowledge), searched approximately through the HNSW cosine index idx_embeddings_knowledge_hnsw; and a person''s own meal logs and messages (user_id set), searched exactly: the btree idx_embeddings_user selects the person''s rows and the distance is computed on them (HNSW filters after the scan and would lose rows). The embed job upserts on (source_kind, source_id, chunk_index, model), so re-running it is idempotent. A person''s rows are deleted with the person (ON DELETE CASCADE) and with their source row (triggers delete_embeddings on meal_logs and messages).';

--
-- Name: COLUMN embeddings.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.embeddings.id IS 'Chunk id.';

--
-- Name: COLUMN embeddings.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.embeddings.user_id IS 'Owner; NULL = a row of the shared knowledge base (then source_kind is knowledge).';

--
-- Name: COLUMN embeddings.source_kind; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.embeddings.source_kind IS 'What was embedded: meal_log (app.meal_logs), message (app.messages) or knowledge (shared knowledge base).';

--
-- Name: COLUMN embeddings.source_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.embeddings.source_id IS 'Id of the source row (meal_logs.id or messages.id; required for them). For knowledge rows optional: a stable document uuid chosen by the loader (e.g. a name-based uuid of its URL) makes reloading idempotent; NULL rows are never deduplicated (NULLs are distinct in the unique key).';

--
-- Name: COLUMN embeddings.chunk_index; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.embeddings.chunk_index IS 'Position of the chunk within its source, from 0.';

--
-- Name: COLUMN embeddings.content; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.embeddings.content IS 'The chunk text that was embedded (returned to the model as context).';

--
-- Name: COLUMN embeddings.embedding; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.embeddings.embedding IS 'The vector, 1536 dimensions (OpenAI text-embedding-3-small and similar). To change the dimension: a migration that drops idx_embeddings_knowledge_hnsw, deletes or re-embeds the rows, runs ALTER TABLE app.embeddings ALTER COLUMN embedding TYPE public.vector(N) (a table rewrite) and recreates the index; HNSW indexes vector up to 2000 dimensions (use halfvec beyond).';

--
-- Name: COLUMN embeddings.model; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.embeddings.model IS 'Embedding model name (e.g. text-embedding-3-small); vectors of different models are not comparable, so queries filter on it.';

--
-- Name: COLUMN embeddings.metadata; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.embeddings.metadata IS 'JSON object: title, URL, meal_time, language ... of the chunk.';

--
-- Name: COLUMN embeddings.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.embeddings.created_at IS 'When the chunk was embedded.';

--
-- Name: firmware_releases; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.firmware_releases (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    target character varying(10) NOT NULL,
    version character varying(20) NOT NULL,
    channel character varying(20) DEFAULT 'stable'::character varying NOT NULL,
    binary_url text NOT NULL,
    checksum_sha256 character varying(64) NOT NULL,
    file_size_bytes integer NOT NULL,
    release_notes text,
    is_mandatory boolean DEFAULT false NOT NULL,
    min_version character varying(20),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT firmware_releases_binary_url_check CHECK ((binary_url ~ '^(https|s3)://[^[:space:]]+$'::text)),
    CONSTRAINT firmware_releases_channel_check CHECK (((channel)::text = ANY ((ARRAY['stable'::character varying, 'beta'::character varying, 'alpha'::character varying])::text[]))),
    CONSTRAINT firmware_releases_checksum_sha256_check CHECK (((checksum_sha256)::text ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT firmware_releases_file_size_bytes_check CHECK ((file_size_bytes > 0)),
    CONSTRAINT firmware_releases_min_version_check CHECK (app.is_semver((min_version)::text)),
    CONSTRAINT firmware_releases_min_version_order_check CHECK ((app.semver_sort_key((min_version)::text) <= app.semver_sort_key((version)::text))),
    CONSTRAINT firmware_releases_target_check CHECK (((target)::text = ANY ((ARRAY['cm5'::character varying, 'stm32'::character varying])::text[]))),
    CONSTRAINT firmware_releases_version_check CHECK (app.is_semver((version)::text))
);

--
-- Name: TABLE firmware_releases; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.firmware_releases IS 'Firmware builds for the appliance''s two processors (Epicura), published by admins. Selection for a device: same target, an acceptable channel, semver newer than the running version (app.semver_sort_key), min_version NULL or <= the running version. No personal data.';

--
-- Name: COLUMN firmware_releases.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.firmware_releases.id IS 'Release identifier.';

--
-- Name: COLUMN firmware_releases.target; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.firmware_releases.target IS 'Processor: cm5 or stm32.';

--
-- Name: COLUMN firmware_releases.version; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.firmware_releases.version IS 'Semantic version (e.g. 1.2.0, 1.3.0-beta.1), unique per target (idx_firmware_target_version).';

--
-- Name: COLUMN firmware_releases.channel; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.firmware_releases.channel IS 'Release channel: stable, beta or alpha.';

--
-- Name: COLUMN firmware_releases.binary_url; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.firmware_releases.binary_url IS 'https:// or s3:// URL of the firmware binary (S3/R2).';

--
-- Name: COLUMN firmware_releases.checksum_sha256; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.firmware_releases.checksum_sha256 IS 'SHA-256 of the binary: 64 lowercase hex digits. The device verifies it before flashing.';

--
-- Name: COLUMN firmware_releases.file_size_bytes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.firmware_releases.file_size_bytes IS 'Binary size in bytes, > 0.';

--
-- Name: COLUMN firmware_releases.release_notes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.firmware_releases.release_notes IS 'Markdown release notes.';

--
-- Name: COLUMN firmware_releases.is_mandatory; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.firmware_releases.is_mandatory IS 'Force the update when true.';

--
-- Name: COLUMN firmware_releases.min_version; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.firmware_releases.min_version IS 'Minimum running version required to apply this update (semver, not above version); NULL = any.';

--
-- Name: COLUMN firmware_releases.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.firmware_releases.created_at IS 'Release timestamp.';

--
-- Name: CONSTRAINT firmware_releases_min_version_order_check ON firmware_releases; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT firmware_releases_min_version_order_check ON app.firmware_releases IS 'min_version may not be above version (semver precedence).';

--
-- Name: meal_foods; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.meal_foods (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    meal_log_id uuid NOT NULL,
    user_id uuid NOT NULL,
    name text NOT NULL,
    quantity numeric,
    unit text,
    nutrition jsonb DEFAULT '{}'::jsonb NOT NULL,
    confidence real,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT meal_foods_confidence_check CHECK (((confidence >= (0)::double precision) AND (confidence <= (1)::double precision))),
    CONSTRAINT meal_foods_name_check CHECK (((char_length(btrim(name)) >= 1) AND (char_length(btrim(name)) <= 200))),
    CONSTRAINT meal_foods_nutrition_check CHECK (app.nutrition_is_valid(nutrition)),
    CONSTRAINT meal_foods_quantity_check CHECK ((quantity > (0)::numeric)),
    CONSTRAINT meal_foods_unit_check CHECK (((char_length(btrim(unit)) >= 1) AND (char_length(btrim(unit)) <= 30)))
);

ALTER TABLE ONLY app.meal_foods FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE meal_foods; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.meal_foods IS 'The foods of a meal log (detected by the AI or entered by hand). Carries user_id ("user_id everywhere"); the composite FK (meal_log_id, user_id) -> meal_logs(id, user_id) guarantees it equals the meal''s owner. ON DELETE CASCADE from the meal: foods are part of their meal, and meals are only hard-deleted by the GDPR purge.';

--
-- Name: COLUMN meal_foods.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_foods.id IS 'Food row id.';

--
-- Name: COLUMN meal_foods.meal_log_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_foods.meal_log_id IS 'The meal this food belongs to.';

--
-- Name: COLUMN meal_foods.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_foods.user_id IS 'Owner: always the meal''s owner (composite FK meal_foods_meal_log_id_user_id_fkey).';

--
-- Name: COLUMN meal_foods.name; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_foods.name IS 'Food name as detected or entered (e.g. "dal tadka").';

--
-- Name: COLUMN meal_foods.quantity; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_foods.quantity IS 'Amount eaten in unit, > 0; NULL when unknown.';

--
-- Name: COLUMN meal_foods.unit; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_foods.unit IS 'Unit of quantity (g, ml, cup, piece, bowl ...); NULL when unknown.';

--
-- Name: COLUMN meal_foods.nutrition; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_foods.nutrition IS 'Nutrition of this food, same keys as meal_logs.nutrition_totals (app.nutrition_is_valid).';

--
-- Name: COLUMN meal_foods.confidence; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_foods.confidence IS 'AI detection confidence, 0 to 1; NULL for foods entered by hand.';

--
-- Name: COLUMN meal_foods.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_foods.created_at IS 'When the food row was created.';

--
-- Name: meal_logs; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.meal_logs (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    meal_time timestamp with time zone NOT NULL,
    meal_type text NOT NULL,
    nutrition_totals jsonb DEFAULT '{}'::jsonb NOT NULL,
    ai_analysis jsonb,
    image_url text,
    notes text,
    is_deleted boolean DEFAULT false NOT NULL,
    deleted_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT meal_logs_ai_analysis_check CHECK ((jsonb_typeof(ai_analysis) = 'object'::text)),
    CONSTRAINT meal_logs_deleted_check CHECK ((is_deleted = (deleted_at IS NOT NULL))),
    CONSTRAINT meal_logs_image_url_check CHECK (((char_length(image_url) >= 1) AND (char_length(image_url) <= 2048))),
    CONSTRAINT meal_logs_meal_type_check CHECK ((meal_type = ANY (ARRAY['breakfast'::text, 'lunch'::text, 'dinner'::text, 'snack'::text]))),
    CONSTRAINT meal_logs_notes_check CHECK ((char_length(notes) <= 4000)),
    CONSTRAINT meal_logs_nutrition_totals_check CHECK (app.nutrition_is_valid(nutrition_totals))
);

ALTER TABLE ONLY app.meal_logs FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.meal_logs IS 'A meal a person logged (MealPal). Immutable history: a meal is soft-deleted (is_deleted, deleted_at) and stays for analytics and undo; rows are hard-deleted only by the GDPR purge (ON DELETE CASCADE from app.users). Unique (id, user_id) is the target of meal_foods'' composite FK, so a food always belongs to its meal''s owner.';

--
-- Name: COLUMN meal_logs.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_logs.id IS 'Meal log id.';

--
-- Name: COLUMN meal_logs.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_logs.user_id IS 'The person who ate.';

--
-- Name: COLUMN meal_logs.meal_time; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_logs.meal_time IS 'When the person actually ate (not when it was logged). Daily nutrition assigns it to a calendar day in app.users.time_zone.';

--
-- Name: COLUMN meal_logs.meal_type; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_logs.meal_type IS 'breakfast, lunch, dinner or snack.';

--
-- Name: COLUMN meal_logs.nutrition_totals; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_logs.nutrition_totals IS 'Totals of the meal as a JSON object. Keys (numbers >= 0, each optional): calories (kcal), protein_g, carbs_g, fat_g, and fiber_g, sugar_g (grams), sodium_mg (milligrams); any other key (micros ...) is free. Checked by app.nutrition_is_valid; summed into app.daily_nutrition. GIN index idx_meal_logs_nutrition (jsonb_path_ops) serves @> and jsonpath queries.';

--
-- Name: COLUMN meal_logs.ai_analysis; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_logs.ai_analysis IS 'The full AI response that analysed the meal (a JSON object), kept for audit and re-analysis; NULL for manual entries.';

--
-- Name: COLUMN meal_logs.image_url; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_logs.image_url IS 'URL of the meal photo (S3 object URL).';

--
-- Name: COLUMN meal_logs.notes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_logs.notes IS 'The person''s notes on the meal.';

--
-- Name: COLUMN meal_logs.is_deleted; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_logs.is_deleted IS 'Soft delete flag. Setting it stamps deleted_at (trigger meal_logs_soft_delete); clearing it undoes the delete. Deleted meals are excluded from daily nutrition.';

--
-- Name: COLUMN meal_logs.deleted_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_logs.deleted_at IS 'When the meal was soft-deleted; NULL exactly when is_deleted is false (CHECK meal_logs_deleted_check).';

--
-- Name: COLUMN meal_logs.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_logs.created_at IS 'When the meal was logged.';

--
-- Name: COLUMN meal_logs.updated_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.meal_logs.updated_at IS 'Last modification (trigger set_updated_at).';

--
-- Name: CONSTRAINT meal_logs_deleted_check ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT meal_logs_deleted_check ON app.meal_logs IS 'is_deleted and deleted_at go together: deleted_at is set exactly when is_deleted is true.';

--
-- Name: messages; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.messages (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    conversation_id uuid NOT NULL,
    user_id uuid NOT NULL,
    role text NOT NULL,
    content text NOT NULL,
    message_metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT messages_content_check CHECK (((char_length(content) >= 1) AND (char_length(content) <= 100000))),
    CONSTRAINT messages_message_metadata_check CHECK ((jsonb_typeof(message_metadata) = 'object'::text)),
    CONSTRAINT messages_role_check CHECK ((role = ANY (ARRAY['user'::text, 'assistant'::text])))
);

ALTER TABLE ONLY app.messages FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE messages; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.messages IS 'Messages of a conversation, from the person (role user) or the AI (role assistant). Carries user_id; the composite FK (conversation_id, user_id) -> conversations(id, user_id) guarantees it is the conversation''s owner. ON DELETE CASCADE from the conversation: messages are part of it.';

--
-- Name: COLUMN messages.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.messages.id IS 'Message id.';

--
-- Name: COLUMN messages.conversation_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.messages.conversation_id IS 'The conversation.';

--
-- Name: COLUMN messages.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.messages.user_id IS 'Owner: always the conversation''s owner (also for assistant messages).';

--
-- Name: COLUMN messages.role; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.messages.role IS 'Author: user (the person) or assistant (the AI).';

--
-- Name: COLUMN messages.content; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.messages.content IS 'Message text, 1 to 100000 characters.';

--
-- Name: COLUMN messages.message_metadata; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.messages.message_metadata IS 'JSON object: citations, referenced meal ids, tool calls, model details.';

--
-- Name: COLUMN messages.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.messages.created_at IS 'When the message was stored. Defaults to clock_timestamp(), not now(): a question and its answer stored in one transaction (or one multi-row INSERT) still get increasing times, so ORDER BY created_at is the conversation order.';

--
-- Name: push_tokens; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.push_tokens (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    platform character varying(10) NOT NULL,
    token text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT push_tokens_platform_check CHECK (((platform)::text = ANY ((ARRAY['ios'::character varying, 'android'::character varying])::text[]))),
    CONSTRAINT push_tokens_token_check CHECK (((char_length(token) >= 1) AND (char_length(token) <= 4096)))
);

ALTER TABLE ONLY app.push_tokens FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE push_tokens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.push_tokens IS 'FCM/APNs device tokens of a person''s phones (Epicura). A token is unique across people: when a phone changes hands the row moves to the new person. Deleted with the person (ON DELETE CASCADE).';

--
-- Name: COLUMN push_tokens.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.push_tokens.id IS 'Token record id.';

--
-- Name: COLUMN push_tokens.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.push_tokens.user_id IS 'Token owner.';

--
-- Name: COLUMN push_tokens.platform; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.push_tokens.platform IS 'ios or android.';

--
-- Name: COLUMN push_tokens.token; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.push_tokens.token IS 'FCM/APNs device token (unique).';

--
-- Name: COLUMN push_tokens.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.push_tokens.created_at IS 'Registration time.';

--
-- Name: COLUMN push_tokens.updated_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.push_tokens.updated_at IS 'Last refresh (trigger set_updated_at).';

--
-- Name: recipe_tombstones; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.recipe_tombstones (
    recipe_id uuid NOT NULL,
    removed_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    reason text NOT NULL,
    CONSTRAINT recipe_tombstones_reason_check CHECK ((reason = ANY (ARRAY['deleted'::text, 'unpublished'::text])))
);

--
-- Name: TABLE recipe_tombstones; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.recipe_tombstones IS 'Recipes devices must remove: deleted or unpublished recipes (the sync protocol''s deleted_ids = recipe_id where removed_at > since). Written only by trigger recipes_sync_stamp under the sync lock; republishing or re-creating a recipe removes its tombstone. No personal data. No FK: the recipe may be gone. Old tombstones may be pruned once older than the longest sync gap a device may have (a device with an older since must do a full sync).';

--
-- Name: COLUMN recipe_tombstones.recipe_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipe_tombstones.recipe_id IS 'Id of the removed recipe.';

--
-- Name: COLUMN recipe_tombstones.removed_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipe_tombstones.removed_at IS 'When it was removed, clock_timestamp() under the sync lock (compare with the device''s since).';

--
-- Name: COLUMN recipe_tombstones.reason; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipe_tombstones.reason IS 'deleted (row deleted) or unpublished (is_published set to false).';

--
-- Name: recipes; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.recipes (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    name character varying(200) NOT NULL,
    category character varying(50) NOT NULL,
    cuisine character varying(50) DEFAULT 'indian'::character varying,
    recipe_data jsonb NOT NULL,
    tags text[] DEFAULT '{}'::text[],
    difficulty character varying(10) NOT NULL,
    time_minutes integer NOT NULL,
    servings integer DEFAULT 4 NOT NULL,
    calories real,
    protein_g real,
    carbs_g real,
    fats_g real,
    image_url text,
    version integer DEFAULT 1 NOT NULL,
    is_published boolean DEFAULT false NOT NULL,
    created_by uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS (to_tsvector('english'::regconfig, (((((COALESCE(name, ''::character varying))::text || ' '::text) || (COALESCE(category, ''::character varying))::text) || ' '::text) || (COALESCE(cuisine, ''::character varying))::text))) STORED,
    CONSTRAINT recipes_category_check CHECK ((btrim((category)::text) <> ''::text)),
    CONSTRAINT recipes_cuisine_check CHECK (((cuisine)::text = ANY ((ARRAY['indian'::character varying, 'italian'::character varying, 'american'::character varying, 'chinese'::character varying, 'mexican'::character varying, 'korean'::character varying, 'thai'::character varying, 'asian'::character varying, 'global'::character varying])::text[]))),
    CONSTRAINT recipes_difficulty_check CHECK (((difficulty)::text = ANY ((ARRAY['easy'::character varying, 'medium'::character varying, 'hard'::character varying])::text[]))),
    CONSTRAINT recipes_name_check CHECK ((btrim((name)::text) <> ''::text)),
    CONSTRAINT recipes_nutrition_check CHECK (((calories >= (0)::double precision) AND (protein_g >= (0)::double precision) AND (carbs_g >= (0)::double precision) AND (fats_g >= (0)::double precision))),
    CONSTRAINT recipes_recipe_data_check CHECK (app.recipe_data_is_valid(recipe_data)),
    CONSTRAINT recipes_servings_check CHECK (((servings >= 1) AND (servings <= 4))),
    CONSTRAINT recipes_tags_check CHECK ((array_position(tags, NULL::text) IS NULL)),
    CONSTRAINT recipes_time_minutes_check CHECK (((time_minutes > 0) AND (time_minutes <= 1440))),
    CONSTRAINT recipes_version_check CHECK ((version >= 1))
);

ALTER TABLE ONLY app.recipes FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE recipes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.recipes IS 'Recipes the appliance cooks (Epicura), managed by admins; published ones sync to devices (cloud is authoritative). Not personal data: no user_id, created_by only names the admin author. Every write goes through trigger recipes_sync_stamp (sync lock, version, updated_at, tombstones). A recipe that has been cooked cannot be deleted (cooking_sessions.recipe_id ON DELETE RESTRICT): unpublish it instead.';

--
-- Name: COLUMN recipes.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.id IS 'Recipe identifier; never changes (devices key their copy on it).';

--
-- Name: COLUMN recipes.name; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.name IS 'Display name, e.g. "Dal Tadka".';

--
-- Name: COLUMN recipes.category; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.category IS 'Dish category: dal, curry, rice, pasta, soup ... (free list, not empty).';

--
-- Name: COLUMN recipes.cuisine; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.cuisine IS 'Cuisine: indian, italian, american, chinese, mexican, korean, thai, asian or global.';

--
-- Name: COLUMN recipes.recipe_data; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.recipe_data IS 'Full recipe definition for the appliance (the controller''s YAML format as JSON: stages with temperatures, durations, ingredients). Validated by app.recipe_data_is_valid (see app.recipe_data_problems).';

--
-- Name: COLUMN recipes.tags; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.tags IS 'Filter tags (vegan, healthy, vegetarian, protein-rich, stir-fry, gluten-free, quick ...), no NULL elements; GIN index idx_recipes_tags.';

--
-- Name: COLUMN recipes.difficulty; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.difficulty IS 'easy, medium or hard.';

--
-- Name: COLUMN recipes.time_minutes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.time_minutes IS 'Total estimated cooking time in minutes (1 to 1440).';

--
-- Name: COLUMN recipes.servings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.servings IS 'Default serving count, 1 to 4 (the appliance''s capacity, as user_preferences.default_servings).';

--
-- Name: COLUMN recipes.calories; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.calories IS 'Calories per serving (kcal), >= 0.';

--
-- Name: COLUMN recipes.protein_g; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.protein_g IS 'Protein per serving (g), >= 0.';

--
-- Name: COLUMN recipes.carbs_g; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.carbs_g IS 'Carbohydrates per serving (g), >= 0.';

--
-- Name: COLUMN recipes.fats_g; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.fats_g IS 'Fats per serving (g), >= 0.';

--
-- Name: COLUMN recipes.image_url; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.image_url IS 'Recipe photo URL (S3/R2): food in a bowl, shown on the left of the recipe card.';

--
-- Name: COLUMN recipes.version; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.version IS 'Recipe version: 1 on creation, +1 on every real edit (trigger recipes_sync_stamp; an UPDATE that changes nothing keeps it).';

--
-- Name: COLUMN recipes.is_published; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.is_published IS 'Visible to people and synced to devices when true. Unpublishing writes a tombstone (reason unpublished) so devices remove their copy.';

--
-- Name: COLUMN recipes.created_by; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.created_by IS 'Admin who created the recipe. ON DELETE SET NULL: recipes outlive their author (the GDPR purge of an admin keeps the recipe); changing it is not an edit (no version bump).';

--
-- Name: COLUMN recipes.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.created_at IS 'Creation timestamp.';

--
-- Name: COLUMN recipes.updated_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.updated_at IS 'Last real edit, stamped with clock_timestamp() under the sync lock (trigger recipes_sync_stamp). The sync protocol returns published recipes with updated_at > since.';

--
-- Name: COLUMN recipes.search_vector; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.search_vector IS 'Generated (STORED): to_tsvector(''english'', name || category || cuisine), as the Epicura document. Query with search_vector @@ to_tsquery(''english'', ''dal | lentil'') (GIN index idx_recipes_fts).';

--
-- Name: CONSTRAINT recipes_nutrition_check ON recipes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT recipes_nutrition_check ON app.recipes IS 'Per-serving nutrition values are >= 0 when given.';

--
-- Name: CONSTRAINT recipes_recipe_data_check ON recipes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT recipes_recipe_data_check ON app.recipes IS 'recipe_data must pass app.recipe_data_is_valid; app.recipe_data_problems(recipe_data) says why not.';

--
-- Name: telemetry_events; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.telemetry_events (
    id bigint NOT NULL,
    appliance_id uuid NOT NULL,
    session_id uuid,
    user_id uuid NOT NULL,
    event_type character varying(50) NOT NULL,
    payload jsonb NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT telemetry_events_event_type_check CHECK (((event_type)::text = ANY ((ARRAY['temperature'::character varying, 'status'::character varying, 'stage_change'::character varying, 'alert'::character varying, 'heartbeat'::character varying])::text[]))),
    CONSTRAINT telemetry_events_payload_check CHECK ((jsonb_typeof(payload) = 'object'::text))
)
PARTITION BY RANGE (recorded_at);

ALTER TABLE ONLY app.telemetry_events FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE telemetry_events; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.telemetry_events IS 'Time-series events from appliances (Epicura), partitioned by month on recorded_at (partitions app.telemetry_events_YYYY_MM over UTC months, plus app.telemetry_events_default). Indexes are defined on the parent and propagate to every partition. user_id is the owner of the appliance pairing when the event was recorded (composite FK (appliance_id, user_id) -> appliances(id, user_id)); a re-paired device''s history stays with the old pairing and the old owner. Deletion: with the person (ON DELETE CASCADE from app.users, the GDPR purge); with the cooking session (ON DELETE CASCADE: a cook''s temperature curve is part of that cook''s record); a pairing with events cannot be deleted on its own (NO ACTION; pairings end with unpaired_at). Retention drops or detaches whole partitions.';

--
-- Name: COLUMN telemetry_events.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.telemetry_events.id IS 'Event sequence id (bigserial; unique together with recorded_at, the partition key).';

--
-- Name: COLUMN telemetry_events.appliance_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.telemetry_events.appliance_id IS 'Source appliance pairing.';

--
-- Name: COLUMN telemetry_events.session_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.telemetry_events.session_id IS 'Cooking session the event belongs to; NULL for non-cooking events (heartbeats, idle status). Same owner as the event (composite FK).';

--
-- Name: COLUMN telemetry_events.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.telemetry_events.user_id IS 'Owner of the appliance pairing when the event was recorded (for row-level security and GDPR export/purge).';

--
-- Name: COLUMN telemetry_events.event_type; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.telemetry_events.event_type IS 'temperature, status, stage_change, alert or heartbeat.';

--
-- Name: COLUMN telemetry_events.payload; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.telemetry_events.payload IS 'Event-specific data, a JSON object (GIN index idx_telemetry_payload, jsonb_path_ops).';

--
-- Name: COLUMN telemetry_events.recorded_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.telemetry_events.recorded_at IS 'Event timestamp (the partition key). An event outside every monthly partition lands in the DEFAULT partition.';

--
-- Name: telemetry_events_id_seq; Type: SEQUENCE; Schema: app; Owner: -
--

CREATE SEQUENCE app.telemetry_events_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: telemetry_events_id_seq; Type: SEQUENCE OWNED BY; Schema: app; Owner: -
--

ALTER SEQUENCE app.telemetry_events_id_seq OWNED BY app.telemetry_events.id;

--
-- Name: telemetry_events_default; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.telemetry_events_default (
    id bigint DEFAULT nextval('app.telemetry_events_id_seq'::regclass) CONSTRAINT telemetry_events_id_not_null NOT NULL,
    appliance_id uuid CONSTRAINT telemetry_events_appliance_id_not_null NOT NULL,
    session_id uuid,
    user_id uuid CONSTRAINT telemetry_events_user_id_not_null NOT NULL,
    event_type character varying(50) CONSTRAINT telemetry_events_event_type_not_null NOT NULL,
    payload jsonb CONSTRAINT telemetry_events_payload_not_null NOT NULL,
    recorded_at timestamp with time zone DEFAULT now() CONSTRAINT telemetry_events_recorded_at_not_null NOT NULL,
    CONSTRAINT telemetry_events_event_type_check CHECK (((event_type)::text = ANY ((ARRAY['temperature'::character varying, 'status'::character varying, 'stage_change'::character varying, 'alert'::character varying, 'heartbeat'::character varying])::text[]))),
    CONSTRAINT telemetry_events_payload_check CHECK ((jsonb_typeof(payload) = 'object'::text))
);

ALTER TABLE ONLY app.telemetry_events_default FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE telemetry_events_default; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.telemetry_events_default IS 'DEFAULT partition of app.telemetry_events: rows no monthly partition covers (clock skew, far-future or very old timestamps, a missing premade month), so an insert never fails. Should stay nearly empty; partition maintenance moves its rows into proper partitions.';

--
-- Name: user_goals; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.user_goals (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    goal_type text DEFAULT 'maintain'::text NOT NULL,
    target_calories integer NOT NULL,
    target_protein_g numeric(6,1),
    target_carbs_g numeric(6,1),
    target_fat_g numeric(6,1),
    target_fiber_g numeric(6,1),
    target_sugar_g numeric(6,1),
    target_sodium_mg integer,
    target_weight_kg numeric(5,1),
    starts_on date DEFAULT CURRENT_DATE NOT NULL,
    ends_on date,
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT user_goals_goal_type_check CHECK ((goal_type = ANY (ARRAY['lose_weight'::text, 'maintain'::text, 'gain_weight'::text, 'build_muscle'::text]))),
    CONSTRAINT user_goals_period_check CHECK (((ends_on IS NULL) OR (ends_on >= starts_on))),
    CONSTRAINT user_goals_target_calories_check CHECK (((target_calories >= 500) AND (target_calories <= 10000))),
    CONSTRAINT user_goals_target_carbs_g_check CHECK (((target_carbs_g >= (0)::numeric) AND (target_carbs_g <= (2000)::numeric))),
    CONSTRAINT user_goals_target_fat_g_check CHECK (((target_fat_g >= (0)::numeric) AND (target_fat_g <= (1000)::numeric))),
    CONSTRAINT user_goals_target_fiber_g_check CHECK (((target_fiber_g >= (0)::numeric) AND (target_fiber_g <= (500)::numeric))),
    CONSTRAINT user_goals_target_protein_g_check CHECK (((target_protein_g >= (0)::numeric) AND (target_protein_g <= (1000)::numeric))),
    CONSTRAINT user_goals_target_sodium_mg_check CHECK (((target_sodium_mg >= 0) AND (target_sodium_mg <= 20000))),
    CONSTRAINT user_goals_target_sugar_g_check CHECK (((target_sugar_g >= (0)::numeric) AND (target_sugar_g <= (1000)::numeric))),
    CONSTRAINT user_goals_target_weight_kg_check CHECK (((target_weight_kg >= (20)::numeric) AND (target_weight_kg <= (400)::numeric)))
);

ALTER TABLE ONLY app.user_goals FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE user_goals; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.user_goals IS 'Nutrition goals of a person (MealPal): daily calorie and macro targets with a goal type and an active period. Past goals are kept as history (is_active = false); at most one goal is active per person (unique index idx_user_goals_one_active). Deleted with the person (ON DELETE CASCADE).';

--
-- Name: COLUMN user_goals.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.id IS 'Goal identifier.';

--
-- Name: COLUMN user_goals.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.user_id IS 'The person.';

--
-- Name: COLUMN user_goals.goal_type; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.goal_type IS 'What the targets aim at: lose_weight, maintain, gain_weight or build_muscle.';

--
-- Name: COLUMN user_goals.target_calories; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.target_calories IS 'Daily energy target in kcal (500 to 10000).';

--
-- Name: COLUMN user_goals.target_protein_g; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.target_protein_g IS 'Daily protein target in grams; NULL = no target. Compare with app.daily_nutrition.protein_g.';

--
-- Name: COLUMN user_goals.target_carbs_g; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.target_carbs_g IS 'Daily carbohydrate target in grams; NULL = no target.';

--
-- Name: COLUMN user_goals.target_fat_g; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.target_fat_g IS 'Daily fat target in grams; NULL = no target.';

--
-- Name: COLUMN user_goals.target_fiber_g; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.target_fiber_g IS 'Daily fibre target in grams (a minimum); NULL = no target.';

--
-- Name: COLUMN user_goals.target_sugar_g; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.target_sugar_g IS 'Daily sugar limit in grams (a maximum); NULL = no limit.';

--
-- Name: COLUMN user_goals.target_sodium_mg; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.target_sodium_mg IS 'Daily sodium limit in milligrams (a maximum); NULL = no limit.';

--
-- Name: COLUMN user_goals.target_weight_kg; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.target_weight_kg IS 'Body weight the goal aims at, in kg; NULL = none (e.g. maintain).';

--
-- Name: COLUMN user_goals.starts_on; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.starts_on IS 'First day the goal applies, a calendar day in the person''s time zone (the default, current_date, is the session''s date: pass the person''s date).';

--
-- Name: COLUMN user_goals.ends_on; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.ends_on IS 'Last day the goal applies; NULL = open-ended.';

--
-- Name: COLUMN user_goals.is_active; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.is_active IS 'The goal currently in force. At most one per person: deactivate the old goal and insert the new one in one transaction.';

--
-- Name: COLUMN user_goals.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.created_at IS 'When the goal was set.';

--
-- Name: COLUMN user_goals.updated_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_goals.updated_at IS 'Last modification (trigger set_updated_at).';

--
-- Name: user_preferences; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.user_preferences (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid NOT NULL,
    language character varying(10) DEFAULT 'en_IN'::character varying,
    spice_level integer DEFAULT 3,
    salt_level integer DEFAULT 3,
    oil_level integer DEFAULT 3,
    diet character varying(20) DEFAULT 'no_restrictions'::character varying,
    cuisines text[] DEFAULT '{indian,italian,thai,mexican}'::text[],
    default_servings integer DEFAULT 2,
    allergens text[] DEFAULT '{}'::text[],
    theme character varying(10) DEFAULT 'light'::character varying,
    notifications_enabled boolean DEFAULT true,
    last_sync_at timestamp with time zone,
    client_updated_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT user_preferences_allergens_check CHECK (((array_position(allergens, NULL::text) IS NULL) AND (cardinality(allergens) <= 100))),
    CONSTRAINT user_preferences_cuisines_check CHECK (((array_position(cuisines, NULL::text) IS NULL) AND (cardinality(cuisines) <= 50))),
    CONSTRAINT user_preferences_default_servings_check CHECK (((default_servings >= 1) AND (default_servings <= 4))),
    CONSTRAINT user_preferences_diet_check CHECK (((diet)::text = ANY ((ARRAY['vegetarian'::character varying, 'vegan'::character varying, 'pescatarian'::character varying, 'no_restrictions'::character varying])::text[]))),
    CONSTRAINT user_preferences_language_check CHECK (((language)::text ~ '^[a-z]{2,3}([_-][A-Z][a-z]{3})?([_-]([A-Z]{2}|[0-9]{3}))?$'::text)),
    CONSTRAINT user_preferences_oil_level_check CHECK (((oil_level >= 1) AND (oil_level <= 5))),
    CONSTRAINT user_preferences_salt_level_check CHECK (((salt_level >= 1) AND (salt_level <= 5))),
    CONSTRAINT user_preferences_spice_level_check CHECK (((spice_level >= 1) AND (spice_level <= 5))),
    CONSTRAINT user_preferences_theme_check CHECK (((theme)::text = ANY ((ARRAY['light'::character varying, 'dark'::character varying])::text[])))
);

ALTER TABLE ONLY app.user_preferences FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE user_preferences; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.user_preferences IS 'One preferences row per person (Epicura), shared by the app and the appliance. Sync: last-write-wins on client_updated_at (the access layer applies a client''s write only when its timestamp is newer). Columns keep the document''s nullability: NULL means "use the default". Deleted with the person (ON DELETE CASCADE).';

--
-- Name: COLUMN user_preferences.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.id IS 'Row identifier.';

--
-- Name: COLUMN user_preferences.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.user_id IS 'The person (unique: one row per person). Its unique index also serves RLS and GDPR look-ups.';

--
-- Name: COLUMN user_preferences.language; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.language IS 'UI language / locale code such as en_IN, hi_IN, en or zh_Hant_TW (language[_Script][_REGION]).';

--
-- Name: COLUMN user_preferences.spice_level; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.spice_level IS 'Default spice level, 1 (mild) to 5 (hot).';

--
-- Name: COLUMN user_preferences.salt_level; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.salt_level IS 'Default salt level, 1 to 5.';

--
-- Name: COLUMN user_preferences.oil_level; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.oil_level IS 'Default oil level, 1 to 5.';

--
-- Name: COLUMN user_preferences.diet; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.diet IS 'Diet: vegetarian, vegan, pescatarian or no_restrictions.';

--
-- Name: COLUMN user_preferences.cuisines; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.cuisines IS 'Preferred cuisine tags (the values of app.recipes.cuisine), no NULL elements.';

--
-- Name: COLUMN user_preferences.default_servings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.default_servings IS 'Default serving count, 1 to 4 (the appliance''s capacity).';

--
-- Name: COLUMN user_preferences.allergens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.allergens IS 'Allergen tags to avoid, no NULL elements (GIN index idx_prefs_allergens).';

--
-- Name: COLUMN user_preferences.theme; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.theme IS 'UI theme: light or dark.';

--
-- Name: COLUMN user_preferences.notifications_enabled; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.notifications_enabled IS 'Push notification preference.';

--
-- Name: COLUMN user_preferences.last_sync_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.last_sync_at IS 'Server timestamp of the appliance''s last successful recipe sync (the Epicura sync protocol''s since value; the server time returned by app.recipe_sync_lock()).';

--
-- Name: COLUMN user_preferences.client_updated_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.client_updated_at IS 'Last-write-wins clock of preference sync: the client''s (app or appliance) timestamp of the write currently stored. updated_at stays the server''s time.';

--
-- Name: COLUMN user_preferences.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.created_at IS 'When the row was created.';

--
-- Name: COLUMN user_preferences.updated_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.user_preferences.updated_at IS 'Last server-side modification (trigger set_updated_at).';

--
-- Name: users; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.users (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    auth_id text NOT NULL,
    email public.citext NOT NULL,
    name character varying(100) NOT NULL,
    tier text DEFAULT 'free'::text NOT NULL,
    role character varying(20) DEFAULT 'user'::character varying NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    time_zone text DEFAULT 'UTC'::text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT users_email_format_check CHECK (((email)::text ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'::text)),
    CONSTRAINT users_email_length_check CHECK ((char_length((email)::text) <= 255)),
    CONSTRAINT users_role_check CHECK (((role)::text = ANY ((ARRAY['user'::character varying, 'admin'::character varying])::text[]))),
    CONSTRAINT users_tier_check CHECK ((tier = ANY (ARRAY['free'::text, 'premium'::text]))),
    CONSTRAINT users_time_zone_check CHECK (app.is_valid_time_zone(time_zone))
);

ALTER TABLE ONLY app.users FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.users IS 'A person using the platform (MealPal and Epicura documents united). Credentials are not here: they live in auth.account (Better-Auth). Deletion rule, the same for every person-owned table: user_id references app.users(id) ON DELETE CASCADE. Deleting an app.users row is the GDPR purge and nothing else (no application role may delete users; people are deactivated with is_active = false), so one DELETE removes every row of the person in every table, including tables added later, and the purge cannot forget one. Inside a person''s data, history tables keep their parents (see cooking_sessions and telemetry_events). auth_id references auth."user" ON DELETE RESTRICT, so Better-Auth cannot delete an identity that still has data: the purge deletes this row first, then auth."user".';

--
-- Name: COLUMN users.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.users.id IS 'Person id: the key every person-owned table references as user_id, and the value of app.current_user_id().';

--
-- Name: COLUMN users.auth_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.users.auth_id IS 'Better-Auth user id (auth."user".id), unique: one person per identity. ON DELETE RESTRICT: a person with data disappears only through the GDPR purge.';

--
-- Name: COLUMN users.email; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.users.email IS 'E-mail address, unique case-insensitively (index idx_users_email). Departs from the Epicura document''s varchar(255): citext makes uniqueness and look-ups case-insensitive without lower() everywhere; the 255-character limit and a basic format are CHECKs.';

--
-- Name: COLUMN users.name; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.users.name IS 'Display name.';

--
-- Name: COLUMN users.tier; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.users.tier IS 'Subscription tier (MealPal): free or premium.';

--
-- Name: COLUMN users.role; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.users.role IS 'Application role (Epicura): user or admin. Admins manage recipes and firmware in the admin portal.';

--
-- Name: COLUMN users.is_active; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.users.is_active IS 'Account active flag: false disables the account without deleting data (deletion is the GDPR purge).';

--
-- Name: COLUMN users.time_zone; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.users.time_zone IS 'IANA time zone of the person (e.g. Asia/Kolkata). Daily nutrition and daily AI cost are computed for calendar days in this zone.';

--
-- Name: COLUMN users.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.users.created_at IS 'Registration time.';

--
-- Name: COLUMN users.updated_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.users.updated_at IS 'Last modification (trigger set_updated_at).';

--
-- Name: CONSTRAINT users_email_format_check ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT users_email_format_check ON app.users IS 'Basic shape local@domain.tld; real validation is the verification e-mail.';

--
-- Name: CONSTRAINT users_time_zone_check ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT users_time_zone_check ON app.users IS 'time_zone must be a canonical IANA zone known to the server (app.is_valid_time_zone).';

--
-- Name: account; Type: TABLE; Schema: auth; Owner: -
--

CREATE TABLE auth.account (
    id text NOT NULL,
    "accountId" text NOT NULL,
    "providerId" text NOT NULL,
    "userId" text NOT NULL,
    "accessToken" text,
    "refreshToken" text,
    "idToken" text,
    "accessTokenExpiresAt" timestamp with time zone,
    "refreshTokenExpiresAt" timestamp with time zone,
    scope text,
    password text,
    "createdAt" timestamp with time zone DEFAULT now() NOT NULL,
    "updatedAt" timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: TABLE account; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON TABLE auth.account IS 'Better-Auth: credentials and linked identity-provider accounts of a user. The password hash lives here (providerId = ''credential''), never in app.users.';

--
-- Name: COLUMN account.id; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.account.id IS 'Account row id.';

--
-- Name: COLUMN account."accountId"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.account."accountId" IS 'The account id at the provider (for credential accounts, the user id).';

--
-- Name: COLUMN account."providerId"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.account."providerId" IS 'Provider: ''credential'' for e-mail/password, otherwise the OAuth/OIDC provider id.';

--
-- Name: COLUMN account."userId"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.account."userId" IS 'The identity this account belongs to.';

--
-- Name: COLUMN account."accessToken"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.account."accessToken" IS 'Provider access token (secret).';

--
-- Name: COLUMN account."refreshToken"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.account."refreshToken" IS 'Provider refresh token (secret).';

--
-- Name: COLUMN account."idToken"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.account."idToken" IS 'Provider OIDC id token (secret).';

--
-- Name: COLUMN account."accessTokenExpiresAt"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.account."accessTokenExpiresAt" IS 'Expiry of the access token.';

--
-- Name: COLUMN account."refreshTokenExpiresAt"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.account."refreshTokenExpiresAt" IS 'Expiry of the refresh token.';

--
-- Name: COLUMN account.scope; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.account.scope IS 'Scopes granted by the provider.';

--
-- Name: COLUMN account.password; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.account.password IS 'Password hash of a credential account (Better-Auth''s hashing); NULL for provider accounts.';

--
-- Name: COLUMN account."createdAt"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.account."createdAt" IS 'When the account was linked.';

--
-- Name: COLUMN account."updatedAt"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.account."updatedAt" IS 'Last change, maintained by Better-Auth.';

--
-- Name: jwks; Type: TABLE; Schema: auth; Owner: -
--

CREATE TABLE auth.jwks (
    id text NOT NULL,
    "publicKey" text NOT NULL,
    "privateKey" text NOT NULL,
    "createdAt" timestamp with time zone DEFAULT now() NOT NULL,
    "expiresAt" timestamp with time zone,
    alg text,
    crv text
);

--
-- Name: TABLE jwks; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON TABLE auth.jwks IS 'Better-Auth jwt plugin: the key set that signs the JWTs services verify. No personal data.';

--
-- Name: COLUMN jwks.id; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.jwks.id IS 'Key id (kid).';

--
-- Name: COLUMN jwks."publicKey"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.jwks."publicKey" IS 'Public key (JWK, serialised by Better-Auth).';

--
-- Name: COLUMN jwks."privateKey"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.jwks."privateKey" IS 'Private key, encrypted by Better-Auth with its secret unless disabled (secret).';

--
-- Name: COLUMN jwks."createdAt"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.jwks."createdAt" IS 'When the key was generated.';

--
-- Name: COLUMN jwks."expiresAt"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.jwks."expiresAt" IS 'When the key stops being used for signing (key rotation); NULL = no expiry.';

--
-- Name: COLUMN jwks.alg; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.jwks.alg IS 'JWS algorithm of the key (e.g. EdDSA, ES256); NULL = Better-Auth''s default.';

--
-- Name: COLUMN jwks.crv; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.jwks.crv IS 'Curve of the key (e.g. Ed25519), when the algorithm has one.';

--
-- Name: session; Type: TABLE; Schema: auth; Owner: -
--

CREATE TABLE auth.session (
    id text NOT NULL,
    "expiresAt" timestamp with time zone NOT NULL,
    token text NOT NULL,
    "createdAt" timestamp with time zone DEFAULT now() NOT NULL,
    "updatedAt" timestamp with time zone DEFAULT now() NOT NULL,
    "ipAddress" text,
    "userAgent" text,
    "userId" text NOT NULL
);

--
-- Name: TABLE session; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON TABLE auth.session IS 'Better-Auth: signed-in sessions. Deleted with their user (ON DELETE CASCADE, Better-Auth''s own rule).';

--
-- Name: COLUMN session.id; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.session.id IS 'Session id.';

--
-- Name: COLUMN session."expiresAt"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.session."expiresAt" IS 'When the session stops being valid.';

--
-- Name: COLUMN session.token; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.session.token IS 'Opaque session token (unique); a credential: never log it.';

--
-- Name: COLUMN session."createdAt"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.session."createdAt" IS 'When the session was created.';

--
-- Name: COLUMN session."updatedAt"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.session."updatedAt" IS 'Last refresh, maintained by Better-Auth.';

--
-- Name: COLUMN session."ipAddress"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.session."ipAddress" IS 'Client IP address at sign-in (personal data).';

--
-- Name: COLUMN session."userAgent"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.session."userAgent" IS 'Client user agent at sign-in.';

--
-- Name: COLUMN session."userId"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.session."userId" IS 'The identity this session belongs to.';

--
-- Name: twoFactor; Type: TABLE; Schema: auth; Owner: -
--

CREATE TABLE auth."twoFactor" (
    id text NOT NULL,
    secret text NOT NULL,
    "backupCodes" text NOT NULL,
    "userId" text NOT NULL,
    verified boolean DEFAULT true,
    "failedVerificationCount" integer DEFAULT 0,
    "lockedUntil" timestamp with time zone
);

--
-- Name: TABLE "twoFactor"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON TABLE auth."twoFactor" IS 'Better-Auth two-factor plugin: TOTP secret and backup codes of a user. Deleted with their user (ON DELETE CASCADE).';

--
-- Name: COLUMN "twoFactor".id; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."twoFactor".id IS 'Row id.';

--
-- Name: COLUMN "twoFactor".secret; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."twoFactor".secret IS 'TOTP secret, encrypted by Better-Auth (secret).';

--
-- Name: COLUMN "twoFactor"."backupCodes"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."twoFactor"."backupCodes" IS 'Backup codes, encrypted by Better-Auth (secret).';

--
-- Name: COLUMN "twoFactor"."userId"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."twoFactor"."userId" IS 'The identity this second factor belongs to.';

--
-- Name: COLUMN "twoFactor".verified; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."twoFactor".verified IS 'False until the person has confirmed the TOTP setup with a first code.';

--
-- Name: COLUMN "twoFactor"."failedVerificationCount"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."twoFactor"."failedVerificationCount" IS 'Consecutive failed code verifications (account lockout).';

--
-- Name: COLUMN "twoFactor"."lockedUntil"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."twoFactor"."lockedUntil" IS 'Verification is refused until this time after too many failures; NULL = not locked.';

--
-- Name: user; Type: TABLE; Schema: auth; Owner: -
--

CREATE TABLE auth."user" (
    id text NOT NULL,
    name text NOT NULL,
    email text NOT NULL,
    "emailVerified" boolean DEFAULT false NOT NULL,
    image text,
    "createdAt" timestamp with time zone DEFAULT now() NOT NULL,
    "updatedAt" timestamp with time zone DEFAULT now() NOT NULL,
    "twoFactorEnabled" boolean DEFAULT false
);

--
-- Name: TABLE "user"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON TABLE auth."user" IS 'Better-Auth: one row per authentication identity. app.users.auth_id references it (ON DELETE RESTRICT): a person with data leaves only through the GDPR purge, which deletes app.users first and this row after it.';

--
-- Name: COLUMN "user".id; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."user".id IS 'Better-Auth user id (text, generated by Better-Auth).';

--
-- Name: COLUMN "user".name; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."user".name IS 'Display name as given at sign-up or by the identity provider.';

--
-- Name: COLUMN "user".email; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."user".email IS 'E-mail address (Better-Auth lower-cases it); unique.';

--
-- Name: COLUMN "user"."emailVerified"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."user"."emailVerified" IS 'True once the address has been verified.';

--
-- Name: COLUMN "user".image; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."user".image IS 'Avatar URL from the identity provider, if any.';

--
-- Name: COLUMN "user"."createdAt"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."user"."createdAt" IS 'When Better-Auth created the identity.';

--
-- Name: COLUMN "user"."updatedAt"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."user"."updatedAt" IS 'Last change, maintained by Better-Auth.';

--
-- Name: COLUMN "user"."twoFactorEnabled"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth."user"."twoFactorEnabled" IS 'Two-factor plugin: true when the person has enabled 2FA.';

--
-- Name: verification; Type: TABLE; Schema: auth; Owner: -
--

CREATE TABLE auth.verification (
    id text NOT NULL,
    identifier text NOT NULL,
    value text NOT NULL,
    "expiresAt" timestamp with time zone NOT NULL,
    "createdAt" timestamp with time zone DEFAULT now() NOT NULL,
    "updatedAt" timestamp with time zone DEFAULT now() NOT NULL
);

--
-- Name: TABLE verification; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON TABLE auth.verification IS 'Better-Auth: short-lived verification values (e-mail verification, password reset, OTPs). Not linked to a user by key: the identifier usually embeds the e-mail address, so the GDPR purge deletes rows whose identifier mentions the person''s address.';

--
-- Name: COLUMN verification.id; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.verification.id IS 'Verification row id.';

--
-- Name: COLUMN verification.identifier; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.verification.identifier IS 'What is being verified (e.g. an e-mail address or a reset-token key).';

--
-- Name: COLUMN verification.value; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.verification.value IS 'The secret value to compare against (secret).';

--
-- Name: COLUMN verification."expiresAt"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.verification."expiresAt" IS 'When the value stops being accepted.';

--
-- Name: COLUMN verification."createdAt"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.verification."createdAt" IS 'When the value was issued.';

--
-- Name: COLUMN verification."updatedAt"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON COLUMN auth.verification."updatedAt" IS 'Last change, maintained by Better-Auth.';

--
-- Name: telemetry_events_default; Type: TABLE ATTACH; Schema: app; Owner: -
--

ALTER TABLE ONLY app.telemetry_events ATTACH PARTITION app.telemetry_events_default DEFAULT;

--
-- Name: telemetry_events id; Type: DEFAULT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.telemetry_events ALTER COLUMN id SET DEFAULT nextval('app.telemetry_events_id_seq'::regclass);

--
-- Name: api_usage api_usage_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.api_usage
    ADD CONSTRAINT api_usage_pkey PRIMARY KEY (id);

--
-- Name: appliances appliances_id_user_id_key; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.appliances
    ADD CONSTRAINT appliances_id_user_id_key UNIQUE (id, user_id);

--
-- Name: CONSTRAINT appliances_id_user_id_key ON appliances; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT appliances_id_user_id_key ON app.appliances IS 'Target of the composite FKs from cooking_sessions and telemetry_events: their user_id is the pairing''s owner.';

--
-- Name: appliances appliances_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.appliances
    ADD CONSTRAINT appliances_pkey PRIMARY KEY (id);

--
-- Name: conversations conversations_id_user_id_key; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.conversations
    ADD CONSTRAINT conversations_id_user_id_key UNIQUE (id, user_id);

--
-- Name: conversations conversations_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.conversations
    ADD CONSTRAINT conversations_pkey PRIMARY KEY (id);

--
-- Name: cooking_sessions cooking_sessions_id_user_id_key; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.cooking_sessions
    ADD CONSTRAINT cooking_sessions_id_user_id_key UNIQUE (id, user_id);

--
-- Name: cooking_sessions cooking_sessions_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.cooking_sessions
    ADD CONSTRAINT cooking_sessions_pkey PRIMARY KEY (id);

--
-- Name: daily_ai_cost daily_ai_cost_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.daily_ai_cost
    ADD CONSTRAINT daily_ai_cost_pkey PRIMARY KEY (user_id, day, provider, model);

--
-- Name: daily_nutrition daily_nutrition_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.daily_nutrition
    ADD CONSTRAINT daily_nutrition_pkey PRIMARY KEY (user_id, day);

--
-- Name: embeddings embeddings_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.embeddings
    ADD CONSTRAINT embeddings_pkey PRIMARY KEY (id);

--
-- Name: embeddings embeddings_source_kind_source_id_chunk_index_model_key; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.embeddings
    ADD CONSTRAINT embeddings_source_kind_source_id_chunk_index_model_key UNIQUE (source_kind, source_id, chunk_index, model);

--
-- Name: firmware_releases firmware_releases_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.firmware_releases
    ADD CONSTRAINT firmware_releases_pkey PRIMARY KEY (id);

--
-- Name: meal_foods meal_foods_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.meal_foods
    ADD CONSTRAINT meal_foods_pkey PRIMARY KEY (id);

--
-- Name: meal_logs meal_logs_id_user_id_key; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.meal_logs
    ADD CONSTRAINT meal_logs_id_user_id_key UNIQUE (id, user_id);

--
-- Name: meal_logs meal_logs_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.meal_logs
    ADD CONSTRAINT meal_logs_pkey PRIMARY KEY (id);

--
-- Name: messages messages_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.messages
    ADD CONSTRAINT messages_pkey PRIMARY KEY (id);

--
-- Name: push_tokens push_tokens_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.push_tokens
    ADD CONSTRAINT push_tokens_pkey PRIMARY KEY (id);

--
-- Name: push_tokens push_tokens_token_key; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.push_tokens
    ADD CONSTRAINT push_tokens_token_key UNIQUE (token);

--
-- Name: recipe_tombstones recipe_tombstones_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.recipe_tombstones
    ADD CONSTRAINT recipe_tombstones_pkey PRIMARY KEY (recipe_id);

--
-- Name: recipes recipes_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.recipes
    ADD CONSTRAINT recipes_pkey PRIMARY KEY (id);

--
-- Name: telemetry_events telemetry_events_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.telemetry_events
    ADD CONSTRAINT telemetry_events_pkey PRIMARY KEY (id, recorded_at);

--
-- Name: telemetry_events_default telemetry_events_default_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.telemetry_events_default
    ADD CONSTRAINT telemetry_events_default_pkey PRIMARY KEY (id, recorded_at);

--
-- Name: user_goals user_goals_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.user_goals
    ADD CONSTRAINT user_goals_pkey PRIMARY KEY (id);

--
-- Name: user_preferences user_preferences_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.user_preferences
    ADD CONSTRAINT user_preferences_pkey PRIMARY KEY (id);

--
-- Name: user_preferences user_preferences_user_id_key; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.user_preferences
    ADD CONSTRAINT user_preferences_user_id_key UNIQUE (user_id);

--
-- Name: users users_auth_id_key; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.users
    ADD CONSTRAINT users_auth_id_key UNIQUE (auth_id);

--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

--
-- Name: account account_pkey; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.account
    ADD CONSTRAINT account_pkey PRIMARY KEY (id);

--
-- Name: jwks jwks_pkey; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.jwks
    ADD CONSTRAINT jwks_pkey PRIMARY KEY (id);

--
-- Name: session session_pkey; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.session
    ADD CONSTRAINT session_pkey PRIMARY KEY (id);

--
-- Name: session session_token_key; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.session
    ADD CONSTRAINT session_token_key UNIQUE (token);

--
-- Name: twoFactor twoFactor_pkey; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth."twoFactor"
    ADD CONSTRAINT "twoFactor_pkey" PRIMARY KEY (id);

--
-- Name: user user_email_key; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth."user"
    ADD CONSTRAINT user_email_key UNIQUE (email);

--
-- Name: user user_pkey; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth."user"
    ADD CONSTRAINT user_pkey PRIMARY KEY (id);

--
-- Name: verification verification_pkey; Type: CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.verification
    ADD CONSTRAINT verification_pkey PRIMARY KEY (id);

--
-- Name: idx_api_usage_user_date; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_api_usage_user_date ON app.api_usage USING btree (user_id, created_at DESC);

--
-- Name: INDEX idx_api_usage_user_date; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_api_usage_user_date IS 'A person''s usage by date (MealPal document); also serves daily cost refresh, RLS and GDPR.';

--
-- Name: idx_appliances_device_id; Type: INDEX; Schema: app; Owner: -
--

CREATE UNIQUE INDEX idx_appliances_device_id ON app.appliances USING btree (device_id) WHERE (unpaired_at IS NULL);

--
-- Name: idx_appliances_serial_number; Type: INDEX; Schema: app; Owner: -
--

CREATE UNIQUE INDEX idx_appliances_serial_number ON app.appliances USING btree (serial_number) WHERE (unpaired_at IS NULL);

--
-- Name: idx_appliances_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_appliances_user ON app.appliances USING btree (user_id);

--
-- Name: idx_conversations_user_recent; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_conversations_user_recent ON app.conversations USING btree (user_id, last_message_at DESC NULLS LAST);

--
-- Name: idx_embeddings_knowledge_hnsw; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_embeddings_knowledge_hnsw ON app.embeddings USING hnsw (embedding public.vector_cosine_ops) WITH (m='16', ef_construction='64') WHERE (user_id IS NULL);

--
-- Name: INDEX idx_embeddings_knowledge_hnsw; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_embeddings_knowledge_hnsw IS 'Approximate cosine search over the shared knowledge base only (partial: user_id IS NULL). Used with ORDER BY embedding <=> $1 LIMIT k and the same predicate; tune with SET LOCAL hnsw.ef_search.';

--
-- Name: idx_embeddings_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_embeddings_user ON app.embeddings USING btree (user_id) WHERE (user_id IS NOT NULL);

--
-- Name: INDEX idx_embeddings_user; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_embeddings_user IS 'A person''s chunks: exact per-person search, RLS and GDPR look-ups.';

--
-- Name: idx_firmware_channel; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_firmware_channel ON app.firmware_releases USING btree (target, channel, created_at DESC);

--
-- Name: idx_firmware_target_version; Type: INDEX; Schema: app; Owner: -
--

CREATE UNIQUE INDEX idx_firmware_target_version ON app.firmware_releases USING btree (target, version);

--
-- Name: idx_meal_foods_meal_log; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_meal_foods_meal_log ON app.meal_foods USING btree (meal_log_id);

--
-- Name: idx_meal_foods_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_meal_foods_user ON app.meal_foods USING btree (user_id);

--
-- Name: idx_meal_logs_deleted; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_meal_logs_deleted ON app.meal_logs USING btree (user_id, is_deleted) WHERE (is_deleted = false);

--
-- Name: INDEX idx_meal_logs_deleted; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_meal_logs_deleted IS 'A person''s live (not soft-deleted) meals (MealPal document).';

--
-- Name: idx_meal_logs_nutrition; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_meal_logs_nutrition ON app.meal_logs USING gin (nutrition_totals jsonb_path_ops);

--
-- Name: idx_meal_logs_user_time; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_meal_logs_user_time ON app.meal_logs USING btree (user_id, meal_time DESC);

--
-- Name: INDEX idx_meal_logs_user_time; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_meal_logs_user_time IS 'Most frequent query: a person''s meals by time (MealPal document).';

--
-- Name: idx_messages_conversation; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_messages_conversation ON app.messages USING btree (conversation_id, created_at);

--
-- Name: idx_messages_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_messages_user ON app.messages USING btree (user_id);

--
-- Name: idx_prefs_allergens; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_prefs_allergens ON app.user_preferences USING gin (allergens);

--
-- Name: idx_prefs_cuisines; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_prefs_cuisines ON app.user_preferences USING gin (cuisines);

--
-- Name: idx_push_tokens_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_push_tokens_user ON app.push_tokens USING btree (user_id);

--
-- Name: idx_recipe_tombstones_removed; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipe_tombstones_removed ON app.recipe_tombstones USING btree (removed_at);

--
-- Name: idx_recipes_category; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipes_category ON app.recipes USING btree (category);

--
-- Name: idx_recipes_created_by; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipes_created_by ON app.recipes USING btree (created_by) WHERE (created_by IS NOT NULL);

--
-- Name: INDEX idx_recipes_created_by; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_recipes_created_by IS 'Finds an admin''s recipes (ON DELETE SET NULL of created_by, GDPR export).';

--
-- Name: idx_recipes_cuisine; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipes_cuisine ON app.recipes USING btree (cuisine);

--
-- Name: idx_recipes_data; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipes_data ON app.recipes USING gin (recipe_data jsonb_path_ops);

--
-- Name: idx_recipes_fts; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipes_fts ON app.recipes USING gin (search_vector);

--
-- Name: idx_recipes_published; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipes_published ON app.recipes USING btree (is_published) WHERE (is_published = true);

--
-- Name: idx_recipes_tags; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipes_tags ON app.recipes USING gin (tags);

--
-- Name: idx_recipes_updated; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipes_updated ON app.recipes USING btree (updated_at);

--
-- Name: INDEX idx_recipes_updated; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_recipes_updated IS 'Recipes changed since a time: the sync protocol (with is_published) and the admin portal''s recent edits.';

--
-- Name: idx_sessions_appliance; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_sessions_appliance ON app.cooking_sessions USING btree (appliance_id);

--
-- Name: idx_sessions_recipe; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_sessions_recipe ON app.cooking_sessions USING btree (recipe_id);

--
-- Name: INDEX idx_sessions_recipe; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_sessions_recipe IS 'Serves the ON DELETE RESTRICT check of recipe_id and per-recipe statistics.';

--
-- Name: idx_sessions_started; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_sessions_started ON app.cooking_sessions USING btree (started_at DESC);

--
-- Name: idx_sessions_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_sessions_user ON app.cooking_sessions USING btree (user_id);

--
-- Name: idx_telemetry_appliance_time; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_telemetry_appliance_time ON ONLY app.telemetry_events USING btree (appliance_id, recorded_at DESC);

--
-- Name: INDEX idx_telemetry_appliance_time; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_telemetry_appliance_time IS 'An appliance''s events over a time range (per partition, with partition pruning on recorded_at).';

--
-- Name: idx_telemetry_payload; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_telemetry_payload ON ONLY app.telemetry_events USING gin (payload jsonb_path_ops);

--
-- Name: idx_telemetry_session; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_telemetry_session ON ONLY app.telemetry_events USING btree (session_id) WHERE (session_id IS NOT NULL);

--
-- Name: INDEX idx_telemetry_session; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_telemetry_session IS 'Events of a cooking session; also serves the ON DELETE CASCADE from cooking_sessions.';

--
-- Name: idx_telemetry_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_telemetry_user ON ONLY app.telemetry_events USING btree (user_id);

--
-- Name: INDEX idx_telemetry_user; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_telemetry_user IS 'A person''s events: row-level security, GDPR export and purge.';

--
-- Name: idx_user_goals_one_active; Type: INDEX; Schema: app; Owner: -
--

CREATE UNIQUE INDEX idx_user_goals_one_active ON app.user_goals USING btree (user_id) WHERE is_active;

--
-- Name: INDEX idx_user_goals_one_active; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_user_goals_one_active IS 'At most one active goal per person (a partial unique index: no btree_gist needed). It also serves look-ups of the active goal.';

--
-- Name: idx_user_goals_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_user_goals_user ON app.user_goals USING btree (user_id, starts_on DESC);

--
-- Name: idx_users_email; Type: INDEX; Schema: app; Owner: -
--

CREATE UNIQUE INDEX idx_users_email ON app.users USING btree (email);

--
-- Name: telemetry_events_default_appliance_id_recorded_at_idx; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX telemetry_events_default_appliance_id_recorded_at_idx ON app.telemetry_events_default USING btree (appliance_id, recorded_at DESC);

--
-- Name: telemetry_events_default_payload_idx; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX telemetry_events_default_payload_idx ON app.telemetry_events_default USING gin (payload jsonb_path_ops);

--
-- Name: telemetry_events_default_session_id_idx; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX telemetry_events_default_session_id_idx ON app.telemetry_events_default USING btree (session_id) WHERE (session_id IS NOT NULL);

--
-- Name: telemetry_events_default_user_id_idx; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX telemetry_events_default_user_id_idx ON app.telemetry_events_default USING btree (user_id);

--
-- Name: account_userId_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX "account_userId_idx" ON auth.account USING btree ("userId");

--
-- Name: session_userId_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX "session_userId_idx" ON auth.session USING btree ("userId");

--
-- Name: twoFactor_secret_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX "twoFactor_secret_idx" ON auth."twoFactor" USING btree (secret);

--
-- Name: twoFactor_userId_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX "twoFactor_userId_idx" ON auth."twoFactor" USING btree ("userId");

--
-- Name: verification_identifier_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX verification_identifier_idx ON auth.verification USING btree (identifier);

--
-- Name: telemetry_events_default_appliance_id_recorded_at_idx; Type: INDEX ATTACH; Schema: app; Owner: -
--

ALTER INDEX app.idx_telemetry_appliance_time ATTACH PARTITION app.telemetry_events_default_appliance_id_recorded_at_idx;

--
-- Name: telemetry_events_default_payload_idx; Type: INDEX ATTACH; Schema: app; Owner: -
--

ALTER INDEX app.idx_telemetry_payload ATTACH PARTITION app.telemetry_events_default_payload_idx;

--
-- Name: telemetry_events_default_pkey; Type: INDEX ATTACH; Schema: app; Owner: -
--

ALTER INDEX app.telemetry_events_pkey ATTACH PARTITION app.telemetry_events_default_pkey;

--
-- Name: telemetry_events_default_session_id_idx; Type: INDEX ATTACH; Schema: app; Owner: -
--

ALTER INDEX app.idx_telemetry_session ATTACH PARTITION app.telemetry_events_default_session_id_idx;

--
-- Name: telemetry_events_default_user_id_idx; Type: INDEX ATTACH; Schema: app; Owner: -
--

ALTER INDEX app.idx_telemetry_user ATTACH PARTITION app.telemetry_events_default_user_id_idx;

--
-- Name: meal_logs delete_embeddings; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER delete_embeddings AFTER DELETE ON app.meal_logs FOR EACH ROW EXECUTE FUNCTION app_private.delete_embeddings('meal_log');

--
-- Name: messages delete_embeddings; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER delete_embeddings AFTER DELETE ON app.messages FOR EACH ROW EXECUTE FUNCTION app_private.delete_embeddings('message');

--
-- Name: meal_logs meal_logs_soft_delete; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER meal_logs_soft_delete BEFORE INSERT OR UPDATE OF is_deleted ON app.meal_logs FOR EACH ROW EXECUTE FUNCTION app_private.meal_logs_soft_delete();

--
-- Name: messages messages_after_insert; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER messages_after_insert AFTER INSERT ON app.messages FOR EACH ROW EXECUTE FUNCTION app_private.messages_after_insert();

--
-- Name: recipes recipes_sync_stamp; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER recipes_sync_stamp BEFORE INSERT OR DELETE OR UPDATE ON app.recipes FOR EACH ROW EXECUTE FUNCTION app_private.recipes_sync_stamp();

--
-- Name: appliances set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.appliances FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: conversations set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.conversations FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: cooking_sessions set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.cooking_sessions FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: daily_ai_cost set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.daily_ai_cost FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: daily_nutrition set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.daily_nutrition FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: meal_logs set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.meal_logs FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: push_tokens set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.push_tokens FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: user_goals set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.user_goals FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: user_preferences set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.user_preferences FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: users set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.users FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: api_usage api_usage_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.api_usage
    ADD CONSTRAINT api_usage_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: appliances appliances_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.appliances
    ADD CONSTRAINT appliances_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: conversations conversations_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.conversations
    ADD CONSTRAINT conversations_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: cooking_sessions cooking_sessions_appliance_id_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.cooking_sessions
    ADD CONSTRAINT cooking_sessions_appliance_id_user_id_fkey FOREIGN KEY (appliance_id, user_id) REFERENCES app.appliances(id, user_id);

--
-- Name: cooking_sessions cooking_sessions_recipe_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.cooking_sessions
    ADD CONSTRAINT cooking_sessions_recipe_id_fkey FOREIGN KEY (recipe_id) REFERENCES app.recipes(id) ON DELETE RESTRICT;

--
-- Name: cooking_sessions cooking_sessions_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.cooking_sessions
    ADD CONSTRAINT cooking_sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: daily_ai_cost daily_ai_cost_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.daily_ai_cost
    ADD CONSTRAINT daily_ai_cost_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: daily_nutrition daily_nutrition_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.daily_nutrition
    ADD CONSTRAINT daily_nutrition_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: embeddings embeddings_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.embeddings
    ADD CONSTRAINT embeddings_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: meal_foods meal_foods_meal_log_id_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.meal_foods
    ADD CONSTRAINT meal_foods_meal_log_id_user_id_fkey FOREIGN KEY (meal_log_id, user_id) REFERENCES app.meal_logs(id, user_id) ON DELETE CASCADE;

--
-- Name: meal_foods meal_foods_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.meal_foods
    ADD CONSTRAINT meal_foods_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: meal_logs meal_logs_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.meal_logs
    ADD CONSTRAINT meal_logs_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: messages messages_conversation_id_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.messages
    ADD CONSTRAINT messages_conversation_id_user_id_fkey FOREIGN KEY (conversation_id, user_id) REFERENCES app.conversations(id, user_id) ON DELETE CASCADE;

--
-- Name: messages messages_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.messages
    ADD CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: push_tokens push_tokens_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.push_tokens
    ADD CONSTRAINT push_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: recipes recipes_created_by_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.recipes
    ADD CONSTRAINT recipes_created_by_fkey FOREIGN KEY (created_by) REFERENCES app.users(id) ON DELETE SET NULL;

--
-- Name: telemetry_events telemetry_events_appliance_id_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE app.telemetry_events
    ADD CONSTRAINT telemetry_events_appliance_id_user_id_fkey FOREIGN KEY (appliance_id, user_id) REFERENCES app.appliances(id, user_id);

--
-- Name: telemetry_events telemetry_events_session_id_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE app.telemetry_events
    ADD CONSTRAINT telemetry_events_session_id_user_id_fkey FOREIGN KEY (session_id, user_id) REFERENCES app.cooking_sessions(id, user_id) ON DELETE CASCADE;

--
-- Name: telemetry_events telemetry_events_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE app.telemetry_events
    ADD CONSTRAINT telemetry_events_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: user_goals user_goals_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.user_goals
    ADD CONSTRAINT user_goals_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: user_preferences user_preferences_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.user_preferences
    ADD CONSTRAINT user_preferences_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: users users_auth_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.users
    ADD CONSTRAINT users_auth_id_fkey FOREIGN KEY (auth_id) REFERENCES auth."user"(id) ON DELETE RESTRICT;

--
-- Name: account account_userId_fkey; Type: FK CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.account
    ADD CONSTRAINT "account_userId_fkey" FOREIGN KEY ("userId") REFERENCES auth."user"(id) ON DELETE CASCADE;

--
-- Name: session session_userId_fkey; Type: FK CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth.session
    ADD CONSTRAINT "session_userId_fkey" FOREIGN KEY ("userId") REFERENCES auth."user"(id) ON DELETE CASCADE;

--
-- Name: twoFactor twoFactor_userId_fkey; Type: FK CONSTRAINT; Schema: auth; Owner: -
--

ALTER TABLE ONLY auth."twoFactor"
    ADD CONSTRAINT "twoFactor_userId_fkey" FOREIGN KEY ("userId") REFERENCES auth."user"(id) ON DELETE CASCADE;

--
-- Name: recipes admin_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_all ON app.recipes TO app_admin USING (true) WITH CHECK (true);

--
-- Name: POLICY admin_all ON recipes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_all ON app.recipes IS 'The admin portal creates, edits, publishes, unpublishes and deletes recipes.';

--
-- Name: embeddings admin_knowledge; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_knowledge ON app.embeddings TO app_admin USING ((user_id IS NULL)) WITH CHECK ((user_id IS NULL));

--
-- Name: POLICY admin_knowledge ON embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_knowledge ON app.embeddings IS 'The admin portal curates the shared knowledge base (user_id IS NULL) only; people''s embeddings stay read-only to it.';

--
-- Name: api_usage admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.api_usage FOR SELECT TO app_admin USING (true);

--
-- Name: appliances admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.appliances FOR SELECT TO app_admin USING (true);

--
-- Name: conversations admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.conversations FOR SELECT TO app_admin USING (true);

--
-- Name: cooking_sessions admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.cooking_sessions FOR SELECT TO app_admin USING (true);

--
-- Name: daily_ai_cost admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.daily_ai_cost FOR SELECT TO app_admin USING (true);

--
-- Name: daily_nutrition admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.daily_nutrition FOR SELECT TO app_admin USING (true);

--
-- Name: embeddings admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.embeddings FOR SELECT TO app_admin USING (true);

--
-- Name: meal_foods admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.meal_foods FOR SELECT TO app_admin USING (true);

--
-- Name: meal_logs admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.meal_logs FOR SELECT TO app_admin USING (true);

--
-- Name: messages admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.messages FOR SELECT TO app_admin USING (true);

--
-- Name: push_tokens admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.push_tokens FOR SELECT TO app_admin USING (true);

--
-- Name: telemetry_events admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.telemetry_events FOR SELECT TO app_admin USING (true);

--
-- Name: telemetry_events_default admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.telemetry_events_default FOR SELECT TO app_admin USING (true);

--
-- Name: user_goals admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.user_goals FOR SELECT TO app_admin USING (true);

--
-- Name: user_preferences admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.user_preferences FOR SELECT TO app_admin USING (true);

--
-- Name: users admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.users FOR SELECT TO app_admin USING (true);

--
-- Name: api_usage; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.api_usage ENABLE ROW LEVEL SECURITY;

--
-- Name: appliances; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.appliances ENABLE ROW LEVEL SECURITY;

--
-- Name: conversations; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.conversations ENABLE ROW LEVEL SECURITY;

--
-- Name: cooking_sessions; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.cooking_sessions ENABLE ROW LEVEL SECURITY;

--
-- Name: daily_ai_cost; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.daily_ai_cost ENABLE ROW LEVEL SECURITY;

--
-- Name: daily_nutrition; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.daily_nutrition ENABLE ROW LEVEL SECURITY;

--
-- Name: embeddings; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.embeddings ENABLE ROW LEVEL SECURITY;

--
-- Name: meal_foods; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.meal_foods ENABLE ROW LEVEL SECURITY;

--
-- Name: meal_logs; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.meal_logs ENABLE ROW LEVEL SECURITY;

--
-- Name: messages; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.messages ENABLE ROW LEVEL SECURITY;

--
-- Name: api_usage owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.api_usage TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: appliances owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.appliances TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: conversations owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.conversations TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: cooking_sessions owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.cooking_sessions TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: daily_ai_cost owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.daily_ai_cost TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: daily_nutrition owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.daily_nutrition TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: embeddings owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.embeddings TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: meal_foods owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.meal_foods TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: meal_logs owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.meal_logs TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: messages owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.messages TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: push_tokens owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.push_tokens TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: recipes owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.recipes TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON recipes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.recipes IS 'The owner, only inside SECURITY DEFINER functions that SET app.owner_access = on (e.g. the sync-stamp trigger).';

--
-- Name: telemetry_events owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.telemetry_events TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: telemetry_events_default owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.telemetry_events_default TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: user_goals owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.user_goals TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: user_preferences owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.user_preferences TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: users owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.users TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: api_usage person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.api_usage FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: appliances person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.appliances FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: conversations person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.conversations FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: cooking_sessions person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.cooking_sessions FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: daily_ai_cost person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.daily_ai_cost FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: daily_nutrition person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.daily_nutrition FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: embeddings person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.embeddings FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: meal_foods person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.meal_foods FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: meal_logs person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.meal_logs FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: messages person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.messages FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: push_tokens person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.push_tokens FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: telemetry_events person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.telemetry_events FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: telemetry_events_default person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.telemetry_events_default FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: user_goals person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.user_goals FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: user_preferences person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.user_preferences FOR DELETE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: users person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.users FOR DELETE TO app_user USING ((id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: api_usage person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.api_usage FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: appliances person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.appliances FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: conversations person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.conversations FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: cooking_sessions person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.cooking_sessions FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: daily_ai_cost person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.daily_ai_cost FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: daily_nutrition person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.daily_nutrition FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: embeddings person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.embeddings FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: meal_foods person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.meal_foods FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: meal_logs person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.meal_logs FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: messages person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.messages FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: push_tokens person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.push_tokens FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: telemetry_events person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.telemetry_events FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: telemetry_events_default person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.telemetry_events_default FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: user_goals person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.user_goals FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: user_preferences person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.user_preferences FOR INSERT TO app_user WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: users person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.users FOR INSERT TO app_user WITH CHECK ((id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: api_usage person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.api_usage FOR SELECT TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: appliances person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.appliances FOR SELECT TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: conversations person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.conversations FOR SELECT TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: cooking_sessions person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.cooking_sessions FOR SELECT TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: daily_ai_cost person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.daily_ai_cost FOR SELECT TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: daily_nutrition person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.daily_nutrition FOR SELECT TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: embeddings person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.embeddings FOR SELECT TO app_user USING (((user_id IS NULL) OR (user_id = ( SELECT app.current_user_id() AS current_user_id))));

--
-- Name: POLICY person_select ON embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.embeddings IS 'A person reads their own embeddings and the shared knowledge base (user_id IS NULL); writes stay limited to their own rows.';

--
-- Name: meal_foods person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.meal_foods FOR SELECT TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: meal_logs person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.meal_logs FOR SELECT TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: messages person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.messages FOR SELECT TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: push_tokens person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.push_tokens FOR SELECT TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: telemetry_events person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.telemetry_events FOR SELECT TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: telemetry_events_default person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.telemetry_events_default FOR SELECT TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: user_goals person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.user_goals FOR SELECT TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: user_preferences person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.user_preferences FOR SELECT TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: users person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.users FOR SELECT TO app_user USING ((id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: api_usage person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.api_usage FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: appliances person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.appliances FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: conversations person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.conversations FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: cooking_sessions person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.cooking_sessions FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: daily_ai_cost person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.daily_ai_cost FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: daily_nutrition person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.daily_nutrition FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: embeddings person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.embeddings FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: meal_foods person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.meal_foods FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: meal_logs person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.meal_logs FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: messages person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.messages FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: push_tokens person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.push_tokens FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: telemetry_events person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.telemetry_events FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: telemetry_events_default person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.telemetry_events_default FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: user_goals person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.user_goals FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: user_preferences person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.user_preferences FOR UPDATE TO app_user USING ((user_id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((user_id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: users person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.users FOR UPDATE TO app_user USING ((id = ( SELECT app.current_user_id() AS current_user_id))) WITH CHECK ((id = ( SELECT app.current_user_id() AS current_user_id)));

--
-- Name: recipes published_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY published_select ON app.recipes FOR SELECT TO app_user USING (is_published);

--
-- Name: POLICY published_select ON recipes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY published_select ON app.recipes IS 'People (and their devices) see published recipes only.';

--
-- Name: push_tokens; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.push_tokens ENABLE ROW LEVEL SECURITY;

--
-- Name: recipes; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.recipes ENABLE ROW LEVEL SECURITY;

--
-- Name: telemetry_events; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.telemetry_events ENABLE ROW LEVEL SECURITY;

--
-- Name: telemetry_events_default; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.telemetry_events_default ENABLE ROW LEVEL SECURITY;

--
-- Name: user_goals; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.user_goals ENABLE ROW LEVEL SECURITY;

--
-- Name: user_preferences; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.user_preferences ENABLE ROW LEVEL SECURITY;

--
-- Name: users; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.users ENABLE ROW LEVEL SECURITY;

--
-- Name: api_usage worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.api_usage TO app_worker USING (true) WITH CHECK (true);

--
-- Name: appliances worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.appliances TO app_worker USING (true) WITH CHECK (true);

--
-- Name: conversations worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.conversations TO app_worker USING (true) WITH CHECK (true);

--
-- Name: cooking_sessions worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.cooking_sessions TO app_worker USING (true) WITH CHECK (true);

--
-- Name: daily_ai_cost worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.daily_ai_cost TO app_worker USING (true) WITH CHECK (true);

--
-- Name: daily_nutrition worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.daily_nutrition TO app_worker USING (true) WITH CHECK (true);

--
-- Name: embeddings worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.embeddings TO app_worker USING (true) WITH CHECK (true);

--
-- Name: meal_foods worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.meal_foods TO app_worker USING (true) WITH CHECK (true);

--
-- Name: meal_logs worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.meal_logs TO app_worker USING (true) WITH CHECK (true);

--
-- Name: messages worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.messages TO app_worker USING (true) WITH CHECK (true);

--
-- Name: push_tokens worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.push_tokens TO app_worker USING (true) WITH CHECK (true);

--
-- Name: telemetry_events worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.telemetry_events TO app_worker USING (true) WITH CHECK (true);

--
-- Name: telemetry_events_default worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.telemetry_events_default TO app_worker USING (true) WITH CHECK (true);

--
-- Name: user_goals worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.user_goals TO app_worker USING (true) WITH CHECK (true);

--
-- Name: user_preferences worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.user_preferences TO app_worker USING (true) WITH CHECK (true);

--
-- Name: users worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.users TO app_worker USING (true) WITH CHECK (true);

--
-- Name: recipes worker_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_select ON app.recipes FOR SELECT TO app_worker USING (true);

--
-- Name: POLICY worker_select ON recipes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_select ON app.recipes IS 'The worker reads recipes (e.g. to embed them); it never writes them.';

--
-- Name: SCHEMA app; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA app TO app_user;
GRANT USAGE ON SCHEMA app TO app_admin;
GRANT USAGE ON SCHEMA app TO app_worker;
GRANT USAGE ON SCHEMA app TO app_compliance;

--
-- Name: SCHEMA auth; Type: ACL; Schema: -; Owner: -
--

GRANT USAGE ON SCHEMA auth TO auth_service;

--
-- Name: FUNCTION conversation_title(p_text text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.conversation_title(p_text text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.conversation_title(p_text text) TO app_user;
GRANT ALL ON FUNCTION app.conversation_title(p_text text) TO app_admin;
GRANT ALL ON FUNCTION app.conversation_title(p_text text) TO app_worker;

--
-- Name: FUNCTION is_semver(p_version text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.is_semver(p_version text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.is_semver(p_version text) TO app_user;
GRANT ALL ON FUNCTION app.is_semver(p_version text) TO app_admin;
GRANT ALL ON FUNCTION app.is_semver(p_version text) TO app_worker;

--
-- Name: FUNCTION is_valid_time_zone(p_zone text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.is_valid_time_zone(p_zone text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.is_valid_time_zone(p_zone text) TO app_user;
GRANT ALL ON FUNCTION app.is_valid_time_zone(p_zone text) TO app_admin;
GRANT ALL ON FUNCTION app.is_valid_time_zone(p_zone text) TO app_worker;

--
-- Name: FUNCTION nutrition_is_valid(p_nutrition jsonb); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.nutrition_is_valid(p_nutrition jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION app.nutrition_is_valid(p_nutrition jsonb) TO app_user;
GRANT ALL ON FUNCTION app.nutrition_is_valid(p_nutrition jsonb) TO app_admin;
GRANT ALL ON FUNCTION app.nutrition_is_valid(p_nutrition jsonb) TO app_worker;

--
-- Name: FUNCTION recipe_data_is_valid(p_data jsonb); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.recipe_data_is_valid(p_data jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION app.recipe_data_is_valid(p_data jsonb) TO app_user;
GRANT ALL ON FUNCTION app.recipe_data_is_valid(p_data jsonb) TO app_admin;
GRANT ALL ON FUNCTION app.recipe_data_is_valid(p_data jsonb) TO app_worker;

--
-- Name: FUNCTION recipe_data_problems(p_data jsonb); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.recipe_data_problems(p_data jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION app.recipe_data_problems(p_data jsonb) TO app_user;
GRANT ALL ON FUNCTION app.recipe_data_problems(p_data jsonb) TO app_admin;
GRANT ALL ON FUNCTION app.recipe_data_problems(p_data jsonb) TO app_worker;

--
-- Name: FUNCTION recipe_sync_lock(); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.recipe_sync_lock() FROM PUBLIC;
GRANT ALL ON FUNCTION app.recipe_sync_lock() TO app_user;
GRANT ALL ON FUNCTION app.recipe_sync_lock() TO app_admin;

--
-- Name: FUNCTION semver_sort_key(p_version text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.semver_sort_key(p_version text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.semver_sort_key(p_version text) TO app_user;
GRANT ALL ON FUNCTION app.semver_sort_key(p_version text) TO app_admin;
GRANT ALL ON FUNCTION app.semver_sort_key(p_version text) TO app_worker;

--
-- Name: FUNCTION delete_embeddings(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.delete_embeddings() FROM PUBLIC;

--
-- Name: FUNCTION enable_person_rls(p_table regclass, p_key name); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.enable_person_rls(p_table regclass, p_key name) FROM PUBLIC;

--
-- Name: FUNCTION meal_logs_soft_delete(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.meal_logs_soft_delete() FROM PUBLIC;

--
-- Name: FUNCTION messages_after_insert(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.messages_after_insert() FROM PUBLIC;

--
-- Name: FUNCTION recipes_sync_stamp(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.recipes_sync_stamp() FROM PUBLIC;

--
-- Name: FUNCTION refresh_daily_metrics(p_user_id uuid, p_day date); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.refresh_daily_metrics(p_user_id uuid, p_day date) FROM PUBLIC;

--
-- Name: FUNCTION set_updated_at(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.set_updated_at() FROM PUBLIC;

--
-- Name: TABLE api_usage; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT,INSERT ON TABLE app.api_usage TO app_user;
GRANT SELECT ON TABLE app.api_usage TO app_admin;
GRANT SELECT,INSERT ON TABLE app.api_usage TO app_worker;

--
-- Name: TABLE appliances; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE app.appliances TO app_user;
GRANT SELECT ON TABLE app.appliances TO app_admin;
GRANT SELECT ON TABLE app.appliances TO app_worker;

--
-- Name: COLUMN appliances.status; Type: ACL; Schema: app; Owner: -
--

GRANT UPDATE(status) ON TABLE app.appliances TO app_worker;

--
-- Name: TABLE conversations; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.conversations TO app_user;
GRANT SELECT ON TABLE app.conversations TO app_admin;
GRANT SELECT ON TABLE app.conversations TO app_worker;

--
-- Name: TABLE cooking_sessions; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE app.cooking_sessions TO app_user;
GRANT SELECT ON TABLE app.cooking_sessions TO app_admin;

--
-- Name: TABLE daily_ai_cost; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.daily_ai_cost TO app_user;
GRANT SELECT ON TABLE app.daily_ai_cost TO app_admin;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.daily_ai_cost TO app_worker;

--
-- Name: TABLE daily_nutrition; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.daily_nutrition TO app_user;
GRANT SELECT ON TABLE app.daily_nutrition TO app_admin;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.daily_nutrition TO app_worker;

--
-- Name: TABLE embeddings; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.embeddings TO app_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.embeddings TO app_admin;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.embeddings TO app_worker;

--
-- Name: TABLE firmware_releases; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.firmware_releases TO app_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.firmware_releases TO app_admin;

--
-- Name: TABLE meal_foods; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.meal_foods TO app_user;
GRANT SELECT ON TABLE app.meal_foods TO app_admin;
GRANT SELECT ON TABLE app.meal_foods TO app_worker;

--
-- Name: TABLE meal_logs; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE app.meal_logs TO app_user;
GRANT SELECT ON TABLE app.meal_logs TO app_admin;
GRANT SELECT ON TABLE app.meal_logs TO app_worker;

--
-- Name: TABLE messages; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT,INSERT,DELETE ON TABLE app.messages TO app_user;
GRANT SELECT ON TABLE app.messages TO app_admin;
GRANT SELECT ON TABLE app.messages TO app_worker;

--
-- Name: TABLE push_tokens; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.push_tokens TO app_user;
GRANT SELECT ON TABLE app.push_tokens TO app_admin;
GRANT SELECT,DELETE ON TABLE app.push_tokens TO app_worker;

--
-- Name: TABLE recipe_tombstones; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.recipe_tombstones TO app_user;
GRANT SELECT ON TABLE app.recipe_tombstones TO app_admin;

--
-- Name: TABLE recipes; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.recipes TO app_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.recipes TO app_admin;
GRANT SELECT ON TABLE app.recipes TO app_worker;

--
-- Name: TABLE telemetry_events; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT,INSERT ON TABLE app.telemetry_events TO app_user;
GRANT SELECT ON TABLE app.telemetry_events TO app_admin;

--
-- Name: SEQUENCE telemetry_events_id_seq; Type: ACL; Schema: app; Owner: -
--

GRANT USAGE ON SEQUENCE app.telemetry_events_id_seq TO app_user;

--
-- Name: TABLE telemetry_events_default; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.telemetry_events_default TO app_admin;

--
-- Name: TABLE user_goals; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.user_goals TO app_user;
GRANT SELECT ON TABLE app.user_goals TO app_admin;

--
-- Name: TABLE user_preferences; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT,INSERT,UPDATE ON TABLE app.user_preferences TO app_user;
GRANT SELECT ON TABLE app.user_preferences TO app_admin;
GRANT SELECT ON TABLE app.user_preferences TO app_worker;

--
-- Name: TABLE users; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.users TO app_user;
GRANT SELECT ON TABLE app.users TO app_admin;
GRANT SELECT ON TABLE app.users TO app_worker;

--
-- Name: COLUMN users.name; Type: ACL; Schema: app; Owner: -
--

GRANT UPDATE(name) ON TABLE app.users TO app_user;

--
-- Name: COLUMN users.time_zone; Type: ACL; Schema: app; Owner: -
--

GRANT UPDATE(time_zone) ON TABLE app.users TO app_user;

--
-- Name: TABLE account; Type: ACL; Schema: auth; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE auth.account TO auth_service;

--
-- Name: TABLE jwks; Type: ACL; Schema: auth; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE auth.jwks TO auth_service;

--
-- Name: TABLE session; Type: ACL; Schema: auth; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE auth.session TO auth_service;

--
-- Name: TABLE "twoFactor"; Type: ACL; Schema: auth; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE auth."twoFactor" TO auth_service;

--
-- Name: TABLE "user"; Type: ACL; Schema: auth; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE auth."user" TO auth_service;

--
-- Name: TABLE verification; Type: ACL; Schema: auth; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE auth.verification TO auth_service;

--
-- Name: DEFAULT PRIVILEGES FOR FUNCTIONS; Type: DEFAULT ACL; Schema: -; Owner: -
--

ALTER DEFAULT PRIVILEGES FOR ROLE kitchen_owner REVOKE ALL ON FUNCTIONS FROM PUBLIC;

--
-- PostgreSQL database dump complete
--
