import { formatInstant } from '../shared/time.js';

/**
 * Row-mapping helpers shared by the repositories: both drivers return timestamptz as Date, and jsonb already
 * parsed. Instants leave the store as UTC ISO strings in the one canonical form
 * (`2026-03-23T09:00:00Z`, see `formatInstant`), the only form they travel in.
 */
export function iso(value: unknown): string {
  if (value instanceof Date) return formatInstant(value.getTime());
  if (typeof value === 'string') return formatInstant(Date.parse(value));
  throw new Error(`Expected a timestamp, got ${typeof value}`);
}

export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}
