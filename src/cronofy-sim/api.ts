/**
 * The simulator's Cronofy API: the endpoints the product's client uses, with Cronofy's paths, field names, auth
 * headers, status codes and error bodies — `/oauth/token` (400 `{"error":"invalid_grant"}`, 401 `invalid_client`),
 * `/oauth/token/revoke`, and `/v1/...` with `Authorization: Bearer {access_token}` (401 with an empty body and a
 * `WWW-Authenticate` header for unknown/expired tokens, 403 for a missing scope, 423 for writes to a disconnected
 * profile, 422 `{"errors":{field:[{key,description}]}}` for invalid parameters). Invariant: handlers only parse and
 * render; behaviour lives in core.ts so the control API and these routes cannot drift apart.
 */
import { Hono, type Context } from 'hono';
import { addDays, DAY_MS, epochDayOfDate, isValidDate, isValidTimeZone, localDate, resolveWall, startOfLocalDay, zoneOffsetAt } from '../shared/time.js';
import { isAllDay, normalizeInstant, SimError, type ManagedEventInput, type SimCore } from './core.js';
import { SIM_PROVIDERS, type SimAccount, type SimEvent, type SimGrant } from './model.js';

type FieldErrors = Record<string, { key: string; description: string }[]>;

/** What each simplified scope grants, so `read_write` satisfies a `create_event` check. */
const IMPLIED: Record<string, string[]> = {
  read_write: ['read_account', 'list_calendars', 'read_events', 'read_free_busy', 'create_event', 'delete_event', 'create_calendar', 'change_participation_status'],
  read_only: ['read_account', 'list_calendars', 'read_events', 'read_free_busy'],
  write_only: ['read_account', 'list_calendars', 'create_event', 'delete_event'],
  free_busy_write: ['read_account', 'list_calendars', 'read_free_busy', 'create_event', 'delete_event'],
  read_events: ['read_free_busy'],
};

export function hasScope(granted: string, needed: string): boolean {
  return granted
    .split(/\s+/)
    .filter(Boolean)
    .some((s) => s === needed || (IMPLIED[s] ?? []).includes(needed));
}

/** The simulator's public root URL: the configured one, or the request URL up to the first API segment. */
export function rootUrl(c: Context, configured: string | undefined): string {
  if (configured) return configured.replace(/\/+$/, '');
  const u = new URL(c.req.url);
  const m = /\/(v1|oauth|app|control)(\/|$)/.exec(u.pathname);
  return u.origin + (m ? u.pathname.slice(0, m.index) : u.pathname.replace(/\/+$/, ''));
}

