/** Public entry of `<dv-room-selector>`: the class, its events and types, no side effects. */
export { AUTO, DvRoomSelector, SELECTOR_STATES, type SelectorState } from './room-selector.js';
export {
  DvRoomCreateEvent,
  DvRoomErrorEvent,
  DvRoomsImportEvent,
  DvRoomsLoadEvent,
  ROOM_OPERATIONS,
  type DvRoomCreateDetail,
  type DvRoomErrorDetail,
  type DvRoomsLoadDetail,
  type RoomOperation,
} from './events.js';
export type { RoomStatus, ShownStatus } from './internal/room-options.js';
