/**
 * Journey 7 of issue 9: every reason a self-booking fails (spec §16), end to end in Chromium against the real
 * server, store and Cronofy simulator — the applicant declines; no common free time; the simulator disconnects an
 * interviewer's profile (the card turns "Connection failed", the host hears `connection.failed` and `booking.failed`
 * with `participant_disconnected`); the period ends without a booking. Each reason is checked in the recruiter API,
 * the demo's webhook receiver, the recruiter's <dv-booking-request> on the admin page and the applicant's page.
 *
 * Expiry: the harness moves the server's clock (and the simulator's) past the period's end; the link reads as
 * expired at once. The expiry job runs once a minute in the server, so the test runs that same job function
 * (`expireBookingRequests`) against the server's store with the server's clock instead of waiting for it; the job
 * stores the status and queues `booking.failed` (`expired`), which the server's own outbox then delivers. It runs
 * last in this file, since the clock stays moved.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator } from 'playwright-core';
import { silentLogger } from '../../src/server/middleware/logging.js';
import { expireBookingRequests } from '../../src/server/services/booking-requests.js';
import { startHarness, type Harness } from './harness.js';
import {
  EMAIL,
  addParticipant,
  asUser,
  createLink,
  eventually,
  openAdmin,
  openCareer,
  requestView,
  shots,
  simAccount,
  slotsOf,
  tokenOf,
  webhook,
} from './journey-support.js';

const DAY = 86_400_000;

async function heading(scope: Locator, name: string | RegExp): Promise<void> {
  await scope.getByRole('heading', { name }).first().waitFor({ timeout: 15_000 });
}

/** `YYYY-MM-DD` of an instant in Berlin. */
function berlinDate(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(ms));
}

