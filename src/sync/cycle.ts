import { ShopService } from '../app/shop-service.ts';
import { toJstIso } from '../domain/jst.ts';
import { RmsAuthError, RmsError } from '../rms/errors.ts';
import type { Database } from '../store/database.ts';
import { SyncRunRepository, type SyncRunCounts, type SyncRunMessage, type SyncRunRecord } from '../store/sync-runs.ts';
import { SyncShopStateRepository } from '../store/sync-shop-state.ts';
import { openShopSync, resolveDeps, type ResolvedDeps, type ShopSync, type SyncDeps } from './context.ts';
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

export interface SyncRunRequest {
  readonly shopCode?: string;
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

/** Runs `work` for each shop (or the one asked for) under the shop's lease and records the run. */
export async function runForShops(deps: ResolvedDeps, request: SyncRunRequest, work: ShopWork): Promise<SyncRunSummary> {
  const { db, clock, workerId } = deps;
  const shops = new ShopService({ db, clock, secrets: deps.secrets });
  const codes = request.shopCode ? [(await shops.get(request.shopCode)).code] : (await shops.list()).map((l) => l.shop.code);
  const runs = new SyncRunRepository(db.kysely);
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
  const { db, clock, logger } = deps;
  const log = new ShopRunLog(shopCode);
  const lease = await ShopLease.take(deps, shopCode);
  if (!lease) {
    log.skip('another worker is syncing this shop');
    return log;
  }
  const state = new SyncShopStateRepository(db.kysely);
  try {
    await work(await openShopSync(deps, lease, log, runId));
    await state.clearAlert(shopCode);
  } catch (err) {
    if (err instanceof RmsAuthError) {
      const message = 'RMSがライセンスキー（またはサービスシークレット）を受け付けませんでした。新しいライセンスキーを登録してください。登録後の次回の同期から再開します。';
      await state.setAlert(shopCode, 'RMS_AUTH_FAILED', message, clock.now());
      log.failed(null, 'RMS_AUTH_FAILED', message, err.message);
      log.stop(err.message);
    } else if (err instanceof LeaseLostError) {
      log.failed(null, 'LEASE_LOST', '別のワーカーがこの店舗の同期を引き継いだため、このワーカーでの同期を中断しました。', err.message);
      log.stop(err.message);
    } else if (err instanceof RmsError) {
      log.failed(null, 'RMS_UNAVAILABLE', 'RMSとの通信に失敗したため同期を中断しました。次回の同期で続きから再開します。', err.message);
      log.stop(err.message);
    } else {
      logger.error({ err, shop: shopCode }, 'sync failed');
      log.failed(null, 'SYNC_ERROR', '同期中に予期しないエラーが発生しました。', (err as Error).message);
      log.stop((err as Error).message);
    }
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
  db: Database,
  opts: { limit?: number; beforeId?: number; shopCode?: string } = {},
): Promise<SyncRunSummary[]> {
  const records = await new SyncRunRepository(db.kysely).list(opts);
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
