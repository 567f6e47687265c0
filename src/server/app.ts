/**
 * `createApp(deps)` composes the Hono application from its dependencies, so tests build it from fakes or an
 * in-memory store and call `app.request()`. One sub-app per resource; one error handler that turns `ApiError`
 * and validation failures into `{ error: { code, message, details } }` — anything else is logged as a bug and
 * answered 500 `internal` without internals.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { CronofyClient } from '../cronofy/index.js';
import type { SecretBox } from '../store/crypto.js';
import type { Db } from '../store/db.js';
import { createAuthenticator, type AuthVariables } from './auth.js';
import { ALL_ROUTES } from './api-routes.js';
import { ApiError } from './errors.js';
import { requestLogging, type Logger } from './middleware/logging.js';
import { buildOpenApiDocument } from './openapi.js';
import { cors, securityHeaders } from './middleware/security.js';
import { appointmentsRoutes } from './routes/appointments.js';
import { bookingRequestRoutes } from './routes/booking-requests.js';
import { connectionsRoutes } from './routes/connections.js';
import { cronofyRoutes } from './routes/cronofy.js';
import { demoRoutes, type DemoControl } from './routes/demo.js';
import { eventStreamRoutes } from './routes/live.js';
import { publicBookingRoutes } from './routes/public-booking.js';
import { connectOfferCache, createOfferCache, type OfferCache } from './services/offer-cache.js';
import { usersRoutes } from './routes/users.js';
import type { CalendarGateway } from './services/calendar.js';
import type { DataCenter } from './services/cronofy-clients.js';

export interface AppConfig {
  /** Public base URL of this server (OAuth redirects, push callbacks, links). */
  publicUrl: string;
  bookingLinkBase: string;
  corsOrigins: string[];
  /** Cronofy client secrets accepted on push callbacks (several during rotation). */
  cronofyClientSecrets: string[];
  /** Folder holding `demo/` and `dist/`; null serves no pages. */
  staticRoot: string | null;
}

export interface AppDeps {
  db: Db;
  box: SecretBox;
  cronofy: CronofyClient;
  /** Per-data-centre clients when talking to real Cronofy; absent with one endpoint (simulator, explicit URL). */
  cronofyFor?: (dataCenter: DataCenter) => CronofyClient;
  calendars: CalendarGateway;
  now: () => number;
  logger: Logger;
  config: AppConfig;
  /** The Cronofy simulator, mounted at /sim when given. */
  sim?: Hono;
  /** Demo helpers (token minting, reset), mounted at /api/demo when given. */
  demo?: DemoControl;
  /** False while start-up work that needs the listening server (the demo seed) is still running. */
  isReady?: () => boolean;
  /** The process's offer cache (one is made when absent). */
  offers?: OfferCache;
  /** Runs work after the answer (calendar writes after a booking); absent: such work is awaited inline. */
  later?: (task: () => Promise<void>) => void;
}

