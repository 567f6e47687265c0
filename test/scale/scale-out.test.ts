/**
 * Scale-out proof: three server processes on one PostgreSQL, one Cronofy simulator, many concurrent booking
 * attempts at a handful of slots spread across the processes. Exactly one booking per slot wins, no person or
 * room is ever claimed twice at overlapping times, and no attempt gets a 5xx.
 *
 * Runs in `npm test` (the fast version: SCALE_ATTEMPTS=200 at SCALE_SLOTS=10) whenever TEST_DATABASE_URL names a
 * PostgreSQL server; `bash scripts/scale-out.sh` runs the full 500 attempts at 20 slots.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createCronofyClient } from '../../src/cronofy/index.js';
import { serveCronofySim, type ServedCronofySim } from '../../src/cronofy-sim/serve.js';
import { mintToken } from '../../src/server/auth.js';
import { silentLogger } from '../../src/server/middleware/logging.js';
import { storeConnection } from '../../src/server/services/connections.js';
import { OrgSettingsSchema } from '../../src/shared/api/settings.js';
import { createSecretBox, generateKey, parseKey } from '../../src/store/crypto.js';
import { migrate } from '../../src/store/migrations.js';
import { openPostgres } from '../../src/store/postgres.js';
import { upsertOrganization } from '../../src/store/repos/organizations.js';
import { upsertUser } from '../../src/store/repos/users.js';
import type { Db } from '../../src/store/db.js';

const ATTEMPTS = Number(process.env.SCALE_ATTEMPTS ?? 200);
const SLOTS = Number(process.env.SCALE_SLOTS ?? 10);
const PROCESSES = 3;
const CLIENT_ID = 'scale-client';
const CLIENT_SECRET = 'CRN_scale_secret';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('scale-out: several server processes on one PostgreSQL', { skip: !process.env.TEST_DATABASE_URL && 'needs TEST_DATABASE_URL (npm test starts a cluster)' }, () => {
  let databaseUrl: string;
  let dbName: string;
  let db: Db;
  let sim: ServedCronofySim;
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  const key = generateKey();
  const jwtSecret = randomBytes(24).toString('base64url');
  const orgId = 'scale-org';

  before(async () => {
    dbName = `dv_scale_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dbName}`);
    await admin.end();
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = `/${dbName}`;
    databaseUrl = url.toString();
    db = await openPostgres(databaseUrl);
    await migrate(db);

    sim = await serveCronofySim({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    const box = createSecretBox(parseKey(key));
    const cronofy = createCronofyClient({ apiUrl: sim.url, appUrl: `${sim.url}/app`, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    await upsertOrganization(db, { id: orgId, name: 'Scale GmbH', tier: 'plus', integrationEnabled: true, settings: OrgSettingsSchema.parse({}), jwtSecretEnc: box.seal(jwtSecret) });
    // Two interviewers with empty calendars, so the test controls exactly which slots exist.
    for (const id of ['iris', 'jon']) {
      const email = `${id}@scale.example`;
      await upsertUser(db, { orgId, id, name: id, email, timeZone: 'Europe/Berlin', roles: ['recruiter'] });
      const account = sim.sim.control.createAccount({ email, name: id, zoneinfo: 'Europe/Berlin', provider: 'google' });
      const { code } = sim.sim.control.issueAuthorizationCode(account.sub, { redirect_uri: 'http://localhost/cb' });
      const tokens = await cronofy.exchangeCode({ code, redirect_uri: 'http://localhost/cb' });
      await storeConnection({ db, cronofy, box, logger: silentLogger, now: Date.now, publicUrl: 'http://127.0.0.1:1' }, orgId, id, tokens, 'connected_individual');
    }

    for (let i = 0; i < PROCESSES; i++) {
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
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      children.push(child);
      urls.push(`http://127.0.0.1:${port}`);
    }
    for (const url of urls) {
      for (let i = 0; ; i++) {
        try {
          if ((await fetch(`${url}/api/health`)).ok) break;
        } catch {
          // not up yet
        }
        if (i > 300) throw new Error(`${url} did not start`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });

  after(async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    await sim?.close();
    await db?.close();
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  });

  test(`${ATTEMPTS} concurrent attempts at ${SLOTS} slots across ${PROCESSES} processes: exactly ${SLOTS} bookings`, async () => {
    const jwt = await mintToken(jwtSecret, { sub: 'iris', org: orgId, roles: ['recruiter'] });
    const tomorrow = new Date(Date.now() + 86_400_000);
    const start = new Date(Date.UTC(tomorrow.getUTCFullYear(), tomorrow.getUTCMonth(), tomorrow.getUTCDate())).toISOString();
    const end = new Date(Date.parse(start) + 14 * 86_400_000).toISOString();
    // One booking link per attempt, all with the same two interviewers (created across the processes too).
    const tokens: string[] = [];
    for (let i = 0; i < ATTEMPTS; i++) {
      const res = await fetch(`${urls[i % PROCESSES]}/api/booking-requests`, {
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
      assert.equal(res.status, 201, await res.clone().text());
      tokens.push(new URL(((await res.json()) as { link: string }).link).searchParams.get('booking')!);
    }
    const offered = ((await (await fetch(`${urls[0]}/api/public/bookings/${tokens[0]}/slots`)).json()) as { slots: Array<{ start: string }> }).slots;
    assert.ok(offered.length >= SLOTS, `need ${SLOTS} slots, got ${offered.length}`);
    const targets = offered.slice(0, SLOTS).map((s) => s.start);

    const results = await Promise.all(
      tokens.map((token, i) =>
        fetch(`${urls[i % PROCESSES]}/api/public/bookings/${token}/appointment`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ start: targets[i % SLOTS] }),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { start?: string; error?: { code: string } } })),
      ),
    );
    const byStatus = new Map<number, number>();
    for (const r of results) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + 1);
    assert.deepEqual([...byStatus.keys()].filter((s) => s >= 500), [], `no 5xx: ${JSON.stringify([...byStatus])}`);
    assert.equal(byStatus.get(201), SLOTS, `exactly one booking per slot: ${JSON.stringify([...byStatus])}`);
    assert.equal(byStatus.get(409), ATTEMPTS - SLOTS);
    assert.deepEqual([...new Set(results.filter((r) => r.status === 201).map((r) => r.body.start))].sort(), [...targets].sort());

    const overlaps = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM busy_claims a JOIN busy_claims b
         ON a.org_id = b.org_id AND a.resource_kind = b.resource_kind AND a.resource_id = b.resource_id
        AND a.ctid < b.ctid AND a.during && b.during
       WHERE a.org_id = $1`,
      [orgId],
    );
    assert.equal(overlaps[0]!.n, 0);
    const appointments = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM appointments WHERE org_id = $1 AND status = 'confirmed'`, [orgId]);
    assert.equal(appointments[0]!.n, SLOTS);
  });
});
