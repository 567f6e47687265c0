/**
 * Every state of `<dv-slot-picker>` on the demo career page against the real server and the Cronofy simulator,
 * twice: desktop (1100×900, English, Berlin) and a 360 px phone (German from the page, New York). Each state is
 * produced the way it happens in production — extra links through the recruiter API, busy calendars and injected
 * faults through the simulator's control API, a second browser context racing for the same time — and for each one
 * the suite asserts the visible heading/text in that language, runs axe-core with zero violations, and saves a
 * screenshot to test-results/ (`state-<state>-<variant>.png`).
 *
 * axe under the demo's CSP: `page.addScriptTag` injects an inline `<script>`, which `script-src 'self'` refuses
 * (and counts as a violation), so axe's source is evaluated through the DevTools protocol (`page.evaluate`), which
 * the page's CSP does not govern. Each page also counts `securitypolicyviolation` events: zero in every state.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';
import { ANNA_AND_BEN } from './journey-support.js';

interface Slot {
  start: string;
  end: string;
}

const AXE = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');

/** The two ways an applicant meets the widget. German comes from the career page's own `lang="de"`. */
const VARIANTS = [
  { name: 'desktop-en', lang: 'en', query: '&lang=en', context: { viewport: { width: 1100, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Berlin' } },
  { name: '360-de', lang: 'de', query: '', context: { viewport: { width: 360, height: 780 }, locale: 'de-DE', timezoneId: 'America/New_York' } },
] as const;
type Variant = (typeof VARIANTS)[number];

const TEXT = {
  en: {
    pick: 'Choose a time',
    confirm: 'Confirm your appointment',
    held: /We are holding this time for you for 5 minutes\./,
    book: 'Book appointment',
    back: 'Choose another time',
    booked: 'Your appointment is booked',
    bookedText: 'You will receive a confirmation by e-mail.',
    decline: 'I am not available on these days',
    declined: 'Thank you for letting us know',
    declinedText: 'Please reply to the e-mail that contained the link and tell us when you are available.',
    closed: 'This booking link is no longer valid',
    closedText: 'Please reply to the e-mail that contained the link.',
    empty: 'No times available',
    emptyText: 'There are currently no free times. Please reply to the e-mail that contained the link.',
    error: 'Connection problem',
    retry: 'Try again',
    taken: 'This time was just taken. Please choose another time.',
  },
  de: {
    pick: 'Wählen Sie einen Termin',
    confirm: 'Bestätigen Sie Ihren Termin',
    held: /Wir halten diesen Termin 5 Minuten für Sie frei\./,
    book: 'Termin buchen',
    back: 'Anderen Termin wählen',
    booked: 'Ihr Termin ist gebucht',
    bookedText: 'Sie erhalten eine Bestätigung per E-Mail.',
    decline: 'An diesen Tagen kann ich nicht',
    declined: 'Vielen Dank für Ihre Rückmeldung',
    declinedText: 'Bitte antworten Sie auf die E-Mail, die den Link enthielt, und nennen Sie uns Zeiten, zu denen Sie können.',
    closed: 'Dieser Buchungslink ist nicht mehr gültig',
    closedText: 'Bitte antworten Sie auf die E-Mail, die den Link enthielt.',
    empty: 'Keine Termine frei',
    emptyText: 'Derzeit sind keine Termine frei. Bitte antworten Sie auf die E-Mail, die den Link enthielt.',
    error: 'Verbindungsproblem',
    retry: 'Erneut versuchen',
    taken: 'Dieser Termin wurde gerade vergeben. Bitte wählen Sie einen anderen Termin.',
  },
} as const;

describe('<dv-slot-picker> states against the real server: text, axe, screenshots', () => {
  let h: Harness;
  let jwt: string;
  let period: { start: string; end: string };

  before(async () => {
    h = await startHarness();
    const seeded = (await h.api<{ bookingToken: string }>('GET', '/api/demo')).body.bookingToken;
    jwt = (await h.api<{ token: string }>('POST', '/api/demo/token', { userId: 'anna' })).body.token;
    period = (await h.api<{ period: { start: string; end: string } }>('GET', `/api/public/bookings/${seeded}`)).body.period;
  });
  after(async () => {
    await h?.close();
  });

  let applicants = 0;
  /**
   * A fresh booking link (recruiter API), by default for Anna and Ben with a room over the period: this file books
   * four times and holds more, more than the free time all three interviewers share (see ANNA_AND_BEN).
   */
  async function newLink(overrides: Record<string, unknown> = {}): Promise<string> {
    applicants += 1;
    const created = await h.api<{ link: string }>(
      'POST',
      '/api/booking-requests',
      {
        title: 'Interview: Frontend Developer (m/w/d)',
        applicant: { name: `Applicant ${applicants}`, email: `applicant${applicants}@applicant.example` },
        participantIds: ANNA_AND_BEN,
        durationMinutes: 60,
        timeZone: 'Europe/Berlin',
        locationId: 'berlin-hq',
        roomNeeded: true,
        period,
        ...overrides,
      },
      { authorization: `Bearer ${jwt}` },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return new URL(created.body.link).searchParams.get('booking')!;
  }

  async function slotsOf(token: string): Promise<Slot[]> {
    const res = await h.api<{ slots: Slot[] }>('GET', `/api/public/bookings/${token}/slots`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return res.body.slots;
  }

  /** The career page for `token` in a variant; violations counted by a listener installed before any page script. */
  async function open(token: string, v: Variant): Promise<{ page: Page; picker: Locator; violations: string[] }> {
    const page = await h.newPage(v.context);
    const violations: string[] = [];
    await page.exposeFunction('__dvViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __dvViolation(t: string): void }).__dvViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    await page.goto(`${h.url}/career.html?booking=${encodeURIComponent(token)}${v.query}`);
    return { page, picker: page.locator('#picker'), violations };
  }

  async function heading(picker: Locator, name: string): Promise<void> {
    await picker.getByRole('heading', { level: 2, name, exact: true }).waitFor({ timeout: 15_000 });
  }

  /** axe-core on the whole page (the element's open shadow root included): zero violations. */
  async function axe(page: Page, state: string): Promise<void> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const run = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe.run;
      const result = await run(document, { resultTypes: ['violations'] });
      return result.violations.map((x) => `${x.id}: ${x.help} ${JSON.stringify(x.nodes.map((n) => n.target))}`);
    });
    assert.deepEqual(violations, [], `axe in state ${state}`);
  }

  /** The common end of every state: axe, no CSP violation, screenshot. */
  async function done(page: Page, violations: string[], state: string, v: Variant): Promise<void> {
    await axe(page, `${state} (${v.name})`);
    assert.deepEqual(violations, [], `CSP violations in state ${state}`);
    await h.screenshot(page, `state-${state}-${v.name}`);
    await page.context().close();
  }

  async function confirmFirst(picker: Locator, v: Variant): Promise<string> {
    const option = picker.getByRole('option').first();
    await option.waitFor();
    const start = (await option.getAttribute('data-start'))!;
    await option.click();
    await heading(picker, TEXT[v.lang].confirm);
    await picker.getByRole('paragraph').filter({ hasText: TEXT[v.lang].held }).waitFor();
    return start;
  }

  for (const v of VARIANTS) {
    const t = TEXT[v.lang];

    test(`pick (${v.name}): month grid with named days, the day's times, decline`, async () => {
      const token = await newLink();
      const { page, picker, violations } = await open(token, v);
      await heading(picker, t.pick);
      const first = (await slotsOf(token))[0]!;
      const day = new Intl.DateTimeFormat(v.lang === 'en' ? 'en-GB' : 'de-DE', {
        timeZone: v.context.timezoneId, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric',
      }).format(new Date(first.start));
      await picker.getByRole('gridcell', { name: new RegExp(`^${day}, `), selected: true }).waitFor();
      assert.equal(await picker.getByRole('option').first().getAttribute('data-start'), first.start);
      await picker.getByRole('button', { name: t.decline }).waitFor();
      await done(page, violations, 'pick', v);
    });

    test(`confirm, held (${v.name}); going back releases the hold for other applicants at once`, async () => {
      const token = await newLink();
      const other = await newLink();
      const { page, picker, violations } = await open(token, v);
      const start = await confirmFirst(picker, v);
      await picker.getByRole('button', { name: t.book }).waitFor();
      assert.equal((await slotsOf(other)).some((s) => s.start === start), false, 'held: hidden from another link');
      await axe(page, `confirm (${v.name})`);
      await h.screenshot(page, `state-confirm-${v.name}`);

      await picker.getByRole('button', { name: t.back }).click();
      await heading(picker, t.pick);
      let offered = false;
      for (let i = 0; i < 50 && !offered; i++) {
        offered = (await slotsOf(other)).some((s) => s.start === start);
        if (!offered) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(offered, true, 'released: offered to the other link again, long before the hold expires');
      await done(page, violations, 'confirm-back', v);
    });

    test(`booked (${v.name}): confirmation, room, add-to-calendar, move`, async () => {
      const token = await newLink();
      const { page, picker, violations } = await open(token, v);
      await confirmFirst(picker, v);
      await picker.getByRole('button', { name: t.book }).click();
      await heading(picker, t.booked);
      await picker.getByText(t.bookedText).waitFor();
      await picker.getByText(/^(Spree|Havel)$/).waitFor();
      await picker.getByRole('link', { name: /\.ics/ }).waitFor();
      await done(page, violations, 'booked', v);
    });

    test(`declined (${v.name}): the reply-by-e-mail message`, async () => {
      const token = await newLink();
      const { page, picker, violations } = await open(token, v);
      await heading(picker, t.pick);
      await picker.getByRole('button', { name: t.decline }).click();
      await heading(picker, t.declined);
      await picker.getByText(t.declinedText).waitFor();
      const status = (await h.api<{ status: string }>('GET', `/api/public/bookings/${token}`)).body.status;
      assert.equal(status, 'declined');
      await done(page, violations, 'declined', v);
    });

    test(`closed link (${v.name}): the spec's message for a link that no longer exists`, async () => {
      const { page, picker, violations } = await open('A'.repeat(32), v);
      await heading(picker, t.closed);
      await picker.getByText(t.closedText).waitFor();
      await done(page, violations, 'closed', v);
    });

    test(`no slots (${v.name}): the interviewer's calendar fills up after the link was sent`, async () => {
      // A link for Carla alone on one day near the end of the period (one day per variant, away from the times the
      // other states take); then that day is made busy in her simulated calendar. The push notification drops the
      // product's cached busy time, so the open link now offers nothing. (A link created with no time at all
      // would fail at once instead, as the recruiter must hear about it.)
      const carlaOnly = { participantIds: ['carla'], locationId: null, roomNeeded: false, online: true };
      const days = [...new Set((await slotsOf(await newLink(carlaOnly))).map((s) => s.start.slice(0, 10)))].sort();
      const day = days[days.length - 1 - VARIANTS.indexOf(v)]!;
      const window = { start: `${day}T00:00:00Z`, end: new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString() };
      const token = await newLink({ ...carlaOnly, period: window });
      assert.ok((await slotsOf(token)).length > 0, 'free before the calendar fills up');
      const carla = (await h.sim<{ accounts: Array<{ sub: string; email: string }> }>('GET', '/accounts')).accounts.find(
        (a) => a.email === 'carla.diaz@muster.example',
      )!;
      await h.sim('POST', `/accounts/${carla.sub}/events`, { start: window.start, end: window.end, summary: 'Offsite', free_busy_status: 'busy' });
      for (let i = 0; i < 50 && (await slotsOf(token)).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
      assert.deepEqual(await slotsOf(token), []);

      const { page, picker, violations } = await open(token, v);
      await heading(picker, t.empty);
      await picker.getByText(t.emptyText).waitFor();
      await done(page, violations, 'no-slots', v);
    });

    test(`network error with retry (${v.name}): the calendars fail while holding, then recover`, async () => {
      const token = await newLink();
      const { page, picker, violations } = await open(token, v);
      await heading(picker, t.pick);
      // A hold is confirmed against busy time at most a minute old: a minute later it re-reads the calendars, and
      // every free/busy read now fails, retries included → 503 for the hold.
      h.clock.advance(61_000);
      await h.sim('POST', '/faults', { kind: 'error', status: 503, path: '/v1/free_busy', count: 1000 });
      try {
        await picker.getByRole('option').first().click();
        await heading(picker, t.error);
        await picker.getByRole('button', { name: t.retry }).waitFor();
        await axe(page, `error (${v.name})`);
        await h.screenshot(page, `state-network-error-${v.name}`);
      } finally {
        await h.sim('DELETE', '/faults');
      }
      await picker.getByRole('button', { name: t.retry }).click();
      await heading(picker, t.confirm);
      await picker.getByRole('paragraph').filter({ hasText: t.held }).waitFor();
      await done(page, violations, 'network-error-retried', v);
    });

    test(`slot just taken (${v.name}): two applicants race for one time, the slower one sees fresh times`, async () => {
      const fastToken = await newLink();
      const slowToken = await newLink();
      const fast = await open(fastToken, VARIANTS[0]);
      const slow = await open(slowToken, v);
      await heading(fast.picker, TEXT.en.pick);
      await heading(slow.picker, t.pick);
      const slowFirst = slow.picker.getByRole('option').first();
      const contested = (await slowFirst.getAttribute('data-start'))!;
      assert.equal(await fast.picker.getByRole('option').first().getAttribute('data-start'), contested, 'both offered the same time');

      // The fast applicant holds and books it while the slow one still sees it offered.
      await confirmFirst(fast.picker, VARIANTS[0]);
      await fast.picker.getByRole('button', { name: TEXT.en.book }).click();
      await heading(fast.picker, TEXT.en.booked);
      await fast.page.context().close();

      await slowFirst.focus();
      await slowFirst.click();
      await slow.picker.getByText(t.taken, { exact: true }).waitFor();
      await heading(slow.picker, t.pick);
      const fresh = await slow.picker.getByRole('option').evaluateAll((els) => els.map((e) => e.getAttribute('data-start')));
      assert.equal(fresh.includes(contested), false, 'the taken time is gone from the refreshed list');
      // Focus went to the step heading, where the "just taken" notice is read next.
      const focused = await slow.picker.evaluate((el) => el.shadowRoot!.activeElement?.getAttribute('part'));
      assert.equal(focused, 'heading');
      await done(slow.page, slow.violations, 'slot-taken', v);
    });
  }
});
