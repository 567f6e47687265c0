/**
 * `<dv-booking-request>`: the recruiter starts an applicant self-booking (Plus; spec §15, §16, §21; requirements
 * 33–42). Applicant, participants, duration, time zone, location, "room needed" (on-site only), booking period
 * (tomorrow up to 32 days ahead in the chosen zone); while the recruiter edits, a live preview says whether any
 * common free time exists and, if none, who has no free time. Creating returns the link once, with a copy button;
 * then the request's state (open; booked with time and room; failed with its reason in words) with resend and
 * cancel. On Basic it explains that self-booking needs Plus.
 *
 * Invariants:
 * - The preview is a @lit/task over `POST /api/booking-requests/preview`, the server's own computation for the
 *   draft (rooms of the location, interval and buffers included): each edit aborts the running preview and restarts
 *   a debounce (`preview-delay`), so exactly one request asks about the last state of the form.
 * - The link exists only in the create/resend response: it is kept in memory while shown and never re-fetched.
 * - Period dates are days in the request's zone; they become instants only through `zonedWallTimeToInstant`.
 * - Focus is never stolen on load; after creating, resending or cancelling it moves to the new state's heading.
 * - All strings from this element's catalogs (de, en); all styling from adopted stylesheets (strict-CSP safe).
 */
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ApiError, isAbortError } from '../../client/api-error.js';
import { createHttp } from '../../client/http.js';
import { unconnectedUsers } from '../../client/scheduling-checks.js';
import {
  bookingRequestEndpoints,
  lookupEndpoints,
  type BookingRequestClient,
  type BookingRequestInput,
  type BookingRequestPreviewInput,
  type LookupClient,
} from '../../client/scheduling-client.js';
import type { BookingRequestView } from '../../shared/api/booking-requests.js';
import type { LocationView, RoomView } from '../../shared/api/rooms.js';
import {
  EMAIL_RE,
  ParticipantPicker,
  calendarProblem,
  delay,
  idList,
  isListedZone,
  pickerUser,
  renderLoading,
  renderZoneField,
  zoneOf,
  type PickerUser,
} from '../availability-check/shared.js';
import { calendarContext, type CalendarConfig } from '../context.js';
import { createFormats, createTranslator, type Formats, type Lang, type Params } from '../i18n/index.js';
import { heading, headingLevel } from '../shared/heading.js';
import { ClientSettings, contextLocale } from '../shared/settings.js';
import { styles } from './booking-request.styles.js';
import {
  DvBookingRequestErrorEvent,
  DvBookingRequestLoadEvent,
  DvLinkCopiedEvent,
  DvPreviewEvent,
  DvRequestCancelledEvent,
  DvRequestCreatedEvent,
  DvRequestResentEvent,
  type BookingRequestOperation,
} from './events.js';
import { de } from './i18n/de.js';
import { en, type MessageKey } from './i18n/en.js';
import {
  bookingWindow,
  defaultPeriod,
  failureOf,
  periodInstants,
  periodProblem,
  previewOutcome,
  type BookingWindow,
  type PreviewOutcome,
} from './internal/period.js';


const translate = createTranslator<MessageKey>({ de, en });
type T = (key: MessageKey, params?: Params) => string;

export const PHASES = ['loading', 'plus', 'form', 'request', 'error'] as const;
export type Phase = (typeof PHASES)[number];

type Field = 'name' | 'email' | 'participants' | 'duration' | 'zone' | 'period';
const FIELD_FOCUS: Record<Field, string> = {
  name: '#applicant-name',
  email: '#applicant-email',
  participants: '#participant-input',
  duration: '#duration',
  zone: '#zone',
  period: '#period-from',
};
const REASON_KEYS: Record<string, MessageKey> = {
  declined: 'reasonDeclined',
  expired: 'reasonExpired',
  participant_disconnected: 'reasonDisconnected',
  no_common_slot: 'reasonNoCommonSlot',
};
const STATUS_KEYS: Record<BookingRequestView['status'], MessageKey> = {
  open: 'statusOpen',
  booked: 'statusBooked',
  failed: 'statusFailed',
  declined: 'statusFailed',
  expired: 'statusFailed',
  cancelled: 'statusCancelled',
};

