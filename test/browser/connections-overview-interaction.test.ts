/**
 * `<dv-connections-overview>` interaction in real Chromium with real key presses: the filter radio group (arrows),
 * search typed and submitted with Enter, sorting from the keyboard, the per-user and service-account confirmation
 * dialogs (focus moves in, Escape cancels, focus returns; the service-account dialog says connections are kept),
 * central connect, load rooms with progress and result, live row updates, the polling fallback, and the
 * accessibility tree (table headers, radio names with counts, row buttons named with the user).
 */
import { expect, oneEvent } from '@open-wc/testing';
import { a11ySnapshot, sendKeys } from '@web/test-runner-commands';
import type { DvConnectEvent, DvDisconnectEvent, DvStatusChangeEvent } from '../../src/elements/connection-status/index.js';
import { createFakeConnectionsApi, view } from './support/fake-connections-api.js';
import { mountOverview, tableRows } from './support/connection-page.js';

const press = (key: string) => sendKeys({ press: key });
async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await press('Tab');
  await sendKeys({ up: 'Shift' });
}

/** Tab until the focused control inside the element has `name` (at most 30 presses). */
async function tabTo(page: { focusedName(): string }, name: string): Promise<void> {
  for (let i = 0; i < 30; i++) {
    await press('Tab');
    if (page.focusedName() === name) return;
  }
  throw new Error(`never reached "${name}" with Tab (last: "${page.focusedName()}")`);
}

