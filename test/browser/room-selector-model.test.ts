/**
 * DOM-free logic of the room selector (internal/room-options.ts) and the rooms client's response checks,
 * cross-checked against the contract's zod schemas. Exact values, table-driven.
 */
import { expect } from '@open-wc/testing';
import { ApiError } from '../../src/client/api-error.js';
import { loadRoomsResult, location, room, roomAvailability } from '../../src/client/rooms-client.js';
import {
  autoChoice,
  draftBody,
  draftIssues,
  orderRooms,
  roomsNotIn,
  shownStatus,
  timeRange,
  toInstant,
  type RoomStatus,
} from '../../src/elements/room-selector/internal/room-options.js';
import { LoadRoomsResultSchema } from '../../src/shared/api/connections.js';
import { CreateRoomSchema, LocationSchema, RoomAvailabilitySchema, RoomAvailabilityQuerySchema, RoomSchema } from '../../src/shared/api/rooms.js';
import { LOCATION, ROOMS } from './support/fake-admin-api.js';

const statuses = (o: Record<string, RoomStatus>) => new Map(Object.entries(o));

describe('room options model', () => {
  it('normalises ISO instants to the UTC form the query schema requires', () => {
    expect(toInstant('2026-03-24T10:00:00+01:00')).to.equal('2026-03-24T09:00:00Z');
    expect(toInstant('2026-03-24T09:00:00.750Z')).to.equal('2026-03-24T09:00:00Z');
    expect(toInstant('not a date')).to.equal(null);
    expect(toInstant('')).to.equal(null);
    const q = timeRange('2026-03-24T10:00:00+01:00', '2026-03-24T11:00:00+01:00')!;
    expect(q).to.deep.equal({ start: '2026-03-24T09:00:00Z', end: '2026-03-24T10:00:00Z' });
    expect(RoomAvailabilityQuerySchema.safeParse(q).success).to.equal(true);
  });

  it('treats ranges the server would refuse as no range', () => {
    expect(timeRange('2026-03-24T10:00:00Z', '2026-03-24T10:00:00Z')).to.equal(null); // empty
    expect(timeRange('2026-03-24T11:00:00Z', '2026-03-24T10:00:00Z')).to.equal(null); // reversed
    expect(timeRange('2026-03-01T00:00:00Z', '2026-05-03T00:00:00Z')).to.equal(null); // 63 days
    expect(timeRange('2026-03-01T00:00:00Z', '2026-05-02T00:00:00Z')).to.not.equal(null); // 62 days
    expect(timeRange('2026-03-01T00:00:00Z', null)).to.equal(null);
  });

  it('orders rooms as the location lists them, skipping unknown ids; all rooms without a location', () => {
    expect(orderRooms(['spree', 'ghost', 'elbe'], ROOMS).map((r) => r.id)).to.deep.equal(['spree', 'elbe']);
    expect(orderRooms(null, ROOMS).map((r) => r.id)).to.deep.equal(['elbe', 'spree', 'alster', 'isar']);
    expect(roomsNotIn(['elbe', 'spree'], ROOMS).map((r) => r.id)).to.deep.equal(['alster', 'isar']);
  });

  it('shows a status per phase; a room the answer does not mention is unknown', () => {
    const s = statuses({ elbe: 'busy', spree: 'free' });
    expect(shownStatus('elbe', 'none', s)).to.equal('none');
    expect(shownStatus('elbe', 'loading', s)).to.equal('loading');
    expect(shownStatus('elbe', 'done', s)).to.equal('busy');
    expect(shownStatus('ghost', 'done', s)).to.equal('unknown');
    expect(shownStatus('spree', 'error', new Map())).to.equal('unknown');
  });

  const rooms = orderRooms(LOCATION.roomIds, ROOMS); // elbe, spree, alster
  const autos: [string, Record<string, RoomStatus>, string, string?][] = [
    ['the first free room in order', { elbe: 'busy', spree: 'free', alster: 'free' }, 'free', 'spree'],
    ['unknown while a room may still be free', { elbe: 'busy', spree: 'busy', alster: 'unknown' }, 'unknown'],
    ['busy when every room is occupied', { elbe: 'busy', spree: 'busy', alster: 'busy' }, 'busy'],
  ];
  for (const [what, s, status, id] of autos) {
    it(`"automatically": ${what}`, () => {
      const choice = autoChoice(rooms, 'done', statuses(s));
      expect(choice.status).to.equal(status);
      expect(choice.room?.id).to.equal(id);
    });
  }
  it('"automatically" with no rooms is busy; without a range, none', () => {
    expect(autoChoice([], 'done', new Map()).status).to.equal('busy');
    expect(autoChoice(rooms, 'none', new Map()).status).to.equal('none');
    expect(autoChoice(rooms, 'loading', new Map()).status).to.equal('loading');
  });

  it('checks the create-room draft with the contract\'s limits', () => {
    expect(draftIssues({ name: ' ', email: 'x', capacity: '0' })).to.deep.equal({ name: 'name', email: 'email', capacity: 'capacity' });
    expect(draftIssues({ name: 'Elbe', email: 'elbe@example.test', capacity: '' })).to.deep.equal({});
    expect(draftIssues({ name: 'Elbe', email: 'elbe@example.test', capacity: '10001' })).to.deep.equal({ capacity: 'capacity' });
    expect(draftIssues({ name: 'Elbe', email: 'elbe@example.test', capacity: '2.5' })).to.deep.equal({ capacity: 'capacity' });
    for (const d of [
      { name: ' Elbe ', email: ' elbe@example.test ', capacity: '' },
      { name: 'Spree', email: 'spree@example.test', capacity: '10000' },
    ]) {
      expect(draftIssues(d)).to.deep.equal({});
      expect(CreateRoomSchema.safeParse(draftBody(d)).success, JSON.stringify(d)).to.equal(true);
    }
    expect(draftBody({ name: ' Elbe ', email: 'e@x.de', capacity: ' 6 ' })).to.deep.equal({ name: 'Elbe', email: 'e@x.de', capacity: 6 });
  });
});