export async function readBody(c: Context): Promise<Record<string, unknown>> {
  const type = c.req.header('content-type') ?? '';
  try {
    if (type.includes('application/x-www-form-urlencoded') || type.includes('multipart/form-data')) {
      const form = await c.req.parseBody();
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(form)) if (typeof v === 'string') out[k] = v;
      return out;
    }
    const text = await c.req.text();
    if (!text.trim()) return {};
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const unprocessable = (c: Context, errors: FieldErrors) => c.json({ errors }, 422);
const required = (field: string) => ({ [field]: [{ key: 'errors.required', description: `${field} must be specified` }] });
const invalid = (field: string, description: string) => ({ [field]: [{ key: 'errors.invalid', description }] });

function renderEvent(e: SimEvent) {
  return {
    calendar_id: e.calendar_id,
    event_uid: e.event_uid,
    ...(e.event_id !== undefined ? { event_id: e.event_id } : {}),
    summary: e.summary,
    description: e.description,
    start: e.start,
    end: e.end,
    deleted: e.deleted,
    created: new Date(e.created).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    updated: new Date(e.updated).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    ...(e.location ? { location: e.location } : {}),
    participation_status: e.participation_status,
    attendees: e.attendees.map((a) => ({ email: a.email, display_name: a.display_name ?? null, status: a.status })),
    organizer: { email: e.organizer.email, display_name: e.organizer.display_name ?? null },
    transparency: e.transparency,
    status: e.status,
    categories: [],
    recurring: false,
    event_private: e.event_private,
    options: { delete: e.event_id !== undefined, update: e.event_id !== undefined, change_participation_status: e.origin !== undefined },
  };
}

function renderCalendar(a: SimAccount) {
  return a.calendars.map((cal) => ({
    provider_name: SIM_PROVIDERS[a.provider].provider_name,
    profile_id: a.profile_id,
    profile_name: a.email,
    calendar_id: cal.calendar_id,
    calendar_name: cal.calendar_name,
    calendar_readonly: cal.calendar_readonly,
    calendar_deleted: cal.calendar_deleted,
    calendar_primary: cal.calendar_primary,
    calendar_integrated_conferencing_available: false,
    calendar_attachments_available: false,
    permission_level: 'unrestricted',
  }));
}

export function renderProfile(a: SimAccount, appRoot: string) {
  const p = SIM_PROVIDERS[a.provider];
  return {
    provider_name: p.provider_name,
    provider_service: p.provider_service,
    profile_id: a.profile_id,
    profile_name: a.email,
    profile_connected: a.connected,
    profile_initial_sync_required: false,
    ...(a.connected ? {} : { profile_relink_url: `${appRoot}/relink/${p.provider_name}?email=${encodeURIComponent(a.email)}` }),
  };
}

/**
 * The instant wall time `HH:mm[:ss]` on `date` shows in `tz`, with the shared DST policy (a skipped time moves forward
 * by the gap, a repeated one means the earlier instant); seconds are kept, which `zonedWallTimeToInstant` does not take.
 */
function wallTimeInZone(date: string, time: string, tz: string): number {
  const [hh = '0', mm = '0', ss = '0'] = time.split(':');
  const wall = epochDayOfDate(date) * DAY_MS + ((Number(hh) * 60 + Number(mm)) * 60 + Number(ss)) * 1000;
  return resolveWall(wall, (ms) => zoneOffsetAt(ms, tz));
}

/** `Time`, `Date`, or `{ time, tzid }` (time without offset = wall time in tzid) → stored form, or undefined. */
function parseEventTime(value: unknown, defaultTz: string | undefined): string | undefined {
  if (typeof value === 'string') return normalizeInstant(value);
  if (typeof value === 'object' && value !== null) {
    const v = value as Record<string, unknown>;
    const time = v['time'];
    const tz = typeof v['tzid'] === 'string' ? v['tzid'] : defaultTz;
    if (typeof time !== 'string') return undefined;
    const direct = normalizeInstant(time);
    if (direct) return direct;
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)$/.exec(time);
    if (m && tz && isValidTimeZone(tz) && isValidDate(m[1] ?? '')) return normalizeInstant(new Date(wallTimeInZone(m[1] ?? '', m[2] ?? '', tz)).toISOString());
  }
  return undefined;
}

type Attendee = { email: string; display_name?: string };
function parseAttendees(value: unknown, field: string, errors: FieldErrors): Attendee[] {
  if (value === undefined) return [];
  const list = Array.isArray(value) ? value : undefined;
  const out: Attendee[] = [];
  for (const item of list ?? [null]) {
    const email = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['email'] : undefined;
    const name = typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['display_name'] : undefined;
    if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email)) {
      Object.assign(errors, invalid(field, `${field} must be a list of { email, display_name? }`));
      return [];
    }
    out.push({ email, ...(typeof name === 'string' ? { display_name: name } : {}) });
  }
  return out;
}

