/**
 * DOM-free logic of the slot picker (month-grid model, i18n lookup and language resolution) and the hand-written
 * response checks of the client, cross-checked against the contract's zod schemas. Exact values, table-driven.
 */
import { expect } from '@open-wc/testing';
import { z } from 'zod';
import { takenSlots, bookingDetails, slotList, hold, appointment } from '../../src/client/validate.js';
import { createFormats, resolveLocale, translate } from '../../src/elements/i18n/index.js';
import {
  addMonths,
  groupSlotsByDay,
  initialDate,
  monthWeeks,
  moveDate,
  zonedDate,
  type GridKey,
} from '../../src/elements/slot-picker/internal/month-grid.js';
import {
  BookedAppointmentSchema,
  BookingDetailsSchema,
  HoldSchema,
  SlotListSchema,
} from '../../src/shared/api/public-booking.js';
import { SLOTS, appointmentFor, details } from './support/fake-public-api.js';

describe('month-grid model', () => {
  it('lays out a month in Monday-first weeks with neighbours as null', () => {
    const weeks = monthWeeks('2026-03-17');
    expect(weeks).to.have.length(6);
    expect(weeks[0]).to.deep.equal([null, null, null, null, null, null, '2026-03-01']);
    expect(weeks[5]).to.deep.equal(['2026-03-30', '2026-03-31', null, null, null, null, null]);
    expect(monthWeeks('2021-02-01')).to.have.length(4); // February 2021 starts on a Monday and has 28 days
    expect(monthWeeks('2021-02-01')[3]![6]).to.equal('2021-02-28');
  });

  it('adds months clamping to the month length', () => {
    expect(addMonths('2026-01-31', 1)).to.equal('2026-02-28');
    expect(addMonths('2024-01-31', 1)).to.equal('2024-02-29');
    expect(addMonths('2026-03-31', -1)).to.equal('2026-02-28');
    expect(addMonths('2026-12-15', 1)).to.equal('2027-01-15');
  });

  const bounds = { min: '2026-03-01', max: '2026-04-30' };
  const moves: [string, GridKey, string, boolean?][] = [
    ['2026-03-30', 'ArrowRight', '2026-03-31'],
    ['2026-03-31', 'ArrowRight', '2026-04-01'],
    ['2026-03-30', 'ArrowLeft', '2026-03-29'],
    ['2026-03-30', 'ArrowLeft', '2026-03-31', true], // right-to-left mirrors the horizontal arrows
    ['2026-03-30', 'ArrowUp', '2026-03-23'],
    ['2026-03-30', 'ArrowDown', '2026-04-06'],
    ['2026-03-30', 'PageDown', '2026-04-30'],
    ['2026-03-31', 'PageDown', '2026-04-30'],
    ['2026-04-14', 'PageUp', '2026-03-14'],
    ['2026-03-14', 'PageUp', '2026-03-01'], // clamped to the first allowed day
    ['2026-04-01', 'Home', '2026-03-30'],
    ['2026-04-01', 'End', '2026-04-05'],
    ['2026-03-30', 'Home', '2026-03-30'],
    ['2026-04-29', 'ArrowDown', '2026-04-30'],
  ];
  for (const [from, key, to, rtl] of moves) {
    it(`moves ${key}${rtl ? ' (rtl)' : ''} from ${from} to ${to}`, () => {
      expect(moveDate(from, key, { ...bounds, rtl: rtl ?? false })).to.equal(to);
    });
  }

  it('finds the calendar date of an instant in a zone, across DST and the date line', () => {
    expect(zonedDate('2026-03-29T00:30:00Z', 'Europe/Berlin')).to.equal('2026-03-29');
    expect(zonedDate('2026-03-29T22:30:00Z', 'Europe/Berlin')).to.equal('2026-03-30'); // CEST, UTC+2
    expect(zonedDate('2026-03-29T22:30:00Z', 'Europe/London')).to.equal('2026-03-29');
    expect(zonedDate('2026-04-01T23:00:00Z', 'America/New_York')).to.equal('2026-04-01');
    expect(zonedDate('2026-04-01T23:00:00Z', 'Pacific/Kiritimati')).to.equal('2026-04-02');
    expect(zonedDate('2026-04-01T18:30:00Z', 'Asia/Kolkata')).to.equal('2026-04-02'); // +05:30
  });

  it('groups slots by local day in the zone, sorted, without touching the input', () => {
    const input = [...SLOTS].reverse();
    const copy = structuredClone(input);
    const berlin = groupSlotsByDay(input, 'Europe/Berlin');
    expect([...berlin.keys()]).to.deep.equal(['2026-03-30', '2026-04-01', '2026-04-02', '2026-04-14']);
    expect(berlin.get('2026-03-30')!.map((s) => s.start)).to.deep.equal(SLOTS.slice(0, 4).map((s) => s.start));
    const ny = groupSlotsByDay(input, 'America/New_York');
    expect([...ny.entries()].map(([d, s]) => [d, s.length])).to.deep.equal([
      ['2026-03-30', 4],
      ['2026-04-01', 3],
      ['2026-04-14', 1],
    ]);
    expect(input).to.deep.equal(copy);
  });

  it('chooses the first day: the previous one if it still has times, else the first with times, else today', () => {
    const byDay = groupSlotsByDay(SLOTS, 'Europe/Berlin');
    expect(initialDate(byDay, bounds, '2026-03-10')).to.equal('2026-03-30');
    expect(initialDate(byDay, bounds, '2026-03-10', '2026-04-14')).to.equal('2026-04-14');
    expect(initialDate(byDay, bounds, '2026-03-10', '2026-03-31')).to.equal('2026-03-30');
    expect(initialDate(new Map(), bounds, '2026-02-10')).to.equal('2026-03-01');
  });
});

