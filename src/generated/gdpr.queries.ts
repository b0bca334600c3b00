/** Types generated for queries found in "queries/gdpr.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type NumberOrString = number | string;

/** 'FindUser' parameters type */
export interface IFindUserParams {
  key: string;
}

/** 'FindUser' return type */
export interface IFindUserResult {
  createdAt: Date;
  email: string;
  isActive: boolean;
  name: string;
  userId: string;
}

/** 'FindUser' query type */
export interface IFindUserQuery {
  params: IFindUserParams;
  result: IFindUserResult;
}

const findUserIR: any = {"usedParamSet":{"key":true},"params":[{"name":"key","required":true,"transform":{"type":"scalar"},"locs":[{"a":152,"b":156}]}],"statement":"SELECT f.user_id AS \"userId!\", f.email AS \"email!\", f.name AS \"name!\", f.is_active AS \"isActive!\", f.created_at AS \"createdAt!\"\nFROM app.gdpr_find_user(:key!) AS f"};

/**
 * Query generated from SQL:
 * ```
 * SELECT f.user_id AS "userId!", f.email AS "email!", f.name AS "name!", f.is_active AS "isActive!", f.created_at AS "createdAt!"
 * FROM app.gdpr_find_user(:key!) AS f
 * ```
 */
export const findUser = new PreparedQuery<IFindUserParams,IFindUserResult>(findUserIR);


/** 'FindPerson' parameters type */
export interface IFindPersonParams {
  key: string;
  kind: string;
}

/** 'FindPerson' return type */
export interface IFindPersonResult {
  createdAt: Date;
  email: string;
  isActive: boolean;
  name: string;
  userId: string;
}

/** 'FindPerson' query type */
export interface IFindPersonQuery {
  params: IFindPersonParams;
  result: IFindPersonResult;
}

const findPersonIR: any = {"usedParamSet":{"kind":true,"key":true},"params":[{"name":"kind","required":true,"transform":{"type":"scalar"},"locs":[{"a":154,"b":159}]},{"name":"key","required":true,"transform":{"type":"scalar"},"locs":[{"a":162,"b":166}]}],"statement":"SELECT f.user_id AS \"userId!\", f.email AS \"email!\", f.name AS \"name!\", f.is_active AS \"isActive!\", f.created_at AS \"createdAt!\"\nFROM app.gdpr_find_person(:kind!, :key!) AS f"};

/**
 * Query generated from SQL:
 * ```
 * SELECT f.user_id AS "userId!", f.email AS "email!", f.name AS "name!", f.is_active AS "isActive!", f.created_at AS "createdAt!"
 * FROM app.gdpr_find_person(:kind!, :key!) AS f
 * ```
 */
export const findPerson = new PreparedQuery<IFindPersonParams,IFindPersonResult>(findPersonIR);


/** 'UserSummary' parameters type */
export interface IUserSummaryParams {
  purpose: string;
  userId: string;
}

/** 'UserSummary' return type */
export interface IUserSummaryResult {
  manifest: Json;
}

/** 'UserSummary' query type */
export interface IUserSummaryQuery {
  params: IUserSummaryParams;
  result: IUserSummaryResult;
}

