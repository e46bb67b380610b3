import { jstDate } from '../domain/jst.ts';
import type { GetOrderResult } from '../rms/client.ts';
import type { OrderModel } from '../rms/wire/order-model.ts';
import { DATE_TYPE, SORT_DIRECTION } from '../rms/wire/codes.ts';
import { formatDatetime } from '../rms/wire/datetime.ts';
import { SEARCH_LOOKBACK_DAYS, SEARCH_PAGE_SIZE_MAX, SEARCH_REACHABLE_HITS } from '../rms/wire/search-order.ts';
import { MAX_ORDERS_PER_REQUEST } from '../rms/wire/request-fields.ts';
import type { ShopSync } from './context.ts';
import { FetchAhead } from './fetch-ahead.ts';
import { firstImportProgress, type ImportProgressSink } from './first-import.ts';
import { quarantine, upsertSnapshots } from './upsert.ts';
import { chunks, floorSecond, planWindows, SECOND_MS, tooManyHits, type TimeWindow } from './windows.ts';

/**
 * Import: searchOrder finds order numbers window by window, getOrder fetches them 100 at a
 * time, and every answer is written whole in one transaction. Importing N new orders costs
 * ceil(N/100) getOrder calls plus the search pages — nothing per order.
 */
const DAY_MS = 86_400_000;
export const ORDERS_CURSOR = 'orders';
/**
 * Answers waiting while one is written. More would let transactions grow when the disk is the
 * slower side, but the worker's peak RSS is budgeted: at 100k orders, 2 peaked at 318 MiB, 1 at 259.
 */
const ANSWERS_AHEAD = 1;

export interface SearchFilter {
  readonly dateType: number;
  readonly orderProgressList?: readonly number[];
}

/**
 * Every order number searchOrder finds in the window, in batches in order-time order. RMS lets
 * a search reach its first 15,000 hits (sorted by order time); a crowded window is read that
 * far, and once the caller has stored the batch, searched again from the order time of the
 * latest order stored — the orders of that second come again and are dropped as already seen.
 * No page is spent on a search that only counts, however unevenly orders fall in the window.
 */
export async function* searchWindow(sync: ShopSync, window: TimeWindow, filter: SearchFilter): AsyncGenerator<string[]> {
  const orders = sync.deps.store.orders;
  let from = window.from;
  let previous = new Set<string>();
  for (;;) {
    const range = { from, to: window.to };
    const first = await searchPage(sync, range, filter, 1);
    const total = first.PaginationResponseModel?.totalRecordsAmount ?? 0;
    const pages = Math.min(first.PaginationResponseModel?.totalPages ?? 1, REACHABLE_PAGES);
    const batch = [...(first.orderNumberList ?? [])];
    for (let page = 2; page <= pages; page++) batch.push(...((await searchPage(sync, range, filter, page)).orderNumberList ?? []));
    yield batch.filter((n) => !previous.has(n));
    if (!tooManyHits(total)) return;
    // The batch is stored now (the caller stored it before asking for more): its latest order time is known.
    const reached = await orders.latestOrderedAt(batch);
    if (reached && floorSecond(reached.getTime()) > from.getTime()) {
      from = new Date(floorSecond(reached.getTime()));
    } else {
      sync.log.failed(null, 'SEARCH_WINDOW_FULL', {}, `window ${from.toISOString()}`);
      from = new Date(floorSecond(from.getTime()) + SECOND_MS);
      if (from > window.to) return;
    }
    previous = new Set(batch);
  }
}

/** Pages of 1,000 that reach the 15,000th hit. */
const REACHABLE_PAGES = Math.ceil(SEARCH_REACHABLE_HITS / SEARCH_PAGE_SIZE_MAX);

function searchPage(sync: ShopSync, window: TimeWindow, filter: SearchFilter, page: number) {
  return sync.client.searchOrder({
    dateType: filter.dateType,
    startDatetime: formatDatetime(window.from),
    endDatetime: formatDatetime(window.to),
    ...(filter.orderProgressList ? { orderProgressList: [...filter.orderProgressList] } : {}),
    PaginationRequestModel: {
      requestRecordsAmount: SEARCH_PAGE_SIZE_MAX,
      requestPage: page,
      SortModelList: [{ sortColumn: 1, sortDirection: SORT_DIRECTION.ascending }],
    },
  });
}

/**
 * getOrder in chunks of 100, one call after another, while the answers already in are written,
 * each in one transaction: RMS's answer time hides behind the local writes.
 */
export async function fetchAndUpsert(sync: ShopSync, orderNumbers: readonly string[], progress?: ImportProgressSink): Promise<void> {
  const pages = new FetchAhead(chunks([...new Set(orderNumbers)], MAX_ORDERS_PER_REQUEST), (chunk) => sync.client.getOrder(chunk), ANSWERS_AHEAD);
  try {
    for (let answers = await pages.take(); answers; answers = await pages.take()) {
      await storeAnswers(sync, answers);
      await progress?.stored(answers.reduce((n, a) => n + a.orders.length + a.malformed.length + a.notFound.length, 0));
    }
  } catch (err) {
    // The call in flight ends before the failure ends the shop's part of the run, so the next
    // RMS call (another shop's, or the next run's) never overlaps it.
    await pages.settle();
    throw err;
  }
}

