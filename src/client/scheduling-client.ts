/**
 * Typed fetch client for the recruiter's scheduling endpoints below `/api` (contracts in
 * `src/shared/api/{appointments,booking-requests,users,rooms,settings}.ts`): availability check, invite, move, cancel,
 * participant replies, self-booking requests (preview, create, read, resend, cancel), and the look-ups their forms
 * need (users, locations, rooms, tier).
 * One method per endpoint, built on the shared HTTP core (`createHttp`: bearer token, single-flight refresh on 401,
 * `ApiError` / `NetworkError`); every call takes an AbortSignal, every body is checked against the contract. The
 * endpoints come in three groups (look-ups, appointments, booking requests) so that an element bundles only the
 * response checks of the endpoints it calls; `createSchedulingClient` joins all three.
 *
 * Invariants: ids are path-encoded; the invite always sends an `Idempotency-Key` — the caller passes the same key
 * when retrying one attempt, so a retried invite that did go through is not created twice.
 */
import type {
  AppointmentChange,
  AppointmentView,
  AvailabilityCheck,
  AvailabilityCheckRequest,
  CreateAppointments,
  ParticipantReplies,
  ResendBookingRequest,
  UpdateAppointment,
} from '../shared/api/appointments.js';
import type { BookingRequestDraftInput, BookingRequestPreview, BookingRequestView, CreateBookingRequest } from '../shared/api/booking-requests.js';
import type { LocationView, RoomView } from '../shared/api/rooms.js';
import type { UserView } from '../shared/api/users.js';
import { createHttp, type Http } from './http.js';
import { randomKey } from './public-booking-client.js';
import {
  appointmentChange,
  appointmentList,
  appointmentView,
  availabilityCheck,
  bookingRequestPreview,
  bookingRequestView,
  locationList,
  participantReplies,
  roomList,
  tierInfo,
  userList,
  type TierInfo,
} from './scheduling-checks.js';
import type { TokenSource } from './token-source.js';

export interface SchedulingClientOptions {
  /** Server base URL; '' for the page's origin. */
  api: string;
  /** Bearer tokens (static or from the host's provider, shared through `<dv-calendar-context>`). */
  tokens?: TokenSource;
  /** Injected fetch (tests, instrumentation). */
  fetch?: typeof fetch;
}

export interface SignalOptions {
  signal?: AbortSignal;
}

export interface InviteOptions extends SignalOptions {
  /** Keep the same key for retries of one attempt; a fresh random key is used when omitted. */
  idempotencyKey?: string;
}

/**
 * The body of `POST /availability-check` as a caller writes it: the contract's defaults (`applicantCount`,
 * `suggestionCount`) may be left out.
 */
export type AvailabilityCheckInput = Omit<AvailabilityCheckRequest, 'applicantCount' | 'suggestionCount'> &
  Partial<Pick<AvailabilityCheckRequest, 'applicantCount' | 'suggestionCount'>>;

/** `POST /appointments` with the contract's defaulted fields optional. */
export type InviteInput = Omit<CreateAppointments, 'online' | 'ignoreCalendarConflicts'> &
  Partial<Pick<CreateAppointments, 'online' | 'ignoreCalendarConflicts'>>;

/** `PATCH /appointments/:id` with `ignoreCalendarConflicts` optional. */
export type MoveInput = Omit<UpdateAppointment, 'ignoreCalendarConflicts'> & Partial<Pick<UpdateAppointment, 'ignoreCalendarConflicts'>>;

/** `POST /booking-requests` with the contract's defaulted fields optional. */
export type BookingRequestInput = Omit<CreateBookingRequest, 'online' | 'roomNeeded' | 'allowReschedule' | 'locale'> &
  Partial<Pick<CreateBookingRequest, 'online' | 'roomNeeded' | 'allowReschedule' | 'locale'>>;

/** `POST /booking-requests/preview` with the contract's defaulted fields optional. */
export type BookingRequestPreviewInput = Omit<BookingRequestDraftInput, 'online' | 'roomNeeded' | 'allowReschedule' | 'locale'> &
  Partial<Pick<BookingRequestDraftInput, 'online' | 'roomNeeded' | 'allowReschedule' | 'locale'>>;

/** The look-ups the recruiter forms need. */
export interface LookupClient {
  /** `GET /api/users?q=` — active users by name (staff). */
  listUsers(query?: string, opts?: SignalOptions): Promise<UserView[]>;
  /** `GET /api/locations` — locations with their ordered rooms. */
  listLocations(opts?: SignalOptions): Promise<LocationView[]>;
  /** `GET /api/rooms` — rooms (Plus; 403 `plus_required` on Basic). */
  listRooms(opts?: SignalOptions): Promise<RoomView[]>;
  /** `GET /api/settings`, read for the tier, the integration switch, the booking window and the private default. */
  getTier(opts?: SignalOptions): Promise<TierInfo>;
}

