/**
 * Calendar-date arithmetic for Cronofy's `Date` parameters (`YYYY-MM-DD`, interpreted in the request's `tzid`).
 * Pure functions over epoch milliseconds and IANA zone names, using only `Intl`; shared by the client (window
 * clamping) and the simulator (turning `from`/`to` dates into instants). Invariant: dates are plain strings and never
 * pass through a local-time `Date`, so the host's own time zone can never leak into a result.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDateString(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** True when `tz` is an IANA zone name this runtime knows. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.length > 0;
  } catch {
    return false;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

function wallClock(ms: number, tz: string): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const parts: Record<string, string> = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return {
    y: Number(parts['year']),
    m: Number(parts['month']),
    d: Number(parts['day']),
    h: Number(parts['hour']),
    mi: Number(parts['minute']),
    s: Number(parts['second']),
  };
}

/** The calendar date (`YYYY-MM-DD`) at instant `ms` in zone `tz`. */
export function dateInZone(ms: number, tz: string): string {
  const w = wallClock(ms, tz);
  return `${String(w.y).padStart(4, '0')}-${String(w.m).padStart(2, '0')}-${String(w.d).padStart(2, '0')}`;
}

/** `date` plus `days` calendar days (negative allowed). */
export function addDays(date: string, days: number): string {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days)).toISOString().slice(0, 10);
}

/** Offset of `tz` from UTC at instant `ms`, in milliseconds (positive east of Greenwich). */
function offsetMs(ms: number, tz: string): number {
  const w = wallClock(ms, tz);
  const asUtc = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
  return asUtc - (ms - (ms % 1000));
}

/**
 * The instant at which wall-clock `date`/`time` begins in `tz`. When the wall time does not exist (spring-forward gap)
 * the instant after the gap is returned, which is what a calendar does with a midnight that is skipped.
 */
export function zonedTimeToUtc(date: string, tz: string, time = '00:00:00'): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a date: ${date}`);
  const [hh = '0', mm = '0', ss = '0'] = time.split(':');
  const naive = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(hh), Number(mm), Number(ss));
  // Two passes settle DST: the offset at the first guess may differ from the offset at the answer.
  let guess = naive - offsetMs(naive, tz);
  guess = naive - offsetMs(guess, tz);
  return guess;
}

/** Whole-second UTC ISO string (`2025-01-21T09:00:00Z`), the form Cronofy uses for `Time` values. */
export function toCronofyTime(ms: number): string {
  return new Date(ms - (((ms % 1000) + 1000) % 1000)).toISOString().replace('.000Z', 'Z');
}
