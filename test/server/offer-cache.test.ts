/**
 * The per-process offer cache: what retires an entry (a change of its organization, of all, a gap in the
 * notifications, its own end of validity, the caller's refusal), that concurrent misses share one computation
 * only when nothing changed meanwhile — and, on both stores, that every slot input table announces its committed
 * changes, and that the applicant's slot list follows changes made by this process, by another process, and by
 * the clock (a hold expiring) without ever serving what it could know to be stale.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createOfferCache, type Loaded } from '../../src/server/services/offer-cache.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrations.js';
import { openPostgres } from '../../src/store/postgres.js';
import { SLOT_INPUTS_CHANNEL, SLOT_INPUT_TABLES, watchSlotInputWrites, writesSlotInputs } from '../../src/store/slot-input-changes.js';
import { createRequest, createTestApp, createWorld, json, type World } from '../support/fixtures.js';
import { createScratchDatabase, createTestStore, STORE_KINDS } from '../support/store.js';

function counter<T>(value: (n: number) => T, orgId = 'org_a') {
  let calls = 0;
  const load = async (): Promise<Loaded<T>> => ({ orgId, value: value(++calls) });
  return { load, calls: () => calls };
}

describe('offer cache', () => {
  const clock = { now: 1_000_000 };
  const listeningCache = (options: { ttlMs?: number; maxEntries?: number } = {}) => {
    const cache = createOfferCache({ now: () => clock.now, ...options });
    cache.listening = true;
    return cache;
  };

  test('serves an entry until its organization (or everything) changes; other organizations do not retire it', async () => {
    const cache = listeningCache();
    const a = counter((n) => `a${n}`);
    assert.equal(await cache.get('k', a.load), 'a1');
    assert.equal(await cache.get('k', a.load), 'a1');
    cache.changed('org_b');
    assert.equal(await cache.get('k', a.load), 'a1');
    cache.changed('org_a');
    assert.equal(await cache.get('k', a.load), 'a2');
    cache.changed();
    assert.equal(await cache.get('k', a.load), 'a3');
    assert.equal(a.calls(), 3);
  });

  test('a change while the entry is computed retires it: the next request computes again', async () => {
    const cache = listeningCache();
    let calls = 0;
    const load = async (): Promise<Loaded<number>> => {
      calls++;
      if (calls === 1) cache.changed('org_a'); // e.g. a booking committed between our reads
      return { orgId: 'org_a', value: calls };
    };
    assert.equal(await cache.get('k', load), 1, 'the request itself gets what it read');
    assert.equal(await cache.get('k', load), 2);
    assert.equal(await cache.get('k', load), 2);
  });

  test('concurrent misses share one computation, unless something changed after it began', async () => {
    const cache = listeningCache();
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const load = async (): Promise<Loaded<number>> => {
      const n = ++calls;
      await gate;
      return { orgId: 'org_a', value: n };
    };
    const first = cache.get('k', load);
    const second = cache.get('k', load);
    cache.changed('org_z');
    const third = cache.get('k', load);
    release();
    assert.deepEqual(await Promise.all([first, second, third]), [1, 1, 2]);
    assert.equal(calls, 2);
  });

  test('an entry ends at its own validity (a hold expiring) or at the TTL, whichever comes first', async () => {
    const cache = listeningCache({ ttlMs: 30_000 });
    let calls = 0;
    const load = async (): Promise<Loaded<number>> => ({ orgId: 'org_a', value: ++calls, validUntil: clock.now + 10_000 });
    assert.equal(await cache.get('k', load), 1);
    clock.now += 9_999;
    assert.equal(await cache.get('k', load), 1);
    clock.now += 1;
    assert.equal(await cache.get('k', load), 2);
    const plain = counter((n) => n);
    await cache.get('p', plain.load);
    clock.now += 29_999;
    await cache.get('p', plain.load);
    clock.now += 1;
    await cache.get('p', plain.load);
    assert.equal(plain.calls(), 2);
  });

  test('the caller may refuse an entry; nothing is cached while changes are not heard; the oldest entries go first', async () => {
    const cache = listeningCache({ maxEntries: 2 });
    const a = counter((n) => n);
    await cache.get('k', a.load);
    assert.equal(await cache.get('k', a.load, () => false), 2);
    cache.listening = false;
    await cache.get('k', a.load);
    await cache.get('k', a.load);
    assert.equal(a.calls(), 4);
    cache.listening = true;
    const b = counter((n) => n);
    await cache.get('x', b.load);
    await cache.get('y', b.load);
    await cache.get('z', b.load);
    await cache.get('z', b.load);
    await cache.get('y', b.load);
    assert.equal(b.calls(), 3);
    await cache.get('x', b.load);
    assert.equal(b.calls(), 4, 'x was evicted');
  });

  test('writes to slot input tables are recognised, other writes and reads are not', () => {
    assert.ok(writesSlotInputs('INSERT INTO busy_claims (org_id) VALUES ($1)'));
    assert.ok(writesSlotInputs('UPDATE users SET weekly_hours = $3 WHERE org_id = $1'));
    assert.ok(writesSlotInputs('WITH released AS (DELETE FROM holds WHERE x) DELETE FROM busy_claims WHERE y'));
    assert.ok(writesSlotInputs('delete from freebusy_cache where org_id = $1'));
    assert.ok(!writesSlotInputs('SELECT * FROM busy_claims WHERE org_id = $1'));
    assert.ok(!writesSlotInputs('UPDATE outbox SET attempts = 1'));
    assert.ok(!writesSlotInputs('UPDATE users_archive SET x = 1'));
  });
});

/** Opens a second handle on the same database: another server process. PGlite has one process: the same handle. */
async function secondProcess(kind: 'pglite' | 'postgres'): Promise<{ one: Db; two: Db; close(): Promise<void> }> {
  if (kind === 'pglite') {
    const db = await createTestStore('pglite');
    return { one: db, two: db, close: () => db.close() };
  }
  const database = await createScratchDatabase('dv_offers');
  const one = await openPostgres(database.url, { max: 6 });
  await migrate(one);
  const two = await openPostgres(database.url, { max: 2 });
  return {
    one,
    two,
    async close() {
      await one.close();
      await two.close();
      await database.drop();
    },
  };
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms; last ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

for (const kind of STORE_KINDS) {
  describe(`slot offers follow every change (${kind})`, () => {
    let stores: Awaited<ReturnType<typeof secondProcess>>;
    before(async () => {
      stores = await secondProcess(kind);
    });
    after(async () => {
      await stores.close();
    });

    test("this process's own writes are reported at commit: statements and whole transactions, not reads or rollbacks", async () => {
      const world = await createWorld(stores.one);
      const reports: string[] = [];
      const watched = watchSlotInputWrites(stores.one, () => reports.push('write'));
      await watched.query('SELECT * FROM users WHERE org_id = $1', [world.orgId]);
      await watched.query('UPDATE outbox SET attempts = attempts WHERE org_id = $1', [world.orgId]);
      assert.deepEqual(reports, []);
      await watched.query('UPDATE users SET name = name WHERE org_id = $1', [world.orgId]);
      assert.deepEqual(reports, ['write']);
      await watched.tx(async (q) => {
        await q.query('UPDATE users SET name = name WHERE org_id = $1', [world.orgId]);
        await q.query('UPDATE rooms SET name = name WHERE org_id = $1', [world.orgId]);
        assert.deepEqual(reports, ['write'], 'not before the commit');
      });
      assert.deepEqual(reports, ['write', 'write'], 'once per transaction');
      await watched
        .tx(async (q) => {
          await q.query('UPDATE users SET name = name WHERE org_id = $1', [world.orgId]);
          throw new Error('roll back');
        })
        .catch(() => undefined);
      assert.deepEqual(reports, ['write', 'write'], 'a rolled-back transaction changed nothing');
    });

    test('every slot input table announces a committed change with its organization, a rolled-back one nothing', async () => {
      const rows = await stores.one.query<{ table: string }>(
        `SELECT DISTINCT event_object_table AS table FROM information_schema.triggers WHERE trigger_name LIKE '%\\_announce'`,
      );
      assert.deepEqual(rows.map((r) => r.table).sort(), [...SLOT_INPUT_TABLES].sort());
      const world = await createWorld(stores.one);
      const heard: string[] = [];
      const stop = await stores.one.listen(SLOT_INPUTS_CHANNEL, (payload) => heard.push(payload));
      try {
        await stores.two.query('UPDATE users SET name = name WHERE org_id = $1', [world.orgId]);
        await eventually(async () => heard, (h) => h.includes(world.orgId), 'announcement of a user change');
        heard.length = 0;
        await stores.two.tx(async (q) => {
          await q.query('UPDATE rooms SET name = name WHERE org_id = $1', [world.orgId]);
          await q.query('UPDATE organizations SET name = name WHERE id = $1', [world.orgId]);
        });
        await eventually(async () => heard, (h) => h.length >= 1, 'announcement of a transaction');
        assert.deepEqual([...new Set(heard)], [world.orgId], 'one organization, folded within the transaction');
        heard.length = 0;
        await stores.two
          .tx(async (q) => {
            await q.query('UPDATE users SET name = name WHERE org_id = $1', [world.orgId]);
            throw new Error('roll back');
          })
          .catch(() => undefined);
        await stores.two.query('UPDATE outbox SET attempts = attempts WHERE org_id = $1', [world.orgId]); // not a slot input
        await stores.two.query("SELECT pg_notify($1, 'marker')", [SLOT_INPUTS_CHANNEL]);
        await eventually(async () => heard, (h) => h.includes('marker'), 'the marker');
        assert.deepEqual(heard, ['marker'], 'neither the rolled-back change nor the outbox write was announced');
      } finally {
        await stop();
      }
    });

    if (kind === 'postgres') {
      test('a broken LISTEN connection is reported, re-established, and hears changes again', async () => {
        const world = await createWorld(stores.one);
        const heard: string[] = [];
        const gaps: boolean[] = [];
        const stop = await stores.one.listen(SLOT_INPUTS_CHANNEL, (payload) => heard.push(payload), (listening) => gaps.push(listening));
        try {
          // The server drops the listening session (a restart, a failover, an idle-session killer).
          const killed = await stores.two.query<{ ok: boolean }>(
            `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'`,
          );
          assert.ok(killed.length >= 1 && killed.every((k) => k.ok));
          await eventually(async () => gaps, (g) => g.length >= 2, 'lost, then listening again', 20_000);
          assert.deepEqual(gaps.slice(0, 2), [false, true]);
          await stores.two.query('UPDATE users SET name = name WHERE org_id = $1', [world.orgId]);
          await eventually(async () => heard, (h) => h.includes(world.orgId), 'a change heard after the reconnect');
        } finally {
          await stop();
        }
      });
    }

    async function cachingApp(world: World, options: { ttlMs?: number } = {}) {
      return createTestApp(world, { offers: createOfferCache({ now: world.deps.now, ...options }) });
    }

    /** A new link of Anna and Ben (online, no room) and its slot list, once the app serves it from its cache. */
    async function link(world: World, app: Awaited<ReturnType<typeof createTestApp>>) {
      const { token } = await createRequest(world, { roomNeeded: false, locationId: null, online: true });
      const slots = async () => {
        const res = await app.request(`/api/public/bookings/${token}/slots`);
        assert.equal(res.status, 200);
        return ((await json(res)) as { slots: Array<{ start: string }> }).slots.map((s) => s.start);
      };
      // The app hears changes once its LISTEN is up; until then it serves nothing from the cache.
      await eventually(async () => {
        await slots();
        const reads = world.calendars.reads;
        await slots();
        return world.calendars.reads - reads;
      }, (extra) => extra === 0, 'the second of two requests served from the cache');
      return { token, slots };
    }

    test('a second request is served from the cache; a booking by this process shows at once', async () => {
      const world = await createWorld(stores.one);
      const app = await cachingApp(world);
      const other = await link(world, app);
      const { token, slots } = await link(world, app);
      const before = await slots();
      assert.deepEqual(await other.slots(), before, 'a second link of the same interviewers, cached too');
      const reads = world.calendars.reads;
      assert.deepEqual(await slots(), before);
      assert.equal(world.calendars.reads, reads, 'no calendar read for a cached offer');
      const booked = await app.request(`/api/public/bookings/${token}/appointment`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ start: before[0] }),
      });
      assert.equal(booked.status, 201);
      // The other link's cached offer no longer has the booked time, with no wait at all: this process retired it
      // when the booking committed, before any notification came back.
      assert.ok(!(await other.slots()).includes(before[0]!));
    });

    test("another process's change (weekly hours) reaches this process's cached offer", async () => {
      const world = await createWorld(stores.one);
      const { slots } = await link(world, await cachingApp(world));
      const before = await slots();
      assert.ok(before.length > 0);
      // Ben is now available only on Fridays, 13:00–14:00 London time, written through the other process's store.
      await stores.two.query(`UPDATE users SET weekly_hours = $3 WHERE org_id = $1 AND id = $2`, [
        world.orgId,
        'ben',
        JSON.stringify([{ day: 'fri', start: '13:00', end: '14:00' }]),
      ]);
      const after = await eventually(slots, (s) => s.length !== before.length, 'the offer after the change');
      assert.ok(after.length > 0 && after.length < before.length, `fewer slots: ${before.length} → ${after.length}`);
      assert.ok(after.every((s) => new Date(s).getUTCDay() === 5), 'only Fridays remain');
    });

    test('a hold of another link hides its time until the hold expires, with no write in between', async () => {
      const world = await createWorld(stores.one);
      // A TTL far beyond the hold: only the hold's own expiry can bring its time back.
      const { slots } = await link(world, await cachingApp(world, { ttlMs: 24 * 3_600_000 }));
      const before = await slots();
      const app = await createTestApp(world);
      const other = await createRequest(world, { roomNeeded: false, locationId: null, online: true });
      const hold = await app.request(`/api/public/bookings/${other.token}/holds`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ start: before[1] }),
      });
      assert.equal(hold.status, 201);
      const held = await eventually(slots, (s) => !s.includes(before[1]!), 'the held time hidden');
      assert.ok(held.length < before.length && held.every((s) => before.includes(s)));
      const { expiresAt } = (await json(hold)) as { expiresAt: string };
      world.clock.now = Date.parse(expiresAt);
      assert.deepEqual(await slots(), before, 'the time is offered again the moment the hold expires');
    });
  });
}
