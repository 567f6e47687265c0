/**
 * In-browser fake of the connection, admin-listing, service-account and stream-ticket API, handed to the connection
 * elements through their `fetch` property (no global stubbing), plus a fake EventSource handed in through
 * `eventSourceFactory`. The fake keeps a small mutable server state per instance (connections, users, service
 * account, tier) so actions change what the next read returns; every answer is parsed with the contract's zod
 * schemas first, so a fixture that drifts from the contract fails loudly. Routes can be scripted (status + body,
 * network failure) or gated (held until the test releases them); every request is recorded.
 */
import {
  AuthorizeUrlSchema,
  CentralConnectSchema,
  ConnectionViewSchema,
  LoadRoomsResultSchema,
  ServiceAccountViewSchema,
  type ConnectionView,
  type ServiceAccountView,
} from '../../../src/shared/api/connections.js';
import { StreamTicketSchema } from '../../../src/shared/api/live.js';
import { ConnectionListSchema, type ConnectionList, type ConnectionStatusValue } from '../../../src/shared/api/users.js';
import type { EventSourceLike } from '../../../src/client/live-client.js';

export const API = 'https://cal.example.test';
export const CONSENT = 'https://app.cronofy.test/oauth/authorize?client_id=x&state=s1';
export const SA_CONSENT = 'https://app.cronofy.test/enterprise_connect/oauth/authorize?state=s2';

export interface FakeUser {
  userId: string;
  name: string;
  email: string;
  integrationActive: boolean;
}

export const USERS: FakeUser[] = [
  { userId: 'u-anna', name: 'Anna Schmidt', email: 'anna@example.com', integrationActive: true },
  { userId: 'u-ben', name: 'Ben Müller', email: 'ben@example.com', integrationActive: true },
  { userId: 'u-clara', name: 'Clara Weiß', email: 'clara@example.com', integrationActive: true },
  { userId: 'u-dora', name: 'Dora Yilmaz', email: 'dora@example.com', integrationActive: true },
  { userId: 'u-emil', name: 'Emil Adler', email: 'emil@example.com', integrationActive: false },
];

export function view(userId: string, status: ConnectionStatusValue, extra: Partial<ConnectionView> = {}): ConnectionView {
  const connected = status === 'connected_individual' || status === 'connected_central' || status === 'failed';
  return ConnectionViewSchema.parse({
    userId,
    status,
    provider: connected ? (status === 'connected_central' ? 'office365' : 'google') : null,
    profileName: connected ? `${userId}@example.com` : null,
    profileEmail: connected ? `${userId}@example.com` : null,
    failedReason: status === 'failed' ? 'profile_disconnected' : null,
    failedSince: status === 'failed' ? '2026-03-12T13:05:00Z' : null,
    centralAvailable: false,
    ...extra,
  });
}

export function serviceAccount(status: ServiceAccountView['status']): ServiceAccountView {
  return ServiceAccountViewSchema.parse(
    status === 'not_connected'
      ? { connected: false, email: null, provider: null, domain: null, status, connectedAt: null }
      : { connected: status === 'connected', email: 'calendar-service@example.com', provider: 'office365', domain: 'example.com', status, connectedAt: '2026-02-01T09:30:00Z' },
  );
}

export const errorBody = (code: string, message = code) => ({ error: { code, message } });

export interface Reply {
  status: number;
  body?: unknown;
}
export type Responder = (call: RecordedCall) => Reply | 'network-error' | Promise<Reply | 'network-error'>;

export interface RecordedCall {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: Headers;
  key: string;
}

export interface FakeConnectionsApi {
  fetch: typeof fetch;
  calls: RecordedCall[];
  connections: Map<string, ConnectionView>;
  users: FakeUser[];
  sa: ServiceAccountView;
  tier: 'basic' | 'plus';
  /** Answer `key` (e.g. `GET /api/users/:id/connection`) with a script instead of the fake state. */
  script(key: string, responder: Responder): void;
  /** Hold the next `key` request until `release()`; `reached` resolves when it arrives. */
  gate(key: string): { reached: Promise<void>; release: () => void };
  count(key: string): number;
}

/** Route keys with the user id replaced by `:id`. */
function routeKey(method: string, path: string): string {
  return `${method} ${path.replace(/^\/api\/users\/[^/]+/, '/api/users/:id')}`;
}

