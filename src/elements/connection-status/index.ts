/**
 * Public entry of `<dv-connection-status>`: the class, its event classes and types, no side effects (registration
 * lives in define.ts).
 */
export { DvConnectionStatus, VARIANTS, type Variant } from './connection-status.js';
export * from './events.js';
export type { ConnectionStatus } from '../../client/connection-checks.js';
