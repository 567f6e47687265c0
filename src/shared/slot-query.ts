/**
 * Wire contract of the slot engine: `SlotQuerySchema` (what the server validates HTTP input with, and what
 * `computeSlots` takes after parsing) and `SlotResultSchema` (what it returns).
 *
 * Invariants: everything the engine relies on is enforced here, with a message a recruiter-facing developer can act
 * on: IANA zones known to the runtime, UTC ISO instants between 1900 and 2199, `HH:mm` wall times (`'24:00'` only as
 * an end), ranges that end after they start, interval and duration 1–1440 minutes, a window of at most 400 days,
 * at most 10 000 busy intervals per participant or room, unique ids and override dates, `required` no larger than
 * the participant count, and at least one room when `roomRequired`. Objects are strict: an unknown key (a typo such
 * as `bufferBefore`) is an error rather than a silently ignored setting. Overlapping weekly ranges are accepted; the
 * engine merges them. Parsing applies the defaults, so `SlotQuery` (the output type) has every field present.
 */
import { z } from 'zod';
import { DAY_MS, isValidDate, isValidTimeZone, parseInstant, wallTimeToMinutes } from './time.js';

export const MAX_WINDOW_DAYS = 400;
export const MAX_BUSY_PER_CALENDAR = 10_000;
export const MAX_RESULTS_LIMIT = 100_000;
export const DEFAULT_MAX_RESULTS = 512;
export const MAX_PARTICIPANTS = 100;
export const MAX_ROOMS = 100;

const MIN_INSTANT = Date.UTC(1900, 0, 1);
const MAX_INSTANT = Date.UTC(2200, 0, 1);

/** UTC instant, ISO-8601 with `Z` and seconds (`2026-03-23T09:00:00Z`), years 1900–2199. */
export const SlotInstantSchema = z.iso
  .datetime({
    offset: false,
    error: (iss) => (iss.input === undefined ? 'required' : 'expected a UTC ISO-8601 instant such as 2026-03-23T09:00:00Z'),
  })
  .refine((s) => {
    const ms = instantOrNaN(s);
    return Number.isNaN(ms) || (ms >= MIN_INSTANT && ms < MAX_INSTANT);
  }, 'instant must lie between 1900-01-01 and 2199-12-31');

/**
 * zod 4 runs later checks even after the format check failed, so every refinement reads instants through this
 * total function and skips its own test on NaN (the format issue is already reported).
 */
function instantOrNaN(s: unknown): number {
  if (typeof s !== 'string') return Number.NaN;
  try {
    return parseInstant(s);
  } catch {
    return Number.NaN;
  }
}

/** IANA time zone name known to the runtime (`Europe/Berlin`). */
export const TimeZoneSchema = z
  .string({ error: (iss) => (iss.input === undefined ? 'required' : 'expected an IANA time zone name such as Europe/Berlin') })
  .refine(isValidTimeZone, { error: (iss) => `unknown time zone '${String(iss.input)}'` });

/** Calendar date `YYYY-MM-DD`. */
export const LocalDateSchema = z
  .string()
  .refine(isValidDate, { error: (iss) => `invalid date '${String(iss.input)}' (expected a real date as YYYY-MM-DD)` });

const WALL_START_RE = /^([01]\d|2[0-3]):[0-5]\d$/;
const WALL_END_RE = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;

const WallStart = z.string().regex(WALL_START_RE, { error: 'expected a wall time HH:mm between 00:00 and 23:59' });
const WallEnd = z
  .string()
  .regex(WALL_END_RE, { error: "expected a wall time HH:mm between 00:01 and 24:00 ('24:00' = midnight at the end of the day)" });

function endAfterStart(r: { start: string; end: string }): boolean {
  if (!WALL_START_RE.test(r.start) || !WALL_END_RE.test(r.end)) return true; // format issue already reported
  return wallTimeToMinutes(r.end, true) > wallTimeToMinutes(r.start);
}
const END_AFTER_START = {
  error: "end must be after start; for hours past midnight use '24:00' here and a second range on the next day",
  path: ['end'],
};

