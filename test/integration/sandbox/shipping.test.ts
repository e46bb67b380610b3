import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASYNC_REQUEST_ID_PATTERN } from '../../../src/rms/wire/index.ts';
import { codes, DAY, Harness } from './harness.ts';

describe('updateOrderShipping, the shipping batch and settlement', () => {
  let h: Harness;
  beforeAll(async () => {
    // Auto-confirmed shop: orders reach 300 one minute after they are placed.
    h = await Harness.start({ autoConfirm: true, settings: { paymentProcessingSeconds: 60 } });
  });
  afterAll(() => h.close());

  const inShipping = async (scenario = 'card_ok') => {
    const [orderNumber] = (await h.orders(scenario)) as [string];
    await h.advance(60);
    const order = await h.order(orderNumber);
    expect(order.orderProgress).toBe(300);
    return { orderNumber, baskets: order.PackageModelList.map((p: { basketId: number }) => p.basketId) as number[] };
  };
  const ship = (orderNumber: string, baskets: Array<{ basketId: number; ShippingModelList: unknown[] }>) =>
    h.rms('updateOrderShipping', { orderNumber, BasketidModelList: baskets });

  it('adds, updates and deletes rows, numbering them across baskets', async () => {
    const { orderNumber, baskets } = await inShipping('multi_package');
    const [b1, b2] = baskets as [number, number];
    const added = await ship(orderNumber, [
      { basketId: b1, ShippingModelList: [{ deliveryCompany: '1001', shippingDate: '2026-02-20' }] },
      { basketId: b2, ShippingModelList: [{ deliveryCompany: '1002', shippingNumber: 'SG-1', shippingDate: '2026-02-20' }, { deliveryCompany: '1003' }] },
    ]);
    expect(added.status).toBe(200);
    expect(added.body.MessageModelList.map((m: Record<string, unknown>) => [m.messageCode, m.dataNumber])).toEqual([
      ['ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101', 1],
      ['ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101', 2],
      ['ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101', 3],
    ]);
    expect(added.body.MessageModelList[0]).toEqual({ messageType: 'INFO', messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101', message: '発送情報の追加設定が完了しました。', dataNumber: 1, shippingDetailId: expect.any(Number) });
    const [first, , third] = added.body.MessageModelList.map((m: { shippingDetailId: number }) => m.shippingDetailId);
    const changed = await ship(orderNumber, [
      { basketId: b1, ShippingModelList: [{ shippingDetailId: first, shippingNumber: '441722905583' }] },
      { basketId: b2, ShippingModelList: [{ shippingDetailId: third, shippingDeleteFlag: 1 }] },
    ]);
    expect(changed.body.MessageModelList).toEqual([
      { messageType: 'INFO', messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_102', message: '発送情報の更新設定が完了しました。', dataNumber: 1, shippingDetailId: first },
      { messageType: 'INFO', messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_103', message: '発送情報の削除設定が完了しました。', dataNumber: 2, shippingDetailId: third },
    ]);
    const order = await h.order(orderNumber);
    expect(order.PackageModelList[0].ShippingModelList).toEqual([
      { shippingDetailId: first, shippingNumber: '441722905583', deliveryCompany: '1001', deliveryCompanyName: 'ヤマト運輸', shippingDate: '2026-02-20' },
    ]);
    expect(order.PackageModelList[1].ShippingModelList).toHaveLength(1);
  });

  it('refuses bad rows all-or-nothing, one ERROR_011 per row with dataNumber', async () => {
    const { orderNumber, baskets } = await inShipping();
    const res = await ship(orderNumber, [{
      basketId: baskets[0] as number,
      ShippingModelList: [
        { deliveryCompany: '1001', shippingNumber: '1', shippingDate: '2026-02-20' },
        { deliveryCompany: '1001', shippingNumber: 'x'.repeat(121), shippingDate: '2026-02-20' },
        { deliveryCompany: '佐川急便', shippingDate: '2026-02-20' },
        { deliveryCompany: '1001', shippingDate: '2026/02/20' },
      ],
    }]);
    expect(res.status).toBe(400);
    expect(res.body.MessageModelList).toEqual([
      { messageType: 'ERROR', messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_011', message: 'shippingNumberの書式が不正です。', dataNumber: 2, shippingDetailId: null },
      { messageType: 'ERROR', messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_011', message: 'deliveryCompanyの書式が不正です。', dataNumber: 3, shippingDetailId: null },
      { messageType: 'ERROR', messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_011', message: 'shippingDateの書式が不正です。', dataNumber: 4, shippingDetailId: null },
    ]);
    expect((await h.order(orderNumber)).PackageModelList[0].ShippingModelList).toEqual([]);
    const unknownRow = await ship(orderNumber, [{ basketId: baskets[0] as number, ShippingModelList: [{ shippingDetailId: 1, shippingNumber: '2' }] }]);
    expect(unknownRow.body.MessageModelList).toEqual([expect.objectContaining({ message: 'shippingDetailIdの書式が不正です。', dataNumber: 1, shippingDetailId: 1 })]);
  });

  it('allows at most 20 rows per basket', async () => {
    const { orderNumber, baskets } = await inShipping();
    const row = { deliveryCompany: '1001', shippingNumber: '1', shippingDate: '2026-02-20' };
    expect((await ship(orderNumber, [{ basketId: baskets[0] as number, ShippingModelList: Array(20).fill(row) }])).status).toBe(200);
    const over = await ship(orderNumber, [{ basketId: baskets[0] as number, ShippingModelList: [row] }]);
    expect(over.status).toBe(400);
    expect(over.body.MessageModelList[0].message).toBe('ShippingModelListの書式が不正です。');
  });

  it('refuses cancelled orders with ERROR_102 and unconfirmed ones with ERROR_101', async () => {
    const { orderNumber, baskets } = await inShipping();
    await h.rms('cancelOrder', { orderNumber, inventoryRestoreType: 1, changeReasonDetailApply: 8 });
    const res = await ship(orderNumber, [{ basketId: baskets[0] as number, ShippingModelList: [{ deliveryCompany: '1001' }] }]);
    expect(res.status).toBe(400);
    expect(res.body.MessageModelList).toEqual([{
      messageType: 'ERROR',
      messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_102',
      message: '指定された注文番号は既にキャンセルされているため、発送完了報告が出来る状態ではありませんでした。',
      orderNumber,
    }]);
    const manual = await h.createShop({ autoConfirm: false });
    const [fresh] = (await h.orders('card_ok', 1, {}, manual)) as [string];
    const basketId = (await h.order(fresh)).PackageModelList[0].basketId;
    expect(codes((await h.rms('updateOrderShipping', { orderNumber: fresh, BasketidModelList: [{ basketId, ShippingModelList: [{ deliveryCompany: '1001' }] }] }, manual)).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_101']);
  });

  it('moves a completely reported order 300 → 500 at the next 03:00 JST batch, then 600 and 700', async () => {
    await h.control('POST', '/sandbox/clock', { set: '2026-02-16T10:00:00+09:00' });
    const { orderNumber, baskets } = await inShipping();
    const incomplete = await inShipping();
    await ship(incomplete.orderNumber, [{ basketId: incomplete.baskets[0] as number, ShippingModelList: [{ deliveryCompany: '1001', shippingDate: '2026-02-16' }] }]);
    await ship(orderNumber, [{ basketId: baskets[0] as number, ShippingModelList: [{ deliveryCompany: '1001', shippingNumber: '441722905583', shippingDate: '2026-02-16' }] }]);
    let order = await h.order(orderNumber);
    expect(order.orderProgress).toBe(300);
    expect(order.shippingCmplRptDatetime).toBe('2026-02-16T10:02:00+0900');
    expect(order.sandbox.scheduledEvents).toEqual([{ kind: 'shippingBatch', at: '2026-02-17T03:00:00.000+09:00' }]);
    await h.control('POST', '/sandbox/clock', { set: '2026-02-17T02:59:59+09:00' });
    expect((await h.order(orderNumber)).orderProgress).toBe(300);
    await h.advance(1);
    order = await h.order(orderNumber);
    expect(order.orderProgress).toBe(500);
    expect(order.sandbox.payment.paymentStatus).toBe(30500);
    expect((await h.order(incomplete.orderNumber)).orderProgress).toBe(300);
    await h.advance(2 * DAY);
    order = await h.order(orderNumber);
    expect(order.orderProgress).toBe(600);
    expect(order.sandbox.payment.paymentStatus).toBe(30600);
    const bySettlement = await h.rms('searchOrder', { dateType: 6, startDatetime: '2026-02-19T00:00:00+0900', endDatetime: '2026-02-19T23:59:59+0900' });
    expect(bySettlement.body.orderNumberList).toContain(orderNumber);
    expect(bySettlement.body.orderNumberList).not.toContain(incomplete.orderNumber);
    await h.advance(10 * DAY);
    expect((await h.order(orderNumber)).orderProgress).toBe(700);
  });

  it('counts carrier その他 (1000) without a tracking number as complete', async () => {
    const { orderNumber, baskets } = await inShipping();
    await ship(orderNumber, [{ basketId: baskets[0] as number, ShippingModelList: [{ deliveryCompany: '1000', shippingDate: '2026-02-16' }] }]);
    expect((await h.order(orderNumber)).sandbox.scheduledEvents.map((e: { kind: string }) => e.kind)).toEqual(['shippingBatch']);
  });

  it('re-authorises 7 days before a registered shipping date more than 30 days after the authorisation', async () => {
    await h.control('POST', '/sandbox/clock', { set: '2026-03-02T09:59:00+09:00' });
    const { orderNumber, baskets } = await inShipping();
    await ship(orderNumber, [{ basketId: baskets[0] as number, ShippingModelList: [{ deliveryCompany: '1001', shippingDate: '2026-04-15' }] }]);
    const planned = await h.order(orderNumber);
    expect(planned.sandbox.scheduledEvents).toEqual([{ kind: 'reauthorize', at: '2026-04-08T00:00:00.000+09:00' }]);
    await h.control('POST', '/sandbox/clock', { set: '2026-04-08T00:00:00+09:00' });
    const order = await h.order(orderNumber);
    expect(order.ChangeReasonModelList.at(-1)).toEqual(expect.objectContaining({ changeType: 9, changeApplyDatetime: '2026-04-08T00:00:00+0900' }));
    expect(order.sandbox.authorization.reauthorizations).toEqual(['2026-04-08T00:00:00.000+09:00']);
    const payment = await h.rms('getPayment', { orderNumber, version: 4 });
    expect(payment.body.OrderModel.PaymentModelList[0].paymentProcCmplDatetime).toBe('2026-04-08T00:00:00+0900');

    const near = await inShipping();
    await ship(near.orderNumber, [{ basketId: near.baskets[0] as number, ShippingModelList: [{ deliveryCompany: '1001', shippingDate: '2026-04-20' }] }]);
    expect((await h.order(near.orderNumber)).sandbox.scheduledEvents).toEqual([]);
  });

  it('finds orders by fix date, shipping date and report date (dateType 3, 4, 5) and by blank shipping fields', async () => {
    await h.control('POST', '/sandbox/clock', { set: '2026-05-11T09:59:00+09:00' });
    const { orderNumber, baskets } = await inShipping();
    const { orderNumber: unshipped } = await inShipping();
    await ship(orderNumber, [{ basketId: baskets[0] as number, ShippingModelList: [{ deliveryCompany: '1003', shippingDate: '2026-05-13' }] }]);
    const search = async (body: Record<string, unknown>) =>
      (await h.rms('searchOrder', { startDatetime: '2026-05-11T00:00:00+0900', endDatetime: '2026-05-14T23:59:59+0900', ...body })).body.orderNumberList;
    expect(await search({ dateType: 3 })).toEqual(expect.arrayContaining([orderNumber, unshipped]));
    expect(await search({ dateType: 4 })).toEqual([orderNumber]);
    expect(await search({ dateType: 5 })).toEqual([]);
    expect(await search({ dateType: 3, shippingDateBlankFlag: 1 })).toEqual([unshipped]);
    expect(await search({ dateType: 3, shippingNumberBlankFlag: 1 })).toEqual(expect.arrayContaining([orderNumber, unshipped]));
    const rowId = (await h.order(orderNumber)).PackageModelList[0].ShippingModelList[0].shippingDetailId;
    await ship(orderNumber, [{ basketId: baskets[0] as number, ShippingModelList: [{ shippingDetailId: rowId, shippingNumber: 'JP-7788' }] }]);
    expect(await search({ dateType: 5 })).toEqual([orderNumber]);
    expect(await search({ dateType: 3, shippingNumberBlankFlag: 1 })).toEqual([unshipped]);
  });
});

describe('updateOrderShippingAsync and getResultUpdateOrderShippingAsync', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({ autoConfirm: true, settings: { paymentProcessingSeconds: 0 } });
  });
  afterAll(() => h.close());

  const notFound = [{ MessageModelList: [{ messageType: 'INFO', messageCode: 'ORDER_EXT_API_GET_RESULT_UPDATEORDERSHIPPING_ASYNC_INFO_101', message: '指定されたリクエストIDの処理結果は存在しませんでした。' }] }];

  it('accepts up to 100 orders with a requestId and shows per-order results after the delay, for 30 days', async () => {
    const [a, b] = (await h.orders('card_ok', 2)) as [string, string];
    await h.control('GET', '/sandbox/clock');
    await h.rms('cancelOrder', { orderNumber: b, inventoryRestoreType: 0, changeReasonDetailApply: 1 });
    const basket = async (n: string) => (await h.order(n)).PackageModelList[0].basketId;
    const accepted = await h.rms('updateOrderShippingAsync', {
      OrderShippingModelList: [
        { orderNumber: a, BasketidModelList: [{ basketId: await basket(a), ShippingModelList: [{ deliveryCompany: '1001', shippingNumber: '1234', shippingDate: '2026-02-16' }] }] },
        { orderNumber: b, BasketidModelList: [{ basketId: await basket(b), ShippingModelList: [{ deliveryCompany: '1001' }] }] },
      ],
    });
    expect(accepted.status).toBe(200);
    const [message] = accepted.body.MessageModelList;
    expect(message).toEqual({ messageType: 'INFO', messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ASYNC_INFO_101', message: '発送情報の更新を受付けました。', requestId: expect.stringMatching(ASYNC_REQUEST_ID_PATTERN), dataNumber: null, shippingDetailId: null });
    expect(message.requestId.endsWith('_20260216100000')).toBe(true);

    const early = await h.rms('getResultUpdateOrderShippingAsync', { requestId: message.requestId });
    expect(early.body.ResultShippingModelList).toEqual(notFound);
    expect((await h.order(a)).PackageModelList[0].ShippingModelList).toEqual([]);

    await h.advance(5);
    const done = await h.rms('getResultUpdateOrderShippingAsync', { requestId: message.requestId });
    expect(done.body.ResultShippingModelList).toEqual([
      { orderNumber: a, MessageModelList: [expect.objectContaining({ messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101', dataNumber: 1 })] },
      { orderNumber: b, MessageModelList: [expect.objectContaining({ messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_102' })] },
    ]);
    expect((await h.order(a)).PackageModelList[0].ShippingModelList).toHaveLength(1);

    await h.advance(30 * DAY);
    expect((await h.rms('getResultUpdateOrderShippingAsync', { requestId: message.requestId })).body.ResultShippingModelList).toEqual(notFound);
  });

  it('refuses duplicates, more than 100 orders and bad rows at once, queueing nothing', async () => {
    const [a] = (await h.orders('card_ok')) as [string];
    const basketId = (await h.order(a)).PackageModelList[0].basketId;
    const entry = { orderNumber: a, BasketidModelList: [{ basketId, ShippingModelList: [{ deliveryCompany: '1001' }] }] };
    const dup = await h.rms('updateOrderShippingAsync', { OrderShippingModelList: [entry, entry] });
    expect(dup.body.MessageModelList).toEqual([expect.objectContaining({ messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ASYNC_ERROR_011', orderNumber: a })]);
    const tooMany = await h.rms('updateOrderShippingAsync', { OrderShippingModelList: Array.from({ length: 101 }, (_, i) => ({ ...entry, orderNumber: `n${i}` })) });
    expect(codes(tooMany.body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERSHIPPING_ASYNC_ERROR_011']);
    const badRow = await h.rms('updateOrderShippingAsync', { OrderShippingModelList: [{ ...entry, BasketidModelList: [{ basketId, ShippingModelList: [{ deliveryCompany: 'yamato' }] }] }] });
    expect(badRow.body.MessageModelList).toEqual([
      { messageType: 'ERROR', messageCode: 'ORDER_EXT_API_UPDATE_ORDERSHIPPING_ASYNC_ERROR_011', message: 'deliveryCompanyの書式が不正です。', orderNumber: a, dataNumber: 1, shippingDetailId: null },
    ]);
    const missing = await h.rms('getResultUpdateOrderShippingAsync', {});
    expect(missing.status).toBe(400);
    expect(missing.body.MessageModelList).toEqual([{ messageType: 'ERROR', messageCode: 'ORDER_EXT_API_GET_RESULT_UPDATEORDERSHIPPING_ASYNC_ERROR_009', message: 'requestIdの項目を指定して下さい。' }]);
  });
});
