/**
 * The DOM-free logic of `<dv-booking-request>`: the booking window in the request's zone, period validation, whole
 * days as instants across a DST switch, reading the server's preview, and failure reasons from a request view; and
 * the preview and settings fixtures read identically by the zod schemas and the browser-side checks.
 */
import { expect } from '@open-wc/testing';
import { ApiError } from '../../src/client/api-error.js';
import { bookingRequestPreview, tierInfo } from '../../src/client/scheduling-checks.js';
import { bookingWindow, defaultPeriod, failureOf, periodInstants, periodProblem, previewOutcome } from '../../src/elements/booking-request/internal/period.js';
import { BookingRequestPreviewSchema } from '../../src/shared/api/booking-requests.js';
import { SettingsViewSchema } from '../../src/shared/api/settings.js';
import { answerPreview, createFakeApi, settings } from './support/fake-scheduling-api.js';

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

  it('preview: who has no free time comes from freeCandidateCount 0; unconnected people pass through', () => {
    const participants = [
      { id: 'anna', name: 'Anna Schmidt', freeCandidateCount: 0 },
      { id: 'ben', name: 'Ben Weber', freeCandidateCount: 9 },
    ];
    expect(previewOutcome({ slotCount: 0, participants })).to.deep.equal({
      slotCount: 0,
      participants,
      noFreeTime: [{ id: 'anna', name: 'Anna Schmidt' }],
      notConnected: [],
    });
    expect(previewOutcome({ slotCount: 0, participants: [] }, [{ id: 'cem', name: 'Cem Yilmaz' }])).to.deep.equal({
      slotCount: 0,
      participants: [],
      noFreeTime: [],
      notConnected: [{ id: 'cem', name: 'Cem Yilmaz' }],
    });
  });

  it('the preview fixture and a settings answer read identically by zod and the checks; a bad preview is refused', () => {
    const world = { ...createFakeApi().world, freeCandidates: { ben: 0 } };
    const reply = answerPreview(world, {
      participantIds: ['anna', 'ben'],
      timeZone: 'Europe/Berlin',
      period: { start: '2026-11-24T23:00:00Z', end: '2026-12-08T23:00:00Z' },
    });
    expect(reply.status).to.equal(200);
    expect(bookingRequestPreview(reply.body)).to.deep.equal(BookingRequestPreviewSchema.parse(reply.body));
    expect(bookingRequestPreview(reply.body).slotCount).to.equal(0);
    const s = SettingsViewSchema.parse(settings('plus'));
    expect(tierInfo(s)).to.deep.equal({
      tier: 'plus',
      integrationEnabled: true,
      settings: { createEventsPrivate: false, booking: { durationMinutes: 45, windowStartDays: 1, windowEndDays: 32 } },
    });
    expect(() => bookingRequestPreview({ slotCount: 1.5, participants: [] })).to.throw(ApiError, 'slotCount');
    expect(() => bookingRequestPreview({ slotCount: 1, participants: [{ id: 'anna', name: 'Anna' }] })).to.throw(ApiError, 'freeCandidateCount');
  });

  it('the fake refuses a draft the contract refuses, and unconnected participants with the server’s 422', () => {
    const world = createFakeApi().world;
    expect(answerPreview(world, { participantIds: [], timeZone: 'Europe/Berlin' }).status).to.equal(422);
    const refused = answerPreview(world, {
      participantIds: ['anna', 'cem'],
      timeZone: 'Europe/Berlin',
      period: { start: '2026-11-24T23:00:00Z', end: '2026-12-08T23:00:00Z' },
    });
    expect(refused).to.deep.equal({
      status: 422,
      body: { error: { code: 'participants_not_connected', message: 'Every participant needs a connected calendar.', details: { users: [{ id: 'cem', name: 'Cem Yilmaz' }] } } },
    });
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
