/**
 * Live updates over server-sent events. EventSource cannot send an Authorization header, so the stream is
 * opened with a single-use ticket in the query (`POST /api/events/tickets` with the bearer token first) rather
 * than the bearer token itself: a URL ends up in access logs, proxies and history, and a used or minute-old
 * ticket is worthless there, while a leaked JWT would be valid for hours.
 *
 * `eventStreamRoutes` is mounted by app.ts *before* the bearer-authenticated sub-app, since the stream carries
 * no bearer token. A stream ends after `MAX_STREAM_MS` so a deactivated user or a revoked role does not stay
 * subscribed for ever; comments every `HEARTBEAT_MS` keep proxies from closing an idle connection.
 */
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { LiveEvent } from '../../shared/api/live.js';
import { getUser } from '../../store/repos/users.js';
import type { AppDeps } from '../app.js';
import { API_ROUTES as R } from '../api-routes.js';
import type { AuthVariables } from '../auth.js';
import { ApiError } from '../errors.js';
import { mountRoute } from '../openapi.js';
import { createLiveHub, issueStreamTicket, redeemStreamTicket } from '../services/live.js';

export const MAX_STREAM_MS = 15 * 60_000;
export const HEARTBEAT_MS = 25_000;

export function streamTicketRoutes(deps: AppDeps) {
  const app = new Hono<{ Variables: AuthVariables }>();
  mountRoute(app, R.createStreamTicket, async (c) => c.json(await issueStreamTicket(deps, c.get('principal')), 201));
  return app;
}

export function eventStreamRoutes(deps: AppDeps, options: { maxStreamMs?: number; heartbeatMs?: number } = {}) {
  const hub = createLiveHub(deps.db, deps.logger);
  const app = new Hono();
  mountRoute(app, R.eventStream, async (c, { query }) => {
    const holder = await redeemStreamTicket(deps, query.ticket);
    const user = holder ? await getUser(deps.db, holder.orgId, holder.userId) : null;
    if (!holder || !user?.active) throw new ApiError(401, 'unauthorized', 'The stream ticket is unknown, used or expired. Ask for a new one.');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      // Writes are chained so events leave in the order they arrived.
      let writing = Promise.resolve();
      const write = (message: Parameters<typeof stream.writeSSE>[0]) => {
        writing = writing.then(() => stream.writeSSE(message)).catch(() => undefined);
        return writing;
      };
      const send = (event: LiveEvent) => void write({ event: event.type, data: JSON.stringify(event), ...(event.id ? { id: event.id } : {}) });
      let end = () => {};
      const ended = new Promise<void>((resolve) => (end = resolve));
      const unsubscribe = await hub.subscribe({ orgId: holder.orgId, userId: holder.userId, roles: holder.roles, send, end });
      const timers: Array<ReturnType<typeof setTimeout>> = [];
      try {
        await write({ event: 'ready', data: JSON.stringify({ userId: holder.userId }) });
        await new Promise<void>((resolve) => {
          stream.onAbort(resolve);
          void ended.then(resolve);
          timers.push(setTimeout(resolve, options.maxStreamMs ?? MAX_STREAM_MS));
          timers.push(setInterval(() => void (writing = writing.then(() => stream.write(': keep-alive\n\n')).then(() => undefined)), options.heartbeatMs ?? HEARTBEAT_MS));
          for (const t of timers) t.unref?.();
        });
      } finally {
        for (const t of timers) clearTimeout(t);
        await unsubscribe();
      }
    });
  });
  return app;
}
