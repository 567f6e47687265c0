/**
 * The organization's service account (Cronofy Enterprise Connect, Plus only): the admin's consent round trip, its
 * sealed tokens (refreshed single-flight, 30-minute lifetime), central connects of users (`connected_central`) and
 * room authorizations through `/v1/service_account_authorizations` with their asynchronous signed callbacks, and
 * loading rooms from the calendar system (`/v1/resources`).
 *
 * Invariants:
 * - a central or room authorization is bound to one random state that is both the last segment of its
 *   `callback_url` and the `state` Cronofy echoes; the code is exchanged with `redirect_uri` = that exact URL, and the
 *   state is consumed only after the exchange succeeded (a transient failure lets Cronofy's retry finish it; a replay
 *   finds no state);
 * - disconnecting the service account only forgets its tokens here. Cronofy revokes every account authorized
 *   through a service account when the service account's token or `sub` is revoked (reference §1.4, §8.5), and the
 *   spec keeps existing user connections when the service account is disconnected (§17), so no revoke is sent.
 */
import { withOrgClient } from './cronofy-clients.js';
import { notifyChange } from './events.js';
import {
  CronofyError,
  CronofyUnavailableError,
  DEFAULT_DELEGATED_SCOPES,
  DEFAULT_SERVICE_ACCOUNT_SCOPES,
  createTokenManager,
  type TokenManager,
  type Tokens,
} from '../../cronofy/index.js';
import type { LoadRoomsResult, ServiceAccountView } from '../../shared/api/connections.js';
import { formatInstant } from '../../shared/time.js';
import { newId } from '../../store/crypto.js';
import type { Db } from '../../store/db.js';
import { getConnection, isConnected, listLapsedSyncing, markSyncingIfNotConnected, saveConnection, unmarkSyncing } from '../../store/repos/connections.js';
import { getOrganization } from '../../store/repos/organizations.js';
import { listRooms, upsertRoom } from '../../store/repos/rooms.js';
import { getUser } from '../../store/repos/users.js';
import { isoOrNull } from '../../store/rows.js';
import { ApiError, plusRequired } from '../errors.js';
import {
  dropOAuthState,
  failConnection,
  issueOAuthState,
  oauthRedirectUri,
  peekOAuthState,
  productProvider,
  storeConnection,
  type ConnectionDeps,
  type OAuthState,
} from './connections.js';

/** What the service account may grant per user: read free/busy and events (replies), write and delete events. */
export const CENTRAL_USER_SCOPES = ['read_account', 'list_calendars', 'read_events', 'create_event', 'delete_event'] as const;
/** Rooms only need their busy time read. */
export const ROOM_SCOPES = ['read_account', 'list_calendars', 'read_free_busy'] as const;

/** Cronofy answers a delegated authorization asynchronously; give it a day before the state lapses. */
const CALLBACK_STATE_TTL_MS = 24 * 3600_000;

interface ServiceAccountRow {
  org_id: string;
  status: 'connected' | 'failed';
  email: string | null;
  provider: string | null;
  domain: string | null;
  cronofy_sub: string | null;
  tokens_enc: string;
  failed_reason: string | null;
  connected_at: unknown;
}

async function getServiceAccount(db: Db, orgId: string): Promise<ServiceAccountRow | null> {
  const rows = await db.query<ServiceAccountRow>('SELECT * FROM service_accounts WHERE org_id = $1', [orgId]);
  return rows[0] ?? null;
}

/** Plus and the integration switched on; everything here needs both. */
async function requirePlus(db: Db, orgId: string): Promise<void> {
  const org = await getOrganization(db, orgId);
  if (!org) throw new ApiError(404, 'not_found', 'No such organization.');
  if (org.tier !== 'plus') throw plusRequired();
  if (!org.integrationEnabled) throw new ApiError(403, 'integration_disabled', 'The calendar integration is switched off for this organization.');
}

// One token manager per Cronofy client and store (one of each per server process), so concurrent admin actions
// share one refresh of the service account's token: its refresh token rotates, two parallel refreshes would fail
// the second.
const managers = new WeakMap<object, WeakMap<Db, TokenManager>>();

