/**
 * The DOM-free planning logic of `<dv-availability-check>` and the browser-side contract checks: wall time ↔
 * instant in a zone (DST gap and repeated hour), back-to-back times across both DST switches, the requests a plan
 * needs, choices and table rows; and every fixture read identically by the zod schema and the tiny checks.
 */
import { expect } from '@open-wc/testing';
import { ApiError } from '../../src/client/api-error.js';
import {
  appointmentChange,
  appointmentView,
  availabilityCheck,
  bookingRequestView,
  participantReplies,
  unconnectedUsers,
  userList,
} from '../../src/client/scheduling-checks.js';
import {
  backToBack,
  checkRequests,
  choicesOf,
  instantToWall,
  planTimes,
  tableRows,
  wallToInstant,
  zonedToday,
  type Plan,
} from '../../src/elements/availability-check/internal/schedule.js';
import { AppointmentChangeSchema, AvailabilityCheckSchema } from '../../src/shared/api/appointments.js';
import { UserListSchema } from '../../src/shared/api/users.js';
import { USERS, answerCheck, appointment, bookingView, createFakeApi, replies } from './support/fake-scheduling-api.js';

/** Date and time only: what the inputs show. */
const shown = (ws: ReadonlyArray<{ date: string; time: string }>) => ws.map(({ date, time }) => ({ date, time }));

const plan = (over: Partial<Plan> = {}): Plan => ({
  participantIds: ['anna'],
  roomId: null,
  locationId: null,
  durationMinutes: 60,
  timeZone: 'Europe/Berlin',
  mode: 'shared',
  proposals: [{ date: '2030-03-12', time: '10:00' }],
  perApplicant: [],
  ...over,
});

