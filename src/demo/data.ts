// The demo dataset: realistic and deterministic. Every value comes from one seeded generator, so
// two loads on the same anchor day are identical; dates are relative to the anchor day (the UTC day
// the data was first loaded) so the demo always shows "the last 90 days".
//   ≈50 people with preferences and goals, 5k meals with foods over 90 days, 200 recipes across the
//   documents' cuisines and categories, 20 appliances with cooking sessions and ≈100k telemetry
//   events over 3 months, conversations with messages, API usage, a small knowledge base.

/** mulberry32: a small, fast, seedable PRNG (deterministic across platforms). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Gen {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = rng(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A version-4-shaped UUID from the generator (deterministic ids make reloads recognisable). */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => Math.floor(this.next() * 16).toString(16));
    hex[12] = '4';
    hex[16] = '89ab'[Math.floor(this.next() * 4)]!;
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  round(x: number, digits = 1): number {
    const f = 10 ** digits;
    return Math.round(x * f) / f;
  }
}

export const SEED = 20260215; // the Epicura document's date
export const DAYS = 90;

// --- people ---------------------------------------------------------------------------------------

const FIRST = ['Asha', 'Ravi', 'Meera', 'Arjun', 'Priya', 'Kabir', 'Ananya', 'Vikram', 'Leela', 'Rohan', 'Sofia', 'Marco', 'Giulia', 'Luca', 'Mei', 'Hiro', 'Yuna', 'Min-jun', 'Carlos', 'Lucia', 'Diego', 'Camila', 'Noah', 'Emma', 'Liam', 'Olivia', 'Aisha', 'Omar', 'Fatima', 'Tariq', 'Nia', 'Kwame', 'Zara', 'Ibrahim', 'Elena', 'Mateo', 'Sara', 'Jonas', 'Freya', 'Anil', 'Divya', 'Sanjay', 'Kavya', 'Nikhil', 'Tara', 'Dev', 'Isha', 'Yusuf', 'Lina', 'Rahul'];
const LAST = ['Rao', 'Sharma', 'Iyer', 'Patel', 'Nair', 'Rossi', 'Bianchi', 'Chen', 'Tanaka', 'Kim', 'Garcia', 'Lopez', 'Smith', 'Brown', 'Khan', 'Mensah', 'Novak', 'Silva', 'Berg', 'Das'];
const ZONES = ['Asia/Kolkata', 'Asia/Kolkata', 'Asia/Kolkata', 'Europe/Rome', 'America/Los_Angeles', 'America/New_York', 'Asia/Seoul', 'Europe/London', 'Asia/Tokyo', 'America/Mexico_City'];
const DIETS = ['no_restrictions', 'no_restrictions', 'vegetarian', 'vegetarian', 'vegan', 'pescatarian'] as const;
const ALLERGENS = ['peanuts', 'tree_nuts', 'dairy', 'gluten', 'shellfish', 'soy', 'egg'];
const CUISINES = ['indian', 'italian', 'american', 'chinese', 'mexican', 'korean', 'thai', 'asian', 'global'] as const;

export interface DemoPerson {
  id: string;
  authId: string;
  email: string;
  name: string;
  timeZone: string;
  tier: 'free' | 'premium';
  diet: (typeof DIETS)[number];
  allergens: string[];
  cuisines: string[];
  spice: number;
  servings: number;
  goal: { goalType: string; calories: number; protein: number; carbs: number; fat: number; fiber: number };
}

export function people(g: Gen, count = 50): DemoPerson[] {
  const out: DemoPerson[] = [];
  for (let i = 0; i < count; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const goalType = g.pick(['lose_weight', 'maintain', 'gain_weight', 'build_muscle'] as const);
    const calories = goalType === 'lose_weight' ? g.int(15, 18) * 100 : goalType === 'maintain' ? g.int(19, 23) * 100 : g.int(24, 30) * 100;
    out.push({
      id: g.uuid(),
      authId: `demo-${String(i + 1).padStart(3, '0')}`,
      email: `${first.toLowerCase().replace(/[^a-z]/g, '')}.${last.toLowerCase()}${i + 1}@demo.kitchen.test`,
      name: `${first} ${last}`,
      timeZone: i === 0 ? 'Asia/Kolkata' : g.pick(ZONES),
      tier: g.chance(0.3) ? 'premium' : 'free',
      diet: i === 0 ? 'vegetarian' : g.pick(DIETS),
      allergens: g.chance(0.3) ? [g.pick(ALLERGENS)] : [],
      cuisines: [...new Set([g.pick(CUISINES), g.pick(CUISINES), 'indian'])],
      spice: g.int(1, 5),
      servings: g.int(1, 4),
      goal: {
        goalType,
        calories,
        protein: g.round(calories * (goalType === 'build_muscle' ? 0.3 : 0.2) / 4, 0),
        carbs: g.round(calories * 0.45 / 4, 0),
        fat: g.round(calories * 0.3 / 9, 0),
        fiber: g.int(25, 35),
      },
    });
  }
  return out;
}

