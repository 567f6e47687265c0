/**
 * Attendee replies (needs action, accepted, declined, tentative), read back from the organizer's calendar — on
 * demand for one appointment, and for all of an organizer's live appointments when a push notification says that
 * calendar changed (`refreshAttendeeStatuses`, called by the push handler).
 *
 * The last known reply per attendee is stored; a missing row means `needs_action`. `participant.status_changed`
 * is emitted only when a reply differs from the stored one, inside the transaction that stores it, with the
 * appointment row locked, so two concurrent refreshes cannot both report the same change. A calendar that cannot
 * be read, or an event it does not show, leaves the stored replies as they are (`source: 'stored'`): an unknown
 * answer is never taken for a change.
 */
import type { ParticipantReplies } from '../../shared/api/appointments.js';
import { DAY_MS, formatInstant } from '../../shared/time.js';
import type { Queryable } from '../../store/db.js';
import { getReplies, listLiveAppointmentIdsOfOrganizer, lockAppointment, pruneReplies, saveReply, type StoredReply } from '../../store/repos/appointments.js';
import { getAppointment, type Appointment } from '../../store/repos/bookings.js';
import { getRoom } from '../../store/repos/rooms.js';
import { getUser, getUsers } from '../../store/repos/users.js';
import { notFound } from '../errors.js';
import type { PlanningDeps } from './availability-check.js';
import { CalendarUnavailableError, NotConnectedError } from './calendar.js';
import { buildCalendarEvent } from './calendar-sync.js';
import { emit } from './events.js';

export type ReplyDeps = PlanningDeps;

interface AttendeeRef {
  kind: 'participant' | 'room' | 'applicant';
  id?: string;
  name: string;
  email: string;
}

/** Who is on the appointment's calendar event, by kind (the organizer is its owner, not an attendee). */
async function attendeesOf(q: Queryable, appointment: Appointment): Promise<AttendeeRef[]> {
  const event = await buildCalendarEvent(q, appointment);
  const people = await getUsers(q, appointment.orgId, appointment.participantIds);
  const room = appointment.roomId ? await getRoom(q, appointment.orgId, appointment.roomId) : null;
  return event.attendees.map((a): AttendeeRef => {
    const email = a.email.toLowerCase();
    const person = people.find((p) => p.email.toLowerCase() === email);
    if (person) return { kind: 'participant', id: person.id, name: person.name, email };
    if (room && room.email.toLowerCase() === email) return { kind: 'room', id: room.id, name: room.name, email };
    return { kind: 'applicant', name: a.displayName, email };
  });
}

const KNOWN: readonly StoredReply[] = ['needs_action', 'accepted', 'declined', 'tentative'];

/**
 * Reads one appointment's replies from the organizer's calendar and stores the changes.
 * Returns where the replies now shown come from, and how many changed.
 */
export async function refreshAppointmentReplies(
  deps: ReplyDeps,
  orgId: string,
  appointmentId: string,
): Promise<{ source: 'calendar' | 'stored'; changed: number; unreadable: boolean }> {
  const appointment = await getAppointment(deps.db, orgId, appointmentId);
  if (!appointment || appointment.status !== 'confirmed') return { source: 'stored', changed: 0, unreadable: false };
  let observed;
  try {
    observed = await deps.calendars.attendeeStatuses(orgId, appointment.organizerId, appointment.eventId, { start: appointment.start, end: appointment.end });
  } catch (error) {
    if (error instanceof CalendarUnavailableError || error instanceof NotConnectedError) {
      deps.logger.warn('attendee replies unreadable', { appointmentId, error: error.message });
      return { source: 'stored', changed: 0, unreadable: true };
    }
    throw error;
  }
  // Not (yet) in the calendar, e.g. a first write still pending.
  if (observed === null) return { source: 'stored', changed: 0, unreadable: false };
  const replies = new Map(observed.map((o) => [o.email.toLowerCase(), o.status]));
  const now = deps.now();
  const changed = await deps.db.tx(async (q) => {
    if (!(await lockAppointment(q, orgId, appointmentId))) return 0;
    const fresh = await getAppointment(q, orgId, appointmentId);
    if (!fresh || fresh.status !== 'confirmed') return 0;
    const attendees = await attendeesOf(q, fresh);
    const stored = await getReplies(q, orgId, appointmentId);
    let count = 0;
    for (const attendee of attendees) {
      const status = replies.get(attendee.email);
      if (status === undefined || !KNOWN.includes(status as StoredReply)) continue;
      const previous = stored.get(attendee.email)?.status ?? 'needs_action';
      if (previous === status) continue;
      await saveReply(q, orgId, appointmentId, attendee.email, status as StoredReply, formatInstant(now));
      await emit(q, orgId, 'participant.status_changed', {
        appointmentId,
        bookingRequestId: fresh.bookingRequestId,
        attendee: { kind: attendee.kind, ...(attendee.id ? { id: attendee.id } : {}), name: attendee.name, email: attendee.email },
        ...(attendee.kind === 'participant' ? { userId: attendee.id } : {}),
        ...(attendee.kind === 'room' ? { roomId: attendee.id } : {}),
        previous,
        status,
      }, now);
      count++;
    }
    await pruneReplies(q, orgId, appointmentId, attendees.map((a) => a.email));
    return count;
  });
  return { source: 'calendar', changed, unreadable: false };
}

/**
 * For the push-notification handler: the organizer's calendar changed, so re-read the replies of every confirmed
 * appointment of theirs that has not ended more than a day ago. Safe to call repeatedly.
 */
export async function refreshAttendeeStatuses(deps: ReplyDeps, orgId: string, organizerId: string): Promise<{ appointments: number; changed: number }> {
  const ids = await listLiveAppointmentIdsOfOrganizer(deps.db, orgId, organizerId, formatInstant(deps.now() - DAY_MS));
  let changed = 0;
  for (const id of ids) {
    const result = await refreshAppointmentReplies(deps, orgId, id);
    changed += result.changed;
    // One unreadable calendar makes every further read of it fail too; the next push tries again.
    if (result.unreadable) break;
  }
  return { appointments: ids.length, changed };
}

export async function getParticipantReplies(deps: ReplyDeps, orgId: string, appointmentId: string): Promise<ParticipantReplies> {
  const appointment = await getAppointment(deps.db, orgId, appointmentId);
  if (!appointment) throw notFound('appointment');
  const { source } = await refreshAppointmentReplies(deps, orgId, appointmentId);
  const organizer = await getUser(deps.db, orgId, appointment.organizerId);
  const stored = await getReplies(deps.db, orgId, appointmentId);
  const attendees = await attendeesOf(deps.db, appointment);
  return {
    appointmentId,
    organizer: { id: appointment.organizerId, name: organizer?.name ?? appointment.organizerId, attends: appointment.participantIds.includes(appointment.organizerId) },
    attendees: attendees.map((a) => ({
      ...a,
      status: stored.get(a.email)?.status ?? 'needs_action',
      changedAt: stored.get(a.email)?.changedAt ?? null,
    })),
    source,
  };
}
