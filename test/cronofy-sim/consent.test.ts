/**
 * The individual-connect consent page: accessible, self-contained HTML; allow (existing or new account), deny,
 * provider pre-selection, relink of a disconnected profile, and OAuth's "never redirect to an unverified client" rule.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeClient, makeSim, REDIRECT_URI } from '../cronofy/support.js';

function setup() {
  const { sim } = makeSim();
  const { client } = makeClient(sim);
  const url = client.authorizationUrl({ redirect_uri: REDIRECT_URI, state: 'st<1>' });
  const submit = (fields: Record<string, string>, base = url) => {
    const form = new URLSearchParams(new URL(base).searchParams);
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return sim.app.request(base, { method: 'POST', body: form });
  };
  return { sim, client, url, submit };
}

test('the page is small, accessible and self-contained', async () => {
  const { sim, url } = setup();
  sim.control.createAccount({ email: 'ann@example.com', name: 'Ann <script>' });
  const res = await sim.app.request(url);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  const html = await res.text();
  assert.match(html, /<html lang="en">/);
  assert.match(html, /<main>/);
  assert.match(html, /<h1>Connect your calendar<\/h1>/);
  assert.equal((html.match(/<fieldset>/g) ?? []).length, (html.match(/<legend>/g) ?? []).length);
  for (const id of ['new_email', 'new_name', 'new_provider', 'new_zone']) assert.match(html, new RegExp(`<label for="${id}">[^<]+</label><(input|select) id="${id}"`));
  assert.match(html, /<label><input type="radio" name="account" value="acc_\w+" checked> Ann &lt;script&gt;/, 'radios are wrapped in labels; text is escaped');
  assert.match(html, /value="st&lt;1&gt;"/, 'state round-trips escaped');
  assert.doesNotMatch(html, /<script|src=|<link/i, 'no script and no external assets');
  assert.match(html, /:focus-visible/);
});

test('allow with an existing account redirects with a code for that account and the state', async () => {
  const { sim, client, submit } = setup();
  const ann = sim.control.createAccount({ email: 'ann@example.com' });
  const res = await submit({ decision: 'allow', account: ann.sub });
  assert.equal(res.status, 302);
  const back = new URL(res.headers.get('location') ?? '');
  assert.equal(back.origin + back.pathname, REDIRECT_URI);
  assert.equal(back.searchParams.get('state'), 'st<1>');
  assert.match(back.searchParams.get('code') ?? '', /^[A-Za-z0-9]{32}$/);
  const tokens = await client.exchangeCode({ code: back.searchParams.get('code') ?? '', redirect_uri: REDIRECT_URI });
  assert.equal(tokens.sub, ann.sub);
  assert.equal(tokens.scope, 'read_account list_calendars read_events create_event delete_event');
});

test('allow with a typed e-mail creates the account with the chosen provider and zone (or reuses it)', async () => {
  const { sim, submit } = setup();
  const res = await submit({ decision: 'allow', account: 'new', new_email: 'New.Person@Example.com', new_name: 'New Person', new_provider: 'apple', new_zone: 'America/New_York' });
  assert.equal(res.status, 302);
  const created = sim.state.accountByEmail('new.person@example.com');
  assert.deepEqual([created?.provider, created?.zoneinfo, created?.name], ['apple', 'America/New_York', 'New Person']);
  await submit({ decision: 'allow', account: 'new', new_email: 'new.person@example.com' });
  assert.equal(sim.control.listAccounts().length, 1);
  const bad = await submit({ decision: 'allow', account: 'new', new_email: 'not-an-email' });
  assert.equal(bad.status, 422);
  assert.match(await bad.text(), /role="alert"/);
});

test('deny redirects with error=access_denied and the state, and no code', async () => {
  const { submit } = setup();
  const res = await submit({ decision: 'deny' });
  const back = new URL(res.headers.get('location') ?? '');
  assert.deepEqual([back.searchParams.get('error'), back.searchParams.get('state'), back.searchParams.get('code')], ['access_denied', 'st<1>', null]);
});

test('unknown client or unusable redirect_uri is an error page, never a redirect', async () => {
  const { sim, url } = setup();
  const wrongClient = new URL(url);
  wrongClient.searchParams.set('client_id', 'someone-else');
  const a = await sim.app.request(wrongClient.toString());
  assert.equal(a.status, 400);
  assert.equal(a.headers.get('location'), null);
  const wrongRedirect = new URL(url);
  wrongRedirect.searchParams.set('redirect_uri', 'javascript:alert(1)');
  assert.equal((await sim.app.request(wrongRedirect.toString())).status, 400);
  const noScope = new URL(url);
  noScope.searchParams.delete('scope');
  const c = await sim.app.request(noScope.toString());
  assert.equal(new URL(c.headers.get('location') ?? '').searchParams.get('error'), 'invalid_scope');
});

test('provider_name narrows the listed accounts and pre-selects the provider', async () => {
  const { sim, client } = setup();
  sim.control.createAccount({ email: 'g@example.com', provider: 'gsuite' });
  sim.control.createAccount({ email: 'x@example.com', provider: 'exchange' });
  const html = await (await sim.app.request(client.authorizationUrl({ redirect_uri: REDIRECT_URI, state: 's', provider_name: 'exchange' }))).text();
  assert.match(html, /x@example\.com/);
  assert.doesNotMatch(html, /g@example\.com/);
  assert.match(html, /<option value="exchange" selected>/);
});

test('authorizing a disconnected account again reconnects it', async () => {
  const { sim, submit } = setup();
  const ann = sim.control.createAccount({ email: 'ann@example.com' });
  sim.control.disconnect(ann.sub);
  assert.equal(sim.control.getAccount(ann.sub).connected, false);
  await submit({ decision: 'allow', account: ann.sub });
  assert.equal(sim.control.getAccount(ann.sub).connected, true);
});
