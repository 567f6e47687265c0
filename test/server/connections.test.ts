/**
 * Individual calendar connections through the real app and the Cronofy simulator: the authorize URL (scopes, state,
 * allowed providers, same-site returnTo), the consent round trip and its single-use state, the status view (never a
 * token), disconnect (revoked at Cronofy, tokens deleted, open requests failed), reconnect after failure
 * (`connection.restored`), roles and tenancy; and the token lifecycle on the product path: refresh before expiry and
 * on 401, single-flight, rotation stored, permanent failure → `failed` + host events.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CronofyAuthError } from '../../src/cronofy/index.js';
import { ConnectionViewSchema } from '../../src/shared/api/connections.js';
import { formatInstant, zonedWallTimeToInstant } from '../../src/shared/time.js';
import type { Db } from '../../src/store/db.js';
import { CLIENT_ID, PUBLIC_URL, createSimWorld, publicCall, storedTokens, type SimWorld } from '../support/sim-world.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

/** Walks the simulator's consent page as the user would: allow with `accountSub`, or deny. */
async function consent(world: SimWorld, url: string, decision: { accountSub: string } | 'deny'): Promise<URL> {
  const page = await world.sim.app.request(url);
  assert.equal(page.status, 200);
  const form = new URLSearchParams(new URL(url).searchParams);
  if (decision === 'deny') form.set('decision', 'deny');
  else {
    form.set('decision', 'allow');
    form.set('account', decision.accountSub);
  }
  const res = await world.sim.app.request(url, { method: 'POST', body: form });
  assert.equal(res.status, 302);
  return new URL(res.headers.get('location')!);
}

/** Follows Cronofy's redirect into the product's callback; returns where the product sends the browser. */
async function followCallback(world: SimWorld, back: URL): Promise<{ status: number; location: string | null; body: any }> {
  const res = await world.app.request(back.toString());
  const text = await res.text();
  return { status: res.status, location: res.headers.get('location'), body: text.startsWith('{') ? JSON.parse(text) : null };
}