// --- foods and meals ------------------------------------------------------------------------------

/** Per portion: kcal, protein g, carbs g, fat g, fiber g, and the portion. */
interface Food {
  name: string;
  unit: string;
  quantity: number;
  n: [number, number, number, number, number];
  veg: boolean;
}
const FOODS: Record<'breakfast' | 'lunch' | 'dinner' | 'snack', Food[]> = {
  breakfast: [
    { name: 'masala dosa', unit: 'piece', quantity: 1, n: [330, 7, 48, 12, 4], veg: true },
    { name: 'idli', unit: 'piece', quantity: 3, n: [180, 6, 36, 1, 2], veg: true },
    { name: 'coconut chutney', unit: 'tbsp', quantity: 2, n: [70, 1, 3, 6, 2], veg: true },
    { name: 'poha', unit: 'cup', quantity: 1, n: [250, 5, 45, 6, 3], veg: true },
    { name: 'greek yogurt', unit: 'g', quantity: 170, n: [100, 17, 6, 0.7, 0], veg: true },
    { name: 'oatmeal with banana', unit: 'bowl', quantity: 1, n: [310, 9, 58, 5, 7], veg: true },
    { name: 'scrambled eggs', unit: 'egg', quantity: 2, n: [180, 12, 2, 13, 0], veg: false },
    { name: 'paneer bhurji', unit: 'g', quantity: 150, n: [320, 20, 8, 23, 2], veg: true },
    { name: 'masala chai', unit: 'cup', quantity: 1, n: [90, 3, 12, 3, 0], veg: true },
    { name: 'whole wheat toast', unit: 'slice', quantity: 2, n: [160, 8, 28, 2, 4], veg: true },
  ],
  lunch: [
    { name: 'dal tadka', unit: 'cup', quantity: 1, n: [230, 12, 30, 7, 8], veg: true },
    { name: 'steamed rice', unit: 'cup', quantity: 1, n: [205, 4, 45, 0.4, 1], veg: true },
    { name: 'chapati', unit: 'piece', quantity: 2, n: [240, 8, 44, 4, 6], veg: true },
    { name: 'palak paneer', unit: 'cup', quantity: 1, n: [340, 18, 12, 25, 4], veg: true },
    { name: 'chicken tikka', unit: 'g', quantity: 150, n: [250, 38, 4, 9, 1], veg: false },
    { name: 'rajma', unit: 'cup', quantity: 1, n: [210, 13, 34, 2, 11], veg: true },
    { name: 'cucumber raita', unit: 'cup', quantity: 0.5, n: [60, 3, 5, 3, 1], veg: true },
    { name: 'caesar salad', unit: 'bowl', quantity: 1, n: [330, 10, 14, 26, 3], veg: false },
    { name: 'pasta primavera', unit: 'plate', quantity: 1, n: [450, 14, 70, 12, 6], veg: true },
    { name: 'bibimbap', unit: 'bowl', quantity: 1, n: [560, 22, 80, 16, 6], veg: false },
  ],
  dinner: [
    { name: 'paneer butter masala', unit: 'cup', quantity: 1, n: [420, 18, 14, 32, 3], veg: true },
    { name: 'chana masala', unit: 'cup', quantity: 1, n: [270, 12, 40, 8, 10], veg: true },
    { name: 'jeera rice', unit: 'cup', quantity: 1, n: [240, 4, 46, 4, 1], veg: true },
    { name: 'grilled salmon', unit: 'g', quantity: 150, n: [310, 34, 0, 18, 0], veg: false },
    { name: 'vegetable stir-fry', unit: 'plate', quantity: 1, n: [220, 7, 24, 11, 6], veg: true },
    { name: 'tofu green curry', unit: 'bowl', quantity: 1, n: [390, 16, 22, 27, 5], veg: true },
    { name: 'margherita pizza', unit: 'slice', quantity: 2, n: [500, 20, 60, 20, 3], veg: true },
    { name: 'chicken burrito bowl', unit: 'bowl', quantity: 1, n: [620, 38, 70, 18, 11], veg: false },
    { name: 'minestrone soup', unit: 'bowl', quantity: 1, n: [180, 7, 28, 4, 6], veg: true },
    { name: 'garlic naan', unit: 'piece', quantity: 1, n: [290, 8, 48, 7, 2], veg: true },
  ],
  snack: [
    { name: 'roasted chana', unit: 'g', quantity: 40, n: [150, 9, 22, 3, 7], veg: true },
    { name: 'apple', unit: 'piece', quantity: 1, n: [95, 0.5, 25, 0.3, 4], veg: true },
    { name: 'almonds', unit: 'g', quantity: 28, n: [165, 6, 6, 14, 3.5], veg: true },
    { name: 'protein shake', unit: 'scoop', quantity: 1, n: [120, 24, 3, 1.5, 1], veg: true },
    { name: 'samosa', unit: 'piece', quantity: 1, n: [260, 4, 32, 13, 3], veg: true },
    { name: 'mango lassi', unit: 'glass', quantity: 1, n: [210, 7, 38, 4, 1], veg: true },
  ],
};

