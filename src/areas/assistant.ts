// assistant area: conversations and messages, API usage and cost, embeddings and similarity
// search. SQL lives in queries/assistant.sql; app.search_knowledge in migrations/committed/000032.
import { randomUUID } from 'node:crypto';
import { personOf, type DbClient } from '../db/context.ts';
import { NotFoundError, ValidationError } from '../db/errors.ts';
import {
  costSummary as costSummaryQuery,
  embeddingDimensions,
  getConversation as getConversationQuery,
  insertApiUsage,
  insertConversation,
  insertKnowledgeEmbeddings,
  insertMessages,
  listConversations as listConversationsQuery,
  listMessagesNewestFirst,
  listMessagesOldestFirst,
  searchKnowledge as searchKnowledgeQuery,
  searchMyEmbeddings,
  upsertPersonEmbeddings,
  type IInsertApiUsageResult,
  type IInsertMessagesResult,
  type IListConversationsResult,
} from '../generated/assistant.queries.ts';
import * as embedQ from '../generated/assistant.queries.ts';
import {
  dayRange,
  fail,
  INT32_MAX,
  isPlainObject,
  jsonObject,
  list,
  num,
  oneOf,
  optionalNum,
  optionalText,
  pageSize,
  text,
  timeIdCursor,
  toPage,
  uuid,
  type Page,
} from './shared/input.ts';
import { runQuery } from '../db/run-query.ts';

export type { Page } from './shared/input.ts';

// --- conversations and messages ------------------------------------------------------------------

export interface Conversation {
  id: string;
  /** Null until the first user message titles it (unless given). */
  title: string | null;
  createdAt: Date;
  updatedAt: Date;
  lastMessageAt: Date | null;
}

export interface ConversationSummary extends Conversation {
  /** The newest message, cut to 200 characters; null without messages. */
  lastMessage: { role: MessageRole; preview: string } | null;
}

export type MessageRole = 'user' | 'assistant';

export interface Message {
  id: string;
  role: MessageRole;
  content: string;
  metadata: Record<string, unknown>;
  createdAt: Date;
}

export interface MessageInput {
  role: MessageRole;
  /** 1 to 100000 characters. */
  content: string;
  /** JSON object (citations, meal ids, tool calls …), at most 64 KiB. */
  metadata?: Record<string, unknown>;
}

const MAX_MESSAGES_PER_CALL = 100;

/** Starts a conversation with the assistant (optional title); returns it with no messages yet. */
export async function startConversation(client: DbClient, input: { title?: string | null } = {}): Promise<Conversation> {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  const title = optionalText(input.title, 'title', { max: 200, trim: true }) ?? null;
  const [row] = await runQuery(insertConversation, { userId: personOf(client), title }, client);
  return row!;
}

/** One of the person's conversations by id, or null (also for another person's). */
export async function getConversation(client: DbClient, id: string): Promise<Conversation | null> {
  const [row] = await runQuery(getConversationQuery, { userId: personOf(client), id: uuid(id, 'id') }, client);
  return row ?? null;
}

function toMessage(row: Pick<IInsertMessagesResult, 'id' | 'role' | 'content' | 'messageMetadata' | 'createdAt'>): Message {
  return { id: row.id, role: row.role as MessageRole, content: row.content, metadata: row.messageMetadata as Record<string, unknown>, createdAt: row.createdAt };
}

