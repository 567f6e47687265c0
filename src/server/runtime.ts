/**
 * Wires the product from a `Config`: store (PGlite or PostgreSQL), migrations, secret box, Cronofy client (to the
 * embedded simulator or real Cronofy), calendar gateway, background jobs, demo seed and the HTTP server.
 * main.ts calls `startServer`; tests call it too, with a temporary data directory and port 0.
 */
import { serve, type ServerType } from '@hono/node-server';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createCronofyClient, createRateLimiter, cronofyUrls, type RateLimiter } from '../cronofy/index.js';
import { createCronofySim } from '../cronofy-sim/index.js';
import { createSecretBox, generateKey, parseKey } from '../store/crypto.js';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrations.js';
import { openPgliteThread } from '../store/pglite-thread.js';
import { openPostgres } from '../store/postgres.js';
import { countServerProcesses } from '../store/processes.js';
import { createApp } from './app.js';
import { currentPriority, inBackground } from './background.js';
import type { Config } from './config.js';
import { createJsonLogger, type Logger } from './middleware/logging.js';
import { expireBookingRequests } from './services/booking-requests.js';
import { purgeExpiredBookingData } from './services/privacy.js';
import { reconcileCalendarWrites } from './services/calendar-sync.js';
import { failConnection } from './services/connections.js';
import { endLapsedCentralConnects } from './services/service-account.js';
import { cronofyForOrg, perDataCenter } from './services/cronofy-clients.js';
import { createCronofyGateway } from './services/cronofy-gateway.js';
import { deliverDueWebhooks } from './services/webhooks.js';
import { createDemo, type Demo } from './seed.js';

export interface RunningServer {
  url: string;
  port: number;
  db: Db;
  demo: Demo | null;
  close(): Promise<void>;
}

async function openStore(config: Config): Promise<Db> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  if (config.dataDir === ':memory:') return openPgliteThread();
  mkdirSync(config.dataDir, { recursive: true });
  return openPgliteThread({ dataDir: `${config.dataDir}/pglite` });
}

/** The encryption key: from the environment, or for the embedded demo generated once and kept with the data. */
function loadKey(config: Config): Uint8Array {
  if (config.encryptionKey) return parseKey(config.encryptionKey);
  if (!config.embeddedSimulator) throw new Error('DV_ENCRYPTION_KEY is required outside the embedded demo set-up.');
  if (config.dataDir === ':memory:') return parseKey(generateKey());
  const file = `${config.dataDir}/encryption.key`;
  if (!existsSync(file)) writeFileSync(file, generateKey() + '\n', { mode: 0o600 });
  return parseKey(readFileSync(file, 'utf8').trim());
}

