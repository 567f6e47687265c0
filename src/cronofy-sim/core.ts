/**
 * The simulator's behaviour, independent of HTTP: accounts, OAuth grants, events with attendee propagation,
 * free/busy, channels and signed outgoing callbacks. The Hono routes (API, consent pages, control API) are thin
 * adapters over these functions. Invariants:
 * - an event upserted with attendees into an organizer's calendar is mirrored into the primary calendar of every
 *   attendee who is a simulated account or resource (tentative while `needs_action`, busy once accepted, absent from
 *   free/busy when declined); updates, attendee removals and deletes propagate to the mirrors;
 * - every change to an account's events sends one `change` notification per matching channel of that account, with
 *   `changes_since` ≤ the `updated` time of every changed event, so `GET /v1/events?last_modified=…` finds them;
 * - refresh tokens rotate on each refresh and the previous one stops working; access tokens live until they expire or
 *   their grant is revoked; codes are single-use and bound to their `redirect_uri`;
 * - every outgoing callback is a real HTTP POST whose `Cronofy-HMAC-SHA256` header signs the exact body bytes sent.
 */
import { signCronofyHmac, CRONOFY_HMAC_HEADER } from '../cronofy/hmac.js';
import { formatInstant } from '../shared/time.js';
import {
  emptyData,
  randomHex,
  randomToken,
  SIM_PROVIDERS,
  type SimAccount,
  type SimAccountKind,
  type SimAttendee,
  type SimAttendeeStatus,
  type SimChannel,
  type SimData,
  type SimEvent,
  type SimGrant,
  type SimProvider,
} from './model.js';

export type SimOptions = {
  clientId: string;
  clientSecret: string;
  now?: () => number;
  /** Used for outgoing callbacks (push notifications, service-account authorizations). */
  fetch?: typeof fetch;
  /** Public URL of the simulator's root (e.g. `http://localhost:8787/sim`); derived from each request when absent. */
  baseUrl?: string;
  /** Access-token lifetime of user tokens. Default 3600. */
  tokenLifetimeSeconds?: number;
  /** Access-token lifetime of service-account tokens. Default 1800 (Cronofy's shorter Enterprise Connect lifetime). */
  serviceAccountTokenLifetimeSeconds?: number;
  /** Items per page of free_busy and events (small so paging is exercised). Default 10. */
  pageSize?: number;
  /** Longest a `timeout` fault holds a request when the client never aborts. Default 30 000 ms. */
  timeoutFaultCapMs?: number;
};