describe('dv-connections-overview keyboard', () => {
  it('the filter is one tab stop; arrow keys choose the next value and the table follows', async () => {
    const { el, api, page } = await mountOverview();
    await tabTo(page, '');
    // Radios have no aria-label: check the focused control by its value instead.
    for (let i = 0; i < 10 && (page.focused() as HTMLInputElement | null)?.type !== 'radio'; i++) await press('Tab');
    const radio = page.focused() as HTMLInputElement;
    expect(radio.type).to.equal('radio');
    expect(radio.value).to.equal('');
    await press('ArrowRight');
    await page.waitFor(() => el.list?.total === 1 && el.filter === 'connected_individual', 'arrow did not filter');
    expect((page.focused() as HTMLInputElement).value).to.equal('connected_individual');
    expect(api.calls.at(-1)!.query.get('status')).to.equal('connected_individual');
    expect(tableRows(page).map((r) => r[0])).to.deep.equal(['Anna Schmidt']);
    await press('ArrowRight');
    await press('ArrowRight');
    await page.waitFor(() => el.filter === 'failed' && el.list?.total === 1, 'not on failed');
    expect(tableRows(page).map((r) => r[0])).to.deep.equal(['Clara Weiß']);
    // Tab leaves the group for the search field.
    await press('Tab');
    expect((page.focused() as HTMLInputElement).type).to.equal('search');
  });

  it('search typed with real keys and submitted with Enter', async () => {
    const { el, api, page } = await mountOverview({ searchDelay: 5000 });
    page.$<HTMLInputElement>('input[type="search"]')!.focus();
    await sendKeys({ type: 'clara' });
    const before = api.count('GET /api/connections');
    await press('Enter');
    await page.waitFor(() => el.list?.total === 1, 'Enter did not search');
    expect(api.count('GET /api/connections')).to.equal(before + 1);
    expect(api.calls.at(-1)!.query.get('q')).to.equal('clara');
    expect(page.live()).to.equal('1 users shown');
  });

  it('sort buttons work with Enter and Space', async () => {
    const { el, page } = await mountOverview();
    page.$<HTMLInputElement>('input[type="search"]')!.focus();
    await press('Tab');
    expect(page.focusedName()).to.equal('Name▲');
    await press('Enter');
    await el.updateComplete;
    expect(page.$('thead th')!.getAttribute('aria-sort')).to.equal('descending');
    await press('Tab');
    await press(' ');
    await el.updateComplete;
    expect(page.$$('thead th')[2]!.getAttribute('aria-sort')).to.equal('ascending');
    expect(tableRows(page)[0]![0]).to.equal('Clara Weiß');
  });

  it('disconnect a user: dialog names the user, focus on "Keep connection", Escape cancels and returns focus', async () => {
    const { el, api, page } = await mountOverview();
    await tabTo(page, 'Disconnect: Ben Müller');
    await press('Enter');
    await page.waitFor(() => !!page.openDialog(), 'dialog not open');
    expect(page.text('#disconnect-user-dialog-title')).to.equal('Disconnect the calendar of Ben Müller?');
    expect(page.focusedName()).to.equal('Keep connection');
    await expect(el).to.be.accessible();
    await press('Escape');
    await el.updateComplete;
    expect(page.openDialog()).to.equal(null);
    expect(page.focusedName()).to.equal('Disconnect: Ben Müller');
    expect(api.count('DELETE /api/users/:id/connection')).to.equal(0);
  });

  it('disconnect a user confirmed: DELETE, row and counts update, events, announcement, focus stays in the row', async () => {
    const { el, api, page } = await mountOverview();
    const gone = oneEvent(el, 'dv-disconnect') as Promise<DvDisconnectEvent>;
    const changed = oneEvent(el, 'dv-status-change') as Promise<DvStatusChangeEvent>;
    await tabTo(page, 'Disconnect: Anna Schmidt');
    await press('Enter');
    await page.waitFor(() => !!page.openDialog(), 'dialog not open');
    await shiftTab();
    expect(page.focusedName()).to.equal('Disconnect');
    await press('Enter');
    expect((await gone).detail).to.deep.equal({ userId: 'u-anna', kind: 'individual' });
    expect((await changed).detail).to.deep.equal({ userId: 'u-anna', status: 'not_connected', previous: 'connected_individual' });
    expect(api.calls.find((c) => c.method === 'DELETE')!.path).to.equal('/api/users/u-anna/connection');
    await page.waitFor(() => el.list?.counts.not_connected === 3, 'counts not re-read');
    expect(tableRows(page)[0]).to.deep.equal(['Anna Schmidt', 'anna@example.com', 'Not connected', '', 'Connect centrally']);
    expect(page.live()).to.equal('The calendar of Anna Schmidt was disconnected.');
    expect(page.focusedName()).to.equal('Connect centrally: Anna Schmidt');
  });

  it('connect centrally: POST …/central, the row shows "Connecting…", dv-connect (kind central) and an announcement', async () => {
    const { el, api, page } = await mountOverview();
    const started = oneEvent(el, 'dv-connect') as Promise<DvConnectEvent>;
    const changed = oneEvent(el, 'dv-status-change') as Promise<DvStatusChangeEvent>;
    await tabTo(page, 'Connect centrally: Dora Yilmaz');
    await press('Enter');
    expect((await started).detail).to.deep.equal({ userId: 'u-dora', kind: 'central', url: null });
    expect((await changed).detail).to.deep.equal({ userId: 'u-dora', status: 'syncing', previous: 'not_connected' });
    expect(api.calls.find((c) => c.key === 'POST /api/users/:id/connection/central')!.path).to.equal('/api/users/u-dora/connection/central');
    await el.updateComplete;
    expect(tableRows(page)[3]![2]).to.equal('Connecting…');
    expect(page.live()).to.equal('Central connection of Dora Yilmaz requested.');
    await expect(el).to.be.accessible();
  });

  it('a refused central connect shows the reason in the row', async () => {
    const api = createFakeConnectionsApi();
    api.script('POST /api/users/:id/connection/central', () => ({ status: 400, body: { error: { code: 'validation_failed', message: 'x' } } }));
    const { el, page } = await mountOverview({ api });
    page.button('Connect centrally: Dora Yilmaz').click();
    await page.waitFor(() => !!page.$('tr[data-user="u-dora"] [part="error"]'), 'no row error');
    expect(page.text('tr[data-user="u-dora"] [part="error"]')).to.equal('The calendar system refused to connect this user through the service account.');
    await expect(el).to.be.accessible();
  });

  it('disconnect the service account: the spec’s dialog says connections are kept; Escape keeps it; confirm disconnects', async () => {
    const { el, api, page } = await mountOverview();
    await tabTo(page, 'Disconnect service account');
    await press('Enter');
    await page.waitFor(() => !!page.openDialog(), 'dialog not open');
    const dialog = page.openDialog()!;
    expect(page.text('#disconnect-sa-dialog-title')).to.equal('Disconnect the service account?');
    expect(page.text('#disconnect-sa-dialog-text')).to.equal(
      'Central management of calendar connections will be switched off. Existing calendar connections of your users are kept. You can connect a service account again at any time.',
    );
    expect(page.buttonNames(dialog)).to.deep.equal(['Disconnect', 'Keep connection']);
    expect(page.focusedName()).to.equal('Keep connection');
    await expect(el).to.be.accessible();
    await press('Escape');
    await el.updateComplete;
    expect(page.focusedName()).to.equal('Disconnect service account');
    expect(api.count('DELETE /api/service-account')).to.equal(0);

    const gone = oneEvent(el, 'dv-disconnect') as Promise<DvDisconnectEvent>;
    await press('Enter');
    await shiftTab();
    await press('Enter');
    expect((await gone).detail).to.deep.equal({ userId: null, kind: 'service-account' });
    await page.waitFor(() => el.serviceAccount?.status === 'not_connected', 'not disconnected');
    expect(page.live()).to.equal('The service account was disconnected. Existing calendar connections are kept.');
    expect(page.focusedName()).to.equal('Connect service account');
    // User connections are untouched; only central connect is gone.
    expect(tableRows(page).map((r) => r[2]).slice(0, 2)).to.deep.equal(['Connected (individual)', 'Connected (centrally managed)']);
    expect(page.buttonNames().filter((n) => n.startsWith('Connect centrally'))).to.deep.equal([]);
  });

  it('the connect-service-account dialog is cancelled with Escape and focus returns', async () => {
    const { el, api, page } = await mountOverview({ api: createFakeConnectionsApi({ sa: 'not_connected' }) });
    await tabTo(page, 'Connect service account');
    await press('Enter');
    await page.waitFor(() => !!page.openDialog(), 'dialog not open');
    expect(page.focusedName()).to.equal('Connect');
    await press('Escape');
    await el.updateComplete;
    expect(page.focusedName()).to.equal('Connect service account');
    expect(api.count('POST /api/service-account/authorize')).to.equal(0);
  });

  it('load rooms: progress while loading, then the result, both announced', async () => {
    const api = createFakeConnectionsApi();
    const gate = api.gate('POST /api/rooms/load');
    const { el, page } = await mountOverview({ api });
    await tabTo(page, 'Load rooms');
    await press('Enter');
    await gate.reached;
    await el.updateComplete;
    expect(page.$('[part="rooms"] progress')).to.not.equal(null);
    expect(page.text('[part="rooms"]')).to.equal('Loading rooms from the calendar system…');
    expect(page.live()).to.equal('Loading rooms from the calendar system…');
    expect(page.focused()!.getAttribute('aria-disabled')).to.equal('true');
    await expect(el).to.be.accessible();
    gate.release();
    const result = '2 rooms found in the calendar system; 3 rooms in total. Calendar access requested for 1.';
    await page.waitFor(() => page.text('[part="rooms"]') === result, 'no result');
    expect(page.live()).to.equal(result);
    expect(page.focusedName()).to.equal('Load rooms');
    await expect(el).to.be.accessible();
  });
});

