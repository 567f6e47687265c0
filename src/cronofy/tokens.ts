/**
 * Token manager: hands callers a valid access token for a connection key (a user, a service account, a room) and
 * keeps the stored tokens fresh. Invariants:
 * - a token is refreshed `refreshSkewMs` before it expires, and once more when Cronofy answers 401 (then `fn` is
 *   retried exactly once);
 * - refreshes are single-flight per key: concurrent callers share one refresh request, and a caller whose 401 arrives
 *   after someone else already refreshed uses the new token instead of refreshing again (which would present a refresh
 *   token that has already rotated);
 * - the rotated refresh token is saved before any caller sees the new access token;
 * - a refresh rejected for good (400 `invalid_grant`, or 401 other than `invalid_client`) calls `store.markFailed` and
 *   throws {@link CronofyConnectionFailedError}; `invalid_client` is the application's misconfiguration, not the
 *   user's connection, so it is rethrown without marking; transient failures (unavailable, rate limited) are
 *   rethrown and leave the connection alone.
 */
import type { CronofyClient } from './client.js';
import {
  CronofyAuthError,
  CronofyConnectionFailedError,
  CronofyError,
  CronofyNotConnectedError,
} from './errors.js';

export type Tokens = {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  scope?: string;
};

export type TokenStore = {
  load(key: string): Promise<Tokens | null>;
  save(key: string, tokens: Tokens): Promise<void>;
  markFailed(key: string, reason: string): Promise<void>;
};

export type TokenManagerOptions = {
  client: Pick<CronofyClient, 'refreshToken'>;
  store: TokenStore;
  /** Refresh this long before expiry. Default 60 000 ms. */
  refreshSkewMs?: number;
  now?: () => number;
};

export type TokenManager = {
  /** Runs `fn` with a valid access token; refreshes before expiry and on a 401 (retrying `fn` once). */
  withAccessToken<T>(key: string, fn: (accessToken: string) => Promise<T>): Promise<T>;
  /** Forces a refresh (single-flight) and returns the saved tokens. */
  refresh(key: string): Promise<Tokens>;
};

/** True when Cronofy rejected the refresh token itself (the user must reconnect). */
export function isPermanentRefreshFailure(err: unknown): boolean {
  if (!(err instanceof CronofyError)) return false;
  if (err.status === 400 && err.oauthError === 'invalid_grant') return true;
  return err instanceof CronofyAuthError && err.oauthError !== 'invalid_client';
}

export function createTokenManager(options: TokenManagerOptions): TokenManager {
  const { client, store } = options;
  const skew = options.refreshSkewMs ?? 60_000;
  const now = options.now ?? Date.now;
  const inFlight = new Map<string, Promise<Tokens>>();

  const loadOrThrow = async (key: string): Promise<Tokens> => {
    const tokens = await store.load(key);
    if (!tokens) throw new CronofyNotConnectedError(`no Cronofy tokens stored for this connection`, { status: 0, code: 'not_connected' });
    return tokens;
  };

  const doRefresh = async (key: string, replacing?: string): Promise<Tokens> => {
    const current = await loadOrThrow(key);
    // A refresh that finished just before this one began (its flight already gone) left newer tokens: use them.
    if (replacing !== undefined && current.accessToken !== replacing) return current;
    let res;
    try {
      res = await client.refreshToken(current.refreshToken);
    } catch (err) {
      if (isPermanentRefreshFailure(err)) {
        const reason = err instanceof CronofyError ? (err.oauthError ?? err.code) : 'refresh_failed';
        await store.markFailed(key, reason);
        throw new CronofyConnectionFailedError('the Cronofy connection can no longer be refreshed; reconnect it', {
          status: err instanceof CronofyError ? err.status : 0,
          code: 'connection_failed',
          oauthError: err instanceof CronofyError ? err.oauthError : undefined,
          cause: err,
        });
      }
      throw err;
    }
    const scope = res.scope ?? current.scope;
    const next: Tokens = {
      accessToken: res.access_token,
      // Cronofy may rotate the refresh token on any refresh: always keep the one it just sent.
      refreshToken: res.refresh_token,
      expiresAt: now() + res.expires_in * 1000,
      ...(scope !== undefined ? { scope } : {}),
    };
    await store.save(key, next);
    return next;
  };

  /** One refresh per key at a time; `replacing` is the access token found wanting (skip if it is no longer stored). */
  const refresh = (key: string, replacing?: string): Promise<Tokens> => {
    let p = inFlight.get(key);
    if (!p) {
      p = doRefresh(key, replacing).finally(() => inFlight.delete(key));
      inFlight.set(key, p);
    }
    return p;
  };

  const fresh = async (key: string): Promise<Tokens> => {
    const pending = inFlight.get(key);
    if (pending) return pending;
    const tokens = await loadOrThrow(key);
    return tokens.expiresAt - skew <= now() ? refresh(key, tokens.accessToken) : tokens;
  };

  return {
    refresh,
    async withAccessToken(key, fn) {
      const tokens = await fresh(key);
      try {
        return await fn(tokens.accessToken);
      } catch (err) {
        if (!(err instanceof CronofyAuthError)) throw err;
        // Someone may have refreshed while we were calling; only refresh if the stored token is the one that failed.
        const pending = inFlight.get(key);
        let next: Tokens;
        if (pending) next = await pending;
        else {
          const stored = await loadOrThrow(key);
          next = stored.accessToken !== tokens.accessToken ? stored : await refresh(key, tokens.accessToken);
        }
        return fn(next.accessToken);
      }
    },
  };
}
