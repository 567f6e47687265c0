/**
 * `<dv-booking-request>` rendering, requests and events: Basic, loading, the form and its validation, the live
 * preview through `POST /api/booking-requests/preview` (slot count, who has no free time, no common time with and
 * without a room, unconnected participants, its errors, debounce, stale requests aborted), creating the link and
 * copying it (Clipboard API and fallback), the request's states with every failure reason, resend and cancel, and
 * German. The clock is fixed at Tue 24 Nov 2026 11:00 Berlin, so the window is 25 Nov – 26 Dec 2026.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { DvBookingRequestErrorEvent, type DvPreviewEvent } from '../../src/elements/booking-request/index.js';
import { bookingView, createFakeApi, errorBody, type FakeApi } from './support/fake-scheduling-api.js';
import { mountRequest } from './support/scheduling-page.js';

const NOW = Date.parse('2026-11-24T10:00:00Z');
const realNow = Date.now;

/** A fake where Anna has no free time in any period (so no period has a slot with her). */
function annaHasNoTime(): FakeApi {
  return createFakeApi({ freeCandidates: { anna: 0 } });
}

/** The state summary as label → value (the colon after each label is CSS, not text). */
function summary(page: Awaited<ReturnType<typeof mountRequest>>['page']): Record<string, string> {
  return Object.fromEntries(
    page.$$('.summary > div').map((d) => [d.querySelector('dt')!.textContent!.trim(), d.querySelector('dd')!.textContent!.replace(/\s+/g, ' ').trim()]),
  );
}

async function fillApplicant(page: Awaited<ReturnType<typeof mountRequest>>['page']): Promise<void> {
  await page.commit(page.field('Applicant’s name'), 'Jamie Doe');
  await page.commit(page.field('Applicant’s e-mail'), 'jamie@applicant.test');
}

