/**
 * Stage one of the engine: a participant's rules (weekly hours, date overrides, busy intervals, buffers) → the
 * `RangeSet` of instants at which the participant can be in a meeting.
 *
 * Invariants: weekly hours are expanded per local date in the participant's own zone, a date listed in
 * `dateOverrides` uses its intervals instead (empty = unavailable that day), absent weekly hours mean 00:00–24:00
 * every day and an empty list means never. Wall times become instants through the zone's offset table with the DST
 * policy of `shared/time.ts` (gap → forward by the gap, overlap → earlier instant); a range whose ends cross under
 * that policy (e.g. 02:30–03:00 on a spring-forward night) is empty. Ranges are converted one by one and only then
 * merged as instants (overlapping weekly ranges are fine); ranges of consecutive days that touch are joined,
 * so a meeting may run across midnight when both days allow it. Busy intervals are widened by the buffers
 * (`[s − after, e + before)`: a meeting `[t, t + d)` with buffers overlaps busy `[s, e)` exactly when `[t − before,
 * t + d + after)` does) and subtracted, so "free for the meeting" is "meeting inside one range of the result".
 */
import { normalizeRanges, subtractRanges, type RangeSet } from './ranges.js';
import {
  DAY_MS,
  MINUTE_MS,
  epochDayOfDate,
  parseInstant,
  tableWallToInstant,
  weekdayOfEpochDay,
  type ZoneOffsetTable,
} from '../shared/time.js';
import type { SlotParticipant } from '../shared/slot-query.js';

/** Index in `Date#getUTCDay` order (0 = Sunday) of the schema's weekday names. */
const WEEKDAY_INDEX: Readonly<Record<string, number>> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** Minutes of day `[start, end)` pairs, flattened. */
type DayRanges = readonly number[];

const ALL_DAY: DayRanges = [0, 1440];

function minutesOf(time: string): number {
  // The schema guarantees `HH:mm` or `24:00`; slicing is cheaper than a regex per range.
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * A day's ranges as minute pairs. Deliberately not merged in wall time: under the gap policy conversion is not
 * monotone (Sydney 2026-10-04: 00:00–03:00 ends at 16:00Z but 02:45–02:46 becomes 16:45Z–16:46Z), so ranges are
 * converted one by one and merged as instants.
 */
function dayRanges(ranges: readonly { start: string; end: string }[]): DayRanges {
  const out: number[] = [];
  for (const r of ranges) out.push(minutesOf(r.start), minutesOf(r.end));
  return out;
}

/**
 * Instants at which `participant` is available (before busy time), for the local dates of its zone that overlap
 * `[from, to)`.
 */
export function availabilityRanges(
  participant: SlotParticipant,
  table: ZoneOffsetTable,
  from: number,
  to: number,
): RangeSet {
  const weekly: DayRanges[] = [];
  for (let d = 0; d < 7; d++) weekly.push(participant.weeklyHours === undefined ? ALL_DAY : []);
  if (participant.weeklyHours !== undefined) {
    const byDay: { start: string; end: string }[][] = [[], [], [], [], [], [], []];
    for (const r of participant.weeklyHours) byDay[WEEKDAY_INDEX[r.day]!]!.push(r);
    for (let d = 0; d < 7; d++) weekly[d] = dayRanges(byDay[d]!);
  }
  const overrides = new Map<number, DayRanges>();
  for (const o of participant.dateOverrides) overrides.set(epochDayOfDate(o.date), dayRanges(o.intervals));

  // Local dates whose ranges can reach [from, to): offsets are within ±18 h, so one day of margin each side suffices.
  const firstDay = Math.floor(from / DAY_MS) - 1;
  const lastDay = Math.floor(to / DAY_MS) + 1;
  const starts: number[] = [];
  const ends: number[] = [];
  for (let day = firstDay; day <= lastDay; day++) {
    const ranges = overrides.get(day) ?? weekly[weekdayOfEpochDay(day)]!;
    const dayWall = day * DAY_MS;
    for (let i = 0; i < ranges.length; i += 2) {
      starts.push(tableWallToInstant(table, dayWall + ranges[i]! * MINUTE_MS));
      ends.push(tableWallToInstant(table, dayWall + ranges[i + 1]! * MINUTE_MS));
    }
  }
  return normalizeRanges(starts, ends);
}

/** Busy intervals widened by the buffers, in normal form. */
export function busyRanges(
  busy: readonly { start: string; end: string }[],
  bufferBeforeMs: number,
  bufferAfterMs: number,
): RangeSet {
  const n = busy.length;
  const starts = new Float64Array(n);
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const b = busy[i]!;
    const s = parseInstant(b.start);
    const e = parseInstant(b.end);
    // An empty busy interval blocks nothing, even with buffers: it overlaps no meeting.
    if (e > s) {
      starts[i] = s - bufferAfterMs;
      ends[i] = e + bufferBeforeMs;
    }
  }
  return normalizeRanges(starts, ends);
}

/** Instants at which `participant` can hold the meeting: availability minus buffered busy time. */
export function participantFreeRanges(
  participant: SlotParticipant,
  table: ZoneOffsetTable,
  from: number,
  to: number,
  bufferBeforeMs: number,
  bufferAfterMs: number,
): RangeSet {
  return subtractRanges(
    availabilityRanges(participant, table, from, to),
    busyRanges(participant.busy, bufferBeforeMs, bufferAfterMs),
  );
}
