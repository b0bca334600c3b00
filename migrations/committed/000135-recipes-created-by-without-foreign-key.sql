--! Previous: sha1:a310ff2aa0c173dc9bf28b2570d6e918b39ccf54
--! Hash: sha1:8a94c7ab99545051bdcdd467d3778a2f77621240
--! Message: recipes, gdpr: recipes.created_by loses its foreign key to app.users; the GDPR catalogue knows the column from a declaration

-- Issue 17 (docs/scale-out.md section 2). app.recipes becomes a Citus reference table and app.users a
-- distributed one; a foreign key from a reference table to a distributed table is refused ("cannot
-- create foreign key constraint since foreign keys from reference tables and local tables to
-- distributed tables are not supported"), so recipes_created_by_fkey goes, on every engine (one
-- schema). What the key did is kept another way:
-- - the GDPR catalogue (app_private.gdpr_tables, migration 000021) found "reference" columns through
--   foreign keys to app.users. It now also reads app_private.gdpr_reference_columns, a declaration
--   of the columns that name a person without a foreign key, seeded with app.recipes.created_by: the
--   export still lists app.recipes(created_by) and the purge still sets it to NULL (what ON DELETE
--   SET NULL did), through the same gdpr_sql code;
-- - "created_by names an existing person" is checked when it is written: app.recipe_author(id)
--   returns the id after checking that the person exists (one routed lookup on Citus, evaluated on
--   the coordinator), else raises the old key's error (23503 recipes_created_by_fkey), so the API's
--   answer is unchanged. The admin's recipe insert passes created_by through it. A person deleted
--   outside the GDPR purge (a plain DELETE FROM app.users) no longer clears the column: the purge is
--   the only supported way to delete a person (docs/gdpr.md).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create table app_private.gdpr_reference_columns (
  table_name  text not null,
  column_name text not null,
  reason      text not null,
  constraint gdpr_reference_columns_pkey primary key (table_name, column_name),
  constraint gdpr_reference_columns_reason_check check (pg_catalog.char_length(reason) between 1 and 500)
);
comment on table app_private.gdpr_reference_columns is
  'Columns that name a person (an app.users id) without a foreign key to app.users, which app_private.gdpr_tables lists as kind reference next to the ones it finds through foreign keys: the export lists the table''s key and the column, the purge sets the column to NULL. Keys are schema.table (unquoted) and the column name. A foreign key is the first choice; declare a column here only when one cannot exist (a Citus reference table pointing at a distributed table).';
comment on column app_private.gdpr_reference_columns.table_name is 'The table, schema-qualified (app.recipes).';
comment on column app_private.gdpr_reference_columns.column_name is 'The column holding an app.users id.';
comment on column app_private.gdpr_reference_columns.reason is 'Why the column has no foreign key to app.users.';
revoke all on table app_private.gdpr_reference_columns from public;

insert into app_private.gdpr_reference_columns (table_name, column_name, reason) values
  ('app.recipes', 'created_by', 'app.recipes is a Citus reference table and app.users a distributed one: Citus refuses a foreign key from a reference table to a distributed table (issue 17).');

alter table app.recipes drop constraint recipes_created_by_fkey;

comment on column app.recipes.created_by is
  'The person (app.users.id) who authored the recipe, if any. No foreign key (Citus: app.recipes is a reference table, app.users distributed): writers pass it through app.recipe_author, which refuses an unknown person (23503 recipes_created_by_fkey); the GDPR purge sets it to NULL (declared in app_private.gdpr_reference_columns).';

create or replace function app_private.gdpr_tables()
  returns setof app_private.gdpr_table
  language plpgsql
  stable
  set search_path = pg_catalog, pg_temp
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

comment on function app_private.gdpr_tables() is
  'Where a person''s data lives, from pg_catalog (see migration 000021''s header) and app_private.gdpr_reference_columns (columns naming a person without a foreign key, migration 000135): one row per table with the export''s name for it, its kind (self, person, reference, auth_user, auth_owned, auth_verification), the column that names the person, its primary key columns and types (keyset paging), the columns exports leave out, the export order, and the purge order (ascending: a table comes after every person table that references it, app.users after all of them, auth after app). Partitions are not listed: their parent is.';

create function app.recipe_author(p_user_id uuid)
  returns uuid
  language plpgsql
  security definer
  set search_path = pg_catalog, pg_temp
as $fn$
declare
  v_prev  text := pg_catalog.current_setting('app.owner_access', true);
  v_found boolean;
begin
  if p_user_id is null then
    return null;
  end if;
  perform app_private.owner_access_on();
  select exists (select from app.users as u where u.id = p_user_id) into v_found;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_prev, ''), true);
  if not v_found then
    raise exception 'insert or update on table "recipes" violates foreign key constraint "recipes_created_by_fkey"'
      using errcode = 'foreign_key_violation', constraint = 'recipes_created_by_fkey', column = 'created_by',
            table = 'recipes', schema = 'app',
            detail = pg_catalog.format('Key (created_by)=(%s) is not present in table "users".', p_user_id);
  end if;
  return p_user_id;
end
$fn$;

comment on function app.recipe_author(uuid) is
  'The recipe author check that replaced recipes_created_by_fkey (issue 17: no foreign key from the reference table app.recipes to the distributed app.users): returns p_user_id when the person exists (or NULL for NULL), else raises 23503 with constraint recipes_created_by_fkey and the foreign key''s own message. Writers of app.recipes.created_by pass the value through it. SECURITY DEFINER (app.owner_access on while it looks): executable by app_admin only, who reads every person anyway.';
revoke all on function app.recipe_author(uuid) from public;
grant execute on function app.recipe_author(uuid) to app_admin;
