/**
 * Privacy: GDPR erasure of a user and of an applicant's booking data, and the retention purge.
 *
 * - Erasing a user revokes their calendar connection at the broker first (the one `disconnect`: tokens deleted,
 *   open booking requests with them failed), then deletes the user with their preferences, cached free/busy,
 *   claims, pending connects and stream tickets. Appointments keep the user's id (the host's opaque key), never
 *   their name or e-mail.
 * - Erasing an applicant deletes the events the product wrote into interviewers' calendars (they carry the
 *   applicant as attendee) and then, in one transaction, the booking links, holds, appointments, claims,
 *   idempotency records and the applicant fields of stored webhook payloads. If a calendar cannot be reached the
 *   request answers 503 and the store is untouched, so the erasure can simply be retried.
 * - The retention purge does the same store deletion for links whose period ended more than `retentionDays`
 *   ago; it leaves the interviewers' calendars alone (their record of a past interview).
 */
import type { ApplicantErasure, ErasureResult, UserErasureResult } from '../../shared/api/privacy.js';
import { DAY_MS, formatInstant } from '../../shared/time.js';
import type { Db } from '../../store/db.js';
import { getConnection } from '../../store/repos/connections.js';
import { getOrganization } from '../../store/repos/organizations.js';
import { eraseBookingData, eraseUserRows, findApplicantAppointments, findApplicantRequests, findExpiredRequests } from '../../store/repos/privacy.js';
import { getUser } from '../../store/repos/users.js';
import type { AppDeps } from '../app.js';
import { ApiError, notFound } from '../errors.js';
import type { Logger } from '../middleware/logging.js';
import { NotConnectedError, type CalendarGateway } from './calendar.js';
import { disconnect } from './connections.js';
import { connectionDeps } from './users.js';

export async function eraseUser(deps: AppDeps, orgId: string, userId: string): Promise<UserErasureResult> {
  if (!(await getUser(deps.db, orgId, userId))) throw notFound('user');
  const connection = await getConnection(deps.db, orgId, userId);
  const openBefore = await countOpenRequestsWith(deps.db, orgId, userId);
  const revoked = connection !== null && connection.status !== 'not_connected';
  // Always through disconnect: it fails the user's open booking requests even without a live connection.
  await disconnect(connectionDeps(deps), orgId, userId);
  await deps.db.tx((q) => eraseUserRows(q, orgId, userId));
  deps.logger.info('user erased', { orgId, userId, connectionRevoked: revoked });
  return { userId, connectionRevoked: revoked, failedBookingRequests: openBefore };
}

async function countOpenRequestsWith(db: Db, orgId: string, userId: string): Promise<number> {
  const rows = await db.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM booking_requests WHERE org_id = $1 AND status = 'open' AND $2 = ANY(participant_ids)",
    [orgId, userId],
  );
  return rows[0]?.n ?? 0;
}

export async function eraseApplicant(deps: Pick<AppDeps, 'db' | 'calendars' | 'logger'>, orgId: string, by: ApplicantErasure): Promise<ErasureResult> {
  const email = 'email' in by ? by.email : null;
  const requestIds = await findApplicantRequests(deps.db, orgId, by);
  if ('bookingRequestId' in by && requestIds.length === 0) throw notFound('booking request');
  const appointments = await findApplicantAppointments(deps.db, orgId, requestIds, email);
  let calendarEvents = 0;
  for (const appointment of appointments) {
    if (appointment.calendarState === 'deleted') continue;
    if (await deleteCalendarEvent(deps.calendars, deps.logger, orgId, appointment)) calendarEvents++;
  }
  const erased = await deps.db.tx(async (q) => {
    // Read again inside the transaction: an appointment booked meanwhile is erased too.
    const ids = (await findApplicantAppointments(q, orgId, requestIds, email)).map((a) => a.id);
    return eraseBookingData(q, orgId, requestIds, ids);
  });
  deps.logger.info('applicant data erased', { orgId, ...erased, calendarEvents });
  return { ...erased, calendarEvents };
}

/** True when an event was deleted; false when the organizer has no calendar we can reach any more. */
async function deleteCalendarEvent(
  calendars: CalendarGateway,
  logger: Logger,
  orgId: string,
  appointment: { id: string; organizerId: string; eventId: string },
): Promise<boolean> {
  try {
    await calendars.deleteEvent(orgId, appointment.organizerId, appointment.eventId);
    return true;
  } catch (error) {
    if (error instanceof NotConnectedError) return false;
    logger.warn('erasure: calendar event not deleted', { appointmentId: appointment.id, error: String(error) });
    throw new ApiError(503, 'calendar_unavailable', "An interviewer's calendar could not be reached to delete the appointment; nothing was erased. Try again later.");
  }
}

/**
 * Purges booking links (with their applicant data) whose period ended more than the organization's
 * `retentionDays` ago. With `orgId` for one organization (the admin endpoint), without for all (the job).
 */
export async function purgeExpiredBookingData(deps: Pick<AppDeps, 'db' | 'now' | 'logger'>, orgId?: string): Promise<ErasureResult> {
  const orgIds = orgId ? [orgId] : (await deps.db.query<{ id: string }>('SELECT id FROM organizations ORDER BY id')).map((r) => r.id);
  const total: ErasureResult = { bookingRequests: 0, appointments: 0, calendarEvents: 0 };
  for (const id of orgIds) {
    const org = await getOrganization(deps.db, id);
    if (!org) continue;
    const cutoff = formatInstant(deps.now() - org.settings.retentionDays * DAY_MS);
    const result = await deps.db.tx(async (q) => {
      const requestIds = await findExpiredRequests(q, id, cutoff);
      if (requestIds.length === 0) return { bookingRequests: 0, appointments: 0 };
      const appointmentIds = (await findApplicantAppointments(q, id, requestIds, null)).map((a) => a.id);
      return eraseBookingData(q, id, requestIds, appointmentIds);
    });
    total.bookingRequests += result.bookingRequests;
    total.appointments += result.appointments;
    if (result.bookingRequests > 0) deps.logger.info('retention purge', { orgId: id, ...result });
  }
  return total;
}
