/**
 * The DOM-free parts behind the connection elements: status looks and actions, failure reasons in words, outcome
 * parsing; the browser checks against the contract's zod schemas (same fixtures through both); the connections
 * client's endpoints, return paths and the JWT subject; and the live-stream client (ticket per connection, backoff,
 * status transitions, sharing, closing, dropped malformed messages) with a fake EventSource and injected timers.
 */
import { expect } from '@open-wc/testing';
import {
  ConnectionViewSchema,
  LoadRoomsResultSchema,
  ReturnToSchema,
  ServiceAccountViewSchema,
} from '../../src/shared/api/connections.js';
import { LiveEventSchema } from '../../src/shared/api/live.js';
import { CONNECTION_STATUSES as CONTRACT_STATUSES, ConnectionListSchema } from '../../src/shared/api/users.js';
import { ApiError } from '../../src/client/api-error.js';
import {
  CONNECTION_STATUSES,
  authorizeUrl,
  connectionList,
  connectionView,
  liveEvent,
  loadRoomsResult,
  serviceAccountView,
} from '../../src/client/connection-checks.js';
import { createConnectionsClient, currentReturnTo, isReturnTo, tokenSubject } from '../../src/client/connections-client.js';
import { LiveStream, sharedLiveStream, type LiveStatus } from '../../src/client/live-client.js';
import { createTokenSource } from '../../src/client/token-source.js';
import {
  STATUS_LOOK,
  actionsFor,
  localeOf,
  nextAnnouncement,
  providerName,
  readOutcome,
  reasonOf,
  withoutOutcome,
} from '../../src/elements/connection-status/internal/status.js';
import { API, createFakeConnectionsApi, fakeEventSources, jwtFor, serviceAccount, view } from './support/fake-connections-api.js';

describe('connection status model', () => {
  it('every contract status has a distinct icon shape and actions', () => {
    expect([...CONNECTION_STATUSES].sort()).to.deep.equal([...CONTRACT_STATUSES].sort());
    const icons = CONNECTION_STATUSES.map((s) => STATUS_LOOK[s].icon);
    expect(new Set(icons).size).to.equal(icons.length);
    expect(actionsFor('not_connected')).to.deep.equal({ connect: true, reconnect: false, disconnect: false });
    expect(actionsFor('failed')).to.deep.equal({ connect: false, reconnect: true, disconnect: true });
    expect(actionsFor('connected_central')).to.deep.equal({ connect: false, reconnect: false, disconnect: true });
    expect(actionsFor('syncing')).to.deep.equal({ connect: false, reconnect: false, disconnect: false });
  });

  it('maps the server’s failure reasons to words, unknown ones to a generic text', () => {
    const cases: Array<[string | null, string]> = [
      ['profile_disconnected', 'profile_disconnected'],
      ['invalid_grant', 'revoked'],
      ['refresh_failed', 'revoked'],
      ['access_denied', 'revoked'],
      ['central_authorization_failed:no_code', 'central'],
      ['central_authorization_failed:invalid_grant', 'central'],
      ['calendar_unavailable', 'unavailable'],
      ['something_new', 'unknown'],
      [null, 'unknown'],
    ];
    for (const [reason, expected] of cases) expect(reasonOf(reason), String(reason)).to.equal(expected);
  });

  it('provider names, locales, outcomes and announcements', () => {
    expect(providerName('office365')).to.equal('Microsoft Office 365');
    expect(providerName('caldav')).to.equal('caldav');
    expect(providerName(null)).to.equal(null);
    expect(localeOf('de')).to.deep.equal({ lang: 'de', locale: 'de-DE' });
    expect(localeOf('en')).to.deep.equal({ lang: 'en', locale: 'en-GB' });
    expect(localeOf('en-US')).to.deep.equal({ lang: 'en', locale: 'en-US' });
    expect(localeOf('fr')).to.equal(undefined);
    expect(readOutcome('?a=1&calendar=failed&reason=forbidden', 'calendar')).to.deep.equal({ outcome: 'failed', reason: 'forbidden' });
    expect(readOutcome('?calendar=maybe', 'calendar')).to.equal(null);
    expect(readOutcome('?serviceAccount=connected', 'calendar')).to.equal(null);
    expect(withoutOutcome('?a=1&calendar=failed&reason=x', 'calendar')).to.equal('?a=1');
    expect(withoutOutcome('?calendar=connected', 'calendar')).to.equal('');
    expect(nextAnnouncement('', 'A')).to.equal('A');
    expect(nextAnnouncement('A', 'A')).to.equal('A\u00a0');
    expect(nextAnnouncement('A\u00a0', 'A')).to.equal('A\u00a0');
    expect(nextAnnouncement('A', 'B')).to.equal('B');
  });
});

