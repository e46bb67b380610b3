import { timingSafeEqual } from 'node:crypto';

/** The cookie that carries a staff session's id (signed); the session itself is src/app/auth/session-manager.ts. */
export const SESSION_COOKIE = 'juchu_session';

/** Constant-time comparison, so the token cannot be guessed byte by byte from timings. */
export function csrfTokenMatches(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
