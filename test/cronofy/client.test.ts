import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CronofyAuthError,
  CronofyError,
  CronofyLockedError,
  createCronofyClient,
} from '../../src/cronofy/index.js';
import { CLIENT_SECRET, connect, dayFromNow, hoursFromNow, makeClient, makeSim, REDIRECT_URI, SIM_URL } from './support.js';

test('code exchange returns the token, sub and linking profile; the code is single-use', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim);
  const account = sim.control.createAccount({ email: 'ann@example.com', name: 'Ann', zoneinfo: 'Europe/Berlin', provider: 'office365' });
  const { code } = sim.control.issueAuthorizationCode(account.sub, { redirect_uri: REDIRECT_URI });
  const tokens = await client.exchangeCode({ code, redirect_uri: REDIRECT_URI });
  assert.equal(tokens.token_type, 'bearer');
  assert.equal(tokens.sub, account.sub);
  assert.equal(tokens.account_id, account.sub);
  assert.equal(tokens.expires_in, 3600);
  assert.deepEqual(tokens.linking_profile, {
    provider_name: 'exchange',
    provider_service: 'office365',
    profile_id: account.profile_id,
    profile_name: 'ann@example.com',
  });
  await assert.rejects(client.exchangeCode({ code, redirect_uri: REDIRECT_URI }), (err: unknown) => {
    assert.ok(err instanceof CronofyError);
    assert.equal(err.status, 400);
    assert.equal(err.code, 'invalid_grant');
    assert.equal(err.oauthError, 'invalid_grant');
    return true;
  });
});

test('a code only exchanges with the redirect_uri it was issued for', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim);
  const account = sim.control.createAccount({ email: 'ann@example.com' });
  const { code } = sim.control.issueAuthorizationCode(account.sub, { redirect_uri: REDIRECT_URI });
  await assert.rejects(client.exchangeCode({ code, redirect_uri: `${REDIRECT_URI}/other` }), { code: 'invalid_grant' });
});

test('wrong client credentials answer 401 invalid_client', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim, { clientSecret: 'wrong' });
  await assert.rejects(client.refreshToken('whatever'), (err: unknown) => err instanceof CronofyAuthError && err.code === 'invalid_client');
});

test('refresh rotates the refresh token and the old one stops working', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim);
  const { tokens } = await connect(sim, client, 'ann@example.com');
  const refreshed = await client.refreshToken(tokens.refresh_token);
  assert.notEqual(refreshed.refresh_token, tokens.refresh_token);
  assert.notEqual(refreshed.access_token, tokens.access_token);
  await assert.rejects(client.refreshToken(tokens.refresh_token), { code: 'invalid_grant' });
  assert.equal((await client.userInfo(refreshed.access_token)).email, 'ann@example.com');
});

test('revoking by token or by sub makes the tokens unusable (401 → CronofyAuthError)', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim);
  const a = await connect(sim, client, 'ann@example.com');
  const b = await connect(sim, client, 'bob@example.com');
  await client.revokeAuthorization({ token: a.tokens.refresh_token });
  await assert.rejects(client.listCalendars(a.tokens.access_token), CronofyAuthError);
  await client.revokeAuthorization({ sub: b.account.sub });
  await assert.rejects(client.userInfo(b.tokens.access_token), (err: unknown) => err instanceof CronofyAuthError && err.status === 401);
  await assert.rejects(client.refreshToken(b.tokens.refresh_token), { code: 'invalid_grant' });
  await client.revokeAuthorization({ token: 'unknown-token' }); // RFC 7009: unknown tokens are fine
});

