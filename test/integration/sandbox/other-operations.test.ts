import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPaymentResponseSchema, getSubStatusListResponseSchema } from '../../../src/rms/wire/index.ts';
import { codes, Harness } from './harness.ts';

describe('memo, remarks, sub-status, orderer, delivery and payment operations', () => {
  let h: Harness;
  let subStatus100: number;
  let subStatus300: number;
  beforeAll(async () => {
    h = await Harness.start();
    const { body } = await h.rms('getSubStatusList', {});
    const of = (progress: number) => body.StatusModelList.find((s: { orderProgress: number }) => s.orderProgress === progress).SubStatusModelList[0].subStatusId;
    subStatus100 = of(100);
    subStatus300 = of(300);
  });
  afterAll(() => h.close());

  it('getSubStatusList lists the shop’s sub-statuses per status', async () => {
    const res = await h.rms('getSubStatusList', {});
    expect(res.status).toBe(200);
    expect(getSubStatusListResponseSchema.safeParse(res.body).success).toBe(true);
    expect(codes(res.body)).toEqual(['ORDER_EXT_API_GET_SUBSTATUSLIST_INFO_101']);
    expect(res.body.StatusModelList[0]).toEqual({ orderProgress: 100, SubStatusModelList: [{ subStatusId: subStatus100, subStatusName: '内容確認中', orderby: 1 }] });
  });

  it('updateOrderMemo changes only the keys sent, accepts numeric strings and clears with null', async () => {
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    const res = await h.rms('updateOrderMemo', { orderNumber, memo: '電話確認済み', operator: '山田', deliveryDate: '2026-02-20', shippingTerm: '1416', deliveryClass: '2', subStatusId: String(subStatus100) });
    expect(res.body.MessageModelList).toEqual([{ messageType: 'INFO', messageCode: 'ORDER_EXT_API_UPDATE_ORDERMEMO_INFO_101', message: 'ひとことメモ、担当者情報等の更新設定が完了しました。', orderNumber }]);
    let order = await h.order(orderNumber);
    expect([order.memo, order.operator, order.deliveryDate, order.shippingTerm, order.DeliveryModel.deliveryClass, order.subStatusId, order.subStatusName]).toEqual(['電話確認済み', '山田', '2026-02-20', 1416, 2, subStatus100, '内容確認中']);
    await h.rms('updateOrderMemo', { orderNumber, memo: null });
    order = await h.order(orderNumber);
    expect([order.memo, order.operator]).toEqual([null, '山田']);
    const bad = await h.rms('updateOrderMemo', { orderNumber, deliveryDate: '2026/02/20', shippingTerm: 1408 });
    expect(bad.body.MessageModelList.map((m: { message: string }) => m.message)).toEqual(['deliveryDateの書式が不正です。', 'shippingTermの書式が不正です。']);
    expect(codes((await h.rms('updateOrderMemo', { orderNumber, operator: '七文字の担当者' })).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERMEMO_ERROR_011']);
    expect(codes((await h.rms('updateOrderMemo', { orderNumber, subStatusId: subStatus300 })).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERMEMO_ERROR_011']);
    expect(codes((await h.rms('updateOrderMemo', { memo: 'x' })).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERMEMO_ERROR_009']);
    expect(codes((await h.rms('updateOrderMemo', { orderNumber: 'nope', memo: 'x' })).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERMEMO_ERROR_101']);
  });

  it('updateOrderRemarks needs giftCheck or remarks', async () => {
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    expect((await h.rms('updateOrderRemarks', { orderNumber, remarks: '[ご要望:]\n不在時は宅配ボックスへ', giftCheck: 1 })).body.MessageModelList[0].message).toBe('備考情報の更新設定が完了しました。');
    const order = await h.order(orderNumber);
    expect([order.remarks, order.giftCheckFlag]).toEqual(['[ご要望:]\n不在時は宅配ボックスへ', 1]);
    expect(codes((await h.rms('updateOrderRemarks', { orderNumber })).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERREMARKS_ERROR_009']);
  });

  it('updateOrderSubStatus answers per order with 200, and null clears', async () => {
    const [a, b] = (await h.orders('card_ok', 2)) as [string, string];
    await h.control('POST', `/sandbox/orders/${b}/buyer-cancel`);
    const res = await h.rms('updateOrderSubStatus', { subStatusId: subStatus100, orderNumberList: [a, b, 'nope'] });
    expect(res.status).toBe(200);
    expect(codes(res.body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERSUBSTATUS_INFO_101', 'ORDER_EXT_API_UPDATE_ORDERSUBSTATUS_ERROR_101', 'ORDER_EXT_API_UPDATE_ORDERSUBSTATUS_ERROR_103']);
    const wrong = await h.rms('updateOrderSubStatus', { subStatusId: subStatus300, orderNumberList: [a] });
    expect(wrong.body.MessageModelList).toEqual([{ messageType: 'ERROR', messageCode: 'ORDER_EXT_API_UPDATE_ORDERSUBSTATUS_ERROR_102', message: '指定された注文番号、サブステータスでは更新できません。', orderNumber: a }]);
    await h.rms('updateOrderSubStatus', { subStatusId: null, orderNumberList: [a] });
    expect((await h.order(a)).subStatusId).toBeNull();
    expect(codes((await h.rms('updateOrderSubStatus', { orderNumberList: [a] })).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERSUBSTATUS_ERROR_009']);
  });

  it('updateOrderOrderer replaces the buyer’s address and keeps the masked e-mail', async () => {
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    const before = await h.order(orderNumber);
    const OrdererModel = { zipCode1: '150', zipCode2: '0001', prefecture: '東京都', city: '渋谷区', subAddress: '神宮前一丁目1-1', familyName: '高橋', firstName: '陽子', familyNameKana: 'タカハシ', firstNameKana: 'ヨウコ', phoneNumber1: '03', phoneNumber2: '1234', phoneNumber3: '5678' };
    expect(codes((await h.rms('updateOrderOrderer', { orderNumber, OrdererModel })).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERORDERER_INFO_101']);
    const after = await h.order(orderNumber);
    expect(after.OrdererModel).toEqual({ ...OrdererModel, emailAddress: before.OrdererModel.emailAddress, sex: before.OrdererModel.sex, birthYear: before.OrdererModel.birthYear, birthMonth: before.OrdererModel.birthMonth, birthDay: before.OrdererModel.birthDay });
    expect(codes((await h.rms('updateOrderOrderer', { orderNumber, OrdererModel: { ...OrdererModel, prefecture: 'Tokyo' } })).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERORDERER_ERROR_011']);
  });

  it('updateOrderDelivery accepts only the shop’s delivery methods', async () => {
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    expect(codes((await h.rms('updateOrderDelivery', { orderNumber, deliveryName: 'メール便' })).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERDELIVERY_INFO_101']);
    expect((await h.order(orderNumber)).DeliveryModel.deliveryName).toBe('メール便');
    const refused = await h.rms('updateOrderDelivery', { orderNumber, deliveryName: '国際配送' });
    expect(refused.body.MessageModelList).toEqual([{ messageType: 'ERROR', messageCode: 'ORDER_EXT_API_UPDATE_ORDERDELIVERY_ERROR_011', message: 'deliveryNameの書式が不正です。', orderNumber }]);
  });

  it('refuses edits of cancelled (900) orders', async () => {
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    await h.control('POST', `/sandbox/orders/${orderNumber}/buyer-cancel`);
    expect(codes((await h.rms('updateOrderMemo', { orderNumber, memo: 'x' })).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERMEMO_ERROR_102']);
  });

  it('getPayment answers the version 4 shape with the payment status', async () => {
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    await h.rms('confirmOrder', { orderNumberList: [orderNumber] });
    await h.advance(300);
    const res = await h.rms('getPayment', { orderNumber, version: 4 });
    expect(res.status).toBe(200);
    expect(getPaymentResponseSchema.safeParse(res.body).success).toBe(true);
    const [payment] = res.body.OrderModel.PaymentModelList;
    const order = await h.order(orderNumber);
    expect(payment).toEqual(expect.objectContaining({
      orderPaymentNumber: `${orderNumber}-1`,
      paymentMethod: 1,
      paymentAmount: order.requestPrice,
      paymentStatus: 30300,
      PaymentCardModel: expect.objectContaining({ cardName: order.SettlementModel.cardName, cardNumber: order.SettlementModel.cardNumber }),
    }));
    expect(codes((await h.rms('getPayment', { orderNumber })).body)).toEqual(['ORDER_EXT_API_GET_PAYMENT_ERROR_009']);
    expect(codes((await h.rms('getPayment', { orderNumber: 'nope', version: 4 })).body)).toEqual(['ORDER_EXT_API_GET_PAYMENT_ERROR_101']);
  });
});
