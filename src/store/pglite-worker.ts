/**
 * The embedded store's own thread: PGlite (and the wire-protocol adapter in pglite.ts) runs here, so the
 * server's main thread only handles HTTP while PostgreSQL executes on the machine's other core. Messages come
 * from pglite-thread.ts, which documents the protocol; every reply carries the id of the message it answers.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Queryable } from './db.js';
import { openPglite } from './pglite.js';
import type { FromWorker, ToWorker } from './pglite-thread.js';

const port = parentPort!;
const send = (message: FromWorker) => port.postMessage(message);

/** What a failed statement carries across the thread boundary: its message and PostgreSQL's fields. */
function serializeError(error: unknown): Extract<FromWorker, { type: 'error' }>['error'] {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), fields: {} };
  const fields: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error)) if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  return { name: error.name, message: error.message, fields };
}

async function answer(id: number, work: () => Promise<unknown>): Promise<void> {
  try {
    send({ type: 'result', id, value: await work() });
  } catch (error) {
    send({ type: 'error', id, error: serializeError(error) });
  }
}

/**
 * An open transaction: its statements arrive one message at a time (the caller's code decides the next one
 * from the last result), in order, and `end` says whether the callback returned or threw.
 */
interface Transaction {
  pending: Array<Extract<ToWorker, { type: 'tx-query' | 'tx-end' }>>;
  wake: (() => void) | null;
}

class RollbackRequested extends Error {}

const db = await openPglite(workerData as { dataDir?: string });
const transactions = new Map<number, Transaction>();
const unlisteners = new Map<number, () => Promise<void>>();

async function runTransaction(id: number): Promise<unknown> {
  // Registered before the first await: the transaction's statements are the next messages in the queue.
  const tx: Transaction = { pending: [], wake: null };
  transactions.set(id, tx);
  try {
    return await db.tx(async (q: Queryable) => {
      for (;;) {
        const next = tx.pending.shift() ?? (await new Promise<void>((resolve) => (tx.wake = resolve)), tx.pending.shift()!);
        tx.wake = null;
        if (next.type === 'tx-end') {
          if (next.commit) return undefined;
          throw new RollbackRequested();
        }
        await answer(next.id, () => q.query(next.sql, next.params));
      }
    });
  } catch (error) {
    if (error instanceof RollbackRequested) return undefined;
    throw error;
  } finally {
    transactions.delete(id);
  }
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'query':
      void answer(message.id, () => db.query(message.sql, message.params));
      break;
    case 'tx-begin':
      void answer(message.id, () => runTransaction(message.tx));
      break;
    case 'tx-query':
    case 'tx-end': {
      const tx = transactions.get(message.tx);
      if (tx) {
        tx.pending.push(message);
        tx.wake?.();
      } else if (message.type === 'tx-query') {
        // The transaction already failed (its BEGIN did); the caller hears that from tx-begin's answer too.
        send({ type: 'error', id: message.id, error: { name: 'Error', message: 'The transaction is already over.', fields: {} } });
      }
      break;
    }
    case 'atomic':
      void answer(message.id, () => db.atomic(message.statements));
      break;
    case 'exec':
      void answer(message.id, () => db.exec(message.sql));
      break;
    case 'listen':
      void answer(message.id, async () => {
        unlisteners.set(message.listener, await db.listen(message.channel, (payload) => send({ type: 'notification', listener: message.listener, payload })));
      });
      break;
    case 'unlisten':
      void answer(message.id, async () => {
        await unlisteners.get(message.listener)?.();
        unlisteners.delete(message.listener);
      });
      break;
    case 'notify':
      void answer(message.id, () => db.notify(message.channel, message.payload));
      break;
    case 'close':
      void answer(message.id, () => db.close()).then(() => port.close());
      break;
  }
});
send({ type: 'ready' });
