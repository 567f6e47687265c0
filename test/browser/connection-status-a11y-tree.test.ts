/**
 * `<dv-connection-status>` as assistive technology receives it: Chromium's real accessibility tree (the
 * `a11y-snapshot` command), not the DOM. Per state: the status region, the heading, the status words, the buttons
 * and links with their names; the badge's link and disclosure button; the dialog's role and name. The tree flattens
 * the shadow root into the page, so the fixture is the only content.
 */
import { expect } from '@open-wc/testing';
import { a11ySnapshot, sendKeys } from '@web/test-runner-commands';
import { createFakeConnectionsApi, view } from './support/fake-connections-api.js';
import { mountStatus } from './support/connection-page.js';

interface AXNode {
  role: string;
  name?: string;
  level?: number;
  expanded?: boolean;
  modal?: boolean;
  children?: AXNode[];
}

/** Role + name of every node of the given roles, in tree order. */
async function tree(roles: readonly string[]): Promise<string[]> {
  const root = (await a11ySnapshot({})) as unknown as AXNode;
  const out: string[] = [];
  const walk = (n: AXNode): void => {
    if (roles.includes(n.role)) out.push(`${n.role}${n.level ? n.level : ''}: ${n.name ?? ''}${n.expanded === undefined ? '' : n.expanded ? ' [expanded]' : ' [collapsed]'}`);
    n.children?.forEach(walk);
  };
  walk(root);
  return out;
}

/** All text the tree exposes, in order (static text nodes). */
async function texts(): Promise<string[]> {
  const root = (await a11ySnapshot({})) as unknown as AXNode;
  const out: string[] = [];
  const walk = (n: AXNode): void => {
    if (n.role === 'text' || n.role === 'StaticText') out.push(n.name ?? '');
    n.children?.forEach(walk);
  };
  walk(root);
  return out;
}

const MAIN = ['status', 'heading', 'button', 'link', 'time', 'dialog'] as const;

describe('dv-connection-status accessibility tree', () => {
  it('card, connected centrally: empty status region, heading, status words, account, one named button', async () => {
    await mountStatus({ api: createFakeConnectionsApi({ statuses: { 'u-anna': 'connected_central' } }) });
    expect(await tree(MAIN)).to.deep.equal(['status: ', 'heading3: Calendar connection', 'button: Disconnect calendar']);
    const t = await texts();
    expect(t).to.include('Connected (centrally managed)');
    expect(t).to.include('Microsoft Office 365');
  });

  it('card, failed: reason and date are text; Reconnect and Disconnect are named buttons', async () => {
    await mountStatus({ api: createFakeConnectionsApi({ statuses: { 'u-anna': 'failed' } }) });
    expect(await tree(['heading', 'button'])).to.deep.equal(['heading3: Calendar connection', 'button: Reconnect', 'button: Disconnect calendar']);
    const t = await texts();
    expect(t).to.include('Connection failed');
    expect(t).to.include('The calendar account was disconnected at the calendar provider.');
    expect(t).to.include('Failed since 12 March 2026 at 14:05');
  });

  it('card, not connected (German): Überschrift and "Kalender verbinden"', async () => {
    await mountStatus({ api: createFakeConnectionsApi({ statuses: { 'u-anna': 'not_connected' } }), lang: 'de' });
    expect(await tree(MAIN)).to.deep.equal(['status: ', 'heading3: Kalenderverbindung', 'button: Kalender verbinden']);
    expect(await texts()).to.include('Nicht verbunden');
  });

  it('badge as a link reads "Calendar connection: Connection failed"', async () => {
    await mountStatus({ api: createFakeConnectionsApi({ statuses: { 'u-anna': 'failed' } }), variant: 'badge', href: '/users/u-anna' });
    expect(await tree(MAIN)).to.deep.equal(['status: ', 'link: Calendar connection: Connection failed']);
  });

  it('interactive badge is a collapsed/expanded button', async () => {
    const { el } = await mountStatus({ variant: 'badge', interactive: true });
    expect(await tree(['button'])).to.deep.equal(['button: Calendar connection: Connected [collapsed]']);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button')!.click();
    await el.updateComplete;
    // (Chromium's snapshot prunes the unnamed-looking group wrapper; the disclosed button follows the badge.)
    expect(await tree(['button'])).to.deep.equal(['button: Calendar connection: Connected [expanded]', 'button: Disconnect calendar']);
  });

  it('the confirmation is a modal dialog named by its title, with the two named choices', async () => {
    await mountStatus();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    const root = (await a11ySnapshot({})) as unknown as AXNode;
    const find = (n: AXNode): AXNode | undefined => (n.role === 'dialog' ? n : n.children?.map(find).find(Boolean));
    const dialog = find(root)!;
    expect(dialog.name).to.equal('Disconnect this calendar?');
    expect(dialog.modal).to.equal(true);
    const names: string[] = [];
    const walk = (n: AXNode): void => {
      if (n.role === 'button') names.push(n.name ?? '');
      n.children?.forEach(walk);
    };
    walk(dialog);
    expect(names).to.deep.equal(['Disconnect', 'Keep connection']);
    // The page behind a modal dialog is inert: its button is not in the tree.
    expect(await tree(['button'])).to.deep.equal(['button: Disconnect', 'button: Keep connection']);
    await sendKeys({ press: 'Escape' });
  });

  it('a live change is announced through the status region', async () => {
    const { api, es, page } = await mountStatus();
    const source = await es.opened();
    source.ready();
    api.connections.set('u-anna', view('u-anna', 'failed'));
    source.push('connection.failed', { userId: 'u-anna', status: 'failed', reason: 'invalid_grant' });
    await page.waitFor(() => page.live() !== '', 'nothing announced');
    // A status region is not named from its content; what is read is the text inside it.
    const root = (await a11ySnapshot({})) as unknown as AXNode;
    const find = (n: AXNode): AXNode | undefined => (n.role === 'status' ? n : n.children?.map(find).find(Boolean));
    const status = find(root) as AXNode & { live?: string; atomic?: boolean };
    expect(status.live).to.equal('polite');
    expect(JSON.stringify(status)).to.include('Calendar connection: Connection failed');
  });
});
