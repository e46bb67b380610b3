import type { OrderService } from '../app/order-service.ts';
import type { SettingsService } from '../app/settings/settings-service.ts';
import type { Clock } from '../ports/clock.ts';
import type { Database } from '../store/database.ts';
import type { SyncRunSummary } from '../sync/index.ts';
import type { LoginService } from './auth/login.ts';

/** A sync cycle run on demand (POST /api/sync/run); absent when the server runs without one. */
export type RunSync = (shopCode?: string) => Promise<SyncRunSummary>;

/** What route modules work with. */
export interface ServerContext {
  readonly db: Database;
  readonly clock: Clock;
  readonly orders: OrderService;
  readonly settings: SettingsService;
  readonly login: LoginService;
  readonly runSync: RunSync | null;
  /** Always mark the session cookie Secure (otherwise only when the request came over https). */
  readonly secureCookies: boolean;
  /** Login requests per client address and window (see LOGIN_FLOOD_LIMIT). */
  readonly loginFloodLimit: { readonly max: number; readonly windowMs: number };
}
