--! Previous: sha1:88c3dae0e0e0507ac7dc3b8377ea54af3f8924cb
--! Hash: sha1:18f9162e79e6fb2da86a78260ff88264014decbf
--! Message: appliances: drop the unique index idx_appliances_device_id (replaced by app.appliance_devices)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: a device id is unique among current pairings through app.appliance_devices since 000123.
drop index concurrently if exists app.idx_appliances_device_id;