/** An error the routes turn into an HTTP answer. */
export class SimError extends Error {
  override name = 'SimError';
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export type Delivery = {
  id: number;
  url: string;
  kind: 'push' | 'service_account_authorization';
  type: string;
  body: string;
  signature: string;
  at: number;
  status?: number;
  error?: string;
};

export type CreateAccountInput = {
  email: string;
  name?: string;
  zoneinfo?: string;
  provider?: SimProvider;
  kind?: SimAccountKind;
  domain?: string;
  capacity?: number;
  auto_accept?: boolean;
  authorized_via?: string;
};

export type ExternalEventInput = {
  summary?: string;
  description?: string;
  start: string;
  end: string;
  /** `busy` (default), `tentative`, or `free` (transparent). */
  free_busy_status?: 'busy' | 'tentative' | 'free';
  calendar_id?: string;
  event_uid?: string;
  event_private?: boolean;
};

/** A validated upsert body (see api.ts for the 422 rules). */
export type ManagedEventInput = {
  event_id: string;
  summary: string;
  description?: string;
  start: string;
  end: string;
  tzid?: string;
  location?: { description: string; lat?: string; long?: string };
  url?: string;
  event_private?: boolean;
  transparency?: 'opaque' | 'transparent';
  invite: { email: string; display_name?: string }[];
  reject: { email: string; display_name?: string }[];
};

export type TokenIssue = {
  token_type: 'bearer';
  access_token: string;
  expires_in: number;
  refresh_token: string;
  scope: string;
  [extra: string]: unknown;
};

type Page = { sub: string; path: string; body: unknown };

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
export const isAllDay = (value: string): boolean => DAY_RE.test(value);

export type SimCore = ReturnType<typeof createSimCore>;

export function createSimCore(options: SimOptions) {
  const now = options.now ?? Date.now;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const tokenLifetime = options.tokenLifetimeSeconds ?? 3600;
  const serviceLifetime = options.serviceAccountTokenLifetimeSeconds ?? 1800;
  const pageSize = options.pageSize ?? 10;
  let data: SimData = emptyData();
  const pages = new Map<string, Page>();
  let deliveries: Delivery[] = [];
  let deliverySeq = 0;
  let pending = 0;
  let idleWaiters: (() => void)[] = [];

  // ---------------------------------------------------------------- accounts

  const accountByEmail = (email: string): SimAccount | undefined => {
    const e = email.trim().toLowerCase();
    return Object.values(data.accounts).find((a) => a.email === e);
  };

  const getAccount = (sub: string): SimAccount => {
    const a = data.accounts[sub];
    if (!a) throw new SimError(404, 'not_found', `no simulated account ${sub}`);
    return a;
  };

  const createAccount = (input: CreateAccountInput): SimAccount => {
    const email = input.email.trim().toLowerCase();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new SimError(422, 'validation_failed', 'email is not an e-mail address');
    if (accountByEmail(email)) throw new SimError(409, 'conflict', `an account with e-mail ${email} exists`);
    const kind = input.kind ?? 'account';
    const prefix = kind === 'resource' ? 'res_' : kind === 'service_account' ? 'ser_' : 'acc_';
    const provider = input.provider ?? (kind === 'account' ? 'gsuite' : 'office365');
    const profileId = `pro_${randomHex(10)}`;
    const name = input.name?.trim() || email.split('@')[0] || email;
    const account: SimAccount = {
      sub: `${prefix}${randomHex(24)}`,
      kind,
      email,
      name,
      zoneinfo: input.zoneinfo ?? 'Etc/UTC',
      provider,
      profile_id: profileId,
      connected: true,
      calendars:
        kind === 'service_account'
          ? []
          : [
              {
                calendar_id: `cal_${profileId.slice(4)}_${randomHex(12)}`,
                calendar_name: kind === 'resource' ? name : 'Calendar',
                calendar_readonly: false,
                calendar_primary: true,
                calendar_deleted: false,
              },
            ],
      events: [],
      channels: [],
    };
    const domain = input.domain ?? (kind !== 'account' ? email.split('@')[1] : undefined);
    if (domain) account.domain = domain.toLowerCase();
    if (kind === 'resource') {
      account.auto_accept = input.auto_accept ?? true;
      if (input.capacity !== undefined) account.capacity = input.capacity;
    }
    if (input.authorized_via) account.authorized_via = input.authorized_via;
    data.accounts[account.sub] = account;
    return account;
  };

  const primaryCalendar = (a: SimAccount) => a.calendars.find((c) => c.calendar_primary) ?? a.calendars[0];

  // ---------------------------------------------------------------- OAuth

  const issueCode = (input: { sub: string; redirect_uri: string; scope: string; delegated_scope?: string; via?: string }): string => {
    getAccount(input.sub);
    const code = randomToken(32);
    data.codes[code] = { ...input, expires_at: now() + 10 * 60_000, used: false };
    return code;
  };

  const mintTokens = (grant: SimGrant): TokenIssue => {
    const account = getAccount(grant.sub);
    const lifetime = account.kind === 'service_account' ? serviceLifetime : tokenLifetime;
    const access = randomToken(32);
    data.access_tokens[access] = { grant_id: grant.grant_id, expires_at: now() + lifetime * 1000 };
    return { token_type: 'bearer', access_token: access, expires_in: lifetime, refresh_token: grant.refresh_token, scope: grant.scope };
  };

  const linkingProfile = (a: SimAccount) => ({
    provider_name: SIM_PROVIDERS[a.provider].provider_name,
    provider_service: SIM_PROVIDERS[a.provider].provider_service,
    profile_id: a.profile_id,
    profile_name: a.email,
  });

  /** `authorization_code` grant; undefined = invalid_grant. */
  const exchangeCode = (code: string, redirectUri: string): TokenIssue | undefined => {
    const c = data.codes[code];
    if (!c || c.used || c.expires_at < now() || c.redirect_uri !== redirectUri) return undefined;
    c.used = true;
    const account = getAccount(c.sub);
    const refresh = randomToken(32);
    const grant: SimGrant = { grant_id: randomHex(16), sub: c.sub, scope: c.scope, refresh_token: refresh, revoked: false };
    if (c.delegated_scope) grant.delegated_scope = c.delegated_scope;
    if (c.via) grant.via = c.via;
    data.grants[grant.grant_id] = grant;
    data.refresh_tokens[refresh] = grant.grant_id;
    const issued = mintTokens(grant);
    if (account.kind === 'service_account') return { ...issued, service_account_id: account.sub, sub: account.sub };
    return { ...issued, account_id: account.sub, sub: account.sub, linking_profile: linkingProfile(account) };
  };

  /** `refresh_token` grant: rotates the refresh token. undefined = invalid_grant. */
  const refresh = (refreshToken: string): TokenIssue | undefined => {
    const grantId = data.refresh_tokens[refreshToken];
    const grant = grantId ? data.grants[grantId] : undefined;
    if (!grant || grant.revoked) return undefined;
    delete data.refresh_tokens[refreshToken];
    grant.refresh_token = randomToken(32);
    data.refresh_tokens[grant.refresh_token] = grant.grant_id;
    return mintTokens(grant);
  };

  const revokeGrant = (grant: SimGrant): void => {
    grant.revoked = true;
    delete data.refresh_tokens[grant.refresh_token];
    for (const [t, at] of Object.entries(data.access_tokens)) if (at.grant_id === grant.grant_id) delete data.access_tokens[t];
    const stillAuthorized = Object.values(data.grants).some((g) => g.sub === grant.sub && !g.revoked);
    const account = data.accounts[grant.sub];
    // Channels belong to the authorization: once nothing authorizes the account, its channels close.
    if (!stillAuthorized && account) account.channels = [];
  };

  const revokeSub = (sub: string): void => {
    for (const g of Object.values(data.grants)) if (g.sub === sub && !g.revoked) revokeGrant(g);
    // Revoking a service account revokes every authorization granted through it (not the users' own connections).
    if (sub.startsWith('ser_')) for (const g of Object.values(data.grants)) if (g.via === sub && !g.revoked) revokeGrant(g);
  };

  const revokeToken = (token: string): void => {
    const grantId = data.refresh_tokens[token] ?? data.access_tokens[token]?.grant_id;
    const grant = grantId ? data.grants[grantId] : undefined;
    if (!grant) return;
    if (grant.sub.startsWith('ser_')) revokeSub(grant.sub);
    else revokeGrant(grant);
  };

  /** Bearer → account + grant, or undefined (401). */
  const authenticate = (accessToken: string | undefined): { account: SimAccount; grant: SimGrant } | undefined => {
    if (!accessToken) return undefined;
    const at = data.access_tokens[accessToken];
    if (!at || at.expires_at <= now()) return undefined;
    const grant = data.grants[at.grant_id];
    if (!grant || grant.revoked) return undefined;
    const account = data.accounts[grant.sub];
    return account ? { account, grant } : undefined;
  };

  const expireAccessTokens = (sub: string): number => {
    let n = 0;
    for (const at of Object.values(data.access_tokens)) {
      const g = data.grants[at.grant_id];
      if (g?.sub === sub) {
        at.expires_at = now() - 1;
        n += 1;
      }
    }
    return n;
  };

  /** Simulates the user withdrawing consent at the provider side: refresh tokens stop working (invalid_grant). */
  const revokeRefreshTokens = (sub: string): void => {
    for (const g of Object.values(data.grants)) {
      if (g.sub === sub) {
        g.revoked = true;
        delete data.refresh_tokens[g.refresh_token];
      }
    }
  };

  // ---------------------------------------------------------------- callbacks

  const settle = (): void => {
    pending -= 1;
    if (pending === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  };

  /** POSTs `payload` to `url`, signed like Cronofy does, after the current request has been answered. */
  const deliver = (url: string, kind: Delivery['kind'], type: string, payload: unknown): void => {
    const body = JSON.stringify(payload);
    const record: Delivery = {
      id: (deliverySeq += 1),
      url,
      kind,
      type,
      body,
      signature: signCronofyHmac(body, options.clientSecret),
      at: now(),
    };
    deliveries.push(record);
    if (deliveries.length > 500) deliveries = deliveries.slice(-500);
    pending += 1;
    setTimeout(() => {
      fetchImpl(url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          [CRONOFY_HMAC_HEADER]: record.signature,
          'User-Agent': 'Cronofy-Simulator',
        },
        body,
        // Cronofy expects an answer within seconds; a hung receiver must not pin the simulator.
        signal: AbortSignal.timeout(5000),
      })
        .then(async (res) => {
          record.status = res.status;
          await res.arrayBuffer().catch(() => undefined);
        })
        .catch((err: unknown) => {
          record.error = err instanceof Error ? err.message : String(err);
        })
        .finally(settle);
    }, 0);
  };

