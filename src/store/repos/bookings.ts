/**
 * Booking requests (self-booking links), holds, appointments and the busy claims that guard them.
 *
 * The guard: `busy_claims` has an exclusion constraint per (organization, resource) over time ranges, so two
 * appointments (or an appointment and a live hold) can never overlap on one interviewer or room — whatever
 * races happen above. Expired holds are swept inside the same transaction before a claim is inserted.
 */
import { run, runEach, type Queryable, type Statement } from '../db.js';
import { iso } from '../rows.js';
import { toOrg, type Organization, type OrgRow } from './organizations.js';

export type BookingRequestStatus = 'open' | 'booked' | 'declined' | 'expired' | 'cancelled' | 'failed';

export interface BookingRequest {
  orgId: string;
  id: string;
  title: string;
  applicantName: string;
  applicantEmail: string;
  organizerId: string;
  participantIds: string[];
  durationMinutes: number;
  intervalMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  timeZone: string;
  locationId: string | null;
  online: boolean;
  roomNeeded: boolean;
  periodStart: string;
  periodEnd: string;
  status: BookingRequestStatus;
  failureReason: string | null;
  allowReschedule: boolean;
  locale: 'de' | 'en';
  appointmentId: string | null;
  createdBy: string;
}

interface BookingRow {
  org_id: string;
  id: string;
  title: string;
  applicant_name: string;
  applicant_email: string;
  organizer_id: string;
  participant_ids: string[];
  duration_minutes: number;
  interval_minutes: number;
  buffer_before_minutes: number;
  buffer_after_minutes: number;
  time_zone: string;
  location_id: string | null;
  online: boolean;
  room_needed: boolean;
  period_start: unknown;
  period_end: unknown;
  status: BookingRequestStatus;
  failure_reason: string | null;
  allow_reschedule: boolean;
  locale: 'de' | 'en';
  appointment_id: string | null;
  created_by: string;
}

function toBooking(r: BookingRow): BookingRequest {
  return {
    orgId: r.org_id,
    id: r.id,
    title: r.title,
    applicantName: r.applicant_name,
    applicantEmail: r.applicant_email,
    organizerId: r.organizer_id,
    participantIds: r.participant_ids,
    durationMinutes: r.duration_minutes,
    intervalMinutes: r.interval_minutes,
    bufferBeforeMinutes: r.buffer_before_minutes,
    bufferAfterMinutes: r.buffer_after_minutes,
    timeZone: r.time_zone,
    locationId: r.location_id,
    online: r.online,
    roomNeeded: r.room_needed,
    periodStart: iso(r.period_start),
    periodEnd: iso(r.period_end),
    status: r.status,
    failureReason: r.failure_reason,
    allowReschedule: r.allow_reschedule,
    locale: r.locale,
    appointmentId: r.appointment_id,
    createdBy: r.created_by,
  };
}

export async function insertBookingRequest(
  q: Queryable,
  b: Omit<BookingRequest, 'status' | 'failureReason' | 'appointmentId'> & { tokenHash: string },
): Promise<BookingRequest> {
  const rows = await q.query<BookingRow>(
    `INSERT INTO booking_requests (org_id, id, token_hash, title, applicant_name, applicant_email, organizer_id,
       participant_ids, duration_minutes, interval_minutes, buffer_before_minutes, buffer_after_minutes, time_zone,
       location_id, online, room_needed, period_start, period_end, allow_reschedule, locale, created_by)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21) RETURNING *`,
    [
      b.orgId, b.id, b.tokenHash, b.title, b.applicantName, b.applicantEmail, b.organizerId, b.participantIds,
      b.durationMinutes, b.intervalMinutes, b.bufferBeforeMinutes, b.bufferAfterMinutes, b.timeZone, b.locationId,
      b.online, b.roomNeeded, b.periodStart, b.periodEnd, b.allowReschedule, b.locale, b.createdBy,
    ],
  );
  return toBooking(rows[0]!);
}

