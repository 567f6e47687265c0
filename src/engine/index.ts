/**
 * The slot engine: `computeSlots(query)` turns availability rules, busy times and rooms into bookable slots.
 *
 * Semantics (each one is pinned by a table test in test/engine/):
 * - A candidate start `t` is offered when `window.start ≤ t`, `t + duration ≤ window.end`, `t ≥ now + minNotice`, and
 *   `t`'s wall-clock time in the query's `timeZone` (hour × 60 + minute, seconds 0) is a multiple of
 *   `intervalMinutes`, counted from local midnight each day.
 * - A participant is free for `[t, t + duration)` when that interval lies inside its availability and
 *   `[t − bufferBefore, t + duration + bufferAfter)` overlaps none of its busy intervals. Availability comes from
 *   `weeklyHours` expanded per local date in the participant's own zone, except that a date listed in `dateOverrides`
 *   uses its `intervals` instead (empty list = unavailable that day). `'24:00'` is allowed as an end. `weeklyHours`
 *   absent = available around the clock; present but empty = never available. Overlapping or touching ranges are
 *   merged, including across midnight, so a meeting may span two ranges that touch.
 * - All intervals are half-open `[start, end)`: touching is not overlapping. Busy intervals may overlap, nest, touch,
 *   be empty or arrive unsorted.
 * - DST: a wall time that does not exist moves forward by the gap (02:30 on the spring-forward day in Berlin is 03:30
 *   CEST); a repeated wall time means the earlier instant. Both apply to weekly hours, overrides and slot alignment:
 *   on a fall-back day the repeated aligned times are offered once (first occurrence), and a range whose ends cross
 *   under the policy (02:30–03:00 on a spring-forward day) is empty.
 * - `required`: `'all'`, or N = at least N participants free. `participantIds` lists every free participant in input
 *   order, also when more than N are free.
 * - Rooms: with `roomRequired`, a slot also needs a room whose busy intervals do not overlap `[t, t + duration)`
 *   (no buffers for rooms); `roomId` is the first such room in input order. Without `roomRequired`, rooms do not
 *   restrict slots and `roomId` is omitted (the room diagnostics are still computed).
 * - At most `maxResults` slots, earliest first; `truncated` says whether more matched.
 * - `diagnostics.candidateCount` counts candidate starts (first rule); each participant's and room's
 *   `freeCandidateCount` counts the candidates it alone was free for, over the whole window regardless of
 *   `maxResults`, so a UI can say "no common slot: Anna has no free time in this period".
 *
 * Purity: no I/O, no clock (`now` is an input), no environment, no host time zone, no mutation of the input. The only
 * module state is `shared/time.ts`'s cache of `Intl` formatters.
 *
 * Validation: `computeSlots` does not re-run `SlotQuerySchema` (on the large benchmark validation costs more than the
 * computation). It expects a query produced by `SlotQuerySchema.parse` (defaults applied); for anything else the result
 * is unspecified, though an unknown zone or malformed instant still throws a RangeError rather than looping.
 *
 * Cost: O(B log B + (C + A) · (P + R)) for B busy intervals, C candidates, A availability ranges, P participants and
 * R rooms, plus one `Intl` call per three days of window per distinct zone (offset tables), none per candidate.
 */
import { participantFreeRanges, busyRanges } from './availability.js';
import { candidateStarts } from './candidates.js';
import { subtractRanges, type RangeSet } from './ranges.js';
import { sweep } from './slots.js';
import { DAY_MS, MINUTE_MS, createZoneOffsetTable, parseInstant, type ZoneOffsetTable } from '../shared/time.js';
import type { SlotQuery, SlotResult } from '../shared/slot-query.js';

export type { Slot, SlotQuery, SlotQueryInput, SlotResult } from '../shared/slot-query.js';

export function computeSlots(query: SlotQuery): SlotResult {
  const durationMs = query.durationMinutes * MINUTE_MS;
  const windowStart = parseInstant(query.window.start);
  const windowEnd = parseInstant(query.window.end);
  const earliest = parseInstant(query.now) + query.minNoticeMinutes * MINUTE_MS;
  // Candidate starts lie in [lo, hi]; every meeting lies in [lo, hi + duration).
  const lo = Math.max(windowStart, earliest);
  const hi = windowEnd - durationMs;

  const participantIds = query.participants.map((p) => p.id);
  const roomIds = query.rooms.map((r) => r.id);
  if (hi < lo) {
    return {
      slots: [],
      truncated: false,
      diagnostics: {
        candidateCount: 0,
        participants: participantIds.map((id) => ({ id, freeCandidateCount: 0 })),
        rooms: roomIds.map((id) => ({ id, freeCandidateCount: 0 })),
      },
    };
  }

  // One offset table per distinct zone, covering every wall time the query can resolve.
  const tables = new Map<string, ZoneOffsetTable>();
  const tableFor = (zone: string): ZoneOffsetTable => {
    let table = tables.get(zone);
    if (table === undefined) {
      table = createZoneOffsetTable(zone, lo - 2 * DAY_MS, hi + durationMs + 2 * DAY_MS);
      tables.set(zone, table);
    }
    return table;
  };

  const candidates = candidateStarts(tableFor(query.timeZone), query.intervalMinutes, lo, hi);
  const bufferBeforeMs = query.bufferBeforeMinutes * MINUTE_MS;
  const bufferAfterMs = query.bufferAfterMinutes * MINUTE_MS;
  const participantFree = query.participants.map((p) =>
    participantFreeRanges(p, tableFor(p.timeZone), lo, hi + durationMs, bufferBeforeMs, bufferAfterMs),
  );
  const span: RangeSet = Float64Array.of(lo, hi + durationMs);
  const roomFree = query.rooms.map((r) => subtractRanges(span, busyRanges(r.busy, 0, 0)));

  const result = sweep({
    candidates,
    durationMs,
    participantIds,
    participantFree,
    required: query.required === 'all' ? query.participants.length : query.required,
    roomIds,
    roomFree,
    roomRequired: query.roomRequired,
    maxResults: query.maxResults,
  });
  return {
    slots: result.slots,
    truncated: result.truncated,
    diagnostics: {
      candidateCount: candidates.length,
      participants: participantIds.map((id, i) => ({ id, freeCandidateCount: result.participantFreeCounts[i]! })),
      rooms: roomIds.map((id, i) => ({ id, freeCandidateCount: result.roomFreeCounts[i]! })),
    },
  };
}
