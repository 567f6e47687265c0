/**
 * DOM-free logic of the availability editor (internal/week-model.ts) and the availability client's response check,
 * table-driven with exact values; the editor's validation is cross-checked against the contract's zod schema
 * (`UpdateAvailabilitySchema`) on generated input, so the element refuses exactly what the server refuses.
 */
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { ApiError } from '../../src/client/api-error.js';
import { availabilityView } from '../../src/client/availability-client.js';
import {
  DEFAULT_WEEKLY,
  cellState,
  formatWall,
  hasHoursOutside,
  moveCell,
  normalize,
  overrideIssues,
  paintRect,
  parseValue,
  parseWall,
  rangeIssues,
  rangesFromWeek,
  removeSpan,
  serializeValue,
  toggleCell,
  weekFromRanges,
  type GridKey,
  type Pos,
  type WeeklyRange,
} from '../../src/elements/availability-editor/internal/week-model.js';
import { AvailabilitySchema, UpdateAvailabilitySchema } from '../../src/shared/api/users.js';
import { DEFAULT_AVAILABILITY } from './support/fake-admin-api.js';

const r = (day: WeeklyRange['day'], start: string, end: string): WeeklyRange => ({ day, start, end });

describe('week model: wall times and spans', () => {
  it('parses and formats wall times; 24:00 only as an end', () => {
    expect(parseWall('00:00')).to.equal(0);
    expect(parseWall('09:30')).to.equal(570);
    expect(parseWall('23:59')).to.equal(1439);
    expect(parseWall('24:00', true)).to.equal(1440);
    expect(parseWall('24:00')).to.be.NaN;
    for (const bad of ['9:00', '24:01', '12:60', '', '12:00:00']) expect(parseWall(bad, true), bad).to.be.NaN;
    expect(formatWall(570)).to.equal('09:30');
    expect(formatWall(1440)).to.equal('24:00');
  });

  it('merges overlapping and touching spans, sorted', () => {
    expect(normalize([{ start: 600, end: 700 }, { start: 540, end: 600 }, { start: 650, end: 800 }, { start: 900, end: 960 }])).to.deep.equal([
      { start: 540, end: 800 },
      { start: 900, end: 960 },
    ]);
    expect(normalize([{ start: 60, end: 60 }])).to.deep.equal([]);
  });

  it('removes a span, splitting what it cuts through', () => {
    expect(removeSpan([{ start: 540, end: 1020 }], { start: 720, end: 780 })).to.deep.equal([
      { start: 540, end: 720 },
      { start: 780, end: 1020 },
    ]);
    expect(removeSpan([{ start: 540, end: 600 }], { start: 540, end: 600 })).to.deep.equal([]);
  });

  it('round-trips wire ranges through a week, merging overlaps and keeping odd minutes and 24:00', () => {
    const week = weekFromRanges([r('mon', '13:00', '17:15'), r('mon', '09:00', '12:00'), r('mon', '11:00', '12:30'), r('sun', '22:00', '24:00')]);
    expect(rangesFromWeek(week)).to.deep.equal([r('mon', '09:00', '12:30'), r('mon', '13:00', '17:15'), r('sun', '22:00', '24:00')]);
    expect(rangesFromWeek(weekFromRanges(DEFAULT_WEEKLY))).to.deep.equal(DEFAULT_WEEKLY);
  });
});

