/** Appointments: availability check, invite, move, cancel, participant replies, calendar files. */
import { Hono } from 'hono';
import type { AppDeps } from '../app.js';
import type { AuthVariables } from '../auth.js';

export function appointmentsRoutes(_deps: AppDeps) {
  return new Hono<{ Variables: AuthVariables }>();
}
