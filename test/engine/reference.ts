/**
 * A deliberately simple, slow reference for `computeSlots`: it walks every minute. Property tests compare the real
 * engine with it on random queries.
 *
 * Invariants: shares no code with the engine or `src/shared/time.ts` (its own `Intl` formatter in another locale, its
 * own ISO handling), so a bug has to be made twice to go unnoticed. It knows the DST policy only as "walk the clock
 * minute by minute": a wall time resolves to the first minute at which the clock shows it, and a wall time the clock
 * skips resolves to the jump's instant plus its distance into the skipped stretch. It supports only whole-minute
 * instants and zones whose offsets are whole minutes (true for the zones and years the property tests draw).
 */
import type { Slot, SlotQuery, SlotResult } from '../../src/shared/slot-query.js';

const MIN = 60_000;
const DAY_MIN = 1440;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Per zone and UTC day (epoch minutes / 1440): local wall minute (local time as epoch minutes) of each minute. */
const wallBlocks = new Map<string, Int32Array>();

function wallBlock(zone: string, utcDay: number): Int32Array {
  const key = `${zone}|${utcDay}`;
  let block = wallBlocks.get(key);
  if (block !== undefined) return block;
  let f = formatters.get(zone);
  if (f === undefined) {
    // Swedish locale prints "2026-03-29 02:30:00": a different code path from the engine's en-US formatter.
    f = new Intl.DateTimeFormat('sv-SE', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  block = new Int32Array(DAY_MIN);
  for (let i = 0; i < DAY_MIN; i++) {
    const text = f.format((utcDay * DAY_MIN + i) * MIN);
    const m = /(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})/.exec(text);
    if (m === null) throw new Error(`reference cannot read '${text}'`);
    block[i] = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]! % 24, +m[5]!) / MIN;
  }
  wallBlocks.set(key, block);
  return block;
}

function wallAt(zone: string, minute: number): number {
  const day = Math.floor(minute / DAY_MIN);
  return wallBlock(zone, day)[minute - day * DAY_MIN]!;
}

function toMinute(iso: string): number {
  const ms = new Date(iso).getTime();
  if (ms % MIN !== 0) throw new Error(`reference supports whole minutes only: ${iso}`);
  return ms / MIN;
}

function toIso(minute: number): string {
  return new Date(minute * MIN).toISOString().replace('.000Z', 'Z');
}

/** Wall minute → instant minute for every wall time shown or skipped by the clock of `zone` during `[from, to)`. */
function resolutionMap(zone: string, from: number, to: number): Map<number, number> {
  const map = new Map<number, number>();
  let prev = wallAt(zone, from - 1);
  for (let t = from; t < to; t++) {
    const w = wallAt(zone, t);
    // The clock jumped forward: wall times prev+1 … w-1 were skipped; each moves forward by the jump.
    for (let s = prev + 1; s < w; s++) if (!map.has(s)) map.set(s, t + (s - (prev + 1)));
    if (!map.has(w)) map.set(w, t);
    prev = w;
  }
  return map;
}

/**
 * Reference DST policy for one wall time: `wall` is local time as epoch ms (see src/shared/time.ts); the result is
 * the instant the minute walk assigns to it. Used by the time-helper property tests.
 */
export function referenceWallToInstant(zone: string, wall: number): number {
  const wallMinute = wall / MIN;
  const from = (Math.floor(wallMinute / DAY_MIN) - 2) * DAY_MIN;
  const t = resolutionMap(zone, from, from + 5 * DAY_MIN).get(wallMinute);
  if (t === undefined) throw new Error(`reference cannot resolve wall minute ${wallMinute} in ${zone}`);
  return t * MIN;
}

