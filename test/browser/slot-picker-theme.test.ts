/**
 * Appearance contract of `<dv-slot-picker>`: public custom properties, light/dark by preference and override,
 * reduced motion, 24 px minimum targets, and reflow (one column, no horizontal overflow) in a 320 px container.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { DvSlotPicker } from '../../src/elements/slot-picker/index.js';
import { API, TOKEN, createFakeApi } from './support/fake-public-api.js';
import { SlotPickerPage, mountPicker } from './support/slot-picker-page.js';

async function mountIn(width: string, hostStyle = ''): Promise<SlotPickerPage> {
  const api = createFakeApi();
  const wrapper = await fixture<HTMLDivElement>(html`<div class="w" data-width=${width}>
    <dv-slot-picker lang="en" api=${API} booking=${TOKEN} time-zone="Europe/Berlin" .fetch=${api.fetch}></dv-slot-picker>
  </div>`);
  // Test-only inline styles on the light DOM wrapper/host: the element itself never uses any.
  wrapper.style.width = width;
  const el = wrapper.querySelector('dv-slot-picker') as DvSlotPicker;
  if (hostStyle) el.setAttribute('style', hostStyle);
  const page = new SlotPickerPage(el);
  await page.waitForStep('pick');
  return page;
}

const bg = (el: Element) => getComputedStyle(el).backgroundColor;

describe('dv-slot-picker theming and layout', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('takes its accent and radius from --dv-* custom properties', async () => {
    const page = await mountIn('800px', '--dv-color-primary: rgb(1, 2, 3); --dv-radius: 3px');
    const selected = page.cell('2026-03-30');
    expect(bg(selected)).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(selected).borderTopLeftRadius).to.equal('3px');
  });

  it('follows prefers-color-scheme and lets the page force a scheme with color-scheme', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const light = await mountIn('800px');
    expect(bg(light.$('[part="base"]')!)).to.equal('rgb(255, 255, 255)');
    await emulateMedia({ colorScheme: 'dark' });
    expect(bg(light.$('[part="base"]')!)).to.equal('rgb(27, 29, 33)');
    const forced = await mountIn('800px', 'color-scheme: light');
    expect(bg(forced.$('[part="base"]')!)).to.equal('rgb(255, 255, 255)');
  });

  it('stops the skeleton animation under prefers-reduced-motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { page } = await mountPicker({ api: (() => { const a = createFakeApi(); a.gate('GET /'); return a; })(), wait: false });
    await page.el.updateComplete;
    expect(getComputedStyle(page.$('.cell')!).animationName).to.equal('none');
  });

  it('keeps every day and time target at least 24 px', async () => {
    const page = await mountIn('320px');
    for (const target of [...page.gridCells(), ...page.options(), ...page.$$('button')]) {
      const r = target.getBoundingClientRect();
      expect(Math.min(r.width, r.height), target.outerHTML.slice(0, 60)).to.be.at.least(24);
    }
  });

  it('reflows to one column at 320 px with no horizontal overflow, and two columns when wide', async () => {
    const narrow = await mountIn('320px');
    const month = narrow.$('[part="month"]')!.getBoundingClientRect();
    const times = narrow.$('[part="times"]')!.getBoundingClientRect();
    expect(times.top).to.be.at.least(month.bottom);
    expect(narrow.el.scrollWidth).to.be.at.most(320);
    expect(narrow.$('[part="base"]')!.scrollWidth).to.be.at.most(narrow.$('[part="base"]')!.clientWidth);

    const wide = await mountIn('800px');
    const m = wide.$('[part="month"]')!.getBoundingClientRect();
    const t = wide.$('[part="times"]')!.getBoundingClientRect();
    expect(t.left).to.be.at.least(m.right);
    expect(t.top).to.equal(m.top);
  });
});