const userSummaryIR: any = {"usedParamSet":{"userId":true,"purpose":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":29,"b":36}]},{"name":"purpose","required":true,"transform":{"type":"scalar"},"locs":[{"a":39,"b":47}]}],"statement":"SELECT app.gdpr_user_summary(:userId!, :purpose!) AS \"manifest!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT app.gdpr_user_summary(:userId!, :purpose!) AS "manifest!"
 * ```
 */
export const userSummary = new PreparedQuery<IUserSummaryParams,IUserSummaryResult>(userSummaryIR);


/** 'ExportUserData' parameters type */
export interface IExportUserDataParams {
  userId: string;
}

/** 'ExportUserData' return type */
export interface IExportUserDataResult {
  export: Json;
}

/** 'ExportUserData' query type */
export interface IExportUserDataQuery {
  params: IExportUserDataParams;
  result: IExportUserDataResult;
}

const exportUserDataIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":28,"b":35}]}],"statement":"SELECT app.export_user_data(:userId!) AS \"export!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT app.export_user_data(:userId!) AS "export!"
 * ```
 */
export const exportUserData = new PreparedQuery<IExportUserDataParams,IExportUserDataResult>(exportUserDataIR);


/** 'ExportUserTable' parameters type */
export interface IExportUserTableParams {
  after?: Json | null | void;
  limit: number;
  table: string;
  userId: string;
}

/** 'ExportUserTable' return type */
export interface IExportUserTableResult {
  rowData: Json;
  rowKey: Json;
}

/** 'ExportUserTable' query type */
export interface IExportUserTableQuery {
  params: IExportUserTableParams;
  result: IExportUserTableResult;
}

const exportUserTableIR: any = {"usedParamSet":{"userId":true,"table":true,"after":true,"limit":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":83,"b":90}]},{"name":"table","required":true,"transform":{"type":"scalar"},"locs":[{"a":93,"b":99}]},{"name":"after","required":false,"transform":{"type":"scalar"},"locs":[{"a":102,"b":107}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":110,"b":116}]}],"statement":"SELECT p.row_key AS \"rowKey!\", p.row_data AS \"rowData!\"\nFROM app.export_user_table(:userId!, :table!, :after, :limit!) AS p"};

/**
 * Query generated from SQL:
 * ```
 * SELECT p.row_key AS "rowKey!", p.row_data AS "rowData!"
 * FROM app.export_user_table(:userId!, :table!, :after, :limit!) AS p
 * ```
 */
export const exportUserTable = new PreparedQuery<IExportUserTableParams,IExportUserTableResult>(exportUserTableIR);


/** 'ExportUserTableText' parameters type */
export interface IExportUserTableTextParams {
  after?: Json | null | void;
  limit: number;
  table: string;
  userId: string;
}

/** 'ExportUserTableText' return type */
export interface IExportUserTableTextResult {
  rowJson: string;
  rowKey: string;
}

/** 'ExportUserTableText' query type */
export interface IExportUserTableTextQuery {
  params: IExportUserTableTextParams;
  result: IExportUserTableTextResult;
}

const exportUserTableTextIR: any = {"usedParamSet":{"userId":true,"table":true,"after":true,"limit":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":95,"b":102}]},{"name":"table","required":true,"transform":{"type":"scalar"},"locs":[{"a":105,"b":111}]},{"name":"after","required":false,"transform":{"type":"scalar"},"locs":[{"a":114,"b":119}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":122,"b":128}]}],"statement":"SELECT p.row_key::text AS \"rowKey!\", p.row_data::text AS \"rowJson!\"\nFROM app.export_user_table(:userId!, :table!, :after, :limit!) AS p"};

/**
 * Query generated from SQL:
 * ```
 * SELECT p.row_key::text AS "rowKey!", p.row_data::text AS "rowJson!"
 * FROM app.export_user_table(:userId!, :table!, :after, :limit!) AS p
 * ```
 */
export const exportUserTableText = new PreparedQuery<IExportUserTableTextParams,IExportUserTableTextResult>(exportUserTableTextIR);


/** 'PurgeUser' parameters type */
export interface IPurgeUserParams {
  userId: string;
}

/** 'PurgeUser' return type */
export interface IPurgeUserResult {
  result: Json;
}

/** 'PurgeUser' query type */
export interface IPurgeUserQuery {
  params: IPurgeUserParams;
  result: IPurgeUserResult;
}

const purgeUserIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":22,"b":29}]}],"statement":"SELECT app.purge_user(:userId!) AS \"result!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT app.purge_user(:userId!) AS "result!"
 * ```
 */
export const purgeUser = new PreparedQuery<IPurgeUserParams,IPurgeUserResult>(purgeUserIR);


/** 'PendingDeletions' parameters type */
export type IPendingDeletionsParams = void;

/** 'PendingDeletions' return type */
export interface IPendingDeletionsResult {
  dueAt: Date;
  email: string;
  isDue: boolean;
  requestedAt: Date;
  userId: string;
}

/** 'PendingDeletions' query type */
export interface IPendingDeletionsQuery {
  params: IPendingDeletionsParams;
  result: IPendingDeletionsResult;
}

const pendingDeletionsIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT d.user_id AS \"userId!\", d.email AS \"email!\", d.deletion_requested_at AS \"requestedAt!\",\n       d.deletion_due_at AS \"dueAt!\", d.is_due AS \"isDue!\"\nFROM app.gdpr_pending_deletions() AS d"};

/**
 * Query generated from SQL:
 * ```
 * SELECT d.user_id AS "userId!", d.email AS "email!", d.deletion_requested_at AS "requestedAt!",
 *        d.deletion_due_at AS "dueAt!", d.is_due AS "isDue!"
 * FROM app.gdpr_pending_deletions() AS d
 * ```
 */
export const pendingDeletions = new PreparedQuery<IPendingDeletionsParams,IPendingDeletionsResult>(pendingDeletionsIR);


/** 'AuditLog' parameters type */
export interface IAuditLogParams {
  before?: NumberOrString | null | void;
  limit: number;
  userId?: string | null | void;
}

/** 'AuditLog' return type */
export interface IAuditLogResult {
  actingRole: string;
  action: string;
  detail: Json;
  id: string;
  occurredAt: Date;
  sessionRole: string;
  subject: string;
  xactId: string;
}

/** 'AuditLog' query type */
export interface IAuditLogQuery {
  params: IAuditLogParams;
  result: IAuditLogResult;
}

const auditLogIR: any = {"usedParamSet":{"limit":true,"userId":true,"before":true},"params":[{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":257,"b":263}]},{"name":"userId","required":false,"transform":{"type":"scalar"},"locs":[{"a":266,"b":272}]},{"name":"before","required":false,"transform":{"type":"scalar"},"locs":[{"a":275,"b":281}]}],"statement":"SELECT a.id::text AS \"id!\", a.occurred_at AS \"occurredAt!\", a.action AS \"action!\", a.subject AS \"subject!\",\n       a.session_role AS \"sessionRole!\", a.acting_role AS \"actingRole!\", a.xact_id::text AS \"xactId!\", a.detail AS \"detail!\"\nFROM app.gdpr_audit_log(:limit!, :userId, :before) AS a"};

/**
 * Query generated from SQL:
 * ```
 * SELECT a.id::text AS "id!", a.occurred_at AS "occurredAt!", a.action AS "action!", a.subject AS "subject!",
 *        a.session_role AS "sessionRole!", a.acting_role AS "actingRole!", a.xact_id::text AS "xactId!", a.detail AS "detail!"
 * FROM app.gdpr_audit_log(:limit!, :userId, :before) AS a
 * ```
 */
export const auditLog = new PreparedQuery<IAuditLogParams,IAuditLogResult>(auditLogIR);


/** 'RequestAccountDeletion' parameters type */
export type IRequestAccountDeletionParams = void;

/** 'RequestAccountDeletion' return type */
export interface IRequestAccountDeletionResult {
  dueAt: Date;
  requestedAt: Date;
}

/** 'RequestAccountDeletion' query type */
export interface IRequestAccountDeletionQuery {
  params: IRequestAccountDeletionParams;
  result: IRequestAccountDeletionResult;
}

const requestAccountDeletionIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT r.deletion_requested_at AS \"requestedAt!\", r.deletion_due_at AS \"dueAt!\"\nFROM app.request_account_deletion() AS r"};

/**
 * Query generated from SQL:
 * ```
 * SELECT r.deletion_requested_at AS "requestedAt!", r.deletion_due_at AS "dueAt!"
 * FROM app.request_account_deletion() AS r
 * ```
 */
export const requestAccountDeletion = new PreparedQuery<IRequestAccountDeletionParams,IRequestAccountDeletionResult>(requestAccountDeletionIR);


/** 'CancelAccountDeletion' parameters type */
export type ICancelAccountDeletionParams = void;

/** 'CancelAccountDeletion' return type */
export interface ICancelAccountDeletionResult {
  cancelled: boolean;
}

/** 'CancelAccountDeletion' query type */
export interface ICancelAccountDeletionQuery {
  params: ICancelAccountDeletionParams;
  result: ICancelAccountDeletionResult;
}

const cancelAccountDeletionIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT app.cancel_account_deletion() AS \"cancelled!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT app.cancel_account_deletion() AS "cancelled!"
 * ```
 */
