/**
 * `<dv-room-selector>`: the rooms of a location with their status for a time range — free, occupied, or unknown
 * (also while the answer loads) in text plus an icon, never colour alone — and "first free room automatically",
 * as a single-choice radio group and a form-associated input (`value` = room id or `auto`). Admins (`manage`) can
 * load rooms from the calendar system, create a room inline and add rooms to the location.
 *
 * Invariants:
 * - Two @lit/task loads: the rooms (per location) and their statuses (per location and range). Changing `start`,
 *   `end` or `location` aborts the stale statuses request, so an old answer never paints over a newer range.
 * - `input`/`change` only for the user's choice, never when `value` is set, on load or form reset.
 * - Choosing an occupied room (or "automatically" when every room is occupied) is allowed but makes the control
 *   invalid with a reason, so a form cannot submit a booking the server would refuse.
 * - All text from the element's catalogs and `Intl`; all styling from adopted stylesheets (strict-CSP safe).
 */
import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, isAbortError } from '../../client/api-error.js';
import { createRoomsClient, type RoomsClient } from '../../client/rooms-client.js';
import type { TokenProvider } from '../../client/token-source.js';
import type { LocationView, RoomView } from '../../shared/api/rooms.js';
import { calendarContext, type CalendarConfig } from '../context.js';
import { FocusAfterUpdateController } from '../controllers/focus-after-update.js';
import { FormControlController, type FormValidity } from '../controllers/form-control.js';
import { RovingTabindexController } from '../controllers/roving-tabindex.js';
import { formatsCache, zoneOr, type Formats, type Params } from '../i18n/index.js';
import { ClientSettings, contextLocale } from '../shared/settings.js';
import { DvRoomCreateEvent, DvRoomErrorEvent, DvRoomsImportEvent, DvRoomsLoadEvent, type RoomOperation } from './events.js';
import { translate, type RoomKey } from './i18n.js';
import {
  autoChoice,
  draftBody,
  draftIssues,
  orderRooms,
  roomsNotIn,
  shownStatus,
  timeRange,
  type DraftField,
  type Phase,
  type RoomDraft,
  type RoomStatus,
  type ShownStatus,
} from './internal/room-options.js';
import { styles } from './room-selector.styles.js';

export const SELECTOR_STATES = ['loading', 'ready', 'empty', 'error', 'plus-required'] as const;
export type SelectorState = (typeof SELECTOR_STATES)[number];

/** The value meaning "first free room automatically". */
export const AUTO = 'auto';

type T = (key: RoomKey, params?: Params) => string;

const STATUS_KEYS: Record<Exclude<ShownStatus, 'none'>, RoomKey> = { free: 'free', busy: 'busy', unknown: 'unknown', loading: 'loadingStatus' };
const DRAFT_KEYS = { name: 'errName', email: 'errEmail', capacity: 'errCapacity', taken: 'errEmailTaken' } as const;

/** Status glyphs; each differs in shape, so the state reads without colour. */
const ICONS: Record<Exclude<ShownStatus, 'none'>, TemplateResult> = {
  free: html`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" stroke-width="1.5"/><path d="M4.5 8.2l2.3 2.3 4.7-4.9" fill="none" stroke="currentColor" stroke-width="1.8"/></svg>`,
  busy: html`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="7" fill="currentColor"/><path class="cut" d="M5 5l6 6M11 5l-6 6" stroke-width="1.8"/></svg>`,
  unknown: html`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" stroke-width="1.5" stroke-dasharray="2.5 2"/><path d="M6.2 6.2a1.9 1.9 0 1 1 2.6 1.8c-.6.3-.8.7-.8 1.3" fill="none" stroke="currentColor" stroke-width="1.5"/><circle cx="8" cy="11.6" r=".9" fill="currentColor"/></svg>`,
  loading: html`<svg viewBox="0 0 16 16" aria-hidden="true" focusable="false"><circle cx="8" cy="8" r="7" fill="none" stroke="currentColor" stroke-width="1.5" stroke-dasharray="2.5 2"/><path d="M8 4v4l2.5 1.5" fill="none" stroke="currentColor" stroke-width="1.5"/></svg>`,
};