describe('availability-check planning logic', () => {
  it('wall time → instant in the zone: DST gap moves forward, a repeated hour takes the earlier instant', () => {
    expect(wallToInstant({ date: '2026-03-29', time: '02:30' }, 'Europe/Berlin')).to.equal('2026-03-29T01:30:00Z');
    expect(wallToInstant({ date: '2026-10-25', time: '02:30' }, 'Europe/Berlin')).to.equal('2026-10-25T00:30:00Z');
    expect(wallToInstant({ date: '2026-03-10', time: '09:00' }, 'Asia/Kolkata')).to.equal('2026-03-10T03:30:00Z');
    expect(wallToInstant({ date: '2026-02-30', time: '09:00' }, 'Europe/Berlin')).to.equal(null);
    expect(wallToInstant({ date: '2026-03-10', time: '' }, 'Europe/Berlin')).to.equal(null);
    expect(instantToWall('2026-03-29T01:30:00Z', 'Europe/Berlin')).to.deep.equal({ date: '2026-03-29', time: '03:30' });
  });

  it('back-to-back across the spring-forward night: consecutive in real time, wall times jump with the clock', () => {
    expect(shown(backToBack({ date: '2026-03-29', time: '01:00' }, 60, 3, 'Europe/Berlin'))).to.deep.equal([
      { date: '2026-03-29', time: '01:00' },
      { date: '2026-03-29', time: '03:00' },
      { date: '2026-03-29', time: '04:00' },
    ]);
  });

  it('back-to-back across the fall-back night: the repeated hour is used once each', () => {
    expect(shown(backToBack({ date: '2026-10-25', time: '01:30' }, 30, 4, 'Europe/Berlin'))).to.deep.equal([
      { date: '2026-10-25', time: '01:30' },
      { date: '2026-10-25', time: '02:00' },
      { date: '2026-10-25', time: '02:30' },
      { date: '2026-10-25', time: '02:00' }, // 02:00 CET, the second time the clock shows 02:00
    ]);
    // The fourth shows 02:00 again (CET): read as a wall it would be the earlier 02:00 CEST, so the computed
    // instant is kept with it — and dropped as soon as the recruiter edits the time.
    const starts = backToBack({ date: '2026-10-25', time: '01:30' }, 30, 4, 'Europe/Berlin');
    expect(starts.map((w) => wallToInstant(w, 'Europe/Berlin'))).to.deep.equal([
      '2026-10-24T23:30:00Z',
      '2026-10-25T00:00:00Z',
      '2026-10-25T00:30:00Z',
      '2026-10-25T01:00:00Z',
    ]);
    expect(wallToInstant({ ...starts[3]!, time: '02:15' }, 'Europe/Berlin')).to.equal('2026-10-25T00:15:00Z');
  });

  it('back-to-back crossing midnight and in a half-hour zone', () => {
    expect(shown(backToBack({ date: '2030-03-12', time: '23:00' }, 45, 3, 'Asia/Kolkata'))).to.deep.equal([
      { date: '2030-03-12', time: '23:00' },
      { date: '2030-03-12', time: '23:45' },
      { date: '2030-03-13', time: '00:30' },
    ]);
  });

  it('plan problems, in order of what the recruiter must fix first', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(planTimes(plan({ participantIds: [] }), now)).to.deep.equal({ problem: 'noParticipants' });
    expect(planTimes(plan({ durationMinutes: 2 }), now)).to.deep.equal({ problem: 'badDuration' });
    expect(planTimes(plan({ proposals: [{ date: '2030-03-12', time: '' }] }), now)).to.deep.equal({ problem: 'incompleteTime' });
    expect(planTimes(plan({ proposals: [{ date: '2029-03-12', time: '10:00' }] }), now)).to.deep.equal({ problem: 'pastTime' });
    expect(planTimes(plan(), now)).to.deep.equal({ times: [{ start: '2030-03-12T09:00:00Z', end: '2030-03-12T10:00:00Z' }] });
  });

  it('requests: one shared, two for alternatives, back_to_back or individual for per-applicant times', () => {
    const one = plan();
    expect(checkRequests(one, (planTimes(one, 0) as { times: [] }).times)).to.deep.equal([
      { participantIds: ['anna'], durationMinutes: 60, timeZone: 'Europe/Berlin', schedule: { mode: 'shared', start: '2030-03-12T09:00:00Z' }, suggestionCount: 5 },
    ]);
    const alt = plan({ proposals: [{ date: '2030-03-12', time: '14:00' }, { date: '2030-03-12', time: '10:00' }], roomId: 'spree', locationId: 'hq' });
    const reqs = checkRequests(alt, (planTimes(alt, 0) as { times: [] }).times);
    expect(reqs.map((r) => [r.schedule, r.suggestionCount, r.roomId])).to.deep.equal([
      [{ mode: 'individual', starts: ['2030-03-12T13:00:00Z', '2030-03-12T09:00:00Z'] }, 0, 'spree'],
      [{ mode: 'shared', start: '2030-03-12T09:00:00Z' }, 5, 'spree'],
    ]);
    const walls = backToBack({ date: '2026-10-25', time: '01:30' }, 30, 4, 'Europe/Berlin');
    const b2b = plan({ mode: 'individual', perApplicant: walls, durationMinutes: 30 });
    const times = (planTimes(b2b, 0) as { times: Array<{ start: string; end: string }> }).times;
    // Through the repeated hour the four stay consecutive (no overlap with the second applicant's 02:00 CEST).
    expect(times.map((t) => t.start)).to.deep.equal(['2026-10-24T23:30:00Z', '2026-10-25T00:00:00Z', '2026-10-25T00:30:00Z', '2026-10-25T01:00:00Z']);
    expect(checkRequests(b2b, times)[0]!.schedule).to.deep.equal({ mode: 'back_to_back', start: '2026-10-24T23:30:00Z' });
    const edited = plan({ ...b2b, perApplicant: [...walls.slice(0, 3), { ...walls[3]!, time: '03:00' }] });
    expect(checkRequests(edited, (planTimes(edited, 0) as { times: Array<{ start: string; end: string }> }).times)[0]!.schedule.mode).to.equal('individual');
    const spring = plan({ mode: 'individual', perApplicant: backToBack({ date: '2030-03-31', time: '01:00' }, 60, 3, 'Europe/Berlin') });
    const springTimes = (planTimes(spring, 0) as { times: Array<{ start: string; end: string }> }).times;
    expect(checkRequests(spring, springTimes)[0]).to.deep.include({ schedule: { mode: 'back_to_back', start: '2030-03-31T00:00:00Z' }, applicantCount: 3 });
  });

  it('choices: proposals first, suggestions equal to a proposal listed once; rows include the room', () => {
    const world = createFakeApi({ suggestions: ['2030-03-12T09:00:00Z', '2030-03-13T08:00:00Z'] }).world;
    const check = answerCheck(world, { participantIds: ['anna', 'cem'], roomId: 'spree', durationMinutes: 60, timeZone: 'Europe/Berlin', schedule: { mode: 'shared', start: '2030-03-12T09:00:00Z' }, suggestionCount: 5 });
    expect(choicesOf(check, 'shared').map((c) => [c.source, c.times[0]!.start])).to.deep.equal([
      ['proposal', '2030-03-12T09:00:00Z'],
      ['suggestion', '2030-03-13T08:00:00Z'],
    ]);
    expect(tableRows(check.times).map((r) => [r.kind, r.name, r.cells.map((c) => c?.state)])).to.deep.equal([
      ['participant', 'Anna Schmidt', ['free']],
      ['participant', 'Cem Yilmaz', ['unknown']],
      ['room', 'Spree', ['free']],
    ]);
    const block = answerCheck(world, { participantIds: ['anna'], durationMinutes: 30, timeZone: 'Europe/Berlin', schedule: { mode: 'back_to_back', start: '2030-03-12T09:00:00Z' }, applicantCount: 2, suggestionCount: 5 });
    expect(choicesOf(block, 'individual')[1]!.times).to.deep.equal([
      { start: '2030-03-13T08:00:00Z', end: '2030-03-13T08:30:00Z' },
      { start: '2030-03-13T08:30:00Z', end: '2030-03-13T09:00:00Z' },
    ]);
  });

  it('today in a zone is that zone’s date', () => {
    const now = Date.parse('2026-11-24T23:30:00Z');
    expect(zonedToday(now, 'Europe/Berlin')).to.equal('2026-11-25');
    expect(zonedToday(now, 'America/New_York', 1)).to.equal('2026-11-25');
  });
});

