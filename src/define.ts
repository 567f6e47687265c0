/**
 * The one registration side effect: defines every `dv-*` element, each guarded so a second copy on the page
 * (two bundles, hot reload) does not throw. The script-tag build (`dist/cdn/dv-calendar.js`) is this file with
 * lit bundled in.
 */
import './elements/availability-check/define.js';
import './elements/availability-editor/define.js';
import './elements/booking-request/define.js';
import './elements/calendar-context/define.js';
import './elements/connection-status/define.js';
import './elements/connections-overview/define.js';
import './elements/room-selector/define.js';
import './elements/slot-picker/define.js';

export * from './index.js';
