/**
 * Delivery of host webhooks from the outbox: at-least-once, in creation order per batch, signed the Standard
 * Webhooks way (`webhook-id`, `webhook-timestamp`, `webhook-signature: v1,<base64 HMAC-SHA256 of
 * "id.timestamp.body">` with the organization's `whsec_` secret). Failures back off exponentially (capped at one
 * hour, with jitter); each attempt is logged in `webhook_deliveries` for admins. The event id is stable across
 * retries, so receivers deduplicate on it.
 */
import { formatInstant } from '../../shared/time.js';
import { createHmac } from 'node:crypto';
import type { SecretBox } from '../../store/crypto.js';
import type { Db } from '../../store/db.js';
import { claimDueEvents, recordDeliveries, type DeliveryOutcome } from '../../store/repos/outbox.js';
import { getOrganization, type Organization } from '../../store/repos/organizations.js';
import type { Logger } from '../middleware/logging.js';

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  return 'v1,' + createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
}

export function backoffMs(attempt: number, random = Math.random): number {
  const base = Math.min(3_600_000, 1000 * 2 ** Math.min(attempt, 20));
  return Math.round(base * (0.75 + random() * 0.5));
}

export interface WebhookDeps {
  db: Db;
  box: SecretBox;
  logger: Logger;
  now: () => number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Delivers one batch of due events, concurrently, and returns how many were delivered. Safe to run in several
 * processes at once: each claims its events with a lease that outlives one attempt (the timeout, twice, plus a
 * margin), so a process killed mid-delivery leaves them to another after the lease, and a live one is not raced.
 */
export async function deliverDueWebhooks(deps: WebhookDeps, limit = 20): Promise<number> {
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const leaseSeconds = Math.ceil(timeoutMs / 1000) * 2 + 10;
  // One statement, atomic on its own.
  const events = await claimDueEvents(deps.db, formatInstant(deps.now()), limit, leaseSeconds);
  // Each organization's receiver and secret are read once per batch, not once per event.
  const orgs = new Map<string, Promise<Organization | null>>();
  const orgOf = (id: string) => orgs.get(id) ?? orgs.set(id, getOrganization(deps.db, id)).get(id)!;
  const outcomes = await Promise.all(events.map(async (event) => deliverOne(deps, event, await orgOf(event.orgId), timeoutMs)));
  // Recorded together once the batch is over: a process killed before this delivers the batch again after the
  // lease, which at-least-once delivery allows (receivers deduplicate on the webhook id).
  await recordDeliveries(deps.db, outcomes);
  return outcomes.filter((o) => o.ok && o.status !== null).length;
}

async function deliverOne(
  deps: WebhookDeps,
  event: Awaited<ReturnType<typeof claimDueEvents>>[number],
  org: Organization | null,
  timeoutMs: number,
): Promise<DeliveryOutcome> {
  if (!org?.webhookUrl || !org.webhookSecretEnc) {
    // No receiver configured: the event stays in the log as delivered to nobody, not retried for ever.
    return { event, ok: true, status: null, error: 'no webhook configured', nextAttemptAt: null };
  }
  const body = JSON.stringify(event.payload);
  const timestamp = Math.floor(deps.now() / 1000);
  let status: number | null = null;
  let error: string | null = null;
  try {
    const response = await (deps.fetch ?? fetch)(org.webhookUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': event.id,
        'webhook-timestamp': String(timestamp),
        'webhook-signature': signWebhook(deps.box.open(org.webhookSecretEnc), event.id, timestamp, body),
      },
      body,
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    status = response.status;
    await response.body?.cancel().catch(() => undefined);
    if (response.status < 200 || response.status >= 300) error = `HTTP ${response.status}`;
  } catch (e) {
    error = e instanceof Error ? e.name + ': ' + e.message : String(e);
  }
  const ok = error === null;
  if (!ok) deps.logger.warn('webhook delivery failed', { eventId: event.id, type: event.type, attempt: event.attempts + 1, error });
  return { event, ok, status, error, nextAttemptAt: ok ? null : formatInstant(deps.now() + backoffMs(event.attempts)) };
}
