/**
 * DOM-free logic of `<dv-booking-request>`: the booking window (tomorrow up to 32 days ahead, counted in the
 * request's zone, spec §15 / requirement 34), validating a period typed as two dates, turning it into instants,
 * reading the server's preview (`POST /api/booking-requests/preview`) and a request's failure reason.
 *
 * Invariants: dates are `YYYY-MM-DD` in the request's zone; a period covers whole days, from the start of its first
 * day to the start of the day after its last (half-open), exactly as the server's `bookableWindow` counts. The
 * clock is an argument. The preview is the server's own computation for the same draft, so nothing here guesses.
 */
import { addDays, formatInstant, isValidDate, localDate, zonedWallTimeToInstant } from '../../../shared/time.js';

export interface Interval {
  start: string;
  end: string;
}

export interface BookingWindow {
  /** First bookable date (inclusive). */
  min: string;
  /** Last bookable date (inclusive). */
  max: string;
}

/** The dates a period may use: today + `startDays` … today + `endDays`, today taken in `zone`. */
export function bookingWindow(now: number, zone: string, startDays = 1, endDays = 32): BookingWindow {
  const today = localDate(now, zone);
  return { min: addDays(today, startDays), max: addDays(today, endDays) };
}

export const PERIOD_PROBLEMS = ['periodMissing', 'periodOrder', 'periodOutside'] as const;
export type PeriodProblem = (typeof PERIOD_PROBLEMS)[number];

/** Why a period (first and last date) cannot be used, or null. */
export function periodProblem(from: string, to: string, window: BookingWindow): PeriodProblem | null {
  if (!isValidDate(from) || !isValidDate(to)) return 'periodMissing';
  if (to < from) return 'periodOrder';
  if (from < window.min || to > window.max) return 'periodOutside';
  return null;
}

/** The half-open instant range of whole days `from` … `to` in `zone`. */
export function periodInstants(from: string, to: string, zone: string): Interval {
  return {
    start: formatInstant(zonedWallTimeToInstant(from, '00:00', zone)),
    end: formatInstant(zonedWallTimeToInstant(addDays(to, 1), '00:00', zone)),
  };
}

/** The default period: the whole first two weeks of the window (or less, when the window is shorter). */
export function defaultPeriod(window: BookingWindow): { from: string; to: string } {
  const to = addDays(window.min, 13);
  return { from: window.min, to: to < window.max ? to : window.max };
}

export interface PreviewOutcome {
  /** Bookable times for everyone in the period, as creating would count them (rooms, interval, buffers included). */
  slotCount: number;
  /** Per participant, how many candidate times they alone are free for (empty when the server did not check). */
  participants: Array<{ id: string; name: string; freeCandidateCount: number }>;
  /** Participants who alone have no free time in the period. */
  noFreeTime: Array<{ id: string; name: string }>;
  /**
   * People without a connected calendar (the organizer included): the server refused to check, and would refuse
   * to create the link the same way (422 `participants_not_connected`).
   */
  notConnected: Array<{ id: string; name: string }>;
}

/** The preview's answer in the element's terms; `notConnected` comes from a 422 instead of an answer. */
export function previewOutcome(
  preview: { slotCount: number; participants: PreviewOutcome['participants'] },
  notConnected: PreviewOutcome['notConnected'] = [],
): PreviewOutcome {
  return {
    slotCount: preview.slotCount,
    participants: preview.participants,
    noFreeTime: preview.participants.filter((p) => p.freeCandidateCount === 0).map(({ id, name }) => ({ id, name })),
    notConnected,
  };
}

/** The failure reasons the server writes (`failureReason`), plus the statuses that are failures by themselves. */
export const FAILURE_REASONS = ['declined', 'expired', 'participant_disconnected', 'no_common_slot'] as const;
export type FailureReason = (typeof FAILURE_REASONS)[number];

/** The failure reason of a request view, or null when it has not failed; an unknown reason is passed through. */
export function failureOf(view: { status: string; failureReason: string | null }): FailureReason | string | null {
  if (view.status === 'declined') return 'declined';
  if (view.status === 'expired') return 'expired';
  if (view.status === 'failed') return view.failureReason ?? 'no_common_slot';
  return null;
}
