/**
 * `<dv-slot-picker>`: the applicant's booking widget. It loads a booking link's details and free slots, lets the
 * applicant pick a day in a month grid and a time in a listbox, holds the slot while they confirm, books it, and
 * covers every other outcome (declined, no slots, link closed, network error, slot just taken, already booked).
 *
 * Invariants:
 * - One request in flight per element: every new operation aborts the previous one (AbortController), and
 *   disconnecting aborts too, so a stale answer can never overwrite a newer state.
 * - Dates shown are computed from the slot instants in the applicant's zone (`time-zone`, default the browser's);
 *   changing the zone re-derives the grid from the loaded slots without a request.
 * - Focus moves to the heading of a new step only when focus was inside the element (never steals it from the page
 *   on first load); every step change and error is also announced in a polite live region.
 * - At most one hold per applicant: a new choice replaces it on the server, and going back releases it
 *   (`DELETE /holds/:id`, fire and forget) so the time is free for others at once rather than when it expires.
 * - All text comes from the i18n catalogs and `Intl`; all styling from adopted stylesheets (strict-CSP safe).
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import {
  ApiError,
  createPublicBookingClient,
  isAbortError,
  randomKey,
  type PublicBookingClient,
} from '../../client/index.js';
import { takenSlots } from '../../client/validate.js';
import type { BookedAppointment, BookingDetails, Hold, PublicSlot } from '../../shared/api/public-booking.js';
import { FocusAfterUpdateController } from '../controllers/focus-after-update.js';
import { RovingTabindexController } from '../controllers/roving-tabindex.js';
import {
  DvBookedEvent,
  DvDeclinedEvent,
  DvErrorEvent,
  DvLoadEvent,
  DvSelectEvent,
  type Operation,
} from '../events.js';
import {
  formatsCache,
  isZone,
  resolveLocale,
  zoneOr,
  translate,
  type Formats,
  type Lang,
  type MessageKey,
  type Params,
} from '../i18n/index.js';
import { heading as h, headingLevel } from '../shared/heading.js';
import {
  addDays,
  addMonths,
  clampDate,
  groupSlotsByDay,
  initialDate,
  isGridKey,
  monthStart,
  monthWeeks,
  moveDate,
  zonedDate,
  type PlainDate,
} from './internal/month-grid.js';
import { styles } from './slot-picker.styles.js';

/** The flow's steps; exposed as the `step` property and the base part's `data-step` for host styling and tests. */
export const STEPS = ['loading', 'pick', 'empty', 'confirm', 'booked', 'declined', 'closed', 'error'] as const;
export type Step = (typeof STEPS)[number];

const HEADINGS: Record<Exclude<Step, 'loading' | 'pick'>, MessageKey> = {
  empty: 'emptyHeading',
  confirm: 'confirmHeading',
  booked: 'bookedHeading',
  declined: 'declinedHeading',
  closed: 'closedHeading',
  error: 'errorHeading',
};

/** Any Monday: the column headers are the seven weekdays from it (weeks start on Monday, see month-grid.ts). */
const MONDAY: PlainDate = '2026-03-30';

