/**
 * Calendar connections, product side: the OAuth round trip (state bound to the user, single use, 10 minutes),
 * storing the sealed tokens and profile, choosing the calendar to write into, the push channel, disconnecting
 * (revoked at Cronofy, tokens deleted) and failing (host told once, open booking requests that include the
 * user failed with `participant_disconnected`). The status view is the only way a connection leaves the server,
 * and it carries no token.
 *
 * OAuth states are random, stored only as a hash with their purpose (individual connect, service-account connect,
 * central connect of a user, room authorization) and an expiry; a state is consumed at most once.
 */
import { withOrgClient, type DataCenter } from './cronofy-clients.js';
import { formatInstant } from '../../shared/time.js';
import type { CronofyClient, TokenResponse } from '../../cronofy/index.js';
import { randomToken, sha256, type SecretBox } from '../../store/crypto.js';
import type { Db, Queryable } from '../../store/db.js';
import { getConnection, markConnectionFailed, saveConnection, type Connection, type ConnectionStatus } from '../../store/repos/connections.js';
import type { ConnectionView } from '../../shared/api/connections.js';
import type { Provider } from '../../shared/api/settings.js';
import { getOrganization } from '../../store/repos/organizations.js';
import { setBookingStatus } from '../../store/repos/bookings.js';
import { getUser } from '../../store/repos/users.js';
import { ApiError } from '../errors.js';
import type { Logger } from '../middleware/logging.js';
import { emit, notifyChange } from './events.js';

export interface ConnectionDeps {
  db: Db;
  /** The default data centre's client; `withOrgClient` swaps in the organization's own when several exist. */
  cronofy: CronofyClient;
  cronofyFor?: (dataCenter: DataCenter) => CronofyClient;
  box: SecretBox;
  logger: Logger;
  now: () => number;
  /** Public base URL of this server, for OAuth redirects and push callbacks. */
  publicUrl: string;
}

const STATE_TTL_MS = 10 * 60_000;

/** What an OAuth state was issued for; stored as JSON beside the state's hash. */
export type OAuthPurpose =
  | { kind: 'individual'; returnTo: string | null }
  | { kind: 'service_account'; returnTo: string | null }
  | { kind: 'central'; callbackUrl: string }
  | { kind: 'room'; roomId: string; callbackUrl: string };

export interface OAuthState {
  orgId: string;
  /** The user connected (individual, central) or the admin who asked (service account, room). */
  userId: string;
  purpose: OAuthPurpose;
}

export function oauthRedirectUri(deps: Pick<ConnectionDeps, 'publicUrl'>): string {
  return `${deps.publicUrl}/api/cronofy/callback`;
}

/** Cronofy's `provider_name` for each provider the product lets an organization allow. */
const CRONOFY_PROVIDER_NAME: Record<Provider, string> = {
  google: 'google',
  apple: 'apple',
  office365: 'office365',
  outlook_com: 'live_connect',
  exchange: 'exchange',
};

/** Issues a state for `purpose`; returns the plain state (only its hash is stored). */
export async function issueOAuthState(
  deps: Pick<ConnectionDeps, 'db' | 'now'>,
  orgId: string,
  userId: string,
  purpose: OAuthPurpose | ((state: string) => OAuthPurpose),
  ttlMs = STATE_TTL_MS,
): Promise<string> {
  const state = randomToken(24);
  // A purpose may depend on the state itself (a callback URL that carries it).
  const resolved = typeof purpose === 'function' ? purpose(state) : purpose;
  await deps.db.query(
    'INSERT INTO oauth_states (org_id, state_hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, $4, $5)',
    [orgId, sha256(state), userId, JSON.stringify(resolved), formatInstant(deps.now() + ttlMs)],
  );
  return state;
}

