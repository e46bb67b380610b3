import { createHash } from 'node:crypto';

/**
 * API tokens are random 256-bit values, so a plain SHA-256 is enough to store them: unlike
 * passwords there is nothing to brute-force, and lookups stay a single indexed equality.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
