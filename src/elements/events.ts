/**
 * Typed events the dv-* elements send to the host page. Every event bubbles and is composed so it crosses shadow
 * roots and can be handled on `document`; only `dv-select` is cancelable (the host may veto a choice, e.g. to ask
 * for consent first). Details are plain data from the wire contract, never internal element state.
 */
import type { BookedAppointment, BookingDetails, PublicSlot } from '../shared/api/public-booking.js';

const init = <T>(detail: T, cancelable = false): CustomEventInit<T> => ({ bubbles: true, composed: true, cancelable, detail });

export interface DvLoadDetail {
  details: BookingDetails;
  /** Slots offered at load time; empty when the booking is not open. */
  slots: readonly PublicSlot[];
}
/** The booking details (and slots) arrived. */
export class DvLoadEvent extends CustomEvent<DvLoadDetail> {
  constructor(detail: DvLoadDetail) {
    super('dv-load', init(detail));
  }
}

export interface DvSelectDetail {
  slot: PublicSlot;
  /** The zone the applicant saw the slot in. */
  timeZone: string;
}
/** The applicant chose a time. Cancel it with `preventDefault()` to keep the picker on the time list. */
export class DvSelectEvent extends CustomEvent<DvSelectDetail> {
  constructor(detail: DvSelectDetail) {
    super('dv-select', init(detail, true));
  }
}

export interface DvBookedDetail {
  appointment: BookedAppointment;
  /** True when an existing appointment was moved. */
  rescheduled: boolean;
}
/** The appointment is booked (or moved). */
export class DvBookedEvent extends CustomEvent<DvBookedDetail> {
  constructor(detail: DvBookedDetail) {
    super('dv-booked', init(detail));
  }
}

export interface DvDeclinedDetail {
  details: BookingDetails;
}
/** The applicant said none of the offered days fit. */
export class DvDeclinedEvent extends CustomEvent<DvDeclinedDetail> {
  constructor(detail: DvDeclinedDetail) {
    super('dv-declined', init(detail));
  }
}

export const OPERATIONS = ['load', 'hold', 'book', 'decline'] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface DvErrorDetail {
  operation: Operation;
  /** HTTP status; 0 for a network failure. */
  status: number;
  /** Stable error code from the wire (`slot_taken`, `booking_closed`, …) or `network_error`. */
  code: string;
  message: string;
}
/** A request failed; the element shows its own message, this is for the host's logging. */
export class DvErrorEvent extends CustomEvent<DvErrorDetail> {
  constructor(detail: DvErrorDetail) {
    super('dv-error', init(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dv-load': DvLoadEvent;
    'dv-select': DvSelectEvent;
    'dv-booked': DvBookedEvent;
    'dv-declined': DvDeclinedEvent;
    'dv-error': DvErrorEvent;
  }
}
