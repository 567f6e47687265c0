/**
 * Row-mapping helpers shared by the repositories: both drivers return timestamptz as Date, and jsonb already
 * parsed. Instants leave the store as UTC ISO strings, the only form they travel in.
 */
export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new Error(`Expected a timestamp, got ${typeof value}`);
}

export function isoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : iso(value);
}
