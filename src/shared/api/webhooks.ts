/**
 * Wire contract of the host-webhook delivery log (admins): every outbox event with its delivery state and each
 * attempt (HTTP status or error, time). The list leaves the event payload out — it may carry applicant data —
 * and the single-event view includes it.
 */
import { z } from 'zod';
import { IsoInstant } from './public-booking.js';

/** `delivered`; `pending` (not tried yet); `failing` (tried, not delivered, retried with backoff). */
export const DeliveryStateSchema = z.enum(['delivered', 'pending', 'failing']);

export const DeliveryLogQuerySchema = z.strictObject({
  state: DeliveryStateSchema.optional(),
  type: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Cursor: only events created before this instant (the last item's `createdAt`). */
  before: IsoInstant.optional(),
});

export const DeliveryAttemptSchema = z.object({
  attempt: z.number().int(),
  status: z.number().int().nullable(),
  error: z.string().nullable(),
  at: IsoInstant,
});

export const DeliveryEventSchema = z.object({
  eventId: z.string(),
  type: z.string(),
  createdAt: IsoInstant,
  state: DeliveryStateSchema,
  attempts: z.number().int(),
  deliveredAt: IsoInstant.nullable(),
  nextAttemptAt: IsoInstant.nullable(),
  lastError: z.string().nullable(),
  deliveries: z.array(DeliveryAttemptSchema),
});
export type DeliveryEvent = z.infer<typeof DeliveryEventSchema>;

export const DeliveryLogSchema = z.object({ items: z.array(DeliveryEventSchema) });
export const DeliveryDetailSchema = DeliveryEventSchema.extend({ payload: z.unknown() });
