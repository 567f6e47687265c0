/**
 * Typed events of `<dv-room-selector>`. They bubble and are composed; details are the wire contract's data. The
 * user's choice is the native `input`/`change` (read `value`: a room id or `auto`).
 *
 * `dv-load` and `dv-error` share their names with the applicant elements' events (src/elements/events.ts), whose
 * classes are the ones registered in `GlobalEventHandlersEventMap`; listen with these classes' types here.
 */
import type { LoadRoomsResult } from '../../shared/api/connections.js';
import type { LocationView, RoomView } from '../../shared/api/rooms.js';

const init = <T>(detail: T): CustomEventInit<T> => ({ bubbles: true, composed: true, detail });

export interface DvRoomsLoadDetail {
  /** The rooms offered, in the location's booking order. */
  rooms: RoomView[];
  /** The location, or null when every room is offered. */
  location: LocationView | null;
}
/** The rooms arrived. */
export class DvRoomsLoadEvent extends CustomEvent<DvRoomsLoadDetail> {
  constructor(detail: DvRoomsLoadDetail) {
    super('dv-load', init(detail));
  }
}

/** An admin loaded the rooms from the calendar system (`POST /api/rooms/load`). */
export class DvRoomsImportEvent extends CustomEvent<LoadRoomsResult> {
  constructor(detail: LoadRoomsResult) {
    super('dv-rooms-import', init(detail));
  }
}

export interface DvRoomCreateDetail {
  room: RoomView;
  /** The location it was added to, or null. */
  location: LocationView | null;
}
/** An admin created a room (and it was added to the location shown). */
export class DvRoomCreateEvent extends CustomEvent<DvRoomCreateDetail> {
  constructor(detail: DvRoomCreateDetail) {
    super('dv-room-create', init(detail));
  }
}

export const ROOM_OPERATIONS = ['load', 'status', 'import', 'create', 'add'] as const;
export type RoomOperation = (typeof ROOM_OPERATIONS)[number];

export interface DvRoomErrorDetail {
  operation: RoomOperation;
  /** HTTP status; 0 for a network failure. */
  status: number;
  /** Wire code (`plus_required`, `conflict`, `calendar_unavailable`, …) or `network_error`. */
  code: string;
  message: string;
}
/** A request failed; the element shows its own message, this is for the host's logging. */
export class DvRoomErrorEvent extends CustomEvent<DvRoomErrorDetail> {
  constructor(detail: DvRoomErrorDetail) {
    super('dv-error', init(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dv-rooms-import': DvRoomsImportEvent;
    'dv-room-create': DvRoomCreateEvent;
  }
}
