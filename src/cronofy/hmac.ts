/**
 * Cronofy callback signatures: `Cronofy-HMAC-SHA256` = standard base64 of HMAC-SHA256(key = client secret as UTF-8,
 * message = the raw request body bytes). During secret rotation the header carries one comma-separated value per
 * active secret and any match is enough. Invariants: verification reads the raw body (never re-serialised JSON),
 * compares in constant time on equal-length buffers, and treats a missing or empty header as invalid.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CRONOFY_HMAC_HEADER = 'Cronofy-HMAC-SHA256';

function digest(body: string | Uint8Array, secret: string): Buffer {
  return createHmac('sha256', Buffer.from(secret, 'utf8'))
    .update(typeof body === 'string' ? Buffer.from(body, 'utf8') : body)
    .digest();
}

/** The header value Cronofy would send for `body` signed with `secret`. */
export function signCronofyHmac(body: string | Uint8Array, secret: string): string {
  return digest(body, secret).toString('base64');
}

/**
 * True when any comma-separated value of `header` is the signature of `rawBody` under any of `secrets` (the current
 * client secret and, during rotation, the previous one).
 */
export function verifyCronofyHmac(rawBody: string | Uint8Array, header: string | undefined, secrets: string[]): boolean {
  if (!header) return false;
  const candidates = header
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0)
    // Decoding is lenient (Node ignores junk characters), so only accept canonical base64 of a 32-byte digest.
    .map((v) => ({ text: v, bytes: Buffer.from(v, 'base64') }))
    .filter((c) => c.bytes.length === 32 && c.bytes.toString('base64') === c.text);
  if (candidates.length === 0) return false;
  let ok = false;
  for (const secret of secrets) {
    if (!secret) continue;
    const expected = digest(rawBody, secret);
    for (const c of candidates) {
      // Not short-circuiting keeps the work independent of which value matched.
      if (c.bytes.length === expected.length && timingSafeEqual(c.bytes, expected)) ok = true;
    }
  }
  return ok;
}
