/**
 * `<dv-calendar-context>` and the shared HTTP core: elements inside receive the configuration and its updates;
 * a refused token is refreshed once for all elements sharing the context, and each request retries once.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { consume } from '@lit/context';
import { LitElement } from 'lit';
import { state } from 'lit/decorators.js';
import '../../src/elements/calendar-context/define.js';
import type { DvCalendarContext } from '../../src/elements/calendar-context/index.js';
import { calendarContext, type CalendarConfig } from '../../src/elements/context.js';
import { ApiError, NetworkError, createHttp, createTokenSource } from '../../src/client/index.js';
import { object, str } from '../../src/client/validate.js';

class TestConsumer extends LitElement {
  @consume({ context: calendarContext, subscribe: true })
  @state()
  config: CalendarConfig | undefined;
}
customElements.define('test-context-consumer', TestConsumer);

describe('dv-calendar-context', () => {
  it('hands api, language and zone to the elements inside and publishes changes', async () => {
    const ctx = await fixture<DvCalendarContext>(html`<dv-calendar-context api="https://cal.example" lang="de" time-zone="Europe/Berlin" token="t0">
      <test-context-consumer></test-context-consumer>
    </dv-calendar-context>`);
    const consumer = ctx.querySelector<TestConsumer>('test-context-consumer')!;
    expect(consumer.config?.api).to.equal('https://cal.example');
    expect(consumer.config?.lang).to.equal('de');
    expect(consumer.config?.timeZone).to.equal('Europe/Berlin');
    expect(await consumer.config?.tokens?.get()).to.equal('t0');
    ctx.setAttribute('time-zone', 'America/New_York');
    await ctx.updateComplete;
    expect(consumer.config?.timeZone).to.equal('America/New_York');
  });

  it('refreshes a refused token once for all elements and retries each request once', async () => {
    let calls = 0;
    const seen: string[] = [];
    const fakeFetch: typeof fetch = async (_url, init) => {
      const auth = new Headers(init?.headers).get('authorization') ?? '';
      seen.push(auth);
      if (auth !== 'Bearer fresh') return new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'expired' } }), { status: 401 });
      return new Response(JSON.stringify({ name: 'ok' }), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const ctx = await fixture<DvCalendarContext>(html`<dv-calendar-context token="stale"></dv-calendar-context>`);
    ctx.tokenProvider = async () => {
      calls += 1;
      await new Promise((r) => setTimeout(r, 20));
      return 'fresh';
    };
    await ctx.updateComplete;
    // A provider replaces the static token: the first call asks it.
    const tokens = ctx.config!.tokens!;
    const a = createHttp({ api: '', fetch: fakeFetch, tokens });
    const b = createHttp({ api: '', fetch: fakeFetch, tokens });
    const check = object({ name: str });
    const results = await Promise.all([a('GET', '/api/x', check), b('GET', '/api/y', check), a('GET', '/api/z', check)]);
    expect(results.map((r) => r.name)).to.deep.equal(['ok', 'ok', 'ok']);
    expect(calls).to.equal(1);
    expect(seen.filter((s) => s === 'Bearer fresh')).to.have.length(3);
  });

  it('a static token refused twice surfaces as ApiError 401; no answer is a NetworkError', async () => {
    const tokens = createTokenSource({ token: 'only' });
    const refuse: typeof fetch = async () => new Response(JSON.stringify({ error: { code: 'unauthorized', message: 'no' } }), { status: 401 });
    const http = createHttp({ api: 'https://cal.example/', fetch: refuse, tokens });
    const error = await http('GET', '/api/users', str).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).status).to.equal(401);
    expect((error as ApiError).code).to.equal('unauthorized');
    const offline = createHttp({ api: '', fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    const e2 = await offline('GET', '/api/health', str).catch((e: unknown) => e);
    expect(e2).to.be.instanceOf(NetworkError);
    expect((e2 as NetworkError).status).to.equal(0);
  });
});
