/**
 * The availability check of the recruiter's invite form (Basic): for chosen participants (and a room, Plus) and
 * one or more proposed times, each one's state — `free`, `busy`, or `unknown` (no calendar, a failed connection,
 * the user's own integration switch off, or the calendar not answering) — and the next common free times from the
 * slot engine. The same knowledge backs the invite's own check, so what the form shows is what the invite enforces.
 *
 * What the product knows beats what it cannot read: the product's own appointments and live holds (busy claims)
 * make a resource `busy` even when its calendar is unreadable. When planning a move, the appointment's own claims
 * and its own event (mirrored into its attendees' calendars) do not count against it.
 *
 * Calendar reads happen outside any transaction; the invite then writes under the exclusion constraints, so a time
 * that became taken in between is still never double-booked.
 */
import { computeSlots } from '../../engine/index.js';
import type {
  AvailabilityCheck,
  AvailabilityCheckRequest,
  CheckedResource,
  CheckedTime,
  ResourceState,
  Schedule,
  UnknownReason,
} from '../../shared/api/appointments.js';
import { SlotQuerySchema } from '../../shared/slot-query.js';
import { DAY_MS, MINUTE_MS, formatInstant, localDate, parseInstant, startOfLocalDay } from '../../shared/time.js';
import type { Db, Queryable } from '../../store/db.js';
import { getAppointment, listClaims, type Appointment } from '../../store/repos/bookings.js';
import { getConnections, isConnected } from '../../store/repos/connections.js';
import { getOrganization, type Organization } from '../../store/repos/organizations.js';
import { getLocation, getRoom, type Room } from '../../store/repos/rooms.js';
import { DEFAULT_WEEKLY_HOURS, getUsers, type User } from '../../store/repos/users.js';
import type { Principal } from '../auth.js';
import { ApiError, plusRequired } from '../errors.js';
import type { Logger } from '../middleware/logging.js';
import { CalendarUnavailableError, NotConnectedError, type BusyInterval, type CalendarGateway } from './calendar.js';

export interface PlanningDeps {
  db: Db;
  calendars: CalendarGateway;
  now: () => number;
  logger: Logger;
}

/** How far ahead suggestions look from the proposed day. */
const SUGGESTION_DAYS = 14;
/** Proposed times further out than this are refused (calendars are not read that far). */
const MAX_DAYS_AHEAD = 365;

// ---- Preconditions shared with the invite ----

export async function requirePlanningOrg(q: Queryable, orgId: string): Promise<Organization> {
  const org = await getOrganization(q, orgId);
  if (!org) throw new ApiError(404, 'not_found', 'No such organization.');
  if (!org.integrationEnabled) throw new ApiError(403, 'integration_disabled', 'The calendar integration is switched off.');
  return org;
}

/** Known, active users in the given order; 422 naming the others. */
export async function requireUsers(q: Queryable, orgId: string, ids: readonly string[]): Promise<User[]> {
  const unique = [...new Set(ids)];
  const users = await getUsers(q, orgId, unique);
  const missing = unique.filter((id) => !users.some((u) => u.id === id && u.active));
  if (missing.length > 0) throw new ApiError(422, 'validation_failed', 'Some participants are unknown or inactive.', { userIds: missing });
  return users;
}

/** A room needs Plus and a location it belongs to (the form lists only the rooms of the chosen location). */
export async function requireRoom(q: Queryable, org: Organization, roomId: string, locationId: string | null): Promise<Room> {
  if (org.tier !== 'plus') throw plusRequired();
  const room = await getRoom(q, org.id, roomId);
  if (!room) throw new ApiError(422, 'validation_failed', 'Unknown room.', { issues: [{ path: 'roomId', message: 'unknown room' }] });
  if (locationId !== null) {
    const location = await getLocation(q, org.id, locationId);
    if (!location?.roomIds.includes(roomId)) {
      throw new ApiError(422, 'validation_failed', 'This room does not belong to the chosen location.', { issues: [{ path: 'roomId', message: 'not a room of the location' }] });
    }
  }
  return room;
}

