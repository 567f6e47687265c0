/**
 * `<dv-room-selector>` as assistive technology receives it (Chromium's accessibility tree): radios named with room,
 * capacity and status, the checked one marked, the admin tools' buttons and form fields named, in both languages.
 */
import { expect } from '@open-wc/testing';
import { a11ySnapshot } from '@web/test-runner-commands';
import { mountSelector } from './support/room-selector-page.js';

interface AXNode {
  role: string;
  name?: string;
  checked?: boolean | 'mixed';
  disabled?: boolean;
  expanded?: boolean;
  children?: AXNode[];
}

async function tree(roles: readonly string[]): Promise<string[]> {
  const root = (await a11ySnapshot({})) as unknown as AXNode;
  const out: string[] = [];
  const text = (n: AXNode): string => n.name || (n.children ?? []).map(text).join('');
  const walk = (n: AXNode): void => {
    if (roles.includes(n.role)) {
      const flags = [n.checked === true && 'checked', n.disabled && 'disabled', n.expanded && 'expanded'].filter(Boolean);
      const name = n.role === 'status' || n.role === 'alert' ? text(n) : (n.name ?? '');
      out.push(`${n.role}: ${name}${flags.length ? ` [${flags.join(', ')}]` : ''}`);
    }
    n.children?.forEach(walk);
  };
  walk(root);
  return out;
}

describe('dv-room-selector accessibility tree', () => {
  it('ready: radios say room, seats and status; the checked one is marked', async () => {
    await mountSelector({ value: 'spree' });
    expect(await tree(['radio'])).to.deep.equal([
      'radio: First free room automatically, currently Spree, Free',
      'radio: Elbe, 6 seats, Occupied',
      'radio: Spree, 12 seats, Free [checked]',
      'radio: Alster, Unknown',
    ]);
  });

  it('admin tools: buttons, the create form\'s fields, the add-room list', async () => {
    const { el, page } = await mountSelector({ manage: true });
    page.button('Create room').click();
    await el.updateComplete;
    expect(await tree(['button', 'textbox', 'combobox', 'status', 'alert'])).to.deep.equal([
      'button: Load rooms from the calendar system',
      'button: Create room [expanded]',
      'status: ',
      'alert: ',
      'textbox: Name',
      'textbox: E-mail',
      'textbox: Capacity (optional)',
      'button: Create',
      'button: Cancel',
      'combobox: Add a room to this location',
      'button: Add [disabled]',
    ]);
  });

  it('German: the same names in formal German', async () => {
    await mountSelector({ lang: 'de', value: 'auto' });
    expect(await tree(['radio'])).to.deep.equal([
      'radio: Automatisch den ersten freien Raum, derzeit Spree, Frei [checked]',
      'radio: Elbe, 6 Plätze, Belegt',
      'radio: Spree, 12 Plätze, Frei',
      'radio: Alster, Unbekannt',
    ]);
  });
});
