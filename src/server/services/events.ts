/**
 * Domain events: written to the outbox (for the host's webhooks) in the caller's transaction, and announced
 * with NOTIFY on `dv_events` — PostgreSQL delivers a NOTIFY only when its transaction commits, so live-update
 * listeners in every server process hear exactly the committed changes.
 */
import { formatInstant } from '../../shared/time.js';
import { run, type Queryable, type Statement } from '../../store/db.js';
import { newId } from '../../store/crypto.js';
import { enqueueEventStatement } from '../../store/repos/outbox.js';

export const EVENT_TYPES = [
  'booking.confirmed',
  'booking.rescheduled',
  'booking.cancelled',
  'booking.failed',
  'appointment.created',
  'appointment.updated',
  'appointment.cancelled',
  'participant.status_changed',
  'connection.failed',
  'connection.restored',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export interface DomainEvent {
  id: string;
  type: EventType;
  organizationId: string;
  createdAt: string;
  data: Record<string, unknown>;
}

export const EVENTS_CHANNEL = 'dv_events';

export async function emit(q: Queryable, orgId: string, type: EventType, data: Record<string, unknown>, now: number): Promise<DomainEvent> {
  const { event, statement } = emitStatement(orgId, type, data, now);
  await run(q, statement);
  return event;
}

/** `emit` as a statement, for `Db.atomic`. */
export function emitStatement(orgId: string, type: EventType, data: Record<string, unknown>, now: number): { event: DomainEvent; statement: Statement } {
  const event: DomainEvent = { id: newId('evt'), type, organizationId: orgId, createdAt: formatInstant(now), data };
  // Live updates carry only ids and states, never applicant data; listeners filter by organization.
  const statement = enqueueEventStatement(orgId, event.id, type, event, event.createdAt, {
    channel: EVENTS_CHANNEL,
    payload: JSON.stringify({ orgId, id: event.id, type, data: liveData(data) }),
  });
  return { event, statement };
}

function liveData(data: Record<string, unknown>): Record<string, unknown> {
  const allowed = ['bookingRequestId', 'appointmentId', 'userId', 'status', 'reason', 'start', 'end', 'roomId'];
  return Object.fromEntries(Object.entries(data).filter(([k]) => allowed.includes(k)));
}

/**
 * A live-update-only change (no host webhook): connection status moves, service-account changes. Sent with NOTIFY
 * in the caller's transaction, so listeners hear it only if the change commits.
 */
export async function notifyChange(q: Queryable, orgId: string, type: string, data: Record<string, unknown>): Promise<void> {
  await q.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, JSON.stringify({ orgId, type, data: liveData(data) })]);
}
