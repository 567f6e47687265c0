/**
 * Pieces the recruiter elements `<dv-availability-check>` and `<dv-booking-request>` share: the zone rule of their
 * configuration (own attribute wins over `<dv-calendar-context>`), the participant picker (an editable combobox
 * over the organization's users with removable chips, driven by `ComboboxController` and owned by the
 * `ParticipantPicker` controller), the searchable time-zone field, the loading placeholder, the participant-list
 * attribute, a cancellable delay for debouncing, and the styles of these parts. Their strings live in
 * `i18n/common.ts`; api, tokens and language resolve through `shared/settings.ts` like every other element's.
 *
 * Invariants: no strings of its own — every template takes the caller's translator, whose catalog has the
 * `PickerKey` entries; no inline styles (strict CSP).
 */
import { css, html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { isAbortError } from '../../client/api-error.js';
import type { LookupClient } from '../../client/scheduling-client.js';
import type { UserView } from '../../shared/api/users.js';
import type { CalendarConfig } from '../context.js';
import { ComboboxController } from '../controllers/combobox.js';
import { browserZone, isZone, type Params } from '../i18n/index.js';
import { formControls, surface, tones } from '../shared/controls.styles.js';

// ---- configuration --------------------------------------------------------------------------------------------

/** The element's zone: its own `time-zone`, else the context's, else `fallback` (e.g. an appointment's), else the browser's. */
export function zoneOf(own: string, context: CalendarConfig | undefined, fallback?: string): string {
  for (const z of [own, context?.timeZone, fallback]) if (z && isZone(z)) return z;
  return browserZone();
}

/** `participants="anna ben"` or `"anna,ben"` ↔ `['anna', 'ben']`. */
export const idList = {
  fromAttribute: (v: string | null): string[] => (v ?? '').split(/[\s,]+/).filter(Boolean),
  toAttribute: (v: string[]): string => v.join(' '),
};

/** Plausible e-mail addresses only; the server validates for real. */
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The loading state: the heading stays, a hidden placeholder keeps the layout, the text is for screen readers. */
export function renderLoading(headingTemplate: TemplateResult, text: string): TemplateResult {
  return html`${headingTemplate}
    <p class="sr-only">${text}</p>
    <div part="skeleton" class="skeleton" aria-hidden="true">
      <span class="bar"></span><span class="bar short"></span><span class="bar"></span><span class="bar short"></span>
    </div>`;
}

/** Resolves after `ms`, or rejects with an AbortError as soon as `signal` aborts (the debounce of a stale run). */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const timer = setTimeout(resolve, Math.max(0, ms));
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    }, { once: true });
  });
}

// ---- participant picker ---------------------------------------------------------------------------------------

/** Catalog keys the shared templates use; both elements' catalogs provide them. */
export type PickerKey =
  | 'participants'
  | 'addParticipant'
  | 'selectedParticipants'
  | 'removeParticipant'
  | 'participantAdded'
  | 'participantRemoved'
  | 'searching'
  | 'noUsers'
  | 'usersFailed'
  | 'notConnected'
  | 'connectionFailed'
  | 'integrationOff'
  | 'timeZone'
  | 'zoneUnknown';

export type PickerT = (key: PickerKey, params?: Params) => string;

export type PickerUser = Pick<UserView, 'id' | 'name' | 'email' | 'connectionStatus' | 'integrationActive'>;

/** Why a user's calendar cannot be read, or null when it can. */
export function calendarProblem(u: PickerUser): 'notConnected' | 'connectionFailed' | 'integrationOff' | null {
  if (!u.integrationActive) return 'integrationOff';
  if (u.connectionStatus === 'failed') return 'connectionFailed';
  if (u.connectionStatus === 'not_connected') return 'notConnected';
  return null;
}

/** The chosen user for `id` from `users`, or a stand-in that shows the id when the directory does not know it. */
export function pickerUser(id: string, users: readonly PickerUser[]): PickerUser {
  return users.find((u) => u.id === id) ?? { id, name: id, email: '', connectionStatus: 'connected_individual', integrationActive: true };
}

type PickerStatus = 'idle' | 'loading' | 'done' | 'error';