/** One time for a shared schedule, one per applicant otherwise (back-to-back from `start`, or as given). */
export function expandSchedule(schedule: Schedule, durationMinutes: number, applicantCount: number): BusyInterval[] {
  const length = durationMinutes * MINUTE_MS;
  const at = (ms: number) => ({ start: formatInstant(ms), end: formatInstant(ms + length) });
  switch (schedule.mode) {
    case 'shared':
      return [at(parseInstant(schedule.start))];
    case 'back_to_back': {
      const first = parseInstant(schedule.start);
      return Array.from({ length: applicantCount }, (_, i) => at(first + i * length));
    }
    case 'individual':
      return schedule.starts.map((s) => at(parseInstant(s)));
  }
}

/** Proposed times lie in the future and within the planning horizon; 422 otherwise. */
export function ensurePlannable(times: readonly BusyInterval[], now: number): void {
  times.forEach((t, i) => {
    const start = parseInstant(t.start);
    if (start < now) throw new ApiError(422, 'validation_failed', 'A proposed time lies in the past.', { issues: [{ path: `times.${i}`, message: 'in the past' }] });
    if (start > now + MAX_DAYS_AHEAD * DAY_MS) {
      throw new ApiError(422, 'validation_failed', `A proposed time lies more than ${MAX_DAYS_AHEAD} days ahead.`, { issues: [{ path: `times.${i}`, message: 'too far ahead' }] });
    }
  });
}

// ---- What is known about each person and room ----

export interface Knowledge {
  kind: 'user' | 'room';
  id: string;
  name: string;
  /** Busy time from the external calendar; null when it was not read or could not be. */
  calendar: BusyInterval[] | null;
  reason: UnknownReason | null;
  /** The product's own appointments and live holds on this resource. */
  claims: Array<BusyInterval & { source: 'appointment' | 'hold' }>;
}

/** Planning a move: the appointment's claims and its own event in its attendees' calendars do not count. */
export interface Exception {
  appointmentId: string;
  start: string;
  end: string;
  userIds: string[];
  roomId: string | null;
}

export function exceptionFor(appointment: Appointment): Exception {
  return {
    appointmentId: appointment.id,
    start: appointment.start,
    end: appointment.end,
    userIds: [...new Set([...appointment.participantIds, appointment.organizerId])],
    roomId: appointment.roomId,
  };
}

function overlaps(a: BusyInterval, start: number, end: number): boolean {
  return parseInstant(a.start) < end && parseInstant(a.end) > start;
}

/** Busy time minus one interval (half-open); what remains of an interval cut in two is kept on both sides. */
function cut(busy: readonly BusyInterval[], start: number, end: number): BusyInterval[] {
  return busy.flatMap((b) => {
    const s = parseInstant(b.start);
    const e = parseInstant(b.end);
    if (e <= start || s >= end) return [b];
    return [
      ...(s < start ? [{ start: b.start, end: formatInstant(start) }] : []),
      ...(e > end ? [{ start: formatInstant(end), end: b.end }] : []),
    ];
  });
}

