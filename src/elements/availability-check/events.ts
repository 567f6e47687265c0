/**
 * Typed events of `<dv-availability-check>`. All bubble and are composed (they cross shadow roots to the host
 * page); only `dv-select` is cancelable — the host may veto a time, e.g. one outside office rules.
 *
 * The names `dv-load`, `dv-select` and `dv-error` are shared with the applicant elements, whose classes own the
 * global `GlobalEventHandlersEventMap` entries (src/elements/events.ts); here those three are told apart with
 * `instanceof`. The names only this element sends are added to the map.
 */
import type { AppointmentChange, AppointmentView, AvailabilityCheck, ParticipantReplies } from '../../shared/api/appointments.js';

const init = <T>(detail: T, cancelable = false): CustomEventInit<T> => ({ bubbles: true, composed: true, cancelable, detail });

export interface CheckLoadDetail {
  /** The appointment (when `appointment` is set) after it loaded. */
  appointment?: AppointmentView;
  /** A completed availability check. */
  check?: AvailabilityCheck;
  /** Participant replies after loading or refreshing them. */
  replies?: ParticipantReplies;
}
/** Data arrived: the appointment, a check result, or replies. */
export class DvCheckLoadEvent extends CustomEvent<CheckLoadDetail> {
  constructor(detail: CheckLoadDetail) {
    super('dv-load', init(detail));
  }
}

export interface CheckSelectDetail {
  /** One interval for a shared time, one per applicant for individual times. */
  times: Array<{ start: string; end: string }>;
  /** A proposed time or one of the suggested next free times. */
  source: 'proposal' | 'suggestion';
  timeZone: string;
}
/** The recruiter chose a time. `preventDefault()` keeps the previous choice. */
export class DvCheckSelectEvent extends CustomEvent<CheckSelectDetail> {
  constructor(detail: CheckSelectDetail) {
    super('dv-select', init(detail, true));
  }
}

export interface InvitedDetail {
  /** One appointment for a shared time, one per applicant otherwise. */
  appointments: AppointmentView[];
}
/** The appointment(s) were created and written into the participants' calendars. */
export class DvInvitedEvent extends CustomEvent<InvitedDetail> {
  constructor(detail: InvitedDetail) {
    super('dv-invited', init(detail));
  }
}

/** The existing appointment was moved (or its room or participants changed). `applicantNotified` false: no mail needed. */
export class DvMovedEvent extends CustomEvent<AppointmentChange> {
  constructor(detail: AppointmentChange) {
    super('dv-moved', init(detail));
  }
}

export interface CancelledDetail {
  appointment: AppointmentView;
}
/** The existing appointment was cancelled. */
export class DvCancelledEvent extends CustomEvent<CancelledDetail> {
  constructor(detail: CancelledDetail) {
    super('dv-cancelled', init(detail));
  }
}

export const CHECK_OPERATIONS = ['load', 'users', 'check', 'replies', 'invite', 'move', 'cancel'] as const;
export type CheckOperation = (typeof CHECK_OPERATIONS)[number];

export interface CheckErrorDetail {
  operation: CheckOperation;
  /** HTTP status; 0 when no answer came. */
  status: number;
  code: string;
  message: string;
}
/** A request failed; the element shows its own message, this is for the host's logging. */
export class DvCheckErrorEvent extends CustomEvent<CheckErrorDetail> {
  constructor(detail: CheckErrorDetail) {
    super('dv-error', init(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dv-invited': DvInvitedEvent;
    'dv-moved': DvMovedEvent;
    'dv-cancelled': DvCancelledEvent;
  }
}
