--! Previous: sha1:220d73be0db40f7cb96b4e0ae722195b769e1ec0
--! Hash: sha1:d84f95b2e82ffa09145a1740e49578acd832060b
--! Message: appliances: drop the unique index idx_appliances_serial_number (replaced by app.appliance_serials)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: a serial number is unique among current pairings through app.appliance_serials since 000123.
drop index concurrently if exists app.idx_appliances_serial_number;