export interface DemoMeal {
  id: string;
  userId: string;
  mealTime: Date;
  mealType: 'breakfast' | 'lunch' | 'dinner' | 'snack';
  nutrition: Record<string, number>;
  notes: string | null;
  isDeleted: boolean;
  foods: { id: string; name: string; quantity: number; unit: string; nutrition: Record<string, number>; confidence: number }[];
}

const HOURS = { breakfast: [7, 9], lunch: [12, 14], dinner: [19, 21], snack: [16, 17] } as const;
const ZONE_OFFSET_HOURS: Record<string, number> = {
  'Asia/Kolkata': 5.5, 'Europe/Rome': 1, 'America/Los_Angeles': -8, 'America/New_York': -5, 'Asia/Seoul': 9,
  'Europe/London': 0, 'Asia/Tokyo': 9, 'America/Mexico_City': -6,
};

/** 5,000 meals spread over the people and the last DAYS days, 1–4 foods each. */
export function meals(g: Gen, persons: DemoPerson[], anchor: Date, total = 5000): DemoMeal[] {
  const out: DemoMeal[] = [];
  // The first person (the tour's) logs every meal, four a day; the others log some of theirs.
  const first = 4 * DAYS;
  const perPerson = Math.floor((total - first) / (persons.length - 1));
  for (const [index, person] of persons.entries()) {
    const count = index === 0 ? first : perPerson + (index - 1 < (total - first) % (persons.length - 1) ? 1 : 0);
    const offset = ZONE_OFFSET_HOURS[person.timeZone] ?? 0;
    // The person's own midnight that starts their calendar day at the anchor instant (west of UTC
    // that is the day before the anchor's UTC date): the last meal day ends there, so no meal lies
    // ahead of the person's clock when the data is loaded (at or after the anchor).
    const localMidnight = Math.floor((anchor.getTime() + offset * 3_600_000) / 86_400_000) * 86_400_000 - offset * 3_600_000;
    for (let k = 0; k < count; k++) {
      const day = Math.floor((k / count) * DAYS); // evenly over the days, oldest first
      const mealType = (['breakfast', 'lunch', 'dinner', 'snack'] as const)[k % 4]!;
      const [h0, h1] = HOURS[mealType];
      const localHour = g.int(h0, h1) + g.int(0, 59) / 60;
      const mealTime = new Date(localMidnight - (DAYS - day) * 86_400_000 + localHour * 3_600_000);
      const choices = FOODS[mealType].filter((f) => f.veg || person.diet === 'no_restrictions' || (person.diet === 'pescatarian' && f.name.includes('salmon')));
      const foods: DemoMeal['foods'] = [];
      const totals = { calories: 0, protein_g: 0, carbs_g: 0, fat_g: 0, fiber_g: 0 };
      for (let f = 0, n = g.int(1, mealType === 'snack' ? 1 : 3); f < n; f++) {
        const food = g.pick(choices);
        const scale = g.pick([0.75, 1, 1, 1, 1.25, 1.5]);
        const [kcal, p, c, fat, fiber] = food.n.map((v) => g.round(v * scale, 1)) as [number, number, number, number, number];
        totals.calories += kcal;
        totals.protein_g += p;
        totals.carbs_g += c;
        totals.fat_g += fat;
        totals.fiber_g += fiber;
        foods.push({
          id: g.uuid(),
          name: food.name,
          quantity: g.round(food.quantity * scale, 2),
          unit: food.unit,
          nutrition: { calories: kcal, protein_g: p, carbs_g: c, fat_g: fat, fiber_g: fiber },
          confidence: g.round(0.7 + g.next() * 0.29, 2),
        });
      }
      out.push({
        id: g.uuid(),
        userId: person.id,
        mealTime,
        mealType,
        nutrition: Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, g.round(v, 1)])),
        notes: g.chance(0.15) ? g.pick(['ate out with friends', 'home cooked', 'a bit too spicy', 'post-workout', 'late meal']) : null,
        // A few meals deleted by their owner (soft delete: still theirs, hidden by default).
        isDeleted: g.chance(0.02),
        foods,
      });
    }
  }
  return out;
}

