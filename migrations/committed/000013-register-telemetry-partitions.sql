--! Previous: sha1:12d4461e4b4d6f07a0f1899b9b939125971260d9
--! Hash: sha1:aa977d7080dba21a786ff33e1eceb2da629b3b5b
--! Message: partitions: register app.telemetry_events

-- app.telemetry_events (000009) is monthly-partitioned on recorded_at with a DEFAULT partition.
-- Policy: the current UTC month and 3 ahead exist at all times; a month is dropped once all of it
-- is older than 13 months (the current month plus a full year of history for the appliance's
-- cooking curves and diagnostics). Drop, not detach: telemetry is high-volume personal data, and a
-- retention period that only detaches would keep it forever (storage limitation, GDPR art. 5(1)(e)).
-- A DBA who wants to archive first switches to detach:
--   update app_private.partitioned_tables set retention_action = 'detach'
--   where parent_table = 'app.telemetry_events'::regclass;
set local lock_timeout = '5s';
set local statement_timeout = '60s';

select app_private.register_partitioned_table(
  p_parent           => 'app.telemetry_events',
  p_premake          => 3,
  p_retention        => interval '13 months',
  p_retention_action => 'drop',
  p_person_key       => 'user_id'
);
