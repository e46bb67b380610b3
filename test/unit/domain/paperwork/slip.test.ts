import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UNDETERMINED, formatAmount, sameAmount, sumAmounts, yen } from '../../../../src/domain/money.ts';
import type { Amount } from '../../../../src/domain/money.ts';
import type { Order, RmsTaxSummary } from '../../../../src/domain/order.ts';
import { slipsOf } from '../../../../src/domain/paperwork/slip.ts';
import type { Slip } from '../../../../src/domain/paperwork/slip.ts';
import { computeTotals } from '../../../../src/domain/totals.ts';
import { anOrder } from '../arbitraries.ts';
import { item, order, pkg } from '../fixtures.ts';

const plain = { hidePricesOnGift: false };

/** What the printed rows of a slip set add up to. */
function printedBilled(slips: readonly Slip[]): Amount {
  return sumAmounts([...slips.map((s) => s.parcelTotal), ...(slips[0]?.orderTotals?.charges ?? []).map((c) => c.amount)]);
}

function n(a: Amount): number | null {
  return a.kind === 'yen' ? a.yen : null;
}

const recipient = (familyName: string) => ({ ...order().buyer, familyName, firstName: '花子' });

describe('slipsOf', () => {
  it('gives one slip per 送付先, with the order-wide rows on the first only', () => {
    const two = order({
      packages: [
        pkg({ basketId: 1, postagePrice: yen(500), items: [item({ itemDetailId: 1, price: 1000, units: 2, taxRate: 0.1 })] }),
        pkg({ basketId: 2, postagePrice: yen(700), recipient: recipient('佐藤'), items: [item({ itemDetailId: 2, price: 540, units: 1, taxRate: 0.08 })] }),
      ],
      coupons: [{ couponCode: 'A', name: '100円引き', capitalCode: 1, price: 100, units: 1, itemDetailId: 0 }],
      usedPoint: 50,
    });
    const slips = slipsOf(two, plain);
    expect(slips.map((s) => [s.parcel, s.parcels, s.basketId, n(s.parcelTotal), s.orderTotals !== null])).toEqual([
      [1, 2, 1, 2500, true],
      [2, 2, 2, 1240, false],
    ]);
    expect(slips[0]!.orderTotals!.charges.map((c) => [c.kind, n(c.amount)])).toEqual([
      ['coupon', -100],
      ['point', -50],
    ]);
    expect(n(slips[0]!.orderTotals!.billed)).toBe(3590);
    expect(slips[1]!.lines[0]).toMatchObject({ reducedRate: true, unitPrice: 540, amount: 540 });
  });

  it('keeps 未確定 postage undetermined all the way to the billed amount and the tax rows', () => {
    const slips = slipsOf(order({ packages: [pkg({ postagePrice: UNDETERMINED })] }), plain);
    expect(formatAmount(slips[0]!.parcelCharges.find((c) => c.kind === 'postage')!.amount)).toBe('未確定');
    expect(formatAmount(slips[0]!.orderTotals!.billed)).toBe('未確定');
    expect(slips[0]!.orderTotals!.taxRows.every((r) => r.tax.kind === 'undetermined')).toBe(true);
  });

  it("prints RMS's per-rate figures when they describe the order, juchu's when they do not", () => {
    const base = order({ packages: [pkg({ postagePrice: yen(0), items: [item({ price: 1100, units: 1, taxRate: 0.1 })] })] });
    const row = (reqPrice: number, reqPriceTax: number): RmsTaxSummary => ({
      taxRate: 0.1,
      reqPrice: yen(reqPrice),
      reqPriceTax: yen(reqPriceTax),
      totalPrice: yen(reqPrice),
      paymentCharge: yen(0),
      couponPrice: yen(0),
      point: yen(0),
    });
    // RMS may round the contained tax its own way (shop setting): its figure is the one printed.
    const agreeing = slipsOf({ ...base, rmsTaxSummary: [row(1100, 101)] }, plain)[0]!.orderTotals!;
    expect([agreeing.taxSource, n(agreeing.taxRows[0]!.tax)]).toEqual(['rms', 101]);
    // A pending edit changed the order since RMS computed its summary.
    const stale = slipsOf({ ...base, rmsTaxSummary: [row(2200, 200)] }, plain)[0]!.orderTotals!;
    expect([stale.taxSource, n(stale.taxRows[0]!.target), n(stale.taxRows[0]!.tax)]).toEqual(['juchu', 1100, 100]);
    expect(slipsOf({ ...base, rmsTaxSummary: [] }, plain)[0]!.orderTotals!.taxSource).toBe('juchu');
  });

  it('hides prices only on a gift to someone else, and only when the shop asks', () => {
    const gift = order({ gift: true, packages: [pkg({ recipient: recipient('鈴木') })] });
    expect(slipsOf(gift, { hidePricesOnGift: true })[0]!.pricesHidden).toBe(true);
    expect(slipsOf(gift, plain)[0]!.pricesHidden).toBe(false);
    expect(slipsOf({ ...gift, packages: [pkg()] }, { hidePricesOnGift: true })[0]!.pricesHidden).toBe(false);
    expect(slipsOf({ ...gift, gift: false }, { hidePricesOnGift: true })[0]!.pricesHidden).toBe(false);
  });

  it('takes のし from the 送付先 and the gift message from its 備考 section', () => {
    const o = order({
      gift: true,
      remarks: '[配送日時指定:]\n午前中\n[ギフトメッセージ:]\nお誕生日おめでとう\nいつもありがとう',
      packages: [pkg({ noshi: '御祝' })],
    });
    const [slip] = slipsOf(o, plain);
    expect([slip!.noshi, slip!.giftMessage]).toEqual(['御祝', 'お誕生日おめでとう\nいつもありがとう']);
    expect(slipsOf(order({ remarks: '[配送日時指定:]\n午前中' }), plain)[0]!.giftMessage).toBeNull();
  });

  it('property: the printed rows add up to juchu’s billed amount, and the tax rows to the per-rate totals', () => {
    fc.assert(
      fc.property(anOrder(), fc.boolean(), (o: Order, hide) => {
        const totals = computeTotals(o);
        const slips = slipsOf(o, { hidePricesOnGift: hide });
        expect(slips).toHaveLength(o.packages.length);
        expect(slips.filter((s) => s.orderTotals !== null)).toHaveLength(1);
        const first = slips[0]!.orderTotals!;
        expect(sameAmount(first.billed, totals.requestPrice)).toBe(true);
        // Undetermined postage or fees leave the billed amount open; otherwise the rows add up to it.
        if (totals.requestPrice.kind === 'yen') expect(n(printedBilled(slips))).toBe(totals.requestPrice.yen);
        else expect(first.taxRows.every((r) => r.tax.kind === 'undetermined')).toBe(true);
        // Goods lines (and wrapping) are exactly the order's goods.
        const goods = slips.flatMap((s) => s.lines).reduce((acc, l) => acc + l.amount, 0);
        const wrapping = slips.flatMap((s) => s.parcelCharges).filter((c) => c.kind === 'wrapping').reduce((acc, c) => acc + (n(c.amount) ?? 0), 0);
        expect(yen(goods + wrapping)).toEqual(totals.goodsPrice);
        // Per rate: the tax is rounded once from the rate's total (never summed from rounded lines).
        for (const row of first.taxRows) {
          if (row.target.kind !== 'yen' || row.tax.kind !== 'yen') continue;
          const pct = Math.round(row.taxRate * 100);
          expect(row.tax.yen).toBe(Math.trunc((row.target.yen * pct) / (100 + pct)) + 0);
        }
        // Σ per-rate targets − points + 後払い手数料 = billed.
        if (totals.requestPrice.kind === 'yen') {
          const targets = first.taxRows.reduce((acc, r) => acc + (n(r.target) ?? 0), 0);
          expect(targets - o.usedPoint + o.additionalFeeToUser).toBe(totals.requestPrice.yen);
        }
        expect(slips.every((s) => s.lines.every((l) => l.reducedRate === (l.taxRate === 0.08)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
