/**
 * Applicant self-booking over HTTP (`app.request()` on the real app): details, slots, holds, booking, moving,
 * declining, idempotency, failure reasons and the double-booking guard, against each store kind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ICAL from 'ical.js';
import { reconcileCalendarWrites } from '../../src/server/services/calendar-sync.js';
import type { Db } from '../../src/store/db.js';
import { createRequest, createTestApp, createWorld, json, type World } from '../support/fixtures.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

for (const kind of STORE_KINDS) {
  describe(`public booking API (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    async function setup(options: Parameters<typeof createWorld>[1] = {}) {
      const world = await createWorld(db, options);
      const app = await createTestApp(world);
      const call = (token: string, path = '', init: RequestInit = {}) =>
        app.request(`/api/public/bookings/${token}${path}`, {
          ...init,
          headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
        });
      const book = (token: string, start: string, extra: Record<string, string> = {}, holdId?: string) =>
        call(token, '/appointment', { method: 'POST', body: JSON.stringify({ start, ...(holdId ? { holdId } : {}) }), headers: extra });
      return { world, app, call, book };
    }

    test('details name the interviewers by first name, the place and the period', async () => {
      const { world, call } = await setup();
      const { token } = await createRequest(world);
      const res = await call(token);
      assert.equal(res.status, 200);
      const body = await json(res);
      assert.equal(body.status, 'open');
      assert.deepEqual(body.interviewers, [{ displayName: 'Anna' }, { displayName: 'Ben' }]);
      assert.deepEqual(body.location, { kind: 'onsite', name: 'Berlin HQ', address: 'Friedrichstraße 1, Berlin' });
      assert.deepEqual(body.period, { start: '2026-03-23T00:00:00Z', end: '2026-03-28T00:00:00Z' });
      assert.equal(body.durationMinutes, 60);
      assert.equal(body.holdMinutes, 5);
      assert.equal(body.appointment, null);
      assert.equal(JSON.stringify(body).includes('@'), false, 'no e-mail address reaches the applicant');
    });

    test('slots are the common working hours (Berlin 9–17 ∩ London 9–17) minus busy time', async () => {
      const { world, call } = await setup();
      world.calendars.busy.set('anna', [{ start: '2026-03-23T09:00:00Z', end: '2026-03-23T10:30:00Z' }]);
      const { token } = await createRequest(world);
      const body = await json(await call(token, '/slots'));
      assert.equal(body.timeZone, 'Europe/Berlin');
      const monday = body.slots.filter((s: { start: string }) => s.start.startsWith('2026-03-23'));
      // Common hours are 09:00–16:00 UTC; Anna is busy until 10:30 UTC; last start 15:00 UTC.
      assert.equal(monday[0].start, '2026-03-23T10:30:00Z');
      assert.equal(monday.at(-1).start, '2026-03-23T15:00:00Z');
      assert.equal(monday.length, 19);
      // Mon–Fri, 25 starts a day, minus Monday's six.
      assert.equal(body.slots.length, 25 * 5 - 6);
    });

    test('booking writes the event into the organizer\'s calendar with participants, room and applicant', async () => {
      const { world, call, book } = await setup();
      const { token, view } = await createRequest(world);
      const res = await book(token, '2026-03-24T12:00:00Z');
      assert.equal(res.status, 201);
      assert.deepEqual(await json(res), {
        start: '2026-03-24T12:00:00Z',
        end: '2026-03-24T13:00:00Z',
        timeZone: 'Europe/Berlin',
        roomName: 'Spree',
        location: { kind: 'onsite', name: 'Berlin HQ', address: 'Friedrichstraße 1, Berlin' },
      });
      const [event] = [...world.calendars.written.values()];
      assert.ok(event);
      assert.equal(event.organizerId, 'anna');
      assert.deepEqual(event.attendees.map((a) => a.email), ['ben@example.test', 'spree@example.test', 'jamie@applicant.test']);
      assert.equal(event.start, '2026-03-24T12:00:00Z');
      const details = await json(await call(token));
      assert.equal(details.status, 'booked');
      assert.equal(details.appointment.start, '2026-03-24T12:00:00Z');
      const outbox = await db.query<{ type: string }>('SELECT type FROM outbox WHERE org_id = $1 ORDER BY created_at', [world.orgId]);
      assert.deepEqual(outbox.map((r) => r.type), ['booking.confirmed']);
      const state = await db.query<{ calendar_state: string }>('SELECT calendar_state FROM appointments WHERE org_id = $1', [world.orgId]);
      assert.equal(state[0]!.calendar_state, 'written');
      assert.equal(view.status, 'open');
    });

    test('a booked time disappears for another applicant sharing an interviewer; booking it anyway is 409', async () => {
      const { world, call, book } = await setup();
      const first = await createRequest(world);
      const second = await createRequest(world, { participantIds: ['ben'], roomNeeded: false, locationId: null, online: true });
      assert.equal((await book(first.token, '2026-03-24T12:00:00Z')).status, 201);
      const slots = (await json(await call(second.token, '/slots'))).slots.map((s: { start: string }) => s.start);
      assert.equal(slots.includes('2026-03-24T12:00:00Z'), false);
      assert.equal(slots.includes('2026-03-24T11:45:00Z'), false, 'an overlapping start is gone too');
      assert.equal(slots.includes('2026-03-24T13:00:00Z'), true, 'a touching start stays');
      const res = await book(second.token, '2026-03-24T12:30:00Z');
      assert.equal(res.status, 409);
      const body = await json(res);
      assert.equal(body.error.code, 'slot_taken');
      assert.ok(body.error.details.slots.length > 0);
      assert.equal(body.error.details.slots.some((s: { start: string }) => s.start === '2026-03-24T12:30:00Z'), false);
    });

    test('50 concurrent attempts at one interviewer\'s time: exactly one wins, the rest get 409 slot_taken', async () => {
      const { world, book } = await setup();
      const requests = [];
      for (let i = 0; i < 50; i++) {
        requests.push(await createRequest(world, { participantIds: [i % 2 ? 'anna' : 'ben', 'carla'], roomNeeded: false, locationId: null, online: true }));
      }
      // Two overlapping starts (15:00 and 15:30 UTC), every request shares Carla: only one can win.
      const results = await Promise.all(requests.map((r, i) => book(r.token, i % 2 ? '2026-03-24T15:00:00Z' : '2026-03-24T15:30:00Z')));
      const statuses = results.map((r) => r.status).sort();
      assert.equal(statuses.filter((s) => s === 201).length, 1);
      assert.equal(statuses.filter((s) => s === 409).length, 49);
      const claims = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM busy_claims WHERE org_id = $1 AND resource_id = 'carla' AND appointment_id IS NOT NULL`,
        [world.orgId],
      );
      assert.equal(claims[0]!.n, 1);
    });

    test('one link booked twice at once on different times: one 201, the other 410 booked, one appointment', async () => {
      const { world, book } = await setup();
      const { token, view } = await createRequest(world, { participantIds: ['anna'], roomNeeded: false, locationId: null, online: true });
      const results = await Promise.all(['2026-03-24T09:00:00Z', '2026-03-25T09:00:00Z', '2026-03-26T09:00:00Z'].map((start) => book(token, start)));
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 410, 410]);
      for (const lost of results.filter((r) => r.status === 410)) {
        assert.deepEqual((await json(lost)).error.details, { status: 'booked' });
      }
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM appointments WHERE org_id = $1 AND booking_request_id = $2', [world.orgId, view.id]);
      assert.equal(rows[0]!.n, 1);
      const claims = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM busy_claims WHERE org_id = $1 AND resource_id = 'anna'`, [world.orgId]);
      assert.equal(claims[0]!.n, 1);
    });

    test('one link booked twice at once on the same time: one 201, the other 410 booked (not 409), one appointment', async () => {
      // The second transaction's claim collides with the first one's; that the link is booked is what it must say.
      const { world, book } = await setup();
      const { token, view } = await createRequest(world, { participantIds: ['anna'], roomNeeded: false, locationId: null, online: true });
      const results = await Promise.all([book(token, '2026-03-24T09:00:00Z'), book(token, '2026-03-24T09:00:00Z')]);
      assert.deepEqual(results.map((r) => r.status).sort(), [201, 410]);
      assert.deepEqual((await json(results.find((r) => r.status === 410)!)).error.details, { status: 'booked' });
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM appointments WHERE org_id = $1 AND booking_request_id = $2', [world.orgId, view.id]);
      assert.equal(rows[0]!.n, 1);
    });

    /**
     * An app whose request, after its `reads`-th store read, waits for `meanwhile` before it goes on: it has read the
     * link as open (and, with a key, found no answer yet), and another booking of the link commits in between. Two
     * requests at once can take that interleaving; here it happens every time.
     */
    async function appReadingBefore(world: World, meanwhile: () => unknown, reads = 1) {
      let left = 0;
      const slow = new Proxy(db, {
        get(target, property) {
          if (property === 'query') {
            return async (...args: Parameters<Db['query']>) => {
              const rows = await target.query(...args);
              if (left > 0 && --left === 0) await meanwhile();
              return rows;
            };
          }
          const value = Reflect.get(target, property, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
      const app = await createTestApp(world, { db: slow });
      return (token: string, start: string, headers: Record<string, string> = {}, path = '/appointment') => {
        left = reads;
        return app.request(`/api/public/bookings/${token}${path}`, {
          method: 'POST',
          body: JSON.stringify({ start }),
          headers: { 'content-type': 'application/json', ...headers },
        });
      };
    }

    test('a booking that read the link open while another booking of it committed: 410 booked, not 409', async () => {
      const { world, book } = await setup();
      const { token, view } = await createRequest(world, { participantIds: ['anna'], roomNeeded: false, locationId: null, online: true });
      let first: Response | undefined;
      const late = await appReadingBefore(world, async () => {
        first = await book(token, '2026-03-24T09:00:00Z');
      });
      const second = await late(token, '2026-03-24T09:00:00Z');
      assert.equal(first?.status, 201);
      assert.equal(second.status, 410);
      assert.deepEqual((await json(second)).error.details, { status: 'booked' });
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM appointments WHERE org_id = $1 AND booking_request_id = $2', [world.orgId, view.id]);
      assert.equal(rows[0]!.n, 1);
    });

    test('a hold asked for on a link that was booked meanwhile: 410 booked, not 409', async () => {
      const { world, book } = await setup();
      const { token } = await createRequest(world, { participantIds: ['anna'], roomNeeded: false, locationId: null, online: true });
      const late = await appReadingBefore(world, () => book(token, '2026-03-24T09:00:00Z'));
      const hold = await late(token, '2026-03-24T09:00:00Z', {}, '/holds');
      assert.equal(hold.status, 410);
      assert.deepEqual((await json(hold)).error.details, { status: 'booked' });
    });

    test('a retry with the same key that read the link open while the first attempt committed gets the first answer', async () => {
      const { world, book } = await setup();
      const { token } = await createRequest(world, { participantIds: ['anna'], roomNeeded: false, locationId: null, online: true });
      const key = { 'idempotency-key': 'retry-key-race-01' };
      let first: Response | undefined;
      // The link, then the key.
      const late = await appReadingBefore(world, async () => {
        first = await book(token, '2026-03-24T09:00:00Z', key);
      }, 2);
      const retry = await late(token, '2026-03-24T09:00:00Z', key);
      assert.equal(first?.status, 201);
      assert.equal(retry.status, 201);
      assert.deepEqual(await json(retry), await json(first!));
    });

    test('rooms: the first free room of the location is assigned; with none free the time is not offered', async () => {
      const { world, call, book } = await setup();
      const a = await createRequest(world, { participantIds: ['anna'] });
      const b = await createRequest(world, { participantIds: ['ben'] });
      const c = await createRequest(world, { participantIds: ['carla'], period: { start: '2026-03-23T00:00:00Z', end: '2026-03-28T00:00:00Z' } });
      assert.equal((await json(await book(a.token, '2026-03-24T15:00:00Z'))).roomName, 'Spree');
      assert.equal((await json(await book(b.token, '2026-03-24T15:00:00Z'))).roomName, 'Havel');
      const slots = (await json(await call(c.token, '/slots'))).slots.map((s: { start: string }) => s.start);
      assert.equal(slots.includes('2026-03-24T15:00:00Z'), false, 'both rooms are taken at 15:00');
      assert.equal((await book(c.token, '2026-03-24T15:00:00Z')).status, 409);
    });

    test('a hold keeps a time from other applicants until it expires, and is honoured at booking', async () => {
      const { world, call, book } = await setup();
      const a = await createRequest(world);
      const b = await createRequest(world, { participantIds: ['anna'], roomNeeded: false, locationId: null, online: true });
      const holdRes = await call(a.token, '/holds', { method: 'POST', body: JSON.stringify({ start: '2026-03-25T09:00:00Z' }) });
      assert.equal(holdRes.status, 201);
      const hold = await json(holdRes);
      assert.equal(hold.expiresAt, '2026-03-20T08:05:00Z');
      const bSlots = (await json(await call(b.token, '/slots'))).slots.map((s: { start: string }) => s.start);
      assert.equal(bSlots.includes('2026-03-25T09:00:00Z'), false);
      const aSlots = (await json(await call(a.token, '/slots'))).slots.map((s: { start: string }) => s.start);
      assert.equal(aSlots.includes('2026-03-25T09:00:00Z'), true, 'the holder still sees the held time');
      assert.equal((await book(b.token, '2026-03-25T09:00:00Z')).status, 409);
      world.clock.now += 5 * 60_000;
      assert.equal((await book(b.token, '2026-03-25T09:00:00Z')).status, 201, 'an expired hold blocks nothing');
      assert.equal((await book(a.token, '2026-03-25T09:00:00Z', {}, hold.holdId)).status, 409);
    });

    test('Idempotency-Key: a retried POST returns the first result and books once', async () => {
      const { world, book } = await setup();
      const { token } = await createRequest(world);
      const key = { 'idempotency-key': 'retry-key-0001' };
      const first = await book(token, '2026-03-26T10:00:00Z', key);
      const second = await book(token, '2026-03-26T10:00:00Z', key);
      assert.equal(first.status, 201);
      assert.equal(second.status, 201);
      assert.deepEqual(await json(second), await json(first));
      const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM appointments WHERE org_id = $1', [world.orgId]);
      assert.equal(count[0]!.n, 1);
      const other = await book(token, '2026-03-26T11:00:00Z', key);
      assert.equal(other.status, 422);
      assert.equal((await json(other)).error.code, 'idempotency_conflict');
    });

    test('moving a booked appointment keeps the event id and raises the sequence', async () => {
      const { world, call, book } = await setup();
      const { token } = await createRequest(world);
      await book(token, '2026-03-24T09:00:00Z');
      const [before] = [...world.calendars.written.values()];
      const res = await call(token, '/appointment', { method: 'PUT', body: JSON.stringify({ start: '2026-03-24T09:30:00Z' }) });
      assert.equal(res.status, 200);
      assert.equal((await json(res)).start, '2026-03-24T09:30:00Z');
      const [after] = [...world.calendars.written.values()];
      assert.equal(after!.eventId, before!.eventId);
      assert.equal(after!.start, '2026-03-24T09:30:00Z');
      const rows = await db.query<{ sequence: number }>('SELECT sequence FROM appointments WHERE org_id = $1', [world.orgId]);
      assert.equal(rows[0]!.sequence, 1);
      const types = (await db.query<{ type: string }>('SELECT type FROM outbox WHERE org_id = $1 ORDER BY created_at', [world.orgId])).map((r) => r.type);
      assert.deepEqual(types, ['booking.confirmed', 'booking.rescheduled']);
    });

    test('decline: the request fails with reason declined, the host is told, the link stops booking', async () => {
      const { world, call, book } = await setup();
      const { token } = await createRequest(world);
      const res = await call(token, '/decline', { method: 'POST', body: '{}' });
      assert.equal(res.status, 200);
      assert.equal((await json(res)).status, 'declined');
      const events = await db.query<{ type: string; payload: { data: { reason: string } } }>('SELECT type, payload FROM outbox WHERE org_id = $1', [world.orgId]);
      assert.deepEqual(events.map((e) => [e.type, e.payload.data.reason]), [['booking.failed', 'declined']]);
      const closed = await book(token, '2026-03-24T09:00:00Z');
      assert.equal(closed.status, 410);
      assert.deepEqual((await json(closed)).error, { code: 'booking_closed', message: 'This booking link is no longer valid.', details: { status: 'declined' } });
    });

    test('an open link whose period has ended reads as expired and offers nothing', async () => {
      const { world, call } = await setup();
      const { token } = await createRequest(world);
      world.clock.now = Date.parse('2026-03-28T00:00:00Z');
      assert.equal((await json(await call(token))).status, 'expired');
      const res = await call(token, '/slots');
      assert.equal(res.status, 410);
      assert.equal((await json(res)).error.code, 'booking_closed');
    });

    test('unknown and malformed tokens are 404 booking_not_found; bad bodies are 4xx and change nothing', async () => {
      const { world, call, app } = await setup();
      const { token } = await createRequest(world);
      for (const bad of ['A'.repeat(32), 'short', "x'; DROP TABLE users; --"]) {
        const res = await call(encodeURIComponent(bad));
        assert.equal(res.status, 404);
        assert.equal((await json(res)).error.code, 'booking_not_found');
      }
      const cases: Array<[RequestInit, number, string]> = [
        [{ method: 'POST', body: '{not json' }, 400, 'bad_request'],
        [{ method: 'POST', body: JSON.stringify({ start: 'tomorrow' }) }, 400, 'validation_failed'],
        [{ method: 'POST', body: JSON.stringify({ start: '2026-03-24T12:00:00+02:00' }) }, 400, 'validation_failed'],
        [{ method: 'POST', body: JSON.stringify({ start: '2026-03-24T12:07:00Z' }) }, 409, 'slot_taken'],
      ];
      for (const [init, status, code] of cases) {
        const res = await call(token, '/appointment', init);
        assert.equal(res.status, status, String(init.body));
        assert.equal((await json(res)).error.code, code);
      }
      const text = await app.request(`/api/public/bookings/${token}/appointment`, { method: 'POST', body: '{}', headers: { 'content-type': 'text/plain' } });
      assert.equal(text.status, 415);
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM appointments WHERE org_id = $1', [world.orgId]);
      assert.equal(rows[0]!.n, 0);
    });

    test('calendars unreachable: slots answer 503 calendar_unavailable instead of slots from missing data', async () => {
      const { world, call } = await setup();
      const { token } = await createRequest(world);
      world.calendars.unavailable = true;
      const res = await call(token, '/slots');
      assert.equal(res.status, 503);
      assert.equal(res.headers.get('retry-after'), '30');
      assert.equal((await json(res)).error.code, 'calendar_unavailable');
    });

    test('a failed calendar write leaves the booking pending and the reconciler completes it', async () => {
      const { world, book } = await setup();
      const { token } = await createRequest(world);
      world.calendars.failWrites = 1;
      assert.equal((await book(token, '2026-03-27T09:00:00Z')).status, 201);
      let rows = await db.query<{ calendar_state: string }>('SELECT calendar_state FROM appointments WHERE org_id = $1', [world.orgId]);
      assert.equal(rows[0]!.calendar_state, 'pending');
      await db.query(`UPDATE appointments SET updated_at = now() - interval '1 minute' WHERE org_id = $1`, [world.orgId]);
      const result = await reconcileCalendarWrites(world.deps);
      assert.ok(result.written >= 1);
      rows = await db.query<{ calendar_state: string }>('SELECT calendar_state FROM appointments WHERE org_id = $1', [world.orgId]);
      assert.equal(rows[0]!.calendar_state, 'written');
      assert.equal(world.calendars.written.size, 1);
    });

    test('booking across the DST switch: Monday after the switch starts at 10:00 CEST = 08:00Z', async () => {
      const { world, call, book } = await setup({ now: '2026-03-26T08:00:00Z' });
      const { token } = await createRequest(world, { period: { start: '2026-03-27T00:00:00Z', end: '2026-04-01T00:00:00Z' } });
      const slots = (await json(await call(token, '/slots'))).slots.map((s: { start: string }) => s.start);
      assert.equal(slots.find((s: string) => s.startsWith('2026-03-27')), '2026-03-27T09:00:00Z', 'Friday before: 10:00 CET');
      assert.equal(slots.find((s: string) => s.startsWith('2026-03-30')), '2026-03-30T08:00:00Z', 'Monday after: 10:00 CEST');
      assert.equal((await book(token, '2026-03-30T08:00:00Z')).status, 201);
    });

    test('the ICS of a booked appointment parses with ical.js and carries UID, zone and times', async () => {
      const { world, call, book } = await setup();
      const { token } = await createRequest(world);
      assert.equal((await call(token, '/appointment.ics')).status, 404);
      await book(token, '2026-03-24T12:00:00Z');
      const res = await call(token, '/appointment.ics');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^text\/calendar/);
      const text = await res.text();
      const calendar = new ICAL.Component(ICAL.parse(text));
      const zone = calendar.getFirstSubcomponent('vtimezone')!;
      ICAL.TimezoneService.register(zone);
      const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
      assert.equal(calendar.getFirstPropertyValue('method'), 'PUBLISH');
      assert.match(event.uid, /^dvevt_.+@dv-calendar$/);
      assert.equal(event.startDate.toJSDate().toISOString(), '2026-03-24T12:00:00.000Z');
      assert.equal(event.endDate.toJSDate().toISOString(), '2026-03-24T13:00:00.000Z');
      assert.equal(event.startDate.zone?.tzid, 'Europe/Berlin');
      assert.equal(event.summary, 'Interview: Backend Developer');
    });
  });
}
