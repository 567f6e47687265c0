/**
 * `<dv-slot-picker>` embedded the four ways a host page meets it, against the real server (fresh store, simulator,
 * seeded demo), every page under the server's strict CSP (`script-src 'self'; style-src 'self'`):
 * - React 19 and Vue 3 pages (demo/react.html, demo/vue.html, bundles from demo/frameworks/): one instance gets
 *   its properties before the element is defined, one after; each loads real slots, one books, the other reaches
 *   the confirm step with a hold, and the host framework's own event log shows the element's events;
 * - the plain page (`/plain.html`: nothing but the script-tag bundle) books;
 * - the strict-CSP page (`/csp.html`) counts zero `securitypolicyviolation` events through pick → confirm → back.
 * Every page is also watched from outside (console and a listener installed before any page script) for CSP
 * violations and page errors, so a violation cannot hide from the page's own counter.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { startHarness, type Harness } from './harness.js';
import { ANNA_AND_BEN } from './journey-support.js';

interface Slot {
  start: string;
  end: string;
}

describe('embedding <dv-slot-picker> in host pages', () => {
  let h: Harness;
  let jwt: string;
  let period: { start: string; end: string };
  let seeded: string;

  before(async () => {
    h = await startHarness();
    seeded = (await h.api<{ bookingToken: string }>('GET', '/api/demo')).body.bookingToken;
    jwt = (await h.api<{ token: string }>('POST', '/api/demo/token', { userId: 'anna' })).body.token;
    period = (await h.api<{ period: { start: string; end: string } }>('GET', `/api/public/bookings/${seeded}`)).body.period;
  });
  after(async () => {
    await h?.close();
  });

  /**
   * A fresh booking link for Anna and Ben, as d.vinci would create one for another applicant: both halves of the
   * period need free time, which all three interviewers together do not have on every date (see ANNA_AND_BEN).
   */
  async function newLink(name: string, within = period): Promise<string> {
    const created = await h.api<{ link: string }>(
      'POST',
      '/api/booking-requests',
      {
        title: 'Interview: Frontend Developer (m/w/d)',
        applicant: { name, email: `${name.toLowerCase().replace(/\W+/g, '.')}@applicant.example` },
        participantIds: ANNA_AND_BEN,
        durationMinutes: 60,
        timeZone: 'Europe/Berlin',
        locationId: 'berlin-hq',
        roomNeeded: true,
        period: within,
        locale: 'en',
      },
      { authorization: `Bearer ${jwt}` },
    );
    assert.equal(created.status, 201, JSON.stringify(created.body));
    return new URL(created.body.link).searchParams.get('booking')!;
  }

  const slotsOf = async (token: string): Promise<Slot[]> =>
    (await h.api<{ slots: Slot[] }>('GET', `/api/public/bookings/${token}/slots`)).body.slots;

  /** Opens a page and records CSP violations (from the console and from a listener no page script can precede). */
  async function open(path: string, options: Parameters<Harness['newPage']>[0] = {}): Promise<{ page: Page; violations: string[]; scripts: string[] }> {
    const page = await h.newPage(options);
    const violations: string[] = [];
    const scripts: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    await page.exposeFunction('__dvViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        (window as unknown as { __dvViolation(t: string): void }).__dvViolation(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    const response = await page.goto(`${h.url}${path}`);
    assert.match(response?.headers()['content-security-policy'] ?? '', /script-src 'self'; style-src 'self'/);
    return { page, violations, scripts };
  }

  const log = async (page: Page): Promise<string[]> => page.locator('#events li').allTextContents();

  async function waitForLog(page: Page, pattern: RegExp): Promise<string> {
    const line = page.locator('#events li').filter({ hasText: pattern }).first();
    await line.waitFor({ timeout: 10_000 }).catch(async () => {
      assert.fail(`no host log line ${pattern}; log: ${JSON.stringify(await log(page))}`);
    });
    return (await line.textContent()) ?? '';
  }

  /** Pick the first offered time in `picker` and wait until the slot is held. */
  async function confirmFirst(picker: Locator): Promise<string> {
    const held = /holding this time for you/;
    const option = picker.getByRole('option').first();
    await option.waitFor();
    const start = (await option.getAttribute('data-start'))!;
    await option.click();
    await picker.getByRole('paragraph').filter({ hasText: held }).waitFor();
    return start;
  }

  for (const framework of ['react', 'vue'] as const) {
    test(`${framework}: properties before and after upgrade both work; books, holds, and the host gets the events`, async () => {
      // Two links for the same interviewers in disjoint weeks, so the two widgets never compete for a time.
      const mid = new Date(Date.parse(period.start) + 7 * 86_400_000).toISOString().replace('.000Z', 'Z');
      const first = await newLink(`First ${framework}`, { start: period.start, end: mid });
      const second = await newLink(`Second ${framework}`, { start: mid, end: period.end });
      const { page, violations } = await open(`/${framework}.html?booking=${first}&booking2=${second}&lang=en&tz=America/New_York`);
      const before = page.locator('#before');
      const afterUpgrade = page.locator('#after');

      // Instance 1 had its properties while still an unknown element, and the definition came later.
      await waitForLog(page, /^before: properties set before the element was defined$/);
      await waitForLog(page, /^before: element defined after the first render$/);
      const offered = await slotsOf(first);
      assert.ok(offered.length > 0);
      assert.match(await waitForLog(page, /^before: dv-load /), new RegExp(`^before: dv-load open ${offered.length} slots$`));
      assert.match(await waitForLog(page, /^after: dv-load /), /^after: dv-load open \d+ slots$/);
      // The pre-upgrade timeZone property was honoured (not lost to an attribute the element never reads)…
      await before.getByText('(America/New_York)').waitFor();
      await afterUpgrade.getByText('(America/New_York)').waitFor();
      // …and the heading-level attribute fits the host's outline (page h1, section h2, widget h3).
      await before.getByRole('heading', { level: 3, name: 'Choose a time' }).waitFor();
      await afterUpgrade.getByRole('heading', { level: 3, name: 'Choose a time' }).waitFor();

      // Instance 1 books.
      const start = await confirmFirst(before);
      assert.equal(start, offered[0]!.start);
      assert.equal(await waitForLog(page, /^before: dv-select /), `before: dv-select ${start}`);
      await before.getByRole('button', { name: 'Book appointment' }).click();
      await before.getByRole('heading', { level: 3, name: 'Your appointment is booked' }).waitFor();
      assert.match(await waitForLog(page, /^before: dv-booked /), new RegExp(`^before: dv-booked ${start} (Spree|Havel)$`));
      await before.getByText(/^(Spree|Havel)$/).waitFor(); // the room row of the summary

      // Instance 2 reaches the confirm step with a hold on its own link.
      const heldStart = await confirmFirst(afterUpgrade).catch(async (e: unknown) => {
        await h.screenshot(page, `embed-${framework}-failed`);
        throw new Error(`${String(e)}\nhost log: ${JSON.stringify(await log(page))}`);
      });
      assert.equal(await waitForLog(page, /^after: dv-select /), `after: dv-select ${heldStart}`);

      // A property changed by the framework after mount reaches both elements.
      await page.locator('#lang').click();
      await before.getByRole('heading', { level: 3, name: 'Ihr Termin ist gebucht' }).waitFor();
      await afterUpgrade.getByRole('heading', { level: 3, name: 'Bestätigen Sie Ihren Termin' }).waitFor();
      await h.screenshot(page, `embed-${framework}`);

      assert.deepEqual((await log(page)).filter((l) => l.includes('dv-error')), []);
      assert.deepEqual(violations, []);
    });
  }

  test('strict-CSP page: pick → confirm → back with zero violations on its own counter', async () => {
    const token = await newLink('Csp Page');
    const { page, violations } = await open(`/csp.html?booking=${token}&lang=en`);
    const picker = page.locator('#picker');
    await confirmFirst(picker);
    await picker.getByRole('button', { name: 'Choose another time' }).click();
    await picker.getByRole('heading', { name: 'Choose a time' }).waitFor();
    // Styled through adopted stylesheets although inline styles are refused.
    const padding = await picker.evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('[part="base"]')!).paddingTop);
    assert.equal(padding, '16px');
    assert.equal(await page.locator('#violations').textContent(), '0');
    assert.deepEqual(violations, []);
    await h.screenshot(page, 'embed-csp');
  });

  test('plain page: only the script-tag bundle, books, zero violations', async () => {
    const { page, violations, scripts } = await open('/plain.html');
    const picker = page.locator('dv-slot-picker');
    const start = await confirmFirst(picker);
    assert.equal(start, (await slotsOf(seeded))[0]!.start);
    await picker.getByRole('button', { name: 'Book appointment' }).click();
    await picker.getByRole('heading', { name: 'Your appointment is booked' }).waitFor();
    assert.deepEqual(scripts, ['/dist/cdn/dv-calendar.js']);
    assert.deepEqual(violations, []);
    await h.screenshot(page, 'embed-plain');
  });
});
