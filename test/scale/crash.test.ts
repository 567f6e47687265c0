/**
 * Crash safety: a server process is SIGKILLed at random points while bookings stream in, and restarted. After
 * the last restart the reconciler finishes what was in flight: no booking without its calendar event, no
 * product event without its booking, every booked link has exactly one confirmed appointment, and the host's
 * receiver has every webhook of the outbox (at least once).
 *
 * Runs in `npm test` with CRASH_ROUNDS=3 whenever TEST_DATABASE_URL names a PostgreSQL server.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { mulberry32 } from '../../src/shared/prng.js';
import { createCluster, createLinks, freePort, ORG_ID, type Cluster, type ServerProcess } from './cluster.js';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 3);
const PER_ROUND = 8;

describe('crash safety', { skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL (npm test starts a cluster)' }, () => {
  let cluster: Cluster;
  let receiver: Server;
  const received = new Set<string>();

  before(async () => {
    const port = await freePort();
    receiver = createServer((req, res) => {
      const id = req.headers['webhook-id'];
      if (typeof id === 'string') received.add(id);
      req.resume();
      res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
    cluster = await createCluster({ webhookUrl: `http://127.0.0.1:${port}/hooks`, webhookSecret: `whsec_${Buffer.from('crash-test-secret').toString('base64')}` });
  });

  after(async () => {
    await cluster?.close();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  test(`${ROUNDS} SIGKILLs during a stream of bookings leave nothing half-done`, async () => {
    const random = mulberry32(42);
    let server: ServerProcess = await cluster.startServer({ DV_RECONCILE_GRACE_SECONDS: '1' });
    const tokens = (await createLinks(cluster, [server], ROUNDS * PER_ROUND)).map((link) => link.token);
    const offered = ((await (await fetch(`${server.url}/api/public/bookings/${tokens[0]}/slots`)).json()) as { slots: Array<{ start: string }> }).slots;
    assert.ok(offered.length >= tokens.length);

    for (let round = 0; round < ROUNDS; round++) {
      const batch = tokens.slice(round * PER_ROUND, (round + 1) * PER_ROUND);
      const attempts = batch.map((token, i) =>
        fetch(`${server.url}/api/public/bookings/${token}/appointment`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ start: offered[round * PER_ROUND + i]!.start }),
        }).then((r) => r.status, () => 'lost' as const),
      );
      // The first round waits for one booking to succeed (a busy machine may need longer than any fixed delay),
      // so the final check has bookings to look at; every round then kills with attempts still in flight.
      if (round === 0) await Promise.race([Promise.any(attempts.map((a) => a.then((o) => (o === 201 ? o : Promise.reject(new Error(String(o))))))), new Promise((r) => setTimeout(r, 20_000))]).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 20 + Math.floor(random() * 300)));
      await server.kill();
      const outcomes = await Promise.all(attempts);
      assert.equal(outcomes.some((o) => typeof o === 'number' && o >= 500), false, `no 5xx before the crash: ${outcomes.join(',')}`);
      server = await cluster.startServer({ DV_RECONCILE_GRACE_SECONDS: '1' });
    }

    // Let the restarted process reconcile calendar writes and drain the outbox.
    const settled = async () => {
      const pending = await cluster.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM appointments WHERE org_id = $1 AND calendar_state = 'pending'`, [ORG_ID]);
      const undelivered = await cluster.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE org_id = $1 AND delivered_at IS NULL`, [ORG_ID]);
      return pending[0]!.n === 0 && undelivered[0]!.n === 0;
    };
    // Events a killed process had claimed come back after their lease (30 s), so allow for that.
    for (let i = 0; i < 450 && !(await settled()); i++) await new Promise((r) => setTimeout(r, 200));
    assert.ok(await settled(), 'every calendar write and webhook finished after the restart');
    await server.stop();

    const appointments = await cluster.db.query<{ id: string; event_id: string; start_at: Date; booking_request_id: string; calendar_state: string }>(
      `SELECT id, event_id, start_at, booking_request_id, calendar_state FROM appointments WHERE org_id = $1 AND status = 'confirmed'`,
      [ORG_ID],
    );
    assert.ok(appointments.length > 0, 'some bookings went through');
    const iris = cluster.sim.sim.control.listAccounts().find((a) => a.email === 'iris@scale.example')!;
    const events = cluster.sim.sim.control.listEvents(iris.sub, { include_deleted: false }).filter((e) => e.event_id);
    // No booking without its event, no event without its booking.
    assert.deepEqual(events.map((e) => e.event_id).sort(), appointments.map((a) => a.event_id).sort());
    for (const a of appointments) {
      assert.equal(a.calendar_state, 'written');
      const event = events.find((e) => e.event_id === a.event_id)!;
      assert.equal(Date.parse(event.start), a.start_at.getTime());
    }
    // Every booked link has exactly its one appointment; every open link has none.
    const requests = await cluster.db.query<{ id: string; status: string; appointment_id: string | null }>(
      'SELECT id, status, appointment_id FROM booking_requests WHERE org_id = $1',
      [ORG_ID],
    );
    for (const r of requests) {
      const mine = appointments.filter((a) => a.booking_request_id === r.id);
      assert.equal(mine.length, r.status === 'booked' ? 1 : 0, `request ${r.id} (${r.status})`);
      if (r.status === 'booked') assert.equal(r.appointment_id, mine[0]!.id);
    }
    // No webhook lost: the receiver saw every event of the outbox.
    const outbox = await cluster.db.query<{ id: string }>('SELECT id FROM outbox WHERE org_id = $1', [ORG_ID]);
    assert.deepEqual(outbox.map((e) => e.id).filter((id) => !received.has(id)), []);
    assert.equal(outbox.length >= appointments.length, true);
  });
});
