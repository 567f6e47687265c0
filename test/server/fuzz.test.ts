/**
 * Fuzzing every route of the API registry (`src/server/api-routes.ts`, the source of /api/openapi.json): each
 * route gets FUZZ_RUNS (default 200) generated bad requests — missing, forged, `alg: none`, expired and other
 * organizations' tokens; garbage and foreign booking tokens; path ids that are huge, injected, unicode or another
 * tenant's; bodies and queries with wrong types, missing fields, huge strings, unknown zones, reversed ranges and
 * injection strings; non-JSON bodies and wrong content types. Only inputs the route's own schema rejects (or whose
 * credentials are bad) are sent. Every answer must be a 4xx in the error shape, never a 5xx, and no row of the
 * organization may change.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { SignJWT, base64url } from 'jose';
import { ALL_ROUTES } from '../../src/server/api-routes.js';
import type { RouteSpec } from '../../src/server/openapi.js';
import { mintToken } from '../../src/server/auth.js';
import { ErrorBodySchema } from '../../src/shared/errors.js';
import type { Db } from '../../src/store/db.js';
import { createAdminApp } from '../support/admin.js';
import { createRequest, createWorld } from '../support/fixtures.js';
import { createTestStore } from '../support/store.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

const NASTY_STRINGS = [
  "' OR 1=1; --",
  "'); DROP TABLE users; --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\uFFFF\uD800',
  '𝓭𝓿-calendar',
  'Mars/Base',
  'Europe/Nowhere',
  '2026-02-30T25:61:00Z',
  '9999999999999999999999',
  '-1',
  'null',
  'NaN',
  '{}',
  '[]',
  'a'.repeat(5000),
];

/** Values of every JSON type, including the nasty ones and a 300 kB string (over the body limit). */
const junk = fc.oneof(
  fc.constantFrom<unknown>(...NASTY_STRINGS, null, true, false, 0, -1, 1.5, 1e308, [], {}, [null], { $gt: '' }, 'x'.repeat(300_000)),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ maxLength: 6 }), { maxKeys: 3 }),
);

type Mutation = { kind: 'auth'; token: string | null; label: string } | { kind: 'path'; param: string; value: string } | { kind: 'body'; body: string; contentType: string } | { kind: 'query'; query: Record<string, string> };

