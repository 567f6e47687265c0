/**
 * Keyboard painting of `<dv-availability-editor>` with real key presses (CDP through `sendKeys`): one tab stop in
 * the grid, arrows, Home/End, PageUp/PageDown, Space and Enter toggle, Shift+arrows extend the painting as a
 * rectangle from the anchor (and shrink it again), and every completed step is one `input` + `change`.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { mountEditor, type EditorPage } from './support/availability-editor-page.js';

/** One key, or a chord such as `Shift+ArrowDown` (modifier held down around the key, as a person presses it). */
async function press(key: string): Promise<void> {
  const [mod, main] = key.includes('+') ? key.split('+') : [undefined, key];
  if (mod) await sendKeys({ down: mod });
  await sendKeys({ press: main! });
  if (mod) await sendKeys({ up: mod });
}
const focusedName = (page: EditorPage) => page.focused()?.getAttribute('aria-label') ?? page.focused()?.id ?? '';

describe('dv-availability-editor keyboard', () => {
  it('has one tab stop in the grid, which Tab leaves and Shift+Tab returns to', async () => {
    const { page } = await mountEditor();
    expect(page.cells().filter((c) => c.tabIndex === 0)).to.have.length(1);
    page.cell('mon', '09:00').focus();
    await press('Tab');
    expect(page.focused()?.id).to.equal('new-date');
    await press('Shift+Tab');
    expect(focusedName(page)).to.equal('Monday 09:00 to 09:30, available');
  });

  const moves: [string, string, string][] = [
    ['ArrowDown', 'mon 09:00', 'Monday 09:30 to 10:00, available'],
    ['ArrowUp', 'mon 09:00', 'Monday 08:30 to 09:00, not available'],
    ['ArrowRight', 'mon 09:00', 'Tuesday 09:00 to 09:30, available'],
    ['ArrowLeft', 'tue 09:00', 'Monday 09:00 to 09:30, available'],
    ['ArrowLeft', 'mon 09:00', 'Monday 09:00 to 09:30, available'],
    ['PageDown', 'mon 09:00', 'Monday 11:00 to 11:30, available'],
    ['PageUp', 'mon 07:30', 'Monday 07:00 to 07:30, not available'],
    ['End', 'wed 12:00', 'Sunday 12:00 to 12:30, not available'],
    ['Home', 'wed 12:00', 'Monday 12:00 to 12:30, available'],
    ['Control+End', 'wed 12:00', 'Sunday 19:30 to 20:00, not available'],
    ['Control+Home', 'wed 12:00', 'Monday 07:00 to 07:30, not available'],
    ['ArrowDown', 'sun 19:30', 'Sunday 19:30 to 20:00, not available'],
  ];
  for (const [key, from, name] of moves) {
    it(`${key} from ${from} focuses "${name}" and moves the tab stop, painting nothing`, async () => {
      const { el, page, events } = await mountEditor();
      const [day, time] = from.split(' ') as ['mon', string];
      page.cell(day, time).focus();
      await press(key);
      await el.updateComplete;
      expect(focusedName(page)).to.equal(name);
      expect(page.cells().filter((c) => c.tabIndex === 0).map((c) => c.getAttribute('aria-label'))).to.deep.equal([name]);
      expect(page.painted()).to.have.length(80);
      expect(events).to.deep.equal(['dv-load']);
    });
  }

  it('Space toggles the focused cell (input + change each time); Enter does too', async () => {
    const { el, page, events } = await mountEditor();
    page.cell('fri', '09:00').focus();
    await press('ArrowRight');
    await press('Space');
    await el.updateComplete;
    expect(focusedName(page)).to.equal('Saturday 09:00 to 09:30, available');
    expect(page.focused()!.getAttribute('aria-selected')).to.equal('true');
    expect(events).to.deep.equal(['dv-load', 'input', 'change']);
    await press('Enter');
    await el.updateComplete;
    expect(focusedName(page)).to.equal('Saturday 09:00 to 09:30, not available');
    expect(events).to.deep.equal(['dv-load', 'input', 'change', 'input', 'change']);
    await expect(el).to.be.accessible();
  });

  it('Shift+arrows after Space paint a rectangle from that cell, and shrink it again', async () => {
    const { el, page, events } = await mountEditor();
    page.cell('sat', '09:00').focus();
    await press('Space');
    await press('Shift+ArrowDown');
    await press('Shift+ArrowDown');
    await press('Shift+ArrowDown');
    await el.updateComplete;
    expect(page.painted().filter((c) => c.startsWith('sat'))).to.deep.equal(['sat 09:00', 'sat 09:30', 'sat 10:00', 'sat 10:30']);
    await press('Shift+ArrowRight');
    await el.updateComplete;
    expect(page.painted().filter((c) => /^s(at|un)/.test(c))).to.have.length(8);
    await press('Shift+ArrowUp');
    await el.updateComplete;
    expect(page.painted().filter((c) => /^s(at|un)/.test(c))).to.deep.equal([
      'sat 09:00', 'sat 09:30', 'sat 10:00', 'sun 09:00', 'sun 09:30', 'sun 10:00',
    ]);
    expect(focusedName(page)).to.equal('Sunday 10:00 to 10:30, available');
    expect(events.filter((e) => e === 'change')).to.have.length(6); // Space + five extending steps
    expect(JSON.parse(el.value).weeklyHours.slice(-2)).to.deep.equal([
      { day: 'sat', start: '09:00', end: '10:30' },
      { day: 'sun', start: '09:00', end: '10:30' },
    ]);
  });

  it('Shift+arrows from an available cell without Space erase from it', async () => {
    const { el, page } = await mountEditor();
    page.cell('mon', '09:00').focus();
    await press('Shift+ArrowDown');
    await el.updateComplete;
    expect(page.painted().filter((c) => c.startsWith('mon'))).not.to.include.members(['mon 09:00']);
    expect(page.painted().filter((c) => c.startsWith('mon'))).not.to.include('mon 09:30');
    expect(JSON.parse(el.value).weeklyHours[0]).to.deep.equal({ day: 'mon', start: '10:00', end: '17:00' });
  });

  it('a plain arrow ends the stroke: the next Shift+arrow starts from the new cell', async () => {
    const { el, page } = await mountEditor();
    page.cell('sat', '12:00').focus();
    await press('Space');
    await press('ArrowDown');
    await press('ArrowDown');
    await press('Shift+ArrowDown');
    await el.updateComplete;
    expect(page.painted().filter((c) => c.startsWith('sat'))).to.deep.equal(['sat 12:00', 'sat 13:00', 'sat 13:30']);
  });

  it('disabled: keys still move focus but paint nothing', async () => {
    const { el, page, events } = await mountEditor();
    el.disabled = true;
    await el.updateComplete;
    expect(page.$('[role="grid"]')!.getAttribute('aria-disabled')).to.equal('true');
    page.cell('sat', '09:00').focus();
    await press('Space');
    await press('Shift+ArrowDown');
    await el.updateComplete;
    expect(focusedName(page)).to.equal('Saturday 09:30 to 10:00, not available');
    expect(page.painted()).to.have.length(80);
    expect(events).to.deep.equal(['dv-load']);
  });
});
