import type { Kysely } from 'kysely';
import type { OrderStatus } from '../../domain/status.ts';
import type { Tables } from '../tables.ts';
import './tables.ts';

/** Rows per statement: both engines cap the bound parameters of one. */
const CHUNK = 500;

export interface PrintState {
  readonly orderNumber: string;
  readonly printCount: number;
  readonly firstPrintedAt: Date | null;
  readonly printedAt: Date | null;
  readonly printedBy: string | null;
  readonly packedAt: Date | null;
  readonly packedBy: string | null;
}

export interface OrderStatusRow {
  readonly orderNumber: string;
  readonly shopCode: string;
  readonly status: OrderStatus;
}

export interface ParcelCheck {
  readonly basketId: number;
  readonly checkedAt: Date;
  readonly checkedBy: string;
}

export interface ProductRow {
  readonly manageNumber: string;
  /** '' for an item without SKU. */
  readonly sku: string;
  readonly location: string | null;
  readonly jan: string | null;
}

/** What paperwork remembers per order: prints, packing checks; and the shop's product table. */
export class PaperworkRepository {
  constructor(private readonly db: Kysely<Tables>) {}

  async states(orderNumbers: readonly string[]): Promise<Map<string, PrintState>> {
    const states = new Map<string, PrintState>();
    for (let i = 0; i < orderNumbers.length; i += CHUNK) {
      const rows = await this.db.selectFrom('paperwork_orders').selectAll().where('order_number', 'in', orderNumbers.slice(i, i + CHUNK)).execute();
      for (const r of rows) {
        states.set(r.order_number, {
          orderNumber: r.order_number,
          printCount: r.print_count,
          firstPrintedAt: instant(r.first_printed_at),
          printedAt: instant(r.printed_at),
          printedBy: r.printed_by,
          packedAt: instant(r.packed_at),
          packedBy: r.packed_by,
        });
      }
    }
    return states;
  }

  /** Shop and status of those of `orderNumbers` that exist. */
  async orderStatuses(orderNumbers: readonly string[]): Promise<OrderStatusRow[]> {
    const found: OrderStatusRow[] = [];
    for (let i = 0; i < orderNumbers.length; i += CHUNK) {
      const rows = await this.db.selectFrom('orders').select(['order_number', 'shop_code', 'status']).where('order_number', 'in', orderNumbers.slice(i, i + CHUNK)).execute();
      found.push(...rows.map(toStatusRow));
    }
    return found;
  }

  /** Up to `limit` of the shop's orders in `status`, oldest first (the deadline is the order time + 14 days, and indexed). */
  async orderNumbersInStatus(shopCode: string, status: OrderStatus, limit: number): Promise<OrderStatusRow[]> {
    const rows = await this.db
      .selectFrom('orders')
      .select(['order_number', 'shop_code', 'status'])
      .where('shop_code', '=', shopCode)
      .where('status', '=', status)
      .orderBy('confirmation_deadline')
      .orderBy('order_number')
      .limit(limit)
      .execute();
    return rows.map(toStatusRow);
  }

  /** One more print of each order's slip, by `by` at `at`. */
  async recordPrinted(orders: readonly { orderNumber: string; shopCode: string }[], at: Date, by: string): Promise<void> {
    const iso = at.toISOString();
    for (let i = 0; i < orders.length; i += CHUNK) {
      await this.db
        .insertInto('paperwork_orders')
        .values(
          orders.slice(i, i + CHUNK).map((o) => ({
            order_number: o.orderNumber,
            shop_code: o.shopCode,
            first_printed_at: iso,
            printed_at: iso,
            printed_by: by,
            print_count: 1,
            packed_at: null,
            packed_by: null,
          })),
        )
        .onConflict((oc) =>
          oc.column('order_number').doUpdateSet((eb) => ({
            first_printed_at: eb.fn.coalesce('paperwork_orders.first_printed_at', eb.ref('excluded.first_printed_at')),
            printed_at: eb.ref('excluded.printed_at'),
            printed_by: eb.ref('excluded.printed_by'),
            print_count: eb('paperwork_orders.print_count', '+', 1),
          })),
        )
        .execute();
    }
  }

