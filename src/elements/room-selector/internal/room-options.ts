/**
 * The room selector's logic, DOM-free: the rooms of a location in booking order, the status each one shows for the
 * chosen time (free, occupied, unknown — or loading while the answer is on its way), what "first free room
 * automatically" would pick, and the time range read from the `start`/`end` attributes.
 *
 * Invariants: pure functions; a room the availability answer does not mention is `unknown`, never `free`; the
 * automatic choice follows the location's order, as booking does (`src/shared/api/rooms.ts`); a range the server
 * would refuse (unparseable, empty, longer than 62 days) is treated as no range, so no request is sent for it.
 */
import { formatInstant } from '../../../shared/time.js';

export type RoomStatus = 'free' | 'busy' | 'unknown';
/** What an option shows: a status, `loading` while the statuses are fetched, `none` without a time range. */
export type ShownStatus = RoomStatus | 'loading' | 'none';
/** Where the statuses request is. */
export type Phase = 'none' | 'loading' | 'error' | 'done';

export interface RoomLike {
  id: string;
  name: string;
}

const MAX_RANGE_MS = 62 * 86_400_000;

/** An ISO instant in the UTC `…Z` form with seconds the API's query schema requires; null when unparseable. */
export function toInstant(text: string | null | undefined): string | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : formatInstant(Math.floor(ms / 1000) * 1000);
}

export function timeRange(start: string | null | undefined, end: string | null | undefined): { start: string; end: string } | null {
  const s = toInstant(start);
  const e = toInstant(end);
  if (!s || !e) return null;
  const span = Date.parse(e) - Date.parse(s);
  return span > 0 && span <= MAX_RANGE_MS ? { start: s, end: e } : null;
}

/** The location's rooms in its order (ids without a room are skipped); every room when there is no location. */
export function orderRooms<R extends RoomLike>(roomIds: readonly string[] | null, rooms: readonly R[]): R[] {
  if (!roomIds) return [...rooms];
  const byId = new Map(rooms.map((r) => [r.id, r]));
  return roomIds.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
}

/** Rooms of the organization not (yet) at the location, by name. */
export function roomsNotIn<R extends RoomLike>(roomIds: readonly string[], rooms: readonly R[]): R[] {
  const at = new Set(roomIds);
  return rooms.filter((r) => !at.has(r.id)).sort((a, b) => a.name.localeCompare(b.name));
}

export function shownStatus(id: string, phase: Phase, statuses: ReadonlyMap<string, RoomStatus>): ShownStatus {
  if (phase === 'none') return 'none';
  if (phase === 'loading') return 'loading';
  return statuses.get(id) ?? 'unknown';
}

/**
 * "First free room automatically": the first free room in order. Without one, `unknown` while any room's state is
 * unknown (it may turn out free), `busy` when every room is occupied (or there are none).
 */
export function autoChoice<R extends RoomLike>(rooms: readonly R[], phase: Phase, statuses: ReadonlyMap<string, RoomStatus>): { status: ShownStatus; room?: R } {
  if (phase === 'none' || phase === 'loading') return { status: phase };
  const states = rooms.map((r) => shownStatus(r.id, phase, statuses));
  const free = states.indexOf('free');
  if (free >= 0) return { status: 'free', room: rooms[free]! };
  return { status: states.includes('unknown') ? 'unknown' : 'busy' };
}

export interface RoomDraft {
  name: string;
  email: string;
  /** The capacity field's text; empty for none. */
  capacity: string;
}
export type DraftField = keyof RoomDraft;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Field problems of the inline "create room" form, with the limits of `CreateRoomSchema`. */
export function draftIssues(d: RoomDraft): Partial<Record<DraftField, 'name' | 'email' | 'capacity'>> {
  const out: Partial<Record<DraftField, 'name' | 'email' | 'capacity'>> = {};
  const name = d.name.trim();
  if (!name || name.length > 200) out.name = 'name';
  if (!EMAIL.test(d.email.trim()) || d.email.trim().length > 320) out.email = 'email';
  const cap = d.capacity.trim();
  if (cap && !(/^\d+$/.test(cap) && Number(cap) >= 1 && Number(cap) <= 10_000)) out.capacity = 'capacity';
  return out;
}

/** The request body for a valid draft. */
export function draftBody(d: RoomDraft): { name: string; email: string; capacity: number | null } {
  const cap = d.capacity.trim();
  return { name: d.name.trim(), email: d.email.trim(), capacity: cap ? Number(cap) : null };
}
