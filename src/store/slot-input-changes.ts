/**
 * Changes to the data slot offers are computed from. Two signals, so a process that caches offers never serves one
 * computed before a change it could know about:
 *
 * - every committed change, by any process, is announced by triggers (migration 5) with NOTIFY on
 *   `SLOT_INPUTS_CHANNEL`, payload the organization's id — the signal other processes hear;
 * - `watchSlotInputWrites` wraps this process's `Db` and reports its own writes to those tables the moment they
 *   commit, before the NOTIFY has travelled back through the listening connection, so a request that follows a
 *   write on the same process (book, then reload the slots) reads its own write.
 */
import type { Db, Queryable } from './db.js';

export const SLOT_INPUTS_CHANNEL = 'dv_slot_inputs';

/** The tables the migration's triggers watch; keep both lists equal (store test "every slot input table announces"). */
export const SLOT_INPUT_TABLES = [
  'organizations',
  'users',
  'calendar_connections',
  'freebusy_cache',
  'locations',
  'rooms',
  'location_rooms',
  'booking_requests',
  'busy_claims',
] as const;

const WRITE = new RegExp(`\\b(?:insert\\s+into|update|delete\\s+from)\\s+(?:${SLOT_INPUT_TABLES.join('|')})\\b`, 'i');

/** True when `sql` writes one of the slot input tables. */
export function writesSlotInputs(sql: string): boolean {
  return WRITE.test(sql);
}

/** `db`, reporting each committed write to a slot input table (statement outside a transaction, or whole transaction). */
export function watchSlotInputWrites(db: Db, onWrite: () => void): Db {
  return {
    ...db,
    kind: db.kind,
    async query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
      const rows = await db.query<T>(sql, params);
      if (writesSlotInputs(sql)) onWrite();
      return rows;
    },
    async atomic(statements) {
      const results = await db.atomic(statements);
      if (statements.some((s) => writesSlotInputs(s.sql))) onWrite();
      return results;
    },
    async tx(fn) {
      let wrote = false;
      const result = await db.tx((q) => {
        const watched: Queryable = {
          query<T>(sql: string, params?: readonly unknown[]): Promise<T[]> {
            if (writesSlotInputs(sql)) wrote = true;
            return q.query<T>(sql, params);
          },
        };
        return fn(watched);
      });
      if (wrote) onWrite();
      return result;
    },
  };
}
