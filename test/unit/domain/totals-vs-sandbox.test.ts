import { describe, expect, it } from 'vitest';
import { amountToNullable } from '../../../src/domain/money.ts';
import { computeTotals, discrepanciesWithRms } from '../../../src/domain/totals.ts';
import { toDomainOrder } from '../../../src/rms/mapping.ts';
import { SCENARIOS } from '../../../src/sandbox/generator.ts';
import { Sandbox } from '../../../src/sandbox/sandbox.ts';

/**
 * The sandbox computes RMS's figures on its own (src/sandbox/amounts.ts), from the wire model.
 * Our arithmetic must reproduce them for every kind of order it generates.
 */
describe('totals reconcile with RMS’s own figures', () => {
  it.each(SCENARIOS)('for %s orders', (scenario) => {
    const sandbox = new Sandbox({ seed: 11, clock: 'frozen', startAt: new Date('2026-11-20T01:00:00Z') });
    const shop = sandbox.createShop({ serviceSecret: 's', licenseKey: 'k' });
    const numbers = sandbox.generateOrders({ serviceSecret: 's', count: 20, scenario, seed: 5 });
    for (const orderNumber of numbers) {
      const model = sandbox.findOrder(orderNumber).model;
      const order = toDomainOrder(model, shop.shopId);
      expect(discrepanciesWithRms(order), orderNumber).toEqual([]);
      const ours = computeTotals(order);
      expect(amountToNullable(ours.couponAllTotalPrice), orderNumber).toBe(model.couponAllTotalPrice);
      const rmsRows = (model.TaxSummaryModelList ?? []).map((r) => [r.taxRate, r.reqPrice, r.reqPriceTax, r.totalPrice, r.paymentCharge, r.couponPrice]);
      const ourRows = ours.taxSummary.map((r) => [r.taxRate, r.reqPrice, r.reqPriceTax, r.totalPrice, r.paymentCharge, r.couponPrice].map((a) => (typeof a === 'number' ? a : (amountToNullable(a) ?? -9999))));
      expect(ourRows, orderNumber).toEqual(rmsRows);
    }
  });
});
