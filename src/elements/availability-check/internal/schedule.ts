/**
 * DOM-free planning logic of `<dv-availability-check>`: wall times (a date and a time typed in a chosen IANA zone)
 * to instants and back, the spec's "individual appointment per applicant" (back-to-back times from a start and a
 * duration), the availability-check requests a plan needs, and the table model of the answer.
 *
 * Invariants: a wall time means nothing without its zone — every conversion takes one, through
 * `zonedWallTimeToInstant` (DST gaps move forward, repeated hours take the earlier instant, see src/shared/time.ts).
 * Back-to-back times are consecutive in real time (start + i × duration as instants), so across a DST switch the
 * wall times jump with the clock (01:00, 03:00, 04:00 on a spring-forward night) and no applicant gets a time that
 * does not exist or overlaps the next. Nothing here reads the clock: `now` is an argument.
 */
import type { AvailabilityCheck, CheckedResource, CheckedTime, Schedule } from '../../../shared/api/appointments.js';
import type { AvailabilityCheckInput } from '../../../client/scheduling-client.js';
import { addDays, formatInstant, instantToZonedParts, isValidDate, localDate, zonedWallTimeToInstant } from '../../../shared/time.js';

export const MINUTE = 60_000;

/** A local date and time as typed into `<input type="date">` and `<input type="time">`. */
export interface Wall {
  date: string;
  time: string;
  /**
   * The exact instant when it is known (computed times): in a repeated hour (fall back) one wall time names two
   * instants, and reading the wall again would pick the earlier one. Ignored once date or time no longer match it.
   */
  at?: string;
}

export interface Interval {
  start: string;
  end: string;
}

const TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

export function isWall(w: Wall): boolean {
  return isValidDate(w.date) && TIME_RE.test(w.time);
}

