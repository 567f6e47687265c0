/**
 * Structural checks for the connection, admin-listing, service-account and live-update answers, built from the tiny
 * combinators of `validate.ts` so no zod reaches the browser. Each check is typed against the contract's inferred
 * type (`src/shared/api/connections.ts`, `users.ts`, `live.ts`), so the compiler refuses a check that would produce
 * something the schema does not; the browser tests run the same fixtures through the zod schemas and these checks.
 *
 * Invariants: only type imports from `src/shared/api` (a value import would pull zod into every element bundle);
 * the status list here is proven equal to the contract's at compile time; unknown keys are dropped, never passed on.
 */
import type { ConnectionView, LoadRoomsResult, ServiceAccountView } from '../shared/api/connections.js';
import type { LiveEvent, StreamTicket } from '../shared/api/live.js';
import type { RoomView } from '../shared/api/rooms.js';
import type { ConnectionList, ConnectionStatusValue } from '../shared/api/users.js';
import { ApiError } from './api-error.js';
import { array, bool, instant, int, nullable, object, oneOf, optional, str, type Check } from './validate.js';

/** The contract's connection statuses, in the order the admin filter lists them. */
export const CONNECTION_STATUSES = ['connected_individual', 'connected_central', 'failed', 'not_connected', 'syncing'] as const satisfies readonly ConnectionStatusValue[];
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];
// Fails to compile when the contract gains a status this list does not have.
const exhaustive: Exclude<ConnectionStatusValue, ConnectionStatus> extends never ? true : never = true;
void exhaustive;

export const SERVICE_ACCOUNT_STATUSES = ['not_connected', 'connected', 'failed'] as const satisfies readonly ServiceAccountView['status'][];

export const connectionStatus: Check<ConnectionStatus> = oneOf(CONNECTION_STATUSES);

/** A signed integer (capacities, counts that the contract does not bound below). */
const anyInt = int(Number.MIN_SAFE_INTEGER);

export const connectionView: Check<ConnectionView> = object({
  userId: str,
  status: connectionStatus,
  provider: nullable(str),
  profileName: nullable(str),
  profileEmail: nullable(str),
  failedReason: nullable(str),
  failedSince: nullable(instant),
  centralAvailable: bool,
});

export const authorizeUrl: Check<{ url: string }> = (v, p) => {
  const out = object({ url: str })(v, p);
  // Only ever navigate to http(s): a `javascript:` URL from a compromised answer must not run in the host page.
  if (!/^https?:\/\//i.test(out.url)) throw new ApiError(200, 'invalid_response', 'Response field url is not an http(s) URL');
  return out;
};

export const centralConnect: Check<{ userId: string; status: ConnectionStatus }> = object({ userId: str, status: connectionStatus });

export const serviceAccountView: Check<ServiceAccountView> = object({
  connected: bool,
  email: nullable(str),
  provider: nullable(str),
  domain: nullable(str),
  status: oneOf(SERVICE_ACCOUNT_STATUSES),
  connectedAt: nullable(instant),
});

export const room: Check<RoomView> = object({
  id: str,
  name: str,
  email: str,
  capacity: nullable(anyInt),
  source: oneOf(['loaded', 'created']),
});

export const loadRoomsResult: Check<LoadRoomsResult> = object({ items: array(room), loaded: anyInt, authorizationsRequested: anyInt });

export type ConnectionRow = ConnectionList['items'][number];

export const connectionRow: Check<ConnectionRow> = object({
  userId: str,
  name: str,
  email: str,
  integrationActive: bool,
  status: connectionStatus,
  provider: nullable(str),
  profileName: nullable(str),
  profileEmail: nullable(str),
  failedReason: nullable(str),
  failedSince: nullable(instant),
});

export const connectionList: Check<ConnectionList> = object({
  items: array(connectionRow),
  total: anyInt,
  counts: object({
    all: anyInt,
    not_connected: anyInt,
    connected_individual: anyInt,
    connected_central: anyInt,
    failed: anyInt,
    syncing: anyInt,
  }),
});

export const streamTicket: Check<StreamTicket> = object({ ticket: str, expiresAt: instant, url: str });

const optStr = optional(str);

/** One SSE message's `data`; anything unreadable is reported by the caller as a dropped message, not an error. */
export const liveEvent: Check<LiveEvent> = object({
  id: optStr,
  type: str,
  data: object({
    bookingRequestId: optStr,
    appointmentId: optStr,
    userId: optStr,
    roomId: optional(nullable(str)),
    status: optStr,
    reason: optStr,
    start: optStr,
    end: optStr,
  }),
});
