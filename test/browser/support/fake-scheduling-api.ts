/**
 * In-browser fake of the recruiter scheduling API (availability check, appointments, replies, booking requests and
 * the look-ups users / locations / rooms / settings), handed to the elements through their `fetch` property — no
 * global stubbing, so tests cannot leak into each other. Every fixture and every generated answer is parsed with
 * the shared zod schemas, so a fake that drifts from the contract fails loudly. Tests script a route with a
 * status + body, a network failure, or a gate holding the answer until released; every call is recorded.
 *
 * The default availability answer is computed from the request: each participant is busy where `busy` says,
 * unknown (with a reason) where `unknown` says, free otherwise; suggestions are the `suggestions` starts as blocks
 * of one time per applicant (back-to-back) or one shared time. The booking-request preview (and a created request's
 * `availability`) reads `slotCount` and `freeCandidates`, and refuses participants whose `unknown` reason is a
 * connection problem with 422 `participants_not_connected`, as the server does.
 */
import {
  AppointmentChangeSchema,
  AppointmentListSchema,
  AppointmentViewSchema,
  AvailabilityCheckRequestSchema,
  AvailabilityCheckSchema,
  ParticipantRepliesSchema,
  type AppointmentView,
  type AvailabilityCheck,
  type CheckedResource,
  type ParticipantReplies,
  type UnknownReason,
} from '../../../src/shared/api/appointments.js';
import {
  BookingRequestPreviewSchema,
  BookingRequestViewSchema,
  PreviewBookingRequestSchema,
  type BookingRequestPreview,
  type BookingRequestView,
} from '../../../src/shared/api/booking-requests.js';
import { LocationListSchema, RoomListSchema } from '../../../src/shared/api/rooms.js';
import { UserListSchema, type UserView } from '../../../src/shared/api/users.js';

export const API = 'https://cal.example.test';
export const TOKEN = 'recruiter-token';

const user = (id: string, name: string, extra: Partial<UserView> = {}): UserView => ({
  id,
  name,
  email: `${id}@example.test`,
  timeZone: 'Europe/Berlin',
  roles: ['recruiter'],
  active: true,
  integrationActive: true,
  participateOwn: true,
  connectionStatus: 'connected_individual',
  ...extra,
});

export const USERS: UserView[] = [
  user('anna', 'Anna Schmidt'),
  user('ben', 'Ben Weber', { connectionStatus: 'connected_central' }),
  user('cem', 'Cem Yilmaz', { connectionStatus: 'not_connected' }),
  user('dora', 'Dora Klein', { connectionStatus: 'failed' }),
];

export const LOCATIONS = LocationListSchema.parse({
  items: [
    { id: 'hq', name: 'Head office Berlin', address: 'Hauptstraße 1', appointmentLocation: true, roomIds: ['spree', 'havel'] },
    { id: 'remote', name: 'Remote office', address: null, appointmentLocation: true, roomIds: [] },
    { id: 'storage', name: 'Storage', address: null, appointmentLocation: false, roomIds: [] },
  ],
}).items;

export const ROOMS = RoomListSchema.parse({
  items: [
    { id: 'spree', name: 'Spree', email: 'spree@rooms.example.test', capacity: 6, source: 'loaded' },
    { id: 'havel', name: 'Havel', email: 'havel@rooms.example.test', capacity: 4, source: 'loaded' },
  ],
}).items;

export function settings(tier: 'basic' | 'plus' = 'plus') {
  return {
    organizationId: 'org-1',
    name: 'Example GmbH',
    integrationEnabled: true,
    tier,
    settings: {
      allowedProviders: ['google'],
      createEventsPrivate: false,
      dataCenter: 'de',
      booking: { durationMinutes: 45, intervalMinutes: 15, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, windowStartDays: 1, windowEndDays: 32, holdMinutes: 5 },
      retentionDays: 180,
      showSetupPrompt: false,
    },
    webhook: { url: null, secretSet: false },
  };
}

export function appointment(overrides: Partial<AppointmentView> = {}): AppointmentView {
  return AppointmentViewSchema.parse({
    id: 'apt-1',
    status: 'confirmed',
    title: 'Interview',
    organizerId: 'anna',
    participantIds: ['anna', 'ben'],
    applicants: [{ name: 'Jamie Doe', email: 'jamie@applicant.test' }],
    start: '2030-03-12T09:00:00Z', // Tue 12 March 2030, 10:00 Berlin (CET)
    end: '2030-03-12T10:00:00Z',
    timeZone: 'Europe/Berlin',
    location: null,
    roomId: null,
    private: false,
    comment: null,
    sequence: 0,
    calendarState: 'written',
    bookingRequestId: null,
    ...overrides,
  });
}