function tokenManager(deps: Pick<ConnectionDeps, 'db' | 'cronofy' | 'box' | 'now' | 'logger'>): TokenManager {
  let byStore = managers.get(deps.cronofy);
  if (!byStore) {
    byStore = new WeakMap();
    managers.set(deps.cronofy, byStore);
  }
  let manager = byStore.get(deps.db);
  if (!manager) {
    const { db, box } = deps;
    manager = createTokenManager({
      client: deps.cronofy,
      now: deps.now,
      store: {
        async load(orgId) {
          const row = await getServiceAccount(db, orgId);
          return row && row.status === 'connected' ? (JSON.parse(box.open(row.tokens_enc)) as Tokens) : null;
        },
        async save(orgId, tokens) {
          await db.query('UPDATE service_accounts SET tokens_enc = $2, updated_at = now() WHERE org_id = $1', [orgId, box.seal(JSON.stringify(tokens))]);
        },
        async markFailed(orgId, reason) {
          await db.query(`UPDATE service_accounts SET status = 'failed', failed_reason = $2, updated_at = now() WHERE org_id = $1`, [orgId, reason]);
          deps.logger.warn('service account failed', { orgId, reason });
        },
      },
    });
    byStore.set(deps.db, manager);
  }
  return manager;
}

/** Runs `fn` with the service account's access token; a missing or failed service account is 409. */
async function withServiceToken<T>(deps: ConnectionDeps, orgId: string, fn: (token: string) => Promise<T>): Promise<T> {
  deps = await withOrgClient(deps, orgId);
  const row = await getServiceAccount(deps.db, orgId);
  if (!row) throw new ApiError(409, 'conflict', 'Connect the organization\'s service account first.');
  if (row.status === 'failed') throw new ApiError(409, 'conflict', 'The service account\'s authorization has lapsed. Connect it again.');
  try {
    return await tokenManager(deps).withAccessToken(orgId, fn);
  } catch (error) {
    if (error instanceof CronofyError && (error.code === 'connection_failed' || error.code === 'not_connected')) {
      throw new ApiError(409, 'conflict', 'The service account\'s authorization has lapsed. Connect it again.');
    }
    if (error instanceof CronofyUnavailableError || (error instanceof CronofyError && (error.status === 429 || error.status === 423))) {
      throw new ApiError(503, 'calendar_unavailable', 'The calendar system cannot be reached right now. Please try again.', undefined, { 'Retry-After': '30' });
    }
    if (error instanceof CronofyError && error.status === 403) {
      throw new ApiError(409, 'conflict', 'The service account lacks the privileges for this. Connect it again with the documented scopes.');
    }
    throw error;
  }
}

export async function serviceAccountView(deps: Pick<ConnectionDeps, 'db'>, orgId: string): Promise<ServiceAccountView> {
  const row = await getServiceAccount(deps.db, orgId);
  if (!row) return { connected: false, email: null, provider: null, domain: null, status: 'not_connected', connectedAt: null };
  return {
    connected: row.status === 'connected',
    email: row.email,
    provider: productProvider(row.provider),
    domain: row.domain,
    status: row.status,
    connectedAt: isoOrNull(row.connected_at),
  };
}

/** True when users of this organization can be connected centrally right now. */
export async function centralAvailable(deps: Pick<ConnectionDeps, 'db'>, orgId: string): Promise<boolean> {
  const org = await getOrganization(deps.db, orgId);
  if (org?.tier !== 'plus') return false;
  return (await getServiceAccount(deps.db, orgId))?.status === 'connected';
}

/** The Enterprise Connect consent URL; the admin comes back to `/api/cronofy/callback` with the state. */
export async function startServiceAccountConnect(deps: ConnectionDeps, orgId: string, adminId: string, returnTo: string | null): Promise<string> {
  deps = await withOrgClient(deps, orgId);
  await requirePlus(deps.db, orgId);
  const state = await issueOAuthState(deps, orgId, adminId, { kind: 'service_account', returnTo });
  return deps.cronofy.enterpriseConnectAuthorizationUrl({
    redirect_uri: oauthRedirectUri(deps),
    state,
    scope: DEFAULT_SERVICE_ACCOUNT_SCOPES,
    delegated_scope: DEFAULT_DELEGATED_SCOPES,
  });
}

