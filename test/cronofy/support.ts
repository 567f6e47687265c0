/**
 * Fixtures shared by the Cronofy client and simulator tests. Every test builds its own simulator and client through
 * these functions, so no state is shared between tests. The client talks to the simulator in-process through
 * `app.request` (the same Request/Response objects `fetch` would produce); tests that need real sockets use `serve()`.
 */
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { Hono } from 'hono';
import { createCronofySim, type CronofySim, type CronofySimOptions } from '../../src/cronofy-sim/index.js';
import { createCronofyClient, type CronofyClient, type CronofyClientOptions, type CronofyLogEntry } from '../../src/cronofy/index.js';

export const CLIENT_ID = 'test_client_id';
export const CLIENT_SECRET = 'CRN_test_secret_0123456789';
export const REDIRECT_URI = 'https://ats.example.test/cronofy/callback';
export const SIM_URL = 'http://sim.test';

/** Callbacks the simulator POSTed, captured by its injected `fetch`. */
export type Captured = { url: string; body: string; headers: Record<string, string> };

export function makeSim(options: Partial<CronofySimOptions> = {}): { sim: CronofySim; callbacks: Captured[] } {
  const callbacks: Captured[] = [];
  const sim = createCronofySim({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    fetch: async (input, init) => {
      const headers: Record<string, string> = {};
      new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
      callbacks.push({ url: String(input), body: String(init?.body ?? ''), headers });
      return new Response('ok');
    },
    ...options,
  });
  return { sim, callbacks };
}

export type FakeClock = { now(): number; sleep(ms: number, signal?: AbortSignal): Promise<void>; sleeps: number[]; advance(ms: number): void };

/** A clock whose sleeps return at once and advance time by the requested amount (recorded for assertions). */
export function fakeClock(start = Date.now()): FakeClock {
  let t = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    sleep: async (ms) => {
      sleeps.push(ms);
      t += ms;
    },
  };
}

export function makeClient(
  sim: CronofySim,
  options: Partial<CronofyClientOptions> = {},
): { client: CronofyClient; logs: CronofyLogEntry[] } {
  const logs: CronofyLogEntry[] = [];
  const client = createCronofyClient({
    apiUrl: SIM_URL,
    appUrl: `${SIM_URL}/app`,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    fetch: (input, init) => Promise.resolve(sim.app.request(input, init)),
    logger: (e) => logs.push(e),
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...options,
  });
  return { client, logs };
}

/** Creates a simulated account and connects it through the real code exchange. */
export async function connect(
  sim: CronofySim,
  client: CronofyClient,
  email: string,
  extra: { name?: string; zoneinfo?: string; scope?: string } = {},
) {
  const account = sim.control.createAccount({ email, name: extra.name ?? email.split('@')[0], zoneinfo: extra.zoneinfo ?? 'Europe/Berlin' });
  const { code } = sim.control.issueAuthorizationCode(account.sub, { redirect_uri: REDIRECT_URI, ...(extra.scope ? { scope: extra.scope } : {}) });
  const tokens = await client.exchangeCode({ code, redirect_uri: REDIRECT_URI });
  const calendarId = account.calendars[0]?.calendar_id ?? '';
  return { account, tokens, calendarId };
}

/** Serves `app` on an ephemeral port; `close()` resolves when the socket is closed. */
export async function listen(app: Hono): Promise<{ url: string; close(): Promise<void>; server: ServerType }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        server,
        close: () =>
          new Promise<void>((done) => {
            // Idle keep-alive sockets would otherwise hold close() open.
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}

/** A date `days` from now as YYYY-MM-DD (UTC). */
export function dayFromNow(days: number, now = Date.now()): string {
  return new Date(now + days * 86_400_000).toISOString().slice(0, 10);
}

/** A whole-second UTC time `hours` from now. */
export function hoursFromNow(hours: number, now = Date.now()): string {
  const ms = now + hours * 3_600_000;
  return new Date(ms - (ms % 1000)).toISOString().replace('.000Z', 'Z');
}
