/**
 * In-browser fake of the admin API the availability editor and the room selector use, handed to an element through
 * its `fetch` property (or the context's). It keeps a tiny in-memory state (one user's availability, rooms, one
 * location) and serves the wire contract: every answer is run through the shared zod schemas, and every request
 * body through the schema the real route validates with, so an element that sends what the server would refuse
 * gets the server's 400. Tests script routes (status + body, network failure, a gate held until released) and read
 * the recorded calls. Each `createFakeAdminApi()` is independent: tests share no state.
 */
import { LoadRoomsResultSchema } from '../../../src/shared/api/connections.js';
import {
  CreateRoomSchema,
  LocationSchema,
  RoomAvailabilityQuerySchema,
  RoomAvailabilitySchema,
  RoomListSchema,
  RoomSchema,
  UpdateLocationSchema,
  type LocationView,
  type RoomView,
} from '../../../src/shared/api/rooms.js';
import { AvailabilitySchema, UpdateAvailabilitySchema, type AvailabilityView } from '../../../src/shared/api/users.js';

export const API = 'https://cal.example.test';
export const TOKEN = 'admin-token';
export const USER = 'anna';

export type Route =
  | 'GET /api/users/:id/availability'
  | 'PUT /api/users/:id/availability'
  | 'GET /api/rooms'
  | 'POST /api/rooms'
  | 'GET /api/rooms/availability'
  | 'POST /api/rooms/load'
  | 'GET /api/locations/:id'
  | 'PATCH /api/locations/:id';

export interface Reply {
  status: number;
  body: unknown;
}
export type Responder = (req: RecordedCall) => Reply | 'network-error' | Promise<Reply | 'network-error'>;

export interface RecordedCall {
  route: Route;
  url: URL;
  /** The id in the path (`:id`), if any. */
  id: string;
  body: unknown;
  headers: Headers;
  signal: AbortSignal | null;
}

export const errorBody = (code: string, message: string, details?: unknown) => ({
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

export const DEFAULT_AVAILABILITY: AvailabilityView = AvailabilitySchema.parse({
  userId: USER,
  timeZone: 'Europe/Berlin',
  weeklyHours: ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, start: '09:00', end: '17:00' })),
  isDefault: true,
  dateOverrides: [],
});

export const ROOMS: RoomView[] = [
  { id: 'elbe', name: 'Elbe', email: 'elbe@example.test', capacity: 6, source: 'loaded' },
  { id: 'spree', name: 'Spree', email: 'spree@example.test', capacity: 12, source: 'loaded' },
  { id: 'alster', name: 'Alster', email: 'alster@example.test', capacity: null, source: 'created' },
  { id: 'isar', name: 'Isar', email: 'isar@example.test', capacity: 4, source: 'loaded' },
].map((r) => RoomSchema.parse(r));

export const LOCATION: LocationView = LocationSchema.parse({
  id: 'hamburg',
  name: 'Hamburg office',
  address: 'Jungfernstieg 1',
  appointmentLocation: true,
  roomIds: ['elbe', 'spree', 'alster'],
});

export interface FakeAdminApi {
  fetch: typeof fetch;
  calls: RecordedCall[];
  /** Current server-side state, for assertions and set-up. */
  state: { availability: AvailabilityView; rooms: RoomView[]; location: LocationView; statuses: Record<string, 'free' | 'busy' | 'unknown'> };
  on(route: Route, responder: Responder): void;
  once(route: Route, responder: Responder): void;
  gate(route: Route): { reached: Promise<RecordedCall>; release: () => void };
  count(route: Route): number;
}

const ROUTES: [RegExp, string][] = [
  [/^\/api\/users\/([^/]+)\/availability$/, '/api/users/:id/availability'],
  [/^\/api\/rooms\/availability$/, '/api/rooms/availability'],
  [/^\/api\/rooms\/load$/, '/api/rooms/load'],
  [/^\/api\/rooms$/, '/api/rooms'],
  [/^\/api\/locations\/([^/]+)$/, '/api/locations/:id'],
];

const invalid = (issues: { path: PropertyKey[]; message: string }[]): Reply => ({
  status: 400,
  body: errorBody('validation_failed', 'invalid input', { issues: issues.map((i) => ({ path: i.path.join('.'), message: i.message })) }),
});