export interface ParticipantPickerConfig {
  /** Id prefix, unique in the shadow root. */
  id: string;
  client: () => LookupClient;
  t: () => PickerT;
  /** Milliseconds between the last keystroke and the search request. */
  searchDelay: () => number;
  /** A search failed (not aborted): the host reports it as a `dv-error` of operation `users`. */
  onError: (e: unknown) => void;
  /** Something for the host's live region ("Anna added."). */
  announce: (text: string) => void;
  /** The chosen participants changed through the picker. */
  onChange?: () => void;
}

/**
 * The participant picker's state and behaviour: the chosen users (chips), the search text, the matching users of
 * the last search (debounced, each keystroke aborting the previous request) and the combobox over them. Removing a
 * chip moves the focus back to the search field, since the chip's button is gone.
 */
export class ParticipantPicker implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #config: ParticipantPickerConfig;
  #selected: PickerUser[] = [];
  #query = '';
  #options: PickerUser[] = [];
  #status: PickerStatus = 'idle';
  #abort?: AbortController;
  #refocus = false;
  #combobox: ComboboxController<PickerUser>;

  constructor(host: ReactiveControllerHost & HTMLElement, config: ParticipantPickerConfig) {
    this.#host = host;
    this.#config = config;
    host.addController(this);
    this.#combobox = new ComboboxController<PickerUser>(host, {
      idPrefix: config.id,
      items: () => this.#options,
      onSelect: (u) => this.#add(u),
      onOpenChange: (open) => {
        if (open && this.#status === 'idle') void this.#search(this.#query, 0);
      },
    });
  }

  /** The chosen participants, in the order they were chosen. */
  get selected(): readonly PickerUser[] {
    return this.#selected;
  }

  set selected(users: readonly PickerUser[]) {
    this.#selected = [...users];
    this.#host.requestUpdate();
  }

  hostUpdated(): void {
    if (!this.#refocus) return;
    this.#refocus = false;
    (this.#host.shadowRoot?.getElementById(`${this.#config.id}-input`) as HTMLElement | null)?.focus();
  }

  hostDisconnected(): void {
    this.#abort?.abort();
  }

  async #search(query: string, wait = this.#config.searchDelay()): Promise<void> {
    this.#abort?.abort();
    const ctrl = new AbortController();
    this.#abort = ctrl;
    this.#setStatus('loading');
    try {
      await delay(wait, ctrl.signal);
      const users = await this.#config.client().listUsers(query.trim() || undefined, { signal: ctrl.signal });
      const chosen = new Set(this.#selected.map((u) => u.id));
      this.#options = users.filter((u) => !chosen.has(u.id));
      this.#setStatus('done');
    } catch (e) {
      if (isAbortError(e)) return;
      this.#config.onError(e);
      this.#options = [];
      this.#setStatus('error');
    }
  }

  #setStatus(status: PickerStatus): void {
    this.#status = status;
    this.#host.requestUpdate();
  }

  #add(u: PickerUser): void {
    this.#selected = [...this.#selected, u];
    this.#options = this.#options.filter((o) => o.id !== u.id);
    this.#query = '';
    this.#changed('participantAdded', u);
  }

  #remove(u: PickerUser): void {
    this.#selected = this.#selected.filter((s) => s.id !== u.id);
    this.#status = 'idle';
    this.#refocus = true;
    this.#changed('participantRemoved', u);
  }

  #changed(key: 'participantAdded' | 'participantRemoved', u: PickerUser): void {
    this.#host.requestUpdate();
    this.#config.onChange?.();
    this.#config.announce(this.#config.t()(key, { name: u.name }));
  }

  /** The picker; `invalid` is the error message to show under it (and to describe the field with). */
  render(invalid?: string): TemplateResult {
    const { id } = this.#config;
    const t = this.#config.t();
    const cb = this.#combobox;
    const options = this.#options;
    const status = this.#status;
    const problem = (u: PickerUser) => {
      const p = calendarProblem(u);
      return p ? t(p) : '';
    };
    const showList = cb.open && options.length > 0;
    const message = cb.open ? (status === 'loading' ? t('searching') : status === 'error' ? t('usersFailed') : status === 'done' && !options.length ? t('noUsers') : '') : '';
    return html`<div part="participants" class="picker" role="group" aria-labelledby="${id}-label"
      @focusout=${(e: FocusEvent) => cb.handleFocusOut(e, e.currentTarget as Element)}>
      <span id="${id}-label" class="label">${t('participants')}</span>
      ${this.#selected.length
        ? html`<ul part="chips" class="chips" aria-label=${t('selectedParticipants')}>
            ${this.#selected.map(
              (u) => html`<li part="chip" class=${problem(u) ? 'chip warn' : 'chip'}>
                <span>${u.name}${problem(u) ? html` <span class="chip-note">(${problem(u)})</span>` : nothing}</span>
                <button type="button" part="chip-remove" class="chip-remove" aria-label=${t('removeParticipant', { name: u.name })}
                  @click=${() => this.#remove(u)}><span aria-hidden="true">×</span></button>
              </li>`,
            )}
          </ul>`
        : nothing}
      <div class="combo">
        <input id="${id}-input" part="combobox" type="text" role="combobox" autocomplete="off" spellcheck="false"
          aria-label=${t('addParticipant')} aria-autocomplete="list" aria-expanded=${showList ? 'true' : 'false'}
          aria-controls="${id}-listbox" aria-activedescendant=${cb.activeDescendant ?? nothing}
          aria-invalid=${invalid ? 'true' : nothing} aria-describedby=${invalid ? `${id}-error` : nothing}
          .value=${live(this.#query)}
          @input=${(e: Event) => {
            this.#query = (e.target as HTMLInputElement).value;
            void this.#search(this.#query);
            cb.handleInput();
          }}
          @keydown=${(e: KeyboardEvent) => cb.handleKeydown(e)}
          @click=${() => cb.setOpen(true)} />
        <div id="${id}-listbox" part="listbox" class="listbox" role="listbox" aria-labelledby="${id}-label" ?hidden=${!showList}>
          ${showList
            ? options.map(
                (u, i) => html`<div role="option" id=${cb.optionId(i)} part=${i === cb.active ? 'option option--active' : 'option'}
                  class=${i === cb.active ? 'option active' : 'option'} aria-selected=${i === cb.active ? 'true' : 'false'}
                  @mousedown=${(e: Event) => e.preventDefault()} @click=${() => cb.pick(i)}>
                  <span>${u.name}</span> <span class="muted">${u.email}${problem(u) ? ` · ${problem(u)}` : ''}</span>
                </div>`,
              )
            : nothing}
        </div>
      </div>
      <p class="muted picker-status" role="status">${message}</p>
      ${invalid ? html`<p id="${id}-error" class="danger">${invalid}</p>` : nothing}
    </div>`;
  }
}