describe('rooms client checks', () => {
  it('accept what the contract schemas produce', () => {
    const r = RoomSchema.parse(ROOMS[2]);
    expect(room(r)).to.deep.equal(r);
    expect(location(LocationSchema.parse(LOCATION))).to.deep.equal(LOCATION);
    const av = RoomAvailabilitySchema.parse({
      start: '2026-03-24T09:00:00Z',
      end: '2026-03-24T10:00:00Z',
      rooms: [{ roomId: 'elbe', name: 'Elbe', status: 'busy', busy: [{ start: '2026-03-24T09:00:00Z', end: '2026-03-24T09:30:00Z' }] }],
    });
    expect(roomAvailability(av)).to.deep.equal(av);
    const load = LoadRoomsResultSchema.parse({ items: ROOMS, loaded: 4, authorizationsRequested: 0 });
    expect(loadRoomsResult(load)).to.deep.equal(load);
  });

  it('refuse a malformed answer with ApiError invalid_response', () => {
    for (const [check, value, field] of [
      [room, { ...ROOMS[0], capacity: '6' }, 'capacity'],
      [roomAvailability, { start: '2026-03-24T09:00:00Z', end: '2026-03-24T10:00:00Z', rooms: [{ roomId: 'x', name: 'X', status: 'maybe', busy: [] }] }, 'rooms[0].status'],
      [location, { ...LOCATION, roomIds: 'elbe' }, 'roomIds'],
    ] as const) {
      let error: unknown;
      try {
        (check as (v: unknown) => unknown)(value);
      } catch (e) {
        error = e;
      }
      expect(error, field).to.be.instanceOf(ApiError);
      expect((error as ApiError).code).to.equal('invalid_response');
      expect((error as ApiError).message).to.include(field);
    }
  });
});
