/**
 * Page object for `<dv-slot-picker>` tests: mounts the element against a fake API and reads its shadow DOM the way
 * a user or screen reader meets it (roles, accessible names, focus). Each call to `mountPicker` builds its own
 * element and fake, so tests share no state.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../../src/elements/slot-picker/define.js';
import type { DvSlotPicker, Step } from '../../../src/elements/slot-picker/index.js';
import { API, TOKEN, createFakeApi, type FakeApi } from './fake-public-api.js';
import { ShadowRootPage } from './shadow-page.js';

export interface Mounted {
  el: DvSlotPicker;
  api: FakeApi;
  page: SlotPickerPage;
}

export async function mountPicker(
  /** `lang: null` leaves the attribute out (language from the page, the booking, the browser). */
  opts: { api?: FakeApi; lang?: string | null; zone?: string; headingLevel?: number; wait?: Step | false } = {},
): Promise<Mounted> {
  const api = opts.api ?? createFakeApi();
  const el = await fixture<DvSlotPicker>(html`<dv-slot-picker
    api=${API}
    booking=${TOKEN}
    lang=${opts.lang === null ? nothing : (opts.lang ?? 'en')}
    heading-level=${opts.headingLevel ?? nothing}
    time-zone=${opts.zone ?? 'Europe/Berlin'}
    .fetch=${api.fetch}
  ></dv-slot-picker>`);
  const page = new SlotPickerPage(el);
  if (opts.wait !== false) await page.waitForStep(opts.wait ?? 'pick');
  return { el, api, page };
}

export class SlotPickerPage extends ShadowRootPage<DvSlotPicker> {
  async waitForStep(step: Step): Promise<void> {
    await waitUntil(() => this.el.step === step, `step never became ${step} (is ${this.el.step})`, { timeout: 3000 });
    await this.el.updateComplete;
  }

  /** The current step's heading, whatever its level (`heading-level`). */
  headingEl(): HTMLElement | null {
    return this.$('[part="heading"]');
  }

  heading(): string {
    return this.headingEl()?.textContent?.trim() ?? '';
  }

  live(): string {
    return this.$('[role="status"]')?.textContent?.trim() ?? '';
  }

  /** The focused element's accessible label, or its text. */
  focusedLabel(): string {
    const f = this.focused();
    return f?.getAttribute('aria-label') ?? f?.textContent?.trim() ?? '';
  }

  cell(date: string): HTMLElement {
    const c = this.$(`[role="gridcell"][data-date="${date}"]`);
    if (!c) throw new Error(`no cell ${date}`);
    return c;
  }

  gridCells(): HTMLElement[] {
    return this.$$('[role="gridcell"][data-date]');
  }

  options(): HTMLElement[] {
    return this.$$('[role="option"]');
  }

  optionLabels(): string[] {
    return this.options().map((o) => o.textContent!.trim());
  }

  button(label: string): HTMLButtonElement {
    const b = this.$$<HTMLButtonElement>('button').find((x) => (x.getAttribute('aria-label') ?? x.textContent!.trim()) === label);
    if (!b) throw new Error(`no button "${label}" in [${this.$$('button').map((x) => x.textContent!.trim()).join(' | ')}]`);
    return b;
  }

  summary(): Record<string, string> {
    return Object.fromEntries(
      this.$$('.summary > div').map((d) => [d.querySelector('dt')!.textContent!.trim(), d.querySelector('dd')!.textContent!.replace(/\s+/g, ' ').trim()]),
    );
  }
}
