/**
 * Recruiter appointments (Basic; rooms need Plus): invite, move, cancel, read, and the calendar files the host
 * attaches to its own e-mails.
 *
 * Invariants:
 * - The product never double-books its own people or rooms: every appointment inserts one busy claim per
 *   participant and room, and the exclusion constraint rejects overlaps (409 `slot_taken`) whatever races happen.
 *   Busy time in external calendars refuses the invite with 409 `slot_unavailable` unless the recruiter explicitly
 *   sets `ignoreCalendarConflicts` (the spec checks availability but lets the recruiter decide); `unknown` (no
 *   readable calendar) never blocks.
 * - The event lives in the organizer's calendar (written after commit by `calendar-sync.ts`, retried by the
 *   reconciler); its id is stable, so a move updates it and raises SEQUENCE, and a cancellation deletes it.
 * - Several applicants at one shared time share one appointment but are not attendees of its event: an invitation
 *   shows every attendee's address, and applicants must not see each other. The host mails each its own ICS.
 * - A room-only change does not concern the applicant: the event update does not invite them again and the host
 *   is told `applicantNotified: false`.
 * - Lock order matches the applicant side (booking request, then appointment), so the two never deadlock.
 */
import type {
  AppointmentChange,
  AppointmentList,
  AppointmentView,
  CheckedTime,
  CreateAppointments,
  IcsQuery,
  UpdateAppointment,
} from '../../shared/api/appointments.js';
import { MINUTE_MS, formatInstant, parseInstant } from '../../shared/time.js';
import { newId, sha256 } from '../../store/crypto.js';
import { PG_ERRORS, pgErrorCode, type Queryable } from '../../store/db.js';
import {
  findIdempotentResult,
  getAppointmentExtras,
  lockAppointment,
  markCancelled,
  rescheduleAppointment,
  saveIdempotentResult,
  setInviteFields,
  type ApplicantRef,
} from '../../store/repos/appointments.js';
import {
  deleteAppointmentClaims,
  deleteHoldsOfRequest,
  getAppointment,
  getBookingRequest,
  insertAppointment,
  insertAppointmentClaims,
  setBookingStatus,
  sweepExpiredHolds,
  type Appointment,
  type Claim,
} from '../../store/repos/bookings.js';
import { getConnection, isConnected } from '../../store/repos/connections.js';
import { getLocation, getRoom } from '../../store/repos/rooms.js';
import { getUser, getUsers } from '../../store/repos/users.js';
import type { Principal } from '../auth.js';
import { ApiError, notFound, plusRequired } from '../errors.js';
import {
  checkTime,
  ensurePlannable,
  exceptionFor,
  expandSchedule,
  gatherKnowledge,
  readWindow,
  requirePlanningOrg,
  requireRoom,
  requireUsers,
  type Knowledge,
  type PlanningDeps,
} from './availability-check.js';
import type { BusyInterval } from './calendar.js';
import { buildCalendarEvent, writeAppointmentEvent } from './calendar-sync.js';
import { emit } from './events.js';
import { icsForAppointment, renderIcs } from './ics.js';

// ---- Views and event payloads ----

function applicantsOf(a: Appointment, stored: readonly ApplicantRef[]): ApplicantRef[] {
  if (stored.length > 0) return [...stored];
  // Appointments from a self-booking link carry their one applicant in the row itself.
  return a.applicantEmail ? [{ name: a.applicantName ?? a.applicantEmail, email: a.applicantEmail }] : [];
}

export async function toView(q: Queryable, a: Appointment): Promise<AppointmentView> {
  const extras = await getAppointmentExtras(q, a.orgId, a.id);
  let location: AppointmentView['location'] = null;
  if (a.online) location = { kind: 'online' };
  else if (a.locationId) {
    const found = await getLocation(q, a.orgId, a.locationId);
    location = found ? { kind: 'onsite', locationId: found.id, name: found.name, address: found.address } : null;
  } else if (a.locationText) location = { kind: 'text', text: a.locationText };
  return {
    id: a.id,
    status: a.status,
    title: a.title,
    organizerId: a.organizerId,
    participantIds: a.participantIds,
    applicants: applicantsOf(a, extras?.applicants ?? []),
    start: a.start,
    end: a.end,
    timeZone: a.timeZone,
    location,
    roomId: a.roomId,
    private: a.private,
    comment: extras?.comment ?? null,
    sequence: a.sequence,
    calendarState: a.calendarState,
    bookingRequestId: a.bookingRequestId,
  };
}

