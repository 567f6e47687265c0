/**
 * A booking link's period may start tomorrow in the organization's zone at the earliest. The start of the UTC day
 * after the next one is that or later at any hour and in every zone (after 23:00 UTC the next UTC day is still
 * today in Berlin), so tests and the benchmark that create links from the real clock start there.
 */
const DAY = 86_400_000;

export function bookablePeriod(now: number, days: number): { start: string; end: string } {
  const start = Math.ceil(now / DAY) * DAY + DAY;
  return { start: new Date(start).toISOString(), end: new Date(start + days * DAY).toISOString() };
}
