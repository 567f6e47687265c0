/**
 * The demo organization that `npm start` creates on first start (and "reset demo data" recreates): a Plus
 * organization, three interviewers in Berlin, London and New York whose simulated calendars hold realistic busy
 * weeks, a recruiter, one location with two rooms, and one open booking link. Calendars are connected through
 * the real OAuth code exchange against the simulator, so the product's Cronofy path is exercised from the start.
 */
import { timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Hono } from 'hono';
import type { CronofyClient } from '../cronofy/index.js';
import { addDays, localDate, weekdayOfDate, zonedWallTimeToInstant, formatInstant } from '../shared/time.js';
import { OrgSettingsSchema } from '../shared/api/settings.js';
import { mulberry32 } from '../shared/prng.js';
import { randomToken, type SecretBox } from '../store/crypto.js';
import type { Db } from '../store/db.js';
import { getOrganization, upsertOrganization } from '../store/repos/organizations.js';
import { upsertLocation, upsertRoom } from '../store/repos/rooms.js';
import { listUsers, upsertUser } from '../store/repos/users.js';
import { mintToken } from './auth.js';
import type { Logger } from './middleware/logging.js';
import { createBookingRequest } from './services/booking-requests.js';
import type { CalendarGateway } from './services/calendar.js';
import { oauthRedirectUri, storeConnection } from './services/connections.js';
import { signWebhook } from './services/webhooks.js';

export const DEMO_ORG_ID = 'demo';

export const DEMO_USERS = [
  { id: 'anna', name: 'Anna Schmidt', email: 'anna.schmidt@muster.example', timeZone: 'Europe/Berlin', roles: ['admin', 'recruiter'] as const, provider: 'office365' },
  { id: 'ben', name: 'Ben Taylor', email: 'ben.taylor@muster.example', timeZone: 'Europe/London', roles: ['recruiter'] as const, provider: 'google' },
  { id: 'carla', name: 'Carla Díaz', email: 'carla.diaz@muster.example', timeZone: 'America/New_York', roles: [] as const, provider: 'exchange' },
  { id: 'rita', name: 'Rita Recruiter', email: 'rita@muster.example', timeZone: 'Europe/Berlin', roles: ['admin', 'recruiter'] as const, provider: null },
];

export interface DemoDeps {
  db: Db;
  box: SecretBox;
  cronofy: CronofyClient;
  sim: { app: Hono };
  calendars: CalendarGateway;
  logger: Logger;
  now: () => number;
  publicUrl: string;
  bookingLinkBase: string;
  dataDir: string;
}

export interface Demo {
  /** Seeds on first start; with the simulator's calendars kept from the last run the demo data stays as it was. */
  ensureSeeded(options: { calendarsKept: boolean }): Promise<void>;
  info(): Promise<{ organizationId: string; users: Array<{ id: string; name: string; roles: string[]; timeZone: string }>; bookingLink: string | null; bookingToken: string | null }>;
  token(userId: string): Promise<string | null>;
  reset(): Promise<void>;
  receiveWebhook(headers: { id?: string; timestamp?: string; signature?: string }, body: string): Promise<boolean>;
  webhooks(): Array<{ id: string; type: string; receivedAt: string; payload: unknown }>;
}

interface SeedEvent {
  summary: string;
  start: string;
  end: string;
  free_busy_status?: 'busy' | 'tentative';
}

/** A plausible working life over the next five weeks: meetings on weekdays, a tentative hold, an all-day event. */
export function demoBusyEvents(zone: string, seed: number, today: string): SeedEvent[] {
  const random = mulberry32(seed); // deterministic: every fresh demo has the same calendars
  const titles = ['Team meeting', 'Hiring sync', '1:1', 'Project review', 'Customer call', 'Lunch', 'Focus time', 'Planning'];
  const events: SeedEvent[] = [];
  for (let d = -1; d < 36; d++) {
    const date = addDays(today, d);
    const weekday = weekdayOfDate(date);
    if (weekday === 0 || weekday === 6) continue;
    if (random() < 0.06) {
      events.push({ summary: 'Conference', start: date, end: addDays(date, 1) });
      continue;
    }
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i++) {
      const startMinutes = 8 * 60 + Math.floor(random() * 36) * 15;
      const length = [30, 45, 60, 90][Math.floor(random() * 4)]!;
      const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      events.push({
        summary: titles[Math.floor(random() * titles.length)]!,
        start: new Date(zonedWallTimeToInstant(date, hhmm(startMinutes), zone)).toISOString(),
        end: new Date(zonedWallTimeToInstant(date, hhmm(Math.min(startMinutes + length, 20 * 60)), zone)).toISOString(),
        ...(random() < 0.1 ? { free_busy_status: 'tentative' as const } : {}),
      });
    }
  }
  return events;
}

