import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CronofyAuthError,
  CronofyConnectionFailedError,
  CronofyNotConnectedError,
  CronofyUnavailableError,
  createTokenManager,
  type CronofyClient,
  type Tokens,
  type TokenStore,
} from '../../src/cronofy/index.js';
import { connect, fakeClock, makeClient, makeSim } from './support.js';

type MemoryStore = TokenStore & { saved: Tokens[]; failed: { key: string; reason: string }[]; map: Map<string, Tokens> };

function memoryStore(): MemoryStore {
  const map = new Map<string, Tokens>();
  const saved: Tokens[] = [];
  const failed: { key: string; reason: string }[] = [];
  return {
    map,
    saved,
    failed,
    load: async (key) => map.get(key) ?? null,
    save: async (key, tokens) => {
      // A real store is async; yield so interleavings are exercised.
      await new Promise((r) => setImmediate(r));
      saved.push(tokens);
      map.set(key, tokens);
    },
    markFailed: async (key, reason) => {
      failed.push({ key, reason });
      map.delete(key);
    },
  };
}

async function setup(options: { expiresInMs?: number } = {}) {
  const { sim } = makeSim();
  const clock = fakeClock();
  const { client } = makeClient(sim, { clock });
  const conn = await connect(sim, client, 'ann@example.com');
  const store = memoryStore();
  store.map.set('user-1', {
    accessToken: conn.tokens.access_token,
    refreshToken: conn.tokens.refresh_token,
    expiresAt: clock.now() + (options.expiresInMs ?? conn.tokens.expires_in * 1000),
  });
  const manager = createTokenManager({ client, store, refreshSkewMs: 60_000, now: clock.now });
  const refreshes = () => sim.control.requests().filter((r) => r.path === '/oauth/token').length - 1; // minus the exchange
  return { sim, client, clock, store, manager, refreshes, ...conn };
}

test('a valid token is used as stored, without refreshing', async () => {
  const { manager, client, refreshes, tokens } = await setup();
  let seen = '';
  const calendars = await manager.withAccessToken('user-1', (t) => ((seen = t), client.listCalendars(t)));
  assert.equal(calendars.length, 1);
  assert.equal(seen, tokens.access_token);
  assert.equal(refreshes(), 0);
});

test('N concurrent callers with an expiring token trigger exactly one refresh and all get the new token', async () => {
  const { manager, client, store, refreshes } = await setup({ expiresInMs: 30_000 }); // inside the 60 s skew
  const seen = new Set<string>();
  const results = await Promise.all(
    Array.from({ length: 12 }, () => manager.withAccessToken('user-1', (t) => (seen.add(t), client.listCalendars(t)))),
  );
  assert.equal(results.length, 12);
  assert.equal(refreshes(), 1);
  assert.equal(seen.size, 1);
  assert.equal(store.saved.length, 1);
  assert.equal([...seen][0], store.saved[0]?.accessToken);
});

test('the rotated refresh token is saved (and the old one no longer works at Cronofy)', async () => {
  const { manager, client, store, tokens } = await setup({ expiresInMs: 0 });
  await manager.withAccessToken('user-1', (t) => client.userInfo(t));
  const saved = store.map.get('user-1');
  assert.ok(saved);
  assert.notEqual(saved.refreshToken, tokens.refresh_token);
  assert.ok(saved.expiresAt > Date.now() + 3_000_000);
  assert.equal(saved.scope, 'read_account list_calendars read_events create_event delete_event');
  await assert.rejects(client.refreshToken(tokens.refresh_token), { code: 'invalid_grant' });
  const again = await client.refreshToken(saved.refreshToken);
  assert.ok(again.access_token);
});

test('a 401 (token expired early at Cronofy) refreshes once and retries fn once', async () => {
  const { manager, client, sim, account, refreshes } = await setup();
  sim.control.expireAccessTokens(account.sub);
  let calls = 0;
  const info = await manager.withAccessToken('user-1', (t) => (calls++, client.userInfo(t)));
  assert.equal(info.sub, account.sub);
  assert.equal(calls, 2);
  assert.equal(refreshes(), 1);
});

