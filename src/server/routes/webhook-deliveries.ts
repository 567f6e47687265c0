/** The host-webhook delivery log (admins): list, one event with its payload, deliver again. */
import { Hono } from 'hono';
import type { DeliveryEvent } from '../../shared/api/webhooks.js';
import { formatInstant } from '../../shared/time.js';
import { getDelivery, listDeliveries, requeueDelivery, type DeliveryRecord } from '../../store/repos/deliveries.js';
import type { AppDeps } from '../app.js';
import { API_ROUTES as R } from '../api-routes.js';
import type { AuthVariables } from '../auth.js';
import { notFound } from '../errors.js';
import { mountRoute } from '../openapi.js';

function withoutPayload({ payload: _payload, ...event }: DeliveryRecord): DeliveryEvent {
  return event;
}

export function webhookDeliveryRoutes(deps: AppDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  mountRoute(app, R.listWebhookDeliveries, async (c, { query }) => {
    const items = await listDeliveries(deps.db, c.get('principal').orgId, {
      limit: query.limit,
      ...(query.state ? { state: query.state } : {}),
      ...(query.type ? { type: query.type } : {}),
      ...(query.before ? { before: query.before } : {}),
    });
    return c.json({ items: items.map(withoutPayload) });
  });
  mountRoute(app, R.getWebhookDelivery, async (c) => {
    const event = await getDelivery(deps.db, c.get('principal').orgId, c.req.param('id')!);
    if (!event) throw notFound('event');
    return c.json(event);
  });
  mountRoute(app, R.redeliverWebhook, async (c) => {
    const orgId = c.get('principal').orgId;
    const id = c.req.param('id')!;
    if (!(await requeueDelivery(deps.db, orgId, id, formatInstant(deps.now())))) throw notFound('event');
    return c.json(withoutPayload((await getDelivery(deps.db, orgId, id))!), 202);
  });
  return app;
}
