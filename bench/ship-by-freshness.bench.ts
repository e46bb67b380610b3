/**
 * Freshness with a backlog of 出荷予定日 pushes: a shop with RMS auto-confirm ON receives N
 * orders that arrive in 楽天処理中, so each gets a ship-by date to push. Under Rakuten's 1
 * request/s, the first run imports them and delivers the pushes (batched, 100 per
 * updateOrderShippingAsync); orders placed meanwhile are imported by the next run, whose
 * import comes before any delivery. Reports the pushes' RMS calls against one
 * updateOrderShipping per order, and how long the new orders waited.
 *
 *   node --import tsx bench/ship-by-freshness.bench.ts [backlog] [new]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { ShopService } from '../src/app/shop-service.ts';
import { createSecretBox } from '../src/ports/secret-box.ts';
import { fetchHttp, type RmsHttp } from '../src/rms/http.ts';
import { startSandbox } from '../src/sandbox/index.ts';
import { migrate, openDatabase } from '../src/store/database.ts';
import { OrderRepository } from '../src/store/order-repository.ts';
import { runSyncCycle } from '../src/sync/index.ts';

const START = new Date('2026-03-02T01:00:00Z');

export interface FreshnessBench {
  readonly backlog: number;
  readonly pushCalls: number;
  readonly firstRunSeconds: number;
  readonly newOrders: number;
  /** From placing the new orders (as the first run began delivering) to their import. */
  readonly newOrdersWaitSeconds: number;
  readonly secondRunImportCalls: number;
}

export async function benchFreshness(opts: { backlog: number; fresh: number }): Promise<FreshnessBench> {
  const sandbox = await startSandbox({ port: 0, seed: 3, clock: 'frozen', startAt: START, settings: { asyncResultDelaySeconds: 0 } });
  const dir = mkdtempSync(join(tmpdir(), 'juchu-bench-freshness-'));
  const db = await openDatabase(`file:${join(dir, 'juchu.db')}`);
  try {
    await migrate(db);
    const rmsShop = sandbox.createShop({ autoConfirm: true });
    const licenseKey = rmsShop.licenses[0]!.licenseKey;
    sandbox.generateOrders({ licenseKey, scenario: 'card_ok', count: opts.backlog, spreadDays: 1 });
    // Rakuten's auto-confirm takes the orders to 楽天処理中 before the first import.
    sandbox.sandbox.advanceClock(120);
    const box = createSecretBox('bench-secret-0000000000002');
    const clock = { now: () => sandbox.clock.now() };
    await new ShopService({ db, clock, secrets: () => box }).add(
      { code: 'bench', name: 'ベンチ店', serviceSecret: rmsShop.serviceSecret, licenseKey, rmsUrl: sandbox.url, rateLimitPerSecond: 1, autoConfirm: true },
      { kind: 'system', name: 'bench' },
    );
    let placedAt: number | null = null;
    const calls = new Map<string, number>();
    const http: RmsHttp = async (request) => {
      const operation = new URL(request.url).pathname.split('/').filter(Boolean).at(-1) ?? '?';
      calls.set(operation, (calls.get(operation) ?? 0) + 1);
      // The first push is the moment the new orders come in: the run has finished importing.
      if (operation === 'updateOrderShippingAsync' && placedAt === null) {
        sandbox.generateOrders({ licenseKey, scenario: 'card_ok', count: opts.fresh, spreadDays: 0 });
        placedAt = performance.now();
      }
      return fetchHttp(request);
    };
    const deps = { db, clock, logger: pino({ level: 'silent' }), secrets: () => box, http };
    const first = performance.now();
    await runSyncCycle(deps, { shopCode: 'bench' });
    const firstRunSeconds = (performance.now() - first) / 1000;
    const pushCalls = (calls.get('updateOrderShippingAsync') ?? 0) + (calls.get('updateOrderShipping') ?? 0) + (calls.get('getResultUpdateOrderShippingAsync') ?? 0);
    const before = new Map(calls);
    sandbox.sandbox.advanceClock(60);
    const second = await runSyncCycle(deps, { shopCode: 'bench' });
    const importedAt = performance.now();
    const all = await new OrderRepository(db.kysely).list({ shopCodes: ['bench'] }, { limit: 1 }, clock.now());
    if (all.items.length === 0 || second.imported < opts.fresh) throw new Error(`the second run imported ${second.imported} of ${opts.fresh} new orders`);
    return {
      backlog: opts.backlog,
      pushCalls,
      firstRunSeconds,
      newOrders: opts.fresh,
      newOrdersWaitSeconds: placedAt === null ? Number.NaN : (importedAt - placedAt) / 1000,
      secondRunImportCalls: (calls.get('getOrder') ?? 0) - (before.get('getOrder') ?? 0),
    };
  } finally {
    await sandbox.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [backlog, fresh] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(await benchFreshness({ backlog: backlog ? Number(backlog) : 1_000, fresh: fresh ? Number(fresh) : 10 }), null, 2)}\n`);
}
