/**
 * Organization settings and user records as they cross the wire (admin API, elements) and as the server stores
 * them. Defaults follow the spec: integration on, Basic tier, every provider allowed, events not private,
 * Cronofy's German data centre, booking window from tomorrow to 32 days ahead.
 */
import { z } from 'zod';

export const PROVIDERS = ['google', 'apple', 'office365', 'outlook_com', 'exchange'] as const;
export const ProviderSchema = z.enum(PROVIDERS);
export type Provider = z.infer<typeof ProviderSchema>;

export const DATA_CENTERS = ['de', 'uk', 'us', 'au', 'ca', 'sg'] as const;
export const DataCenterSchema = z.enum(DATA_CENTERS);

export const TierSchema = z.enum(['basic', 'plus']);
export type Tier = z.infer<typeof TierSchema>;

export const RoleSchema = z.enum(['admin', 'recruiter']);
export type Role = z.infer<typeof RoleSchema>;

export const BookingDefaultsSchema = z.object({
  durationMinutes: z.number().int().min(5).max(8 * 60).default(60),
  intervalMinutes: z.number().int().min(5).max(240).default(15),
  bufferBeforeMinutes: z.number().int().min(0).max(240).default(0),
  bufferAfterMinutes: z.number().int().min(0).max(240).default(0),
  /** First bookable day, counted in days from today in the request's zone (spec: tomorrow). */
  windowStartDays: z.number().int().min(0).max(365).default(1),
  /** Last bookable day, counted from today (spec: 32 days ahead). */
  windowEndDays: z.number().int().min(1).max(365).default(32),
  /** How long a slot stays held while an applicant confirms. */
  holdMinutes: z.number().int().min(1).max(30).default(5),
});
export type BookingDefaults = z.infer<typeof BookingDefaultsSchema>;

export const OrgSettingsSchema = z.object({
  allowedProviders: z.array(ProviderSchema).default([...PROVIDERS]),
  createEventsPrivate: z.boolean().default(false),
  dataCenter: DataCenterSchema.default('de'),
  booking: BookingDefaultsSchema.default(BookingDefaultsSchema.parse({})),
  /** Days after a booking link's period ends before its applicant data is purged. */
  retentionDays: z.number().int().min(1).max(3650).default(180),
  /** "Show setup prompt to all users" after login (the spec recommends No for testing and for Plus). */
  showSetupPrompt: z.boolean().default(false),
});
export type OrgSettings = z.infer<typeof OrgSettingsSchema>;

/** What `GET /api/settings` answers: the vendor-owned tier and switch read-only, the admin's settings, webhook state. */
export const SettingsViewSchema = z.object({
  organizationId: z.string(),
  name: z.string(),
  /** Vendor-owned: the system-wide switch of the calendar integration. */
  integrationEnabled: z.boolean(),
  /** Vendor-owned: the licence. */
  tier: TierSchema,
  settings: OrgSettingsSchema,
  webhook: z.object({ url: z.string().nullable(), secretSet: z.boolean() }),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

/**
 * An admin's partial update. `booking` is merged field by field. `tier` and `integrationEnabled` are the
 * vendor's: sending either is refused with 403 and changes nothing.
 */
export const UpdateSettingsSchema = z
  .strictObject({
    allowedProviders: z.array(ProviderSchema).max(PROVIDERS.length).refine((p) => new Set(p).size === p.length, { error: 'a provider is listed twice' }),
    createEventsPrivate: z.boolean(),
    dataCenter: DataCenterSchema,
    booking: BookingDefaultsSchema.partial().strict(),
    retentionDays: z.number().int().min(1).max(3650),
    showSetupPrompt: z.boolean(),
    /** Where host webhooks go: an https URL without credentials, or null to stop sending. */
    webhookUrl: z.url({ protocol: /^https$/, error: 'expected an https URL' }).max(2000).nullable(),
    /** Vendor-owned: named here only so that sending it is answered 403 `forbidden` rather than "unknown key". */
    tier: z.unknown().describe('Vendor-owned: refused with 403 forbidden.'),
    /** Vendor-owned, like `tier`. */
    integrationEnabled: z.unknown().describe('Vendor-owned: refused with 403 forbidden.'),
  })
  .partial()
  .refine((u) => Object.keys(u).length > 0, { error: 'send at least one setting to change' });
export type UpdateSettings = z.infer<typeof UpdateSettingsSchema>;
export const VENDOR_OWNED_SETTINGS = ['tier', 'integrationEnabled'] as const;

/** The new webhook signing secret, shown once (Standard Webhooks `whsec_` form). */
export const WebhookSecretSchema = z.object({ secret: z.string() });
