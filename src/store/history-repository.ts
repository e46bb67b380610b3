import type { Kysely } from 'kysely';
import type { Actor, HistoryEntry } from '../domain/history.ts';
import type { Tables } from './tables.ts';

export interface OrderRef {
  readonly orderNumber: string;
  readonly shopCode: string;
}

/** An order's history: append-only, oldest first. */
export class HistoryRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async append(order: OrderRef, entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db
      .insertInto('order_history')
      .values(
        entries.map((e) => ({
          order_number: order.orderNumber,
          shop_code: order.shopCode,
          at: e.at.toISOString(),
          actor: JSON.stringify(e.actor),
          action: e.action,
          summary: e.summary,
          before: toJson(e.before),
          after: toJson(e.after),
        })),
      )
      .execute();
  }

  /** The latest `limit` entries, oldest first. */
  async listForOrder(orderNumber: string, limit = 500): Promise<HistoryEntry[]> {
    const rows = await this.db
      .selectFrom('order_history')
      .selectAll()
      .where('order_number', '=', orderNumber)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map((r) => ({
      at: new Date(r.at),
      actor: JSON.parse(r.actor) as Actor,
      action: r.action,
      summary: r.summary,
      before: fromJson(r.before),
      after: fromJson(r.after),
    }));
  }
}

function toJson(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}

function fromJson(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}
