/**
 * Organization settings as admins see and change them. The tier and the system-wide integration switch are the
 * vendor's and read-only here. The Cronofy data centre cannot move while calendars are connected (their accounts
 * live in the old one). A webhook signing secret is generated here, sealed at rest and shown exactly once.
 */
import { randomBytes } from 'node:crypto';
import { OrgSettingsSchema, VENDOR_OWNED_SETTINGS, type SettingsView, type UpdateSettings } from '../../shared/api/settings.js';
import { getOrganization, type Organization } from '../../store/repos/organizations.js';
import { countBrokerConnections, lockOrgSettings, saveOrgSettings, saveWebhookSecret } from '../../store/repos/org-settings.js';
import type { AppDeps } from '../app.js';
import { ApiError, forbidden, notFound } from '../errors.js';

export function settingsView(org: Organization): SettingsView {
  return {
    organizationId: org.id,
    name: org.name,
    integrationEnabled: org.integrationEnabled,
    tier: org.tier,
    settings: org.settings,
    webhook: { url: org.webhookUrl, secretSet: org.webhookSecretEnc !== null },
  };
}

export async function getSettings(deps: Pick<AppDeps, 'db'>, orgId: string): Promise<SettingsView> {
  const org = await getOrganization(deps.db, orgId);
  if (!org) throw notFound('organization');
  return settingsView(org);
}

/**
 * Host names a webhook must not point at: this server's own network (SSRF from a tenant's admin). A literal check
 * only; a public name that resolves to a private address is the delivery worker's to refuse.
 */
function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.internal') || host.endsWith('.local')) return true;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return /^(127\.|10\.|0\.|169\.254\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(host);
  if (host.includes(':')) return host === '::1' || host === '::' || /^f[cd]/.test(host) || host.startsWith('fe80:') || host.startsWith('::ffff:');
  return false;
}

export async function updateSettings(deps: Pick<AppDeps, 'db'>, orgId: string, patch: UpdateSettings): Promise<SettingsView> {
  const vendorOwned = VENDOR_OWNED_SETTINGS.filter((key) => key in patch);
  if (vendorOwned.length > 0) throw forbidden(`${vendorOwned.join(' and ')} can only be changed by the vendor.`);
  if (patch.webhookUrl) {
    const url = new URL(patch.webhookUrl);
    if (url.username || url.password || isPrivateHost(url.hostname)) {
      throw new ApiError(400, 'validation_failed', 'Invalid request body.', {
        issues: [{ path: 'webhookUrl', message: 'the webhook URL must be a public https address without credentials' }],
      });
    }
  }
  await deps.db.tx(async (q) => {
    const current = await lockOrgSettings(q, orgId);
    if (!current) throw notFound('organization');
    const merged = OrgSettingsSchema.safeParse({
      ...current.settings,
      ...Object.fromEntries(Object.entries(patch).filter(([key, value]) => key !== 'booking' && key !== 'webhookUrl' && value !== undefined)),
      booking: { ...current.settings.booking, ...patch.booking },
    });
    if (!merged.success) {
      throw new ApiError(400, 'validation_failed', 'Invalid request body.', {
        issues: merged.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      });
    }
    const booking = merged.data.booking;
    if (booking.windowStartDays >= booking.windowEndDays) {
      throw new ApiError(400, 'validation_failed', 'Invalid request body.', {
        issues: [{ path: 'booking.windowEndDays', message: 'the booking window must end after it starts (windowEndDays > windowStartDays)' }],
      });
    }
    if (merged.data.dataCenter !== current.settings.dataCenter && (await countBrokerConnections(q, orgId)) > 0) {
      throw new ApiError(409, 'conflict', 'The calendar data centre cannot change while calendars are connected; disconnect them first.');
    }
    await saveOrgSettings(q, orgId, merged.data, patch.webhookUrl === undefined ? current.webhookUrl : patch.webhookUrl);
  });
  return getSettings(deps, orgId);
}

/** A new Standard-Webhooks secret (`whsec_` + 32 random bytes, base64); the previous one stops signing at once. */
export async function rotateWebhookSecret(deps: Pick<AppDeps, 'db' | 'box'>, orgId: string): Promise<{ secret: string }> {
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  await saveWebhookSecret(deps.db, orgId, deps.box.seal(secret));
  return { secret };
}
