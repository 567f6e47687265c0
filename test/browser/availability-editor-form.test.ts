/**
 * `<dv-availability-editor>` as a form control (ElementInternals): submission through FormData under `name`,
 * `required` and the validity flags, form reset (no events), fieldset `disabled`, and the standalone use without a
 * user (no requests, `value` attribute as the initial and reset value).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/elements/availability-editor/define.js';
import type { DvAvailabilityEditor } from '../../src/elements/availability-editor/index.js';
import { API, TOKEN, USER, createFakeAdminApi, type FakeAdminApi } from './support/fake-admin-api.js';
import { EditorPage } from './support/availability-editor-page.js';

interface Mounted {
  form: HTMLFormElement;
  el: DvAvailabilityEditor;
  page: EditorPage;
  events: string[];
}

async function mountInForm(opts: { api?: FakeAdminApi; required?: boolean; user?: boolean; value?: string } = {}): Promise<Mounted> {
  const api = opts.api ?? createFakeAdminApi();
  const events: string[] = [];
  const form = await fixture<HTMLFormElement>(html`<form>
    <fieldset>
      <dv-availability-editor name="availability" lang="en" api=${API} token=${TOKEN} ?required=${opts.required}
        user=${opts.user === false ? '' : USER} value=${opts.value ?? ''} .fetch=${api.fetch}
        @input=${() => events.push('input')} @change=${() => events.push('change')}></dv-availability-editor>
    </fieldset>
    <button>Submit</button>
  </form>`);
  const el = form.querySelector<DvAvailabilityEditor>('dv-availability-editor')!;
  const page = new EditorPage(el);
  await page.waitFor('ready');
  return { form, el, page, events };
}

const SUNDAY = JSON.stringify({ weeklyHours: [{ day: 'sun', start: '10:00', end: '11:00' }], dateOverrides: [] });

describe('dv-availability-editor form behaviour', () => {
  it('submits its JSON value under its name', async () => {
    const { form, el, page } = await mountInForm();
    page.cell('sat', '09:00').click();
    let submitted: FormData | undefined;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submitted = new FormData(form);
    });
    form.requestSubmit();
    expect(submitted!.get('availability')).to.equal(el.value);
    expect(JSON.parse(String(submitted!.get('availability'))).weeklyHours).to.deep.include({ day: 'sat', start: '09:00', end: '09:30' });
    expect(el.form).to.equal(form);
  });

  it('required: nothing marked is valueMissing and blocks submission; marking a time makes it valid', async () => {
    const api = createFakeAdminApi({ availability: { weeklyHours: [], isDefault: false } });
    const { form, el, page } = await mountInForm({ api, required: true });
    expect(el.validity.valueMissing).to.equal(true);
    expect(el.validationMessage).to.equal('Mark at least one time when you can be booked.');
    expect(form.checkValidity()).to.equal(false);
    expect(el.matches(':invalid')).to.equal(true);
    let submits = 0;
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      submits++;
    });
    form.requestSubmit();
    expect(submits).to.equal(0);
    el.reportValidity();
    await el.updateComplete;
    expect(page.text('#required-error')).to.equal('Mark at least one time when you can be booked.');
    expect(page.$('[role="grid"]')!.getAttribute('aria-describedby')).to.equal('help required-error');
    await expect(el).to.be.accessible();
    page.cell('mon', '09:00').click();
    await el.updateComplete;
    expect(el.validity.valid).to.equal(true);
    expect(form.checkValidity()).to.equal(true);
  });

  it('required is also met by an exception date with hours', async () => {
    const api = createFakeAdminApi({
      availability: { weeklyHours: [], isDefault: false, dateOverrides: [{ date: '2026-04-07', intervals: [{ start: '10:00', end: '12:00' }] }] },
    });
    const { el } = await mountInForm({ api, required: true });
    expect(el.validity.valid).to.equal(true);
  });

  it('form reset returns to the loaded availability without input or change', async () => {
    const { form, el, page, events } = await mountInForm();
    const loaded = el.value;
    page.cell('sat', '09:00').click();
    expect(events).to.deep.equal(['input', 'change']);
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal(loaded);
    expect(page.painted()).not.to.include('sat 09:00');
    expect(events).to.deep.equal(['input', 'change']);
  });

  it('a disabled fieldset disables it: not submitted, not editable', async () => {
    const { form, el, page, events } = await mountInForm();
    form.querySelector('fieldset')!.disabled = true;
    await el.updateComplete;
    expect(el.matches(':disabled')).to.equal(true);
    expect(new FormData(form).has('availability')).to.equal(false);
    expect(page.$('[role="grid"]')!.getAttribute('aria-disabled')).to.equal('true');
    page.cell('sat', '09:00').click();
    expect(page.painted()).not.to.include('sat 09:00');
    expect(events).to.deep.equal([]);
    await expect(el).to.be.accessible();
  });

  it('without a user: no requests, no Save; the value attribute is the initial and the reset value', async () => {
    const api = createFakeAdminApi();
    const { form, el, page, events } = await mountInForm({ api, user: false, value: SUNDAY });
    expect(api.calls).to.have.length(0);
    expect(page.painted()).to.deep.equal(['sun 10:00', 'sun 10:30']);
    expect(page.$$('button').map((b) => b.textContent!.trim())).not.to.include('Save');
    page.cell('sun', '11:00').click();
    await el.updateComplete;
    expect(page.button('Reset').getAttribute('aria-disabled')).to.equal('false');
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal(SUNDAY);
    expect(events).to.deep.equal(['input', 'change']);
    await expect(el).to.be.accessible();
  });

  it('without a user or value: the default hours, Mon–Fri 09:00–17:00', async () => {
    const { el, page } = await mountInForm({ user: false });
    expect(page.painted()).to.have.length(80);
    expect(JSON.parse(el.value).weeklyHours[0]).to.deep.equal({ day: 'mon', start: '09:00', end: '17:00' });
  });
});
