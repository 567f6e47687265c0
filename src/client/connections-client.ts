/**
 * Typed client for calendar connections and their admin side (contract: `src/shared/api/connections.ts`,
 * `users.ts`, `live.ts`; routes: `src/server/routes/connections.ts`, `users.ts`, `live.ts`). One method per endpoint,
 * each with an AbortSignal; bodies are checked with `connection-checks.ts`; failures are `ApiError`/`NetworkError`
 * from the shared HTTP core, which also adds the bearer token and refreshes it once on a 401.
 *
 * Invariants: user ids are path-encoded; `returnTo` is only sent when it is a same-site path the server accepts
 * (otherwise the server's default page is used rather than a 400); a consent URL is only returned when it is http(s).
 */
import type { ConnectionView, LoadRoomsResult, ServiceAccountView } from '../shared/api/connections.js';
import type { StreamTicket } from '../shared/api/live.js';
import type { Provider } from '../shared/api/settings.js';
import type { ConnectionList } from '../shared/api/users.js';
import {
  authorizeUrl,
  centralConnect,
  connectionList,
  connectionView,
  loadRoomsResult,
  serviceAccountView,
  streamTicket,
  type ConnectionStatus,
} from './connection-checks.js';
import { createHttp, type HttpOptions } from './http.js';

export interface ConnectionsRequestOptions {
  signal?: AbortSignal;
}

export interface ConnectionListQuery {
  status?: ConnectionStatus | undefined;
  /** Name or e-mail, matched by the server. */
  q?: string | undefined;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface ConnectionsClient {
  /** `GET /api/users/:id/connection` — self or admin. */
  getConnection(userId: string, opts?: ConnectionsRequestOptions): Promise<ConnectionView>;
  /** `POST /api/users/:id/connection/authorize` — the URL of the provider's consent page (individual connect). */
  authorize(userId: string, body?: { returnTo?: string; provider?: Provider }, opts?: ConnectionsRequestOptions): Promise<{ url: string }>;
  /** `DELETE /api/users/:id/connection` — self or admin, both tiers; answers the connection afterwards. */
  disconnect(userId: string, opts?: ConnectionsRequestOptions): Promise<ConnectionView>;
  /** `POST /api/users/:id/connection/central` — Plus + admin; 202 with the status (`syncing` until Cronofy answers). */
  connectCentrally(userId: string, opts?: ConnectionsRequestOptions): Promise<{ userId: string; status: ConnectionStatus }>;
  /** `GET /api/connections` — admin: rows for the filter plus counts per status. */
  listConnections(query?: ConnectionListQuery, opts?: ConnectionsRequestOptions): Promise<ConnectionList>;
  /** `GET /api/service-account` — Plus + admin (403 `plus_required` on Basic). */
  getServiceAccount(opts?: ConnectionsRequestOptions): Promise<ServiceAccountView>;
  /** `POST /api/service-account/authorize` — Plus + admin: the consent URL for the service account. */
  authorizeServiceAccount(body?: { returnTo?: string }, opts?: ConnectionsRequestOptions): Promise<{ url: string }>;
  /** `DELETE /api/service-account` — Plus + admin; existing user connections are kept. */
  disconnectServiceAccount(opts?: ConnectionsRequestOptions): Promise<ServiceAccountView>;
  /** `POST /api/rooms/load` — Plus + admin: rooms from the calendar system through the service account. */
  loadRooms(opts?: ConnectionsRequestOptions): Promise<LoadRoomsResult>;
  /** `POST /api/events/tickets` — a single-use ticket (60 s) to open the live-update stream. */
  createStreamTicket(opts?: ConnectionsRequestOptions): Promise<StreamTicket>;
}

/** Same rule as the contract's `ReturnToSchema`: one leading `/`, no scheme, host or backslash, at most 500 chars. */
const RETURN_TO = /^\/(?![/\\])[\w\-./?=&%#:~+,;@!$'()*]*$/;

export function isReturnTo(path: string): boolean {
  return path.length <= 500 && RETURN_TO.test(path);
}

/** Query keys the server's connect callbacks append; removed from a return path so outcomes do not pile up. */
export const OUTCOME_PARAMS = ['calendar', 'serviceAccount', 'reason'] as const;

/** The current page as a `returnTo` path without earlier outcome parameters; undefined when the server would refuse it. */
export function currentReturnTo(loc: Pick<Location, 'pathname' | 'search' | 'hash'> = location): string | undefined {
  const params = new URLSearchParams(loc.search);
  for (const key of OUTCOME_PARAMS) params.delete(key);
  const search = params.toString();
  const path = `${loc.pathname}${search ? `?${search}` : ''}${loc.hash}`;
  return isReturnTo(path) ? path : undefined;
}

/**
 * The user id (`sub`) of a host JWT, read without verifying it: only to name whose connection to ask for — the server
 * still decides what the token may see. Null for anything that is not a JWT with a string `sub`.
 */
export function tokenSubject(token: string | null | undefined): string | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
    const sub = (JSON.parse(json) as { sub?: unknown }).sub;
    return typeof sub === 'string' && sub ? sub : null;
  } catch {
    return null;
  }
}

export function createConnectionsClient(options: HttpOptions): ConnectionsClient {
  const http = createHttp(options);
  const user = (id: string) => `/api/users/${encodeURIComponent(id)}/connection`;
  const sig = (opts: ConnectionsRequestOptions = {}) => (opts.signal ? { signal: opts.signal } : {});
  const returnTo = (path: string | undefined) => (path !== undefined && isReturnTo(path) ? { returnTo: path } : {});

  return {
    getConnection: (userId, opts) => http('GET', user(userId), connectionView, sig(opts)),
    authorize: (userId, body = {}, opts) =>
      http('POST', `${user(userId)}/authorize`, authorizeUrl, sig(opts), { ...returnTo(body.returnTo), ...(body.provider ? { provider: body.provider } : {}) }),
    disconnect: (userId, opts) => http('DELETE', user(userId), connectionView, sig(opts)),
    connectCentrally: (userId, opts) => http('POST', `${user(userId)}/central`, centralConnect, sig(opts), {}),
    listConnections: (query = {}, opts) =>
      http('GET', '/api/connections', connectionList, { ...sig(opts), query: { status: query.status, q: query.q?.trim(), limit: query.limit, offset: query.offset } }),
    getServiceAccount: (opts) => http('GET', '/api/service-account', serviceAccountView, sig(opts)),
    authorizeServiceAccount: (body = {}, opts) => http('POST', '/api/service-account/authorize', authorizeUrl, sig(opts), returnTo(body.returnTo)),
    disconnectServiceAccount: (opts) => http('DELETE', '/api/service-account', serviceAccountView, sig(opts)),
    loadRooms: (opts) => http('POST', '/api/rooms/load', loadRoomsResult, sig(opts), {}),
    createStreamTicket: (opts) => http('POST', '/api/events/tickets', streamTicket, sig(opts), {}),
  };
}
