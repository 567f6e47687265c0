/**
 * Recruiter-side HTTP helpers for server tests: the real app over a world (see `fixtures.ts`), called with a
 * host-style bearer token minted for one of the world's users, and the outbox read back as `[type, data]`.
 */
import { mintToken } from '../../src/server/auth.js';
import type { Role } from '../../src/shared/api/settings.js';
import { createTestApp, type World } from './fixtures.js';

export async function recruiterApi(world: World, userId = 'anna', roles: Role[] = ['recruiter']) {
  const app = await createTestApp(world);
  // Valid for a year of test-clock time, so tests may move the clock freely.
  const token = await mintToken(`test-secret-${world.orgId}`, { sub: userId, org: world.orgId, roles }, 365 * 86_400, world.clock.now);
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    app.request(`/api${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { app, call, token };
}

export interface OutboxEntry {
  type: string;
  data: Record<string, any>;
}

/**
 * Events of one organization in emission order. `created_at` is the test clock, which often stands still, so ties
 * fall back to the row's physical position: outbox rows are only appended in these tests, so that is insertion order.
 */
export async function outbox(world: World): Promise<OutboxEntry[]> {
  const rows = await world.db.query<{ type: string; payload: { data: Record<string, unknown> } }>(
    'SELECT type, payload FROM outbox WHERE org_id = $1 ORDER BY created_at, ctid',
    [world.orgId],
  );
  return rows.map((r) => ({ type: r.type, data: r.payload.data }));
}
