/**
 * `<dv-connection-status>` interaction in real Chromium: the disconnect confirmation dialog driven with real key
 * presses (focus moves in, Escape cancels, focus returns, confirm disconnects), live updates pushed through the fake
 * EventSource (applied at once, confirmed by a read, announced once), the polling fallback while the stream is
 * down, a fresh ticket per reconnect, and the stream closed when the element leaves the page.
 */
import { expect, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DvDisconnectEvent, DvStatusChangeEvent } from '../../src/elements/connection-status/index.js';
import { API, createFakeConnectionsApi, view } from './support/fake-connections-api.js';
import { mountStatus } from './support/connection-page.js';

const press = (key: string) => sendKeys({ press: key });
async function shiftTab(): Promise<void> {
  await sendKeys({ down: 'Shift' });
  await press('Tab');
  await sendKeys({ up: 'Shift' });
}

describe('dv-connection-status disconnect dialog (keyboard)', () => {
  it('Enter opens the dialog with focus on "Keep connection"; Escape cancels and returns focus; nothing is deleted', async () => {
    const { el, api, page } = await mountStatus();
    await press('Tab');
    expect(page.focusedName()).to.equal('Disconnect calendar');
    await press('Enter');
    const dialog = page.openDialog()!;
    expect(dialog).to.not.equal(null);
    expect(dialog.getAttribute('aria-labelledby')).to.equal('disconnect-dialog-title');
    expect(page.text('#disconnect-dialog-title')).to.equal('Disconnect this calendar?');
    expect(page.focusedName()).to.equal('Keep connection');
    expect(page.buttonNames(dialog)).to.deep.equal(['Disconnect', 'Keep connection']);
    await expect(el).to.be.accessible();
    await press('Escape');
    await el.updateComplete;
    expect(page.openDialog()).to.equal(null);
    expect(page.focusedName()).to.equal('Disconnect calendar');
    expect(api.count('DELETE /api/users/:id/connection')).to.equal(0);
    expect(el.status).to.equal('connected_individual');
  });

  it('"Keep connection" with Enter closes too; focus returns to the opener', async () => {
    const { el, api, page } = await mountStatus();
    await press('Tab');
    await press('Enter');
    await press('Enter');
    await el.updateComplete;
    expect(page.openDialog()).to.equal(null);
    expect(page.focusedName()).to.equal('Disconnect calendar');
    expect(api.count('DELETE /api/users/:id/connection')).to.equal(0);
  });

  it('confirming disconnects: DELETE, dv-disconnect, dv-status-change, announcement, focus on "Connect calendar"', async () => {
    const { el, api, page } = await mountStatus();
    const changed = oneEvent(el, 'dv-status-change') as Promise<DvStatusChangeEvent>;
    const gone = oneEvent(el, 'dv-disconnect') as Promise<DvDisconnectEvent>;
    await press('Tab');
    await press('Enter');
    await shiftTab();
    expect(page.focusedName()).to.equal('Disconnect');
    await press('Enter');
    expect((await gone).detail).to.deep.equal({ userId: 'u-anna', kind: 'individual' });
    expect((await changed).detail).to.deep.equal({ userId: 'u-anna', status: 'not_connected', previous: 'connected_individual' });
    await page.waitFor(() => page.focusedName() === 'Connect calendar', `focus is on ${page.focusedName()}`);
    expect(api.calls.find((c) => c.method === 'DELETE')!.path).to.equal('/api/users/u-anna/connection');
    expect(page.text('[part="status"]')).to.equal('Not connected');
    expect(page.live()).to.equal('Calendar connection: Not connected');
    expect(page.openDialog()).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a failed disconnect keeps the status, shows why and returns focus to the button', async () => {
    const api = createFakeConnectionsApi();
    api.script('DELETE /api/users/:id/connection', () => 'network-error');
    const { el, page } = await mountStatus({ api });
    await press('Tab');
    await press('Enter');
    await shiftTab();
    await press('Enter');
    await page.waitFor(() => !!page.$('[part="error"]'), 'no error');
    expect(page.text('[part="error"]')).to.equal('No connection to the server. Please check your network and try again.');
    expect(el.status).to.equal('connected_individual');
    expect(page.focusedName()).to.equal('Disconnect calendar');
  });

  it('reconnect of a failed connection is reachable with Tab and Enter', async () => {
    const { el, api, page } = await mountStatus({ api: createFakeConnectionsApi({ statuses: { 'u-anna': 'failed' } }) });
    el.addEventListener('dv-connect', (e) => e.preventDefault());
    await press('Tab');
    expect(page.focusedName()).to.equal('Reconnect');
    const started = oneEvent(el, 'dv-connect');
    await press('Enter');
    await started;
    expect(api.count('POST /api/users/:id/connection/authorize')).to.equal(1);
  });

  it('the interactive badge opens with Enter and its actions follow in tab order', async () => {
    const { el, page } = await mountStatus({ variant: 'badge', interactive: true });
    await press('Tab');
    expect(page.focusedName()).to.equal('Calendar connection: Connected');
    await press('Enter');
    await el.updateComplete;
    expect(page.focused()!.getAttribute('aria-expanded')).to.equal('true');
    await press('Tab');
    expect(page.focusedName()).to.equal('Disconnect calendar');
    await press('Enter');
    expect(page.openDialog()).to.not.equal(null);
    await press('Escape');
    await el.updateComplete;
    expect(page.focusedName()).to.equal('Disconnect calendar');
  });
});

