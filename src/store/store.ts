import type { Kysely } from 'kysely';
import { OneTimeLinkRepository } from './admin/one-time-links.ts';
import { ShopImportRepository } from './admin/shop-imports.ts';
import { ApiTokenRepository } from './api-token-repository.ts';
import { AuditLogRepository } from './audit-log-repository.ts';
import { RuleRepository } from './automation/rule-repository.ts';
import { WorkStateRepository } from './automation/work-state-repository.ts';
import { engineOf } from './database.ts';
import type { Database, Engine } from './database.ts';
import { HistoryRepository } from './history-repository.ts';
import { MailRepository } from './mail/mail-repository.ts';
import { MailStateRepository } from './mail/mail-state-repository.ts';
import { MailTemplateRepository } from './mail/template-repository.ts';
import { OrderRepository } from './order-repository.ts';
import { OutboxRepository } from './outbox-repository.ts';
import { PaperworkRepository } from './paperwork/paperwork-repository.ts';
import { LoginAttemptRepository } from './session-login-attempts.ts';
import { SessionRepository } from './session-repository.ts';
import { SettingsRepository } from './settings/settings-repository.ts';
import { ShipmentKeyRepository, type RandomBytes } from './shipping/shipment-key-repository.ts';
import { SavedFilterRepository } from './shipping/saved-filter-repository.ts';
import { ShippingRepository } from './shipping/shipping-repository.ts';
import { ShopRepository } from './shop-repository.ts';
import { SyncAsyncRequestRepository } from './sync-async-requests.ts';
import { SyncCursorRepository } from './sync-cursors.ts';
import { SyncLeaseRepository } from './sync-leases.ts';
import { SyncQuarantineRepository } from './sync-quarantine.ts';
import { DatabaseSlotStore } from './sync-rate-limits.ts';
import { SyncRunRepository } from './sync-runs.ts';
import { SyncShopStateRepository } from './sync-shop-state.ts';
import type { Tables } from './tables.ts';
import { UserRepository } from './user-repository.ts';

type UnitOfWork = <T>(fn: (tx: Kysely<Tables>) => Promise<T>) => Promise<T>;

/**
 * The one way into storage: every repository, on the database itself or within a transaction.
 * Code outside this folder never builds a repository nor passes the SQL dialect along; it asks
 * a `Store` for what it needs, and `transaction` hands it a `Store` whose repositories all
 * write in that one unit of work.
 */
export class Store {
  private constructor(
    /** The Kysely instance the repositories run on: the database, or the open transaction. */
    readonly kysely: Kysely<Tables>,
    private readonly unitOfWork: UnitOfWork | null,
  ) {}

  /** The facade over an open database. */
  static open(db: Database): Store {
    return new Store(db.kysely, (fn) => db.transaction(fn));
  }

  /** The facade over a transaction someone else opened (code that is handed a Kysely `tx`). */
  static within(tx: Kysely<Tables>): Store {
    return new Store(tx, null);
  }

  get engine(): Engine {
    return engineOf(this.kysely);
  }

  /**
   * Runs `fn` in one unit of work. Within a transaction already, `fn` joins it, so a service
   * that writes in its own transaction can also be called from inside a larger one.
   */
  transaction<T>(fn: (store: Store) => Promise<T>): Promise<T> {
    if (this.unitOfWork === null) return fn(this);
    return this.unitOfWork((tx) => fn(new Store(tx, null)));
  }

  get orders(): OrderRepository {
    return new OrderRepository(this.kysely);
  }
  get history(): HistoryRepository {
    return new HistoryRepository(this.kysely);
  }
  get outbox(): OutboxRepository {
    return new OutboxRepository(this.kysely, this.engine);
  }
  get shops(): ShopRepository {
    return new ShopRepository(this.kysely);
  }
  get shopImports(): ShopImportRepository {
    return new ShopImportRepository(this.kysely);
  }
  get users(): UserRepository {
    return new UserRepository(this.kysely);
  }
  get sessions(): SessionRepository {
    return new SessionRepository(this.kysely);
  }
  get loginAttempts(): LoginAttemptRepository {
    return new LoginAttemptRepository(this.kysely);
  }
  get oneTimeLinks(): OneTimeLinkRepository {
    return new OneTimeLinkRepository(this.kysely);
  }
  get apiTokens(): ApiTokenRepository {
    return new ApiTokenRepository(this.kysely);
  }
  get auditLog(): AuditLogRepository {
    return new AuditLogRepository(this.kysely);
  }
  get settings(): SettingsRepository {
    return new SettingsRepository(this.kysely);
  }
  get shipping(): ShippingRepository {
    return new ShippingRepository(this.kysely);
  }
  /** The 出荷作業 page's saved selections. */
  get savedShippingFilters(): SavedFilterRepository {
    return new SavedFilterRepository(this.kysely);
  }
  /** Shipment keys are drawn from `randomBytes`; `now` stamps the ones given. */
  shipmentKeys(randomBytes: RandomBytes, now: () => Date): ShipmentKeyRepository {
    return new ShipmentKeyRepository(this.kysely, randomBytes, now);
  }
  get paperwork(): PaperworkRepository {
    return new PaperworkRepository(this.kysely);
  }
  get mail(): MailRepository {
    return new MailRepository(this.kysely, this.engine);
  }
  get mailStates(): MailStateRepository {
    return new MailStateRepository(this.kysely);
  }
  get mailTemplates(): MailTemplateRepository {
    return new MailTemplateRepository(this.kysely);
  }
  get rules(): RuleRepository {
    return new RuleRepository(this.kysely);
  }
  get workStates(): WorkStateRepository {
    return new WorkStateRepository(this.kysely);
  }
  get syncRuns(): SyncRunRepository {
    return new SyncRunRepository(this.kysely);
  }
  get syncCursors(): SyncCursorRepository {
    return new SyncCursorRepository(this.kysely);
  }
  get syncLeases(): SyncLeaseRepository {
    return new SyncLeaseRepository(this.kysely);
  }
  get syncQuarantine(): SyncQuarantineRepository {
    return new SyncQuarantineRepository(this.kysely);
  }
  get syncAsyncRequests(): SyncAsyncRequestRepository {
    return new SyncAsyncRequestRepository(this.kysely);
  }
  get syncShopState(): SyncShopStateRepository {
    return new SyncShopStateRepository(this.kysely);
  }
  /** The RMS rate limit's slots, shared by every process on this database. */
  get rateSlots(): DatabaseSlotStore {
    return new DatabaseSlotStore(this.kysely);
  }
}
