import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OrderModel } from '../../../src/rms/wire/index.ts';
import { DEFAULT_SETTINGS, recalculate, Sandbox, SCENARIOS, priceTaxIncluded } from '../../../src/sandbox/index.ts';

const EXAMPLE = new URL('../../fixtures/rms-examples/getOrder.response.200.json', import.meta.url);

describe('RMS order arithmetic', () => {
  it('reproduces the reference example, before and after its updateOrderSender', () => {
    const example = JSON.parse(readFileSync(EXAMPLE, 'utf8')).OrderModelList[0] as OrderModel;
    const order = structuredClone(example);
    recalculate(order, DEFAULT_SETTINGS);
    expect(order).toEqual(example);

    const pkg = order.PackageModelList[0] as OrderModel['PackageModelList'][number];
    (pkg.ItemModelList[0] as { price: number }).price = 4980;
    pkg.postagePrice = 770;
    recalculate(order, DEFAULT_SETTINGS);
    expect([order.goodsPrice, order.postagePrice, order.totalPrice, order.paymentCharge, order.requestPrice]).toEqual([7960, 770, 8730, 330, 9060]);
    expect(order.TaxSummaryModelList).toEqual([
      { taxRate: 0.1, reqPrice: 6080, reqPriceTax: 552, totalPrice: 5750, paymentCharge: 330, couponPrice: 0, point: 0 },
      { taxRate: 0.08, reqPrice: 2980, reqPriceTax: 220, totalPrice: 2980, paymentCharge: 0, couponPrice: 0, point: 0 },
    ]);

    recalculate(order, { ...DEFAULT_SETTINGS, codFeeAsPaymentCharge: false });
    expect([order.paymentCharge, order.requestPrice, order.deliveryPrice]).toEqual([0, 8730, 330]);
  });

  it('rounds tax-excluded prices as configured', () => {
    expect(priceTaxIncluded(2400, 0.08, 0, 'floor')).toBe(2592);
    expect(priceTaxIncluded(1999, 0.1, 0, 'floor')).toBe(2198);
    expect(priceTaxIncluded(1999, 0.1, 0, 'round')).toBe(2199);
    expect(priceTaxIncluded(1999, 0.1, 0, 'ceil')).toBe(2199);
    expect(priceTaxIncluded(1999, 0.1, 1, 'ceil')).toBe(1999);
  });

  it('keeps every generated order internally consistent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(...SCENARIOS),
        fc.constantFrom('floor', 'round', 'ceil' as const),
        fc.boolean(),
        (seed, scenario, taxRounding, codFeeAsPaymentCharge) => {
          const sandbox = new Sandbox({ seed, clock: 'frozen', settings: { taxRounding, codFeeAsPaymentCharge } });
          const shop = sandbox.createShop({});
          const [orderNumber] = sandbox.generateOrders({ shopId: shop.shopId, scenario, count: 1 });
          const o = sandbox.state.orders.get(orderNumber as string)?.model as OrderModel;
          const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
          for (const p of o.PackageModelList) {
            expect(p.goodsPrice).toBe(sum(p.ItemModelList.map((i) => i.priceTaxIncl * i.units)));
            for (const i of p.ItemModelList) expect(i.priceTaxIncl).toBe(priceTaxIncluded(i.price, i.taxRate, i.includeTaxFlag, taxRounding));
          }
          const wrapping = sum([o.WrappingModel1, o.WrappingModel2].map((w) => w?.taxPrice ?? 0));
          expect(o.goodsPrice).toBe(sum(o.PackageModelList.map((p) => p.goodsPrice)) + wrapping);
          const rows = o.TaxSummaryModelList ?? [];
          if (o.requestPrice === -9999) {
            expect(o.postagePrice === -9999 || o.deliveryPrice === -9999).toBe(true);
            expect(rows.every((r) => Object.values(r).every((v, k) => k === 0 || v === -9999))).toBe(true);
            return;
          }
          const usedPoint = o.PointModel?.usedPoint ?? 0;
          expect(o.totalPrice).toBe(o.goodsPrice + o.postagePrice);
          expect(o.requestPrice).toBe(o.totalPrice + o.paymentCharge + o.additionalFeeOccurAmountToUser - o.couponAllTotalPrice - usedPoint);
          expect(o.paymentCharge).toBe(codFeeAsPaymentCharge && o.SettlementModel?.settlementMethodCode === 2 ? o.deliveryPrice : 0);
          expect(sum(rows.map((r) => r.totalPrice))).toBe(o.totalPrice);
          expect(sum(rows.map((r) => r.paymentCharge))).toBe(o.paymentCharge);
          expect(sum(rows.map((r) => r.couponPrice))).toBe(o.couponAllTotalPrice);
          expect(sum(rows.map((r) => r.reqPrice))).toBe(o.requestPrice + usedPoint);
          expect(o.couponShopPrice + o.couponOtherPrice).toBe(o.couponAllTotalPrice);
          expect(rows.map((r) => r.taxRate)).toEqual([...rows.map((r) => r.taxRate)].sort((a, b) => b - a));
        },
      ),
      { numRuns: 150 },
    );
  });
});
