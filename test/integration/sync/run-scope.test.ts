import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runSyncCycle } from '../../../src/sync/index.ts';
import { testEngine } from '../../support/database.ts';
import { SHOP, STAFF, startHarness, type Harness } from './harness.ts';

/** A run started for several shops (a user limited to them) syncs those and no other. */
describe(`a sync run over several shops (${testEngine})`, () => {
  let h: Harness;
  const placed = new Map<string, string[]>();

  beforeEach(async () => {
    h = await startHarness();
    placed.set(SHOP, h.place('card_ok'));
    for (const code of ['shop2', 'shop3']) {
      const rmsShop = h.sandbox.createShop({});
      const licenseKey = rmsShop.licenses[0]!.licenseKey;
      await h.shops.add({ code, name: code, serviceSecret: rmsShop.serviceSecret, licenseKey, rmsUrl: h.sandbox.url, rateLimitPerSecond: 0 }, STAFF);
      placed.set(code, h.sandbox.generateOrders({ licenseKey, scenario: 'card_ok', count: 1 }));
    }
  });
  afterEach(() => h.close());

  it('covers the shops named that exist, in the shops’ order, and leaves the others alone', async () => {
    const run = await runSyncCycle(h.deps, { shopCodes: ['shop3', SHOP, 'no-such-shop'] });
    expect(run.shops.map((s) => s.shopCode)).toEqual([SHOP, 'shop3']);
    const stored = async (code: string) => (await h.store.orders.get(placed.get(code)![0]!)) !== null;
    expect([await stored(SHOP), await stored('shop2'), await stored('shop3')]).toEqual([true, false, true]);
  });
});
