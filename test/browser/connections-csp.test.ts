/**
 * Strict CSP for both connection elements (own file, so its own page): with `script-src 'self'; style-src 'self'`
 * active before the elements are created, rendering, the dialog and a live update raise no
 * `securitypolicyviolation`, and the adopted styles apply. Only the test's fake API uses zod (its JIT needs
 * `new Function`), so each route it serves is warmed up before the policy goes live.
 */
import { expect } from '@open-wc/testing';
import { API, createFakeConnectionsApi, view } from './support/fake-connections-api.js';
import { mountOverview, mountStatus } from './support/connection-page.js';

describe('connection elements under a strict CSP', () => {
  it('render, open a dialog and take a live update with no CSP violation and their styles applied', async () => {
    const api = createFakeConnectionsApi();
    for (const [method, path] of [
      ['GET', '/api/users/u-anna/connection'],
      ['GET', '/api/connections'],
      ['GET', '/api/service-account'],
      ['POST', '/api/events/tickets'],
      ['POST', '/api/users/u-anna/connection/authorize'],
    ] as const) {
      await api.fetch(`${API}${path}`, { method });
    }
    view('u-anna', 'failed');
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "script-src 'self'; style-src 'self'";
    document.head.append(meta);
    const probe = document.createElement('div');
    probe.setAttribute('style', 'color: red');
    document.body.append(probe);
    expect(getComputedStyle(probe).color).to.not.equal('rgb(255, 0, 0)');
    probe.remove();
    await new Promise((r) => setTimeout(r, 0));
    violations.length = 0;

    const status = await mountStatus({ api });
    status.page.button('Disconnect calendar').click();
    expect(status.page.openDialog()).to.not.equal(null);
    status.page.openDialog()!.close();
    const source = await status.es.opened();
    source.ready();
    source.push('connection.failed', { userId: 'u-anna', status: 'failed' });
    await status.page.waitFor(() => status.el.status === 'failed' || status.page.live() !== '', 'no live update');
    expect(getComputedStyle(status.page.$('.card')!).paddingTop).to.equal('16px');
    expect(getComputedStyle(status.page.$('[part~="button"]')!).minHeight).to.equal('44px');

    const overview = await mountOverview({ api });
    expect(getComputedStyle(overview.page.$('.panel')!).borderTopStyle).to.equal('solid');
    await new Promise((r) => setTimeout(r, 50));
    expect(violations).to.deep.equal([]);
  });
});
