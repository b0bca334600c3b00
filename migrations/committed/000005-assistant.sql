--! Previous: sha1:b99b5e9c5da78f1e4386baed30b535f60091286f
--! Hash: sha1:39097620ab2b2641e6f31aca696dcfa627df8719
--! Message: assistant: conversations, messages, embeddings, API usage

-- assistant area (MealPal): AI chat (conversations, messages), RAG embeddings (pgvector) and
-- per-request AI provider usage and cost.
-- squawk-ignore-file prefer-bigint-over-int
--   prefer-bigint-over-int: per-request token counts, latencies and chunk positions stay far below 2^31.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

-- conversations -------------------------------------------------------------------------------
create table app.conversations (
  id              uuid        not null default gen_random_uuid(),
  user_id         uuid        not null,
  title           text,
  created_at      timestamptz not null default now(),
  updated_at      timestamptz not null default now(),
  last_message_at timestamptz,
  constraint conversations_pkey primary key (id),
  constraint conversations_id_user_id_key unique (id, user_id),
  constraint conversations_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint conversations_title_check check (char_length(btrim(title)) between 1 and 200)
);
create index idx_conversations_user_recent on app.conversations (user_id, last_message_at desc nulls last);
create trigger set_updated_at before update on app.conversations
  for each row execute function app_private.set_updated_at();

comment on table app.conversations is
  'An AI chat thread of a person (MealPal). Deleting a conversation deletes its messages (and their embeddings). Deleted with the person (ON DELETE CASCADE).';
comment on column app.conversations.id is 'Conversation id.';
comment on column app.conversations.user_id is 'The person chatting.';
comment on column app.conversations.title is
  'Title. When NULL, the first user message sets it (trigger messages_after_insert, app.conversation_title: first ~60 characters, whitespace collapsed, cut on a word boundary). A title given by the person is never overwritten.';
comment on column app.conversations.created_at is 'When the conversation started.';
comment on column app.conversations.updated_at is 'Last modification of the row, including each new message (trigger set_updated_at).';
comment on column app.conversations.last_message_at is 'created_at of the newest message (trigger messages_after_insert); NULL before the first message. Orders the conversation list (idx_conversations_user_recent).';

create function app.conversation_title(p_text text) returns text
  language plpgsql
  immutable
  strict
  parallel safe
  set search_path = ''
as $$
declare
  t    text := pg_catalog.btrim(pg_catalog.regexp_replace(p_text, '\s+', ' ', 'g'));
  head text;
  cut  integer;
begin
  if t = '' then
    return null;
  end if;
  if pg_catalog.char_length(t) <= 60 then
    return t;
  end if;
  -- Cut at the last space within the first 61 characters (so a word ending exactly at 60 stays
  -- whole); a single very long word is cut at 60 characters.
  head := pg_catalog.left(t, 61);
  cut := pg_catalog.char_length(head) - pg_catalog.strpos(pg_catalog.reverse(head), ' ');
  if cut < 20 or cut >= 61 then
    cut := 60;
  end if;
  return pg_catalog.rtrim(pg_catalog.left(t, cut)) || '…';
end
$$;
comment on function app.conversation_title(text) is
  'Conversation title derived from a message: whitespace collapsed and trimmed; up to 60 characters kept whole, longer text cut on the last word boundary within 60 characters and ended with "…" (a word longer than that is cut at 60). NULL for blank text.';

-- messages ------------------------------------------------------------------------------------
create table app.messages (
  id               uuid        not null default gen_random_uuid(),
  conversation_id  uuid        not null,
  user_id          uuid        not null,
  role             text        not null,
  content          text        not null,
  message_metadata jsonb       not null default '{}',
  created_at       timestamptz not null default clock_timestamp(),
  constraint messages_pkey primary key (id),
  constraint messages_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint messages_conversation_id_user_id_fkey foreign key (conversation_id, user_id)
    references app.conversations (id, user_id) on delete cascade,
  constraint messages_role_check check (role in ('user', 'assistant')),
  constraint messages_content_check check (char_length(content) between 1 and 100000),
  constraint messages_message_metadata_check check (jsonb_typeof(message_metadata) = 'object')
);
create index idx_messages_conversation on app.messages (conversation_id, created_at);
create index idx_messages_user on app.messages (user_id);

comment on table app.messages is
  'Messages of a conversation, from the person (role user) or the AI (role assistant). Carries user_id; the composite FK (conversation_id, user_id) -> conversations(id, user_id) guarantees it is the conversation''s owner. '
  'ON DELETE CASCADE from the conversation: messages are part of it.';