/** A wall-clock range within one local day, `[start, end)`. */
export const WallRangeSchema = z.strictObject({ start: WallStart, end: WallEnd }).refine(endAfterStart, END_AFTER_START);

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const WeekdaySchema = z.enum(WEEKDAYS, { error: 'expected a weekday: mon, tue, wed, thu, fri, sat or sun' });

export const WeeklyRangeSchema = z
  .strictObject({ day: WeekdaySchema, start: WallStart, end: WallEnd })
  .refine(endAfterStart, END_AFTER_START);

export const DateOverrideSchema = z.strictObject({
  date: LocalDateSchema,
  /** Replaces the weekly hours on this local date; an empty list means unavailable all day. */
  intervals: z.array(WallRangeSchema).max(48, { error: 'at most 48 intervals per date override' }),
});

/** A busy interval `[start, end)`; `end === start` is allowed and blocks nothing. */
export const BusyIntervalSchema = z
  .strictObject({ start: SlotInstantSchema, end: SlotInstantSchema })
  .refine((b) => !(instantOrNaN(b.end) < instantOrNaN(b.start)), { error: 'busy interval ends before it starts', path: ['end'] });

const BusyList = z
  .array(BusyIntervalSchema)
  .max(MAX_BUSY_PER_CALENDAR, { error: `at most ${MAX_BUSY_PER_CALENDAR} busy intervals per participant or room` })
  .default([]);

const Id = z.string().min(1, { error: 'id must not be empty' }).max(200, { error: 'id is longer than 200 characters' });

export const SlotParticipantSchema = z
  .strictObject({
    id: Id,
    /** Zone in which `weeklyHours` and `dateOverrides` are read. */
    timeZone: TimeZoneSchema,
    /** Absent = available around the clock; present but empty = never available. */
    weeklyHours: z.array(WeeklyRangeSchema).max(7 * 48, { error: 'at most 336 weekly ranges' }).optional(),
    dateOverrides: z.array(DateOverrideSchema).max(1000, { error: 'at most 1000 date overrides' }).default([]),
    busy: BusyList,
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.dateOverrides.forEach((o, i) => {
      if (seen.has(o.date)) {
        ctx.addIssue({ code: 'custom', message: `date ${o.date} is overridden twice`, path: ['dateOverrides', i, 'date'] });
      }
      seen.add(o.date);
    });
  });

export const SlotRoomSchema = z.strictObject({ id: Id, busy: BusyList });

const REQUIRED_MESSAGE = "required must be 'all' or a whole number of participants ≥ 1";
export const RequiredSchema = z.union(
  [z.literal('all'), z.number().int({ error: REQUIRED_MESSAGE }).min(1, { error: REQUIRED_MESSAGE })],
  { error: REQUIRED_MESSAGE },
);

const minutes = (name: string, min: number, max: number) =>
  z
    .number({ error: (iss) => (iss.input === undefined ? 'required' : `${name} must be a number of minutes`) })
    .int({ error: `${name} must be a whole number of minutes` })
    .min(min, { error: min === 1 ? `${name} must be greater than 0` : `${name} must not be negative` })
    .max(max, { error: `${name} must be at most ${max}` });