export function createDemo(deps: DemoDeps): Demo {
  const stateFile = deps.dataDir === ':memory:' ? null : `${deps.dataDir}/demo.json`;
  let state: { bookingToken: string | null } = { bookingToken: null };
  const received: Array<{ id: string; type: string; receivedAt: string; payload: unknown }> = [];
  const receivedIds = new Set<string>();
  let receiverSecret: string | null = null;

  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await deps.sim.app.request(`/control${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`simulator control ${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }

  async function seed(): Promise<void> {
    const now = deps.now();
    const jwtSecret = randomToken(32);
    const webhookSecret = `whsec_${Buffer.from(randomToken(24)).toString('base64')}`;
    await upsertOrganization(deps.db, {
      id: DEMO_ORG_ID,
      name: 'Muster GmbH',
      tier: 'plus',
      integrationEnabled: true,
      settings: OrgSettingsSchema.parse({}),
      jwtSecretEnc: deps.box.seal(jwtSecret),
      webhookUrl: `${deps.publicUrl}/api/demo/webhooks`,
      webhookSecretEnc: deps.box.seal(webhookSecret),
    });
    for (const [index, u] of DEMO_USERS.entries()) {
      await upsertUser(deps.db, { orgId: DEMO_ORG_ID, id: u.id, name: u.name, email: u.email, timeZone: u.timeZone, roles: [...u.roles] });
      if (!u.provider) continue;
      const account = await control<{ sub: string }>('POST', '/accounts', { email: u.email, name: u.name, zoneinfo: u.timeZone, provider: u.provider });
      for (const event of demoBusyEvents(u.timeZone, 1000 + index, localDate(now, u.timeZone))) {
        await control('POST', `/accounts/${account.sub}/events`, event);
      }
      const redirectUri = oauthRedirectUri({ publicUrl: deps.publicUrl });
      const { code } = await control<{ code: string }>('POST', `/accounts/${account.sub}/authorization-code`, {
        redirect_uri: redirectUri,
        scope: 'read_account list_calendars read_events create_event delete_event',
      });
      const tokens = await deps.cronofy.exchangeCode({ code, redirect_uri: redirectUri });
      await storeConnection({ ...deps }, DEMO_ORG_ID, u.id, tokens, 'connected_individual');
    }
    const rooms = [
      { id: 'room-spree', name: 'Spree', email: 'room.spree@muster.example', capacity: 6 },
      { id: 'room-havel', name: 'Havel', email: 'room.havel@muster.example', capacity: 10 },
    ];
    for (const room of rooms) await upsertRoom(deps.db, DEMO_ORG_ID, { ...room, source: 'created', cronofySub: null });
    await upsertLocation(deps.db, DEMO_ORG_ID, { id: 'berlin-hq', name: 'Berlin HQ', address: 'Friedrichstraße 100, 10117 Berlin', roomIds: rooms.map((r) => r.id) });

    const tomorrow = addDays(localDate(now, 'Europe/Berlin'), 1);
    const request = await createBookingRequest(
      { db: deps.db, calendars: deps.calendars, now: deps.now, logger: deps.logger, bookingLinkBase: deps.bookingLinkBase },
      { orgId: DEMO_ORG_ID, userId: 'anna' },
      {
        title: 'Interview: Frontend Developer (m/w/d)',
        applicant: { name: 'Jamie Doe', email: 'jamie.doe@applicant.example' },
        participantIds: ['anna', 'ben', 'carla'],
        organizerId: 'anna',
        durationMinutes: 60,
        timeZone: 'Europe/Berlin',
        locationId: 'berlin-hq',
        online: false,
        roomNeeded: true,
        period: {
          start: formatInstant(zonedWallTimeToInstant(tomorrow, '00:00', 'Europe/Berlin')),
          end: new Date(zonedWallTimeToInstant(addDays(tomorrow, 21), '00:00', 'Europe/Berlin')).toISOString(),
        },
        allowReschedule: true,
        locale: 'de',
      },
    );
    state = { bookingToken: new URL(request.link!).searchParams.get('booking') };
    if (stateFile) writeFileSync(stateFile, JSON.stringify(state), { mode: 0o600 });
    deps.logger.info('demo data seeded', { organizationId: DEMO_ORG_ID });
  }

  return {
    async ensureSeeded({ calendarsKept }) {
      if (stateFile && existsSync(stateFile)) state = JSON.parse(readFileSync(stateFile, 'utf8')) as typeof state;
      const seeded = await getOrganization(deps.db, DEMO_ORG_ID);
      if (seeded && calendarsKept && state.bookingToken) return;
      // Store and simulated calendars must match: without the calendars of the last run, start afresh.
      if (seeded) await wipe();
      await seed();
    },
    async info() {
      const users = await listUsers(deps.db, DEMO_ORG_ID);
      return {
        organizationId: DEMO_ORG_ID,
        users: users.map((u) => ({ id: u.id, name: u.name, roles: u.roles, timeZone: u.timeZone })),
        bookingToken: state.bookingToken,
        bookingLink: state.bookingToken ? `${deps.bookingLinkBase}?booking=${state.bookingToken}` : null,
      };
    },
    async token(userId) {
      const org = await getOrganization(deps.db, DEMO_ORG_ID);
      const user = (await listUsers(deps.db, DEMO_ORG_ID)).find((u) => u.id === userId);
      if (!org?.jwtSecretEnc || !user) return null;
      return mintToken(deps.box.open(org.jwtSecretEnc), { sub: user.id, org: org.id, roles: user.roles }, 8 * 3600, deps.now());
    },
    async reset() {
      await wipe();
      await seed();
    },
    async receiveWebhook(headers, body) {
      if (!headers.id || !headers.timestamp || !headers.signature) return false;
      const given = headers.signature.split(' ').map((s) => s.trim());
      const signedWith = (secret: string) => {
        const expected = signWebhook(secret, headers.id!, Number(headers.timestamp), body);
        return given.some((g) => g.length === expected.length && timingSafeEqual(Buffer.from(g), Buffer.from(expected)));
      };
      // Like a real host, the receiver keeps its copy of the secret; only a signature that copy does not match
      // (the secret was rotated, or the demo reset) makes it read the current one.
      if (!(receiverSecret && signedWith(receiverSecret))) {
        const org = await getOrganization(deps.db, DEMO_ORG_ID);
        receiverSecret = org?.webhookSecretEnc ? deps.box.open(org.webhookSecretEnc) : null;
        if (!receiverSecret || !signedWith(receiverSecret)) return false;
      }
      // At-least-once delivery: the receiver deduplicates on the event id, as a host should.
      if (!receivedIds.has(headers.id)) {
        const payload = JSON.parse(body) as { type?: string };
        receivedIds.add(headers.id);
        received.push({ id: headers.id, type: String(payload.type ?? ''), receivedAt: formatInstant(deps.now()), payload });
      }
      return true;
    },
    webhooks() {
      return [...received];
    },
  };

  async function wipe(): Promise<void> {
    await deps.db.query('DELETE FROM organizations WHERE id = $1', [DEMO_ORG_ID]);
    for (const table of ['busy_claims', 'holds', 'idempotency_keys', 'webhook_deliveries', 'calendar_connections', 'oauth_states']) {
      await deps.db.query(`DELETE FROM ${table} WHERE org_id = $1`, [DEMO_ORG_ID]);
    }
    await control('POST', '/reset', {});
    state = { bookingToken: null };
    received.length = 0;
    receivedIds.clear();
    receiverSecret = null;
    if (stateFile && existsSync(stateFile)) rmSync(stateFile);
  }
}
