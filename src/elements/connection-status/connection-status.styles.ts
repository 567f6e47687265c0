/**
 * Styles of `<dv-connection-status>` and the parts the connections overview shares with it (status line, buttons,
 * dialog), adopted through Lit `css` (no inline `<style>`, no `style=` attributes: strict `style-src 'self'` CSP).
 * Status tones colour the icon and border only as a second signal — the text and the icon's shape carry the state;
 * in forced-colors mode borders and icons use system colours. Logical properties only (RTL-safe); the card wraps
 * at 320 px and never scrolls inside.
 */
import { css } from 'lit';
import { srOnly, tokens } from '../shared/tokens.styles.js';

/** Buttons, status tones, notices and the confirmation dialog: shared by both connection elements. */
export const connectionShared = css`
  :host {
    --_badge-radius: var(--dv-connection-badge-radius, 999px);
  }
  p {
    margin: 0 0 calc(var(--_space) * 0.5);
  }
  :is(h2, h3, h4, h5, h6) {
    margin: 0 0 calc(var(--_space) * 0.75);
    font-size: 1.125rem;
    line-height: 1.3;
  }
  .muted {
    color: var(--_muted);
  }
  .icon {
    inline-size: 1.125em;
    block-size: 1.125em;
    flex: none;
  }
  .status,
  .error,
  .loading {
    display: flex;
    align-items: center;
    gap: 0.5em;
  }
  .status {
    font-weight: 600;
  }
  .status--ok .icon,
  .badge--ok .icon {
    color: var(--_success);
  }
  .status--danger .icon,
  .badge--danger .icon,
  .error {
    color: var(--_danger);
  }
  .status--neutral .icon,
  .badge--neutral .icon {
    color: var(--_muted);
  }
  /* Motion only says "working"; the words say it too, and reduced motion stops it (tokens.styles.ts). */
  .status--busy .icon--sync,
  .badge--busy .icon--sync,
  .loading .icon--sync {
    animation: dv-spin 1.6s linear infinite;
  }
  @keyframes dv-spin {
    to {
      transform: rotate(360deg);
    }
  }
  .notice {
    border-inline-start: 4px solid var(--_border);
    padding-inline-start: 0.75rem;
    font-weight: 600;
  }
  .notice--ok {
    border-inline-start-color: var(--_success);
  }
  .notice--danger {
    border-inline-start-color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-block-start: calc(var(--_space) * 0.75);
  }
  button,
  .link-button {
    font: inherit;
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    padding: 0.25rem 0.875rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
  }
  button.primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
  }
  button.danger-button {
    border-color: var(--_danger);
    color: var(--_danger);
    font-weight: 600;
  }
  button[aria-disabled='true'] {
    cursor: progress;
    opacity: 0.75;
  }
  .dialog {
    max-inline-size: min(32rem, calc(100vw - 2rem));
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    padding: var(--_space);
    font-family: var(--_font);
  }
  .dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  .dialog .actions {
    justify-content: flex-end;
  }
  @media (forced-colors: active) {
    .icon {
      color: CanvasText !important;
    }
    button.primary {
      forced-color-adjust: none;
      background: ButtonText;
      color: ButtonFace;
      border-color: ButtonText;
    }
    .notice {
      border-inline-start-color: CanvasText;
    }
  }
`;

export const styles = [
  tokens,
  srOnly,
  connectionShared,
  css`
    :host([variant='badge']) {
      display: inline-block;
    }
    .card {
      max-inline-size: var(--dv-connection-card-max-width, 40rem);
      background: var(--_surface);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: var(--_space);
      overflow-wrap: anywhere;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 0.375em;
      min-block-size: max(24px, calc(var(--_target) * 0.6));
      padding: 0.125rem 0.625rem;
      border: 1px solid var(--_border);
      border-radius: var(--_badge-radius);
      background: var(--_surface);
      color: var(--_text);
      font: inherit;
      font-size: 0.875rem;
      line-height: 1.3;
      text-decoration: none;
      white-space: nowrap;
    }
    a.badge,
    button.badge {
      cursor: pointer;
      min-inline-size: 24px;
    }
    a.badge:hover,
    button.badge:hover {
      text-decoration: underline;
    }
    .badge--danger {
      border-color: var(--_danger);
    }
    .badge--ok {
      border-color: var(--_success);
    }
    .details-panel {
      display: block;
      margin-block-start: 0.5rem;
      padding: calc(var(--_space) * 0.75);
      max-inline-size: min(28rem, 100%);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
      white-space: normal;
    }
    .details-panel[hidden] {
      display: none;
    }
    .details {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.125rem 0.75rem;
      margin: 0 0 calc(var(--_space) * 0.5);
    }
    .details div {
      display: contents;
    }
    .details dt {
      color: var(--_muted);
    }
    .details dd {
      margin: 0;
    }
    @media (forced-colors: active) {
      .badge {
        border-color: CanvasText;
      }
    }
  `,
];
