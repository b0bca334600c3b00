// Embedders for the assistant.embed job: an interface, an OpenAI-compatible HTTP embedder configured
// by environment variables, and a deterministic local embedder for tests, demos and offline use.
export interface EmbedUsage {
  /** Tokens the provider counted (the local embedder counts words). */
  inputTokens: number;
  costUsd: number;
  latencyMs: number;
}

export interface EmbedResult {
  /** One vector per input text, in order, each of length `dimension`. */
  vectors: number[][];
  usage: EmbedUsage;
}

export interface Embedder {
  /** Recorded in app.embeddings.model and app.api_usage.model. */
  readonly model: string;
  /** Recorded in app.api_usage.provider. */
  readonly provider: string;
  /** Length of every vector; must equal app.embeddings.embedding's dimension (1536). */
  readonly dimension: number;
  embed(texts: string[]): Promise<EmbedResult>;
}

export type EmbedderErrorKind = 'config' | 'timeout' | 'network' | 'http' | 'bad_response';

/** A failed embedder call. `retryable` says whether trying again later may succeed. */
export class EmbedderError extends Error {
  readonly kind: EmbedderErrorKind;
  readonly retryable: boolean;
  /** HTTP status, for kind 'http'. */
  readonly status: number | undefined;
  constructor(kind: EmbedderErrorKind, message: string, options: { retryable: boolean; status?: number; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EmbedderError';
    this.kind = kind;
    this.retryable = options.retryable;
    this.status = options.status;
  }
}

/** The dimension of app.embeddings.embedding. */
export const EMBEDDING_DIMENSION = 1536;

// ---------------------------------------------------------------------------------------------
// Local: feature hashing
// ---------------------------------------------------------------------------------------------

const STOP_WORDS = new Set(
  'a an and are as at be by for from has have i in is it its my of on or our so that the this to was we were with you your'.split(' '),
);

/** 32-bit FNV-1a over a string's UTF-16 code units, with a seed to separate feature families. */
function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    h = Math.imul(h ^ (unit & 0xff), 0x01000193) >>> 0;
    if (unit > 0xff) h = Math.imul(h ^ (unit >>> 8), 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Lower case, accents removed, split into letter/digit words. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * A deterministic embedder that needs no network and no model: feature hashing ("the hashing
 * trick") of word unigrams (weight 1), word bigrams (0.5) and character 3-grams of each word
 * (0.25, so that "curries" is near "curry"), each feature added with a hash-chosen sign into one of
 * `dimension` buckets, then L2-normalised. Texts that share words and word parts get a high cosine
 * similarity; it knows nothing of meaning ("stew" is not near "casserole"). For tests and demos, and
 * as a fallback where no embedding service is configured. Usage: words counted as tokens, cost 0.
 */
export class LocalHashEmbedder implements Embedder {
  readonly model: string;
  readonly provider = 'local';
  readonly dimension: number;

  constructor(dimension = EMBEDDING_DIMENSION) {
    if (!Number.isInteger(dimension) || dimension < 8) throw new EmbedderError('config', `LocalHashEmbedder: dimension must be an integer ≥ 8, got ${dimension}`, { retryable: false });
    this.dimension = dimension;
    this.model = `local-hash-v1-${dimension}`;
  }

  vector(text: string): number[] {
    const v = new Float64Array(this.dimension);
    const add = (feature: string, seed: number, weight: number) => {
      const h = fnv1a(feature, seed);
      const sign = (fnv1a(feature, seed + 7919) & 1) === 0 ? 1 : -1;
      v[h % this.dimension]! += sign * weight;
    };
    const all = words(text);
    const content = all.filter((w) => !STOP_WORDS.has(w));
    const tokens = content.length > 0 ? content : all;
    for (const w of tokens) {
      add(w, 1, 1);
      const padded = `^${w}$`;
      for (let i = 0; i + 3 <= padded.length; i++) add(padded.slice(i, i + 3), 3, 0.25);
    }
    for (let i = 0; i + 1 < tokens.length; i++) add(`${tokens[i]} ${tokens[i + 1]}`, 2, 0.5);
    let norm = 0;
    for (const x of v) norm += x * x;
    norm = Math.sqrt(norm);
    // An empty text has no features: a fixed unit vector keeps the result well-defined.
    if (norm === 0) {
      const out = new Array<number>(this.dimension).fill(0);
      out[0] = 1;
      return out;
    }
    const out = new Array<number>(this.dimension);
    for (let i = 0; i < this.dimension; i++) out[i] = v[i]! / norm;
    return out;
  }

  async embed(texts: string[]): Promise<EmbedResult> {
    const t0 = performance.now();
    const vectors = texts.map((t) => this.vector(t));
    const inputTokens = texts.reduce((n, t) => n + words(t).length, 0);
    return { vectors, usage: { inputTokens, costUsd: 0, latencyMs: Math.round(performance.now() - t0) } };
  }
}

/** Cosine similarity of two vectors (1 = same direction). */
export function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

// ---------------------------------------------------------------------------------------------
// HTTP: OpenAI-compatible POST {url}/embeddings
// ---------------------------------------------------------------------------------------------

export interface HttpEmbedderOptions {
  /** Base URL, e.g. https://api.openai.com/v1 (the embedder POSTs to `${url}/embeddings`). */
  url: string;
  model: string;
  dimension: number;
  apiKey?: string;
  /** Name recorded in api_usage.provider (default: the URL's host name). */
  provider?: string;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  /** Inputs per request; longer lists are sent in several requests (default 96). */
  maxBatch?: number;
  /** US dollars per million input tokens, for api_usage.cost_usd (default 0: unknown). */
  costPerMillionTokens?: number;
  /** Send `dimensions` in the request (OpenAI text-embedding-3 models can shorten vectors). Default true. */
  sendDimensions?: boolean;
  fetch?: typeof fetch;
}

interface OpenAiEmbeddingResponse {
  data?: { embedding?: unknown; index?: number }[];
  usage?: { prompt_tokens?: number; total_tokens?: number };
}

export class HttpEmbedder implements Embedder {
  readonly model: string;
  readonly provider: string;
  readonly dimension: number;
  readonly #options: Required<Omit<HttpEmbedderOptions, 'apiKey' | 'provider' | 'fetch'>> & { apiKey?: string; fetch: typeof fetch };

  constructor(options: HttpEmbedderOptions) {
    let host: string;
    try {
      host = new URL(options.url).hostname;
    } catch {
      throw new EmbedderError('config', `KITCHEN_DB_EMBED_URL is not a URL: ${JSON.stringify(options.url)}`, { retryable: false });
    }
    if (!options.model) throw new EmbedderError('config', 'KITCHEN_DB_EMBED_MODEL is required with KITCHEN_DB_EMBED_URL', { retryable: false });
    if (!Number.isInteger(options.dimension) || options.dimension < 1) {
      throw new EmbedderError('config', `KITCHEN_DB_EMBED_DIMENSION must be a positive integer, got ${options.dimension}`, { retryable: false });
    }
    this.model = options.model;
    this.dimension = options.dimension;
    this.provider = options.provider ?? host;
    this.#options = {
      url: options.url.replace(/\/+$/, ''),
      model: options.model,
      dimension: options.dimension,
      timeoutMs: options.timeoutMs ?? 30_000,
      maxBatch: options.maxBatch ?? 96,
      costPerMillionTokens: options.costPerMillionTokens ?? 0,
      sendDimensions: options.sendDimensions ?? true,
      fetch: options.fetch ?? fetch,
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    };
  }

  async embed(texts: string[]): Promise<EmbedResult> {
    const t0 = performance.now();
    const vectors: number[][] = [];
    let tokens = 0;
    for (let i = 0; i < texts.length; i += this.#options.maxBatch) {
      const batch = texts.slice(i, i + this.#options.maxBatch);
      const r = await this.#request(batch);
      vectors.push(...r.vectors);
      tokens += r.tokens;
    }
    return {
      vectors,
      usage: {
        inputTokens: tokens,
        costUsd: (tokens * this.#options.costPerMillionTokens) / 1e6,
        latencyMs: Math.round(performance.now() - t0),
      },
    };
  }

  async #request(input: string[]): Promise<{ vectors: number[][]; tokens: number }> {
    const o = this.#options;
    const body: Record<string, unknown> = { model: o.model, input, encoding_format: 'float' };
    if (o.sendDimensions) body.dimensions = o.dimension;
    let response: Response;
    try {
      response = await o.fetch(`${o.url}/embeddings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(o.timeoutMs),
      });
    } catch (error) {
      const e = error as Error;
      if (e.name === 'TimeoutError' || e.name === 'AbortError') {
        throw new EmbedderError('timeout', `embedding request to ${o.url} timed out after ${o.timeoutMs} ms`, { retryable: true, cause: error });
      }
      throw new EmbedderError('network', `embedding request to ${o.url} failed: ${e.message}`, { retryable: true, cause: error });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw new EmbedderError('network', `embedding response from ${o.url} was cut off: ${(error as Error).message}`, { retryable: true, cause: error });
    }
    if (!response.ok) {
      // 408/409/429 and 5xx may pass on a later attempt; other 4xx (bad key, unknown model, input
      // too long) will not until someone changes the configuration or the input.
      const retryable = response.status === 408 || response.status === 409 || response.status === 429 || response.status >= 500;
      throw new EmbedderError('http', `embedding request to ${o.url} failed with HTTP ${response.status}: ${text.slice(0, 300)}`, {
        retryable,
        status: response.status,
      });
    }
    let parsed: OpenAiEmbeddingResponse;
    try {
      parsed = JSON.parse(text) as OpenAiEmbeddingResponse;
    } catch (error) {
      throw new EmbedderError('bad_response', `embedding response from ${o.url} is not JSON: ${text.slice(0, 200)}`, { retryable: true, cause: error });
    }
    const data = parsed.data;
    if (!Array.isArray(data) || data.length !== input.length) {
      throw new EmbedderError('bad_response', `embedding response from ${o.url} has ${Array.isArray(data) ? data.length : 'no'} vectors for ${input.length} inputs`, {
        retryable: true,
      });
    }
    const vectors = new Array<number[]>(input.length);
    data.forEach((d, position) => {
      const index = typeof d.index === 'number' ? d.index : position;
      // A repeated or out-of-range index leaves some input without a vector. (Checked here: the
      // array is sparse, and some()/every() skip its holes.)
      if (!Number.isInteger(index) || index < 0 || index >= input.length || vectors[index] !== undefined) {
        throw new EmbedderError('bad_response', `embedding response from ${o.url} repeats an index or has one out of range (${index})`, { retryable: true });
      }
      const v = d.embedding;
      if (!Array.isArray(v) || v.length !== this.dimension || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
        throw new EmbedderError(
          'bad_response',
          `embedding ${index} from ${o.url} is not ${this.dimension} numbers (got ${Array.isArray(v) ? `${v.length} values` : typeof v}); check KITCHEN_DB_EMBED_DIMENSION and the model`,
          { retryable: false },
        );
      }
      vectors[index] = v as number[];
    });
    const tokens = parsed.usage?.prompt_tokens ?? parsed.usage?.total_tokens ?? 0;
    return { vectors, tokens };
  }
}

/**
 * The embedder configured by the environment: the HTTP embedder when KITCHEN_DB_EMBED_URL is set
 * (with KITCHEN_DB_EMBED_MODEL, KITCHEN_DB_EMBED_DIMENSION (default 1536), KITCHEN_DB_EMBED_API_KEY,
 * KITCHEN_DB_EMBED_PROVIDER, KITCHEN_DB_EMBED_TIMEOUT_MS, KITCHEN_DB_EMBED_COST_PER_MTOK), else the
 * local hashing embedder.
 */
export function embedderFromEnv(env: Record<string, string | undefined> = process.env): Embedder {
  const url = env.KITCHEN_DB_EMBED_URL?.trim();
  const number = (name: string, fallback: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new EmbedderError('config', `${name} must be a non-negative number, got ${JSON.stringify(raw)}`, { retryable: false });
    return n;
  };
  if (!url) return new LocalHashEmbedder(number('KITCHEN_DB_EMBED_DIMENSION', EMBEDDING_DIMENSION));
  return new HttpEmbedder({
    url,
    model: env.KITCHEN_DB_EMBED_MODEL?.trim() ?? '',
    dimension: number('KITCHEN_DB_EMBED_DIMENSION', EMBEDDING_DIMENSION),
    ...(env.KITCHEN_DB_EMBED_API_KEY ? { apiKey: env.KITCHEN_DB_EMBED_API_KEY } : {}),
    ...(env.KITCHEN_DB_EMBED_PROVIDER ? { provider: env.KITCHEN_DB_EMBED_PROVIDER } : {}),
    timeoutMs: number('KITCHEN_DB_EMBED_TIMEOUT_MS', 30_000),
    costPerMillionTokens: number('KITCHEN_DB_EMBED_COST_PER_MTOK', 0),
  });
}