const EMPTY_DRAFT: RoomDraft = { name: '', email: '', capacity: '' };

/**
 * Choose the room of an appointment, seeing which rooms are free at its time.
 *
 * @tag dv-room-selector
 * @summary Rooms of a location with free / occupied / unknown status, "first free room automatically", admin tools.
 *
 * @attr {string} api - Server base URL; empty for the page's origin (or the surrounding `<dv-calendar-context>`'s).
 * @attr {string} token - Bearer token; without it (and without `tokenProvider`) the context's token source is used.
 * @attr {string} location - Location id; its rooms are offered in its booking order. Empty: every room.
 * @attr {string} start - Start of the appointment, an ISO instant; with `end`, the statuses are for `[start, end)`.
 * @attr {string} end - End of the appointment, an ISO instant.
 * @attr {string} value - The choice: a room id, `auto`, or empty. As an attribute, also what form reset returns to.
 * @attr {string} name - Form field name.
 * @attr {boolean} required - A choice is needed.
 * @attr {boolean} disabled - Nothing can be chosen; the value is not submitted.
 * @attr {boolean} manage - Admin tools: load rooms from the calendar system, create a room, add rooms to the location.
 * @attr {boolean} hide-auto - Leave out "first free room automatically".
 * @attr {string} label - The group's label; default "Room" in the element's language.
 * @attr {string} time-zone - Zone the time range is shown in; default the context's, then the browser's.
 * @attr {'de' | 'en'} lang - Language (the native attribute, observed); else the context's, the page's, the browser's.
 *
 * @event input - The user chose a room (or "automatically").
 * @event change - The user chose a room (or "automatically"); read `value`.
 * @event {DvRoomsLoadEvent} dv-load - The rooms arrived. `detail: { rooms, location }`.
 * @event {DvRoomsImportEvent} dv-rooms-import - Rooms were loaded from the calendar system. `detail: { items, loaded, authorizationsRequested }`.
 * @event {DvRoomCreateEvent} dv-room-create - A room was created. `detail: { room, location }`.
 * @event {DvRoomErrorEvent} dv-error - A request failed. `detail: { operation: 'load' | 'status' | 'import' | 'create' | 'add', status, code, message }`.
 *
 * @csspart base - The outer wrapper; carries `data-state`.
 * @csspart label - The group's label.
 * @csspart range - The line naming the time range (or asking for one).
 * @csspart group - The radio group.
 * @csspart option - One choice; states `option--checked`, `option--auto`.
 * @csspart option-name - The room's name.
 * @csspart option-meta - Capacity, or the automatic choice's current room.
 * @csspart status - A status (icon and text); states `status--free`, `status--busy`, `status--unknown`, `status--loading`.
 * @csspart notice - Empty, Plus-required and status-failure notices.
 * @csspart error - A validation message.
 * @csspart alert - Request errors.
 * @csspart manage - The admin tools.
 * @csspart manage-status - Progress and results of the admin tools.
 * @csspart create-form - The inline "create room" form.
 * @csspart input - Inputs and selects of the admin tools.
 * @csspart button - Every button; `button--primary` for the main action.
 * @csspart skeleton - The loading placeholder.
 *
 * @cssproperty --dv-color-primary - The checked option and main buttons.
 * @cssproperty --dv-color-on-primary - Text on the accent colour.
 * @cssproperty --dv-color-surface - Background.
 * @cssproperty --dv-color-surface-alt - Placeholders.
 * @cssproperty --dv-color-text - Text.
 * @cssproperty --dv-color-text-muted - Secondary text.
 * @cssproperty --dv-color-border - Borders.
 * @cssproperty --dv-color-danger - Occupied status and errors.
 * @cssproperty --dv-color-success - Free status and results.
 * @cssproperty --dv-color-focus - The focus ring.
 * @cssproperty --dv-font - Font family.
 * @cssproperty --dv-radius - Corner radius.
 * @cssproperty --dv-space - Base spacing.
 * @cssproperty --dv-target-size - Minimum size of options, buttons and inputs (never below 24px).
 */
export class DvRoomSelector extends LitElement {
  static override styles = styles;
  static formAssociated = true;