/**
 * Starts and follows an applicant self-booking request.
 *
 * @tag dv-booking-request
 * @summary Create a self-booking link for an applicant, with a live "any free time?" preview, then follow its state.
 *
 * @attr {'de' | 'en'} lang - Language (the native global attribute, observed); else the context's, the page's, the browser's.
 *
 * @event {DvBookingRequestLoadEvent} dv-load - The tier or a request's state arrived. `detail: { tier?, request? }`.
 * @event {DvPreviewEvent} dv-preview - The live preview answered. `detail: { slotCount, participants, noFreeTime, notConnected }`.
 * @event {DvRequestCreatedEvent} dv-request-created - The request and its link were created. `detail: { request, link }`.
 * @event {DvRequestResentEvent} dv-request-resent - A new link for a new period. `detail: { request, link }`.
 * @event {DvRequestCancelledEvent} dv-request-cancelled - The request was cancelled. `detail: { request }`.
 * @event {DvLinkCopiedEvent} dv-link-copied - The link was copied. `detail: { link, method }`.
 * @event {DvBookingRequestErrorEvent} dv-error - A request failed. `detail: { operation, status, code, message }`.
 *
 * @csspart base - The outer wrapper; carries `data-phase` and, with a request, `data-status`.
 * @csspart heading - The element's heading (the state's heading once a request exists).
 * @csspart section-title - Headings of the preview, the link and the resend form.
 * @csspart form - The request form.
 * @csspart participants - The participant picker.
 * @csspart chips - The list of chosen participants.
 * @csspart chip - One chosen participant.
 * @csspart chip-remove - A participant's remove button.
 * @csspart combobox - The participant search field.
 * @csspart listbox - The popup of matching users.
 * @csspart option - A user in the popup; state `option--active`.
 * @csspart zone - The time-zone field.
 * @csspart period - The booking period fields.
 * @csspart preview - The live "any free time?" result; states `preview--slots`, `preview--none`, `preview--error`.
 * @csspart link - The booking link box.
 * @csspart link-input - The read-only link field.
 * @csspart state - The request's state summary.
 * @csspart reason - The failure reason.
 * @csspart notice - An error or success notice.
 * @csspart button - Every button; `button--primary` for the main action, `button--danger` for cancel.
 * @csspart dialog - The cancel confirmation.
 * @csspart skeleton - The loading placeholder.
 *
 * @cssproperty --dv-color-primary - Accent for the main button.
 * @cssproperty --dv-color-on-primary - Text on the accent colour.
 * @cssproperty --dv-color-surface - Background.
 * @cssproperty --dv-color-surface-alt - Background of chips, the preview and placeholders.
 * @cssproperty --dv-color-text - Text colour.
 * @cssproperty --dv-color-text-muted - Secondary text.
 * @cssproperty --dv-color-border - Borders of controls.
 * @cssproperty --dv-color-danger - Errors, "no free time" and the cancel action.
 * @cssproperty --dv-color-success - "Free times exist" and success notices.
 * @cssproperty --dv-color-focus - The focus ring.
 * @cssproperty --dv-font - Font family.
 * @cssproperty --dv-radius - Corner radius.
 * @cssproperty --dv-space - Base spacing.
 * @cssproperty --dv-target-size - Minimum size of buttons and inputs (never below 24px).
 * @cssproperty --dv-booking-request-max-width - Maximum width of the element (default none).
 */
export class DvBookingRequest extends LitElement {
  static override styles = styles;

  /** Server base URL; empty means the context's, else the page's origin. */
  @property() api = '';
  /** Bearer token; empty means the context's token source. */
  @property() token = '';
  /** The request's zone to start with (the recruiter can change it); else the context's, else the browser's. */
  @property({ attribute: 'time-zone' }) timeZone = '';
  /** An existing request's id: shows its state (with resend and cancel) instead of the form. */
  @property() request = '';
  /** The applicant's name, when the host knows it (the field is then shown read-only). */
  @property({ attribute: 'applicant-name' }) applicantName = '';
  /** The applicant's e-mail, when the host knows it. */
  @property({ attribute: 'applicant-email' }) applicantEmail = '';
  /** The language of the applicant's booking page; defaults to the element's language. */
  @property({ attribute: 'applicant-lang' }) applicantLang = '';
  /** Participants to start with (user ids; attribute space- or comma-separated). */
  @property({ converter: idList }) participants: string[] = [];
  /** Duration in minutes to start with; 0 means the organization's default. */
  @property({ type: Number }) duration = 0;
  /** A location id to start with. */
  @property() location = '';
  /** Title of the appointment; defaults to the catalog's "Interview". */
  @property({ attribute: 'appointment-title' }) appointmentTitle = '';
  /** Level of the element's heading (2–6); section headings are one level below. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;
  /** Milliseconds between the last edit and the preview request (debounce). */
  @property({ attribute: 'preview-delay', type: Number }) previewDelay = 400;
  /** Milliseconds between the last keystroke in the participant search and the search request. */
  @property({ attribute: false }) searchDelay = 200;
  /** Injected fetch (tests, instrumentation); else the context's, else the global one. */
  @property({ attribute: false }) fetch?: typeof fetch;

  /** The current phase (read-only). */
  get phase(): Phase {
    return this._phase;
  }

  /** The request shown (read-only). */
  get view(): BookingRequestView | undefined {
    return this._view;
  }

  /** Resolves when the pending preview (if any) has settled. */
  get previewComplete(): Promise<unknown> {
    return this.#preview.taskComplete.catch(() => undefined);
  }

  @consume({ context: calendarContext, subscribe: true })
  @state()
  private _ctx?: CalendarConfig;

  @state() private _phase: Phase = 'loading';
  @state() private _loadError: MessageKey = 'loadFailed';
  @state() private _window = { startDays: 1, endDays: 32 };
  @state() private _locations: LocationView[] = [];
  @state() private _rooms: RoomView[] = [];
  @state() private _users: PickerUser[] = [];
  @state() private _name = '';
  @state() private _email = '';
  @state() private _duration = 60;
  @state() private _zone = '';
  @state() private _zoneInvalid = false;
  @state() private _location = 'online';
  @state() private _roomNeeded = false;
  @state() private _from = '';
  @state() private _to = '';
  @state() private _submitted = false;
  @state() private _busy: '' | 'create' | 'resend' | 'cancel' | 'refresh' = '';
  @state() private _notice?: { key: MessageKey; params?: Params; ok?: boolean };
  @state() private _view?: BookingRequestView;
  @state() private _link = '';
  @state() private _copy: '' | 'copied' | 'manual' = '';
  @state() private _resendOpen = false;
  @state() private _resendFrom = '';
  @state() private _resendTo = '';
  @state() private _resendSubmitted = false;
  @state() private _confirm = false;
  @state() private _announce = '';

