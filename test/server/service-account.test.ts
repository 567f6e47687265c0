/**
 * The service account (Enterprise Connect, Plus, admin only) through the real app and the simulator: the consent
 * URL, its callback storing sealed tokens and the e-mail, central connects of users (`connected_central`) through
 * Cronofy's signed asynchronous callback, loading rooms and authorizing their calendars, the token's refresh, and
 * disconnecting it — which keeps every user connection.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CRONOFY_HMAC_HEADER, signCronofyHmac } from '../../src/cronofy/index.js';
import { LoadRoomsResultSchema, ServiceAccountViewSchema } from '../../src/shared/api/connections.js';
import { addDays, formatInstant, zonedWallTimeToInstant } from '../../src/shared/time.js';
import type { Db } from '../../src/store/db.js';
import { upsertRoom } from '../../src/store/repos/rooms.js';
import { CENTRAL_AUTHORIZATION_LAPSED, endLapsedCentralConnects } from '../../src/server/services/service-account.js';
import { CLIENT_ID, CLIENT_SECRET, PUBLIC_URL, createSimWorld, storedTokens, type SimWorld } from '../support/sim-world.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

/** The admin's Enterprise Connect round trip with a simulated service account of corp.example. */
async function connectServiceAccount(world: SimWorld, options: { returnTo?: string; existingSub?: string } = {}) {
  const service = options.existingSub
    ? world.sim.control.getAccount(options.existingSub)
    : world.sim.control.createServiceAccount({ email: 'it-admin@corp.example', provider: 'office365', name: 'Calendar Service' });
  const { url } = (await world.api('POST', '/api/service-account/authorize', { returnTo: options.returnTo ?? '/admin.html#calendar' })).body;
  const form = new URLSearchParams(new URL(url).searchParams);
  form.set('decision', 'allow');
  form.set('account', service.sub);
  const consent = await world.sim.app.request(url, { method: 'POST', body: form });
  assert.equal(consent.status, 302);
  const back = await world.app.request(consent.headers.get('location')!);
  assert.equal(back.status, 302);
  return { service, location: back.headers.get('location') };
}

async function serviceRow(db: Db, orgId: string) {
  return (await db.query<{ status: string; email: string; cronofy_sub: string; tokens_enc: string }>('SELECT status, email, cronofy_sub, tokens_enc FROM service_accounts WHERE org_id = $1', [orgId]))[0];
}

