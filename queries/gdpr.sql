/* @name FindUser */
SELECT f.user_id AS "userId!", f.email AS "email!", f.name AS "name!", f.is_active AS "isActive!", f.created_at AS "createdAt!"
FROM app.gdpr_find_user(:key!) AS f;

/* @name FindPerson */
SELECT f.user_id AS "userId!", f.email AS "email!", f.name AS "name!", f.is_active AS "isActive!", f.created_at AS "createdAt!"
FROM app.gdpr_find_person(:kind!, :key!) AS f;

/* @name UserSummary */
SELECT app.gdpr_user_summary(:userId!, :purpose!) AS "manifest!";

/* @name ExportUserData */
SELECT app.export_user_data(:userId!) AS "export!";

/* @name ExportUserTable */
SELECT p.row_key AS "rowKey!", p.row_data AS "rowData!"
FROM app.export_user_table(:userId!, :table!, :after, :limit!) AS p;

/* @name ExportUserTableText */
SELECT p.row_key::text AS "rowKey!", p.row_data::text AS "rowJson!"
FROM app.export_user_table(:userId!, :table!, :after, :limit!) AS p;

/* @name PurgeUser */
SELECT app.purge_user(:userId!) AS "result!";

/* @name PendingDeletions */
SELECT d.user_id AS "userId!", d.email AS "email!", d.deletion_requested_at AS "requestedAt!",
       d.deletion_due_at AS "dueAt!", d.is_due AS "isDue!"
FROM app.gdpr_pending_deletions() AS d;

/* @name AuditLog */
SELECT a.id::text AS "id!", a.occurred_at AS "occurredAt!", a.action AS "action!", a.subject AS "subject!",
       a.session_role AS "sessionRole!", a.acting_role AS "actingRole!", a.xact_id::text AS "xactId!", a.detail AS "detail!"
FROM app.gdpr_audit_log(:limit!, :userId, :before) AS a;

/* @name RequestAccountDeletion */
SELECT r.deletion_requested_at AS "requestedAt!", r.deletion_due_at AS "dueAt!"
FROM app.request_account_deletion() AS r;

/* @name CancelAccountDeletion */
SELECT app.cancel_account_deletion() AS "cancelled!";

/* @name PurgeDueAccounts */
SELECT app.purge_due_accounts(:limit!) AS "result!";

/* @name ExportFileBegin */
SELECT app.gdpr_export_file_begin(:userId!, :path!, :writtenBy!, :host!)::text AS "id!";

/* @name ExportFileWritten */
SELECT app.gdpr_export_file_written(:id!::bigint, :bytes!::bigint, :sha256!) AS "ok!";

/* @name ExportFileFailed */
SELECT app.gdpr_export_file_failed(:id!::bigint)::text AS "done";

/* @name ExportFilesToDelete */
SELECT f.id::text AS "id!", f.path AS "path!", f.written_by AS "writtenBy!", f.state_before AS "stateBefore!",
       f.bytes::text AS "bytes", f.sha256 AS "sha256", f.delete_reason AS "deleteReason!"
FROM app.gdpr_export_files_to_delete(:host!, :limit!) AS f;

/* @name ExportFileDeleted */
SELECT app.gdpr_export_file_deleted(:id!::bigint, :error) AS "ok!";

/* @name ExportFilesExpire */
SELECT app.gdpr_export_files_expire(make_interval(days => :days!::int)) AS "expired!";

/* @name ExportFileLog */
SELECT f.id::text AS "id!", f.subject AS "subject!", f.written_by AS "writtenBy!", f.host AS "host!", f.path AS "path",
       f.state AS "state!", f.started_at AS "startedAt!", f.written_at AS "writtenAt", f.bytes::text AS "bytes",
       f.delete_reason AS "deleteReason", f.delete_requested_at AS "deleteRequestedAt", f.deleted_at AS "deletedAt",
       f.delete_attempts AS "deleteAttempts!", f.last_error AS "lastError"
FROM app.gdpr_export_file_log(:limit!, :userId) AS f;

/* @name ExportTableParts */
select p.table_name as "table!", p.part as "part!"
from app.export_user_table_parts() as p;
