--! Previous: sha1:e3a5652abf44d2a2026ed16fe17331a36bd9861a
--! Hash: sha1:3e9a59fed9ec761ac5a294ccda031c9a65fbdd1c
--! Message: gdpr: catalog of where a person's data lives

-- Which tables hold a person's data, read from pg_catalog when a GDPR function runs, so a table
-- added next year is exported and purged without touching the GDPR code:
--   self        app.users, keyed on id;
--   person      every table (not a partition) with a user_id column in schema app, and any table
--               elsewhere whose user_id references app.users: all its rows with user_id = the person.
--               Partitioned tables are listed once, as their parent (the parent reaches every partition);
--   reference   a table without user_id whose other column references app.users (app.recipes.created_by):
--               only the key and that column are exported; the purge sets it to NULL (as its FK does);
--   auth_user   auth."user" (id = app.users.auth_id);
--   auth_owned  every auth table with a "userId" column (session, account, twoFactor, and plugins' tables);
--   auth_verification  auth.verification rows that name the person (no user key; see
--               app_private.gdpr_verification_matches).
-- Columns that hold secrets are left out of exports (app_private.gdpr_redactions, which also lists
-- whole tables left out); every export states them.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- What exports leave out ------------------------------------------------------------------------
create table app_private.gdpr_redactions (
  table_name  text not null,
  column_name text,
  reason      text not null,
  constraint gdpr_redactions_table_name_column_name_key unique nulls not distinct (table_name, column_name),
  constraint gdpr_redactions_reason_check check (char_length(reason) between 1 and 500)
);
comment on table app_private.gdpr_redactions is
  'What GDPR exports leave out, and why: a column of an exported table (column_name set), or a whole table (column_name NULL). Exports list these rows in their manifest. The purge deletes the rows regardless. Keys are the export''s table names (schema.table, unquoted).';
comment on column app_private.gdpr_redactions.table_name is 'Table as the export names it: schema.table without quotes (auth.twoFactor).';
comment on column app_private.gdpr_redactions.column_name is 'Column left out of every exported row; NULL = the whole table is left out.';
comment on column app_private.gdpr_redactions.reason is 'Plain-words reason, copied into every export''s manifest.';

insert into app_private.gdpr_redactions (table_name, column_name, reason) values
  ('auth.account', 'password', 'password hash: a credential, never handed out'),
  ('auth.account', 'accessToken', 'identity-provider access token: a credential'),
  ('auth.account', 'refreshToken', 'identity-provider refresh token: a credential'),
  ('auth.account', 'idToken', 'identity-provider ID token: a credential'),
  ('auth.session', 'token', 'session token: whoever holds it is signed in as the person'),
  ('auth.twoFactor', 'secret', 'two-factor (TOTP) secret: a credential'),
  ('auth.twoFactor', 'backupCodes', 'two-factor backup codes: credentials'),
  ('auth.verification', 'value', 'verification code, reset token or link secret: a credential'),
  ('app.push_tokens', 'token', 'push-notification device token: lets a server send notifications to the phone'),
  ('app.appliances', 'pairing_code', 'appliance pairing code: lets a phone pair with the appliance'),
  ('auth.jwks', null, 'the service''s signing keys (public and private): no personal data');

-- Better-Auth verification rows of a person -----------------------------------------------------
create function app_private.gdpr_verification_matches(p_identifier text, p_value text, p_emails text[], p_auth_id text)
  returns boolean
  language sql
  immutable
  parallel safe
  set search_path = ''
as $$
  select coalesce(p_auth_id is not null and p_value = p_auth_id, false)
      or exists (
        select
        from pg_catalog.unnest(p_emails) as e(email)
        where e.email is not null
          and (pg_catalog.lower(p_identifier) = any (array[
                 pg_catalog.lower(e.email),
                 'sign-in-otp-' || pg_catalog.lower(e.email),
                 'email-verification-otp-' || pg_catalog.lower(e.email),
                 'forget-password-otp-' || pg_catalog.lower(e.email)])
               or pg_catalog.strpos(pg_catalog.lower(p_value), '"email":"' || pg_catalog.lower(e.email) || '"') > 0))
$$;
comment on function app_private.gdpr_verification_matches(text, text, text[], text) is
  'True when an auth.verification row belongs to the person: identifier = one of their e-mail addresses, or Better-Auth''s e-mail OTP identifiers (sign-in-otp-, email-verification-otp-, forget-password-otp- + address), '
  'or value = their auth user id (password-reset and delete-account tokens store the user id as value), or value is a JSON object with "email":"<address>" (magic links). Exact matches only: another address that merely contains this one never matches.';

-- The catalog -----------------------------------------------------------------------------------
create type app_private.gdpr_table as (
  name        text,
  relation    regclass,
  kind        text,
  key_column  text,
  pk_columns  text[],
  pk_types    text[],
  redacted    text[],
  export_rank integer,
  purge_rank  integer
);
comment on type app_private.gdpr_table is
  'One table of the GDPR catalog (app_private.gdpr_tables()): export name (schema.table, or schema.table(column) for a reference), the relation, kind, the column naming the person, primary-key columns and their types, columns left out of exports, export order, purge order.';

create function app_private.gdpr_tables()
  returns setof app_private.gdpr_table
  language plpgsql
  stable
  set search_path = ''
as $$
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
  reference as (
    select f.rel, f.col from fk_to_users f where f.rel not in (select rel from person)
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
comment on function app_private.gdpr_tables() is
  'Where a person''s data lives, from pg_catalog (see the migration''s header): one row per table with the export''s name for it, its kind (self, person, reference, auth_user, auth_owned, auth_verification), the column that names the person, '
  'its primary key columns and types (keyset paging), the columns exports leave out, the export order, and the purge order (ascending: a table comes after every person table that references it, app.users after all of them, auth after app). Partitions are not listed: their parent is.';

-- The SQL of one table ----------------------------------------------------------------------------
-- Dynamic SQL because the table comes from the catalog at run time. Parameters of the returned
-- text: $1 uuid person id, $2 text auth id, $3 text[] e-mail addresses, $4 jsonb page cursor,
-- $5 integer page size.
create function app_private.gdpr_table_named(p_name text) returns app_private.gdpr_table
  language plpgsql
  stable
  set search_path = ''
as $$
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
comment on function app_private.gdpr_table_named(text) is
  'The catalog row of the table the export calls p_name (see app_private.gdpr_tables()); refuses (SQLSTATE 22023) any other name, so no caller-supplied text ever reaches dynamic SQL.';

create function app_private.gdpr_sql(t app_private.gdpr_table, p_mode text, p_after boolean default false) returns text
  language plpgsql
  stable
  set search_path = ''
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
    return pg_catalog.format('select exists (select from %s as t where %s)', t.relation, v_cond);
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
comment on function app_private.gdpr_sql(app_private.gdpr_table, text, boolean) is
  'The dynamic SQL the GDPR functions run on one table of app_private.gdpr_tables(), given its catalog row (mode count, exists, delete, rows, page; p_after adds the keyset condition). Parameters of the text: $1 person id, $2 auth id, $3 e-mail addresses, $4 page cursor (jsonb of the primary key), $5 page size. Rows are to_jsonb(row) minus the redacted columns; reference tables give only their key and the column naming the person.';

-- The person's identity, as the other functions need it ----------------------------------------
create function app_private.gdpr_identity(p_user_id uuid, out known boolean, out auth_id text, out emails text[])
  language sql
  stable
  set search_path = ''
as $$
  select u.id is not null,
         u.auth_id,
         coalesce(pg_catalog.array_remove(array[u.email::text, au.email], null), '{}')
  from (select) as one
  left join app.users as u on u.id = p_user_id
  left join auth."user" as au on au.id = u.auth_id
$$;
comment on function app_private.gdpr_identity(uuid) is
  'The person''s auth id and e-mail addresses (app.users.email and auth."user".email, which normally agree), for the auth rows of exports and purges. known = false (and no auth id, no address) when app.users has no such id. Callers must have app.owner_access on (row-level security).';

revoke all on table app_private.gdpr_redactions from public;
revoke all on type app_private.gdpr_table from public;
revoke all on function app_private.gdpr_verification_matches(text, text, text[], text), app_private.gdpr_tables(),
  app_private.gdpr_table_named(text), app_private.gdpr_sql(app_private.gdpr_table, text, boolean), app_private.gdpr_identity(uuid) from public;
