import fc from 'fast-check';
import { UNDETERMINED, yen } from '../../../src/domain/money.ts';
import type { Amount } from '../../../src/domain/money.ts';
import type { Coupon, Order, Wrapping } from '../../../src/domain/order.ts';
import { item, order, pkg } from './fixtures.ts';

/** Random orders within RMS's rules, for the property tests. */

export const taxRate = fc.constantFrom(0, 0.08, 0.1);
const price = fc.integer({ min: 0, max: 200_000 });
const fee = fc.integer({ min: 0, max: 3_000 });

export function amount(undeterminedWeight: number): fc.Arbitrary<Amount> {
  return fc.oneof({ arbitrary: fee.map(yen), weight: 10 }, { arbitrary: fc.constant(UNDETERMINED), weight: undeterminedWeight });
}

const items = (basketId: number) =>
  fc.array(fc.record({ price, units: fc.integer({ min: 0, max: 20 }), taxRate, taxIncluded: fc.boolean() }), { minLength: 1, maxLength: 4 }).map((rows) =>
    rows.map((r, i) => item({ ...r, itemDetailId: basketId + i, name: `商品${i + 1}` })),
  );

const wrapping: fc.Arbitrary<Wrapping> = fc.record({
  title: fc.constantFrom('paper' as const, 'ribbon' as const),
  name: fc.constant('包装'),
  price: fc.integer({ min: 0, max: 1_000 }),
  taxRate,
  taxIncluded: fc.boolean(),
});

export interface OrderShape {
  /** 0 = never undetermined. */
  readonly undeterminedWeight?: number;
}

export function anOrder({ undeterminedWeight = 1 }: OrderShape = {}): fc.Arbitrary<Order> {
  return fc
    .record({
      cod: fc.boolean(),
      packages: fc.array(fc.record({ postagePrice: amount(undeterminedWeight), deliveryPrice: amount(undeterminedWeight), postageTaxRate: taxRate, deliveryTaxRate: taxRate }), {
        minLength: 1,
        maxLength: 3,
      }),
      itemSets: fc.tuple(items(1000), items(2000), items(3000)),
      coupons: fc.array(fc.record({ price: fc.integer({ min: 1, max: 1_000 }), units: fc.integer({ min: 1, max: 3 }), target: fc.nat({ max: 3 }) }), { maxLength: 3 }),
      wrappings: fc.array(wrapping, { maxLength: 2 }),
      usedPoint: fc.integer({ min: 0, max: 2_000 }),
      paymentCharge: amount(undeterminedWeight),
      paymentChargeTaxRate: taxRate,
      additionalFeeToUser: fc.integer({ min: 0, max: 500 }),
    })
    .map((r) => {
      const packages = r.packages.map((p, i) => pkg({ ...p, basketId: (i + 1) * 1000, deliveryPrice: r.cod ? p.deliveryPrice : yen(0), items: r.itemSets[i] ?? [] }));
      const firstItem = packages[0]?.items[0]?.itemDetailId ?? 0;
      const coupons: Coupon[] = r.coupons.map((c, i) => ({
        couponCode: `C${i}`,
        name: `クーポン${i}`,
        capitalCode: 1,
        price: c.price,
        units: c.units,
        itemDetailId: c.target === 0 ? 0 : firstItem,
      }));
      return order({
        settlement: r.cod
          ? { methodCode: 2, methodName: '代金引換', rakutenPay: false, cardName: null }
          : { methodCode: 1, methodName: 'クレジットカード', rakutenPay: true, cardName: 'VISA' },
        packages,
        coupons,
        wrappings: r.wrappings,
        usedPoint: r.usedPoint,
        paymentCharge: r.cod ? yen(0) : r.paymentCharge,
        paymentChargeTaxRate: r.paymentChargeTaxRate,
        additionalFeeToUser: r.additionalFeeToUser,
      });
    });
}
