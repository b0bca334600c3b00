--! Previous: sha1:581b8ea99d772f3b48690bdbf564596bfe38ef4f
--! Hash: sha1:e879d48fc4bd81228d6b141393532bbf095bb109
--! Message: assistant: app.embeddings' primary key is (user_id, id)

-- Issue 17: the index built by 000136 becomes the primary key; the old key (id) goes. Both steps
-- take a short ACCESS EXCLUSIVE lock and rewrite nothing (the index exists; user_id is NOT NULL
-- since 000132, id always was). Nothing references app.embeddings (id) by a foreign key.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

alter table app.embeddings drop constraint embeddings_pkey;
alter table app.embeddings add constraint embeddings_pkey primary key using index embeddings_user_id_id_key;

comment on constraint embeddings_pkey on app.embeddings is
  'Primary key (user_id, id): it contains the person (Citus: a distributed table''s keys must contain its distribution column). id alone is a random UUID, unique in practice.';