  @property() api = '';
  @property() token = '';
  @property() location = '';
  @property() start = '';
  @property() end = '';
  /** The choice: a room id, `auto`, or ''. The form sees a new value at once, as with a native input. */
  @property()
  get value(): string {
    return this.#value;
  }
  set value(v: string) {
    const old = this.#value;
    this.#value = v ?? '';
    this.requestUpdate('value', old);
    this.#form?.sync();
  }
  @property({ reflect: true }) name = '';
  @property({ type: Boolean, reflect: true }) required = false;
  @property({ type: Boolean, reflect: true }) disabled = false;
  @property({ type: Boolean }) manage = false;
  @property({ attribute: 'hide-auto', type: Boolean }) hideAuto = false;
  @property() label = '';
  @property({ attribute: 'time-zone' }) timeZone = '';
  /** Async function returning a fresh bearer token (host tokens expire); wins over the context's token source. */
  @property({ attribute: false }) tokenProvider: TokenProvider | null = null;
  /** Fetch used for requests (tests, instrumentation); else the context's, else the global one. */
  @property({ attribute: false }) fetch?: typeof fetch;

  @consume({ context: calendarContext, subscribe: true })
  @state()
  private _ctx?: CalendarConfig;

  @state() private _reload = 0;
  @state() private _plus = false;
  @state() private _location: LocationView | null = null;
  @state() private _all: RoomView[] = [];
  @state() private _formDisabled = false;
  @state() private _showErrors = false;
  @state() private _importing = false;
  @state() private _creating = false;
  @state() private _createOpen = false;
  @state() private _draft: RoomDraft = EMPTY_DRAFT;
  @state() private _draftErrors: Partial<Record<DraftField, keyof typeof DRAFT_KEYS>> = {};
  @state() private _addId = '';
  @state() private _message = '';
  @state() private _alert = '';

  #value = '';
  readonly #settings = new ClientSettings(createRoomsClient);
  readonly #formats = formatsCache();
  #manageAbort = new AbortController();
  readonly #pendingFocus = new FocusAfterUpdateController(this);

  #form = new FormControlController(this, { value: () => this.value || null, validity: () => this.#validity() });