describe('dv-connections-overview live updates', () => {
  it('a pushed connection.failed updates the row at once, announces it, and a re-read refreshes the counts', async () => {
    const { el, api, es, page } = await mountOverview();
    const source = await es.opened();
    source.ready();
    api.connections.set('u-anna', view('u-anna', 'failed'));
    const changed = oneEvent(el, 'dv-status-change') as Promise<DvStatusChangeEvent>;
    source.push('connection.failed', { userId: 'u-anna', status: 'failed', reason: 'invalid_grant' });
    expect((await changed).detail).to.deep.equal({ userId: 'u-anna', status: 'failed', previous: 'connected_individual' });
    await el.updateComplete;
    expect(tableRows(page)[0]![2]).to.equal('Connection failed Access expired or withdrawn');
    expect(page.live()).to.equal('Anna Schmidt: Connection failed');
    await page.waitFor(() => el.list?.counts.failed === 2, 'counts not refreshed');
    expect(page.$$('[part~="filter-option"]')[3]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Connection failed 2');
    expect(page.live()).to.equal('Anna Schmidt: Connection failed');
  });

  it('polls while the stream is down and reports changes found by a poll', async () => {
    const { el, api, es, page } = await mountOverview({ pollInterval: 150 });
    (await es.opened()).fail();
    api.connections.set('u-dora', view('u-dora', 'connected_central'));
    const changed = oneEvent(el, 'dv-status-change') as Promise<DvStatusChangeEvent>;
    expect((await changed).detail).to.deep.equal({ userId: 'u-dora', status: 'connected_central', previous: 'not_connected' });
    await el.updateComplete;
    expect(page.live()).to.equal('Dora Yilmaz: Connected (centrally managed)');
    expect(page.$('[part="base"]')!.dataset['live']).to.equal('unavailable');
  });
});

describe('dv-connections-overview accessibility tree', () => {
  interface AXNode {
    role: string;
    name?: string;
    checked?: boolean;
    children?: AXNode[];
  }
  async function tree(roles: readonly string[]): Promise<string[]> {
    const root = (await a11ySnapshot({})) as unknown as AXNode;
    const out: string[] = [];
    const walk = (n: AXNode): void => {
      if (roles.includes(n.role)) out.push(`${n.role}: ${n.name ?? ''}${n.checked ? ' [checked]' : ''}`);
      n.children?.forEach(walk);
    };
    walk(root);
    return out;
  }

  it('headings, the panel region, the radios with counts, the search box, sort and row buttons named with the user', async () => {
    await mountOverview();
    expect(await tree(['heading'])).to.deep.equal(['heading: Calendar connections', 'heading: Service account']);
    expect(await tree(['radiogroup', 'group', 'radio'])).to.deep.include.members([
      'radio: All 5 [checked]',
      'radio: Connected (individual) 1',
      'radio: Connected (centrally managed) 1',
      'radio: Connection failed 1',
      'radio: Not connected 2',
    ]);
    expect(await tree(['searchbox'])).to.deep.equal(['searchbox: Search by name or e-mail']);
    // Chromium's "interesting only" snapshot drops table, row and header nodes (the table's structure is asserted in
    // the DOM in connections-overview.test.ts); what a user tabs to is here: sort buttons named by their column.
    expect(await tree(['region'])).to.deep.equal(['region: Service account']);
    expect((await tree(['button'])).slice(2, 4)).to.deep.equal(['button: Name', 'button: Status']);
    const buttons = await tree(['button']);
    expect(buttons.slice(0, 2)).to.deep.equal(['button: Load rooms', 'button: Disconnect service account']);
    expect(buttons.filter((b) => b.includes(': Emil Adler'))).to.deep.equal([]);
    expect(buttons).to.include.members(['button: Connect centrally: Anna Schmidt', 'button: Disconnect: Anna Schmidt', 'button: Disconnect: Ben Müller']);
  });
});
