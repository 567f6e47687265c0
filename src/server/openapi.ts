/**
 * The API's self-description: the `RouteSpec` type every route is described with, the helper that mounts a
 * handler *from* its spec (so path, method and input validation cannot drift from the description), and the
 * OpenAPI 3.1 document built from the registry in `api-routes.ts` with `z.toJSONSchema` — the same zod schemas
 * the server validates with.
 *
 * Invariants: request bodies and query strings are described as zod *input* (defaults make fields optional),
 * responses as *output*; every operation gets the shared error body as its `default` response; the document is
 * built once per process (schemas are static). `test/server/openapi.test.ts` compares the app's registered
 * routes with the registry, so a route added without a description fails the suite.
 */
import type { Context, Env, Hono } from 'hono';
import { z } from 'zod';
import type { Role } from '../shared/api/settings.js';
import { ErrorBodySchema } from '../shared/errors.js';
import type { Organization } from '../store/repos/organizations.js';
import type { AuthVariables, Principal } from './auth.js';
import { forbidden, plusRequired } from './errors.js';
import { jsonBody, parseWith, queryParams } from './validation.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * How a route is authorized: the host's bearer JWT; the booking-link token in the path (applicants); a
 * single-use live-stream ticket in the query; Cronofy's HMAC header; or nothing (public, or self-checking
 * like the OAuth callback's state).
 */
export type RouteSecurity = 'bearer' | 'bookingToken' | 'streamTicket' | 'cronofyHmac' | 'none';

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
}

export interface RouteSpec {
  method: HttpMethod;
  /** Full path in Hono form (`/api/users/:id`). */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  security: RouteSecurity;
  /** Who may call a bearer route: any of these roles, the user named by `:id` themselves, or any valid token. */
  access?: { roles?: readonly Role[]; self?: boolean };
  /** Answers 403 `plus_required` on the Basic tier. */
  plus?: boolean;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The body may be left out entirely (then it is read as `{}`). */
  bodyOptional?: boolean;
  headers?: Record<string, { description: string; required?: boolean; schema: z.ZodType }>;
  /** A valid request body: shown in the document, and sent by the tenancy test. */
  example?: unknown;
  /** A valid query: shown in the document, and sent by the tenancy test. */
  exampleQuery?: Record<string, string>;
  responses: Record<number, ResponseSpec>;
  /** Error statuses this route answers, with when; the body is always the shared error shape. */
  errors?: Record<number, string>;
  /** Mounted only when the server runs the demo. */
  demo?: boolean;
}

type Infer<T> = T extends z.ZodType ? z.infer<T> : undefined;
export interface RouteInput<S extends RouteSpec> {
  query: Infer<S['query']>;
  body: Infer<S['body']>;
}

/**
 * Mounts `handler` on `app` at the spec's method and path (minus `prefix`, where the sub-app is mounted).
 * Before the handler runs: a bearer route's access rule and tier (403), then the query and JSON body against
 * the spec's schemas (400 `validation_failed`, 415, 413) — so nothing is read or changed on refused input.
 */
export function mountRoute<E extends Env, S extends RouteSpec>(
  app: Hono<E>,
  spec: S,
  handler: (c: Context<E>, input: RouteInput<S>) => Response | Promise<Response>,
  prefix = '/api',
): void {
  if (!spec.path.startsWith(prefix)) throw new Error(`${spec.path} is not below ${prefix}`);
  const path = spec.path.slice(prefix.length) || '/';
  app.on(spec.method.toUpperCase(), path, async (c) => {
    if (spec.security === 'bearer') {
      // Bearer routes live below `requireAuth`, which has set both variables.
      const authed = c as unknown as Context<{ Variables: AuthVariables }>;
      authorize(spec, authed.get('principal'), authed.get('org'), c.req.param('id'));
    }
    const query = (spec.query ? queryParams(c, spec.query) : undefined) as Infer<S['query']>;
    const empty = spec.bodyOptional && !c.req.header('content-type') && (c.req.header('content-length') ?? '0') === '0';
    const body = (spec.body ? (empty ? parseWith(spec.body, {}, 'request body') : await jsonBody(c, spec.body)) : undefined) as Infer<S['body']>;
    return handler(c as Context<E>, { query, body });
  });
}

/**
 * Enforces a bearer route's documented access rule, so the document and the server cannot disagree: one of the
 * roles, or the user named by `:id` themselves; then the Plus tier where the spec says so.
 */
export function authorize(spec: Pick<RouteSpec, 'access' | 'plus'>, principal: Principal, org: Organization, targetUserId?: string): void {
  const access = spec.access;
  if (access) {
    const bySelf = access.self === true && targetUserId !== undefined && targetUserId === principal.userId;
    const byRole = access.roles?.some((role) => principal.roles.includes(role)) ?? false;
    if (!bySelf && !byRole) {
      throw forbidden(access.roles?.length ? `This needs the ${access.roles.join(' or ')} role${access.self ? ', or must concern yourself' : ''}.` : 'You may do this only for yourself.');
    }
  }
  if (spec.plus && org.tier !== 'plus') throw plusRequired();
}

