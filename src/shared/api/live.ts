/**
 * Wire contract of live updates. An element asks for a stream ticket with its bearer token
 * (`POST /api/events/tickets`), then opens `EventSource('/api/events?ticket=…')`: EventSource cannot send an
 * Authorization header, and a single-use ticket that lives 60 seconds is what may safely appear in a URL (access
 * logs, proxies, history) — the long-lived bearer token never does.
 *
 * The stream sends `ready` once subscribed, then one SSE message per change, `event:` being the change type
 * (`connection.changed`, `connection.failed`, `booking.confirmed`, …) and `data:` a `LiveEvent`. Only ids and
 * states travel, never applicant data. After a reconnect, fetch the state again: missed changes are not replayed.
 */
import { z } from 'zod';
import { IsoInstant } from './public-booking.js';

export const StreamTicketSchema = z.object({
  ticket: z.string(),
  expiresAt: IsoInstant,
  /** Path to open with EventSource (same origin). */
  url: z.string(),
});
export type StreamTicket = z.infer<typeof StreamTicketSchema>;

export const StreamQuerySchema = z.strictObject({ ticket: z.string().min(20).max(100) });

/** Keys a live event's data may carry; anything else is dropped before it reaches a stream. */
export const LIVE_DATA_KEYS = ['bookingRequestId', 'appointmentId', 'userId', 'roomId', 'status', 'reason', 'start', 'end'] as const;

export const LiveEventSchema = z.object({
  /** The domain event id when the change also went to the host's webhooks. */
  id: z.string().optional(),
  type: z.string(),
  data: z.object({
    bookingRequestId: z.string().optional(),
    appointmentId: z.string().optional(),
    userId: z.string().optional(),
    roomId: z.string().nullable().optional(),
    status: z.string().optional(),
    reason: z.string().optional(),
    start: z.string().optional(),
    end: z.string().optional(),
  }),
});
export type LiveEvent = z.infer<typeof LiveEventSchema>;
