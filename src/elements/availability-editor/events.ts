/**
 * Typed events of `<dv-availability-editor>`. Like every dv-* event they bubble and are composed; details are the
 * wire contract's data (`AvailabilityView`), never internal state. `input`/`change` are the native events and carry
 * no detail: read `value` on the element.
 *
 * `dv-load` and `dv-error` share their names with the applicant elements' events (src/elements/events.ts), whose
 * classes are the ones registered in `GlobalEventHandlersEventMap`; listen with these classes' types here.
 */
import type { AvailabilityView } from '../../shared/api/users.js';

const init = <T>(detail: T): CustomEventInit<T> => ({ bubbles: true, composed: true, detail });

export interface DvAvailabilityDetail {
  availability: AvailabilityView;
}

/** The user's availability arrived from the server. */
export class DvAvailabilityLoadEvent extends CustomEvent<DvAvailabilityDetail> {
  constructor(detail: DvAvailabilityDetail) {
    super('dv-load', init(detail));
  }
}

/** The availability was saved; `detail.availability` is what the server stored. */
export class DvAvailabilitySaveEvent extends CustomEvent<DvAvailabilityDetail> {
  constructor(detail: DvAvailabilityDetail) {
    super('dv-save', init(detail));
  }
}

export const AVAILABILITY_OPERATIONS = ['load', 'save'] as const;
export type AvailabilityOperation = (typeof AVAILABILITY_OPERATIONS)[number];

export interface DvAvailabilityErrorDetail {
  operation: AvailabilityOperation;
  /** HTTP status; 0 for a network failure. */
  status: number;
  /** Wire code (`plus_required`, `forbidden`, `validation_failed`, …) or `network_error`. */
  code: string;
  message: string;
}

/** A request failed; the element shows its own message, this is for the host's logging. */
export class DvAvailabilityErrorEvent extends CustomEvent<DvAvailabilityErrorDetail> {
  constructor(detail: DvAvailabilityErrorDetail) {
    super('dv-error', init(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dv-save': DvAvailabilitySaveEvent;
  }
}
