/**
 * Routes Cronofy calls or redirects to: the OAuth callback (state-checked, single use) and push notifications
 * (HMAC over the raw body with the client secret(s), constant-time; anything else 401 without touching state).
 */
import { Hono } from 'hono';
import { PushNotificationSchema, verifyCronofyHmac, CRONOFY_HMAC_HEADER } from '../../cronofy/index.js';
import { getConnection } from '../../store/repos/connections.js';
import { ApiError } from '../errors.js';
import type { Logger } from '../middleware/logging.js';
import type { CalendarGateway } from '../services/calendar.js';
import { failConnection, finishIndividualConnect, type ConnectionDeps } from '../services/connections.js';

export interface CronofyRouteDeps extends ConnectionDeps {
  calendars: CalendarGateway;
  clientSecrets: string[];
  logger: Logger;
}

/** Only same-site paths may be returned to after a connect, never another origin. */
function safeReturn(path: string | null, fallback: string): string {
  return path && /^\/(?!\/)[\w\-./?=&%#]*$/.test(path) ? path : fallback;
}

export function cronofyRoutes(deps: CronofyRouteDeps) {
  return new Hono()
    .get('/callback', async (c) => {
      const state = c.req.query('state');
      if (!state || state.length > 200) throw new ApiError(400, 'bad_request', 'The connection callback has no state.');
      const code = c.req.query('code');
      const error = c.req.query('error');
      const result = await finishIndividualConnect(deps, { state, ...(code ? { code } : {}), ...(error ? { error } : {}) });
      const target = safeReturn(result.returnTo, '/admin.html');
      const sep = target.includes('?') ? '&' : '?';
      return c.redirect(`${target}${sep}calendar=${result.connected ? 'connected' : 'denied'}`, 302);
    })
    .post('/push/:orgId/:userId', async (c) => {
      const raw = await c.req.text();
      if (!verifyCronofyHmac(raw, c.req.header(CRONOFY_HMAC_HEADER), deps.clientSecrets)) {
        throw new ApiError(401, 'unauthorized', 'Invalid Cronofy-HMAC-SHA256 signature.');
      }
      let notification;
      try {
        notification = PushNotificationSchema.parse(JSON.parse(raw));
      } catch {
        throw new ApiError(400, 'bad_request', 'Unreadable push notification.');
      }
      const { orgId, userId } = c.req.param();
      const connection = await getConnection(deps.db, orgId, userId);
      // A channel we no longer know (user disconnected) is acknowledged and ignored.
      if (!connection || (connection.channelId && notification.channel?.channel_id && connection.channelId !== notification.channel.channel_id)) {
        return c.body(null, 202);
      }
      switch (notification.notification.type) {
        case 'change':
          await deps.calendars.invalidate(orgId, userId);
          break;
        case 'profile_disconnected':
          await failConnection(deps, orgId, userId, 'profile_disconnected');
          break;
        default:
          // verification and future types: nothing to do (Cronofy asks consumers to ignore unknown types).
          break;
      }
      return c.body(null, 202);
    });
}