test('userinfo, profiles and calendars describe the connected profile and its primary calendar', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim);
  const { account, tokens, calendarId } = await connect(sim, client, 'ann@example.com', { name: 'Ann Example', zoneinfo: 'Europe/London' });
  const info = await client.userInfo(tokens.access_token);
  assert.equal(info.sub, account.sub);
  assert.equal(info.name, 'Ann Example');
  assert.equal(info.zoneinfo, 'Europe/London');
  assert.equal(info['cronofy.type'], 'account');
  const profile = info['cronofy.data']?.profiles?.[0];
  assert.equal(profile?.profile_connected, true);
  assert.equal(profile?.profile_calendars?.[0]?.calendar_id, calendarId);
  const profiles = await client.listProfiles(tokens.access_token);
  assert.deepEqual(profiles.map((p) => [p.profile_id, p.provider_name, p.provider_service, p.profile_connected]), [
    [account.profile_id, 'google', 'gsuite', true],
  ]);
  const calendars = await client.listCalendars(tokens.access_token);
  assert.equal(calendars.length, 1);
  assert.equal(calendars[0]?.calendar_primary, true);
  assert.equal(calendars[0]?.calendar_readonly, false);
});

test('free/busy follows next_page to the end and returns all-day and tentative periods', async () => {
  const { sim } = makeSim({ pageSize: 4 });
  const { client } = makeClient(sim);
  const { account, tokens } = await connect(sim, client, 'ann@example.com');
  for (let i = 1; i <= 9; i += 1) sim.control.addEvent(account.sub, { start: hoursFromNow(24 * i), end: hoursFromNow(24 * i + 1) });
  sim.control.addEvent(account.sub, { start: hoursFromNow(2), end: hoursFromNow(3), free_busy_status: 'tentative' });
  sim.control.addEvent(account.sub, { start: dayFromNow(20), end: dayFromNow(21), summary: 'Holiday' });
  sim.control.addEvent(account.sub, { start: hoursFromNow(5), end: hoursFromNow(6), free_busy_status: 'free' });
  const result = await client.freeBusy(tokens.access_token, { tzid: 'Etc/UTC', from: dayFromNow(-1), to: dayFromNow(30) });
  assert.equal(result.free_busy.length, 11, 'transparent events are not busy');
  assert.equal(result.clamped, false);
  const pageCalls = sim.control.requests().filter((r) => r.path.startsWith('/v1/free_busy'));
  assert.deepEqual(pageCalls.map((r) => r.path.replace(/pages\/\w+/, 'pages/*')), ['/v1/free_busy', '/v1/free_busy/pages/*', '/v1/free_busy/pages/*']);
  assert.ok(result.free_busy.some((p) => p.free_busy_status === 'tentative'));
  const allDay = result.free_busy.find((p) => p.start === dayFromNow(20));
  assert.deepEqual(allDay && [allDay.end, allDay.free_busy_status], [dayFromNow(21), 'busy']);
  const other = await client.freeBusy(tokens.access_token, { tzid: 'Etc/UTC', calendar_ids: ['cal_other'] });
  assert.equal(other.free_busy.length, 0, 'calendar_ids[] filters');
  const mine = await client.freeBusy(tokens.access_token, { tzid: 'Etc/UTC', calendar_ids: [account.calendars[0]?.calendar_id ?? ''] });
  assert.equal(mine.free_busy.length, 11);
});

test('free/busy clamps a range beyond the documented window instead of getting a 422', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim);
  const { account, tokens } = await connect(sim, client, 'ann@example.com');
  sim.control.addEvent(account.sub, { start: hoursFromNow(48), end: hoursFromNow(49) });
  const result = await client.freeBusy(tokens.access_token, { tzid: 'Europe/Berlin', from: dayFromNow(-400), to: dayFromNow(400) });
  assert.equal(result.clamped, true);
  assert.equal(result.free_busy.length, 1);
  // The same request sent raw is rejected by the (simulated) API, as Cronofy does.
  const raw = await sim.app.request(`${SIM_URL}/v1/free_busy?tzid=Europe/Berlin&from=${dayFromNow(-400)}&to=${dayFromNow(400)}`, {
    headers: { Authorization: `Bearer ${tokens.access_token}` },
  });
  assert.equal(raw.status, 422);
  const body = (await raw.json()) as { errors: Record<string, { key: string }[]> };
  assert.deepEqual(Object.keys(body.errors).sort(), ['from', 'to']);
});