/** The only lookup without an organization: the token itself is the credential and names its organization. */
/** The link and its organization in one read (the applicant's every request starts here). */
export async function findBookingAndOrgByTokenHash(q: Queryable, tokenHash: string): Promise<{ request: BookingRequest; org: Organization } | null> {
  const rows = await q.query<BookingRow & { org_row: OrgRow }>(
    'SELECT b.*, row_to_json(o) AS org_row FROM booking_requests b JOIN organizations o ON o.id = b.org_id WHERE b.token_hash = $1',
    [tokenHash],
  );
  return rows[0] ? { request: toBooking(rows[0]), org: toOrg(rows[0].org_row) } : null;
}

export async function getBookingRequest(q: Queryable, orgId: string, id: string, forUpdate = false): Promise<BookingRequest | null> {
  const rows = await q.query<BookingRow>(
    `SELECT * FROM booking_requests WHERE org_id = $1 AND id = $2${forUpdate ? ' FOR UPDATE' : ''}`,
    [orgId, id],
  );
  return rows[0] ? toBooking(rows[0]) : null;
}

export async function setBookingStatus(
  q: Queryable,
  orgId: string,
  id: string,
  status: BookingRequestStatus,
  fields: { failureReason?: string | null; appointmentId?: string | null } = {},
): Promise<void> {
  await q.query(
    `UPDATE booking_requests SET status = $3,
       failure_reason = CASE WHEN $4 THEN $5 ELSE failure_reason END,
       appointment_id = CASE WHEN $6 THEN $7 ELSE appointment_id END, updated_at = now()
     WHERE org_id = $1 AND id = $2`,
    [orgId, id, status, 'failureReason' in fields, fields.failureReason ?? null, 'appointmentId' in fields, fields.appointmentId ?? null],
  );
}

/** The message of the `dv_check` failure `markBookedStatement` raises when the link is not open. */
export const LINK_NOT_OPEN = 'booking link not open';

/**
 * Marks a link booked by `appointmentId` if it is still open at `now` (not booked, cancelled or past its period),
 * taking the row's lock; fails with `dv_check`'s P0004 and LINK_NOT_OPEN when it is not open. A statement for
 * `Db.atomic`: of two bookings of one link, the second waits for the row and then fails here, before its claims.
 */
export function markBookedStatement(orgId: string, id: string, appointmentId: string, now: string): Statement {
  return {
    sql: `WITH marked AS (
       UPDATE booking_requests SET status = 'booked', appointment_id = $3, updated_at = now()
       WHERE org_id = $1 AND id = $2 AND status = 'open' AND period_end > $4 RETURNING id)
     SELECT dv_check(count(*) = 1, $5) FROM marked`,
    params: [orgId, id, appointmentId, now, LINK_NOT_OPEN],
  };
}

export interface Appointment {
  orgId: string;
  id: string;
  bookingRequestId: string | null;
  organizerId: string;
  title: string;
  description: string;
  start: string;
  end: string;
  timeZone: string;
  locationId: string | null;
  locationText: string | null;
  online: boolean;
  roomId: string | null;
  private: boolean;
  participantIds: string[];
  applicantName: string | null;
  applicantEmail: string | null;
  status: 'confirmed' | 'cancelled';
  sequence: number;
  eventId: string;
  calendarState: 'pending' | 'written' | 'failed' | 'deleted';
  calendarError: string | null;
}

interface AppointmentRow {
  org_id: string;
  id: string;
  booking_request_id: string | null;
  organizer_id: string;
  title: string;
  description: string;
  start_at: unknown;
  end_at: unknown;
  time_zone: string;
  location_id: string | null;
  location_text: string | null;
  online: boolean;
  room_id: string | null;
  private: boolean;
  participant_ids: string[];
  applicant_name: string | null;
  applicant_email: string | null;
  status: 'confirmed' | 'cancelled';
  sequence: number;
  event_id: string;
  calendar_state: Appointment['calendarState'];
  calendar_error: string | null;
}

