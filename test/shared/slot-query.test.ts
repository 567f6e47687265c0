/**
 * `SlotQuerySchema`: defaults, every limit of the issue with its exact message and path, inputs that must be
 * accepted, and total behaviour on garbage (issues, never a throw). `SlotResultSchema` on an engine result.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  SlotQuerySchema,
  SlotResultSchema,
  type SlotQueryInput,
} from '../../src/shared/slot-query.js';
import { computeSlots } from '../../src/engine/index.js';

function base(): SlotQueryInput {
  return {
    now: '2026-03-20T08:00:00Z',
    window: { start: '2026-03-21T00:00:00Z', end: '2026-04-22T00:00:00Z' },
    timeZone: 'Europe/Berlin',
    durationMinutes: 60,
    intervalMinutes: 15,
    participants: [
      {
        id: 'u1',
        timeZone: 'Europe/Berlin',
        weeklyHours: [{ day: 'mon', start: '09:00', end: '17:00' }],
        dateOverrides: [{ date: '2026-03-30', intervals: [{ start: '10:00', end: '12:00' }] }],
        busy: [{ start: '2026-03-23T09:00:00Z', end: '2026-03-23T10:30:00Z' }],
      },
    ],
    rooms: [{ id: 'r1', busy: [] }],
    roomRequired: true,
    maxResults: 512,
  };
}

/**
 * Edits reach into nested JSON to break it on purpose; typing every path would only restate the schema, hence `any`
 * here and nowhere else.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** Applies `edit` to a fresh copy of the base query and returns the issues as `path: message`. */
function issues(edit: (q: Json) => void): string[] {
  const q = structuredClone(base()) as Json;
  edit(q);
  const r = SlotQuerySchema.safeParse(q);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

const busyList = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    start: new Date(Date.UTC(2026, 2, 21) + i * 60_000).toISOString(),
    end: new Date(Date.UTC(2026, 2, 21) + i * 60_000 + 30_000).toISOString(),
  }));

describe('SlotQuerySchema accepts', () => {
  test('the issue’s example unchanged', () => assert.deepEqual(issues(() => {}), []));

  test('a minimal query and fills in the defaults', () => {
    const q = SlotQuerySchema.parse({
      now: '2026-03-20T08:00:00Z',
      window: { start: '2026-03-21T00:00:00Z', end: '2026-03-22T00:00:00Z' },
      timeZone: 'UTC',
      durationMinutes: 30,
      intervalMinutes: 30,
      participants: [{ id: 'a', timeZone: 'UTC' }],
    });
    assert.deepEqual(q, {
      now: '2026-03-20T08:00:00Z',
      window: { start: '2026-03-21T00:00:00Z', end: '2026-03-22T00:00:00Z' },
      timeZone: 'UTC',
      durationMinutes: 30,
      intervalMinutes: 30,
      minNoticeMinutes: 0,
      bufferBeforeMinutes: 0,
      bufferAfterMinutes: 0,
      required: 'all',
      participants: [{ id: 'a', timeZone: 'UTC', dateOverrides: [], busy: [] }],
      rooms: [],
      roomRequired: false,
      maxResults: 512,
    });
    assert.equal('weeklyHours' in q.participants[0]!, false, 'absent weeklyHours must stay absent (= around the clock)');
  });

  const accepted: [string, (q: Json) => void][] = [
    ["'24:00' as an end", (q) => (q.participants[0].weeklyHours = [{ day: 'fri', start: '22:00', end: '24:00' }])],
    ['overlapping weekly ranges', (q) => (q.participants[0].weeklyHours = [{ day: 'mon', start: '09:00', end: '12:00' }, { day: 'mon', start: '11:00', end: '13:00' }])],
    ['empty weeklyHours (never available)', (q) => (q.participants[0].weeklyHours = [])],
    ['an override with no intervals', (q) => (q.participants[0].dateOverrides = [{ date: '2026-03-31', intervals: [] }])],
    ['an empty busy interval', (q) => (q.participants[0].busy = [{ start: '2026-03-23T09:00:00Z', end: '2026-03-23T09:00:00Z' }])],
    ['exactly 10 000 busy intervals', (q) => (q.participants[0].busy = busyList(10_000))],
    ['a window of exactly 400 days', (q) => (q.window = { start: '2026-01-01T00:00:00Z', end: '2027-02-05T00:00:00Z' })],
    ['maxResults 100 000', (q) => (q.maxResults = 100_000)],
    ['required as a number up to the participant count', (q) => (q.required = 1)],
    ['fractional seconds', (q) => (q.now = '2026-03-20T08:00:00.123Z')],
    ['a zone alias', (q) => (q.timeZone = 'Asia/Calcutta')],
  ];
  for (const [name, edit] of accepted) test(name, () => assert.deepEqual(issues(edit), []));
});