describe('connection checks agree with the contract', () => {
  it('accept what the zod schemas accept, dropping unknown keys', () => {
    for (const s of CONNECTION_STATUSES) {
      const fixture = view('u-1', s);
      expect(connectionView({ ...fixture, secret: 'x' })).to.deep.equal(ConnectionViewSchema.parse(fixture));
    }
    for (const s of ['not_connected', 'connected', 'failed'] as const) {
      expect(serviceAccountView(serviceAccount(s))).to.deep.equal(ServiceAccountViewSchema.parse(serviceAccount(s)));
    }
    const { centralAvailable: _central, ...connection } = view('u', 'failed');
    void _central;
    const list = {
      items: [{ ...connection, name: 'U', email: 'u@x', integrationActive: true }],
      total: 1,
      counts: { all: 1, not_connected: 0, connected_individual: 0, connected_central: 0, failed: 1, syncing: 0 },
    };
    expect(connectionList(list)).to.deep.equal(ConnectionListSchema.parse(list));
    const rooms = { items: [{ id: 'r', name: 'R', email: 'r@x', capacity: null, source: 'loaded' }], loaded: 1, authorizationsRequested: 0 };
    expect(loadRoomsResult(rooms)).to.deep.equal(LoadRoomsResultSchema.parse(rooms));
    const event = { id: 'evt_1', type: 'connection.failed', data: { userId: 'u', status: 'failed', reason: 'invalid_grant', roomId: null } };
    expect(liveEvent(event)).to.deep.equal(LiveEventSchema.parse(event));
  });

  it('refuse what the zod schemas refuse', () => {
    const bad: unknown[] = [
      { ...view('u', 'failed'), status: 'broken' },
      { ...view('u', 'failed'), failedSince: '12 March' },
      { ...view('u', 'failed'), centralAvailable: 'yes' },
      { ...view('u', 'failed'), provider: 3 },
    ];
    for (const b of bad) {
      expect(ConnectionViewSchema.safeParse(b).success).to.equal(false);
      expect(() => connectionView(b)).to.throw(ApiError);
    }
    expect(() => liveEvent({ type: 'x', data: { userId: 5 } })).to.throw(ApiError);
  });

  it('a consent URL must be http(s): a javascript: URL from a bad answer is refused', () => {
    expect(authorizeUrl({ url: 'https://app.cronofy.com/oauth' })).to.deep.equal({ url: 'https://app.cronofy.com/oauth' });
    expect(() => authorizeUrl({ url: 'javascript:alert(1)' })).to.throw(ApiError);
  });
});

