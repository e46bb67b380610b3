import type { Order } from '../order.ts';
import { manageNumberOf, skuOf } from './slip.ts';

/**
 * Picking: the goods of the selected orders, grouped by 管理番号 and SKU so each is fetched
 * from its shelf once, in shelf order when the shop has uploaded location codes.
 */

/** A row of the shop's product table (uploaded as CSV). */
export interface ProductInfo {
  readonly manageNumber: string;
  /** '' for the row that covers every SKU of the 管理番号. */
  readonly sku: string;
  readonly location: string | null;
  readonly jan: string | null;
}

export interface PickingRow {
  readonly manageNumber: string;
  readonly sku: string;
  readonly name: string;
  readonly options: string;
  readonly location: string | null;
  readonly jan: string | null;
  readonly quantity: number;
  readonly orders: readonly { readonly orderNumber: string; readonly quantity: number }[];
}

export interface PickingSheet {
  readonly orderNumber: string;
  readonly recipients: readonly string[];
  readonly rows: readonly PickingRow[];
}

/** Finds a product row: the SKU's own, else the 管理番号's catch-all row. */
export class ProductTable {
  private readonly rows = new Map<string, ProductInfo>();

  constructor(rows: readonly ProductInfo[]) {
    for (const r of rows) this.rows.set(key(r.manageNumber, r.sku), r);
  }

  find(manageNumber: string, sku: string): ProductInfo | null {
    return this.rows.get(key(manageNumber, sku)) ?? this.rows.get(key(manageNumber, '')) ?? null;
  }
}

const key = (manageNumber: string, sku: string): string => `${manageNumber}\u0000${sku}`;

export function pickingList(orders: readonly Order[], products: ProductTable): PickingRow[] {
  const groups = new Map<string, { row: Omit<PickingRow, 'quantity' | 'orders'>; orders: Map<string, number> }>();
  for (const order of orders) {
    for (const pkg of order.packages) {
      for (const item of pkg.items) {
        if (item.units === 0) continue;
        const manageNumber = manageNumberOf(item);
        const sku = skuOf(item);
        const k = key(manageNumber, sku);
        let group = groups.get(k);
        if (!group) {
          const product = products.find(manageNumber, sku);
          group = {
            row: { manageNumber, sku, name: item.name, options: item.sku?.skuInfo ?? item.selectedChoice ?? '', location: product?.location ?? null, jan: product?.jan ?? null },
            orders: new Map(),
          };
          groups.set(k, group);
        }
        group.orders.set(order.orderNumber, (group.orders.get(order.orderNumber) ?? 0) + item.units);
      }
    }
  }
  return [...groups.values()]
    .map(({ row, orders: byOrder }) => {
      const list = [...byOrder].map(([orderNumber, quantity]) => ({ orderNumber, quantity }));
      return { ...row, orders: list, quantity: list.reduce((acc, o) => acc + o.quantity, 0) };
    })
    .sort(byShelf);
}

export function pickingSheets(orders: readonly Order[], products: ProductTable): PickingSheet[] {
  return orders.map((order) => ({
    orderNumber: order.orderNumber,
    recipients: order.packages.map((p) => [p.recipient.familyName, p.recipient.firstName].filter((s) => s).join(' ')),
    rows: pickingList([order], products),
  }));
}

/** Rows with a location first, in location order (numbers inside compared as numbers), then by 管理番号 and SKU. */
function byShelf(a: PickingRow, b: PickingRow): number {
  if (a.location !== null && b.location === null) return -1;
  if (a.location === null && b.location !== null) return 1;
  const collate = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const byLocation = a.location !== null && b.location !== null ? naturalCompare(a.location, b.location) : 0;
  return byLocation || collate(a.manageNumber, b.manageNumber) || collate(a.sku, b.sku);
}

/** `A-2` before `A-10`: shelves are numbered, and staff walk them in that order. */
function naturalCompare(a: string, b: string): number {
  const parts = (s: string) => s.split(/(\d+)/);
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (i % 2 === 1) return Number(x) - Number(y) || x.length - y.length;
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}
