import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, DAY, Harness } from './harness.ts';
import { senderRequest } from './sender-request.ts';

describe('updateOrderSender', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.close());

  const getOrder = async (orderNumber: string) => (await h.rms('getOrder', { orderNumberList: [orderNumber], version: 10 })).body.OrderModelList[0];

  it('sets an undetermined postage and lowers a price with a reductionReason, then the order can be confirmed', async () => {
    const [orderNumber] = (await h.orders('postage_undetermined')) as [string];
    const order = await getOrder(orderNumber);
    expect(order.postagePrice).toBe(-9999);
    expect(order.requestPrice).toBe(-9999);
    const body = senderRequest(order, { reductionReason: 8 });
    body.PackageModelList[0].postagePrice = 770;
    body.PackageModelList[0].ItemModelList[0].price -= 100;
    const res = await h.rms('updateOrderSender', body);
    expect(res).toEqual({
      status: 200,
      body: { MessageModelList: [{ messageType: 'INFO', messageCode: 'ORDER_EXT_API_UPDATE_ORDERSENDER_INFO_101', message: '送付先情報の更新設定が完了しました。', orderNumber }] },
    });
    const after = await getOrder(orderNumber);
    expect(after.postagePrice).toBe(770);
    expect(after.goodsPrice).toBeLessThan(order.goodsPrice);
    expect(after.requestPrice).toBe(after.goodsPrice + 770 - after.couponAllTotalPrice - after.PointModel.usedPoint);
    expect(after.TaxSummaryModelList.every((t: { reqPrice: number }) => t.reqPrice !== -9999)).toBe(true);
    expect(after.ChangeReasonModelList).toEqual([
      expect.objectContaining({ changeType: 6, changeTypeDetail: 0, changeReason: 0, changeReasonDetail: 8 }),
    ]);
    expect(codes((await h.rms('confirmOrder', { orderNumberList: [orderNumber] })).body)).toEqual(['ORDER_EXT_API_CONFIRM_ORDER_INFO_101']);
  });

  it('refuses a reduction without reductionReason and changes nothing', async () => {
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    const order = await getOrder(orderNumber);
    const body = senderRequest(order);
    body.PackageModelList[0].ItemModelList[0].price -= 1;
    const res = await h.rms('updateOrderSender', body);
    expect(res.status).toBe(400);
    expect(res.body.MessageModelList).toEqual([
      { messageType: 'ERROR', messageCode: 'ORDER_EXT_API_UPDATE_ORDERSENDER_ERROR_009', message: 'reductionReasonの項目を指定して下さい。', orderNumber },
    ]);
    expect(await getOrder(orderNumber)).toEqual(order);
    expect(codes((await h.rms('updateOrderSender', { ...body, reductionReason: 7 })).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERSENDER_ERROR_011']);
  });

  it('records an increase (changeTypeDetail 1) without needing a reason, and deletes lines with deleteItemFlag', async () => {
    const [orderNumber] = (await h.orders('card_ok', 1, { seed: 11 })) as [string];
    const order = await getOrder(orderNumber);
    const body = senderRequest(order);
    body.PackageModelList[0].ItemModelList[0].units += 1;
    expect((await h.rms('updateOrderSender', body)).status).toBe(200);
    const increased = await getOrder(orderNumber);
    expect(increased.goodsPrice).toBe(order.goodsPrice + order.PackageModelList[0].ItemModelList[0].priceTaxIncl);
    expect(increased.ChangeReasonModelList.at(-1)).toEqual(expect.objectContaining({ changeTypeDetail: 1, changeReason: null, changeReasonDetail: null }));

    const deleting = senderRequest(increased, { reductionReason: 8 });
    deleting.PackageModelList[0].ItemModelList[0].deleteItemFlag = 1;
    expect((await h.rms('updateOrderSender', deleting)).status).toBe(200);
    const deleted = await getOrder(orderNumber);
    expect(deleted.PackageModelList[0].ItemModelList[0].deleteItemFlag).toBe(1);
    const live = deleted.PackageModelList[0].ItemModelList.filter((i: { deleteItemFlag: number }) => i.deleteItemFlag === 0);
    expect(deleted.PackageModelList[0].goodsPrice).toBe(live.reduce((s: number, i: { priceTaxIncl: number; units: number }) => s + i.priceTaxIncl * i.units, 0));
  });

  it('validates baskets, items, prefectures and multi-SKU lines', async () => {
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    const order = await getOrder(orderNumber);
    const badBasket = senderRequest(order);
    badBasket.PackageModelList[0].basketId = 1;
    expect((await h.rms('updateOrderSender', badBasket)).body.MessageModelList[0].message).toBe('basketIdの書式が不正です。');
    const badPrefecture = senderRequest(order);
    badPrefecture.PackageModelList[0].SenderModel.prefecture = '東京';
    expect((await h.rms('updateOrderSender', badPrefecture)).body.MessageModelList[0].message).toBe('prefectureの書式が不正です。');
    const noName = senderRequest(order);
    delete noName.PackageModelList[0].SenderModel.familyName;
    expect((await h.rms('updateOrderSender', noName)).body.MessageModelList[0].message).toBe('familyNameの項目を指定して下さい。');

    const candidates = await Promise.all((await h.orders('card_ok', 8, { seed: 21 })).map(getOrder));
    const withMultiSku = candidates.find((o) => o.PackageModelList[0].ItemModelList.some((i: { SkuModelList: Array<{ skuInfo: string | null }> }) => i.SkuModelList[0]?.skuInfo));
    expect(withMultiSku).toBeDefined();
    const noSkuInfo = senderRequest(withMultiSku);
    for (const i of noSkuInfo.PackageModelList[0].ItemModelList) i.SkuModelList = i.SkuModelList.map((s: Record<string, unknown>) => ({ ...s, skuInfo: null }));
    expect(codes((await h.rms('updateOrderSender', noSkuInfo)).body)).toContain('ORDER_EXT_API_UPDATE_ORDERSENDER_ERROR_139');
  });

  it('is allowed in 100/200/300 only; after shipping it is updateOrderSenderAfterShipping (500/600/700)', async () => {
    await h.control('PUT', '/sandbox/settings', { paymentProcessingSeconds: 60 });
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    await h.rms('confirmOrder', { orderNumberList: [orderNumber] });
    await h.advance(60);
    let order = await getOrder(orderNumber);
    expect(order.orderProgress).toBe(300);
    expect(codes((await h.rms('updateOrderSenderAfterShipping', senderRequest(order))).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERSENDERAFTERSHIPPING_ERROR_102']);
    expect((await h.rms('updateOrderSender', senderRequest(order))).status).toBe(200);
    await h.rms('updateOrderShipping', {
      orderNumber,
      BasketidModelList: [{ basketId: order.PackageModelList[0].basketId, ShippingModelList: [{ deliveryCompany: '1001', shippingNumber: '441722905583', shippingDate: '2026-02-16' }] }],
    });
    await h.advance(DAY);
    order = await getOrder(orderNumber);
    expect(order.orderProgress).toBe(500);
    expect(codes((await h.rms('updateOrderSender', senderRequest(order))).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERSENDER_ERROR_102']);
    const after = senderRequest(order, { reductionReason: 2 });
    after.PackageModelList[0].ItemModelList[0].units = 0;
    const res = await h.rms('updateOrderSenderAfterShipping', after);
    expect(res.body.MessageModelList).toEqual([expect.objectContaining({ messageCode: 'ORDER_EXT_API_UPDATE_ORDERSENDERAFTERSHIPPING_INFO_101', orderNumber })]);
    await h.control('PUT', '/sandbox/settings', { paymentProcessingSeconds: 300 });
  });

  it('optionally parks an amount change in 400 and returns the order to its status afterwards', async () => {
    await h.control('PUT', '/sandbox/settings', { parkAfterAmountChange: true, changePendingSeconds: 600, paymentProcessingSeconds: 60 });
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    await h.rms('confirmOrder', { orderNumberList: [orderNumber] });
    await h.advance(60);
    const body = senderRequest(await getOrder(orderNumber));
    body.PackageModelList[0].ItemModelList[0].units += 1;
    await h.rms('updateOrderSender', body);
    const parked = await getOrder(orderNumber);
    expect(parked.orderProgress).toBe(400);
    expect(parked.ChangeReasonModelList.at(-1)).toEqual(expect.objectContaining({ changeType: 4, changeTypeDetail: 1, changeFixDatetime: null }));
    await h.advance(600);
    const back = await getOrder(orderNumber);
    expect(back.orderProgress).toBe(300);
    expect(back.ChangeReasonModelList.at(-1)).toEqual(expect.objectContaining({ changeType: 6, changeFixDatetime: expect.stringMatching(/\+0900$/) }));
    await h.control('PUT', '/sandbox/settings', { parkAfterAmountChange: false, paymentProcessingSeconds: 300 });
  });

  it('changes the payment method in 100 and requires the COD fee when switching to COD (ERROR_136)', async () => {
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    const order = await getOrder(orderNumber);
    const withoutFee = senderRequest(order, { afterSettlementMethodCode: 2 });
    delete withoutFee.PackageModelList[0].deliveryPrice;
    expect(codes((await h.rms('updateOrderSender', withoutFee)).body)).toEqual(['ORDER_EXT_API_UPDATE_ORDERSENDER_ERROR_136']);
    const withFee = senderRequest(order, { afterSettlementMethodCode: 2 });
    withFee.PackageModelList[0].deliveryPrice = 330;
    expect((await h.rms('updateOrderSender', withFee)).status).toBe(200);
    const cod = await getOrder(orderNumber);
    expect(cod.SettlementModel).toEqual(expect.objectContaining({ settlementMethodCode: 2, settlementMethod: '代金引換', rpaySettlementFlag: 0, cardName: null }));
    expect(cod.paymentCharge).toBe(330);
    expect(cod.requestPrice).toBe(order.requestPrice + 330);
    expect(cod.ChangeReasonModelList.at(-1)).toEqual(expect.objectContaining({ changeTypeDetail: 12 }));
  });
});
