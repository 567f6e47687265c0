/**
 * Pieces the recruiter elements `<dv-availability-check>` and `<dv-booking-request>` share: resolving their
 * configuration (own attributes win over `<dv-calendar-context>`), the participant picker (an editable combobox
 * over the organization's users with removable chips, driven by `ComboboxController`), the searchable time-zone
 * field, heading levels, the loading placeholder, the participant-list attribute, a cancellable delay for
 * debouncing, and the styles of these parts. Their strings live in `i18n/common.ts`.
 *
 * Invariants: no strings of its own — every template takes the caller's translator, whose catalog has the
 * `PickerKey` entries; no inline styles (strict CSP). The client is rebuilt only when api, token source or fetch
 * change, so a token refreshed by the context is shared instead of re-requested.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { createHttp, type Http } from '../../client/http.js';
import { createTokenSource, type TokenSource } from '../../client/token-source.js';
import type { UserView } from '../../shared/api/users.js';
import type { CalendarConfig } from '../context.js';
import type { ComboboxController } from '../controllers/combobox.js';
import { browserZone, isZone, resolveLocale, type Lang, type Locale, type Params } from '../i18n/index.js';

// ---- configuration --------------------------------------------------------------------------------------------

/** The element's language: its own `lang`, else the context's, else the page's and browser's (see resolveLocale). */
export function localeOf(el: Element, context: CalendarConfig | undefined): Locale {
  const tag = el.getAttribute('lang') || context?.lang || '';
  const lang = tag.toLowerCase().split('-')[0];
  if (lang === 'de' || lang === 'en') return { lang: lang as Lang, locale: tag.includes('-') ? tag : lang === 'en' ? 'en-GB' : 'de-DE' };
  return resolveLocale(el);
}

/** The element's zone: its own `time-zone`, else the context's, else `fallback` (e.g. an appointment's), else the browser's. */
export function zoneOf(own: string, context: CalendarConfig | undefined, fallback?: string): string {
  for (const z of [own, context?.timeZone, fallback]) if (z && isZone(z)) return z;
  return browserZone();
}

/**
 * Builds an element's client (`make`: the endpoint groups it calls over one HTTP core) from own attributes and the
 * context, and keeps it while they stay the same.
 */
export class ClientCache<C> {
  #make: (http: Http) => C;
  #own?: { token: string; source: TokenSource };
  #last?: { api: string; tokens: TokenSource | undefined; fetch: typeof fetch | undefined; client: C };

  constructor(make: (http: Http) => C) {
    this.#make = make;
  }

