/**
 * The simulator's control surface for tests, seeding and QA — NOT part of Cronofy's API and never to be exposed
 * beyond local development. The same operations are available as functions (`sim.control.*`) and as JSON routes
 * under `/control` (errors as `{ "error": { "code", "message" } }`, the product's wire shape). Invariant: control
 * operations go through core.ts, so their side effects (attendee propagation, push notifications) are exactly those
 * of the equivalent real-world change.
 */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { SimError, type Delivery, type ExternalEventInput, type SimCore } from './core.js';
import { validateFault, type FaultRegistry, type SimFault, type SimFaultInput } from './faults.js';
import { ATTENDEE_STATUSES, isSimProvider, SIM_PROVIDERS, type SimAccount, type SimAttendeeStatus, type SimData, type SimEvent, type SimProvider } from './model.js';
import { readBody } from './api.js';

export type SimRequestLogEntry = { method: string; path: string; status: number; at: number };

export type SimAccountView = {
  sub: string;
  kind: SimAccount['kind'];
  email: string;
  name: string;
  zoneinfo: string;
  provider: SimProvider;
  provider_name: string;
  provider_service: string;
  profile_id: string;
  connected: boolean;
  calendars: SimAccount['calendars'];
  channels: SimAccount['channels'];
  domain?: string;
  capacity?: number;
  auto_accept?: boolean;
};

export type SimEventView = Omit<SimEvent, 'created' | 'updated'> & {
  created: string;
  updated: string;
  free_busy_status: 'busy' | 'tentative' | 'free';
};

export type SimControl = {
  createAccount(input: { email: string; name?: string; zoneinfo?: string; provider?: SimProvider }): SimAccountView;
  listAccounts(): SimAccountView[];
  getAccount(sub: string): SimAccountView;
  issueAuthorizationCode(sub: string, input: { redirect_uri: string; scope?: string; state?: string }): { code: string; redirect_url: string };
  addEvent(sub: string, input: ExternalEventInput): SimEventView;
  removeEvent(sub: string, eventUid: string): SimEventView;
  listEvents(sub: string, options?: { include_deleted?: boolean }): SimEventView[];
  reply(input: { event_id: string; email: string; status: Exclude<SimAttendeeStatus, 'needs_action'> | 'needs_action'; organizer_sub?: string }): SimEventView;
  disconnect(sub: string): SimAccountView;
  reconnect(sub: string): SimAccountView;
  expireAccessTokens(sub: string): { expired: number };
  revokeRefreshTokens(sub: string): void;
  createServiceAccount(input: { email: string; domain?: string; provider?: SimProvider; name?: string }): SimAccountView;
  createResource(input: { email: string; name: string; domain?: string; capacity?: number; auto_accept?: boolean; zoneinfo?: string }): SimAccountView;
  addFault(input: SimFaultInput): SimFault;
  listFaults(): SimFault[];
  clearFaults(): void;
  deliveries(): Delivery[];
  requests(): SimRequestLogEntry[];
  /** Resolves when every scheduled callback has been answered. */
  idle(): Promise<void>;
  reset(): void;
  snapshot(): SimData;
  restore(snapshot: SimData): void;
};

/** The default scope of control-issued codes: what the product asks for. */
const DEFAULT_CODE_SCOPE = 'read_account list_calendars read_events create_event delete_event';

export function accountView(a: SimAccount): SimAccountView {
  return {
    sub: a.sub,
    kind: a.kind,
    email: a.email,
    name: a.name,
    zoneinfo: a.zoneinfo,
    provider: a.provider,
    provider_name: SIM_PROVIDERS[a.provider].provider_name,
    provider_service: SIM_PROVIDERS[a.provider].provider_service,
    profile_id: a.profile_id,
    connected: a.connected,
    calendars: a.calendars.map((c) => ({ ...c })),
    channels: a.channels.map((c) => ({ ...c, filters: { ...c.filters } })),
    ...(a.domain ? { domain: a.domain } : {}),
    ...(a.capacity !== undefined ? { capacity: a.capacity } : {}),
    ...(a.auto_accept !== undefined ? { auto_accept: a.auto_accept } : {}),
  };
}

export function createControl(core: SimCore, faults: FaultRegistry, requestLog: () => SimRequestLogEntry[], clearLog: () => void): SimControl {
  const iso = (ms: number): string => new Date(ms).toISOString();
  const eventView = (e: SimEvent): SimEventView => ({
    ...structuredClone(e),
    created: iso(e.created),
    updated: iso(e.updated),
    free_busy_status: core.freeBusyStatus(e) ?? 'free',
  });
  return {
    createAccount: (input) => accountView(core.createAccount(input)),
    listAccounts: () => Object.values(core.data.accounts).map(accountView),
    getAccount: (sub) => accountView(core.getAccount(sub)),
    issueAuthorizationCode(sub, input) {
      const account = core.getAccount(sub);
      if (account.kind === 'service_account') throw new SimError(422, 'validation_failed', 'use the Enterprise Connect consent page for service accounts');
      let url: URL;
      try {
        url = new URL(input.redirect_uri);
      } catch {
        throw new SimError(422, 'validation_failed', 'redirect_uri must be an absolute URL');
      }
      const code = core.issueCode({ sub, redirect_uri: input.redirect_uri, scope: input.scope ?? DEFAULT_CODE_SCOPE });
      url.searchParams.set('code', code);
      if (input.state !== undefined) url.searchParams.set('state', input.state);
      return { code, redirect_url: url.toString() };
    },
    addEvent: (sub, input) => eventView(core.addExternalEvent(sub, input)),
    removeEvent: (sub, uid) => eventView(core.removeExternalEvent(sub, uid)),
    listEvents: (sub, options) =>
      core
        .getAccount(sub)
        .events.filter((e) => options?.include_deleted || !e.deleted)
        .map(eventView),
    reply: (input) => eventView(core.reply(input)),
    disconnect: (sub) => accountView(core.setConnected(sub, false)),
    reconnect: (sub) => accountView(core.setConnected(sub, true)),
    expireAccessTokens: (sub) => (core.getAccount(sub), { expired: core.expireAccessTokens(sub) }),
    revokeRefreshTokens: (sub) => {
      core.getAccount(sub);
      core.revokeRefreshTokens(sub);
    },
    createServiceAccount: (input) => accountView(core.createAccount({ ...input, kind: 'service_account' })),
    createResource: (input) => accountView(core.createAccount({ ...input, kind: 'resource', zoneinfo: input.zoneinfo ?? 'Etc/UTC' })),
    addFault: (input) => faults.add(validateFault(input)),
    listFaults: () => faults.list(),
    clearFaults: () => faults.clear(),
    deliveries: () => core.deliveries(),
    requests: () => requestLog(),
    idle: () => core.idle(),
    reset: () => {
      faults.clear();
      faults.releaseHeld();
      clearLog();
      core.reset();
    },
    snapshot: () => core.snapshot(),
    restore: (s) => core.restore(s),
  };
}

