// assistant use cases through the public API: conversations and messages, API usage and cost,
// embeddings (batches, dimension checks) and similarity search (own items exact, knowledge HNSW).
import { scope } from '../src/api/kitchen.ts';
import { withUser } from '../src/db/context.ts';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';

const db = useTestDatabase();

const count = async (sql: string, params: unknown[] = []) => Number((await db().pool.query(sql, params)).rows[0].n);

/** Deterministic pseudo-random unit vectors (mulberry32). */
function vectors(n: number, dim: number, seed: number): number[][] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
  return Array.from({ length: n }, () => {
    const v = Array.from({ length: dim }, rand);
    const norm = Math.hypot(...v);
    return v.map((x) => Math.fround(x / norm));
  });
}

function cosineDistance(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return 1 - dot / Math.sqrt(na * nb);
}

async function dimension(): Promise<number> {
  const { rows } = await db().pool.query(`select atttypmod as d from pg_attribute where attrelid = 'app.embeddings'::regclass and attname = 'embedding'`);
  return rows[0].d;
}

describe('conversations and messages', () => {
  it('titles a conversation from its first user message and lists latest activity first with a preview', async () => {
    const p = await createPerson(db().pool);
    expect(await db().kdb.asUser(p.id, (me) => me.assistant.listConversations())).toEqual({ items: [], nextCursor: null });
    const a = await db().kdb.asUser(p.id, (me) => me.assistant.startConversation());
    expect(a.title).toBeNull();
    const long = 'How much protein should I eat in a day if I am training for a half marathon next spring?';
    const [q, answer] = await db().kdb.asUser(p.id, (me) =>
      me.assistant.addMessages(a.id, [
        { role: 'user', content: long },
        { role: 'assistant', content: 'About 1.2 to 1.6 g per kg of body weight.', metadata: { citations: ['k1'] } },
      ]),
    );
    // Stored in the order given, microseconds apart (a JS Date keeps milliseconds: compare in SQL).
    const { rows: [order] } = await db().pool.query(
      `select (select created_at from app.messages where id = $1) < (select created_at from app.messages where id = $2) as ok`,
      [q!.id, answer!.id],
    );
    expect(order.ok).toBe(true);
    const b = await db().kdb.asUser(p.id, (me) => me.assistant.startConversation({ title: '  Meal plan  ' }));
    await db().kdb.asUser(p.id, (me) => me.assistant.addMessage(b.id, { role: 'user', content: 'Plan my week' }));
    const empty = await db().kdb.asUser(p.id, (me) => me.assistant.startConversation());

    const list = await db().kdb.asUser(p.id, (me) => me.assistant.listConversations());
    expect(list.items.map((c) => c.id)).toEqual([b.id, a.id, empty.id]);
    expect(list.items[0]).toMatchObject({ title: 'Meal plan', lastMessage: { role: 'user', preview: 'Plan my week' } });
    expect(list.items[1]!.title).toBe('How much protein should I eat in a day if I am training for…');
    expect(list.items[1]!.lastMessage).toEqual({ role: 'assistant', preview: 'About 1.2 to 1.6 g per kg of body weight.' });
    expect(list.items[2]!.lastMessage).toBeNull();
  });

  it('pages conversations across the boundary between those with and without messages', async () => {
    const p = await createPerson(db().pool);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await db().kdb.asUser(p.id, (me) => me.assistant.startConversation());
      if (i < 3) await db().kdb.asUser(p.id, (me) => me.assistant.addMessage(c.id, { role: 'user', content: `q${i}` }));
      ids.push(c.id);
    }
    const { rows } = await db().pool.query(
      `select id from app.conversations where user_id = $1 order by last_message_at desc nulls last, id desc`,
      [p.id],
    );
    for (const limit of [1, 2, 3, 5]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof listPage>> = await listPage(p.id, limit, cursor);
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(rows.map((r) => r.id));
    }
  });

  const listPage = (userId: string, limit: number, cursor: string | null) =>
    db().kdb.asUser(userId, (me) => me.assistant.listConversations({ limit, cursor }));

  it('pages messages newest first and oldest first', async () => {
    const p = await createPerson(db().pool);
    const c = await db().kdb.asUser(p.id, (me) => me.assistant.startConversation());
    const sent = await db().kdb.asUser(p.id, (me) =>
      me.assistant.addMessages(c.id, Array.from({ length: 7 }, (_, i) => ({ role: i % 2 ? 'assistant' : 'user', content: `m${i}` }) as const)),
    );
    const walk = async (order: 'newest' | 'oldest') => {
      const out: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { content: string }[]; nextCursor: string | null } = await db().kdb.asUser(p.id, (me) =>
          me.assistant.listMessages(c.id, { limit: 3, cursor, order }),
        );
        out.push(...page.items.map((m) => m.content));
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    };
    expect(await walk('oldest')).toEqual(sent.map((m) => m.content));
    expect(await walk('newest')).toEqual(sent.map((m) => m.content).reverse());
  });

  it('refuses another person\'s conversation, bad roles and oversized content; nothing written', async () => {
    const a = await createPerson(db().pool);
    const b = await createPerson(db().pool);
    const c = await db().kdb.asUser(a.id, (me) => me.assistant.startConversation());
    await expect(db().kdb.asUser(b.id, (me) => me.assistant.addMessage(c.id, { role: 'user', content: 'hi' }))).rejects.toMatchObject({
      name: 'NotFoundError',
      field: 'conversationId',
    });
    await expect(db().kdb.asUser(b.id, (me) => me.assistant.listMessages(c.id))).rejects.toMatchObject({ name: 'NotFoundError', field: 'conversationId' });
    const bad = (messages: unknown, field: string, rule: string) =>
      expect(db().kdb.asUser(a.id, (me) => me.assistant.addMessages(c.id, messages as never))).rejects.toMatchObject({ name: 'ValidationError', field, rule });
    await bad([{ role: 'system', content: 'x' }], 'messages[0].role', 'enum');
    await bad([{ role: 'user', content: 'ok' }, { role: 'user', content: 'x'.repeat(1_000_000) }], 'messages[1].content', 'length');
    await bad([{ role: 'user', content: '' }], 'messages[0].content', 'length');
    await bad([{ role: 'user', content: 'x', metadata: ['a'] }], 'messages[0].metadata', 'object');
    await bad([], 'messages', 'length');
    await expect(db().kdb.asUser(a.id, (me) => me.assistant.startConversation({ title: 'x'.repeat(1_000_000) }))).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'title',
      rule: 'length',
    });
    await expect(db().kdb.asUser(a.id, (me) => me.assistant.addMessage('not-a-uuid', { role: 'user', content: 'x' }))).rejects.toMatchObject({
      field: 'conversationId',
      rule: 'uuid',
    });
    expect(await count(`select count(*) as n from app.messages where conversation_id = $1`, [c.id])).toBe(0);
    expect(await count(`select count(*) as n from app.conversations where user_id = $1`, [a.id])).toBe(1);
  });
});

