--! Previous: sha1:1b3d4bf159cdb6104b0bce56ce0a45f855a7dffc
--! Hash: sha1:b26320674f6c2865df36b79dd7ac4556b02d21db
--! Message: appliances: a non-unique index on the current pairings' serial numbers (uniqueness lives in app.appliance_serials)

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so the index is built / dropped CONCURRENTLY without blocking writes; lock and statement
--   timeouts would have to be separate statements.
-- Issue 17: the partial unique index idx_appliances_serial_number cannot exist on Citus (it lacks
-- user_id). The same partial index, not unique, under a temporary name until 000130.
create index concurrently if not exists idx_appliances_serial_number_lookup on app.appliances (serial_number) where unpaired_at is null;
