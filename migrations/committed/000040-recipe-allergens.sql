--! Previous: sha1:e8be9e175a96ab2302be804f0100e36eea5d0271
--! Hash: sha1:fb4dec7a7b2557362d0d217a60e2cff413b68211
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
-- Search reads the keys precomputed in app.recipe_search.allergen_keys (migration 000043).
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
  language plpgsql
  immutable
  parallel safe
  set search_path = ''
as $$
-- PL/pgSQL with the normalisation written out (= app.allergen_key): about 30 µs a recipe, where
-- the same rule as one SQL query (CTEs, not inlinable because of SET search_path) took ~30 ms.
declare
  keys text[] := '{}';
  ing  jsonb;
  k    text;
  t    text;
begin
  foreach t in array coalesce(p_tags, '{}') loop
    keys := keys || pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.lower(t), '[^[:alnum:]]+', '_', 'g'), '_');
  end loop;
  for ing in
    select i.value
    from pg_catalog.jsonb_path_query(p_recipe_data, 'lax $.stages[*].ingredients[*] ? (@.type() == "object")') as i (value)
  loop
    k := pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.lower(ing ->> 'name'), '[^[:alnum:]]+', '_', 'g'), '_');
    if k is not null then
      keys := keys || k || pg_catalog.string_to_array(k, '_');
    end if;
    case pg_catalog.jsonb_typeof(ing -> 'allergens')
      when 'array' then
        for t in select a.value from pg_catalog.jsonb_array_elements_text(ing -> 'allergens') as a (value) loop
          keys := keys || pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.lower(t), '[^[:alnum:]]+', '_', 'g'), '_');
        end loop;
      when 'string' then
        keys := keys || pg_catalog.btrim(pg_catalog.regexp_replace(pg_catalog.lower(ing ->> 'allergens'), '[^[:alnum:]]+', '_', 'g'), '_');
      else
        null;
    end case;
  end loop;
  return array(select distinct u.k from pg_catalog.unnest(keys) as u (k) where u.k <> '' order by 1);
end
$$;
comment on function app.recipe_allergen_keys(jsonb, text[]) is
  'The allergen keys a recipe holds (sorted, distinct, app.allergen_key-normalised): its tags, each ingredient name of every stage and each word of that name, and each entry of an ingredient''s "allergens" array (or string). '
  'A person with allergen A (normalised the same way) must not be offered the recipe when A is one of these keys. Stored per published recipe in app.recipe_search.allergen_keys, which search filters on.';

-- People: get() reports the allergens a recipe holds; admins: checks in the admin portal.
revoke all on function app.allergen_key(text), app.recipe_allergen_keys(jsonb, text[]) from public;
grant execute on function app.allergen_key(text), app.recipe_allergen_keys(jsonb, text[]) to app_user, app_admin;
