/**
 * Wire contract of the privacy endpoints (admins): GDPR erasure of an applicant's booking data (by booking
 * request or by e-mail address), and the retention purge of booking links whose period ended more than
 * `settings.retentionDays` ago. User erasure is `DELETE /api/users/:id`.
 */
import { z } from 'zod';

export const ApplicantErasureSchema = z.union(
  [
    z.strictObject({ bookingRequestId: z.string().min(1).max(128) }),
    z.strictObject({ email: z.email().max(320) }),
  ],
  { error: 'send either bookingRequestId or email' },
);
export type ApplicantErasure = z.infer<typeof ApplicantErasureSchema>;

export const ErasureResultSchema = z.object({
  bookingRequests: z.number().int(),
  appointments: z.number().int(),
  /** Events the product had written into interviewers' calendars and deleted there. */
  calendarEvents: z.number().int(),
});
export type ErasureResult = z.infer<typeof ErasureResultSchema>;

export const UserErasureResultSchema = z.object({
  userId: z.string(),
  /** Whether a calendar connection was revoked at the broker. */
  connectionRevoked: z.boolean(),
  /** Open booking requests that included the user and therefore failed (`participant_disconnected`). */
  failedBookingRequests: z.number().int(),
});
export type UserErasureResult = z.infer<typeof UserErasureResultSchema>;
