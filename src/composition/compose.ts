import type { Logger } from 'pino';
import { AuditService } from '../app/admin/audit-service.ts';
import type { ConnectionTester } from '../app/admin/connection.ts';
import { PeopleService } from '../app/admin/people-service.ts';
import { ShopAdminService } from '../app/admin/shop-admin-service.ts';
import { createStaffAuth } from '../app/auth/staff-auth.ts';
import { AutomationService } from '../app/automation/automation-service.ts';
import { MailService } from '../app/mail/mail-service.ts';
import { SettingsMailAccounts } from '../app/mail/settings-accounts.ts';
import { HealthService } from '../app/health-service.ts';
import { OrderService } from '../app/order-service.ts';
import { PaperworkService } from '../app/paperwork/paperwork-service.ts';
import { PaperworkSources } from '../app/paperwork/sources.ts';
import type { Services } from '../app/services.ts';
import { SettingsService } from '../app/settings/settings-service.ts';
import { ShippingService } from '../app/shipping/shipping-service.ts';
import { ShopService } from '../app/shop-service.ts';
import { ApiTokenCache, TokenService } from '../app/token-service.ts';
import { UserService } from '../app/user-service.ts';
import type { Config } from '../config.ts';
import { requireSecret } from '../config.ts';
import { RemoteClock, systemClock } from '../ports/clock.ts';
import type { Clock } from '../ports/clock.ts';
import { randomIds } from '../ports/ids.ts';
import type { IdGenerator } from '../ports/ids.ts';
import { argon2idHasher } from '../ports/password-hasher.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import { createSecretBox } from '../ports/secret-box.ts';
import type { SecretBox } from '../ports/secret-box.ts';
import { migrate, openDatabase } from '../store/database.ts';
import type { Database } from '../store/database.ts';
import { Store } from '../store/store.ts';
import { rmsConnectionTester } from '../sync/connection-test.ts';
import type { SyncDeps } from '../sync/context.ts';
import { listSyncRuns } from '../sync/index.ts';
import type { SyncRunSummary } from '../sync/index.ts';

/**
 * The program assembled: the database, its store, the clock and every service, built once. Each
 * role (CLI command, server, worker, demo) and every test harness starts from one of these.
 */
export interface App extends Services {
  readonly db: Database;
  /** Opens the stored credentials (JUCHU_SECRET), asked for only when they are sealed or opened. */
  readonly secrets: () => SecretBox;
  /** Recent sync runs, newest first (the sync worker's run records). */
  syncRuns(opts: Parameters<typeof listSyncRuns>[1]): Promise<SyncRunSummary[]>;
  /** The sync worker's dependencies over this app's database, clock and secrets; `extra` replaces any (tests inject faults). */
  syncDeps(logger: Logger, extra?: Partial<SyncDeps>): SyncDeps;
  close(): Promise<void>;
}

export interface AppPorts {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly hasher: PasswordHasher;
  /** Asked for only when credentials are sealed or opened. */
  readonly secrets: () => SecretBox;
  /** "Test the connection" and license-key checks; calls RMS over HTTP unless given. */
  readonly connectionTester?: ConnectionTester;
}

/** Wires the store and the services over an open database. */
export function createApp(db: Database, ports: AppPorts): App {
  const { clock, ids, hasher, secrets } = ports;
  const store = Store.open(db);
  // One per process: the requests presenting tokens, and the revocations and disabled users that end them.
  const tokenCache = new ApiTokenCache();
  const settings = new SettingsService({ store, clock, secrets });
  const shops = new ShopService({ store, clock, secrets });
  const paperworkSources = new PaperworkSources({ store, clock, settings });
  const mailAccounts = new SettingsMailAccounts({ store, settings });
  return {
    db,
    store,
    clock,
    secrets,
    health: new HealthService({ store }),
    staffAuth: (sessionClock) => createStaffAuth({ store, clock, hasher }, sessionClock),
    orders: new OrderService({ store, clock }),
    shops,
    users: new UserService({ store, clock, ids, hasher }),
    tokens: new TokenService({ store, clock, ids, cache: tokenCache }),
    settings,
    shipping: new ShippingService({ store, clock, ids, settings }),
    paperwork: new PaperworkService({ store, clock, sources: paperworkSources }),
    paperworkSources,
    mail: new MailService({ store, clock, accounts: mailAccounts }),
    mailAccounts,
    automation: new AutomationService({ store, clock, settings }),
    admin: {
      shops: new ShopAdminService({ store, clock, shops, tester: ports.connectionTester ?? rmsConnectionTester({ store, clock }) }),
      people: new PeopleService({ store, clock, ids, hasher, tokenCache }),
      audit: new AuditService({ store, clock }),
    },
    syncRuns: (opts) => listSyncRuns(store, opts),
    syncDeps: (logger, extra = {}) => ({ db, clock, logger, secrets, ...extra }),
    close: () => db.close(),
  };
}

/** The real ports: random ids, argon2id, the secret box from JUCHU_SECRET (opened on first need). */
export function realPorts(clock: Clock, secret: () => string): AppPorts {
  let box: SecretBox | undefined;
  return { clock, ids: randomIds, hasher: argon2idHasher, secrets: () => (box ??= createSecretBox(secret())) };
}

/** Opens and migrates the configured database and wires the services with the real ports. */
export async function openApp(config: Config): Promise<App> {
  const clock = config.clockUrl ? await RemoteClock.connect(config.clockUrl) : systemClock;
  const db = await openDatabase(config.databaseUrl);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return createApp(db, realPorts(clock, () => requireSecret(config)));
}
