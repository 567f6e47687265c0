/**
 * Enterprise Connect: service-account consent, token, userinfo, delegated user and room authorizations through
 * `POST /v1/service_account_authorizations` and its signed async callback, `GET /v1/resources`, and revocation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CronofyAuthError, CronofyError, ServiceAccountCallbackSchema, verifyCronofyHmac } from '../../src/cronofy/index.js';
import { CLIENT_SECRET, connect, makeClient, makeSim } from '../cronofy/support.js';

const EC_REDIRECT = 'https://ats.example.test/cronofy/enterprise/callback';

async function connectServiceAccount() {
  const { sim, callbacks } = makeSim();
  const { client } = makeClient(sim);
  const url = client.enterpriseConnectAuthorizationUrl({ redirect_uri: EC_REDIRECT, state: 'org-1' });
  const pageRes = await sim.app.request(url);
  assert.equal(pageRes.status, 200);
  const html = await pageRes.text();
  assert.match(html, /service_account\/accounts\/manage service_account\/resources\/manage/);
  const form = new URLSearchParams(new URL(url).searchParams);
  for (const [k, v] of Object.entries({ decision: 'allow', account: 'new', new_email: 'admin@corp.example', new_provider: 'office365' })) form.set(k, v);
  const res = await sim.app.request(url, { method: 'POST', body: form });
  assert.equal(res.status, 302);
  const back = new URL(res.headers.get('location') ?? '');
  assert.equal(back.searchParams.get('state'), 'org-1');
  const service = await client.exchangeCode({ code: back.searchParams.get('code') ?? '', redirect_uri: EC_REDIRECT });
  return { sim, callbacks, client, service };
}

test('service-account consent → token with service_account_id and the shorter lifetime → userinfo with domain', async () => {
  const { client, service } = await connectServiceAccount();
  assert.match(service.service_account_id ?? '', /^ser_/);
  assert.equal(service.expires_in, 1800);
  assert.equal(service.scope, 'service_account/accounts/manage service_account/resources/manage');
  const info = await client.userInfo(service.access_token);
  assert.equal(info['cronofy.type'], 'service_account');
  assert.deepEqual(info['cronofy.data']?.service_account, { provider_name: 'exchange', domain: 'corp.example' });
  assert.equal(info['cronofy.data']?.authorization?.delegated_scope, 'read_account list_calendars read_events create_event delete_event read_free_busy');
});

test('resources of the service account’s domain are listed, with capacity on request', async () => {
  const { sim, client, service } = await connectServiceAccount();
  sim.control.createResource({ email: 'room-a@corp.example', name: 'Room A', capacity: 8 });
  sim.control.createResource({ email: 'room-b@other.example', name: 'Elsewhere' });
  assert.deepEqual(await client.listResources(service.access_token), [{ email: 'room-a@corp.example', name: 'Room A' }]);
  assert.deepEqual(await client.listResources(service.access_token, { include_details: ['capacity'] }), [{ email: 'room-a@corp.example', name: 'Room A', capacity: 8 }]);
});

test('delegated authorization: 202, then a signed callback with code + state; the code exchanges for the user’s tokens', async () => {
  const { sim, callbacks, client, service } = await connectServiceAccount();
  sim.control.createResource({ email: 'room-a@corp.example', name: 'Room A' });
  const callbackUrl = 'https://ats.example.test/cronofy/ec-callback?user=17';
  await client.authorizeServiceAccountUser(service.access_token, {
    email: 'dana@corp.example',
    callback_url: callbackUrl,
    scope: ['read_account', 'list_calendars', 'read_events', 'create_event', 'delete_event', 'read_free_busy'],
    state: 'user-17',
  });
  await client.authorizeServiceAccountUser(service.access_token, { email: 'room-a@corp.example', callback_url: callbackUrl, scope: 'read_free_busy read_events', state: 'room-a' });
  await sim.control.idle();
  assert.equal(callbacks.length, 2);
  const subs: string[] = [];
  for (const cb of callbacks) {
    assert.equal(cb.url, callbackUrl);
    assert.ok(verifyCronofyHmac(cb.body, cb.headers['cronofy-hmac-sha256'], [CLIENT_SECRET]));
    const { authorization } = ServiceAccountCallbackSchema.parse(JSON.parse(cb.body));
    assert.ok(authorization.code);
    // The redirect_uri of the exchange is the exact callback_url.
    const tokens = await client.exchangeCode({ code: authorization.code, redirect_uri: callbackUrl });
    subs.push(`${authorization.state}:${tokens.sub?.slice(0, 4)}`);
    const calendars = await client.listCalendars(tokens.access_token);
    assert.equal(calendars.length, 1);
  }
  assert.deepEqual(subs, ['user-17:acc_', 'room-a:res_']);
  assert.equal(sim.state.accountByEmail('dana@corp.example')?.authorized_via, service.service_account_id, 'the directory user was created on the fly');
});

test('an e-mail outside the directory gets an error callback; invalid bodies get 422', async () => {
  const { sim, callbacks, client, service } = await connectServiceAccount();
  await client.authorizeServiceAccountUser(service.access_token, { email: 'x@elsewhere.example', callback_url: 'https://ats.test/cb', scope: 'read_events', state: 's1' });
  await sim.control.idle();
  const { authorization } = ServiceAccountCallbackSchema.parse(JSON.parse(callbacks[0]?.body ?? '{}'));
  assert.deepEqual([authorization.error, authorization.state, authorization.code], ['access_denied', 's1', undefined]);
  await assert.rejects(client.authorizeServiceAccountUser(service.access_token, { email: '', callback_url: 'nope', scope: '' }), (err: unknown) => {
    assert.ok(err instanceof CronofyError);
    assert.deepEqual(Object.keys(err.errors ?? {}).sort(), ['callback_url', 'email', 'scope']);
    return true;
  });
});

test('a user token cannot act as a service account (403); revoking the service account revokes what it granted only', async () => {
  const { sim, callbacks, client, service } = await connectServiceAccount();
  const own = await connect(sim, client, 'eve@corp.example');
  await assert.rejects(client.listResources(own.tokens.access_token), { status: 403, code: 'forbidden' });
  await client.authorizeServiceAccountUser(service.access_token, { email: 'eve@corp.example', callback_url: 'https://ats.test/cb', scope: 'read_events' });
  await sim.control.idle();
  const code = ServiceAccountCallbackSchema.parse(JSON.parse(callbacks[0]?.body ?? '{}')).authorization.code ?? '';
  const delegated = await client.exchangeCode({ code, redirect_uri: 'https://ats.test/cb' });
  await client.revokeAuthorization({ sub: service.service_account_id ?? '' });
  await assert.rejects(client.userInfo(service.access_token), CronofyAuthError);
  await assert.rejects(client.userInfo(delegated.access_token), CronofyAuthError);
  assert.equal((await client.userInfo(own.tokens.access_token)).email, 'eve@corp.example', 'her own connection is kept');
});

test('the Enterprise Connect page requires delegated_scope and honours deny', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim);
  const url = new URL(client.enterpriseConnectAuthorizationUrl({ redirect_uri: EC_REDIRECT, state: 's' }));
  url.searchParams.delete('delegated_scope');
  const missing = await sim.app.request(url.toString(), { redirect: 'manual' });
  assert.equal(missing.status, 302);
  assert.equal(new URL(missing.headers.get('location') ?? '').searchParams.get('error'), 'invalid_request');
  const full = client.enterpriseConnectAuthorizationUrl({ redirect_uri: EC_REDIRECT, state: 's' });
  const form = new URLSearchParams(new URL(full).searchParams);
  form.set('decision', 'deny');
  const denied = await sim.app.request(full, { method: 'POST', body: form });
  const loc = new URL(denied.headers.get('location') ?? '');
  assert.deepEqual([loc.searchParams.get('error'), loc.searchParams.get('state'), loc.searchParams.get('code')], ['access_denied', 's', null]);
});

test('a delegated authorization may ask only for scopes within the granted delegated_scope (simplified scopes expand)', async () => {
  const { client, service, callbacks, sim } = await connectServiceAccount();
  await assert.rejects(
    client.authorizeServiceAccountUser(service.access_token, { email: 'dana@corp.example', callback_url: 'https://ats.test/cb', scope: 'read_events change_participation_status' }),
    (err: unknown) => {
      assert.ok(err instanceof CronofyError);
      assert.equal(err.status, 422);
      assert.deepEqual(err.errors, { scope: [{ key: 'errors.invalid', description: 'not within the delegated scope: change_participation_status' }] });
      return true;
    },
  );
  await sim.control.idle();
  assert.equal(callbacks.length, 0, 'a refused request triggers no callback');
  // Both scopes lie within the delegated scope the admin granted.
  await client.authorizeServiceAccountUser(service.access_token, { email: 'dana@corp.example', callback_url: 'https://ats.test/cb', scope: 'read_account read_free_busy' });
  await sim.control.idle();
  assert.equal(callbacks.length, 1);
});