async function eventData(q: Queryable, a: Appointment): Promise<Record<string, unknown>> {
  const extras = await getAppointmentExtras(q, a.orgId, a.id);
  return {
    appointmentId: a.id,
    bookingRequestId: a.bookingRequestId,
    organizerId: a.organizerId,
    title: a.title,
    start: a.start,
    end: a.end,
    timeZone: a.timeZone,
    roomId: a.roomId,
    participantIds: a.participantIds,
    applicants: applicantsOf(a, extras?.applicants ?? []),
    private: a.private,
    sequence: a.sequence,
    status: a.status,
  };
}

export async function getAppointmentView(deps: PlanningDeps, orgId: string, id: string): Promise<AppointmentView> {
  const appointment = await getAppointment(deps.db, orgId, id);
  if (!appointment) throw notFound('appointment');
  return toView(deps.db, appointment);
}

// ---- Conflicts ----

function claimsFor(participantIds: readonly string[], roomId: string | null, time: BusyInterval): Claim[] {
  return [
    ...participantIds.map((id) => ({ kind: 'user' as const, resourceId: id, start: time.start, end: time.end })),
    ...(roomId ? [{ kind: 'room' as const, resourceId: roomId, start: time.start, end: time.end }] : []),
  ];
}

/** 409 `slot_taken` for the product's own appointments and holds (never overridable), `slot_unavailable` for calendars. */
function refusal(checked: readonly CheckedTime[]): ApiError | null {
  const resources = checked.flatMap((t) => [...t.participants, ...(t.room ? [t.room] : [])]);
  if (resources.some((r) => r.state === 'busy' && r.busyBecause !== 'calendar')) {
    return new ApiError(409, 'slot_taken', 'A participant or the room already has an appointment at this time.', { times: checked });
  }
  if (resources.some((r) => r.state === 'busy')) {
    return new ApiError(409, 'slot_unavailable', 'A participant or the room is busy in their calendar at this time. Choose another time, or book anyway with ignoreCalendarConflicts.', { times: checked });
  }
  return null;
}

/** After a lost race on the exclusion constraint: who now holds the time, from the committed claims. */
async function lostRace(deps: PlanningDeps, orgId: string, people: Parameters<typeof gatherKnowledge>[2], room: Parameters<typeof gatherKnowledge>[3], times: readonly BusyInterval[], except?: ReturnType<typeof exceptionFor>): Promise<ApiError> {
  const knowledge = await gatherKnowledge(deps, orgId, people, room, readWindow(times, false), { fresh: false, readCalendars: false, ...(except ? { except } : {}) });
  const checked = times.map((t) => checkTime(knowledge, t));
  return refusal(checked) ?? new ApiError(409, 'slot_taken', 'A participant or the room already has an appointment at this time.', { times: checked });
}

function ensureNoOverlap(times: readonly BusyInterval[]): void {
  const sorted = [...times].sort((a, b) => parseInstant(a.start) - parseInstant(b.start));
  for (let i = 1; i < sorted.length; i++) {
    if (parseInstant(sorted[i]!.start) < parseInstant(sorted[i - 1]!.end)) {
      throw new ApiError(422, 'validation_failed', 'Individual times of the same participants must not overlap.', { issues: [{ path: 'schedule.starts', message: 'overlapping times' }] });
    }
  }
}

// ---- Invite ----

function describe(applicants: readonly ApplicantRef[], comment: string | null): string {
  // A single applicant is named by `buildCalendarEvent`; a group is named here, for the interviewers' entry only.
  const names = applicants.length > 1 ? `Applicants: ${applicants.map((a) => a.name).join(', ')}` : null;
  return [names, comment].filter((l): l is string => l !== null && l !== '').join('\n');
}

