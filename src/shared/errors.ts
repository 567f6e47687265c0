/**
 * The one error shape on the wire: `{ error: { code, message, details? } }`.
 *
 * `code` is stable and machine-readable (snake_case); `message` is for humans and may change. Both server and
 * client import this module so a code added here is known on both sides.
 */
import { z } from 'zod';

export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  'plus_required',
  'not_found',
  'booking_not_found',
  'booking_closed',
  'slot_taken',
  'slot_unavailable',
  'hold_expired',
  'reschedule_not_allowed',
  'participants_not_connected',
  'no_common_slot',
  'conflict',
  'idempotency_conflict',
  'calendar_unavailable',
  'integration_disabled',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