  const channelPayload = (ch: SimChannel) => ({
    channel_id: ch.channel_id,
    callback_url: ch.callback_url,
    filters: { ...ch.filters },
  });

  const notifyChannel = (ch: SimChannel, type: string, extra: Record<string, unknown> = {}): void => {
    deliver(ch.callback_url, 'push', type, { notification: { type, ...extra }, channel: channelPayload(ch) });
  };

  const notifyChange = (account: SimAccount, changed: SimEvent[], at: number): void => {
    if (changed.length === 0) return;
    for (const ch of account.channels) {
      if (ch.filters.only_managed && !changed.some((e) => e.event_id !== undefined)) continue;
      const ids = ch.filters.calendar_ids;
      if (ids && !changed.some((e) => ids.includes(e.calendar_id))) continue;
      notifyChannel(ch, 'change', { changes_since: toCronofyTime(at) });
    }
  };

  // ---------------------------------------------------------------- events

  const newEvent = (account: SimAccount, calendarId: string, at: number, fields: Partial<SimEvent> & { start: string; end: string }): SimEvent => ({
    calendar_id: calendarId,
    event_uid: `evt_external_${randomHex(24)}`,
    summary: '',
    description: '',
    event_private: false,
    transparency: 'opaque',
    status: 'confirmed',
    participation_status: 'accepted',
    attendees: [],
    organizer: { email: account.email, display_name: account.name },
    deleted: false,
    created: at,
    updated: at,
    ...fields,
  });

