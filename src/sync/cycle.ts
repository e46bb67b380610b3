import { SYSTEM_CALLER } from '../app/caller.ts';
import { ShopService } from '../app/shop-service.ts';
import { toJstIso } from '../domain/jst.ts';
import type { Store } from '../store/store.ts';
import type { SyncRunCounts, SyncRunMessage, SyncRunRecord } from '../store/sync-runs.ts';
import { openShopSync, resolveDeps, type ResolvedDeps, type ShopSync, type SyncDeps } from './context.ts';
import { runStopCode } from './decide/outcome-table.ts';
import { deliverOutbox } from './deliver.ts';
import { importNewOrders, pollCancellations } from './import.ts';
import { refreshOpenOrders } from './refresh.ts';
import { rereadForPaperwork } from './paperwork/reread.ts';
import { checkLicense } from './license.ts';
import { ShopRunLog, type ShopRunSummary } from './run-log.ts';
import { LeaseLostError, ShopLease } from './shop-lease.ts';

/** What a run did, as `juchu sync --json`, `POST /api/sync/run` and `GET /api/sync/runs` show it. */
export interface SyncRunSummary extends SyncRunCounts {
  readonly runId: number;
  readonly trigger: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly outcome: 'running' | 'succeeded' | 'failed';
  readonly cancelledOrderNumbers: readonly string[];
  readonly shops: readonly ShopRunSummary[];
  readonly messages: readonly SyncRunMessage[];
}

/** The shops a run covers: one, several (a caller limited to them), or, with neither, every shop. */
export interface RunScope {
  readonly shopCode?: string;
  readonly shopCodes?: readonly string[];
}

export interface SyncRunRequest extends RunScope {
  /** Who asked: cli, worker, api, import… */
  readonly trigger?: string;
  /** Aborted when the worker is asked to stop: the shop in hand is finished, the others are left to the next run. */
  readonly signal?: AbortSignal;
}

/** One shop's share of a run. */
export type ShopWork = (sync: ShopSync) => Promise<void>;

/**
 * The full cycle: new orders, キャンセル注文状況取得, the orders RMS may still move, then the
 * outbox. Refreshing before delivering lets one run take an order cancelled while 注文確認待ち
 * all the way to キャンセル (the confirmation queued by the refresh answers ERROR_102).
 */
export const fullCycle: ShopWork = async (sync) => {
  await checkLicense(sync);
  const imported = await importNewOrders(sync);
  const cancelled = await pollCancellations(sync);
  await refreshOpenOrders(sync, new Set([...imported, ...cancelled]));
  await rereadForPaperwork(sync);
  await deliverOutbox(sync);
};

export async function runSyncCycle(deps: SyncDeps, request: SyncRunRequest = {}): Promise<SyncRunSummary> {
  return runForShops(resolveDeps(deps), request, fullCycle);
}

/** Every shop's code, or those of `only` that exist, in the shops' order. */
async function scopedShopCodes(shops: ShopService, only: readonly string[] | undefined): Promise<string[]> {
  const all = (await shops.list(SYSTEM_CALLER)).map((l) => l.shop.code);
  return only === undefined ? all : all.filter((code) => only.includes(code));
}

