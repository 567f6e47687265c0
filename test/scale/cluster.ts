/**
 * Support for the multi-process tests: a fresh database on the PostgreSQL server named by TEST_DATABASE_URL, a
 * standalone Cronofy simulator, an organization with two connected interviewers, and real server processes
 * (`node --import tsx src/server/main.ts`) pointed at both — started, health-checked, stopped or SIGKILLed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import pg from 'pg';
import { createCronofyClient } from '../../src/cronofy/index.js';
import { serveCronofySim, type ServedCronofySim } from '../../src/cronofy-sim/serve.js';
import { mintToken } from '../../src/server/auth.js';
import { silentLogger } from '../../src/server/middleware/logging.js';
import { storeConnection } from '../../src/server/services/connections.js';
import { OrgSettingsSchema } from '../../src/shared/api/settings.js';
import { createSecretBox, generateKey, parseKey } from '../../src/store/crypto.js';
import type { Db } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrations.js';
import { openPostgres } from '../../src/store/postgres.js';
import { bookablePeriod } from '../support/periods.js';
import { upsertOrganization } from '../../src/store/repos/organizations.js';
import { upsertUser } from '../../src/store/repos/users.js';

export const ORG_ID = 'scale-org';
const CLIENT_ID = 'scale-client';
const CLIENT_SECRET = 'CRN_scale_secret';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  db: Db;
  sim: ServedCronofySim;
  databaseUrl: string;
  recruiterToken(): Promise<string>;
  startServer(extraEnv?: Record<string, string>): Promise<ServerProcess>;
  close(): Promise<void>;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export async function createCluster(options: { webhookUrl?: string; webhookSecret?: string } = {}): Promise<Cluster> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set');
  const dbName = `dv_scale_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const db = await openPostgres(databaseUrl);
  await migrate(db);

  const sim = await serveCronofySim({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  const key = generateKey();
  const box = createSecretBox(parseKey(key));
  const jwtSecret = randomBytes(24).toString('base64url');
  const cronofy = createCronofyClient({ apiUrl: sim.url, appUrl: `${sim.url}/app`, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
  await upsertOrganization(db, {
    id: ORG_ID,
    name: 'Scale GmbH',
    tier: 'plus',
    integrationEnabled: true,
    settings: OrgSettingsSchema.parse({}),
    jwtSecretEnc: box.seal(jwtSecret),
    ...(options.webhookUrl && options.webhookSecret ? { webhookUrl: options.webhookUrl, webhookSecretEnc: box.seal(options.webhookSecret) } : {}),
  });
  // Two interviewers with empty calendars, so the tests control exactly which slots exist.
  for (const id of ['iris', 'jon']) {
    const email = `${id}@scale.example`;
    await upsertUser(db, { orgId: ORG_ID, id, name: id, email, timeZone: 'Europe/Berlin', roles: ['recruiter'] });
    const account = sim.sim.control.createAccount({ email, name: id, zoneinfo: 'Europe/Berlin', provider: 'google' });
    const { code } = sim.sim.control.issueAuthorizationCode(account.sub, { redirect_uri: 'http://localhost/cb' });
    const tokens = await cronofy.exchangeCode({ code, redirect_uri: 'http://localhost/cb' });
    await storeConnection({ db, cronofy, box, logger: silentLogger, now: Date.now, publicUrl: 'http://127.0.0.1:1' }, ORG_ID, id, tokens, 'connected_individual');
  }

  const processes = new Set<ServerProcess>();
  return {
    db,
    sim,
    databaseUrl,
    recruiterToken: () => mintToken(jwtSecret, { sub: 'iris', org: ORG_ID, roles: ['recruiter'] }),
    async startServer(extraEnv = {}) {
      const port = await freePort();
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: databaseUrl,
          DV_ENCRYPTION_KEY: key,
          CRONOFY_API_URL: sim.url,
          CRONOFY_APP_URL: `${sim.url}/app`,
          CRONOFY_CLIENT_ID: CLIENT_ID,
          CRONOFY_CLIENT_SECRET: CLIENT_SECRET,
          DV_SEED: 'false',
          LOG_LEVEL: 'silent',
          ...extraEnv,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const url = `http://127.0.0.1:${port}`;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const server: ServerProcess = {
        url,
        child,
        async stop() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          await exited;
          processes.delete(server);
        },
        async kill() {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
          processes.delete(server);
        },
      };
      processes.add(server);
      for (let i = 0; ; i++) {
        if (child.exitCode !== null) throw new Error(`server on ${url} exited during start-up`);
        try {
          if ((await fetch(`${url}/api/health`)).ok) break;
        } catch {
          // not listening yet
        }
        if (i > 300) throw new Error(`${url} did not start`);
        await new Promise((r) => setTimeout(r, 100));
      }
      return server;
    },
    async close() {
      await Promise.all([...processes].map((p) => p.stop()));
      await sim.close();
      await db.close();
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

export interface Link {
  /** The booking request's id, as live updates and the recruiter's API name it. */
  id: string;
  /** The applicant's token from the link (`…?booking=<token>`). */
  token: string;
}

/** Creates `count` booking links for the two interviewers (60 minutes, hourly starts, 14 days from the day after tomorrow). */
export async function createLinks(cluster: Cluster, servers: readonly ServerProcess[], count: number): Promise<Link[]> {
  const jwt = await cluster.recruiterToken();
  const { start, end } = bookablePeriod(Date.now(), 14);
  const links: Link[] = [];
  for (let i = 0; i < count; i++) {
    const res = await fetch(`${servers[i % servers.length]!.url}/api/booking-requests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
      body: JSON.stringify({
        title: 'Scale interview',
        applicant: { name: `Applicant ${i}`, email: `a${i}@applicant.example` },
        participantIds: ['iris', 'jon'],
        durationMinutes: 60,
        intervalMinutes: 60,
        timeZone: 'Europe/Berlin',
        online: true,
        period: { start, end },
      }),
    });
    if (res.status !== 201) throw new Error(`creating a link answered ${res.status}: ${await res.text()}`);
    const created = (await res.json()) as { id: string; link: string };
    links.push({ id: created.id, token: new URL(created.link).searchParams.get('booking')! });
  }
  return links;
}