/** Adds messages to one of the person's conversations, in order (e.g. a question and its answer). */
export async function addMessages(client: DbClient, conversationId: string, messages: MessageInput[]): Promise<Message[]> {
  const id = uuid(conversationId, 'conversationId');
  const items = list(messages, 'messages', MAX_MESSAGES_PER_CALL, 1).map((m, i) => {
    const at = `messages[${i}]`;
    if (!isPlainObject(m)) fail(at, 'object', 'must be an object');
    return {
      // The id is made here, not by the column's gen_random_uuid() default: a volatile function
      // would make Citus pull the INSERT ... SELECT to the coordinator (queries/assistant.sql).
      id: randomUUID(),
      role: oneOf(m.role, `${at}.role`, ['user', 'assistant'] as const),
      content: text(m.content, `${at}.content`, { max: 100_000 }),
      metadata: m.metadata === undefined ? {} : JSON.parse(jsonObject(m.metadata, `${at}.metadata`, 65_536)),
    };
  });
  // The rows come from the person's conversation: none when it is not theirs (or does not exist).
  const rows = await runQuery(insertMessages, { userId: personOf(client), conversationId: id, messages: JSON.stringify(items) }, client);
  if (rows.length === 0) throw new NotFoundError('conversationId', 'conversation', 'no conversation with this id');
  return rows.map(toMessage).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** Adds one message to one of the person's conversations (NotFoundError otherwise); queues its embedding. */
export async function addMessage(client: DbClient, conversationId: string, message: MessageInput): Promise<Message> {
  const [m] = await addMessages(client, conversationId, [message]);
  return m!;
}

function toSummary(row: IListConversationsResult): ConversationSummary {
  const { cursorTime: _c, lastMessageRole, lastMessagePreview, ...rest } = row;
  return {
    ...rest,
    lastMessage: lastMessageRole === null ? null : { role: lastMessageRole as MessageRole, preview: lastMessagePreview ?? '' },
  };
}

/** The person's conversations, latest activity first (conversations without messages last), with a preview of the last message. */
export async function listConversations(client: DbClient, options: { limit?: number; cursor?: string | null } = {}): Promise<Page<ConversationSummary>> {
  if (!isPlainObject(options)) fail('options', 'object', 'must be an object');
  const limit = pageSize(options.limit);
  const after = options.cursor === undefined || options.cursor === null ? null : timeIdCursor(options.cursor, 'cursor', true);
  const rows = await runQuery(listConversationsQuery, { userId: personOf(client), afterTime: after?.time ?? null, afterId: after?.id ?? null, limit: limit + 1 }, client);
  return toPage(rows, limit, (r) => [r.cursorTime, r.id], toSummary);
}

export interface ListMessagesOptions {
  limit?: number;
  cursor?: string | null;
  /** 'newest' (default: the latest page first, paging back in time) or 'oldest' (from the start). */
  order?: 'newest' | 'oldest';
}

/** One page of a conversation's messages. NotFoundError when the conversation is not the person's. */
export async function listMessages(client: DbClient, conversationId: string, options: ListMessagesOptions = {}): Promise<Page<Message>> {
  const id = uuid(conversationId, 'conversationId');
  if (!isPlainObject(options)) fail('options', 'object', 'must be an object');
  const limit = pageSize(options.limit, 'limit', 50, 200);
  const order = options.order === undefined ? 'newest' : oneOf(options.order, 'order', ['newest', 'oldest'] as const);
  const after = options.cursor === undefined || options.cursor === null ? null : timeIdCursor(options.cursor);
  const params = { userId: personOf(client), conversationId: id, afterTime: after?.time ?? null, afterId: after?.id ?? null, limit: limit + 1 };
  const rows = await (order === 'newest' ? runQuery(listMessagesNewestFirst, params, client) : runQuery(listMessagesOldestFirst, params, client));
  if (rows.length === 0 && !after && !(await getConversation(client, id))) {
    throw new NotFoundError('conversationId', 'conversation', 'no conversation with this id');
  }
  return toPage(rows, limit, (r) => [r.cursorTime, r.id], toMessage);
}

// --- API usage and cost ---------------------------------------------------------------------------

export interface UsageInput {
  /** e.g. openai, anthropic, bedrock (1 to 50 characters). */
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** US dollars, >= 0, at most 6 decimals kept (a number or a decimal string). */
  costUsd: number | string;
  feature?: string | null;
  latencyMs?: number | null;
  requestId?: string | null;
}

export interface Usage {
  id: string;
  provider: string;
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** Decimal string, exact (numeric(12,6)). */
  costUsd: string;
  feature: string | null;
  latencyMs: number | null;
  requestId: string | null;
  createdAt: Date;
}

const DECIMAL = /^\d{1,6}(\.\d{1,12})?$/;

function usageParams(input: UsageInput) {
  if (!isPlainObject(input)) fail('input', 'object', 'must be an object');
  let costUsd: string;
  if (typeof input.costUsd === 'string') {
    if (!DECIMAL.test(input.costUsd)) fail('costUsd', 'format', 'must be a decimal string such as "0.0125" (below 1,000,000)');
    costUsd = input.costUsd;
  } else {
    costUsd = num(input.costUsd, 'costUsd', { min: 0, max: 999_999.999999 }).toFixed(6);
  }
  const tokens = { min: 0, max: INT32_MAX, integer: true };
  return {
    provider: text(input.provider, 'provider', { max: 50 }),
    model: text(input.model, 'model', { max: 200 }),
    inputTokens: num(input.inputTokens, 'inputTokens', tokens),
    outputTokens: num(input.outputTokens, 'outputTokens', tokens),
    costUsd,
    feature: optionalText(input.feature, 'feature', { max: 50 }) ?? null,
    latencyMs: optionalNum(input.latencyMs, 'latencyMs', tokens) ?? null,
    requestId: optionalText(input.requestId, 'requestId', { max: 200 }) ?? null,
  };
}

function toUsage(row: IInsertApiUsageResult): Usage {
  return row;
}

/** Records one AI provider request made for the person. */
export async function recordUsage(client: DbClient, input: UsageInput): Promise<Usage> {
  const [row] = await runQuery(insertApiUsage, { ...usageParams(input), userId: personOf(client) }, client);
  return toUsage(row!);
}

export interface CostRow {
  /** Calendar day in the person's time zone. */
  day: string;
  provider: string;
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
  /** Decimal string, exact. */
  costUsd: string;
}

/** Decimal string (≤ 6 decimals) → micro-dollars. */
function micros(decimal: string): bigint {
  const [whole, frac = ''] = decimal.split('.');
  return BigInt(whole!) * 1_000_000n + BigInt((frac + '000000').slice(0, 6));
}

function fromMicros(n: bigint): string {
  const s = n.toString().padStart(7, '0');
  return `${s.slice(0, -6)}.${s.slice(-6)}`;
}

/** Usage per day (person's time zone), provider and model for [from, to] (at most 367 days), with the exact total. */
export async function costSummary(client: DbClient, range: { from: string; to: string }): Promise<{ rows: CostRow[]; totalUsd: string }> {
  const { from, to } = dayRange(range);
  const rows = await runQuery(costSummaryQuery, { userId: personOf(client), from, to }, client);
  const total = rows.reduce((sum, r) => sum + micros(r.costUsd), 0n);
  return { rows, totalUsd: fromMicros(total) };
}

// --- embeddings ------------------------------------------------------------------------------------

/** Dimension of app.embeddings.embedding, read once per connection (a migration may change it). */
const dimensionsByConnection = new WeakMap<object, number>();

async function embeddingDimension(client: DbClient): Promise<number> {
  let d = dimensionsByConnection.get(client);
  if (d === undefined) {
    const [row] = await runQuery(embeddingDimensions, undefined, client);
    d = row?.dimensions ?? -1;
    dimensionsByConnection.set(client, d);
  }
  return d;
}

/** A vector of the column's dimension with finite components, as pgvector text. */
function vectorText(value: unknown, field: string, dimensions: number): string {
  if (!Array.isArray(value) && !(value instanceof Float32Array) && !(value instanceof Float64Array)) {
    fail(field, 'type', 'must be an array of numbers');
  }
  const v = value as ArrayLike<unknown>;
  if (dimensions > 0 && v.length !== dimensions) {
    throw new ValidationError(field, 'dimension', `${field}: must have ${dimensions} dimensions, got ${v.length}`);
  }
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) fail(field, 'finite', `component ${i} must be a finite number, got ${String(x)}`);
    if (Math.abs(x) > 3.4e38) fail(field, 'range', `component ${i} does not fit a 4-byte float`);
  }
  // pgvector's text form is the JSON array ('[0.1,-0.2,…]'); the components were checked above.
  return JSON.stringify(Array.isArray(v) ? v : Array.from(v as ArrayLike<number>));
}

