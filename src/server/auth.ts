/**
 * Authentication of admin and recruiter calls: a bearer JWT issued by the host application, verified with
 * jose against the organization's HS256 secret (sealed in the store) or its JWKS URL. Required claims: `sub`
 * (user id), `org`, `exp`; `roles` ⊂ {admin, recruiter}. A user the store does not know yet is created just in
 * time from the token's `name`, `email` and `zoneinfo` claims. `alg: none`, other algorithms, a wrong
 * signature, an expired token or a token of another organization are all refused with 401.
 */
import type { MiddlewareHandler } from 'hono';
import { createRemoteJWKSet, decodeJwt, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { z } from 'zod';
import { RoleSchema, type Role } from '../shared/api/settings.js';
import { isValidTimeZone } from '../shared/time.js';
import type { SecretBox } from '../store/crypto.js';
import type { Db } from '../store/db.js';
import { getOrganization, type Organization } from '../store/repos/organizations.js';
import { getUser, upsertUser } from '../store/repos/users.js';
import { ApiError } from './errors.js';

export interface Principal {
  orgId: string;
  userId: string;
  roles: Role[];
}

export type AuthVariables = { principal: Principal; org: Organization };

const ClaimsSchema = z.object({
  sub: z.string().min(1).max(128),
  org: z.string().min(1).max(128),
  roles: z.array(RoleSchema).max(2).default([]),
  name: z.string().max(200).optional(),
  email: z.email().max(320).optional(),
  zoneinfo: z.string().max(64).optional(),
});

const unauthorized = (message = 'A valid bearer token is required.') => new ApiError(401, 'unauthorized', message, undefined, { 'WWW-Authenticate': 'Bearer' });

export function createAuthenticator(deps: { db: Db; box: SecretBox; now: () => number }) {
  const jwksByUrl = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

  async function verify(token: string): Promise<{ principal: Principal; org: Organization }> {
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch {
      throw unauthorized('The bearer token is not a JWT.');
    }
    const orgId = typeof unverified.org === 'string' ? unverified.org : null;
    const org = orgId && orgId.length <= 128 ? await getOrganization(deps.db, orgId) : null;
    if (!org) throw unauthorized('The token names no known organization.');
    let payload: JWTPayload;
    try {
      const options = { requiredClaims: ['exp', 'sub', 'org'], currentDate: new Date(deps.now()), clockTolerance: 30 };
      if (org.jwksUrl) {
        let jwks = jwksByUrl.get(org.jwksUrl);
        if (!jwks) {
          jwks = createRemoteJWKSet(new URL(org.jwksUrl));
          jwksByUrl.set(org.jwksUrl, jwks);
        }
        ({ payload } = await jwtVerify(token, jwks, { ...options, algorithms: ['RS256', 'ES256', 'EdDSA'] }));
      } else if (org.jwtSecretEnc) {
        const secret = new TextEncoder().encode(deps.box.open(org.jwtSecretEnc));
        ({ payload } = await jwtVerify(token, secret, { ...options, algorithms: ['HS256'] }));
      } else {
        throw unauthorized('This organization has no token verification configured.');
      }
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw unauthorized('The bearer token is invalid or expired.');
    }
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success || claims.data.org !== org.id) throw unauthorized('The bearer token carries invalid claims.');
    const { sub, roles, name, email, zoneinfo } = claims.data;
    const known = await getUser(deps.db, org.id, sub);
    // The host deactivated this user here: a token it still holds opens nothing.
    if (known && !known.active) throw new ApiError(403, 'forbidden', 'This user is deactivated.');
    if (!known) {
      if (!name || !email) throw new ApiError(403, 'forbidden', 'This user is not provisioned and the token has no name and e-mail to create it.');
      await upsertUser(deps.db, { orgId: org.id, id: sub, name, email, timeZone: zoneinfo && isValidTimeZone(zoneinfo) ? zoneinfo : 'Europe/Berlin', roles });
    }
    return { principal: { orgId: org.id, userId: sub, roles }, org };
  }

  const requireAuth: MiddlewareHandler<{ Variables: AuthVariables }> = async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{10,4096})$/.exec(header);
    if (!match) throw unauthorized();
    const { principal, org } = await verify(match[1]!);
    c.set('principal', principal);
    c.set('org', org);
    await next();
  };

  return { verify, requireAuth };
}

export function requireRole(principal: Principal, role: Role): void {
  if (!principal.roles.includes(role)) throw new ApiError(403, 'forbidden', `This needs the ${role} role.`);
}

/** Acting on another user's calendar or settings needs the admin role; on one's own it does not. */
export function requireSelfOrAdmin(principal: Principal, userId: string): void {
  if (principal.userId !== userId) requireRole(principal, 'admin');
}

/** Mints a host-style token; used by the demo and by tests, never by production code paths. */
export async function mintToken(secret: string, claims: { sub: string; org: string; roles: Role[]; name?: string; email?: string }, ttlSeconds = 8 * 3600, now = Date.now()): Promise<string> {
  return new SignJWT({ org: claims.org, roles: claims.roles, ...(claims.name ? { name: claims.name } : {}), ...(claims.email ? { email: claims.email } : {}) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(Math.floor(now / 1000))
    .setExpirationTime(Math.floor(now / 1000) + ttlSeconds)
    .sign(new TextEncoder().encode(secret));
}
