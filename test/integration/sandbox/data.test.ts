import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PREFECTURES } from '../../../src/rms/wire/index.ts';
import { Harness } from './harness.ts';

describe('generated data', () => {
  let h: Harness;
  let orders: Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON
  beforeAll(async () => {
    h = await Harness.start();
    const numbers = await h.orders('mixed', 400, { seed: 77 });
    orders = [];
    for (let i = 0; i < numbers.length; i += 100) {
      orders.push(...(await h.rms('getOrder', { orderNumberList: numbers.slice(i, i + 100), version: 10 })).body.OrderModelList);
    }
  });
  afterAll(() => h.close());

  it('is the same for the same seed', async () => {
    const a = await Harness.start({ seed: 9 });
    const b = await Harness.start({ seed: 9 });
    const [na, nb] = [await a.orders('mixed', 20), await b.orders('mixed', 20)];
    expect(na).toEqual(nb);
    const [oa, ob] = [await a.rms('getOrder', { orderNumberList: na, version: 10 }), await b.rms('getOrder', { orderNumberList: nb, version: 10 })];
    expect(oa.body).toEqual(ob.body);
    await Promise.all([a.close(), b.close()]);
  });

  it('looks like RMS data', () => {
    for (const o of orders) {
      expect(o.orderNumber).toMatch(new RegExp(`^${h.shop.shopId}-20260216-\\d{10}$`));
      expect(o.OrdererModel.emailAddress).toMatch(/^[0-9a-f]{32}s1@pc\.fw\.rakuten\.ne\.jp$/);
      expect(o.OrdererModel.familyNameKana).toMatch(/^[ァ-ヶー]+$/);
      expect(PREFECTURES).toContain(o.OrdererModel.prefecture);
      const phone = `${o.OrdererModel.phoneNumber1}${o.OrdererModel.phoneNumber2}${o.OrdererModel.phoneNumber3}`;
      expect(phone).toMatch(/^0\d{9,10}$/);
      for (const p of o.PackageModelList) {
        expect(p.ItemModelList[0].itemDetailId).toBe(p.basketId);
        p.ItemModelList.forEach((item: { itemDetailId: number }, i: number) => expect(item.itemDetailId).toBe(p.basketId + i));
      }
    }
  });

  it('covers the cases an OMS has to handle', () => {
    const items = orders.flatMap((o) => o.PackageModelList.flatMap((p: { ItemModelList: unknown[] }) => p.ItemModelList));
    const has = (predicate: (o: Record<string, any>) => boolean) => orders.some(predicate); // eslint-disable-line @typescript-eslint/no-explicit-any -- wire JSON
    expect(new Set(items.map((i) => i.taxRate))).toEqual(new Set([0.08, 0.1]));
    expect(items.some((i) => i.includeTaxFlag === 0 && i.priceTaxIncl > i.price)).toBe(true);
    expect(items.some((i) => i.SkuModelList[0].skuInfo !== null)).toBe(true);
    expect(has((o) => o.postagePrice === -9999)).toBe(true);
    expect(has((o) => o.SettlementModel.settlementMethodCode === 2 && o.deliveryPrice > 0)).toBe(true);
    expect(has((o) => o.PackageModelList.length > 1 && o.severalSenderFlag === 1)).toBe(true);
    expect(has((o) => (o.CouponModelList?.length ?? 0) > 0 && o.couponAllTotalPrice > 0)).toBe(true);
    expect(has((o) => o.PointModel.usedPoint > 0)).toBe(true);
    expect(has((o) => o.WrappingModel1 !== null)).toBe(true);
    expect(has((o) => [9, 13, 14].includes(o.SettlementModel.settlementMethodCode))).toBe(true);
    expect(new Set(orders.map((o) => o.OrdererModel.prefecture)).size).toBeGreaterThan(30);
  });
});
