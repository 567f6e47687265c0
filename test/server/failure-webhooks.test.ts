/**
 * Each failure reason of a self-booking request, end to end to the host: the domain change commits with its
 * outbox event, the delivery worker POSTs it to the organization's webhook URL, signed Standard-Webhooks style,
 * and a receiver that verifies the signature sees `booking.failed` with the reason — declined, expired,
 * participant_disconnected, no_common_slot — plus `connection.failed` for the disconnect. A receiver that is
 * down gets every event later, once it recovers, with the same event ids.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { expireBookingRequests } from '../../src/server/services/booking-requests.js';
import { failConnection } from '../../src/server/services/connections.js';
import { deliverDueWebhooks } from '../../src/server/services/webhooks.js';
import type { Db } from '../../src/store/db.js';
import { box, createRequest, createTestApp, createWorld, type World } from '../support/fixtures.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

const SECRET = `whsec_${Buffer.from('host-receiver-secret-0123456789').toString('base64')}`;

interface Received {
  id: string;
  type: string;
  data: Record<string, unknown>;
}

/** The host's receiver: verifies the signature exactly as the Standard Webhooks libraries do. */
function receiver(up: () => boolean) {
  const received: Received[] = [];
  const fetch: typeof globalThis.fetch = async (_url, init) => {
    if (!up()) return new Response('down', { status: 503 });
    const headers = new Headers(init?.headers);
    const id = headers.get('webhook-id')!;
    const timestamp = headers.get('webhook-timestamp')!;
    const body = String(init?.body);
    const expected = createHmac('sha256', Buffer.from(SECRET.slice(6), 'base64')).update(`${id}.${timestamp}.${body}`).digest('base64');
    assert.equal(headers.get('webhook-signature'), `v1,${expected}`);
    const payload = JSON.parse(body) as { id: string; type: string; data: Record<string, unknown> };
    assert.equal(payload.id, id);
    received.push({ id, type: payload.type, data: payload.data });
    return new Response(null, { status: 204 });
  };
  return { received, fetch };
}

for (const kind of STORE_KINDS) {
  describe(`failure reasons reach the host webhook (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    async function withWebhook(world: World) {
      await db.query('UPDATE organizations SET webhook_url = $2, webhook_secret_enc = $3 WHERE id = $1', [world.orgId, 'https://host.example/hooks', box.seal(SECRET)]);
    }

    async function drain(world: World, fetch: typeof globalThis.fetch) {
      // Other organizations' events in the shared store are delivered too (to nobody): loop until ours are done.
      for (let i = 0; i < 20; i++) {
        await deliverDueWebhooks({ db, box, logger: world.deps.logger, now: world.deps.now, fetch }, 200);
        const left = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE org_id = $1 AND delivered_at IS NULL AND next_attempt_at <= $2', [world.orgId, new Date(world.clock.now).toISOString()]);
        if (left[0]!.n === 0) return;
      }
    }

    test('declined, expired, participant_disconnected and no_common_slot, each delivered signed to the host', async () => {
      const world = await createWorld(db);
      await withWebhook(world);
      const app = await createTestApp(world);
      const { received, fetch } = receiver(() => true);

      const declined = await createRequest(world);
      assert.equal((await app.request(`/api/public/bookings/${declined.token}/decline`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, 200);

      const expiring = await createRequest(world, { period: { start: '2026-03-23T00:00:00Z', end: '2026-03-24T00:00:00Z' } });
      const disconnected = await createRequest(world, { participantIds: ['carla'], roomNeeded: false, locationId: null, online: true });
      world.calendars.busy.set('ben', [{ start: '2026-03-01T00:00:00Z', end: '2026-04-30T00:00:00Z' }]);
      const noCommon = await createRequest(world, { participantIds: ['anna', 'ben'] });
      assert.equal(noCommon.view.status, 'failed');

      await failConnection(world.deps, world.orgId, 'carla', 'profile_disconnected');
      world.clock.now = Date.parse('2026-03-24T00:00:00Z');
      assert.ok((await expireBookingRequests(world.deps)) >= 1);
      await drain(world, fetch);

      const failures = received.filter((r) => r.type === 'booking.failed').map((r) => [r.data.bookingRequestId, r.data.reason]);
      assert.deepEqual(
        new Set(failures.map((f) => JSON.stringify(f))),
        new Set([
          [declined.view.id, 'declined'],
          [expiring.view.id, 'expired'],
          [disconnected.view.id, 'participant_disconnected'],
          [noCommon.view.id, 'no_common_slot'],
        ].map((f) => JSON.stringify(f))),
      );
      const connection = received.find((r) => r.type === 'connection.failed');
      assert.deepEqual(connection?.data, { userId: 'carla', reason: 'profile_disconnected', status: 'failed' });
      const log = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM webhook_deliveries WHERE org_id = $1 AND status = 204', [world.orgId]);
      assert.equal(log[0]!.n, received.length);
    });

    test('a host receiver that is down gets every event once it recovers, with the same ids', async () => {
      const world = await createWorld(db);
      await withWebhook(world);
      const app = await createTestApp(world);
      let up = false;
      const { received, fetch } = receiver(() => up);
      const { token } = await createRequest(world);
      assert.equal((await app.request(`/api/public/bookings/${token}/appointment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ start: '2026-03-24T12:00:00Z' }) })).status, 201);
      await drain(world, fetch);
      assert.equal(received.length, 0);
      const attempts = await db.query<{ attempts: number; last_error: string }>('SELECT attempts, last_error FROM outbox WHERE org_id = $1', [world.orgId]);
      assert.deepEqual(attempts.map((a) => [a.attempts, a.last_error]), [[1, 'HTTP 503']]);
      up = true;
      world.clock.now += 60 * 60_000; // past any back-off
      await drain(world, fetch);
      const ids = (await db.query<{ id: string }>('SELECT id FROM outbox WHERE org_id = $1', [world.orgId])).map((r) => r.id);
      assert.deepEqual(received.map((r) => r.id), ids);
      assert.equal(received[0]!.type, 'booking.confirmed');
    });
  });
}
