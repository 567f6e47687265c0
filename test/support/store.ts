/**
 * Test stores: an in-memory PGlite by default, or a throwaway database on the PostgreSQL server named by
 * TEST_DATABASE_URL (CI starts one), so the same suites prove both adapters. Each call gets a fresh schema.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrations.js';
import { openPglite } from '../../src/store/pglite.js';
import { openPgliteThread } from '../../src/store/pglite-thread.js';
import { openPostgres } from '../../src/store/postgres.js';

export const STORE_KINDS: Array<'pglite' | 'postgres'> = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/**
 * `pglite-thread` is PGlite on its own thread, as the server runs it (src/store/pglite-thread.ts). The suites
 * use PGlite in their own thread, which starts faster; the store seam's contract tests run on both.
 */
export type StoreKind = 'pglite' | 'pglite-thread' | 'postgres';

export async function createTestStore(kind: StoreKind = 'pglite'): Promise<Db> {
  if (kind === 'pglite' || kind === 'pglite-thread') {
    const db = kind === 'pglite' ? await openPglite() : await openPgliteThread();
    await migrate(db);
    return db;
  }
  const database = await createScratchDatabase();
  const db = await openPostgres(database.url, { max: 20 });
  await migrate(db);
  const close = db.close;
  return {
    ...db,
    close: async () => {
      await close();
      await database.drop();
    },
  };
}

/** A new, empty database on the TEST_DATABASE_URL server: its URL, and `drop` (also while connections are open). */
export async function createScratchDatabase(prefix = 'dv_test'): Promise<{ url: string; drop(): Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}
