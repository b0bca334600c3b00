/** Types generated for queries found in "queries/jobs.sql" */
import { PreparedQuery } from '@pgtyped/runtime';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type numberArray = (number)[];

export type stringArray = (string)[];

/** 'MaintainPartitions' parameters type */
export type IMaintainPartitionsParams = void;

/** 'MaintainPartitions' return type */
export interface IMaintainPartitionsResult {
  result: Json;
}

/** 'MaintainPartitions' query type */
export interface IMaintainPartitionsQuery {
  params: IMaintainPartitionsParams;
  result: IMaintainPartitionsResult;
}

const maintainPartitionsIR: any = {"usedParamSet":{},"params":[],"statement":"select app.maintain_partitions() as \"result!\""};

/**
 * Query generated from SQL:
 * ```
 * select app.maintain_partitions() as "result!"
 * ```
 */
export const maintainPartitions = new PreparedQuery<IMaintainPartitionsParams,IMaintainPartitionsResult>(maintainPartitionsIR);


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

const purgeDueAccountsIR: any = {"usedParamSet":{"limit":true},"params":[{"name":"limit","required":true,"transform":{"type":"scalar"},"locs":[{"a":30,"b":36}]}],"statement":"select app.purge_due_accounts(:limit!::integer) as \"result!\""};

/**
 * Query generated from SQL:
 * ```
 * select app.purge_due_accounts(:limit!::integer) as "result!"
 * ```
 */
export const purgeDueAccounts = new PreparedQuery<IPurgeDueAccountsParams,IPurgeDueAccountsResult>(purgeDueAccountsIR);


/** 'MarkOfflineAppliances' parameters type */
export interface IMarkOfflineAppliancesParams {
  seconds: number;
}

/** 'MarkOfflineAppliances' return type */
export interface IMarkOfflineAppliancesResult {
  count: number;
}

/** 'MarkOfflineAppliances' query type */
export interface IMarkOfflineAppliancesQuery {
  params: IMarkOfflineAppliancesParams;
  result: IMarkOfflineAppliancesResult;
}

const markOfflineAppliancesIR: any = {"usedParamSet":{"seconds":true},"params":[{"name":"seconds","required":true,"transform":{"type":"scalar"},"locs":[{"a":68,"b":76}]}],"statement":"select app.mark_offline_appliances(pg_catalog.make_interval(secs => :seconds!::double precision)) as \"count!\""};

/**
 * Query generated from SQL:
 * ```
 * select app.mark_offline_appliances(pg_catalog.make_interval(secs => :seconds!::double precision)) as "count!"
 * ```
 */
export const markOfflineAppliances = new PreparedQuery<IMarkOfflineAppliancesParams,IMarkOfflineAppliancesResult>(markOfflineAppliancesIR);


/** 'DeleteStalePushTokens' parameters type */
export interface IDeleteStalePushTokensParams {
  days: number;
}

/** 'DeleteStalePushTokens' return type */
export interface IDeleteStalePushTokensResult {
  count: number;
}

/** 'DeleteStalePushTokens' query type */
export interface IDeleteStalePushTokensQuery {
  params: IDeleteStalePushTokensParams;
  result: IDeleteStalePushTokensResult;
}

const deleteStalePushTokensIR: any = {"usedParamSet":{"days":true},"params":[{"name":"days","required":true,"transform":{"type":"scalar"},"locs":[{"a":69,"b":74}]}],"statement":"select app.delete_stale_push_tokens(pg_catalog.make_interval(days => :days!::integer)) as \"count!\""};

/**
 * Query generated from SQL:
 * ```
 * select app.delete_stale_push_tokens(pg_catalog.make_interval(days => :days!::integer)) as "count!"
 * ```
 */
export const deleteStalePushTokens = new PreparedQuery<IDeleteStalePushTokensParams,IDeleteStalePushTokensResult>(deleteStalePushTokensIR);


/** 'RefreshDailyMetrics' parameters type */
export interface IRefreshDailyMetricsParams {
  day: string;
  userId: string;
}

/** 'RefreshDailyMetrics' return type */
export interface IRefreshDailyMetricsResult {
  done: undefined | null;
}

/** 'RefreshDailyMetrics' query type */
export interface IRefreshDailyMetricsQuery {
  params: IRefreshDailyMetricsParams;
  result: IRefreshDailyMetricsResult;
}

