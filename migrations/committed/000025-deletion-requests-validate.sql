--! Previous: sha1:dd2c6b090c5d3fd6151a1f14e4304f76008dad05
--! Hash: sha1:2cd589f164255c412e6e0ce346646c354b4e3eac
--! Message: gdpr: validate the deletion-request check

-- VALIDATE CONSTRAINT scans app.users under SHARE UPDATE EXCLUSIVE: reads and writes go on.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

alter table app.users validate constraint users_deletion_request_check;
