/** Creating self-booking requests: validation, Plus gating, availability diagnostics, no common slot. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ApiError } from '../../src/server/errors.js';
import type { Db } from '../../src/store/db.js';
import { saveConnection } from '../../src/store/repos/connections.js';
import { createRequest, createWorld } from '../support/fixtures.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

for (const kind of STORE_KINDS) {
  describe(`booking requests (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    test('creation returns a link with a 192-bit token stored only as a hash, and availability', async () => {
      const world = await createWorld(db);
      const { view, token } = await createRequest(world);
      assert.equal(view.status, 'open');
      assert.match(token, /^[A-Za-z0-9_-]{32}$/);
      const rows = await db.query<{ token_hash: string }>('SELECT token_hash FROM booking_requests WHERE org_id = $1', [world.orgId]);
      assert.equal(rows[0]!.token_hash.length, 64);
      assert.notEqual(rows[0]!.token_hash, token);
      assert.equal(view.availability?.slotCount, 125);
      // Mon–Fri, 29 one-hour starts a day each on their own (Anna 09–17 Berlin, Ben 09–17 London = 10–18 Berlin).
      assert.deepEqual(view.availability?.participants.map((p) => [p.id, p.name, p.freeCandidateCount]), [['anna', 'Anna Schmidt', 145], ['ben', 'Ben Taylor', 145]]);
    });

    test('no common slot: the request is recorded as failed with no_common_slot and the host is told who has no time', async () => {
      const world = await createWorld(db);
      world.calendars.busy.set('ben', [{ start: '2026-03-22T00:00:00Z', end: '2026-03-29T00:00:00Z' }]);
      const { view } = await createRequest(world);
      assert.equal(view.status, 'failed');
      assert.equal(view.failureReason, 'no_common_slot');
      assert.equal(view.availability?.slotCount, 0);
      assert.equal(view.availability?.participants.find((p) => p.id === 'ben')?.freeCandidateCount, 0);
      assert.ok((view.availability?.participants.find((p) => p.id === 'anna')?.freeCandidateCount ?? 0) > 0);
      const events = await db.query<{ type: string; payload: { data: { reason: string } } }>('SELECT type, payload FROM outbox WHERE org_id = $1', [world.orgId]);
      assert.deepEqual(events.map((e) => [e.type, e.payload.data.reason]), [['booking.failed', 'no_common_slot']]);
    });

    test('participants without a connected calendar: 422 naming them, nothing stored', async () => {
      const world = await createWorld(db);
      await saveConnection(db, { orgId: world.orgId, userId: 'ben', status: 'failed', failedReason: 'profile_disconnected' });
      await assert.rejects(createRequest(world), (error: unknown) => {
        assert.ok(error instanceof ApiError);
        assert.equal(error.status, 422);
        assert.equal(error.code, 'participants_not_connected');
        assert.deepEqual(error.details, { users: [{ id: 'ben', name: 'Ben Taylor' }] });
        return true;
      });
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM booking_requests WHERE org_id = $1', [world.orgId]);
      assert.equal(rows[0]!.n, 0);
    });

    test('the period must lie between tomorrow and 32 days ahead in the request\'s zone', async () => {
      const world = await createWorld(db);
      // now = Friday 2026-03-20 09:00 Berlin: today is not bookable, tomorrow is.
      for (const period of [
        { start: '2026-03-20T12:00:00Z', end: '2026-03-25T00:00:00Z' },
        { start: '2026-03-23T00:00:00Z', end: '2026-04-23T00:00:00Z' },
      ]) {
        await assert.rejects(createRequest(world, { period }), (e: unknown) => e instanceof ApiError && e.status === 422 && e.code === 'validation_failed');
      }
      const ok = await createRequest(world, { period: { start: '2026-03-20T23:00:00Z', end: '2026-04-21T22:00:00Z' } });
      assert.equal(ok.view.status, 'open');
    });

    test('Plus only: a Basic organization gets 403 plus_required', async () => {
      const world = await createWorld(db, { tier: 'basic' });
      await assert.rejects(createRequest(world), (e: unknown) => e instanceof ApiError && e.status === 403 && e.code === 'plus_required');
    });
  });
}

describe('booking request preview', () => {
  let db: Db;
  before(async () => {
    db = await createTestStore('pglite');
  });
  after(async () => {
    await db.close();
  });

  test('preview reports slots and who has no time, and stores nothing', async () => {
    const world = await createWorld(db);
    const { createTestApp } = await import('../support/fixtures.js');
    const { mintToken } = await import('../../src/server/auth.js');
    const app = await createTestApp(world);
    const jwt = await mintToken('test-secret-' + world.orgId, { sub: 'anna', org: world.orgId, roles: ['recruiter'] }, 600, world.clock.now);
    world.calendars.busy.set('ben', [{ start: '2026-03-22T00:00:00Z', end: '2026-03-29T00:00:00Z' }]);
    const res = await app.request('/api/booking-requests/preview', {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
      body: JSON.stringify({ participantIds: ['anna', 'ben'], timeZone: 'Europe/Berlin', durationMinutes: 60, period: { start: '2026-03-23T00:00:00Z', end: '2026-03-28T00:00:00Z' } }),
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {
      slotCount: 0,
      participants: [
        { id: 'anna', name: 'Anna Schmidt', freeCandidateCount: 145 },
        { id: 'ben', name: 'Ben Taylor', freeCandidateCount: 0 },
      ],
    });
    const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM booking_requests WHERE org_id = $1', [world.orgId]);
    assert.equal(rows[0]!.n, 0);
    const outbox = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE org_id = $1', [world.orgId]);
    assert.equal(outbox[0]!.n, 0);
  });
});
