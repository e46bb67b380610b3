import { describe, expect, it } from 'vitest';
import type { OrderDetail } from '../api/types.ts';
import { draftFrom, evaluateDraft, parseWhole, toDomainOrder, toPatch, type EditDraft } from './edit-model.ts';

const person = {
  familyName: '楽天',
  firstName: '太郎',
  familyNameKana: 'ラクテン',
  firstNameKana: 'タロウ',
  phoneNumber: '03-0000-0000',
  address: { zipCode: '158-0094', prefecture: '東京都', city: '世田谷区', subAddress: '玉川1-14-1' },
};

type ItemFields = Pick<OrderDetail['packages'][number]['items'][number], 'itemDetailId' | 'itemNumber' | 'name' | 'price' | 'priceTaxIncl' | 'units' | 'taxRate' | 'taxIncluded'>;

function item(fields: ItemFields): OrderDetail['packages'][number]['items'][number] {
  return { itemId: 1000 + fields.itemDetailId, manageNumber: null, postageIncluded: false, selectedChoice: null, sku: null, ...fields };
}

function detail(overrides: Partial<OrderDetail> = {}): OrderDetail {
  return {
    orderNumber: '123456-20261128-0000001',
    shopCode: 'shop-a',
    status: 'awaiting_confirmation',
    statusLabel: '注文確認待ち',
    statusBeforeHold: null,
    rmsProgress: 100,
    rmsProgressLabel: '注文確認待ち',
    subStatusId: null,
    subStatusName: null,
    orderedAt: '2026-11-28T10:00:00+09:00',
    confirmationDeadline: '2026-12-12T10:00:00+09:00',
    deadline: { msLeft: 1, daysLeft: 14, hoursLeft: 336, urgency: 'normal' },
    awaitsConfirmation: true,
    confirmedAt: null,
    shippingReportedAt: null,
    version: 3,
    goodsPrice: 3_160,
    postagePrice: 500,
    deliveryPrice: 0,
    paymentCharge: 0,
    paymentChargeTaxRate: 0.1,
    totalPrice: 3_660,
    requestPrice: 3_660,
    couponAllTotalPrice: 0,
    usedPoint: 0,
    additionalFeeToUser: 0,
    taxSummary: [],
    rmsDiscrepancies: [],
    buyer: { ...person, emailAddress: 'masked@pc.fw.rakuten.ne.jp' },
    settlement: { methodCode: 1, methodName: 'クレジットカード', rakutenPay: true, cardName: 'VISA' },
    deliveryName: '宅配便',
    packages: [
      {
        basketId: 10,
        postagePrice: 500,
        postageTaxRate: 0.1,
        deliveryPrice: 0,
        deliveryTaxRate: 0.1,
        goodsPrice: 3_160,
        totalPrice: 3_660,
        recipient: person,
        defaultDeliveryCompany: '1001',
        items: [
          // 1,000 yen tax excluded at 8%: 1,080 a unit.
          item({ itemDetailId: 1, itemNumber: 'tea-1', name: '緑茶', price: 1_000, priceTaxIncl: 1_080, units: 2, taxRate: 0.08, taxIncluded: false }),
          item({ itemDetailId: 2, itemNumber: 'cup-1', name: '湯のみ', price: 1_000, priceTaxIncl: 1_000, units: 1, taxRate: 0.1, taxIncluded: true }),
        ],
        shipments: [],
      },
    ],
    coupons: [],
    wrappings: [],
    deliveryDate: null,
    shippingTerm: null,
    plannedShipDate: null,
    reductionReason: null,
    remarks: null,
    memo: null,
    automation: { workState: null, holdReason: null, remoteIsland: false, gift: false, shipBy: null },
    allowedActions: ['editAmounts', 'confirm'],
    pendingOperations: [],
    history: [],
    ...overrides,
  };
}

function edit(draft: EditDraft, change: (pkg: EditDraft['packages'][number]) => Partial<EditDraft['packages'][number]>): EditDraft {
  return { ...draft, packages: draft.packages.map((p) => ({ ...p, ...change(p) })) };
}

function setItem(draft: EditDraft, index: number, change: { units?: string; price?: string }): EditDraft {
  return edit(draft, (p) => ({ items: p.items.map((it, i) => (i === index ? { ...it, ...change } : it)) }));
}

