/**
 * `<dv-availability-check>`: the recruiter's availability check of a planned appointment (spec §12, §14, §21;
 * requirements 7–9, 18–20). Participants (picked from the organization's users) and optionally a room of the chosen
 * location, against one or more proposed times in the chosen IANA zone; each one's free / busy / unknown state per
 * time in a table; the next common free times to choose from; for several applicants one shared time or individual
 * back-to-back times; for an existing appointment each participant's reply. Where the page allows it
 * (`allow-invite`) it invites from the chosen time — online or at a location (a free-text one when the organization
 * keeps no locations), private or not, with a note for the participants — or moves / cancels the existing
 * appointment after confirmation.
 *
 * Invariants:
 * - Every fetch runs with an AbortSignal: the check is a @lit/task whose stale runs are aborted and debounced
 *   (`check-delay`), the user search likewise; loads and actions abort the previous one; disconnecting aborts all.
 * - States are text plus an icon, never colour alone; times are formatted through `Intl` in the chosen zone, and
 *   typed wall times become instants only through `zonedWallTimeToInstant` with that zone.
 * - The invite sends an Idempotency-Key per attempt: a retry of the same attempt can never create a second
 *   appointment; "invite anyway" (over calendar conflicts) is a new attempt.
 * - "Private" starts from the organization's default and is sent only once the recruiter changed it, so an
 *   unreadable default never overrides the server's.
 * - Focus is never stolen on load; it moves to the result heading only after an action the user started.
 * - All strings from this element's catalogs (de, en); all styling from adopted stylesheets (strict-CSP safe).
 */
import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ApiError, isAbortError } from '../../client/api-error.js';
import { createHttp } from '../../client/http.js';
import { randomKey } from '../../client/public-booking-client.js';
import { unconnectedUsers } from '../../client/scheduling-checks.js';
import {
  appointmentEndpoints,
  lookupEndpoints,
  type AppointmentClient,
  type AvailabilityCheckInput,
  type InviteInput,
  type LookupClient,
  type MoveInput,
} from '../../client/scheduling-client.js';
import type {
  AppointmentView,
  AvailabilityCheck,
  CheckedResource,
  CheckedTime,
  ParticipantReplies,
} from '../../shared/api/appointments.js';
import type { LocationView, RoomView } from '../../shared/api/rooms.js';
import { calendarContext, type CalendarConfig } from '../context.js';
import { createFormats, createTranslator, type Formats, type Lang, type Params } from '../i18n/index.js';
import { heading, headingLevel } from '../shared/heading.js';
import { ClientSettings, contextLocale } from '../shared/settings.js';
import { styles } from './availability-check.styles.js';
import {
  DvCheckErrorEvent,
  DvCheckLoadEvent,
  DvCheckSelectEvent,
  DvCancelledEvent,
  DvInvitedEvent,
  DvMovedEvent,
  type CheckOperation,
} from './events.js';
import { de } from './i18n/de.js';
import { en, type MessageKey } from './i18n/en.js';
import {
  addMinutes,
  backToBack,
  checkRequests,
  choicesOf,
  instantToWall,
  mergeChecks,
  overallState,
  planTimes,
  tableRows,
  zonedToday,
  type Choice,
  type Interval,
  type Plan,
  type PlanMode,
  type PlanProblem,
  type Wall,
  wallToInstant,
} from './internal/schedule.js';
import {
  EMAIL_RE,
  ParticipantPicker,
  delay,
  idList,
  isListedZone,
  pickerUser,
  renderLoading,
  renderZoneField,
  zoneOf,
} from './shared.js';

const translate = createTranslator<MessageKey>({ de, en });
type T = (key: MessageKey, params?: Params) => string;

export const PHASES = ['loading', 'ready', 'error', 'invited', 'cancelled'] as const;
export type Phase = (typeof PHASES)[number];

export interface Applicant {
  name: string;
  email: string;
}

const ICONS = { free: '✓', busy: '✕', unknown: '?' } as const;
const REPLY_ICONS = { accepted: '✓', declined: '✕', tentative: '~', needs_action: '…' } as const;
const REPLY_KEYS = { accepted: 'accepted', declined: 'declined', tentative: 'tentative', needs_action: 'needsAction' } as const;
const PROBLEM_KEYS: Record<PlanProblem, MessageKey> = {
  noParticipants: 'idleNoParticipants',
  badDuration: 'idleBadDuration',
  incompleteTime: 'idleIncompleteTime',
  pastTime: 'idlePastTime',
};
const REASON_KEYS = {
  not_connected: 'reasonNotConnected',
  connection_failed: 'reasonConnectionFailed',
  integration_off: 'reasonIntegrationOff',
  calendar_unavailable: 'reasonCalendarUnavailable',
} as const;
const BUSY_KEYS = { calendar: 'busyCalendar', appointment: 'busyAppointment', hold: 'busyHold' } as const;

