/**
 * Client-side rate limiter for Cronofy's per-application limits (50 requests/second and 500 requests/minute by
 * default). Two token buckets, both of which must hold a token before a request goes out; waiters are served in FIFO
 * order so a burst cannot starve an earlier caller. Every HTTP attempt (including retries and page fetches) takes a
 * token. Invariant: the limiter never rejects — it only delays — except when the caller's signal aborts the wait.
 * Clock and sleep are injectable so tests run on a fake clock. Several server processes share one application's
 * limits through `setShare`.
 */

export type RateLimitOptions = {
  /** Requests per second (bucket capacity and refill rate). Default 50. */
  perSecond?: number;
  /** Requests per minute (bucket capacity; refills at perMinute/60 per second). Default 500. */
  perMinute?: number;
};

export type Clock = {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
};

/** `interactive` requests (someone is waiting for the answer) go before `background` ones (queued calendar writes). */
export type RequestPriority = 'interactive' | 'background';

export type RateLimiter = {
  /** Resolves when a request may be sent; rejects only if `signal` aborts while waiting. */
  acquire(signal?: AbortSignal, priority?: RequestPriority): Promise<void>;
  /**
   * Limits this limiter to `share` (0 < share ≤ 1) of the configured rates: Cronofy's limits are per application, so
   * N server processes each take 1/N. A bucket always holds at least one request, so a small share slows but never
   * stalls.
   */
  setShare(share: number): void;
};

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

type Bucket = { limit: number; perMs: number; capacity: number; ratePerMs: number; tokens: number; updated: number };

export function createRateLimiter(options: RateLimitOptions = {}, clock: Clock = realClock): RateLimiter {
  const perSecond = options.perSecond ?? 50;
  const perMinute = options.perMinute ?? 500;
  if (!(perSecond > 0) || !(perMinute > 0)) throw new RangeError('rate limits must be positive');
  const start = clock.now();
  const bucket = (limit: number, periodMs: number): Bucket => ({ limit, perMs: periodMs, capacity: limit, ratePerMs: limit / periodMs, tokens: limit, updated: start });
  const buckets: Bucket[] = [bucket(perSecond, 1000), bucket(perMinute, 60_000)];

  const refill = (now: number): void => {
    for (const b of buckets) {
      b.tokens = Math.min(b.capacity, b.tokens + (now - b.updated) * b.ratePerMs);
      b.updated = now;
    }
  };

  const takeOne = async (signal?: AbortSignal): Promise<void> => {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const now = clock.now();
      refill(now);
      const wait = Math.max(...buckets.map((b) => (b.tokens >= 1 ? 0 : (1 - b.tokens) / b.ratePerMs)));
      if (wait <= 0) {
        for (const b of buckets) b.tokens -= 1;
        return;
      }
      await clock.sleep(Math.ceil(wait), signal);
    }
  };

  // One FIFO queue per priority; tokens go to the oldest interactive waiter first, so a backlog of background
  // writes never delays an applicant's read by more than the one token being waited for.
  type Waiter = { resolve: () => void; reject: (reason: unknown) => void; signal: AbortSignal | undefined };
  const queues: Record<RequestPriority, Waiter[]> = { interactive: [], background: [] };
  let serving = false;
  const serve = async (): Promise<void> => {
    if (serving) return;
    serving = true;
    try {
      for (let next = queues.interactive.shift() ?? queues.background.shift(); next; next = queues.interactive.shift() ?? queues.background.shift()) {
        try {
          await takeOne(next.signal);
          next.resolve();
        } catch (err) {
          next.reject(err);
        }
      }
    } finally {
      serving = false;
    }
  };
  return {
    setShare(share) {
      if (!(share > 0 && share <= 1)) throw new RangeError(`a rate share must be in (0, 1], got ${share}`);
      refill(clock.now());
      for (const b of buckets) {
        b.capacity = Math.max(1, b.limit * share);
        b.ratePerMs = (b.limit * share) / b.perMs;
        b.tokens = Math.min(b.tokens, b.capacity);
      }
    },
    acquire(signal, priority = 'interactive') {
      return new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const waiter: Waiter = { resolve, reject, signal };
        // A caller that gives up while queued leaves the queue at once.
        signal?.addEventListener(
          'abort',
          () => {
            const queue = queues[priority];
            const at = queue.indexOf(waiter);
            if (at >= 0) {
              queue.splice(at, 1);
              reject(signal.reason);
            }
          },
          { once: true },
        );
        queues[priority].push(waiter);
        void serve();
      });
    },
  };
}
