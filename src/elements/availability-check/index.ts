/**
 * Public entry of `<dv-availability-check>`: the class, its events and types, no side effects (registration lives
 * in define.ts).
 */
export { DvAvailabilityCheck, PHASES as AVAILABILITY_CHECK_PHASES, type Phase as AvailabilityCheckPhase, type Applicant } from './availability-check.js';
export * from './events.js';
