import pino from 'pino';
import { createTestApp } from '../../support/app.ts';
import type { Actor } from '../../../src/domain/history.ts';
import type { Order } from '../../../src/domain/order.ts';
import type { RmsHttp } from '../../../src/rms/http.ts';
import { fetchHttp } from '../../../src/rms/http.ts';
import type { Sleep } from '../../../src/rms/retry.ts';
import { startSandbox, type RunningSandbox, type SandboxSettings, type Scenario } from '../../../src/sandbox/index.ts';
import { runSyncCycle, type SyncOptions, type SyncRunSummary } from '../../../src/sync/index.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

export const STAFF: Actor = { kind: 'user', userId: 'u1', name: '山田' };
export const SHOP = 'shop1';

export interface HarnessOptions {
  readonly autoConfirm?: boolean;
  readonly cancelViaApi?: boolean;
  readonly settings?: Partial<SandboxSettings>;
  readonly options?: Partial<SyncOptions>;
  /** Wraps the real HTTP port, e.g. to count or break calls. */
  readonly http?: (inner: RmsHttp) => RmsHttp;
  /** Real pauses between retries (default: none). */
  readonly sleep?: Sleep;
  /** The worker's real time (leases, rate limit); default Date.now. */
  readonly wallClock?: () => number;
}

/**
 * juchu and the in-process sandbox over real HTTP, sharing the sandbox's frozen clock, on a
 * fresh database of the engine under test. Retries wait no real time.
 */
export async function startHarness(opts: HarnessOptions = {}) {
  const sandbox: RunningSandbox = await startSandbox({
    port: 0,
    seed: 4242,
    clock: 'frozen',
    startAt: new Date('2026-03-02T01:00:00Z'),
    settings: opts.settings ?? {},
  });
  const rmsShop = sandbox.createShop({ autoConfirm: opts.autoConfirm ?? false });
  const license = rmsShop.licenses[0]!;
  const clock = { now: () => sandbox.clock.now() };
  const app = await createTestApp(clock);
  const { db, store, shops, orders } = app;
  await shops.add(
    {
      code: SHOP,
      name: 'テスト店',
      serviceSecret: rmsShop.serviceSecret,
      licenseKey: license.licenseKey,
      rmsUrl: sandbox.url,
      autoConfirm: opts.autoConfirm ?? false,
      cancelViaApi: opts.cancelViaApi ?? false,
      rateLimitPerSecond: 0,
    },
    STAFF,
  );
  const deps = app.syncDeps(pino({ level: 'silent' }), {
    http: opts.http ? opts.http(fetchHttp) : fetchHttp,
    sleep: opts.sleep ?? (async () => {}),
    ...(opts.wallClock && { wallClock: opts.wallClock }),
    options: {
      retry: { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5, maintenanceBaseDelayMs: 1 },
      asyncResultPollDelayMs: 0,
      ...opts.options,
    },
  });
  return {
    sandbox,
    app,
    db,
    store,
    clock,
    deps,
    shops,
    orders,
    licenseKey: license.licenseKey,
    serviceSecret: rmsShop.serviceSecret,
    place(scenario: Scenario, count = 1): string[] {
      return sandbox.generateOrders({ licenseKey: license.licenseKey, scenario, count });
    },
    sync(): Promise<SyncRunSummary> {
      return runSyncCycle(deps, { shopCode: SHOP });
    },
    async order(orderNumber: string): Promise<Order> {
      return (await orders.details(SYSTEM_CALLER, orderNumber)).order;
    },
    async outbox(orderNumber: string) {
      return store.outbox.listForOrder(orderNumber);
    },
    advance(seconds: number): void {
      sandbox.sandbox.advanceClock(seconds);
    },
    /** Ledger entries that changed RMS state, for one order and operation. */
    effects(orderNumber: string, operation: string) {
      return sandbox.sandbox.ledger({ orderNumber, operation }).filter((e) => e.changedState);
    },
    calls(orderNumber: string, operation: string) {
      return sandbox.sandbox.ledger({ orderNumber, operation });
    },
    rmsOrder(orderNumber: string) {
      return sandbox.sandbox.orderView(orderNumber) as Record<string, unknown> & { orderProgress: number };
    },
    async close(): Promise<void> {
      await sandbox.close();
      await db.close();
    },
  };
}

export type Harness = Awaited<ReturnType<typeof startHarness>>;
