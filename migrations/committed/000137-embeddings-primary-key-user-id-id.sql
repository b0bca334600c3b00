--! Previous: sha1:6e45c0db21fa4888ba9f213c1238fc4d51da29b2
--! Hash: sha1:9f2eaea12c707bbb30454c2f6825482656651747
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
