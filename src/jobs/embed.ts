// assistant.embed: turns meal logs and messages into app.embeddings rows and records every embedder
// call in app.api_usage. Jobs are enqueued by triggers in the transaction that writes the row
// (migration 000055), with data { kind: 'meal_log' | 'message', id }.
//
// Idempotent, and an interrupted job's retry repeats nothing that already happened:
//   - the source's current text is split into chunks; when app.embeddings already holds exactly
//     these chunks for the embedder's model, the job is done without calling the embedder;
//   - otherwise the embedder is called once per person in the batch (outside any transaction), and
//     one transaction for the batch locks the sources (app.lock_embedding_sources: a concurrent
//     DELETE waits, or has already removed the row and nothing is written), upserts the chunks on
//     (source_kind, source_id, chunk_index, model), deletes chunks beyond the new count, and
//     records each call in app.api_usage — all or nothing.
// A source that no longer exists completes the job with { skipped: 'gone' }.
import pgvector from 'pgvector';
import type { Job, JobResult } from 'pg-boss';
import { asWorker, type DbClient } from '../db/context.ts';
import { isUuid } from '../db/uuid.ts';
import { forEmbedJob as store, type EmbeddingRow, type Json } from '../areas/assistant.ts';
import type { JobContext } from './context.ts';
import { EmbedderError } from './embedder.ts';
import type { EmbedJob } from './queues.ts';

/** Characters per chunk (~500 tokens): well inside every embedding model's input limit. */
export const CHUNK_CHARS = 2000;


type Kind = EmbedJob['kind'];

interface Source {
  kind: Kind;
  id: string;
  userId: string;
  chunks: string[];
  metadata: Record<string, Json>;
}

/** Splits text into chunks of at most `max` characters, on paragraph, sentence, then word boundaries. */
export function chunkText(text: string, max = CHUNK_CHARS): string[] {
  const clean = text.replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
  if (clean.length === 0) return [];
  if (clean.length <= max) return [clean];
  // Pieces no longer than max: paragraphs, split further into sentences, then words, then hard cuts.
  const pieces: string[] = [];
  const split = (part: string, level: number) => {
    if (part.length <= max) return void pieces.push(part);
    const separators = [/\n\n/, /(?<=[.!?])\s+/, /\s+/];
    if (level >= separators.length) {
      for (let i = 0; i < part.length; i += max) pieces.push(part.slice(i, i + max));
      return;
    }
    for (const p of part.split(separators[level]!)) if (p.trim()) split(p.trim(), level + 1);
  };
  split(clean, 0);
  const chunks: string[] = [];
  let current = '';
  for (const p of pieces) {
    if (current && current.length + 1 + p.length > max) {
      chunks.push(current);
      current = p;
    } else current = current ? `${current} ${p}` : p;
  }
  if (current) chunks.push(current);
  return chunks;
}

interface Food {
  name?: string;
  quantity?: number | string | null;
  unit?: string | null;
}

/** The text a meal log is embedded as: its type, foods with quantities, notes and the AI's description. */
export function mealText(meal: { mealType: string; notes: string | null; aiAnalysis: Json | null; foods: Json }): string {
  const foods = (Array.isArray(meal.foods) ? (meal.foods as Food[]) : [])
    .filter((f) => typeof f?.name === 'string' && f.name.trim())
    .map((f) => [f.quantity != null ? String(Number(f.quantity)) : '', f.unit ?? '', f.name!.trim()].filter(Boolean).join(' '));
  const parts = [`${meal.mealType.charAt(0).toUpperCase()}${meal.mealType.slice(1)}${foods.length ? `: ${foods.join(', ')}` : ''}.`];
  if (meal.notes?.trim()) parts.push(meal.notes.trim());
  const ai = meal.aiAnalysis;
  if (ai && typeof ai === 'object' && !Array.isArray(ai)) {
    for (const key of ['description', 'summary']) {
      const v = (ai as Record<string, Json>)[key];
      if (typeof v === 'string' && v.trim()) {
        parts.push(v.trim());
        break;
      }
    }
  }
  return parts.join('\n');
}

async function loadSources(client: DbClient, ids: Record<Kind, string[]>): Promise<Map<string, Source>> {
  const out = new Map<string, Source>();
  if (ids.meal_log.length) {
    for (const m of await store.loadMealLogs(client, ids.meal_log)) {
      const chunks = chunkText(mealText(m));
      out.set(`meal_log:${m.id}`, { kind: 'meal_log', id: m.id, userId: m.userId, chunks, metadata: { meal_type: m.mealType } });
    }
  }
  if (ids.message.length) {
    for (const m of await store.loadMessages(client, ids.message)) {
      out.set(`message:${m.id}`, { kind: 'message', id: m.id, userId: m.userId, chunks: chunkText(m.content), metadata: { role: m.role } });
    }
  }
  return out;
}