  const addExternalEvent = (sub: string, input: ExternalEventInput): SimEvent => {
    const account = getAccount(sub);
    const cal = input.calendar_id ? account.calendars.find((c) => c.calendar_id === input.calendar_id) : primaryCalendar(account);
    if (!cal) throw new SimError(404, 'not_found', 'no such calendar');
    const start = normalizeInstant(input.start);
    const end = normalizeInstant(input.end);
    if (!start || !end || isAllDay(start) !== isAllDay(end) || !(start < end)) {
      throw new SimError(422, 'validation_failed', 'start/end must both be dates or both be times, with start before end');
    }
    const at = now();
    const fb = input.free_busy_status ?? 'busy';
    const event = newEvent(account, cal.calendar_id, at, {
      summary: input.summary ?? 'Busy',
      description: input.description ?? '',
      start,
      end,
      event_private: input.event_private ?? false,
      status: fb === 'tentative' ? 'tentative' : 'confirmed',
      transparency: fb === 'free' ? 'transparent' : 'opaque',
      ...(input.event_uid ? { event_uid: input.event_uid } : {}),
    });
    const existing = account.events.findIndex((e) => e.event_uid === event.event_uid);
    if (existing >= 0) account.events[existing] = event;
    else account.events.push(event);
    notifyChange(account, [event], at);
    return event;
  };