export type SourceKind = 'meal_log' | 'message';

export interface EmbeddingInput {
  sourceKind: SourceKind;
  /** The meal log's or message's id (it must be the person's). */
  sourceId: string;
  /** Position of the chunk within its source, from 0 (default 0). */
  chunkIndex?: number;
  /** The chunk text, 1 to 50000 characters. */
  content: string;
  /** The vector; its length must be the column's dimension (1536 unless a migration changed it). */
  embedding: number[] | Float32Array;
  /** Embedding model name (vectors of different models are not comparable). */
  model: string;
  metadata?: Record<string, unknown>;
}

const MAX_EMBEDDINGS_PER_CALL = 500;
const CHUNK_CHARS = 50_000;

async function embeddingItems(client: DbClient, items: unknown, withUser: boolean) {
  const d = await embeddingDimension(client);
  const seen = new Set<string>();
  return list(items, 'items', MAX_EMBEDDINGS_PER_CALL, 1).map((item, i) => {
    const at = `items[${i}]`;
    if (!isPlainObject(item)) fail(at, 'object', 'must be an object');
    const row = {
      ...(withUser ? { user_id: uuid(item.userId, `${at}.userId`) } : {}),
      source_kind: oneOf(item.sourceKind, `${at}.sourceKind`, ['meal_log', 'message'] as const),
      source_id: uuid(item.sourceId, `${at}.sourceId`),
      chunk_index: item.chunkIndex === undefined ? 0 : num(item.chunkIndex, `${at}.chunkIndex`, { min: 0, max: INT32_MAX, integer: true }),
      content: text(item.content, `${at}.content`, { max: CHUNK_CHARS }),
      embedding: vectorText(item.embedding, `${at}.embedding`, d),
      model: text(item.model, `${at}.model`, { max: 200 }),
      metadata: item.metadata === undefined ? {} : JSON.parse(jsonObject(item.metadata, `${at}.metadata`, 65_536)),
    };
    const key = `${row.source_kind}/${row.source_id}/${row.chunk_index}/${row.model}`;
    if (seen.has(key)) fail(at, 'duplicate', 'repeats the (sourceKind, sourceId, chunkIndex, model) of an earlier item');
    seen.add(key);
    return row;
  });
}

