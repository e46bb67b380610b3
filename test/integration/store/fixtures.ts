import type { Order } from '../../../src/domain/order.ts';
import type { Shop } from '../../../src/domain/shop.ts';
import type { Database } from '../../../src/store/database.ts';
import { order, shop as teaShop } from '../../unit/domain/fixtures.ts';
import { Store } from '../../../src/store/store.ts';

export { order, pkg, item, ORDERED_AT } from '../../unit/domain/fixtures.ts';
export { UNDETERMINED } from '../../../src/domain/money.ts';

export const NOW = new Date('2026-11-21T00:00:00Z');
export const HOUR = 3_600_000;

export async function addShop(db: Database, overrides: Partial<Shop> = {}): Promise<Shop> {
  const shop = { ...teaShop, ...overrides };
  await Store.open(db).shops.insert(shop, { serviceSecret: 'sealed-ss', licenseKey: 'sealed-lk' }, NOW);
  return shop;
}

/** The n-th of a set of distinct orders, ordered one hour apart so their deadlines differ. */
export function nthOrder(n: number, overrides: Partial<Order> = {}): Order {
  return order({
    orderNumber: `123456-20261120-${String(n).padStart(10, '0')}`,
    orderedAt: new Date(Date.UTC(2026, 10, 20, 0, 0, 0) + n * HOUR),
    ...overrides,
  });
}