// --- recipes --------------------------------------------------------------------------------------

const DISHES: Record<(typeof CUISINES)[number], { name: string; category: string; tags: string[] }[]> = {
  indian: [
    { name: 'Dal Tadka', category: 'dal', tags: ['vegan', 'protein-rich', 'healthy'] },
    { name: 'Dal Makhani', category: 'dal', tags: ['vegetarian', 'protein-rich'] },
    { name: 'Moong Dal', category: 'dal', tags: ['vegan', 'healthy', 'quick'] },
    { name: 'Paneer Butter Masala', category: 'curry', tags: ['vegetarian'] },
    { name: 'Palak Paneer', category: 'curry', tags: ['vegetarian', 'healthy', 'gluten-free'] },
    { name: 'Kadai Paneer', category: 'curry', tags: ['vegetarian', 'protein-rich'] },
    { name: 'Paneer Tikka Masala', category: 'curry', tags: ['vegetarian', 'protein-rich'] },
    { name: 'Chana Masala', category: 'curry', tags: ['vegan', 'protein-rich'] },
    { name: 'Chicken Curry', category: 'curry', tags: ['protein-rich', 'gluten-free'] },
    { name: 'Aloo Gobi', category: 'curry', tags: ['vegan', 'gluten-free'] },
    { name: 'Vegetable Biryani', category: 'rice', tags: ['vegetarian'] },
    { name: 'Jeera Rice', category: 'rice', tags: ['vegan', 'quick'] },
    { name: 'Paneer Fried Rice', category: 'rice', tags: ['vegetarian', 'quick'] },
    { name: 'Tomato Rasam', category: 'soup', tags: ['vegan', 'healthy'] },
  ],
  italian: [
    { name: 'Pasta Arrabbiata', category: 'pasta', tags: ['vegan', 'quick'] },
    { name: 'Penne Alfredo', category: 'pasta', tags: ['vegetarian'] },
    { name: 'Spaghetti Aglio e Olio', category: 'pasta', tags: ['vegan', 'quick'] },
    { name: 'Mushroom Risotto', category: 'rice', tags: ['vegetarian', 'gluten-free'] },
    { name: 'Minestrone', category: 'soup', tags: ['vegan', 'healthy'] },
  ],
  american: [
    { name: 'Mac and Cheese', category: 'pasta', tags: ['vegetarian'] },
    { name: 'Chili con Carne', category: 'stew', tags: ['protein-rich', 'gluten-free'] },
    { name: 'Corn Chowder', category: 'soup', tags: ['vegetarian'] },
  ],
  chinese: [
    { name: 'Vegetable Fried Rice', category: 'rice', tags: ['vegan', 'stir-fry', 'quick'] },
    { name: 'Kung Pao Tofu', category: 'stir-fry', tags: ['vegan', 'stir-fry', 'protein-rich'] },
    { name: 'Hot and Sour Soup', category: 'soup', tags: ['vegetarian'] },
  ],
  mexican: [
    { name: 'Black Bean Chili', category: 'stew', tags: ['vegan', 'protein-rich'] },
    { name: 'Mexican Rice', category: 'rice', tags: ['vegan', 'gluten-free'] },
    { name: 'Chicken Tinga', category: 'curry', tags: ['protein-rich', 'gluten-free'] },
  ],
  korean: [
    { name: 'Kimchi Fried Rice', category: 'rice', tags: ['stir-fry', 'quick'] },
    { name: 'Japchae', category: 'noodles', tags: ['vegetarian', 'stir-fry'] },
    { name: 'Doenjang Jjigae', category: 'stew', tags: ['vegan', 'healthy'] },
  ],
  thai: [
    { name: 'Thai Green Curry', category: 'curry', tags: ['vegan', 'gluten-free'] },
    { name: 'Pad Thai', category: 'noodles', tags: ['stir-fry'] },
    { name: 'Tom Yum Soup', category: 'soup', tags: ['healthy', 'gluten-free'] },
  ],
  asian: [
    { name: 'Teriyaki Tofu Bowl', category: 'rice', tags: ['vegan', 'protein-rich'] },
    { name: 'Miso Ramen', category: 'noodles', tags: ['vegetarian'] },
  ],
  global: [
    { name: 'Quinoa Buddha Bowl', category: 'salad', tags: ['vegan', 'healthy', 'gluten-free'] },
    { name: 'Lentil Soup', category: 'soup', tags: ['vegan', 'protein-rich', 'healthy'] },
    { name: 'Shakshuka', category: 'stew', tags: ['vegetarian', 'gluten-free'] },
  ],
};
const VARIANTS = ['', 'Classic', 'Homestyle', 'Quick', 'Spicy', 'Restaurant-Style', 'Light', 'Festive', 'Smoky', 'Herbed'];

