/** Calendar connections: connect, disconnect, status, service account, rooms from the calendar system. */
import { Hono } from 'hono';
import type { AppDeps } from '../app.js';
import type { AuthVariables } from '../auth.js';

export function connectionsRoutes(_deps: AppDeps) {
  return new Hono<{ Variables: AuthVariables }>();
}
