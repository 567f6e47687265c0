/**
 * `<dv-connection-status>`: one user's calendar connection — connected (individual or centrally managed), failed
 * (reason in words and since when), not connected, or being connected — as a compact badge or a full card, with
 * connect, reconnect and disconnect (confirmed in a modal dialog), kept current by the live-update stream with
 * polling as the fallback.
 *
 * Invariants:
 * - The status is always text (icon + words), never colour alone; the polite `role="status"` region is empty on
 *   first load and only speaks when the status changes, an action fails or a consent round trip came back.
 * - One load in flight: the `@lit/task` load aborts a stale read; actions have their own AbortController that
 *   disconnecting aborts. A live event is applied at once and then confirmed by a fresh read (events carry no
 *   failure date or profile).
 * - The consent URL comes only from the server and only http(s) is followed (checked in the client); the return
 *   path is same-site. The `?calendar=` outcome is read once and removed from the address with `replaceState`.
 * - All text from this element's catalogs, dates through `Intl` in the user's language and zone; all styling from
 *   adopted stylesheets (strict-CSP safe).
 */
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, isAbortError } from '../../client/api-error.js';
import type { ConnectionStatus } from '../../client/connection-checks.js';
import { currentReturnTo, tokenSubject } from '../../client/connections-client.js';
import type { EventSourceFactory } from '../../client/live-client.js';
import type { TokenProvider } from '../../client/token-source.js';
import type { ConnectionView } from '../../shared/api/connections.js';
import type { LiveEvent } from '../../shared/api/live.js';
import { calendarContext, type CalendarConfig } from '../context.js';
import { FocusAfterUpdateController } from '../controllers/focus-after-update.js';
import { createTranslator, type Params } from '../i18n/index.js';
import { ConnectionConfig, connectionStream, type Resolved } from './config.js';
import { openDialog, renderConfirmDialog } from '../shared/dialog.js';
import { heading } from '../shared/heading.js';
import {
  DvConnectEvent,
  DvConnectionErrorEvent,
  DvConnectionLoadEvent,
  DvDisconnectEvent,
  DvStatusChangeEvent,
  type ConnectionOperation,
} from './events.js';
import { de } from './i18n/de.js';
import { en, type ConnectionStatusKey } from './i18n/en.js';
import { icon } from './icons.js';
import {
  CONNECTION_STATUS_SET,
  STATUS_LOOK,
  actionsFor,
  asProvider,
  nextAnnouncement,
  providerName,
  reasonOf,
  takeOutcome,
  type Outcome,
} from './internal/status.js';
import { LiveSyncController } from './live-sync.js';
import { styles } from './connection-status.styles.js';

const translate = createTranslator<ConnectionStatusKey>({ en, de });
type T = (key: ConnectionStatusKey, params?: Params) => string;

export const VARIANTS = ['card', 'badge'] as const;
export type Variant = (typeof VARIANTS)[number];

const DIALOG = 'disconnect-dialog';

/** Error codes with their own sentence; anything else reads as the generic one. */
const ERROR_KEYS: Record<string, ConnectionStatusKey> = {
  network_error: 'error_network',
  forbidden: 'error_forbidden',
  not_found: 'error_not_found',
  integration_disabled: 'error_integration_disabled',
  conflict: 'error_conflict',
  validation_failed: 'error_validation_failed',
};

