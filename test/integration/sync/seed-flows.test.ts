import { afterEach, describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import { testEngine } from '../../support/database.ts';
import { startHarness, STAFF, type Harness } from './harness.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

const MINUTE = 60;
const DAY = 86_400;

/** Each of the seed's flows (shared/seed/000_…txt), end to end over HTTP against the sandbox. */
describe(`seed flows (${testEngine})`, () => {
  let h: Harness;
  afterEach(async () => h?.close());

  async function confirmAndPush(n: string): Promise<void> {
    await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    await h.sync();
  }

  it('auto-confirm ON: the order arrives in 楽天処理中 and moves to 新規受付 when RMS reaches 300', async () => {
    h = await startHarness({ autoConfirm: true });
    const [n] = h.place('card_ok') as [string];
    await h.sync();
    expect((await h.order(n)).status).toBe('rakuten_processing');
    expect(h.calls(n, 'confirmOrder')).toHaveLength(0);
    h.advance(30 * MINUTE);
    await h.sync();
    expect((await h.order(n)).status).toBe('new');
  });

  it('an edit that lowers the amount carries the 減額理由, then the confirmation goes through', async () => {
    h = await startHarness();
    const [n] = h.place('postage_undetermined') as [string];
    await h.sync();
    const order = await h.order(n);
    const pkg = order.packages[0]!;
    const item = pkg.items[0]!;

    await expect(h.orders.confirm(SYSTEM_CALLER, n, order.version, STAFF)).rejects.toMatchObject({ code: 'POSTAGE_UNDETERMINED' });
    await expect(
      h.orders.edit(SYSTEM_CALLER, n, order.version, { packages: [{ basketId: pkg.basketId, postagePrice: 600, items: [{ itemDetailId: item.itemDetailId, price: item.price - 100 }] }] }, STAFF),
    ).rejects.toMatchObject({ code: 'REDUCTION_REASON_REQUIRED' });

    await h.orders.edit(
      SYSTEM_CALLER,
      n,
      order.version,
      { packages: [{ basketId: pkg.basketId, postagePrice: 600, items: [{ itemDetailId: item.itemDetailId, price: item.price - 100 }] }], reductionReason: 8 },
      STAFF,
    );
    await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    const run = await h.sync();
    expect(run.failed).toBe(0);
    expect(run.pushed).toBe(2);

    const sent = h.effects(n, 'updateOrderSender');
    expect(sent).toHaveLength(1);
    const rms = h.rmsOrder(n) as unknown as { PackageModelList: { postagePrice: number; ItemModelList: { itemDetailId: number; price: number }[] }[]; ChangeReasonModelList: { changeTypeDetail: number | null; changeReasonDetail: number | null }[] };
    expect(rms.PackageModelList[0]!.postagePrice).toBe(600);
    expect(rms.PackageModelList[0]!.ItemModelList.find((i) => i.itemDetailId === item.itemDetailId)!.price).toBe(item.price - 100);
    expect(h.effects(n, 'confirmOrder')).toHaveLength(1);
    expect((await h.order(n)).status).toBe('rakuten_processing');
  });

  it('an edit that raises the amount needs no 減額理由', async () => {
    h = await startHarness();
    const [n] = h.place('postage_undetermined') as [string];
    await h.sync();
    const order = await h.order(n);
    await h.orders.edit(SYSTEM_CALLER, n, order.version, { packages: [{ basketId: order.packages[0]!.basketId, postagePrice: 880 }] }, STAFF);
    await confirmAndPush(n);
    expect(h.effects(n, 'updateOrderSender')).toHaveLength(1);
    expect((await h.order(n)).status).toBe('rakuten_processing');
  });

  it('payment NG: stays 楽天処理中, then RMS cancels it automatically → キャンセル, listed in the run', async () => {
    h = await startHarness();
    const [n] = h.place('card_ng') as [string];
    await h.sync();
    await confirmAndPush(n);
    h.advance(30 * MINUTE);
    await h.sync();
    expect((await h.order(n)).status).toBe('rakuten_processing');

    h.advance(8 * DAY);
    const run = await h.sync();
    expect((await h.order(n)).status).toBe('cancelled');
    expect(run.cancelledOrderNumbers).toContain(n);
  });

  it('a buyer cancel within 30 minutes while 注文確認待ち → 注文確認連携待ち → キャンセル (confirmOrder answers ERROR_102)', async () => {
    h = await startHarness();
    const [n] = h.place('card_ok') as [string];
    await h.sync();
    expect((await h.order(n)).status).toBe('awaiting_confirmation');

    h.advance(10 * MINUTE);
    h.sandbox.sandbox.buyerCancel(n);
    const run = await h.sync();
    expect((await h.order(n)).status).toBe('cancelled');
    expect(run.cancelledOrderNumbers).toEqual([n]);
    expect(h.calls(n, 'confirmOrder').map((c) => c.messageCodes)).toEqual([['ORDER_EXT_API_CONFIRM_ORDER_ERROR_102']]);
  });

  it('a cancel in RMS while 楽天処理中 is picked up by キャンセル注文状況取得', async () => {
    h = await startHarness();
    const [n] = h.place('prepay_unpaid') as [string];
    await h.sync();
    await confirmAndPush(n);
    expect((await h.order(n)).status).toBe('rakuten_processing');
    h.advance(8 * DAY);
    expect(h.rmsOrder(n).orderProgress).toBeGreaterThanOrEqual(800);
    const run = await h.sync();
    expect((await h.order(n)).status).toBe('cancelled');
    expect(run.cancelledOrderNumbers).toContain(n);
  });

  it('a confirmation RMS refuses (ERROR_105) stays visible to staff with RMS’s message, and is not retried', async () => {
    h = await startHarness();
    const [n] = h.place('card_ok') as [string];
    await h.sync();
    await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    // Someone sets the postage back to undetermined in RMS before the confirmation goes out.
    const rms = h.sandbox.sandbox.findOrder(n).model as unknown as { postagePrice: number };
    rms.postagePrice = -9999;
    const run = await h.sync();
    expect(run.outcome).toBe('failed');
    const failure = run.messages.find((m) => m.orderNumber === n && m.code === 'RMS_REJECTED');
    expect(failure?.detail).toContain('ORDER_EXT_API_CONFIRM_ORDER_ERROR_105');
    const details = await h.orders.details(SYSTEM_CALLER, n);
    expect(details.order.status).toBe('confirmation_queued');
    expect(details.pendingOperations.map((o) => [o.state, o.rmsMessage?.includes('ERROR_105')])).toEqual([['failed', true]]);
    expect(details.history.at(-1)!.summary).toContain('ERROR_105');
    await h.sync();
    expect(h.calls(n, 'confirmOrder')).toHaveLength(1);

    // Staff set the postage in RMS and ask for 再送: the confirmation goes out once more.
    rms.postagePrice = 0;
    await h.orders.retryOperation(SYSTEM_CALLER, n, details.pendingOperations[0]!.id, STAFF);
    await h.sync();
    expect(h.calls(n, 'confirmOrder').map((c) => c.changedState)).toEqual([false, true]);
    const after = await h.orders.details(SYSTEM_CALLER, n);
    expect(after.pendingOperations).toEqual([]);
    expect(after.history.map((e) => e.action)).toContain('rmsOperationRequeued');
  });

  it('再送 is refused for an operation RMS did not refuse', async () => {
    h = await startHarness();
    const [n] = h.place('card_ok') as [string];
    await h.sync();
    await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    const [pending] = (await h.orders.details(SYSTEM_CALLER, n)).pendingOperations;
    await expect(h.orders.retryOperation(SYSTEM_CALLER, n, pending!.id, STAFF)).rejects.toMatchObject({ code: 'OPERATION_NOT_FAILED' });
    await expect(h.orders.retryOperation(SYSTEM_CALLER, n, pending!.id + 1000, STAFF)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a planned ship date more than 30 days away is sent as 発送日 and RMS re-authorises before it', async () => {
    h = await startHarness();
    const [n] = h.place('card_ok') as [string];
    await h.sync();
    await confirmAndPush(n);
    h.advance(30 * MINUTE);
    await h.sync();
    const order = await h.order(n);
    expect(order.status).toBe('new');

    // The ship-by date juchu computed went to RMS once, when the order reached 楽天処理中 (AUTOMATION.md).
    expect(h.effects(n, 'updateOrderShipping')).toHaveLength(1);
    await h.orders.edit(SYSTEM_CALLER, n, order.version, { plannedShipDate: '2026-04-20' }, STAFF);
    await h.sync();
    expect(h.effects(n, 'updateOrderShipping')).toHaveLength(2);
    const rows = (h.rmsOrder(n) as unknown as { PackageModelList: { ShippingModelList: { shippingDate: string | null }[] }[] }).PackageModelList[0]!.ShippingModelList;
    expect(rows.map((r) => r.shippingDate)).toEqual(['2026-04-20']);

    // A later date updates the same row rather than adding one.
    const moved = await h.order(n);
    await h.orders.edit(SYSTEM_CALLER, n, moved.version, { plannedShipDate: '2026-04-22' }, STAFF);
    await h.sync();
    const after = (h.rmsOrder(n) as unknown as { PackageModelList: { ShippingModelList: { shippingDate: string | null }[] }[] }).PackageModelList[0]!.ShippingModelList;
    expect(after.map((r) => r.shippingDate)).toEqual(['2026-04-22']);

    h.advance(45 * DAY);
    const view = h.rmsOrder(n) as unknown as { sandbox: { authorization: { reauthorizations: string[] } } };
    expect(view.sandbox.authorization.reauthorizations.length).toBeGreaterThan(0);
  });

  it('a delivery date and time update during 楽天処理中 goes out with updateOrderMemo', async () => {
    h = await startHarness();
    const [n] = h.place('card_ok') as [string];
    await h.sync();
    await confirmAndPush(n);
    const order = await h.order(n);
    expect(order.status).toBe('rakuten_processing');
    await h.orders.edit(SYSTEM_CALLER, n, order.version, { deliveryDate: '2026-03-10', shippingTerm: 1416 }, STAFF);
    await h.sync();
    expect(h.effects(n, 'updateOrderMemo')).toHaveLength(1);
    const rms = h.rmsOrder(n) as unknown as { deliveryDate: string; shippingTerm: number };
    expect(rms.deliveryDate).toBe('2026-03-10');
    expect(rms.shippingTerm).toBe(1416);
  });

  it('a shipment without a tracking number is refused locally for a carrier with tracking', async () => {
    h = await startHarness();
    const [n] = h.place('card_ok') as [string];
    await h.sync();
    await confirmAndPush(n);
    h.advance(30 * MINUTE);
    await h.sync();
    const order = await h.order(n);
    const shipment = { basketId: order.packages[0]!.basketId, deliveryCompany: '1001', shippingNumber: null, shippingDate: '2026-03-03' };
    const refused = await h.orders.registerShipment(SYSTEM_CALLER, n, order.version, shipment, STAFF).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('TRACKING_NUMBER_REQUIRED');
    expect((await h.outbox(n)).filter((e) => e.operation.kind === 'syncShippingReport')).toHaveLength(0);
    expect((await h.order(n)).status).toBe('new');
  });

  it('a shop-side cancel is sent with cancelOrder when the shop enabled it', async () => {
    h = await startHarness({ cancelViaApi: true });
    const [n] = h.place('card_ok') as [string];
    await h.sync();
    await h.orders.cancel(SYSTEM_CALLER, n, undefined, { reason: 8 }, STAFF);
    await h.sync();
    expect(h.effects(n, 'cancelOrder')).toHaveLength(1);
    expect(h.rmsOrder(n).orderProgress).toBeGreaterThanOrEqual(800);
    expect((await h.order(n)).status).toBe('cancelled');
  });

  it('without cancelViaApi a shop-side cancel stays local and tells staff to cancel in RMS', async () => {
    h = await startHarness();
    const [n] = h.place('card_ok') as [string];
    await h.sync();
    await h.orders.cancel(SYSTEM_CALLER, n, undefined, { reason: 8 }, STAFF);
    await h.sync();
    expect(h.calls(n, 'cancelOrder')).toHaveLength(0);
    const details = await h.orders.details(SYSTEM_CALLER, n);
    expect(details.history.at(-1)!.summary).toContain('RMSにログインしてキャンセル処理');
  });
});
