/**
 * Applicant endpoints under `/api/public/bookings/:token` (contract: `src/shared/api/public-booking.ts`).
 * The token in the path is the only credential; it is hashed before any lookup and redacted from logs.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { BookRequestSchema, HoldRequestSchema } from '../../shared/api/public-booking.js';
import { ApiError } from '../errors.js';
import { bookSlot, createHold, decline, getDetails, listSlots, releaseHold, type BookingDeps } from '../services/booking.js';
import { appointmentIcs } from '../services/ics.js';
import { jsonBody, parseWith } from '../validation.js';

const IdempotencyKeySchema = z.string().regex(/^[\w.:-]{8,128}$/);
const HoldIdSchema = z.string().regex(/^hld_[A-Za-z0-9_-]{1,64}$/, 'not a hold id');

/** The `Idempotency-Key` header, checked; shared with the recruiter's POSTs. */
export function idempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (!IdempotencyKeySchema.safeParse(header).success) {
    throw new ApiError(400, 'bad_request', 'Idempotency-Key must be 8–128 characters of letters, digits, . : _ -');
  }
  return header;
}

export function publicBookingRoutes(deps: BookingDeps & { icsDeps: Parameters<typeof appointmentIcs>[0] }) {
  return new Hono()
    .get('/:token', async (c) => c.json(await getDetails(deps, c.req.param('token'))))
    .get('/:token/slots', async (c) => c.json(await listSlots(deps, c.req.param('token'))))
    .post('/:token/holds', async (c) => {
      const body = await jsonBody(c, HoldRequestSchema);
      return c.json(await createHold(deps, c.req.param('token'), body.start), 201);
    })
    .delete('/:token/holds/:holdId', async (c) => {
      // Ids are `hld_` + 14 base64url characters; anything else cannot be a hold and is refused, not ignored.
      const holdId = parseWith(HoldIdSchema, c.req.param('holdId'), 'hold id');
      await releaseHold(deps, c.req.param('token'), holdId);
      return c.body(null, 204);
    })
    .post('/:token/appointment', async (c) => {
      const body = await jsonBody(c, BookRequestSchema);
      const key = idempotencyKey(c.req.header('idempotency-key'));
      const result = await bookSlot(deps, c.req.param('token'), body, { ...(key ? { idempotencyKey: key } : {}) });
      return c.json(result.body, result.status as 200 | 201);
    })
    .put('/:token/appointment', async (c) => {
      const body = await jsonBody(c, BookRequestSchema);
      const key = idempotencyKey(c.req.header('idempotency-key'));
      const result = await bookSlot(deps, c.req.param('token'), body, { move: true, ...(key ? { idempotencyKey: key } : {}) });
      return c.json(result.body, 200);
    })
    .post('/:token/decline', async (c) => c.json(await decline(deps, c.req.param('token'))))
    .get('/:token/appointment.ics', async (c) => {
      const ics = await appointmentIcs(deps.icsDeps, c.req.param('token'));
      return c.body(ics, 200, {
        'Content-Type': 'text/calendar; charset=utf-8; method=PUBLISH',
        'Content-Disposition': 'attachment; filename="interview.ics"',
      });
    });
}
