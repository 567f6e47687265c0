/**
 * The admin/recruiter API below `/api` that is not booking: users and their calendar preferences, the admin
 * listing of connection states, and — composed from their own sub-apps — settings, rooms and locations, the
 * webhook delivery log, live-update tickets and privacy. Every route is mounted from its spec in
 * `api-routes.ts`, which enforces its access rule and validates its input before the handler runs.
 */
import { Hono } from 'hono';
import type { AppDeps } from '../app.js';
import { API_ROUTES as R } from '../api-routes.js';
import type { AuthVariables } from '../auth.js';
import { mountRoute } from '../openapi.js';
import { eraseUser } from '../services/privacy.js';
import { getAvailability, getUserView, listConnectionStates, listUsers, provisionUser, updateAvailability, updateUser } from '../services/users.js';
import { streamTicketRoutes } from './live.js';
import { privacyRoutes } from './privacy.js';
import { roomsRoutes } from './rooms.js';
import { settingsRoutes } from './settings.js';
import { webhookDeliveryRoutes } from './webhook-deliveries.js';

export function usersRoutes(deps: AppDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  mountRoute(app, R.listUsers, async (c, { query }) => c.json(await listUsers(deps, c.get('principal').orgId, query)));
  mountRoute(app, R.getMe, async (c) => {
    const { orgId, userId } = c.get('principal');
    const org = c.get('org');
    return c.json({
      user: await getUserView(deps, orgId, userId),
      organization: { id: org.id, name: org.name, tier: org.tier, integrationEnabled: org.integrationEnabled },
    });
  });
  mountRoute(app, R.getUser, async (c) => c.json(await getUserView(deps, c.get('principal').orgId, c.req.param('id')!)));
  mountRoute(app, R.upsertUser, async (c, { body }) => {
    const { created, user } = await provisionUser(deps, c.get('principal').orgId, c.req.param('id')!, body);
    return c.json(user, created ? 201 : 200);
  });
  mountRoute(app, R.updateUser, async (c, { body }) => c.json(await updateUser(deps, c.get('principal'), c.req.param('id')!, body)));
  mountRoute(app, R.eraseUser, async (c) => c.json(await eraseUser(deps, c.get('principal').orgId, c.req.param('id')!)));
  mountRoute(app, R.getAvailability, async (c) => c.json(await getAvailability(deps, c.get('principal').orgId, c.req.param('id')!)));
  mountRoute(app, R.updateAvailability, async (c, { body }) =>
    c.json(await updateAvailability(deps, c.get('principal').orgId, c.req.param('id')!, body)),
  );
  mountRoute(app, R.listConnections, async (c, { query }) => c.json(await listConnectionStates(deps, c.get('principal').orgId, query)));

  app.route('/', settingsRoutes(deps));
  app.route('/', roomsRoutes(deps));
  app.route('/', webhookDeliveryRoutes(deps));
  app.route('/', streamTicketRoutes(deps));
  app.route('/', privacyRoutes(deps));
  return app;
}
