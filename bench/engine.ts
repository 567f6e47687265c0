/**
 * Slot-engine benchmarks (issue 3, "Speed"): the standard scenario, the large one, and a growth series showing cost
 * per busy interval. `runEngineBenchmarks()` returns one record per scenario for bench/run.ts; run directly
 * (`node --import tsx bench/engine.ts`) it prints one JSON line per scenario.
 *
 * Invariants: data is pseudo-random from a fixed seed, so every run measures the same queries. Timings cover
 * `computeSlots` on an already parsed query (what the server runs after validation); the `+validation` scenario
 * adds `SlotQuerySchema.parse` for comparison. Busy intervals are generated in random order (worst case for the
 * engine, whose sorted-input fast path then never applies); the `sorted` scenario shows the common case of calendar
 * APIs that return them sorted.
 */
import { pathToFileURL } from 'node:url';
import { computeSlots } from '../src/engine/index.js';
import { mulberry32 } from '../src/shared/prng.js';
import { SlotQuerySchema, type SlotQuery, type SlotQueryInput } from '../src/shared/slot-query.js';

export interface EngineBenchmark {
  scenario: string;
  medianMs: number;
  p95Ms: number;
  slots: number;
  [k: string]: unknown;
}

const rng = mulberry32;

const MIN = 60_000;
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri'] as const;

interface Spec {
  participants: number;
  /** Zone of each participant, cycled. */
  zones: readonly string[];
  busyPerParticipant: number;
  rooms: number;
  busyPerRoom: number;
  windowStart: string;
  days: number;
  sorted: boolean;
  seed: number;
}

/** Busy intervals of 15–90 minutes on a 15-minute grid, anywhere in the window. */
function busyList(random: () => number, count: number, start: number, days: number, sorted: boolean) {
  const slotsInWindow = (days * 1440) / 15;
  const list = Array.from({ length: count }, () => {
    const s = start + Math.floor(random() * slotsInWindow) * 15 * MIN;
    const len = (1 + Math.floor(random() * 6)) * 15 * MIN;
    return { s, e: s + len };
  });
  if (sorted) list.sort((a, b) => a.s - b.s);
  return list.map(({ s, e }) => ({ start: new Date(s).toISOString().replace('.000Z', 'Z'), end: new Date(e).toISOString().replace('.000Z', 'Z') }));
}

function buildQuery(spec: Spec): SlotQueryInput {
  const random = rng(spec.seed);
  const start = Date.parse(spec.windowStart);
  const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
  return {
    now: iso(start - 86_400_000),
    window: { start: iso(start), end: iso(start + spec.days * 86_400_000) },
    timeZone: 'Europe/Berlin',
    durationMinutes: 60,
    intervalMinutes: 15,
    required: 'all',
    participants: Array.from({ length: spec.participants }, (_, i) => ({
      id: `p${i}`,
      timeZone: spec.zones[i % spec.zones.length]!,
      weeklyHours: WEEKDAYS.map((day) => ({ day, start: '09:00', end: '17:00' })),
      busy: busyList(random, spec.busyPerParticipant, start, spec.days, spec.sorted),
    })),
    rooms: Array.from({ length: spec.rooms }, (_, i) => ({
      id: `r${i}`,
      busy: busyList(random, spec.busyPerRoom, start, spec.days, spec.sorted),
    })),
    roomRequired: true,
    maxResults: 512,
  };
}

function measure(run: () => number, iterations: number, warmup: number): { medianMs: number; p95Ms: number; slots: number } {
  let slots = 0;
  for (let i = 0; i < warmup; i++) slots = run();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    slots = run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), slots };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

function summary(q: SlotQuery): Record<string, unknown> {
  const r = computeSlots(q);
  const busy = q.participants.reduce((n, p) => n + p.busy.length, 0) + q.rooms.reduce((n, r) => n + r.busy.length, 0);
  return {
    busyIntervals: busy,
    candidateCount: r.diagnostics.candidateCount,
    freeCandidates: r.diagnostics.participants.map((p) => p.freeCandidateCount),
  };
}

const STANDARD: Spec = {
  participants: 5,
  zones: ['Europe/Berlin', 'Europe/Berlin', 'Europe/Berlin', 'Europe/Berlin', 'America/New_York'],
  busyPerParticipant: 300,
  rooms: 3,
  busyPerRoom: 200,
  windowStart: '2026-03-16T00:00:00Z', // 32 days across the 2026-03-29 switch (and New York's of 03-08 is near)
  days: 32,
  sorted: false,
  seed: 1,
};

const LARGE: Spec = {
  ...STANDARD,
  participants: 20,
  zones: ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'],
  busyPerParticipant: 2000,
  days: 90,
  seed: 2,
};

/** The standard or large benchmark query, unparsed (for profiling and for tests of the benchmark itself). */
export function engineBenchmarkQuery(name: 'standard' | 'large'): SlotQueryInput {
  return asReceived(buildQuery(name === 'standard' ? STANDARD : LARGE));
}

/** Round-trips through JSON so strings are laid out as they are when the server receives a request body. */
function asReceived(input: SlotQueryInput): SlotQueryInput {
  return JSON.parse(JSON.stringify(input)) as SlotQueryInput;
}

export async function runEngineBenchmarks(): Promise<EngineBenchmark[]> {
  const out: EngineBenchmark[] = [];
  const scenario = (name: string, spec: Spec, iterations: number, extra: Record<string, unknown> = {}) => {
    const q = SlotQuerySchema.parse(asReceived(buildQuery(spec)));
    const m = measure(() => computeSlots(q).slots.length, iterations, Math.max(10, iterations / 5));
    const record: EngineBenchmark = { scenario: name, ...m, ...summary(q), ...extra };
    out.push(record);
    return record;
  };

  scenario('standard', STANDARD, 400, { goalMedianMs: 1 });
  scenario('standard (busy sorted)', { ...STANDARD, sorted: true }, 400);
  {
    const input = asReceived(buildQuery(STANDARD));
    const m = measure(() => computeSlots(SlotQuerySchema.parse(input)).slots.length, 100, 20);
    out.push({ scenario: 'standard +validation', ...m, note: 'SlotQuerySchema.parse + computeSlots, as the server runs it' });
  }
  scenario('large', LARGE, 60, { goalMedianMs: 25 });
  scenario('large (busy sorted)', { ...LARGE, sorted: true }, 60);
  {
    const input = asReceived(buildQuery(LARGE));
    const m = measure(() => computeSlots(SlotQuerySchema.parse(input)).slots.length, 20, 5);
    out.push({ scenario: 'large +validation', ...m, note: 'SlotQuerySchema.parse + computeSlots, as the server runs it' });
  }

  // Growth: same large query with 500, 1000 and 2000 busy intervals per participant.
  let previous: { intervals: number; ms: number } | undefined;
  for (const perParticipant of [500, 1000, 2000]) {
    const spec: Spec = { ...LARGE, busyPerParticipant: perParticipant, busyPerRoom: 0, rooms: 1, seed: 3 };
    const intervals = perParticipant * spec.participants;
    const r = scenario(`growth ${intervals} busy`, spec, 60);
    const ns = (r.medianMs * 1e6) / intervals;
    r['nsPerInterval'] = Math.round(ns);
    if (previous !== undefined) {
      r['marginalNsPerInterval'] = Math.round(((r.medianMs - previous.ms) * 1e6) / (intervals - previous.intervals));
    }
    previous = { intervals, ms: r.medianMs };
  }
  return out;
}

// Run directly: one JSON line per scenario.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const record of await runEngineBenchmarks()) console.log(JSON.stringify(record));
}
