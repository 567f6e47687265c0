/**
 * Fault injection for the simulator's Cronofy API routes (never the control API or consent pages): added latency,
 * 5xx answers, 429 with an optional `Retry-After`, and timeouts (the request is held until the client aborts, or a
 * cap passes). A fault applies to the next `count` matching calls, or to every matching call until `until` (sim clock),
 * or both (whichever ends first), optionally filtered by method and a path fragment such as `/v1/free_busy`.
 * Invariant: latency faults stack with at most one terminal fault (5xx/429/timeout) per request, applied in the order
 * the faults were added; a fault whose budget is spent is removed.
 */
import type { MiddlewareHandler } from 'hono';
import { SimError } from './core.js';

export type SimFaultKind = 'latency' | 'error' | 'rate_limit' | 'timeout';

export type SimFaultInput = {
  kind: SimFaultKind;
  /** `error`: 500, 502, 503 or 504 (default 503). */
  status?: number;
  /** `rate_limit`: seconds to send in Retry-After (omitted → no header). */
  retry_after_seconds?: number;
  /** `latency`: milliseconds added before the answer. */
  latency_ms?: number;
  /** Apply to the next N matching calls. */
  count?: number;
  /** Apply for this many milliseconds from now (sim clock). */
  duration_ms?: number;
  /** Only calls whose path contains this (e.g. `/v1/free_busy`, `/oauth/token`). */
  path?: string;
  method?: string;
};

export type SimFault = SimFaultInput & { fault_id: string; remaining?: number; until?: number };

export type FaultRegistry = {
  add(input: SimFaultInput): SimFault;
  list(): SimFault[];
  clear(): void;
  middleware: MiddlewareHandler;
  /** Releases requests held by timeout faults (used by reset). */
  releaseHeld(): void;
};

export function validateFault(input: unknown): SimFaultInput {
  if (typeof input !== 'object' || input === null) throw new SimError(422, 'validation_failed', 'fault must be an object');
  const f = input as Record<string, unknown>;
  const kinds: SimFaultKind[] = ['latency', 'error', 'rate_limit', 'timeout'];
  if (!kinds.includes(f['kind'] as SimFaultKind)) throw new SimError(422, 'validation_failed', `kind must be one of ${kinds.join(', ')}`);
  const num = (k: string): number | undefined => {
    const v = f[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new SimError(422, 'validation_failed', `${k} must be a non-negative number`);
    return v;
  };
  const str = (k: string): string | undefined => {
    const v = f[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'string') throw new SimError(422, 'validation_failed', `${k} must be a string`);
    return v;
  };
  const out: SimFaultInput = { kind: f['kind'] as SimFaultKind };
  const status = num('status');
  if (status !== undefined) {
    if (![500, 502, 503, 504].includes(status)) throw new SimError(422, 'validation_failed', 'status must be 500, 502, 503 or 504');
    out.status = status;
  }
  const assign = <K extends keyof SimFaultInput>(k: K, v: SimFaultInput[K] | undefined): void => {
    if (v !== undefined) out[k] = v;
  };
  assign('retry_after_seconds', num('retry_after_seconds'));
  assign('latency_ms', num('latency_ms'));
  assign('count', num('count'));
  assign('duration_ms', num('duration_ms'));
  assign('path', str('path'));
  assign('method', str('method')?.toUpperCase());
  if (out.kind === 'latency' && out.latency_ms === undefined) throw new SimError(422, 'validation_failed', 'latency needs latency_ms');
  return out;
}

export function createFaultRegistry(now: () => number, timeoutCapMs: number): FaultRegistry {
  let faults: SimFault[] = [];
  let seq = 0;
  const held = new Set<() => void>();

  const live = (f: SimFault): boolean => (f.remaining === undefined || f.remaining > 0) && (f.until === undefined || now() < f.until);

  const wait = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        held.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      // Never keep a test process alive just because a held request is waiting for its cap.
      timer.unref?.();
      signal.addEventListener('abort', done, { once: true });
      held.add(done);
    });

  return {
    add(input) {
      const fault: SimFault = { ...input, fault_id: `flt_${(seq += 1)}` };
      if (input.count !== undefined) fault.remaining = input.count;
      if (input.duration_ms !== undefined) fault.until = now() + input.duration_ms;
      if (fault.remaining === undefined && fault.until === undefined) fault.remaining = 1;
      faults.push(fault);
      return fault;
    },
    list: () => faults.filter(live).map((f) => ({ ...f })),
    clear: () => {
      faults = [];
    },
    releaseHeld: () => {
      for (const release of [...held]) release();
    },
    middleware: async (c, next) => {
      faults = faults.filter(live);
      const path = c.req.path;
      let latency = 0;
      let terminal: SimFault | undefined;
      for (const f of faults) {
        if (f.method && f.method !== c.req.method) continue;
        if (f.path && !path.includes(f.path)) continue;
        if (f.kind !== 'latency' && terminal) continue;
        if (f.remaining !== undefined) f.remaining -= 1;
        if (f.kind === 'latency') latency += f.latency_ms ?? 0;
        else terminal = f;
      }
      faults = faults.filter(live);
      const signal = c.req.raw.signal;
      if (latency > 0) await wait(latency, signal);
      if (!terminal) return next();
      switch (terminal.kind) {
        case 'error':
          return c.text('Service Unavailable (simulated)', (terminal.status ?? 503) as 500 | 502 | 503 | 504);
        case 'rate_limit':
          if (terminal.retry_after_seconds !== undefined) c.header('Retry-After', String(terminal.retry_after_seconds));
          return c.text('Too Many Requests (simulated)', 429);
        case 'timeout':
          await wait(timeoutCapMs, signal);
          return c.text('Gateway Timeout (simulated)', 504);
        default:
          return next();
      }
    },
  };
}