export interface DemoRecipe {
  id: string;
  name: string;
  category: string;
  cuisine: string;
  tags: string[];
  difficulty: 'easy' | 'medium' | 'hard';
  timeMinutes: number;
  servings: number;
  nutrition: [number, number, number, number];
  data: Record<string, unknown>;
  published: boolean;
}

/** 200 recipes: every cuisine, named dishes with variants, valid recipe_data stages. */
export function recipes(g: Gen, total = 200): DemoRecipe[] {
  const all = CUISINES.flatMap((c) => DISHES[c].map((d) => ({ ...d, cuisine: c })));
  const out: DemoRecipe[] = [];
  for (let i = 0; i < total; i++) {
    const dish = all[i % all.length]!;
    const variant = VARIANTS[Math.floor(i / all.length) % VARIANTS.length]!;
    const name = variant ? `${variant} ${dish.name}` : dish.name;
    const timeMinutes = g.int(15, 75);
    const servings = g.int(2, 4);
    const oil = dish.tags.includes('vegan') ? 'oil' : g.pick(['oil', 'ghee', 'butter']);
    const main = dish.name.toLowerCase().includes('paneer') ? 'paneer' : dish.category === 'dal' ? 'lentils' : dish.name.toLowerCase().split(' ').at(-1)!;
    out.push({
      id: g.uuid(),
      name,
      category: dish.category,
      cuisine: dish.cuisine,
      tags: dish.tags,
      difficulty: g.pick(['easy', 'easy', 'medium', 'medium', 'hard'] as const),
      timeMinutes,
      servings,
      nutrition: [g.int(180, 650), g.int(5, 35), g.int(10, 80), g.int(3, 30)],
      data: {
        name,
        servings,
        total_time_minutes: timeMinutes,
        stages: [
          { name: 'Heat Oil', temp_target: 180, duration_seconds: 120, stir: false, ingredients: [{ subsystem: 'SLD', channel: 'OIL', name: oil, amount_g: g.int(15, 35) }], cv_check: 'oil_shimmer' },
          { name: 'Add Spices', temp_target: 160, duration_seconds: 60, stir: true, stir_pattern: 'intermittent', ingredients: [{ subsystem: 'ASD', id: 1, name: 'cumin', amount_g: g.int(2, 5) }, { subsystem: 'ASD', id: 2, name: 'chili_powder', amount_g: g.int(1, 6) }], cv_check: 'spice_crackle' },
          { name: `Cook ${main}`, temp_target: g.int(95, 140), duration_seconds: (timeMinutes - 5) * 60, stir: true, ingredients: [{ subsystem: 'CID', name: main, amount_g: g.int(150, 400) }] },
        ],
      },
      // A few drafts the admins have not published.
      published: i % 25 !== 24,
    });
  }
  return out;
}

