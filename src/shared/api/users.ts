/**
 * Wire contract of the admin/recruiter user API: users as the host application provisions them, their calendar
 * preferences, their weekly availability and date overrides (the Plus availability editor's data), and the admin
 * listing of calendar-connection states with the spec's filter values and counts.
 *
 * Invariants enforced here, so the server and the elements refuse the same input: weekly ranges are `HH:mm`
 * (`'24:00'` only as an end), start before end, no two ranges of one weekday overlap (touching is fine), override
 * dates are real and unique and their intervals do not overlap either. Objects are strict: a misspelt key is an
 * error, not a silently ignored setting.
 */
import { z } from 'zod';
import { IsoInstant } from './public-booking.js';
import { RoleSchema } from './settings.js';
import { DateOverrideSchema, TimeZoneSchema, WEEKDAYS, WeeklyRangeSchema } from '../slot-query.js';
import { wallTimeToMinutes } from '../time.js';

export const UserIdSchema = z.string().min(1).max(128);

export const CONNECTION_STATUSES = ['not_connected', 'connected_individual', 'connected_central', 'failed', 'syncing'] as const;
export const ConnectionStatusSchema = z.enum(CONNECTION_STATUSES);
export type ConnectionStatusValue = z.infer<typeof ConnectionStatusSchema>;

export const UserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  timeZone: z.string(),
  roles: z.array(RoleSchema),
  active: z.boolean(),
  /** "Calendar integration active": off means no connection and no availability shared. */
  integrationActive: z.boolean(),
  /** "Participate in own appointments". */
  participateOwn: z.boolean(),
  connectionStatus: ConnectionStatusSchema,
});
export type UserView = z.infer<typeof UserSchema>;

export const UserListSchema = z.object({ items: z.array(UserSchema), total: z.number().int() });

/** `GET /api/me`: who the token belongs to and what the organization has — what an element needs to start. */
export const MeSchema = z.object({
  user: UserSchema,
  organization: z.object({ id: z.string(), name: z.string(), tier: z.enum(['basic', 'plus']), integrationEnabled: z.boolean() }),
});
export type Me = z.infer<typeof MeSchema>;

export const UserListQuerySchema = z.strictObject({
  includeInactive: z.enum(['true', 'false']).optional(),
  q: z.string().max(200).optional(),
});

/** The host's provisioning call: the user as the host knows it; calendar preferences are kept as they are. */
export const UpsertUserSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().max(320),
  timeZone: TimeZoneSchema.default('Europe/Berlin'),
  roles: z.array(RoleSchema).max(2).default([]),
  active: z.boolean().optional(),
});
export type UpsertUser = z.infer<typeof UpsertUserSchema>;

/**
 * A partial update. `name`, `email`, `roles` and `active` belong to the host and need the admin role; a user may
 * change their own `timeZone`, `integrationActive` and `participateOwn`.
 */
export const UpdateUserSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320),
    roles: z.array(RoleSchema).max(2),
    active: z.boolean(),
    timeZone: TimeZoneSchema,
    integrationActive: z.boolean(),
    participateOwn: z.boolean(),
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { error: 'send at least one field to change' });
export type UpdateUser = z.infer<typeof UpdateUserSchema>;
export const HOST_OWNED_USER_FIELDS = ['name', 'email', 'roles', 'active'] as const;

type Range = { start: string; end: string };

/** Reports the second of any two overlapping ranges (touching ranges do not overlap). */
function overlapIssues(ranges: readonly Range[], report: (index: number, other: number) => void): void {
  const order = ranges
    .map((r, i) => ({ i, s: safeMinutes(r.start, false), e: safeMinutes(r.end, true) }))
    .filter((r) => !Number.isNaN(r.s) && !Number.isNaN(r.e))
    .sort((a, b) => a.s - b.s || a.e - b.e);
  let reach = { i: -1, e: Number.NEGATIVE_INFINITY };
  for (const r of order) {
    if (r.s < reach.e) report(r.i, reach.i);
    if (r.e > reach.e) reach = r;
  }
}

