/* @name MaintainPartitions */
select app.maintain_partitions() as "result!";

/* @name PurgeDueAccounts */
select app.purge_due_accounts(:limit!::integer) as "result!";

/* @name MarkOfflineAppliances */
select app.mark_offline_appliances(pg_catalog.make_interval(secs => :seconds!::double precision)) as "count!";

/* @name DeleteStalePushTokens */
select app.delete_stale_push_tokens(pg_catalog.make_interval(days => :days!::integer)) as "count!";

/* @name RefreshDailyMetrics */
select app.refresh_daily_metrics(:userId!::uuid, :day!::date) as "done";

/* @name RebuildDailyMetrics */
select app.rebuild_daily_metrics(:userId!::uuid) as "days!";

/* @name LoadMealLogsForEmbedding */
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
select s.id as "id!", s.user_id as "userId!"
from app.lock_embedding_sources(:kind!, :ids!::uuid[]) as s;

/*
  @name UpsertEmbeddings
  @param rows -> ((userId!, sourceKind!, sourceId!, chunkIndex!, content!, embedding!, model!, metadata!)...)
*/
insert into app.embeddings (user_id, source_kind, source_id, chunk_index, content, embedding, model, metadata)
values :rows
on conflict (user_id, source_kind, source_id, chunk_index, model) where user_id is not null do update
  set content = excluded.content,
      embedding = excluded.embedding,
      metadata = excluded.metadata,
      created_at = pg_catalog.now();

/* @name DeleteSurplusChunks */
delete from app.embeddings as e
using unnest(:sourceIds!::uuid[], :chunkCounts!::integer[]) as k (source_id, chunks)
where e.source_kind = :kind! and e.model = :model! and e.source_id = k.source_id and e.chunk_index >= k.chunks;

/*
  @name RecordEmbeddingUsage
  @param rows -> ((userId!, provider!, model!, inputTokens!, costUsd!, latencyMs!, requestId!)...)
*/
insert into app.api_usage (user_id, provider, model, input_tokens, cost_usd, latency_ms, request_id, output_tokens, feature)
select u.user_id::uuid, u.provider, u.model, u.input_tokens::integer, u.cost_usd::numeric, u.latency_ms::integer, u.request_id, 0, 'embedding'
from (values :rows) as u (user_id, provider, model, input_tokens, cost_usd, latency_ms, request_id);

/* @name QueueDepths */
select q.name as "name!",
       (count(*) filter (where j.state in ('created', 'retry') and j.start_after <= now()))::integer as "ready!",
       (count(*) filter (where j.state in ('created', 'retry') and j.start_after > now()))::integer as "deferred!",
       (count(*) filter (where j.state = 'active'))::integer as "active!",
       (count(*) filter (where j.state = 'failed'))::integer as "failed!"
from pgboss.queue as q
left join pgboss.job as j on j.name = q.name and j.state in ('created', 'retry', 'active', 'failed')
group by q.name
order by q.name;
