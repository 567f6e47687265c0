/**
 * Rooms and locations over HTTP: Plus gating, admin-only management, ordered rooms per location, the guards that
 * keep rooms and locations in use, and room availability (free / busy / unknown) from calendar busy time and the
 * product's own appointments — against each store kind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LocationListSchema, LocationSchema, RoomAvailabilitySchema, RoomListSchema, RoomSchema } from '../../src/shared/api/rooms.js';
import type { Db } from '../../src/store/db.js';
import { createAdminApp } from '../support/admin.js';
import { createRequest, createWorld, json } from '../support/fixtures.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

for (const kind of STORE_KINDS) {
  describe(`rooms and locations API (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    async function setup(tier: 'basic' | 'plus' = 'plus') {
      const world = await createWorld(db, { tier });
      const h = createAdminApp(world);
      return { world, ...h, admin: await h.token('anna', ['admin']), recruiter: await h.token('ben', ['recruiter']) };
    }

    async function bookRoomNeeded(world: Awaited<ReturnType<typeof setup>>['world'], app: Awaited<ReturnType<typeof setup>>['app'], start: string) {
      const { token } = await createRequest(world);
      const res = await app.request(`/api/public/bookings/${token}/appointment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ start }) });
      assert.equal(res.status, 201);
      return json(res);
    }

    test('rooms are Plus: 403 plus_required on Basic; locations without rooms work on Basic', async () => {
      const { call, admin, recruiter } = await setup('basic');
      for (const [method, path, body] of [
        ['GET', '/api/rooms', undefined],
        ['POST', '/api/rooms', { name: 'Elbe', email: 'elbe@example.test' }],
        ['GET', '/api/rooms/availability?start=2026-03-24T09:00:00Z&end=2026-03-24T10:00:00Z', undefined],
        ['POST', '/api/locations', { name: 'Hamburg', roomIds: ['r1'] }],
        ['PATCH', '/api/locations/hq', { roomIds: ['r2', 'r1'] }],
      ] as const) {
        const res = await call(admin, method, path, body);
        assert.equal(res.status, 403, `${method} ${path}`);
        assert.equal((await json(res)).error.code, 'plus_required', `${method} ${path}`);
      }
      const created = await call(admin, 'POST', '/api/locations', { name: 'Hamburg', address: 'Jungfernstieg 1' });
      assert.equal(created.status, 201);
      assert.deepEqual({ ...LocationSchema.parse(await json(created)), id: 'x' }, { id: 'x', name: 'Hamburg', address: 'Jungfernstieg 1', appointmentLocation: true, roomIds: [] });
      assert.equal((await call(recruiter, 'GET', '/api/locations')).status, 200);
    });

    test('admins create, change and delete rooms; e-mails are unique; recruiters only read', async () => {
      const { world, app, call, admin, recruiter } = await setup();
      const created = await call(admin, 'POST', '/api/rooms', { id: 'r3', name: 'Elbe', email: 'Elbe@Example.test', capacity: 6 });
      assert.equal(created.status, 201);
      assert.deepEqual(RoomSchema.parse(await json(created)), { id: 'r3', name: 'Elbe', email: 'elbe@example.test', capacity: 6, source: 'created' });
      const generated = RoomSchema.parse(await json(await call(admin, 'POST', '/api/rooms', { name: 'Isar', email: 'isar@example.test' })));
      assert.match(generated.id, /^room_/);
      assert.equal(generated.capacity, null);
      const duplicateEmail = await call(admin, 'POST', '/api/rooms', { name: 'Elbe 2', email: 'elbe@example.test' });
      assert.equal(duplicateEmail.status, 409);
      assert.equal((await json(duplicateEmail)).error.code, 'conflict');
      assert.equal((await call(admin, 'POST', '/api/rooms', { id: 'r3', name: 'Other', email: 'other@example.test' })).status, 409);
      assert.equal((await call(admin, 'POST', '/api/rooms', { name: 'Bad', email: 'bad@example.test', capacity: 0 })).status, 400);
      assert.equal((await call(recruiter, 'POST', '/api/rooms', { name: 'Mine', email: 'mine@example.test' })).status, 403);

      const changed = await call(admin, 'PATCH', '/api/rooms/r3', { capacity: 10, name: 'Elbe (large)' });
      assert.equal(changed.status, 200);
      assert.equal(RoomSchema.parse(await json(changed)).capacity, 10);
      assert.equal((await call(admin, 'PATCH', '/api/rooms/r3', { email: 'spree@example.test' })).status, 409);
      assert.equal((await call(admin, 'PATCH', '/api/rooms/nope', { capacity: 2 })).status, 404);

      const list = RoomListSchema.parse(await json(await call(recruiter, 'GET', '/api/rooms')));
      assert.deepEqual(list.items.map((r) => r.name), ['Elbe (large)', 'Havel', 'Isar', 'Spree']);
      assert.equal(RoomSchema.parse(await json(await call(recruiter, 'GET', '/api/rooms/r1'))).name, 'Spree');
      assert.equal((await call(recruiter, 'GET', '/api/rooms/nope')).status, 404);

      await call(admin, 'PATCH', '/api/locations/hq', { roomIds: ['r1', 'r3', 'r2'] });
      assert.equal((await call(admin, 'DELETE', '/api/rooms/r3')).status, 204);
      assert.deepEqual(LocationSchema.parse(await json(await call(admin, 'GET', '/api/locations/hq'))).roomIds, ['r1', 'r2'], 'gone from its location');
      assert.equal((await call(admin, 'DELETE', '/api/rooms/r3')).status, 404);
      await bookRoomNeeded(world, app, '2026-03-24T09:00:00Z');
      const inUse = await call(admin, 'DELETE', '/api/rooms/r1');
      assert.equal(inUse.status, 409, 'an upcoming appointment uses the first room');
    });

    test('locations keep their rooms in order; unknown or repeated rooms are refused; in-use locations stay', async () => {
      const { world, call, admin, recruiter } = await setup();
      const created = await call(admin, 'POST', '/api/locations', { id: 'ham', name: 'Hamburg', roomIds: ['r2', 'r1'], appointmentLocation: false });
      assert.equal(created.status, 201);
      assert.deepEqual(LocationSchema.parse(await json(created)), { id: 'ham', name: 'Hamburg', address: null, appointmentLocation: false, roomIds: ['r2', 'r1'] });
      assert.equal((await call(admin, 'POST', '/api/locations', { id: 'ham', name: 'Again' })).status, 409);
      const unknown = await call(admin, 'POST', '/api/locations', { name: 'X', roomIds: ['r1', 'nope'] });
      assert.equal(unknown.status, 400);
      assert.deepEqual((await json(unknown)).error.details.issues, [{ path: 'roomIds.1', message: "unknown room 'nope'" }]);
      assert.equal((await call(admin, 'POST', '/api/locations', { name: 'X', roomIds: ['r1', 'r1'] })).status, 400);
      assert.equal((await call(recruiter, 'POST', '/api/locations', { name: 'Mine' })).status, 403);

      const reordered = await call(admin, 'PATCH', '/api/locations/ham', { roomIds: ['r1', 'r2'], address: 'Jungfernstieg 1' });
      assert.deepEqual(LocationSchema.parse(await json(reordered)), { id: 'ham', name: 'Hamburg', address: 'Jungfernstieg 1', appointmentLocation: false, roomIds: ['r1', 'r2'] });
      assert.equal((await call(admin, 'PATCH', '/api/locations/ham', { roomIds: ['r9'] })).status, 400);
      assert.deepEqual(LocationSchema.parse(await json(await call(admin, 'GET', '/api/locations/ham'))).roomIds, ['r1', 'r2'], 'a refused change changes nothing');
      const list = LocationListSchema.parse(await json(await call(recruiter, 'GET', '/api/locations')));
      assert.deepEqual(list.items.map((l) => [l.id, l.roomIds]), [['hq', ['r1', 'r2']], ['ham', ['r1', 'r2']]]);

      assert.equal((await call(admin, 'DELETE', '/api/locations/ham')).status, 204);
      assert.equal((await call(admin, 'GET', '/api/locations/ham')).status, 404);
      await createRequest(world);
      const inUse = await call(admin, 'DELETE', '/api/locations/hq');
      assert.equal(inUse.status, 409, 'an open booking link names it');
      assert.equal((await call(admin, 'DELETE', '/api/locations/nope')).status, 404);
    });

    test('room availability: busy from the calendar or the product\'s appointments, unknown when unreadable, free otherwise', async () => {
      const { world, app, call, admin, recruiter } = await setup();
      await call(admin, 'POST', '/api/rooms', { id: 'r3', name: 'Elbe', email: 'elbe@example.test' });
      world.calendars.roomBusyMap.set('r1', [
        { start: '2026-03-24T09:30:00Z', end: '2026-03-24T10:30:00Z' },
        { start: '2026-03-24T08:00:00Z', end: '2026-03-24T08:30:00Z' },
      ]);
      world.calendars.roomBusyMap.set('r3', []);
      const range = 'start=2026-03-24T09:00:00Z&end=2026-03-24T10:00:00Z';
      const before = RoomAvailabilitySchema.parse(await json(await call(recruiter, 'GET', `/api/rooms/availability?${range}`)));
      assert.deepEqual(before, {
        start: '2026-03-24T09:00:00Z',
        end: '2026-03-24T10:00:00Z',
        rooms: [
          { roomId: 'r3', name: 'Elbe', status: 'free', busy: [] },
          { roomId: 'r2', name: 'Havel', status: 'unknown', busy: [] },
          { roomId: 'r1', name: 'Spree', status: 'busy', busy: [{ start: '2026-03-24T09:30:00Z', end: '2026-03-24T10:00:00Z' }] },
        ],
      });
      // Booking takes the first free room of the location: Spree is busy, so Havel.
      const booked = await bookRoomNeeded(world, app, '2026-03-24T09:00:00Z');
      assert.equal(booked.roomName, 'Havel');
      const after = RoomAvailabilitySchema.parse(await json(await call(recruiter, 'GET', `/api/rooms/availability?${range}&locationId=hq`)));
      assert.deepEqual(after.rooms.map((r) => [r.roomId, r.status, r.busy]), [
        ['r1', 'busy', [{ start: '2026-03-24T09:30:00Z', end: '2026-03-24T10:00:00Z' }]],
        ['r2', 'busy', [{ start: '2026-03-24T09:00:00Z', end: '2026-03-24T10:00:00Z' }]],
      ], 'only the location\'s rooms, in its order; the appointment makes Havel busy though its calendar is unreadable');

      for (const query of [
        'start=2026-03-24T10:00:00Z&end=2026-03-24T09:00:00Z',
        'start=2026-03-24T09:00:00Z&end=2026-06-24T09:00:00Z',
        'start=2026-03-24T09:00:00+01:00&end=2026-03-24T10:00:00Z',
        'start=2026-03-24T09:00:00Z',
        `${range}&room=r1`,
      ]) {
        const res = await call(recruiter, 'GET', `/api/rooms/availability?${query}`);
        assert.equal(res.status, 400, query);
        assert.equal((await json(res)).error.code, 'validation_failed');
      }
      assert.equal((await call(recruiter, 'GET', `/api/rooms/availability?${range}&locationId=nope`)).status, 404);
    });
  });
}
