import { startSandbox } from '../../../src/sandbox/index.ts';
import type { RunningSandbox, Scenario } from '../../../src/sandbox/index.ts';
import { createApp } from '../../../src/composition/compose.ts';
import type { App } from '../../../src/composition/compose.ts';
import { saveActionResult } from '../../../src/app/persist-action.ts';
import { applyRmsSnapshot } from '../../../src/domain/actions.ts';
import type { Actor } from '../../../src/domain/history.ts';
import { ManualClock } from '../../../src/ports/clock.ts';
import { randomIds } from '../../../src/ports/ids.ts';
import { argon2idHasher } from '../../../src/ports/password-hasher.ts';
import { createSecretBox } from '../../../src/ports/secret-box.ts';
import { toDomainOrder } from '../../../src/rms/mapping.ts';
import { orderModelSchema } from '../../../src/rms/wire/order-model.ts';
import { migrate, openDatabase } from '../../../src/store/database.ts';
import type { Database } from '../../../src/store/database.ts';
import { createTestDatabase } from '../../support/database.ts';
import { Store } from '../../../src/store/store.ts';

export const TEST_SECRET = 'reliability-suite-secret-0123456789';
export const ADMIN: Actor = { kind: 'system', name: 'reliability-test' };

/** Sandbox time is frozen here, so runs are repeatable; the harness clock starts with it. */
const START = new Date('2026-11-02T01:00:00Z');

export interface TestShop {
  readonly code: string;
  readonly serviceSecret: string;
  readonly licenseKey: string;
}

/**
 * One test's world: a fresh database (SQLite, or PostgreSQL under test:pg), an in-process RMS
 * sandbox, the application services on a manual clock, and shops registered in both.
 */
export interface Harness {
  readonly db: Database;
  readonly clock: ManualClock;
  readonly app: App;
  readonly sandbox: RunningSandbox;
  addShop(code: string, opts?: ShopOptions): Promise<TestShop>;
  /**
   * Places orders in the sandbox and brings them into juchu as an import would (RMS model
   * through the wire schema, the mapping and the domain's applyRmsSnapshot, in one transaction).
   */
  seedOrders(shop: TestShop, opts?: { count?: number; scenario?: Scenario }): Promise<string[]>;
  close(): Promise<void>;
}

export interface ShopOptions {
  readonly autoConfirm?: boolean;
  /** When RMS stops accepting the shop's license key. */
  readonly licenseExpiresAt?: Date;
}

export interface HarnessOptions {
  /** Work on this database (e.g. one a child process shares) instead of a fresh private one. */
  readonly databaseUrl?: string;
}

export async function createHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const db = opts.databaseUrl ? await openMigrated(opts.databaseUrl) : await createTestDatabase();
  const sandbox = await startSandbox({ clock: 'frozen', startAt: START, seed: 7 });
  const clock = new ManualClock(sandbox.clock.now());
  const box = createSecretBox(TEST_SECRET);
  const app = createApp(db, { clock, ids: randomIds, hasher: argon2idHasher, secrets: () => box });

  const addShop = async (code: string, opts: ShopOptions = {}): Promise<TestShop> => {
    const rms = sandbox.createShop({
      autoConfirm: opts.autoConfirm ?? false,
      name: code,
      ...(opts.licenseExpiresAt ? { licenseExpiresAt: opts.licenseExpiresAt.toISOString() } : {}),
    });
    const licenseKey = rms.licenses.at(-1)!.licenseKey;
    await app.shops.add(
      { code, name: code, serviceSecret: rms.serviceSecret, licenseKey, rmsUrl: sandbox.url, rateLimitPerSecond: 0, autoConfirm: opts.autoConfirm ?? false, ...(opts.licenseExpiresAt ? { licenseKeyExpiresAt: opts.licenseExpiresAt } : {}) },
      ADMIN,
    );
    return { code, serviceSecret: rms.serviceSecret, licenseKey };
  };

  const seedOrders = async (shop: TestShop, opts: { count?: number; scenario?: Scenario } = {}): Promise<string[]> => {
    const numbers = sandbox.generateOrders({ licenseKey: shop.licenseKey, count: opts.count ?? 1, scenario: opts.scenario ?? 'card_ok' });
    const stored = await Store.open(db).shops.get(shop.code);
    if (!stored) throw new Error(`shop ${shop.code} is not registered`);
    const now = clock.now();
    await Store.open(db).transaction(async (tx) => {
      for (const orderNumber of numbers) {
        const model = orderModelSchema.parse(sandbox.sandbox.findOrder(orderNumber).model);
        const result = applyRmsSnapshot(null, toDomainOrder(model, shop.code), { now, actor: ADMIN, shop: stored.shop });
        await saveActionResult(tx, result, now, 'insert');
      }
    });
    return numbers;
  };

  return {
    db,
    clock,
    app,
    sandbox,
    addShop,
    seedOrders,
    close: async () => {
      await sandbox.close();
      await db.close();
    },
  };
}

async function openMigrated(url: string): Promise<Database> {
  const db = await openDatabase(url, { maxConnections: 4 });
  await migrate(db);
  return db;
}
