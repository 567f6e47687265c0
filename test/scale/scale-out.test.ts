/**
 * Scale-out proof: three server processes on one PostgreSQL, one Cronofy simulator, many concurrent booking
 * attempts at a handful of slots spread across the processes. Exactly one booking per slot wins, no person or
 * room is ever claimed twice at overlapping times, and no attempt gets a 5xx.
 *
 * Runs in `npm test` (the fast version: SCALE_ATTEMPTS=200 at SCALE_SLOTS=10) whenever TEST_DATABASE_URL names a
 * PostgreSQL server; `bash scripts/scale-out.sh` runs the full 500 attempts at 20 slots.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createCluster, createLinks, ORG_ID, type Cluster, type ServerProcess } from './cluster.js';

const ATTEMPTS = Number(process.env.SCALE_ATTEMPTS ?? 200);
const SLOTS = Number(process.env.SCALE_SLOTS ?? 10);
const PROCESSES = 3;

describe('scale-out: several server processes on one PostgreSQL', { skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL (npm test starts a cluster)' }, () => {
  let cluster: Cluster;
  const servers: ServerProcess[] = [];

  before(async () => {
    cluster = await createCluster();
    for (let i = 0; i < PROCESSES; i++) servers.push(await cluster.startServer());
  });

  after(async () => {
    await cluster?.close();
  });

  test(`${ATTEMPTS} concurrent attempts at ${SLOTS} slots across ${PROCESSES} processes: exactly ${SLOTS} bookings`, async () => {
    // One booking link per attempt, all with the same two interviewers (created across the processes too).
    const tokens = await createLinks(cluster, servers, ATTEMPTS);
    const offered = ((await (await fetch(`${servers[0]!.url}/api/public/bookings/${tokens[0]}/slots`)).json()) as { slots: Array<{ start: string }> }).slots;
    assert.ok(offered.length >= SLOTS, `need ${SLOTS} slots, got ${offered.length}`);
    const targets = offered.slice(0, SLOTS).map((s) => s.start);

    const results = await Promise.all(
      tokens.map((token, i) =>
        fetch(`${servers[i % PROCESSES]!.url}/api/public/bookings/${token}/appointment`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ start: targets[i % SLOTS] }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { start?: string; error?: { code: string } } })),
      ),
    );
    const byStatus = new Map<number, number>();
    for (const r of results) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    assert.deepEqual([...byStatus.keys()].filter((s) => s >= 500), [], `no 5xx: ${JSON.stringify([...byStatus])}`);
    assert.equal(byStatus.get(201), SLOTS, `exactly one booking per slot: ${JSON.stringify([...byStatus])}`);
    assert.equal(byStatus.get(409), ATTEMPTS - SLOTS);
    assert.deepEqual([...new Set(results.filter((r) => r.status === 201).map((r) => r.body.start))].sort(), [...targets].sort());

    const overlaps = await cluster.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM busy_claims a JOIN busy_claims b
         ON a.org_id = b.org_id AND a.resource_kind = b.resource_kind AND a.resource_id = b.resource_id
        AND a.ctid < b.ctid AND a.during && b.during
       WHERE a.org_id = $1`,
      [ORG_ID],
    );
    assert.equal(overlaps[0]!.n, 0);
    const appointments = await cluster.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM appointments WHERE org_id = $1 AND status = 'confirmed'`, [ORG_ID]);
    assert.equal(appointments[0]!.n, SLOTS);
  });
});
