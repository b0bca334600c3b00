// Recipe search (issue 5): p50/p99 of me.recipes.search(…) over 100,000 recipes, through the public
// API as a service calls it (one kdb.asUser transaction: role, person, preferences read, search;
// the search runs on app.recipe_search, migration 000043).
// Recipes are generated deterministically (seeded PRNG) with realistic names over the Epicura
// document's nine cuisines and its categories (dal, curry, rice, pasta, soup, …), diet tags by main
// ingredient, allergen declarations on ingredients (paneer → dairy, prawn → shellfish, …), 95 %
// published. Queries: "paneer", "dal lentil" (both words), a filter-only query (Indian curries,
// vegetarian, ≤ 30 min), "paneer" for a vegetarian person with two allergens, and the second page
// of "chicken curry". Targets: p99 < 10 ms per call, and p50 and p99 within 1.05× raw pg (issue
// 19): each API call is paired with the very statements it sends (its preferences read and its
// search, the same text and bind values, captured from the API's own call) sent with raw `pg` in the
// same kind of transaction; which side goes first alternates, and a row's ratio is the median of the
// per-run ratios. With them come the CPU time per call of the server backends (utime+stime from
// /proc) and of this process: on a busy machine the percentiles include waiting for a CPU, the CPU
// times do not.
import pg from 'pg';
import type { UserScope } from '../src/api/kitchen.ts';
import { withUser } from '../src/db/context.ts';
import { inTurn, isMain, median, percentile, prng, row, runStandalone, scaled, serverCpuSeconds, settle, type BenchContext, type BenchMeta, type BenchRow } from './lib.ts';

export const meta: BenchMeta = {
  name: 'recipes',
  title: 'Recipe search over 100k recipes (me.recipes.search through kdb.asUser)',
  reproduce: 'node bench/recipes.ts   (--quick for a small run, --scale=0.1, --runs=5)',
};

type Diet = 'vegan' | 'vegetarian' | 'pescatarian' | 'meat';
interface Main {
  name: string;
  diet: Diet;
  /** The ingredient as the appliance names it, and what it declares. */
  ingredient: string;
  allergens?: string[];
}
const m = (name: string, diet: Diet, allergens?: string[]): Main => ({
  name,
  diet,
  ingredient: name.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
  ...(allergens ? { allergens } : {}),
});