describe('SlotQuerySchema rejects with a clear message', () => {
  const rejected: [string, (q: Json) => void, string[]][] = [
    ['unknown query zone', (q) => (q.timeZone = 'Mars/Base'), ["timeZone: unknown time zone 'Mars/Base'"]],
    ['unknown participant zone', (q) => (q.participants[0].timeZone = 'Europe/Atlantis'), ["participants.0.timeZone: unknown time zone 'Europe/Atlantis'"]],
    ['offset instead of a zone', (q) => (q.timeZone = '+01:00'), ["timeZone: unknown time zone '+01:00'"]],
    ['window end before start', (q) => (q.window = { start: '2026-03-21T00:00:00Z', end: '2026-03-20T00:00:00Z' }), ['window.end: window.end must be after window.start']],
    ['empty window', (q) => (q.window = { start: '2026-03-21T00:00:00Z', end: '2026-03-21T00:00:00Z' }), ['window.end: window.end must be after window.start']],
    ['window over 400 days', (q) => (q.window = { start: '2026-01-01T00:00:00Z', end: '2027-02-05T00:01:00Z' }), ['window.end: window spans 401 days; at most 400 days are allowed']],
    ['interval 0', (q) => (q.intervalMinutes = 0), ['intervalMinutes: intervalMinutes must be greater than 0']],
    ['negative interval', (q) => (q.intervalMinutes = -15), ['intervalMinutes: intervalMinutes must be greater than 0']],
    ['fractional interval', (q) => (q.intervalMinutes = 7.5), ['intervalMinutes: intervalMinutes must be a whole number of minutes']],
    ['interval over a day', (q) => (q.intervalMinutes = 1441), ['intervalMinutes: intervalMinutes must be at most 1440']],
    ['duration 0', (q) => (q.durationMinutes = 0), ['durationMinutes: durationMinutes must be greater than 0']],
    ['duration as a string', (q) => (q.durationMinutes = '60'), ['durationMinutes: durationMinutes must be a number of minutes']],
    ['negative buffer', (q) => (q.bufferBeforeMinutes = -5), ['bufferBeforeMinutes: bufferBeforeMinutes must not be negative']],
    ['negative notice', (q) => (q.minNoticeMinutes = -1), ['minNoticeMinutes: minNoticeMinutes must not be negative']],
    ['10 001 busy intervals', (q) => (q.participants[0].busy = busyList(10_001)), ['participants.0.busy: at most 10000 busy intervals per participant or room']],
    ['10 001 busy intervals on a room', (q) => (q.rooms[0].busy = busyList(10_001)), ['rooms.0.busy: at most 10000 busy intervals per participant or room']],
    ['busy interval ending before it starts', (q) => (q.participants[0].busy = [{ start: '2026-03-23T10:00:00Z', end: '2026-03-23T09:00:00Z' }]), ['participants.0.busy.0.end: busy interval ends before it starts']],
    ['instant with an offset', (q) => (q.now = '2026-03-20T09:00:00+01:00'), ['now: expected a UTC ISO-8601 instant such as 2026-03-23T09:00:00Z']],
    ['instant without seconds', (q) => (q.now = '2026-03-20T08:00Z'), ['now: expected a UTC ISO-8601 instant such as 2026-03-23T09:00:00Z']],
    ['impossible date in an instant', (q) => (q.now = '2026-02-30T08:00:00Z'), ['now: expected a UTC ISO-8601 instant such as 2026-03-23T09:00:00Z']],
    ['instant before 1900', (q) => (q.now = '1899-12-31T23:59:59Z'), ['now: instant must lie between 1900-01-01 and 2199-12-31']],
    ['maxResults 0', (q) => (q.maxResults = 0), ['maxResults: maxResults must be at least 1']],
    ['maxResults over 100 000', (q) => (q.maxResults = 100_001), ['maxResults: maxResults must be at most 100000']],
    ['wall time H:mm', (q) => (q.participants[0].weeklyHours[0].start = '9:00'), ['participants.0.weeklyHours.0.start: expected a wall time HH:mm between 00:00 and 23:59']],
    ['wall time 25:00', (q) => (q.participants[0].weeklyHours[0].end = '25:00'), ["participants.0.weeklyHours.0.end: expected a wall time HH:mm between 00:01 and 24:00 ('24:00' = midnight at the end of the day)"]],
    ["'24:00' as a start", (q) => (q.participants[0].weeklyHours[0].start = '24:00'), ['participants.0.weeklyHours.0.start: expected a wall time HH:mm between 00:00 and 23:59']],
    ['weekly range ending before it starts', (q) => (q.participants[0].weeklyHours[0] = { day: 'mon', start: '17:00', end: '09:00' }), ["participants.0.weeklyHours.0.end: end must be after start; for hours past midnight use '24:00' here and a second range on the next day"]],
    ['empty weekly range', (q) => (q.participants[0].weeklyHours[0] = { day: 'mon', start: '09:00', end: '09:00' }), ["participants.0.weeklyHours.0.end: end must be after start; for hours past midnight use '24:00' here and a second range on the next day"]],
    ['unknown weekday', (q) => (q.participants[0].weeklyHours[0].day = 'monday'), ['participants.0.weeklyHours.0.day: expected a weekday: mon, tue, wed, thu, fri, sat or sun']],
    ['override range ending before it starts', (q) => (q.participants[0].dateOverrides[0].intervals = [{ start: '12:00', end: '10:00' }]), ["participants.0.dateOverrides.0.intervals.0.end: end must be after start; for hours past midnight use '24:00' here and a second range on the next day"]],
    ['impossible override date', (q) => (q.participants[0].dateOverrides[0].date = '2026-02-30'), ["participants.0.dateOverrides.0.date: invalid date '2026-02-30' (expected a real date as YYYY-MM-DD)"]],
    ['the same date overridden twice', (q) => q.participants[0].dateOverrides.push({ date: '2026-03-30', intervals: [] }), ['participants.0.dateOverrides.1.date: date 2026-03-30 is overridden twice']],
    ['duplicate participant ids', (q) => q.participants.push({ id: 'u1', timeZone: 'UTC' }), ["participants.1.id: participant id 'u1' is used twice"]],
    ['duplicate room ids', (q) => q.rooms.push({ id: 'r1', busy: [] }), ["rooms.1.id: room id 'r1' is used twice"]],
    ['no participants', (q) => (q.participants = []), ['participants: at least one participant is required']],
    ['required larger than the participant count', (q) => (q.required = 2), ['required: required is 2 but only 1 participant(s) were given']],
    ['required 0', (q) => (q.required = 0), ["required: required must be 'all' or a whole number of participants ≥ 1"]],
    ["required 'any'", (q) => (q.required = 'any'), ["required: required must be 'all' or a whole number of participants ≥ 1"]],
    ['roomRequired without rooms', (q) => (q.rooms = []), ['rooms: roomRequired is true but no rooms were given']],
    ['a misspelt key', (q) => (q.bufferBefore = 10), [': Unrecognized key: "bufferBefore"']],
    ['an empty id', (q) => (q.participants[0].id = ''), ['participants.0.id: id must not be empty']],
    ['a missing duration', (q) => delete q.durationMinutes, ['durationMinutes: required']],
    ['a missing zone', (q) => delete q.participants[0].timeZone, ['participants.0.timeZone: required']],
    ['a missing window end', (q) => delete q.window.end, ['window.end: required']],
  ];
  for (const [name, edit, expected] of rejected) {
    test(name, () => assert.deepEqual(issues(edit), expected));
  }

  test('several problems are reported together', () => {
    const found = issues((q) => {
      q.timeZone = 'Mars/Base';
      q.intervalMinutes = 0;
      delete q.now;
    });
    assert.deepEqual(found.sort(), [
      'intervalMinutes: intervalMinutes must be greater than 0',
      'now: required',
      "timeZone: unknown time zone 'Mars/Base'",
    ]);
  });

  test('never throws on arbitrary JSON, also inside a valid-looking query', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('now', 'window', 'timeZone', 'participants', 'rooms', 'required', 'maxResults'), (junk, key) => {
        assert.doesNotThrow(() => SlotQuerySchema.safeParse(junk));
        const q = structuredClone(base()) as Record<string, unknown>;
        q[key] = junk;
        assert.doesNotThrow(() => SlotQuerySchema.safeParse(q));
      }),
      { numRuns: 500 },
    );
  });
});

