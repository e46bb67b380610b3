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
import { ParsedOrderCache } from './parsed-order-cache.ts';
import { nameKey, phoneKey, prefixUpperBound, searchTerms } from './search-keys.ts';
import type { KeyLookup } from './search-keys.ts';
import type { OrderTable, Tables } from './tables.ts';
import './paperwork/tables.ts';

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
  /** Paperwork: whether the order's 納品書 has been printed, and whether all its parcels are 検品済. */
  readonly printed?: boolean;
  readonly packed?: boolean;
  /** 作業状況 codes (migration 0013). */
  readonly workStates?: readonly string[];
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

  /** The latest order time among these orders that are stored; null when none is. */
  async latestOrderedAt(orderNumbers: readonly string[]): Promise<Date | null> {
    let latest: string | null = null;
    for (let i = 0; i < orderNumbers.length; i += ROWS_PER_STATEMENT) {
      const chunk = orderNumbers.slice(i, i + ROWS_PER_STATEMENT);
      const row = await this.db.selectFrom('orders').select((eb) => eb.fn.max('ordered_at').as('at')).where('order_number', 'in', chunk).executeTakeFirst();
      if (row?.at && (latest === null || row.at > latest)) latest = row.at;
    }
    return latest === null ? null : new Date(latest);
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
   * keys are found first, each by an index walk in page order that stops after the page, and
   * the documents are read by key after.
   */
  async list(filter: OrderFilter, page: OrderPageRequest, now: Date): Promise<OrderPage> {
    const limit = Math.min(Math.max(Math.trunc(page.limit ?? 50), 1), MAX_PAGE_SIZE);
    const after = page.cursor ? decodeCursor(page.cursor) : null;
    const keys = await this.pageKeys(filter, after, limit + 1, now);
    const pageKeys = keys.slice(0, limit);
    const byNumber = await this.pageOrders(pageKeys.map((k) => k.order_number));
    const last = pageKeys.at(-1);
    return {
      items: pageKeys.flatMap((k) => byNumber.get(k.order_number) ?? []),
      nextCursor: keys.length > limit && last ? encodeCursor([last.confirmation_deadline, last.order_number]) : null,
    };
  }

  /**
   * The orders of a page, parsed only if the cache does not hold them at their current version:
   * reading the versions costs a fraction of reading and parsing the documents.
   */
  private async pageOrders(orderNumbers: readonly string[]): Promise<Map<string, Order>> {
    const cache = parsedOrderCacheOf(this.db);
    const found = new Map<string, Order>();
    const stale: string[] = [];
    if (orderNumbers.length === 0) return found;
    const versions = await this.db.selectFrom('orders').select(['order_number', 'version']).where('order_number', 'in', orderNumbers).execute();
    for (const { order_number, version } of versions) {
      const cached = cache.get(order_number, Number(version));
      if (cached) found.set(order_number, cached);
      else stale.push(order_number);
    }
    for (const order of await this.getMany(stale)) {
      cache.add(order);
      found.set(order.orderNumber, order);
    }
    return found;
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

  /** The first `count` keys after `after` in page order: the page plus one, to tell whether another follows. */
  private async pageKeys(filter: OrderFilter, after: PageKey | null, count: number, now: Date): Promise<KeyRow[]> {
    const walks = this.walks(filter, now).map((walk) => inPageOrder(walk, after, count));
    if (walks.length <= 1) return walks[0]?.execute() ?? [];
    // Each walk stops after `count` rows, so the union sorts a few pages at most.
    const [first, ...rest] = walks.map((walk, n) => this.db.selectFrom(walk.as(`walk${n}`)).select(['confirmation_deadline', 'order_number']));
    const matches = rest.reduce((union, walk) => union.union(walk), first!);
    return this.db
      .selectFrom(matches.as('matches'))
      .select(['confirmation_deadline', 'order_number'])
      .orderBy('confirmation_deadline')
      .orderBy('order_number')
      .limit(count)
      .execute();
  }

  /**
   * The ways an order can match `filter`, each an index walk that yields its orders in page
   * order: an OR of two index ranges (or a prefix range over many names) would come out of
   * order, and the engine would have to sort every match before it could answer the first page.
   */
  private walks(filter: OrderFilter, now: Date): Walk[] {
    const until = filter.deadlineWithinHours === undefined ? null : new Date(now.getTime() + filter.deadlineWithinHours * 3_600_000).toISOString();
    const q = filter.q?.trim();
    if (!q) {
      if (until === null) return [{ query: this.filtered(filter), along: 'orders' }];
      return AWAITING_CONFIRMATION.map((awaiting) => ({
        query: this.filtered(filter).where(awaiting).where('orders.confirmation_deadline', '<=', until),
        along: 'orders',
      }));
    }
    let candidates = this.filtered(filter);
    if (until !== null) {
      candidates = candidates.where('orders.confirmation_deadline', '<=', until).where((eb) => eb.or(AWAITING_CONFIRMATION.map((awaiting) => awaiting(eb))));
    }
    const { lookup, orderNumberPrefix } = searchTerms(q);
    const walks: Walk[] = lookup ? [{ query: withSearchKey(candidates, lookup), along: 'order_search_keys' }] : [];
    if (orderNumberPrefix !== null) {
      walks.push({ query: candidates.where((eb) => startsWith(eb, 'orders.order_number', orderNumberPrefix)), along: 'orders' });
    }
    return walks;
  }

  private filtered(filter: Pick<OrderFilter, 'shopCodes' | 'statuses' | 'printed' | 'packed' | 'workStates'>): SelectQueryBuilder<Tables, 'orders', object> {
    let query = this.db.selectFrom('orders');
    if (filter.shopCodes) query = query.where(inList('orders.shop_code', filter.shopCodes));
    if (filter.statuses) query = query.where(inList('orders.status', filter.statuses));
    if (filter.workStates) query = query.where(inList('orders.work_state', filter.workStates));
    if (filter.printed !== undefined) query = query.where(paperworkFlag('printed_at', filter.printed));
    if (filter.packed !== undefined) query = query.where(paperworkFlag('packed_at', filter.packed));
    return query;
  }
}

/** Orders whose paperwork row has (or lacks) `column`: a per-row primary-key probe, so the walk keeps its page order. */
function paperworkFlag(column: 'printed_at' | 'packed_at', present: boolean) {
  return (eb: ExpressionBuilder<Tables, 'orders'>) => {
    const row = eb
      .selectFrom('paperwork_orders')
      .select('paperwork_orders.order_number')
      .whereRef('paperwork_orders.order_number', '=', 'orders.order_number')
      .where(`paperwork_orders.${column}`, 'is not', null);
    return present ? eb.exists(row) : eb.not(eb.exists(row));
  };
}

/** A query over orders and the table whose index puts its rows in page order. */
type Walk =
  | { readonly query: SelectQueryBuilder<Tables, 'orders', object>; readonly along: 'orders' }
  | { readonly query: SelectQueryBuilder<Tables, 'orders' | 'order_search_keys', object>; readonly along: 'order_search_keys' };

/** Still to be confirmed: awaiting confirmation, or on hold from there. */
const AWAITING_CONFIRMATION = [
  (eb: ExpressionBuilder<Tables, 'orders'>) => eb('orders.status', '=', 'awaiting_confirmation'),
  (eb: ExpressionBuilder<Tables, 'orders'>) => eb.and([eb('orders.status', '=', 'on_hold'), eb('orders.status_before_hold', '=', 'awaiting_confirmation')]),
];

/**
 * The candidates stored under search key `lookup.key` (migration 0006), walked along that key's
 * index; the join reads each walked order's row only to apply the other filters.
 */
function withSearchKey(candidates: SelectQueryBuilder<Tables, 'orders', object>, lookup: KeyLookup) {
  const query = candidates
    .innerJoin('order_search_keys', 'order_search_keys.order_number', 'orders.order_number')
    .where('order_search_keys.search_key', '=', lookup.key);
  const long = lookup.longTerm;
  if (long === null) return query;
  return query.where((eb) => eb.or((['orders.buyer_name', 'orders.buyer_name_kana', 'orders.phone_digits'] as const).map((column) => startsWith(eb, column, long))));
}

type PageKey = readonly [deadline: string, orderNumber: string];
type KeyRow = { confirmation_deadline: string; order_number: string };

/** The walk's keys after `after`, in page order, at most `count`. */
function inPageOrder(walk: Walk, after: PageKey | null, count: number): SelectQueryBuilder<Tables, keyof Tables, KeyRow> {
  const deadline = sql.ref<string>(`${walk.along}.confirmation_deadline`);
  const orderNumber = sql.ref<string>(`${walk.along}.order_number`);
  let keys = (walk.query as SelectQueryBuilder<Tables, keyof Tables, object>).select([deadline.as('confirmation_deadline'), orderNumber.as('order_number')]);
  if (after) keys = keys.where(sql<boolean>`(${deadline}, ${orderNumber}) > (${after[0]}, ${after[1]})`);
  return keys.orderBy(deadline).orderBy(orderNumber).limit(count);
}

/** A prefix match as a range, so that it is an index range on both engines (byte order). */
function startsWith(eb: ExpressionBuilder<Tables, 'orders'>, column: `orders.${'order_number' | 'buyer_name' | 'buyer_name_kana' | 'phone_digits'}`, prefix: string) {
  return eb.and([eb(column, '>=', prefix), eb(column, '<', prefixUpperBound(prefix))]);
}

/** Enough for every status tab's first pages across shops, a few MB of parsed orders. */
const PARSED_ORDER_CACHE_SIZE = 5_000;
const parsedOrderCaches = new WeakMap<Kysely<Tables>, ParsedOrderCache>();

/**
 * One cache per database handle, so that it outlives the per-request repositories. A
 * transaction's handle gets its own, which goes with it: nothing it read uncommitted is ever
 * served outside it.
 */
function parsedOrderCacheOf(db: Kysely<Tables>): ParsedOrderCache {
  let cache = parsedOrderCaches.get(db);
  if (!cache) parsedOrderCaches.set(db, (cache = new ParsedOrderCache(PARSED_ORDER_CACHE_SIZE)));
  return cache;
}

/** `col IN (…)`; an empty list (e.g. a user with no shops) matches nothing, as `IN ()` is not valid SQL. */
function inList(column: 'orders.shop_code' | 'orders.status' | 'orders.work_state', values: readonly string[]) {
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
    work_state: order.workState ?? null,
    version: order.version,
    document: orderToDocument(order),
    updated_at: now.toISOString(),
  };
}
