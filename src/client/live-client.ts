/**
 * The live-update stream the admin elements share: asks for a single-use stream ticket with the bearer token
 * (`POST /api/events/tickets`), opens `EventSource(<api>/api/events?ticket=…)` — EventSource cannot send an
 * Authorization header, and a minute-old single-use ticket is harmless in a URL where a JWT would not be — and hands
 * each named SSE message to its subscribers as a checked `LiveEvent`.
 *
 * Invariants:
 * - EventSource's own reconnect is never used: it would re-send the spent ticket. Any error closes the source and
 *   a new ticket is fetched after an exponential backoff with jitter (`initialDelayMs` · 2ⁿ, at most `maxDelayMs`),
 *   reset once the server says `ready`.
 * - Status is `connecting` until the first `ready`, then `open`; any failure makes it `unavailable` until the next
 *   `ready`. Subscribers poll while it is not `open` and re-read their state when it becomes `open` again, since
 *   the server does not replay missed changes.
 * - One stream per (token source, api, event source factory, event types), opened with the first subscriber and
 *   closed (ticket request aborted, source closed, timer cleared) when the last one leaves — so twenty badges inside
 *   one `<dv-calendar-context>` share one connection.
 */
import type { LiveEvent, StreamTicket } from '../shared/api/live.js';
import { isAbortError } from './api-error.js';
import { liveEvent } from './connection-checks.js';
import { baseUrl } from './http.js';

/** The part of `EventSource` this client uses; tests inject a fake through `EventSourceFactory`. */
export interface EventSourceLike {
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
  onerror: ((event: Event) => void) | null;
}
export type EventSourceFactory = (url: string) => EventSourceLike;

export type LiveStatus = 'connecting' | 'open' | 'unavailable';

export interface LiveListener {
  event?(event: LiveEvent): void;
  status?(status: LiveStatus): void;
}

export interface LiveStreamOptions {
  /** Server base URL; the ticket's relative `url` is resolved against it. */
  api: string;
  /** Fetches a stream ticket (the connections client's `createStreamTicket`). */
  ticket: (signal: AbortSignal) => Promise<StreamTicket>;
  /** Creates the event source; defaults to the browser's `EventSource` (none: the stream is `unavailable`). */
  eventSource?: EventSourceFactory | undefined;
  /** SSE event names to listen to (named events need a listener each). */
  types: readonly string[];
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** For the jitter; injectable so tests are exact. */
  random?: () => number;
}

export const CONNECTION_EVENT_TYPES = ['connection.changed', 'connection.failed', 'connection.restored'] as const;

const defaultFactory = (): EventSourceFactory | undefined =>
  typeof EventSource === 'function' ? (url) => new EventSource(url) as unknown as EventSourceLike : undefined;

export class LiveStream {
  readonly #options: LiveStreamOptions;
  readonly #listeners = new Set<LiveListener>();
  #status: LiveStatus = 'connecting';
  #abort?: AbortController;
  #source?: EventSourceLike;
  #timer?: ReturnType<typeof setTimeout>;
  #failures = 0;

  constructor(options: LiveStreamOptions) {
    this.#options = options;
  }

  get status(): LiveStatus {
    return this.#status;
  }

  /** Adds a listener (told the current status at once); the returned function removes it. */
  subscribe(listener: LiveListener): () => void {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.#start();
    else listener.status?.(this.#status);
    return () => {
      if (this.#listeners.delete(listener) && this.#listeners.size === 0) this.#stop();
    };
  }

  #setStatus(status: LiveStatus): void {
    if (status === this.#status) return;
    this.#status = status;
    for (const l of [...this.#listeners]) l.status?.(status);
  }

  #start(): void {
    this.#abort = new AbortController();
    this.#failures = 0;
    this.#status = 'connecting';
    for (const l of [...this.#listeners]) l.status?.('connecting');
    void this.#connect(this.#abort.signal);
  }

  #stop(): void {
    this.#abort?.abort();
    this.#abort = undefined;
    clearTimeout(this.#timer);
    this.#source?.close();
    this.#source = undefined;
  }

  async #connect(signal: AbortSignal): Promise<void> {
    const factory = this.#options.eventSource ?? defaultFactory();
    if (!factory) return this.#setStatus('unavailable');
    let ticket: StreamTicket;
    try {
      ticket = await this.#options.ticket(signal);
    } catch (e) {
      if (signal.aborted || isAbortError(e)) return;
      return this.#retry(signal);
    }
    if (signal.aborted) return;
    const url = /^https?:/i.test(ticket.url) ? ticket.url : baseUrl(this.#options.api) + ticket.url;
    let source: EventSourceLike;
    try {
      source = factory(url);
    } catch {
      return this.#retry(signal);
    }
    this.#source = source;
    source.addEventListener('ready', () => {
      this.#failures = 0;
      this.#setStatus('open');
    });
    for (const type of this.#options.types) {
      source.addEventListener(type, (message) => {
        let event: LiveEvent;
        try {
          event = liveEvent(JSON.parse(message.data));
        } catch {
          return; // a message we cannot read is dropped; the next poll or `ready` re-reads the state anyway
        }
        for (const l of [...this.#listeners]) l.event?.(event);
      });
    }
    source.onerror = () => {
      if (this.#source !== source) return;
      source.close();
      this.#source = undefined;
      this.#retry(signal);
    };
  }

  #retry(signal: AbortSignal): void {
    if (signal.aborted) return;
    this.#failures += 1;
    this.#setStatus('unavailable');
    const initial = this.#options.initialDelayMs ?? 1000;
    const max = this.#options.maxDelayMs ?? 60_000;
    const base = Math.min(max, initial * 2 ** Math.min(this.#failures - 1, 20));
    const jitter = 0.8 + 0.4 * (this.#options.random ?? Math.random)();
    this.#timer = setTimeout(() => void this.#connect(signal), Math.round(base * jitter));
  }
}

// Keyed by the token source object (identity), so elements sharing a `<dv-calendar-context>` share a stream and a
// dropped context frees its streams with it.
const shared = new WeakMap<object, Map<string, { factory: EventSourceFactory | undefined; stream: LiveStream }[]>>();

/** The stream shared by everyone holding the same `owner` (token source), api, factory and event types. */
export function sharedLiveStream(owner: object, options: LiveStreamOptions): LiveStream {
  let byKey = shared.get(owner);
  if (!byKey) shared.set(owner, (byKey = new Map()));
  const key = `${baseUrl(options.api)} ${options.types.join(',')}`;
  const list = byKey.get(key) ?? [];
  byKey.set(key, list);
  const found = list.find((s) => s.factory === options.eventSource);
  if (found) return found.stream;
  const stream = new LiveStream(options);
  list.push({ factory: options.eventSource, stream });
  return stream;
}