export async function startIndividualConnect(
  deps: ConnectionDeps,
  orgId: string,
  userId: string,
  options: { returnTo?: string | null; provider?: Provider } = {},
): Promise<string> {
  deps = await withOrgClient(deps, orgId);
  const org = await getOrganization(deps.db, orgId);
  const user = await getUser(deps.db, orgId, userId);
  if (!org || !user) throw new ApiError(404, 'not_found', 'No such user.');
  if (!org.integrationEnabled) throw new ApiError(403, 'integration_disabled', 'The calendar integration is switched off for this organization.');
  if (!user.integrationActive) throw new ApiError(409, 'conflict', 'The calendar integration is switched off for this user.');
  const allowed = org.settings.allowedProviders;
  if (allowed.length === 0) throw new ApiError(409, 'conflict', 'This organization allows no calendar provider.');
  if (options.provider && !allowed.includes(options.provider)) {
    throw new ApiError(400, 'validation_failed', `Calendars from ${options.provider} are not allowed in this organization.`, {
      issues: [{ path: 'provider', message: `allowed: ${allowed.join(', ')}` }],
    });
  }
  // With one allowed provider Cronofy's page opens on it, so users cannot pick a wrong one (spec §8's admin tip).
  const provider = options.provider ?? (allowed.length === 1 ? allowed[0] : undefined);
  const state = await issueOAuthState(deps, orgId, userId, { kind: 'individual', returnTo: options.returnTo ?? null });
  return deps.cronofy.authorizationUrl({
    redirect_uri: oauthRedirectUri(deps),
    state,
    avoid_linking: true,
    ...(provider ? { provider_name: CRONOFY_PROVIDER_NAME[provider] } : {}),
  });
}

/**
 * Consumes a state of one of `kinds` exactly once; a replayed, unknown or expired state (or one issued for another
 * kind of round trip) is refused with 400 and left alone.
 */
export async function consumeOAuthState(deps: Pick<ConnectionDeps, 'db' | 'now'>, state: string, kinds: ReadonlyArray<OAuthPurpose['kind']>): Promise<OAuthState> {
  const rows = await deps.db.query<{ org_id: string; user_id: string; purpose: string; expires_at: Date }>(
    `DELETE FROM oauth_states WHERE state_hash = $1 AND (purpose::jsonb ->> 'kind') = ANY($2::text[])
     RETURNING org_id, user_id, purpose, expires_at`,
    [sha256(state), kinds],
  );
  const row = rows[0];
  if (!row || new Date(row.expires_at).getTime() < deps.now()) {
    throw new ApiError(400, 'bad_request', 'This connection attempt is unknown or has expired. Please start again.');
  }
  return { orgId: row.org_id, userId: row.user_id, purpose: JSON.parse(row.purpose) as OAuthPurpose };
}

/** Reads a state without consuming it (asynchronous callbacks consume it only once their code is exchanged). */
export async function peekOAuthState(deps: Pick<ConnectionDeps, 'db' | 'now'>, state: string): Promise<OAuthState | null> {
  const rows = await deps.db.query<{ org_id: string; user_id: string; purpose: string; expires_at: Date }>(
    'SELECT org_id, user_id, purpose, expires_at FROM oauth_states WHERE state_hash = $1',
    [sha256(state)],
  );
  const row = rows[0];
  if (!row || new Date(row.expires_at).getTime() < deps.now()) return null;
  return { orgId: row.org_id, userId: row.user_id, purpose: JSON.parse(row.purpose) as OAuthPurpose };
}

export async function dropOAuthState(deps: Pick<ConnectionDeps, 'db'>, orgId: string, state: string): Promise<boolean> {
  const rows = await deps.db.query('DELETE FROM oauth_states WHERE org_id = $1 AND state_hash = $2 RETURNING state_hash', [orgId, sha256(state)]);
  return rows.length > 0;
}

