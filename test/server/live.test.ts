/**
 * Live updates over server-sent events: the single-use stream ticket, delivery of committed changes filtered by
 * organization and by what the holder may see, ids and states only (never applicant data), and — on PostgreSQL —
 * a change committed through another connection pool (another server process) reaching the stream.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LiveEventSchema, StreamTicketSchema } from '../../src/shared/api/live.js';
import { emit } from '../../src/server/services/events.js';
import { parseNotification } from '../../src/server/services/live.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrations.js';
import { openPostgres } from '../../src/store/postgres.js';
import { createAdminApp } from '../support/admin.js';
import { createWorld, json, type World } from '../support/fixtures.js';
import { createScratchDatabase, createTestStore, STORE_KINDS } from '../support/store.js';

interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** Reads SSE messages from a response body; comments (keep-alives) are skipped. Fails after `timeoutMs`. */
function sseReader(res: Response, timeoutMs = 5000) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  return {
    async next(): Promise<SseMessage> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const message: SseMessage = { event: 'message', data: '' };
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) continue;
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'event') message.event = value;
            else if (field === 'data') data.push(value);
            else if (field === 'id') message.id = value;
          }
          if (data.length === 0) continue;
          message.data = data.join('\n');
          return message;
        }
        const remaining = deadline - Date.now();
        if (remaining <= 0) throw new Error('no SSE message in time');
        let timer: ReturnType<typeof setTimeout> | undefined;
        const chunk = await Promise.race([
          reader.read(),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('no SSE message in time')), remaining);
          }),
        ]).finally(() => clearTimeout(timer));
        if (chunk.done) throw new Error('stream ended');
        buffer += decoder.decode(chunk.value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

for (const kind of STORE_KINDS) {
  describe(`live updates (${kind})`, () => {
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
      /** Opens a stream for a user: ticket first (bearer), then the EventSource URL; waits for `ready`. */
      const open = async (sub: string, roles: Array<'admin' | 'recruiter'>) => {
        const ticketRes = await h.call(await h.token(sub, roles), 'POST', '/api/events/tickets');
        assert.equal(ticketRes.status, 201);
        const ticket = StreamTicketSchema.parse(await json(ticketRes));
        const res = await h.app.request(ticket.url);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /^text\/event-stream/);
        const stream = sseReader(res);
        const ready = await stream.next();
        assert.equal(ready.event, 'ready');
        return { stream, ticket };
      };
      return { world, ...h, open };
    }

    const changed = (world: World, type: Parameters<typeof emit>[2], data: Record<string, unknown>) =>
      db.tx((q) => emit(q, world.orgId, type, data, world.clock.now));

    test('a recruiter hears booking changes of their organization, ids and states only', async () => {
      const { world, open } = await setup();
      const other = await createWorld(db);
      const { stream } = await open('ben', ['recruiter']);
      try {
        await changed(other, 'booking.confirmed', { bookingRequestId: 'brq_other', status: 'booked' });
        await changed(world, 'connection.failed', { userId: 'carla', status: 'failed', reason: 'profile_disconnected' });
        const event = await changed(world, 'booking.confirmed', {
          bookingRequestId: 'brq_1', appointmentId: 'apt_1', status: 'booked', start: '2026-03-24T12:00:00Z', end: '2026-03-24T13:00:00Z', roomId: null,
          applicant: { name: 'Jamie Doe', email: 'jamie@applicant.test' }, participantIds: ['anna', 'ben'],
        });
        const message = await stream.next();
        assert.equal(message.event, 'booking.confirmed', 'neither the other organization\'s change nor a colleague\'s connection arrived first');
        assert.equal(message.id, event.id);
        assert.deepEqual(LiveEventSchema.parse(JSON.parse(message.data)), {
          id: event.id,
          type: 'booking.confirmed',
          data: { bookingRequestId: 'brq_1', appointmentId: 'apt_1', status: 'booked', start: '2026-03-24T12:00:00Z', end: '2026-03-24T13:00:00Z', roomId: null },
        });
        assert.equal(/jamie|participantIds/i.test(message.data), false);
        await changed(world, 'connection.restored', { userId: 'ben', status: 'connected_individual' });
        assert.equal((await stream.next()).event, 'connection.restored', 'one\'s own connection is heard');
      } finally {
        await stream.cancel();
      }
    });

    test('an admin hears every connection change, including the ones sent without a webhook event', async () => {
      const { world, open } = await setup();
      const { stream } = await open('anna', ['admin']);
      try {
        await changed(world, 'connection.failed', { userId: 'carla', status: 'failed', reason: 'profile_disconnected' });
        const failed = LiveEventSchema.parse(JSON.parse((await stream.next()).data));
        assert.deepEqual(failed.data, { userId: 'carla', status: 'failed', reason: 'profile_disconnected' });
        await db.query('SELECT pg_notify($1, $2)', ['dv_events', JSON.stringify({ orgId: world.orgId, type: 'connection.changed', data: { userId: 'ben', status: 'not_connected', tokens: 'x' } })]);
        const message = await stream.next();
        assert.equal(message.event, 'connection.changed');
        assert.deepEqual(JSON.parse(message.data), { type: 'connection.changed', data: { userId: 'ben', status: 'not_connected' } });
      } finally {
        await stream.cancel();
      }
    });

    test('a change that rolls back is never heard', async () => {
      const { world, open } = await setup();
      const { stream } = await open('anna', ['admin']);
      try {
        await assert.rejects(
          db.tx(async (q) => {
            await emit(q, world.orgId, 'booking.cancelled', { bookingRequestId: 'brq_rolled_back', status: 'cancelled' }, world.clock.now);
            throw new Error('rollback');
          }),
        );
        await changed(world, 'booking.cancelled', { bookingRequestId: 'brq_committed', status: 'cancelled' });
        assert.equal(LiveEventSchema.parse(JSON.parse((await stream.next()).data)).data.bookingRequestId, 'brq_committed');
      } finally {
        await stream.cancel();
      }
    });

    test('stream tickets are single-use, expire after a minute and are the only way in', async () => {
      const { world, app, call, token, open } = await setup();
      const { stream, ticket } = await open('ben', ['recruiter']);
      await stream.cancel();
      const reused = await app.request(ticket.url);
      assert.equal(reused.status, 401);
      assert.equal((await json(reused)).error.code, 'unauthorized');
      const fresh = StreamTicketSchema.parse(await json(await call(await token('ben', ['recruiter']), 'POST', '/api/events/tickets')));
      world.clock.now += 61_000;
      assert.equal((await app.request(fresh.url)).status, 401, 'expired');
      assert.equal((await app.request('/api/events?ticket=' + 'x'.repeat(32))).status, 401);
      assert.equal((await app.request('/api/events')).status, 400);
      const bearer = await token('ben', ['recruiter']);
      assert.equal((await app.request(`/api/events?ticket=${bearer}`)).status, 400, 'a bearer token is not a ticket');
      assert.equal((await app.request('/api/events/tickets', { method: 'POST' })).status, 401);
      const stored = await db.query<{ ticket_hash: string }>('SELECT ticket_hash FROM stream_tickets WHERE org_id = $1', [world.orgId]);
      assert.equal(stored.some((r) => r.ticket_hash === fresh.ticket), false, 'only hashes are stored');
    });

    test('NOTIFY payloads are parsed defensively', () => {
      assert.equal(parseNotification('not json'), null);
      assert.equal(parseNotification(JSON.stringify({ type: 'booking.confirmed' })), null);
      assert.equal(parseNotification(JSON.stringify({ orgId: 'o', type: 'DROP TABLE', data: {} })), null);
      assert.deepEqual(parseNotification(JSON.stringify({ orgId: 'o', type: 'booking.failed', data: { reason: 'expired', applicantEmail: 'a@b.test', userId: 7 } })), {
        orgId: 'o',
        event: { type: 'booking.failed', data: { reason: 'expired' } },
      });
    });

    if (kind === 'postgres') {
      test('a change committed by another server process reaches the stream (LISTEN/NOTIFY across pools)', async () => {
        // A second store on its own database, opened twice: two processes sharing one PostgreSQL.
        const database = await createScratchDatabase('dv_live');
        const one = await openPostgres(database.url, { max: 4 });
        const two = await openPostgres(database.url, { max: 4 });
        try {
          await migrate(one);
          const world = await createWorld(one);
          const h = createAdminApp(world);
          const ticket = StreamTicketSchema.parse(await json(await h.call(await h.token('anna', ['admin']), 'POST', '/api/events/tickets')));
          const stream = sseReader(await h.app.request(ticket.url));
          assert.equal((await stream.next()).event, 'ready');
          await two.tx((q) => emit(q, world.orgId, 'booking.failed', { bookingRequestId: 'brq_x', status: 'expired', reason: 'expired' }, world.clock.now));
          assert.equal(LiveEventSchema.parse(JSON.parse((await stream.next()).data)).data.bookingRequestId, 'brq_x');
          // The listening session is dropped by the server: events may be lost, so the stream ends and the client
          // reconnects and re-reads instead of silently missing changes.
          await two.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`);
          await assert.rejects(stream.next(), /stream ended/);
        } finally {
          await one.close();
          await two.close();
          await database.drop();
        }
      });
    }
  });
}
