--! Previous: sha1:acd35ad4a9d6ced09075eb8797f583aff104a3e0
--! Hash: sha1:9c0c2c0f7ea88c17d287f6c33d826ff6d40ee065
--! Message: keys: primary keys of person tables are (user_id, id); composite ownership keys re-created as (user_id, x_id) -> (user_id, id)

-- Issue 17 (Citus): every PRIMARY KEY / UNIQUE of a table distributed by user_id must contain
-- user_id ("Distributed relations cannot have UNIQUE, EXCLUDE, or PRIMARY KEY constraints that do
-- not include the partition column", docs/scale-out.md section 2). Valid on every engine, so it is
-- an ordinary migration; "id is unique" becomes "(user_id, id) is unique" (ids are random UUIDs; a
-- device-chosen cooking-session id stays idempotent per person).
--
-- Live-safety: the unique indexes (user_id, id) were built concurrently by 000100-000109, so each
-- primary key below is swapped in with ADD PRIMARY KEY USING INDEX (catalog only: the columns are
-- already NOT NULL, nothing is scanned or built). The redundant UNIQUE (id, user_id) constraints,
-- whose only purpose was to be the target of the composite ownership keys, go. The composite
-- foreign keys are re-created NOT VALID (a brief SHARE ROW EXCLUSIVE lock, no scan; new rows are
-- checked at once) and validated by 000112, which does not block writes. They keep their names,
-- which error mapping and callers know (src/db/errors.ts), with user_id first so that Citus sees
-- the distribution column in the same position on both sides.
--
-- app.telemetry_events (partitioned) is done partition by partition below, see there.
-- app.embeddings keeps its primary key (id) for now: its knowledge rows have user_id NULL until
-- they move to a table of their own (a separate change of issue 17 makes user_id NOT NULL there).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- 1. The composite foreign keys depend on the (id, user_id) unique indexes: drop them first.
alter table app.meal_foods drop constraint meal_foods_meal_log_id_user_id_fkey;
alter table app.messages drop constraint messages_conversation_id_user_id_fkey;
alter table app.cooking_sessions drop constraint cooking_sessions_appliance_id_user_id_fkey;
alter table app.telemetry_events drop constraint telemetry_events_appliance_id_user_id_fkey;

-- 2. Primary keys (user_id, id), from the indexes built concurrently (renamed to <table>_pkey).
-- squawk-ignore disallowed-unique-constraint
alter table app.meal_logs
  drop constraint meal_logs_id_user_id_key,
  drop constraint meal_logs_pkey,
  add constraint meal_logs_pkey primary key using index meal_logs_user_id_id_key;
-- squawk-ignore disallowed-unique-constraint
alter table app.conversations
  drop constraint conversations_id_user_id_key,
  drop constraint conversations_pkey,
  add constraint conversations_pkey primary key using index conversations_user_id_id_key;
-- squawk-ignore disallowed-unique-constraint
alter table app.appliances
  drop constraint appliances_id_user_id_key,
  drop constraint appliances_pkey,
  add constraint appliances_pkey primary key using index appliances_user_id_id_key;
-- squawk-ignore disallowed-unique-constraint
alter table app.cooking_sessions
  drop constraint cooking_sessions_id_user_id_key,
  drop constraint cooking_sessions_pkey,
  add constraint cooking_sessions_pkey primary key using index cooking_sessions_user_id_id_key;
-- squawk-ignore disallowed-unique-constraint
alter table app.meal_foods
  drop constraint meal_foods_pkey,
  add constraint meal_foods_pkey primary key using index meal_foods_user_id_id_key;
-- squawk-ignore disallowed-unique-constraint
alter table app.messages
  drop constraint messages_pkey,
  add constraint messages_pkey primary key using index messages_user_id_id_key;
-- squawk-ignore disallowed-unique-constraint
alter table app.api_usage
  drop constraint api_usage_pkey,
  add constraint api_usage_pkey primary key using index api_usage_user_id_id_key;
-- squawk-ignore disallowed-unique-constraint
alter table app.user_goals
  drop constraint user_goals_pkey,
  add constraint user_goals_pkey primary key using index user_goals_user_id_id_key;
-- squawk-ignore disallowed-unique-constraint
alter table app.user_preferences
  drop constraint user_preferences_pkey,
  add constraint user_preferences_pkey primary key using index user_preferences_user_id_id_key;
-- squawk-ignore disallowed-unique-constraint
alter table app.push_tokens
  drop constraint push_tokens_pkey,
  add constraint push_tokens_pkey primary key using index push_tokens_user_id_id_key;

-- 3. app.telemetry_events: primary key (user_id, id, recorded_at) (the partition key must stay in
-- it). PostgreSQL refuses ADD CONSTRAINT ... USING INDEX on a partitioned table, and a unique index
-- made ON ONLY the parent and attached partition by partition can be a unique index but never the
-- primary key, which the GDPR export pages by. What PostgreSQL does instead: ADD PRIMARY KEY on
-- the parent adopts, on each partition, an unattached index of the same definition that already
-- backs a primary key of that partition. So each partition's primary key is swapped first (as for
-- the plain tables above), then the parent's key is added and adopts them without building.
-- The partitions are whatever maintenance has created so far (a different set on every database),
-- and a no-transaction migration holds exactly one statement, so the per-partition indexes cannot
-- be built concurrently from a committed migration. Below, a partition's index is built in this
-- transaction unless an equivalent valid one exists; on a big database a DBA builds them first,
-- concurrently, without blocking ingest (docs/scale-out.md, "Key changes per table"):
--   select pg_catalog.format('create unique index concurrently if not exists %I on %s (user_id, id, recorded_at)',
--                            c.relname || '_user_id_id_recorded_at_key', c.oid::regclass)
--   from pg_catalog.pg_partition_tree('app.telemetry_events') as t join pg_catalog.pg_class as c on c.oid = t.relid
--   where t.isleaf \gexec
do $$
declare
  part record;
  idx regclass;