// ---- time-zone field ------------------------------------------------------------------------------------------

let zoneList: string[] | undefined;
/** Every IANA zone this browser knows, plus UTC (which `supportedValuesOf` leaves out). */
export function zones(): string[] {
  zoneList ??= [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])];
  return zoneList;
}

export function renderZoneField(o: { id: string; t: PickerT; zone: string; invalid: boolean; onChange: (zone: string) => void }): TemplateResult {
  return html`<div class="field zone-field">
    <label for=${o.id}>${o.t('timeZone')}</label>
    <input id=${o.id} part="zone" type="text" list="${o.id}-list" autocomplete="off" spellcheck="false" .value=${live(o.zone)}
      aria-invalid=${o.invalid ? 'true' : nothing} aria-describedby=${o.invalid ? `${o.id}-error` : nothing}
      @change=${(e: Event) => o.onChange((e.target as HTMLInputElement).value.trim())} />
    <datalist id="${o.id}-list">${zones().map((z) => html`<option value=${z}></option>`)}</datalist>
    ${o.invalid ? html`<p id="${o.id}-error" class="danger">${o.t('zoneUnknown')}</p>` : nothing}
  </div>`;
}

/** Whether `zone` is one of the listed IANA zones (not merely accepted by Intl, which also takes offsets). */
export const isListedZone = (zone: string): boolean => zones().includes(zone);

// ---- styles ---------------------------------------------------------------------------------------------------

/**
 * The look the two elements share: the surface, tones, buttons and notices of every form-like element, then
 * their own form controls, the participant picker, the summary list, state icons, the dialog and the loading placeholder.
 */
