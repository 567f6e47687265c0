/**
 * The DOM-free logic of `<dv-booking-request>`: the booking window in the request's zone, period validation, whole
 * days as instants across a DST switch, the 14-day preview steps, the preview's decisions from check answers, and
 * failure reasons from a request view.
 */
import { expect } from '@open-wc/testing';
import type { AvailabilityCheckInput } from '../../src/client/scheduling-client.js';
import {
  bookingWindow,
  defaultPeriod,
  failureOf,
  periodInstants,
  periodProblem,
  previewDays,
  runPreview,
} from '../../src/elements/booking-request/internal/period.js';
import { answerCheck, createFakeApi } from './support/fake-scheduling-api.js';

describe('booking-request period logic', () => {
  it('the window is tomorrow … +32 days counted in the request’s zone', () => {
    const now = Date.parse('2026-11-24T23:30:00Z'); // already the 25th in Berlin, still the 24th in New York
    expect(bookingWindow(now, 'Europe/Berlin')).to.deep.equal({ min: '2026-11-26', max: '2026-12-27' });
    expect(bookingWindow(now, 'America/New_York')).to.deep.equal({ min: '2026-11-25', max: '2026-12-26' });
    expect(bookingWindow(now, 'Europe/Berlin', 2, 10)).to.deep.equal({ min: '2026-11-27', max: '2026-12-05' });
    expect(defaultPeriod({ min: '2026-11-26', max: '2026-12-27' })).to.deep.equal({ from: '2026-11-26', to: '2026-12-09' });
    expect(defaultPeriod({ min: '2026-11-26', max: '2026-11-30' })).to.deep.equal({ from: '2026-11-26', to: '2026-11-30' });
  });

  it('period problems', () => {
    const w = { min: '2026-11-25', max: '2026-12-26' };
    expect(periodProblem('', '2026-12-01', w)).to.equal('periodMissing');
    expect(periodProblem('2026-02-30', '2026-12-01', w)).to.equal('periodMissing');
    expect(periodProblem('2026-12-02', '2026-12-01', w)).to.equal('periodOrder');
    expect(periodProblem('2026-11-24', '2026-12-01', w)).to.equal('periodOutside');
    expect(periodProblem('2026-11-25', '2026-12-27', w)).to.equal('periodOutside');
    expect(periodProblem('2026-11-25', '2026-12-26', w)).to.equal(null);
    expect(periodProblem('2026-12-01', '2026-12-01', w)).to.equal(null);
  });

  it('whole days as a half-open instant range, across the spring-forward day', () => {
    expect(periodInstants('2026-03-28', '2026-03-29', 'Europe/Berlin')).to.deep.equal({ start: '2026-03-27T23:00:00Z', end: '2026-03-29T22:00:00Z' });
    expect(periodInstants('2026-11-25', '2026-11-25', 'Asia/Kolkata')).to.deep.equal({ start: '2026-11-24T18:30:00Z', end: '2026-11-25T18:30:00Z' });
  });

  it('preview steps: one proposed day per 14 days of the period', () => {
    expect(previewDays('2026-11-25', '2026-12-08')).to.deep.equal(['2026-11-25']);
    expect(previewDays('2026-11-25', '2026-12-09')).to.deep.equal(['2026-11-25', '2026-12-09']);
    expect(previewDays('2026-11-25', '2026-12-26')).to.deep.equal(['2026-11-25', '2026-12-09', '2026-12-23']);
  });

  it('preview: a common time found stops the scan; suggestions past the period do not count', async () => {
    const world = createFakeApi().world;
    const bodies: AvailabilityCheckInput[] = [];
    const found = await runPreview(
      async (body) => {
        bodies.push(body);
        return answerCheck({ ...world, suggestions: ['2026-12-20T09:00:00Z'] }, body);
      },
      { participantIds: ['anna', 'ben'], durationMinutes: 30, timeZone: 'Europe/Berlin', from: '2026-11-25', to: '2026-12-26' },
    );
    expect(found).to.deep.equal({ anySlot: true, first: { start: '2026-12-20T09:00:00Z', end: '2026-12-20T09:30:00Z' }, noFreeTime: [], notConnected: [], unverified: [] });
    expect(bodies).to.have.length(1);
    const late = await runPreview(async (body) => answerCheck({ ...world, suggestions: ['2026-12-20T09:00:00Z'] }, body), {
      participantIds: ['anna'],
      durationMinutes: 30,
      timeZone: 'Europe/Berlin',
      from: '2026-11-25',
      to: '2026-12-01',
    });
    expect(late.anySlot).to.equal(false);
    expect(late.noFreeTime).to.deep.equal([{ id: 'anna', name: 'Anna Schmidt' }]);
  });

  it('preview: unconnected and unreadable calendars are reported separately', async () => {
    const world = { ...createFakeApi().world, unverified: ['ben'], suggestions: ['2026-11-26T09:00:00Z'] };
    const out = await runPreview(async (body) => answerCheck(world, body), {
      participantIds: ['anna', 'ben', 'dora'],
      durationMinutes: 30,
      timeZone: 'Europe/Berlin',
      from: '2026-11-25',
      to: '2026-12-01',
    });
    expect(out.notConnected).to.deep.equal([{ id: 'dora', name: 'Dora Klein', reason: 'connection_failed' }]);
    expect(out.unverified).to.deep.equal([{ id: 'ben', name: 'Ben Weber' }]);
  });

  it('failure reasons from the view', () => {
    expect(failureOf({ status: 'open', failureReason: null })).to.equal(null);
    expect(failureOf({ status: 'booked', failureReason: null })).to.equal(null);
    expect(failureOf({ status: 'declined', failureReason: 'declined' })).to.equal('declined');
    expect(failureOf({ status: 'expired', failureReason: null })).to.equal('expired');
    expect(failureOf({ status: 'failed', failureReason: 'participant_disconnected' })).to.equal('participant_disconnected');
    expect(failureOf({ status: 'failed', failureReason: null })).to.equal('no_common_slot');
  });
});
