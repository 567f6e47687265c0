/**
 * The client and the simulator over real HTTP, the way the product runs them: the simulator mounted at `/sim` inside
 * another Hono app served by `@hono/node-server` on an ephemeral port, real `fetch`, real push callbacks to a real
 * route that verifies the HMAC. Covers the full connect (consent page) → notify → disconnect cycle.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { createCronofySim } from '../../src/cronofy-sim/index.js';
import {
  createCronofyClient,
  CronofyUnavailableError,
  PushNotificationSchema,
  verifyCronofyHmac,
  type PushNotification,
} from '../../src/cronofy/index.js';
import { CLIENT_ID, CLIENT_SECRET, dayFromNow, hoursFromNow, listen } from './support.js';

function product() {
  const sim = createCronofySim({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, pageSize: 2 });
  const received: { notification: PushNotification; path: string }[] = [];
  let rejected = 0;
  const app = new Hono();
  app.route('/sim', sim.app);
  app.post('/cronofy/push/:user', async (c) => {
    const raw = await c.req.text();
    if (!verifyCronofyHmac(raw, c.req.header('Cronofy-HMAC-SHA256'), [CLIENT_SECRET])) {
      rejected += 1;
      return c.body(null, 401);
    }
    received.push({ notification: PushNotificationSchema.parse(JSON.parse(raw)), path: c.req.path });
    return c.body(null, 202);
  });
  app.get('/cronofy/callback', (c) => c.text('connected'));
  return { sim, app, received, rejected: () => rejected };
}

test('connect through the consent page, read free/busy with paging, get signed notifications, disconnect', async (t) => {
  const { sim, app, received, rejected } = product();
  const server = await listen(app);
  t.after(() => server.close());
  const client = createCronofyClient({
    apiUrl: `${server.url}/sim`,
    appUrl: `${server.url}/sim/app`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    timeoutMs: 2000,
    retry: { baseDelayMs: 1 },
  });
  const redirectUri = `${server.url}/cronofy/callback`;

  // 1. Consent page: GET renders the form; POST "Allow" with a new account redirects back with code + state.
  const authUrl = client.authorizationUrl({ redirect_uri: redirectUri, state: 'csrf-123' });
  const pageRes = await fetch(authUrl);
  assert.equal(pageRes.status, 200);
  assert.match(await pageRes.text(), /<form method="post">/);
  const form = new URLSearchParams(new URL(authUrl).searchParams);
  form.set('decision', 'allow');
  form.set('account', 'new');
  form.set('new_email', 'recruiter@example.com');
  form.set('new_name', 'Rita Recruiter');
  form.set('new_provider', 'office365');
  form.set('new_zone', 'Europe/Berlin');
  const consent = await fetch(authUrl, { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(consent.status, 302);
  const back = new URL(consent.headers.get('location') ?? '');
  assert.equal(back.origin + back.pathname, redirectUri);
  assert.equal(back.searchParams.get('state'), 'csrf-123');
  const tokens = await client.exchangeCode({ code: back.searchParams.get('code') ?? '', redirect_uri: redirectUri });
  assert.equal(tokens.linking_profile?.provider_service, 'office365');
  const sub = tokens.sub ?? '';

  // 2. Free/busy pages through absolute next_page URLs that include the /sim mount.
  for (let i = 1; i <= 5; i += 1) sim.control.addEvent(sub, { start: hoursFromNow(24 * i), end: hoursFromNow(24 * i + 1) });
  const fb = await client.freeBusy(tokens.access_token, { tzid: 'Europe/Berlin', from: dayFromNow(0), to: dayFromNow(10) });
  assert.equal(fb.free_busy.length, 5);
  assert.equal(sim.control.requests().filter((r) => r.path.startsWith('/v1/free_busy/pages/')).length, 2);

  // 3. Channel → verification; upsert → change; disconnect → profile_disconnected. All signed and verified.
  const channel = await client.createChannel(tokens.access_token, { callback_url: `${server.url}/cronofy/push/user-7` });
  await sim.control.idle();
  const [calendar] = await client.listCalendars(tokens.access_token);
  await client.upsertEvent(tokens.access_token, calendar?.calendar_id ?? '', {
    event_id: 'appt-1',
    summary: 'Interview',
    start: hoursFromNow(30),
    end: hoursFromNow(31),
  });
  await sim.control.idle();
  sim.control.disconnect(sub);
  await sim.control.idle();
  assert.equal(rejected(), 0);
  assert.deepEqual(
    received.map((r) => [r.path, r.notification.notification.type, r.notification.channel?.channel_id]),
    [
      ['/cronofy/push/user-7', 'verification', channel.channel_id],
      ['/cronofy/push/user-7', 'change', channel.channel_id],
      ['/cronofy/push/user-7', 'profile_disconnected', channel.channel_id],
    ],
  );
  const changesSince = received[1]?.notification.notification.changes_since ?? '';
  // changes_since has whole-second precision, so earlier writes of the same second may come back too (at-least-once).
  const changed = await client.readEvents(tokens.access_token, { tzid: 'Europe/Berlin', last_modified: changesSince, only_managed: true });
  assert.deepEqual(changed.events.map((e) => e.event_id), ['appt-1']);
  const profiles = await client.listProfiles(tokens.access_token);
  assert.equal(profiles[0]?.profile_connected, false);
  assert.ok(profiles[0]?.profile_relink_url?.startsWith(`${server.url}/sim/app/relink/exchange?email=`));

  // 4. Relink through the page the URL points to.
  const relinked = await fetch(profiles[0]?.profile_relink_url ?? '', { method: 'POST', body: new URLSearchParams({ email: 'recruiter@example.com' }) });
  assert.equal(relinked.status, 200);
  assert.equal((await client.listProfiles(tokens.access_token))[0]?.profile_connected, true);
});

test('a forged or tampered callback is rejected by the verifying route', async (t) => {
  const { app, received, rejected } = product();
  const server = await listen(app);
  t.after(() => server.close());
  const body = JSON.stringify({ notification: { type: 'change', changes_since: '2030-01-01T00:00:00Z' } });
  const forged = await fetch(`${server.url}/cronofy/push/u`, { method: 'POST', body, headers: { 'Cronofy-HMAC-SHA256': 'AAAA' } });
  const missing = await fetch(`${server.url}/cronofy/push/u`, { method: 'POST', body });
  assert.deepEqual([forged.status, missing.status, rejected(), received.length], [401, 401, 2, 0]);
});

test('over real sockets a timeout fault is aborted by the client and retried; persistent timeouts → unavailable', async (t) => {
  const { sim, app } = product();
  const server = await listen(app);
  t.after(() => server.close());
  const client = createCronofyClient({
    apiUrl: `${server.url}/sim`,
    appUrl: `${server.url}/sim/app`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    timeoutMs: 60,
    retry: { baseDelayMs: 1, maxRetries: 1 },
  });
  const account = sim.control.createAccount({ email: 'a@example.com' });
  const { code } = sim.control.issueAuthorizationCode(account.sub, { redirect_uri: 'https://x.test/cb' });
  const tokens = await client.exchangeCode({ code, redirect_uri: 'https://x.test/cb' });
  sim.control.addFault({ kind: 'timeout', count: 1, path: '/v1/calendars' });
  assert.equal((await client.listCalendars(tokens.access_token)).length, 1);
  sim.control.addFault({ kind: 'timeout', count: 2, path: '/v1/userinfo' });
  await assert.rejects(client.userInfo(tokens.access_token), CronofyUnavailableError);
  // Connection refused (nothing listening) is a network error → unavailable too.
  const dead = createCronofyClient({ apiUrl: 'http://127.0.0.1:1', appUrl: 'http://127.0.0.1:1/app', clientId: 'c', clientSecret: 's', retry: { baseDelayMs: 1, maxRetries: 1 } });
  await assert.rejects(dead.userInfo('t'), (err: unknown) => err instanceof CronofyUnavailableError && err.attempts === 2);
});

test('standalone on its own port: API at the root, consent under /app, next_page from the configured baseUrl', async (t) => {
  const { serveCronofySim } = await import('../../src/cronofy-sim/serve.js');
  const served = await serveCronofySim({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, pageSize: 1 });
  t.after(() => served.close());
  const client = createCronofyClient({ apiUrl: served.url, appUrl: `${served.url}/app`, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  assert.equal((await fetch(client.authorizationUrl({ redirect_uri: 'https://x.test/cb', state: 's' }))).status, 200);
  const account = served.sim.control.createAccount({ email: 'solo@example.com' });
  const { code } = served.sim.control.issueAuthorizationCode(account.sub, { redirect_uri: 'https://x.test/cb' });
  const tokens = await client.exchangeCode({ code, redirect_uri: 'https://x.test/cb' });
  served.sim.control.addEvent(account.sub, { start: hoursFromNow(2), end: hoursFromNow(3) });
  served.sim.control.addEvent(account.sub, { start: hoursFromNow(4), end: hoursFromNow(5) });
  assert.equal((await client.freeBusy(tokens.access_token, { tzid: 'Etc/UTC' })).free_busy.length, 2);

  // With an explicit public baseUrl (e.g. behind a proxy) next_page links use it.
  const proxied = createCronofySim({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, pageSize: 1, baseUrl: 'https://cronofy-sim.qa.example/' });
  const acc = proxied.control.createAccount({ email: 'p@example.com' });
  const c2 = proxied.control.issueAuthorizationCode(acc.sub, { redirect_uri: 'https://x.test/cb' });
  const tok = (await (await proxied.app.request('http://internal/oauth/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, grant_type: 'authorization_code', code: c2.code, redirect_uri: 'https://x.test/cb' }),
  })).json()) as { access_token: string };
  proxied.control.addEvent(acc.sub, { start: hoursFromNow(2), end: hoursFromNow(3) });
  proxied.control.addEvent(acc.sub, { start: hoursFromNow(4), end: hoursFromNow(5) });
  const page = (await (await proxied.app.request('http://internal/v1/free_busy?tzid=Etc/UTC', { headers: { Authorization: `Bearer ${tok.access_token}` } })).json()) as { pages: { next_page: string } };
  assert.match(page.pages.next_page, /^https:\/\/cronofy-sim\.qa\.example\/v1\/free_busy\/pages\/[0-9a-f]+$/);
});
