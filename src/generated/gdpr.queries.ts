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


