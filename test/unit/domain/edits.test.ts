import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editOrder } from '../../../src/domain/edits.ts';
import type { OrderEdit } from '../../../src/domain/edits.ts';
import { DomainError } from '../../../src/domain/errors.ts';
import { UNDETERMINED } from '../../../src/domain/money.ts';
import type { Order } from '../../../src/domain/order.ts';
import { computeTotals } from '../../../src/domain/totals.ts';
import { anOrder } from './arbitraries.ts';
import { ctx, errorCode, item, order, pkg, withPostage } from './fixtures.ts';

const requestPrice = (o: Order): number | null => {
  const t = computeTotals(o).requestPrice;
  return t.kind === 'yen' ? t.yen : null;
};

/** A random amount edit of an order awaiting confirmation: one item line and the postage. */
const anEdit = (o: Order): fc.Arbitrary<OrderEdit> => {
  const lines = o.packages.flatMap((p) => p.items.map((i) => ({ basketId: p.basketId, itemDetailId: i.itemDetailId })));
  return fc
    .record({
      line: fc.constantFrom(...lines),
      units: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
      price: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
      postagePrice: fc.option(fc.integer({ min: 0, max: 3_000 }), { nil: undefined }),
    })
    .map(({ line, units, price, postagePrice }) => ({
      packages: [{ basketId: line.basketId, postagePrice, items: [{ itemDetailId: line.itemDetailId, units, price }] }],
    }));
};

