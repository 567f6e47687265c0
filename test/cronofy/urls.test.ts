import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clampReadWindow, createCronofyClient, cronofyUrls, CRONOFY_DATA_CENTERS, DEFAULT_SCOPES } from '../../src/cronofy/index.js';

test('cronofyUrls maps every data centre to its API and app host (us has no suffix)', () => {
  assert.deepEqual(cronofyUrls('us'), { apiUrl: 'https://api.cronofy.com', appUrl: 'https://app.cronofy.com' });
  assert.deepEqual(cronofyUrls('de'), { apiUrl: 'https://api-de.cronofy.com', appUrl: 'https://app-de.cronofy.com' });
  for (const dc of CRONOFY_DATA_CENTERS.filter((d) => d !== 'us')) {
    assert.deepEqual(cronofyUrls(dc), { apiUrl: `https://api-${dc}.cronofy.com`, appUrl: `https://app-${dc}.cronofy.com` });
  }
  assert.throws(() => cronofyUrls('eu' as 'de'), RangeError);
});

const client = createCronofyClient({ ...cronofyUrls('de'), clientId: 'cid', clientSecret: 'never-in-urls' });

test('authorizationUrl targets the app host with the documented parameters', () => {
  const url = new URL(client.authorizationUrl({ redirect_uri: 'https://ats.example/cb?x=1', state: 'st-123', provider_name: 'exchange' }));
  assert.equal(url.origin + url.pathname, 'https://app-de.cronofy.com/oauth/authorize');
  assert.equal(url.searchParams.get('response_type'), 'code');
  assert.equal(url.searchParams.get('client_id'), 'cid');
  assert.equal(url.searchParams.get('redirect_uri'), 'https://ats.example/cb?x=1');
  assert.equal(url.searchParams.get('scope'), DEFAULT_SCOPES.join(' '));
  assert.equal(url.searchParams.get('state'), 'st-123');
  assert.equal(url.searchParams.get('avoid_linking'), 'true');
  assert.equal(url.searchParams.get('provider_name'), 'exchange');
  assert.match(url.search, /scope=read_account%20list_calendars%20read_events%20create_event%20delete_event/, 'spaces as %20');
  assert.ok(!url.toString().includes('never-in-urls'), 'the client secret never appears in a browser URL');
});

test('enterpriseConnectAuthorizationUrl carries scope and delegated_scope', () => {
  const url = new URL(client.enterpriseConnectAuthorizationUrl({ redirect_uri: 'https://ats.example/ec', state: 's' }));
  assert.equal(url.origin + url.pathname, 'https://app-de.cronofy.com/enterprise_connect/oauth/authorize');
  assert.equal(url.searchParams.get('scope'), 'service_account/accounts/manage service_account/resources/manage');
  assert.equal(url.searchParams.get('delegated_scope'), 'read_account list_calendars read_events create_event delete_event read_free_busy');
  assert.equal(url.searchParams.get('response_type'), 'code');
  assert.equal(url.searchParams.get('state'), 's');
});

test('clampReadWindow keeps requests inside 42 days back / 201 days ahead (one day margin), in the tzid', () => {
  const now = Date.parse('2026-03-10T23:30:00Z'); // already 11 March in Berlin
  const inside = clampReadWindow({ from: '2026-03-01', to: '2026-04-01' }, 'Europe/Berlin', now);
  assert.deepEqual(inside, { from: '2026-03-01', to: '2026-04-01', clamped: false, empty: false });
  const wide = clampReadWindow({ from: '2025-01-01', to: '2027-12-31' }, 'Europe/Berlin', now);
  assert.equal(wide.from, '2026-01-29', '11 March − 41 days');
  assert.equal(wide.to, '2026-09-27', '11 March + 200 days');
  assert.equal(wide.clamped, true);
  const utc = clampReadWindow({}, 'Etc/UTC', now);
  assert.deepEqual([utc.from, utc.to, utc.clamped], ['2026-01-28', '2026-09-26', false], 'defaults are the window itself');
  assert.equal(clampReadWindow({ from: '2027-01-01', to: '2027-02-01' }, 'Etc/UTC', now).empty, true, 'entirely outside');
  assert.throws(() => clampReadWindow({ from: '2026-3-1' }, 'Etc/UTC', now), RangeError);
});
