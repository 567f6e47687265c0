/**
 * `<dv-calendar-context>`: configures every dv-calendar element inside it once — API base, token (or an async
 * token provider for expiring host tokens), language and time zone — through @lit/context.
 *
 * Invariants: one token source per context element, so all elements inside share a single refresh; changing an
 * attribute publishes a new value to subscribed elements; a new `token` replaces the cached one.
 */
import { provide } from '@lit/context';
import { LitElement, css, html, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { createTokenSource, type TokenProvider } from '../../client/token-source.js';
import { calendarContext, type CalendarConfig } from '../context.js';

/**
 * Provides API base, token, language and time zone to the dv-calendar elements inside it.
 *
 * @summary Configure all dv-calendar elements on a page once.
 * @slot - The elements (and any other content) that share this configuration.
 */
export class DvCalendarContext extends LitElement {
  static override styles = css`
    :host {
      display: contents;
    }
  `;

  /** Server base URL; empty for the page's origin. */
  @property() api = '';
  /** A bearer token issued by the host application. */
  @property() token: string | null = null;
  /** Language for the elements inside (`de` or `en`); unset follows the page. */
  @property() override lang = '';
  /** IANA time zone for the elements inside; unset uses the browser's. */
  @property({ attribute: 'time-zone' }) timeZone: string | null = null;
  /** Async function returning a fresh host token; called once for all elements when a token expires or is refused. */
  @property({ attribute: false }) tokenProvider: TokenProvider | null = null;
  /** Injected fetch (tests, instrumentation). */
  @property({ attribute: false }) fetch: typeof fetch | undefined = undefined;

  @provide({ context: calendarContext })
  config: CalendarConfig | undefined = undefined;

  protected override willUpdate(changed: PropertyValues<this>): void {
    const tokensChanged = changed.has('token') || changed.has('tokenProvider') || !this.config;
    this.config = {
      api: this.api,
      tokens: tokensChanged ? createTokenSource({ token: this.token, provider: this.tokenProvider }) : this.config!.tokens,
      lang: this.lang || null,
      timeZone: this.timeZone,
      fetch: this.fetch,
    };
  }

  protected override render(): TemplateResult {
    return html`<slot></slot>`;
  }
}
