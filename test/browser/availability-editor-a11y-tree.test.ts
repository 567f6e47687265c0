/**
 * `<dv-availability-editor>` as assistive technology receives it: Chromium's real accessibility tree (the
 * `a11y-snapshot` command), one test per state, asserting role + accessible name of the grid and its headers and
 * cells, headings, inputs and buttons, in English and in German.
 */
import { expect } from '@open-wc/testing';
import { a11ySnapshot } from '@web/test-runner-commands';
import { createFakeAdminApi, errorBody } from './support/fake-admin-api.js';
import { mountEditor } from './support/availability-editor-page.js';

interface AXNode {
  role: string;
  name?: string;
  level?: number;
  selected?: boolean;
  disabled?: boolean;
  invalid?: string;
  multiselectable?: boolean;
  children?: AXNode[];
}

/**
 * Role + name of every node of the given roles, in tree order. Live regions are named by their content, so for
 * `status` and `alert` the text inside is shown. Puppeteer's snapshot keeps only "interesting" nodes: the grid
 * container and its header cells are folded into their text, which is why headers appear as `StaticText`.
 */
async function tree(roles: readonly string[]): Promise<string[]> {
  const root = (await a11ySnapshot({})) as unknown as AXNode;
  const out: string[] = [];
  const text = (n: AXNode): string => n.name || (n.children ?? []).map(text).join('');
  const walk = (n: AXNode): void => {
    // The native date input's own picker button is the browser's, named in the browser's language: not ours.
    if (roles.includes(n.role) && !n.name?.startsWith('Show date picker')) {
      const flags = [n.selected && 'selected', n.disabled && 'disabled', n.invalid && n.invalid !== 'false' && 'invalid'].filter(Boolean);
      const name = n.role === 'status' || n.role === 'alert' ? text(n) : (n.name ?? '');
      out.push(`${n.role}${n.level ?? ''}: ${name}${flags.length ? ` [${flags.join(', ')}]` : ''}`);
    }
    n.children?.forEach(walk);
  };
  walk(root);
  return out;
}

/** The StaticText run between two texts (the header cells as the tree exposes them). */
async function texts(): Promise<string[]> {
  const root = (await a11ySnapshot({})) as unknown as AXNode;
  const out: string[] = [];
  const walk = (n: AXNode): void => {
    if (n.role === 'StaticText') out.push(n.name ?? '');
    else n.children?.forEach(walk);
  };
  walk(root);
  return out;
}

