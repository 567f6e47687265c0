/**
 * Style blocks several dv-* elements share, composed after `tokens` in each element's `styles` array: the surface of
 * the `base` part, the text tones, the main-action and unavailable looks, and the buttons and notices of the form-like
 * admin elements. Elements add or override after these, so an element's own rules of equal specificity win.
 * Adopted stylesheets only (strict-CSP safe); reads only the private `--_*` tokens.
 */
import { css } from 'lit';

/** The outer `base` part: the element's surface. */
export const surface = css`
  .base {
    background: var(--_surface);
    padding: var(--_space);
    border-radius: var(--_radius);
  }
`;

/** Text tones, the main action (`.primary`) and unavailable controls (`aria-disabled`, still focusable). */
export const tones = css`
  .muted {
    color: var(--_muted);
  }
  .danger {
    color: var(--_danger);
  }
  .success {
    color: var(--_success);
  }
  .primary {
    background: var(--_primary);
    border-color: var(--_primary);
    color: var(--_on-primary);
    font-weight: 600;
  }
  [aria-disabled='true'] {
    opacity: 0.6;
    cursor: not-allowed;
  }
`;

/** Buttons, notices and empty live regions of the form-like elements (availability editor, room selector). */
export const formControls = css`
  [role='status']:empty,
  [role='alert']:empty {
    margin: 0;
  }
  .notice {
    border-inline-start: 4px solid var(--_primary);
    padding-inline-start: 0.75rem;
  }
  button {
    font: inherit;
    min-block-size: var(--_target);
    min-inline-size: var(--_target);
    padding: 0.25rem 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    cursor: pointer;
  }
`;
