/**
 * Releasing a hold over HTTP (`DELETE /api/public/bookings/:token/holds/:holdId` on the real app): the applicant who
 * goes back frees the held time for other applicants at once, the release is idempotent, and one link can never
 * release another link's hold. Each test builds its own organization; against each store kind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { HoldSchema, SlotListSchema } from '../../src/shared/api/public-booking.js';
import type { Db } from '../../src/store/db.js';
import { createRequest, createTestApp, createWorld, json } from '../support/fixtures.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

const TIME = '2026-03-25T09:00:00Z';

for (const kind of STORE_KINDS) {
  describe(`hold release (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    async function setup() {
      const world = await createWorld(db);
      const app = await createTestApp(world);
      const call = (token: string, path = '', init: RequestInit = {}) =>
        app.request(`/api/public/bookings/${token}${path}`, { ...init, headers: { 'content-type': 'application/json' } });
      const hold = async (token: string, start = TIME) => {
        const res = await call(token, '/holds', { method: 'POST', body: JSON.stringify({ start }) });
        assert.equal(res.status, 201);
        return HoldSchema.parse(await json(res));
      };
      const release = (token: string, holdId: string) => call(token, `/holds/${encodeURIComponent(holdId)}`, { method: 'DELETE' });
      const starts = async (token: string) =>
        SlotListSchema.parse(await json(await call(token, '/slots'))).slots.map((s) => s.start);
      const book = (token: string, start = TIME) => call(token, '/appointment', { method: 'POST', body: JSON.stringify({ start }) });
      // Two applicants competing for Anna: a holds, b would like the same time.
      const a = await createRequest(world);
      const b = await createRequest(world, { participantIds: ['anna'], roomNeeded: false, locationId: null, online: true });
      return { world, call, hold, release, starts, book, a, b };
    }

    test('releasing frees the held time for another applicant at once, long before the hold expires', async () => {
      const { hold, release, starts, book, a, b } = await setup();
      const held = await hold(a.token);
      assert.equal((await starts(b.token)).includes(TIME), false, 'held: hidden from the other applicant');

      const res = await release(a.token, held.holdId);
      assert.equal(res.status, 204);
      assert.equal(await res.text(), '');
      assert.equal((await starts(b.token)).includes(TIME), true, 'released: offered to the other applicant again');
      assert.equal((await book(b.token)).status, 201, 'and bookable by them');
      const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM busy_claims WHERE hold_id = $1', [held.holdId]);
      assert.equal(rows[0]!.n, 0, 'no claim of the released hold is left');
    });

    test('is idempotent: a second release, an unknown id and a hold already used by a booking all answer 204', async () => {
      const { hold, release, book, a } = await setup();
      const held = await hold(a.token);
      assert.equal((await release(a.token, held.holdId)).status, 204);
      assert.equal((await release(a.token, held.holdId)).status, 204, 'released twice');
      assert.equal((await release(a.token, 'hld_never-existed')).status, 204, 'unknown id');

      const again = await hold(a.token);
      assert.equal((await book(a.token)).status, 201);
      assert.equal((await release(a.token, again.holdId)).status, 204, 'used by the booking');
    });

    test('one link cannot release another link\'s hold', async () => {
      const { hold, release, starts, book, a, b } = await setup();
      const held = await hold(a.token);
      assert.equal((await release(b.token, held.holdId)).status, 204, 'same answer: hold ids are not probed');
      assert.equal((await starts(b.token)).includes(TIME), false, 'the hold of link a still stands');
      assert.equal((await book(b.token)).status, 409);
    });

    test('an unknown booking token is 404 booking_not_found', async () => {
      const { release } = await setup();
      const res = await release('x'.repeat(32), 'hld_whatever');
      assert.equal(res.status, 404);
      assert.equal((await json(res)).error.code, 'booking_not_found');
    });
  });
}
