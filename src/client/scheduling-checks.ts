/**
 * Structural checks for the recruiter-side scheduling responses (availability check, appointments, replies,
 * booking requests, users, locations, rooms, the tier from settings). They mirror the zod schemas of
 * `src/shared/api/{appointments,booking-requests,users,rooms,settings}.ts` without shipping zod to the browser (zod
 * is large, and its `new Function` fast path breaks a strict CSP). Each check is typed against the contract's
 * inferred type (type-only imports, so no zod code reaches the bundle), and the browser tests run every fixture
 * through both the zod schema and these checks to keep them in agreement.
 *
 * Enum values are repeated here as literals on purpose: importing them from the contract modules would pull zod in.
 * A check returns the value rebuilt with only the known keys, or throws `ApiError('invalid_response')`.
 */
import type {
  AppointmentChange,
  AppointmentList,
  AppointmentView,
  AvailabilityCheck,
  CheckedResource,
  CheckedTime,
  ParticipantReplies,
} from '../shared/api/appointments.js';
import type { BookingRequestPreview, BookingRequestView } from '../shared/api/booking-requests.js';
import type { LocationView } from '../shared/api/rooms.js';
import type { UserView } from '../shared/api/users.js';
// `integer`: the contract's `z.number().int()` has no lower bound for counts and sequences.
import { integer } from './checks.js';
import { location as locationView, room as roomView, roomList } from './rooms-client.js';
import { array, bool, fail, instant, int, nullable, object, oneOf, optional, str, type Check } from './validate.js';

/**
 * A discriminated union read by its tag: `variants[tag]` checks the rest. Unknown tags fail, as zod's
 * `discriminatedUnion` does.
 */
export const tagged =
  <K extends string, T>(key: K, variants: Record<string, Check<T>>): Check<T> =>
  (v, p = '') => {
    const tag = typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
    const check = typeof tag === 'string' ? variants[tag] : undefined;
    return check ? check(v, p) : fail(p ? `${p}.${key}` : key, `one of ${Object.keys(variants).join('|')}`);
  };

// ---- users, locations, rooms, tier ----------------------------------------------------------------------------

export const CONNECTION_STATES = ['not_connected', 'connected_individual', 'connected_central', 'failed', 'syncing'] as const;

export const userView: Check<UserView> = object({
  id: str,
  name: str,
  email: str,
  timeZone: str,
  roles: array(oneOf(['admin', 'recruiter'])),
  active: bool,
  integrationActive: bool,
  participateOwn: bool,
  connectionStatus: oneOf(CONNECTION_STATES),
});

export const userList: Check<{ items: UserView[]; total: number }> = object({ items: array(userView), total: integer });

// Locations and rooms read the same as in the rooms client: one definition, there.
export { locationView, roomView, roomList };
export const locationList: Check<{ items: LocationView[] }> = object({ items: array(locationView) });

/**
 * The part of `GET /api/settings` the scheduling elements need: the licence, the booking window and whether new
 * appointments are private by default (the invite's "private" box starts from it).
 */
export interface TierInfo {
  tier: 'basic' | 'plus';
  integrationEnabled: boolean;
  settings: { createEventsPrivate: boolean; booking: { durationMinutes: number; windowStartDays: number; windowEndDays: number } };
}
export const tierInfo: Check<TierInfo> = object({
  tier: oneOf(['basic', 'plus']),
  integrationEnabled: bool,
  settings: object({
    createEventsPrivate: bool,
    booking: object({ durationMinutes: int(1), windowStartDays: int(0), windowEndDays: int(1) }),
  }),
});

// ---- availability check ---------------------------------------------------------------------------------------

const resourceState = oneOf(['free', 'busy', 'unknown']);

export const checkedResource: Check<CheckedResource> = object({
  id: str,
  name: str,
  state: resourceState,
  busyBecause: optional(oneOf(['calendar', 'appointment', 'hold'])),
  reason: optional(oneOf(['not_connected', 'connection_failed', 'integration_off', 'calendar_unavailable'])),
});

const interval = object({ start: instant, end: instant });

export const checkedTime: Check<CheckedTime> = object({
  start: instant,
  end: instant,
  state: resourceState,
  participants: array(checkedResource),
  room: nullable(checkedResource),
});

export const availabilityCheck: Check<AvailabilityCheck> = object({
  timeZone: str,
  durationMinutes: integer,
  times: array(checkedTime),
  suggestions: array(object({ start: instant, end: instant, times: array(interval) })),
  unverifiedParticipantIds: array(str),
});

// ---- appointments ---------------------------------------------------------------------------------------------

type AppointmentLocation = NonNullable<AppointmentView['location']>;
const appointmentLocation: Check<AppointmentLocation> = tagged<'kind', AppointmentLocation>('kind', {
  online: (v, p) => ({ kind: 'online' as const, ...object({})(v, p) }),
  onsite: (v, p) => ({ kind: 'onsite' as const, ...object({ locationId: str, name: str, address: nullable(str) })(v, p) }),
  text: (v, p) => ({ kind: 'text' as const, ...object({ text: str })(v, p) }),
});

export const appointmentView: Check<AppointmentView> = object({
  id: str,
  status: oneOf(['confirmed', 'cancelled']),
  title: str,
  organizerId: str,
  participantIds: array(str),
  applicants: array(object({ name: str, email: str })),
  start: instant,
  end: instant,
  timeZone: str,
  location: nullable(appointmentLocation),
  roomId: nullable(str),
  private: bool,
  comment: nullable(str),
  sequence: integer,
  calendarState: oneOf(['pending', 'written', 'failed', 'deleted']),
  bookingRequestId: nullable(str),
});

export const appointmentList: Check<AppointmentList> = object({ appointments: array(appointmentView) });

export const appointmentChange: Check<AppointmentChange> = object({
  appointment: appointmentView,
  change: oneOf(['rescheduled', 'room_changed', 'participants_changed', 'unchanged']),
  applicantNotified: bool,
});

export const participantReplies: Check<ParticipantReplies> = object({
  appointmentId: str,
  organizer: object({ id: str, name: str, attends: bool }),
  attendees: array(
    object({
      kind: oneOf(['participant', 'room', 'applicant']),
      id: optional(str),
      name: str,
      email: str,
      status: oneOf(['needs_action', 'accepted', 'declined', 'tentative']),
      changedAt: nullable(instant),
    }),
  ),
  source: oneOf(['calendar', 'stored']),
});

// ---- booking requests -----------------------------------------------------------------------------------------

/** `POST /api/booking-requests/preview`, and the `availability` a created request reports: the same computation. */
export const bookingRequestPreview: Check<BookingRequestPreview> = object({
  slotCount: integer,
  participants: array(object({ id: str, name: str, freeCandidateCount: integer })),
});

export const bookingRequestView: Check<BookingRequestView> = object({
  id: str,
  status: oneOf(['open', 'booked', 'declined', 'expired', 'cancelled', 'failed']),
  failureReason: nullable(str),
  title: str,
  participantIds: array(str),
  timeZone: str,
  period: interval,
  roomNeeded: bool,
  appointment: nullable(object({ id: str, start: instant, end: instant, roomId: nullable(str), calendarState: str })),
  availability: optional(bookingRequestPreview),
  link: optional(str),
});

/** `details.users` of a 422 `participants_not_connected`; anything unreadable yields an empty list, not a second error. */
export function unconnectedUsers(details: unknown): Array<{ id: string; name: string }> {
  try {
    return object({ users: array(object({ id: str, name: str })) })(details).users;
  } catch {
    return [];
  }
}
