/** Locations and their ordered rooms. The order matters: booking assigns the first free room of a location. */
import type { Queryable } from '../db.js';

export interface Room {
  id: string;
  name: string;
  email: string;
  capacity: number | null;
  source: 'loaded' | 'created';
  cronofySub: string | null;
}
export interface Location {
  id: string;
  name: string;
  address: string | null;
  roomIds: string[];
}

interface RoomRow {
  id: string;
  name: string;
  email: string;
  capacity: number | null;
  source: 'loaded' | 'created';
  cronofy_sub: string | null;
}
const toRoom = (r: RoomRow): Room => ({
  id: r.id,
  name: r.name,
  email: r.email,
  capacity: r.capacity,
  source: r.source,
  cronofySub: r.cronofy_sub,
});

export async function upsertRoom(q: Queryable, orgId: string, room: Room): Promise<Room> {
  const rows = await q.query<RoomRow>(
    `INSERT INTO rooms (org_id, id, name, email, capacity, source, cronofy_sub) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (org_id, id) DO UPDATE SET name = $3, email = $4, capacity = $5, source = $6,
       cronofy_sub = COALESCE($7, rooms.cronofy_sub)
     RETURNING *`,
    [orgId, room.id, room.name, room.email, room.capacity, room.source, room.cronofySub],
  );
  return toRoom(rows[0]!);
}

export async function listRooms(q: Queryable, orgId: string): Promise<Room[]> {
  return (await q.query<RoomRow>('SELECT * FROM rooms WHERE org_id = $1 ORDER BY name', [orgId])).map(toRoom);
}

export async function getRoom(q: Queryable, orgId: string, roomId: string): Promise<Room | null> {
  const rows = await q.query<RoomRow>('SELECT * FROM rooms WHERE org_id = $1 AND id = $2', [orgId, roomId]);
  return rows[0] ? toRoom(rows[0]) : null;
}

export async function upsertLocation(q: Queryable, orgId: string, location: Location): Promise<Location> {
  await q.query(
    `INSERT INTO locations (org_id, id, name, address) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, id) DO UPDATE SET name = $3, address = $4`,
    [orgId, location.id, location.name, location.address],
  );
  await q.query('DELETE FROM location_rooms WHERE org_id = $1 AND location_id = $2', [orgId, location.id]);
  for (const [position, roomId] of location.roomIds.entries()) {
    await q.query('INSERT INTO location_rooms (org_id, location_id, room_id, position) VALUES ($1, $2, $3, $4)', [
      orgId,
      location.id,
      roomId,
      position,
    ]);
  }
  return location;
}

export async function getLocation(q: Queryable, orgId: string, locationId: string): Promise<Location | null> {
  const rows = await q.query<{ id: string; name: string; address: string | null }>(
    'SELECT id, name, address FROM locations WHERE org_id = $1 AND id = $2',
    [orgId, locationId],
  );
  if (!rows[0]) return null;
  const rooms = await q.query<{ room_id: string }>(
    'SELECT room_id FROM location_rooms WHERE org_id = $1 AND location_id = $2 ORDER BY position',
    [orgId, locationId],
  );
  return { ...rows[0], roomIds: rooms.map((r) => r.room_id) };
}

/** The rooms of a location in the location's order. */
export async function getLocationRooms(q: Queryable, orgId: string, locationId: string): Promise<Room[]> {
  const rows = await q.query<RoomRow>(
    `SELECT r.* FROM location_rooms lr JOIN rooms r ON r.org_id = lr.org_id AND r.id = lr.room_id
     WHERE lr.org_id = $1 AND lr.location_id = $2 ORDER BY lr.position`,
    [orgId, locationId],
  );
  return rows.map(toRoom);
}
