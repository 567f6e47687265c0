/**
 * Typed client for rooms and locations (`/api/rooms…`, `/api/locations…`, contract in `src/shared/api/rooms.ts`)
 * and for loading rooms from the calendar system (`POST /api/rooms/load`, contract in
 * `src/shared/api/connections.ts`). Rooms are Plus: on Basic the room calls answer 403 `plus_required`.
 *
 * Invariants: ids are path-encoded; instants go out as the UTC `…Z` form the query schema requires; every call
 * takes an AbortSignal and every answer is checked before it reaches an element.
 */
import type { LoadRoomsResult } from '../shared/api/connections.js';
import type { LocationView, RoomAvailability, RoomView } from '../shared/api/rooms.js';
import { integer } from './checks.js';
import { createHttp, type HttpOptions } from './http.js';
import { array, bool, instant, int, nullable, object, oneOf, str, type Check } from './validate.js';

export const room: Check<RoomView> = /* @__PURE__ */ object({
  id: str,
  name: str,
  email: str,
  capacity: nullable(integer),
  source: oneOf(['loaded', 'created']),
});

export const roomList: Check<{ items: RoomView[] }> = /* @__PURE__ */ object({ items: array(room) });

export const location: Check<LocationView> = /* @__PURE__ */ object({
  id: str,
  name: str,
  address: nullable(str),
  appointmentLocation: bool,
  roomIds: array(str),
});

export const roomAvailability: Check<RoomAvailability> = /* @__PURE__ */ object({
  start: instant,
  end: instant,
  rooms: array(
    object({
      roomId: str,
      name: str,
      status: oneOf(['free', 'busy', 'unknown']),
      busy: array(object({ start: instant, end: instant })),
    }),
  ),
});

export const loadRoomsResult: Check<LoadRoomsResult> = /* @__PURE__ */ object({ items: array(room), loaded: int(0), authorizationsRequested: int(0) });

export interface NewRoom {
  name: string;
  email: string;
  capacity: number | null;
}

type Opts = { signal?: AbortSignal };

export interface RoomsClient {
  /** `GET /api/rooms` — every room of the organization, by name (staff, Plus). */
  listRooms(opts?: Opts): Promise<RoomView[]>;
  /** `GET /api/locations/:id` — the location with its rooms in booking order; 404 `not_found`. */
  getLocation(id: string, opts?: Opts): Promise<LocationView>;
  /** `PATCH /api/locations/:id` with `roomIds` (replaces the ordered list; admin, Plus). */
  setLocationRooms(id: string, roomIds: readonly string[], opts?: Opts): Promise<LocationView>;
  /** `GET /api/rooms/availability` — free / busy / unknown per room for `[start, end)`, in location order. */
  availability(query: { start: string; end: string; locationId?: string }, opts?: Opts): Promise<RoomAvailability>;
  /** `POST /api/rooms/load` — rooms from the calendar system via the service account (admin, Plus); 409 without one. */
  loadRooms(opts?: Opts): Promise<LoadRoomsResult>;
  /** `POST /api/rooms` — 409 `conflict` when the e-mail is taken (admin, Plus). */
  createRoom(body: NewRoom, opts?: Opts): Promise<RoomView>;
}

export function createRoomsClient(options: HttpOptions): RoomsClient {
  const http = createHttp(options);
  const enc = encodeURIComponent;
  return {
    listRooms: async (opts = {}) => (await http('GET', '/api/rooms', roomList, opts)).items,
    getLocation: (id, opts = {}) => http('GET', `/api/locations/${enc(id)}`, location, opts),
    setLocationRooms: (id, roomIds, opts = {}) => http('PATCH', `/api/locations/${enc(id)}`, location, opts, { roomIds }),
    availability: (query, opts = {}) => http('GET', '/api/rooms/availability', roomAvailability, { ...opts, query }),
    loadRooms: (opts = {}) => http('POST', '/api/rooms/load', loadRoomsResult, opts),
    createRoom: (body, opts = {}) => http('POST', '/api/rooms', room, opts, body),
  };
}