async function logWriteFailure(deps: PlanningDeps, appointment: Appointment): Promise<void> {
  // Written after commit from the current row (a later change may have overtaken the one that triggered it).
  const current = (await getAppointment(deps.db, appointment.orgId, appointment.id)) ?? appointment;
  await writeAppointmentEvent(deps, current).catch((error: unknown) => {
    deps.logger.warn('calendar write deferred', { appointmentId: appointment.id, error: String(error) });
  });
}

export async function createAppointments(
  deps: PlanningDeps,
  principal: Principal,
  input: CreateAppointments,
  options: { idempotencyKey?: string } = {},
): Promise<{ status: number; body: AppointmentList }> {
  const org = await requirePlanningOrg(deps.db, principal.orgId);
  const now = deps.now();
  const scope = `appointments.create:${principal.userId}`;
  const requestHash = sha256(JSON.stringify(input));
  if (options.idempotencyKey) {
    const previous = await findIdempotentResult(deps.db, org.id, scope, options.idempotencyKey, requestHash);
    if (previous === 'conflict') throw new ApiError(422, 'idempotency_conflict', 'This Idempotency-Key was already used for a different request.');
    if (previous) return previous as { status: number; body: AppointmentList };
  }

  const organizerId = input.organizerId ?? principal.userId;
  const participantIds = [...new Set(input.participantIds)];
  const people = await requireUsers(deps.db, org.id, participantIds);
  const [organizer] = await requireUsers(deps.db, org.id, [organizerId]);
  if (!organizer!.integrationActive || !isConnected(await getConnection(deps.db, org.id, organizerId))) {
    throw new ApiError(422, 'participants_not_connected', 'The organizer needs a connected calendar: the invitations go out from it.', {
      users: [{ id: organizer!.id, name: organizer!.name }],
    });
  }
  if (input.roomId && org.tier !== 'plus') throw plusRequired();
  if (input.online && (input.locationId || input.roomId)) {
    throw new ApiError(422, 'validation_failed', 'An online appointment has no location or room.', { issues: [{ path: 'online', message: 'conflicts with locationId/roomId' }] });
  }
  const locationId = input.locationId ?? null;
  if (locationId && !(await getLocation(deps.db, org.id, locationId))) {
    throw new ApiError(422, 'validation_failed', 'Unknown location.', { issues: [{ path: 'locationId', message: 'unknown location' }] });
  }
  if (input.roomId && !locationId) {
    throw new ApiError(422, 'validation_failed', 'A room needs a location.', { issues: [{ path: 'locationId', message: 'required with roomId' }] });
  }
  const room = input.roomId ? await requireRoom(deps.db, org, input.roomId, locationId) : null;

  const times = expandSchedule(input.schedule, input.durationMinutes, input.applicants.length);
  ensurePlannable(times, now);
  ensureNoOverlap(times);
  const groups =
    input.schedule.mode === 'shared'
      ? [{ time: times[0]!, applicants: input.applicants }]
      : times.map((time, i) => ({ time, applicants: [input.applicants[i]!] }));

  const knowledge = await gatherKnowledge(deps, org.id, people, room, readWindow(times, false), { fresh: true, readCalendars: !input.ignoreCalendarConflicts });
  const refused = refusal(times.map((t) => checkTime(knowledge, t)));
  if (refused) throw refused;

  const isPrivate = input.private ?? org.settings.createEventsPrivate;
  const comment = input.comment ? input.comment : null;
  let created: Appointment[];
  try {
    created = await deps.db.tx(async (q) => {
      // Expired holds still sit in the constraint's index until swept.
      await sweepExpiredHolds(q, org.id, formatInstant(now));
      const out: Appointment[] = [];
      for (const group of groups) {
        const single = group.applicants.length === 1 ? group.applicants[0]! : null;
        const appointment = await insertAppointment(q, {
          orgId: org.id,
          id: newId('apt'),
          bookingRequestId: null,
          organizerId,
          title: input.title,
          description: describe(group.applicants, comment),
          start: group.time.start,
          end: group.time.end,
          timeZone: input.timeZone,
          locationId,
          locationText: input.locationText ?? null,
          online: input.online,
          roomId: room?.id ?? null,
          private: isPrivate,
          participantIds,
          applicantName: single?.name ?? null,
          applicantEmail: single?.email ?? null,
          eventId: newId('dvevt'),
        });
        await setInviteFields(q, org.id, appointment.id, { applicants: group.applicants, comment, createdBy: principal.userId });
        await insertAppointmentClaims(q, org.id, appointment.id, claimsFor(participantIds, room?.id ?? null, group.time));
        await emit(q, org.id, 'appointment.created', await eventData(q, appointment), now);
        out.push(appointment);
      }
      if (options.idempotencyKey) {
        const body: AppointmentList = { appointments: await Promise.all(out.map((a) => toView(q, a))) };
        await saveIdempotentResult(q, org.id, scope, options.idempotencyKey, requestHash, { status: 201, body });
      }
      return out;
    });
  } catch (error) {
    const code = pgErrorCode(error);
    if (options.idempotencyKey && code === PG_ERRORS.uniqueViolation) {
      // A concurrent retry with the same key committed first: answer with its result.
      const previous = await findIdempotentResult(deps.db, org.id, scope, options.idempotencyKey, requestHash);
      if (previous && previous !== 'conflict') return previous as { status: number; body: AppointmentList };
    }
    if (code === PG_ERRORS.exclusionViolation) throw await lostRace(deps, org.id, people, room, times);
    throw error;
  }

  for (const appointment of created) await logWriteFailure(deps, appointment);
  const body: AppointmentList = { appointments: [] };
  for (const appointment of created) body.appointments.push(await toView(deps.db, (await getAppointment(deps.db, org.id, appointment.id))!));
  if (options.idempotencyKey) {
    // The stored replay now shows the calendar state the first caller saw.
    await deps.db.query('UPDATE idempotency_keys SET body = $4 WHERE org_id = $1 AND scope = $2 AND key = $3', [org.id, scope, options.idempotencyKey, JSON.stringify(body)]);
  }
  return { status: 201, body };
}

