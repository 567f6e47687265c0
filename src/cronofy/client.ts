/**
 * Typed Cronofy HTTP client: one method per endpoint the product uses, used unchanged against real Cronofy and the
 * simulator (only `apiUrl`/`appUrl` differ; see {@link cronofyUrls}). Request and response fields keep Cronofy's own
 * names so the reference digest documents them. Invariants:
 * - reads that Cronofy pages (`free_busy`, `events`) follow `pages.next_page` to the end, and only to URLs under
 *   `apiUrl` (the bearer token is never sent to another host);
 * - `from`/`to` of reads are clamped into Cronofy's documented window (from ≥ 42 days ago, to ≤ 201 days ahead, as
 *   dates in the request's `tzid`) with one day of margin on each side, because Cronofy's "today" may already be a
 *   different date than ours; the window is anchored to today, not a maximum span, so clamping suffices and no
 *   request ever needs splitting. The effective range is returned so callers know what they did not get;
 * - every call goes through the transport (rate limiter, timeout, bounded retries, typed errors, secret-free logs).
 *
 * Scopes: {@link DEFAULT_SCOPES} = `read_account list_calendars read_events create_event delete_event` —
 * `read_events` (implies `read_free_busy`) because the product reads its own appointments back for attendee replies,
 * `create_event`/`delete_event` to write them, `read_account`/`list_calendars` (the official SDK defaults) to read the
 * profile and find the primary writable calendar.
 */
import { z } from 'zod';
import { addDays, isValidDate, localDate } from '../shared/time.js';
import { CronofyError } from './errors.js';
import { createTransport, type RequestSpec, type TransportOptions } from './http.js';
import {
  ChannelResponseSchema,
  ChannelsResponseSchema,
  EventsPageSchema,
  FreeBusyPageSchema,
  ListCalendarsResponseSchema,
  ProfilesResponseSchema,
  ResourcesResponseSchema,
  TokenResponseSchema,
  UserInfoSchema,
  type Calendar,
  type Channel,
  type CreateChannelInput,
  type CronofyEvent,
  type DeleteEventInput,
  type FreeBusyPeriod,
  type Profile,
  type Resource,
  type TokenResponse,
  type UpsertEventInput,
  type UserInfo,
} from './schemas.js';

export const DEFAULT_SCOPES = ['read_account', 'list_calendars', 'read_events', 'create_event', 'delete_event'] as const;
export const DEFAULT_SERVICE_ACCOUNT_SCOPES = ['service_account/accounts/manage', 'service_account/resources/manage'] as const;
/** What the service account may later grant per user or room: the user scopes plus free/busy. */
export const DEFAULT_DELEGATED_SCOPES = [...DEFAULT_SCOPES, 'read_free_busy'] as const;

/** Days before/after today (in the request tzid) that Cronofy serves. */
export const READ_WINDOW = { pastDays: 42, futureDays: 201, marginDays: 1 } as const;

export type CronofyClientOptions = TransportOptions & {
  apiUrl: string;
  appUrl: string;
  clientId: string;
  clientSecret: string;
  /** Safety stop for paging loops. Default 100 pages. */
  maxPages?: number;
};

export type AuthorizationUrlParams = {
  redirect_uri: string;
  /** Opaque, unguessable, bound to the user (CSRF/replay protection is the caller's job). */
  state: string;
  scope?: readonly string[] | string;
  /** Default true: never silently link accounts authorized in the same browser. */
  avoid_linking?: boolean;
  provider_name?: string;
  link_token?: string;
};

export type EnterpriseConnectUrlParams = {
  redirect_uri: string;
  state: string;
  scope?: readonly string[] | string;
  delegated_scope?: readonly string[] | string;
};

export type FreeBusyQuery = {
  tzid: string;
  /** `YYYY-MM-DD` in `tzid`; default: earliest allowed. */
  from?: string;
  /** `YYYY-MM-DD` in `tzid`, exclusive; default: latest allowed. */
  to?: string;
  calendar_ids?: string[];
  /** Include events the application itself wrote (Cronofy excludes them by default). */
  include_managed?: boolean;
};

export type ReadWindow = { from: string; to: string; clamped: boolean };
export type FreeBusyResult = ReadWindow & { free_busy: FreeBusyPeriod[] };

