/**
 * Wire contract of self-booking requests (Plus, recruiters): `POST /api/booking-requests` creates one for an
 * applicant and returns the booking link once (only its hash is stored); `GET /api/booking-requests/:id`
 * shows its state; resend and cancel act on it.
 */
import { z } from 'zod';
import { IsoInstant } from './public-booking.js';

const Zone = z.string().min(1).max(64);

export const CreateBookingRequestSchema = z.object({
  title: z.string().trim().min(1).max(200),
  applicant: z.object({ name: z.string().trim().min(1).max(200), email: z.email().max(320) }),
  participantIds: z.array(z.string().min(1).max(128)).min(1).max(20),
  /** Defaults to the creating recruiter. Their calendar receives the event and sends the invitations. */
  organizerId: z.string().min(1).max(128).optional(),
  durationMinutes: z.number().int().min(5).max(480).optional(),
  intervalMinutes: z.number().int().min(5).max(240).optional(),
  bufferBeforeMinutes: z.number().int().min(0).max(240).optional(),
  bufferAfterMinutes: z.number().int().min(0).max(240).optional(),
  timeZone: Zone,
  locationId: z.string().min(1).max(128).nullable().optional(),
  online: z.boolean().default(false),
  roomNeeded: z.boolean().default(false),
  period: z.object({ start: IsoInstant, end: IsoInstant }).refine((p) => Date.parse(p.end) > Date.parse(p.start), {
    message: 'period.end must be after period.start',
  }),
  allowReschedule: z.boolean().default(true),
  locale: z.enum(['de', 'en']).default('de'),
});
export type CreateBookingRequest = z.infer<typeof CreateBookingRequestSchema>;

/** `POST /api/booking-requests/preview`: the same fields without the applicant; nothing is stored. */
export const PreviewBookingRequestSchema = CreateBookingRequestSchema.omit({ applicant: true, title: true }).extend({
  title: z.string().trim().min(1).max(200).optional(),
});
export type BookingRequestDraftInput = z.infer<typeof PreviewBookingRequestSchema>;

export const BookingRequestPreviewSchema = z.object({
  slotCount: z.number().int(),
  participants: z.array(z.object({ id: z.string(), name: z.string(), freeCandidateCount: z.number().int() })),
});
export type BookingRequestPreview = z.infer<typeof BookingRequestPreviewSchema>;

export const BookingRequestViewSchema = z.object({
  id: z.string(),
  status: z.enum(['open', 'booked', 'declined', 'expired', 'cancelled', 'failed']),
  failureReason: z.string().nullable(),
  title: z.string(),
  participantIds: z.array(z.string()),
  timeZone: z.string(),
  period: z.object({ start: IsoInstant, end: IsoInstant }),
  roomNeeded: z.boolean(),
  appointment: z
    .object({ id: z.string(), start: IsoInstant, end: IsoInstant, roomId: z.string().nullable(), calendarState: z.string() })
    .nullable(),
  /** Whether any slot exists now, and per participant how many candidate times they alone are free for. */
  availability: z
    .object({
      slotCount: z.number().int(),
      participants: z.array(z.object({ id: z.string(), name: z.string(), freeCandidateCount: z.number().int() })),
    })
    .optional(),
  /** Only in the response that created (or resent) the request. */
  link: z.string().optional(),
});
export type BookingRequestView = z.infer<typeof BookingRequestViewSchema>;
