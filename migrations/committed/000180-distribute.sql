--! Previous: sha1:6883259cfa8663d7d01e2021b3a559a7b897c447
--! Hash: sha1:f17221a21e358d92171073de5791858ab0a63990
--! Message: app_private.distribute(): the Citus distribution step (reference, person and lookup tables), a no-op without Citus

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- docs/scale-out.md ("The distribution plan"). One schema runs on every engine; only the Citus calls
-- differ, and they live here, in one idempotent function that the DBA runs once on a cluster
-- (`kitchen-db distribute`) and the Citus test harness runs after migrating. Without the citus
-- extension it does nothing. It is catalog-driven so that a new person table needs no change here:
--   - reference tables (a copy on every node): the fixed list below, where it exists;
--   - app.users distributed by id, the root of the one co-location group;
--   - every other table of schema app with a user_id column and a primary key containing it:
--     distributed by user_id, co-located with app.users, parents before children;
--   - every table of schema app with a user_id column whose primary key is one column other than
--     user_id and id (the
--     lookup tables that keep global rules, e.g. one e-mail per person): distributed by that key,
--     not co-located (colocate_with 'none'), so the key's own shard enforces its uniqueness;
--   - everything else (pgboss, app_private, graphile_migrate, the rest of auth) stays on the
--     coordinator; Citus itself turns auth tables that reference auth."user" into Citus local tables.
-- Foreign keys between the tables it converts are dropped first and added again at the end (Citus
-- checks each key at each step, and a key between a local and a reference table converts the whole
-- foreign-key graph) — except a lookup table's key to app.users, which Citus cannot keep (not
-- co-located) and which stays dropped (reported) —, and the tables' own triggers are disabled while Citus copies existing rows
-- into the shards: copying is not a change, so it must not enqueue jobs or re-stamp rows.
-- Everything happens in the caller's transaction: all or nothing. The Citus calls are dynamic SQL built
-- with format() so that the body compiles on a server without Citus and plpgsql_check (which checks
-- EXECUTE of a constant string) does not look for Citus's catalog there.
create function app_private.distribute() returns jsonb
  language plpgsql
  set search_path = pg_catalog, pg_temp
as $$
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
$$;

comment on function app_private.distribute() is
  'Citus only (a no-op returning {"citus": false} elsewhere): makes the shared tables reference tables, distributes app.users by id and every person table of schema app by user_id co-located with it (parents first), and lookup tables by their own key; idempotent (skips what pg_dist_partition holds). Run by the tables'' owner or a superuser: `kitchen-db distribute` (docs/scale-out.md).';
revoke execute on function app_private.distribute() from public;
