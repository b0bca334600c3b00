// The demo dataset (src/demo/data.ts) without a database: nothing a person logs lies in the future
// when it is loaded (issue 18: meals up to 5 hours ahead for people west of UTC).
import { describe, expect, it } from 'vitest';
import * as d from '../src/demo/data.ts';

describe('the demo data', () => {
  // The loader's anchor is the UTC midnight of the load (src/demo/load.ts): the load happens at or
  // after it, so every time must be at or before the anchor. Anchors in several seasons and weekdays.
  for (const anchor of ['2026-01-01', '2026-03-29', '2026-07-15', '2026-11-25', '2027-02-28'].map((day) => new Date(`${day}T00:00:00Z`))) {
    it(`has no meal, cooking session or conversation after the load (anchor ${anchor.toISOString().slice(0, 10)})`, () => {
      const g = new d.Gen(d.SEED);
      const persons = d.people(g);
      const recipes = d.recipes(g);
      const meals = d.meals(g, persons, anchor);
      const sessions = d.sessions(g, d.appliances(g, persons), recipes, anchor);
      const talks = d.conversations(g, persons, anchor);
      expect(meals).toHaveLength(5000);
      const latest = Math.max(...meals.map((m) => m.mealTime.getTime()));
      expect(latest).toBeLessThan(anchor.getTime());
      // Still the last 90 days, up to about a day ago.
      expect(latest).toBeGreaterThan(anchor.getTime() - 2 * 86_400_000);
      expect(Math.min(...meals.map((m) => m.mealTime.getTime()))).toBeGreaterThan(anchor.getTime() - (d.DAYS + 2) * 86_400_000);
      for (const s of sessions) expect(s.startedAt.getTime() + s.durationS * 1000).toBeLessThan(anchor.getTime());
      expect(talks.length).toBeGreaterThan(0);
      for (const m of talks.flatMap((t) => t.messages)) expect(m.createdAt.getTime()).toBeLessThan(anchor.getTime());
    });
  }
});
