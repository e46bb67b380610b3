import type { Clock } from '../../ports/clock.ts';
import type { Store } from '../../store/store.ts';

/** Login attempts allowed per account and client address within the window. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * Slows password guessing: an account may be tried MAX_FAILURES times from one address in a
 * window; then that pair is refused until the window, counted from its first attempt, ends.
 * Other addresses (the real staff member in the shop) can still log in.
 *
 * An attempt is counted before its password is checked (`reserve`), in one atomic statement,
 * so that fifty guesses sent at once get MAX_FAILURES checks, not as many as happen to read the
 * count before the first failure is written. A right password clears the count.
 */
export class LoginThrottle {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Counts the attempt and returns 0, or the seconds until one is allowed without counting it. */
  async reserve(email: string, ip: string): Promise<number> {
    const now = this.clock.now();
    const repo = this.store.loginAttempts;
    const key = keyOf(email, ip);
    if (await repo.reserve(key, now, new Date(now.getTime() - FAILURE_WINDOW_MS), MAX_FAILURES)) return 0;
    const started = await repo.windowStartedAt(key);
    const lifted = (started ?? now).getTime() + FAILURE_WINDOW_MS;
    return Math.max(1, Math.ceil((lifted - now.getTime()) / 1000));
  }

  /** The attempt was a wrong password: it stays counted; windows long over are tidied away. */
  async recordFailure(): Promise<void> {
    await this.store.loginAttempts.deleteStartedBefore(new Date(this.clock.now().getTime() - FAILURE_WINDOW_MS));
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.store.loginAttempts.clear(keyOf(email, ip));
  }
}

function keyOf(email: string, ip: string): string {
  return `${email.trim().toLowerCase()}|${ip}`;
}
