/**
 * `<dv-connections-overview>`: the admin's view of every user's calendar connection (spec §10, requirement 28) —
 * filter by the spec's status values with counts, search by name or e-mail, a sortable table with a calendar icon
 * for connected users, per-user central connect and disconnect (confirmed), and the service-account panel (§17, §18:
 * connect through the consent page, "Service Account: <e-mail>", disconnect with "Disconnect" / "Keep connection",
 * load rooms). On Basic (403 `plus_required`) the panel explains that central management needs Plus; listing and
 * disconnecting still work, as the spec allows them in both tiers.
 *
 * Invariants:
 * - The server filters and counts (`GET /api/connections`); the element only sorts the loaded rows. A `@lit/task`
 *   per read aborts stale reads when the filter or search changes.
 * - Rows follow the live stream: an event updates its row at once and a debounced re-read refreshes counts; while
 *   the stream is down the list is polled. A status change of a row sends `dv-status-change` once.
 * - The polite `role="status"` region speaks on changes only (a row's status, an action's outcome, a filter's
 *   result count), never on the first load.
 * - All text from this element's catalogs, dates through `Intl`; styling from adopted stylesheets only.
 */
import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, isAbortError } from '../../client/api-error.js';
import type { ConnectionRow, ConnectionStatus } from '../../client/connection-checks.js';
import { currentReturnTo } from '../../client/connections-client.js';
import type { EventSourceFactory } from '../../client/live-client.js';
import type { TokenProvider } from '../../client/token-source.js';
import type { LoadRoomsResult, ServiceAccountView } from '../../shared/api/connections.js';
import type { LiveEvent } from '../../shared/api/live.js';
import type { ConnectionList } from '../../shared/api/users.js';
import { ConnectionConfig, connectionStream, type Resolved } from '../connection-status/config.js';
import {
  DvConnectEvent,
  DvConnectionErrorEvent,
  DvDisconnectEvent,
  DvStatusChangeEvent,
  type ConnectionOperation,
} from '../connection-status/events.js';
import { icon } from '../connection-status/icons.js';
import {
  CONNECTION_STATUS_SET,
  STATUS_LOOK,
  isConnected,
  nextAnnouncement,
  providerName,
  reasonOf,
  takeOutcome,
  type Outcome,
} from '../connection-status/internal/status.js';
import { LiveSyncController } from '../connection-status/live-sync.js';
import { calendarContext, type CalendarConfig } from '../context.js';
import { FocusAfterUpdateController } from '../controllers/focus-after-update.js';
import { createTranslator, type Params } from '../i18n/index.js';
import { openDialog, renderConfirmDialog } from '../shared/dialog.js';
import { heading } from '../shared/heading.js';
import { styles } from './connections-overview.styles.js';
import { DvConnectionsLoadEvent } from './events.js';
import { de } from './i18n/de.js';
import { en, type OverviewKey } from './i18n/en.js';
import {
  FILTERS,
  asFilter,
  changedRows,
  countOf,
  mergePage,
  nextSort,
  rowActions,
  sortRows,
  type Filter,
  type Sort,
  type SortKey,
} from './internal/table.js';

const translate = createTranslator<OverviewKey>({ en, de });
type T = (key: OverviewKey, params?: Params) => string;

const ERROR_KEYS: Record<string, OverviewKey> = {
  network_error: 'error_network',
  forbidden: 'error_forbidden',
  unauthorized: 'error_unauthorized',
  not_found: 'error_not_found',
  plus_required: 'error_plus_required',
  integration_disabled: 'error_integration_disabled',
  conflict: 'error_conflict',
  validation_failed: 'error_validation_failed',
  calendar_unavailable: 'error_calendar_unavailable',
};

const USER_DIALOG = 'disconnect-user-dialog';
const SA_DIALOG = 'disconnect-sa-dialog';
const SA_CONNECT_DIALOG = 'connect-sa-dialog';

/** What the service-account panel knows: still loading, Basic (no central management), or the account. */
type Panel = { kind: 'loading' } | { kind: 'basic' } | { kind: 'error'; message: string } | { kind: 'account'; account: ServiceAccountView };

