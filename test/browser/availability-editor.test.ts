import { expect } from '@open-wc/testing';
import { mountEditor } from './support/availability-editor-page.js';

describe('dv-availability-editor smoke', () => {
  it('renders', async () => {
    const { el, page, events } = await mountEditor();
    expect(page.painted()).to.have.length(5 * 16);
    expect(events).to.deep.equal(['dv-load']);
    await expect(el).to.be.accessible();
  });
});
