import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getOrderResponseSchema } from '../../../src/rms/wire/index.ts';
import { codes, Harness } from './harness.ts';

const EXAMPLE = new URL('../../fixtures/rms-examples/getOrder.response.200.json', import.meta.url);

/** Key order of an object and of its first nested objects, path by path. */
function keyShape(value: unknown, path = '$', out: Record<string, string[]> = {}): Record<string, string[]> {
  if (Array.isArray(value)) {
    if (value.length > 0) keyShape(value[0], `${path}[]`, out);
  } else if (value !== null && typeof value === 'object') {
    out[path] = Object.keys(value);
    for (const [k, v] of Object.entries(value)) keyShape(v, `${path}.${k}`, out);
  }
  return out;
}

describe('getOrder', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.close());

  it('answers in the version 10 shape of the reference example, key order included', async () => {
    const [orderNumber] = await h.orders('cod', 1, { seed: 3 });
    const res = await h.rms('getOrder', { orderNumberList: [orderNumber], version: 10 });
    expect(res.status).toBe(200);
    expect(getOrderResponseSchema.safeParse(res.body).success).toBe(true);
    const example = keyShape(JSON.parse(readFileSync(EXAMPLE, 'utf8')));
    const ours = keyShape(res.body);
    for (const [path, keys] of Object.entries(example)) expect({ path, keys: ours[path] }).toEqual({ path, keys });
    expect(res.body.version).toBe(10);
    expect(res.body.MessageModelList).toEqual([{ messageType: 'INFO', messageCode: 'ORDER_EXT_API_GET_ORDER_INFO_101', message: '受注情報取得に成功しました。(取得件数1件)' }]);
  });

  it('lists one INFO_102 per missing order (including other shops’ orders)', async () => {
    const other = await h.createShop({});
    const [foreign] = await h.orders('card_ok', 1, {}, other);
    const [mine] = await h.orders('card_ok');
    const res = await h.rms('getOrder', { orderNumberList: [mine, 'nope', foreign], version: 10 });
    expect(res.status).toBe(200);
    expect(res.body.OrderModelList.map((o: { orderNumber: string }) => o.orderNumber)).toEqual([mine]);
    expect(res.body.MessageModelList.slice(1)).toEqual([
      { messageType: 'INFO', messageCode: 'ORDER_EXT_API_GET_ORDER_INFO_102', message: '受注情報が取得できませんでした。', orderNumber: 'nope' },
      { messageType: 'INFO', messageCode: 'ORDER_EXT_API_GET_ORDER_INFO_102', message: '受注情報が取得できませんでした。', orderNumber: foreign },
    ]);
    const none = await h.rms('getOrder', { orderNumberList: ['nope'], version: 10 });
    expect(none.body.OrderModelList).toEqual([]);
    expect(codes(none.body)).toEqual(['ORDER_EXT_API_GET_ORDER_INFO_102']);
  });

  it('requires version (number or numeric string, at least 3) and at most 100 numbers', async () => {
    const [orderNumber] = await h.orders('card_ok');
    expect((await h.rms('getOrder', { orderNumberList: [orderNumber], version: '10' })).body.OrderModelList).toHaveLength(1);
    const missing = await h.rms('getOrder', { orderNumberList: [orderNumber] });
    expect(missing.status).toBe(400);
    expect(missing.body.MessageModelList).toEqual([{ messageType: 'ERROR', messageCode: 'ORDER_EXT_API_GET_ORDER_ERROR_009', message: 'versionの項目を指定して下さい。' }]);
    const old = await h.rms('getOrder', { orderNumberList: [orderNumber], version: 2 });
    expect(codes(old.body)).toEqual(['ORDER_EXT_API_GET_ORDER_ERROR_011']);
    const tooMany = await h.rms('getOrder', { orderNumberList: Array.from({ length: 101 }, (_, i) => `n${i}`), version: 10 });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.MessageModelList[0].message).toBe('orderNumberListの書式が不正です。');
    expect((await h.rms('getOrder', { version: 10 })).body.MessageModelList[0].message).toBe('orderNumberListの項目を指定して下さい。');
  });
});

describe('confirmOrder', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start();
  });
  afterAll(() => h.close());

  it('answers per order in request order: INFO_101, ERROR_101 unknown, ERROR_102 cancelled, ERROR_103 already confirmed, ERROR_105 undetermined', async () => {
    const [ok] = await h.orders('card_ok');
    const [undetermined] = await h.orders('postage_undetermined');
    const [confirmed] = await h.orders('card_ok');
    const [cancelled] = await h.orders('card_ok');
    await h.rms('confirmOrder', { orderNumberList: [confirmed] });
    await h.control('POST', `/sandbox/orders/${cancelled}/buyer-cancel`);
    const res = await h.rms('confirmOrder', { orderNumberList: [ok, 'nope', cancelled, confirmed, undetermined] });
    expect(res.status).toBe(200);
    expect(res.body.MessageModelList.map((m: { messageCode: string; orderNumber: string }) => [m.messageCode, m.orderNumber])).toEqual([
      ['ORDER_EXT_API_CONFIRM_ORDER_INFO_101', ok],
      ['ORDER_EXT_API_CONFIRM_ORDER_ERROR_101', 'nope'],
      ['ORDER_EXT_API_CONFIRM_ORDER_ERROR_102', cancelled],
      ['ORDER_EXT_API_CONFIRM_ORDER_ERROR_103', confirmed],
      ['ORDER_EXT_API_CONFIRM_ORDER_ERROR_105', undetermined],
    ]);
    expect(res.body.MessageModelList[0].message).toBe('注文確認に成功しました。');
  });

  it('moves 100 → 200, stamps shopOrderCfmDatetime and a ChangeReasonModel changeType 8, then 300 after the payment delay', async () => {
    const [orderNumber] = await h.orders('card_ok');
    await h.rms('confirmOrder', { orderNumberList: [orderNumber] });
    const order = await h.order(orderNumber as string);
    expect(order.orderProgress).toBe(200);
    const stamp = order.shopOrderCfmDatetime;
    expect(stamp).toMatch(/\+0900$/);
    expect(order.ChangeReasonModelList).toEqual([
      { changeId: expect.any(Number), changeType: 8, changeTypeDetail: null, changeReason: null, changeReasonDetail: null, changeApplyDatetime: stamp, changeFixDatetime: stamp, changeCmplDatetime: stamp },
    ]);
    await h.advance(299);
    expect((await h.order(orderNumber as string)).orderProgress).toBe(200);
    await h.advance(1);
    const fixed = await h.order(orderNumber as string);
    expect(fixed.orderProgress).toBe(300);
    expect(fixed.orderFixDatetime).toBe(fixed.shippingInstDatetime);
    expect(Date.parse(fixed.orderFixDatetime.replace('+0900', '+09:00')) - Date.parse(stamp.replace('+0900', '+09:00'))).toBe(300_000);
    expect(fixed.sandbox.payment.paymentStatus).toBe(30300);
  });

  it('refuses more than 100 numbers and an empty body', async () => {
    expect((await h.rms('confirmOrder', { orderNumberList: Array.from({ length: 101 }, (_, i) => `n${i}`) })).status).toBe(400);
    expect(codes((await h.rms('confirmOrder', {})).body)).toEqual(['ORDER_EXT_API_CONFIRM_ORDER_ERROR_009']);
  });
});
