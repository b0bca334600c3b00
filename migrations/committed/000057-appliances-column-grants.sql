--! Previous: sha1:6549a629693c3408813a098d2e4a82487bd8deaa
--! Hash: sha1:09156fd5c55f8530dfbeab5587fa79903d50d372
--! Message: appliances: app_user updates only the columns the access layer writes; no INSERT (pairing is app.pair_appliance)

set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- A person changes their appliance rows only through narrow paths: pairing is
-- app.pair_appliance() (SECURITY DEFINER, proof of possession, 000041), unpairing sets
-- unpaired_at, the heartbeat sets what the device reports. Table-wide INSERT and UPDATE (000011)
-- let app_user rewrite device_id or serial_number of a current pairing, that is take over another
-- device without its pairing code, or re-date paired_at. Row-level security cannot say which
-- columns may change; column privileges can.
revoke insert, update on app.appliances from app_user;
grant update (name, status, last_seen_at, firmware_version_cm5, firmware_version_stm32, pairing_code, wifi_mac, unpaired_at)
  on app.appliances to app_user;
