/**
 * Shared steps of the spec's journeys (test/e2e/journey-*.test.ts): host tokens, the simulator's calendars, the
 * demo's webhook receiver, the admin page for a user, booking links, and screenshots of a state at desktop width
 * and at 360 px. Waits poll visible or stored state with a deadline; nothing sleeps a fixed time.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { RESULTS_DIR, type Harness } from './harness.js';
import { bookablePeriod } from '../support/periods.js';

export interface Slot {
  start: string;
  end: string;
}
export interface SimAccount {
  sub: string;
  email: string;
}
export interface SimEvent {
  event_id?: string;
  event_uid?: string;
  summary?: string;
  start: string;
  end: string;
  deleted?: boolean;
  attendees?: Array<{ email: string; status: string }>;
}
export interface Delivery {
  id: string;
  type: string;
  payload: { type: string; data: Record<string, unknown> };
}
export interface RequestView {
  id: string;
  status: string;
  failureReason: string | null;
  appointment: { id: string; start: string; end: string; roomId: string | null; calendarState: string } | null;
  link?: string;
}

export const EMAIL = {
  anna: 'anna.schmidt@muster.example',
  ben: 'ben.taylor@muster.example',
  carla: 'carla.diaz@muster.example',
  rita: 'rita@muster.example',
} as const;

/**
 * Who a test books. The three demo interviewers work in Berlin, London and New York and share only about two hours
 * a day; the seeded meetings are laid out from the day the suite runs, so all three together have room for only
 * 6 to 11 one-hour bookings in three weeks depending on that day (measured for every weekday and for 03:00, 12:00
 * and 23:00 UTC). A file books all three at most twice; tests that book more than that, or need free time on a
 * particular day, book Anna and Ben, who share the whole working day, so no test depends on the date it runs on.
 */
export const ALL_THREE = ['anna', 'ben', 'carla'];
export const ANNA_AND_BEN = ['anna', 'ben'];

export const DESKTOP = { width: 1100, height: 900 };
export const PHONE = { width: 360, height: 780 };

/** Polls `probe` until it returns a truthy value (returned), or fails with `what` after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (let delay = 50; ; delay = Math.min(delay * 2, 400)) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

export async function jwtFor(h: Harness, userId: string): Promise<string> {
  const res = await h.api<{ token: string }>('POST', '/api/demo/token', { userId });
  assert.equal(res.status, 200);
  return res.body.token;
}

/** A recruiter call with a freshly minted host token. */
export async function asUser<T>(h: Harness, userId: string, method: string, path: string, body?: unknown) {
  return h.api<T>(method, path, body, { authorization: `Bearer ${await jwtFor(h, userId)}` });
}

export async function simAccount(h: Harness, email: string): Promise<SimAccount> {
  const accounts = (await h.sim<{ accounts: SimAccount[] }>('GET', '/accounts')).accounts;
  const account = accounts.find((a) => a.email === email);
  assert.ok(account, `simulator account ${email}`);
  return account;
}

export async function simEvents(h: Harness, email: string): Promise<SimEvent[]> {
  return (await h.sim<{ events: SimEvent[] }>('GET', `/accounts/${(await simAccount(h, email)).sub}/events`)).events;
}

/** The event at `start` in the calendar of `email`, once it is there. */
export async function calendarEventAt(h: Harness, email: string, start: string): Promise<SimEvent> {
  return eventually(`an event at ${start} in ${email}'s calendar`, async () =>
    (await simEvents(h, email)).find((e) => !e.deleted && Date.parse(e.start) === Date.parse(start)),
  );
}

export async function webhooks(h: Harness): Promise<Delivery[]> {
  return (await h.api<{ deliveries: Delivery[] }>('GET', '/api/demo/webhooks')).body.deliveries;
}

/** The first webhook the demo receiver got that matches `type` and every field of `data`. */
export async function webhook(h: Harness, type: string, data: Record<string, unknown>): Promise<Delivery> {
  return eventually(`webhook ${type} ${JSON.stringify(data)}`, async () =>
    (await webhooks(h)).find((d) => d.type === type && Object.entries(data).every(([k, v]) => d.payload.data[k] === v)),
  );
}