describe('connections client', () => {
  it('calls each endpoint with method, path, bearer token and body of the contract', async () => {
    const api = createFakeConnectionsApi();
    const client = createConnectionsClient({ api: `${API}/`, fetch: api.fetch, tokens: createTokenSource({ token: 'tk' }) });
    await client.getConnection('u a/b');
    await client.authorize('u-dora', { returnTo: '/admin.html#x', provider: 'google' });
    await client.authorize('u-dora', { returnTo: 'https://evil.example/' });
    await client.disconnect('u-anna');
    await client.connectCentrally('u-dora');
    await client.listConnections({ status: 'failed', q: '  ben ', limit: 50, offset: 0 });
    await client.getServiceAccount();
    await client.authorizeServiceAccount({ returnTo: '/admin.html' });
    await client.disconnectServiceAccount();
    await client.loadRooms();
    await client.createStreamTicket();
    expect(api.calls.map((c) => `${c.method} ${c.path}${c.query.size ? `?${c.query}` : ''}`)).to.deep.equal([
      'GET /api/users/u%20a%2Fb/connection',
      'POST /api/users/u-dora/connection/authorize',
      'POST /api/users/u-dora/connection/authorize',
      'DELETE /api/users/u-anna/connection',
      'POST /api/users/u-dora/connection/central',
      'GET /api/connections?status=failed&q=ben&limit=50&offset=0',
      'GET /api/service-account',
      'POST /api/service-account/authorize',
      'DELETE /api/service-account',
      'POST /api/rooms/load',
      'POST /api/events/tickets',
    ]);
    expect(api.calls.every((c) => c.headers.get('authorization') === 'Bearer tk')).to.equal(true);
    expect(api.calls[1]!.body).to.deep.equal({ returnTo: '/admin.html#x', provider: 'google' });
    expect(api.calls[2]!.body).to.deep.equal({});
    expect(api.calls[7]!.body).to.deep.equal({ returnTo: '/admin.html' });
  });

  it('plus_required arrives as an ApiError with its code', async () => {
    const api = createFakeConnectionsApi({ tier: 'basic' });
    const client = createConnectionsClient({ api: API, fetch: api.fetch, tokens: createTokenSource({ token: 'tk' }) });
    const e = await client.getServiceAccount().catch((x: unknown) => x);
    expect(e).to.be.instanceOf(ApiError);
    expect((e as ApiError).status).to.equal(403);
    expect((e as ApiError).code).to.equal('plus_required');
  });

  it('return paths follow the contract’s rule; outcome parameters are dropped from the current page', () => {
    for (const p of ['/admin.html', '/a?b=c#d', '/x/y.html?tab=calendar']) {
      expect(isReturnTo(p), p).to.equal(true);
      expect(ReturnToSchema.safeParse(p).success, p).to.equal(true);
    }
    for (const p of ['//evil.example', '/\\evil', 'https://evil.example/', 'admin.html', `/${'a'.repeat(500)}`]) {
      expect(isReturnTo(p), p).to.equal(false);
      expect(ReturnToSchema.safeParse(p).success, p).to.equal(false);
    }
    expect(currentReturnTo({ pathname: '/admin.html', search: '?tab=1&calendar=connected&reason=x', hash: '#me' })).to.equal('/admin.html?tab=1#me');
    expect(currentReturnTo({ pathname: '/a b', search: '', hash: '' })).to.equal(undefined);
  });

  it('reads the user id from a JWT without trusting it; anything else gives null', () => {
    expect(tokenSubject(jwtFor('u-ben'))).to.equal('u-ben');
    expect(tokenSubject('opaque')).to.equal(null);
    expect(tokenSubject('a.b.c')).to.equal(null);
    expect(tokenSubject(null)).to.equal(null);
  });
});

