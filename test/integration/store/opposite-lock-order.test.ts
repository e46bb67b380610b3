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
});
afterEach(() => db.close());

/**
 * Resolves once both sides have arrived, or after `patienceMs` for a side that waits alone: on
 * SQLite the second transaction cannot begin before the first ends, so it never arrives.
 */
function meetingPoint(patienceMs: number): () => Promise<void> {
  let arrived = 0;
  let release!: () => void;
  const bothThere = new Promise<void>((r) => (release = r));
  return () => {
    arrived += 1;
    if (arrived >= 2) release();
    return Promise.race([bothThere, new Promise<void>((r) => setTimeout(r, patienceMs))]);
  };
}

describe(`transactions taking rows in opposite orders (${testEngine})`, () => {
  it('both commit: the one PostgreSQL aborts as a deadlock runs again', async () => {
    const orders = Store.open(db).orders;
    const [a, b] = [nthOrder(1, { status: 'new' }), nthOrder(2, { status: 'shipped' })];
    await orders.insert(a, NOW);
    await orders.insert(b, NOW);
    const meet = meetingPoint(300);
    const setStatus = (tx: Parameters<Parameters<Database['transaction']>[0]>[0], orderNumber: string, status: string) =>
      sql`update orders set status = ${status} where order_number = ${orderNumber}`.execute(tx);

    // Each moves its first order (locking that row and two status counters), waits for the
    // other to do the same, then reaches for what the other holds.
    await Promise.all([
      db.transaction(async (tx) => {
        await setStatus(tx, a.orderNumber, 'shipped');
        await meet();
        await setStatus(tx, b.orderNumber, 'new');
      }),
      db.transaction(async (tx) => {
        await setStatus(tx, b.orderNumber, 'cancelled');
        await meet();
        await setStatus(tx, a.orderNumber, 'cancelled');
      }),
    ]);

    const rows = await db.kysely.selectFrom('orders').select(['order_number', 'status']).orderBy('order_number').execute();
    // Both committed whole, one after the other: never a mix of the two.
    expect([['cancelled', 'cancelled'], ['shipped', 'new']]).toContainEqual(rows.map((r) => r.status));
    const counts = await db.kysely.selectFrom('order_status_counts').select(['status', 'n']).where('n', '!=', 0).execute();
    const kept = Object.fromEntries(counts.map((c) => [c.status, Number(c.n)]));
    const actual: Record<string, number> = {};
    for (const r of rows) actual[r.status] = (actual[r.status] ?? 0) + 1;
    expect(kept).toEqual(actual);
  }, 20_000);
});
