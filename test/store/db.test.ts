/**
 * The store seam's contract, on every store kind: values go in and come back the same way, errors keep
 * PostgreSQL's codes, transactions are all or nothing and keep other statements out, DDL is seen at once, and
 * notifications sent in a transaction arrive after its commit. The embedded adapter talks to PGlite at the wire
 * protocol level with prepared statements (src/store/pglite.ts), so each of its paths is pinned here.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { PG_ERRORS, TransactionAbortedError, pgErrorCode, type Db } from '../../src/store/db.js';
import { openPgliteThread } from '../../src/store/pglite-thread.js';
import { STORE_KINDS, createTestStore, type StoreKind } from '../support/store.js';

const KINDS: StoreKind[] = [...STORE_KINDS, 'pglite-thread'];

for (const kind of KINDS) {
  describe(`store seam (${kind})`, () => {
    let db: Db;
    before(async () => {
      db = await createTestStore(kind);
      await db.exec(`CREATE TABLE seam (id text PRIMARY KEY, n integer, flag boolean, at timestamptz, doc jsonb, tags text[], during tstzrange)`);
    });
    after(() => db.close());

    it('round-trips text, numbers, booleans, null, instants, JSON and arrays', async () => {
      const at = '2026-03-29T01:30:00.000Z';
      await db.query('INSERT INTO seam (id, n, flag, at, doc, tags) VALUES ($1, $2, $3, $4, $5, $6)', [
        "o'brien \"quoted\" ; DROP TABLE seam; --",
        42,
        false,
        at,
        JSON.stringify({ nested: { list: [1, 'two', null] }, umlaut: 'Grüße' }),
        ['a', 'b,c', 'd"e', ''],
      ]);
      await db.query('INSERT INTO seam (id, n, flag, at, doc, tags) VALUES ($1, $2, $3, $4, $5, $6)', ['nulls', null, null, null, null, null]);
      const [row] = await db.query<{ id: string; n: number; flag: boolean; at: Date; doc: unknown; tags: string[] }>('SELECT * FROM seam WHERE n = $1', [42]);
      assert.equal(row!.id, "o'brien \"quoted\" ; DROP TABLE seam; --");
      assert.equal(row!.flag, false);
      assert.equal(new Date(row!.at).toISOString(), at);
      assert.deepEqual(row!.doc, { nested: { list: [1, 'two', null] }, umlaut: 'Grüße' });
      assert.deepEqual(row!.tags, ['a', 'b,c', 'd"e', '']);
      const [empty] = await db.query<Record<string, unknown>>('SELECT n, flag, at, doc, tags FROM seam WHERE id = $1', ['nulls']);
      assert.deepEqual(empty, { n: null, flag: null, at: null, doc: null, tags: null });
      // An array parameter compared with ANY, and a Date parameter, read as the same instant on both stores.
      const found = await db.query<{ id: string }>('SELECT id FROM seam WHERE id = ANY($1::text[]) AND at = $2', [['nulls', row!.id], new Date(at)]);
      assert.deepEqual(found.map((r) => r.id), [row!.id]);
    });

    it('runs the same text again and again with other parameters (prepared once on the embedded store)', async () => {
      for (let i = 0; i < 12; i++) await db.query('INSERT INTO seam (id, n) VALUES ($1, $2)', [`repeat-${i}`, i]);
      const rows = await db.query<{ total: string }>('SELECT sum(n)::text AS total FROM seam WHERE id LIKE $1', ['repeat-%']);
      assert.equal(rows[0]!.total, String((11 * 12) / 2));
    });

    it('keeps PostgreSQL error codes, and a statement that failed at execution still runs next time', async () => {
      const insert = 'INSERT INTO seam (id, n) VALUES ($1, $2)';
      await db.query(insert, ['dup', 1]);
      await assert.rejects(db.query(insert, ['dup', 2]), (error) => pgErrorCode(error) === PG_ERRORS.uniqueViolation);
      // Bad input for a parameter fails at Bind; the prepared statement stays usable.
      await assert.rejects(db.query('SELECT id FROM seam WHERE n = $1', ['not a number']), (error) => pgErrorCode(error) === '22P02');
      assert.deepEqual(await db.query('SELECT id FROM seam WHERE n = $1 AND id = $2', [1, 'dup']), [{ id: 'dup' }]);
      assert.deepEqual(await db.query('SELECT id FROM seam WHERE n = $1', [-1]), []);
      await db.query(insert, ['after-error', 3]);
      await assert.rejects(db.query('SELECT no_such_column FROM seam'), (error) => pgErrorCode(error) === '42703');
    });

    it('commits a transaction whole, and rolls it back whole when its callback throws', async () => {
      await db.tx(async (q) => {
        await q.query('INSERT INTO seam (id, n) VALUES ($1, $2)', ['tx-a', 1]);
        await q.query('UPDATE seam SET n = n + 1 WHERE id = $1', ['tx-a']);
      });
      assert.deepEqual(await db.query('SELECT n FROM seam WHERE id = $1', ['tx-a']), [{ n: 2 }]);
      await assert.rejects(
        db.tx(async (q) => {
          await q.query('INSERT INTO seam (id, n) VALUES ($1, $2)', ['tx-b', 1]);
          await q.query('INSERT INTO seam (id, n) VALUES ($1, $2)', ['tx-b', 2]);
        }),
        (error) => pgErrorCode(error) === PG_ERRORS.uniqueViolation,
      );
      assert.deepEqual(await db.query('SELECT id FROM seam WHERE id = $1', ['tx-b']), []);
    });

    it('never commits a transaction whose failed statement the callback swallowed', async () => {
      await assert.rejects(
        db.tx(async (q) => {
          await q.query('INSERT INTO seam (id, n) VALUES ($1, $2)', ['swallowed', 1]);
          await q.query('INSERT INTO seam (id, n) VALUES ($1, $2)', ['swallowed', 2]).catch(() => undefined);
        }),
        TransactionAbortedError,
      );
      assert.deepEqual(await db.query('SELECT id FROM seam WHERE id = $1', ['swallowed']), []);
    });

    it('atomic: runs statements in order as one transaction and answers each one\'s rows', async () => {
      // Each statement reads what the one before it wrote.
      const step = `INSERT INTO seam (id, n) SELECT $1, coalesce(max(n), 0) + 1 FROM seam WHERE id LIKE 'atomic-%' RETURNING n`;
      const answers = await db.atomic(['atomic-1', 'atomic-2', 'atomic-3'].map((id) => ({ sql: step, params: [id] })));
      assert.deepEqual(answers, [[{ n: 1 }], [{ n: 2 }], [{ n: 3 }]]);
    });

    it('atomic: the first failure rolls back every statement and no later one runs', async () => {
      await db.exec('CREATE SEQUENCE IF NOT EXISTS seam_seq');
      const [[before]] = (await db.atomic([{ sql: 'SELECT last_value FROM seam_seq', params: [] }])) as [[{ last_value: number }]];
      await assert.rejects(
        db.atomic([
          { sql: 'INSERT INTO seam (id, n) VALUES ($1, $2)', params: ['atomic-a', 1] },
          { sql: "SELECT dv_check($1, 'seam condition')", params: [false] },
          // nextval is not transactional: had this run, the sequence would have moved.
          { sql: "SELECT nextval('seam_seq')", params: [] },
        ]),
        (error: Error) => pgErrorCode(error) === PG_ERRORS.checkFailed && error.message === 'seam condition',
      );
      assert.deepEqual(await db.query("SELECT id FROM seam WHERE id = 'atomic-a'"), []);
      assert.deepEqual(await db.query('SELECT last_value FROM seam_seq'), [before]);
      await assert.rejects(
        db.atomic([
          { sql: 'INSERT INTO seam (id, n) VALUES ($1, $2)', params: ['atomic-b', 1] },
          { sql: 'INSERT INTO seam (id, n) VALUES ($1, $2)', params: ['atomic-b', 2] },
        ]),
        (error) => pgErrorCode(error) === PG_ERRORS.uniqueViolation,
      );
      assert.deepEqual(await db.query("SELECT id FROM seam WHERE id = 'atomic-b'"), []);
    });

    it('enforces an exclusion constraint with its own code', async () => {
      await db.exec(`CREATE TABLE IF NOT EXISTS seam_claims (resource text, during tstzrange, EXCLUDE USING gist (resource WITH =, during WITH &&))`);
      await db.query(`INSERT INTO seam_claims VALUES ($1, tstzrange($2, $3, '[)'))`, ['anna', '2026-03-23T09:00:00Z', '2026-03-23T10:00:00Z']);
      await db.query(`INSERT INTO seam_claims VALUES ($1, tstzrange($2, $3, '[)'))`, ['anna', '2026-03-23T10:00:00Z', '2026-03-23T11:00:00Z']);
      await assert.rejects(
        db.query(`INSERT INTO seam_claims VALUES ($1, tstzrange($2, $3, '[)'))`, ['anna', '2026-03-23T09:30:00Z', '2026-03-23T10:30:00Z']),
        (error) => pgErrorCode(error) === PG_ERRORS.exclusionViolation,
      );
    });

    it('reads a table through its new shape right after DDL changed it', async () => {
      await db.exec('CREATE TABLE seam_shape (id text PRIMARY KEY)');
      await db.query('INSERT INTO seam_shape (id) VALUES ($1)', ['x']);
      assert.deepEqual(await db.query('SELECT * FROM seam_shape WHERE id = $1', ['x']), [{ id: 'x' }]);
      await db.tx(async (q) => {
        await q.query("ALTER TABLE seam_shape ADD COLUMN label text NOT NULL DEFAULT 'new'");
      });
      assert.deepEqual(await db.query('SELECT * FROM seam_shape WHERE id = $1', ['x']), [{ id: 'x', label: 'new' }]);
      await db.exec('ALTER TABLE seam_shape DROP COLUMN label');
      assert.deepEqual(await db.query('SELECT * FROM seam_shape WHERE id = $1', ['x']), [{ id: 'x' }]);
    });

    it('keeps other statements out of an open transaction', async () => {
      let inside!: () => void;
      const held = new Promise<void>((resolve) => (inside = resolve));
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const tx = db.tx(async (q) => {
        await q.query('INSERT INTO seam (id, n) VALUES ($1, $2)', ['isolated', 1]);
        inside();
        await gate;
        await q.query('UPDATE seam SET n = 2 WHERE id = $1', ['isolated']);
      });
      await held;
      const outside = db.query<{ n: number }>('SELECT n FROM seam WHERE id = $1', ['isolated']);
      release();
      await tx;
      // Embedded: the read waited for the commit. Server: it ran beside the transaction and saw nothing yet.
      const seen = await outside;
      assert.ok(kind !== 'postgres' ? seen[0]?.n === 2 : seen.length === 0 || seen[0]?.n === 2, JSON.stringify(seen));
    });

    it('delivers a notification sent inside a transaction once it commits, and none from a rollback', async () => {
      const got: string[] = [];
      const stop = await db.listen('dv_seam_test', (payload) => got.push(payload));
      await db.tx(async (q) => {
        await q.query('SELECT pg_notify($1, $2)', ['dv_seam_test', 'committed']);
      });
      await db.tx(async (q) => {
        await q.query('SELECT pg_notify($1, $2)', ['dv_seam_test', 'rolled back']);
        throw new Error('undo');
      }).catch(() => undefined);
      await db.query('SELECT pg_notify($1, $2)', ['dv_seam_test', 'alone']);
      for (let i = 0; i < 50 && got.length < 2; i++) await new Promise((r) => setTimeout(r, 20));
      await stop();
      assert.deepEqual(got, ['committed', 'alone']);
    });
  });
}

describe('store seam: PGlite on its own thread', () => {
  it('answers statements sent all at once, in the order of their transactions', async () => {
    const db = await openPgliteThread();
    try {
      await db.exec('CREATE TABLE counter (id text PRIMARY KEY, n integer NOT NULL)');
      await db.query('INSERT INTO counter VALUES ($1, 0)', ['c']);
      // 40 read-modify-write transactions at once: each sees the one before, so none is lost.
      await Promise.all(
        Array.from({ length: 40 }, () =>
          db.tx(async (q) => {
            const [row] = await q.query<{ n: number }>('SELECT n FROM counter WHERE id = $1', ['c']);
            await q.query('UPDATE counter SET n = $2 WHERE id = $1', ['c', row!.n + 1]);
          }),
        ),
      );
      assert.deepEqual(await db.query('SELECT n FROM counter'), [{ n: 40 }]);
      // A callback that throws rolls back, and its own error reaches the caller unchanged.
      const mine = new Error('mine');
      await assert.rejects(
        db.tx(async (q) => {
          await q.query('UPDATE counter SET n = 0 WHERE id = $1', ['c']);
          throw mine;
        }),
        (error) => error === mine,
      );
      assert.deepEqual(await db.query('SELECT n FROM counter'), [{ n: 40 }]);
    } finally {
      await db.close();
    }
  });

  it('refuses statements once closed instead of waiting for ever', async () => {
    const db = await openPgliteThread();
    await db.close();
    await assert.rejects(db.query('SELECT 1'), /store thread/);
  });
});