/** The browser came back from Cronofy's consent page for an individual connect (state already consumed). */
export async function finishIndividualConnect(deps: ConnectionDeps, taken: OAuthState, params: { code?: string; error?: string }): Promise<{ connected: boolean }> {
  if (params.error || !params.code) return { connected: false };
  deps = await withOrgClient(deps, taken.orgId);
  const tokens = await deps.cronofy.exchangeCode({ code: params.code, redirect_uri: oauthRedirectUri(deps) });
  await storeConnection(deps, taken.orgId, taken.userId, tokens, 'connected_individual');
  return { connected: true };
}

const PROVIDER_ALIASES: Record<string, string> = { apple: 'apple', icloud: 'apple', google: 'google', gsuite: 'google', office365: 'office365', outlook_com: 'outlook_com', live_connect: 'outlook_com', exchange: 'exchange' };

/** The product's name of a Cronofy provider (service or name), or Cronofy's own when it is new to us. */
export function productProvider(provider: string | null): string | null {
  return provider === null ? null : (PROVIDER_ALIASES[provider] ?? provider);
}

/** A user's connection as the API shows it: status, provider, profile and failure; never tokens or ids at Cronofy. */
export function toConnectionView(userId: string, connection: Connection | null, centralAvailable: boolean): ConnectionView {
  return {
    userId,
    status: connection?.status ?? 'not_connected',
    provider: productProvider(connection?.provider ?? null),
    profileName: connection?.profileName ?? null,
    profileEmail: connection?.profileEmail ?? null,
    failedReason: connection?.status === 'failed' ? connection.failedReason : null,
    failedSince: connection?.status === 'failed' ? connection.failedSince : null,
    centralAvailable,
  };
}

/** Saves a fresh authorization: profile, writable primary calendar, sealed tokens, push channel. */
export async function storeConnection(deps: ConnectionDeps, orgId: string, userId: string, tokens: TokenResponse, status: ConnectionStatus) {
  deps = await withOrgClient(deps, orgId);
  const org = await getOrganization(deps.db, orgId);
  const info = await deps.cronofy.userInfo(tokens.access_token);
  const calendars = await deps.cronofy.listCalendars(tokens.access_token);
  const writable = calendars.filter((c) => !c.calendar_readonly && !c.calendar_deleted);
  const calendar = writable.find((c) => c.calendar_primary) ?? writable[0];
  const profile = info['cronofy.data']?.profiles?.[0];
  const provider = profile?.provider_service ?? profile?.provider_name ?? tokens.linking_profile?.provider_name ?? null;
  if (org && provider && !isAllowedProvider(org.settings.allowedProviders, provider)) {
    await deps.cronofy.revokeAuthorization({ token: tokens.refresh_token ?? tokens.access_token }).catch(() => undefined);
    throw new ApiError(403, 'forbidden', `Calendars from ${provider} are not allowed in this organization.`);
  }
  const previous = await getConnection(deps.db, orgId, userId);
  let channelId: string | null = null;
  try {
    const channel = await deps.cronofy.createChannel(tokens.access_token, {
      callback_url: `${deps.publicUrl}/api/cronofy/push/${encodeURIComponent(orgId)}/${encodeURIComponent(userId)}`,
    });
    channelId = channel.channel_id;
  } catch (error) {
    // Without a channel the cache expires by TTL instead of on push; the connection still works.
    deps.logger.warn('push channel not created', { userId, error: String(error) });
  }
  if (!tokens.refresh_token) throw new ApiError(502, 'calendar_unavailable', 'Cronofy returned no refresh token for this connection.');
  const sealed = deps.box.seal(
    JSON.stringify({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresAt: deps.now() + tokens.expires_in * 1000, scope: tokens.scope }),
  );
  await deps.db.tx(async (q) => {
    await saveConnection(q, {
      orgId,
      userId,
      status,
      provider,
      profileName: profile?.profile_name ?? info.name ?? null,
      profileEmail: info.email ?? profile?.profile_name ?? null,
      cronofySub: info.sub,
      calendarId: calendar?.calendar_id ?? null,
      tokensEnc: sealed,
      failedReason: null,
      failedSince: null,
      channelId,
    });
    await q.query('DELETE FROM freebusy_cache WHERE org_id = $1 AND resource_key = $2', [orgId, `user:${userId}`]);
    if (previous?.status === 'failed') await emit(q, orgId, 'connection.restored', { userId, status }, deps.now());
    await notifyChange(q, orgId, 'connection.changed', { userId, status });
  });
  // A reconnect with another calendar account replaces the old authorization: end it at Cronofy too.
  if (previous?.tokensEnc && previous.cronofySub && previous.cronofySub !== info.sub) {
    const old = JSON.parse(deps.box.open(previous.tokensEnc)) as { refreshToken: string };
    await deps.cronofy.revokeAuthorization({ token: old.refreshToken }).catch((error: unknown) => {
      deps.logger.warn('revoking the replaced authorization failed', { userId, error: String(error) });
    });
  }
}