/** `/api/users/:id` → `/api/users/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1]!);
}

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // Refinements and transforms have no JSON Schema form; they are described in words where they matter.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  return rest;
}

const SECURITY: Record<RouteSecurity, Array<Record<string, string[]>>> = {
  bearer: [{ bearerAuth: [] }],
  bookingToken: [],
  streamTicket: [{ streamTicket: [] }],
  cronofyHmac: [{ cronofyHmac: [] }],
  none: [],
};

function accessText(spec: RouteSpec): string {
  if (spec.security !== 'bearer') return '';
  const parts: string[] = [];
  if (spec.access?.roles?.length) parts.push(`role ${spec.access.roles.join(' or ')}`);
  if (spec.access?.self) parts.push('the user themselves');
  const who = parts.length ? `Needs ${parts.join(', or ')}.` : 'Any valid token of the organization.';
  return spec.plus ? `${who} Plus tier only (403 \`plus_required\` on Basic).` : who;
}

export function buildOpenApiDocument(routes: readonly RouteSpec[], options: { includeDemo: boolean; version: string }): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routes) {
    if (spec.demo && !options.includeDemo) continue;
    const parameters: unknown[] = pathParams(spec.path).map((name) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string', maxLength: name === 'token' ? 200 : 128 },
      ...(name === 'token' ? { description: 'The booking-link token: the applicant\'s only credential.' } : {}),
    }));
    if (spec.query) {
      const schema = jsonSchema(spec.query, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        const { description, ...rest } = property as JsonSchema & { description?: string };
        parameters.push({ name, in: 'query', required: schema.required?.includes(name) ?? false, schema: rest, ...(description ? { description } : {}) });
      }
    }
    for (const [name, header] of Object.entries(spec.headers ?? {})) {
      parameters.push({ name, in: 'header', required: header.required ?? false, description: header.description, schema: jsonSchema(header.schema, 'input') });
    }
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(spec.responses)) {
      responses[status] = {
        description: response.description,
        ...(response.schema
          ? { content: { [response.contentType ?? 'application/json']: { schema: jsonSchema(response.schema, 'output') } } }
          : response.contentType
            ? { content: { [response.contentType]: { schema: { type: 'string' } } } }
            : {}),
      };
    }
    for (const [status, description] of Object.entries(spec.errors ?? {})) {
      responses[status] = { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    }
    responses.default = { description: 'Any other error, in the shared error shape.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
    const description = [spec.description, accessText(spec)].filter(Boolean).join('\n\n');
    const operation: Record<string, unknown> = {
      operationId: operationId(spec),
      tags: [spec.tag],
      summary: spec.summary,
      ...(description ? { description } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body
        ? {
            requestBody: {
              required: spec.bodyOptional !== true,
              content: { 'application/json': { schema: jsonSchema(spec.body, 'input'), ...(spec.example !== undefined ? { example: spec.example } : {}) } },
            },
          }
        : {}),
      responses,
      security: SECURITY[spec.security],
      ...(spec.plus ? { 'x-plus-only': true } : {}),
      ...(spec.access ? { 'x-access': spec.access } : {}),
    };
    const path = openApiPath(spec.path);
    paths[path] ??= {};
    if (paths[path]![spec.method]) throw new Error(`${spec.method.toUpperCase()} ${spec.path} is described twice`);
    paths[path]![spec.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'dv-calendar API',
      version: options.version,
      description:
        'Calendar integration of the d.vinci applicant-tracking system. Admin and recruiter calls carry the host ' +
        "application's bearer JWT; applicant calls are authorized by the booking-link token in the path. Errors are " +
        '`{ "error": { "code", "message", "details" } }` with a stable `code`. Instants are UTC ISO-8601.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorBodySchema, 'output') },
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Issued by the host application: claims sub, org, roles, exp.' },
        streamTicket: { type: 'apiKey', in: 'query', name: 'ticket', description: 'Single-use live-stream ticket from POST /api/events/tickets (60 s).' },
        cronofyHmac: { type: 'apiKey', in: 'header', name: 'Cronofy-HMAC-SHA256', description: 'HMAC-SHA256 of the body with the Cronofy client secret.' },
      },
    },
  };
}

/** `GET /api/users/:id/availability` → `getUsersIdAvailability`: stable and unique per method and path. */
export function operationId(spec: Pick<RouteSpec, 'method' | 'path'>): string {
  const words = spec.path
    .replace(/^\/api\/?/, '')
    .split(/[/.\-]/)
    .filter(Boolean)
    .map((w) => w.replace(/^:/, ''));
  return spec.method + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}