/** The admin came back from the Enterprise Connect consent page (state already consumed). */
export async function finishServiceAccountConnect(deps: ConnectionDeps, taken: OAuthState, params: { code?: string; error?: string }): Promise<{ connected: boolean }> {
  if (params.error || !params.code) return { connected: false };
  deps = await withOrgClient(deps, taken.orgId);
  await requirePlus(deps.db, taken.orgId);
  const tokens = await deps.cronofy.exchangeCode({ code: params.code, redirect_uri: oauthRedirectUri(deps) });
  const info = await deps.cronofy.userInfo(tokens.access_token);
  const service = info['cronofy.data']?.service_account;
  const sealed = deps.box.seal(JSON.stringify({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresAt: deps.now() + tokens.expires_in * 1000, scope: tokens.scope }));
  await deps.db.tx(async (q) => {
    await q.query(
      `INSERT INTO service_accounts (org_id, status, email, provider, domain, cronofy_sub, tokens_enc, failed_reason, connected_at)
       VALUES ($1, 'connected', $2, $3, $4, $5, $6, NULL, $7)
       ON CONFLICT (org_id) DO UPDATE SET status = 'connected', email = $2, provider = $3, domain = $4, cronofy_sub = $5,
         tokens_enc = $6, failed_reason = NULL, connected_at = $7, updated_at = now()`,
      [taken.orgId, info.email ?? null, service?.provider_name ?? null, service?.domain ?? null, tokens.service_account_id ?? tokens.sub ?? info.sub, sealed, formatInstant(deps.now())],
    );
    await notifyChange(q, taken.orgId, 'service_account.changed', { status: 'connected' });
  });
  deps.logger.info('service account connected', { orgId: taken.orgId });
  return { connected: true };
}

/**
 * Ends central management: the service account's tokens are forgotten, pending central and room authorizations
 * are dropped (a late callback then finds no state), users still waiting for one go back to `not_connected`.
 * Connected users keep their connections. Nothing is revoked at Cronofy (see the module header).
 */
export async function disconnectServiceAccount(deps: ConnectionDeps, orgId: string): Promise<void> {
  await requirePlus(deps.db, orgId);
  await deps.db.tx(async (q) => {
    await q.query('DELETE FROM service_accounts WHERE org_id = $1', [orgId]);
    await q.query(`DELETE FROM oauth_states WHERE org_id = $1 AND (purpose::jsonb ->> 'kind') IN ('central', 'room')`, [orgId]);
    await q.query(`UPDATE calendar_connections SET status = 'not_connected', updated_at = now() WHERE org_id = $1 AND status = 'syncing'`, [orgId]);
    await notifyChange(q, orgId, 'service_account.changed', { status: 'not_connected' });
  });
  deps.logger.info('service account disconnected', { orgId });
}

function callbackUrl(deps: Pick<ConnectionDeps, 'publicUrl'>, state: string): string {
  return `${deps.publicUrl}/api/cronofy/service-account-callback/${state}`;
}

/**
 * Asks Cronofy to authorize `userId`'s calendar through the service account. The user shows `syncing` until the
 * callback arrives (a connected or failed user keeps that status until then).
 */
export async function startCentralConnect(deps: ConnectionDeps, orgId: string, userId: string): Promise<{ userId: string; status: 'syncing' | 'connected_individual' | 'connected_central' | 'failed' | 'not_connected' }> {
  await requirePlus(deps.db, orgId);
  const user = await getUser(deps.db, orgId, userId);
  if (!user) throw new ApiError(404, 'not_found', 'No such user.');
  if (!user.integrationActive) throw new ApiError(409, 'conflict', 'The calendar integration is switched off for this user.');
  // The callback URL carries the state; the code exchange must later use exactly this URL.
  const state = await issueOAuthState(deps, orgId, userId, (s) => ({ kind: 'central', callbackUrl: callbackUrl(deps, s) }), CALLBACK_STATE_TTL_MS);
  const url = callbackUrl(deps, state);
  // `syncing` before Cronofy is asked: its callback may arrive before Cronofy's answer does, and its outcome
  // (connected or failed) must be the last word. A user already connected or failed keeps that status meanwhile.
  const marked = await deps.db.tx(async (q) => {
    if (!(await markSyncingIfNotConnected(q, orgId, userId))) return false;
    await notifyChange(q, orgId, 'connection.changed', { userId, status: 'syncing' });
    return true;
  });
  try {
    await withServiceToken(deps, orgId, (token) => deps.cronofy.authorizeServiceAccountUser(token, { email: user.email, callback_url: url, scope: CENTRAL_USER_SCOPES, state }));
  } catch (error) {
    await dropOAuthState(deps, orgId, state);
    if (marked) {
      await deps.db.tx(async (q) => {
        if (await unmarkSyncing(q, orgId, userId)) await notifyChange(q, orgId, 'connection.changed', { userId, status: 'not_connected' });
      });
    }
    if (error instanceof CronofyError && error.status === 422) {
      throw new ApiError(400, 'validation_failed', 'Cronofy refused to authorize this user through the service account.', { issues: Object.keys(error.errors ?? {}).map((path) => ({ path, message: 'refused by Cronofy' })) });
    }
    throw error;
  }
  return { userId, status: (await getConnection(deps.db, orgId, userId))?.status ?? 'not_connected' };
}

