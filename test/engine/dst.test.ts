/**
 * DST and unusual offsets in the engine, with exact instants: both switches in Europe/Berlin, America/New_York and
 * Australia/Sydney; Australia/Lord_Howe's 30-minute DST; Asia/Kolkata (+05:30) and Asia/Kathmandu (+05:45);
 * America/Santiago, whose spring-forward skips midnight. Policy: a nonexistent wall time moves forward by the gap, a
 * repeated one means the earlier instant; for weekly hours, overrides and the alignment grid alike.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeSlots } from '../../src/engine/index.js';
import type { SlotQueryInput } from '../../src/shared/slot-query.js';
import { participant, query, starts } from './support.js';

interface Case {
  name: string;
  zone: string;
  window: [string, string];
  interval: number;
  duration: number;
  weeklyHours?: { day: 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'; start: string; end: string }[];
  dateOverrides?: { date: string; intervals: { start: string; end: string }[] }[];
  /** Query zone when it differs from the participant's. */
  queryZone?: string;
  expected: string[];
}

function run(cases: Case[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const p: SlotQueryInput['participants'][number] = participant('a', { timeZone: c.zone });
      if (c.weeklyHours !== undefined) p.weeklyHours = c.weeklyHours;
      if (c.dateOverrides !== undefined) p.dateOverrides = c.dateOverrides;
      const r = computeSlots(
        query({
          timeZone: c.queryZone ?? c.zone,
          window: { start: c.window[0], end: c.window[1] },
          intervalMinutes: c.interval,
          durationMinutes: c.duration,
          participants: [p],
        }),
      );
      assert.deepEqual(starts(r), c.expected);
      assert.equal(r.diagnostics.candidateCount >= r.slots.length, true);
    });
  }
}

describe('Europe/Berlin', () => {
  run([
    {
      name: 'spring forward: the hourly grid skips 02:00, which becomes 03:00 CEST (no duplicate)',
      zone: 'Europe/Berlin',
      window: ['2026-03-28T22:00:00Z', '2026-03-29T04:00:00Z'],
      interval: 60,
      duration: 60,
      expected: ['2026-03-28T22:00:00Z', '2026-03-28T23:00:00Z', '2026-03-29T00:00:00Z', '2026-03-29T01:00:00Z', '2026-03-29T02:00:00Z', '2026-03-29T03:00:00Z'],
    },
    {
      name: 'spring forward, 45-minute grid: nonexistent 02:15 moves to 03:15 CEST',
      zone: 'Europe/Berlin',
      window: ['2026-03-28T23:00:00Z', '2026-03-29T03:00:00Z'],
      interval: 45,
      duration: 30,
      // Wall 00:00, 00:45, 01:30, (02:15 → 03:15), 03:00, 03:45, 04:30.
      expected: ['2026-03-28T23:00:00Z', '2026-03-28T23:45:00Z', '2026-03-29T00:30:00Z', '2026-03-29T01:00:00Z', '2026-03-29T01:15:00Z', '2026-03-29T01:45:00Z', '2026-03-29T02:30:00Z'],
    },
    {
      name: 'spring forward: Sunday 01:00–04:00 lasts two real hours',
      zone: 'Europe/Berlin',
      window: ['2026-03-28T20:00:00Z', '2026-03-29T06:00:00Z'],
      interval: 30,
      duration: 60,
      weeklyHours: [{ day: 'sun', start: '01:00', end: '04:00' }],
      expected: ['2026-03-29T00:00:00Z', '2026-03-29T00:30:00Z', '2026-03-29T01:00:00Z'],
    },
    {
      name: 'spring forward: hours starting in the gap (02:30–05:00) start at 03:30 CEST',
      zone: 'Europe/Berlin',
      window: ['2026-03-28T20:00:00Z', '2026-03-29T06:00:00Z'],
      interval: 30,
      duration: 60,
      weeklyHours: [{ day: 'sun', start: '02:30', end: '05:00' }],
      expected: ['2026-03-29T01:30:00Z', '2026-03-29T02:00:00Z'],
    },
    {
      name: 'spring forward: a range wholly inside the gap, 02:00–02:45, shifts to 03:00–03:45 CEST',
      zone: 'Europe/Berlin',
      window: ['2026-03-28T20:00:00Z', '2026-03-29T06:00:00Z'],
      interval: 15,
      duration: 15,
      weeklyHours: [{ day: 'sun', start: '02:00', end: '02:45' }],
      // Both ends move forward by the gap: 01:00Z–01:45Z.
      expected: ['2026-03-29T01:00:00Z', '2026-03-29T01:15:00Z', '2026-03-29T01:30:00Z'],
    },
    {
      name: 'spring forward: 02:30–03:00 crosses under the policy and is empty',
      zone: 'Europe/Berlin',
      window: ['2026-03-28T20:00:00Z', '2026-03-29T06:00:00Z'],
      interval: 15,
      duration: 15,
      weeklyHours: [{ day: 'sun', start: '02:30', end: '03:00' }],
      expected: [],
    },
    {
      name: 'fall back: the repeated 02:00 is offered once, at its CEST instant',
      zone: 'Europe/Berlin',
      window: ['2026-10-24T22:00:00Z', '2026-10-25T04:00:00Z'],
      interval: 60,
      duration: 60,
      expected: ['2026-10-24T22:00:00Z', '2026-10-24T23:00:00Z', '2026-10-25T00:00:00Z', '2026-10-25T02:00:00Z', '2026-10-25T03:00:00Z'],
    },
    {
      name: 'fall back: Sunday 02:00–03:00 lasts two real hours, the second 02:xx offers no start',
      zone: 'Europe/Berlin',
      window: ['2026-10-24T20:00:00Z', '2026-10-25T06:00:00Z'],
      interval: 30,
      duration: 60,
      weeklyHours: [{ day: 'sun', start: '02:00', end: '03:00' }],
      expected: ['2026-10-25T00:00:00Z', '2026-10-25T00:30:00Z'],
    },
    {
      name: 'fall back, UTC grid: every hour of the two-hour range is bookable',
      zone: 'Europe/Berlin',
      queryZone: 'UTC',
      window: ['2026-10-24T20:00:00Z', '2026-10-25T06:00:00Z'],
      interval: 30,
      duration: 60,
      weeklyHours: [{ day: 'sun', start: '02:00', end: '03:00' }],
      expected: ['2026-10-25T00:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:00:00Z'],
    },
    {
      name: 'an override on the switch day follows the same policy',
      zone: 'Europe/Berlin',
      window: ['2026-03-28T20:00:00Z', '2026-03-29T06:00:00Z'],
      interval: 60,
      duration: 60,
      weeklyHours: [],
      dateOverrides: [{ date: '2026-03-29', intervals: [{ start: '02:30', end: '05:30' }] }],
      // 02:30 → 03:30 CEST; grid 04:00, 05:00 local (05:00 + 60 > 05:30).
      expected: ['2026-03-29T02:00:00Z'],
    },
  ]);
});

