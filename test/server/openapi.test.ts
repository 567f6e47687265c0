/**
 * The OpenAPI document: served at /api/openapi.json as OpenAPI 3.1, built from the route registry, and in step
 * with the app — every route the app serves below /api is described, and every description is served. A route
 * added without its description fails here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ALL_ROUTES } from '../../src/server/api-routes.js';
import { openApiPath, operationId, pathParams } from '../../src/server/openapi.js';
import type { DemoControl } from '../../src/server/routes/demo.js';
import type { Db } from '../../src/store/db.js';
import { createAdminApp } from '../support/admin.js';
import { createWorld, json } from '../support/fixtures.js';
import { createTestStore } from '../support/store.js';

const demo: DemoControl = {
  info: async () => ({ organizationId: 'demo', users: [], bookingLink: null, bookingToken: null }),
  token: async () => null,
  reset: async () => undefined,
  receiveWebhook: async () => false,
  webhooks: () => [],
};

type Operation = { operationId: string; parameters?: Array<{ name: string; in: string }>; responses: Record<string, unknown>; requestBody?: unknown; security: unknown[] };

function servedRoutes(app: { routes: Array<{ method: string; path: string }> }): string[] {
  const served = app.routes.filter((r) => r.method !== 'ALL' && r.path.startsWith('/api')).map((r) => `${r.method} ${r.path}`);
  return [...new Set(served)].sort();
}

describe('OpenAPI document', () => {
  let db: Db;
  before(async () => {
    db = await createTestStore('pglite');
  });
  after(async () => {
    await db.close();
  });

  test('every served route is described and every described route is served (with and without the demo)', async () => {
    const world = await createWorld(db);
    for (const withDemo of [true, false]) {
      const { app } = createAdminApp(world, withDemo ? { demo } : {});
      const described = ALL_ROUTES.filter((r) => withDemo || !r.demo).map((r) => `${r.method.toUpperCase()} ${r.path}`).sort();
      const served = servedRoutes(app);
      assert.deepEqual(served.filter((r) => !described.includes(r)), [], 'served but not described in src/server/api-routes.ts');
      assert.deepEqual(described.filter((r) => !served.includes(r)), [], 'described but not served');

      const doc = await json(await app.request('/api/openapi.json'));
      const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
        .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
        .sort();
      assert.deepEqual(documented, described.map((r) => { const [m, p] = r.split(' '); return `${m} ${openApiPath(p!)}`; }).sort());
    }
  });

  test('the document is OpenAPI 3.1 with unique operation ids, declared path parameters and typed bodies', async () => {
    const world = await createWorld(db);
    const { app } = createAdminApp(world, { demo });
    const res = await app.request('/api/openapi.json');
    assert.equal(res.status, 200);
    const doc = await json(res);
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.components.schemas.Error);
    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, Operation>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${path}`;
        assert.equal(ids.has(op.operationId), false, `${where}: duplicate operationId`);
        ids.add(op.operationId);
        const declared = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name).sort();
        const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
        assert.deepEqual(declared, inPath, `${where}: path parameters`);
        assert.ok(Object.keys(op.responses).some((s) => /^[23]\d\d$/.test(s)), `${where}: a success response`);
        assert.ok(op.responses.default, `${where}: the error shape`);
        for (const scheme of op.security.flatMap((s) => Object.keys(s as object))) assert.ok(doc.components.securitySchemes[scheme], `${where}: ${scheme}`);
      }
    }
    assert.equal(ids.size, ALL_ROUTES.length);
    assert.deepEqual([...ids].sort(), ALL_ROUTES.map((r) => operationId(r)).sort());

    // Spot checks that the schemas are the server's own: input view for bodies (defaults optional), strict objects.
    const upsert = doc.paths['/api/users/{id}'].put.requestBody.content['application/json'].schema;
    assert.deepEqual(upsert.required, ['name', 'email']);
    assert.equal(upsert.additionalProperties, false);
    const weekly = doc.paths['/api/users/{id}/availability'].put.requestBody.content['application/json'].schema;
    assert.match(JSON.stringify(weekly), /24:00/);
    const availability = doc.paths['/api/rooms/availability'].get;
    assert.deepEqual(availability.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string; required: boolean }) => [p.name, p.required]), [
      ['start', true], ['end', true], ['locationId', false],
    ]);
    assert.equal(availability['x-plus-only'], true);
    assert.deepEqual(doc.paths['/api/events'].get.security, [{ streamTicket: [] }]);
    assert.deepEqual(doc.paths['/api/users'].get.security, [{ bearerAuth: [] }]);
    assert.deepEqual(doc.paths['/api/public/bookings/{token}/slots'].get.security, []);
    const book = doc.paths['/api/public/bookings/{token}/appointment'].post;
    assert.ok(book.parameters.some((p: { name: string; in: string }) => p.name === 'Idempotency-Key' && p.in === 'header'));
    assert.ok(book.responses['409'] && book.responses['201'].content['application/json'].schema.properties.start);
  });

  test('path helpers: Hono paths become OpenAPI paths; ids are stable', () => {
    assert.equal(openApiPath('/api/users/:id/availability'), '/api/users/{id}/availability');
    assert.deepEqual(pathParams('/api/cronofy/push/:orgId/:userId'), ['orgId', 'userId']);
    assert.equal(operationId({ method: 'get', path: '/api/public/bookings/:token/appointment.ics' }), 'getPublicBookingsTokenAppointmentIcs');
  });
});
