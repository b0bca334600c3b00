--! Previous: sha1:a1018c74f4cd39332516ceda606afde9b660ec02
--! Hash: sha1:a9cc01fcbdcf4308d3332d26e7648134b5e6042a
--! Message: appliances: drop the unique index idx_appliances_device_id (replaced by app.appliance_devices)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: a device id is unique among current pairings through app.appliance_devices since 000123.
drop index concurrently if exists app.idx_appliances_device_id;
