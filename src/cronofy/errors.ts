/**
 * Typed errors of the Cronofy client. Every failure a caller can act on has its own class so product code can
 * branch with `instanceof` instead of reading status codes: 401 → refresh ({@link CronofyAuthError}), 423 → the
 * profile is disconnected ({@link CronofyLockedError}), 429 after bounded back-off ({@link CronofyRateLimitError}),
 * 5xx/timeouts/network after bounded retries ({@link CronofyUnavailableError}, code `calendar_unavailable`, the code the
 * product shows as "calendar unavailable"). Invariant: no error message or field ever holds a token, secret, or
 * authorization code — only the method, the path without query string, the status and Cronofy's error body.
 */

/** One entry of Cronofy's 422 body: `{ errors: { field: [{ key, description }] } }`. */
export type CronofyFieldError = { key: string; description?: string };
export type CronofyValidationErrors = Record<string, CronofyFieldError[]>;

export type CronofyErrorCode =
  | 'bad_request'
  | 'invalid_grant'
  | 'invalid_client'
  | 'unauthorized'
  | 'payment_required'
  | 'forbidden'
  | 'not_found'
  | 'validation_failed'
  | 'locked'
  | 'rate_limited'
  | 'calendar_unavailable'
  | 'invalid_response'
  | 'not_connected'
  | 'connection_failed'
  | 'http_error';

export type CronofyErrorInit = {
  status: number;
  code: CronofyErrorCode;
  method?: string;
  path?: string;
  /** Parsed 422 `errors` object. */
  errors?: CronofyValidationErrors;
  /** The OAuth `error` string of a 400/401 from `/oauth/token` (e.g. `invalid_grant`). */
  oauthError?: string;
  cause?: unknown;
};

export class CronofyError extends Error {
  override name = 'CronofyError';
  readonly status: number;
  readonly code: CronofyErrorCode;
  readonly method: string | undefined;
  readonly path: string | undefined;
  readonly errors: CronofyValidationErrors | undefined;
  readonly oauthError: string | undefined;

  constructor(message: string, init: CronofyErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.method = init.method;
    this.path = init.path;
    this.errors = init.errors;
    this.oauthError = init.oauthError;
  }
}

/** 401: the access token (or, on `/oauth/token`, the client credentials) was not recognised. */
export class CronofyAuthError extends CronofyError {
  override name = 'CronofyAuthError';
}

/** 423: Cronofy has no active provider credentials for the profile (it is disconnected). */
export class CronofyLockedError extends CronofyError {
  override name = 'CronofyLockedError';
}

/** 429 that outlasted the bounded back-off, or whose Retry-After exceeds what we are willing to wait. */
export class CronofyRateLimitError extends CronofyError {
  override name = 'CronofyRateLimitError';
  /** What Cronofy asked us to wait (Retry-After), when it said. */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, init: CronofyErrorInit & { retryAfterMs?: number }) {
    super(message, init);
    this.retryAfterMs = init.retryAfterMs;
  }
}

/** 5xx, timeouts or network failures after the bounded retries: show "calendar unavailable", never stale data. */
export class CronofyUnavailableError extends CronofyError {
  override name = 'CronofyUnavailableError';
  /** Number of HTTP attempts made. */
  readonly attempts: number;
  constructor(message: string, init: Omit<CronofyErrorInit, 'code'> & { attempts: number }) {
    super(message, { ...init, code: 'calendar_unavailable' });
    this.attempts = init.attempts;
  }
}

/** The token store holds no tokens for the key (never connected, or disconnected). */
export class CronofyNotConnectedError extends CronofyError {
  override name = 'CronofyNotConnectedError';
}

/**
 * The refresh token was rejected for good (400 invalid_grant or 401): the store's `markFailed` has been called and the
 * user must reconnect. `cause` holds the underlying {@link CronofyError}.
 */
export class CronofyConnectionFailedError extends CronofyError {
  override name = 'CronofyConnectionFailedError';
}
