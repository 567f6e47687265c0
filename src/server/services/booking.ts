/**
 * Applicant self-booking: details, slots, holds, booking, moving and declining, authorized only by the
 * booking-link token.
 *
 * Double booking is impossible by construction: every appointment and every live hold inserts one busy claim
 * per interviewer and room, and the database's exclusion constraint rejects any overlap (23P01) — the check
 * before it only decides what to offer. A rejected claim rolls the whole transaction back and answers
 * 409 `slot_taken` with fresh alternatives. Calendar writes happen after commit; an appointment whose event is
 * not yet written stays `pending` and the reconciler retries it (see `calendar-sync.ts`).
 */
import { formatInstant } from '../../shared/time.js';
import { z } from 'zod';
import type { BookedAppointment, BookingDetails, Hold, PublicSlot, SlotList } from '../../shared/api/public-booking.js';
import { newId, sha256 } from '../../store/crypto.js';
import type { Db, Queryable } from '../../store/db.js';
import { PG_ERRORS, pgErrorCode, runEach, type Statement } from '../../store/db.js';
import {
  appointmentClaimsStatements,
  deleteAppointmentClaims,
  deleteHold,
  deleteHoldsOfRequest,
  findBookingAndOrgByTokenHash,
  getAppointment,
  getBookingRequest,
  getHold,
  holdClaimsStatements,
  insertAppointmentClaims,
  insertAppointmentStatement,
  insertHoldStatement,
  LINK_NOT_OPEN,
  markBookedStatement,
  readInsertedAppointment,
  releaseHoldsBeforeClaiming,
  releaseHoldsStatement,
  setBookingStatus,
  type Appointment,
  type BookingRequest,
  type Claim,
} from '../../store/repos/bookings.js';
import type { Organization } from '../../store/repos/organizations.js';
import { getLocation, getRoom } from '../../store/repos/rooms.js';
import { getUsers } from '../../store/repos/users.js';
import { ApiError } from '../errors.js';
import type { Logger } from '../middleware/logging.js';
import { bookableWindow, buildSlotQuery, slotsFor } from './availability.js';
import type { CalendarGateway } from './calendar.js';
import { CalendarUnavailableError, NotConnectedError } from './calendar.js';
import { writeAppointmentEvent } from './calendar-sync.js';
import { emit, emitStatement } from './events.js';
import type { OfferCache } from './offer-cache.js';

export interface BookingDeps {
  db: Db;
  calendars: CalendarGateway;
  now: () => number;
  logger: Logger;
  /** Computed offers per link; without one every slot request computes afresh. */
  offers?: OfferCache;
  /** Runs work after the answer has gone out (the calendar write); without it that work is awaited inline. */
  later?: (task: () => Promise<void>) => void;
}

/**
 * How old cached busy time may be when a hold or booking is confirmed. Cronofy's own copy of a calendar trails the
 * provider by about as much, and a push notification drops the cached copy the moment a calendar changes.
 */
const CONFIRM_BUSY_MAX_AGE_MS = 60_000;

interface Resolved {
  request: BookingRequest;
  org: Organization;
}

/** Tokens are 192-bit base64url strings; anything else cannot be one and is refused before a lookup. */
const TokenSchema = z.string().regex(/^[A-Za-z0-9_-]{22,64}$/);

export async function resolveToken(q: Queryable, token: string): Promise<Resolved> {
  if (!TokenSchema.safeParse(token).success) throw bookingNotFound();
  const found = await findBookingAndOrgByTokenHash(q, sha256(token));
  if (!found) throw bookingNotFound();
  return found;
}

const bookingNotFound = () => new ApiError(404, 'booking_not_found', 'This booking link does not exist.');

/** The status the applicant sees: an open request whose period has ended counts as expired at once. */
export function effectiveStatus(request: BookingRequest, now: number): BookingRequest['status'] {
  if (request.status === 'open' && now >= Date.parse(request.periodEnd)) return 'expired';
  return request.status;
}

function ensureOpen(request: BookingRequest, now: number, allowBooked = false): void {
  const status = effectiveStatus(request, now);
  if (status === 'open' || (allowBooked && status === 'booked')) return;
  throw closedLink(request, now);
}

