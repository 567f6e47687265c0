/**
 * Public, side-effect-free entry of the dv-calendar elements: element classes, event classes and types.
 * Importing it registers nothing; import `dv-calendar/define.js` (or one element's `define`) for that.
 */
export * from './elements/slot-picker/index.js';
export * from './elements/availability-check/index.js';
export * from './elements/availability-editor/index.js';
export * from './elements/booking-request/index.js';
export * from './elements/calendar-context/index.js';
export * from './elements/connection-status/index.js';
export * from './elements/connections-overview/index.js';
export * from './elements/room-selector/index.js';
export * from './client/index.js';
