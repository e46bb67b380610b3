import { describe, expect, it } from 'vitest';
import { applyConfirmationOutcome, applyRmsSnapshot } from '../../../src/domain/rms-updates.ts';
import { editOrder } from '../../../src/domain/edits.ts';
import { holdOrder, registerShipment } from '../../../src/domain/staff-actions.ts';
import { UNDETERMINED, yen } from '../../../src/domain/money.ts';
import { ctx, errorCode, item, order, pkg, shop, snapshot, withPostage, worker } from './fixtures.ts';

const sync = ctx({ actor: worker });

describe('applyRmsSnapshot', () => {
  it('hands back the very same order when RMS reports nothing new', () => {
    const known = order({ status: 'new', rmsProgress: 300, plannedShipDate: '2026-12-01', version: 9 });
    const result = applyRmsSnapshot(known, snapshot(300, { orderedAt: new Date(known.orderedAt.getTime()) }), sync);
    expect(result.order).toBe(known);
    expect(result).toMatchObject({ operations: [], history: [] });
  });

  it('takes RMS fields, keeps local ones and the version, and records what changed in RMS', () => {
    const known = order({ status: 'new', rmsProgress: 300, plannedShipDate: '2026-12-01', version: 9, subStatusId: null });
    const rms = snapshot(300, {
      subStatusId: 4,
      subStatusName: 'ギフト確認中',
      memo: '担当: 佐藤',
      deliveryDate: '2026-12-05',
      shippingTerm: 2,
      rmsAmounts: { ...known.rmsAmounts, requestPrice: yen(1700), postagePrice: yen(700), totalPrice: yen(1700) },
      packages: [pkg({ postagePrice: yen(700) })],
    });
    const result = applyRmsSnapshot(known, rms, sync);
    expect(result.order).toMatchObject({ status: 'new', plannedShipDate: '2026-12-01', version: 9, subStatusName: 'ギフト確認中', memo: '担当: 佐藤' });
    expect(result.order.packages[0]?.postagePrice).toEqual(yen(700));
    expect(result.history.map((h) => [h.action, h.actor.kind])).toEqual([
      ['rmsAmountsChanged', 'rms'],
      ['rmsSubStatusChanged', 'rms'],
      ['rmsDeliveryChanged', 'rms'],
    ]);
    expect(result.history[0]?.summary).toBe('RMSで金額が変わりました: 送料 ¥500 → ¥700、合計金額 ¥1,500 → ¥1,700、請求金額 ¥1,500 → ¥1,700');
    expect(result.history[2]?.summary).toContain('午後');
  });

  it('never lets an import undo a staff edit still waiting in the outbox', () => {
    const waiting = order();
    const edited = editOrder(waiting, { packages: [{ basketId: 1001, postagePrice: 300, items: [{ itemDetailId: 1001, price: 900 }] }], reductionReason: 8, deliveryDate: '2026-12-05' }, ctx()).order;
    const stale = snapshot(100);
    const kept = applyRmsSnapshot(edited, stale, sync, { pendingOperations: ['syncItemChanges', 'syncDeliveryDateTime'] }).order;
    expect(kept.packages[0]).toMatchObject({ postagePrice: yen(300), items: [expect.objectContaining({ price: 900 })] });
    expect(kept).toMatchObject({ reductionReason: 8, deliveryDate: '2026-12-05' });

    // Once the outbox is through, RMS is the truth again and the 減額理由 is spent.
    const settled = applyRmsSnapshot(edited, snapshot(100, { packages: [pkg({ postagePrice: yen(300), items: [item({ price: 900 })] })] }), sync).order;
    expect(settled).toMatchObject({ reductionReason: null, deliveryDate: null });
  });

  it('keeps a registered shipment until RMS has it', () => {
    const shipped = registerShipment(order({ status: 'new', rmsProgress: 300 }), { basketId: 1001, deliveryCompany: '1001', shippingNumber: 'A1', shippingDate: '2026-11-22' }, ctx()).order;
    const before = applyRmsSnapshot(shipped, snapshot(300), sync, { pendingOperations: ['syncShippingReport'] });
    expect(before.order.status).toBe('shipped');
    expect(before.order.packages[0]?.shipments).toHaveLength(1);
    expect(before.history).toEqual([]);

    // RMS now has it, with its row id: the same shipment, nothing to tell staff.
    const accepted = { shippingDetailId: 12, deliveryCompany: '1001', shippingNumber: 'A1', shippingDate: '2026-11-22' };
    const after = applyRmsSnapshot(shipped, snapshot(300, { packages: [pkg({ shipments: [accepted] })] }), sync);
    expect(after.order.packages[0]?.shipments).toEqual([accepted]);
    expect(after.history).toEqual([]);

    // A tracking number corrected in RMS is news.
    const corrected = { ...accepted, shippingNumber: 'A2' };
    const changed = applyRmsSnapshot(after.order, snapshot(300, { packages: [pkg({ shipments: [corrected] })] }), sync);
    expect(changed.history.map((h) => h.summary)).toEqual(['RMSの発送情報が変わりました: ヤマト運輸 A2 発送日 2026-11-22、1件削除']);
  });

  it('confirms for an auto-confirm shop an order RMS still has awaiting confirmation, once its amounts are known', () => {
    const auto = ctx({ actor: worker, shop: { ...shop, autoConfirm: true } });
    const result = applyRmsSnapshot(null, snapshot(100), auto);
    expect(result.order.status).toBe('confirmation_queued');
    expect(result.operations).toEqual([{ kind: 'syncConfirmation' }]);
    expect(result.history.map((h) => [h.action, h.actor.kind])).toEqual([
      ['imported', 'rms'],
      ['autoConfirmed', 'system'],
    ]);
    const open = applyRmsSnapshot(null, withPostage(snapshot(100), UNDETERMINED), auto);
    expect(open.order.status).toBe('awaiting_confirmation');
    expect(open.operations).toEqual([]);
  });

  it('moves a held order beneath its hold, and sends the confirmation for one cancelled while awaiting it', () => {
    const held = holdOrder(order(), ctx()).order;
    const cancelled = applyRmsSnapshot(held, snapshot(900), sync);
    expect(cancelled.order).toMatchObject({ status: 'on_hold', statusBeforeHold: 'confirmation_queued' });
    expect(cancelled.operations).toEqual([{ kind: 'syncConfirmation' }]);
    expect(applyConfirmationOutcome(cancelled.order, 'cancelled', sync).order).toMatchObject({ status: 'cancelled', statusBeforeHold: null });
  });

  it('settles a cancelled order whose confirmation is no longer on its way', () => {
    const queued = order({ status: 'confirmation_queued', rmsProgress: 900 });
    expect(applyRmsSnapshot(queued, snapshot(900), sync, { pendingOperations: ['syncConfirmation'] }).order).toBe(queued);
    const settled = applyRmsSnapshot(queued, snapshot(900), sync, { pendingOperations: [] });
    expect(settled.order.status).toBe('cancelled');
    expect(settled.history.map((h) => h.action)).toEqual(['rmsCancelled']);
  });

  it('does not go back when RMS reports an older progress late', () => {
    const ready = order({ status: 'new', rmsProgress: 300 });
    expect(applyRmsSnapshot(ready, snapshot(200), sync).order.status).toBe('new');
  });
});

describe('applyConfirmationOutcome', () => {
  const queued = order({ status: 'confirmation_queued' });

  it('moves 注文確認連携待ち on by what confirmOrder answered', () => {
    expect(applyConfirmationOutcome(queued, 'accepted', sync).order).toMatchObject({ status: 'rakuten_processing', confirmedAt: sync.now });
    const already = applyConfirmationOutcome(queued, 'alreadyConfirmed', sync);
    expect(already.order).toMatchObject({ status: 'rakuten_processing', confirmedAt: null });
    expect(already.history[0]?.summary).toContain('RMSでは注文確認済みでした');
    expect(applyConfirmationOutcome(queued, 'cancelled', sync).order.status).toBe('cancelled');
  });

  it('takes a late answer calmly once polling moved the order on, and refuses one for an order never sent', () => {
    expect(applyConfirmationOutcome(order({ status: 'new', rmsProgress: 300 }), 'accepted', sync).order.status).toBe('new');
    expect(errorCode(() => applyConfirmationOutcome(order(), 'accepted', sync))).toBe('INVALID_TRANSITION');
  });
});
