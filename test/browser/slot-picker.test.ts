/**
 * `<dv-slot-picker>` in real Chromium: every state of the flow against the fake contract API, accessible names,
 * an axe check per state, events, idempotent retries and focus management. Keyboard specifics live in
 * slot-picker-keyboard.test.ts, languages and zones in slot-picker-i18n.test.ts.
 */
import { expect, oneEvent } from '@open-wc/testing';
import type { DvBookedEvent, DvDeclinedEvent, DvErrorEvent, DvLoadEvent, DvSelectEvent } from '../../src/elements/events.js';
import { API, SLOTS, TOKEN, appointmentFor, createFakeApi, details, errorBody } from './support/fake-public-api.js';
import { mountPicker } from './support/slot-picker-page.js';

const BASE = `${API}/api/public/bookings/${TOKEN}`;

describe('dv-slot-picker flow', () => {
  it('shows a same-sized skeleton while loading, announced and aria-busy, then the month grid', async () => {
    const api = createFakeApi();
    const gate = api.gate('GET /slots');
    const { el, page } = await mountPicker({ api, wait: false });
    await gate.reached;
    await el.updateComplete;
    expect(el.step).to.equal('loading');
    expect(page.$('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(page.$('[part="skeleton"]')!.getAttribute('aria-hidden')).to.equal('true');
    expect(page.live()).to.equal('Loading available times…');
    await expect(el).to.be.accessible();
    const loadingHeight = el.getBoundingClientRect().height;

    const loaded = oneEvent(el, 'dv-load') as Promise<DvLoadEvent>;
    gate.release();
    const ev = await loaded;
    await page.waitForStep('pick');
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(ev.detail.details.title).to.equal('Interview: Frontend Engineer');
    expect(ev.detail.slots).to.deep.equal(SLOTS);
    const pickHeight = el.getBoundingClientRect().height;
    // "No layout jump": the placeholder reserves the content's height (within 3 %).
    expect(Math.abs(pickHeight - loadingHeight) / pickHeight).to.be.below(0.03);
    expect(api.calls.map((c) => c.url)).to.have.members([`${BASE}`, `${BASE}/slots`]);
  });

  it('renders the month grid and the first day’s times with full accessible names', async () => {
    const realNow = Date.now;
    Date.now = () => Date.parse('2026-03-31T10:00:00Z');
    try {
      const { el, page } = await mountPicker();
      expect(page.heading()).to.equal('Choose a time');
      expect(page.$('[part="title"]')!.textContent).to.equal('Interview: Frontend Engineer · Example GmbH');
      const grid = page.$('[role="grid"]')!;
      expect(page.$(`#${grid.getAttribute('aria-labelledby')}`)!.textContent).to.equal('March 2026');
      expect(page.$$('[role="columnheader"]').map((h) => h.getAttribute('aria-label'))).to.deep.equal([
        'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday',
      ]);
      expect(page.gridCells()).to.have.length(31);
      const selected = page.cell('2026-03-30');
      expect(selected.getAttribute('aria-label')).to.equal('Monday, 30 March 2026, 4 times available');
      expect(selected.getAttribute('aria-selected')).to.equal('true');
      expect(page.gridCells().filter((c) => c.tabIndex === 0)).to.deep.equal([selected]);
      const today = page.cell('2026-03-31');
      expect(today.getAttribute('aria-current')).to.equal('date');
      expect(today.getAttribute('aria-label')).to.equal('Tuesday, 31 March 2026, no times available');
      expect(page.$$('[aria-current]')).to.deep.equal([today]);
      expect(page.$('#times-title')!.textContent).to.equal('Times on Monday, 30 March 2026');
      expect(page.$('[role="listbox"]')!.getAttribute('aria-labelledby')).to.equal('times-title');
      expect(page.optionLabels()).to.deep.equal(['09:00 to 10:00', '10:30 to 11:30', '13:00 to 14:00', '15:30 to 16:30']);
      expect(page.$('[part~="zone"] span')!.textContent).to.equal('Times in Central European Time (Europe/Berlin)');
      await expect(el).to.be.accessible();
    } finally {
      Date.now = realNow;
    }
  });

  it('says "no times" when nothing is offered', async () => {
    const { el, page } = await mountPicker({ api: createFakeApi({ slots: [] }), wait: 'empty' });
    expect(page.heading()).to.equal('No times available');
    expect(page.$('p:not(.title)')!.textContent).to.equal(
      'There are currently no free times. Please reply to the e-mail that contained the link.',
    );
    await expect(el).to.be.accessible();
  });

  for (const status of ['expired', 'cancelled', 'failed'] as const) {
    it(`shows the spec's closed-link message for status ${status}`, async () => {
      const { el, page } = await mountPicker({ api: createFakeApi({ details: details({ status }) }), wait: 'closed' });
      expect(page.heading()).to.equal('This booking link is no longer valid');
      expect(page.$('h2 + p')!.textContent).to.equal('Please reply to the e-mail that contained the link.');
      expect(page.live()).to.equal('This booking link is no longer valid');
      await expect(el).to.be.accessible();
    });
  }

  it('treats 410 booking_closed from /slots and 404 booking_not_found as a closed link', async () => {
    const api = createFakeApi();
    api.on('GET /slots', () => ({ status: 410, body: errorBody('booking_closed', 'closed') }));
    const a = await mountPicker({ api, wait: 'closed' });
    expect(a.page.heading()).to.equal('This booking link is no longer valid');

    const api2 = createFakeApi();
    api2.on('GET /', () => ({ status: 404, body: errorBody('booking_not_found', 'nope') }));
    const errored = oneEvent(document, 'dv-error') as Promise<DvErrorEvent>;
    const b = await mountPicker({ api: api2, wait: 'closed' });
    expect((await errored).detail).to.deep.equal({ operation: 'load', status: 404, code: 'booking_not_found', message: 'nope' });
    expect(b.page.heading()).to.equal('This booking link is no longer valid');
  });

  it('declines: POST /decline, the reply-by-e-mail message, focus on the heading and dv-declined', async () => {
    const { el, api, page } = await mountPicker();
    const button = page.button('I am not available on these days');
    button.focus();
    const declined = oneEvent(el, 'dv-declined') as Promise<DvDeclinedEvent>;
    button.click();
    const ev = await declined;
    await page.waitForStep('declined');
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(ev.detail.details.status).to.equal('declined');
    expect(api.count('POST /decline')).to.equal(1);
    expect(page.heading()).to.equal('Thank you for letting us know');
    expect(page.$('h2 + p')!.textContent).to.equal(
      'Please reply to the e-mail that contained the link and tell us when you are available.',
    );
    expect(page.focused()).to.equal(page.$('h2'));
    expect(page.live()).to.equal('Thank you for letting us know');
    await expect(el).to.be.accessible();
  });

  it('confirms with a hold: dv-select, POST /holds, summary, focus on the heading', async () => {
    const { el, api, page } = await mountPicker();
    const option = page.options()[1]!;
    option.focus();
    const selected = oneEvent(el, 'dv-select') as Promise<DvSelectEvent>;
    option.click();
    const ev = await selected;
    expect(ev.cancelable && ev.bubbles && ev.composed).to.equal(true);
    expect(ev.detail).to.deep.equal({ slot: SLOTS[1], timeZone: 'Europe/Berlin' });
    await page.waitForStep('confirm');
    expect(page.heading()).to.equal('Confirm your appointment');
    expect(page.focused()).to.equal(page.$('h2'));
    await waitForText(() => page.$('.summary + p')!.textContent!, 'We are holding this time for you for 10 minutes.');
    expect(api.calls.find((c) => c.route === 'POST /holds')!.body).to.deep.equal({ start: SLOTS[1]!.start });
    expect(page.summary()).to.deep.equal({
      When: 'Monday, 30 March 2026, 10:30 to 11:30 (Central European Time)',
      Duration: '60 minutes',
      Place: 'Head office, Hauptstraße 1, Berlin',
      Interviewers: 'Anna and Head of Engineering',
    });
    expect(page.live()).to.equal('We are holding this time for you for 10 minutes.');
    await expect(el).to.be.accessible();
  });

  it('shows the interview’s zone too when the applicant’s zone differs', async () => {
    const { page } = await mountPicker({ zone: 'America/New_York' });
    page.options()[0]!.click();
    await page.waitForStep('confirm');
    expect(page.summary()['When']).to.equal('Monday, 30 March 2026, 03:00 to 04:00 (Eastern Time)');
    expect(page.summary()['In the interview’s time zone']).to.equal(
      'Monday, 30 March 2026, 09:00 to 10:00 (Central European Time)',
    );
  });

  it('stays on the times when the host cancels dv-select', async () => {
    const { el, api, page } = await mountPicker();
    el.addEventListener('dv-select', (e) => e.preventDefault(), { once: true });
    page.options()[0]!.click();
    await el.updateComplete;
    expect(el.step).to.equal('pick');
    expect(api.count('POST /holds')).to.equal(0);
  });

  it('books with the hold id and an Idempotency-Key, then shows the booked step with ICS and move', async () => {
    const { el, api, page } = await mountPicker();
    page.options()[0]!.click();
    await page.waitForStep('confirm');
    await waitForText(() => page.$('.summary + p')!.textContent!, 'We are holding this time for you for 10 minutes.');
    const book = page.button('Book appointment');
    book.focus();
    const booked = oneEvent(el, 'dv-booked') as Promise<DvBookedEvent>;
    book.click();
    const ev = await booked;
    await page.waitForStep('booked');
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(ev.detail).to.deep.equal({ appointment: appointmentFor(SLOTS[0]!), rescheduled: false });
    const post = api.calls.find((c) => c.route === 'POST /appointment')!;
    expect(post.body).to.deep.equal({ start: SLOTS[0]!.start, holdId: 'hold-1' });
    expect(post.headers.get('idempotency-key')).to.match(/^[0-9a-f]{32}$/);
    expect(page.heading()).to.equal('Your appointment is booked');
    expect(page.focused()).to.equal(page.$('h2'));
    expect(page.live()).to.equal('Your appointment is booked');
    expect(page.summary()['When']).to.equal('Monday, 30 March 2026, 09:00 to 10:00 (Central European Time)');
    const ics = page.$<HTMLAnchorElement>('[part="ics"]')!;
    expect(ics.href).to.equal(`${BASE}/appointment.ics`);
    expect(ics.textContent).to.equal('Add to calendar (.ics)');
    expect(page.button('Move appointment')).to.exist;
    await expect(el).to.be.accessible();
  });

  it('shows the booked appointment on reload when the booking is already booked', async () => {
    const api = createFakeApi({ details: details({ status: 'booked', appointment: appointmentFor(SLOTS[4]!), allowReschedule: false }) });
    const { el, page } = await mountPicker({ api, wait: 'booked' });
    expect(page.heading()).to.equal('Your appointment is booked');
    expect(page.summary()['When']).to.equal('Wednesday, 1 April 2026, 10:00 to 11:00 (Central European Time)');
    expect(page.$$('button').map((b) => b.textContent!.trim())).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('moves a booked appointment with PUT /appointment', async () => {
    const api = createFakeApi({ details: details({ status: 'booked', appointment: appointmentFor(SLOTS[4]!) }) });
    const { el, page } = await mountPicker({ api, wait: 'booked' });
    page.button('Move appointment').click();
    await page.waitForStep('pick');
    expect(page.heading()).to.equal('Choose a new time');
    expect(page.$$('[part~="decline"]')).to.have.length(0);
    page.options()[2]!.click();
    await page.waitForStep('confirm');
    await waitForText(() => page.$('.summary + p')!.textContent!, 'We are holding this time for you for 10 minutes.');
    const booked = oneEvent(el, 'dv-booked') as Promise<DvBookedEvent>;
    page.button('Book appointment').click();
    expect((await booked).detail).to.deep.equal({ appointment: appointmentFor(SLOTS[2]!), rescheduled: true });
    await page.waitForStep('booked');
    expect(page.heading()).to.equal('Your appointment has been moved');
    expect(api.calls.find((c) => c.route === 'PUT /appointment')!.body).to.deep.equal({ start: SLOTS[2]!.start, holdId: 'hold-1' });
  });

  it('says "just taken" and shows the fresh slots when the hold answers 409 slot_taken', async () => {
    const { el, api, page } = await mountPicker();
    const fresh = [SLOTS[0]!, SLOTS[2]!, SLOTS[4]!];
    api.once('POST /holds', () => ({ status: 409, body: errorBody('slot_taken', 'taken', { slots: fresh }) }));
    const option = page.options()[1]!;
    option.focus();
    const errored = oneEvent(el, 'dv-error') as Promise<DvErrorEvent>;
    option.click();
    expect((await errored).detail).to.deep.equal({ operation: 'hold', status: 409, code: 'slot_taken', message: 'taken' });
    await page.waitForStep('pick');
    expect(page.$('[part="notice"]')!.textContent).to.equal('This time was just taken. Please choose another time.');
    expect(page.live()).to.equal('This time was just taken. Please choose another time. Choose a time');
    expect(page.focused()).to.equal(page.$('h2'));
    expect(page.cell('2026-03-30').getAttribute('aria-selected')).to.equal('true');
    expect(page.optionLabels()).to.deep.equal(['09:00 to 10:00', '13:00 to 14:00']);
    expect(api.count('GET /slots')).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('refetches the slots when a 409 slot_taken carries no alternatives', async () => {
    const { api, page } = await mountPicker();
    api.once('POST /holds', () => ({ status: 409, body: errorBody('slot_taken', 'taken') }));
    api.once('GET /slots', () => ({ status: 200, body: { timeZone: 'Europe/Berlin', durationMinutes: 60, slots: [SLOTS[7]!] } }));
    page.options()[0]!.focus();
    page.options()[0]!.click();
    await waitFor(() => api.count('GET /slots') === 2);
    await page.waitForStep('pick');
    expect(page.$('[part="notice"]')!.textContent).to.equal('This time was just taken. Please choose another time.');
    expect(page.focused()).to.equal(page.$('h2'));
    expect(page.cell('2026-04-14').getAttribute('aria-selected')).to.equal('true');
    expect(page.optionLabels()).to.deep.equal(['09:00 to 10:00']);
  });

  it('says "just taken" when booking answers 409 slot_taken', async () => {
    const { api, page } = await mountPicker();
    api.once('POST /appointment', () => ({ status: 409, body: errorBody('slot_taken', 'taken', { slots: [SLOTS[5]!] }) }));
    page.options()[0]!.click();
    await page.waitForStep('confirm');
    await waitForText(() => page.$('.summary + p')!.textContent!, 'We are holding this time for you for 10 minutes.');
    page.button('Book appointment').focus();
    page.button('Book appointment').click();
    await page.waitForStep('pick');
    expect(page.$('[part="notice"]')).to.exist;
    expect(page.focused()).to.equal(page.$('h2'));
    // The old day has nothing left, so the first day with fresh times is shown.
    expect(page.cell('2026-04-01').getAttribute('aria-selected')).to.equal('true');
    expect(page.optionLabels()).to.deep.equal(['14:00 to 15:00']);
  });

  it('closes when booking answers 410 booking_closed', async () => {
    const { api, page } = await mountPicker();
    api.once('POST /appointment', () => ({ status: 410, body: errorBody('booking_closed', 'closed') }));
    page.options()[0]!.click();
    await page.waitForStep('confirm');
    await waitForText(() => page.$('.summary + p')!.textContent!, 'We are holding this time for you for 10 minutes.');
    page.button('Book appointment').click();
    await page.waitForStep('closed');
    expect(page.heading()).to.equal('This booking link is no longer valid');
  });

  it('offers a retry after a network error on load', async () => {
    const api = createFakeApi();
    api.once('GET /', () => 'network-error');
    const errored = oneEvent(document, 'dv-error') as Promise<DvErrorEvent>;
    const { el, page } = await mountPicker({ api, wait: 'error' });
    expect((await errored).detail).to.deep.equal({ operation: 'load', status: 0, code: 'network_error', message: 'Failed to fetch' });
    expect(page.heading()).to.equal('Connection problem');
    expect(page.live()).to.equal(
      'Connection problem. We could not complete your request. Please check your connection and try again.',
    );
    await expect(el).to.be.accessible();
    page.button('Try again').focus();
    page.button('Try again').click();
    await page.waitForStep('pick');
    expect(api.count('GET /')).to.equal(2);
    // The retry button is gone; focus went through the loading step to the new step's heading.
    expect(page.focused()).to.equal(page.$('h2'));
  });

  it('retries a failed booking with the same Idempotency-Key', async () => {
    const { api, page } = await mountPicker();
    api.once('POST /appointment', () => 'network-error');
    page.options()[0]!.click();
    await page.waitForStep('confirm');
    await waitForText(() => page.$('.summary + p')!.textContent!, 'We are holding this time for you for 10 minutes.');
    page.button('Book appointment').focus();
    page.button('Book appointment').click();
    await page.waitForStep('error');
    expect(page.focused()).to.equal(page.$('h2'));
    page.button('Try again').click();
    await page.waitForStep('booked');
    const keys = api.calls.filter((c) => c.route === 'POST /appointment').map((c) => c.headers.get('idempotency-key'));
    expect(keys).to.have.length(2);
    expect(keys[0]).to.equal(keys[1]);
  });

  it('aborts the stale request when the booking token changes', async () => {
    const api = createFakeApi();
    const gate = api.gate('GET /');
    const { el, page } = await mountPicker({ api, wait: false });
    await gate.reached;
    const first = api.calls.find((c) => c.route === 'GET /')!;
    expect(first.signal!.aborted).to.equal(false);
    el.booking = TOKEN; // same token: no reload
    el.api = `${API}/`; // trailing slash: a new base, so a reload that must abort the first one
    await page.waitForStep('pick');
    gate.release();
    await el.updateComplete;
    expect(el.step).to.equal('pick');
    expect(first.signal!.aborted).to.equal(true);
    expect(api.count('GET /')).to.equal(2);
  });

  it('works with properties set before the element is upgraded', async () => {
    const api = createFakeApi();
    const el = document.createElement('dv-slot-picker-late') as HTMLElement & Record<string, unknown>;
    el.api = API;
    el.booking = TOKEN;
    el.timeZone = 'Europe/Berlin';
    el.fetch = api.fetch;
    el.setAttribute('lang', 'en');
    document.body.append(el);
    const { DvSlotPicker } = await import('../../src/elements/slot-picker/index.js');
    customElements.define('dv-slot-picker-late', class extends DvSlotPicker {});
    try {
      const picker = el as unknown as InstanceType<typeof DvSlotPicker>;
      await waitFor(() => picker.step === 'pick');
      expect(picker.timeZone).to.equal('Europe/Berlin');
      expect(picker.shadowRoot!.querySelectorAll('[role="option"]')).to.have.length(4);
    } finally {
      el.remove();
    }
  });

  it('going back releases the hold (DELETE /holds/:id) and returns to the times with focus on the heading', async () => {
    const { el, api, page } = await mountPicker();
    page.options()[1]!.click();
    await page.waitForStep('confirm');
    await waitForText(() => page.$('.summary + p')!.textContent!, 'We are holding this time for you for 10 minutes.');
    const back = page.button('Choose another time');
    back.focus();
    back.click();
    await page.waitForStep('pick');
    await waitFor(() => api.count('DELETE /holds/:id') === 1);
    expect(api.calls.find((c) => c.route === 'DELETE /holds/:id')!.url).to.equal(`${BASE}/holds/hold-1`);
    expect(page.focused()).to.equal(page.headingEl());
    expect(page.cell('2026-03-30').getAttribute('aria-selected')).to.equal('true');
    // Choosing again holds again; booking then sends the new hold, never the released one.
    page.options()[2]!.click();
    await page.waitForStep('confirm');
    await waitForText(() => page.$('.summary + p')!.textContent!, 'We are holding this time for you for 10 minutes.');
    page.button('Book appointment').click();
    await page.waitForStep('booked');
    expect(api.calls.filter((c) => c.route === 'POST /holds')).to.have.length(2);
    expect(api.count('DELETE /holds/:id')).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('going back before the hold answered aborts it and releases nothing; a failed release is ignored', async () => {
    const api = createFakeApi();
    const { page } = await mountPicker({ api });
    const gate = api.gate('POST /holds');
    page.options()[0]!.click();
    await gate.reached;
    await page.waitForStep('confirm');
    const pending = api.calls.find((c) => c.route === 'POST /holds')!;
    page.button('Choose another time').click();
    await page.waitForStep('pick');
    expect(pending.signal!.aborted).to.equal(true);
    expect(api.count('DELETE /holds/:id')).to.equal(0);
    gate.release();

    api.on('DELETE /holds/:id', () => 'network-error');
    page.options()[0]!.click();
    await page.waitForStep('confirm');
    await waitForText(() => page.$('.summary + p')!.textContent!, 'We are holding this time for you for 10 minutes.');
    page.button('Choose another time').click();
    await page.waitForStep('pick');
    await waitFor(() => api.count('DELETE /holds/:id') === 1);
    await new Promise((r) => setTimeout(r, 20));
    expect(page.el.step).to.equal('pick');
  });

  it('shows the booked room in the summary when the API names it', async () => {
    const api = createFakeApi({
      details: details({ status: 'booked', appointment: { ...appointmentFor(SLOTS[4]!), roomName: 'Spree' }, allowReschedule: false }),
    });
    const { el, page } = await mountPicker({ api, wait: 'booked' });
    expect(page.summary()).to.deep.equal({
      When: 'Wednesday, 1 April 2026, 10:00 to 11:00 (Central European Time)',
      Duration: '60 minutes',
      Place: 'Head office, Hauptstraße 1, Berlin',
      Room: 'Spree',
      Interviewers: 'Anna and Head of Engineering',
    });
    await expect(el).to.be.accessible();
    // No room named (online, or no room booked): no empty row.
    const b = await mountPicker({ api: createFakeApi({ details: details({ status: 'booked', appointment: appointmentFor(SLOTS[4]!) }) }), wait: 'booked' });
    expect(Object.keys(b.page.summary())).to.not.include('Room');
  });

  it('heading-level sets the step headings\' level (sub-headings one below, capped at 6; invalid → 2)', async () => {
    const { el, page } = await mountPicker({ headingLevel: 4 });
    expect(page.headingEl()!.tagName).to.equal('H4');
    expect(page.$('#month-title')!.tagName).to.equal('H5');
    expect(page.$('#times-title')!.tagName).to.equal('H5');
    await expect(el).to.be.accessible({ ignoredRules: ['heading-order'] }); // a level-4 start is the host's outline
    page.options()[0]!.focus();
    page.options()[0]!.click();
    await page.waitForStep('confirm');
    expect(page.headingEl()!.tagName).to.equal('H4');
    expect(page.focused()).to.equal(page.headingEl());
    el.headingLevel = 6;
    await el.updateComplete;
    expect(page.headingEl()!.tagName).to.equal('H6');
    el.setAttribute('heading-level', '9');
    await el.updateComplete;
    expect(page.headingEl()!.tagName).to.equal('H2');
    page.button('Choose another time').click();
    await page.waitForStep('pick');
    expect(page.$('#month-title')!.tagName).to.equal('H3');
    el.headingLevel = 6;
    await el.updateComplete;
    expect(page.$('#month-title')!.tagName).to.equal('H6');
  });

  it('uses no inline styles: adopted stylesheets only', async () => {
    const { el, page } = await mountPicker();
    expect(page.$$('[style]')).to.have.length(0);
    expect(page.$$('style')).to.have.length(0);
    expect(el.shadowRoot!.adoptedStyleSheets.length).to.be.greaterThan(0);
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).to.equal(true);
}

async function waitForText(read: () => string, text: string): Promise<void> {
  await waitFor(() => read() === text).catch(() => undefined);
  expect(read()).to.equal(text);
}
