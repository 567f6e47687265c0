/**
 * DOM-free logic of `<dv-booking-request>`: the booking window (tomorrow up to 32 days ahead, counted in the
 * request's zone, spec §15 / requirement 34), validating a period typed as two dates, turning it into instants, and
 * the live "is there any slot" preview built on the availability-check endpoint (there is no preview endpoint).
 *
 * Invariants: dates are `YYYY-MM-DD` in the request's zone; a period covers whole days, from the start of its first
 * day to the start of the day after its last (half-open), exactly as the server's `bookableWindow` counts. The
 * clock is an argument. The preview never decides for the server: it is a hint computed from the check's
 * suggestions, which look 14 days ahead from a proposed day, so a period is scanned in 14-day steps.
 */
import type { AvailabilityCheck } from '../../../shared/api/appointments.js';
import type { AvailabilityCheckInput } from '../../../client/scheduling-client.js';
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

/** How far the availability check's suggestions look ahead of the proposed day. */
export const SUGGESTION_DAYS = 14;

/** The proposed days the preview asks about, one per 14 days of the period (first days, in `zone`). */
export function previewDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, SUGGESTION_DAYS)) days.push(d);
  return days;
}

export interface PreviewInput {
  participantIds: string[];
  durationMinutes: number;
  timeZone: string;
  from: string;
  to: string;
}

export interface PreviewOutcome {
  /** Whether a time exists where everyone is free, and the first one found. */
  anySlot: boolean;
  first: Interval | null;
  /** Participants who alone have no free time in the period (only computed when there is no common slot). */
  noFreeTime: Array<{ id: string; name: string }>;
  /** Participants whose calendar cannot be read because of their connection: creating the link will be refused. */
  notConnected: Array<{ id: string; name: string; reason: string }>;
  /** Participants whose calendars could not be read right now (the answer may be too optimistic). */
  unverified: Array<{ id: string; name: string }>;
}

type Check = (body: AvailabilityCheckInput) => Promise<AvailabilityCheck>;

const CONNECTION_REASONS = new Set(['not_connected', 'connection_failed', 'integration_off']);

/**
 * Scans the period for the first common free time of `ids`, 14 days per request, stopping at the first hit.
 * Returns the hit (or null) and every answer read, for the names and states of the participants.
 */
async function scan(check: Check, input: PreviewInput, ids: string[]): Promise<{ hit: Interval | null; answers: AvailabilityCheck[] }> {
  const end = Date.parse(periodInstants(input.from, input.to, input.timeZone).end);
  const answers: AvailabilityCheck[] = [];
  for (const day of previewDays(input.from, input.to)) {
    const answer = await check({
      participantIds: ids,
      durationMinutes: input.durationMinutes,
      timeZone: input.timeZone,
      schedule: { mode: 'shared', start: formatInstant(zonedWallTimeToInstant(day, '00:00', input.timeZone)) },
      suggestionCount: 1,
    });
    answers.push(answer);
    const s = answer.suggestions[0];
    if (s && Date.parse(s.end) <= end) return { hit: { start: s.start, end: s.end }, answers };
  }
  return { hit: null, answers };
}

/**
 * The preview: is there a common free time in the period, and if not, who has none at all? At most one request per
 * 14 days of the period for everyone, plus as many per participant when nothing common was found.
 */
export async function runPreview(check: Check, input: PreviewInput): Promise<PreviewOutcome> {
  const all = await scan(check, input, input.participantIds);
  const first = all.answers[0];
  const people = first?.times[0]?.participants ?? [];
  const name = (id: string) => people.find((p) => p.id === id)?.name ?? id;
  const notConnected = people
    .filter((p) => p.state === 'unknown' && p.reason && CONNECTION_REASONS.has(p.reason))
    .map((p) => ({ id: p.id, name: p.name, reason: p.reason! }));
  const unverifiedIds = new Set(all.answers.flatMap((a) => a.unverifiedParticipantIds));
  const unverified = [...unverifiedIds].filter((id) => !notConnected.some((n) => n.id === id)).map((id) => ({ id, name: name(id) }));
  if (all.hit) return { anySlot: true, first: all.hit, noFreeTime: [], notConnected, unverified };
  const alone = await Promise.all(input.participantIds.map(async (id) => ({ id, hit: (await scan(check, input, [id])).hit })));
  return {
    anySlot: false,
    first: null,
    noFreeTime: alone.filter((a) => !a.hit).map((a) => ({ id: a.id, name: name(a.id) })),
    notConnected,
    unverified,
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