  const removeExternalEvent = (sub: string, eventUid: string, calendarId?: string): SimEvent => {
    const account = getAccount(sub);
    const event = account.events.find((e) => e.event_uid === eventUid && !e.deleted && (!calendarId || e.calendar_id === calendarId));
    if (!event) throw new SimError(404, 'not_found', `no event ${eventUid}`);
    const at = now();
    event.deleted = true;
    event.updated = at;
    notifyChange(account, [event], at);
    return event;
  };

  /** Mirrors `event` into every simulated attendee's calendar; removes mirrors of attendees no longer on it. */
  const propagate = (organizer: SimAccount, event: SimEvent, removed: string[], at: number): Set<SimAccount> => {
    const touched = new Set<SimAccount>();
    const eventId = event.event_id;
    if (!eventId) return touched;
    const findCopy = (a: SimAccount) => a.events.find((e) => e.origin?.sub === organizer.sub && e.origin.event_id === eventId);
    for (const att of event.attendees) {
      const a = accountByEmail(att.email);
      if (!a || a.sub === organizer.sub || a.kind === 'service_account') continue;
      const cal = primaryCalendar(a);
      if (!cal) continue;
      const copy = findCopy(a);
      if (!copy && event.deleted) continue;
      const fields = {
        summary: event.summary,
        description: event.description,
        start: event.start,
        end: event.end,
        event_private: event.event_private,
        transparency: event.transparency,
        participation_status: att.status,
        attendees: event.attendees.map((x) => ({ ...x })),
        organizer: { ...event.organizer },
        deleted: event.deleted,
        updated: at,
        ...(event.tzid ? { tzid: event.tzid } : {}),
        ...(event.location ? { location: { ...event.location } } : {}),
      };
      if (copy) Object.assign(copy, fields);
      else a.events.push(newEvent(a, cal.calendar_id, at, { ...fields, origin: { sub: organizer.sub, event_id: eventId } }));
      touched.add(a);
    }
    for (const email of removed) {
      const a = accountByEmail(email);
      const copy = a ? findCopy(a) : undefined;
      if (a && copy && !copy.deleted) {
        copy.deleted = true;
        copy.updated = at;
        touched.add(a);
      }
    }
    return touched;
  };

  const notifyTouched = (touched: Set<SimAccount>, eventIdOf: (a: SimAccount) => SimEvent[], at: number): void => {
    for (const a of touched) notifyChange(a, eventIdOf(a), at);
  };

  const copiesOf = (organizerSub: string, eventId: string) => (a: SimAccount) =>
    a.events.filter((e) => e.origin?.sub === organizerSub && e.origin.event_id === eventId);