/**
 * One user's calendar connection with its actions.
 *
 * @tag dv-connection-status
 * @summary A user's calendar connection as a badge or a card: status in words, connect, reconnect, disconnect, live.
 *
 * @attr {string} user - The user id; empty means the token's own user (`sub` of the host JWT).
 * @attr {'card' | 'badge'} variant - `card` (default): provider, account, status text and actions; `badge`: icon and
 *   short text, a link with `href` or a disclosure button with `interactive`.
 * @attr {'de' | 'en'} lang - Language (the native global attribute, observed); defaults to the context's, then the page's.
 *
 * @event {DvConnectionLoadEvent} dv-load - The connection was read the first time. `detail: { connection }`.
 * @event {DvStatusChangeEvent} dv-status-change - The status changed. `detail: { userId, status, previous }`.
 * @event {DvConnectEvent} dv-connect - About to open the consent page; cancelable. `detail: { userId, kind, url }`.
 * @event {DvDisconnectEvent} dv-disconnect - Disconnected after confirmation. `detail: { userId, kind }`.
 * @event {DvConnectionErrorEvent} dv-error - A request failed. `detail: { operation, status, code, message, userId }`.
 *
 * @csspart base - The outer wrapper; carries `data-status`, `data-variant` and `data-live` (`open`/`unavailable`).
 * @csspart badge - The badge (link, button or text); states `badge--ok`, `badge--danger`, `badge--neutral`, `badge--busy`.
 * @csspart icon - The status icon.
 * @csspart label - The status text.
 * @csspart heading - The card's heading.
 * @csspart status - The status line of the card (icon and text).
 * @csspart description - What the status means.
 * @csspart reason - Why the connection failed.
 * @csspart since - Since when it failed.
 * @csspart details - Provider and account list; in the badge, the disclosed details panel.
 * @csspart notice - The outcome of a consent round trip.
 * @csspart error - An error message.
 * @csspart actions - The action buttons' row.
 * @csspart button - Every button; `button--primary` for the main action, `button--danger` for the confirmation.
 * @csspart dialog - The confirmation dialog.
 * @csspart dialog-title - Its heading.
 * @csspart dialog-text - Its explanation.
 * @csspart dialog-actions - Its buttons' row.
 *
 * @cssproperty --dv-color-primary - Accent of the main button.
 * @cssproperty --dv-color-on-primary - Text on the accent colour.
 * @cssproperty --dv-color-surface - Background.
 * @cssproperty --dv-color-text - Text colour.
 * @cssproperty --dv-color-text-muted - Secondary text.
 * @cssproperty --dv-color-border - Borders.
 * @cssproperty --dv-color-danger - Failed status and errors.
 * @cssproperty --dv-color-success - Connected status.
 * @cssproperty --dv-color-focus - The focus ring.
 * @cssproperty --dv-font - Font family.
 * @cssproperty --dv-radius - Corner radius.
 * @cssproperty --dv-space - Base spacing.
 * @cssproperty --dv-target-size - Minimum size of buttons and the badge (never below 24px).
 * @cssproperty --dv-connection-badge-radius - Corner radius of the badge (default: pill).
 * @cssproperty --dv-connection-card-max-width - Maximum width of the card (default 40rem).
 */
export class DvConnectionStatus extends LitElement {
  static override styles = styles;

  /** The user whose connection is shown; empty for the token's own user. */
  @property() user = '';

  /** `card` (full) or `badge` (compact). */
  @property({ reflect: true }) variant: Variant = 'card';

  /** Server base URL; empty takes the context's, then the page's origin. */
  @property() api = '';

  /** Bearer token from the host application; empty takes the context's token source. */
  @property() token = '';

  /** Async provider of fresh host tokens (instead of `token`); called once on expiry or a 401. */
  @property({ attribute: false }) tokenProvider: TokenProvider | null = null;

  /** IANA zone of the "failed since" time; empty takes the context's, then the browser's. */
  @property({ attribute: 'time-zone' }) timeZone = '';

  /** Same-site path to come back to after the consent page; empty means this page. */
  @property({ attribute: 'return-to' }) returnTo = '';

  /** `navigate` (default) opens the consent page in this window; `popup` in a popup window (falls back if blocked). */
  @property({ attribute: 'connect-mode' }) connectMode: 'navigate' | 'popup' = 'navigate';

  /** Pre-selects a provider on the consent page (`google`, `apple`, `office365`, `outlook_com`, `exchange`). */
  @property() provider = '';

  /** Badge: makes the whole badge a link to the user's details. */
  @property() href = '';

  /** Badge: makes the whole badge a button that shows the details and actions below it. */
  @property({ type: Boolean }) interactive = false;

  /** Level of the card's heading (2–6, default 3); the dialog's title uses the same level. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 3;

  /** Milliseconds between reads while the live stream is unavailable (default 30000). */
  @property({ attribute: 'poll-interval', type: Number }) pollInterval = 30_000;

  /** Fetch used for requests (tests, instrumentation); defaults to the context's, then the global `fetch`. */
  @property({ attribute: false }) fetch?: typeof fetch;

  /** Creates the live stream's EventSource (tests, polyfills); defaults to the browser's `EventSource`. */
  @property({ attribute: false }) eventSourceFactory?: EventSourceFactory;

  @consume({ context: calendarContext, subscribe: true })
  @state()
  private _ctx?: CalendarConfig;

