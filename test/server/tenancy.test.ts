/**
 * Tenancy proof: a valid admin+recruiter token of organization A, aimed at every bearer route of the registry
 * (so a newly described route is covered automatically) with organization B's ids in the path, the query and the
 * body, never reads anything of B (no B name, e-mail or applicant in any answer) and never changes anything of B
 * (every row of B in every table is byte-for-byte the same after each call) — against each store kind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ALL_ROUTES } from '../../src/server/api-routes.js';
import type { RouteSpec } from '../../src/server/openapi.js';
import type { Db } from '../../src/store/db.js';
import { saveConnection } from '../../src/store/repos/connections.js';
import { upsertLocation, upsertRoom } from '../../src/store/repos/rooms.js';
import { upsertUser } from '../../src/store/repos/users.js';
import { createAdminApp } from '../support/admin.js';
import { createRequest, createWorld, json, type World } from '../support/fixtures.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

const MARKER = /bravosecret/i;

/** Every row of the organization, in every table that has org_id, plus its organizations row. */
async function snapshot(db: Db, orgId: string): Promise<string> {
  const tables = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.columns WHERE column_name = 'org_id' AND table_schema = current_schema() ORDER BY table_name",
  );
  const parts = [JSON.stringify(await db.query('SELECT * FROM organizations WHERE id = $1', [orgId]))];
  for (const { table_name } of tables) {
    parts.push(`${table_name}:${JSON.stringify(await db.query(`SELECT * FROM ${table_name} WHERE org_id = $1 ORDER BY 1, 2, 3`, [orgId]))}`);
  }
  return parts.join('\n');
}

interface OrgB {
  world: World;
  userId: string;
  roomId: string;
  locationId: string;
  requestId: string;
  appointmentId: string;
  eventId: string;
  applicantEmail: string;
}

async function createOrgB(db: Db): Promise<OrgB> {
  const world = await createWorld(db);
  const { orgId } = world;
  await upsertUser(db, { orgId, id: 'bea', name: 'Bea Bravosecret', email: 'bea@bravosecret.test', timeZone: 'Europe/Berlin', roles: ['admin'], weeklyHours: [{ day: 'mon', start: '08:00', end: '12:00' }] });
  await saveConnection(db, { orgId, userId: 'bea', status: 'failed', failedReason: 'profile_disconnected', profileEmail: 'bea.private@bravosecret.test' });
  await upsertRoom(db, orgId, { id: 'rb', name: 'Room Bravosecret', email: 'rb@bravosecret.test', capacity: 3, source: 'created', cronofySub: null });
  await upsertLocation(db, orgId, { id: 'lb', name: 'Bravosecret Location', address: 'Bravosecret Street 1', roomIds: ['rb'] });
  const applicantEmail = 'applicant@bravosecret.test';
  const { token, view } = await createRequest(world, { applicant: { name: 'Applicant Bravosecret', email: applicantEmail } });
  const { app } = createAdminApp(world);
  const booked = await app.request(`/api/public/bookings/${token}/appointment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ start: '2026-03-24T12:00:00Z' }) });
  assert.equal(booked.status, 201);
  const [appointment] = await db.query<{ id: string }>('SELECT id FROM appointments WHERE org_id = $1', [orgId]);
  const [event] = await db.query<{ id: string }>('SELECT id FROM outbox WHERE org_id = $1', [orgId]);
  return { world, userId: 'bea', roomId: 'rb', locationId: 'lb', requestId: view.id, appointmentId: appointment!.id, eventId: event!.id, applicantEmail };
}

/** B's id for a path parameter, by the resource the path names before it. */
function bId(b: OrgB, path: string, param: string): string {
  const before = path.split(`/:${param}`)[0]!.split('/').pop();
  const ids: Record<string, string> = {
    users: b.userId,
    rooms: b.roomId,
    locations: b.locationId,
    'booking-requests': b.requestId,
    appointments: b.appointmentId,
    'webhook-deliveries': b.eventId,
  };
  const id = ids[before ?? ''];
  if (!id) throw new Error(`no organization-B id known for :${param} in ${path}; teach the tenancy test`);
  return id;
}

/** The example with A's fixture ids replaced by B's, so the call aims at B's participants, rooms and applicant. */
function aimAtB(b: OrgB, value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('"anna"', `"${b.userId}"`)
    .replaceAll('"hq"', `"${b.locationId}"`)
    .replaceAll('"r1"', `"${b.roomId}"`)
    .replaceAll('jamie@applicant.test', b.applicantEmail);
}

for (const kind of STORE_KINDS) {
  describe(`tenancy (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    test('a token of organization A can neither read nor change anything of organization B, on every route', async () => {
      const a = await createWorld(db);
      const b = await createOrgB(db);
      const h = createAdminApp(a);
      const token = await h.token('anna', ['admin', 'recruiter']);
      const before = await snapshot(db, b.world.orgId);
      assert.match(before, MARKER, 'B has the markers the answers are searched for');

      const bearer = ALL_ROUTES.filter((r) => r.security === 'bearer');
      assert.ok(bearer.length >= 40, `the registry lists the bearer routes (${bearer.length})`);
      // Provisioning by PUT creates A's own user "bea": it runs last, so no route before it meets a same-named user of A.
      const upsertsIntoA = (r: RouteSpec) => r.method === 'put' && r.path === '/api/users/:id';
      const ordered: RouteSpec[] = [...bearer.filter((r) => !upsertsIntoA(r)), ...bearer.filter(upsertsIntoA)];
      const pathIdsAnswered: string[] = [];
      for (const spec of ordered) {
        const params = [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
        let path = spec.path;
        for (const p of params) path = path.replace(`:${p}`, encodeURIComponent(bId(b, spec.path, p)));
        if (spec.exampleQuery) path += `?${new URLSearchParams(JSON.parse(aimAtB(b, spec.exampleQuery)) as Record<string, string>)}`;
        const body = spec.example === undefined ? undefined : aimAtB(b, spec.example);
        const res = await h.app.request(path, {
          method: spec.method.toUpperCase(),
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          ...(body === undefined ? {} : { body }),
        });
        const where = `${spec.method.toUpperCase()} ${path} → ${res.status}`;
        if (process.env.TENANCY_DEBUG) console.log(where);
        const text = await res.text();
        assert.ok(res.status < 500, `${where}: ${text}`);
        assert.doesNotMatch(text, MARKER, `${where} leaked organization B's data`);
        assert.equal(await snapshot(db, b.world.orgId), before, `${where} changed organization B`);
        if (params.length > 0 && !upsertsIntoA(spec) && res.status < 400) pathIdsAnswered.push(where);
      }
      assert.deepEqual(pathIdsAnswered, [], 'B\'s ids in the path are unknown to A');

      // The PUT created A's own user "bea"; B's is untouched and still B's.
      const bToken = await createAdminApp(b.world).token('bea', ['admin']);
      const bView = await createAdminApp(b.world).call(bToken, 'GET', '/api/users/bea');
      assert.equal((await json(bView)).name, 'Bea Bravosecret');
      assert.equal((await h.call(token, 'GET', '/api/rooms/availability?start=2026-03-24T09:00:00Z&end=2026-03-24T10:00:00Z&locationId=lb')).status, 404);
    });
  });
}
