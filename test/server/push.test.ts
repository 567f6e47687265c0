/**
 * Reading calendars and Cronofy's push notifications, through the real app and the simulator: tentative time is
 * busy and all-day events block the owner's local day; busy time is cached per user so repeated slot queries do not
 * call Cronofy, and a signed `change` notification drops exactly that user's cache; `profile_disconnected` fails the
 * connection once and the open booking requests that include the user; a bad signature is 401 and changes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CRONOFY_HMAC_HEADER, signCronofyHmac } from '../../src/cronofy/index.js';
import { busyFromFreeBusy } from '../../src/server/services/cronofy-gateway.js';
import { addDays, formatInstant, zonedWallTimeToInstant } from '../../src/shared/time.js';
import type { Db } from '../../src/store/db.js';
import { CLIENT_SECRET, PUBLIC_URL, createSimWorld, publicCall, type SimWorld } from '../support/sim-world.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

const at = (date: string, time: string, zone: string) => formatInstant(zonedWallTimeToInstant(date, time, zone));

async function push(world: SimWorld, userId: string, body: string, signature: string | null) {
  return world.app.request(`${PUBLIC_URL}/api/cronofy/push/${world.orgId}/${userId}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', ...(signature === null ? {} : { [CRONOFY_HMAC_HEADER]: signature }) },
    body,
  });
}

async function cacheKeys(db: Db, orgId: string): Promise<string[]> {
  return (await db.query<{ resource_key: string }>('SELECT resource_key FROM freebusy_cache WHERE org_id = $1 ORDER BY resource_key', [orgId])).map((r) => r.resource_key);
}

test('busyFromFreeBusy: free dropped; busy, tentative and unknown kept; dates are local days of the owner; localized times read in their zone', () => {
  const periods = [
    { calendar_id: 'c', start: '2026-03-23T09:00:00Z', end: '2026-03-23T10:00:00Z', free_busy_status: 'busy' },
    { calendar_id: 'c', start: '2026-03-23T11:00:00Z', end: '2026-03-23T12:00:00Z', free_busy_status: 'tentative' },
    { calendar_id: 'c', start: '2026-03-23T13:00:00Z', end: '2026-03-23T14:00:00Z', free_busy_status: 'free' },
    { calendar_id: 'c', start: '2026-03-23T15:00:00Z', end: '2026-03-23T15:30:00Z', free_busy_status: 'unknown' },
    { calendar_id: 'c', start: '2026-03-25', end: '2026-03-26', free_busy_status: 'busy' },
    // DST in New York began on 8 March, in Berlin it begins on 29 March: the day is read in the owner's zone.
    { calendar_id: 'c', start: '2026-03-29', end: '2026-03-30', free_busy_status: 'busy' },
    { calendar_id: 'c', start: { time: '2026-03-24T09:00:00', tzid: 'Europe/Berlin' }, end: { time: '2026-03-24T09:45:30', tzid: 'Europe/Berlin' }, free_busy_status: 'busy' },
    { calendar_id: 'c', start: { time: '2026-03-24T12:00:00Z', tzid: 'Asia/Tokyo' }, end: { time: '2026-03-24T12:30:00Z', tzid: 'Asia/Tokyo' }, free_busy_status: 'busy' },
  ];
  assert.deepEqual(busyFromFreeBusy(periods, 'America/New_York'), [
    { start: '2026-03-23T09:00:00Z', end: '2026-03-23T10:00:00Z' },
    { start: '2026-03-23T11:00:00Z', end: '2026-03-23T12:00:00Z' },
    { start: '2026-03-23T15:00:00Z', end: '2026-03-23T15:30:00Z' },
    { start: '2026-03-25T04:00:00Z', end: '2026-03-26T04:00:00Z' },
    { start: '2026-03-29T04:00:00Z', end: '2026-03-30T04:00:00Z' },
    { start: '2026-03-24T08:00:00Z', end: '2026-03-24T08:45:30Z' },
    { start: '2026-03-24T12:00:00Z', end: '2026-03-24T12:30:00Z' },
  ]);
  assert.deepEqual(busyFromFreeBusy(periods.slice(5, 6), 'Europe/Berlin'), [{ start: '2026-03-28T23:00:00Z', end: '2026-03-29T22:00:00Z' }]);
});

for (const kind of STORE_KINDS) {
  describe(`calendar reads and push notifications (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    test('read from the simulator: tentative is busy, free is not, an all-day event blocks the owner\'s local day', async () => {
      const world = await createSimWorld(db);
      const carla = await world.connectUser('carla');
      const { monday } = world.week();
      const wednesday = addDays(monday, 2);
      const zone = 'America/New_York';
      world.sim.control.addEvent(carla.sub, { start: at(monday, '09:00', zone), end: at(monday, '10:00', zone), free_busy_status: 'tentative' });
      world.sim.control.addEvent(carla.sub, { start: at(monday, '11:00', zone), end: at(monday, '12:00', zone), free_busy_status: 'free' });
      world.sim.control.addEvent(carla.sub, { start: at(monday, '13:00', zone), end: at(monday, '14:00', zone) });
      world.sim.control.addEvent(carla.sub, { start: wednesday, end: addDays(wednesday, 1), summary: 'Conference' });
      await world.sim.control.idle();
      const busy = await world.calendars.userBusy(world.orgId, 'carla', { start: at(monday, '00:00', zone), end: at(addDays(monday, 5), '00:00', zone) });
      assert.deepEqual(busy, [
        { start: at(monday, '09:00', zone), end: at(monday, '10:00', zone) },
        { start: at(monday, '13:00', zone), end: at(monday, '14:00', zone) },
        { start: at(wednesday, '00:00', zone), end: at(addDays(wednesday, 1), '00:00', zone) },
      ]);
    });

    test('slot queries are served from the cache; a change notification drops only that user\'s cache and the new busy time shows', async () => {
      const world = await createSimWorld(db);
      const anna = await world.connectUser('anna');
      await world.connectUser('ben');
      const request = await world.createRequest();
      const { monday } = world.week();
      const slotAt = at(monday, '11:00', 'Europe/Berlin');

      world.markRequests();
      const first = await publicCall(world, request.token, '/slots');
      assert.equal(first.status, 200);
      assert.equal(first.body.slots.some((s: { start: string }) => s.start === slotAt), true);
      assert.deepEqual(world.requests(), [], 'creating the request already filled the cache');
      const second = await publicCall(world, request.token, '/slots');
      assert.deepEqual(second.body, first.body);
      assert.deepEqual(world.requests(), [], 'no Cronofy call on a repeated slot query');
      assert.deepEqual(await cacheKeys(db, world.orgId), ['user:anna', 'user:ben']);

      // Anna's calendar changes at the provider: Cronofy pushes a signed `change` to her channel.
      world.sim.control.addEvent(anna.sub, { start: slotAt, end: at(monday, '12:00', 'Europe/Berlin'), summary: 'Dentist' });
      await world.sim.control.idle();
      const delivered = world.sim.control.deliveries().filter((d) => d.type === 'change');
      assert.deepEqual(delivered.map((d) => [d.url, d.status]), [[`${PUBLIC_URL}/api/cronofy/push/${world.orgId}/anna`, 202]]);
      assert.deepEqual(await cacheKeys(db, world.orgId), ['user:ben']);

      world.markRequests();
      const third = await publicCall(world, request.token, '/slots');
      assert.deepEqual(world.requests(), [{ method: 'GET', path: '/v1/free_busy', status: 200 }], 'only Anna is read again');
      const starts = third.body.slots.map((s: { start: string }) => s.start);
      assert.equal(starts.includes(slotAt), false);
      assert.equal(starts.includes(at(monday, '10:00', 'Europe/Berlin')), true, 'the hour before stays (touching is fine)');
      assert.equal(starts.includes(at(monday, '12:00', 'Europe/Berlin')), true);
      assert.equal(first.body.slots.length - third.body.slots.length, 7, 'starts 10:15 … 11:45 are gone');
    });

    test('a change notification re-reads attendee replies of the organizer\'s appointments', async () => {
      const world = await createSimWorld(db);
      await world.connectUser('anna');
      await world.connectUser('ben');
      const request = await world.createRequest();
      const { monday } = world.week();
      const start = at(monday, '11:00', 'Europe/Berlin');
      const booked = await publicCall(world, request.token, '/appointment', { method: 'POST', body: JSON.stringify({ start }) });
      assert.equal(booked.status, 201);
      await world.sim.control.idle();
      const [appointment] = await db.query<{ id: string; event_id: string; calendar_state: string }>('SELECT id, event_id, calendar_state FROM appointments WHERE org_id = $1', [world.orgId]);
      assert.equal(appointment!.calendar_state, 'written');

      // The applicant accepts in their mail client; Cronofy sees the organizer's event change and pushes `change`.
      world.sim.control.reply({ event_id: appointment!.event_id, email: 'jamie.doe@applicant.example', status: 'accepted' });
      await world.sim.control.idle();
      const changes = (await world.outbox()).filter((e) => e.type === 'participant.status_changed');
      assert.equal(changes.length, 1);
      assert.equal(changes[0]!.data.appointmentId, appointment!.id);
      assert.deepEqual(changes[0]!.data.attendee, { kind: 'applicant', name: 'Jamie Doe', email: 'jamie.doe@applicant.example' });
    });

    test('a cached read expires after its TTL without a push', async () => {
      const world = await createSimWorld(db);
      await world.connectUser('anna');
      const { monday } = world.week();
      const window = { start: at(monday, '00:00', 'Europe/Berlin'), end: at(addDays(monday, 1), '00:00', 'Europe/Berlin') };
      await world.calendars.userBusy(world.orgId, 'anna', window);
      world.markRequests();
      await world.calendars.userBusy(world.orgId, 'anna', window);
      assert.deepEqual(world.requests(), []);
      world.clock.advance(5 * 60_000 + 1);
      await world.calendars.userBusy(world.orgId, 'anna', window);
      assert.deepEqual(world.requests(), [{ method: 'GET', path: '/v1/free_busy', status: 200 }]);
    });

    test('profile_disconnected: connection failed once, connection.failed once, open requests with the user failed', async () => {
      const world = await createSimWorld(db);
      await world.connectUser('anna');
      const ben = await world.connectUser('ben');
      const withBen = await world.createRequest();
      const withoutBen = await world.createRequest({ participantIds: ['anna'] });
      world.sim.control.disconnect(ben.sub);
      await world.sim.control.idle();
      const delivery = world.sim.control.deliveries().find((d) => d.type === 'profile_disconnected')!;
      assert.equal(delivery.status, 202);
      const view = (await world.api('GET', '/api/users/ben/connection', undefined, 'ben')).body;
      assert.equal(view.status, 'failed');
      assert.equal(view.failedReason, 'profile_disconnected');
      // Cronofy retries deliveries: the same notification again changes nothing.
      const replay = await push(world, 'ben', delivery.body, delivery.signature);
      assert.equal(replay.status, 202);
      // One transaction: no order between the two events.
      assert.deepEqual((await world.outbox()).map((e) => [e.type, e.data.reason, e.data.bookingRequestId ?? e.data.userId]).sort(), [
        ['booking.failed', 'participant_disconnected', withBen.id],
        ['connection.failed', 'profile_disconnected', 'ben'],
      ]);
      assert.equal((await world.api('GET', `/api/booking-requests/${withBen.id}`)).body.status, 'failed');
      assert.equal((await world.api('GET', `/api/booking-requests/${withoutBen.id}`)).body.status, 'open');
      // A request without Ben still offers slots.
      const slots = await publicCall(world, withoutBen.token, '/slots');
      assert.equal(slots.status, 200);
    });

    test('a bad or missing signature is 401 and changes nothing; a rotation header with one valid secret passes', async () => {
      const world = await createSimWorld(db);
      const ben = await world.connectUser('ben');
      await world.calendars.userBusy(world.orgId, 'ben', { start: formatInstant(world.clock.now()), end: formatInstant(world.clock.now() + 86_400_000) });
      const channelId = world.sim.control.getAccount(ben.sub).channels[0]!.channel_id;
      const body = JSON.stringify({
        notification: { type: 'profile_disconnected' },
        channel: { channel_id: channelId, callback_url: `${PUBLIC_URL}/api/cronofy/push/${world.orgId}/ben`, filters: {} },
      });
      const change = JSON.stringify({ notification: { type: 'change', changes_since: '2026-01-01T00:00:00Z' }, channel: { channel_id: channelId, callback_url: 'x' } });
      for (const signature of [null, '', 'not-base64', signCronofyHmac(body, 'CRN_another_secret'), signCronofyHmac(`${body} `, CLIENT_SECRET)]) {
        const res = await push(world, 'ben', body, signature);
        assert.equal(res.status, 401, String(signature));
        assert.equal((await res.json()).error.code, 'unauthorized');
      }
      assert.equal((await world.api('GET', '/api/users/ben/connection', undefined, 'ben')).body.status, 'connected_individual');
      assert.deepEqual(await world.outbox(), []);
      assert.deepEqual(await cacheKeys(db, world.orgId), ['user:ben']);

      const rotated = `${signCronofyHmac(change, 'CRN_retired_secret')}, ${signCronofyHmac(change, CLIENT_SECRET)}`;
      assert.equal((await push(world, 'ben', change, rotated)).status, 202);
      assert.deepEqual(await cacheKeys(db, world.orgId), []);
    });

    test('signed but unusable: unreadable JSON is 400; an unknown channel or user is acknowledged and ignored', async () => {
      const world = await createSimWorld(db);
      await world.connectUser('ben');
      const garbage = '{"notification":';
      assert.equal((await push(world, 'ben', garbage, signCronofyHmac(garbage, CLIENT_SECRET))).status, 400);
      const stale = JSON.stringify({ notification: { type: 'profile_disconnected' }, channel: { channel_id: 'chn_old', callback_url: 'x' } });
      assert.equal((await push(world, 'ben', stale, signCronofyHmac(stale, CLIENT_SECRET))).status, 202);
      assert.equal((await push(world, 'nobody', stale, signCronofyHmac(stale, CLIENT_SECRET))).status, 202);
      assert.equal((await world.api('GET', '/api/users/ben/connection', undefined, 'ben')).body.status, 'connected_individual');
      assert.deepEqual(await world.outbox(), []);
    });
  });
}