export const cancelAccountDeletion = new PreparedQuery<ICancelAccountDeletionParams,ICancelAccountDeletionResult>(cancelAccountDeletionIR);


/** 'PurgeDueAccounts' parameters type */
export interface IPurgeDueAccountsParams {
  limit: number;
}

/** 'PurgeDueAccounts' return type */
export interface IPurgeDueAccountsResult {
  result: Json;
}

/** 'PurgeDueAccounts' query type */
export interface IPurgeDueAccountsQuery {
  params: IPurgeDueAccountsParams;
  result: IPurgeDueAccountsResult;
}

const purgeDueAccountsIR: any = {"usedParamSet":{"limit":true},"params":[{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":30,"b":36}]}],"statement":"SELECT app.purge_due_accounts(:limit!) AS \"result!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT app.purge_due_accounts(:limit!) AS "result!"
 * ```
 */
export const purgeDueAccounts = new PreparedQuery<IPurgeDueAccountsParams,IPurgeDueAccountsResult>(purgeDueAccountsIR);


/** 'ExportFileBegin' parameters type */
export interface IExportFileBeginParams {
  host: string;
  path: string;
  userId: string;
  writtenBy: string;
}

/** 'ExportFileBegin' return type */
export interface IExportFileBeginResult {
  id: string;
}

/** 'ExportFileBegin' query type */
export interface IExportFileBeginQuery {
  params: IExportFileBeginParams;
  result: IExportFileBeginResult;
}

const exportFileBeginIR: any = {"usedParamSet":{"userId":true,"path":true,"writtenBy":true,"host":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":34,"b":41}]},{"name":"path","required":true,"transform":{"type":"scalar"},"locs":[{"a":44,"b":49}]},{"name":"writtenBy","required":true,"transform":{"type":"scalar"},"locs":[{"a":52,"b":62}]},{"name":"host","required":true,"transform":{"type":"scalar"},"locs":[{"a":65,"b":70}]}],"statement":"SELECT app.gdpr_export_file_begin(:userId!, :path!, :writtenBy!, :host!)::text AS \"id!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT app.gdpr_export_file_begin(:userId!, :path!, :writtenBy!, :host!)::text AS "id!"
 * ```
 */
export const exportFileBegin = new PreparedQuery<IExportFileBeginParams,IExportFileBeginResult>(exportFileBeginIR);


/** 'ExportFileWritten' parameters type */
export interface IExportFileWrittenParams {
  bytes: NumberOrString;
  id: NumberOrString;
  sha256: string;
}

/** 'ExportFileWritten' return type */
export interface IExportFileWrittenResult {
  ok: boolean;
}

/** 'ExportFileWritten' query type */
export interface IExportFileWrittenQuery {
  params: IExportFileWrittenParams;
  result: IExportFileWrittenResult;
}

const exportFileWrittenIR: any = {"usedParamSet":{"id":true,"bytes":true,"sha256":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":36,"b":39}]},{"name":"bytes","required":true,"transform":{"type":"scalar"},"locs":[{"a":50,"b":56}]},{"name":"sha256","required":true,"transform":{"type":"scalar"},"locs":[{"a":67,"b":74}]}],"statement":"SELECT app.gdpr_export_file_written(:id!::bigint, :bytes!::bigint, :sha256!) AS \"ok!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT app.gdpr_export_file_written(:id!::bigint, :bytes!::bigint, :sha256!) AS "ok!"
 * ```
 */
export const exportFileWritten = new PreparedQuery<IExportFileWrittenParams,IExportFileWrittenResult>(exportFileWrittenIR);


/** 'ExportFileFailed' parameters type */
export interface IExportFileFailedParams {
  id: NumberOrString;
}

/** 'ExportFileFailed' return type */
export interface IExportFileFailedResult {
  done: string | null;
}

/** 'ExportFileFailed' query type */
export interface IExportFileFailedQuery {
  params: IExportFileFailedParams;
  result: IExportFileFailedResult;
}

const exportFileFailedIR: any = {"usedParamSet":{"id":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":35,"b":38}]}],"statement":"SELECT app.gdpr_export_file_failed(:id!::bigint)::text AS \"done\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT app.gdpr_export_file_failed(:id!::bigint)::text AS "done"
 * ```
 */
export const exportFileFailed = new PreparedQuery<IExportFileFailedParams,IExportFileFailedResult>(exportFileFailedIR);


/** 'ExportFilesToDelete' parameters type */
export interface IExportFilesToDeleteParams {
  host: string;
  limit: number;
}

/** 'ExportFilesToDelete' return type */
export interface IExportFilesToDeleteResult {
  bytes: string | null;
  deleteReason: string;
  id: string;
  path: string;
  sha256: string | null;
  stateBefore: string;
  writtenBy: string;
}

/** 'ExportFilesToDelete' query type */
export interface IExportFilesToDeleteQuery {
  params: IExportFilesToDeleteParams;
  result: IExportFilesToDeleteResult;
}

const exportFilesToDeleteIR: any = {"usedParamSet":{"host":true,"limit":true},"params":[{"name":"host","required":true,"transform":{"type":"scalar"},"locs":[{"a":238,"b":243}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":246,"b":252}]}],"statement":"SELECT f.id::text AS \"id!\", f.path AS \"path!\", f.written_by AS \"writtenBy!\", f.state_before AS \"stateBefore!\",\n       f.bytes::text AS \"bytes\", f.sha256 AS \"sha256\", f.delete_reason AS \"deleteReason!\"\nFROM app.gdpr_export_files_to_delete(:host!, :limit!) AS f"};

/**
 * Query generated from SQL:
 * ```
 * SELECT f.id::text AS "id!", f.path AS "path!", f.written_by AS "writtenBy!", f.state_before AS "stateBefore!",
 *        f.bytes::text AS "bytes", f.sha256 AS "sha256", f.delete_reason AS "deleteReason!"
 * FROM app.gdpr_export_files_to_delete(:host!, :limit!) AS f
 * ```
 */
export const exportFilesToDelete = new PreparedQuery<IExportFilesToDeleteParams,IExportFilesToDeleteResult>(exportFilesToDeleteIR);


/** 'ExportFileDeleted' parameters type */
export interface IExportFileDeletedParams {
  error?: string | null | void;
  id: NumberOrString;
}

/** 'ExportFileDeleted' return type */
export interface IExportFileDeletedResult {
  ok: boolean;
}

/** 'ExportFileDeleted' query type */
export interface IExportFileDeletedQuery {
  params: IExportFileDeletedParams;
  result: IExportFileDeletedResult;
}

const exportFileDeletedIR: any = {"usedParamSet":{"id":true,"error":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":36,"b":39}]},{"name":"error","required":false,"transform":{"type":"scalar"},"locs":[{"a":50,"b":55}]}],"statement":"SELECT app.gdpr_export_file_deleted(:id!::bigint, :error) AS \"ok!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT app.gdpr_export_file_deleted(:id!::bigint, :error) AS "ok!"
 * ```
 */
export const exportFileDeleted = new PreparedQuery<IExportFileDeletedParams,IExportFileDeletedResult>(exportFileDeletedIR);


/** 'ExportFilesExpire' parameters type */
export interface IExportFilesExpireParams {
  days: number;
}

/** 'ExportFilesExpire' return type */
export interface IExportFilesExpireResult {
  expired: number;
}

/** 'ExportFilesExpire' query type */
export interface IExportFilesExpireQuery {
  params: IExportFilesExpireParams;
  result: IExportFilesExpireResult;
}

const exportFilesExpireIR: any = {"usedParamSet":{"days":true},"params":[{"name":"days","required":true,"transform":{"type":"scalar"},"locs":[{"a":58,"b":63}]}],"statement":"SELECT app.gdpr_export_files_expire(make_interval(days => :days!::int)) AS \"expired!\""};

/**
 * Query generated from SQL:
 * ```
 * SELECT app.gdpr_export_files_expire(make_interval(days => :days!::int)) AS "expired!"
 * ```
 */
export const exportFilesExpire = new PreparedQuery<IExportFilesExpireParams,IExportFilesExpireResult>(exportFilesExpireIR);


/** 'ExportFileLog' parameters type */
export interface IExportFileLogParams {
  limit: number;
  userId?: string | null | void;
}

/** 'ExportFileLog' return type */
export interface IExportFileLogResult {
  bytes: string | null;
  deleteAttempts: number;
  deletedAt: Date | null;
  deleteReason: string | null;
  deleteRequestedAt: Date | null;
  host: string;
  id: string;
  lastError: string | null;
  path: string | null;
  startedAt: Date;
  state: string;
  subject: string;
  writtenAt: Date | null;
  writtenBy: string;
}

/** 'ExportFileLog' query type */
export interface IExportFileLogQuery {
  params: IExportFileLogParams;
  result: IExportFileLogResult;
}

const exportFileLogIR: any = {"usedParamSet":{"limit":true,"userId":true},"params":[{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":455,"b":461}]},{"name":"userId","required":false,"transform":{"type":"scalar"},"locs":[{"a":464,"b":470}]}],"statement":"SELECT f.id::text AS \"id!\", f.subject AS \"subject!\", f.written_by AS \"writtenBy!\", f.host AS \"host!\", f.path AS \"path\",\n       f.state AS \"state!\", f.started_at AS \"startedAt!\", f.written_at AS \"writtenAt\", f.bytes::text AS \"bytes\",\n       f.delete_reason AS \"deleteReason\", f.delete_requested_at AS \"deleteRequestedAt\", f.deleted_at AS \"deletedAt\",\n       f.delete_attempts AS \"deleteAttempts!\", f.last_error AS \"lastError\"\nFROM app.gdpr_export_file_log(:limit!, :userId) AS f"};

/**
 * Query generated from SQL:
 * ```
 * SELECT f.id::text AS "id!", f.subject AS "subject!", f.written_by AS "writtenBy!", f.host AS "host!", f.path AS "path",
 *        f.state AS "state!", f.started_at AS "startedAt!", f.written_at AS "writtenAt", f.bytes::text AS "bytes",
 *        f.delete_reason AS "deleteReason", f.delete_requested_at AS "deleteRequestedAt", f.deleted_at AS "deletedAt",
 *        f.delete_attempts AS "deleteAttempts!", f.last_error AS "lastError"
 * FROM app.gdpr_export_file_log(:limit!, :userId) AS f
 * ```
 */
export const exportFileLog = new PreparedQuery<IExportFileLogParams,IExportFileLogResult>(exportFileLogIR);


/** 'ExportTableParts' parameters type */
export type IExportTablePartsParams = void;

/** 'ExportTableParts' return type */
export interface IExportTablePartsResult {
  part: string;
  table: string;
}

/** 'ExportTableParts' query type */
export interface IExportTablePartsQuery {
  params: IExportTablePartsParams;
  result: IExportTablePartsResult;
}

const exportTablePartsIR: any = {"usedParamSet":{},"params":[],"statement":"select p.table_name as \"table!\", p.part as \"part!\"\nfrom app.export_user_table_parts() as p"};

/**
 * Query generated from SQL:
 * ```
 * select p.table_name as "table!", p.part as "part!"
 * from app.export_user_table_parts() as p
 * ```
 */
export const exportTableParts = new PreparedQuery<IExportTablePartsParams,IExportTablePartsResult>(exportTablePartsIR);


