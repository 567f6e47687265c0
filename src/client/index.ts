/**
 * The typed fetch clients the elements use; browser-safe (no zod at runtime, no node:*).
 */
export { ApiError, NetworkError, isAbortError, type ClientErrorCode } from './api-error.js';
export {
  createPublicBookingClient,
  randomKey,
  type BookOptions,
  type PublicBookingClient,
  type PublicBookingClientOptions,
  type RequestOptions,
} from './public-booking-client.js';
