/**
 * Embedded store: PGlite (PostgreSQL compiled to WebAssembly) with btree_gist, which the booking guard's
 * exclusion constraints need. One connection per process, so PGlite serialises every statement and every
 * transaction; concurrency safety still comes from the constraints, exactly as on a real server.
 *
 * Statements go to PGlite as one wire-protocol batch each (Parse, Bind, Describe, Execute, Sync), with the
 * parameters as untyped text prepared by node-postgres's own `prepareValue`. PGlite's `query()` makes six calls
 * into the database per statement (it first asks for the parameter types); one call is about half the cost, and
 * PGlite's per-statement cost is what limits bookings per second on the embedded store (BENCHMARKS.md). Text
 * parameters are also exactly what the PostgreSQL adapter sends through `pg`, so both stores read a value the
 * same way, and results are parsed by PGlite's own parsers, as `query()` does.
 */
import { PGlite, parse as results, protocol } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import pgUtils from 'pg/lib/utils.js';
import { TransactionAbortedError, type Db, type Queryable } from './db.js';

const { serialize } = protocol;

function concat(parts: Uint8Array[]): Uint8Array {
  const batch = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    batch.set(part, offset);
    offset += part.length;
  }
  return batch;
}

/**
 * Named prepared statements, one per SQL text of a query or data change: PostgreSQL parses and plans it once
 * instead of on every call (after five runs it keeps a generic plan when that costs no more). The product's SQL
 * is a fixed set of texts; the cap only guards against a caller that builds texts on the fly, which then run
 * unnamed. Anything else (the migrations' DDL) runs unnamed and drops every prepared statement: a table it
 * changed must not be read through a plan made before (PostgreSQL refuses a `SELECT *` whose columns changed).
 */
const MAX_PREPARED = 1000;
const PREPARABLE = /^\s*(?:select|insert|update|delete|with)\b/i;
const TRANSACTION_CONTROL = /^\s*(?:begin|commit|rollback)\b/i;

export async function openPglite(options: { dataDir?: string } = {}): Promise<Db> {
  const pg = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    extensions: { btree_gist },
  });

  const prepared = new Map<string, string>();
  let named = 0;

  /** One batch: the statement, prepared under `name` first when `parse`, or unnamed when `name` is absent. */
  async function execute<T>(sql: string, params: readonly unknown[], name?: string, parse = true) {
    const values = params.map((value) => pgUtils.prepareValue(value));
    const batch = concat([
      ...(parse ? [serialize.parse({ text: sql, ...(name ? { name } : {}) })] : []),
      serialize.bind({ values, ...(name ? { statement: name } : {}) }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    ]);
    const { messages } = await pg.execProtocol(batch, { syncToFs: false });
    const [result] = results.parseResults(messages, pg.parsers);
    const done = messages.findLast((m) => m.name === 'commandComplete') as { text?: string } | undefined;
    return { rows: (result?.rows ?? []) as T[], command: done?.text };
  }

  async function dropPrepared() {
    if (prepared.size === 0) return;
    prepared.clear();
    await execute('DEALLOCATE ALL', []);
  }

  /** One statement; the caller holds PGlite's query lock. Throws PGlite's DatabaseError (with `code`). */
  async function run<T>(sql: string, params: readonly unknown[]): Promise<{ rows: T[]; command: string | undefined }> {
    if (TRANSACTION_CONTROL.test(sql)) return execute<T>(sql, params);
    if (!PREPARABLE.test(sql)) {
      const result = await execute<T>(sql, params);
      await dropPrepared();
      return result;
    }
    const known = prepared.get(sql);
    if (known) return execute<T>(sql, params, known, false);
    if (prepared.size >= MAX_PREPARED) return execute<T>(sql, params);
    const name = `dv_${++named}`;
    try {
      const result = await execute<T>(sql, params, name);
      prepared.set(sql, name);
      return result;
    } catch (error) {
      // The statement may exist although the batch failed later (at Bind or Execute): ask rather than guess.
      const { messages } = await pg.execProtocol(concat([serialize.describe({ type: 'S', name }), serialize.sync()]), { syncToFs: false, throwOnError: false });
      if (messages.some((m) => m.name === 'parameterDescription')) prepared.set(sql, name);
      throw error;
    }
  }
  // The same locks PGlite's own query() and transaction() take: a statement outside a transaction never runs
  // between the statements of one, and LISTEN (which goes through query()) waits for open transactions.
  const exclusive = <T>(fn: () => Promise<T>) => pg._runExclusiveQuery(fn);

  return {
    kind: 'pglite',
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const { rows } = await pg._runExclusiveTransaction(() => exclusive(() => run<T>(sql, params)));
      await pg.syncToFs();
      return rows;
    },
    tx: <T>(fn: (q: Queryable) => Promise<T>) =>
      pg._runExclusiveTransaction(async () => {
        let open = true;
        const q: Queryable = {
          async query<R>(sql: string, params: readonly unknown[] = []) {
            if (!open) throw new Error('The transaction is already over.');
            return (await exclusive(() => run<R>(sql, params))).rows;
          },
        };
        await exclusive(() => run('BEGIN', []));
        try {
          const result = await fn(q);
          open = false;
          const { command } = await exclusive(() => run('COMMIT', []));
          // A failed statement the callback caught leaves the transaction aborted; COMMIT then rolls back.
          if (command === 'ROLLBACK') throw new TransactionAbortedError();
          return result;
        } catch (error) {
          if (open) {
            open = false;
            await exclusive(() => run('ROLLBACK', []));
          }
          throw error;
        } finally {
          await pg.syncToFs();
        }
      }),
    exec: async (sql) => {
      await pg.exec(sql);
      // exec is for DDL (the migrations' bookkeeping table): as for DDL through `run`, plans made before are dropped.
      await pg._runExclusiveTransaction(() => exclusive(dropPrepared));
    },
    listen: async (channel, onPayload) => {
      const unlisten = await pg.listen(channel, onPayload);
      return async () => unlisten();
    },
    notify: async (channel, payload) => {
      await pg.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    close: () => pg.close(),
  };
}