/** Turns a valid example into an invalid one: a field replaced, removed or a whole value swapped. */
function mutateValue(example: unknown, random: () => number, replacement: unknown): unknown {
  if (example === null || typeof example !== 'object') return replacement;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(example) ? [...example] : { ...(example as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return { unexpected: replacement };
  const key = keys[Math.floor(random() * keys.length)]!;
  const roll = random();
  const target = copy as Record<string, unknown>;
  if (roll < 0.25) delete target[key];
  else if (roll < 0.5 && target[key] !== null && typeof target[key] === 'object') target[key] = mutateValue(target[key], random, replacement);
  else if (roll < 0.6 && typeof target[key] === 'object' && target[key] !== null && 'start' in (target[key] as object) && 'end' in (target[key] as object)) {
    const range = target[key] as { start: unknown; end: unknown };
    target[key] = { ...range, start: range.end, end: range.start }; // reversed range
  } else target[key] = replacement;
  return copy;
}

/** encodeURIComponent refuses lone surrogates; a client would send them as U+FFFD, so do the same. */
function encodePathValue(value: string): string {
  return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/g, (c, i: number, all: string) => (/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(all.slice(i, i + 2)) || /[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(all.slice(i - 1, i + 1)) ? c : '\uFFFD')));
}

describe('fuzzing every route of the registry', () => {
  let db: Db;
  before(async () => {
    db = await createTestStore('pglite');
  });
  after(async () => {
    await db.close();
  });

  test(`${RUNS} bad requests per route: always a 4xx in the error shape, never a 5xx, never a changed row`, async () => {
    const world = await createWorld(db);
    const other = await createWorld(db);
    const h = createAdminApp(world);
    const { token: bookingToken, view } = await createRequest(world);
    const { view: otherView } = await createRequest(other);
    // Another organization's ids: unknown to this organization's token. (A booking token is its own credential,
    // so another link's token is not a bad input — it opens that link.)
    const otherIds: Record<string, string> = { 'booking-requests': otherView.id };
    assert.equal((await h.app.request(`/api/public/bookings/${bookingToken}/appointment`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ start: '2026-03-24T12:00:00Z' }) })).status, 201);
    const [appointment] = await db.query<{ id: string }>('SELECT id FROM appointments WHERE org_id = $1', [world.orgId]);
    const [event] = await db.query<{ id: string }>('SELECT id FROM outbox WHERE org_id = $1', [world.orgId]);
    const validIds: Record<string, string> = {
      users: 'anna',
      rooms: 'r1',
      locations: 'hq',
      'booking-requests': view.id,
      appointments: appointment!.id,
      'webhook-deliveries': event!.id,
      bookings: bookingToken,
    };
    const admin = await h.token('anna', ['admin', 'recruiter']);
    const secret = 'test-secret-' + world.orgId;
    const now = Math.floor(world.clock.now / 1000);
    const badTokens: Array<[string | null, string]> = [
      [null, 'missing'],
      ['garbage', 'not a JWT'],
      [await mintToken('wrong-secret', { sub: 'anna', org: world.orgId, roles: ['admin'] }, 600, world.clock.now), 'forged signature'],
      [`${base64url.encode('{"alg":"none"}')}.${base64url.encode(JSON.stringify({ sub: 'anna', org: world.orgId, roles: ['admin'], exp: now + 600 }))}.`, 'alg none'],
      [await mintToken(secret, { sub: 'anna', org: world.orgId, roles: ['admin'] }, 60, world.clock.now - 3_600_000), 'expired'],
      [await mintToken('test-secret-' + other.orgId, { sub: 'anna', org: other.orgId, roles: ['admin'] }, 600, world.clock.now + 0).then((t) => t.replace(/\..*\./, `.${base64url.encode(JSON.stringify({ sub: 'anna', org: world.orgId, roles: ['admin'], exp: now + 600 }))}.`)), 'claims of A, signature of B'],
      [await new SignJWT({ org: world.orgId, roles: ['root'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('anna').setExpirationTime(now + 600).sign(new TextEncoder().encode(secret)), 'forged role'],
    ];

    const snapshot = async () => {
      const tables = await db.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.columns WHERE column_name = 'org_id' AND table_schema = current_schema() ORDER BY table_name",
      );
      const parts: string[] = [];
      for (const { table_name } of tables) {
        if (table_name === 'stream_tickets') continue; // tickets are minted by a valid call only; none is made here
        parts.push(`${table_name}:${JSON.stringify(await db.query(`SELECT * FROM ${table_name} WHERE org_id = ANY($1) ORDER BY 1, 2`, [[world.orgId, other.orgId]]))}`);
      }
      return parts.join('\n');
    };

    const fuzzable = ALL_ROUTES.filter((r) => r.security !== 'none' || r.query || r.body || r.path.includes(':'));
    assert.ok(fuzzable.length >= 40, `routes to fuzz: ${fuzzable.length}`);
    const summary: string[] = [];
    for (const [index, spec] of fuzzable.entries()) {
      const params = [...spec.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
      const resourceOf = (param: string) => spec.path.split(`/:${param}`)[0]!.split('/').pop()!;
      const mutations: Mutation[] = [];
      const random = (() => {
        let x = 1000 + index;
        return () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
      })();
      const values = fc.sample(junk, { numRuns: RUNS * 3, seed: 4242 + index });
      for (let i = 0; mutations.length < RUNS && i < values.length; i++) {
        const value = values[i];
        const roll = random();
        if ((roll < 0.2 || (!spec.body && !spec.query && params.length === 0)) && (spec.security === 'bearer' || spec.security === 'bookingToken' || spec.security === 'cronofyHmac' || spec.security === 'streamTicket')) {
          const [token, label] = badTokens[i % badTokens.length]!;
          mutations.push({ kind: 'auth', token, label });
        } else if ((roll < 0.45 || (!spec.body && !spec.query)) && params.length > 0) {
          const param = params[i % params.length]!;
          // An upsert by id (PUT) accepts any well-formed id, so only malformed ones are bad input there.
          const candidates =
            spec.method === 'put'
              ? ['x'.repeat(2000), '\u0000', `a\u0000b`]
              : [typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined'), 'x'.repeat(2000), "1' OR '1'='1", '%E2%28%A1', '\u0000', resourceOf(param) === 'bookings' ? 'Z'.repeat(32) : otherIds[resourceOf(param)] ?? 'org_b_id'];
          mutations.push({ kind: 'path', param, value: candidates[i % candidates.length]! });
        } else if (spec.body) {
          const roll2 = random();
          let body: string;
          let contentType = 'application/json';
          if (roll2 < 0.1) body = '{"unterminated": ';
          else if (roll2 < 0.15) {
            body = JSON.stringify(spec.example ?? {});
            contentType = 'text/plain';
          } else {
            const candidate = mutateValue(spec.example ?? {}, random, value);
            if (spec.body.safeParse(candidate).success) continue; // still valid: not a bad input
            body = JSON.stringify(candidate) ?? 'undefined';
          }
          mutations.push({ kind: 'body', body, contentType });
        } else if (spec.query) {
          const base = { ...(spec.exampleQuery ?? {}) };
          const keys = Object.keys(base).length > 0 ? Object.keys(base) : ['start', 'end', 'q'];
          const key = keys[i % keys.length]!;
          const candidate: Record<string, string> = { ...base, [key]: typeof value === 'string' ? value : JSON.stringify(value) ?? '' };
          if (random() < 0.3 && candidate.start && candidate.end) Object.assign(candidate, { start: candidate.end, end: base.start ?? candidate.start });
          if (spec.query.safeParse(candidate).success) continue;
          mutations.push({ kind: 'query', query: candidate });
        } else {
          const [token, label] = badTokens[i % badTokens.length]!;
          mutations.push({ kind: 'auth', token, label });
        }
      }
      const before = await snapshot();
      let sent = 0;
      for (const m of mutations) {
        let path = spec.path;
        for (const p of params) path = path.replace(`:${p}`, encodePathValue(m.kind === 'path' && m.param === p ? m.value : (validIds[resourceOf(p)] ?? 'unknown')));
        const query = m.kind === 'query' ? m.query : spec.exampleQuery;
        if (query && Object.keys(query).length > 0) path += `?${new URLSearchParams(query)}`;
        const headers: Record<string, string> = {};
        if (spec.security === 'bearer') {
          const token = m.kind === 'auth' ? m.token : admin;
          if (token) headers.authorization = `Bearer ${token}`;
        }
        if (spec.security === 'cronofyHmac') headers['cronofy-hmac-sha256'] = m.kind === 'auth' ? 'AAAA' : 'not-a-signature';
        if (spec.security === 'streamTicket' && m.kind !== 'query') path += `${path.includes('?') ? '&' : '?'}ticket=${m.kind === 'auth' ? 'forged-ticket' : 'x'}`;
        if (spec.security === 'bookingToken' && m.kind === 'auth') path = path.replace(encodeURIComponent(bookingToken), encodeURIComponent(m.label.length % 2 ? 'A'.repeat(32) : 'short'));
        let body: string | undefined;
        if (m.kind === 'body') {
          body = m.body;
          headers['content-type'] = m.contentType;
        } else if (spec.body && spec.method !== 'get') {
          body = JSON.stringify(spec.example ?? {});
          headers['content-type'] = 'application/json';
        }
        const res = await h.app.request(path, { method: spec.method.toUpperCase(), headers, ...(body === undefined ? {} : { body }) });
        const text = await res.text();
        const where = `${spec.method.toUpperCase()} ${spec.path} [${m.kind}${m.kind === 'auth' ? ': ' + m.label : ''}] → ${res.status}`;
        assert.ok(res.status >= 400 && res.status < 500, `${where}: ${text.slice(0, 300)}`);
        if ((res.headers.get('content-type') ?? '').includes('json')) {
          assert.ok(ErrorBodySchema.safeParse(JSON.parse(text)).success, `${where}: not the error shape: ${text.slice(0, 200)}`);
        }
        sent++;
      }
      assert.equal(await snapshot(), before, `${spec.method.toUpperCase()} ${spec.path} changed rows`);
      summary.push(`${spec.method.toUpperCase()} ${spec.path}: ${sent}`);
      assert.ok(sent >= RUNS, `${spec.method.toUpperCase()} ${spec.path}: only ${sent} bad inputs generated`);
    }
    if (process.env.FUZZ_DEBUG) console.log(summary.join('\n'));
  });
});
