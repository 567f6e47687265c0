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
});
export type OrgSettings = z.infer<typeof OrgSettingsSchema>;