describe('journey 7: why a self-booking failed, end to end', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h?.close();
  });

  /** The recruiter's view of one request on the admin page. */
  async function recruiterSees(id: string, reason: string | RegExp, shot: string): Promise<void> {
    const admin = await openAdmin(h, 'anna', `/admin.html?request=${encodeURIComponent(id)}`);
    const element = admin.locator('#request');
    await heading(element, 'Booking failed');
    await element.getByText(reason).first().waitFor();
    await shots(admin, shot, admin.locator('section[aria-labelledby="request-h"]'));
    await admin.context().close();
  }

  test('the demo host keeps receiving webhooks after an admin rotates the signing secret', async () => {
    // The demo's receiver keeps its copy of the secret, as a host does, and must pick up the new one.
    const before = await createLink(h);
    assert.equal((await h.api('POST', `/api/public/bookings/${before.token}/decline`)).status, 200);
    await webhook(h, 'booking.failed', { bookingRequestId: before.request.id, reason: 'declined' });
    assert.equal((await asUser(h, 'anna', 'POST', '/api/settings/webhook-secret')).status, 201);
    const after = await createLink(h);
    assert.equal((await h.api('POST', `/api/public/bookings/${after.token}/decline`)).status, 200);
    await webhook(h, 'booking.failed', { bookingRequestId: after.request.id, reason: 'declined' });
  });

  test('7a: the applicant declines every offered day', async () => {
    const { token, request } = await createLink(h);
    const { page, picker } = await openCareer(h, token, { timezoneId: 'America/New_York' });
    await heading(picker, 'Choose a time');
    await picker.getByRole('button', { name: 'I am not available on these days' }).click();
    await heading(picker, 'Thank you for letting us know');
    await picker.getByText('Please reply to the e-mail that contained the link and tell us when you are available.').waitFor();
    await shots(page, 'journey-7-declined-applicant');
    await page.context().close();

    const view = await requestView(h, request.id);
    assert.equal(view.status, 'declined');
    assert.equal(view.failureReason, 'declined');
    await webhook(h, 'booking.failed', { bookingRequestId: request.id, reason: 'declined' });
    await recruiterSees(request.id, /The applicant was not available on any of the offered days/, 'journey-7-declined-recruiter');
  });

  test('7b: no common free time: the recruiter is told before sending, and the request fails at once', async () => {
    // Carla is away for a whole day; a request for that day only has no time at which everyone is free.
    const day = berlinDate(h.clock.now() + 10 * DAY);
    const carla = await simAccount(h, EMAIL.carla);
    const next = berlinDate(Date.parse(`${day}T12:00:00Z`) + DAY);
    await h.sim('POST', `/accounts/${carla.sub}/events`, { start: day, end: next, summary: 'Offsite' });

    const admin = await openAdmin(h, 'anna');
    const element = admin.locator('#request');
    await heading(element, 'Applicant self-booking');
    await element.getByLabel('Applicant’s name').fill('Nico Nospace');
    await element.getByLabel('Applicant’s e-mail').fill('nico@applicant.example');
    for (const name of ['Anna Schmidt', 'Carla Díaz']) await addParticipant(element, name);
    await element.getByLabel('From').fill(day);
    await element.getByLabel('To').fill(day);
    await element.getByText('There is no time in this period when everyone is free.').waitFor({ timeout: 15_000 });
    await element.getByText('Carla Díaz has no free time in this period.').waitFor();
    await shots(admin, 'journey-7-no-common-slot-preview', admin.locator('section[aria-labelledby="request-h"]'));
    const created = admin.evaluate(
      () => new Promise<string>((resolve) => document.getElementById('request')!.addEventListener('dv-request-created', (e) => resolve((e as CustomEvent<{ request: { id: string } }>).detail.request.id), { once: true })),
    );
    await element.getByRole('button', { name: 'Create booking link' }).click();
    const id = await created;
    await heading(element, 'Booking failed');
    await element.getByText('There was no time in the period when all participants were free.').waitFor();
    await shots(admin, 'journey-7-no-common-slot-recruiter', admin.locator('section[aria-labelledby="request-h"]'));
    const link = await element.getByLabel('Booking link for the applicant').inputValue().catch(() => '');
    await admin.context().close();

    const view = await requestView(h, id);
    assert.equal(view.status, 'failed');
    assert.equal(view.failureReason, 'no_common_slot');
    await webhook(h, 'booking.failed', { bookingRequestId: id, reason: 'no_common_slot' });
    if (link) {
      // Whoever opens the link learns it is no longer valid.
      const { page, picker } = await openCareer(h, tokenOf(link));
      await heading(picker, 'This booking link is no longer valid');
      await page.context().close();
    }
  });

  test('7c: the simulator disconnects an interviewer’s profile: card, webhooks, request, applicant', async () => {
    const { token, request } = await createLink(h);
    const ben = await simAccount(h, EMAIL.ben);
    const page = await openAdmin(h, 'ben');
    const card = page.locator('#connection');
    await card.getByText('Connected (individual)').first().waitFor({ timeout: 15_000 });
    await shots(page, 'journey-7-disconnect-before', page.locator('section[aria-labelledby="connection-h"]'));

    await h.sim('POST', `/accounts/${ben.sub}/disconnect`);
    // The push notification reaches the server, which marks the connection failed and tells the page live.
    await card.getByText('Connection failed').first().waitFor({ timeout: 20_000 });
    await card.getByText('The calendar account was disconnected at the calendar provider.').waitFor();
    await page.locator('#badge').getByText('Connection failed').first().waitFor();
    await shots(page, 'journey-7-disconnect-card-failed', page.locator('section[aria-labelledby="connection-h"]'));
    await page.context().close();

    await webhook(h, 'connection.failed', { userId: 'ben' });
    await webhook(h, 'booking.failed', { bookingRequestId: request.id, reason: 'participant_disconnected', userId: 'ben' });
    const view = await requestView(h, request.id);
    assert.equal(view.status, 'failed');
    assert.equal(view.failureReason, 'participant_disconnected');
    await recruiterSees(request.id, /A participant’s calendar was disconnected/, 'journey-7-disconnect-recruiter');

    const applicant = await openCareer(h, token);
    await heading(applicant.picker, 'This booking link is no longer valid');
    await applicant.page.context().close();

    // The admin overview counts Ben as failed.
    const overview = await openAdmin(h, 'anna');
    const list = overview.locator('#overview');
    await list.getByRole('row', { name: /Ben Taylor/ }).getByText('Connection failed').waitFor({ timeout: 15_000 });
    // …and the page's webhook log lists what the host received.
    await overview.locator('#refresh-hooks').click();
    const hooks = overview.locator('#hooks tr');
    await hooks.filter({ hasText: 'connection.failed' }).filter({ hasText: '"userId":"ben"' }).first().waitFor();
    await hooks.filter({ hasText: 'booking.failed' }).filter({ hasText: 'participant_disconnected' }).filter({ hasText: request.id }).first().waitFor();
    await shots(overview, 'journey-7-disconnect-webhook-log', overview.locator('section[aria-labelledby="hooks-h"]'));
    await overview.context().close();
  });

  test('7d: the period ends without a booking: the link is disabled and the host is told', async () => {
    // A one-day period on a (UTC) day when Anna and Carla share free time: which day that is depends on the date
    // the suite runs, so it is read from a three-week link for the two of them.
    const now = h.clock.now();
    const scout = await createLink(h, { participantIds: ['anna', 'carla'] });
    const [firstFree] = await slotsOf(h, scout.token);
    assert.ok(firstFree, 'Anna and Carla share free time within three weeks');
    const start = Math.floor(Date.parse(firstFree.start) / DAY) * DAY;
    const { token, request } = await createLink(h, {
      participantIds: ['anna', 'carla'],
      period: { start: new Date(start).toISOString(), end: new Date(start + DAY).toISOString() },
    });
    const open = await openCareer(h, token);
    await heading(open.picker, 'Choose a time');
    await open.page.context().close();

    // Time passes beyond the period's end.
    h.clock.advance(start + DAY - now + 60_000);
    const details = await h.api<{ status: string }>('GET', `/api/public/bookings/${token}`);
    assert.equal(details.body.status, 'expired', 'the link reads as expired as soon as the period is over');
    assert.equal((await h.api('GET', `/api/public/bookings/${token}/slots`)).status, 410);
    const { page, picker } = await openCareer(h, token);
    await heading(picker, 'This booking link is no longer valid');
    await shots(page, 'journey-7-expired-applicant');
    await page.context().close();

    // The server's expiry job (normally once a minute) stores it and tells the host.
    const expired = await expireBookingRequests({ db: h.server.db, now: h.clock.now, logger: silentLogger } as Parameters<typeof expireBookingRequests>[0]);
    assert.ok(expired >= 1);
    const view = await eventually('the request stored as expired', async () => {
      const v = await requestView(h, request.id);
      return v.status === 'expired' ? v : null;
    });
    assert.equal(view.failureReason, 'expired');
    await webhook(h, 'booking.failed', { bookingRequestId: request.id, reason: 'expired' });
    await recruiterSees(request.id, /The period ended without a booking/, 'journey-7-expired-recruiter');
  });
});
