/**
 * Faithfulness: the simulator's responses have the shape of the example payloads in
 * ../shared/reference/cronofy-api.md (every key of the example present, with the same JSON type), the client's
 * schemas accept those examples verbatim, and the client's requests have the documented shape (paths, auth header,
 * body fields, bracket-encoded arrays).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ChannelResponseSchema,
  EventsPageSchema,
  FreeBusyPageSchema,
  ListCalendarsResponseSchema,
  ProfilesResponseSchema,
  PushNotificationSchema,
  ResourcesResponseSchema,
  ServiceAccountCallbackSchema,
  TokenResponseSchema,
  UserInfoSchema,
  ValidationErrorBodySchema,
} from '../../src/cronofy/schemas.js';
import { createCronofyClient } from '../../src/cronofy/index.js';
import { CLIENT_ID, CLIENT_SECRET, connect, hoursFromNow, makeClient, makeSim, SIM_URL } from '../cronofy/support.js';

// ---- Example payloads, copied from the reference (§ numbers in comments) ----

const TOKEN_EXAMPLE = {
  // §1.2
  token_type: 'bearer',
  access_token: 'P531x88i05Ld2yXHIQ7WjiEyqlmOHsgI',
  expires_in: 3600,
  refresh_token: '3gBYG1XamYDUEXUyybbummQWEe5YqPmf',
  scope: 'create_event delete_event',
  account_id: 'acc_5ba21743f408617d1269ea1e',
  sub: 'acc_5ba21743f408617d1269ea1e',
  linking_profile: { provider_name: 'google', profile_id: 'pro_n23kjnwrw2', profile_name: 'example@cronofy.com' },
};
const REFRESH_EXAMPLE = { token_type: 'bearer', access_token: 'a', expires_in: 3600, refresh_token: 'r', scope: 'create_event delete_event' }; // §1.3
const USERINFO_EXAMPLE = {
  // §2.1 (profile_relink_url only on disconnected profiles; conferencing_profiles not simulated)
  sub: 'acc_5700a00eb0ccd07000000000',
  email: 'janed@company.com',
  name: 'Jane Doe',
  zoneinfo: 'Europe/London',
  'cronofy.type': 'account',
  'cronofy.data': {
    authorization: { scope: 'read_write', status: 'active' },
    profiles: [
      {
        provider_name: 'google',
        provider_service: 'gsuite',
        profile_id: 'pro_n23kjnwrw2',
        profile_name: 'example1@cronofy.com',
        profile_connected: true,
        profile_initial_sync_required: true,
        profile_calendars: [
          {
            calendar_id: 'cal_n23kjnwrw2_jsdfjksn234',
            calendar_name: 'Home',
            calendar_readonly: false,
            calendar_deleted: false,
            calendar_primary: true,
            calendar_integrated_conferencing_available: true,
            calendar_attachments_available: false,
            permission_level: 'sandbox',
          },
        ],
      },
    ],
  },
};
const PROFILES_EXAMPLE = {
  // §2.2
  profiles: [{ provider_name: 'google', provider_service: 'gsuite', profile_id: 'pro_x', profile_name: 'a@b.c', profile_connected: true, profile_initial_sync_required: false }],
};
const CALENDARS_EXAMPLE = {
  // §2.3
  sub: 'acc_x',
  calendars: [
    {
      provider_name: 'google',
      profile_id: 'pro_x',
      profile_name: 'a@b.c',
      calendar_id: 'cal_x',
      calendar_name: 'Home',
      calendar_readonly: false,
      calendar_deleted: false,
      calendar_primary: true,
      calendar_integrated_conferencing_available: true,
      calendar_attachments_available: false,
      permission_level: 'sandbox',
    },
  ],
};
const FREE_BUSY_EXAMPLE = {
  // §3.1
  pages: { current: 1, total: 2, next_page: 'https://api.cronofy.com/v1/free_busy/pages/caa2' },
  free_busy: [
    { calendar_id: 'cal_x', start: '2025-01-19T08:00:00Z', end: '2025-01-19T08:30:00Z', free_busy_status: 'busy' },
    { calendar_id: 'cal_x', start: '2025-01-21', end: '2025-01-22', free_busy_status: 'free' },
  ],
};
const EVENTS_EXAMPLE = {
  // §3.2 (the fields the simulator produces; series/meeting/conferencing fields are provider-specific)
  pages: { current: 1, total: 2, next_page: 'https://api.cronofy.com/v1/events/pages/08a07b034306679e' },
  events: [
    {
      calendar_id: 'cal_x',
      event_uid: 'evt_external_54008b1a4a41730f8d5c6037',
      summary: 'Company Retreat',
      description: '',
      start: '2014-09-06',
      end: '2014-09-08',
      deleted: false,
      created: '2024-10-30T08:00:01Z',
      updated: '2024-10-30T09:24:16Z',
      participation_status: 'needs_action',
      attendees: [{ email: 'example@cronofy.com', display_name: 'Example Person', status: 'needs_action' }],
      organizer: { email: 'example@cronofy.com', display_name: 'Example Person' },
      transparency: 'opaque',
      status: 'confirmed',
      categories: [],
      recurring: false,
      event_private: false,
      options: { delete: true, update: true, change_participation_status: true },
    },
  ],
};
const CHANNEL_EXAMPLE = { channel: { channel_id: 'chn_54cf7c7cb4ad4c1027000001', callback_url: 'https://app/cb', filters: {} } }; // §7.1
const CALLBACK_EXAMPLE = {
  // §7.2
  notification: { type: 'change', changes_since: '2025-01-17T09:24:16Z' },
  channel: { channel_id: 'chn_x', callback_url: 'https://app/cb', filters: { calendar_ids: ['cal_x'], only_managed: false } },
};
const VALIDATION_EXAMPLE = { errors: { summary: [{ key: 'errors.required', description: 'required' }] } }; // §10
const EC_TOKEN_EXAMPLE = { token_type: 'bearer', access_token: 'a', expires_in: 1800, refresh_token: 'r', scope: 'service_account/accounts/manage', service_account_id: 'ser_529716002600402' }; // §8.2
const RESOURCES_EXAMPLE = { resources: [{ email: 'board-room-london@example.com', name: 'Board room (London)' }] }; // §8.4
const SA_CALLBACK_EXAMPLE = { authorization: { code: 'abc', state: 'xyz' } }; // §8.3

/** Every key of `example` exists in `actual` with the same JSON type (recursively; arrays by their first item). */
function assertShape(actual: unknown, example: unknown, path = '$'): void {
  const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  assert.equal(kind(actual), kind(example), `${path}: expected ${kind(example)}, got ${kind(actual)}`);
  if (Array.isArray(example) && Array.isArray(actual)) {
    if (example.length > 0) {
      assert.ok(actual.length > 0, `${path}: empty array, cannot compare items`);
      assertShape(actual[0], example[0], `${path}[0]`);
    }
  } else if (kind(example) === 'object') {
    for (const [k, v] of Object.entries(example as Record<string, unknown>)) {
      assert.ok(Object.hasOwn(actual as object, k), `${path}.${k} missing`);
      assertShape((actual as Record<string, unknown>)[k], v, `${path}.${k}`);
    }
  }
}

