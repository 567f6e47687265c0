/**
 * Privacy over HTTP: GDPR erasure of a user (connection revoked, open requests failed, rows gone) and of an
 * applicant (calendar events deleted, links dead, no trace of the applicant left in the organization's rows),
 * all-or-nothing when a calendar cannot be reached, and the retention purge — against each store kind.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ErasureResultSchema, UserErasureResultSchema } from '../../src/shared/api/privacy.js';
import { CalendarUnavailableError } from '../../src/server/services/calendar.js';
import { purgeExpiredBookingData } from '../../src/server/services/privacy.js';
import { silentLogger } from '../../src/server/middleware/logging.js';
import type { Db } from '../../src/store/db.js';
import { saveConnection } from '../../src/store/repos/connections.js';
import { createAdminApp, sealedTokens } from '../support/admin.js';
import { createRequest, createWorld, json, type World } from '../support/fixtures.js';
import { createTestStore, STORE_KINDS } from '../support/store.js';

/** Every row of the organization in every table, as text: what "no trace left" is checked against. */
async function orgRowsText(db: Db, orgId: string): Promise<string> {
  const tables = await db.query<{ table_name: string }>(
    "SELECT table_name FROM information_schema.columns WHERE column_name = 'org_id' AND table_schema = current_schema() ORDER BY table_name",
  );
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const rows = await db.query(`SELECT * FROM ${table_name} WHERE org_id = $1`, [orgId]);
    parts.push(`${table_name}:${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}

for (const kind of STORE_KINDS) {
  describe(`privacy API (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
    });
    after(async () => {
      await db.close();
    });

    async function setup() {
      const world = await createWorld(db);
      const h = createAdminApp(world);
      return { world, ...h, admin: await h.token('anna', ['admin']), recruiter: await h.token('ben', ['recruiter']) };
    }

    async function book(world: World, app: ReturnType<typeof createAdminApp>['app'], start: string, overrides: Parameters<typeof createRequest>[1] = {}) {
      const { token, view } = await createRequest(world, overrides);
      const res = await app.request(`/api/public/bookings/${token}/appointment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ start }) });
      assert.equal(res.status, 201);
      return { token, id: view.id };
    }

    test('erasing a user revokes their calendar, fails their open requests and deletes their rows', async () => {
      const { world, call, admin, recruiter, revoked } = await setup();
      await saveConnection(db, { orgId: world.orgId, userId: 'ben', status: 'connected_individual', profileEmail: 'ben.private@gmail.test', tokensEnc: sealedTokens('refresh-ben') });
      const { view } = await createRequest(world);
      await db.query("INSERT INTO freebusy_cache (org_id, resource_key, window_start, window_end, busy, fetched_at) VALUES ($1, 'user:ben', now(), now(), '[]', now())", [world.orgId]);
      assert.equal((await call(recruiter, 'DELETE', '/api/users/ben')).status, 403);
      const res = await call(admin, 'DELETE', '/api/users/ben');
      assert.equal(res.status, 200);
      assert.deepEqual(UserErasureResultSchema.parse(await json(res)), { userId: 'ben', connectionRevoked: true, failedBookingRequests: 1 });
      assert.deepEqual(revoked, ['refresh-ben']);
      assert.equal((await call(admin, 'GET', '/api/users/ben')).status, 404);
      const rows = await orgRowsText(db, world.orgId);
      for (const trace of ['Ben Taylor', 'ben@example.test', 'ben.private@gmail.test', 'user:ben']) assert.equal(rows.includes(trace), false, trace);
      const request = await db.query<{ status: string; failure_reason: string }>('SELECT status, failure_reason FROM booking_requests WHERE org_id = $1 AND id = $2', [world.orgId, view.id]);
      assert.deepEqual(request[0], { status: 'failed', failure_reason: 'participant_disconnected' });
      assert.equal((await call(admin, 'DELETE', '/api/users/ben')).status, 404);
    });

    test('erasing an applicant deletes the calendar events and every trace; the link stops working', async () => {
      const { world, app, call, admin, recruiter } = await setup();
      const first = await book(world, app, '2026-03-24T12:00:00Z');
      const second = await book(world, app, '2026-03-25T12:00:00Z', { applicant: { name: 'Jamie Doe', email: 'JAMIE@applicant.test' } });
      const other = await book(world, app, '2026-03-26T12:00:00Z', { applicant: { name: 'Kim Lee', email: 'kim@applicant.test' } });
      assert.equal(world.calendars.written.size, 3);
      assert.equal((await call(recruiter, 'POST', '/api/privacy/applicant-erasure', { email: 'jamie@applicant.test' })).status, 403);

      const res = await call(admin, 'POST', '/api/privacy/applicant-erasure', { email: 'jamie@applicant.test' });
      assert.equal(res.status, 200);
      assert.deepEqual(ErasureResultSchema.parse(await json(res)), { bookingRequests: 2, appointments: 2, calendarEvents: 2 });
      assert.equal(world.calendars.written.size, 1, 'only the other applicant\'s event is left');
      for (const { token } of [first, second]) {
        const link = await app.request(`/api/public/bookings/${token}`);
        assert.equal(link.status, 404);
        assert.equal((await json(link)).error.code, 'booking_not_found');
      }
      assert.equal((await app.request(`/api/public/bookings/${other.token}`)).status, 200);
      const rows = await orgRowsText(db, world.orgId);
      assert.equal(/jamie/i.test(rows), false, 'no trace of the applicant in any table');
      assert.equal(rows.includes('kim@applicant.test'), true, 'the other applicant is untouched');
      const events = await db.query<{ type: string }>('SELECT type FROM outbox WHERE org_id = $1 ORDER BY created_at', [world.orgId]);
      assert.deepEqual(events.map((e) => e.type), ['booking.confirmed', 'booking.confirmed', 'booking.confirmed'], 'the host\'s events stay, without the applicant');

      const byId = await call(admin, 'POST', '/api/privacy/applicant-erasure', { bookingRequestId: other.id });
      assert.deepEqual(ErasureResultSchema.parse(await json(byId)), { bookingRequests: 1, appointments: 1, calendarEvents: 1 });
      assert.equal((await call(admin, 'POST', '/api/privacy/applicant-erasure', { bookingRequestId: other.id })).status, 404);
      const none = await call(admin, 'POST', '/api/privacy/applicant-erasure', { email: 'nobody@applicant.test' });
      assert.deepEqual(await json(none), { bookingRequests: 0, appointments: 0, calendarEvents: 0 });
      for (const body of [{}, { email: 'x@applicant.test', bookingRequestId: 'brq_1' }, { email: 'not-an-email' }]) {
        const bad = await call(admin, 'POST', '/api/privacy/applicant-erasure', body);
        assert.equal(bad.status, 400, JSON.stringify(body));
        assert.equal((await json(bad)).error.code, 'validation_failed');
      }
    });

    test('when a calendar cannot be reached, the erasure answers 503 and erases nothing (retry later)', async () => {
      const { world, app, call, admin } = await setup();
      const { token } = await book(world, app, '2026-03-24T12:00:00Z');
      const deleteEvent = world.calendars.deleteEvent.bind(world.calendars);
      world.calendars.deleteEvent = async () => {
        throw new CalendarUnavailableError('down');
      };
      const before = await orgRowsText(db, world.orgId);
      const res = await call(admin, 'POST', '/api/privacy/applicant-erasure', { email: 'jamie@applicant.test' });
      assert.equal(res.status, 503);
      assert.equal((await json(res)).error.code, 'calendar_unavailable');
      assert.equal(await orgRowsText(db, world.orgId), before);
      assert.equal((await app.request(`/api/public/bookings/${token}`)).status, 200);
      world.calendars.deleteEvent = deleteEvent;
      assert.equal((await call(admin, 'POST', '/api/privacy/applicant-erasure', { email: 'jamie@applicant.test' })).status, 200);
    });

    test('retention purge: links whose period ended more than retentionDays ago go, with their applicant data', async () => {
      const { world, app, call, token } = await setup();
      await call(await token('anna', ['admin']), 'PATCH', '/api/settings', { retentionDays: 30 });
      const old = await book(world, app, '2026-03-24T12:00:00Z');
      const unbooked = await createRequest(world, { applicant: { name: 'Old Open', email: 'old.open@applicant.test' } });
      const recent = await createRequest(world, {
        applicant: { name: 'Recent Rita', email: 'rita@applicant.test' },
        period: { start: '2026-04-20T00:00:00.000Z', end: '2026-04-21T00:00:00.000Z' },
      });
      // All periods end by 2026-04-21; 30 days after the first ones (2026-03-28) but not after the last.
      world.clock.now = Date.parse('2026-05-01T00:00:00Z');
      const admin = await token('anna', ['admin']);
      const recruiter = await token('ben', ['recruiter']);
      assert.equal((await call(recruiter, 'POST', '/api/privacy/retention-purge')).status, 403);
      const res = await call(admin, 'POST', '/api/privacy/retention-purge');
      assert.equal(res.status, 200);
      assert.deepEqual(ErasureResultSchema.parse(await json(res)), { bookingRequests: 2, appointments: 1, calendarEvents: 0 });
      assert.equal((await app.request(`/api/public/bookings/${old.token}`)).status, 404);
      assert.equal((await app.request(`/api/public/bookings/${unbooked.token}`)).status, 404);
      assert.equal((await app.request(`/api/public/bookings/${recent.token}`)).status, 200);
      const rows = await orgRowsText(db, world.orgId);
      assert.equal(/jamie|old\.open/i.test(rows), false);
      assert.equal(rows.includes('rita@applicant.test'), true);
      assert.equal(world.calendars.written.size, 1, 'the interviewers\' calendars keep their record');
      // The periodic job (all organizations) leaves the recent link too, until its own time has come.
      await purgeExpiredBookingData({ db, now: world.deps.now, logger: silentLogger });
      assert.equal((await app.request(`/api/public/bookings/${recent.token}`)).status, 200);
      world.clock.now = Date.parse('2026-05-22T00:00:00Z');
      await purgeExpiredBookingData({ db, now: world.deps.now, logger: silentLogger });
      assert.equal((await app.request(`/api/public/bookings/${recent.token}`)).status, 404);
    });
  });
}
