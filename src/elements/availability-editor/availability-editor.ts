/**
 * `<dv-availability-editor>`: a user's regular availability for appointments (Plus) — the weekly grid of 30-minute
 * cells painted by click, drag or keyboard, date overrides (a date closed, or other hours), validation, save and
 * reset — and a form-associated input whose `value` is the JSON `{ weeklyHours, dateOverrides }`.
 *
 * Invariants:
 * - The grid shows and edits wall times in the user's own zone (the zone the server reads them in); a weekly
 *   pattern cannot be converted to another zone without dates, so there is no conversion, only the zone's name.
 * - `input` and `change` are sent only for the user's edits — never on load, save, form reset or when `value` is
 *   set — and `change` only when the value differs from the last committed one.
 * - The week model is normalised (internal/week-model.ts), so equal availability gives an equal `value`; minutes
 *   outside the hours shown are kept and listed.
 * - One load in flight (a @lit/task: new arguments abort the stale request); a save is not overlapped by edits.
 * - All text from the element's catalogs and `Intl`; all styling from adopted stylesheets (strict-CSP safe).
 */
import { consume } from '@lit/context';
import { Task, TaskStatus, initialState } from '@lit/task';
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ApiError, isAbortError } from '../../client/api-error.js';
import { createAvailabilityClient, type AvailabilityClient } from '../../client/availability-client.js';
import type { TokenProvider } from '../../client/token-source.js';
import type { AvailabilityView } from '../../shared/api/users.js';
import { addDays, isValidDate } from '../../shared/time.js';
import { calendarContext, type CalendarConfig } from '../context.js';
import { FocusAfterUpdateController } from '../controllers/focus-after-update.js';
import { FormControlController, type FormValidity } from '../controllers/form-control.js';
import { formatsCache, zoneOr, type Formats, type Lang, type Params } from '../i18n/index.js';
import { heading as h, headingLevel } from '../shared/heading.js';
import { ClientSettings, contextLocale } from '../shared/settings.js';
import { styles } from './availability-editor.styles.js';
import { DvAvailabilityErrorEvent, DvAvailabilityLoadEvent, DvAvailabilitySaveEvent, type AvailabilityOperation } from './events.js';
import { translate, type EditorKey } from './i18n.js';
import {
  CELL_MINUTES,
  DAYS,
  DEFAULT_WEEKLY,
  formatWall,
  hasHoursOutside,
  isEmptyWeek,
  isGridKey,
  moveCell,
  overrideIssues,
  paintRect,
  parseValue,
  rangesFromWeek,
  serializeValue,
  sortOverrides,
  stateAt,
  toggleCell,
  weekFromRanges,
  type AvailabilityValue,
  type DateOverride,
  type OverrideIssue,
  type Pos,
  type WallRange,
  type Week,
} from './internal/week-model.js';

export const EDITOR_STATES = ['loading', 'ready', 'saving', 'saved', 'error', 'plus-required'] as const;
export type EditorState = (typeof EDITOR_STATES)[number];

/** Any Monday: the column headers are the seven weekdays from it. */
const MONDAY = '2026-03-30';

type T = (key: EditorKey, params?: Params) => string;

const ISSUE_KEYS: Record<OverrideIssue['code'], EditorKey> = {
  date: 'errDate',
  duplicate: 'errDuplicate',
  time: 'errTime',
  order: 'errOrder',
  overlap: 'errOverlap',
};

