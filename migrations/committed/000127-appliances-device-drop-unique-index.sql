--! Previous: sha1:6bf60fa2c1a0081f73726b987da762b625e24ed3
--! Hash: sha1:f25902757922a4ef187cf93b09a24ad272039b6c
--! Message: appliances: drop the unique index idx_appliances_device_id (replaced by app.appliance_devices)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: a device id is unique among current pairings through app.appliance_devices since 000123.
drop index concurrently if exists app.idx_appliances_device_id;
