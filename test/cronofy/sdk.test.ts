/**
 * Faithfulness check with a second, independent client: the official `cronofy` npm SDK (3.8.4, pinned in
 * devDependencies) against the simulator served over real HTTP, for the endpoints the SDK and our client share.
 *
 * Pointing the SDK at the simulator: the constructor derives `this.urls.api` from `data_center`
 * (`https://api[-dc].cronofy.com`) and every request is built as `this.urls.api + path` (node_modules/cronofy/src/
 * index.js, `_httpGet/_httpPost/_httpDelete`). `urls` is a plain public property of the instance, so setting
 * `sdk.urls.api = 'http://127.0.0.1:PORT/sim'` after construction routes every call to the simulator — no proxy or
 * custom axios adapter needed. `next_page` URLs are used as given (absolute), which the simulator builds from its
 * public URL. The SDK has no TypeScript types, so it is loaded with `createRequire` behind a small local interface.
 */
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { Hono } from 'hono';
import { createCronofySim } from '../../src/cronofy-sim/index.js';
import { CLIENT_ID, CLIENT_SECRET, dayFromNow, hoursFromNow, listen } from './support.js';

type Json = Record<string, unknown>;
type SdkError = Error & { statusCode?: number; error?: { url: string; entity: unknown } };
type CronofySdk = {
  urls: { api: string };
  config: Json;
  requestAccessToken(o: Json): Promise<Json>;
  refreshAccessToken(o?: Json): Promise<Json>;
  revokeAuthorization(o?: Json): Promise<unknown>;
  userInfo(o?: Json): Promise<Json>;
  profileInformation(o?: Json): Promise<{ profiles: Json[] }>;
  listCalendars(o?: Json): Promise<{ calendars: Json[] }>;
  freeBusy(o: Json): Promise<{ pages: { current: number; total: number; next_page?: string }; free_busy: Json[] }>;
  readEvents(o: Json): Promise<{ pages: { next_page?: string }; events: Json[] }>;
  createEvent(o: Json): Promise<unknown>;
  deleteEvent(o: Json): Promise<unknown>;
  createNotificationChannel(o: Json): Promise<{ channel: Json }>;
  listNotificationChannels(o?: Json): Promise<{ channels: Json[] }>;
  deleteNotificationChannel(o: Json): Promise<unknown>;
  authorizeWithServiceAccount(o: Json): Promise<unknown>;
  hmacValid(o: Json): boolean;
};
type CronofySdkCtor = new (config: Json) => CronofySdk;

const require = createRequire(import.meta.url);
const Cronofy = require('cronofy') as CronofySdkCtor;

async function setup(t: { after(fn: () => Promise<void>): void }) {
  const callbacks: { body: string; hmac: string; path: string }[] = [];
  const sim = createCronofySim({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, pageSize: 2 });
  const app = new Hono();
  app.route('/sim', sim.app);
  app.post('/hooks/*', async (c) => {
    callbacks.push({ body: await c.req.text(), hmac: c.req.header('Cronofy-HMAC-SHA256') ?? '', path: c.req.path });
    return c.body(null, 200);
  });
  const server = await listen(app);
  t.after(() => server.close());
  const sdk = new Cronofy({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, data_center: 'de' });
  assert.equal(sdk.urls.api, 'https://api-de.cronofy.com', 'what the SDK would call in production');
  sdk.urls.api = `${server.url}/sim`;
  return { sim, sdk, server, callbacks };
}

test('official SDK: token exchange, refresh, userinfo, profiles, calendars', async (t) => {
  const { sim, sdk } = await setup(t);
  const account = sim.control.createAccount({ email: 'sdk@example.com', name: 'Sdk User', zoneinfo: 'Europe/Berlin' });
  const { code } = sim.control.issueAuthorizationCode(account.sub, { redirect_uri: 'https://ats.test/cb' });
  const token = await sdk.requestAccessToken({ code, redirect_uri: 'https://ats.test/cb' });
  assert.equal(token['token_type'], 'bearer');
  assert.equal(token['sub'], account.sub);
  assert.equal(sdk.config['access_token'], token['access_token'], 'the SDK keeps the token it parsed');
  const refreshed = await sdk.refreshAccessToken();
  assert.notEqual(refreshed['refresh_token'], token['refresh_token']);
  assert.equal(sdk.config['refresh_token'], refreshed['refresh_token']);
  const info = await sdk.userInfo();
  assert.equal(info['sub'], account.sub);
  assert.equal(info['email'], 'sdk@example.com');
  const { profiles } = await sdk.profileInformation();
  assert.equal(profiles[0]?.['profile_id'], account.profile_id);
  const { calendars } = await sdk.listCalendars();
  assert.equal(calendars[0]?.['calendar_id'], account.calendars[0]?.calendar_id);
  // An unknown code is a 400 invalid_grant the SDK surfaces as statusCode + entity.
  await assert.rejects(sdk.requestAccessToken({ code: 'nope', redirect_uri: 'https://ats.test/cb' }), (err: SdkError) => {
    assert.equal(err.statusCode, 400);
    assert.deepEqual(err.error?.entity, { error: 'invalid_grant' });
    return true;
  });
  await sdk.revokeAuthorization();
  await assert.rejects(sdk.userInfo({ access_token: refreshed['access_token'] }), (err: SdkError) => err.statusCode === 401);
});

