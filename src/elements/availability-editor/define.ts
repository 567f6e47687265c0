/** Registers `<dv-availability-editor>` once; safe to import twice (two bundles on one page, hot reload). */
import { DvAvailabilityEditor } from './availability-editor.js';

if (!customElements.get('dv-availability-editor')) customElements.define('dv-availability-editor', DvAvailabilityEditor);

declare global {
  interface HTMLElementTagNameMap {
    'dv-availability-editor': DvAvailabilityEditor;
  }
}
