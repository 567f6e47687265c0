/** Registers `<dv-room-selector>` once; safe to import twice (two bundles on one page, hot reload). */
import { DvRoomSelector } from './room-selector.js';

if (!customElements.get('dv-room-selector')) customElements.define('dv-room-selector', DvRoomSelector);

declare global {
  interface HTMLElementTagNameMap {
    'dv-room-selector': DvRoomSelector;
  }
}
