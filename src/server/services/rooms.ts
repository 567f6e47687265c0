/**
 * Rooms, locations and room availability. Rooms are Plus (the route specs gate them); a location without rooms
 * is fine on Basic, naming rooms in it needs Plus. A room or location still used by an upcoming appointment or
 * an open booking link is not deleted (409), so booking never meets a dangling reference.
 *
 * Availability per room for [start, end) is built from the same inputs the slot engine gets — the room
 * calendar's busy time and the product's own claims (appointments, live holds) — merged with the engine's range
 * functions: `busy` when anything known overlaps, `free` when the calendar was read and nothing does, `unknown`
 * when the calendar could not be read and nothing known overlaps.
 */
import { rangesFrom, rangesToList, intersectRanges } from '../../engine/ranges.js';
import type { LocationView, RoomAvailability, RoomView } from '../../shared/api/rooms.js';
import type { z } from 'zod';
import type { CreateLocationSchema, CreateRoomSchema, UpdateLocationSchema, UpdateRoomSchema } from '../../shared/api/rooms.js';
import { formatInstant } from '../../shared/time.js';
import { newId } from '../../store/crypto.js';
import { PG_ERRORS, pgErrorCode } from '../../store/db.js';
import { listClaims } from '../../store/repos/bookings.js';
import {
  deleteLocation,
  deleteRoom,
  existingRoomIds,
  getLocationRecord,
  listLocations,
  locationUsage,
  roomUsage,
  saveLocation,
  type LocationRecord,
} from '../../store/repos/locations.js';
import type { Organization } from '../../store/repos/organizations.js';
import { getRoom, listRooms, upsertRoom, type Room } from '../../store/repos/rooms.js';
import type { AppDeps } from '../app.js';
import { ApiError, notFound, plusRequired } from '../errors.js';

type CreateRoom = z.infer<typeof CreateRoomSchema>;
type UpdateRoom = z.infer<typeof UpdateRoomSchema>;
type CreateLocation = z.infer<typeof CreateLocationSchema>;
type UpdateLocation = z.infer<typeof UpdateLocationSchema>;

export function roomView(r: Room): RoomView {
  return { id: r.id, name: r.name, email: r.email, capacity: r.capacity, source: r.source };
}

const taken = (what: string) => new ApiError(409, 'conflict', `A room with this ${what} already exists.`);

export async function createRoom(deps: Pick<AppDeps, 'db'>, orgId: string, input: CreateRoom): Promise<RoomView> {
  const id = input.id ?? newId('room');
  return deps.db.tx(async (q) => {
    if (await getRoom(q, orgId, id)) throw taken('id');
    try {
      return roomView(await upsertRoom(q, orgId, { id, name: input.name, email: input.email.toLowerCase(), capacity: input.capacity, source: 'created', cronofySub: null }));
    } catch (error) {
      if (pgErrorCode(error) === PG_ERRORS.uniqueViolation) throw taken('e-mail');
      throw error;
    }
  });
}

export async function getRoomView(deps: Pick<AppDeps, 'db'>, orgId: string, id: string): Promise<RoomView> {
  const room = await getRoom(deps.db, orgId, id);
  if (!room) throw notFound('room');
  return roomView(room);
}

export async function updateRoom(deps: Pick<AppDeps, 'db'>, orgId: string, id: string, patch: UpdateRoom): Promise<RoomView> {
  return deps.db.tx(async (q) => {
    const room = await getRoom(q, orgId, id);
    if (!room) throw notFound('room');
    try {
      return roomView(
        await upsertRoom(q, orgId, {
          ...room,
          ...(patch.name === undefined ? {} : { name: patch.name }),
          ...(patch.email === undefined ? {} : { email: patch.email.toLowerCase() }),
          ...(patch.capacity === undefined ? {} : { capacity: patch.capacity }),
        }),
      );
    } catch (error) {
      if (pgErrorCode(error) === PG_ERRORS.uniqueViolation) throw taken('e-mail');
      throw error;
    }
  });
}

export async function removeRoom(deps: Pick<AppDeps, 'db' | 'now'>, orgId: string, id: string): Promise<void> {
  await deps.db.tx(async (q) => {
    if (!(await getRoom(q, orgId, id))) throw notFound('room');
    if ((await roomUsage(q, orgId, id, formatInstant(deps.now()))) > 0) {
      throw new ApiError(409, 'conflict', 'Upcoming appointments use this room; move them first.');
    }
    await deleteRoom(q, orgId, id);
  });
}

export const locationView = (l: LocationRecord): LocationView => ({ ...l, roomIds: [...l.roomIds] });

export async function listLocationViews(deps: Pick<AppDeps, 'db'>, orgId: string): Promise<LocationView[]> {
  return (await listLocations(deps.db, orgId)).map(locationView);
}

