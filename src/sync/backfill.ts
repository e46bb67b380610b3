import { resolveDeps, type SyncDeps } from './context.ts';
import { runForShops, type SyncRunSummary } from './cycle.ts';
import { backfillOrders } from './import.ts';

/**
 * `juchu import --since`: loads every order placed since that JST day for each shop (or one),
 * recorded as a run like any other. Interrupted, the same command continues where it stopped.
 */
export function runImport(deps: SyncDeps, request: { since: Date; shopCode?: string }): Promise<SyncRunSummary> {
  return runForShops(resolveDeps(deps), { shopCode: request.shopCode, trigger: 'import' }, async (sync) => {
    await backfillOrders(sync, request.since);
  });
}