/**
 * A user's weekly availability for applicant self-booking, with date exceptions.
 *
 * @tag dv-availability-editor
 * @summary Paint when a user can be booked (weekly grid, date exceptions), validate, save; a form-associated input.
 *
 * @attr {string} api - Server base URL; empty for the page's origin (or the surrounding `<dv-calendar-context>`'s).
 * @attr {string} token - Bearer token; without it (and without `tokenProvider`) the context's token source is used.
 * @attr {string} user - Id of the user whose availability is edited. Without it the element is a plain form input
 *   (no load, no save button) whose value starts as `value` or the default hours.
 * @attr {'basic' | 'plus'} tier - The licence when the page knows it; `basic` shows the Plus notice without asking
 *   the server (which answers 403 `plus_required` on Basic anyway).
 * @attr {string} time-zone - Zone named above the grid when there is no `user` (with a user, the user's own zone).
 * @attr {number} start-hour - First hour shown, 0–23 (default 7).
 * @attr {number} end-hour - Hour the grid ends at, 1–24 (default 20).
 * @attr {number} heading-level - Level of the heading, 2–6 (default 2); sub-headings one below.
 * @attr {string} name - Form field name; the value is submitted as JSON.
 * @attr {boolean} required - At least one available time (weekly or on an exception date) is needed.
 * @attr {boolean} disabled - Nothing can be edited; the value is not submitted.
 * @attr {string} value - The initial value (JSON `{ weeklyHours, dateOverrides }`); form reset returns to it when
 *   there is no `user`, otherwise to the last loaded or saved availability.
 * @attr {'de' | 'en'} lang - Language (the native attribute, observed); else the context's, the page's, the browser's.
 *
 * @event input - While the user paints or edits (every change of `value`).
 * @event change - A user edit is complete (end of a drag, a key press, an exception edited, reset, default hours).
 * @event {DvAvailabilityLoadEvent} dv-load - Availability loaded. `detail: { availability }`.
 * @event {DvAvailabilitySaveEvent} dv-save - Availability saved. `detail: { availability }` as stored.
 * @event {DvAvailabilityErrorEvent} dv-error - A request failed. `detail: { operation: 'load' | 'save', status, code, message }`.
 *
 * @csspart base - The outer wrapper; carries `data-state`.
 * @csspart heading - The main heading.
 * @csspart subheading - The headings of the weekly summary and of the exceptions.
 * @csspart zone - The line naming the time zone.
 * @csspart help - How to paint.
 * @csspart notice - Notices (default hours, nothing marked, hours outside the grid, Plus required).
 * @csspart grid - The weekly grid (`role="grid"`).
 * @csspart day-header - A weekday column header.
 * @csspart time-header - A time row header.
 * @csspart cell - A 30-minute cell; states `cell--on`, `cell--partial`, `cell--focused`.
 * @csspart summary - The list of weekly hours per day.
 * @csspart overrides - The date exceptions section.
 * @csspart override - One exception.
 * @csspart range - One range of an exception.
 * @csspart input - Every date, time and select input.
 * @csspart error - A validation message.
 * @csspart status - The save progress and result line.
 * @csspart alert - Load and save errors.
 * @csspart button - Every button; `button--primary` for Save.
 * @csspart skeleton - The loading placeholder.
 *
 * @cssproperty --dv-color-primary - Painted cells, the Save button.
 * @cssproperty --dv-color-on-primary - Marks on painted cells, text on the Save button.
 * @cssproperty --dv-color-surface - Background.
 * @cssproperty --dv-color-surface-alt - Unpainted cells, placeholders.
 * @cssproperty --dv-color-text - Text.
 * @cssproperty --dv-color-text-muted - Secondary text.
 * @cssproperty --dv-color-border - Borders of controls and cells.
 * @cssproperty --dv-color-danger - Validation and request errors.
 * @cssproperty --dv-color-success - The saved message.
 * @cssproperty --dv-color-focus - The focus ring.
 * @cssproperty --dv-font - Font family.
 * @cssproperty --dv-radius - Corner radius.
 * @cssproperty --dv-space - Base spacing.
 * @cssproperty --dv-target-size - Minimum size of buttons and inputs (never below 24px).
 * @cssproperty --dv-availability-cell-height - Height of a 30-minute row (never below 24px; default 1.5rem).
 */
export class DvAvailabilityEditor extends LitElement {
  static override styles = styles;
  static formAssociated = true;

  @property() api = '';
  @property() token = '';
  @property() user = '';
  @property() tier: '' | 'basic' | 'plus' = '';
  @property({ attribute: 'time-zone' }) timeZone = '';
  @property({ attribute: 'start-hour', type: Number }) startHour = 7;
  @property({ attribute: 'end-hour', type: Number }) endHour = 20;
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;
  @property({ reflect: true }) name = '';
  @property({ type: Boolean, reflect: true }) required = false;
  @property({ type: Boolean, reflect: true }) disabled = false;
  /** Async function returning a fresh bearer token (host tokens expire); wins over the context's token source. */
  @property({ attribute: false }) tokenProvider: TokenProvider | null = null;
  /** Fetch used for requests (tests, instrumentation); else the context's, else the global one. */
  @property({ attribute: false }) fetch?: typeof fetch;

  @consume({ context: calendarContext, subscribe: true })
  @state()
  private _ctx?: CalendarConfig;

  @state() private _week: Week = weekFromRanges(DEFAULT_WEEKLY);
  @state() private _overrides: DateOverride[] = [];
  @state() private _zone = '';
  @state() private _isDefault = false;
  @state() private _badValue = false;
  @state() private _saving = false;
  @state() private _saved = false;
  @state() private _saveError: EditorKey | '' = '';
  @state() private _plus = false;
  @state() private _showErrors = false;
  @state() private _formDisabled = false;
  @state() private _focus: Pos = { day: 0, cell: 18 };
  @state() private _newDate = '';
  @state() private _newKind: 'closed' | 'hours' = 'closed';
  @state() private _newDateError: EditorKey | '' = '';

