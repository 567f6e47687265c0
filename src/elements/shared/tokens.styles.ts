/**
 * Design tokens shared by every dv-* element, as CSS custom properties with defaults, plus the base rules every
 * element wants (font, focus ring, reduced motion). Hosts theme with the public `--dv-*` properties; elements read
 * only the private `--_*` copies so one fallback chain lives here.
 *
 * Light and dark: `light-dark()` follows the `color-scheme` of the host, which defaults to the user's preference
 * (`prefers-color-scheme`) and is overridable by the page with plain CSS (`dv-slot-picker { color-scheme: dark }`).
 * Browsers without `light-dark()` get the light palette. Default colours meet WCAG 2.2 AA (4.5:1 text, 3:1 UI).
 * Adopted stylesheets only: no inline `<style>`, so a strict `style-src 'self'` CSP holds.
 */
import { css } from 'lit';

export const tokens = css`
  :host {
    color-scheme: light dark;
    --_primary: var(--dv-color-primary, #0b57d0);
    --_on-primary: var(--dv-color-on-primary, #fff);
    --_surface: var(--dv-color-surface, #fff);
    --_surface-alt: var(--dv-color-surface-alt, #f1f3f6);
    --_text: var(--dv-color-text, #1b1d21);
    --_muted: var(--dv-color-text-muted, #4f5662);
    --_border: var(--dv-color-border, #7a8290);
    --_danger: var(--dv-color-danger, #b3261e);
    --_success: var(--dv-color-success, #146c2e);
    --_focus: var(--dv-color-focus, #0b57d0);
    --_font: var(--dv-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_radius: var(--dv-radius, 0.5rem);
    --_space: var(--dv-space, 1rem);
    --_target: max(24px, var(--dv-target-size, 2.75rem));
  }
  @supports (color: light-dark(#000, #fff)) {
    :host {
      --_primary: var(--dv-color-primary, light-dark(#0b57d0, #a8c7fa));
      --_on-primary: var(--dv-color-on-primary, light-dark(#fff, #062e6f));
      --_surface: var(--dv-color-surface, light-dark(#fff, #1b1d21));
      --_surface-alt: var(--dv-color-surface-alt, light-dark(#f1f3f6, #2a2d33));
      --_text: var(--dv-color-text, light-dark(#1b1d21, #eceef2));
      --_muted: var(--dv-color-text-muted, light-dark(#4f5662, #b8bec9));
      --_border: var(--dv-color-border, light-dark(#7a8290, #8d95a3));
      --_danger: var(--dv-color-danger, light-dark(#b3261e, #f2b8b5));
      --_success: var(--dv-color-success, light-dark(#146c2e, #8fd19e));
      --_focus: var(--dv-color-focus, light-dark(#0b57d0, #a8c7fa));
    }
  }
  :host {
    display: block;
    font-family: var(--_font);
    color: var(--_text);
    line-height: 1.5;
  }
  :host([hidden]) {
    display: none;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: 2px;
  }
  @media (prefers-reduced-motion: reduce) {
    *,
    *::before,
    *::after {
      animation: none !important;
      transition: none !important;
    }
  }
  @media (forced-colors: active) {
    :focus-visible {
      outline-color: Highlight;
    }
  }
`;

/** Visually hidden but read by screen readers (live regions, extra labels). */
export const srOnly = css`
  .sr-only {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
