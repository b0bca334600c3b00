--! Previous: sha1:cd868c7d80829af867e2e3ab354f7d6261a16f4b
--! Hash: sha1:d7ca1d5c2f157041a0cb7ca13a9688fb1b3f4c86
--! Message: assistant: app.lock_embedding_sources locks per person (user_id in every locking statement)

-- Issue 17 (Citus): SELECT ... FOR KEY SHARE without an equality filter on the distribution column
-- is refused on distributed tables ("could not run distributed query with FOR UPDATE/SHARE
-- commands", docs/scale-out.md section 7). The embed job knows each source's owner (its jobs carry
-- userId and it loaded the rows with their user_id), so it passes (user id, source id) pairs and
-- the function locks one person at a time, each statement on that person's shard. The locking
-- rule is unchanged (see 000055); persons are taken in user id order and each person's rows in id
-- order, so two jobs over the same people lock in the same order.
set local lock_timeout = '5s';
set local statement_timeout = '60s';

drop function app.lock_embedding_sources(text, uuid[]);

create function app.lock_embedding_sources(p_kind text, p_user_ids uuid[], p_ids uuid[]) returns table (id uuid, user_id uuid)
  language plpgsql
  volatile
  security definer
  set search_path = pg_catalog, pg_temp
as $$
declare
  v_access text := pg_catalog.current_setting('app.owner_access', true);
  v_user uuid;
  v_ids uuid[];
begin
  if p_kind is null or p_kind not in ('meal_log', 'message') then
    raise exception 'lock_embedding_sources: kind must be meal_log or message (got %)', p_kind using errcode = 'invalid_parameter_value';
  end if;
  if pg_catalog.cardinality(p_user_ids) is distinct from pg_catalog.cardinality(p_ids) then
    raise exception 'lock_embedding_sources: user_ids and ids must be arrays of the same length (pairs)'
      using errcode = 'invalid_parameter_value', column = 'user_ids';
  end if;
  perform app_private.owner_access_on();
  for v_user, v_ids in
    select k.user_id, pg_catalog.array_agg(k.id order by k.id)
    from rows from (pg_catalog.unnest(p_user_ids), pg_catalog.unnest(p_ids)) as k (user_id, id)
    where k.user_id is not null and k.id is not null
    group by k.user_id
    order by k.user_id
  loop
    if p_kind = 'meal_log' then
      return query select m.id, m.user_id from app.meal_logs as m
        where m.user_id = v_user and m.id = any (v_ids) order by m.id for key share;
    else
      return query select m.id, m.user_id from app.messages as m
        where m.user_id = v_user and m.id = any (v_ids) order by m.id for key share;
    end if;
  end loop;
  perform pg_catalog.set_config('app.owner_access', coalesce(v_access, ''), true);
end
$$;
comment on function app.lock_embedding_sources(text, uuid[], uuid[]) is
  'Job assistant.embed (app_worker): locks the meal logs (p_kind meal_log) or messages (message) named by the pairs (p_user_ids[i], p_ids[i]) — owner and id — FOR KEY SHARE until the end of the caller''s transaction and returns those that still exist under that owner, so the embeddings written next in that transaction cannot outlive a concurrent DELETE of their source. One locking statement per person, filtered on user_id (Citus: one shard each), persons in id order. '
  'SECURITY DEFINER (row locks need UPDATE privilege). Errors: another kind, arrays of different lengths (22023).';
revoke all on function app.lock_embedding_sources(text, uuid[], uuid[]) from public;
grant execute on function app.lock_embedding_sources(text, uuid[], uuid[]) to app_worker;