/** Validates an upsert body like Cronofy does: 422 with every invalid field at once. */
export function parseUpsert(body: Record<string, unknown>): { input: ManagedEventInput } | { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const str = (k: string): string | undefined => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  const eventId = str('event_id');
  if (!eventId) Object.assign(errors, body['event_uid'] ? invalid('event_uid', 'the simulator only updates managed events (event_id)') : required('event_id'));
  const summary = str('summary');
  if (summary === undefined || summary.trim() === '') Object.assign(errors, required('summary'));
  else if (summary.length > 1024) errors['summary'] = [{ key: 'errors.too_long', description: 'summary must be at most 1024 characters' }];
  const description = str('description');
  if (description !== undefined && description.length > 4096) errors['description'] = [{ key: 'errors.too_long', description: 'description must be at most 4096 characters' }];
  const tzid = str('tzid');
  if (body['tzid'] !== undefined && (!tzid || !isValidTimeZone(tzid))) Object.assign(errors, invalid('tzid', 'tzid must be a known IANA time zone'));
  let start: string | undefined;
  let end: string | undefined;
  for (const k of ['start', 'end'] as const) {
    if (body[k] === undefined) {
      Object.assign(errors, required(k));
      continue;
    }
    const v = parseEventTime(body[k], tzid);
    if (!v) Object.assign(errors, invalid(k, `${k} must be a Time, a Date or { time, tzid }`));
    if (k === 'start') start = v;
    else end = v;
  }
  if (start && end) {
    if (isAllDay(start) !== isAllDay(end)) Object.assign(errors, invalid('end', 'start and end must both be dates or both be times'));
    else if (!(isAllDay(start) ? start < end : Date.parse(start) < Date.parse(end))) Object.assign(errors, invalid('end', 'end must be after start'));
  }
  const attendees = body['attendees'];
  let invite: Attendee[] = [];
  let reject: Attendee[] = [];
  if (attendees !== undefined) {
    if (typeof attendees !== 'object' || attendees === null) Object.assign(errors, invalid('attendees', 'attendees must be { invite, reject }'));
    else {
      const a = attendees as Record<string, unknown>;
      invite = parseAttendees(a['invite'], 'attendees.invite', errors);
      // `remove` is what the C# SDK sends; accept it as a synonym of `reject`.
      reject = [...parseAttendees(a['reject'], 'attendees.reject', errors), ...parseAttendees(a['remove'], 'attendees.remove', errors)];
    }
  }
  const location = body['location'];
  let loc: ManagedEventInput['location'];
  if (location !== undefined) {
    const l = typeof location === 'object' && location !== null ? (location as Record<string, unknown>) : undefined;
    if (!l || typeof l['description'] !== 'string') Object.assign(errors, invalid('location', 'location must be { description, lat?, long? }'));
    else
      loc = {
        description: l['description'],
        ...(typeof l['lat'] === 'string' ? { lat: l['lat'] } : {}),
        ...(typeof l['long'] === 'string' ? { long: l['long'] } : {}),
      };
  }
  if (body['event_private'] !== undefined && typeof body['event_private'] !== 'boolean') Object.assign(errors, invalid('event_private', 'event_private must be a boolean'));
  const transparency = body['transparency'];
  if (transparency !== undefined && transparency !== 'opaque' && transparency !== 'transparent') Object.assign(errors, invalid('transparency', 'transparency must be opaque or transparent'));
  if (Object.keys(errors).length > 0 || !eventId || !summary || !start || !end) return { errors };
  const input: ManagedEventInput = { event_id: eventId, summary, start, end, invite, reject };
  if (description !== undefined) input.description = description;
  if (tzid) input.tzid = tzid;
  if (loc) input.location = loc;
  if (typeof body['url'] === 'string') input.url = body['url'];
  if (typeof body['event_private'] === 'boolean') input.event_private = body['event_private'];
  if (transparency === 'opaque' || transparency === 'transparent') input.transparency = transparency;
  return { input };
}

type ReadRange = { fromDate: string; toDate: string; fromMs: number; toMs: number };

/** Parses tzid/from/to and enforces Cronofy's read window (from ≥ 42 days ago, to ≤ 201 days ahead). */
function readRange(c: Context, nowMs: number, requireRange: boolean): { tzid: string; range?: ReadRange } | { errors: FieldErrors } {
  const tzid = c.req.query('tzid');
  if (!tzid) return { errors: required('tzid') };
  if (!isValidTimeZone(tzid)) return { errors: invalid('tzid', 'tzid must be a known IANA time zone') };
  const from = c.req.query('from');
  const to = c.req.query('to');
  if (!requireRange && from === undefined && to === undefined) return { tzid };
  const errors: FieldErrors = {};
  const today = localDate(nowMs, tzid);
  const min = addDays(today, -42);
  const max = addDays(today, 201);
  if (from !== undefined && !isValidDate(from)) Object.assign(errors, invalid('from', 'from must be a date (YYYY-MM-DD)'));
  else if (from !== undefined && from < min) Object.assign(errors, invalid('from', 'from must not be more than 42 days in the past'));
  if (to !== undefined && !isValidDate(to)) Object.assign(errors, invalid('to', 'to must be a date (YYYY-MM-DD)'));
  else if (to !== undefined && to > max) Object.assign(errors, invalid('to', 'to must not be more than 201 days in the future'));
  const fromDate = from ?? min;
  const toDate = to ?? max;
  if (Object.keys(errors).length === 0 && fromDate >= toDate) Object.assign(errors, invalid('to', 'to must be after from'));
  if (Object.keys(errors).length > 0) return { errors };
  return { tzid, range: { fromDate, toDate, fromMs: startOfLocalDay(fromDate, tzid), toMs: startOfLocalDay(toDate, tzid) } };
}