/** Availability check and appointments. */
export interface AppointmentClient {
  /** `POST /api/availability-check`. */
  checkAvailability(body: AvailabilityCheckInput, opts?: SignalOptions): Promise<AvailabilityCheck>;
  /** `POST /api/appointments` — 409 `slot_taken` / `slot_unavailable`, 422 `participants_not_connected`. */
  invite(body: InviteInput, opts?: InviteOptions): Promise<AppointmentView[]>;
  /** `GET /api/appointments/:id`. */
  getAppointment(id: string, opts?: SignalOptions): Promise<AppointmentView>;
  /** `PATCH /api/appointments/:id` — move, room, participants; 409 `slot_taken` / `slot_unavailable` / `conflict`. */
  moveAppointment(id: string, body: MoveInput, opts?: SignalOptions): Promise<AppointmentChange>;
  /** `DELETE /api/appointments/:id` — idempotent. */
  cancelAppointment(id: string, opts?: SignalOptions): Promise<AppointmentView>;
  /** `GET /api/appointments/:id/participants` — replies read back from the organizer's calendar. */
  getReplies(id: string, opts?: SignalOptions): Promise<ParticipantReplies>;
}

/** Self-booking requests (Plus). */
export interface BookingRequestClient {
  /**
   * `POST /api/booking-requests/preview` — what creating would find (slot count, free candidates per participant),
   * nothing stored; 422 `participants_not_connected` / `validation_failed`, 403 `plus_required`, 503 `calendar_unavailable`.
   */
  previewBookingRequest(body: BookingRequestPreviewInput, opts?: SignalOptions): Promise<BookingRequestPreview>;
  /** `POST /api/booking-requests` — the response carries `link` (once) and `availability`. */
  createBookingRequest(body: BookingRequestInput, opts?: SignalOptions): Promise<BookingRequestView>;
  /** `GET /api/booking-requests/:id`. */
  getBookingRequest(id: string, opts?: SignalOptions): Promise<BookingRequestView>;
  /** `POST /api/booking-requests/:id/resend` — a new link for a new period (failed, expired or declined only). */
  resendBookingRequest(id: string, body: ResendBookingRequest, opts?: SignalOptions): Promise<BookingRequestView>;
  /** `POST /api/booking-requests/:id/cancel` — the link is disabled (open or booked only). */
  cancelBookingRequest(id: string, opts?: SignalOptions): Promise<BookingRequestView>;
}

export type SchedulingClient = LookupClient & AppointmentClient & BookingRequestClient;

const id = (value: string) => encodeURIComponent(value);

export const lookupEndpoints = (http: Http): LookupClient => ({
  listUsers: async (q, opts = {}) => (await http('GET', '/api/users', userList, { ...opts, query: { q } })).items.filter((u) => u.active),
  listLocations: async (opts = {}) => (await http('GET', '/api/locations', locationList, opts)).items,
  listRooms: async (opts = {}) => (await http('GET', '/api/rooms', roomList, opts)).items,
  getTier: (opts = {}) => http('GET', '/api/settings', tierInfo, opts),
});

export const appointmentEndpoints = (http: Http): AppointmentClient => ({
  checkAvailability: (body, opts = {}) => http('POST', '/api/availability-check', availabilityCheck, opts, body),
  invite: async (body, opts = {}) => {
    const headers = { 'idempotency-key': opts.idempotencyKey ?? randomKey() };
    return (await http('POST', '/api/appointments', appointmentList, { signal: opts.signal, headers }, body)).appointments;
  },
  getAppointment: (appointmentId, opts = {}) => http('GET', `/api/appointments/${id(appointmentId)}`, appointmentView, opts),
  moveAppointment: (appointmentId, body, opts = {}) => http('PATCH', `/api/appointments/${id(appointmentId)}`, appointmentChange, opts, body),
  cancelAppointment: (appointmentId, opts = {}) => http('DELETE', `/api/appointments/${id(appointmentId)}`, appointmentView, opts),
  getReplies: (appointmentId, opts = {}) => http('GET', `/api/appointments/${id(appointmentId)}/participants`, participantReplies, opts),
});

export const bookingRequestEndpoints = (http: Http): BookingRequestClient => ({
  previewBookingRequest: (body, opts = {}) => http('POST', '/api/booking-requests/preview', bookingRequestPreview, opts, body),
  createBookingRequest: (body, opts = {}) => http('POST', '/api/booking-requests', bookingRequestView, opts, body),
  getBookingRequest: (requestId, opts = {}) => http('GET', `/api/booking-requests/${id(requestId)}`, bookingRequestView, opts),
  resendBookingRequest: (requestId, body, opts = {}) => http('POST', `/api/booking-requests/${id(requestId)}/resend`, bookingRequestView, opts, body),
  cancelBookingRequest: (requestId, opts = {}) => http('POST', `/api/booking-requests/${id(requestId)}/cancel`, bookingRequestView, opts),
});

/** Every scheduling endpoint; an element composes only the groups it calls (`createHttp` + the groups). */
export function createSchedulingClient(options: SchedulingClientOptions): SchedulingClient {
  const http = createHttp(options);
  return { ...lookupEndpoints(http), ...appointmentEndpoints(http), ...bookingRequestEndpoints(http) };
}
