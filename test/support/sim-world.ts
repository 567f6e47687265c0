/**
 * Product-level harness against the Cronofy simulator: the real app (`createApp`) over a test store, the real
 * Cronofy client and gateway, and a simulator whose callbacks (push notifications, service-account authorizations)
 * are POSTed into the same app — everything in-process through `app.request`, nothing faked but the network.
 *
 * Each world has its own organization id, its own simulator and its own clock, so tests sharing one store never see
 * each other. The clock is real time plus a skew a test can advance (token expiry, cache TTL); the client's
 * back-off sleeps are recorded and cut short, so Retry-After can be asserted without waiting for it. Every log line
 * (the product's and the client's) is captured in `logLines`.
 */
import { randomBytes } from 'node:crypto';
import { createCronofySim, type CronofySim, type SimProvider } from '../../src/cronofy-sim/index.js';
import { createCronofyClient, type CronofyClient } from '../../src/cronofy/index.js';
import { createApp } from '../../src/server/app.js';
import { mintToken } from '../../src/server/auth.js';
import { createJsonLogger, type Logger } from '../../src/server/middleware/logging.js';
import { createBookingRequest } from '../../src/server/services/booking-requests.js';
import { failConnection, oauthRedirectUri, storeConnection, type ConnectionDeps } from '../../src/server/services/connections.js';
import { createCronofyGateway } from '../../src/server/services/cronofy-gateway.js';
import { OrgSettingsSchema, type OrgSettings, type Role } from '../../src/shared/api/settings.js';
import type { CreateBookingRequest } from '../../src/shared/api/booking-requests.js';
import { addDays, localDate, zonedWallTimeToInstant, formatInstant } from '../../src/shared/time.js';
import { createSecretBox, generateKey, parseKey } from '../../src/store/crypto.js';
import type { Db } from '../../src/store/db.js';
import { upsertOrganization } from '../../src/store/repos/organizations.js';
import { upsertUser } from '../../src/store/repos/users.js';

export const CLIENT_ID = 'dv_test_client';
export const CLIENT_SECRET = 'CRN_world_secret_0123456789abcdef';
export const PUBLIC_URL = 'http://dv.test';
export const SIM_URL = 'http://sim.test';
export const BOOKING_LINK_BASE = 'https://careers.example.test/book';

export const WORLD_USERS = [
  { id: 'anna', name: 'Anna Schmidt', email: 'anna@corp.example', timeZone: 'Europe/Berlin', roles: ['admin', 'recruiter'] as Role[], provider: 'office365' as SimProvider },
  { id: 'ben', name: 'Ben Taylor', email: 'ben@corp.example', timeZone: 'Europe/London', roles: ['recruiter'] as Role[], provider: 'gsuite' as SimProvider },
  { id: 'carla', name: 'Carla Diaz', email: 'carla@corp.example', timeZone: 'America/New_York', roles: [] as Role[], provider: 'exchange' as SimProvider },
];

export interface SimWorld {
  db: Db;
  orgId: string;
  sim: CronofySim;
  client: CronofyClient;
  calendars: ReturnType<typeof createCronofyGateway>;
  app: ReturnType<typeof createApp>;
  box: ReturnType<typeof createSecretBox>;
  connectionDeps: ConnectionDeps;
  clock: { skew: number; now(): number; advance(ms: number): void };
  /** Back-off sleeps the client asked for (ms), in order. */
  sleeps: number[];
  /** Every access and refresh token Cronofy issued to the product's client. */
  issuedTokens: Set<string>;
  /** Status line, headers and body of every product response read through `api` and `publicCall`. */
  responses: string[];
  logLines: string[];
  logger: Logger;
  /** A bearer token of the host for `userId` (roles from WORLD_USERS unless given). */
  token(userId: string, roles?: Role[]): Promise<string>;
  /** Calls the product's API as `as` (default anna, an admin). */
  api(method: string, path: string, body?: unknown, as?: string | { userId: string; roles: Role[] }): Promise<{ status: number; body: any; headers: Headers }>;
  /** Creates the user's simulated account and connects it through the real code exchange. */
  connectUser(userId: string, options?: { provider?: SimProvider; scope?: string }): Promise<{ sub: string; calendarId: string }>;
  /** The simulator's request log since the last `markRequests()`. */
  requests(): Array<{ method: string; path: string; status: number }>;
  markRequests(): void;
  /** Host events written to the outbox, oldest first (events of one transaction in no particular order). */
  outbox(): Promise<Array<{ type: string; data: Record<string, unknown> }>>;
  /** A booking request for an applicant over the next working week (Berlin), through the product's service. */
  createRequest(overrides?: Partial<CreateBookingRequest>): Promise<{ id: string; token: string; status: string }>;
  /** Monday and Friday (Berlin dates) of the first full working week that starts at least two days from now. */
  week(): { monday: string; friday: string };
}

