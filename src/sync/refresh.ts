import { DomainError } from '../domain/errors.ts';
import type { OrderStatus } from '../domain/status.ts';
import type { ShopSync } from './context.ts';
import { fetchAndUpsert } from './import.ts';
import { checkNewOrdersIfDue } from './new-orders.ts';
import { chunks } from './windows.ts';

/**
 * Orders whose confirmation is at stake: a buyer's cancellation, Rakuten's 14-day cancellation
 * or an edit in RMS must show at the next run, so they are re-read every run. There are few:
 * one or two days of a shop's orders.
 */
export const STATUSES_READ_EVERY_RUN: readonly OrderStatus[] = ['awaiting_confirmation', 'confirmation_queued'];

/**
 * Orders RMS may still move later (楽天処理中 → 300, 出荷済み → 500, sub-statuses, edits made in
 * RMS). A shop can hold thousands waiting for shipment; re-reading them all every run would
 * spend its whole RMS rate. They are re-read in turns instead, `refreshOrdersPerRun` a run,
 * in the order of the work queues, the turn resuming where the last run left it.
 */
export const STATUSES_READ_IN_TURN: readonly OrderStatus[] = ['rakuten_processing', 'new', 'on_hold', 'shipped'];

const TURN_CURSOR = 'refresh-turn';
const PAGE = 200;
/** Orders re-read (three getOrder calls) between two looks for new orders. */
const READ_BETWEEN_CHECKS = 300;

/** Re-reads, 100 per getOrder, the orders RMS may still move, except those this run has just read. */
export async function refreshOpenOrders(sync: ShopSync, alreadyRead: ReadonlySet<string>): Promise<void> {
  const everyRun = (await orderNumbers(sync, STATUSES_READ_EVERY_RUN, null, Number.POSITIVE_INFINITY)).numbers;
  const cursors = sync.deps.store.syncCursors;
  const turnStart = (await cursors.getText(sync.shop.code, TURN_CURSOR)) || null;
  const turn = await orderNumbersInTurn(sync, turnStart);
  for (const part of chunks([...everyRun, ...turn.numbers].filter((n) => !alreadyRead.has(n)), READ_BETWEEN_CHECKS)) {
    await checkNewOrdersIfDue(sync);
    await fetchAndUpsert(sync, part);
  }
  // Only once they are read: a run cut short reads the same turn again.
  await cursors.setText(sync.shop.code, TURN_CURSOR, turn.next ?? '', sync.deps.clock.now());
}

async function orderNumbersInTurn(sync: ShopSync, start: string | null): Promise<{ numbers: string[]; next: string | null }> {
  const budget = sync.deps.options.refreshOrdersPerRun;
  try {
    return await orderNumbers(sync, STATUSES_READ_IN_TURN, start, budget);
  } catch (err) {
    // A position from an older version of the list's keys: start the turn over.
    if (!(err instanceof DomainError) || err.code !== 'VALIDATION_FAILED' || start === null) throw err;
    return orderNumbers(sync, STATUSES_READ_IN_TURN, null, budget);
  }
}

/** Up to `limit` of the shop's orders in `statuses`, in work-queue order from `cursor`; `next` is null at the end. */
async function orderNumbers(
  sync: ShopSync,
  statuses: readonly OrderStatus[],
  cursor: string | null,
  limit: number,
): Promise<{ numbers: string[]; next: string | null }> {
  const orders = sync.deps.store.orders;
  const numbers: string[] = [];
  let next = cursor;
  do {
    const page = await orders.list({ shopCodes: [sync.shop.code], statuses }, { limit: Math.min(PAGE, limit - numbers.length), cursor: next }, sync.deps.clock.now());
    numbers.push(...page.items.map((o) => o.orderNumber));
    next = page.nextCursor;
  } while (next && numbers.length < limit);
  return { numbers, next };
}
