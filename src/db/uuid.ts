// The one UUID rule: canonical text form, 8-4-4-4-12 hexadecimal digits (either case; stored and
// compared in lower case). Every check of an id, a person key or a cursor's id uses isUuid.
import { ValidationError } from './errors.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): boolean {
  return typeof value === 'string' && UUID.test(value);
}

/** Throws a ValidationError naming `field` unless `value` is a UUID in canonical text form. */
export function assertUuid(value: unknown, field = 'userId'): string {
  if (typeof value !== 'string' || !isUuid(value)) {
    throw new ValidationError(field, 'uuid', `${field} must be a UUID (8-4-4-4-12 hexadecimal digits), got ${describe(value)}`);
  }
  return value.toLowerCase();
}

/** A value as an error message shows it: short strings quoted, long ones by length, others by kind. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return value.length > 40 ? `a ${value.length}-character string` : JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return 'an invalid Date';
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