// --- appliances, cooking sessions, telemetry -----------------------------------------------------

export interface DemoAppliance {
  id: string;
  userId: string;
  deviceId: string;
  serial: string;
  mac: string;
  name: string;
}

export interface DemoSession {
  id: string;
  userId: string;
  applianceId: string;
  recipeId: string;
  startedAt: Date;
  durationS: number;
  status: 'completed' | 'aborted';
  rating: number | null;
  peak: number;
}

export function appliances(g: Gen, persons: DemoPerson[], count = 20): DemoAppliance[] {
  return persons.slice(0, count).map((p, i) => ({
    id: g.uuid(),
    userId: p.id,
    deviceId: `EPIC-${String(i + 1).padStart(3, '0')}`,
    serial: `EPC26-${String(100_000 + i * 37).padStart(6, '0')}`,
    mac: Array.from({ length: 6 }, () => g.int(0, 255).toString(16).padStart(2, '0')).join(':'),
    name: i === 0 ? 'Kitchen Epicura' : 'My Epicura',
  }));
}

/** Cooking sessions over the last 3 months: about one every other day per appliance. */
export function sessions(g: Gen, devices: DemoAppliance[], recipeList: DemoRecipe[], anchor: Date): DemoSession[] {
  const published = recipeList.filter((r) => r.published);
  const out: DemoSession[] = [];
  for (const d of devices) {
    for (let day = DAYS; day > 0; day -= g.int(1, 3)) {
      const recipe = g.pick(published);
      const aborted = g.chance(0.05);
      out.push({
        id: g.uuid(),
        userId: d.userId,
        applianceId: d.id,
        recipeId: recipe.id,
        startedAt: new Date(anchor.getTime() - day * 86_400_000 + g.int(11, 15) * 3_600_000 + g.int(0, 3599) * 1000),
        durationS: aborted ? g.int(120, 600) : recipe.timeMinutes * 60 + g.int(-120, 300),
        status: aborted ? 'aborted' : 'completed',
        rating: aborted || g.chance(0.4) ? null : g.int(3, 5),
        peak: g.int(170, 195),
      });
    }
  }
  return out;
}

export interface DemoEvent {
  userId: string;
  applianceId: string;
  sessionId: string | null;
  eventType: 'temperature' | 'status' | 'stage_change' | 'alert' | 'heartbeat';
  payload: Record<string, unknown>;
  recordedAt: Date;
}

/** Telemetry of each session (a temperature reading every 20 s, stage changes, status, rare alerts). */
export function* telemetry(g: Gen, sessionList: DemoSession[]): Generator<DemoEvent> {
  for (const s of sessionList) {
    const base = { userId: s.userId, applianceId: s.applianceId, sessionId: s.id };
    yield { ...base, eventType: 'status', payload: { status: 'cooking' }, recordedAt: s.startedAt };
    const stages = ['Heat Oil', 'Add Spices', 'Cook'];
    const steps = Math.floor(s.durationS / 20);
    for (let i = 0; i < steps; i++) {
      const at = new Date(s.startedAt.getTime() + i * 20_000);
      const stage = i < 6 ? 0 : i < 9 ? 1 : 2;
      if (i === 6 || i === 9) yield { ...base, eventType: 'stage_change', payload: { from: stages[stage - 1], to: stages[stage] }, recordedAt: at };
      const target = stage === 0 ? 180 : stage === 1 ? 160 : 120;
      yield { ...base, eventType: 'temperature', payload: { temp_c: g.round(target - 8 + g.next() * 16, 1), target_c: target, stage: stages[stage] }, recordedAt: at };
      if (g.chance(0.002)) yield { ...base, eventType: 'alert', payload: { code: 'LID_OPEN', severity: 'warning' }, recordedAt: at };
    }
    yield { ...base, eventType: 'status', payload: { status: s.status }, recordedAt: new Date(s.startedAt.getTime() + s.durationS * 1000) };
  }
}

