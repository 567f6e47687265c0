/**
 * The transactional outbox for host webhooks: an event row is inserted in the same transaction as the domain
 * change it reports, so either both commit or neither does. A worker claims due rows with
 * `FOR UPDATE SKIP LOCKED` (safe with several server processes) and records every delivery attempt.
 */
import type { Queryable, Statement } from '../db.js';
import { iso } from '../rows.js';

export interface OutboxEvent {
  orgId: string;
  id: string;
  type: string;
  payload: unknown;
  createdAt: string;
  attempts: number;
}

/**
 * The statement that queues an event for the host's webhooks; with `notify`, it also announces it (NOTIFY on
 * commit). `at` is the application's clock, the same one the worker compares against when it claims due events.
 */
export function enqueueEventStatement(
  orgId: string,
  id: string,
  type: string,
  payload: unknown,
  at: string,
  notify?: { channel: string; payload: string },
): Statement {
  const insert = 'INSERT INTO outbox (org_id, id, type, payload, created_at, next_attempt_at) VALUES ($1, $2, $3, $4, $5, $5)';
  const params = [orgId, id, type, JSON.stringify(payload), at];
  return notify ? { sql: `WITH queued AS (${insert}) SELECT pg_notify($6, $7)`, params: [...params, notify.channel, notify.payload] } : { sql: insert, params };
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

export interface DeliveryOutcome {
  event: Pick<OutboxEvent, 'orgId' | 'id' | 'attempts'>;
  ok: boolean;
  status: number | null;
  error: string | null;
  nextAttemptAt: string | null;
}

/** Records a batch of delivery attempts (the log rows and the outbox rows) in one statement. */
export async function recordDeliveries(q: Queryable, outcomes: readonly DeliveryOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await q.query(
    `WITH d AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::int[], $5::text[], $6::boolean[], $7::timestamptz[])
         AS d(org_id, event_id, attempt, status, error, ok, next_attempt_at)),
     logged AS (
       INSERT INTO webhook_deliveries (org_id, event_id, attempt, status, error)
       SELECT org_id, event_id, attempt, status, error FROM d ON CONFLICT DO NOTHING)
     UPDATE outbox o SET attempts = d.attempt, last_error = d.error,
       delivered_at = CASE WHEN d.ok THEN now() ELSE NULL END,
       next_attempt_at = COALESCE(d.next_attempt_at, o.next_attempt_at)
     FROM d WHERE o.org_id = d.org_id AND o.id = d.event_id`,
    [
      outcomes.map((o) => o.event.orgId),
      outcomes.map((o) => o.event.id),
      outcomes.map((o) => o.event.attempts + 1),
      outcomes.map((o) => o.status),
      outcomes.map((o) => o.error),
      outcomes.map((o) => o.ok),
      outcomes.map((o) => o.nextAttemptAt),
    ],
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