test('the client’s schemas accept the reference examples verbatim', () => {
  TokenResponseSchema.parse(TOKEN_EXAMPLE);
  TokenResponseSchema.parse(REFRESH_EXAMPLE);
  TokenResponseSchema.parse(EC_TOKEN_EXAMPLE);
  UserInfoSchema.parse(USERINFO_EXAMPLE);
  ProfilesResponseSchema.parse(PROFILES_EXAMPLE);
  ListCalendarsResponseSchema.parse(CALENDARS_EXAMPLE);
  FreeBusyPageSchema.parse(FREE_BUSY_EXAMPLE);
  EventsPageSchema.parse(EVENTS_EXAMPLE);
  ChannelResponseSchema.parse(CHANNEL_EXAMPLE);
  PushNotificationSchema.parse(CALLBACK_EXAMPLE);
  PushNotificationSchema.parse({ notification: { type: 'verification' }, channel: CALLBACK_EXAMPLE.channel });
  ValidationErrorBodySchema.parse(VALIDATION_EXAMPLE);
  ResourcesResponseSchema.parse(RESOURCES_EXAMPLE);
  ServiceAccountCallbackSchema.parse(SA_CALLBACK_EXAMPLE);
  // Service-account userinfo (§2.1 variant).
  UserInfoSchema.parse({
    sub: 'ser_x',
    'cronofy.type': 'service_account',
    'cronofy.data': {
      service_account: { provider_name: 'exchange', domain: 'example.org' },
      authorization: { scope: 'service_account/accounts/manage service_account/resources/manage', status: 'active', delegated_scope: 'read_write' },
    },
    email: 'admin@example.org',
  });
});

