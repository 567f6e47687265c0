/**
 * `<dv-room-selector>` states and flows against the fake admin API: loading, ready with statuses, statuses loading
 * ("unknown while loading"), re-fetch with the stale request aborted, no range, status failure, empty, error, not
 * found, Plus required; the user's choice and its events; the admin tools (load rooms, create a room, add a room
 * to the location); configuration through the context; German. Every state gets an axe check.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/calendar-context/define.js';
import type { DvCalendarContext } from '../../src/elements/calendar-context/index.js';
import type { DvRoomSelector } from '../../src/elements/room-selector/index.js';
import { API, LOCATION, createFakeAdminApi, errorBody } from './support/fake-admin-api.js';
import { END, START, SelectorPage, mountSelector } from './support/room-selector-page.js';

async function type(input: HTMLInputElement, value: string): Promise<void> {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

describe('dv-room-selector states', () => {
  it('loading: announces and is busy; no options yet', async () => {
    const api = createFakeAdminApi();
    const gate = api.gate('GET /api/rooms');
    const { el, page } = await mountSelector({ api, wait: false });
    await gate.reached;
    await el.updateComplete;
    expect(el.status).to.equal('loading');
    expect(page.text('[role="status"]')).to.equal('Loading rooms…');
    expect(page.$('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(page.options()).to.have.length(0);
    await expect(el).to.be.accessible();
    gate.release();
    await page.waitFor('ready');
  });

  it('ready: the location\'s rooms in its order, each with its status in words and an icon, and "automatically" first', async () => {
    const { el, api, page, events } = await mountSelector();
    expect(page.names()).to.deep.equal([
      'First free room automatically, currently Spree, Free',
      'Elbe, 6 seats, Occupied',
      'Spree, 12 seats, Free',
      'Alster, Unknown',
    ]);
    expect(page.$$('[part~="status"]').map((s) => `${s.getAttribute('part')}|${s.textContent!.trim()}|${s.querySelector('svg') ? 'icon' : ''}`)).to.deep.equal([
      'status status--free|Free|icon',
      'status status--busy|Occupied|icon',
      'status status--free|Free|icon',
      'status status--unknown|Unknown|icon',
    ]);
    expect(page.text('[part="range"]')).to.equal('Availability on Tuesday, 24 March 2026, 10:00 to 11:00');
    const query = api.calls.find((c) => c.route === 'GET /api/rooms/availability')!.url.searchParams;
    expect(Object.fromEntries(query)).to.deep.equal({ start: START, end: END, locationId: 'hamburg' });
    expect(events).to.deep.equal(['dv-load']);
    expect(el.value).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('while the statuses load every room reads "Unknown – loading availability…"', async () => {
    const api = createFakeAdminApi();
    const gate = api.gate('GET /api/rooms/availability');
    const { el, page } = await mountSelector({ api, wait: false });
    await gate.reached;
    await page.waitFor('ready');
    expect(page.names()).to.deep.equal([
      'First free room automatically, Unknown – loading availability…',
      'Elbe, 6 seats, Unknown – loading availability…',
      'Spree, 12 seats, Unknown – loading availability…',
      'Alster, Unknown – loading availability…',
    ]);
    expect(page.$$('[part~="status--loading"]')).to.have.length(4);
    await expect(el).to.be.accessible();
    gate.release();
    await page.statusesSettled();
    expect(el.statusOf('spree')).to.equal('free');
  });

  it('a new time range re-fetches the statuses and aborts the stale request', async () => {
    const api = createFakeAdminApi();
    const { el, page } = await mountSelector({ api });
    const gate = api.gate('GET /api/rooms/availability');
    el.start = '2026-03-25T09:00:00Z';
    el.end = '2026-03-25T10:00:00Z';
    const stale = await gate.reached;
    api.state.statuses = { elbe: 'free', spree: 'busy', alster: 'busy' };
    el.start = '2026-03-26T09:00:00+01:00'; // any ISO form; sent as UTC with Z
    el.end = '2026-03-26T10:00:00+01:00';
    await waitUntil(() => api.count('GET /api/rooms/availability') === 3);
    expect(stale.signal!.aborted).to.equal(true);
    await page.statusesSettled();
    expect(api.calls.filter((c) => c.route === 'GET /api/rooms/availability').at(-1)!.url.searchParams.get('start')).to.equal('2026-03-26T08:00:00Z');
    expect(page.names()[1]).to.equal('Elbe, 6 seats, Free');
    gate.release();
    await new Promise((r) => setTimeout(r, 20));
    expect(page.names()[1]).to.equal('Elbe, 6 seats, Free'); // the stale answer never lands
    expect(api.count('GET /api/rooms')).to.equal(1); // the rooms themselves are not reloaded
  });

  it('a new location re-fetches rooms and statuses', async () => {
    const api = createFakeAdminApi();
    const { el, page } = await mountSelector({ api });
    api.once('GET /api/locations/:id', ({ id }) => ({ status: 200, body: { ...LOCATION, id, roomIds: ['alster'] } }));
    el.location = 'berlin';
    await waitUntil(() => page.names().length === 2, 'rooms of the new location');
    await page.statusesSettled();
    expect(page.names()).to.deep.equal(['First free room automatically, Unknown', 'Alster, Unknown']);
    expect(api.calls.filter((c) => c.route === 'GET /api/rooms/availability').at(-1)!.url.searchParams.get('locationId')).to.equal('berlin');
  });

  it('without a time range: no status request, the rooms without status, a hint', async () => {
    const { el, api, page } = await mountSelector({ start: null, end: null });
    expect(api.count('GET /api/rooms/availability')).to.equal(0);
    expect(page.names()).to.deep.equal(['First free room automatically', 'Elbe, 6 seats', 'Spree, 12 seats', 'Alster']);
    expect(page.text('[part="range"]')).to.equal('Choose a date and time to see which rooms are free.');
    await expect(el).to.be.accessible();
  });

  it('status request fails: rooms read unknown, the failure is shown with a retry', async () => {
    const api = createFakeAdminApi();
    api.once('GET /api/rooms/availability', () => 'network-error');
    const { el, page, events } = await mountSelector({ api });
    expect(page.names()[1]).to.equal('Elbe, 6 seats, Unknown');
    expect(page.text('[part~="notice"]')).to.include('The availability of the rooms could not be checked.');
    expect(events).to.have.members(['dv-load', 'dv-error']); // rooms and statuses load in parallel
    await expect(el).to.be.accessible();
    page.button('Try again').click();
    await waitUntil(() => el.statusOf('elbe') === 'busy');
  });

  it('empty: a location without rooms says so (admins are told how to add rooms)', async () => {
    const api = createFakeAdminApi({ location: { ...LOCATION, roomIds: [] } });
    const { el, page } = await mountSelector({ api, wait: 'empty', manage: true });
    expect(page.text('[part="notice"]')).to.equal('There are no rooms at this location. Load rooms from the calendar system or create a room.');
    expect(page.options()).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('error: a network failure offers a retry; an unknown location is named as such', async () => {
    const api = createFakeAdminApi();
    api.once('GET /api/rooms', () => 'network-error');
    const { el, page } = await mountSelector({ api, wait: 'error' });
    expect(page.text('[role="alert"]')).to.equal('The rooms could not be loaded. Please check your connection and try again.');
    await expect(el).to.be.accessible();
    page.button('Try again').click();
    await page.waitFor('ready');
    el.location = 'nowhere';
    await page.waitFor('error');
    expect(page.text('[role="alert"]')).to.equal('This location was not found.');
  });

  it('Plus required: 403 plus_required explains instead of listing rooms', async () => {
    const api = createFakeAdminApi();
    api.on('GET /api/rooms', () => ({ status: 403, body: errorBody('plus_required', 'Plus') }));
    const { el, page } = await mountSelector({ api, wait: 'plus-required', manage: true });
    expect(page.text('[part="notice"]')).to.equal(
      'Room booking is part of Calendar integration Plus. Please ask your administrator about an upgrade.',
    );
    expect(page.$('[part="manage"]')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('dv-room-selector choosing', () => {
  it('a click chooses (input + change); setting value sends nothing', async () => {
    const { el, page, events } = await mountSelector();
    page.option('spree').click();
    await el.updateComplete;
    expect(el.value).to.equal('spree');
    expect(page.checked()).to.deep.equal(['spree']);
    expect(page.option('spree').getAttribute('part')).to.equal('option option--checked');
    expect(events).to.deep.equal(['dv-load', 'input', 'change']);
    page.option('spree').click(); // the same again: no change
    el.value = 'auto';
    await el.updateComplete;
    expect(page.checked()).to.deep.equal(['auto']);
    expect(events).to.deep.equal(['dv-load', 'input', 'change']);
  });

  it('choosing an occupied room is possible but says why it cannot be booked', async () => {
    const { el, page } = await mountSelector();
    page.option('elbe').click();
    await el.updateComplete;
    expect(page.text('#choice-error')).to.equal('This room is occupied at the chosen time.');
    expect(page.$('[role="radiogroup"]')!.getAttribute('aria-describedby')).to.equal('choice-error');
    expect(el.validity.customError).to.equal(true);
    await expect(el).to.be.accessible();
  });
});

describe('dv-room-selector admin tools', () => {
  it('load rooms: progress, then the result; the rooms are fetched again', async () => {
    const api = createFakeAdminApi();
    const { el, page, events } = await mountSelector({ api, manage: true });
    const gate = api.gate('POST /api/rooms/load');
    page.button('Load rooms from the calendar system').click();
    await gate.reached;
    await el.updateComplete;
    expect(page.button('Loading rooms from the calendar system…').getAttribute('aria-disabled')).to.equal('true');
    expect(page.text('[part="manage-status"]')).to.equal('Loading rooms from the calendar system…');
    await expect(el).to.be.accessible();
    gate.release();
    await waitUntil(() => page.text('[part="manage-status"]').startsWith('Rooms found'));
    expect(page.text('[part="manage-status"]')).to.equal(
      'Rooms found in the calendar system: 3. Access to room calendars requested: 1. Their availability follows once it is granted.',
    );
    expect(events).to.include('dv-rooms-import');
    await waitUntil(() => api.count('GET /api/rooms') === 2);
    await page.statusesSettled();
    await expect(el).to.be.accessible();
  });

  it('load rooms without a service account explains what to do', async () => {
    const api = createFakeAdminApi();
    api.once('POST /api/rooms/load', () => ({ status: 409, body: errorBody('conflict', 'no service account') }));
    const { el, page, events } = await mountSelector({ api, manage: true });
    page.button('Load rooms from the calendar system').click();
    await waitUntil(() => page.text('[part="alert"]') !== '');
    expect(page.text('[part="alert"]')).to.equal(
      'No service account is connected. Please connect one under Basic settings → Calendar first.',
    );
    expect(events).to.include('dv-error');
    await expect(el).to.be.accessible();
  });

  it('create a room inline: validation, then POST and adding it to the location', async () => {
    const api = createFakeAdminApi();
    const { el, page, events } = await mountSelector({ api, manage: true });
    const toggle = page.button('Create room');
    toggle.click();
    await el.updateComplete;
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    expect(page.focused()?.id).to.equal('room-name');
    page.button('Create').click();
    await el.updateComplete;
    await el.updateComplete;
    expect(page.text('#room-name-error')).to.equal('Enter a name.');
    expect(page.text('#room-email-error')).to.equal('Enter a valid e-mail address.');
    expect(page.$('#room-name')!.getAttribute('aria-invalid')).to.equal('true');
    expect(page.focused()?.id).to.equal('room-name');
    await expect(el).to.be.accessible();
    expect(api.count('POST /api/rooms')).to.equal(0);

    await type(page.$<HTMLInputElement>('#room-name')!, 'Moldau');
    await type(page.$<HTMLInputElement>('#room-email')!, 'moldau@example.test');
    await type(page.$<HTMLInputElement>('#room-capacity')!, 'eight');
    page.button('Create').click();
    await el.updateComplete;
    expect(page.text('#room-capacity-error')).to.equal('Enter a whole number from 1 to 10000, or leave it empty.');
    await type(page.$<HTMLInputElement>('#room-capacity')!, '8');
    page.button('Create').click();
    await waitUntil(() => page.text('[part="manage-status"]') !== '');
    expect(page.text('[part="manage-status"]')).to.equal('Room Moldau was created and added to this location.');
    expect(api.calls.find((c) => c.route === 'POST /api/rooms')!.body).to.deep.equal({ name: 'Moldau', email: 'moldau@example.test', capacity: 8 });
    expect(api.calls.find((c) => c.route === 'PATCH /api/locations/:id')!.body).to.deep.equal({ roomIds: ['elbe', 'spree', 'alster', 'moldau'] });
    expect(events).to.include('dv-room-create');
    expect(events).not.to.include('change');
    await waitUntil(() => page.names().some((n) => n.startsWith('Moldau, 8 seats')));
    expect(page.focused()?.id).to.equal('create-toggle');
  });

  it('create a room with an e-mail in use: the e-mail field says so', async () => {
    const { el, page } = await mountSelector({ manage: true });
    page.button('Create room').click();
    await el.updateComplete;
    await type(page.$<HTMLInputElement>('#room-name')!, 'Elbe 2');
    await type(page.$<HTMLInputElement>('#room-email')!, 'elbe@example.test');
    page.button('Create').click();
    await waitUntil(() => page.text('#room-email-error') !== '');
    expect(page.text('#room-email-error')).to.equal('A room with this e-mail address already exists.');
    await expect(el).to.be.accessible();
  });

  it('adds a loaded room that is not yet at the location', async () => {
    const api = createFakeAdminApi();
    const { el, page } = await mountSelector({ api, manage: true });
    const select = page.$<HTMLSelectElement>('#add-room')!;
    expect([...select.options].map((o) => o.value)).to.deep.equal(['', 'isar']);
    select.value = 'isar';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    page.button('Add').click();
    await waitUntil(() => page.text('[part="manage-status"]') === 'Isar was added to this location.');
    expect(api.state.location.roomIds).to.deep.equal(['elbe', 'spree', 'alster', 'isar']);
    await waitUntil(() => page.names().some((n) => n.startsWith('Isar')));
  });
});

describe('dv-room-selector configuration and language', () => {
  it('takes api, token, language and zone from <dv-calendar-context>', async () => {
    const api = createFakeAdminApi();
    const ctx = await fixture<DvCalendarContext>(html`<dv-calendar-context api=${API} token="ctx" lang="de" time-zone="America/New_York" .fetch=${api.fetch}>
      <dv-room-selector location="hamburg" start=${START} end=${END}></dv-room-selector>
    </dv-calendar-context>`);
    const el = ctx.querySelector<DvRoomSelector>('dv-room-selector')!;
    const page = new SelectorPage(el);
    await page.waitFor('ready');
    await page.statusesSettled();
    expect(api.calls[0]!.headers.get('authorization')).to.equal('Bearer ctx');
    expect(page.text('[part="range"]')).to.equal('Verfügbarkeit am Dienstag, 24. März 2026, 05:00 bis 06:00');
  });

  it('German: labels, statuses and options in formal German', async () => {
    const { el, page } = await mountSelector({ lang: 'de', manage: true });
    expect(page.text('[part="label"]')).to.equal('Raum');
    expect(page.names()).to.deep.equal([
      'Automatisch den ersten freien Raum, derzeit Spree, Frei',
      'Elbe, 6 Plätze, Belegt',
      'Spree, 12 Plätze, Frei',
      'Alster, Unbekannt',
    ]);
    expect(page.button('Räume aus dem Kalendersystem laden')).to.exist;
    expect(page.button('Raum anlegen')).to.exist;
    await expect(el).to.be.accessible();
  });
});