test('official SDK: free/busy with next_page paging, events create/read/delete, 422 body', async (t) => {
  const { sim, sdk } = await setup(t);
  const account = sim.control.createAccount({ email: 'sdk@example.com', zoneinfo: 'Europe/Berlin' });
  const { code } = sim.control.issueAuthorizationCode(account.sub, { redirect_uri: 'https://ats.test/cb' });
  await sdk.requestAccessToken({ code, redirect_uri: 'https://ats.test/cb' });
  for (let i = 1; i <= 5; i += 1) sim.control.addEvent(account.sub, { start: hoursFromNow(24 * i), end: hoursFromNow(24 * i + 1) });
  const periods: Json[] = [];
  let page = await sdk.freeBusy({ from: dayFromNow(0), to: dayFromNow(10), tzid: 'Europe/Berlin' });
  periods.push(...page.free_busy);
  while (page.pages.next_page) {
    page = await sdk.freeBusy({ next_page: page.pages.next_page });
    periods.push(...page.free_busy);
  }
  assert.equal(periods.length, 5);
  assert.deepEqual(Object.keys(periods[0] ?? {}).sort(), ['calendar_id', 'end', 'free_busy_status', 'start']);

  const calendarId = account.calendars[0]?.calendar_id;
  await sdk.createEvent({
    calendar_id: calendarId,
    event_id: 'sdk-evt-1',
    summary: 'SDK interview',
    description: 'via cronofy-node',
    start: '2030-02-01T09:00:00Z',
    end: '2030-02-01T10:00:00Z',
    tzid: 'Europe/Berlin',
    location: { description: 'Room 2' },
  });
  const read = await sdk.readEvents({ tzid: 'Europe/Berlin', only_managed: true });
  assert.deepEqual(read.events.map((e) => [e['event_id'], e['summary']]), [['sdk-evt-1', 'SDK interview']]);
  await sdk.deleteEvent({ calendar_id: calendarId, event_id: 'sdk-evt-1' });
  assert.deepEqual(sim.control.listEvents(account.sub).filter((e) => e.event_id), []);

  await assert.rejects(
    sdk.createEvent({ calendar_id: calendarId, event_id: 'bad', start: '2030-02-01T09:00:00Z', end: '2030-02-01T10:00:00Z' }),
    (err: SdkError) => {
      assert.equal(err.statusCode, 422);
      assert.deepEqual(err.error?.entity, { errors: { summary: [{ key: 'errors.required', description: 'summary must be specified' }] } });
      return true;
    },
  );
});

test('official SDK: channels, and its own hmacValid accepts the simulator’s signed callbacks', async (t) => {
  const { sim, sdk, server, callbacks } = await setup(t);
  const account = sim.control.createAccount({ email: 'sdk@example.com' });
  const { code } = sim.control.issueAuthorizationCode(account.sub, { redirect_uri: 'https://ats.test/cb' });
  await sdk.requestAccessToken({ code, redirect_uri: 'https://ats.test/cb' });
  const { channel } = await sdk.createNotificationChannel({ callback_url: `${server.url}/hooks/push`, filters: { only_managed: true } });
  assert.match(String(channel['channel_id']), /^chn_/);
  assert.deepEqual(channel['filters'], { only_managed: true });
  const { channels } = await sdk.listNotificationChannels();
  assert.equal(channels.length, 1);
  await sim.control.idle();
  sim.control.addEvent(account.sub, { start: hoursFromNow(2), end: hoursFromNow(3) }); // external: filtered out
  await sdk.createEvent({ calendar_id: account.calendars[0]?.calendar_id, event_id: 'e', summary: 's', description: '', start: hoursFromNow(5), end: hoursFromNow(6) });
  await sim.control.idle();
  assert.deepEqual(callbacks.map((c) => JSON.parse(c.body).notification.type), ['verification', 'change']);
  for (const c of callbacks) assert.equal(sdk.hmacValid({ hmac: c.hmac, body: c.body }), true);
  assert.equal(sdk.hmacValid({ hmac: callbacks[0]?.hmac, body: `${callbacks[0]?.body} ` }), false);
  await sdk.deleteNotificationChannel({ channel_id: channel['channel_id'] });
  assert.equal((await sdk.listNotificationChannels()).channels.length, 0);
});
