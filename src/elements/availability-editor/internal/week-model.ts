/**
 * The availability editor's model, DOM-free: a week is seven lists of minute spans `[start, end)` after local
 * midnight; the grid's 30-minute cells are a view of it (on, off, or partly covered), and painting adds or removes
 * whole cells. Converting to and from the wire's `HH:mm` ranges, keyboard movement in the grid, validation of
 * ranges and date overrides with the server's rules, and a stable serialisation for `value` live here too.
 *
 * Invariants: every function is pure (inputs are never mutated); a `Week`'s spans are sorted, non-overlapping and
 * non-touching (touching spans are merged), so equal availability has one representation; minutes outside the
 * cells shown, and edges that are not on a half hour, survive painting untouched elsewhere. Validation mirrors
 * `src/shared/api/users.ts` (start before end, `24:00` only as an end, no overlaps within a day — touching is fine,
 * dates real and unique) without importing zod into the browser.
 */
import { isValidDate } from '../../../shared/time.js';

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];
export const CELL_MINUTES = 30;
export const CELLS_PER_DAY = 48;

/** Minutes after local midnight, `[start, end)`, `0 <= start < end <= 1440`. */
export interface Span {
  readonly start: number;
  readonly end: number;
}
export type Week = Readonly<Record<Day, readonly Span[]>>;

export interface WallRange {
  start: string;
  end: string;
}
export interface WeeklyRange extends WallRange {
  day: Day;
}
export interface DateOverride {
  date: string;
  /** Empty: not available on this date. */
  intervals: WallRange[];
}
export interface AvailabilityValue {
  weeklyHours: WeeklyRange[];
  dateOverrides: DateOverride[];
}

/** The spec's default: Monday to Friday, 09:00 to 17:00. */
export const DEFAULT_WEEKLY: readonly WeeklyRange[] = DAYS.slice(0, 5).map((day) => ({ day, start: '09:00', end: '17:00' }));

// ---- wall times -------------------------------------------------------------------------------------------------

const WALL = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Minutes of an `HH:mm` wall time; `24:00` (1440) only as an end; NaN for anything else. */
export function parseWall(text: string, end = false): number {
  if (end && text === '24:00') return 1440;
  const m = WALL.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
}

export function formatWall(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

// ---- spans ------------------------------------------------------------------------------------------------------

/** Sorted, with overlapping and touching spans merged; empty spans dropped. */
export function normalize(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) out[out.length - 1] = { start: last.start, end: Math.max(last.end, s.end) };
    else out.push({ start: s.start, end: s.end });
  }
  return out;
}

export function addSpan(spans: readonly Span[], add: Span): Span[] {
  return normalize([...spans, add]);
}

export function removeSpan(spans: readonly Span[], cut: Span): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    if (s.end <= cut.start || s.start >= cut.end) out.push(s);
    else {
      if (s.start < cut.start) out.push({ start: s.start, end: cut.start });
      if (s.end > cut.end) out.push({ start: cut.end, end: s.end });
    }
  }
  return out;
}

