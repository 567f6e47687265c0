/**
 * Routes Cronofy calls or redirects to, outside the authenticated API (Cronofy has no bearer token of ours):
 * - `GET /callback`: the browser back from a consent page (individual connect or the service account), state-checked
 *   and single use, then redirected to a same-site page with the outcome in the query (`calendar=…` or
 *   `serviceAccount=…`), never with a code or token;
 * - `POST /push/:orgId/:userId`: push notifications of a user's channel (`change` drops the user's busy-time cache
 *   and re-reads attendee replies of their appointments; `profile_disconnected` fails the connection);
 * - `POST /service-account-callback/:state`: Cronofy's answer to a central user or room authorization.
 * The two POSTs verify `Cronofy-HMAC-SHA256` over the raw body with the client secret(s) in constant time before
 * anything else; a bad or missing signature is 401 and changes nothing.
 */
import { Hono, type Context } from 'hono';
import { CronofyError, PushNotificationSchema, ServiceAccountCallbackSchema, verifyCronofyHmac, CRONOFY_HMAC_HEADER } from '../../cronofy/index.js';
import { getConnection } from '../../store/repos/connections.js';
import { ApiError } from '../errors.js';
import type { Logger } from '../middleware/logging.js';
import type { CalendarGateway } from '../services/calendar.js';
import type { OfferCache } from '../services/offer-cache.js';
import { consumeOAuthState, failConnection, finishIndividualConnect, type ConnectionDeps } from '../services/connections.js';
import { refreshAttendeeStatuses } from '../services/replies.js';
import { finishServiceAccountConnect, handleServiceAccountCallback } from '../services/service-account.js';

export interface CronofyRouteDeps extends ConnectionDeps {
  calendars: CalendarGateway;
  clientSecrets: string[];
  logger: Logger;
  /** Runs work after the answer; absent: the push handler finishes its work before answering. */
  later?: (task: () => Promise<void>) => void;
  /** This process's cached offers: a push retires its organization's at once (other processes hear the NOTIFY). */
  offers?: Pick<OfferCache, 'changed'>;
}