test('a 422 surfaces as CronofyError with the parsed errors body', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim);
  const { tokens, calendarId } = await connect(sim, client, 'ann@example.com');
  await assert.rejects(
    client.upsertEvent(tokens.access_token, calendarId, { event_id: 'e1', summary: '', start: 'tomorrow', end: hoursFromNow(1) }),
    (err: unknown) => {
      assert.ok(err instanceof CronofyError);
      assert.equal(err.status, 422);
      assert.equal(err.code, 'validation_failed');
      assert.deepEqual(err.errors?.['summary'], [{ key: 'errors.required', description: 'summary must be specified' }]);
      assert.equal(err.errors?.['start']?.[0]?.key, 'errors.invalid');
      return true;
    },
  );
});

test('upsert creates then updates by event_id; delete is idempotent; managed events read back with only_managed', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim);
  const { account, tokens, calendarId } = await connect(sim, client, 'ann@example.com');
  const event = {
    event_id: 'dv-appt-1',
    summary: 'Interview: Jane Applicant',
    description: 'Round 1',
    start: { time: '2030-05-02T09:00:00', tzid: 'Europe/Berlin' },
    end: { time: '2030-05-02T10:00:00', tzid: 'Europe/Berlin' },
    tzid: 'Europe/Berlin',
    location: { description: 'Room 1.01' },
    event_private: true,
  };
  await client.upsertEvent(tokens.access_token, calendarId, event);
  await client.upsertEvent(tokens.access_token, calendarId, event); // replay: same state
  await client.upsertEvent(tokens.access_token, calendarId, { ...event, summary: 'Interview (moved)', start: '2030-05-02T11:00:00Z', end: '2030-05-02T12:00:00Z' });
  const stored = sim.control.listEvents(account.sub);
  assert.equal(stored.length, 1);
  assert.deepEqual([stored[0]?.summary, stored[0]?.start, stored[0]?.end, stored[0]?.event_private], ['Interview (moved)', '2030-05-02T11:00:00Z', '2030-05-02T12:00:00Z', true]);
  const read = await client.readEvents(tokens.access_token, { tzid: 'Europe/Berlin', only_managed: true });
  assert.deepEqual(read.events.map((e) => [e.event_id, e.summary, e.location?.description]), [['dv-appt-1', 'Interview (moved)', 'Room 1.01']]);
  const external = await client.readEvents(tokens.access_token, { tzid: 'Europe/Berlin' });
  assert.equal(external.events.length, 0, 'managed events are excluded by default');
  await client.deleteEvent(tokens.access_token, calendarId, { event_id: 'dv-appt-1' });
  await client.deleteEvent(tokens.access_token, calendarId, { event_id: 'dv-appt-1' });
  assert.equal(sim.control.listEvents(account.sub).length, 0);
});

test('the start/end of a localized time is converted with its tzid', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim);
  const { account, tokens, calendarId } = await connect(sim, client, 'ann@example.com');
  await client.upsertEvent(tokens.access_token, calendarId, {
    event_id: 'x',
    summary: 'DST day',
    start: { time: '2030-03-31T09:00:00', tzid: 'Europe/Berlin' }, // CEST (+02:00)
    end: { time: '2030-03-31T10:00:00', tzid: 'Europe/Berlin' },
  });
  assert.deepEqual([sim.control.listEvents(account.sub)[0]?.start], ['2030-03-31T07:00:00Z']);
});

test('events read pages and honours last_modified (what a change notification asks for)', async () => {
  let t = Date.parse('2030-01-01T08:00:00Z');
  const { sim } = makeSim({ pageSize: 3, now: () => t });
  const { client } = makeClient(sim, { clock: { now: () => t, sleep: async () => undefined } });
  const { account, tokens } = await connect(sim, client, 'ann@example.com');
  for (let i = 0; i < 7; i += 1) sim.control.addEvent(account.sub, { start: `2030-01-0${i + 2}T10:00:00Z`, end: `2030-01-0${i + 2}T11:00:00Z` });
  const all = await client.readEvents(tokens.access_token, { tzid: 'Etc/UTC', from: '2030-01-01', to: '2030-02-01' });
  assert.equal(all.events.length, 7);
  assert.equal(sim.control.requests().filter((r) => r.path.startsWith('/v1/events')).length, 3);
  t += 60_000;
  const changedAt = new Date(t).toISOString().replace('.000Z', 'Z');
  const changed = sim.control.addEvent(account.sub, { start: '2030-01-20T10:00:00Z', end: '2030-01-20T11:00:00Z', summary: 'New' });
  sim.control.removeEvent(account.sub, all.events[0]?.event_uid ?? '');
  const delta = await client.readEvents(tokens.access_token, { tzid: 'Etc/UTC', last_modified: changedAt, include_deleted: true });
  assert.deepEqual(delta.events.map((e) => [e.event_uid, e.deleted]).sort(), [[all.events[0]?.event_uid, true], [changed.event_uid, false]].sort());
});

