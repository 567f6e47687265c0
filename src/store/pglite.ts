/**
 * Embedded store: PGlite (PostgreSQL compiled to WebAssembly) with btree_gist, which the booking guard's
 * exclusion constraints need. One connection per process, so PGlite serialises every statement and every
 * transaction; concurrency safety still comes from the constraints, exactly as on a real server.
 *
 * Statements go to PGlite as one wire-protocol batch each (Parse, Bind, Describe, Execute, Sync), with the
 * parameters as untyped text prepared by node-postgres's own `prepareValue`. PGlite's `query()` makes six calls
 * into the database per statement (it first asks for the parameter types); one call is about half the cost.
 * The answer is read with node-postgres's protocol parser (pg-protocol) and the type parsers of pg-types.ts, not
 * with PGlite's own: PGlite's parser cost more than the statement (a three-row read of the users table took 106 µs
 * with it and 46 µs this way, both warm), and this way both stores turn every value into the same JavaScript value.
 * PGlite's parser is then never involved, so this file also delivers NOTIFY itself: a notification arrives in the
 * answer of the statement that ends the transaction which sent it.
 */
import { PGlite, protocol } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import pgUtils from 'pg/lib/utils.js';
import type { BackendMessage, DatabaseError } from 'pg-protocol/dist/messages.js';
import { Parser } from 'pg-protocol/dist/parser.js';
import { TransactionAbortedError, atomicInTx, type Db, type Queryable } from './db.js';
import { pgTypes } from './pg-types.js';

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

  const listeners = new Map<string, Set<(payload: string) => void>>();

  /**
   * Sends one batch of wire-protocol messages and reads the answer: the rows of the last result, the tag of the
   * last completed command, whether a statement was described, and PostgreSQL's error (a pg-protocol
   * DatabaseError, as `pg` throws it), which is thrown unless `throwOnError` is false.
   */
  async function send<T>(batch: Uint8Array, throwOnError = true) {
    const parser = new Parser();
    let names: string[] = [];
    let parsers: Array<(text: string) => unknown> = [];
    let rows: T[] = [];
    let command: string | undefined;
    let error: DatabaseError | undefined;
    let described = false;
    const read = (message: BackendMessage) => {
      switch (message.name) {
        case 'rowDescription': {
          const { fields } = message as unknown as { fields: Array<{ name: string; dataTypeID: number; format: string }> };
          names = fields.map((f) => f.name);
          parsers = fields.map((f) => pgTypes.getTypeParser(f.dataTypeID));
          rows = [];
          break;
        }
        case 'dataRow': {
          const values = (message as unknown as { fields: Array<string | null> }).fields;
          const row: Record<string, unknown> = {};
          for (let i = 0; i < values.length; i++) {
            const value = values[i];
            row[names[i]!] = value === null || value === undefined ? null : parsers[i]!(value);
          }
          rows.push(row as T);
          break;
        }
        case 'commandComplete':
          command = (message as unknown as { text: string }).text;
          break;
        case 'parameterDescription':
          described = true;
          break;
        case 'error':
          error ??= message as unknown as DatabaseError;
          break;
        case 'notification': {
          const { channel, payload } = message as unknown as { channel: string; payload: string };
          // After this statement's answer, as PGlite's own listen() delivers.
          for (const listener of listeners.get(channel) ?? []) queueMicrotask(() => listener(payload));
          break;
        }
      }
    };
    await pg.execProtocolRawStream(batch, {
      syncToFs: false,
      // A copy: the parser keeps an incomplete message's bytes until the next chunk, and `data` is PGlite's buffer.
      onRawData: (data) => parser.parse(Buffer.from(data), read),
    });
    if (error && throwOnError) throw error;
    return { rows, command, described };
  }

  /** One batch: the statement, prepared under `name` first when `parse`, or unnamed when `name` is absent. */
  async function execute<T>(sql: string, params: readonly unknown[], name?: string, parse = true) {
    const values = params.map((value) => pgUtils.prepareValue(value));
    return send<T>(
      concat([
        ...(parse ? [serialize.parse({ text: sql, ...(name ? { name } : {}) })] : []),
        serialize.bind({ values: values as Array<string | null>, ...(name ? { statement: name } : {}) }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
    );
  }

  async function dropPrepared() {
    if (prepared.size === 0) return;
    prepared.clear();
    await execute('DEALLOCATE ALL', []);
  }

  /** One statement; the caller holds PGlite's query lock. Throws pg-protocol's DatabaseError (with `code`). */
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
      const { described } = await send(concat([serialize.describe({ type: 'S', name }), serialize.sync()]), false);
      if (described) prepared.set(sql, name);
      throw error;
    }
  }
  // The same locks PGlite's own query() and transaction() take: a statement outside a transaction never runs
  // between the statements of one, and LISTEN waits for open transactions.
  const exclusive = <T>(fn: () => Promise<T>) => pg._runExclusiveQuery(fn);

  const tx: Db['tx'] = <T>(fn: (q: Queryable) => Promise<T>) =>
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
    });

  async function query<T>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const { rows } = await pg._runExclusiveTransaction(() => exclusive(() => run<T>(sql, params)));
    await pg.syncToFs();
    return rows;
  }

  return {
    kind: 'pglite',
    query,
    tx,
    atomic: atomicInTx(tx),
    exec: async (sql) => {
      // exec is for DDL (the migrations' bookkeeping table): as for DDL through `run`, plans made before are dropped.
      await pg._runExclusiveTransaction(() =>
        exclusive(async () => {
          await send(serialize.query(sql));
          await dropPrepared();
        }),
      );
      await pg.syncToFs();
    },
    listen: async (channel, onPayload) => {
      const set = listeners.get(channel) ?? new Set();
      if (!listeners.has(channel)) {
        listeners.set(channel, set);
        await pg._runExclusiveTransaction(() => exclusive(() => send(serialize.query(`LISTEN ${pgUtils.escapeIdentifier(channel)}`))));
      }
      set.add(onPayload);
      return async () => {
        set.delete(onPayload);
      };
    },
    notify: async (channel, payload) => {
      await query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    close: () => pg.close(),
  };
}
