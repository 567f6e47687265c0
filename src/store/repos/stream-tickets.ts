/**
 * Single-use tickets for live-update streams. Only the SHA-256 of a ticket is stored; consuming deletes the
 * row, so a ticket that leaked into an access log is worthless once used or after its minute. Any server
 * process can consume a ticket another issued: they share the store.
 */
import type { Role } from '../../shared/api/settings.js';
import type { Queryable } from '../db.js';

export async function insertStreamTicket(q: Queryable, t: { orgId: string; hash: string; userId: string; roles: Role[]; expiresAt: string }): Promise<void> {
  await q.query('INSERT INTO stream_tickets (org_id, ticket_hash, user_id, roles, expires_at) VALUES ($1, $2, $3, $4, $5)', [
    t.orgId,
    t.hash,
    t.userId,
    t.roles,
    t.expiresAt,
  ]);
}

/** The ticket's holder, once; null for an unknown, used or expired ticket. Sweeps expired tickets on the way. */
export async function consumeStreamTicket(q: Queryable, hash: string, now: string): Promise<{ orgId: string; userId: string; roles: Role[] } | null> {
  const rows = await q.query<{ org_id: string; user_id: string; roles: Role[]; expires_at: Date }>(
    'DELETE FROM stream_tickets WHERE ticket_hash = $1 RETURNING org_id, user_id, roles, expires_at',
    [hash],
  );
  await q.query('DELETE FROM stream_tickets WHERE expires_at < $1', [now]);
  const row = rows[0];
  if (!row || new Date(row.expires_at).getTime() <= Date.parse(now)) return null;
  return { orgId: row.org_id, userId: row.user_id, roles: row.roles };
}
