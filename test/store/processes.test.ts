/**
 * Counting the server processes that share a store (src/store/processes.ts): each process's listening session
 * counts on PostgreSQL, whatever application name its connection string asks for; the embedded store has one.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openPostgres } from '../../src/store/postgres.js';
import { countServerProcesses } from '../../src/store/processes.js';
import { createScratchDatabase, createTestStore, STORE_KINDS } from '../support/store.js';

test('the embedded store belongs to one process', async () => {
  const db = await createTestStore('pglite');
  try {
    assert.equal(await countServerProcesses(db), 1);
  } finally {
    await db.close();
  }
});

test('PostgreSQL: every listening process counts, a stopped one stops counting', { skip: !STORE_KINDS.includes('postgres') && 'no TEST_DATABASE_URL' }, async () => {
  const database = await createScratchDatabase();
  const url = new URL(database.url);
  // An operator's own name in the connection string must not hide the processes.
  url.searchParams.set('application_name', 'ops-dashboard');
  const stores = await Promise.all([1, 2, 3].map(() => openPostgres(url.toString(), { max: 2 })));
  try {
    assert.equal(await countServerProcesses(stores[0]!), 1, 'before listening, a process still counts itself');
    for (const db of stores) await db.listen('dv_test_channel', () => undefined);
    assert.equal(await countServerProcesses(stores[0]!), 3);
    await stores.pop()!.close();
    // PostgreSQL drops the session from pg_stat_activity once its backend has exited.
    let seen = 0;
    for (let i = 0; i < 50 && (seen = await countServerProcesses(stores[0]!)) !== 2; i++) await sleep(100);
    assert.equal(seen, 2);
  } finally {
    for (const db of stores) await db.close();
    await database.drop();
  }
});
