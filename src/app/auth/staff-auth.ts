import type { Clock } from '../../ports/clock.ts';
import type { PasswordHasher } from '../../ports/password-hasher.ts';
import type { Store } from '../../store/store.ts';
import { LoginService } from './login-service.ts';
import { LoginThrottle } from './login-throttle.ts';
import { SessionManager } from './session-manager.ts';

/** Staff sessions and the login that opens them. */
export interface StaffAuth {
  readonly sessions: SessionManager;
  readonly login: LoginService;
}

/**
 * Sessions and the login throttle time out on `sessionClock`; the login's audit records and
 * last-login times use the app's clock. The two differ when the app runs on a sandbox's clock
 * that can jump days ahead, which must not log everyone out.
 */
export function createStaffAuth(deps: { readonly store: Store; readonly clock: Clock; readonly hasher: PasswordHasher }, sessionClock: Clock): StaffAuth {
  const sessions = new SessionManager(deps.store, sessionClock);
  const login = new LoginService(deps.store, deps.clock, sessions, new LoginThrottle(deps.store, sessionClock), deps.hasher);
  return { sessions, login };
}
