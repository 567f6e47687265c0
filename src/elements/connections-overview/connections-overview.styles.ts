/**
 * Styles of `<dv-connections-overview>`, adopted through Lit `css` (strict-CSP safe). The table keeps real table
 * semantics at every width; below 40rem of the element's own width (container query) its rows become stacked
 * blocks so 320 px and 200 % zoom need no sideways scrolling; the header row is then visually hidden but stays in
 * the accessibility tree, so cells keep their column names for screen readers. Filter values are native
 * radios styled as chips (arrow keys move between them for free). Logical properties only (RTL-safe).
 */
import { css } from 'lit';
import { surface } from '../shared/controls.styles.js';
import { srOnly, tokens } from '../shared/tokens.styles.js';
import { connectionShared } from '../connection-status/connection-status.styles.js';

export const styles = [
  tokens,
  srOnly,
  surface,
  connectionShared,
  css`
    .base {
      container-type: inline-size;
      overflow-wrap: anywhere;
    }
    .panel {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface-alt);
      padding: var(--_space);
      margin-block-end: var(--_space);
    }
    .sa-account {
      display: flex;
      align-items: center;
      gap: 0.5em;
    }
    .sa-account .icon {
      color: var(--_success);
    }
    .rooms {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      margin-block-start: 0.5rem;
    }
    .rooms:empty {
      display: none;
    }
    .rooms p {
      margin: 0;
    }
    .filter {
      border: 0;
      padding: 0;
      margin: 0 0 var(--_space);
      min-inline-size: 0;
    }
    .filter legend {
      font-weight: 600;
      padding: 0;
      margin-block-end: 0.375rem;
    }
    .filter-options {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      min-block-size: var(--_target);
      padding: 0 0.75rem;
      border: 1px solid var(--_border);
      border-radius: 999px;
      cursor: pointer;
      background: var(--_surface);
    }
    .chip input {
      margin: 0;
      inline-size: 1rem;
      block-size: 1rem;
      accent-color: var(--_primary);
    }
    .chip:has(input:checked) {
      border-color: var(--_primary);
      border-width: 2px;
      font-weight: 600;
    }
    .chip:has(input:focus-visible) {
      outline: 3px solid var(--_focus);
      outline-offset: 2px;
    }
    .chip input:focus-visible {
      outline: none;
    }
    .count {
      min-inline-size: 1.5em;
      padding: 0 0.375em;
      border-radius: 999px;
      background: var(--_surface-alt);
      text-align: center;
      font-variant-numeric: tabular-nums;
    }
    .search {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      margin-block-end: var(--_space);
      max-inline-size: 24rem;
    }
    .search input {
      font: inherit;
      min-block-size: var(--_target);
      padding: 0 0.625rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      color: var(--_text);
    }
    .table {
      inline-size: 100%;
      border-collapse: collapse;
    }
    caption {
      text-align: start;
      color: var(--_muted);
      padding-block-end: 0.5rem;
    }
    th,
    td {
      text-align: start;
      vertical-align: top;
      padding: var(--dv-connections-row-padding, 0.5rem) 0.5rem;
      border-block-end: 1px solid var(--_border);
    }
    thead th {
      background: var(--_surface-alt);
      font-weight: 600;
      white-space: nowrap;
    }
    tbody th {
      font-weight: 600;
    }
    .sort {
      border: 0;
      background: none;
      padding: 0 0.25rem;
      font-weight: 600;
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      min-inline-size: 24px;
    }
    .sort-mark {
      color: var(--_muted);
      font-size: 0.75em;
    }
    .name {
      display: inline-flex;
      align-items: center;
      gap: 0.5em;
    }
    .name .icon,
    .icon-gap {
      inline-size: 1.125em;
      block-size: 1.125em;
      flex: none;
      color: var(--_success);
    }
    .status {
      display: inline-flex;
      font-weight: 400;
    }
    .small {
      display: block;
      font-size: 0.875rem;
    }
    .row-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
    }
    .row-actions button {
      font-size: 0.875rem;
    }
    .empty {
      color: var(--_muted);
      text-align: center;
    }
    /* Narrow containers: each row is a stacked block; the header row stays for assistive technology only. */
    @container (max-width: 40rem) {
      .table thead {
        position: absolute;
        inline-size: 1px;
        block-size: 1px;
        overflow: hidden;
        clip-path: inset(50%);
      }
      .table,
      .table tbody,
      .table tr,
      .table th[scope='row'],
      .table td {
        display: block;
      }
      .table tr {
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        margin-block-end: 0.75rem;
        padding: 0.25rem 0;
      }
      .table th[scope='row'],
      .table td {
        border: 0;
        padding-block: 0.25rem;
      }
      .table td.email {
        color: var(--_muted);
      }
    }
    @media (forced-colors: active) {
      .chip:has(input:checked) {
        border-color: Highlight;
      }
      .count {
        border: 1px solid CanvasText;
      }
    }
  `,
];
