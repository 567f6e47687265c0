/**
 * The simulator's consent UI, served under `/app` like Cronofy's app host: `/app/oauth/authorize` (individual
 * connect), `/app/enterprise_connect/oauth/authorize` (service account) and `/app/relink/:provider` (reconnect a
 * disconnected profile). Small self-contained HTML pages (no external assets, no script) that work with keyboard and
 * screen readers: one `main` landmark, a heading, labelled controls grouped in fieldsets, visible focus.
 * Invariants, as in OAuth 2.0 (RFC 6749 §4.1.2.1): an unknown `client_id` or an unusable `redirect_uri` is shown as an
 * error page and never redirected; every other outcome redirects to `redirect_uri` with `code` + `state`, or `error`
 * (`access_denied` when the user denies) + `state`.
 */
import { Hono, type Context } from 'hono';
import { isValidTimeZone } from '../shared/time.js';
import { SimError, type SimCore } from './core.js';
import { isSimProvider, providerFromName, SIM_PROVIDERS, type SimAccount, type SimProvider } from './model.js';

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
  body { margin: 0; padding: 1rem; }
  main { max-width: 40rem; margin: 0 auto; }
  fieldset { border: 1px solid currentColor; border-radius: .5rem; margin: 0 0 1rem; padding: .75rem 1rem; }
  legend { font-weight: 600; padding: 0 .25rem; }
  label { display: block; margin: .25rem 0; }
  input[type=email], input[type=text], select { font: inherit; padding: .35rem; width: 100%; max-width: 24rem; box-sizing: border-box; }
  button { font: inherit; padding: .5rem 1.25rem; margin-right: .5rem; border-radius: .375rem; border: 1px solid currentColor; cursor: pointer; }
  button[value=allow] { background: #1d4ed8; color: #fff; border-color: #1d4ed8; }
  :focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
  .error { border: 2px solid #b91c1c; padding: .5rem; border-radius: .375rem; }
  .muted { opacity: .8; font-size: .9em; }
  code { overflow-wrap: anywhere; }
`;

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} · Cronofy simulator</title><style>${STYLE}</style></head>
<body><main><h1>${esc(title)}</h1>${body}
<p class="muted">Cronofy simulator for local development and QA — not Cronofy.</p></main></body></html>`;
}

function redirectWith(redirectUri: string, params: Record<string, string | undefined>): string {
  const u = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

const isHttpUrl = (s: string | undefined): s is string => {
  if (!s) return false;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
};

type AuthParams = Record<string, string | undefined>;

async function params(c: Context): Promise<AuthParams> {
  if (c.req.method === 'POST') {
    const form = await c.req.parseBody();
    const out: AuthParams = {};
    for (const [k, v] of Object.entries(form)) if (typeof v === 'string') out[k] = v;
    return out;
  }
  return c.req.query();
}

const hidden = (p: AuthParams, names: string[]): string =>
  names
    .filter((n) => p[n] !== undefined)
    .map((n) => `<input type="hidden" name="${esc(n)}" value="${esc(p[n] ?? '')}">`)
    .join('');

function providerOptions(selected: SimProvider | undefined, allowed?: SimProvider[]): string {
  return (Object.keys(SIM_PROVIDERS) as SimProvider[])
    .filter((k) => !allowed || allowed.includes(k))
    .map((k) => `<option value="${k}"${k === selected ? ' selected' : ''}>${esc(SIM_PROVIDERS[k].label)}</option>`)
    .join('');
}

function accountLabel(a: SimAccount): string {
  const state = a.connected ? '' : ' — disconnected, choose to reconnect';
  return `${esc(a.name)} &lt;${esc(a.email)}&gt; — ${esc(SIM_PROVIDERS[a.provider].label)}${state}`;
}

export function createConsentRoutes(core: SimCore): Hono {
  const app = new Hono();
  const { options } = core;

  /** Checks that must fail with a page, not a redirect. */
  const badClient = (c: Context, p: AuthParams): Response | undefined => {
    if (p['client_id'] !== options.clientId) {
      return c.html(page('Unknown application', '<p role="alert" class="error">The <code>client_id</code> is not known to this simulator.</p>'), 400);
    }
    if (!isHttpUrl(p['redirect_uri'])) {
      return c.html(page('Invalid redirect', '<p role="alert" class="error">The <code>redirect_uri</code> must be an absolute http(s) URL.</p>'), 400);
    }
    return undefined;
  };

  // ------------------------------------------------------------ individual connect

  const ACCOUNT_FIELDS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'state', 'avoid_linking', 'provider_name', 'link_token'];

  const renderAuthorize = (p: AuthParams, error?: string): string => {
    const preferred = providerFromName(p['provider_name']);
    const accounts = Object.values(core.data.accounts).filter(
      (a) => a.kind === 'account' && (!preferred || SIM_PROVIDERS[a.provider].provider_name === SIM_PROVIDERS[preferred].provider_name),
    );
    const scopes = (p['scope'] ?? '').split(/\s+/).filter(Boolean);
    const list = accounts
      .map(
        (a, i) =>
          `<label><input type="radio" name="account" value="${esc(a.sub)}"${i === 0 ? ' checked' : ''}> ${accountLabel(a)}</label>`,
      )
      .join('');
    return page(
      'Connect your calendar',
      `${error ? `<p role="alert" class="error">${esc(error)}</p>` : ''}
<p>The application asks for: ${scopes.map((s) => `<code>${esc(s)}</code>`).join(', ') || 'nothing'}.</p>
<form method="post">${hidden(p, ACCOUNT_FIELDS)}
<fieldset><legend>Simulated account</legend>${list}
<label><input type="radio" name="account" value="new"${accounts.length === 0 ? ' checked' : ''}> A new account</label>
</fieldset>
<fieldset><legend>New account (when chosen above)</legend>
<label for="new_email">E-mail</label><input id="new_email" type="email" name="new_email" autocomplete="email">
<label for="new_name">Name</label><input id="new_name" type="text" name="new_name" autocomplete="name">
<label for="new_provider">Calendar provider</label><select id="new_provider" name="new_provider">${providerOptions(preferred ?? 'gsuite')}</select>
<label for="new_zone">Time zone</label><input id="new_zone" type="text" name="new_zone" value="Europe/Berlin">
</fieldset>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
    );
  };

  const authorize = async (c: Context): Promise<Response> => {
    const p = await params(c);
    const bad = badClient(c, p);
    if (bad) return bad;
    const redirectUri = p['redirect_uri'] as string;
    const state = p['state'];
    if (p['response_type'] !== 'code') return c.redirect(redirectWith(redirectUri, { error: 'unsupported_response_type', state }), 302);
    if (!p['scope']?.trim()) return c.redirect(redirectWith(redirectUri, { error: 'invalid_scope', state }), 302);
    if (c.req.method === 'GET') return c.html(renderAuthorize(p));
    if (p['decision'] !== 'allow') return c.redirect(redirectWith(redirectUri, { error: 'access_denied', state }), 302);
    let account: SimAccount | undefined;
    if (p['account'] && p['account'] !== 'new') {
      account = core.data.accounts[p['account']];
      if (!account || account.kind !== 'account') return c.html(renderAuthorize(p, 'Choose an account.'), 422);
    } else {
      const email = (p['new_email'] ?? '').trim();
      const zone = (p['new_zone'] ?? '').trim() || 'Etc/UTC';
      if (!isValidTimeZone(zone)) return c.html(renderAuthorize(p, `Unknown time zone ${zone}.`), 422);
      account = core.accountByEmail(email);
      if (!account) {
        try {
          account = core.createAccount({
            email,
            ...(p['new_name'] ? { name: p['new_name'] } : {}),
            zoneinfo: zone,
            provider: isSimProvider(p['new_provider']) ? p['new_provider'] : 'gsuite',
          });
        } catch (err) {
          if (err instanceof SimError) return c.html(renderAuthorize(p, 'Enter a valid e-mail address.'), 422);
          throw err;
        }
      }
    }
    // Authorizing again is how a user relinks a disconnected profile.
    core.setConnected(account.sub, true);
    const code = core.issueCode({ sub: account.sub, redirect_uri: redirectUri, scope: p['scope'] ?? '' });
    return c.redirect(redirectWith(redirectUri, { code, state }), 302);
  };
  app.get('/oauth/authorize', authorize);
  app.post('/oauth/authorize', authorize);

  // ------------------------------------------------------------ Enterprise Connect

  const EC_FIELDS = ['response_type', 'client_id', 'redirect_uri', 'scope', 'delegated_scope', 'state'];

  const renderEc = (p: AuthParams, error?: string): string => {
    const services = Object.values(core.data.accounts).filter((a) => a.kind === 'service_account');
    const list = services
      .map(
        (a, i) =>
          `<label><input type="radio" name="account" value="${esc(a.sub)}"${i === 0 ? ' checked' : ''}> ${esc(a.email)} — domain ${esc(a.domain ?? '')} — ${esc(SIM_PROVIDERS[a.provider].label)}</label>`,
      )
      .join('');
    return page(
      'Connect your organization’s calendars',
      `${error ? `<p role="alert" class="error">${esc(error)}</p>` : ''}
<p>Service-account privileges: <code>${esc(p['scope'] ?? '')}</code>.</p>
<p>Per-user access it may grant: <code>${esc(p['delegated_scope'] ?? '')}</code>.</p>
<form method="post">${hidden(p, EC_FIELDS)}
<fieldset><legend>Service account</legend>${list}
<label><input type="radio" name="account" value="new"${services.length === 0 ? ' checked' : ''}> A new service account</label>
</fieldset>
<fieldset><legend>New service account (when chosen above)</legend>
<label for="new_email">Administrator e-mail</label><input id="new_email" type="email" name="new_email">
<label for="new_domain">Directory domain (default: the e-mail's domain)</label><input id="new_domain" type="text" name="new_domain">
<label for="new_provider">Calendar system</label><select id="new_provider" name="new_provider">${providerOptions('office365', ['office365', 'exchange', 'gsuite'])}</select>
</fieldset>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</form>`,
    );
  };

  const enterprise = async (c: Context): Promise<Response> => {
    const p = await params(c);
    const bad = badClient(c, p);
    if (bad) return bad;
    const redirectUri = p['redirect_uri'] as string;
    const state = p['state'];
    if (p['response_type'] !== 'code') return c.redirect(redirectWith(redirectUri, { error: 'unsupported_response_type', state }), 302);
    if (!p['scope']?.trim() || !p['delegated_scope']?.trim()) return c.redirect(redirectWith(redirectUri, { error: 'invalid_request', state }), 302);
    if (c.req.method === 'GET') return c.html(renderEc(p));
    if (p['decision'] !== 'allow') return c.redirect(redirectWith(redirectUri, { error: 'access_denied', state }), 302);
    let account: SimAccount | undefined;
    if (p['account'] && p['account'] !== 'new') {
      account = core.data.accounts[p['account']];
      if (!account || account.kind !== 'service_account') return c.html(renderEc(p, 'Choose a service account.'), 422);
    } else {
      const email = (p['new_email'] ?? '').trim();
      account = core.accountByEmail(email);
      if (account && account.kind !== 'service_account') return c.html(renderEc(p, 'That e-mail belongs to a user account.'), 422);
      if (!account) {
        try {
          account = core.createAccount({
            email,
            kind: 'service_account',
            ...(p['new_domain']?.trim() ? { domain: p['new_domain'].trim() } : {}),
            provider: isSimProvider(p['new_provider']) ? p['new_provider'] : 'office365',
          });
        } catch (err) {
          if (err instanceof SimError) return c.html(renderEc(p, 'Enter a valid e-mail address.'), 422);
          throw err;
        }
      }
    }
    const code = core.issueCode({
      sub: account.sub,
      redirect_uri: redirectUri,
      scope: p['scope'] ?? '',
      delegated_scope: p['delegated_scope'] ?? '',
    });
    return c.redirect(redirectWith(redirectUri, { code, state }), 302);
  };
  app.get('/enterprise_connect/oauth/authorize', enterprise);
  app.post('/enterprise_connect/oauth/authorize', enterprise);

  // ------------------------------------------------------------ relink

  const relink = async (c: Context): Promise<Response> => {
    const p = await params(c);
    const email = p['email'] ?? '';
    const account = core.accountByEmail(email);
    if (!account) return c.html(page('Unknown profile', '<p role="alert" class="error">No simulated account has that e-mail.</p>'), 404);
    if (c.req.method === 'POST') {
      core.setConnected(account.sub, true);
      return c.html(page('Calendar reconnected', `<p role="status">${esc(account.email)} is connected again.</p>`));
    }
    return c.html(
      page(
        'Reconnect your calendar',
        `<p>${accountLabel(account)}</p><form method="post"><input type="hidden" name="email" value="${esc(account.email)}">
<button type="submit" name="decision" value="allow">Reconnect</button></form>`,
      ),
    );
  };
  app.get('/relink/:provider', relink);
  app.post('/relink/:provider', relink);

  return app;
}
