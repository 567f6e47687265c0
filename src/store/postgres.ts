/**
 * PostgreSQL server store through `pg`: a pool for statements and transactions, plus one dedicated client
 * for LISTEN so live updates cross server processes.
 */
import pg from 'pg';
import { TransactionAbortedError, atomicInTx, type Db, type Queryable } from './db.js';
import { pgTypes } from './pg-types.js';
import { LISTENER_APPLICATION_NAME } from './processes.js';

export async function openPostgres(connectionString: string, options: { max?: number } = {}): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, types: pgTypes as pg.CustomTypesConfig });
  // Fail at start, not at the first request, when the server is unreachable.
  await pool.query('SELECT 1');
  // One dedicated connection for LISTEN. If it breaks (server restart, network), it is re-established with
  // backoff and every channel listened again; meanwhile notifications are lost, which `onGap` tells the listeners.
  let listener: Promise<pg.Client> | undefined;
  let closing = false;
  const handlers = new Map<string, Set<(payload: string) => void>>();
  const gapHandlers = new Set<(listening: boolean) => void>();
  const connectListener = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString });
    client.on('notification', (message) => {
      for (const handler of handlers.get(message.channel) ?? []) handler(message.payload ?? '');
    });
    let broken = false;
    const onBroken = () => {
      if (broken || closing) return;
      broken = true;
      for (const gap of gapHandlers) gap(false);
      listener = reconnect();
      listener.catch(() => undefined); // rejects only when the store closes meanwhile
    };
    client.on('error', onBroken);
    client.on('end', onBroken);
    await client.connect();
    // Named, so the other processes can count this one (processes.ts); SET wins over a name in the connection string.
    await client.query(`SET application_name = ${client.escapeLiteral(LISTENER_APPLICATION_NAME)}`);
    for (const channel of handlers.keys()) await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    return client;
  };
  const reconnect = async (): Promise<pg.Client> => {
    for (let delay = 500; ; delay = Math.min(delay * 2, 10_000)) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (closing) throw new Error('store closed');
      try {
        const client = await connectListener();
        for (const gap of gapHandlers) gap(true);
        return client;
      } catch {
        // Still unreachable: try again after a longer pause.
      }
    }
  };
  const query: Queryable['query'] = async (sql, params = []) => {
    const result = await pool.query(sql, params as unknown[]);
    return result.rows;
  };

  const tx: Db['tx'] = async (fn) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn({
        query: async (sql, params = []) => (await client.query(sql, params as unknown[])).rows,
      });
      // A failed statement the callback caught leaves the transaction aborted; PostgreSQL then answers COMMIT
      // with a rollback, which must not pass for success.
      const committed = await client.query('COMMIT');
      if (committed.command === 'ROLLBACK') throw new TransactionAbortedError();
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  };

  return {
    kind: 'postgres',
    query,
    tx,
    atomic: atomicInTx(tx),
    exec: async (sql) => {
      await pool.query(sql);
    },
    listen: async (channel, onPayload, onGap) => {
      let set = handlers.get(channel);
      const isNew = !set;
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
      }
      set.add(onPayload);
      if (onGap) gapHandlers.add(onGap);
      if (!listener) {
        const connecting = connectListener();
        listener = connecting;
        connecting.catch(() => {
          if (listener === connecting) listener = undefined; // the next listen tries again
        });
      } else if (isNew) await (await listener).query(`LISTEN ${pg.escapeIdentifier(channel)}`);
      await listener;
      return async () => {
        set.delete(onPayload);
        if (onGap) gapHandlers.delete(onGap);
      };
    },
    notify: async (channel, payload) => {
      await pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
    },
    close: async () => {
      closing = true;
      await listener?.then((client) => client.end()).catch(() => undefined);
      // pg-pool resolves end() before its clients have finished closing: wait for each one, and let a server that
      // terminates them meanwhile (a shutdown, DROP DATABASE … FORCE in tests) not crash the process through the
      // pool's unhandled 'error' event.
      pool.on('error', () => undefined);
      const open = pool.totalCount;
      let closed = 0;
      const allClosed = new Promise<void>((resolve) => {
        if (open === 0) resolve();
        pool.on('remove', () => {
          if (++closed >= open) resolve();
        });
      });
      await pool.end();
      await Promise.race([allClosed, new Promise((resolve) => setTimeout(resolve, 5000).unref())]);
    },
  };
}
