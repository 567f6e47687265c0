/**
 * Which Cronofy client serves an organization. Cronofy's data centres are separate instances — an account, its
 * tokens and its channels live in exactly one — so every call for an organization must go to that
 * organization's data centre (settings.dataCenter, default `de`). With the embedded simulator, or an explicit
 * CRONOFY_API_URL, there is one endpoint and `cronofyFor` is absent: every organization uses `cronofy`.
 */
import type { CronofyClient } from '../../cronofy/index.js';
import type { Queryable } from '../../store/db.js';
import { getOrganization } from '../../store/repos/organizations.js';

export type DataCenter = 'de' | 'uk' | 'us' | 'au' | 'ca' | 'sg';

export interface CronofyRouting {
  /** The client of the process-wide default data centre (and the only one when `cronofyFor` is absent). */
  cronofy: CronofyClient;
  /** The client of a data centre; clients are created once per data centre and reused. */
  cronofyFor?: (dataCenter: DataCenter) => CronofyClient;
  db: Queryable;
}

export async function cronofyForOrg(deps: CronofyRouting, orgId: string): Promise<CronofyClient> {
  if (!deps.cronofyFor) return deps.cronofy;
  const org = await getOrganization(deps.db, orgId);
  return org ? deps.cronofyFor(org.settings.dataCenter) : deps.cronofy;
}

/** Lazily creates and caches one client per data centre. */
export function perDataCenter(create: (dataCenter: DataCenter) => CronofyClient): (dataCenter: DataCenter) => CronofyClient {
  const clients = new Map<DataCenter, CronofyClient>();
  return (dataCenter) => {
    let client = clients.get(dataCenter);
    if (!client) {
      client = create(dataCenter);
      clients.set(dataCenter, client);
    }
    return client;
  };
}

/** `deps` with `cronofy` set to the organization's client (unchanged when there is only one endpoint). */
export async function withOrgClient<D extends CronofyRouting>(deps: D, orgId: string): Promise<D> {
  if (!deps.cronofyFor) return deps;
  return { ...deps, cronofy: await cronofyForOrg(deps, orgId) };
}
