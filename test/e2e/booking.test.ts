/**
 * The walking skeleton's journey in a real browser: an applicant opens the seeded booking link on the demo
 * career page, picks the first offered time, books it; the event lands in the organizer's simulated calendar
 * with every attendee, the attendees' calendars show it as busy, the host webhook arrives, and a second visitor
 * no longer sees that time.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHarness, type Harness } from './harness.js';

interface SimAccount {
  sub: string;
  email: string;
}
interface SimEvent {
  event_id?: string;
  summary?: string;
  start: string;
  end: string;
  attendees?: Array<{ email: string; status: string }>;
}

describe('applicant books an interview end to end', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('pick, confirm, book; calendars, webhook and a second visitor agree', async () => {
    const info = (await h.api<{ bookingToken: string }>('GET', '/api/demo')).body;
    const token = info.bookingToken;
    const before = (await h.api<{ slots: Array<{ start: string; end: string }> }>('GET', `/api/public/bookings/${token}/slots`)).body.slots;
    assert.ok(before.length > 0, 'the seeded link offers times');

    const page = await h.newPage();
    await page.goto(`${h.url}/career.html?booking=${token}&lang=en`);
    const grid = page.getByRole('grid');
    await grid.waitFor();
    await h.screenshot(page, 'skeleton-1-pick');

    // The first day with times is preselected; its first time is the first slot the API offers.
    const firstTime = page.getByRole('option').first();
    await firstTime.waitFor();
    assert.equal(await firstTime.getAttribute('data-start'), before[0]!.start);
    await firstTime.click();
    const bookButton = page.getByRole('button', { name: 'Book appointment' });
    await bookButton.waitFor();
    await page.getByRole('paragraph').filter({ hasText: /holding this time for you/ }).waitFor();
    await h.screenshot(page, 'skeleton-2-confirm');
    await bookButton.click();
    await page.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();
    await h.screenshot(page, 'skeleton-3-booked');

    // The organizer's calendar holds the event with participants, room and applicant as attendees.
    const accounts = (await h.sim<{ accounts: SimAccount[] }>('GET', '/accounts')).accounts;
    const anna = accounts.find((a) => a.email === 'anna.schmidt@muster.example')!;
    const ben = accounts.find((a) => a.email === 'ben.taylor@muster.example')!;
    const annaEvents = (await h.sim<{ events: SimEvent[] }>('GET', `/accounts/${anna.sub}/events`)).events;
    const written = annaEvents.find((e) => e.event_id);
    assert.ok(written, 'the product wrote an event into the organizer calendar');
    assert.equal(written.summary, 'Interview: Frontend Developer (m/w/d)');
    assert.equal(Date.parse(written.start), Date.parse(before[0]!.start));
    assert.deepEqual(
      written.attendees?.map((a) => a.email).sort(),
      ['ben.taylor@muster.example', 'carla.diaz@muster.example', 'jamie.doe@applicant.example', 'room.spree@muster.example'],
    );
    // …and the simulator shows it in an attendee's own calendar, so their free/busy is busy then.
    const benEvents = (await h.sim<{ events: SimEvent[] }>('GET', `/accounts/${ben.sub}/events`)).events;
    assert.ok(benEvents.some((e) => Date.parse(e.start) === Date.parse(before[0]!.start)));

    // A second visitor (another link sharing the interviewers would see the same): the time is gone.
    const afterSlots = (await h.api<{ slots: Array<{ start: string }> }>('GET', `/api/public/bookings/${token}/slots`)).body.slots;
    assert.equal(afterSlots.some((s) => s.start === before[0]!.start), false);

    // Reloading the link shows the booked appointment.
    await page.reload();
    await page.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();

    // The host's webhook receiver got booking.confirmed (delivered from the outbox within seconds).
    let types: string[] = [];
    for (let i = 0; i < 50 && !types.includes('booking.confirmed'); i++) {
      await new Promise((r) => setTimeout(r, 200));
      types = (await h.api<{ deliveries: Array<{ type: string }> }>('GET', '/api/demo/webhooks')).body.deliveries.map((d) => d.type);
    }
    assert.ok(types.includes('booking.confirmed'), `webhooks received: ${types.join(', ')}`);
  });
});
