/**
 * `<dv-connections-overview>` in real Chromium against the fake contract API: the table with its headers and rows,
 * the spec's filter values with counts, search, sorting, paging, the service-account panel in each state, Basic
 * (plus_required), loading and error, events, German, and an axe check per state. Keyboard paths, dialogs and live
 * updates are in connections-overview-interaction.test.ts.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import type { DvConnectionsLoadEvent } from '../../src/elements/connections-overview/index.js';
import type { DvConnectEvent, DvConnectionErrorEvent } from '../../src/elements/connection-status/index.js';
import { SA_CONSENT, createFakeConnectionsApi, errorBody, serviceAccount } from './support/fake-connections-api.js';
import { mountOverview, tableRows } from './support/connection-page.js';

const ALL_ROWS = [
  ['Anna Schmidt', 'anna@example.com', 'Connected (individual)', 'Google · u-anna@example.com', 'Connect centrally Disconnect'],
  ['Ben Müller', 'ben@example.com', 'Connected (centrally managed)', 'Microsoft Office 365 · u-ben@example.com', 'Disconnect'],
  ['Clara Weiß', 'clara@example.com', 'Connection failed Disconnected at the calendar provider · since 12 March 2026 at 14:05', 'Google · u-clara@example.com', 'Connect centrally Disconnect'],
  ['Dora Yilmaz', 'dora@example.com', 'Not connected', '', 'Connect centrally'],
  ['Emil Adler', 'emil@example.com', 'Not connected Calendar integration switched off', '', ''],
];

function filterLabels(page: { $$: (s: string) => HTMLElement[] }): string[] {
  return page.$$('[part~="filter-option"]').map((l) => l.textContent!.replace(/\s+/g, ' ').trim());
}

describe('dv-connections-overview', () => {
  it('renders a real table with column headers, row headers and every user; counts per filter value; axe-clean', async () => {
    const { el, page } = await mountOverview();
    expect(page.text('[part="heading"]')).to.equal('Calendar connections');
    expect(page.$$('thead th').map((th) => th.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Name▲', 'E-mail', 'Status↕', 'Calendar account', 'Actions',
    ]);
    expect(page.$$('thead th').every((th) => th.getAttribute('scope') === 'col')).to.equal(true);
    expect(page.$$('tbody th[scope="row"]')).to.have.length(5);
    expect(page.text('caption')).to.equal('5 of 5 users');
    expect(tableRows(page)).to.deep.equal(ALL_ROWS);
    expect(page.text('fieldset[part="filter"] legend')).to.equal('Status calendar connection');
    expect(filterLabels(page)).to.deep.equal([
      'All 5', 'Connected (individual) 1', 'Connected (centrally managed) 1', 'Connection failed 1', 'Not connected 2',
    ]);
    // The calendar icon marks connected users (the spec's user-list icon); decorative, the status says it in words.
    const icons = page.$$('tbody tr').map((tr) => !!tr.querySelector('[part="calendar-icon"]'));
    expect(icons).to.deep.equal([true, true, false, false, false]);
    expect(page.live()).to.equal('');
    await expect(el).to.be.accessible();
  });

  it('sends dv-load once with the list', async () => {
    const api = createFakeConnectionsApi();
    const gate = api.gate('GET /api/connections');
    const { el, page } = await mountOverview({ api, wait: false });
    await gate.reached;
    await el.updateComplete;
    expect(page.text('.list .loading')).to.equal('Loading calendar connections…');
    expect(page.$('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
    await expect(el).to.be.accessible();
    const loaded = oneEvent(el, 'dv-load') as Promise<DvConnectionsLoadEvent>;
    gate.release();
    const ev = await loaded;
    expect(ev.detail.list.total).to.equal(5);
    expect(ev.detail.list.counts.failed).to.equal(1);
  });

  it('a filter value asks the server for that status, keeps the counts of all values, and announces the result', async () => {
    const { el, api, page } = await mountOverview();
    page.$<HTMLInputElement>('input[value="failed"]')!.click();
    await page.waitFor(() => el.list?.total === 1, 'filter not applied');
    expect(api.calls.at(-1)!.query.get('status')).to.equal('failed');
    expect(tableRows(page).map((r) => r[0])).to.deep.equal(['Clara Weiß']);
    expect(filterLabels(page)).to.include('All 5');
    expect(page.$('[part~="filter-option--checked"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Connection failed 1');
    expect(page.live()).to.equal('1 users shown');
    await expect(el).to.be.accessible();
    page.$<HTMLInputElement>('input[value="not_connected"]')!.click();
    await page.waitFor(() => el.list?.total === 2, 'second filter not applied');
    expect(tableRows(page).map((r) => r[0])).to.deep.equal(['Dora Yilmaz', 'Emil Adler']);
    page.$<HTMLInputElement>('input[value=""]')!.click();
    await page.waitFor(() => el.list?.total === 5, 'all not restored');
    expect(api.calls.at(-1)!.query.has('status')).to.equal(false);
  });

  it('search by name or e-mail goes to the server after a pause; an empty result says so', async () => {
    const { el, api, page } = await mountOverview({ searchDelay: 50 });
    const input = page.$<HTMLInputElement>('input[type="search"]')!;
    expect(page.text('label[for="search"]')).to.equal('Search by name or e-mail');
    input.value = 'ben@';
    input.dispatchEvent(new Event('input'));
    await page.waitFor(() => el.list?.total === 1, 'search not applied');
    expect(api.calls.at(-1)!.query.get('q')).to.equal('ben@');
    expect(tableRows(page).map((r) => r[0])).to.deep.equal(['Ben Müller']);
    input.value = 'nobody';
    input.dispatchEvent(new Event('input'));
    await page.waitFor(() => el.list?.total === 0, 'empty search not applied');
    expect(tableRows(page)).to.deep.equal([['No users match this filter.']]);
    expect(page.text('caption')).to.equal('0 of 0 users');
    await expect(el).to.be.accessible();
  });

  it('typing fast sends one search, not one per key', async () => {
    const { el, api, page } = await mountOverview({ searchDelay: 80 });
    const input = page.$<HTMLInputElement>('input[type="search"]')!;
    const before = api.count('GET /api/connections');
    for (const v of ['c', 'cl', 'cla', 'clar']) {
      input.value = v;
      input.dispatchEvent(new Event('input'));
    }
    await page.waitFor(() => el.list?.total === 1, 'search not applied');
    await new Promise((r) => setTimeout(r, 120));
    expect(api.count('GET /api/connections')).to.equal(before + 1);
  });

  it('sorts by name and by status with aria-sort on the header', async () => {
    const { el, page } = await mountOverview();
    const [nameTh, , statusTh] = page.$$('thead th');
    expect(nameTh!.getAttribute('aria-sort')).to.equal('ascending');
    expect(statusTh!.getAttribute('aria-sort')).to.equal('none');
    nameTh!.querySelector('button')!.click();
    await el.updateComplete;
    expect(nameTh!.getAttribute('aria-sort')).to.equal('descending');
    expect(tableRows(page).map((r) => r[0])).to.deep.equal(['Emil Adler', 'Dora Yilmaz', 'Clara Weiß', 'Ben Müller', 'Anna Schmidt']);
    statusTh!.querySelector('button')!.click();
    await el.updateComplete;
    expect(statusTh!.getAttribute('aria-sort')).to.equal('ascending');
    expect(nameTh!.getAttribute('aria-sort')).to.equal('none');
    // Problems first: failed, not connected (by name), connected individually, centrally.
    expect(tableRows(page).map((r) => r[0])).to.deep.equal(['Clara Weiß', 'Dora Yilmaz', 'Emil Adler', 'Anna Schmidt', 'Ben Müller']);
  });

  it('pages: "Show more" reads the next rows and appends them', async () => {
    const { el, api, page } = await mountOverview({ pageSize: 2 });
    expect(page.text('caption')).to.equal('2 of 5 users');
    page.button('Show more').click();
    await page.waitFor(() => page.text('caption') === '4 of 5 users', 'second page not appended');
    expect(api.calls.at(-1)!.query.get('offset')).to.equal('2');
    page.button('Show more').click();
    await page.waitFor(() => page.text('caption') === '5 of 5 users', 'third page not appended');
    expect(page.buttonNames()).to.not.include('Show more');
    expect(tableRows(page)).to.have.length(5);
    void el;
  });

  it('service account connected: "Service Account: <e-mail>", provider and date, load rooms and disconnect', async () => {
    const { el, page } = await mountOverview();
    expect(page.text('[part="service-account-title"]')).to.equal('Service account');
    expect(page.text('.sa-account')).to.equal('Service Account: calendar-service@example.com');
    expect(page.text('[part="service-account-email"]')).to.equal('calendar-service@example.com');
    expect(page.text('.panel .muted')).to.equal('Microsoft Office 365 · example.com · Connected since 1 February 2026 at 10:30');
    expect(page.buttonNames(page.$('[part="service-account"]')!)).to.deep.equal(['Load rooms', 'Disconnect service account']);
    await expect(el).to.be.accessible();
  });

  it('service account not connected: explains and offers to connect; no central connect per user', async () => {
    const { el, page } = await mountOverview({ api: createFakeConnectionsApi({ sa: 'not_connected' }) });
    expect(page.text('[part="service-account"] p')).to.equal(
      'No service account is connected. Connect one to connect and manage your users’ calendars centrally.',
    );
    expect(page.buttonNames(page.$('[part="service-account"]')!)).to.deep.equal(['Connect service account']);
    expect(tableRows(page).map((r) => r[4])).to.deep.equal(['Disconnect', 'Disconnect', 'Disconnect', '', '']);
    await expect(el).to.be.accessible();
  });

  it('service account failed: says it lapsed and offers to connect again', async () => {
    const { el, page } = await mountOverview({ api: createFakeConnectionsApi({ sa: 'failed' }) });
    expect(page.text('[part="service-account"] [part="error"]')).to.equal('The service account’s authorization has lapsed. Connect it again.');
    expect(page.buttonNames(page.$('[part="service-account"]')!)).to.deep.equal(['Connect service account again', 'Disconnect service account']);
    await expect(el).to.be.accessible();
  });

  it('Basic: the panel explains that central management needs Plus; listing and disconnect still work', async () => {
    const { el, page } = await mountOverview({ api: createFakeConnectionsApi({ tier: 'basic' }) });
    expect(page.text('[part="plus-required"]')).to.equal(
      'Central management of calendar connections through a service account needs Calendar integration Plus. You can still see every user’s connection here and disconnect calendars.',
    );
    expect(page.buttonNames(page.$('[part="service-account"]')!)).to.deep.equal([]);
    expect(page.buttonNames()).to.not.include('Connect centrally: Dora Yilmaz');
    expect(page.buttonNames()).to.include('Disconnect: Anna Schmidt');
    expect(el.serviceAccount).to.equal(undefined);
    await expect(el).to.be.accessible();
  });

  it('a failed first read shows an error with retry; dv-error says which operation', async () => {
    const api = createFakeConnectionsApi();
    api.script('GET /api/connections', () => ({ status: 403, body: errorBody('forbidden') }));
    const { el, page } = await mountOverview({ api, wait: false });
    const err = (await oneEvent(el, 'dv-error')) as DvConnectionErrorEvent;
    expect(err.detail).to.deep.include({ operation: 'load', status: 403, code: 'forbidden' });
    await page.waitFor(() => !!page.$('.list [part="error"]'), 'no error');
    expect(page.text('.list [part="error"]')).to.equal('The calendar connections could not be loaded. Only administrators can manage calendar connections.');
    await expect(el).to.be.accessible();
    api.script('GET /api/connections', (call) => {
      void call;
      return { status: 200, body: { items: [], total: 0, counts: { all: 0, not_connected: 0, connected_individual: 0, connected_central: 0, failed: 0, syncing: 0 } } };
    });
    page.button('Try again').click();
    await page.waitFor(() => el.list?.total === 0, 'retry did not load');
  });

  it('back from the service account consent page: ?serviceAccount=connected is shown, announced and removed', async () => {
    history.replaceState(null, '', `${location.pathname}?serviceAccount=connected`);
    try {
      const { el, page } = await mountOverview();
      expect(page.text('[part="service-account"] [part="notice"]')).to.equal('The service account is connected.');
      expect(page.live()).to.equal('The service account is connected.');
      expect(location.search).to.equal('');
      await expect(el).to.be.accessible();
    } finally {
      history.replaceState(null, '', location.pathname);
    }
  });

  it('connect service account (after the explanation dialog) asks for the consent URL and hands it to the host', async () => {
    const { el, api, page } = await mountOverview({ api: createFakeConnectionsApi({ sa: 'not_connected' }) });
    page.button('Connect service account').click();
    const dialog = page.openDialog()!;
    expect(page.text('#connect-sa-dialog-title')).to.equal('Connect a service account');
    expect(dialog.textContent).to.include('read and write access');
    expect(page.focusedName()).to.equal('Connect');
    el.addEventListener('dv-connect', (e) => e.preventDefault(), { once: true });
    const started = oneEvent(el, 'dv-connect') as Promise<DvConnectEvent>;
    page.button('Connect', dialog).click();
    const ev = await started;
    expect(ev.detail).to.deep.equal({ userId: null, kind: 'service-account', url: SA_CONSENT });
    expect(api.calls.find((c) => c.key === 'POST /api/service-account/authorize')!.body).to.deep.equal({ returnTo: location.pathname });
  });

  it('German: filter values, headers, panel and statuses', async () => {
    const { el, page } = await mountOverview({ lang: 'de' });
    expect(page.text('[part="heading"]')).to.equal('Kalenderverbindungen');
    expect(page.text('fieldset legend')).to.equal('Status Kalenderverbindung');
    expect(filterLabels(page)).to.deep.equal([
      'Alle 5', 'Verbunden (individuell) 1', 'Verbunden (zentral verwaltet) 1', 'Verbindung fehlgeschlagen 1', 'Nicht verbunden 2',
    ]);
    expect(page.text('.sa-account')).to.equal('Dienstkonto: calendar-service@example.com');
    expect(tableRows(page)[2]![2]).to.equal('Verbindung fehlgeschlagen Beim Kalenderanbieter getrennt · seit 12. März 2026 um 14:05');
    expect(page.buttonNames()).to.include('Zentral verbinden: Dora Yilmaz');
    expect(page.text('caption')).to.equal('5 von 5 Benutzern');
    await expect(el).to.be.accessible();
  });

  it('reflows at 320 px: rows stack, nothing scrolls sideways, still axe-clean', async () => {
    await setViewport({ width: 320, height: 800 });
    try {
      const { el, page } = await mountOverview();
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      expect(el.scrollWidth).to.be.at.most(el.clientWidth);
      expect(getComputedStyle(page.$('tbody tr')!).display).to.equal('block');
      for (const b of page.buttons()) expect(b.getBoundingClientRect().height, b.textContent!).to.be.at.least(24);
      await expect(el).to.be.accessible();
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('the service account view reported with its failed status keeps central connect off', async () => {
    const api = createFakeConnectionsApi();
    api.sa = serviceAccount('failed');
    const { page } = await mountOverview({ api });
    expect(page.buttonNames().filter((n) => n.startsWith('Connect centrally'))).to.deep.equal([]);
  });
});
