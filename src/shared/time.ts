/**
 * Zoned-time helpers shared by the engine, the server and the elements: IANA zone validation, wall time ↔ instant,
 * calendar-date arithmetic on `YYYY-MM-DD` strings and a fast strict ISO-instant codec.
 *
 * Invariants: isomorphic (no DOM, no `node:*`) and independent of the host's time zone: every conversion goes through
 * `Intl.DateTimeFormat` with an explicit `timeZone` or through plain epoch arithmetic, never through `Date`'s local
 * getters. Instants are epoch milliseconds; a "wall" value is local time encoded as if it were UTC epoch milliseconds
 * (so `2026-03-29 02:30` is `Date.UTC(2026, 2, 29, 2, 30)` whatever the zone), which keeps date arithmetic exact.
 *
 * DST policy (one place, used by every caller): a wall time that does not exist (spring-forward gap) moves forward by
 * the length of the gap (Berlin 2026-03-29 02:30 → 03:30 CEST); a wall time that occurs twice (fall-back overlap) means
 * the earlier instant (Berlin 2026-10-25 02:30 → 02:30 CEST = 00:30Z). This is Temporal's `disambiguation: 'compatible'`.
 * The resolution samples offsets one day either side of the wall time, so it assumes no zone changes its offset twice
 * within 48 hours; tzdb has no such pair of transitions from 1970 to 2039 (the closest pair is 165 hours apart, found
 * by scanning every zone Node's ICU knows at 3-hour resolution).
 *
 * Formatters are cached per zone because offset lookups are the hot path; only zones that `Intl` accepted are cached,
 * so hostile input cannot grow the cache.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** Weekday names in `Date#getUTCDay` order: index 0 is Sunday. */
export const WEEKDAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** Wall-clock fields of an instant in a zone. `weekday` is 0–6 with 0 = Sunday; `weekdayName` is the same day. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
  weekdayName: WeekdayName;
}

// ---------------------------------------------------------------------------------------------------------------
// Calendar arithmetic (proleptic Gregorian, no Date objects: `Date.UTC` maps years 0–99 to 1900–1999).

