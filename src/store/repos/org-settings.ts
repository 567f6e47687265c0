/**
 * Writes to an organization's admin-owned settings: the settings document, the host-webhook URL and its sealed
 * signing secret. The vendor-owned columns (`tier`, `integration_enabled`) are never written here. Reads that
 * precede a write lock the row, so two admins saving at once cannot lose each other's change.
 */
import { OrgSettingsSchema, type OrgSettings } from '../../shared/api/settings.js';
import type { Queryable } from '../db.js';

export async function lockOrgSettings(q: Queryable, orgId: string): Promise<{ settings: OrgSettings; webhookUrl: string | null } | null> {
  const rows = await q.query<{ settings: unknown; webhook_url: string | null }>(
    'SELECT settings, webhook_url FROM organizations WHERE id = $1 FOR UPDATE',
    [orgId],
  );
  return rows[0] ? { settings: OrgSettingsSchema.parse(rows[0].settings ?? {}), webhookUrl: rows[0].webhook_url } : null;
}

export async function saveOrgSettings(q: Queryable, orgId: string, settings: OrgSettings, webhookUrl: string | null): Promise<void> {
  await q.query('UPDATE organizations SET settings = $2, webhook_url = $3 WHERE id = $1', [orgId, JSON.stringify(settings), webhookUrl]);
}

export async function saveWebhookSecret(q: Queryable, orgId: string, secretEnc: string): Promise<void> {
  await q.query('UPDATE organizations SET webhook_secret_enc = $2 WHERE id = $1', [orgId, secretEnc]);
}

/** Connections that live at the broker (anything but `not_connected`), e.g. to refuse a data-centre change. */
export async function countBrokerConnections(q: Queryable, orgId: string): Promise<number> {
  const rows = await q.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM calendar_connections WHERE org_id = $1 AND status <> 'not_connected'",
    [orgId],
  );
  return rows[0]?.n ?? 0;
}
