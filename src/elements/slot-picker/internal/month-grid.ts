/**
 * DOM-free calendar model of the slot picker: plain calendar dates, the weeks of a month, slots grouped by the day
 * they fall on in the applicant's zone, and keyboard movement in the month grid.
 *
 * Invariants: a `PlainDate` is a zone-free calendar date `YYYY-MM-DD`; all arithmetic on it is done in UTC so no
 * host zone or DST can shift a day. Instants (slot starts) only become dates through `zonedDate(instant, zone)`.
 * Weeks start on Monday (ISO 8601, the German and European convention). Every function is pure: inputs are never
 * mutated and nothing reads the clock.
 */
import type { PublicSlot } from '../../../shared/api/public-booking.js';

/** A calendar date without zone, `YYYY-MM-DD`. */
export type PlainDate = string;

/** Keys the month grid reacts to. */
export const GRID_KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'PageUp', 'PageDown', 'Home', 'End'] as const;
export type GridKey = (typeof GRID_KEYS)[number];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

const utc = (d: PlainDate): Date => new Date(`${d}T00:00:00Z`);
const fromUtc = (t: Date): PlainDate => t.toISOString().slice(0, 10);

export const isGridKey = (key: string): key is GridKey => (GRID_KEYS as readonly string[]).includes(key);

export function addDays(d: PlainDate, n: number): PlainDate {
  const t = utc(d);
  t.setUTCDate(t.getUTCDate() + n);
  return fromUtc(t);
}

/** Same day of another month, clamped to that month's length (31 January + 1 month = 28/29 February). */
export function addMonths(d: PlainDate, n: number): PlainDate {
  const [y, m, day] = d.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + n, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, last));
  return fromUtc(first);
}

/** ISO weekday: Monday 1 … Sunday 7. */
export const isoWeekday = (d: PlainDate): number => utc(d).getUTCDay() || 7;

export const startOfWeek = (d: PlainDate): PlainDate => addDays(d, 1 - isoWeekday(d));
export const endOfWeek = (d: PlainDate): PlainDate => addDays(d, 7 - isoWeekday(d));

/** `YYYY-MM-01` of the date's month. */
export const monthStart = (d: PlainDate): PlainDate => `${d.slice(0, 7)}-01`;

export const clampDate = (d: PlainDate, min: PlainDate, max: PlainDate): PlainDate =>
  d < min ? min : d > max ? max : d;

/**
 * The weeks of the month containing `d`, Monday first, each exactly 7 entries; days of neighbouring months are
 * `null` so the grid shows only one month and row counts stay stable per month.
 */
export function monthWeeks(d: PlainDate): (PlainDate | null)[][] {
  const first = monthStart(d);
  const month = first.slice(0, 7);
  const weeks: (PlainDate | null)[][] = [];
  for (let day = startOfWeek(first); day.slice(0, 7) <= month; day = addDays(day, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => {
      const x = addDays(day, i);
      return x.slice(0, 7) === month ? x : null;
    }));
  }
  return weeks;
}

// Constructing Intl.DateTimeFormat is costly (~0.1 ms); slot lists run into the hundreds, so keep one per zone.
// The cache only ever maps a zone name to an immutable formatter, so sharing it across instances is safe.
const dateParts = new Map<string, Intl.DateTimeFormat>();

/** Calendar date of an instant in an IANA zone. Throws RangeError for an unknown zone. */
export function zonedDate(instant: string | number | Date, zone: string): PlainDate {
  let f = dateParts.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateParts.set(zone, f);
  }
  const p: Record<string, string> = {};
  for (const { type, value } of f.formatToParts(new Date(instant))) p[type] = value;
  return `${pad(Number(p['year']), 4)}-${p['month']}-${p['day']}`;
}

/** Slots grouped by their local start date in `zone`, each day's slots sorted by start. The input is not touched. */
export function groupSlotsByDay(slots: readonly PublicSlot[], zone: string): Map<PlainDate, PublicSlot[]> {
  const byDay = new Map<PlainDate, PublicSlot[]>();
  for (const slot of [...slots].sort((a, b) => Date.parse(a.start) - Date.parse(b.start))) {
    const day = zonedDate(slot.start, zone);
    const list = byDay.get(day);
    if (list) list.push(slot);
    else byDay.set(day, [slot]);
  }
  return byDay;
}

/**
 * Where focus goes in the month grid for a key: arrows ±1 day (mirrored in right-to-left), up/down ±1 week,
 * PageUp/PageDown ±1 month, Home/End the start/end of the week. The result is clamped to [min, max] so focus never
 * lands in a month the picker cannot show.
 */
export function moveDate(
  d: PlainDate,
  key: GridKey,
  bounds: { min: PlainDate; max: PlainDate; rtl?: boolean },
): PlainDate {
  const back = bounds.rtl ? 1 : -1;
  const next: Record<GridKey, () => PlainDate> = {
    ArrowLeft: () => addDays(d, back),
    ArrowRight: () => addDays(d, -back),
    ArrowUp: () => addDays(d, -7),
    ArrowDown: () => addDays(d, 7),
    PageUp: () => addMonths(d, -1),
    PageDown: () => addMonths(d, 1),
    Home: () => startOfWeek(d),
    End: () => endOfWeek(d),
  };
  return clampDate(next[key](), bounds.min, bounds.max);
}

/**
 * The day to show first: the selected day if still in range, else the first day with slots, else the first day of
 * the period (or today, when the period started in the past).
 */
export function initialDate(
  byDay: ReadonlyMap<PlainDate, readonly PublicSlot[]>,
  bounds: { min: PlainDate; max: PlainDate },
  today: PlainDate,
  previous?: PlainDate,
): PlainDate {
  if (previous && byDay.has(previous)) return previous;
  const first = [...byDay.keys()].sort()[0];
  return first ?? clampDate(today, bounds.min, bounds.max);
}
