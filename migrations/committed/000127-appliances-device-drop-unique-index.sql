--! Previous: sha1:454ea4410657e2cbb7d3de1fc70b7480db1d0a9c
--! Hash: sha1:1b3d4bf159cdb6104b0bce56ce0a45f855a7dffc
--! Message: appliances: drop the unique index idx_appliances_device_id (replaced by app.appliance_devices)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: a device id is unique among current pairings through app.appliance_devices since 000123.
drop index concurrently if exists app.idx_appliances_device_id;
