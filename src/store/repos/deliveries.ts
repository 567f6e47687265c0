/**
 * The admin's delivery log of host webhooks: outbox events with their state and every recorded attempt, and
 * re-queueing an event (same id, so receivers deduplicate). Scoped by organization like everything else.
 */
import type { Queryable } from '../db.js';
import { iso, isoOrNull } from '../rows.js';

export type DeliveryState = 'delivered' | 'pending' | 'failing';

export interface DeliveryRecord {
  eventId: string;
  type: string;
  createdAt: string;
  state: DeliveryState;
  attempts: number;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
  lastError: string | null;
  deliveries: Array<{ attempt: number; status: number | null; error: string | null; at: string }>;
  payload: unknown;
}

interface OutboxRow {
  id: string;
  type: string;
  payload: unknown;
  created_at: unknown;
  attempts: number;
  delivered_at: unknown;
  next_attempt_at: unknown;
  last_error: string | null;
}

const STATE_SQL = `CASE WHEN delivered_at IS NOT NULL THEN 'delivered' WHEN attempts = 0 THEN 'pending' ELSE 'failing' END`;

async function withAttempts(q: Queryable, orgId: string, rows: OutboxRow[]): Promise<DeliveryRecord[]> {
  if (rows.length === 0) return [];
  const attempts = await q.query<{ event_id: string; attempt: number; status: number | null; error: string | null; at: unknown }>(
    'SELECT event_id, attempt, status, error, at FROM webhook_deliveries WHERE org_id = $1 AND event_id = ANY($2::text[]) ORDER BY attempt',
    [orgId, rows.map((r) => r.id)],
  );
  return rows.map((r) => ({
    eventId: r.id,
    type: r.type,
    createdAt: iso(r.created_at),
    state: r.delivered_at ? 'delivered' : r.attempts === 0 ? 'pending' : 'failing',
    attempts: r.attempts,
    deliveredAt: isoOrNull(r.delivered_at),
    nextAttemptAt: r.delivered_at ? null : isoOrNull(r.next_attempt_at),
    lastError: r.last_error,
    deliveries: attempts.filter((a) => a.event_id === r.id).map((a) => ({ attempt: a.attempt, status: a.status, error: a.error, at: iso(a.at) })),
    payload: r.payload,
  }));
}

export async function listDeliveries(
  q: Queryable,
  orgId: string,
  filter: { state?: DeliveryState; type?: string; before?: string; limit: number },
): Promise<DeliveryRecord[]> {
  const rows = await q.query<OutboxRow>(
    `SELECT id, type, payload, created_at, attempts, delivered_at, next_attempt_at, last_error FROM outbox
     WHERE org_id = $1 AND ($2::text IS NULL OR ${STATE_SQL} = $2) AND ($3::text IS NULL OR type = $3)
       AND ($4::timestamptz IS NULL OR date_trunc('milliseconds', created_at) < $4)
     ORDER BY created_at DESC, id DESC LIMIT $5`,
    [orgId, filter.state ?? null, filter.type ?? null, filter.before ?? null, filter.limit],
  );
  return withAttempts(q, orgId, rows);
}

export async function getDelivery(q: Queryable, orgId: string, eventId: string): Promise<DeliveryRecord | null> {
  const rows = await q.query<OutboxRow>(
    'SELECT id, type, payload, created_at, attempts, delivered_at, next_attempt_at, last_error FROM outbox WHERE org_id = $1 AND id = $2',
    [orgId, eventId],
  );
  return (await withAttempts(q, orgId, rows))[0] ?? null;
}

/** Puts an event back in the queue, due now. Returns false when the organization has no such event. */
export async function requeueDelivery(q: Queryable, orgId: string, eventId: string, now: string): Promise<boolean> {
  const rows = await q.query('UPDATE outbox SET delivered_at = NULL, next_attempt_at = $3 WHERE org_id = $1 AND id = $2 RETURNING id', [orgId, eventId, now]);
  return rows.length > 0;
}
