/**
 * Runtime configuration, read from the environment in one place (`readConfig`, called only by main.ts) and
 * documented in the README's configuration table. Defaults run the whole product on one machine with no
 * credentials: embedded PGlite in ./.data, the Cronofy simulator mounted at /sim, demo data seeded.
 */
import { isCronofyDataCenter, cronofyUrls } from '../cronofy/index.js';

export interface Config {
  port: number;
  host: string;
  publicUrl: string;
  dataDir: string;
  databaseUrl: string | null;
  encryptionKey: string | null;
  /** True when no Cronofy URL is configured: the simulator runs inside this process. */
  embeddedSimulator: boolean;
  /**
   * True when the product talks to Cronofy's own hosts: each organization is then served by its data centre
   * (settings.dataCenter); with the simulator or an explicit CRONOFY_API_URL every organization uses that one URL.
   */
  cronofyPerDataCenter: boolean;
  cronofyApiUrl: string;
  cronofyAppUrl: string;
  cronofyClientId: string;
  cronofyClientSecrets: string[];
  corsOrigins: string[];
  bookingLinkBase: string;
  seedDemo: boolean;
  staticRoot: string;
  logLevel: 'info' | 'warn' | 'silent';
  /** How old a pending calendar write must be before the reconciler takes it over from the process writing it. */
  reconcileGraceSeconds: number;
  /** How many calendar writes that follow bookings run at once per process. */
  backgroundConcurrency: number;
  /** The Cronofy application's rate limits (Cronofy raises them on request); the server processes share them. */
  cronofyRateLimit: { perSecond: number; perMinute: number };
}

export const SIM_CLIENT_ID = 'dv-calendar-sim-client';
export const SIM_CLIENT_SECRET = 'CRN_sim_secret_for_local_use_only';

export function readConfig(env: Record<string, string | undefined>, cwd: string): Config {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const host = env.HOST ?? '0.0.0.0';
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const dataCenter = env.CRONOFY_DATA_CENTER ?? 'de';
  if (!isCronofyDataCenter(dataCenter)) throw new Error(`CRONOFY_DATA_CENTER must be one of de, uk, us, au, ca, sg; got ${dataCenter}`);
  const explicitApi = env.CRONOFY_API_URL ?? null;
  const real = env.CRONOFY_CLIENT_ID !== undefined && explicitApi === null;
  const embeddedSimulator = explicitApi === null && !real;
  const urls = real ? cronofyUrls(dataCenter) : null;
  const secrets = (env.CRONOFY_CLIENT_SECRET ?? (embeddedSimulator ? SIM_CLIENT_SECRET : ''))
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!embeddedSimulator && secrets.length === 0) throw new Error('CRONOFY_CLIENT_SECRET is required when talking to Cronofy.');
  return {
    port,
    host,
    publicUrl,
    dataDir: env.DV_DATA_DIR ?? `${cwd}/.data`,
    databaseUrl: env.DATABASE_URL ?? null,
    encryptionKey: env.DV_ENCRYPTION_KEY ?? null,
    embeddedSimulator,
    cronofyPerDataCenter: real,
    cronofyApiUrl: explicitApi ?? urls?.apiUrl ?? `${publicUrl}/sim`,
    cronofyAppUrl: env.CRONOFY_APP_URL ?? urls?.appUrl ?? `${publicUrl}/sim/app`,
    cronofyClientId: env.CRONOFY_CLIENT_ID ?? SIM_CLIENT_ID,
    cronofyClientSecrets: secrets,
    corsOrigins: (env.DV_CORS_ORIGINS ?? publicUrl).split(',').map((s) => s.trim()).filter(Boolean),
    bookingLinkBase: env.DV_BOOKING_LINK_BASE ?? `${publicUrl}/career.html`,
    seedDemo: (env.DV_SEED ?? (embeddedSimulator ? 'true' : 'false')) === 'true',
    staticRoot: env.DV_STATIC_ROOT ?? cwd,
    logLevel: (['info', 'warn', 'silent'] as const).find((l) => l === env.LOG_LEVEL) ?? 'info',
    reconcileGraceSeconds: nonNegative(env.DV_RECONCILE_GRACE_SECONDS, 30, 'DV_RECONCILE_GRACE_SECONDS'),
    backgroundConcurrency: Math.max(1, Math.floor(nonNegative(env.DV_CALENDAR_WRITE_CONCURRENCY, 8, 'DV_CALENDAR_WRITE_CONCURRENCY'))),
    cronofyRateLimit: {
      perSecond: positive(env.CRONOFY_RATE_LIMIT_PER_SECOND, 50, 'CRONOFY_RATE_LIMIT_PER_SECOND'),
      perMinute: positive(env.CRONOFY_RATE_LIMIT_PER_MINUTE, 500, 'CRONOFY_RATE_LIMIT_PER_MINUTE'),
    },
  };
}

function positive(value: string | undefined, fallback: number, name: string): number {
  const n = nonNegative(value, fallback, name);
  if (n === 0) throw new Error(`${name} must be a number > 0, got ${value}`);
  return n;
}

function nonNegative(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a number ≥ 0, got ${value}`);
  return n;
}
