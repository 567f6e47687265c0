/**
 * Helpers for the admin API suites: the real app over a world's store with a Cronofy client whose revocations
 * and channel deletions are recorded (Cronofy itself is unreachable on purpose), host tokens minted with the
 * organization's secret, and a JSON request helper.
 */
import type { Role } from '../../src/shared/api/settings.js';
import { createApp } from '../../src/server/app.js';
import { mintToken } from '../../src/server/auth.js';
import type { DemoControl } from '../../src/server/routes/demo.js';
import { silentLogger } from '../../src/server/middleware/logging.js';
import { createCronofyClient } from '../../src/cronofy/index.js';
import { box, type World } from './fixtures.js';

export interface AdminHarness {
  app: ReturnType<typeof createApp>;
  revoked: string[];
  token(sub: string, roles: Role[]): Promise<string>;
  call(token: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
}

export function createAdminApp(world: World, options: { demo?: DemoControl } = {}): AdminHarness {
  const revoked: string[] = [];
  const real = createCronofyClient({ apiUrl: 'http://127.0.0.1:9', appUrl: 'http://127.0.0.1:9', clientId: 'test', clientSecret: 'test-secret', timeoutMs: 200 });
  const cronofy = {
    ...real,
    revokeAuthorization: async (params: { token: string }) => {
      revoked.push(params.token);
    },
    deleteChannel: async () => undefined,
  } as typeof real;
  const app = createApp({
    db: world.db,
    box,
    cronofy,
    calendars: world.calendars,
    now: world.deps.now,
    logger: silentLogger,
    config: {
      publicUrl: 'http://localhost:8787',
      bookingLinkBase: world.deps.bookingLinkBase,
      corsOrigins: [],
      cronofyClientSecrets: ['test-secret'],
      staticRoot: null,
    },
    ...(options.demo ? { demo: options.demo } : {}),
  });
  return {
    app,
    revoked,
    token: (sub, roles) => mintToken('test-secret-' + world.orgId, { sub, org: world.orgId, roles }, 3600, world.clock.now),
    call: async (token, method, path, body, headers = {}) =>
      app.request(path, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }),
  };
}

/** Seals fake broker tokens into a user's connection, so disconnecting has something to revoke. */
export function sealedTokens(refreshToken: string): string {
  return box.seal(JSON.stringify({ accessToken: `acc-${refreshToken}`, refreshToken, expiresAt: Date.now() + 3600_000, scope: 'read_write' }));
}