export async function gatherKnowledge(
  deps: PlanningDeps,
  orgId: string,
  people: readonly User[],
  room: Room | null,
  window: BusyInterval,
  options: { fresh: boolean; readCalendars: boolean; except?: Exception },
): Promise<{ users: Knowledge[]; room: Knowledge | null }> {
  const { except } = options;
  const claims = await listClaims(
    deps.db,
    orgId,
    [...people.map((p) => ({ kind: 'user' as const, id: p.id })), ...(room ? [{ kind: 'room' as const, id: room.id }] : [])],
    window,
    { now: formatInstant(deps.now()), ...(except ? { exceptAppointment: except.appointmentId } : {}) },
  );
  const claimsOf = (kind: 'user' | 'room', id: string) =>
    claims
      .filter((c) => c.kind === kind && c.resourceId === id)
      .map((c) => ({ start: c.start, end: c.end, source: c.appointmentId ? ('appointment' as const) : ('hold' as const) }));
  const withoutOwnEvent = (busy: BusyInterval[], included: boolean) =>
    except && included ? cut(busy, parseInstant(except.start), parseInstant(except.end)) : busy;

  const connections = await getConnections(deps.db, orgId, people.map((p) => p.id));
  const users = await Promise.all(
    people.map(async (p): Promise<Knowledge> => {
      const base = { kind: 'user' as const, id: p.id, name: p.name, claims: claimsOf('user', p.id) };
      if (!p.integrationActive) return { ...base, calendar: null, reason: 'integration_off' };
      const connection = connections.find((c) => c.userId === p.id);
      if (!isConnected(connection)) return { ...base, calendar: null, reason: connection?.status === 'failed' ? 'connection_failed' : 'not_connected' };
      if (!options.readCalendars) return { ...base, calendar: null, reason: null };
      try {
        const busy = await deps.calendars.userBusy(orgId, p.id, window, { fresh: options.fresh });
        return { ...base, calendar: withoutOwnEvent(busy, except?.userIds.includes(p.id) ?? false), reason: null };
      } catch (error) {
        if (error instanceof NotConnectedError) return { ...base, calendar: null, reason: 'not_connected' };
        if (error instanceof CalendarUnavailableError) {
          deps.logger.warn('calendar unreadable for availability check', { userId: p.id, error: error.message });
          return { ...base, calendar: null, reason: 'calendar_unavailable' };
        }
        throw error;
      }
    }),
  );

  let roomKnowledge: Knowledge | null = null;
  if (room) {
    const base = { kind: 'room' as const, id: room.id, name: room.name, claims: claimsOf('room', room.id) };
    if (!options.readCalendars) {
      roomKnowledge = { ...base, calendar: null, reason: null };
    } else {
      try {
        const busy = await deps.calendars.roomBusy(orgId, room.id, window, { fresh: options.fresh });
        roomKnowledge = busy === null
          ? { ...base, calendar: null, reason: 'not_connected' }
          : { ...base, calendar: withoutOwnEvent(busy, except?.roomId === room.id), reason: null };
      } catch (error) {
        if (!(error instanceof CalendarUnavailableError)) throw error;
        roomKnowledge = { ...base, calendar: null, reason: 'calendar_unavailable' };
      }
    }
  }
  return { users, room: roomKnowledge };
}

export function stateAt(k: Knowledge, time: BusyInterval): CheckedResource {
  const start = parseInstant(time.start);
  const end = parseInstant(time.end);
  const claim = k.claims.find((c) => overlaps(c, start, end));
  if (claim) return { id: k.id, name: k.name, state: 'busy', busyBecause: claim.source };
  if (k.calendar === null) {
    return { id: k.id, name: k.name, state: 'unknown', ...(k.reason ? { reason: k.reason } : {}) };
  }
  return k.calendar.some((b) => overlaps(b, start, end))
    ? { id: k.id, name: k.name, state: 'busy', busyBecause: 'calendar' }
    : { id: k.id, name: k.name, state: 'free' };
}

export function checkTime(knowledge: { users: Knowledge[]; room: Knowledge | null }, time: BusyInterval): CheckedTime {
  const participants = knowledge.users.map((k) => stateAt(k, time));
  const room = knowledge.room ? stateAt(knowledge.room, time) : null;
  const states: ResourceState[] = [...participants, ...(room ? [room] : [])].map((r) => r.state);
  const state: ResourceState = states.includes('busy') ? 'busy' : states.includes('unknown') ? 'unknown' : 'free';
  return { start: time.start, end: time.end, state, participants, room };
}

// ---- Suggestions ----

/**
 * The next blocks where every participant (and the room) is free, inside each participant's weekly hours (default
 * Mon–Fri 09:00–17:00 in their own zone) and date overrides, from the start of the proposed day (never before now)
 * for two weeks. A block holds one time per applicant back to back, so a whole group fits.
 */
