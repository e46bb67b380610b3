import { sql } from 'kysely';
import type { ExpressionBuilder, Kysely, SelectQueryBuilder } from 'kysely';
import { confirmationDeadline } from '../domain/deadline.ts';
import { DomainError } from '../domain/errors.ts';
import { amountToNullable } from '../domain/money.ts';
import type { Order } from '../domain/order.ts';
import { ORDER_STATUSES } from '../domain/status.ts';
import type { OrderStatus } from '../domain/status.ts';
import { computeTotals } from '../domain/totals.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { orderFromDocument, orderToDocument } from './order-document.ts';
import { looksLikePhone, nameKey, phoneKey, prefixUpperBound } from './search-keys.ts';
import type { OrderTable, Tables } from './tables.ts';

export const MAX_PAGE_SIZE = 200;

/** Rows (or keys) per statement: SQLite and PostgreSQL cap the bound parameters of one. */
const ROWS_PER_STATEMENT = 500;

export interface OrderFilter {
  readonly shopCodes?: readonly string[];
  readonly statuses?: readonly OrderStatus[];
  /** Order number (exact or prefix), buyer name or kana (prefix), phone digits (prefix). */
  readonly q?: string;
  /**
   * Orders still awaiting confirmation (also when on hold) whose 14-day deadline falls
   * within this many hours of `now`, overdue ones included.
   */
  readonly deadlineWithinHours?: number;
}

export interface OrderPageRequest {
  readonly limit?: number;
  readonly cursor?: string | null;
}

export interface OrderPage {
  readonly items: Order[];
  readonly nextCursor: string | null;
}

type Row = Pick<OrderTable, 'document' | 'version'>;