// ---- Move, room and participant changes ----

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export async function updateAppointment(deps: PlanningDeps, principal: Principal, id: string, input: UpdateAppointment): Promise<AppointmentChange> {
  const org = await requirePlanningOrg(deps.db, principal.orgId);
  const now = deps.now();
  const current = await getAppointment(deps.db, org.id, id);
  if (!current) throw notFound('appointment');
  if (current.status !== 'confirmed') throw new ApiError(409, 'conflict', 'This appointment was cancelled.', { status: current.status });

  const length = input.durationMinutes !== undefined ? input.durationMinutes * MINUTE_MS : parseInstant(current.end) - parseInstant(current.start);
  const startMs = input.start !== undefined ? parseInstant(input.start) : parseInstant(current.start);
  const next = {
    start: formatInstant(startMs),
    end: formatInstant(startMs + length),
    roomId: input.roomId === undefined ? current.roomId : input.roomId,
    participantIds: input.participantIds ? [...new Set(input.participantIds)] : current.participantIds,
  };
  const timeChanged = next.start !== current.start || next.end !== current.end;
  const roomChanged = next.roomId !== current.roomId;
  const participantsChanged = !sameSet(next.participantIds, current.participantIds);
  if (!timeChanged && !roomChanged && !participantsChanged) {
    return { appointment: await toView(deps.db, current), change: 'unchanged', applicantNotified: false };
  }

  let room = null;
  if (next.roomId !== null && roomChanged) {
    if (org.tier !== 'plus') throw plusRequired();
    if (current.online || !current.locationId) {
      throw new ApiError(422, 'validation_failed', 'A room needs an on-site appointment with a location.', { issues: [{ path: 'roomId', message: 'no location' }] });
    }
    room = await requireRoom(deps.db, org, next.roomId, current.locationId);
  } else if (next.roomId !== null) {
    room = await getRoom(deps.db, org.id, next.roomId);
  }
  const people = participantsChanged ? await requireUsers(deps.db, org.id, next.participantIds) : await getUsers(deps.db, org.id, next.participantIds);
  if (timeChanged) ensurePlannable([next], now);
  const roomOnly = roomChanged && !timeChanged && !participantsChanged;
  const change: AppointmentChange['change'] = timeChanged ? 'rescheduled' : roomOnly ? 'room_changed' : 'participants_changed';

  const except = exceptionFor(current);
  const knowledge = await gatherKnowledge(deps, org.id, people, room, readWindow([next], false), {
    fresh: true,
    readCalendars: !input.ignoreCalendarConflicts,
    except,
  });
  // At an unchanged time only who or what is new to the appointment can conflict.
  const relevant: { users: Knowledge[]; room: Knowledge | null } = timeChanged
    ? knowledge
    : { users: knowledge.users.filter((k) => !current.participantIds.includes(k.id)), room: roomChanged ? knowledge.room : null };
  const refused = refusal([checkTime(relevant, next)]);
  if (refused) throw refused;

  let saved: Appointment;
  try {
    saved = await deps.db.tx(async (q) => {
      if (current.bookingRequestId) await getBookingRequest(q, org.id, current.bookingRequestId, true);
      await lockAppointment(q, org.id, id);
      const fresh = (await getAppointment(q, org.id, id))!;
      if (fresh.status !== 'confirmed' || fresh.sequence !== current.sequence) {
        throw new ApiError(409, 'conflict', 'The appointment changed meanwhile. Reload it and try again.');
      }
      await sweepExpiredHolds(q, org.id, formatInstant(now));
      await deleteAppointmentClaims(q, org.id, id);
      await rescheduleAppointment(q, org.id, id, { ...next, notifyApplicant: !roomOnly });
      await insertAppointmentClaims(q, org.id, id, claimsFor(next.participantIds, next.roomId, next));
      const updated = (await getAppointment(q, org.id, id))!;
      const previous = { start: current.start, end: current.end, roomId: current.roomId, participantIds: current.participantIds };
      await emit(q, org.id, 'appointment.updated', { ...(await eventData(q, updated)), change, applicantNotified: !roomOnly, previous }, now);
      if (current.bookingRequestId && timeChanged) {
        await emit(q, org.id, 'booking.rescheduled', {
          bookingRequestId: current.bookingRequestId,
          appointmentId: id,
          start: updated.start,
          end: updated.end,
          timeZone: updated.timeZone,
          roomId: updated.roomId,
          participantIds: updated.participantIds,
          previous: { start: current.start, end: current.end, roomId: current.roomId },
          by: 'recruiter',
        }, now);
      }
      return updated;
    });
  } catch (error) {
    if (pgErrorCode(error) === PG_ERRORS.exclusionViolation) throw await lostRace(deps, org.id, people, room, [next], except);
    throw error;
  }
  await logWriteFailure(deps, saved);
  return { appointment: await toView(deps.db, (await getAppointment(deps.db, org.id, id))!), change, applicantNotified: !roomOnly };
}

