/**
 * Calendar connections (contract: `src/shared/api/connections.ts`), mounted below `/api` behind authentication:
 * - `GET|DELETE /users/:id/connection`, `POST /users/:id/connection/authorize`: a user's own connection, or any
 *   user's for an admin;
 * - `POST /users/:id/connection/central`, `GET|DELETE /service-account`, `POST /service-account/authorize`,
 *   `POST /rooms/load`: Plus (else 403 `plus_required`) and admin only.
 * Every lookup is scoped by the caller's organization, so another organization's user is simply not found.
 * Answers carry statuses and profile names, never tokens, codes or Cronofy ids.
 */
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { AuthorizeConnectionSchema, AuthorizeServiceAccountSchema } from '../../shared/api/connections.js';
import { getConnection } from '../../store/repos/connections.js';
import { getUser } from '../../store/repos/users.js';
import type { AppDeps } from '../app.js';
import { requireRole, requireSelfOrAdmin, type AuthVariables } from '../auth.js';
import { ApiError, plusRequired } from '../errors.js';
import { disconnect, startIndividualConnect, toConnectionView, type ConnectionDeps } from '../services/connections.js';
import {
  centralAvailable,
  disconnectServiceAccount,
  loadRooms,
  serviceAccountView,
  startCentralConnect,
  startServiceAccountConnect,
} from '../services/service-account.js';
import { jsonBody, parseWith } from '../validation.js';

const USER_ID = /^[^\s/]{1,128}$/;

type AuthedContext = Context<{ Variables: AuthVariables }>;

/** An empty body is the same as `{}`; anything else must be JSON of the schema. */
async function optionalBody<T>(c: AuthedContext, schema: z.ZodType<T>): Promise<T> {
  if (!c.req.header('content-type') && (c.req.header('content-length') ?? '0') === '0') return parseWith(schema, {}, 'request body');
  return jsonBody(c, schema);
}

export function connectionsRoutes(deps: AppDeps) {
  const connectionDeps: ConnectionDeps = {
    db: deps.db,
    cronofy: deps.cronofy,
    ...(deps.cronofyFor ? { cronofyFor: deps.cronofyFor } : {}),
    box: deps.box,
    logger: deps.logger,
    now: deps.now,
    publicUrl: deps.config.publicUrl,
  };

  /** The target user of `/users/:id/...`: self or admin, and a user of the caller's organization (else 404). */
  async function targetUser(c: AuthedContext) {
    const principal = c.get('principal');
    const userId = c.req.param('id') ?? '';
    if (!USER_ID.test(userId)) throw new ApiError(404, 'not_found', 'No such user.');
    requireSelfOrAdmin(principal, userId);
    const user = await getUser(deps.db, principal.orgId, userId);
    if (!user) throw new ApiError(404, 'not_found', 'No such user.');
    return { orgId: principal.orgId, user };
  }

  /** Plus features: the licence first (so a Basic admin learns what is missing), then the admin role. */
  function requirePlusAdmin(c: AuthedContext) {
    if (c.get('org').tier !== 'plus') throw plusRequired();
    requireRole(c.get('principal'), 'admin');
  }

  return new Hono<{ Variables: AuthVariables }>()
    .get('/users/:id/connection', async (c) => {
      const { orgId, user } = await targetUser(c);
      const connection = await getConnection(deps.db, orgId, user.id);
      return c.json(toConnectionView(user.id, connection, await centralAvailable(connectionDeps, orgId)));
    })
    .post('/users/:id/connection/authorize', async (c) => {
      const { orgId, user } = await targetUser(c);
      const input = await optionalBody(c, AuthorizeConnectionSchema);
      const url = await startIndividualConnect(connectionDeps, orgId, user.id, {
        returnTo: input.returnTo ?? null,
        ...(input.provider ? { provider: input.provider } : {}),
      });
      return c.json({ url });
    })
    .delete('/users/:id/connection', async (c) => {
      const { orgId, user } = await targetUser(c);
      await disconnect(connectionDeps, orgId, user.id);
      const connection = await getConnection(deps.db, orgId, user.id);
      return c.json(toConnectionView(user.id, connection, await centralAvailable(connectionDeps, orgId)));
    })
    .post('/users/:id/connection/central', async (c) => {
      requirePlusAdmin(c);
      const { orgId, user } = await targetUser(c);
      return c.json(await startCentralConnect(connectionDeps, orgId, user.id), 202);
    })
    .get('/service-account', async (c) => {
      requirePlusAdmin(c);
      return c.json(await serviceAccountView(connectionDeps, c.get('principal').orgId));
    })
    .post('/service-account/authorize', async (c) => {
      requirePlusAdmin(c);
      const input = await optionalBody(c, AuthorizeServiceAccountSchema);
      const principal = c.get('principal');
      return c.json({ url: await startServiceAccountConnect(connectionDeps, principal.orgId, principal.userId, input.returnTo ?? null) });
    })
    .delete('/service-account', async (c) => {
      requirePlusAdmin(c);
      const orgId = c.get('principal').orgId;
      await disconnectServiceAccount(connectionDeps, orgId);
      return c.json(await serviceAccountView(connectionDeps, orgId));
    })
    .post('/rooms/load', async (c) => {
      requirePlusAdmin(c);
      const principal = c.get('principal');
      return c.json(await loadRooms(connectionDeps, principal.orgId, principal.userId));
    });
}
