/** Types generated for queries found in "queries/assistant.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type DateOrString = Date | string;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type NumberOrString = number | string;

export type numberArray = (number)[];

export type stringArray = (string)[];

/** 'InsertConversation' parameters type */
export interface IInsertConversationParams {
  title?: string | null | void;
  userId: string;
}

/** 'InsertConversation' return type */
export interface IInsertConversationResult {
  /** When the conversation started. */
  createdAt: Date;
  /** Conversation id. */
  id: string;
  /** created_at of the newest message (trigger messages_after_insert); NULL before the first message. Orders the conversation list (idx_conversations_user_recent). */
  lastMessageAt: Date | null;
  /** Title. When NULL, the first user message sets it (trigger messages_after_insert, app.conversation_title: first ~60 characters, whitespace collapsed, cut on a word boundary). A title given by the person is never overwritten. */
  title: string | null;
  /** Last modification of the row, including each new message (trigger set_updated_at). */
  updatedAt: Date;
}

/** 'InsertConversation' query type */
export interface IInsertConversationQuery {
  params: IInsertConversationParams;
  result: IInsertConversationResult;
}

const insertConversationIR: any = {"usedParamSet":{"userId":true,"title":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":60,"b":67}]},{"name":"title","required":false,"transform":{"type":"scalar"},"locs":[{"a":70,"b":75}]}],"statement":"INSERT INTO app.conversations AS c (user_id, title)\nVALUES (:userId!, :title)\nRETURNING c.id, c.title, c.created_at AS \"createdAt\", c.updated_at AS \"updatedAt\", c.last_message_at AS \"lastMessageAt\""};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO app.conversations AS c (user_id, title)
 * VALUES (:userId!, :title)
 * RETURNING c.id, c.title, c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.last_message_at AS "lastMessageAt"
 * ```
 */
export const insertConversation = new PreparedQuery<IInsertConversationParams,IInsertConversationResult>(insertConversationIR);


/** 'InsertMessages' parameters type */
export interface IInsertMessagesParams {
  conversationId: string;
  messages: Json;
  userId: string;
}

/** 'InsertMessages' return type */
export interface IInsertMessagesResult {
  /** Message text, 1 to 100000 characters. */
  content: string;
  /** The conversation. */
  conversationId: string;
  /** When the message was stored. Defaults to clock_timestamp(), not now(): a question and its answer stored in one transaction (or one multi-row INSERT) still get increasing times, so ORDER BY created_at is the conversation order. */
  createdAt: Date;
  /** Message id. */
  id: string;
  /** JSON object: citations, referenced meal ids, tool calls, model details. */
  messageMetadata: Json;
  /** Author: user (the person) or assistant (the AI). */
  role: string;
}

/** 'InsertMessages' query type */
export interface IInsertMessagesQuery {
  params: IInsertMessagesParams;
  result: IInsertMessagesResult;
}

const insertMessagesIR: any = {"usedParamSet":{"messages":true,"conversationId":true,"userId":true},"params":[{"name":"messages","required":true,"transform":{"type":"scalar"},"locs":[{"a":1489,"b":1498}]},{"name":"conversationId","required":true,"transform":{"type":"scalar"},"locs":[{"a":1555,"b":1570}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":1594,"b":1601}]}],"statement":"-- messages is a JSON array of {id, role, content, metadata} (the area makes each id), stored in\n-- the order given: created_at is the statement's start (statement_timestamp()), but never before\n-- the conversation's newest message (last_message_at, which the trigger messages_after_insert\n-- moves), plus the position in microseconds, so a batch, and the next batch, sort after what is\n-- already there even on a clock with millisecond resolution (the embedded engine's). The trigger\n-- also titles an untitled conversation from its first user message. The rows come from the\n-- person's conversation (no row: no such conversation of this person, and nothing is inserted),\n-- co-located with app.messages and filtered on user_id, with no volatile function (ids come from\n-- the caller, not the gen_random_uuid() default; statement_timestamp() is stable, clock_timestamp()\n-- is not): so Citus runs the whole INSERT ... SELECT on the person's shard as one task instead of\n-- pulling the rows to the coordinator (issue 17).\nINSERT INTO app.messages AS m (id, conversation_id, user_id, role, content, message_metadata, created_at)\nSELECT (e.value ->> 'id')::uuid, c.id, c.user_id, e.value ->> 'role', e.value ->> 'content',\n       COALESCE(e.value -> 'metadata', '{}'::jsonb),\n       greatest(pg_catalog.statement_timestamp(), c.last_message_at + interval '1 microsecond')\n         + (e.ord - 1) * interval '1 microsecond'\nFROM app.conversations AS c\nCROSS JOIN LATERAL jsonb_array_elements(:messages!::jsonb) WITH ORDINALITY AS e (value, ord)\nWHERE c.id = :conversationId!::uuid AND c.user_id = :userId!::uuid\nRETURNING m.id, m.conversation_id AS \"conversationId\", m.role, m.content, m.message_metadata AS \"messageMetadata\",\n          m.created_at AS \"createdAt\""};

/**
 * Query generated from SQL:
 * ```
 * -- messages is a JSON array of {id, role, content, metadata} (the area makes each id), stored in
 * -- the order given: created_at is the statement's start (statement_timestamp()), but never before
 * -- the conversation's newest message (last_message_at, which the trigger messages_after_insert
 * -- moves), plus the position in microseconds, so a batch, and the next batch, sort after what is
 * -- already there even on a clock with millisecond resolution (the embedded engine's). The trigger
 * -- also titles an untitled conversation from its first user message. The rows come from the
 * -- person's conversation (no row: no such conversation of this person, and nothing is inserted),
 * -- co-located with app.messages and filtered on user_id, with no volatile function (ids come from
 * -- the caller, not the gen_random_uuid() default; statement_timestamp() is stable, clock_timestamp()
 * -- is not): so Citus runs the whole INSERT ... SELECT on the person's shard as one task instead of
 * -- pulling the rows to the coordinator (issue 17).
 * INSERT INTO app.messages AS m (id, conversation_id, user_id, role, content, message_metadata, created_at)
 * SELECT (e.value ->> 'id')::uuid, c.id, c.user_id, e.value ->> 'role', e.value ->> 'content',
 *        COALESCE(e.value -> 'metadata', '{}'::jsonb),
 *        greatest(pg_catalog.statement_timestamp(), c.last_message_at + interval '1 microsecond')
 *          + (e.ord - 1) * interval '1 microsecond'
 * FROM app.conversations AS c
 * CROSS JOIN LATERAL jsonb_array_elements(:messages!::jsonb) WITH ORDINALITY AS e (value, ord)
 * WHERE c.id = :conversationId!::uuid AND c.user_id = :userId!::uuid
 * RETURNING m.id, m.conversation_id AS "conversationId", m.role, m.content, m.message_metadata AS "messageMetadata",
 *           m.created_at AS "createdAt"
 * ```
 */
export const insertMessages = new PreparedQuery<IInsertMessagesParams,IInsertMessagesResult>(insertMessagesIR);


/** 'GetConversation' parameters type */
export interface IGetConversationParams {
  id: string;
  userId: string;
}

/** 'GetConversation' return type */
export interface IGetConversationResult {
  /** When the conversation started. */
  createdAt: Date;
  /** Conversation id. */
  id: string;
  /** created_at of the newest message (trigger messages_after_insert); NULL before the first message. Orders the conversation list (idx_conversations_user_recent). */
  lastMessageAt: Date | null;
  /** Title. When NULL, the first user message sets it (trigger messages_after_insert, app.conversation_title: first ~60 characters, whitespace collapsed, cut on a word boundary). A title given by the person is never overwritten. */
  title: string | null;
  /** Last modification of the row, including each new message (trigger set_updated_at). */
  updatedAt: Date;
}

/** 'GetConversation' query type */
export interface IGetConversationQuery {
  params: IGetConversationParams;
  result: IGetConversationResult;
}

const getConversationIR: any = {"usedParamSet":{"id":true,"userId":true},"params":[{"name":"id","required":true,"transform":{"type":"scalar"},"locs":[{"a":158,"b":161}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":179,"b":186}]}],"statement":"SELECT c.id, c.title, c.created_at AS \"createdAt\", c.updated_at AS \"updatedAt\", c.last_message_at AS \"lastMessageAt\"\nFROM app.conversations AS c\nWHERE c.id = :id! AND c.user_id = :userId!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT c.id, c.title, c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.last_message_at AS "lastMessageAt"
 * FROM app.conversations AS c
 * WHERE c.id = :id! AND c.user_id = :userId!
 * ```
 */
export const getConversation = new PreparedQuery<IGetConversationParams,IGetConversationResult>(getConversationIR);


/** 'ListConversations' parameters type */
export interface IListConversationsParams {
  afterId?: string | null | void;
  afterTime?: DateOrString | null | void;
  limit: NumberOrString;
  userId: string;
}

/** 'ListConversations' return type */
export interface IListConversationsResult {
  /** When the conversation started. */
  createdAt: Date;
  cursorTime: string | null;
  /** Conversation id. */
  id: string;
  /** created_at of the newest message (trigger messages_after_insert); NULL before the first message. Orders the conversation list (idx_conversations_user_recent). */
  lastMessageAt: Date | null;
  lastMessagePreview: string | null;
  /** Author: user (the person) or assistant (the AI). */
  lastMessageRole: string | null;
  /** Title. When NULL, the first user message sets it (trigger messages_after_insert, app.conversation_title: first ~60 characters, whitespace collapsed, cut on a word boundary). A title given by the person is never overwritten. */
  title: string | null;
  /** Last modification of the row, including each new message (trigger set_updated_at). */
  updatedAt: Date;
}

/** 'ListConversations' query type */
export interface IListConversationsQuery {
  params: IListConversationsParams;
  result: IListConversationsResult;
}

const listConversationsIR: any = {"usedParamSet":{"userId":true,"afterId":true,"afterTime":true,"limit":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":765,"b":772},{"a":887,"b":894}]},{"name":"afterId","required":false,"transform":{"type":"scalar"},"locs":[{"a":903,"b":910},{"a":1082,"b":1089},{"a":1223,"b":1230}]},{"name":"afterTime","required":false,"transform":{"type":"scalar"},"locs":[{"a":937,"b":946},{"a":1009,"b":1018},{"a":1060,"b":1069},{"a":1150,"b":1159}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":1294,"b":1300}]}],"statement":"-- Latest activity first (the order of idx_conversations_user_recent: last_message_at DESC NULLS\n-- LAST, conversations without messages at the end), ties broken by id. The cursor is the last\n-- row's (last_message_at or null, id). The preview is the newest message, cut to 200 characters.\nSELECT c.id, c.title, c.created_at AS \"createdAt\", c.updated_at AS \"updatedAt\", c.last_message_at AS \"lastMessageAt\",\n       to_char(c.last_message_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS \"cursorTime?\",\n       lm.role AS \"lastMessageRole?\", lm.preview AS \"lastMessagePreview?\"\nFROM app.conversations AS c\nLEFT JOIN LATERAL (\n  SELECT m.role, pg_catalog.left(m.content, 200) AS preview\n  FROM app.messages AS m\n  WHERE m.user_id = c.user_id AND m.user_id = :userId! AND m.conversation_id = c.id\n  ORDER BY m.created_at DESC, m.id DESC\n  LIMIT 1\n) AS lm ON true\nWHERE c.user_id = :userId!\n  AND (:afterId::uuid IS NULL\n       OR (:afterTime::timestamptz IS NOT NULL\n           AND (c.last_message_at < :afterTime\n                OR (c.last_message_at = :afterTime AND c.id < :afterId)\n                OR c.last_message_at IS NULL))\n       OR (:afterTime::timestamptz IS NULL AND c.last_message_at IS NULL AND c.id < :afterId))\nORDER BY c.last_message_at DESC NULLS LAST, c.id DESC\nLIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- Latest activity first (the order of idx_conversations_user_recent: last_message_at DESC NULLS
 * -- LAST, conversations without messages at the end), ties broken by id. The cursor is the last
 * -- row's (last_message_at or null, id). The preview is the newest message, cut to 200 characters.
 * SELECT c.id, c.title, c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.last_message_at AS "lastMessageAt",
 *        to_char(c.last_message_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime?",
 *        lm.role AS "lastMessageRole?", lm.preview AS "lastMessagePreview?"
 * FROM app.conversations AS c
 * LEFT JOIN LATERAL (
 *   SELECT m.role, pg_catalog.left(m.content, 200) AS preview
 *   FROM app.messages AS m
 *   WHERE m.user_id = c.user_id AND m.user_id = :userId! AND m.conversation_id = c.id
 *   ORDER BY m.created_at DESC, m.id DESC
 *   LIMIT 1
 * ) AS lm ON true
 * WHERE c.user_id = :userId!
 *   AND (:afterId::uuid IS NULL
 *        OR (:afterTime::timestamptz IS NOT NULL
 *            AND (c.last_message_at < :afterTime
 *                 OR (c.last_message_at = :afterTime AND c.id < :afterId)
 *                 OR c.last_message_at IS NULL))
 *        OR (:afterTime::timestamptz IS NULL AND c.last_message_at IS NULL AND c.id < :afterId))
 * ORDER BY c.last_message_at DESC NULLS LAST, c.id DESC
 * LIMIT :limit!
 * ```
 */
export const listConversations = new PreparedQuery<IListConversationsParams,IListConversationsResult>(listConversationsIR);


/** 'ListMessagesNewestFirst' parameters type */
export interface IListMessagesNewestFirstParams {
  afterId?: string | null | void;
  afterTime?: DateOrString | null | void;
  conversationId: string;
  limit: NumberOrString;
  userId: string;
}

/** 'ListMessagesNewestFirst' return type */
export interface IListMessagesNewestFirstResult {
  /** Message text, 1 to 100000 characters. */
  content: string;
  /** When the message was stored. Defaults to clock_timestamp(), not now(): a question and its answer stored in one transaction (or one multi-row INSERT) still get increasing times, so ORDER BY created_at is the conversation order. */
  createdAt: Date;
  cursorTime: string;
  /** Message id. */
  id: string;
  /** JSON object: citations, referenced meal ids, tool calls, model details. */
  messageMetadata: Json;
  /** Author: user (the person) or assistant (the AI). */
  role: string;
}

/** 'ListMessagesNewestFirst' query type */
export interface IListMessagesNewestFirstQuery {
  params: IListMessagesNewestFirstParams;
  result: IListMessagesNewestFirstResult;
}

const listMessagesNewestFirstIR: any = {"usedParamSet":{"conversationId":true,"userId":true,"afterTime":true,"afterId":true,"limit":true},"params":[{"name":"conversationId","required":true,"transform":{"type":"scalar"},"locs":[{"a":249,"b":264}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":284,"b":291}]},{"name":"afterTime","required":false,"transform":{"type":"scalar"},"locs":[{"a":300,"b":309},{"a":359,"b":368},{"a":398,"b":407}]},{"name":"afterId","required":false,"transform":{"type":"scalar"},"locs":[{"a":410,"b":417}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":472,"b":478}]}],"statement":"SELECT m.id, m.role, m.content, m.message_metadata AS \"messageMetadata\", m.created_at AS \"createdAt\",\n       to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS \"cursorTime!\"\nFROM app.messages AS m\nWHERE m.conversation_id = :conversationId!\n  AND m.user_id = :userId!\n  AND (:afterTime::timestamptz IS NULL\n       OR (m.created_at <= :afterTime AND (m.created_at, m.id) < (:afterTime, :afterId::uuid)))\nORDER BY m.created_at DESC, m.id DESC\nLIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT m.id, m.role, m.content, m.message_metadata AS "messageMetadata", m.created_at AS "createdAt",
 *        to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime!"
 * FROM app.messages AS m
 * WHERE m.conversation_id = :conversationId!
 *   AND m.user_id = :userId!
 *   AND (:afterTime::timestamptz IS NULL
 *        OR (m.created_at <= :afterTime AND (m.created_at, m.id) < (:afterTime, :afterId::uuid)))
 * ORDER BY m.created_at DESC, m.id DESC
 * LIMIT :limit!
 * ```
 */
export const listMessagesNewestFirst = new PreparedQuery<IListMessagesNewestFirstParams,IListMessagesNewestFirstResult>(listMessagesNewestFirstIR);


/** 'ListMessagesOldestFirst' parameters type */
export interface IListMessagesOldestFirstParams {
  afterId?: string | null | void;
  afterTime?: DateOrString | null | void;
  conversationId: string;
  limit: NumberOrString;
  userId: string;
}

/** 'ListMessagesOldestFirst' return type */
export interface IListMessagesOldestFirstResult {
  /** Message text, 1 to 100000 characters. */
  content: string;
  /** When the message was stored. Defaults to clock_timestamp(), not now(): a question and its answer stored in one transaction (or one multi-row INSERT) still get increasing times, so ORDER BY created_at is the conversation order. */
  createdAt: Date;
  cursorTime: string;
  /** Message id. */
  id: string;
  /** JSON object: citations, referenced meal ids, tool calls, model details. */
  messageMetadata: Json;
  /** Author: user (the person) or assistant (the AI). */
  role: string;
}

/** 'ListMessagesOldestFirst' query type */
export interface IListMessagesOldestFirstQuery {
  params: IListMessagesOldestFirstParams;
  result: IListMessagesOldestFirstResult;
}

const listMessagesOldestFirstIR: any = {"usedParamSet":{"conversationId":true,"userId":true,"afterTime":true,"afterId":true,"limit":true},"params":[{"name":"conversationId","required":true,"transform":{"type":"scalar"},"locs":[{"a":249,"b":264}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":284,"b":291}]},{"name":"afterTime","required":false,"transform":{"type":"scalar"},"locs":[{"a":300,"b":309},{"a":359,"b":368},{"a":398,"b":407}]},{"name":"afterId","required":false,"transform":{"type":"scalar"},"locs":[{"a":410,"b":417}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":462,"b":468}]}],"statement":"SELECT m.id, m.role, m.content, m.message_metadata AS \"messageMetadata\", m.created_at AS \"createdAt\",\n       to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') AS \"cursorTime!\"\nFROM app.messages AS m\nWHERE m.conversation_id = :conversationId!\n  AND m.user_id = :userId!\n  AND (:afterTime::timestamptz IS NULL\n       OR (m.created_at >= :afterTime AND (m.created_at, m.id) > (:afterTime, :afterId::uuid)))\nORDER BY m.created_at, m.id\nLIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * SELECT m.id, m.role, m.content, m.message_metadata AS "messageMetadata", m.created_at AS "createdAt",
 *        to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime!"
 * FROM app.messages AS m
 * WHERE m.conversation_id = :conversationId!
 *   AND m.user_id = :userId!
 *   AND (:afterTime::timestamptz IS NULL
 *        OR (m.created_at >= :afterTime AND (m.created_at, m.id) > (:afterTime, :afterId::uuid)))
 * ORDER BY m.created_at, m.id
 * LIMIT :limit!
 * ```
 */
export const listMessagesOldestFirst = new PreparedQuery<IListMessagesOldestFirstParams,IListMessagesOldestFirstResult>(listMessagesOldestFirstIR);


/** 'InsertApiUsage' parameters type */
export interface IInsertApiUsageParams {
  costUsd: NumberOrString;
  feature?: string | null | void;
  inputTokens: number;
  latencyMs?: number | null | void;
  model: string;
  outputTokens: number;
  provider: string;
  requestId?: string | null | void;
  userId: string;
}

/** 'InsertApiUsage' return type */
export interface IInsertApiUsageResult {
  costUsd: string;
  /** When the request was made. */
  createdAt: Date;
  /** Product feature that made the request (e.g. chat, meal_analysis, embedding); NULL when unknown. */
  feature: string | null;
  /** Usage row id. */
  id: string;
  /** Prompt tokens billed, >= 0. */
  inputTokens: number;
  /** Provider round-trip time in milliseconds. */
  latencyMs: number | null;
  /** Model name as billed by the provider. */
  model: string;
  /** Completion tokens billed, >= 0. */
  outputTokens: number;
  /** AI provider (e.g. openai, anthropic, bedrock). */
  provider: string;
  /** Provider's request id, for support and reconciliation with the provider's bill. */
  requestId: string | null;
}

/** 'InsertApiUsage' query type */
export interface IInsertApiUsageQuery {
  params: IInsertApiUsageParams;
  result: IInsertApiUsageResult;
}

const insertApiUsageIR: any = {"usedParamSet":{"userId":true,"provider":true,"model":true,"inputTokens":true,"outputTokens":true,"costUsd":true,"feature":true,"latencyMs":true,"requestId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":140,"b":147}]},{"name":"provider","required":true,"transform":{"type":"scalar"},"locs":[{"a":150,"b":159}]},{"name":"model","required":true,"transform":{"type":"scalar"},"locs":[{"a":162,"b":168}]},{"name":"inputTokens","required":true,"transform":{"type":"scalar"},"locs":[{"a":171,"b":183}]},{"name":"outputTokens","required":true,"transform":{"type":"scalar"},"locs":[{"a":186,"b":199}]},{"name":"costUsd","required":true,"transform":{"type":"scalar"},"locs":[{"a":210,"b":218}]},{"name":"feature","required":false,"transform":{"type":"scalar"},"locs":[{"a":230,"b":237}]},{"name":"latencyMs","required":false,"transform":{"type":"scalar"},"locs":[{"a":240,"b":249}]},{"name":"requestId","required":false,"transform":{"type":"scalar"},"locs":[{"a":252,"b":261}]}],"statement":"INSERT INTO app.api_usage AS a\n  (user_id, provider, model, input_tokens, output_tokens, cost_usd, feature, latency_ms, request_id)\nVALUES (:userId!, :provider!, :model!, :inputTokens!, :outputTokens!,\n        :costUsd!::numeric, :feature, :latencyMs, :requestId)\nRETURNING a.id, a.provider, a.model, a.input_tokens AS \"inputTokens\", a.output_tokens AS \"outputTokens\",\n          a.cost_usd::text AS \"costUsd!\", a.feature, a.latency_ms AS \"latencyMs\", a.request_id AS \"requestId\",\n          a.created_at AS \"createdAt\""};

/**
 * Query generated from SQL:
 * ```
 * INSERT INTO app.api_usage AS a
 *   (user_id, provider, model, input_tokens, output_tokens, cost_usd, feature, latency_ms, request_id)
 * VALUES (:userId!, :provider!, :model!, :inputTokens!, :outputTokens!,
 *         :costUsd!::numeric, :feature, :latencyMs, :requestId)
 * RETURNING a.id, a.provider, a.model, a.input_tokens AS "inputTokens", a.output_tokens AS "outputTokens",
 *           a.cost_usd::text AS "costUsd!", a.feature, a.latency_ms AS "latencyMs", a.request_id AS "requestId",
 *           a.created_at AS "createdAt"
 * ```
 */
export const insertApiUsage = new PreparedQuery<IInsertApiUsageParams,IInsertApiUsageResult>(insertApiUsageIR);


/** 'CostSummary' parameters type */
export interface ICostSummaryParams {
  from: string;
  to: string;
  userId: string;
}

/** 'CostSummary' return type */
export interface ICostSummaryResult {
  costUsd: string;
  day: string;
  inputTokens: number;
  /** Model name as billed by the provider. */
  model: string;
  outputTokens: number;
  /** AI provider (e.g. openai, anthropic, bedrock). */
  provider: string;
  requests: number;
}

/** 'CostSummary' query type */
export interface ICostSummaryQuery {
  params: ICostSummaryParams;
  result: ICostSummaryResult;
}

const costSummaryIR: any = {"usedParamSet":{"userId":true,"from":true,"to":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":251,"b":258},{"a":645,"b":652}]},{"name":"from","required":true,"transform":{"type":"scalar"},"locs":[{"a":710,"b":715}]},{"name":"to","required":true,"transform":{"type":"scalar"},"locs":[{"a":791,"b":794}]}],"statement":"-- Per calendar day in the person's time zone, provider and model, from app.api_usage directly\n-- (exact right after a write). cost_usd is a decimal string (numeric(14,6) sums).\nWITH me AS (\n  SELECT u.id, u.time_zone FROM app.users AS u WHERE u.id = :userId!\n)\nSELECT (pg_catalog.timezone(me.time_zone, a.created_at))::date AS \"day!\",\n       a.provider AS \"provider!\", a.model AS \"model!\",\n       count(*)::int AS \"requests!\",\n       sum(a.input_tokens)::float8 AS \"inputTokens!\", sum(a.output_tokens)::float8 AS \"outputTokens!\",\n       sum(a.cost_usd)::text AS \"costUsd!\"\nFROM me\nJOIN app.api_usage AS a ON a.user_id = me.id\nWHERE a.user_id = :userId!\n  AND a.created_at >= pg_catalog.timezone(me.time_zone, :from!::date::timestamp)\n  AND a.created_at < pg_catalog.timezone(me.time_zone, (:to!::date + 1)::timestamp)\nGROUP BY 1, 2, 3\nORDER BY 1, 2, 3"};

/**
 * Query generated from SQL:
 * ```
 * -- Per calendar day in the person's time zone, provider and model, from app.api_usage directly
 * -- (exact right after a write). cost_usd is a decimal string (numeric(14,6) sums).
 * WITH me AS (
 *   SELECT u.id, u.time_zone FROM app.users AS u WHERE u.id = :userId!
 * )
 * SELECT (pg_catalog.timezone(me.time_zone, a.created_at))::date AS "day!",
 *        a.provider AS "provider!", a.model AS "model!",
 *        count(*)::int AS "requests!",
 *        sum(a.input_tokens)::float8 AS "inputTokens!", sum(a.output_tokens)::float8 AS "outputTokens!",
 *        sum(a.cost_usd)::text AS "costUsd!"
 * FROM me
 * JOIN app.api_usage AS a ON a.user_id = me.id
 * WHERE a.user_id = :userId!
 *   AND a.created_at >= pg_catalog.timezone(me.time_zone, :from!::date::timestamp)
 *   AND a.created_at < pg_catalog.timezone(me.time_zone, (:to!::date + 1)::timestamp)
 * GROUP BY 1, 2, 3
 * ORDER BY 1, 2, 3
 * ```
 */
export const costSummary = new PreparedQuery<ICostSummaryParams,ICostSummaryResult>(costSummaryIR);


/** 'EmbeddingDimensions' parameters type */
export type IEmbeddingDimensionsParams = void;

/** 'EmbeddingDimensions' return type */
export interface IEmbeddingDimensionsResult {
  dimensions: number;
}

/** 'EmbeddingDimensions' query type */
export interface IEmbeddingDimensionsQuery {
  params: IEmbeddingDimensionsParams;
  result: IEmbeddingDimensionsResult;
}

const embeddingDimensionsIR: any = {"usedParamSet":{},"params":[],"statement":"-- The dimension of app.embeddings.embedding (pgvector keeps it in the type modifier).\nSELECT a.atttypmod AS \"dimensions!\"\nFROM pg_catalog.pg_attribute AS a\nWHERE a.attrelid = 'app.embeddings'::regclass AND a.attname = 'embedding'"};

/**
 * Query generated from SQL:
 * ```
 * -- The dimension of app.embeddings.embedding (pgvector keeps it in the type modifier).
 * SELECT a.atttypmod AS "dimensions!"
 * FROM pg_catalog.pg_attribute AS a
 * WHERE a.attrelid = 'app.embeddings'::regclass AND a.attname = 'embedding'
 * ```
 */
export const embeddingDimensions = new PreparedQuery<IEmbeddingDimensionsParams,IEmbeddingDimensionsResult>(embeddingDimensionsIR);


/** 'UpsertPersonEmbeddings' parameters type */
export interface IUpsertPersonEmbeddingsParams {
  items: Json;
  userId: string;
}

/** 'UpsertPersonEmbeddings' return type */
export interface IUpsertPersonEmbeddingsResult {
  /** Chunk id. */
  id: string | null;
  missing: boolean;
  ord: number;
}

/** 'UpsertPersonEmbeddings' query type */
export interface IUpsertPersonEmbeddingsQuery {
  params: IUpsertPersonEmbeddingsParams;
  result: IUpsertPersonEmbeddingsResult;
}

const upsertPersonEmbeddingsIR: any = {"usedParamSet":{"userId":true,"items":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":728,"b":735},{"a":1404,"b":1411},{"a":1546,"b":1553}]},{"name":"items","required":true,"transform":{"type":"scalar"},"locs":[{"a":1172,"b":1178}]}],"statement":"-- items: JSON array of {source_kind, source_id, chunk_index, content, embedding (text '[…]'), model,\n-- metadata}, all of the person userId (the worker calls it once per person: one shard on Citus). Every\n-- source row must exist for that person; if one does not, nothing is written and the \"missing\"\n-- rows say which (the trigger embeddings_check_source enforces the same rule for any writer).\n-- Upsert on idx_embeddings_person_chunk (user_id, source_kind, source_id, chunk_index, model):\n-- re-embedding replaces; a conflict only ever involves the person's own rows. created_at =\n-- excluded.created_at (the default, now()): Citus refuses a non-IMMUTABLE function in DO UPDATE SET.\nWITH input AS (\n  SELECT e.ord,\n         :userId!::uuid AS user_id,\n         e.value ->> 'source_kind' AS source_kind,\n         (e.value ->> 'source_id')::uuid AS source_id,\n         COALESCE((e.value ->> 'chunk_index')::int, 0) AS chunk_index,\n         e.value ->> 'content' AS content,\n         (e.value ->> 'embedding')::public.vector AS embedding,\n         e.value ->> 'model' AS model,\n         COALESCE(e.value -> 'metadata', '{}'::jsonb) AS metadata\n  FROM jsonb_array_elements(:items!::jsonb) WITH ORDINALITY AS e (value, ord)\n), missing AS (\n  SELECT i.ord\n  FROM input AS i\n  WHERE (i.source_kind = 'meal_log'\n         AND NOT EXISTS (SELECT FROM app.meal_logs AS m WHERE m.id = i.source_id AND m.user_id = :userId!))\n     OR (i.source_kind = 'message'\n         AND NOT EXISTS (SELECT FROM app.messages AS g WHERE g.id = i.source_id AND g.user_id = :userId!))\n), stored AS (\n  INSERT INTO app.embeddings AS x (user_id, source_kind, source_id, chunk_index, content, embedding, model, metadata)\n  SELECT i.user_id, i.source_kind, i.source_id, i.chunk_index, i.content, i.embedding, i.model, i.metadata\n  FROM input AS i\n  WHERE NOT EXISTS (SELECT FROM missing)\n  ORDER BY i.ord\n  ON CONFLICT (user_id, source_kind, source_id, chunk_index, model) WHERE user_id IS NOT NULL DO UPDATE\n    SET content = excluded.content, embedding = excluded.embedding, metadata = excluded.metadata,\n        created_at = excluded.created_at\n  RETURNING x.id, x.source_kind, x.source_id, x.chunk_index, x.model\n)\nSELECT i.ord::int AS \"ord!\", s.id AS \"id?\", EXISTS (SELECT FROM missing AS mi WHERE mi.ord = i.ord) AS \"missing!\"\nFROM input AS i\nLEFT JOIN stored AS s\n  ON s.source_kind = i.source_kind AND s.source_id = i.source_id AND s.chunk_index = i.chunk_index AND s.model = i.model\nORDER BY i.ord"};

/**
 * Query generated from SQL:
 * ```
 * -- items: JSON array of {source_kind, source_id, chunk_index, content, embedding (text '[…]'), model,
 * -- metadata}, all of the person userId (the worker calls it once per person: one shard on Citus). Every
 * -- source row must exist for that person; if one does not, nothing is written and the "missing"
 * -- rows say which (the trigger embeddings_check_source enforces the same rule for any writer).
 * -- Upsert on idx_embeddings_person_chunk (user_id, source_kind, source_id, chunk_index, model):
 * -- re-embedding replaces; a conflict only ever involves the person's own rows. created_at =
 * -- excluded.created_at (the default, now()): Citus refuses a non-IMMUTABLE function in DO UPDATE SET.
 * WITH input AS (
 *   SELECT e.ord,
 *          :userId!::uuid AS user_id,
 *          e.value ->> 'source_kind' AS source_kind,
 *          (e.value ->> 'source_id')::uuid AS source_id,
 *          COALESCE((e.value ->> 'chunk_index')::int, 0) AS chunk_index,
 *          e.value ->> 'content' AS content,
 *          (e.value ->> 'embedding')::public.vector AS embedding,
 *          e.value ->> 'model' AS model,
 *          COALESCE(e.value -> 'metadata', '{}'::jsonb) AS metadata
 *   FROM jsonb_array_elements(:items!::jsonb) WITH ORDINALITY AS e (value, ord)
 * ), missing AS (
 *   SELECT i.ord
 *   FROM input AS i
 *   WHERE (i.source_kind = 'meal_log'
 *          AND NOT EXISTS (SELECT FROM app.meal_logs AS m WHERE m.id = i.source_id AND m.user_id = :userId!))
 *      OR (i.source_kind = 'message'
 *          AND NOT EXISTS (SELECT FROM app.messages AS g WHERE g.id = i.source_id AND g.user_id = :userId!))
 * ), stored AS (
 *   INSERT INTO app.embeddings AS x (user_id, source_kind, source_id, chunk_index, content, embedding, model, metadata)
 *   SELECT i.user_id, i.source_kind, i.source_id, i.chunk_index, i.content, i.embedding, i.model, i.metadata
 *   FROM input AS i
 *   WHERE NOT EXISTS (SELECT FROM missing)
 *   ORDER BY i.ord
 *   ON CONFLICT (user_id, source_kind, source_id, chunk_index, model) WHERE user_id IS NOT NULL DO UPDATE
 *     SET content = excluded.content, embedding = excluded.embedding, metadata = excluded.metadata,
 *         created_at = excluded.created_at
 *   RETURNING x.id, x.source_kind, x.source_id, x.chunk_index, x.model
 * )
 * SELECT i.ord::int AS "ord!", s.id AS "id?", EXISTS (SELECT FROM missing AS mi WHERE mi.ord = i.ord) AS "missing!"
 * FROM input AS i
 * LEFT JOIN stored AS s
 *   ON s.source_kind = i.source_kind AND s.source_id = i.source_id AND s.chunk_index = i.chunk_index AND s.model = i.model
 * ORDER BY i.ord
 * ```
 */
export const upsertPersonEmbeddings = new PreparedQuery<IUpsertPersonEmbeddingsParams,IUpsertPersonEmbeddingsResult>(upsertPersonEmbeddingsIR);


/** 'InsertKnowledgeEmbeddings' parameters type */
export interface IInsertKnowledgeEmbeddingsParams {
  items: Json;
}

/** 'InsertKnowledgeEmbeddings' return type */
export interface IInsertKnowledgeEmbeddingsResult {
  /** Chunk id. */
  id: string;
}

/** 'InsertKnowledgeEmbeddings' query type */
export interface IInsertKnowledgeEmbeddingsQuery {
  params: IInsertKnowledgeEmbeddingsParams;
  result: IInsertKnowledgeEmbeddingsResult;
}

const insertKnowledgeEmbeddingsIR: any = {"usedParamSet":{"items":true},"params":[{"name":"items","required":true,"transform":{"type":"scalar"},"locs":[{"a":769,"b":775}]}],"statement":"-- Shared knowledge base (app.knowledge_embeddings). Rows with a source_id (a stable document uuid)\n-- are upserted on idx_knowledge_embeddings_chunk (source_id, chunk_index, model); rows without one\n-- are always inserted (NULLs are distinct). created_at = excluded.created_at (the default, now()):\n-- Citus refuses a non-IMMUTABLE function in DO UPDATE SET.\nwith input as (\n  select e.ord,\n         (e.value ->> 'source_id')::uuid as source_id,\n         coalesce((e.value ->> 'chunk_index')::int, 0) as chunk_index,\n         e.value ->> 'content' as content,\n         (e.value ->> 'embedding')::public.vector as embedding,\n         e.value ->> 'model' as model,\n         coalesce(e.value -> 'metadata', '{}'::jsonb) as metadata\n  from pg_catalog.jsonb_array_elements(:items!::jsonb) with ordinality as e (value, ord)\n)\ninsert into app.knowledge_embeddings as x (source_id, chunk_index, content, embedding, model, metadata)\nselect i.source_id, i.chunk_index, i.content, i.embedding, i.model, i.metadata\nfrom input as i\norder by i.ord\non conflict (source_id, chunk_index, model) do update\n  set content = excluded.content, embedding = excluded.embedding, metadata = excluded.metadata,\n      created_at = excluded.created_at\nreturning x.id"};

/**
 * Query generated from SQL:
 * ```
 * -- Shared knowledge base (app.knowledge_embeddings). Rows with a source_id (a stable document uuid)
 * -- are upserted on idx_knowledge_embeddings_chunk (source_id, chunk_index, model); rows without one
 * -- are always inserted (NULLs are distinct). created_at = excluded.created_at (the default, now()):
 * -- Citus refuses a non-IMMUTABLE function in DO UPDATE SET.
 * with input as (
 *   select e.ord,
 *          (e.value ->> 'source_id')::uuid as source_id,
 *          coalesce((e.value ->> 'chunk_index')::int, 0) as chunk_index,
 *          e.value ->> 'content' as content,
 *          (e.value ->> 'embedding')::public.vector as embedding,
 *          e.value ->> 'model' as model,
 *          coalesce(e.value -> 'metadata', '{}'::jsonb) as metadata
 *   from pg_catalog.jsonb_array_elements(:items!::jsonb) with ordinality as e (value, ord)
 * )
 * insert into app.knowledge_embeddings as x (source_id, chunk_index, content, embedding, model, metadata)
 * select i.source_id, i.chunk_index, i.content, i.embedding, i.model, i.metadata
 * from input as i
 * order by i.ord
 * on conflict (source_id, chunk_index, model) do update
 *   set content = excluded.content, embedding = excluded.embedding, metadata = excluded.metadata,
 *       created_at = excluded.created_at
 * returning x.id
 * ```
 */
export const insertKnowledgeEmbeddings = new PreparedQuery<IInsertKnowledgeEmbeddingsParams,IInsertKnowledgeEmbeddingsResult>(insertKnowledgeEmbeddingsIR);


/** 'SearchMyEmbeddings' parameters type */
export interface ISearchMyEmbeddingsParams {
  embedding: string;
  limit: NumberOrString;
  model: string;
  sourceKind?: string | null | void;
  userId: string;
}

/** 'SearchMyEmbeddings' return type */
export interface ISearchMyEmbeddingsResult {
  /** Position of the chunk within its source, from 0. */
  chunkIndex: number;
  /** The chunk text that was embedded (returned to the model as context). */
  content: string;
  distance: number;
  /** Chunk id. */
  id: string;
  /** JSON object: title, URL, meal_time, language ... of the chunk. */
  metadata: Json;
  /** Id of the source row (meal_logs.id or messages.id of the same person; required for them, checked by trigger embeddings_check_source_*). For knowledge rows optional: a stable document uuid chosen by the loader (e.g. a name-based uuid of its URL) makes reloading idempotent; NULL rows are never deduplicated (NULLs are distinct in idx_embeddings_knowledge_chunk). */
  sourceId: string | null;
  /** What was embedded: meal_log (app.meal_logs), message (app.messages) or knowledge (shared knowledge base). */
  sourceKind: string;
}

/** 'SearchMyEmbeddings' query type */
export interface ISearchMyEmbeddingsQuery {
  params: ISearchMyEmbeddingsParams;
  result: ISearchMyEmbeddingsResult;
}

const searchMyEmbeddingsIR: any = {"usedParamSet":{"embedding":true,"userId":true,"model":true,"sourceKind":true,"limit":true},"params":[{"name":"embedding","required":true,"transform":{"type":"scalar"},"locs":[{"a":302,"b":312},{"a":810,"b":820}]},{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":504,"b":511},{"a":735,"b":742}]},{"name":"model","required":true,"transform":{"type":"scalar"},"locs":[{"a":529,"b":535}]},{"name":"sourceKind","required":false,"transform":{"type":"scalar"},"locs":[{"a":544,"b":554},{"a":589,"b":599}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":849,"b":855}]}],"statement":"-- Exact nearest neighbours among the current person's own chunks: idx_embeddings_user selects\n-- them, the distance is computed for each (no approximate index: HNSW filters after its scan).\n-- Chunks of soft-deleted meals are skipped (they are kept for undo).\nSELECT e.id, e.content, (e.embedding <=> :embedding!::public.vector)::float8 AS \"distance!\",\n       e.source_kind AS \"sourceKind\", e.source_id AS \"sourceId\", e.chunk_index AS \"chunkIndex\", e.metadata\nFROM app.embeddings AS e\nWHERE e.user_id = :userId!\n  AND e.model = :model!\n  AND (:sourceKind::text IS NULL OR e.source_kind = :sourceKind)\n  AND NOT EXISTS (\n    SELECT FROM app.meal_logs AS m\n    WHERE e.source_kind = 'meal_log' AND m.user_id = e.user_id AND m.user_id = :userId! AND m.id = e.source_id AND m.is_deleted)\nORDER BY e.embedding <=> :embedding!::public.vector, e.id\nLIMIT :limit!"};

/**
 * Query generated from SQL:
 * ```
 * -- Exact nearest neighbours among the current person's own chunks: idx_embeddings_user selects
 * -- them, the distance is computed for each (no approximate index: HNSW filters after its scan).
 * -- Chunks of soft-deleted meals are skipped (they are kept for undo).
 * SELECT e.id, e.content, (e.embedding <=> :embedding!::public.vector)::float8 AS "distance!",
 *        e.source_kind AS "sourceKind", e.source_id AS "sourceId", e.chunk_index AS "chunkIndex", e.metadata
 * FROM app.embeddings AS e
 * WHERE e.user_id = :userId!
 *   AND e.model = :model!
 *   AND (:sourceKind::text IS NULL OR e.source_kind = :sourceKind)
 *   AND NOT EXISTS (
 *     SELECT FROM app.meal_logs AS m
 *     WHERE e.source_kind = 'meal_log' AND m.user_id = e.user_id AND m.user_id = :userId! AND m.id = e.source_id AND m.is_deleted)
 * ORDER BY e.embedding <=> :embedding!::public.vector, e.id
 * LIMIT :limit!
 * ```
 */
export const searchMyEmbeddings = new PreparedQuery<ISearchMyEmbeddingsParams,ISearchMyEmbeddingsResult>(searchMyEmbeddingsIR);


/** 'SearchKnowledge' parameters type */
export interface ISearchKnowledgeParams {
  efSearch?: number | null | void;
  embedding: string;
  filter?: Json | null | void;
  limit: number;
  model: string;
}

/** 'SearchKnowledge' return type */
export interface ISearchKnowledgeResult {
  chunkIndex: number;
  content: string;
  distance: number;
  id: string;
  metadata: Json;
  sourceId: string | null;
  sourceKind: string;
}

/** 'SearchKnowledge' query type */
export interface ISearchKnowledgeQuery {
  params: ISearchKnowledgeParams;
  result: ISearchKnowledgeResult;
}

const searchKnowledgeIR: any = {"usedParamSet":{"embedding":true,"model":true,"limit":true,"filter":true,"efSearch":true},"params":[{"name":"embedding","required":true,"transform":{"type":"scalar"},"locs":[{"a":225,"b":235}]},{"name":"model","required":true,"transform":{"type":"scalar"},"locs":[{"a":253,"b":259}]},{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":262,"b":268}]},{"name":"filter","required":false,"transform":{"type":"scalar"},"locs":[{"a":271,"b":277}]},{"name":"efSearch","required":false,"transform":{"type":"scalar"},"locs":[{"a":287,"b":295}]}],"statement":"SELECT k.id AS \"id!\", k.content AS \"content!\", k.distance AS \"distance!\", k.source_kind AS \"sourceKind!\",\n       k.source_id AS \"sourceId?\", k.chunk_index AS \"chunkIndex!\", k.metadata AS \"metadata!\"\nFROM app.search_knowledge(:embedding!::public.vector, :model!, :limit!, :filter::jsonb, :efSearch) AS k"};

/**
 * Query generated from SQL:
 * ```
 * SELECT k.id AS "id!", k.content AS "content!", k.distance AS "distance!", k.source_kind AS "sourceKind!",
 *        k.source_id AS "sourceId?", k.chunk_index AS "chunkIndex!", k.metadata AS "metadata!"
 * FROM app.search_knowledge(:embedding!::public.vector, :model!, :limit!, :filter::jsonb, :efSearch) AS k
 * ```
 */
export const searchKnowledge = new PreparedQuery<ISearchKnowledgeParams,ISearchKnowledgeResult>(searchKnowledgeIR);


/** 'LoadMealLogsForEmbedding' parameters type */
export interface ILoadMealLogsForEmbeddingParams {
  ids: stringArray;
}

/** 'LoadMealLogsForEmbedding' return type */
export interface ILoadMealLogsForEmbeddingResult {
  /** The full AI response that analysed the meal (a JSON object), kept for audit and re-analysis; NULL for manual entries. */
  aiAnalysis: Json | null;
  foods: Json;
  /** Meal log id. */
  id: string;
  /** breakfast, lunch, dinner or snack. */
  mealType: string;
  /** The person's notes on the meal. */
  notes: string | null;
  /** The person who ate. */
  userId: string;
}

/** 'LoadMealLogsForEmbedding' query type */
export interface ILoadMealLogsForEmbeddingQuery {
  params: ILoadMealLogsForEmbeddingParams;
  result: ILoadMealLogsForEmbeddingResult;
}

const loadMealLogsForEmbeddingIR: any = {"usedParamSet":{"ids":true},"params":[{"name":"ids","required":true,"transform":{"type":"scalar"},"locs":[{"a":599,"b":603}]}],"statement":"-- The worker (assistant.embed): what it embeds, and the one batch writer of its embeddings and API usage.\nselect m.id as \"id!\", m.user_id as \"userId!\", m.meal_type as \"mealType!\", m.notes, m.ai_analysis as \"aiAnalysis\",\n       coalesce((\n         select pg_catalog.json_agg(pg_catalog.json_build_object('name', f.name, 'quantity', f.quantity, 'unit', f.unit)\n                                    order by f.created_at, f.name, f.id)\n         from app.meal_foods as f\n         where f.meal_log_id = m.id and f.user_id = m.user_id\n       ), '[]') as \"foods!\"\nfrom app.meal_logs as m\nwhere m.id = any (:ids!::uuid[])"};

/**
 * Query generated from SQL:
 * ```
 * -- The worker (assistant.embed): what it embeds, and the one batch writer of its embeddings and API usage.
 * select m.id as "id!", m.user_id as "userId!", m.meal_type as "mealType!", m.notes, m.ai_analysis as "aiAnalysis",
 *        coalesce((
 *          select pg_catalog.json_agg(pg_catalog.json_build_object('name', f.name, 'quantity', f.quantity, 'unit', f.unit)
 *                                     order by f.created_at, f.name, f.id)
 *          from app.meal_foods as f
 *          where f.meal_log_id = m.id and f.user_id = m.user_id
 *        ), '[]') as "foods!"
 * from app.meal_logs as m
 * where m.id = any (:ids!::uuid[])
 * ```
 */
export const loadMealLogsForEmbedding = new PreparedQuery<ILoadMealLogsForEmbeddingParams,ILoadMealLogsForEmbeddingResult>(loadMealLogsForEmbeddingIR);


/** 'LoadMessagesForEmbedding' parameters type */
export interface ILoadMessagesForEmbeddingParams {
  ids: stringArray;
}

/** 'LoadMessagesForEmbedding' return type */
export interface ILoadMessagesForEmbeddingResult {
  /** Message text, 1 to 100000 characters. */
  content: string;
  /** Message id. */
  id: string;
  /** Author: user (the person) or assistant (the AI). */
  role: string;
  /** Owner: always the conversation's owner (also for assistant messages). */
  userId: string;
}

/** 'LoadMessagesForEmbedding' query type */
export interface ILoadMessagesForEmbeddingQuery {
  params: ILoadMessagesForEmbeddingParams;
  result: ILoadMessagesForEmbeddingResult;
}

const loadMessagesForEmbeddingIR: any = {"usedParamSet":{"ids":true},"params":[{"name":"ids","required":true,"transform":{"type":"scalar"},"locs":[{"a":130,"b":134}]}],"statement":"select m.id as \"id!\", m.user_id as \"userId!\", m.role as \"role!\", m.content as \"content!\"\nfrom app.messages as m\nwhere m.id = any (:ids!::uuid[])"};

/**
 * Query generated from SQL:
 * ```
 * select m.id as "id!", m.user_id as "userId!", m.role as "role!", m.content as "content!"
 * from app.messages as m
 * where m.id = any (:ids!::uuid[])
 * ```
 */
export const loadMessagesForEmbedding = new PreparedQuery<ILoadMessagesForEmbeddingParams,ILoadMessagesForEmbeddingResult>(loadMessagesForEmbeddingIR);


/** 'ExistingEmbeddingChunks' parameters type */
export interface IExistingEmbeddingChunksParams {
  ids: stringArray;
  kind: string;
  model: string;
}

/** 'ExistingEmbeddingChunks' return type */
export interface IExistingEmbeddingChunksResult {
  /** Position of the chunk within its source, from 0. */
  chunkIndex: number;
  /** The chunk text that was embedded (returned to the model as context). */
  content: string;
  /** Id of the source row (meal_logs.id or messages.id of the same person; required for them, checked by trigger embeddings_check_source_*). For knowledge rows optional: a stable document uuid chosen by the loader (e.g. a name-based uuid of its URL) makes reloading idempotent; NULL rows are never deduplicated (NULLs are distinct in idx_embeddings_knowledge_chunk). */
  sourceId: string;
}

/** 'ExistingEmbeddingChunks' query type */
export interface IExistingEmbeddingChunksQuery {
  params: IExistingEmbeddingChunksParams;
  result: IExistingEmbeddingChunksResult;
}

const existingEmbeddingChunksIR: any = {"usedParamSet":{"kind":true,"ids":true,"model":true},"params":[{"name":"kind","required":true,"transform":{"type":"scalar"},"locs":[{"a":138,"b":143}]},{"name":"ids","required":true,"transform":{"type":"scalar"},"locs":[{"a":168,"b":172}]},{"name":"model","required":true,"transform":{"type":"scalar"},"locs":[{"a":197,"b":203}]}],"statement":"select e.source_id as \"sourceId!\", e.chunk_index as \"chunkIndex!\", e.content as \"content!\"\nfrom app.embeddings as e\nwhere e.source_kind = :kind! and e.source_id = any (:ids!::uuid[]) and e.model = :model!\norder by e.source_id, e.chunk_index"};

/**
 * Query generated from SQL:
 * ```
 * select e.source_id as "sourceId!", e.chunk_index as "chunkIndex!", e.content as "content!"
 * from app.embeddings as e
 * where e.source_kind = :kind! and e.source_id = any (:ids!::uuid[]) and e.model = :model!
 * order by e.source_id, e.chunk_index
 * ```
 */
export const existingEmbeddingChunks = new PreparedQuery<IExistingEmbeddingChunksParams,IExistingEmbeddingChunksResult>(existingEmbeddingChunksIR);


/** 'LockEmbeddingSources' parameters type */
export interface ILockEmbeddingSourcesParams {
  ids: stringArray;
  kind: string;
  userIds: stringArray;
}

/** 'LockEmbeddingSources' return type */
export interface ILockEmbeddingSourcesResult {
  id: string;
  userId: string;
}

/** 'LockEmbeddingSources' query type */
export interface ILockEmbeddingSourcesQuery {
  params: ILockEmbeddingSourcesParams;
  result: ILockEmbeddingSourcesResult;
}

const lockEmbeddingSourcesIR: any = {"usedParamSet":{"kind":true,"userIds":true,"ids":true},"params":[{"name":"kind","required":true,"transform":{"type":"scalar"},"locs":[{"a":165,"b":170}]},{"name":"userIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":173,"b":181}]},{"name":"ids","required":true,"transform":{"type":"scalar"},"locs":[{"a":192,"b":196}]}],"statement":"-- (userIds[i], ids[i]) pairs: the function locks one person's rows at a time (000115).\nselect s.id as \"id!\", s.user_id as \"userId!\"\nfrom app.lock_embedding_sources(:kind!, :userIds!::uuid[], :ids!::uuid[]) as s"};

/**
 * Query generated from SQL:
 * ```
 * -- (userIds[i], ids[i]) pairs: the function locks one person's rows at a time (000115).
 * select s.id as "id!", s.user_id as "userId!"
 * from app.lock_embedding_sources(:kind!, :userIds!::uuid[], :ids!::uuid[]) as s
 * ```
 */
export const lockEmbeddingSources = new PreparedQuery<ILockEmbeddingSourcesParams,ILockEmbeddingSourcesResult>(lockEmbeddingSourcesIR);


/** 'UpsertEmbeddings' parameters type */
export interface IUpsertEmbeddingsParams {
  rows: readonly ({
    userId: string,
    sourceKind: string,
    sourceId: string,
    chunkIndex: number,
    content: string,
    embedding: string,
    model: string,
    metadata: Json
  })[];
}

/** 'UpsertEmbeddings' return type */
export type IUpsertEmbeddingsResult = void;

/** 'UpsertEmbeddings' query type */
export interface IUpsertEmbeddingsQuery {
  params: IUpsertEmbeddingsParams;
  result: IUpsertEmbeddingsResult;
}

const upsertEmbeddingsIR: any = {"usedParamSet":{"rows":true},"params":[{"name":"rows","required":false,"transform":{"type":"pick_array_spread","keys":[{"name":"userId","required":true},{"name":"sourceKind","required":true},{"name":"sourceId","required":true},{"name":"chunkIndex","required":true},{"name":"content","required":true},{"name":"embedding","required":true},{"name":"model","required":true},{"name":"metadata","required":true}]},"locs":[{"a":289,"b":293}]}],"statement":"-- created_at = excluded.created_at: the proposed row's default, now() of this transaction, as before;\n-- Citus refuses a non-IMMUTABLE function (now()) in DO UPDATE SET.\ninsert into app.embeddings (user_id, source_kind, source_id, chunk_index, content, embedding, model, metadata)\nvalues :rows\non conflict (user_id, source_kind, source_id, chunk_index, model) where user_id is not null do update\n  set content = excluded.content,\n      embedding = excluded.embedding,\n      metadata = excluded.metadata,\n      created_at = excluded.created_at"};

/**
 * Query generated from SQL:
 * ```
 * -- created_at = excluded.created_at: the proposed row's default, now() of this transaction, as before;
 * -- Citus refuses a non-IMMUTABLE function (now()) in DO UPDATE SET.
 * insert into app.embeddings (user_id, source_kind, source_id, chunk_index, content, embedding, model, metadata)
 * values :rows
 * on conflict (user_id, source_kind, source_id, chunk_index, model) where user_id is not null do update
 *   set content = excluded.content,
 *       embedding = excluded.embedding,
 *       metadata = excluded.metadata,
 *       created_at = excluded.created_at
 * ```
 */
export const upsertEmbeddings = new PreparedQuery<IUpsertEmbeddingsParams,IUpsertEmbeddingsResult>(upsertEmbeddingsIR);


/** 'DeleteSurplusChunks' parameters type */
export interface IDeleteSurplusChunksParams {
  chunkCounts: numberArray;
  kind: string;
  model: string;
  sourceIds: stringArray;
}

/** 'DeleteSurplusChunks' return type */
export type IDeleteSurplusChunksResult = void;

/** 'DeleteSurplusChunks' query type */
export interface IDeleteSurplusChunksQuery {
  params: IDeleteSurplusChunksParams;
  result: IDeleteSurplusChunksResult;
}

const deleteSurplusChunksIR: any = {"usedParamSet":{"sourceIds":true,"chunkCounts":true,"kind":true,"model":true},"params":[{"name":"sourceIds","required":true,"transform":{"type":"scalar"},"locs":[{"a":45,"b":55}]},{"name":"chunkCounts","required":true,"transform":{"type":"scalar"},"locs":[{"a":66,"b":78}]},{"name":"kind","required":true,"transform":{"type":"scalar"},"locs":[{"a":139,"b":144}]},{"name":"model","required":true,"transform":{"type":"scalar"},"locs":[{"a":160,"b":166}]}],"statement":"delete from app.embeddings as e\nusing unnest(:sourceIds!::uuid[], :chunkCounts!::integer[]) as k (source_id, chunks)\nwhere e.source_kind = :kind! and e.model = :model! and e.source_id = k.source_id and e.chunk_index >= k.chunks"};

/**
 * Query generated from SQL:
 * ```
 * delete from app.embeddings as e
 * using unnest(:sourceIds!::uuid[], :chunkCounts!::integer[]) as k (source_id, chunks)
 * where e.source_kind = :kind! and e.model = :model! and e.source_id = k.source_id and e.chunk_index >= k.chunks
 * ```
 */
export const deleteSurplusChunks = new PreparedQuery<IDeleteSurplusChunksParams,IDeleteSurplusChunksResult>(deleteSurplusChunksIR);


/** 'RecordEmbeddingUsage' parameters type */
export interface IRecordEmbeddingUsageParams {
  rows: readonly ({
    userId: string,
    provider: string,
    model: string,
    inputTokens: number,
    outputTokens: number,
    costUsd: NumberOrString,
    latencyMs: number,
    requestId: string,
    feature: string
  })[];
}

/** 'RecordEmbeddingUsage' return type */
export type IRecordEmbeddingUsageResult = void;

/** 'RecordEmbeddingUsage' query type */
export interface IRecordEmbeddingUsageQuery {
  params: IRecordEmbeddingUsageParams;
  result: IRecordEmbeddingUsageResult;
}

const recordEmbeddingUsageIR: any = {"usedParamSet":{"rows":true},"params":[{"name":"rows","required":false,"transform":{"type":"pick_array_spread","keys":[{"name":"userId","required":true},{"name":"provider","required":true},{"name":"model","required":true},{"name":"inputTokens","required":true},{"name":"outputTokens","required":true},{"name":"costUsd","required":true},{"name":"latencyMs","required":true},{"name":"requestId","required":true},{"name":"feature","required":true}]},"locs":[{"a":414,"b":418}]}],"statement":"-- A plain multi-row VALUES (the parameters take the columns' types): Citus splits it by shard and\n-- inserts under row-level security. An INSERT … SELECT from VALUES was pulled to the coordinator and\n-- COPYed into the shards, which Citus refuses under row-level security (0A000).\ninsert into app.api_usage (user_id, provider, model, input_tokens, output_tokens, cost_usd, latency_ms, request_id, feature)\nvalues :rows"};

/**
 * Query generated from SQL:
 * ```
 * -- A plain multi-row VALUES (the parameters take the columns' types): Citus splits it by shard and
 * -- inserts under row-level security. An INSERT … SELECT from VALUES was pulled to the coordinator and
 * -- COPYed into the shards, which Citus refuses under row-level security (0A000).
 * insert into app.api_usage (user_id, provider, model, input_tokens, output_tokens, cost_usd, latency_ms, request_id, feature)
 * values :rows
 * ```
 */
export const recordEmbeddingUsage = new PreparedQuery<IRecordEmbeddingUsageParams,IRecordEmbeddingUsageResult>(recordEmbeddingUsageIR);


