/** Organization settings (admins change them; every user of the organization may read them). */
import { Hono } from 'hono';
import type { AppDeps } from '../app.js';
import { API_ROUTES as R } from '../api-routes.js';
import type { AuthVariables } from '../auth.js';
import { mountRoute } from '../openapi.js';
import { getSettings, rotateWebhookSecret, updateSettings } from '../services/settings.js';

export function settingsRoutes(deps: AppDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  mountRoute(app, R.getSettings, async (c) => c.json(await getSettings(deps, c.get('principal').orgId)));
  mountRoute(app, R.updateSettings, async (c, { body }) => c.json(await updateSettings(deps, c.get('principal').orgId, body)));
  mountRoute(app, R.rotateWebhookSecret, async (c) => c.json(await rotateWebhookSecret(deps, c.get('principal').orgId), 201));
  return app;
}
