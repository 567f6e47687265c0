/**
 * Table tests for every semantic rule in the header of src/engine/index.ts, with exact ISO expectations. DST and
 * unusual offsets live in dst.test.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { computeSlots } from '../../src/engine/index.js';
import { SlotResultSchema, type SlotQueryInput } from '../../src/shared/slot-query.js';
import { busy, deepFreeze, participant, query, starts } from './support.js';

interface Case {
  name: string;
  q: Partial<SlotQueryInput>;
  expected: string[];
}

function runTable(cases: Case[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const result = computeSlots(query(c.q));
      assert.deepEqual(starts(result), c.expected);
      SlotResultSchema.parse(result);
    });
  }
}

describe('candidate starts: window, notice and alignment', () => {
  runTable([
    {
      name: 'window bounds are inclusive for the start and for the meeting end',
      q: { window: { start: '2026-01-05T10:00:00Z', end: '2026-01-05T13:00:00Z' } },
      expected: ['2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z', '2026-01-05T12:00:00Z'],
    },
    {
      name: 'a misaligned window start waits for the next aligned time',
      q: { window: { start: '2026-01-05T10:10:00Z', end: '2026-01-05T13:00:00Z' } },
      expected: ['2026-01-05T11:00:00Z', '2026-01-05T12:00:00Z'],
    },
    {
      name: 'a meeting may not run past window.end by a minute',
      q: { window: { start: '2026-01-05T10:00:00Z', end: '2026-01-05T12:59:00Z' } },
      expected: ['2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z'],
    },
    {
      name: 'window shorter than the meeting → nothing',
      q: { window: { start: '2026-01-05T10:00:00Z', end: '2026-01-05T10:59:00Z' } },
      expected: [],
    },
    {
      name: 't ≥ now + minNotice, exactly at the bound',
      q: { now: '2026-01-05T10:30:00Z', minNoticeMinutes: 30, window: { start: '2026-01-05T10:00:00Z', end: '2026-01-05T13:00:00Z' } },
      expected: ['2026-01-05T11:00:00Z', '2026-01-05T12:00:00Z'],
    },
    {
      name: 'one more minute of notice drops 11:00',
      q: { now: '2026-01-05T10:30:00Z', minNoticeMinutes: 31, window: { start: '2026-01-05T10:00:00Z', end: '2026-01-05T13:00:00Z' } },
      expected: ['2026-01-05T12:00:00Z'],
    },
    {
      name: 'now after the window → nothing',
      q: { now: '2026-01-06T00:00:00Z' },
      expected: [],
    },
    {
      name: 'alignment is to the wall clock of the query zone (Kolkata :00 = UTC :30)',
      q: { timeZone: 'Asia/Kolkata', window: { start: '2026-01-05T00:00:00Z', end: '2026-01-05T03:00:00Z' } },
      expected: ['2026-01-05T00:30:00Z', '2026-01-05T01:30:00Z'],
    },
    {
      name: 'alignment is counted from local midnight each day (50-minute interval restarts at 00:00)',
      q: {
        intervalMinutes: 50,
        durationMinutes: 10,
        window: { start: '2026-01-05T22:30:00Z', end: '2026-01-06T01:00:00Z' },
      },
      expected: ['2026-01-05T22:30:00Z', '2026-01-05T23:20:00Z', '2026-01-06T00:00:00Z', '2026-01-06T00:50:00Z'],
    },
    {
      name: 'interval 1440 offers local midnight only',
      q: {
        timeZone: 'Europe/Berlin',
        intervalMinutes: 1440,
        window: { start: '2026-01-05T00:00:00Z', end: '2026-01-08T00:00:00Z' },
      },
      expected: ['2026-01-05T23:00:00Z', '2026-01-06T23:00:00Z', '2026-01-07T23:00:00Z'],
    },
  ]);
});

describe('availability: weekly hours, overrides, 24:00', () => {
  const monday = { window: { start: '2026-01-05T00:00:00Z', end: '2026-01-06T00:00:00Z' } };
  runTable([
    {
      name: 'weekly hours are read in the participant zone (Berlin 09:00–12:00 = 08:00–11:00Z in winter)',
      q: { ...monday, participants: [participant('a', { timeZone: 'Europe/Berlin', weeklyHours: [{ day: 'mon', start: '09:00', end: '12:00' }] })] },
      expected: ['2026-01-05T08:00:00Z', '2026-01-05T09:00:00Z', '2026-01-05T10:00:00Z'],
    },
    {
      name: 'participant zone and query zone differ (Kolkata hours, UTC half-hour grid)',
      q: {
        ...monday,
        intervalMinutes: 30,
        participants: [participant('a', { timeZone: 'Asia/Kolkata', weeklyHours: [{ day: 'mon', start: '09:00', end: '11:00' }] })],
      },
      expected: ['2026-01-05T03:30:00Z', '2026-01-05T04:00:00Z', '2026-01-05T04:30:00Z'],
    },
    {
      name: 'the local weekday decides: Monday 09:00 in Kiritimati (+14) is Sunday 19:00Z',
      q: {
        window: { start: '2026-01-04T00:00:00Z', end: '2026-01-06T00:00:00Z' },
        participants: [participant('a', { timeZone: 'Pacific/Kiritimati', weeklyHours: [{ day: 'mon', start: '09:00', end: '11:00' }] })],
      },
      expected: ['2026-01-04T19:00:00Z', '2026-01-04T20:00:00Z'],
    },
    {
      name: 'a date override replaces that date’s weekly hours',
      q: {
        ...monday,
        participants: [
          participant('a', {
            weeklyHours: [{ day: 'mon', start: '09:00', end: '17:00' }],
            dateOverrides: [{ date: '2026-01-05', intervals: [{ start: '10:00', end: '12:00' }] }],
          }),
        ],
      },
      expected: ['2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z'],
    },
    {
      name: 'an override with no intervals makes the date unavailable',
      q: {
        ...monday,
        participants: [participant('a', { weeklyHours: [{ day: 'mon', start: '09:00', end: '17:00' }], dateOverrides: [{ date: '2026-01-05', intervals: [] }] })],
      },
      expected: [],
    },
    {
      name: 'an override adds hours on a day without weekly hours',
      q: {
        window: { start: '2026-01-04T00:00:00Z', end: '2026-01-05T00:00:00Z' },
        participants: [
          participant('a', {
            weeklyHours: [{ day: 'mon', start: '09:00', end: '17:00' }],
            dateOverrides: [{ date: '2026-01-04', intervals: [{ start: '13:00', end: '15:00' }] }],
          }),
        ],
      },
      expected: ['2026-01-04T13:00:00Z', '2026-01-04T14:00:00Z'],
    },
    {
      name: 'overrides also restrict a participant without weekly hours (around the clock otherwise)',
      q: {
        window: { start: '2026-01-04T22:00:00Z', end: '2026-01-05T12:00:00Z' },
        participants: [participant('a', { dateOverrides: [{ date: '2026-01-05', intervals: [{ start: '10:00', end: '12:00' }] }] })],
      },
      expected: ['2026-01-04T22:00:00Z', '2026-01-04T23:00:00Z', '2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z'],
    },
    {
      name: 'weeklyHours absent = around the clock, across midnight',
      q: { window: { start: '2026-01-05T22:00:00Z', end: '2026-01-06T02:00:00Z' } },
      expected: ['2026-01-05T22:00:00Z', '2026-01-05T23:00:00Z', '2026-01-06T00:00:00Z', '2026-01-06T01:00:00Z'],
    },
    {
      name: 'weeklyHours empty = never',
      q: { participants: [participant('a', { weeklyHours: [] })] },
      expected: [],
    },
    {
      name: "'24:00' joins Monday night and Tuesday morning into one range",
      q: {
        intervalMinutes: 30,
        window: { start: '2026-01-05T20:00:00Z', end: '2026-01-06T04:00:00Z' },
        participants: [
          participant('a', {
            weeklyHours: [
              { day: 'mon', start: '22:00', end: '24:00' },
              { day: 'tue', start: '00:00', end: '02:00' },
            ],
          }),
        ],
      },
      expected: [
        '2026-01-05T22:00:00Z', '2026-01-05T22:30:00Z', '2026-01-05T23:00:00Z', '2026-01-05T23:30:00Z',
        '2026-01-06T00:00:00Z', '2026-01-06T00:30:00Z', '2026-01-06T01:00:00Z',
      ],
    },
    {
      name: 'overlapping and touching weekly ranges merge',
      q: {
        ...monday,
        intervalMinutes: 30,
        participants: [
          participant('a', {
            weeklyHours: [
              { day: 'mon', start: '10:00', end: '11:00' },
              { day: 'mon', start: '09:00', end: '10:30' },
              { day: 'mon', start: '11:00', end: '11:30' },
            ],
          }),
        ],
      },
      expected: ['2026-01-05T09:00:00Z', '2026-01-05T09:30:00Z', '2026-01-05T10:00:00Z', '2026-01-05T10:30:00Z'],
    },
  ]);
});

describe('busy intervals and buffers (half-open)', () => {
  const oneBusy = [participant('a', { busy: [busy('2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z')] })];
  runTable([
    {
      name: 'touching is not overlapping: 09:00–10:00 and 11:00–12:00 stay',
      q: { participants: oneBusy },
      expected: ['2026-01-05T08:00:00Z', '2026-01-05T09:00:00Z', '2026-01-05T11:00:00Z', '2026-01-05T12:00:00Z', '2026-01-05T13:00:00Z', '2026-01-05T14:00:00Z', '2026-01-05T15:00:00Z', '2026-01-05T16:00:00Z'],
    },
    {
      name: 'bufferBefore 15 blocks the meeting right after the busy time',
      q: { participants: oneBusy, bufferBeforeMinutes: 15, window: { start: '2026-01-05T08:00:00Z', end: '2026-01-05T13:00:00Z' } },
      expected: ['2026-01-05T08:00:00Z', '2026-01-05T09:00:00Z', '2026-01-05T12:00:00Z'],
    },
    {
      name: 'bufferAfter 15 blocks the meeting right before the busy time',
      q: { participants: oneBusy, bufferAfterMinutes: 15, window: { start: '2026-01-05T08:00:00Z', end: '2026-01-05T13:00:00Z' } },
      expected: ['2026-01-05T08:00:00Z', '2026-01-05T11:00:00Z', '2026-01-05T12:00:00Z'],
    },
    {
      name: 'buffers apply to busy time only, not to the edges of availability',
      q: {
        bufferBeforeMinutes: 30,
        bufferAfterMinutes: 30,
        participants: [participant('a', { weeklyHours: [{ day: 'mon', start: '09:00', end: '11:00' }] })],
      },
      expected: ['2026-01-05T09:00:00Z', '2026-01-05T10:00:00Z'],
    },
    {
      name: 'busy intervals that overlap, nest, touch, are empty and arrive unsorted',
      q: {
        intervalMinutes: 30,
        participants: [
          participant('a', {
            busy: [
              busy('2026-01-05T12:00:00Z', '2026-01-05T13:00:00Z'),
              busy('2026-01-05T09:00:00Z', '2026-01-05T10:00:00Z'),
              busy('2026-01-05T09:30:00Z', '2026-01-05T09:45:00Z'), // nested
              busy('2026-01-05T10:00:00Z', '2026-01-05T10:30:00Z'), // touching
              busy('2026-01-05T15:00:00Z', '2026-01-05T15:00:00Z'), // empty: blocks nothing
              busy('2026-01-05T12:30:00Z', '2026-01-05T14:00:00Z'), // overlapping
            ],
          }),
        ],
      },
      expected: [
        '2026-01-05T08:00:00Z', '2026-01-05T10:30:00Z', '2026-01-05T11:00:00Z', '2026-01-05T14:00:00Z',
        '2026-01-05T14:30:00Z', '2026-01-05T15:00:00Z', '2026-01-05T15:30:00Z', '2026-01-05T16:00:00Z',
      ],
    },
    {
      name: 'an empty busy interval blocks nothing even with buffers',
      q: {
        bufferBeforeMinutes: 60,
        bufferAfterMinutes: 60,
        window: { start: '2026-01-05T09:00:00Z', end: '2026-01-05T12:00:00Z' },
        participants: [participant('a', { busy: [busy('2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')] })],
      },
      expected: ['2026-01-05T09:00:00Z', '2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z'],
    },
    {
      name: 'all-day busy event (UTC day) removes the whole day',
      q: {
        window: { start: '2026-01-05T22:00:00Z', end: '2026-01-07T02:00:00Z' },
        intervalMinutes: 120,
        participants: [participant('a', { busy: [busy('2026-01-06T00:00:00Z', '2026-01-07T00:00:00Z')] })],
      },
      expected: ['2026-01-05T22:00:00Z', '2026-01-07T00:00:00Z'],
    },
    {
      name: 'all-day busy event in Berlin (local midnight to midnight) removes the local day',
      q: {
        timeZone: 'Europe/Berlin',
        intervalMinutes: 120,
        window: { start: '2026-01-05T18:00:00Z', end: '2026-01-07T04:00:00Z' },
        participants: [participant('a', { timeZone: 'Europe/Berlin', busy: [busy('2026-01-05T23:00:00Z', '2026-01-06T23:00:00Z')] })],
      },
      // Berlin even hours = odd UTC hours in winter.
      expected: ['2026-01-05T19:00:00Z', '2026-01-05T21:00:00Z', '2026-01-06T23:00:00Z', '2026-01-07T01:00:00Z', '2026-01-07T03:00:00Z'],
    },
    {
      name: 'busy far outside the window is harmless',
      q: {
        window: { start: '2026-01-05T10:00:00Z', end: '2026-01-05T12:00:00Z' },
        participants: [participant('a', { busy: [busy('2025-01-01T00:00:00Z', '2025-12-31T00:00:00Z'), busy('2027-01-01T00:00:00Z', '2027-02-01T00:00:00Z')] })],
      },
      expected: ['2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z'],
    },
  ]);
});

describe('required participants', () => {
  // a: 08–12, b: 10–14, c: 11–17 (UTC, Monday).
  const three = [
    participant('a', { weeklyHours: [{ day: 'mon', start: '08:00', end: '12:00' }] }),
    participant('b', { weeklyHours: [{ day: 'mon', start: '10:00', end: '14:00' }] }),
    participant('c', { weeklyHours: [{ day: 'mon', start: '11:00', end: '17:00' }] }),
  ];
  test("'all' needs everyone: only 11:00", () => {
    const r = computeSlots(query({ participants: three }));
    assert.deepEqual(r.slots, [{ start: '2026-01-05T11:00:00Z', end: '2026-01-05T12:00:00Z', participantIds: ['a', 'b', 'c'] }]);
  });
  test('required 2 lists every free participant in input order', () => {
    const r = computeSlots(query({ participants: three, required: 2 }));
    assert.deepEqual(
      r.slots.map((s) => [s.start, s.participantIds.join(',')]),
      [
        ['2026-01-05T10:00:00Z', 'a,b'],
        ['2026-01-05T11:00:00Z', 'a,b,c'],
        ['2026-01-05T12:00:00Z', 'b,c'],
        ['2026-01-05T13:00:00Z', 'b,c'],
      ],
    );
  });
  test('required 1 offers every time anyone is free', () => {
    const r = computeSlots(query({ participants: three, required: 1 }));
    assert.deepEqual(starts(r), [8, 9, 10, 11, 12, 13, 14, 15, 16].map((h) => `2026-01-05T${String(h).padStart(2, '0')}:00:00Z`));
    assert.deepEqual(r.slots[0]!.participantIds, ['a']);
    assert.deepEqual(r.slots[8]!.participantIds, ['c']);
  });
});

describe('rooms', () => {
  const rooms = [
    { id: 'r1', busy: [busy('2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z')] },
    { id: 'r2', busy: [busy('2026-01-05T10:30:00Z', '2026-01-05T12:00:00Z')] },
  ];
  const window = { start: '2026-01-05T09:00:00Z', end: '2026-01-05T13:00:00Z' };
  test('roomId is the first free room in input order; no room, no slot', () => {
    const r = computeSlots(query({ window, rooms, roomRequired: true }));
    assert.deepEqual(r.slots, [
      { start: '2026-01-05T09:00:00Z', end: '2026-01-05T10:00:00Z', participantIds: ['a'], roomId: 'r1' },
      { start: '2026-01-05T11:00:00Z', end: '2026-01-05T12:00:00Z', participantIds: ['a'], roomId: 'r1' },
      { start: '2026-01-05T12:00:00Z', end: '2026-01-05T13:00:00Z', participantIds: ['a'], roomId: 'r1' },
    ]);
    assert.deepEqual(r.diagnostics.rooms, [
      { id: 'r1', freeCandidateCount: 3 },
      { id: 'r2', freeCandidateCount: 2 },
    ]);
  });
  test('the second room is used when the first is busy', () => {
    const r = computeSlots(query({ window, rooms: [rooms[0]!, { id: 'r3', busy: [] }], roomRequired: true }));
    assert.deepEqual(r.slots.map((s) => `${s.start} ${s.roomId}`), [
      '2026-01-05T09:00:00Z r1',
      '2026-01-05T10:00:00Z r3',
      '2026-01-05T11:00:00Z r1',
      '2026-01-05T12:00:00Z r1',
    ]);
  });
  test('buffers do not apply to rooms', () => {
    const r = computeSlots(query({ window, rooms: [rooms[0]!], roomRequired: true, bufferBeforeMinutes: 30, bufferAfterMinutes: 30 }));
    assert.deepEqual(starts(r), ['2026-01-05T09:00:00Z', '2026-01-05T11:00:00Z', '2026-01-05T12:00:00Z']);
  });
  test('without roomRequired rooms restrict nothing and roomId is absent', () => {
    const r = computeSlots(query({ window, rooms }));
    assert.deepEqual(starts(r), ['2026-01-05T09:00:00Z', '2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z', '2026-01-05T12:00:00Z']);
    for (const s of r.slots) assert.equal('roomId' in s, false);
  });
});

describe('maxResults and diagnostics', () => {
  test('maxResults keeps the earliest slots and reports truncation; diagnostics cover the whole window', () => {
    const r = computeSlots(query({ maxResults: 2 }));
    assert.deepEqual(starts(r), ['2026-01-05T08:00:00Z', '2026-01-05T09:00:00Z']);
    assert.equal(r.truncated, true);
    assert.deepEqual(r.diagnostics, { candidateCount: 9, participants: [{ id: 'a', freeCandidateCount: 9 }], rooms: [] });
  });
  test('exactly maxResults matches → not truncated', () => {
    const r = computeSlots(query({ maxResults: 9 }));
    assert.equal(r.slots.length, 9);
    assert.equal(r.truncated, false);
  });
  test('diagnostics say who has no free time', () => {
    const r = computeSlots(
      query({
        participants: [
          participant('anna', { weeklyHours: [{ day: 'tue', start: '09:00', end: '17:00' }] }),
          participant('ben', { busy: [busy('2026-01-05T08:00:00Z', '2026-01-05T12:00:00Z')] }),
        ],
      }),
    );
    assert.deepEqual(r, {
      slots: [],
      truncated: false,
      diagnostics: {
        candidateCount: 9,
        participants: [
          { id: 'anna', freeCandidateCount: 0 },
          { id: 'ben', freeCandidateCount: 5 },
        ],
        rooms: [],
      },
    });
  });
  test('no candidates → zero counts for everyone', () => {
    const r = computeSlots(query({ now: '2026-02-01T00:00:00Z', rooms: [{ id: 'r1', busy: [] }] }));
    assert.deepEqual(r.diagnostics, {
      candidateCount: 0,
      participants: [{ id: 'a', freeCandidateCount: 0 }],
      rooms: [{ id: 'r1', freeCandidateCount: 0 }],
    });
  });
});

describe('purity', () => {
  test('does not mutate a deeply frozen query and returns equal results twice', () => {
    const q = deepFreeze(
      query({
        intervalMinutes: 15,
        required: 1,
        participants: [
          participant('a', {
            timeZone: 'Europe/Berlin',
            weeklyHours: [{ day: 'mon', start: '09:00', end: '17:00' }, { day: 'mon', start: '08:00', end: '10:00' }],
            dateOverrides: [{ date: '2026-01-06', intervals: [] }],
            busy: [busy('2026-01-05T12:00:00Z', '2026-01-05T13:00:00Z'), busy('2026-01-05T09:00:00Z', '2026-01-05T10:00:00Z')],
          }),
          participant('b'),
        ],
        rooms: [{ id: 'r1', busy: [busy('2026-01-05T14:00:00Z', '2026-01-05T15:00:00Z'), busy('2026-01-05T10:00:00Z', '2026-01-05T11:00:00Z')] }],
        roomRequired: true,
      }),
    );
    const first = computeSlots(q);
    assert.deepEqual(computeSlots(q), first);
    assert.ok(first.slots.length > 0);
  });
  test('result slots do not share arrays', () => {
    const r = computeSlots(query());
    assert.notEqual(r.slots[0]!.participantIds, r.slots[1]!.participantIds);
  });
});
