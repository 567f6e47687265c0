/**
 * Headings of a computed level, so an element's outline fits the host page (`heading-level`). Lit cannot bind a tag
 * name, and `lit/static-html.js` costs more bytes than these five small templates. Real `<hN>` elements, so every
 * outline tool sees them.
 *
 * Invariant: the rendered level is always 2–6 (a page has its own `<h1>`).
 */
import { html, nothing, type TemplateResult } from 'lit';

/**
 * The level for a `heading-level` attribute value `n` (2–6; anything else reads as 2), `sub` levels below it and
 * never deeper than 6.
 */
export function headingLevel(n: number, sub = 0): number {
  return Math.min(6, (Number.isInteger(n) && n >= 2 && n <= 6 ? n : 2) + sub);
}

/**
 * A heading of `level` (clamped to 2–6) with `part` and an optional `id`. `focusable` headings get
 * `tabindex="-1"`: a step heading takes the focus programmatically when the step changes.
 */
export function heading(level: number, text: string, part: string, id?: string, focusable = false): TemplateResult {
  const idAttr = id ?? nothing;
  const tab = focusable ? -1 : nothing;
  switch (Math.min(6, Math.max(2, Math.trunc(level) || 2))) {
    case 3:
      return html`<h3 part=${part} id=${idAttr} tabindex=${tab}>${text}</h3>`;
    case 4:
      return html`<h4 part=${part} id=${idAttr} tabindex=${tab}>${text}</h4>`;
    case 5:
      return html`<h5 part=${part} id=${idAttr} tabindex=${tab}>${text}</h5>`;
    case 6:
      return html`<h6 part=${part} id=${idAttr} tabindex=${tab}>${text}</h6>`;
    default:
      return html`<h2 part=${part} id=${idAttr} tabindex=${tab}>${text}</h2>`;
  }
}
