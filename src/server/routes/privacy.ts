/** GDPR erasure of an applicant's booking data and the retention purge (admins). User erasure: `DELETE /users/:id`. */
import { Hono } from 'hono';
import type { AppDeps } from '../app.js';
import { API_ROUTES as R } from '../api-routes.js';
import type { AuthVariables } from '../auth.js';
import { mountRoute } from '../openapi.js';
import { eraseApplicant, purgeExpiredBookingData } from '../services/privacy.js';

export function privacyRoutes(deps: AppDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  mountRoute(app, R.eraseApplicant, async (c, { body }) => c.json(await eraseApplicant(deps, c.get('principal').orgId, body)));
  mountRoute(app, R.retentionPurge, async (c) => c.json(await purgeExpiredBookingData(deps, c.get('principal').orgId)));
  return app;
}
