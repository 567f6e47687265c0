/**
 * fast-check generator of valid slot queries for the property tests: windows of up to two days near 2026 offset
 * transitions of zones with unusual offsets, wall times biased towards the hours in which clocks change, busy
 * intervals that overlap, nest, touch, are empty or span whole days, in random order. Every instant is a whole
 * minute (the reference's resolution).
 */
import fc from 'fast-check';
import type { SlotQueryInput } from '../../src/shared/slot-query.js';

export const ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/Santiago', // DST switches at midnight: some dates have no 00:00
  'America/Havana', // likewise, and falls back across midnight
  'Pacific/Chatham', // +12:45 / +13:45
  'America/St_Johns', // −03:30 / −02:30
  'UTC',
] as const;

/** Instants near 2026 offset transitions of the zones above, plus two ordinary days. */
const ANCHORS = [
  '2026-03-29T01:00:00Z', // Berlin forward
  '2026-10-25T01:00:00Z', // Berlin back
  '2026-03-08T07:00:00Z', // New York / Havana / St John's forward
  '2026-11-01T06:00:00Z', // New York / Havana / St John's back
  '2026-04-04T15:30:00Z', // Sydney, Lord Howe back; Chatham, Santiago back (Apr 5)
  '2026-10-03T16:00:00Z', // Sydney, Lord Howe forward
  '2026-09-06T04:00:00Z', // Santiago forward (no 00:00 on 09-06)
  '2026-09-26T14:00:00Z', // Chatham forward
  '2026-06-15T00:00:00Z',
  '2026-01-12T00:00:00Z',
].map((s) => Date.parse(s));

type WeeklyRange = NonNullable<SlotQueryInput['participants'][number]['weeklyHours']>[number];

const MIN = 60_000;
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** Minutes of day, biased towards the hours in which clocks change. */
const minuteOfDay = fc.oneof(
  fc.integer({ min: 0, max: 1439 }),
  fc.constantFrom(0, 30, 60, 90, 105, 120, 135, 150, 165, 180, 195, 210, 1380, 1410, 1425, 1439),
);

const wallRange = fc
  .tuple(minuteOfDay, fc.integer({ min: 1, max: 1440 }))
  .map(([s, len]) => ({ start: hhmm(s), end: hhmm(Math.min(1440, s + len)) }));

const busyAround = (windowStart: number, windowMinutes: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.tuple(fc.integer({ min: -1500, max: windowMinutes + 1500 }), fc.integer({ min: 0, max: 600 })) },
    // All-day events, UTC-midnight based.
    {
      weight: 1,
      arbitrary: fc.integer({ min: -1, max: 3 }).map((d) => {
        const day = Math.floor(windowStart / 86_400_000) + d;
        return [(day * 86_400_000 - windowStart) / MIN, 1440] as [number, number];
      }),
    },
  ).map(([offset, len]) => ({ start: iso(windowStart + offset * MIN), end: iso(windowStart + (offset + len) * MIN) }));

export const queryArb: fc.Arbitrary<SlotQueryInput> = fc
  .record({
    anchor: fc.constantFrom(...ANCHORS),
    startOffset: fc.integer({ min: -36 * 60, max: 12 * 60 }),
    windowMinutes: fc.integer({ min: 1, max: 2 * 1440 }),
    zone: fc.constantFrom(...ZONES),
  })
  .chain(({ anchor, startOffset, windowMinutes, zone }) => {
    const windowStart = anchor + startOffset * MIN;
    const participant = fc.record({
      timeZone: fc.oneof(fc.constant(zone), fc.constantFrom(...ZONES)),
      weeklyHours: fc.oneof(
        { weight: 2, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constant<WeeklyRange[]>([]) },
        // The same ranges every day, so the window's dates are likely to have some.
        {
          weight: 4,
          arbitrary: fc
            .array(wallRange, { minLength: 1, maxLength: 3 })
            .map((ranges) => DAYS.flatMap((day) => ranges.map((r) => ({ day, ...r })))),
        },
        {
          weight: 3,
          arbitrary: fc.array(
            fc.tuple(fc.constantFrom(...DAYS), wallRange).map(([day, r]) => ({ day, ...r })),
            { minLength: 1, maxLength: 8 },
          ),
        },
      ),
      overrideDays: fc.uniqueArray(fc.integer({ min: -2, max: 3 }), { maxLength: 3 }),
      overrideIntervals: fc.array(fc.array(wallRange, { maxLength: 3 }), { minLength: 3, maxLength: 3 }),
      busy: fc.array(busyAround(windowStart, windowMinutes), { maxLength: 8 }),
    });
    return fc.record({
      zone: fc.constant(zone),
      windowStart: fc.constant(windowStart),
      windowMinutes: fc.constant(windowMinutes),
      nowOffset: fc.integer({ min: -1440, max: 1440 }),
      minNotice: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 900 })),
      duration: fc.oneof(fc.integer({ min: 1, max: 240 }), fc.constantFrom(15, 30, 45, 60, 90)),
      interval: fc.oneof(fc.constantFrom(5, 7, 10, 15, 20, 30, 45, 60, 90, 1440), fc.integer({ min: 1, max: 180 })),
      bufferBefore: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 })),
      bufferAfter: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 120 })),
      participants: fc.array(participant, { minLength: 1, maxLength: 3 }),
      requiredPick: fc.integer({ min: 0, max: 3 }),
      rooms: fc.array(fc.array(busyAround(windowStart, windowMinutes), { maxLength: 5 }), { maxLength: 3 }),
      roomRequired: fc.boolean(),
      maxResults: fc.oneof({ weight: 4, arbitrary: fc.constant(100_000) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }) }),
    });
  })
  .map((g) => {
    const utcDay = Math.floor(g.windowStart / 86_400_000);
    return {
      now: iso(g.windowStart + g.nowOffset * MIN),
      window: { start: iso(g.windowStart), end: iso(g.windowStart + g.windowMinutes * MIN) },
      timeZone: g.zone,
      durationMinutes: g.duration,
      intervalMinutes: g.interval,
      minNoticeMinutes: g.minNotice,
      bufferBeforeMinutes: g.bufferBefore,
      bufferAfterMinutes: g.bufferAfter,
      required: g.requiredPick === 0 ? 'all' : Math.min(g.requiredPick, g.participants.length),
      participants: g.participants.map((p, i) => ({
        id: `p${i}`,
        timeZone: p.timeZone,
        ...(p.weeklyHours === undefined ? {} : { weeklyHours: p.weeklyHours }),
        dateOverrides: p.overrideDays.map((d, k) => ({
          date: new Date((utcDay + d) * 86_400_000).toISOString().slice(0, 10),
          intervals: p.overrideIntervals[k]!,
        })),
        busy: p.busy,
      })),
      rooms: g.rooms.map((busy, i) => ({ id: `r${i}`, busy })),
      roomRequired: g.roomRequired && g.rooms.length > 0,
      maxResults: g.maxResults,
    } satisfies SlotQueryInput;
  });
