// The embedders of the assistant.embed job (src/jobs/embedder.ts) and the chunking of embed.ts:
// no database needed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbedderError, HttpEmbedder, LocalHashEmbedder, cosine, embedderFromEnv, words } from '../src/jobs/embedder.ts';
import { chunkText, mealText } from '../src/jobs/embed.ts';
import { fakeEmbeddingServer, type FakeEmbeddingServer } from './support/worker.ts';

describe('LocalHashEmbedder', () => {
  const e = new LocalHashEmbedder();

  it('makes deterministic, L2-normalised vectors of the column dimension', async () => {
    const { vectors, usage } = await e.embed(['Chicken curry with rice', 'Chicken curry with rice', '']);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toHaveLength(1536);
      expect(Math.hypot(...v)).toBeCloseTo(1, 10);
    }
    expect(vectors[0]).toEqual(vectors[1]);
    expect(e.model).toBe('local-hash-v1-1536');
    expect(usage).toMatchObject({ inputTokens: 8, costUsd: 0 });
  });

  it('puts similar texts near: "chicken curry with rice" is nearer to "rice and chicken curry" than to "chocolate cake"', () => {
    const a = e.vector('chicken curry with rice');
    const b = e.vector('rice and chicken curry');
    const c = e.vector('chocolate cake');
    expect(cosine(a, b)).toBeGreaterThan(0.7);
    expect(cosine(a, c)).toBeLessThan(0.2);
    expect(cosine(a, b)).toBeGreaterThan(cosine(a, c));
  });

  it('sees word parts and ignores case and accents', () => {
    const curry = e.vector('curry');
    expect(cosine(curry, e.vector('curries'))).toBeGreaterThan(cosine(curry, e.vector('salad')));
    expect(e.vector('Crème Brûlée')).toEqual(e.vector('creme brulee'));
    expect(words('Dal Tadka, 2× roti!')).toEqual(['dal', 'tadka', '2', 'roti']);
  });
});

describe('HttpEmbedder (OpenAI-compatible)', () => {
  let server: FakeEmbeddingServer;
  beforeAll(async () => {
    server = await fakeEmbeddingServer(1536);
  });
  afterAll(async () => {
    await server.close();
  });

  it('POSTs {model, input, dimensions} to /embeddings and returns the vectors in order with usage and cost', async () => {
    const e = new HttpEmbedder({ url: server.url, model: 'text-embedding-3-small', dimension: 1536, apiKey: 'k', costPerMillionTokens: 20, maxBatch: 2 });
    server.mode = 'ok';
    const before = server.requests.length;
    const { vectors, usage } = await e.embed(['one two', 'three', 'four five six']);
    expect(vectors.map((v) => v.length)).toEqual([1536, 1536, 1536]);
    expect(vectors[2]).toEqual(new LocalHashEmbedder().vector('four five six'));
    expect(server.requests.slice(before).map((r) => r.input)).toEqual([['one two', 'three'], ['four five six']]);
    expect(server.requests[before]).toMatchObject({ model: 'text-embedding-3-small', dimensions: 1536, encoding_format: 'float' });
    expect(usage.inputTokens).toBe(6);
    expect(usage.costUsd).toBeCloseTo((6 * 20) / 1e6, 12);
    expect(e.provider).toBe('127.0.0.1');
  });

  it('types its errors: 5xx and 429 may be retried, 4xx may not, a timeout may, a wrong dimension may not', async () => {
    const e = new HttpEmbedder({ url: server.url, model: 'm', dimension: 1536, timeoutMs: 300 });
    const failure = async (mode: FakeEmbeddingServer['mode'], embedder = e) => {
      server.mode = mode;
      try {
        await embedder.embed(['x']);
      } catch (error) {
        return error as EmbedderError;
      } finally {
        server.mode = 'ok';
        server.release();
      }
      throw new Error('expected a failure');
    };
    expect(await failure(503)).toMatchObject({ kind: 'http', status: 503, retryable: true });
    expect(await failure(429)).toMatchObject({ kind: 'http', status: 429, retryable: true });
    expect(await failure(401)).toMatchObject({ kind: 'http', status: 401, retryable: false });
    expect(await failure('hang')).toMatchObject({ kind: 'timeout', retryable: true });
    const wrongDimension = new HttpEmbedder({ url: server.url, model: 'm', dimension: 768, sendDimensions: false });
    const err = await failure('ok', wrongDimension);
    expect(err).toBeInstanceOf(EmbedderError);
    expect(err).toMatchObject({ kind: 'bad_response', retryable: false });
    expect(err.message).toContain('not 768 numbers');
    const unreachable = new HttpEmbedder({ url: 'http://127.0.0.1:1/v1', model: 'm', dimension: 1536 });
    await expect(unreachable.embed(['x'])).rejects.toMatchObject({ kind: 'network', retryable: true });
  });

  it('is configured by KITCHEN_DB_EMBED_* (else the local embedder), with one-line configuration errors', () => {
    expect(embedderFromEnv({})).toBeInstanceOf(LocalHashEmbedder);
    const e = embedderFromEnv({ KITCHEN_DB_EMBED_URL: 'https://api.example.com/v1', KITCHEN_DB_EMBED_MODEL: 'text-embedding-3-small', KITCHEN_DB_EMBED_API_KEY: 's' });
    expect(e).toMatchObject({ model: 'text-embedding-3-small', dimension: 1536, provider: 'api.example.com' });
    expect(() => embedderFromEnv({ KITCHEN_DB_EMBED_URL: 'https://api.example.com/v1' })).toThrow(/KITCHEN_DB_EMBED_MODEL is required/);
    expect(() => embedderFromEnv({ KITCHEN_DB_EMBED_URL: 'not a url', KITCHEN_DB_EMBED_MODEL: 'm' })).toThrow(/not a URL/);
    expect(() => embedderFromEnv({ KITCHEN_DB_EMBED_DIMENSION: 'many' })).toThrow(/KITCHEN_DB_EMBED_DIMENSION must be/);
  });
});

describe('what is embedded', () => {
  it('splits long text into chunks of at most 2000 characters on paragraph, sentence and word boundaries', () => {
    expect(chunkText('  short   text \n')).toEqual(['short text']);
    expect(chunkText('   ')).toEqual([]);
    const sentence = 'Lentils are rich in protein and fibre. ';
    const long = sentence.repeat(120); // ~4,700 characters
    const chunks = chunkText(long);
    expect(chunks.length).toBe(3);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(2000);
      expect(c.endsWith('.')).toBe(true);
    }
    expect(chunks.join(' ')).toBe(long.trim());
    const word = 'x'.repeat(4500);
    expect(chunkText(word).map((c) => c.length)).toEqual([2000, 2000, 500]);
  });

  it('a meal log reads as its type, foods with quantities, notes and the AI description', () => {
    expect(
      mealText({
        mealType: 'lunch',
        notes: ' after the gym ',
        aiAnalysis: { description: 'A balanced plate.', score: 8 },
        foods: [{ name: 'dal', quantity: '1.50', unit: 'cup' }, { name: 'roti', quantity: 2, unit: null }, { name: ' ' }],
      }),
    ).toBe('Lunch: 1.5 cup dal, 2 roti.\nafter the gym\nA balanced plate.');
    expect(mealText({ mealType: 'snack', notes: null, aiAnalysis: null, foods: [] })).toBe('Snack.');
  });
});
