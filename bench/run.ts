/**
 * `npm run bench`: measures what the issues promise and writes BENCHMARKS.md (date, machine, Node version,
 * each figure next to its goal), printing one JSON line per measurement. Benchmarks, not tests: figures vary
 * with the shared machine, so nothing here fails a build; the table says which goals were met on this run.
 *
 * Sections: slot engine scenarios; gzip size of every built entry; server start-up to first healthy answer;
 * API throughput with autocannon against the built server (slots of a booking link, and bookings on distinct
 * slots).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bookablePeriod } from '../test/support/periods.js';
import { runEngineBenchmarks } from './engine.js';

interface Row {
  section: string;
  name: string;
  value: string;
  goal: string;
  met: boolean | null;
}
const rows: Row[] = [];
const startedAt = new Date().toISOString();
function record(section: string, name: string, value: string, goal: string, met: boolean | null, json: Record<string, unknown>) {
  rows.push({ section, name, value, goal, met });
  console.log(JSON.stringify({ section, name, ...json }));
}

async function engine() {
  const goals: Record<string, number> = { standard: 1, large: 25 };
  for (const result of await runEngineBenchmarks()) {
    const goal = goals[result.scenario];
    record('engine', result.scenario, `median ${result.medianMs.toFixed(3)} ms, p95 ${result.p95Ms.toFixed(3)} ms, ${result.slots} slots`, goal ? `median ≤ ${goal} ms` : '—', goal ? result.medianMs <= goal : null, { ...result });
  }
}

function bundles() {
  const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;
  const goals: Record<string, number> = { 'dist/cdn/dv-calendar.js': 35 * 1024, 'dist/cdn/dv-slot-picker.js': 20 * 1024 };
  const files = [
    ...readdirSync('dist/cdn').filter((f) => f.endsWith('.js')).map((f) => `dist/cdn/${f}`),
    ...readdirSync('dist/lib').filter((f) => f.endsWith('.js')).map((f) => `dist/lib/${f}`),
    ...readdirSync('dist/lib/elements').filter((f) => f.endsWith('.js')).map((f) => `dist/lib/elements/${f}`),
  ];
  for (const file of files) {
    const bytes = gz(file);
    const goal = goals[file];
    record('bundle', file, `${(bytes / 1024).toFixed(1)} KB gzip (${(statSync(file).size / 1024).toFixed(1)} KB raw)`, goal ? `≤ ${goal / 1024} KB gzip` : file.startsWith('dist/lib') ? 'lit external' : '—', goal ? bytes <= goal : null, { gzipBytes: bytes, rawBytes: statSync(file).size });
  }
}

async function startBuiltServer(port: number, dataDir: string, databaseUrl?: string): Promise<{ child: ChildProcess; startupMs: number; url: string }> {
  const started = performance.now();
  // BENCH_SERVER_NODE_ARGS passes flags to the server's node, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile it.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, 'dist/server.js'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DV_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error('server exited during start-up');
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  return { child, startupMs: performance.now() - started, url };
}

/**
 * BENCH_STORE=postgres runs the API section against a fresh database on the PostgreSQL server named by
 * TEST_DATABASE_URL (`bash scripts/with-postgres.sh env BENCH_STORE=postgres BENCH_ONLY=api npm run bench`): the
 * production store instead of the embedded one. Its rows are labelled, and kept beside the embedded-store rows.
 */
