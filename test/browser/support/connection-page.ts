/**
 * Page objects for `<dv-connection-status>` and `<dv-connections-overview>` tests: mount against a fresh fake API
 * and fake EventSource each time (no shared state), and read the shadow DOM as a user meets it — visible text,
 * buttons by their accessible name, the live region, focus, the open dialog.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../../src/elements/connection-status/define.js';
import '../../../src/elements/connections-overview/define.js';
import type { DvConnectionStatus } from '../../../src/elements/connection-status/index.js';
import type { DvConnectionsOverview } from '../../../src/elements/connections-overview/index.js';
import { API, createFakeConnectionsApi, fakeEventSources, type FakeConnectionsApi, type FakeSources } from './fake-connections-api.js';
import { ShadowRootPage } from './shadow-page.js';

/** The connection elements' page object (both elements share it). */
export class ShadowPage<E extends HTMLElement> extends ShadowRootPage<E> {
  live(): string {
    return this.$('[role="status"]')?.textContent ?? '';
  }

  focusedName(): string {
    const f = this.focused();
    return (f?.getAttribute('aria-label') ?? f?.textContent ?? '').replace(/\s+/g, ' ').trim();
  }

  buttons(scope: ParentNode = this.root): HTMLButtonElement[] {
    return [...scope.querySelectorAll<HTMLButtonElement>('button')].filter((b) => b.getClientRects().length > 0);
  }

  buttonNames(scope: ParentNode = this.root): string[] {
    return this.buttons(scope).map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').replace(/\s+/g, ' ').trim());
  }

  button(name: string, scope: ParentNode = this.root): HTMLButtonElement {
    const b = this.buttons(scope).find((x) => (x.getAttribute('aria-label') ?? x.textContent ?? '').replace(/\s+/g, ' ').trim() === name);
    if (!b) throw new Error(`no button "${name}" in [${this.buttonNames(scope).join(' | ')}]`);
    return b;
  }

  openDialog(): HTMLDialogElement | null {
    return this.$<HTMLDialogElement>('dialog[open]');
  }

  async waitFor(predicate: () => boolean, message: string): Promise<void> {
    await waitUntil(predicate, message, { timeout: 3000 });
    await (this.el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  }
}

export interface StatusMount {
  el: DvConnectionStatus;
  api: FakeConnectionsApi;
  es: FakeSources;
  page: ShadowPage<DvConnectionStatus>;
}

export async function mountStatus(
  opts: {
    api?: FakeConnectionsApi;
    user?: string | null;
    token?: string;
    variant?: 'card' | 'badge';
    lang?: string;
    href?: string;
    interactive?: boolean;
    pollInterval?: number;
    connectMode?: 'navigate' | 'popup';
    wait?: boolean;
  } = {},
): Promise<StatusMount> {
  const api = opts.api ?? createFakeConnectionsApi();
  const es = fakeEventSources();
  const el = await fixture<DvConnectionStatus>(html`<dv-connection-status
    api=${API}
    token=${opts.token ?? 'tok-admin'}
    user=${opts.user === null ? nothing : (opts.user ?? 'u-anna')}
    variant=${opts.variant ?? 'card'}
    lang=${opts.lang ?? 'en'}
    time-zone="Europe/Berlin"
    href=${opts.href ?? nothing}
    ?interactive=${opts.interactive ?? false}
    poll-interval=${opts.pollInterval ?? nothing}
    connect-mode=${opts.connectMode ?? nothing}
    .fetch=${api.fetch}
    .eventSourceFactory=${es.factory}
  ></dv-connection-status>`);
  const page = new ShadowPage(el);
  if (opts.wait !== false) await page.waitFor(() => el.status !== undefined, 'connection never loaded');
  return { el, api, es, page };
}

export interface OverviewMount {
  el: DvConnectionsOverview;
  api: FakeConnectionsApi;
  es: FakeSources;
  page: ShadowPage<DvConnectionsOverview>;
}

export async function mountOverview(
  opts: { api?: FakeConnectionsApi; lang?: string; pageSize?: number; pollInterval?: number; searchDelay?: number; wait?: boolean } = {},
): Promise<OverviewMount> {
  const api = opts.api ?? createFakeConnectionsApi();
  const es = fakeEventSources();
  const el = await fixture<DvConnectionsOverview>(html`<dv-connections-overview
    api=${API}
    token="tok-admin"
    lang=${opts.lang ?? 'en'}
    time-zone="Europe/Berlin"
    page-size=${opts.pageSize ?? nothing}
    poll-interval=${opts.pollInterval ?? nothing}
    search-delay=${opts.searchDelay ?? nothing}
    .fetch=${api.fetch}
    .eventSourceFactory=${es.factory}
  ></dv-connections-overview>`);
  const page = new ShadowPage(el);
  if (opts.wait !== false) {
    await page.waitFor(() => !!el.list && (api.tier === 'basic' ? !!page.$('[part="plus-required"]') : !!el.serviceAccount), 'overview never loaded');
  }
  return { el, api, es, page };
}

/** Text of each body row's cells, whitespace-normalised. */
export function tableRows(page: ShadowPage<HTMLElement>): string[][] {
  return page.$$('tbody tr').map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()));
}