function toAppointment(r: AppointmentRow): Appointment {
  return {
    orgId: r.org_id,
    id: r.id,
    bookingRequestId: r.booking_request_id,
    organizerId: r.organizer_id,
    title: r.title,
    description: r.description,
    start: iso(r.start_at),
    end: iso(r.end_at),
    timeZone: r.time_zone,
    locationId: r.location_id,
    locationText: r.location_text,
    online: r.online,
    roomId: r.room_id,
    private: r.private,
    participantIds: r.participant_ids,
    applicantName: r.applicant_name,
    applicantEmail: r.applicant_email,
    status: r.status,
    sequence: r.sequence,
    eventId: r.event_id,
    calendarState: r.calendar_state,
    calendarError: r.calendar_error,
  };
}

export async function insertAppointment(q: Queryable, a: NewAppointment): Promise<Appointment> {
  return readInsertedAppointment(await run(q, insertAppointmentStatement(a)));
}

type NewAppointment = Omit<Appointment, 'status' | 'sequence' | 'calendarState' | 'calendarError'>;

/** `insertAppointment` as a statement, for `Db.atomic`; `readInsertedAppointment` reads its rows. */
export function insertAppointmentStatement(a: NewAppointment): Statement {
  return {
    sql: `INSERT INTO appointments (org_id, id, booking_request_id, organizer_id, title, description, start_at, end_at,
       time_zone, location_id, location_text, online, room_id, private, participant_ids, applicant_name,
       applicant_email, event_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18) RETURNING *`,
    params: [
      a.orgId, a.id, a.bookingRequestId, a.organizerId, a.title, a.description, a.start, a.end, a.timeZone,
      a.locationId, a.locationText, a.online, a.roomId, a.private, a.participantIds, a.applicantName,
      a.applicantEmail, a.eventId,
    ],
  };
}

export function readInsertedAppointment(rows: readonly unknown[]): Appointment {
  return toAppointment(rows[0] as AppointmentRow);
}

export async function getAppointment(q: Queryable, orgId: string, id: string): Promise<Appointment | null> {
  const rows = await q.query<AppointmentRow>('SELECT * FROM appointments WHERE org_id = $1 AND id = $2', [orgId, id]);
  return rows[0] ? toAppointment(rows[0]) : null;
}

export async function setCalendarState(
  q: Queryable,
  orgId: string,
  id: string,
  state: Appointment['calendarState'],
  error: string | null = null,
): Promise<void> {
  await q.query(
    'UPDATE appointments SET calendar_state = $3, calendar_error = $4, updated_at = now() WHERE org_id = $1 AND id = $2',
    [orgId, id, state, error],
  );
}

/**
 * Appointments whose calendar write is still pending after `graceSeconds`: the grace keeps the reconciler from
 * racing a live process that is writing right now (the write is idempotent anyway, so the race costs a call).
 */
export async function listPendingCalendarWrites(q: Queryable, graceSeconds = 30, limit = 50): Promise<Appointment[]> {
  const rows = await q.query<AppointmentRow>(
    `SELECT * FROM appointments WHERE calendar_state = 'pending' AND updated_at < now() - make_interval(secs => $2)
     ORDER BY updated_at LIMIT $1`,
    [limit, graceSeconds],
  );
  return rows.map(toAppointment);
}

export interface Claim {
  kind: 'user' | 'room';
  resourceId: string;
  start: string;
  end: string;
}

/**
 * The statement that inserts claims (none for no claims); it fails with 23P01 when any overlaps an existing claim.
 *
 * The same statement first serialises claim inserts per resource: transaction-scoped advisory locks taken in one
 * global order. Without them, concurrent inserts of overlapping ranges can deadlock inside the exclusion
 * constraint's check (each waits on the other's uncommitted index entry); with them, the later transaction simply
 * waits and then meets the committed claim as an ordinary 23P01. The constraint stays the guard; the locks only
 * order the queue. The locks sit in an uncorrelated sub-select of the WHERE clause, which PostgreSQL evaluates
 * once, before the first row is inserted (a one-time filter); a function scan over an array yields its rows in
 * array order, so they come in key order.
 */
