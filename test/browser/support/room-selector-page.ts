/**
 * Page object for `<dv-room-selector>` tests: mounts the element against a fake admin API and reads its shadow DOM
 * as a user meets it (options by name, their status text, buttons by name, focus). Events are recorded from the
 * moment the element exists. Each `mountSelector` builds its own element and fake.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../../src/elements/room-selector/define.js';
import type { DvRoomSelector, SelectorState } from '../../../src/elements/room-selector/index.js';
import { API, TOKEN, createFakeAdminApi, type FakeAdminApi } from './fake-admin-api.js';
import { ShadowRootPage } from './shadow-page.js';

export interface MountedSelector {
  el: DvRoomSelector;
  api: FakeAdminApi;
  page: SelectorPage;
  events: string[];
}

/** Tuesday 24 March 2026, 10:00–11:00 in Berlin. */
export const START = '2026-03-24T09:00:00Z';
export const END = '2026-03-24T10:00:00Z';

export async function mountSelector(
  opts: {
    api?: FakeAdminApi;
    lang?: string;
    location?: string | null;
    start?: string | null;
    end?: string | null;
    value?: string;
    manage?: boolean;
    wait?: SelectorState | false;
  } = {},
): Promise<MountedSelector> {
  const api = opts.api ?? createFakeAdminApi();
  const events: string[] = [];
  const el = await fixture<DvRoomSelector>(html`<dv-room-selector
    api=${API}
    token=${TOKEN}
    lang=${opts.lang ?? 'en'}
    time-zone="Europe/Berlin"
    location=${opts.location === null ? nothing : (opts.location ?? 'hamburg')}
    start=${opts.start === null ? nothing : (opts.start ?? START)}
    end=${opts.end === null ? nothing : (opts.end ?? END)}
    value=${opts.value ?? nothing}
    ?manage=${opts.manage}
    .fetch=${api.fetch}
    @input=${() => events.push('input')}
    @change=${() => events.push('change')}
    @dv-load=${() => events.push('dv-load')}
    @dv-rooms-import=${() => events.push('dv-rooms-import')}
    @dv-room-create=${() => events.push('dv-room-create')}
    @dv-error=${() => events.push('dv-error')}
  ></dv-room-selector>`);
  const page = new SelectorPage(el);
  if (opts.wait !== false) {
    await page.waitFor(opts.wait ?? 'ready');
    if ((opts.wait ?? 'ready') === 'ready') await page.statusesSettled();
  }
  return { el, api, page, events };
}

export class SelectorPage extends ShadowRootPage<DvRoomSelector> {
  async waitFor(status: SelectorState): Promise<void> {
    await waitUntil(() => this.el.status === status, `status never became ${status} (is ${this.el.status})`, { timeout: 3000 });
    await this.el.updateComplete;
  }

  /** Wait until no option shows "loading". */
  async statusesSettled(): Promise<void> {
    await waitUntil(() => this.el.rooms.every((r) => this.el.statusOf(r.id) !== 'loading'), 'statuses never settled', { timeout: 3000 });
    await this.el.updateComplete;
  }

  options(): HTMLElement[] {
    return this.$$('[role="radio"]');
  }

  /** Accessible name of each option. */
  names(): string[] {
    return this.options().map((o) => o.getAttribute('aria-label') ?? '');
  }

  option(value: string): HTMLElement {
    const o = this.$(`[role="radio"][data-value="${value}"]`);
    if (!o) throw new Error(`no option ${value}`);
    return o;
  }

  checked(): string[] {
    return this.options().filter((o) => o.getAttribute('aria-checked') === 'true').map((o) => o.dataset['value']!);
  }

  button(name: string): HTMLButtonElement {
    const label = (x: HTMLElement) => x.getAttribute('aria-label') ?? x.textContent!.replace(/\s+/g, ' ').trim();
    const b = this.$$<HTMLButtonElement>('button').find((x) => label(x) === name);
    if (!b) throw new Error(`no button "${name}"; have: ${this.$$('button').map(label).join(' | ')}`);
    return b;
  }
}
