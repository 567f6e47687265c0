/**
 * Wire contract of the recruiter's appointment planning (Basic; rooms need Plus). All paths below `/api`, bearer
 * token with the recruiter role:
 * - `POST   /availability-check`          AvailabilityCheckRequest → 200 AvailabilityCheck
 * - `POST   /appointments`                CreateAppointments → 201 AppointmentList (409 `slot_taken` / `slot_unavailable`;
 *                                          honours `Idempotency-Key`)
 * - `GET    /appointments/:id`            → AppointmentView
 * - `PATCH  /appointments/:id`            UpdateAppointment → 200 AppointmentChange (move, room, participants)
 * - `DELETE /appointments/:id`            → 200 AppointmentView (cancelled; idempotent)
 * - `GET    /appointments/:id/ics`        IcsQuery → text/calendar (METHOD REQUEST or CANCEL)
 * - `GET    /appointments/:id/participants` → ParticipantReplies (read back from the organizer's calendar)
 * - `POST   /booking-requests/:id/resend` ResendBookingRequest → 200 BookingRequestView with a new link
 * - `POST   /booking-requests/:id/cancel` → 200 BookingRequestView (link disabled)
 *
 * Instants are UTC ISO strings (`2026-03-23T09:00:00Z`); every wall time comes with an IANA zone.
 *
 * Scheduling several applicants follows the spec's "individual appointment per applicant": `shared` = everyone at
 * one time (one appointment), `back_to_back` = one appointment each, consecutive from `start`, `individual` = one
 * appointment each at the given (possibly edited) starts.
 */
import { z } from 'zod';
import { TimeZoneSchema } from '../slot-query.js';
import { IsoInstant } from './public-booking.js';

const Id = z.string().min(1).max(128);

export const ScheduleSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('shared'), start: IsoInstant }),
  z.strictObject({ mode: z.literal('back_to_back'), start: IsoInstant }),
  z.strictObject({ mode: z.literal('individual'), starts: z.array(IsoInstant).min(1).max(50) }),
]);
export type Schedule = z.infer<typeof ScheduleSchema>;

export const AvailabilityCheckRequestSchema = z.strictObject({
  participantIds: z.array(Id).min(1).max(20),
  /** Plus only. */
  roomId: Id.nullable().optional(),
  /** The chosen location: a room must be one of its rooms. */
  locationId: Id.nullable().optional(),
  durationMinutes: z.number().int().min(5).max(480),
  timeZone: TimeZoneSchema,
  schedule: ScheduleSchema,
  /** How many applicants a `back_to_back` schedule covers (one time each). */
  applicantCount: z.number().int().min(1).max(50).default(1),
  /** Planning a move: this appointment's own time does not count as busy. */
  excludeAppointmentId: Id.optional(),
  /** How many next common free times to suggest (0 = none). */
  suggestionCount: z.number().int().min(0).max(20).default(5),
});
export type AvailabilityCheckRequest = z.infer<typeof AvailabilityCheckRequestSchema>;

export const ResourceStateSchema = z.enum(['free', 'busy', 'unknown']);
export type ResourceState = z.infer<typeof ResourceStateSchema>;

/** Why a state is unknown: no calendar, a failed connection, the user's own switch off, or the calendar not answering. */
export const UnknownReasonSchema = z.enum(['not_connected', 'connection_failed', 'integration_off', 'calendar_unavailable']);
export type UnknownReason = z.infer<typeof UnknownReasonSchema>;

export const CheckedResourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: ResourceStateSchema,
  /** For `busy`: what makes it busy (`appointment` and `hold` are this product's own, which can never be overridden). */
  busyBecause: z.enum(['calendar', 'appointment', 'hold']).optional(),
  /** For `unknown`. */
  reason: UnknownReasonSchema.optional(),
});
export type CheckedResource = z.infer<typeof CheckedResourceSchema>;

export const CheckedTimeSchema = z.object({
  start: IsoInstant,
  end: IsoInstant,
  /** `busy` if anyone is busy, else `unknown` if anyone is unknown, else `free`. */
  state: ResourceStateSchema,
  participants: z.array(CheckedResourceSchema),
  room: CheckedResourceSchema.nullable(),
});
export type CheckedTime = z.infer<typeof CheckedTimeSchema>;

export const SuggestionSchema = z.object({
  start: IsoInstant,
  end: IsoInstant,
  /** The individual times inside the block (one per applicant for back-to-back schedules). */
  times: z.array(z.object({ start: IsoInstant, end: IsoInstant })),
});

export const AvailabilityCheckSchema = z.object({
  timeZone: z.string(),
  durationMinutes: z.number().int(),
  times: z.array(CheckedTimeSchema),
  suggestions: z.array(SuggestionSchema),
  /** Participants whose calendars could not be read: suggestions only avoid their appointments in this product. */
  unverifiedParticipantIds: z.array(z.string()),
});
export type AvailabilityCheck = z.infer<typeof AvailabilityCheckSchema>;

export const ApplicantSchema = z.strictObject({ name: z.string().trim().min(1).max(200), email: z.email().max(320) });

