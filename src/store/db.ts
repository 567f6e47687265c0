/**
 * The store's one seam: a PostgreSQL-dialect database that is either embedded (PGlite, in a data directory or
 * in memory) or a real PostgreSQL server reached through `pg`. Everything above this file speaks only `Db`.
 *
 * Invariants: every statement is parameterised (no string-built SQL with values); `tx` runs its callback in one
 * transaction and passes the transaction's own `Queryable` — code inside a transaction must use it, never the
 * outer `Db` (PGlite holds one connection, so an outer query inside `tx` would wait for ever).
 */
export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** A statement with its parameters, for `Db.atomic`. */
export interface Statement {
  sql: string;
  params: readonly unknown[];
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in a transaction; commits when it resolves, rolls back when it throws. */
  tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T>;
  /**
   * Runs `statements` in order as one transaction and returns each one's rows: commits when all succeed; at the first
   * failure rolls back and throws it, and runs none of the later ones. For a transaction that needs no answer to
   * decide its next statement (a condition can fail a statement instead: `dv_check` in the migrations). The embedded
   * store's thread runs such a transaction in one message, so it holds the single connection only while PostgreSQL
   * works, not across round trips to the server's main thread, as a `tx` callback must.
   */
  atomic(statements: readonly Statement[]): Promise<unknown[][]>;
  /** Runs several statements at once (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * LISTEN on a channel; returns the function that stops listening. `onGap(false)` says the listening connection
   * broke and notifications are being lost, `onGap(true)` that it listens again: listeners that cache must start over.
   */
  listen(channel: string, onPayload: (payload: string) => void, onGap?: (listening: boolean) => void): Promise<() => Promise<void>>;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/** A transaction whose callback swallowed a failed statement: PostgreSQL rolled it back at COMMIT. */
export class TransactionAbortedError extends Error {
  constructor() {
    super('The transaction was aborted by an earlier failed statement and rolled back.');
    this.name = 'TransactionAbortedError';
  }
}

/** PostgreSQL error codes the code above the store reacts to. */
export const PG_ERRORS = {
  uniqueViolation: '23505',
  exclusionViolation: '23P01',
  foreignKeyViolation: '23503',
  serializationFailure: '40001',
  /** A condition `dv_check` found false (its message says which). */
  checkFailed: 'P0004',
} as const;

export function pgErrorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}


/** `atomic` through `tx`, one statement after another: for the stores whose `tx` callback runs beside the connection. */
export function atomicInTx(tx: Db['tx']): Db['atomic'] {
  return (statements) => tx((q) => runEach(q, statements));
}

/** Runs one `Statement` on `q`. */
export function run<T = Record<string, unknown>>(q: Queryable, statement: Statement): Promise<T[]> {
  return q.query<T>(statement.sql, statement.params);
}

/** Runs `statements` on `q` one after another; their rows, in order. */
export async function runEach(q: Queryable, statements: readonly Statement[]): Promise<unknown[][]> {
  const results: unknown[][] = [];
  for (const statement of statements) results.push(await run(q, statement));
  return results;
}