describe('scheduling checks agree with the contract schemas', () => {
  it('read every fixture exactly as zod does', () => {
    const check = answerCheck(createFakeApi().world, { participantIds: ['anna', 'cem'], durationMinutes: 60, timeZone: 'Europe/Berlin', schedule: { mode: 'shared', start: '2030-03-12T09:00:00Z' } });
    expect(availabilityCheck(JSON.parse(JSON.stringify(check)))).to.deep.equal(AvailabilityCheckSchema.parse(check));
    for (const a of [appointment(), appointment({ location: { kind: 'onsite', locationId: 'hq', name: 'HQ', address: null } }), appointment({ location: { kind: 'text', text: 'Café' } }), appointment({ location: { kind: 'online' } })]) {
      expect(appointmentView(JSON.parse(JSON.stringify(a)))).to.deep.equal(a);
    }
    const change = AppointmentChangeSchema.parse({ appointment: appointment(), change: 'room_changed', applicantNotified: false });
    expect(appointmentChange(JSON.parse(JSON.stringify(change)))).to.deep.equal(change);
    expect(participantReplies(JSON.parse(JSON.stringify(replies())))).to.deep.equal(replies());
    const view = bookingView({ availability: { slotCount: 0, participants: [{ id: 'anna', name: 'Anna', freeCandidateCount: 0 }] }, link: 'https://x.test/?booking=t' });
    expect(bookingRequestView(JSON.parse(JSON.stringify(view)))).to.deep.equal(view);
    const users = UserListSchema.parse({ items: USERS, total: USERS.length });
    expect(userList(JSON.parse(JSON.stringify(users)))).to.deep.equal(users);
  });

  it('refuse what the contract refuses, and drop unknown keys', () => {
    expect(() => appointmentView({ ...appointment(), location: { kind: 'mars' } })).to.throw(ApiError, /location.kind/);
    expect(() => availabilityCheck({ timeZone: 'x', durationMinutes: 60, times: [{ start: 'soon' }], suggestions: [], unverifiedParticipantIds: [] })).to.throw(ApiError, /times\[0\]\.start/);
    expect(appointmentView({ ...appointment(), extra: 1 })).to.not.have.property('extra');
    expect(unconnectedUsers({ users: [{ id: 'cem', name: 'Cem' }] })).to.deep.equal([{ id: 'cem', name: 'Cem' }]);
    expect(unconnectedUsers('garbage')).to.deep.equal([]);
  });
});
