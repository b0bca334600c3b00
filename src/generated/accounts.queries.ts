/** Types generated for queries found in "queries/accounts.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

/** 'CurrentUserId' parameters type */
export type ICurrentUserIdParams = void;

/** 'CurrentUserId' return type */
export interface ICurrentUserIdResult {
  userId: string | null;
}

/** 'CurrentUserId' query type */
export interface ICurrentUserIdQuery {
  params: ICurrentUserIdParams;
  result: ICurrentUserIdResult;
}

const currentUserIdIR: any = {"usedParamSet":{},"params":[],"statement":"SELECT app.current_user_id() AS \"userId\" -- the person of this transaction, null outside withUser()\n"};

/**
 * Query generated from SQL:
 * ```
 * SELECT app.current_user_id() AS "userId" -- the person of this transaction, null outside withUser()
 * 
 * ```
 */
export const currentUserId = new PreparedQuery<ICurrentUserIdParams,ICurrentUserIdResult>(currentUserIdIR);