const Provider = z.string().refine(isSimProvider, { message: `provider must be one of ${Object.keys(SIM_PROVIDERS).join(', ')}` });
const Zone = z.string().refine((z) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: z });
    return true;
  } catch {
    return false;
  }
}, 'zoneinfo must be an IANA time zone');

const AccountBody = z.object({ email: z.string(), name: z.string().optional(), zoneinfo: Zone.optional(), provider: Provider.optional() });
const CodeBody = z.object({ redirect_uri: z.string(), scope: z.string().optional(), state: z.string().optional() });
const EventBody = z.object({
  summary: z.string().optional(),
  description: z.string().optional(),
  start: z.string(),
  end: z.string(),
  free_busy_status: z.enum(['busy', 'tentative', 'free']).optional(),
  calendar_id: z.string().optional(),
  event_uid: z.string().optional(),
  event_private: z.boolean().optional(),
});
const ReplyBody = z.object({
  event_id: z.string(),
  email: z.string(),
  status: z.enum(ATTENDEE_STATUSES as [SimAttendeeStatus, ...SimAttendeeStatus[]]),
  organizer_sub: z.string().optional(),
});
const ServiceAccountBody = z.object({ email: z.string(), domain: z.string().optional(), provider: Provider.optional(), name: z.string().optional() });
const ResourceBody = z.object({
  email: z.string(),
  name: z.string(),
  domain: z.string().optional(),
  capacity: z.number().int().nonnegative().optional(),
  auto_accept: z.boolean().optional(),
  zoneinfo: Zone.optional(),
});

async function parse<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const r = schema.safeParse(await readBody(c));
  if (!r.success) throw new SimError(422, 'validation_failed', z.prettifyError(r.error));
  return r.data;
}

/** Drops undefined keys so optional inputs stay absent (the control functions' types are exact). */
function defined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export function createControlRoutes(control: SimControl): Hono {
  const app = new Hono();
  app.post('/reset', (c) => (control.reset(), c.json({ ok: true })));
  app.get('/snapshot', (c) => c.json(control.snapshot()));

  app.post('/accounts', async (c) => {
    const body = await parse(c, AccountBody);
    return c.json(control.createAccount(defined({ ...body, provider: body.provider as SimProvider | undefined })), 201);
  });
  app.get('/accounts', (c) => c.json({ accounts: control.listAccounts() }));
  app.get('/accounts/:sub', (c) => c.json(control.getAccount(c.req.param('sub'))));
  app.post('/accounts/:sub/authorization-code', async (c) => c.json(control.issueAuthorizationCode(c.req.param('sub'), defined(await parse(c, CodeBody))), 201));
  app.post('/accounts/:sub/events', async (c) => c.json(control.addEvent(c.req.param('sub'), defined(await parse(c, EventBody))), 201));
  app.get('/accounts/:sub/events', (c) => c.json({ events: control.listEvents(c.req.param('sub'), { include_deleted: c.req.query('include_deleted') === 'true' }) }));
  app.delete('/accounts/:sub/events/:event_uid', (c) => c.json(control.removeEvent(c.req.param('sub'), c.req.param('event_uid'))));
  app.post('/accounts/:sub/disconnect', (c) => c.json(control.disconnect(c.req.param('sub'))));
  app.post('/accounts/:sub/reconnect', (c) => c.json(control.reconnect(c.req.param('sub'))));
  app.post('/accounts/:sub/expire-access-tokens', (c) => c.json(control.expireAccessTokens(c.req.param('sub'))));
  app.post('/accounts/:sub/revoke-refresh-tokens', (c) => (control.revokeRefreshTokens(c.req.param('sub')), c.json({ ok: true })));
  app.post('/replies', async (c) => c.json(control.reply(defined(await parse(c, ReplyBody)))));
  app.post('/service-accounts', async (c) => {
    const body = await parse(c, ServiceAccountBody);
    return c.json(control.createServiceAccount(defined({ ...body, provider: body.provider as SimProvider | undefined })), 201);
  });
  app.post('/resources', async (c) => c.json(control.createResource(defined(await parse(c, ResourceBody))), 201));
  app.post('/faults', async (c) => c.json(control.addFault(validateFault(await readBody(c))), 201));
  app.get('/faults', (c) => c.json({ faults: control.listFaults() }));
  app.delete('/faults', (c) => (control.clearFaults(), c.json({ ok: true })));
  app.get('/deliveries', (c) => c.json({ deliveries: control.deliveries() }));
  app.get('/requests', (c) => c.json({ requests: control.requests() }));
  return app;
}