async function raw(sim: ReturnType<typeof makeSim>['sim'], path: string, token: string, init: RequestInit = {}) {
  const res = await sim.app.request(`${SIM_URL}${path}`, { ...init, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...init.headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

test('simulator responses have the reference shapes', async () => {
  const { sim, callbacks } = makeSim({ pageSize: 1 });
  const { client } = makeClient(sim);
  const account = sim.control.createAccount({ email: 'jane@company.example', name: 'Jane Doe', zoneinfo: 'Europe/London' });
  const { code } = sim.control.issueAuthorizationCode(account.sub, { redirect_uri: 'https://x.test/cb' });
  const tokenRes = await sim.app.request(`${SIM_URL}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, grant_type: 'authorization_code', code, redirect_uri: 'https://x.test/cb' }),
  });
  assert.equal(tokenRes.headers.get('cache-control'), 'no-store');
  const token = (await tokenRes.json()) as { access_token: string; refresh_token: string };
  assertShape(token, TOKEN_EXAMPLE);
  const refreshed = await client.refreshToken(token.refresh_token);
  assertShape(refreshed, REFRESH_EXAMPLE);
  const at = refreshed.access_token;
  assertShape((await raw(sim, '/v1/userinfo', at)).body, USERINFO_EXAMPLE);
  assertShape((await raw(sim, '/v1/profiles', at)).body, PROFILES_EXAMPLE);
  assertShape((await raw(sim, '/v1/calendars', at)).body, CALENDARS_EXAMPLE);
  sim.control.addEvent(account.sub, { start: hoursFromNow(3), end: hoursFromNow(4) });
  sim.control.addEvent(account.sub, { start: new Date().toISOString().slice(0, 10), end: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10) });
  const fb = await raw(sim, '/v1/free_busy?tzid=Europe/London', at);
  assertShape(fb.body, FREE_BUSY_EXAMPLE);
  const ev = await raw(sim, '/v1/events?tzid=Europe/London', at);
  assertShape(ev.body, { ...EVENTS_EXAMPLE, events: [{ ...EVENTS_EXAMPLE.events[0], attendees: [] }] });
  const channel = await raw(sim, '/v1/channels', at, { method: 'POST', body: JSON.stringify({ callback_url: 'https://app/cb' }) });
  assertShape(channel.body, CHANNEL_EXAMPLE);
  await sim.control.idle();
  sim.control.addEvent(account.sub, { start: hoursFromNow(5), end: hoursFromNow(6) });
  await sim.control.idle();
  assertShape(JSON.parse(callbacks[1]?.body ?? '{}'), { ...CALLBACK_EXAMPLE, channel: { ...CALLBACK_EXAMPLE.channel, filters: {} } });
  assert.equal(callbacks[1]?.headers['content-type'], 'application/json; charset=utf-8');
  const invalid = await raw(sim, `/v1/calendars/${account.calendars[0]?.calendar_id}/events`, at, { method: 'POST', body: JSON.stringify({ event_id: 'x' }) });
  assert.equal(invalid.status, 422);
  assertShape(invalid.body, VALIDATION_EXAMPLE);
  assert.deepEqual(Object.keys((invalid.body as { errors: object }).errors).sort(), ['end', 'start', 'summary']);
});

test('status codes and error bodies: 401 empty with WWW-Authenticate, 400 invalid_grant, 404 unknown page/calendar', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim);
  const { tokens } = await connect(sim, client, 'a@example.com');
  const unauth = await sim.app.request(`${SIM_URL}/v1/calendars`, { headers: { Authorization: 'Bearer nope' } });
  assert.equal(unauth.status, 401);
  assert.equal(await unauth.text(), '');
  assert.match(unauth.headers.get('www-authenticate') ?? '', /^Bearer/);
  assert.equal((await sim.app.request(`${SIM_URL}/v1/calendars`)).status, 401, 'no header');
  const bad = await sim.app.request(`${SIM_URL}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, grant_type: 'refresh_token', refresh_token: 'unknown' }),
  });
  assert.deepEqual([bad.status, await bad.json()], [400, { error: 'invalid_grant' }], 'form-encoded OAuth bodies are accepted too');
  assert.equal((await raw(sim, '/v1/free_busy/pages/unknown', tokens.access_token)).status, 404);
  assert.equal((await raw(sim, '/v1/calendars/cal_nope/events', tokens.access_token, { method: 'POST', body: '{}' })).status, 404);
  const noTz = await raw(sim, '/v1/free_busy', tokens.access_token);
  assert.deepEqual([noTz.status, noTz.body], [422, { errors: { tzid: [{ key: 'errors.required', description: 'tzid must be specified' }] } }]);
  const limited = await connect(sim, client, 'ro@example.com', { scope: 'read_free_busy' });
  assert.equal((await raw(sim, `/v1/calendars/${limited.calendarId}/events`, limited.tokens.access_token, { method: 'POST', body: '{}' })).status, 403, 'scope missing');
  const simplified = await connect(sim, client, 'rw@example.com', { scope: 'read_write' });
  assert.equal((await raw(sim, '/v1/events?tzid=Etc/UTC', simplified.tokens.access_token)).status, 200, 'read_write implies read_events');
});

