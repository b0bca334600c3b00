--! Previous: sha1:0cf75a0c188fbc713db0ef5bf98189fd73615b96
--! Hash: sha1:96e5134bacc0110e5ee5438e3ff74ea2ba0d6c3a
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
