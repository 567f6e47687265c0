/**
 * Encryption of secrets at rest (Cronofy tokens, per-organization signing secrets): AES-256-GCM from
 * node:crypto with a random 96-bit IV per value, serialised as `v1.<iv>.<tag>.<ciphertext>` (base64url).
 * The key comes from the environment (DV_ENCRYPTION_KEY, 32 bytes base64); the demo keeps a generated key in
 * its data directory. Tokens are hashed (SHA-256) where only equality is needed, e.g. booking-link tokens.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}

export function createSecretBox(key: Uint8Array): SecretBox {
  if (key.length !== 32) throw new Error('The encryption key must be 32 bytes (AES-256).');
  return {
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return ['v1', iv.toString('base64url'), tag.toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('Unknown sealed secret format.');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

export function parseKey(base64: string): Uint8Array {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new Error('DV_ENCRYPTION_KEY must be 32 bytes, base64-encoded.');
  return key;
}

export function generateKey(): string {
  return randomBytes(32).toString('base64');
}

/** A random token with `bytes`×8 bits of entropy, URL-safe. Booking links use 24 bytes (192 bits). */
export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Short random id with a readable prefix, e.g. `apt_…`. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(10).toString('base64url')}`;
}
