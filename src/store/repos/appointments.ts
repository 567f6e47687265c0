/**
 * Recruiter-side appointment data beyond `bookings.ts`: the invite fields (applicants of a shared-time group,
 * comment, creator), what was last written to the calendar event (so a later write can remove whoever left it),
 * attendee replies, idempotent replays of recruiter POSTs, and the re-opening of a booking link on resend.
 *
 * Every query is scoped by organization. Row locks (`FOR UPDATE`) on the appointment or booking request serialise
 * the recruiter's changes with each other and with the applicant's own moves.
 */
import type { Queryable } from '../db.js';
import { iso } from '../rows.js';

export interface ApplicantRef {
  name: string;
  email: string;
}

export interface AppointmentExtras {
  applicants: ApplicantRef[];
  comment: string | null;
  createdBy: string | null;
  /** E-mails on the calendar event after the last successful write; null when it was never written. */
  writtenAttendees: string[] | null;
  notifyApplicant: boolean;
}

export async function getAppointmentExtras(q: Queryable, orgId: string, id: string): Promise<AppointmentExtras | null> {
  const rows = await q.query<{ applicants: ApplicantRef[] | null; comment: string | null; created_by: string | null; written_attendees: string[] | null; notify_applicant: boolean }>(
    'SELECT applicants, comment, created_by, written_attendees, notify_applicant FROM appointments WHERE org_id = $1 AND id = $2',
    [orgId, id],
  );
  const r = rows[0];
  return r
    ? { applicants: r.applicants ?? [], comment: r.comment, createdBy: r.created_by, writtenAttendees: r.written_attendees, notifyApplicant: r.notify_applicant }
    : null;
}

export async function setInviteFields(
  q: Queryable,
  orgId: string,
  id: string,
  fields: { applicants: ApplicantRef[]; comment: string | null; createdBy: string },
): Promise<void> {
  await q.query('UPDATE appointments SET applicants = $3, comment = $4, created_by = $5 WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
    JSON.stringify(fields.applicants),
    fields.comment,
    fields.createdBy,
  ]);
}

/** Locks the appointment row for the rest of the transaction; false when there is no such appointment. */
export async function lockAppointment(q: Queryable, orgId: string, id: string): Promise<boolean> {
  const rows = await q.query('SELECT id FROM appointments WHERE org_id = $1 AND id = $2 FOR UPDATE', [orgId, id]);
  return rows.length > 0;
}

/** A move or a change of room or participants: the event keeps its id, the sequence goes up, a write is due. */
export async function rescheduleAppointment(
  q: Queryable,
  orgId: string,
  id: string,
  next: { start: string; end: string; roomId: string | null; participantIds: string[]; notifyApplicant: boolean },
): Promise<void> {
  await q.query(
    `UPDATE appointments SET start_at = $3, end_at = $4, room_id = $5, participant_ids = $6, notify_applicant = $7,
       sequence = sequence + 1, calendar_state = 'pending', calendar_error = NULL, updated_at = now()
     WHERE org_id = $1 AND id = $2`,
    [orgId, id, next.start, next.end, next.roomId, next.participantIds, next.notifyApplicant],
  );
}

/** Cancels: the sequence goes up too (a CANCEL must not be older than the last REQUEST); the delete is due. */
export async function markCancelled(q: Queryable, orgId: string, id: string): Promise<void> {
  await q.query(
    `UPDATE appointments SET status = 'cancelled', sequence = sequence + 1, calendar_state = 'pending', calendar_error = NULL,
       updated_at = now() WHERE org_id = $1 AND id = $2`,
    [orgId, id],
  );
}

/** Records who the calendar event invites; with `calendarState`, also the write's outcome (one statement). */
export async function setWrittenAttendees(
  q: Queryable,
  orgId: string,
  id: string,
  emails: readonly string[],
  options: { calendarState?: 'written' } = {},
): Promise<void> {
  if (options.calendarState) {
    await q.query(
      'UPDATE appointments SET written_attendees = $3, calendar_state = $4, calendar_error = NULL, updated_at = now() WHERE org_id = $1 AND id = $2',
      [orgId, id, emails, options.calendarState],
    );
  } else {
    await q.query('UPDATE appointments SET written_attendees = $3 WHERE org_id = $1 AND id = $2', [orgId, id, emails]);
  }
}

