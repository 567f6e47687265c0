/**
 * `<dv-connection-status>` in real Chromium against the fake contract API: each status in the card and the badge,
 * loading and error, an axe check per state, connect (consent URL, return path, popup), the `?calendar=` outcome,
 * events, context configuration and the token's own user. Dialog, keyboard and live updates live in
 * connection-status-interaction.test.ts; the accessibility tree in connection-status-a11y-tree.test.ts.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/elements/calendar-context/define.js';
import type { DvConnectionStatus } from '../../src/elements/connection-status/index.js';
import type { DvConnectEvent, DvConnectionErrorEvent, DvConnectionLoadEvent } from '../../src/elements/connection-status/index.js';
import { API, CONSENT, createFakeConnectionsApi, errorBody, fakeEventSources, jwtFor, view } from './support/fake-connections-api.js';
import { ShadowPage, mountStatus } from './support/connection-page.js';

const CARD_STATES = [
  {
    status: 'connected_individual',
    label: 'Connected (individual)',
    text: 'The calendar was connected by its owner. Appointments are written into it and its free times are shared.',
    buttons: ['Disconnect calendar'],
    details: 'Provider Google Account u-anna@example.com',
  },
  {
    status: 'connected_central',
    label: 'Connected (centrally managed)',
    text: 'The calendar is connected and managed centrally through the service account.',
    buttons: ['Disconnect calendar'],
    details: 'Provider Microsoft Office 365 Account u-anna@example.com',
  },
  {
    status: 'failed',
    label: 'Connection failed',
    text: 'Appointments are not written into this calendar and its free times cannot be read until it is connected again.',
    buttons: ['Reconnect', 'Disconnect calendar'],
    details: 'Provider Google Account u-anna@example.com',
  },
  {
    status: 'not_connected',
    label: 'Not connected',
    text: 'No calendar is connected yet. Connect one so appointments appear in it and colleagues see its free times.',
    buttons: ['Connect calendar'],
    details: '',
  },
  {
    status: 'syncing',
    label: 'Connecting…',
    text: 'The calendar is being connected. This usually takes a few seconds.',
    buttons: [],
    details: '',
  },
] as const;

describe('dv-connection-status card', () => {
  for (const s of CARD_STATES) {
    it(`renders ${s.status}: text label, icon, description, details, actions; axe-clean`, async () => {
      const api = createFakeConnectionsApi({ statuses: { 'u-anna': s.status } });
      const { el, page } = await mountStatus({ api });
      expect(el.status).to.equal(s.status);
      expect(page.$('[part="base"]')!.dataset['status']).to.equal(s.status);
      expect(page.text('[part="heading"]')).to.equal('Calendar connection');
      expect(page.text('[part="status"]')).to.equal(s.label);
      expect(page.$('[part="status"] svg[aria-hidden="true"]')).to.not.equal(null);
      expect(page.text('[part="description"]')).to.equal(s.text);
      expect(page.$$('dl[part="details"] :is(dt, dd)').map((d) => d.textContent).join(' ')).to.equal(s.details);
      expect(page.buttonNames()).to.deep.equal([...s.buttons]);
      // First load is not news: the live region stays empty.
      expect(page.live()).to.equal('');
      await expect(el).to.be.accessible();
    });
  }

  it('failed: the reason in words and since when, formatted with Intl in the language and zone', async () => {
    const api = createFakeConnectionsApi({ statuses: { 'u-anna': 'failed' } });
    const { page } = await mountStatus({ api });
    expect(page.text('[part="reason"]')).to.equal('The calendar account was disconnected at the calendar provider.');
    const since = page.$('[part="since"] time')!;
    expect(since.getAttribute('datetime')).to.equal('2026-03-12T13:05:00Z');
    // 13:05 UTC is 14:05 in Berlin (CET).
    expect(since.textContent).to.equal('Failed since 12 March 2026 at 14:05');

    api.connections.set('u-anna', view('u-anna', 'failed', { failedReason: 'central_authorization_failed:invalid_grant' }));
    const de = await mountStatus({ api, lang: 'de' });
    expect(de.page.text('[part="reason"]')).to.equal('Das Dienstkonto konnte diesen Kalender nicht verbinden.');
    expect(de.page.$('[part="since"] time')!.textContent).to.equal('Fehlgeschlagen seit 12. März 2026 um 14:05');
  });

  it('unknown failure reasons read as a generic sentence, never as the raw code', async () => {
    const api = createFakeConnectionsApi({ statuses: { 'u-anna': 'failed' } });
    api.connections.set('u-anna', view('u-anna', 'failed', { failedReason: 'weird_internal_code_42' }));
    const { page } = await mountStatus({ api });
    expect(page.text('[part="reason"]')).to.equal('The calendar can no longer be reached.');
    expect(page.root.textContent).to.not.include('weird_internal_code_42');
  });

  it('loading: aria-busy and a loading line; then dv-load with the connection', async () => {
    const api = createFakeConnectionsApi();
    const gate = api.gate('GET /api/users/:id/connection');
    const { el, page } = await mountStatus({ api, wait: false });
    await gate.reached;
    await el.updateComplete;
    expect(page.$('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    expect(page.text('.loading')).to.equal('Loading calendar connection…');
    await expect(el).to.be.accessible();
    const loaded = oneEvent(el, 'dv-load') as Promise<DvConnectionLoadEvent>;
    gate.release();
    const ev = await loaded;
    expect(ev.bubbles && ev.composed).to.equal(true);
    expect(ev.detail.connection.status).to.equal('connected_individual');
    expect(page.$('[part="base"]')!.getAttribute('aria-busy')).to.equal('false');
  });

  it('error: a failed first read says so with a retry; dv-error carries operation and code', async () => {
    const api = createFakeConnectionsApi();
    api.script('GET /api/users/:id/connection', () => ({ status: 403, body: errorBody('forbidden') }));
    const es = fakeEventSources();
    const el = await fixture<DvConnectionStatus>(html`<dv-connection-status api=${API} token="t" user="u-anna" lang="en"
      .fetch=${api.fetch} .eventSourceFactory=${es.factory}></dv-connection-status>`);
    const page = new ShadowPage(el);
    const err = (await oneEvent(el, 'dv-error')) as DvConnectionErrorEvent;
    expect(err.detail).to.deep.include({ operation: 'load', status: 403, code: 'forbidden', userId: 'u-anna' });
    await page.waitFor(() => !!page.$('[part="error"]'), 'no error shown');
    expect(page.text('[part="error"]')).to.equal('The calendar connection could not be loaded. You are not allowed to do this.');
    expect(page.$('[part="base"]')!.dataset['status']).to.equal('error');
    await expect(el).to.be.accessible();
    api.script('GET /api/users/:id/connection', () => ({ status: 200, body: view('u-anna', 'not_connected') }));
    page.button('Try again').click();
    await page.waitFor(() => el.status === 'not_connected', 'retry did not load');
  });

  it('connect: asks for the consent URL with this page as return path, then hands it to the host (cancelable)', async () => {
    history.replaceState(null, '', `${location.pathname}?tab=calendar#my-user`);
    try {
      const api = createFakeConnectionsApi({ statuses: { 'u-anna': 'not_connected' } });
      const { el, page } = await mountStatus({ api });
      const started = oneEvent(el, 'dv-connect') as Promise<DvConnectEvent>;
      el.addEventListener('dv-connect', (e) => e.preventDefault(), { once: true });
      page.button('Connect calendar').click();
      const ev = await started;
      expect(ev.cancelable).to.equal(true);
      expect(ev.detail).to.deep.equal({ userId: 'u-anna', kind: 'individual', url: CONSENT });
      const call = api.calls.find((c) => c.key === 'POST /api/users/:id/connection/authorize')!;
      expect(call.path).to.equal('/api/users/u-anna/connection/authorize');
      expect(call.body).to.deep.equal({ returnTo: `${location.pathname}?tab=calendar#my-user` });
      expect(call.headers.get('authorization')).to.equal('Bearer tok-admin');
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });

  it('connect: return-to and provider attributes are sent; an unsafe return path is left out', async () => {
    const api = createFakeConnectionsApi({ statuses: { 'u-anna': 'failed' } });
    const { el, page } = await mountStatus({ api });
    el.returnTo = '/admin.html#my-user';
    el.provider = 'office365';
    el.addEventListener('dv-connect', (e) => e.preventDefault());
    page.button('Reconnect').click();
    await oneEvent(el, 'dv-connect');
    expect(api.calls.at(-1)!.body).to.deep.equal({ returnTo: '/admin.html#my-user', provider: 'office365' });
    el.returnTo = '//evil.example/steal';
    el.provider = 'myspace';
    await el.updateComplete;
    page.button('Reconnect').click();
    await oneEvent(el, 'dv-connect');
    expect(api.calls.at(-1)!.body).to.deep.equal({});
  });

  it('connect in a popup: opens the consent URL in a popup and re-reads when it closes', async () => {
    const api = createFakeConnectionsApi({ statuses: { 'u-anna': 'not_connected' } });
    const { el, page } = await mountStatus({ api, connectMode: 'popup' });
    const fakePopup = { closed: false };
    const opened: unknown[][] = [];
    const realOpen = window.open;
    window.open = ((...args: unknown[]) => {
      opened.push(args);
      return fakePopup;
    }) as typeof window.open;
    try {
      page.button('Connect calendar').click();
      await oneEvent(el, 'dv-connect');
      expect(opened[0]![0]).to.equal(CONSENT);
      expect(String(opened[0]![2])).to.include('popup');
      api.connections.set('u-anna', view('u-anna', 'connected_individual'));
      fakePopup.closed = true;
      await page.waitFor(() => el.status === 'connected_individual', 'no re-read after the popup closed');
      expect(page.live()).to.equal('Calendar connection: Connected (individual)');
    } finally {
      window.open = realOpen;
    }
  });

  it('a failed action shows and announces a message and sends dv-error', async () => {
    const api = createFakeConnectionsApi({ statuses: { 'u-anna': 'not_connected' } });
    api.script('POST /api/users/:id/connection/authorize', () => ({ status: 409, body: errorBody('conflict') }));
    const { el, page } = await mountStatus({ api });
    const failed = oneEvent(el, 'dv-error') as Promise<DvConnectionErrorEvent>;
    page.button('Connect calendar').click();
    expect((await failed).detail).to.deep.include({ operation: 'connect', status: 409, code: 'conflict' });
    await page.waitFor(() => !!page.$('[part="error"]'), 'no error');
    const text = 'This is not possible right now: the calendar integration may be switched off for this user.';
    expect(page.text('[part="error"]')).to.equal(text);
    expect(page.live()).to.equal(text);
    await expect(el).to.be.accessible();
  });

  it('back from the consent page: shows and announces ?calendar=connected once and removes it from the address', async () => {
    history.replaceState(null, '', `${location.pathname}?tab=1&calendar=connected#x`);
    try {
      const { el, page } = await mountStatus();
      expect(page.text('[part="notice"]')).to.equal('Your calendar is connected.');
      expect(page.live()).to.equal('Your calendar is connected.');
      expect(location.search).to.equal('?tab=1');
      expect(location.hash).to.equal('#x');
      await expect(el).to.be.accessible();
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });

  it('back from the consent page denied: says access was not granted', async () => {
    history.replaceState(null, '', `${location.pathname}?calendar=denied`);
    try {
      const { page } = await mountStatus({ api: createFakeConnectionsApi({ statuses: { 'u-anna': 'not_connected' } }), lang: 'de' });
      expect(page.text('[part="notice"]')).to.equal('Der Kalender wurde nicht verbunden: Der Zugriff wurde nicht erlaubt.');
      expect(location.search).to.equal('');
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });

  it('without a user attribute it shows the token’s own user (the JWT’s sub)', async () => {
    const api = createFakeConnectionsApi({ statuses: { 'u-ben': 'connected_central' } });
    const { el } = await mountStatus({ api, user: null, token: jwtFor('u-ben') });
    expect(el.status).to.equal('connected_central');
    expect(api.calls.filter((c) => c.key === 'GET /api/users/:id/connection').map((c) => c.path)).to.deep.equal(['/api/users/u-ben/connection']);
  });

  it('switching the user loads the other connection without reporting a status change between two users', async () => {
    const { el, page } = await mountStatus();
    let changes = 0;
    el.addEventListener('dv-status-change', () => (changes += 1));
    const loaded = oneEvent(el, 'dv-load') as Promise<DvConnectionLoadEvent>;
    el.user = 'u-clara';
    expect((await loaded).detail.connection.userId).to.equal('u-clara');
    await page.waitFor(() => el.status === 'failed', 'other user not shown');
    expect(changes).to.equal(0);
    expect(page.live()).to.equal('');
  });

  it('without a user and with an opaque token it explains that no user is given', async () => {
    const api = createFakeConnectionsApi();
    const { el, page } = await mountStatus({ api, user: null, token: 'opaque', wait: false });
    await page.waitFor(() => !!page.$('[part="error"]'), 'no error');
    expect(page.text('[part="error"]')).to.equal('No user is given for this calendar connection.');
    expect(api.calls.filter((c) => c.key.includes('/connection'))).to.have.length(0);
    await expect(el).to.be.accessible();
  });

  it('inside <dv-calendar-context> it takes api, token, language and zone from the context; own attributes win', async () => {
    const api = createFakeConnectionsApi({ statuses: { 'u-anna': 'failed' } });
    const es = fakeEventSources();
    const ctx = await fixture(html`<dv-calendar-context api=${API} token="ctx-token" lang="de" time-zone="America/New_York" .fetch=${api.fetch}>
      <dv-connection-status user="u-anna" .eventSourceFactory=${es.factory}></dv-connection-status>
      <dv-connection-status user="u-anna" lang="en" variant="badge" .eventSourceFactory=${es.factory}></dv-connection-status>
    </dv-calendar-context>`);
    const [card, badge] = [...ctx.querySelectorAll('dv-connection-status')] as DvConnectionStatus[];
    const page = new ShadowPage(card!);
    await page.waitFor(() => card!.status === 'failed' && badge!.status === 'failed', 'not loaded');
    expect(api.calls[0]!.headers.get('authorization')).to.equal('Bearer ctx-token');
    expect(page.text('[part="status"]')).to.equal('Verbindung fehlgeschlagen');
    // 13:05 UTC is 09:05 in New York (EDT from 8 March 2026).
    expect(page.$('[part="since"] time')!.textContent).to.equal('Fehlgeschlagen seit 12. März 2026 um 09:05');
    expect(new ShadowPage(badge!).text('[part~="label"]')).to.equal('Connection failed');
    // Both elements share the context's token source, so they share one live stream.
    await es.opened(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(es.sources).to.have.length(1);
  });
});

describe('dv-connection-status badge', () => {
  const BADGES = [
    ['connected_individual', 'Connected', 'badge--ok'],
    ['connected_central', 'Connected (central)', 'badge--ok'],
    ['failed', 'Connection failed', 'badge--danger'],
    ['not_connected', 'Not connected', 'badge--neutral'],
    ['syncing', 'Connecting…', 'badge--busy'],
  ] as const;

  for (const [status, short, tone] of BADGES) {
    it(`${status}: icon and short text, never colour alone; axe-clean`, async () => {
      const { el, page } = await mountStatus({ api: createFakeConnectionsApi({ statuses: { 'u-anna': status } }), variant: 'badge' });
      const badge = page.$('[part~="badge"]')!;
      expect(badge.tagName).to.equal('SPAN');
      expect(badge.getAttribute('part')).to.equal(`badge ${tone}`);
      expect(page.text('[part~="label"]')).to.equal(short);
      expect(badge.textContent!.replace(/\s+/g, ' ').trim()).to.equal(`Calendar connection: ${short}`);
      expect(badge.querySelector('svg[aria-hidden="true"]')).to.not.equal(null);
      expect(page.buttons()).to.have.length(0);
      await expect(el).to.be.accessible();
    });
  }

  it('with href the whole badge is a link to the details', async () => {
    const { el, page } = await mountStatus({ variant: 'badge', href: '/users/u-anna#calendar' });
    const link = page.$<HTMLAnchorElement>('a[part~="badge"]')!;
    expect(link.getAttribute('href')).to.equal('/users/u-anna#calendar');
    expect(link.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Calendar connection: Connected');
    await expect(el).to.be.accessible();
  });

  it('interactive: the badge is a disclosure button revealing the details and actions', async () => {
    const { el, page } = await mountStatus({ variant: 'badge', interactive: true });
    const button = page.$<HTMLButtonElement>('button[part~="badge"]')!;
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(page.$('#details')!.hidden).to.equal(true);
    button.click();
    await el.updateComplete;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(page.$('#details')!.hidden).to.equal(false);
    expect(page.text('#details [part="status"]')).to.equal('Connected (individual)');
    expect(page.buttonNames(page.$('#details')!)).to.deep.equal(['Disconnect calendar']);
    await expect(el).to.be.accessible();
  });

  it('loading and error read as words in the badge too', async () => {
    const api = createFakeConnectionsApi();
    const gate = api.gate('GET /api/users/:id/connection');
    const { el, page } = await mountStatus({ api, variant: 'badge', wait: false });
    await gate.reached;
    await el.updateComplete;
    expect(page.text('[part~="label"]')).to.equal('Loading…');
    await expect(el).to.be.accessible();
    gate.release();
    const failing = createFakeConnectionsApi();
    failing.script('GET /api/users/:id/connection', () => 'network-error');
    const broken = await mountStatus({ api: failing, variant: 'badge', wait: false });
    await broken.page.waitFor(() => broken.page.text('[part~="label"]') === 'Status unknown', 'no unknown state');
    expect(broken.page.$('[part~="badge"]')!.getAttribute('part')).to.equal('badge badge--danger');
    await expect(broken.el).to.be.accessible();
  });
});