describe('the amount editor model', () => {
  it('reproduces the order’s own totals when nothing is changed', () => {
    const order = toDomainOrder(detail());
    const evaluation = evaluateDraft(order, draftFrom(detail()));
    expect(evaluation.changed).toBe(false);
    expect(evaluation.reduction).toBe(false);
    expect(evaluation.totals?.goodsPrice).toEqual({ kind: 'yen', yen: 3_160 });
    expect(evaluation.totals?.requestPrice).toEqual({ kind: 'yen', yen: 3_660 });
  });

  it('treats fewer units as a reduction that needs a reason, and sends only what changed', () => {
    const order = toDomainOrder(detail());
    const draft = { ...setItem(draftFrom(detail()), 0, { units: '1' }), reductionReason: 8 };
    const evaluation = evaluateDraft(order, draft);
    expect(evaluation.reduction).toBe(true);
    expect(evaluation.totals?.requestPrice).toEqual({ kind: 'yen', yen: 3_660 - 1_080 });
    expect(toPatch(order, draft, evaluation)).toEqual({
      version: 3,
      packages: [{ basketId: 10, items: [{ itemDetailId: 1, units: 1, price: 1_000 }] }],
      reductionReason: 8,
    });
  });

  it('does not ask for a reason when the billed amount rises', () => {
    const order = toDomainOrder(detail());
    const draft = edit(draftFrom(detail()), () => ({ postage: '800' }));
    const evaluation = evaluateDraft(order, draft);
    expect(evaluation.reduction).toBe(false);
    expect(evaluation.totals?.requestPrice).toEqual({ kind: 'yen', yen: 3_960 });
    expect(toPatch(order, draft, evaluation)).toEqual({ version: 3, packages: [{ basketId: 10, postagePrice: 800 }], reductionReason: null });
  });

  it('rounds the tax of a tax-excluded price down, as RMS does', () => {
    const order = toDomainOrder(detail());
    // 999 × 1.08 = 1,078.92 → 1,078 a unit, two units.
    const evaluation = evaluateDraft(order, setItem(draftFrom(detail()), 0, { price: '999' }));
    expect(evaluation.totals?.goodsPrice).toEqual({ kind: 'yen', yen: 2 * 1_078 + 1_000 });
  });

  it('makes an emptied postage undetermined, and every total with it', () => {
    const order = toDomainOrder(detail());
    const draft = edit(draftFrom(detail()), () => ({ postage: '' }));
    const evaluation = evaluateDraft(order, draft);
    expect(evaluation.totals?.requestPrice).toEqual({ kind: 'undetermined' });
    expect(evaluation.reduction).toBe(false);
    expect(toPatch(order, draft, evaluation).packages).toEqual([{ basketId: 10, postagePrice: null }]);
  });

  it('refuses text that is not whole yen, naming the field', () => {
    const order = toDomainOrder(detail());
    const evaluation = evaluateDraft(order, setItem(draftFrom(detail()), 1, { price: '12.5' }));
    expect(evaluation.totals).toBeNull();
    expect([...evaluation.invalidFields]).toEqual(['0.1.price']);
  });

  it('bills a cash-on-delivery fee as the payment charge', () => {
    const cod = detail({ settlement: { methodCode: 2, methodName: '代金引換', rakutenPay: false, cardName: null } });
    const order = toDomainOrder(cod);
    const evaluation = evaluateDraft(order, edit(draftFrom(cod), () => ({ codFee: '330' })));
    expect(evaluation.totals?.paymentCharge).toEqual({ kind: 'yen', yen: 330 });
    expect(evaluation.totals?.requestPrice).toEqual({ kind: 'yen', yen: 3_660 + 330 });
  });

  it('counts gift wrapping in the goods, as RMS does', () => {
    const wrapped = detail({ wrappings: [{ title: 'paper', name: '包装紙', price: 300, taxRate: 0.1, taxIncluded: true }] });
    const evaluation = evaluateDraft(toDomainOrder(wrapped), setItem(draftFrom(wrapped), 1, { units: '2' }));
    expect(evaluation.totals?.goodsPrice).toEqual({ kind: 'yen', yen: 3_160 + 300 + 1_000 });
  });

  it('reads full-width digits and thousands separators', () => {
    expect(parseWhole('１，２００')).toBe(1_200);
    expect(parseWhole('1,200')).toBe(1_200);
    expect(parseWhole('-5')).toBeNull();
    expect(parseWhole('')).toBeNull();
  });
});
