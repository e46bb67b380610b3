import type { Kysely } from 'kysely';
import type { Actor, HistoryEntry, HistoryMessage } from '../domain/history.ts';
import type { Tables } from './tables.ts';

export interface OrderRef {
  readonly orderNumber: string;
  readonly shopCode: string;
}

/** Rows per INSERT: SQLite and PostgreSQL cap the bound parameters of one statement. */
const ROWS_PER_STATEMENT = 500;

/** An order's history: append-only, oldest first. */
export class HistoryRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async append(order: OrderRef, entries: readonly HistoryEntry[]): Promise<void> {
    await this.appendMany([{ order, entries }]);
  }

  /** Several orders' entries with one multi-row INSERT per 500 entries. */
  async appendMany(items: readonly { readonly order: OrderRef; readonly entries: readonly HistoryEntry[] }[]): Promise<void> {
    const rows = items.flatMap(({ order, entries }) =>
      entries.map((e) => ({
        order_number: order.orderNumber,
        shop_code: order.shopCode,
        at: e.at.toISOString(),
        actor: JSON.stringify(e.actor),
        action: e.action,
        summary: e.summary,
        code: e.message?.code ?? null,
        params: e.message ? JSON.stringify(e.message.params) : null,
        before: toJson(e.before),
        after: toJson(e.after),
      })),
    );
    for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
      await this.db.insertInto('order_history').values(rows.slice(i, i + ROWS_PER_STATEMENT)).execute();
    }
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
      // Rows older than migration 0014 have no code: their summary is all they say.
      message: r.code === null ? null : ({ code: r.code, params: fromJson(r.params) } as HistoryMessage),
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
