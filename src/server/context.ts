import type { AuditService } from '../app/admin/audit-service.ts';
import type { PeopleService } from '../app/admin/people-service.ts';
import type { ShopAdminService } from '../app/admin/shop-admin-service.ts';
import type { MailService } from '../app/mail/mail-service.ts';
import type { DemoMail } from './api/mail-schemas.ts';
import type { OrderService } from '../app/order-service.ts';
import type { SettingsService } from '../app/settings/settings-service.ts';
import type { TokenService } from '../app/token-service.ts';
import type { ShippingService } from '../app/shipping/shipping-service.ts';
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
  readonly shipping: ShippingService;
  readonly mail: MailService;
  /** The demo's sandbox mailbox (GET /api/demo/mailbox); null outside the demo. */
  readonly demoMailbox: (() => readonly DemoMail[]) | null;
  readonly login: LoginService;
  readonly runSync: RunSync | null;
  /** Always mark the session cookie Secure (otherwise only when the request came over https). */
  readonly secureCookies: boolean;
  /** Administration: shops' connections, people, API tokens, the audit log. */
  readonly admin: {
    readonly shops: ShopAdminService;
    readonly people: PeopleService;
    readonly tokens: TokenService;
    readonly audit: AuditService;
  };
  /** Where links that leave the server point (JUCHU_PUBLIC_URL); null: the address the request came to. */
  readonly publicUrl: string | null;
  /** Login requests per client address and window (see LOGIN_FLOOD_LIMIT). */
  readonly loginFloodLimit: { readonly max: number; readonly windowMs: number };
}
