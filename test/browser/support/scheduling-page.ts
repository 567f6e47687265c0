/**
 * Page objects for `<dv-availability-check>` and `<dv-booking-request>` tests: mount an element against its own
 * fake API and read the shadow DOM the way a user meets it (labels, roles, names, focus). Each mount builds its own
 * element and fake, so tests share no state. Inputs that have no sensible key path in a test (date pickers) are set
 * like a user's commit: value, then `input` and `change`.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../../src/elements/availability-check/define.js';
import '../../../src/elements/booking-request/define.js';
import type { Applicant, AvailabilityCheckPhase, DvAvailabilityCheck } from '../../../src/elements/availability-check/index.js';
import type { BookingRequestPhase, DvBookingRequest } from '../../../src/elements/booking-request/index.js';
import { API, TOKEN, createFakeApi, type FakeApi } from './fake-scheduling-api.js';

export class ShadowPage<E extends HTMLElement & { updateComplete: Promise<boolean> }> {
  readonly el: E;
  constructor(el: E) {
    this.el = el;
  }
  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }
  $<T extends HTMLElement = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }
  $$<T extends HTMLElement = HTMLElement>(selector: string): T[] {
    return [...this.root.querySelectorAll<T>(selector)];
  }
  text(selector = '.base'): string {
    return (this.$(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }
  heading(): string {
    return this.$('[part~="heading"]')?.textContent?.trim() ?? '';
  }
  live(): string {
    return this.$('.base > [role="status"]')?.textContent?.trim() ?? '';
  }
  focused(): HTMLElement | null {
    return this.root.activeElement as HTMLElement | null;
  }
  button(label: string): HTMLButtonElement {
    const all = this.$$<HTMLButtonElement>('button');
    const b = all.find((x) => (x.getAttribute('aria-label') ?? x.textContent!.trim()) === label);
    if (!b) throw new Error(`no button "${label}" in [${all.map((x) => x.getAttribute('aria-label') ?? x.textContent!.trim()).join(' | ')}]`);
    return b;
  }
  hasButton(label: string): boolean {
    return this.$$('button').some((x) => (x.getAttribute('aria-label') ?? x.textContent!.trim()) === label);
  }
  /** The control labelled `label` (by `<label for>`). */
  field<T extends HTMLElement = HTMLInputElement>(label: string, within = ''): T {
    const l = this.$$(`${within} label`).find((x) => x.textContent!.trim() === label);
    const id = l?.getAttribute('for');
    const el = id ? this.root.getElementById(id) : null;
    if (!el) throw new Error(`no field "${label}"`);
    return el as T;
  }
  async commit(input: HTMLInputElement | HTMLSelectElement, value: string): Promise<void> {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
    await this.el.updateComplete;
  }
  chips(): string[] {
    return this.$$('[part~="chip"]').map((c) => c.querySelector('span')!.textContent!.replace(/\s+/g, ' ').trim());
  }
  options(): HTMLElement[] {
    return this.$$('[role="option"]');
  }
}

export class CheckPage extends ShadowPage<DvAvailabilityCheck> {
  async waitForPhase(phase: AvailabilityCheckPhase): Promise<void> {
    await waitUntil(() => this.el.phase === phase, `phase never became ${phase} (is ${this.el.phase})`, { timeout: 3000 });
    await this.el.updateComplete;
  }
  /** Waits for the running check (if any) and the render after it. */
  async settle(): Promise<void> {
    await this.el.updateComplete;
    await this.el.checkComplete;
    await this.el.updateComplete;
  }
  async setProposal(i: number, date: string, time: string): Promise<void> {
    await this.commit(this.root.getElementById(`proposal-${i}-date`) as HTMLInputElement, date);
    await this.commit(this.root.getElementById(`proposal-${i}-time`) as HTMLInputElement, time);
  }
  /** The table as text rows: header row first, each cell's text squashed. */
  table(): string[][] {
    return this.$$('table tr').map((tr) => [...tr.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));
  }
  radios(): HTMLInputElement[] {
    return this.$$<HTMLInputElement>('input[name="choice"]');
  }
  radioLabels(): string[] {
    return this.radios().map((r) => r.closest('label')!.textContent!.replace(/\s+/g, ' ').trim());
  }
}

export async function mountCheck(
  opts: {
    api?: FakeApi;
    lang?: string | null;
    zone?: string;
    participants?: string;
    applicants?: Applicant[];
    appointment?: string;
    allowInvite?: boolean;
    checkDelay?: number;
    wait?: AvailabilityCheckPhase | false;
  } = {},
): Promise<{ el: DvAvailabilityCheck; api: FakeApi; page: CheckPage }> {
  const api = opts.api ?? createFakeApi();
  const el = await fixture<DvAvailabilityCheck>(html`<dv-availability-check
    api=${API}
    token=${TOKEN}
    lang=${opts.lang === null ? nothing : (opts.lang ?? 'en')}
    time-zone=${opts.zone ?? 'Europe/Berlin'}
    participants=${opts.participants ?? nothing}
    appointment=${opts.appointment ?? nothing}
    ?allow-invite=${opts.allowInvite ?? false}
    check-delay=${opts.checkDelay ?? 0}
    .applicants=${opts.applicants ?? []}
    .searchDelay=${0}
    .fetch=${api.fetch}
  ></dv-availability-check>`);
  const page = new CheckPage(el);
  if (opts.wait !== false) await page.waitForPhase(opts.wait ?? 'ready');
  return { el, api, page };
}

export class RequestPage extends ShadowPage<DvBookingRequest> {
  async waitForPhase(phase: BookingRequestPhase): Promise<void> {
    await waitUntil(() => this.el.phase === phase, `phase never became ${phase} (is ${this.el.phase})`, { timeout: 3000 });
    await this.el.updateComplete;
  }
  async settle(): Promise<void> {
    await this.el.updateComplete;
    await this.el.previewComplete;
    await this.el.updateComplete;
  }
  preview(): string {
    return this.text('[part~="preview"] [aria-live]');
  }
}

export async function mountRequest(
  opts: {
    api?: FakeApi;
    lang?: string | null;
    zone?: string;
    participants?: string;
    request?: string;
    applicantName?: string;
    applicantEmail?: string;
    previewDelay?: number;
    wait?: BookingRequestPhase | false;
  } = {},
): Promise<{ el: DvBookingRequest; api: FakeApi; page: RequestPage }> {
  const api = opts.api ?? createFakeApi();
  const el = await fixture<DvBookingRequest>(html`<dv-booking-request
    api=${API}
    token=${TOKEN}
    lang=${opts.lang === null ? nothing : (opts.lang ?? 'en')}
    time-zone=${opts.zone ?? 'Europe/Berlin'}
    participants=${opts.participants ?? nothing}
    request=${opts.request ?? nothing}
    applicant-name=${opts.applicantName ?? nothing}
    applicant-email=${opts.applicantEmail ?? nothing}
    preview-delay=${opts.previewDelay ?? 0}
    .searchDelay=${0}
    .fetch=${api.fetch}
  ></dv-booking-request>`);
  const page = new RequestPage(el);
  if (opts.wait !== false) await page.waitForPhase(opts.wait ?? (opts.request ? 'request' : 'form'));
  return { el, api, page };
}