function claimsStatements(orgId: string, claims: readonly Claim[], owner: { appointmentId: string } | { holdId: string; expiresAt: string }): Statement[] {
  if (claims.length === 0) return [];
  const keys = [...new Set(claims.map((c) => JSON.stringify([orgId, c.kind, c.resourceId])))].sort();
  return [
    {
      sql: `INSERT INTO busy_claims (org_id, resource_kind, resource_id, during, appointment_id, hold_id, expires_at)
     SELECT $1, kind, id, tstzrange(s, e, '[)'), $6, $7, $8
     FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::timestamptz[]) AS c(kind, id, s, e)
     WHERE (SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($9::text[]) AS t(k)) AS locks) = cardinality($9::text[])`,
      params: [
        orgId,
        claims.map((c) => c.kind),
        claims.map((c) => c.resourceId),
        claims.map((c) => c.start),
        claims.map((c) => c.end),
        'appointmentId' in owner ? owner.appointmentId : null,
        'holdId' in owner ? owner.holdId : null,
        'holdId' in owner ? owner.expiresAt : null,
        keys,
      ],
    },
  ];
}

/** Inserts claims for an appointment; throws the driver's 23P01 error when any overlaps an existing claim. */
export async function insertAppointmentClaims(q: Queryable, orgId: string, appointmentId: string, claims: readonly Claim[]) {
  await runEach(q, appointmentClaimsStatements(orgId, appointmentId, claims));
}

/** `insertAppointmentClaims` as statements (none for no claims), for `Db.atomic`. */
export function appointmentClaimsStatements(orgId: string, appointmentId: string, claims: readonly Claim[]): Statement[] {
  return claimsStatements(orgId, claims, { appointmentId });
}

export async function insertHoldClaims(q: Queryable, orgId: string, holdId: string, expiresAt: string, claims: readonly Claim[]) {
  await runEach(q, holdClaimsStatements(orgId, holdId, expiresAt, claims));
}

export function holdClaimsStatements(orgId: string, holdId: string, expiresAt: string, claims: readonly Claim[]): Statement[] {
  return claimsStatements(orgId, claims, { holdId, expiresAt });
}

export async function deleteAppointmentClaims(q: Queryable, orgId: string, appointmentId: string): Promise<void> {
  await q.query('DELETE FROM busy_claims WHERE org_id = $1 AND appointment_id = $2', [orgId, appointmentId]);
}

/**
 * Before a link books or holds: removes the organization's expired holds and the link's own holds (claims and rows),
 * in one statement.
 */
export async function releaseHoldsBeforeClaiming(q: Queryable, orgId: string, bookingRequestId: string, now: string): Promise<void> {
  await run(q, releaseHoldsStatement(orgId, bookingRequestId, now));
}

/** `releaseHoldsBeforeClaiming` as a statement, for `Db.atomic`. */
export function releaseHoldsStatement(orgId: string, bookingRequestId: string, now: string): Statement {
  return {
    sql: `WITH released AS (DELETE FROM holds WHERE org_id = $1 AND (expires_at <= $2 OR booking_request_id = $3) RETURNING id)
     DELETE FROM busy_claims WHERE org_id = $1 AND hold_id IS NOT NULL AND (expires_at <= $2 OR hold_id IN (SELECT id FROM released))`,
    params: [orgId, now, bookingRequestId],
  };
}

/** Removes expired holds (claims and rows) of one organization; `now` is passed so tests control the clock. */
export async function sweepExpiredHolds(q: Queryable, orgId: string, now: string): Promise<void> {
  await q.query('DELETE FROM busy_claims WHERE org_id = $1 AND hold_id IS NOT NULL AND expires_at <= $2', [orgId, now]);
  await q.query('DELETE FROM holds WHERE org_id = $1 AND expires_at <= $2', [orgId, now]);
}

export interface Hold {
  id: string;
  bookingRequestId: string;
  start: string;
  end: string;
  roomId: string | null;
  expiresAt: string;
}

export function insertHoldStatement(orgId: string, h: Hold): Statement {
  return {
    sql: 'INSERT INTO holds (org_id, id, booking_request_id, start_at, end_at, room_id, expires_at) VALUES ($1,$2,$3,$4,$5,$6,$7)',
    params: [orgId, h.id, h.bookingRequestId, h.start, h.end, h.roomId, h.expiresAt],
  };
}