// ---- Cancel ----

/**
 * Cancels inside the caller's transaction, which holds the booking request's lock (if any) and then the
 * appointment's. A self-booked appointment's link is disabled with it (`booking.cancelled`).
 */
export async function cancelInTx(q: Queryable, appointment: Appointment, now: number): Promise<void> {
  const { orgId } = appointment;
  await deleteAppointmentClaims(q, orgId, appointment.id);
  await markCancelled(q, orgId, appointment.id);
  if (appointment.bookingRequestId) {
    const request = await getBookingRequest(q, orgId, appointment.bookingRequestId);
    // A link resent since then belongs to a new period and stays open.
    if (request && request.appointmentId === appointment.id && request.status === 'booked') {
      await setBookingStatus(q, orgId, request.id, 'cancelled');
      await deleteHoldsOfRequest(q, orgId, request.id);
      await emit(q, orgId, 'booking.cancelled', { bookingRequestId: request.id, appointmentId: appointment.id, status: 'cancelled' }, now);
    }
  }
  const cancelled = (await getAppointment(q, orgId, appointment.id))!;
  await emit(q, orgId, 'appointment.cancelled', await eventData(q, cancelled), now);
}

/** Cancels and deletes the event; cancelling a cancelled appointment answers it unchanged. */
export async function cancelAppointment(deps: PlanningDeps, principal: Principal, id: string): Promise<AppointmentView> {
  const org = await requirePlanningOrg(deps.db, principal.orgId);
  const current = await getAppointment(deps.db, org.id, id);
  if (!current) throw notFound('appointment');
  if (current.status === 'cancelled') return toView(deps.db, current);
  const now = deps.now();
  const cancelled = await deps.db.tx(async (q) => {
    if (current.bookingRequestId) await getBookingRequest(q, org.id, current.bookingRequestId, true);
    await lockAppointment(q, org.id, id);
    const fresh = (await getAppointment(q, org.id, id))!;
    if (fresh.status === 'cancelled') return null;
    await cancelInTx(q, fresh, now);
    return (await getAppointment(q, org.id, id))!;
  });
  if (cancelled) await logWriteFailure(deps, cancelled);
  return toView(deps.db, (await getAppointment(deps.db, org.id, id))!);
}