export function createFakeConnectionsApi(init: { statuses?: Record<string, ConnectionStatusValue>; sa?: ServiceAccountView['status']; tier?: 'basic' | 'plus' } = {}): FakeConnectionsApi {
  const connections = new Map<string, ConnectionView>();
  const statuses = init.statuses ?? { 'u-anna': 'connected_individual', 'u-ben': 'connected_central', 'u-clara': 'failed', 'u-dora': 'not_connected', 'u-emil': 'not_connected' };
  for (const [id, s] of Object.entries(statuses)) connections.set(id, view(id, s));
  const scripts = new Map<string, Responder>();
  const gates = new Map<string, { arrived: () => void; wait: Promise<void> }>();
  const calls: RecordedCall[] = [];
  let ticketN = 0;

  const api: FakeConnectionsApi = {
    calls,
    connections,
    users: USERS.map((u) => ({ ...u })),
    sa: serviceAccount(init.sa ?? 'connected'),
    tier: init.tier ?? 'plus',
    script: (key, responder) => void scripts.set(key, responder),
    gate(key) {
      let arrived!: () => void;
      let release!: () => void;
      const reached = new Promise<void>((r) => (arrived = r));
      const wait = new Promise<void>((r) => (release = r));
      gates.set(key, { arrived, wait });
      return { reached, release };
    },
    count: (key) => calls.filter((c) => c.key === key).length,
    fetch: async (input, reqInit) => {
      const url = new URL(String(input));
      const method = (reqInit?.method ?? 'GET').toUpperCase();
      const key = routeKey(method, url.pathname);
      const text = typeof reqInit?.body === 'string' ? reqInit.body : undefined;
      const call: RecordedCall = { method, path: url.pathname, query: url.searchParams, body: text ? JSON.parse(text) : undefined, headers: new Headers(reqInit?.headers), key };
      calls.push(call);
      const gate = gates.get(key);
      if (gate) {
        gates.delete(key);
        gate.arrived();
        await gate.wait;
      }
      if (reqInit?.signal?.aborted) throw new DOMException('aborted', 'AbortError');
      const scripted = scripts.get(key);
      const reply = scripted ? await scripted(call) : serve(api, call, () => `ticket-${++ticketN}-abcdefghijklmnopqrstuvwxyz`);
      if (reply === 'network-error') throw new TypeError('Failed to fetch');
      return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
        status: reply.status,
        headers: { 'content-type': 'application/json' },
      });
    },
  };
  return api;
}

function plusAdmin(api: FakeConnectionsApi): Reply | null {
  return api.tier === 'plus' ? null : { status: 403, body: errorBody('plus_required', 'This feature needs the Plus tier of the calendar integration.') };
}

