/* eslint-disable @typescript-eslint/no-explicit-any -- tests read wire bodies field by field; the schemas are checked in their own tests */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, DAY, Harness } from './harness.ts';

describe("Rakuten's clock-driven rules", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.close());

  it('auto-confirm shops get new orders straight in 200', async () => {
    const shop = await h.createShop({ autoConfirm: true });
    const [orderNumber] = (await h.orders('card_ok', 1, {}, shop)) as [string];
    const order = await h.order(orderNumber);
    expect(order.orderProgress).toBe(200);
    expect(order.shopOrderCfmDatetime).toBe(order.orderDatetime);
    expect(order.ChangeReasonModelList[0].changeType).toBe(8);
  });

  it('lets the buyer cancel within 30 minutes while the order is 100', async () => {
    const [early, late, confirmed] = (await h.orders('card_ok', 3)) as [string, string, string];
    const cancelled = await h.control<Record<string, any>>('POST', `/sandbox/orders/${early}/buyer-cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.orderProgress).toBe(900);
    expect(cancelled.body.ChangeReasonModelList).toEqual([expect.objectContaining({ changeType: 1, changeReason: 1, changeReasonDetail: 1 })]);
    await h.rms('confirmOrder', { orderNumberList: [confirmed] });
    expect((await h.control('POST', `/sandbox/orders/${confirmed}/buyer-cancel`)).status).toBe(409);
    await h.advance(30 * 60 + 1);
    const refused = await h.control<{ error: { code: string } }>('POST', `/sandbox/orders/${late}/buyer-cancel`);
    expect(refused).toEqual({ status: 409, body: { error: { code: 'INVALID_TRANSITION', message: expect.any(String) } } });
  });

  it('cancels orders left unconfirmed for 14 days', async () => {
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    await h.advance(14 * DAY - 1);
    expect((await h.order(orderNumber)).orderProgress).toBe(100);
    await h.advance(1);
    const order = await h.order(orderNumber);
    expect(order.orderProgress).toBe(900);
    expect(order.ChangeReasonModelList).toEqual([expect.objectContaining({ changeType: 1, changeReason: 0, changeReasonDetail: 10 })]);
    expect(codes((await h.rms('confirmOrder', { orderNumberList: [orderNumber] })).body)).toEqual(['ORDER_EXT_API_CONFIRM_ORDER_ERROR_102']);
  });

  it('keeps a declined card in 200 (30400) and cancels it after 7 days', async () => {
    const [orderNumber] = (await h.orders('card_ng')) as [string];
    await h.rms('confirmOrder', { orderNumberList: [orderNumber] });
    await h.advance(300);
    let order = await h.order(orderNumber);
    expect(order.orderProgress).toBe(200);
    expect(order.sandbox.payment.paymentStatus).toBe(30400);
    expect(order.sandbox.payment.paymentProcNgDatetime).toMatch(/\+0900$/);
    await h.advance(7 * DAY);
    order = await h.order(orderNumber);
    expect(order.orderProgress).toBe(900);
    expect(order.ChangeReasonModelList.at(-1)).toEqual(expect.objectContaining({ changeType: 1, changeReason: 1, changeReasonDetail: 6 }));
    expect(order.sandbox.payment.paymentStatus).toBe(31200);
  });

  it('keeps an unpaid prepayment in 200 with its due date and cancels it after 7 days as 未入金', async () => {
    const [orderNumber] = (await h.orders('prepay_unpaid')) as [string];
    const placed = await h.order(orderNumber);
    expect(placed.DueDateModelList).toEqual([{ dueDateType: 0, dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
    await h.rms('confirmOrder', { orderNumberList: [orderNumber] });
    await h.advance(300 + 7 * DAY - 1);
    expect((await h.order(orderNumber)).orderProgress).toBe(200);
    await h.advance(1);
    expect((await h.order(orderNumber)).ChangeReasonModelList.at(-1)).toEqual(expect.objectContaining({ changeType: 1, changeReasonDetail: 4 }));
  });

  it('cancelOrder: 100/200/300 → 800, then 900 after the delay; validates its codes', async () => {
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    const bad = await h.rms('cancelOrder', { orderNumber, inventoryRestoreType: 3, changeReasonDetailApply: 7 });
    expect(bad.body.MessageModelList.map((m: { message: string }) => m.message)).toEqual(['inventoryRestoreTypeの書式が不正です。', 'changeReasonDetailApplyの書式が不正です。']);
    const res = await h.rms('cancelOrder', { orderNumber, inventoryRestoreType: 1, changeReasonDetailApply: 8 });
    expect(res.body.MessageModelList).toEqual([{ messageType: 'INFO', messageCode: 'ORDER_EXT_API_CANCEL_ORDER_INFO_101', message: 'キャンセル申請に成功しました。', orderNumber }]);
    let order = await h.order(orderNumber);
    expect(order.orderProgress).toBe(800);
    expect(order.ChangeReasonModelList.at(-1)).toEqual(expect.objectContaining({ changeType: 0, changeReason: 0, changeReasonDetail: 8, changeFixDatetime: null }));
    expect(codes((await h.rms('cancelOrder', { orderNumber, inventoryRestoreType: 1, changeReasonDetailApply: 8 })).body)).toEqual(['ORDER_EXT_API_CANCEL_ORDER_ERROR_102']);
    await h.advance(600);
    order = await h.order(orderNumber);
    expect(order.orderProgress).toBe(900);
    expect(order.ChangeReasonModelList.at(-1)).toEqual(expect.objectContaining({ changeType: 1, changeFixDatetime: expect.stringMatching(/\+0900$/) }));
    const cancelled = await h.rms('searchOrder', { dateType: 1, startDatetime: '2026-02-16T00:00:00+0900', endDatetime: '2026-04-15T00:00:00+0900', orderProgressList: [800, 900] });
    expect(cancelled.body.orderNumberList).toContain(orderNumber);
  });

  it('cancelOrder can go straight to 900 when cancelFinalizeSeconds is 0', async () => {
    await h.control('PUT', '/sandbox/settings', { cancelFinalizeSeconds: 0 });
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    await h.rms('cancelOrder', { orderNumber, inventoryRestoreType: 0, changeReasonDetailApply: 1 });
    expect((await h.order(orderNumber)).orderProgress).toBe(900);
    await h.control('PUT', '/sandbox/settings', { cancelFinalizeSeconds: 600 });
  });

  it('cancelOrderAfterShipping: only 500–800, straight to 900', async () => {
    const shop = await h.createShop({ autoConfirm: true });
    const [orderNumber] = (await h.orders('card_ok', 1, {}, shop)) as [string];
    const body = { orderNumber, inventoryRestoreType: 1, changeReasonDetailApply: 2 };
    await h.advance(300);
    expect(codes((await h.rms('cancelOrderAfterShipping', body, shop)).body)).toEqual(['ORDER_EXT_API_CANCEL_ORDERAFTERSHIPPING_ERROR_102']);
    const basketId = (await h.order(orderNumber)).PackageModelList[0].basketId;
    await h.rms('updateOrderShipping', { orderNumber, BasketidModelList: [{ basketId, ShippingModelList: [{ deliveryCompany: '1002', shippingNumber: '9', shippingDate: '2026-02-16' }] }] }, shop);
    await h.advance(DAY);
    expect((await h.order(orderNumber)).orderProgress).toBe(500);
    expect(codes((await h.rms('cancelOrder', body, shop)).body)).toEqual(['ORDER_EXT_API_CANCEL_ORDER_ERROR_102']);
    expect(codes((await h.rms('cancelOrderAfterShipping', body, shop)).body)).toEqual(['ORDER_EXT_API_CANCEL_ORDERAFTERSHIPPING_INFO_101']);
    const order = await h.order(orderNumber);
    expect(order.orderProgress).toBe(900);
    expect(order.sandbox.payment.paymentStatus).toBe(31500);
  });

  it('lets a declined order recover through a payment-method change', async () => {
    const [orderNumber] = (await h.orders('card_ng')) as [string];
    await h.rms('confirmOrder', { orderNumberList: [orderNumber] });
    await h.advance(300);
    const { body } = await h.rms('getOrder', { orderNumberList: [orderNumber], version: 10 });
    const { senderRequest } = await import('./sender-request.ts');
    const change = senderRequest(body.OrderModelList[0], { afterSettlementMethodCode: 9 });
    expect((await h.rms('updateOrderSender', change)).status).toBe(200);
    await h.advance(300);
    expect((await h.order(orderNumber)).orderProgress).toBe(300);
  });
});
