/**
 * The recruiter's lifecycle of a self-booking link: resend (a declined, expired or failed link re-activated with a
 * new period and a new token; the old token stops working) and cancel (the link disabled, a booked appointment
 * cancelled and its event deleted) — over HTTP, against each store kind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { BookingRequestViewSchema } from '../../src/shared/api/booking-requests.js';
import type { Db } from '../../src/store/db.js';
import { saveConnection } from '../../src/store/repos/connections.js';
import { createRequest, createWorld, json, type World } from '../support/fixtures.js';
import { outbox, recruiterApi } from '../support/recruiter.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

const NEW_PERIOD = { start: '2026-03-30T00:00:00Z', end: '2026-04-03T00:00:00Z' };

for (const kind of STORE_KINDS) {
  describe(`booking request lifecycle (${kind})`, () => {
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
      const pub = (token: string, path = '', init: RequestInit = {}) =>
        api.app.request(`/api/public/bookings/${token}${path}`, { ...init, headers: { 'content-type': 'application/json' } });
      const resend = async (id: string, period: unknown = NEW_PERIOD) => {
        const res = await api.call('POST', `/booking-requests/${id}/resend`, { period });
        return { status: res.status, body: await json(res) };
      };
      const cancel = async (id: string) => {
        const res = await api.call('POST', `/booking-requests/${id}/cancel`);
        return { status: res.status, body: await json(res) };
      };
      return { world, api, pub, resend, cancel };
    }

    const tokenOf = (link: string) => new URL(link).searchParams.get('booking')!;
    const count = async (world: World, table: string) =>
      (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE org_id = $1`, [world.orgId]))[0]!.n;

    test('resend a declined link: new period, new token returned once, the old token stops working', async () => {
      const { world, pub, resend } = await setup();
      const { token, view } = await createRequest(world);
      assert.equal((await pub(token, '/decline', { method: 'POST', body: '{}' })).status, 200);
      const { status, body } = await resend(view.id);
      assert.equal(status, 200);
      BookingRequestViewSchema.parse(body);
      assert.deepEqual([body.status, body.failureReason, body.period, body.appointment], ['open', null, NEW_PERIOD, null]);
      assert.equal(body.availability.slotCount, 4 * 25, 'Mon 30 Mar – Thu 2 Apr, 25 common one-hour starts a day (08–15Z after the switch)');
      const fresh = tokenOf(body.link);
      assert.match(fresh, /^[A-Za-z0-9_-]{32}$/);
      assert.notEqual(fresh, token);
      assert.equal((await pub(token)).status, 404);
      const details = await json(await pub(fresh));
      assert.deepEqual([details.status, details.period], ['open', NEW_PERIOD]);
      assert.equal((await pub(fresh, '/appointment', { method: 'POST', body: JSON.stringify({ start: '2026-03-31T09:00:00Z' }) })).status, 201);
      assert.deepEqual((await outbox(world)).map((e) => [e.type, e.data.reason ?? null]), [['booking.failed', 'declined'], ['booking.confirmed', null]]);
    });

    test('resend an expired link (period over, not yet swept) and a failed one', async () => {
      const { world, resend } = await setup();
      const { view } = await createRequest(world);
      world.clock.now = Date.parse('2026-03-28T00:00:00Z');
      const expired = await resend(view.id, { start: '2026-03-30T00:00:00Z', end: '2026-04-10T00:00:00Z' });
      assert.equal(expired.status, 200);
      assert.equal(expired.body.status, 'open');

      world.calendars.busy.set('ben', [{ start: '2026-03-29T00:00:00Z', end: '2026-04-30T00:00:00Z' }]);
      const { view: failed } = await createRequest(world, { period: { start: '2026-03-30T00:00:00Z', end: '2026-04-03T00:00:00Z' } });
      assert.equal(failed.status, 'failed');
      world.calendars.busy.delete('ben');
      const again = await resend(failed.id);
      assert.deepEqual([again.status, again.body.status, again.body.failureReason], [200, 'open', null]);
    });

    test('resend into a period without a common slot fails again at once with no_common_slot', async () => {
      const { world, pub, resend } = await setup();
      const { token, view } = await createRequest(world);
      await pub(token, '/decline', { method: 'POST', body: '{}' });
      world.calendars.busy.set('ben', [{ start: '2026-03-29T00:00:00Z', end: '2026-04-04T00:00:00Z' }]);
      const { status, body } = await resend(view.id);
      assert.equal(status, 200);
      assert.deepEqual([body.status, body.failureReason, body.availability.slotCount], ['failed', 'no_common_slot', 0]);
      assert.deepEqual(body.availability.participants.map((p: { id: string; freeCandidateCount: number }) => [p.id, p.freeCandidateCount > 0]), [['anna', true], ['ben', false]]);
      assert.deepEqual((await outbox(world)).map((e) => [e.type, e.data.reason]), [['booking.failed', 'declined'], ['booking.failed', 'no_common_slot']]);
    });

    test('resend refusals change nothing: open or booked 409, period outside the window 422, unconnected 422, unknown 404', async () => {
      const { world, api, pub, resend } = await setup();
      const open = await createRequest(world);
      const openResend = await resend(open.view.id);
      assert.equal(openResend.status, 409);
      assert.deepEqual(openResend.body.error, { code: 'conflict', message: 'Only a failed, expired or declined link can be resent; this one is open.', details: { status: 'open' } });
      const booked = await createRequest(world);
      await pub(booked.token, '/appointment', { method: 'POST', body: JSON.stringify({ start: '2026-03-24T09:00:00Z' }) });
      assert.equal((await resend(booked.view.id)).status, 409);

      const declined = await createRequest(world);
      await pub(declined.token, '/decline', { method: 'POST', body: '{}' });
      const outside = await resend(declined.view.id, { start: '2026-03-20T12:00:00Z', end: '2026-03-25T00:00:00Z' });
      assert.deepEqual([outside.status, outside.body.error.code], [422, 'validation_failed']);
      const backwards = await resend(declined.view.id, { start: '2026-03-30T00:00:00Z', end: '2026-03-29T00:00:00Z' });
      assert.deepEqual([backwards.status, backwards.body.error.code], [400, 'validation_failed']);
      await saveConnection(db, { orgId: world.orgId, userId: 'ben', status: 'failed', failedReason: 'profile_disconnected' });
      const unconnected = await resend(declined.view.id);
      assert.deepEqual([unconnected.status, unconnected.body.error.code, unconnected.body.error.details], [422, 'participants_not_connected', { users: [{ id: 'ben', name: 'Ben Taylor' }] }]);
      assert.equal((await resend('brq_nope')).status, 404);
      const noRole = await recruiterApi(world, 'carla', []);
      assert.equal((await noRole.call('POST', `/booking-requests/${declined.view.id}/resend`, { period: NEW_PERIOD })).status, 403);
      // The declined link is still declined and its token still resolves.
      assert.equal((await json(await pub(declined.token))).status, 'declined');
      assert.equal((await json(await api.call('GET', `/booking-requests/${declined.view.id}`))).status, 'declined');
    });

    test('cancel an open link: disabled with booking.cancelled, its hold released; cancelling again changes nothing', async () => {
      const { world, pub, cancel, resend } = await setup();
      const { token, view } = await createRequest(world);
      assert.equal((await pub(token, '/holds', { method: 'POST', body: JSON.stringify({ start: '2026-03-24T09:00:00Z' }) })).status, 201);
      const { status, body } = await cancel(view.id);
      assert.deepEqual([status, body.status], [200, 'cancelled']);
      assert.deepEqual([await count(world, 'holds'), await count(world, 'busy_claims')], [0, 0]);
      assert.deepEqual((await outbox(world)).map((e) => [e.type, e.data]), [['booking.cancelled', { bookingRequestId: view.id, status: 'cancelled' }]]);
      // The applicant page says the link is no longer valid.
      assert.equal((await json(await pub(token))).status, 'cancelled');
      const book = await pub(token, '/appointment', { method: 'POST', body: JSON.stringify({ start: '2026-03-24T09:00:00Z' }) });
      assert.equal(book.status, 410);
      assert.deepEqual((await json(book)).error.details, { status: 'cancelled' });
      assert.equal((await cancel(view.id)).status, 200);
      assert.equal(await count(world, 'outbox'), 1);
      assert.equal((await resend(view.id)).status, 409, 'a cancelled link is not resent');
    });

    test('cancel a booked link: the appointment is cancelled, its event deleted, its time released', async () => {
      const { world, api, pub, cancel } = await setup();
      const { token, view } = await createRequest(world);
      await pub(token, '/appointment', { method: 'POST', body: JSON.stringify({ start: '2026-03-24T09:00:00Z' }) });
      const eventId = [...world.calendars.written.keys()][0]!;
      const appointmentId = (await json(await api.call('GET', `/booking-requests/${view.id}`))).appointment.id;
      const { body } = await cancel(view.id);
      assert.deepEqual([body.status, body.appointment], ['cancelled', null]);
      assert.deepEqual(world.calendars.deleted, [eventId]);
      assert.equal(await count(world, 'busy_claims'), 0);
      const appointment = await json(await api.call('GET', `/appointments/${appointmentId}`));
      assert.deepEqual([appointment.status, appointment.calendarState], ['cancelled', 'deleted']);
      assert.deepEqual((await outbox(world)).map((e) => e.type), ['booking.confirmed', 'booking.cancelled', 'appointment.cancelled']);
      const page = await json(await pub(token));
      assert.deepEqual([page.status, page.appointment], ['cancelled', null]);
      assert.equal((await pub(token, '/appointment.ics')).status, 404);
    });

    test('cancel a link that already failed or was declined: 409, nothing changes', async () => {
      const { world, pub, cancel } = await setup();
      const { token, view } = await createRequest(world);
      await pub(token, '/decline', { method: 'POST', body: '{}' });
      const res = await cancel(view.id);
      assert.deepEqual([res.status, res.body.error.code, res.body.error.details], [409, 'conflict', { status: 'declined' }]);
      assert.equal((await json(await pub(token))).status, 'declined');
      assert.equal((await cancel('brq_nope')).status, 404);
    });
  });
}
