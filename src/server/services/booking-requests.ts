/**
 * Self-booking requests, recruiter side (Plus): creation validates participants (each needs a connected
 * calendar, else 422 `participants_not_connected` naming them) and the period (inside "tomorrow to 32 days ahead"
 * in the request's zone), reports at once whether any slot exists with per-participant diagnostics, and — with
 * no common slot — records the request as failed with `no_common_slot` and tells the host. The link's token is
 * returned once and stored only as a hash.
 */
import type { BookingRequestDraftInput, BookingRequestPreview, BookingRequestView, CreateBookingRequest } from '../../shared/api/booking-requests.js';
import { isValidTimeZone, formatInstant } from '../../shared/time.js';
import { newId, randomToken, sha256 } from '../../store/crypto.js';
import {
  getAppointment,
  getBookingRequest,
  insertBookingRequest,
  setBookingStatus,
  type BookingRequest,
} from '../../store/repos/bookings.js';
import { getConnections, isConnected } from '../../store/repos/connections.js';
import { getOrganization } from '../../store/repos/organizations.js';
import { getLocation } from '../../store/repos/rooms.js';
import { getUsers } from '../../store/repos/users.js';
import { ApiError, plusRequired } from '../errors.js';
import { bookableWindow, buildSlotQuery, slotsFor } from './availability.js';
import { effectiveStatus, type BookingDeps } from './booking.js';
import { CalendarUnavailableError, NotConnectedError } from './calendar.js';
import { emit } from './events.js';

export interface RequestDeps extends BookingDeps {
  /** Where applicants open their link: `${bookingLinkBase}?booking=<token>`. */
  bookingLinkBase: string;
}

/**
 * Validates a request as creation and preview both need it — organization, tier, zone, participants, their
 * connections, location and period — and returns the draft the availability is computed for.
 */
async function validateDraft(deps: RequestDeps, actor: { orgId: string; userId: string }, input: BookingRequestDraftInput) {
  const org = await getOrganization(deps.db, actor.orgId);
  if (!org) throw new ApiError(404, 'not_found', 'No such organization.');
  if (!org.integrationEnabled) throw new ApiError(403, 'integration_disabled', 'The calendar integration is switched off.');
  if (org.tier !== 'plus') throw plusRequired();
  if (!isValidTimeZone(input.timeZone)) {
    throw new ApiError(400, 'validation_failed', `Unknown time zone '${input.timeZone}'.`, { issues: [{ path: 'timeZone', message: 'unknown time zone' }] });
  }
  const participantIds = [...new Set(input.participantIds)];
  const organizerId = input.organizerId ?? actor.userId;
  const users = await getUsers(deps.db, actor.orgId, [...new Set([...participantIds, organizerId])]);
  const missing = [...new Set([...participantIds, organizerId])].filter((id) => !users.some((u) => u.id === id && u.active));
  if (missing.length > 0) throw new ApiError(422, 'validation_failed', 'Some participants are unknown or inactive.', { userIds: missing });
  await ensureConnected(deps, actor.orgId, [...new Set([...participantIds, organizerId])], users);
  if (input.roomNeeded) {
    if (input.online) throw new ApiError(422, 'validation_failed', 'An online appointment needs no room.');
    if (!input.locationId) throw new ApiError(422, 'validation_failed', 'A room needs a location.', { issues: [{ path: 'locationId', message: 'required when roomNeeded' }] });
  }
  if (input.locationId && !(await getLocation(deps.db, actor.orgId, input.locationId))) {
    throw new ApiError(422, 'validation_failed', 'Unknown location.', { issues: [{ path: 'locationId', message: 'unknown location' }] });
  }
  const defaults = org.settings.booking;
  ensurePeriodInWindow(input.period, input.timeZone, deps.now(), defaults);
  const draft: BookingRequest = {
    orgId: actor.orgId,
    id: newId('brq'),
    title: input.title ?? '',
    applicantName: '',
    applicantEmail: '',
    organizerId,
    participantIds,
    durationMinutes: input.durationMinutes ?? defaults.durationMinutes,
    intervalMinutes: input.intervalMinutes ?? defaults.intervalMinutes,
    bufferBeforeMinutes: input.bufferBeforeMinutes ?? defaults.bufferBeforeMinutes,
    bufferAfterMinutes: input.bufferAfterMinutes ?? defaults.bufferAfterMinutes,
    timeZone: input.timeZone,
    locationId: input.locationId ?? null,
    online: input.online,
    roomNeeded: input.roomNeeded,
    periodStart: formatInstant(Date.parse(input.period.start)),
    periodEnd: formatInstant(Date.parse(input.period.end)),
    allowReschedule: input.allowReschedule,
    locale: input.locale,
    createdBy: actor.userId,
    status: 'open',
    failureReason: null,
    appointmentId: null,
  };
  return { users, defaults, draft };
}

/**
 * What creation would report, without creating anything: whether any slot exists in the period and, per
 * participant, how many candidate times they alone are free for — so the recruiter can adjust before sending.
 */
export async function previewBookingRequest(
  deps: RequestDeps,
  actor: { orgId: string; userId: string },
  input: BookingRequestDraftInput,
): Promise<BookingRequestPreview> {
  const { users, defaults, draft } = await validateDraft(deps, actor, input);
  return availabilityOf(deps, draft, users, defaults);
}