/**
 * Every user's calendar connection for admins, with the service account.
 *
 * @tag dv-connections-overview
 * @summary Admin overview of calendar connections: filter with counts, search, sortable table, central connect and
 *   disconnect, and the service-account panel with load rooms.
 *
 * @attr {'de' | 'en'} lang - Language (the native global attribute, observed); defaults to the context's, then the page's.
 *
 * @event {DvConnectionsLoadEvent} dv-load - The first list arrived. `detail: { list }`.
 * @event {DvStatusChangeEvent} dv-status-change - A user's status changed. `detail: { userId, status, previous }`.
 * @event {DvConnectEvent} dv-connect - A central connect was requested (`kind: 'central'`, no url), or the service
 *   account's consent page is about to open (`kind: 'service-account'`; cancelable).
 * @event {DvDisconnectEvent} dv-disconnect - A user's calendar or the service account was disconnected.
 * @event {DvConnectionErrorEvent} dv-error - A request failed. `detail: { operation, status, code, message, userId }`.
 *
 * @csspart base - The outer wrapper; carries `data-live` (`open`/`unavailable`).
 * @csspart heading - The element's heading.
 * @csspart service-account - The service-account panel.
 * @csspart service-account-title - Its heading.
 * @csspart service-account-email - The connected account's e-mail.
 * @csspart plus-required - The explanation shown on Basic.
 * @csspart rooms - The load-rooms progress and result.
 * @csspart filter - The status filter (a radio group).
 * @csspart filter-option - One filter value; state `filter-option--checked`.
 * @csspart count - The number of users of a filter value.
 * @csspart search - The search field.
 * @csspart table - The table.
 * @csspart sort-button - The name and status column sort buttons.
 * @csspart row - A user's row.
 * @csspart status - A row's status (icon and text).
 * @csspart calendar-icon - The calendar icon of connected users.
 * @csspart icon - Every status icon.
 * @csspart notice - An outcome (consent round trip, action).
 * @csspart error - An error message.
 * @csspart button - Every button; `button--primary`, `button--danger` variants.
 * @csspart dialog - A confirmation dialog.
 * @csspart dialog-title - Its heading.
 * @csspart dialog-text - Its explanation.
 * @csspart dialog-actions - Its buttons' row.
 *
 * @cssproperty --dv-color-primary - Accent of main buttons and the checked filter.
 * @cssproperty --dv-color-on-primary - Text on the accent colour.
 * @cssproperty --dv-color-surface - Background.
 * @cssproperty --dv-color-surface-alt - Header row and panel background.
 * @cssproperty --dv-color-text - Text colour.
 * @cssproperty --dv-color-text-muted - Secondary text.
 * @cssproperty --dv-color-border - Borders and table rules.
 * @cssproperty --dv-color-danger - Failed status and errors.
 * @cssproperty --dv-color-success - Connected status.
 * @cssproperty --dv-color-focus - The focus ring.
 * @cssproperty --dv-font - Font family.
 * @cssproperty --dv-radius - Corner radius.
 * @cssproperty --dv-space - Base spacing.
 * @cssproperty --dv-target-size - Minimum size of buttons and filter values (never below 24px).
 * @cssproperty --dv-connections-row-padding - Vertical padding of table cells (default 0.5rem).
 */
export class DvConnectionsOverview extends LitElement {
  static override styles = styles;

  /** Server base URL; empty takes the context's, then the page's origin. */
  @property() api = '';
  /** Bearer token from the host application (an admin's); empty takes the context's token source. */
  @property() token = '';
  /** Async provider of fresh host tokens (instead of `token`). */
  @property({ attribute: false }) tokenProvider: TokenProvider | null = null;
  /** IANA zone for dates; empty takes the context's, then the browser's. */
  @property({ attribute: 'time-zone' }) timeZone = '';
  /** Same-site path to come back to after the service account's consent page; empty means this page. */
  @property({ attribute: 'return-to' }) returnTo = '';
  /** Level of the element's heading (2–6, default 2); the panel and dialogs use one level below. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;
  /** Rows per read (1–500, default 100); "Show more" reads the next ones. */
  @property({ attribute: 'page-size', type: Number }) pageSize = 100;
  /** Milliseconds between reads while the live stream is unavailable (default 30000). */
  @property({ attribute: 'poll-interval', type: Number }) pollInterval = 30_000;
  /** Milliseconds the search waits after the last key press (default 300). */
  @property({ attribute: 'search-delay', type: Number }) searchDelay = 300;
  /** The status filter (`connected_individual`, `connected_central`, `failed`, `not_connected`; empty for all). */
  @property() filter: Filter = '';
  /** Fetch used for requests; defaults to the context's, then the global `fetch`. */
  @property({ attribute: false }) fetch?: typeof fetch;
  /** Creates the live stream's EventSource (tests, polyfills); defaults to the browser's `EventSource`. */
  @property({ attribute: false }) eventSourceFactory?: EventSourceFactory;

