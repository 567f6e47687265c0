/**
 * `<dv-availability-editor>` states and flows against the fake admin API: loading, ready (default, own, empty),
 * saving → saved, validation errors, server refusals, network errors, Plus required, date exceptions, reset,
 * configuration through `<dv-calendar-context>`, and German. Every state gets an axe check; events are asserted as
 * the sequence the page receives, so `change` on load or save would show up.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/calendar-context/define.js';
import type { DvCalendarContext } from '../../src/elements/calendar-context/index.js';
import type { DvAvailabilityEditor } from '../../src/elements/availability-editor/index.js';
import { API, TOKEN, USER, createFakeAdminApi, errorBody } from './support/fake-admin-api.js';
import { EditorPage, mountEditor } from './support/availability-editor-page.js';

/** Set a native input's value and fire the `change` the user's edit would. */
async function enter(el: HTMLInputElement | HTMLSelectElement, value: string): Promise<void> {
  el.value = value;
  el.dispatchEvent(new Event('change', { bubbles: true }));
}

describe('dv-availability-editor states', () => {
  it('loading: announces, is busy, shows a hidden skeleton; no events yet', async () => {
    const api = createFakeAdminApi();
    const gate = api.gate('GET /api/users/:id/availability');
    const { el, page, events } = await mountEditor({ api, wait: false });
    const call = await gate.reached;
    await el.updateComplete;
    expect(el.status).to.equal('loading');
    expect(page.text('[role="status"]')).to.equal('Loading availability…');
    expect(page.$('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(page.$('[part="skeleton"]')!.getAttribute('aria-hidden')).to.equal('true');
    expect(page.$('[role="grid"]')).to.equal(null);
    expect(call.url.pathname).to.equal(`/api/users/${USER}/availability`);
    expect(call.headers.get('authorization')).to.equal(`Bearer ${TOKEN}`);
    await expect(el).to.be.accessible();
    gate.release();
    await page.waitFor('ready');
    expect(events).to.deep.equal(['dv-load']);
  });

  it('ready with the default hours: Mon–Fri 09:00–17:00 painted, the default explained, the zone named', async () => {
    const { el, page, events } = await mountEditor();
    expect(page.painted()).to.have.length(80);
    expect(page.painted()).to.include.members(['mon 09:00', 'fri 16:30']);
    expect(page.painted()).not.to.include('sat 09:00');
    expect(page.text('[part="zone"]')).to.match(/^Times in .+ \(Europe\/Berlin\)$/);
    expect(page.text('[part="notice"]')).to.equal(
      'These are the default hours (Monday to Friday, 09:00 to 17:00). Save to keep them as your own.',
    );
    expect(page.$$('[role="row"]')).to.have.length(1 + 26); // header + 07:00–20:00
    expect(page.$$('[part~="cell"][tabindex="0"]').map((c) => c.getAttribute('aria-label'))).to.deep.equal(['Monday 09:00 to 09:30, available']);
    expect(page.weeklyHours()).to.deep.equal(
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, start: '09:00', end: '17:00' })),
    );
    expect(page.text('[part="summary"] li')).to.equal('Monday: 09:00 to 17:00');
    expect(events).to.deep.equal(['dv-load']);
    expect(el.dirty).to.equal(false);
    await expect(el).to.be.accessible();
  });

  it('empty (never available): says applicants cannot book; still accessible', async () => {
    const api = createFakeAdminApi({ availability: { weeklyHours: [], isDefault: false } });
    const { el, page } = await mountEditor({ api });
    expect(page.painted()).to.deep.equal([]);
    expect(page.text('[part="notice"]')).to.equal('No times are marked, so applicants cannot book you.');
    expect(page.$$('[part="summary"] li').map((li) => li.textContent)).to.include('Sunday: not available');
    await expect(el).to.be.accessible();
  });

  it('shows hours outside the rows shown in the list and keeps them', async () => {
    const api = createFakeAdminApi({ availability: { weeklyHours: [{ day: 'tue', start: '06:00', end: '08:00' }], isDefault: false } });
    const { el, page } = await mountEditor({ api });
    expect(page.painted()).to.deep.equal(['tue 07:00', 'tue 07:30']);
    expect(page.text('[part="notice"]')).to.include('outside the times shown');
    page.cell('tue', '09:00').click();
    expect(page.weeklyHours()).to.deep.equal([
      { day: 'tue', start: '06:00', end: '08:00' },
      { day: 'tue', start: '09:00', end: '09:30' },
    ]);
    void el;
  });

  it('saving → saved: PUTs the value, shows progress, then the result; dv-save but no change', async () => {
    const api = createFakeAdminApi();
    const { el, page, events } = await mountEditor({ api });
    page.cell('sat', '10:00').click();
    expect(events).to.deep.equal(['dv-load', 'input', 'change']);
    expect(el.dirty).to.equal(true);
    const gate = api.gate('PUT /api/users/:id/availability');
    page.button('Save').click();
    const call = await gate.reached;
    await el.updateComplete;
    expect(el.status).to.equal('saving');
    expect(page.button('Saving…').getAttribute('aria-disabled')).to.equal('true');
    expect(page.text('[part="status"]')).to.equal('Saving…');
    await expect(el).to.be.accessible();
    expect(call.body).to.deep.equal({
      weeklyHours: [
        ...['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({ day, start: '09:00', end: '17:00' })),
        { day: 'sat', start: '10:00', end: '10:30' },
      ],
      dateOverrides: [],
    });
    gate.release();
    await page.waitFor('saved');
    expect(page.text('[part="status"]')).to.equal('Your availability has been saved.');
    expect(events).to.deep.equal(['dv-load', 'input', 'change', 'dv-save']);
    expect(el.dirty).to.equal(false);
    expect(api.state.availability.isDefault).to.equal(false);
    expect(page.$('[part="notice"]')).to.equal(null); // no longer the default hours
    await expect(el).to.be.accessible();
    page.cell('sat', '11:00').click();
    await el.updateComplete;
    expect(el.status).to.equal('ready'); // an edit after saving leaves "saved"
  });

  it('validation error: an exception ending before it starts blocks saving, is marked and explained', async () => {
    const api = createFakeAdminApi({
      availability: { isDefault: false, dateOverrides: [{ date: '2026-04-07', intervals: [{ start: '10:00', end: '12:00' }] }] },
    });
    const { el, page, events } = await mountEditor({ api });
    const end = page.$<HTMLInputElement>('#ov-0-0-end')!;
    expect(end.value).to.equal('12:00');
    await enter(end, '09:00');
    await el.updateComplete;
    expect(end.getAttribute('aria-invalid')).to.equal('true');
    expect(page.text('#ov-0-0-end-error')).to.equal('The end must be after the start.');
    expect(end.getAttribute('aria-describedby')).to.equal('ov-0-0-end-error');
    expect(el.validity.customError).to.equal(true);
    expect(events.slice(1)).to.deep.equal(['input', 'change']);
    page.button('Save').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(api.count('PUT /api/users/:id/availability')).to.equal(0);
    expect(page.text('[part="error"][role="alert"]')).to.equal('Please correct the marked entries.');
    expect(page.focused()?.id).to.equal('ov-0-0-end');
    await expect(el).to.be.accessible();
  });

  it('overlapping exception hours are reported on the later-starting range', async () => {
    const api = createFakeAdminApi({
      availability: {
        isDefault: false,
        dateOverrides: [{ date: '2026-04-07', intervals: [{ start: '10:00', end: '12:00' }, { start: '13:00', end: '14:00' }] }],
      },
    });
    const { el, page } = await mountEditor({ api });
    await enter(page.$<HTMLInputElement>('#ov-0-1-start')!, '11:00');
    await el.updateComplete;
    expect(page.text('#ov-0-1-start-error')).to.equal('This range overlaps another range on the same day.');
    await expect(el).to.be.accessible();
  });

  it('server refusal (400) and network failure on save: edits kept, the reason shown, dv-error sent', async () => {
    const api = createFakeAdminApi();
    const { el, page, events } = await mountEditor({ api });
    page.cell('sat', '10:00').click();
    const value = el.value;
    api.once('PUT /api/users/:id/availability', () => ({ status: 400, body: errorBody('validation_failed', 'bad', { issues: [] }) }));
    expect(await el.save()).to.equal(false);
    await el.updateComplete;
    expect(page.text('[part="alert"]')).to.equal('The server did not accept these hours. Please check them and try again.');
    expect(el.value).to.equal(value);
    await expect(el).to.be.accessible();
    api.once('PUT /api/users/:id/availability', () => 'network-error');
    expect(await el.save()).to.equal(false);
    await el.updateComplete;
    expect(page.text('[part="alert"]')).to.equal('Your changes could not be saved. They are kept here; please try again.');
    expect(el.status).to.equal('ready');
    expect(events.filter((e) => e === 'dv-error')).to.have.length(2);
    expect(await el.save()).to.equal(true);
    await el.updateComplete;
    expect(page.text('[part="alert"]')).to.equal('');
  });

  it('network error on load: explains, offers retry, and retries', async () => {
    const api = createFakeAdminApi();
    api.once('GET /api/users/:id/availability', () => 'network-error');
    const errors: CustomEvent[] = [];
    const { el, page } = await mountEditor({ api, wait: 'error' });
    el.addEventListener('dv-error', (e) => errors.push(e as CustomEvent));
    expect(page.text('[part="heading"]')).to.equal('Availability could not be loaded');
    expect(page.text('[role="alert"]')).to.equal('Please check your connection and try again.');
    await expect(el).to.be.accessible();
    page.button('Try again').click();
    await page.waitFor('ready');
    expect(api.count('GET /api/users/:id/availability')).to.equal(2);
  });

  it('forbidden and unknown user are told apart', async () => {
    const api = createFakeAdminApi();
    api.once('GET /api/users/:id/availability', () => ({ status: 403, body: errorBody('forbidden', 'no') }));
    const { el, page } = await mountEditor({ api, wait: 'error' });
    expect(page.text('[role="alert"]')).to.equal('You are not allowed to view or change this availability.');
    api.once('GET /api/users/:id/availability', () => ({ status: 404, body: errorBody('not_found', 'no') }));
    el.user = 'ghost';
    await waitUntil(() => page.text('[role="alert"]') === 'This user was not found.');
  });

  it('Plus required: a 403 plus_required answer replaces the grid with the explanation', async () => {
    const api = createFakeAdminApi();
    api.on('GET /api/users/:id/availability', () => ({ status: 403, body: errorBody('plus_required', 'Plus only') }));
    const { el, page, events } = await mountEditor({ api, wait: 'plus-required' });
    expect(page.text('[part="heading"]')).to.equal('Calendar integration Plus required');
    expect(page.text('[part="notice"]')).to.include('part of Calendar integration Plus');
    expect(page.$('[role="grid"]')).to.equal(null);
    expect(events).to.deep.equal(['dv-error']);
    await expect(el).to.be.accessible();
  });

  it('Plus required from the tier attribute: no request at all', async () => {
    const api = createFakeAdminApi();
    const { el, page } = await mountEditor({ api, tier: 'basic', wait: 'plus-required' });
    expect(api.calls).to.have.length(0);
    expect(page.$('[role="grid"]')).to.equal(null);
    el.tier = 'plus';
    await page.waitFor('ready');
    expect(api.calls).to.have.length(1);
  });

  it('a stale load is aborted when the user changes', async () => {
    const api = createFakeAdminApi();
    const gate = api.gate('GET /api/users/:id/availability');
    const { el, page } = await mountEditor({ api, wait: false });
    const first = await gate.reached;
    el.user = 'ben';
    await page.waitFor('ready');
    expect(first.signal!.aborted).to.equal(true);
    expect(api.calls.map((c) => c.id)).to.deep.equal([USER, 'ben']);
    gate.release();
  });
});

