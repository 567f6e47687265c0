/**
 * Public surface of the Cronofy integration: the HTTP client, the token manager, HMAC verification of callbacks,
 * data-centre URLs and the typed errors. Side-effect free; imports only zod, node:crypto and `src/shared` (zoned dates).
 */
export {
  createCronofyClient,
  clampReadWindow,
  DEFAULT_SCOPES,
  DEFAULT_SERVICE_ACCOUNT_SCOPES,
  DEFAULT_DELEGATED_SCOPES,
  READ_WINDOW,
  type CronofyClient,
  type CronofyClientOptions,
  type AuthorizationUrlParams,
  type EnterpriseConnectUrlParams,
  type FreeBusyQuery,
  type FreeBusyResult,
  type ReadEventsQuery,
  type ReadEventsResult,
  type RevokeParams,
  type ServiceAccountAuthorizationInput,
} from './client.js';
export { cronofyUrls, isCronofyDataCenter, CRONOFY_DATA_CENTERS, type CronofyDataCenter, type CronofyUrls } from './urls.js';
export {
  CronofyError,
  CronofyAuthError,
  CronofyLockedError,
  CronofyRateLimitError,
  CronofyUnavailableError,
  CronofyNotConnectedError,
  CronofyConnectionFailedError,
  type CronofyErrorCode,
  type CronofyFieldError,
  type CronofyValidationErrors,
} from './errors.js';
export { createTokenManager, isPermanentRefreshFailure, type Tokens, type TokenStore, type TokenManager, type TokenManagerOptions } from './tokens.js';
export { verifyCronofyHmac, signCronofyHmac, CRONOFY_HMAC_HEADER } from './hmac.js';
export { createRateLimiter, realClock, type Clock, type RateLimiter, type RateLimitOptions } from './rate-limiter.js';
export type { CronofyLogEntry, CronofyLogger, RetryOptions } from './http.js';
export {
  PushNotificationSchema,
  ServiceAccountCallbackSchema,
  type Attendee,
  type AttendeeInput,
  type Calendar,
  type Channel,
  type CreateChannelInput,
  type CronofyEvent,
  type DeleteEventInput,
  type EventTime,
  type FreeBusyPeriod,
  type Profile,
  type PushNotification,
  type Resource,
  type ServiceAccountCallback,
  type TokenResponse,
  type UpsertEventInput,
  type UserInfo,
} from './schemas.js';
