/**
 * Calendar connections: one per user, with its status (`not_connected`, `connected_individual`,
 * `connected_central`, `failed`, `syncing`), the provider profile, and the Cronofy tokens sealed with the
 * organization's secret box. Only this module reads `tokens_enc`; nothing returns it to an API caller.
 */
import type { Queryable } from '../db.js';
import { isoOrNull } from '../rows.js';

export type ConnectionStatus = 'not_connected' | 'connected_individual' | 'connected_central' | 'failed' | 'syncing';

export interface Connection {
  orgId: string;
  userId: string;
  status: ConnectionStatus;
  provider: string | null;
  profileName: string | null;
  profileEmail: string | null;
  cronofySub: string | null;
  calendarId: string | null;
  tokensEnc: string | null;
  failedReason: string | null;
  failedSince: string | null;
  channelId: string | null;
}

interface ConnectionRow {
  org_id: string;
  user_id: string;
  status: ConnectionStatus;
  provider: string | null;
  profile_name: string | null;
  profile_email: string | null;
  cronofy_sub: string | null;
  calendar_id: string | null;
  tokens_enc: string | null;
  failed_reason: string | null;
  failed_since: unknown;
  channel_id: string | null;
}

function toConnection(row: ConnectionRow): Connection {
  return {
    orgId: row.org_id,
    userId: row.user_id,
    status: row.status,
    provider: row.provider,
    profileName: row.profile_name,
    profileEmail: row.profile_email,
    cronofySub: row.cronofy_sub,
    calendarId: row.calendar_id,
    tokensEnc: row.tokens_enc,
    failedReason: row.failed_reason,
    failedSince: isoOrNull(row.failed_since),
    channelId: row.channel_id,
  };
}

export async function getConnection(q: Queryable, orgId: string, userId: string): Promise<Connection | null> {
  const rows = await q.query<ConnectionRow>(
    'SELECT * FROM calendar_connections WHERE org_id = $1 AND user_id = $2',
    [orgId, userId],
  );
  return rows[0] ? toConnection(rows[0]) : null;
}

export async function getConnections(q: Queryable, orgId: string, userIds: readonly string[]): Promise<Connection[]> {
  const rows = await q.query<ConnectionRow>(
    'SELECT * FROM calendar_connections WHERE org_id = $1 AND user_id = ANY($2::text[])',
    [orgId, userIds],
  );
  return rows.map(toConnection);
}

export async function saveConnection(
  q: Queryable,
  c: Pick<Connection, 'orgId' | 'userId' | 'status'> & Partial<Omit<Connection, 'orgId' | 'userId' | 'status'>>,
): Promise<Connection> {
  const rows = await q.query<ConnectionRow>(
    `INSERT INTO calendar_connections (org_id, user_id, status, provider, profile_name, profile_email, cronofy_sub,
       calendar_id, tokens_enc, failed_reason, failed_since, channel_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (org_id, user_id) DO UPDATE SET status = $3, provider = $4, profile_name = $5, profile_email = $6,
       cronofy_sub = $7, calendar_id = $8, tokens_enc = $9, failed_reason = $10, failed_since = $11, channel_id = $12,
       updated_at = now()
     RETURNING *`,
    [
      c.orgId,
      c.userId,
      c.status,
      c.provider ?? null,
      c.profileName ?? null,
      c.profileEmail ?? null,
      c.cronofySub ?? null,
      c.calendarId ?? null,
      c.tokensEnc ?? null,
      c.failedReason ?? null,
      c.failedSince ?? null,
      c.channelId ?? null,
    ],
  );
  return toConnection(rows[0]!);
}

/**
 * Marks a user `syncing` only if they are still not connected: the callback of the authorization just asked for may
 * already have stored its outcome (connected or failed), which must not be overwritten. Returns whether it marked.
 */
export async function markSyncingIfNotConnected(q: Queryable, orgId: string, userId: string): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO calendar_connections (org_id, user_id, status) VALUES ($1, $2, 'syncing')
     ON CONFLICT (org_id, user_id) DO UPDATE SET status = 'syncing', provider = NULL, profile_name = NULL, profile_email = NULL,
       cronofy_sub = NULL, calendar_id = NULL, tokens_enc = NULL, failed_reason = NULL, failed_since = NULL, channel_id = NULL,
       updated_at = now()
       WHERE calendar_connections.status = 'not_connected'
     RETURNING user_id`,
    [orgId, userId],
  );
  return rows.length > 0;
}

/** Undoes `markSyncingIfNotConnected` when the authorization could not even be asked for; false if a callback came first. */
export async function unmarkSyncing(q: Queryable, orgId: string, userId: string): Promise<boolean> {
  const rows = await q.query(
    `UPDATE calendar_connections SET status = 'not_connected', updated_at = now() WHERE org_id = $1 AND user_id = $2 AND status = 'syncing' RETURNING user_id`,
    [orgId, userId],
  );
  return rows.length > 0;
}

export async function updateTokens(q: Queryable, orgId: string, userId: string, tokensEnc: string): Promise<void> {
  await q.query(
    'UPDATE calendar_connections SET tokens_enc = $3, updated_at = now() WHERE org_id = $1 AND user_id = $2',
    [orgId, userId, tokensEnc],
  );
}

/**
 * Marks a connected or syncing user failed (only a `syncing` one with `onlySyncing`); true only when it was not
 * failed before, so the event fires once.
 */
export async function markConnectionFailed(q: Queryable, orgId: string, userId: string, reason: string, onlySyncing = false): Promise<boolean> {
  const rows = await q.query(
    `UPDATE calendar_connections SET status = 'failed', failed_reason = $3, failed_since = now(), updated_at = now()
     WHERE org_id = $1 AND user_id = $2 AND status <> 'failed' AND status <> 'not_connected' AND (NOT $4 OR status = 'syncing')
     RETURNING user_id`,
    [orgId, userId, reason, onlySyncing],
  );
  return rows.length > 0;
}

/**
 * Users `syncing` for over `graceSeconds` with no central authorization that can still finish (no unexpired state):
 * its state lapsed, or a crash came between dropping the state and recording the outcome. The grace keeps a live
 * process that is recording an outcome right now out of the list.
 */
export async function listLapsedSyncing(q: Queryable, now: string, graceSeconds: number, limit = 100): Promise<Array<{ orgId: string; userId: string }>> {
  const rows = await q.query<{ org_id: string; user_id: string }>(
    `SELECT c.org_id, c.user_id FROM calendar_connections c
     WHERE c.status = 'syncing' AND c.updated_at < now() - make_interval(secs => $2)
       AND NOT EXISTS (SELECT 1 FROM oauth_states s WHERE s.org_id = c.org_id AND s.user_id = c.user_id
                       AND (s.purpose::jsonb ->> 'kind') = 'central' AND s.expires_at > $1)
     ORDER BY c.updated_at LIMIT $3`,
    [now, graceSeconds, limit],
  );
  return rows.map((r) => ({ orgId: r.org_id, userId: r.user_id }));
}

export function isConnected(c: Connection | null | undefined): boolean {
  return isConnectedStatus(c?.status);
}

export function isConnectedStatus(status: string | null | undefined): boolean {
  return status === 'connected_individual' || status === 'connected_central';
}