comment on column app.messages.id is 'Message id.';
comment on column app.messages.conversation_id is 'The conversation.';
comment on column app.messages.user_id is 'Owner: always the conversation''s owner (also for assistant messages).';
comment on column app.messages.role is 'Author: user (the person) or assistant (the AI).';
comment on column app.messages.content is 'Message text, 1 to 100000 characters.';
comment on column app.messages.message_metadata is 'JSON object: citations, referenced meal ids, tool calls, model details.';
comment on column app.messages.created_at is
  'When the message was stored. Defaults to clock_timestamp(), not now(): a question and its answer stored in one transaction (or one multi-row INSERT) still get increasing times, so ORDER BY created_at is the conversation order.';

create function app_private.messages_after_insert() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  update app.conversations as c
     set last_message_at = greatest(c.last_message_at, new.created_at),
         title = case
                   when c.title is null and new.role = 'user' then app.conversation_title(new.content)
                   else c.title
                 end
   where c.id = new.conversation_id
     and c.user_id = new.user_id;
  return null;
end
$$;
comment on function app_private.messages_after_insert() is
  'AFTER INSERT trigger on app.messages: moves conversations.last_message_at forward and, while the conversation has no title, titles it from the first user message (app.conversation_title). Runs as the inserting role, which therefore needs UPDATE on its conversations.';
create trigger messages_after_insert after insert on app.messages
  for each row execute function app_private.messages_after_insert();

-- embeddings ----------------------------------------------------------------------------------
create table app.embeddings (
  id          uuid          not null default gen_random_uuid(),
  user_id     uuid,
  source_kind text          not null,
  source_id   uuid,
  chunk_index integer       not null default 0,
  content     text          not null,
  embedding   public.vector(1536) not null,
  model       text          not null,
  metadata    jsonb         not null default '{}',
  created_at  timestamptz   not null default now(),
  constraint embeddings_pkey primary key (id),
  constraint embeddings_source_kind_source_id_chunk_index_model_key unique (source_kind, source_id, chunk_index, model),
  constraint embeddings_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint embeddings_source_kind_check check (source_kind in ('meal_log', 'message', 'knowledge')),
  constraint embeddings_source_check check (
    case source_kind
      when 'knowledge' then user_id is null
      else user_id is not null and source_id is not null
    end),
  constraint embeddings_chunk_index_check check (chunk_index >= 0),
  constraint embeddings_content_check check (char_length(content) >= 1),
  constraint embeddings_model_check check (char_length(model) between 1 and 200),
  constraint embeddings_metadata_check check (jsonb_typeof(metadata) = 'object')
);
create index idx_embeddings_knowledge_hnsw on app.embeddings
  using hnsw (embedding public.vector_cosine_ops) with (m = 16, ef_construction = 64)
  where user_id is null;
create index idx_embeddings_user on app.embeddings (user_id) where user_id is not null;

comment on table app.embeddings is
  'RAG chunks and their vectors (pgvector). Two populations: the shared knowledge base (user_id NULL, source_kind knowledge), searched approximately through the HNSW cosine index idx_embeddings_knowledge_hnsw; '
  'and a person''s own meal logs and messages (user_id set), searched exactly: the btree idx_embeddings_user selects the person''s rows and the distance is computed on them (HNSW filters after the scan and would lose rows). '
  'The embed job upserts on (source_kind, source_id, chunk_index, model), so re-running it is idempotent. A person''s rows are deleted with the person (ON DELETE CASCADE) and with their source row (triggers delete_embeddings on meal_logs and messages).';
comment on column app.embeddings.id is 'Chunk id.';
comment on column app.embeddings.user_id is 'Owner; NULL = a row of the shared knowledge base (then source_kind is knowledge).';
comment on column app.embeddings.source_kind is 'What was embedded: meal_log (app.meal_logs), message (app.messages) or knowledge (shared knowledge base).';
comment on column app.embeddings.source_id is
  'Id of the source row (meal_logs.id or messages.id; required for them). For knowledge rows optional: a stable document uuid chosen by the loader (e.g. a name-based uuid of its URL) makes reloading idempotent; NULL rows are never deduplicated (NULLs are distinct in the unique key).';