/** Sources whose stored chunks (for this model) are exactly their current chunks. */
async function unchangedSources(client: DbClient, sources: Source[], model: string): Promise<Set<string>> {
  const same = new Set<string>();
  for (const kind of ['meal_log', 'message'] as const) {
    const ofKind = sources.filter((s) => s.kind === kind);
    if (!ofKind.length) continue;
    const stored = new Map<string, string[]>();
    for (const r of await store.existingChunks(client, { kind, ids: ofKind.map((s) => s.id), model })) {
      const list = stored.get(r.sourceId) ?? [];
      list[r.chunkIndex] = r.content;
      stored.set(r.sourceId, list);
    }
    for (const s of ofKind) {
      const have = stored.get(s.id) ?? [];
      if (have.length === s.chunks.length && s.chunks.every((c, i) => have[i] === c)) same.add(`${kind}:${s.id}`);
    }
  }
  return same;
}

/**
 * The batch handler (pg-boss work() with perJobResults): settles each job on its own — completed,
 * failed (retried with backoff) or deadletter (bad data, or an embedder error that retrying cannot fix).
 */
export async function runEmbedBatch(ctx: JobContext, jobs: Job<EmbedJob>[]): Promise<JobResult[]> {
  const results = new Map<string, JobResult>();
  const settle = (job: Job<EmbedJob>, status: JobResult['status'], output: Record<string, unknown>) => results.set(job.id, { id: job.id, status, output });
  const wanted: Record<Kind, string[]> = { meal_log: [], message: [] };
  const jobsOf = new Map<string, Job<EmbedJob>[]>();
  for (const job of jobs) {
    const d = job.data as Partial<EmbedJob> | null;
    if (!d || (d.kind !== 'meal_log' && d.kind !== 'message') || typeof d.id !== 'string' || !isUuid(d.id)) {
      settle(job, 'deadletter', { error: `assistant.embed needs data {kind: 'meal_log' | 'message', id: uuid}, got ${JSON.stringify(d)}` });
      continue;
    }
    const key = `${d.kind}:${d.id.toLowerCase()}`;
    if (!jobsOf.has(key)) wanted[d.kind].push(d.id.toLowerCase());
    jobsOf.set(key, [...(jobsOf.get(key) ?? []), job]);
  }
  const settleKey = (key: string, status: JobResult['status'], output: Record<string, unknown>) => {
    for (const job of jobsOf.get(key) ?? []) settle(job, status, output);
  };
  const { model } = ctx.embedder;

  let sources: Map<string, Source>;
  let same: Set<string>;
  try {
    ({ sources, same } = await asWorker(
      ctx.pool,
      async (c) => {
        const sources = await loadSources(c, wanted);
        return { sources, same: await unchangedSources(c, [...sources.values()], model) };
      },
      { readOnly: true },
    ));
  } catch (error) {
    for (const key of jobsOf.keys()) settleKey(key, 'failed', { error: (error as Error).message });
    return jobs.map((j) => results.get(j.id)!);
  }

  const byUser = new Map<string, Source[]>();
  for (const key of jobsOf.keys()) {
    const s = sources.get(key);
    if (!s) settleKey(key, 'completed', { skipped: 'gone' });
    else if (s.chunks.length === 0) settleKey(key, 'completed', { skipped: 'empty' });
    else if (same.has(key)) settleKey(key, 'completed', { unchanged: true, model, chunks: s.chunks.length });
    else byUser.set(s.userId, [...(byUser.get(s.userId) ?? []), s]);
  }

  // One embedder call per person (each call is one api_usage row of that person), then one write
  // transaction for every person whose call succeeded.
  const embedded: Embedded[] = [];
  const fail = (list: Source[], error: unknown, userId?: string) => {
    const e = error as Error;
    const permanent = error instanceof EmbedderError && !error.retryable;
    ctx.log.warn(
      { queue: 'assistant.embed', userId, sources: list.length, error: { message: e.message, kind: (error as EmbedderError).kind } },
      permanent ? 'embedding failed for good' : 'embedding failed, will retry',
    );
    for (const s of list) settleKey(`${s.kind}:${s.id}`, permanent ? 'deadletter' : 'failed', { error: e.message });
  };
  for (const [userId, list] of byUser) {
    try {
      const texts = list.flatMap((s) => s.chunks);
      const { vectors, usage } = await ctx.embedder.embed(texts);
      if (vectors.length !== texts.length) {
        throw new EmbedderError('bad_response', `the embedder returned ${vectors.length} vectors for ${texts.length} texts`, { retryable: true });
      }
      const first = list[0]!;
      embedded.push({ userId, list, vectors, usage, requestId: `assistant.embed:${jobsOf.get(`${first.kind}:${first.id}`)![0]!.id}` });
    } catch (error) {
      fail(list, error, userId);
    }
  }
  if (embedded.length === 0) return jobs.map((j) => results.get(j.id)!);

  try {
    const all = embedded.flatMap((e) => e.list);
    const alive = await asWorker(ctx.pool, (c) => storeBatch(c, embedded, all, model, ctx.embedder.provider));
    for (const e of embedded) {
      for (const s of e.list) {
        const key = `${s.kind}:${s.id}`;
        settleKey(key, 'completed', alive.has(key) ? { model, chunks: s.chunks.length, requestId: e.requestId } : { skipped: 'gone' });
      }
    }
    ctx.log.debug({ queue: 'assistant.embed', people: embedded.length, sources: all.length }, 'embedded');
  } catch (error) {
    fail(embedded.flatMap((e) => e.list), error);
  }
  return jobs.map((j) => results.get(j.id)!);
}

