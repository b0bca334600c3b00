--! Previous: sha1:dd270b4f5874a7c0f5fb28cbdccd00ef0da4a959
--! Hash: sha1:e2426e5466cab65c31d5b953ca88d6aa26ab5b8b
--! Message: gdpr: validate the deletion-request check

-- VALIDATE CONSTRAINT scans app.users under SHARE UPDATE EXCLUSIVE: reads and writes go on.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

alter table app.users validate constraint users_deletion_request_check;