export const formStyles = [
  surface,
  tones,
  formControls,
  css`
  .base {
    container-type: inline-size;
  }
  :is(h2, h3, h4, h5, h6),
  p,
  dl,
  ul {
    margin: 0 0 calc(var(--_space) * 0.75);
  }
  [part~='heading'] {
    font-size: 1.375rem;
    line-height: 1.3;
  }
  [part~='section-title'] {
    font-size: 1.0625rem;
  }
  [part~='heading']:focus {
    outline: none;
  }
  [part~='heading']:focus-visible {
    outline: 3px solid var(--_focus);
  }
  section {
    margin-block-end: calc(var(--_space) * 1.25);
  }
  .notice {
    border-inline-start-color: var(--_danger);
  }
  .notice.ok {
    border-inline-start-color: var(--_success);
  }
  label,
  legend,
  .label {
    display: block;
    font-weight: 600;
    margin-block-end: 0.25rem;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    margin: 0 0 var(--_space);
    padding: 0.5rem 0.75rem 0.75rem;
    min-inline-size: 0;
  }
  .field {
    margin-block-end: var(--_space);
  }
  .fields {
    display: flex;
    flex-wrap: wrap;
    gap: 0 var(--_space);
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    min-block-size: var(--_target);
    max-inline-size: 100%;
    box-sizing: border-box;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding-inline: 0.5rem;
  }
  input[type='text'],
  input[type='email'],
  input[type='url'],
  textarea {
    inline-size: min(100%, 22rem);
  }
  input[type='radio'],
  input[type='checkbox'] {
    min-block-size: 24px;
    min-inline-size: 24px;
    margin: 0;
    accent-color: var(--_primary);
  }
  .check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    font-weight: normal;
    min-block-size: var(--_target);
    margin: 0;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
    border-width: 2px;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.375rem;
    box-sizing: border-box;
  }
  .destructive {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
    margin-block: var(--_space);
  }
  .picker {
    margin-block-end: var(--_space);
  }
  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    list-style: none;
    padding: 0;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 0.25rem;
    padding-inline-start: 0.75rem;
    border: 1px solid var(--_border);
    border-radius: 999px;
    background: var(--_surface-alt);
  }
  .chip.warn {
    border-color: var(--_danger);
  }
  .chip-note {
    color: var(--_danger);
  }
  .chip-remove {
    border: none;
    background: transparent;
    border-radius: 999px;
    padding: 0;
  }
  .combo {
    position: relative;
    inline-size: min(100%, 22rem);
  }
  .combo input {
    inline-size: 100%;
  }
  .listbox {
    position: absolute;
    inset-inline: 0;
    inset-block-start: 100%;
    z-index: 1;
    max-block-size: 16rem;
    overflow-y: auto;
    margin: 0;
    padding: 0.25rem 0;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.15);
  }
  .listbox[hidden] {
    display: none;
  }
  .option {
    display: flex;
    flex-direction: column;
    padding: 0.375rem 0.75rem;
    min-block-size: 24px;
    cursor: pointer;
  }
  .option.active {
    background: var(--_surface-alt);
    outline: 2px solid var(--_focus);
    outline-offset: -2px;
  }
  .picker-status:empty {
    display: none;
  }
  dialog {
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: var(--_space);
    max-inline-size: min(32rem, calc(100vw - 2rem));
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  .skeleton {
    display: grid;
    gap: 0.75rem;
  }
  .bar {
    display: block;
    block-size: 1.25rem;
    border-radius: var(--_radius);
    background: var(--_surface-alt);
  }
  .bar.short {
    inline-size: 40%;
  }
  .summary div {
    display: flex;
    flex-wrap: wrap;
    gap: 0 0.5rem;
  }
  dt {
    font-weight: 600;
  }
  dt::after {
    content: ':';
  }
  dd {
    margin: 0;
  }
  .icon {
    display: inline-grid;
    place-items: center;
    flex: none;
    inline-size: 1.25rem;
    block-size: 1.25rem;
    border-radius: 999px;
    border: 1px solid currentColor;
    font-size: 0.8125rem;
    line-height: 1;
  }
  .dialog-title {
    font-size: 1.25rem;
    margin-block-start: 0;
  }
  @media (forced-colors: active) {
    .option.active {
      outline-color: Highlight;
    }
    .chip,
    .bar {
      border: 1px solid CanvasText;
    }
  }
`,
];
