/**
 * Admin writes and listings of locations and rooms, beside the booking-side reads in `rooms.ts`: the
 * "appointment location" flag, deletion, and the checks that keep a room or location in use from disappearing
 * under an upcoming appointment or an open booking link.
 */
import type { Queryable } from '../db.js';

export interface LocationRecord {
  id: string;
  name: string;
  address: string | null;
  appointmentLocation: boolean;
  roomIds: string[];
}

interface LocationRow {
  id: string;
  name: string;
  address: string | null;
  appointment_location: boolean;
  room_ids: string[] | null;
}

const SELECT = `SELECT l.id, l.name, l.address, l.appointment_location,
    ARRAY(SELECT lr.room_id FROM location_rooms lr WHERE lr.org_id = l.org_id AND lr.location_id = l.id ORDER BY lr.position) AS room_ids
  FROM locations l`;

const toLocation = (r: LocationRow): LocationRecord => ({
  id: r.id,
  name: r.name,
  address: r.address,
  appointmentLocation: r.appointment_location,
  roomIds: r.room_ids ?? [],
});

export async function listLocations(q: Queryable, orgId: string): Promise<LocationRecord[]> {
  return (await q.query<LocationRow>(`${SELECT} WHERE l.org_id = $1 ORDER BY lower(l.name), l.id`, [orgId])).map(toLocation);
}

export async function getLocationRecord(q: Queryable, orgId: string, id: string, forUpdate = false): Promise<LocationRecord | null> {
  const rows = await q.query<LocationRow>(`${SELECT} WHERE l.org_id = $1 AND l.id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [orgId, id]);
  return rows[0] ? toLocation(rows[0]) : null;
}

/** Inserts or replaces a location and its ordered rooms (the caller has checked the rooms exist). */
export async function saveLocation(q: Queryable, orgId: string, l: LocationRecord): Promise<void> {
  await q.query(
    `INSERT INTO locations (org_id, id, name, address, appointment_location) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (org_id, id) DO UPDATE SET name = $3, address = $4, appointment_location = $5`,
    [orgId, l.id, l.name, l.address, l.appointmentLocation],
  );
  await q.query('DELETE FROM location_rooms WHERE org_id = $1 AND location_id = $2', [orgId, l.id]);
  for (const [position, roomId] of l.roomIds.entries()) {
    await q.query('INSERT INTO location_rooms (org_id, location_id, room_id, position) VALUES ($1, $2, $3, $4)', [orgId, l.id, roomId, position]);
  }
}

export async function deleteLocation(q: Queryable, orgId: string, id: string): Promise<boolean> {
  return (await q.query('DELETE FROM locations WHERE org_id = $1 AND id = $2 RETURNING id', [orgId, id])).length > 0;
}

/** Open booking links and upcoming confirmed appointments that name the location. */
export async function locationUsage(q: Queryable, orgId: string, id: string, now: string): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM booking_requests WHERE org_id = $1 AND location_id = $2 AND status = 'open' AND period_end > $3)
          + (SELECT count(*) FROM appointments WHERE org_id = $1 AND location_id = $2 AND status = 'confirmed' AND end_at > $3) AS n`,
    [orgId, id, now],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function existingRoomIds(q: Queryable, orgId: string, ids: readonly string[]): Promise<Set<string>> {
  const rows = await q.query<{ id: string }>('SELECT id FROM rooms WHERE org_id = $1 AND id = ANY($2::text[])', [orgId, ids]);
  return new Set(rows.map((r) => r.id));
}

/** Upcoming confirmed appointments in the room. */
export async function roomUsage(q: Queryable, orgId: string, roomId: string, now: string): Promise<number> {
  const rows = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM appointments WHERE org_id = $1 AND room_id = $2 AND status = 'confirmed' AND end_at > $3",
    [orgId, roomId, now],
  );
  return rows[0]?.n ?? 0;
}

/** Deletes a room with its place in every location and its (past) claims and cached busy time. */
export async function deleteRoom(q: Queryable, orgId: string, roomId: string): Promise<boolean> {
  await q.query("DELETE FROM busy_claims WHERE org_id = $1 AND resource_kind = 'room' AND resource_id = $2", [orgId, roomId]);
  await q.query('DELETE FROM freebusy_cache WHERE org_id = $1 AND resource_key = $2', [orgId, `room:${roomId}`]);
  return (await q.query('DELETE FROM rooms WHERE org_id = $1 AND id = $2 RETURNING id', [orgId, roomId])).length > 0;
}