for (const kind of STORE_KINDS) {
  describe(`service account (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    test('Basic: every service-account route is 403 plus_required; on Plus a non-admin is 403 forbidden', async () => {
      const basic = await createSimWorld(db, { tier: 'basic' });
      const plus = await createSimWorld(db);
      const routes: Array<[string, string]> = [
        ['GET', '/api/service-account'],
        ['POST', '/api/service-account/authorize'],
        ['DELETE', '/api/service-account'],
        ['POST', '/api/users/ben/connection/central'],
        ['POST', '/api/rooms/load'],
      ];
      for (const [method, path] of routes) {
        const res = await basic.api(method, path);
        assert.equal(res.status, 403, `${method} ${path}`);
        assert.equal(res.body.error.code, 'plus_required', `${method} ${path}`);
        const recruiter = await plus.api(method, path, undefined, 'ben');
        assert.equal(recruiter.status, 403, `${method} ${path}`);
        assert.equal(recruiter.body.error.code, 'forbidden', `${method} ${path}`);
      }
      assert.equal((await db.query('SELECT 1 FROM oauth_states WHERE org_id = ANY($1::text[])', [[basic.orgId, plus.orgId]])).length, 0);
    });

    test('connect: consent URL with the documented scopes and delegated scope; the callback stores sealed tokens and the e-mail', async () => {
      const world = await createSimWorld(db);
      const auth = await world.api('POST', '/api/service-account/authorize', {});
      assert.equal(auth.status, 200);
      const url = new URL(auth.body.url);
      assert.equal(`${url.origin}${url.pathname}`, 'http://sim.test/app/enterprise_connect/oauth/authorize');
      assert.equal(url.searchParams.get('client_id'), CLIENT_ID);
      assert.equal(url.searchParams.get('redirect_uri'), `${PUBLIC_URL}/api/cronofy/callback`);
      assert.equal(url.searchParams.get('scope'), 'service_account/accounts/manage service_account/resources/manage');
      assert.equal(url.searchParams.get('delegated_scope'), 'read_account list_calendars read_events create_event delete_event read_free_busy');
      assert.deepEqual((await world.api('GET', '/api/service-account')).body, {
        connected: false,
        email: null,
        provider: null,
        domain: null,
        status: 'not_connected',
        connectedAt: null,
      });

      const { service, location } = await connectServiceAccount(world);
      assert.equal(location, '/admin.html?serviceAccount=connected#calendar');
      const view = ServiceAccountViewSchema.parse((await world.api('GET', '/api/service-account')).body);
      assert.deepEqual({ ...view, connectedAt: null }, { connected: true, email: 'it-admin@corp.example', provider: 'exchange', domain: 'corp.example', status: 'connected', connectedAt: null });
      assert.ok(view.connectedAt);
      const row = (await serviceRow(db, world.orgId))!;
      assert.equal(row.cronofy_sub, service.sub);
      const grant = Object.values(world.sim.state.data.grants).find((g) => g.sub === service.sub)!;
      assert.equal(row.tokens_enc.includes(grant.refresh_token), false, 'tokens are stored sealed');
      assert.equal(JSON.parse(world.box.open(row.tokens_enc)).refreshToken, grant.refresh_token);
      assert.equal((await world.api('GET', '/api/users/ben/connection', undefined, 'ben')).body.centralAvailable, true);
    });

    test('central connect: Cronofy calls back asynchronously, the code is exchanged, the user is connected_central', async () => {
      const world = await createSimWorld(db);
      const { service } = await connectServiceAccount(world);
      const res = await world.api('POST', '/api/users/carla/connection/central');
      assert.equal(res.status, 202);
      assert.deepEqual(res.body, { userId: 'carla', status: 'syncing' });
      await world.sim.control.idle();
      const deliveries = world.sim.control.deliveries().filter((d) => d.kind === 'service_account_authorization');
      assert.equal(deliveries.length, 1);
      assert.match(deliveries[0]!.url, new RegExp(`^${PUBLIC_URL}/api/cronofy/service-account-callback/[\\w-]{32}$`));
      assert.equal(deliveries[0]!.status, 202);
      const view = (await world.api('GET', '/api/users/carla/connection')).body;
      assert.deepEqual(view, {
        userId: 'carla',
        status: 'connected_central',
        provider: 'office365',
        profileName: 'carla@corp.example',
        profileEmail: 'carla@corp.example',
        failedReason: null,
        failedSince: null,
        centralAvailable: true,
      });
      const account = world.sim.state.accountByEmail('carla@corp.example')!;
      assert.equal(account.authorized_via, service.sub);
      assert.equal(account.channels.length, 1, 'a push channel like any connection');
      // Busy time is read with the delegated tokens.
      const { monday } = world.week();
      world.sim.control.addEvent(account.sub, { start: formatInstant(zonedWallTimeToInstant(monday, '09:00', 'America/New_York')), end: formatInstant(zonedWallTimeToInstant(monday, '10:00', 'America/New_York')) });
      await world.sim.control.idle();
      const busy = await world.calendars.userBusy(world.orgId, 'carla', { start: formatInstant(zonedWallTimeToInstant(monday, '00:00', 'UTC')), end: formatInstant(zonedWallTimeToInstant(addDays(monday, 1), '00:00', 'UTC')) });
      assert.deepEqual(busy, [{ start: formatInstant(zonedWallTimeToInstant(monday, '09:00', 'America/New_York')), end: formatInstant(zonedWallTimeToInstant(monday, '10:00', 'America/New_York')) }]);

      // A replay of the delivered callback finds no state: 404, and nothing changes.
      const replay = await world.app.request(deliveries[0]!.url, { method: 'POST', headers: { 'content-type': 'application/json', [CRONOFY_HMAC_HEADER]: deliveries[0]!.signature }, body: deliveries[0]!.body });
      assert.equal(replay.status, 404);
      assert.equal((await world.api('GET', '/api/users/carla/connection')).body.status, 'connected_central');
    });

    test('central connect refused by the directory: the user\'s connection fails with the reason, the host is told', async () => {
      const world = await createSimWorld(db);
      await connectServiceAccount(world);
      await db.query('UPDATE users SET email = $3 WHERE org_id = $1 AND id = $2', [world.orgId, 'ben', 'ben@elsewhere.example']);
      assert.equal((await world.api('POST', '/api/users/ben/connection/central')).status, 202);
      await world.sim.control.idle();
      const view = (await world.api('GET', '/api/users/ben/connection')).body;
      assert.equal(view.status, 'failed');
      assert.equal(view.failedReason, 'central_authorization_failed:unknown_user');
      assert.deepEqual((await world.outbox()).map((e) => [e.type, e.data.userId]), [['connection.failed', 'ben']]);
    });

    test('central connect whose profile cannot be read (Cronofy down after the exchange): callback 202, user failed, grant revoked', async () => {
      const world = await createSimWorld(db);
      await connectServiceAccount(world);
      world.sim.control.addFault({ kind: 'error', status: 503, count: 10, path: '/v1/userinfo' });
      assert.equal((await world.api('POST', '/api/users/carla/connection/central')).status, 202);
      await world.sim.control.idle();
      const delivery = world.sim.control.deliveries().find((d) => d.kind === 'service_account_authorization')!;
      assert.equal(delivery.status, 202);
      const view = (await world.api('GET', '/api/users/carla/connection')).body;
      assert.equal(view.status, 'failed');
      assert.equal(view.failedReason, 'central_authorization_failed:calendar_unavailable');
      const carla = world.sim.state.accountByEmail('carla@corp.example')!;
      assert.deepEqual(Object.values(world.sim.state.data.grants).filter((g) => g.sub === carla.sub).map((g) => g.revoked), [true]);
      assert.equal(world.logLines.some((l) => l.includes('"level":"error"')), false, 'no unhandled error');
    });

    test('central connect whose callback never finishes: syncing while it can, then failed with no_answer; the host is told', async () => {
      const world = await createSimWorld(db);
      await connectServiceAccount(world);
      await world.connectUser('anna');
      // Cronofy's callback arrives, but the code cannot be exchanged (503): the state stays for a retry that never comes.
      world.sim.control.addFault({ kind: 'error', status: 503, count: 1, path: '/oauth/token' });
      assert.equal((await world.api('POST', '/api/users/carla/connection/central')).status, 202);
      await world.sim.control.idle();
      const delivery = world.sim.control.deliveries().find((d) => d.kind === 'service_account_authorization')!;
      assert.equal(delivery.status, 503);
      const sweep = () => endLapsedCentralConnects(world.connectionDeps, { graceSeconds: 0 });

      assert.equal(await sweep(), 0, 'a callback can still finish it');
      assert.equal((await world.api('GET', '/api/users/carla/connection')).body.status, 'syncing');

      world.clock.advance(24 * 3600_000 + 60_000);
      assert.equal(await sweep(), 1);
      const view = (await world.api('GET', '/api/users/carla/connection')).body;
      assert.equal(view.status, 'failed');
      assert.equal(view.failedReason, CENTRAL_AUTHORIZATION_LAPSED);
      assert.deepEqual((await world.outbox()).map((e) => [e.type, e.data.userId]), [['connection.failed', 'carla']]);
      assert.equal((await world.api('GET', '/api/users/anna/connection')).body.status, 'connected_individual', 'others untouched');
      const left = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM oauth_states WHERE org_id = $1', [world.orgId]);
      assert.equal(left[0]!.n, 0, 'the lapsed state is deleted');
      assert.equal(await sweep(), 0, 'once');

      // A callback that still comes finds nothing to finish; the admin connects the user again.
      const late = await world.app.request(delivery.url, { method: 'POST', headers: { 'content-type': 'application/json', [CRONOFY_HMAC_HEADER]: delivery.signature }, body: delivery.body });
      assert.equal(late.status, 404);
      assert.equal((await world.api('POST', '/api/users/carla/connection/central')).status, 202);
      await world.sim.control.idle();
      assert.equal((await world.api('GET', '/api/users/carla/connection')).body.status, 'connected_central');
    });

    test('a user left syncing without any state (a crash between the callback and its outcome) fails only after the grace', async () => {
      const world = await createSimWorld(db);
      await db.query(`INSERT INTO calendar_connections (org_id, user_id, status) VALUES ($1, 'ben', 'syncing')`, [world.orgId]);
      assert.equal(await endLapsedCentralConnects(world.connectionDeps), 0, 'within the grace a live process may be recording the outcome');
      await db.query(`UPDATE calendar_connections SET updated_at = now() - interval '2 hours' WHERE org_id = $1 AND user_id = 'ben'`, [world.orgId]);
      assert.equal(await endLapsedCentralConnects(world.connectionDeps), 1);
      assert.equal((await world.api('GET', '/api/users/ben/connection')).body.status, 'failed');
    });

    test('service-account callbacks: a bad signature is 401, an unknown state 404, an unreadable body 400; nothing changes', async () => {
      const world = await createSimWorld(db);
      await connectServiceAccount(world);
      const states = await db.query('SELECT 1 FROM oauth_states WHERE org_id = $1', [world.orgId]);
      assert.equal(states.length, 0);
      const post = (path: string, body: string, signature: string | null) =>
        world.app.request(`${PUBLIC_URL}/api/cronofy/service-account-callback/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(signature === null ? {} : { [CRONOFY_HMAC_HEADER]: signature }) },
          body,
        });
      const body = JSON.stringify({ authorization: { code: 'forged', state: 'abc' } });
      assert.equal((await post('abc', body, null)).status, 401);
      assert.equal((await post('abc', body, signCronofyHmac(body, 'CRN_wrong'))).status, 401);
      assert.equal((await post('abc', body, signCronofyHmac(body, CLIENT_SECRET))).status, 404);
      const mismatch = JSON.stringify({ authorization: { code: 'forged', state: 'other' } });
      assert.equal((await post('abc', mismatch, signCronofyHmac(mismatch, CLIENT_SECRET))).status, 400);
      assert.equal((await post('abc', '[]', signCronofyHmac('[]', CLIENT_SECRET))).status, 400);
      assert.deepEqual(await world.outbox(), []);
      assert.equal((await db.query('SELECT 1 FROM calendar_connections WHERE org_id = $1', [world.orgId])).length, 0);
    });

    test('load rooms: resources of the directory become loaded rooms (matched by e-mail), each authorized so its busy time can be read', async () => {
      const world = await createSimWorld(db);
      await connectServiceAccount(world);
      const spree = world.sim.control.createResource({ email: 'room.spree@corp.example', name: 'Spree', capacity: 6 });
      world.sim.control.createResource({ email: 'room.havel@corp.example', name: 'Havel', capacity: 10 });
      world.sim.control.createResource({ email: 'room.thames@other.example', name: 'Thames' });
      await upsertRoom(db, world.orgId, { id: 'r-spree', name: 'Spree (old name)', email: 'room.spree@corp.example', capacity: null, source: 'created', cronofySub: null });
      await upsertRoom(db, world.orgId, { id: 'r-hand', name: 'Annex', email: 'annex@corp.example', capacity: 2, source: 'created', cronofySub: null });

      const res = await world.api('POST', '/api/rooms/load');
      assert.equal(res.status, 200);
      const result = LoadRoomsResultSchema.parse(res.body);
      assert.equal(result.loaded, 2);
      assert.equal(result.authorizationsRequested, 2);
      const havelId = result.items.find((r) => r.name === 'Havel')!.id;
      assert.deepEqual(result.items, [
        { id: 'r-hand', name: 'Annex', email: 'annex@corp.example', capacity: 2, source: 'created' },
        { id: havelId, name: 'Havel', email: 'room.havel@corp.example', capacity: 10, source: 'loaded' },
        { id: 'r-spree', name: 'Spree', email: 'room.spree@corp.example', capacity: 6, source: 'loaded' },
      ]);
      await world.sim.control.idle();
      const rooms = await db.query<{ id: string; cronofy_sub: string | null; readable: boolean }>('SELECT id, cronofy_sub, tokens_enc IS NOT NULL AS readable FROM rooms WHERE org_id = $1 ORDER BY id', [world.orgId]);
      assert.deepEqual(rooms.map((r) => [r.id, r.cronofy_sub?.slice(0, 4) ?? null, r.readable]).sort(), [
        [havelId, 'res_', true],
        ['r-hand', null, false],
        ['r-spree', 'res_', true],
      ].sort());

      const { monday } = world.week();
      const start = formatInstant(zonedWallTimeToInstant(monday, '10:00', 'Europe/Berlin'));
      const end = formatInstant(zonedWallTimeToInstant(monday, '11:00', 'Europe/Berlin'));
      world.sim.control.addEvent(spree.sub, { start, end, summary: 'Board meeting' });
      const window = { start: formatInstant(zonedWallTimeToInstant(monday, '00:00', 'UTC')), end: formatInstant(zonedWallTimeToInstant(addDays(monday, 1), '00:00', 'UTC')) };
      assert.deepEqual(await world.calendars.roomBusy(world.orgId, 'r-spree', window), [{ start, end }]);
      assert.equal(await world.calendars.roomBusy(world.orgId, 'r-hand', window), null, 'a room without calendar access');

      const again = await world.api('POST', '/api/rooms/load');
      assert.equal(again.body.authorizationsRequested, 0, 'rooms already readable are not authorized again');
      assert.equal(again.body.items.length, 3);
    });

    test('the service account token is refreshed when it expires (30 minutes) and the rotated one kept', async () => {
      const world = await createSimWorld(db);
      await connectServiceAccount(world);
      const before = JSON.parse(world.box.open((await serviceRow(db, world.orgId))!.tokens_enc));
      world.clock.advance(1800_000);
      world.markRequests();
      assert.equal((await world.api('POST', '/api/rooms/load')).status, 200);
      assert.deepEqual(world.requests(), [
        { method: 'POST', path: '/oauth/token', status: 200 },
        { method: 'GET', path: '/v1/resources', status: 200 },
      ]);
      const after = JSON.parse(world.box.open((await serviceRow(db, world.orgId))!.tokens_enc));
      assert.notEqual(after.refreshToken, before.refreshToken);
    });

    test('a service account whose refresh is rejected is shown failed; central actions answer 409 until reconnected', async () => {
      const world = await createSimWorld(db);
      const { service } = await connectServiceAccount(world);
      world.sim.control.revokeRefreshTokens(service.sub);
      world.sim.control.expireAccessTokens(service.sub);
      const load = await world.api('POST', '/api/rooms/load');
      assert.equal(load.status, 409);
      assert.equal(load.body.error.code, 'conflict');
      const view = (await world.api('GET', '/api/service-account')).body;
      assert.equal(view.status, 'failed');
      assert.equal(view.connected, false);
      assert.equal(view.email, 'it-admin@corp.example');
      assert.equal((await world.api('POST', '/api/users/ben/connection/central')).status, 409);
      assert.equal((await world.api('GET', '/api/users/ben/connection')).body.centralAvailable, false);
      assert.equal((await world.api('GET', '/api/users/ben/connection')).body.status, 'not_connected', 'no syncing left behind');
    });

    test('disconnect: central management ends, every user connection is kept and still works; reconnecting is possible', async () => {
      const world = await createSimWorld(db);
      const { service } = await connectServiceAccount(world);
      await world.api('POST', '/api/users/carla/connection/central');
      await world.sim.control.idle();
      await world.connectUser('ben');
      const carlaTokens = (await storedTokens(world, 'carla'))!;

      const res = await world.api('DELETE', '/api/service-account');
      assert.equal(res.status, 200);
      assert.equal(res.body.connected, false);
      assert.equal(res.body.status, 'not_connected');
      assert.equal(await serviceRow(db, world.orgId), undefined);
      // Nothing was revoked at Cronofy: revoking the service account would revoke Carla's delegated access too.
      assert.deepEqual(world.requests().filter((r) => r.path === '/oauth/token/revoke'), []);
      assert.deepEqual(Object.values(world.sim.state.data.grants).filter((g) => g.revoked), []);
      assert.equal((await world.api('GET', '/api/users/carla/connection')).body.status, 'connected_central');
      assert.equal((await world.api('GET', '/api/users/ben/connection')).body.status, 'connected_individual');
      assert.equal((await world.api('GET', '/api/users/carla/connection')).body.centralAvailable, false);
      assert.deepEqual(await world.client.listCalendars(carlaTokens.accessToken).then((c) => c.length), 1);
      await world.calendars.userBusy(world.orgId, 'carla', { start: formatInstant(world.clock.now()), end: formatInstant(world.clock.now() + 86_400_000) }, { fresh: true });

      const central = await world.api('POST', '/api/users/anna/connection/central');
      assert.equal(central.status, 409);
      assert.equal(central.body.error.code, 'conflict');
      const { location } = await connectServiceAccount(world, { existingSub: service.sub, returnTo: '/admin.html' });
      assert.equal(location, '/admin.html?serviceAccount=connected');
      assert.equal((await world.api('GET', '/api/service-account')).body.connected, true);
    });
  });
}
