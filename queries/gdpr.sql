/* @name FindUser */
SELECT f.user_id AS "userId!", f.email AS "email!", f.name AS "name!", f.is_active AS "isActive!", f.created_at AS "createdAt!"
FROM app.gdpr_find_user(:key!) AS f;

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
