/**
 * The admin's view of users: users joined with their calendar connection (a user without a connection row is
 * `not_connected`), filtered by the spec's "Status calendar connection" values, with counts per status for the
 * filter's badges. Never selects `tokens_enc`.
 */
import type { Role } from '../../shared/api/settings.js';
import type { Queryable } from '../db.js';
import { isoOrNull } from '../rows.js';
import type { ConnectionStatus } from './connections.js';

export interface DirectoryEntry {
  id: string;
  name: string;
  email: string;
  timeZone: string;
  roles: Role[];
  active: boolean;
  integrationActive: boolean;
  participateOwn: boolean;
  connectionStatus: ConnectionStatus;
  provider: string | null;
  profileName: string | null;
  profileEmail: string | null;
  failedReason: string | null;
  failedSince: string | null;
}

interface DirectoryRow {
  id: string;
  name: string;
  email: string;
  time_zone: string;
  roles: Role[];
  active: boolean;
  integration_active: boolean;
  participate_own: boolean;
  status: ConnectionStatus;
  provider: string | null;
  profile_name: string | null;
  profile_email: string | null;
  failed_reason: string | null;
  failed_since: unknown;
}

const SELECT = `SELECT u.id, u.name, u.email, u.time_zone, u.roles, u.active, u.integration_active, u.participate_own,
    COALESCE(c.status, 'not_connected') AS status, c.provider, c.profile_name, c.profile_email, c.failed_reason, c.failed_since
  FROM users u LEFT JOIN calendar_connections c ON c.org_id = u.org_id AND c.user_id = u.id`;

function toEntry(r: DirectoryRow): DirectoryEntry {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    timeZone: r.time_zone,
    roles: r.roles,
    active: r.active,
    integrationActive: r.integration_active,
    participateOwn: r.participate_own,
    connectionStatus: r.status,
    provider: r.provider,
    profileName: r.profile_name,
    profileEmail: r.profile_email,
    failedReason: r.failed_reason,
    failedSince: isoOrNull(r.failed_since),
  };
}

/** `%` and `_` in a search are literal. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`).toLowerCase()}%`;
}

export async function listDirectory(
  q: Queryable,
  orgId: string,
  filter: { status?: ConnectionStatus; search?: string; includeInactive?: boolean; limit?: number; offset?: number },
): Promise<{ items: DirectoryEntry[]; total: number }> {
  const where = `u.org_id = $1 AND ($2::boolean OR u.active)
    AND ($3::text IS NULL OR COALESCE(c.status, 'not_connected') = $3)
    AND ($4::text IS NULL OR lower(u.name) LIKE $4 OR lower(u.email) LIKE $4 OR lower(u.id) LIKE $4)`;
  const params = [orgId, filter.includeInactive ?? false, filter.status ?? null, filter.search ? likePattern(filter.search) : null];
  const rows = await q.query<DirectoryRow>(`${SELECT} WHERE ${where} ORDER BY lower(u.name), u.id LIMIT $5 OFFSET $6`, [
    ...params,
    filter.limit ?? 10_000,
    filter.offset ?? 0,
  ]);
  const total = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users u LEFT JOIN calendar_connections c ON c.org_id = u.org_id AND c.user_id = u.id WHERE ${where}`,
    params,
  );
  return { items: rows.map(toEntry), total: total[0]?.n ?? 0 };
}

export async function getDirectoryEntry(q: Queryable, orgId: string, userId: string): Promise<DirectoryEntry | null> {
  const rows = await q.query<DirectoryRow>(`${SELECT} WHERE u.org_id = $1 AND u.id = $2`, [orgId, userId]);
  return rows[0] ? toEntry(rows[0]) : null;
}

/** Active users per connection status. */
export async function countByConnectionStatus(q: Queryable, orgId: string): Promise<Record<ConnectionStatus, number>> {
  const rows = await q.query<{ status: ConnectionStatus; n: number }>(
    `SELECT COALESCE(c.status, 'not_connected') AS status, count(*)::int AS n
     FROM users u LEFT JOIN calendar_connections c ON c.org_id = u.org_id AND c.user_id = u.id
     WHERE u.org_id = $1 AND u.active GROUP BY 1`,
    [orgId],
  );
  const counts: Record<ConnectionStatus, number> = { not_connected: 0, connected_individual: 0, connected_central: 0, failed: 0, syncing: 0 };
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}
