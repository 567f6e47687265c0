/**
 * Wire contract of the applicant endpoints (authorized only by the booking-link token in the path).
 *
 * Base path: `/api/public/bookings/:token`.
 * - `GET    /`                     → BookingDetails (200 for every known token, whatever its status; 404 `booking_not_found`)
 * - `GET    /slots`                → SlotList (410 `booking_closed` when the link is no longer open; 503 `calendar_unavailable`)
 * - `POST   /holds`        HoldRequest → 201 Hold (409 `slot_taken` with `details.slots` = fresh alternatives);
 *                            one hold per link: a new hold replaces the previous one
 * - `DELETE /holds/:holdId`        → 204, the applicant went back: the held time is free for others at once;
 *                            idempotent (an expired, used, replaced or foreign hold id answers 204 too)
 * - `POST   /appointment`  BookRequest → 201 BookedAppointment (409 `slot_taken` + `details.slots`; 410 `booking_closed`);
 *                            honours an `Idempotency-Key` header: a retried POST returns the first result.
 * - `PUT    /appointment`  BookRequest → 200 BookedAppointment (moves the booked appointment; 403 `reschedule_not_allowed`)
 * - `POST   /decline`              → BookingDetails with status `declined`
 * - `GET    /appointment.ics`      → text/calendar of the booked appointment (404 when nothing is booked)
 *
 * Instants are UTC ISO strings; `timeZone` fields are IANA names. Interviewers are exposed by display name only
 * (first name or role), never by e-mail.
 */
import { z } from 'zod';

export const IsoInstant = z.iso.datetime({ offset: false }).describe('UTC instant, ISO-8601 with Z');

export const BookingStatusSchema = z.enum(['open', 'booked', 'declined', 'expired', 'cancelled', 'failed']);
export type BookingStatus = z.infer<typeof BookingStatusSchema>;

export const PublicLocationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('onsite'), name: z.string(), address: z.string().optional() }),
  z.object({ kind: z.literal('online'), name: z.string().optional() }),
]);
export type PublicLocation = z.infer<typeof PublicLocationSchema>;

export const BookedAppointmentSchema = z.object({
  start: IsoInstant,
  end: IsoInstant,
  timeZone: z.string(),
  roomName: z.string().optional(),
  location: PublicLocationSchema.nullable(),
});
export type BookedAppointment = z.infer<typeof BookedAppointmentSchema>;

export const BookingDetailsSchema = z.object({
  status: BookingStatusSchema,
  title: z.string(),
  organizationName: z.string(),
  durationMinutes: z.number().int().positive(),
  timeZone: z.string(),
  location: PublicLocationSchema.nullable(),
  interviewers: z.array(z.object({ displayName: z.string() })),
  period: z.object({ start: IsoInstant, end: IsoInstant }),
  holdMinutes: z.number().int().nonnegative(),
  allowReschedule: z.boolean(),
  /** Language the recruiter chose for the applicant; the element may still follow the page. */
  locale: z.enum(['de', 'en']),
  appointment: BookedAppointmentSchema.nullable(),
});
export type BookingDetails = z.infer<typeof BookingDetailsSchema>;

export const PublicSlotSchema = z.object({ start: IsoInstant, end: IsoInstant });
export type PublicSlot = z.infer<typeof PublicSlotSchema>;

export const SlotListSchema = z.object({
  timeZone: z.string(),
  durationMinutes: z.number().int().positive(),
  slots: z.array(PublicSlotSchema),
});
export type SlotList = z.infer<typeof SlotListSchema>;

export const HoldRequestSchema = z.object({ start: IsoInstant });
export type HoldRequest = z.infer<typeof HoldRequestSchema>;

export const HoldSchema = z.object({
  holdId: z.string(),
  start: IsoInstant,
  end: IsoInstant,
  expiresAt: IsoInstant,
});
export type Hold = z.infer<typeof HoldSchema>;

export const BookRequestSchema = z.object({ start: IsoInstant, holdId: z.string().max(100).optional() });
export type BookRequest = z.infer<typeof BookRequestSchema>;

/** `details` of a 409 `slot_taken`: fresh alternatives so the picker can show them at once. */
export const SlotTakenDetailsSchema = z.object({ slots: z.array(PublicSlotSchema) });
