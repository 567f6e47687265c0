/**
 * Writing the product's appointments into calendars, and repairing what a crash or an outage left half-done.
 *
 * The event goes into the organizer's calendar with participants, room and applicant as attendees, so the
 * invitations go out from the organizer's calendar. The event id is stable per appointment, so retries are
 * idempotent. `reconcileCalendarWrites` retries appointments still `pending`; one that cannot be written
 * within the give-up period is rolled back (claims released, link reopened) and reported as `booking.failed`.
 */
import { formatInstant } from '../../shared/time.js';
import type { Appointment } from '../../store/repos/bookings.js';
import { deleteAppointmentClaims, listPendingCalendarWrites, setBookingStatus, setCalendarState } from '../../store/repos/bookings.js';
import type { Db, Queryable } from '../../store/db.js';
import { getAppointmentExtras, setWrittenAttendees } from '../../store/repos/appointments.js';
import { getRoom, getLocation } from '../../store/repos/rooms.js';
import { getUser, getUsers } from '../../store/repos/users.js';
import type { Logger } from '../middleware/logging.js';
import type { CalendarEvent, CalendarGateway } from './calendar.js';
import { emit } from './events.js';

interface SyncDeps {
  db: Db;
  calendars: CalendarGateway;
  now: () => number;
  logger: Logger;
}

export async function buildCalendarEvent(db: Queryable, appointment: Appointment): Promise<CalendarEvent> {
  const people = await getUsers(db, appointment.orgId, appointment.participantIds);
  const organizer = people.find((p) => p.id === appointment.organizerId) ?? (await getUser(db, appointment.orgId, appointment.organizerId));
  const room = appointment.roomId ? await getRoom(db, appointment.orgId, appointment.roomId) : null;
  const location = appointment.locationId ? await getLocation(db, appointment.orgId, appointment.locationId) : null;
  const organizerAttends = appointment.participantIds.includes(appointment.organizerId);
  const lines = [
    appointment.applicantName ? `Applicant: ${appointment.applicantName}` : null,
    appointment.description || null,
    // The spec: when the organizer takes no part, the entry says so (the organizer still gets it).
    organizerAttends ? null : `${organizer?.name ?? 'The organizer'} will not attend this appointment.`,
  ].filter((l): l is string => l !== null);
  return {
    eventId: appointment.eventId,
    summary: appointment.title,
    description: lines.join('\n'),
    start: appointment.start,
    end: appointment.end,
    timeZone: appointment.timeZone,
    location: appointment.online
      ? 'Online'
      : [room?.name, location?.name, location?.address, appointment.locationText].filter(Boolean).join(', ') || null,
    attendees: [
      ...people.filter((p) => p.id !== appointment.organizerId).map((p) => ({ email: p.email, displayName: p.name })),
      ...(room ? [{ email: room.email, displayName: room.name }] : []),
      ...(appointment.applicantEmail ? [{ email: appointment.applicantEmail, displayName: appointment.applicantName ?? appointment.applicantEmail }] : []),
    ],
    private: appointment.private,
  };
}