  const upsertManagedEvent = (account: SimAccount, calendarId: string, input: ManagedEventInput): SimEvent => {
    const at = now();
    let event = account.events.find((e) => e.event_id === input.event_id);
    const before = new Set(event && !event.deleted ? event.attendees.map((a) => a.email) : []);
    if (!event) {
      event = newEvent(account, calendarId, at, {
        event_uid: `evt_${randomHex(24)}`,
        event_id: input.event_id,
        start: input.start,
        end: input.end,
        summary: input.summary,
      });
      account.events.push(event);
    }
    event.calendar_id = calendarId;
    event.summary = input.summary;
    event.description = input.description ?? event.description;
    event.start = input.start;
    event.end = input.end;
    if (input.tzid) event.tzid = input.tzid;
    if (input.location) event.location = { ...input.location };
    if (input.url) event.url = input.url;
    if (input.event_private !== undefined) event.event_private = input.event_private;
    if (input.transparency) event.transparency = input.transparency;
    if (event.deleted) {
      event.deleted = false;
      event.attendees = [];
    }
    event.updated = at;
    // Cronofy's attendee lists are deltas: invite adds (keeping replies already given), reject removes.
    const rejected = new Set(input.reject.map((r) => r.email.trim().toLowerCase()));
    const attendees: SimAttendee[] = event.attendees.filter((a) => !rejected.has(a.email));
    for (const inv of input.invite) {
      const email = inv.email.trim().toLowerCase();
      if (rejected.has(email)) continue;
      const existing = attendees.find((a) => a.email === email);
      if (existing) {
        if (inv.display_name) existing.display_name = inv.display_name;
        continue;
      }
      const a = accountByEmail(email);
      const status: SimAttendeeStatus = a?.kind === 'resource' && a.auto_accept !== false ? 'accepted' : 'needs_action';
      attendees.push({ email, ...(inv.display_name ? { display_name: inv.display_name } : {}), status });
    }
    event.attendees = attendees;
    const removed = [...before].filter((e) => !attendees.some((a) => a.email === e));
    const touched = propagate(account, event, removed, at);
    notifyChange(account, [event], at);
    notifyTouched(touched, copiesOf(account.sub, input.event_id), at);
    return event;
  };

  /** Deletes a managed event (idempotent: unknown ids are fine) and its mirrors. */
  const deleteManagedEvent = (account: SimAccount, calendarId: string, eventId: string): void => {
    const event = account.events.find((e) => e.event_id === eventId && e.calendar_id === calendarId);
    if (!event || event.deleted) return;
    const at = now();
    const removed = event.attendees.map((a) => a.email);
    event.deleted = true;
    event.updated = at;
    const touched = propagate(account, event, removed, at);
    notifyChange(account, [event], at);
    notifyTouched(touched, copiesOf(account.sub, eventId), at);
  };

  /** An attendee (simulated account or any e-mail, e.g. an applicant) answers an invitation. */
  const reply = (input: { event_id: string; email: string; status: SimAttendeeStatus; organizer_sub?: string }): SimEvent => {
    const email = input.email.trim().toLowerCase();
    const organizers = input.organizer_sub ? [getAccount(input.organizer_sub)] : Object.values(data.accounts);
    for (const organizer of organizers) {
      const event = organizer.events.find((e) => e.event_id === input.event_id && !e.deleted);
      const attendee = event?.attendees.find((a) => a.email === email);
      if (!event || !attendee) continue;
      const at = now();
      attendee.status = input.status;
      event.updated = at;
      const touched = propagate(organizer, event, [], at);
      notifyChange(organizer, [event], at);
      notifyTouched(touched, copiesOf(organizer.sub, input.event_id), at);
      return event;
    }
    throw new SimError(404, 'not_found', `no managed event ${input.event_id} with attendee ${email}`);
  };

  /** Cronofy free/busy status of an event, or undefined when it does not block time. */
  const freeBusyStatus = (e: SimEvent): 'busy' | 'tentative' | undefined => {
    if (e.deleted || e.transparency === 'transparent' || e.status === 'cancelled' || e.participation_status === 'declined') return undefined;
    if (e.status === 'tentative' || e.participation_status === 'needs_action' || e.participation_status === 'tentative') return 'tentative';
    return 'busy';
  };

  /** Does `e` overlap `[from, to)` — dates compared as dates, times as instants? */
  const overlaps = (e: SimEvent, range: { fromDate: string; toDate: string; fromMs: number; toMs: number }): boolean => {
    if (isAllDay(e.start)) return e.start < range.toDate && e.end > range.fromDate;
    return Date.parse(e.start) < range.toMs && Date.parse(e.end) > range.fromMs;
  };

  // ---------------------------------------------------------------- profiles

  const setConnected = (sub: string, connected: boolean): SimAccount => {
    const account = getAccount(sub);
    if (account.connected === connected) return account;
    account.connected = connected;
    for (const ch of account.channels) {
      if (!connected) notifyChannel(ch, 'profile_disconnected');
      // After a relink Cronofy resyncs and change notifications resume.
      else notifyChannel(ch, 'change', { changes_since: toCronofyTime(now()) });
    }
    return account;
  };

