/**
 * A per-process cache of computed offers (a booking link's slots), so that applicants reloading a link, or many
 * applicants on one link, do not each re-read a dozen rows and re-run the engine.
 *
 * Invariants:
 * - An entry is served only while nothing it was computed from can have changed: any change to the slot inputs of
 *   its organization after the computation began (NOTIFY from any process, or a write committed by this one)
 *   retires it, as does a gap in the notifications (the listening connection broke: everything is retired).
 * - Entries also carry their own end of validity (the earliest hold they saw expiring, a TTL backstop for calendar
 *   changes announced by nothing), and the caller may refuse an entry (`accept`) — e.g. when the day has rolled over.
 * - Concurrent misses for one key share one computation, but only if nothing changed since it started; a request
 *   never receives an offer computed from data older than its own arrival minus what no signal could announce.
 * The cache only decides what to *offer*: booking stays guarded by the database's exclusion constraints.
 */
import type { Db } from '../../store/db.js';
import { SLOT_INPUTS_CHANNEL, watchSlotInputWrites } from '../../store/slot-input-changes.js';
import type { Logger } from '../middleware/logging.js';

export interface Loaded<T> {
  orgId: string;
  value: T;
  /** Epoch ms after which the value must be recomputed; the cache's TTL caps it. */
  validUntil?: number;
}

interface Entry<T> extends Loaded<T> {
  startedAt: number;
  expiresAt: number;
}

export interface OfferCache {
  /** The cached value for `key` if still current (and accepted), else `load()`'s, cached. */
  get<T>(key: string, load: () => Promise<Loaded<T>>, accept?: (value: T) => boolean): Promise<T>;
  /** Something the offers of `orgId` (of every organization, without one) are computed from has changed. */
  changed(orgId?: string): void;
  /** Whether changes are being heard; while not, nothing is served from or kept in the cache. */
  listening: boolean;
  readonly size: number;
}

export interface OfferCacheOptions {
  now: () => number;
  /** Backstop for changes nothing announces (a calendar edit whose push notification never came). */
  ttlMs?: number;
  maxEntries?: number;
}

export function createOfferCache(options: OfferCacheOptions): OfferCache {
  const ttl = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 10_000;
  // Changes are numbered; an entry is current while no change of its organization (or of all) is newer than the
  // number current when its computation started.
  let sequence = 0;
  let lastChangeOfAll = 0;
  const lastChangeOf = new Map<string, number>();
  const entries = new Map<string, Entry<unknown>>();
  const inflight = new Map<string, { startedAt: number; promise: Promise<Entry<unknown>> }>();

  const current = (entry: Entry<unknown>) =>
    lastChangeOfAll <= entry.startedAt && (lastChangeOf.get(entry.orgId) ?? 0) <= entry.startedAt && options.now() < entry.expiresAt;

  function compute<T>(key: string, load: () => Promise<Loaded<T>>): Promise<Entry<T>> {
    const startedAt = sequence;
    const promise = load().then((loaded) => {
      const entry: Entry<T> = { ...loaded, startedAt, expiresAt: Math.min(options.now() + ttl, loaded.validUntil ?? Infinity) };
      entries.delete(key); // re-insert at the end: the Map's order is the eviction order
      entries.set(key, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return entry;
    });
    const flight = { startedAt, promise: promise as Promise<Entry<unknown>> };
    inflight.set(key, flight);
    const done = () => {
      if (inflight.get(key) === flight) inflight.delete(key);
    };
    promise.then(done, done);
    return promise;
  }

  return {
    listening: false,
    get size() {
      return entries.size;
    },
    async get<T>(key: string, load: () => Promise<Loaded<T>>, accept: (value: T) => boolean = () => true): Promise<T> {
      if (!this.listening) return (await load()).value;
      const entry = entries.get(key) as Entry<T> | undefined;
      if (entry && current(entry) && accept(entry.value)) return entry.value;
      // Join a computation only if nothing at all has changed since it began.
      const flight = inflight.get(key);
      if (flight && flight.startedAt === sequence) {
        const shared = (await flight.promise) as Entry<T>;
        if (accept(shared.value)) return shared.value;
      }
      return (await compute(key, load)).value;
    },
    changed(orgId?: string) {
      sequence++;
      if (orgId === undefined) lastChangeOfAll = sequence;
      else lastChangeOf.set(orgId, sequence);
    },
  };
}

/**
 * Wires a cache to the store: listens for the triggers' announcements (and their gaps) and returns the `Db` the
 * app must use, which reports this process's own writes at commit.
 */
export function connectOfferCache(db: Db, cache: OfferCache, logger: Logger): { db: Db; ready: Promise<void> } {
  const onGap = (listening: boolean) => {
    cache.changed();
    cache.listening = listening;
  };
  const ready = db.listen(SLOT_INPUTS_CHANNEL, (orgId) => cache.changed(orgId || undefined), onGap).then(() => {
    cache.changed();
    cache.listening = true;
  });
  ready.catch((error: unknown) => logger.error('cannot listen for slot input changes; offers are not cached', { error: String(error) }));
  return { db: watchSlotInputWrites(db, () => cache.changed()), ready };
}