describe('i18n', () => {
  it('interpolates and keeps unknown placeholders visible', () => {
    expect(translate('en', 'timesOther', { count: 4 })).to.equal('4 times available');
    expect(translate('de', 'timeRange', { start: '09:00', end: '10:00' })).to.equal('09:00 bis 10:00');
    expect(translate('en', 'timeRange', { start: '09:00' })).to.equal('09:00 to {end}');
  });

  it('resolves the language from the element, its ancestors (through shadow roots), then the browser', () => {
    const host = document.createElement('div');
    host.setAttribute('lang', 'de-CH');
    const inner = document.createElement('span');
    host.attachShadow({ mode: 'open' }).append(inner);
    expect(resolveLocale(inner, ['en-US'])).to.deep.equal({ lang: 'de', locale: 'de-CH' });
    const loose = document.createElement('span');
    expect(resolveLocale(loose, ['fr-FR', 'de'])).to.deep.equal({ lang: 'de', locale: 'de-DE' });
    expect(resolveLocale(loose, ['en'])).to.deep.equal({ lang: 'en', locale: 'en-GB' });
    expect(resolveLocale(loose, ['fr'])).to.deep.equal({ lang: 'en', locale: 'en-GB' });
    const french = document.createElement('p');
    french.setAttribute('lang', 'fr');
    expect(resolveLocale(french, ['de-DE'])).to.deep.equal({ lang: 'de', locale: 'de-DE' });
  });

  it('falls back to the booking\'s language (details.locale) before the browser\'s when the page names none', () => {
    const loose = document.createElement('span');
    expect(resolveLocale(loose, ['en-US', 'de-AT'], 'de')).to.deep.equal({ lang: 'de', locale: 'de-AT' }, 'browser region kept');
    expect(resolveLocale(loose, ['en-US'], 'de')).to.deep.equal({ lang: 'de', locale: 'de-DE' });
    expect(resolveLocale(loose, ['de-DE'], 'en')).to.deep.equal({ lang: 'en', locale: 'en-GB' });
    const french = document.createElement('p');
    french.setAttribute('lang', 'fr');
    expect(resolveLocale(french, ['en'], 'de')).to.deep.equal({ lang: 'de', locale: 'de-DE' }, 'a language we lack');
    const english = document.createElement('p');
    english.setAttribute('lang', 'en');
    expect(resolveLocale(english, ['de'], 'de')).to.deep.equal({ lang: 'en', locale: 'en-GB' }, 'the page wins');
  });

  it('formats dates as calendar dates and times in the chosen zone', () => {
    const en = createFormats('en-GB', 'America/New_York');
    expect(en.date('2026-03-29')).to.equal('Sunday, 29 March 2026'); // DST day in Europe: still the same date
    expect(en.time('2026-03-30T07:00:00Z')).to.equal('03:00');
    expect(en.time('2026-03-30T07:00:00Z', 'Europe/Berlin')).to.equal('09:00');
    expect(createFormats('en-US', 'America/New_York').time('2026-03-30T17:00:00Z')).to.equal('1:00 PM');
    expect(createFormats('de-DE', 'Europe/Berlin').list(['Anna', 'Ben', 'Cem'])).to.equal('Anna, Ben und Cem');
  });
});

describe('client response checks agree with the contract schemas', () => {
  const cases: [string, (v: unknown) => unknown, z.ZodType, unknown][] = [
    ['details', bookingDetails, BookingDetailsSchema, details()],
    ['details booked online', bookingDetails, BookingDetailsSchema,
      details({ status: 'booked', location: { kind: 'online' }, appointment: appointmentFor(SLOTS[0]!) })],
    ['slot list', slotList, SlotListSchema, { timeZone: 'Europe/Berlin', durationMinutes: 60, slots: SLOTS }],
    ['hold', hold, HoldSchema, { holdId: 'h', ...SLOTS[0], expiresAt: '2026-03-30T06:10:00Z' }],
    ['appointment', appointment, BookedAppointmentSchema, appointmentFor(SLOTS[1]!)],
  ];
  for (const [name, check, schema, valid] of cases) {
    it(`accepts what zod accepts and rejects what it rejects: ${name}`, () => {
      expect(check(valid)).to.deep.equal(schema.parse(valid));
      const broken: unknown[] = [
        null,
        [],
        { ...(valid as object), start: '2026-03-30T07:00:00+02:00' },
        { ...(valid as object), timeZone: 7 },
        { ...(valid as object), status: 'maybe' },
        { ...(valid as object), durationMinutes: 0 },
        { ...(valid as object), location: { kind: 'moon' } },
      ].filter((b) => !schema.safeParse(b).success);
      expect(broken.length).to.be.at.least(2);
      for (const b of broken) expect(() => check(b), JSON.stringify(b)).to.throw(/Response field/);
    });
  }

  it('reads fresh alternatives from a slot_taken error, and nothing from junk', () => {
    expect(takenSlots({ slots: SLOTS.slice(0, 1) })).to.deep.equal(SLOTS.slice(0, 1));
    expect(takenSlots({ slots: [{ start: 'x' }] })).to.equal(undefined);
    expect(takenSlots(undefined)).to.equal(undefined);
  });
});