// --- assistant ------------------------------------------------------------------------------------

const QUESTIONS = [
  'How much protein did I eat this week?',
  'Suggest a high protein vegetarian breakfast',
  'Was my dinner yesterday too heavy?',
  'What can I cook with paneer and spinach in 30 minutes?',
  'How do I reduce my sodium intake?',
  'Is dal tadka good for weight loss?',
  'Plan a light dinner under 500 calories',
  'Which of my meals had the most fiber?',
];
const ANSWERS = [
  'You averaged about 62 g of protein a day this week, a little under your 75 g target. Paneer bhurji or Greek yogurt at breakfast would close the gap.',
  'Try paneer bhurji with whole wheat toast: about 480 kcal and 28 g of protein. Moong dal chilla is a lighter option.',
  'Your dinner was about 820 kcal, higher than usual, mostly from the naan and the butter masala. A side of salad instead of naan would save about 250 kcal.',
  'Palak paneer works well: about 35 minutes on the Epicura, 18 g of protein per serving.',
  'Most of your sodium comes from packaged snacks and pickles. Swapping samosas for roasted chana would help.',
  'Yes, in moderation: dal tadka is high in protein and fiber. Keep the tadka oil to a teaspoon.',
  'Minestrone soup with a slice of whole wheat toast is about 340 kcal; add a salad for volume.',
  'Your rajma lunch on Tuesday had the most fiber, about 14 g.',
];

export interface DemoConversation {
  id: string;
  userId: string;
  messages: { id: string; role: 'user' | 'assistant'; content: string; createdAt: Date }[];
}

export function conversations(g: Gen, persons: DemoPerson[], anchor: Date): DemoConversation[] {
  const out: DemoConversation[] = [];
  for (const p of persons) {
    for (let c = 0, n = g.int(1, 3); c < n; c++) {
      const start = new Date(anchor.getTime() - g.int(1, DAYS - 1) * 86_400_000 + g.int(8, 21) * 3_600_000);
      const messages: DemoConversation['messages'] = [];
      for (let t = 0, turns = g.int(1, 3); t < turns; t++) {
        const q = g.int(0, QUESTIONS.length - 1);
        messages.push({ id: g.uuid(), role: 'user', content: QUESTIONS[q]!, createdAt: new Date(start.getTime() + t * 120_000) });
        messages.push({ id: g.uuid(), role: 'assistant', content: ANSWERS[q]!, createdAt: new Date(start.getTime() + t * 120_000 + 4_000) });
      }
      out.push({ id: g.uuid(), userId: p.id, messages });
    }
  }
  return out;
}

/** Shared knowledge base (user_id NULL): short nutrition facts the assistant cites. */
export const KNOWLEDGE = [
  'Paneer is a fresh cheese rich in protein: about 18 g of protein per 100 g, and calcium.',
  'Lentils (dal) provide about 9 g of protein and 8 g of fiber per cooked 100 g.',
  'Adults are advised to eat at least 25 to 30 g of fiber a day from whole grains, legumes, fruit and vegetables.',
  'Keeping sodium under 2,000 mg a day lowers blood pressure; pickles, papad and packaged snacks are common hidden sources.',
  'A high protein breakfast (eggs, Greek yogurt, paneer, sprouts) helps with satiety through the morning.',
  'Ghee and butter are mostly saturated fat; a teaspoon of oil is about 40 kcal.',
  'Brown rice and millets have a lower glycaemic index than white rice.',
  'Spinach is rich in iron and folate; pair it with vitamin C (lemon, tomato) to absorb more iron.',
  'Chickpeas (chana) give about 19 g of protein per 100 g dry weight and are a good vegan protein source.',
  'For weight loss, a daily deficit of about 500 kcal leads to roughly 0.5 kg a week.',
  'Tofu contains all essential amino acids and about 8 g of protein per 100 g.',
  'Fried snacks such as samosa and pakora are energy-dense: one samosa is about 250 kcal.',
];