  @consume({ context: calendarContext, subscribe: true })
  @state()
  private _ctx?: CalendarConfig;

  @state() private _list?: ConnectionList;
  @state() private _rows: ConnectionRow[] = [];
  @state() private _loadError?: ApiError;
  @state() private _query = '';
  @state() private _q = '';
  @state() private _sort: Sort = { key: 'name', dir: 'ascending' };
  @state() private _panel: Panel = { kind: 'loading' };
  @state() private _busyRows = new Map<string, 'central' | 'disconnect'>();
  @state() private _busySa?: 'connect' | 'disconnect' | 'rooms';
  @state() private _rooms?: LoadRoomsResult;
  @state() private _roomsError = '';
  @state() private _saError = '';
  @state() private _rowError?: { userId: string; text: string };
  @state() private _saOutcome?: { outcome: Outcome; reason: string | null };
  @state() private _announce = '';
  @state() private _target?: ConnectionRow;
  @state() private _more = false;
  @state() private _live = '';

  readonly #config = new ConnectionConfig();
  #resolved?: Resolved;
  #statuses = new Map<string, ConnectionStatus>();
  #loaded = false;
  #announceCount = false;
  #searchTimer?: ReturnType<typeof setTimeout>;
  #refreshTimer?: ReturnType<typeof setTimeout>;
  #abort = new Set<AbortController>();
  #opener?: HTMLElement;
  readonly #pendingFocus = new FocusAfterUpdateController(this);

  /** The last list read (rows of the current filter and search, total and counts). */
  get list(): ConnectionList | undefined {
    return this._list;
  }

  /** The service account, when the organisation has Plus and the panel has loaded. */
  get serviceAccount(): ServiceAccountView | undefined {
    return this._panel.kind === 'account' ? this._panel.account : undefined;
  }

