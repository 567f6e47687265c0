/**
 * `<dv-booking-request>` as assistive technology receives it (Chromium's accessibility tree through
 * `a11ySnapshot`): role + accessible name of headings, fields, buttons and the dialog per state, in both languages.
 */
import { expect } from '@open-wc/testing';
import { a11ySnapshot } from '@web/test-runner-commands';
import { bookingView, createFakeApi } from './support/fake-scheduling-api.js';
import { mountRequest } from './support/scheduling-page.js';

interface AXNode {
  role: string;
  name?: string;
  level?: number;
  children?: AXNode[];
}

async function tree(roles: readonly string[]): Promise<string[]> {
  const root = (await a11ySnapshot({})) as unknown as AXNode;
  const out: string[] = [];
  const walk = (n: AXNode): void => {
    if (roles.includes(n.role)) out.push(`${n.role}${n.level ? n.level : ''}: ${n.name ?? ''}`);
    n.children?.forEach(walk);
  };
  walk(root);
  return out;
}

const NOW = Date.parse('2026-11-24T10:00:00Z');
const realNow = Date.now;

describe('dv-booking-request accessibility tree', () => {
  beforeEach(() => {
    Date.now = () => NOW;
  });
  afterEach(() => {
    Date.now = realNow;
  });

  it('form: every field has a name; the preview is a named region', async () => {
    const { page } = await mountRequest({ participants: 'anna' });
    await page.settle();
    // Chromium exposes a date input as its inner month/day/year spinbuttons, so those are left out here; their
    // labels ("From", "To") are checked through the DOM in booking-request.test.ts.
    const nodes = (await tree(['heading', 'textbox', 'combobox', 'spinbutton', 'region', 'button'])).filter((n) => !/(Month|Day|Year|date picker)/.test(n));
    expect(nodes).to.deep.equal([
      'heading2: Applicant self-booking',
      'textbox: Applicant’s name',
      'textbox: Applicant’s e-mail',
      'button: Remove Anna Schmidt',
      'combobox: Add participant',
      'spinbutton: Duration (minutes)',
      'combobox: Location',
      'combobox: Time zone',
      'region: Free times in this period',
      'heading3: Free times in this period',
      'button: Create booking link',
    ]);
  });

  it('German request state with the link: named link field and actions', async () => {
    const { page } = await mountRequest({ lang: 'de', participants: 'anna', applicantName: 'Jamie Doe', applicantEmail: 'jamie@applicant.test' });
    page.button('Buchungslink erstellen').click();
    await page.waitForPhase('request');
    expect(await tree(['heading', 'textbox', 'button'])).to.deep.equal([
      'heading2: Wartet auf die Buchung',
      'heading3: Buchungslink',
      'textbox: Buchungslink für die Bewerberin oder den Bewerber',
      'button: Link kopieren',
      'button: Aktualisieren',
      'button: Buchungsanfrage absagen',
      'button: Weitere Terminbuchung starten',
    ]);
  });

  it('failed state: the reason is read as text under the heading, resend is a button', async () => {
    const api = createFakeApi();
    api.on('GET /api/booking-requests/:id', () => ({ status: 200, body: bookingView({ status: 'expired', failureReason: 'expired' }) }));
    await mountRequest({ api, request: 'brq-1' });
    expect(await tree(['heading', 'button'])).to.deep.equal(['heading2: Booking failed', 'button: Send a new link', 'button: Refresh']);
    expect(JSON.stringify(await a11ySnapshot({}))).to.include('The period ended without a booking; the link was disabled automatically.');
  });

  it('Basic: one heading, nothing to operate', async () => {
    await mountRequest({ api: createFakeApi({ tier: 'basic' }), wait: 'plus' });
    expect(await tree(['heading', 'button', 'textbox'])).to.deep.equal(['heading2: Self-booking needs Calendar integration Plus']);
  });
});
