import type { Kysely } from 'kysely';
import type { ActionResult } from '../domain/actions.ts';
import type { Order } from '../domain/order.ts';
import type { Engine } from '../store/database.ts';
import { HistoryRepository } from '../store/history-repository.ts';
import { OrderRepository } from '../store/order-repository.ts';
import { OutboxRepository } from '../store/outbox-repository.ts';
import type { Tables } from '../store/tables.ts';
import { queueTriggeredMails } from './mail/triggers.ts';

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
export async function persistActionResult(tx: Kysely<Tables>, engine: Engine, result: ActionResult, now: Date, mode: ActionWrite['mode']): Promise<Order> {
  const [saved] = await persistActionResults(tx, engine, [{ result, mode }], now);
  return saved!;
}

/**
 * Writes several orders' action results, with one INSERT for all the new orders and one for
 * all the history (an import writes 100 orders at a time), and returns the saved orders in
 * the order given. Orders are saved before their operations: on PostgreSQL that locks their
 * rows, which keeps the outbox numbering race-free.
 */
export async function persistActionResults(tx: Kysely<Tables>, engine: Engine, writes: readonly ActionWrite[], now: Date): Promise<Order[]> {
  const orders = new OrderRepository(tx);
  const inserted = await orders.insertMany(
    writes.filter((w) => w.mode === 'insert').map((w) => w.result.order),
    now,
  );
  const saved: Order[] = [];
  for (const write of writes) saved.push(write.mode === 'insert' ? inserted.shift()! : await orders.update(write.result.order, now));
  await new HistoryRepository(tx).appendMany(saved.map((order, i) => ({ order, entries: writes[i]!.result.history })));
  const outbox = new OutboxRepository(tx, engine);
  for (const [i, order] of saved.entries()) await outbox.enqueue(order, writes[i]!.result.operations, now);
  // A new order is one taken in: its サンクスメール, if the shop wants one, is queued with it.
  await queueTriggeredMails(tx, engine, 'orderTaken', saved.filter((_, i) => writes[i]!.mode === 'insert'), now, '同期');
  return saved;
}
