/**
 * The spec's interviewer and recruiter journeys on the demo admin page (issue 9: 1, 3, 4), in Chromium against the
 * real server, store and Cronofy simulator: an interviewer connects a calendar through the simulator's consent
 * page; an interviewer paints Mon–Thu 10:00–16:00 in the availability editor and a new link offers only those
 * hours; a recruiter checks three participants, invites an applicant, and sees an attendee's reply that was made
 * in the simulator. Screenshots: test-results/journey-<n>-*.png (desktop and 360 px).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';
import { EMAIL, addParticipant, asUser, axeViolations, calendarEventAt, createLink, cspViolations, openAdmin, shots, simAccount, slotsOf } from './journey-support.js';

async function heading(scope: Locator, name: string | RegExp): Promise<void> {
  await scope.getByRole('heading', { name }).first().waitFor({ timeout: 15_000 });
}

function section(page: Page, id: string): Locator {
  return page.locator(`section[aria-labelledby="${id}"]`);
}

/** Wall-clock parts of an instant in a zone. */
function wall(iso: string, zone: string): { weekday: string; minutes: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return { weekday: get('weekday'), minutes: Number(get('hour')) * 60 + Number(get('minute')) };
}

describe('journeys: interviewers and recruiters on the admin page', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  test('1: Rita connects her calendar through the simulator’s consent page; the badge turns connected', async () => {
    // The page opens as Anna; the switcher mints Rita's token and rebuilds every element for her.
    const page = await openAdmin(h, 'anna');
    await page.locator('#badge').getByText('Connected').first().waitFor({ timeout: 15_000 });
    await page.getByLabel('Act as').selectOption('rita');
    await page.getByText('Acting as Rita Recruiter.').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('user'), 'rita');
    const badge = page.locator('#badge');
    const card = page.locator('#connection');
    await badge.getByText('Not connected').first().waitFor({ timeout: 15_000 });
    await card.getByText('Not connected').first().waitFor();
    await shots(page, 'journey-1-not-connected-badge', page.locator('#badge-row'));
    await shots(page, 'journey-1-not-connected', section(page, 'connection-h'));

    await card.getByRole('button', { name: 'Connect calendar' }).click();
    // The simulator's real consent page (Cronofy's app host in production).
    await page.waitForURL(/\/sim\/app\/oauth\/authorize/);
    await page.getByRole('heading', { name: 'Connect your calendar' }).waitFor();
    await page.getByRole('radio', { name: 'A new account' }).check();
    await page.getByLabel('E-mail').fill(EMAIL.rita);
    await page.getByLabel('Name').fill('Rita Recruiter');
    await page.getByLabel('Calendar provider').selectOption('office365');
    await shots(page, 'journey-1-consent');
    await page.getByRole('button', { name: 'Allow' }).click();

    // Back on the admin page as Rita: the card reports the outcome and the new status.
    await page.waitForURL(/\/admin\.html/);
    const back = page.locator('#connection');
    await back.getByText('Your calendar is connected.').first().waitFor({ timeout: 15_000 });
    await back.getByText('Connected (individual)').first().waitFor();
    await page.locator('#badge').getByText('Connected').first().waitFor();
    assert.equal(await page.locator('#badge').getByText('Not connected').count(), 0);
    await shots(page, 'journey-1-connected-badge', page.locator('#badge-row'));
    assert.equal(new URL(page.url()).searchParams.get('user'), 'rita', 'the round trip came back to the same user');
    await shots(page, 'journey-1-connected', section(page, 'connection-h'));

    const api = await asUser<{ status: string }>(h, 'rita', 'GET', '/api/users/rita/connection');
    assert.equal(api.status, 200);
    assert.equal(api.body.status, 'connected_individual');
    await simAccount(h, EMAIL.rita);
    await page.context().close();
  });

  test('3: Ben sets Mon–Thu 10:00–16:00 in the editor; a new link offers only those hours', async () => {
    const page = await openAdmin(h, 'ben');
    const editor = page.locator('#editor');
    await heading(editor, 'Regular availability for appointments');
    const grid = editor.getByRole('grid');
    await grid.waitFor();
    // A viewport tall enough for the whole grid: a drag paints only over cells that are on screen.
    await page.setViewportSize({ width: 1100, height: 1400 });
    await grid.scrollIntoViewIfNeeded();
    const cell = (day: string, start: string) => grid.getByRole('gridcell', { name: new RegExp(`^${day} ${start} to `) });
    const drag = async (from: Locator, to: Locator) => {
      const a = (await from.boundingBox())!;
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
      await page.mouse.down();
      // Pressing focuses the cell, which may scroll: measure the target only now.
      const b = (await to.boundingBox())!;
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
      await page.mouse.up();
    };
    // Start from the default week (Mon–Fri 09:00–17:00): clear it by dragging across, then paint the new hours.
    await editor.getByText('Monday: 09:00 to 17:00').waitFor();
    await drag(cell('Monday', '09:00'), cell('Friday', '16:30'));
    await editor.getByText('Monday: not available').waitFor();
    await drag(cell('Monday', '10:00'), cell('Thursday', '15:30'));
    for (const day of ['Monday', 'Tuesday', 'Wednesday', 'Thursday']) await editor.getByText(`${day}: 10:00 to 16:00`).waitFor();
    for (const day of ['Friday', 'Saturday', 'Sunday']) await editor.getByText(`${day}: not available`).waitFor();
    await shots(page, 'journey-3-painted', section(page, 'availability-h'));
    await editor.getByRole('button', { name: 'Save' }).click();
    await editor.getByText('Your availability has been saved.').first().waitFor();
    await shots(page, 'journey-3-saved', section(page, 'availability-h'));
    assert.deepEqual(cspViolations(page), []);
    await page.context().close();

    // Stored as Ben's weekly hours, read in his own zone (London).
    const stored = await asUser<{ weeklyHours: Array<{ day: string; start: string; end: string }> }>(h, 'ben', 'GET', '/api/users/ben/availability');
    assert.equal(stored.status, 200, JSON.stringify(stored.body));
    assert.deepEqual(
      stored.body.weeklyHours.map((r) => `${r.day} ${r.start}-${r.end}`),
      ['mon', 'tue', 'wed', 'thu'].map((d) => `${d} 10:00-16:00`),
    );

    // A link for Ben alone offers only Mon–Thu times between 10:00 and 16:00 London time.
    const { token } = await createLink(h, { participantIds: ['ben'], roomNeeded: false, locationId: null, timeZone: 'Europe/London' });
    const slots = await slotsOf(h, token);
    assert.ok(slots.length > 0, 'Ben can still be booked');
    const weekdays = new Set<string>();
    for (const s of slots) {
      const start = wall(s.start, 'Europe/London');
      const end = wall(s.end, 'Europe/London');
      weekdays.add(start.weekday);
      assert.ok(['Monday', 'Tuesday', 'Wednesday', 'Thursday'].includes(start.weekday), `${s.start} is on ${start.weekday}`);
      assert.ok(start.minutes >= 600 && end.minutes <= 960 && end.weekday === start.weekday, `${s.start}–${s.end} lies within 10:00–16:00 London`);
    }
    assert.ok(weekdays.size >= 3, `slots spread over the allowed days: ${[...weekdays].join(', ')}`);
  });

  test('4: a recruiter checks three participants, invites an applicant, and sees an attendee’s reply', async () => {
    const page = await openAdmin(h, 'anna');
    const check = page.locator('#check');
    await heading(check, 'Check availability');
    for (const name of ['Anna Schmidt', 'Ben Taylor', 'Carla Díaz']) await addParticipant(check, name);
    // The table shows each participant's state at the proposed time; the next common free times are offered.
    await check.getByRole('table', { name: 'Who is free at the proposed times' }).waitFor({ timeout: 15_000 });
    for (const name of ['Anna Schmidt', 'Ben Taylor', 'Carla Díaz']) await check.getByRole('rowheader', { name: new RegExp(name) }).first().waitFor();
    const suggestions = check.getByRole('group', { name: 'Next common free times' }).getByRole('radio');
    await suggestions.first().waitFor();
    await suggestions.first().check();
    await shots(page, 'journey-4-checked', section(page, 'check-h'));
    // The whole admin page for an admin, every element loaded: no accessibility violation.
    await page.locator('#overview').getByRole('row', { name: /Rita Recruiter/ }).waitFor();
    assert.deepEqual(await axeViolations(page), [], 'axe on the admin page');

    const invited = page.evaluate(
      () =>
        new Promise<{ id: string; start: string }>((resolve) =>
          document.getElementById('check')!.addEventListener(
            'dv-invited',
            (e) => resolve((e as CustomEvent<{ appointments: Array<{ id: string; start: string }> }>).detail.appointments[0]!),
            { once: true },
          ),
        ),
    );
    await check.getByRole('button', { name: 'Send invitation' }).click();
    await heading(check, 'Invitation sent');
    const appointment = await invited;
    await shots(page, 'journey-4-invited', section(page, 'check-h'));

    // The organizer's (Anna's) simulated calendar holds the event with every attendee.
    const event = await calendarEventAt(h, EMAIL.anna, appointment.start);
    assert.ok(event.event_id, 'written by the product');
    assert.deepEqual(event.attendees?.map((a) => a.email).sort(), [EMAIL.ben, EMAIL.carla, 'jamie.doe@applicant.example'].sort());

    // Ben accepts in his calendar (the simulator mirrors the reply to the organizer's event).
    await h.sim('POST', '/replies', { event_id: event.event_id, email: EMAIL.ben, status: 'accepted', organizer_sub: (await simAccount(h, EMAIL.anna)).sub });

    // The recruiter opens the appointment from the page: the reply is shown.
    await page.getByRole('link', { name: /Open the appointment for Jamie Doe/ }).click();
    await page.waitForURL(/appointment=/);
    const opened = page.locator('#check');
    await heading(opened, 'Appointment');
    const replies = opened.getByRole('list').filter({ hasText: 'Ben Taylor' }).filter({ hasText: 'Accepted' });
    await replies.first().waitFor({ timeout: 15_000 });
    assert.match((await opened.getByRole('listitem').filter({ hasText: 'Ben Taylor' }).first().textContent()) ?? '', /Accepted/);
    assert.match((await opened.getByRole('listitem').filter({ hasText: 'Carla Díaz' }).first().textContent()) ?? '', /No answer/);
    await shots(page, 'journey-4-reply-accepted', section(page, 'check-h'));
    assert.deepEqual(cspViolations(page), [], 'the admin page and its elements run under the strict CSP');
    await page.context().close();
  });
});
