/**
 * Pointer painting of `<dv-availability-editor>` with a real mouse (CDP through `sendMouse`): a click toggles one
 * cell, a drag paints or erases (decided by the first cell) the rectangle under it, moving back shrinks it, Escape
 * cancels the stroke; `input` while painting, one `change` when the button is released.
 */
import { expect } from '@open-wc/testing';
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import { mountEditor, type EditorPage } from './support/availability-editor-page.js';

function center(el: HTMLElement): [number, number] {
  const r = el.getBoundingClientRect();
  return [Math.round(r.left + r.width / 2), Math.round(r.top + r.height / 2)];
}

async function drag(page: EditorPage, from: HTMLElement, ...through: HTMLElement[]): Promise<void> {
  from.scrollIntoView({ block: 'center' });
  await sendMouse({ type: 'move', position: center(from) });
  await sendMouse({ type: 'down' });
  for (const cell of through) await sendMouse({ type: 'move', position: center(cell) });
  await sendMouse({ type: 'up' });
  await page.el.updateComplete;
}

describe('dv-availability-editor pointer', () => {
  afterEach(() => resetMouse());

  it('a click toggles one cell, focuses it and sends one input and one change', async () => {
    const { page, events } = await mountEditor();
    const cell = page.cell('sat', '09:00');
    await drag(page, cell);
    expect(page.painted()).to.include('sat 09:00');
    expect(page.focused()?.getAttribute('aria-label')).to.equal('Saturday 09:00 to 09:30, available');
    expect(cell.tabIndex).to.equal(0);
    expect(events).to.deep.equal(['dv-load', 'input', 'change']);
    await drag(page, cell);
    expect(page.painted()).not.to.include('sat 09:00');
    expect(events.slice(3)).to.deep.equal(['input', 'change']);
  });

  it('dragging from an empty cell paints the rectangle to the pointer; one change at the end', async () => {
    const { el, page, events } = await mountEditor();
    await drag(page, page.cell('sat', '09:00'), page.cell('sat', '10:00'), page.cell('sun', '10:30'));
    expect(page.painted().filter((c) => /^s(at|un)/.test(c))).to.deep.equal([
      'sat 09:00', 'sat 09:30', 'sat 10:00', 'sat 10:30', 'sun 09:00', 'sun 09:30', 'sun 10:00', 'sun 10:30',
    ]);
    expect(events.filter((e) => e === 'change')).to.have.length(1);
    expect(events[events.length - 1]).to.equal('change');
    expect(events.filter((e) => e === 'input').length).to.be.greaterThan(1);
    expect(JSON.parse(el.value).weeklyHours.slice(-2)).to.deep.equal([
      { day: 'sat', start: '09:00', end: '11:00' },
      { day: 'sun', start: '09:00', end: '11:00' },
    ]);
  });

  it('dragging from a painted cell erases', async () => {
    const { el, page } = await mountEditor();
    await drag(page, page.cell('mon', '09:00'), page.cell('tue', '10:00'));
    expect(JSON.parse(el.value).weeklyHours.slice(0, 2)).to.deep.equal([
      { day: 'mon', start: '10:30', end: '17:00' },
      { day: 'tue', start: '10:30', end: '17:00' },
    ]);
  });

  it('moving back shrinks the stroke and gives back what was under it', async () => {
    const { page } = await mountEditor();
    await drag(page, page.cell('fri', '16:00'), page.cell('sat', '18:00'), page.cell('sat', '16:30'));
    // The stroke started on a painted cell (erase): Fri–Sat 16:00–17:00; Fri 17:00–18:30 was never painted anyway.
    expect(page.painted().filter((c) => c.startsWith('fri 16'))).to.deep.equal([]);
    expect(page.painted().filter((c) => c.startsWith('fri 15'))).to.deep.equal(['fri 15:00', 'fri 15:30']);
  });

  it('Escape during a drag cancels the stroke: nothing changes, no change event', async () => {
    const { el, page, events } = await mountEditor();
    const before = el.value;
    const from = page.cell('sat', '09:00');
    from.scrollIntoView({ block: 'center' });
    await sendMouse({ type: 'move', position: center(from) });
    await sendMouse({ type: 'down' });
    await sendMouse({ type: 'move', position: center(page.cell('sat', '11:00')) });
    await el.updateComplete;
    expect(page.painted()).to.include('sat 10:30');
    await sendKeys({ press: 'Escape' });
    await sendMouse({ type: 'up' });
    await el.updateComplete;
    expect(el.value).to.equal(before);
    expect(events).not.to.include('change');
  });

  it('read-only while disabled: pointer strokes paint nothing', async () => {
    const { el, page, events } = await mountEditor();
    el.disabled = true;
    await el.updateComplete;
    await drag(page, page.cell('sat', '09:00'), page.cell('sat', '10:00'));
    expect(page.painted()).to.have.length(80);
    expect(events).to.deep.equal(['dv-load']);
  });
});
