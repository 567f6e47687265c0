/**
 * The status icons of the connection elements, inline SVG drawn with `currentColor` so they follow the text colour,
 * forced-colors mode and dark mode. Each status has its own shape (check, shield, triangle, dash, arrows), so the
 * status never rests on colour; the icons are decorative (`aria-hidden`) because a text label is always beside them.
 */
import { html, svg, type SVGTemplateResult, type TemplateResult } from 'lit';
import type { IconName } from './internal/status.js';

const stroke = { width: '1.5' };

const PATHS: Record<IconName, SVGTemplateResult> = {
  check: svg`<circle cx="8" cy="8" r="6.75" fill="none" stroke="currentColor" stroke-width=${stroke.width}></circle>
    <path d="M4.8 8.2l2.2 2.2 4.3-4.5" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round"></path>`,
  'check-central': svg`<path d="M8 1.3l5.6 2.1v4.2c0 3.4-2.4 6-5.6 7.2-3.2-1.2-5.6-3.8-5.6-7.2V3.4z" fill="none" stroke="currentColor" stroke-width=${stroke.width} stroke-linejoin="round"></path>
    <path d="M5.4 8l1.8 1.8 3.5-3.6" fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round"></path>`,
  alert: svg`<path d="M8 1.6l6.8 12.3H1.2z" fill="none" stroke="currentColor" stroke-width=${stroke.width} stroke-linejoin="round"></path>
    <path d="M8 6v3.8" stroke="currentColor" stroke-width="1.75" stroke-linecap="round"></path><circle cx="8" cy="11.8" r="0.95" fill="currentColor"></circle>`,
  dash: svg`<circle cx="8" cy="8" r="6.75" fill="none" stroke="currentColor" stroke-width=${stroke.width} stroke-dasharray="2.6 1.6"></circle>
    <path d="M5 8h6" stroke="currentColor" stroke-width="1.75" stroke-linecap="round"></path>`,
  sync: svg`<path d="M13.3 6.4A5.5 5.5 0 0 0 3.2 5M2.7 9.6A5.5 5.5 0 0 0 12.8 11" fill="none" stroke="currentColor" stroke-width=${stroke.width} stroke-linecap="round"></path>
    <path d="M3 2.2V5h2.8M13 13.8V11h-2.8" fill="none" stroke="currentColor" stroke-width=${stroke.width} stroke-linecap="round" stroke-linejoin="round"></path>`,
  calendar: svg`<rect x="1.75" y="2.75" width="12.5" height="11.5" rx="1.5" fill="none" stroke="currentColor" stroke-width=${stroke.width}></rect>
    <path d="M1.75 6.25h12.5M5 1.25v3M11 1.25v3" stroke="currentColor" stroke-width=${stroke.width} stroke-linecap="round"></path>`,
};

/** A decorative status icon; `part` lets hosts size or recolour it. */
export function icon(name: IconName, part = 'icon'): TemplateResult {
  return html`<svg part=${part} class="icon icon--${name}" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${PATHS[name]}</svg>`;
}
