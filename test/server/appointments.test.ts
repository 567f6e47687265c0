/**
 * Recruiter appointments over HTTP: invite (one or several applicants, rooms on Plus, private default, explicit
 * override of calendar conflicts but never of the product's own claims, a concurrent race), move, room-only
 * change, cancel (including a self-booked appointment, whose link is disabled), calendar files parsed with
 * ical.js, Idempotency-Key, a DST booking with the applicant in another zone, tenancy and refusals — against each
 * store kind. The Cronofy gateway's handling of a room-only change is checked against a stub client.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import type { CronofyClient, UpsertEventInput } from '../../src/cronofy/index.js';
import { silentLogger } from '../../src/server/middleware/logging.js';
import { createCronofyGateway } from '../../src/server/services/cronofy-gateway.js';
import { AppointmentChangeSchema, AppointmentListSchema, AppointmentViewSchema } from '../../src/shared/api/appointments.js';
import { OrgSettingsSchema } from '../../src/shared/api/settings.js';
import type { Db } from '../../src/store/db.js';
import { saveConnection } from '../../src/store/repos/connections.js';
import { upsertOrganization } from '../../src/store/repos/organizations.js';
import { box, createRequest, createWorld, json, type World } from '../support/fixtures.js';
import { outbox, recruiterApi } from '../support/recruiter.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

const JAMIE = { name: 'Jamie Doe', email: 'jamie@applicant.test' };
const ALEX = { name: 'Alex Roe', email: 'alex@applicant.test' };
const SAM = { name: 'Sam Poe', email: 'sam@applicant.test' };

function invite(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Interview: Backend Developer',
    participantIds: ['anna', 'ben'],
    applicants: [JAMIE],
    durationMinutes: 60,
    timeZone: 'Europe/Berlin',
    schedule: { mode: 'shared', start: '2026-03-24T12:00:00Z' },
    locationId: 'hq',
    roomId: 'r1',
    comment: 'Please bring the portfolio.',
    ...overrides,
  };
}

function parseIcs(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  if (zone) ICAL.TimezoneService.register(zone);
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return { calendar, vevent, event: new ICAL.Event(vevent) };
}

for (const kind of STORE_KINDS) {
  describe(`appointments (${kind})`, () => {
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
      const create = async (body: Record<string, unknown>, headers: Record<string, string> = {}) => {
        const res = await api.call('POST', '/appointments', body, headers);
        return { status: res.status, body: await json(res) };
      };
      return { world, api, create };
    }

    async function count(world: World, table: 'appointments' | 'busy_claims' | 'outbox'): Promise<number> {
      const rows = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [world.orgId]);
      return rows[0]!.n;
    }

    test('invite: the event goes into the organizer\'s calendar with participants, room and applicant', async () => {
      const { world, create } = await setup();
      const { status, body } = await create(invite());
      assert.equal(status, 201);
      AppointmentListSchema.parse(body);
      const [view] = body.appointments;
      assert.match(view.id, /^apt_/);
      assert.deepEqual({ ...view, id: undefined }, {
        id: undefined,
        status: 'confirmed',
        title: 'Interview: Backend Developer',
        organizerId: 'anna',
        participantIds: ['anna', 'ben'],
        applicants: [JAMIE],
        start: '2026-03-24T12:00:00Z',
        end: '2026-03-24T13:00:00Z',
        timeZone: 'Europe/Berlin',
        location: { kind: 'onsite', locationId: 'hq', name: 'Berlin HQ', address: 'Friedrichstraße 1, Berlin' },
        roomId: 'r1',
        private: false,
        comment: 'Please bring the portfolio.',
        sequence: 0,
        calendarState: 'written',
        bookingRequestId: null,
      });
      const [event] = [...world.calendars.written.values()];
      assert.equal(event!.organizerId, 'anna');
      assert.deepEqual(event!.attendees.map((a) => a.email), ['ben@example.test', 'spree@example.test', 'jamie@applicant.test']);
      assert.equal(event!.description, 'Applicant: Jamie Doe\nPlease bring the portfolio.');
      assert.equal(event!.location, 'Spree, Berlin HQ, Friedrichstraße 1, Berlin');
      assert.equal(event!.removedAttendees, undefined);
      assert.equal(event!.quietAttendees, undefined);
      assert.deepEqual((await outbox(world)).map((e) => [e.type, e.data.appointmentId, e.data.start, e.data.roomId]), [
        ['appointment.created', view.id, '2026-03-24T12:00:00Z', 'r1'],
      ]);
      const claims = await db.query<{ resource_kind: string; resource_id: string }>(
        'SELECT resource_kind, resource_id FROM busy_claims WHERE org_id = $1 ORDER BY resource_kind DESC, resource_id',
        [world.orgId],
      );
      assert.deepEqual(claims.map((c) => `${c.resource_kind}:${c.resource_id}`), ['user:anna', 'user:ben', 'room:r1']);
    });

    test('an organizer who does not take part still gets the entry, which says so', async () => {
      const { world, create } = await setup();
      const { status } = await create(invite({ participantIds: ['ben'], roomId: null, locationId: null, locationText: 'Café am Markt', comment: undefined }));
      assert.equal(status, 201);
      const [event] = [...world.calendars.written.values()];
      assert.equal(event!.organizerId, 'anna');
      assert.deepEqual(event!.attendees.map((a) => a.email), ['ben@example.test', 'jamie@applicant.test']);
      assert.equal(event!.description, 'Applicant: Jamie Doe\nAnna Schmidt will not attend this appointment.');
      assert.equal(event!.location, 'Café am Markt');
    });

    test('private defaults to the organization\'s "create appointments as private"; an explicit flag wins', async () => {
      const { world, create } = await setup();
      await upsertOrganization(db, { id: world.orgId, name: 'Test GmbH', tier: 'plus', integrationEnabled: true, settings: OrgSettingsSchema.parse({ createEventsPrivate: true }) });
      const byDefault = await create(invite());
      assert.equal(byDefault.body.appointments[0].private, true);
      assert.equal(world.calendars.written.get([...world.calendars.written.keys()][0]!)!.private, true);
      const explicit = await create(invite({ private: false, schedule: { mode: 'shared', start: '2026-03-25T12:00:00Z' } }));
      assert.equal(explicit.body.appointments[0].private, false);
    });

    test('busy in a calendar: 409 slot_unavailable naming who, nothing stored; the recruiter may book anyway', async () => {
      const { world, create } = await setup();
      world.calendars.busy.set('ben', [{ start: '2026-03-24T12:30:00Z', end: '2026-03-24T13:00:00Z' }]);
      const refused = await create(invite());
      assert.equal(refused.status, 409);
      assert.equal(refused.body.error.code, 'slot_unavailable');
      assert.deepEqual(refused.body.error.details.times[0].participants, [
        { id: 'anna', name: 'Anna Schmidt', state: 'free' },
        { id: 'ben', name: 'Ben Taylor', state: 'busy', busyBecause: 'calendar' },
      ]);
      assert.deepEqual([await count(world, 'appointments'), await count(world, 'busy_claims'), await count(world, 'outbox')], [0, 0, 0]);
      const anyway = await create(invite({ ignoreCalendarConflicts: true }));
      assert.equal(anyway.status, 201);
    });

    test('the product\'s own appointments are never overridden: 409 slot_taken for a person or the room', async () => {
      const { world, create } = await setup();
      assert.equal((await create(invite())).status, 201);
      const samePerson = await create(invite({ participantIds: ['anna'], roomId: null, schedule: { mode: 'shared', start: '2026-03-24T12:30:00Z' }, ignoreCalendarConflicts: true }));
      assert.equal(samePerson.status, 409);
      assert.equal(samePerson.body.error.code, 'slot_taken');
      assert.deepEqual(samePerson.body.error.details.times[0].participants, [{ id: 'anna', name: 'Anna Schmidt', state: 'busy', busyBecause: 'appointment' }]);
      const sameRoom = await create(invite({ participantIds: ['carla'], schedule: { mode: 'shared', start: '2026-03-24T12:45:00Z' }, ignoreCalendarConflicts: true }));
      assert.equal(sameRoom.status, 409);
      assert.deepEqual(sameRoom.body.error.details.times[0].room, { id: 'r1', name: 'Spree', state: 'busy', busyBecause: 'appointment' });
      const touching = await create(invite({ participantIds: ['anna'], roomId: 'r1', schedule: { mode: 'shared', start: '2026-03-24T13:00:00Z' } }));
      assert.equal(touching.status, 201, 'a time that starts when the other ends is free');
      assert.equal(await count(world, 'appointments'), 2);
    });

    test('20 concurrent invites sharing one interviewer at overlapping times: exactly one wins', async () => {
      const { world, create } = await setup();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          create(invite({
            participantIds: [i % 2 ? 'anna' : 'ben', 'carla'],
            roomId: null,
            locationId: null,
            online: true,
            applicants: [{ name: `Applicant ${i}`, email: `a${i}@applicant.test` }],
            schedule: { mode: 'shared', start: i % 2 ? '2026-03-24T15:00:00Z' : '2026-03-24T15:30:00Z' },
          })),
        ),
      );
      const statuses = results.map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 201).length, 1);
      assert.equal(statuses.filter((s) => s === 409).length, 19);
      assert.ok(results.filter((r) => r.status === 409).every((r) => r.body.error.code === 'slot_taken'));
      const claims = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM busy_claims WHERE org_id = $1 AND resource_id = 'carla'`, [world.orgId]);
      assert.equal(claims[0]!.n, 1);
      assert.equal(await count(world, 'appointments'), 1);
    });

    test('several applicants: one shared appointment without applicant attendees, or one each back to back', async () => {
      const { world, create } = await setup();
      const shared = await create(invite({ applicants: [JAMIE, ALEX] }));
      assert.equal(shared.status, 201);
      assert.equal(shared.body.appointments.length, 1);
      assert.deepEqual(shared.body.appointments[0].applicants, [JAMIE, ALEX]);
      const event = world.calendars.written.values().next().value!;
      // An invitation shows every attendee's address: applicants must not see each other.
      assert.deepEqual(event.attendees.map((a) => a.email), ['ben@example.test', 'spree@example.test']);
      assert.equal(event.description, 'Applicants: Jamie Doe, Alex Roe\nPlease bring the portfolio.');

      const chain = await create(invite({ applicants: [JAMIE, ALEX, SAM], roomId: null, schedule: { mode: 'back_to_back', start: '2026-03-25T09:00:00Z' }, durationMinutes: 45 }));
      assert.equal(chain.status, 201);
      assert.deepEqual(chain.body.appointments.map((a: { start: string; end: string; applicants: unknown[] }) => [a.start, a.end, a.applicants]), [
        ['2026-03-25T09:00:00Z', '2026-03-25T09:45:00Z', [JAMIE]],
        ['2026-03-25T09:45:00Z', '2026-03-25T10:30:00Z', [ALEX]],
        ['2026-03-25T10:30:00Z', '2026-03-25T11:15:00Z', [SAM]],
      ]);
      // One event per appointment, each inviting its own applicant only.
      assert.equal(world.calendars.written.size, 4);
      const applicantsInvited = [...world.calendars.written.values()].map((e) => e.attendees.filter((a) => a.email.endsWith('@applicant.test')).map((a) => a.email));
      assert.deepEqual(applicantsInvited, [[], [JAMIE.email], [ALEX.email], [SAM.email]]);
      assert.deepEqual((await outbox(world)).filter((e) => e.type === 'appointment.created').length, 4);

      const edited = await create(invite({ applicants: [JAMIE, ALEX], roomId: null, schedule: { mode: 'individual', starts: ['2026-03-26T09:00:00Z', '2026-03-26T11:00:00Z'] } }));
      assert.deepEqual(edited.body.appointments.map((a: { start: string }) => a.start), ['2026-03-26T09:00:00Z', '2026-03-26T11:00:00Z']);
      const overlapping = await create(invite({ applicants: [JAMIE, ALEX], roomId: null, schedule: { mode: 'individual', starts: ['2026-03-27T09:00:00Z', '2026-03-27T09:30:00Z'] } }));
      assert.equal(overlapping.status, 422);
      const mismatch = await create(invite({ applicants: [JAMIE, ALEX], schedule: { mode: 'individual', starts: ['2026-03-27T09:00:00Z'] } }));
      assert.equal(mismatch.status, 400);
      assert.equal(mismatch.body.error.code, 'validation_failed');
    });

    test('refusals change nothing: Basic room 403, unconnected organizer 422, bad input 4xx, no role 403', async () => {
      const basic = await setup({ tier: 'basic' });
      const room = await basic.create(invite());
      assert.equal(room.status, 403);
      assert.equal(room.body.error.code, 'plus_required');
      assert.equal((await basic.create(invite({ roomId: null }))).status, 201, 'invites themselves are Basic');

      const { world, create } = await setup();
      await saveConnection(db, { orgId: world.orgId, userId: 'anna', status: 'failed', failedReason: 'profile_disconnected' });
      const organizer = await create(invite());
      assert.equal(organizer.status, 422);
      assert.deepEqual(organizer.body.error, {
        code: 'participants_not_connected',
        message: 'The organizer needs a connected calendar: the invitations go out from it.',
        details: { users: [{ id: 'anna', name: 'Anna Schmidt' }] },
      });
      const benApi = await recruiterApi(world, 'ben');
      const cases: Array<[Record<string, unknown>, number, string]> = [
        [invite({ title: '' }), 400, 'validation_failed'],
        [invite({ applicants: [] }), 400, 'validation_failed'],
        [invite({ applicants: [{ name: 'X', email: 'not-an-email' }] }), 400, 'validation_failed'],
        [invite({ roomID: 'r1' }), 400, 'validation_failed'],
        [invite({ locationText: 'Somewhere' }), 400, 'validation_failed'],
        [invite({ timeZone: 'Berlin' }), 400, 'validation_failed'],
        [invite({ schedule: { mode: 'shared', start: '2026-03-19T12:00:00Z' } }), 422, 'validation_failed'],
        [invite({ participantIds: ['ben', 'ghost'] }), 422, 'validation_failed'],
        [invite({ locationId: 'nowhere', roomId: null }), 422, 'validation_failed'],
        [invite({ locationId: null }), 422, 'validation_failed'],
        [invite({ online: true }), 422, 'validation_failed'],
        [invite({ roomId: 'r9' }), 422, 'validation_failed'],
        [invite({ organizerId: 'ghost' }), 422, 'validation_failed'],
      ];
      for (const [body, status, code] of cases) {
        const res = await benApi.call('POST', '/appointments', body);
        assert.equal(res.status, status, JSON.stringify(body));
        assert.equal((await json(res)).error.code, code, JSON.stringify(body));
      }
      const text = await benApi.call('POST', '/appointments', undefined, { 'content-type': 'text/plain' });
      assert.equal(text.status, 415);
      const notJson = await benApi.app.request('/api/appointments', { method: 'POST', headers: { authorization: `Bearer ${benApi.token}`, 'content-type': 'application/json' }, body: '{nope' });
      assert.equal(notJson.status, 400);
      const noRole = await recruiterApi(world, 'carla', []);
      assert.equal((await noRole.call('POST', '/appointments', invite({ organizerId: 'ben' }))).status, 403);
      assert.deepEqual([await count(world, 'appointments'), await count(world, 'busy_claims'), await count(world, 'outbox')], [0, 0, 0]);
      assert.equal(world.calendars.written.size, 0);
    });

    test('move: same event id, sequence raised, old time released, applicant notified', async () => {
      const { world, api, create } = await setup();
      const id = (await create(invite())).body.appointments[0].id;
      const eventId = [...world.calendars.written.keys()][0]!;
      const res = await api.call('PATCH', `/appointments/${id}`, { start: '2026-03-24T14:00:00Z' });
      assert.equal(res.status, 200);
      const body = AppointmentChangeSchema.parse(await json(res));
      assert.equal(body.change, 'rescheduled');
      assert.equal(body.applicantNotified, true);
      assert.deepEqual([body.appointment.start, body.appointment.end, body.appointment.sequence, body.appointment.calendarState], ['2026-03-24T14:00:00Z', '2026-03-24T15:00:00Z', 1, 'written']);
      assert.deepEqual([...world.calendars.written.keys()], [eventId]);
      assert.equal(world.calendars.written.get(eventId)!.start, '2026-03-24T14:00:00Z');
      assert.equal(world.calendars.written.get(eventId)!.quietAttendees, undefined);
      const updated = (await outbox(world)).find((e) => e.type === 'appointment.updated')!;
      assert.deepEqual([updated.data.change, updated.data.applicantNotified, updated.data.sequence, updated.data.previous], [
        'rescheduled',
        true,
        1,
        { start: '2026-03-24T12:00:00Z', end: '2026-03-24T13:00:00Z', roomId: 'r1', participantIds: ['anna', 'ben'] },
      ]);
      // The old time is free again for the same people and room.
      assert.equal((await create(invite({ applicants: [ALEX] }))).status, 201);
      // A longer duration at the same start is a move too.
      const longer = await json(await api.call('PATCH', `/appointments/${id}`, { durationMinutes: 90 }));
      assert.deepEqual([longer.change, longer.appointment.end, longer.appointment.sequence], ['rescheduled', '2026-03-24T15:30:00Z', 2]);
      const same = await json(await api.call('PATCH', `/appointments/${id}`, { start: '2026-03-24T14:00:00Z' }));
      assert.deepEqual([same.change, same.appointment.sequence], ['unchanged', 2]);
      // Into someone's calendar busy time: refused unless the recruiter overrides; into an appointment: always refused.
      world.calendars.busy.set('ben', [{ start: '2026-03-25T09:00:00Z', end: '2026-03-25T10:00:00Z' }]);
      const busy = await api.call('PATCH', `/appointments/${id}`, { start: '2026-03-25T09:00:00Z' });
      assert.equal(busy.status, 409);
      assert.equal((await json(busy)).error.code, 'slot_unavailable');
      assert.equal((await api.call('PATCH', `/appointments/${id}`, { start: '2026-03-25T09:00:00Z', ignoreCalendarConflicts: true })).status, 200);
      const taken = await api.call('PATCH', `/appointments/${id}`, { start: '2026-03-24T12:30:00Z', ignoreCalendarConflicts: true });
      assert.equal(taken.status, 409);
      assert.equal((await json(taken)).error.code, 'slot_taken');
      assert.equal((await api.call('PATCH', `/appointments/${id}`, {})).status, 400);
      assert.equal((await api.call('PATCH', `/appointments/${id}`, { start: '2026-03-19T09:00:00Z' })).status, 422);
    });

    test('room-only change: the applicant is not invited again, the old room is removed, the host is told applicantNotified false', async () => {
      const { world, api, create } = await setup();
      const id = (await create(invite())).body.appointments[0].id;
      const eventId = [...world.calendars.written.keys()][0]!;
      const res = await json(await api.call('PATCH', `/appointments/${id}`, { roomId: 'r2' }));
      assert.deepEqual([res.change, res.applicantNotified, res.appointment.roomId, res.appointment.sequence], ['room_changed', false, 'r2', 1]);
      const event = world.calendars.written.get(eventId)!;
      assert.deepEqual(event.attendees.map((a) => a.email), ['ben@example.test', 'havel@example.test', 'jamie@applicant.test']);
      assert.deepEqual(event.removedAttendees, [{ email: 'spree@example.test', displayName: 'spree@example.test' }]);
      assert.deepEqual(event.quietAttendees, ['jamie@applicant.test']);
      const updated = (await outbox(world)).filter((e) => e.type === 'appointment.updated');
      assert.deepEqual(updated.map((e) => [e.data.change, e.data.applicantNotified, e.data.roomId]), [['room_changed', false, 'r2']]);
      // The old room is free for others at once, the new one is not.
      const claims = await db.query<{ resource_id: string }>(`SELECT resource_id FROM busy_claims WHERE org_id = $1 AND resource_kind = 'room'`, [world.orgId]);
      assert.deepEqual(claims.map((c) => c.resource_id), ['r2']);
      // A later move concerns the applicant again.
      const moved = await json(await api.call('PATCH', `/appointments/${id}`, { start: '2026-03-24T15:00:00Z' }));
      assert.equal(moved.applicantNotified, true);
      assert.equal(world.calendars.written.get(eventId)!.quietAttendees, undefined);
      assert.equal(world.calendars.written.get(eventId)!.removedAttendees, undefined);
      // Rooms stay Plus.
      await upsertOrganization(db, { id: world.orgId, name: 'Test GmbH', tier: 'basic', integrationEnabled: true, settings: OrgSettingsSchema.parse({}) });
      const downgraded = await api.call('PATCH', `/appointments/${id}`, { roomId: 'r1' });
      assert.equal(downgraded.status, 403);
      assert.equal((await json(downgraded)).error.code, 'plus_required');
    });

    test('the Cronofy gateway sends a room-only change as reject-old-room and invites without the applicant', async () => {
      const { world } = await setup();
      await saveConnection(db, {
        orgId: world.orgId,
        userId: 'anna',
        status: 'connected_individual',
        calendarId: 'cal_anna',
        tokensEnc: box.seal(JSON.stringify({ accessToken: 'at', refreshToken: 'rt', expiresAt: world.clock.now + 3_600_000 })),
      });
      const sent: UpsertEventInput[] = [];
      const client = { upsertEvent: async (_token: string, _calendarId: string, event: UpsertEventInput) => void sent.push(event) } as unknown as CronofyClient;
      const gateway = createCronofyGateway({ db, client, box, logger: silentLogger, now: () => world.clock.now, onConnectionFailed: async () => {} });
      const base = { eventId: 'dvevt_x', summary: 'Interview', description: '', start: '2026-03-24T12:00:00Z', end: '2026-03-24T13:00:00Z', timeZone: 'Europe/Berlin', location: null, private: false };
      await gateway.upsertEvent(world.orgId, 'anna', {
        ...base,
        attendees: [{ email: 'havel@example.test', displayName: 'Havel' }, { email: 'jamie@applicant.test', displayName: 'Jamie Doe' }],
        removedAttendees: [{ email: 'spree@example.test', displayName: 'spree@example.test' }],
        quietAttendees: ['Jamie@Applicant.test'],
      });
      await gateway.upsertEvent(world.orgId, 'anna', { ...base, attendees: [{ email: 'jamie@applicant.test', displayName: 'Jamie Doe' }] });
      assert.deepEqual(sent.map((e) => e.attendees), [
        { invite: [{ email: 'havel@example.test', display_name: 'Havel' }], reject: [{ email: 'spree@example.test', display_name: 'spree@example.test' }] },
        { invite: [{ email: 'jamie@applicant.test', display_name: 'Jamie Doe' }] },
      ]);
    });

    test('cancel: the event is deleted, claims released, appointment.cancelled emitted; cancelling again changes nothing', async () => {
      const { world, api, create } = await setup();
      const id = (await create(invite())).body.appointments[0].id;
      const eventId = [...world.calendars.written.keys()][0]!;
      const res = await api.call('DELETE', `/appointments/${id}`);
      assert.equal(res.status, 200);
      const view = AppointmentViewSchema.parse(await json(res));
      assert.deepEqual([view.status, view.sequence, view.calendarState], ['cancelled', 1, 'deleted']);
      assert.deepEqual(world.calendars.deleted, [eventId]);
      assert.equal(world.calendars.written.size, 0);
      assert.equal(await count(world, 'busy_claims'), 0);
      assert.deepEqual((await outbox(world)).map((e) => [e.type, e.data.status]), [['appointment.created', 'confirmed'], ['appointment.cancelled', 'cancelled']]);
      const again = await api.call('DELETE', `/appointments/${id}`);
      assert.equal(again.status, 200);
      assert.equal((await json(again)).sequence, 1);
      assert.equal(await count(world, 'outbox'), 2);
      const move = await api.call('PATCH', `/appointments/${id}`, { start: '2026-03-25T12:00:00Z' });
      assert.equal(move.status, 409);
      assert.equal((await json(move)).error.code, 'conflict');
      assert.equal((await create(invite())).status, 201, 'the cancelled time is free again');
    });

    test('cancelling a self-booked appointment disables the link: booking.cancelled, the applicant page says cancelled', async () => {
      const { world, api } = await setup();
      const { token, view } = await createRequest(world);
      const booked = await api.app.request(`/api/public/bookings/${token}/appointment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ start: '2026-03-24T12:00:00Z' }),
      });
      assert.equal(booked.status, 201);
      const request = await json(await api.call('GET', `/booking-requests/${view.id}`));
      const appointmentId = request.appointment.id;
      const got = AppointmentViewSchema.parse(await json(await api.call('GET', `/appointments/${appointmentId}`)));
      assert.deepEqual([got.bookingRequestId, got.applicants], [view.id, [JAMIE]]);
      assert.equal((await api.call('DELETE', `/appointments/${appointmentId}`)).status, 200);
      assert.equal((await json(await api.call('GET', `/booking-requests/${view.id}`))).status, 'cancelled');
      const events = (await outbox(world)).map((e) => e.type);
      assert.deepEqual(events, ['booking.confirmed', 'booking.cancelled', 'appointment.cancelled']);
      const page = await json(await api.app.request(`/api/public/bookings/${token}`));
      assert.deepEqual([page.status, page.appointment], ['cancelled', null]);
      const slots = await api.app.request(`/api/public/bookings/${token}/slots`);
      assert.equal(slots.status, 410);
      assert.deepEqual((await json(slots)).error, { code: 'booking_closed', message: 'This booking link is no longer valid.', details: { status: 'cancelled' } });
      assert.equal(world.calendars.written.size, 0);
    });

    test('calendar files: stable UID, METHOD, SEQUENCE raised on every move, VTIMEZONE, CLASS:PRIVATE, CANCEL after cancel', async () => {
      const { world, api, create } = await setup();
      const id = (await create(invite({ private: true }))).body.appointments[0].id;
      const eventId = [...world.calendars.written.keys()][0]!;
      const ics = async (query = '') => api.call('GET', `/appointments/${id}/ics${query}`);

      const first = await ics('?method=REQUEST');
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('content-type'), 'text/calendar; charset=utf-8; method=REQUEST');
      const a = parseIcs(await first.text());
      assert.equal(a.calendar.getFirstPropertyValue('method'), 'REQUEST');
      assert.equal(a.event.uid, `${eventId}@dv-calendar`);
      assert.equal(a.event.sequence, 0);
      assert.equal(a.vevent.getFirstPropertyValue('class'), 'PRIVATE');
      assert.equal(a.event.startDate.zone?.tzid, 'Europe/Berlin');
      assert.equal(a.event.startDate.toJSDate().toISOString(), '2026-03-24T12:00:00.000Z');
      // The applicant's copy: only the applicant, no internal notes.
      assert.deepEqual(a.vevent.getAllProperties('attendee').map((p) => p.getFirstValue()), ['mailto:jamie@applicant.test']);
      assert.equal(a.vevent.getFirstPropertyValue('description'), null);

      const internal = parseIcs(await (await ics('?audience=internal')).text());
      assert.deepEqual(internal.vevent.getAllProperties('attendee').map((p) => p.getFirstValue()), ['mailto:ben@example.test', 'mailto:spree@example.test', 'mailto:jamie@applicant.test']);
      assert.equal(internal.vevent.getFirstPropertyValue('description'), 'Applicant: Jamie Doe\nPlease bring the portfolio.');

      await api.call('PATCH', `/appointments/${id}`, { start: '2026-03-24T14:00:00Z' });
      await api.call('PATCH', `/appointments/${id}`, { start: '2026-03-24T15:00:00Z' });
      const moved = parseIcs(await (await ics()).text());
      assert.deepEqual([moved.event.uid, moved.event.sequence, moved.event.startDate.toJSDate().toISOString()], [`${eventId}@dv-calendar`, 2, '2026-03-24T15:00:00.000Z']);
      assert.equal((await ics('?method=CANCEL')).status, 409);

      await api.call('DELETE', `/appointments/${id}`);
      const cancel = await ics();
      assert.equal(cancel.headers.get('content-type'), 'text/calendar; charset=utf-8; method=CANCEL');
      const c = parseIcs(await cancel.text());
      assert.deepEqual([c.calendar.getFirstPropertyValue('method'), c.event.uid, c.event.sequence, c.vevent.getFirstPropertyValue('status')], ['CANCEL', `${eventId}@dv-calendar`, 3, 'CANCELLED']);
      const request = await ics('?method=REQUEST');
      assert.equal(request.status, 409);

      // A group's copy names one applicant; asking without naming one, or for a stranger, is 422.
      const group = (await create(invite({ applicants: [JAMIE, ALEX], schedule: { mode: 'shared', start: '2026-03-26T12:00:00Z' } }))).body.appointments[0].id;
      assert.equal((await api.call('GET', `/appointments/${group}/ics`)).status, 422);
      assert.equal((await api.call('GET', `/appointments/${group}/ics?applicant=eve@applicant.test`)).status, 422);
      const alex = parseIcs(await (await api.call('GET', `/appointments/${group}/ics?applicant=${encodeURIComponent(ALEX.email)}`)).text());
      assert.deepEqual(alex.vevent.getAllProperties('attendee').map((p) => p.getFirstValue()), ['mailto:alex@applicant.test']);
      assert.equal((await api.call('GET', `/appointments/${group}/ics?method=PUBLISH`)).status, 400);
      assert.equal((await api.call('GET', `/appointments/apt_nope/ics`)).status, 404);
    });

    test('Idempotency-Key: a retried invite returns the first result and creates once', async () => {
      const { world, create } = await setup();
      const key = { 'idempotency-key': 'invite-retry-0001' };
      const first = await create(invite(), key);
      const second = await create(invite(), key);
      assert.equal(first.status, 201);
      assert.equal(second.status, 201);
      assert.deepEqual(second.body, first.body);
      assert.equal(await count(world, 'appointments'), 1);
      const other = await create(invite({ applicants: [ALEX] }), key);
      assert.equal(other.status, 422);
      assert.equal(other.body.error.code, 'idempotency_conflict');
      assert.equal((await create(invite(), { 'idempotency-key': 'bad key!' })).status, 400);
    });

    test('across the DST switch with the applicant in New York: suggested, invited and filed at the right instant', async () => {
      const { world, api, create } = await setup({ now: '2026-03-26T08:00:00Z' });
      world.calendars.busy.set('anna', [{ start: '2026-03-27T00:00:00Z', end: '2026-03-28T00:00:00Z' }]);
      // The applicant's zone (New York switched on 8 March) aligns the times; Europe switches on 29 March.
      const check = await json(await api.call('POST', '/availability-check', {
        participantIds: ['anna', 'ben'],
        durationMinutes: 60,
        timeZone: 'America/New_York',
        schedule: { mode: 'shared', start: '2026-03-27T09:00:00Z' },
        suggestionCount: 1,
      }));
      const start = check.suggestions[0].start;
      assert.equal(start, '2026-03-30T08:00:00Z', '10:00 CEST, 09:00 BST, 04:00 EDT');
      const created = await create(invite({ timeZone: 'America/New_York', schedule: { mode: 'shared', start } }));
      assert.equal(created.status, 201);
      const id = created.body.appointments[0].id;
      const text = await (await api.call('GET', `/appointments/${id}/ics`)).text();
      assert.match(text, /DTSTART;TZID=America\/New_York:20260330T040000/);
      const { event } = parseIcs(text);
      assert.equal(event.startDate.toJSDate().toISOString(), '2026-03-30T08:00:00.000Z');
      assert.equal(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(new Date(start)), '10:00');
      // Moved to the Friday before the European switch: 09:00Z is 10:00 CET and 05:00 EDT.
      await api.call('PATCH', `/appointments/${id}`, { start: '2026-03-27T09:00:00Z', ignoreCalendarConflicts: true });
      const moved = await (await api.call('GET', `/appointments/${id}/ics`)).text();
      assert.match(moved, /DTSTART;TZID=America\/New_York:20260327T050000/);
      assert.match(moved, /SEQUENCE:1/);
    });

    test('tenancy: another organization\'s appointment is 404 for every route and stays untouched', async () => {
      const mine = await setup();
      const theirs = await setup();
      const id = (await theirs.create(invite())).body.appointments[0].id;
      for (const [method, path, body] of [
        ['GET', `/appointments/${id}`, undefined],
        ['PATCH', `/appointments/${id}`, { start: '2026-03-25T12:00:00Z' }],
        ['DELETE', `/appointments/${id}`, undefined],
        ['GET', `/appointments/${id}/ics`, undefined],
        ['GET', `/appointments/${id}/participants`, undefined],
      ] as const) {
        const res = await mine.api.call(method, path, body);
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.equal((await json(res)).error.code, 'not_found');
      }
      const still = await json(await theirs.api.call('GET', `/appointments/${id}`));
      assert.deepEqual([still.status, still.sequence, still.start], ['confirmed', 0, '2026-03-24T12:00:00Z']);
    });
  });
}