describe('week model: cells and painting', () => {
  const week = weekFromRanges([r('mon', '09:00', '10:15')]);

  it('reads a cell as on, off or partly covered', () => {
    expect(cellState(week.mon, 18)).to.equal('on'); // 09:00–09:30
    expect(cellState(week.mon, 19)).to.equal('on');
    expect(cellState(week.mon, 20)).to.equal('partial'); // 10:00–10:30, covered to 10:15
    expect(cellState(week.mon, 21)).to.equal('off');
    expect(cellState(week.tue, 18)).to.equal('off');
  });

  it('paints and erases the rectangle between two cells, whichever corner comes first', () => {
    const painted = paintRect(week, { day: 2, cell: 21 }, { day: 1, cell: 20 }, true); // Tue–Wed 10:00–11:00
    expect(rangesFromWeek(painted)).to.deep.equal([r('mon', '09:00', '10:15'), r('tue', '10:00', '11:00'), r('wed', '10:00', '11:00')]);
    const erased = paintRect(painted, { day: 0, cell: 18 }, { day: 1, cell: 20 }, false); // Mon–Tue 09:00–10:30
    expect(rangesFromWeek(erased)).to.deep.equal([r('tue', '10:30', '11:00'), r('wed', '10:00', '11:00')]);
    expect(rangesFromWeek(week)).to.deep.equal([r('mon', '09:00', '10:15')]); // the input is untouched
  });

  it('toggles: a partly covered cell fills, a full one clears', () => {
    const filled = toggleCell(week, { day: 0, cell: 20 });
    expect(filled.on).to.equal(true);
    expect(rangesFromWeek(filled.week)).to.deep.equal([r('mon', '09:00', '10:30')]);
    const cleared = toggleCell(filled.week, { day: 0, cell: 18 });
    expect(cleared.on).to.equal(false);
    expect(rangesFromWeek(cleared.week)).to.deep.equal([r('mon', '09:30', '10:30')]);
  });

  it('knows when hours lie outside the rows shown', () => {
    expect(hasHoursOutside(weekFromRanges(DEFAULT_WEEKLY), 14, 39)).to.equal(false); // 07:00–20:00
    expect(hasHoursOutside(weekFromRanges([r('tue', '06:30', '08:00')]), 14, 39)).to.equal(true);
    expect(hasHoursOutside(weekFromRanges([r('tue', '19:00', '20:30')]), 14, 39)).to.equal(true);
  });

  const bounds = { first: 14, last: 39 };
  const moves: [Pos, GridKey, Pos, { rtl?: boolean; ctrl?: boolean }?][] = [
    [{ day: 0, cell: 18 }, 'ArrowDown', { day: 0, cell: 19 }],
    [{ day: 0, cell: 18 }, 'ArrowUp', { day: 0, cell: 17 }],
    [{ day: 0, cell: 14 }, 'ArrowUp', { day: 0, cell: 14 }], // first row: stays
    [{ day: 0, cell: 39 }, 'ArrowDown', { day: 0, cell: 39 }], // last row: stays
    [{ day: 0, cell: 18 }, 'ArrowRight', { day: 1, cell: 18 }],
    [{ day: 0, cell: 18 }, 'ArrowLeft', { day: 0, cell: 18 }], // Monday: stays
    [{ day: 6, cell: 18 }, 'ArrowRight', { day: 6, cell: 18 }], // Sunday: stays
    [{ day: 3, cell: 18 }, 'ArrowRight', { day: 2, cell: 18 }, { rtl: true }],
    [{ day: 3, cell: 18 }, 'PageDown', { day: 3, cell: 22 }],
    [{ day: 3, cell: 16 }, 'PageUp', { day: 3, cell: 14 }],
    [{ day: 3, cell: 20 }, 'Home', { day: 0, cell: 20 }],
    [{ day: 3, cell: 20 }, 'End', { day: 6, cell: 20 }],
    [{ day: 3, cell: 20 }, 'Home', { day: 0, cell: 14 }, { ctrl: true }],
    [{ day: 3, cell: 20 }, 'End', { day: 6, cell: 39 }, { ctrl: true }],
  ];
  for (const [from, key, to, opts] of moves) {
    it(`${opts?.ctrl ? 'Ctrl+' : ''}${key}${opts?.rtl ? ' (rtl)' : ''} from ${from.day}/${from.cell} goes to ${to.day}/${to.cell}`, () => {
      expect(moveCell(from, key, bounds, opts)).to.deep.equal(to);
    });
  }
});

