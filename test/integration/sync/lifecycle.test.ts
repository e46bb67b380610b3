import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../support/database.ts';
import { startHarness, STAFF, type Harness } from './harness.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

const MINUTE = 60;
const DAY = 86_400;

describe(`sync lifecycle against the sandbox (${testEngine})`, () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('auto-confirm OFF: 注文確認待ち → confirm → 楽天処理中 → 新規受付 → 出荷済み → 出荷報告済み', async () => {
    h = await startHarness();
    const [n] = h.place('card_ok') as [string];

    const first = await h.sync();
    expect(first.outcome).toBe('succeeded');
    expect(first.imported).toBe(1);
    expect((await h.order(n)).status).toBe('awaiting_confirmation');

    const order = await h.order(n);
    await h.orders.confirm(SYSTEM_CALLER, n, order.version, STAFF);
    expect((await h.order(n)).status).toBe('confirmation_queued');

    const pushed = await h.sync();
    expect(pushed.pushed).toBe(1);
    expect((await h.order(n)).status).toBe('rakuten_processing');
    expect(h.effects(n, 'confirmOrder')).toHaveLength(1);

    h.advance(30 * MINUTE);
    await h.sync();
    const ready = await h.order(n);
    expect(ready.status).toBe('new');

    await h.orders.registerShipment(
      SYSTEM_CALLER,
      n,
      ready.version,
      { basketId: ready.packages[0]!.basketId, deliveryCompany: '1001', shippingNumber: '123456789012', shippingDate: '2026-03-03' },
      STAFF,
    );
    expect((await h.order(n)).status).toBe('shipped');
    const report = await h.sync();
    expect(report.pushed).toBe(1);
    // The ship-by date computed at import went first (出荷予定日連携); the report completes its row.
    expect(h.effects(n, 'updateOrderShipping')).toHaveLength(2);

    h.advance(2 * DAY);
    await h.sync();
    expect(h.rmsOrder(n).orderProgress).toBeGreaterThanOrEqual(500);
    expect((await h.order(n)).status).toBe('completed');
  });
});
