/**
 * Typed client for a user's weekly availability and date overrides (`/api/users/:id/availability`, contract in
 * `src/shared/api/users.ts`). Plus only: on Basic both calls answer 403 `plus_required`, which the caller reads off
 * the thrown `ApiError`. Every call takes an AbortSignal; answers are checked before they reach an element.
 *
 * Invariants: the user id is path-encoded; `update` sends the body as given (the element has validated it with the
 * same rules the server applies), and the answer is the availability as stored, in the server's stable order.
 */
import type { AvailabilityView, UpdateAvailability } from '../shared/api/users.js';
import { localDate, wallTime } from './checks.js';
import { createHttp, type HttpOptions } from './http.js';
import { array, bool, object, oneOf, str, type Check } from './validate.js';

export const WEEKDAY_KEYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const availabilityView: Check<AvailabilityView> = /* @__PURE__ */ object({
  userId: str,
  timeZone: str,
  weeklyHours: array(object({ day: oneOf(WEEKDAY_KEYS), start: wallTime, end: wallTime })),
  isDefault: bool,
  dateOverrides: array(object({ date: localDate, intervals: array(object({ start: wallTime, end: wallTime })) })),
});

export interface AvailabilityClient {
  /** `GET /api/users/:id/availability` — 403 `plus_required` on Basic, `forbidden` for another user's without admin, 404. */
  get(userId: string, opts?: { signal?: AbortSignal }): Promise<AvailabilityView>;
  /** `PUT /api/users/:id/availability` — 400 `validation_failed` with `details.issues`; `weeklyHours: null` restores the default. */
  update(userId: string, body: UpdateAvailability, opts?: { signal?: AbortSignal }): Promise<AvailabilityView>;
}

export function createAvailabilityClient(options: HttpOptions): AvailabilityClient {
  const http = createHttp(options);
  const path = (id: string) => `/api/users/${encodeURIComponent(id)}/availability`;
  return {
    get: (id, opts = {}) => http('GET', path(id), availabilityView, opts),
    update: (id, body, opts = {}) => http('PUT', path(id), availabilityView, opts, body),
  };
}