async function upsertEmbeddings(client: DbClient, userId: string, rows: { ord: number; row: object }[]): Promise<string[]> {
  const result = await runQuery(upsertPersonEmbeddings, { userId, items: JSON.stringify(rows.map((r) => r.row)) }, client);
  const missing = result.find((r) => r.missing);
  if (missing) {
    throw new NotFoundError(`items[${rows[missing.ord - 1]!.ord}].sourceId`, 'source', 'no such meal log or message of this person; nothing was stored');
  }
  return result.map((r) => r.id!);
}

/** Stores (or replaces) the person's chunks in one statement; every source must be the person's, else nothing is stored. */
export async function storeEmbeddings(client: DbClient, items: EmbeddingInput[]): Promise<{ ids: string[] }> {
  const rows = (await embeddingItems(client, items, false)).map((row, ord) => ({ ord, row }));
  return { ids: await upsertEmbeddings(client, personOf(client), rows) };
}

/**
 * Worker variant: each item names its person (the embed job runs for everyone). One statement per
 * person (each routed to that person's shard on Citus), in the same transaction: a missing source of
 * any person fails the call and nothing is stored. The ids come back in the order of the items.
 */
export async function storeEmbeddingsFor(client: DbClient, items: (EmbeddingInput & { userId: string })[]): Promise<{ ids: string[] }> {
  const rows = await embeddingItems(client, items, true);
  const byPerson = new Map<string, { ord: number; row: object }[]>();
  rows.forEach(({ user_id, ...row }, ord) => {
    const group = byPerson.get(user_id!) ?? [];
    group.push({ ord, row });
    byPerson.set(user_id!, group);
  });
  const ids: string[] = new Array(rows.length);
  for (const [userId, group] of byPerson) {
    const stored = await upsertEmbeddings(client, userId, group);
    group.forEach((g, i) => (ids[g.ord] = stored[i]!));
  }
  return { ids };
}