function closedLink(request: BookingRequest, now: number): ApiError {
  return new ApiError(410, 'booking_closed', 'This booking link is no longer valid.', { status: effectiveStatus(request, now) });
}

/**
 * A time that looks taken may be taken by a booking of this very link that committed after the link was read: then
 * the link's new state (booked, or closed meanwhile) is the answer, not the taken time.
 */
async function closedSinceRead(deps: BookingDeps, read: BookingRequest): Promise<ApiError | null> {
  const fresh = (await getBookingRequest(deps.db, read.orgId, read.id))!;
  const now = deps.now();
  const status = effectiveStatus(fresh, now);
  return status !== 'open' && status !== effectiveStatus(read, now) ? closedLink(fresh, now) : null;
}

async function publicLocation(q: Queryable, request: BookingRequest): Promise<BookingDetails['location']> {
  if (request.online) return { kind: 'online' };
  if (!request.locationId) return null;
  const location = await getLocation(q, request.orgId, request.locationId);
  return location ? { kind: 'onsite', name: location.name, ...(location.address ? { address: location.address } : {}) } : null;
}

/** Interviewers appear to applicants by first name only. */
function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}

function publicView(appointment: Pick<Appointment, 'start' | 'end' | 'timeZone'>, roomName: string | undefined, location: BookingDetails['location']): BookedAppointment {
  return {
    start: appointment.start,
    end: appointment.end,
    timeZone: appointment.timeZone,
    ...(roomName ? { roomName } : {}),
    location,
  };
}

async function publicAppointment(q: Queryable, request: BookingRequest): Promise<BookedAppointment | null> {
  if (!request.appointmentId) return null;
  const appointment = await getAppointment(q, request.orgId, request.appointmentId);
  if (!appointment || appointment.status !== 'confirmed') return null;
  const room = appointment.roomId ? await getRoom(q, request.orgId, appointment.roomId) : null;
  return publicView(appointment, room?.name, await publicLocation(q, request));
}

export async function getDetails(deps: BookingDeps, token: string): Promise<BookingDetails> {
  const { request, org } = await resolveToken(deps.db, token);
  const participants = await getUsers(deps.db, request.orgId, request.participantIds);
  return {
    status: effectiveStatus(request, deps.now()),
    title: request.title,
    organizationName: org.name,
    durationMinutes: request.durationMinutes,
    timeZone: request.timeZone,
    location: await publicLocation(deps.db, request),
    interviewers: participants.map((p) => ({ displayName: firstName(p.name) })),
    period: { start: request.periodStart, end: request.periodEnd },
    holdMinutes: org.settings.booking.holdMinutes,
    allowReschedule: request.allowReschedule,
    locale: request.locale,
    appointment: request.status === 'booked' ? await publicAppointment(deps.db, request) : null,
  };
}

/** The engine's slots for `request` in `window`; calendars that cannot be read answer 503 `calendar_unavailable`. */
async function offerIn(
  deps: BookingDeps,
  request: BookingRequest,
  window: { start: string; end: string },
  options: { now: number; exceptAppointment?: string; maxAgeMs?: number },
) {
  try {
    const inputs = await buildSlotQuery(deps.db, deps.calendars, request, window, options);
    return { slots: slotsFor(inputs).slots, rooms: inputs.rooms, validUntil: inputs.validUntil };
  } catch (error) {
    // A participant whose connection failed during this very query: the request is being failed with
    // participant_disconnected; until then the honest answer is "cannot read the calendars".
    if (error instanceof CalendarUnavailableError || error instanceof NotConnectedError) {
      throw new ApiError(503, 'calendar_unavailable', 'The interviewers\' calendars cannot be read right now. Please try again in a moment.', undefined, { 'Retry-After': '30' });
    }
    throw error;
  }
}

/** The whole offer of a link now: its slots in the bookable window. */
async function computeOffer(deps: BookingDeps, { request, org }: Resolved, options: { exceptAppointment?: string } = {}) {
  const now = deps.now();
  const window = bookableWindow(request, now, org.settings.booking);
  if (!window) return { slots: [] as Array<{ start: string; end: string; roomId?: string }>, window: null, validUntil: undefined };
  const { slots, validUntil } = await offerIn(deps, request, window, { now, ...options });
  return { slots, window, validUntil };
}

