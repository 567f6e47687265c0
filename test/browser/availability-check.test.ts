/**
 * `<dv-availability-check>` rendering, requests and events: loading, idle, results table and choices, several
 * proposals, back-to-back times across a DST switch, invite (its options online, free-text location, private and
 * note; the conflict paths), load and check errors,
 * an existing appointment's replies, move and cancel, the context, and German. Every state gets an axe check.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/calendar-context/define.js';
import type { DvAvailabilityCheck } from '../../src/elements/availability-check/index.js';
import {
  DvCheckErrorEvent,
  DvCheckLoadEvent,
  DvCheckSelectEvent,
} from '../../src/elements/availability-check/index.js';
import { API, appointment, createFakeApi, errorBody, replies, settings } from './support/fake-scheduling-api.js';
import { CheckPage, mountCheck } from './support/scheduling-page.js';

const APPLICANT = { name: 'Jamie Doe', email: 'jamie@applicant.test' };

/** Anna (free) and Cem (no calendar) at Tue 12 March 2030 10:00 Berlin (09:00Z). */
async function withResult(opts: Parameters<typeof mountCheck>[0] = {}) {
  const mounted = await mountCheck({ participants: 'anna cem', ...opts });
  await mounted.page.setProposal(0, '2030-03-12', '10:00');
  await mounted.page.settle();
  return mounted;
}

