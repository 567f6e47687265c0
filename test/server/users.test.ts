/**
 * Users over HTTP: the host's provisioning (upsert, deactivate), one's own calendar preferences, the integration
 * switch that disconnects at once, weekly availability and date overrides (Plus, validated), and the admin
 * listing of connection states with the spec's filter values and counts — against each store kind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { AvailabilitySchema, ConnectionListSchema, UserListSchema, UserSchema } from '../../src/shared/api/users.js';
import { mintToken } from '../../src/server/auth.js';
import type { Db } from '../../src/store/db.js';
import { getConnection, saveConnection } from '../../src/store/repos/connections.js';
import { createAdminApp, sealedTokens } from '../support/admin.js';
import { createRequest, createWorld, json } from '../support/fixtures.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

for (const kind of STORE_KINDS) {
  describe(`users API (${kind})`, () => {
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
      const admin = await h.token('anna', ['admin', 'recruiter']);
      const recruiter = await h.token('ben', ['recruiter']);
      return { world, ...h, admin, recruiter };
    }

    test('the host provisions a user: 201 on create, 200 on update, calendar preferences kept', async () => {
      const { call, admin } = await setup();
      const created = await call(admin, 'PUT', '/api/users/dana', { name: 'Dana Fischer', email: 'dana@example.test', roles: ['recruiter'] });
      assert.equal(created.status, 201);
      assert.deepEqual(UserSchema.parse(await json(created)), {
        id: 'dana', name: 'Dana Fischer', email: 'dana@example.test', timeZone: 'Europe/Berlin', roles: ['recruiter'],
        active: true, integrationActive: true, participateOwn: true, connectionStatus: 'not_connected',
      });
      assert.equal((await call(admin, 'PATCH', '/api/users/dana', { participateOwn: false })).status, 200);
      const updated = await call(admin, 'PUT', '/api/users/dana', { name: 'Dana Weber', email: 'dana.weber@example.test', timeZone: 'Europe/Vienna', roles: ['admin'] });
      assert.equal(updated.status, 200);
      const body = UserSchema.parse(await json(updated));
      assert.equal(body.name, 'Dana Weber');
      assert.equal(body.timeZone, 'Europe/Vienna');
      assert.deepEqual(body.roles, ['admin']);
      assert.equal(body.participateOwn, false, 'the host does not overwrite the user\'s own preference');
    });

    test('bad provisioning input is 400 validation_failed and creates nothing', async () => {
      const { call, admin } = await setup();
      const cases: Array<[unknown, string]> = [
        [{ name: 'X', email: 'not-an-email', roles: [] }, 'email'],
        [{ name: 'X', email: 'x@example.test', timeZone: 'Europe/Atlantis' }, 'timeZone'],
        [{ name: 'X', email: 'x@example.test', roles: ['owner'] }, 'roles.0'],
        [{ name: '', email: 'x@example.test' }, 'name'],
        [{ name: 'X', email: 'x@example.test', nickname: 'x' }, ''],
      ];
      for (const [input, path] of cases) {
        const res = await call(admin, 'PUT', '/api/users/xavier', input);
        assert.equal(res.status, 400, JSON.stringify(input));
        const error = (await json(res)).error;
        assert.equal(error.code, 'validation_failed');
        assert.ok(error.details.issues.some((i: { path: string }) => i.path === path), `${JSON.stringify(error.details.issues)} names ${path}`);
      }
      assert.equal((await call(admin, 'GET', '/api/users/xavier')).status, 404);
      const text = await call(admin, 'PUT', '/api/users/xavier', undefined, { 'content-type': 'text/plain' });
      assert.equal(text.status, 415);
    });

    test('roles: recruiters cannot provision or change host-owned fields; a user changes their own preferences', async () => {
      const { call, recruiter, admin } = await setup();
      assert.equal((await call(recruiter, 'PUT', '/api/users/dana', { name: 'Dana', email: 'dana@example.test' })).status, 403);
      const renamed = await call(recruiter, 'PATCH', '/api/users/ben', { name: 'Benjamin', participateOwn: false });
      assert.equal(renamed.status, 403);
      assert.equal((await json(renamed)).error.code, 'forbidden');
      const other = await call(recruiter, 'PATCH', '/api/users/carla', { participateOwn: false });
      assert.equal(other.status, 403);
      const own = await call(recruiter, 'PATCH', '/api/users/ben', { participateOwn: false, timeZone: 'Europe/Dublin' });
      assert.equal(own.status, 200);
      const ben = UserSchema.parse(await json(own));
      assert.equal(ben.name, 'Ben Taylor', 'the refused rename changed nothing');
      assert.equal(ben.participateOwn, false);
      assert.equal(ben.timeZone, 'Europe/Dublin');
      assert.equal((await call(admin, 'PATCH', '/api/users/ben', {})).status, 400, 'an empty change is refused');
      assert.equal((await call(admin, 'PATCH', '/api/users/nobody', { participateOwn: false })).status, 404);
    });

    test('listing: active users by name with their connection status; inactive ones on request; search', async () => {
      const { world, call, admin, recruiter } = await setup();
      await saveConnection(db, { orgId: world.orgId, userId: 'carla', status: 'failed', failedReason: 'profile_disconnected' });
      await call(admin, 'PUT', '/api/users/old', { name: 'Olga Old', email: 'olga@example.test', active: false });
      const list = UserListSchema.parse(await json(await call(recruiter, 'GET', '/api/users')));
      assert.deepEqual(list.items.map((u) => [u.id, u.connectionStatus]), [['anna', 'connected_individual'], ['ben', 'connected_individual'], ['carla', 'failed']]);
      assert.equal(list.total, 3);
      const all = UserListSchema.parse(await json(await call(admin, 'GET', '/api/users?includeInactive=true')));
      assert.deepEqual(all.items.map((u) => u.id), ['anna', 'ben', 'carla', 'old']);
      const found = UserListSchema.parse(await json(await call(admin, 'GET', '/api/users?q=TAYL')));
      assert.deepEqual(found.items.map((u) => u.id), ['ben']);
      const wildcard = UserListSchema.parse(await json(await call(admin, 'GET', '/api/users?q=%25')));
      assert.deepEqual(wildcard.items, [], '% is searched literally');
      assert.equal((await call(admin, 'GET', '/api/users?includeInactive=yes')).status, 400);
      const noRole = await mintToken('test-secret-' + world.orgId, { sub: 'carla', org: world.orgId, roles: [] }, 600, world.clock.now);
      assert.equal((await call(noRole, 'GET', '/api/users')).status, 403, 'a user with no role cannot list colleagues');
      assert.equal((await call(noRole, 'GET', '/api/users/carla')).status, 200, 'but sees themselves');
    });

    test('a user unknown to the store is created just in time from the token\'s claims', async () => {
      const { world, call } = await setup();
      const token = await mintToken('test-secret-' + world.orgId, { sub: 'erik', org: world.orgId, roles: ['recruiter'], name: 'Erik Berg', email: 'erik@example.test' }, 600, world.clock.now);
      const res = await call(token, 'GET', '/api/users/erik');
      assert.equal(res.status, 200);
      assert.equal(UserSchema.parse(await json(res)).name, 'Erik Berg');
    });

    test('switching "calendar integration active" off disconnects at once: revoked, tokens gone, open requests failed', async () => {
      const { world, call, revoked, recruiter } = await setup();
      await saveConnection(db, { orgId: world.orgId, userId: 'ben', status: 'connected_individual', calendarId: 'cal_ben', tokensEnc: sealedTokens('refresh-ben') });
      const { view } = await createRequest(world);
      const res = await call(recruiter, 'PATCH', '/api/users/ben', { integrationActive: false });
      assert.equal(res.status, 200);
      const ben = UserSchema.parse(await json(res));
      assert.equal(ben.integrationActive, false);
      assert.equal(ben.connectionStatus, 'not_connected');
      assert.deepEqual(revoked, ['refresh-ben']);
      const connection = await getConnection(db, world.orgId, 'ben');
      assert.equal(connection?.tokensEnc, null);
      const request = await db.query<{ status: string; failure_reason: string }>('SELECT status, failure_reason FROM booking_requests WHERE org_id = $1 AND id = $2', [world.orgId, view.id]);
      assert.deepEqual(request[0], { status: 'failed', failure_reason: 'participant_disconnected' });
      // It can be switched on again; the user then connects anew.
      const on = UserSchema.parse(await json(await call(recruiter, 'PATCH', '/api/users/ben', { integrationActive: true })));
      assert.equal(on.integrationActive, true);
      assert.equal(on.connectionStatus, 'not_connected');
    });

    test('deactivating a user (host) disconnects their calendar too', async () => {
      const { world, call, revoked, admin } = await setup();
      await saveConnection(db, { orgId: world.orgId, userId: 'carla', status: 'connected_individual', tokensEnc: sealedTokens('refresh-carla') });
      const res = await call(admin, 'PUT', '/api/users/carla', { name: 'Carla Diaz', email: 'carla@example.test', timeZone: 'America/New_York', roles: ['recruiter'], active: false });
      assert.equal(res.status, 200);
      const carla = UserSchema.parse(await json(res));
      assert.equal(carla.active, false);
      assert.equal(carla.connectionStatus, 'not_connected');
      assert.deepEqual(revoked, ['refresh-carla']);
      const carlaToken = await mintToken('test-secret-' + world.orgId, { sub: 'carla', org: world.orgId, roles: ['recruiter'] }, 600, world.clock.now);
      const refused = await call(carlaToken, 'GET', '/api/users/carla');
      assert.equal(refused.status, 403, 'a deactivated user\'s token opens nothing');
      assert.equal((await json(refused)).error.code, 'forbidden');
      await call(admin, 'PATCH', '/api/users/carla', { active: true });
      assert.equal((await call(carlaToken, 'GET', '/api/users/carla')).status, 200, 'reactivated');
    });

    test('availability: default Mon–Fri 09:00–17:00 in the user\'s zone; saved sorted; null restores the default', async () => {
      const { call, recruiter } = await setup();
      const initial = AvailabilitySchema.parse(await json(await call(recruiter, 'GET', '/api/users/ben/availability')));
      assert.equal(initial.timeZone, 'Europe/London');
      assert.equal(initial.isDefault, true);
      assert.deepEqual(initial.weeklyHours, ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, start: '09:00', end: '17:00' })));
      const saved = await call(recruiter, 'PUT', '/api/users/ben/availability', {
        weeklyHours: [
          { day: 'tue', start: '13:00', end: '24:00' },
          { day: 'mon', start: '13:00', end: '17:00' },
          { day: 'mon', start: '08:00', end: '13:00' },
        ],
        dateOverrides: [
          { date: '2026-04-06', intervals: [] },
          { date: '2026-04-02', intervals: [{ start: '14:00', end: '16:00' }, { start: '10:00', end: '12:00' }] },
        ],
      });
      assert.equal(saved.status, 200);
      const body = AvailabilitySchema.parse(await json(saved));
      assert.equal(body.isDefault, false);
      assert.deepEqual(body.weeklyHours, [
        { day: 'mon', start: '08:00', end: '13:00' },
        { day: 'mon', start: '13:00', end: '17:00' },
        { day: 'tue', start: '13:00', end: '24:00' },
      ]);
      assert.deepEqual(body.dateOverrides, [
        { date: '2026-04-02', intervals: [{ start: '10:00', end: '12:00' }, { start: '14:00', end: '16:00' }] },
        { date: '2026-04-06', intervals: [] },
      ]);
      assert.deepEqual(AvailabilitySchema.parse(await json(await call(recruiter, 'GET', '/api/users/ben/availability'))), body);
      const onlyOverrides = AvailabilitySchema.parse(await json(await call(recruiter, 'PUT', '/api/users/ben/availability', { dateOverrides: [] })));
      assert.equal(onlyOverrides.weeklyHours.length, 3, 'weekly hours stay when only overrides are sent');
      const reset = AvailabilitySchema.parse(await json(await call(recruiter, 'PUT', '/api/users/ben/availability', { weeklyHours: null })));
      assert.equal(reset.isDefault, true);
      assert.equal(reset.weeklyHours.length, 5);
    });

    test('availability input is validated: overlaps, start ≥ end, HH:mm, 24:00 only as an end, real and unique dates', async () => {
      const { call, recruiter } = await setup();
      const cases: Array<[unknown, string, RegExp]> = [
        [{ weeklyHours: [{ day: 'mon', start: '09:00', end: '12:00' }, { day: 'mon', start: '11:00', end: '13:00' }] }, 'weeklyHours.1', /overlaps/],
        [{ weeklyHours: [{ day: 'mon', start: '09:00', end: '17:00' }, { day: 'mon', start: '10:00', end: '11:00' }] }, 'weeklyHours.1', /overlaps/],
        [{ weeklyHours: [{ day: 'mon', start: '12:00', end: '12:00' }] }, 'weeklyHours.0.end', /after start/],
        [{ weeklyHours: [{ day: 'mon', start: '13:00', end: '12:00' }] }, 'weeklyHours.0.end', /after start/],
        [{ weeklyHours: [{ day: 'mon', start: '9:00', end: '12:00' }] }, 'weeklyHours.0.start', /HH:mm/],
        [{ weeklyHours: [{ day: 'mon', start: '24:00', end: '24:00' }] }, 'weeklyHours.0.start', /HH:mm/],
        [{ weeklyHours: [{ day: 'monday', start: '09:00', end: '12:00' }] }, 'weeklyHours.0.day', /weekday/],
        [{ dateOverrides: [{ date: '2026-02-30', intervals: [] }] }, 'dateOverrides.0.date', /invalid date/],
        [{ dateOverrides: [{ date: '2026-04-02', intervals: [] }, { date: '2026-04-02', intervals: [] }] }, 'dateOverrides.1.date', /twice/],
        [{ dateOverrides: [{ date: '2026-04-02', intervals: [{ start: '10:00', end: '12:00' }, { start: '11:30', end: '13:00' }] }] }, 'dateOverrides.0.intervals.1', /overlaps/],
        [{}, '', /weeklyHours, dateOverrides or both/],
      ];
      for (const [input, path, message] of cases) {
        const res = await call(recruiter, 'PUT', '/api/users/ben/availability', input);
        assert.equal(res.status, 400, JSON.stringify(input));
        const issues: Array<{ path: string; message: string }> = (await json(res)).error.details.issues;
        assert.ok(issues.some((i) => i.path === path && message.test(i.message)), `${JSON.stringify(issues)} has ${path} ~ ${message}`);
      }
      const touching = await call(recruiter, 'PUT', '/api/users/ben/availability', { weeklyHours: [{ day: 'mon', start: '09:00', end: '12:00' }, { day: 'mon', start: '12:00', end: '13:00' }, { day: 'tue', start: '11:00', end: '13:00' }] });
      assert.equal(touching.status, 200, 'touching ranges and other days do not overlap');
    });

    test('availability is Plus, and someone else\'s needs the admin role', async () => {
      const basic = await setup('basic');
      const res = await basic.call(basic.recruiter, 'GET', '/api/users/ben/availability');
      assert.equal(res.status, 403);
      assert.equal((await json(res)).error.code, 'plus_required');
      const plus = await setup();
      assert.equal((await plus.call(plus.recruiter, 'GET', '/api/users/anna/availability')).status, 403);
      assert.equal((await plus.call(plus.recruiter, 'PUT', '/api/users/anna/availability', { weeklyHours: null })).status, 403);
      assert.equal((await plus.call(plus.admin, 'GET', '/api/users/ben/availability')).status, 200);
      assert.equal((await plus.call(plus.admin, 'GET', '/api/users/nobody/availability')).status, 404);
    });

    test('connection listing: the spec\'s filter values, counts per status, search and paging; admins only', async () => {
      const { world, call, admin, recruiter } = await setup();
      await saveConnection(db, { orgId: world.orgId, userId: 'ben', status: 'failed', failedReason: 'profile_disconnected', failedSince: '2026-03-19T10:00:00Z' });
      await saveConnection(db, { orgId: world.orgId, userId: 'carla', status: 'connected_central', provider: 'office365', profileName: 'carla@corp.test' });
      await call(admin, 'PUT', '/api/users/dana', { name: 'Dana Fischer', email: 'dana@example.test' });
      await call(admin, 'PUT', '/api/users/old', { name: 'Olga Old', email: 'olga@example.test', active: false });
      const all = ConnectionListSchema.parse(await json(await call(admin, 'GET', '/api/connections')));
      assert.deepEqual(all.counts, { all: 4, not_connected: 1, connected_individual: 1, connected_central: 1, failed: 1, syncing: 0 });
      assert.deepEqual(all.items.map((i) => [i.userId, i.status]), [['anna', 'connected_individual'], ['ben', 'failed'], ['carla', 'connected_central'], ['dana', 'not_connected']]);
      const failed = ConnectionListSchema.parse(await json(await call(admin, 'GET', '/api/connections?status=failed')));
      assert.deepEqual(failed.items, [{
        userId: 'ben', name: 'Ben Taylor', email: 'ben@example.test', integrationActive: true, status: 'failed', provider: null,
        profileName: null, profileEmail: null, failedReason: 'profile_disconnected', failedSince: '2026-03-19T10:00:00Z',
      }]);
      assert.equal(failed.total, 1);
      assert.equal(failed.counts.all, 4, 'counts ignore the filter');
      const notConnected = ConnectionListSchema.parse(await json(await call(admin, 'GET', '/api/connections?status=not_connected')));
      assert.deepEqual(notConnected.items.map((i) => i.userId), ['dana'], 'a user without a connection row is not connected');
      const page = ConnectionListSchema.parse(await json(await call(admin, 'GET', '/api/connections?limit=2&offset=2')));
      assert.deepEqual(page.items.map((i) => i.userId), ['carla', 'dana']);
      assert.equal(page.total, 4);
      const bad = await call(admin, 'GET', '/api/connections?status=connected');
      assert.equal(bad.status, 400);
      assert.equal((await json(bad)).error.code, 'validation_failed');
      assert.equal((await call(admin, 'GET', '/api/connections?limit=0')).status, 400);
      assert.equal((await call(recruiter, 'GET', '/api/connections')).status, 403);
      assert.equal(JSON.stringify(all).includes('tokens'), false);
    });
  });
}

describe('GET /api/me', () => {
  test('answers the token\'s own user and the organization\'s tier for any role', async () => {
    const { createTestStore } = await import('../support/store.js');
    const { createWorld } = await import('../support/fixtures.js');
    const { createAdminApp } = await import('../support/admin.js');
    const db = await createTestStore('pglite');
    try {
      const world = await createWorld(db, { tier: 'basic' });
      const h = createAdminApp(world);
      const res = await h.call(await h.token('carla', []), 'GET', '/api/me');
      assert.equal(res.status, 200);
      const body = (await res.json()) as { user: { id: string; name: string }; organization: { tier: string; integrationEnabled: boolean } };
      assert.equal(body.user.id, 'carla');
      assert.equal(body.user.name, 'Carla Diaz');
      assert.deepEqual({ tier: body.organization.tier, integrationEnabled: body.organization.integrationEnabled }, { tier: 'basic', integrationEnabled: true });
      assert.equal((await h.app.request('/api/me')).status, 401);
    } finally {
      await db.close();
    }
  });
});
