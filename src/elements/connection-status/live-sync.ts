/**
 * Keeps an element's view current: subscribes to the shared live stream while the element is connected, hands it
 * the events, polls while the stream is not open (fallback), and asks for a fresh read when the stream opens again
 * after an outage (the server does not replay missed changes). A reactive controller, so both connection elements
 * reuse it without a base class.
 *
 * Invariants: at most one subscription and one poll timer per element; both end in `hostDisconnected`, and a
 * changed stream (other token source or api) replaces the old subscription on the next update.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LiveEvent } from '../../shared/api/live.js';
import type { LiveStatus, LiveStream } from '../../client/live-client.js';

export interface LiveSyncOptions {
  /** The stream to follow now; undefined while the element cannot open one (no token yet). */
  stream: () => LiveStream | undefined;
  onEvent: (event: LiveEvent) => void;
  /** Re-read the state (poll, or the stream came back). */
  refresh: () => void;
  pollMs: () => number;
  onStatus?: (status: LiveStatus) => void;
}

export class LiveSyncController implements ReactiveController {
  readonly #options: LiveSyncOptions;
  #stream?: LiveStream;
  #unsubscribe?: () => void;
  #poll?: ReturnType<typeof setInterval>;
  #status: LiveStatus = 'connecting';
  #connected = false;

  constructor(host: ReactiveControllerHost, options: LiveSyncOptions) {
    this.#options = options;
    host.addController(this);
  }

  get status(): LiveStatus {
    return this.#status;
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostUpdated(): void {
    if (!this.#connected) return;
    const stream = this.#options.stream();
    if (stream === this.#stream) return;
    this.#unsubscribe?.();
    this.#stream = stream;
    // A stream already open reports its status synchronously, i.e. inside this update: defer, so the host's state
    // change schedules a normal update instead of one from within `updated()`.
    this.#unsubscribe = stream?.subscribe({
      event: (e) => this.#options.onEvent(e),
      status: (s) => queueMicrotask(() => this.#stream === stream && this.#onStatus(s)),
    });
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#stream = undefined;
    this.#stopPolling();
  }

  #onStatus(status: LiveStatus): void {
    const before = this.#status;
    this.#status = status;
    if (status === 'open') {
      this.#stopPolling();
      if (before === 'unavailable') this.#options.refresh();
    } else if (status === 'unavailable' && this.#poll === undefined) {
      const ms = Math.max(100, this.#options.pollMs() || 30_000);
      this.#poll = setInterval(() => this.#options.refresh(), ms);
    }
    this.#options.onStatus?.(status);
  }

  #stopPolling(): void {
    clearInterval(this.#poll);
    this.#poll = undefined;
  }
}
