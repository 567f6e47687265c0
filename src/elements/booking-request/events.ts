/**
 * Typed events of `<dv-booking-request>`. All bubble and are composed; none is cancelable. The request's own events
 * carry the wire view (`BookingRequestView`); the link appears in a detail only where the server returned it once.
 *
 * `dv-load` and `dv-error` share their names with the other elements, whose classes own the global
 * `GlobalEventHandlersEventMap` entries (src/elements/events.ts); tell them apart with `instanceof`. The names only
 * this element sends are added to the map.
 */
import type { BookingRequestView } from '../../shared/api/booking-requests.js';
import type { PreviewOutcome } from './internal/period.js';

const init = <T>(detail: T): CustomEventInit<T> => ({ bubbles: true, composed: true, detail });

export interface BookingRequestLoadDetail {
  /** The licence read from the settings. */
  tier?: 'basic' | 'plus';
  /** The request after loading or refreshing it (`request` attribute). */
  request?: BookingRequestView;
}
/** The element's data arrived. */
export class DvBookingRequestLoadEvent extends CustomEvent<BookingRequestLoadDetail> {
  constructor(detail: BookingRequestLoadDetail) {
    super('dv-load', init(detail));
  }
}

export interface RequestLinkDetail {
  request: BookingRequestView;
  /** The booking link for the applicant; the server shows it only in this one response. */
  link: string;
}
/** A booking request was created; `request.status` may already be `failed` (no common free time). */
export class DvRequestCreatedEvent extends CustomEvent<RequestLinkDetail> {
  constructor(detail: RequestLinkDetail) {
    super('dv-request-created', init(detail));
  }
}
/** A failed, expired or declined request was sent again with a new period and a new link. */
export class DvRequestResentEvent extends CustomEvent<RequestLinkDetail> {
  constructor(detail: RequestLinkDetail) {
    super('dv-request-resent', init(detail));
  }
}

export interface RequestCancelledDetail {
  request: BookingRequestView;
}
/** The request was cancelled: its link is disabled (and a booked appointment cancelled). */
export class DvRequestCancelledEvent extends CustomEvent<RequestCancelledDetail> {
  constructor(detail: RequestCancelledDetail) {
    super('dv-request-cancelled', init(detail));
  }
}

export interface LinkCopiedDetail {
  link: string;
  /** `clipboard`: the async Clipboard API; `fallback`: the selected field and `execCommand('copy')`. */
  method: 'clipboard' | 'fallback';
}
/** The booking link was copied to the clipboard. */
export class DvLinkCopiedEvent extends CustomEvent<LinkCopiedDetail> {
  constructor(detail: LinkCopiedDetail) {
    super('dv-link-copied', init(detail));
  }
}

/**
 * The live preview answered (the server's `POST /api/booking-requests/preview`): how many times the period has for
 * everyone, who alone has no free time, and who has no connected calendar (then nothing could be checked). Failures
 * of the preview are `dv-error` with `operation: 'preview'` instead.
 */
export class DvPreviewEvent extends CustomEvent<PreviewOutcome> {
  constructor(detail: PreviewOutcome) {
    super('dv-preview', init(detail));
  }
}

export const BOOKING_REQUEST_OPERATIONS = ['load', 'users', 'preview', 'create', 'refresh', 'resend', 'cancel', 'copy'] as const;
export type BookingRequestOperation = (typeof BOOKING_REQUEST_OPERATIONS)[number];

export interface BookingRequestErrorDetail {
  operation: BookingRequestOperation;
  /** HTTP status; 0 when no answer came. */
  status: number;
  code: string;
  message: string;
}
/** A request failed; the element shows its own message, this is for the host's logging. */
export class DvBookingRequestErrorEvent extends CustomEvent<BookingRequestErrorDetail> {
  constructor(detail: BookingRequestErrorDetail) {
    super('dv-error', init(detail));
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'dv-request-created': DvRequestCreatedEvent;
    'dv-request-resent': DvRequestResentEvent;
    'dv-request-cancelled': DvRequestCancelledEvent;
    'dv-link-copied': DvLinkCopiedEvent;
    'dv-preview': DvPreviewEvent;
  }
}
