--! Previous: sha1:88f053e43b76e389bc888fe4e1e0481a0571974b
--! Hash: sha1:4009a3802df744a0d712b873f3e197c7505c1329
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
