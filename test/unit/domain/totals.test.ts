import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNDETERMINED, sameAmount, sumAmounts, yen } from '../../../src/domain/money.ts';
import type { Amount } from '../../../src/domain/money.ts';
import { computeTotals, discrepanciesWithRms, isCashOnDelivery, priceTaxIncluded } from '../../../src/domain/totals.ts';
import type { OrderTotals } from '../../../src/domain/totals.ts';
import { anOrder } from './arbitraries.ts';
import { item, order, pkg, withPostage } from './fixtures.ts';

const cod = { methodCode: 2, methodName: '代金引換', rakutenPay: false, cardName: null };

function n(a: Amount): number | null {
  return a.kind === 'yen' ? a.yen : null;
}

describe('computeTotals: RMS arithmetic', () => {
  it('rounds the tax of a tax-excluded unit price down, in integers', () => {
    expect(priceTaxIncluded(1000, 0.08, false)).toBe(1080);
    expect(priceTaxIncluded(999, 0.1, false)).toBe(1098);
    expect(priceTaxIncluded(1, 0.08, false)).toBe(1);
    // 0.07 × 100 is 7.000000000000001 in floating point; integer percent keeps it exact.
    expect(priceTaxIncluded(2050, 0.08, false)).toBe(2214);
    expect(priceTaxIncluded(1234, 0.1, true)).toBe(1234);
  });

  it('splits a mixed-rate order with coupons and points per tax rate', () => {
    const mixed = order({
      packages: [
        pkg({
          postagePrice: yen(800),
          postageTaxRate: 0.1,
          items: [
            item({ itemDetailId: 1, price: 1080, units: 2, taxRate: 0.08, taxIncluded: true }),
            item({ itemDetailId: 2, price: 3000, units: 1, taxRate: 0.1, taxIncluded: false }),
          ],
        }),
      ],
      coupons: [{ couponCode: 'ALL', name: '500円引き', capitalCode: 1, price: 500, units: 1, itemDetailId: 0 }],
      usedPoint: 100,
    });
    const t = computeTotals(mixed);
    expect([t.goodsPrice, t.postagePrice, t.totalPrice, t.couponAllTotalPrice, t.requestPrice].map(n)).toEqual([5460, 800, 6260, 500, 5660]);
    expect(t.taxSummary.map((r) => [r.taxRate, n(r.totalPrice), n(r.couponPrice), n(r.reqPrice), n(r.reqPriceTax), n(r.point)])).toEqual([
      // The order-wide coupon follows the goods: 3300 : 2160, the rounding remainder to 10%.
      [0.1, 4100, 303, 3797, 345, 0],
      [0.08, 2160, 197, 1963, 145, 0],
    ]);
  });

  it('bills the COD fee as the payment charge, or leaves it outside the billed amount', () => {
    const onDelivery = order({ settlement: cod, packages: [pkg({ deliveryPrice: yen(330) })] });
    const asCharge = computeTotals(onDelivery);
    expect([asCharge.deliveryPrice, asCharge.paymentCharge, asCharge.totalPrice, asCharge.requestPrice].map(n)).toEqual([330, 330, 1500, 1830]);
    const outside = computeTotals(onDelivery, { codFee: 'outsideRequestPrice' });
    expect([outside.deliveryPrice, outside.paymentCharge, outside.totalPrice, outside.requestPrice].map(n)).toEqual([330, 0, 1500, 1500]);
  });

  it('leaves 後払い surcharges out of the per-rate billed amounts', () => {
    const t = computeTotals(order({ additionalFeeToUser: 250 }));
    expect(n(t.requestPrice)).toBe(1750);
    expect(t.taxSummary.map((r) => n(r.reqPrice))).toEqual([500, 1000]);
  });

  it('counts wrapping in the first package', () => {
    const wrapped = order({
      wrappings: [{ title: 'paper', name: '包装紙', price: 200, taxRate: 0.1, taxIncluded: false }],
      packages: [pkg(), pkg({ basketId: 2001, items: [item({ itemDetailId: 2001 })] })],
    });
    const t = computeTotals(wrapped);
    expect(t.packages.map((p) => n(p.goodsPrice))).toEqual([1220, 1000]);
    expect(n(t.goodsPrice)).toBe(2220);
  });

  it('keeps goods determined but the totals and the whole tax summary undetermined while postage is', () => {
    const t = computeTotals(withPostage(order(), UNDETERMINED));
    expect(n(t.goodsPrice)).toBe(1000);
    expect([t.postagePrice, t.totalPrice, t.requestPrice]).toEqual([UNDETERMINED, UNDETERMINED, UNDETERMINED]);
    expect(t.taxSummary.length).toBeGreaterThan(0);
    for (const row of t.taxSummary) expect([row.reqPrice, row.reqPriceTax, row.totalPrice, row.couponPrice]).toEqual([UNDETERMINED, UNDETERMINED, UNDETERMINED, UNDETERMINED]);
  });

  it('reports where RMS’s own figures differ from ours', () => {
    expect(discrepanciesWithRms(order())).toEqual([]);
    const stale = order({ rmsAmounts: { ...order().rmsAmounts, requestPrice: UNDETERMINED } });
    expect(discrepanciesWithRms(stale)).toEqual([{ field: 'requestPrice', ours: yen(1500), rms: UNDETERMINED }]);
  });
});