describe('API usage and cost', () => {
  it('records usage and sums cost per day in the person\'s zone, provider and model, exactly', async () => {
    const p = await createPerson(db().pool, { timeZone: 'Asia/Kolkata' });
    const u = await db().kdb.asUser(p.id, (me) =>
      me.assistant.recordUsage({ provider: 'openai', model: 'gpt-4o-mini', inputTokens: 1200, outputTokens: 300, costUsd: 0.1, feature: 'chat', latencyMs: 850 }),
    );
    expect(u).toMatchObject({ provider: 'openai', inputTokens: 1200, costUsd: '0.100000', feature: 'chat', requestId: null });
    // Rows at chosen instants (the API stamps now()): the day boundary in Kolkata is 18:30 UTC.
    await db().pool.query(
      `insert into app.api_usage (user_id, provider, model, input_tokens, output_tokens, cost_usd, created_at) values
         ($1, 'openai', 'gpt-4o-mini', 10, 1, 0.1, '2026-01-10T18:29:59Z'),
         ($1, 'openai', 'gpt-4o-mini', 20, 2, 0.2, '2026-01-10T10:00:00Z'),
         ($1, 'anthropic', 'claude-haiku', 5, 5, 0.000001, '2026-01-10T00:00:00Z'),
         ($1, 'openai', 'gpt-4o-mini', 40, 4, 0.4, '2026-01-10T18:30:00Z')`,
      [p.id],
    );
    const summary = await db().kdb.asUser(p.id, (me) => me.assistant.costSummary({ from: '2026-01-10', to: '2026-01-11' }));
    expect(summary.rows).toEqual([
      { day: '2026-01-10', provider: 'anthropic', model: 'claude-haiku', requests: 1, inputTokens: 5, outputTokens: 5, costUsd: '0.000001' },
      { day: '2026-01-10', provider: 'openai', model: 'gpt-4o-mini', requests: 2, inputTokens: 30, outputTokens: 3, costUsd: '0.300000' },
      { day: '2026-01-11', provider: 'openai', model: 'gpt-4o-mini', requests: 1, inputTokens: 40, outputTokens: 4, costUsd: '0.400000' },
    ]);
    expect(summary.totalUsd).toBe('0.700001');
    expect(await db().kdb.asUser(p.id, (me) => me.assistant.costSummary({ from: '2020-01-01', to: '2020-01-02' }))).toEqual({ rows: [], totalUsd: '0.000000' });
  });

  it('lets the worker record usage for a person', async () => {
    const p = await createPerson(db().pool);
    const u = await db().kdb.asWorker((w) => w.assistant.recordUsage({ userId: p.id, provider: 'openai', model: 'text-embedding-3-small', inputTokens: 800, outputTokens: 0, costUsd: '0.000016', feature: 'embedding' }));
    expect(u.costUsd).toBe('0.000016');
    expect(await count(`select count(*) as n from app.api_usage where user_id = $1`, [p.id])).toBe(1);
  });

  it('refuses negative or non-finite figures and oversized names', async () => {
    const p = await createPerson(db().pool);
    const good = { provider: 'openai', model: 'm', inputTokens: 1, outputTokens: 1, costUsd: 0.01 };
    const bad = (patch: object, field: string, rule: string) =>
      expect(db().kdb.asUser(p.id, (me) => me.assistant.recordUsage({ ...good, ...patch } as never))).rejects.toMatchObject({ name: 'ValidationError', field, rule });
    await bad({ costUsd: -0.01 }, 'costUsd', 'range');
    await bad({ costUsd: Number.NaN }, 'costUsd', 'finite');
    await bad({ costUsd: '1e5' }, 'costUsd', 'format');
    await bad({ inputTokens: -1 }, 'inputTokens', 'range');
    await bad({ outputTokens: 1.5 }, 'outputTokens', 'integer');
    await bad({ provider: 'x'.repeat(1_000_000) }, 'provider', 'length');
    await bad({ latencyMs: Infinity }, 'latencyMs', 'finite');
    await expect(db().kdb.asUser(p.id, (me) => me.assistant.costSummary({ from: '2026-02-01', to: '2026-01-01' }))).rejects.toMatchObject({ field: 'to', rule: 'range' });
    expect(await count(`select count(*) as n from app.api_usage where user_id = $1`, [p.id])).toBe(0);
  });
});

