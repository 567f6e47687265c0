/**
 * Marks work nobody is waiting on (calendar writes queued after a booking, the background jobs), so the Cronofy
 * client can let requests someone is waiting on — an applicant's slots, a booking's busy-time check — go first
 * under Cronofy's rate limit. The mark follows the work through every await (AsyncLocalStorage).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestPriority } from '../cronofy/rate-limiter.js';

const background = new AsyncLocalStorage<true>();

/** Runs `work` as background work. */
export function inBackground<T>(work: () => Promise<T>): Promise<T> {
  return background.run(true, work);
}

/** The priority of a Cronofy request made from the current code path. */
export function currentPriority(): RequestPriority {
  return background.getStore() ? 'background' : 'interactive';
}
