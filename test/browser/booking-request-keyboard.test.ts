/**
 * Keyboard paths of `<dv-booking-request>` with real key presses: the participant combobox, submitting the form
 * with Enter (validation moves focus), copying with the keyboard, and the cancel dialog (Escape keeps, Enter on the
 * confirm button cancels).
 */
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { mountRequest } from './support/scheduling-page.js';

const press = (key: string) => sendKeys({ press: key });

describe('dv-booking-request keyboard', () => {
  it('adds participants from the combobox and submits with Enter; invalid fields take focus', async () => {
    const { el, api, page } = await mountRequest();
    page.$<HTMLInputElement>('#participant-input')!.focus();
    await sendKeys({ type: 'anna' });
    await waitUntil(() => page.options().length === 1, 'no options');
    await press('ArrowDown');
    await press('Enter');
    await el.updateComplete;
    expect(page.chips()).to.deep.equal(['Anna Schmidt']);
    page.field('Applicant’s name').focus();
    await press('Enter'); // implicit submission of the form
    await el.updateComplete;
    expect(api.count('POST /api/booking-requests')).to.equal(0);
    expect(page.focused()!.id).to.equal('applicant-name');
    await sendKeys({ type: 'Jamie Doe' });
    await press('Tab');
    await sendKeys({ type: 'jamie@applicant.test' });
    const created = oneEvent(el, 'dv-request-created');
    await press('Enter');
    await created;
    await page.waitForPhase('request');
    expect(page.focused()).to.equal(page.$('[part~="heading"]'));
  });

  it('the link field selects itself on focus; the copy button works with Space', async () => {
    const original = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => undefined } });
    try {
      const { el, page } = await mountRequest({ participants: 'anna', applicantName: 'Jamie Doe', applicantEmail: 'jamie@applicant.test' });
      page.button('Create booking link').click();
      await page.waitForPhase('request');
      await press('Tab');
      const input = page.field('Booking link for the applicant');
      expect(page.focused()).to.equal(input);
      expect(input.selectionStart).to.equal(0);
      expect(input.selectionEnd).to.equal(input.value.length);
      await press('Tab');
      expect(page.focused()!.textContent!.trim()).to.equal('Copy link');
      const copied = oneEvent(el, 'dv-link-copied');
      await press('Space');
      await copied;
    } finally {
      if (original) Object.defineProperty(navigator, 'clipboard', original);
      else delete (navigator as { clipboard?: unknown }).clipboard;
    }
  });

  it('cancel dialog: Escape keeps the request, Enter on the confirm button cancels it', async () => {
    const { el, api, page } = await mountRequest({ request: 'brq-1' });
    page.button('Cancel booking request').focus();
    await press('Enter');
    await el.updateComplete;
    const dialog = page.$<HTMLDialogElement>('dialog')!;
    expect(dialog.open).to.equal(true);
    expect(page.focused()!.textContent!.trim()).to.equal('Keep it');
    const closed = oneEvent(dialog, 'close');
    await press('Escape');
    await closed;
    await el.updateComplete;
    expect(api.count('POST /api/booking-requests/:id/cancel')).to.equal(0);
    await press('Enter');
    await el.updateComplete;
    await sendKeys({ down: 'Shift' });
    await press('Tab');
    await sendKeys({ up: 'Shift' });
    const cancelled = oneEvent(el, 'dv-request-cancelled');
    await press('Enter');
    await cancelled;
  });
});
