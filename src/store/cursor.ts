import { DomainError } from '../domain/errors.ts';

/** Keyset cursors: the sort key of the last row seen, opaque to clients. */
export function encodeCursor(key: readonly [string, string]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === 2 && key.every((part) => typeof part === 'string')) {
      return [key[0] as string, key[1] as string];
    }
  } catch {
    // falls through to the typed error
  }
  throw new DomainError('VALIDATION_FAILED', { field: 'cursor' }, 'cursor is not one this server issued');
}
