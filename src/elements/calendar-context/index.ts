/** Public entry of `<dv-calendar-context>`: the class, no side effects. */
export { DvCalendarContext } from './calendar-context.js';
export { calendarContext, type CalendarConfig } from '../context.js';