export function createFakeAdminApi(init: { availability?: Partial<AvailabilityView>; rooms?: RoomView[]; location?: LocationView } = {}): FakeAdminApi {
  const state: FakeAdminApi['state'] = {
    availability: AvailabilitySchema.parse({ ...DEFAULT_AVAILABILITY, ...init.availability }),
    rooms: init.rooms ?? [...ROOMS],
    location: init.location ?? LOCATION,
    statuses: { elbe: 'busy', spree: 'free', alster: 'unknown', isar: 'free' },
  };
  const standing: Record<Route, Responder> = {
    'GET /api/users/:id/availability': () => ({ status: 200, body: AvailabilitySchema.parse(state.availability) }),
    'PUT /api/users/:id/availability': ({ body }) => {
      const parsed = UpdateAvailabilitySchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error.issues);
      const weeklyHours = parsed.data.weeklyHours === null ? DEFAULT_AVAILABILITY.weeklyHours : (parsed.data.weeklyHours ?? state.availability.weeklyHours);
      state.availability = AvailabilitySchema.parse({
        ...state.availability,
        weeklyHours,
        isDefault: parsed.data.weeklyHours === null,
        dateOverrides: parsed.data.dateOverrides ?? state.availability.dateOverrides,
      });
      return { status: 200, body: state.availability };
    },
    'GET /api/rooms': () => ({ status: 200, body: RoomListSchema.parse({ items: [...state.rooms].sort((a, b) => a.name.localeCompare(b.name)) }) }),
    'POST /api/rooms': ({ body }) => {
      const parsed = CreateRoomSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error.issues);
      if (state.rooms.some((r) => r.email === parsed.data.email)) return { status: 409, body: errorBody('conflict', 'e-mail taken') };
      const room = RoomSchema.parse({ id: parsed.data.id ?? parsed.data.name.toLowerCase(), name: parsed.data.name, email: parsed.data.email, capacity: parsed.data.capacity, source: 'created' });
      state.rooms.push(room);
      return { status: 201, body: room };
    },
    'GET /api/rooms/availability': ({ url }) => {
      const parsed = RoomAvailabilityQuerySchema.safeParse(Object.fromEntries(url.searchParams));
      if (!parsed.success) return invalid(parsed.error.issues);
      const ids = parsed.data.locationId ? state.location.roomIds : state.rooms.map((r) => r.id);
      const rooms = ids.flatMap((id) => {
        const room = state.rooms.find((r) => r.id === id);
        if (!room) return [];
        const status = state.statuses[id] ?? 'free';
        return [{ roomId: id, name: room.name, status, busy: status === 'busy' ? [{ start: parsed.data.start, end: parsed.data.end }] : [] }];
      });
      return { status: 200, body: RoomAvailabilitySchema.parse({ start: parsed.data.start, end: parsed.data.end, rooms }) };
    },
    'POST /api/rooms/load': () => {
      const found = RoomSchema.parse({ id: 'isar', name: 'Isar', email: 'isar@example.test', capacity: 4, source: 'loaded' });
      if (!state.rooms.some((r) => r.id === found.id)) state.rooms.push(found);
      return { status: 200, body: LoadRoomsResultSchema.parse({ items: state.rooms, loaded: 3, authorizationsRequested: 1 }) };
    },
    'GET /api/locations/:id': ({ id }) =>
      id === state.location.id ? { status: 200, body: LocationSchema.parse(state.location) } : { status: 404, body: errorBody('not_found', 'location not found') },
    'PATCH /api/locations/:id': ({ body }) => {
      const parsed = UpdateLocationSchema.safeParse(body);
      if (!parsed.success) return invalid(parsed.error.issues);
      state.location = LocationSchema.parse({ ...state.location, ...parsed.data });
      return { status: 200, body: state.location };
    },
  };
  const queued = new Map<Route, Responder[]>();
  const calls: RecordedCall[] = [];

  const fake: typeof fetch = async (input, reqInit = {}) => {
    const url = new URL(String(input));
    if (url.origin !== API) throw new TypeError(`unexpected URL ${url}`);
    const match = ROUTES.map(([re, name]) => [re.exec(url.pathname), name] as const).find(([m]) => m);
    if (!match) throw new TypeError(`no route for ${url.pathname}`);
    const route = `${reqInit.method ?? 'GET'} ${match[1]}` as Route;
    const call: RecordedCall = {
      route,
      url,
      id: decodeURIComponent(match[0]![1] ?? ''),
      body: typeof reqInit.body === 'string' ? JSON.parse(reqInit.body) : undefined,
      headers: new Headers(reqInit.headers),
      signal: reqInit.signal ?? null,
    };
    calls.push(call);
    const responder = queued.get(route)?.shift() ?? standing[route];
    if (!responder) throw new TypeError(`no route ${route}`);
    const signal = reqInit.signal;
    const reply = await Promise.race([
      Promise.resolve(responder(call)),
      new Promise<never>((_, reject) => {
        if (signal?.aborted) reject(new DOMException('Aborted', 'AbortError'));
        signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
      }),
    ]);
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(reply.status === 204 ? null : JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  };

  return {
    fetch: fake,
    calls,
    state,
    on: (route, responder) => void (standing[route] = responder),
    once: (route, responder) => queued.set(route, [...(queued.get(route) ?? []), responder]),
    gate(route) {
      let release!: () => void;
      let reached!: (c: RecordedCall) => void;
      const open = new Promise<void>((r) => (release = r));
      const arrived = new Promise<RecordedCall>((r) => (reached = r));
      this.once(route, async (call) => {
        reached(call);
        await open;
        return standing[route](call);
      });
      return { reached: arrived, release };
    },
    count: (route) => calls.filter((c) => c.route === route).length,
  };
}
