/**
 * Keyboard use of `<dv-room-selector>` with real key presses: one tab stop (the checked option, else the first),
 * arrows move and check (the radio-group pattern), Space checks the focused option, ends do not wrap, and a
 * disabled group moves focus without choosing.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { createFakeAdminApi } from './support/fake-admin-api.js';
import { mountSelector, type SelectorPage } from './support/room-selector-page.js';

const press = (key: string) => sendKeys({ press: key });
const focused = (page: SelectorPage) => page.focused()?.dataset['value'];

describe('dv-room-selector keyboard', () => {
  it('one tab stop: the checked option, reached by Tab and left by Tab', async () => {
    const before = await fixture<HTMLButtonElement>(html`<button>before</button>`);
    const { page } = await mountSelector({ value: 'spree' });
    expect(page.options().filter((o) => o.tabIndex === 0).map((o) => o.dataset['value'])).to.deep.equal(['spree']);
    before.focus();
    await press('Tab');
    expect(focused(page)).to.equal('spree');
    await press('Tab');
    expect(page.focused()).to.equal(null); // out of the element: nothing else is focusable in it
  });

  it('without a value the first option holds the tab stop', async () => {
    const { page } = await mountSelector();
    expect(page.options().filter((o) => o.tabIndex === 0).map((o) => o.dataset['value'])).to.deep.equal(['auto']);
  });

  it('arrows move focus and check; every step is input + change', async () => {
    const { el, page, events } = await mountSelector({ value: 'auto' });
    page.option('auto').focus();
    await press('ArrowDown');
    await el.updateComplete;
    expect(focused(page)).to.equal('elbe');
    expect(el.value).to.equal('elbe');
    await press('ArrowRight');
    await el.updateComplete;
    expect(el.value).to.equal('spree');
    await press('ArrowUp');
    await press('ArrowLeft');
    await el.updateComplete;
    expect(el.value).to.equal('auto');
    expect(page.checked()).to.deep.equal(['auto']);
    expect(events.filter((e) => e === 'change')).to.have.length(4);
    await press('ArrowUp'); // first option: stays
    expect(focused(page)).to.equal('auto');
    await press('End');
    await el.updateComplete;
    expect(el.value).to.equal('alster');
    await press('Home');
    await el.updateComplete;
    expect(el.value).to.equal('auto');
    expect(page.options().filter((o) => o.tabIndex === 0).map((o) => o.dataset['value'])).to.deep.equal(['auto']);
  });

  it('Space checks the focused option', async () => {
    const { el, page, events } = await mountSelector();
    page.option('spree').focus();
    await press('Space');
    await el.updateComplete;
    expect(el.value).to.equal('spree');
    expect(events).to.deep.equal(['dv-load', 'input', 'change']);
  });

  it('disabled: arrows move focus but choose nothing', async () => {
    const api = createFakeAdminApi();
    const { el, page, events } = await mountSelector({ api, value: 'auto' });
    el.disabled = true;
    await el.updateComplete;
    page.option('auto').focus();
    await press('ArrowDown');
    await press('Space');
    await el.updateComplete;
    expect(focused(page)).to.equal('elbe');
    expect(el.value).to.equal('auto');
    expect(events).to.deep.equal(['dv-load']);
    expect(page.$('[role="radiogroup"]')!.getAttribute('aria-disabled')).to.equal('true');
  });
});
