/**
 * `<dv-slot-picker>` as assistive technology receives it: Chromium's real accessibility tree (the `a11y-snapshot`
 * command, see web-test-runner.config.mjs), not the DOM. One test per state asserts role + accessible name of the
 * headings, grid cells, options, buttons and links a screen-reader user meets — what peers get wrong (date cells read
 * as "4", slots as "1:30pm"). The tree flattens the shadow root into the page, so the fixture is the only content.
 */
import { expect } from '@open-wc/testing';
import { a11ySnapshot } from '@web/test-runner-commands';
import { SLOTS, appointmentFor, createFakeApi, details, errorBody } from './support/fake-public-api.js';
import { mountPicker, type SlotPickerPage } from './support/slot-picker-page.js';

interface AXNode {
  role: string;
  name?: string;
  level?: number;
  selected?: boolean;
  disabled?: boolean;
  children?: AXNode[];
}

/** Role + name of every node of the given roles, in tree order; `heading` entries carry their level. */
async function tree(roles: readonly string[]): Promise<string[]> {
  const root = (await a11ySnapshot({})) as unknown as AXNode;
  const out: string[] = [];
  const walk = (n: AXNode): void => {
    if (roles.includes(n.role)) out.push(`${n.role}${n.level ? n.level : ''}: ${n.name ?? ''}${n.selected ? ' [selected]' : ''}${n.disabled ? ' [disabled]' : ''}`);
    n.children?.forEach(walk);
  };
  walk(root);
  return out;
}

const MAIN = ['heading', 'button', 'link', 'status'] as const;

async function confirmStep(page: SlotPickerPage, option = 0): Promise<void> {
  page.options()[option]!.click();
  await page.waitForStep('confirm');
  const held = 'We are holding this time for you for 10 minutes.';
  for (let i = 0; i < 100 && page.live() !== held; i++) await new Promise((r) => setTimeout(r, 10));
}

