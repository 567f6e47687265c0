/**
 * Styles of `<dv-room-selector>`, adopted through Lit `css` (strict-CSP safe). Options are full-width rows at least
 * one target high; the checked one has a filled radio mark and a thicker border, each status its own icon shape
 * beside its word, so neither choice nor status rests on colour; forced-colors mode maps them to system colours.
 * Wraps at 320px; logical properties only.
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
    p {
      margin: 0 0 calc(var(--_space) * 0.5);
    }
    .label,
    .manage-heading {
      font-weight: 600;
    }
    .meta {
      color: var(--_muted);
    }
    .notice.danger {
      border-color: var(--_danger);
    }
    button.small {
      min-block-size: 24px;
      padding-inline: 0.5rem;
      margin-inline-start: 0.5rem;
    }
    .group {
      display: grid;
      gap: 0.5rem;
      margin-block-end: 0.5rem;
    }
    .option {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.75rem;
      min-block-size: var(--_target);
      padding: 0.5rem 0.75rem;
      box-sizing: border-box;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      cursor: pointer;
    }
    .option.checked {
      border: 2px solid var(--_primary);
      padding: calc(0.5rem - 1px) calc(0.75rem - 1px);
    }
    .mark {
      inline-size: 1.125rem;
      block-size: 1.125rem;
      border: 2px solid var(--_border);
      border-radius: 50%;
      box-sizing: border-box;
      flex: none;
      display: grid;
      place-items: center;
    }
    .checked .mark {
      border-color: var(--_primary);
    }
    .checked .mark::after {
      content: '';
      inline-size: 0.5rem;
      block-size: 0.5rem;
      border-radius: 50%;
      background: var(--_primary);
    }
    .text {
      flex: 1 1 8rem;
    }
    .name {
      font-weight: 600;
    }
    .status {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      font-size: 0.9375rem;
    }
    .status svg {
      inline-size: 1.125rem;
      block-size: 1.125rem;
      flex: none;
    }
    .status.free {
      color: var(--_success);
    }
    .status.busy {
      color: var(--_danger);
    }
    .status.unknown,
    .status.loading {
      color: var(--_muted);
    }
    .cut {
      stroke: var(--_surface);
    }
    .manage {
      border-block-start: 1px solid var(--_border);
      margin-block-start: var(--_space);
      padding-block-start: var(--_space);
    }
    .actions,
    .add-room {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: 0.75rem;
      margin-block-end: 0.75rem;
    }
    .create-form {
      display: grid;
      gap: 0.5rem;
      max-inline-size: 24rem;
      margin-block-end: 0.75rem;
    }
    .create-form[hidden] {
      display: none;
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 0.125rem;
    }
    .field-error {
      margin: 0;
    }
    input,
    select {
      font: inherit;
      color: inherit;
      background: var(--_surface);
      min-block-size: var(--_target);
      box-sizing: border-box;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding-inline: 0.5rem;
      max-inline-size: 100%;
    }
    [aria-invalid='true'] {
      border: 2px solid var(--_danger);
    }
    .skeleton .bar {
      display: block;
      block-size: var(--_target);
      margin-block-end: 0.5rem;
      background: var(--_surface-alt);
      border-radius: var(--_radius);
      animation: pulse 1.5s ease-in-out infinite;
    }
    @keyframes pulse {
      50% {
        opacity: 0.5;
      }
    }
    @media (forced-colors: active) {
      .option.checked {
        border-color: Highlight;
      }
      .checked .mark::after {
        forced-color-adjust: none;
        background: Highlight;
      }
      .cut {
        stroke: Canvas;
      }
      .skeleton .bar {
        border: 1px solid GrayText;
      }
    }
  `,
];
