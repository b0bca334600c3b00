// Cheap input checks shared by the area modules: each throws a ValidationError that names the
// field (camelCase, as the caller spelled it) and the rule, before anything reaches SQL. Rules that
// need the database (time zones, uniqueness, ownership) stay in SQL and come back via mapDbError.
import { assertUuid, describe, isUuid } from '../../db/uuid.ts';
import { ValidationError } from '../../db/errors.ts';

export function fail(field: string, rule: string, message: string): never {
  throw new ValidationError(field, rule, `${field}: ${message}`);
}

export { describe, isUuid };

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Length in Unicode code points (what PostgreSQL's char_length counts), cheaply for short strings. */
export function codePoints(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

export interface TextRule {
  min?: number;
  max: number;
  /** Measure (and return) the value with surrounding whitespace removed. */
  trim?: boolean;
}

/** A string whose length (code points) lies in [min, max]; NUL characters are refused (PostgreSQL text cannot hold them). */
export function text(value: unknown, field: string, rule: TextRule): string {
  if (typeof value !== 'string') fail(field, 'type', `must be a string, got ${describe(value)}`);
  const s = rule.trim ? value.trim() : value;
  const min = rule.min ?? 1;
  // Cheap bound first: a string of more than 2×max UTF-16 units has more than max code points.
  const n = s.length > rule.max * 2 ? s.length : codePoints(s);
  if (n < min) fail(field, 'length', min === 1 ? 'must not be empty' : `must have at least ${min} characters`);
  if (n > rule.max) fail(field, 'length', `must have at most ${rule.max} characters, got ${n}`);
  if (s.includes('\u0000')) fail(field, 'nul', 'must not contain NUL characters');
  if (hasLoneSurrogate(s)) fail(field, 'unicode', 'must be well-formed Unicode: it contains a lone UTF-16 surrogate, which would be stored as U+FFFD');
  return s;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * A lone UTF-16 surrogate (half of a pair): not a character. The driver would encode it as U+FFFD,
 * silently changing the text, so it is refused instead.
 */
export function hasLoneSurrogate(s: string): boolean {
  return LONE_SURROGATE.test(s);
}

const JSON_ESCAPE = /(\\+)u(0000|d[89a-f][0-9a-f]{2})/g;

/**
 * What PostgreSQL's json/jsonb input would refuse in a JSON.stringify result: `nul` for \u0000
 * (text cannot hold NUL), `unicode` for a lone surrogate (JSON.stringify writes those as \udxxx
 * escapes; PostgreSQL refuses them). A literal backslash in the data (`\\u0000` in the JSON) is not
 * an escape and passes.
 */
export function jsonTextProblem(json: string): 'nul' | 'unicode' | undefined {
  if (!json.includes('\\u')) return undefined;
  for (const m of json.matchAll(JSON_ESCAPE)) {
    if (m[1]!.length % 2 === 1) return m[2] === '0000' ? 'nul' : 'unicode';
  }
  return undefined;
}

/**
 * The path (`field.key[2].other`) of the first number under `value` that JSON cannot hold: NaN or
 * ±Infinity, which JSON.stringify silently writes as null. Undefined when there is none.
 */
export function nonFinitePath(value: unknown, path: string): string | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : path;
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = nonFinitePath(value[i], `${path}[${i}]`);
      if (p) return p;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const p = nonFinitePath((value as Record<string, unknown>)[key], `${path}.${key}`);
    if (p) return p;
  }
  return undefined;
}

/**
 * Refuses NaN and ±Infinity anywhere in a JSON value (ValidationError naming their path, rule
 * `finite`) instead of storing them as null. `json` is JSON.stringify(value): such numbers became
 * `null` in it, so only a value whose JSON contains `null` is walked (cheap for big batches).
 */
export function assertFiniteJson(json: string, value: unknown, field: string): void {
  if (!json.includes('null')) return;
  const path = nonFinitePath(value, field);
  if (path) fail(path, 'finite', 'must be a finite number: JSON cannot hold NaN or Infinity');
}

/** Throws the ValidationError for jsonTextProblem(json), naming `field`. */
export function assertStorableJson(json: string, field: string): void {
  const problem = jsonTextProblem(json);
  if (problem === 'nul') fail(field, 'nul', 'must not contain NUL characters');
  if (problem === 'unicode') fail(field, 'unicode', 'must be well-formed Unicode: it contains a lone UTF-16 surrogate');
}

/** undefined → undefined, null → null, otherwise text(). */
export function optionalText(value: unknown, field: string, rule: TextRule): string | null | undefined {
  if (value === undefined || value === null) return value;
  return text(value, field, rule);
}

export function uuid(value: unknown, field: string): string {
  return assertUuid(value, field);
}

export function oneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(field, 'enum', `must be one of ${allowed.join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

export function bool(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean') fail(field, 'type', `must be true or false, got ${describe(value)}`);
  return value;
}

export interface NumberRule {
  min?: number;
  max?: number;
  /** The bounds themselves are excluded. */
  exclusive?: boolean;
  integer?: boolean;
}

/** A finite number (NaN and ±Infinity refused) within the bounds. */
export function num(value: unknown, field: string, rule: NumberRule = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(field, 'finite', `must be a finite number, got ${describe(value)}`);
  if (rule.integer && !Number.isInteger(value)) fail(field, 'integer', `must be a whole number, got ${value}`);
  const { min, max, exclusive } = rule;
  if (min !== undefined && (exclusive ? value <= min : value < min)) fail(field, 'range', `must be ${exclusive ? 'greater than' : 'at least'} ${min}, got ${value}`);
  if (max !== undefined && (exclusive ? value >= max : value > max)) fail(field, 'range', `must be ${exclusive ? 'less than' : 'at most'} ${max}, got ${value}`);
  return value;
}

export function optionalNum(value: unknown, field: string, rule: NumberRule = {}): number | null | undefined {
  if (value === undefined || value === null) return value;
  return num(value, field, rule);
}

export const INT32_MAX = 2_147_483_647;

/** A point in time: a valid Date, or a string Date.parse understands (ISO 8601 with an offset, ideally). */
export function instant(value: unknown, field: string): Date {
  const d = value instanceof Date ? value : typeof value === 'string' && value.length <= 64 ? new Date(value) : undefined;
  if (!d || Number.isNaN(d.getTime())) fail(field, 'timestamp', `must be a Date or an ISO 8601 timestamp, got ${describe(value)}`);
  assertYearInRange(d, field);
  return d;
}

/** The years a timestamp of the API may have: a year outside is a client bug (and PostgreSQL has no year 0). */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 9999;

/** ValidationError (rule `range`) naming `field` when a valid Date lies outside [MIN_YEAR, MAX_YEAR]. */
export function assertYearInRange(d: Date, field: string): void {
  const year = d.getUTCFullYear();
  if (year < MIN_YEAR || year > MAX_YEAR) fail(field, 'range', `must lie between the years ${MIN_YEAR} and ${MAX_YEAR}, got ${d.toISOString()}`);
}

export function optionalInstant(value: unknown, field: string): Date | null | undefined {
  if (value === undefined || value === null) return value;
  return instant(value, field);
}

/** How far ahead of the server's clock a client may date something that already happened. */
export const MAX_AHEAD_MS = 24 * 3600 * 1000;

/**
 * The time of something that already happened (a meal eaten, a cook started or ended): instant(),
 * and at most a day ahead of the server's clock (time zones and clock skew), rule `future`. A
 * far-future time is a client bug; stored, it would top every newest-first list for years.
 */
export function pastInstant(value: unknown, field: string): Date {
  const d = instant(value, field);
  if (d.getTime() > Date.now() + MAX_AHEAD_MS) fail(field, 'future', `lies more than a day in the future (${d.toISOString()}): client clock wrong?`);
  return d;
}

export function optionalPastInstant(value: unknown, field: string): Date | null | undefined {
  if (value === undefined || value === null) return value;
  return pastInstant(value, field);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day 'YYYY-MM-DD' (as the API returns dates). */
export function calendarDay(value: unknown, field: string): string {
  const m = typeof value === 'string' ? DATE.exec(value) : null;
  if (!m) fail(field, 'date', `must be a calendar day YYYY-MM-DD, got ${describe(value)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d || y < 1900) {
    fail(field, 'date', `is not a calendar day: ${value as string}`);
  }
  return value as string;
}

export function optionalCalendarDay(value: unknown, field: string): string | null | undefined {
  if (value === undefined || value === null) return value;
  return calendarDay(value, field);
}

/** Days from `from` to `to` (both 'YYYY-MM-DD'). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * A range of calendar days { from, to }, both included, at most 367 days (a year and a day: a
 * report per day beyond that is a bulk export, not a screen).
 */
export function dayRange(range: unknown): { from: string; to: string } {
  if (!isPlainObject(range)) fail('range', 'object', 'must be an object');
  const from = calendarDay(range.from, 'from');
  const to = calendarDay(range.to, 'to');
  const days = daysBetween(from, to);
  if (days < 0) fail('to', 'range', 'must not be before from');
  if (days > 366) fail('to', 'range', 'the range may cover at most 367 days');
  return { from, to };
}

/** A JSON object (plain, serialisable) of at most maxBytes once serialised; returns it serialised. */
export function jsonObject(value: unknown, field: string, maxBytes: number): string {
  if (!isPlainObject(value)) fail(field, 'object', `must be a JSON object, got ${describe(value)}`);
  let json: string;
  try {
    json = JSON.stringify(value);
  } catch {
    fail(field, 'json', 'must be serialisable as JSON');
  }
  if (Buffer.byteLength(json) > maxBytes) fail(field, 'size', `must be at most ${maxBytes} bytes of JSON`);
  assertStorableJson(json, field);
  assertFiniteJson(json, value, field);
  return json;
}

/** The keys of nutrition JSON that must be numbers >= 0 when present (app.nutrition_is_valid). */
export const NUTRIENTS = ['calories', 'protein_g', 'carbs_g', 'fat_g', 'fiber_g', 'sugar_g', 'sodium_mg'] as const;
export type Nutrient = (typeof NUTRIENTS)[number];

/** Nutrition JSON: an object whose known keys are finite numbers >= 0; other keys are free. */
export function nutrition(value: unknown, field: string): Record<string, unknown> {
  jsonObject(value, field, 16_384);
  const obj = value as Record<string, unknown>;
  for (const key of NUTRIENTS) {
    if (obj[key] !== undefined) num(obj[key], `${field}.${key}`, { min: 0, max: 1_000_000 });
  }
  return obj;
}

export function list(value: unknown, field: string, max: number, min = 0): unknown[] {
  if (!Array.isArray(value)) fail(field, 'type', `must be an array, got ${describe(value)}`);
  if (value.length < min) fail(field, 'length', `must have at least ${min} element${min === 1 ? '' : 's'}`);
  if (value.length > max) fail(field, 'length', `must have at most ${max} elements, got ${value.length}`);
  return value;
}

/** Page size: an integer in [1, max], `fallback` when absent. */
export function pageSize(value: unknown, field = 'limit', fallback = 20, max = 100): number {
  if (value === undefined || value === null) return fallback;
  return num(value, field, { min: 1, max, integer: true });
}

// Opaque cursors: base64url of a JSON array. The content is the row's sort key; callers only pass
// back what a page returned, so anything that does not decode to the expected shape is refused.
export function encodeCursor(parts: (string | null)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

export function decodeCursor(value: unknown, field: string, check: (parts: unknown[]) => boolean): unknown[] {
  if (typeof value !== 'string' || value.length > 512 || !/^[A-Za-z0-9_-]+$/.test(value)) fail(field, 'cursor', 'is not a cursor returned by this API');
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    fail(field, 'cursor', 'is not a cursor returned by this API');
  }
  if (!Array.isArray(parts) || !check(parts)) fail(field, 'cursor', 'is not a cursor returned by this API');
  return parts;
}

const CURSOR_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * A cursor's `YYYY-MM-DDTHH:MM:SS.ffffffZ` (as the API writes them) that is a real instant within
 * [MIN_YEAR, MAX_YEAR]: a tampered date (month 13, Feb 30, hour 24, year 0) must fail here, naming
 * the cursor, not in PostgreSQL's timestamp input. Checked on the digits (no Date, no string
 * allocated): this runs on every next-page call (bench/queries.ts, client CPU per call).
 */