export async function getHold(q: Queryable, orgId: string, holdId: string): Promise<Hold | null> {
  const rows = await q.query<{
    id: string; booking_request_id: string; start_at: unknown; end_at: unknown; room_id: string | null; expires_at: unknown;
  }>('SELECT * FROM holds WHERE org_id = $1 AND id = $2', [orgId, holdId]);
  const r = rows[0];
  return r
    ? { id: r.id, bookingRequestId: r.booking_request_id, start: iso(r.start_at), end: iso(r.end_at), roomId: r.room_id, expiresAt: iso(r.expires_at) }
    : null;
}

export async function deleteHoldsOfRequest(q: Queryable, orgId: string, bookingRequestId: string): Promise<void> {
  await q.query(
    `DELETE FROM busy_claims WHERE org_id = $1 AND hold_id IN (SELECT id FROM holds WHERE org_id = $1 AND booking_request_id = $2)`,
    [orgId, bookingRequestId],
  );
  await q.query('DELETE FROM holds WHERE org_id = $1 AND booking_request_id = $2', [orgId, bookingRequestId]);
}

/**
 * Removes one hold (claims and row) of one booking request; a hold of another request is never touched, so a
 * booking-link token can only release its own hold. Returns whether a hold was removed.
 */
export async function deleteHold(q: Queryable, orgId: string, bookingRequestId: string, holdId: string): Promise<boolean> {
  await q.query(
    `DELETE FROM busy_claims WHERE org_id = $1 AND hold_id = $3
       AND hold_id IN (SELECT id FROM holds WHERE org_id = $1 AND booking_request_id = $2)`,
    [orgId, bookingRequestId, holdId],
  );
  const rows = await q.query<{ id: string }>(
    'DELETE FROM holds WHERE org_id = $1 AND booking_request_id = $2 AND id = $3 RETURNING id',
    [orgId, bookingRequestId, holdId],
  );
  return rows.length > 0;
}

/**
 * Claims on the given resources overlapping a window, excluding the holds of one request (an applicant's own
 * hold must not hide the held slot from that applicant). Used to overlay what the calendars may not show yet.
 */
export async function listClaims(
  q: Queryable,
  orgId: string,
  resources: ReadonlyArray<{ kind: 'user' | 'room'; id: string }>,
  window: { start: string; end: string },
  options: { now: string; exceptHoldsOfRequest?: string; exceptAppointment?: string },
): Promise<Array<Claim & { appointmentId: string | null; expiresAt: string | null }>> {
  if (resources.length === 0) return [];
  // Kind and id compared as columns (not concatenated) so the exclusion constraint's GiST index serves the lookup.
  const idsOf = (kind: 'user' | 'room') => resources.filter((r) => r.kind === kind).map((r) => r.id);
  const rows = await q.query<{ resource_kind: 'user' | 'room'; resource_id: string; s: unknown; e: unknown; appointment_id: string | null; expires_at: unknown }>(
    `SELECT resource_kind, resource_id, lower(during) AS s, upper(during) AS e, appointment_id, expires_at FROM busy_claims
     WHERE org_id = $1
       AND ((resource_kind = 'user' AND resource_id = ANY($2::text[])) OR (resource_kind = 'room' AND resource_id = ANY($8::text[])))
       AND during && tstzrange($3, $4, '[)')
       AND (hold_id IS NULL OR expires_at > $5)
       AND ($6::text IS NULL OR hold_id IS NULL OR hold_id NOT IN (SELECT id FROM holds WHERE org_id = $1 AND booking_request_id = $6))
       AND ($7::text IS NULL OR appointment_id IS DISTINCT FROM $7)`,
    [
      orgId,
      idsOf('user'),
      window.start,
      window.end,
      options.now,
      options.exceptHoldsOfRequest ?? null,
      options.exceptAppointment ?? null,
      idsOf('room'),
    ],
  );
  return rows.map((r) => ({
    kind: r.resource_kind,
    resourceId: r.resource_id,
    start: iso(r.s),
    end: iso(r.e),
    appointmentId: r.appointment_id,
    expiresAt: r.expires_at === null ? null : iso(r.expires_at),
  }));
}
