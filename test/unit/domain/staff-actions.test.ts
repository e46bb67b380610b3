import { describe, expect, it } from 'vitest';
import { confirmOrder, holdOrder, registerShipment } from '../../../src/domain/staff-actions.ts';
import { UNDETERMINED } from '../../../src/domain/money.ts';
import { ctx, errorCode, item, order, pkg } from './fixtures.ts';

const ready = order({ status: 'new', rmsProgress: 300 });
const ship = (over: Partial<Parameters<typeof registerShipment>[1]> = {}) => ({
  basketId: 1001,
  deliveryCompany: '1001',
  shippingNumber: '1234-5678-9012',
  shippingDate: '2026-11-22',
  ...over,
});

describe('registerShipment', () => {
  it('needs a known carrier, a tracking number where the carrier issues one, at most 120 characters, and a date', () => {
    expect(errorCode(() => registerShipment(ready, ship({ deliveryCompany: 'ヤマト運輸' }), ctx()))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => registerShipment(ready, ship({ shippingNumber: null }), ctx()))).toBe('TRACKING_NUMBER_REQUIRED');
    expect(errorCode(() => registerShipment(ready, ship({ shippingNumber: '   ' }), ctx()))).toBe('TRACKING_NUMBER_REQUIRED');
    expect(errorCode(() => registerShipment(ready, ship({ shippingNumber: '１'.repeat(121) }), ctx()))).toBe('VALIDATION_FAILED');
    expect(registerShipment(ready, ship({ shippingNumber: '１'.repeat(120) }), ctx()).order.status).toBe('shipped');
    expect(errorCode(() => registerShipment(ready, ship({ shippingDate: '2026/11/22' }), ctx()))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => registerShipment(ready, ship({ basketId: 5 }), ctx()))).toBe('VALIDATION_FAILED');
    // その他 has no tracking numbers.
    const other = registerShipment(ready, ship({ deliveryCompany: '1000', shippingNumber: null }), ctx());
    expect(other.operations[0]).toMatchObject({ kind: 'syncShippingReport', shippingNumber: null });
  });

  it('ships a multi-destination order only once every package has a shipment', () => {
    const two = order({ status: 'new', rmsProgress: 300, packages: [pkg(), pkg({ basketId: 2001, items: [item({ itemDetailId: 2001 })] })] });
    const first = registerShipment(two, ship(), ctx());
    expect(first.order.status).toBe('new');
    expect(first.history[0]?.summary).toContain('送付先1');
    const second = registerShipment(first.order, ship({ basketId: 2001, shippingNumber: '9999' }), ctx());
    expect(second.order.status).toBe('shipped');
    // A correction after shipping stays shipped.
    expect(registerShipment(second.order, ship({ basketId: 2001, shippingNumber: '9998' }), ctx()).order.status).toBe('shipped');
  });

  it('completes the row the planned ship date left instead of adding one', () => {
    const planned = { shippingDetailId: 77, deliveryCompany: '1001', shippingNumber: null, shippingDate: '2026-12-01' };
    const withPlan = order({ status: 'new', rmsProgress: 300, plannedShipDate: '2026-12-01', packages: [pkg({ shipments: [planned] })] });
    const shipped = registerShipment(withPlan, ship({ shippingDate: '2026-11-30' }), ctx());
    expect(shipped.order.packages[0]?.shipments).toEqual([{ shippingDetailId: 77, deliveryCompany: '1001', shippingNumber: '1234-5678-9012', shippingDate: '2026-11-30' }]);
  });

  it('refuses more than 20 shipments per package', () => {
    const rows = Array.from({ length: 20 }, (_, i) => ({ shippingDetailId: i + 1, deliveryCompany: '1001', shippingNumber: `N${i}`, shippingDate: '2026-11-22' }));
    const full = order({ status: 'shipped', rmsProgress: 300, packages: [pkg({ shipments: rows })] });
    expect(errorCode(() => registerShipment(full, ship(), ctx()))).toBe('VALIDATION_FAILED');
  });
});

describe('confirmOrder', () => {
  it('names the packages whose postage or COD fee is undetermined', () => {
    const two = order({ packages: [pkg(), pkg({ basketId: 2001, deliveryPrice: UNDETERMINED, items: [item({ itemDetailId: 2001 })] })] });
    try {
      confirmOrder(two, ctx());
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: 'POSTAGE_UNDETERMINED', details: { packages: [2001] } });
    }
  });

  it('is refused on hold: the hold is released first', () => {
    expect(errorCode(() => confirmOrder(holdOrder(order(), ctx()).order, ctx()))).toBe('INVALID_TRANSITION');
  });
});
