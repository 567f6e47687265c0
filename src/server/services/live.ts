/**
 * Live updates: one LISTEN on `dv_events` per server process, fanned out to that process's open streams.
 * Every process listens on the same PostgreSQL, and NOTIFY is delivered only on commit, so a change committed by
 * any process reaches every stream, and a rolled-back one reaches none.
 *
 * Invariants: a stream receives only events of its own organization, and of those only what its holder may
 * see (`visibleTo`); event data is cut down to ids and states (`LIVE_DATA_KEYS`) here as well as at the sender,
 * so a careless NOTIFY elsewhere cannot leak applicant data. The LISTEN starts with the first subscriber and
 * stops with the last. Stream tickets are single-use, hashed at rest and live 60 seconds.
 */
import { z } from 'zod';
import { LIVE_DATA_KEYS, type LiveEvent, type StreamTicket } from '../../shared/api/live.js';
import type { Role } from '../../shared/api/settings.js';
import { formatInstant } from '../../shared/time.js';
import { randomToken, sha256 } from '../../store/crypto.js';
import type { Db } from '../../store/db.js';
import { consumeStreamTicket, insertStreamTicket } from '../../store/repos/stream-tickets.js';
import type { Principal } from '../auth.js';
import type { Logger } from '../middleware/logging.js';
import { EVENTS_CHANNEL } from './events.js';

export const TICKET_TTL_MS = 60_000;

export interface LiveSubscriber {
  orgId: string;
  userId: string;
  roles: readonly Role[];
  send(event: LiveEvent): void;
  /** Ends the stream: events may have been lost (the store's listening connection broke); the client reconnects and re-reads. */
  end(): void;
}

const NotifySchema = z.object({
  orgId: z.string(),
  id: z.string().optional(),
  type: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  data: z.record(z.string(), z.unknown()).default({}),
});

/** Admins see everything of their organization; others booking and appointment changes, and their own connection. */
export function visibleTo(subscriber: Pick<LiveSubscriber, 'userId' | 'roles'>, event: LiveEvent): boolean {
  if (subscriber.roles.includes('admin')) return true;
  if (event.data.userId === subscriber.userId) return true;
  return subscriber.roles.includes('recruiter') && /^(booking|appointment|participant)\./.test(event.type);
}

/** Parses a NOTIFY payload into the organization and the event a stream may carry; null for anything else. */
export function parseNotification(payload: string): { orgId: string; event: LiveEvent } | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = NotifySchema.safeParse(value);
  if (!parsed.success) return null;
  const data: Record<string, string | null> = {};
  for (const key of LIVE_DATA_KEYS) {
    const v = parsed.data.data[key];
    if (typeof v === 'string' || (v === null && key === 'roomId')) data[key] = v;
  }
  return { orgId: parsed.data.orgId, event: { ...(parsed.data.id ? { id: parsed.data.id } : {}), type: parsed.data.type, data } };
}

export interface LiveHub {
  subscribe(subscriber: LiveSubscriber): Promise<() => Promise<void>>;
  readonly size: number;
}

export function createLiveHub(db: Db, logger: Logger): LiveHub {
  const subscribers = new Set<LiveSubscriber>();
  let listening: Promise<() => Promise<void>> | null = null;

  const onPayload = (payload: string) => {
    const parsed = parseNotification(payload);
    if (!parsed) return;
    for (const s of subscribers) {
      if (s.orgId === parsed.orgId && visibleTo(s, parsed.event)) s.send(parsed.event);
    }
  };

  return {
    get size() {
      return subscribers.size;
    },
    async subscribe(subscriber) {
      subscribers.add(subscriber);
      try {
        listening ??= db.listen(EVENTS_CHANNEL, onPayload, (listeningAgain) => {
          if (!listeningAgain) for (const s of subscribers) s.end();
        });
        await listening;
      } catch (error) {
        subscribers.delete(subscriber);
        listening = null;
        throw error;
      }
      return async () => {
        subscribers.delete(subscriber);
        if (subscribers.size === 0 && listening) {
          const stop = listening;
          listening = null;
          await (await stop)().catch((error: unknown) => logger.warn('unlisten failed', { error: String(error) }));
        }
      };
    },
  };
}

export async function issueStreamTicket(deps: { db: Db; now: () => number }, principal: Principal): Promise<StreamTicket> {
  const ticket = randomToken(24);
  const expiresAt = formatInstant(deps.now() + TICKET_TTL_MS);
  await insertStreamTicket(deps.db, { orgId: principal.orgId, hash: sha256(ticket), userId: principal.userId, roles: principal.roles, expiresAt });
  return { ticket, expiresAt, url: `/api/events?ticket=${ticket}` };
}

export async function redeemStreamTicket(deps: { db: Db; now: () => number }, ticket: string) {
  return consumeStreamTicket(deps.db, sha256(ticket), formatInstant(deps.now()));
}