describe('dv-booking-request', () => {
  beforeEach(() => {
    Date.now = () => NOW;
  });
  afterEach(() => {
    Date.now = realNow;
  });

  it('on Basic explains that self-booking needs Plus; axe-clean', async () => {
    const { el, page } = await mountRequest({ api: createFakeApi({ tier: 'basic' }), wait: 'plus' });
    expect(page.heading()).to.equal('Self-booking needs Calendar integration Plus');
    expect(page.text()).to.include('Your organisation uses Basic');
    expect(page.$('form')).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('loading: heading and hidden skeleton; axe-clean', async () => {
    const api = createFakeApi();
    const gate = api.gate('GET /api/settings');
    const { el, page } = await mountRequest({ api, wait: false });
    await gate.reached;
    await el.updateComplete;
    expect(el.phase).to.equal('loading');
    expect(page.heading()).to.equal('Applicant self-booking');
    await expect(el).to.be.accessible();
    gate.release();
    await page.waitForPhase('form');
  });

  it('form defaults: the organization’s duration, online, a two-week period inside tomorrow … +32 days in the zone', async () => {
    const { el, page } = await mountRequest();
    expect(page.field('Duration (minutes)').value).to.equal('45');
    expect(page.field<HTMLSelectElement>('Location').value).to.equal('online');
    const from = page.field('From');
    const to = page.field('To');
    expect([from.value, to.value, from.min, from.max]).to.deep.equal(['2026-11-25', '2026-12-08', '2026-11-25', '2026-12-26']);
    expect(page.text('#period-hint')).to.equal('From tomorrow up to 32 days ahead, in the chosen time zone.');
    expect(page.preview()).to.equal('Choose participants, duration and period to see whether there are free times.');
    expect(page.$('#room-needed')).to.equal(null);
    await page.commit(page.field<HTMLSelectElement>('Location'), 'hq');
    expect(page.$('#room-needed')).to.not.equal(null);
    await page.commit(page.field<HTMLSelectElement>('Location'), 'remote');
    expect(page.$('#room-needed')).to.equal(null); // a location without rooms needs no room
    await expect(el).to.be.accessible();
  });

  it('validates on create: every problem is named next to its field, focus goes to the first', async () => {
    const { el, api, page } = await mountRequest();
    await page.commit(page.field('To'), '2026-12-27');
    page.button('Create booking link').click();
    await el.updateComplete;
    expect(api.count('POST /api/booking-requests')).to.equal(0);
    expect(page.focused()!.id).to.equal('applicant-name');
    expect(page.text('#name-error')).to.equal('Enter the applicant’s name.');
    expect(page.text('#email-error')).to.equal('Enter a valid e-mail address.');
    expect(page.text('#participant-error')).to.equal('Add at least one participant.');
    expect(page.text('#period-error')).to.equal('The period must lie between Wednesday, 25 November 2026 and Saturday, 26 December 2026.');
    expect(page.field('Applicant’s name').getAttribute('aria-describedby')).to.equal('name-error');
    expect(page.field('From').getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();
    await page.commit(page.field('From'), '2026-12-10');
    await page.commit(page.field('To'), '2026-12-01');
    expect(page.text('#period-error')).to.equal('The last day must not be before the first day.');
  });

  it('live preview: one request for the draft, "N times available"; dv-preview; never the availability check', async () => {
    const api = createFakeApi();
    const previewed = new Promise<DvPreviewEvent>((r) => document.addEventListener('dv-preview', (e) => r(e as DvPreviewEvent), { once: true }));
    const { el, page } = await mountRequest({ api, participants: 'anna ben' });
    const e = await previewed;
    expect(e.detail).to.deep.equal({
      slotCount: 12,
      participants: [
        { id: 'anna', name: 'Anna Schmidt', freeCandidateCount: 20 },
        { id: 'ben', name: 'Ben Weber', freeCandidateCount: 20 },
      ],
      noFreeTime: [],
      notConnected: [],
    });
    await page.settle();
    expect(page.preview()).to.equal('✓ 12 times available in this period.');
    expect(api.count('POST /api/booking-requests/preview')).to.equal(1);
    expect(api.last('POST /api/booking-requests/preview')!.body).to.deep.equal({
      participantIds: ['anna', 'ben'],
      durationMinutes: 45,
      timeZone: 'Europe/Berlin',
      online: true,
      period: { start: '2026-11-24T23:00:00Z', end: '2026-12-08T23:00:00Z' },
    });
    expect(api.count('POST /api/availability-check')).to.equal(0);
    expect(page.$('[part~="preview"]')!.getAttribute('part')).to.equal('preview preview--slots');
    await expect(el).to.be.accessible();
  });

  it('live preview: a single time reads in the singular', async () => {
    const { page } = await mountRequest({ api: createFakeApi({ slotCount: 1 }), participants: 'anna' });
    await page.settle();
    expect(page.preview()).to.equal('✓ 1 time available in this period.');
  });

  it('live preview: no common time names who has no free time at all', async () => {
    const { el, page } = await mountRequest({ api: annaHasNoTime(), participants: 'anna ben' });
    await page.settle();
    expect(page.preview()).to.equal('✕ There is no time in this period when everyone is free. Anna Schmidt has no free time in this period.');
    expect(page.$('[part~="preview"]')!.getAttribute('part')).to.equal('preview preview--none');
    await expect(el).to.be.accessible();
  });

  it('live preview: everyone free on their own but never together says so, with and without a room', async () => {
    const api = createFakeApi({ slotCount: 0 });
    const { el, page } = await mountRequest({ api, participants: 'anna ben' });
    await page.settle();
    expect(page.preview()).to.equal('✕ There is no time in this period when everyone is free. Everyone has free time, but never at the same time.');
    await page.commit(page.field<HTMLSelectElement>('Location'), 'hq');
    page.$<HTMLInputElement>('#room-needed')!.click();
    await page.settle();
    expect(page.preview()).to.equal(
      '✕ There is no time in this period when everyone is free. Everyone has free time, but never at the same time with a free room at this location.',
    );
    await expect(el).to.be.accessible();
  });

  it('live preview: location, room and the whole period are part of the one request; no "rooms not included" note', async () => {
    const api = createFakeApi();
    const { el, page } = await mountRequest({ api, participants: 'anna' });
    await page.settle();
    await page.commit(page.field<HTMLSelectElement>('Location'), 'hq');
    page.$<HTMLInputElement>('#room-needed')!.click();
    await page.commit(page.field('To'), '2026-12-26');
    await page.settle();
    expect(api.last('POST /api/booking-requests/preview')!.body).to.deep.equal({
      participantIds: ['anna'],
      durationMinutes: 45,
      timeZone: 'Europe/Berlin',
      locationId: 'hq',
      roomNeeded: true,
      period: { start: '2026-11-24T23:00:00Z', end: '2026-12-26T23:00:00Z' },
    });
    expect(page.text('[part~="preview"]')).to.equal('Free times in this period ✓ 12 times available in this period.');
    await expect(el).to.be.accessible();
  });

  it('live preview: unconnected participants from the 422 are named; no dv-error', async () => {
    const api = createFakeApi();
    const errors: Event[] = [];
    const onError = (e: Event) => errors.push(e);
    document.addEventListener('dv-error', onError);
    const previewed = new Promise<DvPreviewEvent>((r) => document.addEventListener('dv-preview', (e) => r(e as DvPreviewEvent), { once: true }));
    const { el, page } = await mountRequest({ api, participants: 'anna cem dora' });
    const e = await previewed;
    await page.settle();
    expect(e.detail.notConnected).to.deep.equal([
      { id: 'cem', name: 'Cem Yilmaz' },
      { id: 'dora', name: 'Dora Klein' },
    ]);
    expect(page.text('[part~="preview"] .result')).to.equal('✕ Free times cannot be checked until every calendar is connected.');
    expect(page.$$('[part~="preview"] li').map((li) => li.textContent)).to.deep.equal([
      'Cem Yilmaz has no connected calendar; the link cannot be created until it is connected.',
      'Dora Klein has no connected calendar; the link cannot be created until it is connected.',
    ]);
    document.removeEventListener('dv-error', onError);
    expect(errors).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  const failures: Array<[number, string, string]> = [
    [503, 'calendar_unavailable', 'The calendars cannot be read just now. Please try again in a moment.'],
    [422, 'validation_failed', 'These settings cannot be checked. Please check the participants and the period.'],
    [500, 'internal', 'Free times could not be checked.'],
  ];
  for (const [status, code, text] of failures) {
    it(`live preview: ${status} ${code} is said in words, dv-error, "Check again" asks once more`, async () => {
      const api = createFakeApi();
      api.once('POST /api/booking-requests/preview', () => ({ status, body: errorBody(code, 'no') }));
      const error = new Promise<DvBookingRequestErrorEvent>((r) => document.addEventListener('dv-error', (e) => r(e as DvBookingRequestErrorEvent), { once: true }));
      const { el, page } = await mountRequest({ api, participants: 'anna' });
      expect((await error).detail).to.deep.include({ operation: 'preview', status, code });
      await page.settle();
      expect(page.preview()).to.equal(text);
      expect(page.$('[part~="preview"]')!.getAttribute('part')).to.equal('preview preview--error');
      await expect(el).to.be.accessible();
      page.button('Check again').click();
      await page.settle();
      expect(page.preview()).to.equal('✓ 12 times available in this period.');
      expect(api.count('POST /api/booking-requests/preview')).to.equal(2);
      expect(page.hasButton('Check again')).to.equal(false);
    });
  }

  it('live preview: 403 plus_required turns the element into the Plus explanation', async () => {
    const api = createFakeApi();
    api.once('POST /api/booking-requests/preview', () => ({ status: 403, body: errorBody('plus_required', 'Plus needed') }));
    const { page } = await mountRequest({ api, participants: 'anna', wait: 'plus' });
    expect(page.heading()).to.equal('Self-booking needs Calendar integration Plus');
  });

  it('debounces edits into one preview and aborts a stale one', async () => {
    const api = createFakeApi();
    const { el, page } = await mountRequest({ api, participants: 'anna', previewDelay: 50 });
    await page.settle();
    const before = api.count('POST /api/booking-requests/preview');
    const duration = page.field('Duration (minutes)');
    const done = oneEvent(el, 'dv-preview');
    for (const v of ['30', '60', '90']) await page.commit(duration, v);
    await done;
    expect(api.count('POST /api/booking-requests/preview')).to.equal(before + 1);
    expect((api.last('POST /api/booking-requests/preview')!.body as { durationMinutes: number }).durationMinutes).to.equal(90);

    el.previewDelay = 0;
    const gate = api.gate('POST /api/booking-requests/preview');
    await page.commit(duration, '30');
    const stale = await gate.reached;
    api.world.slotCount = 7;
    const next = oneEvent(el, 'dv-preview');
    await page.commit(duration, '45');
    expect(stale.signal!.aborted).to.equal(true);
    expect(((await next) as DvPreviewEvent).detail.slotCount).to.equal(7);
    expect((api.last('POST /api/booking-requests/preview')!.body as { durationMinutes: number }).durationMinutes).to.equal(45);
    gate.release();
    await page.settle();
    expect(page.preview()).to.equal('✓ 7 times available in this period.');
  });

  it('creates the link: body, state, link field, focus on the new heading, dv-request-created', async () => {
    const { el, api, page } = await mountRequest({ participants: 'anna' });
    await fillApplicant(page);
    await page.commit(page.field<HTMLSelectElement>('Location'), 'hq');
    page.$<HTMLInputElement>('#room-needed')!.click();
    page.button('Create booking link').focus();
    const created = oneEvent(el, 'dv-request-created');
    page.button('Create booking link').click();
    const e = await created;
    expect(api.last('POST /api/booking-requests')!.body).to.deep.equal({
      title: 'Interview',
      applicant: { name: 'Jamie Doe', email: 'jamie@applicant.test' },
      participantIds: ['anna'],
      durationMinutes: 45,
      timeZone: 'Europe/Berlin',
      locationId: 'hq',
      roomNeeded: true,
      period: { start: '2026-11-24T23:00:00Z', end: '2026-12-08T23:00:00Z' },
      locale: 'en',
    });
    expect(e.detail.link).to.equal('https://jobs.example.test/book?booking=tok-abc');
    await page.waitForPhase('request');
    expect(page.heading()).to.equal('Waiting for the applicant to book');
    expect(page.focused()).to.equal(page.$('[part~="heading"]'));
    expect(page.field('Booking link for the applicant').value).to.equal('https://jobs.example.test/book?booking=tok-abc');
    expect(summary(page)['Booking period']).to.equal('Wednesday, 25 November 2026 to Tuesday, 8 December 2026');
    await expect(el).to.be.accessible();
  });

  it('copies the link with the Clipboard API, else with the selected field; both announced', async () => {
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void written.push(t) } });
    try {
      const { el, page } = await mountRequest({ participants: 'anna', applicantName: 'Jamie Doe', applicantEmail: 'jamie@applicant.test' });
      page.button('Create booking link').click();
      await page.waitForPhase('request');
      const copied = oneEvent(el, 'dv-link-copied');
      page.button('Copy link').click();
      expect((await copied).detail).to.deep.equal({ link: 'https://jobs.example.test/book?booking=tok-abc', method: 'clipboard' });
      expect(written).to.deep.equal(['https://jobs.example.test/book?booking=tok-abc']);
      await el.updateComplete;
      expect(page.live()).to.equal('Link copied.');

      Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
      const execCommand = document.execCommand;
      let selected = '';
      document.execCommand = ((cmd: string) => {
        selected = (page.focused() as HTMLInputElement).value.slice(0, 5);
        return cmd === 'copy';
      }) as typeof document.execCommand;
      try {
        const fallback = oneEvent(el, 'dv-link-copied');
        page.button('Copy link').click();
        expect((await fallback).detail.method).to.equal('fallback');
        expect(selected).to.equal('https');
        document.execCommand = (() => false) as typeof document.execCommand;
        const failed = oneEvent(el, 'dv-error');
        page.button('Copy link').click();
        expect(((await failed) as DvBookingRequestErrorEvent).detail.operation).to.equal('copy');
        await el.updateComplete;
        expect(page.live()).to.equal('The link is selected. Press Ctrl+C (⌘C on a Mac) to copy it.');
      } finally {
        document.execCommand = execCommand;
      }
    } finally {
      if (original) Object.defineProperty(navigator, 'clipboard', original);
      else delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });

  it('a request created without any common time shows "failed" with who has none', async () => {
    const api = createFakeApi();
    api.on('POST /api/booking-requests', () => ({
      status: 201,
      body: { ...bookingView({ status: 'failed', failureReason: 'no_common_slot' }), availability: { slotCount: 0, participants: [{ id: 'anna', name: 'Anna Schmidt', freeCandidateCount: 0 }, { id: 'ben', name: 'Ben Weber', freeCandidateCount: 9 }] }, link: 'https://jobs.example.test/book?booking=x' },
    }));
    const { el, page } = await mountRequest({ api, participants: 'anna ben', applicantName: 'Jamie Doe', applicantEmail: 'jamie@applicant.test' });
    page.button('Create booking link').click();
    await page.waitForPhase('request');
    expect(page.heading()).to.equal('Booking failed');
    expect(page.text('[part="reason"]')).to.equal('Reason: There was no time in the period when all participants were free. Anna Schmidt has no free time in this period.');
    expect(page.hasButton('Send a new link')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('a request created without common time although everyone has some says so (room included)', async () => {
    const api = createFakeApi({ slotCount: 0 });
    const { page } = await mountRequest({ api, participants: 'anna ben', applicantName: 'Jamie Doe', applicantEmail: 'jamie@applicant.test' });
    api.on('POST /api/booking-requests', () => ({
      status: 201,
      body: { ...bookingView({ status: 'failed', failureReason: 'no_common_slot', roomNeeded: true }), availability: { slotCount: 0, participants: [{ id: 'anna', name: 'Anna Schmidt', freeCandidateCount: 4 }] }, link: 'https://jobs.example.test/book?booking=x' },
    }));
    page.button('Create booking link').click();
    await page.waitForPhase('request');
    expect(page.text('[part="reason"]')).to.equal(
      'Reason: There was no time in the period when all participants were free. Everyone has free time, but never at the same time with a free room at this location.',
    );
  });

  it('creation refused for unconnected participants names them', async () => {
    const api = createFakeApi();
    api.once('POST /api/booking-requests', () => ({ status: 422, body: errorBody('participants_not_connected', 'no', { users: [{ id: 'cem', name: 'Cem Yilmaz' }] }) }));
    const { el, page } = await mountRequest({ api, participants: 'cem', applicantName: 'Jamie Doe', applicantEmail: 'jamie@applicant.test' });
    const error = oneEvent(el, 'dv-error');
    page.button('Create booking link').click();
    expect(((await error) as DvBookingRequestErrorEvent).detail).to.deep.include({ operation: 'create', status: 422, code: 'participants_not_connected' });
    await el.updateComplete;
    expect(page.text('[part="notice"]')).to.equal('These participants need a connected calendar first: Cem Yilmaz.');
    expect(page.focused()).to.equal(page.$('[part="notice"]'));
    expect(page.chips()).to.deep.equal(['Cem Yilmaz (no calendar connected)']);
    await expect(el).to.be.accessible();
  });

  it('booked: the time in the request’s zone (not the page’s) and the room', async () => {
    const api = createFakeApi();
    api.on('GET /api/booking-requests/:id', () => ({
      status: 200,
      body: bookingView({
        status: 'booked',
        timeZone: 'America/New_York',
        roomNeeded: true,
        period: { start: '2026-11-25T05:00:00Z', end: '2026-12-09T05:00:00Z' },
        appointment: { id: 'apt-9', start: '2026-12-01T15:00:00Z', end: '2026-12-01T16:00:00Z', roomId: 'spree', calendarState: 'written' },
      }),
    }));
    const { el, page } = await mountRequest({ api, request: 'brq-1' });
    expect(page.heading()).to.equal('Booked');
    expect(summary(page)).to.deep.equal({
      Title: 'Interview',
      'Booked time': 'Tuesday, 1 December 2026, 10:00 to 11:00 (Eastern Time)',
      Room: 'Spree',
      'Booking period': 'Wednesday, 25 November 2026 to Tuesday, 8 December 2026',
      'Time zone': 'Eastern Time (America/New_York)',
      Participants: 'Anna Schmidt and Ben Weber',
      'Room needed': 'Yes',
    });
    expect(page.hasButton('Cancel booking request')).to.equal(true);
    expect(page.hasButton('Send a new link')).to.equal(false);
    await expect(el).to.be.accessible();
  });

  const reasons: Array<[string, Partial<Parameters<typeof bookingView>[0]>, string]> = [
    ['declined', { status: 'declined', failureReason: 'declined' }, 'Reason: The applicant was not available on any of the offered days and was asked to reply to the e-mail with their own dates. After their reply, send a normal invitation with a time you agree on.'],
    ['expired', { status: 'expired', failureReason: 'expired' }, 'Reason: The period ended without a booking; the link was disabled automatically.'],
    ['participant_disconnected', { status: 'failed', failureReason: 'participant_disconnected', participantIds: ['anna', 'dora'] }, 'Reason: A participant’s calendar was disconnected: Dora Klein. Ask them to reconnect their calendar, then send a new link.'],
    ['no_common_slot', { status: 'failed', failureReason: 'no_common_slot' }, 'Reason: There was no time in the period when all participants were free.'],
    ['an unknown reason', { status: 'failed', failureReason: 'calendar_exploded' }, 'Reason: Reason given by the server: calendar_exploded.'],
  ];
  for (const [name, over, text] of reasons) {
    it(`failed (${name}): the reason in words, resend offered; axe-clean`, async () => {
      const api = createFakeApi();
      api.on('GET /api/booking-requests/:id', () => ({ status: 200, body: bookingView(over) }));
      const { el, page } = await mountRequest({ api, request: 'brq-1' });
      expect(page.heading()).to.equal('Booking failed');
      expect(page.text('[part="reason"]')).to.equal(text);
      expect(page.hasButton('Send a new link')).to.equal(true);
      expect(page.hasButton('Cancel booking request')).to.equal(false);
      await expect(el).to.be.accessible();
    });
  }

  it('resends with a new, validated period; the new link replaces the old; dv-request-resent', async () => {
    const api = createFakeApi();
    api.on('GET /api/booking-requests/:id', () => ({ status: 200, body: bookingView({ status: 'expired', failureReason: 'expired' }) }));
    const { el, page } = await mountRequest({ api, request: 'brq-1' });
    page.button('Send a new link').click();
    await el.updateComplete;
    expect(page.focused()!.id).to.equal('resend-from');
    await page.commit(page.field('To', '.resend'), '2027-01-30');
    page.button('Send new link').click();
    await el.updateComplete;
    expect(page.text('#resend-error')).to.equal('The period must lie between Wednesday, 25 November 2026 and Saturday, 26 December 2026.');
    expect(api.count('POST /api/booking-requests/:id/resend')).to.equal(0);
    await expect(el).to.be.accessible();
    await page.commit(page.field('To', '.resend'), '2026-12-20');
    const resent = oneEvent(el, 'dv-request-resent');
    page.button('Send new link').click();
    expect((await resent).detail.link).to.equal('https://jobs.example.test/book?booking=tok-new');
    expect(api.last('POST /api/booking-requests/:id/resend')!.body).to.deep.equal({ period: { start: '2026-11-24T23:00:00Z', end: '2026-12-20T23:00:00Z' } });
    await el.updateComplete;
    expect(page.heading()).to.equal('Waiting for the applicant to book');
    expect(page.text('[part~="notice"]')).to.equal('A new link was created; the old one no longer works.');
    expect(page.field('Booking link for the applicant').value).to.equal('https://jobs.example.test/book?booking=tok-new');
  });

  it('cancels after confirmation; dv-request-cancelled; the cancelled state', async () => {
    const { el, api, page } = await mountRequest({ request: 'brq-1' });
    page.button('Cancel booking request').click();
    await el.updateComplete;
    expect(page.$<HTMLDialogElement>('dialog')!.open).to.equal(true);
    await expect(el).to.be.accessible();
    const cancelled = oneEvent(el, 'dv-request-cancelled');
    page.$$<HTMLButtonElement>('dialog button')[0]!.click();
    expect((await cancelled).detail.request.status).to.equal('cancelled');
    expect(api.count('POST /api/booking-requests/:id/cancel')).to.equal(1);
    await el.updateComplete;
    expect(page.heading()).to.equal('Booking request cancelled');
    expect(page.text()).to.include('The link is disabled. An applicant who opens it is told it is no longer valid.');
    await expect(el).to.be.accessible();
  });

  it('German: form, preview and state in formal German', async () => {
    const { el, page } = await mountRequest({ lang: 'de', api: annaHasNoTime(), participants: 'anna' });
    await page.settle();
    expect(page.heading()).to.equal('Terminbuchung durch Bewerbende');
    expect(page.preview()).to.equal('✕ In diesem Zeitraum gibt es keine Zeit, zu der alle frei sind. Anna Schmidt hat in diesem Zeitraum keine freie Zeit.');
    expect(page.field('Dauer (Minuten)').value).to.equal('45');
    await expect(el).to.be.accessible();
  });
});