  /** Reads the list and the service account again. */
  async refresh(): Promise<void> {
    await Promise.all([this.#listTask.run(), this.#saTask.run()]);
  }

  readonly #listTask = new Task(this, {
    args: () => [this.#resolved?.client, asFilter(this.filter), this._q, this.#limit()] as const,
    task: ([client, filter, q, limit], { signal }) => {
      if (!client) throw new ApiError(0, 'internal', 'not configured');
      return client.listConnections({ status: filter || undefined, q: q || undefined, limit }, { signal });
    },
    onComplete: (list) => this.#receive(list, false),
    onError: (e) => {
      const err = this.#error('load', e, null);
      if (err && !this._list) this._loadError = err;
    },
  });

  readonly #saTask = new Task(this, {
    args: () => [this.#resolved?.client] as const,
    task: ([client], { signal }) => {
      if (!client) throw new ApiError(0, 'internal', 'not configured');
      return client.getServiceAccount({ signal });
    },
    onComplete: (account) => (this._panel = { kind: 'account', account }),
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'plus_required') {
        this._panel = { kind: 'basic' };
        return;
      }
      const err = this.#error('service-account', e, null);
      if (err && this._panel.kind !== 'account') this._panel = { kind: 'error', message: this.#errorText(err) };
    },
  });

  readonly #sync = new LiveSyncController(this, {
    stream: () => connectionStream(this.#resolved, this.eventSourceFactory),
    onEvent: (e) => this.#onLive(e),
    refresh: () => void this.refresh(),
    pollMs: () => this.pollInterval,
    onStatus: (s) => (this._live = s),
  });

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const found = takeOutcome('serviceAccount');
    if (found) this._saOutcome = found;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const a of this.#abort) a.abort();
    this.#abort.clear();
    clearTimeout(this.#searchTimer);
    clearTimeout(this.#refreshTimer);
  }

  protected override willUpdate(): void {
    this.#resolved = this.#config.resolve(
      this,
      { api: this.api, token: this.token, tokenProvider: this.tokenProvider, fetch: this.fetch, timeZone: this.timeZone },
      this._ctx,
    );
  }


  // ---- data ---------------------------------------------------------------------------------------------------

  #limit(): number {
    const n = Math.trunc(this.pageSize);
    return n >= 1 && n <= 500 ? n : 100;
  }

  #t(): T {
    const lang = this.#resolved?.locale.lang ?? 'en';
    return (key, params) => translate(lang, key, params);
  }

  #say(text: string): void {
    this._announce = nextAnnouncement(this._announce, text);
  }

  #statusText(status: ConnectionStatus): string {
    return this.#t()(`status_${status}`);
  }

  #receive(list: ConnectionList, append: boolean): void {
    const t = this.#t();
    const changes = changedRows(this.#statuses, list.items);
    this._list = list;
    this._rows = append ? mergePage(this._rows, list.items) : list.items;
    this._loadError = undefined;
    for (const r of list.items) this.#statuses.set(r.userId, r.status);
    for (const c of changes) {
      this.#say(t('announceRow', { name: c.name, status: this.#statusText(c.status) }));
      this.dispatchEvent(new DvStatusChangeEvent({ userId: c.userId, status: c.status, previous: c.previous }));
    }
    if (!this.#loaded) {
      this.#loaded = true;
      this.dispatchEvent(new DvConnectionsLoadEvent({ list }));
      if (this._saOutcome) this.#say(t(`saOutcome_${this._saOutcome.outcome}`));
    } else if (this.#announceCount) {
      this.#say(t('announceFilter', { count: list.total }));
    }
    this.#announceCount = false;
  }

  #onLive(event: LiveEvent): void {
    const userId = event.data.userId;
    if (!userId || !event.type.startsWith('connection.')) return;
    const status = event.data.status;
    const row = this._rows.find((r) => r.userId === userId);
    if (row && status && CONNECTION_STATUS_SET.has(status) && status !== row.status) {
      const s = status as ConnectionStatus;
      this.#patchRow(userId, { status: s, ...(s === 'failed' ? { failedReason: event.data.reason ?? null } : {}) });
      this.#say(this.#t()('announceRow', { name: row.name, status: this.#statusText(s) }));
      this.dispatchEvent(new DvStatusChangeEvent({ userId, status: s, previous: row.status }));
    }
    // Counts, filter membership and failure dates come with a read; several events in a burst share one.
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.#listTask.run(), 200);
  }

  #patchRow(userId: string, patch: Partial<ConnectionRow>): void {
    this._rows = this._rows.map((r) => (r.userId === userId ? { ...r, ...patch } : r));
    if (patch.status) this.#statuses.set(userId, patch.status);
  }

  #error(operation: ConnectionOperation, e: unknown, userId: string | null): ApiError | undefined {
    if (isAbortError(e)) return undefined;
    const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
    this.dispatchEvent(new DvConnectionErrorEvent({ operation, status: err.status, code: err.code, message: err.message, userId }));
    return err;
  }

  #errorText(err: ApiError): string {
    return this.#t()(ERROR_KEYS[err.code] ?? 'error_generic');
  }

  /** Runs one action with its own abort (several rows may be busy at once); disconnecting aborts them all. */
  async #act<R>(run: (signal: AbortSignal) => Promise<R>): Promise<R> {
    const abort = new AbortController();
    this.#abort.add(abort);
    try {
      return await run(abort.signal);
    } finally {
      this.#abort.delete(abort);
    }
  }

  #setBusy(userId: string, what: 'central' | 'disconnect' | undefined): void {
    const next = new Map(this._busyRows);
    if (what) next.set(userId, what);
    else next.delete(userId);
    this._busyRows = next;
  }

  // ---- filter, search, sort, pages ----------------------------------------------------------------------------

  #onFilter(e: Event): void {
    this.filter = asFilter((e.target as HTMLInputElement).value);
    this.#announceCount = true;
  }

  #onSearchInput(e: Event): void {
    this._query = (e.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#applySearch(), Math.max(0, this.searchDelay));
  }

  #onSearchKey(e: KeyboardEvent): void {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    clearTimeout(this.#searchTimer);
    this.#applySearch();
  }

  #applySearch(): void {
    const q = this._query.trim();
    if (q === this._q) return;
    this._q = q;
    this.#announceCount = true;
  }

  async #showMore(): Promise<void> {
    const r = this.#resolved;
    if (!r || this._more) return;
    this._more = true;
    try {
      const list = await this.#act((signal) =>
        r.client.listConnections({ status: asFilter(this.filter) || undefined, q: this._q || undefined, limit: this.#limit(), offset: this._rows.length }, { signal }),
      );
      this.#receive(list, true);
    } catch (e) {
      const err = this.#error('load', e, null);
      if (err) this.#say(this.#errorText(err));
    } finally {
      this._more = false;
    }
  }

  // ---- per-user actions ---------------------------------------------------------------------------------------

  async #connectCentral(row: ConnectionRow): Promise<void> {
    const r = this.#resolved;
    if (!r || this._busyRows.has(row.userId)) return;
    this.#setBusy(row.userId, 'central');
    this._rowError = undefined;
    try {
      const result = await this.#act((signal) => r.client.connectCentrally(row.userId, { signal }));
      this.#setBusy(row.userId, undefined);
      this.dispatchEvent(new DvConnectEvent({ userId: row.userId, kind: 'central', url: null }));
      if (result.status !== row.status) {
        this.#patchRow(row.userId, { status: result.status });
        this.dispatchEvent(new DvStatusChangeEvent({ userId: row.userId, status: result.status, previous: row.status }));
      }
      this.#say(this.#t()('announceCentral', { name: row.name }));
    } catch (e) {
      this.#setBusy(row.userId, undefined);
      const err = this.#error('central-connect', e, row.userId);
      if (err) {
        this._rowError = { userId: row.userId, text: this.#errorText(err) };
        this.#say(this._rowError.text);
      }
    }
  }

  #askDisconnectUser(row: ConnectionRow, e: Event): void {
    if (this._busyRows.has(row.userId)) return;
    this.#opener = e.currentTarget as HTMLElement;
    this._target = row;
    // The dialog's title names the user: render it first, then open.
    void this.updateComplete.then(() => openDialog(this.renderRoot, USER_DIALOG));
  }

  async #disconnectUser(row: ConnectionRow): Promise<void> {
    const r = this.#resolved;
    if (!r) return;
    this.#setBusy(row.userId, 'disconnect');
    this._rowError = undefined;
    this.#opener?.focus();
    try {
      const view = await this.#act((signal) => r.client.disconnect(row.userId, { signal }));
      this.#setBusy(row.userId, undefined);
      this.#patchRow(row.userId, { status: view.status, provider: view.provider, profileName: view.profileName, profileEmail: view.profileEmail, failedReason: null, failedSince: null });
      this.dispatchEvent(new DvDisconnectEvent({ userId: row.userId, kind: 'individual' }));
      if (view.status !== row.status) this.dispatchEvent(new DvStatusChangeEvent({ userId: row.userId, status: view.status, previous: row.status }));
      this.#say(this.#t()('announceDisconnected', { name: row.name }));
      // The Disconnect button of this row is gone; keep the keyboard user in the row.
      if (this.matches(':focus-within')) this.#pendingFocus.target = `tr[data-user="${CSS.escape(row.userId)}"] button,[part~="search"]`;
      clearTimeout(this.#refreshTimer);
      this.#refreshTimer = setTimeout(() => void this.#listTask.run(), 200);
    } catch (e) {
      this.#setBusy(row.userId, undefined);
      const err = this.#error('disconnect', e, row.userId);
      if (err) {
        this._rowError = { userId: row.userId, text: this.#errorText(err) };
        this.#say(this._rowError.text);
      }
      this.#opener?.focus();
    }
  }

  // ---- service account ----------------------------------------------------------------------------------------

  async #connectServiceAccount(): Promise<void> {
    const r = this.#resolved;
    if (!r || this._busySa) return;
    this._busySa = 'connect';
    this._saError = '';
    try {
      const returnTo = this.returnTo || currentReturnTo();
      const { url } = await this.#act((signal) => r.client.authorizeServiceAccount(returnTo ? { returnTo } : {}, { signal }));
      const event = new DvConnectEvent({ userId: null, kind: 'service-account', url });
      this.dispatchEvent(event);
      if (!event.defaultPrevented) window.location.assign(url);
    } catch (e) {
      const err = this.#error('service-account-connect', e, null);
      if (err) this.#saFailed(err);
    } finally {
      this._busySa = undefined;
    }
  }

  async #disconnectServiceAccount(): Promise<void> {
    const r = this.#resolved;
    if (!r) return;
    this._busySa = 'disconnect';
    this._saError = '';
    this.#opener?.focus();
    try {
      const account = await this.#act((signal) => r.client.disconnectServiceAccount({ signal }));
      this._panel = { kind: 'account', account };
      this._rooms = undefined;
      this.dispatchEvent(new DvDisconnectEvent({ userId: null, kind: 'service-account' }));
      this.#say(this.#t()('announceSaDisconnected'));
      if (this.matches(':focus-within')) this.#pendingFocus.target = '[data-action="sa-connect"]';
    } catch (e) {
      const err = this.#error('service-account-disconnect', e, null);
      if (err) this.#saFailed(err);
      this.#opener?.focus();
    } finally {
      this._busySa = undefined;
    }
  }

  async #loadRooms(): Promise<void> {
    const r = this.#resolved;
    if (!r || this._busySa) return;
    this._busySa = 'rooms';
    this._roomsError = '';
    this._rooms = undefined;
    const t = this.#t();
    this.#say(t('loadingRooms'));
    try {
      const result = await this.#act((signal) => r.client.loadRooms({ signal }));
      this._rooms = result;
      this.#say(this.#roomsText(result));
    } catch (e) {
      const err = this.#error('load-rooms', e, null);
      if (err) {
        this._roomsError = this.#errorText(err);
        this.#say(this._roomsError);
      }
    } finally {
      this._busySa = undefined;
    }
  }

  #roomsText(result: LoadRoomsResult): string {
    return this.#t()('roomsResult', { loaded: result.loaded, total: result.items.length, requested: result.authorizationsRequested });
  }

  #saFailed(err: ApiError): void {
    if (err.code === 'plus_required') this._panel = { kind: 'basic' };
    this._saError = this.#errorText(err);
    this.#say(this._saError);
  }

  #ask(id: string, e: Event): void {
    if (this._busySa) return;
    this.#opener = e.currentTarget as HTMLElement;
    openDialog(this.renderRoot, id);
  }

  #closed(confirmed: boolean, action: () => void): void {
    if (confirmed) action();
    else this.#opener?.focus();
  }

  // ---- rendering ----------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const r = this.#resolved!;
    const t = this.#t();
    const level = Math.min(6, Math.max(2, Math.trunc(this.headingLevel) || 2));
    const target = this._target;
    return html`<div part="base" class="base" lang=${r.locale.locale} data-live=${this._live || nothing}
      aria-busy=${!this._list && !this._loadError ? 'true' : 'false'}>
      <div role="status" class="sr-only">${this._announce}</div>
      ${heading(level, t('heading'), 'heading')}
      ${this.#renderPanel(t, level + 1)}
      ${this.#renderList(t)}
      ${renderConfirmDialog({
        id: USER_DIALOG,
        title: t('userDialogTitle', { name: target?.name ?? '' }),
        text: t('userDialogText'),
        confirm: t('confirmDisconnect'),
        cancel: t('keep'),
        level: level + 1,
        onClose: (ok) => this.#closed(ok, () => target && void this.#disconnectUser(target)),
      })}
      ${renderConfirmDialog({
        id: SA_DIALOG,
        title: t('saDialogTitle'),
        text: t('saDialogText'),
        note: t('saDialogNote'),
        confirm: t('confirmDisconnect'),
        cancel: t('keep'),
        level: level + 1,
        onClose: (ok) => this.#closed(ok, () => void this.#disconnectServiceAccount()),
      })}
      ${renderConfirmDialog({
        id: SA_CONNECT_DIALOG,
        title: t('saConnectTitle'),
        text: t('saConnectText'),
        confirm: t('saConnectConfirm'),
        cancel: t('cancel'),
        destructive: false,
        level: level + 1,
        onClose: (ok) => this.#closed(ok, () => void this.#connectServiceAccount()),
      })}
    </div>`;
  }

  #renderPanel(t: T, level: number): TemplateResult {
    const p = this._panel;
    const busy = this._busySa;
    const aria = (b: boolean) => (b ? 'true' : 'false');
    const outcome = this._saOutcome
      ? html`<p part="notice" class="notice notice--${this._saOutcome.outcome === 'connected' ? 'ok' : 'danger'}">${t(`saOutcome_${this._saOutcome.outcome}`)}</p>`
      : nothing;
    let body: TemplateResult;
    if (p.kind === 'loading') body = html`<p class="muted loading">${icon('sync')} <span>${t('saLoading')}</span></p>`;
    else if (p.kind === 'basic') body = html`<p part="plus-required" class="plus-required">${t('plusRequired')}</p>`;
    else if (p.kind === 'error') {
      body = html`<p part="error" class="error">${icon('alert')} <span>${p.message}</span></p>
        <div class="actions"><button part="button" @click=${() => void this.#saTask.run()}>${t('retry')}</button></div>`;
    } else {
      const a = p.account;
      const connectButton = (label: OverviewKey) =>
        html`<button part="button button--primary" class="primary" data-action="sa-connect" aria-disabled=${aria(!!busy)}
          @click=${(e: Event) => this.#ask(SA_CONNECT_DIALOG, e)}>${busy === 'connect' ? t('working') : t(label)}</button>`;
      const disconnectButton = html`<button part="button" data-action="sa-disconnect" aria-disabled=${aria(!!busy)}
        @click=${(e: Event) => this.#ask(SA_DIALOG, e)}>${busy === 'disconnect' ? t('working') : t('saDisconnect')}</button>`;
      if (a.status === 'connected') {
        const since = a.connectedAt ? this.#dateTime(a.connectedAt) : '';
        body = html`<p class="sa-account">${icon('check-central')} <span>${t('saLabel')} <strong part="service-account-email">${a.email ?? '—'}</strong></span></p>
          <p class="muted">${[providerName(a.provider), a.domain].filter(Boolean).join(' · ')}${since
            ? html`${a.provider || a.domain ? ' · ' : ''}<time datetime=${a.connectedAt!}>${t('saConnectedSince', { date: since })}</time>`
            : nothing}</p>
          <div class="actions">
            <button part="button" data-action="load-rooms" aria-disabled=${aria(!!busy)} aria-describedby="rooms" @click=${() => void this.#loadRooms()}>${t('loadRooms')}</button>
            ${disconnectButton}
          </div>
          <div id="rooms" part="rooms" class="rooms">
            ${busy === 'rooms'
              ? html`<progress aria-label=${t('loadingRooms')}></progress> <span>${t('loadingRooms')}</span>`
              : this._rooms
                ? html`<p class="rooms-result">${this.#roomsText(this._rooms)}</p>`
                : this._roomsError
                  ? html`<p part="error" class="error">${icon('alert')} <span>${this._roomsError}</span></p>`
                  : nothing}
          </div>`;
      } else if (a.status === 'failed') {
        body = html`<p part="error" class="error">${icon('alert')} <span>${t('saFailed')}</span></p>
          ${a.email ? html`<p>${t('saLabel')} <strong part="service-account-email">${a.email}</strong></p>` : nothing}
          <div class="actions">${connectButton('saReconnect')} ${disconnectButton}</div>`;
      } else {
        body = html`<p>${t('saNone')}</p>
          <div class="actions">${connectButton('saConnect')}</div>`;
      }
    }
    return html`<section part="service-account" class="panel" aria-labelledby="sa-title">
      ${heading(level, t('saHeading'), 'service-account-title', 'sa-title')} ${outcome} ${body}
      ${this._saError ? html`<p part="error" class="error">${icon('alert')} <span>${this._saError}</span></p>` : nothing}
    </section>`;
  }

  #dateTime(iso: string): string {
    const r = this.#resolved!;
    return new Intl.DateTimeFormat(r.locale.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: r.zone }).format(new Date(iso));
  }

  #renderList(t: T): TemplateResult {
    const counts = this._list?.counts;
    const central = this._panel.kind === 'account' && this._panel.account.status === 'connected';
    const filter = html`<fieldset part="filter" class="filter">
      <legend>${t('filterLegend')}</legend>
      <div class="filter-options">
        ${FILTERS.map((f) => {
          const checked = asFilter(this.filter) === f;
          const n = countOf(counts, f);
          return html`<label part=${checked ? 'filter-option filter-option--checked' : 'filter-option'} class="chip">
            <input type="radio" name="status" value=${f} .checked=${checked} @change=${(e: Event) => this.#onFilter(e)} />
            <span>${t(`filter_${f || 'all'}`)}</span>
            ${n === undefined ? nothing : html`<span part="count" class="count">${n}</span>`}
          </label>`;
        })}
      </div>
    </fieldset>`;
    const search = html`<div class="search">
      <label for="search">${t('search')}</label>
      <input id="search" part="search" type="search" autocomplete="off" spellcheck="false" .value=${this._query}
        @input=${(e: Event) => this.#onSearchInput(e)} @keydown=${(e: KeyboardEvent) => this.#onSearchKey(e)} />
    </div>`;
    let table: TemplateResult;
    if (!this._list) {
      table = this._loadError
        ? html`<p part="error" class="error">${icon('alert')} <span>${t('errorLoad')} ${this.#errorText(this._loadError)}</span></p>
            <div class="actions"><button part="button" @click=${() => void this.#listTask.run()}>${t('retry')}</button></div>`
        : html`<p class="muted loading">${icon('sync')} <span>${t('loading')}</span></p>`;
    } else {
      table = this.#renderTable(t, central);
    }
    return html`<div class="list">${filter} ${search} ${table}</div>`;
  }

  #sortHeader(t: T, key: SortKey, label: string): TemplateResult {
    const sorted = this._sort.key === key;
    return html`<th scope="col" aria-sort=${sorted ? this._sort.dir : 'none'}>
      <button part="sort-button" class="sort" @click=${() => (this._sort = nextSort(this._sort, key))}>
        <span>${label}</span><span class="sort-mark" aria-hidden="true">${sorted ? (this._sort.dir === 'ascending' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>`;
  }

  #renderTable(t: T, central: boolean): TemplateResult {
    const r = this.#resolved!;
    const rows = sortRows(this._rows, this._sort, r.locale.locale);
    const total = this._list!.total;
    return html`<div class="table-wrap">
        <table part="table" class="table">
          <caption>${t('caption', { shown: rows.length, total })}</caption>
          <thead>
            <tr>
              ${this.#sortHeader(t, 'name', t('colName'))}
              <th scope="col">${t('colEmail')}</th>
              ${this.#sortHeader(t, 'status', t('colStatus'))}
              <th scope="col">${t('colAccount')}</th>
              <th scope="col">${t('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            ${rows.length
              ? rows.map((row) => this.#renderRow(t, row, central))
              : html`<tr><td colspan="5" class="empty">${t('empty')}</td></tr>`}
          </tbody>
        </table>
      </div>
      ${this._rows.length < total
        ? html`<div class="actions"><button part="button" aria-disabled=${this._more ? 'true' : 'false'} @click=${() => void this.#showMore()}>
            ${this._more ? t('working') : t('more')}</button></div>`
        : nothing}`;
  }

  #renderRow(t: T, row: ConnectionRow, central: boolean): TemplateResult {
    const look = STATUS_LOOK[row.status];
    const can = rowActions(row, central);
    const busy = this._busyRows.get(row.userId);
    const account = [providerName(row.provider), row.profileEmail ?? row.profileName].filter(Boolean).join(' · ');
    const error = this._rowError?.userId === row.userId ? this._rowError.text : '';
    const action = (label: string) => t('actionFor', { action: label, name: row.name });
    return html`<tr part="row" data-user=${row.userId} data-status=${row.status}>
      <th scope="row">
        <span class="name">${isConnected(row.status) ? icon('calendar', 'calendar-icon') : html`<span class="icon-gap"></span>`}<span>${row.name}</span></span>
      </th>
      <td class="email">${row.email}</td>
      <td>
        <span part="status" class="status status--${look.tone}">${icon(look.icon)}<span>${t(`status_${row.status}`)}</span></span>
        ${row.status === 'failed'
          ? html`<span class="muted small">${t(`reason_${reasonOf(row.failedReason)}`)}${row.failedSince
              ? html` · <time datetime=${row.failedSince}>${t('failedSince', { date: this.#dateTime(row.failedSince) })}</time>`
              : nothing}</span>`
          : nothing}
        ${row.integrationActive ? nothing : html`<span class="muted small">${t('integrationOff')}</span>`}
      </td>
      <td>${account}</td>
      <td class="row-actions">
        ${can.central
          ? html`<button part="button" data-action="central" aria-label=${action(t('connectCentral'))} aria-disabled=${busy ? 'true' : 'false'}
              @click=${() => void this.#connectCentral(row)}>${busy === 'central' ? t('working') : t('connectCentral')}</button>`
          : nothing}
        ${can.disconnect
          ? html`<button part="button" data-action="disconnect" aria-label=${action(t('disconnect'))} aria-disabled=${busy ? 'true' : 'false'}
              @click=${(e: Event) => this.#askDisconnectUser(row, e)}>${busy === 'disconnect' ? t('working') : t('disconnect')}</button>`
          : nothing}
        ${error ? html`<span part="error" class="error small">${error}</span>` : nothing}
      </td>
    </tr>`;
  }
}