/** Days since 1970-01-01 of a civil date (Hinnant's `days_from_civil`); valid for every year. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Inverse of {@link daysFromCivil}. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD` (so `2026-02-30` is false). */
export function isValidDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (m === null) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(Number(m[1]), month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. Throws a RangeError on anything else. */
export function epochDayOfDate(date: string): number {
  if (!isValidDate(date)) throw new RangeError(`invalid date '${date}' (expected YYYY-MM-DD)`);
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** `YYYY-MM-DD` of a day count since 1970-01-01 (years 0–9999). */
export function dateOfEpochDay(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

/** Calendar-date arithmetic: `addDays('2026-03-28', 2)` is `'2026-03-30'`, with no time zone involved. */
export function addDays(date: string, n: number): string {
  return dateOfEpochDay(epochDayOfDate(date) + n);
}

/** Weekday (0 = Sunday) of a day count since 1970-01-01, which was a Thursday. */
export function weekdayOfEpochDay(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

/** Weekday (0 = Sunday) of a `YYYY-MM-DD` date. */
export function weekdayOfDate(date: string): number {
  return weekdayOfEpochDay(epochDayOfDate(date));
}

const WALL_TIME_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * Minutes after local midnight of an `HH:mm` wall time, 0–1439; `'24:00'` (1440, next day's midnight) only when
 * `allowEndOfDay`. Throws a RangeError on anything else.
 */
export function wallTimeToMinutes(time: string, allowEndOfDay = false): number {
  if (allowEndOfDay && time === '24:00') return 1440;
  const m = WALL_TIME_RE.exec(time);
  if (m === null) throw new RangeError(`invalid wall time '${time}' (expected HH:mm)`);
  return Number(m[1]) * 60 + Number(m[2]);
}

// ---------------------------------------------------------------------------------------------------------------
// Zones and offsets.

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatterCache.get(zone);
  if (f === undefined) {
    // Throws RangeError for an unknown zone; nothing is cached then.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatterCache.set(zone, f);
  }
  return f;
}

/**
 * True when `zone` is an IANA time zone name this runtime knows (`Europe/Berlin`, `UTC`, aliases such as
 * `Asia/Calcutta`). Offset strings like `+01:00` are refused even where a newer `Intl` would accept them, so the
 * browser and the server agree.
 */
export function isValidTimeZone(zone: string): boolean {
  if (formatterCache.has(zone)) return true;
  if (zone.length === 0 || zone.length > 64 || zone[0] === '+' || zone[0] === '-') return false;
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

const fieldScratch = [0, 0, 0, 0, 0, 0];

/**
 * Fills `fieldScratch` with month, day, year, hour, minute, second of `ms` in `zone`. Parsing `format()` output by
 * digit runs is ~3× faster than `formatToParts()` and independent of the separators ICU chooses.
 */
function readFields(ms: number, zone: string): void {
  const f = formatterFor(zone);
  const s = f.format(ms);
  let k = 0;
  let acc = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) {
      acc = acc < 0 ? c : acc * 10 + c;
    } else if (acc >= 0) {
      if (k < 6) fieldScratch[k] = acc;
      k++;
      acc = -1;
    }
  }
  if (acc >= 0) {
    if (k < 6) fieldScratch[k] = acc;
    k++;
  }
  if (k !== 6) readFieldsFromParts(f, ms);
  // Some engines print midnight as 24 even with h23; the date shown is then already the right one.
  if (fieldScratch[3] === 24) fieldScratch[3] = 0;
}

function readFieldsFromParts(f: Intl.DateTimeFormat, ms: number): void {
  const order: Record<string, number> = { month: 0, day: 1, year: 2, hour: 3, minute: 4, second: 5 };
  for (const p of f.formatToParts(ms)) {
    const i = order[p.type];
    if (i !== undefined) fieldScratch[i] = Number(p.value);
  }
}

/**
 * UTC offset of `zone` at instant `ms`, in milliseconds (wall − UTC): +3 600 000 for Berlin in winter,
 * +20 700 000 for Kathmandu.
 */
export function zoneOffsetAt(ms: number, zone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  readFields(whole, zone);
  const wall =
    daysFromCivil(fieldScratch[2]!, fieldScratch[0]!, fieldScratch[1]!) * DAY_MS +
    fieldScratch[3]! * HOUR_MS +
    fieldScratch[4]! * MINUTE_MS +
    fieldScratch[5]! * 1000;
  return wall - whole;
}

/** Local wall value (see module header) of instant `ms` in `zone`. */
export function instantToWall(ms: number, zone: string): number {
  return ms + zoneOffsetAt(ms, zone);
}

/** Wall-clock fields of instant `ms` in `zone`. */
export function instantToZonedParts(ms: number, zone: string): ZonedParts {
  const wall = instantToWall(ms, zone);
  const days = Math.floor(wall / DAY_MS);
  const rest = wall - days * DAY_MS;
  const { year, month, day } = civilFromDays(days);
  const weekday = weekdayOfEpochDay(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(rest / HOUR_MS),
    minute: Math.floor((rest % HOUR_MS) / MINUTE_MS),
    second: Math.floor((rest % MINUTE_MS) / 1000),
    weekday,
    weekdayName: WEEKDAY_NAMES[weekday]!,
  };
}

/** Local calendar date `YYYY-MM-DD` of instant `ms` in `zone`. */
export function localDate(ms: number, zone: string): string {
  return dateOfEpochDay(Math.floor(instantToWall(ms, zone) / DAY_MS));
}

/**
 * Resolves a wall value to an instant with the module's DST policy, given any offset function of the zone.
 * Samples the offset a day before and after (every real offset is within ±18 h, so the true instant lies strictly
 * between), tries both, and prefers the earlier valid one; if neither is valid the wall time is in a gap and is
 * read with the offset from before the gap, which lands `gap` later on the clock.
 */
export function resolveWall(wall: number, offsetAt: (ms: number) => number): number {
  const before = offsetAt(wall - DAY_MS);
  const after = offsetAt(wall + DAY_MS);
  const x1 = wall - before;
  // Same offset on both sides: no transition nearby (two within two days do not occur, see header).
  if (before === after) return x1;
  const x2 = wall - after;
  const v1 = offsetAt(x1) === before;
  const v2 = offsetAt(x2) === after;
  if (v1 && v2) return Math.min(x1, x2);
  if (v1) return x1;
  if (v2) return x2;
  return x1;
}

/**
 * The instant at which the wall clock in `zone` shows `time` on `date`, with the DST policy of the module header.
 * `time` is `HH:mm`; `'24:00'` means 00:00 of the next day.
 */
export function zonedWallTimeToInstant(date: string, time: string, zone: string): number {
  const wall = epochDayOfDate(date) * DAY_MS + wallTimeToMinutes(time, true) * MINUTE_MS;
  formatterFor(zone); // unknown zone → RangeError here, not deep inside
  return resolveWall(wall, (ms) => zoneOffsetAt(ms, zone));
}

/** The instant local `date` begins in `zone`: 00:00, or the end of the gap where midnight is skipped. */
export function startOfLocalDay(date: string, zone: string): number {
  return zonedWallTimeToInstant(date, '00:00', zone);
}

// ---------------------------------------------------------------------------------------------------------------
// Offset tables: the engine's way to avoid Intl calls per candidate.

/**
 * Offsets of one zone over a span, found once: `offsets[i]` holds from `transitions[i - 1]` (inclusive) to
 * `transitions[i]` (exclusive). Lookups outside `[from, to)` fall back to `Intl`, so a table is never wrong, only
 * slower outside its span.
 */
export interface ZoneOffsetTable {
  readonly zone: string;
  readonly from: number;
  readonly to: number;
  readonly transitions: readonly number[];
  readonly offsets: readonly number[];
}

/**
 * Builds the offset table of `zone` covering `[fromMs, toMs)` plus two days each side (what {@link resolveWall}
 * samples). Cost: one `Intl` call per sample step of span (see `sampleStep`) plus ~18 per transition (binary search
 * to the second).
 */
export function createZoneOffsetTable(zone: string, fromMs: number, toMs: number): ZoneOffsetTable {
  const from = Math.floor(fromMs / 1000) * 1000 - 2 * DAY_MS;
  const to = Math.ceil(toMs / 1000) * 1000 + 2 * DAY_MS;
  const transitions: number[] = [];
  let prevT = from;
  let prevO = zoneOffsetAt(from, zone);
  const offsets: number[] = [prevO];
  for (let t = from + sampleStep(from); ; t += sampleStep(t)) {
    const at = Math.min(t, to);
    const o = zoneOffsetAt(at, zone);
    if (o !== prevO) {
      // Smallest whole second in (prevT, at] whose offset differs from prevO; tzdb transitions are whole seconds.
      let lo = prevT;
      let hi = at;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (zoneOffsetAt(mid, zone) === prevO) lo = mid;
        else hi = mid;
      }
      transitions.push(hi);
      offsets.push(o);
    }
    prevT = at;
    prevO = o;
    if (at >= to) break;
  }
  return { zone, from, to, transitions, offsets };
}

const TZDB_CHECKED_FROM = Date.UTC(1970, 0, 1);
const TZDB_CHECKED_TO = Date.UTC(2040, 0, 1);

/**
 * Distance between offset samples. Equal samples are taken to mean "no transition in between", so the step must be
 * shorter than the closest pair of transitions: over 1970–2039 that is 165 h (America/Boa_Vista, 2000; found by
 * scanning every zone at 3-hour resolution), so three days is safe there; elsewhere one day, the same assumption
 * {@link resolveWall} makes.
 */
function sampleStep(t: number): number {
  return t >= TZDB_CHECKED_FROM && t < TZDB_CHECKED_TO ? 3 * DAY_MS : DAY_MS;
}

/** Offset of the table's zone at `ms` (exact; `Intl` outside the table's span). */
export function tableOffsetAt(table: ZoneOffsetTable, ms: number): number {
  if (ms < table.from || ms >= table.to) return zoneOffsetAt(ms, table.zone);
  const tr = table.transitions;
  // Tables hold a handful of transitions (two a year), so a linear scan beats a binary search.
  let i = 0;
  while (i < tr.length && tr[i]! <= ms) i++;
  return table.offsets[i]!;
}

/**
 * {@link resolveWall} against a table: the engine's wall → instant conversion, no `Intl` inside the span. Away from
 * transitions a wall time belongs to exactly one offset segment (segment i covers walls from the previous
 * transition's ambiguous stretch to the next one's), so it converts with that segment's offset; only walls inside a
 * gap or overlap stretch, or near the table's edges, take the general path.
 */
export function tableWallToInstant(table: ZoneOffsetTable, wall: number): number {
  if (wall - 2 * DAY_MS < table.from || wall + 2 * DAY_MS >= table.to) {
    return resolveWall(wall, (ms) => tableOffsetAt(table, ms));
  }
  const tr = table.transitions;
  const offsets = table.offsets;
  for (let i = 0; i < tr.length; i++) {
    const a = offsets[i]!;
    const b = offsets[i + 1]!;
    if (wall < tr[i]! + (a < b ? a : b)) return wall - a;
    if (wall < tr[i]! + (a < b ? b : a)) return resolveWall(wall, (ms) => tableOffsetAt(table, ms));
  }
  return wall - offsets[tr.length]!;
}

// ---------------------------------------------------------------------------------------------------------------
// ISO instants.

/**
 * Epoch milliseconds of a UTC ISO-8601 instant `YYYY-MM-DDTHH:mm:ss(.f+)?Z` (the wire format; fractions beyond
 * milliseconds are truncated). A hand-written reader because `Date.parse` dominated the engine's profile. A string of
 * that shape with impossible fields throws a RangeError; other shapes fall back to `Date.parse` (RangeError if NaN).
 */
export function parseInstant(iso: string): number {
  const n = iso.length;
  if (n >= 20 && iso.charCodeAt(n - 1) === 90 && iso.charCodeAt(4) === 45 && iso.charCodeAt(7) === 45 &&
    iso.charCodeAt(10) === 84 && iso.charCodeAt(13) === 58 && iso.charCodeAt(16) === 58) {
    const year = digit(iso, 0) * 1000 + digit(iso, 1) * 100 + digit(iso, 2) * 10 + digit(iso, 3);
    const month = digit(iso, 5) * 10 + digit(iso, 6);
    const day = digit(iso, 8) * 10 + digit(iso, 9);
    const hour = digit(iso, 11) * 10 + digit(iso, 12);
    const minute = digit(iso, 14) * 10 + digit(iso, 15);
    const second = digit(iso, 17) * 10 + digit(iso, 18);
    let ms = 0;
    // A non-digit makes `digit` return NaN, and every comparison below fails.
    let ok = month >= 1 && month <= 12 && day >= 1 && hour <= 23 && minute <= 59 && second <= 59 && year >= 0;
    if (ok && n > 20) {
      ok = iso.charCodeAt(19) === 46 && n > 21;
      for (let i = 20; ok && i < n - 1; i++) {
        const c = digit(iso, i);
        if (!(c >= 0)) ok = false;
        else if (i < 23) ms += c * (i === 20 ? 100 : i === 21 ? 10 : 1);
      }
    } else if (ok) {
      ok = n === 20;
    }
    // The wire shape with impossible fields (`2026-02-30`) is an error, not something for Date.parse to roll over.
    if (!ok || day > daysInMonth(year, month)) throw new RangeError(`invalid instant '${iso}'`);
    return daysFromCivil(year, month, day) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + ms;
  }
  const parsed = Date.parse(iso);
  if (Number.isNaN(parsed)) throw new RangeError(`invalid instant '${iso}'`);
  return parsed;
}

/** Value of the ASCII digit at `i`, NaN for anything else. */
function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

/** UTC ISO-8601 of epoch ms: `2026-03-23T09:00:00Z`, with `.sss` only when the milliseconds are not zero. */
export function formatInstant(ms: number): string {
  const days = Math.floor(ms / DAY_MS);
  const rest = ms - days * DAY_MS;
  const { year, month, day } = civilFromDays(days);
  const h = Math.floor(rest / HOUR_MS);
  const mi = Math.floor((rest % HOUR_MS) / MINUTE_MS);
  const s = Math.floor((rest % MINUTE_MS) / 1000);
  const frac = rest % 1000;
  const base = `${pad4(year)}-${pad2(month)}-${pad2(day)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}`;
  return frac === 0 ? `${base}Z` : `${base}.${String(frac).padStart(3, '0')}Z`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return n >= 1000 ? String(n) : String(n).padStart(4, '0');
}
