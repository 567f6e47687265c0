/**
 * Registers `<dv-booking-request>` once; safe to import twice (two bundles on one page, hot reload).
 */
import { DvBookingRequest } from './booking-request.js';

if (!customElements.get('dv-booking-request')) customElements.define('dv-booking-request', DvBookingRequest);

declare global {
  interface HTMLElementTagNameMap {
    'dv-booking-request': DvBookingRequest;
  }
}
