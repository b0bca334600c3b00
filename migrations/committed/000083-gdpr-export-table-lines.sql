--! Previous: sha1:ddbfb1166657f6a440b11efbf68c8fa8a7249d89
--! Hash: sha1:825feeaa2a5354693d9848847d709af4b3f90fad
--! Message: gdpr: a whole table of a person's export as NDJSON lines, for a bulk COPY

-- Issue 15 (export speed). app.export_user_table pages (≤ 10,000 rows per call, a keyset query, a
-- JSON parse of the key and a string per row in Node) cost 26–29 s for a person with a million
-- telemetry events. app.export_user_table_lines returns one table of the export as the exact NDJSON
-- lines the export file holds ({"table":"app.x","row":{…}}), built by the server in storage order
-- (json, not jsonb, where no column is left out: no binary value built per row); the CLI and the job read it with
--   COPY (select line from app.export_user_table_lines($id, $table)) TO STDOUT (format csv, quote e'\x01')
-- and write the bytes as they arrive: no per-row work in Node, memory bounded by the stream (the
-- server materialises the function's result in a tuplestore, which spills to a temporary file beyond
-- work_mem). CSV with a quote character that JSON text never contains passes each line through
-- untouched (jsonb's text has no raw newline or control character; COPY's text format would double
-- every backslash). Same rules as app.export_user_table: the table must be one of the catalog's
-- (nothing caller-supplied reaches dynamic SQL), credentials are left out, audited (export_page).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app.export_user_table_lines(p_user_id uuid, p_table text) returns setof text
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
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
  perform pg_catalog.set_config('app.owner_access', coalesce(v_prev, ''), true);
end
$$;
comment on function app.export_user_table_lines(uuid, text) is
  'Compliance: every row of one table of the person''s export as the NDJSON line of the export file, {"table": p_table, "row": {…}} (credentials left out), in storage order (each row carries its primary key); p_table is a name from the manifest (anything else is refused). '
  'Meant for COPY (select … from app.export_user_table_lines(…)) TO STDOUT (format csv, quote e''\x01''), which streams it; run every table in one REPEATABLE READ transaction for a consistent export. Audited (action export_page, whole_table true, one row per table).';

revoke all on function app.export_user_table_lines(uuid, text) from public;
grant execute on function app.export_user_table_lines(uuid, text) to app_compliance;
