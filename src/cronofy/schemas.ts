/**
 * Zod schemas of the Cronofy responses the client reads, and TypeScript types of the request bodies it sends. Field
 * names are Cronofy's own (snake_case), so `../shared/reference/cronofy-api.md` is the documentation of every type
 * here. Invariants: unknown response fields are dropped (Cronofy adds fields over time); enums Cronofy documents as
 * "will be expanded" (provider names, statuses, notification types) are parsed as plain strings so a new value never
 * breaks a read; only the fields the product relies on are required.
 */
import { z } from 'zod';

/** `Time` (`2025-01-21T09:00:00Z`), `Date` (`2025-01-21`, all-day) or localized `{ time, tzid }`. */
export const EventTimeSchema = z.union([z.string(), z.object({ time: z.string(), tzid: z.string() })]);
export type EventTime = z.infer<typeof EventTimeSchema>;

export const PagesSchema = z.object({
  current: z.number(),
  total: z.number(),
  next_page: z.string().optional(),
});

export const LinkingProfileSchema = z.object({
  provider_name: z.string(),
  provider_service: z.string().optional(),
  profile_id: z.string(),
  profile_name: z.string(),
});

/** `/oauth/token` answer for both grants. User tokens carry `sub`/`account_id`; service-account tokens `service_account_id`. */
export const TokenResponseSchema = z.object({
  token_type: z.string(),
  access_token: z.string().min(1),
  expires_in: z.number(),
  /** Always sent (and possibly rotated); a missing one is an invalid response rather than an empty stored token. */
  refresh_token: z.string().min(1),
  scope: z.string().optional(),
  account_id: z.string().optional(),
  sub: z.string().optional(),
  service_account_id: z.string().optional(),
  linking_profile: LinkingProfileSchema.optional(),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

export const CalendarSchema = z.object({
  provider_name: z.string().optional(),
  profile_id: z.string().optional(),
  profile_name: z.string().optional(),
  calendar_id: z.string(),
  calendar_name: z.string(),
  calendar_readonly: z.boolean(),
  calendar_deleted: z.boolean(),
  calendar_primary: z.boolean().optional(),
  calendar_integrated_conferencing_available: z.boolean().optional(),
  calendar_attachments_available: z.boolean().optional(),
  permission_level: z.string().optional(),
});
export type Calendar = z.infer<typeof CalendarSchema>;

export const ListCalendarsResponseSchema = z.object({ sub: z.string().optional(), calendars: z.array(CalendarSchema) });

export const ProfileSchema = z.object({
  provider_name: z.string(),
  provider_service: z.string().optional(),
  profile_id: z.string(),
  profile_name: z.string(),
  profile_connected: z.boolean(),
  profile_initial_sync_required: z.boolean().optional(),
  profile_relink_url: z.string().optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;

export const ProfilesResponseSchema = z.object({ profiles: z.array(ProfileSchema) });

export const UserInfoSchema = z.object({
  sub: z.string(),
  email: z.string().optional(),
  name: z.string().optional(),
  zoneinfo: z.string().optional(),
  'cronofy.type': z.string().optional(),
  'cronofy.data': z
    .object({
      authorization: z
        .object({ scope: z.string().optional(), status: z.string().optional(), delegated_scope: z.string().optional() })
        .optional(),
      profiles: z
        .array(ProfileSchema.extend({ profile_calendars: z.array(CalendarSchema.partial({ calendar_readonly: true, calendar_deleted: true })).optional() }))
        .optional(),
      service_account: z.object({ provider_name: z.string().optional(), domain: z.string().optional() }).optional(),
    })
    .optional(),
});
export type UserInfo = z.infer<typeof UserInfoSchema>;

export const FreeBusyPeriodSchema = z.object({
  calendar_id: z.string(),
  start: EventTimeSchema,
  end: EventTimeSchema,
  /** `busy | free | tentative | unknown` (+ future values). */
  free_busy_status: z.string(),
});
export type FreeBusyPeriod = z.infer<typeof FreeBusyPeriodSchema>;

export const FreeBusyPageSchema = z.object({ pages: PagesSchema.optional(), free_busy: z.array(FreeBusyPeriodSchema) });

export const AttendeeSchema = z.object({
  email: z.string(),
  display_name: z.string().nullish(),
  /** `needs_action | accepted | declined | tentative | unknown`. */
  status: z.string().optional(),
});
export type Attendee = z.infer<typeof AttendeeSchema>;

export const EventSchema = z.object({
  calendar_id: z.string(),
  event_uid: z.string().optional(),
  event_id: z.string().optional(),
  summary: z.string().nullish(),
  description: z.string().nullish(),
  start: EventTimeSchema,
  end: EventTimeSchema,
  deleted: z.boolean().optional(),
  created: z.string().optional(),
  updated: z.string().optional(),
  location: z.object({ description: z.string().optional(), lat: z.string().optional(), long: z.string().optional() }).nullish(),
  participation_status: z.string().optional(),
  attendees: z.array(AttendeeSchema).optional(),
  organizer: z.object({ email: z.string().optional(), display_name: z.string().nullish() }).nullish(),
  transparency: z.string().optional(),
  status: z.string().optional(),
  event_private: z.boolean().optional(),
  recurring: z.boolean().optional(),
  options: z.record(z.string(), z.boolean()).optional(),
});
export type CronofyEvent = z.infer<typeof EventSchema>;

export const EventsPageSchema = z.object({ pages: PagesSchema.optional(), events: z.array(EventSchema) });

export const ChannelFiltersSchema = z.object({
  calendar_ids: z.array(z.string()).optional(),
  only_managed: z.boolean().optional(),
});
export const ChannelSchema = z.object({
  channel_id: z.string(),
  callback_url: z.string(),
  filters: ChannelFiltersSchema.optional(),
});
export type Channel = z.infer<typeof ChannelSchema>;
export const ChannelResponseSchema = z.object({ channel: ChannelSchema });
export const ChannelsResponseSchema = z.object({ channels: z.array(ChannelSchema) });

/** Body Cronofy POSTs to a channel's callback URL (verify the HMAC on the raw body first). */
export const PushNotificationSchema = z.object({
  notification: z.object({
    /** `verification | change | profile_disconnected | …` — ignore unknown types. */
    type: z.string(),
    changes_since: z.string().optional(),
  }),
  channel: ChannelSchema.optional(),
});
export type PushNotification = z.infer<typeof PushNotificationSchema>;

/** Body Cronofy POSTs to a service-account authorization `callback_url`. */
export const ServiceAccountCallbackSchema = z.object({
  authorization: z.object({
    code: z.string().optional(),
    state: z.string().optional(),
    error: z.string().optional(),
    error_key: z.string().optional(),
    error_description: z.string().optional(),
  }),
});
export type ServiceAccountCallback = z.infer<typeof ServiceAccountCallbackSchema>;

export const ResourceSchema = z.object({
  email: z.string(),
  name: z.string(),
  capacity: z.number().optional(),
  location: z.record(z.string(), z.unknown()).optional(),
});
export type Resource = z.infer<typeof ResourceSchema>;
export const ResourcesResponseSchema = z.object({ resources: z.array(ResourceSchema) });

/** 422 body. */
export const ValidationErrorBodySchema = z.object({
  errors: z.record(z.string(), z.array(z.object({ key: z.string(), description: z.string().optional() }))),
});
/** 400/401 body of the OAuth endpoints. */
export const OAuthErrorBodySchema = z.object({ error: z.string(), error_description: z.string().optional() });

// ---- Request bodies (sent as-is; Cronofy's field names) ----

export type AttendeeInput = { email: string; display_name?: string };

/** `POST /v1/calendars/{calendar_id}/events`. `event_id` is the product's stable id: the first call creates, later ones update. */
export type UpsertEventInput = {
  event_id: string;
  summary: string;
  description?: string;
  start: EventTime;
  end: EventTime;
  tzid?: string;
  location?: { description: string; lat?: string; long?: string };
  url?: string;
  event_private?: boolean;
  transparency?: 'opaque' | 'transparent';
  reminders?: { minutes: number }[];
  /** `invite` adds attendees; `reject` removes them (the key two SDKs document). */
  attendees?: { invite?: AttendeeInput[]; reject?: AttendeeInput[] };
  conferencing?: { profile_id: string; provider_description?: string; join_url?: string };
};

export type DeleteEventInput = { event_id: string } | { event_uid: string };

export type CreateChannelInput = {
  callback_url: string;
  filters?: { calendar_ids?: string[]; only_managed?: boolean };
};
