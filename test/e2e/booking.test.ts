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

    // A second applicant with their own link to the same interviewers, on a phone in New York, in German: the
    // booked time is gone and times read in their zone.
    const jwt = (await h.api<{ token: string }>('POST', '/api/demo/token', { userId: 'anna' })).body.token;
    const period = (await h.api<{ period: { start: string; end: string } }>('GET', `/api/public/bookings/${token}`)).body.period;
    const created = await h.api<{ link: string }>('POST', '/api/booking-requests', {
      title: 'Interview: Frontend Developer (m/w/d)',
      applicant: { name: 'Sam Second', email: 'sam@applicant.example' },
      participantIds: ['anna', 'ben', 'carla'],
      durationMinutes: 60,
      timeZone: 'Europe/Berlin',
      locationId: 'berlin-hq',
      roomNeeded: true,
      period,
    }, { authorization: `Bearer ${jwt}` });
    assert.equal(created.status, 201);
    const secondToken = new URL(created.body.link).searchParams.get('booking')!;
    const secondSlots = (await h.api<{ slots: Array<{ start: string }> }>('GET', `/api/public/bookings/${secondToken}/slots`)).body.slots;
    assert.deepEqual(secondSlots, afterSlots, 'the second link offers exactly what is still free');
    const phone = await h.newPage({ viewport: { width: 360, height: 780 }, locale: 'de-DE', timezoneId: 'America/New_York' });
    await phone.goto(`${h.url}/career.html?booking=${secondToken}`);
    await phone.getByRole('heading', { name: 'Wählen Sie einen Termin' }).waitFor();
    const first = phone.getByRole('option').first();
    await first.waitFor();
    assert.equal(await first.getAttribute('data-start'), afterSlots[0]!.start);
    const local = new Intl.DateTimeFormat('de-DE', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit' }).format(new Date(afterSlots[0]!.start));
    assert.match((await first.textContent()) ?? '', new RegExp(`^\\s*${local}`));
    await h.screenshot(phone, 'skeleton-4-second-visitor-360px');

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
