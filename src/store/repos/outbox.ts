/**
 * The transactional outbox for host webhooks: an event row is inserted in the same transaction as the domain
 * change it reports, so either both commit or neither does. A worker claims due rows with
 * `FOR UPDATE SKIP LOCKED` (safe with several server processes) and records every delivery attempt.
 */
import type { Queryable } from '../db.js';
import { iso } from '../rows.js';

export interface OutboxEvent {
  orgId: string;
  id: string;
  type: string;
  payload: unknown;
  createdAt: string;
  attempts: number;
}

/** `at` is the application's clock, the same one the worker compares against when it claims due events. */
/** Queues an event for the host's webhooks; with `notify`, also announces it (one statement: NOTIFY on commit). */
export async function enqueueEvent(
  q: Queryable,
  orgId: string,
  id: string,
  type: string,
  payload: unknown,
  at: string,
  notify?: { channel: string; payload: string },
): Promise<void> {
  const insert = 'INSERT INTO outbox (org_id, id, type, payload, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5)';
  const params = [orgId, id, type, JSON.stringify(payload), at];
  if (notify) await q.query(`WITH queued AS (${insert}) SELECT pg_notify($6, $7)`, [...params, notify.channel, notify.payload]);
  else await q.query(insert, params);
}

export async function claimDueEvents(q: Queryable, now: string, limit: number, leaseSeconds: number): Promise<OutboxEvent[]> {
  // Push next_attempt_at forward as a lease, so a crashed worker's rows come back after the lease.
  const rows = await q.query<{ org_id: string; id: string; type: string; payload: unknown; created_at: unknown; attempts: number }>(
    `UPDATE outbox SET next_attempt_at = $1::timestamptz + make_interval(secs => $3)
     WHERE (org_id, id) IN (
       SELECT org_id, id FROM outbox WHERE delivered_at IS NULL AND next_attempt_at <= $1
       ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     RETURNING org_id, id, type, payload, created_at, attempts`,
    [now, limit, leaseSeconds],
  );
  return rows
    .map((r) => ({ orgId: r.org_id, id: r.id, type: r.type, payload: r.payload, createdAt: iso(r.created_at), attempts: r.attempts }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function recordDelivery(
  q: Queryable,
  e: Pick<OutboxEvent, 'orgId' | 'id' | 'attempts'>,
  result: { ok: boolean; status: number | null; error: string | null; nextAttemptAt: string | null },
): Promise<void> {
  const attempt = e.attempts + 1;
  await q.query(
    'INSERT INTO webhook_deliveries (org_id, event_id, attempt, status, error) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING',
    [e.orgId, e.id, attempt, result.status, result.error],
  );
  await q.query(
    `UPDATE outbox SET attempts = $3, last_error = $4,
       delivered_at = CASE WHEN $5 THEN now() ELSE NULL END,
       next_attempt_at = COALESCE($6::timestamptz, next_attempt_at)
     WHERE org_id = $1 AND id = $2`,
    [e.orgId, e.id, attempt, result.error, result.ok, result.nextAttemptAt],
  );
}

export async function listEvents(q: Queryable, orgId: string, limit = 100) {
  const rows = await q.query<{
    id: string; type: string; payload: unknown; created_at: unknown; attempts: number; delivered_at: unknown; last_error: string | null;
  }>(
    'SELECT id, type, payload, created_at, attempts, delivered_at, last_error FROM outbox WHERE org_id = $1 ORDER BY created_at DESC LIMIT $2',
    [orgId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    type: r.type,
    payload: r.payload,
    createdAt: iso(r.created_at),
    attempts: r.attempts,
    deliveredAt: r.delivered_at ? iso(r.delivered_at) : null,
    lastError: r.last_error,
  }));
}