describe('America/New_York', () => {
  run([
    {
      name: 'spring forward: Sunday 01:00–04:00 is two hours; 02:00 and 02:30 map onto 03:00 and 03:30 EDT',
      zone: 'America/New_York',
      window: ['2026-03-08T04:00:00Z', '2026-03-08T10:00:00Z'],
      interval: 30,
      duration: 30,
      weeklyHours: [{ day: 'sun', start: '01:00', end: '04:00' }],
      expected: ['2026-03-08T06:00:00Z', '2026-03-08T06:30:00Z', '2026-03-08T07:00:00Z', '2026-03-08T07:30:00Z'],
    },
    {
      name: 'fall back: Sunday 00:00–03:00 is four hours; the repeated 01:00 is offered at its EDT instant only',
      zone: 'America/New_York',
      window: ['2026-11-01T02:00:00Z', '2026-11-01T10:00:00Z'],
      interval: 60,
      duration: 60,
      weeklyHours: [{ day: 'sun', start: '00:00', end: '03:00' }],
      expected: ['2026-11-01T04:00:00Z', '2026-11-01T05:00:00Z', '2026-11-01T07:00:00Z'],
    },
    {
      name: 'a Berlin participant and a New York grid in the weeks the two zones disagree',
      zone: 'Europe/Berlin',
      queryZone: 'America/New_York',
      window: ['2026-03-23T00:00:00Z', '2026-03-24T00:00:00Z'],
      interval: 60,
      duration: 60,
      weeklyHours: [{ day: 'mon', start: '14:00', end: '17:00' }],
      // Berlin still CET (+1): 13:00–16:00Z; New York already EDT (−4): its hours are :00 UTC.
      expected: ['2026-03-23T13:00:00Z', '2026-03-23T14:00:00Z', '2026-03-23T15:00:00Z'],
    },
  ]);
});

describe('Australia/Sydney', () => {
  run([
    {
      name: 'fall back (April): Sunday 01:00–04:00 is four hours; the repeated 02:00 is offered once',
      zone: 'Australia/Sydney',
      window: ['2026-04-04T12:00:00Z', '2026-04-04T20:00:00Z'],
      interval: 60,
      duration: 60,
      weeklyHours: [{ day: 'sun', start: '01:00', end: '04:00' }],
      expected: ['2026-04-04T14:00:00Z', '2026-04-04T15:00:00Z', '2026-04-04T17:00:00Z'],
    },
    {
      name: 'spring forward (October): Sunday 01:00–04:00 is two hours',
      zone: 'Australia/Sydney',
      window: ['2026-10-03T12:00:00Z', '2026-10-03T20:00:00Z'],
      interval: 30,
      duration: 60,
      weeklyHours: [{ day: 'sun', start: '01:00', end: '04:00' }],
      expected: ['2026-10-03T15:00:00Z', '2026-10-03T15:30:00Z', '2026-10-03T16:00:00Z'],
    },
    {
      name: 'overlapping ranges are converted one by one, then merged (02:45–02:46 lands at 03:45 AEDT)',
      zone: 'Australia/Sydney',
      window: ['2026-10-03T13:00:00Z', '2026-10-03T18:00:00Z'],
      interval: 5,
      duration: 1,
      weeklyHours: [
        { day: 'sun', start: '01:50', end: '03:00' },
        { day: 'sun', start: '02:45', end: '02:46' },
      ],
      expected: ['2026-10-03T15:50:00Z', '2026-10-03T15:55:00Z', '2026-10-03T16:45:00Z'],
    },
  ]);
});

