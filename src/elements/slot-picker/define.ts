/**
 * Registers `<dv-slot-picker>` once; safe to import twice (two bundles on one page, hot reload).
 */
import { DvSlotPicker } from './slot-picker.js';

if (!customElements.get('dv-slot-picker')) customElements.define('dv-slot-picker', DvSlotPicker);

declare global {
  interface HTMLElementTagNameMap {
    'dv-slot-picker': DvSlotPicker;
  }
}