describe('SlotResultSchema', () => {
  test('accepts the engine’s result for the issue’s example, and it starts as expected', () => {
    const result = computeSlots(SlotQuerySchema.parse(base()));
    assert.deepEqual(SlotResultSchema.parse(result), result);
    // Monday 2026-03-23, Berlin 09:00 = 08:00Z; busy 09:00–10:30Z leaves 08:00 and then 10:30 onwards.
    assert.deepEqual(result.slots.slice(0, 3), [
      { start: '2026-03-23T08:00:00Z', end: '2026-03-23T09:00:00Z', participantIds: ['u1'], roomId: 'r1' },
      { start: '2026-03-23T10:30:00Z', end: '2026-03-23T11:30:00Z', participantIds: ['u1'], roomId: 'r1' },
      { start: '2026-03-23T10:45:00Z', end: '2026-03-23T11:45:00Z', participantIds: ['u1'], roomId: 'r1' },
    ]);
    // Monday 2026-03-30 is overridden to 10:00–12:00 CEST = 08:00–10:00Z.
    assert.deepEqual(
      result.slots.filter((s) => s.start.startsWith('2026-03-30')).map((s) => s.start),
      ['2026-03-30T08:00:00Z', '2026-03-30T08:15:00Z', '2026-03-30T08:30:00Z', '2026-03-30T08:45:00Z', '2026-03-30T09:00:00Z'],
    );
  });
  test('rejects a slot without participants list', () => {
    assert.equal(
      SlotResultSchema.safeParse({ slots: [{ start: '2026-03-23T08:00:00Z', end: '2026-03-23T09:00:00Z' }], truncated: false, diagnostics: { candidateCount: 0, participants: [], rooms: [] } }).success,
      false,
    );
  });
});
