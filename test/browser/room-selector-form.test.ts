/**
 * `<dv-room-selector>` as a form control: submission under `name` (nothing when empty), `required`, a choice the
 * server would refuse (occupied room, no room free for "automatically") as a custom validity error, form reset to
 * the `value` attribute without events, and fieldset `disabled`.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/room-selector/define.js';
import type { DvRoomSelector } from '../../src/elements/room-selector/index.js';
import { API, TOKEN, createFakeAdminApi, type FakeAdminApi } from './support/fake-admin-api.js';
import { END, START, SelectorPage } from './support/room-selector-page.js';

async function mountInForm(opts: { api?: FakeAdminApi; required?: boolean; value?: string } = {}) {
  const api = opts.api ?? createFakeAdminApi();
  const events: string[] = [];
  const form = await fixture<HTMLFormElement>(html`<form><fieldset>
    <dv-room-selector name="room" lang="en" api=${API} token=${TOKEN} location="hamburg" start=${START} end=${END}
      value=${opts.value ?? ''} ?required=${opts.required} .fetch=${api.fetch}
      @input=${() => events.push('input')} @change=${() => events.push('change')}></dv-room-selector>
  </fieldset></form>`);
  const el = form.querySelector<DvRoomSelector>('dv-room-selector')!;
  const page = new SelectorPage(el);
  await page.waitFor('ready');
  await page.statusesSettled();
  return { form, el, page, events, api };
}

describe('dv-room-selector form behaviour', () => {
  it('submits the chosen room id (or "auto") under its name; nothing when nothing is chosen', async () => {
    const { form, page } = await mountInForm();
    expect(new FormData(form).has('room')).to.equal(false);
    page.option('spree').click();
    expect(new FormData(form).get('room')).to.equal('spree');
    page.option('auto').click();
    expect(new FormData(form).get('room')).to.equal('auto');
  });

  it('required: valueMissing until a choice; the message is shown on report', async () => {
    const { form, el, page } = await mountInForm({ required: true });
    expect(el.validity.valueMissing).to.equal(true);
    expect(form.checkValidity()).to.equal(false);
    expect(page.$('#choice-error')).to.equal(null); // not before the user or the form asks
    el.reportValidity();
    await el.updateComplete;
    expect(page.text('#choice-error')).to.equal('Choose a room.');
    await expect(el).to.be.accessible();
    page.option('spree').click();
    await el.updateComplete;
    expect(el.validity.valid).to.equal(true);
    expect(page.$('#choice-error')).to.equal(null);
  });

  it('an occupied room, or "automatically" with every room occupied, is a custom error', async () => {
    const api = createFakeAdminApi();
    const { el, page } = await mountInForm({ api });
    page.option('elbe').click();
    expect(el.validity.customError).to.equal(true);
    expect(el.validationMessage).to.equal('This room is occupied at the chosen time.');
    api.state.statuses = { elbe: 'busy', spree: 'busy', alster: 'busy' };
    el.end = '2026-03-24T11:00:00Z';
    await waitUntil(() => el.statusOf('spree') === 'busy');
    page.option('auto').click();
    await el.updateComplete;
    expect(page.names()[0]).to.equal('First free room automatically, no room is free, Occupied');
    expect(el.validationMessage).to.equal('No room is free at the chosen time.');
    expect(page.text('#choice-error')).to.equal('No room is free at the chosen time.');
  });

  it('form reset returns to the value attribute, without events', async () => {
    const { form, el, page, events } = await mountInForm({ value: 'auto' });
    page.option('spree').click();
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal('auto');
    expect(page.checked()).to.deep.equal(['auto']);
    expect(events).to.deep.equal(['input', 'change']);
  });

  it('a disabled fieldset: not submitted, not choosable', async () => {
    const { form, el, page, events } = await mountInForm({ value: 'spree' });
    form.querySelector('fieldset')!.disabled = true;
    await el.updateComplete;
    expect(new FormData(form).has('room')).to.equal(false);
    page.option('elbe').click();
    expect(el.value).to.equal('spree');
    expect(events).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });
});