export async function writeAppointmentEvent(deps: SyncDeps, appointment: Appointment): Promise<void> {
  try {
    if (appointment.status === 'cancelled') {
      await deps.calendars.deleteEvent(appointment.orgId, appointment.organizerId, appointment.eventId);
      await setCalendarState(deps.db, appointment.orgId, appointment.id, 'deleted');
    } else {
      const event = await buildCalendarEvent(deps.db, appointment);
      const extras = await getAppointmentExtras(deps.db, appointment.orgId, appointment.id);
      const written = extras?.writtenAttendees ?? null;
      const current = new Set(event.attendees.map((a) => a.email.toLowerCase()));
      const removed = (written ?? []).filter((email) => !current.has(email.toLowerCase()));
      // After a room-only change the applicant, already invited, is not invited again (the spec keeps it internal).
      const quiet =
        written !== null && extras?.notifyApplicant === false && appointment.applicantEmail && written.includes(appointment.applicantEmail)
          ? [appointment.applicantEmail]
          : [];
      await deps.calendars.upsertEvent(appointment.orgId, appointment.organizerId, {
        ...event,
        ...(removed.length > 0 ? { removedAttendees: removed.map((email) => ({ email, displayName: email })) } : {}),
        ...(quiet.length > 0 ? { quietAttendees: quiet } : {}),
      });
      await setWrittenAttendees(deps.db, appointment.orgId, appointment.id, event.attendees.map((a) => a.email), { calendarState: 'written' });
    }
  } catch (error) {
    await setCalendarState(deps.db, appointment.orgId, appointment.id, 'pending', error instanceof Error ? error.message : String(error));
    throw error;
  }
  // A first write needs no refresh: the appointment's claims already keep its time busy. After a move or a
  // cancellation the cached busy time may still hold the old time: drop it, so that time is offered again at once.
  if (appointment.status !== 'cancelled' && appointment.sequence === 0) return;
  await Promise.all(
    [appointment.organizerId, ...appointment.participantIds].map((id) => deps.calendars.invalidate(appointment.orgId, id)),
  );
}

export async function reconcileCalendarWrites(
  deps: SyncDeps,
  options: { giveUpAfterMs?: number; graceSeconds?: number } = {},
): Promise<{ written: number; rolledBack: number }> {
  const giveUpAfterMs = options.giveUpAfterMs ?? 15 * 60_000;
  let written = 0;
  let rolledBack = 0;
  for (const appointment of await listPendingCalendarWrites(deps.db, options.graceSeconds ?? 30)) {
    try {
      await writeAppointmentEvent(deps, appointment);
      written++;
    } catch (error) {
      const createdLongAgo = await deps.db.query<{ old: boolean }>(
        `SELECT created_at < $3::timestamptz AS old FROM appointments WHERE org_id = $1 AND id = $2`,
        [appointment.orgId, appointment.id, formatInstant(deps.now() - giveUpAfterMs)],
      );
      // Only a first write is rolled back: a pending move or cancellation of an event already in the calendar keeps
      // being retried (rolling it back would cancel a live appointment, or reopen a link the recruiter cancelled).
      const neverWritten = (await getAppointmentExtras(deps.db, appointment.orgId, appointment.id))?.writtenAttendees === null;
      if (createdLongAgo[0]?.old && appointment.status === 'confirmed' && neverWritten) {
        await rollBack(deps, appointment, error instanceof Error ? error.message : String(error));
        rolledBack++;
      }
    }
  }
  return { written, rolledBack };
}

async function rollBack(deps: SyncDeps, appointment: Appointment, reason: string): Promise<void> {
  const now = deps.now();
  await deps.db.tx(async (q) => {
    await deleteAppointmentClaims(q, appointment.orgId, appointment.id);
    await q.query(`UPDATE appointments SET status = 'cancelled', calendar_state = 'failed', calendar_error = $3 WHERE org_id = $1 AND id = $2`, [
      appointment.orgId,
      appointment.id,
      reason,
    ]);
    if (appointment.bookingRequestId) {
      await setBookingStatus(q, appointment.orgId, appointment.bookingRequestId, 'open', { appointmentId: null });
      await emit(q, appointment.orgId, 'booking.failed', {
        bookingRequestId: appointment.bookingRequestId,
        appointmentId: appointment.id,
        reason: 'calendar_write_failed',
        status: 'open',
      }, now);
    } else {
      // A recruiter's invite has no link to reopen; the host must learn that the invitation never went out.
      await emit(q, appointment.orgId, 'appointment.cancelled', { appointmentId: appointment.id, reason: 'calendar_write_failed', status: 'cancelled' }, now);
    }
  });
  deps.logger.warn('appointment rolled back after failed calendar writes', { appointmentId: appointment.id });
}
