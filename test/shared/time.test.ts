/**
 * Zoned-time helpers: the DST policy pinned with exact instants in every zone the engine promises, calendar
 * arithmetic, the ISO codec, and property checks against the minute-walking reference of test/engine/reference.ts.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addDays,
  createZoneOffsetTable,
  formatInstant,
  instantToWall,
  instantToZonedParts,
  isValidDate,
  isValidTimeZone,
  localDate,
  parseInstant,
  resolveWall,
  startOfLocalDay,
  tableOffsetAt,
  tableWallToInstant,
  wallTimeToMinutes,
  weekdayOfDate,
  zoneOffsetAt,
  zonedWallTimeToInstant,
} from '../../src/shared/time.js';
import { referenceWallToInstant } from '../engine/reference.js';

const ms = (iso: string): number => Date.parse(iso);

describe('isValidTimeZone', () => {
  const cases: [string, boolean][] = [
    ['Europe/Berlin', true],
    ['America/New_York', true],
    ['Australia/Lord_Howe', true],
    ['UTC', true],
    ['Asia/Calcutta', true], // legacy alias
    ['Mars/Base', false],
    ['', false],
    ['+01:00', false],
    ['-05:00', false],
    ['Europe/Berlin ', false],
    ['x'.repeat(100), false],
  ];
  for (const [zone, expected] of cases) {
    test(`${JSON.stringify(zone)} → ${expected}`, () => assert.equal(isValidTimeZone(zone), expected));
  }
});

describe('zonedWallTimeToInstant: DST policy (gap → forward by the gap, overlap → earlier instant)', () => {
  const cases: [zone: string, date: string, time: string, expected: string, why: string][] = [
    ['Europe/Berlin', '2026-03-29', '01:59', '2026-03-29T00:59:00Z', 'last minute of CET'],
    ['Europe/Berlin', '2026-03-29', '02:00', '2026-03-29T01:00:00Z', 'gap start → 03:00 CEST'],
    ['Europe/Berlin', '2026-03-29', '02:30', '2026-03-29T01:30:00Z', 'gap → 03:30 CEST'],
    ['Europe/Berlin', '2026-03-29', '03:00', '2026-03-29T01:00:00Z', 'first CEST minute'],
    ['Europe/Berlin', '2026-10-25', '01:59', '2026-10-24T23:59:00Z', 'before the overlap'],
    ['Europe/Berlin', '2026-10-25', '02:00', '2026-10-25T00:00:00Z', 'overlap → CEST'],
    ['Europe/Berlin', '2026-10-25', '02:30', '2026-10-25T00:30:00Z', 'overlap → CEST'],
    ['Europe/Berlin', '2026-10-25', '03:00', '2026-10-25T02:00:00Z', 'after the overlap'],
    ['Europe/Berlin', '2026-06-15', '24:00', '2026-06-15T22:00:00Z', "'24:00' = next day 00:00"],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:30:00Z', 'gap → 03:30 EDT'],
    ['America/New_York', '2026-03-08', '03:00', '2026-03-08T07:00:00Z', 'first EDT minute'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00Z', 'overlap → EDT'],
    ['America/New_York', '2026-11-01', '02:00', '2026-11-01T07:00:00Z', 'after the overlap'],
    ['Australia/Sydney', '2026-04-05', '02:30', '2026-04-04T15:30:00Z', 'overlap → AEDT'],
    ['Australia/Sydney', '2026-04-05', '03:00', '2026-04-04T17:00:00Z', 'after the overlap'],
    ['Australia/Sydney', '2026-10-04', '02:30', '2026-10-03T16:30:00Z', 'gap → 03:30 AEDT'],
    ['Australia/Lord_Howe', '2026-04-05', '01:45', '2026-04-04T14:45:00Z', '30-min overlap → +11:00'],
    ['Australia/Lord_Howe', '2026-04-05', '02:00', '2026-04-04T15:30:00Z', 'after the overlap, +10:30'],
    ['Australia/Lord_Howe', '2026-10-04', '02:00', '2026-10-03T15:30:00Z', '30-min gap → 02:30 +11:00'],
    ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:45:00Z', '30-min gap → 02:45 +11:00'],
    ['Australia/Lord_Howe', '2026-10-04', '02:30', '2026-10-03T15:30:00Z', 'first +11:00 minute'],
    ['Asia/Kolkata', '2026-03-29', '09:00', '2026-03-29T03:30:00Z', '+05:30, no DST'],
    ['Asia/Kathmandu', '2026-03-29', '09:00', '2026-03-29T03:15:00Z', '+05:45, no DST'],
    ['America/Santiago', '2026-09-06', '00:00', '2026-09-06T04:00:00Z', 'midnight skipped → 01:00 −03'],
    ['America/Santiago', '2026-04-04', '23:30', '2026-04-05T02:30:00Z', 'repeated 23:xx → −03'],
    ['America/Havana', '2026-11-01', '00:30', '2026-11-01T04:30:00Z', 'repeated 00:xx → CDT'],
    ['UTC', '2026-02-28', '24:00', '2026-03-01T00:00:00Z', "'24:00' across a month end"],
  ];
  for (const [zone, date, time, expected, why] of cases) {
    test(`${zone} ${date} ${time} → ${expected} (${why})`, () => {
      assert.equal(formatInstant(zonedWallTimeToInstant(date, time, zone)), expected);
    });
  }

  test('rejects unknown zones, bad dates and bad times with a RangeError', () => {
    assert.throws(() => zonedWallTimeToInstant('2026-03-29', '09:00', 'Mars/Base'), RangeError);
    assert.throws(() => zonedWallTimeToInstant('2026-02-30', '09:00', 'UTC'), /invalid date '2026-02-30'/);
    assert.throws(() => zonedWallTimeToInstant('2026-03-29', '9:00', 'UTC'), /invalid wall time '9:00'/);
    assert.throws(() => zonedWallTimeToInstant('2026-03-29', '24:01', 'UTC'), /invalid wall time/);
  });
});

describe('startOfLocalDay', () => {
  const cases: [string, string, string][] = [
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00Z'],
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00Z'], // no 00:00 that day: the day begins at 01:00 −03
    ['2026-04-05', 'America/Santiago', '2026-04-05T04:00:00Z'],
    ['2026-03-08', 'America/Havana', '2026-03-08T05:00:00Z'], // 00:00 skipped
    ['2026-11-01', 'America/Havana', '2026-11-01T04:00:00Z'], // 00:00 repeated: the earlier one
    ['2026-03-29', 'Asia/Kathmandu', '2026-03-28T18:15:00Z'],
  ];
  for (const [date, zone, expected] of cases) {
    test(`${date} in ${zone} begins at ${expected}`, () => assert.equal(formatInstant(startOfLocalDay(date, zone)), expected));
  }
});

describe('instantToZonedParts and localDate', () => {
  test('Berlin, first CEST instant', () => {
    assert.deepEqual(instantToZonedParts(ms('2026-03-29T01:00:00Z'), 'Europe/Berlin'), {
      year: 2026, month: 3, day: 29, hour: 3, minute: 0, second: 0, weekday: 0, weekdayName: 'sun',
    });
  });
  test('Lord Howe, both sides of the fall-back', () => {
    assert.equal(instantToZonedParts(ms('2026-04-04T14:59:00Z'), 'Australia/Lord_Howe').hour, 1);
    assert.equal(instantToZonedParts(ms('2026-04-04T14:59:00Z'), 'Australia/Lord_Howe').minute, 59);
    assert.equal(instantToZonedParts(ms('2026-04-04T15:00:00Z'), 'Australia/Lord_Howe').minute, 30);
  });
  test('Kathmandu keeps seconds and the weekday', () => {
    assert.deepEqual(instantToZonedParts(ms('2026-03-30T18:14:59Z'), 'Asia/Kathmandu'), {
      year: 2026, month: 3, day: 30, hour: 23, minute: 59, second: 59, weekday: 1, weekdayName: 'mon',
    });
  });
  const dates: [string, string, string][] = [
    ['2026-03-29T22:30:00Z', 'Europe/Berlin', '2026-03-30'],
    ['2026-03-29T22:30:00Z', 'America/New_York', '2026-03-29'],
    ['2026-03-29T22:30:00Z', 'Pacific/Chatham', '2026-03-30'],
    ['2026-03-29T10:14:00Z', 'Pacific/Kiritimati', '2026-03-30'],
    ['2026-01-01T00:00:00Z', 'UTC', '2026-01-01'],
  ];
  for (const [iso, zone, expected] of dates) {
    test(`localDate(${iso}, ${zone}) = ${expected}`, () => assert.equal(localDate(ms(iso), zone), expected));
  }
  test('zoneOffsetAt in ms', () => {
    assert.equal(zoneOffsetAt(ms('2026-01-15T12:00:00Z'), 'Asia/Kathmandu'), (5 * 60 + 45) * 60_000);
    assert.equal(zoneOffsetAt(ms('2026-01-15T12:00:00Z'), 'America/St_Johns'), -(3 * 60 + 30) * 60_000);
    assert.equal(zoneOffsetAt(ms('2026-01-15T12:00:00Z'), 'Pacific/Chatham'), (13 * 60 + 45) * 60_000);
  });
});

describe('calendar arithmetic', () => {
  const adds: [string, number, string][] = [
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2100-02-28', 1, '2100-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-01-01', 365, '2027-01-01'],
  ];
  for (const [date, n, expected] of adds) test(`addDays(${date}, ${n}) = ${expected}`, () => assert.equal(addDays(date, n), expected));
  test('isValidDate', () => {
    assert.equal(isValidDate('2028-02-29'), true);
    assert.equal(isValidDate('2026-02-29'), false);
    assert.equal(isValidDate('2026-04-31'), false);
    assert.equal(isValidDate('2026-4-01'), false);
    assert.equal(isValidDate('2026-00-10'), false);
  });
  test('weekdayOfDate: 0 = Sunday', () => {
    assert.equal(weekdayOfDate('2026-03-29'), 0);
    assert.equal(weekdayOfDate('2026-03-30'), 1);
    assert.equal(weekdayOfDate('1970-01-01'), 4);
    assert.equal(weekdayOfDate('1969-12-31'), 3);
  });
  test('wallTimeToMinutes', () => {
    assert.equal(wallTimeToMinutes('00:00'), 0);
    assert.equal(wallTimeToMinutes('23:59'), 1439);
    assert.equal(wallTimeToMinutes('24:00', true), 1440);
    assert.throws(() => wallTimeToMinutes('24:00'), RangeError);
    assert.throws(() => wallTimeToMinutes('12:60'), RangeError);
  });
});

describe('ISO instants', () => {
  const parses: [string, number][] = [
    ['2026-03-23T09:00:00Z', Date.UTC(2026, 2, 23, 9)],
    ['2026-03-23T09:00:00.5Z', Date.UTC(2026, 2, 23, 9, 0, 0, 500)],
    ['2026-03-23T09:00:00.123456Z', Date.UTC(2026, 2, 23, 9, 0, 0, 123)],
    ['2028-02-29T23:59:59Z', Date.UTC(2028, 1, 29, 23, 59, 59)],
    ['1969-12-31T23:59:59Z', -1000],
    ['2026-03-23T10:00:00+01:00', Date.UTC(2026, 2, 23, 9)], // not the wire format: Date.parse fallback
  ];
  for (const [iso, expected] of parses) test(`parseInstant(${iso})`, () => assert.equal(parseInstant(iso), expected));
  test('parseInstant rejects garbage', () => {
    assert.throws(() => parseInstant('yesterday'), /invalid instant 'yesterday'/);
    assert.throws(() => parseInstant('2026-02-30T00:00:00Z'), RangeError);
  });
  test('formatInstant omits zero milliseconds', () => {
    assert.equal(formatInstant(Date.UTC(2026, 2, 23, 9)), '2026-03-23T09:00:00Z');
    assert.equal(formatInstant(Date.UTC(2026, 2, 23, 9, 0, 0, 7)), '2026-03-23T09:00:00.007Z');
    assert.equal(formatInstant(-1000), '1969-12-31T23:59:59Z');
  });
  test('parseInstant and formatInstant agree with Date on random instants', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2199, 11, 31) }), (t) => {
        const iso = new Date(t).toISOString();
        assert.equal(parseInstant(iso), t);
        assert.equal(formatInstant(t), t % 1000 === 0 ? iso.replace('.000Z', 'Z') : iso);
      }),
      { numRuns: 2000 },
    );
  });
});

const ZONES = [
  'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe',
  'America/Santiago', 'America/Havana', 'Pacific/Chatham', 'America/St_Johns', 'Africa/Casablanca', 'UTC',
];
/** Minutes near 2026 transitions, where the policy matters. */
const NEAR_TRANSITIONS = [
  '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z',
  '2026-04-04T15:30:00Z', '2026-10-03T16:00:00Z', '2026-09-06T04:00:00Z', '2026-09-26T14:00:00Z',
  '2026-02-15T02:00:00Z', '2026-03-22T02:00:00Z', // Casablanca's Ramadan switches
].map(ms);