/**
 * The availability check of d.vinci's appointment form, with invite, move and cancel.
 *
 * @tag dv-availability-check
 * @summary Who is free when: participants and room against proposed times, next common free times, replies, invite.
 *
 * @attr {'de' | 'en'} lang - Language (the native global attribute, observed); else the context's, the page's, the browser's.
 *
 * @event {DvCheckLoadEvent} dv-load - The appointment, a check result or replies arrived. `detail: { appointment?, check?, replies? }`.
 * @event {DvCheckSelectEvent} dv-select - The recruiter chose a time; cancelable. `detail: { times, source, timeZone }`.
 * @event {DvInvitedEvent} dv-invited - Appointments were created from the chosen time. `detail: { appointments }`.
 * @event {DvMovedEvent} dv-moved - The existing appointment was moved. `detail: { appointment, change, applicantNotified }`.
 * @event {DvCancelledEvent} dv-cancelled - The existing appointment was cancelled. `detail: { appointment }`.
 * @event {DvCheckErrorEvent} dv-error - A request failed. `detail: { operation, status, code, message }`.
 *
 * @csspart base - The outer wrapper; carries `data-phase`.
 * @csspart heading - The element's heading.
 * @csspart section-title - Headings of the plan, results, replies and action sections.
 * @csspart plan - The planning form.
 * @csspart participants - The participant picker.
 * @csspart chips - The list of chosen participants.
 * @csspart chip - One chosen participant.
 * @csspart chip-remove - A participant's remove button.
 * @csspart combobox - The participant search field.
 * @csspart listbox - The popup of matching users.
 * @csspart option - A user in the popup; state `option--active`.
 * @csspart zone - The time-zone field.
 * @csspart proposal - One proposed time (date and time inputs).
 * @csspart mode - The "individual appointment per applicant" switch.
 * @csspart results - The results section; carries `aria-busy` while checking.
 * @csspart table - The availability table.
 * @csspart state - A state cell's content; states `state--free`, `state--busy`, `state--unknown`.
 * @csspart choices - The radio group of times to choose from.
 * @csspart choice - One time; state `choice--suggestion`.
 * @csspart replies - The list of participant replies.
 * @csspart reply - One reply; states `reply--accepted`, `reply--declined`, `reply--tentative`, `reply--needs_action`.
 * @csspart actions - The invite / move / cancel section.
 * @csspart notice - An error or success notice.
 * @csspart button - Every button; `button--primary` for the main action, `button--danger` for cancel.
 * @csspart dialog - The confirmation dialog.
 * @csspart skeleton - The loading placeholder.
 *
 * @cssproperty --dv-color-primary - Accent for the main button and chosen times.
 * @cssproperty --dv-color-on-primary - Text on the accent colour.
 * @cssproperty --dv-color-surface - Background.
 * @cssproperty --dv-color-surface-alt - Background of chips, header cells and placeholders.
 * @cssproperty --dv-color-text - Text colour.
 * @cssproperty --dv-color-text-muted - Secondary text.
 * @cssproperty --dv-color-border - Borders of controls and the table.
 * @cssproperty --dv-color-danger - Busy states, errors and the cancel action.
 * @cssproperty --dv-color-success - Free states and success notices.
 * @cssproperty --dv-color-focus - The focus ring.
 * @cssproperty --dv-font - Font family.
 * @cssproperty --dv-radius - Corner radius.
 * @cssproperty --dv-space - Base spacing.
 * @cssproperty --dv-target-size - Minimum size of buttons and inputs (never below 24px).
 * @cssproperty --dv-availability-check-max-width - Maximum width of the element (default none).
 */
export class DvAvailabilityCheck extends LitElement {
  static override styles = styles;

  /** Server base URL; empty means the context's, else the page's origin. */
  @property() api = '';
  /** Bearer token; empty means the context's token source. */
  @property() token = '';
  /** IANA zone of the date and time inputs and of every time shown; else the context's, the appointment's, the browser's. */
  @property({ attribute: 'time-zone' }) timeZone = '';
  /** An existing appointment's id: shows its replies and offers move and cancel instead of invite. */
  @property() appointment = '';
  /** Whether the element may create, move and cancel appointments (the page's permission). */
  @property({ attribute: 'allow-invite', type: Boolean }) allowInvite = false;
  /** Participants to start with (user ids; attribute space- or comma-separated). */
  @property({ converter: idList }) participants: string[] = [];
  /** The applicants the appointment is for (set by the host, e.g. from the application basket). */
  @property({ attribute: false }) applicants: Applicant[] = [];
  /** Duration in minutes to start with (5–480). */
  @property({ type: Number }) duration = 60;
  /** A location id to start with. */
  @property() location = '';
  /** Title of the created appointment; defaults to the catalog's "Interview". */
  @property({ attribute: 'appointment-title' }) appointmentTitle = '';
  /** Level of the element's heading (2–6); section headings are one level below. */
  @property({ attribute: 'heading-level', type: Number }) headingLevel = 2;
  /** Milliseconds between the last edit and the automatic check (debounce). */
  @property({ attribute: 'check-delay', type: Number }) checkDelay = 400;
  /** Milliseconds between the last keystroke in the participant search and the search request. */
  @property({ attribute: false }) searchDelay = 200;
  /** Injected fetch (tests, instrumentation); else the context's, else the global one. */
  @property({ attribute: false }) fetch?: typeof fetch;

  /** The current phase (read-only). */
  get phase(): Phase {
    return this._phase;
  }

  /** The last completed check (read-only). */
  get result(): AvailabilityCheck | undefined {
    return this.#check.value ?? undefined;
  }

  /** Resolves when the pending check (if any) has settled; for hosts and tests. */
  get checkComplete(): Promise<unknown> {
    return this.#check.taskComplete.catch(() => undefined);
  }

  @consume({ context: calendarContext, subscribe: true })
  @state()
  private _ctx?: CalendarConfig;

  @state() private _phase: Phase = 'loading';
  @state() private _loadError: MessageKey = 'loadFailed';
  @state() private _locations: LocationView[] = [];
  @state() private _rooms: RoomView[] = [];
  @state() private _locationId = '';
  @state() private _roomId = '';
  @state() private _online = false;
  @state() private _locationText = '';
  @state() private _orgPrivate = false;
  @state() private _private?: boolean;
  @state() private _comment = '';
  @state() private _duration = 60;
  @state() private _zone = '';
  @state() private _zoneInvalid = false;
  @state() private _mode: PlanMode = 'shared';
  @state() private _proposals: Wall[] = [];
  @state() private _perApplicant: Wall[] = [];
  @state() private _choice = '';
  @state() private _appointment?: AppointmentView;
  @state() private _replies?: ParticipantReplies;
  @state() private _repliesStatus: 'idle' | 'loading' | 'done' | 'error' = 'idle';
  @state() private _busy: '' | 'invite' | 'move' | 'cancel' = '';
  @state() private _notice?: { key: MessageKey; params?: Params; anyway?: 'invite' | 'move'; ok?: boolean };
  @state() private _invited: AppointmentView[] = [];
  @state() private _confirm: '' | 'move' | 'cancel' = '';
  @state() private _applicantName = '';
  @state() private _applicantEmail = '';
  @state() private _applicantInvalid = false;
  @state() private _announce = '';