export type ReadEventsQuery = {
  tzid: string;
  from?: string;
  to?: string;
  /** Pass a push notification's `changes_since` here. */
  last_modified?: string;
  include_deleted?: boolean;
  include_moved?: boolean;
  include_managed?: boolean;
  only_managed?: boolean;
  calendar_ids?: string[];
};
export type ReadEventsResult = { events: CronofyEvent[]; from?: string; to?: string; clamped: boolean };

export type RevokeParams = { token: string } | { sub: string; request_pii_erasure?: boolean };

export type ServiceAccountAuthorizationInput = {
  email: string;
  callback_url: string;
  scope: readonly string[] | string;
  state?: string;
};

export type CronofyClient = {
  readonly apiUrl: string;
  readonly appUrl: string;
  authorizationUrl(params: AuthorizationUrlParams): string;
  enterpriseConnectAuthorizationUrl(params: EnterpriseConnectUrlParams): string;
  exchangeCode(params: { code: string; redirect_uri: string }): Promise<TokenResponse>;
  refreshToken(refreshToken: string): Promise<TokenResponse>;
  revokeAuthorization(params: RevokeParams): Promise<void>;
  userInfo(accessToken: string): Promise<UserInfo>;
  listProfiles(accessToken: string): Promise<Profile[]>;
  listCalendars(accessToken: string): Promise<Calendar[]>;
  freeBusy(accessToken: string, query: FreeBusyQuery): Promise<FreeBusyResult>;
  readEvents(accessToken: string, query: ReadEventsQuery): Promise<ReadEventsResult>;
  upsertEvent(accessToken: string, calendarId: string, event: UpsertEventInput): Promise<void>;
  deleteEvent(accessToken: string, calendarId: string, selector: DeleteEventInput): Promise<void>;
  createChannel(accessToken: string, input: CreateChannelInput): Promise<Channel>;
  listChannels(accessToken: string): Promise<Channel[]>;
  deleteChannel(accessToken: string, channelId: string): Promise<void>;
  authorizeServiceAccountUser(serviceAccessToken: string, input: ServiceAccountAuthorizationInput): Promise<void>;
  listResources(serviceAccessToken: string, options?: { include_details?: ('capacity' | 'location')[] }): Promise<Resource[]>;
};

const scopeString = (scope: readonly string[] | string): string => (typeof scope === 'string' ? scope : scope.join(' '));
const trimSlash = (url: string): string => url.replace(/\/+$/, '');

/**
 * Clamp an optional `[from, to)` date range into Cronofy's read window around `nowMs` in `tzid`. Exported for tests
 * and for callers that want to know the window before asking.
 */
export function clampReadWindow(
  range: { from?: string; to?: string },
  tzid: string,
  nowMs: number,
): { from: string; to: string; clamped: boolean; empty: boolean } {
  const today = localDate(nowMs, tzid);
  const min = addDays(today, -(READ_WINDOW.pastDays - READ_WINDOW.marginDays));
  const max = addDays(today, READ_WINDOW.futureDays - READ_WINDOW.marginDays);
  for (const [name, value] of Object.entries(range)) {
    if (value !== undefined && !isValidDate(value)) throw new RangeError(`${name} must be a YYYY-MM-DD date, got ${value}`);
  }
  const from = range.from === undefined || range.from < min ? min : range.from;
  const to = range.to === undefined || range.to > max ? max : range.to;
  const clamped = (range.from !== undefined && from !== range.from) || (range.to !== undefined && to !== range.to);
  return { from, to, clamped, empty: from >= to };
}