/** Only same-site paths may be returned to after a connect, never another origin. */
function safeReturn(path: string | null, fallback: string): string {
  return path && /^\/(?![/\\])[\w\-./?=&%#:~+,;@!$'()*]*$/.test(path) ? path : fallback;
}

function withOutcome(target: string, key: string, outcome: string, reason?: string): string {
  const [beforeHash, hash] = target.split('#', 2) as [string, string | undefined];
  const sep = beforeHash.includes('?') ? '&' : '?';
  return `${beforeHash}${sep}${key}=${outcome}${reason ? `&reason=${encodeURIComponent(reason)}` : ''}${hash === undefined ? '' : `#${hash}`}`;
}

/** Reads the raw body and checks its signature; the body is parsed only afterwards. */
async function signedBody(c: Context, secrets: string[]): Promise<string> {
  const raw = await c.req.text();
  if (!verifyCronofyHmac(raw, c.req.header(CRONOFY_HMAC_HEADER), secrets)) {
    throw new ApiError(401, 'unauthorized', 'Invalid Cronofy-HMAC-SHA256 signature.');
  }
  return raw;
}

export function cronofyRoutes(deps: CronofyRouteDeps) {
  // Re-reading an organizer's replies after a push: one run per organizer at a time. Pushes that arrive meanwhile
  // (a burst of bookings sends one per event written) fold into a single further run, which reads the calendar as
  // it is after all of them.
  const refreshing = new Map<string, { again: boolean }>();
  const refreshReplies = (orgId: string, userId: string): Promise<void> => {
    const key = `${orgId}\u0000${userId}`;
    const running = refreshing.get(key);
    if (running) {
      running.again = true;
      return Promise.resolve();
    }
    const state = { again: false };
    refreshing.set(key, state);
    const run = async () => {
      try {
        do {
          state.again = false;
          // A failure must not make Cronofy redeliver (the cache is already dropped); the next change retries.
          await refreshAttendeeStatuses(deps, orgId, userId).catch((error: unknown) => {
            deps.logger.warn('attendee replies not refreshed', { orgId, userId, error: String(error) });
          });
        } while (state.again);
      } finally {
        refreshing.delete(key);
      }
    };
    if (!deps.later) return run();
    deps.later(run);
    return Promise.resolve();
  };

  return new Hono()
    .get('/callback', async (c) => {
      const state = c.req.query('state');
      if (!state || state.length > 200) throw new ApiError(400, 'bad_request', 'The connection callback has no state.');
      const code = c.req.query('code');
      const error = c.req.query('error');
      const taken = await consumeOAuthState(deps, state, ['individual', 'service_account']);
      const purpose = taken.purpose;
      if (purpose.kind !== 'individual' && purpose.kind !== 'service_account') throw new ApiError(400, 'bad_request', 'Unexpected connection callback.');
      const key = purpose.kind === 'individual' ? 'calendar' : 'serviceAccount';
      const target = safeReturn(purpose.returnTo, '/admin.html');
      const params = { ...(code ? { code } : {}), ...(error ? { error } : {}) };
      try {
        const result = purpose.kind === 'individual' ? await finishIndividualConnect(deps, taken, params) : await finishServiceAccountConnect(deps, taken, params);
        return c.redirect(withOutcome(target, key, result.connected ? 'connected' : 'denied'), 302);
      } catch (failure) {
        // The browser lands on a page either way; it learns the stable code, never Cronofy's answer or a token.
        if (!(failure instanceof ApiError) && !(failure instanceof CronofyError)) throw failure;
        const reason = failure instanceof ApiError ? failure.code : failure.code === 'calendar_unavailable' ? 'calendar_unavailable' : 'authorization_failed';
        deps.logger.warn('connect callback failed', { orgId: taken.orgId, userId: taken.userId, kind: purpose.kind, reason });
        return c.redirect(withOutcome(target, key, 'failed', reason), 302);
      }
    })
    .post('/push/:orgId/:userId', async (c) => {
      const raw = await signedBody(c, deps.clientSecrets);
      let notification;
      try {
        notification = PushNotificationSchema.parse(JSON.parse(raw));
      } catch {
        throw new ApiError(400, 'bad_request', 'Unreadable push notification.');
      }
      const { orgId, userId } = c.req.param();
      const connection = await getConnection(deps.db, orgId, userId);
      // A channel we no longer know (user disconnected, replaced by another account) is acknowledged and ignored.
      if (!connection || !connection.channelId || notification.channel?.channel_id !== connection.channelId) {
        return c.body(null, 202);
      }
      switch (notification.notification.type) {
        case 'change':
          await deps.calendars.invalidate(orgId, userId);
          deps.offers?.changed(orgId);
          // The user's calendar is the organizer's calendar of their appointments: re-read attendee replies (after
          // the answer when the server runs work later; Cronofy wants pushes acknowledged quickly).
          await refreshReplies(orgId, userId);
          break;
        case 'profile_disconnected':
          await failConnection(deps, orgId, userId, 'profile_disconnected');
          break;
        default:
          // verification and future types: nothing to do (Cronofy asks consumers to ignore unknown types).
          break;
      }
      return c.body(null, 202);
    })
    .post('/service-account-callback/:state', async (c) => {
      const raw = await signedBody(c, deps.clientSecrets);
      const state = c.req.param('state');
      if (state.length > 200) throw new ApiError(400, 'bad_request', 'Unknown authorization.');
      let body;
      try {
        body = ServiceAccountCallbackSchema.parse(JSON.parse(raw));
      } catch {
        throw new ApiError(400, 'bad_request', 'Unreadable authorization callback.');
      }
      const result = await handleServiceAccountCallback(deps, state, body.authorization);
      if (result.status !== 202) throw new ApiError(result.status, result.code, result.message);
      return c.body(null, 202);
    });
}
