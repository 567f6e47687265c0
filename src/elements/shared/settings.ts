/**
 * Where an element that talks to the server gets its API base, tokens, fetch and language: its own attributes and
 * properties first, then the surrounding `<dv-calendar-context>`, then the page (ancestors' `lang`). `ClientSettings`
 * memoizes the token source and the client so a re-render does not create new ones — a new client would restart the
 * element's load task, and a new token source would lose a refreshed token.
 *
 * Invariant: an element's own `token` (or `tokenProvider`) replaces the context's tokens entirely, never mixes.
 * No module-level state: each element holds its own `ClientSettings`.
 */
import type { HttpOptions } from '../../client/http.js';
import { createTokenSource, type TokenProvider, type TokenSource } from '../../client/token-source.js';
import type { CalendarConfig } from '../context.js';
import { localeOf, resolveLocale, type Locale } from '../i18n/index.js';

/** What an element may set itself; each wins over the context's value. */
export interface OwnSettings {
  api: string;
  token: string;
  tokenProvider: TokenProvider | null;
  fetch?: typeof fetch | undefined;
}

export interface ResolvedClient<C> {
  api: string;
  /** Null when neither the element nor a context has a token: requests go without one and fail with 401. */
  tokens: TokenSource | null;
  client: C;
}

export class ClientSettings<C> {
  readonly #create: (options: HttpOptions) => C;
  #own?: { token: string; provider: TokenProvider | null; source: TokenSource };
  #last?: ResolvedClient<C> & { fetch: typeof fetch | undefined };

  constructor(create: (options: HttpOptions) => C) {
    this.#create = create;
  }

  /** The client for the current settings: the same object as long as api, tokens and fetch stay the same. */
  resolve(own: OwnSettings, ctx: CalendarConfig | undefined): ResolvedClient<C> {
    const api = own.api || ctx?.api || '';
    let tokens: TokenSource | null = ctx?.tokens ?? null;
    if (own.token || own.tokenProvider) {
      if (this.#own?.token !== own.token || this.#own.provider !== own.tokenProvider) {
        this.#own = { token: own.token, provider: own.tokenProvider, source: createTokenSource({ token: own.token || null, provider: own.tokenProvider }) };
      }
      tokens = this.#own.source;
    }
    const fetchFn = own.fetch ?? ctx?.fetch;
    const last = this.#last;
    if (last && last.api === api && last.tokens === tokens && last.fetch === fetchFn) return last;
    const client = this.#create({ api, ...(tokens ? { tokens } : {}), ...(fetchFn ? { fetch: fetchFn } : {}) });
    this.#last = { api, tokens, fetch: fetchFn, client };
    return this.#last;
  }
}

/** The element's own `lang` wins; else the context's; else the page's and the browser's (see `resolveLocale`). */
export function contextLocale(el: Element, ctx: CalendarConfig | undefined): Locale {
  return (el.hasAttribute('lang') ? undefined : localeOf(ctx?.lang)) ?? resolveLocale(el);
}
