/**
 * Styles of `<dv-availability-editor>`, adopted through Lit `css` (no inline styles: strict-CSP safe). The grid is
 * a time column plus seven day columns that shrink to fit 320px (cells never below 24×24 CSS px); painted cells
 * differ by fill AND a check mark, partly covered ones by stripes, so state never rests on colour alone, and
 * forced-colors mode maps them to system colours. No fixed heights, no inner scrolling; logical properties only.
 */
import { css } from 'lit';
import { formControls, surface, tones } from '../shared/controls.styles.js';
import { srOnly, tokens } from '../shared/tokens.styles.js';

export const styles = [
  tokens,
  srOnly,
  surface,
  tones,
  formControls,
  css`
    :host {
      --_cell-height: max(24px, var(--dv-availability-cell-height, 1.5rem));
    }
    :is(h2, h3, h4, h5, h6),
    p,
    ul {
      margin: 0 0 calc(var(--_space) * 0.75);
    }
    [part='heading'] {
      font-size: 1.375rem;
      line-height: 1.3;
    }
    [part='subheading'] {
      font-size: 1rem;
      margin-block-start: var(--_space);
    }
    button.small {
      min-block-size: max(24px, calc(var(--_target) * 0.75));
      padding-inline: 0.5rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      margin-block: var(--_space) 0.5rem;
    }
    input,
    select {
      font: inherit;
      color: inherit;
      background: var(--_surface);
      min-block-size: max(24px, calc(var(--_target) * 0.75));
      box-sizing: border-box;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding-inline: 0.5rem;
    }
    [aria-invalid='true'] {
      border: 2px solid var(--_danger);
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.125rem;
    }
    .field-error {
      flex-basis: 100%;
      margin: 0;
    }

    /* The grid: one CSS grid per row with the same columns, so role="row" keeps its box and semantics. */
    .grid {
      user-select: none;
      -webkit-user-select: none;
      margin-block-end: var(--_space);
    }
    .row {
      display: grid;
      grid-template-columns: minmax(2.75rem, auto) repeat(7, minmax(24px, 1fr));
      gap: 2px;
      margin-block-end: 2px;
    }
    .day {
      text-align: center;
      font-size: 0.8125rem;
      font-weight: 600;
      color: var(--_muted);
    }
    .time {
      font-size: 0.75rem;
      font-variant-numeric: tabular-nums;
      color: var(--_muted);
      text-align: end;
      padding-inline-end: 0.25rem;
      line-height: 1;
      transform: translateY(-0.4em);
    }
    .cell {
      min-block-size: var(--_cell-height);
      box-sizing: border-box;
      background: var(--_surface-alt);
      border: 1px solid transparent;
      border-radius: 3px;
      cursor: pointer;
      touch-action: none;
      display: grid;
      place-items: center;
      font-size: 0.75rem;
      line-height: 1;
    }
    .cell.on {
      background: var(--_primary);
      color: var(--_on-primary);
    }
    .cell.on::after {
      /* Decoration: the cell's name already says "available", so the mark gets empty alternative text. */
      content: '✓' / '';
    }
    .cell.partial {
      background: repeating-linear-gradient(135deg, var(--_primary) 0 3px, var(--_surface-alt) 3px 7px);
      border-color: var(--_primary);
    }
    .cell:focus-visible {
      outline-offset: 0;
      position: relative;
      z-index: 1;
    }
    [aria-disabled='true'] .cell {
      cursor: not-allowed;
    }
    .summary ul,
    .override-list {
      padding: 0;
      list-style: none;
    }
    .override {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.75rem;
      margin-block-end: 0.75rem;
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 0.5rem 1rem;
    }
    .override-date {
      flex-basis: 100%;
      font-weight: 600;
      margin: 0;
    }
    .override > p.muted {
      margin: 0;
    }
    .range,
    .add-override {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 0.5rem;
    }
    .skeleton .bar {
      display: block;
      block-size: var(--_cell-height);
      margin-block-end: 2px;
      background: var(--_surface-alt);
      border-radius: 3px;
      animation: pulse 1.5s ease-in-out infinite;
    }
    @keyframes pulse {
      50% {
        opacity: 0.5;
      }
    }
    @media (forced-colors: active) {
      .cell {
        border-color: CanvasText;
      }
      .cell.on {
        forced-color-adjust: none;
        background: Highlight;
        color: HighlightText;
      }
      .cell.partial {
        forced-color-adjust: none;
        background: repeating-linear-gradient(135deg, Highlight 0 3px, Canvas 3px 7px);
      }
      .skeleton .bar {
        border: 1px solid GrayText;
      }
    }
  `,
];
