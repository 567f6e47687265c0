/**
 * Styles of `<dv-booking-request>`, adopted through Lit `css` (no inline `<style>`, no `style=` attributes, so a
 * strict `style-src 'self'` CSP holds). Form fields wrap in the element's own width (container queries, logical
 * properties); the preview states carry an icon and a sentence, colour only reinforces them.
 */
import { css } from 'lit';
import { srOnly, tokens } from '../shared/tokens.styles.js';
import { formStyles } from '../availability-check/shared.js';

export const styles = [
  tokens,
  srOnly,
  formStyles,
  css`
    :host {
      max-inline-size: var(--dv-booking-request-max-width, none);
    }
    .hint {
      margin-block: 0.25rem 0.5rem;
      font-size: 0.9375rem;
    }
    .field-error {
      margin-block: 0.25rem 0;
    }
    .preview {
      background: var(--_surface-alt);
      border-radius: var(--_radius);
      padding: 0.75rem var(--_space);
    }
    .preview :is(h2, h3, h4, h5, h6) {
      margin-block-end: 0.5rem;
    }
    .preview p:last-child,
    .preview ul:last-child {
      margin-block-end: 0;
    }
    .result {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      font-weight: 600;
    }
    .result.ok {
      color: var(--_success);
    }
    .result.none {
      color: var(--_danger);
    }
    .link {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.75rem var(--_space);
      margin-block-end: var(--_space);
    }
    .link-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    .link-row input {
      flex: 1 1 16rem;
      inline-size: auto;
    }
    .reason {
      border-inline-start: 4px solid var(--_danger);
      padding-inline-start: 0.75rem;
      margin-block-end: var(--_space);
    }
    .resend {
      border-block-start: 1px solid var(--_border);
      padding-block-start: var(--_space);
    }
    @media (forced-colors: active) {
      .result {
        color: CanvasText;
      }
      .preview {
        border: 1px solid CanvasText;
      }
    }
  `,
];
