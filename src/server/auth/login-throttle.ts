import type { Clock } from '../../ports/clock.ts';
import type { Database } from '../../store/database.ts';
import { LoginFailureRepository } from '../../store/session-login-failures.ts';

/** Failed logins allowed per account and client address within the window. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * Slows password guessing: after MAX_FAILURES wrong passwords for one account from one
 * address, that pair is refused until the oldest failure leaves the window. Other addresses
 * (the real staff member in the shop) can still log in.
 */
export class LoginThrottle {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** Seconds until the next attempt is allowed; 0 when it is allowed now. */
  async waitSeconds(email: string, ip: string): Promise<number> {
    const now = this.clock.now().getTime();
    const failures = await new LoginFailureRepository(this.db.kysely).since(keyOf(email, ip), new Date(now - FAILURE_WINDOW_MS));
    if (failures.length < MAX_FAILURES) return 0;
    const lifted = failures[failures.length - MAX_FAILURES]!.getTime() + FAILURE_WINDOW_MS;
    return Math.max(1, Math.ceil((lifted - now) / 1000));
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const failures = new LoginFailureRepository(tx);
      await failures.deleteBefore(new Date(now.getTime() - FAILURE_WINDOW_MS));
      await failures.record(keyOf(email, ip), now);
    });
  }

  async recordSuccess(email: string, ip: string): Promise<void> {
    await this.db.transaction((tx) => new LoginFailureRepository(tx).clear(keyOf(email, ip)));
  }
}

function keyOf(email: string, ip: string): string {
  return `${email.trim().toLowerCase()}|${ip}`;
}
