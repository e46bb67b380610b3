import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../src/domain/history.ts';
import type { Database } from '../../../src/store/database.ts';
import { HistoryRepository } from '../../../src/store/history-repository.ts';
import { OrderRepository } from '../../../src/store/order-repository.ts';
import { createTestDatabase, testEngine } from '../../support/database.ts';
import { NOW, addShop, nthOrder } from './fixtures.ts';

let db: Database;
let history: HistoryRepository;

beforeEach(async () => {
  db = await createTestDatabase();
  history = new HistoryRepository(db.kysely);
  await addShop(db);
});
afterEach(() => db.close());

function entry(summary: string, after: unknown = null): HistoryEntry {
  return { at: NOW, actor: { kind: 'rms' }, action: 'imported', summary, before: null, after };
}

describe(`HistoryRepository on ${testEngine}`, () => {
  it('appends several orders’ entries at once, across the per-statement row cap, each order’s oldest first', async () => {
    const orders = await new OrderRepository(db.kysely).insertMany([nthOrder(1), nthOrder(2), nthOrder(3)], NOW);
    const many = Array.from({ length: 600 }, (_, i) => entry(`#${i}`));
    await history.appendMany([
      { order: orders[0]!, entries: [entry('first', { status: 'new' }), entry('second')] },
      { order: orders[1]!, entries: [] },
      { order: orders[2]!, entries: many },
    ]);

    expect(await history.listForOrder(orders[0]!.orderNumber)).toEqual([entry('first', { status: 'new' }), entry('second')]);
    expect(await history.listForOrder(orders[1]!.orderNumber)).toEqual([]);
    expect((await history.listForOrder(orders[2]!.orderNumber, 1000)).map((e) => e.summary)).toEqual(many.map((e) => e.summary));
    await history.appendMany([]);
  });
});
