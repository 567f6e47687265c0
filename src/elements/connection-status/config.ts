/**
 * Where a connection element gets its API, token, fetch, language and zone: its own attributes and properties
 * first, then the surrounding `<dv-calendar-context>`, then the page (ancestors' `lang`, the browser's zone).
 * `ConnectionConfig` memoizes the token source and client so a re-render does not create new ones — a new client
 * would restart the element's load task, and a new token source would lose a refreshed token.
 *
 * Invariant: an element's own `token` (or `tokenProvider`) replaces the context's tokens entirely, never mixes.
 */
import { createConnectionsClient, type ConnectionsClient } from '../../client/connections-client.js';
import { createTokenSource, type TokenProvider, type TokenSource } from '../../client/token-source.js';
import type { CalendarConfig } from '../context.js';
import { browserZone, isZone, resolveLocale } from '../i18n/index.js';
import { localeOf, type LocaleTag } from './internal/status.js';

export interface OwnConfig {
  api: string;
  token: string;
  tokenProvider: TokenProvider | null;
  fetch: typeof fetch | undefined;
  timeZone: string;
}

export interface Resolved {
  api: string;
  /** Null when neither the element nor a context has a token: requests go without one and fail with 401. */
  tokens: TokenSource | null;
  client: ConnectionsClient;
  locale: LocaleTag;
  zone: string;
}

export class ConnectionConfig {
  #own?: { token: string; provider: TokenProvider | null; source: TokenSource };
  #client?: { api: string; tokens: TokenSource | null; fetch: typeof fetch | undefined; client: ConnectionsClient };

  resolve(el: Element, own: OwnConfig, ctx: CalendarConfig | undefined): Resolved {
    const api = own.api || ctx?.api || '';
    let tokens: TokenSource | null = ctx?.tokens ?? null;
    if (own.token || own.tokenProvider) {
      if (this.#own?.token !== own.token || this.#own.provider !== own.tokenProvider) {
        this.#own = { token: own.token, provider: own.tokenProvider, source: createTokenSource({ token: own.token || null, provider: own.tokenProvider }) };
      }
      tokens = this.#own.source;
    }
    const fetchFn = own.fetch ?? ctx?.fetch;
    const c = this.#client;
    if (!c || c.api !== api || c.tokens !== tokens || c.fetch !== fetchFn) {
      const client = createConnectionsClient({ api, ...(tokens ? { tokens } : {}), ...(fetchFn ? { fetch: fetchFn } : {}) });
      this.#client = { api, tokens, fetch: fetchFn, client };
    }
    const locale = (el.hasAttribute('lang') ? undefined : localeOf(ctx?.lang)) ?? resolveLocale(el);
    const zone = isZone(own.timeZone) ? own.timeZone : ctx?.timeZone && isZone(ctx.timeZone) ? ctx.timeZone : browserZone();
    return { api, tokens, client: this.#client!.client, locale, zone };
  }
}