describe('dv-slot-picker accessibility tree', () => {
  it('loading: only the announcement is exposed; the skeleton is hidden', async () => {
    const api = createFakeApi();
    const gate = api.gate('GET /slots');
    const { el } = await mountPicker({ api, wait: false });
    await gate.reached;
    await el.updateComplete;
    expect(await tree([...MAIN, 'gridcell', 'option'])).to.deep.equal(['status: ']);
    const root = (await a11ySnapshot({})) as unknown as AXNode;
    expect(JSON.stringify(root)).to.include('Loading available times…');
    gate.release();
  });

  it('pick: every day cell names weekday, date, month, year and count; times are options; buttons are named', async () => {
    const realNow = Date.now;
    Date.now = () => Date.parse('2026-03-31T10:00:00Z');
    try {
      await mountPicker();
      const cells = await tree(['gridcell']);
      expect(cells).to.have.length(31);
      expect(cells[0]).to.equal('gridcell: Sunday, 1 March 2026, no times available');
      expect(cells).to.include('gridcell: Monday, 30 March 2026, 4 times available [selected]');
      expect(cells).to.include('gridcell: Tuesday, 31 March 2026, no times available');
      expect(cells.every((c) => /^gridcell: \w+day, \d{1,2} March 2026, /.test(c)), cells.join('\n')).to.equal(true);
      expect(await tree(['option'])).to.deep.equal([
        'option: 09:00 to 10:00',
        'option: 10:30 to 11:30',
        'option: 13:00 to 14:00',
        'option: 15:30 to 16:30',
      ]);
      expect(await tree(MAIN)).to.deep.equal([
        'status: ',
        'heading2: Choose a time',
        'button: Change time zone',
        'button: Previous month [disabled]',
        'heading3: March 2026',
        'button: Next month',
        'heading3: Times on Monday, 30 March 2026',
        'button: I am not available on these days',
      ]);
    } finally {
      Date.now = realNow;
    }
  });

  it('pick in German: the same names in formal German', async () => {
    await mountPicker({ lang: 'de' });
    expect(await tree(['gridcell'])).to.include('gridcell: Montag, 30. März 2026, 4 Termine frei [selected]');
    expect((await tree(['option']))[0]).to.equal('option: 09:00 bis 10:00');
    expect(await tree(['heading', 'button'])).to.deep.equal([
      'heading2: Wählen Sie einen Termin',
      'button: Zeitzone ändern',
      'button: Vorheriger Monat [disabled]',
      'heading3: März 2026',
      'button: Nächster Monat',
      'heading3: Termine am Montag, 30. März 2026',
      'button: An diesen Tagen kann ich nicht',
    ]);
  });

  it('confirm (held): heading, the two actions, no grid left behind', async () => {
    const { page } = await mountPicker();
    await confirmStep(page, 1);
    expect(await tree([...MAIN, 'gridcell', 'option'])).to.deep.equal([
      'status: ',
      'heading2: Confirm your appointment',
      'button: Book appointment',
      'button: Choose another time',
    ]);
  });

  it('booked: heading, the add-to-calendar link and the move button; the room is in the summary', async () => {
    const api = createFakeApi();
    api.on('POST /appointment', ({ body }) => ({
      status: 201,
      body: { ...appointmentFor(SLOTS.find((s) => s.start === (body as { start: string }).start)!), roomName: 'Spree' },
    }));
    const { page } = await mountPicker({ api });
    await confirmStep(page);
    page.button('Book appointment').click();
    await page.waitForStep('booked');
    expect(await tree([...MAIN, 'gridcell', 'option'])).to.deep.equal([
      'status: ',
      'heading2: Your appointment is booked',
      'link: Add to calendar (.ics)',
      'button: Move appointment',
    ]);
    const text = JSON.stringify(await a11ySnapshot({}));
    expect(text).to.include('"name":"Room"').and.to.include('"name":"Spree"');
  });

  for (const [state, make, heading] of [
    ['declined', () => createFakeApi({ details: details({ status: 'declined' }) }), 'Thank you for letting us know'],
    ['closed', () => createFakeApi({ details: details({ status: 'expired' }) }), 'This booking link is no longer valid'],
    ['empty', () => createFakeApi({ slots: [] }), 'No times available'],
  ] as const) {
    it(`${state}: one heading, nothing to operate`, async () => {
      await mountPicker({ api: make(), wait: state });
      expect(await tree([...MAIN, 'gridcell', 'option'])).to.deep.equal(['status: ', `heading2: ${heading}`]);
    });
  }

  it('error: heading and the retry button', async () => {
    const api = createFakeApi();
    api.once('GET /', () => 'network-error');
    await mountPicker({ api, wait: 'error' });
    expect(await tree([...MAIN, 'gridcell', 'option'])).to.deep.equal([
      'status: ',
      'heading2: Connection problem',
      'button: Try again',
    ]);
  });

  it('slot just taken: the notice is text next to the heading, the fresh times are options', async () => {
    const api = createFakeApi();
    api.once('POST /holds', () => ({ status: 409, body: errorBody('slot_taken', 'taken', { slots: [SLOTS[0]!, SLOTS[2]!] }) }));
    const { page } = await mountPicker({ api });
    page.options()[1]!.click();
    await page.waitForStep('pick');
    await page.el.updateComplete;
    expect((await tree(['heading']))[0]).to.equal('heading2: Choose a time');
    expect(JSON.stringify(await a11ySnapshot({}))).to.include('This time was just taken. Please choose another time.');
    expect(await tree(['option'])).to.deep.equal(['option: 09:00 to 10:00', 'option: 13:00 to 14:00']);
    expect(await tree(['gridcell'])).to.include('gridcell: Monday, 30 March 2026, 2 times available [selected]');
  });

  it('heading-level="4": step heading at level 4, month and times headings at level 5', async () => {
    await mountPicker({ headingLevel: 4 });
    expect(await tree(['heading'])).to.deep.equal([
      'heading4: Choose a time',
      'heading5: March 2026',
      'heading5: Times on Monday, 30 March 2026',
    ]);
  });
});