comment on column app.embeddings.chunk_index is 'Position of the chunk within its source, from 0.';
comment on column app.embeddings.content is 'The chunk text that was embedded (returned to the model as context).';
comment on column app.embeddings.embedding is
  'The vector, 1536 dimensions (OpenAI text-embedding-3-small and similar). To change the dimension: a migration that drops idx_embeddings_knowledge_hnsw, deletes or re-embeds the rows, runs ALTER TABLE app.embeddings ALTER COLUMN embedding TYPE public.vector(N) (a table rewrite) and recreates the index; HNSW indexes vector up to 2000 dimensions (use halfvec beyond).';
comment on column app.embeddings.model is 'Embedding model name (e.g. text-embedding-3-small); vectors of different models are not comparable, so queries filter on it.';
comment on column app.embeddings.metadata is 'JSON object: title, URL, meal_time, language ... of the chunk.';
comment on column app.embeddings.created_at is 'When the chunk was embedded.';
comment on index app.idx_embeddings_knowledge_hnsw is 'Approximate cosine search over the shared knowledge base only (partial: user_id IS NULL). Used with ORDER BY embedding <=> $1 LIMIT k and the same predicate; tune with SET LOCAL hnsw.ef_search.';
comment on index app.idx_embeddings_user is 'A person''s chunks: exact per-person search, RLS and GDPR look-ups.';

create function app_private.delete_embeddings() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  -- tg_argv[0] is the source_kind of the table the trigger is attached to.
  delete from app.embeddings as e
   where e.source_kind = tg_argv[0]
     and e.source_id = old.id;
  return null;
end
$$;
comment on function app_private.delete_embeddings() is
  'AFTER DELETE trigger on app.meal_logs and app.messages (argument: the source_kind): deletes the embeddings of the deleted row, so no chunk of a deleted message or meal survives it. Runs as the deleting role.';
create trigger delete_embeddings after delete on app.meal_logs
  for each row execute function app_private.delete_embeddings('meal_log');
create trigger delete_embeddings after delete on app.messages
  for each row execute function app_private.delete_embeddings('message');

-- api_usage -----------------------------------------------------------------------------------
create table app.api_usage (
  id            uuid          not null default gen_random_uuid(),
  user_id       uuid          not null,
  provider      text          not null,
  model         text          not null,
  input_tokens  integer       not null default 0,
  output_tokens integer       not null default 0,
  cost_usd      numeric(12,6) not null default 0,
  feature       text,
  latency_ms    integer,
  request_id    text,
  created_at    timestamptz   not null default now(),
  constraint api_usage_pkey primary key (id),
  constraint api_usage_user_id_fkey foreign key (user_id) references app.users (id) on delete cascade,
  constraint api_usage_provider_check check (char_length(provider) between 1 and 50),
  constraint api_usage_model_check check (char_length(model) between 1 and 200),
  constraint api_usage_input_tokens_check check (input_tokens >= 0),
  constraint api_usage_output_tokens_check check (output_tokens >= 0),
  constraint api_usage_cost_usd_check check (cost_usd >= 0),
  constraint api_usage_feature_check check (char_length(feature) between 1 and 50),
  constraint api_usage_latency_ms_check check (latency_ms >= 0),
  constraint api_usage_request_id_check check (char_length(request_id) between 1 and 200)
);
create index idx_api_usage_user_date on app.api_usage (user_id, created_at desc);

comment on table app.api_usage is
  'One row per AI provider request made for a person (MealPal cost tracking): provider, model, tokens, cost. Aggregated per day into app.daily_ai_cost. Deleted with the person (ON DELETE CASCADE).';
comment on column app.api_usage.id is 'Usage row id.';
comment on column app.api_usage.user_id is 'The person the request was made for.';
comment on column app.api_usage.provider is 'AI provider (e.g. openai, anthropic, bedrock).';
comment on column app.api_usage.model is 'Model name as billed by the provider.';
comment on column app.api_usage.input_tokens is 'Prompt tokens billed, >= 0.';
comment on column app.api_usage.output_tokens is 'Completion tokens billed, >= 0.';
comment on column app.api_usage.cost_usd is 'Cost of the request in US dollars (numeric(12,6): micro-dollar precision), >= 0.';
comment on column app.api_usage.feature is 'Product feature that made the request (e.g. chat, meal_analysis, embedding); NULL when unknown.';
comment on column app.api_usage.latency_ms is 'Provider round-trip time in milliseconds.';
comment on column app.api_usage.request_id is 'Provider''s request id, for support and reconciliation with the provider''s bill.';
comment on column app.api_usage.created_at is 'When the request was made.';
comment on index app.idx_api_usage_user_date is 'A person''s usage by date (MealPal document); also serves daily cost refresh, RLS and GDPR.';
