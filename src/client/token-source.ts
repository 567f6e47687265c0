/**
 * Where admin elements get their bearer token: a static token, or an async provider the host page sets (host
 * tokens expire). `refresh` is single-flight: concurrent callers that saw the same stale token share one call to
 * the provider, and a caller whose stale token was already replaced gets the new one without asking again.
 */
export type TokenProvider = () => Promise<string> | string;

export interface TokenSource {
  /** The current token (asks the provider the first time). */
  get(): Promise<string | null>;
  /** A fresh token after `stale` was refused. */
  refresh(stale: string | null): Promise<string | null>;
}

export function createTokenSource(initial: { token?: string | null; provider?: TokenProvider | null }): TokenSource {
  let current: string | null = initial.token ?? null;
  let inFlight: Promise<string | null> | null = null;
  const provider = initial.provider ?? null;

  const ask = (): Promise<string | null> => {
    if (!provider) return Promise.resolve(current);
    inFlight ??= Promise.resolve()
      .then(() => provider())
      .then((token) => {
        current = token;
        return token;
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  };

  return {
    async get() {
      if (current !== null) return current;
      return ask();
    },
    async refresh(stale) {
      if (current !== stale && current !== null) return current;
      return ask();
    },
  };
}
