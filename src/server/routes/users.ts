/** Users, organization settings, locations and rooms (admin API). */
import { Hono } from 'hono';
import type { AppDeps } from '../app.js';
import type { AuthVariables } from '../auth.js';

export function usersRoutes(_deps: AppDeps) {
  return new Hono<{ Variables: AuthVariables }>();
}