/** Orders: the aggregate as a document plus the columns the work queues sort and search by. */
export class OrderRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async get(orderNumber: string): Promise<Order | null> {
    const row = await this.db.selectFrom('orders').select(['document', 'version']).where('order_number', '=', orderNumber).executeTakeFirst();
    return row ? toOrder(row) : null;
  }

  /** The orders that exist among `orderNumbers`, in no particular order. */
  async getMany(orderNumbers: readonly string[]): Promise<Order[]> {
    const orders: Order[] = [];
    for (let i = 0; i < orderNumbers.length; i += ROWS_PER_STATEMENT) {
      const chunk = orderNumbers.slice(i, i + ROWS_PER_STATEMENT);
      const rows = await this.db.selectFrom('orders').select(['document', 'version']).where('order_number', 'in', chunk).execute();
      orders.push(...rows.map(toOrder));
    }
    return orders;
  }

  /** Stores a new order at version 1. An order number already stored → VERSION_CONFLICT. */
  async insert(order: Order, now: Date): Promise<Order> {
    const [saved] = await this.insertMany([order], now);
    return saved!;
  }

  /**
   * Stores new orders at version 1 with one multi-row INSERT per 500 (an import writes a
   * getOrder answer of 100 at once). Any order number already stored → VERSION_CONFLICT, and
   * the caller's transaction must be rolled back: the others have been written.
   */
  async insertMany(orders: readonly Order[], now: Date): Promise<Order[]> {
    const saved = orders.map((order) => ({ ...order, version: 1 }));
    const createdAt = now.toISOString();
    for (let i = 0; i < saved.length; i += ROWS_PER_STATEMENT) {
      const chunk = saved.slice(i, i + ROWS_PER_STATEMENT);
      const inserted = await this.db
        .insertInto('orders')
        .values(chunk.map((order) => ({ ...columnsOf(order, now), created_at: createdAt })))
        .onConflict((oc) => oc.column('order_number').doNothing())
        .returning('order_number')
        .execute();
      if (inserted.length !== chunk.length) {
        const stored = new Set(inserted.map((r) => r.order_number));
        const taken = chunk.find((o) => !stored.has(o.orderNumber))!.orderNumber;
        throw new DomainError('VERSION_CONFLICT', { orderNumber: taken }, `order ${taken} already exists`);
      }
    }
    return saved;
  }

  /**
   * Saves `order` over the stored one if that is still at `order.version`, and bumps the
   * version. Anyone else's save in between → VERSION_CONFLICT, and nothing is written.
   */
  async update(order: Order, now: Date): Promise<Order> {
    const saved = { ...order, version: order.version + 1 };
    const result = await this.db
      .updateTable('orders')
      .set(columnsOf(saved, now))
      .where('order_number', '=', order.orderNumber)
      .where('version', '=', order.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) {
      throw new DomainError('VERSION_CONFLICT', { orderNumber: order.orderNumber, version: order.version });
    }
    return saved;
  }

  /**
   * A page of orders, soonest confirmation deadline first (then order number). The page's
   * keys are found first and the documents read after, so a broad search sorts small rows.
   */
  async list(filter: OrderFilter, page: OrderPageRequest, now: Date): Promise<OrderPage> {
    const limit = Math.min(Math.max(Math.trunc(page.limit ?? 50), 1), MAX_PAGE_SIZE);
    let query = this.filtered(filter, now).select(['confirmation_deadline', 'order_number']);
    if (page.cursor) {
      const [deadline, orderNumber] = decodeCursor(page.cursor);
      query = query.where((eb) =>
        eb(eb.refTuple('confirmation_deadline', 'order_number'), '>', eb.tuple(deadline, orderNumber)),
      );
    }
    const keys = await query.orderBy('confirmation_deadline').orderBy('order_number').limit(limit + 1).execute();
    const pageKeys = keys.slice(0, limit);
    const byNumber = new Map((await this.getMany(pageKeys.map((k) => k.order_number))).map((o) => [o.orderNumber, o]));
    const last = pageKeys.at(-1);
    return {
      items: pageKeys.flatMap((k) => byNumber.get(k.order_number) ?? []),
      nextCursor: keys.length > limit && last ? encodeCursor([last.confirmation_deadline, last.order_number]) : null,
    };
  }

  /**
   * How many orders are in each status (every status present, zero included), from the per-shop
   * counts that migration 0004's triggers keep in step with every write to orders: a scan of a
   * million orders per request would take seconds.
   */
  async countByStatus(filter: Pick<OrderFilter, 'shopCodes'> = {}): Promise<Record<OrderStatus, number>> {
    let query = this.db
      .selectFrom('order_status_counts')
      .select((eb) => ['status', eb.fn.sum<number | string>('n').as('n')])
      .groupBy('status');
    const shops = filter.shopCodes;
    if (shops) query = shops.length > 0 ? query.where('shop_code', 'in', [...shops]) : query.where(sql<boolean>`1 = 0`);
    const counts = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
    for (const row of await query.execute()) counts[row.status as OrderStatus] = Number(row.n);
    return counts;
  }

  private filtered(filter: OrderFilter, now: Date): SelectQueryBuilder<Tables, 'orders', object> {
    let query = this.db.selectFrom('orders');
    if (filter.shopCodes) query = query.where(inList('shop_code', filter.shopCodes));
    if (filter.statuses) query = query.where(inList('status', filter.statuses));
    if (filter.deadlineWithinHours !== undefined) {
      const until = new Date(now.getTime() + filter.deadlineWithinHours * 3_600_000).toISOString();
      query = query
        .where('confirmation_deadline', '<=', until)
        .where((eb) =>
          eb.or([
            eb('status', '=', 'awaiting_confirmation'),
            eb.and([eb('status', '=', 'on_hold'), eb('status_before_hold', '=', 'awaiting_confirmation')]),
          ]),
        );
    }
    const q = filter.q?.trim();
    if (q) {
      query = query.where((eb) => {
        // Each alternative is a range on its own index, so the engine unions index lookups.
        const prefix = (column: 'order_number' | 'buyer_name' | 'buyer_name_kana' | 'phone_digits', key: string) =>
          eb.and([eb(column, '>=', key), eb(column, '<', prefixUpperBound(key))]);
        const alternatives = [prefix('order_number', q)];
        const name = nameKey(q);
        if (name) alternatives.push(prefix('buyer_name', name), prefix('buyer_name_kana', name));
        if (looksLikePhone(q)) alternatives.push(prefix('phone_digits', phoneKey(q)));
        return eb.or(alternatives);
      });
    }
    return query;
  }
}

/** `col IN (…)`; an empty list (e.g. a user with no shops) matches nothing, as `IN ()` is not valid SQL. */
function inList(column: 'shop_code' | 'status', values: readonly string[]) {
  return (eb: ExpressionBuilder<Tables, 'orders'>) => (values.length > 0 ? eb(column, 'in', [...values]) : sql<boolean>`1 = 0`);
}

function toOrder(row: Row): Order {
  return orderFromDocument(row.document, Number(row.version));
}

function columnsOf(order: Order, now: Date) {
  const buyer = order.buyer;
  return {
    order_number: order.orderNumber,
    shop_code: order.shopCode,
    status: order.status,
    status_before_hold: order.statusBeforeHold,
    rms_progress: order.rmsProgress,
    ordered_at: order.orderedAt.toISOString(),
    confirmation_deadline: confirmationDeadline(order.orderedAt).toISOString(),
    buyer_name: nameKey(`${buyer.familyName}${buyer.firstName ?? ''}`),
    buyer_name_kana: nameKey(`${buyer.familyNameKana ?? ''}${buyer.firstNameKana ?? ''}`),
    phone_digits: phoneKey(buyer.phoneNumber),
    request_price: amountToNullable(computeTotals(order).requestPrice),
    version: order.version,
    document: orderToDocument(order),
    updated_at: now.toISOString(),
  };
}