async function benchDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  if (process.env.BENCH_STORE !== 'postgres') return null;
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('BENCH_STORE=postgres needs TEST_DATABASE_URL (run under scripts/with-postgres.sh)');
  const { default: pg } = await import('pg');
  const name = `dv_bench_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: base });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

async function api() {
  const { default: autocannon } = await import('autocannon');
  const dataDir = mkdtempSync(join(tmpdir(), 'dv-bench-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  const database = await benchDatabase();
  const store = database ? ' [PostgreSQL]' : '';
  const { child, startupMs, url } = await startBuiltServer(port, dataDir, database?.url);
  try {
    record('server', `start-up to first healthy /api/health${store}`, `${startupMs.toFixed(0)} ms`, '—', null, { startupMs });
    const info = (await (await fetch(`${url}/api/demo`)).json()) as { bookingToken: string };
    const slotsUrl = `${url}/api/public/bookings/${info.bookingToken}/slots`;
    await fetch(slotsUrl); // warm the free/busy cache
    const result = await autocannon({ url: slotsUrl, connections: 50, duration: 10 });
    const rps = result.requests.total / result.duration;
    if (result.non2xx > 0) {
      const probe = await fetch(slotsUrl);
      console.error(`slots answered non-2xx; a probe now answers ${probe.status}: ${(await probe.text()).slice(0, 200)}`);
    }
    record('api', `GET slots of a booking link (50 connections, 10 s)${store}`, `${rps.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`, '≥ 1 500 req/s, p99 ≤ 50 ms', rps >= 1500 && result.latency.p99 <= 50, { rps, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx });
    await bookings(url, autocannon, store);
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
    await database?.drop();
  }
}

/**
 * Bookings per second on distinct slots: interviewers with empty calendars are provisioned and connected through
 * the real OAuth round trip against the embedded simulator, each gets booking links (15-minute slots), and every
 * request books a different (link, slot) pair, so each one is a real success, not a 409.
 */
async function bookings(url: string, autocannon: typeof import('autocannon').default, store: string) {
  const INTERVIEWERS = 20;
  const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1500);
  const call = async <T>(method: string, path: string, body?: unknown, token?: string): Promise<T> => {
    const response = await fetch(url + path, {
      method,
      redirect: 'manual',
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    const text = await response.text();
    return (text ? JSON.parse(text) : null) as T;
  };
  const { token: admin } = await call<{ token: string }>('POST', '/api/demo/token', { userId: 'anna' });
  const period = bookablePeriod(Date.now(), 21);
  const pairs: Array<{ token: string; start: string }> = [];
  const accounts: string[] = [];
  const perInterviewer = Math.ceil(BOOKINGS / INTERVIEWERS);
  for (let i = 0; i < INTERVIEWERS; i++) {
    const id = `bench-${i}`;
    const email = `bench-${i}@bench.example`;
    await call('PUT', `/api/users/${id}`, { name: `Bench ${i}`, email, timeZone: 'Europe/Berlin', roles: ['recruiter'] }, admin);
    const account = await call<{ sub: string }>('POST', '/sim/control/accounts', { email, name: `Bench ${i}`, zoneinfo: 'Europe/Berlin', provider: 'google' });
    accounts.push(account.sub);
    const { url: consent } = await call<{ url: string }>('POST', `/api/users/${id}/connection/authorize`, {}, admin);
    const params = new URL(consent).searchParams;
    const { code } = await call<{ code: string }>('POST', `/sim/control/accounts/${account.sub}/authorization-code`, {
      redirect_uri: params.get('redirect_uri'),
      state: params.get('state'),
    });
    await call('GET', `/api/cronofy/callback?code=${encodeURIComponent(code)}&state=${encodeURIComponent(params.get('state')!)}`);
    let slots: Array<{ start: string }> = [];
    for (let k = 0; k < perInterviewer; k++) {
      const created = await call<{ link: string }>('POST', '/api/booking-requests', {
        title: 'Benchmark interview',
        applicant: { name: `Applicant ${i}-${k}`, email: `a-${i}-${k}@applicant.example` },
        participantIds: [id],
        organizerId: id,
        durationMinutes: 15,
        intervalMinutes: 15,
        timeZone: 'Europe/Berlin',
        online: true,
        period,
      }, admin);
      const token = new URL(created.link).searchParams.get('booking')!;
      if (k === 0) slots = (await call<{ slots: Array<{ start: string }> }>('GET', `/api/public/bookings/${token}/slots`)).slots;
      if (slots[k]) pairs.push({ token, start: slots[k]!.start });
    }
  }
  let next = 0;
  let lastAnswerAt = 0;
  const started = performance.now();
  const result = await autocannon({
    url,
    connections: 50,
    amount: pairs.length,
    requests: [
      {
        method: 'POST',
        setupRequest: (req: Record<string, unknown>) => {
          const pair = pairs[next++ % pairs.length]!;
          return { ...req, path: `/api/public/bookings/${pair.token}/appointment`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ start: pair.start }) };
        },
        onResponse: () => {
          lastAnswerAt = performance.now();
        },
      },
    ],
  });
  // Throughput from the first request to the last answer, by the wall clock. Not autocannon's own end: it notices
  // that a run bound by `amount` is over only at its next one-second sample, which rounded this figure down to
  // 1 500 bookings per whole number of seconds (299/s for a run whose last answer came after 4.5 s).
  const answeredMs = lastAnswerAt - started;
  const rps = pairs.length / (answeredMs / 1000);
  record('api', `POST book, ${pairs.length} bookings on distinct slots (50 connections)${store}`, `${rps.toFixed(0)} bookings/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`, '≥ 300 bookings/s', rps >= 300 && result.non2xx === 0, { rps, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, bookings: pairs.length });
  // Calendar events are written after the answer: the honest figure includes the time until every one is in the
  // (simulated) organizer's calendar.
  const written = async () => {
    let count = 0;
    for (const sub of accounts) count += (await call<{ events: unknown[] }>('GET', `/sim/control/accounts/${sub}/events`)).events.length;
    return count;
  };
  let events = await written();
  while (events < pairs.length && performance.now() - started < answeredMs + 240_000) {
    await new Promise((r) => setTimeout(r, 100));
    events = await written();
  }
  const allWrittenMs = performance.now() - started;
  // Every write is a Cronofy request, and the client keeps to Cronofy's default limit of 50 requests a second and
  // 500 a minute per application (simulator or not): past the first 500, events follow at about 8 a second.
  record('api', `… and every booking's event in its organizer's calendar${store}`, `${events}/${pairs.length} events written ${(allWrittenMs / 1000).toFixed(1)} s after the first request (Cronofy's default 500 requests/minute per application paces the writes)`, '—', null, { events, allWrittenMs, endToEndRps: events / (allWrittenMs / 1000) });
}

/** Rows of the current BENCHMARKS.md this run did not measure again (a partial run keeps the others). */
function keptRows(): Row[] {
  if (!existsSync('BENCHMARKS.md')) return [];
  const measured = new Set(rows.map((r) => `${r.section}|${r.name}`));
  const kept: Row[] = [];
  const text = readFileSync('BENCHMARKS.md', 'utf8');
  const date = /^- Date: (\S+)/m.exec(text)?.[1] ?? 'an earlier run';
  for (const line of text.split('\n')) {
    const cells = /^\| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \| ([^|]+) \|$/.exec(line);
    if (!cells || cells[1] === 'Section' || cells[1]!.startsWith('---')) continue;
    const [section, name, value, goal, met] = cells.slice(1).map((c) => c!.trim()) as [string, string, string, string, string];
    if (measured.has(`${section}|${name}`)) continue;
    // Rows kept from an earlier run say when they were measured.
    const dated = /\(measured [^)]*\)$/.test(value) ? value : `${value} (measured ${date.slice(0, 10)})`;
    kept.push({ section, name, value: dated, goal, met: met === '—' ? null : met === 'yes' });
  }
  return kept;
}

