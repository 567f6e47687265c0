/**
 * The one registry of the HTTP API: every route the app serves below `/api`, with its access rule, input
 * schemas, responses and errors. The OpenAPI document (`/api/openapi.json`) is built from it; the admin routes
 * are mounted *from* it (`mountRoute`); the tenancy test walks it, so a new route is tenancy-tested as soon as
 * it is described; and `test/server/openapi.test.ts` fails when the app serves a route that is not here (or
 * describes one it does not serve).
 *
 * Adding a route: add its spec here (with a valid `example` body when it takes one), then mount it.
 */
import { z } from 'zod';
import {
  AppointmentChangeSchema,
  AppointmentListSchema,
  AppointmentViewSchema,
  AvailabilityCheckRequestSchema,
  AvailabilityCheckSchema,
  CreateAppointmentsSchema,
  IcsQuerySchema,
  ParticipantRepliesSchema,
  ResendBookingRequestSchema,
  UpdateAppointmentSchema,
} from '../shared/api/appointments.js';
import { BookingRequestPreviewSchema, BookingRequestViewSchema, CreateBookingRequestSchema, PreviewBookingRequestSchema } from '../shared/api/booking-requests.js';
import {
  AuthorizeConnectionSchema,
  AuthorizeServiceAccountSchema,
  AuthorizeUrlSchema,
  CentralConnectSchema,
  ConnectionViewSchema,
  LoadRoomsResultSchema,
  ServiceAccountViewSchema,
} from '../shared/api/connections.js';
import { StreamQuerySchema, StreamTicketSchema } from '../shared/api/live.js';
import { ApplicantErasureSchema, ErasureResultSchema, UserErasureResultSchema } from '../shared/api/privacy.js';
import {
  BookedAppointmentSchema,
  BookingDetailsSchema,
  BookRequestSchema,
  HoldRequestSchema,
  HoldSchema,
  SlotListSchema,
} from '../shared/api/public-booking.js';
import {
  CreateLocationSchema,
  CreateRoomSchema,
  LocationListSchema,
  LocationSchema,
  RoomAvailabilityQuerySchema,
  RoomAvailabilitySchema,
  RoomListSchema,
  RoomSchema,
  UpdateLocationSchema,
  UpdateRoomSchema,
} from '../shared/api/rooms.js';
import { SettingsViewSchema, UpdateSettingsSchema, WebhookSecretSchema } from '../shared/api/settings.js';
import {
  AvailabilitySchema,
  ConnectionListQuerySchema,
  ConnectionListSchema,
  UpdateAvailabilitySchema,
  UpdateUserSchema,
  UpsertUserSchema,
  UserListQuerySchema,
  UserListSchema,
  UserSchema, MeSchema } from '../shared/api/users.js';
import { DeliveryDetailSchema, DeliveryEventSchema, DeliveryLogQuerySchema, DeliveryLogSchema } from '../shared/api/webhooks.js';
import type { RouteSpec } from './openapi.js';

const ADMIN = { roles: ['admin'] } as const;
const STAFF = { roles: ['admin', 'recruiter'] } as const;
const SELF_OR_ADMIN = { roles: ['admin'], self: true } as const;

const AUTH_ERRORS = { 401: 'No valid bearer token.', 403: '`forbidden`: the role is missing.' };
const PLUS_ERRORS = { 401: 'No valid bearer token.', 403: '`forbidden` (role missing) or `plus_required` (Basic tier).' };
const INPUT_ERROR = { 400: '`validation_failed` with `details.issues`, or `bad_request`.' };
const BODY_ERRORS = { ...INPUT_ERROR, 413: '`payload_too_large`.', 415: '`unsupported_media_type`: send application/json.' };
const BOOKING_ERRORS = { 404: '`booking_not_found`: unknown link.' };

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  store: z.enum(['ok', 'error']),
  calendar: z.enum(['ok', 'unreachable']),
  database: z.enum(['pglite', 'postgres']),
});
const DemoInfoSchema = z.object({
  organizationId: z.string(),
  users: z.array(z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()), timeZone: z.string() })),
  bookingLink: z.string().nullable(),
  bookingToken: z.string().nullable(),
});
const IdempotencyHeader = {
  'Idempotency-Key': { description: 'Retry key: a repeated request with the same key returns the first result.', schema: z.string().regex(/^[\w.:-]{8,128}$/) },
};