export function replies(overrides: Partial<ParticipantReplies> = {}): ParticipantReplies {
  return ParticipantRepliesSchema.parse({
    appointmentId: 'apt-1',
    organizer: { id: 'anna', name: 'Anna Schmidt', attends: true },
    attendees: [
      { kind: 'participant', id: 'anna', name: 'Anna Schmidt', email: 'anna@example.test', status: 'accepted', changedAt: '2030-03-01T10:00:00Z' },
      { kind: 'participant', id: 'ben', name: 'Ben Weber', email: 'ben@example.test', status: 'tentative', changedAt: null },
      { kind: 'applicant', name: 'Jamie Doe', email: 'jamie@applicant.test', status: 'needs_action', changedAt: null },
      { kind: 'room', id: 'spree', name: 'Spree', email: 'spree@rooms.example.test', status: 'declined', changedAt: null },
    ],
    source: 'calendar',
    ...overrides,
  });
}

export function bookingView(overrides: Partial<BookingRequestView> = {}): BookingRequestView {
  return BookingRequestViewSchema.parse({
    id: 'brq-1',
    status: 'open',
    failureReason: null,
    title: 'Interview',
    participantIds: ['anna', 'ben'],
    timeZone: 'Europe/Berlin',
    period: { start: '2026-11-25T23:00:00Z', end: '2026-12-09T23:00:00Z' },
    roomNeeded: false,
    appointment: null,
    ...overrides,
  });
}

export type Route =
  | 'GET /api/users'
  | 'GET /api/locations'
  | 'GET /api/rooms'
  | 'GET /api/settings'
  | 'POST /api/availability-check'
  | 'POST /api/appointments'
  | 'GET /api/appointments/:id'
  | 'PATCH /api/appointments/:id'
  | 'DELETE /api/appointments/:id'
  | 'GET /api/appointments/:id/participants'
  | 'POST /api/booking-requests'
  | 'POST /api/booking-requests/preview'
  | 'GET /api/booking-requests/:id'
  | 'POST /api/booking-requests/:id/resend'
  | 'POST /api/booking-requests/:id/cancel';

export interface Reply {
  status: number;
  body: unknown;
}
export interface RecordedCall {
  route: Route;
  url: URL;
  body: unknown;
  headers: Headers;
  signal: AbortSignal | null;
}
export type Responder = (call: RecordedCall) => Reply | 'network-error' | Promise<Reply | 'network-error'>;

