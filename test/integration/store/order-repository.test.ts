import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confirmationDeadline } from '../../../src/domain/deadline.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import type { Order } from '../../../src/domain/order.ts';
import type { Database } from '../../../src/store/database.ts';
import { MAX_PAGE_SIZE } from '../../../src/store/order-repository.ts';
import type { OrderFilter , OrderRepository } from '../../../src/store/order-repository.ts';
import { createTestDatabase, testEngine } from '../../support/database.ts';
import { HOUR, NOW, UNDETERMINED, addShop, nthOrder, pkg } from './fixtures.ts';
import { Store } from '../../../src/store/store.ts';

let db: Database;
let orders: OrderRepository;

beforeEach(async () => {
  db = await createTestDatabase();
  orders = Store.open(db).orders;
  await addShop(db);
  await addShop(db, { code: 'other-shop' });
});
afterEach(() => db.close());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return (err as DomainError).code;
}

async function listAll(filter: OrderFilter, limit: number): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await orders.list(filter, { limit, cursor }, NOW);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    seen.push(...page.items.map((o) => o.orderNumber));
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

describe(`OrderRepository on ${testEngine}`, () => {
  it('stores the aggregate and reads it back exactly: dates, undetermined amounts, version 1', async () => {
    const original = nthOrder(1, {
      packages: [pkg({ postagePrice: UNDETERMINED, shipments: [{ shippingDetailId: null, deliveryCompany: '1001', shippingNumber: null, shippingDate: '2026-11-22' }] })],
      confirmedAt: new Date('2026-11-20T05:06:07.089Z'),
      changeReasons: [{ changeId: 7, changeType: 0, changeTypeDetail: null, changeReason: 1, changeReasonDetail: null, appliedAt: new Date('2026-11-20T06:00:00Z'), fixedAt: null, completedAt: null }],
    });
    const saved = await orders.insert(original, NOW);
    expect(saved.version).toBe(1);
    const loaded = await orders.get(original.orderNumber);
    expect(loaded).toEqual({ ...original, version: 1 });
    expect(loaded!.orderedAt).toBeInstanceOf(Date);
    expect(loaded!.packages[0]!.postagePrice).toEqual({ kind: 'undetermined' });
    expect(await orders.get('no-such-order')).toBeNull();
  });

  it('refuses a second insert of the same order number with VERSION_CONFLICT', async () => {
    await orders.insert(nthOrder(1), NOW);
    expect(await codeOf(orders.insert(nthOrder(1, { memo: 'again' }), NOW))).toBe('VERSION_CONFLICT');
    expect((await orders.get(nthOrder(1).orderNumber))!.memo).toBeNull();
  });

  it('inserts many orders at version 1 in one go, across the per-statement row cap, and counts them by status', async () => {
    const many = Array.from({ length: 501 }, (_, i) => nthOrder(i + 1));
    const saved = await orders.insertMany(many, NOW);
    expect(saved.map((o) => [o.orderNumber, o.version])).toEqual(many.map((o) => [o.orderNumber, 1]));
    expect(await orders.get(many[500]!.orderNumber)).toEqual({ ...many[500], version: 1 });
    expect((await orders.countByStatus({ shopCodes: ['tea-shop'] })).awaiting_confirmation).toBe(501);
    expect(await orders.insertMany([], NOW)).toEqual([]);
  });

  it('refuses insertMany when one order number is already stored, naming it', async () => {
    await orders.insert(nthOrder(2), NOW);
    const err = await db
      .transaction((tx) => Store.within(tx).orders.insertMany([nthOrder(1), nthOrder(2), nthOrder(3)], NOW))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: 'VERSION_CONFLICT', details: { orderNumber: nthOrder(2).orderNumber } });
    // The caller's transaction rolled back: nothing of the batch stays.
    expect(await orders.get(nthOrder(1).orderNumber)).toBeNull();
    expect(await orders.get(nthOrder(3).orderNumber)).toBeNull();
  });

  it('bumps the version on update and refuses a save from a stale version, writing nothing', async () => {
    const v1 = await orders.insert(nthOrder(1), NOW);
    const v2 = await orders.update({ ...v1, memo: 'first' }, NOW);
    expect(v2.version).toBe(2);
    expect(await codeOf(orders.update({ ...v1, memo: 'stale' }, NOW))).toBe('VERSION_CONFLICT');
    const stored = await orders.get(v1.orderNumber);
    expect(stored).toMatchObject({ memo: 'first', version: 2 });
  });

  it('gets many by number, ignoring numbers it does not know', async () => {
    for (let n = 1; n <= 3; n++) await orders.insert(nthOrder(n), NOW);
    const found = await orders.getMany([nthOrder(3).orderNumber, 'missing', nthOrder(1).orderNumber]);
    expect(found.map((o) => o.orderNumber).sort()).toEqual([nthOrder(1).orderNumber, nthOrder(3).orderNumber]);
  });

  it('pages with a keyset cursor: every order once, soonest deadline first, whatever the page size', async () => {
    const all: Order[] = [];
    // Inserted out of order, with two orders sharing a deadline to exercise the tie-break.
    for (const n of [5, 3, 11, 1, 8, 2, 13, 21, 34, 4, 6, 7, 9, 10, 12]) all.push(await orders.insert(nthOrder(n), NOW));
    all.push(await orders.insert(nthOrder(99, { orderedAt: nthOrder(5).orderedAt }), NOW));
    const expected = [...all]
      .sort((a, b) => a.orderedAt.getTime() - b.orderedAt.getTime() || a.orderNumber.localeCompare(b.orderNumber))
      .map((o) => o.orderNumber);
    for (const limit of [1, 4, 7, 50]) expect(await listAll({}, limit)).toEqual(expected);
  });

  it('caps a page at 200 and refuses a cursor it did not issue', async () => {
    await db.transaction(async (tx) => {
      for (let n = 1; n <= MAX_PAGE_SIZE + 1; n++) await Store.within(tx).orders.insert(nthOrder(n), NOW);
    });
    const page = await orders.list({}, { limit: 10_000 }, NOW);
    expect(page.items).toHaveLength(200);
    expect(page.nextCursor).not.toBeNull();
    expect(await codeOf(orders.list({}, { cursor: 'not-a-cursor' }, NOW))).toBe('VALIDATION_FAILED');
  });

  it('filters by status and shop, and counts per status (as numbers on both engines)', async () => {
    await orders.insert(nthOrder(1), NOW);
    await orders.insert(nthOrder(2, { status: 'new', rmsProgress: 300 }), NOW);
    await orders.insert(nthOrder(3, { status: 'new', rmsProgress: 300, shopCode: 'other-shop' }), NOW);
    await orders.insert(nthOrder(4, { status: 'on_hold', statusBeforeHold: 'new', rmsProgress: 300 }), NOW);

    expect(await listAll({ statuses: ['new'] }, 10)).toEqual([nthOrder(2).orderNumber, nthOrder(3).orderNumber]);
    expect(await listAll({ statuses: ['new'], shopCodes: ['tea-shop'] }, 10)).toEqual([nthOrder(2).orderNumber]);
    expect(await listAll({ shopCodes: [] }, 10)).toEqual([]);

    const counts = await orders.countByStatus();
    expect(counts).toMatchObject({ awaiting_confirmation: 1, new: 2, on_hold: 1, cancelled: 0 });
    expect(typeof counts.new).toBe('number');
    expect(await orders.countByStatus({ shopCodes: ['other-shop'] })).toMatchObject({ new: 1, awaiting_confirmation: 0 });
  });

  it('finds orders by order number prefix, buyer name or kana however typed, and phone digits', async () => {
    const buyer = nthOrder(1).buyer;
    await orders.insert(nthOrder(1), NOW); // 楽天 太郎 / ラクテン タロウ / 03-1234-5678
    await orders.insert(nthOrder(2, { buyer: { ...buyer, familyName: '山田', firstName: '花子', familyNameKana: 'ヤマダ', firstNameKana: 'ハナコ', phoneNumber: '090-9999-0000' } }), NOW);
    await orders.insert(nthOrder(3, { orderNumber: '999999-20261120-0000000003' }), NOW);

    const search = (q: string) => listAll({ q }, 10);
    expect(await search(nthOrder(2).orderNumber)).toEqual([nthOrder(2).orderNumber]);
    expect(await search('999999-20261120')).toEqual(['999999-20261120-0000000003']);
    expect(await search('999999-')).toEqual([]);
    expect(await search('山田')).toEqual([nthOrder(2).orderNumber]);
    expect(await search('山田 花')).toEqual([nthOrder(2).orderNumber]);
    expect(await search('やまだ')).toEqual([nthOrder(2).orderNumber]);
    expect(await search('ﾔﾏﾀﾞﾊﾅｺ')).toEqual([nthOrder(2).orderNumber]);
    expect(await search('090-9999')).toEqual([nthOrder(2).orderNumber]);
    expect(await search('０９０９９９９')).toEqual([nthOrder(2).orderNumber]);
    expect(await search('田')).toEqual([]);
    expect((await search('楽天')).length).toBe(2);
  });

  it('keeps the search keys in step with every write: a renamed buyer is found by the new name only, a deleted order not at all', async () => {
    const buyer = nthOrder(1).buyer;
    const stored = await orders.insert(nthOrder(1), NOW);
    await orders.insert(nthOrder(2), NOW);
    const search = (q: string) => listAll({ q }, 10);
    expect(await search('ラクテン')).toEqual([nthOrder(1).orderNumber, nthOrder(2).orderNumber]);

    await orders.update({ ...stored, buyer: { ...buyer, familyName: '鈴木', familyNameKana: 'スズキ', phoneNumber: '06-1111-2222' } }, NOW);
    expect(await search('ラクテン')).toEqual([nthOrder(2).orderNumber]);
    expect(await search('鈴木')).toEqual([nthOrder(1).orderNumber]);
    expect(await search('すずき')).toEqual([nthOrder(1).orderNumber]);
    expect(await search('06-111')).toEqual([nthOrder(1).orderNumber]);
    expect(await search('03-1234')).toEqual([nthOrder(2).orderNumber]);

    await db.kysely.deleteFrom('orders').where('order_number', '=', nthOrder(1).orderNumber).execute();
    expect(await search('鈴木')).toEqual([]);
    const left = await db.kysely.selectFrom('order_search_keys').select('order_number').distinct().execute();
    expect(left.map((k) => k.order_number)).toEqual([nthOrder(2).orderNumber]);
  });

  it('a later page of a search continues after the cursor, on every walk', async () => {
    for (let n = 1; n <= 7; n++) await orders.insert(nthOrder(n), NOW);
    const all = [1, 2, 3, 4, 5, 6, 7].map((n) => nthOrder(n).orderNumber);
    for (const limit of [1, 3, 7]) expect(await listAll({ q: '楽天' }, limit)).toEqual(all);
  });

  it('lists orders awaiting confirmation whose deadline falls within N hours, held ones included', async () => {
    // nthOrder(n) was ordered n hours after 2026-11-20 00:00Z; NOW is 2026-11-21 00:00Z.
    await orders.insert(nthOrder(1), NOW);
    await orders.insert(nthOrder(30), NOW);
    await orders.insert(nthOrder(2, { status: 'on_hold', statusBeforeHold: 'awaiting_confirmation' }), NOW);
    await orders.insert(nthOrder(3, { status: 'new', rmsProgress: 300 }), NOW);
    const hoursTo = (n: number) => (confirmationDeadline(nthOrder(n).orderedAt).getTime() - NOW.getTime()) / HOUR;
    const within = Math.ceil(hoursTo(3));
    expect(await listAll({ deadlineWithinHours: within }, 10)).toEqual([nthOrder(1).orderNumber, nthOrder(2).orderNumber]);
    expect(await listAll({ deadlineWithinHours: Math.ceil(hoursTo(30)) }, 10)).toHaveLength(3);
  });

  it('keeps request_price in step with the aggregate, NULL while undetermined', async () => {
    await orders.insert(nthOrder(1), NOW);
    await orders.insert(nthOrder(2, { packages: [pkg({ postagePrice: UNDETERMINED })] }), NOW);
    const rows = await db.kysely.selectFrom('orders').select(['order_number', 'request_price']).orderBy('order_number').execute();
    expect(rows.map((r) => r.request_price)).toEqual([1500, null]);
  });
});
