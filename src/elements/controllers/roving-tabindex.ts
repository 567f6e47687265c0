/**
 * Roving tabindex for composite widgets (listbox, radio group, toolbar): exactly one item has `tabindex="0"`, the
 * rest `-1`, and arrow keys / Home / End move focus between the focusable items. Configured by small functions so
 * every list and grid reuses it: `elements()` returns the items in order, `isFocusable(el)` skips disabled ones,
 * `focusInIndex(els)` picks the item that takes the tab stop (e.g. the selected one).
 *
 * Invariants: the tab stop is recomputed after every host update, so re-rendered lists never lose it; the
 * controller only touches `tabindex` and focus, never selection — activation stays with the host.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface RovingTabindexConfig {
  elements: () => HTMLElement[];
  isFocusable?: (el: HTMLElement) => boolean;
  /** Index (in `elements()`) that holds the tab stop when focus is not inside; defaults to the first focusable. */
  focusInIndex?: (els: HTMLElement[]) => number;
  /** Which arrows move: vertical lists use Up/Down, horizontal Left/Right, `both` accepts all four. */
  direction?: 'vertical' | 'horizontal' | 'both';
}

export class RovingTabindexController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #config: RovingTabindexConfig;
  #current = -1;

  constructor(host: ReactiveControllerHost & HTMLElement, config: RovingTabindexConfig) {
    this.#host = host;
    this.#config = config;
    host.addController(this);
  }

  hostUpdated(): void {
    const els = this.#items();
    const active = els.indexOf(this.#activeElement() as HTMLElement);
    const fallback = this.#config.focusInIndex?.(els) ?? 0;
    this.#current = active >= 0 ? active : els[fallback] && this.#focusable(els[fallback]!) ? fallback : this.#step(els, -1, 1);
    els.forEach((el, i) => (el.tabIndex = i === this.#current ? 0 : -1));
  }

  /** Key handler for the container; returns true when it moved focus (and so consumed the key). */
  handleKeydown = (event: KeyboardEvent): boolean => {
    const dir = this.#config.direction ?? 'vertical';
    const rtl = getComputedStyle(this.#host).direction === 'rtl';
    const back = rtl ? 'ArrowRight' : 'ArrowLeft';
    const fwd = rtl ? 'ArrowLeft' : 'ArrowRight';
    const keys: Record<string, number | 'first' | 'last'> = { Home: 'first', End: 'last' };
    if (dir !== 'horizontal') Object.assign(keys, { ArrowUp: -1, ArrowDown: 1 });
    if (dir !== 'vertical') Object.assign(keys, { [back]: -1, [fwd]: 1 });
    const move = keys[event.key];
    if (move === undefined) return false;
    const els = this.#items();
    const from = els.indexOf(this.#activeElement() as HTMLElement);
    const to =
      move === 'first' ? this.#step(els, -1, 1) : move === 'last' ? this.#step(els, els.length, -1) : this.#step(els, from, move);
    event.preventDefault();
    this.focus(to);
    return true;
  };

  /** Focus item `index` and give it the tab stop. */
  focus(index: number): void {
    const els = this.#items();
    const el = els[index];
    if (!el) return;
    els.forEach((x, i) => (x.tabIndex = i === index ? 0 : -1));
    this.#current = index;
    el.focus();
  }

  #items(): HTMLElement[] {
    return this.#config.elements();
  }

  #focusable(el: HTMLElement): boolean {
    return this.#config.isFocusable?.(el) ?? true;
  }

  /** Next focusable index from `from` in steps of `delta`; stays put at the ends (no wrap, like native lists). */
  #step(els: HTMLElement[], from: number, delta: number): number {
    for (let i = from + delta; i >= 0 && i < els.length; i += delta) if (this.#focusable(els[i]!)) return i;
    return Math.max(0, Math.min(from, els.length - 1));
  }

  #activeElement(): Element | null {
    return this.#host.shadowRoot?.activeElement ?? document.activeElement;
  }
}