begin
  alter table app.telemetry_events drop constraint telemetry_events_pkey;  -- and its clones on the partitions
  for part in
    select c.oid::regclass as rel, c.relname as name
    from pg_catalog.pg_partition_tree('app.telemetry_events') as t
    join pg_catalog.pg_class as c on c.oid = t.relid
    where t.isleaf
    order by c.relname
  loop
    select i.indexrelid::regclass into idx
    from pg_catalog.pg_index as i
    where i.indrelid = part.rel and i.indisunique and i.indisvalid and i.indpred is null and i.indexprs is null
      and i.indkey::int2[] = array(select a.attnum from pg_catalog.unnest(array['user_id', 'id', 'recorded_at']::name[]) with ordinality as k (col, n)
                                   join pg_catalog.pg_attribute as a on a.attrelid = part.rel and a.attname = k.col order by k.n)::int2[]
      and not exists (select from pg_catalog.pg_inherits as h where h.inhrelid = i.indexrelid)
    limit 1;
    if idx is null then
      execute pg_catalog.format('create unique index %I on %s (user_id, id, recorded_at)', part.name || '_user_id_id_recorded_at_key', part.rel);
      idx := pg_catalog.format('app.%I', part.name || '_user_id_id_recorded_at_key')::regclass;
    end if;
    execute pg_catalog.format('alter table %s add constraint %I primary key using index %I', part.rel, part.name || '_pkey',
                              (select relname from pg_catalog.pg_class where oid = idx));
  end loop;
  alter table app.telemetry_events add constraint telemetry_events_pkey primary key (user_id, id, recorded_at);
end
$$;

-- 4. The composite ownership keys again, (user_id, x_id) -> (user_id, id), NOT VALID (000112 validates).
alter table app.meal_foods add constraint meal_foods_meal_log_id_user_id_fkey
  foreign key (user_id, meal_log_id) references app.meal_logs (user_id, id) on delete cascade not valid;
alter table app.messages add constraint messages_conversation_id_user_id_fkey
  foreign key (user_id, conversation_id) references app.conversations (user_id, id) on delete cascade not valid;
alter table app.cooking_sessions add constraint cooking_sessions_appliance_id_user_id_fkey
  foreign key (user_id, appliance_id) references app.appliances (user_id, id) not valid;
-- A partitioned table takes no NOT VALID foreign key before PostgreSQL 18: each partition gets
-- its own (NOT VALID); 000112 validates them and adds the parent's key, which adopts them.
do $$
declare
  part regclass;
begin
  for part in
    select t.relid from pg_catalog.pg_partition_tree('app.telemetry_events') as t where t.isleaf order by 1
  loop
    execute pg_catalog.format(
      'alter table %s add constraint telemetry_events_appliance_id_user_id_fkey foreign key (user_id, appliance_id) references app.appliances (user_id, id) not valid',
      part);
  end loop;
end
$$;

comment on constraint meal_foods_meal_log_id_user_id_fkey on app.meal_foods is
  'Composite ownership key (user_id, meal_log_id) -> meal_logs (user_id, id): a food belongs to a meal log of the same person. ON DELETE CASCADE. user_id first, in the position of the distribution column on both sides (Citus co-location).';
comment on constraint messages_conversation_id_user_id_fkey on app.messages is
  'Composite ownership key (user_id, conversation_id) -> conversations (user_id, id): a message belongs to a conversation of the same person. ON DELETE CASCADE. user_id first, in the position of the distribution column on both sides (Citus co-location).';
comment on constraint cooking_sessions_appliance_id_user_id_fkey on app.cooking_sessions is
  'Composite ownership key (user_id, appliance_id) -> appliances (user_id, id): a session is filed under a pairing of the same person, so history never changes hands. No ON DELETE action: pairings are deleted only with the person. user_id first (Citus co-location).';
