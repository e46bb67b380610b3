import { randomBytes } from 'node:crypto';
import type { Clock } from '../../ports/clock.ts';
import { argon2idHasher } from '../../ports/password-hasher.ts';
import type { PasswordHasher } from '../../ports/password-hasher.ts';
import { AuditLogRepository } from '../../store/audit-log-repository.ts';
import type { Database } from '../../store/database.ts';
import { UserRepository } from '../../store/user-repository.ts';
import type { StoredUser } from '../../store/user-repository.ts';
import { ApiError } from '../api-error.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { NewSession, SessionManager } from './session-manager.ts';

export interface LoginAttempt {
  readonly email: string;
  readonly password: string;
  readonly ip: string;
  /** The session the browser already had, replaced by a new one on success. */
  readonly previousSessionIdHash: string | null;
}

export class LoginService {
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly sessions: SessionManager,
    private readonly throttle: LoginThrottle,
    private readonly hasher: PasswordHasher = argon2idHasher,
  ) {}

  async login(attempt: LoginAttempt): Promise<{ user: StoredUser; session: NewSession }> {
    // Accounts are stored with lower-case emails (UserService).
    const email = attempt.email.trim().toLowerCase();
    // Counted before the password is checked, so concurrent guesses cannot overtake the count.
    const wait = await this.throttle.reserve(email, attempt.ip);
    if (wait > 0) throw ApiError.tooManyAttempts(wait);

    const users = new UserRepository(this.db.kysely);
    const user = await users.findByEmail(email);
    // An unknown email costs the same hashing time as a wrong password, so timings do not
    // reveal which emails have accounts.
    const passwordHash = user?.passwordHash ?? (await this.hashNobodyHas());
    const valid = (await this.hasher.verify(passwordHash, attempt.password)) && user !== null;
    if (!valid) {
      await this.throttle.recordFailure();
      await this.audit('auth.loginFailed', email, { ip: attempt.ip });
      throw ApiError.badCredentials();
    }
    await this.throttle.recordSuccess(email, attempt.ip);
    const session = await this.sessions.start(user.id, attempt.previousSessionIdHash);
    await this.audit('auth.login', user.email, { ip: attempt.ip, userId: user.id });
    return { user, session };
  }

  async logout(user: { userId: string; email: string }, sessionIdHash: string): Promise<void> {
    await this.sessions.end(sessionIdHash);
    await this.audit('auth.logout', user.email, { userId: user.userId });
  }

  private hashNobodyHas(): Promise<string> {
    this.dummyHash ??= this.hasher.hash(randomBytes(32).toString('base64url'));
    return this.dummyHash;
  }

  private async audit(action: string, target: string, details: Record<string, unknown>): Promise<void> {
    const at = this.clock.now();
    await this.db.transaction((tx) => new AuditLogRepository(tx).append({ at, actor: { kind: 'system', name: 'auth' }, action, target, details }));
  }
}
