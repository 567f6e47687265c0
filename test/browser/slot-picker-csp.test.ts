/**
 * Strict CSP: this page (its own test file, so its own page) gets `script-src 'self'; style-src 'self'` before the
 * element is created; walking through pick → confirm → booked must raise no `securitypolicyviolation` and the
 * element must still be styled (adopted stylesheets are allowed by style-src, inline `<style>`/`style=` are not).
 * The element ships no zod: zod's JIT uses `new Function` and breaks under this policy — only the test's fake API
 * uses zod, so it is warmed up (its compiled parsers cached) before the policy goes live.
 */
import { expect } from '@open-wc/testing';
import { SLOTS, createFakeApi } from './support/fake-public-api.js';
import { mountPicker } from './support/slot-picker-page.js';

describe('dv-slot-picker under a strict CSP', () => {
  it('renders and books with no CSP violation and its styles applied', async () => {
    const api = createFakeApi();
    const post = (path: string, method = 'POST') =>
      api.fetch(`https://cal.example.test/api/public/bookings/tok-123${path}`, { method, body: JSON.stringify({ start: SLOTS[0]!.start }) });
    await Promise.all([api.fetch('https://cal.example.test/api/public/bookings/tok-123/slots'), post('/holds'), post('/appointment', 'PUT')]);
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "script-src 'self'; style-src 'self'";
    document.head.append(meta);
    // Prove the policy is live: an inline style attribute is now refused.
    const probe = document.createElement('div');
    probe.setAttribute('style', 'color: red');
    document.body.append(probe);
    expect(getComputedStyle(probe).color).to.not.equal('rgb(255, 0, 0)');
    probe.remove();
    await new Promise((r) => setTimeout(r, 0));
    violations.length = 0;

    const { page } = await mountPicker({ api });
    page.options()[0]!.click();
    await page.waitForStep('confirm');
    await new Promise((r) => setTimeout(r, 50));
    page.button('Book appointment').click();
    await page.waitForStep('booked');
    expect(getComputedStyle(page.$('[part="base"]')!).paddingTop).to.equal('16px');
    expect(getComputedStyle(page.$('[part="ics"]')!).minHeight).to.equal('44px');
    expect(violations).to.deep.equal([]);
  });
});
