// The demo's tour: what a newcomer should see in a minute, each step through the typed API a
// service uses (kdb.asUser / asWorker / the GDPR export), each with its time.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { exportPerson, kitchenDbFromPool, LocalHashEmbedder, withUser, type KitchenDb, type Profile } from '../index.ts';
import * as d from './data.ts';

export interface TourStep {
  title: string;
  ms: number;
  lines: string[];
  /** The figures of the step, for --json and for the end-to-end test. */
  data: Record<string, unknown>;
}

async function step(title: string, fn: () => Promise<{ lines: string[]; data: Record<string, unknown> }>): Promise<TourStep> {
  const t0 = performance.now();
  const { lines, data } = await fn();
  return { title, ms: performance.now() - t0, lines, data };
}

const n = (x: number) => x.toLocaleString('en-US');
const day = (offsetDays: number, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + offsetDays * 86_400_000));

/** What the steps share: the API, the tour's person, where the export goes, the embedder. */
interface Tour {
  kdb: KitchenDb;
  pool: pg.Pool;
  asha: Profile;
  first: string;
  exportDir: string;
  embedder: LocalHashEmbedder;
}

export async function tour(pool: pg.Pool, options: { exportDir: string }): Promise<TourStep[]> {
  const kdb = kitchenDbFromPool(pool);
  // The tour's person signs in as the service would after Better-Auth: the demo's first person
  // (the generator's first values, whatever else it made).
  const [person] = d.people(new d.Gen(d.SEED), 1);
  const { userId } = await kdb.signIn({ authId: person!.authId, email: person!.email });
  const asha = await kdb.asUser(userId, (me) => me.accounts.getProfile());
  const t: Tour = { kdb, pool, asha, first: asha.name.split(' ')[0]!, exportDir: options.exportDir, embedder: new LocalHashEmbedder() };
  const steps: TourStep[] = [];
  // One after the other: each step's time is its own.
  for (const run of [rowLevelSecurity, recipeSearch, similaritySearch, telemetryPartitions, dailyNutrition, gdprExport]) steps.push(await run(t));
  return steps;
}

function rowLevelSecurity({ kdb, pool, asha, first }: Tour): Promise<TourStep> {
  return step(`Row-level security: ${asha.name} (${asha.timeZone}) sees only her own rows`, async () => {
    const sql = 'select count(*)::int as n from app.meal_logs';
    const all = (await pool.query<{ n: number }>(sql)).rows[0]!.n;
    const mine = {
      // The same statement in a transaction as Asha (a client of our own: scopes hand out no raw SQL).
      count: await withUser(pool, asha.id, async (client) => (await client.query<{ n: number }>(sql)).rows[0]!.n),
      latest: await kdb.asUser(asha.id, async (me) => (await me.meals.listMeals({ limit: 3 })).items),
    };
    return {
      lines: [
        `the same \`${sql}\`: ${n(mine.count)} rows as ${first}, ${n(all)} as the database owner`,
        ...mine.latest.map((m) => `${m.mealTime.toISOString().slice(0, 16).replace('T', ' ')} UTC  ${m.mealType.padEnd(9)} ${Math.round(Number(m.nutritionTotals.calories ?? 0))} kcal`),
      ],
      data: { personMeals: mine.count, totalMeals: all },
    };
  });
}

function recipeSearch({ kdb, asha, first }: Tour): Promise<TourStep> {
  return step(`Recipe search "paneer" (full-text, ranked; ${first}'s vegetarian diet applied)`, async () => {
    const result = await kdb.asUser(asha.id, (me) => me.recipes.search({ query: 'paneer', limit: 5 }));
    return {
      lines: result.items.map((r) => `${r.name} — ${r.cuisine} ${r.category}, ${r.timeMinutes} min, ${r.difficulty}`),
      data: { hits: result.items.length, names: result.items.map((r) => r.name) },
    };
  });
}