export const CreateAppointmentsSchema = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    /** Defaults to the calling recruiter; the event is written into this user's calendar and invites go out from it. */
    organizerId: Id.optional(),
    participantIds: z.array(Id).min(1).max(20),
    applicants: z.array(ApplicantSchema).min(1).max(50),
    durationMinutes: z.number().int().min(5).max(480),
    timeZone: TimeZoneSchema,
    schedule: ScheduleSchema,
    locationId: Id.nullable().optional(),
    locationText: z.string().trim().min(1).max(500).nullable().optional(),
    online: z.boolean().default(false),
    /** Plus only. */
    roomId: Id.nullable().optional(),
    /** Defaults to the organization's "create appointments as private". */
    private: z.boolean().optional(),
    comment: z.string().trim().max(2000).optional(),
    /**
     * The spec checks availability but lets the recruiter decide: true books over busy time in participants'
     * external calendars. This product's own appointments and holds are never overridden (409 `slot_taken`).
     */
    ignoreCalendarConflicts: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    if (v.schedule.mode === 'individual' && v.schedule.starts.length !== v.applicants.length) {
      ctx.addIssue({ code: 'custom', path: ['schedule', 'starts'], message: 'give one start per applicant' });
    }
    if (v.locationId && v.locationText) ctx.addIssue({ code: 'custom', path: ['locationText'], message: 'give either locationId or locationText' });
  });
export type CreateAppointments = z.infer<typeof CreateAppointmentsSchema>;

export const AppointmentLocationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('online') }),
  z.object({ kind: z.literal('onsite'), locationId: z.string(), name: z.string(), address: z.string().nullable() }),
  z.object({ kind: z.literal('text'), text: z.string() }),
]);

export const AppointmentViewSchema = z.object({
  id: z.string(),
  status: z.enum(['confirmed', 'cancelled']),
  title: z.string(),
  organizerId: z.string(),
  participantIds: z.array(z.string()),
  applicants: z.array(z.object({ name: z.string(), email: z.string() })),
  start: IsoInstant,
  end: IsoInstant,
  timeZone: z.string(),
  location: AppointmentLocationSchema.nullable(),
  roomId: z.string().nullable(),
  private: z.boolean(),
  comment: z.string().nullable(),
  /** Raised on every change; the ICS of the host's e-mails carries it. */
  sequence: z.number().int(),
  calendarState: z.enum(['pending', 'written', 'failed', 'deleted']),
  /** Set when the appointment came from a self-booking link. */
  bookingRequestId: z.string().nullable(),
});
export type AppointmentView = z.infer<typeof AppointmentViewSchema>;

export const AppointmentListSchema = z.object({ appointments: z.array(AppointmentViewSchema) });
export type AppointmentList = z.infer<typeof AppointmentListSchema>;

export const UpdateAppointmentSchema = z
  .strictObject({
    start: IsoInstant.optional(),
    durationMinutes: z.number().int().min(5).max(480).optional(),
    /** Plus only for a room; null removes the room. */
    roomId: Id.nullable().optional(),
    participantIds: z.array(Id).min(1).max(20).optional(),
    ignoreCalendarConflicts: z.boolean().default(false),
  })
  .refine((v) => v.start !== undefined || v.durationMinutes !== undefined || v.roomId !== undefined || v.participantIds !== undefined, {
    message: 'change at least one of start, durationMinutes, roomId, participantIds',
  });
export type UpdateAppointment = z.infer<typeof UpdateAppointmentSchema>;

export const AppointmentChangeSchema = z.object({
  appointment: AppointmentViewSchema,
  change: z.enum(['rescheduled', 'room_changed', 'participants_changed', 'unchanged']),
  /** False when the change does not concern the applicant (room only): the host sends no correspondence. */
  applicantNotified: z.boolean(),
});
export type AppointmentChange = z.infer<typeof AppointmentChangeSchema>;

export const IcsQuerySchema = z.strictObject({
  /** Defaults to REQUEST for a confirmed appointment and CANCEL for a cancelled one. */
  method: z.enum(['REQUEST', 'CANCEL']).optional(),
  /** `applicant` (default): no internal notes, only the applicant as attendee; `internal`: the full event. */
  audience: z.enum(['applicant', 'internal']).default('applicant'),
  /** For a shared-time group: which applicant's copy. */
  applicant: z.email().max(320).optional(),
});
export type IcsQuery = z.infer<typeof IcsQuerySchema>;

export const ReplyStatusSchema = z.enum(['needs_action', 'accepted', 'declined', 'tentative']);
export type ReplyStatus = z.infer<typeof ReplyStatusSchema>;

export const ParticipantRepliesSchema = z.object({
  appointmentId: z.string(),
  organizer: z.object({ id: z.string(), name: z.string(), attends: z.boolean() }),
  attendees: z.array(
    z.object({
      kind: z.enum(['participant', 'room', 'applicant']),
      /** User or room id; absent for applicants. */
      id: z.string().optional(),
      name: z.string(),
      email: z.string(),
      status: ReplyStatusSchema,
      changedAt: IsoInstant.nullable(),
    }),
  ),
  /** `calendar`: read just now; `stored`: the last known replies (calendar unreachable or event not found). */
  source: z.enum(['calendar', 'stored']),
});
export type ParticipantReplies = z.infer<typeof ParticipantRepliesSchema>;

export const ResendBookingRequestSchema = z.strictObject({
  period: z.object({ start: IsoInstant, end: IsoInstant }).refine((p) => Date.parse(p.end) > Date.parse(p.start), {
    message: 'period.end must be after period.start',
  }),
});
export type ResendBookingRequest = z.infer<typeof ResendBookingRequestSchema>;
