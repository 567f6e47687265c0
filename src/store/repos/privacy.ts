/**
 * Deleting personal data for GDPR erasure and retention: an applicant's booking links with everything that
 * hangs off them (holds, appointments, claims, idempotency records, applicant fields in stored webhook payloads),
 * and a user's own rows. Every statement is scoped by organization; callers run these inside one transaction.
 */
import type { Queryable } from '../db.js';

export interface ErasableAppointment {
  id: string;
  organizerId: string;
  eventId: string;
  calendarState: 'pending' | 'written' | 'failed' | 'deleted';
}

/** Booking requests of one applicant (e-mail compared case-insensitively) or the one named. */
export async function findApplicantRequests(q: Queryable, orgId: string, by: { bookingRequestId: string } | { email: string }): Promise<string[]> {
  const rows =
    'email' in by
      ? await q.query<{ id: string }>('SELECT id FROM booking_requests WHERE org_id = $1 AND lower(applicant_email) = lower($2)', [orgId, by.email])
      : await q.query<{ id: string }>('SELECT id FROM booking_requests WHERE org_id = $1 AND id = $2', [orgId, by.bookingRequestId]);
  return rows.map((r) => r.id);
}

/** Appointments of those requests, plus (by e-mail) appointments made for the applicant without a link. */
export async function findApplicantAppointments(q: Queryable, orgId: string, requestIds: readonly string[], email: string | null): Promise<ErasableAppointment[]> {
  const rows = await q.query<{ id: string; organizer_id: string; event_id: string; calendar_state: ErasableAppointment['calendarState'] }>(
    `SELECT id, organizer_id, event_id, calendar_state FROM appointments
     WHERE org_id = $1 AND (booking_request_id = ANY($2::text[]) OR ($3::text IS NOT NULL AND lower(applicant_email) = lower($3)))`,
    [orgId, requestIds, email],
  );
  return rows.map((r) => ({ id: r.id, organizerId: r.organizer_id, eventId: r.event_id, calendarState: r.calendar_state }));
}

/** Requests whose period ended before `cutoff` and none of whose appointments ends after it. */
export async function findExpiredRequests(q: Queryable, orgId: string, cutoff: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT b.id FROM booking_requests b WHERE b.org_id = $1 AND b.period_end < $2
       AND NOT EXISTS (SELECT 1 FROM appointments a WHERE a.org_id = b.org_id AND a.booking_request_id = b.id AND a.end_at >= $2)
     ORDER BY b.period_end LIMIT 1000`,
    [orgId, cutoff],
  );
  return rows.map((r) => r.id);
}

/** Deletes the requests and appointments with everything that refers to them; returns what was deleted. */
export async function eraseBookingData(
  q: Queryable,
  orgId: string,
  requestIds: readonly string[],
  appointmentIds: readonly string[],
): Promise<{ bookingRequests: number; appointments: number }> {
  await q.query(
    `DELETE FROM busy_claims WHERE org_id = $1 AND (appointment_id = ANY($3::text[])
       OR hold_id IN (SELECT id FROM holds WHERE org_id = $1 AND booking_request_id = ANY($2::text[])))`,
    [orgId, requestIds, appointmentIds],
  );
  await q.query('DELETE FROM holds WHERE org_id = $1 AND booking_request_id = ANY($2::text[])', [orgId, requestIds]);
  await q.query("DELETE FROM idempotency_keys WHERE org_id = $1 AND scope = ANY(ARRAY(SELECT 'book:' || x FROM unnest($2::text[]) AS x))", [orgId, requestIds]);
  // Webhook events keep their ids and states (the host may still need them), not the applicant.
  await q.query(
    `UPDATE outbox SET payload = payload #- '{data,applicant}' #- '{data,applicantName}' #- '{data,applicantEmail}'
     WHERE org_id = $1 AND (payload->'data'->>'bookingRequestId' = ANY($2::text[]) OR payload->'data'->>'appointmentId' = ANY($3::text[]))`,
    [orgId, requestIds, appointmentIds],
  );
  const appointments = await q.query('DELETE FROM appointments WHERE org_id = $1 AND id = ANY($2::text[]) RETURNING id', [orgId, appointmentIds]);
  const requests = await q.query('DELETE FROM booking_requests WHERE org_id = $1 AND id = ANY($2::text[]) RETURNING id', [orgId, requestIds]);
  return { bookingRequests: requests.length, appointments: appointments.length };
}

/** Deletes a user's own rows: cached busy time, claims, pending connects, stream tickets, the user (and connection). */
export async function eraseUserRows(q: Queryable, orgId: string, userId: string): Promise<boolean> {
  await q.query('DELETE FROM freebusy_cache WHERE org_id = $1 AND resource_key = $2', [orgId, `user:${userId}`]);
  await q.query("DELETE FROM busy_claims WHERE org_id = $1 AND resource_kind = 'user' AND resource_id = $2", [orgId, userId]);
  await q.query('DELETE FROM oauth_states WHERE org_id = $1 AND user_id = $2', [orgId, userId]);
  await q.query('DELETE FROM stream_tickets WHERE org_id = $1 AND user_id = $2', [orgId, userId]);
  return (await q.query('DELETE FROM users WHERE org_id = $1 AND id = $2 RETURNING id', [orgId, userId])).length > 0;
}