/**
 * The applicant's booking widget for a d.vinci interview booking link.
 *
 * @tag dv-slot-picker
 * @summary Pick a day and time, confirm, book — or decline — an interview from a booking link.
 *
 * @attr {number} heading-level - Level of the step headings, 2–6 (default 2); sub-headings are one level below.
 * @attr {'de' | 'en'} lang - Language (the native global attribute, observed); defaults to the closest `lang` on the
 *   page, then the language the booking was sent in (`details.locale`), then the browser's languages. A region is kept
 *   for formatting (`en-US` → 12-hour times).
 *
 * @event {DvLoadEvent} dv-load - Booking details (and slots) loaded. `detail: { details, slots }`.
 * @event {DvSelectEvent} dv-select - The applicant chose a time; cancelable. `detail: { slot, timeZone }`.
 * @event {DvBookedEvent} dv-booked - Appointment booked or moved. `detail: { appointment, rescheduled }`.
 * @event {DvDeclinedEvent} dv-declined - The applicant is not available on the offered days. `detail: { details }`.
 * @event {DvErrorEvent} dv-error - A request failed. `detail: { operation, status, code, message }`.
 *
 * @csspart base - The outer wrapper; carries `data-step`.
 * @csspart title - The booking title and organisation line.
 * @csspart heading - The heading of the current step.
 * @csspart notice - The "just taken" notice.
 * @csspart skeleton - The loading placeholder.
 * @csspart zone - The time-zone line with its change button and search field.
 * @csspart month - Month navigation and grid.
 * @csspart month-title - The month and year.
 * @csspart month-button - The previous/next month buttons.
 * @csspart grid - The month grid (`role="grid"`).
 * @csspart day - A day cell; states `day--available`, `day--selected`, `day--today`, `day--outside`.
 * @csspart times - The chosen day's times column.
 * @csspart times-title - The heading of the times column.
 * @csspart time-list - The listbox of times.
 * @csspart time - A time option; state `time--selected`.
 * @csspart summary - The appointment summary (confirm and booked steps): time, duration, place, room, interviewers.
 * @csspart button - Every button; `button--primary` for the main action.
 * @csspart decline - The "not available on these days" button.
 * @csspart ics - The add-to-calendar link.
 *
 * @cssproperty --dv-color-primary - Accent for the selected day, times and the main button.
 * @cssproperty --dv-color-on-primary - Text on the accent colour.
 * @cssproperty --dv-color-surface - Background.
 * @cssproperty --dv-color-surface-alt - Background of days with times and of placeholders.
 * @cssproperty --dv-color-text - Text colour.
 * @cssproperty --dv-color-text-muted - Secondary text.
 * @cssproperty --dv-color-border - Borders of controls.
 * @cssproperty --dv-color-danger - Notices and errors.
 * @cssproperty --dv-color-success - The booked confirmation.
 * @cssproperty --dv-color-focus - The focus ring.
 * @cssproperty --dv-font - Font family.
 * @cssproperty --dv-radius - Corner radius.
 * @cssproperty --dv-space - Base spacing.
 * @cssproperty --dv-target-size - Minimum size of day and time targets (never below 24px).
 */
export class DvSlotPicker extends LitElement {
  static override styles = styles;

  /** Server base URL; requests go to `${api}/api/public/bookings/${booking}/…`. Empty means the page's origin. */
  @property() api = '';

  /** The booking-link token. */
  @property() booking = '';

  /** IANA zone the times are shown in; empty or unknown means the browser's zone. */
  @property({ attribute: 'time-zone' }) timeZone = '';

  /**
   * Level of the step headings (2–6, default 2) so they fit the host page's outline; the month and times headings
   * are one level below (at most 6). Out-of-range values fall back to 2.
   */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;

  /** Fetch used for requests (tests, instrumentation, auth proxies); defaults to the global `fetch`. */
  @property({ attribute: false }) fetch?: typeof fetch;

  /** The current step of the flow (read-only). */
  get step(): Step {
    return this._step;
  }

  @state() private _step: Step = 'loading';
  @state() private _details?: BookingDetails;
  @state() private _slots: readonly PublicSlot[] = [];
  @state() private _day: PlainDate = '';
  @state() private _slot?: PublicSlot;
  @state() private _hold?: Hold;
  @state() private _busy = false;
  @state() private _taken = false;
  @state() private _appointment?: BookedAppointment;
  @state() private _moving = false;
  @state() private _zoneOpen = false;
  @state() private _zoneInvalid = false;
  @state() private _announce = '';

  #abort?: AbortController;
  #retry?: () => void;
  /** Idempotency key of the current booking attempt; a new chosen slot starts a new attempt. */
  #attemptKey = '';
  readonly #pendingFocus = new FocusAfterUpdateController(this);
  #derived?: { slots: readonly PublicSlot[]; zone: string; byDay: Map<PlainDate, PublicSlot[]> };
  readonly #formats = formatsCache();

