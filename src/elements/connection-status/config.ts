/**
 * Where a connection element gets its API, token, fetch, language and zone: its own attributes and properties
 * first, then the surrounding `<dv-calendar-context>`, then the page (ancestors' `lang`, the browser's zone).
 * The api, tokens and client come from the shared `ClientSettings` (memoized, see shared/settings.ts); this adds the
 * zone rule of the connection elements and the live stream they share.
 */
import { createConnectionsClient, type ConnectionsClient } from '../../client/connections-client.js';
import { CONNECTION_EVENT_TYPES, sharedLiveStream, type EventSourceFactory, type LiveStream } from '../../client/live-client.js';
import type { TokenSource } from '../../client/token-source.js';
import type { CalendarConfig } from '../context.js';
import { isZone, zoneOr, type Locale } from '../i18n/index.js';
import { ClientSettings, contextLocale, type OwnSettings } from '../shared/settings.js';

export interface OwnConfig extends OwnSettings {
  fetch: typeof fetch | undefined;
  timeZone: string;
}

export interface Resolved {
  api: string;
  /** Null when neither the element nor a context has a token: requests go without one and fail with 401. */
  tokens: TokenSource | null;
  client: ConnectionsClient;
  locale: Locale;
  zone: string;
}

export class ConnectionConfig {
  readonly #clients = new ClientSettings(createConnectionsClient);

  resolve(el: Element, own: OwnConfig, ctx: CalendarConfig | undefined): Resolved {
    const { api, tokens, client } = this.#clients.resolve(own, ctx);
    // An invalid own zone falls back to the context's, not straight to the browser's.
    const zone = isZone(own.timeZone) ? own.timeZone : zoneOr(ctx?.timeZone ?? '');
    return { api, tokens, client, locale: contextLocale(el, ctx), zone };
  }
}

/** The page's shared live stream of connection events for these settings; undefined without tokens (no ticket). */
export function connectionStream(r: Resolved | undefined, eventSource: EventSourceFactory | undefined): LiveStream | undefined {
  if (!r?.tokens) return undefined;
  return sharedLiveStream(r.tokens, {
    api: r.api,
    ticket: (signal) => r.client.createStreamTicket({ signal }),
    eventSource,
    types: CONNECTION_EVENT_TYPES,
  });
}
