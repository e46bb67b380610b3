import { openShopSync, type ResolvedDeps, type ShopSync } from './context.ts';
import { importOrdersSince, ORDERS_CURSOR } from './import.ts';
import { ShopRunLog } from './run-log.ts';
import { ShopLease } from './shop-lease.ts';

/**
 * A check searches from this long before the last import's end. Orders RMS indexes later than
 * that are still found by the next cycle's import, which re-scans `importOverlapMs`.
 */
const CHECK_OVERLAP_MS = 5 * 60 * 1000;

/**
 * Imports the orders placed since the last import when `newOrderCheckIntervalMs` has passed
 * since it: one searchOrder, and getOrder only for orders juchu does not hold. Bulk work calls
 * it between its chunks, so a new order waits at most one chunk (and the interval), never a
 * whole refresh turn or outbox backlog. The last import's end is the orders cursor, kept in the
 * database, so the check needs no state of its own and any worker may make it.
 */
export async function checkNewOrdersIfDue(sync: ShopSync): Promise<string[]> {
  const interval = sync.deps.options.newOrderCheckIntervalMs;
  if (interval <= 0) return [];
  const last = await sync.deps.store.syncCursors.get(sync.shop.code, ORDERS_CURSOR);
  // Before the first import the cycle's own import (with its progress record) comes first.
  if (!last || sync.deps.clock.now().getTime() - last.getTime() < interval) return [];
  const callsBefore = sync.log.rmsCalls;
  try {
    return await importOrdersSince(sync, new Date(last.getTime() - CHECK_OVERLAP_MS));
  } finally {
    sync.deps.newOrderCheckCalls.add(sync.log.rmsCalls - callsBefore);
  }
}

/**
 * The check for each of `shopCodes`, between the worker's cycles: under the shop's lease, like
 * a cycle (a shop another worker is syncing is left to it). It writes no run record — the
 * cycles do — and a failure is only logged: the next cycle meets it again and reports it.
 */
export async function checkShopsForNewOrders(deps: ResolvedDeps, shopCodes: readonly string[]): Promise<void> {
  for (const code of shopCodes) {
    const lease = await ShopLease.take(deps, code);
    if (!lease) continue;
    const log = new ShopRunLog(code);
    try {
      await checkNewOrdersIfDue(await openShopSync(deps, lease, log, null));
    } catch (err) {
      deps.logger.warn({ err, shop: code }, 'new-order check failed');
    } finally {
      await lease.release();
    }
  }
}