  #times = new RovingTabindexController(this, {
    elements: () => [...this.renderRoot.querySelectorAll<HTMLElement>('[role="option"]')],
    focusInIndex: (els) => Math.max(0, els.findIndex((el) => el.getAttribute('aria-selected') === 'true')),
  });

  // `lang` stays the native global attribute (so screen readers and :lang() see it); we only observe it.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Reconnected after a move in the DOM while loading: the aborted load must run again.
    if (this.hasUpdated && this._step === 'loading' && !this.#abort) this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#abort = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('api') || changed.has('booking') || changed.has('fetch')) && this.booking) this.#load();
  }


  // ---- derived data -------------------------------------------------------------------------------------------

  get #zone(): string {
    return zoneOr(this.timeZone);
  }

  #locale(): { lang: Lang; f: Formats } {
    const { lang, locale } = resolveLocale(this, undefined, this._details?.locale);
    return { lang, f: this.#formats(locale, this.#zone) };
  }

  #byDay(): Map<PlainDate, PublicSlot[]> {
    const zone = this.#zone;
    const d = this.#derived;
    if (d?.slots === this._slots && d.zone === zone) return d.byDay;
    this.#derived = { slots: this._slots, zone, byDay: groupSlotsByDay(this._slots, zone) };
    return this.#derived.byDay;
  }

  /** Focusable range of the grid: whole months from the period's first to its last day. */
  #bounds(): { min: PlainDate; max: PlainDate } {
    const zone = this.#zone;
    const p = this._details?.period;
    const days = [...this.#byDay().keys()].sort();
    const today = zonedDate(Date.now(), zone);
    const first = p ? zonedDate(p.start, zone) : (days[0] ?? today);
    const last = p ? zonedDate(Date.parse(p.end) - 1, zone) : (days[days.length - 1] ?? first);
    return { min: monthStart(first), max: addDays(addMonths(monthStart(last), 1), -1) };
  }

  #t(lang: Lang): (key: MessageKey, params?: Params) => string {
    return (key, params) => translate(lang, key, params);
  }

  // ---- flow ---------------------------------------------------------------------------------------------------

  #client(): PublicBookingClient {
    return createPublicBookingClient({ api: this.api, token: this.booking, fetch: this.fetch });
  }

  /** Abort whatever runs and return the signal of the new operation. */
  #restart(): AbortSignal {
    this.#abort?.abort();
    this.#abort = new AbortController();
    return this.#abort.signal;
  }

  /**
   * Enter a step: announce it, and move focus to its heading (or `focus`) when the applicant was working inside the
   * element. Captured before rendering, because the control they used may be gone afterwards.
   */
  #go(step: Step, announce: string, focus = '[part~="heading"]'): void {
    if (this.matches(':focus-within') || this.#pendingFocus.target) this.#pendingFocus.target = focus;
    this._step = step;
    // Same text twice in a row would not be re-announced; a trailing no-break space makes it a change.
    this._announce = announce === this._announce.trim() ? `${announce}\u00a0` : announce;
  }

  #heading(step: Exclude<Step, 'loading' | 'pick'>): string {
    const { lang } = this.#locale();
    const key = step === 'booked' && this._moving ? 'movedHeading' : HEADINGS[step];
    return translate(lang, key);
  }

  #enter(step: Exclude<Step, 'loading' | 'pick'>): void {
    this.#go(step, this.#heading(step));
  }

  #enterPick(taken = false): void {
    const { lang } = this.#locale();
    this._taken = taken;
    const byDay = this.#byDay();
    if (!byDay.size) return this.#enter('empty');
    this._day = initialDate(byDay, this.#bounds(), zonedDate(Date.now(), this.#zone), this._day || undefined);
    const heading = translate(lang, this._moving ? 'rescheduleHeading' : 'pickHeading');
    this.#go('pick', taken ? `${translate(lang, 'taken')} ${heading}` : heading);
  }

  #fail(operation: Operation, e: unknown, retry: () => void): void {
    if (isAbortError(e)) return;
    const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
    this._busy = false;
    this.dispatchEvent(new DvErrorEvent({ operation, status: err.status, code: err.code, message: err.message }));
    if (err.code === 'slot_taken') {
      const fresh = takenSlots(err.details);
      if (!fresh) return void this.#loadSlots(true);
      this._slots = fresh;
      return this.#enterPick(true);
    }
    if (err.code === 'booking_closed' || err.code === 'booking_not_found' || err.status === 410) {
      return this.#enter('closed');
    }
    if (err.code === 'hold_expired' && this._slot) return void this.#hold(this._slot);
    this.#retry = retry;
    const { lang } = this.#locale();
    this.#go('error', `${translate(lang, 'errorHeading')}. ${translate(lang, 'errorText')}`);
  }

  async #load(): Promise<void> {
    const signal = this.#restart();
    const client = this.#client();
    this.#go('loading', this.#t(this.#locale().lang)('loading'));
    // Details and slots in parallel: the slow part is the slot computation, do not serialise it behind details.
    // The slots outcome is kept as a value so a 410 for a closed link is not an unhandled rejection.
    const slots = client.getSlots({ signal }).then(
      (list) => ({ list }),
      (error: unknown) => ({ error }),
    );
    try {
      const details = await client.getDetails({ signal });
      this._details = details;
      this._moving = false;
      let offered: readonly PublicSlot[] = [];
      if (details.status === 'open') {
        const result = await slots;
        if ('error' in result) throw result.error;
        offered = result.list.slots;
        this._slots = offered;
        this._day = '';
        this.#enterPick();
      } else if (details.status === 'booked' && details.appointment) {
        this._appointment = details.appointment;
        this.#enter('booked');
      } else if (details.status === 'declined') {
        this.#enter('declined');
      } else {
        this.#enter('closed');
      }
      this.dispatchEvent(new DvLoadEvent({ details, slots: offered }));
    } catch (e) {
      this.#fail('load', e, () => void this.#load());
    }
  }

  /** Fresh slots only: for "move appointment" and for a "just taken" answer that carried no alternatives. */
  async #loadSlots(taken = false): Promise<void> {
    const signal = this.#restart();
    this.#go('loading', translate(this.#locale().lang, 'loading'));
    try {
      this._slots = (await this.#client().getSlots({ signal })).slots;
      this.#enterPick(taken);
    } catch (e) {
      this.#fail('load', e, () => void this.#loadSlots(taken));
    }
  }

  /** "Move appointment": fresh slots, then the normal pick → confirm flow ending in PUT. */
  #move(): void {
    this._moving = true;
    this._day = '';
    this._slot = undefined;
    void this.#loadSlots();
  }

  #choose(slot: PublicSlot): void {
    if (!this.dispatchEvent(new DvSelectEvent({ slot, timeZone: this.#zone }))) return;
    this.#attemptKey = randomKey();
    void this.#hold(slot);
  }

  async #hold(slot: PublicSlot): Promise<void> {
    const signal = this.#restart();
    this._slot = slot;
    this._hold = undefined;
    this._busy = true;
    this._taken = false;
    this.#enter('confirm');
    try {
      this._hold = await this.#client().hold({ start: slot.start }, { signal });
      this._busy = false;
      const { lang } = this.#locale();
      this._announce = translate(lang, 'holding', { count: this._details?.holdMinutes ?? 0 });
    } catch (e) {
      this.#fail('hold', e, () => void this.#hold(slot));
    }
  }

  /** Back to the times: the held time is released so others can have it now, not only when the hold expires. */
  #back(): void {
    this.#abort?.abort();
    this._busy = false;
    const hold = this._hold;
    this._hold = undefined;
    // Fire and forget: a failed release only means the hold runs out on its own; the applicant is not held up.
    if (hold) this.#client().releaseHold(hold.holdId).catch(() => undefined);
    this.#enterPick();
  }

  async #book(): Promise<void> {
    const slot = this._slot;
    if (!slot || this._busy) return;
    const signal = this.#restart();
    this._busy = true;
    const { lang } = this.#locale();
    this._announce = translate(lang, 'booking');
    const client = this.#client();
    const body = { start: slot.start, ...(this._hold ? { holdId: this._hold.holdId } : {}) };
    const opts = { signal, idempotencyKey: this.#attemptKey };
    try {
      const appointment = await (this._moving ? client.reschedule(body, opts) : client.book(body, opts));
      this._busy = false;
      this._appointment = appointment;
      if (this._details) this._details = { ...this._details, status: 'booked', appointment };
      this.#enter('booked');
      this.dispatchEvent(new DvBookedEvent({ appointment, rescheduled: this._moving }));
    } catch (e) {
      // Retrying re-sends the same attempt (same Idempotency-Key), so a booking that did go through is not doubled.
      this.#fail('book', e, () => {
        this._busy = false;
        this.#enter('confirm');
        void this.#book();
      });
    }
  }

  async #decline(): Promise<void> {
    if (this._busy) return;
    const signal = this.#restart();
    this._busy = true;
    try {
      const details = await this.#client().decline({ signal });
      this._busy = false;
      this._details = details;
      this.#enter('declined');
      this.dispatchEvent(new DvDeclinedEvent({ details }));
    } catch (e) {
      this.#fail('decline', e, () => void this.#decline());
    }
  }

  // ---- interaction --------------------------------------------------------------------------------------------

  async #focusDay(day: PlainDate): Promise<void> {
    this._day = day;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`[data-date="${day}"]`)?.focus();
  }

  #onGridKey = (e: KeyboardEvent): void => {
    if (!this._day) return;
    if (isGridKey(e.key)) {
      e.preventDefault();
      const rtl = getComputedStyle(this).direction === 'rtl';
      void this.#focusDay(moveDate(this._day, e.key, { ...this.#bounds(), rtl }));
    } else if ((e.key === 'Enter' || e.key === ' ') && this.#byDay().has(this._day)) {
      // The shortest keyboard path: from a day straight into its times.
      e.preventDefault();
      this.#times.focus(0);
    }
  };

  #onGridClick = (e: Event): void => {
    const day = (e.target as Element).closest<HTMLElement>('[data-date]')?.dataset['date'];
    if (day) void this.#focusDay(day);
  };

  #onMonth(delta: number): void {
    const { min, max } = this.#bounds();
    const target = addMonths(this._day, delta);
    if (monthStart(target) < monthStart(min) || target > max) return;
    const month = target.slice(0, 7);
    const firstWithTimes = [...this.#byDay().keys()].sort().find((d) => d.startsWith(month));
    this._day = firstWithTimes ?? clampDate(target, min, max);
  }

  #onTimeKey = (e: KeyboardEvent): void => {
    if (this.#times.handleKeydown(e)) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      this.#pickTime(e.target);
    }
  };

  #pickTime(target: EventTarget | null): void {
    const start = (target as Element | null)?.closest<HTMLElement>('[data-start]')?.dataset['start'];
    const slot = this.#byDay().get(this._day)?.find((s) => s.start === start);
    if (slot) this.#choose(slot);
  }

  #onZone = (e: Event): void => {
    const input = e.target as HTMLInputElement;
    const zone = input.value.trim();
    if (!zone) return;
    if (!isZone(zone) || !Intl.supportedValuesOf('timeZone').concat('UTC').includes(zone)) {
      this._zoneInvalid = true;
      return;
    }
    this._zoneInvalid = false;
    this._zoneOpen = false;
    this.timeZone = zone;
    this.#pendingFocus.target = '[part~="zone"] button';
    const { lang, f } = this.#locale();
    this._announce = translate(lang, 'zoneShown', { zone: `${f.zoneName(zone)} (${zone})` });
  };

  #onZoneKey = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    this._zoneOpen = false;
    this.#pendingFocus.target = '[part~="zone"] button';
  };

  // ---- rendering ----------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const { lang, f } = this.#locale();
    const t = this.#t(lang);
    const d = this._details;
    return html`<div part="base" class="base" lang=${f.locale} data-step=${this._step} aria-busy=${this._step === 'loading'}>
      <div class="sr-only" role="status">${this._announce}</div>
      ${d ? html`<p part="title" class="title"><strong>${d.title}</strong> · ${d.organizationName}</p>` : nothing}
      ${this.#renderStep(t, f)}
    </div>`;
  }

  /** Step headings at `heading-level`, sub-headings one below; real `<hN>` elements so every outline tool sees them. */
  #level(sub = 0): number {
    return headingLevel(this.headingLevel, sub);
  }

  #renderStep(t: (key: MessageKey, params?: Params) => string, f: Formats): TemplateResult {
    const heading = (text: string) => h(this.#level(), text, 'heading', undefined, true);
    const button = (label: string, onClick: () => void, part = 'button') =>
      html`<button part=${part} class=${part.includes('primary') ? 'primary' : ''} @click=${onClick}>${label}</button>`;
    switch (this._step) {
      case 'loading':
        return this.#renderSkeleton();
      case 'pick':
        return this.#renderPick(t, f);
      case 'confirm':
        return html`${heading(t('confirmHeading'))} ${this.#renderSummary(t, f, this._slot!)}
          <p class="muted">${this._hold ? t('holding', { count: this._details?.holdMinutes ?? 0 }) : t('holdPending')}</p>
          <div class="actions">
            <button part="button button--primary" class="primary" aria-disabled=${this._busy} @click=${() => void this.#book()}>
              ${this._busy && this._hold ? t('booking') : t('book')}
            </button>
            ${button(t('back'), () => this.#back())}
          </div>`;
      case 'booked': {
        const a = this._appointment!;
        return html`${heading(this.#heading('booked'))}
          <p class="success">${t('bookedText')}</p>
          ${this.#renderSummary(t, f, a, a.location, a.timeZone, a.roomName)}
          <div class="actions">
            <a part="ics" class="link-button" href=${this.#client().icsUrl} download="appointment.ics">${t('addToCalendar')}</a>
            ${this._details?.allowReschedule ? button(t('move'), () => this.#move()) : nothing}
          </div>`;
      }
      case 'error':
        return html`${heading(t('errorHeading'))}
          <p class="danger">${t('errorText')}</p>
          <div class="actions">${button(t('retry'), () => this.#retry?.(), 'button button--primary')}</div>`;
      case 'declined':
        return html`${heading(t('declinedHeading'))}<p>${t('declinedText')}</p>`;
      case 'closed':
        return html`${heading(t('closedHeading'))}<p>${t('closedText')}</p>`;
      case 'empty':
        return html`${heading(t('emptyHeading'))}<p>${t('emptyText')}</p>`;
    }
  }

  #renderSkeleton(): TemplateResult {
    const bars = (n: number, cls: string) => Array.from({ length: n }, () => html`<span class=${cls}></span>`);
    return html`<div part="skeleton" class="skeleton" aria-hidden="true">
      <span class="bar title-bar"></span>
      <span class="bar heading-bar"></span>
      <span class="bar zone-bar"></span>
      <div class="layout">
        <div class="month"><span class="bar nav-bar"></span><div class="cells">${bars(42, 'cell')}</div></div>
        <div class="times"><span class="bar"></span>${bars(4, 'bar time-bar')}</div>
      </div>
      <span class="bar decline-bar"></span>
    </div>`;
  }

  #renderZone(t: (key: MessageKey, params?: Params) => string, f: Formats): TemplateResult {
    const zone = this.#zone;
    return html`<div part="zone" class="zone">
      <span>${t('zoneShown', { zone: `${f.zoneName()} (${zone})` })}</span>
      <button part="button" aria-expanded=${this._zoneOpen} aria-controls="zone-form"
        @click=${() => {
          this._zoneOpen = !this._zoneOpen;
          if (this._zoneOpen) this.#pendingFocus.target = '#zone-input';
        }}>${t('zoneChange')}</button>
      <div id="zone-form" class="zone-form" ?hidden=${!this._zoneOpen}>
        ${this._zoneOpen
          ? html`<label for="zone-input">${t('zoneSearch')}</label>
              <input id="zone-input" type="text" list="zones" autocomplete="off" spellcheck="false"
                aria-invalid=${this._zoneInvalid} aria-describedby=${this._zoneInvalid ? 'zone-error' : nothing}
                .value=${zone} @change=${this.#onZone} @keydown=${this.#onZoneKey} />
              <datalist id="zones">${Intl.supportedValuesOf('timeZone').map((z) => html`<option value=${z}></option>`)}</datalist>
              ${this._zoneInvalid ? html`<p id="zone-error" class="danger">${t('zoneUnknown')}</p>` : nothing}`
          : nothing}
      </div>
    </div>`;
  }

  #renderPick(t: (key: MessageKey, params?: Params) => string, f: Formats): TemplateResult {
    const byDay = this.#byDay();
    const { min, max } = this.#bounds();
    const day = this._day;
    const today = zonedDate(Date.now(), this.#zone);
    const times = byDay.get(day) ?? [];
    const count = (n: number) => (n === 0 ? t('timesNone') : n === 1 ? t('timesOne') : t('timesOther', { count: n }));
    const navButton = (delta: number, label: string, disabled: boolean, glyph: string) =>
      html`<button part="button month-button" class="nav" aria-label=${label} aria-disabled=${disabled}
        @click=${() => this.#onMonth(delta)}><span aria-hidden="true">${glyph}</span></button>`;
    const cell = (d: PlainDate | null) => {
      if (!d) return html`<div role="gridcell" part="day day--outside" class="day outside"></div>`;
      const n = byDay.get(d)?.length ?? 0;
      const states = [n && 'day--available', d === day && 'day--selected', d === today && 'day--today'];
      return html`<div role="gridcell" data-date=${d} tabindex=${d === day ? 0 : -1} aria-selected=${d === day}
        aria-current=${d === today ? 'date' : nothing} aria-label=${t('dayName', { date: f.date(d), times: count(n) })}
        part=${['day', ...states].filter(Boolean).join(' ')} class=${n ? 'day available' : 'day'}>
        <span aria-hidden="true">${Number(d.slice(8))}</span>
      </div>`;
    };
    return html`${h(this.#level(), t(this._moving ? 'rescheduleHeading' : 'pickHeading'), 'heading', undefined, true)}
      ${this._taken ? html`<p part="notice" class="notice danger">${t('taken')}</p>` : nothing}
      ${this.#renderZone(t, f)}
      <div class="layout">
        <div part="month" class="month">
          <div class="month-nav">
            ${navButton(-1, t('prevMonth'), monthStart(day) <= min, '‹')}
            ${h(this.#level(1), f.month(day), 'month-title', 'month-title')}
            ${navButton(1, t('nextMonth'), addMonths(monthStart(day), 1) > max, '›')}
          </div>
          <div role="grid" part="grid" class="grid" aria-labelledby="month-title" @keydown=${this.#onGridKey} @click=${this.#onGridClick}>
            <div role="row" class="row">
              ${Array.from({ length: 7 }, (_, i) => {
                const wd = addDays(MONDAY, i);
                return html`<div role="columnheader" class="wd" aria-label=${f.weekday(wd, 'long')}>${f.weekday(wd, 'short')}</div>`;
              })}
            </div>
            ${monthWeeks(day).map((week) => html`<div role="row" class="row">${week.map(cell)}</div>`)}
          </div>
        </div>
        <div part="times" class="times">
          ${h(this.#level(1), t('timesHeading', { date: f.date(day) }), 'times-title', 'times-title')}
          ${times.length
            ? html`<div role="listbox" part="time-list" class="time-list" aria-labelledby="times-title"
                @keydown=${this.#onTimeKey} @click=${(e: Event) => this.#pickTime(e.target)}>
                ${times.map((s) => {
                  const selected = s.start === this._slot?.start;
                  return html`<div role="option" data-start=${s.start} aria-selected=${selected}
                    part=${selected ? 'time time--selected' : 'time'} class="time">${t('timeRange', {
                      start: f.time(s.start),
                      end: f.time(s.end),
                    })}</div>`;
                })}
              </div>`
            : html`<p class="muted">${t('noTimesOnDay')}</p>`}
        </div>
      </div>
      ${this._moving
        ? nothing
        : html`<button part="button decline" class="decline" aria-disabled=${this._busy} @click=${() => void this.#decline()}>
            ${t('decline')}
          </button>`}`;
  }

  #renderSummary(
    t: (key: MessageKey, params?: Params) => string,
    f: Formats,
    slot: PublicSlot,
    location = this._details?.location ?? null,
    bookingZone = this._details?.timeZone ?? this.#zone,
    room?: string,
  ): TemplateResult {
    const when = (zone: string) =>
      `${f.dateOf(slot.start, zone)}, ${t('timeRange', { start: f.time(slot.start, zone), end: f.time(slot.end, zone) })}`;
    const row = (label: string, value: unknown) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
    const mine = when(this.#zone);
    const theirs = when(bookingZone);
    const minutes = Math.round((Date.parse(slot.end) - Date.parse(slot.start)) / 60000);
    const names = this._details?.interviewers.map((i) => i.displayName) ?? [];
    return html`<dl part="summary" class="summary">
      ${row(t('when'), html`${mine} <span class="muted">(${f.zoneName()})</span>`)}
      ${theirs !== mine ? row(t('interviewZone'), html`${theirs} <span class="muted">(${f.zoneName(bookingZone)})</span>`) : nothing}
      ${row(t('duration'), t('minutes', { count: minutes }))}
      ${location
        ? row(t('place'), location.kind === 'online' ? (location.name ?? t('online')) : [location.name, location.address].filter(Boolean).join(', '))
        : nothing}
      ${room ? row(t('room'), room) : nothing}
      ${names.length ? row(t('interviewers'), f.list(names)) : nothing}
    </dl>`;
  }
}
