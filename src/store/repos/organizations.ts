/** Organizations: tier, system-wide switch, settings, host-webhook target and signing secrets (sealed). */
import { OrgSettingsSchema, type OrgSettings, type Tier } from '../../shared/api/settings.js';
import type { Queryable } from '../db.js';

export interface Organization {
  id: string;
  name: string;
  tier: Tier;
  integrationEnabled: boolean;
  settings: OrgSettings;
  jwtSecretEnc: string | null;
  jwksUrl: string | null;
  webhookUrl: string | null;
  webhookSecretEnc: string | null;
}

export interface OrgRow {
  id: string;
  name: string;
  tier: Tier;
  integration_enabled: boolean;
  settings: unknown;
  jwt_secret_enc: string | null;
  jwks_url: string | null;
  webhook_url: string | null;
  webhook_secret_enc: string | null;
}

export function toOrg(row: OrgRow): Organization {
  return {
    id: row.id,
    name: row.name,
    tier: row.tier,
    integrationEnabled: row.integration_enabled,
    settings: OrgSettingsSchema.parse(row.settings ?? {}),
    jwtSecretEnc: row.jwt_secret_enc,
    jwksUrl: row.jwks_url,
    webhookUrl: row.webhook_url,
    webhookSecretEnc: row.webhook_secret_enc,
  };
}

export async function getOrganization(q: Queryable, orgId: string): Promise<Organization | null> {
  const rows = await q.query<OrgRow>('SELECT * FROM organizations WHERE id = $1', [orgId]);
  return rows[0] ? toOrg(rows[0]) : null;
}

export async function upsertOrganization(
  q: Queryable,
  org: Pick<Organization, 'id' | 'name' | 'tier' | 'integrationEnabled' | 'settings'> &
    Partial<Pick<Organization, 'jwtSecretEnc' | 'jwksUrl' | 'webhookUrl' | 'webhookSecretEnc'>>,
): Promise<Organization> {
  const rows = await q.query<OrgRow>(
    `INSERT INTO organizations (id, name, tier, integration_enabled, settings, jwt_secret_enc, jwks_url, webhook_url, webhook_secret_enc)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (id) DO UPDATE SET name = $2, tier = $3, integration_enabled = $4, settings = $5,
       jwt_secret_enc = COALESCE($6, organizations.jwt_secret_enc), jwks_url = COALESCE($7, organizations.jwks_url),
       webhook_url = COALESCE($8, organizations.webhook_url),
       webhook_secret_enc = COALESCE($9, organizations.webhook_secret_enc)
     RETURNING *`,
    [
      org.id,
      org.name,
      org.tier,
      org.integrationEnabled,
      JSON.stringify(org.settings),
      org.jwtSecretEnc ?? null,
      org.jwksUrl ?? null,
      org.webhookUrl ?? null,
      org.webhookSecretEnc ?? null,
    ],
  );
  return toOrg(rows[0]!);
}
