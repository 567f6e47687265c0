/**
 * The base of the page objects: an element and what a test reads in its shadow root (queries, normalised text, the
 * focused element). Each element's page object adds how a user meets that element (cells, options, buttons by name).
 */
export class ShadowRootPage<E extends HTMLElement> {
  readonly el: E;

  constructor(el: E) {
    this.el = el;
  }

  get root(): ShadowRoot {
    return this.el.shadowRoot!;
  }

  $<T extends Element = HTMLElement>(selector: string): T | null {
    return this.root.querySelector<T>(selector);
  }

  $$<T extends Element = HTMLElement>(selector: string): T[] {
    return [...this.root.querySelectorAll<T>(selector)];
  }

  /** The text of the first match, white space folded; '' when nothing matches. */
  text(selector: string): string {
    return this.$(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  focused(): HTMLElement | null {
    return this.root.activeElement as HTMLElement | null;
  }
}
