import type { Clock } from '../ports/clock.ts';
import type { Store } from '../store/store.ts';
import type { AuditService } from './admin/audit-service.ts';
import type { PeopleService } from './admin/people-service.ts';
import type { ShopAdminService } from './admin/shop-admin-service.ts';
import type { StaffAuth } from './auth/staff-auth.ts';
import type { AutomationService } from './automation/automation-service.ts';
import type { MailService } from './mail/mail-service.ts';
import type { SettingsMailAccounts } from './mail/settings-accounts.ts';
import type { HealthService } from './health-service.ts';
import type { OrderService } from './order-service.ts';
import type { PaperworkService } from './paperwork/paperwork-service.ts';
import type { PaperworkSources } from './paperwork/sources.ts';
import type { SettingsService } from './settings/settings-service.ts';
import type { ShippingService } from './shipping/shipping-service.ts';
import type { ShopService } from './shop-service.ts';
import type { TokenService } from './token-service.ts';
import type { UserService } from './user-service.ts';

/**
 * Every application service, built once over one store and clock by the composition root
 * (src/composition/compose.ts) and handed to whoever serves a role: the HTTP server, the CLI,
 * the workers, the tests.
 */
export interface Services {
  readonly store: Store;
  readonly clock: Clock;
  readonly health: HealthService;
  /**
   * Staff sessions and login, timing sessions out on `sessionClock` (the app's clock unless the
   * caller runs the app on a sandbox clock that jumps ahead).
   */
  staffAuth(sessionClock: Clock): StaffAuth;
  readonly orders: OrderService;
  readonly shops: ShopService;
  readonly users: UserService;
  readonly tokens: TokenService;
  readonly settings: SettingsService;
  readonly shipping: ShippingService;
  readonly paperwork: PaperworkService;
  /** What the paperwork reads besides orders: the issuer block, settings, shipment keys. */
  readonly paperworkSources: PaperworkSources;
  readonly mail: MailService;
  /** The shops' mail accounts, for the mail delivery loop. */
  readonly mailAccounts: SettingsMailAccounts;
  readonly automation: AutomationService;
  /** Administration: shops' connections, people, the audit log (tokens are `tokens`). */
  readonly admin: {
    readonly shops: ShopAdminService;
    readonly people: PeopleService;
    readonly audit: AuditService;
  };
}
