--! Previous: sha1:e8be9e175a96ab2302be804f0100e36eea5d0271
--! Hash: sha1:b0b2a513ef321283cf5994dd6601790fdaf1d288
--! Message: recipes: allergen keys of a recipe (search excludes a person's allergens)

-- The rule that decides whether a recipe contains one of a person's allergens
-- (user_preferences.allergens), in one place: recipe search excludes such recipes, get-by-id
-- names the ones a recipe contains. A recipe's allergen keys are, normalised by app.allergen_key:
--   * each of its tags                                  (tag "dairy" or "peanut" declares it;
--                                                         "gluten-free" is the key gluten_free,
--                                                         which never matches "gluten");
--   * the name of each ingredient of each stage         ("peanut_oil"), and each word of that
--                                                         name ("peanut", "oil");
--   * each entry of an ingredient's optional "allergens" array ({"name": "paneer",
--     "allergens": ["dairy"]}) — the way to declare what a name does not say.
-- A person's allergen matches when its key is one of these keys: exact keys, no stemming
-- ("peanuts" does not match "peanut"); a multi-word allergen ("tree nut" -> tree_nut) matches a
-- whole tag, ingredient name or declaration, not a part of a longer name.
-- The GIN expression index lets search find the recipes that contain an allergen (positive,
-- indexable) and exclude them with an anti-join, instead of computing the keys of every candidate.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

create function app.allergen_key(p_text text) returns text
  language sql
  immutable
  strict
  parallel safe
  set search_path = ''
as $$
  select nullif(
    pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.lower(p_text), '[^[:alnum:]]+', '_', 'g'), '_'),
    '')
$$;
comment on function app.allergen_key(text) is
  'Normalised allergen key of a tag, ingredient name or allergen: lower case, every run of non-alphanumeric characters replaced by one underscore, no leading/trailing underscore; NULL when nothing is left. "Tree nuts" -> tree_nuts, "gluten-free" -> gluten_free, "chili_powder" -> chili_powder.';

create function app.recipe_allergen_keys(p_recipe_data jsonb, p_tags text[]) returns text[]
  language sql
  immutable
  parallel safe
  set search_path = ''
as $$
  with ingredient as (
    select i.value as ing
    from pg_catalog.jsonb_path_query(p_recipe_data, 'lax $.stages[*].ingredients[*] ? (@.type() == "object")') as i (value)
  ), keys as (
    select app.allergen_key(t.tag) as k
    from pg_catalog.unnest(p_tags) as t (tag)
    union
    select app.allergen_key(ingredient.ing ->> 'name') from ingredient
    union
    select w.word
    from ingredient,
         pg_catalog.regexp_split_to_table(app.allergen_key(ingredient.ing ->> 'name'), '_') as w (word)
    union
    select app.allergen_key(a.allergen)
    from ingredient,
         pg_catalog.jsonb_array_elements_text(
           case pg_catalog.jsonb_typeof(ingredient.ing -> 'allergens')
             when 'array' then ingredient.ing -> 'allergens'
             when 'string' then pg_catalog.jsonb_build_array(ingredient.ing -> 'allergens')
             else '[]'::jsonb
           end) as a (allergen)
  )
  select coalesce(pg_catalog.array_agg(keys.k order by keys.k), '{}')
  from keys
  where keys.k is not null and keys.k <> ''
$$;
comment on function app.recipe_allergen_keys(jsonb, text[]) is
  'The allergen keys a recipe holds (sorted, distinct, app.allergen_key-normalised): its tags, each ingredient name of every stage and each word of that name, and each entry of an ingredient''s "allergens" array (or string). '
  'A person with allergen A (normalised the same way) must not be offered the recipe when A is one of these keys. Indexed by idx_recipes_allergens (GIN) so search can exclude matching recipes with an anti-join.';

-- Not CONCURRENTLY: app.recipes is the admin-curated catalogue (thousands of rows in production),
-- a plain build takes well under a second and blocks only recipe writes, which are admin edits.
-- squawk-ignore require-concurrent-index-creation
create index idx_recipes_allergens on app.recipes using gin (app.recipe_allergen_keys(recipe_data, tags));
comment on index app.idx_recipes_allergens is
  'Recipes holding an allergen key (app.recipe_allergen_keys(recipe_data, tags) && keys): recipe search excludes them for a person''s allergens.';

-- Searching people evaluate it (anti-join); admins write recipes, which maintains the index
-- (PostgreSQL checks EXECUTE on index expressions for the writing role).
revoke all on function app.allergen_key(text), app.recipe_allergen_keys(jsonb, text[]) from public;
grant execute on function app.allergen_key(text), app.recipe_allergen_keys(jsonb, text[]) to app_user, app_admin;