export function isCursorTime(value: unknown): value is string {
  if (typeof value !== 'string' || !CURSOR_TIME.test(value)) return false;
  const d = (i: number) => value.charCodeAt(i) - 48;
  const year = d(0) * 1000 + d(1) * 100 + d(2) * 10 + d(3);
  const month = d(5) * 10 + d(6);
  const day = d(8) * 10 + d(9);
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0)) return false;
  return d(11) * 10 + d(12) <= 23 && d(14) * 10 + d(15) <= 59 && d(17) * 10 + d(18) <= 59;
}

/** A (timestamp with microseconds in UTC, uuid) keyset cursor; the timestamp may be null when allowed. */
export function timeIdCursor(value: unknown, field = 'cursor', timeMayBeNull = false): { time: string | null; id: string } {
  const [time, id] = decodeCursor(value, field, (p) =>
    p.length === 2 &&
    ((timeMayBeNull && p[0] === null) || isCursorTime(p[0])) &&
    isUuid(p[1]),
  ) as [string | null, string];
  return { time, id };
}

const BIGINT_MAX = 9_223_372_036_854_775_807n;
const BIGINT_TEXT = /^[1-9]\d{0,18}$/;

/** A positive bigint id (an identity column) as the API returns it: decimal text up to 2^63 − 1. */
export function isBigintId(value: unknown): value is string {
  return typeof value === 'string' && BIGINT_TEXT.test(value) && BigInt(value) <= BIGINT_MAX;
}

/** timeIdCursor's format for a row whose id is a bigint (as text): [time, id]. */
export function timeBigintCursor(value: unknown, field = 'cursor'): { time: string; id: string } {
  const [time, id] = decodeCursor(value, field, (p) => p.length === 2 && isCursorTime(p[0]) && isBigintId(p[1])) as [string, string];
  return { time, id };
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Builds a page from rows fetched with LIMIT pageSize + 1: the extra row only says that another
 * page exists; the cursor is the last returned row's key.
 */
export function toPage<R, T>(rows: R[], size: number, key: (row: R) => (string | null)[], map: (row: R) => T): Page<T> {
  const n = Math.min(rows.length, size);
  const items = new Array<T>(n);
  for (let i = 0; i < n; i++) items[i] = map(rows[i]!);
  return { items, nextCursor: rows.length > size ? encodeCursor(key(rows[n - 1]!)) : null };
}

// --- types shared by areas ------------------------------------------------------------------------

/** A person's diet (user_preferences.diet): accounts stores it, recipes' search applies it. */
export type Diet = 'vegetarian' | 'vegan' | 'pescatarian' | 'no_restrictions';
export const DIETS: readonly Diet[] = ['vegetarian', 'vegan', 'pescatarian', 'no_restrictions'];