const SECTIONS = ['engine', 'bundle', 'server', 'api'];

function writeMarkdown() {
  const cpu = cpus();
  const machine = `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${osType()} ${release()}`;
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); regenerate after changes that may move a figure. Figures come from one',
    'run on a shared machine, so expect some noise; the goals come from the issues.',
    '',
    `- Date: ${startedAt}`,
    `- Machine: ${machine}`,
    `- Node: ${process.version}`,
    '',
    '| Section | Measurement | Result | Goal | Met |',
    '|---|---|---|---|---|',
    ...[...keptRows(), ...rows].sort((a, b) => SECTIONS.indexOf(a.section) - SECTIONS.indexOf(b.section)).map((r) => `| ${r.section} | ${r.name} | ${r.value} | ${r.goal} | ${r.met === null ? '—' : r.met ? 'yes' : '**no**'} |`),
    '',
  ];
  writeFileSync('BENCHMARKS.md', lines.join('\n'));
}

if (!existsSync('dist/server.js') || !existsSync('dist/cdn/dv-calendar.js')) {
  console.error('Run `npm run build` first: the benchmarks measure the built bundles and server.');
  process.exit(1);
}
const only = process.env.BENCH_ONLY;
if (!only || only === 'engine') await engine();
if (!only || only === 'bundle') bundles();
if (!only || only === 'api') await api();
writeMarkdown();
console.error('BENCHMARKS.md written');