const listParam = (c: Context, name: string): string[] | undefined => {
  const v = [...(c.req.queries(`${name}[]`) ?? []), ...(c.req.queries(name) ?? [])];
  return v.length > 0 ? v : undefined;
};
const boolParam = (c: Context, name: string): boolean => c.req.query(name) === 'true';

export function createApiRoutes(core: SimCore): Hono {
  const api = new Hono();
  const { options } = core;
  const root = (c: Context): string => rootUrl(c, options.baseUrl);

  const bearer = (c: Context): { account: SimAccount; grant: SimGrant } | undefined => {
    const h = c.req.header('authorization');
    const m = h ? /^Bearer\s+(.+)$/i.exec(h.trim()) : null;
    return core.authenticate(m?.[1]);
  };
  const unauthorized = (c: Context) => c.body(null, 401, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });

  // ---------------------------------------------------------------- OAuth

  api.post('/oauth/token', async (c) => {
    const body = await readBody(c);
    c.header('Cache-Control', 'no-store');
    if (body['client_id'] !== options.clientId || body['client_secret'] !== options.clientSecret) {
      return c.json({ error: 'invalid_client' }, 401);
    }
    const grantType = body['grant_type'];
    if (grantType === 'authorization_code') {
      const code = body['code'];
      const redirectUri = body['redirect_uri'];
      if (typeof code !== 'string' || typeof redirectUri !== 'string') return c.json({ error: 'invalid_request' }, 400);
      const issued = core.exchangeCode(code, redirectUri);
      return issued ? c.json(issued, 200) : c.json({ error: 'invalid_grant' }, 400);
    }
    if (grantType === 'refresh_token') {
      const token = body['refresh_token'];
      if (typeof token !== 'string') return c.json({ error: 'invalid_request' }, 400);
      const issued = core.refresh(token);
      return issued ? c.json(issued, 200) : c.json({ error: 'invalid_grant' }, 400);
    }
    return c.json({ error: 'unsupported_grant_type' }, 400);
  });

  api.post('/oauth/token/revoke', async (c) => {
    const body = await readBody(c);
    if (body['client_id'] !== options.clientId || body['client_secret'] !== options.clientSecret) {
      return c.json({ error: 'invalid_client' }, 400);
    }
    // The docs name the field `token`; the official Node SDK's revokeAuthorization() sends `refresh_token` instead.
    const token = typeof body['token'] === 'string' ? body['token'] : body['refresh_token'];
    if (typeof token === 'string') core.revokeToken(token);
    else if (typeof body['sub'] === 'string') core.revokeSub(body['sub']);
    else return c.json({ error: 'invalid_request' }, 400);
    return c.body(null, 200);
  });

  // ---------------------------------------------------------------- identity

  api.get('/v1/userinfo', (c) => {
    const auth = bearer(c);
    if (!auth) return unauthorized(c);
    const { account: a, grant } = auth;
    const authorization = { scope: grant.scope, status: 'active', ...(grant.delegated_scope ? { delegated_scope: grant.delegated_scope } : {}) };
    if (a.kind === 'service_account') {
      return c.json({
        sub: a.sub,
        email: a.email,
        name: a.name,
        'cronofy.type': 'service_account',
        'cronofy.data': { service_account: { provider_name: SIM_PROVIDERS[a.provider].provider_name, domain: a.domain }, authorization },
      });
    }
    return c.json({
      sub: a.sub,
      email: a.email,
      name: a.name,
      zoneinfo: a.zoneinfo,
      'cronofy.type': a.kind === 'resource' ? 'resource' : 'account',
      'cronofy.data': {
        authorization,
        profiles: [{ ...renderProfile(a, `${root(c)}/app`), profile_calendars: renderCalendar(a).map(({ provider_name: _p, profile_id: _i, profile_name: _n, ...cal }) => cal) }],
      },
    });
  });

  api.get('/v1/profiles', (c) => {
    const auth = bearer(c);
    if (!auth) return unauthorized(c);
    return c.json({ profiles: auth.account.kind === 'service_account' ? [] : [renderProfile(auth.account, `${root(c)}/app`)] });
  });

  api.get('/v1/calendars', (c) => {
    const auth = bearer(c);
    if (!auth) return unauthorized(c);
    return c.json({ sub: auth.account.sub, calendars: renderCalendar(auth.account) });
  });

  // ---------------------------------------------------------------- reads

  api.get('/v1/free_busy', (c) => {
    const auth = bearer(c);
    if (!auth) return unauthorized(c);
    if (!hasScope(auth.grant.scope, 'read_free_busy')) return c.body(null, 403);
    const parsed = readRange(c, core.now(), true);
    if ('errors' in parsed) return unprocessable(c, parsed.errors);
    const range = parsed.range as ReadRange;
    const calendarIds = listParam(c, 'calendar_ids');
    const includeManaged = boolParam(c, 'include_managed');
    const tz = parsed.tzid;
    const sortKey = (v: string): number => (isAllDay(v) ? startOfLocalDay(v, tz) : Date.parse(v));
    const items = auth.account.events
      .filter((e) => !calendarIds || calendarIds.includes(e.calendar_id))
      .filter((e) => includeManaged || e.event_id === undefined)
      .filter((e) => core.overlaps(e, range))
      .flatMap((e) => {
        const status = core.freeBusyStatus(e);
        return status ? [{ calendar_id: e.calendar_id, start: e.start, end: e.end, free_busy_status: status }] : [];
      })
      .sort((a, b) => sortKey(a.start) - sortKey(b.start));
    return c.json(core.paginate(auth.account.sub, '/v1/free_busy', root(c), 'free_busy', items));
  });

  api.get('/v1/events', (c) => {
    const auth = bearer(c);
    if (!auth) return unauthorized(c);
    if (!hasScope(auth.grant.scope, 'read_events')) return c.body(null, 403);
    const parsed = readRange(c, core.now(), false);
    if ('errors' in parsed) return unprocessable(c, parsed.errors);
    const lastModified = c.req.query('last_modified');
    const lm = lastModified === undefined ? undefined : Date.parse(lastModified);
    if (lm !== undefined && Number.isNaN(lm)) return unprocessable(c, invalid('last_modified', 'last_modified must be a Time'));
    const calendarIds = listParam(c, 'calendar_ids');
    const includeDeleted = boolParam(c, 'include_deleted');
    const onlyManaged = boolParam(c, 'only_managed');
    const includeManaged = onlyManaged || boolParam(c, 'include_managed');
    const range = parsed.range;
    const tz = parsed.tzid;
    const sortKey = (v: string): number => (isAllDay(v) ? startOfLocalDay(v, tz) : Date.parse(v));
    const items = auth.account.events
      .filter((e) => !calendarIds || calendarIds.includes(e.calendar_id))
      .filter((e) => (onlyManaged ? e.event_id !== undefined : includeManaged || e.event_id === undefined))
      .filter((e) => includeDeleted || !e.deleted)
      .filter((e) => lm === undefined || e.updated >= lm)
      .filter((e) => !range || core.overlaps(e, range))
      .sort((a, b) => sortKey(a.start) - sortKey(b.start))
      .map(renderEvent);
    return c.json(core.paginate(auth.account.sub, '/v1/events', root(c), 'events', items));
  });

  for (const [path, key] of [
    ['/v1/free_busy', 'free_busy'],
    ['/v1/events', 'events'],
  ] as const) {
    api.get(`${path}/pages/:token`, (c) => {
      const auth = bearer(c);
      if (!auth) return unauthorized(c);
      const body = core.page(auth.account.sub, path, c.req.param('token'));
      return body === undefined ? c.body(null, 404) : c.json(body as Record<typeof key, unknown>);
    });
  }

  // ---------------------------------------------------------------- writes

  const writableCalendar = (c: Context, account: SimAccount, calendarId: string): Response | undefined => {
    const cal = account.calendars.find((x) => x.calendar_id === calendarId && !x.calendar_deleted);
    if (!cal) return c.body(null, 404);
    if (cal.calendar_readonly) return c.body(null, 403);
    if (!account.connected) return c.json({ errors: { calendar_id: [{ key: 'errors.profile_disconnected', description: 'profile is not in a writable state' }] } }, 423);
    return undefined;
  };

  api.post('/v1/calendars/:calendar_id/events', async (c) => {
    const auth = bearer(c);
    if (!auth) return unauthorized(c);
    if (!hasScope(auth.grant.scope, 'create_event')) return c.body(null, 403);
    const blocked = writableCalendar(c, auth.account, c.req.param('calendar_id'));
    if (blocked) return blocked;
    const parsed = parseUpsert(await readBody(c));
    if ('errors' in parsed) return unprocessable(c, parsed.errors);
    core.upsertManagedEvent(auth.account, c.req.param('calendar_id'), parsed.input);
    return c.body(null, 202);
  });

  api.delete('/v1/calendars/:calendar_id/events', async (c) => {
    const auth = bearer(c);
    if (!auth) return unauthorized(c);
    if (!hasScope(auth.grant.scope, 'delete_event')) return c.body(null, 403);
    const calendarId = c.req.param('calendar_id');
    const blocked = writableCalendar(c, auth.account, calendarId);
    if (blocked) return blocked;
    const body = await readBody(c);
    if (typeof body['event_id'] === 'string' && body['event_id']) {
      core.deleteManagedEvent(auth.account, calendarId, body['event_id']);
      return c.body(null, 202);
    }
    if (typeof body['event_uid'] === 'string' && body['event_uid']) {
      try {
        core.removeExternalEvent(auth.account.sub, body['event_uid'], calendarId);
      } catch (err) {
        if (!(err instanceof SimError && err.status === 404)) throw err;
      }
      return c.body(null, 202);
    }
    return unprocessable(c, required('event_id'));
  });

  // ---------------------------------------------------------------- channels

  api.post('/v1/channels', async (c) => {
    const auth = bearer(c);
    if (!auth) return unauthorized(c);
    const body = await readBody(c);
    const url = body['callback_url'];
    if (typeof url !== 'string' || !url) return unprocessable(c, required('callback_url'));
    if (!/^https?:\/\/[^\s]+$/.test(url)) return unprocessable(c, invalid('callback_url', 'callback_url must be an http(s) URL'));
    const f = typeof body['filters'] === 'object' && body['filters'] !== null ? (body['filters'] as Record<string, unknown>) : {};
    const filters: { calendar_ids?: string[]; only_managed?: boolean } = {};
    if (Array.isArray(f['calendar_ids'])) filters.calendar_ids = f['calendar_ids'].filter((x): x is string => typeof x === 'string');
    if (typeof f['only_managed'] === 'boolean') filters.only_managed = f['only_managed'];
    try {
      const ch = core.createChannel(auth.account, { callback_url: url, filters });
      return c.json({ channel: { channel_id: ch.channel_id, callback_url: ch.callback_url, filters: ch.filters } });
    } catch (err) {
      if (err instanceof SimError && err.code === 'channel_limit') return unprocessable(c, invalid('callback_url', err.message));
      throw err;
    }
  });

  api.get('/v1/channels', (c) => {
    const auth = bearer(c);
    if (!auth) return unauthorized(c);
    return c.json({ channels: auth.account.channels.map((ch) => ({ channel_id: ch.channel_id, callback_url: ch.callback_url, filters: ch.filters })) });
  });

  api.delete('/v1/channels/:channel_id', (c) => {
    const auth = bearer(c);
    if (!auth) return unauthorized(c);
    const id = c.req.param('channel_id');
    if (!auth.account.channels.some((ch) => ch.channel_id === id)) return c.body(null, 404);
    auth.account.channels = auth.account.channels.filter((ch) => ch.channel_id !== id);
    return c.body(null, 202);
  });

  // ---------------------------------------------------------------- Enterprise Connect

  api.post('/v1/service_account_authorizations', async (c) => {
    const auth = bearer(c);
    if (!auth) return unauthorized(c);
    const ser = auth.account;
    if (ser.kind !== 'service_account') return c.body(null, 403);
    if (!hasScope(auth.grant.scope, 'service_account/accounts/manage') && !hasScope(auth.grant.scope, 'service_account/resources/manage')) {
      return c.body(null, 403);
    }
    const body = await readBody(c);
    const batch = body['service_account_authorizations'];
    const requests = Array.isArray(batch) ? batch : [body];
    if (requests.length < 1 || requests.length > 50) return unprocessable(c, invalid('service_account_authorizations', 'between 1 and 50 authorizations'));
    const errors: FieldErrors = {};
    const valid: { email: string; callback_url: string; scope: string; state?: string }[] = [];
    requests.forEach((r: unknown, i) => {
      const x = typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : {};
      const p = Array.isArray(batch) ? `service_account_authorizations[${i}].` : '';
      const email = x['email'];
      const cb = x['callback_url'];
      const scope = x['scope'];
      if (typeof email !== 'string' || !email.includes('@')) Object.assign(errors, email === undefined ? required(`${p}email`) : invalid(`${p}email`, 'email must be an e-mail address'));
      if (typeof cb !== 'string' || !/^https?:\/\//.test(cb)) Object.assign(errors, cb === undefined ? required(`${p}callback_url`) : invalid(`${p}callback_url`, 'callback_url must be an http(s) URL'));
      if (typeof scope !== 'string' || !scope.trim()) Object.assign(errors, required(`${p}scope`));
      else if (auth.grant.delegated_scope !== undefined) {
        // Cronofy: the scope asked for a user or resource must lie within the delegated_scope the admin granted.
        const outside = scope.split(/\s+/).filter((s) => s && !hasScope(auth.grant.delegated_scope ?? '', s));
        if (outside.length > 0) Object.assign(errors, invalid(`${p}scope`, `not within the delegated scope: ${outside.join(' ')}`));
      }
      if (typeof email === 'string' && typeof cb === 'string' && typeof scope === 'string') {
        valid.push({ email, callback_url: cb, scope, ...(typeof x['state'] === 'string' ? { state: x['state'] } : {}) });
      }
    });
    if (Object.keys(errors).length > 0) return unprocessable(c, errors);
    for (const r of valid) {
      const state = r.state !== undefined ? { state: r.state } : {};
      const domain = r.email.split('@')[1]?.toLowerCase();
      const existing = core.accountByEmail(r.email);
      if ((ser.domain && domain !== ser.domain) || existing?.kind === 'service_account') {
        core.deliver(r.callback_url, 'service_account_authorization', 'authorization', {
          authorization: {
            error: 'access_denied',
            error_key: 'unknown_user',
            error_description: `${r.email} is not a user or resource of ${ser.domain ?? 'this directory'}`,
            ...state,
          },
        });
        continue;
      }
      // The directory knows every address of its domain: an unknown one becomes a simulated user on the fly.
      const account = existing ?? core.createAccount({ email: r.email, provider: ser.provider, authorized_via: ser.sub });
      const code = core.issueCode({ sub: account.sub, redirect_uri: r.callback_url, scope: r.scope, via: ser.sub });
      core.deliver(r.callback_url, 'service_account_authorization', 'authorization', { authorization: { code, ...state } });
    }
    return c.body(null, 202);
  });

  api.get('/v1/resources', (c) => {
    const auth = bearer(c);
    if (!auth) return unauthorized(c);
    if (auth.account.kind !== 'service_account' || !hasScope(auth.grant.scope, 'service_account/resources/manage')) return c.body(null, 403);
    const details = (c.req.query('include_details') ?? '').split(/[\s,]+/);
    const resources = Object.values(core.data.accounts)
      .filter((a) => a.kind === 'resource' && a.domain === auth.account.domain)
      .map((a) => ({ email: a.email, name: a.name, ...(details.includes('capacity') && a.capacity !== undefined ? { capacity: a.capacity } : {}) }));
    return c.json({ resources });
  });

  return api;
}