describe('properties', () => {
  const wallArb = fc.oneof(
    fc.tuple(fc.constantFrom(...NEAR_TRANSITIONS), fc.integer({ min: -20 * 60, max: 20 * 60 })).map(([a, m]) => a + m * 60_000),
    fc.integer({ min: Date.UTC(2000, 0, 1) / 60_000, max: Date.UTC(2040, 0, 1) / 60_000 }).map((m) => m * 60_000),
  );

  test('zonedWallTimeToInstant equals the minute-walking reference', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), wallArb, (zone, wall) => {
        const date = new Date(wall).toISOString().slice(0, 10);
        const time = new Date(wall).toISOString().slice(11, 16);
        assert.equal(zonedWallTimeToInstant(date, time, zone), referenceWallToInstant(zone, wall));
      }),
      { numRuns: 300 },
    );
  });

  test('offset tables agree with direct Intl lookups, inside and outside their span', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...NEAR_TRANSITIONS),
        fc.array(fc.integer({ min: -10 * 1440, max: 10 * 1440 }), { minLength: 1, maxLength: 20 }),
        (zone, anchor, offsets) => {
          const table = createZoneOffsetTable(zone, anchor - 3 * 86_400_000, anchor + 3 * 86_400_000);
          for (const m of offsets) {
            const t = anchor + m * 60_000;
            assert.equal(tableOffsetAt(table, t), zoneOffsetAt(t, zone));
            assert.equal(tableWallToInstant(table, t), resolveWall(t, (x) => zoneOffsetAt(x, zone)));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  test('an instant that is the first with its wall time round-trips', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), wallArb, (zone, t) => {
        const p = instantToZonedParts(t, zone);
        const back = zonedWallTimeToInstant(
          `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`,
          `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`,
          zone,
        );
        // Equal, or `t` is the later of two instants showing the same wall time.
        assert.ok(back === t || (back < t && instantToWall(back, zone) === instantToWall(t, zone)));
      }),
      { numRuns: 500 },
    );
  });
});

test('offset tables find every 2026 transition of every zone this runtime knows', () => {
  const from = ms('2026-01-01T00:00:00Z');
  const to = ms('2027-01-01T00:00:00Z');
  const zones = Intl.supportedValuesOf('timeZone');
  assert.ok(zones.length > 300);
  for (const zone of zones) {
    const table = createZoneOffsetTable(zone, from, to);
    for (let t = from; t < to; t += 12 * 3_600_000) {
      if (tableOffsetAt(table, t) !== zoneOffsetAt(t, zone)) assert.fail(`${zone} at ${new Date(t).toISOString()}`);
    }
    for (const tr of table.transitions) {
      // A transition is the first second of the new offset.
      assert.notEqual(zoneOffsetAt(tr - 1000, zone), zoneOffsetAt(tr, zone), zone);
    }
  }
});