describe('embeddings and similarity search', () => {
  it('stores a person\'s chunks in a batch, replaces on re-embedding, and searches them exactly', async () => {
    const dim = await dimension();
    const p = await createPerson(db().pool);
    const other = await createPerson(db().pool);
    const meals = await db().kdb.asUser(p.id, async (me) => {
      const out = [];
      for (let i = 0; i < 6; i++) out.push(await me.meals.logMeal({ mealTime: new Date(Date.UTC(2026, 0, 1 + i)), mealType: 'lunch', notes: `meal ${i}` }));
      return out;
    });
    const vs = vectors(9, dim, 42);
    const items = meals.map((m, i) => ({ sourceKind: 'meal_log' as const, sourceId: m.id, content: `meal ${i}`, embedding: vs[i]!, model: 'm1', metadata: { i } }));
    const stored = await db().kdb.asUser(p.id, (me) => me.assistant.storeEmbeddings(items));
    expect(stored.ids).toHaveLength(6);
    // Re-embedding the same chunk replaces it (same id).
    const again = await db().kdb.asUser(p.id, (me) => me.assistant.storeEmbeddings([{ ...items[0]!, content: 'meal 0 (v2)' }]));
    expect(again.ids).toEqual([stored.ids[0]]);

    // Noise: another person's chunks and a knowledge chunk equal to the query must never be returned.
    const otherMeal = await db().kdb.asUser(other.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'lunch' }));
    await db().kdb.asUser(other.id, (me) => me.assistant.storeEmbeddings([{ sourceKind: 'meal_log', sourceId: otherMeal.id, content: 'theirs', embedding: vs[8]!, model: 'm1' }]));
    await db().kdb.asAdmin((a) => a.assistant.storeKnowledge([{ content: 'kb', embedding: vs[8]!, model: 'm1' }]));
    await db().kdb.asUser(p.id, (me) => me.meals.deleteMeal(meals[5]!.id)); // soft-deleted: skipped

    const query = vs[8]!;
    const hits = await db().kdb.asUser(p.id, (me) => me.assistant.searchMine({ embedding: query, model: 'm1', limit: 10 }));
    const expected = items
      .slice(0, 5)
      .map((it, i) => ({ id: stored.ids[i], d: cosineDistance(query, it.embedding) }))
      .sort((x, y) => x.d - y.d);
    expect(hits.map((h) => h.id)).toEqual(expected.map((e) => e.id));
    hits.forEach((h, i) => expect(h.distance).toBeCloseTo(expected[i]!.d, 5));
    expect(hits[0]).toMatchObject({ source: { kind: 'meal_log', chunkIndex: 0 } });
    expect(hits.find((h) => h.id === stored.ids[0])!.content).toBe('meal 0 (v2)');
    expect(await db().kdb.asUser(p.id, (me) => me.assistant.searchMine({ embedding: query, model: 'other-model' }))).toEqual([]);
    expect(await db().kdb.asUser(p.id, (me) => me.assistant.searchMine({ embedding: query, model: 'm1', sourceKind: 'message' }))).toEqual([]);
    // Undo brings the chunk back.
    await db().kdb.asUser(p.id, (me) => me.meals.restoreMeal(meals[5]!.id));
    expect(await db().kdb.asUser(p.id, (me) => me.assistant.searchMine({ embedding: query, model: 'm1' }))).toHaveLength(6);
  });

  it('embeds messages too, and lets the worker store chunks for a person', async () => {
    const dim = await dimension();
    const p = await createPerson(db().pool);
    const c = await db().kdb.asUser(p.id, (me) => me.assistant.startConversation());
    const [m] = await db().kdb.asUser(p.id, (me) => me.assistant.addMessages(c.id, [{ role: 'user', content: 'paneer or tofu?' }]));
    const [v] = vectors(1, dim, 7);
    await db().kdb.asWorker((w) => w.assistant.storeEmbeddings([{ userId: p.id, sourceKind: 'message', sourceId: m!.id, content: 'paneer or tofu?', embedding: v!, model: 'm1' }]));
    const hits = await db().kdb.asUser(p.id, (me) => me.assistant.searchMine({ embedding: v!, model: 'm1', sourceKind: 'message' }));
    expect(hits).toHaveLength(1);
    expect(hits[0]!.distance).toBeCloseTo(0, 6);
    expect(hits[0]!.source).toEqual({ kind: 'message', id: m!.id, chunkIndex: 0 });
  });

  it('refuses wrong dimensions, non-finite components, foreign sources and duplicates; nothing written', async () => {
    const dim = await dimension();
    const p = await createPerson(db().pool);
    const other = await createPerson(db().pool);
    const mine = await db().kdb.asUser(p.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'lunch' }));
    const theirs = await db().kdb.asUser(other.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'lunch' }));
    const [v] = vectors(1, dim, 1);
    const ok = { sourceKind: 'meal_log', sourceId: mine.id, content: 'x', embedding: v!, model: 'm1' };
    const bad = (items: unknown[], name: string, field: string, rule: string) =>
      expect(db().kdb.asUser(p.id, (me) => me.assistant.storeEmbeddings(items as never))).rejects.toMatchObject({ name, field, rule });
    await bad([{ ...ok, embedding: v!.slice(0, 384) }], 'ValidationError', 'items[0].embedding', 'dimension');
    await bad([ok, { ...ok, chunkIndex: 1, embedding: [...v!.slice(1), Number.NaN] }], 'ValidationError', 'items[1].embedding', 'finite');
    await bad([{ ...ok, embedding: [...v!.slice(1), Infinity] }], 'ValidationError', 'items[0].embedding', 'finite');
    await bad([ok, { ...ok, sourceId: theirs.id, chunkIndex: 1 }], 'NotFoundError', 'items[1].sourceId', 'source');
    await bad([ok, { ...ok }], 'ValidationError', 'items[1]', 'duplicate');
    await bad([{ ...ok, sourceKind: 'knowledge' }], 'ValidationError', 'items[0].sourceKind', 'enum');
    await bad([{ ...ok, content: 'x'.repeat(1_000_000) }], 'ValidationError', 'items[0].content', 'length');
    await bad([{ ...ok, sourceId: 'nope' }], 'ValidationError', 'items[0].sourceId', 'uuid');
    expect(await count(`select count(*) as n from app.embeddings where user_id = $1`, [p.id])).toBe(0);
    await expect(db().kdb.asUser(p.id, (me) => me.assistant.searchMine({ embedding: [1, 2, 3], model: 'm1' }))).rejects.toMatchObject({
      name: 'ValidationError',
      field: 'embedding',
      rule: 'dimension',
    });
    await expect(db().kdb.asUser(p.id, (me) => me.assistant.searchKnowledge({ embedding: v!.map(() => Number.NaN), model: 'm1' }))).rejects.toMatchObject({
      field: 'embedding',
      rule: 'finite',
    });
  });

  it('searches the shared knowledge base through HNSW with ef_search and iterative scan set for the query, filtering on metadata', async () => {
    const dim = await dimension();
    const p = await createPerson(db().pool);
    const vs = vectors(400, dim, 99);
    const docs = vs.map((embedding, i) => ({
      sourceId: randomUUID(),
      content: `doc ${i}`,
      embedding,
      model: 'kb-model',
      metadata: { topic: i % 40 === 0 ? 'rare' : 'common', i },
    }));
    for (let i = 0; i < docs.length; i += 100) await db().kdb.asAdmin((a) => a.assistant.storeKnowledge(docs.slice(i, i + 100)));
    await db().pool.query('analyze app.knowledge_embeddings');
    const query = vs[123]!;
    const result = await withUser(db().pool, p.id, async (client) => {
      const me = scope('forUser', client);
      // 400 rows: the planner rightly prefers an exact sort (cheaper than an HNSW scan at this
      // size). Without sorts, only the HNSW index can produce the order: this proves the
      // function's statement matches idx_knowledge_embeddings_hnsw (operator).
      await client.query('set local enable_sort = off');
      const hits = await me.assistant.searchKnowledge({ embedding: query, model: 'kb-model', limit: 5, efSearch: 64 });
      const { rows } = await client.query(
        `select current_setting('hnsw.ef_search') as ef, current_setting('hnsw.iterative_scan', true) as iter,
                pg_stat_get_xact_numscans('app.idx_knowledge_embeddings_hnsw'::regclass)::int as scans`,
      );
      return { hits, settings: rows[0] };
    });
    expect(result.hits[0]).toMatchObject({ content: 'doc 123', source: { kind: 'knowledge', chunkIndex: 0 } });
    expect(result.hits[0]!.distance).toBeCloseTo(0, 5);
    const exact = docs.map((d, i) => ({ i, d: cosineDistance(query, d.embedding) })).sort((a, b) => a.d - b.d).slice(0, 5);
    expect(result.hits.map((h) => h.content)).toEqual(exact.map((e) => `doc ${e.i}`));
    expect(result.hits.map((h) => h.distance)).toEqual([...result.hits.map((h) => h.distance)].sort((a, b) => a - b));
    expect(result.settings).toMatchObject({ ef: '64', iter: 'relaxed_order' });
    expect(result.settings.scans).toBeGreaterThan(0);

    // A selective metadata filter (10 of 400 rows): iterative scan keeps going until k rows pass.
    const rare = await db().kdb.asUser(p.id, (me) => me.assistant.searchKnowledge({ embedding: query, model: 'kb-model', limit: 5, filter: { topic: 'rare' } }));
    expect(rare).toHaveLength(5);
    expect(rare.every((h) => h.metadata.topic === 'rare')).toBe(true);
    const rareExact = docs
      .map((d, i) => ({ i, d: cosineDistance(query, d.embedding), topic: d.metadata.topic }))
      .filter((x) => x.topic === 'rare')
      .sort((a, b) => a.d - b.d)
      .slice(0, 5);
    expect(rare.map((h) => h.content)).toEqual(rareExact.map((e) => `doc ${e.i}`));

    // Reloading a document with the same source id replaces it instead of duplicating it.
    await db().kdb.asAdmin((a) => a.assistant.storeKnowledge([{ ...docs[0]!, content: 'doc 0 (v2)' }]));
    expect(await count(`select count(*) as n from app.knowledge_embeddings where model = 'kb-model'`)).toBe(400);
  });

  it('refuses bad search options', async () => {
    const dim = await dimension();
    const p = await createPerson(db().pool);
    const [v] = vectors(1, dim, 5);
    const bad = (options: object, field: string, rule: string) =>
      expect(db().kdb.asUser(p.id, (me) => me.assistant.searchKnowledge({ embedding: v!, model: 'm', ...options } as never))).rejects.toMatchObject({
        name: 'ValidationError',
        field,
        rule,
      });
    await bad({ limit: 0 }, 'limit', 'range');
    await bad({ limit: 1000 }, 'limit', 'range');
    await bad({ efSearch: 5000 }, 'efSearch', 'range');
    await bad({ filter: 'topic=rare' }, 'filter', 'object');
    await bad({ model: '' }, 'model', 'length');
  });
});
