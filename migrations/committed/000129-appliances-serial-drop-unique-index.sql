--! Previous: sha1:d88825fdc2db73926cfa0bb65894937bb102efab
--! Hash: sha1:5fe6058a3b27758b30fa4795231c1d4948bfc115
--! Message: appliances: drop the unique index idx_appliances_serial_number (replaced by app.appliance_serials)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: a serial number is unique among current pairings through app.appliance_serials since 000123.
drop index concurrently if exists app.idx_appliances_serial_number;
