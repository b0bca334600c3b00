--! Previous: sha1:6b2b010450eb832edf4ae7f7f4d29b080b01a106
--! Hash: sha1:d14e9f51dec73e9490014959ab8998d0121e83e7
--! Message: partitions: retention (drop or detach whole old months)

-- Retention works on whole partitions only: a monthly partition is retired once all of it is older
-- than the cutoff (its upper bound <= now - retention), never a partition that still holds a row
-- younger than the cutoff, never the DEFAULT partition. Rows are not deleted one by one.
--
-- Locks: DROP TABLE and (non-concurrent) DETACH PARTITION take ACCESS EXCLUSIVE on the parent, so
-- ingestion waits until the transaction commits; app.maintain_partitions() runs retention last so
-- that window is only the drop/detach itself and the commit. DETACH ... CONCURRENTLY is not an
-- option: it cannot run in a transaction block (a function) nor while a DEFAULT partition exists.
--
-- A detached partition keeps its name, indexes, CHECK and foreign-key constraints (they become its
-- own; ON DELETE CASCADE from app.users still purges a person from it), row-level security and
-- policies; it gets the parent's column comments and a comment saying when and why it was detached.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app_private.apply_retention(p_parent regclass, p_now timestamptz) returns jsonb
  language plpgsql
  set search_path = ''
  set timezone = 'UTC'
as $$
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
comment on function app_private.apply_retention(regclass, timestamptz) is
  'Retention for a registered table at p_now: drops or detaches (per the registry) every monthly partition whose upper bound is at or before p_now - retention; never the DEFAULT partition, never a partition with a younger row. Each partition in its own subtransaction (lock timeouts retried twice). '
  'Returns {cutoff, dropped: [...], detached: [...], errors: [...]}; nothing without a retention.';
