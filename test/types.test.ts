// Nullability of the generated result types. pgtyped guesses from the catalog: table columns get
// their NOT NULL, while function results, computed columns and LEFT JOIN columns need the
// `AS "col!"` / `AS "col?"` overrides in queries/*.sql. The expectTypeOf checks below are compiled
// by `npx tsc -p tsconfig.json` (CI's static step): a wrong guess fails the build, not a test run.
// The runtime test checks what pgtyped does not: that rows really carry the camelCase keys the
// types promise (pgtyped's camelCaseColumnNames renames the types only, so every query aliases).
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { IGetProfileResult, ISignInPersonResult, IUpdatePreferencesIfNewerResult, IRegisterPushTokenResult, IGetActiveGoalResult } from '../src/generated/accounts.queries.ts';
import type { IDailyNutritionVsGoalResult, IGetMealResult, IListMealsResult, ISetMealDeletedResult } from '../src/generated/meals.queries.ts';
import type {
  ICostSummaryResult,
  IListConversationsResult,
  ISearchKnowledgeResult,
  ISearchMyEmbeddingsResult,
  IUpsertPersonEmbeddingsResult,
} from '../src/generated/assistant.queries.ts';
import { getProfile, getActiveGoal } from '../src/generated/accounts.queries.ts';
import { getMeal, listMeals } from '../src/generated/meals.queries.ts';
import { listConversations } from '../src/generated/assistant.queries.ts';
import { dailyNutritionVsGoal } from '../src/generated/meals.queries.ts';
import { runQuery } from '../src/db/run-query.ts';
import type { Meal, MealSummary, Page } from '../src/areas/meals.ts';
import type { ConversationSummary, SearchHit } from '../src/areas/assistant.ts';
import type { PreferencesWrite } from '../src/areas/accounts.ts';
import { useTestDatabase } from './support/db.ts';
import { createPerson } from './support/fixtures.ts';

describe('generated result types (checked by tsc)', () => {
  it('keeps NOT NULL columns non-null and nullable columns nullable', () => {
    expectTypeOf<IGetProfileResult['id']>().toEqualTypeOf<string>();
    expectTypeOf<IGetProfileResult['timeZone']>().toEqualTypeOf<string>();
    expectTypeOf<IGetMealResult['id']>().toEqualTypeOf<string>();
    expectTypeOf<IGetMealResult['mealTime']>().toEqualTypeOf<Date>();
    expectTypeOf<IGetMealResult['imageUrl']>().toEqualTypeOf<string | null>();
    expectTypeOf<IGetMealResult['deletedAt']>().toEqualTypeOf<Date | null>();
    expectTypeOf<ISetMealDeletedResult['isDeleted']>().toEqualTypeOf<boolean>();
    expectTypeOf<IGetActiveGoalResult['endsOn']>().toEqualTypeOf<string | null>();
    expectTypeOf<IGetActiveGoalResult['startsOn']>().toEqualTypeOf<string>();
    expectTypeOf<ISearchMyEmbeddingsResult['sourceId']>().toEqualTypeOf<string | null>();
  });

  it('overrides computed columns and function results with "!"', () => {
    expectTypeOf<IListMealsResult['cursorTime']>().toEqualTypeOf<string>(); // to_char(NOT NULL)
    expectTypeOf<ISignInPersonResult>().toEqualTypeOf<{ userId: string; created: boolean; isActive: boolean }>();
    expectTypeOf<IRegisterPushTokenResult['movedFromOther']>().toEqualTypeOf<boolean>();
    expectTypeOf<IUpdatePreferencesIfNewerResult['applied']>().toEqualTypeOf<boolean>();
    expectTypeOf<IUpdatePreferencesIfNewerResult['createdAt']>().toEqualTypeOf<Date>();
    expectTypeOf<IUpdatePreferencesIfNewerResult['spiceLevel']>().toEqualTypeOf<number | null>();
    expectTypeOf<IDailyNutritionVsGoalResult['day']>().toEqualTypeOf<string>();
    expectTypeOf<IDailyNutritionVsGoalResult['calories']>().toEqualTypeOf<number>();
    expectTypeOf<ICostSummaryResult['costUsd']>().toEqualTypeOf<string>();
    expectTypeOf<ICostSummaryResult['requests']>().toEqualTypeOf<number>();
    expectTypeOf<ISearchKnowledgeResult['id']>().toEqualTypeOf<string>();
    expectTypeOf<ISearchKnowledgeResult['distance']>().toEqualTypeOf<number>();
  });

  it('marks outer-join and optional columns nullable with "?"', () => {
    expectTypeOf<IListConversationsResult['lastMessagePreview']>().toEqualTypeOf<string | null>(); // LEFT JOIN LATERAL
    expectTypeOf<IListConversationsResult['lastMessageRole']>().toEqualTypeOf<string | null>();
    expectTypeOf<IListConversationsResult['cursorTime']>().toEqualTypeOf<string | null>(); // last_message_at is nullable
    expectTypeOf<IDailyNutritionVsGoalResult['goalId']>().toEqualTypeOf<string | null>(); // no active goal
    expectTypeOf<IDailyNutritionVsGoalResult['targetCalories']>().toEqualTypeOf<number | null>();
    expectTypeOf<ISearchKnowledgeResult['sourceId']>().toEqualTypeOf<string | null>();
    expectTypeOf<IUpsertPersonEmbeddingsResult['id']>().toEqualTypeOf<string | null>(); // LEFT JOIN
  });

  it('exposes the public API with precise types', () => {
    expectTypeOf<Meal['foods'][number]['quantity']>().toEqualTypeOf<number | null>();
    expectTypeOf<Meal['mealType']>().toEqualTypeOf<'breakfast' | 'lunch' | 'dinner' | 'snack'>();
    expectTypeOf<Page<MealSummary>['nextCursor']>().toEqualTypeOf<string | null>();
    expectTypeOf<MealSummary>().not.toHaveProperty('foods');
    expectTypeOf<ConversationSummary['lastMessage']>().toEqualTypeOf<{ role: 'user' | 'assistant'; preview: string } | null>();
    expectTypeOf<SearchHit['source']['id']>().toEqualTypeOf<string | null>();
    expectTypeOf<PreferencesWrite['applied']>().toEqualTypeOf<boolean>();
  });
});