  @state() private _view?: ConnectionView;
  @state() private _loadError?: ApiError;
  @state() private _busy?: 'connect' | 'disconnect';
  @state() private _actionError = '';
  @state() private _outcome?: { outcome: Outcome; reason: string | null };
  @state() private _announce = '';
  @state() private _open = false;
  @state() private _live = '';

  readonly #config = new ConnectionConfig();
  #resolved?: Resolved;
  #userId = '';
  #abort?: AbortController;
  readonly #pendingFocus = new FocusAfterUpdateController(this);
  #opener?: HTMLElement;
  #popupTimer?: ReturnType<typeof setInterval>;

  /** The connection as last read (undefined while loading). */
  get connection(): ConnectionView | undefined {
    return this._view;
  }

  /** The current status (undefined while loading or after a failed first load). */
  get status(): ConnectionStatus | undefined {
    return this._view?.status;
  }

  /** Reads the connection again (the host may call it after its own changes). */
  refresh(): Promise<unknown> {
    return this.#load.run();
  }

  readonly #load = new Task(this, {
    args: () => [this.#resolved?.client, this.#resolved?.tokens, this.user] as const,
    task: async ([client, tokens, user], { signal }) => {
      if (!client) throw new ApiError(0, 'no_user', 'not configured');
      const id = user || tokenSubject(await tokens?.get());
      if (!id) throw new ApiError(0, 'no_user', 'No user id, and the token names none.');
      this.#userId = id;
      return client.getConnection(id, { signal });
    },
    onComplete: (view) => this.#receive(view),
    onError: (e) => this.#loadFailed(e),
  });

  readonly #sync = new LiveSyncController(this, {
    stream: () => connectionStream(this.#resolved, this.eventSourceFactory),
    onEvent: (e) => this.#onLive(e),
    refresh: () => void this.#load.run(),
    pollMs: () => this.pollInterval,
    onStatus: (s) => (this._live = s),
  });

  // `lang` stays the native global attribute (screen readers and :lang() see it); it is only observed.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back from the consent page: the server appended the outcome. Only a card (or an interactive badge) shows it.
    if (this.variant === 'card' || this.interactive) {
      const found = takeOutcome('calendar');
      if (found) this._outcome = found;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#abort = undefined;
    clearInterval(this.#popupTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another user is another connection: no status change between two users, no stale actions.
    if (changed.has('user') && this.hasUpdated) {
      this._view = undefined;
      this._loadError = undefined;
      this._actionError = '';
      this.#userId = '';
    }
    this.#resolved = this.#config.resolve(
      this,
      { api: this.api, token: this.token, tokenProvider: this.tokenProvider, fetch: this.fetch, timeZone: this.timeZone },
      this._ctx,
    );
  }


  // ---- data ---------------------------------------------------------------------------------------------------

  #t(): T {
    const lang = this.#resolved?.locale.lang ?? 'en';
    return (key, params) => translate(lang, key, params);
  }

  #say(text: string): void {
    this._announce = nextAnnouncement(this._announce, text);
  }

  #receive(view: ConnectionView): void {
    const previous = this._view;
    this._view = view;
    this._loadError = undefined;
    if (!previous) {
      this.dispatchEvent(new DvConnectionLoadEvent({ connection: view }));
      // The first read is not news, but the outcome of a consent round trip is.
      if (this._outcome) this.#say(this.#t()(`outcome_${this._outcome.outcome}`));
    } else if (previous.status !== view.status) {
      this.#statusChanged(view.status, previous.status);
    }
  }

  #statusChanged(status: ConnectionStatus, previous: ConnectionStatus): void {
    const t = this.#t();
    this.#say(t('announce', { status: t(`status_${status}`) }));
    this.dispatchEvent(new DvStatusChangeEvent({ userId: this.#userId, status, previous }));
  }

  #onLive(event: LiveEvent): void {
    if (!this._view || event.data.userId !== this.#userId || !event.type.startsWith('connection.')) return;
    const status = event.data.status;
    // Show the new status at once; the read that follows brings the failure date and the profile.
    if (status && CONNECTION_STATUS_SET.has(status) && status !== this._view.status) {
      const s = status as ConnectionStatus;
      const previous = this._view.status;
      this._view = { ...this._view, status: s, ...(s === 'failed' ? { failedReason: event.data.reason ?? this._view.failedReason } : {}) };
      this.#statusChanged(s, previous);
    }
    void this.#load.run();
  }

  #error(operation: ConnectionOperation, e: unknown): ApiError | undefined {
    if (isAbortError(e)) return undefined;
    const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
    this.dispatchEvent(
      new DvConnectionErrorEvent({ operation, status: err.status, code: err.code, message: err.message, userId: this.#userId || this.user || null }),
    );
    return err;
  }

  #loadFailed(e: unknown): void {
    const err = this.#error('load', e);
    // A failed re-read keeps the last known state on screen; only a failed first read shows the error.
    if (err && !this._view) this._loadError = err;
  }

  #errorText(err: ApiError): string {
    return this.#t()(ERROR_KEYS[err.code] ?? 'error_generic');
  }

  #actionFailed(operation: ConnectionOperation, e: unknown): void {
    const err = this.#error(operation, e);
    if (!err) return;
    this._actionError = this.#errorText(err);
    this.#say(this._actionError);
  }

  #signal(): AbortSignal {
    this.#abort?.abort();
    this.#abort = new AbortController();
    return this.#abort.signal;
  }

  async #connect(): Promise<void> {
    const r = this.#resolved;
    if (this._busy || !r || !this.#userId) return;
    const signal = this.#signal();
    this._busy = 'connect';
    this._actionError = '';
    this.#say(this.#t()('connecting'));
    try {
      const returnTo = this.returnTo || currentReturnTo();
      const provider = asProvider(this.provider);
      const { url } = await r.client.authorize(this.#userId, { ...(returnTo ? { returnTo } : {}), ...(provider ? { provider } : {}) }, { signal });
      const event = new DvConnectEvent({ userId: this.#userId, kind: 'individual', url });
      this.dispatchEvent(event);
      if (!event.defaultPrevented) this.#openConsent(url);
    } catch (e) {
      this.#actionFailed('connect', e);
    } finally {
      this._busy = undefined;
    }
  }

  #openConsent(url: string): void {
    if (this.connectMode === 'popup') {
      const popup = window.open(url, 'dv-calendar-consent', 'popup,width=620,height=720');
      if (popup) {
        // The popup ends on our return page; when it closes, read the outcome (the stream may be unavailable).
        clearInterval(this.#popupTimer);
        this.#popupTimer = setInterval(() => {
          if (!popup.closed) return;
          clearInterval(this.#popupTimer);
          void this.#load.run();
        }, 500);
        return;
      }
    }
    window.location.assign(url);
  }

  #askDisconnect(e: Event): void {
    if (this._busy) return;
    this.#opener = e.currentTarget as HTMLElement;
    openDialog(this.renderRoot, DIALOG);
  }

  #dialogClosed(confirmed: boolean): void {
    if (!confirmed) {
      this.#opener?.focus();
      return;
    }
    void this.#disconnect();
  }

  async #disconnect(): Promise<void> {
    const r = this.#resolved;
    if (!r || !this.#userId) return;
    const signal = this.#signal();
    this._busy = 'disconnect';
    this._actionError = '';
    // Focus stays on the (now busy) button meanwhile; afterwards that button is gone, so the new main action takes it.
    this.#opener?.focus();
    try {
      const view = await r.client.disconnect(this.#userId, { signal });
      this._busy = undefined;
      this.#receive(view);
      this.dispatchEvent(new DvDisconnectEvent({ userId: this.#userId, kind: 'individual' }));
      if (this.matches(':focus-within')) this.#pendingFocus.target = '[data-action="connect"],button[part~="badge"]';
    } catch (e) {
      this._busy = undefined;
      this.#actionFailed('disconnect', e);
      this.#opener?.focus();
    }
  }

  // ---- rendering ----------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const r = this.#resolved!;
    const t = this.#t();
    const view = this._view;
    const status = view?.status;
    return html`<div part="base" class="base ${this.variant}" lang=${r.locale.locale} data-variant=${this.variant}
      data-status=${status ?? (this._loadError ? 'error' : 'loading')} data-live=${this._live || nothing}
      aria-busy=${!view && !this._loadError ? 'true' : 'false'}>
      <div role="status" class="sr-only">${this._announce}</div>
      ${this.variant === 'badge' ? this.#renderBadge(t) : this.#renderCard(t)}
      ${renderConfirmDialog({
        id: DIALOG,
        title: t('dialogTitle'),
        text: t('dialogText'),
        confirm: t('confirmDisconnect'),
        cancel: t('keep'),
        level: this.headingLevel + (this.variant === 'card' ? 1 : 0),
        onClose: (confirmed) => this.#dialogClosed(confirmed),
      })}
    </div>`;
  }

  #renderBadge(t: T): TemplateResult {
    const status = this._view?.status;
    const look = status ? STATUS_LOOK[status] : this._loadError ? { tone: 'danger', icon: 'alert' as const } : { tone: 'busy', icon: 'sync' as const };
    const text = status ? t(`short_${status}`) : this._loadError ? t('unknownShort') : t('loadingShort');
    const inner = html`${icon(look.icon)}<span class="sr-only">${t('badgePrefix')} </span><span part="label">${text}</span>`;
    const part = `badge badge--${look.tone}`;
    if (this.href) return html`<a part=${part} class="badge" href=${this.href}>${inner}</a>`;
    if (!this.interactive) return html`<span part=${part} class="badge">${inner}</span>`;
    return html`<button part=${part} class="badge" aria-expanded=${this._open ? 'true' : 'false'} aria-controls="details"
        @click=${() => (this._open = !this._open)}>${inner}</button>
      <div id="details" part="details" class="details-panel" role="group" aria-label=${t('details')} ?hidden=${!this._open}>
        ${this._open ? this.#renderBody(t) : nothing}
      </div>`;
  }

  #renderCard(t: T): TemplateResult {
    return html`<div class="card">
      ${heading(this.headingLevel, t('heading'), 'heading', 'heading')} ${this.#renderBody(t)}
    </div>`;
  }

  #renderBody(t: T): TemplateResult {
    const view = this._view;
    const notice = this._outcome
      ? html`<p part="notice" class="notice notice--${this._outcome.outcome === 'connected' ? 'ok' : 'danger'}">${t(`outcome_${this._outcome.outcome}`)}</p>`
      : nothing;
    if (!view) {
      if (this._loadError) {
        const text = this._loadError.code === 'no_user' ? t('errorNoUser') : `${t('errorLoad')} ${this.#errorText(this._loadError)}`;
        return html`${notice}<p part="error" class="error">${icon('alert')} <span>${text}</span></p>
          <div part="actions" class="actions">
            <button part="button" @click=${() => void this.#load.run()}>${t('retry')}</button>
          </div>`;
      }
      return html`<p class="muted loading">${icon('sync')} <span>${t('loading')}</span></p>`;
    }
    const { status } = view;
    const look = STATUS_LOOK[status];
    const f = this.#resolved!;
    const provider = providerName(view.provider);
    const account = view.profileEmail ?? view.profileName;
    const can = actionsFor(status);
    const busy = this._busy;
    const since = view.failedSince
      ? new Intl.DateTimeFormat(f.locale.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: f.zone }).format(new Date(view.failedSince))
      : '';
    return html`${notice}
      <p part="status" class="status status--${look.tone}">${icon(look.icon)}<span part="label">${t(`status_${status}`)}</span></p>
      ${status === 'failed'
        ? html`<p part="reason" class="reason">${t(`reason_${reasonOf(view.failedReason)}`)}</p>
            ${since ? html`<p part="since" class="muted"><time datetime=${view.failedSince!}>${t('failedSince', { date: since })}</time></p>` : nothing}`
        : nothing}
      <p part="description" class="muted">${t(`text_${status}`)}</p>
      ${provider || account
        ? html`<dl part="details" class="details">
            ${provider ? html`<div><dt>${t('provider')}</dt><dd>${provider}</dd></div>` : nothing}
            ${account ? html`<div><dt>${t('account')}</dt><dd>${account}</dd></div>` : nothing}
          </dl>`
        : nothing}
      ${this._actionError ? html`<p part="error" class="error">${icon('alert')} <span>${this._actionError}</span></p>` : nothing}
      ${can.connect || can.reconnect || can.disconnect
        ? html`<div part="actions" class="actions">
            ${can.connect || can.reconnect
              ? html`<button part="button button--primary" class="primary" data-action="connect" aria-disabled=${busy ? 'true' : 'false'}
                  @click=${() => void this.#connect()}>${busy === 'connect' ? t('connecting') : t(can.reconnect ? 'reconnect' : 'connect')}</button>`
              : nothing}
            ${can.disconnect
              ? html`<button part="button" data-action="disconnect" aria-disabled=${busy ? 'true' : 'false'} @click=${(e: Event) => this.#askDisconnect(e)}>
                  ${busy === 'disconnect' ? t('disconnecting') : t('disconnect')}
                </button>`
              : nothing}
          </div>`
        : nothing}`;
  }
}