/** What a user's connection says when a central authorization never got an answer from Cronofy. */
export const CENTRAL_AUTHORIZATION_LAPSED = 'central_authorization_failed:no_answer';

/**
 * Background job: a central connect whose callback never came would leave its user `syncing` for good. Once no
 * callback can finish it (its state lapsed after CALLBACK_STATE_TTL_MS), the user shows failed with
 * CENTRAL_AUTHORIZATION_LAPSED, the host hears `connection.failed`, and the admin can connect them again. Expired
 * states of every kind are deleted here (and only here), so abandoned round trips do not pile up. Safe in several
 * processes.
 */
export async function endLapsedCentralConnects(deps: Pick<ConnectionDeps, 'db' | 'now' | 'logger'>, options: { graceSeconds?: number } = {}): Promise<number> {
  const now = formatInstant(deps.now());
  await deps.db.query('DELETE FROM oauth_states WHERE expires_at < $1', [now]);
  let ended = 0;
  for (const { orgId, userId } of await listLapsedSyncing(deps.db, now, options.graceSeconds ?? 3600)) {
    if (await failConnection(deps, orgId, userId, CENTRAL_AUTHORIZATION_LAPSED, { onlySyncing: true })) ended++;
  }
  return ended;
}

export type ServiceAccountCallbackResult = { status: 202 } | { status: 400 | 404 | 503; code: 'bad_request' | 'not_found' | 'calendar_unavailable'; message: string };

/**
 * Cronofy's signed POST to a central/room authorization's callback URL (HMAC already verified). Success stores the
 * user's connection (`connected_central`) or the room's tokens; an error answer marks the user's connection failed.
 */
export async function handleServiceAccountCallback(
  deps: ConnectionDeps,
  state: string,
  authorization: { code?: string | undefined; state?: string | undefined; error?: string | undefined; error_key?: string | undefined },
): Promise<ServiceAccountCallbackResult> {
  if (authorization.state !== undefined && authorization.state !== state) {
    return { status: 400, code: 'bad_request', message: 'The callback state does not match its URL.' };
  }
  const taken = await peekOAuthState(deps, state);
  if (taken) deps = await withOrgClient(deps, taken.orgId);
  if (!taken || (taken.purpose.kind !== 'central' && taken.purpose.kind !== 'room')) {
    return { status: 404, code: 'not_found', message: 'This authorization is unknown, finished or expired.' };
  }
  const purpose = taken.purpose;
  if (authorization.error || !authorization.code) {
    if (!(await dropOAuthState(deps, taken.orgId, state))) return { status: 404, code: 'not_found', message: 'This authorization is already finished.' };
    const reason = `central_authorization_failed:${authorization.error_key ?? authorization.error ?? 'no_code'}`.slice(0, 120);
    if (purpose.kind === 'central') await failConnection(deps, taken.orgId, taken.userId, reason);
    else deps.logger.warn('room authorization refused', { orgId: taken.orgId, roomId: purpose.roomId, reason });
    return { status: 202 };
  }
  let tokens;
  try {
    tokens = await deps.cronofy.exchangeCode({ code: authorization.code, redirect_uri: purpose.callbackUrl });
  } catch (error) {
    if (error instanceof CronofyError && error.status === 400) {
      // Cronofy no longer accepts this code: the authorization cannot finish; let the admin try again.
      await dropOAuthState(deps, taken.orgId, state);
      if (purpose.kind === 'central') await failConnection(deps, taken.orgId, taken.userId, 'central_authorization_failed:invalid_grant');
      return { status: 202 };
    }
    // Transient: keep the state and answer 503 so Cronofy delivers the callback again.
    return { status: 503, code: 'calendar_unavailable', message: 'The code could not be exchanged right now.' };
  }
  // Only one delivery may store: a concurrent duplicate that lost the race sees no state left.
  if (!(await dropOAuthState(deps, taken.orgId, state))) return { status: 202 };
  if (purpose.kind === 'central') {
    const previous = await getConnection(deps.db, taken.orgId, taken.userId);
    try {
      await storeConnection(deps, taken.orgId, taken.userId, tokens, 'connected_central');
    } catch (error) {
      if (!(error instanceof ApiError) && !(error instanceof CronofyError)) throw error;
      // The code is spent, so Cronofy's retry could not finish this either: end the new authorization, keep any
      // connection the user already had, and show the failure so an admin can connect again.
      const reason = `central_authorization_failed:${error.code}`;
      await deps.cronofy.revokeAuthorization({ token: tokens.refresh_token }).catch(() => undefined);
      if (isConnected(previous)) deps.logger.warn('central connect failed; the existing connection is kept', { orgId: taken.orgId, userId: taken.userId, reason });
      else await failConnection(deps, taken.orgId, taken.userId, reason);
    }
  } else {
    const sealed = deps.box.seal(JSON.stringify({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresAt: deps.now() + tokens.expires_in * 1000, scope: tokens.scope }));
    await deps.db.tx(async (q) => {
      await q.query('UPDATE rooms SET cronofy_sub = $3, tokens_enc = $4 WHERE org_id = $1 AND id = $2', [taken.orgId, purpose.roomId, tokens.sub ?? tokens.account_id ?? null, sealed]);
      await q.query('DELETE FROM freebusy_cache WHERE org_id = $1 AND resource_key = $2', [taken.orgId, `room:${purpose.roomId}`]);
    });
  }
  return { status: 202 };
}

