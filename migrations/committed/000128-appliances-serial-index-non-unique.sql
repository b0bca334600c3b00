--! Previous: sha1:a9cc01fcbdcf4308d3332d26e7648134b5e6042a
--! Hash: sha1:220d73be0db40f7cb96b4e0ae722195b769e1ec0
--! Message: appliances: a non-unique index on the current pairings' serial numbers (uniqueness lives in app.appliance_serials)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: the partial unique index idx_appliances_serial_number cannot exist on Citus (it lacks
-- user_id). The same partial index, not unique, under a temporary name until 000130.
create index concurrently if not exists idx_appliances_serial_number_lookup on app.appliances (serial_number) where unpaired_at is null;