  /** Value that form reset and the Reset button return to. */
  #baseline = serializeValue(this._week, []);
  /** Value at the last `change` (or load, save, programmatic set): `change` fires only when this differs. */
  #committed = this.#baseline;
  #drag?: { pointerId: number; anchor: Pos; last: Pos; on: boolean; before: Week };
  #keyAnchor?: { anchor: Pos; on: boolean; before: Week };
  /** A pointer already toggled the cell; the click that follows must not toggle it back. */
  #pointerPainted = false;
  #saveAbort?: AbortController;
  readonly #settings = new ClientSettings(createAvailabilityClient);
  readonly #formats = formatsCache();
  readonly #pendingFocus = new FocusAfterUpdateController(this);

  #form = new FormControlController(this, { value: () => this.value, validity: () => this.#validity() });

  #load = new Task(this, {
    task: async ([client, user, tier]: readonly [AvailabilityClient, string, string], { signal }) => {
      this._plus = false;
      if (!user || tier === 'basic') return initialState;
      try {
        const availability = await client.get(user, { signal });
        this.#applyView(availability);
        this.dispatchEvent(new DvAvailabilityLoadEvent({ availability }));
        return availability;
      } catch (e) {
        if (!isAbortError(e) && this.#reportError('load', e).code === 'plus_required') this._plus = true;
        throw e;
      }
    },
    args: () => [this.#client(), this.user, this.tier] as const,
  });

  // ---- public API ---------------------------------------------------------------------------------------------

  /** JSON `{ weeklyHours, dateOverrides }` in the wire format, in a stable order. Setting it sends no events. */
  get value(): string {
    return serializeValue(this._week, this._overrides);
  }
  set value(text: string) {
    const parsed = parseValue(String(text));
    if (!parsed) {
      this._badValue = true;
      this.#form.sync();
      return;
    }
    this._badValue = false;
    this.#apply(parsed);
    this.#committed = this.value;
    this.#form.sync();
  }

  /** Where the element is: `loading`, `ready`, `saving`, `saved`, `error` or `plus-required` (read-only). */
  get status(): EditorState {
    if (this.tier === 'basic' || this._plus) return 'plus-required';
    if (this.user) {
      const s = this.#load.status;
      if (s === TaskStatus.INITIAL || s === TaskStatus.PENDING) return 'loading';
      if (s === TaskStatus.ERROR) return 'error';
    }
    return this._saving ? 'saving' : this._saved ? 'saved' : 'ready';
  }

  /** True when the value differs from the last loaded or saved availability. */
  get dirty(): boolean {
    return this.value !== this.#baseline;
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

  /** Load the availability again (after an error, or to drop unsaved edits). */
  reload(): void {
    void this.#load.run();
  }

  /** Save to the server (`PUT /api/users/:id/availability`); resolves true when saved. */
  async save(): Promise<boolean> {
    if (!this.user || this.#readOnly || this.status === 'plus-required') return false;
    if (!this.#valid()) {
      this._showErrors = true;
      this.#pendingFocus.target = this.#issues().length ? '[aria-invalid="true"]' : '[part~="cell"][tabindex="0"]';
      return false;
    }
    this.#saveAbort?.abort();
    const abort = (this.#saveAbort = new AbortController());
    this._saving = true;
    this._saved = false;
    this._saveError = '';
    const { weeklyHours, dateOverrides } = JSON.parse(this.value) as AvailabilityValue;
    try {
      const availability = await this.#client().update(this.user, { weeklyHours, dateOverrides }, { signal: abort.signal });
      this.#applyView(availability);
      this._saved = true;
      this.dispatchEvent(new DvAvailabilitySaveEvent({ availability }));
      return true;
    } catch (e) {
      if (isAbortError(e)) return false;
      const err = this.#reportError('save', e);
      if (err.code === 'plus_required') this._plus = true;
      else this._saveError = err.code === 'forbidden' ? 'forbidden' : err.status === 400 ? 'saveRefused' : 'saveFailed';
      return false;
    } finally {
      if (this.#saveAbort === abort) {
        this._saving = false;
        this.#saveAbort = undefined;
      }
    }
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------------

  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang', 'value'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
    if (name === 'value' && value !== null) {
      this.value = value;
      if (!this.user && !this._badValue) this.#baseline = this.value;
    }
  }

  override connectedCallback(): void {
    // A `value` set before the element was defined is an own property hiding the accessor: re-apply it.
    if (Object.prototype.hasOwnProperty.call(this, 'value')) {
      const v = (this as { value: string }).value;
      delete (this as { value?: string }).value;
      this.value = v;
    }
    super.connectedCallback();
    // Moved in the DOM while loading: the aborted load has to run again.
    if (this.hasUpdated && this.user && this.#load.status === TaskStatus.ERROR && isAbortError(this.#load.error)) this.reload();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#load.abort();
    this.#saveAbort?.abort();
  }

  formResetCallback(): void {
    this.#apply(parseValue(this.#baseline)!);
    this.#committed = this.value;
    this._badValue = false;
    this._saved = false;
    this._showErrors = false;
    this.#form.sync();
  }

  formStateRestoreCallback(restored: string | File | FormData | null): void {
    if (typeof restored === 'string') this.value = restored;
  }

  formDisabledCallback(disabled: boolean): void {
    this._formDisabled = disabled;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!this.hasUpdated) this.#initialFocus();
    else if (changed.has('startHour') || changed.has('endHour')) {
      const { first, last } = this.#rows();
      const cell = Math.max(first, Math.min(last, this._focus.cell));
      if (cell !== this._focus.cell) this._focus = { day: this._focus.day, cell };
    }
  }

  /** The tab stop starts on the first marked cell shown, as a listbox starts on its selected option. */
  #initialFocus(): void {
    const { first, last } = this.#rows();
    for (let cell = first; cell <= last; cell++)
      for (let day = 0; day < 7; day++)
        if (stateAt(this._week, { day, cell }) === 'on') {
          this._focus = { day, cell };
          return;
        }
    this._focus = { day: 0, cell: first };
  }


  // ---- configuration ------------------------------------------------------------------------------------------

  /** One client per (api, tokens, fetch): the load task's argument, so a new configuration reloads. */
  #client(): AvailabilityClient {
    return this.#settings.resolve(this, this._ctx).client;
  }

  #zoneShown(): string {
    return zoneOr(this._zone || this.timeZone || this._ctx?.timeZone || '');
  }

