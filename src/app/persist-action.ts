import type { ActionResult } from '../domain/actions.ts';
import type { Order } from '../domain/order.ts';
import type { Store } from '../store/store.ts';
import { queueMails } from './mail/triggers.ts';

/** A domain action's outcome to store: a new order, or one saved over the version it was loaded at. */
export interface ActionWrite {
  readonly result: ActionResult;
  readonly mode: 'insert' | 'update';
}

/**
 * Writes what a domain action decided: the order (new, or over the version it was loaded at),
 * its history and its operations for RMS. Call it inside the transaction that loaded the
 * order; if any part fails, none of it is written.
 */
export async function saveActionResult(tx: Store, result: ActionResult, now: Date, mode: ActionWrite['mode']): Promise<Order> {
  const [saved] = await saveActionResults(tx, [{ result, mode }], now);
  return saved!;
}

/**
 * Writes several orders' action results, with one INSERT for all the new orders and one for
 * all the history (an import writes 100 orders at a time), and returns the saved orders in
 * the order given. Orders are saved before their operations: on PostgreSQL that locks their
 * rows, which keeps the outbox numbering race-free.
 */
export async function saveActionResults(tx: Store, writes: readonly ActionWrite[], now: Date): Promise<Order[]> {
  const orders = tx.orders;
  const inserted = await orders.insertMany(
    writes.filter((w) => w.mode === 'insert').map((w) => w.result.order),
    now,
  );
  const saved: Order[] = [];
  for (const write of writes) saved.push(write.mode === 'insert' ? inserted.shift()! : await orders.update(write.result.order, now));
  await tx.history.appendMany(saved.map((order, i) => ({ order, entries: writes[i]!.result.history })));
  const outbox = tx.outbox;
  for (const [i, order] of saved.entries()) await outbox.enqueue(order, writes[i]!.result.operations, now);
  // A new order is one taken in: its サンクスメール, if the shop wants one, is queued with it.
  await queueMails(tx, 'orderTaken', saved.filter((_, i) => writes[i]!.mode === 'insert'), now, '同期');
  return saved;
}
