/**
 * Security checks of issue 10: host JWTs with a wrong signature, `alg: none`, another algorithm, expired, for
 * another organization or with forged claims are refused with 401; booking tokens are long, random, stored
 * hashed and bound to one request; CORS answers only configured origins; security headers are on API responses.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SignJWT, base64url } from 'jose';
import { mintToken } from '../../src/server/auth.js';
import type { Db } from '../../src/store/db.js';
import { createRequest, createTestApp, createWorld, json } from '../support/fixtures.js';
import { createTestStore } from '../support/store.js';

describe('security', () => {
  let db: Db;
  before(async () => {
    db = await createTestStore('pglite');
  });
  after(async () => {
    await db.close();
  });

  async function setup() {
    const world = await createWorld(db);
    const app = await createTestApp(world);
    const secret = 'test-secret-' + world.orgId;
    const get = (token: string | null) =>
      app.request('/api/booking-requests/brq_none', { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
    return { world, app, secret, get };
  }

  test('a valid recruiter token reaches the route (404 for an unknown request, not 401)', async () => {
    const { world, secret, get } = await setup();
    const token = await mintToken(secret, { sub: 'anna', org: world.orgId, roles: ['recruiter'] }, 600, world.clock.now);
    const res = await get(token);
    assert.equal(res.status, 404);
  });

  test('missing, malformed, forged, alg none, HS512, expired and other-organization tokens are 401', async () => {
    const { world, secret, get } = await setup();
    const other = await createWorld(db);
    const now = Math.floor(world.clock.now / 1000);
    const claims = { org: world.orgId, roles: ['recruiter'] };
    const none = `${base64url.encode(JSON.stringify({ alg: 'none', typ: 'JWT' }))}.${base64url.encode(JSON.stringify({ ...claims, sub: 'anna', exp: now + 600 }))}.`;
    const cases: Array<[string, string | null]> = [
      ['no header', null],
      ['not a JWT', 'definitely-not-a-jwt'],
      ['wrong signature', await mintToken('another-secret', { sub: 'anna', org: world.orgId, roles: ['recruiter'] }, 600, world.clock.now)],
      ['alg none', none],
      ['HS512', await new SignJWT(claims).setProtectedHeader({ alg: 'HS512' }).setSubject('anna').setExpirationTime(now + 600).sign(new TextEncoder().encode(secret))],
      ['expired', await mintToken(secret, { sub: 'anna', org: world.orgId, roles: ['recruiter'] }, 600, world.clock.now - 3600_000)],
      ['no exp', await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('anna').sign(new TextEncoder().encode(secret))],
      ['signed by another organization', await mintToken('test-secret-' + other.orgId, { sub: 'anna', org: world.orgId, roles: ['recruiter'] }, 600, world.clock.now)],
      ['unknown organization', await mintToken(secret, { sub: 'anna', org: 'org_unknown', roles: ['recruiter'] }, 600, world.clock.now)],
      ['forged role', await new SignJWT({ ...claims, roles: ['superuser'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('anna').setExpirationTime(now + 600).sign(new TextEncoder().encode(secret))],
    ];
    for (const [name, token] of cases) {
      const res = await get(token);
      assert.equal(res.status, 401, name);
      assert.equal((await json(res)).error.code, 'unauthorized', name);
    }
  });

  test('a token of organization A never sees organization B\'s booking request', async () => {
    const a = await setup();
    const b = await createWorld(db);
    const { view } = await createRequest(b);
    const token = await mintToken(a.secret, { sub: 'anna', org: a.world.orgId, roles: ['recruiter'] }, 600, a.world.clock.now);
    const res = await a.app.request(`/api/booking-requests/${view.id}`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.status, 404);
  });

  test('booking tokens: 192 random bits, only the hash stored, one token opens one request only', async () => {
    const { world, app } = await setup();
    const first = await createRequest(world);
    const second = await createRequest(world, { title: 'Another interview' });
    assert.notEqual(first.token, second.token);
    assert.equal(Buffer.from(first.token, 'base64url').length, 24);
    const stored = await db.query<{ token_hash: string }>('SELECT token_hash FROM booking_requests WHERE org_id = $1', [world.orgId]);
    assert.equal(stored.some((r) => r.token_hash === first.token || r.token_hash === second.token), false);
    const details = await json(await app.request(`/api/public/bookings/${first.token}`));
    assert.equal(details.title, 'Interview: Backend Developer');
    // A token that differs in one character opens nothing.
    const flipped = first.token.slice(0, -1) + (first.token.endsWith('A') ? 'B' : 'A');
    assert.equal((await app.request(`/api/public/bookings/${flipped}`)).status, 404);
  });

  test('CORS: configured origins get the allow header, others get none (and preflight 403)', async () => {
    const { world, app } = await setup();
    const { token } = await createRequest(world);
    const ok = await app.request(`/api/public/bookings/${token}`, { headers: { origin: 'https://careers.example.test' } });
    assert.equal(ok.headers.get('access-control-allow-origin'), 'https://careers.example.test');
    const evil = await app.request(`/api/public/bookings/${token}`, { headers: { origin: 'https://evil.example' } });
    assert.equal(evil.headers.get('access-control-allow-origin'), null);
    const preflight = await app.request(`/api/public/bookings/${token}/appointment`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    assert.equal(preflight.status, 403);
    const allowed = await app.request(`/api/public/bookings/${token}/appointment`, {
      method: 'OPTIONS',
      headers: { origin: 'https://careers.example.test', 'access-control-request-method': 'POST' },
    });
    assert.equal(allowed.status, 204);
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
  });

  test('API responses carry security headers and are not cached', async () => {
    const { world, app } = await setup();
    const { token } = await createRequest(world);
    const res = await app.request(`/api/public/bookings/${token}`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(res.headers.get('referrer-policy'), 'no-referrer');
    assert.equal(res.headers.get('x-frame-options'), 'SAMEORIGIN');
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.match(res.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });
});