const CUISINES: { cuisine: string; weight: number; mains: Main[]; dishes: [string, string][] }[] = [
  {
    cuisine: 'indian',
    weight: 35,
    mains: [
      m('Paneer', 'vegetarian', ['dairy']), m('Chicken', 'meat'), m('Chana', 'vegan'), m('Rajma', 'vegan'), m('Aloo Gobi', 'vegan'),
      m('Palak', 'vegan'), m('Baingan', 'vegan'), m('Egg', 'vegetarian', ['egg']), m('Fish', 'pescatarian', ['fish']), m('Mutton', 'meat'),
      m('Prawn', 'pescatarian', ['shellfish']), m('Mushroom', 'vegan'), m('Matar', 'vegan'), m('Bhindi', 'vegan'), m('Masoor', 'vegan'),
      m('Moong', 'vegan'), m('Toor', 'vegan'), m('Lentil', 'vegan'), m('Mixed Vegetable', 'vegan'), m('Malai Kofta', 'vegetarian', ['dairy', 'tree_nut']),
    ],
    dishes: [
      ['Butter Masala', 'curry'], ['Tikka Masala', 'curry'], ['Korma', 'curry'], ['Tadka', 'dal'], ['Makhani', 'dal'], ['Biryani', 'rice'],
      ['Pulao', 'rice'], ['Kadai', 'curry'], ['Saag', 'curry'], ['Bhurji', 'stir-fry'], ['Jalfrezi', 'curry'], ['Do Pyaza', 'curry'],
      ['Shorba', 'soup'], ['Khichdi', 'rice'], ['Dal', 'dal'], ['Curry', 'curry'],
    ],
  },
  {
    cuisine: 'italian',
    weight: 12,
    mains: [m('Mushroom', 'vegan'), m('Chicken', 'meat'), m('Spinach Ricotta', 'vegetarian', ['dairy']), m('Tomato Basil', 'vegan'), m('Pesto', 'vegetarian', ['tree_nut', 'dairy']), m('Seafood', 'pescatarian', ['shellfish', 'fish']), m('Pumpkin', 'vegan'), m('Eggplant', 'vegan'), m('Sausage', 'meat')],
    dishes: [['Risotto', 'rice'], ['Penne', 'pasta'], ['Spaghetti', 'pasta'], ['Lasagna', 'pasta'], ['Minestrone', 'soup'], ['Gnocchi', 'pasta'], ['Frittata', 'egg']],
  },
  {
    cuisine: 'american',
    weight: 8,
    mains: [m('Beef', 'meat'), m('Chicken', 'meat'), m('Turkey', 'meat'), m('Three Bean', 'vegan'), m('Corn', 'vegan'), m('Clam', 'pescatarian', ['shellfish']), m('Potato', 'vegan'), m('Pulled Pork', 'meat')],
    dishes: [['Chili', 'stew'], ['Mac and Cheese', 'pasta'], ['Pot Roast', 'roast'], ['Chowder', 'soup'], ['Jambalaya', 'rice'], ['Casserole', 'bake']],
  },
  {
    cuisine: 'chinese',
    weight: 10,
    mains: [m('Chicken', 'meat'), m('Tofu', 'vegan', ['soy']), m('Pork', 'meat'), m('Beef', 'meat'), m('Shrimp', 'pescatarian', ['shellfish']), m('Vegetable', 'vegan'), m('Egg', 'vegetarian', ['egg'])],
    dishes: [['Fried Rice', 'rice'], ['Kung Pao', 'stir-fry'], ['Chow Mein', 'noodles'], ['Hot and Sour Soup', 'soup'], ['Sweet and Sour', 'stir-fry'], ['Mapo', 'stir-fry'], ['Manchurian', 'curry']],
  },
  {
    cuisine: 'mexican',
    weight: 8,
    mains: [m('Chicken', 'meat'), m('Black Bean', 'vegan'), m('Beef', 'meat'), m('Pork Carnitas', 'meat'), m('Shrimp', 'pescatarian', ['shellfish']), m('Veggie', 'vegan'), m('Chorizo', 'meat')],
    dishes: [['Tacos', 'tacos'], ['Burrito Bowl', 'rice'], ['Enchiladas', 'bake'], ['Pozole', 'soup'], ['Fajitas', 'stir-fry'], ['Quesadilla', 'snack']],
  },
  {
    cuisine: 'korean',
    weight: 6,
    mains: [m('Beef', 'meat'), m('Tofu', 'vegan', ['soy']), m('Pork', 'meat'), m('Chicken', 'meat'), m('Mushroom', 'vegan'), m('Seafood', 'pescatarian', ['shellfish'])],
    dishes: [['Bibimbap', 'rice'], ['Japchae', 'noodles'], ['Kimchi Jjigae', 'stew'], ['Bulgogi', 'stir-fry'], ['Tteokbokki', 'snack']],
  },
  {
    cuisine: 'thai',
    weight: 9,
    mains: [m('Chicken', 'meat'), m('Tofu', 'vegan', ['soy']), m('Prawn', 'pescatarian', ['shellfish']), m('Beef', 'meat'), m('Vegetable', 'vegan'), m('Pumpkin', 'vegan')],
    dishes: [['Green Curry', 'curry'], ['Red Curry', 'curry'], ['Pad Thai', 'noodles'], ['Tom Yum', 'soup'], ['Basil Stir Fry', 'stir-fry'], ['Massaman Curry', 'curry'], ['Fried Rice', 'rice']],
  },
  {
    cuisine: 'asian',
    weight: 6,
    mains: [m('Chicken', 'meat'), m('Tofu', 'vegan', ['soy']), m('Pork', 'meat'), m('Salmon', 'pescatarian', ['fish']), m('Vegetable', 'vegan')],
    dishes: [['Ramen', 'noodles'], ['Laksa', 'soup'], ['Teriyaki', 'stir-fry'], ['Pho', 'soup'], ['Nasi Goreng', 'rice']],
  },
  {
    cuisine: 'global',
    weight: 6,
    mains: [m('Chickpea', 'vegan'), m('Halloumi', 'vegetarian', ['dairy']), m('Lamb', 'meat'), m('Quinoa', 'vegan'), m('Egg', 'vegetarian', ['egg']), m('Salmon', 'pescatarian', ['fish'])],
    dishes: [['Shakshuka', 'egg'], ['Falafel Bowl', 'bowl'], ['Salad', 'salad'], ['Ratatouille', 'stew'], ['Paella', 'rice'], ['Tagine', 'stew']],
  },
];
const STYLES = ['', '', '', 'Classic', 'Spicy', 'Creamy', 'Quick', 'Homestyle', 'Smoky', 'Tangy', 'Garlic', 'Coconut', 'Weeknight', 'Crispy', 'Rustic', 'Herbed'];
const SPICES = ['turmeric', 'cumin', 'chili_powder', 'garam_masala', 'coriander', 'ginger', 'garlic', 'onion', 'tomato', 'salt', 'black_pepper', 'soy_sauce', 'basil', 'oregano', 'paprika', 'lime'];
const EXTRAS: [string, string[]][] = [['peanuts', ['peanut']], ['cashews', ['tree_nut']], ['wheat_noodles', ['gluten']], ['sesame_oil', ['sesame']], ['cream', ['dairy']], ['ghee', ['dairy']]];

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** `n` recipes as rows for jsonb_to_recordset, deterministic for a given n. */
export function generateRecipes(n: number, seed = 20260226): Record<string, unknown>[] {
  const rand = prng(seed);
  const total = CUISINES.reduce((s, c) => s + c.weight, 0);
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < n; i++) {
    let w = rand() * total;
    const c = CUISINES.find((x) => (w -= x.weight) < 0) ?? CUISINES[0]!;
    const main = pick(rand, c.mains);
    const [dish, category] = pick(rand, c.dishes);
    const style = pick(rand, STYLES);
    const name = [style, main.name, dish].filter(Boolean).join(' ');
    const time = 10 + Math.floor(rand() * 110);
    const tags = new Set<string>();
    if (main.diet === 'vegan') tags.add('vegan').add('vegetarian');
    if (main.diet === 'vegetarian') tags.add('vegetarian');
    if (main.diet === 'pescatarian') tags.add('pescatarian');
    if (time <= 25) tags.add('quick');
    if (rand() < 0.3) tags.add('healthy');
    if (main.diet === 'meat' || rand() < 0.15) tags.add('protein-rich');
    if (rand() < 0.2) tags.add('gluten-free');
    if (category === 'stir-fry') tags.add('stir-fry');
    const ingredients: Record<string, unknown>[] = [{ name: main.ingredient, amount_g: 200 + Math.floor(rand() * 300), ...(main.allergens ? { allergens: main.allergens } : {}) }];
    const spices = 3 + Math.floor(rand() * 4);
    for (let k = 0; k < spices; k++) ingredients.push({ subsystem: 'ASD', id: k + 1, name: pick(rand, SPICES), amount_g: 1 + Math.floor(rand() * 8) });
    if (rand() < 0.12) {
      const [extra, allergens] = pick(rand, EXTRAS);
      ingredients.push({ name: extra, amount_g: 20, allergens });
    }
    rows.push({
      name,
      category,
      cuisine: c.cuisine,
      recipe_data: {
        name,
        servings: 4,
        total_time_minutes: time,
        stages: [
          { name: 'Heat Oil', temp_target: 180, duration_seconds: 120, stir: false, ingredients: [{ subsystem: 'SLD', channel: 'OIL', name: 'oil', amount_g: 30 }] },
          { name: 'Add Spices', temp_target: 160, duration_seconds: 90, stir: true, ingredients: ingredients.slice(1) },
          { name: 'Cook', temp_target: 140, duration_seconds: time * 40, stir: true, ingredients: ingredients.slice(0, 1) },
        ],
      },
      tags: [...tags],
      difficulty: pick(rand, ['easy', 'easy', 'medium', 'medium', 'hard']),
      time_minutes: time,
      servings: 1 + Math.floor(rand() * 4),
      calories: 150 + Math.floor(rand() * 650),
      protein_g: Math.floor(rand() * 45),
      carbs_g: Math.floor(rand() * 90),
      fats_g: Math.floor(rand() * 35),
      is_published: rand() < 0.95,
    });
  }
  return rows;
}

