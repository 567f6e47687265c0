/**
 * `CalendarGateway` over the Cronofy client: tokens from the store (sealed), refreshed single-flight by the
 * token manager; busy time from `/v1/free_busy` cached per user in the database (so every server process shares
 * it and a push notification can drop it); events written into the organizer's primary writable calendar.
 *
 * Free/busy rules: `busy`, `tentative` and `unknown` count as busy (an interview must not land on a maybe);
 * `free` does not. All-day entries (`YYYY-MM-DD`) block the whole local day in the calendar owner's zone.
 */
import {
  CronofyConnectionFailedError,
  CronofyError,
  CronofyNotConnectedError,
  CronofyUnavailableError,
  createTokenManager,
  type CronofyClient,
  type EventTime,
  type FreeBusyPeriod,
  type TokenManager,
  type Tokens,
} from '../../cronofy/index.js';
import { addDays, formatInstant, localDate, parseInstant, zonedWallTimeToInstant } from '../../shared/time.js';
import type { SecretBox } from '../../store/crypto.js';
import type { Db } from '../../store/db.js';
import { getConnection, isConnected, isConnectedStatus, updateTokens } from '../../store/repos/connections.js';
import { getUser } from '../../store/repos/users.js';
import { iso } from '../../store/rows.js';
import type { Logger } from '../middleware/logging.js';
import {
  CalendarUnavailableError,
  NotConnectedError,
  type AttendeeStatus,
  type BusyInterval,
  type BusyReadOptions,
  type CalendarGateway,
} from './calendar.js';

export interface CronofyGatewayOptions {
  db: Db;
  client: CronofyClient;
  /** The organization's client when several data centres are in use; absent: `client` serves everyone. */
  clientFor?: (orgId: string) => Promise<CronofyClient>;
  box: SecretBox;
  logger: Logger;
  now: () => number;
  /** How long cached busy time is trusted without a push notification. */
  cacheTtlMs?: number;
  /** Called when a connection fails for good (refresh rejected): the product marks it and tells the host. */
  onConnectionFailed: (orgId: string, userId: string, reason: string) => Promise<unknown>;
}

type Key = { kind: 'user' | 'room'; orgId: string; id: string };
const keyOf = (k: Key) => `${k.kind}:${k.orgId}:${k.id}`;
function parseKey(key: string): Key {
  const [kind, orgId, ...rest] = key.split(':');
  return { kind: kind === 'room' ? 'room' : 'user', orgId: orgId ?? '', id: rest.join(':') };
}

/** How far ahead busy time is read and cached: the booking horizon (32 days) plus margin. */
const CACHE_DAYS_BEFORE = 1;
const CACHE_DAYS_AFTER = 40;

/** `{ time, tzid }` with a zone-less time is a wall time in `tzid`; with `Z` or an offset it is an instant. */
function localizedInstant(t: { time: string; tzid: string }): number {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::(\d{2}))?(?:\.\d+)?$/.exec(t.time);
  if (!m) return parseInstant(t.time);
  return zonedWallTimeToInstant(m[1]!, m[2]!, t.tzid) + Number(m[3] ?? 0) * 1000;
}

export function busyFromFreeBusy(periods: readonly FreeBusyPeriod[], ownerZone: string): BusyInterval[] {
  const toInstant = (t: EventTime): number =>
    typeof t === 'string' ? (/^\d{4}-\d{2}-\d{2}$/.test(t) ? zonedWallTimeToInstant(t, '00:00', ownerZone) : parseInstant(t)) : localizedInstant(t);
  return periods
    .filter((p) => p.free_busy_status !== 'free')
    .map((p) => ({ start: formatInstant(toInstant(p.start)), end: formatInstant(toInstant(p.end)) }))
    .filter((b) => Date.parse(b.end) > Date.parse(b.start));
}

