import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';

/**
 * Seals RMS credentials before they are stored, so a copied database file or dump does not
 * hand out a shop's serviceSecret and licenseKey. The key is derived from JUCHU_SECRET.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  /** Throws SecretBoxError when the envelope was not sealed with this key or was altered. */
  open(envelope: string): string;
}

export class SecretBoxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretBoxError';
  }
}

const VERSION = 'v1';
// A fixed salt is enough: the input is a high-entropy operator secret, and every sealed value
// gets its own random nonce.
const KEY_SALT = 'juchu/secret-box/v1';
const NONCE_BYTES = 12;

/** AES-256-GCM. Envelope: `v1.<nonce>.<tag>.<ciphertext>`, base64url parts. */
export function createSecretBox(secret: string): SecretBox {
  if (secret.length < 16) throw new SecretBoxError('JUCHU_SECRET must be at least 16 characters');
  const key = scryptSync(secret, KEY_SALT, 32);
  return {
    seal(plaintext) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return [VERSION, nonce, cipher.getAuthTag(), body].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
    },
    open(envelope) {
      const [version, nonce, tag, body] = envelope.split('.');
      if (version !== VERSION || nonce === undefined || tag === undefined || body === undefined) {
        throw new SecretBoxError('not a sealed value');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(nonce, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretBoxError('sealed value does not open with this JUCHU_SECRET');
      }
    },
  };
}
