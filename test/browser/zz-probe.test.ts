import { a11ySnapshot } from '@web/test-runner-commands';
import { mountPicker } from './support/slot-picker-page.js';
describe('probe', () => {
  it('snap', async () => {
    await mountPicker();
    const snap = await a11ySnapshot({});
    console.log(JSON.stringify(snap).slice(0, 3000));
  });
});