test('concurrent 401s share one refresh, including a caller whose 401 arrives after the refresh finished', async () => {
  const { manager, client, sim, account, refreshes } = await setup();
  sim.control.expireAccessTokens(account.sub);
  await Promise.all(Array.from({ length: 8 }, () => manager.withAccessToken('user-1', (t) => client.listCalendars(t))));
  assert.equal(refreshes(), 1);
  // A late caller holding the old token: gets 401, sees the stored token changed, and does not refresh again.
  let first = true;
  await manager.withAccessToken('user-1', async (t) => {
    if (first) {
      first = false;
      throw new CronofyAuthError('stale', { status: 401, code: 'unauthorized' });
    }
    return client.listCalendars(t);
  });
  assert.equal(refreshes(), 2, 'the stored token was the one that failed, so one more refresh');
});

test('a second 401 after the refresh is surfaced (no refresh loop)', async () => {
  const { manager, refreshes } = await setup();
  let calls = 0;
  await assert.rejects(
    manager.withAccessToken('user-1', async () => {
      calls += 1;
      throw new CronofyAuthError('nope', { status: 401, code: 'unauthorized' });
    }),
    CronofyAuthError,
  );
  assert.equal(calls, 2);
  assert.equal(refreshes(), 1);
});

test('a refresh rejected for good (invalid_grant) marks the connection failed once, for every waiting caller', async () => {
  const { manager, client, sim, account, store } = await setup({ expiresInMs: 0 });
  sim.control.revokeRefreshTokens(account.sub);
  const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => manager.withAccessToken('user-1', (t) => client.userInfo(t))));
  for (const o of outcomes) {
    assert.equal(o.status, 'rejected');
    assert.ok(o.status === 'rejected' && o.reason instanceof CronofyConnectionFailedError);
  }
  assert.deepEqual(store.failed, [{ key: 'user-1', reason: 'invalid_grant' }]);
  await assert.rejects(manager.withAccessToken('user-1', (t) => client.userInfo(t)), CronofyNotConnectedError);
});

test('a transient refresh failure (Cronofy unavailable) does not mark the connection failed', async () => {
  const { manager, client, sim, store } = await setup({ expiresInMs: 0 });
  sim.control.addFault({ kind: 'error', status: 503, count: 10, path: '/oauth/token' });
  await assert.rejects(manager.withAccessToken('user-1', (t) => client.userInfo(t)), CronofyUnavailableError);
  assert.deepEqual(store.failed, []);
  sim.control.clearFaults();
  assert.ok(await manager.withAccessToken('user-1', (t) => client.userInfo(t)));
});

test('401 on refresh marks failed, except invalid_client (our misconfiguration, not the user’s connection)', async () => {
  const store = memoryStore();
  store.map.set('k', { accessToken: 'a', refreshToken: 'r', expiresAt: 0 });
  let answer: Error = new CronofyAuthError('client', { status: 401, code: 'invalid_client', oauthError: 'invalid_client' });
  const client: Pick<CronofyClient, 'refreshToken'> = { refreshToken: async () => Promise.reject(answer) };
  const manager = createTokenManager({ client, store });
  await assert.rejects(manager.withAccessToken('k', async () => 'x'), { code: 'invalid_client' });
  assert.deepEqual(store.failed, []);
  answer = new CronofyAuthError('revoked', { status: 401, code: 'unauthorized' });
  await assert.rejects(manager.withAccessToken('k', async () => 'x'), CronofyConnectionFailedError);
  assert.deepEqual(store.failed, [{ key: 'k', reason: 'unauthorized' }]);
});

test('an unknown key is CronofyNotConnectedError', async () => {
  const { manager } = await setup();
  await assert.rejects(manager.withAccessToken('nobody', async () => 1), { name: 'CronofyNotConnectedError', code: 'not_connected' });
});