const toPublic = (slots: ReadonlyArray<{ start: string; end: string }>): PublicSlot[] => slots.map((s) => ({ start: s.start, end: s.end }));

interface CachedSlots {
  resolved: Resolved;
  window: { start: string; end: string } | null;
  list: SlotList;
}

/** Stands in for the offer cache when the deps have none: every slot request computes afresh. */
const uncached: Pick<OfferCache, 'get'> = { get: async (_key, load) => (await load()).value };

export async function listSlots(deps: BookingDeps, token: string): Promise<SlotList> {
  if (!TokenSchema.safeParse(token).success) throw bookingNotFound();
  const sameWindow = (a: CachedSlots['window'], b: CachedSlots['window']) => a?.start === b?.start && a?.end === b?.end;
  const cached = await (deps.offers ?? uncached).get<CachedSlots>(
    `slots:${sha256(token)}`,
    async () => {
      const resolved = await resolveToken(deps.db, token);
      ensureOpen(resolved.request, deps.now(), resolved.request.allowReschedule);
      const { request } = resolved;
      const { slots, window, validUntil } = await computeOffer(deps, resolved, { ...(request.appointmentId ? { exceptAppointment: request.appointmentId } : {}) });
      const list = { timeZone: request.timeZone, durationMinutes: request.durationMinutes, slots: toPublic(slots) };
      return { orgId: request.orgId, value: { resolved, window, list }, ...(validUntil !== undefined ? { validUntil } : {}) };
    },
    // The day rolled over since: the bookable window moved.
    (value) => sameWindow(value.window, bookableWindow(value.resolved.request, deps.now(), value.resolved.org.settings.booking)),
  );
  const now = deps.now();
  ensureOpen(cached.resolved.request, now, cached.resolved.request.allowReschedule);
  // A window that starts today offers no time that has begun since the offer was computed.
  const first = cached.list.slots[0];
  if (first && Date.parse(first.start) < now) return { ...cached.list, slots: cached.list.slots.filter((s) => Date.parse(s.start) >= now) };
  return cached.list;
}

/**
 * Confirms that `start` is offered now, on busy time at most CONFIRM_BUSY_MAX_AGE_MS old, and returns the slot
 * with the rooms it was chosen from. The engine decides each start on its own (alignment counts from local
 * midnight), so a window of just that slot decides exactly as the whole offer would, for a fraction of the reads.
 * When it is not offered: 409 with the whole offer as alternatives.
 */
async function requireSlot(deps: BookingDeps, resolved: Resolved, start: string, exceptAppointment?: string) {
  const { request, org } = resolved;
  const now = deps.now();
  const window = bookableWindow(request, now, org.settings.booking);
  const from = Date.parse(start);
  const to = from + request.durationMinutes * 60_000;
  if (window && from >= Date.parse(window.start) && to <= Date.parse(window.end)) {
    const { slots, rooms } = await offerIn(deps, request, { start: formatInstant(from), end: formatInstant(to) }, {
      now,
      maxAgeMs: CONFIRM_BUSY_MAX_AGE_MS,
      ...(exceptAppointment ? { exceptAppointment } : {}),
    });
    const slot = slots.find((s) => Date.parse(s.start) === from);
    if (slot) return { slot, rooms };
  }
  const { slots } = await computeOffer(deps, resolved, { ...(exceptAppointment ? { exceptAppointment } : {}) });
  throw slotTaken(slots);
}

function slotTaken(slots: ReadonlyArray<{ start: string; end: string }>): ApiError {
  return new ApiError(409, 'slot_taken', 'This time is no longer available. Please choose another one.', { slots: toPublic(slots) });
}

function claimsFor(request: BookingRequest, start: string, end: string, roomId: string | null | undefined): Claim[] {
  return [
    ...request.participantIds.map((id) => ({ kind: 'user' as const, resourceId: id, start, end })),
    ...(roomId ? [{ kind: 'room' as const, resourceId: roomId, start, end }] : []),
  ];
}