export function referenceSlots(q: SlotQuery): SlotResult {
  const windowStart = toMinute(q.window.start);
  const windowEnd = toMinute(q.window.end);
  const earliest = toMinute(q.now) + q.minNoticeMinutes;
  const from = (Math.floor(windowStart / DAY_MIN) - 2) * DAY_MIN;
  const to = (Math.floor(windowEnd / DAY_MIN) + 3) * DAY_MIN;
  const firstDate = Math.floor(windowStart / DAY_MIN) - 1;
  const lastDate = Math.floor(windowEnd / DAY_MIN) + 1;

  const maps = new Map<string, Map<number, number>>();
  const mapFor = (zone: string): Map<number, number> => {
    let m = maps.get(zone);
    if (m === undefined) maps.set(zone, (m = resolutionMap(zone, from, to)));
    return m;
  };
  const resolve = (zone: string, wall: number): number => {
    const t = mapFor(zone).get(wall);
    if (t === undefined) throw new Error(`reference span too small for wall minute ${wall} in ${zone}`);
    return t;
  };

  // Candidates: every minute of the window that some aligned wall time of the query zone resolves to.
  const isCandidate = new Set<number>();
  for (let d = firstDate; d <= lastDate; d++) {
    for (let m = 0; m < DAY_MIN; m++) {
      if (m % q.intervalMinutes === 0) isCandidate.add(resolve(q.timeZone, d * DAY_MIN + m));
    }
  }
  const candidates: number[] = [];
  for (let t = windowStart; t + q.durationMinutes <= windowEnd; t++) {
    if (t >= earliest && isCandidate.has(t)) candidates.push(t);
  }

  const size = to - from;
  const mark = (flags: Uint8Array, s: number, e: number): void => {
    for (let t = Math.max(s, from); t < Math.min(e, to); t++) flags[t - from] = 1;
  };
  const names = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  const participants = q.participants.map((p) => {
    const available = new Uint8Array(size);
    const busy = new Uint8Array(size);
    for (let d = firstDate; d <= lastDate; d++) {
      const date = new Date(d * DAY_MIN * MIN).toISOString().slice(0, 10);
      const override = p.dateOverrides.find((o) => o.date === date);
      const weekday = names[new Date(d * DAY_MIN * MIN).getUTCDay()];
      const ranges =
        override?.intervals ??
        (p.weeklyHours === undefined
          ? [{ start: '00:00', end: '24:00' }]
          : p.weeklyHours.filter((r) => r.day === weekday));
      for (const r of ranges) {
        const [sh, sm] = r.start.split(':').map(Number);
        const [eh, em] = r.end.split(':').map(Number);
        const s = resolve(p.timeZone, d * DAY_MIN + sh! * 60 + sm!);
        const e = resolve(p.timeZone, d * DAY_MIN + eh! * 60 + em!);
        mark(available, s, e);
      }
    }
    for (const b of p.busy) mark(busy, toMinute(b.start), toMinute(b.end));
    return { id: p.id, available, busy, count: 0 };
  });
  const rooms = q.rooms.map((r) => {
    const busy = new Uint8Array(size);
    for (const b of r.busy) mark(busy, toMinute(b.start), toMinute(b.end));
    return { id: r.id, busy, count: 0 };
  });

  const isFree = (p: (typeof participants)[number], t: number): boolean => {
    for (let m = t; m < t + q.durationMinutes; m++) if (p.available[m - from] !== 1) return false;
    for (let m = t - q.bufferBeforeMinutes; m < t + q.durationMinutes + q.bufferAfterMinutes; m++) {
      if (p.busy[m - from] === 1) return false;
    }
    return true;
  };
  const roomFree = (r: (typeof rooms)[number], t: number): boolean => {
    for (let m = t; m < t + q.durationMinutes; m++) if (r.busy[m - from] === 1) return false;
    return true;
  };

  const required = q.required === 'all' ? q.participants.length : q.required;
  const slots: Slot[] = [];
  let truncated = false;
  for (const t of candidates) {
    const free = participants.filter((p) => isFree(p, t));
    for (const p of free) p.count++;
    const freeRooms = rooms.filter((r) => roomFree(r, t));
    for (const r of freeRooms) r.count++;
    if (free.length < required || (q.roomRequired && freeRooms.length === 0)) continue;
    if (slots.length === q.maxResults) {
      truncated = true;
      continue;
    }
    const slot: Slot = { start: toIso(t), end: toIso(t + q.durationMinutes), participantIds: free.map((p) => p.id) };
    if (q.roomRequired) slot.roomId = freeRooms[0]!.id;
    slots.push(slot);
  }
  return {
    slots,
    truncated,
    diagnostics: {
      candidateCount: candidates.length,
      participants: participants.map((p) => ({ id: p.id, freeCandidateCount: p.count })),
      rooms: rooms.map((r) => ({ id: r.id, freeCandidateCount: r.count })),
    },
  };
}