function isAllowedProvider(allowed: readonly string[], provider: string): boolean {
  return allowed.includes(PROVIDER_ALIASES[provider] ?? provider);
}

/**
 * Marks a user's connection failed (refresh rejected, profile disconnected). Idempotent: the host hears
 * `connection.failed` once, and every open booking request that includes the user fails with
 * `participant_disconnected`.
 */
export async function failConnection(
  deps: Pick<ConnectionDeps, 'db' | 'now' | 'logger'>,
  orgId: string,
  userId: string,
  reason: string,
  options: { onlySyncing?: boolean } = {},
): Promise<boolean> {
  const changed = await deps.db.tx(async (q) => {
    if (!(await markConnectionFailed(q, orgId, userId, reason, options.onlySyncing))) return false;
    await emit(q, orgId, 'connection.failed', { userId, reason, status: 'failed' }, deps.now());
    await failOpenRequestsOf(q, orgId, userId, deps.now());
    return true;
  });
  if (changed) deps.logger.warn('calendar connection failed', { orgId, userId, reason });
  return changed;
}

async function failOpenRequestsOf(q: Queryable, orgId: string, userId: string, now: number): Promise<void> {
  const open = await q.query<{ id: string }>(
    `SELECT id FROM booking_requests WHERE org_id = $1 AND status = 'open' AND $2 = ANY(participant_ids) FOR UPDATE`,
    [orgId, userId],
  );
  for (const { id } of open) {
    await setBookingStatus(q, orgId, id, 'failed', { failureReason: 'participant_disconnected' });
    await emit(q, orgId, 'booking.failed', { bookingRequestId: id, reason: 'participant_disconnected', userId, status: 'failed' }, now);
  }
}

export async function disconnect(deps: ConnectionDeps, orgId: string, userId: string): Promise<void> {
  deps = await withOrgClient(deps, orgId);
  const connection = await getConnection(deps.db, orgId, userId);
  if (connection?.tokensEnc) {
    const tokens = JSON.parse(deps.box.open(connection.tokensEnc)) as { accessToken: string; refreshToken: string };
    if (connection.channelId) await deps.cronofy.deleteChannel(tokens.accessToken, connection.channelId).catch(() => undefined);
    // Revoking is best effort: the tokens are deleted here whatever Cronofy answers.
    await deps.cronofy.revokeAuthorization({ token: tokens.refreshToken }).catch((error: unknown) => {
      deps.logger.warn('revoke failed', { userId, error: String(error) });
    });
  }
  await deps.db.tx(async (q) => {
    await saveConnection(q, { orgId, userId, status: 'not_connected' });
    await q.query('DELETE FROM freebusy_cache WHERE org_id = $1 AND resource_key = $2', [orgId, `user:${userId}`]);
    await failOpenRequestsOf(q, orgId, userId, deps.now());
    await notifyChange(q, orgId, 'connection.changed', { userId, status: 'not_connected' });
  });
}

