/**
 * Keyboard paths of `<dv-availability-check>` with real key presses (CDP through `sendKeys`): the participant
 * combobox (type, arrows, Enter, Escape, wrap), removing a chip, the time radio group, and the confirmation dialog
 * (Escape keeps, Enter confirms).
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { mountCheck } from './support/scheduling-page.js';

const press = (key: string) => sendKeys({ press: key });

describe('dv-availability-check keyboard', () => {
  it('combobox: typing searches, ArrowDown activates, Enter adds a chip and keeps focus in the field', async () => {
    const { el, api, page } = await mountCheck();
    const input = page.$<HTMLInputElement>('#participant-input')!;
    input.focus();
    await sendKeys({ type: 'be' });
    await waitUntil(() => page.options().length === 1, 'no options');
    expect(api.last('GET /api/users')!.url.searchParams.get('q')).to.equal('be');
    expect(input.getAttribute('aria-expanded')).to.equal('true');
    expect(input.hasAttribute('aria-activedescendant')).to.equal(false);
    await press('ArrowDown');
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal('participant-option-0');
    expect(page.options()[0]!.getAttribute('aria-selected')).to.equal('true');
    await press('Enter');
    await el.updateComplete;
    expect(page.chips()).to.deep.equal(['Ben Weber']);
    expect(input.value).to.equal('');
    expect(page.focused()).to.equal(input);
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(page.live()).to.equal('Ben Weber added.');
  });

  it('combobox: ArrowUp wraps to the last option, Escape closes, a second Escape leaves the field alone', async () => {
    const { el, page } = await mountCheck();
    const input = page.$<HTMLInputElement>('#participant-input')!;
    input.focus();
    await press('ArrowDown'); // opens and loads everyone
    await waitUntil(() => page.options().length === 4, 'no options');
    await press('ArrowUp');
    await el.updateComplete;
    expect(input.getAttribute('aria-activedescendant')).to.equal('participant-option-3');
    expect(page.options()[3]!.textContent).to.include('Dora Klein');
    expect(page.options()[3]!.textContent).to.include('calendar connection failed');
    await press('Escape');
    await el.updateComplete;
    expect(input.getAttribute('aria-expanded')).to.equal('false');
    expect(page.options()).to.have.length(0);
    expect(page.focused()).to.equal(input);
  });

  it('a chip is removed with the keyboard and focus returns to the search field', async () => {
    const { el, page } = await mountCheck({ participants: 'anna ben' });
    page.button('Remove Anna Schmidt').focus();
    await press('Enter');
    await el.updateComplete;
    expect(page.chips()).to.deep.equal(['Ben Weber']);
    expect(page.focused()!.id).to.equal('participant-input');
    expect(page.live()).to.equal('Anna Schmidt removed.');
  });

  it('times are one radio group: arrows move and choose, each choice sends dv-select', async () => {
    const { el, page } = await mountCheck({ participants: 'anna', allowInvite: true, applicants: [{ name: 'Jamie Doe', email: 'j@a.test' }] });
    await page.setProposal(0, '2030-03-12', '10:00');
    await page.settle();
    page.radios()[0]!.focus();
    await press('Space');
    await el.updateComplete;
    expect(page.radios()[0]!.checked).to.equal(true);
    const selected = oneEvent(el, 'dv-select');
    await press('ArrowDown');
    expect((await selected).detail.source).to.equal('suggestion');
    await el.updateComplete;
    expect(page.radios()[1]!.checked).to.equal(true);
    expect(page.focused()).to.equal(page.radios()[1]);
    await press('Tab'); // leaves the group: one tab stop for all times, on to the invite's options
    expect(page.focused()!.id).to.equal('private');
  });

  it('dialog: opens with focus on the safe choice, Escape keeps the appointment, Shift+Tab and Enter cancel it', async () => {
    const { el, api, page } = await mountCheck({ appointment: 'apt-1', allowInvite: true });
    page.button('Cancel appointment').focus();
    await press('Enter');
    await el.updateComplete;
    const dialog = page.$<HTMLDialogElement>('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(page.focused()!.textContent!.trim()).to.equal('Keep appointment');
    const closed = oneEvent(dialog, 'close');
    await press('Escape');
    await closed;
    await el.updateComplete;
    expect(api.count('DELETE /api/appointments/:id')).to.equal(0);
    expect(page.focused()!.textContent!.trim()).to.equal('Cancel appointment');
    await press('Enter');
    await el.updateComplete;
    await sendKeys({ down: 'Shift' });
    await press('Tab');
    await sendKeys({ up: 'Shift' });
    expect(page.focused()!.closest('dialog')).to.equal(dialog);
    const cancelled = oneEvent(el, 'dv-cancelled');
    await press('Enter');
    await cancelled;
    await page.waitForPhase('cancelled');
  });
});
