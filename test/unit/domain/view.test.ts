import { describe, expect, it } from 'vitest';
import { isLocalDate, jstDate, toJstIso } from '../../../src/domain/jst.ts';
import { UNDETERMINED, formatAmount, yen } from '../../../src/domain/money.ts';
import { isShippingTerm, shippingTermLabel } from '../../../src/domain/shipping-term.ts';
import { toOrderView } from '../../../src/domain/view.ts';
import { holdOrder } from '../../../src/domain/staff-actions.ts';
import { ORDERED_AT, ctx, order, withPostage } from './fixtures.ts';

describe('toOrderView', () => {
  const now = new Date('2026-12-02T17:00:00Z');

  it('shows amounts as yen or null, instants in JST, and the deadline', () => {
    const view = toOrderView(withPostage(order(), UNDETERMINED), now);
    expect(view).toMatchObject({
      orderedAt: '2026-11-20T10:00:00+09:00',
      confirmationDeadline: '2026-12-04T10:00:00+09:00',
      deadline: { daysLeft: 1, hoursLeft: 32, urgency: 'warning' },
      awaitsConfirmation: true,
      goodsPrice: 1000,
      postagePrice: null,
      totalPrice: null,
      requestPrice: null,
      statusLabel: '注文確認待ち',
      rmsProgressLabel: '注文確認待ち',
    });
    expect(view.packages[0]).toMatchObject({ basketId: 1001, postagePrice: null, goodsPrice: 1000, items: [{ itemDetailId: 1001, price: 1000, priceTaxIncl: 1000 }] });
    expect(view.taxSummary.every((r) => r.reqPrice === null)).toBe(true);
    // RMS's own figures still say ¥500 postage: the view tells where ours differ.
    expect(view.rmsDiscrepancies).toContainEqual({ field: 'postagePrice', ours: null, rms: 500 });
  });

  it('is plain JSON: nothing is lost through JSON.stringify', () => {
    const view = toOrderView(order(), now);
    expect(JSON.parse(JSON.stringify(view))).toEqual(view);
  });

  it('keeps the deadline for a held order that still awaits confirmation, and says where the hold returns', () => {
    const held = holdOrder(order(), ctx()).order;
    expect(toOrderView(held, now)).toMatchObject({ status: 'on_hold', statusBeforeHold: 'awaiting_confirmation', awaitsConfirmation: true });
    expect(toOrderView(order({ status: 'new', rmsProgress: 300 }), now).awaitsConfirmation).toBe(false);
  });
});

describe('JST and display helpers', () => {
  it('writes instants with +09:00 and finds their JST day', () => {
    expect(toJstIso(ORDERED_AT)).toBe('2026-11-20T10:00:00+09:00');
    expect(jstDate(new Date('2026-11-20T15:00:00Z'))).toBe('2026-11-21');
    expect(jstDate(new Date('2026-11-20T14:59:59Z'))).toBe('2026-11-20');
  });

  it('accepts only real calendar days', () => {
    expect(['2026-02-28', '2028-02-29'].map(isLocalDate)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', '2026-01-01T00:00'].map(isLocalDate)).toEqual([false, false, false, false]);
  });

  it('knows RMS time slot codes', () => {
    expect([0, 1, 2, 9, 708, 1416, 2324].every(isShippingTerm)).toBe(true);
    expect([3, 8, 612, 1614, 1425, 1.5].some(isShippingTerm)).toBe(false);
    expect([null, 1, 708, 1416].map((t) => shippingTermLabel(t))).toEqual(['指定なし', '午前', '7時〜8時', '14時〜16時']);
    expect([null, 1, 708, 1416].map((t) => shippingTermLabel(t, 'en'))).toEqual(['Not specified', 'Morning', '7:00–8:00', '14:00–16:00']);
  });

  it('never shows an undetermined amount as a number', () => {
    expect(formatAmount(UNDETERMINED)).toBe('未確定');
    expect(formatAmount(yen(1234567))).toBe('¥1,234,567');
    expect(formatAmount(yen(-500))).toBe('¥-500');
    expect(formatAmount(yen(0))).toBe('¥0');
  });
});
