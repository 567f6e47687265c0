/**
 * `POST /api/availability-check` over HTTP: per-participant states (free / busy / unknown with its reason), the
 * product's own appointments and holds, rooms (Plus), back-to-back times for several applicants, suggestions from
 * the slot engine (including across the DST switch), planning a move, and refusals — against each store kind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AvailabilityCheckSchema } from '../../src/shared/api/appointments.js';
import { CalendarUnavailableError, type CalendarGateway } from '../../src/server/services/calendar.js';
import type { Db } from '../../src/store/db.js';
import { saveConnection } from '../../src/store/repos/connections.js';
import { upsertUser } from '../../src/store/repos/users.js';
import { createRequest, createWorld, json, type World } from '../support/fixtures.js';
import { recruiterApi } from '../support/recruiter.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

for (const kind of STORE_KINDS) {
  describe(`availability check (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    async function setup(options: Parameters<typeof createWorld>[1] = {}) {
      const world = await createWorld(db, options);
      const api = await recruiterApi(world);
      const check = async (body: Record<string, unknown>) => {
        const res = await api.call('POST', '/availability-check', { durationMinutes: 60, timeZone: 'Europe/Berlin', ...body });
        return { status: res.status, body: await json(res) };
      };
      return { world, api, check };
    }

    async function addUser(world: World, id: string, name: string, extra: { integrationActive?: boolean } = {}) {
      await upsertUser(db, { orgId: world.orgId, id, name, email: `${id}@example.test`, timeZone: 'Europe/Berlin', roles: [], ...extra });
    }

    test('each participant is free, busy or unknown with the reason, and the time takes the worst state', async () => {
      const { world, check } = await setup();
      world.calendars.busy.set('anna', [{ start: '2026-03-23T09:00:00Z', end: '2026-03-23T10:30:00Z' }]);
      await saveConnection(db, { orgId: world.orgId, userId: 'carla', status: 'not_connected' });
      await addUser(world, 'dora', 'Dora Klein', { integrationActive: false });
      await saveConnection(db, { orgId: world.orgId, userId: 'dora', status: 'connected_individual', calendarId: 'cal_dora' });
      await addUser(world, 'emil', 'Emil Roth');
      await saveConnection(db, { orgId: world.orgId, userId: 'emil', status: 'connected_individual', calendarId: 'cal_emil' });
      await addUser(world, 'fritz', 'Fritz Lang');
      await saveConnection(db, { orgId: world.orgId, userId: 'fritz', status: 'failed', failedReason: 'profile_disconnected' });
      const gateway: CalendarGateway = world.calendars;
      const userBusy = gateway.userBusy.bind(gateway);
      gateway.userBusy = async (orgId, userId, window, options) => {
        if (userId === 'emil') throw new CalendarUnavailableError('down', userId);
        return userBusy(orgId, userId, window, options);
      };

      const { status, body } = await check({
        participantIds: ['anna', 'ben', 'carla', 'dora', 'emil', 'fritz'],
        schedule: { mode: 'shared', start: '2026-03-23T10:00:00Z' },
        suggestionCount: 0,
      });
      assert.equal(status, 200);
      AvailabilityCheckSchema.parse(body);
      assert.deepEqual(body, {
        timeZone: 'Europe/Berlin',
        durationMinutes: 60,
        times: [
          {
            start: '2026-03-23T10:00:00Z',
            end: '2026-03-23T11:00:00Z',
            state: 'busy',
            participants: [
              { id: 'anna', name: 'Anna Schmidt', state: 'busy', busyBecause: 'calendar' },
              { id: 'ben', name: 'Ben Taylor', state: 'free' },
              { id: 'carla', name: 'Carla Diaz', state: 'unknown', reason: 'not_connected' },
              { id: 'dora', name: 'Dora Klein', state: 'unknown', reason: 'integration_off' },
              { id: 'emil', name: 'Emil Roth', state: 'unknown', reason: 'calendar_unavailable' },
              { id: 'fritz', name: 'Fritz Lang', state: 'unknown', reason: 'connection_failed' },
            ],
            room: null,
          },
        ],
        suggestions: [],
        unverifiedParticipantIds: ['carla', 'dora', 'emil', 'fritz'],
      });
      // Half-open: a time that starts when the busy time ends is free.
      const touching = await check({ participantIds: ['anna', 'ben'], schedule: { mode: 'shared', start: '2026-03-23T10:30:00Z' }, suggestionCount: 0 });
      assert.equal(touching.body.times[0].state, 'free');
      assert.deepEqual(touching.body.times[0].participants.map((p: { state: string }) => p.state), ['free', 'free']);
    });

    test('suggestions are the next common free times inside everyone\'s working hours, from the proposed day', async () => {
      const { world, check } = await setup();
      // Anna 09–17 Berlin (08–16Z), Ben 09–17 London (09–17Z): common 09–16Z; Anna busy until 10:30Z.
      world.calendars.busy.set('anna', [{ start: '2026-03-23T09:00:00Z', end: '2026-03-23T10:30:00Z' }]);
      const { body } = await check({ participantIds: ['anna', 'ben'], schedule: { mode: 'shared', start: '2026-03-23T09:00:00Z' }, suggestionCount: 3 });
      assert.equal(body.times[0].state, 'busy');
      assert.deepEqual(body.suggestions, [
        { start: '2026-03-23T10:30:00Z', end: '2026-03-23T11:30:00Z', times: [{ start: '2026-03-23T10:30:00Z', end: '2026-03-23T11:30:00Z' }] },
        { start: '2026-03-23T10:45:00Z', end: '2026-03-23T11:45:00Z', times: [{ start: '2026-03-23T10:45:00Z', end: '2026-03-23T11:45:00Z' }] },
        { start: '2026-03-23T11:00:00Z', end: '2026-03-23T12:00:00Z', times: [{ start: '2026-03-23T11:00:00Z', end: '2026-03-23T12:00:00Z' }] },
      ]);
    });

    test('suggestions cross the DST switch: Monday after it starts at 10:00 CEST = 08:00Z', async () => {
      const { world, check } = await setup({ now: '2026-03-26T08:00:00Z' });
      // Friday before the switch is taken; the weekend is outside working hours.
      world.calendars.busy.set('anna', [{ start: '2026-03-27T00:00:00Z', end: '2026-03-28T00:00:00Z' }]);
      const { body } = await check({ participantIds: ['anna', 'ben'], schedule: { mode: 'shared', start: '2026-03-27T09:00:00Z' }, suggestionCount: 1 });
      assert.deepEqual(body.suggestions.map((s: { start: string }) => s.start), ['2026-03-30T08:00:00Z']);
    });

    test('several applicants: back-to-back times from a start and a duration, suggestions as whole blocks', async () => {
      const { world, check } = await setup();
      world.calendars.busy.set('ben', [{ start: '2026-03-23T13:50:00Z', end: '2026-03-23T14:00:00Z' }]);
      const { body } = await check({
        participantIds: ['anna', 'ben'],
        durationMinutes: 45,
        schedule: { mode: 'back_to_back', start: '2026-03-23T13:00:00Z' },
        applicantCount: 3,
        suggestionCount: 2,
      });
      assert.deepEqual(body.times.map((t: { start: string; end: string; state: string }) => [t.start, t.end, t.state]), [
        ['2026-03-23T13:00:00Z', '2026-03-23T13:45:00Z', 'free'],
        ['2026-03-23T13:45:00Z', '2026-03-23T14:30:00Z', 'busy'],
        ['2026-03-23T14:30:00Z', '2026-03-23T15:15:00Z', 'free'],
      ]);
      assert.deepEqual(body.suggestions[0], {
        start: '2026-03-23T09:00:00Z',
        end: '2026-03-23T11:15:00Z',
        times: [
          { start: '2026-03-23T09:00:00Z', end: '2026-03-23T09:45:00Z' },
          { start: '2026-03-23T09:45:00Z', end: '2026-03-23T10:30:00Z' },
          { start: '2026-03-23T10:30:00Z', end: '2026-03-23T11:15:00Z' },
        ],
      });
      assert.equal(body.suggestions[1].start, '2026-03-23T09:15:00Z');
      // One shared time for everyone is a single time, whatever the applicant count.
      const shared = await check({ participantIds: ['anna', 'ben'], schedule: { mode: 'shared', start: '2026-03-23T13:00:00Z' }, applicantCount: 3, suggestionCount: 0 });
      assert.equal(shared.body.times.length, 1);
    });

    test('the product\'s own appointments and holds make a participant busy even without calendar busy time', async () => {
      const { world, api, check } = await setup();
      const created = await api.call('POST', '/appointments', {
        title: 'Interview',
        participantIds: ['anna'],
        applicants: [{ name: 'Jamie Doe', email: 'jamie@applicant.test' }],
        durationMinutes: 60,
        timeZone: 'Europe/Berlin',
        schedule: { mode: 'shared', start: '2026-03-24T12:00:00Z' },
        online: true,
      });
      assert.equal(created.status, 201);
      const request = await createRequest(world, { participantIds: ['ben'], roomNeeded: false, locationId: null, online: true });
      const hold = await api.app.request(`/api/public/bookings/${request.token}/holds`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ start: '2026-03-24T12:00:00Z' }),
      });
      assert.equal(hold.status, 201);
      const { body } = await check({ participantIds: ['anna', 'ben'], schedule: { mode: 'shared', start: '2026-03-24T12:30:00Z' }, suggestionCount: 0 });
      assert.deepEqual(body.times[0].participants, [
        { id: 'anna', name: 'Anna Schmidt', state: 'busy', busyBecause: 'appointment' },
        { id: 'ben', name: 'Ben Taylor', state: 'busy', busyBecause: 'hold' },
      ]);
    });

    test('planning a move: the appointment\'s own time and its own event in the calendars do not count', async () => {
      const { world, api, check } = await setup();
      const created = await json(await api.call('POST', '/appointments', {
        title: 'Interview',
        participantIds: ['anna', 'ben'],
        applicants: [{ name: 'Jamie Doe', email: 'jamie@applicant.test' }],
        durationMinutes: 60,
        timeZone: 'Europe/Berlin',
        schedule: { mode: 'shared', start: '2026-03-24T12:00:00Z' },
        online: true,
      }));
      const id = created.appointments[0].id;
      // The event, mirrored into both calendars, and an unrelated meeting of Ben's.
      world.calendars.busy.set('anna', [{ start: '2026-03-24T12:00:00Z', end: '2026-03-24T13:00:00Z' }]);
      world.calendars.busy.set('ben', [{ start: '2026-03-24T12:00:00Z', end: '2026-03-24T13:00:00Z' }, { start: '2026-03-24T13:00:00Z', end: '2026-03-24T13:15:00Z' }]);
      const request = { participantIds: ['anna', 'ben'], schedule: { mode: 'shared', start: '2026-03-24T12:30:00Z' }, suggestionCount: 0 };
      const without = await check(request);
      assert.deepEqual(without.body.times[0].participants.map((p: { busyBecause?: string }) => p.busyBecause), ['appointment', 'appointment']);
      const moving = await check({ ...request, excludeAppointmentId: id });
      assert.deepEqual(moving.body.times[0].participants.map((p: { state: string; busyBecause?: string }) => [p.state, p.busyBecause]), [
        ['free', undefined],
        ['busy', 'calendar'],
      ]);
    });

    test('rooms (Plus): busy from the room calendar, unknown without access; Basic gets 403 plus_required', async () => {
      const { world, check } = await setup();
      world.calendars.roomBusyMap.set('r1', [{ start: '2026-03-23T10:00:00Z', end: '2026-03-23T12:00:00Z' }]);
      const r1 = await check({ participantIds: ['anna'], roomId: 'r1', locationId: 'hq', schedule: { mode: 'shared', start: '2026-03-23T11:00:00Z' }, suggestionCount: 1 });
      assert.equal(r1.status, 200);
      assert.deepEqual(r1.body.times[0].room, { id: 'r1', name: 'Spree', state: 'busy', busyBecause: 'calendar' });
      assert.equal(r1.body.suggestions[0].start, '2026-03-23T08:00:00Z', 'Anna from 09:00 Berlin, room free before 10:00Z');
      const r2 = await check({ participantIds: ['anna'], roomId: 'r2', schedule: { mode: 'shared', start: '2026-03-23T11:00:00Z' }, suggestionCount: 0 });
      assert.deepEqual(r2.body.times[0].room, { id: 'r2', name: 'Havel', state: 'unknown', reason: 'not_connected' });
      assert.equal(r2.body.times[0].state, 'unknown');

      const basic = await setup({ tier: 'basic' });
      const refused = await basic.check({ participantIds: ['anna'], roomId: 'r1', schedule: { mode: 'shared', start: '2026-03-23T11:00:00Z' } });
      assert.equal(refused.status, 403);
      assert.equal(refused.body.error.code, 'plus_required');
      const withoutRoom = await basic.check({ participantIds: ['anna'], schedule: { mode: 'shared', start: '2026-03-23T11:00:00Z' }, suggestionCount: 0 });
      assert.equal(withoutRoom.status, 200, 'the check itself is Basic');
    });

    test('refusals: 401 without token, 403 without the recruiter role, 4xx for bad input, 404 for another org\'s appointment', async () => {
      const { world, api, check } = await setup();
      const anonymous = await api.app.request('/api/availability-check', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      assert.equal(anonymous.status, 401);
      const admin = await recruiterApi(world, 'ben', ['admin']);
      const forbidden = await admin.call('POST', '/availability-check', { participantIds: ['anna'], durationMinutes: 60, timeZone: 'Europe/Berlin', schedule: { mode: 'shared', start: '2026-03-23T11:00:00Z' } });
      assert.equal(forbidden.status, 403);
      assert.equal((await json(forbidden)).error.code, 'forbidden');

      const start = { mode: 'shared', start: '2026-03-23T11:00:00Z' };
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [{ participantIds: ['anna', 'nobody'], schedule: start }, 422, 'validation_failed'],
        [{ participantIds: ['anna'], schedule: { mode: 'shared', start: '2026-03-19T11:00:00Z' } }, 422, 'validation_failed'],
        [{ participantIds: ['anna'], schedule: start, timeZone: 'Mars/Olympus' }, 400, 'validation_failed'],
        [{ participantIds: ['anna'], schedule: { mode: 'shared', start: '2026-03-23T11:00:00+01:00' } }, 400, 'validation_failed'],
        [{ participantIds: ['anna'], schedule: start, bufferBefore: 5 }, 400, 'validation_failed'],
        [{ participantIds: [], schedule: start }, 400, 'validation_failed'],
        [{ participantIds: ['anna'], schedule: start, roomId: 'nope' }, 422, 'validation_failed'],
        [{ participantIds: ['anna'], schedule: start, roomId: 'r1', locationId: 'elsewhere' }, 422, 'validation_failed'],
      ];
      for (const [body, status, code] of cases) {
        const res = await check(body);
        assert.equal(res.status, status, JSON.stringify(body));
        assert.equal(res.body.error.code, code, JSON.stringify(body));
      }
      assert.deepEqual((await check({ participantIds: ['anna', 'nobody'], schedule: start })).body.error.details, { userIds: ['nobody'] });

      const other = await setup();
      const theirs = await json(await other.api.call('POST', '/appointments', {
        title: 'Interview',
        participantIds: ['anna'],
        applicants: [{ name: 'Jamie Doe', email: 'jamie@applicant.test' }],
        durationMinutes: 60,
        timeZone: 'Europe/Berlin',
        schedule: start,
        online: true,
      }));
      const foreign = await check({ participantIds: ['anna'], schedule: start, excludeAppointmentId: theirs.appointments[0].id });
      assert.equal(foreign.status, 404);
      assert.equal(foreign.body.error.code, 'not_found');
    });
  });
}