describe('dv-availability-editor accessibility tree', () => {
  it('loading: the heading and the announcement only', async () => {
    const api = createFakeAdminApi();
    const gate = api.gate('GET /api/users/:id/availability');
    const { el } = await mountEditor({ api, wait: false });
    await gate.reached;
    await el.updateComplete;
    expect(await tree(['heading', 'status', 'gridcell', 'button'])).to.deep.equal([
      'heading2: Regular availability for appointments',
      'status: Loading availability…',
    ]);
    gate.release();
  });

  it('ready: a named grid with day and time headers; every cell says day, time range and state', async () => {
    const { page } = await mountEditor();
    const grid = page.$('[role="grid"]')!;
    expect(page.text(`#${grid.getAttribute('aria-labelledby')}`)).to.equal('Regular availability for appointments');
    expect(grid.getAttribute('aria-multiselectable')).to.equal('true');
    const t = await texts();
    const header = t.indexOf('Time');
    // Day headers expose the full weekday only (the short form is hidden); time headers every half hour.
    expect(t.slice(header, header + 10)).to.deep.equal(['Time', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', '07:00', '07:30']);
    expect(page.$$('[role="columnheader"]')).to.have.length(8);
    expect(page.$$('[role="rowheader"]')).to.have.length(26);
    const cells = await tree(['gridcell']);
    expect(cells).to.have.length(26 * 7);
    expect(cells).to.include('gridcell: Monday 09:00 to 09:30, available [selected]');
    expect(cells).to.include('gridcell: Friday 16:30 to 17:00, available [selected]');
    expect(cells).to.include('gridcell: Monday 17:00 to 17:30, not available');
    expect(cells).to.include('gridcell: Sunday 19:30 to 20:00, not available');
    expect(cells.filter((c) => c.endsWith('[selected]'))).to.have.length(80);
    expect(await tree(['heading', 'button', 'textbox', 'combobox', 'status', 'alert'])).to.deep.equal([
      'heading2: Regular availability for appointments',
      'heading3: Weekly hours',
      'heading3: Exceptions for specific dates',
      'combobox: On this date',
      'button: Add exception',
      'button: Save',
      'button: Reset [disabled]',
      'button: Use default hours',
      'status: ',
      'alert: ',
    ]);
    // The check mark on painted cells is decoration: the name already says "available".
    expect(t).not.to.include('✓');
  });

  it('a partly covered cell says so; exception inputs are named with their date and range', async () => {
    const api = createFakeAdminApi({
      availability: {
        weeklyHours: [{ day: 'mon', start: '09:00', end: '09:15' }],
        isDefault: false,
        dateOverrides: [{ date: '2026-04-07', intervals: [{ start: '10:00', end: '09:00' }] }],
      },
    });
    await mountEditor({ api });
    expect(await tree(['gridcell'])).to.include('gridcell: Monday 09:00 to 09:30, partly available');
    const controls = (await tree(['button', 'combobox', 'textbox', 'spinbutton', 'group', 'InputTime'])).join('\n');
    expect(controls).to.include('combobox: On this date');
    expect(controls).to.include('Remove range 1 on Tuesday, 7 April 2026');
    expect(controls).to.include('button: Add hours on Tuesday, 7 April 2026');
    expect(controls).to.include('button: Remove exception for Tuesday, 7 April 2026');
    const all = JSON.stringify(await a11ySnapshot({}));
    expect(all).to.include('From, range 1 on Tuesday, 7 April 2026');
    expect(all).to.include('To, range 1 on Tuesday, 7 April 2026');
  });

  it('Plus required and load error: heading and explanation, no grid', async () => {
    const api = createFakeAdminApi();
    api.on('GET /api/users/:id/availability', () => ({ status: 403, body: errorBody('plus_required', 'Plus') }));
    await mountEditor({ api, wait: 'plus-required' });
    expect(await tree(['heading', 'grid', 'button'])).to.deep.equal(['heading2: Calendar integration Plus required']);
  });

  it('error: heading, alert and the retry button', async () => {
    const api = createFakeAdminApi();
    api.on('GET /api/users/:id/availability', () => 'network-error');
    await mountEditor({ api, wait: 'error' });
    expect(await tree(['heading', 'alert', 'button', 'grid'])).to.deep.equal([
      'heading2: Availability could not be loaded',
      'alert: Please check your connection and try again.',
      'button: Try again',
    ]);
  });

  it('German: grid, headers, cells and buttons in formal German', async () => {
    await mountEditor({ lang: 'de' });
    const t = await texts();
    expect(t.slice(t.indexOf('Uhrzeit'), t.indexOf('Uhrzeit') + 3)).to.deep.equal(['Uhrzeit', 'Montag', 'Dienstag']);
    const cells = await tree(['gridcell']);
    expect(cells).to.include('gridcell: Montag 09:00 bis 09:30, verfügbar [selected]');
    expect(cells).to.include('gridcell: Sonntag 19:30 bis 20:00, nicht verfügbar');
    expect(await tree(['heading', 'button'])).to.deep.equal([
      'heading2: Regelmäßige Verfügbarkeit für Termine',
      'heading3: Wöchentliche Zeiten',
      'heading3: Ausnahmen für einzelne Tage',
      'button: Ausnahme hinzufügen',
      'button: Speichern',
      'button: Zurücksetzen [disabled]',
      'button: Standardzeiten verwenden',
    ]);
  });
});
