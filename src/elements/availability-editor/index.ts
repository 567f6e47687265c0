/** Public entry of `<dv-availability-editor>`: the class, its events and types, no side effects. */
export { DvAvailabilityEditor, EDITOR_STATES, type EditorState } from './availability-editor.js';
export {
  AVAILABILITY_OPERATIONS,
  DvAvailabilityErrorEvent,
  DvAvailabilityLoadEvent,
  DvAvailabilitySaveEvent,
  type AvailabilityOperation,
  type DvAvailabilityDetail,
  type DvAvailabilityErrorDetail,
} from './events.js';
export type { AvailabilityValue, DateOverride, WeeklyRange, WallRange } from './internal/week-model.js';
