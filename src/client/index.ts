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
export { createHttp, baseUrl, type Http, type HttpOptions, type CallOptions } from './http.js';
export { createTokenSource, type TokenProvider, type TokenSource } from './token-source.js';
export { createConnectionsClient, currentReturnTo, tokenSubject, type ConnectionsClient } from './connections-client.js';
export { LiveStream, sharedLiveStream, type EventSourceFactory, type LiveStatus } from './live-client.js';
export { createSchedulingClient, type SchedulingClient } from './scheduling-client.js';
export { createAvailabilityClient, type AvailabilityClient } from './availability-client.js';
export { createRoomsClient, type RoomsClient, type NewRoom } from './rooms-client.js';
