/**
 * End-to-end harness: the real server (embedded PGlite in a fresh temporary folder, the Cronofy simulator
 * mounted at /sim, demo data seeded) on a free port, and Debian's Chromium driven by playwright-core.
 * Screenshots go to test-results/ for QA and the README.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { readConfig } from '../../src/server/config.js';
import { silentLogger } from '../../src/server/middleware/logging.js';
import { startServer, type RunningServer } from '../../src/server/runtime.js';

export const RESULTS_DIR = join(process.cwd(), 'test-results');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Harness {
  server: RunningServer;
  url: string;
  browser: Browser;
  newPage(options?: BrowserContextOptions): Promise<Page>;
  sim<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  api<T = unknown>(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>;
  screenshot(page: Page, name: string): Promise<void>;
  /** The server's (and simulator's) clock: real time plus an offset that `advance` moves forward. */
  clock: { now(): number; advance(ms: number): void };
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dv-e2e-'));
  const port = await freePort();
  const config = readConfig({ PORT: String(port), HOST: '127.0.0.1', DV_DATA_DIR: dataDir, LOG_LEVEL: 'silent' }, process.cwd());
  let offset = 0;
  const clock = {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
  };
  const server = await startServer(config, { logger: silentLogger, now: clock.now });
  const url = server.url;
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  mkdirSync(RESULTS_DIR, { recursive: true });
  const request = async <T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url + path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    server,
    url,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Berlin', ...options });
      const page = await context.newPage();
      page.on('pageerror', (error) => {
        throw error;
      });
      return page;
    },
    async sim<T>(method: string, path: string, body?: unknown) {
      const result = await request<T>(method, `/sim/control${path}`, body);
      if (result.status >= 400) throw new Error(`simulator ${method} ${path}: ${result.status} ${JSON.stringify(result.body)}`);
      return result.body;
    },
    api: request,
    clock,
    async screenshot(page, name) {
      await page.screenshot({ path: join(RESULTS_DIR, `${name}.png`), fullPage: true });
    },
    async close() {
      await browser.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
