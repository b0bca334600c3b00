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
-- Name: gdpr_table; Type: TYPE; Schema: app_private; Owner: -
--

CREATE TYPE app_private.gdpr_table AS (
	name text,
	relation regclass,
	kind text,
	key_column text,
	pk_columns text[],
	pk_types text[],
	redacted text[],
	export_rank integer,
	purge_rank integer
);

--
-- Name: TYPE gdpr_table; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TYPE app_private.gdpr_table IS 'One table of the GDPR catalog (app_private.gdpr_tables()): export name (schema.table, or schema.table(column) for a reference), the relation, kind, the column naming the person, primary-key columns and their types, columns left out of exports, export order, purge order.';

--
-- Name: person_row; Type: TYPE; Schema: app_private; Owner: -
--

CREATE TYPE app_private.person_row AS (
	user_id uuid,
	id uuid
);

--
-- Name: TYPE person_row; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TYPE app_private.person_row IS 'A row of a person table named by (user_id, id): what the statement triggers collect from their transition tables before visiting each row on its person''s shard.';

--
-- Name: act_as(uuid); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.act_as(p_user_id uuid) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
begin
  -- Replay this transaction's later SET LOCALs on the workers' connections (Citus); a placeholder
  -- setting on a server without Citus and on the embedded engine.
  execute 'set local citus.propagate_set_commands = ''local''';
  if p_user_id is not null then
    execute pg_catalog.format('set local app.user_id = %L', p_user_id);
  end if;
end
$$;

--
-- Name: FUNCTION act_as(p_user_id uuid); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.act_as(p_user_id uuid) IS 'Starts the context of a transaction, right after SET LOCAL ROLE (withTransaction calls it): switches citus.propagate_set_commands to ''local'' and, for a person, SET LOCAL app.user_id to p_user_id (NULL: a role acting for nobody, only the propagation). Each SET runs as its own statement through EXECUTE, so that Citus replays exactly it on the workers (it records the whole query string a SET came in). Not a security boundary: the roles allowed to call it could set app.user_id themselves; row-level security decides what the person sees. SECURITY INVOKER.';

--
-- Name: allergen_key(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.allergen_key(p_text text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  select nullif(
    pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.lower(p_text), '[^[:alnum:]]+', '_', 'g'), '_'),
    '')
$$;

--
-- Name: FUNCTION allergen_key(p_text text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.allergen_key(p_text text) IS 'Normalised allergen key of a tag, ingredient name or allergen: lower case, every run of non-alphanumeric characters replaced by one underscore, no leading/trailing underscore; NULL when nothing is left. "Tree nuts" -> tree_nuts, "gluten-free" -> gluten_free, "chili_powder" -> chili_powder.';

--
-- Name: cancel_account_deletion(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.cancel_account_deletion() RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_me uuid := app.current_user_id();
  v_user record;
begin
  if v_me is null then
    raise exception 'no person in this transaction (app.user_id is not set)' using errcode = 'insufficient_privilege';
  end if;
  perform app_private.owner_access_on();
  select u.deletion_requested_at, u.deletion_due_at into v_user from app.users as u where u.id = v_me for update;
  if not found or v_user.deletion_requested_at is null then
    perform app_private.owner_access_restore(v_prev);
    return false;
  end if;
  if v_user.deletion_due_at <= pg_catalog.now() then
    raise exception 'the grace period ended at %: the account is being erased and the request can no longer be cancelled', v_user.deletion_due_at
      using errcode = 'object_not_in_prerequisite_state';
  end if;
  update app.users as u
     set is_active = u.deletion_was_active,
         deletion_requested_at = null,
         deletion_due_at = null,
         deletion_was_active = null
   where u.id = v_me;
  perform app_private.gdpr_audit_write('deletion_cancelled', v_me,
    pg_catalog.jsonb_build_object('requested_at', v_user.deletion_requested_at, 'due_at', v_user.deletion_due_at));
  perform app_private.owner_access_restore(v_prev);
  return true;
end
$$;

--
-- Name: FUNCTION cancel_account_deletion(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.cancel_account_deletion() IS 'The person of the transaction withdraws their pending deletion request within the grace period: the account is active again (if it was before the request). Returns true when a request was cancelled, false when none was pending; refuses (SQLSTATE 55000) once the due time has passed. Audited (action deletion_cancelled).';

--
-- Name: conversation_title(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.conversation_title(p_text text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
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
    AS $$
  select nullif(pg_catalog.current_setting('app.user_id', true), '')::pg_catalog.uuid
$$;

--
-- Name: FUNCTION current_user_id(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.current_user_id() IS 'The person the current transaction acts for: the transaction-local setting app.user_id (set_config(''app.user_id'', id, true)). NULL when unset or empty, so row-level security fails closed. The person policies of app_private.enable_person_rls use the same expression written out, without a subquery (000113: Citus refuses subqueries in policies of distributed tables). Deliberately without SET search_path (functions and types are schema-qualified) so that the planner inlines it into the queries that call it.';

--
-- Name: daily_nutrition_vs_goal(date, date); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.daily_nutrition_vs_goal(p_from date, p_to date) RETURNS TABLE(day date, meal_count integer, calories double precision, protein_g double precision, carbs_g double precision, fat_g double precision, fiber_g double precision, sugar_g double precision, sodium_mg double precision, goal_id uuid, goal_type text, target_calories integer, target_protein_g double precision, target_carbs_g double precision, target_fat_g double precision, target_fiber_g double precision, target_sugar_g double precision, target_sodium_mg integer)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
begin
  if p_from is null or p_to is null then
    raise exception 'daily_nutrition_vs_goal: from and to are required'
      using errcode = 'null_value_not_allowed', column = case when p_from is null then 'from' else 'to' end;
  end if;
  if p_to < p_from or p_to - p_from > 366 then
    raise exception 'daily_nutrition_vs_goal: the range must run forwards and cover at most 367 days (got % to %)', p_from, p_to
      using errcode = 'invalid_parameter_value', column = 'to';
  end if;

  return query
    with me as (
      select u.id, u.time_zone
      from app.users as u
      where u.id = (select app.current_user_id())
    ),
    totals as (
      -- One index range scan (idx_meal_logs_user_time) over [local midnight of p_from, local
      -- midnight after p_to); each meal counted on its local calendar day (DST-safe).
      select (pg_catalog.timezone(me.time_zone, m.meal_time))::date as day,
             count(*)::integer as meal_count,
             coalesce(sum((m.nutrition_totals ->> 'calories')::numeric), 0) as calories,
             coalesce(sum((m.nutrition_totals ->> 'protein_g')::numeric), 0) as protein_g,
             coalesce(sum((m.nutrition_totals ->> 'carbs_g')::numeric), 0) as carbs_g,
             coalesce(sum((m.nutrition_totals ->> 'fat_g')::numeric), 0) as fat_g,
             coalesce(sum((m.nutrition_totals ->> 'fiber_g')::numeric), 0) as fiber_g,
             coalesce(sum((m.nutrition_totals ->> 'sugar_g')::numeric), 0) as sugar_g,
             coalesce(sum((m.nutrition_totals ->> 'sodium_mg')::numeric), 0) as sodium_mg
      from me
      join app.meal_logs as m on m.user_id = me.id
      where not m.is_deleted
        and m.meal_time >= pg_catalog.timezone(me.time_zone, p_from::timestamp)
        and m.meal_time < pg_catalog.timezone(me.time_zone, (p_to + 1)::timestamp)
      group by 1
    ),
    goal as (
      select g.*
      from me
      join app.user_goals as g on g.user_id = me.id and g.is_active
    )
    select d.day::date,
           coalesce(t.meal_count, 0),
           coalesce(t.calories, 0)::double precision,
           coalesce(t.protein_g, 0)::double precision,
           coalesce(t.carbs_g, 0)::double precision,
           coalesce(t.fat_g, 0)::double precision,
           coalesce(t.fiber_g, 0)::double precision,
           coalesce(t.sugar_g, 0)::double precision,
           coalesce(t.sodium_mg, 0)::double precision,
           goal.id,
           goal.goal_type,
           goal.target_calories,
           goal.target_protein_g::double precision,
           goal.target_carbs_g::double precision,
           goal.target_fat_g::double precision,
           goal.target_fiber_g::double precision,
           goal.target_sugar_g::double precision,
           goal.target_sodium_mg
    from me
    cross join pg_catalog.generate_series(p_from::timestamp, p_to::timestamp, interval '1 day') as d (day)
    left join totals as t on t.day = d.day::date
    left join goal on true
    order by d.day;
end
$$;

--
-- Name: FUNCTION daily_nutrition_vs_goal(p_from date, p_to date); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.daily_nutrition_vs_goal(p_from date, p_to date) IS 'Daily nutrition of the current person (app.current_user_id()) for every calendar day from p_from to p_to inclusive (at most 367 days), in the person''s time zone (app.users.time_zone): live meals counted and their nutrition_totals summed (a missing key counts as 0; days without meals give zeros), next to the targets of the active goal (NULL without one). Reads app.meal_logs directly, so it is exact right after a write. SECURITY INVOKER (row-level security applies): no person context, no rows. Errors: a NULL bound (22004) or a backwards or too long range (22023).';

--
-- Name: daily_nutrition_vs_goal(uuid, date, date); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.daily_nutrition_vs_goal(p_user_id uuid, p_from date, p_to date) RETURNS TABLE(day date, meal_count integer, calories double precision, protein_g double precision, carbs_g double precision, fat_g double precision, fiber_g double precision, sugar_g double precision, sodium_mg double precision, goal_id uuid, goal_type text, target_calories integer, target_protein_g double precision, target_carbs_g double precision, target_fat_g double precision, target_fiber_g double precision, target_sugar_g double precision, target_sodium_mg integer)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
begin
  if p_from is null or p_to is null then
    raise exception 'daily_nutrition_vs_goal: from and to are required'
      using errcode = 'null_value_not_allowed', column = case when p_from is null then 'from' else 'to' end;
  end if;
  if p_to < p_from or p_to - p_from > 366 then
    raise exception 'daily_nutrition_vs_goal: the range must run forwards and cover at most 367 days (got % to %)', p_from, p_to
      using errcode = 'invalid_parameter_value', column = 'to';
  end if;

  return query
    with me as (
      select u.id, u.time_zone
      from app.users as u
      where u.id = p_user_id
    ),
    totals as (
      -- One index range scan (idx_meal_logs_user_time) over [local midnight of p_from, local
      -- midnight after p_to); each meal counted on its local calendar day (DST-safe).
      select (pg_catalog.timezone(me.time_zone, m.meal_time))::date as day,
             count(*)::integer as meal_count,
             coalesce(sum((m.nutrition_totals ->> 'calories')::numeric), 0) as calories,
             coalesce(sum((m.nutrition_totals ->> 'protein_g')::numeric), 0) as protein_g,
             coalesce(sum((m.nutrition_totals ->> 'carbs_g')::numeric), 0) as carbs_g,
             coalesce(sum((m.nutrition_totals ->> 'fat_g')::numeric), 0) as fat_g,
             coalesce(sum((m.nutrition_totals ->> 'fiber_g')::numeric), 0) as fiber_g,
             coalesce(sum((m.nutrition_totals ->> 'sugar_g')::numeric), 0) as sugar_g,
             coalesce(sum((m.nutrition_totals ->> 'sodium_mg')::numeric), 0) as sodium_mg
      from me
      join app.meal_logs as m on m.user_id = p_user_id
      where not m.is_deleted
        and m.meal_time >= pg_catalog.timezone(me.time_zone, p_from::timestamp)
        and m.meal_time < pg_catalog.timezone(me.time_zone, (p_to + 1)::timestamp)
      group by 1
    ),
    goal as (
      select g.*
      from me
      join app.user_goals as g on g.user_id = p_user_id and g.is_active
    )
    select d.day::date,
           coalesce(t.meal_count, 0),
           coalesce(t.calories, 0)::double precision,
           coalesce(t.protein_g, 0)::double precision,
           coalesce(t.carbs_g, 0)::double precision,
           coalesce(t.fat_g, 0)::double precision,
           coalesce(t.fiber_g, 0)::double precision,
           coalesce(t.sugar_g, 0)::double precision,
           coalesce(t.sodium_mg, 0)::double precision,
           goal.id,
           goal.goal_type,
           goal.target_calories,
           goal.target_protein_g::double precision,
           goal.target_carbs_g::double precision,
           goal.target_fat_g::double precision,
           goal.target_fiber_g::double precision,
           goal.target_sugar_g::double precision,
           goal.target_sodium_mg
    from me
    cross join pg_catalog.generate_series(p_from::timestamp, p_to::timestamp, interval '1 day') as d (day)
    left join totals as t on t.day = d.day::date
    left join goal on true
    order by d.day;
end
$$;

--
-- Name: FUNCTION daily_nutrition_vs_goal(p_user_id uuid, p_from date, p_to date); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.daily_nutrition_vs_goal(p_user_id uuid, p_from date, p_to date) IS 'app.daily_nutrition_vs_goal(from, to) for the person p_user_id given as a parameter (the person''s id of the transaction, passed by the meals area), so that on Citus the statement is routed to the person''s one shard. Daily nutrition for every calendar day from p_from to p_to inclusive (at most 367 days) in the person''s time zone, next to the targets of the active goal. SECURITY INVOKER: row-level security applies, so an id that is not the transaction''s person gives no meals and no goal.';

--
-- Name: delete_stale_push_tokens(interval); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.delete_stale_push_tokens(p_not_refreshed_for interval DEFAULT '60 days'::interval) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_count integer;
  v_keys  bytea[];
  v_ids   uuid[];
begin
  if p_not_refreshed_for is null or p_not_refreshed_for < interval '1 day' then
    raise exception 'delete_stale_push_tokens: the age must be at least one day (got %)', p_not_refreshed_for
      using errcode = 'invalid_parameter_value';
  end if;
  -- The token rows, then their lookup rows, in this transaction. Two statements rather than one
  -- with two data-modifying CTEs: on Citus the tables are distributed by different keys, and the
  -- second delete is then routed by its primary key values.
  with gone as (
    delete from app.push_tokens as t
     where t.updated_at < pg_catalog.now() - p_not_refreshed_for
    returning t.id, t.token
  )
  select pg_catalog.count(*)::integer,
         pg_catalog.array_agg(pg_catalog.sha256(pg_catalog.convert_to(g.token, 'UTF8'))),
         pg_catalog.array_agg(g.id)
    into v_count, v_keys, v_ids
  from gone as g;
  if v_count > 0 then
    delete from app.push_token_owners as o
     where o.token_sha256 = any (v_keys) and o.push_token_id = any (v_ids);
  end if;
  return v_count;
end
$$;

--
-- Name: FUNCTION delete_stale_push_tokens(p_not_refreshed_for interval); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.delete_stale_push_tokens(p_not_refreshed_for interval) IS 'Push-token cleanup (job push-tokens.cleanup, daily): deletes the FCM/APNs tokens not refreshed (updated_at; a phone re-registering its token refreshes it) for longer than p_not_refreshed_for (default 60 days): FCM treats such tokens as stale. Their lookup rows in app.push_token_owners go in the same transaction. Returns how many tokens were deleted; idempotent. SECURITY INVOKER, executable by app_worker only. Errors: an age under one day (22023).';

--
-- Name: drain_job_outbox(integer); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.drain_job_outbox(p_limit integer DEFAULT 1000) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_moved integer := 0;
  r record;
begin
  if p_limit is null or p_limit < 1 or p_limit > 10000 then
    raise exception 'drain_job_outbox: p_limit must be between 1 and 10000 (got %)', p_limit
      using errcode = 'invalid_parameter_value';
  end if;
  perform app_private.owner_access_on();
  -- One statement deletes the batch (oldest first) and returns it; the jobs are then inserted into
  -- pg-boss in this transaction: both commit or neither. No SKIP LOCKED (Citus refuses it across
  -- shards): a concurrent drain waits for the rows this one deletes, then skips them (gone).
  for r in
    with moved as (
      delete from app.job_outbox as o
       where (o.user_id, o.id) in (
               select b.user_id, b.id from app.job_outbox as b order by b.created_at, b.id limit p_limit)
      returning o.queue, o.data, o.singleton_key, o.start_after, o.created_at, o.id
    )
    select m.queue, m.start_after,
           pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('data', m.data, 'key', m.singleton_key)
                                order by m.created_at, m.id) as jobs,
           pg_catalog.count(*)::integer as n
      from moved as m
     group by m.queue, m.start_after
     order by m.queue, m.start_after
  loop
    perform app_private.enqueue_jobs(r.queue, r.jobs, r.start_after);
    v_moved := v_moved + r.n;
  end loop;
  perform app_private.owner_access_restore(v_access);
  return v_moved;
end
$$;

--
-- Name: FUNCTION drain_job_outbox(p_limit integer); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.drain_job_outbox(p_limit integer) IS 'The worker (app_worker), every few seconds: moves up to p_limit of the oldest app.job_outbox rows into pg-boss (app_private.enqueue_jobs: one job per distinct singleton key, none when one with that key already waits) in one transaction, and returns how many outbox rows it moved. A row is moved exactly once even when two drains run at once. SECURITY DEFINER (the outbox and pgboss.job are the owner''s). Errors: p_limit outside 1..10000 (22023); a missing pg-boss queue (42704, the batch stays in the outbox).';

--
-- Name: export_user_data(uuid); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.export_user_data(p_user_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_id record;
  v_table app_private.gdpr_table;
  v_counts jsonb := '{}';
  v_data jsonb := '{}';
  v_rows jsonb;
  v_count bigint;
begin
  if p_user_id is null then
    raise exception 'p_user_id must not be null' using errcode = 'null_value_not_allowed';
  end if;
  perform app_private.owner_access_on();
  v_id := app_private.gdpr_identity(p_user_id);
  for v_table in select g.* from app_private.gdpr_tables() as g order by g.export_rank loop
    execute app_private.gdpr_sql(v_table, 'rows') into v_rows, v_count using p_user_id, v_id.auth_id, v_id.emails;
    v_counts := v_counts || pg_catalog.jsonb_build_object(v_table.name, v_count);
    v_data := v_data || pg_catalog.jsonb_build_object(v_table.name, v_rows);
  end loop;
  perform app_private.gdpr_audit_write('export', p_user_id, pg_catalog.jsonb_build_object('found', v_id.known, 'tables', v_counts));
  perform app_private.owner_access_restore(v_prev);
  return pg_catalog.jsonb_build_object('manifest', app_private.gdpr_manifest(p_user_id, v_id.known, v_counts), 'data', v_data);
end
$$;

--
-- Name: FUNCTION export_user_data(p_user_id uuid); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.export_user_data(p_user_id uuid) IS 'Compliance: everything kitchen-db holds about the person, as {"manifest": …, "data": {"<schema.table>": [rows…]}} (see app_private.gdpr_manifest for the manifest, app_private.gdpr_tables for the tables). Soft-deleted rows included, credentials left out (and listed). An unknown id gives an empty export (found = false). One jsonb value, so it suits ordinary people; for years of telemetry use app.export_user_table (the CLI does). Run it in a REPEATABLE READ transaction for a snapshot across tables. Audited (action export).';

--
-- Name: export_user_table(uuid, text, jsonb, integer); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.export_user_table(p_user_id uuid, p_table text, p_after jsonb DEFAULT NULL::jsonb, p_limit integer DEFAULT 1000) RETURNS TABLE(row_key jsonb, row_data jsonb)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_id record;
  v_sql text;
  v_rows bigint;
begin
  if p_user_id is null then
    raise exception 'p_user_id must not be null' using errcode = 'null_value_not_allowed';
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 10000 then
    raise exception 'p_limit must be between 1 and 10000 (got %)', p_limit using errcode = 'invalid_parameter_value';
  end if;
  if p_after is not null and pg_catalog.jsonb_typeof(p_after) <> 'object' then
    raise exception 'p_after must be the row_key of the last row of the previous page' using errcode = 'invalid_parameter_value';
  end if;
  v_sql := app_private.gdpr_sql(app_private.gdpr_table_named(p_table), 'page', p_after is not null);  -- refuses a table not in the catalog
  perform app_private.owner_access_on();
  v_id := app_private.gdpr_identity(p_user_id);
  return query execute v_sql using p_user_id, v_id.auth_id, v_id.emails, p_after, p_limit;
  get diagnostics v_rows = row_count;
  perform app_private.gdpr_audit_write('export_page', p_user_id,
    pg_catalog.jsonb_build_object('table', p_table, 'rows', v_rows, 'first_page', p_after is null));
  perform app_private.owner_access_restore(v_prev);
end
$$;

--
-- Name: FUNCTION export_user_table(p_user_id uuid, p_table text, p_after jsonb, p_limit integer); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.export_user_table(p_user_id uuid, p_table text, p_after jsonb, p_limit integer) IS 'Compliance: one page (at most p_limit rows, 1–10000) of one table of the person''s export, in primary-key order after p_after (the row_key of the previous page''s last row; NULL for the first page). p_table is a name from the manifest''s tables (app.gdpr_user_summary); anything else is refused. row_data is the exported row (credentials left out), row_key its primary key. A page shorter than p_limit is the last. Memory stays bounded on both sides however big the table is; call all pages in one REPEATABLE READ transaction for a consistent export. Audited (action export_page, one row per page).';

--
-- Name: export_user_table_lines(uuid, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.export_user_table_lines(p_user_id uuid, p_table text) RETURNS SETOF text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_id record;
  v_table app_private.gdpr_table;
  v_row text;
  v_count_sql text;
  v_sql text;
  v_rows bigint;
begin
  if p_user_id is null then
    raise exception 'p_user_id must not be null' using errcode = 'null_value_not_allowed';
  end if;
  -- gdpr_table_named refuses a table that is not in the catalog. The rows come in storage order
  -- (sorting a million events by primary key doubled the time); each line carries its primary key.
  v_table := app_private.gdpr_table_named(p_table);
  v_row := case
    when v_table.kind = 'reference' then
      (select 'pg_catalog.json_build_object(' || pg_catalog.string_agg(pg_catalog.format('%L, t.%I', c, c), ', ' order by o) || ')'
       from pg_catalog.unnest(v_table.pk_columns || v_table.key_column) with ordinality as k(c, o))
    when pg_catalog.cardinality(v_table.redacted) = 0 then 'pg_catalog.row_to_json(t)'  -- no jsonb built: the cheapest
    else pg_catalog.format('(pg_catalog.to_jsonb(t) - %L::text[])', v_table.redacted)
  end;
  -- The catalog's own condition for the table, from its count query (app_private.gdpr_sql, 000021).
  v_count_sql := app_private.gdpr_sql(v_table, 'count');
  v_sql := pg_catalog.regexp_replace(v_count_sql, '^select pg_catalog\.count\(\*\)::bigint from ',
    pg_catalog.format('select %L || %s::text || ''}'' from ', '{"table":' || pg_catalog.to_json(p_table)::text || ',"row":', v_row));
  if v_sql = v_count_sql then
    raise exception 'app.export_user_table_lines: unexpected catalog query for %', p_table using errcode = 'internal_error';
  end if;
  perform app_private.owner_access_on();
  v_id := app_private.gdpr_identity(p_user_id);
  return query execute v_sql using p_user_id, v_id.auth_id, v_id.emails;
  get diagnostics v_rows = row_count;
  perform app_private.gdpr_audit_write('export_page', p_user_id,
    pg_catalog.jsonb_build_object('table', p_table, 'rows', v_rows, 'first_page', true, 'whole_table', true));
  perform app_private.owner_access_restore(v_prev);
end
$$;

--
-- Name: FUNCTION export_user_table_lines(p_user_id uuid, p_table text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.export_user_table_lines(p_user_id uuid, p_table text) IS 'Compliance: every row of one table of the person''s export as the NDJSON line of the export file, {"table": p_table, "row": {…}} (credentials left out), in storage order (each row carries its primary key); p_table is a name from the manifest (anything else is refused). Meant for COPY (select … from app.export_user_table_lines(…)) TO STDOUT (format csv, quote e''\x01''), which streams it; run every table in one REPEATABLE READ transaction for a consistent export. Audited (action export_page, whole_table true, one row per table).';

--
-- Name: export_user_table_part_lines(uuid, text, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.export_user_table_part_lines(p_user_id uuid, p_table text, p_part text) RETURNS SETOF text
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET work_mem TO '64MB'
    AS $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_id record;
  v_table app_private.gdpr_table;
  v_part regclass;
  v_prefix text;
  v_count_sql text;
  v_cols text;
  v_sql text;
  v_rows bigint;
begin
  if p_user_id is null or p_table is null or p_part is null then
    raise exception 'p_user_id, p_table and p_part must not be null' using errcode = 'null_value_not_allowed';
  end if;
  -- gdpr_table_named refuses a table that is not in the catalog; the part must be one of its parts.
  v_table := app_private.gdpr_table_named(p_table);
  select p.relid into v_part
  from (select r.relid from pg_catalog.pg_partition_tree(v_table.relation) as r where r.isleaf
        union all
        select v_table.relation where (select k.relkind from pg_catalog.pg_class as k where k.oid = v_table.relation) <> 'p') as p
  join pg_catalog.pg_class as c on c.oid = p.relid
  join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
  where n.nspname::text || '.' || c.relname::text = p_part;
  if v_part is null then
    raise exception 'app.export_user_table_part_lines: % is not a part of %', p_part, p_table
      using errcode = 'invalid_parameter_value',
            hint = 'Parts are those of app.export_user_table_parts().';
  end if;
  -- One JSON member per exported column, in the parent's column order; NULL is null.
  select pg_catalog.string_agg(
           pg_catalog.format('%L || ', case when o.ord = 1 then '' else ',' end || pg_catalog.to_json(a.attname::text)::text || ':')
           || case
                when a.atttypid in ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'bool'::regtype, 'json'::regtype, 'jsonb'::regtype)
                  then pg_catalog.format('coalesce(t.%I::text, ''null'')', a.attname)
                when a.atttypid = 'uuid'::regtype
                  then pg_catalog.format('coalesce(''"'' || t.%I::text || ''"'', ''null'')', a.attname)
                else pg_catalog.format('coalesce(pg_catalog.to_json(t.%I)::text, ''null'')', a.attname)
              end,
           ' || ' order by o.ord)
    into v_cols
  from pg_catalog.pg_attribute as a
  cross join lateral (select case when v_table.kind = 'reference'
                                  then pg_catalog.array_position(v_table.pk_columns || v_table.key_column, a.attname::text)
                                  else a.attnum end as ord) as o
  where a.attrelid = v_table.relation and a.attnum > 0 and not a.attisdropped
    and o.ord is not null
    and not (a.attname::text = any (v_table.redacted));
  v_prefix := '{"table":' || pg_catalog.to_json(p_table)::text || ',"row":{';
  -- The catalog's own condition for the table, from its count query (app_private.gdpr_sql, 000021),
  -- on the part instead of the table.
  v_count_sql := app_private.gdpr_sql(v_table, 'count');
  if not pg_catalog.starts_with(v_count_sql, pg_catalog.format('select pg_catalog.count(*)::bigint from %s as t where ', v_table.relation)) then
    raise exception 'app.export_user_table_part_lines: unexpected catalog query for %', p_table using errcode = 'internal_error';
  end if;
  v_sql := pg_catalog.format('select %L || %s || ''}}'' from %s as t where %s', v_prefix, v_cols, v_part,
    pg_catalog.substr(v_count_sql, pg_catalog.length(pg_catalog.format('select pg_catalog.count(*)::bigint from %s as t where ', v_table.relation)) + 1));
  perform app_private.owner_access_on();
  v_id := app_private.gdpr_identity(p_user_id);
  return query execute v_sql using p_user_id, v_id.auth_id, v_id.emails;
  get diagnostics v_rows = row_count;
  perform app_private.gdpr_audit_write('export_page', p_user_id,
    pg_catalog.jsonb_build_object('table', p_table, 'part', p_part, 'rows', v_rows, 'first_page', true, 'whole_table', false));
  perform app_private.owner_access_restore(v_prev);
end
$$;

--
-- Name: FUNCTION export_user_table_part_lines(p_user_id uuid, p_table text, p_part text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.export_user_table_part_lines(p_user_id uuid, p_table text, p_part text) IS 'Compliance: every row of one part (app.export_user_table_parts: a leaf partition, or the whole table) of one table of the person''s export as the NDJSON line of the export file, {"table": p_table, "row": {…}} with the columns in the table''s order (credentials left out), in storage order; anything but a table of the manifest and one of its parts is refused (22023). Meant for COPY (select … from app.export_user_table_part_lines(…)) TO STDOUT (format csv, quote e''\x01''); run every part in one REPEATABLE READ snapshot (a second connection imports it with SET TRANSACTION SNAPSHOT) for a consistent export. work_mem 64 MB: a part''s lines stay in memory until COPY has sent them. Audited (action export_page, one row per part).';

--
-- Name: export_user_table_parts(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.export_user_table_parts() RETURNS TABLE(table_name text, part text)
    LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
begin
  return query
  select g.name,
         n.nspname::text || '.' || c.relname::text
  from app_private.gdpr_tables() as g
  cross join lateral (
    -- A partitioned table: its leaves (none yet: no part); any other table: itself.
    select r.relid from pg_catalog.pg_partition_tree(g.relation) as r where r.isleaf
    union all
    select g.relation where (select k.relkind from pg_catalog.pg_class as k where k.oid = g.relation) <> 'p'
  ) as leaf
  join pg_catalog.pg_class as c on c.oid = leaf.relid
  join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
  order by g.export_rank, 2;
end
$$;

--
-- Name: FUNCTION export_user_table_parts(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.export_user_table_parts() IS 'Compliance: the parts of every table of the GDPR export, in export order: the leaf partitions of a partitioned table (schema.name, ordered by name), or the table itself. Catalog facts only (no person''s data, not audited). A bulk export reads each part with app.export_user_table_part_lines.';

--
-- Name: gdpr_audit_log(integer, uuid, bigint); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.gdpr_audit_log(p_limit integer DEFAULT 100, p_user_id uuid DEFAULT NULL::uuid, p_before bigint DEFAULT NULL::bigint) RETURNS TABLE(id bigint, occurred_at timestamp with time zone, action text, subject text, session_role text, acting_role text, xact_id bigint, detail jsonb)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  select a.id, a.occurred_at, a.action, a.subject, a.session_role, a.acting_role, a.xact_id, a.detail
  from app_private.gdpr_audit as a
  where (p_user_id is null or a.subject = app_private.gdpr_subject(p_user_id))
    and (p_before is null or a.id < p_before)
  order by a.id desc
  limit least(greatest(coalesce(p_limit, 100), 1), 10000)
$$;

--
-- Name: FUNCTION gdpr_audit_log(p_limit integer, p_user_id uuid, p_before bigint); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.gdpr_audit_log(p_limit integer, p_user_id uuid, p_before bigint) IS 'Compliance: the GDPR audit trail, newest first: at most p_limit rows (1–10000, default 100), only the person p_user_id''s when given (matched through the keyed hash, so it works after their purge), only rows older than id p_before when given (paging).';

--
-- Name: gdpr_export_file_begin(uuid, text, text, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.gdpr_export_file_begin(p_user_id uuid, p_path text, p_written_by text, p_host text) RETURNS bigint
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_id bigint;
begin
  if p_user_id is null then
    raise exception 'p_user_id must not be null' using errcode = 'null_value_not_allowed';
  end if;
  if p_path is null or p_path !~ '^/' or pg_catalog.char_length(p_path) > 4096 or p_path ~ '(^|/)\.\.?(/|$)' then
    raise exception 'p_path must be an absolute, normalised path (got %)', p_path using errcode = 'invalid_parameter_value';
  end if;
  if p_written_by is null or p_written_by not in ('job', 'cli', 'demo') then
    raise exception 'p_written_by must be job, cli or demo (got %)', p_written_by using errcode = 'invalid_parameter_value';
  end if;
  if p_host is null or pg_catalog.char_length(p_host) not between 1 and 255 then
    raise exception 'p_host must be a host name (1 to 255 characters)' using errcode = 'invalid_parameter_value';
  end if;
  perform app_private.owner_access_on();
  -- FOR SHARE: a purge of the person (which locks the row FOR UPDATE) waits for this transaction,
  -- or this one waits for the purge and then finds nobody: no file is begun for an erased person.
  perform from app.users as u where u.id = p_user_id for share;
  if not found then
    raise exception 'no person with id %', p_user_id using errcode = 'foreign_key_violation';
  end if;
  insert into app_private.gdpr_export_files (subject, person_id, path, host, written_by)
  values (app_private.gdpr_subject(p_user_id), p_user_id, p_path, p_host, p_written_by)
  returning id into v_id;
  perform app_private.owner_access_restore(v_prev);
  return v_id;
end
$_$;

--
-- Name: FUNCTION gdpr_export_file_begin(p_user_id uuid, p_path text, p_written_by text, p_host text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.gdpr_export_file_begin(p_user_id uuid, p_path text, p_written_by text, p_host text) IS 'Records an export file about to be written (state writing): the person, its absolute path, who writes it (job, cli, demo) and the host. Call it and commit BEFORE writing the file, so a crash leaves a row to clean up after. Refuses an unknown person (23503). Returns the row id for app.gdpr_export_file_written.';

--
-- Name: gdpr_export_file_deleted(bigint, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.gdpr_export_file_deleted(p_id bigint, p_error text DEFAULT NULL::text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_done boolean;
begin
  if p_error is not null then
    update app_private.gdpr_export_files as f
       set delete_attempts = f.delete_attempts + 1, last_error = pg_catalog.left(p_error, 500)
     where f.id = p_id and f.state = 'pending_deletion';
    return false;
  end if;
  update app_private.gdpr_export_files as f
     set state = 'deleted', deleted_at = pg_catalog.now(), last_error = null,
         -- A purged person's path (their id, or a name someone chose) and file hash go with the file.
         path = case when f.delete_reason = 'purge' then null else f.path end,
         sha256 = case when f.delete_reason = 'purge' then null else f.sha256 end
   where f.id = p_id and f.state in ('pending_deletion', 'writing', 'written')
  returning true into v_done;
  return coalesce(v_done, false);
end
$$;

--
-- Name: FUNCTION gdpr_export_file_deleted(p_id bigint, p_error text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.gdpr_export_file_deleted(p_id bigint, p_error text) IS 'Reports the deletion of an export file (or that it was already gone): state deleted, deleted_at now; for a purged person the path and SHA-256 are cleared. With p_error, records a failed attempt instead (the row stays pending, retried by the gdpr.export-files job). A writer whose export failed reports its begun row here too (the file never appeared).';

--
-- Name: gdpr_export_file_failed(bigint); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.gdpr_export_file_failed(p_id bigint) RETURNS void
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  update app_private.gdpr_export_files as f
     set state = 'deleted', delete_reason = coalesce(f.delete_reason, 'failed'), deleted_at = pg_catalog.now(),
         delete_requested_at = coalesce(f.delete_requested_at, pg_catalog.now()),
         path = case when f.delete_reason = 'purge' then null else f.path end
   where f.id = p_id and f.state in ('writing', 'pending_deletion') and f.written_at is null
$$;

--
-- Name: FUNCTION gdpr_export_file_failed(p_id bigint); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.gdpr_export_file_failed(p_id bigint) IS 'A writer reports that its begun export failed and left no file (the partial file is removed by the writer): the row ends as deleted, reason failed (or purge if the person was erased meanwhile).';

--
-- Name: gdpr_export_file_log(integer, uuid); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.gdpr_export_file_log(p_limit integer DEFAULT 100, p_user_id uuid DEFAULT NULL::uuid) RETURNS TABLE(id bigint, subject text, written_by text, host text, path text, state text, started_at timestamp with time zone, written_at timestamp with time zone, bytes bigint, delete_reason text, delete_requested_at timestamp with time zone, deleted_at timestamp with time zone, delete_attempts integer, last_error text)
    LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  select f.id, f.subject, f.written_by, f.host, f.path, f.state, f.started_at, f.written_at, f.bytes,
         f.delete_reason, f.delete_requested_at, f.deleted_at, f.delete_attempts, f.last_error
  from app_private.gdpr_export_files as f
  where (p_user_id is null or f.subject = app_private.gdpr_subject(p_user_id))
  order by f.id desc
  limit least(greatest(coalesce(p_limit, 100), 1), 10000)
$$;

--
-- Name: FUNCTION gdpr_export_file_log(p_limit integer, p_user_id uuid); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.gdpr_export_file_log(p_limit integer, p_user_id uuid) IS 'Compliance: the export files recorded, newest first (at most p_limit, 1–10000): who wrote each, where, when it was written and deleted, and why; only the person p_user_id''s when given (through the keyed hash, so it works after their purge).';

--
-- Name: gdpr_export_file_written(bigint, bigint, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.gdpr_export_file_written(p_id bigint, p_bytes bigint, p_sha256 text) RETURNS boolean
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
declare
  v_state text;
begin
  if p_bytes is null or p_bytes < 0 then
    raise exception 'p_bytes must be a size (got %)', p_bytes using errcode = 'invalid_parameter_value';
  end if;
  if p_sha256 is null or p_sha256 !~ '^[0-9a-f]{64}$' then
    raise exception 'p_sha256 must be 64 lower-case hex digits' using errcode = 'invalid_parameter_value';
  end if;
  update app_private.gdpr_export_files as f
     set state = 'written', written_at = pg_catalog.now(), bytes = p_bytes, sha256 = p_sha256
   where f.id = p_id and f.state = 'writing'
  returning f.state into v_state;
  return v_state is not null;
end
$_$;

--
-- Name: FUNCTION gdpr_export_file_written(p_id bigint, p_bytes bigint, p_sha256 text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.gdpr_export_file_written(p_id bigint, p_bytes bigint, p_sha256 text) IS 'Marks a begun export file complete (size, SHA-256). Returns false when the row is no longer writing (the person was purged, or the retention expired it, meanwhile): the writer must then delete the file itself and report it with app.gdpr_export_file_deleted.';

--
-- Name: gdpr_export_files_expire(interval); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.gdpr_export_files_expire(p_retention interval) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_count integer;
begin
  if p_retention is null or p_retention < interval '0' or p_retention > interval '365 days' then
    raise exception 'p_retention must be between 0 and 365 days (got %)', p_retention using errcode = 'invalid_parameter_value';
  end if;
  update app_private.gdpr_export_files as f
     set state = 'pending_deletion', delete_reason = 'retention', delete_requested_at = pg_catalog.now()
   where f.state in ('writing', 'written')
     and coalesce(f.written_at, f.started_at) < pg_catalog.now() - p_retention;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

--
-- Name: FUNCTION gdpr_export_files_expire(p_retention interval); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.gdpr_export_files_expire(p_retention interval) IS 'The gdpr.export-files job (app_worker): marks every export file written (or begun) longer ago than p_retention (0–365 days; KITCHEN_DB_EXPORT_RETENTION_DAYS, default 7) as pending deletion, reason retention. Returns how many. The job then deletes them.';

--
-- Name: gdpr_export_files_to_delete(text, integer); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.gdpr_export_files_to_delete(p_host text, p_limit integer DEFAULT 100) RETURNS TABLE(id bigint, path text, written_by text, state_before text, bytes bigint, sha256 text, delete_reason text)
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  select f.id, f.path, f.written_by,
         case when f.written_at is null then 'writing' else 'written' end,
         f.bytes, f.sha256, f.delete_reason
  from app_private.gdpr_export_files as f
  where f.state = 'pending_deletion' and f.host = p_host
  order by f.delete_requested_at, f.id
  limit least(greatest(coalesce(p_limit, 100), 1), 1000)
$$;

--
-- Name: FUNCTION gdpr_export_files_to_delete(p_host text, p_limit integer); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.gdpr_export_files_to_delete(p_host text, p_limit integer) IS 'The export files of host p_host waiting to be deleted (pending_deletion), oldest request first, at most p_limit (1–1000): path, who wrote it, whether it was complete (state_before), size and SHA-256 (NULL if it never completed). The caller decides whether it may delete each path (src/gdpr-files.ts) and reports with app.gdpr_export_file_deleted.';

--
-- Name: gdpr_find_person(text, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.gdpr_find_person(p_kind text, p_key text) RETURNS TABLE(user_id uuid, email text, name text, is_active boolean, created_at timestamp with time zone)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_user_id uuid;
begin
  if p_kind is null or p_kind not in ('id', 'email', 'auth_id', 'device_id', 'serial_number', 'push_token') then
    raise exception 'p_kind must be one of id, email, auth_id, device_id, serial_number, push_token (got %)', coalesce(p_kind, 'null')
      using errcode = 'invalid_parameter_value';
  end if;
  if p_key is null or p_key = '' then
    raise exception 'p_key must not be empty' using errcode = 'invalid_parameter_value';
  end if;
  if p_kind = 'id' and p_key !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then
    raise exception 'p_key must be a person id (a UUID) for p_kind id' using errcode = 'invalid_text_representation';
  end if;
  perform app_private.owner_access_on();
  -- Each statement names its table's distribution column with the key: one shard on Citus.
  case p_kind
    when 'id' then
      v_user_id := p_key::uuid;
    when 'email' then
      -- OPERATOR(public.=): a bare = would compare citext as text, case-sensitively.
      select e.user_id into v_user_id from app.person_emails as e where e.email operator(public.=) p_key::public.citext;
    when 'auth_id' then
      select a.user_id into v_user_id from app.person_auth_ids as a where a.auth_id = p_key;
    when 'device_id' then
      select d.user_id into v_user_id from app.appliance_devices as d where d.device_id = p_key;
    when 'serial_number' then
      select s.user_id into v_user_id from app.appliance_serials as s where s.serial_number = p_key;
    else
      -- Tokens are kept only as their SHA-256 (they are credentials), as app.register_push_token stores them.
      select o.user_id into v_user_id from app.push_token_owners as o
       where o.token_sha256 = pg_catalog.sha256(pg_catalog.convert_to(p_key, 'UTF8'));
  end case;
  if v_user_id is not null then
    return query select u.id, u.email::text, u.name::text, u.is_active, u.created_at
      from app.users as u where u.id = v_user_id;
  end if;
  perform app_private.owner_access_restore(v_prev);
end
$_$;

--
-- Name: FUNCTION gdpr_find_person(p_kind text, p_key text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.gdpr_find_person(p_kind text, p_key text) IS 'Compliance: the person a key names — p_kind id (a UUID), email (case-insensitive), auth_id (the Better-Auth user id), device_id or serial_number (of an appliance paired now; an unpaired one names nobody any more), push_token (a registered token, compared by its SHA-256) — as id, e-mail, name, active flag, registration time; no row when nobody holds it. Looks the key up in its lookup table (app.person_emails, app.person_auth_ids, app.appliance_devices, app.appliance_serials, app.push_token_owners) and then reads app.users by id: on Citus each is one shard, never a scan of every shard. Not audited (nothing beyond who the person is); the export and purge that follow are. Errors: another p_kind or an empty key (22023), a p_kind id that is not a UUID (22P02).';

--
-- Name: gdpr_find_user(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.gdpr_find_user(p_key text) RETURNS TABLE(user_id uuid, email text, name text, is_active boolean, created_at timestamp with time zone)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
begin
  -- A UUID is a person id, anything else an e-mail address (as since 000022).
  return query select f.user_id, f.email, f.name, f.is_active, f.created_at
    from app.gdpr_find_person(
      case when p_key ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then 'id' else 'email' end,
      p_key) as f;
end
$_$;

--
-- Name: FUNCTION gdpr_find_user(p_key text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.gdpr_find_user(p_key text) IS 'Compliance: the person with this id (a UUID) or e-mail address (case-insensitive): id, e-mail, name, active flag, registration time; no row when there is none. app.gdpr_find_person with p_kind id or email: the e-mail through app.person_emails, so on Citus one shard, not every shard of app.users (000310). Not audited (no data beyond who the person is); the export and purge that follow are.';

--
-- Name: gdpr_pending_deletions(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.gdpr_pending_deletions() RETURNS TABLE(user_id uuid, email text, deletion_requested_at timestamp with time zone, deletion_due_at timestamp with time zone, is_due boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
begin
  perform app_private.owner_access_on();
  return query
    select u.id, u.email::text, u.deletion_requested_at, u.deletion_due_at, u.deletion_due_at <= pg_catalog.now()
    from app.users as u
    where u.deletion_due_at is not null
    order by u.deletion_due_at, u.id;
  perform app_private.owner_access_restore(v_prev);
end
$$;

--
-- Name: FUNCTION gdpr_pending_deletions(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.gdpr_pending_deletions() IS 'Compliance: pending deletion requests, soonest due first: person id, e-mail address, when they asked, when the purge is due, and whether it is due now (the worker has not run since).';

--
-- Name: gdpr_user_summary(uuid, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.gdpr_user_summary(p_user_id uuid, p_purpose text DEFAULT 'inspect'::text) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_id record;
  v_table app_private.gdpr_table;
  v_counts jsonb := '{}';
  v_rows bigint;
  v_manifest jsonb;
begin
  if p_user_id is null then
    raise exception 'p_user_id must not be null' using errcode = 'null_value_not_allowed';
  end if;
  if p_purpose is null or p_purpose not in ('inspect', 'export', 'purge') then
    raise exception 'p_purpose must be inspect, export or purge (got %)', p_purpose using errcode = 'invalid_parameter_value';
  end if;
  -- Citus: one connection per node before the first multi-shard statement: the purge that follows
  -- a purge preview in the same transaction updates a reference table (000311).
  if p_purpose = 'purge' then
    perform pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);
  end if;
  perform app_private.owner_access_on();
  v_id := app_private.gdpr_identity(p_user_id);
  for v_table in select g.* from app_private.gdpr_tables() as g order by g.export_rank loop
    execute app_private.gdpr_sql(v_table, 'count') into v_rows using p_user_id, v_id.auth_id, v_id.emails;
    v_counts := v_counts || pg_catalog.jsonb_build_object(v_table.name, v_rows);
  end loop;
  v_manifest := app_private.gdpr_manifest(p_user_id, v_id.known, v_counts);
  perform app_private.gdpr_audit_write('summary', p_user_id,
    pg_catalog.jsonb_build_object('purpose', p_purpose, 'found', v_id.known, 'tables', v_counts));
  perform app_private.owner_access_restore(v_prev);
  return v_manifest;
end
$$;

--
-- Name: FUNCTION gdpr_user_summary(p_user_id uuid, p_purpose text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.gdpr_user_summary(p_user_id uuid, p_purpose text) IS 'Compliance: the manifest of the person''s export without the rows (rows per table, primary keys, what is left out), e.g. before an export in pages (p_purpose = export) or to show what a purge will delete (purge; on Citus it then switches the transaction to sequential multi-shard mode first, so that the purge may follow in the same transaction, 000311). An unknown id gives found = false and zero counts. Audited (action summary).';

--
-- Name: is_semver(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.is_semver(p_version text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
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
    SET search_path TO 'pg_catalog', 'pg_temp'
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
-- Name: lock_embedding_sources(text, uuid[], uuid[]); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.lock_embedding_sources(p_kind text, p_user_ids uuid[], p_ids uuid[]) RETURNS TABLE(id uuid, user_id uuid)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_user uuid;
  v_ids uuid[];
begin
  if p_kind is null or p_kind not in ('meal_log', 'message') then
    raise exception 'lock_embedding_sources: kind must be meal_log or message (got %)', p_kind using errcode = 'invalid_parameter_value';
  end if;
  if pg_catalog.cardinality(p_user_ids) is distinct from pg_catalog.cardinality(p_ids) then
    raise exception 'lock_embedding_sources: user_ids and ids must be arrays of the same length (pairs)'
      using errcode = 'invalid_parameter_value', column = 'user_ids';
  end if;
  perform app_private.owner_access_on();
  for v_user, v_ids in
    select k.user_id, pg_catalog.array_agg(k.id order by k.id)
    from rows from (pg_catalog.unnest(p_user_ids), pg_catalog.unnest(p_ids)) as k (user_id, id)
    where k.user_id is not null and k.id is not null
    group by k.user_id
    order by k.user_id
  loop
    if p_kind = 'meal_log' then
      return query select m.id, m.user_id from app.meal_logs as m
        where m.user_id = v_user and m.id = any (v_ids) order by m.id for key share;
    else
      return query select m.id, m.user_id from app.messages as m
        where m.user_id = v_user and m.id = any (v_ids) order by m.id for key share;
    end if;
  end loop;
  perform app_private.owner_access_restore(v_access);
end
$$;

--
-- Name: FUNCTION lock_embedding_sources(p_kind text, p_user_ids uuid[], p_ids uuid[]); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.lock_embedding_sources(p_kind text, p_user_ids uuid[], p_ids uuid[]) IS 'Job assistant.embed (app_worker): locks the meal logs (p_kind meal_log) or messages (message) named by the pairs (p_user_ids[i], p_ids[i]) — owner and id — FOR KEY SHARE until the end of the caller''s transaction and returns those that still exist under that owner, so the embeddings written next in that transaction cannot outlive a concurrent DELETE of their source. One locking statement per person, filtered on user_id (Citus: one shard each), persons in id order. SECURITY DEFINER (row locks need UPDATE privilege). Errors: another kind, arrays of different lengths (22023).';

--
-- Name: maintain_partitions(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.maintain_partitions() RETURNS jsonb
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  select app_private.maintain_partitions(pg_catalog.now(), null)
$$;

--
-- Name: FUNCTION maintain_partitions(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.maintain_partitions() IS 'Runs partition maintenance now for every table in app_private.partitioned_tables (the worker''s schedule and `kitchen-db partitions maintain`). Returns {ran_at, now, busy, tables: [{table, created: [{partition, from, to, moved_rows}], moved_rows, retention_cutoff, dropped: [name], detached: [name], default_rows, default: {default_partition, oldest, newest, before_window, after_window}, errors: [{step, month|partition, sqlstate, message}]}]}. busy = another run held the lock and nothing was done. Idempotent; safe during ingestion (see app_private.maintain_partitions). EXECUTE: app_worker.';

--
-- Name: mark_offline_appliances(interval); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.mark_offline_appliances(p_silent_for interval) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_count integer;
begin
  if p_silent_for is null or p_silent_for < interval '1 second' then
    raise exception 'mark_offline_appliances: the silence threshold must be at least one second (got %)', p_silent_for
      using errcode = 'invalid_parameter_value';
  end if;
  update app.appliances as a
     set status = 'offline'
   where a.unpaired_at is null
     and a.status is distinct from 'offline'
     and coalesce(a.last_seen_at, a.paired_at) < pg_catalog.now() - p_silent_for;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

--
-- Name: FUNCTION mark_offline_appliances(p_silent_for interval); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.mark_offline_appliances(p_silent_for interval) IS 'Offline sweep (job appliances.offline-sweep, every minute): every current pairing (unpaired_at IS NULL) not already offline whose device was last heard from (last_seen_at, or paired_at if never) more than p_silent_for ago becomes status offline, whatever it was (online, cooking, error: a silent device''s state is unknown). Returns how many changed; idempotent. SECURITY INVOKER, executable by app_worker only. Errors: a threshold under one second (22023).';

--
-- Name: nutrition_is_valid(jsonb); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.nutrition_is_valid(p_nutrition jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
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

SET default_tablespace = '';

SET default_table_access_method = heap;

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
-- Name: CONSTRAINT appliances_unpaired_at_check ON appliances; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT appliances_unpaired_at_check ON app.appliances IS 'A pairing cannot end before it began.';

--
-- Name: pair_appliance(text, text, text, text, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.pair_appliance(p_device_id text, p_serial_number text, p_pairing_code text, p_name text DEFAULT NULL::text, p_wifi_mac text DEFAULT NULL::text) RETURNS app.appliances
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  me        uuid := app.current_user_id();
  access    text := pg_catalog.current_setting('app.owner_access', true);
  v_holder  uuid;
  v_pairing uuid;
  v_new_id  uuid := pg_catalog.gen_random_uuid();
  v_claimed boolean := false;
  cur       app.appliances;
  latest    app.appliances;
  created   app.appliances;
begin
  if me is null then
    raise exception 'pairing an appliance needs a person (app.user_id is not set)'
      using errcode = 'insufficient_privilege';
  end if;
  if p_device_id is null or p_serial_number is null then
    raise exception 'device id and serial number are required'
      using errcode = 'not_null_violation', column = case when p_device_id is null then 'device_id' else 'serial_number' end,
            table = 'appliances';
  end if;
  -- Policy owner_access for this function's owner, until it returns (an error aborts the
  -- transaction or savepoint, which reverts the setting too).
  perform app_private.owner_access_on();

  -- The device's lookup row first, locked: every pairing of this device queues here.
  select d.user_id, d.appliance_id into v_holder, v_pairing
  from app.appliance_devices as d where d.device_id = p_device_id for update;
  if not found then
    insert into app.appliance_devices as d (device_id, user_id, appliance_id)
    values (p_device_id, me, v_new_id)
    on conflict (device_id) do nothing;
    v_claimed := found;
    if not v_claimed then
      -- A concurrent first pairing of the same device claimed it first (ON CONFLICT waited).
      select d.user_id, d.appliance_id into v_holder, v_pairing
      from app.appliance_devices as d where d.device_id = p_device_id for update;
    end if;
  end if;

  -- The device's latest pairing, current or ended: the serial must match it.
  select a.* into latest
  from app.appliances as a
  where a.device_id = p_device_id
  order by a.unpaired_at is null desc, a.paired_at desc
  limit 1;

  if latest.id is not null and latest.serial_number <> p_serial_number then
    raise exception 'serial number % does not match device %', p_serial_number, p_device_id
      using errcode = 'check_violation', column = 'serial_number', constraint = 'appliances_serial_number_match',
            table = 'appliances', schema = 'app';
  end if;

  -- The current pairing, locked by its person and id: the one the lookup row names, else (written
  -- without a lookup row) the latest pairing if it is current.
  if not v_claimed then
    select a.* into cur from app.appliances as a
    where a.user_id = v_holder and a.id = v_pairing and a.unpaired_at is null
    for update;
  end if;
  if cur.id is null and latest.unpaired_at is null and latest.id is not null then
    select a.* into cur from app.appliances as a
    where a.user_id = latest.user_id and a.id = latest.id and a.unpaired_at is null
    for update;
  end if;

  if cur.id is not null then
    if cur.user_id = me then
      -- Already yours: pairing again changes nothing (the lookup rows name this pairing).
      update app.appliance_devices as d set user_id = me, appliance_id = cur.id
       where d.device_id = p_device_id and (d.user_id, d.appliance_id) is distinct from (me, cur.id);
      insert into app.appliance_serials as s (serial_number, user_id, appliance_id)
      values (cur.serial_number, me, cur.id)
      on conflict (serial_number) do nothing;
      perform app_private.owner_access_restore(access);
      return cur;
    end if;
    if cur.pairing_code is null then
      raise exception 'device % is paired to someone else and has not reported a pairing code', p_device_id
        using errcode = 'insufficient_privilege', column = 'pairing_code', constraint = 'appliances_pairing_code_unknown',
              table = 'appliances', schema = 'app',
              hint = 'The current owner can unpair it, or the device reports its code with its next heartbeat.';
    end if;
    if cur.pairing_code is distinct from p_pairing_code then
      raise exception 'the pairing code does not match the one device % displays', p_device_id
        using errcode = 'insufficient_privilege', column = 'pairing_code', constraint = 'appliances_pairing_code_match',
              table = 'appliances', schema = 'app';
    end if;
    update app.appliances as a
       set unpaired_at = greatest(pg_catalog.now(), a.paired_at)
     where a.user_id = cur.user_id and a.id = cur.id;
  end if;

  -- The serial: release the ending (or stale) pairing's row, then claim it for the new pairing.
  -- Currently paired under another device id: 23505 appliance_serials_pkey.
  delete from app.appliance_serials as s
   where s.serial_number = p_serial_number and s.appliance_id in (cur.id, v_pairing);
  insert into app.appliance_serials (serial_number, user_id, appliance_id)
  values (p_serial_number, me, v_new_id);
  update app.appliance_devices as d set user_id = me, appliance_id = v_new_id
   where d.device_id = p_device_id;

  insert into app.appliances as a
    (id, user_id, device_id, serial_number, name, wifi_mac, pairing_code, firmware_version_cm5, firmware_version_stm32)
  values
    (v_new_id, me, p_device_id, p_serial_number, coalesce(p_name, 'My Epicura'), coalesce(p_wifi_mac, latest.wifi_mac),
     p_pairing_code, latest.firmware_version_cm5, latest.firmware_version_stm32)
  returning a.* into created;
  perform app_private.owner_access_restore(access);
  return created;
end
$$;

--
-- Name: FUNCTION pair_appliance(p_device_id text, p_serial_number text, p_pairing_code text, p_name text, p_wifi_mac text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.pair_appliance(p_device_id text, p_serial_number text, p_pairing_code text, p_name text, p_wifi_mac text) IS 'Pairs device p_device_id (serial p_serial_number) with the current person (app.current_user_id()) and returns the pairing. The device''s lookup row (app.appliance_devices) is locked or claimed first; the serial is claimed in app.appliance_serials; both then name the new pairing (global uniqueness among current pairings). Proof of possession: if the device is currently paired to someone else, p_pairing_code must equal that pairing''s pairing_code (the code the device displays and reports by heartbeat); that pairing then ends (unpaired_at) and a new one starts, so history stays with the previous owner. Already paired to the caller: returns the current pairing unchanged. Not currently paired: the code is accepted as given (first pairing) and stored. The serial must match the device''s latest pairing. Errors: 42501 with constraint appliances_pairing_code_match / appliances_pairing_code_unknown; 23514 appliances_serial_number_match; 23505 appliance_serials_pkey when the serial is currently paired under another device id. SECURITY DEFINER, app.owner_access on while it runs: the caller cannot see the other person''s pairing nor the lookup tables.';

--
-- Name: partition_report(boolean); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.partition_report(p_exact boolean DEFAULT false) RETURNS TABLE(parent_table text, partition_name text, is_default boolean, lower_bound timestamp with time zone, upper_bound timestamp with time zone, row_count bigint, row_count_exact boolean, total_bytes bigint, retires_at timestamp with time zone, retention_action text)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    AS $$
declare
  r        record;
  v_count  bigint;
  v_access text := pg_catalog.current_setting('app.owner_access', true);
begin
  -- Exact counts see every person's rows (FORCEd row-level security): owner_access while counting
  -- (set_config, not a SET clause: see app_private.maintain_partitions).
  perform app_private.owner_access_on();
  for r in
    select t.parent_table, i.inhrelid::regclass as part, b.is_default, b.lower_bound, b.upper_bound,
           c.reltuples, t.retention, t.retention_action
    from app_private.partitioned_tables t
    join pg_catalog.pg_inherits i on i.inhparent = t.parent_table
    join pg_catalog.pg_class c on c.oid = i.inhrelid
    cross join lateral app_private.partition_bounds(i.inhrelid) b
    order by t.parent_table::text, b.is_default desc, b.lower_bound
  loop
    if p_exact or r.is_default then
      execute pg_catalog.format('select pg_catalog.count(*) from only %s', r.part) into v_count;
    else
      v_count := case when r.reltuples < 0 then null else r.reltuples::bigint end;
    end if;
    parent_table := r.parent_table::text;
    partition_name := r.part::text;
    is_default := r.is_default;
    lower_bound := r.lower_bound;
    upper_bound := r.upper_bound;
    row_count := v_count;
    row_count_exact := p_exact or r.is_default;
    total_bytes := pg_catalog.pg_total_relation_size(r.part);
    retires_at := case when r.is_default then null else r.upper_bound + r.retention end;
    retention_action := case when r.retention is null or r.is_default then null else r.retention_action end;
    return next;
  end loop;
  perform app_private.owner_access_restore(v_access);
end
$$;

--
-- Name: FUNCTION partition_report(p_exact boolean); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.partition_report(p_exact boolean) IS 'Partitions of every registered table: bounds (UTC), row_count (row_count_exact = false: the planner''s estimate, NULL if never analysed; p_exact counts every partition; the DEFAULT partition is always counted), total_bytes (with indexes and TOAST), retires_at (upper bound + retention: when retention drops or detaches it, per retention_action). For `kitchen-db partitions list`. EXECUTE: app_worker, app_admin.';

--
-- Name: purge_due_accounts(integer); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.purge_due_accounts(p_limit integer DEFAULT 100) RETURNS jsonb
    LANGUAGE sql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  select app_private.purge_due_accounts(pg_catalog.now(), p_limit)
$$;

--
-- Name: FUNCTION purge_due_accounts(p_limit integer); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.purge_due_accounts(p_limit integer) IS 'The job worker (app_worker): erases up to p_limit (1–1000, default 100) accounts whose deletion request is past its grace period, as of now() (no clock parameter: nobody can purge early). Returns {"now", "purged", "remaining", "tables", "total_rows"}; call again while remaining > 0. Each purge is audited.';

--
-- Name: purge_user(uuid); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.purge_user(p_user_id uuid) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_result jsonb;
begin
  if p_user_id is null then
    raise exception 'p_user_id must not be null' using errcode = 'null_value_not_allowed';
  end if;
  -- Citus: one connection per node before the first multi-shard statement (see the header).
  perform pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);
  perform app_private.owner_access_on();
  v_result := app_private.purge_user_core(p_user_id, 'compliance');
  perform app_private.owner_access_restore(v_prev);
  return v_result;
end
$$;

--
-- Name: FUNCTION purge_user(p_user_id uuid); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.purge_user(p_user_id uuid) IS 'Compliance: erases the person — every row of every table of app_private.gdpr_tables() (app and auth, partitions included), in the caller''s one transaction — and returns {"user_id", "found", "purged_at", "reason": "compliance", "tables": {"<schema.table>": rows deleted}, "total_rows"}. Idempotent: an unknown or already purged id gives found = false and zeros. Audited (action purge). Nothing else hard-deletes meal logs.';

--
-- Name: rebuild_daily_metrics(uuid); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.rebuild_daily_metrics(p_user_id uuid) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_zone text;
  v_day date;
  v_days integer := 0;
begin
  if p_user_id is null then
    raise exception 'rebuild_daily_metrics: user id is required' using errcode = 'null_value_not_allowed';
  end if;
  perform app_private.owner_access_on();
  select u.time_zone into v_zone from app.users as u where u.id = p_user_id;
  -- Days computed in an earlier time zone may no longer exist in this one: start from nothing.
  delete from app.daily_nutrition as d where d.user_id = p_user_id;
  delete from app.daily_ai_cost as d where d.user_id = p_user_id;
  if v_zone is null then
    perform app_private.owner_access_restore(v_access);
    return 0;
  end if;
  for v_day in
    select (pg_catalog.timezone(v_zone, m.meal_time))::date from app.meal_logs as m
     where m.user_id = p_user_id and not m.is_deleted
    union
    select (pg_catalog.timezone(v_zone, a.created_at))::date from app.api_usage as a
     where a.user_id = p_user_id
    order by 1
  loop
    perform app_private.refresh_daily_metrics(p_user_id, v_day);
    v_days := v_days + 1;
  end loop;
  perform app_private.owner_access_restore(v_access);
  return v_days;
end
$$;

--
-- Name: FUNCTION rebuild_daily_metrics(p_user_id uuid); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.rebuild_daily_metrics(p_user_id uuid) IS 'Job metrics.rollup after a time-zone change (app_worker): deletes every daily_nutrition / daily_ai_cost row of the person and recomputes each day that has live meals or AI usage, in the person''s current time zone. Returns the number of days recomputed. Idempotent.';

--
-- Name: recipe_data_is_valid(jsonb); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.recipe_data_is_valid(p_data jsonb) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  select pg_catalog.cardinality(app.recipe_data_problems(p_data)) = 0
$$;

--
-- Name: FUNCTION recipe_data_is_valid(p_data jsonb); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.recipe_data_is_valid(p_data jsonb) IS 'True when app.recipe_data_problems(recipe_data) finds nothing. Used by the CHECK recipes_recipe_data_check.';

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

COMMENT ON TABLE app.recipes IS 'Recipes the appliance cooks (Epicura), managed by admins; published ones sync to devices (cloud is authoritative). Not personal data: no user_id, created_by only names the admin author. Written through the admin functions app.recipe_admin_create / _update / _delete (sync lock, version, updated_at, search row, tombstones in one transaction); trigger recipes_stamp stamps plain-SQL edits on a single server. A recipe that has been cooked cannot be deleted (cooking_sessions.recipe_id ON DELETE RESTRICT): unpublish it instead.';

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

COMMENT ON COLUMN app.recipes.version IS 'Recipe version: 1 on creation, +1 on every real edit (app.recipe_admin_update, or trigger recipes_stamp for plain SQL; an UPDATE that changes nothing keeps it).';

--
-- Name: COLUMN recipes.is_published; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.is_published IS 'Visible to people and synced to devices when true. Unpublishing writes a tombstone (reason unpublished) so devices remove their copy.';

--
-- Name: COLUMN recipes.created_by; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.created_by IS 'The person (app.users.id) who authored the recipe, if any. No foreign key (Citus: app.recipes is a reference table, app.users distributed): writers pass it through app.recipe_author, which refuses an unknown person (23503 recipes_created_by_fkey); the GDPR purge sets it to NULL (declared in app_private.gdpr_reference_columns).';

--
-- Name: COLUMN recipes.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.created_at IS 'Creation timestamp.';

--
-- Name: COLUMN recipes.updated_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipes.updated_at IS 'Last real edit, clock_timestamp() under the sync lock (app.recipe_admin_*, or trigger recipes_stamp for plain SQL). The sync protocol returns published recipes with updated_at > since.';

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
-- Name: recipe_admin_create(jsonb); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.recipe_admin_create(p_recipe jsonb) RETURNS SETOF app.recipes
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_in app.recipes;
  v_row app.recipes;
begin
  if p_recipe is null or pg_catalog.jsonb_typeof(p_recipe) <> 'object' then
    raise exception 'recipe_admin_create: p_recipe must be a JSON object of app.recipes columns' using errcode = 'invalid_parameter_value';
  end if;
  v_in := pg_catalog.jsonb_populate_record(null::app.recipes, p_recipe);
  -- EXCLUSIVE sync lock first, then stamp: see app.recipe_sync_lock().
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync'));
  perform app_private.owner_access_on();
  insert into app.recipes as r
    (id, name, category, cuisine, recipe_data, tags, difficulty, time_minutes, servings,
     calories, protein_g, carbs_g, fats_g, image_url, is_published, created_by, version, updated_at)
  values
    (coalesce(v_in.id, pg_catalog.gen_random_uuid()), v_in.name, v_in.category, v_in.cuisine, v_in.recipe_data, v_in.tags,
     v_in.difficulty, v_in.time_minutes, coalesce(v_in.servings, 2), v_in.calories, v_in.protein_g, v_in.carbs_g, v_in.fats_g,
     v_in.image_url, coalesce(v_in.is_published, false), app.recipe_author(v_in.created_by), 1, pg_catalog.clock_timestamp())
  returning r.* into v_row;
  perform app_private.recipe_write_side_tables(null, v_row);
  perform app_private.owner_access_restore(v_access);
  return next v_row;
end
$$;

--
-- Name: FUNCTION recipe_admin_create(p_recipe jsonb); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.recipe_admin_create(p_recipe jsonb) IS 'The admin area: creates a recipe from a JSON object of app.recipes columns (id optional; version 1; updated_at = clock_timestamp() under the EXCLUSIVE sync lock, computed once), removes a tombstone of the same id and adds the app.recipe_search row when published — one transaction. Returns the row. SECURITY DEFINER (writes the search and tombstone tables). Constraint errors are app.recipes'' own.';

--
-- Name: recipe_admin_delete(uuid); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.recipe_admin_delete(p_id uuid) RETURNS SETOF uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_old app.recipes;
  v_deleted boolean;
begin
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync'));
  -- Citus: one connection per node before the first multi-shard statement (see the header).
  perform pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);
  perform app_private.owner_access_on();
  delete from app.recipes as r where r.id = p_id returning r.* into v_old;
  v_deleted := found;
  if v_deleted then
    perform app_private.recipe_write_side_tables(v_old, null);
  end if;
  perform app_private.owner_access_restore(v_access);
  if v_deleted then
    return next v_old.id;
  end if;
end
$$;

--
-- Name: FUNCTION recipe_admin_delete(p_id uuid); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.recipe_admin_delete(p_id uuid) IS 'The admin area: deletes recipe p_id under the EXCLUSIVE sync lock and records a ''deleted'' tombstone (the search row cascades) — one transaction. Returns its id, or no row for an unknown id. A cooked recipe is refused by the foreign key (23503 cooking_sessions_recipe_id_fkey): unpublish it instead. SECURITY DEFINER.';

--
-- Name: recipe_admin_update(uuid, jsonb); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.recipe_admin_update(p_id uuid, p_changes jsonb) RETURNS SETOF app.recipes
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  ignored constant text[] := array['version', 'updated_at', 'search_vector', 'created_by'];
  v_bad text;
  v_old app.recipes;
  v_new app.recipes;
  v_row app.recipes;
  v_updated_at timestamptz;
begin
  if p_changes is null or pg_catalog.jsonb_typeof(p_changes) <> 'object' then
    raise exception 'recipe_admin_update: p_changes must be a JSON object' using errcode = 'invalid_parameter_value';
  end if;
  select k into v_bad from pg_catalog.jsonb_object_keys(p_changes) as k
   where k not in ('name', 'category', 'cuisine', 'recipe_data', 'tags', 'difficulty', 'time_minutes', 'servings',
                   'calories', 'protein_g', 'carbs_g', 'fats_g', 'image_url', 'is_published')
   limit 1;
  if found then
    raise exception 'recipe_admin_update: % cannot be changed', v_bad using errcode = 'invalid_parameter_value';
  end if;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync'));
  perform app_private.owner_access_on();
  select r.* into v_old from app.recipes as r where r.id = p_id for update;
  if not found then
    perform app_private.owner_access_restore(v_access);
    return;
  end if;
  v_new := pg_catalog.jsonb_populate_record(v_old, p_changes);
  if (pg_catalog.to_jsonb(v_new) - ignored) = (pg_catalog.to_jsonb(v_old) - ignored) then
    perform app_private.owner_access_restore(v_access);
    return next v_old;  -- nothing changed: not an edit
    return;
  end if;
  -- Computed here, once: Citus refuses a volatile function in an UPDATE of the reference table.
  v_updated_at := greatest(pg_catalog.clock_timestamp(), v_old.updated_at + interval '1 microsecond');
  update app.recipes as r
     set name = v_new.name, category = v_new.category, cuisine = v_new.cuisine, recipe_data = v_new.recipe_data,
         tags = v_new.tags, difficulty = v_new.difficulty, time_minutes = v_new.time_minutes, servings = v_new.servings,
         calories = v_new.calories, protein_g = v_new.protein_g, carbs_g = v_new.carbs_g, fats_g = v_new.fats_g,
         image_url = v_new.image_url, is_published = v_new.is_published,
         version = v_old.version + 1,
         updated_at = v_updated_at
   where r.id = p_id
  returning r.* into v_row;
  perform app_private.recipe_write_side_tables(v_old, v_row);
  perform app_private.owner_access_restore(v_access);
  return next v_row;
end
$$;

--
-- Name: FUNCTION recipe_admin_update(p_id uuid, p_changes jsonb); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.recipe_admin_update(p_id uuid, p_changes jsonb) IS 'The admin area: applies p_changes (a JSON object of editable app.recipes columns, is_published included) to recipe p_id under the EXCLUSIVE sync lock: a real change gets version + 1 and updated_at = clock_timestamp(), computed once; unpublishing writes an ''unpublished'' tombstone, republishing removes it; the search row follows — one transaction. Returns the row (unchanged when nothing changed), no row for an unknown id. SECURITY DEFINER. Errors: a non-editable key (22023); constraint errors are app.recipes'' own.';

--
-- Name: recipe_allergen_keys(jsonb, text[]); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.recipe_allergen_keys(p_recipe_data jsonb, p_tags text[]) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
-- PL/pgSQL with the normalisation written out (= app.allergen_key): about 30 µs a recipe, where
-- the same rule as one SQL query (CTEs, not inlinable because of SET search_path) took ~30 ms.
declare
  keys text[] := '{}';
  ing  jsonb;
  k    text;
  t    text;
begin
  foreach t in array coalesce(p_tags, '{}') loop
    keys := keys || pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.lower(t), '[^[:alnum:]]+', '_', 'g'), '_');
  end loop;
  for ing in
    select i.value
    from pg_catalog.jsonb_path_query(p_recipe_data, 'lax $.stages[*].ingredients[*] ? (@.type() == "object")') as i (value)
  loop
    k := pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.lower(ing ->> 'name'), '[^[:alnum:]]+', '_', 'g'), '_');
    if k is not null then
      keys := keys || k || pg_catalog.string_to_array(k, '_');
    end if;
    case pg_catalog.jsonb_typeof(ing -> 'allergens')
      when 'array' then
        for t in select a.value from pg_catalog.jsonb_array_elements_text(ing -> 'allergens') as a (value) loop
          keys := keys || pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.lower(t), '[^[:alnum:]]+', '_', 'g'), '_');
        end loop;
      when 'string' then
        keys := keys || pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.lower(ing ->> 'allergens'), '[^[:alnum:]]+', '_', 'g'), '_');
      else
        null;
    end case;
  end loop;
  return array(select distinct u.k from pg_catalog.unnest(keys) as u (k) where u.k <> '' order by 1);
end
$_$;

--
-- Name: FUNCTION recipe_allergen_keys(p_recipe_data jsonb, p_tags text[]); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.recipe_allergen_keys(p_recipe_data jsonb, p_tags text[]) IS 'The allergen keys a recipe holds (sorted, distinct, app.allergen_key-normalised): its tags, each ingredient name of every stage and each word of that name, and each entry of an ingredient''s "allergens" array (or string). A person with allergen A (normalised the same way) must not be offered the recipe when A is one of these keys. Stored per published recipe in app.recipe_search.allergen_keys, which search filters on.';

--
-- Name: recipe_author(uuid); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.recipe_author(p_user_id uuid) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_prev  text := pg_catalog.current_setting('app.owner_access', true);
  v_found boolean;
begin
  if p_user_id is null then
    return null;
  end if;
  perform app_private.owner_access_on();
  select exists (select from app.users as u where u.id = p_user_id) into v_found;
  perform app_private.owner_access_restore(v_prev);
  if not v_found then
    raise exception 'insert or update on table "recipes" violates foreign key constraint "recipes_created_by_fkey"'
      using errcode = 'foreign_key_violation', constraint = 'recipes_created_by_fkey', column = 'created_by',
            table = 'recipes', schema = 'app',
            detail = pg_catalog.format('Key (created_by)=(%s) is not present in table "users".', p_user_id);
  end if;
  return p_user_id;
end
$$;

--
-- Name: FUNCTION recipe_author(p_user_id uuid); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.recipe_author(p_user_id uuid) IS 'The recipe author check that replaced recipes_created_by_fkey (issue 17: no foreign key from the reference table app.recipes to the distributed app.users): returns p_user_id when the person exists (or NULL for NULL), else raises 23503 with constraint recipes_created_by_fkey and the foreign key''s own message. Writers of app.recipes.created_by pass the value through it. SECURITY DEFINER (app.owner_access on while it looks): executable by app_admin only, who reads every person anyway.';

--
-- Name: recipe_data_problems(jsonb); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.recipe_data_problems(p_data jsonb) RETURNS text[]
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
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
    SET search_path TO 'pg_catalog', 'pg_temp'
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
-- Name: refresh_daily_metrics(uuid, date); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.refresh_daily_metrics(p_user_id uuid, p_day date) RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
begin
  perform app_private.owner_access_on();
  perform app_private.refresh_daily_metrics(p_user_id, p_day);
  perform app_private.owner_access_restore(v_access);
end
$$;

--
-- Name: FUNCTION refresh_daily_metrics(p_user_id uuid, p_day date); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.refresh_daily_metrics(p_user_id uuid, p_day date) IS 'Job metrics.rollup (app_worker): recomputes app.daily_nutrition and app.daily_ai_cost of one person and calendar day (the person''s time zone) with app_private.refresh_daily_metrics. Idempotent; an unknown person or a day without data leaves no row. Errors: NULL arguments (22004).';

--
-- Name: register_push_token(text, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.register_push_token(p_platform text, p_token text) RETURNS TABLE(id uuid, platform text, token text, created_at timestamp with time zone, updated_at timestamp with time zone, moved_from_other boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
declare
  v_access   text := pg_catalog.current_setting('app.owner_access', true);
  v_me       uuid := app.current_user_id();
  v_holder   uuid;
  v_token_id uuid;
  v_claimed  boolean := false;
  v_old      app.push_tokens;
  v_key      bytea := pg_catalog.sha256(pg_catalog.convert_to(p_token, 'UTF8'));
  v_row      app.push_tokens;
begin
  if v_me is null then
    raise exception 'register_push_token needs a person context (app.user_id)'
      using errcode = 'insufficient_privilege';
  end if;
  if p_token is null then
    raise exception 'token is required' using errcode = 'not_null_violation', column = 'token', table = 'push_tokens';
  end if;
  perform app_private.owner_access_on();

  -- The token's lookup row first, locked: who holds it, and every registration of it queues here.
  select o.user_id, o.push_token_id into v_holder, v_token_id
  from app.push_token_owners as o where o.token_sha256 = v_key for update;
  if not found then
    insert into app.push_token_owners as o (token_sha256, user_id, push_token_id)
    values (v_key, v_me, pg_catalog.gen_random_uuid())
    on conflict (token_sha256) do nothing
    returning o.user_id, o.push_token_id into v_holder, v_token_id;
    v_claimed := found;
    if not v_claimed then
      -- A concurrent first registration of the same token claimed it first (ON CONFLICT waited).
      select o.user_id, o.push_token_id into v_holder, v_token_id
      from app.push_token_owners as o where o.token_sha256 = v_key for update;
    end if;
  end if;

  if not v_claimed then
    -- The holder's row (absent only if it was removed without its lookup row: then the token is free).
    delete from app.push_tokens as t
     where v_holder <> v_me and t.user_id = v_holder and t.id = v_token_id and t.token = p_token
    returning t.* into v_old;
    update app.push_tokens as t
       set platform = p_platform
     where v_holder = v_me and t.user_id = v_me and t.id = v_token_id and t.token = p_token
    returning t.* into v_row;
  end if;

  if v_row.id is null then
    insert into app.push_tokens as t (id, user_id, platform, token, created_at)
    values (v_token_id, v_me, p_platform, p_token, coalesce(v_old.created_at, pg_catalog.now()))
    returning t.* into v_row;
    if v_holder <> v_me then
      update app.push_token_owners as o set user_id = v_me where o.token_sha256 = v_key;
    end if;
  end if;

  perform app_private.owner_access_restore(v_access);
  return query select v_row.id, v_row.platform::text, v_row.token, v_row.created_at, v_row.updated_at,
                      v_old.id is not null;
end
$$;

--
-- Name: FUNCTION register_push_token(p_platform text, p_token text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.register_push_token(p_platform text, p_token text) IS 'Registers (or refreshes) an FCM/APNs token for the current person (app.current_user_id()). The token is unique across people through app.push_token_owners, whose row is locked (or claimed) first: re-registered by another person, the token''s row moves to them with its id and created_at (deleted from the previous holder, inserted for the caller; moved_from_other = true); re-registered by its holder, it is refreshed (updated_at, platform). CHECKs push_tokens_platform_check / push_tokens_token_check apply. SECURITY DEFINER (app.owner_access on while it runs) because the previous holder''s row and the lookup table are invisible to the person; executable by app_user only.';

--
-- Name: request_account_deletion(); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.request_account_deletion() RETURNS TABLE(deletion_requested_at timestamp with time zone, deletion_due_at timestamp with time zone)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_me uuid := app.current_user_id();
  v_user record;
  v_grace interval;
begin
  if v_me is null then
    raise exception 'no person in this transaction (app.user_id is not set)' using errcode = 'insufficient_privilege';
  end if;
  perform app_private.owner_access_on();
  select u.deletion_requested_at, u.deletion_due_at into v_user from app.users as u where u.id = v_me for update;
  if not found then
    raise exception 'no account for this person' using errcode = 'insufficient_privilege';
  end if;
  if v_user.deletion_requested_at is null then
    select s.deletion_grace_period into v_grace from app_private.gdpr_settings as s;
    update app.users as u
       set deletion_requested_at = pg_catalog.now(),
           deletion_due_at = pg_catalog.now() + coalesce(v_grace, interval '30 days'),
           deletion_was_active = u.is_active,
           is_active = false
     where u.id = v_me
    returning u.deletion_requested_at, u.deletion_due_at into v_user;
    perform app_private.gdpr_audit_write('deletion_requested', v_me,
      pg_catalog.jsonb_build_object('due_at', v_user.deletion_due_at, 'grace_period', coalesce(v_grace, interval '30 days')::text));
  end if;
  perform app_private.owner_access_restore(v_prev);
  deletion_requested_at := v_user.deletion_requested_at;
  deletion_due_at := v_user.deletion_due_at;
  return next;
end
$$;

--
-- Name: FUNCTION request_account_deletion(); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.request_account_deletion() IS 'The person of the transaction (app.current_user_id(), role app_user) asks for their account to be erased: the account is deactivated (is_active = false) and the purge is due after the grace period (app_private.gdpr_settings). Returns the request time and the due time. Asking again changes nothing and returns the pending request. Audited (action deletion_requested).';

--
-- Name: search_knowledge(public.vector, text, integer, jsonb, integer); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.search_knowledge(p_query public.vector, p_model text, p_limit integer DEFAULT 10, p_filter jsonb DEFAULT NULL::jsonb, p_ef_search integer DEFAULT NULL::integer) RETURNS TABLE(id uuid, content text, distance double precision, source_kind text, source_id uuid, chunk_index integer, metadata jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
declare
  v_ef        integer;
  v_filtered  boolean := p_filter is not null and p_filter <> '{}'::jsonb;
begin
  if p_query is null or p_model is null then
    raise exception 'search_knowledge: query vector and model are required'
      using errcode = 'null_value_not_allowed', column = case when p_query is null then 'embedding' else 'model' end;
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 1000 then
    raise exception 'search_knowledge: limit must be between 1 and 1000 (got %)', p_limit
      using errcode = 'invalid_parameter_value', column = 'limit';
  end if;
  if p_ef_search is not null and (p_ef_search < 1 or p_ef_search > 1000) then
    raise exception 'search_knowledge: ef_search must be between 1 and 1000 (got %)', p_ef_search
      using errcode = 'invalid_parameter_value', column = 'ef_search';
  end if;

  -- Candidates per scan: at least k (HNSW returns at most ef_search rows per scan), 40 by default.
  v_ef := least(1000, greatest(coalesce(p_ef_search, 40), p_limit));

  -- hnsw.iterative_scan exists from pgvector 0.8 (its settings exist once the library is loaded,
  -- which reading p_query did). The model is always a filter, so it is turned on for every query:
  -- it only costs anything when the filter leaves fewer than k of the first candidates.
  if pg_catalog.current_setting('hnsw.iterative_scan', true) is not null then
    perform pg_catalog.set_config('hnsw.iterative_scan', 'relaxed_order', true);
  elsif v_filtered then
    v_ef := least(1000, greatest(v_ef, p_limit * 10));  -- no iterative scan: look at more candidates
  end if;
  perform pg_catalog.set_config('hnsw.ef_search', v_ef::text, true);

  -- EXECUTE (a constant statement, not dynamic SQL) so the plan is made for these values each
  -- time: a cached generic plan would guess LIMIT and could prefer a sequential scan. relaxed_order
  -- may return neighbours slightly out of order, hence the outer ORDER BY.
  return query execute
    'select h.id, h.content, h.distance, ''knowledge''::text, h.source_id, h.chunk_index, h.metadata
       from (select e.id, e.content,
                    (e.embedding operator(public.<=>) $1)::double precision as distance,
                    e.source_id, e.chunk_index, e.metadata
               from app.knowledge_embeddings as e
              where e.model = $2
                and ($4::jsonb is null or e.metadata operator(pg_catalog.@>) $4)
              order by e.embedding operator(public.<=>) $1
              limit $3) as h
      order by h.distance, h.id'
    using p_query, p_model, p_limit, case when v_filtered then p_filter end;
end
$_$;

--
-- Name: FUNCTION search_knowledge(p_query public.vector, p_model text, p_limit integer, p_filter jsonb, p_ef_search integer); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.search_knowledge(p_query public.vector, p_model text, p_limit integer, p_filter jsonb, p_ef_search integer) IS 'Approximate nearest neighbours (cosine distance) of p_query in the shared knowledge base (app.knowledge_embeddings) for one embedding model, optionally only rows whose metadata contains p_filter (@>). Uses the HNSW index idx_knowledge_embeddings_hnsw. Sets, transaction-locally, hnsw.ef_search = p_ef_search (default 40, at least p_limit, at most 1000) and, when pgvector offers it (0.8+), hnsw.iterative_scan = relaxed_order so filters cannot starve the result; on older pgvector a filtered query widens ef_search to 10 × p_limit instead. Returns content, distance (0 = same direction, 2 = opposite) and the source (source_kind always knowledge), nearest first. VOLATILE because it changes settings. Errors: NULL query/model (22004), limit outside 1–1000 or ef_search outside 1–1000 (22023); a vector of another dimension fails in pgvector (22000).';

--
-- Name: semver_sort_key(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.semver_sort_key(p_version text) RETURNS bytea
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
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
-- Name: sign_in_person(text, text, text, text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.sign_in_person(p_auth_id text, p_email text, p_name text DEFAULT NULL::text, p_time_zone text DEFAULT NULL::text) RETURNS TABLE(user_id uuid, created boolean, is_active boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
#variable_conflict use_column
declare
  v_access     text := pg_catalog.current_setting('app.owner_access', true);
  v_auth_email text;
  v_auth_name  text;
  v_name       text;
  v_id         uuid;
  v_created    boolean := false;
  v_active     boolean;
  v_old_email  text;
begin
  if p_auth_id is null then
    raise exception 'auth id is required' using errcode = 'not_null_violation', column = 'auth_id', table = 'users';
  end if;
  if p_email is null then
    raise exception 'e-mail is required' using errcode = 'not_null_violation', column = 'email', table = 'users';
  end if;

  perform app_private.owner_access_on();

  -- The identity must exist in Better-Auth, with the same e-mail: the caller cannot invent one.
  select a.email, a.name into v_auth_email, v_auth_name
  from auth."user" as a
  where a.id = p_auth_id;
  if not found then
    raise exception 'no Better-Auth user with this id'
      using errcode = 'foreign_key_violation', table = 'users', constraint = 'users_auth_id_fkey',
            detail = 'Key (auth_id) is not present in table "user".';
  end if;
  if pg_catalog.lower(v_auth_email) is distinct from pg_catalog.lower(p_email) then
    raise exception 'the e-mail does not match the Better-Auth user'
      using errcode = 'check_violation', table = 'users', column = 'email', constraint = 'users_email_sign_in_check';
  end if;

  -- The identity's lookup row first, locked: every sign-in of this identity queues here.
  select a.user_id into v_id from app.person_auth_ids as a where a.auth_id = p_auth_id for update;
  if v_id is null then
    insert into app.person_auth_ids as a (auth_id, user_id)
    values (p_auth_id, pg_catalog.gen_random_uuid())
    on conflict (auth_id) do nothing
    returning a.user_id into v_id;
    v_created := v_id is not null;
    if not v_created then
      -- A concurrent first sign-in of the same identity claimed it first (ON CONFLICT waited for it).
      select a.user_id into v_id from app.person_auth_ids as a where a.auth_id = p_auth_id for update;
    end if;
  end if;

  if v_created then
    -- New person. Better-Auth's name is unbounded and may be blank: trim, fall back to the e-mail's
    -- local part, keep 100 characters (app.users.name is varchar(100)).
    v_name := pg_catalog.left(
      coalesce(
        nullif(pg_catalog.btrim(p_name), ''),
        nullif(pg_catalog.btrim(v_auth_name), ''),
        pg_catalog.split_part(v_auth_email, '@', 1)),
      100);
    -- Someone else's e-mail: 23505 person_emails_pkey (the global rule, on the e-mail's own shard).
    insert into app.person_emails (email, user_id) values (v_auth_email::public.citext, v_id);
    insert into app.users as u (id, auth_id, email, name, time_zone)
    values (v_id, p_auth_id, v_auth_email::public.citext, v_name, coalesce(p_time_zone, 'UTC'))
    returning u.is_active into v_active;
  else
    -- Returning person: follow an e-mail change made in Better-Auth; never touch the profile name.
    select u.email::text, u.is_active into v_old_email, v_active
    from app.users as u where u.id = v_id for update;
    if v_old_email is distinct from v_auth_email then
      delete from app.person_emails as e
       where e.email operator(public.=) v_old_email::public.citext and e.user_id = v_id;
      insert into app.person_emails (email, user_id) values (v_auth_email::public.citext, v_id);
      update app.users as u set email = v_auth_email::public.citext where u.id = v_id;
    end if;
  end if;

  perform app_private.owner_access_restore(v_access);
  return query select v_id, v_created, v_active;
end
$$;

--
-- Name: FUNCTION sign_in_person(p_auth_id text, p_email text, p_name text, p_time_zone text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.sign_in_person(p_auth_id text, p_email text, p_name text, p_time_zone text) IS 'Sign-in upsert: returns the app.users id of a Better-Auth identity, creating the person on first sign-in (created = true). The identity is looked up and locked in app.person_auth_ids (global uniqueness of the auth id; concurrent first sign-ins of one identity yield one person), the e-mail claimed in app.person_emails (another person''s e-mail: 23505 person_emails_pkey), both in the same transaction as app.users. Refuses an auth id unknown to auth."user" (23503, users_auth_id_fkey) and an e-mail that differs from Better-Auth''s (23514, users_email_sign_in_check). A returning person''s e-mail follows Better-Auth''s (the only way an e-mail change reaches app.users: the old lookup row goes, the new one is claimed); name and time zone are only set on creation (name: p_name, else Better-Auth''s, else the e-mail''s local part, cut to 100 characters; time zone: p_time_zone, else UTC). is_active tells the caller whether the account is enabled. SECURITY DEFINER (app.owner_access on while it runs) because no person context exists yet and app_user may not insert into app.users nor read the lookup tables; executable by app_user only.';

--
-- Name: unpair_appliance(uuid); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.unpair_appliance(p_id uuid) RETURNS SETOF app.appliances
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  me     uuid := app.current_user_id();
  access text := pg_catalog.current_setting('app.owner_access', true);
  v_dev  text;
  v_row  app.appliances;
begin
  if me is null then
    raise exception 'unpairing an appliance needs a person (app.user_id is not set)'
      using errcode = 'insufficient_privilege';
  end if;
  perform app_private.owner_access_on();
  select a.device_id into v_dev from app.appliances as a
  where a.user_id = me and a.id = p_id and a.unpaired_at is null;
  if found then
    -- Same lock order as app.pair_appliance: the device's lookup row, then the pairing.
    perform from app.appliance_devices as d where d.device_id = v_dev for update;
    update app.appliances as a
       set unpaired_at = greatest(pg_catalog.now(), a.paired_at)
     where a.user_id = me and a.id = p_id and a.unpaired_at is null
    returning a.* into v_row;
    if v_row.id is not null then
      delete from app.appliance_devices as d where d.device_id = v_row.device_id and d.appliance_id = v_row.id;
      delete from app.appliance_serials as s where s.serial_number = v_row.serial_number and s.appliance_id = v_row.id;
    end if;
  end if;
  perform app_private.owner_access_restore(access);
  if v_row.id is not null then
    return next v_row;
  end if;
end
$$;

--
-- Name: FUNCTION unpair_appliance(p_id uuid); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.unpair_appliance(p_id uuid) IS 'Ends the current person''s current pairing p_id (unpaired_at = now, not before paired_at) and releases its device id and serial number (deletes its rows in app.appliance_devices / app.appliance_serials), in one transaction. Returns the ended pairing, or no row when p_id is not a current pairing of the person. SECURITY DEFINER (the lookup tables are invisible to app_user, who has no UPDATE of unpaired_at); executable by app_user only.';

--
-- Name: unregister_push_token(text); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.unregister_push_token(p_token text) RETURNS uuid
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_me     uuid := app.current_user_id();
  v_id     uuid;
  v_key    bytea := pg_catalog.sha256(pg_catalog.convert_to(p_token, 'UTF8'));
begin
  if v_me is null then
    raise exception 'unregister_push_token needs a person context (app.user_id)'
      using errcode = 'insufficient_privilege';
  end if;
  perform app_private.owner_access_on();
  -- Same lock order as app.register_push_token: the lookup row, then the person's row.
  perform from app.push_token_owners as o where o.token_sha256 = v_key for update;
  delete from app.push_tokens as t where t.user_id = v_me and t.token = p_token returning t.id into v_id;
  delete from app.push_token_owners as o where o.token_sha256 = v_key and o.user_id = v_me;
  perform app_private.owner_access_restore(v_access);
  return v_id;
end
$$;

--
-- Name: FUNCTION unregister_push_token(p_token text); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.unregister_push_token(p_token text) IS 'Removes the current person''s push token p_token (sign-out on a device, a rotated token) and its lookup row in app.push_token_owners, in one transaction; returns the removed row''s id, or NULL when the person holds no such token (someone else''s token is left alone and not revealed). SECURITY DEFINER (the lookup table is invisible to app_user, who has no DELETE on app.push_tokens either); executable by app_user only.';

--
-- Name: upload_cooking_log(text, uuid, uuid, text, timestamp with time zone, timestamp with time zone, jsonb, jsonb, real, integer, integer, text, integer); Type: FUNCTION; Schema: app; Owner: -
--

CREATE FUNCTION app.upload_cooking_log(p_device_id text, p_id uuid, p_recipe_id uuid, p_status text, p_started_at timestamp with time zone, p_completed_at timestamp with time zone, p_stages_log jsonb, p_customizations jsonb, p_peak_temperature real, p_total_duration_s integer, p_user_rating integer, p_notes text, p_device_revision integer) RETURNS TABLE(session_id uuid, applied boolean, stored_revision integer, filed_under_caller boolean)
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  me          uuid := app.current_user_id();
  access      text := pg_catalog.current_setting('app.owner_access', true);
  cur         app.appliances;
  target      app.appliances;
  stored      app.cooking_sessions;
  stored_dev  text;
  device_pairings uuid[];
  was_applied boolean;
begin
  if me is null then
    raise exception 'uploading a cooking log needs a person (app.user_id is not set)'
      using errcode = 'insufficient_privilege';
  end if;
  if p_device_revision is null or p_device_revision < 0 then
    raise exception 'device_revision must be a non-negative integer'
      using errcode = 'check_violation', column = 'device_revision', constraint = 'cooking_sessions_device_revision_check',
            table = 'cooking_sessions', schema = 'app';
  end if;
  -- Policy owner_access for this function's owner, until it returns (an error aborts the
  -- transaction or savepoint, which reverts the setting too).
  perform app_private.owner_access_on();

  select a.* into cur from app.appliances as a where a.device_id = p_device_id and a.unpaired_at is null;
  if not found or cur.user_id <> me then
    raise exception 'device % is not paired to you', p_device_id
      using errcode = 'insufficient_privilege', column = 'device_id', constraint = 'appliances_current_pairing',
            table = 'appliances', schema = 'app';
  end if;

  -- Only the caller's own pairings of the device: nobody's upload lands in another person's history.
  select a.* into target
  from app.appliances as a
  where a.device_id = p_device_id
    and a.user_id = me
    and a.paired_at <= p_started_at
    and (a.unpaired_at is null or p_started_at < a.unpaired_at)
  order by a.paired_at desc
  limit 1;
  if not found then
    raise exception 'the log started at %, outside your pairings of device %', p_started_at, p_device_id
      using errcode = 'check_violation', column = 'started_at', constraint = 'cooking_sessions_pairing_period',
            table = 'cooking_sessions', schema = 'app';
  end if;

  -- The caller's pairings of this device, for the upsert's condition below: a subquery there would
  -- be refused on Citus ("subqueries are not supported within INSERT queries").
  select pg_catalog.array_agg(a.id) into device_pairings
  from app.appliances as a
  where a.user_id = me and a.device_id = p_device_id;

  insert into app.cooking_sessions as s
    (id, user_id, appliance_id, recipe_id, status, started_at, completed_at, stages_log, customizations,
     peak_temperature, total_duration_s, user_rating, notes, device_revision)
  values
    (p_id, target.user_id, target.id, p_recipe_id, p_status, p_started_at, p_completed_at, p_stages_log, p_customizations,
     p_peak_temperature, p_total_duration_s, p_user_rating, p_notes, p_device_revision)
  on conflict (user_id, id) do update
     set recipe_id        = excluded.recipe_id,
         status           = excluded.status,
         started_at       = excluded.started_at,
         completed_at     = excluded.completed_at,
         stages_log       = excluded.stages_log,
         customizations   = excluded.customizations,
         peak_temperature = excluded.peak_temperature,
         total_duration_s = excluded.total_duration_s,
         -- rating and notes may also come from the app: the device sets them, never clears them
         user_rating      = coalesce(excluded.user_rating, s.user_rating),
         notes            = coalesce(excluded.notes, s.notes),
         device_revision  = excluded.device_revision
   where s.user_id = me
     and (s.device_revision is null or s.device_revision < excluded.device_revision)
     and s.appliance_id = any (device_pairings)
  returning s.* into stored;

  was_applied := found;
  if not was_applied then
    -- An equal or newer revision is stored, or the id is one of the caller's sessions of another device.
    select s.* into stored from app.cooking_sessions as s where s.user_id = me and s.id = p_id;
    select a.device_id into stored_dev from app.appliances as a where a.user_id = me and a.id = stored.appliance_id;
    if stored_dev is distinct from p_device_id then
      raise exception 'cooking session % belongs to another device', p_id
        using errcode = 'unique_violation', column = 'id', constraint = 'cooking_sessions_pkey',
              table = 'cooking_sessions', schema = 'app';
    end if;
  end if;
  perform app_private.owner_access_restore(access);
  return query select stored.id, was_applied, stored.device_revision, true;
end
$$;

--
-- Name: FUNCTION upload_cooking_log(p_device_id text, p_id uuid, p_recipe_id uuid, p_status text, p_started_at timestamp with time zone, p_completed_at timestamp with time zone, p_stages_log jsonb, p_customizations jsonb, p_peak_temperature real, p_total_duration_s integer, p_user_rating integer, p_notes text, p_device_revision integer); Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON FUNCTION app.upload_cooking_log(p_device_id text, p_id uuid, p_recipe_id uuid, p_status text, p_started_at timestamp with time zone, p_completed_at timestamp with time zone, p_stages_log jsonb, p_customizations jsonb, p_peak_temperature real, p_total_duration_s integer, p_user_rating integer, p_notes text, p_device_revision integer) IS 'Stores a cooking log the device uploads (idempotent, device-authoritative): INSERT ... ON CONFLICT (user_id, id) DO UPDATE only when p_device_revision is above the stored device_revision (NULL = never uploaded), so a repeated or concurrent upload leaves one row and a late older upload changes nothing. The caller must be the current owner of device p_device_id. A log is filed only under one of the caller''s own pairings of the device, the one whose [paired_at, unpaired_at) covers p_started_at; a log started outside all of them is refused (23514 cooking_sessions_pairing_period, column started_at), the same error whatever lies there. Session ids are unique per person (primary key (user_id, id)): an existing session id of the caller is updated only when it was cooked on the same device; the caller''s session of another device is refused (23505 cooking_sessions_pkey). Another person''s session with the same id is neither seen nor touched: the upload is a session of the caller. No upload writes into another person''s history. user_rating and notes are set when given, never cleared. Returns the session id, whether this upload was applied, the stored revision, and filed_under_caller (always true now). Errors: 42501 appliances_current_pairing; 23514 cooking_sessions_pairing_period; 23505 cooking_sessions_pkey; CHECK/FK violations of cooking_sessions as usual (an unpublished recipe is refused like a missing one). SECURITY DEFINER, app.owner_access on while it runs.';

--
-- Name: apply_retention(regclass, timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.apply_retention(p_parent regclass, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    AS $$
declare
  v_policy   record;
  v_cutoff   timestamptz;
  v_part     record;
  v_name     text;
  v_dropped  jsonb := '[]';
  v_detached jsonb := '[]';
  v_errors   jsonb := '[]';
  v_comment  record;
begin
  select t.retention, t.retention_action into v_policy from app_private.partitioned_tables t where t.parent_table = p_parent;
  if not found then
    raise exception '% is not in app_private.partitioned_tables', p_parent using errcode = 'invalid_parameter_value';
  end if;
  if v_policy.retention is null then
    return pg_catalog.jsonb_build_object('cutoff', null, 'dropped', v_dropped, 'detached', v_detached, 'errors', v_errors);
  end if;
  v_cutoff := p_now - v_policy.retention;

  for v_part in
    select i.inhrelid::regclass as part, b.lower_bound, b.upper_bound
    from pg_catalog.pg_inherits i, app_private.partition_bounds(i.inhrelid) b
    where i.inhparent = p_parent
      and not b.is_default
      and b.upper_bound <= v_cutoff          -- wholly older than the cutoff
    order by b.lower_bound
  loop
    v_name := v_part.part::text;  -- before the drop: a dropped regclass prints as its OID
    for attempt in 1..3 loop
      begin
        if v_policy.retention_action = 'drop' then
          execute pg_catalog.format('drop table %s', v_part.part);
          v_dropped := v_dropped || pg_catalog.jsonb_build_array(v_name);
        else
          execute pg_catalog.format('alter table %s detach partition %s', p_parent, v_part.part);
          for v_comment in
            select a.attname, d.description
            from pg_catalog.pg_attribute a
            join pg_catalog.pg_description d on d.objoid = a.attrelid and d.classoid = 'pg_catalog.pg_class'::regclass and d.objsubid = a.attnum
            where a.attrelid = p_parent and a.attnum > 0 and not a.attisdropped
          loop
            execute pg_catalog.format('comment on column %s.%I is %L', v_part.part, v_comment.attname, v_comment.description);
          end loop;
          execute pg_catalog.format('comment on table %s is %L', v_part.part, pg_catalog.format(
            'Former monthly partition of %s covering [%s, %s) UTC, detached by retention on %s (older than %s). A standalone table now: archive it, then drop it.',
            p_parent, pg_catalog.to_char(v_part.lower_bound, 'YYYY-MM-DD'), pg_catalog.to_char(v_part.upper_bound, 'YYYY-MM-DD'),
            pg_catalog.to_char(p_now, 'YYYY-MM-DD'), v_policy.retention));
          v_detached := v_detached || pg_catalog.jsonb_build_array(v_name);
        end if;
        exit;
      exception
        when lock_not_available then
          if attempt = 3 then
            v_errors := v_errors || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
              'step', 'retention', 'partition', v_name, 'sqlstate', sqlstate, 'message', sqlerrm));
          else
            perform pg_catalog.pg_sleep(0.2 * attempt);
          end if;
        when others then
          v_errors := v_errors || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
            'step', 'retention', 'partition', v_name, 'sqlstate', sqlstate, 'message', sqlerrm));
          exit;
      end;
    end loop;
  end loop;
  return pg_catalog.jsonb_build_object('cutoff', v_cutoff, 'dropped', v_dropped, 'detached', v_detached, 'errors', v_errors);
end
$$;

--
-- Name: FUNCTION apply_retention(p_parent regclass, p_now timestamp with time zone); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.apply_retention(p_parent regclass, p_now timestamp with time zone) IS 'Retention for a registered table at p_now: drops or detaches (per the registry) every monthly partition whose upper bound is at or before p_now - retention; never the DEFAULT partition, never a partition with a younger row. Each partition in its own subtransaction (lock timeouts retried twice). Returns {cutoff, dropped: [...], detached: [...], errors: [...]}; nothing without a retention.';

--
-- Name: check_default(regclass, timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.check_default(p_parent regclass, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    AS $_$
declare
  v_key     name;
  v_type    regtype;
  v_default regclass := (select nullif(pt.partdefid, 0)::regclass from pg_catalog.pg_partitioned_table pt where pt.partrelid = p_parent);
  v_first   timestamp;
  v_last    timestamp;
  v_result  jsonb;
begin
  if v_default is null then
    return pg_catalog.jsonb_build_object('default_partition', null, 'rows', 0);
  end if;
  select key_column, key_type into v_key, v_type from app_private.partition_key(p_parent);
  select w.first_month, w.last_month into v_first, v_last from app_private.partition_window(p_parent, p_now) w;
  execute pg_catalog.format(
    'select pg_catalog.jsonb_build_object(''default_partition'', %1$L, ''rows'', pg_catalog.count(*), '
    '''oldest'', pg_catalog.min(%2$I), ''newest'', pg_catalog.max(%2$I), '
    '''before_window'', pg_catalog.count(*) filter (where %3$s < %4$L::timestamp), '
    '''after_window'', pg_catalog.count(*) filter (where %3$s > %5$L::timestamp)) '
    'from only %1$s',
    v_default, v_key, app_private.partition_month_expression(v_key, v_type), v_first, v_last)
    into v_result;
  return v_result;
end
$_$;

--
-- Name: FUNCTION check_default(p_parent regclass, p_now timestamp with time zone); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.check_default(p_parent regclass, p_now timestamp with time zone) IS 'pg_partman''s check_default: what sits in the DEFAULT partition of p_parent: {default_partition, rows, oldest, newest, before_window, after_window} (exact count; the DEFAULT partition should be nearly empty). before_window/after_window count the rows maintenance will not move: older than the retention window, or beyond the premade months.';

--
-- Name: cooking_sessions_check_recipe(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.cooking_sessions_check_recipe() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
begin
  if tg_op = 'UPDATE' and new.recipe_id is not distinct from old.recipe_id then
    return null;
  end if;
  if not exists (select from app.recipes as r where r.id = new.recipe_id and r.is_published)
     and not exists (select from app.recipe_tombstones as t where t.recipe_id = new.recipe_id and t.reason = 'unpublished') then
    raise exception 'insert or update on table "cooking_sessions" violates foreign key constraint "cooking_sessions_recipe_id_fkey"'
      using errcode = 'foreign_key_violation',
            -- PostgreSQL's own wording on a table with row-level security (which hides the key).
            detail = 'Key is not present in table "recipes".',
            constraint = 'cooking_sessions_recipe_id_fkey', column = 'recipe_id', table = 'cooking_sessions', schema = 'app';
  end if;
  return null;
end
$$;

--
-- Name: FUNCTION cooking_sessions_check_recipe(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.cooking_sessions_check_recipe() IS 'AFTER INSERT / UPDATE OF recipe_id row trigger on app.cooking_sessions: the recipe must be published, or have been published and unpublished since (an ''unpublished'' tombstone: devices may still upload logs of it), else the foreign key''s own error (23503 cooking_sessions_recipe_id_fkey), so a draft cannot be told from a missing one. An UPDATE that keeps recipe_id passes. SECURITY INVOKER.';

--
-- Name: cooking_sessions_delete_events(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.cooking_sessions_delete_events() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  r record;
begin
  perform app_private.owner_access_on();
  for r in
    select o.user_id, pg_catalog.array_agg(o.id) as ids from old_rows as o group by o.user_id
  loop
    -- One person's events (Citus routes it to that person's shard).
    delete from app.telemetry_events as t where t.user_id = r.user_id and t.session_id = any (r.ids);
  end loop;
  perform app_private.owner_access_restore(v_access);
  return null;
end
$$;

--
-- Name: FUNCTION cooking_sessions_delete_events(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.cooking_sessions_delete_events() IS 'Statement trigger on app.cooking_sessions (DELETE): deletes the events of the deleted sessions, one statement per person (user_id in the condition: one shard on Citus) — the ON DELETE CASCADE of the former foreign key telemetry_events_session_id_user_id_fkey (migration 000082), without visiting every partition once per session. SECURITY DEFINER.';

--
-- Name: create_monthly_partition(regclass, date); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.create_monthly_partition(p_parent regclass, p_month date) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    SET client_min_messages TO 'warning'
    AS $_$
declare
  v_month   timestamp := pg_catalog.date_trunc('month', p_month::timestamp);
  v_start   timestamptz;
  v_end     timestamptz;
  v_key     name;
  v_type    regtype;
  v_schema  name;
  v_name    text;
  v_owner   name;
  v_part    regclass;
  v_default regclass;
  v_from    text;
  v_to      text;
  v_cols    text;
  v_moved   bigint := 0;
  v_person  name;
  v_dist    text;
begin
  select key_column, key_type into v_key, v_type from app_private.partition_key(p_parent);
  if v_key is null then
    raise exception '% is not range-partitioned on one column', p_parent using errcode = 'invalid_parameter_value';
  end if;
  v_start := pg_catalog.timezone('UTC', v_month);
  v_end := pg_catalog.timezone('UTC', v_month + interval '1 month');

  -- Already covered by a partition (ours or one made by hand with other bounds): nothing to do.
  if exists (
    select from pg_catalog.pg_inherits i, app_private.partition_bounds(i.inhrelid) b
    where i.inhparent = p_parent and not b.is_default and b.lower_bound < v_end and b.upper_bound > v_start
  ) then
    return null;
  end if;

  select n.nspname, c.relname || '_' || pg_catalog.to_char(v_month, 'YYYY_MM'), r.rolname
    into v_schema, v_name, v_owner
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_roles r on r.oid = c.relowner
  where c.oid = p_parent;
  if pg_catalog.to_regclass(pg_catalog.format('%I.%I', v_schema, v_name)) is not null then
    raise exception 'cannot create partition %.% of %: a relation of that name exists and does not cover [%, %)',
      v_schema, v_name, p_parent, v_start, v_end
      using errcode = 'duplicate_table',
            hint = 'a detached partition keeps its name: rename or drop it';
  end if;
  v_from := app_private.partition_bound_literal(v_type, v_month);
  v_to := app_private.partition_bound_literal(v_type, v_month + interval '1 month');
  v_default := (select nullif(pt.partdefid, 0)::regclass from pg_catalog.pg_partitioned_table pt where pt.partrelid = p_parent);

  -- 1. The month as a standalone table: the parent's columns, defaults, CHECKs and indexes (ATTACH
  --    adopts the matching indexes instead of building new ones, and clones the foreign keys).
  --    No identity: rows come through the parent, which owns the identity/sequence. Nobody writes
  --    to it before the attach, so no lock on the parent's partitions is needed yet.
  execute pg_catalog.format(
    'create table %I.%I (like %s including defaults including constraints including generated including indexes including storage)',
    v_schema, v_name, p_parent);
  v_part := pg_catalog.format('%I.%I', v_schema, v_name)::regclass;
  if v_owner <> current_user then
    execute pg_catalog.format('alter table %s owner to %I', v_part, v_owner);
  end if;

  -- 2. On a Citus cluster, with a distributed parent: its shards now, co-located with the parent's
  --    (ATTACH would otherwise distribute it while DEFAULT is locked).
  if exists (select from pg_catalog.pg_extension where extname = 'citus') then
    execute pg_catalog.format(
      'select pg_catalog.column_to_column_name(d.logicalrelid, d.partkey) from pg_catalog.%I d where d.logicalrelid = $1 and d.partmethod = %L',
      'pg_dist_partition', 'h')
      into v_dist using p_parent;
    if v_dist is not null then
      -- The name through format(): plpgsql_check would check a constant string, and the function
      -- exists only with Citus (as in app_private.distribute).
      execute pg_catalog.format('select pg_catalog.%I($1, $2, colocate_with => $3)', 'create_distributed_table')
        using v_part, v_dist, p_parent::text;
    end if;
  end if;

  -- 3. Row-level security (a partition queried directly uses its own), and a comment.
  select t.person_key into v_person from app_private.partitioned_tables t where t.parent_table = p_parent;
  if v_person is not null then
    perform app_private.enable_person_rls(v_part, v_person);
  end if;
  execute pg_catalog.format('comment on table %s is %L', v_part,
    pg_catalog.format('Monthly partition of %s: %s in [%s, %s) UTC.', p_parent, v_key,
      pg_catalog.to_char(v_month, 'YYYY-MM-DD'), pg_catalog.to_char(v_month + interval '1 month', 'YYYY-MM-DD')));

  -- 4. Writes into DEFAULT wait from here to commit (readers do not), so no row for this month can
  --    slip into DEFAULT between the move and the attach.
  if v_default is not null then
    execute pg_catalog.format('lock table only %s in exclusive mode', v_default);
  end if;

  -- 5. Move this month's rows out of DEFAULT (same transaction: all or nothing): copy, then delete.
  --    Two statements rather than one (DELETE … RETURNING feeding the INSERT): on Citus the copy is
  --    then an INSERT … SELECT between co-located shards, run on the workers, where the month's
  --    forced policies apply as to any insert; the one-statement form pulls the rows through the
  --    coordinator and re-inserts them with COPY, which Citus refuses on a table with row-level
  --    security ("COPY FROM not supported with row-level security"). Nobody else writes DEFAULT
  --    meanwhile (the lock above), so the two statements see the same rows.
  if v_default is not null then
    select pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' order by a.attnum) into v_cols
    from pg_catalog.pg_attribute a
    where a.attrelid = p_parent and a.attnum > 0 and not a.attisdropped and a.attgenerated = '';
    execute pg_catalog.format(
      'insert into %7$s (%6$s) select %6$s from only %1$s where %2$I >= %3$L::%4$s and %2$I < %5$L::%4$s',
      v_default, v_key, v_from, v_type, v_to, v_cols, v_part);
    get diagnostics v_moved = row_count;
    execute pg_catalog.format(
      'delete from only %1$s where %2$I >= %3$L::%4$s and %2$I < %5$L::%4$s',
      v_default, v_key, v_from, v_type, v_to);
  end if;

  -- 6. Attach (validates the moved rows and the DEFAULT partition's remaining rows).
  execute pg_catalog.format('alter table %s attach partition %s for values from (%L) to (%L)', p_parent, v_part, v_from, v_to);

  return pg_catalog.jsonb_build_object(
    'partition', v_part::text,
    'from', v_start,
    'to', v_end,
    'moved_rows', v_moved);
end
$_$;

--
-- Name: FUNCTION create_monthly_partition(p_parent regclass, p_month date); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.create_monthly_partition(p_parent regclass, p_month date) IS 'Creates the partition <table>_YYYY_MM of p_parent for the UTC month containing p_month: builds it as a standalone table (the parent''s columns, CHECKs and indexes; the parent''s owner; on a Citus cluster distributed co-located with a distributed parent; row-level security per the registry; a comment), then locks the DEFAULT partition against writes, moves that month''s rows out of it in the same transaction, and ATTACHes the month (SHARE UPDATE EXCLUSIVE on the parent, not ACCESS EXCLUSIVE). On Citus every write of the parent waits for that lock, and every read for the attach (Citus locks every partition), so only the move and the attach happen under it. Returns {partition, from, to, moved_rows}, or NULL when a partition already covers the month. Raises if another relation has the name.';

--
-- Name: create_partitions(regclass, timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.create_partitions(p_parent regclass, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    AS $$
declare
  v_premake integer;
  v_month   date;
  v_made    jsonb;
  v_created jsonb := '[]';
  v_errors  jsonb := '[]';
begin
  select t.premake into v_premake from app_private.partitioned_tables t where t.parent_table = p_parent;
  if v_premake is null then
    raise exception '% is not in app_private.partitioned_tables', p_parent using errcode = 'invalid_parameter_value';
  end if;
  for i in 0..v_premake loop
    v_month := (pg_catalog.date_trunc('month', pg_catalog.timezone('UTC', p_now)) + pg_catalog.make_interval(months => i))::date;
    for attempt in 1..3 loop
      begin
        v_made := app_private.create_monthly_partition(p_parent, v_month);
        if v_made is not null then
          v_created := v_created || pg_catalog.jsonb_build_array(v_made);
        end if;
        exit;
      exception
        when lock_not_available then
          -- lock_timeout: somebody holds a conflicting lock; back off and retry, then report.
          if attempt = 3 then
            v_errors := v_errors || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
              'step', 'create', 'month', pg_catalog.to_char(v_month, 'YYYY-MM'), 'sqlstate', sqlstate, 'message', sqlerrm));
          else
            perform pg_catalog.pg_sleep(0.2 * attempt);
          end if;
        when others then
          v_errors := v_errors || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
            'step', 'create', 'month', pg_catalog.to_char(v_month, 'YYYY-MM'), 'sqlstate', sqlstate, 'message', sqlerrm));
          exit;
      end;
    end loop;
  end loop;
  return pg_catalog.jsonb_build_object('created', v_created, 'errors', v_errors);
end
$$;

--
-- Name: FUNCTION create_partitions(p_parent regclass, p_now timestamp with time zone); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.create_partitions(p_parent regclass, p_now timestamp with time zone) IS 'Premake: makes sure the partitions of the UTC month of p_now and of the registry''s premake months after it exist (app_private.create_monthly_partition for each, each in its own subtransaction; a lock timeout is retried twice). Idempotent. Returns {created: [...], errors: [{step, month, sqlstate, message}]}.';

--
-- Name: delete_embeddings(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.delete_embeddings() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_user uuid;
  v_ids uuid[];
begin
  -- tg_argv[0] is the source_kind of the table the trigger is attached to. One DELETE per person in
  -- the statement (a purge: one), with that person's id as a constant: on Citus each is routed to the
  -- person's co-located shard (a statement over several people, or a join with the transition table,
  -- would be a distributed query from a shard, refused). The index idx_embeddings_person_chunk
  -- (user_id, source_kind, source_id, …) takes source_id = any (v_ids) as one sorted descent per id.
  for v_user, v_ids in
    select o.user_id, pg_catalog.array_agg(o.id) from old_rows as o group by o.user_id
  loop
    delete from app.embeddings as e
     where e.user_id = v_user
       and e.source_kind = tg_argv[0]
       and e.source_id = any (v_ids);
  end loop;
  return null;
end
$$;

--
-- Name: FUNCTION delete_embeddings(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.delete_embeddings() IS 'AFTER DELETE statement trigger on app.meal_logs and app.messages (argument: the source_kind; transition table old_rows): deletes the embeddings of the deleted rows in one statement (migration 000190; it ran per row before), so no chunk of a deleted message or meal survives it. Runs as the deleting role.';

--
-- Name: distribute(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.distribute() RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
declare
  v_reference constant text[] := array['auth."user"', 'app.recipes', 'app.recipe_search', 'app.recipe_tombstones',
                                        'app.firmware_releases', 'app.knowledge_embeddings'];
  v_done regclass[];
  v_refs regclass[] := '{}'::regclass[];
  v_persons regclass[] := '{}'::regclass[];
  v_lookups regclass[] := '{}'::regclass[];
  v_lookup_keys text[] := '{}'::text[];
  v_local regclass[];
  v_convert regclass[];
  v_managed regclass[];
  v_fks jsonb := '[]'::jsonb;
  v_dropped text[] := '{}'::text[];
  v_triggers jsonb := '[]'::jsonb;
  v_left regclass[];
  v_next regclass[];
  r record;
  t regclass;
begin
  if not exists (select from pg_catalog.pg_extension where extname = 'citus') then
    return jsonb_build_object('citus', false);
  end if;
  -- Citus refuses tables with triggers unless told they are safe (the remaining triggers touch only
  -- the person's own co-located rows, docs/scale-out.md "Triggers"); several conversions and foreign
  -- keys in one transaction need the sequential mode.
  perform pg_catalog.set_config('citus.enable_unsafe_triggers', 'on', true);
  perform pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);
  execute pg_catalog.format('select coalesce(pg_catalog.array_agg(logicalrelid), %L) from pg_catalog.%I', '{}', 'pg_dist_partition') into v_done;

  -- Reference tables, where they exist (app.knowledge_embeddings arrives with issue 17's own migrations).
  foreach t in array (select coalesce(pg_catalog.array_agg(pg_catalog.to_regclass(n) order by o), '{}')
                        from pg_catalog.unnest(v_reference) with ordinality as u(n, o)
                       where pg_catalog.to_regclass(n) is not null) loop
    v_refs := v_refs || t;
  end loop;

  -- Person tables and lookup tables of schema app, by their user_id column and primary key.
  for r in
    select c.oid::regclass as rel,
           (select pg_catalog.array_agg(a.attname::text order by k.n)
              from pg_catalog.pg_constraint pk
              cross join lateral pg_catalog.unnest(pk.conkey) with ordinality as k(attnum, n)
              join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
             where pk.conrelid = c.oid and pk.contype = 'p') as pk_cols
      from pg_catalog.pg_class c
      join pg_catalog.pg_namespace s on s.oid = c.relnamespace
     where s.nspname = 'app' and c.relkind in ('r', 'p') and not c.relispartition
       and c.oid <> 'app.users'::regclass
       and c.oid <> all (v_refs)
       and exists (select from pg_catalog.pg_attribute a
                    where a.attrelid = c.oid and a.attname = 'user_id' and not a.attisdropped)
     order by c.oid::regclass::text
  loop
    if 'user_id' = any (r.pk_cols) then
      v_persons := v_persons || r.rel;
    elsif pg_catalog.array_length(r.pk_cols, 1) = 1 and r.pk_cols[1] <> 'id' then
      v_lookups := v_lookups || r.rel;
      v_lookup_keys := v_lookup_keys || r.pk_cols[1];
    else
      raise exception 'distribute: % has a user_id column but its primary key (%) neither contains user_id nor is a single lookup key',
        r.rel, coalesce(pg_catalog.array_to_string(r.pk_cols, ', '), 'none')
        using errcode = 'invalid_table_definition',
              hint = 'person tables need a primary key containing user_id (docs/scale-out.md, "Key changes per table")';
    end if;
  end loop;

  -- Parents before children: a person table comes after every person table it references.
  v_left := v_persons;
  v_persons := '{}';
  while pg_catalog.cardinality(v_left) > 0 loop
    select coalesce(pg_catalog.array_agg(l order by l::text), '{}') into v_next
      from pg_catalog.unnest(v_left) as l
     where not exists (select from pg_catalog.pg_constraint f
                        where f.conrelid = l and f.contype = 'f' and f.confrelid <> l
                          and f.confrelid = any (v_left));
    if pg_catalog.cardinality(v_next) = 0 then
      raise exception 'distribute: the foreign keys between % form a cycle', v_left using errcode = 'invalid_table_definition';
    end if;
    v_persons := v_persons || v_next;
    v_left := array(select l from pg_catalog.unnest(v_left) as l where l <> all (v_next));
  end loop;

  v_managed := v_refs || 'app.users'::regclass || v_persons || v_lookups;
  v_convert := array(select m from pg_catalog.unnest(v_managed) as m where m <> all (v_done));
  if pg_catalog.cardinality(v_convert) = 0 then
    return jsonb_build_object('citus', true, 'converted', '[]'::jsonb, 'already', pg_catalog.cardinality(v_managed));
  end if;

  -- Foreign keys Citus cannot keep, named before anything changes.
  for r in
    select f.conrelid::regclass as child, f.confrelid::regclass as parent, f.conname
      from pg_catalog.pg_constraint f
     where f.contype = 'f' and f.conparentid = 0
       and (f.conrelid = any (v_convert) or f.confrelid = any (v_convert))
       and (   (f.conrelid = any (v_refs) and f.confrelid <> all (v_refs))                 -- reference → distributed / local
            or (f.conrelid <> all (v_managed) and f.confrelid <> all (v_refs)
                and f.confrelid = any (v_managed))                                           -- local → distributed
            or (f.conrelid = any (v_managed) and f.conrelid <> all (v_refs)
                and f.confrelid <> all (v_managed)))                                         -- distributed → local
  loop
    raise exception 'distribute: foreign key % of % references %, which Citus does not support between these kinds of table',
      r.conname, r.child, r.parent
      using errcode = 'invalid_table_definition',
            hint = 'drop the key in a migration (docs/scale-out.md, "Distribution plan")';
  end loop;

  -- Drop the keys between the tables being converted (and those already converted), re-added below,
  -- except a lookup table's key to a distributed table: Citus allows keys between distributed tables
  -- only within one co-location group, and a lookup table is distributed by its own key (migration
  -- 000120: the writers and the GDPR purge keep the rows in step instead).
  for r in
    select f.conrelid::regclass as child, f.conname, pg_catalog.pg_get_constraintdef(f.oid) as def,
           not (f.conrelid = any (v_lookups) and f.confrelid <> all (v_refs)) as keep
      from pg_catalog.pg_constraint f
     where f.contype = 'f' and f.conparentid = 0
       and f.conrelid = any (v_managed) and f.confrelid = any (v_managed)
       and (f.conrelid = any (v_convert) or f.confrelid = any (v_convert))
     order by f.conrelid::regclass::text, f.conname
  loop
    if r.keep then
      v_fks := v_fks || jsonb_build_object('table', r.child::text, 'name', r.conname, 'def', r.def);
    else
      v_dropped := v_dropped || pg_catalog.format('%s.%I', r.child, r.conname);
    end if;
    execute pg_catalog.format('alter table %s drop constraint %I', r.child, r.conname);
  end loop;

  -- The tables' own enabled triggers, off while Citus copies their rows (on again below).
  for r in
    select g.tgrelid::regclass as rel, g.tgname
      from pg_catalog.pg_trigger g
     where g.tgrelid = any (v_convert) and not g.tgisinternal and g.tgenabled <> 'D' and g.tgparentid = 0
     order by g.tgrelid::regclass::text, g.tgname
  loop
    v_triggers := v_triggers || jsonb_build_object('table', r.rel::text, 'name', r.tgname);
    execute pg_catalog.format('alter table %s disable trigger %I', r.rel, r.tgname);
  end loop;

  foreach t in array v_refs loop
    continue when t = any (v_done);
    execute pg_catalog.format('select %I($1)', 'create_reference_table') using t;
  end loop;
  if 'app.users'::regclass <> all (v_done) then
    execute pg_catalog.format('select %I($1, %L)', 'create_distributed_table', 'id') using 'app.users'::regclass;
  end if;
  foreach t in array v_persons loop
    continue when t = any (v_done);
    execute pg_catalog.format('select %I($1, %L, colocate_with => %L)', 'create_distributed_table', 'user_id', 'app.users') using t;
  end loop;
  for i in 1 .. coalesce(pg_catalog.array_length(v_lookups, 1), 0) loop
    continue when v_lookups[i] = any (v_done);
    execute pg_catalog.format('select %I($1, $2, colocate_with => %L)', 'create_distributed_table', 'none') using v_lookups[i], v_lookup_keys[i];
  end loop;

  for r in select e->>'table' as rel, e->>'name' as conname, e->>'def' as def from pg_catalog.jsonb_array_elements(v_fks) as e loop
    execute pg_catalog.format('alter table %s add constraint %I %s', r.rel, r.conname, r.def);
  end loop;
  for r in select e->>'table' as rel, e->>'name' as tgname from pg_catalog.jsonb_array_elements(v_triggers) as e loop
    execute pg_catalog.format('alter table %s enable trigger %I', r.rel, r.tgname);
  end loop;

  -- Whatever in schema app stays a plain local table on the coordinator (expected: nothing).
  v_local := array(select c.oid::regclass
                     from pg_catalog.pg_class c join pg_catalog.pg_namespace s on s.oid = c.relnamespace
                    where s.nspname = 'app' and c.relkind in ('r', 'p') and not c.relispartition
                      and c.oid <> all (v_managed)
                    order by 1);
  return jsonb_build_object(
    'citus', true,
    'reference', (select coalesce(jsonb_agg(x::text), '[]') from pg_catalog.unnest(v_refs) as x where x = any (v_convert)),
    'distributed', (select coalesce(jsonb_agg(x::text), '[]')
                      from pg_catalog.unnest('app.users'::regclass || v_persons) as x where x = any (v_convert)),
    'lookup', (select coalesce(jsonb_agg(x::text), '[]') from pg_catalog.unnest(v_lookups) as x where x = any (v_convert)),
    'already', pg_catalog.cardinality(v_managed) - pg_catalog.cardinality(v_convert),
    'foreign_keys_readded', pg_catalog.jsonb_array_length(v_fks),
    'foreign_keys_dropped', pg_catalog.to_jsonb(v_dropped),
    'triggers_paused', pg_catalog.jsonb_array_length(v_triggers),
    'local', (select coalesce(jsonb_agg(x::text), '[]') from pg_catalog.unnest(v_local) as x));
end
$_$;

--
-- Name: FUNCTION distribute(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.distribute() IS 'Citus only (a no-op returning {"citus": false} elsewhere): makes the shared tables reference tables, distributes app.users by id and every person table of schema app by user_id co-located with it (parents first), and lookup tables by their own key; idempotent (skips what pg_dist_partition holds). Run by the tables'' owner or a superuser: `kitchen-db distribute` (docs/scale-out.md).';

--
-- Name: embeddings_check_source(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.embeddings_check_source() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  r record;
  v_ok boolean;
begin
  for r in
    select distinct n.source_kind, n.source_id, n.user_id
      from new_rows as n
     where n.source_kind in ('meal_log', 'message')
  loop
    if r.user_id is null then
      v_ok := false;
    elsif r.source_kind = 'meal_log' then
      v_ok := exists (select from app.meal_logs as m where m.user_id = r.user_id and m.id = r.source_id);
    else
      v_ok := exists (select from app.messages as g where g.user_id = r.user_id and g.id = r.source_id);
    end if;
    if not v_ok then
      raise exception 'insert or update on table "embeddings" violates rule "embeddings_source_owner"'
        using errcode = 'foreign_key_violation',
              detail = pg_catalog.format('Key (source_id)=(%s) is not present in table "%s" for this person.',
                                         r.source_id, case r.source_kind when 'meal_log' then 'meal_logs' else 'messages' end),
              constraint = 'embeddings_source_owner', column = 'source_id', table = 'embeddings', schema = 'app';
    end if;
  end loop;
  return null;
end
$$;

--
-- Name: FUNCTION embeddings_check_source(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.embeddings_check_source() IS 'AFTER INSERT / AFTER UPDATE statement trigger on app.embeddings: every meal_log or message chunk must point at a row of that kind (app.meal_logs / app.messages) with the same user_id, else 23503 (constraint embeddings_source_owner, column source_id), the same error whether the row does not exist or belongs to someone else (the check runs with the writer''s rights, under row-level security). Each distinct source is looked up by (user_id, id): one shard on Citus. Knowledge rows are exempt. SECURITY INVOKER.';

--
-- Name: enable_person_rls(regclass, name); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.enable_person_rls(p_table regclass, p_key name DEFAULT 'user_id'::name) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  part regclass;
  -- app.current_user_id(), written out, without a scalar subquery (Citus refuses subqueries in
  -- policies of distributed tables; see 000113).
  me constant text := 'nullif(pg_catalog.current_setting(''app.user_id'', true), '''')::pg_catalog.uuid';
  on_ constant text := '(pg_catalog.current_setting(''app.owner_access'', true) = ''on'')';
begin
  -- The table itself and, for a partitioned table, every partition: a partition queried directly
  -- uses its own settings, not its parent's.
  for part in
    select p_table
    union
    select relid from pg_catalog.pg_partition_tree(p_table)  -- empty for a plain table
  loop
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
    execute pg_catalog.format('create policy owner_access on %s for all to kitchen_owner using %s with check %s', part, on_, on_);
    execute pg_catalog.format('comment on policy person_select on %s is %L', part, pg_catalog.format('A person (app_user) reads their own rows: %I = app.current_user_id() (the transaction-local app.user_id; unset → no rows).', p_key));
    execute pg_catalog.format('comment on policy person_insert on %s is %L', part, pg_catalog.format('A person (app_user) inserts rows for themselves only: %I = app.current_user_id().', p_key));
    execute pg_catalog.format('comment on policy person_update on %s is %L', part, pg_catalog.format('A person (app_user) updates their own rows and cannot move one to somebody else (%I = app.current_user_id() before and after).', p_key));
    execute pg_catalog.format('comment on policy person_delete on %s is %L', part, pg_catalog.format('A person (app_user) deletes their own rows only: %I = app.current_user_id().', p_key));
    execute pg_catalog.format('comment on policy admin_select on %s is %L', part, 'The admin portal (app_admin) reads every row, read-only (what it may write is decided by its grants and other policies).');
    execute pg_catalog.format('comment on policy worker_all on %s is %L', part, 'The job worker (app_worker) reaches every row; what it may do is limited by its table grants.');
    execute pg_catalog.format('comment on policy owner_access on %s is %L', part, 'The stable owner role kitchen_owner (the owner of the objects is it or a member), only while app.owner_access = ''on'': SECURITY DEFINER functions switch it on in their body (app_private.owner_access_on) and restore it before returning. FORCE row-level security keeps the owner out otherwise.');
  end loop;
end
$$;

--
-- Name: FUNCTION enable_person_rls(p_table regclass, p_key name); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.enable_person_rls(p_table regclass, p_key name) IS 'Enables and FORCEs row-level security on a person-owned table (and each of its partitions) and (re)creates the standard policies, each with a comment: person_select/insert/update/delete for app_user keyed on p_key = nullif(current_setting(''app.user_id'', true), '''')::uuid — app.current_user_id() written out, without a subquery (Citus refuses subqueries in policies of distributed tables; the value is a stable expression, so an index scan on p_key still evaluates it once per scan) —, admin_select for app_admin, worker_all for app_worker, owner_access for the stable owner role kitchen_owner while app.owner_access = ''on''. Idempotent. Every migration that adds a person-owned table calls it; partition maintenance calls it for new partitions.';

--
-- Name: enqueue_jobs(text, jsonb, interval); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.enqueue_jobs(p_queue text, p_jobs jsonb, p_delay interval DEFAULT '00:00:00'::interval) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  q pgboss.queue;
  v_count integer;
begin
  if p_jobs is null or pg_catalog.jsonb_typeof(p_jobs) <> 'array' then
    raise exception 'enqueue_jobs: p_jobs must be a JSON array of {"data": {...}, "key": "..."}' using errcode = 'invalid_parameter_value';
  end if;
  if pg_catalog.jsonb_array_length(p_jobs) = 0 then
    return 0;
  end if;
  select * into q from pgboss.queue as pq where pq.name = p_queue;
  if not found then
    -- Never drop a job silently: the writing transaction fails instead (a missing queue is a
    -- deployment error: migrate, or start the worker once, which creates its queues).
    raise exception 'enqueue_jobs: pg-boss queue % does not exist', p_queue using errcode = 'undefined_object';
  end if;
  with wanted as (
    -- One job per distinct key in this call.
    select distinct on (j ->> 'key') j -> 'data' as data, j ->> 'key' as key
    from pg_catalog.jsonb_array_elements(p_jobs) as j
    order by j ->> 'key'
  ),
  fresh as (
    -- A job for the same key that has not started yet will see this change when it runs.
    select w.data, w.key
    from wanted as w
    where w.key is null
       or not exists (
         select from pgboss.job as pj
         where pj.name = p_queue and pj.singleton_key = w.key and pj.state < 'active')
  ),
  timing as (
    select pgboss.job_now() as now_at, pgboss.job_now() + coalesce(p_delay, interval '0') as start_at
  )
  insert into pgboss.job (
    id, name, data, priority, start_after, created_on, singleton_key, singleton_on, group_id, group_tier,
    expire_seconds, deletion_seconds, keep_until, retry_limit, retry_delay, retry_backoff, retry_delay_max,
    policy, dead_letter, heartbeat_seconds, blocked, blocking, pending_dependencies, trace_context)
  select
    pg_catalog.gen_random_uuid(), p_queue, f.data, 0, t.start_at, t.now_at, f.key, null, null, null,
    q.expire_seconds, q.deletion_seconds, t.start_at + q.retention_seconds * interval '1 second',
    q.retry_limit, q.retry_delay, q.retry_backoff, q.retry_delay_max,
    q.policy, q.dead_letter, q.heartbeat_seconds, false, false, 0, null
  from fresh as f cross join timing as t
  on conflict do nothing;
  get diagnostics v_count = row_count;
  if q.notify and v_count > 0 then
    -- What send() does for a queue with notify on (pg-boss's LISTEN channel for this schema).
    perform pg_catalog.pg_notify('pgboss_' || pg_catalog.left(pg_catalog.encode(pg_catalog.sha224('pgboss'::bytea), 'hex'), 24), p_queue);
  end if;
  return v_count;
end
$$;

--
-- Name: FUNCTION enqueue_jobs(p_queue text, p_jobs jsonb, p_delay interval); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.enqueue_jobs(p_queue text, p_jobs jsonb, p_delay interval) IS 'Enqueues pg-boss jobs from SQL, in the caller''s transaction: p_jobs is a JSON array of {"data": object, "key": text}; one job per distinct key, skipped when a job with that key (pg-boss singleton_key) is still waiting (created/retry) in the queue, since it will see the caller''s change when it runs. p_delay defers the jobs (start_after), which lets a burst of writes share one job. Copies the queue''s options onto each job exactly as pg-boss send() does (pg-boss 12.38, schema 46; see the migration''s upgrade note). Raises 42704 when the queue does not exist. Returns the number of jobs inserted. Called by trigger functions (as the owner); no application role may execute it.';

--
-- Name: enqueue_metrics_rollup(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.enqueue_metrics_rollup() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_changes jsonb;   -- [{user_id, at}]: the instants whose local day changed, per person
  v_user uuid;
  v_zone text;
  v_day date;
  -- The table without a Citus shard suffix: on a cluster the trigger fires on the shard
  -- (app.meal_logs_102081), whose name tg_table_name gives. None of the three names ends in _<digits>.
  v_table constant text := pg_catalog.regexp_replace(tg_table_name, '_[0-9]+$', '');
begin
  -- Which instants changed, from whichever transition tables this event has.
  if v_table = 'users' then
    perform app_private.owner_access_on();
    for v_user in
      select n.id from new_rows as n join old_rows as o on o.id = n.id
       where n.time_zone is distinct from o.time_zone
    loop
      perform app_private.job_outbox_add(v_user, 'metrics.rollup',
        pg_catalog.jsonb_build_object('userId', v_user, 'rebuild', true), 'metrics:' || v_user || ':all', interval '5 seconds');
    end loop;
    perform app_private.owner_access_restore(v_access);
    return null;
  elsif v_table = 'meal_logs' and tg_op = 'INSERT' then
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('user_id', n.user_id, 'at', n.meal_time))
      into v_changes from new_rows as n where not n.is_deleted;
  elsif v_table = 'meal_logs' then
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('user_id', c.user_id, 'at', c.meal_time)) into v_changes
    from (
      select n.user_id, n.meal_time from new_rows as n join old_rows as o on o.id = n.id and o.user_id = n.user_id
       where (n.meal_time, n.nutrition_totals, n.is_deleted) is distinct from (o.meal_time, o.nutrition_totals, o.is_deleted)
      union all
      select o.user_id, o.meal_time from new_rows as n join old_rows as o on o.id = n.id and o.user_id = n.user_id
       where (n.meal_time, n.nutrition_totals, n.is_deleted) is distinct from (o.meal_time, o.nutrition_totals, o.is_deleted)
    ) as c;
  elsif v_table = 'api_usage' then
    select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('user_id', n.user_id, 'at', n.created_at))
      into v_changes from new_rows as n;
  end if;
  if v_changes is null then
    return null;
  end if;
  perform app_private.owner_access_on();  -- app.users of the rows' owners (RLS is FORCEd)
  for v_user in
    select distinct (c ->> 'user_id')::uuid from pg_catalog.jsonb_array_elements(v_changes) as c
  loop
    -- The person's time zone: one row of app.users (co-located with the changed rows on Citus).
    select u.time_zone into v_zone from app.users as u where u.id = v_user;
    continue when v_zone is null;
    for v_day in
      select distinct (pg_catalog.timezone(v_zone, (c ->> 'at')::timestamptz))::date
        from pg_catalog.jsonb_array_elements(v_changes) as c
       where (c ->> 'user_id')::uuid = v_user
       order by 1
    loop
      perform app_private.job_outbox_add(v_user, 'metrics.rollup',
        pg_catalog.jsonb_build_object('userId', v_user, 'day', v_day), 'metrics:' || v_user || ':' || pg_catalog.to_char(v_day, 'YYYY-MM-DD'), interval '5 seconds');
    end loop;
  end loop;
  perform app_private.owner_access_restore(v_access);
  return null;
end
$_$;

--
-- Name: FUNCTION enqueue_metrics_rollup(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.enqueue_metrics_rollup() IS 'Statement trigger on app.meal_logs (INSERT, UPDATE), app.api_usage (INSERT) and app.users (UPDATE): adds to the person''s app.job_outbox a metrics.rollup job, 5 seconds deferred, for each person-day whose daily metrics the statement changed (the local day in the person''s time zone, read from that person''s app.users row; an updated meal counts for its old and its new day), or a rebuild of all the person''s days when their time zone changed. One waiting job per person-day (singleton key metrics:<user>:<day>). The table is told by its name without a Citus shard suffix (on a cluster the trigger fires on the shards). SECURITY DEFINER.';

--
-- Name: gdpr_audit_append_only(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.gdpr_audit_append_only() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
begin
  raise exception 'app_private.gdpr_audit is append-only: % refused', tg_op
    using errcode = '42501';
end
$$;

--
-- Name: FUNCTION gdpr_audit_append_only(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.gdpr_audit_append_only() IS 'Trigger of app_private.gdpr_audit: refuses UPDATE, DELETE and TRUNCATE, so the trail is append-only even for the owner (who would have to drop the trigger, a reviewed migration).';

--
-- Name: gdpr_audit_write(text, uuid, jsonb); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.gdpr_audit_write(p_action text, p_user_id uuid, p_detail jsonb DEFAULT '{}'::jsonb) RETURNS text
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_subject text := app_private.gdpr_subject(p_user_id);
  v_session text := session_user;
  v_acting text := coalesce(nullif(pg_catalog.current_setting('role'), 'none'), session_user);
begin
  insert into app_private.gdpr_audit (action, subject, session_role, acting_role, xact_id, detail)
  values (p_action, v_subject, v_session, v_acting, pg_catalog.pg_current_xact_id()::text::bigint, coalesce(p_detail, '{}'));
  -- The server log keeps the call even if the caller rolls back (no personal data in it either).
  raise log 'kitchen-db gdpr: action=% subject=% session_role=% acting_role=% detail=%',
    p_action, v_subject, v_session, v_acting, coalesce(p_detail, '{}');
  return v_subject;
end
$$;

--
-- Name: FUNCTION gdpr_audit_write(p_action text, p_user_id uuid, p_detail jsonb); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.gdpr_audit_write(p_action text, p_user_id uuid, p_detail jsonb) IS 'Appends one row to app_private.gdpr_audit (subject = keyed hash of p_user_id, session and acting role, transaction id, detail) and writes the same line to the server log with RAISE LOG. Returns the subject hash. Called by every GDPR function; never by application roles.';

--
-- Name: gdpr_identity(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.gdpr_identity(p_user_id uuid, OUT known boolean, OUT auth_id text, OUT emails text[]) RETURNS record
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_auth_id text;
  v_email text;
  v_auth_email text;
begin
  select u.auth_id, u.email::text into v_auth_id, v_email from app.users as u where u.id = p_user_id;
  known := found;
  if v_auth_id is not null then
    select au.email into v_auth_email from auth."user" as au where au.id = v_auth_id;
  end if;
  auth_id := v_auth_id;
  emails := coalesce(pg_catalog.array_remove(array[v_email, v_auth_email], null), '{}');
end
$$;

--
-- Name: FUNCTION gdpr_identity(p_user_id uuid, OUT known boolean, OUT auth_id text, OUT emails text[]); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.gdpr_identity(p_user_id uuid, OUT known boolean, OUT auth_id text, OUT emails text[]) IS 'The person''s auth id and e-mail addresses (app.users.email and auth."user".email, which normally agree), for the auth rows of exports and purges. known = false (and no auth id, no address) when app.users has no such id. Callers must have app.owner_access on (row-level security).';

--
-- Name: gdpr_json_names_person(jsonb, uuid, text, text[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.gdpr_json_names_person(p_json jsonb, p_user_id uuid, p_auth_id text, p_emails text[]) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
  select exists (
    select
    from pg_catalog.jsonb_path_query(p_json, 'strict $.**') as v(item)
    where pg_catalog.jsonb_typeof(v.item) = 'string'
      and app_private.gdpr_text_names_person(v.item #>> '{}', p_user_id, p_auth_id, p_emails))
$_$;

--
-- Name: FUNCTION gdpr_json_names_person(p_json jsonb, p_user_id uuid, p_auth_id text, p_emails text[]); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.gdpr_json_names_person(p_json jsonb, p_user_id uuid, p_auth_id text, p_emails text[]) IS 'True when any string anywhere in p_json (nested objects and arrays included; escapes decoded) names the person (app_private.gdpr_text_names_person).';

--
-- Name: gdpr_manifest(uuid, boolean, jsonb); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.gdpr_manifest(p_user_id uuid, p_known boolean, p_counts jsonb) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  select pg_catalog.jsonb_build_object(
    'format', 'kitchen-db/gdpr-export',
    'format_version', 1,
    'generated_at', pg_catalog.now(),
    'user_id', p_user_id,
    'found', p_known,
    'tables', p_counts,
    'total_rows', coalesce((select pg_catalog.sum(v.value::bigint) from pg_catalog.jsonb_each_text(p_counts) as v), 0),
    'primary_keys', (select pg_catalog.jsonb_object_agg(g.name, pg_catalog.to_jsonb(g.pk_columns)) from app_private.gdpr_tables() as g),
    'left_out', pg_catalog.jsonb_build_object(
      'columns', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('table', r.table_name, 'column', r.column_name, 'reason', r.reason)
                                                order by r.table_name, r.column_name)
                           from app_private.gdpr_redactions as r where r.column_name is not null), '[]'),
      'tables', coalesce((select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('table', r.table_name, 'reason', r.reason) order by r.table_name)
                          from app_private.gdpr_redactions as r where r.column_name is null), '[]')),
    'notes', pg_catalog.jsonb_build_array(
      'Every table that holds data about the person is included, found from the database catalog when the export ran: their account (app.users), every row that belongs to them (user_id), and their sign-in records (auth: user, sessions, linked accounts, two-factor settings, pending verification codes).',
      'Deleted meal logs are included (is_deleted = true): meals are only marked deleted until the account itself is erased.',
      'Credentials are left out (left_out.columns): password hashes, session and provider tokens, two-factor secrets and backup codes, verification codes, device and pairing tokens. Tables in left_out.tables hold no personal data.',
      'Tables that only mention the person (such as recipes they wrote as an administrator) give the row key and that column only.',
      'Rows are JSON objects with the database column names; times are ISO 8601 with their UTC offset; embeddings are vectors of numbers derived from the person''s own text.'))
$$;

--
-- Name: FUNCTION gdpr_manifest(p_user_id uuid, p_known boolean, p_counts jsonb); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.gdpr_manifest(p_user_id uuid, p_known boolean, p_counts jsonb) IS 'The manifest of a GDPR export: format and format_version (1), generated_at, user_id, found, tables (rows per table), total_rows, primary_keys (per table: the columns rows are ordered and paged by), left_out (columns and tables not exported, with reasons), notes (plain words).';

--
-- Name: gdpr_purge_jobs(uuid, text, text[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.gdpr_purge_jobs(p_user_id uuid, p_auth_id text, p_emails text[]) RETURNS bigint
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_count bigint;
  v_n text[];
begin
  -- LIKE ANY: the row's text is built once and tried against every needle (an OR of strpos calls
  -- rebuilt it per needle; a subquery over an array per job cost more than the scan itself).
  select pg_catalog.array_agg('%' || pg_catalog.replace(pg_catalog.replace(pg_catalog.replace(n, '\', '\\'), '%', '\%'), '_', '\_') || '%')
    into v_n
  from pg_catalog.unnest(array[p_user_id::text, pg_catalog.lower(p_auth_id)]
                         || coalesce((select pg_catalog.array_agg(pg_catalog.lower(e)) from pg_catalog.unnest(p_emails) as e), '{}')) as u(n)
  where n is not null and n <> '';
  with person_rows as (
    -- assistant.embed jobs (and their dead-letter copies) carry only the id of the meal log or
    -- message: one hash join against the person's ids, not a look-up per job.
    select 'meal_log' as kind, m.id::text as id from app.meal_logs as m where m.user_id = p_user_id
    union all
    select 'message', m.id::text from app.messages as m where m.user_id = p_user_id
  ),
  victims as (
    select j.name, j.id
    from pgboss.job as j
    join person_rows as r on r.kind = j.data ->> 'kind' and r.id = j.data ->> 'id'
    union
    -- Any job whose values name the person: a strpos over the columns that carry caller data picks
    -- candidates cheaply; the exact test runs on the candidates' whole row as JSON.
    select j.name, j.id
    from pgboss.job as j
    cross join lateral (
      select pg_catalog.lower(coalesce(j.data::text, '') || ' ' || coalesce(j.output::text, '') || ' ' || coalesce(j.source_output::text, '')
                              || ' ' || coalesce(j.singleton_key, '') || ' ' || coalesce(j.group_id, '')) as t) as x
    -- CASE fixes the order: the planner would otherwise run the costly exact test on every job.
    where case when x.t like any (v_n)
               then app_private.gdpr_json_names_person(pg_catalog.to_jsonb(j), p_user_id, p_auth_id, p_emails)
               else false end
  )
  delete from pgboss.job as j using victims as v where j.name = v.name and j.id = v.id;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

--
-- Name: FUNCTION gdpr_purge_jobs(p_user_id uuid, p_auth_id text, p_emails text[]); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.gdpr_purge_jobs(p_user_id uuid, p_auth_id text, p_emails text[]) IS 'The person''s pg-boss jobs, in every queue and state: jobs any of whose strings (data, output, singleton key, …) name them (app_private.gdpr_json_names_person), and the assistant.embed jobs of their meal logs and messages. Deletes them and returns how many. Run by the purge before the meal logs and messages go (the embed jobs are found through them). Needs app.owner_access on.';

--
-- Name: gdpr_sql(app_private.gdpr_table, text, boolean); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.gdpr_sql(t app_private.gdpr_table, p_mode text, p_after boolean DEFAULT false) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
declare
  v_cond text;
  v_row text;
  v_key text;
  v_order text;
  v_after text;
begin
  v_cond := case t.kind
    when 'self' then 't.id = $1'
    when 'person' then 't.user_id = $1'
    when 'reference' then pg_catalog.format('t.%I = $1', t.key_column)
    when 'auth_user' then 't.id = $2'
    when 'auth_owned' then 't."userId" = $2'
    when 'auth_verification' then 'app_private.gdpr_verification_matches(t.identifier, t.value, $3, $2)'
  end;

  if p_mode = 'count' then
    return pg_catalog.format('select pg_catalog.count(*)::bigint from %s as t where %s', t.relation, v_cond);
  elsif p_mode = 'exists' then
    -- select 1, not an empty select list: Citus (see the header).
    return pg_catalog.format('select exists (select 1 from %s as t where %s)', t.relation, v_cond);
  elsif p_mode = 'delete' then
    if t.kind = 'reference' then
      return pg_catalog.format('update %s as t set %I = null where %s', t.relation, t.key_column, v_cond);
    end if;
    return pg_catalog.format('delete from %s as t where %s', t.relation, v_cond);
  end if;

  if t.pk_columns is null then
    raise exception 'table % has no primary key: it cannot be exported in pages', t.name
      using errcode = 'object_not_in_prerequisite_state';
  end if;

  select pg_catalog.string_agg(pg_catalog.format('%L, t.%I', c, c), ', ' order by o),
         pg_catalog.string_agg(pg_catalog.format('t.%I', c), ', ' order by o),
         '(' || pg_catalog.string_agg(pg_catalog.format('t.%I', c), ', ' order by o) || ') > ('
           || pg_catalog.string_agg(pg_catalog.format('($4 ->> %L)::%s', c, ty), ', ' order by o) || ')'
    into v_key, v_order, v_after
  from rows from (pg_catalog.unnest(t.pk_columns), pg_catalog.unnest(t.pk_types)) with ordinality as k(c, ty, o);
  v_key := 'pg_catalog.jsonb_build_object(' || v_key || ')';

  if t.kind = 'reference' then
    v_row := pg_catalog.format('pg_catalog.jsonb_build_object(%s, %L, t.%I)',
      (select pg_catalog.string_agg(pg_catalog.format('%L, t.%I', c, c), ', ' order by o)
       from pg_catalog.unnest(t.pk_columns) with ordinality as k(c, o)),
      t.key_column, t.key_column);
  else
    v_row := pg_catalog.format('pg_catalog.to_jsonb(t) - %L::text[]', t.redacted);
  end if;

  if p_mode = 'rows' then
    return pg_catalog.format(
      'select coalesce(pg_catalog.jsonb_agg(%s order by %s), ''[]''::jsonb), pg_catalog.count(*)::bigint from %s as t where %s',
      v_row, v_order, t.relation, v_cond);
  elsif p_mode = 'page' then
    return pg_catalog.format(
      'select %s as key, %s as row from %s as t where %s%s order by %s limit $5',
      v_key, v_row, t.relation, v_cond, case when p_after then ' and ' || v_after else '' end, v_order);
  end if;
  raise exception 'unknown mode %', p_mode using errcode = 'invalid_parameter_value';
end
$_$;

--
-- Name: FUNCTION gdpr_sql(t app_private.gdpr_table, p_mode text, p_after boolean); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.gdpr_sql(t app_private.gdpr_table, p_mode text, p_after boolean) IS 'The dynamic SQL the GDPR functions run on one table of app_private.gdpr_tables(), given its catalog row (mode count, exists, delete, rows, page; p_after adds the keyset condition). Parameters of the text: $1 person id, $2 auth id, $3 e-mail addresses, $4 page cursor (jsonb of the primary key), $5 page size. Rows are to_jsonb(row) minus the redacted columns; reference tables give only their key and the column naming the person.';

--
-- Name: gdpr_subject(uuid); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.gdpr_subject(p_user_id uuid) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  select pg_catalog.encode(app_private.hmac_sha256(s.hmac_key, pg_catalog.convert_to(p_user_id::text, 'UTF8')), 'hex')
  from app_private.gdpr_secret as s
$$;

--
-- Name: FUNCTION gdpr_subject(p_user_id uuid); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.gdpr_subject(p_user_id uuid) IS 'The audit trail''s name for a person: hex HMAC-SHA-256 of the id''s canonical text (lower-case 8-4-4-4-12) under app_private.gdpr_secret. 64 hex digits.';

--
-- Name: gdpr_table_named(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.gdpr_table_named(p_name text) RETURNS app_private.gdpr_table
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  t app_private.gdpr_table;
begin
  select g.* into t from app_private.gdpr_tables() as g where g.name = p_name;
  if not found then
    raise exception 'unknown table for GDPR export: %', p_name
      using errcode = 'invalid_parameter_value',
            hint = 'Table names are those of the export manifest (app.gdpr_user_summary()).';
  end if;
  return t;
end
$$;

--
-- Name: FUNCTION gdpr_table_named(p_name text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.gdpr_table_named(p_name text) IS 'The catalog row of the table the export calls p_name (see app_private.gdpr_tables()); refuses (SQLSTATE 22023) any other name, so no caller-supplied text ever reaches dynamic SQL.';

--
-- Name: gdpr_tables(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.gdpr_tables() RETURNS SETOF app_private.gdpr_table
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
begin
  -- PL/pgSQL rather than SQL: its plan is cached for the session (each export page looks a table up).
  return query
  with recursive
  users as (select 'app.users'::regclass::oid as oid),
  fk_to_users as (
    -- single-column foreign keys to app.users(id) from tables that are not partitions
    select con.conrelid as rel, a.attname::text as col
    from pg_catalog.pg_constraint con
    join pg_catalog.pg_class c on c.oid = con.conrelid
    join pg_catalog.pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
    where con.contype = 'f'
      and con.confrelid = (select oid from users)
      and pg_catalog.cardinality(con.conkey) = 1
      and not c.relispartition
      and con.conrelid <> (select oid from users)
  ),
  person as (
    select c.oid as rel
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'app' and c.relkind in ('r', 'p') and not c.relispartition
      and c.oid <> (select oid from users)
      and exists (select from pg_catalog.pg_attribute a
                  where a.attrelid = c.oid and a.attname = 'user_id' and a.attnum > 0 and not a.attisdropped)
    union
    select rel from fk_to_users where col = 'user_id'
  ),
  -- Columns that name a person without a foreign key (app_private.gdpr_reference_columns): a
  -- reference table cannot have a foreign key to a distributed table on Citus (issue 17).
  declared as (
    select c.oid as rel, a.attname::text as col
    from app_private.gdpr_reference_columns r
    join pg_catalog.pg_class c on c.oid = pg_catalog.to_regclass(r.table_name)
    join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attname = r.column_name and a.attnum > 0 and not a.attisdropped
  ),
  reference as (
    select f.rel, f.col from fk_to_users f where f.rel not in (select rel from person)
    union
    select d.rel, d.col from declared d where d.rel not in (select rel from person)
  ),
  auth_tables as (
    select c.oid as rel, c.relname::text as relname,
      exists (select from pg_catalog.pg_attribute a
              where a.attrelid = c.oid and a.attname = 'userId' and a.attnum > 0 and not a.attisdropped) as has_user_id
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'auth' and c.relkind in ('r', 'p') and not c.relispartition
  ),
  listed as (
    select (select oid from users) as rel, 'self' as kind, 'id' as key_column, 0 as export_group, 1000 as purge_base
    union all
    select rel, 'person', 'user_id', 1, 0 from person
    union all
    select rel, 'reference', col, 2, 900 from reference
    union all
    select rel, 'auth_user', 'id', 3, 3000 from auth_tables where relname = 'user'
    union all
    select rel, 'auth_owned', 'userId', 4, 2000 from auth_tables where has_user_id and relname <> 'user'
    union all
    select rel, 'auth_verification', 'identifier', 5, 2000 from auth_tables where relname = 'verification' and not has_user_id
  ),
  -- Foreign keys between the person tables: a table is purged after every table that references it.
  edges as (
    select con.conrelid as child, con.confrelid as parent
    from pg_catalog.pg_constraint con
    where con.contype = 'f'
      and con.conrelid in (select rel from person)
      and con.confrelid in (select rel from person)
      and con.conrelid <> con.confrelid
  ),
  levels (rel, lvl) as (
    select rel, 0 from person
    union all
    select e.parent, l.lvl + 1 from levels l join edges e on e.child = l.rel where l.lvl < 100
  ),
  depth as (select rel, max(lvl) as lvl from levels group by rel),
  named as (
    select l.*, n.nspname::text || '.' || c.relname::text
             || case when l.kind = 'reference' then '(' || l.key_column || ')' else '' end as name,
           n.nspname::text || '.' || c.relname::text as plain_name
    from listed l
    join pg_catalog.pg_class c on c.oid = l.rel
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  )
  select
    t.name,
    t.rel::regclass,
    t.kind,
    t.key_column,
    pk.cols,
    pk.types,
    coalesce((select pg_catalog.array_agg(r.column_name order by r.column_name)
              from app_private.gdpr_redactions r
              where r.table_name = t.plain_name and r.column_name is not null), '{}'),
    (pg_catalog.row_number() over (order by t.export_group, t.name))::integer,
    t.purge_base + coalesce((select d.lvl from depth d where d.rel = t.rel), 0)
  from named t
  left join lateral (
    select pg_catalog.array_agg(a.attname::text order by k.ord) as cols,
           pg_catalog.array_agg(pg_catalog.format_type(a.atttypid, a.atttypmod) order by k.ord) as types
    from pg_catalog.pg_index i
    cross join lateral pg_catalog.unnest(i.indkey) with ordinality as k(attnum, ord)
    join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
    where i.indrelid = t.rel and i.indisprimary
  ) as pk on true
  where not exists (select from app_private.gdpr_redactions r where r.table_name = t.plain_name and r.column_name is null)
  order by 8;
end
$$;

--
-- Name: FUNCTION gdpr_tables(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.gdpr_tables() IS 'Where a person''s data lives, from pg_catalog (see migration 000021''s header) and app_private.gdpr_reference_columns (columns naming a person without a foreign key, migration 000135): one row per table with the export''s name for it, its kind (self, person, reference, auth_user, auth_owned, auth_verification), the column that names the person, its primary key columns and types (keyset paging), the columns exports leave out, the export order, and the purge order (ascending: a table comes after every person table that references it, app.users after all of them, auth after app). Partitions are not listed: their parent is.';

--
-- Name: gdpr_text_names_person(text, uuid, text, text[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.gdpr_text_names_person(p_text text, p_user_id uuid, p_auth_id text, p_emails text[]) RETURNS boolean
    LANGUAGE plpgsql STABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
declare
  v_text text;
  v_email text;
  v_from integer;
  v_pos integer;
  v_len integer;
  v_before text;
  v_after text;
  v_left text;
  v_right text;
  v_cands text[];
begin
  if p_text is null or p_text = '' then
    return false;
  end if;
  v_text := pg_catalog.lower(p_text);
  if p_user_id is not null and pg_catalog.strpos(v_text, p_user_id::text) > 0 then
    return true;
  end if;
  if p_auth_id is not null and p_auth_id <> '' and pg_catalog.strpos(p_text, p_auth_id) > 0 then
    if p_text = p_auth_id or p_text ~ ('(^|[^A-Za-z0-9])'
         || pg_catalog.regexp_replace(p_auth_id, '([^A-Za-z0-9])', '\\\1', 'g') || '($|[^A-Za-z0-9])') then
      return true;
    end if;
  end if;
  foreach v_email in array coalesce(p_emails, '{}'::text[]) loop
    continue when v_email is null or v_email = '';
    v_email := pg_catalog.lower(v_email);
    v_len := pg_catalog.length(v_email);
    v_from := 1;
    loop
      v_pos := pg_catalog.strpos(pg_catalog.substr(v_text, v_from), v_email);
      exit when v_pos = 0;
      v_pos := v_pos + v_from - 1;
      v_from := v_pos + 1;
      v_before := pg_catalog.substr(v_text, v_pos - 1, 1);
      v_after := pg_catalog.substr(v_text, v_pos + v_len, 1);
      -- glued to more of an address on the left (bjane@…) or right (…@x.testing): another address
      continue when v_before ~ '[a-z0-9._%+]' or v_after ~ '[a-z0-9]';
      -- What could make a longer address around it: the address characters before and after.
      v_left := pg_catalog.substring(pg_catalog.right(pg_catalog.substr(v_text, 1, v_pos - 1), 64), '[a-z0-9._%+-]*$');
      v_right := pg_catalog.substring(pg_catalog.left(pg_catalog.substr(v_text, v_pos + v_len), 64), '^[a-z0-9.-]*');
      if coalesce(v_left, '') = '' and coalesce(v_right, '') = '' then
        return true;
      end if;
      select pg_catalog.array_agg(l.s || v_email || r.s)
        into v_cands
      from (select pg_catalog.substr(v_left, i) as s from pg_catalog.generate_series(1, pg_catalog.length(v_left) + 1) as i) as l
      cross join (select pg_catalog.left(v_right, j) as s from pg_catalog.generate_series(0, pg_catalog.length(v_right)) as j) as r
      where l.s || r.s <> '' and l.s !~ '^[-.]' and r.s !~ '[-.]$';
      -- select 1, not an empty select list: Citus (see the header).
      if not exists (select 1 from app.person_emails as e where e.email operator(public.=) any (v_cands::public.citext[]))
         and not exists (select 1 from auth."user" as au where au.email = any (v_cands)) then
        return true;
      end if;
    end loop;
  end loop;
  return false;
end
$_$;

--
-- Name: FUNCTION gdpr_text_names_person(p_text text, p_user_id uuid, p_auth_id text, p_emails text[]); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.gdpr_text_names_person(p_text text, p_user_id uuid, p_auth_id text, p_emails text[]) IS 'True when p_text names the person: contains their id (any case), contains their auth id as a token, or contains one of their e-mail addresses (any case) not glued to more address characters, unless the longer address around it belongs to another person (app.person_emails — on Citus only the shards of the candidate addresses, 000312 — or auth."user"). Used on auth.verification identifiers and values and on every string of a pg-boss job. Callers need app.owner_access on (row-level security on app.person_emails).';

--
-- Name: gdpr_value_names_person(text, uuid, text, text[]); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.gdpr_value_names_person(p_text text, p_user_id uuid, p_auth_id text, p_emails text[]) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_json jsonb;
begin
  if app_private.gdpr_text_names_person(p_text, p_user_id, p_auth_id, p_emails) then
    return true;
  end if;
  -- A JSON value is matched string by string (e.g. {"email": "…"} however it is spaced or escaped).
  if p_text ~ '^\s*[\[{"]' then
    begin
      v_json := p_text::jsonb;
    exception when invalid_text_representation then
      return false;
    end;
    return app_private.gdpr_json_names_person(v_json, p_user_id, p_auth_id, p_emails);
  end if;
  return false;
end
$$;

--
-- Name: FUNCTION gdpr_value_names_person(p_text text, p_user_id uuid, p_auth_id text, p_emails text[]); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.gdpr_value_names_person(p_text text, p_user_id uuid, p_auth_id text, p_emails text[]) IS 'app_private.gdpr_text_names_person on a text, and, when the text is JSON, on every string inside it (auth.verification.value).';

--
-- Name: gdpr_verification_matches(text, text, text[], text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.gdpr_verification_matches(p_identifier text, p_value text, p_emails text[], p_auth_id text) RETURNS boolean
    LANGUAGE sql STABLE PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  select app_private.gdpr_text_names_person(p_identifier, null, p_auth_id, p_emails)
      or app_private.gdpr_value_names_person(p_value, null, p_auth_id, p_emails)
$$;

--
-- Name: FUNCTION gdpr_verification_matches(p_identifier text, p_value text, p_emails text[], p_auth_id text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.gdpr_verification_matches(p_identifier text, p_value text, p_emails text[], p_auth_id text) IS 'True when an auth.verification row belongs to the person: its identifier or its value (parsed when JSON) names their auth id or one of their e-mail addresses, however it is prefixed, cased or spaced (app_private.gdpr_text_names_person, migration 000081).';

--
-- Name: grant_pgboss_rights(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.grant_pgboss_rights() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  r record;
begin
  execute 'grant usage on schema pgboss to app_worker';
  -- Every table (partitions included), except the schema version, which only migrations change:
  -- there the worker may update the bookkeeping columns (cron_on, bam_on, …) but not version itself.
  for r in
    select c.oid::pg_catalog.regclass as tbl
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'pgboss' and c.relkind in ('r', 'p') and c.relname <> 'version'
  loop
    execute pg_catalog.format('grant select, insert, update, delete on %s to app_worker', r.tbl);
  end loop;
  execute 'grant select on pgboss.version to app_worker';
  for r in
    select a.attname
    from pg_catalog.pg_attribute a
    where a.attrelid = 'pgboss.version'::pg_catalog.regclass and a.attnum > 0 and not a.attisdropped and a.attname <> 'version'
  loop
    execute pg_catalog.format('grant update (%I) on pgboss.version to app_worker', r.attname);
  end loop;
  for r in
    select c.oid::pg_catalog.regclass as seq
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'pgboss' and c.relkind = 'S'
  loop
    execute pg_catalog.format('grant usage, select, update on sequence %s to app_worker', r.seq);
  end loop;
  -- The functions pg-boss's run-time statements call (the others are only used by its migrations).
  for r in
    select p.oid::pg_catalog.regprocedure as fn
    from pg_catalog.pg_proc p
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'pgboss' and p.proname in ('job_now', 'create_queue')
  loop
    execute pg_catalog.format('grant execute on function %s to app_worker', r.fn);
  end loop;
end
$$;

--
-- Name: FUNCTION grant_pgboss_rights(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.grant_pgboss_rights() IS 'Grants app_worker what the pg-boss worker needs at run time: USAGE on schema pgboss; SELECT/INSERT/UPDATE/DELETE on every pgboss table and partition except pgboss.version (SELECT, and UPDATE of its bookkeeping columns, not of version); sequences; EXECUTE on pgboss.job_now() and pgboss.create_queue(text, jsonb). Idempotent. Every migration that upgrades pg-boss ends with `select app_private.grant_pgboss_rights();` (scripts/pgboss-plans.ts adds it).';

--
-- Name: hmac_sha256(bytea, bytea); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.hmac_sha256(p_key bytea, p_message bytea) RETURNS bytea
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  with k as (
    select case when pg_catalog.length(p_key) > 64 then pg_catalog.sha256(p_key) else p_key end as k
  ),
  pads as (
    select
      pg_catalog.decode(pg_catalog.string_agg(pg_catalog.lpad(pg_catalog.to_hex(b # 54), 2, '0'), '' order by i), 'hex') as ipad,
      pg_catalog.decode(pg_catalog.string_agg(pg_catalog.lpad(pg_catalog.to_hex(b # 92), 2, '0'), '' order by i), 'hex') as opad
    from k,
      lateral (
        select i, case when i < pg_catalog.length(k.k) then pg_catalog.get_byte(k.k, i) else 0 end as b
        from pg_catalog.generate_series(0, 63) as i
      ) as bytes
  )
  select pg_catalog.sha256(pads.opad || pg_catalog.sha256(pads.ipad || p_message)) from pads
$$;

--
-- Name: FUNCTION hmac_sha256(p_key bytea, p_message bytea); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.hmac_sha256(p_key bytea, p_message bytea) IS 'HMAC-SHA-256 (RFC 2104) built on the built-in sha256(): 64-byte block, key hashed first when longer. Checked against Node''s crypto.createHmac in test/gdpr.test.ts.';

--
-- Name: job_outbox_add(uuid, text, jsonb, text, interval); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.job_outbox_add(p_user_id uuid, p_queue text, p_data jsonb, p_key text, p_delay interval DEFAULT '00:00:00'::interval) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
begin
  perform app_private.owner_access_on();
  -- Two statements, each naming the person (user_id): on Citus each goes to that person's shard
  -- (an INSERT … SELECT from a trigger on a shard would be a distributed query). A job with the same
  -- key already waiting will see this change when it runs.
  if p_key is null or not exists (
       select from app.job_outbox as o
        where o.user_id = p_user_id and o.queue = p_queue and o.singleton_key = p_key) then
    insert into app.job_outbox (user_id, queue, data, singleton_key, start_after)
    values (p_user_id, p_queue, p_data, p_key, coalesce(p_delay, interval '0'));
  end if;
  perform app_private.owner_access_restore(v_access);
end
$$;

--
-- Name: FUNCTION job_outbox_add(p_user_id uuid, p_queue text, p_data jsonb, p_key text, p_delay interval); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.job_outbox_add(p_user_id uuid, p_queue text, p_data jsonb, p_key text, p_delay interval) IS 'Adds one job for one person to app.job_outbox (the enqueue triggers call it once per job, with the changed row''s user_id), unless a job with the same queue and singleton key already waits there for that person. Runs as its caller (the SECURITY DEFINER triggers, i.e. the owner) with app.owner_access on. No application role may execute it.';

--
-- Name: maintain_partitions(timestamp with time zone, regclass); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.maintain_partitions(p_now timestamp with time zone DEFAULT NULL::timestamp with time zone, p_parent regclass DEFAULT NULL::regclass) RETURNS jsonb
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    SET lock_timeout TO '2s'
    AS $$
declare
  v_access  text := pg_catalog.current_setting('app.owner_access', true);
  v_now     timestamptz := coalesce(p_now, pg_catalog.now());
  v_parents regclass[];
  v_parent  regclass;
  v_entries jsonb[] := '{}';
  v_ok      boolean[] := '{}';
  v_entry   jsonb;
  v_step    jsonb;
  v_count   integer;
begin
  if not pg_catalog.pg_try_advisory_xact_lock(pg_catalog.hashtextextended('kitchen-db:maintain_partitions', 0)) then
    return pg_catalog.jsonb_build_object('ran_at', pg_catalog.clock_timestamp(), 'now', v_now, 'busy', true, 'tables', '[]'::jsonb);
  end if;
  -- Policy owner_access (row-level security is FORCEd on the owner too) until this returns; an
  -- error aborts the (sub)transaction, which reverts the setting.
  perform app_private.owner_access_on();

  select coalesce(pg_catalog.array_agg(t.parent_table order by t.parent_table::text), '{}') into v_parents
  from app_private.partitioned_tables t
  where p_parent is null or t.parent_table = p_parent;
  v_count := coalesce(pg_catalog.array_length(v_parents, 1), 0);

  -- 1. DEFAULT rows, then premake.
  for i in 1..v_count loop
    v_parent := v_parents[i];
    v_entry := pg_catalog.jsonb_build_object(
      'table', v_parent::text, 'created', '[]'::jsonb, 'moved_rows', 0, 'retention_cutoff', null::text,
      'dropped', '[]'::jsonb, 'detached', '[]'::jsonb, 'default_rows', null::text, 'default', null::text, 'errors', '[]'::jsonb);
    v_ok[i] := exists (select from pg_catalog.pg_partitioned_table pt where pt.partrelid = v_parent);
    if not v_ok[i] then
      v_entry := v_entry || pg_catalog.jsonb_build_object('errors', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
        'step', 'registry', 'sqlstate', '42P01', 'message', pg_catalog.format('%s is registered but is no longer a partitioned table', v_parent))));
    else
      begin
        v_step := app_private.partition_default_rows(v_parent, v_now);
        v_entry := v_entry || pg_catalog.jsonb_build_object(
          'created', v_step -> 'created', 'moved_rows', v_step -> 'moved_rows', 'errors', v_step -> 'errors');
        v_step := app_private.create_partitions(v_parent, v_now);
        v_entry := v_entry || pg_catalog.jsonb_build_object(
          'created', (v_entry -> 'created') || (v_step -> 'created'),
          'errors', (v_entry -> 'errors') || (v_step -> 'errors'));
      exception when others then
        -- One table's failure (e.g. not owned by this function's owner) does not stop the others.
        v_ok[i] := false;
        v_entry := v_entry || pg_catalog.jsonb_build_object('created', '[]'::jsonb, 'moved_rows', 0,
          'errors', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('step', 'create', 'sqlstate', sqlstate, 'message', sqlerrm)));
      end;
    end if;
    v_entries[i] := v_entry;
  end loop;

  -- 2. Retention, last (ACCESS EXCLUSIVE on the parent).
  for i in 1..v_count loop
    continue when not v_ok[i];
    begin
      v_step := app_private.apply_retention(v_parents[i], v_now);
    exception when others then
      v_step := pg_catalog.jsonb_build_object('cutoff', null::text, 'dropped', '[]'::jsonb, 'detached', '[]'::jsonb,
        'errors', pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object('step', 'retention', 'sqlstate', sqlstate, 'message', sqlerrm)));
    end;
    v_entries[i] := v_entries[i] || pg_catalog.jsonb_build_object(
      'retention_cutoff', v_step -> 'cutoff',
      'dropped', v_step -> 'dropped',
      'detached', v_step -> 'detached',
      'errors', (v_entries[i] -> 'errors') || (v_step -> 'errors'));
  end loop;

  -- 3. What is still in DEFAULT.
  for i in 1..v_count loop
    continue when not v_ok[i];
    begin
      v_step := app_private.check_default(v_parents[i], v_now);
      v_entries[i] := v_entries[i] || pg_catalog.jsonb_build_object('default_rows', v_step -> 'rows', 'default', v_step - 'rows');
    exception when others then
      v_entries[i] := v_entries[i] || pg_catalog.jsonb_build_object('errors', (v_entries[i] -> 'errors') || pg_catalog.jsonb_build_array(
        pg_catalog.jsonb_build_object('step', 'check_default', 'sqlstate', sqlstate, 'message', sqlerrm)));
    end;
  end loop;

  perform app_private.owner_access_restore(v_access);
  return pg_catalog.jsonb_build_object('ran_at', pg_catalog.clock_timestamp(), 'now', v_now, 'busy', false,
    'tables', pg_catalog.to_jsonb(v_entries));
end
$$;

--
-- Name: FUNCTION maintain_partitions(p_now timestamp with time zone, p_parent regclass); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.maintain_partitions(p_now timestamp with time zone, p_parent regclass) IS 'Partition maintenance for every registered table (or only p_parent) as of p_now (default now(); tests inject a date): moves DEFAULT rows into new months, premakes, applies retention, reports DEFAULT. Runs as the owner (SECURITY DEFINER, owner_access for FORCEd row-level security), one run at a time (advisory lock), lock_timeout 2s. Returns the JSON documented on app.maintain_partitions(). Not executable by application roles: an injected date could retire live partitions.';

--
-- Name: meal_foods_enqueue_embedding(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.meal_foods_enqueue_embedding() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_meals app_private.person_row[];
  r app_private.person_row;
begin
  -- The meal's text lists its foods: re-embed the meals whose foods changed, if they still exist
  -- (a meal's deletion removes its foods too; nothing to embed then). Deletes made with
  -- app.owner_access on come from the owner's own functions, i.e. the GDPR purge, which erases the
  -- meals next: no job for them. A transition table exists only for the events that have it, hence
  -- the branches.
  if tg_op = 'DELETE' and v_access = 'on' then
    return null;
  end if;
  if tg_op = 'INSERT' then
    select pg_catalog.array_agg(distinct row(n.user_id, n.meal_log_id)::app_private.person_row) into v_meals from new_rows as n;
  elsif tg_op = 'UPDATE' then
    select pg_catalog.array_agg(distinct row(x.user_id, x.meal_log_id)::app_private.person_row) into v_meals
      from (select n.user_id, n.meal_log_id from new_rows as n
            union all select o.user_id, o.meal_log_id from old_rows as o) as x;
  else
    select pg_catalog.array_agg(distinct row(o.user_id, o.meal_log_id)::app_private.person_row) into v_meals from old_rows as o;
  end if;
  perform app_private.owner_access_on();
  foreach r in array coalesce(v_meals, '{}') loop
    -- One person's meal (user_id first: one shard on Citus).
    if exists (select from app.meal_logs as l where l.user_id = r.user_id and l.id = r.id) then
      perform app_private.job_outbox_add(r.user_id, 'assistant.embed',
        pg_catalog.jsonb_build_object('kind', 'meal_log', 'id', r.id), 'meal_log:' || r.id);
    end if;
  end loop;
  perform app_private.owner_access_restore(v_access);
  return null;
end
$$;

--
-- Name: FUNCTION meal_foods_enqueue_embedding(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.meal_foods_enqueue_embedding() IS 'AFTER INSERT / UPDATE / DELETE statement trigger on app.meal_foods: adds an assistant.embed job to the person''s app.job_outbox for each meal log whose foods changed and that still exists (one per meal). Deletes under app.owner_access (the GDPR purge) add nothing. SECURITY DEFINER.';

--
-- Name: meal_logs_enqueue_embedding(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.meal_logs_enqueue_embedding() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  r record;
begin
  if tg_op = 'INSERT' then
    for r in select n.id, n.user_id from new_rows as n loop
      perform app_private.job_outbox_add(r.user_id, 'assistant.embed',
        pg_catalog.jsonb_build_object('kind', 'meal_log', 'id', r.id), 'meal_log:' || r.id);
    end loop;
  else
    for r in
      select n.id, n.user_id
        from new_rows as n
        join old_rows as o on o.id = n.id and o.user_id = n.user_id
       where (n.meal_type, n.notes, n.ai_analysis) is distinct from (o.meal_type, o.notes, o.ai_analysis)
    loop
      perform app_private.job_outbox_add(r.user_id, 'assistant.embed',
        pg_catalog.jsonb_build_object('kind', 'meal_log', 'id', r.id), 'meal_log:' || r.id);
    end loop;
  end if;
  return null;
end
$$;

--
-- Name: FUNCTION meal_logs_enqueue_embedding(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.meal_logs_enqueue_embedding() IS 'AFTER INSERT / AFTER UPDATE statement trigger on app.meal_logs: adds an assistant.embed job to the person''s app.job_outbox for each new meal log and each meal log whose embedded text changed (meal_type, notes, ai_analysis). Soft deletes keep their embeddings (undo). SECURITY DEFINER: app_user has no right on the outbox.';

--
-- Name: meal_logs_soft_delete(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.meal_logs_soft_delete() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
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
    SET search_path TO 'pg_catalog', 'pg_temp'
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
-- Name: messages_enqueue_embedding(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.messages_enqueue_embedding() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  r record;
begin
  for r in select n.id, n.user_id from new_rows as n loop
    perform app_private.job_outbox_add(r.user_id, 'assistant.embed',
      pg_catalog.jsonb_build_object('kind', 'message', 'id', r.id), 'message:' || r.id);
  end loop;
  return null;
end
$$;

--
-- Name: FUNCTION messages_enqueue_embedding(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.messages_enqueue_embedding() IS 'AFTER INSERT statement trigger on app.messages: adds an assistant.embed job to the person''s app.job_outbox for each new message (messages are never edited). SECURITY DEFINER: app_user has no right on the outbox.';

--
-- Name: owner_access_on(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.owner_access_on() RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
begin
  if not pg_catalog.pg_has_role(current_user, 'kitchen_owner', 'USAGE') then
    raise exception 'kitchen-db: % owns the SECURITY DEFINER functions but is not a member of kitchen_owner, so the owner_access policies do not apply and they would see no person''s rows', current_user
      using errcode = 'insufficient_privilege',
            hint = pg_catalog.format('As a superuser or a role with CREATEROLE run: grant kitchen_owner to %I; (docs/operations.md, "Restore under another owner").', current_user);
  end if;
  -- Citus: replay this and every later SET LOCAL of the transaction on the workers' connections.
  execute 'set local citus.propagate_set_commands = ''local''';
  execute 'set local app.owner_access = ''on''';
end
$$;

--
-- Name: FUNCTION owner_access_on(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.owner_access_on() IS 'Switches policy owner_access on for the rest of the transaction after checking that current_user — the owner, inside a SECURITY DEFINER body — is kitchen_owner or a member of it (raises 42501 naming the role and the runbook otherwise). Made with SET LOCAL after set local citus.propagate_set_commands = ''local'', so that on a Citus cluster the workers'' shards see it too (set_config(…, true) stays on the coordinator); a placeholder setting elsewhere. Callers restore the previous value with app_private.owner_access_restore before returning. SECURITY INVOKER: for anybody else it switches on a setting that no policy of theirs reads.';

--
-- Name: owner_access_restore(text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.owner_access_restore(p_prev text) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
begin
  execute 'set local citus.propagate_set_commands = ''local''';
  execute pg_catalog.format('set local app.owner_access = %L', coalesce(p_prev, ''));
end
$$;

--
-- Name: FUNCTION owner_access_restore(p_prev text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.owner_access_restore(p_prev text) IS 'Puts app.owner_access back to p_prev (the value read with current_setting(''app.owner_access'', true) before app_private.owner_access_on; NULL means unset, stored as ''''), the propagating way (SET LOCAL after citus.propagate_set_commands = ''local''), so the workers'' shards of a Citus cluster lose the owner''s access when the coordinator does. SECURITY INVOKER, not executable by application roles.';

--
-- Name: partition_bound_literal(regtype, timestamp without time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.partition_bound_literal(p_type regtype, p_at timestamp without time zone) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  select case p_type
    when 'timestamp with time zone'::pg_catalog.regtype then pg_catalog.to_char(p_at, 'YYYY-MM-DD HH24:MI:SS') || '+00'
    when 'timestamp without time zone'::pg_catalog.regtype then pg_catalog.to_char(p_at, 'YYYY-MM-DD HH24:MI:SS')
    else pg_catalog.to_char(p_at, 'YYYY-MM-DD')
  end
$$;

--
-- Name: FUNCTION partition_bound_literal(p_type regtype, p_at timestamp without time zone); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.partition_bound_literal(p_type regtype, p_at timestamp without time zone) IS 'A partition bound as text for a key of type p_type: the UTC wall-clock time p_at, with an explicit +00 offset for timestamptz (so the bound never depends on the session time zone).';

--
-- Name: partition_bounds(regclass); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.partition_bounds(p_partition regclass) RETURNS TABLE(is_default boolean, lower_bound timestamp with time zone, upper_bound timestamp with time zone)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    AS $_$
declare
  v_expr text := (select pg_catalog.pg_get_expr(c.relpartbound, c.oid) from pg_catalog.pg_class c where c.oid = p_partition);
  v_m    text[];
begin
  if v_expr is null then
    return;  -- not a partition
  end if;
  if v_expr = 'DEFAULT' then
    return query select true, null::timestamptz, null::timestamptz;
    return;
  end if;
  v_m := pg_catalog.regexp_match(v_expr, '^FOR VALUES FROM \((.*)\) TO \((.*)\)$');
  if v_m is null then
    return;  -- a list or hash partition
  end if;
  return query select false,
    case when v_m[1] = 'MINVALUE' then '-infinity'::timestamptz else pg_catalog.btrim(v_m[1], '''')::timestamptz end,
    case when v_m[2] = 'MAXVALUE' then 'infinity'::timestamptz else pg_catalog.btrim(v_m[2], '''')::timestamptz end;
end
$_$;

--
-- Name: FUNCTION partition_bounds(p_partition regclass); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.partition_bounds(p_partition regclass) IS 'Bounds of a range partition on a time key as timestamptz (date and timestamp bounds read as UTC): is_default for the DEFAULT partition (bounds NULL), -infinity/infinity for MINVALUE/MAXVALUE. No row for a table that is not a range partition.';

--
-- Name: partition_default_rows(regclass, timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.partition_default_rows(p_parent regclass, p_now timestamp with time zone) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    AS $$
declare
  v_key     name;
  v_type    regtype;
  v_default regclass := (select nullif(pt.partdefid, 0)::regclass from pg_catalog.pg_partitioned_table pt where pt.partrelid = p_parent);
  v_first   timestamp;
  v_last    timestamp;
  v_months  timestamp[];
  v_month   timestamp;
  v_made    jsonb;
  v_created jsonb := '[]';
  v_errors  jsonb := '[]';
  v_moved   bigint := 0;
begin
  if v_default is not null then
    select key_column, key_type into v_key, v_type from app_private.partition_key(p_parent);
    select w.first_month, w.last_month into v_first, v_last from app_private.partition_window(p_parent, p_now) w;
    execute pg_catalog.format(
      'select pg_catalog.array_agg(distinct m order by m) from (select %s as m from only %s) d where m between %L::timestamp and %L::timestamp',
      app_private.partition_month_expression(v_key, v_type), v_default, v_first, v_last)
      into v_months;
    foreach v_month in array coalesce(v_months, '{}') loop
      for attempt in 1..3 loop
        begin
          v_made := app_private.create_monthly_partition(p_parent, v_month::date);
          if v_made is not null then
            v_created := v_created || pg_catalog.jsonb_build_array(v_made);
            v_moved := v_moved + (v_made ->> 'moved_rows')::bigint;
          end if;
          exit;
        exception
          when lock_not_available then
            if attempt = 3 then
              v_errors := v_errors || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
                'step', 'move', 'month', pg_catalog.to_char(v_month, 'YYYY-MM'), 'sqlstate', sqlstate, 'message', sqlerrm));
            else
              perform pg_catalog.pg_sleep(0.2 * attempt);
            end if;
          when others then
            v_errors := v_errors || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
              'step', 'move', 'month', pg_catalog.to_char(v_month, 'YYYY-MM'), 'sqlstate', sqlstate, 'message', sqlerrm));
            exit;
        end;
      end loop;
    end loop;
  end if;
  return pg_catalog.jsonb_build_object('created', v_created, 'moved_rows', v_moved, 'errors', v_errors);
end
$$;

--
-- Name: FUNCTION partition_default_rows(p_parent regclass, p_now timestamp with time zone); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.partition_default_rows(p_parent regclass, p_now timestamp with time zone) IS 'Moves the rows of the DEFAULT partition of p_parent into monthly partitions: for every month inside the window (app_private.partition_window) that has rows in DEFAULT, creates its partition with app_private.create_monthly_partition, which moves the rows in the same transaction. Each month in its own subtransaction (lock timeouts retried twice). Returns {created: [...], moved_rows, errors: [...]}. Rows outside the window stay (see app_private.check_default).';

--
-- Name: partition_key(regclass); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.partition_key(p_parent regclass) RETURNS TABLE(key_column name, key_type regtype)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  select a.attname, a.atttypid::pg_catalog.regtype
  from pg_catalog.pg_partitioned_table pt
  join pg_catalog.pg_attribute a on a.attrelid = pt.partrelid and a.attnum = pt.partattrs[0]
  where pt.partrelid = p_parent
    and pt.partstrat = 'r'
    and pt.partnatts = 1
    and pt.partattrs[0] <> 0  -- a column, not an expression
$$;

--
-- Name: FUNCTION partition_key(p_parent regclass); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.partition_key(p_parent regclass) IS 'The partition key column and its type of a table partitioned BY RANGE on exactly one column; no row for anything else (list/hash partitioning, expressions, several columns, not partitioned).';

--
-- Name: partition_month_expression(name, regtype); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.partition_month_expression(p_key name, p_type regtype) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
  select case p_type
    when 'timestamp with time zone'::pg_catalog.regtype
      then pg_catalog.format('pg_catalog.date_trunc(''month'', pg_catalog.timezone(''UTC'', %I))', p_key)
    else pg_catalog.format('pg_catalog.date_trunc(''month'', %I::timestamp)', p_key)
  end
$$;

--
-- Name: FUNCTION partition_month_expression(p_key name, p_type regtype); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.partition_month_expression(p_key name, p_type regtype) IS 'SQL text of an expression giving the UTC month start (timestamp without time zone) of the key column p_key of type p_type; used to group DEFAULT rows by month.';

--
-- Name: partition_window(regclass, timestamp with time zone); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.partition_window(p_parent regclass, p_now timestamp with time zone) RETURNS TABLE(first_month timestamp without time zone, last_month timestamp without time zone)
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    SET "TimeZone" TO 'UTC'
    AS $$
  select
    case when t.retention is null then '-infinity'::timestamp
         else pg_catalog.date_trunc('month', pg_catalog.timezone('UTC', p_now - t.retention)) end,
    pg_catalog.date_trunc('month', pg_catalog.timezone('UTC', p_now)) + pg_catalog.make_interval(months => t.premake)
  from app_private.partitioned_tables t
  where t.parent_table = p_parent
$$;

--
-- Name: FUNCTION partition_window(p_parent regclass, p_now timestamp with time zone); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.partition_window(p_parent regclass, p_now timestamp with time zone) IS 'The months (UTC month starts, inclusive) a registered table should have partitions for at p_now: from the month containing the retention cutoff (p_now - retention; unbounded without retention) to the last premade month.';

--
-- Name: purge_due_accounts(timestamp with time zone, integer); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.purge_due_accounts(p_now timestamp with time zone DEFAULT now(), p_limit integer DEFAULT 100) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_prev text := pg_catalog.current_setting('app.owner_access', true);
  v_candidate uuid;
  v_locked uuid;
  v_result jsonb;
  v_purged integer := 0;
  v_total bigint := 0;
  v_tables jsonb := '{}';
  v_remaining bigint;
begin
  if p_now is null then
    raise exception 'p_now must not be null' using errcode = 'null_value_not_allowed';
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 1000 then
    raise exception 'p_limit must be between 1 and 1000 (got %)', p_limit using errcode = 'invalid_parameter_value';
  end if;
  -- Citus: one connection per node before the first multi-shard statement (see the header).
  perform pg_catalog.set_config('citus.multi_shard_modify_mode', 'sequential', true);
  perform app_private.owner_access_on();
  -- Candidates without a lock (may include people another worker is purging), then one person at a time.
  for v_candidate in
    select u.id from app.users as u
    where u.deletion_due_at <= p_now
    order by u.deletion_due_at, u.id
    limit p_limit
  loop
    select u.id into v_locked from app.users as u
    where u.id = v_candidate and u.deletion_due_at <= p_now
    for update skip locked;
    continue when not found;
    v_result := app_private.purge_user_core(v_locked, 'deletion_request_due');
    v_purged := v_purged + 1;
    v_total := v_total + (v_result ->> 'total_rows')::bigint;
    select coalesce(pg_catalog.jsonb_object_agg(k, coalesce((v_tables ->> k)::bigint, 0) + (v_result -> 'tables' ->> k)::bigint), '{}')
      into v_tables
    from pg_catalog.jsonb_object_keys(v_result -> 'tables') as k;
  end loop;
  select pg_catalog.count(*) into v_remaining from app.users as u where u.deletion_due_at <= p_now;
  perform app_private.owner_access_restore(v_prev);
  return pg_catalog.jsonb_build_object('now', p_now, 'purged', v_purged, 'remaining', v_remaining, 'tables', v_tables, 'total_rows', v_total);
end
$$;

--
-- Name: FUNCTION purge_due_accounts(p_now timestamp with time zone, p_limit integer); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.purge_due_accounts(p_now timestamp with time zone, p_limit integer) IS 'Purges (app_private.purge_user_core, reason deletion_request_due, audited) up to p_limit accounts whose deletion is due at p_now, oldest first, skipping rows another transaction holds. Returns {"now", "purged", "remaining" (still due: call again), "tables": rows deleted per table summed, "total_rows"}. p_now exists for tests (an injected clock); the worker''s entry point is app.purge_due_accounts(), which always uses now().';

--
-- Name: purge_user_core(uuid, text); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.purge_user_core(p_user_id uuid, p_reason text) RETURNS jsonb
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_id record;
  v_table app_private.gdpr_table;
  v_tables app_private.gdpr_table[];
  v_counts jsonb := '{}';
  v_count bigint;
  v_total bigint := 0;
  v_jobs bigint;
  v_files bigint;
  v_left boolean;
begin
  if pg_catalog.current_setting('app.owner_access', true) is distinct from 'on' then
    raise exception 'app_private.purge_user_core needs app.owner_access on (call app.purge_user)' using errcode = 'insufficient_privilege';
  end if;
  perform from app.users as u where u.id = p_user_id for update;
  v_id := app_private.gdpr_identity(p_user_id);
  -- Export files: forget who they belong to now; the files go after the commit (000080). Rows
  -- already deleted (retention, failed) lose their path too.
  update app_private.gdpr_export_files as f
     set person_id = null,
         state = case when f.state = 'deleted' then 'deleted' else 'pending_deletion' end,
         delete_reason = case when f.state = 'deleted' then f.delete_reason else 'purge' end,
         delete_requested_at = case when f.state = 'deleted' then f.delete_requested_at else pg_catalog.now() end,
         path = case when f.state = 'deleted' then null else f.path end,
         sha256 = case when f.state = 'deleted' then null else f.sha256 end
   where f.person_id = p_user_id;
  get diagnostics v_files = row_count;
  -- The person's job outbox rows (000140) first: a drain that is moving some of them into pg-boss
  -- holds their row locks, so this waits for it to commit; the next statement (a new snapshot) then
  -- sees the jobs it made. Without it a job drained during the purge would outlive the person.
  delete from app.job_outbox as o where o.user_id = p_user_id;
  get diagnostics v_count = row_count;
  -- Counted as the catalog's app.job_outbox (the loop below finds none left and adds 0).
  v_counts := pg_catalog.jsonb_build_object('app.job_outbox', v_count);
  v_total := v_count;
  -- pg-boss jobs, before the meal logs and messages their embedding jobs are found through.
  v_jobs := app_private.gdpr_purge_jobs(p_user_id, v_id.auth_id, v_id.emails);
  -- The catalog is read once (it is a query over pg_catalog) and used by both loops.
  -- Within a rank, partitioned tables first: telemetry goes by user_id (an index range per
  -- partition) before the cooking sessions whose deletion would otherwise look for it (000082).
  select pg_catalog.array_agg(g order by g.purge_rank, (select c.relkind = 'p' from pg_catalog.pg_class as c where c.oid = g.relation) desc, g.name)
    into v_tables
  from app_private.gdpr_tables() as g;
  foreach v_table in array coalesce(v_tables, '{}')
  loop
    execute app_private.gdpr_sql(v_table, 'delete') using p_user_id, v_id.auth_id, v_id.emails;
    get diagnostics v_count = row_count;
    v_counts := v_counts || pg_catalog.jsonb_build_object(v_table.name, v_count + coalesce((v_counts ->> v_table.name)::bigint, 0));
    v_total := v_total + v_count;
  end loop;
  foreach v_table in array coalesce(v_tables, '{}') loop
    execute app_private.gdpr_sql(v_table, 'exists') into v_left using p_user_id, v_id.auth_id, v_id.emails;
    if v_left then
      raise exception 'GDPR purge left rows of the person in % — nothing was deleted', v_table.name
        using errcode = 'internal_error';
    end if;
  end loop;
  perform app_private.gdpr_audit_write('purge', p_user_id,
    pg_catalog.jsonb_build_object('reason', p_reason, 'found', v_id.known, 'tables', v_counts, 'total_rows', v_total,
                                  'jobs', v_jobs, 'export_files', v_files));
  return pg_catalog.jsonb_build_object(
    'user_id', p_user_id,
    'found', v_id.known,
    'purged_at', pg_catalog.now(),
    'reason', p_reason,
    'tables', v_counts,
    'total_rows', v_total,
    'jobs', v_jobs,
    'export_files', v_files);
end
$$;

--
-- Name: FUNCTION purge_user_core(p_user_id uuid, p_reason text); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.purge_user_core(p_user_id uuid, p_reason text) IS 'The purge itself (migrations 000023, 000081 and 000192), for app.purge_user and app_private.purge_due_accounts, which switch app.owner_access on first. In one transaction: locks the person''s row, marks their export files pending deletion (and forgets whose they were), deletes their job outbox rows (waiting for a drain that is moving them) and then their pg-boss jobs (app_private.gdpr_purge_jobs), deletes their rows from every table of app_private.gdpr_tables() in purge order (auth.verification by app_private.gdpr_verification_matches), checks nothing is left, audits. Returns {"user_id", "found", "purged_at", "reason", "tables": {"<schema.table>": rows deleted}, "total_rows", "jobs": pg-boss jobs deleted, "export_files": file records marked}; reference tables count rows whose reference was set to NULL.';

--
-- Name: recipe_write_side_tables(app.recipes, app.recipes); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.recipe_write_side_tables(p_old app.recipes, p_new app.recipes) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
begin
  -- Tombstones (the sync's deleted_ids).
  if p_new.id is null then
    if p_old.is_published then
      insert into app.recipe_tombstones as t (recipe_id, removed_at, reason)
      values (p_old.id, pg_catalog.clock_timestamp(), 'deleted')
      on conflict (recipe_id) do update set removed_at = excluded.removed_at, reason = excluded.reason;
    else
      -- Devices already dropped it when it was unpublished: just record the final reason.
      update app.recipe_tombstones as t set reason = 'deleted' where t.recipe_id = p_old.id;
    end if;
    return;  -- app.recipe_search: the recipe's deletion cascades
  end if;
  if p_old.id is null or (p_new.is_published and not p_old.is_published) then
    delete from app.recipe_tombstones as t where t.recipe_id = p_new.id;
  elsif p_old.is_published and not p_new.is_published then
    insert into app.recipe_tombstones as t (recipe_id, removed_at, reason)
    values (p_new.id, p_new.updated_at, 'unpublished')
    on conflict (recipe_id) do update set removed_at = excluded.removed_at, reason = excluded.reason;
  end if;
  -- The search row of a published recipe.
  if p_new.is_published then
    insert into app.recipe_search as s
      (recipe_id, name, category, cuisine, difficulty, time_minutes, tags, allergen_keys, search_vector)
    values
      (p_new.id, p_new.name, p_new.category, p_new.cuisine, p_new.difficulty, p_new.time_minutes, coalesce(p_new.tags, '{}'),
       app.recipe_allergen_keys(p_new.recipe_data, p_new.tags), p_new.search_vector)
    on conflict (recipe_id) do update
       set name = excluded.name, category = excluded.category, cuisine = excluded.cuisine,
           difficulty = excluded.difficulty, time_minutes = excluded.time_minutes, tags = excluded.tags,
           allergen_keys = excluded.allergen_keys, search_vector = excluded.search_vector
     where (s.name, s.category, s.cuisine, s.difficulty, s.time_minutes, s.tags, s.allergen_keys, s.search_vector)
           is distinct from
           (excluded.name, excluded.category, excluded.cuisine, excluded.difficulty, excluded.time_minutes,
            excluded.tags, excluded.allergen_keys, excluded.search_vector);
  elsif p_old.is_published then
    delete from app.recipe_search as s where s.recipe_id = p_new.id;
  end if;
end
$$;

--
-- Name: FUNCTION recipe_write_side_tables(p_old app.recipes, p_new app.recipes); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.recipe_write_side_tables(p_old app.recipes, p_new app.recipes) IS 'After a recipe write by the admin functions (p_old NULL for a creation, p_new NULL for a deletion): tombstones (deleted / unpublished; re-creating or republishing removes it) and the app.recipe_search row (published recipes only). The caller holds the EXCLUSIVE sync lock. No application role may execute it.';

--
-- Name: recipes_stamp(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.recipes_stamp() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  -- Columns whose change is not an edit of the recipe itself.
  ignored constant text[] := array['version', 'updated_at', 'search_vector', 'created_by'];
  -- On Citus the trigger fires on each copy of the reference table (app.recipes_<shard id>).
  on_copy constant boolean := tg_table_name <> 'recipes';
begin
  if tg_op = 'INSERT' then
    if not on_copy then
      -- EXCLUSIVE sync lock first, then stamp: see app.recipe_sync_lock().
      perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync'));
      new.updated_at := pg_catalog.clock_timestamp();
    end if;
    return new;
  end if;
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
  if new.version = old.version + 1 and new.updated_at > old.updated_at then
    return new;  -- stamped by the writer (app.recipe_admin_update) under the sync lock
  end if;
  if on_copy then
    raise exception 'a recipe edit must be stamped by its writer on a distributed database: use app.recipe_admin_update'
      using errcode = 'object_not_in_prerequisite_state',
            hint = 'Each copy of a reference table would stamp its own clock_timestamp().';
  end if;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('app.recipes.sync'));
  new.version := old.version + 1;
  new.updated_at := pg_catalog.clock_timestamp();
  return new;
end
$$;

--
-- Name: FUNCTION recipes_stamp(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.recipes_stamp() IS 'BEFORE INSERT/UPDATE row trigger on app.recipes, looking at NEW/OLD only: refuses a changed id; an UPDATE that changes nothing but version/updated_at/created_by keeps both; a row stamped by its writer (version + 1 and a later updated_at, as app.recipe_admin_update writes it) is kept as written. Unstamped plain SQL: on a single server it takes the EXCLUSIVE sync lock and stamps (version + 1, updated_at = clock_timestamp(); an INSERT gets updated_at); on a Citus copy of the reference table it is refused (55000), since every copy would stamp its own time. Replaces recipes_sync_stamp (migration 000143).';

--
-- Name: refresh_daily_metrics(uuid, date); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.refresh_daily_metrics(p_user_id uuid, p_day date) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
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

  -- Both inserts select the source's user_id and group by it (not the constant p_user_id): Citus
  -- then pushes the INSERT … SELECT down to the person's shard. With a constant it pulled the rows
  -- to the coordinator and COPYed them into the shard, which it refuses under row-level security
  -- (0A000). Same rows everywhere: one group, the person's, or none.
  insert into app.daily_nutrition
    (user_id, day, meal_count, calories, protein_g, carbs_g, fat_g, fiber_g, sugar_g, sodium_mg)
  select m.user_id, p_day, count(*)::integer,
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
  group by m.user_id;

  insert into app.daily_ai_cost
    (user_id, day, provider, model, requests, input_tokens, output_tokens, cost_usd)
  select a.user_id, p_day, a.provider, a.model, count(*)::integer,
         sum(a.input_tokens), sum(a.output_tokens), sum(a.cost_usd)
  from app.api_usage as a
  where a.user_id = p_user_id
    and a.created_at >= v_from
    and a.created_at < v_until
  group by a.user_id, a.provider, a.model;
end
$$;

--
-- Name: FUNCTION refresh_daily_metrics(p_user_id uuid, p_day date); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.refresh_daily_metrics(p_user_id uuid, p_day date) IS 'Recomputes app.daily_nutrition and app.daily_ai_cost for one person and one calendar day in the person''s time zone, from app.meal_logs (soft-deleted meals excluded) and app.api_usage. Idempotent (delete + insert under a transaction-level advisory lock on the person-day, so concurrent calls serialise); a day without data leaves no row; an unknown person leaves nothing. Run it in a READ COMMITTED transaction. The caller needs to read every row of the person (the job worker); after a person changes time zone, past days are only right once recomputed.';

--
-- Name: register_partitioned_table(regclass, integer, interval, text, name); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.register_partitioned_table(p_parent regclass, p_premake integer DEFAULT 4, p_retention interval DEFAULT NULL::interval, p_retention_action text DEFAULT 'detach'::text, p_person_key name DEFAULT NULL::name) RETURNS void
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_type regtype;
begin
  select key_type into v_type from app_private.partition_key(p_parent);
  if v_type is null then
    raise exception '% is not partitioned by range on one column', p_parent
      using errcode = 'invalid_parameter_value';
  end if;
  if v_type not in ('timestamp with time zone'::pg_catalog.regtype, 'timestamp without time zone'::pg_catalog.regtype, 'date'::pg_catalog.regtype) then
    raise exception '% is partitioned on a % column; monthly partitions need timestamptz, timestamp or date', p_parent, v_type
      using errcode = 'invalid_parameter_value';
  end if;
  -- <table>_YYYY_MM must fit in an identifier (63 bytes).
  if pg_catalog.octet_length((select c.relname from pg_catalog.pg_class c where c.oid = p_parent)) > 55 then
    raise exception 'the name of % is too long for <table>_YYYY_MM partition names', p_parent
      using errcode = 'invalid_parameter_value';
  end if;
  if p_person_key is not null and not exists (
    select from pg_catalog.pg_attribute
    where attrelid = p_parent and attname = p_person_key and attnum > 0 and not attisdropped
  ) then
    raise exception '% has no column %', p_parent, p_person_key using errcode = 'undefined_column';
  end if;
  insert into app_private.partitioned_tables (parent_table, premake, retention, retention_action, person_key)
  values (p_parent, p_premake, p_retention, p_retention_action, p_person_key)
  on conflict (parent_table) do update
    set premake = excluded.premake,
        retention = excluded.retention,
        retention_action = excluded.retention_action,
        person_key = excluded.person_key;
end
$$;

--
-- Name: FUNCTION register_partitioned_table(p_parent regclass, p_premake integer, p_retention interval, p_retention_action text, p_person_key name); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.register_partitioned_table(p_parent regclass, p_premake integer, p_retention interval, p_retention_action text, p_person_key name) IS 'Adds a table to the partition registry, or changes its policy (idempotent). Checks that it is range-partitioned on one timestamptz/timestamp/date column and that <table>_YYYY_MM fits in a name. Run it in the migration that creates the table.';

--
-- Name: set_updated_at(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
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

--
-- Name: telemetry_events_check_sessions(); Type: FUNCTION; Schema: app_private; Owner: -
--

CREATE FUNCTION app_private.telemetry_events_check_sessions() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  r record;
begin
  perform app_private.owner_access_on();  -- sessions of the rows' owners (RLS is FORCEd)
  for r in
    select distinct n.session_id, n.user_id from new_rows as n where n.session_id is not null order by 2, 1
  loop
    -- One person's session (user_id first: one shard on Citus), locked as the foreign key did.
    perform from app.cooking_sessions as s where s.user_id = r.user_id and s.id = r.session_id for key share;
    if not found then
      perform app_private.owner_access_restore(v_access);
      raise exception 'insert or update on table "telemetry_events" violates foreign key constraint "telemetry_events_session_id_user_id_fkey"'
        using errcode = 'foreign_key_violation',
              schema = 'app',
              table = 'telemetry_events',
              constraint = 'telemetry_events_session_id_user_id_fkey',
              detail = pg_catalog.format('Key (session_id, user_id)=(%s, %s) is not present in table "cooking_sessions".', r.session_id, r.user_id);
    end if;
  end loop;
  perform app_private.owner_access_restore(v_access);
  return null;
end
$$;

--
-- Name: FUNCTION telemetry_events_check_sessions(); Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON FUNCTION app_private.telemetry_events_check_sessions() IS 'Statement trigger on app.telemetry_events (INSERT, UPDATE): every (session_id, user_id) of the new rows is a session of that person (app.cooking_sessions), each distinct pair looked up by (user_id, id) — one shard on Citus — and locked FOR KEY SHARE, what the foreign key telemetry_events_session_id_user_id_fkey checked per row until migration 000082; raises 23503 with that constraint name. SECURITY DEFINER (reads sessions under app.owner_access).';

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
-- Name: appliance_devices; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.appliance_devices (
    device_id text NOT NULL,
    user_id uuid NOT NULL,
    appliance_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY app.appliance_devices FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE appliance_devices; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.appliance_devices IS 'Global uniqueness of a device id among current pairings: one row per currently paired device (primary key device_id), naming the person and the pairing (app.appliances row with unpaired_at NULL). app.pair_appliance locks it first (it serialises pairings of one device: one shard on Citus), inserts or moves it on a pairing; app.unpair_appliance deletes it. Ended pairings have no row. Deleted with the person by the GDPR purge. app_user has no privilege on it.';

--
-- Name: COLUMN appliance_devices.device_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliance_devices.device_id IS 'The device id of the current pairing (app.appliances.device_id).';

--
-- Name: COLUMN appliance_devices.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliance_devices.user_id IS 'The person the device is paired to now. No foreign key (see app.person_emails.user_id).';

--
-- Name: COLUMN appliance_devices.appliance_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliance_devices.appliance_id IS 'app.appliances.id of the current pairing. No foreign key: app.appliances is distributed by user_id, this table by device id.';

--
-- Name: COLUMN appliance_devices.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliance_devices.created_at IS 'When this pairing took the device.';

--
-- Name: appliance_serials; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.appliance_serials (
    serial_number text NOT NULL,
    user_id uuid NOT NULL,
    appliance_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY app.appliance_serials FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE appliance_serials; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.appliance_serials IS 'Global uniqueness of a serial number among current pairings (primary key serial_number): a serial cannot be currently paired under two device ids. Written with app.appliance_devices by app.pair_appliance / app.unpair_appliance; a clash is 23505 appliance_serials_pkey. Deleted with the person by the GDPR purge. app_user has no privilege on it.';

--
-- Name: COLUMN appliance_serials.serial_number; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliance_serials.serial_number IS 'The serial number of the current pairing (app.appliances.serial_number).';

--
-- Name: COLUMN appliance_serials.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliance_serials.user_id IS 'The person the appliance is paired to now. No foreign key (see app.person_emails.user_id).';

--
-- Name: COLUMN appliance_serials.appliance_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliance_serials.appliance_id IS 'app.appliances.id of the current pairing.';

--
-- Name: COLUMN appliance_serials.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.appliance_serials.created_at IS 'When this pairing took the serial number.';

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
    device_revision integer,
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
-- Name: COLUMN cooking_sessions.device_revision; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.cooking_sessions.device_revision IS 'Revision of the log on the device (a per-session counter the device increments on each change), set by device uploads (app.upload_cooking_log); an upload is applied only when its revision is above this one. NULL for sessions created by the app and never uploaded (any upload then applies).';

--
-- Name: CONSTRAINT cooking_sessions_completed_at_check ON cooking_sessions; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT cooking_sessions_completed_at_check ON app.cooking_sessions IS 'A session cannot complete before it started.';

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
-- Name: CONSTRAINT daily_ai_cost_tokens_check ON daily_ai_cost; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT daily_ai_cost_tokens_check ON app.daily_ai_cost IS 'Token totals of a day are never negative (the roll-up sums app.api_usage).';

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
-- Name: CONSTRAINT daily_nutrition_totals_check ON daily_nutrition; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT daily_nutrition_totals_check ON app.daily_nutrition IS 'Nutrient totals of a day are never negative (the roll-up sums the day''s meal logs).';

--
-- Name: embeddings; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.embeddings (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    user_id uuid CONSTRAINT embeddings_user_id_not_null1 NOT NULL,
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

COMMENT ON TABLE app.embeddings IS 'RAG chunks and their vectors (pgvector) of a person''s own meal logs and messages, searched exactly: the btree idx_embeddings_user selects the person''s rows and the distance is computed on them (HNSW filters after the scan and would lose rows). A chunk must point at the person''s own meal log or message (trigger embeddings_check_source_*). The embed job upserts on idx_embeddings_person_chunk (user_id, source_kind, source_id, chunk_index, model), so re-running it is idempotent. Rows are deleted with the person (ON DELETE CASCADE) and with their source row (triggers delete_embeddings on meal_logs and messages). The shared knowledge base is app.knowledge_embeddings (until 000131: rows here with user_id NULL).';

--
-- Name: COLUMN embeddings.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.embeddings.id IS 'Chunk id.';

--
-- Name: COLUMN embeddings.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.embeddings.user_id IS 'Owner (app.users.id): every chunk belongs to a person (the shared knowledge base is app.knowledge_embeddings since 000131). The distribution column on Citus.';

--
-- Name: COLUMN embeddings.source_kind; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.embeddings.source_kind IS 'What was embedded: meal_log (app.meal_logs), message (app.messages) or knowledge (shared knowledge base).';

--
-- Name: COLUMN embeddings.source_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.embeddings.source_id IS 'Id of the source row (meal_logs.id or messages.id of the same person; required for them, checked by trigger embeddings_check_source_*). For knowledge rows optional: a stable document uuid chosen by the loader (e.g. a name-based uuid of its URL) makes reloading idempotent; NULL rows are never deduplicated (NULLs are distinct in idx_embeddings_knowledge_chunk).';

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
-- Name: CONSTRAINT embeddings_source_check ON embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT embeddings_source_check ON app.embeddings IS 'Knowledge-base chunks belong to nobody (user_id null: shared, admin-written); every other chunk belongs to a person and names its source row.';

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
-- Name: job_outbox; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.job_outbox (
    user_id uuid NOT NULL,
    id bigint NOT NULL,
    queue text NOT NULL,
    data jsonb NOT NULL,
    singleton_key text,
    start_after interval DEFAULT '00:00:00'::interval NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT job_outbox_data_check CHECK ((jsonb_typeof(data) = 'object'::text)),
    CONSTRAINT job_outbox_queue_check CHECK ((queue = ANY (ARRAY['assistant.embed'::text, 'metrics.rollup'::text]))),
    CONSTRAINT job_outbox_start_after_check CHECK (((start_after >= '00:00:00'::interval) AND (start_after <= '1 day'::interval)))
);

ALTER TABLE ONLY app.job_outbox FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE job_outbox; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.job_outbox IS 'Jobs written by the enqueue triggers (embeddings, metrics roll-ups) in the writing transaction, one row per job and person, waiting for app.drain_job_outbox to move them into pg-boss (pgboss.job) — the worker drains every few seconds. A person table (distributed by user_id on Citus, next to the rows that caused the job; deleted with the person). Only the triggers (as the owner) write it and only the drain moves it; app_admin may read it.';

--
-- Name: COLUMN job_outbox.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.job_outbox.user_id IS 'The person whose change caused the job (the outbox row lives on that person''s shard).';

--
-- Name: COLUMN job_outbox.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.job_outbox.id IS 'Order of arrival within the person (identity).';

--
-- Name: COLUMN job_outbox.queue; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.job_outbox.queue IS 'pg-boss queue of the job: assistant.embed or metrics.rollup (the queues the triggers feed).';

--
-- Name: COLUMN job_outbox.data; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.job_outbox.data IS 'The job''s data (a JSON object), as the handler reads it.';

--
-- Name: COLUMN job_outbox.singleton_key; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.job_outbox.singleton_key IS 'pg-boss singleton key (meal_log:<id>, message:<id>, metrics:<user>:<day>, metrics:<user>:all): no second job is made while one with this key waits.';

--
-- Name: COLUMN job_outbox.start_after; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.job_outbox.start_after IS 'Delay of the job, counted from when it is drained into pg-boss (metrics roll-ups wait a few seconds so that a burst of writes shares one job).';

--
-- Name: COLUMN job_outbox.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.job_outbox.created_at IS 'When the change was written (the drain takes the oldest rows first).';

--
-- Name: CONSTRAINT job_outbox_data_check ON job_outbox; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT job_outbox_data_check ON app.job_outbox IS 'A job''s data is a JSON object.';

--
-- Name: CONSTRAINT job_outbox_queue_check ON job_outbox; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT job_outbox_queue_check ON app.job_outbox IS 'Only the queues the triggers feed; a payload for another queue cannot be planted here.';

--
-- Name: CONSTRAINT job_outbox_start_after_check ON job_outbox; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT job_outbox_start_after_check ON app.job_outbox IS 'A delay between 0 and one day.';

--
-- Name: job_outbox_id_seq; Type: SEQUENCE; Schema: app; Owner: -
--

ALTER TABLE app.job_outbox ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app.job_outbox_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: knowledge_embeddings; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.knowledge_embeddings (
    id uuid DEFAULT gen_random_uuid() NOT NULL,
    source_id uuid,
    chunk_index integer DEFAULT 0 NOT NULL,
    content text NOT NULL,
    embedding public.vector(1536) NOT NULL,
    model text NOT NULL,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT knowledge_embeddings_chunk_index_check CHECK ((chunk_index >= 0)),
    CONSTRAINT knowledge_embeddings_content_check CHECK ((char_length(content) >= 1)),
    CONSTRAINT knowledge_embeddings_metadata_check CHECK ((jsonb_typeof(metadata) = 'object'::text)),
    CONSTRAINT knowledge_embeddings_model_check CHECK (((char_length(model) >= 1) AND (char_length(model) <= 200)))
);

--
-- Name: TABLE knowledge_embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.knowledge_embeddings IS 'The shared knowledge base for RAG: chunks and their vectors (pgvector), belonging to nobody. Read by every person (app_user: SELECT, through app.search_knowledge), written by the admin portal only (app_admin: assistant.forAdmin.storeKnowledge, upserting on idx_knowledge_embeddings_chunk). Searched approximately through the HNSW cosine index idx_knowledge_embeddings_hnsw. A reference table on Citus (a copy on every node). Until migration 000131 these rows were app.embeddings rows with user_id NULL; they kept their ids.';

--
-- Name: COLUMN knowledge_embeddings.id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.knowledge_embeddings.id IS 'Chunk id.';

--
-- Name: COLUMN knowledge_embeddings.source_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.knowledge_embeddings.source_id IS 'Optional stable document uuid chosen by the loader (e.g. a name-based uuid of its URL): with it, reloading a document is idempotent (upsert on idx_knowledge_embeddings_chunk); NULL rows are never deduplicated (NULLs are distinct).';

--
-- Name: COLUMN knowledge_embeddings.chunk_index; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.knowledge_embeddings.chunk_index IS 'Position of the chunk within its document (0 for a single chunk).';

--
-- Name: COLUMN knowledge_embeddings.content; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.knowledge_embeddings.content IS 'The chunk''s text, returned by searches.';

--
-- Name: COLUMN knowledge_embeddings.embedding; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.knowledge_embeddings.embedding IS 'The chunk''s vector (1536 dimensions, the width of app.embeddings.embedding).';

--
-- Name: COLUMN knowledge_embeddings.model; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.knowledge_embeddings.model IS 'The embedding model that made the vector; a search compares only vectors of one model.';

--
-- Name: COLUMN knowledge_embeddings.metadata; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.knowledge_embeddings.metadata IS 'Free-form JSON object (topic, language, URL …): searchKnowledge''s filter matches it with @>.';

--
-- Name: COLUMN knowledge_embeddings.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.knowledge_embeddings.created_at IS 'When the chunk was stored or last replaced by the loader.';

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
-- Name: person_auth_ids; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.person_auth_ids (
    auth_id text NOT NULL,
    user_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY app.person_auth_ids FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE person_auth_ids; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.person_auth_ids IS 'Global uniqueness of the Better-Auth identity: one auth."user".id names one person (the primary key is the auth id; on Citus distributed by it). app.sign_in_person claims it first (INSERT ... ON CONFLICT DO NOTHING, then locks it), so concurrent first sign-ins of one identity create one person. Deleted with the person by the GDPR purge. app_user has no privilege on it.';

--
-- Name: COLUMN person_auth_ids.auth_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.person_auth_ids.auth_id IS 'auth."user".id, equal to app.users.auth_id of user_id.';

--
-- Name: COLUMN person_auth_ids.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.person_auth_ids.user_id IS 'The person (app.users.id) of this identity. No foreign key (see app.person_emails.user_id).';

--
-- Name: COLUMN person_auth_ids.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.person_auth_ids.created_at IS 'When the identity first signed in.';

--
-- Name: person_emails; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.person_emails (
    email public.citext NOT NULL,
    user_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY app.person_emails FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE person_emails; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.person_emails IS 'Global uniqueness of a person''s e-mail (case-insensitive, citext): the primary key is the e-mail, so one e-mail names one person across the whole database (on Citus: distributed by email, the owning shard enforces it). Holds exactly the current app.users.email of every person. Written only by app.sign_in_person (first sign-in, and an e-mail change made in Better-Auth), in the same transaction as app.users; deleted with the person by the GDPR purge (catalogue: person table). app_user has no privilege on it.';

--
-- Name: COLUMN person_emails.email; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.person_emails.email IS 'The e-mail address (citext: unique whatever the case), equal to app.users.email of user_id.';

--
-- Name: COLUMN person_emails.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.person_emails.user_id IS 'The person (app.users.id) holding the e-mail. No foreign key (Citus refuses one between tables distributed by different keys): the writers and the GDPR purge (catalogue: person table) keep it in step.';

--
-- Name: COLUMN person_emails.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.person_emails.created_at IS 'When the person took this e-mail.';

--
-- Name: push_token_owners; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.push_token_owners (
    token_sha256 bytea NOT NULL,
    user_id uuid NOT NULL,
    push_token_id uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT push_token_owners_token_sha256_check CHECK ((length(token_sha256) = 32))
);

ALTER TABLE ONLY app.push_token_owners FORCE ROW LEVEL SECURITY;

--
-- Name: TABLE push_token_owners; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.push_token_owners IS 'Global uniqueness of FCM/APNs tokens: the primary key is the token''s SHA-256 (sha256(convert_to(token, ''UTF8'')); the token is a credential, so it is not stored twice nor exported from here); the row names the person and the app.push_tokens row holding it. app.register_push_token locks this row first (one shard on Citus), then moves the token between people; app.unregister_push_token and the stale-token sweep (app.delete_stale_push_tokens) delete it with the token row. A row whose push_tokens row is gone is treated as free. Deleted with the person by the GDPR purge. app_user has no privilege on it.';

--
-- Name: COLUMN push_token_owners.token_sha256; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.push_token_owners.token_sha256 IS 'SHA-256 of the push token (app.push_tokens.token of push_token_id, UTF-8): the global key, 32 bytes (push_token_owners_token_sha256_check).';

--
-- Name: COLUMN push_token_owners.user_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.push_token_owners.user_id IS 'The person holding the token (app.push_tokens.user_id). No foreign key (see app.person_emails.user_id).';

--
-- Name: COLUMN push_token_owners.push_token_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.push_token_owners.push_token_id IS 'app.push_tokens.id of the row holding the token. No foreign key: app.push_tokens is distributed by user_id, this table by token.';

--
-- Name: COLUMN push_token_owners.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.push_token_owners.created_at IS 'When the token was first registered by user_id.';

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

COMMENT ON TABLE app.push_tokens IS 'FCM/APNs device tokens of a person''s phones (Epicura). A token is unique across people through app.push_token_owners (its lookup row, locked by every writer): when a phone changes hands the row moves to the new person. app_user writes tokens only through app.register_push_token / app.unregister_push_token (no INSERT, UPDATE or DELETE privilege), so registering a token never fails because someone else holds it (no existence oracle) and no token row leaves without its lookup row. Deleted with the person (ON DELETE CASCADE).';

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

COMMENT ON COLUMN app.push_tokens.token IS 'The FCM/APNs token. Unique across people through app.push_token_owners (written with this row by app.register_push_token), not a unique constraint here (Citus: a unique key of a person table must contain user_id).';

--
-- Name: COLUMN push_tokens.created_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.push_tokens.created_at IS 'Registration time.';

--
-- Name: COLUMN push_tokens.updated_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.push_tokens.updated_at IS 'Last refresh (trigger set_updated_at).';

--
-- Name: recipe_search; Type: TABLE; Schema: app; Owner: -
--

CREATE TABLE app.recipe_search (
    recipe_id uuid NOT NULL,
    name character varying(200) NOT NULL,
    category character varying(50) NOT NULL,
    cuisine character varying(50),
    difficulty character varying(10) NOT NULL,
    time_minutes integer NOT NULL,
    tags text[] NOT NULL,
    allergen_keys text[] NOT NULL,
    search_vector tsvector NOT NULL
);

--
-- Name: TABLE recipe_search; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TABLE app.recipe_search IS 'Search copy of the PUBLISHED recipes (one row each, none for unpublished ones): the columns recipe search filters and ranks on, with indexes that work for people. app.recipes is behind row-level security, under which full-text and array conditions cannot use indexes (their operators are not leakproof); this table holds only public data, so it has no row-level security. Written by the admin functions app.recipe_admin_create / _update (in the same transaction as the recipe); deleting a recipe cascades. Not personal data.';

--
-- Name: COLUMN recipe_search.recipe_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipe_search.recipe_id IS 'The published recipe (app.recipes.id).';

--
-- Name: COLUMN recipe_search.name; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipe_search.name IS 'Copy of app.recipes.name: browse order and keyset pages (rank, name, id).';

--
-- Name: COLUMN recipe_search.category; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipe_search.category IS 'Copy of app.recipes.category.';

--
-- Name: COLUMN recipe_search.cuisine; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipe_search.cuisine IS 'Copy of app.recipes.cuisine.';

--
-- Name: COLUMN recipe_search.difficulty; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipe_search.difficulty IS 'Copy of app.recipes.difficulty.';

--
-- Name: COLUMN recipe_search.time_minutes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipe_search.time_minutes IS 'Copy of app.recipes.time_minutes.';

--
-- Name: COLUMN recipe_search.tags; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipe_search.tags IS 'Copy of app.recipes.tags (empty array for NULL): tag filters (@>) and the person''s diet (&&).';

--
-- Name: COLUMN recipe_search.allergen_keys; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipe_search.allergen_keys IS 'app.recipe_allergen_keys(recipe_data, tags) of the recipe: search excludes recipes whose keys overlap the person''s allergens.';

--
-- Name: COLUMN recipe_search.search_vector; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.recipe_search.search_vector IS 'Copy of app.recipes.search_vector (name, category, cuisine; english).';

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

COMMENT ON TABLE app.recipe_tombstones IS 'Recipes devices must remove: deleted or unpublished recipes (the sync protocol''s deleted_ids = recipe_id where removed_at > since). Written only by the admin functions app.recipe_admin_* under the sync lock; republishing or re-creating a recipe removes its tombstone. No personal data. No FK: the recipe may be gone. Old tombstones may be pruned once older than the longest sync gap a device may have (a device with an older since must do a full sync).';

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

COMMENT ON TABLE app.telemetry_events IS 'Time-series events from appliances (Epicura), partitioned by month on recorded_at (partitions app.telemetry_events_YYYY_MM over UTC months, plus app.telemetry_events_default). Indexes are defined on the parent and propagate to every partition. user_id is the owner of the appliance pairing when the event was recorded (composite FK (appliance_id, user_id) -> appliances(id, user_id)); a re-paired device''s history stays with the old pairing and the old owner. Deletion: with the person (ON DELETE CASCADE from app.users, the GDPR purge); with the cooking session (statement trigger cooking_sessions_delete_events: a cook''s temperature curve is part of that cook''s record); a pairing with events cannot be deleted on its own (NO ACTION; pairings end with unpaired_at). Retention drops or detaches whole partitions.';

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

COMMENT ON COLUMN app.telemetry_events.session_id IS 'Cooking session the event belongs to; NULL for non-cooking events (heartbeats, idle status). Same owner as the event: (session_id, user_id) must be a row of app.cooking_sessions (statement trigger telemetry_events_check_sessions_*, migration 000082); deleting the session deletes its events (trigger cooking_sessions_delete_events).';

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
-- Name: CONSTRAINT user_goals_period_check ON user_goals; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT user_goals_period_check ON app.user_goals IS 'A goal cannot end before it starts (an open-ended goal has no ends_on).';

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
    deletion_requested_at timestamp with time zone,
    deletion_due_at timestamp with time zone,
    deletion_was_active boolean,
    CONSTRAINT users_deletion_request_check CHECK ((((deletion_requested_at IS NULL) = (deletion_due_at IS NULL)) AND ((deletion_requested_at IS NULL) = (deletion_was_active IS NULL)) AND (deletion_due_at >= deletion_requested_at))),
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

COMMENT ON COLUMN app.users.auth_id IS 'Better-Auth identity (auth."user".id) of this person. One person per identity through app.person_auth_ids (its primary key; written by app.sign_in_person), not a unique constraint here (Citus: a unique key of app.users must contain id).';

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
-- Name: COLUMN users.deletion_requested_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.users.deletion_requested_at IS 'When the person asked for their account to be erased (app.request_account_deletion); NULL = no pending request.';

--
-- Name: COLUMN users.deletion_due_at; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.users.deletion_due_at IS 'When the purge becomes due: the request time plus the grace period in force then. The worker''s app.purge_due_accounts() erases the account after it; until then the person may cancel.';

--
-- Name: COLUMN users.deletion_was_active; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON COLUMN app.users.deletion_was_active IS 'is_active before the request (the request deactivates the account); a cancellation restores it, so cancelling never re-enables an account an administrator had disabled.';

--
-- Name: CONSTRAINT users_deletion_request_check ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT users_deletion_request_check ON app.users IS 'The three deletion-request columns are set and cleared together; the due time is not before the request.';

--
-- Name: CONSTRAINT users_email_format_check ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT users_email_format_check ON app.users IS 'Basic shape local@domain.tld; real validation is the verification e-mail.';

--
-- Name: CONSTRAINT users_email_length_check ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT users_email_length_check ON app.users IS 'E-mail addresses up to 255 characters, as Better-Auth''s user table allows.';

--
-- Name: CONSTRAINT users_time_zone_check ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT users_time_zone_check ON app.users IS 'time_zone must be a canonical IANA zone known to the server (app.is_valid_time_zone).';

--
-- Name: gdpr_audit; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.gdpr_audit (
    id bigint NOT NULL,
    occurred_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    action text NOT NULL,
    subject text NOT NULL,
    session_role text NOT NULL,
    acting_role text NOT NULL,
    xact_id bigint NOT NULL,
    detail jsonb DEFAULT '{}'::jsonb NOT NULL,
    CONSTRAINT gdpr_audit_action_check CHECK ((action = ANY (ARRAY['summary'::text, 'export'::text, 'export_page'::text, 'purge'::text, 'deletion_requested'::text, 'deletion_cancelled'::text]))),
    CONSTRAINT gdpr_audit_detail_check CHECK ((jsonb_typeof(detail) = 'object'::text)),
    CONSTRAINT gdpr_audit_subject_check CHECK ((subject ~ '^[0-9a-f]{64}$'::text))
);

--
-- Name: TABLE gdpr_audit; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.gdpr_audit IS 'GDPR audit trail, append-only (triggers refuse UPDATE, DELETE and TRUNCATE): one row per call of a GDPR function. No personal data: the person is a keyed hash (subject), the detail holds table names and row counts. Rows are written in the caller''s transaction, so a call that fails or is rolled back leaves no row (and no effect); every call is also written to the server log (RAISE LOG), which a rollback cannot undo. Read through app.gdpr_audit_log().';

--
-- Name: COLUMN gdpr_audit.id; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_audit.id IS 'Sequence number (identity).';

--
-- Name: COLUMN gdpr_audit.occurred_at; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_audit.occurred_at IS 'When the call ran (clock_timestamp(): real time, not an injected clock).';

--
-- Name: COLUMN gdpr_audit.action; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_audit.action IS 'summary (counts per table, before an export or a purge), export (app.export_user_data), export_page (one page of app.export_user_table), purge (app.purge_user, or a due deletion request), deletion_requested, deletion_cancelled.';

--
-- Name: COLUMN gdpr_audit.subject; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_audit.subject IS 'The person: app_private.gdpr_subject(user id), hex HMAC-SHA-256. Compare with app.gdpr_audit_log(p_user_id => …).';

--
-- Name: COLUMN gdpr_audit.session_role; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_audit.session_role IS 'session_user: the login role that connected (the member of staff''s or the service''s own role).';

--
-- Name: COLUMN gdpr_audit.acting_role; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_audit.acting_role IS 'The role the caller had switched to with SET [LOCAL] ROLE (app_compliance, app_worker, app_user), else the login role. (Inside a SECURITY DEFINER function current_user is the owner, so the role setting is what tells callers apart.)';

--
-- Name: COLUMN gdpr_audit.xact_id; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_audit.xact_id IS 'Transaction id of the call (pg_current_xact_id()): the calls of one CLI export share it.';

--
-- Name: COLUMN gdpr_audit.detail; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_audit.detail IS 'What was done, without personal data: {"tables": {"app.meal_logs": 12, …}} for summaries, exports and purges, {"table": …, "rows": n} for an export page, {"reason": …} for purges, due dates for deletion requests.';

--
-- Name: gdpr_audit_id_seq; Type: SEQUENCE; Schema: app_private; Owner: -
--

ALTER TABLE app_private.gdpr_audit ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_private.gdpr_audit_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: gdpr_export_files; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.gdpr_export_files (
    id bigint NOT NULL,
    subject text NOT NULL,
    person_id uuid,
    path text,
    host text NOT NULL,
    written_by text NOT NULL,
    state text DEFAULT 'writing'::text NOT NULL,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    written_at timestamp with time zone,
    bytes bigint,
    sha256 text,
    delete_reason text,
    delete_requested_at timestamp with time zone,
    deleted_at timestamp with time zone,
    delete_attempts integer DEFAULT 0 NOT NULL,
    last_error text,
    CONSTRAINT gdpr_export_files_bytes_check CHECK ((bytes >= 0)),
    CONSTRAINT gdpr_export_files_delete_reason_check CHECK ((delete_reason = ANY (ARRAY['purge'::text, 'retention'::text, 'failed'::text]))),
    CONSTRAINT gdpr_export_files_host_check CHECK (((char_length(host) >= 1) AND (char_length(host) <= 255))),
    CONSTRAINT gdpr_export_files_path_check CHECK (((path IS NULL) OR (((char_length(path) >= 2) AND (char_length(path) <= 4096)) AND (path ~~ '/%'::text)))),
    CONSTRAINT gdpr_export_files_purged_check CHECK (((delete_reason IS DISTINCT FROM 'purge'::text) OR (person_id IS NULL))),
    CONSTRAINT gdpr_export_files_purged_path_check CHECK (((NOT ((state = 'deleted'::text) AND (delete_reason = 'purge'::text))) OR ((path IS NULL) AND (sha256 IS NULL)))),
    CONSTRAINT gdpr_export_files_sha256_check CHECK ((sha256 ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT gdpr_export_files_state_check CHECK ((state = ANY (ARRAY['writing'::text, 'written'::text, 'pending_deletion'::text, 'deleted'::text]))),
    CONSTRAINT gdpr_export_files_state_path_check CHECK (((state = 'deleted'::text) OR (path IS NOT NULL))),
    CONSTRAINT gdpr_export_files_subject_check CHECK ((subject ~ '^[0-9a-f]{64}$'::text)),
    CONSTRAINT gdpr_export_files_written_by_check CHECK ((written_by = ANY (ARRAY['job'::text, 'cli'::text, 'demo'::text])))
);

--
-- Name: TABLE gdpr_export_files; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.gdpr_export_files IS 'Every GDPR export file written to disk (by the gdpr.export job, `kitchen-db gdpr export --out`, the demo tour) and what became of it: writing → written → pending_deletion (purge or retention) → deleted. See migration 000080 and docs/gdpr.md. Rows stay after the file is gone (the audit of the file''s life) without anything identifying: person_id is cleared by the purge, path and sha256 when the file of a purged person is deleted. No application role has any privilege on it: the app.gdpr_export_file* functions are the way in.';

--
-- Name: COLUMN gdpr_export_files.id; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.id IS 'Sequence number (identity).';

--
-- Name: COLUMN gdpr_export_files.subject; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.subject IS 'The person as the audit trail names them: app_private.gdpr_subject(user id), kept after the purge.';

--
-- Name: COLUMN gdpr_export_files.person_id; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.person_id IS 'The person while they exist (no foreign key: the row outlives them; not named user_id because no row-level security applies: no application role reads this table); cleared by the purge.';

--
-- Name: COLUMN gdpr_export_files.path; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.path IS 'Absolute path of the file on host; cleared once a purged person''s file is deleted (paths contain the person''s id or a name chosen by a person).';

--
-- Name: COLUMN gdpr_export_files.host; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.host IS 'Host name of the machine that wrote the file: only a process on that host deletes it.';

--
-- Name: COLUMN gdpr_export_files.written_by; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.written_by IS 'job (the gdpr.export job), cli (kitchen-db gdpr export --out), demo (the demo tour).';

--
-- Name: COLUMN gdpr_export_files.state; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.state IS 'writing, written, pending_deletion, deleted (see the table comment).';

--
-- Name: COLUMN gdpr_export_files.started_at; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.started_at IS 'When the writer recorded the file, before writing it.';

--
-- Name: COLUMN gdpr_export_files.written_at; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.written_at IS 'When the complete file was in place.';

--
-- Name: COLUMN gdpr_export_files.bytes; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.bytes IS 'Size of the complete file.';

--
-- Name: COLUMN gdpr_export_files.sha256; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.sha256 IS 'SHA-256 of the complete file (hex): a deleter outside the export folders deletes only a file that still matches it.';

--
-- Name: COLUMN gdpr_export_files.delete_reason; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.delete_reason IS 'Why it is (to be) deleted: purge (the person was erased), retention (older than the retention period), failed (the export failed; nothing complete was written).';

--
-- Name: COLUMN gdpr_export_files.delete_requested_at; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.delete_requested_at IS 'When it became pending_deletion.';

--
-- Name: COLUMN gdpr_export_files.deleted_at; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.deleted_at IS 'When the file was deleted (or found already gone).';

--
-- Name: COLUMN gdpr_export_files.delete_attempts; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.delete_attempts IS 'Failed deletion attempts so far.';

--
-- Name: COLUMN gdpr_export_files.last_error; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_export_files.last_error IS 'Why the last deletion attempt failed (no path in it).';

--
-- Name: CONSTRAINT gdpr_export_files_purged_check ON gdpr_export_files; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT gdpr_export_files_purged_check ON app_private.gdpr_export_files IS 'A record deleted because its person was purged no longer names the person (person_id null).';

--
-- Name: CONSTRAINT gdpr_export_files_purged_path_check ON gdpr_export_files; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT gdpr_export_files_purged_path_check ON app_private.gdpr_export_files IS 'Once a purged person''s file is gone, neither its path (which holds the person''s id) nor its checksum remains.';

--
-- Name: CONSTRAINT gdpr_export_files_state_path_check ON gdpr_export_files; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT gdpr_export_files_state_path_check ON app_private.gdpr_export_files IS 'A file that is not deleted has a path: nothing on disk is ever left without a record the deletion step can find.';

--
-- Name: gdpr_export_files_id_seq; Type: SEQUENCE; Schema: app_private; Owner: -
--

ALTER TABLE app_private.gdpr_export_files ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME app_private.gdpr_export_files_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

--
-- Name: gdpr_redactions; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.gdpr_redactions (
    table_name text NOT NULL,
    column_name text,
    reason text NOT NULL,
    CONSTRAINT gdpr_redactions_reason_check CHECK (((char_length(reason) >= 1) AND (char_length(reason) <= 500)))
);

--
-- Name: TABLE gdpr_redactions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.gdpr_redactions IS 'What GDPR exports leave out, and why: a column of an exported table (column_name set), or a whole table (column_name NULL). Exports list these rows in their manifest. The purge deletes the rows regardless. Keys are the export''s table names (schema.table, unquoted).';

--
-- Name: COLUMN gdpr_redactions.table_name; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_redactions.table_name IS 'Table as the export names it: schema.table without quotes (auth.twoFactor).';

--
-- Name: COLUMN gdpr_redactions.column_name; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_redactions.column_name IS 'Column left out of every exported row; NULL = the whole table is left out.';

--
-- Name: COLUMN gdpr_redactions.reason; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_redactions.reason IS 'Plain-words reason, copied into every export''s manifest.';

--
-- Name: gdpr_reference_columns; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.gdpr_reference_columns (
    table_name text NOT NULL,
    column_name text NOT NULL,
    reason text NOT NULL,
    CONSTRAINT gdpr_reference_columns_reason_check CHECK (((char_length(reason) >= 1) AND (char_length(reason) <= 500)))
);

--
-- Name: TABLE gdpr_reference_columns; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.gdpr_reference_columns IS 'Columns that name a person (an app.users id) without a foreign key to app.users, which app_private.gdpr_tables lists as kind reference next to the ones it finds through foreign keys: the export lists the table''s key and the column, the purge sets the column to NULL. Keys are schema.table (unquoted) and the column name. A foreign key is the first choice; declare a column here only when one cannot exist (a Citus reference table pointing at a distributed table).';

--
-- Name: COLUMN gdpr_reference_columns.table_name; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_reference_columns.table_name IS 'The table, schema-qualified (app.recipes).';

--
-- Name: COLUMN gdpr_reference_columns.column_name; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_reference_columns.column_name IS 'The column holding an app.users id.';

--
-- Name: COLUMN gdpr_reference_columns.reason; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_reference_columns.reason IS 'Why the column has no foreign key to app.users.';

--
-- Name: gdpr_secret; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.gdpr_secret (
    id boolean DEFAULT true NOT NULL,
    hmac_key bytea NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT gdpr_secret_hmac_key_check CHECK ((length(hmac_key) = 32)),
    CONSTRAINT gdpr_secret_id_check CHECK (id)
);

--
-- Name: TABLE gdpr_secret; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.gdpr_secret IS 'The key of the GDPR audit''s keyed hash (one row). Generated by the migration from gen_random_uuid() (pg_strong_random), so every database has its own key and hashes cannot be compared across databases. No application role has any privilege on it; database backups contain it, so a backup and its audit trail together can link a hash to an id (as intended for compliance questions).';

--
-- Name: COLUMN gdpr_secret.id; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_secret.id IS 'Always true: at most one row.';

--
-- Name: COLUMN gdpr_secret.hmac_key; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_secret.hmac_key IS '32 random bytes: sha256 over four gen_random_uuid() values (488 random bits in).';

--
-- Name: COLUMN gdpr_secret.created_at; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_secret.created_at IS 'When the key was generated.';

--
-- Name: gdpr_settings; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.gdpr_settings (
    id boolean DEFAULT true NOT NULL,
    deletion_grace_period interval DEFAULT '30 days'::interval NOT NULL,
    CONSTRAINT gdpr_settings_deletion_grace_period_check CHECK (((deletion_grace_period >= '00:00:00'::interval) AND (deletion_grace_period <= '90 days'::interval))),
    CONSTRAINT gdpr_settings_id_check CHECK (id)
);

--
-- Name: TABLE gdpr_settings; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.gdpr_settings IS 'GDPR settings (one row). Changed by the owner in a reviewed migration or by a DBA: update app_private.gdpr_settings set deletion_grace_period = interval ''14 days'';';

--
-- Name: COLUMN gdpr_settings.id; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_settings.id IS 'Always true: at most one row.';

--
-- Name: COLUMN gdpr_settings.deletion_grace_period; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.gdpr_settings.deletion_grace_period IS 'Time between a deletion request and the purge, during which the person may cancel (default 30 days; 0 to 90 days: erasure must happen without undue delay). Applies to requests made after the change.';

--
-- Name: partitioned_tables; Type: TABLE; Schema: app_private; Owner: -
--

CREATE TABLE app_private.partitioned_tables (
    parent_table regclass NOT NULL,
    premake integer DEFAULT 4 NOT NULL,
    retention interval,
    retention_action text DEFAULT 'detach'::text NOT NULL,
    person_key name,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT partitioned_tables_premake_check CHECK (((premake >= 0) AND (premake <= 36))),
    CONSTRAINT partitioned_tables_retention_action_check CHECK ((retention_action = ANY (ARRAY['drop'::text, 'detach'::text]))),
    CONSTRAINT partitioned_tables_retention_check CHECK ((retention > '00:00:00'::interval))
);

--
-- Name: TABLE partitioned_tables; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TABLE app_private.partitioned_tables IS 'Registry of monthly range-partitioned tables that app.maintain_partitions() looks after: months to create ahead, retention, and what retention does. Partitions are named <table>_YYYY_MM and bounded by UTC month starts; the table should have a DEFAULT partition, which catches rows no monthly partition covers until maintenance moves them out. Register a table with app_private.register_partitioned_table(...).';

--
-- Name: COLUMN partitioned_tables.parent_table; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.partitioned_tables.parent_table IS 'The partitioned (parent) table, partitioned BY RANGE on one timestamptz, timestamp or date column.';

--
-- Name: COLUMN partitioned_tables.premake; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.partitioned_tables.premake IS 'Monthly partitions kept ready ahead of the current UTC month (the current month is always created too): 3 means current month + 3.';

--
-- Name: COLUMN partitioned_tables.retention; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.partitioned_tables.retention IS 'Age after which a whole partition is retired: a partition is retired once its upper bound is at or before now() - retention. NULL keeps partitions forever.';

--
-- Name: COLUMN partitioned_tables.retention_action; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.partitioned_tables.retention_action IS 'What retention does with a retired partition: drop (the rows are gone) or detach (it becomes a standalone table with the same name, indexes, constraints, row-level security and comments; a DBA archives and drops it).';

--
-- Name: COLUMN partitioned_tables.person_key; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.partitioned_tables.person_key IS 'Column holding the person (usually user_id) when the table is person-owned: every new partition then gets app_private.enable_person_rls(partition, person_key). NULL for tables without row-level security.';

--
-- Name: COLUMN partitioned_tables.created_at; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.partitioned_tables.created_at IS 'When the table was registered.';

--
-- Name: COLUMN partitioned_tables.updated_at; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON COLUMN app_private.partitioned_tables.updated_at IS 'Last policy change (trigger set_updated_at).';

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
    ADD CONSTRAINT api_usage_pkey PRIMARY KEY (user_id, id);

--
-- Name: appliance_devices appliance_devices_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.appliance_devices
    ADD CONSTRAINT appliance_devices_pkey PRIMARY KEY (device_id);

--
-- Name: appliance_serials appliance_serials_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.appliance_serials
    ADD CONSTRAINT appliance_serials_pkey PRIMARY KEY (serial_number);

--
-- Name: appliances appliances_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.appliances
    ADD CONSTRAINT appliances_pkey PRIMARY KEY (user_id, id);

--
-- Name: conversations conversations_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.conversations
    ADD CONSTRAINT conversations_pkey PRIMARY KEY (user_id, id);

--
-- Name: cooking_sessions cooking_sessions_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.cooking_sessions
    ADD CONSTRAINT cooking_sessions_pkey PRIMARY KEY (user_id, id);

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
    ADD CONSTRAINT embeddings_pkey PRIMARY KEY (user_id, id);

--
-- Name: CONSTRAINT embeddings_pkey ON embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT embeddings_pkey ON app.embeddings IS 'Primary key (user_id, id): it contains the person (Citus: a distributed table''s keys must contain its distribution column). id alone is a random UUID, unique in practice.';

--
-- Name: firmware_releases firmware_releases_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.firmware_releases
    ADD CONSTRAINT firmware_releases_pkey PRIMARY KEY (id);

--
-- Name: job_outbox job_outbox_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.job_outbox
    ADD CONSTRAINT job_outbox_pkey PRIMARY KEY (user_id, id);

--
-- Name: knowledge_embeddings knowledge_embeddings_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.knowledge_embeddings
    ADD CONSTRAINT knowledge_embeddings_pkey PRIMARY KEY (id);

--
-- Name: meal_foods meal_foods_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.meal_foods
    ADD CONSTRAINT meal_foods_pkey PRIMARY KEY (user_id, id);

--
-- Name: meal_logs meal_logs_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.meal_logs
    ADD CONSTRAINT meal_logs_pkey PRIMARY KEY (user_id, id);

--
-- Name: messages messages_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.messages
    ADD CONSTRAINT messages_pkey PRIMARY KEY (user_id, id);

--
-- Name: person_auth_ids person_auth_ids_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.person_auth_ids
    ADD CONSTRAINT person_auth_ids_pkey PRIMARY KEY (auth_id);

--
-- Name: person_emails person_emails_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.person_emails
    ADD CONSTRAINT person_emails_pkey PRIMARY KEY (email);

--
-- Name: push_token_owners push_token_owners_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.push_token_owners
    ADD CONSTRAINT push_token_owners_pkey PRIMARY KEY (token_sha256);

--
-- Name: push_tokens push_tokens_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.push_tokens
    ADD CONSTRAINT push_tokens_pkey PRIMARY KEY (user_id, id);

--
-- Name: recipe_search recipe_search_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.recipe_search
    ADD CONSTRAINT recipe_search_pkey PRIMARY KEY (recipe_id);

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
    ADD CONSTRAINT telemetry_events_pkey PRIMARY KEY (user_id, id, recorded_at);

--
-- Name: telemetry_events_default telemetry_events_default_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.telemetry_events_default
    ADD CONSTRAINT telemetry_events_default_pkey PRIMARY KEY (user_id, id, recorded_at);

--
-- Name: user_goals user_goals_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.user_goals
    ADD CONSTRAINT user_goals_pkey PRIMARY KEY (user_id, id);

--
-- Name: user_preferences user_preferences_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.user_preferences
    ADD CONSTRAINT user_preferences_pkey PRIMARY KEY (user_id, id);

--
-- Name: user_preferences user_preferences_user_id_key; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.user_preferences
    ADD CONSTRAINT user_preferences_user_id_key UNIQUE (user_id);

--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

--
-- Name: gdpr_audit gdpr_audit_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.gdpr_audit
    ADD CONSTRAINT gdpr_audit_pkey PRIMARY KEY (id);

--
-- Name: gdpr_export_files gdpr_export_files_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.gdpr_export_files
    ADD CONSTRAINT gdpr_export_files_pkey PRIMARY KEY (id);

--
-- Name: gdpr_redactions gdpr_redactions_table_name_column_name_key; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.gdpr_redactions
    ADD CONSTRAINT gdpr_redactions_table_name_column_name_key UNIQUE NULLS NOT DISTINCT (table_name, column_name);

--
-- Name: CONSTRAINT gdpr_redactions_table_name_column_name_key ON gdpr_redactions; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON CONSTRAINT gdpr_redactions_table_name_column_name_key ON app_private.gdpr_redactions IS 'One redaction rule per column (NULLS NOT DISTINCT: also one per whole table, column_name null).';

--
-- Name: gdpr_reference_columns gdpr_reference_columns_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.gdpr_reference_columns
    ADD CONSTRAINT gdpr_reference_columns_pkey PRIMARY KEY (table_name, column_name);

--
-- Name: gdpr_secret gdpr_secret_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.gdpr_secret
    ADD CONSTRAINT gdpr_secret_pkey PRIMARY KEY (id);

--
-- Name: gdpr_settings gdpr_settings_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.gdpr_settings
    ADD CONSTRAINT gdpr_settings_pkey PRIMARY KEY (id);

--
-- Name: partitioned_tables partitioned_tables_pkey; Type: CONSTRAINT; Schema: app_private; Owner: -
--

ALTER TABLE ONLY app_private.partitioned_tables
    ADD CONSTRAINT partitioned_tables_pkey PRIMARY KEY (parent_table);

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
-- Name: idx_appliance_devices_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_appliance_devices_user ON app.appliance_devices USING btree (user_id);

--
-- Name: INDEX idx_appliance_devices_user; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_appliance_devices_user IS 'A person''s lookup rows (GDPR export and purge: where user_id = $1).';

--
-- Name: idx_appliance_serials_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_appliance_serials_user ON app.appliance_serials USING btree (user_id);

--
-- Name: INDEX idx_appliance_serials_user; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_appliance_serials_user IS 'A person''s lookup rows (GDPR export and purge: where user_id = $1).';

--
-- Name: idx_appliances_device_id; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_appliances_device_id ON app.appliances USING btree (device_id) WHERE (unpaired_at IS NULL);

--
-- Name: INDEX idx_appliances_device_id; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_appliances_device_id IS 'Partial: the current pairing of a device id (heartbeat, cooking-log upload); unpaired rows are history. Not unique: a device id has one current pairing through app.appliance_devices.';

--
-- Name: idx_appliances_serial_number; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_appliances_serial_number ON app.appliances USING btree (serial_number) WHERE (unpaired_at IS NULL);

--
-- Name: INDEX idx_appliances_serial_number; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_appliances_serial_number IS 'Partial: the current pairing of a serial number; unpaired rows are history. Not unique: a serial number has one current pairing through app.appliance_serials.';

--
-- Name: idx_appliances_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_appliances_user ON app.appliances USING btree (user_id);

--
-- Name: INDEX idx_appliances_user; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_appliances_user IS 'The appliances of a person (appliances.list, the GDPR export and purge).';

--
-- Name: idx_conversations_user_recent; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_conversations_user_recent ON app.conversations USING btree (user_id, last_message_at DESC NULLS LAST);

--
-- Name: INDEX idx_conversations_user_recent; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_conversations_user_recent IS 'A person''s conversations, most recent first (assistant.listConversations keyset pages on last_message_at).';

--
-- Name: idx_embeddings_person_chunk; Type: INDEX; Schema: app; Owner: -
--

CREATE UNIQUE INDEX idx_embeddings_person_chunk ON app.embeddings USING btree (user_id, source_kind, source_id, chunk_index, model) WHERE (user_id IS NOT NULL);

--
-- Name: INDEX idx_embeddings_person_chunk; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_embeddings_person_chunk IS 'A person''s chunk is unique per (user_id, source_kind, source_id, chunk_index, model): the embed job and storeEmbeddings upsert on it (ON CONFLICT ... WHERE user_id IS NOT NULL). user_id in the key: a conflict only ever involves the person''s own rows, and the key can be distributed by person.';

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
-- Name: INDEX idx_firmware_channel; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_firmware_channel IS 'The newest firmware of a target and channel (appliances.firmwareUpdate picks the latest release a device may take).';

--
-- Name: idx_firmware_target_version; Type: INDEX; Schema: app; Owner: -
--

CREATE UNIQUE INDEX idx_firmware_target_version ON app.firmware_releases USING btree (target, version);

--
-- Name: INDEX idx_firmware_target_version; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_firmware_target_version IS 'A firmware release by target and version (publishing checks, a device''s current version).';

--
-- Name: idx_job_outbox_created; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_job_outbox_created ON app.job_outbox USING btree (created_at, id);

--
-- Name: INDEX idx_job_outbox_created; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_job_outbox_created IS 'The drain''s order: oldest first.';

--
-- Name: idx_job_outbox_key; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_job_outbox_key ON app.job_outbox USING btree (user_id, queue, singleton_key);

--
-- Name: INDEX idx_job_outbox_key; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_job_outbox_key IS 'Whether a job with this key already waits for the person (the triggers then add none).';

--
-- Name: idx_knowledge_embeddings_chunk; Type: INDEX; Schema: app; Owner: -
--

CREATE UNIQUE INDEX idx_knowledge_embeddings_chunk ON app.knowledge_embeddings USING btree (source_id, chunk_index, model);

--
-- Name: INDEX idx_knowledge_embeddings_chunk; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_knowledge_embeddings_chunk IS 'The loader''s upsert key (InsertKnowledgeEmbeddings: ON CONFLICT (source_id, chunk_index, model)): a document''s chunks are replaced, not duplicated, when it is loaded again.';

--
-- Name: idx_knowledge_embeddings_hnsw; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_knowledge_embeddings_hnsw ON app.knowledge_embeddings USING hnsw (embedding public.vector_cosine_ops) WITH (m='16', ef_construction='64');

--
-- Name: INDEX idx_knowledge_embeddings_hnsw; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_knowledge_embeddings_hnsw IS 'Approximate nearest neighbours by cosine distance (app.search_knowledge: ORDER BY embedding <=> $1 LIMIT k), m 16, ef_construction 64.';

--
-- Name: idx_meal_foods_meal_log; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_meal_foods_meal_log ON app.meal_foods USING btree (meal_log_id);

--
-- Name: INDEX idx_meal_foods_meal_log; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_meal_foods_meal_log IS 'The foods of a meal (meals.getMeal, listMeals with foods; the cascade from a deleted meal log).';

--
-- Name: idx_meal_foods_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_meal_foods_user ON app.meal_foods USING btree (user_id);

--
-- Name: INDEX idx_meal_foods_user; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_meal_foods_user IS 'The foods of a person: row-level security''s user_id filter, the GDPR export and purge.';

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
-- Name: INDEX idx_meal_logs_nutrition; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_meal_logs_nutrition IS 'GIN jsonb_path_ops on nutrition_totals: meals.findMealsByNutrition''s jsonpath predicate (@?).';

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
-- Name: INDEX idx_messages_conversation; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_messages_conversation IS 'The messages of a conversation in order (assistant.listMessages keyset pages on created_at).';

--
-- Name: idx_messages_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_messages_user ON app.messages USING btree (user_id);

--
-- Name: INDEX idx_messages_user; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_messages_user IS 'The messages of a person: row-level security''s user_id filter, the GDPR export and purge.';

--
-- Name: idx_person_auth_ids_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_person_auth_ids_user ON app.person_auth_ids USING btree (user_id);

--
-- Name: INDEX idx_person_auth_ids_user; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_person_auth_ids_user IS 'A person''s lookup rows (GDPR export and purge: where user_id = $1).';

--
-- Name: idx_person_emails_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_person_emails_user ON app.person_emails USING btree (user_id);

--
-- Name: INDEX idx_person_emails_user; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_person_emails_user IS 'A person''s lookup rows (GDPR export and purge: where user_id = $1).';

--
-- Name: idx_prefs_allergens; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_prefs_allergens ON app.user_preferences USING gin (allergens);

--
-- Name: INDEX idx_prefs_allergens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_prefs_allergens IS 'An index the source document lists: people with a given allergen (array containment @> / overlap &&) for oversight queries; the typed API reads one person''s preferences by user_id.';

--
-- Name: idx_prefs_cuisines; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_prefs_cuisines ON app.user_preferences USING gin (cuisines);

--
-- Name: INDEX idx_prefs_cuisines; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_prefs_cuisines IS 'An index the source document lists: people who like a cuisine (array containment @>) for oversight and recommendation queries.';

--
-- Name: idx_push_token_owners_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_push_token_owners_user ON app.push_token_owners USING btree (user_id);

--
-- Name: INDEX idx_push_token_owners_user; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_push_token_owners_user IS 'A person''s lookup rows (GDPR export and purge: where user_id = $1).';

--
-- Name: idx_push_tokens_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_push_tokens_user ON app.push_tokens USING btree (user_id);

--
-- Name: INDEX idx_push_tokens_user; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_push_tokens_user IS 'The push tokens of a person (accounts.listPushTokens, the GDPR export and purge).';

--
-- Name: idx_recipe_search_category; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipe_search_category ON app.recipe_search USING btree (category, name, recipe_id);

--
-- Name: INDEX idx_recipe_search_category; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_recipe_search_category IS 'Category filter in name order.';

--
-- Name: idx_recipe_search_cuisine; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipe_search_cuisine ON app.recipe_search USING btree (cuisine, name, recipe_id);

--
-- Name: INDEX idx_recipe_search_cuisine; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_recipe_search_cuisine IS 'Cuisine filter in name order.';

--
-- Name: idx_recipe_search_fts; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipe_search_fts ON app.recipe_search USING gin (search_vector);

--
-- Name: INDEX idx_recipe_search_fts; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_recipe_search_fts IS 'Full-text search (search_vector @@ websearch_to_tsquery).';

--
-- Name: idx_recipe_search_name; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipe_search_name ON app.recipe_search USING btree (name, recipe_id);

--
-- Name: INDEX idx_recipe_search_name; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_recipe_search_name IS 'Browsing by name (no query, no filter), keyset order (name, recipe_id).';

--
-- Name: idx_recipe_search_tags; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipe_search_tags ON app.recipe_search USING gin (tags);

--
-- Name: INDEX idx_recipe_search_tags; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_recipe_search_tags IS 'Tag filters (tags @> …) and diets (tags && …).';

--
-- Name: idx_recipe_tombstones_removed; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipe_tombstones_removed ON app.recipe_tombstones USING btree (removed_at);

--
-- Name: INDEX idx_recipe_tombstones_removed; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_recipe_tombstones_removed IS 'Tombstones by removal time: recipes.sync sends the deletions since the device''s last sync.';

--
-- Name: idx_recipes_category; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipes_category ON app.recipes USING btree (category);

--
-- Name: INDEX idx_recipes_category; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_recipes_category IS 'An index the source document lists: recipes of a category for admin and ad-hoc queries on app.recipes (people''s ranked search reads app.recipe_search).';

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
-- Name: INDEX idx_recipes_cuisine; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_recipes_cuisine IS 'An index the source document lists: recipes of a cuisine for admin and ad-hoc queries on app.recipes (people''s ranked search reads app.recipe_search).';

--
-- Name: idx_recipes_data; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipes_data ON app.recipes USING gin (recipe_data jsonb_path_ops);

--
-- Name: INDEX idx_recipes_data; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_recipes_data IS 'An index the source document lists: GIN jsonb_path_ops on recipe_data, for @> queries by stage or ingredient (admin and ad-hoc queries).';

--
-- Name: idx_recipes_fts; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipes_fts ON app.recipes USING gin (search_vector);

--
-- Name: INDEX idx_recipes_fts; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_recipes_fts IS 'An index the source document lists: GIN on search_vector, full-text search on app.recipes itself (people''s ranked search with diet and allergens reads app.recipe_search).';

--
-- Name: idx_recipes_published; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipes_published ON app.recipes USING btree (is_published) WHERE (is_published = true);

--
-- Name: INDEX idx_recipes_published; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_recipes_published IS 'Partial: only published recipes, which is all app_user may see (policy published_select) and all the device sync sends.';

--
-- Name: idx_recipes_tags; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_recipes_tags ON app.recipes USING gin (tags);

--
-- Name: INDEX idx_recipes_tags; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_recipes_tags IS 'An index the source document lists: recipes with a tag (array containment @>) on app.recipes (the search filter itself runs on app.recipe_search.tags).';

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
-- Name: INDEX idx_sessions_appliance; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_sessions_appliance IS 'The cooking sessions of an appliance (session history on the device, the offline sweep).';

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
-- Name: INDEX idx_sessions_started; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_sessions_started IS 'An index the source document lists: cooking sessions by start time, newest first, for oversight and ad-hoc queries across people.';

--
-- Name: idx_sessions_user; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_sessions_user ON app.cooking_sessions USING btree (user_id);

--
-- Name: INDEX idx_sessions_user; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_sessions_user IS 'The cooking sessions of a person: row-level security''s user_id filter, the GDPR export and purge.';

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
-- Name: INDEX idx_telemetry_payload; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_telemetry_payload IS 'An index the source document lists: GIN jsonb_path_ops on payload, for @> queries by payload content (e.g. alerts of a kind); cloned on every monthly partition.';

--
-- Name: idx_telemetry_session; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_telemetry_session ON ONLY app.telemetry_events USING btree (session_id) WHERE (session_id IS NOT NULL);

--
-- Name: INDEX idx_telemetry_session; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_telemetry_session IS 'Events of a cooking session; also serves the deletion of a session''s events (trigger cooking_sessions_delete_events).';

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
-- Name: INDEX idx_user_goals_user; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_user_goals_user IS 'The active goal of a person: the latest starts_on first (accounts.getActiveGoal, meals.dailyTotals against the goal).';

--
-- Name: idx_users_deletion_due; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_users_deletion_due ON app.users USING btree (deletion_due_at) WHERE (deletion_due_at IS NOT NULL);

--
-- Name: INDEX idx_users_deletion_due; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_users_deletion_due IS 'Partial: only accounts with a pending deletion request; app.purge_due_accounts() (hourly gdpr.purge-due) and `kitchen-db gdpr requests` find the due ones without scanning every person.';

--
-- Name: idx_users_email; Type: INDEX; Schema: app; Owner: -
--

CREATE INDEX idx_users_email ON app.users USING btree (email);

--
-- Name: INDEX idx_users_email; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON INDEX app.idx_users_email IS 'A person by e-mail address (`kitchen-db gdpr … --user <email>`, app.gdpr_find_user). Not unique: an e-mail names one person through app.person_emails (primary key), which Citus can keep.';

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
-- Name: idx_gdpr_audit_subject; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX idx_gdpr_audit_subject ON app_private.gdpr_audit USING btree (subject, id);

--
-- Name: INDEX idx_gdpr_audit_subject; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON INDEX app_private.idx_gdpr_audit_subject IS 'The audit trail of one person (keyed hash subject), in order: `kitchen-db gdpr audit --user` pages on id.';

--
-- Name: idx_gdpr_export_files_open; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX idx_gdpr_export_files_open ON app_private.gdpr_export_files USING btree (state, started_at) WHERE (state <> 'deleted'::text);

--
-- Name: INDEX idx_gdpr_export_files_open; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON INDEX app_private.idx_gdpr_export_files_open IS 'Partial (not yet deleted): the files still to delete (pending deletion, per host) or to expire (written longer ago than the retention: app.gdpr_export_files_expire), by state and age.';

--
-- Name: idx_gdpr_export_files_person; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX idx_gdpr_export_files_person ON app_private.gdpr_export_files USING btree (person_id) WHERE (person_id IS NOT NULL);

--
-- Name: INDEX idx_gdpr_export_files_person; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON INDEX app_private.idx_gdpr_export_files_person IS 'Partial (person_id not null): the purge marks a person''s export files pending deletion and clears person_id (app_private.purge_user_core).';

--
-- Name: idx_gdpr_export_files_subject; Type: INDEX; Schema: app_private; Owner: -
--

CREATE INDEX idx_gdpr_export_files_subject ON app_private.gdpr_export_files USING btree (subject, id);

--
-- Name: INDEX idx_gdpr_export_files_subject; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON INDEX app_private.idx_gdpr_export_files_subject IS '`kitchen-db gdpr audit --files [--user …]`: a person''s file records (by audit subject hash), newest first (app.gdpr_export_file_log).';

--
-- Name: account_userId_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX "account_userId_idx" ON auth.account USING btree ("userId");

--
-- Name: INDEX "account_userId_idx"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON INDEX auth."account_userId_idx" IS 'Better-Auth: the linked accounts of a user (sign-in, the GDPR export and purge by "userId").';

--
-- Name: session_userId_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX "session_userId_idx" ON auth.session USING btree ("userId");

--
-- Name: INDEX "session_userId_idx"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON INDEX auth."session_userId_idx" IS 'Better-Auth: the sessions of a user (sign-out everywhere, the GDPR export and purge by "userId").';

--
-- Name: twoFactor_secret_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX "twoFactor_secret_idx" ON auth."twoFactor" USING btree (secret);

--
-- Name: INDEX "twoFactor_secret_idx"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON INDEX auth."twoFactor_secret_idx" IS 'Better-Auth: two-factor lookup by secret.';

--
-- Name: twoFactor_userId_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX "twoFactor_userId_idx" ON auth."twoFactor" USING btree ("userId");

--
-- Name: INDEX "twoFactor_userId_idx"; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON INDEX auth."twoFactor_userId_idx" IS 'Better-Auth: the two-factor settings of a user (sign-in, the GDPR export and purge).';

--
-- Name: verification_identifier_idx; Type: INDEX; Schema: auth; Owner: -
--

CREATE INDEX verification_identifier_idx ON auth.verification USING btree (identifier);

--
-- Name: INDEX verification_identifier_idx; Type: COMMENT; Schema: auth; Owner: -
--

COMMENT ON INDEX auth.verification_identifier_idx IS 'Better-Auth: a verification token by its identifier (e-mail verification, password reset).';

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
-- Name: api_usage api_usage_enqueue_metrics; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER api_usage_enqueue_metrics AFTER INSERT ON app.api_usage REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.enqueue_metrics_rollup();

--
-- Name: TRIGGER api_usage_enqueue_metrics ON api_usage; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER api_usage_enqueue_metrics ON app.api_usage IS 'AFTER INSERT (statement, transition table): enqueues one metrics.rollup job per person-day whose AI cost changed (app_private.enqueue_metrics_rollup), so app.daily_ai_cost follows app.api_usage within seconds.';

--
-- Name: cooking_sessions cooking_sessions_check_recipe; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER cooking_sessions_check_recipe AFTER INSERT OR UPDATE OF recipe_id ON app.cooking_sessions FOR EACH ROW EXECUTE FUNCTION app_private.cooking_sessions_check_recipe();

--
-- Name: TRIGGER cooking_sessions_check_recipe ON cooking_sessions; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER cooking_sessions_check_recipe ON app.cooking_sessions IS 'AFTER INSERT or UPDATE OF recipe_id: a session may name only a recipe that is or was published; a never-published draft is refused with the foreign key''s own 23503, like a recipe that does not exist (no existence oracle for drafts; migration 000075).';

--
-- Name: cooking_sessions cooking_sessions_delete_events; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER cooking_sessions_delete_events AFTER DELETE ON app.cooking_sessions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.cooking_sessions_delete_events();

--
-- Name: TRIGGER cooking_sessions_delete_events ON cooking_sessions; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER cooking_sessions_delete_events ON app.cooking_sessions IS 'AFTER DELETE, per statement: deletes the deleted sessions'' telemetry in one statement — the ON DELETE CASCADE of the former foreign key, without visiting every partition once per session (migration 000082; the GDPR purge''s speed).';

--
-- Name: meal_logs delete_embeddings; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER delete_embeddings AFTER DELETE ON app.meal_logs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.delete_embeddings('meal_log');

--
-- Name: TRIGGER delete_embeddings ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER delete_embeddings ON app.meal_logs IS 'AFTER DELETE, once per statement: removes the embeddings of the deleted meal logs (source_kind meal_log), so no chunk of them stays searchable. Soft deletes keep them (undo).';

--
-- Name: messages delete_embeddings; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER delete_embeddings AFTER DELETE ON app.messages REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.delete_embeddings('message');

--
-- Name: TRIGGER delete_embeddings ON messages; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER delete_embeddings ON app.messages IS 'AFTER DELETE, once per statement: removes the embeddings of the deleted messages (source_kind message), so no chunk of them stays searchable.';

--
-- Name: embeddings embeddings_check_source_insert; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER embeddings_check_source_insert AFTER INSERT ON app.embeddings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.embeddings_check_source();

--
-- Name: TRIGGER embeddings_check_source_insert ON embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER embeddings_check_source_insert ON app.embeddings IS 'AFTER INSERT, per statement: every chunk of a meal log or message names a source row of the same person (app_private.embeddings_check_source, migration 000070); someone else''s row fails exactly like a missing one (23503 embeddings_source_owner), so no chunk key tells a person that another person''s row exists.';

--
-- Name: embeddings embeddings_check_source_update; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER embeddings_check_source_update AFTER UPDATE ON app.embeddings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.embeddings_check_source();

--
-- Name: TRIGGER embeddings_check_source_update ON embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER embeddings_check_source_update ON app.embeddings IS 'AFTER UPDATE, per statement: the same ownership rule as embeddings_check_source_insert for rows whose source or owner changed.';

--
-- Name: meal_foods meal_foods_enqueue_embedding_delete; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER meal_foods_enqueue_embedding_delete AFTER DELETE ON app.meal_foods REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.meal_foods_enqueue_embedding();

--
-- Name: TRIGGER meal_foods_enqueue_embedding_delete ON meal_foods; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER meal_foods_enqueue_embedding_delete ON app.meal_foods IS 'AFTER DELETE (statement): enqueues an assistant.embed job for each meal log that lost a food and still exists, so its embedding text follows; nothing under app.owner_access (a GDPR purge).';

--
-- Name: meal_foods meal_foods_enqueue_embedding_insert; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER meal_foods_enqueue_embedding_insert AFTER INSERT ON app.meal_foods REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.meal_foods_enqueue_embedding();

--
-- Name: TRIGGER meal_foods_enqueue_embedding_insert ON meal_foods; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER meal_foods_enqueue_embedding_insert ON app.meal_foods IS 'AFTER INSERT (statement): enqueues an assistant.embed job per meal log whose foods were added (one per meal; none while one is waiting).';

--
-- Name: meal_foods meal_foods_enqueue_embedding_update; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER meal_foods_enqueue_embedding_update AFTER UPDATE ON app.meal_foods REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.meal_foods_enqueue_embedding();

--
-- Name: TRIGGER meal_foods_enqueue_embedding_update ON meal_foods; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER meal_foods_enqueue_embedding_update ON app.meal_foods IS 'AFTER UPDATE (statement): enqueues an assistant.embed job per meal log whose foods changed.';

--
-- Name: meal_logs meal_logs_enqueue_embedding_insert; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER meal_logs_enqueue_embedding_insert AFTER INSERT ON app.meal_logs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.meal_logs_enqueue_embedding();

--
-- Name: TRIGGER meal_logs_enqueue_embedding_insert ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER meal_logs_enqueue_embedding_insert ON app.meal_logs IS 'AFTER INSERT (statement): enqueues an assistant.embed job for each new meal log (app_private.meal_logs_enqueue_embedding).';

--
-- Name: meal_logs meal_logs_enqueue_embedding_update; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER meal_logs_enqueue_embedding_update AFTER UPDATE ON app.meal_logs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.meal_logs_enqueue_embedding();

--
-- Name: TRIGGER meal_logs_enqueue_embedding_update ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER meal_logs_enqueue_embedding_update ON app.meal_logs IS 'AFTER UPDATE (statement): enqueues an assistant.embed job for each meal log whose embedded text (meal_type, notes, ai_analysis) changed.';

--
-- Name: meal_logs meal_logs_enqueue_metrics_insert; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER meal_logs_enqueue_metrics_insert AFTER INSERT ON app.meal_logs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.enqueue_metrics_rollup();

--
-- Name: TRIGGER meal_logs_enqueue_metrics_insert ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER meal_logs_enqueue_metrics_insert ON app.meal_logs IS 'AFTER INSERT (statement): enqueues a metrics.rollup job per person-day (in the person''s time zone) that gained a meal, for app.daily_nutrition.';

--
-- Name: meal_logs meal_logs_enqueue_metrics_update; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER meal_logs_enqueue_metrics_update AFTER UPDATE ON app.meal_logs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.enqueue_metrics_rollup();

--
-- Name: TRIGGER meal_logs_enqueue_metrics_update ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER meal_logs_enqueue_metrics_update ON app.meal_logs IS 'AFTER UPDATE (statement): enqueues a metrics.rollup job for the old and the new person-day of each changed meal (time, nutrition, soft delete).';

--
-- Name: meal_logs meal_logs_soft_delete; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER meal_logs_soft_delete BEFORE INSERT OR UPDATE OF is_deleted ON app.meal_logs FOR EACH ROW EXECUTE FUNCTION app_private.meal_logs_soft_delete();

--
-- Name: TRIGGER meal_logs_soft_delete ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER meal_logs_soft_delete ON app.meal_logs IS 'BEFORE INSERT OR UPDATE OF is_deleted: keeps deleted_at in step with is_deleted (stamps it on delete, clears it on undo); CHECK meal_logs_deleted_check refuses anything else.';

--
-- Name: messages messages_after_insert; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER messages_after_insert AFTER INSERT ON app.messages FOR EACH ROW EXECUTE FUNCTION app_private.messages_after_insert();

--
-- Name: TRIGGER messages_after_insert ON messages; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER messages_after_insert ON app.messages IS 'AFTER INSERT (row): moves conversations.last_message_at forward (the recent-conversations list) and titles an untitled conversation from its first user message.';

--
-- Name: messages messages_enqueue_embedding; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER messages_enqueue_embedding AFTER INSERT ON app.messages REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.messages_enqueue_embedding();

--
-- Name: TRIGGER messages_enqueue_embedding ON messages; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER messages_enqueue_embedding ON app.messages IS 'AFTER INSERT (statement): enqueues an assistant.embed job for each new message (messages are never edited).';

--
-- Name: recipes recipes_stamp; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER recipes_stamp BEFORE INSERT OR UPDATE ON app.recipes FOR EACH ROW EXECUTE FUNCTION app_private.recipes_stamp();

--
-- Name: TRIGGER recipes_stamp ON recipes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER recipes_stamp ON app.recipes IS 'Version and updated_at of plain-SQL writes, and the id that never changes (app_private.recipes_stamp); the admin functions stamp their rows themselves.';

--
-- Name: appliances set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.appliances FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: TRIGGER set_updated_at ON appliances; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER set_updated_at ON app.appliances IS 'BEFORE UPDATE: stamps updated_at with the time of the change (app_private.set_updated_at), so no caller has to and none can forget; created_at is never touched.';

--
-- Name: conversations set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.conversations FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: TRIGGER set_updated_at ON conversations; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER set_updated_at ON app.conversations IS 'BEFORE UPDATE: stamps updated_at with the time of the change (app_private.set_updated_at), so no caller has to and none can forget; created_at is never touched.';

--
-- Name: cooking_sessions set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.cooking_sessions FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: TRIGGER set_updated_at ON cooking_sessions; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER set_updated_at ON app.cooking_sessions IS 'BEFORE UPDATE: stamps updated_at with the time of the change (app_private.set_updated_at), so no caller has to and none can forget; created_at is never touched.';

--
-- Name: daily_ai_cost set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.daily_ai_cost FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: TRIGGER set_updated_at ON daily_ai_cost; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER set_updated_at ON app.daily_ai_cost IS 'BEFORE UPDATE: stamps updated_at with the time of the change (app_private.set_updated_at), so no caller has to and none can forget; created_at is never touched.';

--
-- Name: daily_nutrition set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.daily_nutrition FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: TRIGGER set_updated_at ON daily_nutrition; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER set_updated_at ON app.daily_nutrition IS 'BEFORE UPDATE: stamps updated_at with the time of the change (app_private.set_updated_at), so no caller has to and none can forget; created_at is never touched.';

--
-- Name: meal_logs set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.meal_logs FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: TRIGGER set_updated_at ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER set_updated_at ON app.meal_logs IS 'BEFORE UPDATE: stamps updated_at with the time of the change (app_private.set_updated_at), so no caller has to and none can forget; created_at is never touched.';

--
-- Name: push_tokens set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.push_tokens FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: TRIGGER set_updated_at ON push_tokens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER set_updated_at ON app.push_tokens IS 'BEFORE UPDATE: stamps updated_at with the time of the change (app_private.set_updated_at), so no caller has to and none can forget; created_at is never touched.';

--
-- Name: user_goals set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.user_goals FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: TRIGGER set_updated_at ON user_goals; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER set_updated_at ON app.user_goals IS 'BEFORE UPDATE: stamps updated_at with the time of the change (app_private.set_updated_at), so no caller has to and none can forget; created_at is never touched.';

--
-- Name: user_preferences set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.user_preferences FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: TRIGGER set_updated_at ON user_preferences; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER set_updated_at ON app.user_preferences IS 'BEFORE UPDATE: stamps updated_at with the time of the change (app_private.set_updated_at), so no caller has to and none can forget; created_at is never touched.';

--
-- Name: users set_updated_at; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app.users FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: TRIGGER set_updated_at ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER set_updated_at ON app.users IS 'BEFORE UPDATE: stamps updated_at with the time of the change (app_private.set_updated_at), so no caller has to and none can forget; created_at is never touched.';

--
-- Name: telemetry_events telemetry_events_check_sessions_insert; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER telemetry_events_check_sessions_insert AFTER INSERT ON app.telemetry_events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.telemetry_events_check_sessions();

--
-- Name: TRIGGER telemetry_events_check_sessions_insert ON telemetry_events; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER telemetry_events_check_sessions_insert ON app.telemetry_events IS 'AFTER INSERT, per statement: every (session_id, user_id) of the new events is a session of that person, locked FOR KEY SHARE — the check of the former foreign key telemetry_events_session_id_user_id_fkey (migration 000082); 23503 under that name.';

--
-- Name: telemetry_events telemetry_events_check_sessions_update; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER telemetry_events_check_sessions_update AFTER UPDATE ON app.telemetry_events REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.telemetry_events_check_sessions();

--
-- Name: TRIGGER telemetry_events_check_sessions_update ON telemetry_events; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER telemetry_events_check_sessions_update ON app.telemetry_events IS 'AFTER UPDATE, per statement: the same session-ownership check as telemetry_events_check_sessions_insert.';

--
-- Name: users users_enqueue_metrics_rebuild; Type: TRIGGER; Schema: app; Owner: -
--

CREATE TRIGGER users_enqueue_metrics_rebuild AFTER UPDATE ON app.users REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_private.enqueue_metrics_rollup();

--
-- Name: TRIGGER users_enqueue_metrics_rebuild ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON TRIGGER users_enqueue_metrics_rebuild ON app.users IS 'AFTER UPDATE (statement): a person whose time zone changed gets metrics.rollup jobs that recompute all their days (their local days moved).';

--
-- Name: gdpr_audit gdpr_audit_append_only; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE TRIGGER gdpr_audit_append_only BEFORE DELETE OR UPDATE ON app_private.gdpr_audit FOR EACH ROW EXECUTE FUNCTION app_private.gdpr_audit_append_only();

--
-- Name: TRIGGER gdpr_audit_append_only ON gdpr_audit; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TRIGGER gdpr_audit_append_only ON app_private.gdpr_audit IS 'BEFORE UPDATE OR DELETE: refuses both, so the GDPR audit trail is append-only, for the owner too (removing this trigger is a reviewed migration).';

--
-- Name: gdpr_audit gdpr_audit_no_truncate; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE TRIGGER gdpr_audit_no_truncate BEFORE TRUNCATE ON app_private.gdpr_audit FOR EACH STATEMENT EXECUTE FUNCTION app_private.gdpr_audit_append_only();

--
-- Name: TRIGGER gdpr_audit_no_truncate ON gdpr_audit; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TRIGGER gdpr_audit_no_truncate ON app_private.gdpr_audit IS 'BEFORE TRUNCATE: refuses it, so the GDPR audit trail cannot be emptied in one statement either.';

--
-- Name: partitioned_tables set_updated_at; Type: TRIGGER; Schema: app_private; Owner: -
--

CREATE TRIGGER set_updated_at BEFORE UPDATE ON app_private.partitioned_tables FOR EACH ROW EXECUTE FUNCTION app_private.set_updated_at();

--
-- Name: TRIGGER set_updated_at ON partitioned_tables; Type: COMMENT; Schema: app_private; Owner: -
--

COMMENT ON TRIGGER set_updated_at ON app_private.partitioned_tables IS 'BEFORE UPDATE: stamps updated_at with the time of the change (app_private.set_updated_at), so no caller has to and none can forget; created_at is never touched.';

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
    ADD CONSTRAINT cooking_sessions_appliance_id_user_id_fkey FOREIGN KEY (user_id, appliance_id) REFERENCES app.appliances(user_id, id);

--
-- Name: CONSTRAINT cooking_sessions_appliance_id_user_id_fkey ON cooking_sessions; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT cooking_sessions_appliance_id_user_id_fkey ON app.cooking_sessions IS 'Composite ownership key (user_id, appliance_id) -> appliances (user_id, id): a session is filed under a pairing of the same person, so history never changes hands. No ON DELETE action: pairings are deleted only with the person. user_id first (Citus co-location).';

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
-- Name: job_outbox job_outbox_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.job_outbox
    ADD CONSTRAINT job_outbox_user_id_fkey FOREIGN KEY (user_id) REFERENCES app.users(id) ON DELETE CASCADE;

--
-- Name: meal_foods meal_foods_meal_log_id_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.meal_foods
    ADD CONSTRAINT meal_foods_meal_log_id_user_id_fkey FOREIGN KEY (user_id, meal_log_id) REFERENCES app.meal_logs(user_id, id) ON DELETE CASCADE;

--
-- Name: CONSTRAINT meal_foods_meal_log_id_user_id_fkey ON meal_foods; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT meal_foods_meal_log_id_user_id_fkey ON app.meal_foods IS 'Composite ownership key (user_id, meal_log_id) -> meal_logs (user_id, id): a food belongs to a meal log of the same person. ON DELETE CASCADE. user_id first, in the position of the distribution column on both sides (Citus co-location).';

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
    ADD CONSTRAINT messages_conversation_id_user_id_fkey FOREIGN KEY (user_id, conversation_id) REFERENCES app.conversations(user_id, id) ON DELETE CASCADE;

--
-- Name: CONSTRAINT messages_conversation_id_user_id_fkey ON messages; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT messages_conversation_id_user_id_fkey ON app.messages IS 'Composite ownership key (user_id, conversation_id) -> conversations (user_id, id): a message belongs to a conversation of the same person. ON DELETE CASCADE. user_id first, in the position of the distribution column on both sides (Citus co-location).';

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
-- Name: recipe_search recipe_search_recipe_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE ONLY app.recipe_search
    ADD CONSTRAINT recipe_search_recipe_id_fkey FOREIGN KEY (recipe_id) REFERENCES app.recipes(id) ON DELETE CASCADE;

--
-- Name: telemetry_events telemetry_events_appliance_id_user_id_fkey; Type: FK CONSTRAINT; Schema: app; Owner: -
--

ALTER TABLE app.telemetry_events
    ADD CONSTRAINT telemetry_events_appliance_id_user_id_fkey FOREIGN KEY (user_id, appliance_id) REFERENCES app.appliances(user_id, id);

--
-- Name: CONSTRAINT telemetry_events_appliance_id_user_id_fkey ON telemetry_events; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON CONSTRAINT telemetry_events_appliance_id_user_id_fkey ON app.telemetry_events IS 'Ownership: an event''s appliance must be the same person''s (composite key (user_id, appliance_id) -> appliances (user_id, id)), so a device cannot write into another person''s telemetry. user_id first, in the position of the distribution column on both sides (Citus co-location).';

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
-- Name: api_usage admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.api_usage FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON api_usage; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.api_usage IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: appliance_devices admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.appliance_devices FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON appliance_devices; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.appliance_devices IS 'The admin portal (app_admin) reads every row, read-only (what it may write is decided by its grants and other policies).';

--
-- Name: appliance_serials admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.appliance_serials FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON appliance_serials; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.appliance_serials IS 'The admin portal (app_admin) reads every row, read-only (what it may write is decided by its grants and other policies).';

--
-- Name: appliances admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.appliances FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON appliances; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.appliances IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: conversations admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.conversations FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON conversations; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.conversations IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: cooking_sessions admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.cooking_sessions FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON cooking_sessions; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.cooking_sessions IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: daily_ai_cost admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.daily_ai_cost FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON daily_ai_cost; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.daily_ai_cost IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: daily_nutrition admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.daily_nutrition FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON daily_nutrition; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.daily_nutrition IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: embeddings admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.embeddings FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.embeddings IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: job_outbox admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.job_outbox FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON job_outbox; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.job_outbox IS 'The admin portal (app_admin) reads every row, read-only (what it may write is decided by its grants and other policies).';

--
-- Name: meal_foods admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.meal_foods FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON meal_foods; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.meal_foods IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: meal_logs admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.meal_logs FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.meal_logs IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: messages admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.messages FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON messages; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.messages IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: person_auth_ids admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.person_auth_ids FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON person_auth_ids; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.person_auth_ids IS 'The admin portal (app_admin) reads every row, read-only (what it may write is decided by its grants and other policies).';

--
-- Name: person_emails admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.person_emails FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON person_emails; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.person_emails IS 'The admin portal (app_admin) reads every row, read-only (what it may write is decided by its grants and other policies).';

--
-- Name: push_token_owners admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.push_token_owners FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON push_token_owners; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.push_token_owners IS 'The admin portal (app_admin) reads every row, read-only (what it may write is decided by its grants and other policies).';

--
-- Name: push_tokens admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.push_tokens FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON push_tokens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.push_tokens IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: telemetry_events admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.telemetry_events FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON telemetry_events; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.telemetry_events IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: telemetry_events_default admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.telemetry_events_default FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON telemetry_events_default; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.telemetry_events_default IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: user_goals admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.user_goals FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON user_goals; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.user_goals IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: user_preferences admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.user_preferences FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON user_preferences; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.user_preferences IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: users admin_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY admin_select ON app.users FOR SELECT TO app_admin USING (true);

--
-- Name: POLICY admin_select ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY admin_select ON app.users IS 'Read-only oversight: app_admin (kdb.asAdmin) reads every person''s rows of this table; there is no write policy for app_admin here, so it cannot change them.';

--
-- Name: api_usage; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.api_usage ENABLE ROW LEVEL SECURITY;

--
-- Name: appliance_devices; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.appliance_devices ENABLE ROW LEVEL SECURITY;

--
-- Name: appliance_serials; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.appliance_serials ENABLE ROW LEVEL SECURITY;

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
-- Name: job_outbox; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.job_outbox ENABLE ROW LEVEL SECURITY;

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
-- Name: POLICY owner_access ON api_usage; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.api_usage IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: appliance_devices owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.appliance_devices TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON appliance_devices; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.appliance_devices IS 'The stable owner role kitchen_owner (the owner of the objects is it or a member), only while app.owner_access = ''on'': SECURITY DEFINER functions switch it on in their body (app_private.owner_access_on) and restore it before returning. FORCE row-level security keeps the owner out otherwise.';

--
-- Name: appliance_serials owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.appliance_serials TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON appliance_serials; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.appliance_serials IS 'The stable owner role kitchen_owner (the owner of the objects is it or a member), only while app.owner_access = ''on'': SECURITY DEFINER functions switch it on in their body (app_private.owner_access_on) and restore it before returning. FORCE row-level security keeps the owner out otherwise.';

--
-- Name: appliances owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.appliances TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON appliances; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.appliances IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: conversations owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.conversations TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON conversations; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.conversations IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: cooking_sessions owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.cooking_sessions TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON cooking_sessions; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.cooking_sessions IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: daily_ai_cost owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.daily_ai_cost TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON daily_ai_cost; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.daily_ai_cost IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: daily_nutrition owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.daily_nutrition TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON daily_nutrition; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.daily_nutrition IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: embeddings owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.embeddings TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.embeddings IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: job_outbox owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.job_outbox TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON job_outbox; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.job_outbox IS 'The stable owner role kitchen_owner (the owner of the objects is it or a member), only while app.owner_access = ''on'': SECURITY DEFINER functions switch it on in their body (app_private.owner_access_on) and restore it before returning. FORCE row-level security keeps the owner out otherwise.';

--
-- Name: meal_foods owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.meal_foods TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON meal_foods; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.meal_foods IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: meal_logs owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.meal_logs TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.meal_logs IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: messages owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.messages TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON messages; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.messages IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: person_auth_ids owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.person_auth_ids TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON person_auth_ids; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.person_auth_ids IS 'The stable owner role kitchen_owner (the owner of the objects is it or a member), only while app.owner_access = ''on'': SECURITY DEFINER functions switch it on in their body (app_private.owner_access_on) and restore it before returning. FORCE row-level security keeps the owner out otherwise.';

--
-- Name: person_emails owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.person_emails TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON person_emails; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.person_emails IS 'The stable owner role kitchen_owner (the owner of the objects is it or a member), only while app.owner_access = ''on'': SECURITY DEFINER functions switch it on in their body (app_private.owner_access_on) and restore it before returning. FORCE row-level security keeps the owner out otherwise.';

--
-- Name: push_token_owners owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.push_token_owners TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON push_token_owners; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.push_token_owners IS 'The stable owner role kitchen_owner (the owner of the objects is it or a member), only while app.owner_access = ''on'': SECURITY DEFINER functions switch it on in their body (app_private.owner_access_on) and restore it before returning. FORCE row-level security keeps the owner out otherwise.';

--
-- Name: push_tokens owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.push_tokens TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON push_tokens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.push_tokens IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: recipes owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.recipes TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON recipes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.recipes IS 'The stable owner role kitchen_owner (the owner of the objects is it or a member), only while app.owner_access = ''on'' (SECURITY DEFINER functions set it in their body and restore it before returning).';

--
-- Name: telemetry_events owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.telemetry_events TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON telemetry_events; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.telemetry_events IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: telemetry_events_default owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.telemetry_events_default TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON telemetry_events_default; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.telemetry_events_default IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: user_goals owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.user_goals TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON user_goals; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.user_goals IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: user_preferences owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.user_preferences TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON user_preferences; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.user_preferences IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: users owner_access; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY owner_access ON app.users TO kitchen_owner USING ((current_setting('app.owner_access'::text, true) = 'on'::text)) WITH CHECK ((current_setting('app.owner_access'::text, true) = 'on'::text));

--
-- Name: POLICY owner_access ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY owner_access ON app.users IS 'FORCE ROW LEVEL SECURITY applies to the owner too: this policy lets the owning role through only while app.owner_access = ''on'', which the SECURITY DEFINER functions that must see everyone''s rows (GDPR export and purge, partition maintenance, pairing, the demo load) set for their own transaction.';

--
-- Name: person_auth_ids; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.person_auth_ids ENABLE ROW LEVEL SECURITY;

--
-- Name: api_usage person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.api_usage FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON api_usage; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.api_usage IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: appliance_devices person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.appliance_devices FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON appliance_devices; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.appliance_devices IS 'A person (app_user) deletes their own rows only: user_id = app.current_user_id().';

--
-- Name: appliance_serials person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.appliance_serials FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON appliance_serials; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.appliance_serials IS 'A person (app_user) deletes their own rows only: user_id = app.current_user_id().';

--
-- Name: appliances person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.appliances FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON appliances; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.appliances IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: conversations person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.conversations FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON conversations; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.conversations IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: cooking_sessions person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.cooking_sessions FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON cooking_sessions; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.cooking_sessions IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: daily_ai_cost person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.daily_ai_cost FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON daily_ai_cost; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.daily_ai_cost IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: daily_nutrition person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.daily_nutrition FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON daily_nutrition; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.daily_nutrition IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: embeddings person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.embeddings FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.embeddings IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: job_outbox person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.job_outbox FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON job_outbox; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.job_outbox IS 'A person (app_user) deletes their own rows only: user_id = app.current_user_id().';

--
-- Name: meal_foods person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.meal_foods FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON meal_foods; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.meal_foods IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: meal_logs person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.meal_logs FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.meal_logs IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: messages person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.messages FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON messages; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.messages IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: person_auth_ids person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.person_auth_ids FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON person_auth_ids; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.person_auth_ids IS 'A person (app_user) deletes their own rows only: user_id = app.current_user_id().';

--
-- Name: person_emails person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.person_emails FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON person_emails; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.person_emails IS 'A person (app_user) deletes their own rows only: user_id = app.current_user_id().';

--
-- Name: push_token_owners person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.push_token_owners FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON push_token_owners; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.push_token_owners IS 'A person (app_user) deletes their own rows only: user_id = app.current_user_id().';

--
-- Name: push_tokens person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.push_tokens FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON push_tokens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.push_tokens IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: telemetry_events person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.telemetry_events FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON telemetry_events; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.telemetry_events IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: telemetry_events_default person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.telemetry_events_default FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON telemetry_events_default; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.telemetry_events_default IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: user_goals person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.user_goals FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON user_goals; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.user_goals IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: user_preferences person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.user_preferences FOR DELETE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON user_preferences; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.user_preferences IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: users person_delete; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_delete ON app.users FOR DELETE TO app_user USING ((id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_delete ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_delete ON app.users IS 'Row-level security: app_user deletes only its person''s rows (e.g. removing a push token, deleting a conversation).';

--
-- Name: person_emails; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.person_emails ENABLE ROW LEVEL SECURITY;

--
-- Name: api_usage person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.api_usage FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON api_usage; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.api_usage IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: appliance_devices person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.appliance_devices FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON appliance_devices; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.appliance_devices IS 'A person (app_user) inserts rows for themselves only: user_id = app.current_user_id().';

--
-- Name: appliance_serials person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.appliance_serials FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON appliance_serials; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.appliance_serials IS 'A person (app_user) inserts rows for themselves only: user_id = app.current_user_id().';

--
-- Name: appliances person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.appliances FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON appliances; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.appliances IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: conversations person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.conversations FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON conversations; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.conversations IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: cooking_sessions person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.cooking_sessions FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON cooking_sessions; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.cooking_sessions IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: daily_ai_cost person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.daily_ai_cost FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON daily_ai_cost; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.daily_ai_cost IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: daily_nutrition person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.daily_nutrition FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON daily_nutrition; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.daily_nutrition IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: embeddings person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.embeddings FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.embeddings IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: job_outbox person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.job_outbox FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON job_outbox; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.job_outbox IS 'A person (app_user) inserts rows for themselves only: user_id = app.current_user_id().';

--
-- Name: meal_foods person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.meal_foods FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON meal_foods; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.meal_foods IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: meal_logs person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.meal_logs FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.meal_logs IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: messages person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.messages FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON messages; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.messages IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: person_auth_ids person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.person_auth_ids FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON person_auth_ids; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.person_auth_ids IS 'A person (app_user) inserts rows for themselves only: user_id = app.current_user_id().';

--
-- Name: person_emails person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.person_emails FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON person_emails; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.person_emails IS 'A person (app_user) inserts rows for themselves only: user_id = app.current_user_id().';

--
-- Name: push_token_owners person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.push_token_owners FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON push_token_owners; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.push_token_owners IS 'A person (app_user) inserts rows for themselves only: user_id = app.current_user_id().';

--
-- Name: push_tokens person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.push_tokens FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON push_tokens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.push_tokens IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: telemetry_events person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.telemetry_events FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON telemetry_events; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.telemetry_events IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: telemetry_events_default person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.telemetry_events_default FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON telemetry_events_default; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.telemetry_events_default IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: user_goals person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.user_goals FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON user_goals; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.user_goals IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: user_preferences person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.user_preferences FOR INSERT TO app_user WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON user_preferences; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.user_preferences IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: users person_insert; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_insert ON app.users FOR INSERT TO app_user WITH CHECK ((id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_insert ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_insert ON app.users IS 'Row-level security: app_user inserts rows only for the person in app.user_id (WITH CHECK); without the setting nothing can be inserted. Every asUser write that creates a row of this table.';

--
-- Name: api_usage person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.api_usage FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON api_usage; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.api_usage IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: appliance_devices person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.appliance_devices FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON appliance_devices; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.appliance_devices IS 'A person (app_user) reads their own rows: user_id = app.current_user_id() (the transaction-local app.user_id; unset → no rows).';

--
-- Name: appliance_serials person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.appliance_serials FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON appliance_serials; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.appliance_serials IS 'A person (app_user) reads their own rows: user_id = app.current_user_id() (the transaction-local app.user_id; unset → no rows).';

--
-- Name: appliances person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.appliances FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON appliances; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.appliances IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: conversations person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.conversations FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON conversations; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.conversations IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: cooking_sessions person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.cooking_sessions FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON cooking_sessions; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.cooking_sessions IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: daily_ai_cost person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.daily_ai_cost FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON daily_ai_cost; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.daily_ai_cost IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: daily_nutrition person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.daily_nutrition FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON daily_nutrition; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.daily_nutrition IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: embeddings person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.embeddings FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.embeddings IS 'A person (app_user) reads their own rows: user_id = app.current_user_id() (the transaction-local app.user_id; unset → no rows). The shared knowledge base is app.knowledge_embeddings since 000131.';

--
-- Name: job_outbox person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.job_outbox FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON job_outbox; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.job_outbox IS 'A person (app_user) reads their own rows: user_id = app.current_user_id() (the transaction-local app.user_id; unset → no rows).';

--
-- Name: meal_foods person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.meal_foods FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON meal_foods; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.meal_foods IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: meal_logs person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.meal_logs FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.meal_logs IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: messages person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.messages FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON messages; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.messages IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: person_auth_ids person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.person_auth_ids FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON person_auth_ids; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.person_auth_ids IS 'A person (app_user) reads their own rows: user_id = app.current_user_id() (the transaction-local app.user_id; unset → no rows).';

--
-- Name: person_emails person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.person_emails FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON person_emails; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.person_emails IS 'A person (app_user) reads their own rows: user_id = app.current_user_id() (the transaction-local app.user_id; unset → no rows).';

--
-- Name: push_token_owners person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.push_token_owners FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON push_token_owners; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.push_token_owners IS 'A person (app_user) reads their own rows: user_id = app.current_user_id() (the transaction-local app.user_id; unset → no rows).';

--
-- Name: push_tokens person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.push_tokens FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON push_tokens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.push_tokens IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: telemetry_events person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.telemetry_events FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON telemetry_events; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.telemetry_events IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: telemetry_events_default person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.telemetry_events_default FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON telemetry_events_default; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.telemetry_events_default IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: user_goals person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.user_goals FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON user_goals; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.user_goals IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: user_preferences person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.user_preferences FOR SELECT TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON user_preferences; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.user_preferences IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: users person_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_select ON app.users FOR SELECT TO app_user USING ((id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_select ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_select ON app.users IS 'Row-level security: app_user reads only the rows of the person whose id is in app.user_id (app.current_user_id(), set by kdb.asUser); without the setting it sees no row. Every asUser read of this table goes through it.';

--
-- Name: api_usage person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.api_usage FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON api_usage; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.api_usage IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: appliance_devices person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.appliance_devices FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON appliance_devices; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.appliance_devices IS 'A person (app_user) updates their own rows and cannot move one to somebody else (user_id = app.current_user_id() before and after).';

--
-- Name: appliance_serials person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.appliance_serials FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON appliance_serials; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.appliance_serials IS 'A person (app_user) updates their own rows and cannot move one to somebody else (user_id = app.current_user_id() before and after).';

--
-- Name: appliances person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.appliances FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON appliances; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.appliances IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: conversations person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.conversations FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON conversations; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.conversations IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: cooking_sessions person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.cooking_sessions FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON cooking_sessions; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.cooking_sessions IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: daily_ai_cost person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.daily_ai_cost FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON daily_ai_cost; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.daily_ai_cost IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: daily_nutrition person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.daily_nutrition FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON daily_nutrition; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.daily_nutrition IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: embeddings person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.embeddings FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.embeddings IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: job_outbox person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.job_outbox FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON job_outbox; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.job_outbox IS 'A person (app_user) updates their own rows and cannot move one to somebody else (user_id = app.current_user_id() before and after).';

--
-- Name: meal_foods person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.meal_foods FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON meal_foods; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.meal_foods IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: meal_logs person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.meal_logs FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.meal_logs IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: messages person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.messages FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON messages; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.messages IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: person_auth_ids person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.person_auth_ids FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON person_auth_ids; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.person_auth_ids IS 'A person (app_user) updates their own rows and cannot move one to somebody else (user_id = app.current_user_id() before and after).';

--
-- Name: person_emails person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.person_emails FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON person_emails; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.person_emails IS 'A person (app_user) updates their own rows and cannot move one to somebody else (user_id = app.current_user_id() before and after).';

--
-- Name: push_token_owners person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.push_token_owners FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON push_token_owners; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.push_token_owners IS 'A person (app_user) updates their own rows and cannot move one to somebody else (user_id = app.current_user_id() before and after).';

--
-- Name: push_tokens person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.push_tokens FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON push_tokens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.push_tokens IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: telemetry_events person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.telemetry_events FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON telemetry_events; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.telemetry_events IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: telemetry_events_default person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.telemetry_events_default FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON telemetry_events_default; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.telemetry_events_default IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: user_goals person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.user_goals FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON user_goals; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.user_goals IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: user_preferences person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.user_preferences FOR UPDATE TO app_user USING ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((user_id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON user_preferences; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.user_preferences IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: users person_update; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY person_update ON app.users FOR UPDATE TO app_user USING ((id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid)) WITH CHECK ((id = (NULLIF(current_setting('app.user_id'::text, true), ''::text))::uuid));

--
-- Name: POLICY person_update ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY person_update ON app.users IS 'Row-level security: app_user updates only its person''s rows and cannot hand a row to another person (USING and WITH CHECK on the person''s id).';

--
-- Name: recipes published_select; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY published_select ON app.recipes FOR SELECT TO app_user USING (is_published);

--
-- Name: POLICY published_select ON recipes; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY published_select ON app.recipes IS 'People (and their devices) see published recipes only.';

--
-- Name: push_token_owners; Type: ROW SECURITY; Schema: app; Owner: -
--

ALTER TABLE app.push_token_owners ENABLE ROW LEVEL SECURITY;

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
-- Name: POLICY worker_all ON api_usage; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.api_usage IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: appliance_devices worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.appliance_devices TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON appliance_devices; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.appliance_devices IS 'The job worker (app_worker) reaches every row; what it may do is limited by its table grants.';

--
-- Name: appliance_serials worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.appliance_serials TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON appliance_serials; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.appliance_serials IS 'The job worker (app_worker) reaches every row; what it may do is limited by its table grants.';

--
-- Name: appliances worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.appliances TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON appliances; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.appliances IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: conversations worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.conversations TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON conversations; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.conversations IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: cooking_sessions worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.cooking_sessions TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON cooking_sessions; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.cooking_sessions IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: daily_ai_cost worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.daily_ai_cost TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON daily_ai_cost; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.daily_ai_cost IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: daily_nutrition worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.daily_nutrition TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON daily_nutrition; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.daily_nutrition IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: embeddings worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.embeddings TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON embeddings; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.embeddings IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: job_outbox worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.job_outbox TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON job_outbox; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.job_outbox IS 'The job worker (app_worker) reaches every row; what it may do is limited by its table grants.';

--
-- Name: meal_foods worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.meal_foods TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON meal_foods; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.meal_foods IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: meal_logs worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.meal_logs TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON meal_logs; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.meal_logs IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: messages worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.messages TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON messages; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.messages IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: person_auth_ids worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.person_auth_ids TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON person_auth_ids; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.person_auth_ids IS 'The job worker (app_worker) reaches every row; what it may do is limited by its table grants.';

--
-- Name: person_emails worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.person_emails TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON person_emails; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.person_emails IS 'The job worker (app_worker) reaches every row; what it may do is limited by its table grants.';

--
-- Name: push_token_owners worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.push_token_owners TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON push_token_owners; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.push_token_owners IS 'The job worker (app_worker) reaches every row; what it may do is limited by its table grants.';

--
-- Name: push_tokens worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.push_tokens TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON push_tokens; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.push_tokens IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: telemetry_events worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.telemetry_events TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON telemetry_events; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.telemetry_events IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: telemetry_events_default worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.telemetry_events_default TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON telemetry_events_default; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.telemetry_events_default IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: user_goals worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.user_goals TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON user_goals; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.user_goals IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: user_preferences worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.user_preferences TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON user_preferences; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.user_preferences IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

--
-- Name: users worker_all; Type: POLICY; Schema: app; Owner: -
--

CREATE POLICY worker_all ON app.users TO app_worker USING (true) WITH CHECK (true);

--
-- Name: POLICY worker_all ON users; Type: COMMENT; Schema: app; Owner: -
--

COMMENT ON POLICY worker_all ON app.users IS 'The job worker: app_worker (kdb.asWorker, pg-boss handlers) reaches every person''s rows (embeddings, metrics, offline sweep, push-token cleanup, due purges); what it may actually do is narrowed by the table privileges granted to app_worker.';

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
-- Name: TYPE gdpr_table; Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON TYPE app_private.gdpr_table FROM PUBLIC;

--
-- Name: FUNCTION act_as(p_user_id uuid); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.act_as(p_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app.act_as(p_user_id uuid) TO app_user;
GRANT ALL ON FUNCTION app.act_as(p_user_id uuid) TO app_admin;
GRANT ALL ON FUNCTION app.act_as(p_user_id uuid) TO app_worker;
GRANT ALL ON FUNCTION app.act_as(p_user_id uuid) TO app_compliance;
GRANT ALL ON FUNCTION app.act_as(p_user_id uuid) TO auth_service;

--
-- Name: FUNCTION allergen_key(p_text text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.allergen_key(p_text text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.allergen_key(p_text text) TO app_user;
GRANT ALL ON FUNCTION app.allergen_key(p_text text) TO app_admin;

--
-- Name: FUNCTION cancel_account_deletion(); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.cancel_account_deletion() FROM PUBLIC;
GRANT ALL ON FUNCTION app.cancel_account_deletion() TO app_user;

--
-- Name: FUNCTION conversation_title(p_text text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.conversation_title(p_text text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.conversation_title(p_text text) TO app_user;
GRANT ALL ON FUNCTION app.conversation_title(p_text text) TO app_admin;
GRANT ALL ON FUNCTION app.conversation_title(p_text text) TO app_worker;

--
-- Name: FUNCTION current_user_id(); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.current_user_id() FROM PUBLIC;
GRANT ALL ON FUNCTION app.current_user_id() TO app_user;
GRANT ALL ON FUNCTION app.current_user_id() TO app_admin;
GRANT ALL ON FUNCTION app.current_user_id() TO app_worker;

--
-- Name: FUNCTION daily_nutrition_vs_goal(p_from date, p_to date); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.daily_nutrition_vs_goal(p_from date, p_to date) FROM PUBLIC;
GRANT ALL ON FUNCTION app.daily_nutrition_vs_goal(p_from date, p_to date) TO app_user;

--
-- Name: FUNCTION daily_nutrition_vs_goal(p_user_id uuid, p_from date, p_to date); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.daily_nutrition_vs_goal(p_user_id uuid, p_from date, p_to date) FROM PUBLIC;
GRANT ALL ON FUNCTION app.daily_nutrition_vs_goal(p_user_id uuid, p_from date, p_to date) TO app_user;

--
-- Name: FUNCTION delete_stale_push_tokens(p_not_refreshed_for interval); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.delete_stale_push_tokens(p_not_refreshed_for interval) FROM PUBLIC;
GRANT ALL ON FUNCTION app.delete_stale_push_tokens(p_not_refreshed_for interval) TO app_worker;

--
-- Name: FUNCTION drain_job_outbox(p_limit integer); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.drain_job_outbox(p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app.drain_job_outbox(p_limit integer) TO app_worker;

--
-- Name: FUNCTION export_user_data(p_user_id uuid); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.export_user_data(p_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app.export_user_data(p_user_id uuid) TO app_compliance;

--
-- Name: FUNCTION export_user_table(p_user_id uuid, p_table text, p_after jsonb, p_limit integer); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.export_user_table(p_user_id uuid, p_table text, p_after jsonb, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app.export_user_table(p_user_id uuid, p_table text, p_after jsonb, p_limit integer) TO app_compliance;

--
-- Name: FUNCTION export_user_table_lines(p_user_id uuid, p_table text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.export_user_table_lines(p_user_id uuid, p_table text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.export_user_table_lines(p_user_id uuid, p_table text) TO app_compliance;

--
-- Name: FUNCTION export_user_table_part_lines(p_user_id uuid, p_table text, p_part text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.export_user_table_part_lines(p_user_id uuid, p_table text, p_part text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.export_user_table_part_lines(p_user_id uuid, p_table text, p_part text) TO app_compliance;

--
-- Name: FUNCTION export_user_table_parts(); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.export_user_table_parts() FROM PUBLIC;
GRANT ALL ON FUNCTION app.export_user_table_parts() TO app_compliance;

--
-- Name: FUNCTION gdpr_audit_log(p_limit integer, p_user_id uuid, p_before bigint); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.gdpr_audit_log(p_limit integer, p_user_id uuid, p_before bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION app.gdpr_audit_log(p_limit integer, p_user_id uuid, p_before bigint) TO app_compliance;

--
-- Name: FUNCTION gdpr_export_file_begin(p_user_id uuid, p_path text, p_written_by text, p_host text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.gdpr_export_file_begin(p_user_id uuid, p_path text, p_written_by text, p_host text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.gdpr_export_file_begin(p_user_id uuid, p_path text, p_written_by text, p_host text) TO app_compliance;

--
-- Name: FUNCTION gdpr_export_file_deleted(p_id bigint, p_error text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.gdpr_export_file_deleted(p_id bigint, p_error text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.gdpr_export_file_deleted(p_id bigint, p_error text) TO app_compliance;
GRANT ALL ON FUNCTION app.gdpr_export_file_deleted(p_id bigint, p_error text) TO app_worker;

--
-- Name: FUNCTION gdpr_export_file_failed(p_id bigint); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.gdpr_export_file_failed(p_id bigint) FROM PUBLIC;
GRANT ALL ON FUNCTION app.gdpr_export_file_failed(p_id bigint) TO app_compliance;

--
-- Name: FUNCTION gdpr_export_file_log(p_limit integer, p_user_id uuid); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.gdpr_export_file_log(p_limit integer, p_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app.gdpr_export_file_log(p_limit integer, p_user_id uuid) TO app_compliance;

--
-- Name: FUNCTION gdpr_export_file_written(p_id bigint, p_bytes bigint, p_sha256 text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.gdpr_export_file_written(p_id bigint, p_bytes bigint, p_sha256 text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.gdpr_export_file_written(p_id bigint, p_bytes bigint, p_sha256 text) TO app_compliance;

--
-- Name: FUNCTION gdpr_export_files_expire(p_retention interval); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.gdpr_export_files_expire(p_retention interval) FROM PUBLIC;
GRANT ALL ON FUNCTION app.gdpr_export_files_expire(p_retention interval) TO app_worker;

--
-- Name: FUNCTION gdpr_export_files_to_delete(p_host text, p_limit integer); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.gdpr_export_files_to_delete(p_host text, p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app.gdpr_export_files_to_delete(p_host text, p_limit integer) TO app_compliance;
GRANT ALL ON FUNCTION app.gdpr_export_files_to_delete(p_host text, p_limit integer) TO app_worker;

--
-- Name: FUNCTION gdpr_find_person(p_kind text, p_key text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.gdpr_find_person(p_kind text, p_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.gdpr_find_person(p_kind text, p_key text) TO app_compliance;

--
-- Name: FUNCTION gdpr_find_user(p_key text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.gdpr_find_user(p_key text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.gdpr_find_user(p_key text) TO app_compliance;

--
-- Name: FUNCTION gdpr_pending_deletions(); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.gdpr_pending_deletions() FROM PUBLIC;
GRANT ALL ON FUNCTION app.gdpr_pending_deletions() TO app_compliance;

--
-- Name: FUNCTION gdpr_user_summary(p_user_id uuid, p_purpose text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.gdpr_user_summary(p_user_id uuid, p_purpose text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.gdpr_user_summary(p_user_id uuid, p_purpose text) TO app_compliance;

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
-- Name: FUNCTION lock_embedding_sources(p_kind text, p_user_ids uuid[], p_ids uuid[]); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.lock_embedding_sources(p_kind text, p_user_ids uuid[], p_ids uuid[]) FROM PUBLIC;
GRANT ALL ON FUNCTION app.lock_embedding_sources(p_kind text, p_user_ids uuid[], p_ids uuid[]) TO app_worker;

--
-- Name: FUNCTION maintain_partitions(); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.maintain_partitions() FROM PUBLIC;
GRANT ALL ON FUNCTION app.maintain_partitions() TO app_worker;

--
-- Name: FUNCTION mark_offline_appliances(p_silent_for interval); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.mark_offline_appliances(p_silent_for interval) FROM PUBLIC;
GRANT ALL ON FUNCTION app.mark_offline_appliances(p_silent_for interval) TO app_worker;

--
-- Name: FUNCTION nutrition_is_valid(p_nutrition jsonb); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.nutrition_is_valid(p_nutrition jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION app.nutrition_is_valid(p_nutrition jsonb) TO app_user;
GRANT ALL ON FUNCTION app.nutrition_is_valid(p_nutrition jsonb) TO app_admin;
GRANT ALL ON FUNCTION app.nutrition_is_valid(p_nutrition jsonb) TO app_worker;

--
-- Name: TABLE appliances; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.appliances TO app_user;
GRANT SELECT ON TABLE app.appliances TO app_admin;
GRANT SELECT ON TABLE app.appliances TO app_worker;

--
-- Name: COLUMN appliances.name; Type: ACL; Schema: app; Owner: -
--

GRANT UPDATE(name) ON TABLE app.appliances TO app_user;

--
-- Name: COLUMN appliances.firmware_version_cm5; Type: ACL; Schema: app; Owner: -
--

GRANT UPDATE(firmware_version_cm5) ON TABLE app.appliances TO app_user;

--
-- Name: COLUMN appliances.firmware_version_stm32; Type: ACL; Schema: app; Owner: -
--

GRANT UPDATE(firmware_version_stm32) ON TABLE app.appliances TO app_user;

--
-- Name: COLUMN appliances.wifi_mac; Type: ACL; Schema: app; Owner: -
--

GRANT UPDATE(wifi_mac) ON TABLE app.appliances TO app_user;

--
-- Name: COLUMN appliances.pairing_code; Type: ACL; Schema: app; Owner: -
--

GRANT UPDATE(pairing_code) ON TABLE app.appliances TO app_user;

--
-- Name: COLUMN appliances.status; Type: ACL; Schema: app; Owner: -
--

GRANT UPDATE(status) ON TABLE app.appliances TO app_worker;
GRANT UPDATE(status) ON TABLE app.appliances TO app_user;

--
-- Name: COLUMN appliances.last_seen_at; Type: ACL; Schema: app; Owner: -
--

GRANT UPDATE(last_seen_at) ON TABLE app.appliances TO app_user;

--
-- Name: FUNCTION pair_appliance(p_device_id text, p_serial_number text, p_pairing_code text, p_name text, p_wifi_mac text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.pair_appliance(p_device_id text, p_serial_number text, p_pairing_code text, p_name text, p_wifi_mac text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.pair_appliance(p_device_id text, p_serial_number text, p_pairing_code text, p_name text, p_wifi_mac text) TO app_user;

--
-- Name: FUNCTION partition_report(p_exact boolean); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.partition_report(p_exact boolean) FROM PUBLIC;
GRANT ALL ON FUNCTION app.partition_report(p_exact boolean) TO app_worker;
GRANT ALL ON FUNCTION app.partition_report(p_exact boolean) TO app_admin;

--
-- Name: FUNCTION purge_due_accounts(p_limit integer); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.purge_due_accounts(p_limit integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app.purge_due_accounts(p_limit integer) TO app_worker;

--
-- Name: FUNCTION purge_user(p_user_id uuid); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.purge_user(p_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app.purge_user(p_user_id uuid) TO app_compliance;

--
-- Name: FUNCTION rebuild_daily_metrics(p_user_id uuid); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.rebuild_daily_metrics(p_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app.rebuild_daily_metrics(p_user_id uuid) TO app_worker;

--
-- Name: FUNCTION recipe_data_is_valid(p_data jsonb); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.recipe_data_is_valid(p_data jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION app.recipe_data_is_valid(p_data jsonb) TO app_user;
GRANT ALL ON FUNCTION app.recipe_data_is_valid(p_data jsonb) TO app_admin;
GRANT ALL ON FUNCTION app.recipe_data_is_valid(p_data jsonb) TO app_worker;

--
-- Name: TABLE recipes; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.recipes TO app_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.recipes TO app_admin;
GRANT SELECT ON TABLE app.recipes TO app_worker;

--
-- Name: FUNCTION recipe_admin_create(p_recipe jsonb); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.recipe_admin_create(p_recipe jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION app.recipe_admin_create(p_recipe jsonb) TO app_admin;

--
-- Name: FUNCTION recipe_admin_delete(p_id uuid); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.recipe_admin_delete(p_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app.recipe_admin_delete(p_id uuid) TO app_admin;

--
-- Name: FUNCTION recipe_admin_update(p_id uuid, p_changes jsonb); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.recipe_admin_update(p_id uuid, p_changes jsonb) FROM PUBLIC;
GRANT ALL ON FUNCTION app.recipe_admin_update(p_id uuid, p_changes jsonb) TO app_admin;

--
-- Name: FUNCTION recipe_allergen_keys(p_recipe_data jsonb, p_tags text[]); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.recipe_allergen_keys(p_recipe_data jsonb, p_tags text[]) FROM PUBLIC;
GRANT ALL ON FUNCTION app.recipe_allergen_keys(p_recipe_data jsonb, p_tags text[]) TO app_user;
GRANT ALL ON FUNCTION app.recipe_allergen_keys(p_recipe_data jsonb, p_tags text[]) TO app_admin;

--
-- Name: FUNCTION recipe_author(p_user_id uuid); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.recipe_author(p_user_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app.recipe_author(p_user_id uuid) TO app_admin;

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
-- Name: FUNCTION refresh_daily_metrics(p_user_id uuid, p_day date); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.refresh_daily_metrics(p_user_id uuid, p_day date) FROM PUBLIC;
GRANT ALL ON FUNCTION app.refresh_daily_metrics(p_user_id uuid, p_day date) TO app_worker;

--
-- Name: FUNCTION register_push_token(p_platform text, p_token text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.register_push_token(p_platform text, p_token text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.register_push_token(p_platform text, p_token text) TO app_user;

--
-- Name: FUNCTION request_account_deletion(); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.request_account_deletion() FROM PUBLIC;
GRANT ALL ON FUNCTION app.request_account_deletion() TO app_user;

--
-- Name: FUNCTION search_knowledge(p_query public.vector, p_model text, p_limit integer, p_filter jsonb, p_ef_search integer); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.search_knowledge(p_query public.vector, p_model text, p_limit integer, p_filter jsonb, p_ef_search integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app.search_knowledge(p_query public.vector, p_model text, p_limit integer, p_filter jsonb, p_ef_search integer) TO app_user;

--
-- Name: FUNCTION semver_sort_key(p_version text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.semver_sort_key(p_version text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.semver_sort_key(p_version text) TO app_user;
GRANT ALL ON FUNCTION app.semver_sort_key(p_version text) TO app_admin;
GRANT ALL ON FUNCTION app.semver_sort_key(p_version text) TO app_worker;

--
-- Name: FUNCTION sign_in_person(p_auth_id text, p_email text, p_name text, p_time_zone text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.sign_in_person(p_auth_id text, p_email text, p_name text, p_time_zone text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.sign_in_person(p_auth_id text, p_email text, p_name text, p_time_zone text) TO app_user;

--
-- Name: FUNCTION unpair_appliance(p_id uuid); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.unpair_appliance(p_id uuid) FROM PUBLIC;
GRANT ALL ON FUNCTION app.unpair_appliance(p_id uuid) TO app_user;

--
-- Name: FUNCTION unregister_push_token(p_token text); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.unregister_push_token(p_token text) FROM PUBLIC;
GRANT ALL ON FUNCTION app.unregister_push_token(p_token text) TO app_user;

--
-- Name: FUNCTION upload_cooking_log(p_device_id text, p_id uuid, p_recipe_id uuid, p_status text, p_started_at timestamp with time zone, p_completed_at timestamp with time zone, p_stages_log jsonb, p_customizations jsonb, p_peak_temperature real, p_total_duration_s integer, p_user_rating integer, p_notes text, p_device_revision integer); Type: ACL; Schema: app; Owner: -
--

REVOKE ALL ON FUNCTION app.upload_cooking_log(p_device_id text, p_id uuid, p_recipe_id uuid, p_status text, p_started_at timestamp with time zone, p_completed_at timestamp with time zone, p_stages_log jsonb, p_customizations jsonb, p_peak_temperature real, p_total_duration_s integer, p_user_rating integer, p_notes text, p_device_revision integer) FROM PUBLIC;
GRANT ALL ON FUNCTION app.upload_cooking_log(p_device_id text, p_id uuid, p_recipe_id uuid, p_status text, p_started_at timestamp with time zone, p_completed_at timestamp with time zone, p_stages_log jsonb, p_customizations jsonb, p_peak_temperature real, p_total_duration_s integer, p_user_rating integer, p_notes text, p_device_revision integer) TO app_user;

--
-- Name: FUNCTION apply_retention(p_parent regclass, p_now timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.apply_retention(p_parent regclass, p_now timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION check_default(p_parent regclass, p_now timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.check_default(p_parent regclass, p_now timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION cooking_sessions_check_recipe(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.cooking_sessions_check_recipe() FROM PUBLIC;

--
-- Name: FUNCTION cooking_sessions_delete_events(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.cooking_sessions_delete_events() FROM PUBLIC;

--
-- Name: FUNCTION create_monthly_partition(p_parent regclass, p_month date); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.create_monthly_partition(p_parent regclass, p_month date) FROM PUBLIC;

--
-- Name: FUNCTION create_partitions(p_parent regclass, p_now timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.create_partitions(p_parent regclass, p_now timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION delete_embeddings(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.delete_embeddings() FROM PUBLIC;

--
-- Name: FUNCTION distribute(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.distribute() FROM PUBLIC;

--
-- Name: FUNCTION embeddings_check_source(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.embeddings_check_source() FROM PUBLIC;

--
-- Name: FUNCTION enable_person_rls(p_table regclass, p_key name); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.enable_person_rls(p_table regclass, p_key name) FROM PUBLIC;

--
-- Name: FUNCTION enqueue_jobs(p_queue text, p_jobs jsonb, p_delay interval); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.enqueue_jobs(p_queue text, p_jobs jsonb, p_delay interval) FROM PUBLIC;

--
-- Name: FUNCTION enqueue_metrics_rollup(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.enqueue_metrics_rollup() FROM PUBLIC;

--
-- Name: FUNCTION gdpr_audit_append_only(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.gdpr_audit_append_only() FROM PUBLIC;

--
-- Name: FUNCTION gdpr_audit_write(p_action text, p_user_id uuid, p_detail jsonb); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.gdpr_audit_write(p_action text, p_user_id uuid, p_detail jsonb) FROM PUBLIC;

--
-- Name: FUNCTION gdpr_identity(p_user_id uuid, OUT known boolean, OUT auth_id text, OUT emails text[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.gdpr_identity(p_user_id uuid, OUT known boolean, OUT auth_id text, OUT emails text[]) FROM PUBLIC;

--
-- Name: FUNCTION gdpr_json_names_person(p_json jsonb, p_user_id uuid, p_auth_id text, p_emails text[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.gdpr_json_names_person(p_json jsonb, p_user_id uuid, p_auth_id text, p_emails text[]) FROM PUBLIC;

--
-- Name: FUNCTION gdpr_manifest(p_user_id uuid, p_known boolean, p_counts jsonb); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.gdpr_manifest(p_user_id uuid, p_known boolean, p_counts jsonb) FROM PUBLIC;

--
-- Name: FUNCTION gdpr_purge_jobs(p_user_id uuid, p_auth_id text, p_emails text[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.gdpr_purge_jobs(p_user_id uuid, p_auth_id text, p_emails text[]) FROM PUBLIC;

--
-- Name: FUNCTION gdpr_sql(t app_private.gdpr_table, p_mode text, p_after boolean); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.gdpr_sql(t app_private.gdpr_table, p_mode text, p_after boolean) FROM PUBLIC;

--
-- Name: FUNCTION gdpr_subject(p_user_id uuid); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.gdpr_subject(p_user_id uuid) FROM PUBLIC;

--
-- Name: FUNCTION gdpr_table_named(p_name text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.gdpr_table_named(p_name text) FROM PUBLIC;

--
-- Name: FUNCTION gdpr_tables(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.gdpr_tables() FROM PUBLIC;

--
-- Name: FUNCTION gdpr_text_names_person(p_text text, p_user_id uuid, p_auth_id text, p_emails text[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.gdpr_text_names_person(p_text text, p_user_id uuid, p_auth_id text, p_emails text[]) FROM PUBLIC;

--
-- Name: FUNCTION gdpr_value_names_person(p_text text, p_user_id uuid, p_auth_id text, p_emails text[]); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.gdpr_value_names_person(p_text text, p_user_id uuid, p_auth_id text, p_emails text[]) FROM PUBLIC;

--
-- Name: FUNCTION gdpr_verification_matches(p_identifier text, p_value text, p_emails text[], p_auth_id text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.gdpr_verification_matches(p_identifier text, p_value text, p_emails text[], p_auth_id text) FROM PUBLIC;

--
-- Name: FUNCTION grant_pgboss_rights(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.grant_pgboss_rights() FROM PUBLIC;

--
-- Name: FUNCTION hmac_sha256(p_key bytea, p_message bytea); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.hmac_sha256(p_key bytea, p_message bytea) FROM PUBLIC;

--
-- Name: FUNCTION job_outbox_add(p_user_id uuid, p_queue text, p_data jsonb, p_key text, p_delay interval); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.job_outbox_add(p_user_id uuid, p_queue text, p_data jsonb, p_key text, p_delay interval) FROM PUBLIC;

--
-- Name: FUNCTION maintain_partitions(p_now timestamp with time zone, p_parent regclass); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.maintain_partitions(p_now timestamp with time zone, p_parent regclass) FROM PUBLIC;

--
-- Name: FUNCTION meal_foods_enqueue_embedding(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.meal_foods_enqueue_embedding() FROM PUBLIC;

--
-- Name: FUNCTION meal_logs_enqueue_embedding(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.meal_logs_enqueue_embedding() FROM PUBLIC;

--
-- Name: FUNCTION meal_logs_soft_delete(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.meal_logs_soft_delete() FROM PUBLIC;

--
-- Name: FUNCTION messages_after_insert(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.messages_after_insert() FROM PUBLIC;

--
-- Name: FUNCTION messages_enqueue_embedding(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.messages_enqueue_embedding() FROM PUBLIC;

--
-- Name: FUNCTION owner_access_on(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.owner_access_on() FROM PUBLIC;

--
-- Name: FUNCTION owner_access_restore(p_prev text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.owner_access_restore(p_prev text) FROM PUBLIC;

--
-- Name: FUNCTION partition_bound_literal(p_type regtype, p_at timestamp without time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.partition_bound_literal(p_type regtype, p_at timestamp without time zone) FROM PUBLIC;

--
-- Name: FUNCTION partition_bounds(p_partition regclass); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.partition_bounds(p_partition regclass) FROM PUBLIC;

--
-- Name: FUNCTION partition_default_rows(p_parent regclass, p_now timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.partition_default_rows(p_parent regclass, p_now timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION partition_key(p_parent regclass); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.partition_key(p_parent regclass) FROM PUBLIC;

--
-- Name: FUNCTION partition_month_expression(p_key name, p_type regtype); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.partition_month_expression(p_key name, p_type regtype) FROM PUBLIC;

--
-- Name: FUNCTION partition_window(p_parent regclass, p_now timestamp with time zone); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.partition_window(p_parent regclass, p_now timestamp with time zone) FROM PUBLIC;

--
-- Name: FUNCTION purge_due_accounts(p_now timestamp with time zone, p_limit integer); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.purge_due_accounts(p_now timestamp with time zone, p_limit integer) FROM PUBLIC;

--
-- Name: FUNCTION purge_user_core(p_user_id uuid, p_reason text); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.purge_user_core(p_user_id uuid, p_reason text) FROM PUBLIC;

--
-- Name: FUNCTION recipe_write_side_tables(p_old app.recipes, p_new app.recipes); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.recipe_write_side_tables(p_old app.recipes, p_new app.recipes) FROM PUBLIC;

--
-- Name: FUNCTION recipes_stamp(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.recipes_stamp() FROM PUBLIC;

--
-- Name: FUNCTION refresh_daily_metrics(p_user_id uuid, p_day date); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.refresh_daily_metrics(p_user_id uuid, p_day date) FROM PUBLIC;

--
-- Name: FUNCTION register_partitioned_table(p_parent regclass, p_premake integer, p_retention interval, p_retention_action text, p_person_key name); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.register_partitioned_table(p_parent regclass, p_premake integer, p_retention interval, p_retention_action text, p_person_key name) FROM PUBLIC;

--
-- Name: FUNCTION set_updated_at(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.set_updated_at() FROM PUBLIC;

--
-- Name: FUNCTION telemetry_events_check_sessions(); Type: ACL; Schema: app_private; Owner: -
--

REVOKE ALL ON FUNCTION app_private.telemetry_events_check_sessions() FROM PUBLIC;

--
-- Name: TABLE api_usage; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT,INSERT ON TABLE app.api_usage TO app_user;
GRANT SELECT ON TABLE app.api_usage TO app_admin;
GRANT SELECT,INSERT ON TABLE app.api_usage TO app_worker;

--
-- Name: TABLE appliance_devices; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.appliance_devices TO app_admin;

--
-- Name: TABLE appliance_serials; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.appliance_serials TO app_admin;

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
GRANT SELECT ON TABLE app.daily_ai_cost TO app_worker;

--
-- Name: TABLE daily_nutrition; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.daily_nutrition TO app_user;
GRANT SELECT ON TABLE app.daily_nutrition TO app_admin;
GRANT SELECT ON TABLE app.daily_nutrition TO app_worker;

--
-- Name: TABLE embeddings; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.embeddings TO app_user;
GRANT SELECT ON TABLE app.embeddings TO app_admin;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.embeddings TO app_worker;

--
-- Name: TABLE firmware_releases; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.firmware_releases TO app_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.firmware_releases TO app_admin;

--
-- Name: TABLE job_outbox; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.job_outbox TO app_admin;

--
-- Name: TABLE knowledge_embeddings; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.knowledge_embeddings TO app_user;
GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE app.knowledge_embeddings TO app_admin;

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
-- Name: TABLE person_auth_ids; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.person_auth_ids TO app_admin;

--
-- Name: TABLE person_emails; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.person_emails TO app_admin;

--
-- Name: TABLE push_token_owners; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.push_token_owners TO app_admin;
GRANT SELECT,DELETE ON TABLE app.push_token_owners TO app_worker;

--
-- Name: TABLE push_tokens; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.push_tokens TO app_user;
GRANT SELECT ON TABLE app.push_tokens TO app_admin;
GRANT SELECT,DELETE ON TABLE app.push_tokens TO app_worker;

--
-- Name: TABLE recipe_search; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.recipe_search TO app_user;
GRANT SELECT ON TABLE app.recipe_search TO app_admin;
GRANT SELECT ON TABLE app.recipe_search TO app_worker;

--
-- Name: TABLE recipe_tombstones; Type: ACL; Schema: app; Owner: -
--

GRANT SELECT ON TABLE app.recipe_tombstones TO app_user;
GRANT SELECT ON TABLE app.recipe_tombstones TO app_admin;

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
GRANT MAINTAIN ON TABLE app.telemetry_events_default TO app_worker;

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