/** The instant (UTC ISO) of a wall time in `zone`, or null when date or time is incomplete. */
export function wallToInstant(w: Wall, zone: string): string | null {
  if (!isWall(w)) return null;
  if (w.at) {
    const back = instantToWall(w.at, zone);
    if (back.date === w.date && back.time === w.time) return w.at;
  }
  return formatInstant(zonedWallTimeToInstant(w.date, w.time, zone));
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall time of an instant in `zone`. */
export function instantToWall(iso: string, zone: string): Wall {
  const p = instantToZonedParts(Date.parse(iso), zone);
  return { date: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

export function addMinutes(iso: string, minutes: number): string {
  return formatInstant(Date.parse(iso) + minutes * MINUTE);
}

/**
 * The spec's "individual appointment per applicant = Yes": `count` consecutive times of `durationMinutes` from
 * `start`, as wall times in `zone` (so they can be shown in, and edited through, the same inputs).
 */
export function backToBack(start: Wall, durationMinutes: number, count: number, zone: string): Wall[] {
  const first = wallToInstant(start, zone);
  if (!first) return Array.from({ length: count }, () => ({ ...start }));
  return Array.from({ length: count }, (_, i) => {
    const at = addMinutes(first, i * durationMinutes);
    return { ...instantToWall(at, zone), at };
  });
}

/** How several applicants are planned: everyone at one time, or one time each. */
export const MODES = ['shared', 'individual'] as const;
export type PlanMode = (typeof MODES)[number];

export interface Plan {
  participantIds: readonly string[];
  roomId: string | null;
  locationId: string | null;
  durationMinutes: number;
  timeZone: string;
  mode: PlanMode;
  /** Alternative times for everyone (shared mode). */
  proposals: readonly Wall[];
  /** One time per applicant (individual mode). */
  perApplicant: readonly Wall[];
  /** Planning a move: the appointment's own time does not count as busy. */
  excludeAppointmentId?: string;
}

export const PROBLEMS = ['noParticipants', 'badDuration', 'incompleteTime', 'pastTime'] as const;
export type PlanProblem = (typeof PROBLEMS)[number];

/** The times a plan proposes, or why it cannot be checked yet. */
export function planTimes(plan: Plan, now: number): { times: Interval[] } | { problem: PlanProblem } {
  if (plan.participantIds.length === 0) return { problem: 'noParticipants' };
  const d = plan.durationMinutes;
  if (!Number.isInteger(d) || d < 5 || d > 480) return { problem: 'badDuration' };
  const walls = plan.mode === 'individual' ? plan.perApplicant : plan.proposals;
  const starts = walls.map((w) => wallToInstant(w, plan.timeZone));
  if (starts.length === 0 || starts.some((s) => s === null)) return { problem: 'incompleteTime' };
  if (starts.some((s) => Date.parse(s!) < now)) return { problem: 'pastTime' };
  return { times: starts.map((s) => ({ start: s!, end: addMinutes(s!, d) })) };
}

/** How many next common free times are suggested. */
export const SUGGESTIONS = 5;

/**
 * The availability-check requests for a plan: one for a single time or a per-applicant set (whose suggestions are
 * whole blocks, one time per applicant); for several alternative shared times, one for their states (without
 * suggestions) and one for the suggestions after the earliest — the contract's `individual` schedule would read
 * alternatives as one block per applicant, and its suggestions would be blocks of that many times.
 */
export function checkRequests(plan: Plan, times: readonly Interval[]): AvailabilityCheckInput[] {
  const base = {
    participantIds: [...plan.participantIds],
    durationMinutes: plan.durationMinutes,
    timeZone: plan.timeZone,
    ...(plan.roomId ? { roomId: plan.roomId } : {}),
    ...(plan.locationId ? { locationId: plan.locationId } : {}),
    ...(plan.excludeAppointmentId ? { excludeAppointmentId: plan.excludeAppointmentId } : {}),
  };
  const earliest = [...times].sort((a, b) => a.start.localeCompare(b.start))[0]!.start;
  if (plan.mode === 'individual') {
    const walls = backToBack(plan.perApplicant[0]!, plan.durationMinutes, times.length, plan.timeZone);
    const consecutive = walls.every((w, i) => wallToInstant(w, plan.timeZone) === times[i]!.start);
    const schedule: Schedule = consecutive
      ? { mode: 'back_to_back', start: times[0]!.start }
      : { mode: 'individual', starts: times.map((t) => t.start) };
    return [{ ...base, schedule, applicantCount: times.length, suggestionCount: SUGGESTIONS }];
  }
  if (times.length === 1) return [{ ...base, schedule: { mode: 'shared', start: earliest }, suggestionCount: SUGGESTIONS }];
  return [
    { ...base, schedule: { mode: 'individual', starts: times.map((t) => t.start) }, suggestionCount: 0 },
    { ...base, schedule: { mode: 'shared', start: earliest }, suggestionCount: SUGGESTIONS },
  ];
}

/** One answer from the one or two requests of {@link checkRequests}: states from the first, suggestions from the last. */
export function mergeChecks(answers: readonly AvailabilityCheck[]): AvailabilityCheck {
  const first = answers[0]!;
  const last = answers[answers.length - 1]!;
  return {
    ...first,
    suggestions: last.suggestions,
    unverifiedParticipantIds: [...new Set(answers.flatMap((a) => a.unverifiedParticipantIds))],
  };
}

export interface TableRow {
  id: string;
  name: string;
  kind: 'participant' | 'room';
  /** One per checked time, in column order. */
  cells: Array<CheckedResource | undefined>;
}

/** Rows (participants in answer order, then the room) × columns (the checked times). */
export function tableRows(times: readonly CheckedTime[]): TableRow[] {
  const first = times[0];
  if (!first) return [];
  const rows: TableRow[] = first.participants.map((p) => ({
    id: p.id,
    name: p.name,
    kind: 'participant',
    cells: times.map((t) => t.participants.find((x) => x.id === p.id)),
  }));
  if (first.room) rows.push({ id: first.room.id, name: first.room.name, kind: 'room', cells: times.map((t) => t.room ?? undefined) });
  return rows;
}

/** A time that can be chosen for the invite or move: the proposed one(s) or a suggestion. */
export interface Choice {
  key: string;
  source: 'proposal' | 'suggestion';
  /** One interval for a shared time, one per applicant otherwise. */
  times: Interval[];
}

/** The choices an answer offers, proposals first; in shared mode each alternative is its own choice. */
export function choicesOf(check: AvailabilityCheck, mode: PlanMode): Choice[] {
  const strip = (t: Interval): Interval => ({ start: t.start, end: t.end });
  const proposals: Choice[] =
    mode === 'individual'
      ? check.times.length
        ? [{ key: `p:${check.times.map((t) => t.start).join(',')}`, source: 'proposal', times: check.times.map(strip) }]
        : []
      : check.times.map((t) => ({ key: `p:${t.start}`, source: 'proposal', times: [strip(t)] }));
  const suggestions: Choice[] = check.suggestions.map((s) => ({
    key: `s:${s.start}`,
    source: 'suggestion',
    times: mode === 'individual' && s.times.length ? s.times.map(strip) : [strip(s)],
  }));
  // A suggestion equal to a proposal is the same choice; list it once, as the proposal.
  const known = new Set(proposals.map((p) => p.times.map((t) => t.start).join(',')));
  return [...proposals, ...suggestions.filter((s) => !known.has(s.times.map((t) => t.start).join(',')))];
}

/** The combined state of a proposal choice: busy if anyone is busy, else unknown if anyone is, else free. */
export function overallState(times: readonly CheckedTime[]): CheckedTime['state'] {
  const states = times.map((t) => t.state);
  return states.includes('busy') ? 'busy' : states.includes('unknown') ? 'unknown' : 'free';
}

/** Today's date in `zone` plus `days`, as `YYYY-MM-DD` (for input defaults and limits). */
export function zonedToday(now: number, zone: string, days = 0): string {
  return addDays(localDate(now, zone), days);
}