export interface KnowledgeInput {
  /** A stable document uuid makes reloading idempotent (upsert); without one the row is always inserted. */
  sourceId?: string | null;
  chunkIndex?: number;
  content: string;
  embedding: number[] | Float32Array;
  model: string;
  /** Searchable with searchKnowledge's filter (@>), e.g. { topic: 'protein', lang: 'en' }. */
  metadata?: Record<string, unknown>;
}

/** Admin: adds chunks to the shared knowledge base. */
export async function storeKnowledge(client: DbClient, items: KnowledgeInput[]): Promise<{ ids: string[] }> {
  const d = await embeddingDimension(client);
  const rows = list(items, 'items', MAX_EMBEDDINGS_PER_CALL, 1).map((item, i) => {
    const at = `items[${i}]`;
    if (!isPlainObject(item)) fail(at, 'object', 'must be an object');
    return {
      source_id: item.sourceId === undefined || item.sourceId === null ? null : uuid(item.sourceId, `${at}.sourceId`),
      chunk_index: item.chunkIndex === undefined ? 0 : num(item.chunkIndex, `${at}.chunkIndex`, { min: 0, max: INT32_MAX, integer: true }),
      content: text(item.content, `${at}.content`, { max: CHUNK_CHARS }),
      embedding: vectorText(item.embedding, `${at}.embedding`, d),
      model: text(item.model, `${at}.model`, { max: 200 }),
      metadata: item.metadata === undefined ? {} : JSON.parse(jsonObject(item.metadata, `${at}.metadata`, 65_536)),
    };
  });
  const result = await runQuery(insertKnowledgeEmbeddings, { items: JSON.stringify(rows) }, client);
  return { ids: result.map((r) => r.id) };
}

export interface SearchHit {
  id: string;
  content: string;
  /** Cosine distance: 0 = same direction, 2 = opposite. */
  distance: number;
  source: { kind: SourceKind | 'knowledge'; id: string | null; chunkIndex: number };
  metadata: Record<string, unknown>;
}

function toHit(row: { id: string; content: string; distance: number; sourceKind: string; sourceId: string | null; chunkIndex: number; metadata: unknown }): SearchHit {
  return {
    id: row.id,
    content: row.content,
    distance: row.distance,
    source: { kind: row.sourceKind as SearchHit['source']['kind'], id: row.sourceId, chunkIndex: row.chunkIndex },
    metadata: row.metadata as Record<string, unknown>,
  };
}

export interface SearchMineOptions {
  embedding: number[] | Float32Array;
  model: string;
  /** 1 to 100 (default 10). */
  limit?: number;
  /** Only chunks of meal logs, or only of messages. */
  sourceKind?: SourceKind | null;
}

/** Exact nearest neighbours among the person's own chunks (soft-deleted meals skipped). */
export async function searchMine(client: DbClient, options: SearchMineOptions): Promise<SearchHit[]> {
  if (!isPlainObject(options)) fail('options', 'object', 'must be an object');
  const embedding = vectorText(options.embedding, 'embedding', await embeddingDimension(client));
  const rows = await runQuery(searchMyEmbeddings, 
    {
      userId: personOf(client),
      embedding,
      model: text(options.model, 'model', { max: 200 }),
      limit: pageSize(options.limit, 'limit', 10, 100),
      sourceKind: options.sourceKind === undefined || options.sourceKind === null ? null : oneOf(options.sourceKind, 'sourceKind', ['meal_log', 'message'] as const),
    },
    client,
  );
  return rows.map(toHit);
}

