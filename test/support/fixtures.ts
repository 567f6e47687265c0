/**
 * Builds an organization with users, connected calendars (status only: the fake gateway needs no tokens),
 * a location with rooms, and a booking request — each test gets its own organization id, so tests sharing one
 * store never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { OrgSettingsSchema } from '../../src/shared/api/settings.js';
import { createBookingRequest } from '../../src/server/services/booking-requests.js';
import { silentLogger } from '../../src/server/middleware/logging.js';
import { createSecretBox, generateKey, parseKey } from '../../src/store/crypto.js';
import type { Db } from '../../src/store/db.js';
import { saveConnection } from '../../src/store/repos/connections.js';
import { upsertOrganization } from '../../src/store/repos/organizations.js';
import { upsertLocation, upsertRoom } from '../../src/store/repos/rooms.js';
import { upsertUser } from '../../src/store/repos/users.js';
import type { CreateBookingRequest } from '../../src/shared/api/booking-requests.js';
import { FakeCalendars } from './fake-calendar.js';

export const box = createSecretBox(parseKey(generateKey()));

export const PEOPLE = [
  { id: 'anna', name: 'Anna Schmidt', email: 'anna@example.test', timeZone: 'Europe/Berlin' },
  { id: 'ben', name: 'Ben Taylor', email: 'ben@example.test', timeZone: 'Europe/London' },
  { id: 'carla', name: 'Carla Diaz', email: 'carla@example.test', timeZone: 'America/New_York' },
];

export interface World {
  db: Db;
  orgId: string;
  calendars: FakeCalendars;
  clock: { now: number };
  deps: { db: Db; calendars: FakeCalendars; now: () => number; logger: typeof silentLogger; bookingLinkBase: string };
}

export async function createWorld(db: Db, options: { tier?: 'basic' | 'plus'; now?: string } = {}): Promise<World> {
  const orgId = `org_${randomBytes(5).toString('hex')}`;
  await upsertOrganization(db, {
    id: orgId,
    name: 'Test GmbH',
    tier: options.tier ?? 'plus',
    integrationEnabled: true,
    settings: OrgSettingsSchema.parse({}),
    jwtSecretEnc: box.seal('test-secret-' + orgId),
  });
  for (const p of PEOPLE) {
    await upsertUser(db, { orgId, ...p, roles: ['recruiter'] });
    await saveConnection(db, { orgId, userId: p.id, status: 'connected_individual', calendarId: `cal_${p.id}` });
  }
  await upsertRoom(db, orgId, { id: 'r1', name: 'Spree', email: 'spree@example.test', capacity: 4, source: 'created', cronofySub: null });
  await upsertRoom(db, orgId, { id: 'r2', name: 'Havel', email: 'havel@example.test', capacity: 8, source: 'created', cronofySub: null });
  await upsertLocation(db, orgId, { id: 'hq', name: 'Berlin HQ', address: 'Friedrichstraße 1, Berlin', roomIds: ['r1', 'r2'] });
  const calendars = new FakeCalendars();
  const clock = { now: Date.parse(options.now ?? '2026-03-20T08:00:00Z') };
  return {
    db,
    orgId,
    calendars,
    clock,
    deps: { db, calendars, now: () => clock.now, logger: process.env.DEBUG_LOG ? (await import('../../src/server/middleware/logging.js')).createJsonLogger() : silentLogger, bookingLinkBase: 'https://careers.example.test/book' },
  };
}

export async function createRequest(world: World, overrides: Partial<CreateBookingRequest> = {}) {
  const view = await createBookingRequest(world.deps, { orgId: world.orgId, userId: 'anna' }, {
    title: 'Interview: Backend Developer',
    applicant: { name: 'Jamie Doe', email: 'jamie@applicant.test' },
    participantIds: ['anna', 'ben'],
    organizerId: 'anna',
    durationMinutes: 60,
    timeZone: 'Europe/Berlin',
    locationId: 'hq',
    online: false,
    roomNeeded: true,
    period: { start: '2026-03-23T00:00:00.000Z', end: '2026-03-28T00:00:00.000Z' },
    allowReschedule: true,
    locale: 'de',
    ...overrides,
  });
  const token = new URL(view.link!).searchParams.get('booking')!;
  return { view, token };
}

/** The real Hono app over a world's store and fake calendars; Cronofy is unreachable on purpose. */
export async function createTestApp(world: World, extra: Partial<import('../../src/server/app.js').AppDeps> = {}) {
  const { createApp } = await import('../../src/server/app.js');
  const { createCronofyClient } = await import('../../src/cronofy/index.js');
  return createApp({
    db: world.db,
    box,
    cronofy: createCronofyClient({ apiUrl: 'http://127.0.0.1:9', appUrl: 'http://127.0.0.1:9', clientId: 'test', clientSecret: 'test-secret', timeoutMs: 200 }),
    calendars: world.calendars,
    now: world.deps.now,
    logger: process.env.DEBUG_LOG ? (await import('../../src/server/middleware/logging.js')).createJsonLogger() : silentLogger,
    config: {
      publicUrl: 'http://localhost:8787',
      bookingLinkBase: world.deps.bookingLinkBase,
      corsOrigins: ['https://careers.example.test'],
      cronofyClientSecrets: ['test-secret'],
      staticRoot: null,
    },
    ...extra,
  });
}

export async function json(response: Response): Promise<any> {
  return response.json();
}