export async function createSimWorld(db: Db, options: { tier?: 'basic' | 'plus'; settings?: Partial<OrgSettings>; clientTimeoutMs?: number } = {}): Promise<SimWorld> {
  const orgId = `org_${randomBytes(5).toString('hex')}`;
  const box = createSecretBox(parseKey(generateKey()));
  const jwtSecret = `jwt-${randomBytes(16).toString('hex')}`;
  const clock = {
    skew: 0,
    now: () => Date.now() + clock.skew,
    advance: (ms: number) => {
      clock.skew += ms;
    },
  };
  const logLines: string[] = [];
  const logger = createJsonLogger((line) => logLines.push(line));
  const sleeps: number[] = [];
  const issuedTokens = new Set<string>();
  const responses: string[] = [];

  // The app is created below; the simulator's callbacks reach it through this late-bound reference.
  let app: ReturnType<typeof createApp> | null = null;
  const sim = createCronofySim({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    now: clock.now,
    baseUrl: SIM_URL,
    fetch: async (input, init) => app!.request(String(input), init),
  });
  const client = createCronofyClient({
    apiUrl: SIM_URL,
    appUrl: `${SIM_URL}/app`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    fetch: async (input, init) => {
      const res = await sim.app.request(input instanceof Request ? input : String(input), init);
      // Remember every token Cronofy hands out, so tests can prove none of them leaks.
      if (String(input instanceof Request ? input.url : input).endsWith('/oauth/token') && res.ok) {
        const body = (await res.clone().json()) as { access_token?: string; refresh_token?: string };
        for (const t of [body.access_token, body.refresh_token]) if (t) issuedTokens.add(t);
      }
      return res;
    },
    // Generous: a timeout on a call that is not retried (code exchange) would make a loaded CI machine flaky.
    timeoutMs: options.clientTimeoutMs ?? 2000,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    clock: {
      now: clock.now,
      sleep: async (ms) => {
        sleeps.push(ms);
        await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 2)));
      },
    },
    logger: (entry) => logger.info('cronofy', { ...entry }),
  });
  const calendars = createCronofyGateway({
    db,
    client,
    box,
    logger,
    now: clock.now,
    onConnectionFailed: (org, userId, reason) => failConnection({ db, now: clock.now, logger }, org, userId, reason),
  });
  app = createApp({
    db,
    box,
    cronofy: client,
    calendars,
    now: clock.now,
    logger,
    config: {
      publicUrl: PUBLIC_URL,
      bookingLinkBase: BOOKING_LINK_BASE,
      corsOrigins: ['https://careers.example.test'],
      cronofyClientSecrets: [CLIENT_SECRET],
      staticRoot: null,
    },
    sim: sim.app,
  });

  await upsertOrganization(db, {
    id: orgId,
    name: 'Corp GmbH',
    tier: options.tier ?? 'plus',
    integrationEnabled: true,
    settings: OrgSettingsSchema.parse(options.settings ?? {}),
    jwtSecretEnc: box.seal(jwtSecret),
  });
  for (const u of WORLD_USERS) {
    await upsertUser(db, { orgId, id: u.id, name: u.name, email: u.email, timeZone: u.timeZone, roles: u.roles });
  }
  const connectionDeps: ConnectionDeps = { db, cronofy: client, box, logger, now: clock.now, publicUrl: PUBLIC_URL };
  let requestMark = 0;

  const world: SimWorld = {
    db,
    orgId,
    sim,
    client,
    calendars,
    app,
    box,
    connectionDeps,
    clock,
    sleeps,
    issuedTokens,
    responses,
    logLines,
    logger,
    token: (userId, roles) =>
      mintToken(jwtSecret, { sub: userId, org: orgId, roles: roles ?? WORLD_USERS.find((u) => u.id === userId)?.roles ?? [] }, 3600, clock.now()),
    async api(method, path, body, as = 'anna') {
      const who = typeof as === 'string' ? { userId: as, roles: undefined } : as;
      const bearer = await world.token(who.userId, who.roles);
      const res = await app!.request(`${PUBLIC_URL}${path}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      responses.push(record(res, text));
      return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
    },
    async connectUser(userId, opts = {}) {
      const u = WORLD_USERS.find((x) => x.id === userId);
      if (!u) throw new Error(`unknown world user ${userId}`);
      const account = sim.control.createAccount({ email: u.email, name: u.name, zoneinfo: u.timeZone, provider: opts.provider ?? u.provider });
      const redirectUri = oauthRedirectUri({ publicUrl: PUBLIC_URL });
      const { code } = sim.control.issueAuthorizationCode(account.sub, { redirect_uri: redirectUri, ...(opts.scope ? { scope: opts.scope } : {}) });
      const tokens = await client.exchangeCode({ code, redirect_uri: redirectUri });
      await storeConnection(connectionDeps, orgId, userId, tokens, 'connected_individual');
      await sim.control.idle();
      return { sub: account.sub, calendarId: account.calendars[0]!.calendar_id };
    },
    requests: () => sim.control.requests().slice(requestMark).map(({ method, path, status }) => ({ method, path, status })),
    markRequests: () => {
      requestMark = sim.control.requests().length;
    },
    async outbox() {
      const rows = await db.query<{ type: string; payload: { data: Record<string, unknown> } }>(
        // Events of one transaction have no order of their own; tests compare those as sets.
        'SELECT type, payload FROM outbox WHERE org_id = $1 ORDER BY created_at, type',
        [orgId],
      );
      return rows.map((r) => ({ type: r.type, data: r.payload.data }));
    },
    async createRequest(overrides = {}) {
      const { monday, friday } = world.week();
      const view = await createBookingRequest(
        { db, calendars, now: clock.now, logger, bookingLinkBase: BOOKING_LINK_BASE },
        { orgId, userId: 'anna' },
        {
          title: 'Interview: Backend Developer',
          applicant: { name: 'Jamie Doe', email: 'jamie.doe@applicant.example' },
          participantIds: ['anna', 'ben'],
          organizerId: 'anna',
          durationMinutes: 60,
          timeZone: 'Europe/Berlin',
          online: true,
          roomNeeded: false,
          period: {
            start: formatInstant(zonedWallTimeToInstant(monday, '00:00', 'Europe/Berlin')),
            end: formatInstant(zonedWallTimeToInstant(addDays(friday, 1), '00:00', 'Europe/Berlin')),
          },
          allowReschedule: true,
          locale: 'de',
          ...overrides,
        },
      );
      return { id: view.id, token: new URL(view.link!).searchParams.get('booking')!, status: view.status };
    },
    week() {
      let day = addDays(localDate(clock.now(), 'Europe/Berlin'), 2);
      while (new Date(`${day}T12:00:00Z`).getUTCDay() !== 1) day = addDays(day, 1);
      return { monday: day, friday: addDays(day, 4) };
    },
  };
  return world;
}

/** A public (applicant) call to the booking API: no bearer, the link token is the credential. */
export async function publicCall(world: SimWorld, token: string, path = '', init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await world.app.request(`${PUBLIC_URL}/api/public/bookings/${token}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', ...(init.headers as Record<string, string> | undefined) },
  });
  const text = await res.text();
  world.responses.push(record(res, text));
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

function record(res: Response, text: string): string {
  const headers: string[] = [];
  res.headers.forEach((v, k) => headers.push(`${k}: ${v}`));
  return `${res.status}\n${headers.join('\n')}\n\n${text}`;
}

/** Reads a user's stored (sealed) tokens — tests only, to prove rotation. */
export async function storedTokens(world: SimWorld, userId: string): Promise<{ accessToken: string; refreshToken: string; expiresAt: number } | null> {
  const rows = await world.db.query<{ tokens_enc: string | null }>('SELECT tokens_enc FROM calendar_connections WHERE org_id = $1 AND user_id = $2', [world.orgId, userId]);
  const sealed = rows[0]?.tokens_enc;
  return sealed ? (JSON.parse(world.box.open(sealed)) as { accessToken: string; refreshToken: string; expiresAt: number }) : null;
}