export function emptyWeek(): Week {
  return { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
}

/** A week from wire ranges; ranges that do not parse are skipped (validate first), overlapping ones merged. */
export function weekFromRanges(ranges: readonly WeeklyRange[]): Week {
  const week: Record<Day, Span[]> = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
  for (const r of ranges) {
    const start = parseWall(r.start);
    const end = parseWall(r.end, true);
    if (DAYS.includes(r.day) && start < end) week[r.day].push({ start, end });
  }
  for (const d of DAYS) week[d] = normalize(week[d]);
  return week;
}

/** Wire ranges in weekday, then start order. */
export function rangesFromWeek(week: Week): WeeklyRange[] {
  return DAYS.flatMap((day) => week[day].map((s) => ({ day, start: formatWall(s.start), end: formatWall(s.end) })));
}

export function sameWeek(a: Week, b: Week): boolean {
  return DAYS.every((d) => a[d].length === b[d].length && a[d].every((s, i) => s.start === b[d][i]!.start && s.end === b[d][i]!.end));
}

export function isEmptyWeek(week: Week): boolean {
  return DAYS.every((d) => week[d].length === 0);
}

/** Whether any available time lies outside the cells `[firstCell, lastCell]` shown. */
export function hasHoursOutside(week: Week, firstCell: number, lastCell: number): boolean {
  const from = firstCell * CELL_MINUTES;
  const to = (lastCell + 1) * CELL_MINUTES;
  return DAYS.some((d) => week[d].some((s) => s.start < from || s.end > to));
}

// ---- cells ------------------------------------------------------------------------------------------------------

export type CellState = 'on' | 'off' | 'partial';

/** A grid position: `day` 0 (Monday) to 6, `cell` 0 (00:00–00:30) to 47. */
export interface Pos {
  readonly day: number;
  readonly cell: number;
}

export function cellState(spans: readonly Span[], cell: number): CellState {
  const from = cell * CELL_MINUTES;
  const to = from + CELL_MINUTES;
  let covered = 0;
  for (const s of spans) covered += Math.max(0, Math.min(s.end, to) - Math.max(s.start, from));
  return covered === 0 ? 'off' : covered >= CELL_MINUTES ? 'on' : 'partial';
}

export function stateAt(week: Week, pos: Pos): CellState {
  return cellState(week[DAYS[pos.day]!], pos.cell);
}

/**
 * Paint (or erase) the rectangle between two cells, inclusive, on top of `base`: days between the two columns,
 * times between the two rows. Drag and Shift+arrow painting always repaint from the week as it was when the gesture
 * began, so shrinking the rectangle gives back what was there.
 */
export function paintRect(base: Week, a: Pos, b: Pos, on: boolean): Week {
  const span = { start: Math.min(a.cell, b.cell) * CELL_MINUTES, end: (Math.max(a.cell, b.cell) + 1) * CELL_MINUTES };
  const out: Record<Day, readonly Span[]> = { ...base };
  for (let d = Math.min(a.day, b.day); d <= Math.max(a.day, b.day); d++) {
    const day = DAYS[d]!;
    out[day] = on ? addSpan(base[day], span) : removeSpan(base[day], span);
  }
  return out;
}

/** Click or Space: a cell that is not fully available becomes available, an available one is cleared. */
export function toggleCell(week: Week, pos: Pos): { week: Week; on: boolean } {
  const on = stateAt(week, pos) !== 'on';
  return { week: paintRect(week, pos, pos, on), on };
}

// ---- keyboard ---------------------------------------------------------------------------------------------------

export const GRID_KEYS = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'] as const;
export type GridKey = (typeof GRID_KEYS)[number];
export const isGridKey = (key: string): key is GridKey => (GRID_KEYS as readonly string[]).includes(key);

/**
 * The cell a key leads to, inside the rows shown (`first`..`last` cells): Up/Down ±30 minutes, Left/Right ±1 day
 * (mirrored right-to-left), PageUp/PageDown ±2 hours, Home/End the first/last day of the row, with Ctrl the first/
 * last cell of the grid (the ARIA grid pattern). Movement stops at the edges rather than wrapping.
 */
export function moveCell(pos: Pos, key: GridKey, bounds: { first: number; last: number }, opts: { rtl?: boolean; ctrl?: boolean } = {}): Pos {
  const clampCell = (c: number) => Math.max(bounds.first, Math.min(bounds.last, c));
  const clampDay = (d: number) => Math.max(0, Math.min(6, d));
  const fwd = opts.rtl ? -1 : 1;
  switch (key) {
    case 'ArrowUp':
      return { day: pos.day, cell: clampCell(pos.cell - 1) };
    case 'ArrowDown':
      return { day: pos.day, cell: clampCell(pos.cell + 1) };
    case 'ArrowLeft':
      return { day: clampDay(pos.day - fwd), cell: pos.cell };
    case 'ArrowRight':
      return { day: clampDay(pos.day + fwd), cell: pos.cell };
    case 'PageUp':
      return { day: pos.day, cell: clampCell(pos.cell - 4) };
    case 'PageDown':
      return { day: pos.day, cell: clampCell(pos.cell + 4) };
    case 'Home':
      return opts.ctrl ? { day: 0, cell: bounds.first } : { day: 0, cell: pos.cell };
    case 'End':
      return opts.ctrl ? { day: 6, cell: bounds.last } : { day: 6, cell: pos.cell };
  }
}

// ---- validation -------------------------------------------------------------------------------------------------

export type RangeIssueCode = 'time' | 'order' | 'overlap';
export interface RangeIssue {
  index: number;
  field: 'start' | 'end';
  code: RangeIssueCode;
}

/**
 * Problems of one day's ranges, each reported once on the field to fix: a missing or malformed time, an end not
 * after its start, or a range that overlaps an earlier-starting one (touching ranges do not overlap).
 */
export function rangeIssues(ranges: readonly WallRange[]): RangeIssue[] {
  const issues: RangeIssue[] = [];
  const ok: { i: number; s: number; e: number }[] = [];
  ranges.forEach((r, i) => {
    const s = parseWall(r.start);
    const e = parseWall(r.end, true);
    if (Number.isNaN(s)) issues.push({ index: i, field: 'start', code: 'time' });
    else if (Number.isNaN(e)) issues.push({ index: i, field: 'end', code: 'time' });
    else if (e <= s) issues.push({ index: i, field: 'end', code: 'order' });
    else ok.push({ i, s, e });
  });
  ok.sort((a, b) => a.s - b.s || a.e - b.e || a.i - b.i);
  let reach = Number.NEGATIVE_INFINITY;
  for (const r of ok) {
    if (r.s < reach) issues.push({ index: r.i, field: 'start', code: 'overlap' });
    reach = Math.max(reach, r.e);
  }
  return issues.sort((a, b) => a.index - b.index);
}

export type OverrideIssue =
  | { override: number; field: 'date'; code: 'date' | 'duplicate' }
  | { override: number; interval: number; field: 'start' | 'end'; code: RangeIssueCode };

/** Problems of the date overrides: real, unique dates and valid, non-overlapping intervals per date. */
export function overrideIssues(overrides: readonly DateOverride[]): OverrideIssue[] {
  const seen = new Set<string>();
  const issues: OverrideIssue[] = [];
  overrides.forEach((o, i) => {
    if (!isValidDate(o.date)) issues.push({ override: i, field: 'date', code: 'date' });
    else if (seen.has(o.date)) issues.push({ override: i, field: 'date', code: 'duplicate' });
    seen.add(o.date);
    for (const r of rangeIssues(o.intervals)) issues.push({ override: i, interval: r.index, field: r.field, code: r.code });
  });
  return issues;
}

// ---- value ------------------------------------------------------------------------------------------------------

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isWall = (v: unknown): v is WallRange => isRecord(v) && typeof v['start'] === 'string' && typeof v['end'] === 'string';

/**
 * Reads a `value` string. `null` when it is not JSON of the shape `{ weeklyHours, dateOverrides }` or a weekly
 * range is malformed (end not after start, unknown day): weekly ranges are shown only as cells, so a broken one
 * could not be shown or fixed. Override problems are kept, because the override fields show and fix them.
 */
export function parseValue(text: string): AvailabilityValue | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(raw)) return null;
  const weekly = raw['weeklyHours'] ?? [];
  const overrides = raw['dateOverrides'] ?? [];
  if (!Array.isArray(weekly) || !Array.isArray(overrides)) return null;
  const weeklyHours: WeeklyRange[] = [];
  for (const r of weekly as unknown[]) {
    const day = isRecord(r) ? r['day'] : undefined;
    if (!isWall(r) || !DAYS.includes(day as Day) || rangeIssues([r]).length) return null;
    weeklyHours.push({ day: day as Day, start: r.start, end: r.end });
  }
  const dateOverrides: DateOverride[] = [];
  for (const o of overrides) {
    if (!isRecord(o) || typeof o['date'] !== 'string' || !Array.isArray(o['intervals']) || !o['intervals'].every(isWall)) return null;
    dateOverrides.push({ date: o['date'], intervals: (o['intervals'] as WallRange[]).map((r) => ({ start: r.start, end: r.end })) });
  }
  return { weeklyHours, dateOverrides };
}

/** The overrides in date order with their intervals by start, as the server stores them. */
export function sortOverrides(overrides: readonly DateOverride[]): DateOverride[] {
  return [...overrides]
    .map((o) => ({ date: o.date, intervals: [...o.intervals].sort((a, b) => a.start.localeCompare(b.start)) }))
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** The one `value` string for a week and its overrides; equal availability gives an equal string. */
export function serializeValue(week: Week, overrides: readonly DateOverride[]): string {
  return JSON.stringify({ weeklyHours: rangesFromWeek(week), dateOverrides: sortOverrides(overrides) });
}