describe('dv-availability-check', () => {
  it('loading: heading, hidden skeleton, busy; axe-clean', async () => {
    const api = createFakeApi();
    const gate = api.gate('GET /api/locations');
    const { el, page } = await mountCheck({ api, wait: false });
    await gate.reached;
    await el.updateComplete;
    expect(el.phase).to.equal('loading');
    expect(page.heading()).to.equal('Check availability');
    expect(page.$('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(page.$('[part="skeleton"]')!.getAttribute('aria-hidden')).to.equal('true');
    await expect(el).to.be.accessible();
    gate.release();
    await page.waitForPhase('ready');
  });

  it('idle without participants: says what to do and sends no check', async () => {
    const { el, api, page } = await mountCheck();
    await page.settle();
    expect(page.text('[part="results"]')).to.include('Add participants to see when they are free.');
    expect(api.count('POST /api/availability-check')).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('results: a table with row and column headers, states in words with reasons, the "everyone" row, and choices', async () => {
    const { el, api, page } = await withResult();
    const body = api.last('POST /api/availability-check')!.body as Record<string, unknown>;
    expect(body).to.deep.equal({
      participantIds: ['anna', 'cem'],
      durationMinutes: 60,
      timeZone: 'Europe/Berlin',
      schedule: { mode: 'shared', start: '2030-03-12T09:00:00Z' },
      suggestionCount: 5,
    });
    expect(page.$$('th[scope="col"]')).to.have.length(2);
    expect(page.$$('th[scope="row"]').map((t) => t.textContent!.trim())).to.deep.equal(['Anna Schmidt', 'Cem Yilmaz', 'Everyone']);
    expect(page.table()).to.deep.equal([
      ['Participant', 'Tuesday, 12 March 2030 10:00 to 11:00'],
      ['Anna Schmidt', '✓ Free'],
      ['Cem Yilmaz', '? Unknown no calendar connected'],
      ['Everyone', '? Unknown'],
    ]);
    // Icons are decoration: the words carry the state.
    expect(page.$$('.state .icon').every((i) => i.getAttribute('aria-hidden') === 'true')).to.equal(true);
    expect(page.radioLabels()).to.deep.equal([
      'Tuesday, 12 March 2030, 10:00 to 11:00 — not every calendar could be read',
      'Tuesday, 12 March 2030, 14:00 to 15:00',
      'Wednesday, 13 March 2030, 09:00 to 10:00',
    ]);
    expect(page.$('.table-wrap')!.getAttribute('role')).to.equal('region');
    await expect(el).to.be.accessible();
  });

  it('several proposed times: states for all (without suggestions) and suggestions after the earliest', async () => {
    const api = createFakeApi({ busy: { anna: [{ start: '2030-03-12T13:00:00Z', end: '2030-03-12T14:00:00Z' }] } });
    const { page } = await mountCheck({ api, participants: 'anna ben' });
    await page.setProposal(0, '2030-03-12', '14:00');
    page.button('Add another time').click();
    await page.el.updateComplete;
    expect(page.focused()!.id).to.equal('proposal-1-date');
    await page.setProposal(1, '2030-03-12', '11:00');
    await page.settle();
    const bodies = api.calls.filter((c) => c.route === 'POST /api/availability-check').slice(-2).map((c) => c.body as { schedule: unknown; suggestionCount: number });
    expect(bodies[0]).to.deep.include({ schedule: { mode: 'individual', starts: ['2030-03-12T13:00:00Z', '2030-03-12T10:00:00Z'] }, suggestionCount: 0 });
    expect(bodies[1]).to.deep.include({ schedule: { mode: 'shared', start: '2030-03-12T10:00:00Z' }, suggestionCount: 5 });
    expect(page.table()[0]).to.deep.equal(['Participant', 'Tuesday, 12 March 2030 14:00 to 15:00', 'Tuesday, 12 March 2030 11:00 to 12:00']);
    expect(page.table()[1]).to.deep.equal(['Anna Schmidt', '✕ Busy calendar entry', '✓ Free']);
    expect(page.radioLabels().slice(0, 2)).to.deep.equal([
      'Tuesday, 12 March 2030, 14:00 to 15:00 — not everyone is free',
      'Tuesday, 12 March 2030, 11:00 to 12:00 — everyone is free',
    ]);
    page.button('Remove time 2').click();
    await page.el.updateComplete;
    expect(page.focused()!.id).to.equal('add-time');
  });

  it('choosing a time sends a cancelable dv-select; a vetoed choice stays unchosen', async () => {
    const { el, page } = await withResult({ allowInvite: true, applicants: [APPLICANT] });
    const veto = (e: Event) => e.preventDefault();
    el.addEventListener('dv-select', veto, { once: true });
    page.radios()[1]!.click();
    await el.updateComplete;
    expect(page.radios()[1]!.checked).to.equal(false);
    expect(page.text('[part="actions"]')).to.include('Choose a time above first.');
    const event = oneEvent(el, 'dv-select');
    page.radios()[1]!.click();
    const e = (await event) as DvCheckSelectEvent;
    expect(e).to.be.instanceOf(DvCheckSelectEvent);
    expect(e.detail).to.deep.equal({ times: [{ start: '2030-03-12T13:00:00Z', end: '2030-03-12T14:00:00Z' }], source: 'suggestion', timeZone: 'Europe/Berlin' });
    await el.updateComplete;
    expect(page.text('[part="actions"]')).to.include('Chosen: Tuesday, 12 March 2030, 14:00 to 15:00');
  });

  it('invites from the chosen time: body, idempotency key, dv-invited, the confirmation takes focus', async () => {
    const { el, api, page } = await withResult({ allowInvite: true, applicants: [APPLICANT] });
    page.radios()[1]!.click();
    await el.updateComplete;
    page.button('Send invitation').focus();
    const invited = oneEvent(el, 'dv-invited');
    page.button('Send invitation').click();
    const e = await invited;
    const call = api.last('POST /api/appointments')!;
    expect(call.body).to.deep.equal({
      title: 'Interview',
      participantIds: ['anna', 'cem'],
      applicants: [APPLICANT],
      durationMinutes: 60,
      timeZone: 'Europe/Berlin',
      schedule: { mode: 'shared', start: '2030-03-12T13:00:00Z' },
    });
    expect(call.headers.get('idempotency-key')).to.match(/^[0-9a-f]{32}$/);
    expect(call.headers.get('authorization')).to.equal('Bearer recruiter-token');
    expect(e.detail.appointments).to.have.length(1);
    await page.waitForPhase('invited');
    expect(page.heading()).to.equal('Invitation sent');
    expect(page.focused()).to.equal(page.$('[part~="heading"]'));
    expect(page.text('.summary')).to.equal('Jamie Doe: Tuesday, 12 March 2030, 14:00 to 15:00');
    await expect(el).to.be.accessible();
  });

  it('without host applicants it asks for name and e-mail before inviting', async () => {
    const { el, api, page } = await withResult({ allowInvite: true });
    page.radios()[0]!.click();
    await el.updateComplete;
    page.button('Send invitation').click();
    await el.updateComplete;
    expect(api.count('POST /api/appointments')).to.equal(0);
    expect(page.focused()!.id).to.equal('applicant-name');
    expect(page.field('Applicant’s name').getAttribute('aria-invalid')).to.equal('true');
    expect(page.text('#applicant-error')).to.equal('Enter the applicant’s name and a valid e-mail address.');
    await expect(el).to.be.accessible();
    await page.commit(page.field('Applicant’s name'), 'Kim Lee');
    await page.commit(page.field('Applicant’s e-mail'), 'kim@applicant.test');
    const invited = oneEvent(el, 'dv-invited');
    page.button('Send invitation').click();
    await invited;
    expect((api.last('POST /api/appointments')!.body as { applicants: unknown }).applicants).to.deep.equal([{ name: 'Kim Lee', email: 'kim@applicant.test' }]);
  });

  it('invite options: "online" from the location list, "private" from the organization’s default, a note', async () => {
    const api = createFakeApi();
    const org = settings();
    api.on('GET /api/settings', () => ({ status: 200, body: { ...org, settings: { ...org.settings, createEventsPrivate: true } } }));
    const { el, page } = await withResult({ api, allowInvite: true, applicants: [APPLICANT] });
    const location = page.field<HTMLSelectElement>('Location');
    expect([...location.options].map((o) => o.textContent!.trim())).to.deep.equal(['No location', 'Online appointment', 'Head office Berlin', 'Remote office']);
    await page.commit(location, 'online');
    await page.settle();
    expect(page.$('#room')).to.equal(null);
    expect(api.last('POST /api/availability-check')!.body).to.not.have.any.keys('locationId', 'roomId');
    const priv = page.field('Private appointment');
    expect(priv.checked).to.equal(true);
    expect(page.$('#location-text')).to.equal(null); // the organization has locations: they are the place
    await page.commit(page.field<HTMLTextAreaElement>('Note (optional)') as unknown as HTMLInputElement, '  Please bring the portfolio.  ');
    page.radios()[1]!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const invited = oneEvent(el, 'dv-invited');
    page.button('Send invitation').click();
    await invited;
    expect(api.last('POST /api/appointments')!.body).to.deep.equal({
      title: 'Interview',
      participantIds: ['anna', 'cem'],
      applicants: [APPLICANT],
      durationMinutes: 60,
      timeZone: 'Europe/Berlin',
      schedule: { mode: 'shared', start: '2030-03-12T13:00:00Z' },
      online: true,
      comment: 'Please bring the portfolio.',
    });

    // Changing "private" sends it; a location again replaces "online".
    page.button('Plan another appointment').click();
    await page.waitForPhase('ready');
    page.field('Private appointment').click();
    await page.commit(page.field<HTMLSelectElement>('Location'), 'hq');
    await page.settle();
    page.radios()[1]!.click();
    await el.updateComplete;
    const again = oneEvent(el, 'dv-invited');
    page.button('Send invitation').click();
    await again;
    expect(api.last('POST /api/appointments')!.body).to.deep.include({ locationId: 'hq', private: false });
    expect(api.last('POST /api/appointments')!.body).to.not.have.key('online');
  });

  it('without the organization’s locations: a free-text location, hidden when the appointment is online', async () => {
    const api = createFakeApi();
    api.on('GET /api/locations', () => ({ status: 200, body: { items: [] } }));
    const { el, page } = await withResult({ api, allowInvite: true, applicants: [APPLICANT] });
    expect(page.$('#location')).to.equal(null);
    expect(page.field('Private appointment').checked).to.equal(false);
    await page.commit(page.field('Location (optional)'), ' Café Einstein, Kurfürstenstraße 58 ');
    page.radios()[1]!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
    const invited = oneEvent(el, 'dv-invited');
    page.button('Send invitation').click();
    await invited;
    expect(api.last('POST /api/appointments')!.body).to.deep.include({ locationText: 'Café Einstein, Kurfürstenstraße 58' });
    expect(api.last('POST /api/appointments')!.body).to.not.have.any.keys('online', 'private', 'comment', 'locationId');

    page.button('Plan another appointment').click();
    await page.waitForPhase('ready');
    page.field('Online appointment').click();
    await page.settle();
    expect(page.$('#location-text')).to.equal(null);
    page.radios()[1]!.click();
    await el.updateComplete;
    const again = oneEvent(el, 'dv-invited');
    page.button('Send invitation').click();
    await again;
    expect(api.last('POST /api/appointments')!.body).to.deep.include({ online: true });
    expect(api.last('POST /api/appointments')!.body).to.not.have.key('locationText');
  });

  it('invite options in formal German; none of them for an existing appointment', async () => {
    const { el, page } = await withResult({ lang: 'de', allowInvite: true, applicants: [APPLICANT] });
    expect(page.field('Privater Termin').type).to.equal('checkbox');
    expect(page.text('#private-hint')).to.equal('Wer die Kalender der Teilnehmenden einsehen kann, sieht nur, dass sie belegt sind.');
    expect(page.field('Notiz (optional)').tagName).to.equal('TEXTAREA');
    expect(page.text('#comment-hint')).to.equal('Steht im Kalendereintrag der Teilnehmenden, nicht in der Einladung an die Bewerberin oder den Bewerber.');
    expect([...page.field<HTMLSelectElement>('Ort').options].map((o) => o.textContent!.trim())).to.include('Online-Termin');
    await expect(el).to.be.accessible();
    const existing = await mountCheck({ appointment: 'apt-1', allowInvite: true });
    expect(existing.page.$('#private')).to.equal(null);
    expect(existing.page.$('#comment')).to.equal(null);
    expect([...existing.page.field<HTMLSelectElement>('Location').options].map((o) => o.value)).to.not.include('online');
  });

  it('slot_unavailable offers "Invite anyway" as a new attempt; slot_taken re-checks; unconnected people are named', async () => {
    const { el, api, page } = await withResult({ allowInvite: true, applicants: [APPLICANT] });
    page.radios()[1]!.click();
    await el.updateComplete;
    api.once('POST /api/appointments', () => ({ status: 409, body: errorBody('slot_unavailable', 'busy') }));
    const error = oneEvent(el, 'dv-error');
    page.button('Send invitation').click();
    expect(((await error) as DvCheckErrorEvent).detail).to.deep.include({ operation: 'invite', status: 409, code: 'slot_unavailable' });
    await el.updateComplete;
    expect(page.text('[part="notice"]')).to.equal('Someone is busy at this time according to their calendar.');
    expect(page.focused()).to.equal(page.$('[part="notice"]'));
    await expect(el).to.be.accessible();
    const firstKey = api.last('POST /api/appointments')!.headers.get('idempotency-key');
    const invited = oneEvent(el, 'dv-invited');
    page.button('Invite anyway').click();
    await invited;
    const retry = api.last('POST /api/appointments')!;
    expect((retry.body as { ignoreCalendarConflicts: boolean }).ignoreCalendarConflicts).to.equal(true);
    expect(retry.headers.get('idempotency-key')).to.not.equal(firstKey);

    const second = await withResult({ allowInvite: true, applicants: [APPLICANT] });
    second.page.radios()[1]!.click();
    await second.el.updateComplete;
    const checks = second.api.count('POST /api/availability-check');
    second.api.once('POST /api/appointments', () => ({ status: 409, body: errorBody('slot_taken', 'taken') }));
    second.page.button('Send invitation').click();
    await oneEvent(second.el, 'dv-error');
    await second.page.settle();
    expect(second.page.text('[part="notice"]')).to.equal('This time was just taken. Please choose another time.');
    expect(second.api.count('POST /api/availability-check')).to.equal(checks + 1);
    expect(second.page.radios().some((r) => r.checked)).to.equal(false);

    second.page.radios()[2]!.click();
    await second.el.updateComplete;
    second.api.once('POST /api/appointments', () => ({
      status: 422,
      body: errorBody('participants_not_connected', 'no calendars', { users: [{ id: 'cem', name: 'Cem Yilmaz' }, { id: 'dora', name: 'Dora Klein' }] }),
    }));
    second.page.button('Send invitation').click();
    await oneEvent(second.el, 'dv-error');
    await second.el.updateComplete;
    expect(second.page.text('[part="notice"]')).to.equal('These people need a connected calendar: Cem Yilmaz and Dora Klein.');
  });

  it('a failed load shows the error with a retry that works; dv-error names the operation', async () => {
    const api = createFakeApi();
    api.once('GET /api/locations', () => 'network-error');
    const errored = new Promise<DvCheckErrorEvent>((resolve) =>
      document.addEventListener('dv-error', (e) => resolve(e as DvCheckErrorEvent), { once: true }),
    );
    const { el, page } = await mountCheck({ api, wait: false });
    expect((await errored).detail).to.deep.include({ operation: 'load', status: 0, code: 'network_error' });
    await page.waitForPhase('error');
    expect(page.text('[part="notice"]')).to.equal('The data for the availability check could not be loaded.');
    await expect(el).to.be.accessible();
    page.button('Try again').click();
    await page.waitForPhase('ready');
  });

  it('a failed check shows its error and retries on request', async () => {
    const { el, api, page } = await withResult();
    api.once('POST /api/availability-check', () => ({ status: 503, body: errorBody('calendar_unavailable', 'down') }));
    await page.setProposal(0, '2030-03-12', '11:00');
    await page.settle();
    expect(page.text('[part="results"]')).to.include('Availability could not be checked.');
    await expect(el).to.be.accessible();
    page.button('Try again').click();
    await page.settle();
    expect(page.$$('table')).to.have.length(1);
  });

  it('individual back-to-back times across the spring-forward night: 01:00, 03:00, 04:00, editable, recomputed by the switch', async () => {
    const applicants = [APPLICANT, { name: 'Alex Roe', email: 'alex@applicant.test' }, { name: 'Sam Poe', email: 'sam@applicant.test' }];
    const { el, api, page } = await mountCheck({ participants: 'anna', applicants, allowInvite: true });
    await page.setProposal(0, '2030-03-31', '01:00');
    const yes = page.$$<HTMLInputElement>('input[name="mode"]')[1]!;
    yes.click();
    await el.updateComplete;
    const times = () => [0, 1, 2].map((i) => (page.root.getElementById(`applicant-${i}-time`) as HTMLInputElement).value);
    expect(times()).to.deep.equal(['01:00', '03:00', '04:00']);
    expect(page.$$('.proposal .label').map((l) => l.textContent)).to.deep.equal(['Jamie Doe', 'Alex Roe', 'Sam Poe']);
    await page.settle();
    expect((api.last('POST /api/availability-check')!.body as { schedule: unknown; applicantCount: number })).to.deep.include({
      schedule: { mode: 'back_to_back', start: '2030-03-31T00:00:00Z' },
      applicantCount: 3,
    });
    expect(page.table()[0]).to.deep.equal([
      'Participant',
      'Jamie Doe Sunday, 31 March 2030 01:00 to 03:00',
      'Alex Roe Sunday, 31 March 2030 03:00 to 04:00',
      'Sam Poe Sunday, 31 March 2030 04:00 to 05:00',
    ]);
    // An edited time makes the schedule individual.
    await page.commit(page.root.getElementById('applicant-2-time') as HTMLInputElement, '06:00');
    await page.settle();
    expect((api.last('POST /api/availability-check')!.body as { schedule: unknown }).schedule).to.deep.equal({
      mode: 'individual',
      starts: ['2030-03-31T00:00:00Z', '2030-03-31T01:00:00Z', '2030-03-31T04:00:00Z'],
    });
    // The spec's re-plan: No, change, Yes again recomputes from the (changed) first time.
    page.$$<HTMLInputElement>('input[name="mode"]')[0]!.click();
    await el.updateComplete;
    await page.setProposal(0, '2030-03-31', '09:00');
    page.$$<HTMLInputElement>('input[name="mode"]')[1]!.click();
    await el.updateComplete;
    expect(times()).to.deep.equal(['09:00', '10:00', '11:00']);
    await page.settle();
    page.radios()[0]!.click();
    await el.updateComplete;
    const invited = oneEvent(el, 'dv-invited');
    page.button('Send invitation').click();
    expect((await invited).detail.appointments).to.have.length(3);
    expect((api.last('POST /api/appointments')!.body as { schedule: unknown }).schedule).to.deep.equal({
      mode: 'individual',
      starts: ['2030-03-31T07:00:00Z', '2030-03-31T08:00:00Z', '2030-03-31T09:00:00Z'],
    });
  });

  it('existing appointment: prefilled plan, replies in words, refresh announced; dv-load carries appointment and replies', async () => {
    const api = createFakeApi();
    const loads: DvCheckLoadEvent[] = [];
    document.addEventListener('dv-load', (e) => loads.push(e as DvCheckLoadEvent));
    const { el, page } = await mountCheck({ api, appointment: 'apt-1', allowInvite: true });
    await page.settle();
    await waitFor(() => page.$$('[part~="reply"]').length === 4);
    expect(page.heading()).to.equal('Appointment');
    expect(page.chips()).to.deep.equal(['Anna Schmidt', 'Ben Weber']);
    expect((page.root.getElementById('proposal-0-time') as HTMLInputElement).value).to.equal('10:00');
    expect(page.$$('[part~="reply"]').map((r) => r.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Anna Schmidt ✓ Accepted',
      'Ben Weber ~ Tentative',
      'Jamie Doe (applicant) … No answer',
      'Spree (room) ✕ Declined',
    ]);
    expect((api.last('POST /api/availability-check')!.body as { excludeAppointmentId: string }).excludeAppointmentId).to.equal('apt-1');
    expect(loads.some((e) => e.detail.appointment?.id === 'apt-1')).to.equal(true);
    expect(loads.some((e) => e.detail.replies?.appointmentId === 'apt-1')).to.equal(true);
    await expect(el).to.be.accessible();
    api.once('GET /api/appointments/:id/participants', () => ({ status: 200, body: replies({ source: 'stored' }) }));
    page.button('Refresh replies').click();
    await waitFor(() => page.live() === 'Replies updated.');
    expect(page.text('.appointment')).to.include('Last known replies: the calendar could not be read just now.');
  });

  it('moves after confirmation; the dialog is modal, named and axe-clean; dv-moved carries the change', async () => {
    const { el, api, page } = await mountCheck({ appointment: 'apt-1', allowInvite: true });
    await page.settle();
    page.radios()[1]!.click();
    await el.updateComplete;
    page.button('Move to the chosen time').click();
    await el.updateComplete;
    const dialog = page.$<HTMLDialogElement>('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(page.text('#dialog-text')).to.equal('The appointment moves to Tuesday, 12 March 2030, 14:00 to 15:00. The participants’ calendars are updated.');
    await expect(el).to.be.accessible();
    const moved = oneEvent(el, 'dv-moved');
    page.button('Move appointment').click();
    const e = await moved;
    expect(api.last('PATCH /api/appointments/:id')!.body).to.deep.equal({ start: '2030-03-12T13:00:00Z' });
    expect(e.detail.change).to.equal('rescheduled');
    await el.updateComplete;
    expect(page.text('[part~="notice"]')).to.equal('The appointment was moved to Tuesday, 12 March 2030, 14:00 to 15:00.');
    expect((page.root.getElementById('proposal-0-time') as HTMLInputElement).value).to.equal('14:00');
  });

  it('cancels after confirmation; keeping it sends nothing; dv-cancelled; the cancelled state', async () => {
    const { el, api, page } = await mountCheck({ appointment: 'apt-1', allowInvite: true });
    page.button('Cancel appointment').click();
    await el.updateComplete;
    page.button('Keep appointment').click();
    await el.updateComplete;
    expect(page.$<HTMLDialogElement>('dialog')!.open).to.equal(false);
    expect(api.count('DELETE /api/appointments/:id')).to.equal(0);
    page.button('Cancel appointment').click();
    await el.updateComplete;
    const cancelled = oneEvent(el, 'dv-cancelled');
    page.$$<HTMLButtonElement>('dialog button')[0]!.click();
    expect((await cancelled).detail.appointment.status).to.equal('cancelled');
    await page.waitForPhase('cancelled');
    expect(page.heading()).to.equal('Appointment cancelled');
    expect(page.focused()).to.equal(page.$('[part~="heading"]'));
    await expect(el).to.be.accessible();
  });

  it('an appointment that is already cancelled shows that state; a room of the location is checked (Plus)', async () => {
    const api = createFakeApi();
    api.on('GET /api/appointments/:id', () => ({ status: 200, body: appointment({ status: 'cancelled' }) }));
    await mountCheck({ api, appointment: 'apt-1', wait: 'cancelled' });

    const { el, api: api2, page } = await mountCheck({ participants: 'anna' });
    await page.setProposal(0, '2030-03-12', '10:00');
    await page.commit(page.field<HTMLSelectElement>('Location'), 'hq');
    await page.commit(page.field<HTMLSelectElement>('Room'), 'spree');
    await page.settle();
    expect(api2.last('POST /api/availability-check')!.body).to.deep.include({ roomId: 'spree', locationId: 'hq' });
    expect(page.$$('th[scope="row"]').map((t) => t.textContent!.trim())).to.deep.equal(['Anna Schmidt', 'Spree (room)', 'Everyone']);
    await expect(el).to.be.accessible();
  });

  it('on Basic there is no room field', async () => {
    const { page } = await mountCheck({ api: createFakeApi({ tier: 'basic' }), participants: 'anna' });
    await page.commit(page.field<HTMLSelectElement>('Location'), 'hq');
    expect(page.$('#room')).to.equal(null);
  });

  it('takes api, token, language and zone from <dv-calendar-context>; its own attributes win', async () => {
    const api = createFakeApi();
    const ctx = await fixture(html`<dv-calendar-context api=${API} token="ctx-token" lang="de" time-zone="America/New_York" .fetch=${api.fetch}>
      <dv-availability-check participants="anna" check-delay="0"></dv-availability-check>
    </dv-calendar-context>`);
    const el = ctx.querySelector<DvAvailabilityCheck>('dv-availability-check')!;
    const page = new CheckPage(el);
    await page.waitForPhase('ready');
    await page.setProposal(0, '2030-03-12', '10:00');
    await page.settle();
    expect(page.heading()).to.equal('Verfügbarkeit prüfen');
    const call = api.last('POST /api/availability-check')!;
    expect(call.headers.get('authorization')).to.equal('Bearer ctx-token');
    expect(call.body).to.deep.include({ timeZone: 'America/New_York', schedule: { mode: 'shared', start: '2030-03-12T14:00:00Z' } });
    el.setAttribute('time-zone', 'Europe/Berlin');
    el.setAttribute('lang', 'en');
    await page.settle();
    expect(page.heading()).to.equal('Check availability');
    expect((api.last('POST /api/availability-check')!.body as { timeZone: string }).timeZone).to.equal('Europe/Berlin');
  });

  it('German: table, states and choices in formal German', async () => {
    const { el, page } = await withResult({ lang: 'de', allowInvite: true, applicants: [APPLICANT] });
    expect(page.heading()).to.equal('Verfügbarkeit prüfen');
    expect(page.table()).to.deep.equal([
      ['Teilnehmende', 'Dienstag, 12. März 2030 10:00 bis 11:00'],
      ['Anna Schmidt', '✓ Frei'],
      ['Cem Yilmaz', '? Unbekannt kein Kalender verbunden'],
      ['Alle', '? Unbekannt'],
    ]);
    expect(page.radioLabels()[0]).to.equal('Dienstag, 12. März 2030, 10:00 bis 11:00 — nicht jeder Kalender konnte gelesen werden');
    expect(page.text('[part="actions"]')).to.include('Wählen Sie zuerst oben eine Zeit aus.');
    await expect(el).to.be.accessible();
  });
});

async function waitFor(predicate: () => boolean): Promise<void> {
  const { waitUntil } = await import('@open-wc/testing');
  await waitUntil(predicate, 'condition never held', { timeout: 3000 });
}