export async function startServer(config: Config, options: { logger?: Logger; now?: () => number } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createJsonLogger(undefined, config.logLevel);
  const now = options.now ?? Date.now;
  const db = await openStore(config);
  await migrate(db);
  const box = createSecretBox(loadKey(config));

  const sim = config.embeddedSimulator
    ? createCronofySim({ clientId: config.cronofyClientId, clientSecret: config.cronofyClientSecrets[0]!, now, baseUrl: `${config.publicUrl}/sim` })
    : null;
  // The simulator's calendars live in memory; with a data directory they are kept beside the store, so the demo
  // (and every booking made in it) survives a restart just as the PGlite data does.
  const simFile = sim && config.dataDir !== ':memory:' ? `${config.dataDir}/cronofy-sim.json` : null;
  let simRestored = false;
  if (sim && simFile && existsSync(simFile)) {
    sim.control.restore(JSON.parse(readFileSync(simFile, 'utf8')) as Parameters<typeof sim.control.restore>[0]);
    simRestored = true;
  }
  let lastSimState = '';
  const saveSim = () => {
    if (!sim || !simFile) return;
    const state = JSON.stringify(sim.control.snapshot());
    if (state === lastSimState) return;
    writeFileSync(simFile, state, { mode: 0o600 });
    lastSimState = state;
  };
  // Cronofy limits each application (one per data centre); this process keeps its share of those limits.
  const limiters: RateLimiter[] = [];
  let rateShare = 1;
  const clientAt = (urls: { apiUrl: string; appUrl: string }) => {
    const limiter = createRateLimiter(config.cronofyRateLimit);
    limiter.setShare(rateShare);
    limiters.push(limiter);
    return createCronofyClient({
      ...urls,
      clientId: config.cronofyClientId,
      clientSecret: config.cronofyClientSecrets[0]!,
      logger: (entry) => logger.info('cronofy', { ...entry }),
      priority: currentPriority,
      rateLimit: limiter,
    });
  };
  const shareRateLimits = async () => {
    const processes = await countServerProcesses(db);
    if (1 / processes === rateShare) return;
    rateShare = 1 / processes;
    for (const limiter of limiters) limiter.setShare(rateShare);
    logger.info('cronofy rate limits shared', { processes });
  };
  const cronofy = clientAt({ apiUrl: config.cronofyApiUrl, appUrl: config.cronofyAppUrl });
  const cronofyFor = config.cronofyPerDataCenter ? perDataCenter((dc) => clientAt(cronofyUrls(dc))) : undefined;
  const calendars = createCronofyGateway({
    db,
    client: cronofy,
    ...(cronofyFor ? { clientFor: (orgId: string) => cronofyForOrg({ db, cronofy, cronofyFor }, orgId) } : {}),
    box,
    logger,
    now,
    onConnectionFailed: (orgId, userId, reason) => failConnection({ db, now, logger }, orgId, userId, reason),
  });

  // Work that follows an answer (calendar writes after a booking), a few at a time so a burst of bookings does
  // not open hundreds of calendar requests at once. A clean stop finishes the queue; a crash leaves it to the
  // reconciler, which finds those appointments still `pending`.
  const queue: Array<() => Promise<void>> = [];
  let running = 0;
  let drained: (() => void) | null = null;
  const pump = () => {
    while (running < config.backgroundConcurrency && queue.length > 0) {
      const task = queue.shift()!;
      running++;
      inBackground(task)
        .catch((error: unknown) => logger.error('background task failed', { error: String(error) }))
        .finally(() => {
          running--;
          pump();
        });
    }
    if (running === 0 && queue.length === 0) drained?.();
  };
  const later = (task: () => Promise<void>) => {
    queue.push(task);
    pump();
  };
  const finishLater = () =>
    running === 0 && queue.length === 0 ? Promise.resolve() : new Promise<void>((resolve) => (drained = resolve));

  let demo: Demo | null = null;
  let ready = false;
  const app = createApp({
    isReady: () => ready,
    later,
    db,
    box,
    cronofy,
    ...(cronofyFor ? { cronofyFor } : {}),
    calendars,
    now,
    logger,
    config: {
      publicUrl: config.publicUrl,
      bookingLinkBase: config.bookingLinkBase,
      corsOrigins: config.corsOrigins,
      cronofyClientSecrets: config.cronofyClientSecrets,
      staticRoot: config.staticRoot,
    },
    ...(sim ? { sim: sim.app } : {}),
    ...(sim && config.seedDemo ? { demo: { info: () => demo!.info(), token: (id) => demo!.token(id), reset: () => demo!.reset(), receiveWebhook: (h, b) => demo!.receiveWebhook(h, b), webhooks: () => demo!.webhooks() } } : {}),
  });

  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
  });
  const port = (server.address() as AddressInfo).port;
  const url = config.publicUrl.includes(`:${config.port}`) && config.port === 0 ? `http://localhost:${port}` : config.publicUrl;

  if (sim && config.seedDemo) {
    demo = createDemo({ db, box, cronofy, sim, calendars, logger, now, publicUrl: url, bookingLinkBase: config.bookingLinkBase, dataDir: config.dataDir });
    await demo.ensureSeeded({ calendarsKept: simRestored });
    saveSim();
  }
  // Listening now, this process counts; it takes its share before it serves (a newcomer is seen within 15 s).
  await shareRateLimits();
  ready = true;

  // Background jobs: each is safe to run in several processes at once (SKIP LOCKED, idempotent writes).
  const jobs = [
    // Drains the outbox while batches come back full, so a burst of bookings does not queue up behind the timer.
    every(1000, async () => {
      for (let round = 0; round < 50 && (await deliverDueWebhooks({ db, box, logger, now })) === 20; round++);
    }),
    every(5000, () => reconcileCalendarWrites({ db, calendars, logger, now }, { graceSeconds: config.reconcileGraceSeconds })),
    every(60_000, () => expireBookingRequests({ db, calendars, logger, now })),
    every(60_000, () => endLapsedCentralConnects({ db, logger, now })),
    every(15_000, shareRateLimits),
    // Privacy: booking links (and their applicant data) older than each organization's retentionDays.
    every(3_600_000, () => purgeExpiredBookingData({ db, now, logger })),
    ...(simFile ? [every(2000, async () => saveSim())] : []),
  ];
  function every(ms: number, job: () => Promise<unknown>) {
    let running = false;
    const timer = setInterval(() => {
      if (running) return;
      running = true;
      inBackground(job)
        .catch((error: unknown) => logger.error('background job failed', { error: String(error) }))
        .finally(() => {
          running = false;
        });
    }, ms);
    timer.unref();
    return timer;
  }

  return {
    url,
    port,
    db,
    get demo() {
      return demo;
    },
    async close() {
      for (const timer of jobs) clearInterval(timer);
      // Queued calendar writes first, for up to 10 s, while the server still listens (the embedded simulator is
      // reached over HTTP); what is left stays `pending` for the reconciler of this or another process.
      await Promise.race([finishLater(), new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Requests in flight get 5 s to finish, then every connection is closed — open live-update streams included,
      // whose clients reconnect (to another process when there is one); otherwise a stream would hold the stop for
      // up to 15 minutes.
      const http = server as unknown as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
      http.closeIdleConnections?.();
      const force = setTimeout(() => http.closeAllConnections?.(), 5000);
      await closed;
      clearTimeout(force);
      saveSim();
      await db.close();
    },
  };
}