/** Confirmed appointments of one organizer that end after `since`: the ones whose replies still matter. */
export async function listLiveAppointmentIdsOfOrganizer(q: Queryable, orgId: string, organizerId: string, since: string, limit = 200): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT id FROM appointments WHERE org_id = $1 AND organizer_id = $2 AND status = 'confirmed' AND end_at > $3
     ORDER BY start_at LIMIT $4`,
    [orgId, organizerId, since, limit],
  );
  return rows.map((r) => r.id);
}

/** The event id and time of each of those appointments (for one read of the organizer's calendar). */
export async function listLiveEventsOfOrganizer(
  q: Queryable,
  orgId: string,
  organizerId: string,
  since: string,
  limit = 200,
): Promise<Array<{ id: string; eventId: string; start: string; end: string }>> {
  const rows = await q.query<{ id: string; event_id: string; start_at: unknown; end_at: unknown }>(
    `SELECT id, event_id, start_at, end_at FROM appointments WHERE org_id = $1 AND organizer_id = $2 AND status = 'confirmed' AND end_at > $3
     ORDER BY start_at LIMIT $4`,
    [orgId, organizerId, since, limit],
  );
  return rows.map((r) => ({ id: r.id, eventId: r.event_id, start: iso(r.start_at), end: iso(r.end_at) }));
}

export type StoredReply = 'needs_action' | 'accepted' | 'declined' | 'tentative';

/** Stored replies of several appointments, by appointment id (appointments without any are absent). */
export async function getRepliesOfAppointments(q: Queryable, orgId: string, appointmentIds: readonly string[]): Promise<Map<string, Map<string, StoredReply>>> {
  const rows = await q.query<{ appointment_id: string; email: string; status: StoredReply }>(
    'SELECT appointment_id, email, status FROM appointment_attendees WHERE org_id = $1 AND appointment_id = ANY($2::text[])',
    [orgId, appointmentIds],
  );
  const byAppointment = new Map<string, Map<string, StoredReply>>();
  for (const r of rows) {
    let replies = byAppointment.get(r.appointment_id);
    if (!replies) byAppointment.set(r.appointment_id, (replies = new Map()));
    replies.set(r.email, r.status);
  }
  return byAppointment;
}

export async function getReplies(q: Queryable, orgId: string, appointmentId: string): Promise<Map<string, { status: StoredReply; changedAt: string }>> {
  const rows = await q.query<{ email: string; status: StoredReply; changed_at: unknown }>(
    'SELECT email, status, changed_at FROM appointment_attendees WHERE org_id = $1 AND appointment_id = $2',
    [orgId, appointmentId],
  );
  return new Map(rows.map((r) => [r.email, { status: r.status, changedAt: iso(r.changed_at) }]));
}

export async function saveReply(q: Queryable, orgId: string, appointmentId: string, email: string, status: StoredReply, at: string): Promise<void> {
  await q.query(
    `INSERT INTO appointment_attendees (org_id, appointment_id, email, status, changed_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (org_id, appointment_id, email) DO UPDATE SET status = $4, changed_at = $5`,
    [orgId, appointmentId, email, status, at],
  );
}

/** Forgets replies of people no longer on the appointment (a replaced room), so a later return starts afresh. */
export async function pruneReplies(q: Queryable, orgId: string, appointmentId: string, keepEmails: readonly string[]): Promise<void> {
  await q.query('DELETE FROM appointment_attendees WHERE org_id = $1 AND appointment_id = $2 AND NOT (email = ANY($3::text[]))', [
    orgId,
    appointmentId,
    keepEmails,
  ]);
}

export interface StoredResult {
  status: number;
  body: unknown;
}

/** A replayed request with the same key answers the stored result; the same key with another request is refused. */
export async function findIdempotentResult(q: Queryable, orgId: string, scope: string, key: string, requestHash: string): Promise<StoredResult | 'conflict' | null> {
  const rows = await q.query<{ request_hash: string; status: number; body: unknown }>(
    'SELECT request_hash, status, body FROM idempotency_keys WHERE org_id = $1 AND scope = $2 AND key = $3',
    [orgId, scope, key],
  );
  const row = rows[0];
  if (!row) return null;
  return row.request_hash === requestHash ? { status: row.status, body: row.body } : 'conflict';
}

export async function saveIdempotentResult(q: Queryable, orgId: string, scope: string, key: string, requestHash: string, result: StoredResult): Promise<void> {
  await q.query('INSERT INTO idempotency_keys (org_id, scope, key, request_hash, status, body) VALUES ($1, $2, $3, $4, $5, $6)', [
    orgId,
    scope,
    key,
    requestHash,
    result.status,
    JSON.stringify(result.body),
  ]);
}

/**
 * Re-activates a booking link with a new token and period (resend). The old token stops working at once because
 * only the new hash is stored; holds of the old period are the caller's to drop.
 */
export async function reopenBookingRequest(
  q: Queryable,
  orgId: string,
  id: string,
  next: { tokenHash: string; periodStart: string; periodEnd: string; status: 'open' | 'failed'; failureReason: string | null },
): Promise<void> {
  await q.query(
    `UPDATE booking_requests SET token_hash = $3, period_start = $4, period_end = $5, status = $6, failure_reason = $7,
       appointment_id = NULL, updated_at = now() WHERE org_id = $1 AND id = $2`,
    [orgId, id, next.tokenHash, next.periodStart, next.periodEnd, next.status, next.failureReason],
  );
}
