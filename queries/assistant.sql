/* @name InsertConversation */
INSERT INTO app.conversations AS c (user_id, title)
VALUES (:userId!, :title)
RETURNING c.id, c.title, c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.last_message_at AS "lastMessageAt";

/* @name InsertMessages */
-- messages is a JSON array of {id, role, content, metadata} (the area makes each id), stored in
-- the order given: created_at is the statement's start (statement_timestamp()), but never before
-- the conversation's newest message (last_message_at, which the trigger messages_after_insert
-- moves), plus the position in microseconds, so a batch, and the next batch, sort after what is
-- already there even on a clock with millisecond resolution (the embedded engine's). The trigger
-- also titles an untitled conversation from its first user message. The rows come from the
-- person's conversation (no row: no such conversation of this person, and nothing is inserted),
-- co-located with app.messages and filtered on user_id, with no volatile function (ids come from
-- the caller, not the gen_random_uuid() default; statement_timestamp() is stable, clock_timestamp()
-- is not): so Citus runs the whole INSERT ... SELECT on the person's shard as one task instead of
-- pulling the rows to the coordinator (issue 17).
INSERT INTO app.messages AS m (id, conversation_id, user_id, role, content, message_metadata, created_at)
SELECT (e.value ->> 'id')::uuid, c.id, c.user_id, e.value ->> 'role', e.value ->> 'content',
       COALESCE(e.value -> 'metadata', '{}'::jsonb),
       greatest(pg_catalog.statement_timestamp(), c.last_message_at + interval '1 microsecond')
         + (e.ord - 1) * interval '1 microsecond'
FROM app.conversations AS c
CROSS JOIN LATERAL jsonb_array_elements(:messages!::jsonb) WITH ORDINALITY AS e (value, ord)
WHERE c.id = :conversationId!::uuid AND c.user_id = :userId!::uuid
RETURNING m.id, m.conversation_id AS "conversationId", m.role, m.content, m.message_metadata AS "messageMetadata",
          m.created_at AS "createdAt";

/* @name GetConversation */
SELECT c.id, c.title, c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.last_message_at AS "lastMessageAt"
FROM app.conversations AS c
WHERE c.id = :id! AND c.user_id = :userId!;

/* @name ListConversations */
-- Latest activity first (the order of idx_conversations_user_recent: last_message_at DESC NULLS
-- LAST, conversations without messages at the end), ties broken by id. The cursor is the last
-- row's (last_message_at or null, id). The preview is the newest message, cut to 200 characters.
SELECT c.id, c.title, c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.last_message_at AS "lastMessageAt",
       to_char(c.last_message_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime?",
       lm.role AS "lastMessageRole?", lm.preview AS "lastMessagePreview?"
FROM app.conversations AS c
LEFT JOIN LATERAL (
  SELECT m.role, pg_catalog.left(m.content, 200) AS preview
  FROM app.messages AS m
  WHERE m.user_id = c.user_id AND m.user_id = :userId! AND m.conversation_id = c.id
  ORDER BY m.created_at DESC, m.id DESC
  LIMIT 1
) AS lm ON true
WHERE c.user_id = :userId!
  AND (:afterId::uuid IS NULL
       OR (:afterTime::timestamptz IS NOT NULL
           AND (c.last_message_at < :afterTime
                OR (c.last_message_at = :afterTime AND c.id < :afterId)
                OR c.last_message_at IS NULL))
       OR (:afterTime::timestamptz IS NULL AND c.last_message_at IS NULL AND c.id < :afterId))
ORDER BY c.last_message_at DESC NULLS LAST, c.id DESC
LIMIT :limit!;

/* @name ListMessagesNewestFirst */
SELECT m.id, m.role, m.content, m.message_metadata AS "messageMetadata", m.created_at AS "createdAt",
       to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime!"
FROM app.messages AS m
WHERE m.conversation_id = :conversationId!
  AND m.user_id = :userId!
  AND (:afterTime::timestamptz IS NULL
       OR (m.created_at <= :afterTime AND (m.created_at, m.id) < (:afterTime, :afterId::uuid)))
ORDER BY m.created_at DESC, m.id DESC
LIMIT :limit!;

/* @name ListMessagesOldestFirst */
SELECT m.id, m.role, m.content, m.message_metadata AS "messageMetadata", m.created_at AS "createdAt",
       to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "cursorTime!"
FROM app.messages AS m
WHERE m.conversation_id = :conversationId!
  AND m.user_id = :userId!
  AND (:afterTime::timestamptz IS NULL
       OR (m.created_at >= :afterTime AND (m.created_at, m.id) > (:afterTime, :afterId::uuid)))
ORDER BY m.created_at, m.id
LIMIT :limit!;

/* @name InsertApiUsage */
INSERT INTO app.api_usage AS a
  (user_id, provider, model, input_tokens, output_tokens, cost_usd, feature, latency_ms, request_id)
VALUES (:userId!, :provider!, :model!, :inputTokens!, :outputTokens!,
        :costUsd!::numeric, :feature, :latencyMs, :requestId)
RETURNING a.id, a.provider, a.model, a.input_tokens AS "inputTokens", a.output_tokens AS "outputTokens",
          a.cost_usd::text AS "costUsd!", a.feature, a.latency_ms AS "latencyMs", a.request_id AS "requestId",
          a.created_at AS "createdAt";

/* @name CostSummary */
-- Per calendar day in the person's time zone, provider and model, from app.api_usage directly
-- (exact right after a write). cost_usd is a decimal string (numeric(14,6) sums).
WITH me AS (
  SELECT u.id, u.time_zone FROM app.users AS u WHERE u.id = :userId!
)
SELECT (pg_catalog.timezone(me.time_zone, a.created_at))::date AS "day!",
       a.provider AS "provider!", a.model AS "model!",
       count(*)::int AS "requests!",
       sum(a.input_tokens)::float8 AS "inputTokens!", sum(a.output_tokens)::float8 AS "outputTokens!",
       sum(a.cost_usd)::text AS "costUsd!"
FROM me
JOIN app.api_usage AS a ON a.user_id = me.id
WHERE a.user_id = :userId!
  AND a.created_at >= pg_catalog.timezone(me.time_zone, :from!::date::timestamp)
  AND a.created_at < pg_catalog.timezone(me.time_zone, (:to!::date + 1)::timestamp)
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;

/* @name EmbeddingDimensions */
-- The dimension of app.embeddings.embedding (pgvector keeps it in the type modifier).
SELECT a.atttypmod AS "dimensions!"
FROM pg_catalog.pg_attribute AS a
WHERE a.attrelid = 'app.embeddings'::regclass AND a.attname = 'embedding';

/* @name UpsertPersonEmbeddings */
-- items: JSON array of {source_kind, source_id, chunk_index, content, embedding (text '[…]'), model,
-- metadata}, all of the person userId (the worker calls it once per person: one shard on Citus). Every
-- source row must exist for that person; if one does not, nothing is written and the "missing"
-- rows say which (the trigger embeddings_check_source enforces the same rule for any writer).
-- Upsert on idx_embeddings_person_chunk (user_id, source_kind, source_id, chunk_index, model):
-- re-embedding replaces; a conflict only ever involves the person's own rows. created_at =
-- excluded.created_at (the default, now()): Citus refuses a non-IMMUTABLE function in DO UPDATE SET.
WITH input AS (
  SELECT e.ord,
         :userId!::uuid AS user_id,
         e.value ->> 'source_kind' AS source_kind,
         (e.value ->> 'source_id')::uuid AS source_id,
         COALESCE((e.value ->> 'chunk_index')::int, 0) AS chunk_index,
         e.value ->> 'content' AS content,
         (e.value ->> 'embedding')::public.vector AS embedding,
         e.value ->> 'model' AS model,
         COALESCE(e.value -> 'metadata', '{}'::jsonb) AS metadata
  FROM jsonb_array_elements(:items!::jsonb) WITH ORDINALITY AS e (value, ord)
), missing AS (
  SELECT i.ord
  FROM input AS i
  WHERE (i.source_kind = 'meal_log'
         AND NOT EXISTS (SELECT FROM app.meal_logs AS m WHERE m.id = i.source_id AND m.user_id = :userId!))
     OR (i.source_kind = 'message'
         AND NOT EXISTS (SELECT FROM app.messages AS g WHERE g.id = i.source_id AND g.user_id = :userId!))
), stored AS (
  INSERT INTO app.embeddings AS x (user_id, source_kind, source_id, chunk_index, content, embedding, model, metadata)
  SELECT i.user_id, i.source_kind, i.source_id, i.chunk_index, i.content, i.embedding, i.model, i.metadata
  FROM input AS i
  WHERE NOT EXISTS (SELECT FROM missing)
  ORDER BY i.ord
  ON CONFLICT (user_id, source_kind, source_id, chunk_index, model) WHERE user_id IS NOT NULL DO UPDATE
    SET content = excluded.content, embedding = excluded.embedding, metadata = excluded.metadata,
        created_at = excluded.created_at
  RETURNING x.id, x.source_kind, x.source_id, x.chunk_index, x.model
)
SELECT i.ord::int AS "ord!", s.id AS "id?", EXISTS (SELECT FROM missing AS mi WHERE mi.ord = i.ord) AS "missing!"
FROM input AS i
LEFT JOIN stored AS s
  ON s.source_kind = i.source_kind AND s.source_id = i.source_id AND s.chunk_index = i.chunk_index AND s.model = i.model
ORDER BY i.ord;

/* @name InsertKnowledgeEmbeddings */
-- Shared knowledge base (app.knowledge_embeddings). Rows with a source_id (a stable document uuid)
-- are upserted on idx_knowledge_embeddings_chunk (source_id, chunk_index, model); rows without one
-- are always inserted (NULLs are distinct). created_at = excluded.created_at (the default, now()):
-- Citus refuses a non-IMMUTABLE function in DO UPDATE SET.
with input as (
  select e.ord,
         (e.value ->> 'source_id')::uuid as source_id,
         coalesce((e.value ->> 'chunk_index')::int, 0) as chunk_index,
         e.value ->> 'content' as content,
         (e.value ->> 'embedding')::public.vector as embedding,
         e.value ->> 'model' as model,
         coalesce(e.value -> 'metadata', '{}'::jsonb) as metadata
  from pg_catalog.jsonb_array_elements(:items!::jsonb) with ordinality as e (value, ord)
)
insert into app.knowledge_embeddings as x (source_id, chunk_index, content, embedding, model, metadata)
select i.source_id, i.chunk_index, i.content, i.embedding, i.model, i.metadata
from input as i
order by i.ord
on conflict (source_id, chunk_index, model) do update
  set content = excluded.content, embedding = excluded.embedding, metadata = excluded.metadata,
      created_at = excluded.created_at
returning x.id;

/* @name SearchMyEmbeddings */
-- Exact nearest neighbours among the current person's own chunks: idx_embeddings_user selects
-- them, the distance is computed for each (no approximate index: HNSW filters after its scan).
-- Chunks of soft-deleted meals are skipped (they are kept for undo).
SELECT e.id, e.content, (e.embedding <=> :embedding!::public.vector)::float8 AS "distance!",
       e.source_kind AS "sourceKind", e.source_id AS "sourceId", e.chunk_index AS "chunkIndex", e.metadata
FROM app.embeddings AS e
WHERE e.user_id = :userId!
  AND e.model = :model!
  AND (:sourceKind::text IS NULL OR e.source_kind = :sourceKind)
  AND NOT EXISTS (
    SELECT FROM app.meal_logs AS m
    WHERE e.source_kind = 'meal_log' AND m.user_id = e.user_id AND m.user_id = :userId! AND m.id = e.source_id AND m.is_deleted)
ORDER BY e.embedding <=> :embedding!::public.vector, e.id
LIMIT :limit!;

/* @name SearchKnowledge */
SELECT k.id AS "id!", k.content AS "content!", k.distance AS "distance!", k.source_kind AS "sourceKind!",
       k.source_id AS "sourceId?", k.chunk_index AS "chunkIndex!", k.metadata AS "metadata!"
FROM app.search_knowledge(:embedding!::public.vector, :model!, :limit!, :filter::jsonb, :efSearch) AS k;

/* @name LoadMealLogsForEmbedding */
-- The worker (assistant.embed): what it embeds, and the one batch writer of its embeddings and API usage.
select m.id as "id!", m.user_id as "userId!", m.meal_type as "mealType!", m.notes, m.ai_analysis as "aiAnalysis",
       coalesce((
         select pg_catalog.json_agg(pg_catalog.json_build_object('name', f.name, 'quantity', f.quantity, 'unit', f.unit)
                                    order by f.created_at, f.name, f.id)
         from app.meal_foods as f
         where f.meal_log_id = m.id and f.user_id = m.user_id
       ), '[]') as "foods!"
from app.meal_logs as m
where m.id = any (:ids!::uuid[]);

/* @name LoadMessagesForEmbedding */
select m.id as "id!", m.user_id as "userId!", m.role as "role!", m.content as "content!"
from app.messages as m
where m.id = any (:ids!::uuid[]);

/* @name ExistingEmbeddingChunks */
select e.source_id as "sourceId!", e.chunk_index as "chunkIndex!", e.content as "content!"
from app.embeddings as e
where e.source_kind = :kind! and e.source_id = any (:ids!::uuid[]) and e.model = :model!
order by e.source_id, e.chunk_index;

/* @name LockEmbeddingSources */
-- (userIds[i], ids[i]) pairs: the function locks one person's rows at a time (000115).
select s.id as "id!", s.user_id as "userId!"
from app.lock_embedding_sources(:kind!, :userIds!::uuid[], :ids!::uuid[]) as s;

/*
  @name UpsertEmbeddings
  @param rows -> ((userId!, sourceKind!, sourceId!, chunkIndex!, content!, embedding!, model!, metadata!)...)
*/
-- created_at = excluded.created_at: the proposed row's default, now() of this transaction, as before;
-- Citus refuses a non-IMMUTABLE function (now()) in DO UPDATE SET.
insert into app.embeddings (user_id, source_kind, source_id, chunk_index, content, embedding, model, metadata)
values :rows
on conflict (user_id, source_kind, source_id, chunk_index, model) where user_id is not null do update
  set content = excluded.content,
      embedding = excluded.embedding,
      metadata = excluded.metadata,
      created_at = excluded.created_at;

/* @name DeleteSurplusChunks */
delete from app.embeddings as e
using unnest(:sourceIds!::uuid[], :chunkCounts!::integer[]) as k (source_id, chunks)
where e.source_kind = :kind! and e.model = :model! and e.source_id = k.source_id and e.chunk_index >= k.chunks;

/*
  @name RecordEmbeddingUsage
  @param rows -> ((userId!, provider!, model!, inputTokens!, outputTokens!, costUsd!, latencyMs!, requestId!, feature!)...)
*/
-- A plain multi-row VALUES (the parameters take the columns' types): Citus splits it by shard and
-- inserts under row-level security. An INSERT … SELECT from VALUES was pulled to the coordinator and
-- COPYed into the shards, which Citus refuses under row-level security (0A000).
insert into app.api_usage (user_id, provider, model, input_tokens, output_tokens, cost_usd, latency_ms, request_id, feature)
values :rows;
