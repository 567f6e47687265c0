/**
 * Public entry of `<dv-connections-overview>`: the class, its load event and types, no side effects (registration
 * lives in define.ts). The shared connection events come from `../connection-status/index.js`.
 */
export { DvConnectionsOverview } from './connections-overview.js';
export { DvConnectionsLoadEvent, type DvConnectionsLoadDetail } from './events.js';
export { FILTERS, type Filter } from './internal/table.js';
