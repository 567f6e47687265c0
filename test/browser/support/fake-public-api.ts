/**
 * In-browser fake of the public booking API, handed to `<dv-slot-picker>` through its `fetch` property (the seam:
 * no global stubbing, so tests cannot leak into each other). It serves the wire contract's JSON — every fixture is
 * run through the shared zod schemas, so a fixture that drifts from the contract fails loudly — and lets a test
 * script each route: a status + body, a network failure, or a gate that holds the answer until the test releases it.
 * Every request is recorded (method, path, body, headers) so tests can assert "no refetch" and idempotency keys.
 */
import {
  BookedAppointmentSchema,
  BookingDetailsSchema,
  HoldSchema,
  SlotListSchema,
  type BookedAppointment,
  type BookingDetails,
  type PublicSlot,
} from '../../../src/shared/api/public-booking.js';

export const TOKEN = 'tok-123';
export const API = 'https://cal.example.test';

/** 60-minute slots; Berlin local times in comments (CEST, UTC+2). */
export const SLOTS: PublicSlot[] = [
  ['2026-03-30T07:00:00Z', '2026-03-30T08:00:00Z'], // Mon 30 March 09:00
  ['2026-03-30T08:30:00Z', '2026-03-30T09:30:00Z'], // 10:30
  ['2026-03-30T11:00:00Z', '2026-03-30T12:00:00Z'], // 13:00
  ['2026-03-30T13:30:00Z', '2026-03-30T14:30:00Z'], // 15:30
  ['2026-04-01T08:00:00Z', '2026-04-01T09:00:00Z'], // Wed 1 April 10:00
  ['2026-04-01T12:00:00Z', '2026-04-01T13:00:00Z'], // 14:00
  ['2026-04-01T23:00:00Z', '2026-04-02T00:00:00Z'], // Thu 2 April 01:00 — still 1 April in New York (19:00)
  ['2026-04-14T07:00:00Z', '2026-04-14T08:00:00Z'], // Tue 14 April 09:00
].map(([start, end]) => ({ start: start!, end: end! }));

export function details(overrides: Partial<BookingDetails> = {}): BookingDetails {
  return BookingDetailsSchema.parse({
    status: 'open',
    title: 'Interview: Frontend Engineer',
    organizationName: 'Example GmbH',
    durationMinutes: 60,
    timeZone: 'Europe/Berlin',
    location: { kind: 'onsite', name: 'Head office', address: 'Hauptstraße 1, Berlin' },
    interviewers: [{ displayName: 'Anna' }, { displayName: 'Head of Engineering' }],
    period: { start: '2026-03-29T22:00:00Z', end: '2026-04-18T22:00:00Z' },
    holdMinutes: 10,
    allowReschedule: true,
    locale: 'en',
    appointment: null,
    ...overrides,
  });
}

export const appointmentFor = (slot: PublicSlot): BookedAppointment =>
  BookedAppointmentSchema.parse({ ...slot, timeZone: 'Europe/Berlin', location: details().location });

export type Route =
  | 'GET /'
  | 'GET /slots'
  | 'POST /holds'
  | 'DELETE /holds/:id'
  | 'POST /appointment'
  | 'PUT /appointment'
  | 'POST /decline'
  | 'GET /appointment.ics';

export interface Reply {
  status: number;
  body: unknown;
}
export type Responder = (req: RecordedCall) => Reply | 'network-error' | Promise<Reply | 'network-error'>;

export interface RecordedCall {
  route: Route;
  url: string;
  body: unknown;
  headers: Headers;
  signal: AbortSignal | null;
}

export const errorBody = (code: string, message: string, details?: unknown) => ({
  error: { code, message, ...(details === undefined ? {} : { details }) },
});

export interface FakeApi {
  fetch: typeof fetch;
  calls: RecordedCall[];
  /** Replace a route's responder for all later calls. */
  on(route: Route, responder: Responder): void;
  /** Answer the next call of `route` with `responder`, then fall back to the standing one. */
  once(route: Route, responder: Responder): void;
  /** Hold the next answer of `route` until `release()`; `reached` resolves when the request arrives. */
  gate(route: Route): { reached: Promise<void>; release: () => void };
  count(route: Route): number;
}

export function createFakeApi(init: { details?: BookingDetails; slots?: PublicSlot[] } = {}): FakeApi {
  let current = init.details ?? details();
  const slots = init.slots ?? SLOTS;
  const standing: Record<Route, Responder> = {
    'GET /': () => ({ status: 200, body: current }),
    'GET /slots': () =>
      current.status === 'open' || current.status === 'booked'
        ? { status: 200, body: SlotListSchema.parse({ timeZone: current.timeZone, durationMinutes: 60, slots }) }
        : { status: 410, body: errorBody('booking_closed', 'closed') },
    'POST /holds': ({ body }) => {
      const slot = slots.find((s) => s.start === (body as { start: string }).start)!;
      return { status: 201, body: HoldSchema.parse({ holdId: 'hold-1', ...slot, expiresAt: '2026-03-30T06:10:00Z' }) };
    },
    'DELETE /holds/:id': () => ({ status: 204, body: '' }),
    'POST /appointment': ({ body }) => {
      const slot = slots.find((s) => s.start === (body as { start: string }).start)!;
      const appointment = appointmentFor(slot);
      current = { ...current, status: 'booked', appointment };
      return { status: 201, body: appointment };
    },
    'PUT /appointment': ({ body }) => {
      const slot = slots.find((s) => s.start === (body as { start: string }).start)!;
      return { status: 200, body: appointmentFor(slot) };
    },
    'POST /decline': () => {
      current = { ...current, status: 'declined' };
      return { status: 200, body: current };
    },
    'GET /appointment.ics': () => ({ status: 200, body: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }),
  };
  const queued = new Map<Route, Responder[]>();
  const calls: RecordedCall[] = [];
  const prefix = `${API}/api/public/bookings/${TOKEN}`;

  const fake: typeof fetch = async (input, reqInit = {}) => {
    const url = String(input);
    if (!url.startsWith(prefix)) throw new TypeError(`unexpected URL ${url}`);
    const path = url.slice(prefix.length) || '/';
    // Ids in paths are recorded in `url`; the route names the endpoint.
    const route = `${reqInit.method ?? 'GET'} ${path.replace(/^\/holds\/.+/, '/holds/:id')}` as Route;
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
        if (signal?.aborted) reject(signal.reason);
        signal?.addEventListener('abort', () => reject(new DOMException('Aborted', 'AbortError')));
      }),
    ]);
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    return new Response(reply.status === 204 ? null : text, { status: reply.status, headers: { 'content-type': 'application/json' } });
  };

  return {
    fetch: fake,
    calls,
    on: (route, responder) => void (standing[route] = responder),
    once: (route, responder) => queued.set(route, [...(queued.get(route) ?? []), responder]),
    gate(route) {
      let release!: () => void;
      let reached!: () => void;
      const open = new Promise<void>((r) => (release = r));
      const arrived = new Promise<void>((r) => (reached = r));
      this.once(route, async (call) => {
        reached();
        await open;
        return standing[route](call);
      });
      return { reached: arrived, release };
    },
    count: (route) => calls.filter((c) => c.route === route).length,
  };
}