/**
 * Loads the rooms of the calendar system into the organization's rooms (`source: loaded`, matched by e-mail), then
 * asks Cronofy for read access to the busy time of each loaded room the product cannot read yet.
 */
export async function loadRooms(deps: ConnectionDeps, orgId: string, adminId: string): Promise<LoadRoomsResult> {
  await requirePlus(deps.db, orgId);
  const resources = await withServiceToken(deps, orgId, (token) => deps.cronofy.listResources(token, { include_details: ['capacity'] }));
  const existing = await listRooms(deps.db, orgId);
  const toAuthorize: Array<{ id: string; email: string }> = [];
  for (const resource of resources) {
    const email = resource.email.trim().toLowerCase();
    const known = existing.find((r) => r.email.toLowerCase() === email);
    const room = await upsertRoom(deps.db, orgId, {
      id: known?.id ?? newId('room'),
      name: resource.name,
      email,
      capacity: resource.capacity ?? known?.capacity ?? null,
      source: 'loaded',
      cronofySub: known?.cronofySub ?? null,
    });
    const hasTokens = (await deps.db.query<{ has: boolean }>('SELECT tokens_enc IS NOT NULL AS has FROM rooms WHERE org_id = $1 AND id = $2', [orgId, room.id]))[0]?.has;
    if (!hasTokens) toAuthorize.push({ id: room.id, email });
  }
  let requested = 0;
  for (const room of toAuthorize) {
    const state = await issueOAuthState(deps, orgId, adminId, (s) => ({ kind: 'room', roomId: room.id, callbackUrl: callbackUrl(deps, s) }), CALLBACK_STATE_TTL_MS);
    const url = callbackUrl(deps, state);
    try {
      await withServiceToken(deps, orgId, (token) => deps.cronofy.authorizeServiceAccountUser(token, { email: room.email, callback_url: url, scope: ROOM_SCOPES, state }));
      requested += 1;
    } catch (error) {
      await dropOAuthState(deps, orgId, state);
      // One room refused (422) must not stop the others; an outage does.
      if (!(error instanceof CronofyError && error.status === 422)) throw error;
      deps.logger.warn('room authorization not accepted', { orgId, roomId: room.id });
    }
  }
  const rooms = await listRooms(deps.db, orgId);
  return {
    items: rooms.map((r) => ({ id: r.id, name: r.name, email: r.email, capacity: r.capacity, source: r.source })),
    loaded: resources.length,
    authorizationsRequested: requested,
  };
}
