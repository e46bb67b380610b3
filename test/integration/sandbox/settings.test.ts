import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxClock } from '../../../src/sandbox/index.ts';
import { DAY, Harness } from './harness.ts';

describe('the sandbox clock', () => {
  it('runs with the system clock plus an offset, or stands still when frozen', () => {
    let system = 1_000_000;
    const running = new SandboxClock('running', new Date(5_000_000), () => system);
    system += 2_000;
    expect(running.now().getTime()).toBe(5_002_000);
    running.advance(60);
    expect(running.now().getTime()).toBe(5_062_000);
    const frozen = new SandboxClock('frozen', new Date(5_000_000), () => system);
    system += 10_000;
    expect(frozen.now().getTime()).toBe(5_000_000);
    expect(frozen.set(new Date(7_000_000)).getTime()).toBe(7_000_000);
  });

  it('keeps running over HTTP and applies rules when moved', async () => {
    const h = await Harness.start({ clock: 'running' });
    const first = Date.parse((await h.control<{ now: string }>('GET', '/sandbox/clock')).body.now);
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    const moved = Date.parse(await h.advance(15 * DAY));
    expect(moved - first).toBeGreaterThanOrEqual(15 * DAY * 1000);
    expect((await h.order(orderNumber)).orderProgress).toBe(900);
    await h.close();
  });
});

describe('settings for the readings the reference leaves open', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await Harness.start({
      settings: {
        gatewayErrorStatus: 200,
        gatewayMessageKey: 'errorMessage',
        licenseExpiryDateFormat: 'date',
        emptyListsAsNull: true,
        taxSummaryAllUndetermined: false,
        codFeeAsPaymentCharge: false,
        cancelDueDateDays: null,
        buyerCancelUntilConfirmed: true,
        requireTrackingForAllCarriers: true,
      },
    });
  });
  afterAll(() => h.close());

  it('shapes the gateway error and the expiry date as configured', async () => {
    const refused = await h.rms('getSubStatusList', {}, { ...h.shop, licenseKey: 'wrong' });
    expect(refused).toEqual({ status: 200, body: { Results: { errorCode: 'ES01-01', errorMessage: 'Un-Authorised' } } });
    const expiry = await fetch(`${h.url}/es/1.0/license-management/license-key/expiry-date?licenseKey=${h.shop.licenseKey}`, { headers: { authorization: h.authorization() } });
    expect(await expiry.json()).toEqual({ expiryDate: '2026-05-17' });
  });

  it('shapes empty lists, cancelDueDate, COD and TaxSummary as configured', async () => {
    const [orderNumber] = (await h.orders('cod', 1, { seed: 4 })) as [string];
    const order = await h.order(orderNumber);
    expect([order.receiptIssueHistoryList, order.DueDateModelList, order.cancelDueDate]).toEqual([null, null, null]);
    expect(order.paymentCharge).toBe(0);
    expect(order.requestPrice).toBe(order.totalPrice);
    const [undetermined] = (await h.orders('postage_undetermined')) as [string];
    const rows = (await h.order(undetermined)).TaxSummaryModelList;
    expect(rows.every((r: { totalPrice: number; couponPrice: number }) => r.totalPrice === -9999 && r.couponPrice === 0)).toBe(true);
  });

  it('lets the buyer cancel until confirmation when so configured', async () => {
    const [orderNumber] = (await h.orders('card_ok')) as [string];
    await h.advance(2 * 60 * 60);
    expect((await h.control('POST', `/sandbox/orders/${orderNumber}/buyer-cancel`)).status).toBe(200);
  });

  it('can require tracking numbers even for carrier その他', async () => {
    const shop = await h.createShop({ autoConfirm: true });
    const [orderNumber] = (await h.orders('card_ok', 1, {}, shop)) as [string];
    await h.advance(300);
    const basketId = (await h.order(orderNumber)).PackageModelList[0].basketId;
    await h.rms('updateOrderShipping', { orderNumber, BasketidModelList: [{ basketId, ShippingModelList: [{ deliveryCompany: '1000', shippingDate: '2026-02-16' }] }] }, shop);
    expect((await h.order(orderNumber)).sandbox.scheduledEvents).toEqual([]);
  });
});
