/**
 * Cronofy faults against the product (the simulator injects them; the real client, gateway and app handle them):
 * latency, 5xx, 429 with Retry-After and timeouts on reads give fresh data after bounded retries or a clear
 * `503 calendar_unavailable` — never slots computed from missing data; a refresh that fails for a while leaves the
 * connection connected, one that fails for good never leaves it "connected"; a booking whose calendar write fails
 * is kept and completed by the reconciler, and a write retried after a lost answer leaves one event.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { reconcileCalendarWrites } from '../../src/server/services/calendar-sync.js';
import { zonedWallTimeToInstant, formatInstant } from '../../src/shared/time.js';
import type { Db } from '../../src/store/db.js';
import { createSimWorld, publicCall, type SimWorld } from '../support/sim-world.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

/** Two connected interviewers, an open request, and an empty busy-time cache (so the next slot query reads). */
async function readyWorld(db: Db, options: Parameters<typeof createSimWorld>[1] = {}) {
  const world = await createSimWorld(db, options);
  const anna = await world.connectUser('anna');
  const ben = await world.connectUser('ben');
  const request = await world.createRequest();
  await world.calendars.invalidate(world.orgId, 'anna');
  await world.calendars.invalidate(world.orgId, 'ben');
  const { monday } = world.week();
  // A busy hour for Anna, so "fresh data" is visible in the slots.
  const busyStart = formatInstant(zonedWallTimeToInstant(monday, '11:00', 'Europe/Berlin'));
  world.sim.control.addEvent(anna.sub, { start: busyStart, end: formatInstant(zonedWallTimeToInstant(monday, '12:00', 'Europe/Berlin')) });
  await world.sim.control.idle();
  await world.calendars.invalidate(world.orgId, 'anna');
  world.markRequests();
  return { world, anna, ben, request, busyStart };
}

const starts = (body: { slots: Array<{ start: string }> }) => body.slots.map((s) => s.start);

async function cached(world: SimWorld): Promise<string[]> {
  return (await world.db.query<{ resource_key: string }>('SELECT resource_key FROM freebusy_cache WHERE org_id = $1 ORDER BY resource_key', [world.orgId])).map((r) => r.resource_key);
}