/** Runs `transaction` and turns a lost race (exclusion violation) into 409 with fresh alternatives. */
async function guarded<T>(deps: BookingDeps, resolved: Resolved, transaction: () => Promise<T>): Promise<T> {
  try {
    return await transaction();
  } catch (error) {
    if (pgErrorCode(error) === PG_ERRORS.exclusionViolation) {
      const { slots } = await computeOffer(deps, resolved);
      throw slotTaken(slots);
    }
    throw error;
  }
}

export async function createHold(deps: BookingDeps, token: string, start: string): Promise<Hold> {
  const resolved = await resolveToken(deps.db, token);
  ensureOpen(resolved.request, deps.now(), resolved.request.allowReschedule);
  try {
    return await holdSlot(deps, resolved, start);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'slot_taken') throw (await closedSinceRead(deps, resolved.request)) ?? error;
    throw error;
  }
}

async function holdSlot(deps: BookingDeps, resolved: Resolved, start: string): Promise<Hold> {
  const { request, org } = resolved;
  const { slot } = await requireSlot(deps, resolved, start, request.appointmentId ?? undefined);
  const now = deps.now();
  const hold = {
    id: newId('hld'),
    bookingRequestId: request.id,
    start: slot.start,
    end: slot.end,
    roomId: slot.roomId ?? null,
    expiresAt: formatInstant(now + org.settings.booking.holdMinutes * 60_000),
  };
  await guarded(deps, resolved, () =>
    deps.db.atomic([
      // One hold per link: choosing another time releases the previous one.
      releaseHoldsStatement(request.orgId, request.id, formatInstant(now)),
      insertHoldStatement(request.orgId, hold),
      ...holdClaimsStatements(request.orgId, hold.id, hold.expiresAt, claimsFor(request, hold.start, hold.end, hold.roomId)),
    ]),
  );
  return { holdId: hold.id, start: hold.start, end: hold.end, expiresAt: hold.expiresAt };
}

/**
 * Releases the applicant's hold when they go back to choose another time, so the time is free for others at once
 * instead of after `holdMinutes`. Idempotent: a hold that expired, was used by a booking, was replaced by a newer
 * hold or never belonged to this link answers the same, so a retried or late release can never fail the flow.
 * Works whatever the link's status (a moving applicant holds on a booked link).
 */
export async function releaseHold(deps: BookingDeps, token: string, holdId: string): Promise<void> {
  const { request } = await resolveToken(deps.db, token);
  await deps.db.tx((q) => deleteHold(q, request.orgId, request.id, holdId));
}

interface IdempotentResult {
  status: number;
  body: BookedAppointment;
}

async function findIdempotent(q: Queryable, orgId: string, scope: string, key: string, requestHash: string): Promise<IdempotentResult | null> {
  const rows = await q.query<{ request_hash: string; status: number; body: BookedAppointment }>(
    'SELECT request_hash, status, body FROM idempotency_keys WHERE org_id = $1 AND scope = $2 AND key = $3',
    [orgId, scope, key],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.request_hash !== requestHash) {
    throw new ApiError(422, 'idempotency_conflict', 'This Idempotency-Key was already used for a different request.');
  }
  return { status: row.status, body: row.body };
}

export interface BookInput {
  start: string;
  holdId?: string;
}

/**
 * Books (or, for a booked link that allows it, moves) the applicant's appointment at `start`.
 * Returns the HTTP status to answer with, so an idempotent replay answers exactly like the first call.
 */
