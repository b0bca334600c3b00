--! Previous: sha1:9a8e5d0ad80651d9c43cd83ea8360aacf69bdb88
--! Hash: sha1:48f16e488218bb815baef3a7ea2f5052dadce8ae
--! Message: gdpr: validate the deletion-request check

-- VALIDATE CONSTRAINT scans app.users under SHARE UPDATE EXCLUSIVE: reads and writes go on.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

alter table app.users validate constraint users_deletion_request_check;
