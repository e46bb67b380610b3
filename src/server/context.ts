import type { Services } from '../app/services.ts';
import type { TokenService } from '../app/token-service.ts';
import type { DemoMail } from './api/mail-schemas.ts';
import type { RunScope, SyncRunSummary, listSyncRuns } from '../sync/index.ts';
import type { LoginService } from '../app/auth/login-service.ts';

/** A sync cycle run on demand (POST /api/sync/run); absent when the server runs without one. */
export type RunSync = (scope: RunScope) => Promise<SyncRunSummary>;

/** What route modules work with: the app's services (never the store behind them) and the server's own parts. */
export interface ServerContext extends Omit<Services, 'admin' | 'store'> {
  /** The demo's sandbox mailbox (GET /api/demo/mailbox); null outside the demo. */
  readonly demoMailbox: (() => readonly DemoMail[]) | null;
  readonly login: LoginService;
  readonly runSync: RunSync | null;
  /** Recent sync runs, newest first. */
  readonly syncRuns: (opts: Parameters<typeof listSyncRuns>[1]) => Promise<SyncRunSummary[]>;
  /** Always mark the session cookie Secure (otherwise only when the request came over https). */
  readonly secureCookies: boolean;
  /** Administration: shops' connections, people, API tokens, the audit log. */
  readonly admin: Services['admin'] & { readonly tokens: TokenService };
  /** Where links that leave the server point (JUCHU_PUBLIC_URL); null: the address the request came to. */
  readonly publicUrl: string | null;
  /** Login requests per client address and window (see LOGIN_FLOOD_LIMIT). */
  readonly loginFloodLimit: { readonly max: number; readonly windowMs: number };
}
