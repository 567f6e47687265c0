/**
 * The one HTTP core every typed client uses: base URL handling, JSON bodies, the wire error shape turned into
 * `ApiError`, `NetworkError` for no answer, aborts passed through untouched, and — for admin calls — a bearer
 * token from a `TokenSource`, refreshed once and retried once on a 401.
 *
 * Invariants: a body is checked against the contract (`Check`) before it reaches an element; a 401 triggers at
 * most one refresh per request, and refreshes are single-flight in the token source, so ten elements hitting an
 * expired token at once ask the host for one new token.
 */
import { ApiError, NetworkError, isAbortError } from './api-error.js';
import type { TokenSource } from './token-source.js';
import { empty, str, type Check } from './validate.js';

export interface HttpOptions {
  /** Server base URL, e.g. `https://calendar.example.com`; '' for the page's origin. */
  api: string;
  /** Injected fetch (tests, instrumentation); defaults to the global one, looked up at call time. */
  fetch?: typeof fetch;
  /** Bearer tokens for admin and recruiter calls; omitted for applicant calls. */
  tokens?: TokenSource;
}

export interface CallOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined | null>;
}

export type Http = <T>(method: string, path: string, check: Check<T>, opts?: CallOptions, body?: unknown) => Promise<T>;

export function baseUrl(api: string): string {
  return api.replace(/\/+$/, '');
}

function queryString(query: CallOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function toApiError(res: Response, text: string): Promise<ApiError> {
  let err: unknown;
  try {
    err = (JSON.parse(text) as { error?: unknown }).error;
  } catch {
    // A proxy's HTML error page: keep the status, there is no code to read.
  }
  const e = (err ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  return new ApiError(res.status, typeof e.code === 'string' ? e.code : 'internal', typeof e.message === 'string' ? e.message : res.statusText, e.details);
}

export function createHttp(options: HttpOptions): Http {
  const base = baseUrl(options.api);

  async function send(method: string, url: string, accept: string, opts: CallOptions, body: unknown, token: string | null): Promise<Response> {
    try {
      return await (options.fetch ?? fetch)(url, {
        method,
        signal: opts.signal ?? null,
        headers: {
          accept,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...opts.headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (e) {
      if (isAbortError(e)) throw e;
      throw new NetworkError(e);
    }
  }

  return async function request<T>(method: string, path: string, check: Check<T>, opts: CallOptions = {}, body?: unknown): Promise<T> {
    const url = base + path + queryString(opts.query);
    const accept = check === str ? 'text/calendar, text/plain' : 'application/json';
    let token = options.tokens ? await options.tokens.get() : null;
    let res = await send(method, url, accept, opts, body, token);
    if (res.status === 401 && options.tokens) {
      await res.body?.cancel();
      token = await options.tokens.refresh(token);
      res = await send(method, url, accept, opts, body, token);
    }
    const text = await res.text();
    if (!res.ok) throw await toApiError(res, text);
    if (check === str || check === empty) return check(text);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ApiError(res.status, 'invalid_response', 'Response is not JSON');
    }
    return check(json);
  };
}