for (const kind of STORE_KINDS) {
  describe(`calendar connections (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    test('authorize: Cronofy consent URL with the product scopes, a fresh state and the callback; provider preselected when only one is allowed', async () => {
      const world = await createSimWorld(db, { settings: { allowedProviders: ['office365'] } });
      const res = await world.api('POST', '/api/users/anna/connection/authorize', { returnTo: '/admin.html#my-user' });
      assert.equal(res.status, 200);
      const url = new URL(res.body.url);
      assert.equal(`${url.origin}${url.pathname}`, 'http://sim.test/app/oauth/authorize');
      assert.equal(url.searchParams.get('response_type'), 'code');
      assert.equal(url.searchParams.get('client_id'), CLIENT_ID);
      assert.equal(url.searchParams.get('redirect_uri'), `${PUBLIC_URL}/api/cronofy/callback`);
      assert.equal(url.searchParams.get('scope'), 'read_account list_calendars read_events create_event delete_event');
      assert.equal(url.searchParams.get('avoid_linking'), 'true');
      assert.equal(url.searchParams.get('provider_name'), 'office365');
      assert.match(url.searchParams.get('state') ?? '', /^[\w-]{32}$/);
      const second = new URL((await world.api('POST', '/api/users/anna/connection/authorize')).body.url);
      assert.notEqual(second.searchParams.get('state'), url.searchParams.get('state'));
      const stored = await db.query<{ state_hash: string }>('SELECT state_hash FROM oauth_states WHERE org_id = $1', [world.orgId]);
      assert.equal(stored.length, 2);
      assert.equal(stored.some((r) => r.state_hash === url.searchParams.get('state')), false, 'only a hash of the state is stored');
    });

    test('authorize: no provider preselected among several; an allowed provider can be chosen, another is 400', async () => {
      const world = await createSimWorld(db, { settings: { allowedProviders: ['google', 'outlook_com'] } });
      const open = new URL((await world.api('POST', '/api/users/anna/connection/authorize', {})).body.url);
      assert.equal(open.searchParams.has('provider_name'), false);
      const chosen = new URL((await world.api('POST', '/api/users/anna/connection/authorize', { provider: 'outlook_com' })).body.url);
      assert.equal(chosen.searchParams.get('provider_name'), 'live_connect');
      const refused = await world.api('POST', '/api/users/anna/connection/authorize', { provider: 'apple' });
      assert.equal(refused.status, 400);
      assert.equal(refused.body.error.code, 'validation_failed');
      assert.deepEqual(refused.body.error.details.issues, [{ path: 'provider', message: 'allowed: google, outlook_com' }]);
      const unknown = await world.api('POST', '/api/users/anna/connection/authorize', { provider: 'myspace' });
      assert.equal(unknown.status, 400);
      assert.equal((await db.query('SELECT 1 FROM oauth_states WHERE org_id = $1', [world.orgId])).length, 2, 'refusals store no state');
    });

    test('authorize: returnTo must be a same-site path; anything else is 400 and stores no state', async () => {
      const world = await createSimWorld(db);
      for (const returnTo of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'admin.html', 'javascript:alert(1)', '/a b']) {
        const res = await world.api('POST', '/api/users/anna/connection/authorize', { returnTo });
        assert.equal(res.status, 400, returnTo);
        assert.equal(res.body.error.code, 'validation_failed', returnTo);
      }
      const extra = await world.api('POST', '/api/users/anna/connection/authorize', { returnTo: '/x', scope: 'read_write' });
      assert.equal(extra.status, 400, 'unknown fields are refused');
      assert.equal((await db.query('SELECT 1 FROM oauth_states WHERE org_id = $1', [world.orgId])).length, 0);
    });

    test('consent round trip: the callback exchanges the code, stores the connection and sends the browser back; the state works once', async () => {
      const world = await createSimWorld(db);
      const account = world.sim.control.createAccount({ email: 'anna@corp.example', name: 'Anna Schmidt', zoneinfo: 'Europe/Berlin', provider: 'office365' });
      const { url } = (await world.api('POST', '/api/users/anna/connection/authorize', { returnTo: '/admin.html?tab=me#calendar' })).body;
      const back = await consent(world, url, { accountSub: account.sub });
      assert.equal(back.searchParams.has('code'), true);
      const done = await followCallback(world, back);
      assert.equal(done.status, 302);
      assert.equal(done.location, '/admin.html?tab=me&calendar=connected#calendar');
      await world.sim.control.idle();

      const view = await world.api('GET', '/api/users/anna/connection');
      assert.equal(view.status, 200);
      assert.deepEqual(ConnectionViewSchema.parse(view.body), {
        userId: 'anna',
        status: 'connected_individual',
        provider: 'office365',
        profileName: 'anna@corp.example',
        profileEmail: 'anna@corp.example',
        failedReason: null,
        failedSince: null,
        centralAvailable: false,
      });
      assert.deepEqual(Object.keys(view.body).sort(), ['centralAvailable', 'failedReason', 'failedSince', 'profileEmail', 'profileName', 'provider', 'status', 'userId']);
      const channels = world.sim.control.getAccount(account.sub).channels;
      assert.deepEqual(channels.map((c) => c.callback_url), [`${PUBLIC_URL}/api/cronofy/push/${world.orgId}/anna`]);

      const replay = await followCallback(world, back);
      assert.equal(replay.status, 400);
      assert.equal(replay.body.error.code, 'bad_request');
      const unknown = await world.app.request(`${PUBLIC_URL}/api/cronofy/callback?code=x&state=forged`);
      assert.equal(unknown.status, 400);
      const none = await world.app.request(`${PUBLIC_URL}/api/cronofy/callback?code=x`);
      assert.equal(none.status, 400);
    });

    test('consent denied: back to the page with calendar=denied, still not connected', async () => {
      const world = await createSimWorld(db);
      const { url } = (await world.api('POST', '/api/users/ben/connection/authorize', { returnTo: '/me' }, 'ben')).body;
      const back = await consent(world, url, 'deny');
      assert.equal(back.searchParams.get('error'), 'access_denied');
      const done = await followCallback(world, back);
      assert.equal(done.location, '/me?calendar=denied');
      assert.equal((await world.api('GET', '/api/users/ben/connection', undefined, 'ben')).body.status, 'not_connected');
    });

    test('a provider the organization does not allow is refused at the callback and revoked at Cronofy', async () => {
      const world = await createSimWorld(db, { settings: { allowedProviders: ['office365'] } });
      const account = world.sim.control.createAccount({ email: 'ben@corp.example', provider: 'apple' });
      const { url } = (await world.api('POST', '/api/users/ben/connection/authorize', {}, 'ben')).body;
      const done = await followCallback(world, await consent(world, url, { accountSub: account.sub }));
      assert.equal(done.location, '/admin.html?calendar=failed&reason=forbidden');
      assert.equal((await world.api('GET', '/api/users/ben/connection', undefined, 'ben')).body.status, 'not_connected');
      const grants = Object.values(world.sim.state.data.grants).filter((g) => g.sub === account.sub);
      assert.deepEqual(grants.map((g) => g.revoked), [true]);
    });

    test('roles and tenancy: own connection for everyone, others only for admins, other organizations not found', async () => {
      const world = await createSimWorld(db);
      const other = await createSimWorld(db);
      assert.equal((await world.api('GET', '/api/users/carla/connection', undefined, 'carla')).status, 200);
      const foreign = await world.api('GET', '/api/users/anna/connection', undefined, 'carla');
      assert.equal(foreign.status, 403);
      assert.equal(foreign.body.error.code, 'forbidden');
      assert.equal((await world.api('POST', '/api/users/anna/connection/authorize', {}, 'ben')).status, 403);
      assert.equal((await world.api('DELETE', '/api/users/anna/connection', undefined, 'ben')).status, 403);
      assert.equal((await world.api('GET', '/api/users/carla/connection', undefined, 'anna')).status, 200);
      const missing = await world.api('GET', '/api/users/nobody/connection');
      assert.equal(missing.status, 404);
      assert.equal(missing.body.error.code, 'not_found');
      assert.equal((await world.api('DELETE', '/api/users/nobody/connection')).status, 404);
      await other.connectUser('anna');
      // The other organization's anna is connected; this organization's anna is not, and the token's org decides.
      assert.equal((await world.api('GET', '/api/users/anna/connection')).body.status, 'not_connected');
      assert.equal((await other.api('GET', '/api/users/anna/connection')).body.status, 'connected_individual');
      const anonymous = await world.app.request(`${PUBLIC_URL}/api/users/anna/connection`);
      assert.equal(anonymous.status, 401);
    });

    test('disconnect: channel closed and authorization revoked at Cronofy, tokens deleted, open requests failed', async () => {
      const world = await createSimWorld(db);
      const anna = await world.connectUser('anna');
      await world.connectUser('ben');
      const request = await world.createRequest();
      assert.equal(request.status, 'open');
      const before = await storedTokens(world, 'ben');
      assert.ok(before);

      const res = await world.api('DELETE', '/api/users/ben/connection', undefined, 'ben');
      assert.equal(res.status, 200);
      assert.equal(res.body.status, 'not_connected');
      assert.equal(res.body.provider, null);
      const row = (await db.query<{ tokens_enc: string | null; channel_id: string | null }>('SELECT tokens_enc, channel_id FROM calendar_connections WHERE org_id = $1 AND user_id = $2', [world.orgId, 'ben']))[0];
      assert.deepEqual(row, { tokens_enc: null, channel_id: null });
      await assert.rejects(world.client.listCalendars(before.accessToken), CronofyAuthError);
      assert.deepEqual(world.sim.state.accountByEmail('ben@corp.example')!.channels, []);
      assert.equal(world.sim.state.account(anna.sub)!.channels.length, 1, 'other users keep theirs');

      const view = await world.api('GET', `/api/booking-requests/${request.id}`);
      assert.equal(view.body.status, 'failed');
      assert.equal(view.body.failureReason, 'participant_disconnected');
      assert.deepEqual((await world.outbox()).map((e) => [e.type, e.data.reason ?? null]), [['booking.failed', 'participant_disconnected']]);
      assert.equal((await publicCall(world, request.token, '/slots')).status, 410);
    });

    test('reconnecting after a failure emits connection.restored and clears the failure', async () => {
      const world = await createSimWorld(db);
      const ben = await world.connectUser('ben');
      world.sim.control.disconnect(ben.sub);
      await world.sim.control.idle();
      const failed = (await world.api('GET', '/api/users/ben/connection', undefined, 'ben')).body;
      assert.equal(failed.status, 'failed');
      assert.equal(failed.failedReason, 'profile_disconnected');
      assert.match(failed.failedSince, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/);

      const { url } = (await world.api('POST', '/api/users/ben/connection/authorize', { returnTo: '/me' }, 'ben')).body;
      const done = await followCallback(world, await consent(world, url, { accountSub: ben.sub }));
      assert.equal(done.location, '/me?calendar=connected');
      const restored = (await world.api('GET', '/api/users/ben/connection', undefined, 'ben')).body;
      assert.equal(restored.status, 'connected_individual');
      assert.equal(restored.failedReason, null);
      assert.equal(restored.failedSince, null);
      assert.deepEqual((await world.outbox()).map((e) => [e.type, e.data.userId]), [
        ['connection.failed', 'ben'],
        ['connection.restored', 'ben'],
      ]);
    });

    test('integration switched off: for the organization 403 integration_disabled, for the user 409', async () => {
      const world = await createSimWorld(db);
      await db.query('UPDATE users SET integration_active = false WHERE org_id = $1 AND id = $2', [world.orgId, 'ben']);
      const user = await world.api('POST', '/api/users/ben/connection/authorize', {}, 'ben');
      assert.equal(user.status, 409);
      assert.equal(user.body.error.code, 'conflict');
      await db.query('UPDATE organizations SET integration_enabled = false WHERE id = $1', [world.orgId]);
      const org = await world.api('POST', '/api/users/anna/connection/authorize', {});
      assert.equal(org.status, 403);
      assert.equal(org.body.error.code, 'integration_disabled');
    });

    describe('tokens on the product path', () => {
      const window = (world: SimWorld) => {
        const { monday, friday } = world.week();
        return { start: formatInstant(zonedWallTimeToInstant(monday, '00:00', 'Europe/Berlin')), end: formatInstant(zonedWallTimeToInstant(friday, '23:00', 'Europe/Berlin')) };
      };

      test('a 401 refreshes once and retries; the rotated refresh token is stored', async () => {
        const world = await createSimWorld(db);
        const anna = await world.connectUser('anna');
        const before = (await storedTokens(world, 'anna'))!;
        world.sim.control.expireAccessTokens(anna.sub);
        world.markRequests();
        await world.calendars.userBusy(world.orgId, 'anna', window(world), { fresh: true });
        assert.deepEqual(world.requests(), [
          { method: 'GET', path: '/v1/free_busy', status: 401 },
          { method: 'POST', path: '/oauth/token', status: 200 },
          { method: 'GET', path: '/v1/free_busy', status: 200 },
        ]);
        const after = (await storedTokens(world, 'anna'))!;
        assert.notEqual(after.accessToken, before.accessToken);
        assert.notEqual(after.refreshToken, before.refreshToken);
        assert.equal(world.sim.state.data.refresh_tokens[before.refreshToken], undefined, 'the old refresh token is gone at Cronofy');
        assert.ok(world.sim.state.data.refresh_tokens[after.refreshToken], 'the stored one is the live one');
      });

      test('a token about to expire is refreshed before the call, without a 401', async () => {
        const world = await createSimWorld(db);
        await world.connectUser('anna');
        const before = (await storedTokens(world, 'anna'))!;
        world.clock.advance(before.expiresAt - world.clock.now() - 30_000);
        world.markRequests();
        await world.calendars.userBusy(world.orgId, 'anna', window(world), { fresh: true });
        assert.deepEqual(world.requests(), [
          { method: 'POST', path: '/oauth/token', status: 200 },
          { method: 'GET', path: '/v1/free_busy', status: 200 },
        ]);
        assert.ok((await storedTokens(world, 'anna'))!.expiresAt > before.expiresAt);
      });

      test('single flight: eight concurrent reads after expiry share one refresh', async () => {
        const world = await createSimWorld(db);
        const anna = await world.connectUser('anna');
        world.sim.control.expireAccessTokens(anna.sub);
        world.markRequests();
        await Promise.all(Array.from({ length: 8 }, () => world.calendars.userBusy(world.orgId, 'anna', window(world), { fresh: true })));
        const calls = world.requests();
        assert.equal(calls.filter((r) => r.path === '/oauth/token').length, 1);
        assert.deepEqual(calls.filter((r) => r.path === '/oauth/token').map((r) => r.status), [200]);
        assert.equal(calls.filter((r) => r.path === '/v1/free_busy' && r.status === 200).length, 8);
        assert.equal((await world.api('GET', '/api/users/anna/connection')).body.status, 'connected_individual');
      });

      test('a refresh rejected for good: connection failed once, host told, open requests failed, slots 503 then 410', async () => {
        const world = await createSimWorld(db);
        const anna = await world.connectUser('anna');
        await world.connectUser('ben');
        const request = await world.createRequest();
        const other = await world.createRequest({ participantIds: ['ben'], organizerId: 'ben' });
        world.sim.control.revokeRefreshTokens(anna.sub);
        world.sim.control.expireAccessTokens(anna.sub);
        // Drop cached busy time so the next slot query has to read.
        await world.calendars.invalidate(world.orgId, 'anna');

        const slots = await publicCall(world, request.token, '/slots');
        assert.equal(slots.status, 503);
        assert.equal(slots.body.error.code, 'calendar_unavailable');
        const view = (await world.api('GET', '/api/users/anna/connection')).body;
        assert.equal(view.status, 'failed');
        assert.equal(view.failedReason, 'invalid_grant');
        // One transaction: no order between the two events.
        assert.deepEqual((await world.outbox()).map((e) => [e.type, e.data.reason, e.data.bookingRequestId ?? e.data.userId]).sort(), [
          ['booking.failed', 'participant_disconnected', request.id],
          ['connection.failed', 'invalid_grant', 'anna'],
        ]);
        const again = await publicCall(world, request.token, '/slots');
        assert.equal(again.status, 410);
        assert.equal(again.body.error.code, 'booking_closed');
        // Ben's request does not include Anna: untouched.
        assert.equal((await publicCall(world, other.token, '/slots')).status, 200);
        // A later failing call does not tell the host again.
        await assert.rejects(world.calendars.upsertEvent(world.orgId, 'anna', { eventId: 'x', summary: 's', description: '', start: view.failedSince, end: view.failedSince, timeZone: 'UTC', location: null, attendees: [], private: false }));
        assert.equal((await world.outbox()).filter((e) => e.type === 'connection.failed').length, 1);
      });
    });
  });
}
