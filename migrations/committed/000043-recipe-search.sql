--! Previous: sha1:c1235e5bc12c0965cc161b087fbc125a6c139fa4
--! Hash: sha1:0373608d62f30ff0ccdf2b61a19ac516dd5d426f
--! Message: recipes: search table of published recipes (indexes usable under row-level security)

-- Why a table. People read app.recipes through row-level security (policy published_select). With
-- a policy in force, PostgreSQL evaluates the policy's condition before the query's own conditions
-- and only lets a query condition drive an index when its operator is LEAKPROOF: full-text match
-- (@@), array containment (@>, &&) and jsonb operators are not, so a person's recipe search ran as
-- a sequential scan of every recipe (~100 ms at 100k recipes; the admin role, whose policy is
-- `true`, used idx_recipes_fts). Marking those operators LEAKPROOF needs a superuser, which a
-- managed database does not give us.
-- So app.recipe_search holds, for each PUBLISHED recipe only, the fields search filters and ranks
-- on, plus its allergen keys (app.recipe_allergen_keys, computed once per write instead of per
-- search). It holds nothing that is not public to every person (published recipes' names, tags,
-- categories …): no row-level security, SELECT for app_user. Search finds the page of ids here with
-- indexes, then reads the recipes by primary key (uuid equality is leakproof: indexable under RLS).
-- Kept in step by trigger recipes_search_sync on app.recipes (AFTER INSERT/UPDATE; DELETE cascades),
-- in the writer's transaction, so search and app.recipes never disagree.
-- squawk-ignore-file prefer-text-field, prefer-bigint-over-int
--   the columns copy app.recipes' types (the document's varchar(n) and integer).
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create table app.recipe_search (
  recipe_id     uuid         not null,
  name          varchar(200) not null,
  category      varchar(50)  not null,
  cuisine       varchar(50),
  difficulty    varchar(10)  not null,
  time_minutes  integer      not null,
  tags          text[]       not null,
  allergen_keys text[]       not null,
  search_vector tsvector     not null,
  constraint recipe_search_pkey primary key (recipe_id),
  constraint recipe_search_recipe_id_fkey foreign key (recipe_id) references app.recipes (id) on delete cascade
);
create index idx_recipe_search_fts on app.recipe_search using gin (search_vector);
create index idx_recipe_search_tags on app.recipe_search using gin (tags);
create index idx_recipe_search_name on app.recipe_search (name, recipe_id);
create index idx_recipe_search_category on app.recipe_search (category, name, recipe_id);
create index idx_recipe_search_cuisine on app.recipe_search (cuisine, name, recipe_id);

comment on table app.recipe_search is
  'Search copy of the PUBLISHED recipes (one row each, none for unpublished ones): the columns recipe search filters and ranks on, with indexes that work for people. '
  'app.recipes is behind row-level security, under which full-text and array conditions cannot use indexes (their operators are not leakproof); this table holds only public data, so it has no row-level security. '
  'Maintained by trigger recipes_search_sync on app.recipes (AFTER INSERT/UPDATE, in the same transaction); deleting a recipe cascades. Not personal data.';
comment on column app.recipe_search.recipe_id is 'The published recipe (app.recipes.id).';
comment on column app.recipe_search.name is 'Copy of app.recipes.name: browse order and keyset pages (rank, name, id).';
comment on column app.recipe_search.category is 'Copy of app.recipes.category.';
comment on column app.recipe_search.cuisine is 'Copy of app.recipes.cuisine.';
comment on column app.recipe_search.difficulty is 'Copy of app.recipes.difficulty.';
comment on column app.recipe_search.time_minutes is 'Copy of app.recipes.time_minutes.';
comment on column app.recipe_search.tags is 'Copy of app.recipes.tags (empty array for NULL): tag filters (@>) and the person''s diet (&&).';
comment on column app.recipe_search.allergen_keys is 'app.recipe_allergen_keys(recipe_data, tags) of the recipe: search excludes recipes whose keys overlap the person''s allergens.';
comment on column app.recipe_search.search_vector is 'Copy of app.recipes.search_vector (name, category, cuisine; english).';
comment on index app.idx_recipe_search_fts is 'Full-text search (search_vector @@ websearch_to_tsquery).';
comment on index app.idx_recipe_search_tags is 'Tag filters (tags @> …) and diets (tags && …).';
comment on index app.idx_recipe_search_name is 'Browsing by name (no query, no filter), keyset order (name, recipe_id).';
comment on index app.idx_recipe_search_category is 'Category filter in name order.';
comment on index app.idx_recipe_search_cuisine is 'Cuisine filter in name order.';

create function app_private.recipes_search_sync() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  if new.is_published then
    insert into app.recipe_search as s
      (recipe_id, name, category, cuisine, difficulty, time_minutes, tags, allergen_keys, search_vector)
    values
      (new.id, new.name, new.category, new.cuisine, new.difficulty, new.time_minutes, coalesce(new.tags, '{}'),
       app.recipe_allergen_keys(new.recipe_data, new.tags), new.search_vector)
    on conflict (recipe_id) do update
       set name = excluded.name, category = excluded.category, cuisine = excluded.cuisine,
           difficulty = excluded.difficulty, time_minutes = excluded.time_minutes, tags = excluded.tags,
           allergen_keys = excluded.allergen_keys, search_vector = excluded.search_vector
     where (s.name, s.category, s.cuisine, s.difficulty, s.time_minutes, s.tags, s.allergen_keys, s.search_vector)
           is distinct from
           (excluded.name, excluded.category, excluded.cuisine, excluded.difficulty, excluded.time_minutes,
            excluded.tags, excluded.allergen_keys, excluded.search_vector);
  elsif tg_op = 'UPDATE' and old.is_published then
    delete from app.recipe_search as s where s.recipe_id = new.id;
  end if;
  return null;
end
$$;
comment on function app_private.recipes_search_sync() is
  'AFTER INSERT/UPDATE trigger on app.recipes: a published recipe gets (or refreshes) its app.recipe_search row, an unpublished one loses it. SECURITY DEFINER so recipe writers need no privilege on app.recipe_search.';
create trigger recipes_search_sync after insert or update on app.recipes
  for each row execute function app_private.recipes_search_sync();

-- The recipes that exist already (row-level security is forced on app.recipes, also for the owner
-- that runs this migration: policy owner_access for this transaction only).
select pg_catalog.set_config('app.owner_access', 'on', true);
insert into app.recipe_search (recipe_id, name, category, cuisine, difficulty, time_minutes, tags, allergen_keys, search_vector)
select r.id, r.name, r.category, r.cuisine, r.difficulty, r.time_minutes, coalesce(r.tags, '{}'),
       app.recipe_allergen_keys(r.recipe_data, r.tags), r.search_vector
from app.recipes as r
where r.is_published;
select pg_catalog.set_config('app.owner_access', '', true);

grant select on app.recipe_search to app_user, app_admin, app_worker;
