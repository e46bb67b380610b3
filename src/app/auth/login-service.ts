import { randomBytes } from 'node:crypto';
import type { Clock } from '../../ports/clock.ts';
import type { PasswordHasher } from '../../ports/password-hasher.ts';
import type { Store } from '../../store/store.ts';
import type { StoredUser } from '../../store/user-repository.ts';
import type { LoginThrottle } from './login-throttle.ts';
import type { NewSession, SessionManager } from './session-manager.ts';

export interface LoginAttempt {
  readonly email: string;
  readonly password: string;
  readonly ip: string;
  /** The session the browser already had, replaced by a new one on success. */
  readonly previousSessionIdHash: string | null;
}

/**
 * How a login ended. A refusal does not say whether the account exists or is disabled; the
 * server turns the two refusals into its 401 and 429 answers.
 */
export type LoginOutcome =
  | { readonly kind: 'signedIn'; readonly user: StoredUser; readonly session: NewSession }
  | { readonly kind: 'throttled'; readonly retryAfterSeconds: number }
  | { readonly kind: 'refused' };

/** Staff login with email and password: the throttle, the session, the audit records. */
export class LoginService {
  private dummyHash: Promise<string> | null = null;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly sessions: SessionManager,
    private readonly throttle: LoginThrottle,
    private readonly hasher: PasswordHasher,
  ) {}

  async login(attempt: LoginAttempt): Promise<LoginOutcome> {
    // Accounts are stored with lower-case emails (UserService).
    const email = attempt.email.trim().toLowerCase();
    // Counted before the password is checked, so concurrent guesses cannot overtake the count.
    const wait = await this.throttle.reserve(email, attempt.ip);
    if (wait > 0) return { kind: 'throttled', retryAfterSeconds: wait };

    const users = this.store.users;
    const user = await users.findByEmail(email);
    // An unknown email costs the same hashing time as a wrong password, so timings do not
    // reveal which emails have accounts.
    const passwordHash = user?.passwordHash ?? (await this.hashNobodyHas());
    // A disabled account answers exactly as a wrong password does.
    const valid = (await this.hasher.verify(passwordHash, attempt.password)) && user !== null && user.disabledAt === null;
    if (!valid) {
      await this.throttle.recordFailure();
      await this.audit('auth.loginFailed', email, { ip: attempt.ip }, attempt.ip);
      return { kind: 'refused' };
    }
    await this.throttle.recordSuccess(email, attempt.ip);
    const session = await this.sessions.start(user.id, attempt.previousSessionIdHash);
    await this.store.transaction((tx) => tx.users.recordLogin(user.id, this.clock.now()));
    await this.audit('auth.login', user.email, { ip: attempt.ip, userId: user.id }, attempt.ip);
    return { kind: 'signedIn', user, session };
  }

  async logout(user: { userId: string; email: string }, sessionIdHash: string): Promise<void> {
    await this.sessions.end(sessionIdHash);
    await this.audit('auth.logout', user.email, { userId: user.userId });
  }

  private hashNobodyHas(): Promise<string> {
    this.dummyHash ??= this.hasher.hash(randomBytes(32).toString('base64url'));
    return this.dummyHash;
  }

  private async audit(action: string, target: string, details: Record<string, unknown>, clientAddress: string | null = null): Promise<void> {
    const at = this.clock.now();
    await this.store.transaction((tx) => tx.auditLog.append({ at, actor: { kind: 'system', name: 'auth' }, action, target, details, clientAddress }));
  }
}