/** A person's sources with the vectors of one embedder call. */
interface Embedded {
  userId: string;
  list: Source[];
  vectors: number[][];
  usage: { inputTokens: number; costUsd: number; latencyMs: number };
  requestId: string;
}

/**
 * The write transaction of a batch (through the assistant area, the one writer of app.embeddings
 * and app.api_usage): locks the sources still there, upserts their chunks, drops surplus chunks,
 * records every embedder call. Returns the keys of the sources that were still there.
 */
async function storeBatch(c: DbClient, embedded: Embedded[], all: Source[], model: string, provider: string): Promise<Set<string>> {
  const alive = new Set<string>();
  for (const kind of ['meal_log', 'message'] as const) {
    const sources = all.filter((s) => s.kind === kind);
    // (owner, id) pairs: the rows are locked person by person, on user_id (Citus: one shard each).
    const [userIds, ids] = [sources.map((s) => s.userId), sources.map((s) => s.id)];
    if (ids.length) for (const r of await store.lockSources(c, { kind, userIds, ids })) alive.add(`${kind}:${r.id}`);
  }
  const rows = embeddingRows(embedded, alive, model);
  for (let i = 0; i < rows.length; i += 200) await store.upsertEmbeddings(c, rows.slice(i, i + 200));
  for (const kind of ['meal_log', 'message'] as const) {
    const kept = all.filter((s) => s.kind === kind && alive.has(`${kind}:${s.id}`));
    if (kept.length) {
      await store.deleteSurplusChunks(c, { kind, model, sourceIds: kept.map((s) => s.id), chunkCounts: kept.map((s) => s.chunks.length) });
    }
  }
  // Every call is recorded, also when its sources were deleted meanwhile: it happened.
  await store.recordUsage(
    c,
    embedded.map((e) => ({
      userId: e.userId,
      provider,
      model,
      inputTokens: Math.round(e.usage.inputTokens),
      outputTokens: 0,
      costUsd: e.usage.costUsd.toFixed(6),
      latencyMs: Math.round(e.usage.latencyMs),
      requestId: e.requestId,
      feature: 'embedding',
    })),
  );
  return alive;
}

/** The embeddings rows of the sources still there: each chunk with its vector. */
function embeddingRows(embedded: Embedded[], alive: Set<string>, model: string): EmbeddingRow[] {
  const rows: EmbeddingRow[] = [];
  for (const e of embedded) {
    let v = 0;
    for (const s of e.list) {
      const first = v;
      v += s.chunks.length;
      if (!alive.has(`${s.kind}:${s.id}`)) continue;
      s.chunks.forEach((content, i) => {
        rows.push({
          userId: s.userId,
          sourceKind: s.kind,
          sourceId: s.id,
          chunkIndex: i,
          content,
          embedding: pgvector.toSql(e.vectors[first + i]!) as string,
          model,
          metadata: { ...s.metadata, chunks: s.chunks.length },
        });
      });
    }
  }
  return rows;
}