export const SlotQuerySchema = z
  .strictObject({
    /** The engine's clock: slots start no earlier than `now + minNoticeMinutes`. */
    now: SlotInstantSchema,
    window: z.strictObject({ start: SlotInstantSchema, end: SlotInstantSchema }),
    /** Zone whose wall clock aligns candidate starts to multiples of `intervalMinutes`. */
    timeZone: TimeZoneSchema,
    durationMinutes: minutes('durationMinutes', 1, 1440),
    intervalMinutes: minutes('intervalMinutes', 1, 1440),
    minNoticeMinutes: minutes('minNoticeMinutes', 0, MAX_WINDOW_DAYS * 1440).default(0),
    bufferBeforeMinutes: minutes('bufferBeforeMinutes', 0, 1440).default(0),
    bufferAfterMinutes: minutes('bufferAfterMinutes', 0, 1440).default(0),
    required: RequiredSchema.default('all'),
    participants: z
      .array(SlotParticipantSchema)
      .min(1, { error: 'at least one participant is required' })
      .max(MAX_PARTICIPANTS, { error: `at most ${MAX_PARTICIPANTS} participants` }),
    rooms: z.array(SlotRoomSchema).max(MAX_ROOMS, { error: `at most ${MAX_ROOMS} rooms` }).default([]),
    roomRequired: z.boolean().default(false),
    maxResults: z
      .number()
      .int({ error: 'maxResults must be a whole number' })
      .min(1, { error: 'maxResults must be at least 1' })
      .max(MAX_RESULTS_LIMIT, { error: `maxResults must be at most ${MAX_RESULTS_LIMIT}` })
      .default(DEFAULT_MAX_RESULTS),
  })
  .superRefine((q, ctx) => {
    const start = instantOrNaN(q.window.start);
    const end = instantOrNaN(q.window.end);
    if (end <= start) {
      ctx.addIssue({ code: 'custom', message: 'window.end must be after window.start', path: ['window', 'end'] });
    } else if (end - start > MAX_WINDOW_DAYS * DAY_MS) {
      const days = Math.ceil((end - start) / DAY_MS);
      ctx.addIssue({
        code: 'custom',
        message: `window spans ${days} days; at most ${MAX_WINDOW_DAYS} days are allowed`,
        path: ['window', 'end'],
      });
    }
    if (typeof q.required === 'number' && q.required > q.participants.length) {
      ctx.addIssue({
        code: 'custom',
        message: `required is ${q.required} but only ${q.participants.length} participant(s) were given`,
        path: ['required'],
      });
    }
    if (q.roomRequired && q.rooms.length === 0) {
      ctx.addIssue({ code: 'custom', message: 'roomRequired is true but no rooms were given', path: ['rooms'] });
    }
    duplicates(q.participants, (i, id) =>
      ctx.addIssue({ code: 'custom', message: `participant id '${id}' is used twice`, path: ['participants', i, 'id'] }),
    );
    duplicates(q.rooms, (i, id) =>
      ctx.addIssue({ code: 'custom', message: `room id '${id}' is used twice`, path: ['rooms', i, 'id'] }),
    );
  });

function duplicates(items: readonly { id: string }[], report: (index: number, id: string) => void): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) report(i, item.id);
    seen.add(item.id);
  });
}

/** A query as sent (defaults optional). */
export type SlotQueryInput = z.input<typeof SlotQuerySchema>;
/** A parsed query, defaults applied: what `computeSlots` takes. */
export type SlotQuery = z.output<typeof SlotQuerySchema>;
export type SlotParticipant = SlotQuery['participants'][number];
export type SlotRoom = SlotQuery['rooms'][number];

export const SlotSchema = z.strictObject({
  start: SlotInstantSchema,
  end: SlotInstantSchema,
  /** Every participant free for this slot, in input order. */
  participantIds: z.array(z.string()),
  /** First free room in input order; present only when the query had `roomRequired`. */
  roomId: z.string().optional(),
});
export type Slot = z.infer<typeof SlotSchema>;

const CandidateCount = z.number().int().nonnegative();

export const SlotDiagnosticsSchema = z.strictObject({
  /** Candidate starts that passed window, notice and alignment: the denominator of every count below. */
  candidateCount: CandidateCount,
  /** Per participant, in input order: candidates this participant alone was free for (0 = "no free time"). */
  participants: z.array(z.strictObject({ id: z.string(), freeCandidateCount: CandidateCount })),
  /** Per room, in input order: candidates for which the room was free. */
  rooms: z.array(z.strictObject({ id: z.string(), freeCandidateCount: CandidateCount })),
});
export type SlotDiagnostics = z.infer<typeof SlotDiagnosticsSchema>;

export const SlotResultSchema = z.strictObject({
  /** Earliest first, at most `maxResults`. */
  slots: z.array(SlotSchema),
  /** True when more slots matched than `maxResults` allowed. */
  truncated: z.boolean(),
  diagnostics: SlotDiagnosticsSchema,
});
export type SlotResult = z.infer<typeof SlotResultSchema>;