describe('generated rows at run time', () => {
  const db = useTestDatabase();

  it('carry exactly the keys of the generated result types (camelCase, no "!"/"?" suffix)', async () => {
    const p = await createPerson(db().pool);
    const meal = await db().kdb.asUser(p.id, (me) => me.meals.logMeal({ mealTime: new Date(), mealType: 'lunch', foods: [{ name: 'dal' }] }));
    await db().kdb.asUser(p.id, (me) => me.accounts.setGoal({ goalType: 'maintain', targetCalories: 2000 }));
    await db().kdb.asUser(p.id, (me) => me.assistant.startConversation());
    const rows = await db().asUser(p.id, async (c) => ({
      profile: (await getProfile.run({ userId: p.id }, c))[0]!,
      meal: (await getMeal.run({ userId: p.id, id: meal.id, includeDeleted: false }, c))[0]!,
      meals: (await listMeals.run({ userId: p.id, includeDeleted: false, limit: 1 }, c))[0]!,
      goal: (await getActiveGoal.run({ userId: p.id }, c))[0]!,
      conversation: (await listConversations.run({ userId: p.id, limit: 1 }, c))[0]!,
    }));
    const keys = (o: object) => Object.keys(o).sort();
    expect(keys(rows.profile)).toEqual(['authId', 'createdAt', 'email', 'id', 'isActive', 'name', 'role', 'tier', 'timeZone', 'updatedAt']);
    expect(keys(rows.meal)).toEqual(
      ['aiAnalysis', 'createdAt', 'deletedAt', 'foods', 'id', 'imageUrl', 'isDeleted', 'mealTime', 'mealType', 'notes', 'nutritionTotals', 'updatedAt'].sort(),
    );
    expect(keys(rows.meals)).toContain('cursorTime');
    expect(keys(rows.goal)).toContain('targetCalories');
    expect(keys(rows.conversation)).toEqual(
      ['createdAt', 'cursorTime', 'id', 'lastMessageAt', 'lastMessagePreview', 'lastMessageRole', 'title', 'updatedAt'].sort(),
    );
    for (const row of Object.values(rows)) for (const k of Object.keys(row)) expect(k).toMatch(/^[a-z][A-Za-z0-9]*$/);
  });

  it('runQuery (the lean runner the area modules use) returns exactly what query.run returns', async () => {
    const p = await createPerson(db().pool, { timeZone: 'Asia/Kolkata' });
    await db().kdb.asUser(p.id, (me) => me.meals.logMeal({ mealTime: '2026-01-10T12:00:00Z', mealType: 'lunch', nutritionTotals: { calories: 400 } }));
    const c = await db().kdb.asUser(p.id, (me) => me.assistant.startConversation());
    await db().kdb.asUser(p.id, (me) => me.assistant.addMessage(c.id, { role: 'user', content: 'hello' }));
    await db().asUser(p.id, async (client) => {
      for (const [query, params] of [
        [dailyNutritionVsGoal, { userId: p.id, from: '2026-01-09', to: '2026-01-11' }],
        [listConversations, { userId: p.id, limit: 5, afterTime: null, afterId: null }],
        [listMeals, { userId: p.id, includeDeleted: false, limit: 5 }],
        [getProfile, { userId: p.id }],
      ] as const) {
        const lean = await runQuery(query as never, params as never, client);
        const stock = await (query as { run: (p: unknown, c: unknown) => Promise<unknown[]> }).run(params, client);
        expect(lean).toEqual(stock);
        expect(lean.length).toBeGreaterThan(0);
      }
    });
  });
});