describe('live stream client', () => {
  const ticket = (n: { count: number }) => async () => {
    n.count += 1;
    return { ticket: `t${n.count}`, expiresAt: '2030-01-01T00:00:00Z', url: `/api/events?ticket=t${n.count}` };
  };

  it('connecting → open on ready; events reach subscribers; malformed and unknown messages are dropped', async () => {
    const es = fakeEventSources();
    const n = { count: 0 };
    const stream = new LiveStream({ api: 'https://x.test/', ticket: ticket(n), eventSource: es.factory, types: ['connection.failed'] });
    const statuses: LiveStatus[] = [];
    const events: string[] = [];
    const off = stream.subscribe({ status: (s) => statuses.push(s), event: (e) => events.push(`${e.type}:${e.data.userId}`) });
    const source = await es.opened();
    expect(source.url).to.equal('https://x.test/api/events?ticket=t1');
    source.ready();
    source.push('connection.failed', { userId: 'u1', status: 'failed' });
    source.emit('connection.failed', '{not json');
    source.emit('connection.failed', { type: 'connection.failed', data: { userId: 42 } });
    source.push('booking.confirmed', { bookingRequestId: 'b' });
    expect(statuses).to.deep.equal(['connecting', 'open']);
    expect(events).to.deep.equal(['connection.failed:u1']);
    off();
    expect(source.closed).to.equal(true);
  });

  it('an error closes the source, goes unavailable, and reconnects after a growing backoff with a new ticket', async () => {
    const es = fakeEventSources();
    const n = { count: 0 };
    const stream = new LiveStream({ api: '', ticket: ticket(n), eventSource: es.factory, types: [], initialDelayMs: 40, maxDelayMs: 1000, random: () => 0.5 });
    const statuses: LiveStatus[] = [];
    const off = stream.subscribe({ status: (s) => statuses.push(s) });
    const first = await es.opened(1);
    const t0 = performance.now();
    first.fail();
    expect(first.closed).to.equal(true);
    const second = await es.opened(2);
    const t1 = performance.now();
    second.fail();
    await es.opened(3);
    const t2 = performance.now();
    // 40 ms, then 80 ms (jitter factor 1.0 with random 0.5).
    expect(t1 - t0).to.be.within(35, 75);
    expect(t2 - t1).to.be.within(75, 140);
    expect(n.count).to.equal(3);
    es.latest()!.ready();
    expect(statuses).to.deep.equal(['connecting', 'unavailable', 'open']);
    off();
  });

  it('a refused ticket also backs off and retries; unsubscribing stops the retry', async () => {
    const es = fakeEventSources();
    let asked = 0;
    const stream = new LiveStream({
      api: '',
      ticket: async () => {
        asked += 1;
        throw new ApiError(404, 'not_found', 'no stream here');
      },
      eventSource: es.factory,
      types: [],
      initialDelayMs: 20,
      random: () => 0.5,
    });
    const statuses: LiveStatus[] = [];
    const off = stream.subscribe({ status: (s) => statuses.push(s) });
    await new Promise((r) => setTimeout(r, 70));
    expect(asked).to.be.within(2, 3);
    expect(statuses).to.deep.equal(['connecting', 'unavailable']);
    off();
    const after = asked;
    await new Promise((r) => setTimeout(r, 100));
    expect(asked).to.equal(after);
    expect(es.sources).to.have.length(0);
  });

  it('without any EventSource the stream is unavailable at once (the elements then poll)', async () => {
    const original = window.EventSource;
    // @ts-expect-error — simulate a browser without EventSource
    delete window.EventSource;
    try {
      const stream = new LiveStream({ api: '', ticket: ticket({ count: 0 }), types: [] });
      const statuses: LiveStatus[] = [];
      const off = stream.subscribe({ status: (s) => statuses.push(s) });
      await new Promise((r) => setTimeout(r, 10));
      expect(statuses).to.deep.equal(['connecting', 'unavailable']);
      off();
    } finally {
      window.EventSource = original;
    }
  });

  it('is shared per token source, api and factory; the last subscriber closes it; a later one reopens', async () => {
    const es = fakeEventSources();
    const tokens = createTokenSource({ token: 't' });
    const options = { api: API, ticket: ticket({ count: 0 }), eventSource: es.factory, types: ['connection.changed'] };
    const a = sharedLiveStream(tokens, options);
    expect(sharedLiveStream(tokens, options)).to.equal(a);
    expect(sharedLiveStream(createTokenSource({ token: 't' }), options)).to.not.equal(a);
    expect(sharedLiveStream(tokens, { ...options, eventSource: fakeEventSources().factory })).to.not.equal(a);
    const offA = a.subscribe({});
    const source = await es.opened(1);
    source.ready();
    const late: LiveStatus[] = [];
    const offB = a.subscribe({ status: (s) => late.push(s) });
    expect(late).to.deep.equal(['open']);
    offA();
    expect(source.closed).to.equal(false);
    offB();
    expect(source.closed).to.equal(true);
    const offC = a.subscribe({});
    await es.opened(2);
    offC();
  });
});
