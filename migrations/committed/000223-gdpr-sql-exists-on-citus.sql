--! Previous: sha1:96398e58befdfe71e2573f388d7677222475365b
--! Hash: sha1:2507d56c2428bae145cfcc9004b8e8d53c763a38
--! Message: citus: the purge's "nothing left" check selects a column (Citus cannot plan an empty select list across shards)

-- Issue 17 (Citus). app_private.gdpr_sql(…, 'exists') built
-- "select exists (select from <table> as t where …)". For a table not distributed on the person
-- (the global lookup tables such as app.appliance_devices) the subquery runs on every shard and Citus
-- plans it as an intermediate result; with an empty select list that fails with 42601 "a column
-- definition list is required for functions returning "record"" (the purge after
-- app.purge_user_core deleted the rows). "select 1" means the same. Redefines app_private.gdpr_sql only.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create or replace function app_private.gdpr_sql(t app_private.gdpr_table, p_mode text, p_after boolean default false)
  returns text
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
as $$
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
$$;
