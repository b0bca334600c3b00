--! Previous: sha1:3376feaab4fe0e16efd4ad57619b41a5961cde00
--! Hash: sha1:f04cf08ad02e50b955c236094d20899aa5489308
--! Message: appliances: drop the unique index idx_appliances_device_id (replaced by app.appliance_devices)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: a device id is unique among current pairings through app.appliance_devices since 000123.
drop index concurrently if exists app.idx_appliances_device_id;
