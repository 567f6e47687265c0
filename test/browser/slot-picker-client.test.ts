/**
 * The public booking client against a recorded fetch: URLs, methods, headers (Idempotency-Key), typed errors for
 * the wire error shape, network failures and proxies' non-JSON answers, and abort pass-through.
 */
import { expect } from '@open-wc/testing';
import { ApiError, NetworkError, createPublicBookingClient } from '../../src/client/index.js';
import { API, SLOTS, TOKEN, createFakeApi, errorBody } from './support/fake-public-api.js';

describe('public booking client', () => {
  it('calls one URL per endpoint with the right method, body and parsed result', async () => {
    const api = createFakeApi();
    const c = createPublicBookingClient({ api: `${API}/`, token: TOKEN, fetch: api.fetch });
    expect((await c.getDetails()).status).to.equal('open');
    expect((await c.getSlots()).slots).to.deep.equal(SLOTS);
    expect((await c.hold({ start: SLOTS[0]!.start })).holdId).to.equal('hold-1');
    expect((await c.book({ start: SLOTS[0]!.start, holdId: 'hold-1' }, { idempotencyKey: 'k1' })).start).to.equal(SLOTS[0]!.start);
    expect((await c.reschedule({ start: SLOTS[1]!.start })).start).to.equal(SLOTS[1]!.start);
    expect(await c.getAppointmentIcs()).to.equal('BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n');
    expect((await c.decline()).status).to.equal('declined');
    expect(api.calls.map((x) => x.route)).to.deep.equal([
      'GET /', 'GET /slots', 'POST /holds', 'POST /appointment', 'PUT /appointment', 'GET /appointment.ics', 'POST /decline',
    ]);
    expect(api.calls[3]!.headers.get('idempotency-key')).to.equal('k1');
    expect(api.calls[4]!.headers.get('idempotency-key')).to.match(/^[0-9a-f]{32}$/);
    expect(api.calls[0]!.headers.get('idempotency-key')).to.equal(null);
    expect(api.calls[2]!.headers.get('content-type')).to.equal('application/json');
    expect(c.icsUrl).to.equal(`${API}/api/public/bookings/${TOKEN}/appointment.ics`);
  });

  it('releases a hold with DELETE /holds/:id (path-encoded), resolving on 204 and throwing on an error answer', async () => {
    const api = createFakeApi();
    const c = createPublicBookingClient({ api: API, token: TOKEN, fetch: api.fetch });
    expect(await c.releaseHold('hld_a/b')).to.equal(undefined);
    expect(api.calls.map((x) => [x.route, x.url, x.body])).to.deep.equal([
      ['DELETE /holds/:id', `${API}/api/public/bookings/${TOKEN}/holds/hld_a%2Fb`, undefined],
    ]);
    api.once('DELETE /holds/:id', () => ({ status: 404, body: errorBody('booking_not_found', 'Nope') }));
    const e = (await c.releaseHold('hld_x').catch((x: unknown) => x)) as ApiError;
    expect([e.status, e.code]).to.deep.equal([404, 'booking_not_found']);
  });

  it('path-encodes the token', () => {
    const c = createPublicBookingClient({ api: '', token: 'a/b c' });
    expect(c.icsUrl).to.equal('/api/public/bookings/a%2Fb%20c/appointment.ics');
  });

  it('throws ApiError with status, code, message and details for the wire error shape', async () => {
    const api = createFakeApi();
    api.on('POST /holds', () => ({ status: 409, body: errorBody('slot_taken', 'Taken', { slots: [] }) }));
    const c = createPublicBookingClient({ api: API, token: TOKEN, fetch: api.fetch });
    const e = await c.hold({ start: SLOTS[0]!.start }).catch((x: unknown) => x);
    expect(e).to.be.instanceOf(ApiError);
    const err = e as ApiError;
    expect([err.status, err.code, err.message, err.details]).to.deep.equal([409, 'slot_taken', 'Taken', { slots: [] }]);
  });

  it('throws NetworkError (status 0) when fetch rejects, and ApiError for a non-JSON proxy page', async () => {
    const api = createFakeApi();
    api.once('GET /', () => 'network-error');
    api.once('GET /', () => ({ status: 502, body: '<html>Bad gateway</html>' }));
    api.once('GET /', () => ({ status: 200, body: '{"status":"open"}' }));
    const c = createPublicBookingClient({ api: API, token: TOKEN, fetch: api.fetch });
    const n = await c.getDetails().catch((x: unknown) => x);
    expect(n).to.be.instanceOf(NetworkError);
    expect([(n as NetworkError).status, (n as NetworkError).code]).to.deep.equal([0, 'network_error']);
    const p = (await c.getDetails().catch((x: unknown) => x)) as ApiError;
    expect([p.status, p.code]).to.deep.equal([502, 'internal']);
    const bad = (await c.getDetails().catch((x: unknown) => x)) as ApiError;
    expect([bad.code, bad.message]).to.deep.equal(['invalid_response', 'Response field title is not a string']);
  });

  it('lets an abort through as AbortError, not as a network error', async () => {
    const api = createFakeApi();
    api.gate('GET /');
    const c = createPublicBookingClient({ api: API, token: TOKEN, fetch: api.fetch });
    const ac = new AbortController();
    const pending = c.getDetails({ signal: ac.signal }).catch((x: unknown) => x);
    ac.abort();
    const e = await pending;
    expect(e).to.be.instanceOf(DOMException);
    expect((e as DOMException).name).to.equal('AbortError');
  });
});