const refreshDailyMetricsIR: any = {"usedParamSet":{"userId":true,"day":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":33,"b":40}]},{"name":"day","required":true,"transform":{"type":"scalar"},"locs":[{"a":49,"b":53}]}],"statement":"select app.refresh_daily_metrics(:userId!::uuid, :day!::date) as \"done\""};

/**
 * Query generated from SQL:
 * ```
 * select app.refresh_daily_metrics(:userId!::uuid, :day!::date) as "done"
 * ```
 */
export const refreshDailyMetrics = new PreparedQuery<IRefreshDailyMetricsParams,IRefreshDailyMetricsResult>(refreshDailyMetricsIR);


/** 'RebuildDailyMetrics' parameters type */
export interface IRebuildDailyMetricsParams {
  userId: string;
}

/** 'RebuildDailyMetrics' return type */
export interface IRebuildDailyMetricsResult {
  days: number;
}

/** 'RebuildDailyMetrics' query type */
export interface IRebuildDailyMetricsQuery {
  params: IRebuildDailyMetricsParams;
  result: IRebuildDailyMetricsResult;
}

const rebuildDailyMetricsIR: any = {"usedParamSet":{"userId":true},"params":[{"name":"userId","required":true,"transform":{"type":"scalar"},"locs":[{"a":33,"b":40}]}],"statement":"select app.rebuild_daily_metrics(:userId!::uuid) as \"days!\""};

/**
 * Query generated from SQL:
 * ```
 * select app.rebuild_daily_metrics(:userId!::uuid) as "days!"
 * ```
 */
export const rebuildDailyMetrics = new PreparedQuery<IRebuildDailyMetricsParams,IRebuildDailyMetricsResult>(rebuildDailyMetricsIR);


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

const loadMealLogsForEmbeddingIR: any = {"usedParamSet":{"ids":true},"params":[{"name":"ids","required":true,"transform":{"type":"scalar"},"locs":[{"a":492,"b":496}]}],"statement":"select m.id as \"id!\", m.user_id as \"userId!\", m.meal_type as \"mealType!\", m.notes, m.ai_analysis as \"aiAnalysis\",\n       coalesce((\n         select pg_catalog.json_agg(pg_catalog.json_build_object('name', f.name, 'quantity', f.quantity, 'unit', f.unit)\n                                    order by f.created_at, f.name, f.id)\n         from app.meal_foods as f\n         where f.meal_log_id = m.id and f.user_id = m.user_id\n       ), '[]') as \"foods!\"\nfrom app.meal_logs as m\nwhere m.id = any (:ids!::uuid[])"};

/**
 * Query generated from SQL:
 * ```
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

const lockEmbeddingSourcesIR: any = {"usedParamSet":{"kind":true,"ids":true},"params":[{"name":"kind","required":true,"transform":{"type":"scalar"},"locs":[{"a":77,"b":82}]},{"name":"ids","required":true,"transform":{"type":"scalar"},"locs":[{"a":85,"b":89}]}],"statement":"select s.id as \"id!\", s.user_id as \"userId!\"\nfrom app.lock_embedding_sources(:kind!, :ids!::uuid[]) as s"};

/**
 * Query generated from SQL:
 * ```
 * select s.id as "id!", s.user_id as "userId!"
 * from app.lock_embedding_sources(:kind!, :ids!::uuid[]) as s
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

const upsertEmbeddingsIR: any = {"usedParamSet":{"rows":true},"params":[{"name":"rows","required":false,"transform":{"type":"pick_array_spread","keys":[{"name":"userId","required":true},{"name":"sourceKind","required":true},{"name":"sourceId","required":true},{"name":"chunkIndex","required":true},{"name":"content","required":true},{"name":"embedding","required":true},{"name":"model","required":true},{"name":"metadata","required":true}]},"locs":[{"a":118,"b":122}]}],"statement":"insert into app.embeddings (user_id, source_kind, source_id, chunk_index, content, embedding, model, metadata)\nvalues :rows\non conflict (user_id, source_kind, source_id, chunk_index, model) where user_id is not null do update\n  set content = excluded.content,\n      embedding = excluded.embedding,\n      metadata = excluded.metadata,\n      created_at = pg_catalog.now()"};

/**
 * Query generated from SQL:
 * ```
 * insert into app.embeddings (user_id, source_kind, source_id, chunk_index, content, embedding, model, metadata)
 * values :rows
 * on conflict (user_id, source_kind, source_id, chunk_index, model) where user_id is not null do update
 *   set content = excluded.content,
 *       embedding = excluded.embedding,
 *       metadata = excluded.metadata,
 *       created_at = pg_catalog.now()
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
    inputTokens: string,
    costUsd: string,
    latencyMs: string,
    requestId: string
  })[];
}

/** 'RecordEmbeddingUsage' return type */
export type IRecordEmbeddingUsageResult = void;

/** 'RecordEmbeddingUsage' query type */
export interface IRecordEmbeddingUsageQuery {
  params: IRecordEmbeddingUsageParams;
  result: IRecordEmbeddingUsageResult;
}

const recordEmbeddingUsageIR: any = {"usedParamSet":{"rows":true},"params":[{"name":"rows","required":false,"transform":{"type":"pick_array_spread","keys":[{"name":"userId","required":true},{"name":"provider","required":true},{"name":"model","required":true},{"name":"inputTokens","required":true},{"name":"costUsd","required":true},{"name":"latencyMs","required":true},{"name":"requestId","required":true}]},"locs":[{"a":281,"b":285}]}],"statement":"insert into app.api_usage (user_id, provider, model, input_tokens, cost_usd, latency_ms, request_id, output_tokens, feature)\nselect u.user_id::uuid, u.provider, u.model, u.input_tokens::integer, u.cost_usd::numeric, u.latency_ms::integer, u.request_id, 0, 'embedding'\nfrom (values :rows) as u (user_id, provider, model, input_tokens, cost_usd, latency_ms, request_id)"};

/**
 * Query generated from SQL:
 * ```
 * insert into app.api_usage (user_id, provider, model, input_tokens, cost_usd, latency_ms, request_id, output_tokens, feature)
 * select u.user_id::uuid, u.provider, u.model, u.input_tokens::integer, u.cost_usd::numeric, u.latency_ms::integer, u.request_id, 0, 'embedding'
 * from (values :rows) as u (user_id, provider, model, input_tokens, cost_usd, latency_ms, request_id)
 * ```
 */
export const recordEmbeddingUsage = new PreparedQuery<IRecordEmbeddingUsageParams,IRecordEmbeddingUsageResult>(recordEmbeddingUsageIR);


/** 'QueueDepths' parameters type */
export type IQueueDepthsParams = void;

/** 'QueueDepths' return type */
export interface IQueueDepthsResult {
  active: number;
  deferred: number;
  failed: number;
  name: string;
  ready: number;
}

/** 'QueueDepths' query type */
export interface IQueueDepthsQuery {
  params: IQueueDepthsParams;
  result: IQueueDepthsResult;
}

const queueDepthsIR: any = {"usedParamSet":{},"params":[],"statement":"select q.name as \"name!\",\n       (count(*) filter (where j.state in ('created', 'retry') and j.start_after <= now()))::integer as \"ready!\",\n       (count(*) filter (where j.state in ('created', 'retry') and j.start_after > now()))::integer as \"deferred!\",\n       (count(*) filter (where j.state = 'active'))::integer as \"active!\",\n       (count(*) filter (where j.state = 'failed'))::integer as \"failed!\"\nfrom pgboss.queue as q\nleft join pgboss.job as j on j.name = q.name and j.state in ('created', 'retry', 'active', 'failed')\ngroup by q.name\norder by q.name"};

/**
 * Query generated from SQL:
 * ```
 * select q.name as "name!",
 *        (count(*) filter (where j.state in ('created', 'retry') and j.start_after <= now()))::integer as "ready!",
 *        (count(*) filter (where j.state in ('created', 'retry') and j.start_after > now()))::integer as "deferred!",
 *        (count(*) filter (where j.state = 'active'))::integer as "active!",
 *        (count(*) filter (where j.state = 'failed'))::integer as "failed!"
 * from pgboss.queue as q
 * left join pgboss.job as j on j.name = q.name and j.state in ('created', 'retry', 'active', 'failed')
 * group by q.name
 * order by q.name
 * ```
 */
export const queueDepths = new PreparedQuery<IQueueDepthsParams,IQueueDepthsResult>(queueDepthsIR);