export const API_ROUTES = {
  // ── Operations ────────────────────────────────────────────────────────────────────────────────────────────
  health: {
    method: 'get', path: '/api/health', tag: 'operations', security: 'none',
    summary: 'Store and calendar reachability',
    responses: { 200: { description: 'Healthy.', schema: HealthSchema }, 503: { description: 'The store is not reachable.', schema: HealthSchema } },
  },
  openapi: {
    method: 'get', path: '/api/openapi.json', tag: 'operations', security: 'none',
    summary: 'This OpenAPI 3.1 document',
    responses: { 200: { description: 'The document.', schema: z.record(z.string(), z.unknown()) } },
  },

  // ── Applicant self-booking (booking-link token) ─────────────────────────────────────────────────────────
  bookingDetails: {
    method: 'get', path: '/api/public/bookings/:token', tag: 'public booking', security: 'bookingToken',
    summary: 'What the applicant is invited to, and what they booked',
    responses: { 200: { description: 'Details for every known link, whatever its status.', schema: BookingDetailsSchema } },
    errors: BOOKING_ERRORS,
  },
  bookingSlots: {
    method: 'get', path: '/api/public/bookings/:token/slots', tag: 'public booking', security: 'bookingToken',
    summary: 'The bookable times',
    responses: { 200: { description: 'Slots in the booking window.', schema: SlotListSchema } },
    errors: { ...BOOKING_ERRORS, 410: '`booking_closed`: the link is no longer open.', 503: '`calendar_unavailable`.' },
  },
  bookingHold: {
    method: 'post', path: '/api/public/bookings/:token/holds', tag: 'public booking', security: 'bookingToken',
    summary: 'Hold a time while the applicant confirms',
    body: HoldRequestSchema, example: { start: '2026-03-24T12:00:00Z' },
    responses: { 201: { description: 'Held.', schema: HoldSchema } },
    errors: { ...BODY_ERRORS, ...BOOKING_ERRORS, 409: '`slot_taken` with fresh `details.slots`.', 410: '`booking_closed`.', 503: '`calendar_unavailable`.' },
  },
  bookingBook: {
    method: 'post', path: '/api/public/bookings/:token/appointment', tag: 'public booking', security: 'bookingToken',
    summary: 'Book a time',
    headers: IdempotencyHeader,
    body: BookRequestSchema, example: { start: '2026-03-24T12:00:00Z' },
    responses: { 201: { description: 'Booked.', schema: BookedAppointmentSchema }, 200: { description: 'A retried request with the same Idempotency-Key.', schema: BookedAppointmentSchema } },
    errors: { ...BODY_ERRORS, ...BOOKING_ERRORS, 409: '`slot_taken` with fresh `details.slots`.', 410: '`booking_closed`.', 422: '`idempotency_conflict`.', 503: '`calendar_unavailable`.' },
  },
  bookingReleaseHold: {
    method: 'delete', path: '/api/public/bookings/:token/holds/:holdId', tag: 'public booking', security: 'bookingToken',
    summary: 'Release a hold (the applicant went back)',
    responses: { 204: { description: 'Released (also when it had already expired).' } },
    errors: BOOKING_ERRORS,
  },
  bookingMove: {
    method: 'put', path: '/api/public/bookings/:token/appointment', tag: 'public booking', security: 'bookingToken',
    summary: 'Move the booked appointment',
    headers: IdempotencyHeader,
    body: BookRequestSchema, example: { start: '2026-03-25T12:00:00Z' },
    responses: { 200: { description: 'Moved.', schema: BookedAppointmentSchema } },
    errors: { ...BODY_ERRORS, ...BOOKING_ERRORS, 403: '`reschedule_not_allowed`.', 409: '`slot_taken` or `conflict` (nothing booked).', 410: '`booking_closed`.', 422: '`idempotency_conflict`.' },
  },
  bookingDecline: {
    method: 'post', path: '/api/public/bookings/:token/decline', tag: 'public booking', security: 'bookingToken',
    summary: '"I am not available on these days"',
    responses: { 200: { description: 'Declined.', schema: BookingDetailsSchema } },
    errors: { ...BOOKING_ERRORS, 410: '`booking_closed`.' },
  },
  bookingIcs: {
    method: 'get', path: '/api/public/bookings/:token/appointment.ics', tag: 'public booking', security: 'bookingToken',
    summary: 'The booked appointment as iCalendar',
    responses: { 200: { description: 'text/calendar (METHOD:PUBLISH).', contentType: 'text/calendar' } },
    errors: { 404: '`booking_not_found`, or `not_found` when nothing is booked.' },
  },

  // ── Calendar broker callbacks ───────────────────────────────────────────────────────────────────────────
  cronofyCallback: {
    method: 'get', path: '/api/cronofy/callback', tag: 'calendar broker', security: 'none',
    summary: 'OAuth redirect target after a calendar connect',
    description: 'Authorized by the single-use `state` issued when the connect started (10 minutes).',
    query: z.object({ state: z.string().max(200), code: z.string().optional(), error: z.string().optional() }),
    responses: { 302: { description: 'Back to the page that started the connect, with `calendar=connected|denied`.' } },
    errors: { 400: '`bad_request`: unknown or expired state.' },
  },
  cronofyPush: {
    method: 'post', path: '/api/cronofy/push/:orgId/:userId', tag: 'calendar broker', security: 'cronofyHmac',
    summary: 'Push notification from Cronofy (calendar changed, profile disconnected)',
    responses: { 202: { description: 'Accepted (also for channels no longer known).' } },
    errors: { 400: '`bad_request`: unreadable notification.', 401: '`unauthorized`: bad HMAC.' },
  },

  cronofyServiceAccountCallback: {
    method: 'post', path: '/api/cronofy/service-account-callback/:state', tag: 'calendar broker', security: 'cronofyHmac',
    summary: "Cronofy's answer to a service-account or room authorization request",
    responses: { 202: { description: 'Accepted.' } },
    errors: { 400: '`bad_request`: unreadable or unknown authorization.', 401: '`unauthorized`: bad HMAC.' },
  },

  // ── Demo (only with the embedded simulator) ─────────────────────────────────────────────────────────────
  demoInfo: {
    method: 'get', path: '/api/demo', tag: 'demo', security: 'none', demo: true,
    summary: 'Demo organization, users and booking link',
    responses: { 200: { description: 'Demo info.', schema: DemoInfoSchema } },
  },
  demoToken: {
    method: 'post', path: '/api/demo/token', tag: 'demo', security: 'none', demo: true,
    summary: 'A host-style token for a demo user',
    body: z.object({ userId: z.string().min(1).max(128) }), example: { userId: 'anna' },
    responses: { 200: { description: 'Token.', schema: z.object({ token: z.string() }) } },
    errors: { ...BODY_ERRORS, 404: '`not_found`: no such demo user.' },
  },
  demoWebhookReceive: {
    method: 'post', path: '/api/demo/webhooks', tag: 'demo', security: 'none', demo: true,
    summary: "The demo's stand-in for the host's webhook receiver",
    responses: { 204: { description: 'Verified and recorded.' } },
    errors: { 401: '`unauthorized`: bad webhook signature.' },
  },
  demoWebhookList: {
    method: 'get', path: '/api/demo/webhooks', tag: 'demo', security: 'none', demo: true,
    summary: 'Webhooks the demo receiver got',
    responses: { 200: { description: 'Received deliveries.', schema: z.object({ deliveries: z.array(z.object({ id: z.string(), type: z.string(), receivedAt: z.string(), payload: z.unknown() })) }) } },
  },
  demoReset: {
    method: 'post', path: '/api/demo/reset', tag: 'demo', security: 'none', demo: true,
    summary: 'Reset the demo data',
    responses: { 200: { description: 'Demo info after the reset.', schema: DemoInfoSchema } },
  },

  // ── Self-booking requests (recruiters) ──────────────────────────────────────────────────────────────────
  createBookingRequest: {
    method: 'post', path: '/api/booking-requests', tag: 'booking requests', security: 'bearer', access: { roles: ['recruiter'] },
    summary: 'Invite an applicant to book a time',
    body: CreateBookingRequestSchema,
    example: {
      title: 'Interview', applicant: { name: 'Jamie Doe', email: 'jamie@applicant.test' }, participantIds: ['anna'],
      timeZone: 'Europe/Berlin', period: { start: '2026-03-23T00:00:00Z', end: '2026-03-28T00:00:00Z' },
    },
    responses: { 201: { description: 'Created; `link` is shown only here.', schema: BookingRequestViewSchema } },
    errors: {
      ...BODY_ERRORS,
      ...AUTH_ERRORS,
      422: '`participants_not_connected` (details.users lists who lacks a connected calendar) or `validation_failed` (period outside tomorrow..+32 days, unknown location).',
    },
  },
  previewBookingRequest: {
    method: 'post', path: '/api/booking-requests/preview', tag: 'booking requests', security: 'bearer', access: { roles: ['recruiter'] },
    summary: 'Whether a booking request would offer any slot, and who has no free time — nothing is stored',
    description: 'The same validation and availability as creation (with no common slot, creation records the request as failed with `no_common_slot`).',
    body: PreviewBookingRequestSchema,
    example: { participantIds: ['anna'], timeZone: 'Europe/Berlin', period: { start: '2026-03-23T00:00:00Z', end: '2026-03-28T00:00:00Z' } },
    responses: { 200: { description: 'Slot count and per-participant free candidate times.', schema: BookingRequestPreviewSchema } },
    errors: { ...BODY_ERRORS, ...AUTH_ERRORS, 422: '`participants_not_connected` or `validation_failed`.', 503: '`calendar_unavailable`.' },
  },
  getBookingRequest: {
    method: 'get', path: '/api/booking-requests/:id', tag: 'booking requests', security: 'bearer', access: { roles: ['recruiter'] },
    summary: 'State of a booking request',
    responses: { 200: { description: 'The request.', schema: BookingRequestViewSchema } },
    errors: { ...AUTH_ERRORS, 404: '`not_found`.' },
  },

  resendBookingRequest: {
    method: 'post', path: '/api/booking-requests/:id/resend', tag: 'booking requests', security: 'bearer', access: { roles: ['recruiter'] },
    summary: 'Resend a booking link with a new period (a new link; the old one stops working)',
    body: ResendBookingRequestSchema, example: { period: { start: '2026-03-30T00:00:00Z', end: '2026-04-04T00:00:00Z' } },
    responses: { 200: { description: 'The request with its new `link`.', schema: BookingRequestViewSchema } },
    errors: { ...BODY_ERRORS, ...AUTH_ERRORS, 404: '`not_found`.', 409: '`conflict`, `participants_not_connected` or `no_common_slot`.' },
  },
  cancelBookingRequest: {
    method: 'post', path: '/api/booking-requests/:id/cancel', tag: 'booking requests', security: 'bearer', access: { roles: ['recruiter'] },
    summary: 'Cancel a booking request (the link is disabled)',
    responses: { 200: { description: 'The cancelled request.', schema: BookingRequestViewSchema } },
    errors: { ...AUTH_ERRORS, 404: '`not_found`.' },
  },

  // ── Appointments (recruiters) ───────────────────────────────────────────────────────────────────────────
  availabilityCheck: {
    method: 'post', path: '/api/availability-check', tag: 'appointments', security: 'bearer', access: { roles: ['recruiter'] },
    summary: "Participants' (and a room's) availability for planned times, with suggestions",
    body: AvailabilityCheckRequestSchema,
    example: { participantIds: ['anna'], durationMinutes: 60, timeZone: 'Europe/Berlin', schedule: { mode: 'shared', start: '2026-03-24T09:00:00Z' } },
    responses: { 200: { description: 'States per time and resource.', schema: AvailabilityCheckSchema } },
    errors: { ...BODY_ERRORS, ...PLUS_ERRORS, 404: '`not_found`: unknown participant, room or location.' },
  },
  createAppointments: {
    method: 'post', path: '/api/appointments', tag: 'appointments', security: 'bearer', access: { roles: ['recruiter'] },
    summary: 'Create appointments and write them into the participants\' calendars',
    headers: IdempotencyHeader,
    body: CreateAppointmentsSchema,
    example: {
      title: 'Interview', participantIds: ['anna'], applicants: [{ name: 'Jamie Doe', email: 'jamie@applicant.test' }],
      durationMinutes: 60, timeZone: 'Europe/Berlin', schedule: { mode: 'shared', start: '2026-03-24T09:00:00Z' }, online: true,
    },
    responses: { 201: { description: 'Created.', schema: AppointmentListSchema } },
    errors: { ...BODY_ERRORS, ...PLUS_ERRORS, 404: '`not_found`: unknown participant, room or location.', 409: '`slot_taken` or `slot_unavailable`.', 422: '`idempotency_conflict`.' },
  },
  getAppointment: {
    method: 'get', path: '/api/appointments/:id', tag: 'appointments', security: 'bearer', access: { roles: ['recruiter'] },
    summary: 'One appointment',
    responses: { 200: { description: 'The appointment.', schema: AppointmentViewSchema } },
    errors: { ...AUTH_ERRORS, 404: '`not_found`.' },
  },
  updateAppointment: {
    method: 'patch', path: '/api/appointments/:id', tag: 'appointments', security: 'bearer', access: { roles: ['recruiter'] },
    summary: 'Move an appointment, change its room or participants',
    body: UpdateAppointmentSchema, example: { start: '2026-03-24T13:00:00Z' },
    responses: { 200: { description: 'What changed, and whether the applicant is concerned.', schema: AppointmentChangeSchema } },
    errors: { ...BODY_ERRORS, ...PLUS_ERRORS, 404: '`not_found`.', 409: '`slot_taken`, `slot_unavailable` or `conflict` (cancelled).' },
  },
  cancelAppointment: {
    method: 'delete', path: '/api/appointments/:id', tag: 'appointments', security: 'bearer', access: { roles: ['recruiter'] },
    summary: 'Cancel an appointment (idempotent)',
    responses: { 200: { description: 'The cancelled appointment.', schema: AppointmentViewSchema } },
    errors: { ...AUTH_ERRORS, 404: '`not_found`.' },
  },
  appointmentIcs: {
    method: 'get', path: '/api/appointments/:id/ics', tag: 'appointments', security: 'bearer', access: { roles: ['recruiter'] },
    summary: 'The appointment as iCalendar for the host\'s e-mails',
    query: IcsQuerySchema, exampleQuery: { audience: 'applicant' },
    responses: { 200: { description: 'text/calendar (METHOD REQUEST or CANCEL).', contentType: 'text/calendar' } },
    errors: { ...INPUT_ERROR, ...AUTH_ERRORS, 404: '`not_found`.' },
  },
  appointmentParticipants: {
    method: 'get', path: '/api/appointments/:id/participants', tag: 'appointments', security: 'bearer', access: { roles: ['recruiter'] },
    summary: "Attendees' replies, read back from the organizer's calendar",
    responses: { 200: { description: 'Replies.', schema: ParticipantRepliesSchema } },
    errors: { ...AUTH_ERRORS, 404: '`not_found`.' },
  },

  // ── Organization settings ───────────────────────────────────────────────────────────────────────────────
  getSettings: {
    method: 'get', path: '/api/settings', tag: 'settings', security: 'bearer',
    summary: 'Organization settings, tier and integration switch',
    responses: { 200: { description: 'Settings.', schema: SettingsViewSchema } },
    errors: { 401: 'No valid bearer token.' },
  },
  updateSettings: {
    method: 'patch', path: '/api/settings', tag: 'settings', security: 'bearer', access: ADMIN,
    summary: 'Change organization settings',
    description: '`tier` and `integrationEnabled` belong to the vendor and are refused with 403. `booking` is merged field by field.',
    body: UpdateSettingsSchema, example: { createEventsPrivate: true, booking: { durationMinutes: 45 } },
    responses: { 200: { description: 'The settings after the change.', schema: SettingsViewSchema } },
    errors: { ...BODY_ERRORS, ...AUTH_ERRORS, 409: '`conflict`: the data centre cannot change while calendars are connected.' },
  },
  rotateWebhookSecret: {
    method: 'post', path: '/api/settings/webhook-secret', tag: 'settings', security: 'bearer', access: ADMIN,
    summary: 'Create a new webhook signing secret (shown once)',
    responses: { 201: { description: 'The new secret; the old one stops signing at once.', schema: WebhookSecretSchema } },
    errors: AUTH_ERRORS,
  },

  // ── Users ───────────────────────────────────────────────────────────────────────────────────────────────
  listUsers: {
    method: 'get', path: '/api/users', tag: 'users', security: 'bearer', access: STAFF,
    summary: 'Users of the organization with their connection status',
    query: UserListQuerySchema, exampleQuery: { includeInactive: 'true' },
    responses: { 200: { description: 'Users, by name.', schema: UserListSchema } },
    errors: { ...INPUT_ERROR, ...AUTH_ERRORS },
  },
  getMe: {
    method: 'get', path: '/api/me', tag: 'users', security: 'bearer',
    summary: 'The token\'s own user and the organization\'s tier',
    description: 'Any valid token; elements use it to learn the current user and whether Plus features are available.',
    responses: { 200: { description: 'The user and organization.', schema: MeSchema } },
    errors: { 401: 'No valid bearer token.', 403: '`forbidden` (deactivated user).' },
  },
  getUser: {
    method: 'get', path: '/api/users/:id', tag: 'users', security: 'bearer', access: { roles: ['admin', 'recruiter'], self: true },
    summary: 'One user',
    responses: { 200: { description: 'The user.', schema: UserSchema } },
    errors: { ...AUTH_ERRORS, 404: '`not_found`.' },
  },
  upsertUser: {
    method: 'put', path: '/api/users/:id', tag: 'users', security: 'bearer', access: ADMIN,
    summary: 'Provision a user (host application)',
    description: 'Creates or updates name, e-mail, time zone, roles and `active`; calendar preferences are kept. Deactivating disconnects the calendar.',
    body: UpsertUserSchema, example: { name: 'Dana Fischer', email: 'dana@example.test', timeZone: 'Europe/Berlin', roles: ['recruiter'] },
    responses: { 200: { description: 'Updated.', schema: UserSchema }, 201: { description: 'Created.', schema: UserSchema } },
    errors: { ...BODY_ERRORS, ...AUTH_ERRORS },
  },
  updateUser: {
    method: 'patch', path: '/api/users/:id', tag: 'users', security: 'bearer', access: SELF_OR_ADMIN,
    summary: 'Change a user or one\'s own calendar preferences',
    description:
      'A user may change their own `timeZone`, `integrationActive` and `participateOwn`; `name`, `email`, `roles` and `active` need the admin role. ' +
      'Switching `integrationActive` off (or `active` off) disconnects the calendar at once and revokes it at the broker.',
    body: UpdateUserSchema, example: { participateOwn: false },
    responses: { 200: { description: 'The user after the change.', schema: UserSchema } },
    errors: { ...BODY_ERRORS, ...AUTH_ERRORS, 404: '`not_found`.' },
  },
  eraseUser: {
    method: 'delete', path: '/api/users/:id', tag: 'privacy', security: 'bearer', access: ADMIN,
    summary: 'Erase a user (GDPR)',
    description: 'Revokes the calendar connection at the broker, fails open booking requests that include the user, and deletes the user with their preferences, cached free/busy and pending connects.',
    responses: { 200: { description: 'Erased.', schema: UserErasureResultSchema } },
    errors: { ...AUTH_ERRORS, 404: '`not_found`.' },
  },
  getAvailability: {
    method: 'get', path: '/api/users/:id/availability', tag: 'users', security: 'bearer', access: SELF_OR_ADMIN, plus: true,
    summary: 'Weekly availability and date overrides',
    responses: { 200: { description: 'Availability (default Mon–Fri 09:00–17:00 in the user\'s zone).', schema: AvailabilitySchema } },
    errors: { ...PLUS_ERRORS, 404: '`not_found`.' },
  },
  updateAvailability: {
    method: 'put', path: '/api/users/:id/availability', tag: 'users', security: 'bearer', access: SELF_OR_ADMIN, plus: true,
    summary: 'Save weekly availability and/or date overrides',
    description: 'Ranges are HH:mm in the user\'s zone, start before end, `24:00` allowed as an end, no overlaps within a day. `weeklyHours: null` restores the default.',
    body: UpdateAvailabilitySchema,
    example: { weeklyHours: [{ day: 'mon', start: '08:00', end: '12:00' }, { day: 'mon', start: '13:00', end: '17:00' }], dateOverrides: [{ date: '2026-04-06', intervals: [] }] },
    responses: { 200: { description: 'Availability after the change.', schema: AvailabilitySchema } },
    errors: { ...BODY_ERRORS, ...PLUS_ERRORS, 404: '`not_found`.' },
  },

  // ── Calendar connections (admin listing) ────────────────────────────────────────────────────────────────
  listConnections: {
    method: 'get', path: '/api/connections', tag: 'connections', security: 'bearer', access: ADMIN,
    summary: 'Connection states of all active users, with the filter counts',
    query: ConnectionListQuerySchema, exampleQuery: { status: 'failed' },
    responses: { 200: { description: 'Matching users and counts per status.', schema: ConnectionListSchema } },
    errors: { ...INPUT_ERROR, ...AUTH_ERRORS },
  },

  getConnection: {
    method: 'get', path: '/api/users/:id/connection', tag: 'connections', security: 'bearer', access: SELF_OR_ADMIN,
    summary: "A user's calendar connection",
    responses: { 200: { description: 'Status and profile (never a token).', schema: ConnectionViewSchema } },
    errors: { ...AUTH_ERRORS, 404: '`not_found`.' },
  },
  authorizeConnection: {
    method: 'post', path: '/api/users/:id/connection/authorize', tag: 'connections', security: 'bearer', access: SELF_OR_ADMIN,
    summary: 'Start an individual calendar connect (OAuth through Cronofy)',
    body: AuthorizeConnectionSchema, bodyOptional: true, example: { returnTo: '/admin.html#my-user' },
    responses: { 200: { description: "The broker's consent page to send the browser to.", schema: AuthorizeUrlSchema } },
    errors: { ...BODY_ERRORS, 401: 'No valid bearer token.', 403: '`forbidden` or `integration_disabled`.', 404: '`not_found`.', 409: '`conflict`: the user switched the integration off.' },
  },
  disconnectConnection: {
    method: 'delete', path: '/api/users/:id/connection', tag: 'connections', security: 'bearer', access: SELF_OR_ADMIN,
    summary: 'Disconnect a calendar (revoked at the broker at once)',
    responses: { 200: { description: 'The connection after disconnecting.', schema: ConnectionViewSchema } },
    errors: { ...AUTH_ERRORS, 404: '`not_found`.' },
  },
  centralConnect: {
    method: 'post', path: '/api/users/:id/connection/central', tag: 'connections', security: 'bearer', access: ADMIN, plus: true,
    summary: "Connect a user's calendar through the service account",
    responses: { 202: { description: 'Requested; the status moves on from `syncing` when Cronofy answers, or to `failed` (`central_authorization_failed:no_answer`) when it has not answered within a day.', schema: CentralConnectSchema } },
    errors: { ...PLUS_ERRORS, 404: '`not_found`.', 409: '`conflict`: no service account.' },
  },
  getServiceAccount: {
    method: 'get', path: '/api/service-account', tag: 'connections', security: 'bearer', access: ADMIN, plus: true,
    summary: 'The organization\'s service account',
    responses: { 200: { description: 'Service account state.', schema: ServiceAccountViewSchema } },
    errors: PLUS_ERRORS,
  },
  authorizeServiceAccount: {
    method: 'post', path: '/api/service-account/authorize', tag: 'connections', security: 'bearer', access: ADMIN, plus: true,
    summary: 'Start linking a service account',
    body: AuthorizeServiceAccountSchema, bodyOptional: true, example: { returnTo: '/admin.html#settings' },
    responses: { 200: { description: "The broker's page to send the browser to.", schema: AuthorizeUrlSchema } },
    errors: { ...BODY_ERRORS, ...PLUS_ERRORS },
  },
  disconnectServiceAccount: {
    method: 'delete', path: '/api/service-account', tag: 'connections', security: 'bearer', access: ADMIN, plus: true,
    summary: 'Disconnect the service account (user connections stay)',
    responses: { 200: { description: 'Service account state after disconnecting.', schema: ServiceAccountViewSchema } },
    errors: PLUS_ERRORS,
  },
  loadRooms: {
    method: 'post', path: '/api/rooms/load', tag: 'rooms', security: 'bearer', access: ADMIN, plus: true,
    summary: 'Load rooms from the calendar system through the service account',
    responses: { 200: { description: 'All rooms after loading.', schema: LoadRoomsResultSchema } },
    errors: { ...PLUS_ERRORS, 409: '`conflict`: no service account.', 503: '`calendar_unavailable`.' },
  },

  // ── Rooms and locations ─────────────────────────────────────────────────────────────────────────────────
  listRooms: {
    method: 'get', path: '/api/rooms', tag: 'rooms', security: 'bearer', access: STAFF, plus: true,
    summary: 'Rooms',
    responses: { 200: { description: 'Rooms by name.', schema: RoomListSchema } },
    errors: PLUS_ERRORS,
  },
  createRoom: {
    method: 'post', path: '/api/rooms', tag: 'rooms', security: 'bearer', access: ADMIN, plus: true,
    summary: 'Create a room',
    body: CreateRoomSchema, example: { name: 'Elbe', email: 'elbe@example.test', capacity: 6 },
    responses: { 201: { description: 'Created.', schema: RoomSchema } },
    errors: { ...BODY_ERRORS, ...PLUS_ERRORS, 409: '`conflict`: the id or e-mail is taken.' },
  },
  roomAvailability: {
    method: 'get', path: '/api/rooms/availability', tag: 'rooms', security: 'bearer', access: STAFF, plus: true,
    summary: 'Free / busy / unknown per room for a time range',
    query: RoomAvailabilityQuerySchema, exampleQuery: { start: '2026-03-24T09:00:00Z', end: '2026-03-24T10:00:00Z' },
    responses: { 200: { description: 'Rooms in location order (or by name).', schema: RoomAvailabilitySchema } },
    errors: { ...INPUT_ERROR, ...PLUS_ERRORS, 404: '`not_found`: no such location.' },
  },
  getRoom: {
    method: 'get', path: '/api/rooms/:id', tag: 'rooms', security: 'bearer', access: STAFF, plus: true,
    summary: 'One room',
    responses: { 200: { description: 'The room.', schema: RoomSchema } },
    errors: { ...PLUS_ERRORS, 404: '`not_found`.' },
  },
  updateRoom: {
    method: 'patch', path: '/api/rooms/:id', tag: 'rooms', security: 'bearer', access: ADMIN, plus: true,
    summary: 'Change a room',
    body: UpdateRoomSchema, example: { capacity: 10 },
    responses: { 200: { description: 'The room after the change.', schema: RoomSchema } },
    errors: { ...BODY_ERRORS, ...PLUS_ERRORS, 404: '`not_found`.', 409: '`conflict`: the e-mail is taken.' },
  },
  deleteRoom: {
    method: 'delete', path: '/api/rooms/:id', tag: 'rooms', security: 'bearer', access: ADMIN, plus: true,
    summary: 'Delete a room',
    responses: { 204: { description: 'Deleted (and removed from every location).' } },
    errors: { ...PLUS_ERRORS, 404: '`not_found`.', 409: '`conflict`: upcoming appointments use the room.' },
  },
  listLocations: {
    method: 'get', path: '/api/locations', tag: 'rooms', security: 'bearer',
    summary: 'Locations with their ordered rooms',
    responses: { 200: { description: 'Locations by name.', schema: LocationListSchema } },
    errors: { 401: 'No valid bearer token.' },
  },
  createLocation: {
    method: 'post', path: '/api/locations', tag: 'rooms', security: 'bearer', access: ADMIN,
    summary: 'Create a location',
    description: 'Rooms (`roomIds`) need the Plus tier.',
    body: CreateLocationSchema, example: { name: 'Hamburg office', address: 'Jungfernstieg 1', roomIds: [] },
    responses: { 201: { description: 'Created.', schema: LocationSchema } },
    errors: { ...BODY_ERRORS, ...PLUS_ERRORS, 409: '`conflict`: the id is taken.' },
  },
  getLocation: {
    method: 'get', path: '/api/locations/:id', tag: 'rooms', security: 'bearer',
    summary: 'One location',
    responses: { 200: { description: 'The location.', schema: LocationSchema } },
    errors: { 401: 'No valid bearer token.', 404: '`not_found`.' },
  },
  updateLocation: {
    method: 'patch', path: '/api/locations/:id', tag: 'rooms', security: 'bearer', access: ADMIN,
    summary: 'Change a location (roomIds replaces the ordered list)',
    body: UpdateLocationSchema, example: { name: 'Hamburg HQ' },
    responses: { 200: { description: 'The location after the change.', schema: LocationSchema } },
    errors: { ...BODY_ERRORS, ...PLUS_ERRORS, 404: '`not_found`.' },
  },
  deleteLocation: {
    method: 'delete', path: '/api/locations/:id', tag: 'rooms', security: 'bearer', access: ADMIN,
    summary: 'Delete a location',
    responses: { 204: { description: 'Deleted.' } },
    errors: { ...AUTH_ERRORS, 404: '`not_found`.', 409: '`conflict`: open booking requests or upcoming appointments use it.' },
  },

  // ── Host webhooks: delivery log ─────────────────────────────────────────────────────────────────────────
  listWebhookDeliveries: {
    method: 'get', path: '/api/webhook-deliveries', tag: 'webhooks', security: 'bearer', access: ADMIN,
    summary: 'Delivery log of host webhooks, newest first',
    query: DeliveryLogQuerySchema, exampleQuery: { state: 'failing' },
    responses: { 200: { description: 'Events with their attempts (payloads left out).', schema: DeliveryLogSchema } },
    errors: { ...INPUT_ERROR, ...AUTH_ERRORS },
  },
  getWebhookDelivery: {
    method: 'get', path: '/api/webhook-deliveries/:id', tag: 'webhooks', security: 'bearer', access: ADMIN,
    summary: 'One event with its payload and attempts',
    responses: { 200: { description: 'The event.', schema: DeliveryDetailSchema } },
    errors: { ...AUTH_ERRORS, 404: '`not_found`.' },
  },
  redeliverWebhook: {
    method: 'post', path: '/api/webhook-deliveries/:id/redeliver', tag: 'webhooks', security: 'bearer', access: ADMIN,
    summary: 'Deliver an event again now (same event id)',
    responses: { 202: { description: 'Queued for the next worker round.', schema: DeliveryEventSchema } },
    errors: { ...AUTH_ERRORS, 404: '`not_found`.' },
  },

  // ── Live updates ────────────────────────────────────────────────────────────────────────────────────────
  createStreamTicket: {
    method: 'post', path: '/api/events/tickets', tag: 'live updates', security: 'bearer',
    summary: 'A single-use ticket (60 s) to open the live-update stream',
    responses: { 201: { description: 'Ticket and the URL to open with EventSource.', schema: StreamTicketSchema } },
    errors: { 401: 'No valid bearer token.' },
  },
  eventStream: {
    method: 'get', path: '/api/events', tag: 'live updates', security: 'streamTicket',
    summary: 'Server-sent events: connection and booking state changes of the organization',
    description:
      'Admins receive every change of their organization; other users the booking and appointment changes and their own connection changes. ' +
      'Data carries ids and states only. The first message is `ready`; comments keep the connection alive; the server ends a stream after 15 minutes — open a new one with a new ticket.',
    query: StreamQuerySchema,
    responses: { 200: { description: 'An endless `text/event-stream`.', contentType: 'text/event-stream' } },
    errors: { ...INPUT_ERROR, 401: '`unauthorized`: unknown, used or expired ticket.' },
  },

  // ── Privacy ─────────────────────────────────────────────────────────────────────────────────────────────
  eraseApplicant: {
    method: 'post', path: '/api/privacy/applicant-erasure', tag: 'privacy', security: 'bearer', access: ADMIN,
    summary: "Erase an applicant's booking data (GDPR)",
    description:
      'By booking request or by e-mail address: deletes the booking links (they stop working), holds, appointments and idempotency records, ' +
      'deletes the events the product wrote into interviewers\' calendars, and removes the applicant from stored webhook payloads.',
    body: ApplicantErasureSchema, example: { email: 'jamie@applicant.test' },
    responses: { 200: { description: 'What was erased.', schema: ErasureResultSchema } },
    errors: { ...BODY_ERRORS, ...AUTH_ERRORS, 404: '`not_found`: no such booking request.', 503: '`calendar_unavailable`: a calendar event could not be deleted; nothing was erased, try again.' },
  },
  retentionPurge: {
    method: 'post', path: '/api/privacy/retention-purge', tag: 'privacy', security: 'bearer', access: ADMIN,
    summary: 'Purge booking links whose period ended more than `retentionDays` ago',
    description: 'Also runs periodically. Calendar events stay in the interviewers\' calendars.',
    responses: { 200: { description: 'What was purged.', schema: ErasureResultSchema } },
    errors: AUTH_ERRORS,
  },
} as const satisfies Record<string, RouteSpec>;

export type ApiRouteName = keyof typeof API_ROUTES;
export const ALL_ROUTES: readonly RouteSpec[] = Object.values(API_ROUTES);