export function createCronofyClient(options: CronofyClientOptions): CronofyClient {
  const apiUrl = trimSlash(options.apiUrl);
  const appUrl = trimSlash(options.appUrl);
  const { clientId, clientSecret } = options;
  const maxPages = options.maxPages ?? 100;
  const now = (): number => (options.clock ?? { now: Date.now }).now();
  const transport = createTransport(options);

  const api = (path: string): string => `${apiUrl}${path}`;
  const withBearer = (bearer: string, spec: Omit<RequestSpec, 'bearer'>): RequestSpec => ({ ...spec, bearer });

  /** Follows `pages.next_page` until absent; refuses to send the token anywhere but `apiUrl`. */
  const readAllPages = async <P extends { pages?: { next_page?: string | undefined } | undefined }, T>(
    first: RequestSpec,
    schema: z.ZodType<P>,
    items: (page: P) => T[],
  ): Promise<T[]> => {
    const out: T[] = [];
    let spec: RequestSpec = first;
    for (let n = 1; ; n += 1) {
      const page = await transport.send(spec, schema);
      out.push(...items(page));
      const next = page.pages?.next_page;
      if (!next) return out;
      if (!next.startsWith(`${apiUrl}/`)) {
        throw new CronofyError('Cronofy next_page points outside the API host; refusing to follow it', {
          status: 200,
          code: 'invalid_response',
          method: 'GET',
          path: new URL(first.url).pathname,
        });
      }
      if (n >= maxPages) {
        throw new CronofyError(`Cronofy paging did not end within ${maxPages} pages`, {
          status: 200,
          code: 'invalid_response',
          method: 'GET',
          path: new URL(first.url).pathname,
        });
      }
      const u = new URL(next);
      const query: Record<string, string> = {};
      u.searchParams.forEach((v, k) => (query[k] = v));
      // Cronofy's next_page URL is complete; keep any query it carries but not our first query.
      spec = { method: 'GET', url: `${u.origin}${u.pathname}`, bearer: first.bearer, retry: 'idempotent', query };
    }
  };

  return {
    apiUrl,
    appUrl,

    authorizationUrl(params) {
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: params.redirect_uri,
        scope: scopeString(params.scope ?? DEFAULT_SCOPES),
        state: params.state,
        avoid_linking: String(params.avoid_linking ?? true),
      });
      if (params.provider_name) q.set('provider_name', params.provider_name);
      if (params.link_token) q.set('link_token', params.link_token);
      // URLSearchParams writes spaces as '+'; Cronofy documents %20.
      return `${appUrl}/oauth/authorize?${q.toString().replace(/\+/g, '%20')}`;
    },

    enterpriseConnectAuthorizationUrl(params) {
      const q = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: params.redirect_uri,
        scope: scopeString(params.scope ?? DEFAULT_SERVICE_ACCOUNT_SCOPES),
        delegated_scope: scopeString(params.delegated_scope ?? DEFAULT_DELEGATED_SCOPES),
        state: params.state,
      });
      return `${appUrl}/enterprise_connect/oauth/authorize?${q.toString().replace(/\+/g, '%20')}`;
    },

    exchangeCode({ code, redirect_uri }) {
      // Not idempotent: a retry after a lost response would present an already-used code.
      return transport.send(
        {
          method: 'POST',
          url: api('/oauth/token'),
          retry: 'once',
          body: { client_id: clientId, client_secret: clientSecret, grant_type: 'authorization_code', code, redirect_uri },
        },
        TokenResponseSchema,
      );
    },

    refreshToken(refreshToken) {
      // Retried: a 5xx means no token was issued. A timeout whose answer was lost may have rotated the token; the retry
      // then gets invalid_grant and the connection is marked failed — better than being unavailable on every blip.
      return transport.send(
        {
          method: 'POST',
          url: api('/oauth/token'),
          retry: 'idempotent',
          body: { client_id: clientId, client_secret: clientSecret, grant_type: 'refresh_token', refresh_token: refreshToken },
        },
        TokenResponseSchema,
      );
    },

    revokeAuthorization(params) {
      return transport.sendNoContent({
        method: 'POST',
        url: api('/oauth/token/revoke'),
        retry: 'idempotent',
        body: { client_id: clientId, client_secret: clientSecret, ...params },
      });
    },

    userInfo(accessToken) {
      return transport.send(withBearer(accessToken, { method: 'GET', url: api('/v1/userinfo'), retry: 'idempotent' }), UserInfoSchema);
    },

    async listProfiles(accessToken) {
      const res = await transport.send(
        withBearer(accessToken, { method: 'GET', url: api('/v1/profiles'), retry: 'idempotent' }),
        ProfilesResponseSchema,
      );
      return res.profiles;
    },

    async listCalendars(accessToken) {
      const res = await transport.send(
        withBearer(accessToken, { method: 'GET', url: api('/v1/calendars'), retry: 'idempotent' }),
        ListCalendarsResponseSchema,
      );
      return res.calendars;
    },

    async freeBusy(accessToken, query) {
      const window = clampReadWindow({ from: query.from, to: query.to }, query.tzid, now());
      if (window.empty) return { free_busy: [], from: window.from, to: window.to, clamped: true };
      const free_busy = await readAllPages(
        withBearer(accessToken, {
          method: 'GET',
          url: api('/v1/free_busy'),
          retry: 'idempotent',
          query: {
            tzid: query.tzid,
            from: window.from,
            to: window.to,
            include_managed: query.include_managed,
            calendar_ids: query.calendar_ids,
          },
        }),
        FreeBusyPageSchema,
        (p) => p.free_busy,
      );
      return { free_busy, from: window.from, to: window.to, clamped: window.clamped };
    },

    async readEvents(accessToken, query) {
      const hasRange = query.from !== undefined || query.to !== undefined;
      const window = hasRange ? clampReadWindow({ from: query.from, to: query.to }, query.tzid, now()) : undefined;
      if (window?.empty) return { events: [], from: window.from, to: window.to, clamped: true };
      const events = await readAllPages(
        withBearer(accessToken, {
          method: 'GET',
          url: api('/v1/events'),
          retry: 'idempotent',
          query: {
            tzid: query.tzid,
            from: window?.from,
            to: window?.to,
            last_modified: query.last_modified,
            include_deleted: query.include_deleted,
            include_moved: query.include_moved,
            include_managed: query.include_managed,
            only_managed: query.only_managed,
            calendar_ids: query.calendar_ids,
          },
        }),
        EventsPageSchema,
        (p) => p.events,
      );
      return { events, from: window?.from, to: window?.to, clamped: window?.clamped ?? false };
    },

    upsertEvent(accessToken, calendarId, event) {
      // Idempotent by event_id: replaying the same upsert leaves the calendar in the same state.
      return transport.sendNoContent(
        withBearer(accessToken, {
          method: 'POST',
          url: api(`/v1/calendars/${encodeURIComponent(calendarId)}/events`),
          retry: 'idempotent',
          body: event,
        }),
      );
    },

    deleteEvent(accessToken, calendarId, selector) {
      return transport.sendNoContent(
        withBearer(accessToken, {
          method: 'DELETE',
          url: api(`/v1/calendars/${encodeURIComponent(calendarId)}/events`),
          retry: 'idempotent',
          body: selector,
        }),
      );
    },

    async createChannel(accessToken, input) {
      // Cronofy answers an identical request with the existing channel, so retrying is safe.
      const res = await transport.send(
        withBearer(accessToken, { method: 'POST', url: api('/v1/channels'), retry: 'idempotent', body: input }),
        ChannelResponseSchema,
      );
      return res.channel;
    },

    async listChannels(accessToken) {
      const res = await transport.send(
        withBearer(accessToken, { method: 'GET', url: api('/v1/channels'), retry: 'idempotent' }),
        ChannelsResponseSchema,
      );
      return res.channels;
    },

    deleteChannel(accessToken, channelId) {
      return transport.sendNoContent(
        withBearer(accessToken, {
          method: 'DELETE',
          url: api(`/v1/channels/${encodeURIComponent(channelId)}`),
          retry: 'idempotent',
        }),
      );
    },

    authorizeServiceAccountUser(serviceAccessToken, input) {
      // Not retried on 5xx/timeouts: each accepted request triggers its own callback with a fresh code.
      return transport.sendNoContent(
        withBearer(serviceAccessToken, {
          method: 'POST',
          url: api('/v1/service_account_authorizations'),
          retry: 'once',
          body: { ...input, scope: scopeString(input.scope) },
        }),
      );
    },

    async listResources(serviceAccessToken, opts) {
      const res = await transport.send(
        withBearer(serviceAccessToken, {
          method: 'GET',
          url: api('/v1/resources'),
          retry: 'idempotent',
          query: { include_details: opts?.include_details?.join(' ') },
        }),
        ResourcesResponseSchema,
      );
      return res.resources;
    },
  };
}