  #locale(): { lang: Lang; f: Formats; t: T } {
    const { lang, locale } = contextLocale(this, this._ctx);
    const f = this.#formats(locale, this.#zoneShown());
    return { lang, f, t: (key, params) => translate(lang, key, params) };
  }

  #rows(): { first: number; last: number } {
    const ok = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
    let start = ok(this.startHour, 0, 23) ? this.startHour : 7;
    let end = ok(this.endHour, 1, 24) ? this.endHour : 20;
    if (end <= start) [start, end] = [7, 20];
    return { first: (start * 60) / CELL_MINUTES, last: (end * 60) / CELL_MINUTES - 1 };
  }

  #level(sub = 0): number {
    return headingLevel(this.headingLevel, sub);
  }

  get #readOnly(): boolean {
    return this.disabled || this._formDisabled || this._saving;
  }

  // ---- model --------------------------------------------------------------------------------------------------

  #apply(v: AvailabilityValue): void {
    this._week = weekFromRanges(v.weeklyHours);
    this._overrides = sortOverrides(v.dateOverrides);
  }

  #applyView(av: AvailabilityView): void {
    this._zone = av.timeZone;
    this._isDefault = av.isDefault;
    this._badValue = false;
    this.#apply(av);
    this.#baseline = this.#committed = this.value;
    if (!this.matches(':focus-within')) this.#initialFocus();
  }

  #reportError(operation: AvailabilityOperation, e: unknown): ApiError {
    const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
    this.dispatchEvent(new DvAvailabilityErrorEvent({ operation, status: err.status, code: err.code, message: err.message }));
    return err;
  }

  /** A user edit: new model, then `input` when the value changed (and `change` when the edit is complete). */
  #edit(next: { week?: Week; overrides?: DateOverride[] }, complete: boolean): void {
    const before = this.value;
    if (next.week) this._week = next.week;
    if (next.overrides) this._overrides = next.overrides;
    this._badValue = false;
    // The form sees the new value at once (as with a native input), not only after the next render.
    this.#form.sync();
    if (this.value !== before) {
      this._saved = false;
      this._saveError = '';
      this.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
    if (complete) this.#commit();
  }

  #commit(): void {
    const value = this.value;
    if (value === this.#committed) return;
    this.#committed = value;
    this.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  }

  #issues(): OverrideIssue[] {
    return overrideIssues(this._overrides);
  }

  #missing(): boolean {
    return this.required && isEmptyWeek(this._week) && !this._overrides.some((o) => o.intervals.length > 0);
  }

  #validity(): FormValidity {
    // renderRoot is created on connect; a value attribute is applied before that.
    const first = (sel: string) => this.renderRoot?.querySelector<HTMLElement>(sel);
    if (this._badValue) return { flags: { badInput: true }, message: this.#locale().t('errBadValue') };
    const issue = this.#issues()[0];
    if (issue) return { flags: { customError: true }, message: this.#locale().t(ISSUE_KEYS[issue.code]), anchor: first('[aria-invalid="true"]') };
    if (this.#missing()) return { flags: { valueMissing: true }, message: this.#locale().t('errRequired'), anchor: first('[part~="cell"][tabindex="0"]') };
    return { flags: {}, message: '' };
  }

  #valid(): boolean {
    return !this._badValue && this.#issues().length === 0 && !this.#missing();
  }

  // ---- grid interaction ---------------------------------------------------------------------------------------

  #posOf(el: Element | null | undefined): Pos | undefined {
    const cell = el?.closest<HTMLElement>('[data-cell]');
    if (!cell) return undefined;
    return { day: Number(cell.dataset['day']), cell: Number(cell.dataset['cell']) };
  }

  async #focusCell(pos: Pos): Promise<void> {
    this._focus = pos;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-day="${pos.day}"][data-cell="${pos.cell}"]`)?.focus();
  }

  #onPointerDown = (e: PointerEvent): void => {
    const pos = this.#posOf(e.target as Element);
    if (!pos || e.button !== 0 || this.#readOnly) return;
    // No compatibility mousedown: it would move focus to the capturing grid; focus goes to the cell instead.
    e.preventDefault();
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
    const before = this._week;
    const on = stateAt(before, pos) !== 'on';
    this.#drag = { pointerId: e.pointerId, anchor: pos, last: pos, on, before };
    this.#pointerPainted = true;
    this.#keyAnchor = undefined;
    void this.#focusCell(pos);
    this.#edit({ week: paintRect(before, pos, pos, on) }, false);
  };

  #onPointerMove = (e: PointerEvent): void => {
    const d = this.#drag;
    if (!d || e.pointerId !== d.pointerId) return;
    // Captured (and, for touch, implicitly captured) events all target the grid: find the cell under the pointer.
    const pos = this.#posOf(this.renderRoot instanceof ShadowRoot ? this.renderRoot.elementFromPoint(e.clientX, e.clientY) : null);
    if (!pos || (pos.day === d.last.day && pos.cell === d.last.cell)) return;
    d.last = pos;
    this._focus = pos;
    this.#edit({ week: paintRect(d.before, d.anchor, pos, d.on) }, false);
  };

  #onPointerUp = (e: PointerEvent): void => {
    if (!this.#drag || e.pointerId !== this.#drag.pointerId) return;
    this.#drag = undefined;
    this.#commit();
    void this.#focusCell(this._focus);
  };

  /** The platform took the pointer (scrolling, a dialog): the gesture did not finish, so it is undone. */
  #onPointerCancel = (e: PointerEvent): void => {
    const d = this.#drag;
    if (!d || e.pointerId !== d.pointerId) return;
    this.#drag = undefined;
    this.#edit({ week: d.before }, false);
    this.#commit();
  };

  /** Clicks without a pointer gesture (assistive technology, `element.click()`) toggle the cell. */
  #onClick = (e: MouseEvent): void => {
    if (this.#pointerPainted) {
      this.#pointerPainted = false;
      return;
    }
    const pos = this.#posOf(e.target as Element);
    if (!pos || this.#readOnly) return;
    this.#keyAnchor = undefined;
    void this.#focusCell(pos);
    this.#edit({ week: toggleCell(this._week, pos).week }, true);
  };

  #onGridKey = (e: KeyboardEvent): void => {
    const pos = this._focus;
    if (e.key === 'Escape' && this.#drag) {
      e.preventDefault();
      const d = this.#drag;
      this.#drag = undefined;
      this.#edit({ week: d.before }, true);
      return;
    }
    if (isGridKey(e.key)) {
      e.preventDefault();
      const rtl = getComputedStyle(this).direction === 'rtl';
      const next = moveCell(pos, e.key, this.#rows(), { rtl, ctrl: e.ctrlKey || e.metaKey });
      const extend = e.shiftKey && e.key.startsWith('Arrow') && !this.#readOnly;
      if (extend) {
        this.#keyAnchor ??= { anchor: pos, on: stateAt(this._week, pos) !== 'on', before: this._week };
        const a = this.#keyAnchor;
        this.#edit({ week: paintRect(a.before, a.anchor, next, a.on) }, true);
      } else this.#keyAnchor = undefined;
      void this.#focusCell(next);
    } else if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
      e.preventDefault();
      if (this.#readOnly) return;
      const before = this._week;
      const { week, on } = toggleCell(before, pos);
      // Shift+arrows after Space extend from this cell with the state Space gave it.
      this.#keyAnchor = { anchor: pos, on, before };
      this.#edit({ week }, true);
    }
  };

  #onFocusIn = (e: FocusEvent): void => {
    const pos = this.#posOf(e.target as Element);
    if (pos && (pos.day !== this._focus.day || pos.cell !== this._focus.cell)) {
      this._focus = pos;
      this.#keyAnchor = undefined;
    }
  };

  // ---- overrides ----------------------------------------------------------------------------------------------

  /** Hours for a new "other hours" date: that weekday's weekly hours, else 09:00–17:00. */
  #hoursFor(date: string): WallRange[] {
    const day = DAYS[(new Date(`${date}T12:00:00Z`).getUTCDay() + 6) % 7]!;
    const ranges = rangesFromWeek(this._week).filter((r) => r.day === day);
    return ranges.length ? ranges.map(({ start, end }) => ({ start, end })) : [{ start: '09:00', end: '17:00' }];
  }

  #setOverride(index: number, next: DateOverride | null): void {
    const list = [...this._overrides];
    if (next) list[index] = next;
    else list.splice(index, 1);
    this.#edit({ overrides: list }, true);
  }

  #addOverride(): void {
    const date = this._newDate;
    if (!isValidDate(date)) this._newDateError = 'errDate';
    else if (this._overrides.some((o) => o.date === date)) this._newDateError = 'errDuplicate';
    else this._newDateError = '';
    if (this._newDateError) {
      this.#pendingFocus.target = '#new-date';
      return;
    }
    const intervals = this._newKind === 'hours' ? this.#hoursFor(date) : [];
    this.#edit({ overrides: sortOverrides([...this._overrides, { date, intervals }]) }, true);
    this._newDate = '';
    this.#pendingFocus.target = `[data-override="${date}"] select`;
  }

  #onRangeInput(i: number, j: number, field: 'start' | 'end', e: Event): void {
    const raw = (e.target as HTMLInputElement).value;
    // A time input cannot say 24:00; an end of 00:00 means midnight at the end of the day.
    const v = field === 'end' && raw === '00:00' ? '24:00' : raw;
    const o = this._overrides[i]!;
    const intervals = o.intervals.map((r, k) => (k === j ? { ...r, [field]: v } : r));
    this.#setOverride(i, { date: o.date, intervals });
  }

  // ---- rendering ----------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const { f, t } = this.#locale();
    const status = this.status;
    // Inner inputs' `input` events are composed and would reach the page as this element's; it sends its own.
    return html`<div part="base" class="base" lang=${f.locale} data-state=${status} aria-busy=${status === 'loading'}
      @input=${(e: Event) => e.stopPropagation()}>
      ${h(this.#level(), t(status === 'plus-required' ? 'plusHeading' : status === 'error' ? 'errorHeading' : 'heading'), 'heading', 'heading')}
      ${this.#renderBody(status, t, f)}
    </div>`;
  }

  #renderBody(status: EditorState, t: T, f: Formats): TemplateResult {
    switch (status) {
      case 'loading':
        return html`<p role="status">${t('loading')}</p>
          <div part="skeleton" class="skeleton" aria-hidden="true">${Array.from({ length: 8 }, () => html`<span class="bar"></span>`)}</div>`;
      case 'plus-required':
        return html`<p part="notice" class="notice">${t('plusText')}</p>`;
      case 'error': {
        const err = this.#load.error;
        const code = err instanceof ApiError ? err.code : '';
        const text = code === 'forbidden' ? t('forbidden') : code === 'not_found' ? t('notFound') : t('errorText');
        return html`<p part="alert" class="danger" role="alert">${text}</p>
          <div class="actions"><button part="button button--primary" class="primary" @click=${() => this.reload()}>${t('retry')}</button></div>`;
      }
      default:
        return this.#renderEditor(status, t, f);
    }
  }

  #wall(f: Formats, minutes: number): string {
    return f.time(`1970-01-01T${formatWall(minutes % 1440)}:00Z`, 'UTC');
  }

  #dayName(f: Formats, day: number): string {
    return f.weekday(addDays(MONDAY, day), 'long');
  }

  #renderEditor(status: EditorState, t: T, f: Formats): TemplateResult {
    const { first, last } = this.#rows();
    const week = this._week;
    const issues = this.#issues();
    const readOnly = this.#readOnly;
    const zone = this.#zoneShown();
    const notices: string[] = [];
    if (this._isDefault && !this.dirty)
      notices.push(t('defaultNotice', { from: this.#dayName(f, 0), to: this.#dayName(f, 4), start: this.#wall(f, 540), end: this.#wall(f, 1020) }));
    if (isEmptyWeek(week)) notices.push(t('emptyNotice'));
    if (hasHoursOutside(week, first, last)) notices.push(t('outsideNotice'));
    const missing = this.#missing() && this._showErrors;
    const showSummary = this._showErrors && (issues.length > 0 || this._badValue || missing);
    return html`<p part="zone" class="muted">${t('zone', { zone: `${f.zoneName()} (${zone})` })}</p>
      <p part="help" id="help" class="muted">${t('help')}</p>
      ${notices.map((n) => html`<p part="notice" class="notice">${n}</p>`)}
      ${this._badValue ? html`<p part="error" class="danger">${t('errBadValue')}</p>` : nothing}
      ${this.#renderGrid(t, f, first, last, readOnly, missing)}
      ${missing ? html`<p part="error" id="required-error" class="danger">${t('errRequired')}</p>` : nothing}
      ${this.#renderSummary(t, f)}
      ${this.#renderOverrides(t, f, issues, readOnly)}
      ${showSummary ? html`<p part="error" class="danger" role="alert">${t('errSummary')}</p>` : nothing}
      <div class="actions">
        ${this.user
          ? html`<button part="button button--primary" class="primary" aria-disabled=${readOnly} @click=${() => void this.save()}>
              ${status === 'saving' ? t('saving') : t('save')}
            </button>`
          : nothing}
        <button part="button" aria-disabled=${readOnly || !this.dirty} @click=${this.#onReset}>${t('reset')}</button>
        <button part="button" aria-disabled=${readOnly} @click=${this.#onDefault}>${t('useDefault')}</button>
      </div>
      <p part="status" class="success" role="status">${status === 'saving' ? t('saving') : status === 'saved' ? t('saved') : ''}</p>
      <p part="alert" class="danger" role="alert">${this._saveError ? t(this._saveError) : ''}</p>`;
  }

  #onReset = (): void => {
    if (this.#readOnly || !this.dirty) return;
    this._showErrors = false;
    const v = parseValue(this.#baseline)!;
    this.#edit({ week: weekFromRanges(v.weeklyHours), overrides: sortOverrides(v.dateOverrides) }, true);
  };

  #onDefault = (): void => {
    if (this.#readOnly) return;
    this.#edit({ week: weekFromRanges(DEFAULT_WEEKLY) }, true);
  };

  #renderGrid(t: T, f: Formats, first: number, last: number, readOnly: boolean, missing: boolean): TemplateResult {
    const days = Array.from({ length: 7 }, (_, d) => d);
    const names = days.map((d) => this.#dayName(f, d));
    const shorts = days.map((d) => f.weekday(addDays(MONDAY, d), 'short'));
    const stateText = { on: t('on'), off: t('off'), partial: t('partial') };
    const rows: TemplateResult[] = [];
    for (let cell = first; cell <= last; cell++) {
      const start = this.#wall(f, cell * CELL_MINUTES);
      const end = this.#wall(f, (cell + 1) * CELL_MINUTES);
      const half = cell % 2 === 1;
      rows.push(html`<div role="row" class="row">
        <div role="rowheader" part="time-header" class="time">${half ? html`<span class="sr-only">${start}</span>` : start}</div>
        ${days.map((day) => {
          const s = stateAt(this._week, { day, cell });
          const focused = day === this._focus.day && cell === this._focus.cell;
          const part = `cell${s === 'off' ? '' : ` cell--${s}`}${focused ? ' cell--focused' : ''}`;
          return html`<div role="gridcell" part=${part} class="cell ${s}" data-day=${day} data-cell=${cell}
            tabindex=${focused ? 0 : -1} aria-selected=${s === 'on'}
            aria-label=${t('cellName', { day: names[day]!, start, end, state: stateText[s] })}></div>`;
        })}
      </div>`);
    }
    return html`<div role="grid" part="grid" class="grid" aria-labelledby="heading" aria-describedby=${missing ? 'help required-error' : 'help'}
      aria-multiselectable="true" aria-disabled=${readOnly ? 'true' : nothing}
      @pointerdown=${this.#onPointerDown} @pointermove=${this.#onPointerMove} @pointerup=${this.#onPointerUp}
      @pointercancel=${this.#onPointerCancel} @click=${this.#onClick} @keydown=${this.#onGridKey} @focusin=${this.#onFocusIn}>
      <div role="row" class="row head">
        <div role="columnheader" class="corner"><span class="sr-only">${t('time')}</span></div>
        ${days.map((d) => html`<div role="columnheader" part="day-header" class="day"><span aria-hidden="true">${shorts[d]}</span><span class="sr-only">${names[d]}</span></div>`)}
      </div>
      ${rows}
    </div>`;
  }

  #renderSummary(t: T, f: Formats): TemplateResult {
    return html`<section part="summary" class="summary" aria-labelledby="weekly-heading">
      ${h(this.#level(1), t('weeklyHeading'), 'subheading', 'weekly-heading')}
      <ul>
        ${DAYS.map((d, i) => {
          const spans = this._week[d];
          const day = this.#dayName(f, i);
          const ranges = spans.map((s) => t('range', { start: this.#wall(f, s.start), end: this.#wall(f, s.end) }));
          return html`<li>${ranges.length ? t('dayRanges', { day, ranges: f.list(ranges) }) : t('dayNone', { day })}</li>`;
        })}
      </ul>
    </section>`;
  }

  #renderOverrides(t: T, f: Formats, issues: readonly OverrideIssue[], readOnly: boolean): TemplateResult {
    const issueOf = (i: number, j: number | null, field: string) =>
      issues.find((x) => x.override === i && x.field === field && (j === null || ('interval' in x && x.interval === j)));
    const timeValue = (v: string) => (v === '24:00' ? '00:00' : v);
    const error = (id: string, issue: OverrideIssue | undefined) =>
      issue ? html`<p part="error" class="danger field-error" id=${id}>${t(ISSUE_KEYS[issue.code])}</p>` : nothing;
    return html`<section part="overrides" class="overrides" aria-labelledby="overrides-heading">
      ${h(this.#level(1), t('overridesHeading'), 'subheading', 'overrides-heading')}
      ${this._overrides.length
        ? html`<ul class="override-list">
            ${this._overrides.map((o, i) => {
              const date = isValidDate(o.date) ? f.date(o.date) : o.date;
              const dateIssue = issueOf(i, null, 'date');
              return html`<li part="override" class="override" data-override=${o.date}>
                <p class="override-date" id=${`ov-${i}-date`}>${date}</p>
                ${error(`ov-${i}-date-error`, dateIssue)}
                <div class="field">
                  <label for=${`ov-${i}-kind`}>${t('kindLabel')}</label>
                  <select part="input" id=${`ov-${i}-kind`} aria-describedby=${`ov-${i}-date`} ?disabled=${readOnly}
                    @change=${(e: Event) => {
                      const hours = (e.target as HTMLSelectElement).value === 'hours';
                      this.#setOverride(i, { date: o.date, intervals: hours ? this.#hoursFor(o.date) : [] });
                    }}>
                    <option value="closed" ?selected=${!o.intervals.length}>${t('kindClosed')}</option>
                    <option value="hours" ?selected=${o.intervals.length > 0}>${t('kindHours')}</option>
                  </select>
                </div>
                ${o.intervals.length
                  ? html`${o.intervals.map((r, j) => {
                        const n = j + 1;
                        const startIssue = issueOf(i, j, 'start');
                        const endIssue = issueOf(i, j, 'end');
                        const sid = `ov-${i}-${j}-start`;
                        const eid = `ov-${i}-${j}-end`;
                        return html`<div part="range" class="range">
                          <div class="field">
                            <label for=${sid}>${t('from')}</label>
                            <input part="input" type="time" id=${sid} .value=${timeValue(r.start)} ?disabled=${readOnly}
                              aria-label=${t('fromName', { n, date })} aria-invalid=${startIssue ? 'true' : 'false'}
                              aria-describedby=${startIssue ? `${sid}-error` : nothing}
                              @change=${(e: Event) => this.#onRangeInput(i, j, 'start', e)} />
                          </div>
                          <div class="field">
                            <label for=${eid}>${t('to')}</label>
                            <input part="input" type="time" id=${eid} .value=${timeValue(r.end)} ?disabled=${readOnly}
                              aria-label=${t('toName', { n, date })} aria-invalid=${endIssue ? 'true' : 'false'}
                              aria-describedby=${endIssue ? `${eid}-error` : 'end-hint'}
                              @change=${(e: Event) => this.#onRangeInput(i, j, 'end', e)} />
                          </div>
                          <button part="button" class="small" aria-disabled=${readOnly} aria-label=${t('removeRange', { n, date })}
                            @click=${() => !readOnly && this.#setOverride(i, { date: o.date, intervals: o.intervals.filter((_, k) => k !== j) })}>
                            <span aria-hidden="true">×</span>
                          </button>
                          ${error(`${sid}-error`, startIssue)} ${error(`${eid}-error`, endIssue)}
                        </div>`;
                      })}
                      <button part="button" class="small" aria-disabled=${readOnly}
                        @click=${() => !readOnly && this.#setOverride(i, { date: o.date, intervals: [...o.intervals, { start: '', end: '' }] })}>
                        ${t('addRange', { date })}
                      </button>`
                  : html`<p class="muted">${t('closedAllDay')}</p>`}
                <button part="button" class="small" aria-disabled=${readOnly} @click=${() => !readOnly && this.#setOverride(i, null)}>
                  ${t('removeOverride', { date })}
                </button>
              </li>`;
            })}
          </ul>
          <p class="muted" id="end-hint">${t('endOfDay')}</p>`
        : html`<p class="muted">${t('overridesNone')}</p>`}
      <div class="add-override">
        <div class="field">
          <label for="new-date">${t('date')}</label>
          <input part="input" type="date" id="new-date" .value=${this._newDate} ?disabled=${readOnly}
            aria-invalid=${this._newDateError ? 'true' : 'false'} aria-describedby=${this._newDateError ? 'new-date-error' : nothing}
            @change=${(e: Event) => {
              this._newDate = (e.target as HTMLInputElement).value;
              this._newDateError = '';
            }} />
        </div>
        <div class="field">
          <label for="new-kind">${t('kindLabel')}</label>
          <select part="input" id="new-kind" ?disabled=${readOnly}
            @change=${(e: Event) => (this._newKind = (e.target as HTMLSelectElement).value === 'hours' ? 'hours' : 'closed')}>
            <option value="closed" ?selected=${this._newKind === 'closed'}>${t('kindClosed')}</option>
            <option value="hours" ?selected=${this._newKind === 'hours'}>${t('kindHours')}</option>
          </select>
        </div>
        <button part="button" aria-disabled=${readOnly} @click=${() => !readOnly && this.#addOverride()}>${t('addOverride')}</button>
        ${this._newDateError ? html`<p part="error" class="danger field-error" id="new-date-error">${t(this._newDateError)}</p>` : nothing}
      </div>
    </section>`;
  }
}
