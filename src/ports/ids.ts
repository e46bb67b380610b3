import { randomBytes, randomUUID } from 'node:crypto';

/** Where new identifiers and unguessable tokens come from; tests may inject predictable ones. */
export interface IdGenerator {
  /** A new unique id for a stored record. */
  newId(): string;
  /** A new secret bearer token (URL-safe). */
  newToken(): string;
}

export const randomIds: IdGenerator = {
  newId: () => randomUUID(),
  newToken: () => `juchu_${randomBytes(32).toString('base64url')}`,
};
