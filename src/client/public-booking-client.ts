/**
 * Typed fetch client for the applicant endpoints (`/api/public/bookings/:token/…`, see
 * `src/shared/api/public-booking.ts`). One method per endpoint; every call takes an AbortSignal; successful bodies
 * are checked against the contract; failures throw `ApiError` (server said no) or `NetworkError` (no answer).
 *
 * Invariants: the token is path-encoded; the base URL may carry a trailing slash or be empty (same origin); the book
 * and move calls always send an `Idempotency-Key` — the caller passes the same key when retrying the same attempt
 * so the server returns the first result instead of booking twice.
 */
import type {
  BookedAppointment,
  BookingDetails,
  BookRequest,
  Hold,
  HoldRequest,
  SlotList,
} from '../shared/api/public-booking.js';
import { baseUrl, createHttp } from './http.js';
import { appointment, bookingDetails, empty, hold, slotList, str, type Check } from './validate.js';

export interface PublicBookingClientOptions {
  /** Server base URL, e.g. `https://calendar.example.com`; '' for the page's origin. */
  api: string;
  /** Booking-link token. */
  token: string;
  /** Injected fetch (tests, instrumentation); defaults to the global one, looked up at call time. */
  fetch?: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

export interface BookOptions extends RequestOptions {
  /** Keep the same key for retries of one attempt; a fresh random key is used when omitted. */
  idempotencyKey?: string;
}

export interface PublicBookingClient {
  /** `GET /` — the booking whatever its status. */
  getDetails(opts?: RequestOptions): Promise<BookingDetails>;
  /** `GET /slots` — 410 `booking_closed` when the link is no longer open. */
  getSlots(opts?: RequestOptions): Promise<SlotList>;
  /** `POST /holds` — 409 `slot_taken` with `details.slots`. */
  hold(body: HoldRequest, opts?: RequestOptions): Promise<Hold>;
  /** `DELETE /holds/:holdId` — frees the held time for others now; idempotent (204 whatever the hold's fate). */
  releaseHold(holdId: string, opts?: RequestOptions): Promise<void>;
  /** `POST /appointment`. */
  book(body: BookRequest, opts?: BookOptions): Promise<BookedAppointment>;
  /** `PUT /appointment` — moves the booked appointment; 403 `reschedule_not_allowed`. */
  reschedule(body: BookRequest, opts?: BookOptions): Promise<BookedAppointment>;
  /** `POST /decline`. */
  decline(opts?: RequestOptions): Promise<BookingDetails>;
  /** `GET /appointment.ics` as text. */
  getAppointmentIcs(opts?: RequestOptions): Promise<string>;
  /** URL of `/appointment.ics`, for a download link. */
  readonly icsUrl: string;
}

/** A random key; `crypto.randomUUID` needs a secure context, `getRandomValues` does not. */
export function randomKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export function createPublicBookingClient(options: PublicBookingClientOptions): PublicBookingClient {
  const path = `/api/public/bookings/${encodeURIComponent(options.token)}`;
  const http = createHttp({ api: options.api, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const request = <T>(method: string, sub: string, check: Check<T>, opts: RequestOptions = {}, body?: unknown, headers: Record<string, string> = {}) =>
    http(method, path + sub, check, { ...(opts.signal ? { signal: opts.signal } : {}), headers }, body);
  const idem = (opts: BookOptions) => ({ 'idempotency-key': opts.idempotencyKey ?? randomKey() });

  return {
    getDetails: (opts) => request('GET', '', bookingDetails, opts),
    getSlots: (opts) => request('GET', '/slots', slotList, opts),
    hold: (body, opts) => request('POST', '/holds', hold, opts, body),
    releaseHold: (holdId, opts) => request('DELETE', `/holds/${encodeURIComponent(holdId)}`, empty, opts),
    book: (body, opts = {}) => request('POST', '/appointment', appointment, opts, body, idem(opts)),
    reschedule: (body, opts = {}) => request('PUT', '/appointment', appointment, opts, body, idem(opts)),
    decline: (opts) => request('POST', '/decline', bookingDetails, opts, {}),
    getAppointmentIcs: (opts) => request('GET', '/appointment.ics', str, opts),
    icsUrl: `${baseUrl(options.api)}${path}/appointment.ics`,
  };
}