/** Runs `work` for each shop (or the one asked for) under the shop's lease and records the run. */
export async function runForShops(deps: ResolvedDeps, request: SyncRunRequest, work: ShopWork): Promise<SyncRunSummary> {
  const { store, clock, workerId } = deps;
  const shops = new ShopService({ store, clock, secrets: deps.secrets });
  const codes = request.shopCode ? [(await shops.get(SYSTEM_CALLER, request.shopCode)).code] : await scopedShopCodes(shops, request.shopCodes);
  const runs = store.syncRuns;
  const trigger = request.trigger ?? 'cli';
  const startedAt = clock.now();
  const runId = await runs.start({ trigger, shopFilter: request.shopCode ?? null, workerId, startedAt });
  const logs: ShopRunLog[] = [];
  for (const code of codes) logs.push(request.signal?.aborted ? leftForLater(code) : await syncShop(deps, code, runId, work));
  const summaries = logs.map((l) => l.summary());
  const counts = totals(summaries);
  const outcome = summaries.every((s) => s.outcome !== 'failed') ? 'succeeded' : 'failed';
  const finishedAt = clock.now();
  const messages = logs.flatMap((l) => l.messages);
  const cancelledOrderNumbers = summaries.flatMap((s) => s.cancelledOrderNumbers);
  await runs.finish(runId, { finishedAt, outcome, counts, details: { shops: summaries, cancelledOrderNumbers }, messages });
  await runs.deleteStartedBefore(new Date(finishedAt.getTime() - deps.options.runRetentionDays * 86_400_000));
  deps.logger.info({ runId, trigger, outcome, ...counts }, 'sync run finished');
  return {
    runId,
    trigger,
    startedAt: toJstIso(startedAt),
    finishedAt: toJstIso(finishedAt),
    outcome,
    ...counts,
    cancelledOrderNumbers,
    shops: summaries,
    messages,
  };
}

function leftForLater(shopCode: string): ShopRunLog {
  const log = new ShopRunLog(shopCode);
  log.skip('this worker is stopping');
  return log;
}

async function syncShop(deps: ResolvedDeps, shopCode: string, runId: number, work: ShopWork): Promise<ShopRunLog> {
  const { store, clock, logger } = deps;
  const log = new ShopRunLog(shopCode);
  const lease = await ShopLease.take(deps, shopCode);
  if (!lease) {
    log.skip('another worker is syncing this shop');
    return log;
  }
  const state = store.syncShopState;
  try {
    await work(await openShopSync(deps, lease, log, runId));
    await state.clearAlert(shopCode);
  } catch (err) {
    const code = err instanceof LeaseLostError ? 'LEASE_LOST' : (runStopCode(err) ?? 'SYNC_ERROR');
    if (code === 'SYNC_ERROR') logger.error({ err, shop: shopCode }, 'sync failed');
    if (code === 'RMS_AUTH_FAILED') await state.setAlert(shopCode, code, {}, clock.now());
    log.failed(null, code, {}, (err as Error).message);
    log.stop((err as Error).message);
  } finally {
    await lease.release();
  }
  await state.recordRun(shopCode, clock.now(), log.summary().outcome === 'ok');
  return log;
}

function totals(summaries: readonly ShopRunSummary[]): SyncRunCounts {
  const sum = (key: keyof SyncRunCounts) => summaries.reduce((n, s) => n + s[key], 0);
  return {
    imported: sum('imported'),
    updated: sum('updated'),
    pushed: sum('pushed'),
    failed: sum('failed'),
    cancelled: sum('cancelled'),
    quarantined: sum('quarantined'),
    rmsCalls: sum('rmsCalls'),
  };
}

/** Recent runs, newest first, with their per-order messages. */
export async function listSyncRuns(
  store: Store,
  opts: { limit?: number; beforeId?: number; shopCode?: string } = {},
): Promise<SyncRunSummary[]> {
  const records = await store.syncRuns.list(opts);
  return records.map(toSummary);
}

function toSummary(record: SyncRunRecord): SyncRunSummary {
  const details = (record.details ?? {}) as { shops?: ShopRunSummary[]; cancelledOrderNumbers?: string[] };
  return {
    runId: record.id,
    trigger: record.trigger,
    startedAt: toJstIso(record.startedAt),
    finishedAt: record.finishedAt ? toJstIso(record.finishedAt) : null,
    outcome: record.outcome,
    imported: record.imported,
    updated: record.updated,
    pushed: record.pushed,
    failed: record.failed,
    cancelled: record.cancelled,
    quarantined: record.quarantined,
    rmsCalls: record.rmsCalls,
    cancelledOrderNumbers: details.cancelledOrderNumbers ?? [],
    shops: details.shops ?? [],
    messages: record.messages,
  };
}