function safeMinutes(time: string, end: boolean): number {
  try {
    return wallTimeToMinutes(time, end);
  } catch {
    return Number.NaN; // the format issue is reported by the range schema
  }
}

export const WeeklyHoursSchema = z
  .array(WeeklyRangeSchema)
  .max(7 * 48, { error: 'at most 336 weekly ranges' })
  .superRefine((ranges, ctx) => {
    for (const day of WEEKDAYS) {
      const indexed = ranges.map((r, i) => ({ r, i })).filter((x) => x.r.day === day);
      overlapIssues(
        indexed.map((x) => x.r),
        (k, other) =>
          ctx.addIssue({
            code: 'custom',
            message: `${day} ${indexed[k]!.r.start}–${indexed[k]!.r.end} overlaps ${indexed[other]!.r.start}–${indexed[other]!.r.end}`,
            path: [indexed[k]!.i],
          }),
      );
    }
  });

export const DateOverridesSchema = z
  .array(DateOverrideSchema)
  .max(1000, { error: 'at most 1000 date overrides' })
  .superRefine((overrides, ctx) => {
    const seen = new Set<string>();
    overrides.forEach((o, i) => {
      if (seen.has(o.date)) ctx.addIssue({ code: 'custom', message: `date ${o.date} is overridden twice`, path: [i, 'date'] });
      seen.add(o.date);
      overlapIssues(o.intervals, (k, other) =>
        ctx.addIssue({
          code: 'custom',
          message: `${o.date} ${o.intervals[k]!.start}–${o.intervals[k]!.end} overlaps ${o.intervals[other]!.start}–${o.intervals[other]!.end}`,
          path: [i, 'intervals', k],
        }),
      );
    });
  });

export const AvailabilitySchema = z.object({
  userId: z.string(),
  /** The zone the wall times are read in: the user's own. */
  timeZone: z.string(),
  weeklyHours: z.array(z.object({ day: z.enum(WEEKDAYS), start: z.string(), end: z.string() })),
  /** True while the user has not saved their own hours and the default Mon–Fri 09:00–17:00 applies. */
  isDefault: z.boolean(),
  dateOverrides: z.array(z.object({ date: z.string(), intervals: z.array(z.object({ start: z.string(), end: z.string() })) })),
});
export type AvailabilityView = z.infer<typeof AvailabilitySchema>;

/** `weeklyHours: null` goes back to the default hours; an empty list means never available. */
export const UpdateAvailabilitySchema = z
  .strictObject({ weeklyHours: WeeklyHoursSchema.nullable(), dateOverrides: DateOverridesSchema })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { error: 'send weeklyHours, dateOverrides or both' });
export type UpdateAvailability = z.infer<typeof UpdateAvailabilitySchema>;

/** The spec's filter "Status calendar connection" (plus `syncing`, the short state while a connection is set up). */
export const ConnectionListQuerySchema = z.strictObject({
  status: ConnectionStatusSchema.optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

export const ConnectionRowSchema = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string(),
  integrationActive: z.boolean(),
  status: ConnectionStatusSchema,
  provider: z.string().nullable(),
  profileName: z.string().nullable(),
  profileEmail: z.string().nullable(),
  failedReason: z.string().nullable(),
  failedSince: IsoInstant.nullable(),
});

export const ConnectionListSchema = z.object({
  items: z.array(ConnectionRowSchema),
  /** Rows matching the filter (before limit/offset). */
  total: z.number().int(),
  /** Active users per status, whatever the filter, for the filter's badges. */
  counts: z.object({
    all: z.number().int(),
    not_connected: z.number().int(),
    connected_individual: z.number().int(),
    connected_central: z.number().int(),
    failed: z.number().int(),
    syncing: z.number().int(),
  }),
});
export type ConnectionList = z.infer<typeof ConnectionListSchema>;