export function createCronofyGateway(options: CronofyGatewayOptions): CalendarGateway & { tokens: TokenManager } {
  const { db, client, box, logger, now } = options;
  const ttl = options.cacheTtlMs ?? 5 * 60_000;

  const store: Parameters<typeof createTokenManager>[0]['store'] = {
      async load(key) {
        const k = parseKey(key);
        const sealed =
          k.kind === 'user'
            ? (await getConnection(db, k.orgId, k.id))?.tokensEnc
            : (await db.query<{ tokens_enc: string | null }>('SELECT tokens_enc FROM rooms WHERE org_id = $1 AND id = $2', [k.orgId, k.id]))[0]?.tokens_enc;
        return sealed ? (JSON.parse(box.open(sealed)) as Tokens) : null;
      },
      async save(key, t) {
        const k = parseKey(key);
        const sealed = box.seal(JSON.stringify(t));
        if (k.kind === 'user') await updateTokens(db, k.orgId, k.id, sealed);
        else await db.query('UPDATE rooms SET tokens_enc = $3 WHERE org_id = $1 AND id = $2', [k.orgId, k.id, sealed]);
      },
      async markFailed(key, reason) {
        const k = parseKey(key);
        if (k.kind === 'user') await options.onConnectionFailed(k.orgId, k.id, reason);
        else {
          // A room whose access lapsed is a room without a readable calendar until it is authorized again.
          await db.query('UPDATE rooms SET tokens_enc = NULL WHERE org_id = $1 AND id = $2', [k.orgId, k.id]);
          logger.warn('room calendar access lapsed', { orgId: k.orgId, roomId: k.id, reason });
        }
      },
  };
  // One token manager per client (per data centre): refreshes are single-flight within it, and a token is only
  // ever refreshed at the data centre that issued it.
  const managers = new Map<CronofyClient, TokenManager>();
  const managerFor = (c: CronofyClient): TokenManager => {
    let manager = managers.get(c);
    if (!manager) {
      manager = createTokenManager({ client: c, now, store });
      managers.set(c, manager);
    }
    return manager;
  };
  const tokens = managerFor(client);
  const clientOf = (orgId: string): Promise<CronofyClient> => (options.clientFor ? options.clientFor(orgId) : Promise.resolve(client));

  /**
   * Runs a Cronofy call for a connection, mapping the client's errors to the product's: no tokens or a refresh
   * rejected for good → NotConnectedError (the connection is already marked failed); anything else Cronofy answered
   * or failed to answer (outage, 429, 423 disconnected profile, a 401 that outlived the refresh) → unavailable.
   * Messages are the client's, which never hold a token.
   */
  async function call<T>(key: Key, fn: (accessToken: string, client: CronofyClient) => Promise<T>): Promise<T> {
    const c = await clientOf(key.orgId);
    try {
      return await managerFor(c).withAccessToken(keyOf(key), (token) => fn(token, c));
    } catch (error) {
      if (error instanceof CronofyNotConnectedError || error instanceof CronofyConnectionFailedError) throw new NotConnectedError(key.id);
      if (error instanceof CronofyUnavailableError || error instanceof CronofyError) throw new CalendarUnavailableError(error.message, key.id);
      throw error;
    }
  }

  /**
   * Reads at least the booking horizon around today, widened to cover `window` (the client clamps the range to
   * Cronofy's read window). The caller checks the returned window: time Cronofy would not serve is unknown, not free.
   */
  async function fetchBusy(key: Key, zone: string, window: BusyInterval): Promise<{ busy: BusyInterval[]; window: BusyInterval }> {
    const today = localDate(now(), zone);
    const wantFrom = addDays(localDate(Date.parse(window.start), zone), -1);
    const wantTo = addDays(localDate(Date.parse(window.end), zone), 2);
    const defaultFrom = addDays(today, -CACHE_DAYS_BEFORE);
    const defaultTo = addDays(today, CACHE_DAYS_AFTER);
    const from = wantFrom < defaultFrom ? wantFrom : defaultFrom;
    const to = wantTo > defaultTo ? wantTo : defaultTo;
    const result = await call(key, (token, c) => c.freeBusy(token, { tzid: zone, from, to, include_managed: true }));
    return {
      busy: busyFromFreeBusy(result.free_busy, zone),
      window: {
        start: formatInstant(zonedWallTimeToInstant(result.from, '00:00', zone)),
        end: formatInstant(zonedWallTimeToInstant(result.to, '00:00', zone)),
      },
    };
  }

  type CacheRow = { window_start: unknown; window_end: unknown; busy: BusyInterval[]; fetched_at: unknown };
  const readCacheRow = async (key: Key) =>
    (
      await db.query<CacheRow>('SELECT window_start, window_end, busy, fetched_at FROM freebusy_cache WHERE org_id = $1 AND resource_key = $2', [
        key.orgId,
        `${key.kind}:${key.id}`,
      ])
    )[0] ?? null;

  /** Busy time from the cached row (`row`, or read here when undefined) if young enough and wide enough, else from Cronofy. */
  async function cachedBusy(key: Key, zone: string, window: BusyInterval, opts: BusyReadOptions, row?: CacheRow | null): Promise<BusyInterval[]> {
    const maxAge = opts.fresh ? 0 : Math.min(opts.maxAgeMs ?? ttl, ttl);
    if (maxAge > 0) {
      if (row === undefined) row = await readCacheRow(key);
      if (
        row &&
        Date.parse(iso(row.fetched_at)) > now() - maxAge &&
        Date.parse(iso(row.window_start)) <= Date.parse(window.start) &&
        Date.parse(iso(row.window_end)) >= Date.parse(window.end)
      ) {
        return row.busy.filter((b) => Date.parse(b.end) > Date.parse(window.start) && Date.parse(b.start) < Date.parse(window.end));
      }
    }
    let fetched;
    try {
      fetched = await fetchBusy(key, zone, window);
    } catch (error) {
      // The connection failed during this read (refresh rejected): it is marked failed now, but this request
      // still has no busy time — report missing data, never slots computed without it.
      if (error instanceof NotConnectedError) throw new CalendarUnavailableError(`The calendar of ${key.kind} ${key.id} can no longer be read.`, key.id);
      throw error;
    }
    await db.query(
      `INSERT INTO freebusy_cache (org_id, resource_key, window_start, window_end, busy, fetched_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (org_id, resource_key) DO UPDATE SET window_start = $3, window_end = $4, busy = $5, fetched_at = $6`,
      [key.orgId, `${key.kind}:${key.id}`, fetched.window.start, fetched.window.end, JSON.stringify(fetched.busy), formatInstant(now())],
    );
    if (Date.parse(fetched.window.start) > Date.parse(window.start) || Date.parse(fetched.window.end) < Date.parse(window.end)) {
      throw new CalendarUnavailableError(`Cronofy serves busy time only from ${fetched.window.start} to ${fetched.window.end}.`, key.id);
    }
    return fetched.busy.filter((b) => Date.parse(b.end) > Date.parse(window.start) && Date.parse(b.start) < Date.parse(window.end));
  }

  async function organizerCalendar(orgId: string, organizerId: string): Promise<string> {
    const connection = await getConnection(db, orgId, organizerId);
    if (!isConnected(connection) || !connection?.calendarId) throw new NotConnectedError(organizerId);
    return connection.calendarId;
  }

  /** Attendee replies of the product's (managed) events in the organizer's calendar around `window`, by event id. */
  async function managedEventAttendees(orgId: string, organizerId: string, window: BusyInterval) {
    const user = await getUser(db, orgId, organizerId);
    if (!user) throw new NotConnectedError(organizerId);
    const zone = user.timeZone;
    const result = await call({ kind: 'user', orgId, id: organizerId }, (token, c) =>
      c.readEvents(token, {
        tzid: zone,
        from: addDays(localDate(Date.parse(window.start), zone), -1),
        to: addDays(localDate(Date.parse(window.end), zone), 2),
        only_managed: true,
        include_managed: true,
      }),
    );
    const known: AttendeeStatus[] = ['needs_action', 'accepted', 'declined', 'tentative'];
    const byEvent = new Map<string, Array<{ email: string; status: AttendeeStatus }>>();
    for (const event of result.events) {
      if (event.deleted || !event.event_id) continue;
      byEvent.set(
        event.event_id,
        (event.attendees ?? []).map((a) => ({ email: a.email, status: known.includes(a.status as AttendeeStatus) ? (a.status as AttendeeStatus) : 'unknown' })),
      );
    }
    return byEvent;
  }

  return {
    tokens,
    async userBusy(orgId, userId, window, opts = {}) {
      // The user's zone, whether their calendar is connected, and the cached busy time: one read.
      const [found] = await db.query<{ time_zone: string; status: string | null } & { [K in keyof CacheRow]: CacheRow[K] | null }>(
        `SELECT u.time_zone, c.status, f.window_start, f.window_end, f.busy, f.fetched_at
         FROM users u
         LEFT JOIN calendar_connections c ON c.org_id = u.org_id AND c.user_id = u.id
         LEFT JOIN freebusy_cache f ON f.org_id = u.org_id AND f.resource_key = 'user:' || u.id
         WHERE u.org_id = $1 AND u.id = $2`,
        [orgId, userId],
      );
      if (!found || !isConnectedStatus(found.status)) throw new NotConnectedError(userId);
      const row = found.fetched_at === null ? null : (found as CacheRow);
      return cachedBusy({ kind: 'user', orgId, id: userId }, found.time_zone, window, opts, row);
    },
    async roomBusy(orgId, roomId, window, opts = {}) {
      // One read: a room the product has no calendar access to (no tokens) has unknown busy time.
      const hasTokens = (await db.query<{ has: boolean }>('SELECT tokens_enc IS NOT NULL AS has FROM rooms WHERE org_id = $1 AND id = $2', [orgId, roomId]))[0]?.has;
      if (!hasTokens) return null;
      return cachedBusy({ kind: 'room', orgId, id: roomId }, 'UTC', window, opts);
    },
    async upsertEvent(orgId, organizerId, event) {
      const calendarId = await organizerCalendar(orgId, organizerId);
      const quiet = new Set((event.quietAttendees ?? []).map((e) => e.toLowerCase()));
      const reject = (event.removedAttendees ?? []).map((a) => ({ email: a.email, display_name: a.displayName }));
      await call({ kind: 'user', orgId, id: organizerId }, (token, c) =>
        c.upsertEvent(token, calendarId, {
          event_id: event.eventId,
          summary: event.summary,
          description: event.description,
          start: event.start,
          end: event.end,
          tzid: event.timeZone,
          ...(event.location ? { location: { description: event.location } } : {}),
          event_private: event.private,
          transparency: 'opaque',
          attendees: {
            invite: event.attendees.filter((a) => !quiet.has(a.email.toLowerCase())).map((a) => ({ email: a.email, display_name: a.displayName })),
            ...(reject.length > 0 ? { reject } : {}),
          },
        }),
      );
      logger.info('calendar event written', { organizerId, eventId: event.eventId });
    },
    async deleteEvent(orgId, organizerId, eventId) {
      const calendarId = await organizerCalendar(orgId, organizerId);
      await call({ kind: 'user', orgId, id: organizerId }, (token, c) => c.deleteEvent(token, calendarId, { event_id: eventId }));
    },
    async attendeeStatuses(orgId, organizerId, eventId, window) {
      return (await managedEventAttendees(orgId, organizerId, window)).get(eventId) ?? null;
    },
    attendeeStatusesOfEvents: managedEventAttendees,
    async invalidate(orgId, userId) {
      await db.query('DELETE FROM freebusy_cache WHERE org_id = $1 AND resource_key = $2', [orgId, `user:${userId}`]);
    },
  };
}