test('the client sends the documented request shapes', async () => {
  const { sim } = makeSim();
  const seen: { method: string; url: URL; auth: string | null; body: Record<string, unknown> | undefined }[] = [];
  const client = createCronofyClient({
    apiUrl: SIM_URL,
    appUrl: `${SIM_URL}/app`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    fetch: async (input, init) => {
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
      seen.push({ method: init?.method ?? 'GET', url: new URL(String(input)), auth: new Headers(init?.headers).get('authorization'), body });
      return sim.app.request(input, init);
    },
  });
  const { account, tokens, calendarId } = await connect(sim, client, 'a@example.com');
  await client.refreshToken(tokens.refresh_token);
  await client.freeBusy(tokens.access_token, { tzid: 'Europe/Berlin', calendar_ids: [calendarId, 'cal_other'], include_managed: true });
  await client.upsertEvent(tokens.access_token, calendarId, {
    event_id: 'e1',
    summary: 'S',
    description: 'D',
    start: '2030-01-01T10:00:00Z',
    end: '2030-01-01T11:00:00Z',
    tzid: 'Europe/Berlin',
    location: { description: 'Room' },
    event_private: true,
    attendees: { invite: [{ email: 'x@y.example', display_name: 'X' }], reject: [{ email: 'z@y.example' }] },
  });
  await client.deleteEvent(tokens.access_token, calendarId, { event_id: 'e1' });
  await client.createChannel(tokens.access_token, { callback_url: 'https://app/cb', filters: { only_managed: true } });
  await client.revokeAuthorization({ sub: account.sub });

  const [exchange, refresh, freeBusy, upsert, del, channel, revoke] = seen;
  assert.deepEqual(Object.keys(exchange?.body ?? {}).sort(), ['client_id', 'client_secret', 'code', 'grant_type', 'redirect_uri']);
  assert.equal(exchange?.body?.['grant_type'], 'authorization_code');
  assert.deepEqual(Object.keys(refresh?.body ?? {}).sort(), ['client_id', 'client_secret', 'grant_type', 'refresh_token']);
  assert.equal(refresh?.auth, null, 'OAuth calls authenticate with the body, not a bearer');
  assert.equal(freeBusy?.url.pathname, '/v1/free_busy');
  assert.deepEqual(freeBusy?.url.searchParams.getAll('calendar_ids[]'), [calendarId, 'cal_other']);
  assert.equal(freeBusy?.url.searchParams.get('include_managed'), 'true');
  assert.equal(freeBusy?.auth, `Bearer ${tokens.access_token}`);
  assert.deepEqual([upsert?.method, upsert?.url.pathname], ['POST', `/v1/calendars/${calendarId}/events`]);
  const documented = ['event_id', 'summary', 'description', 'start', 'end', 'tzid', 'location', 'url', 'reminders', 'transparency', 'event_private', 'attendees', 'conferencing'];
  for (const k of Object.keys(upsert?.body ?? {})) assert.ok(documented.includes(k), `${k} is a documented upsert field`);
  assert.deepEqual([del?.method, del?.url.pathname, del?.body], ['DELETE', `/v1/calendars/${calendarId}/events`, { event_id: 'e1' }]);
  assert.deepEqual(channel?.body, { callback_url: 'https://app/cb', filters: { only_managed: true } });
  assert.deepEqual(revoke?.body, { client_id: CLIENT_ID, client_secret: CLIENT_SECRET, sub: account.sub });
});
