/**
 * Wire contract of calendar connections: a user's own connection (status, provider, profile; never a token), the
 * start of the individual OAuth connect, the central connect through the organization's service account, the
 * service account itself and loading rooms from the calendar system (the last three are Plus and admin only).
 *
 * Invariants: no schema here has a field for a token, a code or the client secret, so nothing that passes through
 * these schemas can carry one to the browser; `returnTo` is a same-site path (starts with one `/`, no scheme, no
 * host, no backslash), so a connect can never be turned into an open redirect.
 */
import { z } from 'zod';
import { IsoInstant } from './public-booking.js';
import { RoomSchema } from './rooms.js';
import { ProviderSchema } from './settings.js';
import { ConnectionStatusSchema } from './users.js';

/** A path on this site to come back to after the provider's consent page, e.g. `/admin.html#my-user`. */
export const ReturnToSchema = z
  .string()
  .max(500)
  .regex(/^\/(?![/\\])[\w\-./?=&%#:~+,;@!$'()*]*$/, { error: 'returnTo must be a path on this site, starting with a single /' });

export const ConnectionViewSchema = z.object({
  userId: z.string(),
  status: ConnectionStatusSchema,
  /** The product's provider name (`google`, `apple`, `office365`, `outlook_com`, `exchange`), or Cronofy's when unknown. */
  provider: z.string().nullable(),
  profileName: z.string().nullable(),
  profileEmail: z.string().nullable(),
  failedReason: z.string().nullable(),
  failedSince: IsoInstant.nullable(),
  /** True while the organization has a service account that can connect this user centrally (Plus). */
  centralAvailable: z.boolean(),
});
export type ConnectionView = z.infer<typeof ConnectionViewSchema>;

export const AuthorizeConnectionSchema = z.strictObject({
  returnTo: ReturnToSchema.optional(),
  /** Pre-selects one of the organization's allowed providers on Cronofy's page. */
  provider: ProviderSchema.optional(),
});
export type AuthorizeConnection = z.infer<typeof AuthorizeConnectionSchema>;

/** Where to send the browser: Cronofy's consent page (or the simulator's). */
export const AuthorizeUrlSchema = z.object({ url: z.url() });

/** The central connect was requested; Cronofy answers asynchronously, and the status moves from `syncing`. */
export const CentralConnectSchema = z.object({ userId: z.string(), status: ConnectionStatusSchema });

export const AuthorizeServiceAccountSchema = z.strictObject({ returnTo: ReturnToSchema.optional() });

export const ServiceAccountViewSchema = z.object({
  connected: z.boolean(),
  /** The spec's "Service Account: <e-mail>". */
  email: z.string().nullable(),
  provider: z.string().nullable(),
  domain: z.string().nullable(),
  /** `failed` when its token can no longer be refreshed: reconnect it. */
  status: z.enum(['not_connected', 'connected', 'failed']),
  connectedAt: IsoInstant.nullable(),
});
export type ServiceAccountView = z.infer<typeof ServiceAccountViewSchema>;

export const LoadRoomsResultSchema = z.object({
  /** Every room of the organization after loading, loaded ones and those created here. */
  items: z.array(RoomSchema),
  /** Rooms found in the calendar system by this call. */
  loaded: z.number().int(),
  /** Rooms whose calendar access was requested through the service account (answered asynchronously). */
  authorizationsRequested: z.number().int(),
});
export type LoadRoomsResult = z.infer<typeof LoadRoomsResultSchema>;