function suggest(
  knowledge: { users: Knowledge[]; room: Knowledge | null },
  people: readonly User[],
  input: { timeZone: string; durationMinutes: number; blockCount: number; firstStart: number; count: number; intervalMinutes: number },
  now: number,
): AvailabilityCheck['suggestions'] {
  if (input.count === 0) return [];
  const windowStart = Math.max(now, startOfLocalDay(localDate(input.firstStart, input.timeZone), input.timeZone));
  const blockMinutes = input.durationMinutes * input.blockCount;
  if (blockMinutes > 1440) return [];
  const query = SlotQuerySchema.parse({
    now: formatInstant(now),
    window: { start: formatInstant(windowStart), end: formatInstant(windowStart + SUGGESTION_DAYS * DAY_MS) },
    timeZone: input.timeZone,
    durationMinutes: blockMinutes,
    intervalMinutes: input.intervalMinutes,
    participants: knowledge.users.map((k) => {
      const user = people.find((p) => p.id === k.id)!;
      return {
        id: k.id,
        timeZone: user.timeZone,
        weeklyHours: (user.weeklyHours ?? DEFAULT_WEEKLY_HOURS).map((w) => ({ ...w })),
        dateOverrides: user.dateOverrides.map((o) => ({ date: o.date, intervals: o.intervals.map((x) => ({ ...x })) })),
        busy: [...(k.calendar ?? []), ...k.claims.map((c) => ({ start: c.start, end: c.end }))],
      };
    }),
    rooms: knowledge.room ? [{ id: knowledge.room.id, busy: [...(knowledge.room.calendar ?? []), ...knowledge.room.claims.map((c) => ({ start: c.start, end: c.end }))] }] : [],
    roomRequired: knowledge.room !== null,
    maxResults: input.count,
  });
  const length = input.durationMinutes * MINUTE_MS;
  return computeSlots(query).slots.map((slot) => {
    const start = parseInstant(slot.start);
    return {
      start: slot.start,
      end: slot.end,
      times: Array.from({ length: input.blockCount }, (_, i) => ({ start: formatInstant(start + i * length), end: formatInstant(start + (i + 1) * length) })),
    };
  });
}

/** The calendar window a check reads: the proposed times and the suggestion span, with a day's margin. */
export function readWindow(times: readonly BusyInterval[], withSuggestions: boolean): BusyInterval {
  const starts = times.map((t) => parseInstant(t.start));
  const ends = times.map((t) => parseInstant(t.end));
  const from = Math.min(...starts) - DAY_MS;
  const to = Math.max(...ends, withSuggestions ? Math.min(...starts) + (SUGGESTION_DAYS + 1) * DAY_MS : 0) + DAY_MS;
  return { start: formatInstant(from), end: formatInstant(to) };
}

export async function checkAvailability(deps: PlanningDeps, principal: Principal, input: AvailabilityCheckRequest): Promise<AvailabilityCheck> {
  const org = await requirePlanningOrg(deps.db, principal.orgId);
  const now = deps.now();
  const people = await requireUsers(deps.db, org.id, input.participantIds);
  let except: Exception | undefined;
  let locationId: string | null = null;
  if (input.excludeAppointmentId) {
    const appointment = await getAppointment(deps.db, org.id, input.excludeAppointmentId);
    if (!appointment) throw new ApiError(404, 'not_found', 'No such appointment.');
    except = exceptionFor(appointment);
    locationId = appointment.locationId;
  }
  const room = input.roomId ? await requireRoom(deps.db, org, input.roomId, input.locationId ?? locationId) : null;
  const times = expandSchedule(input.schedule, input.durationMinutes, input.applicantCount);
  ensurePlannable(times, now);
  const knowledge = await gatherKnowledge(deps, org.id, people, room, readWindow(times, input.suggestionCount > 0), {
    fresh: false,
    readCalendars: true,
    ...(except ? { except } : {}),
  });
  return {
    timeZone: input.timeZone,
    durationMinutes: input.durationMinutes,
    times: times.map((t) => checkTime(knowledge, t)),
    suggestions: suggest(
      knowledge,
      people,
      {
        timeZone: input.timeZone,
        durationMinutes: input.durationMinutes,
        blockCount: times.length,
        firstStart: Math.min(...times.map((t) => parseInstant(t.start))),
        count: input.suggestionCount,
        intervalMinutes: org.settings.booking.intervalMinutes,
      },
      now,
    ),
    unverifiedParticipantIds: knowledge.users.filter((k) => k.calendar === null).map((k) => k.id),
  };
}
