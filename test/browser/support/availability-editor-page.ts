/**
 * Page object for `<dv-availability-editor>` tests: mounts the element against a fake admin API and reads its
 * shadow DOM the way a user meets it (cells by weekday and time, buttons by name, focus). Each `mountEditor` builds
 * its own element and fake; events are recorded from the moment the element exists, so "no change on load" can be
 * asserted.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { nothing } from 'lit';
import '../../../src/elements/availability-editor/define.js';
import type { DvAvailabilityEditor, EditorState } from '../../../src/elements/availability-editor/index.js';
import { API, TOKEN, USER, createFakeAdminApi, type FakeAdminApi } from './fake-admin-api.js';
import { ShadowRootPage } from './shadow-page.js';

export interface MountedEditor {
  el: DvAvailabilityEditor;
  api: FakeAdminApi;
  page: EditorPage;
  /** Event types in order of arrival (`input`, `change`, `dv-load`, …). */
  events: string[];
}

export async function mountEditor(
  opts: { api?: FakeAdminApi; lang?: string; user?: string | null; tier?: string; wait?: EditorState | false; startHour?: number; endHour?: number } = {},
): Promise<MountedEditor> {
  const api = opts.api ?? createFakeAdminApi();
  const events: string[] = [];
  const el = await fixture<DvAvailabilityEditor>(html`<dv-availability-editor
    api=${API}
    token=${TOKEN}
    user=${opts.user === null ? nothing : (opts.user ?? USER)}
    tier=${opts.tier ?? nothing}
    lang=${opts.lang ?? 'en'}
    start-hour=${opts.startHour ?? nothing}
    end-hour=${opts.endHour ?? nothing}
    .fetch=${api.fetch}
    @input=${() => events.push('input')}
    @change=${() => events.push('change')}
    @dv-load=${() => events.push('dv-load')}
    @dv-save=${() => events.push('dv-save')}
    @dv-error=${() => events.push('dv-error')}
  ></dv-availability-editor>`);
  const page = new EditorPage(el);
  if (opts.wait !== false) await page.waitFor(opts.wait ?? 'ready');
  return { el, api, page, events };
}

export const DAY_INDEX = { mon: 0, tue: 1, wed: 2, thu: 3, fri: 4, sat: 5, sun: 6 } as const;

export class EditorPage extends ShadowRootPage<DvAvailabilityEditor> {
  async waitFor(status: EditorState): Promise<void> {
    await waitUntil(() => this.el.status === status, `status never became ${status} (is ${this.el.status})`, { timeout: 3000 });
    await this.el.updateComplete;
  }

  /** The cell of a weekday at a wall time (`'09:00'`). */
  cell(day: keyof typeof DAY_INDEX, time: string): HTMLElement {
    const [h, m] = time.split(':').map(Number);
    const index = (h! * 60 + m!) / 30;
    const el = this.$(`[data-day="${DAY_INDEX[day]}"][data-cell="${index}"]`);
    if (!el) throw new Error(`no cell ${day} ${time}`);
    return el;
  }

  cells(): HTMLElement[] {
    return this.$$('[role="gridcell"]');
  }

  /** `day HH:mm` of every painted cell, in grid order (row by row). */
  painted(): string[] {
    return this.cells()
      .filter((c) => c.getAttribute('aria-selected') === 'true')
      .map((c) => {
        const day = Object.keys(DAY_INDEX)[Number(c.dataset['day'])]!;
        const min = Number(c.dataset['cell']) * 30;
        return `${day} ${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
      })
      .sort();
  }

  button(name: string): HTMLButtonElement {
    const b = this.$$<HTMLButtonElement>('button').find((x) => (x.getAttribute('aria-label') ?? x.textContent!.trim()) === name);
    if (!b) throw new Error(`no button "${name}"; have: ${this.$$('button').map((x) => x.getAttribute('aria-label') ?? x.textContent!.trim()).join(' | ')}`);
    return b;
  }

  weeklyHours(): unknown {
    return (JSON.parse(this.el.value) as { weeklyHours: unknown }).weeklyHours;
  }
}
