--! Previous: sha1:32cef5b781148169f2407c424d60433ed982bc43
--! Hash: sha1:a1018c74f4cd39332516ceda606afde9b660ec02
--! Message: appliances: a non-unique index on the current pairings' device ids (uniqueness lives in app.appliance_devices)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: the partial unique index idx_appliances_device_id cannot exist on Citus (it lacks
-- user_id). The heartbeat and the cooking-log upload still find a device's current pairing by
-- device id: the same partial index, not unique, under a temporary name until 000130.
create index concurrently if not exists idx_appliances_device_id_lookup on app.appliances (device_id) where unpaired_at is null;
