/**
 * Request ids and structured JSON logs. A log line never carries secrets: the path is logged with booking-link
 * tokens and OAuth codes replaced, no query string, no headers, no bodies (so no applicant e-mail).
 */
import type { MiddlewareHandler } from 'hono';
import { randomUUID } from 'node:crypto';

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createJsonLogger(write: (line: string) => void = (line) => process.stdout.write(line + '\n'), level: 'info' | 'warn' | 'silent' = 'info'): Logger {
  const emit = (lvl: string) => (msg: string, fields: Record<string, unknown> = {}) => {
    if (level === 'silent' || (level === 'warn' && lvl === 'info')) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...fields }));
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Replaces credentials that travel in paths (booking tokens) with a placeholder. */
export function redactPath(path: string): string {
  return path.replace(/(\/api\/public\/bookings\/)[^/]+/, '$1:token').replace(/(\/push\/)[^/]+/, '$1:channel');
}

export function requestLogging(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const requestId = c.req.header('x-request-id')?.slice(0, 64).replace(/[^\w.-]/g, '') || randomUUID();
    c.set('requestId' as never, requestId as never);
    c.header('X-Request-Id', requestId);
    const started = performance.now();
    await next();
    if (c.req.path.startsWith('/api') || c.res.status >= 500) {
      logger.info('request', {
        requestId,
        method: c.req.method,
        path: redactPath(c.req.path),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    }
  };
}
