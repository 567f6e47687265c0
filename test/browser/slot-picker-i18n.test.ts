/**
 * Languages and time zones of `<dv-slot-picker>`: complete German (formal) and English text, language resolution
 * from the page, and zone changes (selector and attribute) that re-render from the loaded slots without a request.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { DvSlotPicker } from '../../src/elements/slot-picker/index.js';
import { API, SLOTS, TOKEN, appointmentFor, createFakeApi, details } from './support/fake-public-api.js';
import { SlotPickerPage, mountPicker } from './support/slot-picker-page.js';

describe('dv-slot-picker i18n', () => {
  it('speaks German with lang="de" through the whole pick and confirm steps', async () => {
    const { el, page } = await mountPicker({ lang: 'de' });
    expect(page.heading()).to.equal('Wählen Sie einen Termin');
    expect(page.$('#month-title')!.textContent).to.equal('März 2026');
    expect(page.cell('2026-03-30').getAttribute('aria-label')).to.equal('Montag, 30. März 2026, 4 Termine frei');
    expect(page.cell('2026-03-31').getAttribute('aria-label')).to.equal('Dienstag, 31. März 2026, keine Termine frei');
    expect(page.$('#times-title')!.textContent).to.equal('Termine am Montag, 30. März 2026');
    expect(page.optionLabels()).to.deep.equal(['09:00 bis 10:00', '10:30 bis 11:30', '13:00 bis 14:00', '15:30 bis 16:30']);
    expect(page.$('[part~="zone"] span')!.textContent).to.equal('Zeiten in Mitteleuropäische Zeit (Europe/Berlin)');
    expect(page.$$('button').map((b) => b.getAttribute('aria-label') ?? b.textContent!.trim())).to.deep.equal([
      'Zeitzone ändern', 'Vorheriger Monat', 'Nächster Monat', 'An diesen Tagen kann ich nicht',
    ]);
    expect(page.$('[part="base"]')!.getAttribute('lang')).to.equal('de-DE');
    await expect(el).to.be.accessible();

    page.options()[0]!.click();
    await page.waitForStep('confirm');
    expect(page.heading()).to.equal('Bestätigen Sie Ihren Termin');
    expect(page.summary()).to.deep.equal({
      Wann: 'Montag, 30. März 2026, 09:00 bis 10:00 (Mitteleuropäische Zeit)',
      Dauer: '60 Minuten',
      Ort: 'Head office, Hauptstraße 1, Berlin',
      Gesprächspartner: 'Anna und Head of Engineering',
    });
    expect(page.$$('button').map((b) => b.textContent!.trim())).to.deep.equal(['Termin buchen', 'Anderen Termin wählen']);
    await expect(el).to.be.accessible();
  });

  it('gives the closed, declined and error messages in German', async () => {
    const closed = await mountPicker({ lang: 'de', api: createFakeApi({ details: details({ status: 'expired' }) }), wait: 'closed' });
    expect(closed.page.heading()).to.equal('Dieser Buchungslink ist nicht mehr gültig');
    expect(closed.page.$('h2 + p')!.textContent).to.equal('Bitte antworten Sie auf die E-Mail, die den Link enthielt.');

    const declined = await mountPicker({ lang: 'de', api: createFakeApi({ details: details({ status: 'declined' }) }), wait: 'declined' });
    expect(declined.page.heading()).to.equal('Vielen Dank für Ihre Rückmeldung');

    const api = createFakeApi();
    api.once('GET /', () => 'network-error');
    const error = await mountPicker({ lang: 'de', api, wait: 'error' });
    expect(error.page.heading()).to.equal('Verbindungsproblem');
    expect(error.page.button('Erneut versuchen')).to.exist;
  });

  it('follows the closest lang on the page when it has none itself, and a later lang change', async () => {
    const api = createFakeApi();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="de-AT">
      <dv-slot-picker api=${API} booking=${TOKEN} time-zone="Europe/Berlin" .fetch=${api.fetch}></dv-slot-picker>
    </div>`);
    const el = wrapper.querySelector('dv-slot-picker') as DvSlotPicker;
    const page = new SlotPickerPage(el);
    await page.waitForStep('pick');
    expect(page.heading()).to.equal('Wählen Sie einen Termin');
    expect(page.$('[part="base"]')!.getAttribute('lang')).to.equal('de-AT');
    el.setAttribute('lang', 'en');
    await el.updateComplete;
    expect(page.heading()).to.equal('Choose a time');
    expect(api.count('GET /')).to.equal(1);
  });

  it('changes the zone through the searchable selector without refetching', async () => {
    const { el, api, page } = await mountPicker();
    page.button('Change time zone').click();
    await el.updateComplete;
    const input = page.$<HTMLInputElement>('#zone-input')!;
    expect(page.focused()).to.equal(input);
    expect(page.$(`#${input.getAttribute('list')}`)!.querySelectorAll('option').length).to.equal(
      Intl.supportedValuesOf('timeZone').length,
    );
    await expect(el).to.be.accessible();
    input.select();
    await sendKeys({ type: 'America/New_York' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(el.timeZone).to.equal('America/New_York');
    expect(page.$('[part~="zone"] span')!.textContent).to.equal('Times in Eastern Time (America/New_York)');
    expect(page.live()).to.equal('Times in Eastern Time (America/New_York)');
    expect(page.focused()!.textContent!.trim()).to.equal('Change time zone');
    expect(page.optionLabels()).to.deep.equal(['03:00 to 04:00', '04:30 to 05:30', '07:00 to 08:00', '09:30 to 10:30']);
    page.button('Next month').click();
    await el.updateComplete;
    // 01:00 on 2 April in Berlin is 19:00 on 1 April in New York: the slot moves to the other day.
    expect(page.cell('2026-04-01').getAttribute('aria-label')).to.equal('Wednesday, 1 April 2026, 3 times available');
    expect(page.cell('2026-04-02').getAttribute('aria-label')).to.equal('Thursday, 2 April 2026, no times available');
    expect(page.optionLabels()).to.deep.equal(['04:00 to 05:00', '08:00 to 09:00', '19:00 to 20:00']);
    expect([api.count('GET /'), api.count('GET /slots')]).to.deep.equal([1, 1]);
  });

  it('speaks the booking\'s language (details.locale) when neither the element nor the page sets lang', async () => {
    const html = document.documentElement;
    const pageLang = html.getAttribute('lang');
    html.removeAttribute('lang');
    try {
      const { el, page } = await mountPicker({ lang: null, api: createFakeApi({ details: details({ locale: 'de' }) }) });
      expect(page.heading()).to.equal('Wählen Sie einen Termin');
      expect(page.$('[part="base"]')!.getAttribute('lang')).to.match(/^de-/);
      // The page (or the element) naming a language still wins over the booking's.
      html.setAttribute('lang', 'en');
      el.requestUpdate();
      await el.updateComplete;
      expect(page.heading()).to.equal('Choose a time');
    } finally {
      if (pageLang === null) html.removeAttribute('lang');
      else html.setAttribute('lang', pageLang);
    }
  });

  it('names the booked room in German too', async () => {
    const { page } = await mountPicker({
      lang: 'de',
      api: createFakeApi({ details: details({ status: 'booked', appointment: { ...appointmentFor(SLOTS[0]!), roomName: 'Spree' } }) }),
      wait: 'booked',
    });
    expect(page.summary()['Raum']).to.equal('Spree');
  });

  it('rejects an unknown zone in the selector with an error tied to the field', async () => {
    const { el, page } = await mountPicker();
    page.button('Change time zone').click();
    await el.updateComplete;
    const input = page.$<HTMLInputElement>('#zone-input')!;
    input.select();
    await sendKeys({ type: 'Mars/Olympus' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(input.getAttribute('aria-invalid')).to.equal('true');
    expect(page.$(`#${input.getAttribute('aria-describedby')}`)!.textContent).to.equal(
      'Unknown time zone. Please choose one from the list.',
    );
    expect(el.timeZone).to.equal('Europe/Berlin');
    await expect(el).to.be.accessible();
  });

  it('re-renders for a new time-zone attribute without refetching', async () => {
    const { el, api, page } = await mountPicker();
    el.setAttribute('time-zone', 'Asia/Tokyo');
    await el.updateComplete;
    // 16:00 Tokyo = 07:00Z; the selected day stays and now reads in Tokyo time.
    expect(page.optionLabels()).to.deep.equal(['16:00 to 17:00', '17:30 to 18:30', '20:00 to 21:00', '22:30 to 23:30']);
    page.button('Next month').click();
    await el.updateComplete;
    expect(page.cell('2026-04-02').getAttribute('aria-label')).to.equal('Thursday, 2 April 2026, 1 time available');
    expect(api.count('GET /slots')).to.equal(1);
  });
});