export async function createBookingRequest(
  deps: RequestDeps,
  actor: { orgId: string; userId: string },
  input: CreateBookingRequest,
): Promise<BookingRequestView> {
  const { users, defaults, draft: validated } = await validateDraft(deps, actor, input);
  const now = deps.now();
  const token = randomToken(24);
  const draft: BookingRequest = { ...validated, title: input.title, applicantName: input.applicant.name, applicantEmail: input.applicant.email };
  const { status: _status, failureReason: _failure, appointmentId: _appointment, ...fields } = draft;
  const base = { ...fields, tokenHash: sha256(token) } satisfies Parameters<typeof insertBookingRequest>[1];
  const availability = await availabilityOf(deps, draft, users, defaults);
  const noSlot = availability.slotCount === 0;
  const saved = await deps.db.tx(async (q) => {
    const row = await insertBookingRequest(q, base);
    if (noSlot) {
      await setBookingStatus(q, row.orgId, row.id, 'failed', { failureReason: 'no_common_slot' });
      await emit(q, row.orgId, 'booking.failed', { bookingRequestId: row.id, reason: 'no_common_slot', status: 'failed', availability }, now);
      return { ...row, status: 'failed' as const, failureReason: 'no_common_slot' };
    }
    return row;
  });
  return { ...(await viewOf(deps, saved)), availability, link: `${deps.bookingLinkBase}?booking=${token}` };
}

/** Every given user needs a connected calendar with the integration on; else 422 naming those without. */
export async function ensureConnected(deps: BookingDeps, orgId: string, ids: readonly string[], users: ReadonlyArray<{ id: string; name: string; integrationActive: boolean }>): Promise<void> {
  const connections = await getConnections(deps.db, orgId, ids);
  const unconnected = ids.filter(
    (id) => !isConnected(connections.find((c) => c.userId === id)) || !users.find((u) => u.id === id)?.integrationActive,
  );
  if (unconnected.length > 0) {
    throw new ApiError(422, 'participants_not_connected', 'Every participant and the organizer need a connected calendar.', {
      users: unconnected.map((id) => ({ id, name: users.find((u) => u.id === id)?.name ?? id })),
    });
  }
}

/** The period must lie inside the bookable window; the window is recomputed on every slot request anyway. */
export function ensurePeriodInWindow(
  period: { start: string; end: string },
  timeZone: string,
  now: number,
  defaults: { windowStartDays: number; windowEndDays: number },
): void {
  const limit = bookableWindow({ periodStart: '1970-01-01T00:00:00.000Z', periodEnd: '9999-12-31T00:00:00.000Z', timeZone }, now, defaults)!;
  if (Date.parse(period.start) < Date.parse(limit.start) || Date.parse(period.end) > Date.parse(limit.end)) {
    throw new ApiError(422, 'validation_failed', `The period must lie between ${limit.start} and ${limit.end} (tomorrow to ${defaults.windowEndDays} days ahead).`, {
      issues: [{ path: 'period', message: 'outside the bookable window' }],
      window: limit,
    });
  }
}

export async function availabilityOf(
  deps: BookingDeps,
  request: BookingRequest,
  users: Awaited<ReturnType<typeof getUsers>>,
  rule: { windowStartDays: number; windowEndDays: number },
) {
  const window = bookableWindow(request, deps.now(), rule);
  if (!window) return { slotCount: 0, participants: [] };
  try {
    const inputs = await buildSlotQuery(deps.db, deps.calendars, request, window, { now: deps.now(), maxResults: 100_000 });
    const result = slotsFor(inputs);
    return {
      slotCount: result.slots.length,
      participants: result.diagnostics.participants.map((p) => ({
        id: p.id,
        name: users.find((u) => u.id === p.id)?.name ?? p.id,
        freeCandidateCount: p.freeCandidateCount,
      })),
    };
  } catch (error) {
    if (error instanceof CalendarUnavailableError || error instanceof NotConnectedError) {
      throw new ApiError(503, 'calendar_unavailable', 'The participants\' calendars cannot be read right now. Please try again.', undefined, { 'Retry-After': '30' });
    }
    throw error;
  }
}

export async function viewOf(deps: BookingDeps, request: BookingRequest): Promise<BookingRequestView> {
  const appointment = request.appointmentId ? await getAppointment(deps.db, request.orgId, request.appointmentId) : null;
  return {
    id: request.id,
    status: effectiveStatus(request, deps.now()),
    failureReason: request.failureReason,
    title: request.title,
    participantIds: request.participantIds,
    timeZone: request.timeZone,
    period: { start: request.periodStart, end: request.periodEnd },
    roomNeeded: request.roomNeeded,
    appointment:
      appointment && appointment.status === 'confirmed'
        ? { id: appointment.id, start: appointment.start, end: appointment.end, roomId: appointment.roomId, calendarState: appointment.calendarState }
        : null,
  };
}

export async function getBookingRequestView(deps: BookingDeps, orgId: string, id: string): Promise<BookingRequestView> {
  const request = await getBookingRequest(deps.db, orgId, id);
  if (!request) throw new ApiError(404, 'not_found', 'No such booking request.');
  return viewOf(deps, request);
}

/** Marks open requests whose period has ended as expired and tells the host (`booking.failed`, `expired`). */
export async function expireBookingRequests(deps: BookingDeps): Promise<number> {
  const now = deps.now();
  return deps.db.tx(async (q) => {
    const rows = await q.query<{ org_id: string; id: string }>(
      `SELECT org_id, id FROM booking_requests WHERE status = 'open' AND period_end <= $1 FOR UPDATE SKIP LOCKED`,
      [formatInstant(now)],
    );
    for (const r of rows) {
      await setBookingStatus(q, r.org_id, r.id, 'expired', { failureReason: 'expired' });
      await emit(q, r.org_id, 'booking.failed', { bookingRequestId: r.id, reason: 'expired', status: 'expired' }, now);
    }
    return rows.length;
  });
}
