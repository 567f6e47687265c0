/**
 * The control API over HTTP (what seeds and QA use): JSON bodies, the product's error shape, and the operations'
 * side effects; snapshot/restore keeps stored tokens valid across a simulator restart.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createCronofySim } from '../../src/cronofy-sim/index.js';
import { CLIENT_ID, CLIENT_SECRET, makeClient, makeSim, SIM_URL } from '../cronofy/support.js';

function json(sim: ReturnType<typeof makeSim>['sim'], method: string, path: string, body?: unknown) {
  return sim.app.request(`${SIM_URL}/control${path}`, {
    method,
    headers: { 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

test('seed flow over HTTP: create account → authorization code → real code exchange → busy events', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim);
  const created = await json(sim, 'POST', '/accounts', { email: 'ivy@example.com', name: 'Ivy', zoneinfo: 'America/New_York', provider: 'office365' });
  assert.equal(created.status, 201);
  const account = (await created.json()) as { sub: string; provider_name: string; provider_service: string; calendars: { calendar_id: string }[] };
  assert.match(account.sub, /^acc_[0-9a-f]{24}$/);
  assert.deepEqual([account.provider_name, account.provider_service], ['exchange', 'office365']);
  const codeRes = await json(sim, 'POST', `/accounts/${account.sub}/authorization-code`, { redirect_uri: 'http://localhost:8787/cb', state: 'seed' });
  const { code, redirect_url } = (await codeRes.json()) as { code: string; redirect_url: string };
  assert.equal(new URL(redirect_url).searchParams.get('state'), 'seed');
  const tokens = await client.exchangeCode({ code, redirect_uri: 'http://localhost:8787/cb' });
  const ev = await json(sim, 'POST', `/accounts/${account.sub}/events`, { start: '2030-01-02', end: '2030-01-03', summary: 'Offsite' });
  assert.equal(ev.status, 201);
  const tentative = await json(sim, 'POST', `/accounts/${account.sub}/events`, { start: '2030-01-05T10:00:00Z', end: '2030-01-05T11:00:00Z', free_busy_status: 'tentative' });
  const { event_uid } = (await tentative.json()) as { event_uid: string };
  const list = (await (await json(sim, 'GET', `/accounts/${account.sub}/events`)).json()) as { events: { free_busy_status: string }[] };
  assert.deepEqual(list.events.map((e) => e.free_busy_status), ['busy', 'tentative']);
  assert.equal((await json(sim, 'DELETE', `/accounts/${account.sub}/events/${event_uid}`)).status, 200);
  const fb = await client.freeBusy(tokens.access_token, { tzid: 'America/New_York', from: '2030-01-01', to: '2030-01-10' }).catch((e: Error) => e);
  // 2030 is outside the read window from today; the client clamps to nothing rather than asking.
  assert.ok(!(fb instanceof Error) && fb.free_busy.length === 0 && fb.clamped);
});

test('errors use the product’s wire shape; bad input is 422, unknown subs 404, duplicates 409', async () => {
  const { sim } = makeSim();
  const bad = await json(sim, 'POST', '/accounts', { email: 'x@example.com', provider: 'myspace' });
  assert.equal(bad.status, 422);
  const body = (await bad.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, 'validation_failed');
  assert.match(body.error.message, /provider must be one of/);
  assert.equal((await json(sim, 'GET', '/accounts/acc_nope')).status, 404);
  await json(sim, 'POST', '/accounts', { email: 'dup@example.com' });
  assert.equal((await json(sim, 'POST', '/accounts', { email: 'DUP@example.com' })).status, 409);
  assert.equal((await json(sim, 'POST', '/faults', { kind: 'error', status: 418 })).status, 422);
  assert.equal((await json(sim, 'POST', '/replies', { event_id: 'x', email: 'a@b.c', status: 'maybe' })).status, 422);
});

test('faults, requests and deliveries are inspectable; reset clears everything', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim, { retry: { maxRetries: 0 } });
  const added = (await (await json(sim, 'POST', '/faults', { kind: 'rate_limit', retry_after_seconds: 3, count: 2, path: '/v1/userinfo' })).json()) as { fault_id: string; remaining: number };
  assert.equal(added.remaining, 2);
  const faults = (await (await json(sim, 'GET', '/faults')).json()) as { faults: unknown[] };
  assert.equal(faults.faults.length, 1);
  const acct = (await (await json(sim, 'POST', '/accounts', { email: 'a@example.com' })).json()) as { sub: string };
  const { code } = sim.control.issueAuthorizationCode(acct.sub, { redirect_uri: 'https://x.test/cb' });
  const tokens = await client.exchangeCode({ code, redirect_uri: 'https://x.test/cb' });
  const res = await sim.app.request(`${SIM_URL}/v1/userinfo`, { headers: { Authorization: `Bearer ${tokens.access_token}` } });
  assert.deepEqual([res.status, res.headers.get('retry-after')], [429, '3']);
  const requests = (await (await json(sim, 'GET', '/requests')).json()) as { requests: { method: string; path: string; status: number }[] };
  assert.deepEqual(requests.requests.map((r) => [r.method, r.path, r.status]), [['POST', '/oauth/token', 200], ['GET', '/v1/userinfo', 429]]);
  await client.createChannel(tokens.access_token, { callback_url: 'https://ats.test/push' });
  await sim.control.idle();
  const deliveries = (await (await json(sim, 'GET', '/deliveries')).json()) as { deliveries: { type: string; status: number }[] };
  assert.deepEqual(deliveries.deliveries.map((d) => [d.type, d.status]), [['verification', 200]]);
  await json(sim, 'POST', '/reset');
  assert.deepEqual([sim.control.listAccounts(), sim.control.listFaults(), sim.control.requests(), sim.control.deliveries()], [[], [], [], []]);
});

test('expire-access-tokens and revoke-refresh-tokens drive the token paths; disconnect/reconnect notify', async () => {
  const { sim, callbacks } = makeSim();
  const { client } = makeClient(sim);
  const acct = sim.control.createAccount({ email: 'a@example.com' });
  const { code } = sim.control.issueAuthorizationCode(acct.sub, { redirect_uri: 'https://x.test/cb' });
  const tokens = await client.exchangeCode({ code, redirect_uri: 'https://x.test/cb' });
  await client.createChannel(tokens.access_token, { callback_url: 'https://ats.test/push' });
  const expired = (await (await json(sim, 'POST', `/accounts/${acct.sub}/expire-access-tokens`)).json()) as { expired: number };
  assert.equal(expired.expired, 1);
  await assert.rejects(client.userInfo(tokens.access_token), { status: 401 });
  const fresh = await client.refreshToken(tokens.refresh_token);
  await json(sim, 'POST', `/accounts/${acct.sub}/revoke-refresh-tokens`);
  await assert.rejects(client.refreshToken(fresh.refresh_token), { code: 'invalid_grant' });
  await json(sim, 'POST', `/accounts/${acct.sub}/disconnect`);
  await json(sim, 'POST', `/accounts/${acct.sub}/reconnect`);
  await sim.control.idle();
  assert.deepEqual(callbacks.map((c) => JSON.parse(c.body).notification.type), ['verification', 'profile_disconnected', 'change']);
});

test('snapshot/restore: a restarted simulator still accepts the tokens the product stored', async () => {
  const first = makeSim().sim;
  const { client } = makeClient(first);
  const acct = first.control.createAccount({ email: 'keep@example.com' });
  const { code } = first.control.issueAuthorizationCode(acct.sub, { redirect_uri: 'https://x.test/cb' });
  const tokens = await client.exchangeCode({ code, redirect_uri: 'https://x.test/cb' });
  const saved = JSON.stringify(first.control.snapshot());
  const second = createCronofySim({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  second.control.restore(JSON.parse(saved));
  const { client: client2 } = makeClient(second);
  assert.equal((await client2.userInfo(tokens.access_token)).sub, acct.sub);
  assert.ok((await client2.refreshToken(tokens.refresh_token)).access_token);
});