  #roving = new RovingTabindexController(this, {
    elements: () => [...this.renderRoot.querySelectorAll<HTMLElement>('[role="radio"]')],
    focusInIndex: (els) => Math.max(0, els.findIndex((el) => el.getAttribute('aria-checked') === 'true')),
    direction: 'both',
  });

  #rooms = new Task(this, {
    task: async ([client, location]: readonly [RoomsClient, string, number], { signal }) => {
      this._plus = false;
      try {
        const [loc, all] = await Promise.all([location ? client.getLocation(location, { signal }) : null, client.listRooms({ signal })]);
        this._location = loc;
        this._all = all;
        const rooms = orderRooms(loc?.roomIds ?? null, all);
        this.dispatchEvent(new DvRoomsLoadEvent({ rooms, location: loc }));
        return rooms;
      } catch (e) {
        if (!isAbortError(e) && this.#report('load', e).code === 'plus_required') this._plus = true;
        throw e;
      }
    },
    args: () => [this.#client(), this.location, this._reload] as const,
  });

  #statuses = new Task(this, {
    task: async ([client, location, start, end]: readonly [RoomsClient, string, string, string, number], { signal }) => {
      const range = timeRange(start, end);
      if (!range) return initialState;
      try {
        const answer = await client.availability({ ...range, ...(location ? { locationId: location } : {}) }, { signal });
        return new Map<string, RoomStatus>(answer.rooms.map((r) => [r.roomId, r.status]));
      } catch (e) {
        if (!isAbortError(e)) this.#report('status', e);
        throw e;
      }
    },
    args: () => [this.#client(), this.location, this.start, this.end, this._reload] as const,
  });

  // ---- public API ---------------------------------------------------------------------------------------------

  /** `loading`, `ready`, `empty`, `error` or `plus-required` (read-only). */
  get status(): SelectorState {
    if (this._plus) return 'plus-required';
    const s = this.#rooms.status;
    if (s === TaskStatus.INITIAL || s === TaskStatus.PENDING) return 'loading';
    if (s === TaskStatus.ERROR) return 'error';
    return this.#rooms.value?.length ? 'ready' : 'empty';
  }

  /** The rooms offered, in booking order (empty until loaded). */
  get rooms(): readonly RoomView[] {
    return this.#rooms.value ?? [];
  }

  /** Status per room id for the current range; `loading` while fetched, `none` without a range. */
  statusOf(roomId: string): ShownStatus {
    return shownStatus(roomId, this.#phase(), this.#statuses.value ?? new Map());
  }

  get form(): HTMLFormElement | null {
    return this.#form.form;
  }
  get validity(): ValidityState {
    return this.#form.validity;
  }
  get validationMessage(): string {
    return this.#form.validationMessage;
  }
  get willValidate(): boolean {
    return this.#form.willValidate;
  }
  checkValidity(): boolean {
    return this.#form.checkValidity();
  }
  reportValidity(): boolean {
    this._showErrors = true;
    return this.#form.reportValidity();
  }

  /** Fetch rooms and statuses again. */
  reload(): void {
    this._reload++;
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------------

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#manageAbort.signal.aborted) this.#manageAbort = new AbortController();
    // Moved in the DOM while loading: the aborted loads have to run again.
    if (this.hasUpdated && [this.#rooms, this.#statuses].some((t) => t.status === TaskStatus.ERROR && isAbortError(t.error))) this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#rooms.abort();
    this.#statuses.abort();
    this.#manageAbort.abort();
  }

  formResetCallback(): void {
    this.value = this.getAttribute('value') ?? '';
    this._showErrors = false;
  }

  formStateRestoreCallback(restored: string | File | FormData | null): void {
    if (typeof restored === 'string') this.value = restored;
  }

  formDisabledCallback(disabled: boolean): void {
    this._formDisabled = disabled;
  }


  // ---- configuration ------------------------------------------------------------------------------------------

  /** One client per (api, tokens, fetch): the tasks' argument, so a new configuration reloads. */
  #client(): RoomsClient {
    return this.#settings.resolve(this, this._ctx).client;
  }

  #locale(): { f: Formats; t: T } {
    const { lang, locale } = contextLocale(this, this._ctx);
    const f = this.#formats(locale, zoneOr(this.timeZone || this._ctx?.timeZone || ''));
    return { f, t: (key, params) => translate(lang, key, params) };
  }

  get #readOnly(): boolean {
    return this.disabled || this._formDisabled;
  }

  #phase(): Phase {
    if (!timeRange(this.start, this.end)) return 'none';
    const s = this.#statuses.status;
    return s === TaskStatus.COMPLETE ? 'done' : s === TaskStatus.ERROR ? 'error' : 'loading';
  }

  #report(operation: RoomOperation, e: unknown): ApiError {
    const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
    this.dispatchEvent(new DvRoomErrorEvent({ operation, status: err.status, code: err.code, message: err.message }));
    return err;
  }

  #validity(): FormValidity {
    const { t } = this.#locale();
    // renderRoot is created on connect; a value attribute is applied before that.
    const anchor = this.renderRoot?.querySelector<HTMLElement>('[role="radio"][tabindex="0"]');
    const problem = this.#problem();
    if (!problem) return { flags: {}, message: '' };
    return { flags: problem === 'errRequired' ? { valueMissing: true } : { customError: true }, message: t(problem), anchor };
  }

  /** Why the current choice cannot be booked, if it cannot. */
  #problem(): RoomKey | undefined {
    if (!this.value) return this.required ? 'errRequired' : undefined;
    if (this.value === AUTO) return !this.hideAuto && this.#auto().status === 'busy' ? 'errNoneFree' : undefined;
    return this.statusOf(this.value) === 'busy' ? 'errBusy' : undefined;
  }

  #auto(): { status: ShownStatus; room?: RoomView } {
    return autoChoice(this.rooms, this.#phase(), this.#statuses.value ?? new Map());
  }

  // ---- choosing -----------------------------------------------------------------------------------------------

  #choose(value: string | undefined): void {
    if (value === undefined || this.#readOnly || value === this.value) return;
    this.value = value;
    this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  #valueOf(target: EventTarget | null): string | undefined {
    return (target as Element | null)?.closest<HTMLElement>('[role="radio"]')?.dataset['value'];
  }

  #onKey = (e: KeyboardEvent): void => {
    // The radio-group pattern: arrows move focus AND check, Space checks the focused option.
    if (this.#roving.handleKeydown(e)) {
      this.#choose(this.#valueOf(this.renderRoot instanceof ShadowRoot ? this.renderRoot.activeElement : null));
    } else if (e.key === ' ') {
      e.preventDefault();
      this.#choose(this.#valueOf(e.target));
    }
  };

  // ---- admin tools --------------------------------------------------------------------------------------------

  #say(message: string, alert = ''): void {
    this._message = message;
    this._alert = alert;
  }

  async #import(): Promise<void> {
    if (this._importing) return;
    const { t } = this.#locale();
    this._importing = true;
    this.#say(t('importing'));
    try {
      const result = await this.#client().loadRooms({ signal: this.#manageAbort.signal });
      const parts = [t('imported', { loaded: result.loaded })];
      if (result.authorizationsRequested) parts.push(t('authorizations', { count: result.authorizationsRequested }));
      this.#say(parts.join(' '));
      this.dispatchEvent(new DvRoomsImportEvent({ ...result }));
      this.reload();
    } catch (e) {
      if (isAbortError(e)) return;
      const err = this.#report('import', e);
      const key: RoomKey =
        err.code === 'plus_required' ? 'plusText'
        : err.code === 'forbidden' ? 'adminOnly'
        : err.code === 'conflict' ? 'importNoAccount'
        : err.code === 'calendar_unavailable' ? 'importUnavailable'
        : 'importFailed';
      this.#say('', t(key));
    } finally {
      this._importing = false;
    }
  }

  async #addToLocation(): Promise<void> {
    const loc = this._location;
    const room = this._all.find((r) => r.id === this._addId);
    if (!loc || !room || this.#readOnly) return;
    const { t } = this.#locale();
    try {
      this._location = await this.#client().setLocationRooms(loc.id, [...loc.roomIds, room.id], { signal: this.#manageAbort.signal });
      this._addId = '';
      this.#say(t('added', { room: room.name }));
      this.reload();
    } catch (e) {
      if (isAbortError(e)) return;
      const err = this.#report('add', e);
      this.#say('', t(err.code === 'forbidden' ? 'adminOnly' : 'addFailed'));
    }
  }

  #openCreate(open: boolean): void {
    this._createOpen = open;
    this._draftErrors = {};
    if (open) this.#pendingFocus.target = '#room-name';
    else this.#pendingFocus.target = '#create-toggle';
  }

  #onDraft = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const field = input.name as DraftField;
    this._draft = { ...this._draft, [field]: input.value };
    if (this._draftErrors[field]) this._draftErrors = { ...this._draftErrors, [field]: undefined };
  };

  #onCreate = async (e: SubmitEvent): Promise<void> => {
    e.preventDefault();
    if (this._creating) return;
    const { t } = this.#locale();
    const issues = draftIssues(this._draft);
    this._draftErrors = issues;
    const first = (['name', 'email', 'capacity'] as const).find((f) => issues[f]);
    if (first) {
      this.#pendingFocus.target = `#room-${first}`;
      return;
    }
    this._creating = true;
    this.#say('');
    const client = this.#client();
    const signal = this.#manageAbort.signal;
    let room: RoomView;
    try {
      room = await client.createRoom(draftBody(this._draft), { signal });
    } catch (err) {
      this._creating = false;
      if (isAbortError(err)) return;
      const error = this.#report('create', err);
      if (error.code === 'conflict') {
        this._draftErrors = { email: 'taken' };
        this.#pendingFocus.target = '#room-email';
      } else this.#say('', t(error.code === 'forbidden' ? 'adminOnly' : error.code === 'plus_required' ? 'plusText' : 'createFailed'));
      return;
    }
    let location = this._location;
    try {
      if (location) location = this._location = await client.setLocationRooms(location.id, [...location.roomIds, room.id], { signal });
      this.#say(t(location ? 'createdAdded' : 'created', { room: room.name }));
    } catch (err) {
      if (isAbortError(err)) return;
      this.#report('add', err);
      location = null;
      this.#say(t('created', { room: room.name }), t('addFailed'));
    } finally {
      this._creating = false;
    }
    this._draft = EMPTY_DRAFT;
    this.#openCreate(false);
    this.dispatchEvent(new DvRoomCreateEvent({ room, location }));
    this.reload();
  };

  // ---- rendering ----------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const { f, t } = this.#locale();
    const status = this.status;
    // Inner inputs' `input` events are composed and would reach the page as this element's; it sends its own.
    return html`<div part="base" class="base" lang=${f.locale} data-state=${status} aria-busy=${status === 'loading'} @input=${(e: Event) => e.stopPropagation()}>
      <p part="label" class="label" id="label">${this.label || t('label')}</p>
      ${this.#renderBody(status, t, f)}
      ${this.manage && status !== 'plus-required' && status !== 'loading' ? this.#renderManage(t) : nothing}
    </div>`;
  }

  #renderBody(status: SelectorState, t: T, f: Formats): TemplateResult {
    switch (status) {
      case 'loading':
        return html`<p role="status">${t('loading')}</p>
          <div part="skeleton" class="skeleton" aria-hidden="true">${[0, 1, 2].map(() => html`<span class="bar"></span>`)}</div>`;
      case 'plus-required':
        return html`<p part="notice" class="notice">${t('plusText')}</p>`;
      case 'error': {
        const code = this.#rooms.error instanceof ApiError ? this.#rooms.error.code : '';
        return html`<p part="alert" class="danger" role="alert">${t(code === 'not_found' ? 'notFound' : code === 'forbidden' ? 'forbidden' : 'errorText')}</p>
          <button part="button button--primary" class="primary" @click=${() => this.reload()}>${t('retry')}</button>`;
      }
      case 'empty':
        return html`<p part="notice" class="notice">${t('empty')}${this.manage ? html` ${t('emptyAdmin')}` : nothing}</p>`;
      case 'ready':
        return this.#renderGroup(t, f);
    }
  }

  #rangeText(f: Formats, t: T): string | undefined {
    const range = timeRange(this.start, this.end);
    if (!range) return undefined;
    const sameDay = f.dateOf(range.start) === f.dateOf(new Date(Date.parse(range.end) - 1).toISOString());
    return sameDay
      ? `${f.dateOf(range.start)}, ${t('range', { start: f.time(range.start), end: f.time(range.end) })}`
      : t('range', { start: `${f.dateOf(range.start)}, ${f.time(range.start)}`, end: `${f.dateOf(range.end)}, ${f.time(range.end)}` });
  }

  #renderStatus(s: ShownStatus, t: T): TemplateResult | typeof nothing {
    if (s === 'none') return nothing;
    return html`<span part="status status--${s}" class="status ${s}">${ICONS[s]}<span>${t(STATUS_KEYS[s])}</span></span>`;
  }

  #renderGroup(t: T, f: Formats): TemplateResult {
    const range = this.#rangeText(f, t);
    const phase = this.#phase();
    const problem = this.#problem();
    const showProblem = problem && (problem !== 'errRequired' || this._showErrors);
    const option = (value: string, name: string, meta: string, s: ShownStatus, auto = false) => {
      const checked = this.value === value;
      const label = [name, meta, s === 'none' ? '' : t(STATUS_KEYS[s])].filter(Boolean).join(', ');
      return html`<div role="radio" part=${`option${checked ? ' option--checked' : ''}${auto ? ' option--auto' : ''}`}
        class="option ${checked ? 'checked' : ''}" data-value=${value} aria-checked=${checked} aria-label=${label}>
        <span class="mark" aria-hidden="true"></span>
        <span class="text"><span part="option-name" class="name">${name}</span>${meta ? html` <span part="option-meta" class="meta">${meta}</span>` : nothing}</span>
        ${this.#renderStatus(s, t)}
      </div>`;
    };
    const auto = this.#auto();
    const autoMeta = auto.room ? t('autoFree', { room: auto.room.name }) : auto.status === 'busy' ? t('autoBusy') : '';
    return html`<p part="range" class="muted">${range ? t('rangeLine', { range }) : t('noRange')}</p>
      ${phase === 'error'
        ? html`<p part="notice" class="notice danger">${t('statusFailed')}
            <button part="button" class="small" @click=${() => this.reload()}>${t('retry')}</button></p>`
        : nothing}
      <div role="radiogroup" part="group" class="group" aria-labelledby="label" aria-required=${this.required}
        aria-disabled=${this.#readOnly ? 'true' : nothing} aria-invalid=${showProblem ? 'true' : 'false'}
        aria-describedby=${showProblem ? 'choice-error' : nothing}
        @keydown=${this.#onKey} @click=${(e: Event) => this.#choose(this.#valueOf(e.target))}>
        ${this.hideAuto ? nothing : option(AUTO, t('auto'), autoMeta, auto.status, true)}
        ${this.rooms.map((r) => option(r.id, r.name, r.capacity ? t('seats', { count: r.capacity }) : '', this.statusOf(r.id)))}
      </div>
      ${showProblem ? html`<p part="error" class="danger" id="choice-error">${t(problem)}</p>` : nothing}`;
  }

  #renderManage(t: T): TemplateResult {
    const loc = this._location;
    const addable = loc ? roomsNotIn(loc.roomIds, this._all) : [];
    const d = this._draft;
    const errs = this._draftErrors;
    const field = (name: DraftField, label: RoomKey, type: string, extra: { autocomplete?: string; inputmode?: string } = {}) => {
      const err = errs[name];
      return html`<div class="field">
        <label for=${`room-${name}`}>${t(label)}</label>
        <input part="input" id=${`room-${name}`} name=${name} type=${type} .value=${d[name]} autocomplete=${extra.autocomplete ?? 'off'}
          inputmode=${extra.inputmode ?? nothing} aria-invalid=${err ? 'true' : 'false'} aria-describedby=${err ? `room-${name}-error` : nothing}
          ?required=${name !== 'capacity'} @input=${this.#onDraft} />
        ${err ? html`<p part="error" class="danger field-error" id=${`room-${name}-error`}>${t(DRAFT_KEYS[err])}</p>` : nothing}
      </div>`;
    };
    return html`<section part="manage" class="manage" aria-labelledby="manage-heading">
      <p class="manage-heading" id="manage-heading">${t('manageHeading')}</p>
      <div class="actions">
        <button part="button" aria-disabled=${this._importing} @click=${() => void this.#import()}>
          ${this._importing ? t('importing') : t('importRooms')}
        </button>
        <button part="button" id="create-toggle" aria-expanded=${this._createOpen} aria-controls="create-form"
          @click=${() => this.#openCreate(!this._createOpen)}>${t('createRoom')}</button>
      </div>
      <p part="manage-status" class="success" role="status">${this._message}</p>
      <p part="alert" class="danger" role="alert">${this._alert}</p>
      <form part="create-form" id="create-form" class="create-form" novalidate ?hidden=${!this._createOpen} @submit=${this.#onCreate}>
        ${this._createOpen
          ? html`${field('name', 'name', 'text')} ${field('email', 'email', 'email', { autocomplete: 'off' })}
              ${field('capacity', 'capacity', 'text', { inputmode: 'numeric' })}
              <div class="actions">
                <button part="button button--primary" class="primary" type="submit" aria-disabled=${this._creating}>
                  ${this._creating ? t('creating') : t('create')}
                </button>
                <button part="button" type="button" @click=${() => this.#openCreate(false)}>${t('cancel')}</button>
              </div>`
          : nothing}
      </form>
      ${addable.length
        ? html`<div class="add-room">
            <div class="field">
              <label for="add-room">${t('addLabel')}</label>
              <select part="input" id="add-room" @change=${(e: Event) => (this._addId = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!this._addId}></option>
                ${addable.map((r) => html`<option value=${r.id} ?selected=${r.id === this._addId}>${r.name}</option>`)}
              </select>
            </div>
            <button part="button" aria-disabled=${!this._addId} @click=${() => void this.#addToLocation()}>${t('add')}</button>
          </div>`
        : nothing}
    </section>`;
  }
}