describe('dv-connection-status live updates', () => {
  it('opens the stream with a ticket fetched with the bearer token; the URL carries only the ticket', async () => {
    const { api, es } = await mountStatus();
    const source = await es.opened();
    const ticketCall = api.calls.find((c) => c.key === 'POST /api/events/tickets')!;
    expect(ticketCall.headers.get('authorization')).to.equal('Bearer tok-admin');
    expect(source.url).to.match(new RegExp(`^${API.replace(/\./g, '\\.')}/api/events\\?ticket=ticket-1-`));
    expect(source.url).to.not.include('tok-admin');
  });

  it('a pushed connection.failed changes the status at once, announces once, then a read brings the details', async () => {
    const { el, api, es, page } = await mountStatus();
    const source = await es.opened();
    source.ready();
    await page.waitFor(() => page.$('[part="base"]')!.dataset['live'] === 'open', 'stream not open');
    const reads = api.count('GET /api/users/:id/connection');
    api.connections.set('u-anna', view('u-anna', 'failed'));
    const gate = api.gate('GET /api/users/:id/connection');
    const changed = oneEvent(el, 'dv-status-change') as Promise<DvStatusChangeEvent>;
    source.push('connection.failed', { userId: 'u-anna', status: 'failed', reason: 'profile_disconnected' });
    expect((await changed).detail).to.deep.equal({ userId: 'u-anna', status: 'failed', previous: 'connected_individual' });
    await el.updateComplete;
    expect(page.text('[part="status"]')).to.equal('Connection failed');
    expect(page.text('[part="reason"]')).to.equal('The calendar account was disconnected at the calendar provider.');
    expect(page.live()).to.equal('Calendar connection: Connection failed');
    await gate.reached;
    gate.release();
    await page.waitFor(() => !!page.$('[part="since"]'), 'no failure date after the read');
    expect(api.count('GET /api/users/:id/connection')).to.equal(reads + 1);
    // The read confirmed the same status: nothing new is said (not even a re-announcement).
    expect(page.live()).to.equal('Calendar connection: Connection failed');
    await expect(el).to.be.accessible();

    api.connections.set('u-anna', view('u-anna', 'connected_individual'));
    source.push('connection.restored', { userId: 'u-anna', status: 'connected_individual' });
    await page.waitFor(() => el.status === 'connected_individual', 'not restored');
    expect(page.live()).to.equal('Calendar connection: Connected (individual)');
  });

  it('ignores events of other users and other kinds', async () => {
    const { el, api, es } = await mountStatus();
    const source = await es.opened();
    source.ready();
    const reads = api.count('GET /api/users/:id/connection');
    let changes = 0;
    el.addEventListener('dv-status-change', () => (changes += 1));
    source.push('connection.failed', { userId: 'u-ben', status: 'failed' });
    source.push('booking.confirmed', { bookingRequestId: 'br-1', status: 'booked' });
    source.emit('connection.changed', 'not json at all');
    await new Promise((r) => setTimeout(r, 100));
    expect(changes).to.equal(0);
    expect(el.status).to.equal('connected_individual');
    expect(api.count('GET /api/users/:id/connection')).to.equal(reads);
  });

  it('falls back to polling while the stream is down, then reconnects with a new ticket and stops polling', async () => {
    const { el, api, es, page } = await mountStatus({ pollInterval: 150 });
    const first = await es.opened(1);
    first.fail();
    expect(first.closed).to.equal(true);
    await page.waitFor(() => page.$('[part="base"]')!.dataset['live'] === 'unavailable', 'not marked unavailable');
    api.connections.set('u-anna', view('u-anna', 'failed'));
    await page.waitFor(() => el.status === 'failed', 'polling did not pick up the change');
    expect(page.live()).to.equal('Calendar connection: Connection failed');
    // Backoff ~1 s, then a second ticket and a second source.
    const second = await es.opened(2);
    expect(second.url).to.include('ticket=ticket-2-');
    expect(api.count('POST /api/events/tickets')).to.equal(2);
    api.connections.set('u-anna', view('u-anna', 'connected_central'));
    second.ready();
    // Back online: the missed change is read at once.
    await page.waitFor(() => el.status === 'connected_central', 'no read after the stream came back');
    const reads = api.count('GET /api/users/:id/connection');
    await new Promise((r) => setTimeout(r, 400));
    expect(api.count('GET /api/users/:id/connection')).to.equal(reads);
  });

  it('closes the stream and stops polling when removed from the page', async () => {
    const { el, api, es } = await mountStatus({ pollInterval: 100 });
    const source = await es.opened();
    source.ready();
    el.remove();
    expect(source.closed).to.equal(true);
    const reads = api.count('GET /api/users/:id/connection');
    await new Promise((r) => setTimeout(r, 300));
    expect(api.count('GET /api/users/:id/connection')).to.equal(reads);
  });
});
