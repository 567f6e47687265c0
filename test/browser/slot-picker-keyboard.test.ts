/**
 * Keyboard behaviour of `<dv-slot-picker>` with real key presses (CDP through `sendKeys`): the month grid's keys,
 * one tab stop per composite, the time listbox's roving tabindex, and activation by Enter and Space.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { mountPicker } from './support/slot-picker-page.js';

const press = (key: string) => sendKeys({ press: key });

describe('dv-slot-picker keyboard', () => {
  const cases: [string, string, string, string][] = [
    // from, key, to, accessible name of the new focus
    ['2026-03-30', 'ArrowRight', '2026-03-31', 'Tuesday, 31 March 2026, no times available'],
    ['2026-03-30', 'ArrowLeft', '2026-03-29', 'Sunday, 29 March 2026, no times available'],
    ['2026-03-30', 'ArrowDown', '2026-04-06', 'Monday, 6 April 2026, no times available'],
    ['2026-03-30', 'ArrowUp', '2026-03-23', 'Monday, 23 March 2026, no times available'],
    ['2026-03-30', 'PageDown', '2026-04-30', 'Thursday, 30 April 2026, no times available'],
    ['2026-04-14', 'PageUp', '2026-03-14', 'Saturday, 14 March 2026, no times available'],
    ['2026-04-01', 'Home', '2026-03-30', 'Monday, 30 March 2026, 4 times available'],
    ['2026-04-01', 'End', '2026-04-05', 'Sunday, 5 April 2026, no times available'],
    // Bounds are the period's months (March–April 2026): keys clamp instead of leaving them.
    ['2026-03-30', 'PageUp', '2026-03-01', 'Sunday, 1 March 2026, no times available'],
    ['2026-04-30', 'ArrowDown', '2026-04-30', 'Thursday, 30 April 2026, no times available'],
  ];

  for (const [from, key, to, name] of cases) {
    it(`${key} from ${from} focuses and selects ${to}`, async () => {
      const { page } = await mountPicker();
      if (from.startsWith('2026-04')) {
        page.button('Next month').click();
        await page.el.updateComplete;
      }
      const start = page.cell(from);
      start.click(); // selects and focuses, as a pointer user would
      await page.el.updateComplete;
      await press(key);
      await page.el.updateComplete;
      const focused = page.focused()!;
      expect(focused.dataset['date']).to.equal(to);
      expect(focused.getAttribute('aria-label')).to.equal(name);
      expect(focused.getAttribute('aria-selected')).to.equal('true');
      expect(page.gridCells().filter((c) => c.tabIndex === 0)).to.deep.equal([focused]);
      expect(page.$('#month-title')!.textContent).to.equal(to.startsWith('2026-04') ? 'April 2026' : 'March 2026');
    });
  }

  it('shows a focused day without times as such, with the times column saying so', async () => {
    const { el, page } = await mountPicker();
    page.cell('2026-03-30').focus();
    await press('ArrowRight');
    await el.updateComplete;
    expect(page.$('#times-title')!.textContent).to.equal('Times on Tuesday, 31 March 2026');
    expect(page.options()).to.have.length(0);
    expect(page.$('.times p')!.textContent).to.equal('There are no times on this day. Please choose another day.');
    await expect(el).to.be.accessible();
  });

  it('has one tab stop in the grid and one in the listbox', async () => {
    const { el, page } = await mountPicker();
    page.button('Change time zone').focus();
    await press('Tab'); // previous month
    await press('Tab'); // next month
    await press('Tab');
    expect(page.focused()!.dataset['date']).to.equal('2026-03-30');
    await press('Tab');
    expect(page.focused()!.textContent!.trim()).to.equal('09:00 to 10:00');
    expect(page.focused()!.getAttribute('role')).to.equal('option');
    await press('Tab');
    expect(page.focused()!.textContent!.trim()).to.equal('I am not available on these days');
    await sendKeys({ down: 'Shift' });
    await press('Tab');
    await press('Tab');
    await sendKeys({ up: 'Shift' });
    expect(page.focused()!.dataset['date']).to.equal('2026-03-30');
    void el;
  });

  it('moves through times with arrows, Home and End (roving tabindex) and picks with Enter', async () => {
    const { el, page } = await mountPicker();
    page.cell('2026-03-30').focus();
    await press('Enter'); // from a day straight into its times
    expect(page.focused()!.textContent!.trim()).to.equal('09:00 to 10:00');
    await press('ArrowDown');
    expect(page.focused()!.textContent!.trim()).to.equal('10:30 to 11:30');
    await press('End');
    expect(page.focused()!.textContent!.trim()).to.equal('15:30 to 16:30');
    await press('ArrowDown'); // no wrap
    expect(page.focused()!.textContent!.trim()).to.equal('15:30 to 16:30');
    await press('Home');
    expect(page.focused()!.textContent!.trim()).to.equal('09:00 to 10:00');
    await press('ArrowRight');
    await press('ArrowUp');
    await press('ArrowDown');
    expect(page.focused()!.textContent!.trim()).to.equal('10:30 to 11:30');
    expect(page.options().filter((o) => o.tabIndex === 0)).to.deep.equal([page.focused()]);
    await press('Enter');
    await page.waitForStep('confirm');
    expect(page.summary()['When']).to.equal('Monday, 30 March 2026, 10:30 to 11:30 (Central European Time)');
    expect(page.focused()).to.equal(page.$('h2'));
    void el;
  });

  it('picks a time with Space', async () => {
    const { page } = await mountPicker();
    page.options()[3]!.focus();
    await press(' ');
    await page.waitForStep('confirm');
    expect(page.summary()['When']).to.equal('Monday, 30 March 2026, 15:30 to 16:30 (Central European Time)');
  });

  it('goes back from confirm to the times and books from the keyboard', async () => {
    const { page } = await mountPicker();
    page.options()[0]!.focus();
    await press('Enter');
    await page.waitForStep('confirm');
    await press('Tab');
    expect(page.focused()!.textContent!.trim()).to.equal('Book appointment');
    await press('Tab');
    expect(page.focused()!.textContent!.trim()).to.equal('Choose another time');
    await press('Enter');
    await page.waitForStep('pick');
    expect(page.focused()).to.equal(page.$('h2'));
    expect(page.options()[0]!.getAttribute('aria-selected')).to.equal('true');
  });

  it('closes the time-zone search with Escape and returns focus to its button', async () => {
    const { page } = await mountPicker();
    page.button('Change time zone').focus();
    await press('Enter');
    await page.el.updateComplete;
    expect(page.focused()!.id).to.equal('zone-input');
    await press('Escape');
    await page.el.updateComplete;
    expect(page.focused()!.textContent!.trim()).to.equal('Change time zone');
    expect(page.button('Change time zone').getAttribute('aria-expanded')).to.equal('false');
  });
});