export async function bookSlot(
  deps: BookingDeps,
  token: string,
  input: BookInput,
  options: { idempotencyKey?: string; move?: boolean },
): Promise<IdempotentResult> {
  const resolved = await resolveToken(deps.db, token);
  const { request, org } = resolved;
  const scope = `book:${request.id}`;
  const requestHash = sha256(JSON.stringify({ start: Date.parse(input.start), move: options.move ?? false }));
  if (options.idempotencyKey) {
    const previous = await findIdempotent(deps.db, request.orgId, scope, options.idempotencyKey, requestHash);
    if (previous) return previous;
  }
  const moving = options.move === true;
  if (moving) {
    if (effectiveStatus(request, deps.now()) !== 'booked' || !request.appointmentId) {
      throw new ApiError(409, 'conflict', 'There is no booked appointment to move.');
    }
    if (!request.allowReschedule) throw new ApiError(403, 'reschedule_not_allowed', 'This appointment cannot be moved here.');
  } else {
    ensureOpen(request, deps.now());
  }
  let committed: { result: IdempotentResult; appointment: Appointment };
  try {
    committed = await commitBooking(deps, resolved, input, moving, options.idempotencyKey ? { scope, key: options.idempotencyKey, requestHash } : null);
  } catch (error) {
    // A concurrent booking of this link may have committed since the link was read. Whether its claims made this
    // time look taken or its mark on the link stopped this transaction, the applicant must hear that the link is
    // booked, and a concurrent retry with the same key must get the first answer.
    const notOpen = pgErrorCode(error) === PG_ERRORS.checkFailed && error instanceof Error && error.message === LINK_NOT_OPEN;
    const taken = error instanceof ApiError && error.code === 'slot_taken';
    if (options.idempotencyKey && (notOpen || taken || pgErrorCode(error) === PG_ERRORS.uniqueViolation)) {
      const previous = await findIdempotent(deps.db, request.orgId, scope, options.idempotencyKey, requestHash);
      if (previous) return previous;
    }
    // The link was read open (`ensureOpen` above), and LINK_NOT_OPEN means it is not any more.
    if (notOpen || (taken && !moving)) throw (await closedSinceRead(deps, request)) ?? error;
    throw error;
  }
  const { result, appointment } = committed;
  // After commit, and after the answer when the server runs it later: the calendar write. The applicant's booking
  // stands either way; a failed or interrupted write leaves the appointment `pending` for the reconciler.
  const write = (current: Appointment) =>
    writeAppointmentEvent(deps, current).catch((error: unknown) => {
      deps.logger.warn('calendar write deferred', { appointmentId: current.id, error: String(error) });
    });
  if (!deps.later) await write(appointment);
  else {
    deps.later(async () => {
      // The queue can wait long behind Cronofy's rate limit (500 requests a minute per application): by now the
      // reconciler may have written the event, or the appointment moved or was cancelled — then this write is not ours.
      const current = await getAppointment(deps.db, appointment.orgId, appointment.id);
      if (current && current.calendarState === 'pending' && current.sequence === appointment.sequence) await write(current);
    });
  }
  return result;
}

interface IdempotencyKey {
  scope: string;
  key: string;
  requestHash: string;
}

