/**
 * Appointments (recruiter role; contract in `src/shared/api/appointments.ts`): availability check, invite, move,
 * cancel, participant replies and calendar files. Mounted below `/api` by `app.ts`, so the paths here are full.
 * Bodies and queries are parsed with the shared zod schemas, so each route is declared by its schemas.
 */
import { Hono } from 'hono';
import {
  AvailabilityCheckRequestSchema,
  CreateAppointmentsSchema,
  IcsQuerySchema,
  UpdateAppointmentSchema,
} from '../../shared/api/appointments.js';
import type { AppDeps } from '../app.js';
import { requireRole, type AuthVariables } from '../auth.js';
import { appointmentIcsFile, cancelAppointment, createAppointments, getAppointmentView, updateAppointment } from '../services/appointments.js';
import { checkAvailability, type PlanningDeps } from '../services/availability-check.js';
import { getParticipantReplies } from '../services/replies.js';
import { jsonBody, queryParams } from '../validation.js';
import { idempotencyKey } from './public-booking.js';

export function appointmentsRoutes(appDeps: AppDeps) {
  const deps: PlanningDeps = { db: appDeps.db, calendars: appDeps.calendars, now: appDeps.now, logger: appDeps.logger };
  return new Hono<{ Variables: AuthVariables }>()
    .post('/availability-check', async (c) => {
      const principal = c.get('principal');
      requireRole(principal, 'recruiter');
      const input = await jsonBody(c, AvailabilityCheckRequestSchema);
      return c.json(await checkAvailability(deps, principal, input), 200);
    })
    .post('/appointments', async (c) => {
      const principal = c.get('principal');
      requireRole(principal, 'recruiter');
      const input = await jsonBody(c, CreateAppointmentsSchema);
      const key = idempotencyKey(c.req.header('idempotency-key'));
      const result = await createAppointments(deps, principal, input, key ? { idempotencyKey: key } : {});
      return c.json(result.body, result.status as 201);
    })
    .get('/appointments/:id', async (c) => {
      const principal = c.get('principal');
      requireRole(principal, 'recruiter');
      return c.json(await getAppointmentView(deps, principal.orgId, c.req.param('id')), 200);
    })
    .patch('/appointments/:id', async (c) => {
      const principal = c.get('principal');
      requireRole(principal, 'recruiter');
      const input = await jsonBody(c, UpdateAppointmentSchema);
      return c.json(await updateAppointment(deps, principal, c.req.param('id'), input), 200);
    })
    .delete('/appointments/:id', async (c) => {
      const principal = c.get('principal');
      requireRole(principal, 'recruiter');
      return c.json(await cancelAppointment(deps, principal, c.req.param('id')), 200);
    })
    .get('/appointments/:id/ics', async (c) => {
      const principal = c.get('principal');
      requireRole(principal, 'recruiter');
      const query = queryParams(c, IcsQuerySchema);
      const { method, text } = await appointmentIcsFile(deps, principal.orgId, c.req.param('id'), query);
      return c.body(text, 200, {
        'Content-Type': `text/calendar; charset=utf-8; method=${method}`,
        'Content-Disposition': `attachment; filename="${method === 'CANCEL' ? 'cancellation' : 'invitation'}.ics"`,
        'Cache-Control': 'no-store',
      });
    })
    .get('/appointments/:id/participants', async (c) => {
      const principal = c.get('principal');
      requireRole(principal, 'recruiter');
      return c.json(await getParticipantReplies(deps, principal.orgId, c.req.param('id')), 200);
    });
}