/** The orders as RMS has them now, 100 per getOrder. */
export async function readOrders(sync: ShopSync, orderNumbers: readonly string[]): Promise<Map<string, OrderModel>> {
  const found = new Map<string, OrderModel>();
  for (const chunk of chunks([...new Set(orderNumbers)], MAX_ORDERS_PER_REQUEST)) {
    for (const model of (await sync.client.getOrder(chunk)).orders) found.set(model.orderNumber, model);
  }
  return found;
}

async function storeAnswers(sync: ShopSync, answers: readonly GetOrderResult[]): Promise<void> {
  for (const answer of answers) {
    for (const record of answer.malformed) await quarantine(sync, record);
    for (const missing of answer.notFound) {
      sync.log.info(missing, 'NOT_IN_RMS', {}, 'getOrder INFO_102');
    }
  }
  await upsertSnapshots(sync, answers.flatMap((a) => a.orders));
}

async function unknownLocally(sync: ShopSync, orderNumbers: readonly string[]): Promise<string[]> {
  const known = new Set((await sync.deps.store.orders.getMany(orderNumbers)).map((o) => o.orderNumber));
  return [...new Set(orderNumbers)].filter((n) => !known.has(n));
}

/** RMS searches reach back 730 days at most. */
function clampToLookback(from: Date, now: Date): Date {
  const earliest = now.getTime() - (SEARCH_LOOKBACK_DAYS - 1) * DAY_MS;
  return new Date(Math.max(from.getTime(), earliest));
}

/**
 * Imports the orders placed in [from, now] that juchu does not know yet, window by window,
 * moving `cursorName` to each window's end once it is done: an interrupted import resumes
 * there, and an RMS outage only delays the cursor, it never leaves a hole.
 */
async function importRange(sync: ShopSync, from: Date, cursorName: string, progress?: ImportProgressSink): Promise<string[]> {
  const { store, clock } = sync.deps;
  const cursors = store.syncCursors;
  const now = clock.now();
  const imported: string[] = [];
  for (const window of planWindows(clampToLookback(from, now), now)) {
    for await (const found of searchWindow(sync, window, { dateType: DATE_TYPE.ordered })) {
      const fresh = await unknownLocally(sync, found);
      await progress?.found(fresh.length);
      await fetchAndUpsert(sync, fresh, progress);
      imported.push(...fresh);
    }
    await cursors.set(sync.shop.code, cursorName, window.to, clock.now());
  }
  return imported;
}

/**
 * The incremental import from `from` to now, moving the orders cursor as importNewOrders does;
 * the new-order checks between bulk work use it with a short overlap.
 */
export function importOrdersSince(sync: ShopSync, from: Date): Promise<string[]> {
  return importRange(sync, from, ORDERS_CURSOR);
}

/** The incremental import of each run: from the cursor, less the overlap, to now. */
export async function importNewOrders(sync: ShopSync): Promise<string[]> {
  const { clock, options, store } = sync.deps;
  const cursor = await store.syncCursors.get(sync.shop.code, ORDERS_CURSOR);
  const from = cursor
    ? new Date(cursor.getTime() - options.importOverlapMs)
    : new Date(clock.now().getTime() - options.initialLookbackDays * DAY_MS);
  const progress = await firstImportProgress(sync, cursor !== null);
  if (!progress) return importRange(sync, from, ORDERS_CURSOR);
  try {
    const imported = await importRange(sync, from, ORDERS_CURSOR, progress);
    await progress.finish();
    return imported;
  } catch (err) {
    await progress.fail((err as Error).message);
    throw err;
  }
}

/**
 * `juchu import --since`: the initial or catch-up load. Its progress is kept under its own
 * cursor, so running the same command again continues where it stopped; afterwards the
 * incremental import carries on from where it ended.
 */
export async function backfillOrders(sync: ShopSync, since: Date): Promise<string[]> {
  const cursors = sync.deps.store.syncCursors;
  const name = `backfill:${jstDate(since)}`;
  const done = await cursors.get(sync.shop.code, name);
  const imported = await importRange(sync, done && done > since ? done : since, name);
  const reached = await cursors.get(sync.shop.code, name);
  const incremental = await cursors.get(sync.shop.code, ORDERS_CURSOR);
  if (reached && (!incremental || incremental < reached)) await cursors.set(sync.shop.code, ORDERS_CURSOR, reached, sync.deps.clock.now());
  return imported;
}

/**
 * キャンセル注文状況取得: searchOrder for progress 800/900 over the recent orders; every one
 * juchu holds as not cancelled (or does not hold yet) is fetched and applied.
 */
export async function pollCancellations(sync: ShopSync): Promise<Set<string>> {
  const { clock, options, store } = sync.deps;
  const now = clock.now();
  const from = new Date(now.getTime() - options.cancellationLookbackDays * DAY_MS);
  const stale = new Set<string>();
  for (const window of planWindows(clampToLookback(from, now), now)) {
    for await (const found of searchWindow(sync, window, { dateType: DATE_TYPE.ordered, orderProgressList: [800, 900] })) {
      const local = new Map((await store.orders.getMany(found)).map((o) => [o.orderNumber, o]));
      const batch = found.filter((n) => local.get(n)?.status !== 'cancelled' && !stale.has(n));
      await fetchAndUpsert(sync, batch);
      for (const n of batch) stale.add(n);
    }
  }
  return stale;
}
