/**
 * Registers `<dv-availability-check>` once; safe to import twice (two bundles on one page, hot reload).
 */
import { DvAvailabilityCheck } from './availability-check.js';

if (!customElements.get('dv-availability-check')) customElements.define('dv-availability-check', DvAvailabilityCheck);

declare global {
  interface HTMLElementTagNameMap {
    'dv-availability-check': DvAvailabilityCheck;
  }
}