describe('Australia/Lord_Howe (30-minute DST)', () => {
  run([
    {
      name: 'spring forward: 02:00 does not exist and is offered as 02:30 (+11:00) on an hourly grid',
      zone: 'Australia/Lord_Howe',
      window: ['2026-10-03T13:00:00Z', '2026-10-03T18:00:00Z'],
      interval: 60,
      duration: 30,
      expected: ['2026-10-03T13:30:00Z', '2026-10-03T14:30:00Z', '2026-10-03T15:30:00Z', '2026-10-03T16:00:00Z', '2026-10-03T17:00:00Z'],
    },
    {
      name: 'fall back: the repeated 01:30 is offered once, at +11:00',
      zone: 'Australia/Lord_Howe',
      window: ['2026-04-04T13:00:00Z', '2026-04-04T16:30:00Z'],
      interval: 30,
      duration: 30,
      expected: ['2026-04-04T13:00:00Z', '2026-04-04T13:30:00Z', '2026-04-04T14:00:00Z', '2026-04-04T14:30:00Z', '2026-04-04T15:30:00Z', '2026-04-04T16:00:00Z'],
    },
    {
      name: 'fall back: Sunday 01:00–03:00 lasts two and a half hours',
      zone: 'Australia/Lord_Howe',
      queryZone: 'UTC',
      window: ['2026-04-04T12:00:00Z', '2026-04-04T18:00:00Z'],
      interval: 30,
      duration: 150,
      weeklyHours: [{ day: 'sun', start: '01:00', end: '03:00' }],
      expected: ['2026-04-04T14:00:00Z'],
    },
  ]);
});

describe('half- and quarter-hour zones', () => {
  run([
    {
      name: 'Asia/Kolkata (+05:30): Monday 09:00–12:00 on its own grid',
      zone: 'Asia/Kolkata',
      window: ['2026-03-30T00:00:00Z', '2026-03-31T00:00:00Z'],
      interval: 60,
      duration: 60,
      weeklyHours: [{ day: 'mon', start: '09:00', end: '12:00' }],
      expected: ['2026-03-30T03:30:00Z', '2026-03-30T04:30:00Z', '2026-03-30T05:30:00Z'],
    },
    {
      name: 'Asia/Kathmandu (+05:45): Monday 09:00–12:00 on its own grid',
      zone: 'Asia/Kathmandu',
      window: ['2026-03-30T00:00:00Z', '2026-03-31T00:00:00Z'],
      interval: 60,
      duration: 60,
      weeklyHours: [{ day: 'mon', start: '09:00', end: '12:00' }],
      expected: ['2026-03-30T03:15:00Z', '2026-03-30T04:15:00Z', '2026-03-30T05:15:00Z'],
    },
    {
      name: 'Asia/Kathmandu hours on a Berlin hourly grid: no whole Berlin hour fits until 04:00Z',
      zone: 'Asia/Kathmandu',
      queryZone: 'Europe/Berlin',
      window: ['2026-03-30T00:00:00Z', '2026-03-31T00:00:00Z'],
      interval: 60,
      duration: 60,
      weeklyHours: [{ day: 'mon', start: '09:00', end: '12:00' }],
      // Available 03:15–06:15Z; Berlin (CEST) hours are :00 UTC.
      expected: ['2026-03-30T04:00:00Z', '2026-03-30T05:00:00Z'],
    },
  ]);
});

describe('America/Santiago (midnight skipped)', () => {
  run([
    {
      name: 'the grid offers 01:00 −03 once for the nonexistent 00:00',
      zone: 'America/Santiago',
      window: ['2026-09-06T02:00:00Z', '2026-09-06T07:00:00Z'],
      interval: 60,
      duration: 60,
      expected: ['2026-09-06T02:00:00Z', '2026-09-06T03:00:00Z', '2026-09-06T04:00:00Z', '2026-09-06T05:00:00Z', '2026-09-06T06:00:00Z'],
    },
    {
      name: 'Sunday 00:00–02:00 lasts one hour',
      zone: 'America/Santiago',
      window: ['2026-09-06T00:00:00Z', '2026-09-06T10:00:00Z'],
      interval: 60,
      duration: 60,
      weeklyHours: [{ day: 'sun', start: '00:00', end: '02:00' }],
      expected: ['2026-09-06T04:00:00Z'],
    },
  ]);
});
