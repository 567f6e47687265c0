/**
 * RFC 5545 calendar files for appointments: a stable UID per appointment, SEQUENCE raised on every move,
 * METHOD REQUEST / CANCEL for the host's invitation e-mails and PUBLISH for the applicant's "add to calendar",
 * local times with TZID plus a VTIMEZONE built from the zone's real transitions around the event, and
 * CLASS:PRIVATE when the event is private. Lines are folded at 75 octets and text escaped per §3.3.11.
 */
import { zoneOffsetAt, formatInstant } from '../../shared/time.js';
import type { Db } from '../../store/db.js';
import { getAppointment, type Appointment } from '../../store/repos/bookings.js';
import { ApiError } from '../errors.js';
import { buildCalendarEvent } from './calendar-sync.js';
import { resolveToken } from './booking.js';
import { getUser } from '../../store/repos/users.js';

export interface IcsInput {
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  uid: string;
  sequence: number;
  start: string;
  end: string;
  timeZone: string;
  summary: string;
  description: string;
  location: string | null;
  organizer: { name: string; email: string } | null;
  attendees: Array<{ name: string; email: string }>;
  private: boolean;
  stamp: string;
}

/** The zone's UTC offset in whole minutes at an instant (e.g. +120 for CEST). */
export function offsetMinutes(ms: number, timeZone: string): number {
  return Math.round(zoneOffsetAt(ms, timeZone) / 60_000);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Wall-clock time of `ms` at a fixed offset, in iCalendar's basic format (no Z). */
function localStamp(ms: number, offset: number): string {
  const d = new Date(ms + offset * 60_000);
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

function utcStamp(ms: number): string {
  return localStamp(ms, 0) + 'Z';
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)}`;
}

/** Transitions of a zone within [from, to): the first instant of each new offset, found to the minute. */
export function transitions(timeZone: string, from: number, to: number): Array<{ at: number; before: number; after: number }> {
  const found: Array<{ at: number; before: number; after: number }> = [];
  const day = 86_400_000;
  let previous = offsetMinutes(from, timeZone);
  for (let t = from + day; t < to + day; t += day) {
    const current = offsetMinutes(t, timeZone);
    if (current === previous) continue;
    let lo = t - day;
    let hi = t;
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
      if (offsetMinutes(mid, timeZone) === previous) lo = mid;
      else hi = mid;
    }
    found.push({ at: hi, before: previous, after: current });
    previous = current;
  }
  return found;
}

function vtimezone(timeZone: string, around: number): string[] {
  const year = 366 * 86_400_000;
  const changes = transitions(timeZone, around - year, around + year);
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`];
  if (changes.length === 0) {
    const offset = offsetText(offsetMinutes(around, timeZone));
    lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset}`, `TZOFFSETTO:${offset}`, 'END:STANDARD');
  }
  for (const change of changes) {
    const kind = change.after > change.before ? 'DAYLIGHT' : 'STANDARD';
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(change.at, change.before)}`,
      `TZOFFSETFROM:${offsetText(change.before)}`,
      `TZOFFSETTO:${offsetText(change.after)}`,
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line to 75 octets, never splitting a UTF-8 sequence. */
export function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const n = new TextEncoder().encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (size + n > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += n;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

export function renderIcs(input: IcsInput): string {
  const startMs = Date.parse(input.start);
  const endMs = Date.parse(input.end);
  const startOffset = offsetMinutes(startMs, input.timeZone);
  const endOffset = offsetMinutes(endMs, input.timeZone);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//d.vinci//dv-calendar//EN',
    'CALSCALE:GREGORIAN',
    `METHOD:${input.method}`,
    ...vtimezone(input.timeZone, startMs),
    'BEGIN:VEVENT',
    `UID:${input.uid}`,
    `SEQUENCE:${input.sequence}`,
    `DTSTAMP:${utcStamp(Date.parse(input.stamp))}`,
    `DTSTART;TZID=${input.timeZone}:${localStamp(startMs, startOffset)}`,
    `DTEND;TZID=${input.timeZone}:${localStamp(endMs, endOffset)}`,
    `SUMMARY:${escapeText(input.summary)}`,
    ...(input.description ? [`DESCRIPTION:${escapeText(input.description)}`] : []),
    ...(input.location ? [`LOCATION:${escapeText(input.location)}`] : []),
    ...(input.organizer ? [`ORGANIZER;CN=${quoteParam(input.organizer.name)}:mailto:${input.organizer.email}`] : []),
    ...input.attendees.map(
      (a) => `ATTENDEE;CN=${quoteParam(a.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=${input.method === 'REQUEST' ? 'TRUE' : 'FALSE'}:mailto:${a.email}`,
    ),
    `STATUS:${input.method === 'CANCEL' ? 'CANCELLED' : 'CONFIRMED'}`,
    `CLASS:${input.private ? 'PRIVATE' : 'PUBLIC'}`,
    'TRANSP:OPAQUE',
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

function quoteParam(value: string): string {
  return `"${value.replace(/["\r\n]/g, '')}"`;
}

export interface IcsDeps {
  db: Db;
  now: () => number;
}

export async function icsForAppointment(deps: IcsDeps, appointment: Appointment, method: IcsInput['method'], audience: 'applicant' | 'host'): Promise<string> {
  const event = await buildCalendarEvent(deps.db, appointment);
  const organizer = await getUser(deps.db, appointment.orgId, appointment.organizerId);
  return renderIcs({
    method,
    uid: `${appointment.eventId}@dv-calendar`,
    sequence: appointment.sequence,
    start: appointment.start,
    end: appointment.end,
    timeZone: appointment.timeZone,
    summary: event.summary,
    // The applicant's copy carries no internal notes.
    description: audience === 'applicant' ? '' : event.description,
    location: event.location,
    organizer: organizer ? { name: organizer.name, email: organizer.email } : null,
    attendees: audience === 'applicant' ? [] : event.attendees.map((a) => ({ name: a.displayName, email: a.email })),
    private: appointment.private,
    stamp: formatInstant(deps.now()),
  });
}

export async function appointmentIcs(deps: IcsDeps, token: string): Promise<string> {
  const { request } = await resolveToken(deps.db, token);
  const appointment = request.appointmentId ? await getAppointment(deps.db, request.orgId, request.appointmentId) : null;
  if (!appointment || appointment.status !== 'confirmed' || request.status !== 'booked') {
    throw new ApiError(404, 'not_found', 'Nothing is booked with this link yet.');
  }
  return icsForAppointment(deps, appointment, 'PUBLISH', 'applicant');
}