/** Confirms the time is offered, then books or moves in one transaction that keeps the answer with `idempotency`. */
async function commitBooking(
  deps: BookingDeps,
  resolved: Resolved,
  input: BookInput,
  moving: boolean,
  idempotency: IdempotencyKey | null,
): Promise<{ result: IdempotentResult; appointment: Appointment }> {
  const { request, org } = resolved;
  const existing = moving ? await getAppointment(deps.db, request.orgId, request.appointmentId!) : null;

  const now = deps.now();
  const hold = input.holdId ? await getHold(deps.db, request.orgId, input.holdId) : null;
  const holdValid = hold !== null && hold.bookingRequestId === request.id && Date.parse(hold.start) === Date.parse(input.start) && Date.parse(hold.expiresAt) > now;
  const { slot, rooms } = await requireSlot(deps, resolved, input.start, existing?.id);
  const roomId = holdValid && hold.roomId ? hold.roomId : (slot.roomId ?? null);
  const roomName = roomId ? (rooms.find((r) => r.id === roomId) ?? (await getRoom(deps.db, request.orgId, roomId)))?.name : undefined;
  const location = await publicLocation(deps.db, request);

  const status = moving ? 200 : 201;
  // The answer, kept with the Idempotency-Key in the booking's own transaction.
  const remember = (body: BookedAppointment): Statement[] =>
    idempotency
      ? [{
          sql: 'INSERT INTO idempotency_keys (org_id, scope, key, request_hash, status, body) VALUES ($1, $2, $3, $4, $5, $6)',
          params: [request.orgId, idempotency.scope, idempotency.key, idempotency.requestHash, status, JSON.stringify(body)],
        }]
      : [];

  // Moving: the link's row is locked first, so of two moves of one link the second waits here.
  const move = () =>
    deps.db.tx(async (q) => {
      const fresh = (await getBookingRequest(q, request.orgId, request.id, true))!;
      if (fresh.status !== 'booked') throw closedLink(fresh, now);
      await releaseHoldsBeforeClaiming(q, request.orgId, request.id, formatInstant(now));
      await deleteAppointmentClaims(q, request.orgId, existing!.id);
      await q.query(
        `UPDATE appointments SET start_at = $3, end_at = $4, room_id = $5, sequence = sequence + 1,
           calendar_state = 'pending', calendar_error = NULL, updated_at = now() WHERE org_id = $1 AND id = $2`,
        [request.orgId, existing!.id, slot.start, slot.end, roomId],
      );
      await insertAppointmentClaims(q, request.orgId, existing!.id, claimsFor(request, slot.start, slot.end, roomId));
      const saved = (await getAppointment(q, request.orgId, existing!.id))!;
      await emit(q, request.orgId, 'booking.rescheduled', eventData(request, saved, existing!), now);
      const body = publicView(saved, roomName, location);
      await runEach(q, remember(body));
      return { result: { status, body }, appointment: saved };
    });

  // A new booking is one `atomic` transaction: no statement waits for an answer, so the embedded store runs it whole
  // on its thread. Its first statement marks the link booked and takes the link's row lock: of two bookings of one
  // link the second waits there, then fails it (LINK_NOT_OPEN) before it claims any time.
  const book = async () => {
    const draft = {
      orgId: request.orgId,
      id: newId('apt'),
      bookingRequestId: request.id,
      organizerId: request.organizerId,
      title: request.title,
      description: '',
      start: slot.start,
      end: slot.end,
      timeZone: request.timeZone,
      locationId: request.locationId,
      locationText: null,
      online: request.online,
      roomId,
      private: org.settings.createEventsPrivate,
      participantIds: request.participantIds,
      applicantName: request.applicantName,
      applicantEmail: request.applicantEmail,
      eventId: newId('dvevt'),
    };
    const body = publicView(draft, roomName, location);
    const [, , inserted] = await deps.db.atomic([
      markBookedStatement(request.orgId, request.id, draft.id, formatInstant(now)),
      releaseHoldsStatement(request.orgId, request.id, formatInstant(now)),
      insertAppointmentStatement(draft),
      ...appointmentClaimsStatements(request.orgId, draft.id, claimsFor(request, slot.start, slot.end, roomId)),
      emitStatement(request.orgId, 'booking.confirmed', eventData(request, draft), now).statement,
      ...remember(body),
    ]);
    return { result: { status, body }, appointment: readInsertedAppointment(inserted!) };
  };

  return guarded(deps, resolved, moving ? move : book);
}

type EventFields = Pick<Appointment, 'id' | 'start' | 'end' | 'timeZone' | 'roomId' | 'participantIds'>;

function eventData(request: BookingRequest, appointment: EventFields, previous?: Appointment): Record<string, unknown> {
  return {
    bookingRequestId: request.id,
    appointmentId: appointment.id,
    start: appointment.start,
    end: appointment.end,
    timeZone: appointment.timeZone,
    roomId: appointment.roomId,
    participantIds: appointment.participantIds,
    applicant: { name: request.applicantName, email: request.applicantEmail },
    ...(previous ? { previous: { start: previous.start, end: previous.end, roomId: previous.roomId } } : {}),
  };
}

export async function decline(deps: BookingDeps, token: string): Promise<BookingDetails> {
  const { request } = await resolveToken(deps.db, token);
  ensureOpen(request, deps.now());
  const now = deps.now();
  await deps.db.tx(async (q) => {
    const fresh = (await getBookingRequest(q, request.orgId, request.id, true))!;
    if (effectiveStatus(fresh, now) !== 'open') {
      throw closedLink(fresh, now);
    }
    await deleteHoldsOfRequest(q, request.orgId, request.id);
    await setBookingStatus(q, request.orgId, request.id, 'declined', { failureReason: 'declined' });
    await emit(q, request.orgId, 'booking.failed', { bookingRequestId: request.id, reason: 'declined', status: 'declined' }, now);
  });
  return getDetails(deps, token);
}
