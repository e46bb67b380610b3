import type { Kysely } from 'kysely';
import type { ActionResult } from '../domain/actions.ts';
import type { Order } from '../domain/order.ts';
import type { Engine } from '../store/database.ts';
import { HistoryRepository } from '../store/history-repository.ts';
import { OrderRepository } from '../store/order-repository.ts';
import { OutboxRepository } from '../store/outbox-repository.ts';
import type { Tables } from '../store/tables.ts';

/**
 * Writes what a domain action decided: the order (new, or over the version it was loaded at),
 * its history and its operations for RMS. Call it inside the transaction that loaded the
 * order; if any part fails, none of it is written. The order is saved first: on PostgreSQL
 * that locks its row, which keeps the outbox numbering of its operations race-free.
 */
export async function persistActionResult(
  tx: Kysely<Tables>,
  engine: Engine,
  result: ActionResult,
  now: Date,
  mode: 'insert' | 'update',
): Promise<Order> {
  const orders = new OrderRepository(tx);
  const saved = mode === 'insert' ? await orders.insert(result.order, now) : await orders.update(result.order, now);
  await new HistoryRepository(tx).append(saved, result.history);
  await new OutboxRepository(tx, engine).enqueue(saved, result.operations, now);
  return saved;
}