  async parcelChecks(orderNumber: string): Promise<ParcelCheck[]> {
    const rows = await this.db.selectFrom('paperwork_parcel_checks').selectAll().where('order_number', '=', orderNumber).orderBy('basket_id').execute();
    return rows.map((r) => ({ basketId: r.basket_id, checkedAt: new Date(r.checked_at), checkedBy: r.checked_by }));
  }

  /** Records one parcel as checked; a parcel already checked keeps its first record. */
  async recordParcelCheck(orderNumber: string, basketId: number, at: Date, by: string): Promise<void> {
    await this.db
      .insertInto('paperwork_parcel_checks')
      .values({ order_number: orderNumber, basket_id: basketId, checked_at: at.toISOString(), checked_by: by })
      .onConflict((oc) => oc.columns(['order_number', 'basket_id']).doNothing())
      .execute();
  }

  /** The whole order is 検品済: every parcel of it is checked. */
  async recordPacked(orderNumber: string, shopCode: string, at: Date, by: string): Promise<void> {
    const iso = at.toISOString();
    await this.db
      .insertInto('paperwork_orders')
      .values({ order_number: orderNumber, shop_code: shopCode, first_printed_at: null, printed_at: null, printed_by: null, print_count: 0, packed_at: iso, packed_by: by })
      .onConflict((oc) => oc.column('order_number').doUpdateSet({ packed_at: iso, packed_by: by }))
      .execute();
  }

  /** Replaces the shop's whole product table with an upload: a row left out of the file is gone. */
  async replaceProducts(shopCode: string, rows: readonly ProductRow[]): Promise<void> {
    await this.db.deleteFrom('paperwork_products').where('shop_code', '=', shopCode).execute();
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.db
        .insertInto('paperwork_products')
        .values(rows.slice(i, i + CHUNK).map((r) => ({ shop_code: shopCode, manage_number: r.manageNumber, sku: r.sku, location: r.location, jan: r.jan })))
        .execute();
    }
  }

  async products(shopCode: string, manageNumbers: readonly string[]): Promise<ProductRow[]> {
    const found: ProductRow[] = [];
    const unique = [...new Set(manageNumbers)];
    for (let i = 0; i < unique.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('paperwork_products')
        .selectAll()
        .where('shop_code', '=', shopCode)
        .where('manage_number', 'in', unique.slice(i, i + CHUNK))
        .execute();
      found.push(...rows.map((r) => ({ manageNumber: r.manage_number, sku: r.sku, location: r.location, jan: r.jan })));
    }
    return found;
  }

  async productCount(shopCode: string): Promise<number> {
    const row = await this.db.selectFrom('paperwork_products').select((eb) => eb.fn.countAll<number>().as('n')).where('shop_code', '=', shopCode).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Up to `limit` of the shop's orders still to be read once more from RMS. */
  async rereadBatch(shopCode: string, limit: number): Promise<string[]> {
    const rows = await this.db.selectFrom('paperwork_reread').select('order_number').where('shop_code', '=', shopCode).orderBy('order_number').limit(limit).execute();
    return rows.map((r) => r.order_number);
  }

  async rereadDone(orderNumbers: readonly string[]): Promise<void> {
    for (let i = 0; i < orderNumbers.length; i += CHUNK) {
      await this.db.deleteFrom('paperwork_reread').where('order_number', 'in', orderNumbers.slice(i, i + CHUNK)).execute();
    }
  }
}

function toStatusRow(r: { order_number: string; shop_code: string; status: string }): OrderStatusRow {
  return { orderNumber: r.order_number, shopCode: r.shop_code, status: r.status as OrderStatus };
}

function instant(text: string | null): Date | null {
  return text === null ? null : new Date(text);
}
