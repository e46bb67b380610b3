import { afterEach, describe, expect, it } from 'vitest';
import { realSleep } from '../../../src/rms/retry.ts';
import type { OperationName } from '../../../src/rms/wire/operations.ts';
import { listSyncRuns } from '../../../src/sync/index.ts';
import { testEngine } from '../../support/database.ts';
import { SHOP, startHarness, STAFF, type Harness } from './harness.ts';
import { Store } from '../../../src/store/store.ts';
import { SYSTEM_CALLER } from '../../../src/app/caller.ts';

const MINUTE = 60;

describe(`sync under RMS faults (${testEngine})`, () => {
  let h: Harness;
  afterEach(async () => h?.close());

  /** An order in 新規受付, ready for a shipping report. */
  async function readyToShip(): Promise<string> {
    const [n] = h.place('card_ok') as [string];
    await h.sync();
    await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    await h.sync();
    h.advance(30 * MINUTE);
    await h.sync();
    return n;
  }

  function dropAfterApply(operation: OperationName): void {
    h.sandbox.sandbox.updateFaults({ dropAfterApplyRate: 1, operations: [operation] });
  }

  it('confirmOrder applied, then the connection dropped: re-read, not resent — one effect in the ledger', async () => {
    h = await startHarness();
    const [n] = h.place('card_ok') as [string];
    await h.sync();
    await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    dropAfterApply('confirmOrder');
    const run = await h.sync();
    expect(run.failed).toBe(0);
    expect(h.calls(n, 'confirmOrder')).toHaveLength(1);
    expect(h.effects(n, 'confirmOrder')).toHaveLength(1);
    expect((await h.order(n)).status).toBe('rakuten_processing');
    expect((await h.outbox(n)).map((e) => e.state)).toEqual(['succeeded']);
  });

  it('updateOrderShipping applied, then dropped: exactly one shipping row in RMS', async () => {
    h = await startHarness();
    const n = await readyToShip();
    const order = await h.order(n);
    // The computed ship-by date went out first (出荷予定日連携); the report completes that row.
    const before = h.effects(n, 'updateOrderShipping').length;
    await h.orders.registerShipment(
      SYSTEM_CALLER,
      n,
      order.version,
      { basketId: order.packages[0]!.basketId, deliveryCompany: '1002', shippingNumber: '400011112222', shippingDate: '2026-03-03' },
      STAFF,
    );
    dropAfterApply('updateOrderShipping');
    const run = await h.sync();
    expect(run.failed).toBe(0);
    expect(h.effects(n, 'updateOrderShipping')).toHaveLength(before + 1);
    const rows = (h.rmsOrder(n) as unknown as { PackageModelList: { ShippingModelList: unknown[] }[] }).PackageModelList[0]!.ShippingModelList;
    expect(rows).toHaveLength(1);
  });

  it('updateOrderSender applied, then dropped: the edit reaches RMS once', async () => {
    h = await startHarness();
    const [n] = h.place('postage_undetermined') as [string];
    await h.sync();
    const order = await h.order(n);
    await h.orders.edit(SYSTEM_CALLER, n, order.version, { packages: [{ basketId: order.packages[0]!.basketId, postagePrice: 700 }] }, STAFF);
    dropAfterApply('updateOrderSender');
    const run = await h.sync();
    expect(run.failed).toBe(0);
    expect(h.effects(n, 'updateOrderSender')).toHaveLength(1);
    expect(run.messages.some((m) => m.orderNumber === n && m.code === 'PUSHED')).toBe(true);
  });

  it('under a 503 maintenance window nothing is lost: the run says so, and the next one delivers', async () => {
    h = await startHarness();
    const numbers = h.place('card_ok', 3);
    await h.sync();
    for (const n of numbers) await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    const now = h.clock.now();
    h.sandbox.sandbox.updateFaults({ maintenance: { from: now.toISOString(), to: new Date(now.getTime() + 3_600_000).toISOString() } });

    const during = await h.sync();
    expect(during.outcome).toBe('failed');
    expect(during.messages.some((m) => m.code === 'RMS_UNAVAILABLE')).toBe(true);
    for (const n of numbers) expect((await h.order(n)).status).toBe('confirmation_queued');

    h.advance(2 * 3600);
    const after = await h.sync();
    expect(after.outcome).toBe('succeeded');
    expect(after.pushed).toBe(3);
    for (const n of numbers) {
      expect((await h.order(n)).status).not.toBe('confirmation_queued');
      expect(h.effects(n, 'confirmOrder')).toHaveLength(1);
    }
    const runs = await listSyncRuns(h.store, { limit: 5 });
    expect(runs[0]!.runId).toBe(after.runId);
    expect(runs[1]!.messages.some((m) => m.code === 'RMS_UNAVAILABLE')).toBe(true);
  });

  it('under random 503s every queued operation eventually succeeds, each exactly once', async () => {
    h = await startHarness({ options: { transientRetryDelayMs: 60_000 } });
    const numbers = h.place('postage_undetermined', 4);
    await h.sync();
    for (const n of numbers) {
      const order = await h.order(n);
      await h.orders.edit(SYSTEM_CALLER, n, order.version, { packages: [{ basketId: order.packages[0]!.basketId, postagePrice: 550 }] }, STAFF);
      await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    }
    h.sandbox.sandbox.updateFaults({ errorRate5xx: 0.3, error5xxStatus: 503, seed: 11 });
    const runs = [];
    for (let i = 0; i < 12; i++) {
      runs.push(await h.sync());
      const open = (await Promise.all(numbers.map((n) => h.outbox(n)))).flat().filter((e) => e.state !== 'succeeded');
      if (open.length === 0) break;
      h.advance(120);
    }
    for (const n of numbers) {
      expect((await h.outbox(n)).map((e) => e.state)).toEqual(['succeeded', 'succeeded']);
      expect(h.effects(n, 'updateOrderSender')).toHaveLength(1);
      expect(h.effects(n, 'confirmOrder')).toHaveLength(1);
    }
    expect(runs.reduce((sum, r) => sum + r.pushed, 0)).toBe(8);
  });

  it('429 from RMS is retried after a pause until the calls get through', async () => {
    h = await startHarness({ sleep: realSleep, options: { retry: { maxAttempts: 12, baseDelayMs: 200, maxDelayMs: 1000, maintenanceBaseDelayMs: 200 } } });
    const numbers = h.place('card_ok', 3);
    h.sandbox.sandbox.updateFaults({ rateLimitPerSecond: 1, rateLimitStatus: 429 });
    const run = await h.sync();
    expect(run.outcome).toBe('succeeded');
    expect(run.imported).toBe(3);
    expect(h.sandbox.sandbox.ledger().some((e) => e.httpStatus === 429)).toBe(true);
    for (const n of numbers) expect((await h.order(n)).status).toBe('awaiting_confirmation');
  });

  it('a refused license key stops the shop with an alert; a new key is used at the next run without a restart', async () => {
    h = await startHarness();
    const [n] = h.place('card_ok') as [string];
    await h.sync();
    await h.orders.confirm(SYSTEM_CALLER, n, undefined, STAFF);
    await h.shops.updateCredentials(SYSTEM_CALLER, SHOP, { licenseKey: 'SL-revoked-key' }, STAFF);

    const refused = await h.sync();
    expect(refused.outcome).toBe('failed');
    expect(refused.messages.map((m) => m.code)).toContain('RMS_AUTH_FAILED');
    expect(JSON.stringify(refused)).not.toContain('SL-revoked-key');
    // Kept as a code with parameters, no finished sentence: the UI words it in its own language.
    expect((await Store.open(h.db).syncShopState.get(SHOP)).alert).toMatchObject({ code: 'RMS_AUTH_FAILED', params: {}, storedText: null });
    expect((await h.order(n)).status).toBe('confirmation_queued');

    h.sandbox.sandbox.createShop({ serviceSecret: h.serviceSecret, licenseKey: 'SL-renewed-key' });
    await h.shops.updateCredentials(SYSTEM_CALLER, SHOP, { licenseKey: 'SL-renewed-key' }, STAFF);
    const resumed = await h.sync();
    expect(resumed.outcome).toBe('succeeded');
    expect((await h.order(n)).status).toBe('rakuten_processing');
    expect((await Store.open(h.db).syncShopState.get(SHOP)).alert).toBeNull();
  });

  it('a malformed order record is quarantined with its reason and the rest of the run carries on', async () => {
    let corrupted: string | null = null;
    h = await startHarness({
      http: (inner) => async (request) => {
        const response = await inner(request);
        if (!request.url.endsWith('/getOrder/') || corrupted !== null) return response;
        const body = JSON.parse(response.body) as { OrderModelList: Record<string, unknown>[] };
        const victim = body.OrderModelList[0];
        if (!victim) return response;
        corrupted = victim.orderNumber as string;
        victim.orderDatetime = 'yesterday';
        return { ...response, body: JSON.stringify(body) };
      },
    });
    const numbers = h.place('card_ok', 3);
    const run = await h.sync();
    expect(run.quarantined).toBe(1);
    expect(run.imported).toBe(2);
    expect(run.outcome).toBe('failed');
    const kept = await Store.open(h.db).syncQuarantine.list(SHOP);
    expect(kept.map((q) => q.orderNumber)).toEqual([corrupted]);
    expect(kept[0]!.error).toContain('orderDatetime');
    // The record is fetched again by the next run's import and comes in once RMS sends it intact.
    const next = await h.sync();
    expect(next.imported).toBe(1);
    for (const n of numbers) expect(await h.order(n)).toBeTruthy();
  });
});
