/**
 * Cronofy simulator: a Hono app speaking the part of Cronofy's HTTP API the product uses (same paths, JSON field
 * names, auth headers, status codes and error bodies), a consent UI under `/app`, and a control API under `/control`
 * for tests and QA (not part of Cronofy's API). Mount it inside a server (`app.route('/sim', sim.app)` →
 * `CRONOFY_API_URL=http://host:port/sim`, `CRONOFY_APP_URL=http://host:port/sim/app`) or serve it on its own port.
 * Invariants: state lives only in memory (snapshot/restore it to survive restarts); faults apply only to the Cronofy
 * API routes (`/oauth/*`, `/v1/*`), never to `/app` or `/control`; every API call is recorded in the request log.
 */
import { Hono, type MiddlewareHandler } from 'hono';
import { createApiRoutes } from './api.js';
import { createConsentRoutes } from './consent.js';
import { createControl, createControlRoutes, type SimControl, type SimRequestLogEntry } from './control.js';
import { createSimCore, SimError, type SimOptions } from './core.js';
import { createFaultRegistry } from './faults.js';
import type { SimAccount, SimData } from './model.js';

export type CronofySimOptions = SimOptions;

export type CronofySimState = {
  /** Live data (read-only by convention; change it through `control`). */
  readonly data: SimData;
  account(sub: string): SimAccount | undefined;
  accountByEmail(email: string): SimAccount | undefined;
};

export type CronofySim = { app: Hono; state: CronofySimState; control: SimControl };

export function createCronofySim(options: CronofySimOptions): CronofySim {
  const core = createSimCore(options);
  const faults = createFaultRegistry(core.now, options.timeoutFaultCapMs ?? 30_000);
  let requests: SimRequestLogEntry[] = [];
  const control = createControl(core, faults, () => [...requests], () => (requests = []));

  const app = new Hono();
  // Only the Cronofy API is logged and subject to faults (registered on its path prefixes, so `/app/oauth/...`
  // consent pages are not); the log keeps paths relative to the simulator's root, wherever it is mounted.
  const guard =
    (segment: '/v1/' | '/oauth/'): MiddlewareHandler =>
    async (c, next) => {
      const path = c.req.path;
      const entry: SimRequestLogEntry = { method: c.req.method, path: path.slice(Math.max(0, path.lastIndexOf(segment))), status: 0, at: core.now() };
      requests.push(entry);
      if (requests.length > 2000) requests = requests.slice(-2000);
      // A fault answers by returning its Response instead of calling next(); pass it on so Hono sends it.
      const res = await faults.middleware(c, next);
      if (res instanceof Response) {
        entry.status = res.status;
        return res;
      }
      entry.status = c.res.status;
      return undefined;
    };
  app.use('/v1/*', guard('/v1/'));
  app.use('/oauth/*', guard('/oauth/'));
  app.route('/', createApiRoutes(core));
  app.route('/app', createConsentRoutes(core));
  app.route('/control', createControlRoutes(control));
  app.onError((err, c) => {
    if (err instanceof SimError) return c.json({ error: { code: err.code, message: err.message } }, err.status as 404);
    return c.json({ error: { code: 'internal', message: err instanceof Error ? err.message : String(err) } }, 500);
  });

  const state: CronofySimState = {
    get data() {
      return core.data;
    },
    account: (sub) => core.data.accounts[sub],
    accountByEmail: (email) => core.accountByEmail(email),
  };
  return { app, state, control };
}

export { SIM_PROVIDERS, type SimProvider, type SimAccount, type SimEvent, type SimData } from './model.js';
export type { SimControl, SimAccountView, SimEventView, SimRequestLogEntry } from './control.js';
export type { Delivery, ExternalEventInput } from './core.js';
export type { SimFault, SimFaultInput, SimFaultKind } from './faults.js';
