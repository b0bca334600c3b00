--! Previous: sha1:a7f40193dffcacb0423ba69b612bf2fa42078b2c
--! Hash: sha1:e3914d21eb0f64cb5b5840f3001196fe0da4d461
--! Message: appliances: drop the unique index idx_appliances_serial_number (replaced by app.appliance_serials)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: a serial number is unique among current pairings through app.appliance_serials since 000123.
drop index concurrently if exists app.idx_appliances_serial_number;