describe('week model: validation and value', () => {
  it('reports a missing time, an end not after its start and overlaps; touching ranges are fine', () => {
    expect(rangeIssues([{ start: '09:00', end: '12:00' }, { start: '12:00', end: '13:00' }])).to.deep.equal([]);
    expect(rangeIssues([{ start: '', end: '12:00' }])).to.deep.equal([{ index: 0, field: 'start', code: 'time' }]);
    expect(rangeIssues([{ start: '09:00', end: '' }])).to.deep.equal([{ index: 0, field: 'end', code: 'time' }]);
    expect(rangeIssues([{ start: '12:00', end: '09:00' }])).to.deep.equal([{ index: 0, field: 'end', code: 'order' }]);
    expect(rangeIssues([{ start: '12:00', end: '12:00' }])).to.deep.equal([{ index: 0, field: 'end', code: 'order' }]);
    expect(rangeIssues([{ start: '11:00', end: '13:00' }, { start: '10:00', end: '12:00' }])).to.deep.equal([{ index: 0, field: 'start', code: 'overlap' }]);
    expect(rangeIssues([{ start: '22:00', end: '24:00' }])).to.deep.equal([]);
  });

  it('reports invalid and repeated override dates', () => {
    expect(
      overrideIssues([
        { date: '2026-02-30', intervals: [] },
        { date: '2026-04-06', intervals: [] },
        { date: '2026-04-06', intervals: [{ start: '10:00', end: '09:00' }] },
      ]),
    ).to.deep.equal([
      { override: 0, field: 'date', code: 'date' },
      { override: 2, field: 'date', code: 'duplicate' },
      { override: 2, interval: 0, field: 'end', code: 'order' },
    ]);
  });

  it('refuses exactly what the contract refuses (generated ranges and overrides)', () => {
    const time = fc.oneof(
      fc.constantFrom('', '24:00', '9:00', '12:60'),
      fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    );
    const interval = fc.record({ start: time, end: time });
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 4 }), fc.constantFrom('2026-04-06', '2026-02-30'), (intervals, date) => {
        const ours = overrideIssues([{ date, intervals }]).length === 0;
        const theirs = UpdateAvailabilitySchema.safeParse({ dateOverrides: [{ date, intervals }] }).success;
        expect(ours, JSON.stringify({ date, intervals })).to.equal(theirs);
      }),
      { numRuns: 400 },
    );
  });

  it('serialises equal availability to an equal string, in wire order, that the contract accepts', () => {
    const a = weekFromRanges([r('tue', '13:00', '14:00'), r('mon', '09:00', '10:00')]);
    const b = weekFromRanges([r('mon', '09:00', '09:30'), r('mon', '09:30', '10:00'), r('tue', '13:00', '14:00')]);
    const overrides = [
      { date: '2026-04-07', intervals: [{ start: '14:00', end: '15:00' }, { start: '09:00', end: '10:00' }] },
      { date: '2026-04-06', intervals: [] },
    ];
    const text = serializeValue(a, overrides);
    expect(serializeValue(b, [...overrides].reverse())).to.equal(text);
    expect(JSON.parse(text)).to.deep.equal({
      weeklyHours: [r('mon', '09:00', '10:00'), r('tue', '13:00', '14:00')],
      dateOverrides: [
        { date: '2026-04-06', intervals: [] },
        { date: '2026-04-07', intervals: [{ start: '09:00', end: '10:00' }, { start: '14:00', end: '15:00' }] },
      ],
    });
    expect(UpdateAvailabilitySchema.safeParse(JSON.parse(text)).success).to.equal(true);
  });

  it('reads a value string, refusing what the grid could not show', () => {
    expect(parseValue('{"weeklyHours":[{"day":"mon","start":"09:00","end":"10:00"}],"dateOverrides":[]}')).to.deep.equal({
      weeklyHours: [r('mon', '09:00', '10:00')],
      dateOverrides: [],
    });
    expect(parseValue('{}')).to.deep.equal({ weeklyHours: [], dateOverrides: [] });
    for (const bad of ['', 'nope', '[]', '{"weeklyHours":[{"day":"mon","start":"10:00","end":"09:00"}]}', '{"weeklyHours":[{"day":"xyz","start":"09:00","end":"10:00"}]}', '{"dateOverrides":[{"date":1}]}']) {
      expect(parseValue(bad), bad).to.equal(null);
    }
    // Override problems are kept: the override fields show and fix them.
    expect(parseValue('{"dateOverrides":[{"date":"2026-04-06","intervals":[{"start":"10:00","end":"09:00"}]}]}')?.dateOverrides).to.have.length(1);
  });
});

describe('availability client check', () => {
  it('accepts what the contract schema produces and rebuilds only known keys', () => {
    const fixture = AvailabilitySchema.parse({
      ...DEFAULT_AVAILABILITY,
      dateOverrides: [{ date: '2026-04-06', intervals: [{ start: '22:00', end: '24:00' }] }],
    });
    expect(availabilityView({ ...fixture, extra: 1 })).to.deep.equal(fixture);
  });

  it('refuses a malformed answer with ApiError invalid_response naming the field', () => {
    const bad = { ...DEFAULT_AVAILABILITY, weeklyHours: [{ day: 'mon', start: '9', end: '17:00' }] };
    let error: unknown;
    try {
      availabilityView(bad);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).code).to.equal('invalid_response');
    expect((error as ApiError).message).to.include('weeklyHours[0].start');
  });
});
