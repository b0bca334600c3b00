--! Previous: sha1:b26320674f6c2865df36b79dd7ac4556b02d21db
--! Hash: sha1:481742a7b9d79ac537f30718a85ccc373d65a9e8
--! Message: appliances: drop the unique index idx_appliances_serial_number (replaced by app.appliance_serials)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: a serial number is unique among current pairings through app.appliance_serials since 000123.
drop index concurrently if exists app.idx_appliances_serial_number;
