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
import {
  getReplies,
  getRepliesOfAppointments,
  listLiveAppointmentIdsOfOrganizer,
  listLiveEventsOfOrganizer,
  lockAppointment,
  pruneReplies,
  saveReply,
  type StoredReply,
} from '../../store/repos/appointments.js';
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

type Observed = Array<{ email: string; status: string }>;

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
    if (unreadable(deps, error, appointmentId)) return { source: 'stored', changed: 0, unreadable: true };
    throw error;
  }
  // Not (yet) in the calendar, e.g. a first write still pending.
  if (observed === null) return { source: 'stored', changed: 0, unreadable: false };
  return { source: 'calendar', changed: await storeReplies(deps, orgId, appointmentId, observed), unreadable: false };
}

function unreadable(deps: ReplyDeps, error: unknown, appointmentId?: string): boolean {
  if (error instanceof CalendarUnavailableError || error instanceof NotConnectedError) {
    deps.logger.warn('attendee replies unreadable', { ...(appointmentId ? { appointmentId } : {}), error: error.message });
    return true;
  }
  return false;
}

/** Whether storing `observed` would change nothing: every known reply equals the stored one, and no stored attendee left. */
function sameAsStored(observed: Observed, stored: ReadonlyMap<string, StoredReply>): boolean {
  const seen = new Set<string>();
  for (const o of observed) {
    const email = o.email.toLowerCase();
    seen.add(email);
    if (KNOWN.includes(o.status as StoredReply) && (stored.get(email) ?? 'needs_action') !== o.status) return false;
  }
  return [...stored.keys()].every((email) => seen.has(email));
}

/** Stores the replies that differ from the stored ones, each with its `participant.status_changed` event. */
async function storeReplies(deps: ReplyDeps, orgId: string, appointmentId: string, observed: Observed): Promise<number> {
  const replies = new Map(observed.map((o) => [o.email.toLowerCase(), o.status]));
  const now = deps.now();
  return deps.db.tx(async (q) => {
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
}

/**
 * For the push-notification handler: the organizer's calendar changed, so re-read the replies of every confirmed
 * appointment of theirs that has not ended more than a day ago — in one read of the calendar when the gateway can,
 * and with a write only for the appointments whose replies differ from the stored ones. Safe to call repeatedly.
 */
export async function refreshAttendeeStatuses(deps: ReplyDeps, orgId: string, organizerId: string): Promise<{ appointments: number; changed: number }> {
  const readAll = deps.calendars.attendeeStatusesOfEvents?.bind(deps.calendars);
  if (!readAll) return refreshOneByOne(deps, orgId, organizerId);
  const events = await listLiveEventsOfOrganizer(deps.db, orgId, organizerId, formatInstant(deps.now() - DAY_MS));
  if (events.length === 0) return { appointments: 0, changed: 0 };
  const window = {
    start: events.reduce((min, e) => (e.start < min ? e.start : min), events[0]!.start),
    end: events.reduce((max, e) => (e.end > max ? e.end : max), events[0]!.end),
  };
  let observed;
  try {
    observed = await readAll(orgId, organizerId, window);
  } catch (error) {
    // One unreadable calendar: the next push tries again.
    if (unreadable(deps, error)) return { appointments: events.length, changed: 0 };
    throw error;
  }
  const stored = await getRepliesOfAppointments(deps.db, orgId, events.map((e) => e.id));
  let changed = 0;
  for (const event of events) {
    const replies = observed.get(event.eventId);
    // Not (yet) in the calendar, or nothing new: nothing to write.
    if (!replies || sameAsStored(replies, stored.get(event.id) ?? new Map())) continue;
    changed += await storeReplies(deps, orgId, event.id, replies);
  }
  return { appointments: events.length, changed };
}

async function refreshOneByOne(deps: ReplyDeps, orgId: string, organizerId: string): Promise<{ appointments: number; changed: number }> {
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
