--! Previous: sha1:a0444431ac0ea7b0ad826eaf2e6330088e2bbc4a
--! Hash: sha1:f8ea819d11aca730b503ff7151bd542dc6992cdd
--! Message: appliances: drop the unique index idx_appliances_serial_number (replaced by app.appliance_serials)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: a serial number is unique among current pairings through app.appliance_serials since 000123.
drop index concurrently if exists app.idx_appliances_serial_number;
