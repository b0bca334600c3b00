--! Previous: sha1:103861f3bdbefa5e05db03ac48ac3be909a66c98
--! Hash: sha1:ac1082592bc6d2d603f2b86f1e2a0ea5cf4d267b
--! Message: gdpr: validate the deletion-request check

-- VALIDATE CONSTRAINT scans app.users under SHARE UPDATE EXCLUSIVE: reads and writes go on.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

alter table app.users validate constraint users_deletion_request_check;