const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export function createApp(appDeps: AppDeps) {
  // Slot offers are cached per process; every route writes through the watched store, so a change this process
  // commits retires the cached offers at once, and the triggers' NOTIFY does the same in every other process.
  const offers = appDeps.offers ?? createOfferCache({ now: appDeps.now });
  const deps: AppDeps = { ...appDeps, db: connectOfferCache(appDeps.db, offers, appDeps.logger).db };
  const app = new Hono();
  const { requireAuth } = createAuthenticator(deps);
  const bookingDeps = { db: deps.db, calendars: deps.calendars, now: deps.now, logger: deps.logger, offers, ...(deps.later ? { later: deps.later } : {}) };

  app.use('*', requestLogging(deps.logger));
  app.use('*', securityHeaders());
  app.use('/api/*', cors(deps.config.corsOrigins));
  // Paths and queries that cannot be text (NUL, broken escapes) are refused before any route sees them.
  app.use('/api/*', async (c, next) => {
    let decoded: string;
    try {
      decoded = decodeURIComponent(new URL(c.req.url).pathname + new URL(c.req.url).search);
    } catch {
      throw new ApiError(400, 'bad_request', 'The request URL is not valid.');
    }
    if (decoded.includes('\u0000')) throw new ApiError(400, 'bad_request', 'The request URL must not contain NUL characters.');
    // Every id in a path (host user ids, room and location ids, our own ids, booking tokens) is at most 128
    // characters, so a longer segment cannot name anything and is refused before it reaches a handler.
    if (c.req.path.split('/').some((segment) => segment.length > 128)) {
      throw new ApiError(400, 'bad_request', 'A path segment is too long to be an id.');
    }
    await next();
  });

  app.onError((error, c) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      return c.json({ error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) } }, error.status);
    }
    // Last safety net: the store refusing a value (PostgreSQL class 22, data exceptions) is bad input, not a bug.
    // Validation should have caught it first, so it is logged.
    const pgCode = (error as { code?: unknown }).code;
    if (typeof pgCode === 'string' && pgCode.startsWith('22')) {
      deps.logger.warn('store refused a value', { code: pgCode, path: c.req.path.replace(/bookings\/[^/]+/, 'bookings/:token') });
      return c.json({ error: { code: 'bad_request', message: 'A value in the request is not acceptable.' } }, 400);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: { code: 'bad_request', message: error.message || 'Bad request.' } }, error.status);
    }
    deps.logger.error('unhandled error', { path: c.req.path.replace(/bookings\/[^/]+/, 'bookings/:token'), error: error instanceof Error ? `${error.name}: ${error.message}` : String(error), stack: error instanceof Error ? error.stack?.split('\n').slice(0, 6).join(' | ') : undefined });
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side.' } }, 500);
  });
  app.notFound((c) =>
    c.req.path.startsWith('/api') ? c.json({ error: { code: 'not_found', message: 'No such endpoint.' } }, 404) : c.text('Not found', 404),
  );

  app.get('/api/health', async (c) => {
    const store = await deps.db.query('SELECT 1 AS ok').then(
      () => 'ok' as const,
      () => 'error' as const,
    );
    const calendar = await fetch(deps.cronofy.apiUrl, { method: 'HEAD', signal: AbortSignal.timeout(2000) }).then(
      () => 'ok' as const,
      () => 'unreachable' as const,
    );
    const ready = deps.isReady?.() ?? true;
    const ok = store === 'ok' && ready;
    return c.json({ status: !ready ? 'starting' : ok ? 'ok' : 'degraded', store, calendar, database: deps.db.kind }, ok ? 200 : 503);
  });

  app.route('/api/public/bookings', publicBookingRoutes({ ...bookingDeps, icsDeps: { db: deps.db, now: deps.now } }));
  app.route(
    '/api/cronofy',
    cronofyRoutes({
      db: deps.db,
      cronofy: deps.cronofy,
      ...(deps.cronofyFor ? { cronofyFor: deps.cronofyFor } : {}),
      box: deps.box,
      logger: deps.logger,
      now: deps.now,
      publicUrl: deps.config.publicUrl,
      calendars: deps.calendars,
      clientSecrets: deps.config.cronofyClientSecrets,
      ...(deps.later ? { later: deps.later } : {}),
      offers,
    }),
  );
  if (deps.demo) app.route('/api/demo', demoRoutes(deps.demo));
  // Built on first request from the route registry; the stream authenticates by ticket, so it sits before `authed`.
  let openApiDocument: Record<string, unknown> | undefined;
  app.get('/api/openapi.json', (c) => c.json((openApiDocument ??= buildOpenApiDocument(ALL_ROUTES, { includeDemo: deps.demo !== undefined, version: '0.1.0' }))));
  app.route('/api', eventStreamRoutes(deps));

  const authed = new Hono<{ Variables: AuthVariables }>();
  authed.use('*', requireAuth);
  authed.route('/booking-requests', bookingRequestRoutes({ ...bookingDeps, bookingLinkBase: deps.config.bookingLinkBase }));
  // Each of these sub-apps mounts its own paths below /api (see the route file's header).
  authed.route('/', usersRoutes(deps));
  authed.route('/', connectionsRoutes(deps));
  authed.route('/', appointmentsRoutes(deps));
  app.route('/api', authed);

  if (deps.sim) app.route('/sim', deps.sim);

  if (deps.demo) {
    const demo = deps.demo;
    // The plain embed page: static HTML with the demo's booking token filled in, loading only the built bundle.
    app.get('/plain.html', async (c) => {
      const info = await demo.info();
      const token = (info.bookingToken ?? '').replace(/[^\w-]/g, '');
      c.header('Content-Security-Policy', STRICT_CSP);
      return c.html(`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>dv-calendar – plain embed</title><link rel="icon" href="data:,">
<script type="module" src="/dist/cdn/dv-calendar.js"></script></head>
<body>
<dv-slot-picker api="" booking="${token}" lang="en"></dv-slot-picker>
</body>
</html>`);
    });
  }

  if (deps.config.staticRoot) {
    const root = deps.config.staticRoot;
    app.use('/dist/*', serveStatic({ root }));
    app.use('/*', async (c, next) => {
      await next();
      if (c.res.headers.get('content-type')?.startsWith('text/html')) c.header('Content-Security-Policy', STRICT_CSP);
    });
    app.use('/*', serveStatic({ root: `${root}/demo` }));
  }
  return app;
}

export type App = ReturnType<typeof createApp>;
