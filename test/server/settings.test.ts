/**
 * Organization settings over HTTP: readable by every user of the organization, changed by admins, the vendor's
 * tier and switch refused, validation that changes nothing, the data-centre guard, and the webhook URL and secret
 * — and the admin's delivery log of host webhooks (list, filter, detail, redeliver) — against each store kind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SettingsViewSchema } from '../../src/shared/api/settings.js';
import { DeliveryDetailSchema, DeliveryEventSchema, DeliveryLogSchema } from '../../src/shared/api/webhooks.js';
import { emit } from '../../src/server/services/events.js';
import { formatInstant } from '../../src/shared/time.js';
import { deliverDueWebhooks, signWebhook } from '../../src/server/services/webhooks.js';
import { silentLogger } from '../../src/server/middleware/logging.js';
import type { Db } from '../../src/store/db.js';
import { getOrganization } from '../../src/store/repos/organizations.js';
import { createAdminApp } from '../support/admin.js';
import { box, createWorld, json } from '../support/fixtures.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

for (const kind of STORE_KINDS) {
  describe(`settings and delivery log API (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    async function setup(options: { realClock?: boolean } = {}) {
      // The outbox stamps rows with the database's clock and the worker compares with ours: tests of delivery run on real time.
      const world = await createWorld(db, options.realClock ? { now: new Date().toISOString() } : {});
      const h = createAdminApp(world);
      return { world, ...h, admin: await h.token('anna', ['admin']), recruiter: await h.token('ben', ['recruiter']) };
    }

    test('every user reads the settings: spec defaults, vendor fields read-only, no secrets', async () => {
      const { world, call, recruiter } = await setup();
      const res = await call(recruiter, 'GET', '/api/settings');
      assert.equal(res.status, 200);
      const body = SettingsViewSchema.parse(await json(res));
      assert.equal(body.organizationId, world.orgId);
      assert.equal(body.integrationEnabled, true);
      assert.equal(body.tier, 'plus');
      assert.deepEqual(body.settings.allowedProviders, ['google', 'apple', 'office365', 'outlook_com', 'exchange']);
      assert.equal(body.settings.dataCenter, 'de');
      assert.equal(body.settings.createEventsPrivate, false);
      assert.equal(body.settings.booking.windowStartDays, 1);
      assert.equal(body.settings.booking.windowEndDays, 32);
      assert.deepEqual(body.webhook, { url: null, secretSet: false });
      assert.equal(/secret-|whsec|jwt/i.test(JSON.stringify(body)), false);
    });

    test('an admin changes settings; booking defaults merge field by field; recruiters may not', async () => {
      const { call, admin, recruiter } = await setup();
      const res = await call(admin, 'PATCH', '/api/settings', {
        createEventsPrivate: true,
        allowedProviders: ['google', 'office365'],
        booking: { durationMinutes: 45, bufferAfterMinutes: 10 },
        retentionDays: 30,
        webhookUrl: 'https://ats.example.test/hooks/calendar',
      });
      assert.equal(res.status, 200);
      const body = SettingsViewSchema.parse(await json(res));
      assert.equal(body.settings.createEventsPrivate, true);
      assert.deepEqual(body.settings.allowedProviders, ['google', 'office365']);
      assert.equal(body.settings.booking.durationMinutes, 45);
      assert.equal(body.settings.booking.bufferAfterMinutes, 10);
      assert.equal(body.settings.booking.windowEndDays, 32, 'untouched booking defaults stay');
      assert.equal(body.settings.retentionDays, 30);
      assert.equal(body.webhook.url, 'https://ats.example.test/hooks/calendar');
      assert.deepEqual(SettingsViewSchema.parse(await json(await call(recruiter, 'GET', '/api/settings'))), body);
      const refused = await call(recruiter, 'PATCH', '/api/settings', { createEventsPrivate: false });
      assert.equal(refused.status, 403);
      assert.equal((await json(refused)).error.code, 'forbidden');
      const off = SettingsViewSchema.parse(await json(await call(admin, 'PATCH', '/api/settings', { webhookUrl: null })));
      assert.equal(off.webhook.url, null);
    });

    test('the tier and the system-wide switch are the vendor\'s: refused, nothing changes', async () => {
      const { world, call, admin } = await setup();
      for (const body of [{ tier: 'basic' }, { integrationEnabled: false }, { tier: 'plus', createEventsPrivate: true }]) {
        const res = await call(admin, 'PATCH', '/api/settings', body);
        assert.equal(res.status, 403, JSON.stringify(body));
        assert.equal((await json(res)).error.code, 'forbidden');
      }
      const org = await getOrganization(db, world.orgId);
      assert.equal(org?.tier, 'plus');
      assert.equal(org?.integrationEnabled, true);
      assert.equal(org?.settings.createEventsPrivate, false);
    });

    test('invalid settings are 400 validation_failed and change nothing', async () => {
      const { world, call, admin } = await setup();
      const before = JSON.stringify((await getOrganization(db, world.orgId))?.settings);
      const cases: Array<[unknown, string]> = [
        [{}, ''],
        [{ dataCenter: 'mars' }, 'dataCenter'],
        [{ allowedProviders: ['google', 'google'] }, 'allowedProviders'],
        [{ allowedProviders: ['myspace'] }, 'allowedProviders.0'],
        [{ booking: { windowStartDays: 40 } }, 'booking.windowEndDays'],
        [{ booking: { durationMinutes: 2 } }, 'booking.durationMinutes'],
        [{ booking: { duration: 30 } }, 'booking'],
        [{ retentionDays: 0 }, 'retentionDays'],
        [{ webhookUrl: 'http://ats.example.test/hooks' }, 'webhookUrl'],
        [{ webhookUrl: 'https://127.0.0.1/hooks' }, 'webhookUrl'],
        [{ webhookUrl: 'https://localhost:8443/hooks' }, 'webhookUrl'],
        [{ webhookUrl: 'https://user:pw@ats.example.test/hooks' }, 'webhookUrl'],
        [{ createEventsPrivate: 'yes' }, 'createEventsPrivate'],
        [{ colour: 'blue' }, ''],
      ];
      for (const [input, path] of cases) {
        const res = await call(admin, 'PATCH', '/api/settings', input);
        assert.equal(res.status, 400, JSON.stringify(input));
        const error = (await json(res)).error;
        assert.equal(error.code, 'validation_failed');
        assert.ok(error.details.issues.some((i: { path: string }) => i.path === path), `${JSON.stringify(error.details.issues)} names '${path}'`);
      }
      const notJson = await call(admin, 'PATCH', '/api/settings', undefined, { 'content-type': 'application/json' });
      assert.equal(notJson.status, 400);
      assert.equal(JSON.stringify((await getOrganization(db, world.orgId))?.settings), before);
    });

    test('the data centre cannot move while calendars are connected', async () => {
      const { world, call, admin } = await setup();
      const res = await call(admin, 'PATCH', '/api/settings', { dataCenter: 'uk' });
      assert.equal(res.status, 409);
      assert.equal((await json(res)).error.code, 'conflict');
      assert.equal((await getOrganization(db, world.orgId))?.settings.dataCenter, 'de');
      await db.query("UPDATE calendar_connections SET status = 'not_connected' WHERE org_id = $1", [world.orgId]);
      const moved = SettingsViewSchema.parse(await json(await call(admin, 'PATCH', '/api/settings', { dataCenter: 'uk' })));
      assert.equal(moved.settings.dataCenter, 'uk');
    });

    test('a new webhook secret is shown once, stored sealed, and signs the deliveries', async () => {
      const { world, call, admin, recruiter } = await setup({ realClock: true });
      assert.equal((await call(recruiter, 'POST', '/api/settings/webhook-secret')).status, 403);
      const res = await call(admin, 'POST', '/api/settings/webhook-secret');
      assert.equal(res.status, 201);
      const { secret } = await json(res);
      assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
      await call(admin, 'PATCH', '/api/settings', { webhookUrl: 'https://ats.example.test/hooks' });
      const org = await getOrganization(db, world.orgId);
      assert.notEqual(org?.webhookSecretEnc, secret);
      assert.equal(box.open(org!.webhookSecretEnc!), secret);
      assert.equal(SettingsViewSchema.parse(await json(await call(admin, 'GET', '/api/settings'))).webhook.secretSet, true);
      await db.tx((q) => emit(q, world.orgId, 'connection.failed', { userId: 'ben', status: 'failed', reason: 'profile_disconnected' }, world.clock.now));
      let verified = false;
      await deliverDueWebhooks({
        db, box, logger: silentLogger, now: () => Date.now(),
        fetch: async (_url, init) => {
          const headers = init!.headers as Record<string, string>;
          verified = headers['webhook-signature'] === signWebhook(secret, headers['webhook-id']!, Number(headers['webhook-timestamp']), String(init!.body));
          return new Response(null, { status: 204 });
        },
      }, 1000);
      assert.equal(verified, true);
    });

    test('delivery log: states, attempts, filters and paging; payload only in the detail; redeliver; admins only', async () => {
      const { world, call, admin, recruiter } = await setup({ realClock: true });
      await call(admin, 'PATCH', '/api/settings', { webhookUrl: 'https://ats.example.test/hooks' });
      await call(admin, 'POST', '/api/settings/webhook-secret');
      const first = await db.tx((q) => emit(q, world.orgId, 'connection.failed', { userId: 'ben', status: 'failed', reason: 'profile_disconnected' }, world.clock.now));
      const second = await db.tx((q) => emit(q, world.orgId, 'connection.restored', { userId: 'ben', status: 'connected_individual' }, world.clock.now));
      // Two commits can share a millisecond; the log's order and cursor need them apart.
      await db.query("UPDATE outbox SET created_at = created_at - interval '1 second' WHERE org_id = $1 AND id = $2", [world.orgId, first.id]);
      let answer = 500;
      const deps = { db, box, logger: silentLogger, now: () => Date.now(), fetch: async () => new Response(null, { status: answer }) };
      // Other organizations' due events may be claimed in the same rounds; ours are what the log must show.
      await deliverDueWebhooks(deps, 1000);

      const log = DeliveryLogSchema.parse(await json(await call(admin, 'GET', '/api/webhook-deliveries')));
      assert.deepEqual(log.items.map((i) => [i.eventId, i.state, i.attempts]), [[second.id, 'failing', 1], [first.id, 'failing', 1]]);
      assert.deepEqual(log.items[0]!.deliveries.map((d) => [d.attempt, d.status, d.error]), [[1, 500, 'HTTP 500']]);
      assert.ok(log.items[0]!.nextAttemptAt! > log.items[0]!.deliveries[0]!.at, 'retried later with backoff');
      assert.equal('payload' in log.items[0]!, false);

      answer = 204;
      const redelivered = await call(admin, 'POST', `/api/webhook-deliveries/${first.id}/redeliver`);
      assert.equal(redelivered.status, 202);
      assert.equal(DeliveryEventSchema.parse(await json(redelivered)).nextAttemptAt, formatInstant(world.clock.now));
      await deliverDueWebhooks(deps, 1000);
      const detail = DeliveryDetailSchema.parse(await json(await call(admin, 'GET', `/api/webhook-deliveries/${first.id}`)));
      assert.equal(detail.state, 'delivered');
      assert.deepEqual(detail.deliveries.map((d) => [d.attempt, d.status]), [[1, 500], [2, 204]]);
      assert.deepEqual((detail.payload as { id: string; type: string }).id, first.id);

      const delivered = DeliveryLogSchema.parse(await json(await call(admin, 'GET', '/api/webhook-deliveries?state=delivered')));
      assert.deepEqual(delivered.items.map((i) => i.eventId), [first.id]);
      const byType = DeliveryLogSchema.parse(await json(await call(admin, 'GET', '/api/webhook-deliveries?type=connection.restored')));
      assert.deepEqual(byType.items.map((i) => i.eventId), [second.id]);
      const page = DeliveryLogSchema.parse(await json(await call(admin, 'GET', `/api/webhook-deliveries?limit=1&before=${log.items[0]!.createdAt}`)));
      assert.deepEqual(page.items.map((i) => i.eventId), [first.id]);

      assert.equal((await call(admin, 'GET', '/api/webhook-deliveries?state=lost')).status, 400);
      assert.equal((await call(admin, 'GET', '/api/webhook-deliveries/evt_nope')).status, 404);
      assert.equal((await call(admin, 'POST', '/api/webhook-deliveries/evt_nope/redeliver')).status, 404);
      assert.equal((await call(recruiter, 'GET', '/api/webhook-deliveries')).status, 403);
    });
  });
}