  // ---------------------------------------------------------------- channels

  const createChannel = (account: SimAccount, input: { callback_url: string; filters: SimChannel['filters'] }): SimChannel => {
    const same = account.channels.find(
      (c) => c.callback_url === input.callback_url && JSON.stringify(c.filters) === JSON.stringify(input.filters),
    );
    if (same) return same;
    if (account.channels.length >= 128) throw new SimError(422, 'channel_limit', 'at most 128 channels per account');
    const channel: SimChannel = { channel_id: `chn_${randomHex(24)}`, callback_url: input.callback_url, filters: input.filters };
    account.channels.push(channel);
    notifyChannel(channel, 'verification');
    return channel;
  };

  // ---------------------------------------------------------------- paging

  /** Splits `items` into pages of `pageSize`; returns page 1 and registers the rest under opaque tokens. */
  const paginate = <T>(sub: string, basePath: string, baseUrl: string, key: string, items: T[]): Record<string, unknown> => {
    const total = Math.max(1, Math.ceil(items.length / pageSize));
    const tokens = Array.from({ length: total }, () => randomHex(16));
    const bodyFor = (i: number): Record<string, unknown> => {
      const pagesInfo: Record<string, unknown> = { current: i + 1, total };
      if (i + 1 < total) pagesInfo['next_page'] = `${baseUrl}${basePath}/pages/${tokens[i + 1]}`;
      return { pages: pagesInfo, [key]: items.slice(i * pageSize, (i + 1) * pageSize) };
    };
    for (let i = 1; i < total; i += 1) pages.set(tokens[i] ?? '', { sub, path: basePath, body: bodyFor(i) });
    // Bound memory of abandoned page sets.
    while (pages.size > 5000) {
      const oldest = pages.keys().next().value;
      if (oldest === undefined) break;
      pages.delete(oldest);
    }
    return bodyFor(0);
  };

  const page = (sub: string, basePath: string, token: string): unknown => {
    const p = pages.get(token);
    if (!p || p.sub !== sub || p.path !== basePath) return undefined;
    return p.body;
  };

  // ---------------------------------------------------------------- lifecycle

  const reset = (): void => {
    data = emptyData();
    pages.clear();
    deliveries = [];
  };

  return {
    options,
    now,
    pageSize,
    get data() {
      return data;
    },
    accountByEmail,
    getAccount,
    createAccount,
    primaryCalendar,
    issueCode,
    exchangeCode,
    refresh,
    revokeToken,
    revokeSub,
    authenticate,
    expireAccessTokens,
    revokeRefreshTokens,
    linkingProfile,
    addExternalEvent,
    removeExternalEvent,
    upsertManagedEvent,
    deleteManagedEvent,
    reply,
    freeBusyStatus,
    overlaps,
    setConnected,
    createChannel,
    deliver,
    paginate,
    page,
    deliveries: (): Delivery[] => [...deliveries],
    /** Resolves once every scheduled callback has been answered (or failed). */
    idle: (): Promise<void> => (pending === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r))),
    reset,
    snapshot: (): SimData => structuredClone(data),
    restore: (snapshot: SimData): void => {
      data = structuredClone(snapshot);
      pages.clear();
    },
  };
}

/** Whole-second UTC ISO string (`2025-01-21T09:00:00Z`), the form Cronofy uses for `Time` values. */
export function toCronofyTime(ms: number): string {
  return formatInstant(Math.floor(ms / 1000) * 1000);
}

/** `2025-01-22T15:30:00Z`/offset forms → whole-second UTC; `YYYY-MM-DD` kept; anything else → undefined. */
export function normalizeInstant(value: string): string | undefined {
  if (isAllDay(value)) return Number.isNaN(Date.parse(value)) ? undefined : value;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : toCronofyTime(ms);
}
