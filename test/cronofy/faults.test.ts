/**
 * Every fault of the simulator's control API against the client: retries with jitter on 5xx, bounded, then
 * CronofyUnavailableError; 429 honouring Retry-After; timeouts; latency; period faults; and the client-side limiter.
 * Back-off sleeps run on a fake clock (recorded, not waited), so these tests take milliseconds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CronofyRateLimitError, CronofyUnavailableError, createRateLimiter } from '../../src/cronofy/index.js';
import { connect, fakeClock, makeClient, makeSim } from './support.js';

async function setup(clientOptions: Parameters<typeof makeClient>[1] = {}) {
  const { sim } = makeSim();
  const clock = fakeClock();
  const { client, logs } = makeClient(sim, { clock, random: () => 0.5, ...clientOptions });
  const conn = await connect(sim, client, 'ann@example.com');
  return { sim, clock, client, logs, ...conn, calls: () => sim.control.requests().filter((r) => r.path === '/v1/calendars') };
}

test('5xx: an idempotent call is retried with jittered exponential back-off and then succeeds', async () => {
  const { sim, client, tokens, clock, calls } = await setup({ retry: { baseDelayMs: 100, maxDelayMs: 1000 } });
  sim.control.addFault({ kind: 'error', status: 503, count: 2, path: '/v1/calendars' });
  const calendars = await client.listCalendars(tokens.access_token);
  assert.equal(calendars.length, 1);
  assert.deepEqual(calls().map((r) => r.status), [503, 503, 200]);
  assert.deepEqual(clock.sleeps, [75, 150], 'random 0.5 → 75 % of 100·2^(n−1)');
});

test('5xx: after the bounded retries the caller gets CronofyUnavailableError (calendar_unavailable)', async () => {
  const { sim, client, tokens, calls } = await setup({ retry: { maxRetries: 3, baseDelayMs: 1 } });
  sim.control.addFault({ kind: 'error', status: 500, count: 10, path: '/v1/calendars' });
  await assert.rejects(client.listCalendars(tokens.access_token), (err: unknown) => {
    assert.ok(err instanceof CronofyUnavailableError);
    assert.equal(err.code, 'calendar_unavailable');
    assert.equal(err.status, 500);
    assert.equal(err.attempts, 4);
    return true;
  });
  assert.equal(calls().length, 4);
});

for (const status of [502, 504]) {
  test(`${status} counts as unavailable like any 5xx`, async () => {
    const { sim, client, tokens } = await setup({ retry: { maxRetries: 1 } });
    sim.control.addFault({ kind: 'error', status, count: 2 });
    await assert.rejects(client.userInfo(tokens.access_token), { name: 'CronofyUnavailableError', status });
  });
}

test('5xx on the code exchange is not retried (the code may already be spent)', async () => {
  const { sim } = makeSim();
  const { client } = makeClient(sim, { clock: fakeClock() });
  const account = sim.control.createAccount({ email: 'bob@example.com' });
  const { code } = sim.control.issueAuthorizationCode(account.sub, { redirect_uri: 'https://x.test/cb' });
  sim.control.addFault({ kind: 'error', status: 503, path: '/oauth/token' });
  await assert.rejects(client.exchangeCode({ code, redirect_uri: 'https://x.test/cb' }), (err: unknown) => {
    assert.ok(err instanceof CronofyUnavailableError);
    assert.equal(err.attempts, 1);
    return true;
  });
});

test('429 with Retry-After: the client waits exactly that long, then succeeds', async () => {
  const { sim, client, tokens, clock, calls } = await setup();
  sim.control.addFault({ kind: 'rate_limit', retry_after_seconds: 2, count: 1, path: '/v1/calendars' });
  await client.listCalendars(tokens.access_token);
  assert.deepEqual(calls().map((r) => r.status), [429, 200]);
  assert.deepEqual(clock.sleeps, [2000]);
});

test('429 without Retry-After backs off with jitter; the code exchange may retry a 429 (nothing was processed)', async () => {
  const { sim } = makeSim();
  const clock = fakeClock();
  const { client } = makeClient(sim, { clock, random: () => 0, retry: { baseDelayMs: 200 } });
  const account = sim.control.createAccount({ email: 'bob@example.com' });
  const { code } = sim.control.issueAuthorizationCode(account.sub, { redirect_uri: 'https://x.test/cb' });
  sim.control.addFault({ kind: 'rate_limit', count: 2, path: '/oauth/token' });
  const tokens = await client.exchangeCode({ code, redirect_uri: 'https://x.test/cb' });
  assert.equal(tokens.sub, account.sub);
  assert.deepEqual(clock.sleeps, [100, 200]);
});

test('429 beyond the bounded retries → CronofyRateLimitError with the Retry-After', async () => {
  const { sim, client, tokens, calls } = await setup({ retry: { maxRateLimitRetries: 2 } });
  sim.control.addFault({ kind: 'rate_limit', retry_after_seconds: 1, count: 5, path: '/v1/calendars' });
  await assert.rejects(client.listCalendars(tokens.access_token), (err: unknown) => {
    assert.ok(err instanceof CronofyRateLimitError);
    assert.equal(err.retryAfterMs, 1000);
    assert.equal(err.code, 'rate_limited');
    return true;
  });
  assert.equal(calls().length, 3);
});

test('429 whose Retry-After exceeds the cap fails at once instead of stalling the request', async () => {
  const { sim, client, tokens, clock, calls } = await setup({ retry: { maxRetryAfterMs: 5000 } });
  sim.control.addFault({ kind: 'rate_limit', retry_after_seconds: 60, path: '/v1/calendars' });
  await assert.rejects(client.listCalendars(tokens.access_token), { name: 'CronofyRateLimitError', retryAfterMs: 60_000 });
  assert.equal(calls().length, 1);
  assert.deepEqual(clock.sleeps, []);
});

test('timeout: a call that never answers is aborted after timeoutMs, retried, then succeeds', async () => {
  const { sim, client, tokens, logs } = await setup({ timeoutMs: 40 });
  sim.control.addFault({ kind: 'timeout', count: 1, path: '/v1/calendars' });
  const started = Date.now();
  await client.listCalendars(tokens.access_token);
  assert.ok(Date.now() - started < 1000);
  const calendarLogs = logs.filter((l) => l.path === '/v1/calendars');
  assert.deepEqual(calendarLogs.map((l) => [l.status, l.failure]), [[undefined, 'timeout'], [200, undefined]]);
});

test('timeout on every attempt → CronofyUnavailableError after the bounded retries', async () => {
  const { sim, client, tokens } = await setup({ timeoutMs: 20, retry: { maxRetries: 2 } });
  sim.control.addFault({ kind: 'timeout', count: 5, path: '/v1/free_busy' });
  await assert.rejects(client.freeBusy(tokens.access_token, { tzid: 'Etc/UTC' }), (err: unknown) => {
    assert.ok(err instanceof CronofyUnavailableError);
    assert.equal(err.attempts, 3);
    assert.equal(err.status, 0);
    assert.match(err.message, /no answer within 20 ms/);
    return true;
  });
  assert.equal(sim.control.listFaults()[0]?.remaining, 2);
});

test('latency below the timeout only slows the call; above it, it times out', async () => {
  const { sim, client, tokens } = await setup({ timeoutMs: 150, retry: { maxRetries: 0 } });
  sim.control.addFault({ kind: 'latency', latency_ms: 30, count: 1 });
  const started = Date.now();
  await client.listCalendars(tokens.access_token);
  assert.ok(Date.now() - started >= 25);
  sim.control.addFault({ kind: 'latency', latency_ms: 400, count: 1 });
  await assert.rejects(client.listCalendars(tokens.access_token), CronofyUnavailableError);
});

test('a fault for a period applies to every matching call until it ends (sim clock)', async () => {
  let t = Date.now();
  const { sim } = makeSim({ now: () => t });
  const { client } = makeClient(sim, { clock: fakeClock(), retry: { maxRetries: 0 } });
  const { tokens } = await connect(sim, client, 'ann@example.com');
  sim.control.addFault({ kind: 'error', status: 503, duration_ms: 60_000, method: 'GET' });
  for (let i = 0; i < 3; i += 1) await assert.rejects(client.listCalendars(tokens.access_token), CronofyUnavailableError);
  t += 61_000;
  assert.equal((await client.listCalendars(tokens.access_token)).length, 1);
  assert.deepEqual(sim.control.listFaults(), []);
});

test('faults never touch the control API or consent pages', async () => {
  const { sim } = makeSim();
  sim.control.addFault({ kind: 'error', status: 500, count: 100 });
  const res = await sim.app.request('http://sim.test/control/accounts');
  assert.equal(res.status, 200);
  const page = await sim.app.request('http://sim.test/app/relink/google?email=nobody@example.com');
  assert.equal(page.status, 404, 'the page itself answers, not the fault');
  const consent = await sim.app.request('http://sim.test/app/oauth/authorize?client_id=nope&redirect_uri=https://x.test/cb');
  assert.equal(consent.status, 400, 'consent pages under /app/oauth are not API routes');
  assert.equal(sim.control.listFaults()[0]?.remaining, 100);
  assert.deepEqual(sim.control.requests(), []);
});

test('the client-side limiter spaces requests to the configured rate (fake clock)', async () => {
  const { sim } = makeSim();
  const clock = fakeClock();
  const { client } = makeClient(sim, { clock, rateLimit: { perSecond: 5, perMinute: 1000 } });
  const { tokens } = await connect(sim, client, 'ann@example.com'); // 1 token used
  const start = clock.now();
  await Promise.all(Array.from({ length: 14 }, () => client.listCalendars(tokens.access_token)));
  // 15 requests at 5/s with a burst of 5: the last 10 wait for refills → ≥ 2 s of (fake) time.
  assert.ok(clock.now() - start >= 2000, `elapsed ${clock.now() - start}`);
  assert.ok(clock.now() - start < 2300);
});

test('the per-minute bucket also limits (500/min default shape, here 10/min)', async () => {
  const clock = fakeClock(0);
  const limiter = createRateLimiter({ perSecond: 100, perMinute: 10 }, clock);
  for (let i = 0; i < 10; i += 1) await limiter.acquire();
  assert.equal(clock.now(), 0, 'the burst fits');
  await limiter.acquire();
  assert.equal(clock.now(), 6000, 'the 11th waits one refill interval (60 s / 10)');
});

test('a share of the limits: three processes each keep a third; a share too small for one request slows, never stalls', async () => {
  const clock = fakeClock(0);
  const limiter = createRateLimiter({ perSecond: 100, perMinute: 30 }, clock);
  limiter.setShare(1 / 3);
  for (let i = 0; i < 10; i += 1) await limiter.acquire();
  assert.equal(clock.now(), 0, 'a third of the minute\'s 30 fits at once');
  await limiter.acquire();
  assert.equal(clock.now(), 6000, 'the 11th waits for a third of the refill: 60 s / 10');
  limiter.setShare(1);
  await limiter.acquire();
  assert.equal(clock.now(), 8000, 'the whole share again: 60 s / 30');

  const tiny = createRateLimiter({ perSecond: 2, perMinute: 1000 }, clock);
  tiny.setShare(1 / 8); // 0.25 requests a second: a bucket of one, refilled every 4 s
  const from = clock.now();
  await tiny.acquire();
  await tiny.acquire();
  assert.equal(clock.now() - from, 4000);
  assert.throws(() => tiny.setShare(0), RangeError);
  assert.throws(() => tiny.setShare(1.5), RangeError);
});

test('the limiter serves waiters in order and a waiting caller can abort', async () => {
  const clock = fakeClock(0);
  const limiter = createRateLimiter({ perSecond: 1, perMinute: 100 }, clock);
  const order: number[] = [];
  await Promise.all([1, 2, 3].map((n) => limiter.acquire().then(() => order.push(n))));
  assert.deepEqual(order, [1, 2, 3]);
  const ac = new AbortController();
  ac.abort(new Error('gone'));
  await assert.rejects(limiter.acquire(ac.signal), /gone/);
});

test('interactive requests go before queued background ones; a background caller that gives up leaves the queue', async () => {
  const clock = fakeClock(0);
  const limiter = createRateLimiter({ perSecond: 1, perMinute: 100 }, clock);
  await limiter.acquire(); // the burst is spent: every further token costs a second
  const order: string[] = [];
  const gone = new AbortController();
  const waiting = [
    limiter.acquire(undefined, 'background').then(() => order.push('b1')),
    limiter.acquire(gone.signal, 'background').then(
      () => order.push('b2'),
      (err: Error) => order.push(`b2 ${err.message}`),
    ),
    limiter.acquire(undefined, 'background').then(() => order.push('b3')),
    limiter.acquire(undefined, 'interactive').then(() => order.push('i1')),
  ];
  gone.abort(new Error('gave up'));
  await Promise.all(waiting);
  // b1 was already being served when i1 arrived; i1 then overtakes b3, queued before it, and the aborted b2 took no token.
  assert.deepEqual(order, ['b2 gave up', 'b1', 'i1', 'b3']);
  assert.equal(clock.now(), 3000, 'three tokens, one a second');
});
