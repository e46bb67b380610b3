import { afterEach, describe, expect, it } from 'vitest';
import type { RmsHttp } from '../../../src/rms/http.ts';
import { resolveDeps } from '../../../src/sync/context.ts';
import { fullCycle, runForShops } from '../../../src/sync/cycle.ts';
import { startWorker } from '../../../src/sync/index.ts';
import { testEngine } from '../../support/database.ts';
import { SHOP, startHarness, type Harness } from './harness.ts';

describe(`new orders before bulk work (${testEngine})`, () => {
  let h: Harness;
  afterEach(async () => h?.close());

  /**
   * 400 orders in 楽天処理中 make a refresh turn of two chunks. The first getOrder of the turn
   * places a new order and moves the business clock past the check interval.
   */
  async function turnWithNewOrder(newOrderCheckIntervalMs: number) {
    let onGetOrder: (() => void) | null = null;
    const http = (inner: RmsHttp): RmsHttp => async (request) => {
      if (new URL(request.url).pathname.split('/').filter(Boolean).at(-1) === 'getOrder') onGetOrder?.();
      return inner(request);
    };
    h = await startHarness({ autoConfirm: true, http, options: { newOrderCheckIntervalMs } });
    const backlog = new Set(h.place('card_ok', 400));
    await h.sync();
    const fresh: string[] = [];
    onGetOrder = () => {
      if (fresh.length > 0) return;
      h.advance(15);
      fresh.push(...h.place('card_ok', 1));
    };
    const before = h.sandbox.sandbox.ledger({ operation: 'getOrder' }).length;
    const resolved = resolveDeps(h.deps);
    const summary = await runForShops(resolved, { shopCode: SHOP, trigger: 'worker' }, fullCycle);
    const reads = h.sandbox.sandbox.ledger({ operation: 'getOrder' }).slice(before);
    return {
      freshAt: reads.findIndex((e) => e.orderNumbers.includes(fresh[0]!)),
      lastTurnAt: reads.findLastIndex((e) => e.orderNumbers.some((n) => backlog.has(n))),
      cycleCalls: summary.rmsCalls,
      checkCalls: resolved.newOrderCheckCalls.take(),
    };
  }

  it('imports an order placed during a refresh turn before the turn goes on, its calls counted apart for the pause to pay for', async () => {
    const { freshAt, lastTurnAt, cycleCalls, checkCalls } = await turnWithNewOrder(10_000);
    expect(freshAt).toBeGreaterThanOrEqual(0);
    expect(freshAt).toBeLessThan(lastTurnAt);
    // The check's searchOrder and the new order's getOrder, within the cycle's own count.
    expect(checkCalls).toBeGreaterThanOrEqual(2);
    expect(checkCalls).toBeLessThan(cycleCalls);
  });

  it('without checks, the order waits for the next cycle', async () => {
    const { freshAt, checkCalls } = await turnWithNewOrder(0);
    expect(freshAt).toBe(-1);
    expect(checkCalls).toBe(0);
  });

  it('a worker looks for new orders between its cycles, every check interval, not every cycle interval', async () => {
    h = await startHarness({ options: { newOrderCheckIntervalMs: 1_000 } });
    let cycles = 0;
    const worker = startWorker(h.deps, { intervalMs: 60_000, shopCode: SHOP, onCycle: () => cycles++ });
    try {
      while (cycles === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      const [placed] = h.place('card_ok', 1);
      h.advance(2);
      const started = Date.now();
      const orders = h.store.orders;
      while (!(await orders.getMany([placed!])).length && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 50));
      expect((await orders.getMany([placed!])).length).toBe(1);
      expect(cycles).toBe(1);
    } finally {
      await worker.stop();
    }
  });
});
