/**
 * The embedded store on a thread of its own. PGlite runs PostgreSQL in WebAssembly on whichever thread calls it;
 * in the server's main thread every statement's execution shares the one core with the HTTP work, and bookings
 * per second were bound by that sum (BENCHMARKS.md). Here PGlite runs in a worker thread (pglite-worker.ts) and
 * this `Db` forwards each call as a message, so the two run on two cores.
 *
 * Protocol: every request has an `id` that its `result` or `error` echoes. A transaction is `tx-begin` (answered
 * when the transaction is over: committed, rolled back, or failed), then its statements as `tx-query`, then one
 * `tx-end` saying whether the callback returned (commit) or threw (roll back). Statements of a transaction are
 * sent without waiting for BEGIN, so the worker starts each one as soon as the one before has answered. An
 * `atomic` transaction is one message with all its statements: the worker runs it whole.
 * Errors cross as name, message and PostgreSQL's fields (`code`, `constraint`, …), so `pgErrorCode` and
 * `TransactionAbortedError` work as with the in-thread adapter.
 */
import { Worker } from 'node:worker_threads';
import { TransactionAbortedError, type Db, type Queryable, type Statement } from './db.js';

export type ToWorker =
  | { type: 'query'; id: number; sql: string; params: readonly unknown[] }
  | { type: 'tx-begin'; id: number; tx: number }
  | { type: 'tx-query'; id: number; tx: number; sql: string; params: readonly unknown[] }
  | { type: 'tx-end'; tx: number; commit: boolean }
  | { type: 'atomic'; id: number; statements: readonly Statement[] }
  | { type: 'exec'; id: number; sql: string }
  | { type: 'listen'; id: number; listener: number; channel: string }
  | { type: 'unlisten'; id: number; listener: number }
  | { type: 'notify'; id: number; channel: string; payload: string }
  | { type: 'close'; id: number };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: { name: string; message: string; fields: Record<string, string | number> } }
  | { type: 'notification'; listener: number; payload: string };

function reviveError(error: Extract<FromWorker, { type: 'error' }>['error']): Error {
  if (error.name === 'TransactionAbortedError') return new TransactionAbortedError();
  return Object.assign(new Error(error.message), error.fields, { name: error.name });
}

/**
 * The worker next to this module: pglite-worker.js in the built server (dist/); run from source (tsx: npm start,
 * the tests) the TypeScript file, through tsx's loader, which a worker thread does not inherit from `--import`.
 */
function startWorker(options: { dataDir?: string }): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./pglite-worker.js', import.meta.url), { workerData: options });
  const source = new URL('./pglite-worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(boot, { eval: true, workerData: options });
}

export async function openPgliteThread(options: { dataDir?: string } = {}): Promise<Db> {
  const worker = startWorker(options);
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  const listeners = new Map<number, (payload: string) => void>();
  let nextId = 0;
  let broken: Error | null = null;

  const fail = (error: Error) => {
    broken = error;
    for (const w of waiting.values()) w.reject(error);
    waiting.clear();
  };
  let started: { resolve(): void; reject(error: Error): void } | null = null;
  worker.on('error', (error) => (started ? started.reject(error) : fail(error)));
  worker.on('exit', (code) => {
    const error = new Error(`The store thread exited (${code}).`);
    if (started) started.reject(error);
    else fail(error);
  });
  worker.on('message', (message: FromWorker) => {
    if (message.type === 'ready') {
      started?.resolve();
      started = null;
      return;
    }
    if (message.type === 'notification') {
      listeners.get(message.listener)?.(message.payload);
      return;
    }
    const w = waiting.get(message.id);
    if (!w) return;
    waiting.delete(message.id);
    if (message.type === 'result') w.resolve(message.value);
    else w.reject(reviveError(message.error));
  });

  await new Promise<void>((resolve, reject) => (started = { resolve, reject }));

  function request<T>(build: (id: number) => ToWorker): Promise<T> {
    if (broken) return Promise.reject(broken);
    const id = ++nextId;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage(build(id));
    });
  }

  return {
    kind: 'pglite',
    query: <T>(sql: string, params: readonly unknown[] = []) => request<T[]>((id) => ({ type: 'query', id, sql, params })),
    async tx<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
      const tx = ++nextId;
      let open = true;
      const done = request<void>((id) => ({ type: 'tx-begin', id, tx }));
      // If the transaction fails on its own (BEGIN, or the thread), statements still waiting must not hang.
      const over = done.then(
        () => new Promise<never>(() => {}),
        (error: Error) => Promise.reject(error),
      );
      over.catch(() => {});
      const q: Queryable = {
        query<R>(sql: string, params: readonly unknown[] = []) {
          if (!open) return Promise.reject(new Error('The transaction is already over.'));
          return Promise.race([request<R[]>((id) => ({ type: 'tx-query', id, tx, sql, params })), over]);
        },
      };
      let result: T;
      try {
        result = await fn(q);
      } catch (error) {
        open = false;
        worker.postMessage({ type: 'tx-end', tx, commit: false } satisfies ToWorker);
        await done.catch(() => {});
        throw error;
      }
      open = false;
      worker.postMessage({ type: 'tx-end', tx, commit: true } satisfies ToWorker);
      await done;
      return result;
    },
    atomic: (statements) => request<unknown[][]>((id) => ({ type: 'atomic', id, statements })),
    exec: (sql) => request<void>((id) => ({ type: 'exec', id, sql })),
    async listen(channel, onPayload) {
      const listener = ++nextId;
      listeners.set(listener, onPayload);
      await request<void>((id) => ({ type: 'listen', id, listener, channel }));
      return async () => {
        listeners.delete(listener);
        await request<void>((id) => ({ type: 'unlisten', id, listener }));
      };
    },
    notify: (channel, payload) => request<void>((id) => ({ type: 'notify', id, channel, payload })),
    async close() {
      if (broken) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      await request<void>((id) => ({ type: 'close', id }));
      await exited;
    },
  };
}
