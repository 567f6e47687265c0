/**
 * Writing to an attendee's account: an event upserted with attendees into the organizer's calendar appears in every
 * simulated attendee's (and room's) calendar, so it shows in their free/busy; replies, updates, removals and deletes
 * propagate; each affected account's channels get a change notification.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connect, makeClient, makeSim } from '../cronofy/support.js';

const START = '2030-06-03T09:00:00Z';
const END = '2030-06-03T10:00:00Z';

async function setup() {
  const { sim, callbacks } = makeSim({ now: () => Date.parse('2030-06-01T08:00:00Z') });
  const { client } = makeClient(sim, { clock: { now: () => Date.parse('2030-06-01T08:00:00Z'), sleep: async () => undefined } });
  const ann = await connect(sim, client, 'ann@corp.example', { name: 'Ann Organizer' });
  const bob = await connect(sim, client, 'bob@corp.example', { name: 'Bob Interviewer', zoneinfo: 'Europe/London' });
  const room = sim.control.createResource({ email: 'room-1@corp.example', name: 'Room 1', capacity: 6 });
  const { code } = sim.control.issueAuthorizationCode(room.sub, { redirect_uri: 'https://x.test/cb' });
  const roomTokens = await client.exchangeCode({ code, redirect_uri: 'https://x.test/cb' });
  const fb = async (token: string) =>
    (await client.freeBusy(token, { tzid: 'Europe/Berlin', from: '2030-06-01', to: '2030-06-10' })).free_busy.map((p) => [p.start, p.end, p.free_busy_status]);
  const upsert = (extra: Record<string, unknown> = {}) =>
    client.upsertEvent(ann.tokens.access_token, ann.calendarId, {
      event_id: 'appt-42',
      summary: 'Interview: Jane Applicant',
      start: START,
      end: END,
      attendees: { invite: [{ email: 'Bob@corp.example', display_name: 'Bob' }, { email: 'room-1@corp.example' }, { email: 'jane@applicant.example' }] },
      ...extra,
    });
  return { sim, callbacks, client, ann, bob, room, roomTokens, fb, upsert };
}

test('invited simulated accounts get the event as tentative; rooms auto-accept and are busy', async () => {
  const { sim, client, ann, bob, room, roomTokens, fb, upsert } = await setup();
  await upsert();
  assert.deepEqual(await fb(bob.tokens.access_token), [[START, END, 'tentative']]);
  assert.deepEqual(await fb(roomTokens.access_token), [[START, END, 'busy']]);
  assert.deepEqual(await fb(ann.tokens.access_token), [], 'the organizer’s own managed event is excluded by default');
  const annManaged = await client.freeBusy(ann.tokens.access_token, { tzid: 'Europe/Berlin', from: '2030-06-01', to: '2030-06-10', include_managed: true });
  assert.deepEqual(annManaged.free_busy.map((p) => p.free_busy_status), ['busy']);
  const [copy] = sim.control.listEvents(bob.account.sub);
  assert.deepEqual([copy?.summary, copy?.participation_status, copy?.organizer.email, copy?.event_id], ['Interview: Jane Applicant', 'needs_action', 'ann@corp.example', undefined]);
  const organizerView = await client.readEvents(ann.tokens.access_token, { tzid: 'Etc/UTC', only_managed: true });
  assert.deepEqual(organizerView.events[0]?.attendees?.map((a) => [a.email, a.status]), [
    ['bob@corp.example', 'needs_action'],
    ['room-1@corp.example', 'accepted'],
    ['jane@applicant.example', 'needs_action'],
  ]);
  assert.equal(sim.control.listEvents(room.sub).length, 1);
});

test('attendee replies move the mirror between tentative, busy and free, and show on the organizer’s event', async () => {
  const { sim, client, ann, bob, fb, upsert } = await setup();
  await upsert();
  sim.control.reply({ event_id: 'appt-42', email: 'bob@corp.example', status: 'accepted' });
  assert.deepEqual(await fb(bob.tokens.access_token), [[START, END, 'busy']]);
  sim.control.reply({ event_id: 'appt-42', email: 'jane@applicant.example', status: 'tentative' });
  sim.control.reply({ event_id: 'appt-42', email: 'bob@corp.example', status: 'declined' });
  assert.deepEqual(await fb(bob.tokens.access_token), [], 'a declined invitation does not block time');
  const [event] = (await client.readEvents(ann.tokens.access_token, { tzid: 'Etc/UTC', only_managed: true })).events;
  assert.deepEqual(event?.attendees?.map((a) => a.status), ['declined', 'accepted', 'tentative']);
  assert.throws(() => sim.control.reply({ event_id: 'appt-42', email: 'stranger@x.example', status: 'accepted' }), /no managed event/);
});

test('updates keep replies and move the mirrors; reject removes one attendee; delete removes every mirror', async () => {
  const { sim, ann, bob, room, client, fb, upsert } = await setup();
  await upsert();
  sim.control.reply({ event_id: 'appt-42', email: 'bob@corp.example', status: 'accepted' });
  await upsert({ start: '2030-06-04T13:00:00Z', end: '2030-06-04T14:00:00Z' });
  assert.deepEqual(await fb(bob.tokens.access_token), [['2030-06-04T13:00:00Z', '2030-06-04T14:00:00Z', 'busy']], 'reply kept across the move');
  await client.upsertEvent(ann.tokens.access_token, ann.calendarId, {
    event_id: 'appt-42',
    summary: 'Interview: Jane Applicant',
    start: '2030-06-04T13:00:00Z',
    end: '2030-06-04T14:00:00Z',
    attendees: { reject: [{ email: 'bob@corp.example' }] },
  });
  assert.deepEqual(await fb(bob.tokens.access_token), []);
  assert.equal(sim.control.listEvents(room.sub).length, 1);
  await client.deleteEvent(ann.tokens.access_token, ann.calendarId, { event_id: 'appt-42' });
  assert.equal(sim.control.listEvents(room.sub).length, 0);
  assert.equal(sim.control.listEvents(bob.account.sub).length, 0);
  assert.equal(sim.control.listEvents(room.sub, { include_deleted: true })[0]?.deleted, true);
});

test('every affected account’s channels get a change notification', async () => {
  const { sim, callbacks, client, ann, bob, upsert } = await setup();
  await client.createChannel(ann.tokens.access_token, { callback_url: 'https://ats.test/push/ann' });
  await client.createChannel(bob.tokens.access_token, { callback_url: 'https://ats.test/push/bob' });
  await sim.control.idle();
  callbacks.length = 0;
  await upsert();
  await sim.control.idle();
  assert.deepEqual(callbacks.map((c) => [c.url, JSON.parse(c.body).notification.type]).sort(), [
    ['https://ats.test/push/ann', 'change'],
    ['https://ats.test/push/bob', 'change'],
  ]);
  callbacks.length = 0;
  sim.control.reply({ event_id: 'appt-42', email: 'bob@corp.example', status: 'accepted' });
  await sim.control.idle();
  assert.equal(callbacks.length, 2, 'a reply changes both calendars');
  // The attendee’s mirror is an external event for Bob: visible without include_managed.
  const bobEvents = await client.readEvents(bob.tokens.access_token, { tzid: 'Etc/UTC' });
  assert.deepEqual(bobEvents.events.map((e) => [e.summary, e.participation_status]), [['Interview: Jane Applicant', 'accepted']]);
});
