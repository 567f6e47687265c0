/**
 * Styles of `<dv-availability-check>`, adopted through Lit `css` (no inline `<style>`, no `style=` attributes, so a
 * strict `style-src 'self'` CSP holds). Mobile first and container-query based: the element's slot in the admin
 * form says nothing about the viewport. The availability table scrolls sideways inside its own focusable region at
 * narrow widths (a table cannot reflow without losing its headers); everything else wraps. Logical properties only.
 * States carry an icon and a word; colour only reinforces them, and forced-colors mode keeps borders.
 */
import { css } from 'lit';
import { srOnly, tokens } from '../shared/tokens.styles.js';
import { formStyles } from './shared.js';

export const styles = [
  tokens,
  srOnly,
  formStyles,
  css`
    :host {
      max-inline-size: var(--dv-availability-check-max-width, none);
    }
    .section-head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      margin-block-end: 0.5rem;
    }
    .section-head :is(h2, h3, h4, h5, h6) {
      margin: 0;
    }
    .proposal {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 0 var(--_space);
    }
    .proposal > .label {
      flex-basis: 100%;
    }
    .until {
      align-self: center;
      margin-block-end: var(--_space);
    }
    .remove {
      margin-block-end: var(--_space);
    }
    .hint {
      margin-block: 0.5rem 0;
      font-size: 0.9375rem;
    }
    textarea {
      display: block;
      padding-block: 0.375rem;
      resize: vertical;
    }
    .table-wrap {
      overflow-x: auto;
      margin-block-end: var(--_space);
      border-radius: var(--_radius);
    }
    table {
      border-collapse: collapse;
      inline-size: 100%;
    }
    caption {
      text-align: start;
      font-weight: 600;
      padding-block-end: 0.5rem;
    }
    th,
    td {
      border: 1px solid var(--_border);
      padding: 0.375rem 0.5rem;
      text-align: start;
      vertical-align: top;
    }
    thead th,
    tfoot th,
    tbody th {
      background: var(--_surface-alt);
    }
    thead th span {
      display: block;
      font-weight: normal;
    }
    thead th .col-name {
      font-weight: 600;
    }
    .state {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      font-weight: 600;
    }
    .state.free,
    .reply.accepted .reply-state {
      color: var(--_success);
    }
    .state.busy,
    .reply.declined .reply-state {
      color: var(--_danger);
    }
    .state.unknown,
    .reply.needs_action .reply-state,
    .reply.tentative .reply-state {
      color: var(--_muted);
    }
    .detail {
      display: block;
      color: var(--_muted);
      font-size: 0.875rem;
    }
    .choices .group {
      border: none;
      padding: 0;
      margin-block: 0.5rem 0;
    }
    .choices .group legend {
      font-weight: normal;
      color: var(--_muted);
    }
    .choice {
      align-items: start;
      padding-block: 0.25rem;
    }
    .choice input {
      margin-block-start: 0.125rem;
    }
    .replies {
      list-style: none;
      padding: 0;
      display: grid;
      gap: 0.25rem;
    }
    .reply {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0 1rem;
      padding-block: 0.25rem;
      border-block-end: 1px solid var(--_surface-alt);
    }
    .reply-state {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      font-weight: 600;
    }
    @media (forced-colors: active) {
      .state,
      .reply-state {
        color: CanvasText;
      }
    }
  `,
];
