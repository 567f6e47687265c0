/** Registers `<dv-calendar-context>` once; safe to import twice. */
import { DvCalendarContext } from './calendar-context.js';

if (!customElements.get('dv-calendar-context')) customElements.define('dv-calendar-context', DvCalendarContext);

declare global {
  interface HTMLElementTagNameMap {
    'dv-calendar-context': DvCalendarContext;
  }
}
