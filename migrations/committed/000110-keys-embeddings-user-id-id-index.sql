--! Previous: sha1:acd35ad4a9d6ced09075eb8797f583aff104a3e0
--! Hash: sha1:b7c1c1e7a0e2dd141e5331b717eaa5190bbefc0e
--! Message: keys: unique index (user_id, id) on app.embeddings, built concurrently

--! no-transaction
-- squawk-ignore-file ban-concurrent-index-creation-in-transaction, require-timeout-settings
--   graphile-migrate runs this file outside a transaction (no-transaction: exactly one statement),
--   so CREATE INDEX CONCURRENTLY does not block writes to app.embeddings; lock and statement timeouts
--   would have to be separate statements.
-- Issue 17 (Citus): the future primary key (user_id, id) (docs/scale-out.md section 2). It cannot become the primary key yet: knowledge rows have user_id NULL until they move to their own table (issue 17, the knowledge-base migration), after which ALTER TABLE ... ADD PRIMARY KEY USING INDEX promotes it without a second build.
create unique index concurrently if not exists embeddings_user_id_id_key on app.embeddings (user_id, id);