export async function getLocationView(deps: Pick<AppDeps, 'db'>, orgId: string, id: string): Promise<LocationView> {
  const location = await getLocationRecord(deps.db, orgId, id);
  if (!location) throw notFound('location');
  return locationView(location);
}

async function checkRooms(q: Parameters<typeof existingRoomIds>[0], org: Organization, roomIds: readonly string[]): Promise<void> {
  if (roomIds.length === 0) return;
  if (org.tier !== 'plus') throw plusRequired();
  const known = await existingRoomIds(q, org.id, roomIds);
  const issues = roomIds.flatMap((id, i) => (known.has(id) ? [] : [{ path: `roomIds.${i}`, message: `unknown room '${id}'` }]));
  if (issues.length > 0) throw new ApiError(400, 'validation_failed', 'Invalid request body.', { issues });
}

export async function createLocation(deps: Pick<AppDeps, 'db'>, org: Organization, input: CreateLocation): Promise<LocationView> {
  const id = input.id ?? newId('loc');
  return deps.db.tx(async (q) => {
    await checkRooms(q, org, input.roomIds);
    if (await getLocationRecord(q, org.id, id)) throw new ApiError(409, 'conflict', 'A location with this id already exists.');
    const record: LocationRecord = { id, name: input.name, address: input.address, appointmentLocation: input.appointmentLocation, roomIds: input.roomIds };
    await saveLocation(q, org.id, record);
    return locationView(record);
  });
}

export async function updateLocation(deps: Pick<AppDeps, 'db'>, org: Organization, id: string, patch: UpdateLocation): Promise<LocationView> {
  return deps.db.tx(async (q) => {
    const current = await getLocationRecord(q, org.id, id, true);
    if (!current) throw notFound('location');
    if (patch.roomIds) await checkRooms(q, org, patch.roomIds);
    const next: LocationRecord = {
      ...current,
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.address === undefined ? {} : { address: patch.address }),
      ...(patch.appointmentLocation === undefined ? {} : { appointmentLocation: patch.appointmentLocation }),
      ...(patch.roomIds === undefined ? {} : { roomIds: patch.roomIds }),
    };
    await saveLocation(q, org.id, next);
    return locationView(next);
  });
}

export async function removeLocation(deps: Pick<AppDeps, 'db' | 'now'>, orgId: string, id: string): Promise<void> {
  await deps.db.tx(async (q) => {
    if (!(await getLocationRecord(q, orgId, id, true))) throw notFound('location');
    if ((await locationUsage(q, orgId, id, formatInstant(deps.now()))) > 0) {
      throw new ApiError(409, 'conflict', 'Open booking links or upcoming appointments use this location.');
    }
    await deleteLocation(q, orgId, id);
  });
}

export async function roomAvailability(
  deps: Pick<AppDeps, 'db' | 'calendars' | 'now' | 'logger'>,
  org: Organization,
  query: { start: string; end: string; locationId?: string | undefined },
): Promise<RoomAvailability> {
  if (!org.integrationEnabled) throw new ApiError(403, 'integration_disabled', 'The calendar integration is switched off for this organization.');
  let rooms: Room[];
  if (query.locationId) {
    const location = await getLocationRecord(deps.db, org.id, query.locationId);
    if (!location) throw notFound('location');
    const byId = new Map((await listRooms(deps.db, org.id)).map((r) => [r.id, r]));
    rooms = location.roomIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  } else {
    rooms = await listRooms(deps.db, org.id);
  }
  const window = { start: formatInstant(Date.parse(query.start)), end: formatInstant(Date.parse(query.end)) };
  const claims = await listClaims(deps.db, org.id, rooms.map((r) => ({ kind: 'room' as const, id: r.id })), window, { now: formatInstant(deps.now()) });
  const calendarBusy = await Promise.all(
    rooms.map((r) =>
      deps.calendars.roomBusy(org.id, r.id, window).catch((error: unknown) => {
        // Unreadable is a state the form shows ("unknown"), not a failed request.
        deps.logger.warn('room calendar unreadable', { roomId: r.id, error: String(error) });
        return null;
      }),
    ),
  );
  const clip = rangesFrom([{ start: Date.parse(window.start), end: Date.parse(window.end) }]);
  return {
    ...window,
    rooms: rooms.map((room, i) => {
      const known = [...(calendarBusy[i] ?? []), ...claims.filter((c) => c.resourceId === room.id)];
      const busy = rangesToList(intersectRanges(rangesFrom(known.map((b) => ({ start: Date.parse(b.start), end: Date.parse(b.end) }))), clip));
      const status = busy.length > 0 ? 'busy' : calendarBusy[i] === null ? 'unknown' : 'free';
      return { roomId: room.id, name: room.name, status, busy: busy.map((b) => ({ start: formatInstant(b.start), end: formatInstant(b.end) })) };
    }),
  };
}