  get(own: { api: string; token: string; fetch: typeof fetch | undefined }, context: CalendarConfig | undefined): C {
    let tokens: TokenSource | undefined;
    if (own.token) {
      if (this.#own?.token !== own.token) this.#own = { token: own.token, source: createTokenSource({ token: own.token }) };
      tokens = this.#own.source;
    } else {
      tokens = context?.tokens ?? undefined;
    }
    const api = own.api || context?.api || '';
    const fetchFn = own.fetch ?? context?.fetch;
    const l = this.#last;
    if (l && l.api === api && l.tokens === tokens && l.fetch === fetchFn) return l.client;
    const client = this.#make(createHttp({ api, ...(tokens ? { tokens } : {}), ...(fetchFn ? { fetch: fetchFn } : {}) }));
    this.#last = { api, tokens, fetch: fetchFn, client };
    return client;
  }
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

/** Heading level clamped to 2–6 (default 2) plus `sub`, at most 6. */
export function level(n: number, sub = 0): number {
  return Math.min(6, (Number.isInteger(n) && n >= 2 && n <= 6 ? n : 2) + sub);
}

/**
 * A heading of a computed level (Lit cannot bind tag names; `lit/static-html.js` costs more than these lines).
 * Headings that take focus programmatically get `tabindex="-1"`.
 */
export function heading(lvl: number, text: string, part: string, focusable = false): TemplateResult {
  const tab = focusable ? -1 : nothing;
  switch (lvl) {
    case 3:
      return html`<h3 part=${part} tabindex=${tab}>${text}</h3>`;
    case 4:
      return html`<h4 part=${part} tabindex=${tab}>${text}</h4>`;
    case 5:
      return html`<h5 part=${part} tabindex=${tab}>${text}</h5>`;
    case 6:
      return html`<h6 part=${part} tabindex=${tab}>${text}</h6>`;
    default:
      return html`<h2 part=${part} tabindex=${tab}>${text}</h2>`;
  }
}

// ---- participant picker ---------------------------------------------------------------------------------------

/** Catalog keys the shared templates use; both elements' catalogs provide them. */
export type PickerKey =
  | 'participants'
  | 'addParticipant'
  | 'selectedParticipants'
  | 'removeParticipant'
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

export interface PickerView {
  /** Id prefix, unique in the shadow root. */
  id: string;
  t: PickerT;
  selected: readonly PickerUser[];
  options: readonly PickerUser[];
  query: string;
  status: 'idle' | 'loading' | 'done' | 'error';
  combobox: ComboboxController<PickerUser>;
  invalid?: string;
  onInput: (query: string) => void;
  onRemove: (user: PickerUser) => void;
}

export function renderParticipantPicker(v: PickerView): TemplateResult {
  const { t, combobox: cb } = v;
  const problem = (u: PickerUser) => {
    const p = calendarProblem(u);
    return p ? t(p) : '';
  };
  const showList = cb.open && v.options.length > 0;
  const message = cb.open ? (v.status === 'loading' ? t('searching') : v.status === 'error' ? t('usersFailed') : v.status === 'done' && !v.options.length ? t('noUsers') : '') : '';
  return html`<div part="participants" class="picker" role="group" aria-labelledby="${v.id}-label"
    @focusout=${(e: FocusEvent) => cb.handleFocusOut(e, e.currentTarget as Element)}>
    <span id="${v.id}-label" class="label">${t('participants')}</span>
    ${v.selected.length
      ? html`<ul part="chips" class="chips" aria-label=${t('selectedParticipants')}>
          ${v.selected.map(
            (u) => html`<li part="chip" class=${problem(u) ? 'chip warn' : 'chip'}>
              <span>${u.name}${problem(u) ? html` <span class="chip-note">(${problem(u)})</span>` : nothing}</span>
              <button type="button" part="chip-remove" class="chip-remove" aria-label=${t('removeParticipant', { name: u.name })}
                @click=${() => v.onRemove(u)}><span aria-hidden="true">×</span></button>
            </li>`,
          )}
        </ul>`
      : nothing}
    <div class="combo">
      <input id="${v.id}-input" part="combobox" type="text" role="combobox" autocomplete="off" spellcheck="false"
        aria-label=${t('addParticipant')} aria-autocomplete="list" aria-expanded=${showList ? 'true' : 'false'}
        aria-controls="${v.id}-listbox" aria-activedescendant=${cb.activeDescendant ?? nothing}
        aria-invalid=${v.invalid ? 'true' : nothing} aria-describedby=${v.invalid ? `${v.id}-error` : nothing}
        .value=${live(v.query)}
        @input=${(e: Event) => {
          v.onInput((e.target as HTMLInputElement).value);
          cb.handleInput();
        }}
        @keydown=${(e: KeyboardEvent) => cb.handleKeydown(e)}
        @click=${() => cb.setOpen(true)} />
      <div id="${v.id}-listbox" part="listbox" class="listbox" role="listbox" aria-labelledby="${v.id}-label" ?hidden=${!showList}>
        ${showList
          ? v.options.map(
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
    ${v.invalid ? html`<p id="${v.id}-error" class="danger">${v.invalid}</p>` : nothing}
  </div>`;
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

export const formStyles = css`
  .base {
    container-type: inline-size;
    background: var(--_surface);
    padding: var(--_space);
    border-radius: var(--_radius);
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
  .muted {
    color: var(--_muted);
  }
  .danger {
    color: var(--_danger);
  }
  .success {
    color: var(--_success);
  }
  .notice {
    border-inline-start: 4px solid var(--_danger);
    padding-inline-start: 0.75rem;
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
    font: inherit;
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    padding: 0.25rem 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.375rem;
    box-sizing: border-box;
  }
  .primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  .destructive {
    border-color: var(--_danger);
    color: var(--_danger);
  }
  [aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
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
  @media (forced-colors: active) {
    .option.active {
      outline-color: Highlight;
    }
    .chip,
    .bar {
      border: 1px solid CanvasText;
    }
  }
`;