describe('editOrder', () => {
  it('takes the RMS limits on amounts and the shape of dates and time slots', () => {
    const o = order();
    expect(errorCode(() => editOrder(o, { packages: [{ basketId: 1001, postagePrice: -1 }] }, ctx()))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => editOrder(o, { packages: [{ basketId: 1001, items: [{ itemDetailId: 1001, units: 1.5 }] }] }, ctx()))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => editOrder(o, { packages: [{ basketId: 1001, items: [{ itemDetailId: 1001, price: 1_000_000_000 }] }] }, ctx()))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => editOrder(o, { packages: [{ basketId: 9, postagePrice: 1 }] }, ctx()))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => editOrder(o, { packages: [{ basketId: 1001, items: [{ itemDetailId: 9, units: 1 }] }] }, ctx()))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => editOrder(o, { deliveryDate: '2026-02-30' }, ctx()))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => editOrder(o, { shippingTerm: 1614 }, ctx()))).toBe('VALIDATION_FAILED');
    // A COD fee belongs to cash-on-delivery orders only.
    expect(errorCode(() => editOrder(o, { packages: [{ basketId: 1001, deliveryPrice: 330 }] }, ctx()))).toBe('VALIDATION_FAILED');
  });

  it('names the offending field in the error details', () => {
    try {
      editOrder(order(), { packages: [{ basketId: 1001, items: [{ itemDetailId: 1001, units: -2 }] }] }, ctx());
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).details).toMatchObject({ field: 'packages[0].items[0].units' });
    }
  });

  it('treats values sent unchanged as no change, even where editing is not allowed', () => {
    const processing = order({ status: 'rakuten_processing', rmsProgress: 200 });
    const same = editOrder(processing, { packages: [{ basketId: 1001, postagePrice: 500, items: [{ itemDetailId: 1001, units: 1, price: 1000 }] }], paymentCharge: 0 }, ctx());
    expect(same).toEqual({ order: processing, operations: [], history: [] });
  });

  it('records before and after of every changed field, in one history entry', () => {
    const result = editOrder(order(), { packages: [{ basketId: 1001, postagePrice: null, items: [{ itemDetailId: 1001, units: 3 }] }] }, ctx());
    expect(result.history).toHaveLength(1);
    expect(result.history[0]).toMatchObject({
      action: 'edited',
      actor: { kind: 'user', name: '山田' },
      before: { 'packages.1001.postagePrice': 500, 'items.1001.units': 1 },
      after: { 'packages.1001.postagePrice': null, 'items.1001.units': 3 },
    });
    expect(result.history[0]?.summary).toContain('送料 ¥500 → 未確定');
    expect(result.operations).toEqual([{ kind: 'syncItemChanges', reductionReason: null, expectedRequestPrice: null }]);
  });

  it('sends one planned ship date per package not yet reported, with its carrier', () => {
    const shipped = { shippingDetailId: 1, deliveryCompany: '1002', shippingNumber: 'A1', shippingDate: '2026-11-22' };
    const twoPackages = order({
      status: 'new',
      rmsProgress: 300,
      packages: [pkg({ shipments: [shipped] }), pkg({ basketId: 2001, defaultDeliveryCompany: '1003', items: [item({ itemDetailId: 2001 })] })],
    });
    expect(editOrder(twoPackages, { plannedShipDate: '2026-12-01' }, ctx()).operations).toEqual([
      { kind: 'syncPlannedShipDate', basketId: 2001, shippingDate: '2026-12-01', deliveryCompany: '1003' },
    ]);
  });

  it('counts setting an undetermined postage as neither a rise nor a fall', () => {
    const undetermined = withPostage(order(), UNDETERMINED);
    // Postage set, price cut: the cut alone decides.
    const cut = { packages: [{ basketId: 1001, postagePrice: 2000, items: [{ itemDetailId: 1001, price: 900 }] }] };
    expect(errorCode(() => editOrder(undetermined, cut, ctx()))).toBe('REDUCTION_REASON_REQUIRED');
    expect(editOrder(undetermined, { packages: [{ basketId: 1001, postagePrice: 0 }] }, ctx()).operations[0]).toMatchObject({ reductionReason: null });
    // Back to undetermined is no fall either.
    expect(editOrder(order(), { packages: [{ basketId: 1001, postagePrice: null }] }, ctx()).order.packages[0]?.postagePrice).toEqual(UNDETERMINED);
  });

  it('property: a lowering edit without a reason is always refused; a rising or equal one never needs one', () => {
    const orderAndEdit = anOrder({ undeterminedWeight: 0 }).chain((o) => fc.tuple(fc.constant(o), anEdit(o)));
    fc.assert(
      fc.property(orderAndEdit, ([o, edit]) => {
        const before = requestPrice(o) as number;
        let result;
        try {
          result = editOrder(o, edit, ctx());
        } catch (error) {
          expect((error as DomainError).code).toBe('REDUCTION_REASON_REQUIRED');
          const withReason = editOrder(o, { ...edit, reductionReason: 13 }, ctx());
          expect(requestPrice(withReason.order)).toBeLessThan(before);
          expect(withReason.operations[0]).toMatchObject({ reductionReason: 13 });
          return;
        }
        expect(requestPrice(result.order)).toBeGreaterThanOrEqual(before);
        for (const op of result.operations) expect(op).toMatchObject({ reductionReason: null });
      }),
      { numRuns: 120 },
    );
  });

  it('property: the operation carries the billed amount the edit leads to', () => {
    const orderAndEdit = anOrder({ undeterminedWeight: 0 }).chain((o) => fc.tuple(fc.constant(o), anEdit(o)));
    fc.assert(
      fc.property(orderAndEdit, ([o, edit]) => {
        const result = editOrder(o, { ...edit, reductionReason: 10 }, ctx());
        for (const op of result.operations) expect(op).toMatchObject({ expectedRequestPrice: requestPrice(result.order) });
        expect(result.order.version).toBe(o.version);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps amounts exact: a total beyond exact integers is refused, not rounded', () => {
    const big = editOrder(order(), { packages: [{ basketId: 1001, items: [{ itemDetailId: 1001, price: 999_999_999, units: 9_000 }] }] }, ctx());
    expect(big.operations[0]).toMatchObject({ expectedRequestPrice: 8_999_999_991_000 + 500 });
    const huge = { packages: [{ basketId: 1001, items: [{ itemDetailId: 1001, price: 999_999_999, units: 999_999_999 }] }] };
    expect(errorCode(() => editOrder(order(), huge, ctx()))).toBe('VALIDATION_FAILED');
  });
});