// ---- Calendar files ----

/**
 * The ICS of an appointment for the host's e-mails: METHOD REQUEST while confirmed, CANCEL once cancelled, with
 * the stable UID and the current SEQUENCE. The applicant's copy lists only that applicant and no internal notes;
 * `internal` is the event as the organizer's calendar has it.
 */
export async function appointmentIcsFile(deps: PlanningDeps, orgId: string, id: string, query: IcsQuery): Promise<{ method: 'REQUEST' | 'CANCEL'; text: string }> {
  const appointment = await getAppointment(deps.db, orgId, id);
  if (!appointment) throw notFound('appointment');
  const method = query.method ?? (appointment.status === 'cancelled' ? 'CANCEL' : 'REQUEST');
  if (method === 'REQUEST' && appointment.status === 'cancelled') {
    throw new ApiError(409, 'conflict', 'This appointment was cancelled; ask for method=CANCEL.', { status: appointment.status });
  }
  if (method === 'CANCEL' && appointment.status !== 'cancelled') {
    throw new ApiError(409, 'conflict', 'This appointment is not cancelled; cancel it first.', { status: appointment.status });
  }
  const icsDeps = { db: deps.db, now: deps.now };
  if (query.audience === 'internal') return { method, text: await icsForAppointment(icsDeps, appointment, method, 'host') };

  const extras = await getAppointmentExtras(deps.db, orgId, id);
  const applicants = applicantsOf(appointment, extras?.applicants ?? []);
  const wanted = query.applicant?.toLowerCase();
  const applicant = wanted ? applicants.find((a) => a.email.toLowerCase() === wanted) : applicants.length === 1 ? applicants[0] : undefined;
  if (!applicant) {
    throw new ApiError(422, 'validation_failed', wanted ? 'This e-mail is not an applicant of the appointment.' : 'Name the applicant whose copy this is.', {
      issues: [{ path: 'applicant', message: wanted ? 'not an applicant of this appointment' : 'required for a group appointment' }],
    });
  }
  const event = await buildCalendarEvent(deps.db, appointment);
  const organizer = await getUser(deps.db, orgId, appointment.organizerId);
  const text = renderIcs({
    method,
    uid: `${appointment.eventId}@dv-calendar`,
    sequence: appointment.sequence,
    start: appointment.start,
    end: appointment.end,
    timeZone: appointment.timeZone,
    summary: event.summary,
    description: '',
    location: event.location,
    organizer: organizer ? { name: organizer.name, email: organizer.email } : null,
    attendees: [{ name: applicant.name, email: applicant.email }],
    private: appointment.private,
    stamp: formatInstant(deps.now()),
  });
  return { method, text };
}