async function load(pool: pg.Pool, n: number, log: (m: string) => void): Promise<void> {
  const t0 = Date.now();
  const rows = generateRecipes(n);
  const chunk = 5000;
  for (let from = 0; from < rows.length; from += chunk) {
    await pool.query(
      `insert into app.recipes (name, category, cuisine, recipe_data, tags, difficulty, time_minutes, servings, calories, protein_g, carbs_g, fats_g, is_published)
       select t.name, t.category, t.cuisine, t.recipe_data, t.tags, t.difficulty, t.time_minutes, t.servings, t.calories, t.protein_g, t.carbs_g, t.fats_g, t.is_published
       from jsonb_to_recordset($1::jsonb) as t (name text, category text, cuisine text, recipe_data jsonb, tags text[], difficulty text,
            time_minutes int, servings int, calories real, protein_g real, carbs_g real, fats_g real, is_published boolean)`,
      [JSON.stringify(rows.slice(from, from + chunk))],
    );
    if ((from + chunk) % 20_000 === 0 || from + chunk >= rows.length) log(`loaded ${Math.min(from + chunk, n).toLocaleString('en-US')} / ${n.toLocaleString('en-US')} recipes (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  // Since migration 000143 only the admin functions (app.recipe_admin_*) write app.recipe_search:
  // a plain INSERT into app.recipes leaves the search table empty, and every search would time an
  // empty result. Give each loaded recipe the side-table rows the admin functions write, through
  // the very function they call (the owner may; no application role can).
  await pool.query('select app_private.recipe_write_side_tables(null, r) from app.recipes as r');
  await pool.query('vacuum (analyze) app.recipes, app.recipe_search');
  // Flush the load's dirty pages now, so the first timed query does not meet the checkpoint.
  await settle(pool, log);
  log(`search table ready (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

/** CPU seconds the backends used in between, a backend that started in between in full (telemetry.ts counts only backends alive in both, so this stays here). */
function cpuBetween(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let s = 0;
  for (const [pid, t] of after) s += t - (before.get(pid) ?? 0);
  return s;
}

async function person(pool: pg.Pool, prefs?: { diet: string; allergens: string[] }): Promise<string> {
  const tag = Math.random().toString(36).slice(2, 10);
  await pool.query(`insert into auth."user" (id, name, email, "emailVerified") values ($1, 'Bench', $2, true)`, [`bench_${tag}`, `bench.${tag}@example.test`]);
  const { rows } = await pool.query<{ id: string }>(`insert into app.users (auth_id, email, name) values ($1, $2, 'Bench') returning id`, [`bench_${tag}`, `bench.${tag}@example.test`]);
  const id = rows[0]!.id;
  if (prefs) await pool.query(`insert into app.user_preferences (user_id, diet, allergens) values ($1, $2, $3)`, [id, prefs.diet, prefs.allergens]);
  return id;
}

export async function run(ctx: BenchContext): Promise<BenchRow[]> {
  const { db, log } = ctx;
  const n = scaled(100_000, ctx, 1000);
  await load(db.pool, n, log);
  const plain = await person(db.pool);
  const picky = await person(db.pool, { diet: 'vegetarian', allergens: ['peanut', 'Tree Nut'] });
  const kdb = db.kdb;

  const secondPage = async () => {
    const first = await kdb.asUser(plain, (me) => me.recipes.search({ query: 'chicken curry', limit: 20 }));
    return first.nextCursor;
  };
  const cursor = await secondPage();
  // Each case: who searches, and for what; `call` is the API call a service makes.
  const search = (what: string, who: string, input: Parameters<UserScope['recipes']['search']>[0]) => ({
    what,
    who,
    call: () => kdb.asUser(who, (me) => me.recipes.search(input)),
  });
  const cases = [
    search('search "paneer"', plain, { query: 'paneer' }),
    search('search "dal lentil"', plain, { query: 'dal lentil' }),
    search('filter only (indian curry, vegetarian, ≤ 30 min)', plain, { cuisine: 'indian', category: 'curry', tags: ['vegetarian'], maxTimeMinutes: 30 }),
    search('search "paneer", vegetarian + 2 allergens', picky, { query: 'paneer' }),
    search('search "chicken curry", page 2', plain, { query: 'chicken curry', cursor }),
  ];

  // How many recipes each query matches (context for the figures).
  const matches: Record<string, number> = {};
  const { rows: counts } = await db.pool.query<{ paneer: number; dal: number; filter: number; chicken: number }>(
    `select count(*) filter (where search_vector @@ websearch_to_tsquery('english', 'paneer'))::int as paneer,
            count(*) filter (where search_vector @@ websearch_to_tsquery('english', 'dal lentil'))::int as dal,
            count(*) filter (where cuisine = 'indian' and category = 'curry' and tags @> '{vegetarian}' and time_minutes <= 30)::int as filter,
            count(*) filter (where search_vector @@ websearch_to_tsquery('english', 'chicken curry'))::int as chicken
       from app.recipes where is_published`,
  );
  const c = counts[0]!;
  [matches[cases[0]!.what], matches[cases[1]!.what], matches[cases[2]!.what], matches[cases[3]!.what], matches[cases[4]!.what]] = [c.paneer, c.dal, c.filter, c.paneer, c.chicken];

  // The raw-pg twin of each case: the statements the API call sends (BEGIN and COMMIT aside), as
  // node-postgres received them, sent again in a withUser transaction of the same person.
  const twins: (() => Promise<unknown[]>)[] = [];
  for (const k of cases) {
    const sent = await statementsOf(k.call); // one at a time: it patches node-postgres while the call runs
    twins.push(() =>
      withUser(kdb.pool, k.who, async (client) => {
        let rows: unknown[] = [];
        for (const [text, values] of sent) rows = (await client.query(text, values)).rows;
        return rows;
      }),
    );
  }
  // p99 of 1,000 calls is the 10th slowest (of 600, the 6th: its ratio to raw pg swung 0.84–1.29).
  const calls = ctx.quick ? 200 : 1_000;
  const cpuCalls = ctx.quick ? 200 : 600; // CPU per call is an average: 600 calls are plenty
  for (const k of cases) {
    for (let i = 0; i < 50; i++) await k.call(); // warm-up: plans, caches, connections
    // A query that matches recipes must return a page: timing empty results measures nothing.
    if ((matches[k.what] ?? 0) > 0 && (await k.call()).items.length === 0) throw new Error(`${k.what}: ${matches[k.what]} matching recipes, but the search returned none`);
  }
  interface Figures { p50: number[]; p99: number[]; raw50: number[]; raw99: number[]; serverMs: number[]; clientMs: number[]; returned: number }
  const figures: Figures[] = cases.map(() => ({ p50: [], p99: [], raw50: [], raw99: [], serverMs: [], clientMs: [], returned: 0 }));
  for (let r = 0; r < ctx.runs; r++) {
    // The five queries take turns call by call (the first one rotating), each call paired with its
    // raw-pg twin (which goes first alternates): a burst of load on the shared machine lands on all
    // of them alike, instead of on whichever query's block it happened to overlap.
    const samples = cases.map(() => [] as number[]);
    const base = cases.map(() => [] as number[]);
    for (let i = 0; i < calls; i++) {
      for (let j = 0; j < cases.length; j++) {
        const c = (i + j) % cases.length;
        await inTurn(
          i,
          async () => {
            const t0 = process.hrtime.bigint();
            figures[c]!.returned = (await cases[c]!.call()).items.length;
            samples[c]!.push(Number(process.hrtime.bigint() - t0) / 1e6);
          },
          async () => {
            const t0 = process.hrtime.bigint();
            await twins[c]!();
            base[c]!.push(Number(process.hrtime.bigint() - t0) / 1e6);
          },
        );
      }
    }
    cases.forEach((_, c) => {
      const f = figures[c]!;
      f.p50.push(percentile(samples[c]!, 50));
      f.p99.push(percentile(samples[c]!, 99));
      f.raw50.push(percentile(base[c]!, 50));
      f.raw99.push(percentile(base[c]!, 99));
    });
    // CPU per call, each query's calls alone (no raw-pg twins in between): server backends (/proc)
    // and this process. Waiting for a CPU is not CPU time, so other load on the machine hardly moves it.
    for (const [c, k] of cases.entries()) {
      const cpu0 = await serverCpuSeconds(db.pool);
      const u0 = process.cpuUsage();
      for (let i = 0; i < cpuCalls; i++) await k.call();
      const u = process.cpuUsage(u0);
      const server = cpuBetween(cpu0, await serverCpuSeconds(db.pool));
      if (server !== null) figures[c]!.serverMs.push((server * 1000) / cpuCalls);
      figures[c]!.clientMs.push((u.user + u.system) / 1000 / cpuCalls);
    }
  }
  const rows: BenchRow[] = [];
  for (const [c, k] of cases.entries()) {
    const f = figures[c]!;
    log(`${k.what}: ${matches[k.what]} matching recipes, ${f.returned} returned per page`);
    const note = `${matches[k.what]?.toLocaleString('en-US')} matching published recipes of ${n.toLocaleString('en-US')}; ${calls} calls per run; p99 of each run: ${f.p99.map((x) => x.toFixed(2)).join(', ')} ms`;
    const ref = { what: 'the same statements + bind values via raw pg, same pool/role/transaction', median: 0 };
    // A percentile's ratio is the median of the per-run ratios (API pN / raw pN of the same run).
    const perRun = (api: number[], raw: number[]) => api.map((x, r) => x / raw[r]!);
    const p50Ratios = perRun(f.p50, f.raw50);
    const p99Ratios = perRun(f.p99, f.raw99);
    const p50 = row(k.what, 'p50 ms', f.p50, { reference: { ...ref }, referenceSamples: f.raw50, target: { on: 'ratio', op: '<=', value: 1.05 } });
    p50.ratio = median(p50Ratios);
    p50.met = p50.ratio <= 1.05;
    p50.note = `p50 ratio of each run (median reported): ${p50Ratios.map((x) => x.toFixed(3)).join(', ')}`;
    const p99 = row(k.what, 'p99 ms', f.p99, { reference: { ...ref }, referenceSamples: f.raw99, target: { on: 'median', op: '<', value: 10 }, note });
    p99.ratio = median(p99Ratios);
    rows.push(p50, p99);
    rows.push(row(k.what, 'ratio of p99 to raw pg', p99Ratios, { target: { on: 'median', op: '<=', value: 1.05 }, note: 'per run: API p99 / raw pg p99 of the same run; the median is the row\'s ratio' }));
    if (f.serverMs.length) rows.push(row(k.what, 'server CPU ms/call', f.serverMs));
    rows.push(row(k.what, 'client CPU ms/call', f.clientMs));
  }
  return rows;
}

/** The statements `call` sends, as node-postgres receives them (text and bind values), BEGIN and COMMIT aside. */
async function statementsOf(call: () => Promise<unknown>): Promise<[string, unknown[] | undefined][]> {
  const sent: [string, unknown[] | undefined][] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (typeof args[0] === 'string' && !/^\s*(begin|commit|rollback|discard)\b/i.test(args[0])) sent.push([args[0], args[1] as unknown[] | undefined]);
    return query.apply(this, args);
  };
  try {
    await call();
  } finally {
    proto.query = query;
  }
  if (sent.length === 0) throw new Error('the API call sent no statement');
  return sent;
}

if (isMain(import.meta.url)) await runStandalone(meta, run);
