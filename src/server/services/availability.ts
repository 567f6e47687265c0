/**
 * Turns a booking request into the slot engine's query: each participant's weekly availability, date overrides
 * and busy time (calendar free/busy plus the product's own claims, which cover appointments and other
 * applicants' live holds before the calendars show them), and the rooms of the location in their order.
 *
 * Calendar reads happen here, outside any database transaction; booking then re-checks the chosen slot under
 * the exclusion constraints, so a slot that became busy in between can never be double-booked.
 */
import { computeSlots } from '../../engine/index.js';
import type { SlotQuery, SlotResult } from '../../shared/slot-query.js';
import { addDays, localDate, zonedWallTimeToInstant, formatInstant } from '../../shared/time.js';
import type { Queryable } from '../../store/db.js';
import type { BookingRequest } from '../../store/repos/bookings.js';
import { listClaims } from '../../store/repos/bookings.js';
import { getLocationRooms, type Room } from '../../store/repos/rooms.js';
import { DEFAULT_WEEKLY_HOURS, getUsers, type User } from '../../store/repos/users.js';
import type { BusyInterval, BusyReadOptions, CalendarGateway } from './calendar.js';

export interface BookingWindowRule {
  windowStartDays: number;
  windowEndDays: number;
}

/**
 * The bookable window of a request at `now`: its period cut to [start of the day `windowStartDays` after today,
 * end of the day `windowEndDays` after today) in the request's zone — the spec's "from tomorrow up to 32 days".
 */
export function bookableWindow(
  request: Pick<BookingRequest, 'periodStart' | 'periodEnd' | 'timeZone'>,
  now: number,
  rule: BookingWindowRule,
): BusyInterval | null {
  const today = localDate(now, request.timeZone);
  const earliest = zonedWallTimeToInstant(addDays(today, rule.windowStartDays), '00:00', request.timeZone);
  const latest = zonedWallTimeToInstant(addDays(today, rule.windowEndDays + 1), '00:00', request.timeZone);
  const start = Math.max(Date.parse(request.periodStart), earliest);
  const end = Math.min(Date.parse(request.periodEnd), latest);
  return end > start ? { start: formatInstant(start), end: formatInstant(end) } : null;
}

export interface SlotInputs {
  query: SlotQuery;
  participants: User[];
  rooms: Room[];
  /** When the first hold among the claims read expires (its time becomes free again); absent when none does. */
  validUntil?: number;
}

export async function buildSlotQuery(
  q: Queryable,
  calendars: CalendarGateway,
  request: BookingRequest,
  window: BusyInterval,
  options: { now: number; maxResults?: number; exceptAppointment?: string } & BusyReadOptions,
): Promise<SlotInputs> {
  const participants = await getUsers(q, request.orgId, request.participantIds);
  const rooms = request.roomNeeded && request.locationId ? await getLocationRooms(q, request.orgId, request.locationId) : [];
  const nowIso = formatInstant(options.now);
  // Read a little beyond the window so buffers at its edges see the busy time next to it.
  const margin = (request.bufferBeforeMinutes + request.bufferAfterMinutes + 24 * 60) * 60_000;
  const readWindow = {
    start: formatInstant(Date.parse(window.start) - margin),
    end: formatInstant(Date.parse(window.end) + margin),
  };
  const claims = await listClaims(
    q,
    request.orgId,
    [...participants.map((p) => ({ kind: 'user' as const, id: p.id })), ...rooms.map((r) => ({ kind: 'room' as const, id: r.id }))],
    readWindow,
    { now: nowIso, exceptHoldsOfRequest: request.id, ...(options.exceptAppointment ? { exceptAppointment: options.exceptAppointment } : {}) },
  );
  const claimsOf = (kind: 'user' | 'room', id: string) =>
    claims.filter((c) => c.kind === kind && c.resourceId === id).map((c) => ({ start: c.start, end: c.end }));

  const [userBusy, roomBusy] = await Promise.all([
    Promise.all(participants.map((p) => calendars.userBusy(request.orgId, p.id, readWindow, options))),
    Promise.all(rooms.map((r) => calendars.roomBusy(request.orgId, r.id, readWindow, options))),
  ]);

  const query: SlotQuery = {
    now: nowIso,
    window,
    timeZone: request.timeZone,
    durationMinutes: request.durationMinutes,
    intervalMinutes: request.intervalMinutes,
    minNoticeMinutes: 0,
    bufferBeforeMinutes: request.bufferBeforeMinutes,
    bufferAfterMinutes: request.bufferAfterMinutes,
    required: 'all',
    participants: participants.map((p, i) => ({
      id: p.id,
      timeZone: p.timeZone,
      weeklyHours: (p.weeklyHours ?? DEFAULT_WEEKLY_HOURS).map((w) => ({ ...w })),
      dateOverrides: p.dateOverrides.map((o) => ({ date: o.date, intervals: o.intervals.map((x) => ({ ...x })) })),
      busy: [...userBusy[i]!, ...claimsOf('user', p.id)],
    })),
    rooms: rooms.map((r, i) => ({ id: r.id, busy: [...(roomBusy[i] ?? []), ...claimsOf('room', r.id)] })),
    roomRequired: request.roomNeeded,
    maxResults: options.maxResults ?? 100_000,
  };
  const firstExpiry = claims.reduce((min, c) => (c.expiresAt ? Math.min(min, Date.parse(c.expiresAt)) : min), Infinity);
  return { query, participants, rooms, ...(firstExpiry < Infinity ? { validUntil: firstExpiry } : {}) };
}

export function slotsFor(inputs: SlotInputs): SlotResult {
  return computeSlots(inputs.query);
}