export async function slotsOf(h: Harness, token: string): Promise<Slot[]> {
  const res = await h.api<{ slots: Slot[] }>('GET', `/api/public/bookings/${token}/slots`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.slots;
}

export function tokenOf(link: string): string {
  const token = new URL(link).searchParams.get('booking');
  assert.ok(token, `a booking token in ${link}`);
  return token;
}

let applicants = 0;
/** A booking link through the recruiter API (anna): the three demo interviewers, a room, the next 3 weeks. */
export async function createLink(h: Harness, overrides: Record<string, unknown> = {}): Promise<{ token: string; request: RequestView }> {
  applicants += 1;
  const res = await asUser<RequestView>(h, 'anna', 'POST', '/api/booking-requests', {
    title: 'Interview: Frontend Developer (m/w/d)',
    applicant: { name: `Applicant ${applicants}`, email: `applicant${applicants}@applicant.example` },
    participantIds: ALL_THREE,
    durationMinutes: 60,
    timeZone: 'Europe/Berlin',
    locationId: 'berlin-hq',
    roomNeeded: true,
    period: bookablePeriod(h.clock.now(), 21),
    locale: 'en',
    ...overrides,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { token: tokenOf(res.body.link!), request: res.body };
}

export async function requestView(h: Harness, id: string): Promise<RequestView> {
  const res = await asUser<RequestView>(h, 'anna', 'GET', `/api/booking-requests/${id}`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

const violations = new WeakMap<Page, string[]>();

/** Content-Security-Policy violations the page reported so far (the demo pages run under a strict policy). */
export function cspViolations(page: Page): string[] {
  return violations.get(page) ?? [];
}

/** The demo admin page acting as `userId`, once the workspace's elements are there; CSP violations are counted. */
export async function openAdmin(h: Harness, userId: string, path = '/admin.html'): Promise<Page> {
  const page = await h.newPage();
  const seen: string[] = [];
  violations.set(page, seen);
  await page.exposeFunction('__dvViolation', (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __dvViolation(t: string): void }).__dvViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  const url = new URL(path, h.url);
  url.searchParams.set('user', userId);
  await page.goto(url.href);
  await page.locator('#workspace #connection').waitFor({ state: 'attached' });
  return page;
}

/** The career page for a booking token (English), as the applicant's browser opens it. */
export async function openCareer(h: Harness, token: string, options: Parameters<Harness['newPage']>[0] = {}): Promise<{ page: Page; picker: Locator }> {
  const page = await h.newPage(options);
  await page.goto(`${h.url}/career.html?booking=${encodeURIComponent(token)}&lang=en`);
  return { page, picker: page.locator('#picker') };
}

/**
 * Screenshots of one state: `journey-<n>-<state>.png` at the page's desktop width and `…-360.png` on a 360 px wide
 * viewport. With `target`, only that part of the page (a section of the long admin page); else the full page.
 */
export async function shots(page: Page, name: string, target?: Locator): Promise<void> {
  const original = page.viewportSize() ?? DESKTOP;
  const take = async (file: string) => {
    // Two frames: the resize has been laid out and painted before the capture.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const path = join(RESULTS_DIR, `${file}.png`);
    if (target) await target.screenshot({ path });
    else await page.screenshot({ path, fullPage: true });
  };
  if (original.width !== DESKTOP.width) await page.setViewportSize(DESKTOP);
  await take(name);
  await page.setViewportSize(PHONE);
  await take(`${name}-360`);
  await page.setViewportSize(original);
}

/** Adds a participant through an element's participant combobox. */
export async function addParticipant(scope: Locator, name: string): Promise<void> {
  const combo = scope.getByRole('combobox', { name: 'Add participant' });
  await combo.fill(name.split(' ')[0]!);
  await scope.getByRole('option', { name: new RegExp(name) }).click();
  await scope.getByRole('listitem').filter({ hasText: name }).first().waitFor();
}

let axeSource: string | undefined;
/**
 * axe-core on the whole page, shadow roots included: the violations' ids and targets. Evaluated through the
 * DevTools protocol, because the demo's CSP refuses the inline script `addScriptTag` would insert.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((x) => `${x.id}: ${x.help} ${JSON.stringify(x.nodes.map((n) => n.target))}`);
  });
}
