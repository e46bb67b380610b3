import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/store/database.ts';
import { createTestDatabase, testEngine } from '../../support/database.ts';
import { NOW, addShop, nthOrder } from './fixtures.ts';
import { Store } from '../../../src/store/store.ts';

let db: Database;

beforeEach(async () => {
  db = await createTestDatabase();
  await addShop(db);
  await addShop(db, { code: 'other-shop' });
});
afterEach(() => db.close());

/** What a full scan says, to compare the kept counts with. */
async function scanned(shopCodes?: string[]): Promise<Record<string, number>> {
  let query = db.kysely.selectFrom('orders').select((eb) => ['status', eb.fn.countAll<number>().as('n')]).groupBy('status');
  if (shopCodes) query = query.where('shop_code', 'in', shopCodes);
  return Object.fromEntries((await query.execute()).map((r) => [r.status, Number(r.n)]));
}

function nonZero(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n !== 0));
}

describe(`status counts kept by the database (${testEngine})`, () => {
  it('follow inserts, status changes, moves between shops and deletes, whoever writes', async () => {
    const orders = Store.open(db).orders;
    for (let n = 1; n <= 12; n++) await orders.insert(nthOrder(n, n % 3 === 0 ? { shopCode: 'other-shop' } : {}), NOW);
    const first = (await orders.get(nthOrder(1).orderNumber))!;
    await orders.update({ ...first, status: 'new' }, NOW);
    const second = (await orders.get(nthOrder(2).orderNumber))!;
    await orders.update({ ...second, status: 'cancelled' }, NOW);
    // Writes outside the repository count too: the triggers see every row change.
    await sql`update orders set status = 'completed' where order_number = ${nthOrder(4).orderNumber}`.execute(db.kysely);
    await sql`update orders set shop_code = 'other-shop' where order_number = ${nthOrder(5).orderNumber}`.execute(db.kysely);
    await sql`update orders set version = version + 1`.execute(db.kysely);
    await db.kysely.deleteFrom('orders').where('order_number', '=', nthOrder(7).orderNumber).execute();

    expect(nonZero(await orders.countByStatus())).toEqual(await scanned());
    expect(nonZero(await orders.countByStatus({ shopCodes: ['other-shop'] }))).toEqual(await scanned(['other-shop']));
    expect(nonZero(await orders.countByStatus({ shopCodes: [] }))).toEqual({});
  });

  it('roll back with the transaction that wrote the order', async () => {
    const orders = Store.open(db).orders;
    await expect(
      db.transaction(async (tx) => {
        await Store.within(tx).orders.insert(nthOrder(1), NOW);
        throw new Error('late failure');
      }),
    ).rejects.toThrow('late failure');
    expect(nonZero(await orders.countByStatus())).toEqual({});
  });
});
