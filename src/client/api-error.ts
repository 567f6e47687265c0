/**
 * Errors thrown by the typed fetch clients. `ApiError` is a server answer in the one wire error shape
 * (`{ error: { code, message, details } }`) or an answer that could not be read as such; `NetworkError` is a request
 * that never got an answer. Aborted requests are NOT wrapped: the caller's `AbortError` passes through untouched so
 * "stale request cancelled" is never mistaken for a failure.
 */
import type { ErrorCode } from '../shared/errors.js';

/** Wire codes plus the client's own for an answer that does not match the contract. */
export type ClientErrorCode = ErrorCode | 'invalid_response' | 'network_error';

export class ApiError extends Error {
  override readonly name: string = 'ApiError';
  readonly status: number;
  /** Stable machine-readable code; servers may add codes, so unknown strings pass through. */
  readonly code: ClientErrorCode | (string & {});
  readonly details: unknown;

  constructor(status: number, code: ClientErrorCode | (string & {}), message: string, details?: unknown) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** The request failed before any response (offline, DNS, CORS, connection reset). Status is 0. */
export class NetworkError extends ApiError {
  override readonly name = 'NetworkError';

  constructor(cause: unknown) {
    super(0, 'network_error', cause instanceof Error ? cause.message : String(cause));
    this.cause = cause;
  }
}

export const isAbortError = (e: unknown): boolean => e instanceof DOMException && e.name === 'AbortError';
