/**
 * The spec's self-booking journeys (issue 9: 5, 6, 8, 9) in Chromium against the real server, the embedded store
 * and the Cronofy simulator: a recruiter creates the link on the demo admin page, applicants book it on the career
 * page in their own time zone — with the mouse, racing each other, and with the keyboard only — and a cancelled link
 * tells the applicant it is no longer valid. Outcomes are read where they land: the simulator's calendars, the
 * recruiter API, the demo's host-webhook receiver and the visible text. Screenshots: test-results/journey-<n>-*.png.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';
import {
  ANNA_AND_BEN,
  EMAIL,
  addParticipant,
  cspViolations,
  calendarEventAt,
  createLink,
  eventually,
  openAdmin,
  openCareer,
  requestView,
  shots,
  simEvents,
  slotsOf,
  tokenOf,
  webhook,
  type RequestView,
} from './journey-support.js';

const NEW_YORK = { timezoneId: 'America/New_York', locale: 'en-US' };

function nyTime(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'America/New_York', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

async function heading(scope: Locator, name: string | RegExp): Promise<void> {
  await scope.getByRole('heading', { name }).first().waitFor({ timeout: 15_000 });
}

describe('journeys: self-booking', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  /** The recruiter's part of journey 5 on the admin page: a link for the interviewers named, with a room. */
  async function recruiterCreatesLink(
    applicant: { name: string; email: string },
    interviewers: string[],
    shot?: string,
  ): Promise<{ admin: Page; element: Locator; link: string; id: string }> {
    const admin = await openAdmin(h, 'anna');
    const element = admin.locator('#request');
    await heading(element, 'Applicant self-booking');
    await element.getByLabel('Applicant’s name').fill(applicant.name);
    await element.getByLabel('Applicant’s e-mail').fill(applicant.email);
    for (const name of interviewers) await addParticipant(element, name);
    await element.getByLabel('Location').selectOption('berlin-hq');
    await element.getByRole('checkbox', { name: 'Room needed' }).check();
    await element.getByText(/(\d+ times|1 time) available in this period\./).waitFor({ timeout: 15_000 });
    if (shot) await shots(admin, `${shot}-form`, admin.locator('section[aria-labelledby="request-h"]'));
    const created = admin.evaluate(
      () => new Promise<string>((resolve) => document.getElementById('request')!.addEventListener('dv-request-created', (e) => resolve((e as CustomEvent<{ request: { id: string } }>).detail.request.id), { once: true })),
    );
    await element.getByRole('button', { name: 'Create booking link' }).click();
    await heading(element, 'Waiting for the applicant to book');
    const id = await created;
    const link = await element.getByLabel('Booking link for the applicant').inputValue();
    assert.match(link, /\/career\.html\?booking=/);
    if (shot) await shots(admin, `${shot}-link`, admin.locator('section[aria-labelledby="request-h"]'));
    return { admin, element, link, id };
  }

  test('5: recruiter creates a link with a room; applicant in New York books; room, calendars, webhook, reload', async () => {
    const applicant = { name: 'Nora York', email: 'nora.york@applicant.example' };
    const { admin, element, link, id } = await recruiterCreatesLink(applicant, ['Anna Schmidt', 'Ben Taylor', 'Carla Díaz'], 'journey-5-recruiter');
    const token = tokenOf(link);
    const offered = await slotsOf(h, token);
    assert.ok(offered.length > 0, 'the link offers times');

    // The applicant opens the link on their own machine in New York.
    const { page, picker } = await openCareer(h, token, NEW_YORK);
    await heading(picker, 'Choose a time');
    const first = picker.getByRole('option').first();
    await first.waitFor();
    assert.equal(await first.getAttribute('data-start'), offered[0]!.start, 'the first offered time is the API’s first slot');
    assert.match((await first.textContent()) ?? '', new RegExp(nyTime(offered[0]!.start)), 'times read in New York time');
    await shots(page, 'journey-5-applicant-pick');
    await first.click();
    await heading(picker, 'Confirm your appointment');
    await shots(page, 'journey-5-applicant-confirm');
    await picker.getByRole('button', { name: 'Book appointment' }).click();
    await heading(picker, 'Your appointment is booked');
    await shots(page, 'journey-5-applicant-booked');
    const booked = offered[0]!;

    // The first free room of Berlin HQ (Spree, first in the location's booking order and free) is assigned.
    const view = await eventually('the request booked with its calendar write done', async () => {
      const v = await requestView(h, id);
      return v.status === 'booked' && v.appointment?.calendarState === 'written' ? v : null;
    });
    assert.equal(view.appointment!.start, booked.start);
    assert.equal(view.appointment!.roomId, 'room-spree');

    // The organizer's calendar holds the event with every attendee; each interviewer's own calendar shows it.
    const event = await calendarEventAt(h, EMAIL.anna, booked.start);
    assert.deepEqual(event.attendees?.map((a) => a.email).sort(), [EMAIL.ben, EMAIL.carla, applicant.email, 'room.spree@muster.example'].sort());
    for (const email of [EMAIL.ben, EMAIL.carla]) await calendarEventAt(h, email, booked.start);

    // The host's webhook receiver got booking.confirmed for this request.
    await webhook(h, 'booking.confirmed', { bookingRequestId: id });

    // Reloading the link shows the booked appointment (the link stays valid after booking).
    await page.reload();
    await heading(picker, 'Your appointment is booked');
    await picker.getByText(nyTime(booked.start)).first().waitFor();
    await page.context().close();

    // The recruiter's element shows the booking and the room.
    await element.getByRole('button', { name: 'Refresh' }).click();
    await heading(element, 'Booked');
    await element.getByText('Spree').waitFor();
    await shots(admin, 'journey-5-recruiter-booked', admin.locator('section[aria-labelledby="request-h"]'));
    assert.deepEqual(cspViolations(admin), [], 'the admin page and its elements run under the strict CSP');
    await admin.context().close();
  });
  test('6: two applicants race for the same time: one books, the other sees "just taken" and fresh times', async () => {
    const a = await createLink(h, { participantIds: ANNA_AND_BEN });
    const b = await createLink(h, { participantIds: ANNA_AND_BEN });
    const first = await openCareer(h, a.token, NEW_YORK);
    const second = await openCareer(h, b.token, { viewport: { width: 360, height: 780 } });
    await heading(first.picker, 'Choose a time');
    await heading(second.picker, 'Choose a time');
    const contested = (await first.picker.getByRole('option').first().getAttribute('data-start'))!;
    assert.equal(await second.picker.getByRole('option').first().getAttribute('data-start'), contested, 'both are offered the same time');

    // Both click it at the same moment: the store's guard lets exactly one hold it.
    await Promise.all([first.picker.getByRole('option').first().click(), second.picker.getByRole('option').first().click()]);
    const outcome = async (picker: Locator) =>
      Promise.race([
        // The confirm step shows at once; "holding this time for you" only once the server granted the hold.
        picker.getByRole('paragraph').filter({ hasText: /We are holding this time for you/ }).waitFor({ timeout: 15_000 }).then(() => 'held' as const),
        picker.getByText('This time was just taken. Please choose another time.', { exact: true }).waitFor({ timeout: 15_000 }).then(() => 'taken' as const),
      ]);
    const [o1, o2] = await Promise.all([outcome(first.picker), outcome(second.picker)]);
    assert.deepEqual([o1, o2].sort(), ['held', 'taken'], 'one holds the time, the other is told it was just taken');
    const [winner, loser, loserToken] = o1 === 'held' ? [first, second, b.token] : [second, first, a.token];

    await winner.picker.getByRole('button', { name: 'Book appointment' }).click();
    await heading(winner.picker, 'Your appointment is booked');
    await shots(winner.page, 'journey-6-winner-booked');

    // The other one sees fresh times without the contested one (the list on screen and the API agree).
    await heading(loser.picker, 'Choose a time');
    const fresh = await loser.picker.getByRole('option').evaluateAll((els) => els.map((e) => e.getAttribute('data-start')));
    assert.equal(fresh.includes(contested), false, 'the taken time is gone');
    const api = await slotsOf(h, loserToken);
    assert.ok(api.length > 0, 'fresh times are offered');
    assert.equal(api.some((s) => s.start === contested), false);
    await shots(loser.page, 'journey-6-loser-just-taken');

    // Exactly one appointment at that time in the organizer's calendar.
    await calendarEventAt(h, EMAIL.anna, contested);
    const atContested = (await simEvents(h, EMAIL.anna)).filter((e) => e.event_id && !e.deleted && Date.parse(e.start) === Date.parse(contested));
    assert.equal(atContested.length, 1, 'one booking, never two');
    await winner.page.context().close();
    await loser.page.context().close();
  });

  test('8: recruiter cancels a booked request in the element; the applicant’s link is no longer valid', async () => {
    const { admin, element, link, id } = await recruiterCreatesLink({ name: 'Cleo Cancel', email: 'cleo@applicant.example' }, ['Anna Schmidt', 'Ben Taylor']);
    const token = tokenOf(link);
    // The applicant books (through the public API: journey 5 covers the page).
    const slot = (await slotsOf(h, token))[0]!;
    const hold = await h.api<{ holdId: string }>('POST', `/api/public/bookings/${token}/holds`, { start: slot.start });
    assert.equal(hold.status, 201, JSON.stringify(hold.body));
    const booked = await h.api('POST', `/api/public/bookings/${token}/appointment`, { start: slot.start, holdId: hold.body.holdId });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    await calendarEventAt(h, EMAIL.anna, slot.start);

    await element.getByRole('button', { name: 'Refresh' }).click();
    await heading(element, 'Booked');
    await element.getByRole('button', { name: 'Cancel booking request' }).click();
    const dialog = element.getByRole('dialog', { name: 'Cancel the booking request?' });
    await dialog.waitFor();
    await shots(admin, 'journey-8-confirm-cancel', admin.locator('section[aria-labelledby="request-h"]'));
    await dialog.getByRole('button', { name: 'Cancel booking request' }).click();
    await heading(element, 'Booking request cancelled');
    await element.getByText('The booking request was cancelled.').waitFor();
    await shots(admin, 'journey-8-cancelled', admin.locator('section[aria-labelledby="request-h"]'));

    const view: RequestView = await requestView(h, id);
    assert.equal(view.status, 'cancelled');
    await webhook(h, 'booking.cancelled', { bookingRequestId: id });
    // The event left the organizer's calendar.
    await eventually('the cancelled event removed from the organizer calendar', async () =>
      !(await simEvents(h, EMAIL.anna)).some((e) => e.event_id && !e.deleted && Date.parse(e.start) === Date.parse(slot.start)),
    );

    // The applicant's link now says it is no longer valid.
    const { page, picker } = await openCareer(h, token, NEW_YORK);
    await heading(picker, 'This booking link is no longer valid');
    await picker.getByText('Please reply to the e-mail that contained the link.').waitFor();
    assert.equal((await h.api('GET', `/api/public/bookings/${token}/slots`)).status, 410);
    await shots(page, 'journey-8-applicant-link-invalid');
    await page.context().close();
    await admin.context().close();
  });

  test('9: keyboard only: the applicant in New York books without a mouse', async () => {
    const { token } = await createLink(h, { participantIds: ANNA_AND_BEN, applicant: { name: 'Kim Keys', email: 'kim.keys@applicant.example' } });
    const offered = await slotsOf(h, token);
    const { page, picker } = await openCareer(h, token, NEW_YORK);
    await heading(picker, 'Choose a time');
    const focused = () =>
      page.evaluate(() => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return el ? { role: el.getAttribute('role') ?? el.tagName.toLowerCase(), text: (el.textContent ?? '').trim(), start: el.getAttribute('data-start') } : null;
      });
    // Tab from the top of the page to the first offered time.
    let at = await focused();
    for (let i = 0; i < 20 && at?.role !== 'option'; i++) {
      await page.keyboard.press('Tab');
      at = await focused();
    }
    assert.equal(at?.role, 'option', 'Tab reaches the offered times');
    assert.equal(at?.start, offered[0]!.start);
    await shots(page, 'journey-9-keyboard-time-focused');
    await page.keyboard.press('Enter');
    await heading(picker, 'Confirm your appointment');
    // Tab to "Book appointment" and press Enter.
    at = await focused();
    for (let i = 0; i < 10 && at?.text !== 'Book appointment'; i++) {
      await page.keyboard.press('Tab');
      at = await focused();
    }
    assert.equal(at?.text, 'Book appointment', 'Tab reaches the book button');
    await shots(page, 'journey-9-keyboard-book-focused');
    await page.keyboard.press('Enter');
    await heading(picker, 'Your appointment is booked');
    await shots(page, 'journey-9-keyboard-booked');
    await calendarEventAt(h, EMAIL.anna, offered[0]!.start);
    await page.context().close();
  });
});