export interface SearchKnowledgeOptions {
  embedding: number[] | Float32Array;
  model: string;
  /** 1 to 100 (default 10). */
  limit?: number;
  /** Only chunks whose metadata contains this object (jsonb @>). */
  filter?: Record<string, unknown> | null;
  /** HNSW candidate list size for this query, 1 to 1000 (default 40, raised to at least limit). Higher: better recall, slower. */
  efSearch?: number | null;
}

/** Approximate nearest neighbours in the shared knowledge base (HNSW; app.search_knowledge). */
export async function searchKnowledge(client: DbClient, options: SearchKnowledgeOptions): Promise<SearchHit[]> {
  if (!isPlainObject(options)) fail('options', 'object', 'must be an object');
  const embedding = vectorText(options.embedding, 'embedding', await embeddingDimension(client));
  const rows = await runQuery(searchKnowledgeQuery, 
    {
      embedding,
      model: text(options.model, 'model', { max: 200 }),
      limit: pageSize(options.limit, 'limit', 10, 100),
      filter: options.filter === undefined || options.filter === null ? null : jsonObject(options.filter, 'filter', 16_384),
      efSearch: optionalNum(options.efSearch, 'efSearch', { min: 1, max: 1000, integer: true }) ?? null,
    },
    client,
  );
  return rows.map(toHit);
}

// --- worker ----------------------------------------------------------------------------------------

/** Worker variant of recordUsage: the job names the person it worked for. */
export async function recordUsageFor(client: DbClient, input: UsageInput & { userId: string }): Promise<Usage> {
  const userId = uuid(input?.userId, 'userId');
  const [row] = await runQuery(insertApiUsage, { ...usageParams(input), userId }, client);
  return toUsage(row!);
}

export const forUser = {
  startConversation,
  getConversation,
  addMessage,
  addMessages,
  listConversations,
  listMessages,
  recordUsage,
  costSummary,
  storeEmbeddings,
  searchMine,
  searchKnowledge,
};
export const forAdmin = { storeKnowledge };
export const forWorker = { storeEmbeddings: storeEmbeddingsFor, recordUsage: recordUsageFor };

// --- the worker's embed job (assistant.embed) -------------------------------------------------------
// The one batch writer of app.embeddings and app.api_usage for the job (rows validated by the job,
// written 200 at a time). Not part of the public scopes: src/jobs/embed.ts calls it.

/** A row of the job's embeddings upsert. */
export type EmbeddingRow = embedQ.IUpsertEmbeddingsParams['rows'][number];
export type { Json } from '../generated/assistant.queries.ts';

/** @internal */
export const forEmbedJob = {
  loadMealLogs: (client: DbClient, ids: string[]) => runQuery(embedQ.loadMealLogsForEmbedding, { ids }, client),
  loadMessages: (client: DbClient, ids: string[]) => runQuery(embedQ.loadMessagesForEmbedding, { ids }, client),
  existingChunks: (client: DbClient, params: embedQ.IExistingEmbeddingChunksParams) => runQuery(embedQ.existingEmbeddingChunks, params, client),
  lockSources: (client: DbClient, params: embedQ.ILockEmbeddingSourcesParams) => runQuery(embedQ.lockEmbeddingSources, params, client),
  upsertEmbeddings: (client: DbClient, rows: EmbeddingRow[]) => runQuery(embedQ.upsertEmbeddings, { rows }, client),
  deleteSurplusChunks: (client: DbClient, params: embedQ.IDeleteSurplusChunksParams) => runQuery(embedQ.deleteSurplusChunks, params, client),
  recordUsage: (client: DbClient, rows: embedQ.IRecordEmbeddingUsageParams['rows']) => runQuery(embedQ.recordEmbeddingUsage, { rows }, client),
};