test('writes to a disconnected profile answer 423 (CronofyLockedError)', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim);
  const { account, tokens, calendarId } = await connect(sim, client, 'ann@example.com');
  sim.control.disconnect(account.sub);
  await assert.rejects(
    client.upsertEvent(tokens.access_token, calendarId, { event_id: 'e', summary: 's', start: hoursFromNow(1), end: hoursFromNow(2) }),
    CronofyLockedError,
  );
  const profiles = await client.listProfiles(tokens.access_token);
  assert.equal(profiles[0]?.profile_connected, false);
  assert.match(profiles[0]?.profile_relink_url ?? '', /^http:\/\/sim\.test\/app\/relink\/google\?email=ann%40example\.com$/);
});

test('channels: create (idempotent), list, delete', async () => {
  const { sim, callbacks } = makeSim();
  const { client } = makeClient(sim);
  const { tokens } = await connect(sim, client, 'ann@example.com');
  const input = { callback_url: 'https://ats.example.test/cronofy/push/u1', filters: { only_managed: false } };
  const channel = await client.createChannel(tokens.access_token, input);
  assert.match(channel.channel_id, /^chn_/);
  assert.deepEqual(await client.createChannel(tokens.access_token, input), channel, 'identical request → existing channel');
  assert.deepEqual(await client.listChannels(tokens.access_token), [channel]);
  await sim.control.idle();
  assert.equal(callbacks.length, 1, 'one verification notification');
  await client.deleteChannel(tokens.access_token, channel.channel_id);
  assert.deepEqual(await client.listChannels(tokens.access_token), []);
  await assert.rejects(client.deleteChannel(tokens.access_token, channel.channel_id), { status: 404 });
});

test('the client refuses to follow a next_page outside its API host', async () => {
  const evil = createCronofyClient({
    apiUrl: 'https://api.example.test',
    appUrl: 'https://app.example.test',
    clientId: 'c',
    clientSecret: 's',
    rateLimit: false,
    fetch: async () =>
      Response.json({ pages: { current: 1, total: 2, next_page: 'https://attacker.test/v1/free_busy/pages/x' }, free_busy: [] }),
  });
  await assert.rejects(evil.freeBusy('token', { tzid: 'Etc/UTC' }), { code: 'invalid_response' });
});

test('an unexpected response body is an invalid_response error, not a crash later', async () => {
  const odd = createCronofyClient({
    apiUrl: 'https://api.example.test',
    appUrl: 'https://app.example.test',
    clientId: 'c',
    clientSecret: 's',
    rateLimit: false,
    fetch: async () => Response.json({ calendars: 'nope' }),
  });
  await assert.rejects(odd.listCalendars('t'), { code: 'invalid_response', status: 200 });
});

test('logs carry method, path, status and duration only — no tokens, secrets, codes or query strings', async () => {
  const { sim } = makeSim();
  const { client, logs } = makeClient(sim);
  const { tokens } = await connect(sim, client, 'ann@example.com');
  await client.freeBusy(tokens.access_token, { tzid: 'Europe/Berlin', calendar_ids: ['cal_x'] });
  await client.refreshToken(tokens.refresh_token);
  assert.ok(logs.length >= 3);
  for (const entry of logs) {
    assert.deepEqual(Object.keys(entry).sort(), ['attempt', 'durationMs', 'method', 'path', 'status']);
    assert.ok(!entry.path.includes('?'));
  }
  const text = JSON.stringify(logs);
  for (const secret of [tokens.access_token, tokens.refresh_token, CLIENT_SECRET]) assert.ok(!text.includes(secret));
});
