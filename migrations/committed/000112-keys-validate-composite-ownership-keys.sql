--! Previous: sha1:9c0c2c0f7ea88c17d287f6c33d826ff6d40ee065
--! Hash: sha1:8ab273335c678dd826015f87fdbc6b57263c9935
--! Message: keys: validate the composite ownership keys re-created NOT VALID by 000111; telemetry's parent key adopts its partitions'

-- VALIDATE CONSTRAINT scans the referencing table under SHARE UPDATE EXCLUSIVE (reads and writes
-- go on) and takes ROW SHARE on the referenced one: it does not block the application. Every row
-- already satisfied the same rule under the old (id, user_id) form of these keys.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

alter table app.meal_foods validate constraint meal_foods_meal_log_id_user_id_fkey;
alter table app.messages validate constraint messages_conversation_id_user_id_fkey;
alter table app.cooking_sessions validate constraint cooking_sessions_appliance_id_user_id_fkey;

-- app.telemetry_events: validate each partition's key, then add the parent's. ADD FOREIGN KEY on a
-- partitioned table attaches an equivalent key that a partition already has instead of checking
-- the partition again, so this last step scans nothing. New partitions receive the parent's key
-- when maintenance attaches them (app_private.create_monthly_partition).
do $$
declare
  part regclass;
begin
  for part in
    select t.relid from pg_catalog.pg_partition_tree('app.telemetry_events') as t where t.isleaf order by 1
  loop
    execute pg_catalog.format('alter table %s validate constraint telemetry_events_appliance_id_user_id_fkey', part);
  end loop;
end
$$;

-- squawk-ignore adding-foreign-key-constraint, constraint-missing-not-valid
alter table app.telemetry_events add constraint telemetry_events_appliance_id_user_id_fkey
  foreign key (user_id, appliance_id) references app.appliances (user_id, id);

comment on constraint telemetry_events_appliance_id_user_id_fkey on app.telemetry_events is
  'Ownership: an event''s appliance must be the same person''s (composite key (user_id, appliance_id) -> appliances (user_id, id)), so a device cannot write into another person''s telemetry. user_id first, in the position of the distribution column on both sides (Citus co-location).';
