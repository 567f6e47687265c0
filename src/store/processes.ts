/**
 * How many server processes share this store, so what a Cronofy application may do (its rate limits) can be divided
 * among them. Each process holds one listening session on PostgreSQL (live updates, cache invalidation) under
 * LISTENER_APPLICATION_NAME; a process that stops or dies loses its session and stops counting at once, with no
 * heartbeat table to clean up. The processes are expected to connect as one database role: PostgreSQL shows another
 * role's sessions without their application name.
 */
import type { Db } from './db.js';

export const LISTENER_APPLICATION_NAME = 'dv-calendar listener';

export async function countServerProcesses(db: Db): Promise<number> {
  // The embedded store belongs to one process.
  if (db.kind === 'pglite') return 1;
  const rows = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
    [LISTENER_APPLICATION_NAME],
  );
  // This process counts even while its own listening session reconnects.
  return Math.max(1, rows[0]?.n ?? 0);
}
