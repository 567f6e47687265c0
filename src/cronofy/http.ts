/**
 * The one place the Cronofy client touches the network. Each attempt: take a rate-limiter token, send with a
 * per-attempt timeout (the fetch *and* the body read are raced against an AbortSignal, so even a `fetch` that ignores
 * its signal cannot hang the caller), log method/path/status/duration, then map the outcome:
 * - 2xx → parse with the caller's zod schema (empty bodies are fine for 202s);
 * - 429 → wait `Retry-After` (or jittered back-off when absent) a bounded number of times, then {@link CronofyRateLimitError};
 *   every call may retry a 429 because Cronofy did not process the request;
 * - 5xx / timeout / network error → jittered exponential back-off a bounded number of times, but only for calls marked
 *   idempotent (the code exchange is not: a retry could burn a code Cronofy already accepted), then
 *   {@link CronofyUnavailableError};
 * - other 4xx → the typed error for the status, with the parsed 422 `errors` or OAuth `error` body.
 * Invariants: the bearer token, client secret and request bodies are never logged or put into error messages; the logged
 * path never contains a query string.
 */
import type { z } from 'zod';
import {
  CronofyAuthError,
  CronofyError,
  CronofyLockedError,
  CronofyRateLimitError,
  CronofyUnavailableError,
  type CronofyErrorCode,
} from './errors.js';
import { createRateLimiter, realClock, type Clock, type RateLimiter, type RateLimitOptions, type RequestPriority } from './rate-limiter.js';
import { OAuthErrorBodySchema, ValidationErrorBodySchema } from './schemas.js';

export type CronofyLogEntry = {
  method: string;
  /** URL path only — never the query string. */
  path: string;
  /** HTTP status, or undefined when no response arrived (see `failure`). */
  status: number | undefined;
  durationMs: number;
  attempt: number;
  failure?: 'timeout' | 'network';
};
export type CronofyLogger = (entry: CronofyLogEntry) => void;

export type RetryOptions = {
  /** Extra attempts after a 5xx/timeout/network failure of an idempotent call. Default 2 (3 attempts in all). */
  maxRetries?: number;
  /** First back-off delay; doubles per retry, with jitter. Default 250 ms. */
  baseDelayMs?: number;
  /** Cap of a single back-off delay. Default 4000 ms. */
  maxDelayMs?: number;
  /** Extra attempts after a 429. Default 3. */
  maxRateLimitRetries?: number;
  /** Longest Retry-After we wait for; a longer one fails at once with CronofyRateLimitError. Default 30 000 ms. */
  maxRetryAfterMs?: number;
};

export type TransportOptions = {
  fetch?: typeof fetch;
  timeoutMs?: number;
  retry?: RetryOptions;
  /** The limits to keep, or a limiter shared with other clients of the same Cronofy application. */
  rateLimit?: RateLimitOptions | RateLimiter | false;
  /** The priority of the request being made now (the server tells background work apart); default interactive. */
  priority?: () => RequestPriority;
  logger?: CronofyLogger;
  clock?: Clock;
  random?: () => number;
};

export type QueryValue = string | number | boolean | string[] | undefined;

export type RequestSpec = {
  method: 'GET' | 'POST' | 'DELETE';
  /** Absolute URL (without query). */
  url: string;
  bearer?: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** `idempotent` calls are retried on 5xx/timeouts/network errors; `once` calls only on 429. */
  retry: 'idempotent' | 'once';
};

export type Transport = {
  send<T>(spec: RequestSpec, schema: z.ZodType<T>): Promise<T>;
  sendNoContent(spec: RequestSpec): Promise<void>;
};

