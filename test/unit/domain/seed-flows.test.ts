import { describe, expect, it } from 'vitest';
import {
  applyConfirmationOutcome,
  applyRmsSnapshot,
  cancelOrder,
  confirmOrder,
  editOrder,
  holdOrder,
  registerShipment,
  releaseOrder,
} from '../../../src/domain/actions.ts';
import { UNDETERMINED } from '../../../src/domain/money.ts';
import type { Order } from '../../../src/domain/order.ts';
import { ctx, errorCode, order, pkg, shop, snapshot, withPostage, worker } from './fixtures.ts';

/** One test per flow of the seed (shared/seed/000_…txt), named after it. */

const sync = ctx({ actor: worker });

function progressTo(current: Order, progress: Order['rmsProgress'], overrides: Partial<Order> = {}): Order {
  return applyRmsSnapshot(current, snapshot(progress, overrides), sync).order;
}

describe('楽天ペイの受注フロー', () => {
  it('自動注文確認OFF: 注文確認待ち → 注文確認連携待ち → 楽天処理中 → 新規受付', () => {
    const imported = applyRmsSnapshot(null, snapshot(100), sync);
    expect(imported.order.status).toBe('awaiting_confirmation');
    expect(imported.operations).toEqual([]);
    expect(imported.history.map((h) => h.action)).toEqual(['imported']);

    const confirmed = confirmOrder(imported.order, ctx());
    expect(confirmed.order.status).toBe('confirmation_queued');
    expect(confirmed.operations).toEqual([{ kind: 'syncConfirmation' }]);
    expect(confirmed.order.version).toBe(imported.order.version);

    const accepted = applyConfirmationOutcome(confirmed.order, 'accepted', sync);
    expect(accepted.order.status).toBe('rakuten_processing');
    expect(accepted.order.confirmedAt).toEqual(sync.now);

    const processing = progressTo(accepted.order, 200);
    expect(processing.status).toBe('rakuten_processing');
    expect(progressTo(processing, 300).status).toBe('new');
  });

  it('自動注文確認ON: 楽天処理中 → 新規受付', () => {
    const autoShop = ctx({ actor: worker, shop: { ...shop, autoConfirm: true } });
    const imported = applyRmsSnapshot(null, snapshot(200), autoShop);
    expect(imported.order.status).toBe('rakuten_processing');
    expect(imported.operations).toEqual([]);

    const ready = applyRmsSnapshot(imported.order, snapshot(300), autoShop);
    expect(ready.order.status).toBe('new');
    expect(ready.operations).toEqual([]);
  });

  it('注文確認待ちでキャンセル → 注文確認連携待ち → 注文確認結果でキャンセル', () => {
    const waiting = applyRmsSnapshot(null, snapshot(100), sync).order;
    const buyerCancel = { changeId: 1, changeType: 2, changeTypeDetail: null, changeReason: 1, changeReasonDetail: 1, appliedAt: null, fixedAt: null, completedAt: null };
    const found = applyRmsSnapshot(waiting, snapshot(900, { changeReasons: [buyerCancel] }), sync);
    expect(found.order.status).toBe('confirmation_queued');
    expect(found.operations).toEqual([{ kind: 'syncConfirmation' }]);
    expect(found.history.map((h) => h.action)).toEqual(['rmsCancelled']);
    expect(found.history[0]?.summary).toContain('理由: キャンセル');

    // ERROR_102: the confirmation answer says the order is cancelled.
    const cancelled = applyConfirmationOutcome(found.order, 'cancelled', sync);
    expect(cancelled.order.status).toBe('cancelled');
    expect(cancelled.operations).toEqual([]);
  });

  it('楽天処理中でキャンセル取得 → キャンセル', () => {
    const processing = order({ status: 'rakuten_processing', rmsProgress: 200 });
    const found = applyRmsSnapshot(processing, snapshot(900), sync);
    expect(found.order.status).toBe('cancelled');
    expect(found.operations).toEqual([]);
    expect(found.history[0]?.action).toBe('rmsCancelled');
  });

  it('入金期限切れの自動キャンセル', () => {
    const prepay = { methodCode: 3, methodName: '銀行振込', rakutenPay: true, cardName: null };
    const unpaid = order({ status: 'rakuten_processing', rmsProgress: 200, settlement: prepay });
    // Unpaid, RMS keeps the order in 楽天処理中: nothing changes, nothing is written.
    const stillUnpaid = applyRmsSnapshot(unpaid, snapshot(200, { settlement: prepay }), sync);
    expect(stillUnpaid.order).toBe(unpaid);
    expect(stillUnpaid.history).toEqual([]);

    const unpaidCancel = { changeId: 7, changeType: 1, changeTypeDetail: null, changeReason: 1, changeReasonDetail: 4, appliedAt: null, fixedAt: null, completedAt: null };
    const cancelled = applyRmsSnapshot(unpaid, snapshot(900, { settlement: prepay, changeReasons: [unpaidCancel] }), sync);
    expect(cancelled.order.status).toBe('cancelled');
    expect(cancelled.history[0]?.summary).toContain('未入金');
  });

  it('店舗側キャンセル', () => {
    const accepted = order({ status: 'new', rmsProgress: 300 });
    const byHand = cancelOrder(accepted, { reason: 8 }, ctx());
    expect(byHand.order.status).toBe('cancelled');
    expect(byHand.operations).toEqual([]);
    expect(byHand.history[0]?.summary).toContain('RMSにログインしてキャンセル処理を実施してください');

    const viaApi = cancelOrder(accepted, { reason: 8 }, ctx({ shop: { ...shop, cancelViaApi: true } }));
    expect(viaApi.order.status).toBe('cancelled');
    expect(viaApi.operations).toEqual([{ kind: 'syncCancellation', reason: 8 }]);

    expect(errorCode(() => cancelOrder(accepted, { reason: 7 }, ctx()))).toBe('VALIDATION_FAILED');
    expect(errorCode(() => cancelOrder(order({ status: 'rakuten_processing', rmsProgress: 200 }), { reason: 8 }, ctx()))).toBe('INVALID_TRANSITION');
  });

  it('新規受付 → 出荷済み → 出荷報告済み', () => {
    const accepted = order({ status: 'new', rmsProgress: 300 });
    const shipped = registerShipment(accepted, { basketId: 1001, deliveryCompany: '1001', shippingNumber: '1234-5678-9012', shippingDate: '2026-11-22' }, ctx());
    expect(shipped.order.status).toBe('shipped');
    expect(shipped.operations).toEqual([
      { kind: 'syncShippingReport', basketId: 1001, deliveryCompany: '1001', shippingNumber: '1234-5678-9012', shippingDate: '2026-11-22' },
    ]);
    expect(shipped.order.packages[0]?.shipments).toEqual([
      { shippingDetailId: null, deliveryCompany: '1001', shippingNumber: '1234-5678-9012', shippingDate: '2026-11-22' },
    ]);

    const reported = { shippingDetailId: 55, deliveryCompany: '1001', shippingNumber: '1234-5678-9012', shippingDate: '2026-11-22' };
    const completed = progressTo(shipped.order, 500, { packages: [pkg({ shipments: [reported] })] });
    expect(completed.status).toBe('completed');
    expect(completed.packages[0]?.shipments).toEqual([reported]);
  });

  it('保留と解除', () => {
    const accepted = order({ status: 'new', rmsProgress: 300 });
    const held = holdOrder(accepted, ctx());
    expect(held.order).toMatchObject({ status: 'on_hold', statusBeforeHold: 'new' });
    expect(held.operations).toEqual([]);
    expect(errorCode(() => registerShipment(held.order, { basketId: 1001, deliveryCompany: '1001', shippingNumber: '1', shippingDate: '2026-11-22' }, ctx()))).toBe(
      'INVALID_TRANSITION',
    );
    expect(releaseOrder(held.order, ctx()).order).toMatchObject({ status: 'new', statusBeforeHold: null });

    // RMS carries on beneath the hold: the release returns to where the order is by then.
    const heldWhileProcessing = holdOrder(order({ status: 'rakuten_processing', rmsProgress: 200 }), ctx()).order;
    const readyBeneath = progressTo(heldWhileProcessing, 300);
    expect(readyBeneath).toMatchObject({ status: 'on_hold', statusBeforeHold: 'new' });
    expect(releaseOrder(readyBeneath, ctx()).order.status).toBe('new');
    // A cancellation in RMS ends the hold.
    expect(progressTo(readyBeneath, 900)).toMatchObject({ status: 'cancelled', statusBeforeHold: null });
  });

  it('楽天処理中は編集不可（出荷予定日・お届け日時のみ）', () => {
    const processing = order({ status: 'rakuten_processing', rmsProgress: 200 });
    expect(errorCode(() => editOrder(processing, { packages: [{ basketId: 1001, postagePrice: 800 }] }, ctx()))).toBe('ORDER_NOT_EDITABLE');
    expect(errorCode(() => editOrder(processing, { packages: [{ basketId: 1001, items: [{ itemDetailId: 1001, units: 2 }] }] }, ctx()))).toBe(
      'ORDER_NOT_EDITABLE',
    );
    expect(errorCode(() => editOrder(processing, { paymentCharge: 300 }, ctx()))).toBe('ORDER_NOT_EDITABLE');
    expect(errorCode(() => confirmOrder(processing, ctx()))).toBe('INVALID_TRANSITION');
    expect(errorCode(() => cancelOrder(processing, { reason: 8 }, ctx()))).toBe('INVALID_TRANSITION');

    const planned = editOrder(processing, { plannedShipDate: '2026-12-20' }, ctx());
    expect(planned.order.plannedShipDate).toBe('2026-12-20');
    expect(planned.operations).toEqual([{ kind: 'syncPlannedShipDate', basketId: 1001, shippingDate: '2026-12-20', deliveryCompany: '1001' }]);

    const delivery = editOrder(processing, { deliveryDate: '2026-12-24', shippingTerm: 1416 }, ctx());
    expect(delivery.operations).toEqual([{ kind: 'syncDeliveryDateTime', deliveryDate: '2026-12-24', shippingTerm: 1416 }]);
    expect(delivery.history[0]?.summary).toContain('14時〜16時');
  });

  it('送料未確定では注文確認不可', () => {
    const undetermined = withPostage(order(), UNDETERMINED);
    expect(errorCode(() => confirmOrder(undetermined, ctx()))).toBe('POSTAGE_UNDETERMINED');

    const priced = editOrder(undetermined, { packages: [{ basketId: 1001, postagePrice: 800 }] }, ctx());
    expect(priced.operations).toEqual([{ kind: 'syncPostageAndFees', reductionReason: null, expectedRequestPrice: 1800 }]);
    expect(confirmOrder(priced.order, ctx()).order.status).toBe('confirmation_queued');
  });

  it('減額には減額理由が必要・増額は不要', () => {
    const waiting = order();
    const lower = { packages: [{ basketId: 1001, items: [{ itemDetailId: 1001, price: 800 }] }] };
    expect(errorCode(() => editOrder(waiting, lower, ctx()))).toBe('REDUCTION_REASON_REQUIRED');
    expect(errorCode(() => editOrder(waiting, { ...lower, reductionReason: 7 }, ctx()))).toBe('INVALID_REDUCTION_REASON');

    const reduced = editOrder(waiting, { ...lower, reductionReason: 8 }, ctx());
    expect(reduced.order.reductionReason).toBe(8);
    expect(reduced.operations).toEqual([{ kind: 'syncItemChanges', reductionReason: 8, expectedRequestPrice: 1300 }]);
    expect(reduced.history[0]?.summary).toContain('減額理由: 欠品');
    expect(reduced.history[0]).toMatchObject({ before: { 'items.1001.price': 1000, reductionReason: null }, after: { 'items.1001.price': 800, reductionReason: 8 } });

    const raised = editOrder(waiting, { packages: [{ basketId: 1001, postagePrice: 700, items: [{ itemDetailId: 1001, units: 2 }] }] }, ctx());
    expect(raised.operations).toEqual([{ kind: 'syncItemChanges', reductionReason: null, expectedRequestPrice: 2700 }]);
    expect(raised.order.reductionReason).toBeNull();
  });
});
