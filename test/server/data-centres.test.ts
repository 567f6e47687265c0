/**
 * Per-organization Cronofy data centres: with real Cronofy every organization is served by the data centre in its
 * settings (accounts, tokens and channels live in exactly one). Two simulators stand in for `de` and `uk`; an
 * organization on `uk` gets the uk consent URL, its code is exchanged there, and its busy time is read there only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCronofyClient, type CronofyClient } from '../../src/cronofy/index.js';
import { createCronofySim, type CronofySim } from '../../src/cronofy-sim/index.js';
import { createApp } from '../../src/server/app.js';
import { mintToken } from '../../src/server/auth.js';
import { silentLogger } from '../../src/server/middleware/logging.js';
import { cronofyForOrg, perDataCenter, type DataCenter } from '../../src/server/services/cronofy-clients.js';
import { createCronofyGateway } from '../../src/server/services/cronofy-gateway.js';
import { failConnection } from '../../src/server/services/connections.js';
import { OrgSettingsSchema } from '../../src/shared/api/settings.js';
import { formatInstant } from '../../src/shared/time.js';
import type { Db } from '../../src/store/db.js';
import { upsertOrganization } from '../../src/store/repos/organizations.js';
import { upsertUser } from '../../src/store/repos/users.js';
import { box } from '../support/fixtures.js';
import { createTestStore } from '../support/store.js';

const SECRET = 'CRN_dc_secret';

describe('Cronofy data centre per organization', () => {
  let db: Db;
  before(async () => {
    db = await createTestStore('pglite');
  });
  after(async () => {
    await db.close();
  });

  test('an organization on uk talks only to the uk data centre', async () => {
    const sims: Record<'de' | 'uk', CronofySim> = {
      de: createCronofySim({ clientId: 'dc-client', clientSecret: SECRET, baseUrl: 'http://api-de.test' }),
      uk: createCronofySim({ clientId: 'dc-client', clientSecret: SECRET, baseUrl: 'http://api-uk.test' }),
    };
    const clientFor = (dc: 'de' | 'uk'): CronofyClient =>
      createCronofyClient({
        apiUrl: `http://api-${dc}.test`,
        appUrl: `http://app-${dc}.test`,
        clientId: 'dc-client',
        clientSecret: SECRET,
        fetch: async (input, init) => sims[dc].app.request(String(input).replace(`http://api-${dc}.test`, ''), init),
      });
    const cronofyFor = perDataCenter((dc: DataCenter) => clientFor(dc === 'uk' ? 'uk' : 'de'));
    const cronofy = cronofyFor('de');
    const now = Date.now;
    const calendars = createCronofyGateway({
      db,
      client: cronofy,
      clientFor: (orgId) => cronofyForOrg({ db, cronofy, cronofyFor }, orgId),
      box,
      logger: silentLogger,
      now,
      onConnectionFailed: (orgId, userId, reason) => failConnection({ db, now, logger: silentLogger }, orgId, userId, reason),
    });
    const app = createApp({
      db,
      box,
      cronofy,
      cronofyFor,
      calendars,
      now,
      logger: silentLogger,
      config: { publicUrl: 'http://dv.test', bookingLinkBase: 'http://dv.test/book', corsOrigins: [], cronofyClientSecrets: [SECRET], staticRoot: null },
    });
    await upsertOrganization(db, {
      id: 'uk-org',
      name: 'UK Ltd',
      tier: 'plus',
      integrationEnabled: true,
      settings: OrgSettingsSchema.parse({ dataCenter: 'uk' }),
      jwtSecretEnc: box.seal('uk-org-secret'),
    });
    await upsertUser(db, { orgId: 'uk-org', id: 'una', name: 'Una', email: 'una@uk.example', timeZone: 'Europe/London', roles: ['admin', 'recruiter'] });
    const jwt = await mintToken('uk-org-secret', { sub: 'una', org: 'uk-org', roles: ['admin', 'recruiter'] });

    const authorize = await app.request('/api/users/una/connection/authorize', { method: 'POST', headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(authorize.status, 200);
    const consent = new URL(((await authorize.json()) as { url: string }).url);
    assert.equal(consent.origin, 'http://app-uk.test');
    assert.equal(consent.pathname, '/oauth/authorize');

    const account = sims.uk.control.createAccount({ email: 'una@uk.example', name: 'Una', zoneinfo: 'Europe/London', provider: 'google' });
    const { code } = sims.uk.control.issueAuthorizationCode(account.sub, { redirect_uri: consent.searchParams.get('redirect_uri')!, state: consent.searchParams.get('state')! });
    const callback = await app.request(`/api/cronofy/callback?code=${code}&state=${encodeURIComponent(consent.searchParams.get('state')!)}`);
    assert.equal(callback.status, 302);
    assert.match(callback.headers.get('location') ?? '', /calendar=connected/);

    const start = formatInstant(Date.now() + 3 * 86_400_000);
    await calendars.userBusy('uk-org', 'una', { start, end: formatInstant(Date.parse(start) + 86_400_000) }, { fresh: true });
    const ukPaths = sims.uk.control.requests().map((r) => r.path);
    assert.ok(ukPaths.includes('/oauth/token'));
    assert.ok(ukPaths.some((p) => p.startsWith('/v1/free_busy')));
    assert.deepEqual(sims.de.control.requests(), [], 'the de data centre never hears of this organization');
  });
});
