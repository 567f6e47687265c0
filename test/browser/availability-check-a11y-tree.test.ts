/**
 * `<dv-availability-check>` as assistive technology receives it: Chromium's accessibility tree (`a11ySnapshot`),
 * not the DOM. Per state, role + accessible name of headings, table headers and cells, radios, the combobox,
 * buttons and the dialog.
 */
import { expect } from '@open-wc/testing';
import { a11ySnapshot } from '@web/test-runner-commands';
import { createFakeApi } from './support/fake-scheduling-api.js';
import { mountCheck } from './support/scheduling-page.js';

interface AXNode {
  role: string;
  name?: string;
  level?: number;
  checked?: boolean | 'mixed';
  expanded?: boolean;
  children?: AXNode[];
}

async function tree(roles: readonly string[]): Promise<string[]> {
  const root = (await a11ySnapshot({})) as unknown as AXNode;
  const out: string[] = [];
  const walk = (n: AXNode): void => {
    if (roles.includes(n.role)) out.push(`${n.role}${n.level ? n.level : ''}: ${n.name ?? ''}${n.checked === true ? ' [checked]' : ''}`);
    n.children?.forEach(walk);
  };
  walk(root);
  return out;
}

describe('dv-availability-check accessibility tree', () => {
  it('loading: the heading and the live region only', async () => {
    const api = createFakeApi();
    const gate = api.gate('GET /api/locations');
    const { el } = await mountCheck({ api, wait: false });
    await gate.reached;
    await el.updateComplete;
    expect(await tree(['heading', 'button', 'status', 'combobox', 'table'])).to.deep.equal(['status: ', 'heading2: Check availability']);
    gate.release();
  });

  it('results: named combobox, chips, table headers as column/row headers, radios with full dates', async () => {
    const { page } = await mountCheck({ participants: 'anna cem', allowInvite: true, applicants: [{ name: 'Jamie Doe', email: 'j@a.test' }] });
    await page.setProposal(0, '2030-03-12', '10:00');
    await page.settle();
    expect(await tree(['heading', 'combobox', 'region'])).to.deep.equal([
      'heading2: Check availability',
      'region: Planned appointment',
      'heading3: Planned appointment',
      'combobox: Add participant',
      'combobox: Location',
      'combobox: Time zone',
      'region: Availability',
      'heading3: Availability',
      'region: Who is free at the proposed times (Central European Time)',
      'region: Invitation',
      'heading3: Invitation',
    ]);
    // Puppeteer's snapshot keeps only "interesting" nodes and treats the focusable, named scroll region as a leaf,
    // so the table's cells arrive as its text in reading order (the header semantics are asserted on the DOM in
    // availability-check.test.ts). Icons are not read: only words.
    const root = (await a11ySnapshot({})) as unknown as AXNode;
    const find = (n: AXNode): AXNode | undefined => (n.role === 'region' && n.name?.startsWith('Who is free') ? n : n.children?.map(find).find(Boolean));
    const texts = (find(root)?.children ?? []).map((c) => c.name?.trim()).filter(Boolean);
    expect(texts.slice(4)).to.deep.equal([
      'Participant',
      'Tuesday, 12 March 2030',
      '10:00 to 11:00',
      'Anna Schmidt',
      'Free',
      'Cem Yilmaz',
      'Unknown',
      'no calendar connected',
      'Everyone',
      'Unknown',
    ]);
    expect(await tree(['radio'])).to.deep.equal([
      'radio: Tuesday, 12 March 2030, 10:00 to 11:00 — not every calendar could be read',
      'radio: Tuesday, 12 March 2030, 14:00 to 15:00',
      'radio: Wednesday, 13 March 2030, 09:00 to 10:00',
    ]);
    expect(await tree(['button'])).to.include.members(['button: Remove Anna Schmidt', 'button: Add another time', 'button: Check again', 'button: Send invitation']);
  });

  it('existing appointment with the cancel dialog open: the dialog is named, its buttons too', async () => {
    const { el, page } = await mountCheck({ appointment: 'apt-1', allowInvite: true, lang: 'de' });
    page.button('Termin absagen').click();
    await el.updateComplete;
    expect(await tree(['dialog'])).to.deep.equal(['dialog: Termin absagen?']);
    const buttons = await tree(['button']);
    expect(buttons.slice(-2)).to.deep.equal(['button: Termin absagen', 'button: Termin behalten']);
  });

  it('error: the heading, the message and the retry button', async () => {
    const api = createFakeApi();
    api.once('GET /api/locations', () => 'network-error');
    const { page } = await mountCheck({ api, wait: false });
    await page.waitForPhase('error');
    expect(await tree(['heading', 'button'])).to.deep.equal(['heading2: Check availability', 'button: Try again']);
    expect(JSON.stringify(await a11ySnapshot({}))).to.include('The data for the availability check could not be loaded.');
  });
});
