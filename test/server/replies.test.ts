/**
 * Attendee replies read back from the organizer's calendar: on demand (`GET /api/appointments/:id/participants`)
 * and on push (`refreshAttendeeStatuses`), stored as the last known state, with `participant.status_changed`
 * emitted exactly once per change — also under concurrent refreshes — against each store kind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AttendeeStatus, CalendarGateway } from '../../src/server/services/calendar.js';
import { CalendarUnavailableError } from '../../src/server/services/calendar.js';
import { refreshAppointmentReplies, refreshAttendeeStatuses } from '../../src/server/services/replies.js';
import { ParticipantRepliesSchema } from '../../src/shared/api/appointments.js';
import type { Db } from '../../src/store/db.js';
import { createWorld, json } from '../support/fixtures.js';
import { outbox, recruiterApi } from '../support/recruiter.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

type Replies = Array<{ email: string; status: AttendeeStatus }>;

for (const kind of STORE_KINDS) {
  describe(`participant replies (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    async function setup() {
      const world = await createWorld(db);
      const api = await recruiterApi(world);
      /** What each organizer's calendar shows per event id; an absent event reads as not found. */
      const calendar = new Map<string, Replies>();
      const reads: string[] = [];
      const gateway: CalendarGateway = world.calendars;
      gateway.attendeeStatuses = async (_orgId, organizerId, eventId) => {
        reads.push(`${organizerId}:${eventId}`);
        return calendar.get(eventId) ?? null;
      };
      const invite = async (overrides: Record<string, unknown> = {}) => {
        const res = await api.call('POST', '/appointments', {
          title: 'Interview',
          participantIds: ['anna', 'ben'],
          applicants: [{ name: 'Jamie Doe', email: 'jamie@applicant.test' }],
          durationMinutes: 60,
          timeZone: 'Europe/Berlin',
          schedule: { mode: 'shared', start: '2026-03-24T12:00:00Z' },
          locationId: 'hq',
          roomId: 'r1',
          ...overrides,
        });
        assert.equal(res.status, 201);
        const view = (await json(res)).appointments[0];
        const eventId = (await db.query<{ event_id: string }>('SELECT event_id FROM appointments WHERE org_id = $1 AND id = $2', [world.orgId, view.id]))[0]!.event_id;
        return { id: view.id as string, eventId };
      };
      const participants = async (id: string) => {
        const res = await api.call('GET', `/appointments/${id}/participants`);
        assert.equal(res.status, 200);
        return ParticipantRepliesSchema.parse(await json(res));
      };
      const changes = async () =>
        (await outbox(world)).filter((e) => e.type === 'participant.status_changed').map((e) => [e.data.attendee.email, e.data.previous, e.data.status]);
      return { world, api, calendar, reads, invite, participants, changes };
    }

    test('on demand: replies per attendee by kind; status_changed only when a reply changes', async () => {
      const { world, calendar, invite, participants, changes } = await setup();
      const { id, eventId } = await invite();
      calendar.set(eventId, [
        { email: 'ben@example.test', status: 'needs_action' },
        { email: 'spree@example.test', status: 'accepted' },
        { email: 'jamie@applicant.test', status: 'needs_action' },
      ]);
      assert.deepEqual(await participants(id), {
        appointmentId: id,
        organizer: { id: 'anna', name: 'Anna Schmidt', attends: true },
        attendees: [
          { kind: 'participant', id: 'ben', name: 'Ben Taylor', email: 'ben@example.test', status: 'needs_action', changedAt: null },
          { kind: 'room', id: 'r1', name: 'Spree', email: 'spree@example.test', status: 'accepted', changedAt: '2026-03-20T08:00:00Z' },
          { kind: 'applicant', name: 'Jamie Doe', email: 'jamie@applicant.test', status: 'needs_action', changedAt: null },
        ],
        source: 'calendar',
      });
      const [roomEvent] = (await outbox(world)).filter((e) => e.type === 'participant.status_changed');
      assert.deepEqual(roomEvent!.data, {
        appointmentId: id,
        bookingRequestId: null,
        attendee: { kind: 'room', id: 'r1', name: 'Spree', email: 'spree@example.test' },
        roomId: 'r1',
        previous: 'needs_action',
        status: 'accepted',
      });
      await participants(id);
      assert.deepEqual(await changes(), [['spree@example.test', 'needs_action', 'accepted']], 'nothing new when nothing changed');

      world.clock.now += 3_600_000;
      calendar.set(eventId, [
        { email: 'BEN@example.test', status: 'declined' },
        { email: 'spree@example.test', status: 'accepted' },
        { email: 'jamie@applicant.test', status: 'tentative' },
      ]);
      const after = await participants(id);
      assert.deepEqual(after.attendees.map((a) => [a.email, a.status, a.changedAt]), [
        ['ben@example.test', 'declined', '2026-03-20T09:00:00Z'],
        ['spree@example.test', 'accepted', '2026-03-20T08:00:00Z'],
        ['jamie@applicant.test', 'tentative', '2026-03-20T09:00:00Z'],
      ]);
      const benEvent = (await outbox(world)).find((e) => e.type === 'participant.status_changed' && e.data.attendee.email === 'ben@example.test')!;
      assert.equal(benEvent.data.userId, 'ben');
      // An answer the calendar cannot classify is no change.
      calendar.set(eventId, [{ email: 'ben@example.test', status: 'unknown' }, { email: 'jamie@applicant.test', status: 'accepted' }]);
      const last = await participants(id);
      assert.deepEqual(last.attendees.map((a) => a.status), ['declined', 'accepted', 'accepted']);
      assert.deepEqual(await changes(), [
        ['spree@example.test', 'needs_action', 'accepted'],
        ['ben@example.test', 'needs_action', 'declined'],
        ['jamie@applicant.test', 'needs_action', 'tentative'],
        ['jamie@applicant.test', 'tentative', 'accepted'],
      ]);
    });

    test('calendar unreadable or event not found: the last known replies, marked stored, and no events', async () => {
      const { world, calendar, invite, participants, changes } = await setup();
      const { id, eventId } = await invite();
      calendar.set(eventId, [{ email: 'ben@example.test', status: 'accepted' }]);
      await participants(id);
      calendar.delete(eventId);
      const missing = await participants(id);
      assert.equal(missing.source, 'stored');
      assert.equal(missing.attendees[0]!.status, 'accepted');
      const gateway: CalendarGateway = world.calendars;
      gateway.attendeeStatuses = async () => {
        throw new CalendarUnavailableError('down');
      };
      const down = await participants(id);
      assert.deepEqual([down.source, down.attendees.map((a) => a.status)], ['stored', ['accepted', 'needs_action', 'needs_action']]);
      assert.deepEqual(await changes(), [['ben@example.test', 'needs_action', 'accepted']]);
    });

    test('push: refreshAttendeeStatuses reads every live appointment of that organizer and reports changes once', async () => {
      const { world, api, calendar, reads, invite, changes } = await setup();
      const first = await invite();
      const second = await invite({ schedule: { mode: 'shared', start: '2026-03-25T12:00:00Z' } });
      const cancelled = await invite({ schedule: { mode: 'shared', start: '2026-03-26T12:00:00Z' } });
      await api.call('DELETE', `/appointments/${cancelled.id}`);
      const bensApi = await recruiterApi(world, 'ben');
      const bens = await bensApi.call('POST', '/appointments', {
        title: 'Other',
        participantIds: ['carla'],
        applicants: [{ name: 'Kim Lee', email: 'kim@applicant.test' }],
        durationMinutes: 30,
        timeZone: 'Europe/Berlin',
        schedule: { mode: 'shared', start: '2026-03-24T09:00:00Z' },
        online: true,
      });
      assert.equal(bens.status, 201);
      for (const { eventId } of [first, second, cancelled]) calendar.set(eventId, [{ email: 'jamie@applicant.test', status: 'accepted' }]);

      const result = await refreshAttendeeStatuses(world.deps, world.orgId, 'anna');
      assert.deepEqual(result, { appointments: 2, changed: 2 });
      assert.deepEqual(reads.sort(), [`anna:${first.eventId}`, `anna:${second.eventId}`].sort());
      assert.deepEqual(await changes(), [
        ['jamie@applicant.test', 'needs_action', 'accepted'],
        ['jamie@applicant.test', 'needs_action', 'accepted'],
      ]);
      assert.deepEqual(await refreshAttendeeStatuses(world.deps, world.orgId, 'anna'), { appointments: 2, changed: 0 });
      // Appointments that ended more than a day ago are no longer read.
      world.clock.now = Date.parse('2026-03-26T12:00:00Z');
      assert.deepEqual(await refreshAttendeeStatuses(world.deps, world.orgId, 'anna'), { appointments: 1, changed: 0 });
    });

    test('concurrent refreshes of one change emit one event', async () => {
      const { world, calendar, invite, changes } = await setup();
      const { id, eventId } = await invite();
      calendar.set(eventId, [{ email: 'ben@example.test', status: 'tentative' }]);
      const results = await Promise.all(Array.from({ length: 8 }, () => refreshAppointmentReplies(world.deps, world.orgId, id)));
      assert.equal(results.reduce((n, r) => n + r.changed, 0), 1);
      assert.deepEqual(await changes(), [['ben@example.test', 'needs_action', 'tentative']]);
    });

    test('a replaced room\'s reply is forgotten; the new room starts from needs_action', async () => {
      const { world, api, calendar, invite, participants } = await setup();
      const { id, eventId } = await invite();
      calendar.set(eventId, [{ email: 'spree@example.test', status: 'accepted' }]);
      await participants(id);
      assert.equal((await api.call('PATCH', `/appointments/${id}`, { roomId: 'r2' })).status, 200);
      calendar.set(eventId, [{ email: 'havel@example.test', status: 'needs_action' }]);
      const after = await participants(id);
      assert.deepEqual(after.attendees.map((a) => [a.kind, a.email, a.status]), [
        ['participant', 'ben@example.test', 'needs_action'],
        ['room', 'havel@example.test', 'needs_action'],
        ['applicant', 'jamie@applicant.test', 'needs_action'],
      ]);
      const rows = await db.query<{ email: string }>('SELECT email FROM appointment_attendees WHERE org_id = $1', [world.orgId]);
      assert.deepEqual(rows, []);
    });
  });
}