/** `calendar_ids[]=a&calendar_ids[]=b`: Cronofy's bracket encoding for arrays. */
export function encodeQuery(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) params.append(`${key}[]`, v);
    else params.append(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Retry-After as delta-seconds or HTTP-date → milliseconds (undefined when absent or unparsable). */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

class AttemptTimeout extends Error {
  override name = 'AttemptTimeout';
}

type RawResponse = { status: number; headers: Headers; text: string };

function statusCode(status: number): CronofyErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 402:
      return 'payment_required';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 422:
      return 'validation_failed';
    case 423:
      return 'locked';
    default:
      return 'http_error';
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function errorFor(raw: RawResponse, method: string, path: string): CronofyError {
  const body = parseJson(raw.text);
  const base = { status: raw.status, method, path };
  const where = `${method} ${path}`;
  const oauth = OAuthErrorBodySchema.safeParse(body);
  const oauthError = oauth.success ? oauth.data.error : undefined;
  if (raw.status === 401) {
    return new CronofyAuthError(`Cronofy rejected the credentials (401) for ${where}`, {
      ...base,
      code: oauthError === 'invalid_client' ? 'invalid_client' : 'unauthorized',
      oauthError,
    });
  }
  if (raw.status === 423) return new CronofyLockedError(`Cronofy profile is locked (423) for ${where}`, { ...base, code: 'locked' });
  if (raw.status === 422) {
    const v = ValidationErrorBodySchema.safeParse(body);
    const errors = v.success ? v.data.errors : undefined;
    const fields = errors ? Object.keys(errors).join(', ') : 'unknown fields';
    return new CronofyError(`Cronofy rejected the request (422: ${fields}) for ${where}`, {
      ...base,
      code: 'validation_failed',
      errors,
    });
  }
  if (raw.status === 400 && oauthError) {
    const code: CronofyErrorCode =
      oauthError === 'invalid_grant' ? 'invalid_grant' : oauthError === 'invalid_client' ? 'invalid_client' : 'bad_request';
    return new CronofyError(`Cronofy OAuth error ${oauthError} (400) for ${where}`, { ...base, code, oauthError });
  }
  return new CronofyError(`Cronofy answered ${raw.status} for ${where}`, { ...base, code: statusCode(raw.status) });
}

export function createTransport(options: TransportOptions): Transport {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const maxRetries = options.retry?.maxRetries ?? 2;
  const baseDelayMs = options.retry?.baseDelayMs ?? 250;
  const maxDelayMs = options.retry?.maxDelayMs ?? 4000;
  const maxRateLimitRetries = options.retry?.maxRateLimitRetries ?? 3;
  const maxRetryAfterMs = options.retry?.maxRetryAfterMs ?? 30_000;
  const rateLimit = options.rateLimit ?? {};
  const limiter = rateLimit === false ? undefined : 'acquire' in rateLimit ? rateLimit : createRateLimiter(rateLimit, clock);
  const log = options.logger;

  /** Exponential back-off with jitter in [½·d, d] so clients that failed together do not retry together. */
  const backoff = (retry: number): number => {
    const d = Math.min(maxDelayMs, baseDelayMs * 2 ** (retry - 1));
    return Math.round(d * (0.5 + random() * 0.5));
  };

  const attempt = async (spec: RequestSpec, url: string): Promise<RawResponse> => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new AttemptTimeout(`timed out after ${timeoutMs} ms`);
        controller.abort(err);
        reject(err);
      }, timeoutMs);
    });
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (spec.bearer !== undefined) headers['Authorization'] = `Bearer ${spec.bearer}`;
    let body: string | undefined;
    if (spec.body !== undefined) {
      headers['Content-Type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(spec.body);
    }
    const run = async (): Promise<RawResponse> => {
      const res = await fetchImpl(url, { method: spec.method, headers, body, signal: controller.signal });
      const text = await res.text();
      return { status: res.status, headers: res.headers, text };
    };
    try {
      return await Promise.race([run(), timedOut]);
    } finally {
      clearTimeout(timer);
      timedOut.catch(() => undefined);
    }
  };

  const execute = async (spec: RequestSpec): Promise<RawResponse> => {
    const url = spec.url + encodeQuery(spec.query);
    const path = new URL(spec.url).pathname;
    let attempts = 0;
    let failures = 0;
    let rateLimited = 0;
    for (;;) {
      attempts += 1;
      if (limiter) await limiter.acquire(undefined, options.priority?.() ?? 'interactive');
      const started = clock.now();
      let raw: RawResponse;
      try {
        raw = await attempt(spec, url);
      } catch (err) {
        const failure = err instanceof AttemptTimeout ? 'timeout' : 'network';
        log?.({ method: spec.method, path, status: undefined, durationMs: clock.now() - started, attempt: attempts, failure });
        if (spec.retry === 'idempotent' && failures < maxRetries) {
          failures += 1;
          await clock.sleep(backoff(failures));
          continue;
        }
        throw new CronofyUnavailableError(
          `Cronofy unavailable: ${failure === 'timeout' ? `no answer within ${timeoutMs} ms` : 'network error'} for ${spec.method} ${path} after ${attempts} attempt(s)`,
          { status: 0, method: spec.method, path, attempts, cause: err },
        );
      }
      log?.({ method: spec.method, path, status: raw.status, durationMs: clock.now() - started, attempt: attempts });
      if (raw.status >= 200 && raw.status < 300) return raw;
      if (raw.status === 429) {
        const retryAfterMs = parseRetryAfter(raw.headers.get('retry-after'), clock.now());
        if (rateLimited < maxRateLimitRetries && (retryAfterMs === undefined || retryAfterMs <= maxRetryAfterMs)) {
          rateLimited += 1;
          await clock.sleep(retryAfterMs ?? backoff(rateLimited));
          continue;
        }
        throw new CronofyRateLimitError(`Cronofy rate limit (429) for ${spec.method} ${path} after ${attempts} attempt(s)`, {
          status: 429,
          code: 'rate_limited',
          method: spec.method,
          path,
          retryAfterMs,
        });
      }
      if (raw.status >= 500) {
        if (spec.retry === 'idempotent' && failures < maxRetries) {
          failures += 1;
          await clock.sleep(backoff(failures));
          continue;
        }
        throw new CronofyUnavailableError(
          `Cronofy unavailable: ${raw.status} for ${spec.method} ${path} after ${attempts} attempt(s)`,
          { status: raw.status, method: spec.method, path, attempts },
        );
      }
      throw errorFor(raw, spec.method, path);
    }
  };

  return {
    async send(spec, schema) {
      const raw = await execute(spec);
      const parsed = schema.safeParse(parseJson(raw.text));
      if (!parsed.success) {
        const path = new URL(spec.url).pathname;
        throw new CronofyError(`Cronofy answered ${raw.status} with an unexpected body for ${spec.method} ${path}`, {
          status: raw.status,
          code: 'invalid_response',
          method: spec.method,
          path,
          cause: parsed.error,
        });
      }
      return parsed.data;
    },
    async sendNoContent(spec) {
      await execute(spec);
    },
  };
}
