/**
 * Registers `<dv-connection-status>` once; safe to import twice (two bundles on one page, hot reload).
 */
import { DvConnectionStatus } from './connection-status.js';

if (!customElements.get('dv-connection-status')) customElements.define('dv-connection-status', DvConnectionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'dv-connection-status': DvConnectionStatus;
  }
}
