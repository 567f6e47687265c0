/**
 * Host tokens verified against the organization's JWKS URL (instead of a shared HS256 secret): a token signed
 * with the published key is accepted, one signed with another key or with HS256 is refused.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { Db } from '../../src/store/db.js';
import { createTestApp, createWorld } from '../support/fixtures.js';
import { createTestStore } from '../support/store.js';

describe('JWKS-verified host tokens', () => {
  let db: Db;
  let server: Server;
  let jwksUrl: string;
  let keys: Awaited<ReturnType<typeof generateKeyPair>>;

  before(async () => {
    db = await createTestStore('pglite');
    keys = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'host-key-1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  after(async () => {
    await db.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('RS256 with the published key passes; another key or HS256 is 401', async () => {
    const world = await createWorld(db);
    await db.query('UPDATE organizations SET jwks_url = $2 WHERE id = $1', [world.orgId, jwksUrl]);
    const app = await createTestApp(world);
    const now = Math.floor(world.clock.now / 1000);
    const claims = { org: world.orgId, roles: ['recruiter'] };
    const sign = (key: CryptoKey | Uint8Array, alg: string) =>
      new SignJWT(claims).setProtectedHeader({ alg, kid: 'host-key-1' }).setSubject('anna').setIssuedAt(now).setExpirationTime(now + 600).sign(key);
    const call = (token: string) => app.request('/api/me', { headers: { authorization: `Bearer ${token}` } });

    const good = await call(await sign(keys.privateKey, 'RS256'));
    assert.equal(good.status, 200);
    assert.equal(((await good.json()) as { user: { id: string } }).user.id, 'anna');

    const other = await generateKeyPair('RS256');
    assert.equal((await call(await sign(other.privateKey, 'RS256'))).status, 401);
    assert.equal((await call(await sign(new TextEncoder().encode('test-secret-' + world.orgId), 'HS256'))).status, 401, 'a JWKS organization accepts no shared-secret tokens');
  });
});