function similaritySearch({ kdb, asha, first, embedder }: Tour): Promise<TourStep> {
  return step(`Similarity search (pgvector): "high protein vegetarian breakfast"`, async () => {
    const [question] = (await embedder.embed(['high protein vegetarian breakfast'])).vectors;
    const hits = await kdb.asUser(asha.id, async (me) => ({
      // More than shown: a person logs the same meal often, and one line per text reads better.
      mine: await me.assistant.searchMine({ embedding: question!, model: embedder.model, limit: 20 }),
      knowledge: await me.assistant.searchKnowledge({ embedding: question!, model: embedder.model, limit: 2 }),
    }));
    const short = (text: string) => (text.length > 64 ? text.slice(0, 63) + '…' : text).replace(/\s+/g, ' ');
    const mine = new Map<string, { distance: number; kind: string; times: number }>();
    for (const h of hits.mine) {
      const seen = mine.get(h.content);
      if (seen) seen.times++;
      else if (mine.size < 3) mine.set(h.content, { distance: h.distance, kind: h.source.kind.replace('_', ' '), times: 1 });
    }
    return {
      lines: [
        `cosine distance, lower is closer; ${first}'s own items (her rows only), then the shared knowledge base`,
        ...[...mine].map(([content, h]) => `${h.distance.toFixed(3)}  ${h.kind}: ${short(content)}${h.times > 1 ? ` (×${h.times})` : ''}`),
        ...hits.knowledge.map((h) => `${h.distance.toFixed(3)}  knowledge base: ${short(h.content)}`),
      ],
      data: { mine: mine.size, knowledge: hits.knowledge.length },
    };
  });
}

function telemetryPartitions({ kdb }: Tour): Promise<TourStep> {
  return step('Telemetry partitions (monthly, with row counts)', async () => {
    const parts = await kdb.asWorker((w) => w.telemetry.partitionReport({ exact: true }));
    return {
      lines: parts.map((p) => `${p.partitionName.padEnd(32)} ${p.isDefault ? 'DEFAULT'.padEnd(25) : `${p.lowerBound!.toISOString().slice(0, 10)} → ${p.upperBound!.toISOString().slice(0, 10)}`}  ${n(p.rowCount ?? 0).padStart(8)} rows`),
      data: { partitions: parts.length, rows: parts.reduce((s, p) => s + (p.rowCount ?? 0), 0), inDefault: parts.find((p) => p.isDefault)?.rowCount ?? 0 },
    };
  });
}

function dailyNutrition({ kdb, asha, first }: Tour): Promise<TourStep> {
  return step(`Daily nutrition of ${first} against her goal (last 7 days, ${asha.timeZone})`, async () => {
    const days = await kdb.asUser(asha.id, (me) => me.meals.dailyTotals({ from: day(-7, asha.timeZone), to: day(-1, asha.timeZone) }));
    return {
      lines: days.map((d) => {
        const goal = d.goal?.targetCalories;
        const pct = goal ? ` (${Math.round((d.calories / goal) * 100)}% of ${n(goal)})` : '';
        return `${d.day}  ${String(d.mealCount).padStart(2)} meals  ${n(Math.round(d.calories)).padStart(5)} kcal${pct}  protein ${Math.round(d.proteinG)} g${d.goal?.targetProteinG ? ` / ${Math.round(d.goal.targetProteinG)} g` : ''}`;
      }),
      data: { days: days.length, calories: days.map((d) => d.calories) },
    };
  });
}

function gdprExport({ pool, asha, first, exportDir }: Tour): Promise<TourStep> {
  return step(`GDPR export of ${first} (everything held about her, credentials left out)`, async () => {
    mkdirSync(exportDir, { recursive: true });
    const file = join(exportDir, `${asha.id}.ndjson`);
    const outcome = await exportPerson(pool, asha.id, file, { format: 'ndjson', force: true, record: 'demo' });
    const tables = Object.entries(outcome.tables).filter(([, c]) => c > 0);
    return {
      lines: [
        `${n(outcome.totalRows)} rows from ${tables.length} tables → ${file} (${n(Math.round(outcome.bytes / 1024))} KiB, audited)`,
        tables.map(([t, c]) => `${t.replace(/^app\./, '')} ${n(c)}`).join(', '),
      ],
      data: { file, rows: outcome.totalRows, tables: outcome.tables },
    };
  });
}