function serve(api: FakeConnectionsApi, call: RecordedCall, nextTicket: () => string): Reply {
  const userId = decodeURIComponent(call.path.split('/')[3] ?? '');
  const current = () => api.connections.get(userId) ?? view(userId, 'not_connected');
  const central = () => ({ ...current(), centralAvailable: api.tier === 'plus' && api.sa.status === 'connected' });
  switch (call.key) {
    case 'GET /api/users/:id/connection':
      return { status: 200, body: ConnectionViewSchema.parse(central()) };
    case 'POST /api/users/:id/connection/authorize':
      return { status: 200, body: AuthorizeUrlSchema.parse({ url: CONSENT }) };
    case 'DELETE /api/users/:id/connection':
      api.connections.set(userId, view(userId, 'not_connected'));
      return { status: 200, body: ConnectionViewSchema.parse(central()) };
    case 'POST /api/users/:id/connection/central': {
      const denied = plusAdmin(api);
      if (denied) return denied;
      const c = current();
      if (c.status === 'not_connected') api.connections.set(userId, view(userId, 'syncing'));
      return { status: 202, body: CentralConnectSchema.parse({ userId, status: api.connections.get(userId)!.status }) };
    }
    case 'GET /api/connections': {
      const status = call.query.get('status');
      const q = (call.query.get('q') ?? '').toLowerCase();
      const limit = Number(call.query.get('limit') ?? 100);
      const offset = Number(call.query.get('offset') ?? 0);
      const rows = api.users.map((u) => {
        const c = api.connections.get(u.userId) ?? view(u.userId, 'not_connected');
        const { centralAvailable: _drop, userId: _id, ...rest } = c;
        void _drop;
        void _id;
        return { ...u, ...rest };
      });
      const counts = { all: rows.length, not_connected: 0, connected_individual: 0, connected_central: 0, failed: 0, syncing: 0 };
      for (const r of rows) counts[r.status] += 1;
      const matching = rows.filter((r) => (!status || r.status === status) && (!q || r.name.toLowerCase().includes(q) || r.email.toLowerCase().includes(q)));
      const list: ConnectionList = ConnectionListSchema.parse({ items: matching.slice(offset, offset + limit), total: matching.length, counts });
      return { status: 200, body: list };
    }
    case 'GET /api/service-account':
      return plusAdmin(api) ?? { status: 200, body: ServiceAccountViewSchema.parse(api.sa) };
    case 'POST /api/service-account/authorize':
      return plusAdmin(api) ?? { status: 200, body: AuthorizeUrlSchema.parse({ url: SA_CONSENT }) };
    case 'DELETE /api/service-account': {
      const denied = plusAdmin(api);
      if (denied) return denied;
      api.sa = serviceAccount('not_connected');
      return { status: 200, body: api.sa };
    }
    case 'POST /api/rooms/load':
      return (
        plusAdmin(api) ?? {
          status: 200,
          body: LoadRoomsResultSchema.parse({
            items: [
              { id: 'room-1', name: 'Berlin 1.01', email: 'b101@example.com', capacity: 6, source: 'loaded' },
              { id: 'room-2', name: 'Berlin 1.02', email: 'b102@example.com', capacity: null, source: 'loaded' },
              { id: 'room-3', name: 'Café', email: 'cafe@example.com', capacity: 12, source: 'created' },
            ],
            loaded: 2,
            authorizationsRequested: 1,
          }),
        }
      );
    case 'POST /api/events/tickets': {
      const ticket = nextTicket();
      return { status: 201, body: StreamTicketSchema.parse({ ticket, expiresAt: '2030-01-01T00:00:00Z', url: `/api/events?ticket=${ticket}` }) };
    }
    default:
      return { status: 404, body: errorBody('not_found', `no route ${call.key}`) };
  }
}

/** A scriptable EventSource: the test decides when it is ready, what it sends, and when it fails. */
export class FakeEventSource implements EventSourceLike {
  readonly url: string;
  closed = false;
  onerror: ((event: Event) => void) | null = null;
  readonly #listeners = new Map<string, Array<(event: MessageEvent<string>) => void>>();

  constructor(url: string) {
    this.url = url;
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
  }

  emit(type: string, data: unknown): void {
    if (this.closed) return;
    const event = new MessageEvent<string>(type, { data: JSON.stringify(data) });
    for (const l of this.#listeners.get(type) ?? []) l(event);
  }

  ready(userId = 'u-admin'): void {
    this.emit('ready', { userId });
  }

  /** A live-update message as the server sends it (`event: <type>`, `data: LiveEvent`). */
  push(type: string, data: Record<string, string>): void {
    this.emit(type, { type, data });
  }

  fail(): void {
    if (!this.closed) this.onerror?.(new Event('error'));
  }
}

export interface FakeSources {
  factory: (url: string) => FakeEventSource;
  sources: FakeEventSource[];
  latest(): FakeEventSource | undefined;
  /** Resolves with the `n`-th source (1-based) once it has been opened. */
  opened(n?: number): Promise<FakeEventSource>;
}

export function fakeEventSources(): FakeSources {
  const sources: FakeEventSource[] = [];
  const waiting: Array<() => void> = [];
  return {
    sources,
    factory: (url) => {
      const s = new FakeEventSource(url);
      sources.push(s);
      for (const w of waiting.splice(0)) w();
      return s;
    },
    latest: () => sources[sources.length - 1],
    async opened(n = 1) {
      for (let i = 0; i < 300 && sources.length < n; i++) await new Promise<void>((r) => waiting.push(r) && setTimeout(r, 20));
      if (sources.length < n) throw new Error(`event source #${n} never opened (${sources.length})`);
      return sources[n - 1]!;
    },
  };
}

/** A JWT-shaped token (unsigned) naming `sub`, for the "token's own user" default. */
export function jwtFor(sub: string): string {
  const b64 = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub, org: 'org-1', exp: 4102444800 })}.c2ln`;
}
