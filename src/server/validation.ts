/**
 * Input validation with the shared zod schemas. A failed parse answers 400 `validation_failed` with the issues
 * (path and message) so a caller can point at the field; bodies that are not JSON answer 400 `bad_request`.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './errors.js';

const MAX_BODY_BYTES = 256 * 1024;

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new ApiError(400, 'validation_failed', `Invalid ${where}.`, {
      issues: result.error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
  }
  return result.data;
}

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.toLowerCase().startsWith('application/json')) {
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  const length = Number(c.req.header('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) throw new ApiError(413, 'payload_too_large', 'The request body is too large.');
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiError(413, 'payload_too_large', 'The request body is too large.');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiError(400, 'bad_request', 'The request body is not valid JSON.');
  }
  if (containsNul(value)) throw new ApiError(400, 'bad_request', 'Text must not contain NUL characters.');
  return parseWith(schema, value, 'request body');
}

/** PostgreSQL text cannot hold U+0000, so such input is refused at the edge instead of failing in the store. */
export function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (value !== null && typeof value === 'object') return Object.entries(value).some(([k, v]) => k.includes('\u0000') || containsNul(v));
  return false;
}

export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return parseWith(schema, c.req.query(), 'query parameters');
}