  #clients = new ClientSettings((options) => {
    const http = createHttp(options);
    return { ...lookupEndpoints(http), ...bookingRequestEndpoints(http) };
  });
  #abort?: AbortController;
  #loadDeps: unknown[] = [];
  #focusAfterUpdate?: string;
  #formats?: Formats;

  #picker = new ParticipantPicker(this, {
    id: 'participant',
    client: () => this.#client(),
    t: () => this.#t,
    searchDelay: () => this.searchDelay,
    onError: (e) => this.#emitError('users', e),
    announce: (text) => this.#say(text),
  });

  #preview = new Task(this, {
    task: async ([key], { signal }): Promise<PreviewOutcome | null> => {
      if (!key) return null;
      await delay(this.previewDelay, signal);
      let outcome: PreviewOutcome;
      try {
        outcome = previewOutcome(await this.#client().previewBookingRequest(JSON.parse(key) as BookingRequestPreviewInput, { signal }));
      } catch (e) {
        if (isAbortError(e)) throw e;
        // Unconnected calendars are an answer, not a failure: the form says who, as creating would refuse.
        if (e instanceof ApiError && e.code === 'participants_not_connected') {
          outcome = previewOutcome({ slotCount: 0, participants: [] }, unconnectedUsers(e.details));
        } else {
          const err = this.#emitError('preview', e);
          if (err.code === 'plus_required') this._phase = 'plus';
          throw err;
        }
      }
      this.dispatchEvent(new DvPreviewEvent(outcome));
      return outcome;
    },
    args: () => [this.#previewKey()] as const,
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
    if (this.hasUpdated && this._phase === 'loading') void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
  }

  protected override willUpdate(): void {
    const deps = [this.api, this.token, this.request, this.fetch, this._ctx?.api, this._ctx?.tokens, this._ctx?.fetch];
    if (!this.#loadDeps.length || deps.some((d, i) => d !== this.#loadDeps[i])) {
      this.#loadDeps = deps;
      void this.#load();
    }
  }

  protected override updated(): void {
    // The dialog first: closing it restores focus to its opener, which a requested focus target must override.
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog && this._confirm && !dialog.open) dialog.showModal();
    if (dialog && !this._confirm && dialog.open) dialog.close();
    if (this.#focusAfterUpdate) {
      const target = this.renderRoot.querySelector<HTMLElement>(this.#focusAfterUpdate);
      if (target) {
        this.#focusAfterUpdate = undefined;
        target.focus();
      }
    }
  }

  // ---- configuration ------------------------------------------------------------------------------------------

  #client(): LookupClient & BookingRequestClient {
    return this.#clients.resolve({ api: this.api, token: this.token, tokenProvider: null, fetch: this.fetch }, this._ctx).client;
  }

  get #tz(): string {
    return this._zone || zoneOf(this.timeZone, this._ctx);
  }

  #locale(zone = this.#tz): { lang: Lang; f: Formats } {
    const { lang, locale } = contextLocale(this, this._ctx);
    if (this.#formats?.locale !== locale || this.#formats.zone !== zone) this.#formats = createFormats(locale, zone);
    return { lang, f: this.#formats };
  }

  #t: T = (key, params) => translate(this.#locale().lang, key, params);

  #say(text: string): void {
    this._announce = text === this._announce.trim() ? `${text}\u00a0` : text;
  }

  #emitError(operation: BookingRequestOperation, e: unknown): ApiError {
    const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
    this.dispatchEvent(new DvBookingRequestErrorEvent({ operation, status: err.status, code: err.code, message: err.message }));
    return err;
  }

  #restart(): AbortSignal {
    this.#abort?.abort();
    this.#abort = new AbortController();
    return this.#abort.signal;
  }

  #bookingWindow(zone = this.#tz): BookingWindow {
    return bookingWindow(Date.now(), zone, this._window.startDays, this._window.endDays);
  }

  // ---- loading ------------------------------------------------------------------------------------------------

  async #load(): Promise<void> {
    const signal = this.#restart();
    this._phase = 'loading';
    const client = this.#client();
    try {
      const tier = await client.getTier({ signal });
      this.dispatchEvent(new DvBookingRequestLoadEvent({ tier: tier.tier }));
      if (!tier.integrationEnabled) throw new ApiError(403, 'integration_disabled', 'The calendar integration is switched off.');
      if (tier.tier !== 'plus') {
        this._phase = 'plus';
        return;
      }
      const b = tier.settings.booking;
      this._window = { startDays: b.windowStartDays, endDays: b.windowEndDays };
      const ids = this.request ? [] : this.participants;
      const [locations, rooms, users, view] = await Promise.all([
        client.listLocations({ signal }),
        client.listRooms({ signal }).catch((e: unknown) => (isAbortError(e) ? Promise.reject(e) : [])),
        this.request || ids.length ? client.listUsers(undefined, { signal }) : Promise.resolve([]),
        this.request ? client.getBookingRequest(this.request, { signal }) : Promise.resolve(undefined),
      ]);
      this._locations = locations.filter((l) => l.appointmentLocation);
      this._rooms = rooms;
      this._users = users;
      if (view) {
        this._view = view;
        this._phase = 'request';
        this.dispatchEvent(new DvBookingRequestLoadEvent({ request: view }));
        return;
      }
      this.#resetForm(ids, users, b.durationMinutes);
      this._phase = 'form';
    } catch (e) {
      if (isAbortError(e)) return;
      const err = this.#emitError('load', e);
      if (err.code === 'plus_required') {
        this._phase = 'plus';
        return;
      }
      this._loadError =
        err.code === 'not_found' ? 'notFound' : err.code === 'integration_disabled' ? 'integrationDisabled' : err.code === 'forbidden' ? 'forbidden' : 'loadFailed';
      this._phase = 'error';
      this.#say(this.#t(this._loadError));
    }
  }

  #resetForm(ids: readonly string[], users: readonly PickerUser[], defaultDuration: number): void {
    this.#picker.selected = ids.map((id) => pickerUser(id, users));
    this._name = this.applicantName;
    this._email = this.applicantEmail;
    this._duration = this.duration > 0 ? this.duration : defaultDuration;
    this._location = this._locations.some((l) => l.id === this.location) ? this.location : 'online';
    this._roomNeeded = false;
    const period = defaultPeriod(this.#bookingWindow());
    this._from = period.from;
    this._to = period.to;
    this._submitted = false;
    this._notice = undefined;
    this._view = undefined;
    this._link = '';
    this._copy = '';
  }

  // ---- form ---------------------------------------------------------------------------------------------------

  #fieldErrors(): Partial<Record<Field, string>> {
    const t = this.#t;
    const errors: Partial<Record<Field, string>> = {};
    if (!this._name.trim()) errors.name = t('errName');
    if (!EMAIL_RE.test(this._email.trim())) errors.email = t('errEmail');
    if (!this.#picker.selected.length) errors.participants = t('errParticipants');
    if (!Number.isInteger(this._duration) || this._duration < 5 || this._duration > 480) errors.duration = t('errDuration');
    if (this._zoneInvalid) errors.zone = t('zoneUnknown');
    const period = this.#periodError(this._from, this._to);
    if (period) errors.period = period;
    return errors;
  }

  #periodError(from: string, to: string): string | null {
    const window = this.#bookingWindow();
    const problem = periodProblem(from, to, window);
    if (!problem) return null;
    const f = this.#locale().f;
    return this.#t(problem, { min: f.date(window.min), max: f.date(window.max) });
  }

  /** The request's fields that creating and the preview share: the preview asks about exactly what would be created. */
  #draft(): BookingRequestPreviewInput {
    const zone = this.#tz;
    const onsite = this.#onsite();
    return {
      participantIds: this.#picker.selected.map((u) => u.id),
      durationMinutes: this._duration,
      timeZone: zone,
      ...(onsite ? { locationId: onsite.id, roomNeeded: this._roomNeeded && onsite.roomIds.length > 0 } : { online: true }),
      period: periodInstants(this._from, this._to, zone),
    };
  }

  /** The preview's body as a string: the task reruns exactly when it changes. '' while the draft is incomplete. */
  #previewKey(): string {
    if (this._phase !== 'form' || !this.#picker.selected.length || this._zoneInvalid) return '';
    if (!Number.isInteger(this._duration) || this._duration < 5 || this._duration > 480) return '';
    if (this.#periodError(this._from, this._to)) return '';
    return JSON.stringify(this.#draft());
  }

  #onsite(): LocationView | undefined {
    return this._locations.find((l) => l.id === this._location);
  }

  async #create(): Promise<void> {
    if (this._busy) return;
    this._submitted = true;
    const errors = this.#fieldErrors();
    const firstInvalid = (Object.keys(FIELD_FOCUS) as Field[]).find((f) => errors[f]);
    if (firstInvalid) {
      if (!this.applicantName || firstInvalid !== 'name') this.#focusAfterUpdate = FIELD_FOCUS[firstInvalid];
      return;
    }
    const body: BookingRequestInput = {
      title: this.appointmentTitle.trim() || this.#t('appointmentTitle'),
      applicant: { name: this._name.trim(), email: this._email.trim() },
      ...this.#draft(),
      locale: this.#applicantLang(),
    };
    const signal = this.#restart();
    this._busy = 'create';
    this._notice = undefined;
    this.#say(this.#t('creating'));
    try {
      const view = await this.#client().createBookingRequest(body, { signal });
      this._busy = '';
      this.#showRequest(view);
      this.dispatchEvent(new DvRequestCreatedEvent({ request: view, link: view.link ?? '' }));
    } catch (e) {
      if (isAbortError(e)) return;
      this._busy = '';
      const err = this.#emitError('create', e);
      if (err.code === 'plus_required') {
        this._phase = 'plus';
        this.#focusAfterUpdate = '[part~="heading"]';
        return;
      }
      const f = this.#locale().f;
      this._notice =
        err.code === 'participants_not_connected'
          ? { key: 'needCalendars', params: { names: f.list(unconnectedUsers(err.details).map((u) => u.name)) } }
          : err.code === 'integration_disabled'
            ? { key: 'integrationDisabled' }
            : err.code === 'forbidden'
              ? { key: 'forbidden' }
              : { key: 'createFailed' };
      this.#say(this.#t(this._notice.key, this._notice.params));
      this.#focusAfterUpdate = '[part~="notice"]';
    }
  }

  #applicantLang(): 'de' | 'en' {
    const l = this.applicantLang.toLowerCase().slice(0, 2);
    return l === 'de' || l === 'en' ? l : this.#locale().lang;
  }

  #showRequest(view: BookingRequestView): void {
    this._view = view;
    this._link = view.link ?? '';
    this._copy = '';
    this._resendOpen = false;
    this._phase = 'request';
    this.#focusAfterUpdate = '[part~="heading"]';
    this.#say(this.#t(STATUS_KEYS[view.status]));
  }

  // ---- request actions ----------------------------------------------------------------------------------------

  async #copyLink(): Promise<void> {
    const link = this._link;
    if (!link) return;
    let method: 'clipboard' | 'fallback' | null = null;
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no async clipboard');
      await navigator.clipboard.writeText(link);
      method = 'clipboard';
    } catch {
      // Insecure context, denied permission or an old browser: copy the selected field the classic way.
      const input = this.renderRoot.querySelector<HTMLInputElement>('#link-input');
      input?.focus();
      input?.select();
      try {
        if (document.execCommand('copy')) method = 'fallback';
      } catch {
        method = null;
      }
    }
    if (method) {
      this._copy = 'copied';
      this.#say(this.#t('copied'));
      this.dispatchEvent(new DvLinkCopiedEvent({ link, method }));
    } else {
      this._copy = 'manual';
      this.#say(this.#t('copyManual'));
      this.#emitError('copy', new ApiError(0, 'clipboard_unavailable', 'The clipboard is not available.'));
    }
  }

  async #refresh(): Promise<void> {
    const view = this._view;
    if (!view || this._busy) return;
    const signal = this.#restart();
    this._busy = 'refresh';
    try {
      const fresh = await this.#client().getBookingRequest(view.id, { signal });
      this._busy = '';
      this._view = { ...fresh, ...(view.availability && !fresh.availability ? { availability: view.availability } : {}) };
      this.#say(this.#t('refreshed'));
      this.dispatchEvent(new DvBookingRequestLoadEvent({ request: fresh }));
    } catch (e) {
      this.#actionFailed('refresh', e);
    }
  }

  #openResend(): void {
    const period = defaultPeriod(this.#bookingWindow(this._view?.timeZone));
    this._resendFrom = period.from;
    this._resendTo = period.to;
    this._resendSubmitted = false;
    this._resendOpen = true;
    this.#focusAfterUpdate = '#resend-from';
  }

  async #resend(): Promise<void> {
    const view = this._view;
    if (!view || this._busy) return;
    this._resendSubmitted = true;
    const zone = view.timeZone;
    if (periodProblem(this._resendFrom, this._resendTo, this.#bookingWindow(zone))) {
      this.#focusAfterUpdate = '#resend-from';
      return;
    }
    const signal = this.#restart();
    this._busy = 'resend';
    this.#say(this.#t('resending'));
    try {
      const fresh = await this.#client().resendBookingRequest(view.id, { period: periodInstants(this._resendFrom, this._resendTo, zone) }, { signal });
      this._busy = '';
      this.#showRequest(fresh);
      this._notice = { key: 'resent', ok: true };
      this.dispatchEvent(new DvRequestResentEvent({ request: fresh, link: fresh.link ?? '' }));
    } catch (e) {
      this.#actionFailed('resend', e);
    }
  }

  async #cancel(): Promise<void> {
    const view = this._view;
    if (!view || this._busy) return;
    const signal = this.#restart();
    this._busy = 'cancel';
    this.#say(this.#t('cancelling'));
    try {
      const fresh = await this.#client().cancelBookingRequest(view.id, { signal });
      this._busy = '';
      this._link = '';
      this.#showRequest(fresh);
      this._notice = { key: 'cancelledNotice', ok: true };
      this.dispatchEvent(new DvRequestCancelledEvent({ request: fresh }));
    } catch (e) {
      this.#actionFailed('cancel', e);
    }
  }

  #actionFailed(operation: BookingRequestOperation, e: unknown): void {
    if (isAbortError(e)) return;
    this._busy = '';
    const err = this.#emitError(operation, e);
    const f = this.#locale().f;
    this._notice =
      err.code === 'participants_not_connected'
        ? { key: 'needCalendars', params: { names: f.list(unconnectedUsers(err.details).map((u) => u.name)) } }
        : err.code === 'conflict'
          ? { key: 'conflict' }
          : err.code === 'forbidden'
            ? { key: 'forbidden' }
            : { key: 'actionFailed' };
    this.#say(this.#t(this._notice.key, this._notice.params));
    this.#focusAfterUpdate = '[part~="notice"]';
    // The request changed under us: show what it is now.
    if (err.code === 'conflict') void this.#refresh();
  }

  /** Escape (the dialog's own `cancel`) or any other close: nothing happens. */
  #onDialogClose = (): void => {
    this._confirm = false;
  };

  // ---- rendering ----------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const { f } = this.#locale();
    const t = this.#t;
    return html`<div part="base" class="base" lang=${f.locale} data-phase=${this._phase} data-status=${this._view?.status ?? nothing}
      aria-busy=${this._phase === 'loading' ? 'true' : 'false'}>
      <div class="sr-only" role="status">${this._announce}</div>
      ${this.#renderPhase(t)}
      ${this.#renderDialog(t)}
    </div>`;
  }

  #renderPhase(t: T): TemplateResult {
    const h = (text: string) => heading(headingLevel(this.headingLevel), text, 'heading', undefined, true);
    switch (this._phase) {
      case 'loading':
        return renderLoading(h(t('heading')), t('loading'));
      case 'plus':
        return html`${h(t('plusHeading'))}<p>${t('plusText')}</p>`;
      case 'error':
        return html`${h(t('heading'))}
          <p part="notice" class="notice danger">${t(this._loadError)}</p>
          <div class="actions"><button part="button button--primary" class="primary" @click=${() => void this.#load()}>${t('retry')}</button></div>`;
      case 'form':
        return html`${h(t('heading'))} ${this.#renderForm(t)}`;
      case 'request':
        return this.#renderRequest(t, this._view!);
    }
  }

  #renderForm(t: T): TemplateResult {
    const errors = this._submitted ? this.#fieldErrors() : {};
    const window = this.#bookingWindow();
    const onsite = this.#onsite();
    const hostApplicant = !!(this.applicantName && this.applicantEmail);
    const err = (field: Field, id: string) => (errors[field] ? html`<p id=${id} class="danger field-error">${errors[field]}</p>` : nothing);
    const invalid = (field: Field) => (errors[field] ? 'true' : 'false');
    const described = (field: Field, id: string) => (errors[field] ? id : nothing);
    return html`<form part="form" class="form" novalidate @submit=${(e: Event) => {
      e.preventDefault();
      void this.#create();
    }}>
      ${hostApplicant
        ? html`<p><strong>${t('applicant')}:</strong> ${this._name} &lt;${this._email}&gt;</p>`
        : html`<div class="fields">
            <div class="field">
              <label for="applicant-name">${t('applicantName')}</label>
              <input id="applicant-name" type="text" autocomplete="off" .value=${live(this._name)} aria-invalid=${invalid('name')}
                aria-describedby=${described('name', 'name-error')} @input=${(e: Event) => (this._name = (e.target as HTMLInputElement).value)} />
              ${err('name', 'name-error')}
            </div>
            <div class="field">
              <label for="applicant-email">${t('applicantEmail')}</label>
              <input id="applicant-email" type="email" autocomplete="off" .value=${live(this._email)} aria-invalid=${invalid('email')}
                aria-describedby=${described('email', 'email-error')} @input=${(e: Event) => (this._email = (e.target as HTMLInputElement).value)} />
              ${err('email', 'email-error')}
            </div>
          </div>`}
      ${this.#picker.render(errors.participants)}
      <div class="fields">
        <div class="field">
          <label for="duration">${t('duration')}</label>
          <input id="duration" type="number" min="5" max="480" step="5" inputmode="numeric" .value=${live(String(this._duration))}
            aria-invalid=${invalid('duration')} aria-describedby=${described('duration', 'duration-error')}
            @input=${(e: Event) => (this._duration = Number((e.target as HTMLInputElement).value))} />
          ${err('duration', 'duration-error')}
        </div>
        <div class="field">
          <label for="location">${t('location')}</label>
          <select id="location" @change=${(e: Event) => {
            this._location = (e.target as HTMLSelectElement).value;
            this._roomNeeded = false;
          }}>
            <option value="online" ?selected=${this._location === 'online'}>${t('online')}</option>
            ${this._locations.map((l) => html`<option value=${l.id} ?selected=${l.id === this._location}>${l.name}</option>`)}
          </select>
        </div>
      </div>
      ${onsite && onsite.roomIds.length
        ? html`<div class="field">
            <label class="check"><input id="room-needed" type="checkbox" .checked=${live(this._roomNeeded)} aria-describedby="room-hint"
              @change=${(e: Event) => (this._roomNeeded = (e.target as HTMLInputElement).checked)} />${t('roomNeeded')}</label>
            <p id="room-hint" class="muted hint">${t('roomNeededHint')}</p>
          </div>`
        : nothing}
      ${renderZoneField({
        id: 'zone',
        t,
        zone: this.#tz,
        invalid: this._zoneInvalid,
        onChange: (z) => {
          this._zoneInvalid = !isListedZone(z);
          if (!this._zoneInvalid) this._zone = z;
        },
      })}
      <fieldset part="period" class="period" aria-describedby=${errors.period ? 'period-hint period-error' : 'period-hint'}>
        <legend>${t('period')}</legend>
        <p id="period-hint" class="muted hint">${t('periodHint', { days: this._window.endDays })}</p>
        <div class="fields">
          <div class="field">
            <label for="period-from">${t('from')}</label>
            <input id="period-from" type="date" min=${window.min} max=${window.max} .value=${live(this._from)} aria-invalid=${invalid('period')}
              @change=${(e: Event) => (this._from = (e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="period-to">${t('to')}</label>
            <input id="period-to" type="date" min=${window.min} max=${window.max} .value=${live(this._to)} aria-invalid=${invalid('period')}
              @change=${(e: Event) => (this._to = (e.target as HTMLInputElement).value)} />
          </div>
        </div>
        ${err('period', 'period-error')}
      </fieldset>
      ${this.#renderPreview(t)}
      ${this._notice ? html`<p part="notice" class="notice danger" tabindex="-1">${t(this._notice.key, this._notice.params)}</p>` : nothing}
      <div class="actions">
        <button part="button button--primary" class="primary" type="submit" aria-disabled=${this._busy ? 'true' : 'false'}>
          ${this._busy === 'create' ? t('creating') : t('create')}
        </button>
      </div>
    </form>`;
  }

  #renderPreview(t: T): TemplateResult {
    const sub = headingLevel(this.headingLevel, 1);
    const status = this.#preview.status;
    const outcome = this.#preview.value;
    const list = (people: ReadonlyArray<{ name: string }>, key: MessageKey) =>
      html`<ul>${people.map((p) => html`<li>${t(key, { name: p.name })}</li>`)}</ul>`;
    let body: TemplateResult;
    let state = '';
    if (!this.#previewKey()) body = html`<p class="muted">${t('previewIdle')}</p>`;
    else if (status === TaskStatus.PENDING || status === TaskStatus.INITIAL) body = html`<p class="muted">${t('previewChecking')}</p>`;
    else if (status === TaskStatus.ERROR) {
      const code = (this.#preview.error as ApiError | undefined)?.code;
      state = 'error';
      body = html`<p class="danger">${t(code === 'calendar_unavailable' ? 'previewUnavailable' : code === 'validation_failed' ? 'previewRejected' : 'previewFailed')}</p>`;
    } else if (outcome?.notConnected.length) {
      state = 'none';
      body = html`<p class="result none"><span class="icon" aria-hidden="true">✕</span> ${t('previewBlocked')}</p>
        ${list(outcome.notConnected, 'previewNotConnected')}`;
    } else if (outcome?.slotCount) {
      state = 'slots';
      body = html`<p class="result ok"><span class="icon" aria-hidden="true">✓</span>
        ${outcome.slotCount === 1 ? t('previewSlotsOne') : t('previewSlots', { count: outcome.slotCount })}</p>`;
    } else if (outcome) {
      state = 'none';
      // Nobody alone without time: the calendars never overlap (or, with a room, no room is free when they do).
      body = html`<p class="result none"><span class="icon" aria-hidden="true">✕</span> ${t('previewNone')}</p>
        ${outcome.noFreeTime.length
          ? list(outcome.noFreeTime, 'previewNobody')
          : outcome.participants.length
            ? html`<p>${t(this._roomNeeded ? 'previewOverlapRoom' : 'previewOverlap')}</p>`
            : nothing}`;
    } else body = html`<p class="muted">${t('previewIdle')}</p>`;
    return html`<section part=${state ? `preview preview--${state}` : 'preview'} class="preview ${state}" aria-labelledby="preview-title">
      ${heading(sub, t('previewTitle'), 'section-title', 'preview-title')}
      <div aria-live="polite">${body}</div>
      ${state === 'error' ? html`<button part="button" type="button" @click=${() => void this.#preview.run()}>${t('previewRetry')}</button>` : nothing}
    </section>`;
  }

  #renderRequest(t: T, view: BookingRequestView): TemplateResult {
    const zone = view.timeZone;
    const { f } = this.#locale(zone);
    const sub = headingLevel(this.headingLevel, 1);
    // Names from the loaded directory, the participants just chosen, or the last availability answer — an id only
    // when none of them knows the person.
    const name = (id: string) =>
      this._users.find((u) => u.id === id)?.name ?? this.#picker.selected.find((u) => u.id === id)?.name ?? view.availability?.participants.find((p) => p.id === id)?.name ?? id;
    const failure = failureOf(view);
    const lastDay = new Date(Date.parse(view.period.end) - 1).toISOString();
    const a = view.appointment;
    const room = a?.roomId ? (this._rooms.find((r) => r.id === a.roomId)?.name ?? a.roomId) : null;
    const resendable = view.status === 'failed' || view.status === 'expired' || view.status === 'declined';
    const cancellable = view.status === 'open' || view.status === 'booked';
    const row = (label: string, value: unknown) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
    const busy = this._busy;
    const button = (label: string, onClick: () => void, kind: '' | 'primary' | 'danger' = '') =>
      html`<button part=${kind ? `button button--${kind}` : 'button'} class=${kind === 'primary' ? 'primary' : kind === 'danger' ? 'destructive' : ''}
        aria-disabled=${busy ? 'true' : 'false'} @click=${() => !busy && onClick()}>${label}</button>`;
    return html`${heading(headingLevel(this.headingLevel), t(STATUS_KEYS[view.status]), 'heading', undefined, true)}
      ${this._notice
        ? html`<p part="notice" class=${this._notice.ok ? 'notice ok' : 'notice danger'} tabindex="-1">${t(this._notice.key, this._notice.params)}</p>`
        : nothing}
      ${this._link ? this.#renderLink(t, sub) : nothing}
      ${view.status === 'open' ? html`<p>${t('openText')}</p>` : view.status === 'cancelled' ? html`<p>${t('cancelledText')}</p>` : nothing}
      ${failure ? this.#renderFailure(t, f, view, failure, name) : nothing}
      <dl part="state" class="summary">
        ${row(t('title'), view.title)}
        ${a ? row(t('bookedTime'), html`${t('when', { date: f.dateOf(a.start, zone), start: f.time(a.start, zone), end: f.time(a.end, zone) })} <span class="muted">(${f.zoneName(zone)})</span>`) : nothing}
        ${a && view.roomNeeded ? row(t('room'), room ?? t('roomPending')) : nothing}
        ${row(t('period'), t('periodValue', { from: f.dateOf(view.period.start, zone), to: f.dateOf(lastDay, zone) }))}
        ${row(t('timeZone'), `${f.zoneName(zone)} (${zone})`)}
        ${row(t('participantsValue'), f.list(view.participantIds.map(name)))}
        ${row(t('roomNeeded'), t(view.roomNeeded ? 'yes' : 'no'))}
      </dl>
      ${this._resendOpen ? this.#renderResend(t, sub, zone) : nothing}
      <div class="actions">
        ${resendable && !this._resendOpen ? button(t('resend'), () => this.#openResend(), 'primary') : nothing}
        ${button(t('refresh'), () => void this.#refresh())}
        ${cancellable ? button(busy === 'cancel' ? t('cancelling') : t('cancel'), () => (this._confirm = true), 'danger') : nothing}
        ${this.request ? nothing : button(t('newRequest'), () => {
          this.#resetForm(this.#picker.selected.map((u) => u.id), this.#picker.selected, this._duration);
          this._phase = 'form';
          this.#focusAfterUpdate = '[part~="heading"]';
        })}
      </div>`;
  }

  #renderLink(t: T, sub: number): TemplateResult {
    return html`<section part="link" class="link" aria-labelledby="link-title">
      ${heading(sub, t('linkHeading'), 'section-title', 'link-title')}
      <label for="link-input">${t('linkLabel')}</label>
      <div class="link-row">
        <input id="link-input" part="link-input" type="url" readonly .value=${this._link} aria-describedby="link-once"
          @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
        <button part="button button--primary" class="primary" @click=${() => void this.#copyLink()}>${t('copy')}</button>
      </div>
      <p id="link-once" class="muted hint">${t('linkOnce')}</p>
      ${this._copy ? html`<p class=${this._copy === 'copied' ? 'success' : 'danger'}>${t(this._copy === 'copied' ? 'copied' : 'copyManual')}</p>` : nothing}
    </section>`;
  }

  #renderFailure(t: T, f: Formats, view: BookingRequestView, failure: string, name: (id: string) => string): TemplateResult {
    let text: string;
    let extra: TemplateResult | typeof nothing = nothing;
    if (failure === 'participant_disconnected') {
      // The view does not say who; the users' connection states do.
      const who = view.participantIds
        .map((id) => this._users.find((u) => u.id === id) ?? this.#picker.selected.find((u) => u.id === id))
        .filter((u): u is PickerUser => !!u && calendarProblem(u) !== null)
        .map((u) => u.name);
      text = who.length ? t('reasonDisconnected', { names: f.list(who) }) : t('reasonDisconnectedUnknown');
      extra = html`<p>${t('remedyDisconnected')}</p>`;
    } else if (failure === 'no_common_slot') {
      text = t('reasonNoCommonSlot');
      const people = view.availability?.participants ?? [];
      const none = people.filter((p) => p.freeCandidateCount === 0);
      if (none.length) extra = html`<ul>${none.map((p) => html`<li>${t('previewNobody', { name: p.name || name(p.id) })}</li>`)}</ul>`;
      else if (people.length) extra = html`<p>${t(view.roomNeeded ? 'previewOverlapRoom' : 'previewOverlap')}</p>`;
    } else if (failure === 'declined') {
      text = t('reasonDeclined');
      extra = html`<p>${t('remedyDeclined')}</p>`;
    } else {
      text = REASON_KEYS[failure] ? t(REASON_KEYS[failure]!) : t('reasonOther', { reason: failure });
    }
    return html`<div part="reason" class="reason">
      <p><strong>${t('reason')}:</strong> ${text}</p>
      ${extra}
    </div>`;
  }

  #renderResend(t: T, sub: number, zone: string): TemplateResult {
    const window = this.#bookingWindow(zone);
    const problem = this._resendSubmitted ? periodProblem(this._resendFrom, this._resendTo, window) : null;
    const f = this.#locale(zone).f;
    return html`<form class="resend" novalidate aria-labelledby="resend-title" @submit=${(e: Event) => {
      e.preventDefault();
      void this.#resend();
    }}>
      ${heading(sub, t('resendHeading'), 'section-title', 'resend-title')}
      <p id="resend-hint" class="muted hint">${t('periodHint', { days: this._window.endDays })}</p>
      <div class="fields">
        <div class="field">
          <label for="resend-from">${t('from')}</label>
          <input id="resend-from" type="date" min=${window.min} max=${window.max} .value=${live(this._resendFrom)}
            aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? 'resend-hint resend-error' : 'resend-hint'}
            @change=${(e: Event) => (this._resendFrom = (e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="resend-to">${t('to')}</label>
          <input id="resend-to" type="date" min=${window.min} max=${window.max} .value=${live(this._resendTo)}
            aria-invalid=${problem ? 'true' : 'false'} aria-describedby=${problem ? 'resend-hint resend-error' : 'resend-hint'}
            @change=${(e: Event) => (this._resendTo = (e.target as HTMLInputElement).value)} />
        </div>
      </div>
      ${problem ? html`<p id="resend-error" class="danger">${t(problem, { min: f.date(window.min), max: f.date(window.max) })}</p>` : nothing}
      <div class="actions">
        <button part="button button--primary" class="primary" type="submit" aria-disabled=${this._busy ? 'true' : 'false'}>
          ${this._busy === 'resend' ? t('resending') : t('resendSubmit')}
        </button>
      </div>
    </form>`;
  }

  #renderDialog(t: T): TemplateResult {
    return html`<dialog part="dialog" aria-labelledby="dialog-title" aria-describedby="dialog-text" @close=${this.#onDialogClose}>
      ${this._confirm
        ? html`<h2 id="dialog-title" class="dialog-title">${t('cancelTitle')}</h2>
            <p id="dialog-text">${t('cancelText')}</p>
            <div class="actions">
              <button part="button button--danger" class="destructive" @click=${() => {
                this._confirm = false;
                void this.#cancel();
              }}>${t('confirmCancel')}</button>
              <button part="button" autofocus @click=${() => (this._confirm = false)}>${t('keep')}</button>
            </div>`
        : nothing}
    </dialog>`;
  }
}