function reconcile(t: OrderTotals, o: Parameters<typeof computeTotals>[0]): void {
  expect(sameAmount(sumAmounts(t.packages.map((p) => p.goodsPrice)), t.goodsPrice)).toBe(true);
  expect(sameAmount(sumAmounts(t.packages.map((p) => p.totalPrice)), t.totalPrice)).toBe(true);
  expect(sameAmount(sumAmounts([t.goodsPrice, t.postagePrice]), t.totalPrice)).toBe(true);

  const undetermined = o.packages.some((p) => p.postagePrice.kind === 'undetermined' || p.deliveryPrice.kind === 'undetermined') || o.paymentCharge.kind === 'undetermined';
  expect(t.requestPrice.kind === 'undetermined').toBe(undetermined);
  if (t.requestPrice.kind === 'undetermined') {
    for (const row of t.taxSummary) expect(row.reqPrice).toEqual(UNDETERMINED);
    return;
  }
  const coupons = n(t.couponAllTotalPrice) as number;
  expect(t.requestPrice.yen).toBe((n(t.totalPrice) as number) + (n(t.paymentCharge) as number) + o.additionalFeeToUser - coupons - o.usedPoint);

  const rows = t.taxSummary.map((r) => ({ rate: r.taxRate, req: n(r.reqPrice) as number, tax: n(r.reqPriceTax) as number, total: n(r.totalPrice) as number, coupon: n(r.couponPrice) as number, charge: n(r.paymentCharge) as number }));
  const sum = (f: (r: (typeof rows)[number]) => number): number => rows.reduce((acc, r) => acc + f(r), 0);
  expect(sum((r) => r.req) + o.additionalFeeToUser - o.usedPoint).toBe(t.requestPrice.yen);
  expect(sum((r) => r.total)).toBe(n(t.totalPrice));
  expect(sum((r) => r.coupon)).toBe(coupons);
  expect(sum((r) => r.charge)).toBe(n(t.paymentCharge));
  expect(new Set(rows.map((r) => r.rate)).size).toBe(rows.length);
  for (const r of rows) {
    if (r.rate === 0) expect(r.tax).toBe(0);
    // The tax inside a tax-included amount: never more than its share, less than a yen short.
    if (r.req >= 0) expect(r.tax * (1 + r.rate)).toBeLessThanOrEqual(r.req * r.rate + 1e-6);
  }
}

describe('computeTotals: properties', () => {
  it('always reconciles: billed amount, packages, and the per-rate summary add up; undetermined propagates', () => {
    fc.assert(
      fc.property(anOrder(), (o) => {
        reconcile(computeTotals(o), o);
        reconcile(computeTotals(o, { codFee: 'outsideRequestPrice' }), o);
      }),
      { numRuns: 150 },
    );
  });

  it('differs between the COD fee treatments by exactly the COD fee', () => {
    fc.assert(
      fc.property(anOrder(), (o) => {
        const inside = computeTotals(o).requestPrice;
        const outside = computeTotals(o, { codFee: 'outsideRequestPrice' }).requestPrice;
        const codFee = isCashOnDelivery(o) ? computeTotals(o).deliveryPrice : yen(0);
        expect(sameAmount(inside, sumAmounts([outside, codFee]))).toBe(true);
      }),
    );
  });
});