describe('dv-availability-editor exceptions, reset and defaults', () => {
  it('adds a closed date and an "other hours" date (prefilled with that weekday\'s hours), edits and removes them', async () => {
    const { el, page, events } = await mountEditor();
    const date = page.$<HTMLInputElement>('#new-date')!;
    page.button('Add exception').click(); // nothing entered
    await el.updateComplete;
    expect(page.text('#new-date-error')).to.equal('Enter a valid date.');
    expect(date.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    await enter(date, '2026-04-06');
    page.button('Add exception').click();
    await el.updateComplete;
    expect(page.text('[part="override"] .override-date')).to.equal('Monday, 6 April 2026');
    expect(page.text('[part="override"]')).to.include('Not available all day.');

    await enter(date, '2026-04-06');
    page.button('Add exception').click();
    await el.updateComplete;
    expect(page.text('#new-date-error')).to.equal('There is already an exception for this date.');

    await enter(date, '2026-04-07');
    await enter(page.$<HTMLSelectElement>('#new-kind')!, 'hours');
    page.button('Add exception').click();
    await el.updateComplete;
    expect(JSON.parse(el.value).dateOverrides).to.deep.equal([
      { date: '2026-04-06', intervals: [] },
      { date: '2026-04-07', intervals: [{ start: '09:00', end: '17:00' }] },
    ]);
    await expect(el).to.be.accessible();

    page.button('Add hours on Tuesday, 7 April 2026').click();
    await el.updateComplete;
    await enter(page.$<HTMLInputElement>('#ov-1-1-start')!, '18:00');
    await enter(page.$<HTMLInputElement>('#ov-1-1-end')!, '00:00'); // midnight at the end of the day
    await el.updateComplete;
    expect(JSON.parse(el.value).dateOverrides[1].intervals).to.deep.equal([
      { start: '09:00', end: '17:00' },
      { start: '18:00', end: '24:00' },
    ]);
    expect(el.validity.valid).to.equal(true);

    page.button('Remove range 1 on Tuesday, 7 April 2026').click();
    page.button('Remove exception for Monday, 6 April 2026').click();
    await el.updateComplete;
    expect(JSON.parse(el.value).dateOverrides).to.deep.equal([{ date: '2026-04-07', intervals: [{ start: '18:00', end: '24:00' }] }]);
    expect(events.filter((e) => e === 'change').length).to.equal(7); // add ×2, add hours, start, end, remove ×2
    expect(events.filter((e) => e === 'input').length).to.equal(7);
  });

  it('switching an exception to "not available" clears its hours', async () => {
    const api = createFakeAdminApi({ availability: { dateOverrides: [{ date: '2026-04-07', intervals: [{ start: '10:00', end: '12:00' }] }] } });
    const { el, page } = await mountEditor({ api });
    await enter(page.$<HTMLSelectElement>('#ov-0-kind')!, 'closed');
    await el.updateComplete;
    expect(JSON.parse(el.value).dateOverrides).to.deep.equal([{ date: '2026-04-07', intervals: [] }]);
  });

  it('Reset returns to the loaded availability (a user edit: change); default hours restores Mon–Fri 09–17', async () => {
    const api = createFakeAdminApi({ availability: { weeklyHours: [{ day: 'wed', start: '08:00', end: '10:00' }], isDefault: false } });
    const { el, page, events } = await mountEditor({ api });
    const loaded = el.value;
    expect(page.button('Reset').getAttribute('aria-disabled')).to.equal('true');
    page.cell('thu', '08:00').click();
    await el.updateComplete;
    expect(page.button('Reset').getAttribute('aria-disabled')).to.equal('false');
    page.button('Reset').click();
    await el.updateComplete;
    expect(el.value).to.equal(loaded);
    page.button('Use default hours').click();
    await el.updateComplete;
    expect(page.painted()).to.have.length(80);
    expect(events).to.deep.equal(['dv-load', 'input', 'change', 'input', 'change', 'input', 'change']);
  });

  it('setting value sends no events; a value that cannot be read is bad input', async () => {
    const { el, page, events } = await mountEditor();
    el.value = JSON.stringify({ weeklyHours: [{ day: 'sun', start: '10:00', end: '11:00' }], dateOverrides: [] });
    await el.updateComplete;
    expect(page.painted()).to.deep.equal(['sun 10:00', 'sun 10:30']);
    el.value = 'not json';
    await el.updateComplete;
    expect(el.validity.badInput).to.equal(true);
    expect(page.text('[part="error"]')).to.equal('The availability given to this field could not be read.');
    expect(events).to.deep.equal(['dv-load']);
    await expect(el).to.be.accessible();
  });

  it('start-hour and end-hour choose the rows shown', async () => {
    const { page } = await mountEditor({ startHour: 8, endHour: 12 });
    expect(page.$$('[role="rowheader"]').map((h) => h.textContent!.trim())).to.deep.equal(
      ['08:00', '08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '11:30'],
    );
  });
});

describe('dv-availability-editor configuration and language', () => {
  it('takes api, token, language and fetch from <dv-calendar-context>; its own attributes win', async () => {
    const api = createFakeAdminApi();
    const ctx = await fixture<DvCalendarContext>(html`<dv-calendar-context api=${API} token="ctx-token" lang="de" .fetch=${api.fetch}>
      <dv-availability-editor user=${USER}></dv-availability-editor>
    </dv-calendar-context>`);
    const el = ctx.querySelector<DvAvailabilityEditor>('dv-availability-editor')!;
    const page = new EditorPage(el);
    await page.waitFor('ready');
    expect(api.calls[0]!.headers.get('authorization')).to.equal('Bearer ctx-token');
    expect(page.text('[part="heading"]')).to.equal('Regelmäßige Verfügbarkeit für Termine');
    el.token = 'own-token';
    el.setAttribute('lang', 'en');
    await page.waitFor('ready');
    await waitUntil(() => api.calls.length === 2);
    expect(api.calls[1]!.headers.get('authorization')).to.equal('Bearer own-token');
    expect(page.text('[part="heading"]')).to.equal('Regular availability for appointments');
  });

  it('an element\'s own tokenProvider is asked for a token, and once more after a 401', async () => {
    const api = createFakeAdminApi();
    api.once('GET /api/users/:id/availability', () => ({ status: 401, body: errorBody('unauthorized', 'expired') }));
    let asked = 0;
    const el = await fixture<DvAvailabilityEditor>(html`<dv-availability-editor api=${API} user=${USER} lang="en"
      .tokenProvider=${async () => `fresh-${++asked}`} .fetch=${api.fetch}></dv-availability-editor>`);
    await new EditorPage(el).waitFor('ready');
    expect(api.calls.map((c) => c.headers.get('authorization'))).to.deep.equal(['Bearer fresh-1', 'Bearer fresh-2']);
    expect(asked).to.equal(2);
  });

  it('German: headings, cell names, buttons and messages in formal German', async () => {
    const { el, page } = await mountEditor({ lang: 'de' });
    expect(page.text('[part="heading"]')).to.equal('Regelmäßige Verfügbarkeit für Termine');
    expect(page.cell('mon', '09:00').getAttribute('aria-label')).to.equal('Montag 09:00 bis 09:30, verfügbar');
    expect(page.cell('sat', '09:00').getAttribute('aria-label')).to.equal('Samstag 09:00 bis 09:30, nicht verfügbar');
    expect(page.text('[part="notice"]')).to.equal(
      'Dies sind die Standardzeiten (Montag bis Freitag, 09:00 bis 17:00). Speichern Sie, um sie als Ihre eigenen zu übernehmen.',
    );
    expect(page.button('Speichern')).to.exist;
    expect(page.text('[part="zone"]')).to.match(/^Zeiten in .+ \(Europe\/Berlin\)$/);
    await expect(el).to.be.accessible();
  });
});