  #clients = new ClientSettings((options) => {
    const http = createHttp(options);
    return { ...lookupEndpoints(http), ...appointmentEndpoints(http) };
  });
  #abort?: AbortController;
  #forceCheck = false;
  #attemptKey = randomKey();
  #focusAfterUpdate?: string;
  #formats?: Formats;
  #loadDeps: unknown[] = [];

  #picker = new ParticipantPicker(this, {
    id: 'participant',
    client: () => this.#client(),
    t: () => this.#t,
    searchDelay: () => this.searchDelay,
    onError: (e) => this.#emitError('users', e),
    announce: (text) => this.#say(text),
    onChange: () => this.#choiceInvalidated(),
  });

  #check = new Task(this, {
    task: async ([key], { signal }): Promise<AvailabilityCheck | null> => {
      if (!key) return null;
      const requests = JSON.parse(key) as AvailabilityCheckInput[];
      const forced = this.#forceCheck;
      if (!forced) await delay(this.checkDelay, signal);
      this.#forceCheck = false;
      try {
        const client = this.#client();
        const answers = await Promise.all(requests.map((r) => client.checkAvailability(r, { signal })));
        const check = mergeChecks(answers);
        this.#afterCheck(check, forced);
        return check;
      } catch (e) {
        if (!isAbortError(e)) {
          this.#emitError('check', e);
          this.#say(this.#t('checkFailed'));
        }
        throw e;
      }
    },
    args: () => [this.#checkKey()] as const,
  });

  // `lang` stays the native global attribute; it is only observed.
  static override get observedAttributes(): string[] {
    return [...super.observedAttributes, 'lang'];
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    if (name === 'lang') this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated && this._phase === 'loading') this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#abort?.abort();
    this.#abort = undefined;
  }

  protected override willUpdate(): void {
    // Reload when anything that decides what to load, or from where, changed (own attributes or the context).
    const deps = [this.api, this.token, this.appointment, this.fetch, this._ctx?.api, this._ctx?.tokens, this._ctx?.fetch];
    if (!this.#loadDeps.length || deps.some((d, i) => d !== this.#loadDeps[i])) {
      this.#loadDeps = deps;
      this.#load();
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

  #client(): LookupClient & AppointmentClient {
    return this.#clients.resolve({ api: this.api, token: this.token, tokenProvider: null, fetch: this.fetch }, this._ctx).client;
  }

  get #tz(): string {
    return this._zone || zoneOf(this.timeZone, this._ctx, this._appointment?.timeZone);
  }

  #locale(): { lang: Lang; f: Formats } {
    const { lang, locale } = contextLocale(this, this._ctx);
    const zone = this.#tz;
    if (this.#formats?.locale !== locale || this.#formats.zone !== zone) this.#formats = createFormats(locale, zone);
    return { lang, f: this.#formats };
  }

  #t: T = (key, params) => translate(this.#locale().lang, key, params);

  #say(text: string): void {
    // The same text twice would not be re-announced; a trailing no-break space makes it a change.
    this._announce = text === this._announce.trim() ? `${text}\u00a0` : text;
  }

  #emitError(operation: CheckOperation, e: unknown): ApiError {
    const err = e instanceof ApiError ? e : new ApiError(0, 'internal', String(e));
    this.dispatchEvent(new DvCheckErrorEvent({ operation, status: err.status, code: err.code, message: err.message }));
    return err;
  }

  #restart(): AbortSignal {
    this.#abort?.abort();
    this.#abort = new AbortController();
    return this.#abort.signal;
  }

  // ---- loading ------------------------------------------------------------------------------------------------

  #load(): void {
    void this.#loadAll();
  }

  async #loadAll(): Promise<void> {
    const signal = this.#restart();
    this._phase = 'loading';
    const client = this.#client();
    try {
      // Rooms are Plus: on Basic the list answers 403 `plus_required`, which simply means "no room field".
      // The settings only give the invite's "private" default: without them the server's default still applies.
      const [locations, rooms, appointment, tier] = await Promise.all([
        client.listLocations({ signal }),
        client.listRooms({ signal }).catch((e: unknown) => (isAbortError(e) ? Promise.reject(e) : [])),
        this.appointment ? client.getAppointment(this.appointment, { signal }) : Promise.resolve(undefined),
        client.getTier({ signal }).catch((e: unknown) => (isAbortError(e) ? Promise.reject(e) : null)),
      ]);
      this._orgPrivate = tier?.settings.createEventsPrivate ?? false;
      const ids = appointment ? appointment.participantIds : this.participants;
      const users = ids.length ? await client.listUsers(undefined, { signal }) : [];
      this._locations = locations.filter((l) => l.appointmentLocation);
      this._rooms = rooms;
      this.#picker.selected = ids.map((id) => pickerUser(id, users));
      this._appointment = appointment;
      if (appointment) this.#prefill(appointment);
      else {
        this._duration = this.duration;
        this._locationId = this._locations.some((l) => l.id === this.location) ? this.location : '';
        if (!this._proposals.length) this._proposals = [{ date: zonedToday(Date.now(), this.#tz, 1), time: '10:00' }];
      }
      this._phase = appointment?.status === 'cancelled' ? 'cancelled' : 'ready';
      if (appointment) {
        this.dispatchEvent(new DvCheckLoadEvent({ appointment }));
        void this.#loadReplies(false);
      }
    } catch (e) {
      if (isAbortError(e)) return;
      const err = this.#emitError('load', e);
      this._loadError = err.code === 'not_found' ? 'notFound' : err.code === 'integration_disabled' ? 'integrationDisabled' : err.code === 'forbidden' ? 'forbidden' : 'loadFailed';
      this._phase = 'error';
      this.#say(this.#t(this._loadError));
    }
  }

  #prefill(a: AppointmentView): void {
    const zone = this.#tz;
    this._duration = Math.round((Date.parse(a.end) - Date.parse(a.start)) / 60_000);
    this._proposals = [instantToWall(a.start, zone)];
    this._mode = 'shared';
    this._locationId = a.location?.kind === 'onsite' ? a.location.locationId : '';
    this._roomId = a.roomId ?? '';
  }

  async #loadReplies(announce: boolean): Promise<void> {
    if (!this._appointment) return;
    this._repliesStatus = 'loading';
    try {
      const replies = await this.#client().getReplies(this._appointment.id, { signal: this.#abort?.signal });
      this._replies = replies;
      this._repliesStatus = 'done';
      if (announce) this.#say(this.#t('repliesUpdated'));
      this.dispatchEvent(new DvCheckLoadEvent({ replies }));
    } catch (e) {
      if (isAbortError(e)) return;
      this.#emitError('replies', e);
      this._repliesStatus = 'error';
      if (announce) this.#say(this.#t('repliesFailed'));
    }
  }

  // ---- plan and check -----------------------------------------------------------------------------------------

  #plan(): Plan {
    const location = this._locations.find((l) => l.id === this._locationId);
    const roomId = location?.roomIds.includes(this._roomId) ? this._roomId : null;
    return {
      participantIds: this.#picker.selected.map((u) => u.id),
      roomId,
      locationId: location ? location.id : null,
      durationMinutes: this._duration,
      timeZone: this.#tz,
      mode: this._mode,
      proposals: this._proposals,
      perApplicant: this._perApplicant,
      ...(this._appointment ? { excludeAppointmentId: this._appointment.id } : {}),
    };
  }

  #problem(): PlanProblem | null {
    const r = planTimes(this.#plan(), Date.now());
    return 'problem' in r ? r.problem : null;
  }

  /** The check's requests as a string: the task reruns exactly when they change. '' when nothing can be checked. */
  #checkKey(): string {
    if (this._phase !== 'ready') return '';
    const plan = this.#plan();
    const r = planTimes(plan, Date.now());
    return 'times' in r ? JSON.stringify(checkRequests(plan, r.times)) : '';
  }

  /**
   * Automatic checks update the table silently (it is `aria-busy` meanwhile), so they never talk over what the
   * recruiter just did ("Anna removed."); a check they asked for is announced.
   */
  #afterCheck(check: AvailabilityCheck, asked: boolean): void {
    const choices = choicesOf(check, this._mode);
    if (!choices.some((c) => c.key === this._choice)) this._choice = '';
    if (asked) this.#say(this.#t('checked'));
    this.dispatchEvent(new DvCheckLoadEvent({ check }));
  }

  #choiceInvalidated(): void {
    this._notice = undefined;
  }

  #recheck(): void {
    this.#forceCheck = true;
    void this.#check.run();
  }

  #setMode(mode: PlanMode): void {
    if (mode === this._mode) return;
    this._mode = mode;
    this._choice = '';
    // The spec's "Yes": pre-fill consecutive times from the (first) time and the duration — every time it is chosen.
    if (mode === 'individual') {
      const count = Math.max(2, this.applicants.length);
      this._perApplicant = backToBack(this._proposals[0] ?? { date: '', time: '' }, this._duration, count, this.#tz);
    }
  }

  #choose(choice: Choice, input: HTMLInputElement): void {
    if (!this.dispatchEvent(new DvCheckSelectEvent({ times: choice.times, source: choice.source, timeZone: this.#tz }))) {
      input.checked = false;
      this.requestUpdate();
      return;
    }
    this._choice = choice.key;
    this._notice = undefined;
    this.#attemptKey = randomKey();
  }

  /** Whether this element creates appointments (not when it shows an existing one). */
  #invites(): boolean {
    return this.allowInvite && !this._appointment;
  }

  #chosen(): Choice | undefined {
    const check = this.#check.value;
    return check ? choicesOf(check, this._mode).find((c) => c.key === this._choice) : undefined;
  }

  // ---- actions ------------------------------------------------------------------------------------------------

  #applicantsForInvite(): Applicant[] | null {
    if (this.applicants.length) return this.applicants;
    const name = this._applicantName.trim();
    const email = this._applicantEmail.trim();
    return name && EMAIL_RE.test(email) ? [{ name, email }] : null;
  }

  async #invite(anyway = false): Promise<void> {
    const choice = this.#chosen();
    if (!choice || this._busy) return;
    const applicants = this.#applicantsForInvite();
    if (!applicants) {
      this._applicantInvalid = true;
      this.#focusAfterUpdate = '#applicant-name';
      return;
    }
    this._applicantInvalid = false;
    if (anyway) this.#attemptKey = randomKey();
    const plan = this.#plan();
    const body: InviteInput = {
      title: this.appointmentTitle.trim() || this.#t('appointmentTitle'),
      participantIds: [...plan.participantIds],
      applicants,
      durationMinutes: plan.durationMinutes,
      timeZone: plan.timeZone,
      schedule:
        choice.times.length > 1 ? { mode: 'individual', starts: choice.times.map((t) => t.start) } : { mode: 'shared', start: choice.times[0]!.start },
      ...(this._online
        ? { online: true }
        : plan.locationId
          ? { locationId: plan.locationId }
          : !this._locations.length && this._locationText.trim()
            ? { locationText: this._locationText.trim() }
            : {}),
      ...(plan.roomId ? { roomId: plan.roomId } : {}),
      ...(this._private === undefined ? {} : { private: this._private }),
      ...(this._comment.trim() ? { comment: this._comment.trim() } : {}),
      ...(anyway ? { ignoreCalendarConflicts: true } : {}),
    };
    const signal = this.#restart();
    this._busy = 'invite';
    this.#say(this.#t('inviting'));
    try {
      const appointments = await this.#client().invite(body, { signal, idempotencyKey: this.#attemptKey });
      this._busy = '';
      this._invited = appointments;
      this._phase = 'invited';
      this.#focusAfterUpdate = '[part~="heading"]';
      this.#say(this.#t('invitedHeading'));
      this.dispatchEvent(new DvInvitedEvent({ appointments }));
    } catch (e) {
      this.#actionFailed('invite', e);
    }
  }

  async #move(anyway = false): Promise<void> {
    const a = this._appointment;
    const choice = this.#chosen();
    if (!a || !choice || this._busy) return;
    const plan = this.#plan();
    const currentMinutes = Math.round((Date.parse(a.end) - Date.parse(a.start)) / 60_000);
    const sameIds = plan.participantIds.length === a.participantIds.length && plan.participantIds.every((id) => a.participantIds.includes(id));
    const body: MoveInput = {
      start: choice.times[0]!.start,
      ...(plan.durationMinutes !== currentMinutes ? { durationMinutes: plan.durationMinutes } : {}),
      ...((plan.roomId ?? null) !== a.roomId ? { roomId: plan.roomId } : {}),
      ...(sameIds ? {} : { participantIds: [...plan.participantIds] }),
      ...(anyway ? { ignoreCalendarConflicts: true } : {}),
    };
    const signal = this.#restart();
    this._busy = 'move';
    this.#say(this.#t('moving'));
    try {
      const change = await this.#client().moveAppointment(a.id, body, { signal });
      this._busy = '';
      this._appointment = change.appointment;
      this._proposals = [instantToWall(change.appointment.start, this.#tz)];
      this._choice = '';
      const when = this.#when(change.appointment);
      this._notice = { key: change.applicantNotified ? 'moved' : 'movedRoomOnly', params: { when }, ok: true };
      this.#say(this.#t(this._notice.key, { when }));
      this.#focusAfterUpdate = '[part~="notice"]';
      this.dispatchEvent(new DvMovedEvent(change));
      void this.#loadReplies(false);
    } catch (e) {
      this.#actionFailed('move', e);
    }
  }

  async #cancel(): Promise<void> {
    const a = this._appointment;
    if (!a || this._busy) return;
    const signal = this.#restart();
    this._busy = 'cancel';
    this.#say(this.#t('cancelling'));
    try {
      const appointment = await this.#client().cancelAppointment(a.id, { signal });
      this._busy = '';
      this._appointment = appointment;
      this._phase = 'cancelled';
      this.#focusAfterUpdate = '[part~="heading"]';
      this.#say(this.#t('cancelledHeading'));
      this.dispatchEvent(new DvCancelledEvent({ appointment }));
    } catch (e) {
      this.#actionFailed('cancel', e);
    }
  }

  #actionFailed(operation: 'invite' | 'move' | 'cancel', e: unknown): void {
    if (isAbortError(e)) return;
    this._busy = '';
    const err = this.#emitError(operation, e);
    const f = this.#locale().f;
    let notice: NonNullable<typeof this._notice>;
    switch (err.code) {
      case 'slot_taken':
        notice = { key: 'slotTaken' };
        this._choice = '';
        this.#recheck();
        break;
      case 'slot_unavailable':
        notice = { key: 'slotUnavailable', ...(operation === 'cancel' ? {} : { anyway: operation }) };
        break;
      case 'participants_not_connected':
        notice = { key: 'needCalendars', params: { names: f.list(unconnectedUsers(err.details).map((u) => u.name)) } };
        break;
      case 'plus_required':
        notice = { key: 'plusRequired' };
        break;
      case 'integration_disabled':
        notice = { key: 'integrationDisabled' };
        break;
      case 'forbidden':
        notice = { key: 'forbidden' };
        break;
      default:
        notice = { key: 'actionFailed' };
    }
    this._notice = notice;
    this.#say(this.#t(notice.key, notice.params));
    this.#focusAfterUpdate = '[part~="notice"]';
  }

  #openConfirm(kind: 'move' | 'cancel'): void {
    if (kind === 'move' && !this.#chosen()) {
      this._notice = { key: 'noChoice' };
      return;
    }
    this._confirm = kind;
  }

  /** Escape (the dialog's own `cancel`) or any other close: nothing happens. */
  #onDialogClose = (): void => {
    this._confirm = '';
  };

  #confirmed(): void {
    const kind = this._confirm;
    this._confirm = '';
    if (kind === 'move') void this.#move();
    if (kind === 'cancel') void this.#cancel();
  }

  // ---- formatting ---------------------------------------------------------------------------------------------

  #when(i: Interval): string {
    const f = this.#locale().f;
    return this.#t('when', { date: f.dateOf(i.start), start: f.time(i.start), end: f.time(i.end) });
  }

  #applicantName(i: number): string {
    return this.applicants[i]?.name ?? `${this.#t('applicants')} ${i + 1}`;
  }

  #choiceLabel(c: Choice): string {
    if (c.times.length === 1) return this.#when(c.times[0]!);
    return c.times.map((t, i) => this.#t('whenApplicant', { name: this.#applicantName(i), when: this.#when(t) })).join('; ');
  }

  #stateText(r: CheckedResource | undefined): { text: string; detail: string; state: CheckedTime['state'] } {
    const state = r?.state ?? 'unknown';
    const detail = r?.state === 'busy' && r.busyBecause ? this.#t(BUSY_KEYS[r.busyBecause]) : r?.state === 'unknown' && r.reason ? this.#t(REASON_KEYS[r.reason]) : '';
    return { text: this.#t(state), detail, state };
  }

  // ---- rendering ----------------------------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const { f } = this.#locale();
    const t = this.#t;
    const title = this.appointment ? t('appointmentHeading') : t('heading');
    return html`<div part="base" class="base" lang=${f.locale} data-phase=${this._phase} aria-busy=${this._phase === 'loading' ? 'true' : 'false'}>
      <div class="sr-only" role="status">${this._announce}</div>
      ${this.#renderPhase(t, f, title)}
      ${this.#renderDialog(t)}
    </div>`;
  }

  #renderPhase(t: T, f: Formats, title: string): TemplateResult {
    const h = (text: string) => heading(headingLevel(this.headingLevel), text, 'heading', undefined, true);
    switch (this._phase) {
      case 'loading':
        return renderLoading(h(title), t('loading'));
      case 'error':
        return html`${h(title)}
          <p part="notice" class="notice danger">${t(this._loadError)}</p>
          <div class="actions">
            <button part="button button--primary" class="primary" @click=${() => this.#load()}>${t('retry')}</button>
          </div>`;
      case 'invited':
        return html`${h(t('invitedHeading'))}
          <p class="success">${t('invitedText')}</p>
          <ul part="summary" class="summary">
            ${this._invited.map((a) => html`<li>${f.list(a.applicants.map((x) => x.name))}: ${this.#when(a)}</li>`)}
          </ul>
          <div class="actions">
            <button part="button" @click=${() => {
              this._phase = 'ready';
              this._choice = '';
              this._notice = undefined;
              this.#attemptKey = randomKey();
              this.#focusAfterUpdate = '[part~="heading"]';
            }}>${t('planAnother')}</button>
          </div>`;
      case 'cancelled':
        return html`${h(t('cancelledHeading'))}
          <p>${t('cancelledText')}</p>
          ${this._appointment ? html`<p class="muted">${this.#when(this._appointment)}</p>` : nothing}`;
      case 'ready':
        return html`${h(title)} ${this._appointment ? this.#renderAppointment(t, f, this._appointment) : nothing}
          ${this.#renderPlan(t)} ${this.#renderResults(t, f)} ${this.allowInvite ? this.#renderActions(t) : nothing}`;
    }
  }

  #renderAppointment(t: T, f: Formats, a: AppointmentView): TemplateResult {
    const sub = headingLevel(this.headingLevel, 1);
    const replies = this._replies;
    return html`<section class="appointment" aria-labelledby="replies-title">
      <dl class="summary">
        <div><dt>${t('currentTime')}</dt><dd>${this.#when(a)} <span class="muted">(${f.zoneName()})</span></dd></div>
        ${a.applicants.length ? html`<div><dt>${t('appointmentApplicants')}</dt><dd>${f.list(a.applicants.map((x) => x.name))}</dd></div>` : nothing}
      </dl>
      <div class="section-head">
        ${heading(sub, t('replies'), 'section-title', 'replies-title')}
        <button part="button" aria-disabled=${this._repliesStatus === 'loading' ? 'true' : 'false'}
          @click=${() => this._repliesStatus !== 'loading' && void this.#loadReplies(true)}>${t('refreshReplies')}</button>
      </div>
      ${this._repliesStatus === 'error' && !replies ? html`<p class="danger">${t('repliesFailed')}</p>` : nothing}
      ${this._repliesStatus === 'loading' && !replies ? html`<p class="muted">${t('loading')}</p>` : nothing}
      ${replies
        ? html`${replies.source === 'stored' ? html`<p class="muted">${t('repliesStored')}</p>` : nothing}
            <ul part="replies" class="replies">
              ${replies.organizer.attends ? nothing : html`<li class="reply">${t('organizerAbsent', { name: replies.organizer.name })}</li>`}
              ${replies.attendees.map((r) => {
                const kind = r.kind === 'room' ? ` (${t('kindRoom')})` : r.kind === 'applicant' ? ` (${t('kindApplicant')})` : '';
                return html`<li part="reply reply--${r.status}" class="reply ${r.status}">
                  <span class="who">${r.name}${kind}</span>
                  <span class="reply-state"><span class="icon" aria-hidden="true">${REPLY_ICONS[r.status]}</span> ${t(REPLY_KEYS[r.status])}</span>
                </li>`;
              })}
            </ul>`
        : nothing}
    </section>`;
  }

  #renderPlan(t: T): TemplateResult {
    const sub = headingLevel(this.headingLevel, 1);
    const zone = this.#tz;
    const location = this._locations.find((l) => l.id === this._locationId);
    const rooms = location ? location.roomIds.map((id) => this._rooms.find((r) => r.id === id)).filter((r): r is RoomView => !!r) : [];
    const today = zonedToday(Date.now(), zone);
    const several = !this._appointment && this.applicants.length > 1;
    const mode = several ? this._mode : 'shared';
    const dateTime = (w: Wall, idBase: string, onChange: (w: Wall) => void) => html`
      <div class="field">
        <label for="${idBase}-date">${t('date')}</label>
        <input id="${idBase}-date" type="date" min=${today} .value=${live(w.date)}
          @change=${(e: Event) => onChange({ ...w, date: (e.target as HTMLInputElement).value })} />
      </div>
      <div class="field">
        <label for="${idBase}-time">${t('time')}</label>
        <input id="${idBase}-time" type="time" step="300" .value=${live(w.time)}
          @change=${(e: Event) => onChange({ ...w, time: (e.target as HTMLInputElement).value })} />
      </div>`;
    return html`<section part="plan" class="plan" aria-labelledby="plan-title">
      ${heading(sub, t('planHeading'), 'section-title', 'plan-title')}
      ${this.#picker.render()}
      <div class="fields">
        ${this._locations.length
          ? html`<div class="field">
              <label for="location">${t('location')}</label>
              <select id="location" @change=${(e: Event) => {
                const value = (e.target as HTMLSelectElement).value;
                this._online = value === 'online';
                this._locationId = this._online ? '' : value;
                this._roomId = '';
              }}>
                <option value="" ?selected=${!this._locationId && !this._online}>${t('noLocation')}</option>
                ${this.#invites()
                  ? html`<option value="online" ?selected=${this._online}>${t('online')}</option>`
                  : nothing}
                ${this._locations.map((l) => html`<option value=${l.id} ?selected=${l.id === this._locationId}>${l.name}</option>`)}
              </select>
            </div>`
          : nothing}
        ${rooms.length
          ? html`<div class="field">
              <label for="room">${t('room')}</label>
              <select id="room" @change=${(e: Event) => (this._roomId = (e.target as HTMLSelectElement).value)}>
                <option value="" ?selected=${!this._roomId}>${t('noRoom')}</option>
                ${rooms.map((r) => html`<option value=${r.id} ?selected=${r.id === this._roomId}>${r.name}</option>`)}
              </select>
            </div>`
          : nothing}
        <div class="field">
          <label for="duration">${t('duration')}</label>
          <input id="duration" type="number" min="5" max="480" step="5" inputmode="numeric" .value=${live(String(this._duration))}
            aria-invalid=${this.#problem() === 'badDuration' ? 'true' : 'false'}
            @input=${(e: Event) => (this._duration = Number((e.target as HTMLInputElement).value))} />
        </div>
      </div>
      ${renderZoneField({
        id: 'zone',
        t,
        zone,
        invalid: this._zoneInvalid,
        onChange: (z) => {
          this._zoneInvalid = !isListedZone(z);
          if (!this._zoneInvalid) this._zone = z;
        },
      })}
      ${several
        ? html`<fieldset part="mode" class="mode">
            <legend>${t('applicantsMode')}</legend>
            ${(['shared', 'individual'] as const).map(
              (m) => html`<label class="check"><input type="radio" name="mode" value=${m} .checked=${live(mode === m)}
                @change=${() => this.#setMode(m)} />${t(m === 'shared' ? 'modeShared' : 'modeIndividual')}</label>`,
            )}
            <p class="muted hint">${t('modeHint')}</p>
          </fieldset>`
        : nothing}
      ${mode === 'individual'
        ? html`<fieldset class="times">
            <legend>${t('applicantTimes')}</legend>
            ${this._perApplicant.map((w, i) => {
              const start = wallToInstant(w, zone);
              const end = start && this._duration > 0 ? this.#locale().f.time(addMinutes(start, this._duration)) : '';
              return html`<div part="proposal" class="proposal" role="group" aria-labelledby="applicant-${i}-label">
                <span id="applicant-${i}-label" class="label">${this.#applicantName(i)}</span>
                ${dateTime(w, `applicant-${i}`, (next) => (this._perApplicant = this._perApplicant.map((x, j) => (j === i ? next : x))))}
                ${end ? html`<span class="muted until">${t('until', { time: end })}</span>` : nothing}
              </div>`;
            })}
          </fieldset>`
        : html`<fieldset class="times">
            <legend>${t('proposedTimes')}</legend>
            ${this._proposals.map(
              (w, i) => html`<div part="proposal" class="proposal" role="group" aria-labelledby="proposal-${i}-label">
                <span id="proposal-${i}-label" class="label">${t('timeN', { n: i + 1 })}</span>
                ${dateTime(w, `proposal-${i}`, (next) => (this._proposals = this._proposals.map((x, j) => (j === i ? next : x))))}
                ${this._proposals.length > 1 && !this._appointment
                  ? html`<button part="button" class="remove" type="button" @click=${() => {
                      this._proposals = this._proposals.filter((_, j) => j !== i);
                      this.#focusAfterUpdate = '#add-time';
                    }}>${t('removeTime', { n: i + 1 })}</button>`
                  : nothing}
              </div>`,
            )}
            ${this._appointment
              ? nothing
              : html`<button id="add-time" part="button" type="button" @click=${() => {
                  const last = this._proposals[this._proposals.length - 1] ?? { date: zonedToday(Date.now(), zone, 1), time: '10:00' };
                  this._proposals = [...this._proposals, { ...last }];
                  this.#focusAfterUpdate = `#proposal-${this._proposals.length - 1}-date`;
                }}>${t('addTime')}</button>`}
          </fieldset>`}
    </section>`;
  }

  #renderResults(t: T, f: Formats): TemplateResult {
    const sub = headingLevel(this.headingLevel, 1);
    const problem = this.#problem();
    const status = this.#check.status;
    const pending = status === TaskStatus.PENDING;
    const check = problem ? null : this.#check.value;
    return html`<section part="results" class="results" aria-labelledby="results-title" aria-busy=${pending ? 'true' : 'false'}>
      <div class="section-head">
        ${heading(sub, t('resultsHeading'), 'section-title', 'results-title')}
        ${problem ? nothing : html`<button part="button" @click=${() => this.#recheck()}>${t('check')}</button>`}
      </div>
      ${problem
        ? html`<p class="muted empty">${t(PROBLEM_KEYS[problem])}</p>`
        : pending && !check
          ? html`<p class="muted">${t('checking')}</p>`
          : status === TaskStatus.ERROR
            ? html`<p part="notice" class="notice danger">${t('checkFailed')}</p>
                <div class="actions"><button part="button" @click=${() => this.#recheck()}>${t('retry')}</button></div>`
            : check
              ? html`${pending ? html`<p class="muted">${t('checking')}</p>` : nothing} ${this.#renderTable(t, f, check)}
                  ${this.#renderChoices(t, check)}`
              : nothing}
    </section>`;
  }

  #renderTable(t: T, f: Formats, check: AvailabilityCheck): TemplateResult {
    const rows = tableRows(check.times);
    const individual = this._mode === 'individual' && check.times.length > 1 && !this._appointment;
    const unverified = check.unverifiedParticipantIds.map((id) => this.#picker.selected.find((u) => u.id === id)?.name ?? id);
    const cell = (r: CheckedResource | undefined) => {
      const s = this.#stateText(r);
      return html`<td><span part="state state--${s.state}" class="state ${s.state}"><span class="icon" aria-hidden="true">${ICONS[s.state]}</span>
        ${s.text}</span> ${s.detail ? html`<span class="detail">${s.detail}</span>` : nothing}</td>`;
    };
    return html`<div class="table-wrap" role="region" aria-labelledby="table-caption" tabindex="0">
        <table part="table">
          <caption id="table-caption">${t('tableCaption')} <span class="muted">(${f.zoneName()})</span></caption>
          <thead>
            <tr>
              <th scope="col">${t('participantColumn')}</th>
              ${check.times.map(
                (time, i) => html`<th scope="col">
                  ${individual ? html`<span class="col-name">${this.#applicantName(i)}</span>` : nothing}
                  <span>${f.dateOf(time.start)}</span>
                  <span>${t('timeRange', { start: f.time(time.start), end: f.time(time.end) })}</span>
                </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${rows.map(
              (row) => html`<tr>
                <th scope="row">${row.kind === 'room' ? t('roomName', { name: row.name }) : row.name}</th>
                ${row.cells.map(cell)}
              </tr>`,
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">${t('everyone')}</th>
              ${check.times.map((time) => cell({ id: '', name: '', state: time.state }))}
            </tr>
          </tfoot>
        </table>
      </div>
      ${unverified.length ? html`<p class="muted">${t('unverified', { names: f.list(unverified) })}</p>` : nothing}`;
  }

  #renderChoices(t: T, check: AvailabilityCheck): TemplateResult {
    const choices = choicesOf(check, this._mode);
    const proposals = choices.filter((c) => c.source === 'proposal');
    const suggestions = choices.filter((c) => c.source === 'suggestion');
    const stateKey = { free: 'stateFree', busy: 'stateBusy', unknown: 'stateUnknown' } as const;
    const proposalState = (c: Choice) => overallState(check.times.filter((x) => c.times.some((y) => y.start === x.start)));
    const radio = (c: Choice, extra = '') => html`<label part=${c.source === 'suggestion' ? 'choice choice--suggestion' : 'choice'} class="check choice">
      <input type="radio" name="choice" value=${c.key} .checked=${live(c.key === this._choice)}
        @change=${(e: Event) => this.#choose(c, e.target as HTMLInputElement)} />
      <span>${this.#choiceLabel(c)}${extra ? html`<span class="muted"> — ${extra}</span>` : nothing}</span>
    </label>`;
    return html`<fieldset part="choices" class="choices">
      <legend>${t('chooseHeading')}</legend>
      <fieldset class="group">
        <legend>${t('proposedGroup')}</legend>
        ${proposals.map((c) => radio(c, t(stateKey[proposalState(c)])))}
      </fieldset>
      <fieldset class="group">
        <legend>${t('suggestionsGroup')}</legend>
        ${suggestions.length ? suggestions.map((c) => radio(c)) : html`<p class="muted">${t('noSuggestions')}</p>`}
      </fieldset>
    </fieldset>`;
  }

  #renderActions(t: T): TemplateResult {
    const sub = headingLevel(this.headingLevel, 1);
    const a = this._appointment;
    const chosen = this.#chosen();
    const notice = this._notice;
    const busy = this._busy;
    const button = (label: string, onClick: () => void, kind: '' | 'primary' | 'danger' = '') =>
      html`<button part=${kind ? `button button--${kind}` : 'button'} class=${kind === 'primary' ? 'primary' : kind === 'danger' ? 'destructive' : ''}
        aria-disabled=${busy ? 'true' : 'false'} @click=${() => !busy && onClick()}>${label}</button>`;
    return html`<section part="actions" class="actions-section" aria-labelledby="actions-title">
      ${heading(sub, t(a ? 'changeHeading' : 'inviteHeading'), 'section-title', 'actions-title')}
      ${!a && !this.applicants.length
        ? html`<div class="fields">
            <div class="field">
              <label for="applicant-name">${t('applicantName')}</label>
              <input id="applicant-name" type="text" autocomplete="off" .value=${live(this._applicantName)}
                aria-invalid=${this._applicantInvalid && !this._applicantName.trim() ? 'true' : 'false'}
                aria-describedby=${this._applicantInvalid ? 'applicant-error' : nothing}
                @input=${(e: Event) => (this._applicantName = (e.target as HTMLInputElement).value)} />
            </div>
            <div class="field">
              <label for="applicant-email">${t('applicantEmail')}</label>
              <input id="applicant-email" type="email" autocomplete="off" .value=${live(this._applicantEmail)}
                aria-invalid=${this._applicantInvalid && !EMAIL_RE.test(this._applicantEmail.trim()) ? 'true' : 'false'}
                aria-describedby=${this._applicantInvalid ? 'applicant-error' : nothing}
                @input=${(e: Event) => (this._applicantEmail = (e.target as HTMLInputElement).value)} />
            </div>
          </div>
          ${this._applicantInvalid ? html`<p id="applicant-error" class="danger">${t('applicantMissing')}</p>` : nothing}`
        : !a
          ? html`<p>${t('applicants')}: ${this.#locale().f.list(this.applicants.map((x) => x.name))}</p>`
          : nothing}
      ${a ? nothing : this.#renderInviteOptions(t)}
      <p class=${chosen ? '' : 'muted'}>${chosen ? t('chosen', { when: this.#choiceLabel(chosen) }) : t('noChoice')}</p>
      ${notice
        ? html`<p part="notice" class=${notice.ok ? 'notice ok' : 'notice danger'} tabindex="-1">${t(notice.key, notice.params)}</p>`
        : nothing}
      <div class="actions">
        ${a
          ? html`${chosen ? button(busy === 'move' ? t('moving') : t('move'), () => this.#openConfirm('move'), 'primary') : nothing}
              ${notice?.anyway === 'move' ? button(t('moveAnyway'), () => void this.#move(true)) : nothing}
              ${button(busy === 'cancel' ? t('cancelling') : t('cancel'), () => this.#openConfirm('cancel'), 'danger')}`
          : html`${button(busy === 'invite' ? t('inviting') : t('invite'), () => (chosen ? void this.#invite() : (this._notice = { key: 'noChoice' })), 'primary')}
              ${notice?.anyway === 'invite' ? button(t('inviteAnyway'), () => void this.#invite(true)) : nothing}`}
      </div>
    </section>`;
  }

  /** Online or a free-text place (only without the organization's locations: those are chosen above), private, note. */
  #renderInviteOptions(t: T): TemplateResult {
    const check = (id: string, label: string, checked: boolean, onChange: (on: boolean) => void, hint = '') =>
      html`<div class="field">
        <label class="check" for=${id}><input id=${id} type="checkbox" .checked=${live(checked)} aria-describedby=${hint ? `${id}-hint` : nothing}
          @change=${(e: Event) => onChange((e.target as HTMLInputElement).checked)} />${label}</label>
        ${hint ? html`<p id="${id}-hint" class="muted hint">${hint}</p>` : nothing}
      </div>`;
    return html`${this._locations.length
        ? nothing
        : html`${check('online', t('online'), this._online, (on) => (this._online = on))}
          ${this._online
            ? nothing
            : html`<div class="field">
                <label for="location-text">${t('locationText')}</label>
                <input id="location-text" type="text" maxlength="500" autocomplete="off" .value=${live(this._locationText)}
                  @input=${(e: Event) => (this._locationText = (e.target as HTMLInputElement).value)} />
              </div>`}`}
      ${check('private', t('private'), this._private ?? this._orgPrivate, (on) => (this._private = on), t('privateHint'))}
      <div class="field">
        <label for="comment">${t('comment')}</label>
        <textarea id="comment" maxlength="2000" rows="3" aria-describedby="comment-hint" .value=${live(this._comment)}
          @input=${(e: Event) => (this._comment = (e.target as HTMLTextAreaElement).value)}></textarea>
        <p id="comment-hint" class="muted hint">${t('commentHint')}</p>
      </div>`;
  }

  #renderDialog(t: T): TemplateResult {
    const kind = this._confirm;
    const chosen = this.#chosen();
    const a = this._appointment;
    const text =
      kind === 'move' && chosen ? t('moveText', { when: this.#choiceLabel(chosen) }) : kind === 'cancel' && a ? t('cancelText', { when: this.#when(a) }) : '';
    return html`<dialog part="dialog" aria-labelledby="dialog-title" aria-describedby="dialog-text" @close=${this.#onDialogClose}>
      ${kind
        ? html`<h2 id="dialog-title" class="dialog-title">${t(kind === 'move' ? 'moveTitle' : 'cancelTitle')}</h2>
            <p id="dialog-text">${text}</p>
            <div class="actions">
              <button part="button button--${kind === 'cancel' ? 'danger' : 'primary'}" class=${kind === 'cancel' ? 'destructive' : 'primary'}
                @click=${() => this.#confirmed()}>${t(kind === 'move' ? 'confirmMove' : 'confirmCancel')}</button>
              <button part="button" autofocus @click=${() => (this._confirm = '')}>${t(kind === 'move' ? 'back' : 'keep')}</button>
            </div>`
        : nothing}
    </dialog>`;
  }
}
