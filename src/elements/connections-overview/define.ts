/**
 * Registers `<dv-connections-overview>` once; safe to import twice (two bundles on one page, hot reload).
 */
import { DvConnectionsOverview } from './connections-overview.js';

if (!customElements.get('dv-connections-overview')) customElements.define('dv-connections-overview', DvConnectionsOverview);

declare global {
  interface HTMLElementTagNameMap {
    'dv-connections-overview': DvConnectionsOverview;
  }
}
