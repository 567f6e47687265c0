/**
 * Public entry of `<dv-booking-request>`: the class, its events and types, no side effects (registration lives in
 * define.ts).
 */
export { DvBookingRequest, PHASES as BOOKING_REQUEST_PHASES, type Phase as BookingRequestPhase } from './booking-request.js';
export type { PreviewOutcome } from './internal/period.js';
export * from './events.js';
