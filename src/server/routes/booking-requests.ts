/** Recruiter endpoints for self-booking requests (Plus): preview, create, read, resend, cancel. */
import { Hono } from 'hono';
import { ResendBookingRequestSchema } from '../../shared/api/appointments.js';
import { CreateBookingRequestSchema, PreviewBookingRequestSchema } from '../../shared/api/booking-requests.js';
import type { AuthVariables } from '../auth.js';
import { requireRole } from '../auth.js';
import { cancelBookingRequest, resendBookingRequest } from '../services/booking-request-lifecycle.js';
import { createBookingRequest, getBookingRequestView, previewBookingRequest, type RequestDeps } from '../services/booking-requests.js';
import { jsonBody } from '../validation.js';

export function bookingRequestRoutes(deps: RequestDeps) {
  return new Hono<{ Variables: AuthVariables }>()
    .post('/', async (c) => {
      const principal = c.get('principal');
      requireRole(principal, 'recruiter');
      const input = await jsonBody(c, CreateBookingRequestSchema);
      return c.json(await createBookingRequest(deps, principal, input), 201);
    })
    .post('/preview', async (c) => {
      const principal = c.get('principal');
      requireRole(principal, 'recruiter');
      const input = await jsonBody(c, PreviewBookingRequestSchema);
      return c.json(await previewBookingRequest(deps, principal, input));
    })
    .get('/:id', async (c) => {
      const principal = c.get('principal');
      requireRole(principal, 'recruiter');
      return c.json(await getBookingRequestView(deps, principal.orgId, c.req.param('id')));
    })
    .post('/:id/resend', async (c) => {
      const principal = c.get('principal');
      requireRole(principal, 'recruiter');
      const input = await jsonBody(c, ResendBookingRequestSchema);
      return c.json(await resendBookingRequest(deps, principal, c.req.param('id'), input), 200);
    })
    .post('/:id/cancel', async (c) => {
      const principal = c.get('principal');
      requireRole(principal, 'recruiter');
      return c.json(await cancelBookingRequest(deps, principal, c.req.param('id')), 200);
    });
}
