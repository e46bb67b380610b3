import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { historyEntry } from '../../../src/domain/action.ts';
import type { HistoryEntry } from '../../../src/domain/history.ts';
import type { Database } from '../../../src/store/database.ts';
import type { HistoryRepository } from '../../../src/store/history-repository.ts';
import { createTestDatabase, testEngine } from '../../support/database.ts';
import { NOW, addShop, nthOrder } from './fixtures.ts';
import { Store } from '../../../src/store/store.ts';

let db: Database;
let history: HistoryRepository;

beforeEach(async () => {
  db = await createTestDatabase();
  history = Store.open(db).history;
  await addShop(db);
});
afterEach(() => db.close());

function entry(summary: string, after: unknown = null): HistoryEntry {
  return { at: NOW, actor: { kind: 'rms' }, action: 'imported', message: null, summary, before: null, after };
}

describe(`HistoryRepository on ${testEngine}`, () => {
  it('appends several orders’ entries at once, across the per-statement row cap, each order’s oldest first', async () => {
    const orders = await Store.open(db).orders.insertMany([nthOrder(1), nthOrder(2), nthOrder(3)], NOW);
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

  it('keeps an entry’s code and parameters beside its Japanese summary, and an older row’s text alone', async () => {
    const [order] = await Store.open(db).orders.insertMany([nthOrder(1)], NOW);
    const coded = historyEntry(NOW, { kind: 'system', name: '同期' }, 'rmsOperationFailed', { code: 'rmsOperationFailed', params: { operation: 'syncConfirmation', rmsMessage: 'ERROR_105' } }, null, null);
    await history.append(order!, [coded]);
    // A row written before migration 0014: no code, only the sentence of its day.
    await db.kysely
      .insertInto('order_history')
      .values({ order_number: order!.orderNumber, shop_code: order!.shopCode, at: NOW.toISOString(), actor: '{"kind":"rms"}', action: 'imported', summary: '昔の文', code: null, params: null, before: null, after: null })
      .execute();

    const [read, old] = await history.listForOrder(order!.orderNumber);
    expect(read).toEqual(coded);
    expect(read!.summary).toBe('注文確認済み連携がRMSで受け付けられませんでした: ERROR_105');
    expect(old).toMatchObject({ message: null, summary: '昔の文' });
  });
});
