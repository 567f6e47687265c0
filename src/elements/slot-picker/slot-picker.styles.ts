/**
 * Styles of `<dv-slot-picker>`, adopted through Lit `css` (no inline `<style>`, no `style=` attributes, so a strict
 * `style-src 'self'` CSP holds). Mobile first: one column (grid, then that day's times) and the two-column layout
 * only when the element's own container is wide enough — container queries, not viewport media queries, because the
 * widget's slot on a career page says nothing about the viewport. No fixed heights and no `overflow: auto`: the
 * element grows with its content, so there is never an inner scroll trap. Logical properties only (RTL-safe).
 * The skeleton reuses the real layout's boxes so loading → content does not jump.
 */
import { css } from 'lit';
import { surface, tones } from '../shared/controls.styles.js';
import { srOnly, tokens } from '../shared/tokens.styles.js';

export const styles = [
  tokens,
  srOnly,
  surface,
  tones,
  css`
    .base {
      container-type: inline-size;
    }
    /* Headings by part, not tag: their level follows the heading-level attribute. */
    :is(h2, h3, h4, h5, h6),
    p,
    dl {
      margin: 0 0 calc(var(--_space) * 0.75);
    }
    [part='heading'] {
      font-size: 1.375rem;
      line-height: 1.3;
    }
    [part$='-title'] {
      font-size: 1rem;
    }
    [part='heading']:focus {
      outline: none;
    }
    [part='heading']:focus-visible {
      outline: 3px solid var(--_focus);
    }
    .title {
      color: var(--_muted);
    }
    .notice {
      border-inline-start: 4px solid var(--_danger);
      padding-inline-start: 0.75rem;
      font-weight: 600;
    }
    button,
    .link-button {
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
      text-decoration: none;
      box-sizing: border-box;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      margin-block-start: var(--_space);
    }
    .zone {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      margin-block-end: var(--_space);
    }
    .zone-form {
      flex-basis: 100%;
    }
    .zone-form label {
      display: block;
    }
    input {
      font: inherit;
      color: inherit;
      background: var(--_surface);
      min-block-size: var(--_target);
      inline-size: min(100%, 22rem);
      box-sizing: border-box;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding-inline: 0.5rem;
    }
    .layout {
      display: grid;
      gap: var(--_space);
    }
    @container (min-width: 36rem) {
      .layout {
        grid-template-columns: minmax(0, 3fr) minmax(11rem, 2fr);
        align-items: start;
      }
    }
    .month-nav {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      margin-block-end: 0.5rem;
    }
    .month-nav [part='month-title'] {
      margin: 0;
      text-align: center;
    }
    .nav {
      padding: 0;
      font-size: 1.25rem;
    }
    .nav:dir(rtl) span {
      display: inline-block;
      transform: scaleX(-1);
    }
    .row,
    .cells {
      display: grid;
      grid-template-columns: repeat(7, minmax(0, 1fr));
      gap: 2px;
      margin-block-end: 2px;
    }
    .wd {
      text-align: center;
      font-size: 0.8125rem;
      color: var(--_muted);
      padding-block: 0.25rem;
    }
    .day,
    .cell {
      min-block-size: var(--_target);
      min-inline-size: 24px;
      display: grid;
      place-items: center;
      border-radius: var(--_radius);
      font-variant-numeric: tabular-nums;
      color: var(--_muted);
      cursor: pointer;
      border: 2px solid transparent;
      box-sizing: border-box;
    }
    .day.outside {
      cursor: default;
    }
    .day.available {
      background: var(--_surface-alt);
      color: var(--_text);
      font-weight: 600;
    }
    .day[aria-current='date'] {
      text-decoration: underline;
      text-underline-offset: 3px;
    }
    .day[aria-selected='true'] {
      border-color: var(--_primary);
    }
    .day.available[aria-selected='true'] {
      background: var(--_primary);
      color: var(--_on-primary);
    }
    .time-list {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(9rem, 1fr));
      gap: 0.5rem;
    }
    .time {
      min-block-size: var(--_target);
      display: flex;
      align-items: center;
      justify-content: center;
      border: 1px solid var(--_primary);
      border-radius: var(--_radius);
      color: var(--_primary);
      font-weight: 600;
      cursor: pointer;
      font-variant-numeric: tabular-nums;
    }
    .time .muted {
      font-weight: 400;
      margin-inline-start: 0.25rem;
    }
    .time[aria-selected='true'] {
      background: var(--_primary);
      color: var(--_on-primary);
    }
    .time[aria-selected='true'] .muted {
      color: inherit;
    }
    .decline {
      margin-block-start: var(--_space);
    }
    .summary div {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.5rem;
      margin-block-end: 0.5rem;
    }
    .summary dt {
      font-weight: 600;
      min-inline-size: 9rem;
    }
    .summary dd {
      margin: 0;
    }
    /* Skeleton: the same boxes as the real content, so swapping them does not move anything below. */
    .bar,
    .cell {
      display: block;
      background: var(--_surface-alt);
      border-radius: var(--_radius);
      animation: pulse 1.5s ease-in-out infinite;
    }
    .bar {
      block-size: 1.5rem;
      margin-block-end: 0.75rem;
    }
    .heading-bar {
      block-size: 1.8rem;
      inline-size: 60%;
    }
    .zone-bar {
      block-size: var(--_target);
      margin-block-end: var(--_space);
    }
    .nav-bar {
      block-size: var(--_target);
    }
    .time-bar {
      block-size: var(--_target);
      margin-block-end: 0.5rem;
    }
    .decline-bar {
      block-size: var(--_target);
      inline-size: min(100%, 18rem);
      margin-block: var(--_space) 0;
    }
    @keyframes pulse {
      50% {
        opacity: 0.5;
      }
    }
    @media (forced-colors: active) {
      /* As specific as the brand rules above, so the system colours win in high-contrast mode. */
      .day[aria-selected='true'],
      .day.available[aria-selected='true'],
      .time[aria-selected='true'] {
        forced-color-adjust: none;
        background: Highlight;
        color: HighlightText;
      }
      .day.available {
        border-color: CanvasText;
      }
      .cell,
      .bar {
        border: 1px solid GrayText;
      }
    }
  `,
];
