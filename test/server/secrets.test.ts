/**
 * No secret in logs, none to the browser: a whole connect → central connect → book → refresh → disconnect cycle
 * through the real app and the simulator, with every log line captured (the product's and the Cronofy client's).
 * No access or refresh token Cronofy issued, no authorization code, no client secret and no applicant e-mail may
 * appear in any log line; no token, code or secret in any API answer (body, headers, redirect).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { formatInstant, zonedWallTimeToInstant } from '../../src/shared/time.js';
import type { Db } from '../../src/store/db.js';
import { CLIENT_SECRET, PUBLIC_URL, createSimWorld, publicCall, type SimWorld } from '../support/sim-world.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

const APPLICANT_EMAIL = 'jamie.doe@applicant.example';

/** Consent on the simulator's page, then the product's callback; returns the codes seen and the final redirect. */
async function consentRoundTrip(world: SimWorld, url: string, accountSub: string, codes: Set<string>): Promise<string> {
  const form = new URLSearchParams(new URL(url).searchParams);
  form.set('decision', 'allow');
  form.set('account', accountSub);
  const consent = await world.sim.app.request(url, { method: 'POST', body: form });
  const back = new URL(consent.headers.get('location')!);
  codes.add(back.searchParams.get('code')!);
  const res = await world.app.request(back.toString());
  const location = res.headers.get('location') ?? '';
  world.responses.push(`${res.status}\nlocation: ${location}\n\n${await res.text()}`);
  return location;
}

for (const kind of STORE_KINDS) {
  describe(`secrets (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    test('connect → book → disconnect: no token, code, client secret or applicant e-mail in any log line or API answer', async () => {
      const world = await createSimWorld(db);
      const codes = new Set<string>();

      // Individual connects through the consent page.
      const annaAccount = world.sim.control.createAccount({ email: 'anna@corp.example', name: 'Anna Schmidt', zoneinfo: 'Europe/Berlin', provider: 'office365' });
      const benAccount = world.sim.control.createAccount({ email: 'ben@corp.example', name: 'Ben Taylor', zoneinfo: 'Europe/London', provider: 'gsuite' });
      const annaUrl = (await world.api('POST', '/api/users/anna/connection/authorize', { returnTo: '/me' })).body.url;
      assert.match(await consentRoundTrip(world, annaUrl, annaAccount.sub, codes), /calendar=connected/);
      const benUrl = (await world.api('POST', '/api/users/ben/connection/authorize', {}, 'ben')).body.url;
      assert.match(await consentRoundTrip(world, benUrl, benAccount.sub, codes), /calendar=connected/);

      // The service account and a central connect (its code travels in a signed callback body).
      const service = world.sim.control.createServiceAccount({ email: 'it-admin@corp.example' });
      const saUrl = (await world.api('POST', '/api/service-account/authorize', {})).body.url;
      assert.match(await consentRoundTrip(world, saUrl, service.sub, codes), /serviceAccount=connected/);
      assert.equal((await world.api('POST', '/api/users/carla/connection/central')).status, 202);
      await world.sim.control.idle();
      for (const d of world.sim.control.deliveries()) {
        const code = (JSON.parse(d.body) as { authorization?: { code?: string } }).authorization?.code;
        if (code) codes.add(code);
      }
      assert.equal((await world.api('GET', '/api/users/carla/connection')).body.status, 'connected_central');

      // A booking request through the recruiter API, then the applicant books after Anna's token expired.
      const { monday, friday } = world.week();
      const created = await world.api('POST', '/api/booking-requests', {
        title: 'Interview: Backend Developer',
        applicant: { name: 'Jamie Doe', email: APPLICANT_EMAIL },
        participantIds: ['anna', 'ben'],
        timeZone: 'Europe/Berlin',
        online: true,
        period: {
          start: formatInstant(zonedWallTimeToInstant(monday, '00:00', 'Europe/Berlin')),
          end: formatInstant(zonedWallTimeToInstant(friday, '23:00', 'Europe/Berlin')),
        },
      });
      assert.equal(created.status, 201);
      const bookingToken = new URL(created.body.link).searchParams.get('booking')!;
      world.sim.control.expireAccessTokens(annaAccount.sub);
      await world.calendars.invalidate(world.orgId, 'anna');
      const slots = await publicCall(world, bookingToken, '/slots');
      assert.equal(slots.status, 200);
      // One failed write on the way (logged as deferred), then the booking.
      world.sim.control.addFault({ kind: 'error', status: 500, count: 3, path: '/events', method: 'POST' });
      const booked = await publicCall(world, bookingToken, '/appointment', { method: 'POST', body: JSON.stringify({ start: slots.body.slots[0].start }) });
      assert.equal(booked.status, 201);
      // Ben's profile is disconnected at the provider (a warning is logged), then everyone disconnects.
      world.sim.control.disconnect(benAccount.sub);
      await world.sim.control.idle();
      assert.equal((await world.api('DELETE', '/api/users/anna/connection')).status, 200);
      assert.equal((await world.api('DELETE', '/api/users/ben/connection', undefined, 'ben')).status, 200);
      assert.equal((await world.api('DELETE', '/api/service-account')).status, 200);
      for (const id of ['anna', 'ben', 'carla']) await world.api('GET', `/api/users/${id}/connection`);
      await world.api('GET', '/api/service-account');

      // The cycle really exercised what is checked: tokens issued and rotated, client calls logged, warnings logged.
      assert.ok(world.issuedTokens.size >= 10, `tokens issued: ${world.issuedTokens.size}`);
      assert.equal(codes.size, 4);
      assert.ok(world.logLines.some((l) => l.includes('"path":"/oauth/token"')));
      assert.ok(world.logLines.some((l) => l.includes('calendar write deferred')));
      assert.ok(world.logLines.some((l) => l.includes('calendar connection failed')));
      assert.ok(world.logLines.some((l) => l.includes('/api/cronofy/push/')));

      const secrets = [...world.issuedTokens, ...codes, CLIENT_SECRET];
      for (const line of world.logLines) {
        for (const secret of secrets) assert.equal(line.includes(secret), false, `a secret in the log line: ${line}`);
        assert.equal(line.toLowerCase().includes(APPLICANT_EMAIL), false, `the applicant's e-mail in the log line: ${line}`);
        assert.equal(/access_token|refresh_token|client_secret/.test(line), false, `a credential field in the log line: ${line}`);
      }
      assert.ok(world.responses.length >= 15, `answers checked: ${world.responses.length}`);
      for (const response of world.responses) {
        for (const secret of secrets) assert.equal(response.includes(secret), false, `a secret in an API answer: ${response.slice(0, 300)}`);
        assert.equal(/access_?token|refresh_?token|tokens_?enc|client_?secret/i.test(response), false, `a credential field in an API answer: ${response.slice(0, 300)}`);
      }
      // The connection view itself: no Cronofy ids either.
      const view = await world.api('GET', '/api/users/carla/connection');
      assert.equal(JSON.stringify(view.body).includes('acc_'), false);
      assert.equal(JSON.stringify(view.body).includes(PUBLIC_URL), false);
    });
  });
}