for (const kind of STORE_KINDS) {
  describe(`Cronofy faults against the product (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    test('latency below the timeout: the slot query waits and answers with fresh data', async () => {
      const { world, request, busyStart } = await readyWorld(db);
      world.sim.control.addFault({ kind: 'latency', latency_ms: 150, count: 2, path: '/v1/free_busy' });
      const started = Date.now();
      const res = await publicCall(world, request.token, '/slots');
      assert.equal(res.status, 200);
      assert.ok(Date.now() - started >= 150);
      assert.equal(starts(res.body).includes(busyStart), false, 'Anna\'s new busy hour is respected');
      assert.deepEqual(world.requests().map((r) => r.status), [200, 200]);
    });

    test('5xx a few times: retried with back-off, then fresh data', async () => {
      const { world, request, busyStart } = await readyWorld(db);
      world.sim.control.addFault({ kind: 'error', status: 502, count: 2, path: '/v1/free_busy' });
      const res = await publicCall(world, request.token, '/slots');
      assert.equal(res.status, 200);
      assert.equal(starts(res.body).includes(busyStart), false);
      assert.deepEqual(world.requests().map((r) => r.status).sort(), [200, 200, 502, 502]);
      assert.equal(world.sleeps.length, 2, 'one back-off per failed attempt');
    });

    test('5xx that outlasts the retries: 503 calendar_unavailable with Retry-After, nothing cached, still connected; fine once it ends', async () => {
      const { world, request, busyStart } = await readyWorld(db);
      world.sim.control.addFault({ kind: 'error', status: 503, count: 100, path: '/v1/free_busy' });
      const res = await publicCall(world, request.token, '/slots');
      assert.equal(res.status, 503);
      assert.equal(res.body.error.code, 'calendar_unavailable');
      assert.equal(res.headers.get('retry-after'), '30');
      assert.ok(world.requests().filter((r) => r.status === 503).length >= 3, 'three attempts per calendar at least');
      assert.deepEqual(await cached(world), [], 'no partial data is cached');
      assert.equal((await world.api('GET', '/api/users/anna/connection')).body.status, 'connected_individual');
      assert.deepEqual(await world.outbox(), []);
      world.sim.control.clearFaults();
      const after = await publicCall(world, request.token, '/slots');
      assert.equal(after.status, 200);
      assert.equal(starts(after.body).includes(busyStart), false);
    });

    test('429 with Retry-After: the client waits what Cronofy asks, then reads', async () => {
      const { world, request, busyStart } = await readyWorld(db);
      world.sim.control.addFault({ kind: 'rate_limit', retry_after_seconds: 2, count: 1, path: '/v1/free_busy' });
      const res = await publicCall(world, request.token, '/slots');
      assert.equal(res.status, 200);
      assert.equal(starts(res.body).includes(busyStart), false);
      assert.deepEqual(world.sleeps, [2000]);
      assert.deepEqual(world.requests().map((r) => r.status).sort(), [200, 200, 429]);
    });

    test('429 that does not stop: 503 calendar_unavailable, not slots from missing data', async () => {
      const { world, request } = await readyWorld(db);
      world.sim.control.addFault({ kind: 'rate_limit', count: 100, path: '/v1/free_busy' });
      const res = await publicCall(world, request.token, '/slots');
      assert.equal(res.status, 503);
      assert.equal(res.body.error.code, 'calendar_unavailable');
      assert.equal((await world.api('GET', '/api/users/anna/connection')).body.status, 'connected_individual');
    });

    test('timeouts: every attempt is cut off by the client\'s timeout, then 503 calendar_unavailable', async () => {
      const { world, request } = await readyWorld(db, { clientTimeoutMs: 150 });
      world.sim.control.addFault({ kind: 'timeout', count: 100, path: '/v1/free_busy' });
      const started = Date.now();
      const res = await publicCall(world, request.token, '/slots');
      const took = Date.now() - started;
      assert.equal(res.status, 503);
      assert.equal(res.body.error.code, 'calendar_unavailable');
      assert.ok(took < 5000, `bounded: ${took} ms`);
      assert.equal((await world.api('GET', '/api/users/ben/connection', undefined, 'ben')).body.status, 'connected_individual');
      world.sim.control.clearFaults();
      assert.equal((await publicCall(world, request.token, '/slots')).status, 200);
    });

    test('a refresh that fails for a while leaves the connection connected and recovers; one rejected for good never shows connected', async () => {
      const { world, anna, request } = await readyWorld(db);
      world.sim.control.expireAccessTokens(anna.sub);
      world.sim.control.addFault({ kind: 'error', status: 503, count: 100, path: '/oauth/token' });
      const down = await publicCall(world, request.token, '/slots');
      assert.equal(down.status, 503);
      assert.equal(down.body.error.code, 'calendar_unavailable');
      assert.equal((await world.api('GET', '/api/users/anna/connection')).body.status, 'connected_individual');
      world.sim.control.clearFaults();
      assert.equal((await publicCall(world, request.token, '/slots')).status, 200);

      world.sim.control.expireAccessTokens(anna.sub);
      world.sim.control.revokeRefreshTokens(anna.sub);
      await world.calendars.invalidate(world.orgId, 'anna');
      assert.equal((await publicCall(world, request.token, '/slots')).status, 503);
      const view = (await world.api('GET', '/api/users/anna/connection')).body;
      assert.equal(view.status, 'failed');
      assert.equal(view.failedReason, 'invalid_grant');
    });

    test('no lost booking: a calendar outage while booking keeps the appointment pending; the reconciler writes it once', async () => {
      const { world, anna, request } = await readyWorld(db);
      const { monday } = world.week();
      const start = formatInstant(zonedWallTimeToInstant(monday, '14:00', 'Europe/Berlin'));
      await publicCall(world, request.token, '/slots');
      world.sim.control.addFault({ kind: 'error', status: 500, count: 100, path: '/events', method: 'POST' });
      const booked = await publicCall(world, request.token, '/appointment', { method: 'POST', body: JSON.stringify({ start }) });
      assert.equal(booked.status, 201);
      assert.equal(booked.body.start, start);
      const [pending] = await db.query<{ event_id: string; calendar_state: string }>('SELECT event_id, calendar_state FROM appointments WHERE org_id = $1', [world.orgId]);
      assert.equal(pending!.calendar_state, 'pending');
      assert.equal(world.sim.control.listEvents(anna.sub).filter((e) => e.event_id === pending!.event_id).length, 0);

      // Still down: the reconciler keeps it pending (and does not give up before its period).
      const deps = { db, calendars: world.calendars, now: world.clock.now, logger: world.logger };
      assert.deepEqual(await reconcileCalendarWrites(deps, { graceSeconds: 0 }), { written: 0, rolledBack: 0 });
      world.sim.control.clearFaults();
      assert.deepEqual(await reconcileCalendarWrites(deps, { graceSeconds: 0 }), { written: 1, rolledBack: 0 });
      const events = world.sim.control.listEvents(anna.sub).filter((e) => e.event_id === pending!.event_id);
      assert.equal(events.length, 1);
      assert.equal(events[0]!.start, start);
      assert.deepEqual(events[0]!.attendees.map((a) => a.email).sort(), ['ben@corp.example', 'jamie.doe@applicant.example']);
      assert.equal((await db.query<{ calendar_state: string }>('SELECT calendar_state FROM appointments WHERE org_id = $1', [world.orgId]))[0]!.calendar_state, 'written');
      assert.equal((await publicCall(world, request.token)).body.status, 'booked');
    });

    test('a write whose answer is lost (timeout after Cronofy processed it) is retried and leaves exactly one event', async () => {
      const { world, anna, request } = await readyWorld(db, { clientTimeoutMs: 150 });
      const { monday } = world.week();
      const start = formatInstant(zonedWallTimeToInstant(monday, '15:00', 'Europe/Berlin'));
      // The first upsert is processed by Cronofy only after the client gave up on it: the client retries.
      world.sim.control.addFault({ kind: 'latency', latency_ms: 300, count: 1, path: '/events', method: 'POST' });
      const booked = await publicCall(world, request.token, '/appointment', { method: 'POST', body: JSON.stringify({ start }) });
      assert.equal(booked.status, 201);
      await new Promise((resolve) => setTimeout(resolve, 350));
      await world.sim.control.idle();
      const upserts = world.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/events'));
      assert.equal(upserts.length, 2, 'the write was sent twice');
      const [appointment] = await db.query<{ event_id: string; calendar_state: string }>('SELECT event_id, calendar_state FROM appointments WHERE org_id = $1', [world.orgId]);
      assert.equal(appointment!.calendar_state, 'written');
      const events = world.sim.control.listEvents(anna.sub).filter((e) => e.event_id === appointment!.event_id);
      assert.equal(events.length, 1, 'idempotent by event_id: one event');
      // And once more through the reconciler's path: still one.
      await world.calendars.upsertEvent(world.orgId, 'anna', {
        eventId: appointment!.event_id,
        summary: 'Interview: Backend Developer',
        description: '',
        start,
        end: formatInstant(Date.parse(start) + 3600_000),
        timeZone: 'Europe/Berlin',
        location: 'Online',
        attendees: [],
        private: false,
      });
      assert.equal(world.sim.control.listEvents(anna.sub).filter((e) => e.event_id === appointment!.event_id).length, 1);
    });
  });
}
