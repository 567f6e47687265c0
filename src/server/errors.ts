/**
 * `ApiError` is how route and service code refuses a request: a status, a stable code from
 * `src/shared/errors.ts`, a human message and optional details. The app's single error handler turns it (and
 * zod validation errors) into the wire shape; anything else is a bug, logged and answered with 500 `internal`.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorCode } from '../shared/errors.js';

export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly headers: Record<string, string>;

  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string, details?: unknown, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export const notFound = (what = 'resource') => new ApiError(404, 'not_found', `No such ${what}.`);
export const forbidden = (message = 'You are not allowed to do this.') => new ApiError(403, 'forbidden', message);
export const plusRequired = () => new ApiError(403, 'plus_required', 'This feature needs the Plus tier of the calendar integration.');