export const errorBody = (code: string, message: string, details?: unknown) => ({
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

export interface World {
  users: UserView[];
  tier: 'basic' | 'plus';
  /** Busy intervals per participant id. */
  busy: Record<string, Array<{ start: string; end: string }>>;
  /** Participants whose state is unknown, with the reason. */
  unknown: Record<string, UnknownReason>;
  /** Starts of the suggested blocks. */
  suggestions: string[];
  /** Participants with unreadable calendars reported in `unverifiedParticipantIds`. */
  unverified: string[];
  /** Bookable times a booking-request period has for everyone; 0 whenever a participant has no free candidate. */
  slotCount: number;
  /** Free candidate times per participant in a booking-request period (20 for anyone not listed). */
  freeCandidates: Record<string, number>;
}

export interface FakeApi {
  fetch: typeof fetch;
  calls: RecordedCall[];
  world: World;
  on(route: Route, responder: Responder): void;
  once(route: Route, responder: Responder): void;
  gate(route: Route): { reached: Promise<RecordedCall>; release: () => void };
  count(route: Route): number;
  last(route: Route): RecordedCall | undefined;
}

const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

/** The default availability answer for a request body, computed from the world. */
export function answerCheck(world: World, raw: unknown): AvailabilityCheck {
  const req = AvailabilityCheckRequestSchema.parse(raw);
  const length = req.durationMinutes * MIN;
  const s = req.schedule;
  const starts =
    s.mode === 'shared'
      ? [Date.parse(s.start)]
      : s.mode === 'back_to_back'
        ? Array.from({ length: req.applicantCount }, (_, i) => Date.parse(s.start) + i * length)
        : s.starts.map((x) => Date.parse(x));
  const name = (id: string) => world.users.find((u) => u.id === id)?.name ?? id;
  const stateOf = (id: string, start: number, end: number): CheckedResource => {
    const reason = world.unknown[id];
    if (reason) return { id, name: name(id), state: 'unknown', reason };
    const busy = (world.busy[id] ?? []).some((b) => Date.parse(b.start) < end && Date.parse(b.end) > start);
    return busy ? { id, name: name(id), state: 'busy', busyBecause: 'calendar' } : { id, name: name(id), state: 'free' };
  };
  const room = req.roomId ? ROOMS.find((r) => r.id === req.roomId) : undefined;
  const times = starts.map((start) => {
    const end = start + length;
    const participants = req.participantIds.map((id) => stateOf(id, start, end));
    const roomState: CheckedResource | null = room ? { id: room.id, name: room.name, state: 'free' } : null;
    const states = [...participants, ...(roomState ? [roomState] : [])].map((p) => p.state);
    const state = states.includes('busy') ? 'busy' : states.includes('unknown') ? 'unknown' : 'free';
    return { start: iso(start), end: iso(end), state, participants, room: roomState };
  });
  const blocks = s.mode === 'shared' ? 1 : starts.length;
  const suggestions = world.suggestions.slice(0, req.suggestionCount).map((x) => {
    const start = Date.parse(x);
    return {
      start: iso(start),
      end: iso(start + blocks * length),
      times: Array.from({ length: blocks }, (_, i) => ({ start: iso(start + i * length), end: iso(start + (i + 1) * length) })),
    };
  });
  return AvailabilityCheckSchema.parse({
    timeZone: req.timeZone,
    durationMinutes: req.durationMinutes,
    times,
    suggestions,
    unverifiedParticipantIds: world.unverified.filter((id) => req.participantIds.includes(id)),
  });
}

const CONNECTION_REASONS: readonly string[] = ['not_connected', 'connection_failed', 'integration_off'];

/** What the server computes for a booking-request draft, from the world (no connection check). */
export function availabilityOf(world: World, participantIds: readonly string[]): BookingRequestPreview {
  const participants = participantIds.map((id) => ({
    id,
    name: world.users.find((u) => u.id === id)?.name ?? id,
    freeCandidateCount: world.freeCandidates[id] ?? 20,
  }));
  return BookingRequestPreviewSchema.parse({
    slotCount: participants.some((p) => p.freeCandidateCount === 0) ? 0 : world.slotCount,
    participants,
  });
}

/** The default answer of `POST /api/booking-requests/preview`: 422s as the server's, else the world's availability. */
export function answerPreview(world: World, raw: unknown): Reply {
  const parsed = PreviewBookingRequestSchema.safeParse(raw);
  if (!parsed.success) return { status: 422, body: errorBody('validation_failed', parsed.error.message) };
  const ids = [...new Set(parsed.data.participantIds)];
  const unconnected = ids.filter((id) => CONNECTION_REASONS.includes(world.unknown[id] ?? ''));
  if (unconnected.length) {
    const users = unconnected.map((id) => ({ id, name: world.users.find((u) => u.id === id)?.name ?? id }));
    return { status: 422, body: errorBody('participants_not_connected', 'Every participant needs a connected calendar.', { users }) };
  }
  return { status: 200, body: availabilityOf(world, ids) };
}

export function createFakeApi(init: Partial<World> = {}): FakeApi {
  const world: World = {
    users: USERS,
    tier: 'plus',
    busy: {},
    unknown: { cem: 'not_connected', dora: 'connection_failed' },
    suggestions: ['2030-03-12T13:00:00Z', '2030-03-13T08:00:00Z'],
    unverified: [],
    slotCount: 12,
    freeCandidates: {},
    ...init,
  };
  let current = appointment();
  let request = bookingView();
  const standing: Record<Route, Responder> = {
    'GET /api/users': ({ url }) => {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const items = world.users.filter((u) => !q || u.name.toLowerCase().includes(q) || u.email.includes(q));
      return { status: 200, body: UserListSchema.parse({ items, total: items.length }) };
    },
    'GET /api/locations': () => ({ status: 200, body: { items: LOCATIONS } }),
    'GET /api/rooms': () =>
      world.tier === 'plus' ? { status: 200, body: { items: ROOMS } } : { status: 403, body: errorBody('plus_required', 'Plus needed') },
    'GET /api/settings': () => ({ status: 200, body: settings(world.tier) }),
    'POST /api/availability-check': ({ body }) => ({ status: 200, body: answerCheck(world, body) }),
    'POST /api/appointments': ({ body }) => {
      const b = body as {
        schedule: { mode: string; start?: string; starts?: string[] };
        applicants: Array<{ name: string; email: string }>;
        durationMinutes: number;
        participantIds: string[];
        timeZone: string;
      };
      const starts = b.schedule.mode === 'individual' ? b.schedule.starts! : [b.schedule.start!];
      const appointments = starts.map((start, i) =>
        appointment({
          id: `apt-new-${i}`,
          participantIds: b.participantIds,
          applicants: b.schedule.mode === 'individual' ? [b.applicants[i]!] : b.applicants,
          start,
          end: iso(Date.parse(start) + b.durationMinutes * MIN),
          timeZone: b.timeZone,
        }),
      );
      return { status: 201, body: AppointmentListSchema.parse({ appointments }) };
    },
    'GET /api/appointments/:id': () => ({ status: 200, body: current }),
    'PATCH /api/appointments/:id': ({ body }) => {
      const b = body as { start?: string; durationMinutes?: number; roomId?: string | null };
      const minutes = b.durationMinutes ?? (Date.parse(current.end) - Date.parse(current.start)) / MIN;
      const start = b.start ?? current.start;
      const change = b.start && b.start !== current.start ? 'rescheduled' : b.roomId !== undefined ? 'room_changed' : 'unchanged';
      current = { ...current, start, end: iso(Date.parse(start) + minutes * MIN), roomId: b.roomId === undefined ? current.roomId : b.roomId, sequence: current.sequence + 1 };
      return { status: 200, body: AppointmentChangeSchema.parse({ appointment: current, change, applicantNotified: change !== 'room_changed' }) };
    },
    'DELETE /api/appointments/:id': () => {
      current = { ...current, status: 'cancelled', calendarState: 'deleted' };
      return { status: 200, body: current };
    },
    'GET /api/appointments/:id/participants': () => ({ status: 200, body: replies() }),
    'POST /api/booking-requests': ({ body }) => {
      const b = body as { participantIds: string[]; timeZone: string; period: { start: string; end: string }; roomNeeded?: boolean; title: string };
      request = bookingView({
        participantIds: b.participantIds,
        timeZone: b.timeZone,
        period: b.period,
        roomNeeded: b.roomNeeded ?? false,
        title: b.title,
      });
      const availability = availabilityOf(world, b.participantIds);
      return { status: 201, body: BookingRequestViewSchema.parse({ ...request, availability, link: 'https://jobs.example.test/book?booking=tok-abc' }) };
    },
    'POST /api/booking-requests/preview': ({ body }) => answerPreview(world, body),
    'GET /api/booking-requests/:id': () => ({ status: 200, body: request }),
    'POST /api/booking-requests/:id/resend': ({ body }) => {
      request = { ...request, status: 'open', failureReason: null, period: (body as { period: { start: string; end: string } }).period };
      return { status: 200, body: BookingRequestViewSchema.parse({ ...request, link: 'https://jobs.example.test/book?booking=tok-new' }) };
    },
    'POST /api/booking-requests/:id/cancel': () => {
      request = { ...request, status: 'cancelled' };
      return { status: 200, body: request };
    },
  };
  const queued = new Map<Route, Responder[]>();
  const calls: RecordedCall[] = [];

  const routeOf = (method: string, path: string): Route => {
    const p = path
      .replace(/^\/api\/appointments\/[^/]+\/participants$/, '/api/appointments/:id/participants')
      .replace(/^\/api\/appointments\/[^/]+$/, '/api/appointments/:id')
      .replace(/^\/api\/booking-requests\/[^/]+\/(resend|cancel)$/, '/api/booking-requests/:id/$1')
      .replace(/^\/api\/booking-requests\/(?!preview$)[^/]+$/, '/api/booking-requests/:id');
    return `${method} ${p}` as Route;
  };

  const fake: typeof fetch = async (input, reqInit = {}) => {
    const url = new URL(String(input));
    if (url.origin !== API) throw new TypeError(`unexpected origin ${url.origin}`);
    const route = routeOf(reqInit.method ?? 'GET', url.pathname);
    const call: RecordedCall = {
      route,
      url,
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
    return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
  };

  return {
    fetch: fake,
    calls,
    world,
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
    last: (route) => calls.filter((c) => c.route === route).at(-1),
  };
}
